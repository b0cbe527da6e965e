//! What the sources say of a model, as the catalog stores it beside the
//! model: each source's prices ([`Witness`]), the rates evidence shows a
//! source wrong on ([`KnownWrong`]), and how well the prices are witnessed
//! ([`Confidence`]). Judging them is `witness`'s job.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::prices::{ContextTier, PriceKind, Prices, RateKind};

/// One source's input and output prices for a model (USD per 1M tokens).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Witness {
    /// `litellm`, `models.dev`, `genai-prices` or `openrouter`.
    pub source: String,
    /// Its input price.
    #[serde(
        default,
        with = "super::prices::exact_price",
        skip_serializing_if = "Option::is_none"
    )]
    pub input: Option<Decimal>,
    /// Its output price.
    #[serde(
        default,
        with = "super::prices::exact_price",
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
    /// Every other rate it states (cache, batch, service tiers, context
    /// tiers, reasoning, media, fees), as a sheet without input and output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rates: Option<Box<Prices>>,
    /// Rates it states that evidence shows wrong (the overlay's
    /// `source_errors`): shown, never counted for or against a price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub known_wrong: Option<Box<KnownWrong>>,
}

/// A witness's rates that evidence shows wrong, and the evidence.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KnownWrong {
    /// Catalog fields (`input`, `long_context.cache_write`); empty: all.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rates: Vec<String>,
    /// What the source states, why it is wrong, and the evidence.
    pub why: String,
}

impl Witness {
    /// A source's word on a model: its prices (input and output apart,
    /// the other rates in `rates`) and context window.
    pub fn stating(source: &str, prices: &Prices, context_window: Option<u64>) -> Witness {
        let mut rates = Prices {
            regional: std::collections::BTreeMap::new(),
            off_peak: None,
            ..prices.clone()
        };
        rates.input = None;
        rates.output = None;
        let stated = rates != Prices::default();
        Witness {
            source: source.to_string(),
            input: prices.input,
            output: prices.output,
            context_window,
            rates: stated.then(|| Box::new(rates)),
            ..Witness::default()
        }
    }

    /// The rate it states for `kind` on the base sheet.
    pub fn rate(&self, kind: PriceKind) -> Option<Decimal> {
        if kind == RateKind::Input.into() {
            return self.input;
        }
        if kind == RateKind::Output.into() {
            return self.output;
        }
        self.rates.as_deref()?.get(kind)
    }

    /// Whether evidence shows its `rate` (a catalog field) wrong.
    pub fn known_wrong_on(&self, rate: &str) -> bool {
        self.known_wrong
            .as_deref()
            .is_some_and(|k| k.rates.is_empty() || k.rates.iter().any(|r| r == rate))
    }

    /// Whether it says the same of a model as `other` does (prices, rates,
    /// window): a mark of evidence on one holds for the other.
    pub fn states_as(&self, other: &Witness) -> bool {
        (self.input, self.output, &self.rates, self.context_window)
            == (
                other.input,
                other.output,
                &other.rates,
                other.context_window,
            )
    }

    /// Its context tier from `threshold` tokens, if it states one there.
    pub fn tier_at(&self, threshold: u64) -> Option<&ContextTier> {
        self.rates
            .as_deref()?
            .context_tiers()
            .find(|t| t.threshold == threshold)
    }
}

/// How well a model's prices are witnessed (see `witness`'s module doc).
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
