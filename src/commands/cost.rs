//! `llmcost cost MODEL --in N --out N`: an itemized bill for one model,
//! optionally with the arithmetic explained, projected over days and months,
//! and converted to another currency at a rate the user gives.

use anyhow::{Context, Result};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::UsageError;
use crate::catalog::lifecycle;
use crate::catalog::lookup::{Lookup, resolve};
use crate::catalog::model::{Catalog, Model, Prices, ServiceTier};
use crate::catalog::witness::{Confidence, dispute_note};
use crate::cli::CostArgs;
use crate::dates::parse_day;
use crate::diagnostics::Diagnostics;
use crate::pricing::{Bill, MEDIA_PARTS, PriceOptions, PricingError, Usage, price};
use crate::projection::{Period, Projection, project};
use crate::quantity::group_thousands;
use crate::render::text::{approx_usd, as_of, usd};
use crate::render::{Block, Cell, Document, Report};
use crate::workload::{FileCount, Workload};

/// The bill for one model and workload.
#[derive(Debug, Serialize)]
pub struct CostReport {
    /// API model id.
    pub model: String,
    /// Provider id.
    pub provider: String,
    /// Display name.
    pub name: String,
    /// Currency of every amount.
    pub currency: String,
    /// When the prices used were observed.
    pub as_of: String,
    /// Where the prices come from.
    pub source: Option<String>,
    /// Whether other sources confirm the input and output prices.
    pub confidence: Option<Confidence>,
    /// `catalog`, or `override` when your own prices file set the rates.
    pub rate_source: &'static str,
    /// Which override applied, when one did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub override_rule: Option<String>,
    /// One request's tokens and the number of requests.
    pub usage: Usage,
    /// Batch, cache TTL and strictness.
    pub options: PriceOptions,
    /// The itemized bill; its `total` is the sum of its lines.
    #[serde(flatten)]
    pub bill: Bill,
    /// Daily, monthly and yearly totals, with `--per`.
    pub projection: Option<Projection>,
    /// The total in another currency, with `--currency` and `--fx`.
    pub converted: Option<Conversion>,
    /// The next price change the catalog announces, and this workload's
    /// total from its day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub upcoming_change: Option<UpcomingChange>,
    /// The model's off-peak window, where it has one, and whether `--at`
    /// falls in it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_of_day: Option<TimeOfDay>,
    /// Tokens counted from `--in-file`/`--out-file`.
    pub token_counts: Vec<FileCount>,
    /// How the cost was computed, with `--explain`, one line each.
    pub explanation: Option<Vec<String>>,
}

/// A price change announced for a later day.
#[derive(Debug, Serialize)]
pub struct UpcomingChange {
    /// Its first day (UTC).
    pub date: String,
    /// The source that announces it.
    pub source: String,
    /// The workload's total at the new prices.
    pub total: Decimal,
}

/// A model's off-peak window, as one bill meets it.
#[derive(Debug, Serialize)]
pub struct TimeOfDay {
    /// The window, `HH:MM–HH:MM UTC`.
    pub window: String,
    /// The source that states it.
    pub source: String,
    /// The moment `--at` names (UTC), if given.
    pub at: Option<String>,
    /// Whether the bill uses the off-peak rates (`--at` falls in the window).
    pub off_peak: bool,
    /// The workload's total at the off-peak rates.
    pub off_peak_total: Option<Decimal>,
}

impl TimeOfDay {
    /// The window of `prices`, if any, met at `at` (Unix seconds).
    fn of(prices: &Prices, at: Option<i64>) -> Option<TimeOfDay> {
        let window = prices.off_peak.as_deref()?;
        Some(TimeOfDay {
            window: window.hours(),
            source: window.source.clone(),
            at: at.map(crate::dates::format_instant),
            off_peak: at.is_some_and(|t| prices.is_off_peak_at(t)),
            off_peak_total: None,
        })
    }

    /// With the workload's off-peak total (`total_at` prices a sheet),
    /// and its note added to `notes`.
    fn noted(
        mut self,
        day_prices: &Prices,
        total_at: impl Fn(&Prices) -> Result<Bill, PricingError>,
        notes: &mut Vec<String>,
    ) -> TimeOfDay {
        self.off_peak_total = day_prices
            .off_peak_sheet()
            .and_then(|sheet| total_at(&sheet).ok())
            .map(|bill| bill.total);
        notes.push(self.note());
        self
    }

