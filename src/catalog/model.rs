//! The catalog's data types, exactly as `catalog.json` stores them.
//!
//! Every price is a `Decimal` in USD **per 1M tokens**, written in JSON as a
//! decimal string (`"0.35"`), so nothing is ever rounded through a float.
//! A price that a source does not give is `None` and is shown as "unknown",
//! never as $0.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::witness::{Confidence, Witness};
use crate::dates::parse_day;

/// Serde for prices as decimal strings, read exactly: a price with more
/// digits than a `Decimal` holds (28 decimal places) is an error, never
/// silently rounded.
pub(crate) mod exact_price {
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serializer, de};

    #[allow(clippy::ref_option)] // serde's `with` passes `&Option<T>`
    pub fn serialize<S: Serializer>(
        value: &Option<Decimal>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(d) => serializer.serialize_str(&d.to_string()),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Decimal>, D::Error> {
        let Some(text) = Option::<String>::deserialize(deserializer)? else {
            return Ok(None);
        };
        let text = text.trim();
        if text.contains(['e', 'E']) || text.len() > 64 {
            return Err(de::Error::custom(format!(
                "price '{text}' is not a plain decimal string"
            )));
        }
        Decimal::from_str_exact(text).map(Some).map_err(|_| {
            de::Error::custom(format!(
                "price '{text}' is not an exact decimal of at most 28 decimal places"
            ))
        })
    }
}

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

/// Prices in USD per 1M tokens. Every field but `input` and `output` exists
/// only where the provider has such a price.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prices {
    /// Uncached input tokens.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub input: Option<Decimal>,
    /// Output tokens.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub output: Option<Decimal>,
    /// Input tokens read from the prompt cache.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub cached_input: Option<Decimal>,
    /// Input tokens written to the prompt cache (5-minute cache where there are two).
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub cache_write: Option<Decimal>,
    /// Input tokens written to the 1-hour prompt cache.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub cache_write_1h: Option<Decimal>,
    /// Input tokens written to the 12-hour prompt cache.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub cache_write_12h: Option<Decimal>,
    /// Input tokens through the batch API.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub batch_input: Option<Decimal>,
    /// Output tokens through the batch API.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub batch_output: Option<Decimal>,
    /// Cache reads through the batch API, where the provider discounts them too.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub batch_cached_input: Option<Decimal>,
    /// Cache writes (5-minute) through the batch API.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub batch_cache_write: Option<Decimal>,
    /// Reasoning tokens, where they have a rate of their own (else they are output).
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub reasoning: Option<Decimal>,
    /// Input tokens on the flex service tier (slower, cheaper).
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub flex_input: Option<Decimal>,
    /// Output tokens on the flex service tier.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub flex_output: Option<Decimal>,
    /// Cache reads on the flex service tier.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub flex_cached_input: Option<Decimal>,
    /// Cache writes (5-minute) on the flex service tier.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub flex_cache_write: Option<Decimal>,
    /// Input tokens on the priority service tier (faster, dearer).
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub priority_input: Option<Decimal>,
    /// Output tokens on the priority service tier.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub priority_output: Option<Decimal>,
    /// Cache reads on the priority service tier.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub priority_cached_input: Option<Decimal>,
    /// Cache writes (5-minute) on the priority service tier.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub priority_cache_write: Option<Decimal>,
    /// Input tokens on the ultrafast service tier.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub ultrafast_input: Option<Decimal>,
    /// Output tokens on the ultrafast service tier.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub ultrafast_output: Option<Decimal>,
    /// Cache reads on the ultrafast service tier.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub ultrafast_cached_input: Option<Decimal>,
    /// Cache writes (5-minute) on the ultrafast service tier.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub ultrafast_cache_write: Option<Decimal>,
    /// A fee per 1,000 requests with low search context (Perplexity's default).
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub request_low: Option<Decimal>,
    /// The fee per 1,000 requests with medium search context.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub request_medium: Option<Decimal>,
    /// The fee per 1,000 requests with high search context.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub request_high: Option<Decimal>,
    /// The web search tool, per 1,000 searches (Anthropic's, OpenAI's, Gemini grounding).
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub web_search: Option<Decimal>,
    /// Audio input tokens (speech in), where they cost more than text.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub audio_input: Option<Decimal>,
    /// Audio output tokens (speech out).
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub audio_output: Option<Decimal>,
    /// Audio input tokens read from the prompt cache.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub cached_audio_input: Option<Decimal>,
    /// Audio input tokens through the batch API.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub batch_audio_input: Option<Decimal>,
    /// Audio input tokens on the flex service tier.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub flex_audio_input: Option<Decimal>,
    /// Audio input tokens on the priority service tier.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub priority_audio_input: Option<Decimal>,
    /// Image input tokens, where the sources state a rate apart from text
    /// (else they are input tokens at the input rate, as providers bill them).
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub image_input: Option<Decimal>,
    /// Image output tokens (image generation).
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub image_output: Option<Decimal>,
    /// Video input tokens, where the sources state a rate apart from text.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub video_input: Option<Decimal>,
    /// Video output tokens (Gemini Omni).
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub video_output: Option<Decimal>,
    /// Higher rates for requests whose input exceeds a threshold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub long_context: Option<LongContextPrices>,
    /// Further tiers above `long_context`, by rising threshold (Qwen's
    /// 32k / 128k / 252k): the highest tier whose threshold one request's
    /// input passes applies to the whole request.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub higher_tiers: Vec<LongContextPrices>,
    /// Multipliers of every token rate by endpoint region, where the
    /// sources state them (Bedrock's in-region `us.` profiles: 1.1; OpenAI
    /// data residency). A region not listed is priced at the standard rates.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub regional: BTreeMap<Region, Multiplier>,
    /// A daily window of cheaper rates (DeepSeek's off-peak discount).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub off_peak: Option<Box<OffPeak>>,
}

