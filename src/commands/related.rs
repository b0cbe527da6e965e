//! `llmcost related MODEL`: alternatives with similar capabilities, context
//! window and price tier; the ranking is [`crate::related`].

use anyhow::Result;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::catalog::lookup::resolve;
use crate::catalog::model::Catalog;
use crate::cli::RelatedArgs;
use crate::diagnostics::Diagnostics;
use crate::related::{RelatedRow, reference_total_in, related};
use crate::render::text::rate;
use crate::render::{Block, Cell, Document, Report};

/// The related models.
#[derive(Debug, Serialize)]
pub struct RelatedReport {
    /// The model asked about.
    pub model: String,
    /// Its provider.
    pub provider: String,
    /// Its cost for 1M input + 1M output tokens.
    pub reference_total: Option<Decimal>,
    /// The rows, in order.
    pub related: Vec<RelatedRow>,
}

/// Finds the models related to the one `args` names.
pub fn report(catalog: &Catalog, args: &RelatedArgs) -> Result<(RelatedReport, Diagnostics)> {
    let lookup = resolve(catalog, &args.model.model, args.model.provider.as_deref())?;
    let model = lookup.found.model;
    // A Bedrock `us.` profile is priced at its region's rates, as `cost` does.
    let region = lookup.region.unwrap_or_default();
    let limit = usize::try_from(args.limit).unwrap_or(usize::MAX);
    let report = RelatedReport {
        model: model.id.clone(),
        provider: model.provider.clone(),
        reference_total: reference_total_in(model, region),
        related: related(catalog, model, region, args.all, limit),
    };
    Ok((report, Diagnostics::from_note(lookup.note)))
}

impl Report for RelatedReport {
    fn document(&self) -> Document {
        let rows = self
            .related
            .iter()
            .map(|r| {
                vec![
                    Cell::count(r.rank as u64),
                    Cell::text(r.model.clone()),
                    Cell::text(r.provider.clone()),
                    Cell::count(u64::from(r.score)),
                    Cell::money(r.reference_total),
                    Cell::text(r.reason.clone()),
                ]
            })
            .collect();
        let mut doc = Document::default();
        doc.push(Block::Title(format!(
            "Related to {}/{} ({} for 1M in + 1M out)",
            self.provider,
            self.model,
            rate(self.reference_total)
        )));
        doc.push(Block::Table {
            headers: ["#", "model", "provider", "score", "1M in + 1M out", "why"]
                .map(String::from)
                .to_vec(),
            right_aligned: vec![0, 3, 4],
            rows,
        });
        doc
    }
}
