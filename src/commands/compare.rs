//! `llmcost compare`: one workload priced on several models (or the whole
//! catalog), ranked, with how many times the cheapest each one is.

use std::cmp::Ordering;

use anyhow::Result;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::catalog::history::prices_at;
use crate::catalog::lifecycle::retires_soon;
use crate::catalog::lookup::resolve;
use crate::catalog::model::{Catalog, Model, Region};
use crate::catalog::witness::{Confidence, disputed_on, prices_from};
use crate::cli::{CompareArgs, CompareSort};
use crate::diagnostics::Diagnostics;
use crate::pricing::{PriceOptions, PricingError, Usage, price};
use crate::projection::{Period, Projection, project};
use crate::render::text::{approx_usd, bar, usd};
use crate::render::{Block, Cell, Document, Report};
use crate::workload::{Workload, filter_from};

/// One compared model.
#[derive(Debug, Serialize)]
pub struct CompareRow {
    /// 1 for the first row.
    pub rank: usize,
    /// API model id.
    pub model: String,
    /// Provider id.
    pub provider: String,
    /// Display name.
    pub name: String,
    /// Context window.
    pub context_window: Option<u64>,
    /// USD per 1M input tokens.
    pub input_per_million: Option<Decimal>,
    /// USD per 1M output tokens.
    pub output_per_million: Option<Decimal>,
    /// The workload's total in USD; `null` when a needed price is unknown.
    pub total: Option<Decimal>,
    /// `total` ÷ the cheapest total, to two decimals.
    pub times_cheapest: Option<Decimal>,
    /// `total` − the cheapest total, in USD (defined even when the cheapest is $0).
    pub more_than_cheapest: Option<Decimal>,
    /// When the model retires, if within 30 days of the catalog's date.
    pub retires_soon: Option<String>,
    /// Whether other sources confirm the model's prices.
    pub confidence: Option<Confidence>,
    /// Why `total` is unknown, when it is.
    pub unpriced_reason: Option<String>,
    /// Daily, monthly and yearly totals, with `--per`.
    pub projection: Option<Projection>,
}

/// The comparison.
#[derive(Debug, Serialize)]
pub struct CompareReport {
    /// Currency of every amount.
    pub currency: String,
    /// One request's tokens and the number of requests.
    pub usage: Usage,
    /// How many models.
    pub count: usize,
    /// The rows, in order.
    pub rows: Vec<CompareRow>,
    /// What `--requests` counts, with `--per`.
    pub requests_per: Option<Period>,
    /// Whether to draw the bar chart in text formats.
    #[serde(skip)]
    pub chart: bool,
}

/// One model's row; `sheet` is `--source` and `--at`, which pick the prices.
fn row_for(
    model: &Model,
    usage: &Usage,
    options: PriceOptions,
    per: Option<Period>,
    sheet: (Option<&str>, Option<i64>),
) -> CompareRow {
    let prices = match sheet {
        (Some(source), _) => {
            prices_from(model, source).ok_or_else(|| format!("{source} has no entry"))
        }
        (None, Some(at)) => prices_at(model, at).map_err(|e| e.to_string()),
        (None, None) => Ok(model.prices.clone()),
    };
    let cost = |usage: &Usage| {
        let prices = prices
            .as_ref()
            .map_err(|_| PricingError::MissingPrice("input"))?;
        price(prices, usage, &options, model.context_window)
    };
    let refused = usage.refused_by(model);
    let (total, unpriced_reason) = match (&prices, cost(usage)) {
        _ if refused.is_some() => (None, refused),
        (Err(why), _) => (None, Some(why.clone())),
        (_, Ok(bill)) => (Some(bill.total), None),
        (_, Err(err)) => (None, Some(err.to_string())),
    };
    let one_request = Usage {
        requests: 1,
        ..*usage
    };
    let projection = per.zip(total).and_then(|(period, total)| {
        let per_request = cost(&one_request).ok()?.total;
        project(total, per_request, period)
    });
    // The rates the total was priced at (`--source`'s, `--at`'s, the
    // region's: a Bedrock `us.` profile bills 1.1× the base rates).
    let sheet = prices.as_ref().unwrap_or(&model.prices);
    let regional = |rate: Option<Decimal>| match sheet.regional.get(&options.region) {
        Some(multiplier) => rate
            .and_then(|r| r.checked_mul(multiplier.0))
            .map(|r| r.normalize()),
        None => rate,
    };
    CompareRow {
        rank: 0,
        model: model.id.clone(),
        provider: model.provider.clone(),
        name: model.display_name().to_string(),
        context_window: model.context_window,
        input_per_million: regional(sheet.input),
        output_per_million: regional(sheet.output),
        total,
        times_cheapest: None,
        more_than_cheapest: None,
        retires_soon: None,
        confidence: model.confidence,
        unpriced_reason,
        projection,
    }
}