/// A daily window, in UTC, in which cheaper input, output and cache-read
/// rates replace the sheet's; every other rate stays. It may have more
/// windows at the same rates (`also`: DeepSeek V4 is cheaper outside two
/// peak windows, so in two windows), and hold only between two instants.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OffPeak {
    /// Its first minute, `HH:MM` UTC.
    pub from: String,
    /// The minute it ends, `HH:MM` UTC; earlier than `from` when the window
    /// runs past midnight.
    pub until: String,
    /// More daily windows at the same rates, `[from, until]` each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<[String; 2]>,
    /// The first instant the windows apply (RFC 3339), if they began after
    /// the prices did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<String>,
    /// The instant the windows ended (RFC 3339, exclusive), if they did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<String>,
    /// Input per 1M tokens in the window (else the sheet's).
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub input: Option<Decimal>,
    /// Output per 1M tokens in the window (else the sheet's).
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub output: Option<Decimal>,
    /// Cache reads per 1M tokens in the window (else the sheet's).
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub cached_input: Option<Decimal>,
    /// The source that states it.
    pub source: String,
}

/// Minutes in a day.
const DAY_MINUTES: i64 = 24 * 60;

impl OffPeak {
    /// Minutes after midnight of an `HH:MM` time, `None` when it is not one.
    pub fn minute_of(text: &str) -> Option<i64> {
        let (hours, minutes) = text.split_once(':')?;
        let (hours, minutes): (i64, i64) = (hours.parse().ok()?, minutes.parse().ok()?);
        ((0..24).contains(&hours) && (0..60).contains(&minutes)).then_some(hours * 60 + minutes)
    }

    /// Every window as `(from, until)` text, the first one first.
    pub fn windows(&self) -> impl Iterator<Item = (&str, &str)> {
        std::iter::once((self.from.as_str(), self.until.as_str()))
            .chain(self.also.iter().map(|[f, u]| (f.as_str(), u.as_str())))
    }

    /// Every window in minutes of the UTC day, `None` when a time does not
    /// parse (validation rejects it first).
    pub fn window_minutes(&self) -> Option<Vec<(i64, i64)>> {
        self.windows()
            .map(|(f, u)| Some((Self::minute_of(f)?, Self::minute_of(u)?)))
            .collect()
    }

    /// Whether a window covers `minute` of the UTC day. Windows whose times
    /// do not parse cover nothing (validation rejects them first).
    pub fn covers(&self, minute: i64) -> bool {
        // Per priced line in `tally`: the windows are read in place, not
        // collected.
        let minute = minute.rem_euclid(DAY_MINUTES);
        self.windows().any(|(from, until)| {
            let (Some(from), Some(until)) = (Self::minute_of(from), Self::minute_of(until)) else {
                return false;
            };
            if from <= until {
                (from..until).contains(&minute)
            } else {
                minute >= from || minute < until
            }
        })
    }

    /// The instants (Unix seconds) the windows hold between, `None` for an
    /// open end. An instant that does not parse holds nothing.
    pub fn validity(&self) -> (Option<i64>, Option<i64>) {
        let instant = |t: &Option<String>| {
            t.as_deref()
                .map(|t| crate::dates::parse_instant(t).unwrap_or(i64::MAX))
        };
        (instant(&self.valid_from), instant(&self.valid_until))
    }

    /// Whether the windows hold at `instant` (Unix seconds).
    pub fn in_force_at(&self, instant: i64) -> bool {
        let (from, until) = self.validity();
        from.is_none_or(|f| instant >= f) && until.is_none_or(|u| instant < u)
    }

    /// The windows as text: `16:30–00:30 UTC`, with more windows and their
    /// dates (`… from 2026-08-16T16:00:00Z`, `… until …`).
    pub fn describe(&self) -> String {
        let windows: Vec<String> = self.windows().map(|(f, u)| format!("{f}–{u}")).collect();
        let mut text = format!("{} UTC", windows.join(" and "));
        for (word, instant) in [("from", &self.valid_from), ("until", &self.valid_until)] {
            if let Some(instant) = instant {
                text.push(' ');
                text.push_str(word);
                text.push(' ');
                text.push_str(instant);
            }
        }
        text
    }

