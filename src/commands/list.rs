//! `llmcost list`: one row per model, ordered by provider then id.

use anyhow::Result;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::catalog::lookup::require_provider;
use crate::catalog::model::{Catalog, Tier};
use crate::cli::ListArgs;
use crate::pricing::tier_for;
use crate::quantity::short_tokens;
use crate::render::text::rate;
use crate::render::{Block, Document, Report};

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
    #[serde(with = "rust_decimal::serde::arbitrary_precision_option")]
    pub input_per_million: Option<Decimal>,
    /// USD per 1M output tokens.
    #[serde(with = "rust_decimal::serde::arbitrary_precision_option")]
    pub output_per_million: Option<Decimal>,
    /// Price tier.
    pub tier: Option<Tier>,
}

/// The listed models.
#[derive(Debug, Serialize)]
pub struct ListReport {
    /// How many models.
    pub count: usize,
    /// The rows.
    pub models: Vec<ListRow>,
}

/// Lists the catalog's models, filtered by `--provider`.
pub fn report(catalog: &Catalog, args: &ListArgs) -> Result<ListReport> {
    let providers: Vec<&str> = args
        .provider
        .iter()
        .map(|p| require_provider(catalog, p).map(|p| p.id.as_str()))
        .collect::<Result<_>>()?;
    let mut models: Vec<ListRow> = catalog
        .models
        .iter()
        .filter(|m| providers.is_empty() || providers.contains(&m.provider.as_str()))
        .map(|m| ListRow {
            id: m.id.clone(),
            provider: m.provider.clone(),
            name: m.display_name().to_string(),
            context_window: m.context_window,
            input_per_million: m.prices.input,
            output_per_million: m.prices.output,
            tier: m.tier.or_else(|| tier_for(&m.prices)),
        })
        .collect();
    models.sort_by(|a, b| (&a.provider, &a.id).cmp(&(&b.provider, &b.id)));
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
                    m.id.clone(),
                    m.provider.clone(),
                    m.context_window
                        .map_or_else(|| "unknown".into(), short_tokens),
                    rate(m.input_per_million),
                    rate(m.output_per_million),
                    m.tier.map_or("unknown", Tier::as_str).to_string(),
                ]
            })
            .collect();
        let mut doc = Document::default();
        doc.push(Block::Table {
            headers: [
                "model",
                "provider",
                "context",
                "input / 1M",
                "output / 1M",
                "tier",
            ]
            .map(String::from)
            .to_vec(),
            right_aligned: vec![2, 3, 4],
            rows,
        });
        doc
    }
}