    /// The one note a bill carries about the window.
    fn note(&self) -> String {
        let total = self.off_peak_total.map_or_else(|| "?".to_string(), usd);
        match (&self.at, self.off_peak) {
            (Some(at), true) => format!(
                "priced at {at} (--at), in the off-peak hours {} that {} states: off-peak input, output and cache-read rates",
                self.window, self.source
            ),
            (Some(at), false) => format!(
                "priced at {at} (--at), outside the off-peak hours {} that {} states; in it this workload costs {total}",
                self.window, self.source
            ),
            (None, _) => format!(
                "priced at the standard (peak) rates; {} is off-peak, as {} states, and this workload costs {total} then (--at a time in that window)",
                self.window, self.source
            ),
        }
    }
}

/// What the catalog's announced price changes mean for one bill.
#[derive(Default)]
struct ChangeNotes {
    notes: Vec<String>,
    /// The day of the change whose prices were used, if one was.
    in_force: Option<String>,
    upcoming: Option<UpcomingChange>,
}

impl ChangeNotes {
    /// `picked` is the day `--as-of` or `--at` (`flag`) chose a sheet
    /// from; `total_at` prices the workload with another sheet.
    fn of(
        model: &Model,
        picked: Option<(&str, &str)>,
        total_at: impl Fn(&Prices) -> Option<Decimal>,
    ) -> ChangeNotes {
        let mut found = ChangeNotes::default();
        if let Some((day, flag)) = picked {
            let earlier = parse_day(day).and_then(|d| model.earlier_on(d));
            found.notes.push(match model.price_changes.iter().find(|c| c.date == day) {
                _ if let Some(earlier) = earlier => format!(
                    "priced as of {day} ({flag}) with the prices in force before {}, as {} dates them",
                    earlier.until, earlier.source
                ),
                    Some(change) => format!(
                        "priced as of {day} ({flag}), with the prices {} announces from that day",
                        change.source
                    ),
                    // A day after the catalog's own with no change due: its prices.
                    None if model.as_of.as_deref().and_then(parse_day) == parse_day(day)
                        && flag == "--at" =>
                    {
                        return found;
                    }
                    None => format!(
                        "input and output priced as of {} ({flag}); other rates are current",
                        as_of(day)
                    ),
                });
            return found;
        }
        let today = crate::dates::today();
        let in_force = model.changes_in_force(today);
        if model.superseded.is_some()
            && let Some(change) = model.change_in_force(today)
        {
            found.notes.push(format!(
                "prices changed on {}, as {} announced; --as-of an earlier day prices the old ones",
                change.date, change.source
            ));
            found.in_force = Some(change.date.clone());
        }
        // A change that leaves this workload's bill as it is (a new flex
        // sheet, for a standard request) is not news for it.
        if let Some(next) = model.price_changes.get(in_force)
            && let Some(total) = total_at(&next.prices)
            && Some(total) != total_at(&model.prices)
        {
            found.notes.push(format!(
                "prices change on {}, as {} announces: this workload will cost {} from then (--as-of {})",
                next.date,
                next.source,
                usd(total),
                next.date
            ));
            found.upcoming = Some(UpcomingChange {
                date: next.date.clone(),
                source: next.source.clone(),
                total,
            });
        }
        found
    }
}

/// The total converted at a user-given rate.
#[derive(Debug, Serialize)]
pub struct Conversion {
    /// ISO 4217 code, upper case.
    pub currency: String,
    /// Units of `currency` per USD.
    pub rate: Decimal,
    /// The total in `currency`.
    pub total: Decimal,
}

fn convert(total: Decimal, code: &str, rate: Decimal) -> Result<Conversion> {
    let code = code.trim().to_ascii_uppercase();
    if code.len() != 3 || !code.chars().all(|c| c.is_ascii_alphabetic()) {
        return Err(UsageError(format!(
            "--currency '{code}' is not a three-letter currency code such as EUR"
        ))
        .into());
    }
    let converted = total
        .checked_mul(rate)
        .context("the converted amount is too large")?;
    Ok(Conversion {
        currency: code,
        rate: rate.normalize(),
        total: converted.normalize(),
    })
}

