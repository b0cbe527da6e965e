//! Importer for LiteLLM's cost map (`model_prices_and_context_window.json`,
//! BerriAI/litellm, MIT): one object keyed by model name, prices in USD per
//! single token.

use std::collections::{BTreeMap, HashMap};

use anyhow::{Context, Result, bail};
use rust_decimal::Decimal;
use serde_json::{Map, Value};

use super::{ImportCounts, exact_decimal, per_million, string_list};
use crate::catalog::model::{
    Capabilities, ContextTier, Modalities, Mode, Model, Multiplier, PriceKind, Prices, RateKind,
    Region, Sheet, Sheets,
};

/// Where LiteLLM's cost map lives upstream.
pub const LITELLM_URL: &str =
    "https://github.com/BerriAI/litellm/blob/main/model_prices_and_context_window.json";

/// How entries of one LiteLLM provider become models of one llmcost provider.
#[derive(Debug, Clone)]
pub struct ProviderRule {
    /// The llmcost provider id.
    pub provider: String,
    /// The provider's vendor, used to build `vendor/id` slugs.
    pub vendor: Option<String>,
    /// Keys starting with any of these are skipped (regional copies, fine-tunes).
    pub skip_prefixes: Vec<String>,
    /// A key prefix that is not part of the API id (`vertex_ai/` before
    /// Vertex's `meta/llama-…-maas`).
    pub id_prefix: Option<String>,
}

/// What to import and as of when.
#[derive(Debug, Clone)]
pub struct LitellmOptions {
    /// LiteLLM provider name (`litellm_provider`) → rule.
    pub providers: HashMap<String, ProviderRule>,
    /// The date the data was taken; entries deprecated before it are kept and counted as retired.
    pub as_of: String,
    /// Also import providers with no rule, each as a provider of its own name.
    pub include_unknown: bool,
}

/// The provider id an unknown LiteLLM provider gets: its own name, unless
/// that is taken by a curated provider.
pub fn auto_provider_id(litellm_provider: &str, taken: &[&str]) -> String {
    if taken.contains(&litellm_provider) {
        format!("litellm-{litellm_provider}")
    } else {
        litellm_provider.to_string()
    }
}

/// Imports the chat models of the providers in `options` from LiteLLM JSON.
/// Models come out sorted by provider and id.
pub fn import(json: &str, options: &LitellmOptions) -> Result<(Vec<Model>, ImportCounts)> {
    let root: Value = serde_json::from_str(json).context("not valid JSON")?;
    import_value(&root, options)
}

