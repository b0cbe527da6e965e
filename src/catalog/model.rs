//! The catalog's data types, exactly as `catalog.json` stores them.
//!
//! Every price is a `Decimal` in USD **per 1M tokens**, written in JSON as a
//! decimal string (`"0.35"`), so nothing is ever rounded through a float.
//! A price that a source does not give is `None` and is shown as "unknown",
//! never as $0.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::evidence::{Confidence, Witness};
pub use super::modes::{Region, SearchContext, ServiceTier};
pub use super::prices::*;
use crate::dates::parse_day;

/// The catalog format version this build reads and writes.
pub const SCHEMA_VERSION: u32 = 1;

/// A whole catalog: providers, their models and where the facts came from.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Catalog {
    /// Format version; a catalog newer than [`SCHEMA_VERSION`] is refused.
    pub schema_version: u32,
    /// When the newest prices in this catalog were observed (`YYYY-MM-DD` or RFC 3339 UTC).
    pub as_of: String,
    /// The currency every price is in; always `USD` today.
    pub currency: String,
    /// Where the catalog's facts come from, for the record.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceNote>,
    /// The APIs that serve models.
    pub providers: Vec<Provider>,
    /// One entry per model a provider serves.
    pub models: Vec<Model>,
}

/// One data source the catalog was built from.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SourceNote {
    /// Short name, e.g. `litellm`.
    pub name: String,
    /// Where it came from.
    pub url: String,
    /// Its license.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub license: Option<String>,
    /// When the data was taken.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
}

/// How a provider's API is called, which decides the shape of a quickstart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ApiStyle {
    /// `POST {base}/chat/completions` with a bearer key; the `openai` SDKs work.
    OpenaiCompatible,
    /// Anthropic's Messages API (`x-api-key`, `anthropic-version`).
    Anthropic,
    /// AWS Bedrock: SigV4-signed requests, no plain API key.
    Bedrock,
    /// Azure OpenAI: a resource endpoint, a deployment per model, an
    /// `api-key` header and an `api-version` query parameter.
    AzureOpenai,
    /// Google Vertex AI's OpenAI-compatible endpoint: per project and
    /// region, with an OAuth access token instead of a key.
    Vertex,
    /// Not known to llmcost (providers imported without curated facts).
    Other,
}

impl ApiStyle {
    /// The name used in the catalog and in output.
    pub fn as_str(self) -> &'static str {
        match self {
            ApiStyle::OpenaiCompatible => "openai-compatible",
            ApiStyle::Anthropic => "anthropic",
            ApiStyle::Bedrock => "bedrock",
            ApiStyle::AzureOpenai => "azure-openai",
            ApiStyle::Vertex => "vertex",
            ApiStyle::Other => "other",
        }
    }
}

/// An API that serves models.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Provider {
    /// Short id used on the command line (`mistral`, `openai`).
    pub id: String,
    /// Display name (`Mistral`).
    pub name: String,
    /// The organisation whose own models this API serves (`mistralai`), matched
    /// against a model's vendor to find "the maker's own API". Hosts of other
    /// makers' models (Groq, Together, Bedrock) have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vendor: Option<String>,
    /// Base URL of the API (`https://api.mistral.ai/v1`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_base_url: Option<String>,
    /// Environment variable that conventionally holds the API key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_key_env: Option<String>,
    /// How the API is called.
    pub api_style: ApiStyle,
    /// Official API documentation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub docs_url: Option<String>,
}

/// What a model can do. `None` means no source states it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Capabilities {
    /// Accepts image input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vision: Option<bool>,
    /// Tool / function calling.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tools: Option<bool>,
    /// JSON mode or structured (schema-constrained) output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub json: Option<bool>,
    /// Emits reasoning ("thinking") tokens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasoning: Option<bool>,
    /// Prompt caching.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caching: Option<bool>,
}

impl Capabilities {
    /// True when no capability is stated.
    pub fn is_empty(&self) -> bool {
        *self == Capabilities::default()
    }
}