/// Prices the workload `args` describes, and returns the lookup note if any.
pub fn report(catalog: &Catalog, args: &CostArgs) -> Result<(CostReport, Diagnostics)> {
    let lookup = resolve(catalog, &args.model.model, args.model.provider.as_deref())?;
    let model = lookup.found.model;
    let workload = Workload::from_args(&args.usage, Some(model))?.in_region_of(&lookup);
    let split_note = workload.split_note.clone();
    let flag = if args.as_of.is_some() {
        "--as-of"
    } else {
        "--at"
    };
    let (day_prices, prices_date) = workload.prices_for(model, args.as_of.as_deref())?;
    let time_of_day = TimeOfDay::of(&day_prices, workload.at);
    let prices = workload.at_time_of_day(day_prices.clone());
    let Workload {
        usage,
        options,
        counted: token_counts,
        source,
        ..
    } = workload;
    let bill_for = |usage: &Usage| {
        price(&prices, usage, &options, model.context_window)
            .with_context(|| format!("cannot price {}/{}", model.provider, model.id))
    };
    let mut bill = bill_for(&usage)?;
    for counted in &token_counts {
        bill.notes.push(format!(
            "{} {}: {} tokens, {}",
            counted.flag,
            counted.path,
            group_thousands(counted.count.tokens),
            counted.count.describe()
        ));
    }
    let changes = ChangeNotes::of(model, prices_date.as_deref().map(|d| (d, flag)), |sheet| {
        let at = price(sheet, &usage, &options, model.context_window).ok()?;
        Some(at.total)
    });
    bill.notes.extend(changes.notes);
    let time_of_day = time_of_day.map(|found| {
        let total_at = |sheet: &Prices| price(sheet, &usage, &options, model.context_window);
        found.noted(&day_prices, total_at, &mut bill.notes)
    });
    let projection = match args.per {
        Some(period) => {
            let one = bill_for(&Usage {
                requests: 1,
                ..usage
            })?;
            Some(project(bill.total, one.total, period).context("the projection is too large")?)
        }
        None => None,
    };
    let converted = match (&args.currency, args.fx) {
        (Some(code), Some(rate)) => Some(convert(bill.total, code, rate)?),
        _ => None,
    };
    let mut report = CostReport {
        model: model.id.clone(),
        provider: model.provider.clone(),
        name: model.display_name().to_string(),
        currency: catalog.currency.clone(),
        as_of: prices_date
            .clone()
            .or(changes.in_force)
            .or_else(|| model.as_of.clone())
            .unwrap_or_else(|| catalog.as_of.clone()),
        source: model.source.clone(),
        confidence: model.confidence,
        rate_source: if overridden(model) {
            "override"
        } else {
            "catalog"
        },
        override_rule: model.chosen_by.clone().filter(|_| overridden(model)),
        usage,
        options,
        bill,
        projection,
        converted,
        upcoming_change: changes.upcoming,
        time_of_day,
        token_counts,
        explanation: None,
    };
    if args.explain {
        let mut lines = report.explain(&resolved_line(args, &lookup));
        lines.extend(filled_lines(model, &report.bill.rates_used()));
        report.explanation = Some(lines);
    }
    let mut diagnostics = diagnostics_of(&report, lookup.note, model, source.as_deref());
    diagnostics.notes.extend(split_note);
    Ok((report, diagnostics))
}

/// What `cost` says on stderr: the bill's warnings, the lookup note, the
/// model's retirement, and whose prices were used when they are disputed.
fn diagnostics_of(
    report: &CostReport,
    lookup_note: Option<String>,
    model: &Model,
    source: Option<&str>,
) -> Diagnostics {
    let mut diagnostics = Diagnostics::default();
    for warning in &report.bill.warnings {
        diagnostics.warn(warning.clone());
    }
    diagnostics.notes.extend(lookup_note);
    diagnostics
        .notes
        .extend(lifecycle::note(model, crate::dates::today()));
    match source {
        Some(source) => diagnostics.note(format!(
            "input and output priced as {source} states them (--source)"
        )),
        None => diagnostics
            .notes
            .extend(dispute_note(model, &report.bill.rates_used())),
    }
    diagnostics
}

/// `--explain`'s word on each rate the bill used that the build took from
/// a witness or recognised as rounded: the rates, the source, the rule.
fn filled_lines(model: &Model, used: &[&str]) -> Vec<String> {
    model
        .filled
        .iter()
        .filter(|f| f.fields.iter().any(|field| used.contains(&field.as_str())))
        .map(|f| format!("filled: {} from {} ({})", f.rates, f.source, f.rule))
        .collect()
}

