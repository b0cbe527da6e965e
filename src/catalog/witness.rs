//! Every price's witnesses: which sources state a model's input and output
//! prices, with what values, and whether they agree with the value the
//! catalog chose.
//!
//! The rule, written down once: the catalog's price is the curated
//! overlay's where it has one (a whole model or a patch, each with its
//! reason), else LiteLLM's (the newest source, dated 2026-11-20, citing
//! each provider's pricing page). Each other source that prices the same
//! offer is a witness: models.dev (same provider and id), genai-prices
//! (its match rules), OpenRouter (the maker's own offer, by slug). A
//! witness agrees when both its prices are within 0.5% of the chosen ones.
//! A model is **disputed** when any witness disagrees, **confirmed** when at
//! least one agrees and none disagrees, and **single-source** when no other
//! source prices it.

use rust_decimal::Decimal;
use serde::Serialize;

pub use super::evidence::{Confidence, KnownWrong, Witness};
use super::model::Model;

/// How far two prices may be apart and still agree: 0.5%.
const TOLERANCE: Decimal = Decimal::from_parts(5, 0, 0, false, 3);

/// How far a source's rounding may move a price and still agree: 5%.
const ROUNDING_TOLERANCE: Decimal = Decimal::from_parts(5, 0, 0, false, 2);

/// The context window the sources support, by the catalog's written rule:
/// when `witnesses` state different windows, the largest that two of them
/// state (a request that fits there is accepted by the provider, as the
/// majority of sources say); with no such majority, `current` (LiteLLM's)
/// stands. `None` when they do not disagree.
pub fn settled_context_window(witnesses: &[Witness], current: Option<u64>) -> Option<u64> {
    let stated: Vec<u64> = witnesses.iter().filter_map(|w| w.context_window).collect();
    let first = *stated.first()?;
    if stated.iter().all(|&w| w == first) {
        return None;
    }
    let twice = stated
        .iter()
        .copied()
        .filter(|w| stated.iter().filter(|&&x| x == *w).count() >= 2)
        .max();
    Some(twice.or(current).unwrap_or(first))
}

/// One line saying that the sources disagree on the context window and
/// which was taken, or `None` when they agree.
pub fn context_dispute(model: &Model) -> Option<String> {
    let stated: Vec<(&str, u64)> = model
        .witnesses
        .iter()
        .filter_map(|w| Some((w.source.as_str(), w.context_window?)))
        .collect();
    let first = stated.first()?.1;
    if stated.iter().all(|&(_, w)| w == first) {
        return None;
    }
    let each: Vec<String> = stated
        .iter()
        .map(|(source, window)| format!("{source} {}", crate::quantity::group_thousands(*window)))
        .collect();
    let used = model.context_window;
    let agreed = used.is_some_and(|u| stated.iter().filter(|&&(_, w)| w == u).count() >= 2);
    let why = if agreed {
        "the largest window two sources state"
    } else {
        "no two sources agree, so LiteLLM's stands"
    };
    Some(format!(
        "sources disagree on the context window ({}); {} is used: {why}",
        each.join(", "),
        used.map_or_else(|| "none".to_string(), crate::quantity::group_thousands)
    ))
}

