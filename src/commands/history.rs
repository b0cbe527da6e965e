//! `llmcost history MODEL`: the model's observed prices over time, with a
//! terminal chart of input and output once there are two or more points.

use anyhow::Result;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::catalog::history::series;
use crate::catalog::lookup::resolve;
use crate::catalog::model::{Catalog, Prices};
use crate::cli::ModelArgs;
use crate::diagnostics::Diagnostics;
use crate::quantity::short_tokens;
use crate::render::text::{bar, date_part, rate};
use crate::render::{Block, Cell, Document, Report};

/// One sheet of the series: the input and output prices from a day on.
#[derive(Debug, Serialize)]
pub struct HistoryPoint {
    /// The first day of these prices, or when they were first observed;
    /// `null` when no source dates their start.
    pub date: Option<String>,
    /// The day the next prices began (`null` for the last).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
    /// Input price per 1M tokens.
    pub input: Option<Decimal>,
    /// Output price per 1M tokens.
    pub output: Option<Decimal>,
    /// The context tiers' input and output prices, where the sheet has
    /// any (of the observed points, only the catalog's own carries them:
    /// the others keep input and output).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub above: Vec<TierPoint>,
    /// The source that dates a change (genai-prices); `null` for prices
    /// llmcost observed itself.
    pub source: Option<String>,
}

/// A context tier's prices on one sheet of the series.
#[derive(Debug, Serialize)]
pub struct TierPoint {
    /// Input tokens per request above which they apply.
    pub threshold: u64,
    /// Input price per 1M tokens.
    pub input: Option<Decimal>,
    /// Output price per 1M tokens.
    pub output: Option<Decimal>,
}

fn tiers_of(prices: &Prices) -> Vec<TierPoint> {
    prices
        .context_tiers()
        .map(|t| TierPoint {
            threshold: t.threshold,
            input: t.input,
            output: t.output,
        })
        .collect()
}

/// A model's price history.
#[derive(Debug, Serialize)]
pub struct HistoryReport {
    /// API model id.
    pub model: String,
    /// Provider id.
    pub provider: String,
    /// The first dated point's day.
    pub tracking_since: Option<String>,
    /// How many times the price changed (or will, where a change is
    /// announced).
    pub changes: usize,
    /// The series, oldest first: the sheets a source dates before the
    /// catalog's, the observed ones, then the changes announced ahead.
    pub points: Vec<HistoryPoint>,
}

/// Builds the history of the model `args` names.
pub fn report(catalog: &Catalog, args: &ModelArgs) -> Result<(HistoryReport, Diagnostics)> {
    let lookup = resolve(catalog, &args.model, args.provider.as_deref())?;
    let model = lookup.found.model;
    let mut points: Vec<HistoryPoint> = Vec::new();
    let mut from = None;
    for earlier in &model.earlier_prices {
        points.push(HistoryPoint {
            date: from.replace(earlier.until.clone()),
            until: None,
            input: earlier.prices.input,
            output: earlier.prices.output,
            above: tiers_of(&earlier.prices),
            source: Some(earlier.source.clone()),
        });
    }
    let observed = series(model);
    let last = observed.len().saturating_sub(1);
    for (index, point) in observed.into_iter().enumerate() {
        // The first observed prices held from the last dated change; the
        // last are the catalog's own, whose tiers are known.
        let observed_on = date_part(&point.date).to_string();
        let date = if index == 0 { from.take() } else { None };
        points.push(HistoryPoint {
            date: date.or(Some(observed_on)),
            until: None,
            input: point.input,
            output: point.output,
            above: if index == last {
                tiers_of(model.sheet_after(0))
            } else {
                Vec::new()
            },
            source: None,
        });
    }
    for change in &model.price_changes {
        points.push(HistoryPoint {
            date: Some(change.date.clone()),
            until: None,
            input: change.prices.input,
            output: change.prices.output,
            above: tiers_of(&change.prices),
            source: Some(change.source.clone()),
        });
    }
    let starts: Vec<Option<String>> = points.iter().skip(1).map(|p| p.date.clone()).collect();
    for (point, next) in points.iter_mut().zip(starts) {
        point.until = next;
    }
    let report = HistoryReport {
        model: model.id.clone(),
        provider: model.provider.clone(),
        tracking_since: points.iter().find_map(|p| p.date.clone()),
        changes: points.len().saturating_sub(1),
        points,
    };
    Ok((report, Diagnostics::from_note(lookup.note)))
}

impl HistoryPoint {
    /// The day it began, as a table writes it (`before 2025-06-10` when
    /// only its end is dated).
    fn label(&self) -> String {
        match (&self.date, &self.until) {
            (Some(date), _) => date.clone(),
            (None, Some(until)) => format!("before {until}"),
            (None, None) => "unknown".to_string(),
        }
    }

    /// Its context tiers as a table writes them: `above 200k: $10.00 in, $37.50 out`.
    fn tiers(&self) -> String {
        let tiers: Vec<String> = self
            .above
            .iter()
            .map(|t| {
                format!(
                    "above {}: {} in, {} out",
                    short_tokens(t.threshold),
                    rate(t.input),
                    rate(t.output)
                )
            })
            .collect();
        if tiers.is_empty() {
            "–".to_string()
        } else {
            tiers.join("; ")
        }
    }
}

impl Report for HistoryReport {
    fn document(&self) -> Document {
        let mut doc = Document::default();
        doc.push(Block::Title(format!(
            "Price history of {}/{}",
            self.provider, self.model
        )));
        let rows = self
            .points
            .iter()
            .map(|p| {
                vec![
                    Cell::text(p.label()),
                    Cell::money(p.input),
                    Cell::money(p.output),
                    Cell::text(p.tiers()),
                    Cell::text(p.source.clone().unwrap_or_else(|| "observed".to_string())),
                ]
            })
            .collect();
        doc.push(Block::Table {
            headers: [
                "from",
                "input / 1M",
                "output / 1M",
                "long context",
                "source",
            ]
            .map(String::from)
            .to_vec(),
            right_aligned: vec![1, 2],
            rows,
        });
        match (&self.tracking_since, self.changes) {
            (Some(since), 0) => {
                doc.push(Block::Lines(vec![format!(
                    "tracking since {since}; no change yet"
                )]));
            }
            (Some(_), _) => {
                let max = self
                    .points
                    .iter()
                    .flat_map(|p| [p.input, p.output])
                    .flatten()
                    .max()
                    .unwrap_or_default();
                let mut lines = vec![String::new()];
                let width = self.points.iter().map(|p| p.label().chars().count()).max();
                for p in &self.points {
                    let label = format!("{:width$}", p.label(), width = width.unwrap_or(0));
                    lines.push(format!("{label}  in   {}", bar(p.input, max)));
                    lines.push(format!(
                        "{}  out  {}",
                        " ".repeat(label.chars().count()),
                        bar(p.output, max)
                    ));
                }
                doc.push(Block::Lines(lines));
            }
            (None, _) => {
                doc.push(Block::Lines(vec!["no prices recorded".to_string()]));
            }
        }
        doc
    }
}
