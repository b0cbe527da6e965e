//! `llmcost tally --blocks`: usage in 5-hour billing blocks, the windows
//! Anthropic's subscription limits are counted in. A block starts at the
//! hour of its first request (in `--tz`) and holds every request of the
//! next five hours; the next request after that starts the next block. The
//! active block (the one now falls in) gets its elapsed time, burn rate
//! and the cost and tokens it is on course for by its end.
//!
//! Built on `tally --by hour`: a block's first request's hour and the hours
//! it spans are whole hours, so summing hours is exact.

use anyhow::Result;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::catalog::model::Catalog;
use crate::cli::TallyArgs;
use crate::commands::tally;
use crate::dates::{Zone, now, parse_day};
use crate::diagnostics::Diagnostics;
use crate::quantity::{group_thousands, usd};
use crate::render::{Block, Cell, Document, Report};
use crate::usage_log::grouping::GroupBy;

/// A block's length.
const BLOCK_HOURS: i64 = 5;
const HOUR: i64 = 3_600;

/// One billing block.
#[derive(Debug, Serialize)]
pub struct BillingBlock {
    /// Its first hour, `YYYY-MM-DD HH:00` in the report's zone.
    pub start: String,
    /// Five hours later.
    pub end: String,
    /// Now falls in it.
    pub active: bool,
    pub requests: u64,
    /// Input tokens (cache reads and writes included) and output tokens.
    pub input_tokens: u128,
    pub output_tokens: u128,
    /// USD, exact.
    pub cost: Decimal,
    /// For the active block: minutes since its start, and left.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub elapsed_minutes: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remaining_minutes: Option<i64>,
    /// For the active block: USD per hour so far (an estimate, to the
    /// cent's hundredth).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub burn_usd_per_hour: Option<Decimal>,
    /// For the active block: what it costs, and how many tokens it holds,
    /// by its end at the rate so far (estimates).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub projected_cost: Option<Decimal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub projected_tokens: Option<u128>,
}

/// `tally --blocks`.
#[derive(Debug, Serialize)]
pub struct BlocksReport {
    pub currency: String,
    /// The zone the hours are in.
    pub tz: String,
    pub block_hours: i64,
    /// Oldest first.
    pub blocks: Vec<BillingBlock>,
    /// USD of priced lines without a time, which no block holds.
    pub undated_cost: Decimal,
    /// USD over every priced line.
    pub total: Decimal,
    /// Lines that could not be priced; the total is then a lower bound.
    pub unpriced_lines: u64,
    pub total_is_lower_bound: bool,
    /// Each hour with usage and its cost (`YYYY-MM-DD HH:00`), for the
    /// status line's "today".
    #[serde(skip)]
    pub hours: Vec<(String, Decimal)>,
}

/// One hour of usage, at its start in local seconds.
struct Hour {
    start: i64,
    requests: u64,
    input: u128,
    output: u128,
    cost: Decimal,
}

/// The blocks of the logs `args` names, and a warning for each limit the
/// active block is projected to pass.
pub fn report(catalog: &Catalog, args: &TallyArgs) -> Result<(BlocksReport, Diagnostics)> {
    let hourly = TallyArgs {
        by: vec![(GroupBy::Hour, None)],
        ..args.clone()
    };
    let tallied = tally::report(catalog, &hourly)?;
    let mut hours = Vec::new();
    let mut undated_cost = Decimal::ZERO;
    for row in &tallied.groups {
        match row.keys.first().and_then(|label| local_seconds(label)) {
            Some(start) => hours.push(Hour {
                start,
                requests: row.requests,
                input: row.input_tokens,
                output: row.output_tokens,
                cost: row.cost,
            }),
            None => undated_cost += row.cost,
        }
    }
    hours.sort_by_key(|h| h.start);
    let hour_costs = hours.iter().map(|h| (label(h.start), h.cost)).collect();
    let zone = Zone::parse(&args.tz).unwrap_or(Zone::Fixed(0));
    let now = now();
    let local_now = now + zone.offset_at(now);
    let blocks = fold_blocks(&hours, local_now);
    let mut diagnostics = Diagnostics::default();
    diagnostics.warnings.clone_from(&tallied.warnings);
    if let Some(active) = blocks.iter().find(|b| b.active) {
        limit_warnings(active, args, &mut diagnostics);
    }
    let report = BlocksReport {
        currency: tallied.currency,
        tz: tallied.tz,
        block_hours: BLOCK_HOURS,
        blocks,
        undated_cost: undated_cost.normalize(),
        total: tallied.total,
        unpriced_lines: tallied.unpriced_lines,
        total_is_lower_bound: tallied.total_is_lower_bound,
        hours: hour_costs,
    };
    Ok((report, diagnostics))
}

/// `YYYY-MM-DD HH:00` as seconds since 1970 in the label's own zone.
fn local_seconds(label: &str) -> Option<i64> {
    let (day, time) = label.split_once(' ')?;
    let hour: i64 = time.get(..2)?.parse().ok()?;
    Some(parse_day(day)? * 86_400 + hour * HOUR)
}

