//! `llmcost cost MODEL --in N --out N`: an itemized bill for one model.

use anyhow::{Context, Result};
use serde::Serialize;

use crate::UsageError;
use crate::catalog::lookup::resolve;
use crate::catalog::model::Catalog;
use crate::cli::{CostArgs, UsageArgs};
use crate::pricing::{Bill, Usage, price, split_total};
use crate::quantity::group_thousands;
use crate::render::text::as_of;
use crate::render::{Block, Cell, Document, Report};

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
    /// One request's tokens and the number of requests.
    pub usage: Usage,
    /// The itemized bill; its `total` is the sum of its lines.
    #[serde(flatten)]
    pub bill: Bill,
}

/// Turns the usage flags into one request's token counts.
pub fn usage_from_args(args: &UsageArgs) -> Result<Usage> {
    let (input, output) = match (args.total, args.mix) {
        (Some(total), Some((input_part, output_part))) => {
            split_total(total, input_part, output_part)
                .context("--total is too large to split by --mix")?
        }
        _ => (args.input.unwrap_or(0), args.output.unwrap_or(0)),
    };
    let cached = args.cached_input.unwrap_or(0);
    if cached > input {
        return Err(UsageError(format!(
            "--cached-in ({cached}) is part of --in ({input}) and cannot be larger than it"
        ))
        .into());
    }
    Ok(Usage {
        input_tokens: input,
        cached_input_tokens: cached,
        output_tokens: output,
        requests: args.requests,
    })
}

/// Prices the workload `args` describes, and returns the lookup note if any.
pub fn report(catalog: &Catalog, args: &CostArgs) -> Result<(CostReport, Option<String>)> {
    let lookup = resolve(catalog, &args.model.model, args.model.provider.as_deref())?;
    let model = lookup.found.model;
    let usage = usage_from_args(&args.usage)?;
    let bill = price(&model.prices, &usage, model.context_window)
        .with_context(|| format!("cannot price {}/{}", model.provider, model.id))?;
    let report = CostReport {
        model: model.id.clone(),
        provider: model.provider.clone(),
        name: model.display_name().to_string(),
        currency: catalog.currency.clone(),
        as_of: model.as_of.clone().unwrap_or_else(|| catalog.as_of.clone()),
        source: model.source.clone(),
        usage,
        bill,
    };
    Ok((report, lookup.note))
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
        let mut rows: Vec<Vec<Cell>> = self
            .bill
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
        let tokens: u128 = self.bill.lines.iter().map(|l| u128::from(l.tokens)).sum();
        rows.push(vec![
            Cell::text("total"),
            u64::try_from(tokens).map_or_else(|_| Cell::text(tokens.to_string()), Cell::count),
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
        doc.push(Block::Lines(footer));
        doc
    }
}