/// Orders known values by `better`, unknown ones last.
fn known_first<T: Ord>(a: Option<T>, b: Option<T>, descending: bool) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) if descending => b.cmp(&a),
        (Some(a), Some(b)) => a.cmp(&b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

fn sort_rows(rows: &mut [CompareRow], sort: CompareSort) {
    rows.sort_by(|a, b| {
        let primary = match sort {
            CompareSort::Total => known_first(a.total, b.total, false),
            CompareSort::Input => known_first(a.input_per_million, b.input_per_million, false),
            CompareSort::Output => known_first(a.output_per_million, b.output_per_million, false),
            CompareSort::Context => known_first(a.context_window, b.context_window, true),
            CompareSort::Name => Ordering::Equal,
        };
        primary
            .then_with(|| known_first(a.total, b.total, false))
            .then_with(|| (&a.provider, &a.model).cmp(&(&b.provider, &b.model)))
    });
}

/// How many rows a source contradicts on input or output, the prices the
/// ranking is of (`show` lists every rate's witnesses).
fn disputed_rows(rows: &[CompareRow], models: &[(&Model, Option<Region>)]) -> usize {
    rows.iter()
        .filter(|r| r.confidence == Some(Confidence::Disputed))
        .filter(|r| {
            (models.iter())
                .find(|(m, _)| m.provider == r.provider && m.id == r.model)
                .is_some_and(|(m, _)| disputed_on(m, &["input", "output"]))
        })
        .count()
}

/// Prices the workload on the named models, or on every model that passes
/// the filters. Returns the report and the lookup notes.
pub fn report(catalog: &Catalog, args: &CompareArgs) -> Result<(CompareReport, Diagnostics)> {
    let Workload {
        usage,
        options,
        source,
        at,
        region_flag,
        ..
    } = Workload::from_args(&args.usage, None)?;
    let filter = filter_from(&args.filter).resolve_providers(catalog)?;
    let mut diagnostics = Diagnostics::default();
    // Each model with the region its id names (a Bedrock `us.` profile),
    // which prices its row as `cost` prices it, unless `--region` says.
    let models: Vec<(&Model, Option<Region>)> = if args.models.is_empty() {
        // One row per model: snapshots and copies fold into the model.
        filter
            .apply_folded(catalog)
            .into_iter()
            .map(|(model, _)| (model, None))
            .collect()
    } else {
        let mut chosen: Vec<(&Model, Option<Region>)> = Vec::new();
        for name in &args.models {
            let lookup = resolve(catalog, name, None)?;
            if let Some(note) = lookup.note {
                diagnostics.note(note);
            }
            let same = |(m, r): &(&Model, Option<Region>)| {
                std::ptr::eq(*m, lookup.found.model) && *r == lookup.region
            };
            if !chosen.iter().any(same) {
                chosen.push((lookup.found.model, lookup.region));
            }
        }
        chosen
            .into_iter()
            .filter(|(m, _)| filter.accepts(m))
            .collect()
    };
    let mut rows: Vec<CompareRow> = models
        .iter()
        .map(|(m, region)| {
            let options = PriceOptions {
                region: region_flag.or(*region).unwrap_or(options.region),
                ..options
            };
            row_for(m, &usage, options, args.per, (source.as_deref(), at))
        })
        .filter(|r| {
            args.max_price
                .is_none_or(|max| r.total.is_some_and(|t| t <= max))
        })
        .collect();
    sort_rows(&mut rows, args.sort);
    if let Some(top) = args.top {
        rows.truncate(usize::try_from(top).unwrap_or(usize::MAX));
    }
    let cheapest = rows.iter().filter_map(|r| r.total).min();
    for (i, row) in rows.iter_mut().enumerate() {
        row.rank = i + 1;
        row.more_than_cheapest = row
            .total
            .zip(cheapest)
            .map(|(total, min)| (total - min).normalize());
        row.times_cheapest = match (row.total, cheapest) {
            (Some(total), Some(min)) if !min.is_zero() => {
                total.checked_div(min).map(|r| r.round_dp(2).normalize())
            }
            (Some(total), Some(_)) if total.is_zero() => Some(Decimal::ONE),
            _ => None,
        };
    }
    if let Some(today) = filter.today {
        for row in &mut rows {
            let model = models
                .iter()
                .map(|(m, _)| *m)
                .find(|m| m.provider == row.provider && m.id == row.model);
            if let Some(model) = model.filter(|m| retires_soon(m, today)) {
                row.retires_soon.clone_from(&model.deprecation_date);
            }
        }
    }
    let disputed = disputed_rows(&rows, &models);
    if disputed > 0 {
        diagnostics.note(format!(
            "{disputed} of {} rows have input or output prices another source disputes (see `confidence` in --json, or `llmcost show MODEL`)",
            rows.len()
        ));
    }
    let report = CompareReport {
        currency: catalog.currency.clone(),
        usage,
        count: rows.len(),
        rows,
        requests_per: args.per,
        chart: args.chart,
    };
    Ok((report, diagnostics))
}

impl CompareReport {
    fn chart_lines(&self) -> Vec<String> {
        let labels: Vec<String> = self
            .rows
            .iter()
            .map(|r| format!("{}/{}", r.provider, r.model))
            .collect();
        let width = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0);
        let max = self
            .rows
            .iter()
            .filter_map(|r| r.total)
            .max()
            .unwrap_or_default();
        self.rows
            .iter()
            .zip(&labels)
            .map(|(row, label)| format!("{label:<width$}  {}", bar(row.total, max)))
            .collect()
    }
}

