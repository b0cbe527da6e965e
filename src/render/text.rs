//! Formatting of single values shared by every text format: money, dates,
//! yes/no facts, and making untrusted catalog text safe for a terminal.

use rust_decimal::Decimal;

pub use crate::quantity::{usd, usd_places};

/// An amount that is itself a rounded estimate (a projection divided by
/// 30 days), shown the way people read money: to the cent from $1, else to
/// three significant digits. Exact amounts use [`usd`].
pub fn approx_usd(amount: Decimal) -> String {
    let rounded = if amount.abs() >= Decimal::ONE {
        amount.round_dp(2)
    } else {
        amount.round_sf(3).unwrap_or(amount)
    };
    usd(rounded)
}

/// A price per 1M tokens, or "unknown".
pub fn rate(price: Option<Decimal>) -> String {
    price.map_or_else(|| "unknown".to_string(), usd)
}

/// Cells in the longest bar of a terminal chart.
pub const BAR_WIDTH: u64 = 40;

/// A horizontal bar for `value` scaled against `max` (the longest bar),
/// followed by the amount: `██████ $0.91`. A nonzero value gets at least one
/// cell; an unknown one reads "unknown".
pub fn bar(value: Option<Decimal>, max: Decimal) -> String {
    let Some(value) = value else {
        return "unknown".to_string();
    };
    if max.is_zero() || value.is_zero() {
        return usd(value);
    }
    let cells: u64 = value
        .checked_mul(Decimal::from(BAR_WIDTH))
        .and_then(|v| v.checked_div(max))
        .and_then(|v| v.round().try_into().ok())
        .unwrap_or(BAR_WIDTH)
        .clamp(1, BAR_WIDTH);
    format!("{} {}", "█".repeat(cells as usize), usd(value))
}

/// `yes`, `no` or `unknown`.
pub fn yes_no(fact: Option<bool>) -> &'static str {
    match fact {
        Some(true) => "yes",
        Some(false) => "no",
        None => "unknown",
    }
}

/// Shows a catalog date: `2026-05-08T17:08:00Z` as `2026-05-08 17:08 UTC`;
/// a plain date as it is.
pub fn as_of(stamp: &str) -> String {
    let Some((date, time)) = stamp.split_once('T') else {
        return stamp.to_string();
    };
    let hhmm: String = time.chars().take(5).collect();
    if time.ends_with('Z') && hhmm.len() == 5 {
        format!("{date} {hhmm} UTC")
    } else {
        stamp.to_string()
    }
}

/// The date part of a catalog stamp.
pub fn date_part(stamp: &str) -> &str {
    stamp.split_once('T').map_or(stamp, |(d, _)| d)
}

/// Replaces control characters (terminal escape sequences among them) so
/// text from a catalog cannot take over the terminal.
pub fn sanitize(text: &str) -> String {
    if !text.chars().any(char::is_control) {
        return text.to_string();
    }
    text.chars()
        .map(|c| if c.is_control() { '\u{FFFD}' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn money_is_exact_and_readable() {
        let d = |s| Decimal::from_str(s).unwrap();
        assert_eq!(usd(d("0.91")), "$0.91");
        assert_eq!(usd(d("0.455")), "$0.455");
        assert_eq!(usd(d("0.5")), "$0.50");
        assert_eq!(usd(d("1234.5")), "$1,234.50");
        assert_eq!(usd(d("0.000042")), "$0.000042");
        assert_eq!(usd(d("0")), "$0.00");
        assert_eq!(usd(d("-2")), "-$2.00");
    }

    #[test]
    fn dates_and_sanitizing() {
        assert_eq!(as_of("2026-05-08T17:08:00Z"), "2026-05-08 17:08 UTC");
        assert_eq!(as_of("2026-11-20"), "2026-11-20");
        assert_eq!(date_part("2026-05-08T17:08:00Z"), "2026-05-08");
        assert_eq!(sanitize("a\u{1b}[2Jb"), "a\u{FFFD}[2Jb");
    }
}
