//! What `catalog build` takes from genai-prices where the chosen source is
//! silent, each by a written rule with its evidence recorded in the model:
//!
//! - **Models the catalog lacks.** A model a first-party provider's
//!   genai-prices entry prices, and that no catalog model of that provider
//!   answers to, is imported at genai-prices' prices: retired models (so
//!   old logs still price) and models newer than LiteLLM's copy.
//! - **A long-context tier the chosen source leaves out**, taken when the
//!   witness states the same base input and output rates (Claude Sonnet 4.5
//!   above 200k input tokens on Anthropic's own API).
//! - **An off-peak window** the witness states, when its standard prices
//!   are the catalog's, dated as the overlay says.
//! - **Rounding**: a mode's cache rate that is its family's exact ratio
//!   rounded (o4-mini's flex cache read $0.138 for $0.1375) is the ratio.

use std::collections::HashSet;

use rust_decimal::Decimal;

use super::import::genai_prices::{GenaiModel, entry_for, id_prefixes};
use super::model::{
    ContextTier, Filled, Mode, Model, PriceKind, Prices, RateKind, SetAside, Sheets,
};
use super::overlay::{FromGenaiPrices, Overlay};
use super::witness::Witness;
use crate::quantity::usd;

/// Model families by maker: genai-prices lists Claude under Google (its
/// Vertex prices); such an entry is another maker's model resold, not the
/// provider's own.
const FAMILIES: [(&str, &str); 4] = [
    ("claude", "anthropic"),
    ("gemini", "google"),
    ("grok", "xai"),
    ("gpt-", "openai"),
];

/// Words of an id that mark a model priced some other way than chat
/// tokens (images, speech, transcription, embeddings, live sessions) or a
/// completion-era model that LiteLLM does not list as chat.
const NOT_CHAT_WORDS: [&str; 17] = [
    "image",
    "tts",
    "transcribe",
    "embed",
    "embedding",
    "realtime",
    "live",
    "banana",
    "whisper",
    "moderation",
    "ocr",
    "orpheus",
    "ada",
    "babbage",
    "curie",
    "davinci",
    "saba",
];

/// A provider's genai-prices entries that no catalog model answers to,
/// as catalog models. `vendor` is the provider's maker slug (its models'
/// `vendor/id`), `skip_prefixes` the overlay's skip rules for it, and
/// `not_chat` the lower-case ids LiteLLM lists as other than chat.
pub fn lacking_models(
    provider: &str,
    vendor: &str,
    skip_prefixes: &[String],
    entries: &[GenaiModel],
    catalog: &[Model],
    rule: &FromGenaiPrices,
    not_chat: &HashSet<String>,
) -> Vec<Model> {
    let ours: Vec<&Model> = catalog.iter().filter(|m| m.provider == provider).collect();
    // The entry each catalog model is witnessed by, as the build finds it.
    let claimed: HashSet<&str> = ours
        .iter()
        .filter_map(|m| entry_for(entries, m).map(|e| e.model.id.as_str()))
        .collect();
    let answers_to = |name: &str| {
        ours.iter().any(|m| {
            m.id.eq_ignore_ascii_case(name)
                || m.aliases.iter().any(|a| a.eq_ignore_ascii_case(name))
        })
    };
    entries
        .iter()
        .filter(|e| e.model.provider == provider && !claimed.contains(e.model.id.as_str()))
        .filter(|e| importable(provider, &e.model, skip_prefixes, rule, not_chat))
        .filter(|e| !answers_to(&e.model.id) && !e.model.aliases.iter().any(|a| answers_to(a)))
        .map(|e| as_catalog_model(e, vendor, rule))
        .collect()
}

/// Whether an unclaimed entry is a chat model of the provider's own that
/// llmcost can price: input and output rates, an API id (no `/`, `:` or
/// fine-tune pattern), not another maker's family, not a non-chat model.
fn importable(
    provider: &str,
    model: &Model,
    skip_prefixes: &[String],
    rule: &FromGenaiPrices,
    not_chat: &HashSet<String>,
) -> bool {
    let id = model.id.to_ascii_lowercase();
    let priced = model.prices.input.is_some() && model.prices.output.is_some();
    let api_id = !id.contains(['/', ':']) && !id.ends_with('-') && !id.contains(".ft-");
    let foreign = FAMILIES
        .iter()
        .any(|(family, maker)| id.starts_with(family) && *maker != provider);
    let words_not_chat = id
        .split(|c: char| !c.is_ascii_alphabetic())
        .any(|word| NOT_CHAT_WORDS.contains(&word));
    let skipped = skip_prefixes
        .iter()
        .any(|p| id.starts_with(&p.to_ascii_lowercase()))
        || rule
            .skip
            .iter()
            .any(|s| s.eq_ignore_ascii_case(&format!("{provider}/{}", model.id)));
    priced && api_id && !foreign && !words_not_chat && !skipped && !not_chat.contains(&id)
}

