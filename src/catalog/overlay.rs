//! The hand-curated overlay (`data/overlay.json`): the provider table,
//! whole models and patches with their reasons, and the rules the build
//! applies by name (lint exceptions, the models only genai-prices prices,
//! dated time-of-day windows, bare ids billed in a region of their own).

use std::collections::HashMap;

use anyhow::{Context, Result};
use serde::Deserialize;
use serde_json::Value;

use super::import::litellm::ProviderRule;
use super::model::{Model, PriceKind, Provider, SourceNote};
use crate::dates::parse_day;
use rust_decimal::Decimal;

/// The overlay's word on the models the build takes from genai-prices:
/// which of them are current (the rest are retired), with the evidence.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct FromGenaiPrices {
    /// Why the unlisted models are taken as they are.
    pub why: String,
    /// `provider/id` of the models that are newer than LiteLLM's copy,
    /// not retired.
    #[serde(default)]
    pub current: Vec<String>,
    /// Why those are current.
    #[serde(default)]
    pub current_why: String,
    /// `provider/id` of entries not imported, with `skip_why`.
    #[serde(default)]
    pub skip: Vec<String>,
    /// Why those are left out.
    #[serde(default)]
    pub skip_why: String,
}

/// The hand-curated part of the catalog.
#[derive(Debug, Clone, Deserialize)]
pub struct Overlay {
    /// The date of the reference data the build reads.
    pub as_of: String,
    /// The sources, for the record.
    #[serde(default)]
    pub sources: Vec<SourceNote>,
    /// The providers, with how to find their models in each source.
    pub providers: Vec<OverlayProvider>,
    /// Whole models the sources lack (or get wrong), each with a reason.
    #[serde(default)]
    pub models: Vec<OverlayModel>,
    /// Field-level corrections to imported models, each with a reason.
    #[serde(default)]
    pub patches: Vec<Patch>,
    /// Lint findings accepted on purpose, each with a reason.
    #[serde(default)]
    pub lint_exceptions: Vec<LintException>,
    /// How models only genai-prices prices are taken (see `catalog::gaps`).
    #[serde(default)]
    pub from_genai_prices: FromGenaiPrices,
    /// When a model's time-of-day windows held, where no source dates them.
    #[serde(default)]
    pub time_of_day: Vec<WindowDates>,
    /// Bare ids billed in a region of their own, by id prefix.
    #[serde(default)]
    pub bare_id_regions: Vec<BareIdRegion>,
    /// Where evidence shows a witness source wrong.
    #[serde(default)]
    pub source_errors: Vec<SourceError>,
}

/// A source's statement that evidence shows wrong, for the models (by
/// provider and id or id prefix) and rates it names: shown beside the
/// others, never counted for or against a price.
#[derive(Debug, Clone, Deserialize)]
pub struct SourceError {
    /// The witness source (`genai-prices`).
    pub source: String,
    /// Provider id.
    pub provider: String,
    /// Model ids.
    #[serde(default)]
    pub ids: Vec<String>,
    /// Model id prefixes.
    #[serde(default)]
    pub id_prefixes: Vec<String>,
    /// The rates (catalog fields); none means every rate it states.
    #[serde(default)]
    pub rates: Vec<String>,
    /// What the source states, why that is wrong, and the evidence.
    pub why: String,
    /// The evidence's day (`YYYY-MM-DD`).
    pub evidence_date: String,
}

impl SourceError {
    /// Whether it covers `model`'s witness from `source`.
    pub fn covers(&self, model: &super::model::Model, source: &str) -> bool {
        self.source == source
            && self.provider == model.provider
            && (self.ids.contains(&model.id)
                || self
                    .id_prefixes
                    .iter()
                    .any(|p| model.id.starts_with(p.as_str())))
    }
}

/// Models (by provider and id prefix) whose bare id is billed in a region
/// of its own, with the evidence.
#[derive(Debug, Clone, Deserialize)]
pub struct BareIdRegion {
    /// Provider id.
    pub provider: String,
    /// Id prefixes (`openai.gpt-5.`).
    pub id_prefixes: Vec<String>,
    /// The region a bare id bills at.
    pub region: crate::catalog::model::Region,
    /// The evidence.
    pub why: String,
}

