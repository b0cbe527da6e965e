//! `catalog update`: import a source in any supported format, merge it into
//! the current catalog, record price changes in each model's history, and
//! describe the difference.
//!
//! Precedence, highest first: the bundled overlay (whole models and
//! patches), then the new source, then the current catalog. A model the new
//! source has replaces the current one field by field: what the source
//! states wins; what it lacks (a display name, a capability) is kept from
//! the current catalog. For each provider a complete listing (LiteLLM,
//! OpenRouter, llmcost's own files) covers, models it no longer lists are
//! removed; curated subsets (models.dev, genai-prices) remove nothing;
//! providers a source does not cover are left as they are.
//!
//! Prices never get worse by an update:
//! - a source whose prices are dated before the current ones (models.dev's
//!   snapshot after LiteLLM's newer map) does not replace them unless
//!   forced; the report lists each price kept;
//! - the current catalog's other rates (cache, batch, long context) are kept
//!   only while the input and output prices stay the same; once a base price
//!   changes, a rate the new source does not state is dropped, not left
//!   stale beside it;
//! - a price that does not change keeps its history and its date;
//! - a provider the source covers must keep at least half of its models.

use std::collections::{BTreeSet, HashMap};

use anyhow::{Context, Result, bail};
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value;

use super::build::{
    apply_authority, apply_overlay, curated_reason, priced_by_authority_if_exclusive,
};
use super::export::{ExportRow, looks_like_rows, read_rows};
use super::import::{ImportCounts, genai_prices, litellm, models_dev, openrouter};
use super::load::parse_catalog;
use super::model::{
    ApiStyle, Catalog, Model, PRICE_KINDS, PricePoint, Prices, Provider, SCHEMA_VERSION,
};
use super::overlay::Overlay;
use super::validate::validate;
use super::witness::{Witness, chosen_source, confidence, forget_own_rates};

/// The formats `catalog update` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceFormat {
    /// Detect from the content.
    Auto,
    /// An llmcost catalog (as `catalog.json` or `catalog export --format json`).
    Llmcost,
    /// LiteLLM's model_prices_and_context_window.json.
    Litellm,
    /// The models.dev database as one JSON file.
    ModelsDev,
    /// The OpenRouter /api/v1/models response.
    Openrouter,
    /// pydantic's genai-prices data (v2).
    GenaiPrices,
}

impl SourceFormat {
    /// The source's name in witnesses (`litellm`, `models.dev`, …).
    pub fn source_name(self) -> &'static str {
        match self {
            SourceFormat::Auto | SourceFormat::Llmcost => "llmcost",
            SourceFormat::Litellm => "litellm",
            SourceFormat::ModelsDev => "models.dev",
            SourceFormat::Openrouter => "openrouter",
            SourceFormat::GenaiPrices => "genai-prices",
        }
    }

    /// Whether the format lists every model of the providers it covers
    /// (so a model it no longer lists is gone). models.dev and genai-prices
    /// curate a subset of each provider's models: an update from them adds
    /// and reprices models but removes none.
    pub fn is_complete_listing(self) -> bool {
        !matches!(self, SourceFormat::ModelsDev | SourceFormat::GenaiPrices)
    }
}

/// Detects a source's format from its parsed JSON.
pub fn detect(root: &Value) -> Option<SourceFormat> {
    let genai_like = root.as_array().and_then(|a| a.first()).is_some_and(|p| {
        p.get("models").is_some_and(Value::is_array)
            && (p.get("api_pattern").is_some() || p.get("pricing_urls").is_some())
    });
    if genai_like {
        return Some(SourceFormat::GenaiPrices);
    }
    let object = root.as_object()?;
    if object.contains_key("schema_version") && object.contains_key("models") {
        return Some(SourceFormat::Llmcost);
    }
    if object.contains_key("providers") && object.contains_key("base_models") {
        return Some(SourceFormat::ModelsDev);
    }
    if object.get("data").is_some_and(Value::is_array) {
        return Some(SourceFormat::Openrouter);
    }
    let litellm_like = object
        .values()
        .take(50)
        .any(|v| v.get("litellm_provider").is_some());
    litellm_like.then_some(SourceFormat::Litellm)
}

