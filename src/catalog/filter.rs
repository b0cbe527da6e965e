//! Catalog filters shared by `list` and `compare`: provider, capabilities,
//! context, prices, open weights, tier, and the lifecycle stages a listing
//! leaves out unless asked. Every condition must hold; an unknown fact
//! never passes a filter that asks for it.

use anyhow::Result;
use rust_decimal::Decimal;
use serde::Serialize;

use super::lifecycle::{Stage, stage};
use super::lookup::require_provider;
use super::model::{Catalog, Model, Tier};

/// A capability a filter can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Capability {
    /// Image input.
    Vision,
    /// Tool / function calling.
    Tools,
    /// JSON mode or structured output.
    Json,
    /// Reasoning tokens.
    Reasoning,
    /// Prompt caching.
    Caching,
}

impl Capability {
    /// Every capability, in display order.
    pub const ALL: [Capability; 5] = [
        Capability::Vision,
        Capability::Tools,
        Capability::Json,
        Capability::Reasoning,
        Capability::Caching,
    ];

    /// The lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Capability::Vision => "vision",
            Capability::Tools => "tools",
            Capability::Json => "json",
            Capability::Reasoning => "reasoning",
            Capability::Caching => "caching",
        }
    }

    /// What the model says about this capability (`None` = unknown).
    pub fn of(self, model: &Model) -> Option<bool> {
        let c = &model.capabilities;
        match self {
            Capability::Vision => c.vision,
            Capability::Tools => c.tools,
            Capability::Json => c.json,
            Capability::Reasoning => c.reasoning,
            Capability::Caching => c.caching,
        }
    }
}

/// The tier a model is in: set by hand, else derived from its prices.
pub fn tier_of(model: &Model) -> Option<Tier> {
    model.tier.or_else(|| model.prices.tier())
}

/// What a model must satisfy to be listed.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Provider ids (any of them); empty means all.
    pub providers: Vec<String>,
    /// Capabilities that must all be known to hold.
    pub capabilities: Vec<Capability>,
    /// Minimum context window.
    pub min_context: Option<u64>,
    /// Maximum input price per 1M tokens.
    pub max_input_price: Option<Decimal>,
    /// Maximum output price per 1M tokens.
    pub max_output_price: Option<Decimal>,
    /// Only models with published weights.
    pub open_weights: bool,
    /// Only this tier.
    pub tier: Option<Tier>,
    /// Also list retired, preview and free models (see [`super::lifecycle`]).
    pub all: bool,
    /// The catalog's date (days since 1970-01-01), which stages are judged on.
    pub today: Option<i64>,
    /// List snapshots and copies as rows of their own (see [`super::copies`]).
    pub snapshots: bool,
}

impl Filter {
    /// Checks the provider names against the catalog and canonicalizes
    /// them, and dates the filter by the catalog.
    pub fn resolve_providers(mut self, catalog: &Catalog) -> Result<Self> {
        self.today = Some(crate::dates::today());
        self.providers = self
            .providers
            .iter()
            .map(|p| require_provider(catalog, p).map(|p| p.id.clone()))
            .collect::<Result<_>>()?;
        Ok(self)
    }

    /// Whether `model` passes every condition.
    pub fn accepts(&self, model: &Model) -> bool {
        let at_most = |price: Option<Decimal>, max: Option<Decimal>| {
            max.is_none_or(|max| price.is_some_and(|p| p <= max))
        };
        (self.providers.is_empty() || self.providers.contains(&model.provider))
            && self.capabilities.iter().all(|c| c.of(model) == Some(true))
            && self
                .min_context
                .is_none_or(|min| model.context_window.is_some_and(|c| c >= min))
            && at_most(model.prices.input, self.max_input_price)
            && at_most(model.prices.output, self.max_output_price)
            && (!self.open_weights || model.open_weights == Some(true))
            && self.tier.is_none_or(|t| tier_of(model) == Some(t))
    }

    /// Whether a listing shows `model` without being asked: current and
    /// retiring models always; retired, preview and free ones with `all`,
    /// and free ones when the tier asked for is free.
    pub fn lists(&self, model: &Model) -> bool {
        if self.all {
            return true;
        }
        let Some(today) = self.today else {
            return true;
        };
        match stage(model, today) {
            Stage::Free => self.tier == Some(Tier::Free),
            other => other.listed_by_default(),
        }
    }

    /// The catalog's models that pass and are listed, in catalog order.
    pub fn apply<'c>(&self, catalog: &'c Catalog) -> Vec<&'c Model> {
        catalog
            .models
            .iter()
            .filter(|m| self.accepts(m) && self.lists(m))
            .collect()
    }

    /// [`Filter::apply`], one row per model: snapshots and copies folded
    /// under the model they copy (unless `snapshots`), each with the ids
    /// folded under it.
    pub fn apply_folded<'c>(&self, catalog: &'c Catalog) -> Vec<(&'c Model, Vec<String>)> {
        let listed = self.apply(catalog);
        if self.snapshots {
            listed.into_iter().map(|m| (m, Vec::new())).collect()
        } else {
            super::copies::fold(&listed)
        }
    }
}
