//! Builds the bundled catalog: LiteLLM's cost map for prices, models.dev for
//! the facts LiteLLM lacks, then the hand-curated overlay (`data/overlay.json`)
//! on top. `llmcost catalog build` runs this; the result is `catalog.json`.

use std::collections::HashMap;
use std::fmt::Write as _;

use anyhow::{Context, Result, bail};
use serde::Serialize;
use serde_json::Value;

use super::gaps::{
    date_windows, fill_from_witness, lacking_models, recognise_rounding, take_off_peak,
};
use super::import::ImportCounts;
use super::import::genai_prices::GenaiModel;
use super::import::litellm::{self, LitellmOptions};
use super::import::{models_dev, openrouter};
use super::model::{Catalog, Mode, Model, Prices, SCHEMA_VERSION, Sheet};
use super::overlay::OverlayProvider;
// The library's users found the overlay here before it had its own module.
pub use super::overlay::{BUNDLED_OVERLAY, Overlay, bundled_overlay};
pub use super::sources::BuildSources;
use super::sources::{Witnesses, key};
use super::validate::validate;
use super::witness::{
    KnownWrong, Witness, chosen_source, confidence, forget_own_rates, settled_context_window,
};
use rust_decimal::Decimal;

/// A rule a built catalog must keep, by name.
type LintRule = (&'static str, fn(&Model) -> bool);

/// The build lint: each rule names a contradiction in a model's facts.
const LINT_RULES: [LintRule; 3] = [
    ("cache-read-above-input", |m| {
        m.prices
            .cached_input
            .zip(m.prices.input)
            .is_some_and(|(c, i)| c > i)
    }),
    ("batch-above-standard", |m| {
        let above = |batch: Option<Decimal>, standard: Option<Decimal>| {
            batch.zip(standard).is_some_and(|(b, s)| b > s)
        };
        let batch = m.prices.sheet(Mode::Batch);
        above(batch.and_then(|b| b.input), m.prices.input)
            || above(batch.and_then(|b| b.output), m.prices.output)
    }),
    ("threshold-at-or-above-window", |m| {
        m.prices
            .long_context
            .as_ref()
            .zip(m.context_window)
            .is_some_and(|(long, window)| long.threshold >= window)
    }),
];

/// The findings of the build lint that the overlay does not accept, one
/// line each (`provider/id: rule`).
pub fn lint(models: &[Model], overlay: &Overlay) -> Vec<String> {
    let mut findings = Vec::new();
    for model in models {
        for (rule, broken) in LINT_RULES {
            let accepted = overlay
                .lint_exceptions
                .iter()
                .any(|e| e.provider == model.provider && e.id == model.id && e.rule == rule);
            if broken(model) && !accepted {
                findings.push(format!("{}/{}: {rule}", model.provider, model.id));
            }
        }
    }
    findings
}

/// Applies the provider's price authority to `model` (not to a model the
/// overlay curates): the input and output the authority's witness states
/// replace LiteLLM's, and the rates priced beside them keep their ratio
/// (see [`crate::catalog::model::Prices::changed_to`]). Returns the rule
/// that chose, or `None` where the authority states no price for it.
pub(crate) fn apply_authority(model: &mut Model, overlay: &Overlay) -> Option<String> {
    let authority = overlay.authority(&model.provider)?;
    if curated_reason(model, overlay).is_some() {
        return None;
    }
    let witness = model
        .witnesses
        .iter()
        .find(|w| w.source == authority.source)?;
    let stated = crate::catalog::model::Prices {
        sheets: Sheet {
            input: Some(witness.input?),
            output: Some(witness.output?),
            ..Sheet::default()
        }
        .into(),
        ..Default::default()
    };
    model.prices = model.prices.changed_to(&stated);
    model.confidence = Some(confidence(model, &authority.source));
    Some(format!("{}: {}", authority.source, authority.why))
}

/// Whether `model` stays in the catalog: a provider whose authority is
/// exclusive keeps only the models the authority prices.
pub(crate) fn priced_by_authority_if_exclusive(model: &Model, overlay: &Overlay) -> bool {
    overlay.authority(&model.provider).is_none_or(|a| {
        !a.exclusive
            || curated_reason(model, overlay).is_some()
            || model
                .witnesses
                .iter()
                .any(|w| w.source == a.source && w.input.is_some() && w.output.is_some())
    })
}

/// What a build did, for the log.
#[derive(Debug, Default, Serialize)]
pub struct BuildLog {
    /// LiteLLM import counts.
    pub litellm: ImportCounts,
    /// Models that found facts in models.dev.
    pub models_dev_matched: usize,
    /// Models added or replaced by the overlay.
    pub overlay_models: usize,
    /// Patches applied.
    pub patches: usize,
    /// Models per provider.
    pub per_provider: Vec<(String, usize)>,
    /// Models left out because their provider's exclusive price authority
    /// does not price them.
    pub without_authority: usize,
    /// Models imported from a provider's `models_from` source.
    pub more_models: usize,
    /// Models only genai-prices prices, imported (see `catalog::gaps`).
    pub from_genai_prices: usize,
    /// How many of those are retired.
    pub retired_from_genai_prices: usize,
    /// Rates filled from a witness where the chosen source has none.
    pub filled: usize,
    /// genai-prices' batch and service-tier sheets left out, their
    /// long-context tier having no place in the base sheet.
    pub variants_left_out: usize,
    /// Overlay patches whose source is newer than their evidence and says
    /// otherwise, one line each.
    pub stale_patches: Vec<String>,
}

impl BuildLog {
    /// A few lines for stderr.
    pub fn summary(&self) -> String {
        let c = &self.litellm;
        let mut out = format!(
            "litellm: {} imported ({} of them retired, kept); skipped {} not chat, {} other providers, {} unpriced, {} excluded, {} duplicates\n",
            c.imported,
            c.deprecated,
            c.not_chat,
            c.other_provider,
            c.unpriced,
            c.excluded,
            c.duplicate
        );
        let _ = writeln!(
            out,
            "models.dev: facts for {} models; overlay: {} models, {} patches; {} left out without their provider's price authority; {} more from providers' model sources",
            self.models_dev_matched,
            self.overlay_models,
            self.patches,
            self.without_authority,
            self.more_models
        );
        let per: Vec<String> = self
            .per_provider
            .iter()
            .map(|(p, n)| format!("{p} {n}"))
            .collect();
        let _ = writeln!(
            out,
            "genai-prices: {} models the other sources lack ({} of them retired); {} rates filled from a witness or recognised as rounded; {} batch or service-tier sheets left out (a long-context tier the base sheet lacks)",
            self.from_genai_prices,
            self.retired_from_genai_prices,
            self.filled,
            self.variants_left_out
        );
        let _ = writeln!(out, "per provider: {}", per.join(", "));
        for stale in &self.stale_patches {
            let _ = writeln!(out, "warning: stale overlay patch? {stale}");
        }
        out
    }
}

/// Builds a catalog from the sources and the overlay, and records each
/// model's witnesses and confidence (see [`super::witness`]).
pub fn build(sources: BuildSources<'_>, overlay: &Overlay) -> Result<(Catalog, BuildLog)> {
    let (litellm_json, models_dev_json) = (sources.litellm, sources.models_dev);
    let mut log = BuildLog::default();
    let options = LitellmOptions {
        providers: overlay.litellm_rules(),
        as_of: overlay.as_of.clone(),
        include_unknown: false,
    };
    let md_providers = overlay.models_dev_names();
    let (mut models, counts) =
        litellm::import(litellm_json, &options).context("reading the LiteLLM cost map")?;
    log.litellm = counts;
    // LiteLLM's own windows, before models.dev fills the ones it leaves out.
    let litellm_windows: HashMap<(String, String), Option<u64>> =
        models.iter().map(|m| (key(m), m.context_window)).collect();

    let listed = more_models(&sources, overlay, &models)?;
    log.more_models = listed.len();
    let from_other_lists: std::collections::HashSet<(String, String)> =
        listed.iter().map(key).collect();
    models.extend(listed);
    let witnesses = Witnesses::read(sources, overlay)?;
    log.variants_left_out = witnesses.genai_variants_left_out;
    let lacking = genai_only_models(litellm_json, overlay, &witnesses.genai, &models)?;
    log.from_genai_prices = lacking.len();
    log.retired_from_genai_prices = lacking.iter().filter(|m| m.retired).count();
    let from_genai: std::collections::HashSet<(String, String)> = lacking.iter().map(key).collect();
    models.extend(lacking);

    if let Some(json) = models_dev_json {
        let facts = models_dev::read_facts(json, &md_providers).context("reading models.dev")?;
        for model in &mut models {
            if let Some(f) = facts.get(&(model.provider.clone(), model.id.to_ascii_lowercase())) {
                models_dev::enrich(model, f);
                log.models_dev_matched += 1;
            }
        }
    }

    let litellm_prices: HashMap<(String, String), Prices> = models
        .iter()
        .filter(|m| !from_other_lists.contains(&key(m)) && !from_genai.contains(&key(m)))
        .map(|m| (key(m), m.prices.clone()))
        .collect();
    // Each imported model's own retirement day, as its list states it.
    let stated_retirement: HashMap<_, String> = (models.iter())
        .filter_map(|m| Some((key(m), m.deprecation_date.clone()?)))
        .collect();
    log.stale_patches = overlay.stale_patches(&models)?;
    (log.overlay_models, log.patches) = apply_overlay(&mut models, overlay, true)?;
    for model in &mut models {
        let mut found = Vec::new();
        if let Some(prices) = litellm_prices.get(&key(model)) {
            let window = litellm_windows.get(&key(model)).copied().flatten();
            found.push(Witness {
                retires: stated_retirement.get(&key(model)).cloned(),
                ..Witness::stating("litellm", prices, window)
            });
        }
        found.extend(witnesses.of(model, overlay));
        model.witnesses = found;
        let origin = if from_genai.contains(&key(model)) {
            Origin::GenaiPrices
        } else if from_other_lists.contains(&key(model)) {
            Origin::OtherList
        } else {
            Origin::Litellm
        };
        log.filled += settle_prices(model, overlay, &witnesses, origin);
        let listed_day = stated_retirement.get(&key(model)).map(String::as_str);
        let listed_by = origin.source(model, overlay);
        super::lifecycle::settle_retirement(model, &listed_by, listed_day);
    }
    let before = models.len();
    models.retain(|m| priced_by_authority_if_exclusive(m, overlay));
    log.without_authority = before - models.len();

    models.sort_by(|a, b| (&a.provider, &a.id).cmp(&(&b.provider, &b.id)));
    let findings = lint(&models, overlay);
    if !findings.is_empty() {
        bail!(
            "the build lint found {} contradiction(s); fix the data or accept each in the overlay's lint_exceptions with a reason: {}",
            findings.len(),
            findings.join("; ")
        );
    }
    for op in &overlay.providers {
        let n = models
            .iter()
            .filter(|m| m.provider == op.provider.id)
            .count();
        log.per_provider.push((op.provider.id.clone(), n));
    }
    let catalog = Catalog {
        schema_version: SCHEMA_VERSION,
        as_of: overlay.as_of.clone(),
        currency: "USD".to_string(),
        sources: overlay.sources.clone(),
        providers: overlay
            .providers
            .iter()
            .map(|p| p.provider.clone())
            .collect(),
        models,
    };
    validate(&catalog)?;
    Ok((catalog, log))
}

/// Which list a model came from, which decides the rule that chooses its
/// prices.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Origin {
    /// LiteLLM's cost map.
    Litellm,
    /// Its provider's `models_from` source.
    OtherList,
    /// genai-prices alone (see `catalog::gaps`).
    GenaiPrices,
}

