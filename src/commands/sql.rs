//! `llmcost sql --dialect duckdb|spark`: the catalog's prices as SQL an
//! engine runs as is, with a view that prices normalized usage rows
//! (`tally --normalize`) by exactly `tally`'s rules.
//!
//! The prices table holds, for every model, context tier, billing mode
//! (standard, batch, flex, priority) and region the model is priced in,
//! the rate each line item is billed at *after* llmcost's rules
//! (fallbacks, batch, service tier, region: [`line_rates`]), per token,
//! as `DECIMAL(24, 18)`. The view only picks a row and multiplies, so the
//! engine and `tally` agree to the last digit. A rate that would need more
//! than 18 decimals per token is `NULL` (a row that uses it costs `NULL`),
//! never rounded. Each row also says when it applies (see
//! [`TIME_COLUMNS`]), so off-peak windows and price changes bill each
//! usage row by its time.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use anyhow::{Context, Result};
use rust_decimal::Decimal;

use crate::catalog::export::Dialect;
use crate::catalog::history::prices_as_of;
use crate::catalog::model::{Catalog, Mode, Model, PriceKind, Prices, Region, ServiceTier};
use crate::diagnostics::Diagnostics;
use crate::pricing::{BILL_ORDER, LineItem, MEDIA_PARTS, PriceOptions, line_rates};
use crate::usage::{APART, COUNTS, FEES};
use crate::usage_log::csv_rows::row_columns;

mod periods;

use periods::{periods, window_of};

/// The rate columns, in bill order, with the line item each prices: a
/// count billed apart has the column of its rate (`citation`).
fn rate_columns() -> impl Iterator<Item = (&'static str, LineItem)> {
    BILL_ORDER.into_iter().map(|item| {
        let column = FIXED_COLUMNS
            .iter()
            .find(|(_, fixed)| *fixed == item)
            .map_or_else(|| item.name(), |(column, _)| column);
        (column, item)
    })
}

/// The counts charged a fee each (web searches), with their rate, whose
/// field is the rate's column (`web_search`).
fn fee_columns() -> impl Iterator<Item = (&'static str, PriceKind)> {
    FEES.iter()
        .filter_map(|&row| Some((COUNTS[row].name, PriceKind::standard(COUNTS[row].fee?.rate))))
}

/// The columns of the line items every workload may have.
const FIXED_COLUMNS: [(&str, LineItem); 13] = [
    ("input", LineItem::Input),
    ("audio_input", LineItem::AudioInput),
    ("image_input", LineItem::ImageInput),
    ("video_input", LineItem::VideoInput),
    ("cached_input", LineItem::CachedInput),
    ("cached_audio_input", LineItem::CachedAudioInput),
    ("cache_write", LineItem::CacheWrite),
    ("cache_write_1h", LineItem::CacheWriteOneHour),
    ("output", LineItem::Output),
    ("audio_output", LineItem::AudioOutput),
    ("image_output", LineItem::ImageOutput),
    ("video_output", LineItem::VideoOutput),
    ("reasoning", LineItem::Reasoning),
];

/// The columns that say when a row's rates apply. `off_peak` is true for
/// the rates inside the model's off-peak window, whose first minute and
/// end (minutes of the UTC day) the next two give (`NULL`: no window), a
/// second window the two after (DeepSeek V4's), and the Unix seconds the
/// windows hold from and until (`NULL`: open).
/// `period` numbers the model's price sheets from 0, each in force from
/// `valid_from_day` (days since 1970-01-01 UTC; `NULL` for the first) to
/// the next one's, and `undated` marks the sheet a usage row without a
/// time is billed at (today's). The view picks a row's period and window
/// from these before it joins, so the join is on equal keys only: a
/// range test inside the join made DuckDB's ten times slower.
const TIME_COLUMNS: [&str; 10] = [
    "off_peak",
    "off_peak_from",
    "off_peak_until",
    "off_peak_from2",
    "off_peak_until2",
    "off_peak_valid_from",
    "off_peak_valid_until",
    "period",
    "valid_from_day",
    "undated",
];

/// Decimals a per-token rate may have.
const SCALE: u32 = 18;