    /// The sheet `peak` with this window's rates in place of its own.
    fn applied_to(&self, peak: &Prices) -> Prices {
        Prices {
            input: self.input.or(peak.input),
            output: self.output.or(peak.output),
            cached_input: self.cached_input.or(peak.cached_input),
            off_peak: None,
            ..peak.clone()
        }
    }
}

impl Prices {
    /// The sheet in force at `instant` (Unix seconds): the off-peak
    /// window's when it covers that minute, else `None` (this sheet).
    pub fn off_peak_at(&self, instant: i64) -> Option<Prices> {
        let window = self.off_peak.as_deref()?;
        self.is_off_peak_at(instant)
            .then(|| window.applied_to(self))
    }

    /// Whether this sheet's off-peak window covers `instant` (Unix
    /// seconds), without building the off-peak sheet.
    pub fn is_off_peak_at(&self, instant: i64) -> bool {
        let minute = instant.rem_euclid(86_400) / 60;
        self.off_peak
            .as_deref()
            .is_some_and(|w| w.in_force_at(instant) && w.covers(minute))
    }

    /// This sheet as billed at `instant`: its off-peak sheet inside the
    /// window, else itself.
    #[must_use]
    pub fn at_time(self, instant: i64) -> Prices {
        self.off_peak_at(instant).unwrap_or(self)
    }

    /// This sheet with its off-peak rates in force, if it has a window.
    pub fn off_peak_sheet(&self) -> Option<Prices> {
        Some(self.off_peak.as_deref()?.applied_to(self))
    }
}

/// An exact multiplier, written in the catalog as a decimal string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Multiplier(pub Decimal);

impl Serialize for Multiplier {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        exact_price::serialize(&Some(self.0), serializer)
    }
}

impl<'de> Deserialize<'de> for Multiplier {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        exact_price::deserialize(deserializer)?
            .filter(|m| m.is_sign_positive() && !m.is_zero())
            .map(Multiplier)
            .ok_or_else(|| serde::de::Error::custom("a regional multiplier must be above 0"))
    }
}

/// Where a request is served: the provider's global (standard) endpoint,
/// or a region whose endpoint or data residency is priced apart.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    clap::ValueEnum,
)]
#[serde(rename_all = "kebab-case")]
#[value(rename_all = "kebab-case")]
pub enum Region {
    /// The global or standard endpoint (the default).
    #[default]
    Global,
    /// United States (Bedrock `us.` profiles, OpenAI US data residency).
    Us,
    /// European Union.
    Eu,
    /// Asia Pacific.
    Apac,
    /// Australia.
    Au,
    /// Japan.
    Jp,
    /// India.
    In,
    /// Canada.
    Ca,
    /// AWS GovCloud (US).
    UsGov,
}

impl Region {
    /// Every region, in order.
    pub const ALL: [Region; 9] = [
        Region::Global,
        Region::Us,
        Region::Eu,
        Region::Apac,
        Region::Au,
        Region::Jp,
        Region::In,
        Region::Ca,
        Region::UsGov,
    ];

    /// The region's name, as ids and flags write it (`us-gov`).
    pub fn as_str(self) -> &'static str {
        match self {
            Region::Global => "global",
            Region::Us => "us",
            Region::Eu => "eu",
            Region::Apac => "apac",
            Region::Au => "au",
            Region::Jp => "jp",
            Region::In => "in",
            Region::Ca => "ca",
            Region::UsGov => "us-gov",
        }
    }

    /// The region `name` names, as [`Region::as_str`] writes it.
    pub fn named(name: &str) -> Option<Region> {
        Region::ALL.into_iter().find(|r| r.as_str() == name)
    }

    /// The region a regional id starts with: a Bedrock inference profile
    /// (`us.anthropic.claude-…`) or an Azure data zone (`eu/gpt-4o`), and
    /// the id without it.
    pub fn of_profile(id: &str) -> Option<(Region, &str)> {
        // Region names are at most 6 bytes (`us-gov`): look no further
        // (`tally` asks this of every log line's model name).
        let at = id.bytes().take(7).position(|b| b == b'.' || b == b'/')?;
        let (prefix, rest) = (&id[..at], &id[at + 1..]);
        let region = Region::named(prefix)?;
        (!rest.is_empty()).then_some((region, rest))
    }
}

/// The unit a price is quoted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// USD per 1,000,000 tokens.
    PerMillionTokens,
    /// USD per 1,000 requests (a per-request fee).
    PerThousandRequests,
    /// USD per 1,000 web searches (a search tool's calls).
    PerThousandSearches,
}

impl Unit {
    /// How a table header or explanation says it: `/ 1M tokens`.
    pub fn label(self) -> &'static str {
        match self {
            Unit::PerMillionTokens => "per 1M tokens",
            Unit::PerThousandRequests => "per 1k requests",
            Unit::PerThousandSearches => "per 1k web searches",
        }
    }

    /// The suffix of an export column in this unit (`_per_million`).
    pub fn column_suffix(self) -> &'static str {
        match self {
            Unit::PerMillionTokens => "_per_million",
            Unit::PerThousandRequests => "_per_thousand_requests",
            Unit::PerThousandSearches => "_per_thousand_searches",
        }
    }
}