/// Hours of usage, oldest first, as blocks: each from the first hour not
/// yet in a block, for five hours.
fn fold_blocks(hours: &[Hour], now: i64) -> Vec<BillingBlock> {
    let mut blocks: Vec<(i64, Vec<&Hour>)> = Vec::new();
    for hour in hours {
        match blocks.last_mut() {
            Some((start, members)) if hour.start < *start + BLOCK_HOURS * HOUR => {
                members.push(hour);
            }
            _ => blocks.push((hour.start, vec![hour])),
        }
    }
    blocks
        .into_iter()
        .map(|(start, members)| block_of(start, &members, now))
        .collect()
}

fn block_of(start: i64, members: &[&Hour], now: i64) -> BillingBlock {
    let end = start + BLOCK_HOURS * HOUR;
    let mut block = BillingBlock {
        start: label(start),
        end: label(end),
        active: (start..end).contains(&now),
        requests: members.iter().map(|h| h.requests).sum(),
        input_tokens: members.iter().map(|h| h.input).sum(),
        output_tokens: members.iter().map(|h| h.output).sum(),
        cost: members.iter().map(|h| h.cost).sum::<Decimal>().normalize(),
        elapsed_minutes: None,
        remaining_minutes: None,
        burn_usd_per_hour: None,
        projected_cost: None,
        projected_tokens: None,
    };
    if block.active {
        // At least a minute in, so a block that just began projects from
        // its first minute rather than dividing by zero.
        let elapsed = (now - start).max(60);
        let whole = Decimal::from(BLOCK_HOURS * HOUR);
        let so_far = Decimal::from(elapsed);
        block.elapsed_minutes = Some(elapsed / 60);
        block.remaining_minutes = Some((end - now) / 60);
        block.burn_usd_per_hour = Some(
            (block.cost * Decimal::from(HOUR) / so_far)
                .round_dp(4)
                .normalize(),
        );
        block.projected_cost = Some((block.cost * whole / so_far).round_dp(4).normalize());
        let tokens = block.input_tokens + block.output_tokens;
        let scale = u128::try_from(BLOCK_HOURS * HOUR).unwrap_or(1);
        block.projected_tokens =
            Some(tokens.saturating_mul(scale) / u128::try_from(elapsed).unwrap_or(1));
    }
    block
}

/// `YYYY-MM-DD HH:00` of local seconds.
fn label(seconds: i64) -> String {
    crate::usage_log::grouping::period_label(GroupBy::Hour, seconds)
}

/// A warning for each limit the active block is on course to pass.
fn limit_warnings(active: &BillingBlock, args: &TallyArgs, diagnostics: &mut Diagnostics) {
    if let (Some(limit), Some(projected)) = (args.blocks.token_limit, active.projected_tokens)
        && projected > u128::from(limit)
    {
        diagnostics.warn(format!(
            "the active block is on course for {} tokens by {}, over --token-limit {}",
            group_thousands(u64::try_from(projected).unwrap_or(u64::MAX)),
            active.end,
            group_thousands(limit)
        ));
    }
    if let (Some(limit), Some(projected)) = (args.blocks.cost_limit, active.projected_cost)
        && projected > limit
    {
        diagnostics.warn(format!(
            "the active block is on course for {} by {}, over --cost-limit {}",
            usd(projected),
            active.end,
            usd(limit)
        ));
    }
}

impl Report for BlocksReport {
    fn document(&self) -> Document {
        let count = |n: u128| Cell::count(u64::try_from(n).unwrap_or(u64::MAX));
        let rows: Vec<Vec<Cell>> = self
            .blocks
            .iter()
            .map(|b| {
                vec![
                    Cell::text(b.start.clone()),
                    Cell::text(b.end.clone()),
                    Cell::text(if b.active { "active" } else { "" }),
                    Cell::count(b.requests),
                    count(b.input_tokens),
                    count(b.output_tokens),
                    Cell::money(Some(b.cost)),
                ]
            })
            .collect();
        let mut doc = Document::default();
        doc.push(Block::Table {
            headers: [
                "block", "until", "status", "requests", "input", "output", "cost",
            ]
            .map(String::from)
            .to_vec(),
            right_aligned: vec![3, 4, 5, 6],
            rows,
        });
        let mut lines = Vec::new();
        if let Some(active) = self.blocks.iter().find(|b| b.active) {
            lines.push(format!(
                "Active block: {}h {:02}m in, {}h {:02}m left; {} an hour so far, on course for {} and {} tokens by {} ({}).",
                active.elapsed_minutes.unwrap_or(0) / 60,
                active.elapsed_minutes.unwrap_or(0) % 60,
                active.remaining_minutes.unwrap_or(0) / 60,
                active.remaining_minutes.unwrap_or(0) % 60,
                usd(active.burn_usd_per_hour.unwrap_or_default()),
                usd(active.projected_cost.unwrap_or_default()),
                group_thousands(
                    u64::try_from(active.projected_tokens.unwrap_or(0)).unwrap_or(u64::MAX)
                ),
                active.end,
                self.tz
            ));
        }
        if !self.undated_cost.is_zero() {
            lines.push(format!(
                "{} of lines without a time is in no block.",
                usd(self.undated_cost)
            ));
        }
        if self.total_is_lower_bound {
            lines.push(format!(
                "Total {} is a lower bound: {} lines could not be priced",
                usd(self.total),
                group_thousands(self.unpriced_lines)
            ));
        } else {
            lines.push(format!(
                "Total {} ({} hours a block).",
                usd(self.total),
                BLOCK_HOURS
            ));
        }
        doc.push(Block::Lines(lines));
        doc
    }
}