/// The SQL for `catalog` in `dialect`; with `at`, the input and output
/// prices in force on that date (from each model's price history; a model
/// without a price then is left out), other rates as they are now.
pub fn render(
    catalog: &Catalog,
    dialect: Dialect,
    as_of: &str,
    at: Option<&str>,
) -> Result<(String, Diagnostics)> {
    let mut rows = Vec::new();
    let mut diagnostics = Diagnostics::default();
    for model in &catalog.models {
        rows.extend(exported_rows(model, dialect, at, &mut diagnostics)?);
    }
    let as_of = match at {
        Some(date) => format!("{date} (input and output as of then; --as-of)"),
        None => as_of.to_string(),
    };
    let mut sql = String::new();
    let _ = writeln!(
        sql,
        "-- llmcost {}: prices for {} from the catalog as of {as_of} (USD).\n\
         -- Rates are per token (the per-1M price / 1,000,000), exact, after llmcost's\n\
         -- rules; request_fee is per request and web_search per search.\n\
         -- Order: make llmcost_usage (a table or view with the columns of\n\
         -- `llmcost tally --normalize`), run this script, query llmcost_priced.{}",
        env!("CARGO_PKG_VERSION"),
        match dialect {
            Dialect::Duckdb => "DuckDB",
            Dialect::Spark => "Apache Spark SQL",
        },
        match dialect {
            Dialect::Duckdb => {
                "\n-- Without one, it makes an empty llmcost_usage table to insert rows into."
            }
            Dialect::Spark => "",
        }
    );
    let columns = [
        "provider",
        "model",
        "context_tier",
        "threshold",
        "batch",
        "service_tier",
        "region",
    ]
    .into_iter()
    .chain(TIME_COLUMNS)
    .chain(rate_columns().map(|(name, _)| name))
    .chain(std::iter::once("request_fee"))
    .chain(fee_columns().map(|(_, kind)| kind.field()))
    .collect::<Vec<_>>();
    let casts: Vec<String> = columns
        .iter()
        .map(|c| match *c {
            "provider" | "model" | "service_tier" | "region" => {
                format!("CAST({c} AS {}) AS {c}", text_type(dialect))
            }
            "context_tier" | "off_peak_from" | "off_peak_until" | "off_peak_from2"
            | "off_peak_until2" | "period" => format!("CAST({c} AS INTEGER) AS {c}"),
            "threshold" | "valid_from_day" | "off_peak_valid_from" | "off_peak_valid_until" => {
                format!("CAST({c} AS BIGINT) AS {c}")
            }
            "batch" | "off_peak" | "undated" => format!("CAST({c} AS BOOLEAN) AS {c}"),
            _ => format!("CAST({c} AS DECIMAL(24, {SCALE})) AS {c}"),
        })
        .collect();
    let create = match dialect {
        Dialect::Duckdb => "CREATE OR REPLACE TABLE llmcost_prices AS",
        Dialect::Spark => "CREATE OR REPLACE TEMPORARY VIEW llmcost_prices AS",
    };
    let _ = writeln!(
        sql,
        "{create}\nSELECT {}\nFROM (VALUES\n  {}\n) AS t({});\n",
        casts.join(", "),
        rows.join(",\n  "),
        columns.join(", ")
    );
    if dialect == Dialect::Spark {
        // Spark would plan the inline table again in every query.
        sql.push_str("CACHE TABLE llmcost_prices;\n\n");
    }
    let tiers = catalog
        .models
        .iter()
        .map(|m| 1 + m.prices.context_tiers().count())
        .max()
        .unwrap_or(1);
    let sheets = catalog
        .models
        .iter()
        .filter_map(|m| periods(m, at.is_some()).ok())
        .map(|p| p.len())
        .max()
        .unwrap_or(1);
    if dialect == Dialect::Duckdb {
        sql.push_str(&empty_usage_table());
    }
    sql.push_str(&priced_view(dialect, tiers, sheets));
    Ok((sql, diagnostics))
}

