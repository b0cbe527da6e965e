//! Your own rates: a prices file (`--prices FILE`, else `LLMCOST_PRICES`,
//! else `prices.json` in llmcost's config folder) with negotiated prices
//! and discounts, applied to the catalog after it is loaded, so every
//! command prices with them. People reconcile llmcost with an invoice this
//! way.
//!
//! ```json
//! {
//!   "providers": { "openai": { "discount": "15%" } },
//!   "models": {
//!     "openai/gpt-4o": { "input": "2.00", "output": "8.00" },
//!     "anthropic/claude-haiku-4-5": { "discount": "10%" }
//!   }
//! }
//! ```
//!
//! A model entry sets rates per 1M tokens by their catalog names (any price
//! kind) and may add a discount; a provider entry discounts all its models.
//! A model's own discount replaces its provider's. A discount scales every
//! rate the file does not set (fees and context tiers included); a rate the
//! file sets is taken as it is. The whole file is checked before anything is
//! applied: a malformed file, an unknown provider or model, an unknown
//! rate name or a discount outside 0–100% is one error naming its line.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use rust_decimal::Decimal;
use serde::Deserialize;

use super::lookup::resolve_index;
use super::model::{Catalog, PRICE_KINDS};

/// The prices file's name in the config folder.
const FILE_NAME: &str = "prices.json";

/// The environment variable naming a prices file.
pub const PRICES_ENV: &str = "LLMCOST_PRICES";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct PricesFile {
    #[serde(default)]
    providers: BTreeMap<String, Entry>,
    #[serde(default)]
    models: BTreeMap<String, Entry>,
}

#[derive(Debug, Default, Deserialize)]
struct Entry {
    /// `15%` or `0.15`.
    discount: Option<String>,
    /// Rates by catalog name (`input`, `cached_input`, …), decimal strings.
    #[serde(flatten)]
    rates: BTreeMap<String, String>,
}

/// The prices file to apply: `explicit`, else `$LLMCOST_PRICES`, else the
/// config folder's `prices.json` when it exists.
pub fn prices_file(explicit: Option<&Path>) -> Option<PathBuf> {
    if let Some(path) = explicit {
        return Some(path.to_path_buf());
    }
    if let Some(path) = std::env::var_os(PRICES_ENV).filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(path));
    }
    let path = dirs::config_dir()?.join("llmcost").join(FILE_NAME);
    path.is_file().then_some(path)
}

/// The 1-based line of the first occurrence of `"key"` in `text`.
fn line_of(text: &str, key: &str) -> usize {
    let quoted = format!("\"{key}\"");
    text.find(&quoted)
        .map_or(1, |at| text[..at].matches('\n').count() + 1)
}

/// `15%` or `0.15` as the fraction kept (0.85).
fn kept_fraction(discount: &str) -> Option<Decimal> {
    let text = discount.trim();
    let fraction = match text.strip_suffix('%') {
        Some(percent) => Decimal::from_str_exact(percent.trim()).ok()? / Decimal::ONE_HUNDRED,
        None => Decimal::from_str_exact(text).ok()?,
    };
    (fraction >= Decimal::ZERO && fraction < Decimal::ONE).then(|| Decimal::ONE - fraction)
}

/// One model's changes, checked.
struct Change {
    index: usize,
    rates: Vec<(usize, Decimal)>,
    kept: Option<Decimal>,
    why: String,
}