/// What a source held.
#[derive(Debug)]
pub struct Imported {
    /// The format it was read as.
    pub format: SourceFormat,
    /// Providers it defines (curated ones come from the overlay).
    pub providers: Vec<Provider>,
    /// Its models.
    pub models: Vec<Model>,
    /// What was kept and skipped.
    pub counts: ImportCounts,
    /// genai-prices entries with their match rules, which
    /// [`genai_prices::for_catalog`] pairs with the catalog's models.
    pub genai: Vec<genai_prices::GenaiModel>,
}

/// Reads `text` as `format` (detecting it for `Auto`). `as_of` dates prices
/// from sources that carry no date of their own.
pub fn import_source(
    text: &str,
    format: SourceFormat,
    overlay: &Overlay,
    as_of: &str,
) -> Result<Imported> {
    let trimmed = text.trim_start();
    if trimmed.is_empty() {
        bail!("the source is empty");
    }
    if trimmed.starts_with('<') {
        bail!("the source is an HTML page, not a pricing catalog");
    }
    // JSON Lines of exported rows: one object per line.
    if matches!(format, SourceFormat::Auto | SourceFormat::Llmcost)
        && trimmed.starts_with('{')
        && trimmed
            .lines()
            .nth(1)
            .is_some_and(|l| l.trim_start().starts_with('{'))
        && serde_json::from_str::<Value>(text).is_err()
    {
        return from_rows(&read_rows(text)?);
    }
    let root: Value =
        serde_json::from_str(text).context("the source is not valid JSON (truncated?)")?;
    if matches!(format, SourceFormat::Auto | SourceFormat::Llmcost) && looks_like_rows(&root) {
        return from_rows(&read_rows(text)?);
    }
    let format = match format {
        SourceFormat::Auto => detect(&root).context(
            "cannot tell the source's format; name it with --format llmcost|litellm|models-dev|openrouter|genai-prices",
        )?,
        known => known,
    };
    import_parsed(&root, text, format, overlay, as_of)
}

/// Reads parsed JSON of a known format.
fn import_parsed(
    root: &Value,
    text: &str,
    format: SourceFormat,
    overlay: &Overlay,
    as_of: &str,
) -> Result<Imported> {
    let curated = overlay.provider_table();
    let imported = match format {
        SourceFormat::Auto | SourceFormat::Llmcost => {
            let catalog = parse_catalog(text)?;
            let counts = ImportCounts {
                imported: catalog.models.len(),
                ..ImportCounts::default()
            };
            Imported {
                format: SourceFormat::Llmcost,
                providers: catalog.providers,
                models: catalog.models,
                counts,
                genai: Vec::new(),
            }
        }
        SourceFormat::Litellm => {
            let options = litellm::LitellmOptions {
                providers: overlay.litellm_rules(),
                as_of: as_of.to_string(),
                include_unknown: false,
            };
            let (models, counts) = litellm::import_value(root, &options)?;
            Imported {
                format,
                providers: with_auto_providers(curated, &models),
                models,
                counts,
                genai: Vec::new(),
            }
        }
        SourceFormat::ModelsDev => {
            let dated = models_dev::snapshot_date(root);
            let (providers, models, counts) = models_dev::import_value(
                root,
                &overlay.models_dev_names(),
                dated.as_deref().unwrap_or(as_of),
            )?;
            // Curated provider facts win over models.dev's.
            let mut table = curated;
            for p in providers {
                if !table.iter().any(|c| c.id == p.id) {
                    table.push(p);
                }
            }
            Imported {
                format,
                providers: table,
                models,
                counts,
                genai: Vec::new(),
            }
        }
        SourceFormat::GenaiPrices => {
            let (genai, counts) = genai_prices::read(root, &overlay.genai_prices_names(), as_of)?;
            Imported {
                format,
                providers: curated,
                models: Vec::new(),
                counts,
                genai,
            }
        }
        SourceFormat::Openrouter => {
            let (models, counts) = openrouter::import_value(root, as_of)?;
            Imported {
                format,
                providers: with_auto_providers(curated, &models),
                models,
                counts,
                genai: Vec::new(),
            }
        }
    };
    Ok(imported)
}