impl Origin {
    /// The source whose list the model came from.
    fn source(self, model: &Model, overlay: &Overlay) -> String {
        match self {
            Origin::Litellm => "litellm".to_string(),
            Origin::GenaiPrices => "genai-prices".to_string(),
            Origin::OtherList => overlay
                .model_source(&model.provider)
                .map_or_else(|| "litellm".to_string(), |from| from.source.clone()),
        }
    }
}

/// Settles a model's facts once its witnesses are recorded: which of
/// their statements evidence shows wrong, the context window two sources agree on, genai-prices' web search price and
/// announced changes, the rule that chooses its prices, a long-context tier
/// filled from a witness and the off-peak window. Returns the rates filled.
fn settle_prices(
    model: &mut Model,
    overlay: &Overlay,
    witnesses: &Witnesses,
    origin: Origin,
) -> usize {
    if curated_reason(model, overlay).is_none()
        && let Some(window) = settled_context_window(&model.witnesses, model.context_window)
    {
        model.context_window = Some(window);
    }
    let marks: Vec<_> = (model.witnesses.iter())
        .map(|w| known_wrong(model, &w.source, overlay))
        .collect();
    for (witness, mark) in model.witnesses.iter_mut().zip(marks) {
        witness.known_wrong = mark;
    }
    let entry = witnesses.genai_entry(model);
    // genai-prices fills the web search price LiteLLM leaves unstated.
    if model.prices.web_search.is_none() {
        model.prices.web_search = entry.and_then(|e| e.model.prices.web_search);
    }
    // Only genai-prices announces changes. Each is stated as the rates
    // the source lists; the catalog's other rates follow them.
    if let Some(entry) = entry {
        model.announce(&entry.model.price_changes);
    }
    if origin == Origin::GenaiPrices {
        // Its prices are genai-prices' own; `chosen_by` says why.
        model.confidence = Some(confidence(model, "genai-prices"));
    } else {
        choose_prices(model, overlay, origin == Origin::OtherList);
        if let Some(entry) = entry {
            let names_it = entry.model.id.eq_ignore_ascii_case(&model.id)
                || entry
                    .model
                    .aliases
                    .iter()
                    .any(|a| a.eq_ignore_ascii_case(&model.id));
            fill_from_witness(model, "genai-prices", &entry.model.prices, names_it);
        }
        if origin == Origin::Litellm && curated_reason(model, overlay).is_none() {
            recognise_rounding(model, "litellm");
        }
    }
    if let Some(entry) = entry {
        take_off_peak(model, &entry.model.prices);
    }
    let filled = model.filled.len();
    date_windows(model, overlay);
    // Only genai-prices dates past changes; taken once the catalog's own
    // prices and window are settled, which the earlier sheets follow.
    if let Some(entry) = entry {
        model.recall(&entry.model.earlier_prices, &entry.model.prices);
    }
    model.bare_id_region = overlay
        .bare_id_regions
        .iter()
        .find(|r| {
            r.provider == model.provider && r.id_prefixes.iter().any(|p| model.id.starts_with(p))
        })
        .filter(|r| model.prices.regional.contains_key(&r.region))
        .map(|r| r.region);
    if model.bare_id_region.is_some() {
        // A witness may state the price the bare id is billed at.
        model.confidence = Some(confidence(model, chosen_source(model)));
    }
    forget_own_rates(model);
    filled
}