/// DuckDB's `llmcost_usage` where there is none yet (a table or view of
/// that name is kept as it is), so the script runs as printed: the columns
/// of `tally --normalize`, typed as it writes them, a count an insert
/// leaves out being 0 (and `requests` 1).
fn empty_usage_table() -> String {
    let columns: Vec<String> = row_columns()
        .map(|column| {
            let kind = match column {
                "model" | "provider" | "ts" | "service_tier" | "region" => "VARCHAR",
                "batch" => "BOOLEAN",
                "cost" => "DECIMAL(38, 18)",
                "requests" => "BIGINT DEFAULT 1",
                "context_floor_tokens" => "BIGINT",
                // A count an insert leaves out is none, not unknown.
                _ => "BIGINT DEFAULT 0",
            };
            format!("{column} {kind}")
        })
        .collect();
    format!(
        "CREATE TABLE IF NOT EXISTS llmcost_usage ({});\n\n",
        columns.join(", ")
    )
}

/// The rows `model` exports (none when it is left out), with a warning for
/// each reason it is left out or a rate is `NULL`.
fn exported_rows(
    model: &Model,
    dialect: Dialect,
    at: Option<&str>,
    diagnostics: &mut Diagnostics,
) -> Result<Vec<String>> {
    let mut nulled = BTreeMap::new();
    let found = match at {
        Some(date) => {
            let Ok((prices, _)) = prices_as_of(model, date) else {
                return Ok(Vec::new());
            };
            let dated = Model {
                prices,
                ..model.clone()
            };
            model_rows(&dated, dialect, true, &mut nulled)
        }
        None => model_rows(model, dialect, false, &mut nulled),
    };
    match found {
        Ok(rows) => {
            for (column, rate) in nulled {
                diagnostics.warn(format!(
                    "{}/{}: the {column} rate {rate} per 1M needs more than {SCALE} decimals per token; rows with {column} tokens cost NULL, never rounded",
                    model.provider, model.id
                ));
            }
            Ok(rows)
        }
        Err(error) => {
            let why = match (
                error.downcast_ref::<Inexact>(),
                error.downcast_ref::<LeftOut>(),
            ) {
                (Some(inexact), _) => format!("{inexact}; its rows are left out, never rounded"),
                (None, Some(LeftOut(why))) => why.clone(),
                (None, None) => return Err(error),
            };
            diagnostics.warn(format!("{}/{}: {why}", model.provider, model.id));
            Ok(Vec::new())
        }
    }
}

fn text_type(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::Duckdb => "VARCHAR",
        Dialect::Spark => "STRING",
    }
}

/// The rows of one model: every context tier × billing mode × region, for
/// each sheet it bills at by day ([`periods`]; `dated`: one for every
/// day), and again with a sheet's off-peak window's rates if it has one.
/// A token rate SQL cannot hold exactly is written `NULL` and named in
/// `nulled` (see [`token_rate`]).
fn model_rows(
    model: &Model,
    dialect: Dialect,
    dated: bool,
    nulled: &mut BTreeMap<&'static str, Decimal>,
) -> Result<Vec<String>> {
    let periods = periods(model, dated).map_err(LeftOut)?;
    let mut rows = Vec::new();
    for period in periods {
        let prices: &Prices = &period.sheet;
        if prices.input.is_none() || prices.output.is_none() {
            continue;
        }
        let window = window_of(prices);
        let literal = |n: Option<i64>| n.map_or("NULL".to_string(), |n| n.to_string());
        let off_peak_sheet = window.and_then(|_| prices.off_peak_sheet());
        for (off_peak, sheet) in
            std::iter::once((false, prices)).chain(off_peak_sheet.as_ref().map(|s| (true, s)))
        {
            let flags = [
                off_peak.to_string(),
                literal(window.map(|w| w.first.0)),
                literal(window.map(|w| w.first.1)),
                literal(window.and_then(|w| w.second).map(|w| w.0)),
                literal(window.and_then(|w| w.second).map(|w| w.1)),
                literal(window.and_then(|w| w.valid.0)),
                literal(window.and_then(|w| w.valid.1)),
                period.index.to_string(),
                literal(period.from),
                period.undated.to_string(),
            ];
            rows.extend(sheet_rows(model, sheet, &flags, dialect, nulled)?);
        }
    }
    Ok(rows)
}

