//! Reads the models.dev database (anomalyco/models.dev, MIT) for the facts
//! LiteLLM lacks: display names, open weights, modalities and capability
//! flags it states explicitly. Prices there are already per 1M tokens.

use std::collections::HashMap;

use anyhow::{Context, Result, bail};
use serde_json::{Map, Value};

use crate::catalog::model::Model;

/// Facts about one model from models.dev, after `base_model` inheritance.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ModelFacts {
    /// Display name.
    pub name: Option<String>,
    /// Whether the weights are published.
    pub open_weights: Option<bool>,
    /// Input modalities.
    pub input_modalities: Vec<String>,
    /// Output modalities.
    pub output_modalities: Vec<String>,
    /// Tool calling.
    pub tools: Option<bool>,
    /// Structured output.
    pub json: Option<bool>,
    /// Reasoning.
    pub reasoning: Option<bool>,
    /// Context window.
    pub context: Option<u64>,
    /// Maximum output tokens.
    pub max_output: Option<u64>,
}

/// Facts keyed by (llmcost provider id, lowercase model id).
pub type FactsIndex = HashMap<(String, String), ModelFacts>;

/// Reads models.dev JSON. `providers` maps a models.dev provider id to an
/// llmcost provider id; other providers are ignored.
pub fn read_facts(json: &str, providers: &HashMap<String, String>) -> Result<FactsIndex> {
    let root: Value = serde_json::from_str(json).context("not valid JSON")?;
    let Some(all) = root.get("providers").and_then(Value::as_object) else {
        bail!("a models.dev file has a top-level 'providers' object");
    };
    let empty = Map::new();
    let bases = root
        .get("base_models")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let mut index = FactsIndex::new();
    for (md_provider, ours) in providers {
        let Some(models) = all
            .get(md_provider)
            .and_then(|p| p.get("models"))
            .and_then(Value::as_object)
        else {
            continue;
        };
        for (id, model) in models {
            let Some(model) = model.as_object() else {
                continue;
            };
            let merged = inherit(model, bases);
            index.insert((ours.clone(), id.to_ascii_lowercase()), facts(&merged));
        }
    }
    Ok(index)
}

/// Merges a model's `base_model` fields under its own (its own win), as the
/// models.dev README prescribes.
pub fn inherit(model: &Map<String, Value>, bases: &Map<String, Value>) -> Map<String, Value> {
    let base = model
        .get("base_model")
        .and_then(Value::as_str)
        .and_then(|b| bases.get(b))
        .and_then(Value::as_object);
    let mut merged = base.cloned().unwrap_or_default();
    for (k, v) in model {
        merged.insert(k.clone(), v.clone());
    }
    merged
}

fn facts(model: &Map<String, Value>) -> ModelFacts {
    let flag = |k: &str| model.get(k).and_then(Value::as_bool);
    let list = |outer: &str, inner: &str| -> Vec<String> {
        model
            .get(outer)
            .and_then(|m| m.get(inner))
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
    };
    let limit = |k: &str| {
        model
            .get("limit")
            .and_then(|l| l.get(k))
            .and_then(Value::as_u64)
            .filter(|n| *n > 0)
    };
    ModelFacts {
        name: model
            .get("name")
            .and_then(Value::as_str)
            .map(str::to_string),
        open_weights: flag("open_weights"),
        input_modalities: list("modalities", "input"),
        output_modalities: list("modalities", "output"),
        tools: flag("tool_call"),
        json: flag("structured_output"),
        reasoning: flag("reasoning"),
        context: limit("context"),
        max_output: limit("output"),
    }
}

/// Fills what `model` does not state from `facts`. A fact LiteLLM states
/// (even `false`) is kept; models.dev only fills gaps.
pub fn enrich(model: &mut Model, facts: &ModelFacts) {
    model.name = model.name.take().or_else(|| facts.name.clone());
    model.open_weights = model.open_weights.or(facts.open_weights);
    if model.modalities.input.is_empty() {
        model.modalities.input.clone_from(&facts.input_modalities);
    }
    if model.modalities.output.is_empty() {
        model.modalities.output.clone_from(&facts.output_modalities);
    }
    let caps = &mut model.capabilities;
    caps.tools = caps.tools.or(facts.tools);
    caps.json = caps.json.or(facts.json);
    caps.reasoning = caps.reasoning.or(facts.reasoning);
    if caps.vision.is_none() && !facts.input_modalities.is_empty() {
        caps.vision = Some(facts.input_modalities.iter().any(|m| m == "image"));
    }
    model.context_window = model.context_window.or(facts.context);
    model.max_output_tokens = model.max_output_tokens.or(facts.max_output);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_model_fields_are_inherited_under_the_models_own() {
        let json = r#"{"providers": {"mistral": {"provider": {}, "models": {
              "m1": {"base_model": "mistralai/m", "name": "Own name", "tool_call": false}}}},
            "base_models": {"mistralai/m": {"name": "Base name", "open_weights": true,
              "tool_call": true, "modalities": {"input": ["text", "image"], "output": ["text"]},
              "limit": {"context": 128000, "output": 8192}}}}"#;
        let map = HashMap::from([("mistral".to_string(), "mistral".to_string())]);
        let index = read_facts(json, &map).unwrap();
        let f = &index[&("mistral".to_string(), "m1".to_string())];
        assert_eq!(f.name.as_deref(), Some("Own name"));
        assert_eq!(f.open_weights, Some(true));
        assert_eq!(f.tools, Some(false));
        assert_eq!(f.context, Some(128_000));
        assert_eq!(f.input_modalities, ["text", "image"]);
    }
}