/// What the overlay's `source_errors` say of `model`'s witness from
/// `source`: its rates evidence shows wrong, with the evidence.
fn known_wrong(model: &Model, source: &str, overlay: &Overlay) -> Option<Box<KnownWrong>> {
    let error = overlay
        .source_errors
        .iter()
        .find(|e| e.covers(model, source))?;
    Some(Box::new(KnownWrong {
        rates: error.rates.clone(),
        why: format!("{} (evidence of {})", error.why, error.evidence_date),
    }))
}

/// The models genai-prices prices for a first-party provider (one whose
/// overlay entry names its maker) that no catalog model answers to: see
/// [`lacking_models`]. LiteLLM's non-chat ids (`mode` other than chat or
/// responses) are left out as the LiteLLM import leaves them out.
fn genai_only_models(
    litellm_json: &str,
    overlay: &Overlay,
    genai: &[GenaiModel],
    models: &[Model],
) -> Result<Vec<Model>> {
    if genai.is_empty() {
        return Ok(Vec::new());
    }
    let root: Value = serde_json::from_str(litellm_json).context("reading the LiteLLM cost map")?;
    let not_chat: std::collections::HashSet<String> = root
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(_, entry)| {
            entry
                .get("mode")
                .and_then(Value::as_str)
                .is_some_and(|mode| mode != "chat" && mode != "responses")
        })
        .map(|(name, _)| name.rsplit('/').next().unwrap_or(name).to_ascii_lowercase())
        .collect();
    let mut found = Vec::new();
    for op in &overlay.providers {
        let Some(vendor) = op.provider.vendor.as_deref() else {
            continue;
        };
        found.extend(lacking_models(
            &op.provider.id,
            vendor,
            &op.skip_prefixes,
            genai,
            models,
            &overlay.from_genai_prices,
            &not_chat,
        ));
    }
    Ok(found)
}

