//! `llmcost history MODEL`: the model's observed prices over time, with a
//! terminal chart of input and output once there are two or more points.

use anyhow::{Result, bail};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::UsageError;
use crate::catalog::lookup::resolve;
use crate::catalog::model::{Catalog, Model, PricePoint, Prices};
use crate::cli::ModelArgs;
use crate::dates::parse_day;
use crate::render::text::{bar, date_part};
use crate::render::{Block, Cell, Document, Report};

/// One point of the series.
#[derive(Debug, Serialize)]
pub struct HistoryPoint {
    /// When the price was observed.
    pub date: String,
    /// Input price per 1M tokens.
    #[serde(with = "rust_decimal::serde::arbitrary_precision_option")]
    pub input: Option<Decimal>,
    /// Output price per 1M tokens.
    #[serde(with = "rust_decimal::serde::arbitrary_precision_option")]
    pub output: Option<Decimal>,
}

/// A model's price history.
#[derive(Debug, Serialize)]
pub struct HistoryReport {
    /// API model id.
    pub model: String,
    /// Provider id.
    pub provider: String,
    /// The first observation's date.
    pub tracking_since: Option<String>,
    /// How many times the price changed.
    pub changes: usize,
    /// The series, oldest first.
    pub points: Vec<HistoryPoint>,
}

/// The observed points: the recorded history, or the current prices as the
/// single point when nothing was recorded yet.
pub fn series(model: &Model) -> Vec<PricePoint> {
    if model.price_history.is_empty() {
        model
            .as_of
            .iter()
            .map(|date| PricePoint {
                date: date.clone(),
                input: model.prices.input,
                output: model.prices.output,
            })
            .collect()
    } else {
        model.price_history.clone()
    }
}

/// The model's prices in force on `date` (`YYYY-MM-DD`): input and output
/// from the newest history point on or before it; other rates are the
/// current ones, since only input and output have a history. Returns the
/// prices and the date of the point used.
pub fn prices_as_of(model: &Model, date: &str) -> Result<(Prices, String)> {
    let Some(day) = parse_day(date) else {
        return Err(UsageError(format!("--as-of '{date}' is not a date (YYYY-MM-DD)")).into());
    };
    let points = series(model);
    let in_force = points
        .iter()
        .filter(|p| parse_day(&p.date).is_some_and(|d| d <= day))
        .max_by_key(|p| parse_day(&p.date));
    let Some(point) = in_force else {
        match points.first() {
            Some(first) => bail!(
                "no price of {} is recorded on or before {date}; tracking since {}",
                model.id,
                date_part(&first.date)
            ),
            None => bail!("{} has no price history", model.id),
        }
    };
    let prices = Prices {
        input: point.input,
        output: point.output,
        ..model.prices.clone()
    };
    Ok((prices, point.date.clone()))
}

/// Builds the history of the model `args` names.
pub fn report(catalog: &Catalog, args: &ModelArgs) -> Result<(HistoryReport, Option<String>)> {
    let lookup = resolve(catalog, &args.model, args.provider.as_deref())?;
    let model = lookup.found.model;
    let points: Vec<HistoryPoint> = series(model)
        .into_iter()
        .map(|p| HistoryPoint {
            date: date_part(&p.date).to_string(),
            input: p.input,
            output: p.output,
        })
        .collect();
    let report = HistoryReport {
        model: model.id.clone(),
        provider: model.provider.clone(),
        tracking_since: points.first().map(|p| p.date.clone()),
        changes: points.len().saturating_sub(1),
        points,
    };
    Ok((report, lookup.note))
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
                    Cell::text(p.date.clone()),
                    Cell::money(p.input),
                    Cell::money(p.output),
                ]
            })
            .collect();
        doc.push(Block::Table {
            headers: ["date", "input / 1M", "output / 1M"]
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
                for p in &self.points {
                    lines.push(format!("{}  in   {}", p.date, bar(p.input, max)));
                    lines.push(format!(
                        "{}  out  {}",
                        " ".repeat(p.date.len()),
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