/// Input and output modalities (`text`, `image`, `audio`, `video`, `pdf`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Modalities {
    /// What the model reads.
    #[serde(default)]
    pub input: Vec<String>,
    /// What the model writes.
    #[serde(default)]
    pub output: Vec<String>,
}

impl Modalities {
    /// True when neither side is stated.
    pub fn is_empty(&self) -> bool {
        self.input.is_empty() && self.output.is_empty()
    }
}

/// One observed price point in a model's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PricePoint {
    /// When the price was observed (`YYYY-MM-DD` or RFC 3339 UTC).
    pub date: String,
    /// Input price per 1M tokens.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub input: Option<Decimal>,
    /// Output price per 1M tokens.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub output: Option<Decimal>,
}

/// One model as one provider serves it.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Model {
    /// The id the provider's API expects in the `model` field.
    pub id: String,
    /// The provider's `id` in [`Catalog::providers`].
    pub provider: String,
    /// `vendor/model`, naming the model independently of who serves it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Maximum tokens per request (input and output together, as providers state it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context_window: Option<u64>,
    /// Maximum output tokens per request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_output_tokens: Option<u64>,
    /// What the model reads and writes.
    #[serde(default, skip_serializing_if = "Modalities::is_empty")]
    pub modalities: Modalities,
    /// What the model can do.
    #[serde(default, skip_serializing_if = "Capabilities::is_empty")]
    pub capabilities: Capabilities,
    /// Whether the weights are published (so it can be self-hosted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open_weights: Option<bool>,
    /// Price tier set by hand; otherwise derived from the prices.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier: Option<Tier>,
    /// Prices per 1M tokens.
    #[serde(default)]
    pub prices: Prices,
    /// When these prices were observed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
    /// Where the prices come from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Model-specific documentation, where it differs from the provider's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub docs_url: Option<String>,
    /// Other names that find this model.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// When the provider retires the model (`YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprecation_date: Option<String>,
    /// The source that states `deprecation_date` (`litellm`, `openrouter`,
    /// `overlay`); the witnesses carry every source's own statement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprecation_source: Option<String>,
    /// Observed prices, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub price_history: Vec<PricePoint>,
    /// What each source says the input and output prices are (see
    /// [`super::witness`]), recorded by `catalog build`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub witnesses: Vec<Witness>,
    /// Whether the witnesses confirm, dispute or cannot check the prices.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
    /// The rule that chose the prices: `litellm`, or `overlay: <reason>`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chosen_by: Option<String>,
    /// Served only through OpenAI's Responses API (`/v1/responses`), not
    /// Chat Completions.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub responses_only: bool,
    /// Callable only through a regional inference profile (Bedrock's
    /// `global.`/`us.` ids), not by its own id; its prices are the global
    /// profile's, and quickstarts call that profile.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub profile_only: bool,
    /// Price changes announced for days after the catalog's, earliest
    /// first. Loading the catalog puts the ones due today in force.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub price_changes: Vec<PriceChange>,
    /// The sheets in force before the catalog's own prices, earliest
    /// first, each until the day the next began: a source's dated changes
    /// before the catalog's day, so an old log is priced as it was billed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub earlier_prices: Vec<EarlierSheet>,
    /// Prices a source states that the catalog does not apply, each with
    /// its evidence and the rule that set it aside.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub set_aside: Vec<SetAside>,
    /// Rates the chosen source leaves out that a witness states, taken by
    /// a written rule (see `catalog::gaps`), each with its evidence.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub filled: Vec<Filled>,
    /// The endpoint region a call by the bare id is billed in, where it is
    /// not the standard one: AWS bills Bedrock's OpenAI models called by
    /// their bare id at the in-region rate (`us`, +10%) and only `global.`
    /// ids at the base rate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bare_id_region: Option<Region>,
    /// Retired by its provider on a day no source states: kept, with its
    /// last prices, so that old logs still price; listings hide it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub retired: bool,
    /// Lower-case id prefixes that also name this model (genai-prices'
    /// `starts_with` rules: `claude-3-opus` for `claude-3-opus-20240229`),
    /// tried when no id, alias or slug matches.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub id_prefixes: Vec<String>,
    /// The prices the catalog file states, kept when a due change replaced
    /// them (see [`Model::put_due_changes_in_force`]), for days before it.
    #[serde(skip)]
    pub superseded: Option<Box<Prices>>,
}