fn from_rows(rows: &[ExportRow]) -> Result<Imported> {
    let mut providers: Vec<Provider> = Vec::new();
    let mut models = Vec::new();
    for row in rows {
        if !providers.iter().any(|p| p.id == row.provider) {
            providers.push(row.to_provider());
        }
        models.push(row.to_model()?);
    }
    let counts = ImportCounts {
        imported: models.len(),
        ..ImportCounts::default()
    };
    Ok(Imported {
        format: SourceFormat::Llmcost,
        providers,
        models,
        counts,
        genai: Vec::new(),
    })
}

/// The curated providers plus a bare entry for every other provider id the
/// models name.
fn with_auto_providers(mut providers: Vec<Provider>, models: &[Model]) -> Vec<Provider> {
    let named: BTreeSet<&str> = models.iter().map(|m| m.provider.as_str()).collect();
    for id in named {
        if !providers.iter().any(|p| p.id == id) {
            providers.push(Provider {
                id: id.to_string(),
                name: id.to_string(),
                vendor: None,
                api_base_url: None,
                api_key_env: None,
                api_style: ApiStyle::Other,
                docs_url: None,
            });
        }
    }
    providers
}

/// One price that changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PriceChange {
    /// `provider/id`.
    pub model: String,
    /// `input` or `output`.
    pub price: &'static str,
    /// The old price per 1M tokens.
    pub old: Option<Decimal>,
    /// The new price per 1M tokens.
    pub new: Option<Decimal>,
    /// (new − old) ÷ old × 100, to one decimal.
    pub percent: Option<Decimal>,
}

/// A price the update left alone because the source's is older.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KeptPrice {
    /// `provider/id`.
    pub model: String,
    /// When the current price was observed.
    pub current_as_of: String,
    /// When the source's price was observed.
    pub source_as_of: String,
}

/// What the merge decided beyond the diff, for the report.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct MergeNotes {
    /// Prices kept because the source's are older (without `--force`).
    pub kept_newer: Vec<KeptPrice>,
    /// `provider/id: rate` of dependent rates dropped because the base
    /// price changed and the source does not state them.
    pub dropped_rates: Vec<String>,
}

/// How a catalog changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Diff {
    /// `provider/id` of models added.
    pub added: Vec<String>,
    /// `provider/id` of models removed.
    pub removed: Vec<String>,
    /// Input and output prices that changed.
    pub price_changes: Vec<PriceChange>,
}

fn key(model: &Model) -> (String, String) {
    (model.provider.clone(), model.id.to_ascii_lowercase())
}

