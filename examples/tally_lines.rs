//! Prices API responses or log lines read from standard input, one JSON
//! object per line, as `llmcost tally --annotate` reads them:
//! `cargo run --example tally_lines < tests/fixtures/usage_shapes.jsonl`.

use std::io::BufRead;

use rust_decimal::Decimal;

fn main() -> anyhow::Result<()> {
    let loaded = llmcost::catalog::load::load(None)?;
    let mut total = Decimal::ZERO;
    for (number, line) in std::io::stdin().lock().lines().enumerate() {
        let line = line?;
        match llmcost::price_response(&loaded.catalog, &line, None) {
            Ok(priced) => {
                println!(
                    "line {}: {}/{} ({}) ${}",
                    number + 1,
                    priced.provider,
                    priced.model,
                    priced.shape,
                    priced.usd
                );
                total += priced.usd;
            }
            Err(why) => println!("line {}: not priced: {why}", number + 1),
        }
    }
    println!("total ${total}");
    Ok(())
}