/// Whether `theirs` is within 0.5% of `ours`, or is `ours` rounded to the
/// places `theirs` is written with (two or more; half away from zero) and
/// within 5% of it: models.dev writes Azure's $0.125 cache reads as $0.13.
/// A whole-dollar or one-place price is taken as stated. A price a source
/// does not state neither agrees nor disagrees.
fn close(ours: Option<Decimal>, theirs: Option<Decimal>) -> Option<bool> {
    let (ours, theirs) = (ours?, theirs?);
    if ours.is_zero() || theirs.is_zero() {
        return Some(ours == theirs);
    }
    let places = theirs.normalize().scale();
    let rounded =
        ours.round_dp_with_strategy(places, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    let near = |share: Decimal| {
        let gap = ours.checked_sub(theirs).map(|g| g.abs());
        gap.zip(ours.abs().checked_mul(share))
            .is_some_and(|(gap, allowed)| gap <= allowed)
    };
    if places >= 2
        && places < ours.normalize().scale()
        && rounded == theirs
        && near(ROUNDING_TOLERANCE)
    {
        return Some(true);
    }
    // Checked: a hostile catalog's witness may sit at the edge of range.
    let gap = ours.checked_sub(theirs).map(|g| g.abs());
    let allowed = ours.abs().checked_mul(TOLERANCE);
    Some(
        gap.zip(allowed)
            .is_some_and(|(gap, allowed)| gap <= allowed),
    )
}

/// [`close`], or close to `ours` as the bare id is billed: AWS bills a
/// Bedrock OpenAI model called by its bare id in-region (`bare_id_region`,
/// +10%), and a source that states that price states what is billed.
fn billed_close(model: &Model, ours: Option<Decimal>, theirs: Option<Decimal>) -> Option<bool> {
    let verdict = close(ours, theirs)?;
    let in_region = (model.bare_id_region)
        .and_then(|region| model.prices.regional.get(&region))
        .and_then(|m| ours?.checked_mul(m.0));
    Some(verdict || in_region.is_some_and(|billed| close(Some(billed), theirs) == Some(true)))
}

impl Witness {
    /// Whether this source agrees with the model's chosen prices: `None`
    /// when it states neither price, or evidence shows what it states wrong.
    pub fn agrees_with(&self, model: &Model) -> Option<bool> {
        let counted = |rate: &str, ours, theirs| {
            (!self.known_wrong_on(rate))
                .then(|| billed_close(model, ours, theirs))
                .flatten()
        };
        let input = counted("input", model.prices.input, self.input);
        let output = counted("output", model.prices.output, self.output);
        match (input, output) {
            (None, None) => None,
            (a, b) => Some(a.unwrap_or(true) && b.unwrap_or(true)),
        }
    }
}

/// The confidence of verdicts: disputed when one disagrees, confirmed
/// when one agrees and none disagrees, else single-source.
fn judged(verdicts: impl IntoIterator<Item = Option<bool>>) -> Confidence {
    let verdicts: Vec<bool> = verdicts.into_iter().flatten().collect();
    if verdicts.contains(&false) {
        Confidence::Disputed
    } else if verdicts.contains(&true) {
        Confidence::Confirmed
    } else {
        Confidence::SingleSource
    }
}

/// The confidence of `model`'s prices given its witnesses, other than
/// `chosen_source` (the source its prices were taken from): of every rate
/// it bills at ([`rate_checks`]), so a model is confirmed only when no
/// source contradicts any of its rates and one confirms some.
pub fn confidence(model: &Model, chosen_source: &str) -> Confidence {
    let checks = rate_checks(model, chosen_source);
    judged(checks.iter().map(|c| match c.confidence {
        Confidence::Disputed => Some(false),
        Confidence::Confirmed => Some(true),
        Confidence::SingleSource => None,
    }))
}

/// One rate of a model's sheet and what each other source states for it.
#[derive(Debug, Clone, Serialize)]
pub struct RateCheck {
    /// The rate's catalog field (`cached_input`), or a context tier's
    /// (`long_context.input`, with `threshold`).
    pub rate: String,
    /// The context tier's threshold, for a tier's rate.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub threshold: Option<u64>,
    /// The catalog's rate.
    pub ours: Decimal,
    /// Each other source with an entry for the model: what it states
    /// (`null`: not stated) and whether that agrees within 0.5%.
    pub sources: Vec<RateWitness>,
    /// Disputed when a source disagrees, confirmed when one agrees and
    /// none disagrees, single-source when no other source states it.
    pub confidence: Confidence,
}

impl RateCheck {
    /// The rate, ours, and what the sources that contradict it state:
    /// `web_search 25 (genai-prices 10)`.
    pub fn contradiction(&self) -> String {
        let theirs: Vec<String> = (self.sources.iter())
            .filter(|s| s.agrees == Some(false) && !s.known_wrong)
            .filter_map(|s| Some(format!("{} {}", s.source, s.value?.normalize())))
            .collect();
        format!(
            "{} {} ({})",
            self.rate,
            self.ours.normalize(),
            theirs.join(", ")
        )
    }
}

/// One source's value for one rate.
#[derive(Debug, Clone, Serialize)]
pub struct RateWitness {
    /// The source.
    pub source: String,
    /// The rate it states; `null` when it states none.
    pub value: Option<Decimal>,
    /// Whether it agrees; `null` when it states none.
    pub agrees: Option<bool>,
    /// Evidence shows its value wrong: shown, not counted.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub known_wrong: bool,
}

/// Every rate `model` bills at (its base sheets' and each context tier's,
/// as the catalog file states them), checked against every witness but
/// `chosen_source`: the whole price
/// sheet, not only input and output. A witness's tier counts at the same
/// threshold only; a tier at another threshold is a disagreement on the
/// threshold itself (`long_context.threshold`).
pub fn rate_checks(model: &Model, chosen_source: &str) -> Vec<RateCheck> {
    let others: Vec<&Witness> = (model.witnesses.iter())
        .filter(|w| w.source != chosen_source)
        .collect();
    let check = |rate: String,
                 threshold: Option<u64>,
                 ours: Decimal,
                 theirs: &dyn Fn(&Witness) -> Option<Decimal>| {
        let sources: Vec<RateWitness> = others
            .iter()
            .map(|w| {
                let value = theirs(w);
                RateWitness {
                    source: w.source.clone(),
                    value,
                    agrees: billed_close(model, Some(ours), value),
                    known_wrong: value.is_some() && w.known_wrong_on(&rate),
                }
            })
            .collect();
        let confidence = judged(
            (sources.iter())
                .filter(|s| !s.known_wrong)
                .map(|s| s.agrees),
        );
        RateCheck {
            rate,
            threshold,
            ours,
            sources,
            confidence,
        }
    };
    // The witnesses state the sheet of the catalog file's day, which an
    // announced change in force since has replaced.
    let filed = model.superseded.as_deref().unwrap_or(&model.prices);
    let mut checks: Vec<RateCheck> = filed
        .rates()
        .map(|(kind, ours)| check(kind.field().to_string(), None, ours, &|w| w.rate(kind)))
        .collect();
    for (index, tier) in filed.context_tiers().enumerate() {
        let field = if index == 0 {
            "long_context".to_string()
        } else {
            format!("higher_tiers[{}]", index - 1)
        };
        let threshold = tier.threshold;
        if index == 0 {
            let first = |w: &Witness| {
                let theirs = w.rates.as_deref()?.context_tiers().next()?.threshold;
                Decimal::from(theirs).into()
            };
            checks.push(check(
                format!("{field}.threshold"),
                None,
                Decimal::from(threshold),
                &first,
            ));
        }
        for (kind, ours) in tier.rates() {
            let theirs = |w: &Witness| w.tier_at(threshold)?.get(kind);
            checks.push(check(
                format!("{field}.{}", kind.field()),
                Some(threshold),
                ours,
                &theirs,
            ));
        }
    }
    checks
}

/// Drops the other rates of the chosen source's witness: they are the
/// model's own prices, never compared with themselves, and were two thirds
/// of what witnesses add to the catalog (and to a full load's time).
pub fn forget_own_rates(model: &mut Model) {
    let chosen = chosen_source(model).to_string();
    for witness in &mut model.witnesses {
        if witness.source == chosen {
            witness.rates = None;
        }
    }
}

/// The source a model's prices were chosen from, as its `chosen_by` names
/// it: `litellm`, `overlay`, `genai-prices` (its authority rules), or the
/// source of a `catalog update`.
pub fn chosen_source(model: &Model) -> &str {
    match model.chosen_by.as_deref() {
        Some(rule) if rule.starts_with("overlay") => "overlay",
        Some(rule) => {
            let rule = rule.strip_prefix("catalog update: ").unwrap_or(rule);
            rule.split(':').next().unwrap_or(rule)
        }
        None => "litellm",
    }
}

/// Whether a source other than the chosen one contradicts any of `rates`
/// (catalog fields, as [`crate::pricing::Bill::rates_used`] names them).
pub fn disputed_on(model: &Model, rates: &[&str]) -> bool {
    !disputed_among(model, rates).is_empty()
}

/// The checks of `rates` that a source other than the chosen one
/// contradicts; none unless the model is disputed.
fn disputed_among(model: &Model, rates: &[&str]) -> Vec<RateCheck> {
    if model.confidence != Some(Confidence::Disputed) {
        return Vec::new();
    }
    let mut checks = rate_checks(model, chosen_source(model));
    checks.retain(|c| c.confidence == Confidence::Disputed && rates.contains(&c.rate.as_str()));
    checks
}

/// One line naming the sources that disagree with a disputed model's
/// prices, for commands that price with them; `None` unless a source
/// contradicts one of the rates `billed` (catalog fields, as
/// [`crate::pricing::Bill::rates_used`] names them). Input and output are
/// named with every source's pair; other rates with the sources' values.
pub fn dispute_note(model: &Model, billed: &[&str]) -> Option<String> {
    let disputed = disputed_among(model, billed);
    if disputed.is_empty() {
        return None;
    }
    let chosen = chosen_source(model);
    let headline = model
        .witnesses
        .iter()
        .any(|w| w.agrees_with(model) == Some(false))
        && (billed.contains(&"input") || billed.contains(&"output"));
    if !headline {
        let disputed: Vec<String> = disputed.iter().map(RateCheck::contradiction).collect();
        return Some(format!(
            "{}/{}'s rates are disputed: {} (priced at the catalog's, chosen by {chosen}; `llmcost show` has the details)",
            model.provider,
            model.id,
            disputed.join("; ")
        ));
    }
    let show =
        |p: Option<Decimal>| p.map_or_else(|| "?".to_string(), |p| format!("${}", p.normalize()));
    let sources: Vec<String> = model
        .witnesses
        .iter()
        .map(|w| format!("{} {}/{}", w.source, show(w.input), show(w.output)))
        .collect();
    Some(format!(
        "{}/{}'s prices are disputed: {} per 1M in/out (priced at {}/{}, chosen by {}; `llmcost show` has the details)",
        model.provider,
        model.id,
        sources.join(", "),
        show(model.prices.input),
        show(model.prices.output),
        model
            .chosen_by
            .as_deref()
            .map_or("the catalog", |rule| rule.split(':').next().unwrap_or(rule)),
    ))
}

/// `model`'s prices with input and output as `source` states them (the
/// other rates stay the catalog's), or `None` when the source has no entry.
pub fn prices_from(model: &Model, source: &str) -> Option<super::model::Prices> {
    let witness = model.witnesses.iter().find(|w| w.source == source)?;
    let mut prices = model.prices.clone();
    prices.input = witness.input;
    prices.output = witness.output;
    Some(prices)
}

/// One source's word on a model's prices.
#[derive(Debug, Serialize)]
pub struct CheckedSource {
    /// `litellm`, `models.dev`, `genai-prices` or `openrouter`.
    pub source: &'static str,
    /// Its input price per 1M tokens; `null` when it has no entry.
    pub input: Option<Decimal>,
    /// Its output price per 1M tokens.
    pub output: Option<Decimal>,
    /// Whether they agree within 0.5%; `null` when it has no entry, or
    /// evidence shows its prices wrong (`known_wrong`).
    pub agrees: Option<bool>,
    /// Why evidence shows its input and output wrong (the overlay's
    /// `source_errors`); they are not counted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub known_wrong: Option<String>,
    /// The day it says the model retires.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retires: Option<String>,
    /// It marks the model retired without a day.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub deprecated: bool,
}

/// The sources `catalog build` checks prices against, in this order.
pub const CHECKED_SOURCES: [&str; 4] = ["litellm", "models.dev", "genai-prices", "openrouter"];

/// Each checked source's prices for `model` and whether they agree, in
/// [`CHECKED_SOURCES`] order; a source without an entry has `agrees: None`.
pub fn checked_against(model: &Model) -> Vec<CheckedSource> {
    CHECKED_SOURCES
        .iter()
        .map(|&source| {
            let witness = model.witnesses.iter().find(|w| w.source == source);
            CheckedSource {
                source,
                input: witness.and_then(|w| w.input),
                output: witness.and_then(|w| w.output),
                agrees: witness.and_then(|w| w.agrees_with(model)),
                known_wrong: witness
                    .filter(|w| w.known_wrong_on("input") || w.known_wrong_on("output"))
                    .and_then(|w| Some(w.known_wrong.as_deref()?.why.clone())),
                retires: witness.and_then(|w| w.retires.clone()),
                deprecated: witness.is_some_and(|w| w.deprecated),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    fn stating(windows: &[(&str, Option<u64>)]) -> Vec<Witness> {
        windows
            .iter()
            .map(|&(source, context_window)| Witness {
                source: source.to_string(),
                context_window,
                ..Witness::default()
            })
            .collect()
    }

    #[test]
    fn the_largest_window_two_sources_state_wins() {
        // GPT-5: LiteLLM's 272k is its input limit; three sources say 400k.
        let gpt5 = stating(&[
            ("litellm", Some(272_000)),
            ("models.dev", Some(400_000)),
            ("genai-prices", Some(400_000)),
        ]);
        assert_eq!(settled_context_window(&gpt5, Some(272_000)), Some(400_000));
        // No two agree: LiteLLM's stands.
        let split = stating(&[
            ("litellm", Some(922_000)),
            ("genai-prices", Some(1_050_000)),
        ]);
        assert_eq!(settled_context_window(&split, Some(922_000)), Some(922_000));
        // Agreement, or one source: nothing to settle.
        let same = stating(&[
            ("litellm", Some(128_000)),
            ("models.dev", Some(128_000)),
            ("x", None),
        ]);
        assert_eq!(settled_context_window(&same, Some(128_000)), None);
    }

    use super::*;

    #[test]
    fn agreement_is_within_half_a_percent_and_never_panics() {
        let d = |s: &str| Some(s.parse::<Decimal>().unwrap());
        assert_eq!(close(d("2.5"), d("2.51")), Some(true));
        assert_eq!(close(d("2.5"), d("2.52")), Some(false));
        assert_eq!(close(d("0"), d("0")), Some(true));
        assert_eq!(close(d("1"), None), None);
        assert_eq!(close(Some(Decimal::MAX), Some(Decimal::MIN)), Some(false));
        // A source's rounding: 0.125 written 0.13 (4% off) agrees; 0.025
        // written 0.03 (20%) does not, nor 1.02 written 1 (a whole dollar
        // is taken as stated), nor 0.13 written 0.125 (more places).
        assert_eq!(close(d("0.125"), d("0.13")), Some(true));
        assert_eq!(close(d("0.025"), d("0.03")), Some(false));
        assert_eq!(close(d("1.02"), d("1")), Some(false));
        assert_eq!(close(d("0.13"), d("0.125")), Some(false));
    }
}