/// The instants a provider's time-of-day windows held between, with the
/// evidence: DeepSeek ended its night discount on 2025-09-05 16:00 UTC.
#[derive(Debug, Clone, Deserialize)]
pub struct WindowDates {
    /// Provider id.
    pub provider: String,
    /// Model ids.
    pub ids: Vec<String>,
    /// The first instant (RFC 3339), if the windows began later.
    #[serde(default)]
    pub valid_from: Option<String>,
    /// The instant they ended (RFC 3339, exclusive), if they did.
    #[serde(default)]
    pub valid_until: Option<String>,
    /// The evidence.
    pub why: String,
}

/// A lint finding the overlay accepts: which model, which rule, and why.
#[derive(Debug, Clone, Deserialize)]
pub struct LintException {
    /// Provider id.
    pub provider: String,
    /// Model id.
    pub id: String,
    /// The rule's name (see [`super::build::lint`]).
    pub rule: String,
    /// Why the finding stands.
    pub why: String,
}

impl Overlay {
    /// LiteLLM `litellm_provider` → how its entries become llmcost models.
    pub fn litellm_rules(&self) -> HashMap<String, ProviderRule> {
        let mut rules = HashMap::new();
        for op in &self.providers {
            for name in &op.litellm {
                rules.insert(
                    name.clone(),
                    ProviderRule {
                        provider: op.provider.id.clone(),
                        vendor: op.provider.vendor.clone(),
                        skip_prefixes: op.skip_prefixes.clone(),
                        id_prefix: op.id_prefix.clone(),
                    },
                );
            }
        }
        rules
    }

    /// models.dev provider id → llmcost provider id.
    pub fn models_dev_names(&self) -> HashMap<String, String> {
        self.providers
            .iter()
            .filter_map(|op| Some((op.models_dev.clone()?, op.provider.id.clone())))
            .collect()
    }

    /// genai-prices provider id → llmcost provider id.
    pub fn genai_prices_names(&self) -> HashMap<String, String> {
        self.providers
            .iter()
            .filter_map(|op| Some((op.genai_prices.clone()?, op.provider.id.clone())))
            .collect()
    }

    /// The curated providers.
    pub fn provider_table(&self) -> Vec<Provider> {
        self.providers.iter().map(|p| p.provider.clone()).collect()
    }
}

/// A provider and where its models are in each source.
#[derive(Debug, Clone, Deserialize)]
pub struct OverlayProvider {
    /// The provider as the catalog stores it.
    pub provider: Provider,
    /// LiteLLM `litellm_provider` values that are this provider's own API.
    #[serde(default)]
    pub litellm: Vec<String>,
    /// The models.dev provider id.
    #[serde(default)]
    pub models_dev: Option<String>,
    /// The genai-prices provider id (`x-ai` for `xai`).
    #[serde(default)]
    pub genai_prices: Option<String>,
    /// LiteLLM keys to skip (regional copies, fine-tunes, retired models).
    #[serde(default)]
    pub skip_prefixes: Vec<String>,
    /// A LiteLLM key prefix that is not part of the API id (`vertex_ai/`).
    #[serde(default)]
    pub id_prefix: Option<String>,
    /// Why the skips.
    #[serde(default)]
    pub why: Option<String>,
    /// The source whose prices this provider's models take instead of
    /// LiteLLM's, where LiteLLM is known to be wrong for the whole provider.
    #[serde(default)]
    pub prices_from: Option<PriceAuthority>,
    /// A source that lists this provider's models better than LiteLLM: its
    /// models that LiteLLM lacks are imported, at its prices.
    #[serde(default)]
    pub models_from: Option<ModelSource>,
}

/// A source of a provider's models beside LiteLLM.
#[derive(Debug, Clone, Deserialize)]
pub struct ModelSource {
    /// `models.dev`, or `openrouter` for OpenRouter's own offers.
    pub source: String,
    /// Why, with the evidence.
    pub why: String,
}

/// A source that states a provider's prices better than LiteLLM does.
#[derive(Debug, Clone, Deserialize)]
pub struct PriceAuthority {
    /// `models.dev`, `genai-prices` or `openrouter`, as witnesses name them.
    pub source: String,
    /// Why, with the evidence.
    pub why: String,
    /// Leave out the provider's models this source does not price (their
    /// only price is the one known to be wrong).
    #[serde(default)]
    pub exclusive: bool,
}

