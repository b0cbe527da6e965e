//! `llmcost budget MODEL --usd N`: how much a budget buys, exactly, rounded
//! down: requests of a given shape (`--in`/`--out`), or tokens at a mix.

use anyhow::{Context, Result, bail};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::UsageError;
use crate::catalog::lookup::resolve;
use crate::catalog::model::{Catalog, Model, Prices};
use crate::catalog::witness::dispute_note;
use crate::cli::{BudgetArgs, RequestArgs};
use crate::diagnostics::Diagnostics;
use crate::pricing::{ASSUMED_REQUEST_TOKENS, Bill, Usage, price, price_totals, split_total};
use crate::quantity::group_thousands;
use crate::render::text::usd;
use crate::render::{Block, Cell, Document, Report};
use crate::workload::Workload;

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
    /// Tokens mode: the request size the tokens are priced as (10,000, or
    /// the context window if smaller), so no request exceeds the window.
    pub assumed_request_tokens: Option<u64>,
    /// Input tokens bought.
    pub input_tokens: u64,
    /// Output tokens bought.
    pub output_tokens: u64,
    /// What those cost, at most the budget.
    pub spent: Decimal,
    /// Budget minus spent.
    pub left_over: Decimal,
}

fn bill(prices: &Prices, usage: &Usage, workload: &Workload, model: &Model) -> Result<Bill> {
    price(prices, usage, &workload.options, model.context_window)
        .with_context(|| format!("cannot price {}/{}", model.provider, model.id))
}

fn cost(prices: &Prices, usage: &Usage, workload: &Workload, model: &Model) -> Result<Decimal> {
    Ok(bill(prices, usage, workload, model)?.total)
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
    let request = &args.request;
    let per_request_shape = request.input.is_some()
        || request.output.is_some()
        || request.total.is_some()
        || request.in_file.is_some()
        || request.out_file.is_some();
    if !per_request_shape {
        refuse_parts_without_a_request(request)?;
    }
    let workload = Workload::of_requests(request, 1, Some(model))?.in_region_of(&lookup);
    let (prices, _) = workload.prices_for(model, None)?;
    let prices = workload.at_time_of_day(prices);
    let budget = args.usd.normalize();
    let bought = if per_request_shape {
        requests_bought(model, &prices, &workload, budget)?
    } else {
        tokens_bought(model, &prices, &workload, request.mix, budget)?
    };
    let report = BudgetReport {
        model: model.id.clone(),
        provider: model.provider.clone(),
        budget,
        mode: if per_request_shape {
            "requests"
        } else {
            "tokens"
        },
        requests: bought.requests,
        cost_per_request: bought.cost_per_request,
        assumed_request_tokens: bought.assumed_request_tokens,
        input_tokens: bought.input_tokens,
        output_tokens: bought.output_tokens,
        spent: bought.spent,
        left_over: (budget - bought.spent).normalize(),
    };
    let mut diagnostics = Diagnostics::from_note(lookup.note);
    diagnostics
        .notes
        .extend(dispute_note(model, &bought.sample.rates_used()));
    diagnostics.notes.extend(workload.split_note.clone());
    diagnostics.warnings.extend(bought.sample.warnings);
    Ok((report, diagnostics))
}

/// What a budget bought, before the report names the model.
struct Bought {
    requests: Option<u64>,
    cost_per_request: Option<Decimal>,
    assumed_request_tokens: Option<u64>,
    input_tokens: u64,
    output_tokens: u64,
    spent: Decimal,
    /// The rules and fallbacks of pricing one request (or one million tokens).
    sample: Bill,
}

/// Request parts (`--cached-in`, `--reasoning`, ...) count tokens of one
/// request, so they need a request to be part of.
fn refuse_parts_without_a_request(request: &RequestArgs) -> Result<()> {
    match request.parts.given().next() {
        Some((flag, _)) => Err(UsageError(format!(
            "{flag} describes one request: give --in/--out (or --total and --mix) to spend the budget on requests"
        ))
        .into()),
        None => Ok(()),
    }
}

