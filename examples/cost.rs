//! Prices a workload on one model, as `llmcost cost MODEL --in N --out N`:
//! `cargo run --example cost -- mistral-small-3-1-24b-instruct 1000000 1000000`.

use llmcost::catalog::load::load;
use llmcost::catalog::lookup::resolve;
use llmcost::pricing::{PriceOptions, Usage, price};
use llmcost::quantity::parse_quantity;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let name = args
        .next()
        .unwrap_or_else(|| "mistral-small-3-1-24b-instruct".into());
    let input = parse_quantity(&args.next().unwrap_or_else(|| "1M".into()))?;
    let output = parse_quantity(&args.next().unwrap_or_else(|| "1M".into()))?;
    // The cache `llmcost catalog update` writes, else the catalog built in.
    let loaded = load(None)?;
    let model = resolve(&loaded.catalog, &name, None)?.found.model;
    let bill = price(
        &model.prices,
        &Usage::single(input, output),
        &PriceOptions::default(),
        model.context_window,
    )?;
    for line in &bill.lines {
        println!(
            "{:<14} {:>12} tokens × ${}/1M = ${}",
            line.item.label(),
            line.tokens,
            line.rate_per_million,
            line.amount
        );
    }
    println!("{}/{}: ${}", model.provider, model.id, bill.total);
    Ok(())
}