/// The models of providers with a `models_from` source that LiteLLM does
/// not list (`imported`), from that source: models.dev's for a provider it
/// knows, OpenRouter's own offers for the `openrouter` provider.
fn more_models(
    sources: &BuildSources<'_>,
    overlay: &Overlay,
    imported: &[Model],
) -> Result<Vec<Model>> {
    let wanting = |source: &str| -> Vec<&OverlayProvider> {
        overlay
            .providers
            .iter()
            .filter(|op| op.models_from.as_ref().is_some_and(|f| f.source == source))
            .collect()
    };
    let mut listed = Vec::new();
    // Each source is read once, for every provider that takes models from it.
    let from_models_dev: HashMap<String, String> = wanting("models.dev")
        .into_iter()
        .filter_map(|op| Some((op.models_dev.clone()?, op.provider.id.clone())))
        .collect();
    if let Some(json) = sources.models_dev
        && !from_models_dev.is_empty()
    {
        let root: Value = serde_json::from_str(json).context("reading models.dev")?;
        let as_of = models_dev::snapshot_date(&root).unwrap_or_else(|| overlay.as_of.clone());
        listed.extend(models_dev::import_value(&root, &from_models_dev, &as_of)?.1);
    }
    let from_openrouter: Vec<&str> = wanting("openrouter")
        .into_iter()
        .map(|op| op.provider.id.as_str())
        .collect();
    if let Some(json) = sources.openrouter
        && !from_openrouter.is_empty()
    {
        let root: Value = serde_json::from_str(json).context("reading OpenRouter")?;
        let as_of = overlay
            .sources
            .iter()
            .find(|s| s.name == "openrouter")
            .and_then(|s| s.as_of.clone())
            .unwrap_or_else(|| overlay.as_of.clone());
        let offers = openrouter::import_value(&root, &as_of)?.0;
        listed.extend(
            offers
                .into_iter()
                .filter(|m| from_openrouter.contains(&m.provider.as_str())),
        );
    }
    let have: std::collections::HashSet<(String, String)> = imported.iter().map(key).collect();
    Ok(listed
        .into_iter()
        .filter(|m| {
            m.prices.input.is_some() && m.prices.output.is_some() && !have.contains(&key(m))
        })
        .collect())
}

