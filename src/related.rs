//! Alternatives to a model: the same model served by other providers first,
//! cheapest first; then the rest by a similarity score.
//!
//! The score (0–100) is integer arithmetic, so it is exactly reproducible:
//! - capabilities, 40 points × the share of the model's capabilities (vision,
//!   tools, JSON, reasoning, caching) that the other model is known to have
//!   too; all 40 when the model has none. An alternative may do more, never
//!   less, and an unknown capability earns nothing;
//! - context window, 30 points × smaller ÷ larger window (0 when unknown);
//! - price tier, 30 points × (4 − tier distance) ÷ 4 (0 when unknown).
//!
//! Ties go to the closer price for 1M input + 1M output, then provider and id.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::catalog::filter::{Capability, tier_of};
use crate::catalog::identity;
use crate::catalog::lifecycle::stage;
use crate::catalog::lookup::is_makers_own;
use crate::catalog::model::{Catalog, Model, Region, Tier};
use crate::pricing::{ASSUMED_REQUEST_TOKENS, PriceOptions, Usage, price_totals};
use crate::quantity::short_tokens;

/// The reference workload for price comparisons: 1M input + 1M output.
const REFERENCE_TOKENS: u64 = 1_000_000;

/// How a row relates to the model asked about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// The same underlying model (same vendor slug) from another provider.
    SameModel,
    /// A different model with similar traits.
    Similar,
}

/// One related model.
#[derive(Debug, Serialize)]
pub struct RelatedRow {
    /// 1 for the first row.
    pub rank: usize,
    /// API model id.
    pub model: String,
    /// Provider id.
    pub provider: String,
    /// Display name.
    pub name: String,
    /// Same model elsewhere, or similar.
    pub relation: Relation,
    /// Similarity score, 0 to 100.
    pub score: u32,
    /// Capabilities both models have.
    pub shared_capabilities: Vec<Capability>,
    /// Context window.
    pub context_window: Option<u64>,
    /// Price tier.
    pub tier: Option<Tier>,
    /// USD for 1M input + 1M output tokens.
    pub reference_total: Option<Decimal>,
    /// Percent difference from the model asked about for that workload.
    pub price_change_percent: Option<Decimal>,
    /// Why it is related, in words.
    pub reason: String,
}

/// What 1M input + 1M output tokens cost at the catalog's rates, as
/// requests of 10,000 tokens: the price every row is compared by.
pub fn reference_total(model: &Model) -> Option<Decimal> {
    reference_total_in(model, Region::Global)
}

/// [`reference_total`] at the rates of an endpoint region (a Bedrock `us.`
/// profile bills 1.1× the base rates), as `cost` prices that id.
pub fn reference_total_in(model: &Model, region: Region) -> Option<Decimal> {
    let usage = Usage::single(REFERENCE_TOKENS, REFERENCE_TOKENS);
    let options = PriceOptions {
        region,
        ..PriceOptions::default()
    };
    // As requests of the assumed size, as `show`'s example prices it.
    let requests = (2 * REFERENCE_TOKENS).div_ceil(ASSUMED_REQUEST_TOKENS);
    price_totals(&model.prices, &usage, requests, &options)
        .ok()
        .map(|b| b.total)
}

fn tier_rank(tier: Tier) -> u64 {
    tier as u64
}

/// The score of `b` for `a` in thousandths (0..=100_000), per the module
/// doc; the price tiers are worked out once per catalog by the caller.
fn score_milli(a: &Model, a_tier: Option<Tier>, b: &Model, b_tier: Option<Tier>) -> u64 {
    let needed: Vec<Capability> = Capability::ALL
        .into_iter()
        .filter(|c| c.of(a) == Some(true))
        .collect();
    let covered = needed.iter().filter(|c| c.of(b) == Some(true)).count() as u64;
    let capabilities = if needed.is_empty() {
        40_000
    } else {
        40_000 * covered / needed.len() as u64
    };
    let context = match (a.context_window, b.context_window) {
        (Some(x), Some(y)) if x > 0 && y > 0 => {
            let (small, large) = (x.min(y), x.max(y));
            u64::try_from(30_000u128 * u128::from(small) / u128::from(large)).unwrap_or(0)
        }
        _ => 0,
    };
    let tier = match (a_tier, b_tier) {
        (Some(x), Some(y)) => 30_000 * (4 - tier_rank(x).abs_diff(tier_rank(y)).min(4)) / 4,
        _ => 0,
    };
    capabilities + context + tier
}

