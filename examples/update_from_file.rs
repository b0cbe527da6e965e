//! Reads a pricing source file (LiteLLM's cost map, models.dev, an
//! OpenRouter snapshot, genai-prices or an llmcost catalog; the format is
//! detected) the way `llmcost catalog update --from FILE` does, and prints
//! what it holds: `cargo run --example update_from_file -- tests/fixtures/litellm_sample.json`.

use llmcost::catalog::build::bundled_overlay;
use llmcost::catalog::update::{SourceFormat, import_source};

fn main() -> anyhow::Result<()> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "tests/fixtures/litellm_sample.json".into());
    let text = std::fs::read_to_string(&path)?;
    let imported = import_source(&text, SourceFormat::Auto, &bundled_overlay()?, "2026-11-26")?;
    println!(
        "{path}: read as {:?}, {} models from {} providers",
        imported.format,
        imported.models.len(),
        imported.providers.len()
    );
    for model in imported.models.iter().take(5) {
        let rate =
            |p: Option<rust_decimal::Decimal>| p.map_or("unknown".into(), |p| format!("${p}"));
        println!(
            "  {}/{}: {} in, {} out per 1M tokens",
            model.provider,
            model.id,
            rate(model.prices.input),
            rate(model.prices.output)
        );
    }
    Ok(())
}