/// Records which rule chose `model`'s prices, applying it, and how well
/// the witnesses confirm them: a provider's price authority, else the
/// provider's other model list for a model only it lists (`listed_elsewhere`),
/// else a curated overlay entry, else LiteLLM.
fn choose_prices(model: &mut Model, overlay: &Overlay, listed_elsewhere: bool) {
    if let Some(rule) = apply_authority(model, overlay) {
        model.chosen_by = Some(rule);
        return;
    }
    let curated = curated_reason(model, overlay);
    if let Some(from) = overlay.model_source(&model.provider)
        && listed_elsewhere
        && curated.is_none()
    {
        model.confidence = Some(confidence(model, &from.source));
        model.chosen_by = Some(format!("{}: {}", from.source, from.why));
        return;
    }
    let (chosen, chosen_source) = match curated {
        Some(why) => (format!("overlay: {why}"), "overlay"),
        None => ("litellm".to_string(), "litellm"),
    };
    model.confidence = Some(confidence(model, chosen_source));
    model.chosen_by = Some(chosen);
}

/// Why the overlay set this model's prices, if it did: a whole model, or a
/// patch that sets prices.
pub(crate) fn curated_reason<'o>(model: &Model, overlay: &'o Overlay) -> Option<&'o str> {
    let same =
        |provider: &str, id: &str| provider == model.provider && id.eq_ignore_ascii_case(&model.id);
    overlay
        .models
        .iter()
        .find(|m| same(&m.model.provider, &m.model.id))
        .map(|m| m.why.as_str())
        .or_else(|| {
            overlay
                .patches
                .iter()
                .find(|p| same(&p.provider, &p.id) && p.set.get("prices").is_some())
                .map(|p| p.why.as_str())
        })
}

/// Puts the overlay's whole models in place of imported ones and applies its
/// patches. With `strict`, a patch that matches no model is an error (the
/// build's overlay must stay honest); without, it is skipped (an update from
/// a source that lacks the model). Returns (models placed, patches applied).
pub fn apply_overlay(
    models: &mut Vec<Model>,
    overlay: &Overlay,
    strict: bool,
) -> Result<(usize, usize)> {
    for entry in &overlay.models {
        let key = (
            entry.model.provider.as_str(),
            entry.model.id.to_ascii_lowercase(),
        );
        models.retain(|m| (m.provider.as_str(), m.id.to_ascii_lowercase()) != key);
        models.push(entry.model.clone());
    }
    let mut applied = 0;
    for patch in &overlay.patches {
        let Some(model) = models
            .iter_mut()
            .find(|m| m.provider == patch.provider && m.id == patch.id)
        else {
            if strict {
                bail!(
                    "overlay patch for '{}/{}' matches no model",
                    patch.provider,
                    patch.id
                );
            }
            continue;
        };
        *model = apply_patch(model, &patch.set)
            .with_context(|| format!("overlay patch for '{}/{}'", patch.provider, patch.id))?;
        applied += 1;
    }
    Ok((overlay.models.len(), applied))
}

