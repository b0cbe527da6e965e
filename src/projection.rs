//! Totals over time for a steady request rate: `--per day|month` in `cost`
//! and `compare`. A month is 30 days and a year 365; a figure that needs a
//! division (per month → per day) is rounded to 6 decimal places and marked.

use rust_decimal::Decimal;
use serde::Serialize;

/// What `--requests` counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    /// --requests is per day.
    Day,
    /// --requests is per month (30 days).
    Month,
}

impl Period {
    /// `day` or `month`.
    pub fn as_str(self) -> &'static str {
        match self {
            Period::Day => "day",
            Period::Month => "month",
        }
    }
}

/// Totals over time for a steady request rate.
#[derive(Debug, Serialize)]
pub struct Projection {
    /// What `--requests` counts: `day` or `month`.
    pub requests_per: Period,
    /// USD for one request.
    pub per_request: Decimal,
    /// USD per day.
    pub daily: Decimal,
    /// USD per month of 30 days.
    pub monthly: Decimal,
    /// USD per year of 365 days.
    pub yearly: Decimal,
    /// True when a figure needed a division (per month → per day) and was
    /// rounded to 6 decimal places.
    pub rounded: bool,
}

const DAYS_PER_MONTH: u32 = 30;
const DAYS_PER_YEAR: u32 = 365;

/// Daily, monthly and yearly totals for `total` (the cost of the requests
/// of one `period`) and `per_request`; `None` on overflow.
pub fn project(total: Decimal, per_request: Decimal, period: Period) -> Option<Projection> {
    let days_month = Decimal::from(DAYS_PER_MONTH);
    let days_year = Decimal::from(DAYS_PER_YEAR);
    let (daily, rounded) = match period {
        Period::Day => (total, false),
        Period::Month => (total.checked_div(days_month)?.round_dp(6), true),
    };
    let monthly = match period {
        Period::Day => total.checked_mul(days_month)?,
        Period::Month => total,
    };
    let yearly = match period {
        Period::Day => total.checked_mul(days_year)?,
        Period::Month => total
            .checked_mul(days_year)?
            .checked_div(days_month)?
            .round_dp(6),
    };
    Some(Projection {
        requests_per: period,
        per_request,
        daily: daily.normalize(),
        monthly: monthly.normalize(),
        yearly: yearly.normalize(),
        rounded,
    })
}