/// Every rate a catalog model can have besides its long-context tier, in
/// catalog order. [`PRICE_KINDS`] says, for each, its catalog field, how
/// people call it, its unit and what stands in for it when it is missing;
/// parsing, validation, export, `show`, `catalog update` and pricing all
/// read that table, so a new rate is one variant, one field and one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)] // each is described by its row in PRICE_KINDS
pub enum PriceKind {
    Input,
    Output,
    CachedInput,
    CacheWrite,
    CacheWrite1h,
    CacheWrite12h,
    BatchInput,
    BatchOutput,
    BatchCachedInput,
    BatchCacheWrite,
    Reasoning,
    FlexInput,
    FlexOutput,
    FlexCachedInput,
    PriorityInput,
    PriorityOutput,
    PriorityCachedInput,
    RequestLow,
    RequestMedium,
    RequestHigh,
    WebSearch,
    AudioInput,
    AudioOutput,
    ImageInput,
    ImageOutput,
    VideoInput,
    VideoOutput,
    FlexCacheWrite,
    PriorityCacheWrite,
    BatchAudioInput,
    FlexAudioInput,
    PriorityAudioInput,
    UltrafastInput,
    UltrafastOutput,
    UltrafastCachedInput,
    UltrafastCacheWrite,
    CachedAudioInput,
}

/// One row of [`PRICE_KINDS`].
#[derive(Debug, Clone, Copy)]
pub struct PriceKindInfo {
    /// The kind.
    pub kind: PriceKind,
    /// Its field in `catalog.json` (`prices.cache_write_1h`) and its export
    /// column (`cache_write_1h_per_million`).
    pub field: &'static str,
    /// Its name on a price sheet (`Cache write (1 h)`).
    pub label: &'static str,
    /// What the number is per.
    pub unit: Unit,
    /// The rate billed instead when this one is missing (with a warning, or
    /// an error under `--strict`); `None` where a missing price is an error.
    pub fallback: Option<PriceKind>,
    /// The same rate through the batch API, where a provider discounts it
    /// (the 1-hour cache write's is derived from the 5-minute one's).
    pub batch: Option<PriceKind>,
    /// How a message names this rate when it is missing (`cache-read`).
    pub missing: &'static str,
    /// What a warning says is billed instead.
    pub instead: &'static str,
    /// The rate these tokens are billed at, without a warning, when the
    /// catalog states none of their own: providers bill image and video
    /// input as input tokens unless their price list says otherwise.
    pub billed_as: Option<PriceKind>,
    read: fn(&Prices) -> Option<Decimal>,
    write: fn(&mut Prices) -> &mut Option<Decimal>,
}

macro_rules! price_kind {
    ($kind:ident, $field:ident, $label:literal, $fallback:expr, $batch:expr, $missing:literal, $instead:literal) => {
        price_kind!(
            $kind,
            $field,
            $label,
            $fallback,
            $batch,
            $missing,
            $instead,
            PerMillionTokens
        )
    };
    ($kind:ident, $field:ident, $label:literal, $fallback:expr, $batch:expr, $missing:literal, $instead:literal, $unit:ident) => {
        PriceKindInfo {
            kind: PriceKind::$kind,
            field: stringify!($field),
            label: $label,
            unit: Unit::$unit,
            fallback: $fallback,
            batch: $batch,
            missing: $missing,
            instead: $instead,
            billed_as: None,
            read: |p| p.$field,
            write: |p| &mut p.$field,
        }
    };
}