/// [`import`] for JSON already parsed.
pub fn import_value(root: &Value, options: &LitellmOptions) -> Result<(Vec<Model>, ImportCounts)> {
    let Value::Object(entries) = root else {
        bail!("a LiteLLM cost map is a JSON object keyed by model name");
    };
    let taken: Vec<&str> = options
        .providers
        .values()
        .map(|r| r.provider.as_str())
        .collect();
    let mut auto_rules: HashMap<String, ProviderRule> = HashMap::new();
    let mut counts = ImportCounts::default();
    let mut models: BTreeMap<(String, String), Model> = BTreeMap::new();
    let mut profiles: Vec<Profile<'_>> = Vec::new();
    // Sorted, so that when two keys name the same model (`gemini-exp-1206`
    // and `gemini/gemini-exp-1206`) the same one wins whatever the file order.
    let mut keys: Vec<&String> = entries.keys().collect();
    keys.sort_unstable();
    for key in keys {
        let entry = &entries[key];
        let Value::Object(entry) = entry else {
            continue;
        };
        if entry.contains_key("alias_of") {
            continue;
        }
        let Some(litellm_provider) = entry.get("litellm_provider").and_then(Value::as_str) else {
            counts.other_provider += 1;
            continue;
        };
        let rule = match options.providers.get(litellm_provider) {
            Some(rule) => rule,
            None if options.include_unknown && !litellm_provider.is_empty() => auto_rules
                .entry(litellm_provider.to_string())
                .or_insert_with(|| ProviderRule {
                    provider: auto_provider_id(litellm_provider, &taken),
                    vendor: None,
                    skip_prefixes: Vec::new(),
                    id_prefix: None,
                }),
            None => {
                counts.other_provider += 1;
                continue;
            }
        };
        // OpenAI's "responses" models (gpt-5-pro, o3-pro, the codex models)
        // are chat models served only through its Responses API; other
        // providers' "responses" entries are agent products re-selling
        // other makers' models.
        let mode = entry.get("mode").and_then(Value::as_str);
        let chat = mode == Some("chat") || (mode == Some("responses") && rule.provider == "openai");
        if !chat {
            counts.not_chat += 1;
            continue;
        }
        if rule
            .skip_prefixes
            .iter()
            .any(|p| key.starts_with(p.as_str()))
        {
            // A region's inference profile is the base model at that
            // region's price: kept as the base model's regional multiplier.
            let local = key
                .strip_prefix(litellm_provider)
                .and_then(|rest| rest.strip_prefix('/'))
                .unwrap_or(key);
            if let Some((region, base)) = Region::of_profile(local) {
                profiles.push(Profile {
                    rule: rule.clone(),
                    base: base.to_string(),
                    region,
                    entry,
                });
            }
            counts.excluded += 1;
            continue;
        }
        let deprecation_date = entry
            .get("deprecation_date")
            .and_then(Value::as_str)
            .map(str::to_string);
        // Retired models stay, marked by their date: last year's logs name
        // them, and `--as-of` prices with them. Listings leave them out.
        if deprecation_date
            .as_deref()
            .is_some_and(|d| d < options.as_of.as_str())
        {
            counts.deprecated += 1;
        }
        let id = key
            .strip_prefix(litellm_provider)
            .and_then(|rest| rest.strip_prefix('/'))
            .or_else(|| key.strip_prefix(rule.id_prefix.as_deref()?))
            .unwrap_or(key)
            .to_string();
        let Some(model) = to_model(&id, entry, rule, deprecation_date, &options.as_of) else {
            counts.unpriced += 1;
            continue;
        };
        let slot = (rule.provider.clone(), id.to_ascii_lowercase());
        if models.contains_key(&slot) {
            counts.duplicate += 1;
            continue;
        }
        models.insert(slot, model);
    }
    attach_profiles(&mut models, profiles, &mut counts, &options.as_of);
    counts.imported = models.len();
    Ok((models.into_values().collect(), counts))
}

/// Attaches each regional copy to its model as a regional multiplier. A
/// model served only through inference profiles has no base entry: it is
/// imported from its global profile, marked profile-only, with each profile
/// as a regional multiplier. Without a global profile there is no price for
/// the default endpoint, so nothing is imported (a source listing one
/// regional copy must not reprice a model at that region).
fn attach_profiles(
    models: &mut BTreeMap<(String, String), Model>,
    profiles: Vec<Profile<'_>>,
    counts: &mut ImportCounts,
    as_of: &str,
) {
    let mut orphans: BTreeMap<(String, String), Vec<Profile<'_>>> = BTreeMap::new();
    for profile in profiles {
        let slot = (
            profile.rule.provider.clone(),
            profile.base.to_ascii_lowercase(),
        );
        match models.get_mut(&slot) {
            Some(model) => add_regional(&mut model.prices, profile.region, profile.entry),
            None => orphans.entry(slot).or_default().push(profile),
        }
    }
    for (slot, regions) in orphans {
        let Some(reference) = regions.iter().find(|p| p.region == Region::Global) else {
            continue;
        };
        let deprecation_date = reference
            .entry
            .get("deprecation_date")
            .and_then(Value::as_str)
            .map(str::to_string);
        let Some(mut model) = to_model(
            &reference.base,
            reference.entry,
            &reference.rule,
            deprecation_date,
            as_of,
        ) else {
            continue;
        };
        model.profile_only = true;
        for profile in &regions {
            add_regional(&mut model.prices, profile.region, profile.entry);
        }
        counts.excluded -= regions.len().min(counts.excluded);
        models.insert(slot, model);
    }
}

/// A LiteLLM entry for a regional copy of a model (a Bedrock inference
/// profile, an Azure data zone), set aside until every base model is read.
struct Profile<'e> {
    rule: ProviderRule,
    /// The model's id without the region.
    base: String,
    region: Region,
    entry: &'e Map<String, Value>,
}