/// Why a model is left out (see [`periods`]).
#[derive(Debug)]
struct LeftOut(String);

impl std::fmt::Display for LeftOut {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for LeftOut {}

/// The rows of one price sheet of `model`, each ending its key columns
/// with `flags` (the [`TIME_COLUMNS`]).
fn sheet_rows(
    model: &Model,
    prices: &Prices,
    flags: &[String; TIME_COLUMNS.len()],
    dialect: Dialect,
    nulled: &mut BTreeMap<&'static str, Decimal>,
) -> Result<Vec<String>> {
    let tiers = 1 + prices.context_tiers().count();
    let regions = std::iter::once(Region::Global).chain(
        prices
            .regional
            .keys()
            .copied()
            .filter(|r| *r != Region::Global),
    );
    let request_fee = per_unit(prices.request_low, Decimal::ONE_THOUSAND)?;
    let fee_rates = fee_columns()
        .map(|(_, kind)| per_unit(prices.get(kind), Decimal::from(kind.info().unit.quantity())))
        .collect::<Result<Vec<String>>>()?;
    let mut rows = Vec::new();
    // A model without a service tier's own rates is billed at standard on
    // it; the view falls back to the standard row, so none is written.
    let billed_modes: Vec<(bool, ServiceTier)> = Mode::ALL
        .into_iter()
        .filter(|&mode| {
            matches!(mode, Mode::Standard | Mode::Batch) || prices.sheet(mode).is_some()
        })
        .map(Mode::batch_and_tier)
        .collect();
    for region in regions {
        for &(batch, service_tier) in &billed_modes {
            for tier in 0..tiers {
                let options = PriceOptions {
                    batch,
                    service_tier,
                    region,
                    ..PriceOptions::default()
                };
                let rates = line_rates(prices, options, tier)
                    .with_context(|| format!("cannot export {}/{}", model.provider, model.id))?;
                // The base tier applies from the first token on.
                let threshold = match prices.context_tier(tier) {
                    Some(t) => i128::from(t.threshold),
                    None => -1,
                };
                let mut values = vec![
                    quote(&model.provider, dialect),
                    quote(&model.id, dialect),
                    tier.to_string(),
                    threshold.to_string(),
                    batch.to_string(),
                    quote(service_tier.as_str(), dialect),
                    quote(region.as_str(), dialect),
                ];
                values.extend(flags.iter().cloned());
                for (column, item) in rate_columns() {
                    let rate = rates.iter().find(|(i, _)| *i == item).and_then(|(_, r)| *r);
                    values.push(token_rate(column, item, rate, nulled)?);
                }
                values.push(request_fee.clone());
                values.extend(fee_rates.iter().cloned());
                rows.push(format!("({})", values.join(", ")));
            }
        }
    }
    Ok(rows)
}

/// A rate a SQL decimal of [`SCALE`] places per unit cannot hold exactly
/// (OpenRouter states some cache prices as repeating decimals,
/// `0.0833333333333333` per 1M). A token rate is written `NULL` (see
/// [`token_rate`]); a fee or the reasoning rate leaves its model out.
#[derive(Debug)]
struct Inexact {
    rate: Decimal,
    /// What the rate is per: 1,000,000 tokens, or 1,000 requests or searches.
    per: Decimal,
}

impl std::fmt::Display for Inexact {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (per, unit) = if self.per == Decimal::ONE_THOUSAND {
            ("1k", "request or search")
        } else {
            ("1M", "token")
        };
        write!(
            f,
            "the rate {} per {per} needs more than {SCALE} decimals per {unit}",
            self.rate
        )
    }
}

impl std::error::Error for Inexact {}

/// A per-token rate as an exact SQL literal. One that would need more than
/// [`SCALE`] decimals is `NULL` and recorded in `nulled`: the view bills a
/// row that uses it `NULL` (never a rounded amount), and the model's other
/// rows are still priced. Not the reasoning rate, whose `NULL` means
/// "billed as output": that model is left out whole ([`Inexact`]).
fn token_rate(
    column: &'static str,
    item: LineItem,
    rate: Option<Decimal>,
    nulled: &mut BTreeMap<&'static str, Decimal>,
) -> Result<String> {
    match per_unit(rate, Decimal::from(1_000_000)) {
        Err(error) if item != LineItem::Reasoning && error.is::<Inexact>() => {
            if let Some(rate) = rate {
                nulled.insert(column, rate);
            }
            Ok("NULL".to_string())
        }
        other => other,
    }
}

