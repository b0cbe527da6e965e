//! The other sources a build checks the catalog against (models.dev,
//! genai-prices, OpenRouter), read once and indexed for lookup: each
//! model's witnesses come from here.

use std::collections::HashMap;

use anyhow::{Context, Result};
use serde_json::Value;

use super::import::genai_prices::{self, GenaiModel};
use super::import::{models_dev, openrouter};
use super::model::{Model, Prices};
use super::overlay::Overlay;
use super::witness::Witness;

/// The source files a build reads: LiteLLM's is required; the others add
/// facts (models.dev) and witnesses (models.dev, genai-prices, OpenRouter).
#[derive(Debug, Clone, Copy, Default)]
pub struct BuildSources<'a> {
    /// LiteLLM's cost map.
    pub litellm: &'a str,
    /// The models.dev database.
    pub models_dev: Option<&'a str>,
    /// genai-prices' v2 data.
    pub genai_prices: Option<&'a str>,
    /// An OpenRouter models response.
    pub openrouter: Option<&'a str>,
}

/// A model's key across the sources: its provider and its id in lower case.
pub(super) fn key(model: &Model) -> (String, String) {
    (model.provider.clone(), model.id.to_ascii_lowercase())
}

/// A source's prices and context window for a model.
type Stated = (Prices, Option<u64>);

#[derive(Default)]
pub(super) struct Witnesses {
    models_dev: HashMap<(String, String), Stated>,
    /// The models.dev models it marks deprecated.
    models_dev_retired: std::collections::HashSet<(String, String)>,
    pub(super) genai: Vec<GenaiModel>,
    /// genai-prices' batch and service-tier sheets left out (see
    /// `genai_prices::put_mode`).
    pub(super) genai_variants_left_out: usize,
    openrouter: HashMap<String, Stated>,
    /// OpenRouter's expiration dates, by slug.
    openrouter_retires: HashMap<String, String>,
}

impl Witnesses {
    pub(super) fn read(sources: BuildSources<'_>, overlay: &Overlay) -> Result<Witnesses> {
        let mut found = Witnesses::default();
        if let Some(json) = sources.models_dev {
            let root: Value = serde_json::from_str(json).context("reading models.dev")?;
            let (_, models, _) =
                models_dev::import_value(&root, &overlay.models_dev_names(), &overlay.as_of)?;
            found.models_dev = models
                .iter()
                .map(|m| (key(m), (m.prices.clone(), m.context_window)))
                .collect();
            found.models_dev_retired = models.iter().filter(|m| m.retired).map(key).collect();
        }
        if let Some(json) = sources.genai_prices {
            let root: Value = serde_json::from_str(json).context("reading genai-prices")?;
            let (genai, counts) =
                genai_prices::read(&root, &overlay.genai_prices_names(), &overlay.as_of)?;
            found.genai = genai;
            found.genai_variants_left_out = counts.variants_left_out;
        }
        if let Some(json) = sources.openrouter {
            let root: Value = serde_json::from_str(json).context("reading OpenRouter")?;
            let (models, _) = openrouter::import_value(&root, &overlay.as_of)?;
            found.openrouter = models
                .iter()
                .map(|m| {
                    let stated = (m.prices.clone(), m.context_window);
                    (m.id.to_ascii_lowercase(), stated)
                })
                .collect();
            found.openrouter_retires = models
                .iter()
                .filter_map(|m| Some((m.id.to_ascii_lowercase(), m.deprecation_date.clone()?)))
                .collect();
        }
        Ok(found)
    }

    /// The genai-prices entry that prices `model`: same provider, same id or
    /// matched by its rules.
    pub(super) fn genai_entry(&self, model: &Model) -> Option<&GenaiModel> {
        genai_prices::entry_for(&self.genai, model)
    }

    /// The witnesses of `model` other than LiteLLM: models.dev by provider
    /// and id; genai-prices by its match rules; OpenRouter by slug, for the
    /// maker's own offer only (OpenRouter passes the maker's price on).
    pub(super) fn of(&self, model: &Model, overlay: &Overlay) -> Vec<Witness> {
        let mut found = Vec::new();
        if let Some((prices, window)) = self.models_dev.get(&key(model)) {
            found.push(Witness {
                deprecated: self.models_dev_retired.contains(&key(model)),
                ..Witness::stating("models.dev", prices, *window)
            });
        }
        if let Some(entry) = self.genai_entry(model) {
            found.push(Witness {
                deprecated: entry.deprecated,
                ..Witness::stating(
                    "genai-prices",
                    &entry.model.prices,
                    entry.model.context_window,
                )
            });
        }
        let makers_own = overlay.providers.iter().any(|op| {
            op.provider.id == model.provider
                && op.provider.vendor.is_some()
                && op.provider.vendor.as_deref() == model.vendor()
        });
        let on_openrouter = model
            .slug
            .as_deref()
            .filter(|_| makers_own)
            .and_then(|slug| self.openrouter.get(&slug.to_ascii_lowercase()));
        if let Some((prices, window)) = on_openrouter {
            let retires = model
                .slug
                .as_deref()
                .and_then(|slug| self.openrouter_retires.get(&slug.to_ascii_lowercase()));
            found.push(Witness {
                retires: retires.cloned(),
                ..Witness::stating("openrouter", prices, *window)
            });
        }
        found
    }
}