fn as_catalog_model(entry: &GenaiModel, vendor: &str, rule: &FromGenaiPrices) -> Model {
    let model = &entry.model;
    let key = format!("{}/{}", model.provider, model.id);
    let current = !entry.deprecated && rule.current.iter().any(|c| c.eq_ignore_ascii_case(&key));
    let mut prefixes = Vec::new();
    id_prefixes(&entry.matcher, &mut prefixes);
    prefixes.sort();
    prefixes.dedup();
    let why = if current {
        format!("genai-prices: {}", rule.current_why)
    } else if entry.deprecated {
        "genai-prices: marked deprecated there; kept at its last prices so that old logs still price"
            .to_string()
    } else if rule.why.is_empty() {
        "genai-prices: no other source lists it; kept as retired, at its last prices, so that old logs still price".to_string()
    } else {
        format!("genai-prices: {}", rule.why)
    };
    Model {
        slug: Some(format!("{vendor}/{}", model.id)),
        retired: !current,
        id_prefixes: prefixes,
        chosen_by: Some(why),
        // The build's witness loop announces them again from the entry.
        price_changes: Vec::new(),
        ..model.clone()
    }
}

/// Takes what the witness states and the chosen source leaves out, when
/// the witness states the same base input and output rates (the rest is
/// then part of the same price sheet): the long-context tier, and each
/// mode (batch, flex, priority, ultrafast) the model has no rate in at
/// all, with the mode's rates in the tier, where the witness names the
/// model itself (`names_it`): a mode is offered model by model, and a rule
/// that matches a family by prefix (gpt-4o-mini for its search previews)
/// does not say the family's modes. Records each in `model.filled`.
pub fn fill_from_witness(model: &mut Model, source: &str, stated: &Prices, names_it: bool) {
    let same_base = model.prices.input.is_some()
        && model.prices.input == stated.input
        && model.prices.output == stated.output;
    if !same_base {
        return;
    }
    if let Some(tier) = stated.long_context.as_ref()
        && model.prices.long_context.is_none()
        && tier.input.is_some()
    {
        model.prices.long_context = Some(tier.clone());
        model.filled.push(Filled {
            source: source.to_string(),
            rates: describe_tier(tier),
            rule: "the chosen source states no long-context tier, and this witness states the same base input and output rates".to_string(),
            fields: tier
                .rates()
                .map(|(kind, _)| format!("long_context.{}", kind.field()))
                .collect(),
        });
    }
    for (&mode, sheet) in stated.sheets.modes.iter().filter(|_| names_it) {
        if model.prices.sheet(mode).is_some() || sheet.input.is_none() {
            continue;
        }
        let tiers_match = match (&model.prices.long_context, &stated.long_context) {
            (Some(ours), Some(theirs)) => ours.threshold == theirs.threshold,
            (None, theirs) => theirs.as_ref().is_none_or(|t| t.sheet(mode).is_none()),
            (Some(_), None) => true,
        };
        if !tiers_match {
            continue;
        }
        model
            .prices
            .sheets
            .take_as_mode(mode, &Sheets::from(sheet.clone()));
        if let (Some(ours), Some(theirs)) = (
            model.prices.long_context.as_mut(),
            stated.long_context.as_ref().and_then(|t| t.sheet(mode)),
        ) {
            ours.sheets
                .take_as_mode(mode, &Sheets::from(theirs.clone()));
        }
        model.filled.push(Filled {
            source: source.to_string(),
            rates: describe_mode(mode, &model.prices),
            rule: format!(
                "the chosen source states no {} rates, and this witness states the same base input and output rates",
                mode.label()
            ),
            fields: (model.prices.rates().chain(
                model.prices.long_context.iter().flat_map(|t| t.rates())
            ))
            .filter(|(kind, _)| kind.mode() == mode)
            .map(|(kind, _)| kind.field().to_string())
            .collect(),
        });
    }
}

/// `batch: $1.50 in, $7.50 out, ... per 1M`.
fn describe_mode(mode: Mode, prices: &Prices) -> String {
    let parts: Vec<String> = prices
        .rates()
        .filter(|(kind, _)| kind.mode() == mode)
        .map(|(kind, rate)| format!("{} {}", kind.info().label, usd(rate)))
        .collect();
    format!("{} per 1M", parts.join(", "))
}

/// `above 200,000 input tokens: $6 in, $22.50 out, ...`.
fn describe_tier(tier: &ContextTier) -> String {
    let parts: Vec<String> = [
        (tier.input, "in"),
        (tier.output, "out"),
        (tier.cached_input, "cache read"),
        (tier.cache_write, "5-minute cache write"),
        (tier.cache_write_1h, "1-hour cache write"),
    ]
    .iter()
    .filter_map(|(rate, what)| rate.map(|r| format!("{} {what}", usd(r))))
    .collect();
    format!(
        "above {} input tokens: {} per 1M",
        crate::quantity::group_thousands(tier.threshold),
        parts.join(", ")
    )
}