/// The rates, in catalog order (see [`PriceKind`]).
pub const PRICE_KINDS: [PriceKindInfo; 37] = {
    use PriceKind::{
        BatchCacheWrite, BatchCachedInput, BatchInput, BatchOutput, CacheWrite, CachedInput, Input,
        Output,
    };
    [
        price_kind!(Input, input, "Input", None, Some(BatchInput), "input", ""),
        price_kind!(
            Output,
            output,
            "Output",
            None,
            Some(BatchOutput),
            "output",
            ""
        ),
        price_kind!(
            CachedInput,
            cached_input,
            "Cached input",
            Some(Input),
            Some(BatchCachedInput),
            "cache-read",
            "cached input is billed at the input rate"
        ),
        price_kind!(
            CacheWrite,
            cache_write,
            "Cache write (5 min)",
            Some(Input),
            Some(BatchCacheWrite),
            "cache-write",
            "cache writes are billed at the input rate"
        ),
        price_kind!(
            CacheWrite1h,
            cache_write_1h,
            "Cache write (1 h)",
            Some(CacheWrite),
            Some(BatchCacheWrite),
            "1-hour cache-write",
            "cache writes are billed at the 5-minute cache-write rate, else the input rate"
        ),
        price_kind!(
            CacheWrite12h,
            cache_write_12h,
            "Cache write (12 h)",
            Some(PriceKind::CacheWrite1h),
            Some(BatchCacheWrite),
            "12-hour cache-write",
            "cache writes are billed at the 1-hour cache-write rate, else the 5-minute one, else the input rate"
        ),
        price_kind!(
            BatchInput,
            batch_input,
            "Batch input",
            Some(Input),
            None,
            "batch input",
            "the standard input rate is used"
        ),
        price_kind!(
            BatchOutput,
            batch_output,
            "Batch output",
            Some(Output),
            None,
            "batch output",
            "the standard output rate is used"
        ),
        price_kind!(
            BatchCachedInput,
            batch_cached_input,
            "Batch cached input",
            Some(CachedInput),
            None,
            "batch cache-read",
            "cache reads are billed at the cache-read rate"
        ),
        price_kind!(
            BatchCacheWrite,
            batch_cache_write,
            "Batch cache write",
            Some(CacheWrite),
            None,
            "batch cache-write",
            "cache writes are billed at the cache-write rate"
        ),
        price_kind!(
            Reasoning,
            reasoning,
            "Reasoning",
            Some(Output),
            None,
            "reasoning",
            "reasoning tokens are billed at the output rate"
        ),
        price_kind!(
            FlexInput,
            flex_input,
            "Flex input",
            Some(Input),
            None,
            "flex input",
            "the standard input rate is used"
        ),
        price_kind!(
            FlexOutput,
            flex_output,
            "Flex output",
            Some(Output),
            None,
            "flex output",
            "the standard output rate is used"
        ),
        price_kind!(
            FlexCachedInput,
            flex_cached_input,
            "Flex cached input",
            Some(CachedInput),
            None,
            "flex cache-read",
            "cache reads are billed at the standard cache-read rate"
        ),
        price_kind!(
            PriorityInput,
            priority_input,
            "Priority input",
            Some(Input),
            None,
            "priority input",
            "the standard input rate is used"
        ),
        price_kind!(
            PriorityOutput,
            priority_output,
            "Priority output",
            Some(Output),
            None,
            "priority output",
            "the standard output rate is used"
        ),
        price_kind!(
            PriorityCachedInput,
            priority_cached_input,
            "Priority cached input",
            Some(CachedInput),
            None,
            "priority cache-read",
            "cache reads are billed at the standard cache-read rate"
        ),
        price_kind!(
            RequestLow,
            request_low,
            "Request fee (low search context)",
            None,
            None,
            "request fee",
            "",
            PerThousandRequests
        ),
        price_kind!(
            RequestMedium,
            request_medium,
            "Request fee (medium search context)",
            None,
            None,
            "medium request fee",
            "",
            PerThousandRequests
        ),
        price_kind!(
            RequestHigh,
            request_high,
            "Request fee (high search context)",
            None,
            None,
            "high request fee",
            "",
            PerThousandRequests
        ),
        price_kind!(
            WebSearch,
            web_search,
            "Web search",
            None,
            None,
            "web search",
            "",
            PerThousandSearches
        ),
        // Audio has no fallback: text rates would bill speech several
        // times too low, so a model without an audio price cannot take it.
        price_kind!(
            AudioInput,
            audio_input,
            "Audio input",
            None,
            Some(PriceKind::BatchAudioInput),
            "audio input",
            ""
        ),
        price_kind!(
            AudioOutput,
            audio_output,
            "Audio output",
            None,
            None,
            "audio output",
            ""
        ),
        PriceKindInfo {
            billed_as: Some(Input),
            ..price_kind!(
                ImageInput,
                image_input,
                "Image input",
                None,
                None,
                "image input",
                ""
            )
        },
        // Generated images and video have no fallback, like audio: text
        // rates would bill them many times too low.
        price_kind!(
            ImageOutput,
            image_output,
            "Image output",
            None,
            None,
            "image output",
            ""
        ),
        PriceKindInfo {
            billed_as: Some(Input),
            ..price_kind!(
                VideoInput,
                video_input,
                "Video input",
                None,
                None,
                "video input",
                ""
            )
        },
        price_kind!(
            VideoOutput,
            video_output,
            "Video output",
            None,
            None,
            "video output",
            ""
        ),
        price_kind!(
            FlexCacheWrite,
            flex_cache_write,
            "Flex cache write",
            Some(CacheWrite),
            None,
            "flex cache-write",
            "cache writes are billed at the standard cache-write rate"
        ),
        price_kind!(
            PriorityCacheWrite,
            priority_cache_write,
            "Priority cache write",
            Some(CacheWrite),
            None,
            "priority cache-write",
            "cache writes are billed at the standard cache-write rate"
        ),
        price_kind!(
            BatchAudioInput,
            batch_audio_input,
            "Batch audio input",
            Some(PriceKind::AudioInput),
            None,
            "batch audio input",
            "audio is billed at the standard audio rate"
        ),
        price_kind!(
            FlexAudioInput,
            flex_audio_input,
            "Flex audio input",
            Some(PriceKind::AudioInput),
            None,
            "flex audio input",
            "audio is billed at the standard audio rate"
        ),
        price_kind!(
            PriorityAudioInput,
            priority_audio_input,
            "Priority audio input",
            Some(PriceKind::AudioInput),
            None,
            "priority audio input",
            "audio is billed at the standard audio rate"
        ),
        price_kind!(
            UltrafastInput,
            ultrafast_input,
            "Ultrafast input",
            Some(Input),
            None,
            "ultrafast input",
            "the standard input rate is used"
        ),
        price_kind!(
            UltrafastOutput,
            ultrafast_output,
            "Ultrafast output",
            Some(Output),
            None,
            "ultrafast output",
            "the standard output rate is used"
        ),
        price_kind!(
            UltrafastCachedInput,
            ultrafast_cached_input,
            "Ultrafast cached input",
            Some(CachedInput),
            None,
            "ultrafast cache-read",
            "cache reads are billed at the standard cache-read rate"
        ),
        price_kind!(
            UltrafastCacheWrite,
            ultrafast_cache_write,
            "Ultrafast cache write",
            Some(CacheWrite),
            None,
            "ultrafast cache-write",
            "cache writes are billed at the standard cache-write rate"
        ),
        price_kind!(
            CachedAudioInput,
            cached_audio_input,
            "Cached audio input",
            Some(CachedInput),
            None,
            "cached audio",
            "cached audio is billed at the cache-read rate"
        ),
    ]
};