/// Records a region's multiplier from its profile's prices: the profile's
/// input price over the base model's, when the same ratio gives its output
/// price too, exactly (a profile priced some other way is not a multiplier,
/// and is left out: asked for, that region is priced at the standard rates
/// with a warning). A ratio of 1 is recorded too: the region costs the same.
fn add_regional(prices: &mut Prices, region: Region, entry: &Map<String, Value>) {
    let (Some(input), Some(output), Some(base_in), Some(base_out)) = (
        price(entry, "input_cost_per_token"),
        price(entry, "output_cost_per_token"),
        prices.input.filter(|p| !p.is_zero()),
        prices.output.filter(|p| !p.is_zero()),
    ) else {
        return;
    };
    // Only a ratio that gives both prices back exactly is a multiplier
    // (Nova's EU prices are not a round uplift of its US ones).
    let Some(ratio) = input
        .checked_div(base_in)
        .map(|r| r.round_dp(6).normalize())
    else {
        return;
    };
    let exact = |base: Decimal, regional: Decimal| base.checked_mul(ratio) == Some(regional);
    if exact(base_in, input) && exact(base_out, output) {
        prices.regional.insert(region, Multiplier(ratio));
    }
}

/// OpenAI's data-residency uplifts (`regional_processing_uplift_multiplier_eu`).
fn data_residency(entry: &Map<String, Value>) -> BTreeMap<Region, Multiplier> {
    [(Region::Eu, "eu"), (Region::Us, "us")]
        .into_iter()
        .filter_map(|(region, name)| {
            let value = entry.get(&format!("regional_processing_uplift_multiplier_{name}"))?;
            let multiplier = exact_decimal(value)?.normalize();
            (multiplier > Decimal::ZERO).then_some((region, Multiplier(multiplier)))
        })
        .collect()
}

fn price(entry: &Map<String, Value>, key: &str) -> Option<Decimal> {
    entry.get(key).and_then(exact_decimal).and_then(per_million)
}

/// An image or video input rate, unless it is the input rate: those tokens
/// are billed as input anyway, and a copy of the input rate would go stale
/// when a curated patch corrects the input rate (LiteLLM's Grok Code Fast
/// states its old $1 input rate for images too).
fn media_input(entry: &Map<String, Value>, field: &str, input: Decimal) -> Option<Decimal> {
    price(entry, field).filter(|rate| *rate != input)
}

/// A per-request fee (`search_context_cost_per_query.<size>`, USD per
/// request) as USD per 1,000 requests. Only Perplexity's models search on
/// every request; on other providers' models the same field prices the web
/// search tool, charged per search call, not per request.
fn request_fee(entry: &Map<String, Value>, rule: &ProviderRule, size: &str) -> Option<Decimal> {
    if rule.provider != "perplexity" {
        return None;
    }
    let per_request = exact_decimal(entry.get("search_context_cost_per_query")?.get(size)?)?;
    per_request
        .checked_mul(Decimal::ONE_THOUSAND)
        .map(|d| d.normalize())
        .filter(|d| !d.is_sign_negative())
}

/// The web search tool's price per 1,000 searches: on providers other than
/// Perplexity, `search_context_cost_per_query` prices each search call (the
/// sizes are equal but for a few; the medium one is taken).
fn web_search_fee(entry: &Map<String, Value>, rule: &ProviderRule) -> Option<Decimal> {
    if rule.provider == "perplexity" {
        return None;
    }
    let per_search = exact_decimal(
        entry
            .get("search_context_cost_per_query")?
            .get("search_context_size_medium")?,
    )?;
    per_search
        .checked_mul(Decimal::ONE_THOUSAND)
        .map(|d| d.normalize())
        .filter(|d| !d.is_sign_negative())
}

fn flag(entry: &Map<String, Value>, key: &str) -> Option<bool> {
    entry.get(key).and_then(Value::as_bool)
}

fn count(entry: &Map<String, Value>, key: &str) -> Option<u64> {
    entry.get(key).and_then(Value::as_u64).filter(|n| *n > 0)
}