/// The rates a mode (batch, flex, priority) prices beside its input by
/// the mode's ratio (`mode input ÷ input`).
const PRICED_BY_MODE_RATIO: [RateKind; 2] = [RateKind::CachedInput, RateKind::CacheWrite];

/// The most decimal places an exact ratio may have to replace a rounded
/// rate (per 1M tokens).
const EXACT_PLACES: u32 = 12;

/// Recognises rounding: a mode's cache rate that differs from the exact
/// ratio of its family (`mode input ÷ input × cache rate`) only by the
/// source's rounding (the stated rate is the exact one rounded, half away
/// from zero, to the stated rate's places, and within 5% of it) is taken
/// as the exact ratio,
/// with the evidence in `model.filled`. o4-mini's flex cache read: LiteLLM
/// states $0.138, the ratio gives $0.1375. A real difference stays.
pub fn recognise_rounding(model: &mut Model, source: &str) {
    let Some(input) = model.prices.input.filter(|i| !i.is_zero()) else {
        return;
    };
    for mode_of in Mode::ALL {
        let Some(mode_input) =
            PriceKind::in_mode(mode_of, RateKind::Input).filter(|k| k.mode() != Mode::Standard)
        else {
            continue;
        };
        let Some(ratio) = model
            .prices
            .get(mode_input)
            .and_then(|m| m.checked_div(input))
        else {
            continue;
        };
        let family = PRICED_BY_MODE_RATIO.into_iter().filter_map(|rate| {
            Some((
                PriceKind::standard(rate),
                PriceKind::in_mode(mode_of, rate)?,
            ))
        });
        for (standard, mode) in family {
            let (Some(base), Some(stated)) = (model.prices.get(standard), model.prices.get(mode))
            else {
                continue;
            };
            let Some(exact) = base.checked_mul(ratio).map(|e| e.normalize()) else {
                continue;
            };
            let places = stated.normalize().scale();
            let rounded = exact.round_dp_with_strategy(
                places,
                rust_decimal::RoundingStrategy::MidpointAwayFromZero,
            );
            // Rounding moves a rate by a few percent at most: a stated $0.10
            // for an exact $0.125 is a different price, not a rounded one.
            let close = (stated - exact).abs() * Decimal::from(100) <= exact * Decimal::from(5);
            if exact == stated || rounded != stated || exact.scale() > EXACT_PLACES || !close {
                continue;
            }
            model.prices.set(mode, Some(exact));
            model.filled.push(Filled {
                source: source.to_string(),
                rates: format!(
                    "{} {} (stated {})",
                    mode.field(),
                    usd(exact),
                    usd(stated)
                ),
                rule: format!(
                    "the stated rate is the exact ratio of its family ({} ÷ {} × {}) rounded to {places} places, so the ratio is taken",
                    mode_input.field(),
                    PriceKind::standard(RateKind::Input).field(),
                    standard.field()
                ),
                fields: vec![mode.field().to_string()],
            });
        }
    }
}

/// Dates the model's time-of-day windows as the overlay says, recording
/// the evidence beside the rates filled from witnesses.
pub(super) fn date_windows(model: &mut Model, overlay: &Overlay) {
    let Some(window) = model.prices.off_peak.as_deref_mut() else {
        return;
    };
    let Some(rule) = overlay.time_of_day.iter().find(|r| {
        r.provider == model.provider && r.ids.iter().any(|id| id.eq_ignore_ascii_case(&model.id))
    }) else {
        return;
    };
    window.valid_from.clone_from(&rule.valid_from);
    window.valid_until.clone_from(&rule.valid_until);
    let described = window.describe();
    model.filled.push(Filled {
        source: "overlay".to_string(),
        rates: format!("off-peak windows {described}"),
        rule: rule.why.clone(),
        fields: Vec::new(),
    });
}

/// Takes the off-peak window a source states when its standard prices are
/// the catalog's (within the witnesses' tolerance): a discount off a price
/// the provider no longer charges says nothing about today's bill. Else
/// the window is set aside with its evidence, which `show` prints.
pub(super) fn take_off_peak(model: &mut Model, stated: &Prices) {
    let Some(window) = stated.off_peak.as_deref() else {
        return;
    };
    let peak = Witness::stating("genai-prices", stated, None);
    if peak.agrees_with(model) == Some(true) {
        model.prices.off_peak = Some(Box::new(window.clone()));
        return;
    }
    let money = |rate: Option<Decimal>| rate.map_or_else(|| "?".to_string(), usd);
    model.set_aside.push(SetAside {
        source: window.source.clone(),
        states: format!(
            "off-peak {} at {} in, {} out, a discount off {} in, {} out",
            window.describe(),
            money(window.input),
            money(window.output),
            money(stated.input),
            money(stated.output)
        ),
        why: format!(
            "its standard price is not the catalog's ({} in, {} out), so the discount is not applied",
            money(model.prices.input),
            money(model.prices.output)
        ),
    });
}