fn is_alias_of(a: &Model, b: &Model) -> bool {
    a.provider == b.provider
        && (a.aliases.iter().any(|x| x.eq_ignore_ascii_case(&b.id))
            || b.aliases.iter().any(|x| x.eq_ignore_ascii_case(&a.id)))
}

fn percent_change(reference: Option<Decimal>, other: Option<Decimal>) -> Option<Decimal> {
    let (reference, other) = (reference?, other?);
    if reference.is_zero() {
        return None;
    }
    other
        .checked_sub(reference)?
        .checked_mul(Decimal::ONE_HUNDRED)?
        .checked_div(reference)
}

/// The change in words: "same price" only when the totals are equal, and a
/// change too small to show as a whole percent as "<1%", never as 0.
fn price_words(change: Option<Decimal>) -> String {
    let Some(exact) = change else {
        return "price not comparable".to_string();
    };
    if exact.is_zero() {
        return "same price for 1M in + 1M out".to_string();
    }
    let sign = if exact.is_sign_negative() { "−" } else { "+" };
    let shown = shown_percent(exact).abs();
    if shown.is_zero() {
        format!("{sign}<1% for 1M in + 1M out")
    } else {
        format!("{sign}{shown}% for 1M in + 1M out")
    }
}

/// A percent change as reports show it: a whole percent.
fn shown_percent(exact: Decimal) -> Decimal {
    exact.round_dp(0).normalize()
}

/// Up to `limit` models related to `model`, best first; retired and
/// experimental models only with `all` (as `list` hides them).
pub fn related(
    catalog: &Catalog,
    model: &Model,
    region: Region,
    all: bool,
    limit: usize,
) -> Vec<RelatedRow> {
    Alternatives::new(catalog).of(model, region, all, limit)
}

/// What the ranking needs of every model in a catalog, worked out once, so
/// that ranking for each of many models (`llmcost site`) costs one pass of
/// comparisons, not one of pricing.
pub struct Alternatives<'c> {
    catalog: &'c Catalog,
    totals: Vec<Option<Decimal>>,
    listed: Vec<bool>,
    keys: Vec<String>,
    tiers: Vec<Option<Tier>>,
    makers_own: Vec<bool>,
}

/// One candidate of a ranking: same model, score, total, distance from
/// the reference total, maker's own API, and the model.
type Candidate<'m> = (bool, u64, Option<Decimal>, Option<Decimal>, bool, &'m Model);