/// Fills what `new` does not state from `old`. Rates beyond input and
/// output are filled only while those two are unchanged (see the module
/// doc); the names of rates dropped instead are returned.
fn fill_from(new: &mut Model, old: &Model) -> Vec<&'static str> {
    new.slug = new.slug.take().or_else(|| old.slug.clone());
    new.name = new.name.take().or_else(|| old.name.clone());
    new.context_window = new.context_window.or(old.context_window);
    new.max_output_tokens = new.max_output_tokens.or(old.max_output_tokens);
    if new.modalities.is_empty() {
        new.modalities.clone_from(&old.modalities);
    }
    let (c, o) = (&mut new.capabilities, &old.capabilities);
    c.vision = c.vision.or(o.vision);
    c.tools = c.tools.or(o.tools);
    c.json = c.json.or(o.json);
    c.reasoning = c.reasoning.or(o.reasoning);
    c.caching = c.caching.or(o.caching);
    new.open_weights = new.open_weights.or(old.open_weights);
    new.tier = new.tier.or(old.tier);
    new.docs_url = new.docs_url.take().or_else(|| old.docs_url.clone());
    if new.aliases.is_empty() {
        new.aliases.clone_from(&old.aliases);
    }
    if new.set_aside.is_empty() {
        new.set_aside.clone_from(&old.set_aside);
    }
    new.deprecation_date = new
        .deprecation_date
        .take()
        .or_else(|| old.deprecation_date.clone());
    let (p, q) = (&mut new.prices, &old.prices);
    // Input and output (the rates with no fallback) come first: whether
    // they changed decides whether the other rates may be carried over.
    let base = PRICE_KINDS.iter().filter(|info| info.fallback.is_none());
    for info in base.clone() {
        let kept = p.get(info.kind).or(q.get(info.kind));
        p.set(info.kind, kept);
    }
    let same_base = base
        .clone()
        .all(|info| p.get(info.kind) == q.get(info.kind));
    let mut dropped = Vec::new();
    for info in PRICE_KINDS.iter().filter(|info| info.fallback.is_some()) {
        if p.get(info.kind).is_none() && q.get(info.kind).is_some() {
            if same_base {
                p.set(info.kind, q.get(info.kind));
            } else {
                dropped.push(info.field);
            }
        }
    }
    if p.long_context.is_none() && q.long_context.is_some() {
        if same_base {
            p.long_context.clone_from(&q.long_context);
        } else {
            dropped.push("long_context");
        }
    }
    if p.higher_tiers.is_empty() && !q.higher_tiers.is_empty() {
        if same_base {
            p.higher_tiers.clone_from(&q.higher_tiers);
        } else {
            dropped.push("higher_tiers");
        }
    }
    if p.regional.is_empty() && !q.regional.is_empty() {
        if same_base {
            p.regional.clone_from(&q.regional);
        } else {
            dropped.push("regional");
        }
    }
    // A window discounts the standard price it was stated beside.
    if p.off_peak.is_none() && q.off_peak.is_some() {
        if same_base {
            p.off_peak.clone_from(&q.off_peak);
        } else {
            dropped.push("off_peak");
        }
    }
    dropped
}

/// Keeps `old`'s witnesses through an update. Where the source changed the
/// input or output price, it becomes the chosen source: its own witness is
/// updated and the confidence judged again against the others.
fn carry_witnesses(new: &mut Model, old: &Model, format: SourceFormat) {
    if !new.witnesses.is_empty() {
        return; // an llmcost file brings its own
    }
    new.witnesses.clone_from(&old.witnesses);
    let unchanged = new.prices.input == old.prices.input && new.prices.output == old.prices.output;
    if unchanged {
        new.confidence = old.confidence;
        new.chosen_by.clone_from(&old.chosen_by);
        return;
    }
    let source = format.source_name();
    let stated = Witness::stating(source, &new.prices, new.context_window);
    restate(new, stated);
    new.confidence = Some(confidence(new, source));
    forget_own_rates(new);
    new.chosen_by = Some(format!("catalog update: {source}"));
}

/// The `YYYY-MM-DD` part of a date, for ordering dates of either form.
fn day_of(date: &str) -> &str {
    date.get(..10).unwrap_or(date)
}

/// True when `new`'s prices were observed before `old`'s and a rate the
/// source states differs from the current one.
fn is_older_price(new: &Model, old: &Model) -> bool {
    let (p, q) = (&new.prices, &old.prices);
    let differs = PRICE_KINDS.iter().any(|info| {
        p.get(info.kind)
            .is_some_and(|v| Some(v) != q.get(info.kind))
    }) || (p.long_context.is_some() && p.long_context != q.long_context)
        || (!p.higher_tiers.is_empty() && p.higher_tiers != q.higher_tiers);
    match (new.as_of.as_deref(), old.as_of.as_deref()) {
        (Some(n), Some(o)) => day_of(n) < day_of(o) && differs,
        _ => false,
    }
}