/// `rate ÷ per` as an exact SQL literal, or `NULL`.
fn per_unit(rate: Option<Decimal>, per: Decimal) -> Result<String> {
    let Some(rate) = rate else {
        return Ok("NULL".to_string());
    };
    let value = rate
        .checked_div(per)
        .context("a rate is too large to export")?
        .normalize();
    if value.scale() > SCALE {
        return Err(Inexact { rate, per }.into());
    }
    Ok(value.to_string())
}

/// A string literal: single quotes doubled, and for Spark, whose string
/// literals read backslash escapes, backslashes doubled.
fn quote(text: &str, dialect: Dialect) -> String {
    let escaped = text.replace('\'', "''");
    let escaped = match dialect {
        Dialect::Duckdb => escaped,
        Dialect::Spark => escaped.replace('\\', "\\\\"),
    };
    format!("'{escaped}'")
}

/// The view of each model's tier thresholds and which service tiers and
/// regions it has rows for, one row per model; and the SQL `CASE` arms
/// that pick a usage row's tier and region from it.
fn thresholds_view(view: &str, tiers: usize, periods: usize) -> (String, String, String) {
    // Each model's tier thresholds, the first day of each of its price
    // sheets after the first, and its off-peak window (the same on every
    // sheet: see `periods`).
    let threshold_columns: Vec<String> = (1..tiers)
        .map(|n| format!("max(CASE WHEN context_tier = {n} THEN threshold END) AS t{n}"))
        .chain(
            (1..periods)
                .map(|n| format!("max(CASE WHEN period = {n} THEN valid_from_day END) AS p{n}")),
        )
        .chain([
            "max(CASE WHEN undated THEN period END) AS undated_period".to_string(),
            "max(off_peak_from) AS off_peak_from".to_string(),
            "max(off_peak_until) AS off_peak_until".to_string(),
            "max(off_peak_from2) AS off_peak_from2".to_string(),
            "max(off_peak_until2) AS off_peak_until2".to_string(),
            "max(off_peak_valid_from) AS off_peak_valid_from".to_string(),
            "max(off_peak_valid_until) AS off_peak_valid_until".to_string(),
        ])
        .collect();
    // Which service tiers and regions each model has rows for.
    let flags: Vec<String> = ServiceTier::OWN_RATES
        .iter()
        .map(|t| {
            let t = t.as_str();
            format!("max(CASE WHEN service_tier = '{t}' THEN 1 ELSE 0 END) AS has_{t}")
        })
        .chain(Region::ALL.iter().map(|r| {
            format!(
                "max(CASE WHEN region = '{}' THEN 1 ELSE 0 END) AS has_{}",
                r.as_str(),
                r.as_str().replace('-', "_")
            )
        }))
        .collect();
    let region_case: Vec<String> = Region::ALL
        .iter()
        .map(|r| {
            format!(
                "WHEN u.region = '{0}' AND k.has_{1} = 1 THEN '{0}'",
                r.as_str(),
                r.as_str().replace('-', "_")
            )
        })
        .collect();
    let region_case = region_case.join(" ");
    let thresholds = format!(
        "{view} llmcost_thresholds AS\nSELECT provider, model, {}, {}\nFROM llmcost_prices\n\
         GROUP BY provider, model;\n\n",
        flags.join(", "),
        threshold_columns.join(", ")
    );
    // The highest tier whose threshold the row's average request passes
    // (a row of several requests holds their totals, docs/pricing.md):
    // floor(input / requests) > t, that is input >= (t + 1) * requests,
    // in integers, as `tally` decides it; a row that states its context
    // window (its requests had more input than `context_floor_tokens`)
    // passes the thresholds at or below that floor.
    let tier_case = if tiers <= 1 {
        "0".to_string()
    } else {
        let arms: Vec<String> = (1..tiers)
            .rev()
            .map(|n| {
                format!(
                    "WHEN k.t{n} IS NOT NULL AND CASE WHEN u.context_floor_tokens IS NULL \
                     THEN u.input_tokens >= (k.t{n} + 1) * GREATEST(u.requests, 1) \
                     ELSE CAST(u.context_floor_tokens AS BIGINT) >= k.t{n} END THEN {n}"
                )
            })
            .collect();
        format!("CASE {} ELSE 0 END", arms.join(" "))
    };
    (thresholds, tier_case, region_case)
}