/// LiteLLM's key for each per-token rate on the standard sheet; a mode
/// adds its suffix ([`MODE_SUFFIXES`]) and a context tier
/// `_above_<N>k_tokens` before that. Image and video input, fees and
/// searches have rules of their own.
const TOKEN_KEYS: [(RateKind, &str); 13] = [
    (RateKind::Input, "input_cost_per_token"),
    (RateKind::Output, "output_cost_per_token"),
    (RateKind::CachedInput, "cache_read_input_token_cost"),
    (RateKind::CacheWrite, "cache_creation_input_token_cost"),
    (
        RateKind::CacheWrite1h,
        "cache_creation_input_token_cost_above_1hr",
    ),
    (
        RateKind::CacheWrite12h,
        "cache_creation_input_token_cost_above_12hr",
    ),
    (RateKind::Reasoning, "output_cost_per_reasoning_token"),
    (RateKind::AudioInput, "input_cost_per_audio_token"),
    (RateKind::AudioOutput, "output_cost_per_audio_token"),
    (
        RateKind::CachedAudioInput,
        "cache_read_input_audio_token_cost",
    ),
    (RateKind::ImageOutput, "output_cost_per_image_token"),
    (RateKind::VideoOutput, "output_cost_per_video_token"),
    (RateKind::Citation, "citation_cost_per_token"),
];

/// The suffix of each mode's keys.
const MODE_SUFFIXES: [(Mode, &str); 5] = [
    (Mode::Standard, ""),
    (Mode::Batch, "_batches"),
    (Mode::Flex, "_flex"),
    (Mode::Priority, "_priority"),
    (Mode::Ultrafast, "_ultrafast"),
];

/// Every per-token rate of `entry` in [`TOKEN_KEYS`] × [`MODE_SUFFIXES`],
/// with `above` (`_above_200k_tokens`, or empty) between stem and suffix.
/// Above a threshold, a cache write or reasoning rate counts only beside
/// the base one: Gemini's entries state a long-context cache write without
/// a base one, equal to the cache-read rate, which would bill a write above
/// the threshold at a tenth of the input rate it gets below it.
fn token_rates(entry: &Map<String, Value>, above: &str) -> Sheets {
    let mut sheets = Sheets::default();
    for (rate, stem) in TOKEN_KEYS {
        for (mode, suffix) in MODE_SUFFIXES {
            let Some(kind) = PriceKind::in_mode(mode, rate) else {
                continue;
            };
            let needs_base = matches!(
                rate,
                RateKind::CacheWrite
                    | RateKind::CacheWrite1h
                    | RateKind::CacheWrite12h
                    | RateKind::Reasoning
            );
            if !above.is_empty() && needs_base && price(entry, &format!("{stem}{suffix}")).is_none()
            {
                continue;
            }
            sheets.set(kind, price(entry, &format!("{stem}{above}{suffix}")));
        }
    }
    sheets
}

/// LiteLLM's `tiered_pricing`: `[{range: [start, end], input_cost_per_token,
/// output_cost_per_token, cache_read_input_token_cost,
/// output_cost_per_reasoning_token}]`, as tiers by
/// rising start (a start of 0 is the base rates). Ranges whose start is not
/// a whole number of tokens, or that state neither input nor output, are
/// left out.
fn tiered_pricing(entry: &Map<String, Value>) -> Vec<ContextTier> {
    let Some(Value::Array(ranges)) = entry.get("tiered_pricing") else {
        return Vec::new();
    };
    let mut tiers: Vec<ContextTier> = ranges
        .iter()
        .filter_map(|range| {
            let Value::Object(range) = range else {
                return None;
            };
            let start = range.get("range")?.as_array()?.first()?.as_f64()?;
            // Token counts are whole and far below 2^53, so the float is exact.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let threshold = (start >= 0.0 && start.fract() == 0.0).then_some(start as u64)?;
            let tier = ContextTier::new(
                threshold,
                Sheet {
                    input: price(range, "input_cost_per_token"),
                    output: price(range, "output_cost_per_token"),
                    cached_input: price(range, "cache_read_input_token_cost"),
                    reasoning: price(range, "output_cost_per_reasoning_token"),
                    ..Sheet::default()
                },
            );
            (tier.input.is_some() || tier.output.is_some()).then_some(tier)
        })
        .collect();
    tiers.sort_by_key(|t| t.threshold);
    tiers.dedup_by_key(|t| t.threshold);
    tiers
}