/// How `--explain` says which model the query found.
fn resolved_line(args: &CostArgs, lookup: &Lookup<'_>) -> String {
    let model = lookup.found.model;
    format!(
        "'{}' → {}/{} ({}){}",
        args.model.model.trim(),
        model.provider,
        model.id,
        model.display_name(),
        lookup
            .note
            .as_deref()
            .map(|n| format!("; {n}"))
            .unwrap_or_default()
    )
}

impl CostReport {
    /// `rates: standard, long-context tier, off-peak (…)`: which set of rates.
    fn rates_line(&self) -> String {
        let mode = match (self.options.batch, self.options.service_tier) {
            (true, _) => "batch API",
            (false, ServiceTier::Flex) => "flex service tier",
            (false, ServiceTier::Priority) => "priority service tier",
            (false, ServiceTier::Ultrafast) => "ultrafast service tier",
            (false, ServiceTier::Standard) => "standard",
        };
        let long = self
            .bill
            .lines
            .iter()
            .any(|l| l.rate_name.starts_with("long_context"));
        let off_peak = match &self.time_of_day {
            Some(t) if t.off_peak => format!(", off-peak ({}, {})", t.window, t.source),
            _ => String::new(),
        };
        format!(
            "rates: {mode}{}{off_peak}",
            if long { ", long-context tier" } else { "" }
        )
    }

    /// The computation, step by step, one line each.
    fn explain(&self, resolved: &str) -> Vec<String> {
        let u = &self.usage;
        let uncached = u
            .input_tokens
            .saturating_sub(u.cached_input_tokens)
            .saturating_sub(u.cache_write_tokens);
        let (media_in, media_out) = media_parts(u);
        let mut lines = vec![
            format!("model: {resolved}"),
            format!(
                "input per request: {} = {} uncached{media_in} + {} cache reads{} + {} cache writes",
                group_thousands(u.input_tokens),
                group_thousands(uncached),
                group_thousands(u.cached_input_tokens),
                if u.cached_audio_input_tokens > 0 {
                    format!(
                        " (of which {} audio)",
                        group_thousands(u.cached_audio_input_tokens)
                    )
                } else {
                    String::new()
                },
                group_thousands(u.cache_write_tokens)
            ),
            format!(
                "output per request: {} (of which {} reasoning{media_out})",
                group_thousands(u.output_tokens),
                group_thousands(u.reasoning_tokens)
            ),
            format!(
                "requests: {} (token counts are per request)",
                group_thousands(u.requests)
            ),
            self.rates_line(),
        ];
        lines.extend(self.bill.notes.iter().map(|n| format!("rule: {n}")));
        lines.extend(self.bill.warnings.iter().map(|w| format!("warning: {w}")));
        for line in &self.bill.lines {
            lines.push(format!(
                "{}: {} tokens × {} per 1M ({}) ÷ 1,000,000 = {}",
                line.item.label(),
                group_thousands(line.tokens),
                usd(line.rate_per_million),
                line.rate_name,
                usd(line.amount)
            ));
        }
        for fee in &self.bill.fees {
            lines.push(format!(
                "{}: {} {} × {} per 1k ({}) ÷ 1,000 = {}",
                fee.item.label(),
                group_thousands(fee.count),
                fee.item.counted(),
                usd(fee.rate_per_thousand),
                fee.rate_name,
                usd(fee.amount)
            ));
        }
        let amounts: Vec<String> = self
            .bill
            .lines
            .iter()
            .map(|l| usd(l.amount))
            .chain(self.bill.fees.iter().map(|f| usd(f.amount)))
            .collect();
        lines.push(format!(
            "total: {} = {}",
            amounts.join(" + "),
            usd(self.bill.total)
        ));
        lines.push(format!(
            "prices: {} per 1M tokens as of {}, source {}",
            self.currency,
            as_of(&self.as_of),
            self.source.as_deref().unwrap_or("unknown")
        ));
        if let Some(rule) = &self.override_rule {
            lines.push(format!("override: your own rates, {rule}"));
        }
        lines
    }
}