fn point(date: &str, prices: &Prices) -> PricePoint {
    PricePoint {
        date: date.to_string(),
        input: prices.input,
        output: prices.output,
    }
}

/// Carries `old`'s price history into `new`, adding a point when the input
/// or output price really changed. An unchanged price is known since the
/// earlier of the two dates and observed on the later, so `--as-of` still
/// finds it before today.
fn carry_history(new: &mut Model, old: &Model, fallback_date: &str) {
    let mut history = old.price_history.clone();
    let old_date = old.as_of.as_deref().unwrap_or(fallback_date).to_string();
    let new_date = new
        .as_of
        .clone()
        .unwrap_or_else(|| fallback_date.to_string());
    let changed = new.prices.input != old.prices.input || new.prices.output != old.prices.output;
    if changed {
        if history.is_empty() {
            history.push(point(&old_date, &old.prices));
        }
        history.push(point(&new_date, &new.prices));
    } else {
        let (first, last) = if day_of(&new_date) < day_of(&old_date) {
            (new_date, old_date)
        } else {
            (old_date, new_date)
        };
        if history.is_empty() && day_of(&first) != day_of(&last) {
            history.push(point(&first, &old.prices));
        }
        new.as_of = Some(last);
    }
    new.price_history = history;
}

fn percent(old: Option<Decimal>, new: Option<Decimal>) -> Option<Decimal> {
    let (old, new) = (old?, new?);
    if old.is_zero() {
        return None;
    }
    new.checked_sub(old)?
        .checked_mul(Decimal::ONE_HUNDRED)?
        .checked_div(old)
        .map(|p| p.round_dp(1).normalize())
}

/// The difference between two catalogs.
pub fn diff(old: &Catalog, new: &Catalog) -> Diff {
    let old_by_key: HashMap<(String, String), &Model> =
        old.models.iter().map(|m| (key(m), m)).collect();
    let new_by_key: HashMap<(String, String), &Model> =
        new.models.iter().map(|m| (key(m), m)).collect();
    let name = |m: &Model| format!("{}/{}", m.provider, m.id);
    let mut result = Diff::default();
    for model in &new.models {
        match old_by_key.get(&key(model)) {
            None => result.added.push(name(model)),
            Some(before) => {
                for (label, a, b) in [
                    ("input", before.prices.input, model.prices.input),
                    ("output", before.prices.output, model.prices.output),
                ] {
                    if a != b {
                        result.price_changes.push(PriceChange {
                            model: name(model),
                            price: label,
                            old: a,
                            new: b,
                            percent: percent(a, b),
                        });
                    }
                }
            }
        }
    }
    for model in &old.models {
        if !new_by_key.contains_key(&key(model)) {
            result.removed.push(name(model));
        }
    }
    result
}

/// Whether `model` came from the source named `source` (as witnesses name
/// sources): it carries that source's witness, or its prices were chosen
/// from it. An llmcost file lists every model; a model with neither mark
/// (a hand-edited or older cache) counts as LiteLLM's, the default source.
fn listed_by(model: &Model, source: &str) -> bool {
    if source == "llmcost" {
        return true;
    }
    let rule = model
        .chosen_by
        .as_deref()
        .map(|rule| rule.split(':').next().unwrap_or(rule));
    let unmarked = model.witnesses.is_empty() && rule.is_none_or(|r| r == "overlay");
    model.witnesses.iter().any(|w| w.source == source)
        || rule == Some(source)
        || (source == "litellm" && unmarked)
}