/// The SQL that picks a usage row's price sheet (see [`TIME_COLUMNS`]):
/// the latest whose first day is not after the row's day, or today's for
/// a row without a time.
fn period_case(periods: usize) -> String {
    let arms: Vec<String> = (1..periods)
        .rev()
        .map(|n| format!(" WHEN k.p{n} IS NOT NULL AND u.llmcost_day >= k.p{n} THEN {n}"))
        .collect();
    format!(
        "CASE WHEN u.llmcost_day IS NULL THEN k.undated_period{} ELSE 0 END",
        arms.concat()
    )
}

/// The SQL for a usage row's Unix seconds from its `ts` (text as `tally
/// --normalize` writes it, `2026-10-01T17:00:00Z`, or a time zone-aware
/// timestamp; `NULL` when it has none), then its minute of the UTC day and
/// its day since 1970-01-01 from those seconds, so the session's time zone
/// never moves them; integer division is `//` in DuckDB, `div` in Spark.
fn utc_clock(dialect: Dialect) -> (&'static str, String, String) {
    let (seconds, second_of_day, divide) = match dialect {
        Dialect::Duckdb => (
            "CAST(floor(epoch(TRY_CAST(u.ts AS TIMESTAMPTZ))) AS BIGINT)",
            "((u.llmcost_seconds % 86400) + 86400) % 86400",
            "//",
        ),
        Dialect::Spark => (
            "unix_seconds(CAST(u.ts AS TIMESTAMP))",
            "pmod(u.llmcost_seconds, 86400)",
            "div",
        ),
    };
    (
        seconds,
        format!("({second_of_day}) {divide} 60"),
        format!("(u.llmcost_seconds - {second_of_day}) {divide} 86400"),
    )
}

/// Whether a usage row falls in its model's off-peak window (`k`, from
/// the thresholds view), as [`OffPeak::covers`] decides: from its first
/// minute to the minute it ends, across midnight when it ends earlier. A
/// row without a time is billed at the sheet's own rates, as `tally` bills
/// it.
const OFF_PEAK_CASE: &str = "CASE WHEN k.off_peak_from IS NULL OR u.llmcost_minute IS NULL THEN false\n\
     \x20     WHEN k.off_peak_valid_from IS NOT NULL AND u.llmcost_seconds < k.off_peak_valid_from THEN false\n\
     \x20     WHEN k.off_peak_valid_until IS NOT NULL AND u.llmcost_seconds >= k.off_peak_valid_until THEN false\n\
     \x20     WHEN k.off_peak_from <= k.off_peak_until AND u.llmcost_minute >= k.off_peak_from AND u.llmcost_minute < k.off_peak_until THEN true\n\
     \x20     WHEN k.off_peak_from > k.off_peak_until AND (u.llmcost_minute >= k.off_peak_from OR u.llmcost_minute < k.off_peak_until) THEN true\n\
     \x20     WHEN k.off_peak_from2 IS NULL THEN false\n\
     \x20     WHEN k.off_peak_from2 <= k.off_peak_until2 THEN u.llmcost_minute >= k.off_peak_from2 AND u.llmcost_minute < k.off_peak_until2\n\
     \x20     ELSE u.llmcost_minute >= k.off_peak_from2 OR u.llmcost_minute < k.off_peak_until2 END";