fn apply_patch(model: &Model, set: &Value) -> Result<Model> {
    let Value::Object(fields) = set else {
        bail!("'set' must be an object");
    };
    let mut value = serde_json::to_value(model)?;
    merge(&mut value, fields);
    Ok(serde_json::from_value(value)?)
}

fn merge(target: &mut Value, fields: &serde_json::Map<String, Value>) {
    let Value::Object(target) = target else {
        return;
    };
    for (k, v) in fields {
        match (target.get_mut(k), v) {
            (Some(existing @ Value::Object(_)), Value::Object(inner)) => merge(existing, inner),
            _ => {
                target.insert(k.clone(), v.clone());
            }
        }
    }
}

/// Serializes a catalog with one provider or model per line, so diffs of
/// `catalog.json` show exactly which models changed.
pub fn to_catalog_json(catalog: &Catalog) -> Result<String> {
    let mut out = String::from("{\n");
    let _ = writeln!(out, "  \"schema_version\": {},", catalog.schema_version);
    let _ = writeln!(
        out,
        "  \"as_of\": {},",
        serde_json::to_string(&catalog.as_of)?
    );
    let _ = writeln!(
        out,
        "  \"currency\": {},",
        serde_json::to_string(&catalog.currency)?
    );
    write_array(&mut out, "sources", &catalog.sources, false)?;
    write_array(&mut out, "providers", &catalog.providers, false)?;
    write_array(&mut out, "models", &catalog.models, true)?;
    out.push_str("}\n");
    Ok(out)
}

fn write_array<T: Serialize>(out: &mut String, name: &str, items: &[T], last: bool) -> Result<()> {
    let _ = writeln!(out, "  \"{name}\": [");
    for (i, item) in items.iter().enumerate() {
        let comma = if i + 1 < items.len() { "," } else { "" };
        let _ = writeln!(out, "    {}{comma}", serde_json::to_string(item)?);
    }
    let _ = writeln!(out, "  ]{}", if last { "" } else { "," });
    Ok(())
}

#[cfg(test)]
mod lint_tests {
    use super::*;
    use crate::catalog::model::{ContextTier, Prices, Sheets};
    use crate::catalog::overlay::LintException;

    fn model(id: &str, prices: Prices, window: Option<u64>) -> Model {
        serde_json::from_value::<Model>(serde_json::json!({"id": id, "provider": "p"}))
            .map(|m| Model {
                prices,
                context_window: window,
                ..m
            })
            .unwrap()
    }

    #[test]
    fn the_lint_names_each_contradiction_unless_the_overlay_accepts_it() {
        let d = |s: &str| Some(s.parse::<Decimal>().unwrap());
        let models = [
            model(
                "cache",
                Prices {
                    sheets: Sheet {
                        input: d("1"),
                        output: d("2"),
                        cached_input: d("1.5"),
                        ..Sheet::default()
                    }
                    .into(),
                    ..Prices::default()
                },
                None,
            ),
            model(
                "batch",
                Prices {
                    sheets: Sheets {
                        standard: Sheet {
                            input: d("1"),
                            output: d("2"),
                            ..Sheet::default()
                        },
                        modes: [(
                            Mode::Batch,
                            Sheet {
                                output: d("3"),
                                ..Sheet::default()
                            },
                        )]
                        .into_iter()
                        .filter(|(_, sheet)| !sheet.is_empty())
                        .collect(),
                    },
                    ..Prices::default()
                },
                None,
            ),
            model(
                "tier",
                Prices {
                    sheets: Sheet {
                        input: d("1"),
                        output: d("2"),
                        ..Sheet::default()
                    }
                    .into(),
                    long_context: Some(ContextTier {
                        threshold: 128_000,
                        ..ContextTier::default()
                    }),
                    ..Prices::default()
                },
                Some(32_768),
            ),
            model(
                "fine",
                Prices {
                    sheets: Sheet {
                        input: d("1"),
                        output: d("2"),
                        cached_input: d("0.1"),
                        ..Sheet::default()
                    }
                    .into(),
                    ..Prices::default()
                },
                Some(128_000),
            ),
        ];
        let mut overlay: Overlay =
            serde_json::from_str(r#"{"as_of": "2026-11-20", "providers": []}"#).unwrap();
        assert_eq!(
            lint(&models, &overlay),
            [
                "p/cache: cache-read-above-input",
                "p/batch: batch-above-standard",
                "p/tier: threshold-at-or-above-window"
            ]
        );
        overlay.lint_exceptions.push(LintException {
            provider: "p".into(),
            id: "tier".into(),
            rule: "threshold-at-or-above-window".into(),
            why: "test".into(),
        });
        assert_eq!(lint(&models, &overlay).len(), 2);
    }
}

#[cfg(test)]
mod authority_tests {
    use super::*;
    use crate::catalog::model::RateKind;