/// How much web search context a search model uses per request
/// (Perplexity's `search_context_size`), which sets its request fee.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum SearchContext {
    /// The default.
    #[default]
    Low,
    /// Medium.
    Medium,
    /// High.
    High,
}

impl SearchContext {
    /// The request-fee kind for this context size.
    pub fn fee(self) -> PriceKind {
        match self {
            SearchContext::Low => PriceKind::RequestLow,
            SearchContext::Medium => PriceKind::RequestMedium,
            SearchContext::High => PriceKind::RequestHigh,
        }
    }
}

/// A provider's service tier: the same model served slower and cheaper
/// (flex) or faster and dearer (priority).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum ServiceTier {
    /// The standard rates.
    #[default]
    Standard,
    /// OpenAI's flex processing (and equivalents): slower, cheaper.
    Flex,
    /// Priority processing: faster, dearer.
    Priority,
    /// OpenAI's ultrafast processing for the GPT-6 family: fastest, six
    /// times the standard rates.
    Ultrafast,
}

impl ServiceTier {
    /// The tiers with rates of their own, in `SERVICE_TIER_RATES` order.
    pub const OWN_RATES: [ServiceTier; 3] = [
        ServiceTier::Flex,
        ServiceTier::Priority,
        ServiceTier::Ultrafast,
    ];

    /// The tier's name, as logs and flags write it.
    pub fn as_str(self) -> &'static str {
        match self {
            ServiceTier::Standard => "standard",
            ServiceTier::Flex => "flex",
            ServiceTier::Priority => "priority",
            ServiceTier::Ultrafast => "ultrafast",
        }
    }

    /// The tier a log names (`flex`, `priority`, `ultrafast`), if any.
    pub fn named(name: &str) -> Option<ServiceTier> {
        Self::OWN_RATES.into_iter().find(|t| t.as_str() == name)
    }
}

/// Each service tier's own rate for a standard kind: `(tier, standard, tier's)`.
pub const SERVICE_TIER_RATES: [(ServiceTier, PriceKind, PriceKind); 14] = [
    (ServiceTier::Flex, PriceKind::Input, PriceKind::FlexInput),
    (ServiceTier::Flex, PriceKind::Output, PriceKind::FlexOutput),
    (
        ServiceTier::Flex,
        PriceKind::CachedInput,
        PriceKind::FlexCachedInput,
    ),
    (
        ServiceTier::Flex,
        PriceKind::CacheWrite,
        PriceKind::FlexCacheWrite,
    ),
    (
        ServiceTier::Priority,
        PriceKind::Input,
        PriceKind::PriorityInput,
    ),
    (
        ServiceTier::Priority,
        PriceKind::Output,
        PriceKind::PriorityOutput,
    ),
    (
        ServiceTier::Priority,
        PriceKind::CachedInput,
        PriceKind::PriorityCachedInput,
    ),
    (
        ServiceTier::Priority,
        PriceKind::CacheWrite,
        PriceKind::PriorityCacheWrite,
    ),
    (
        ServiceTier::Flex,
        PriceKind::AudioInput,
        PriceKind::FlexAudioInput,
    ),
    (
        ServiceTier::Priority,
        PriceKind::AudioInput,
        PriceKind::PriorityAudioInput,
    ),
    (
        ServiceTier::Ultrafast,
        PriceKind::Input,
        PriceKind::UltrafastInput,
    ),
    (
        ServiceTier::Ultrafast,
        PriceKind::Output,
        PriceKind::UltrafastOutput,
    ),
    (
        ServiceTier::Ultrafast,
        PriceKind::CachedInput,
        PriceKind::UltrafastCachedInput,
    ),
    (
        ServiceTier::Ultrafast,
        PriceKind::CacheWrite,
        PriceKind::UltrafastCacheWrite,
    ),
];

