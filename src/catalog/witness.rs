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
use serde::{Deserialize, Serialize};

use super::model::Model;

/// How far two prices may be apart and still agree: 0.5%.
const TOLERANCE: Decimal = Decimal::from_parts(5, 0, 0, false, 3);

/// One source's input and output prices for a model (USD per 1M tokens).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Witness {
    /// `litellm`, `models.dev`, `genai-prices` or `openrouter`.
    pub source: String,
    /// Its input price.
    #[serde(
        default,
        with = "super::model::exact_price",
        skip_serializing_if = "Option::is_none"
    )]
    pub input: Option<Decimal>,
    /// Its output price.
    #[serde(
        default,
        with = "super::model::exact_price",
        skip_serializing_if = "Option::is_none"
    )]
    pub output: Option<Decimal>,
    /// The context window it states, in tokens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context_window: Option<u64>,
    /// The day it says the model retires (`YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retires: Option<String>,
    /// It marks the model retired without a day (models.dev's
    /// `deprecated` status, genai-prices' `deprecated`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deprecated: bool,
}

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

/// How well a model's prices are witnessed (see the module doc).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Confidence {
    /// At least one other source agrees, none disagrees.
    Confirmed,
    /// No other source prices this offer.
    SingleSource,
    /// A source disagrees.
    Disputed,
}

impl Confidence {
    /// The name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Confirmed => "confirmed",
            Confidence::SingleSource => "single-source",
            Confidence::Disputed => "disputed",
        }
    }
}

/// Whether `theirs` is within 0.5% of `ours` (a price a source does not
/// state neither agrees nor disagrees).
fn close(ours: Option<Decimal>, theirs: Option<Decimal>) -> Option<bool> {
    let (ours, theirs) = (ours?, theirs?);
    if ours.is_zero() || theirs.is_zero() {
        return Some(ours == theirs);
    }
    // Checked: a hostile catalog's witness may sit at the edge of range.
    let gap = ours.checked_sub(theirs).map(|g| g.abs());
    let allowed = ours.abs().checked_mul(TOLERANCE);
    Some(
        gap.zip(allowed)
            .is_some_and(|(gap, allowed)| gap <= allowed),
    )
}

impl Witness {
    /// Whether this source agrees with the model's chosen prices: `None`
    /// when it states neither price.
    pub fn agrees_with(&self, model: &Model) -> Option<bool> {
        let input = close(model.prices.input, self.input);
        let output = close(model.prices.output, self.output);
        match (input, output) {
            (None, None) => None,
            (a, b) => Some(a.unwrap_or(true) && b.unwrap_or(true)),
        }
    }
}

/// The confidence of `model`'s prices given its witnesses, other than
/// `chosen_source` (the source its prices were taken from).
pub fn confidence(model: &Model, chosen_source: &str) -> Confidence {
    let verdicts: Vec<bool> = model
        .witnesses
        .iter()
        .filter(|w| w.source != chosen_source)
        .filter_map(|w| w.agrees_with(model))
        .collect();
    if verdicts.contains(&false) {
        Confidence::Disputed
    } else if verdicts.contains(&true) {
        Confidence::Confirmed
    } else {
        Confidence::SingleSource
    }
}

/// One line naming the sources that disagree with a disputed model's
/// prices, for commands that price with them; `None` unless disputed.
pub fn dispute_note(model: &Model) -> Option<String> {
    if model.confidence != Some(Confidence::Disputed) {
        return None;
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
    /// Whether they agree within 0.5%; `null` when it has no entry.
    pub agrees: Option<bool>,
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
    }
}