    fn overlay(exclusive: bool) -> Overlay {
        serde_json::from_value(serde_json::json!({
            "as_of": "2026-11-20",
            "providers": [{
                "provider": {"id": "ovh", "name": "OVH", "api_style": "openai-compatible"},
                "prices_from": {"source": "genai-prices", "why": "euros as dollars", "exclusive": exclusive}
            }]
        }))
        .unwrap()
    }

    fn model(id: &str, genai: Option<(&str, &str)>) -> Model {
        let mut witnesses =
            vec![serde_json::json!({"source": "litellm", "input": "0.67", "output": "0.67"})];
        if let Some((input, output)) = genai {
            witnesses.push(
                serde_json::json!({"source": "genai-prices", "input": input, "output": output}),
            );
        }
        serde_json::from_value(serde_json::json!({
            "id": id,
            "provider": "ovh",
            "prices": {"input": "0.67", "output": "0.67", "cached_input": "0.067", "batch_input": "0.335"},
            "witnesses": witnesses
        }))
        .unwrap()
    }

    #[test]
    fn a_provider_authority_replaces_litellms_prices_and_scales_the_rates_beside_them() {
        let overlay = overlay(true);
        let mut priced = model("llama", Some(("0.74", "0.74")));
        let rule = apply_authority(&mut priced, &overlay).unwrap();
        assert_eq!(rule, "genai-prices: euros as dollars");
        assert_eq!(priced.prices.input, Some(Decimal::new(74, 2)));
        assert_eq!(priced.prices.output, Some(Decimal::new(74, 2)));
        // 0.067 × 0.74 / 0.67 = 0.074 exactly; 0.335 × 0.74 / 0.67 = 0.37.
        assert_eq!(priced.prices.cached_input, Some(Decimal::new(74, 3)));
        assert_eq!(
            priced.prices.rate_in(Mode::Batch, RateKind::Input),
            Some(Decimal::new(37, 2))
        );
        // A model the authority does not price keeps LiteLLM's, and an
        // exclusive authority leaves it out of the catalog.
        let mut unpriced = model("mixtral", None);
        assert!(apply_authority(&mut unpriced, &overlay).is_none());
        assert!(!priced_by_authority_if_exclusive(&unpriced, &overlay));
        assert!(priced_by_authority_if_exclusive(&priced, &overlay));
        assert!(priced_by_authority_if_exclusive(
            &unpriced,
            &super::authority_tests::overlay(false)
        ));
    }

    #[test]
    fn a_rate_whose_ratio_is_not_exact_is_dropped_not_rounded() {
        // 0.067 × 0.70 / 0.67 = 0.07 exactly; 0.335 × 0.7 / 0.67 = 0.35; but
        // a cache-read rate of 0.1 becomes 0.1 × 0.7 / 0.67 = 0.10447…
        let overlay = overlay(false);
        let mut priced = model("llama", Some(("0.7", "0.7")));
        priced.prices.cached_input = Some(Decimal::new(1, 1));
        apply_authority(&mut priced, &overlay).unwrap();
        assert_eq!(priced.prices.cached_input, None);
        assert_eq!(
            priced.prices.rate_in(Mode::Batch, RateKind::Input),
            Some(Decimal::new(35, 2))
        );
    }
}