/// What a usage row must satisfy to be priced: counts that are not
/// negative, parts that fit in their wholes, a known model.
fn usage_checks() -> Vec<String> {
    // Every token count `tally --normalize` writes, the table's columns.
    let mut checks: Vec<String> = row_columns()
        .filter(|c| c.ends_with("_tokens") && *c != "context_floor_tokens")
        .map(|c| format!("u.{c} >= 0"))
        .collect();
    checks.push("u.requests >= 1".to_string());
    checks.extend(fee_columns().map(|(count, _)| format!("u.{count} >= 0")));
    checks.extend(
        [
            "u.cached_input_tokens + u.cache_write_tokens + u.cache_write_1h_tokens + u.audio_input_tokens + u.image_input_tokens + u.video_input_tokens <= u.input_tokens",
            "u.reasoning_tokens <= u.output_tokens",
            "u.cached_audio_input_tokens <= u.cached_input_tokens",
            "u.audio_output_tokens + u.image_output_tokens + u.video_output_tokens <= u.output_tokens",
            "r_input IS NOT NULL",
        ]
        .map(str::to_string),
    );
    checks
}

/// The SQL for each line item's amount in one usage row (`r_*` are the
/// row's rates): the parts of the input and the output at their own rates,
/// the rest at the input and output rates, as `cost` bills them. A row's
/// counts are its totals over its `requests`, so they are not multiplied.
fn row_amounts() -> Vec<String> {
    let tokens = |c: &str| format!("CAST(u.{c} AS DECIMAL(14, 0))");
    let item = |tokens: String, rate: &str| {
        format!("CASE WHEN {tokens} = 0 THEN 0 ELSE {tokens} * r_{rate} END")
    };
    // A rate whose NULL means "not billed": the reasoning rate (billed as
    // output) and a rate whose tokens are free unless stated (citations).
    let item_or_free = |tokens: String, rate: &str| {
        format!("CASE WHEN r_{rate} IS NULL OR {tokens} = 0 THEN 0 ELSE {tokens} * r_{rate} END")
    };
    let media = |input: bool| MEDIA_PARTS.iter().filter(move |part| part.input == input);
    let less_media = |input: bool| -> String {
        media(input).fold(String::new(), |mut text, part| {
            let _ = write!(text, " - {}", tokens(part.count.name));
            text
        })
    };
    let text_input = format!(
        "({} - {} - {} - {}{})",
        tokens("input_tokens"),
        tokens("cached_input_tokens"),
        tokens("cache_write_tokens"),
        tokens("cache_write_1h_tokens"),
        less_media(true)
    );
    let text_output = format!(
        "({} - CASE WHEN r_reasoning IS NULL THEN 0 ELSE {} END{})",
        tokens("output_tokens"),
        tokens("reasoning_tokens"),
        less_media(false)
    );
    let media_amounts = |input: bool| {
        media(input).map(move |part| item(tokens(part.count.name), part.kind.field()))
    };
    let mut amounts = vec![item(text_input, "input")];
    amounts.extend(media_amounts(true));
    amounts.extend([
        item(
            format!(
                "({} - {})",
                tokens("cached_input_tokens"),
                tokens("cached_audio_input_tokens")
            ),
            "cached_input",
        ),
        item(tokens("cached_audio_input_tokens"), "cached_audio_input"),
        item(tokens("cache_write_tokens"), "cache_write"),
        item(tokens("cache_write_1h_tokens"), "cache_write_1h"),
        item(text_output, "output"),
    ]);
    amounts.extend(media_amounts(false));
    amounts.push(item_or_free(tokens("reasoning_tokens"), "reasoning"));
    amounts.extend(APART.iter().map(|&row| {
        let column = LineItem::Apart(row).name();
        let counted = tokens(COUNTS[row].name);
        let free = COUNTS[row].apart.is_some_and(|apart| {
            PriceKind::standard(apart.rate)
                .info()
                .free_unless_stated
                .is_some()
        });
        // Where the rate's row says so, no rate means no charge.
        if free {
            item_or_free(counted, column)
        } else {
            item(counted, column)
        }
    }));
    amounts
}