impl PriceKind {
    /// `self`'s rate on `tier`, where the tier has one of its own.
    pub fn on_tier(self, tier: ServiceTier) -> Option<PriceKind> {
        SERVICE_TIER_RATES
            .iter()
            .find(|(t, standard, _)| *t == tier && *standard == self)
            .map(|(_, _, own)| *own)
    }

    /// This kind's row of [`PRICE_KINDS`].
    pub fn info(self) -> &'static PriceKindInfo {
        // The table lists the variants in declaration order.
        &PRICE_KINDS[self as usize]
    }

    /// The catalog field name.
    pub fn field(self) -> &'static str {
        self.info().field
    }
}

impl Prices {
    /// The price of `kind`, per its unit.
    pub fn get(&self, kind: PriceKind) -> Option<Decimal> {
        (kind.info().read)(self)
    }

    /// Where the price of `kind` is stored.
    pub fn slot(&mut self, kind: PriceKind) -> &mut Option<Decimal> {
        (kind.info().write)(self)
    }

    /// Every rate the model has, in catalog order (long context aside).
    pub fn rates(&self) -> impl Iterator<Item = (PriceKind, Decimal)> + '_ {
        PRICE_KINDS
            .iter()
            .filter_map(|info| Some((info.kind, self.get(info.kind)?)))
    }
}

/// Rates that apply to a whole request once its input exceeds `threshold` tokens.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LongContextPrices {
    /// Input tokens per request above which these rates apply.
    pub threshold: u64,
    /// Input rate above the threshold.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub input: Option<Decimal>,
    /// Output rate above the threshold.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub output: Option<Decimal>,
    /// Cache-read rate above the threshold.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub cached_input: Option<Decimal>,
    /// 5-minute cache-write rate above the threshold.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub cache_write: Option<Decimal>,
    /// 1-hour cache-write rate above the threshold.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub cache_write_1h: Option<Decimal>,
    /// 12-hour cache-write rate above the threshold.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub cache_write_12h: Option<Decimal>,
    /// Batch input rate above the threshold.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub batch_input: Option<Decimal>,
    /// Batch output rate above the threshold.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub batch_output: Option<Decimal>,
    /// Batch cache-read rate above the threshold.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub batch_cached_input: Option<Decimal>,
    /// Flex input rate above the threshold.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub flex_input: Option<Decimal>,
    /// Flex output rate above the threshold.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub flex_output: Option<Decimal>,
    /// Flex cache-read rate above the threshold.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub flex_cached_input: Option<Decimal>,
    /// Priority input rate above the threshold.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub priority_input: Option<Decimal>,
    /// Priority output rate above the threshold.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub priority_output: Option<Decimal>,
    /// Priority cache-read rate above the threshold.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub priority_cached_input: Option<Decimal>,
    /// Flex cache-write rate above the threshold.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub flex_cache_write: Option<Decimal>,
    /// Priority cache-write rate above the threshold.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub priority_cache_write: Option<Decimal>,
    /// Ultrafast input rate above the threshold.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub ultrafast_input: Option<Decimal>,
    /// Ultrafast output rate above the threshold.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub ultrafast_output: Option<Decimal>,
    /// Ultrafast cache-read rate above the threshold.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub ultrafast_cached_input: Option<Decimal>,
    /// Ultrafast cache-write rate above the threshold.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub ultrafast_cache_write: Option<Decimal>,
    /// Reasoning ("thinking") output rate above the threshold, where the
    /// model prices reasoning apart (Qwen's thinking mode).
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub reasoning: Option<Decimal>,
}

impl Prices {
    /// The context tiers, lowest threshold first: `long_context`, then
    /// `higher_tiers`. Tier `n` of the pricing rule is the `n`-th of these
    /// (tier 0 is the base rates).
    pub fn context_tiers(&self) -> impl Iterator<Item = &LongContextPrices> {
        self.long_context.iter().chain(self.higher_tiers.iter())
    }

    /// Tier `n` (1-based; 0 is the base rates).
    pub fn context_tier(&self, n: usize) -> Option<&LongContextPrices> {
        n.checked_sub(1).and_then(|i| self.context_tiers().nth(i))
    }
}

/// `LongContextPrices::get` and `slot` from one list of the kinds a
/// context tier has a rate for.
macro_rules! tier_rates {
    ($($kind:ident => $field:ident),* $(,)?) => {
        impl LongContextPrices {
            /// The long-context rate of `kind`, where the tier has one.
            pub fn get(&self, kind: PriceKind) -> Option<Decimal> {
                match kind {
                    $(PriceKind::$kind => self.$field,)*
                    _ => None,
                }
            }

            /// Where the tier stores the rate of `kind`; `None` for a kind
            /// that has no long-context rate (fees, audio).
            pub fn slot(&mut self, kind: PriceKind) -> Option<&mut Option<Decimal>> {
                match kind {
                    $(PriceKind::$kind => Some(&mut self.$field),)*
                    _ => None,
                }
            }
        }
    };
}

