//! Importer for the OpenRouter models API response (`GET /api/v1/models`):
//! prices are decimal strings in USD per single token; `-1` means the price
//! varies by the routed model and is kept as unknown, never as $0.

use anyhow::{Result, bail};
use rust_decimal::Decimal;
use serde_json::Value;

use super::{ImportCounts, exact_decimal, per_million, string_list};
use crate::catalog::model::{Capabilities, ContextTier, Modalities, Model, Prices, Sheet};

/// The provider id OpenRouter models are filed under.
pub const PROVIDER_ID: &str = "openrouter";

/// Where the data comes from.
pub const SOURCE_URL: &str = "https://openrouter.ai/api/v1/models";

/// A per-token price string as a per-1M price; `-1` (varies) and anything
/// unreadable are unknown.
fn price(value: Option<&Value>) -> Option<Decimal> {
    let per_token = exact_decimal(value?)?;
    if per_token.is_sign_negative() {
        return None;
    }
    per_million(per_token)
}

/// The first of `pricing.overrides`: OpenRouter's prices for long prompts.
fn long_context(pricing: Option<&Value>) -> Option<ContextTier> {
    let first = pricing?.get("overrides")?.as_array()?.first()?;
    Some(ContextTier {
        sheets: Sheet {
            input: price(first.get("prompt")),
            output: price(first.get("completion")),
            cached_input: price(first.get("input_cache_read")),
            ..Sheet::default()
        }
        .into(),
        threshold: first.get("min_prompt_tokens")?.as_u64()?,
    })
}

/// Capabilities from the modalities and `supported_parameters`; unknown
/// (not `false`) where OpenRouter lists no parameters.
fn capabilities(entry: &Value, input_modalities: &[String], caching: bool) -> Capabilities {
    let parameters = string_list(entry.get("supported_parameters"));
    let supports = |name: &str| parameters.iter().any(|p| p == name);
    let known = !parameters.is_empty();
    Capabilities {
        vision: (!input_modalities.is_empty())
            .then(|| input_modalities.iter().any(|m| m == "image")),
        tools: known.then(|| supports("tools")),
        json: known.then(|| supports("response_format") || supports("structured_outputs")),
        reasoning: known.then(|| supports("reasoning") || supports("include_reasoning")),
        caching: caching.then_some(true),
    }
}

/// Imports the text-output models of an OpenRouter response.
pub fn import_value(root: &Value, as_of: &str) -> Result<(Vec<Model>, ImportCounts)> {
    let Some(data) = root.get("data").and_then(Value::as_array) else {
        bail!("an OpenRouter models response has a top-level 'data' array");
    };
    let mut counts = ImportCounts::default();
    let mut models: Vec<Model> = Vec::new();
    for entry in data {
        let Some(id) = entry
            .get("id")
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
        else {
            counts.excluded += 1;
            continue;
        };
        let architecture = entry.get("architecture");
        let input_modalities = string_list(architecture.and_then(|a| a.get("input_modalities")));
        let output_modalities = string_list(architecture.and_then(|a| a.get("output_modalities")));
        if !output_modalities.is_empty() && !output_modalities.iter().any(|m| m == "text") {
            counts.not_chat += 1;
            continue;
        }
        if models.iter().any(|m| m.id.eq_ignore_ascii_case(id)) {
            counts.duplicate += 1;
            continue;
        }
        let pricing = entry.get("pricing");
        let field = |name: &str| price(pricing.and_then(|p| p.get(name)));
        let (input, output) = (field("prompt"), field("completion"));
        if input.is_none() || output.is_none() {
            counts.unpriced += 1;
        }
        let long_context = long_context(pricing);
        let cached_input = field("input_cache_read");
        let capabilities = capabilities(entry, &input_modalities, cached_input.is_some());
        let context = entry
            .get("context_length")
            .and_then(Value::as_u64)
            .filter(|n| *n > 0);
        let max_output = entry
            .get("top_provider")
            .and_then(|t| t.get("max_completion_tokens"))
            .and_then(Value::as_u64)
            .filter(|n| *n > 0);
        models.push(Model {
            id: id.to_string(),
            provider: PROVIDER_ID.to_string(),
            slug: id.contains('/').then(|| id.to_ascii_lowercase()),
            name: entry
                .get("name")
                .and_then(Value::as_str)
                .map(str::to_string),
            context_window: context,
            max_output_tokens: max_output,
            modalities: Modalities {
                input: input_modalities,
                output: output_modalities,
            },
            capabilities,
            open_weights: entry
                .get("hugging_face_id")
                .and_then(Value::as_str)
                .map(|h| !h.is_empty()),
            prices: Prices {
                sheets: Sheet {
                    input,
                    output,
                    cached_input,
                    cache_write: field("input_cache_write"),
                    cache_write_1h: field("input_cache_write_1h"),
                    reasoning: field("internal_reasoning"),
                    audio_input: field("audio"),
                    cached_audio_input: field("input_audio_cache"),
                    audio_output: field("audio_output"),
                    image_output: field("image_output"),
                    ..Sheet::default()
                }
                .into(),
                long_context,
                ..Prices::default()
            },
            as_of: Some(as_of.to_string()),
            source: Some(SOURCE_URL.to_string()),
            deprecation_date: entry
                .get("expiration_date")
                .and_then(Value::as_str)
                .map(str::to_string),
            ..Model::default()
        });
    }
    models.sort_by(|a, b| a.id.cmp(&b.id));
    counts.imported = models.len();
    Ok((models, counts))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varies_is_unknown_and_free_is_zero() {
        let json = r#"{"data": [
          {"id": "openrouter/auto", "pricing": {"prompt": "-1", "completion": "-1"}},
          {"id": "x/free", "pricing": {"prompt": "0", "completion": "0"}, "architecture": {"output_modalities": ["text"]}},
          {"id": "x/paid", "context_length": 131072, "pricing": {"prompt": "0.00000045", "completion": "0.0000032",
             "overrides": [{"min_prompt_tokens": 128000, "prompt": "0.000001", "completion": "0.000006"}]},
           "supported_parameters": ["tools"], "architecture": {"input_modalities": ["text", "image"], "output_modalities": ["text"]}},
          {"id": "x/image", "architecture": {"output_modalities": ["image"]}, "pricing": {"prompt": "0.000001", "completion": "0.000001"}}
        ]}"#;
        let root: Value = serde_json::from_str(json).unwrap();
        let (models, counts) = import_value(&root, "2026-08-19").unwrap();
        assert_eq!(models.len(), 3);
        assert_eq!((counts.not_chat, counts.unpriced), (1, 1));
        let auto = models.iter().find(|m| m.id == "openrouter/auto").unwrap();
        assert_eq!((auto.prices.input, auto.prices.output), (None, None));
        let free = models.iter().find(|m| m.id == "x/free").unwrap();
        assert_eq!(free.prices.input, Some(Decimal::ZERO));
        let paid = models.iter().find(|m| m.id == "x/paid").unwrap();
        assert_eq!(paid.prices.input.unwrap().to_string(), "0.45");
        assert_eq!(paid.prices.output.unwrap().to_string(), "3.2");
        assert_eq!(
            paid.prices.long_context.as_ref().unwrap().threshold,
            128_000
        );
        assert_eq!(paid.capabilities.vision, Some(true));
        assert_eq!(paid.capabilities.tools, Some(true));
        assert_eq!(paid.capabilities.json, Some(false));
    }
}