/// The views that price `llmcost_usage`: each model's tier thresholds in
/// one row (an equi-join, not a correlated subquery, so engines plan it
/// fast), then the priced rows.
fn priced_view(dialect: Dialect, tiers: usize, periods: usize) -> String {
    let view = match dialect {
        Dialect::Duckdb => "CREATE OR REPLACE VIEW",
        Dialect::Spark => "CREATE OR REPLACE TEMPORARY VIEW",
    };
    let create = format!("{view} llmcost_priced AS");
    let (thresholds, tier_case, region_case) = thresholds_view(view, tiers, periods);
    let period_case = period_case(periods);
    // A row on a tier the model has no rates for is billed at standard.
    let tier_arms: Vec<String> = ServiceTier::OWN_RATES
        .iter()
        .map(|t| {
            format!(
                "WHEN u.service_tier = '{0}' AND k.has_{0} = 1 THEN '{0}'",
                t.as_str()
            )
        })
        .collect();
    let tier_arms = tier_arms.join(" ");
    let tokens = |c: &str| format!("CAST(u.{c} AS DECIMAL(14, 0))");
    let pick = |c: &str| format!("r.{c} AS r_{c}");
    let picks: Vec<String> = rate_columns()
        .map(|(c, _)| pick(c))
        .chain(std::iter::once(pick("request_fee")))
        .chain(fee_columns().map(|(_, kind)| pick(kind.field())))
        .collect();
    let per_row = row_amounts();
    let mut fee_amounts = String::new();
    for (count, kind) in fee_columns() {
        // Writing to a String cannot fail.
        let _ = writeln!(
            fee_amounts,
            "\x20   + CASE WHEN u.{count} = 0 THEN 0 ELSE {} * r_{} END",
            tokens(count),
            kind.field()
        );
    }
    let checks = usage_checks();
    let (seconds, minute, day) = utc_clock(dialect);
    thresholds
        + &format!(
            "-- Prices the rows of llmcost_usage (the columns of `llmcost tally --normalize`):\n\
         -- cost is NULL, never 0, for a model the prices lack or a row whose numbers do\n\
         -- not add up. Create llmcost_usage first, e.g.\n\
         --   CREATE VIEW llmcost_usage AS SELECT * FROM read_csv('usage.csv');\n\
         {create}\n\
         WITH timed AS (\n\
         \x20 SELECT u.*, {seconds} AS llmcost_seconds FROM llmcost_usage u\n\
         ), clocked AS (\n\
         \x20 SELECT u.*, {minute} AS llmcost_minute, {day} AS llmcost_day FROM timed u\n\
         ), tiered AS (\n\
         \x20 SELECT u.*, {tier_case} AS llmcost_tier,\n\
         \x20   CASE WHEN u.batch THEN 'standard' {tier_arms} ELSE 'standard' END AS llmcost_service_tier,\n\
         \x20   CASE {region_case} ELSE 'global' END AS llmcost_region,\n\
         \x20   {period_case} AS llmcost_period,\n\
         \x20   {off_peak_case} AS llmcost_off_peak\n\
         \x20 FROM clocked u\n\
         \x20 LEFT JOIN llmcost_thresholds k ON k.provider = u.provider AND k.model = u.model\n\
         ), rated AS (\n\
         \x20 SELECT u.*, {picks}\n\
         \x20 FROM tiered u\n\
         \x20 LEFT JOIN llmcost_prices r ON r.provider = u.provider AND r.model = u.model\n\
         \x20   AND r.context_tier = u.llmcost_tier AND r.batch = u.batch\n\
         \x20   AND r.service_tier = u.llmcost_service_tier AND r.region = u.llmcost_region\n\
         \x20   AND r.period = u.llmcost_period AND r.off_peak = u.llmcost_off_peak\n\
         )\n\
         SELECT u.*,\n\
         \x20 CASE WHEN {checks} THEN\n\
         \x20   ({per_row})\n\
         \x20   + CASE WHEN u.requests = 0 OR r_request_fee IS NULL THEN 0 ELSE CAST(u.requests AS DECIMAL(14, 0)) * r_request_fee END\n\
         {fee_amounts}\
         \x20 END AS llmcost_cost\n\
         FROM rated u;\n",
            picks = picks.join(",\n    "),
            checks = checks.join("\n      AND "),
            per_row = per_row.join("\n      + "),
            tier_case = tier_case,
            region_case = region_case,
            off_peak_case = OFF_PEAK_CASE,
            fee_amounts = fee_amounts,
        )
}