tier_rates! {
    Input => input,
    Output => output,
    CachedInput => cached_input,
    CacheWrite => cache_write,
    CacheWrite1h => cache_write_1h,
    CacheWrite12h => cache_write_12h,
    BatchInput => batch_input,
    BatchOutput => batch_output,
    BatchCachedInput => batch_cached_input,
    FlexInput => flex_input,
    FlexOutput => flex_output,
    FlexCachedInput => flex_cached_input,
    PriorityInput => priority_input,
    PriorityOutput => priority_output,
    PriorityCachedInput => priority_cached_input,
    FlexCacheWrite => flex_cache_write,
    PriorityCacheWrite => priority_cache_write,
    UltrafastInput => ultrafast_input,
    UltrafastOutput => ultrafast_output,
    UltrafastCachedInput => ultrafast_cached_input,
    UltrafastCacheWrite => ultrafast_cache_write,
    Reasoning => reasoning,
}

impl Prices {
    /// This sheet after a change that states `stated`'s rates. A stated
    /// rate replaces ours. A rate the change leaves out but that is priced
    /// beside a stated one (batch input beside input, reasoning beside
    /// output: its fallback chain in [`PRICE_KINDS`]) keeps its ratio to
    /// it, and so do the long-context rates unless the change states tiers.
    /// A rate whose ratio does not scale exactly is dropped (it then falls
    /// back with a warning) rather than rounded. Fees, searches and audio
    /// stay as they are.
    #[must_use]
    pub fn changed_to(&self, stated: &Prices) -> Prices {
        let mut next = self.clone();
        for info in &PRICE_KINDS {
            let rate = match stated.get(info.kind) {
                Some(rate) => Some(rate),
                None => self
                    .get(info.kind)
                    .and_then(|ours| self.scaled_like(info.kind, ours, stated)),
            };
            *next.slot(info.kind) = rate;
        }
        // A window's rates are absolute: a new sheet states its own or none.
        next.off_peak.clone_from(&stated.off_peak);
        if stated.long_context.is_some() {
            next.long_context.clone_from(&stated.long_context);
            next.higher_tiers.clone_from(&stated.higher_tiers);
            return next;
        }
        for tier in next
            .long_context
            .iter_mut()
            .chain(next.higher_tiers.iter_mut())
        {
            for info in &PRICE_KINDS {
                if let Some(slot) = tier.slot(info.kind)
                    && let Some(ours) = *slot
                {
                    *slot = self.scaled_like(info.kind, ours, stated);
                }
            }
        }
        next
    }

    /// `value` (a rate of `kind`) scaled by the change of the first rate on
    /// `kind`'s fallback chain that both sheets state; `value` itself when
    /// no rate on the chain changes; `None` when the ratio is not exact.
    fn scaled_like(&self, kind: PriceKind, value: Decimal, stated: &Prices) -> Option<Decimal> {
        let mut on_chain = Some(kind);
        while let Some(k) = on_chain {
            if let (Some(old), Some(new)) = (self.get(k), stated.get(k)) {
                let scaled = value.checked_mul(new)?.checked_div(old)?.normalize();
                // An inexact quotient fills all 28 digits, and multiplying it
                // back can round to equality; real rates have a few places.
                let exact = scaled.scale() <= MAX_RATE_PLACES
                    && scaled.checked_mul(old) == value.checked_mul(new);
                return exact.then_some(scaled);
            }
            on_chain = k.info().fallback;
        }
        Some(value)
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

/// The price tiers, from cheapest to dearest. See [`crate::pricing::tier_for`].
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Tier {
    /// Both prices are zero.
    Free,
    /// Blended 50/50 price below $0.20 per 1M tokens.
    Budget,
    /// Blended price from $0.20 to below $2 per 1M tokens.
    Standard,
    /// Blended price from $2 to below $10 per 1M tokens.
    Premium,
    /// Blended price of $10 or more per 1M tokens.
    Frontier,
}

impl Tier {
    /// The lowercase name used in the catalog and in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Free => "free",
            Tier::Budget => "budget",
            Tier::Standard => "standard",
            Tier::Premium => "premium",
            Tier::Frontier => "frontier",
        }
    }
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

/// The most decimal places a rate derived by ratio may have (per 1M
/// tokens, 12 places is a millionth of a millionth of a dollar).
const MAX_RATE_PLACES: u32 = 12;

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

impl Model {
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

    /// The prices in force on `day`.
    pub fn prices_on(&self, day: i64) -> &Prices {
        self.sheet_after(self.changes_in_force(day))
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
    fn the_price_kind_table_is_in_declaration_order_and_reads_its_own_field() {
        let mut prices = Prices::default();
        for (index, info) in PRICE_KINDS.iter().enumerate() {
            assert_eq!(info.kind as usize, index, "{}", info.field);
            *prices.slot(info.kind) = Some(Decimal::from(index + 1));
        }
        let json = serde_json::to_value(&prices).unwrap();
        for (index, info) in PRICE_KINDS.iter().enumerate() {
            assert_eq!(json[info.field], (index + 1).to_string(), "{}", info.field);
        }
    }
}