/// `2.08×`, or `+$0.12` when the cheapest is $0 and a ratio means nothing,
/// or `—` when the total is unknown.
fn vs_cheapest(row: &CompareRow) -> Cell {
    match (row.times_cheapest, row.more_than_cheapest) {
        (Some(times), _) => Cell::with_raw(format!("{times:.2}×"), times.to_string()),
        (None, Some(more)) => Cell::with_raw(format!("+{}", usd(more)), ""),
        (None, None) => Cell::with_raw("—", ""),
    }
}

impl Report for CompareReport {
    fn document(&self) -> Document {
        let rows: Vec<Vec<Cell>> = self
            .rows
            .iter()
            .map(|r| {
                let mut cells = vec![
                    Cell::count(r.rank as u64),
                    Cell::text(r.model.clone()),
                    Cell::text(r.provider.clone()),
                    Cell::tokens(r.context_window),
                    Cell::money(r.input_per_million),
                    Cell::money(r.output_per_million),
                    Cell::money(r.total),
                    vs_cheapest(r),
                ];
                if self.requests_per.is_some() {
                    let projected = |pick: fn(&Projection) -> (Decimal, bool)| {
                        r.projection.as_ref().map(pick).map_or_else(
                            || Cell::money(None),
                            |(amount, rounded)| {
                                if rounded {
                                    Cell::with_raw(
                                        format!("≈ {}", approx_usd(amount)),
                                        amount.to_string(),
                                    )
                                } else {
                                    Cell::money(Some(amount))
                                }
                            },
                        )
                    };
                    cells.push(projected(|p| (p.daily, p.rounded)));
                    cells.push(projected(|p| (p.monthly, false)));
                }
                cells
            })
            .collect();
        let mut headers: Vec<String> = [
            "#",
            "model",
            "provider",
            "context",
            "input / 1M",
            "output / 1M",
            "total",
            "vs cheapest",
        ]
        .map(String::from)
        .to_vec();
        let mut right_aligned = vec![0, 3, 4, 5, 6, 7];
        if self.requests_per.is_some() {
            headers.extend(["per day".to_string(), "per month".to_string()]);
            right_aligned.extend([8, 9]);
        }
        // Models that retire within 30 days of the catalog's date say so.
        let mut rows = rows;
        if self.rows.iter().any(|r| r.retires_soon.is_some()) {
            headers.push("retires".to_string());
            for (cells, row) in rows.iter_mut().zip(&self.rows) {
                cells.push(Cell::text(row.retires_soon.clone().unwrap_or_default()));
            }
        }
        let mut doc = Document::default();
        doc.push(Block::Table {
            headers,
            right_aligned,
            rows,
        });
        if let Some(period) = self.requests_per {
            doc.push(Block::Lines(vec![format!(
                "total is for {} requests per {}; a month is 30 days.",
                crate::quantity::group_thousands(self.usage.requests),
                period.as_str()
            )]));
        }
        if self.chart && !self.rows.is_empty() {
            let mut lines = vec![String::new()];
            lines.extend(self.chart_lines());
            doc.push(Block::Lines(lines));
        }
        doc
    }
}