/// A price a source states that the catalog set aside.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetAside {
    /// The source that states it.
    pub source: String,
    /// What it states (`off-peak 16:30–00:30 UTC: $0.135 in, $0.55 out`).
    pub states: String,
    /// Why the catalog does not apply it.
    pub why: String,
}

/// Rates taken from a witness where the chosen source states none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filled {
    /// The witness that states them.
    pub source: String,
    /// What was taken (`above 200,000 input tokens: $6 in, $22.50 out`).
    pub rates: String,
    /// The rule that allowed it.
    pub rule: String,
    /// The rates' fields (`batch_input`, `long_context.output`), so that a
    /// bill using one can say where it came from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<String>,
}

/// A price change announced ahead: the whole price sheet in force from
/// its day (UTC) on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriceChange {
    /// The first day of the new prices (`YYYY-MM-DD`).
    pub date: String,
    /// The sheet from that day: the rates the source states, and the rates
    /// derived from them scaled alike (see `catalog::build`).
    pub prices: Prices,
    /// The source that announces it.
    pub source: String,
}

/// A whole price sheet that held until a dated change replaced it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EarlierSheet {
    /// The first day it no longer held (`YYYY-MM-DD`, UTC): the day of the
    /// change that replaced it.
    pub until: String,
    /// The sheet: the rates the source states for the time, and the
    /// catalog's other rates scaled alike (see [`Prices::changed_to`]).
    pub prices: Prices,
    /// The source that dates it.
    pub source: String,
}

impl Model {
    /// The earlier sheet in force on `day`, if `day` is before the
    /// catalog's own prices began.
    pub fn earlier_on(&self, day: i64) -> Option<&EarlierSheet> {
        self.earlier_prices
            .iter()
            .find(|e| parse_day(&e.until).is_some_and(|until| day < until))
    }

    /// Whether the model's sheet depends on the day: it has sheets from
    /// before the catalog's, a change in force, or one announced ahead.
    pub fn has_dated_sheets(&self) -> bool {
        self.superseded.is_some()
            || !self.price_changes.is_empty()
            || !self.earlier_prices.is_empty()
    }

    /// Takes a source's sheets from before the catalog's day (`earlier`,
    /// earliest first, each stated as the source lists it), as whole
    /// sheets: each is the next later one changed to the stated rates, so
    /// the catalog's other rates follow them. `source_now` is the sheet
    /// the source states for the catalog's day: its dates are evidence for
    /// this model only when it agrees with the catalog's input and output
    /// prices (else the sources disagree on what the price is, and the
    /// source's past is not this sheet's). A model with a time-of-day
    /// window takes none: genai-prices states dated sets and daily windows
    /// apart (DeepSeek V4), and not which bills an hour both cover; the
    /// window carries its own dates.
    pub fn recall(&mut self, earlier: &[EarlierSheet], source_now: &Prices) {
        let agrees =
            source_now.input == self.prices.input && source_now.output == self.prices.output;
        if !agrees || earlier.is_empty() || self.prices.off_peak.is_some() {
            return;
        }
        // From the latest back, each derived from the one after it; a sheet
        // the next one repeats changed nothing (the next held from its start).
        let mut later = self.sheet_after(0).clone();
        let mut kept: Vec<EarlierSheet> = Vec::new();
        for stated in earlier.iter().rev() {
            let prices = later.changed_to(&stated.prices);
            if prices != later {
                kept.push(EarlierSheet {
                    prices: prices.clone(),
                    ..stated.clone()
                });
            }
            later = prices;
        }
        kept.reverse();
        self.earlier_prices = kept;
    }