impl<'c> Alternatives<'c> {
    /// Prices, lists and names every model of `catalog` once.
    pub fn new(catalog: &'c Catalog) -> Alternatives<'c> {
        let today = Some(crate::dates::today());
        Alternatives {
            catalog,
            totals: catalog.models.iter().map(reference_total).collect(),
            listed: catalog
                .models
                .iter()
                .map(|m| today.is_none_or(|day| stage(m, day).listed_by_default()))
                .collect(),
            keys: catalog.models.iter().map(identity::key).collect(),
            tiers: catalog.models.iter().map(tier_of).collect(),
            makers_own: catalog
                .models
                .iter()
                .map(|m| is_makers_own(catalog, m))
                .collect(),
        }
    }

    /// Up to `limit` models related to `model`, best first (see [`related`]).
    pub fn of(&self, model: &Model, region: Region, all: bool, limit: usize) -> Vec<RelatedRow> {
        let reference = reference_total_in(model, region);
        let model_key = identity::key(model);
        let model_tier = tier_of(model);
        let distance = |total: Option<Decimal>| match (total, reference) {
            (Some(t), Some(r)) => Some((t - r).abs()),
            _ => None,
        };
        let mut candidates: Vec<Candidate<'_>> = self
            .catalog
            .models
            .iter()
            .enumerate()
            .filter(|&(i, m)| {
                (all || self.listed[i]) && !std::ptr::eq(m, model) && !is_alias_of(m, model)
            })
            .map(|(i, m)| {
                let same = identity::same_model_keyed(m, model, &self.keys[i], &model_key);
                let score = score_milli(model, model_tier, m, self.tiers[i]);
                let total = self.totals[i];
                (same, score, total, distance(total), self.makers_own[i], m)
            })
            .collect();
        let order = |a: &Candidate<'_>, b: &Candidate<'_>| {
            b.0.cmp(&a.0)
                .then_with(|| {
                    if a.0 {
                        // Same model: cheapest offer first.
                        a.2.is_none()
                            .cmp(&b.2.is_none())
                            .then_with(|| a.2.cmp(&b.2))
                    } else {
                        b.1.cmp(&a.1).then_with(|| {
                            a.3.is_none()
                                .cmp(&b.3.is_none())
                                .then_with(|| a.3.cmp(&b.3))
                        })
                    }
                })
                // On a tie, the maker's own API before a host's copy
                // (OpenAI's gpt-4o-mini before Azure's).
                .then_with(|| b.4.cmp(&a.4))
                .then_with(|| (&a.5.provider, &a.5.id).cmp(&(&b.5.provider, &b.5.id)))
        };
        // Only the first `limit` are shown: pick them, then order them (the
        // order is total, so the pick is the full sort's first `limit`).
        if limit > 0 && candidates.len() > limit {
            candidates.select_nth_unstable_by(limit - 1, order);
            candidates.truncate(limit);
        }
        candidates.sort_by(order);
        candidates
            .into_iter()
            .take(limit)
            .enumerate()
            .map(|(i, (same, milli, total, _, _, m))| {
                row(i + 1, model, m, same, milli, reference, total)
            })
            .collect()
    }
}

fn row(
    rank: usize,
    model: &Model,
    m: &Model,
    same: bool,
    milli: u64,
    reference: Option<Decimal>,
    total: Option<Decimal>,
) -> RelatedRow {
    let shared: Vec<Capability> = Capability::ALL
        .into_iter()
        .filter(|c| c.of(m) == Some(true) && c.of(model) == Some(true))
        .collect();
    let change = percent_change(reference, total);
    let relation = if same {
        Relation::SameModel
    } else {
        Relation::Similar
    };
    let reason = reason_words(relation, m, model, &shared, change);
    RelatedRow {
        rank,
        model: m.id.clone(),
        provider: m.provider.clone(),
        name: m.display_name().to_string(),
        relation,
        score: u32::try_from(milli / 1000).unwrap_or(100),
        shared_capabilities: shared,
        context_window: m.context_window,
        tier: tier_of(m),
        reference_total: total,
        price_change_percent: change.map(shown_percent),
        reason,
    }
}

fn reason_words(
    relation: Relation,
    m: &Model,
    model: &Model,
    shared: &[Capability],
    change: Option<Decimal>,
) -> String {
    let price = price_words(change);
    if relation == Relation::SameModel {
        return format!("same model on {}; {price}", m.provider);
    }
    let caps = if shared.is_empty() {
        "no shared capabilities".to_string()
    } else {
        format!(
            "shares {}",
            shared
                .iter()
                .map(|c| c.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    let context = match (m.context_window, model.context_window) {
        (Some(a), Some(b)) => format!("context {} vs {}", short_tokens(a), short_tokens(b)),
        _ => "context unknown".to_string(),
    };
    let tier = match (tier_of(m), tier_of(model)) {
        (Some(a), Some(b)) if a == b => format!("same tier ({})", a.as_str()),
        (Some(a), _) => format!("tier {}", a.as_str()),
        _ => "tier unknown".to_string(),
    };
    format!("{caps}; {context}; {tier}; {price}")
}

#[cfg(test)]
mod price_word_tests {
    use super::*;

    #[test]
    fn a_small_difference_is_never_called_the_same_price() {
        // $0.906 against $0.91 is −0.44%: shown as "<1%", not "same price".
        let change = percent_change(Some(Decimal::new(91, 2)), Some(Decimal::new(906, 3)));
        assert_eq!(price_words(change), "−<1% for 1M in + 1M out");
        assert_eq!(change.map(shown_percent), Some(Decimal::ZERO));
        let same = percent_change(Some(Decimal::new(91, 2)), Some(Decimal::new(910, 3)));
        assert_eq!(price_words(same), "same price for 1M in + 1M out");
        let cheaper = percent_change(Some(Decimal::new(91, 2)), Some(Decimal::new(75, 2)));
        assert_eq!(price_words(cheaper), "−18% for 1M in + 1M out");
    }
}
