//! `llmcost list`: one row per model, ordered by provider then id.

use anyhow::Result;

use crate::workload::filter_from;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::catalog::filter::tier_of;
use crate::catalog::model::{Catalog, Tier};
use crate::cli::{ListArgs, ListSort};
use crate::render::{Block, Cell, Document, Report};

/// One listed model.
#[derive(Debug, Serialize)]
pub struct ListRow {
    /// API model id.
    pub id: String,
    /// Provider id.
    pub provider: String,
    /// Display name.
    pub name: String,
    /// Context window in tokens.
    pub context_window: Option<u64>,
    /// USD per 1M input tokens.
    pub input_per_million: Option<Decimal>,
    /// USD per 1M output tokens.
    pub output_per_million: Option<Decimal>,
    /// Price tier.
    pub tier: Option<Tier>,
    /// Dated snapshots and copies with the same prices, folded into this row.
    pub also: Vec<String>,
}

/// The listed models.
#[derive(Debug, Serialize)]
pub struct ListReport {
    /// How many models.
    pub count: usize,
    /// The rows.
    pub models: Vec<ListRow>,
}

/// The 50/50 blended price per 1M tokens, for sorting by price.
fn blended(row: &ListRow) -> Option<Decimal> {
    row.input_per_million?
        .checked_add(row.output_per_million?)
        .map(|sum| sum / Decimal::TWO)
}

/// Lists the catalog's models that pass the filters, in the order asked for.
pub fn report(catalog: &Catalog, args: &ListArgs) -> Result<ListReport> {
    let filter = filter_from(&args.filter).resolve_providers(catalog)?;
    let mut models: Vec<ListRow> = filter
        .apply_folded(catalog)
        .into_iter()
        .map(|(m, also)| ListRow {
            id: m.id.clone(),
            provider: m.provider.clone(),
            name: m.display_name().to_string(),
            context_window: m.context_window,
            input_per_million: m.prices.input,
            output_per_million: m.prices.output,
            tier: tier_of(m),
            also,
        })
        .collect();
    let by_name = |a: &ListRow, b: &ListRow| (&a.provider, &a.id).cmp(&(&b.provider, &b.id));
    match args.sort {
        ListSort::Provider => models.sort_by(by_name),
        ListSort::Name => models.sort_by(|a, b| a.id.cmp(&b.id).then_with(|| by_name(a, b))),
        ListSort::Price => models.sort_by(|a, b| {
            let (x, y) = (blended(a), blended(b));
            x.is_none()
                .cmp(&y.is_none())
                .then_with(|| x.cmp(&y))
                .then_with(|| by_name(a, b))
        }),
        ListSort::Context => models.sort_by(|a, b| {
            let (x, y) = (a.context_window, b.context_window);
            x.is_none()
                .cmp(&y.is_none())
                .then_with(|| y.cmp(&x))
                .then_with(|| by_name(a, b))
        }),
    }
    if let Some(limit) = args.limit {
        models.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    }
    Ok(ListReport {
        count: models.len(),
        models,
    })
}

impl Report for ListReport {
    fn document(&self) -> Document {
        let rows = self
            .models
            .iter()
            .map(|m| {
                vec![
                    Cell::text(m.id.clone()),
                    Cell::text(m.provider.clone()),
                    Cell::tokens(m.context_window),
                    Cell::money(m.input_per_million),
                    Cell::money(m.output_per_million),
                    Cell::text(m.tier.map_or("unknown", Tier::as_str)),
                    Cell::text(m.also.join(", ")),
                ]
            })
            .collect();
        // The "also" column only when something was folded.
        let folded = self.models.iter().any(|m| !m.also.is_empty());
        let rows: Vec<Vec<Cell>> = if folded {
            rows
        } else {
            rows.into_iter()
                .map(|mut cells: Vec<Cell>| {
                    cells.pop();
                    cells
                })
                .collect()
        };
        let mut doc = Document::default();
        doc.push(Block::Table {
            headers: [
                "model",
                "provider",
                "context",
                "input / 1M",
                "output / 1M",
                "tier",
                "also",
            ]
            .into_iter()
            .take(if folded { 7 } else { 6 })
            .map(String::from)
            .collect(),
            right_aligned: vec![2, 3, 4],
            rows,
        });
        doc
    }
}