    /// How many of the announced changes are in force on `day` (days since
    /// 1970-01-01, UTC): 0 means the catalog's own prices.
    pub fn changes_in_force(&self, day: i64) -> usize {
        self.price_changes
            .iter()
            .take_while(|c| parse_day(&c.date).is_some_and(|d| d <= day))
            .count()
    }

    /// The latest announced change in force on `day`, if any.
    pub fn change_in_force(&self, day: i64) -> Option<&PriceChange> {
        self.price_changes
            .get(self.changes_in_force(day).checked_sub(1)?)
    }

    /// The price sheet after `changes` announced changes (0: the prices
    /// the catalog file states).
    pub fn sheet_after(&self, changes: usize) -> &Prices {
        match changes.checked_sub(1) {
            None => self.superseded.as_deref().unwrap_or(&self.prices),
            Some(i) => self
                .price_changes
                .get(i)
                .map_or(&self.prices, |change| &change.prices),
        }
    }

    /// The prices in force on `day`: an earlier sheet's before the
    /// catalog's own began, else the catalog's with the changes due by then.
    pub fn prices_on(&self, day: i64) -> &Prices {
        match self.earlier_on(day) {
            Some(earlier) => &earlier.prices,
            None => self.sheet_after(self.changes_in_force(day)),
        }
    }

    /// Records the changes a source announces, each stated as the rates it
    /// lists, as whole sheets: each is the sheet before it changed to the
    /// stated rates (see [`Prices::changed_to`]). Changes dated on or
    /// before the model's own prices are left out: those prices have them.
    pub fn announce(&mut self, announced: &[PriceChange]) {
        let own_day = self.as_of.as_deref().and_then(parse_day);
        let mut before = self.prices.clone();
        self.price_changes = announced
            .iter()
            .filter(|change| parse_day(&change.date) > own_day)
            .map(|change| {
                let prices = before.changed_to(&change.prices);
                before.clone_from(&prices);
                PriceChange {
                    prices,
                    ..change.clone()
                }
            })
            .collect();
    }

    /// Puts the changes due on `today` in force: `prices` becomes today's
    /// sheet, so every command prices with it, and the file's sheet is kept
    /// for earlier days. Returns the change now in force, if any.
    pub fn put_due_changes_in_force(&mut self, today: i64) -> Option<&PriceChange> {
        // Field by field (not `change_in_force`), so `prices` can change.
        let due = self.changes_in_force(today);
        let change = self.price_changes.get(due.checked_sub(1)?)?;
        let stated = std::mem::replace(&mut self.prices, change.prices.clone());
        self.superseded.get_or_insert_with(|| Box::new(stated));
        Some(change)
    }
}

impl Model {
    /// The display name, or the id where no source names the model.
    pub fn display_name(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.id)
    }

    /// The maker named by the slug (`mistralai` in `mistralai/mistral-small`).
    pub fn vendor(&self) -> Option<&str> {
        self.slug
            .as_deref()
            .and_then(|s| s.split_once('/'))
            .map(|(v, _)| v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_row_of_the_price_kind_table_is_its_own_field_and_round_trips() {
        let mut prices = Prices::default();
        for (index, info) in PRICE_KINDS.iter().enumerate() {
            assert_eq!(info.kind.info().field, info.field, "one row per kind");
            assert_eq!(PriceKind::named(info.field), Some(info.kind));
            prices.set(info.kind, Some(Decimal::from(index + 1)));
        }
        let json = serde_json::to_value(&prices).unwrap();
        for (index, info) in PRICE_KINDS.iter().enumerate() {
            assert_eq!(json[info.field], (index + 1).to_string(), "{}", info.field);
        }
        let back: Prices = serde_json::from_value(json).unwrap();
        assert_eq!(back, prices);
        // Emptied, a mode's sheet goes, so the prices equal the empty ones.
        for info in &PRICE_KINDS {
            prices.set(info.kind, None);
        }
        assert_eq!(prices, Prices::default());
    }
}