/// A provider the source covers whose model count would fall below this
/// share of its current count is refused: a source that lost most of a
/// provider's entries is broken or partial, not news.
pub const MIN_KEPT_PERCENT: usize = 50;

/// A source that announces nothing keeps the changes announced before,
/// unless its prices are already as of their day; likewise the sheets
/// dated before the catalog's, kept while the prices they lead to are
/// still the model's.
fn carry_dated_sheets(model: &mut Model, old: &Model) {
    if model.price_changes.is_empty() {
        model.announce(&old.price_changes);
    }
    if model.earlier_prices.is_empty() {
        model.recall(&old.earlier_prices, old.sheet_after(0));
    }
}

/// Merges `imported` into `current` (see the module doc), re-applies the
/// overlay, validates, and checks plausibility. `force` accepts what the
/// checks refuse: older prices, a provider losing most of its models.
pub fn merge(
    current: &Catalog,
    imported: Imported,
    overlay: &Overlay,
    as_of: &str,
    force: bool,
) -> Result<(Catalog, MergeNotes)> {
    if imported
        .models
        .iter()
        .all(|m| m.prices.input.is_none() && m.prices.output.is_none())
    {
        bail!("the source has no priced models");
    }
    let covered: BTreeSet<String> = imported.models.iter().map(|m| m.provider.clone()).collect();
    let old_by_key: HashMap<(String, String), &Model> =
        current.models.iter().map(|m| (key(m), m)).collect();
    let listed: BTreeSet<(String, String)> = imported.models.iter().map(key).collect();
    let complete = imported.format.is_complete_listing();
    let source = imported.format.source_name();
    // A complete listing removes only the models it contributed: a Groq
    // model from models.dev or a retired one from genai-prices is not
    // LiteLLM's to remove.
    let mut models: Vec<Model> = current
        .models
        .iter()
        .filter(|m| {
            !covered.contains(&m.provider)
                || (!listed.contains(&key(m)) && (!complete || !listed_by(m, source)))
        })
        .cloned()
        .collect();
    let mut notes = MergeNotes::default();
    for mut model in imported.models {
        if let Some(old) = old_by_key.get(&key(&model)) {
            if !force && is_older_price(&model, old) {
                notes.kept_newer.push(KeptPrice {
                    model: format!("{}/{}", model.provider, model.id),
                    current_as_of: old.as_of.clone().unwrap_or_default(),
                    source_as_of: model.as_of.clone().unwrap_or_default(),
                });
                model.prices.clone_from(&old.prices);
                model.as_of.clone_from(&old.as_of);
                model.source.clone_from(&old.source);
            }
            for rate in fill_from(&mut model, old) {
                notes
                    .dropped_rates
                    .push(format!("{}/{}: {rate}", model.provider, model.id));
            }
            carry_history(&mut model, old, as_of);
            carry_witnesses(&mut model, old, imported.format);
            carry_dated_sheets(&mut model, old);
        }
        models.push(model);
    }
    // Overlay models were curated in place of imported ones; keep their
    // history too, so a re-applied overlay model does not lose its points.
    apply_overlay(&mut models, overlay, false)?;
    for model in &mut models {
        if let Some(why) = curated_reason(model, overlay) {
            model.chosen_by = Some(format!("overlay: {why}"));
            model.confidence = Some(confidence(model, "overlay"));
            forget_own_rates(model);
        } else if let Some(rule) = apply_authority(model, overlay) {
            model.chosen_by = Some(rule);
        }
        if let Some(old) = old_by_key.get(&key(model))
            && model.price_history.len() < old.price_history.len()
        {
            model.price_history.clone_from(&old.price_history);
        }
    }
    models.retain(|m| priced_by_authority_if_exclusive(m, overlay));
    let mut providers = current.providers.clone();
    for p in imported.providers {
        if !providers.iter().any(|c| c.id == p.id) {
            providers.push(p);
        }
    }
    // Keep only providers something refers to, plus the curated ones.
    providers.retain(|p| {
        overlay.providers.iter().any(|o| o.provider.id == p.id)
            || models.iter().any(|m| m.provider == p.id)
    });
    models.sort_by(|a, b| (&a.provider, &a.id).cmp(&(&b.provider, &b.id)));
    models.dedup_by(|a, b| a.provider == b.provider && a.id.eq_ignore_ascii_case(&b.id));
    let merged = Catalog {
        schema_version: SCHEMA_VERSION,
        as_of: as_of.to_string(),
        currency: "USD".to_string(),
        sources: current.sources.clone(),
        providers,
        models,
    };
    validate(&merged).context("the updated catalog is invalid")?;
    for provider in &covered {
        let count = |c: &Catalog| {
            c.models
                .iter()
                .filter(|m| &m.provider == provider && listed_by(m, source))
                .count()
        };
        let (before, after) = (count(current), count(&merged));
        if !force && after * 100 < before * MIN_KEPT_PERCENT {
            bail!(
                "the source lists {after} {provider} models, fewer than {MIN_KEPT_PERCENT}% of the current {before}; refusing it (a partial or broken source would remove the rest; --force accepts it)"
            );
        }
    }
    Ok((merged, notes))
}

