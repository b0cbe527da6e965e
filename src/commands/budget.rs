//! `llmcost budget MODEL --usd N`: how much a budget buys, exactly, rounded
//! down: requests of a given shape (`--in`/`--out`), or tokens at a mix.

use anyhow::{Result, bail};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::catalog::lookup::resolve;
use crate::catalog::model::{Catalog, Model};
use crate::catalog::witness::dispute_note;
use crate::cli::BudgetArgs;
use crate::diagnostics::Diagnostics;
use crate::pricing::{PriceOptions, Usage, price, split_total};
use crate::quantity::group_thousands;
use crate::render::text::usd;
use crate::render::{Block, Document, Report};

/// What the budget buys.
#[derive(Debug, Serialize)]
pub struct BudgetReport {
    /// API model id.
    pub model: String,
    /// Provider id.
    pub provider: String,
    /// The budget in USD.
    pub budget: Decimal,
    /// `requests` when a request shape was given, else `tokens`.
    pub mode: &'static str,
    /// Whole requests the budget pays for (request mode).
    pub requests: Option<u64>,
    /// USD per request (request mode).
    pub cost_per_request: Option<Decimal>,
    /// Input tokens bought.
    pub input_tokens: u64,
    /// Output tokens bought.
    pub output_tokens: u64,
    /// What those cost, at most the budget.
    pub spent: Decimal,
    /// Budget minus spent.
    pub left_over: Decimal,
}

fn cost(model: &Model, usage: &Usage, options: PriceOptions) -> Result<Decimal> {
    Ok(price(&model.prices, usage, &options, None)?.total)
}

/// The largest `n` with `cost_of(n) <= budget`, given a monotone `cost_of`
/// and an estimate: exact, whatever rounding the estimate had.
fn largest_affordable(
    budget: Decimal,
    estimate: u64,
    cost_of: impl Fn(u64) -> Result<Decimal>,
) -> Result<u64> {
    let mut n = estimate;
    while n > 0 && cost_of(n)? > budget {
        n -= 1;
    }
    while n < u64::MAX && cost_of(n + 1)? <= budget {
        n += 1;
    }
    Ok(n)
}

/// Works out what `args.usd` buys on the model.
pub fn report(catalog: &Catalog, args: &BudgetArgs) -> Result<(BudgetReport, Diagnostics)> {
    let lookup = resolve(catalog, &args.model.model, args.model.provider.as_deref())?;
    let model = lookup.found.model;
    let options = PriceOptions {
        batch: args.batch,
        ..PriceOptions::default()
    };
    let budget = args.usd.normalize();
    let per_request_shape = args.input.is_some() || args.output.is_some();
    let report = if per_request_shape {
        let one = Usage::single(args.input.unwrap_or(0), args.output.unwrap_or(0));
        let per_request = cost(model, &one, options)?;
        if per_request.is_zero() {
            bail!(
                "{} costs nothing per request at catalog prices, so any budget buys unlimited requests",
                model.id
            );
        }
        let estimate = budget
            .checked_div(per_request)
            .and_then(|n| u64::try_from(n.floor()).ok())
            .unwrap_or(u64::MAX);
        let requests = largest_affordable(budget, estimate, |n| {
            cost(model, &Usage { requests: n, ..one }, options)
        })?;
        let spent = cost(model, &Usage { requests, ..one }, options)?;
        BudgetReport {
            model: model.id.clone(),
            provider: model.provider.clone(),
            budget,
            mode: "requests",
            requests: Some(requests),
            cost_per_request: Some(per_request),
            input_tokens: one.input_tokens.saturating_mul(requests),
            output_tokens: one.output_tokens.saturating_mul(requests),
            spent,
            left_over: (budget - spent).normalize(),
        }
    } else {
        let (input_part, output_part) = args.mix.unwrap_or((Decimal::ONE, Decimal::ONE));
        let cost_of = |total: u64| -> Result<Decimal> {
            let (input, output) = split_total(total, input_part, output_part)
                .ok_or_else(|| anyhow::anyhow!("the budget is too large to split"))?;
            cost(model, &Usage::single(input, output), options)
        };
        let per_million = cost_of(1_000_000)?;
        if per_million.is_zero() {
            bail!(
                "{} costs nothing at catalog prices, so any budget buys unlimited tokens",
                model.id
            );
        }
        let estimate = budget
            .checked_mul(Decimal::from(1_000_000))
            .and_then(|b| b.checked_div(per_million))
            .and_then(|n| u64::try_from(n.floor()).ok())
            .unwrap_or(u64::MAX);
        let total = largest_affordable(budget, estimate, cost_of)?;
        let (input, output) = split_total(total, input_part, output_part).unwrap_or((0, 0));
        let spent = cost_of(total)?;
        BudgetReport {
            model: model.id.clone(),
            provider: model.provider.clone(),
            budget,
            mode: "tokens",
            requests: None,
            cost_per_request: None,
            input_tokens: input,
            output_tokens: output,
            spent,
            left_over: (budget - spent).normalize(),
        }
    };
    let mut diagnostics = Diagnostics::from_note(lookup.note);
    diagnostics.notes.extend(dispute_note(model));
    Ok((report, diagnostics))
}

impl Report for BudgetReport {
    fn document(&self) -> Document {
        let mut pairs = Vec::new();
        if let (Some(requests), Some(per)) = (self.requests, self.cost_per_request) {
            pairs.push(("Requests".to_string(), group_thousands(requests)));
            pairs.push(("Per request".to_string(), usd(per)));
        }
        pairs.push((
            "Input tokens".to_string(),
            group_thousands(self.input_tokens),
        ));
        pairs.push((
            "Output tokens".to_string(),
            group_thousands(self.output_tokens),
        ));
        pairs.push(("Spent".to_string(), usd(self.spent)));
        pairs.push(("Left over".to_string(), usd(self.left_over)));
        let mut doc = Document::default();
        doc.push(Block::Fields {
            heading: Some(format!(
                "{} buys on {}/{} (rounded down)",
                usd(self.budget),
                self.provider,
                self.model
            )),
            pairs,
        });
        doc
    }
}