/// The lowest `_above_<N>k_tokens` threshold the entry prices, with its rates.
fn long_context(entry: &Map<String, Value>) -> Option<ContextTier> {
    let threshold_k = entry
        .keys()
        .filter_map(|k| {
            let rest = k.split("_above_").nth(1)?;
            rest.strip_suffix("k_tokens")?.parse::<u64>().ok()
        })
        .min()?;
    let long = ContextTier {
        threshold: threshold_k * 1000,
        sheets: token_rates(entry, &format!("_above_{threshold_k}k_tokens")),
    };
    (long.input.is_some() || long.output.is_some()).then_some(long)
}

fn to_model(
    id: &str,
    entry: &Map<String, Value>,
    rule: &ProviderRule,
    deprecation_date: Option<String>,
    as_of: &str,
) -> Option<Model> {
    let mut tiers = tiered_pricing(entry);
    // A tiered model's base rates are its first range's when it has no
    // top-level price (Qwen's `tiered_pricing` from 0 tokens).
    let base = tiers.first().filter(|t| t.threshold == 0).cloned();
    if base.is_some() {
        tiers.remove(0);
    }
    let input = price(entry, "input_cost_per_token").or(base.as_ref().and_then(|b| b.input))?;
    let output = price(entry, "output_cost_per_token").or(base.as_ref().and_then(|b| b.output))?;
    let cached_input =
        price(entry, "cache_read_input_token_cost").or(base.as_ref().and_then(|b| b.cached_input));
    let (long, higher_tiers) = match long_context(entry) {
        Some(long) => (Some(long), Vec::new()),
        None if !tiers.is_empty() => (Some(tiers.remove(0)), tiers),
        None => (None, Vec::new()),
    };
    let mut sheets = token_rates(entry, "");
    sheets.input = Some(input);
    sheets.output = Some(output);
    sheets.cached_input = cached_input;
    sheets.reasoning = sheets.reasoning.or(base.as_ref().and_then(|b| b.reasoning));
    sheets.request_low = request_fee(entry, rule, "search_context_size_low");
    sheets.request_medium = request_fee(entry, rule, "search_context_size_medium");
    sheets.request_high = request_fee(entry, rule, "search_context_size_high");
    sheets.web_search = web_search_fee(entry, rule);
    sheets.image_input = media_input(entry, "input_cost_per_image_token", input);
    sheets.video_input = media_input(entry, "input_cost_per_video_token", input);
    let prices = Prices {
        sheets,
        long_context: long,
        higher_tiers,
        regional: data_residency(entry),
        off_peak: None,
    };
    let caching = flag(entry, "supports_prompt_caching").or(cached_input.map(|_| true));
    let capabilities = Capabilities {
        vision: flag(entry, "supports_vision"),
        tools: flag(entry, "supports_function_calling"),
        json: flag(entry, "supports_response_schema"),
        reasoning: flag(entry, "supports_reasoning"),
        caching,
    };
    let slug = match &rule.vendor {
        Some(vendor) => Some(format!("{vendor}/{}", id.to_ascii_lowercase())),
        None if id.matches('/').count() == 1 => Some(id.to_ascii_lowercase()),
        None => None,
    };
    Some(Model {
        id: id.to_string(),
        provider: rule.provider.clone(),
        slug,
        name: None,
        context_window: count(entry, "max_input_tokens").or_else(|| count(entry, "max_tokens")),
        max_output_tokens: count(entry, "max_output_tokens"),
        modalities: Modalities {
            input: string_list(entry.get("supported_modalities")),
            output: string_list(entry.get("supported_output_modalities")),
        },
        capabilities,
        prices,
        as_of: Some(as_of.to_string()),
        source: Some(
            entry
                .get("source")
                .and_then(Value::as_str)
                .filter(|s| s.starts_with("https://"))
                .unwrap_or(LITELLM_URL)
                .to_string(),
        ),
        deprecation_date,
        responses_only: entry.get("mode").and_then(Value::as_str) == Some("responses"),
        ..Model::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> LitellmOptions {
        let mut providers = HashMap::new();
        providers.insert(
            "gemini".to_string(),
            ProviderRule {
                provider: "google".into(),
                vendor: Some("google".into()),
                skip_prefixes: vec!["gemini/skip-".into()],
                id_prefix: None,
            },
        );
        LitellmOptions {
            providers,
            as_of: "2026-11-20".into(),
            include_unknown: false,
        }
    }

    #[test]
    fn a_model_served_only_through_inference_profiles_is_imported_from_its_global_one() {
        let mut options = options();
        options.providers.insert(
            "bedrock_converse".to_string(),
            ProviderRule {
                provider: "bedrock".into(),
                vendor: None,
                skip_prefixes: vec!["us.".into(), "global.".into()],
                id_prefix: None,
            },
        );
        // Global $2.50 / $15, in-region (us.) $2.75 / $16.50: 1.1 on both.
        let json = r#"{
          "global.openai.gpt-5.4": {"litellm_provider": "bedrock_converse", "mode": "chat",
             "input_cost_per_token": 2.5e-06, "output_cost_per_token": 1.5e-05},
          "us.openai.gpt-5.4": {"litellm_provider": "bedrock_converse", "mode": "chat",
             "input_cost_per_token": 2.75e-06, "output_cost_per_token": 1.65e-05}
        }"#;
        let (models, counts) = import(json, &options).unwrap();
        assert_eq!(counts.imported, 1);
        let model = &models[0];
        assert_eq!(model.id, "openai.gpt-5.4");
        assert!(model.profile_only);
        assert_eq!(model.prices.input.unwrap().to_string(), "2.5");
        let regional: Vec<(Region, String)> = model
            .prices
            .regional
            .iter()
            .map(|(r, m)| (*r, m.0.to_string()))
            .collect();
        assert_eq!(
            regional,
            [
                (Region::Global, "1".to_string()),
                (Region::Us, "1.1".to_string())
            ]
        );
    }

    #[test]
    fn imports_prices_exactly_with_long_context() {
        let json = r#"{
          "sample_spec": {"litellm_provider": "x"},
          "gemini/gemini-2.5-pro": {"litellm_provider": "gemini", "mode": "chat",
             "input_cost_per_token": 1.25e-06, "output_cost_per_token": 1e-05,
             "input_cost_per_token_above_200k_tokens": 2.5e-06,
             "output_cost_per_token_above_200k_tokens": 1.5e-05,
             "cache_read_input_token_cost": 1.25e-07,
             "max_input_tokens": 1048576, "supports_vision": true,
             "source": "https://ai.google.dev/gemini-api/docs/pricing"},
          "gemini/embed": {"litellm_provider": "gemini", "mode": "embedding", "input_cost_per_token": 1e-07},
          "gemini/old": {"litellm_provider": "gemini", "mode": "chat", "input_cost_per_token": 1e-07,
             "output_cost_per_token": 1e-07, "deprecation_date": "2025-01-01"},
          "gemini/skip-me": {"litellm_provider": "gemini", "mode": "chat", "input_cost_per_token": 1e-07,
             "output_cost_per_token": 1e-07},
          "gemini/no-price": {"litellm_provider": "gemini", "mode": "chat"},
          "gemini-alias": {"alias_of": "gemini/gemini-2.5-pro"}
        }"#;
        let (models, counts) = import(json, &options()).unwrap();
        // gemini/old retired on 2025-01-01: kept, with its date.
        assert_eq!(models.len(), 2);
        let old = models.iter().find(|m| m.id == "old").unwrap();
        assert_eq!(old.deprecation_date.as_deref(), Some("2025-01-01"));
        let m = models.iter().find(|m| m.id == "gemini-2.5-pro").unwrap();
        assert_eq!(m.id, "gemini-2.5-pro");
        assert_eq!(m.provider, "google");
        assert_eq!(m.slug.as_deref(), Some("google/gemini-2.5-pro"));
        assert_eq!(m.prices.input.unwrap().to_string(), "1.25");
        assert_eq!(m.prices.output.unwrap().to_string(), "10");
        assert_eq!(m.prices.cached_input.unwrap().to_string(), "0.125");
        let long = m.prices.long_context.as_ref().unwrap();
        assert_eq!(long.threshold, 200_000);
        assert_eq!(long.input.unwrap().to_string(), "2.5");
        assert_eq!(m.capabilities.vision, Some(true));
        assert_eq!(m.capabilities.caching, Some(true));
        assert_eq!(m.capabilities.tools, None);
        assert_eq!(m.context_window, Some(1_048_576));
        assert_eq!(
            counts,
            ImportCounts {
                imported: 2,
                not_chat: 1,
                other_provider: 1,
                unpriced: 1,
                deprecated: 1,
                excluded: 1,
                duplicate: 0,
                variants_left_out: 0,
            }
        );
    }
}