/// Replaces the witness of `model` from `stated`'s source with what it now
/// states: its prices and context window.
fn restate(model: &mut Model, stated: Witness) {
    // A restated source keeps what it said of the model's retirement.
    let kept = model
        .witnesses
        .iter()
        .find(|w| w.source == stated.source)
        .map(|w| (w.retires.clone(), w.deprecated));
    // Evidence against what a source said holds while it says the same.
    let known_wrong = (model.witnesses.iter())
        .find(|w| w.source == stated.source && w.states_as(&stated))
        .and_then(|w| w.known_wrong.clone());
    model.witnesses.retain(|w| w.source != stated.source);
    let (retires, deprecated) = kept.unwrap_or_default();
    model.witnesses.push(Witness {
        retires,
        deprecated,
        known_wrong,
        ..stated
    });
}

/// Records `imported` only as a witness of `catalog`'s models: its input,
/// output and context window beside the other sources', the prices left
/// as they are, and each witnessed model's confidence judged again. Models
/// are matched by provider and id (genai-prices by its match rules,
/// OpenRouter by the model's slug). Returns the source and how many models
/// it witnessed.
pub fn witness_only(catalog: &mut Catalog, imported: &Imported) -> (&'static str, usize) {
    let source = imported.format.source_name();
    let matched_genai;
    let models = if imported.genai.is_empty() {
        &imported.models
    } else {
        matched_genai = genai_prices::for_catalog(&imported.genai, &catalog.models);
        &matched_genai
    };
    let by_id: HashMap<(String, String), &Model> = models
        .iter()
        .map(|m| ((m.provider.clone(), m.id.to_ascii_lowercase()), m))
        .collect();
    let by_slug: HashMap<String, &Model> = if imported.format == SourceFormat::Openrouter {
        models
            .iter()
            .map(|m| (m.id.to_ascii_lowercase(), m))
            .collect()
    } else {
        HashMap::new()
    };
    let mut witnessed = 0;
    for model in &mut catalog.models {
        let theirs = by_id
            .get(&(model.provider.clone(), model.id.to_ascii_lowercase()))
            .or_else(|| by_slug.get(&model.slug.as_deref()?.to_ascii_lowercase()));
        let Some(theirs) = theirs else {
            continue;
        };
        restate(
            model,
            Witness::stating(source, &theirs.prices, theirs.context_window),
        );
        if !theirs.price_changes.is_empty() {
            model.announce(&theirs.price_changes);
        }
        let chosen = chosen_source(model).to_string();
        model.confidence = Some(confidence(model, &chosen));
        forget_own_rates(model);
        witnessed += 1;
    }
    (source, witnessed)
}