/// Applies the prices file at `path` to `catalog`; returns a note for each
/// model it changed, or an error naming the file and line, with nothing
/// applied.
pub fn apply(catalog: &mut Catalog, path: &Path) -> Result<usize> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("could not read the prices file '{name}'"))?;
    let file: PricesFile = serde_json::from_str(&text)
        .map_err(|e| anyhow::anyhow!("the prices file '{name}' is not valid: {e}"))?;
    let at = |key: &str| format!("'{name}' line {}", line_of(&text, key));
    let mut provider_kept: BTreeMap<String, Decimal> = BTreeMap::new();
    for (provider, entry) in &file.providers {
        if !catalog.providers.iter().any(|p| p.id == *provider) {
            bail!("{}: unknown provider '{provider}'", at(provider));
        }
        if !entry.rates.is_empty() {
            bail!("{}: a provider entry takes only a discount", at(provider));
        }
        let Some(discount) = &entry.discount else {
            bail!("{}: '{provider}' has no discount", at(provider));
        };
        let kept = kept_fraction(discount).ok_or_else(|| {
            anyhow::anyhow!(
                "{}: discount '{discount}' is not between 0% and 100%",
                at(provider)
            )
        })?;
        provider_kept.insert(provider.clone(), kept);
    }
    let mut changes: Vec<Change> = Vec::new();
    for (model_name, entry) in &file.models {
        let index = resolve_index(catalog, model_name, None)
            .map_err(|_| anyhow::anyhow!("{}: unknown model '{model_name}'", at(model_name)))?;
        let mut rates = Vec::new();
        for (field, value) in &entry.rates {
            let kind = PRICE_KINDS
                .iter()
                .position(|info| info.field == field)
                .ok_or_else(|| anyhow::anyhow!("{}: unknown rate '{field}'", at(field)))?;
            let rate = Decimal::from_str_exact(value.trim())
                .ok()
                .filter(|r| !r.is_sign_negative())
                .ok_or_else(|| anyhow::anyhow!("{}: '{value}' is not a price", at(field)))?;
            rates.push((kind, rate));
        }
        let kept = match &entry.discount {
            Some(discount) => Some(kept_fraction(discount).ok_or_else(|| {
                anyhow::anyhow!(
                    "{}: discount '{discount}' is not between 0% and 100%",
                    at(model_name)
                )
            })?),
            None => None,
        };
        changes.push(Change {
            index,
            rates,
            kept,
            why: model_name.clone(),
        });
    }
    // Everything is checked: apply.
    Ok(apply_checked(
        catalog,
        &changes,
        &provider_kept,
        &format!("override: {name}"),
    ))
}

/// Applies checked changes: each model's own rates and discount, else its
/// provider's discount; returns how many models changed.
fn apply_checked(
    catalog: &mut Catalog,
    changes: &[Change],
    provider_kept: &BTreeMap<String, Decimal>,
    source: &str,
) -> usize {
    let mut models_changed = 0;
    for (index, model) in catalog.models.iter_mut().enumerate() {
        let own = changes.iter().find(|c| c.index == index);
        let kept = own
            .and_then(|c| c.kept)
            .or_else(|| provider_kept.get(&model.provider).copied());
        if own.is_none() && kept.is_none() {
            continue;
        }
        let prices = &mut model.prices;
        let mut what = Vec::new();
        if let Some(kept) = kept {
            // Every rate, on every sheet and context tier, keeps the
            // same share.
            let keep = |_, rate: Decimal| Some((rate * kept).normalize());
            prices.map_rates(keep);
            for tier in prices
                .long_context
                .iter_mut()
                .chain(prices.higher_tiers.iter_mut())
            {
                tier.map_rates(keep);
            }
            what.push(format!(
                "{}% off",
                ((Decimal::ONE - kept) * Decimal::ONE_HUNDRED).normalize()
            ));
        }
        // Rates the file sets are final: the discount is for the others.
        for (kind, rate) in own.map(|c| c.rates.as_slice()).unwrap_or_default() {
            let info = &PRICE_KINDS[*kind];
            prices.set(info.kind, Some(*rate));
            what.push(format!("{} ${rate}", info.field));
        }
        let scope = own.map_or_else(|| model.provider.clone(), |c| c.why.clone());
        model.chosen_by = Some(format!("{source} ({scope}: {})", what.join(", ")));
        model.confidence = None;
        models_changed += 1;
    }
    models_changed
}
