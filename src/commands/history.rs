//! `llmcost history MODEL`: the model's observed prices over time, with a
//! terminal chart of input and output once there are two or more points.

use anyhow::Result;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::catalog::history::series;
use crate::catalog::lookup::resolve;
use crate::catalog::model::Catalog;
use crate::cli::ModelArgs;
use crate::diagnostics::Diagnostics;
use crate::render::text::{bar, date_part};
use crate::render::{Block, Cell, Document, Report};

/// One point of the series.
#[derive(Debug, Serialize)]
pub struct HistoryPoint {
    /// When the price was observed.
    pub date: String,
    /// Input price per 1M tokens.
    pub input: Option<Decimal>,
    /// Output price per 1M tokens.
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

/// Builds the history of the model `args` names.
pub fn report(catalog: &Catalog, args: &ModelArgs) -> Result<(HistoryReport, Diagnostics)> {
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
    Ok((report, Diagnostics::from_note(lookup.note)))
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
