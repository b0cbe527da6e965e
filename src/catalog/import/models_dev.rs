//! Reads the models.dev database (anomalyco/models.dev, MIT) for the facts
//! LiteLLM lacks: display names, open weights, modalities and capability
//! flags it states explicitly. Prices there are already per 1M tokens.

use std::collections::HashMap;

use anyhow::{Context, Result, bail};
use serde_json::{Map, Value};

use rust_decimal::Decimal;

use super::{ImportCounts, exact_decimal, string_list};
use crate::catalog::model::{
    ApiStyle, Capabilities, ContextTier, Modalities, Model, Prices, Provider, Sheet,
};

/// Where models.dev lives.
pub const SOURCE_URL: &str = "https://github.com/anomalyco/models.dev";

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

/// A JSON object.
type Object = Map<String, Value>;

/// The `providers` and `base_models` objects of a models.dev file
/// (`base_models` may be absent: then `empty`).
fn sections<'a>(root: &'a Value, empty: &'a Object) -> Result<(&'a Object, &'a Object)> {
    let Some(all) = root.get("providers").and_then(Value::as_object) else {
        bail!("a models.dev file has a top-level 'providers' object");
    };
    let bases = root
        .get("base_models")
        .and_then(Value::as_object)
        .unwrap_or(empty);
    Ok((all, bases))
}

/// Reads models.dev JSON. `providers` maps a models.dev provider id to an
/// llmcost provider id; other providers are ignored.
pub fn read_facts(json: &str, providers: &HashMap<String, String>) -> Result<FactsIndex> {
    let root: Value = serde_json::from_str(json).context("not valid JSON")?;
    let empty = Map::new();
    let (all, bases) = sections(&root, &empty)?;
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
    let list = |outer: &str, inner: &str| string_list(model.get(outer).and_then(|m| m.get(inner)));
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

fn cost(cost: Option<&Value>, key: &str) -> Option<Decimal> {
    let price = exact_decimal(cost?.get(key)?)?;
    (!price.is_sign_negative()).then(|| price.normalize())
}

/// A provider from its models.dev `provider` table.
fn provider(id: &str, info: Option<&Value>) -> Provider {
    let text = |k: &str| {
        info.and_then(|p| p.get(k))
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    let base_url = text("api");
    Provider {
        id: id.to_string(),
        name: text("name").unwrap_or_else(|| id.to_string()),
        vendor: None,
        api_style: api_style(text("npm").as_deref(), base_url.is_some()),
        api_base_url: base_url,
        api_key_env: info
            .and_then(|p| p.get("env"))
            .and_then(Value::as_array)
            .and_then(|e| e.first())
            .and_then(Value::as_str)
            .map(str::to_string),
        docs_url: text("doc"),
    }
}

/// The first of `cost.tiers`: prices above an input size.
fn long_context(cost_table: Option<&Value>) -> Option<ContextTier> {
    let tier = cost_table?.get("tiers")?.as_array()?.first()?;
    Some(ContextTier {
        sheets: Sheet {
            input: cost(Some(tier), "input"),
            output: cost(Some(tier), "output"),
            cached_input: cost(Some(tier), "cache_read"),
            ..Sheet::default()
        }
        .into(),
        threshold: tier.get("tier")?.get("size")?.as_u64()?,
    })
}

fn api_style(npm: Option<&str>, has_base_url: bool) -> ApiStyle {
    match npm {
        Some("@ai-sdk/anthropic") => ApiStyle::Anthropic,
        Some("@ai-sdk/amazon-bedrock") => ApiStyle::Bedrock,
        Some("@ai-sdk/openai" | "@ai-sdk/openai-compatible") => ApiStyle::OpenaiCompatible,
        _ if has_base_url => ApiStyle::OpenaiCompatible,
        _ => ApiStyle::Other,
    }
}

/// The snapshot's date (`source.commit_date`, `YYYY-MM-DD`), which dates its
/// prices: a price is as new as the data it was read from, not as the day
/// it was imported.
pub fn snapshot_date(root: &Value) -> Option<String> {
    let date = root.get("source")?.get("commit_date")?.as_str()?;
    let day = date.get(..10)?;
    crate::dates::parse_day(day).map(|_| day.to_string())
}

/// Imports the providers `rename` names and their models from a models.dev
/// file. `rename` maps a models.dev provider id to a curated llmcost id
/// (`fireworks-ai` → `fireworks`); other providers (resellers, subscription
/// "coding plans" priced at $0) are skipped, as the bundled build skips
/// them. Prices are already per 1M tokens.
pub fn import_value(
    root: &Value,
    rename: &HashMap<String, String>,
    as_of: &str,
) -> Result<(Vec<Provider>, Vec<Model>, ImportCounts)> {
    let empty = Map::new();
    let (all, bases) = sections(root, &empty)?;
    let mut counts = ImportCounts::default();
    let mut providers = Vec::new();
    let mut models = Vec::new();
    for (md_id, entry) in all {
        let Some(id) = rename.get(md_id).cloned() else {
            counts.other_provider += entry
                .get("models")
                .and_then(Value::as_object)
                .map_or(0, Map::len);
            continue;
        };
        providers.push(provider(&id, entry.get("provider")));
        let Some(entries) = entry.get("models").and_then(Value::as_object) else {
            continue;
        };
        for (model_id, model) in entries {
            let Some(model) = model.as_object() else {
                counts.excluded += 1;
                continue;
            };
            let merged = inherit(model, bases);
            let facts = facts(&merged);
            if !facts.output_modalities.is_empty()
                && !facts.output_modalities.iter().any(|m| m == "text")
            {
                counts.not_chat += 1;
                continue;
            }
            let cost_table = merged.get("cost");
            let (input, output) = (cost(cost_table, "input"), cost(cost_table, "output"));
            if input.is_none() || output.is_none() {
                counts.unpriced += 1;
            }
            let long_context = long_context(cost_table);
            let cached_input = cost(cost_table, "cache_read");
            models.push(Model {
                id: model_id.clone(),
                provider: id.clone(),
                slug: merged
                    .get("base_model")
                    .and_then(Value::as_str)
                    .map(str::to_ascii_lowercase),
                name: facts.name.clone(),
                context_window: facts.context,
                max_output_tokens: facts.max_output,
                modalities: Modalities {
                    input: facts.input_modalities.clone(),
                    output: facts.output_modalities.clone(),
                },
                capabilities: Capabilities {
                    vision: (!facts.input_modalities.is_empty())
                        .then(|| facts.input_modalities.iter().any(|m| m == "image")),
                    tools: facts.tools,
                    json: facts.json,
                    reasoning: facts.reasoning,
                    caching: cached_input.map(|_| true),
                },
                open_weights: facts.open_weights,
                prices: Prices {
                    sheets: Sheet {
                        input,
                        output,
                        cached_input,
                        cache_write: cost(cost_table, "cache_write"),
                        reasoning: cost(cost_table, "reasoning"),
                        ..Sheet::default()
                    }
                    .into(),
                    long_context,
                    ..Prices::default()
                },
                as_of: Some(as_of.to_string()),
                source: Some(SOURCE_URL.to_string()),
                // models.dev marks a retired model `status = "deprecated"`.
                retired: merged.get("status").and_then(Value::as_str) == Some("deprecated"),
                ..Model::default()
            });
        }
    }
    counts.imported = models.len();
    Ok((providers, models, counts))
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