/// `budget × units ÷ cost`, floored: where the exact search starts, for a
/// `cost` of `units` requests or tokens. A free model is refused, since any
/// budget would buy an unlimited number.
fn first_estimate(
    model: &Model,
    budget: Decimal,
    cost: Decimal,
    units: u64,
    what: &str,
) -> Result<u64> {
    if cost.is_zero() {
        bail!(
            "{} costs nothing at catalog prices, so any budget buys unlimited {what}",
            model.id
        );
    }
    Ok(budget
        .checked_mul(Decimal::from(units))
        .and_then(|b| b.checked_div(cost))
        .and_then(|n| u64::try_from(n.floor()).ok())
        .unwrap_or(u64::MAX))
}

/// Whole requests of the workload's shape the budget pays for.
fn requests_bought(
    model: &Model,
    prices: &Prices,
    workload: &Workload,
    budget: Decimal,
) -> Result<Bought> {
    let one = workload.usage;
    let sample = bill(prices, &one, workload, model)?;
    let per_request = sample.total;
    let estimate = first_estimate(model, budget, per_request, 1, "requests")?;
    let cost_of = |n: u64| cost(prices, &Usage { requests: n, ..one }, workload, model);
    let requests = largest_affordable(budget, estimate, cost_of)?;
    Ok(Bought {
        requests: Some(requests),
        cost_per_request: Some(per_request),
        assumed_request_tokens: None,
        input_tokens: one.input_tokens.saturating_mul(requests),
        output_tokens: one.output_tokens.saturating_mul(requests),
        spent: cost_of(requests)?,
        sample,
    })
}

/// The request size tokens mode assumes: [`ASSUMED_REQUEST_TOKENS`], or
/// the model's context window if smaller.
fn assumed_request(model: &Model) -> u64 {
    model
        .context_window
        .filter(|w| *w > 0)
        .map_or(ASSUMED_REQUEST_TOKENS, |w| w.min(ASSUMED_REQUEST_TOKENS))
}

/// Tokens split by `mix` (default 1:1) the budget pays for, as requests of
/// [`assumed_request`]'s size.
fn tokens_bought(
    model: &Model,
    prices: &Prices,
    workload: &Workload,
    mix: Option<(Decimal, Decimal)>,
    budget: Decimal,
) -> Result<Bought> {
    let (input_part, output_part) = mix.unwrap_or((Decimal::ONE, Decimal::ONE));
    let request_size = assumed_request(model);
    // The tokens are requests of the assumed size, never one request
    // larger than the model takes.
    let bill_of = |total: u64| -> Result<Bill> {
        let (input, output) = split_total(total, input_part, output_part)
            .ok_or_else(|| anyhow::anyhow!("the budget is too large to split"))?;
        let requests = total.div_ceil(request_size);
        price_totals(
            prices,
            &Usage::single(input, output),
            requests,
            &workload.options,
        )
        .with_context(|| format!("cannot price {}/{}", model.provider, model.id))
    };
    let cost_of = |total: u64| -> Result<Decimal> { Ok(bill_of(total)?.total) };
    let sample = bill_of(1_000_000)?;
    let per_million = sample.total;
    let estimate = first_estimate(model, budget, per_million, 1_000_000, "tokens")?;
    let total = largest_affordable(budget, estimate, cost_of)?;
    let (input_tokens, output_tokens) =
        split_total(total, input_part, output_part).unwrap_or((0, 0));
    Ok(Bought {
        requests: None,
        cost_per_request: None,
        assumed_request_tokens: Some(request_size),
        input_tokens,
        output_tokens,
        spent: cost_of(total)?,
        sample,
    })
}

impl Report for BudgetReport {
    fn document(&self) -> Document {
        let mut pairs = Vec::new();
        if let (Some(requests), Some(per)) = (self.requests, self.cost_per_request) {
            pairs.push(("Requests".to_string(), Cell::count(requests)));
            pairs.push(("Per request".to_string(), Cell::money(Some(per))));
        }
        if let Some(size) = self.assumed_request_tokens {
            pairs.push((
                "Assumed request".to_string(),
                Cell::with_raw(
                    format!(
                        "{} tokens (give --in/--out to price requests of your own size)",
                        group_thousands(size)
                    ),
                    size.to_string(),
                ),
            ));
        }
        pairs.push(("Input tokens".to_string(), Cell::count(self.input_tokens)));
        pairs.push(("Output tokens".to_string(), Cell::count(self.output_tokens)));
        pairs.push(("Spent".to_string(), Cell::money(Some(self.spent))));
        pairs.push(("Left over".to_string(), Cell::money(Some(self.left_over))));
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