/// How the explanation mentions audio, image and video tokens within the
/// input (` (of which 500 audio, 300 image)`) and the output (`, 200 video`).
fn media_parts(u: &Usage) -> (String, String) {
    let parts = |input: bool| -> Vec<String> {
        MEDIA_PARTS
            .iter()
            .filter(|part| part.input == input && part.tokens(u) > 0)
            .map(|part| format!("{} {}", group_thousands(part.tokens(u)), part.modality))
            .collect()
    };
    let (input, output) = (parts(true), parts(false));
    (
        if input.is_empty() {
            String::new()
        } else {
            format!(" (of which {})", input.join(", "))
        },
        if output.is_empty() {
            String::new()
        } else {
            format!(", {}", output.join(", "))
        },
    )
}

/// Whether your own prices file set this model's rates.
fn overridden(model: &Model) -> bool {
    model
        .chosen_by
        .as_deref()
        .is_some_and(|c| c.starts_with("override:"))
}

/// One table row per bill line and per fee.
fn bill_rows(bill: &Bill) -> Vec<Vec<Cell>> {
    let mut rows: Vec<Vec<Cell>> = bill
        .lines
        .iter()
        .map(|line| {
            vec![
                Cell::text(line.item.label()),
                Cell::count(line.tokens),
                Cell::money(Some(line.rate_per_million)),
                Cell::money(Some(line.amount)),
            ]
        })
        .collect();
    for fee in &bill.fees {
        rows.push(vec![
            Cell::text(fee.item.label()),
            Cell::with_raw(
                format!("{} {}", group_thousands(fee.count), fee.item.counted()),
                fee.count.to_string(),
            ),
            Cell::with_raw(
                format!("{} / 1k", usd(fee.rate_per_thousand)),
                fee.rate_per_thousand.to_string(),
            ),
            Cell::money(Some(fee.amount)),
        ]);
    }
    rows
}

impl Report for CostReport {
    fn document(&self) -> Document {
        let mut doc = Document::default();
        let requests = match self.usage.requests {
            1 => "1 request".to_string(),
            n => format!("{} requests", group_thousands(n)),
        };
        doc.push(Block::Title(format!(
            "{} · {}/{} · {requests}",
            self.name, self.provider, self.model
        )));
        let mut rows = bill_rows(&self.bill);
        // Pricing refuses a bill whose tokens overflow u64, so this sum fits.
        let tokens: u64 = self.bill.lines.iter().map(|l| l.tokens).sum();
        rows.push(vec![
            Cell::text("total"),
            Cell::count(tokens),
            Cell::text(""),
            Cell::money(Some(self.bill.total)),
        ]);
        doc.push(Block::Table {
            headers: vec![
                "item".into(),
                "tokens".into(),
                "rate / 1M".into(),
                "amount".into(),
            ],
            right_aligned: vec![1, 2, 3],
            rows,
        });
        let mut footer: Vec<String> = self
            .bill
            .notes
            .iter()
            .map(|n| format!("note: {n}"))
            .collect();
        footer.push(format!(
            "Prices as of {} ({}).",
            as_of(&self.as_of),
            self.currency
        ));
        if let Some(c) = &self.converted {
            footer.push(format!(
                "≈ {} {} converted at {} {} per USD (prices are in USD).",
                c.total, c.currency, c.rate, c.currency
            ));
        }
        doc.push(Block::Lines(footer));
        if let Some(p) = &self.projection {
            // A rounded estimate reads "≈ $x"; CSV carries the exact amount.
            let estimate = |rounded: bool, amount: Decimal| {
                if rounded {
                    Cell::with_raw(
                        format!("≈ {}", approx_usd(amount)),
                        amount.normalize().to_string(),
                    )
                } else {
                    Cell::money(Some(amount))
                }
            };
            let per = match p.requests_per {
                Period::Day => "day",
                Period::Month => "month",
            };
            doc.push(Block::Fields {
                heading: Some(format!(
                    "Projection ({} requests per {per})",
                    group_thousands(self.usage.requests)
                )),
                pairs: vec![
                    ("Per request".into(), Cell::money(Some(p.per_request))),
                    ("Per day".into(), estimate(p.rounded, p.daily)),
                    ("Per month (30 days)".into(), Cell::money(Some(p.monthly))),
                    ("Per year (365 days)".into(), estimate(p.rounded, p.yearly)),
                ],
            });
        }
        if let Some(explanation) = &self.explanation {
            doc.push(Block::Fields {
                heading: Some("How this was computed".into()),
                pairs: explanation
                    .iter()
                    .map(|line| match line.split_once(": ") {
                        Some((k, v)) => (k.to_string(), v.into()),
                        None => (String::new(), line.clone().into()),
                    })
                    .collect(),
            });
        }
        doc
    }
}