impl Overlay {
    /// The source that lists more of `provider`'s models, if any.
    pub fn model_source(&self, provider: &str) -> Option<&ModelSource> {
        self.providers
            .iter()
            .find(|op| op.provider.id == provider)
            .and_then(|op| op.models_from.as_ref())
    }

    /// The price authority of `provider`, if the overlay names one.
    pub fn authority(&self, provider: &str) -> Option<&PriceAuthority> {
        self.providers
            .iter()
            .find(|op| op.provider.id == provider)
            .and_then(|op| op.prices_from.as_ref())
    }
}

/// A whole model from the overlay.
#[derive(Debug, Clone, Deserialize)]
pub struct OverlayModel {
    /// Why it is here.
    pub why: String,
    /// The model.
    pub model: Model,
}

/// A correction to one imported model: `set` is merged into its JSON form.
#[derive(Debug, Clone, Deserialize)]
pub struct Patch {
    /// Provider id.
    pub provider: String,
    /// Model id.
    pub id: String,
    /// Why the source is wrong or incomplete.
    pub why: String,
    /// Fields to set, in catalog form.
    pub set: Value,
    /// The day of the evidence `why` cites (`YYYY-MM-DD`); a patch that
    /// sets prices must have one, so the build can tell when the source it
    /// overrides is newer.
    #[serde(default)]
    pub evidence_date: Option<String>,
    /// The day someone last checked the patch against every source, with
    /// what they found in `why`; a source older than that is not newer
    /// evidence.
    #[serde(default)]
    pub reviewed: Option<String>,
}

/// The overlay compiled into the binary, which `catalog update` applies on
/// top of every source so hand-curated facts survive.
pub const BUNDLED_OVERLAY: &str = include_str!("../../data/overlay.json");

/// Parses the bundled overlay.
pub fn bundled_overlay() -> Result<Overlay> {
    serde_json::from_str(BUNDLED_OVERLAY).context("the bundled overlay is invalid")
}

impl Overlay {
    /// The price patches that may have outlived the truth: the model's own
    /// source (dated by the model's `as_of`) is newer than the patch's
    /// evidence and its last review, and states another value for a rate the
    /// patch sets. One line each, for the build's log. A patch that sets
    /// prices without an evidence date is an error.
    pub fn stale_patches(&self, models: &[Model]) -> Result<Vec<String>> {
        let mut stale = Vec::new();
        for patch in &self.patches {
            let Some(Value::Object(set)) = patch.set.get("prices") else {
                continue;
            };
            let who = format!("{}/{}", patch.provider, patch.id);
            let evidence = (patch.evidence_date.as_deref())
                .and_then(parse_day)
                .with_context(|| {
                    format!(
                        "overlay patch for '{who}' sets prices without an evidence_date (YYYY-MM-DD)"
                    )
                })?;
            let checked = evidence.max(
                patch
                    .reviewed
                    .as_deref()
                    .and_then(parse_day)
                    .unwrap_or(evidence),
            );
            let Some(model) = models
                .iter()
                .find(|m| m.provider == patch.provider && m.id == patch.id)
            else {
                continue;
            };
            let source_day = model.as_of.as_deref().and_then(|d| parse_day(d.get(..10)?));
            if source_day.is_none_or(|day| day <= checked) {
                continue;
            }
            let differs: Vec<String> = set
                .iter()
                .filter_map(|(field, value)| {
                    let kind = PriceKind::named(field)?;
                    let patched = value.as_str().and_then(|v| v.parse::<Decimal>().ok());
                    let theirs = model.prices.get(kind);
                    (theirs != patched).then(|| {
                        let theirs = theirs
                            .map_or_else(|| "none".to_string(), |t| t.normalize().to_string());
                        format!("{field} {theirs}")
                    })
                })
                .collect();
            if !differs.is_empty() {
                stale.push(format!(
                    "{who}: its evidence is of {}, but its source, dated {}, states {}: check the patch and date its review",
                    patch.evidence_date.as_deref().unwrap_or_default(),
                    model.as_of.as_deref().unwrap_or_default(),
                    differs.join(", ")
                ));
            }
        }
        Ok(stale)
    }
}
