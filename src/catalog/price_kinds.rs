//! Every kind of rate a price sheet can hold, as one table
//! ([`PRICE_KINDS`]): a [`RateKind`] (what is billed) in a [`Mode`] (how
//! the request is served), with its catalog field, its name, its unit and
//! what stands in for it when a sheet lacks it.

use rust_decimal::Decimal;
use serde::Serialize;

use super::modes::{SearchContext, ServiceTier};

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

    /// How many of what it counts its price is for: a price per 1M tokens
    /// is for 1,000,000.
    pub fn quantity(self) -> u32 {
        match self {
            Unit::PerMillionTokens => 1_000_000,
            Unit::PerThousandRequests | Unit::PerThousandSearches => 1_000,
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

/// How a request is served, where that has prices of its own: one price
/// sheet each. Batch is a mode, not a flag beside the service tier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// The standard sheet every model has.
    Standard,
    /// The batch API.
    Batch,
    /// The flex service tier (slower, cheaper).
    Flex,
    /// The priority service tier (faster, dearer).
    Priority,
    /// The ultrafast service tier (GPT-6).
    Ultrafast,
}

impl Mode {
    /// Every mode, the standard one first.
    pub const ALL: [Mode; 5] = [
        Mode::Standard,
        Mode::Batch,
        Mode::Flex,
        Mode::Priority,
        Mode::Ultrafast,
    ];

    /// How a sentence names it (`batch`, `flex tier`).
    pub fn label(self) -> &'static str {
        match self {
            Mode::Standard => "standard",
            Mode::Batch => "batch",
            Mode::Flex => "flex tier",
            Mode::Priority => "priority tier",
            Mode::Ultrafast => "ultrafast tier",
        }
    }

    /// The mode a request on `tier` (and through batch, if `batch`) is
    /// billed in; batch wins, as providers serve batch on its own tier.
    pub fn of(batch: bool, tier: ServiceTier) -> Mode {
        match (batch, tier) {
            (true, _) => Mode::Batch,
            (false, ServiceTier::Standard) => Mode::Standard,
            (false, ServiceTier::Flex) => Mode::Flex,
            (false, ServiceTier::Priority) => Mode::Priority,
            (false, ServiceTier::Ultrafast) => Mode::Ultrafast,
        }
    }

    /// Whether a request in this mode goes through batch, and on which
    /// service tier: the inverse of [`Mode::of`].
    pub fn batch_and_tier(self) -> (bool, ServiceTier) {
        match self {
            Mode::Standard => (false, ServiceTier::Standard),
            Mode::Batch => (true, ServiceTier::Standard),
            Mode::Flex => (false, ServiceTier::Flex),
            Mode::Priority => (false, ServiceTier::Priority),
            Mode::Ultrafast => (false, ServiceTier::Ultrafast),
        }
    }
}

/// [`RateKind`] and `Sheet`, with `get` and `slot` by kind, from one list:
/// a new rate is a row here and a row of [`PRICE_KINDS`].
macro_rules! sheet {
    ($($(#[doc = $doc:literal])* $kind:ident => $field:ident,)*) => {
        /// A price sheet's rows: what each rate bills. A sheet per [`Mode`]
        /// holds a price for some of them; [`PRICE_KINDS`] says which.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[serde(rename_all = "snake_case")]
        pub enum RateKind {
            $($(#[doc = $doc])* $kind,)*
        }

        impl RateKind {
            /// How many there are.
            pub const COUNT: usize = [$(RateKind::$kind),*].len();
        }

        /// One mode's rates in USD, each per its unit (per 1M tokens, per
        /// 1k requests or searches). A rate the provider does not state is
        /// `None`: what stands in for it is [`PRICE_KINDS`]' fallback.
        #[derive(Debug, Clone, Default, PartialEq, Eq)]
        pub struct Sheet {
            $($(#[doc = $doc])* pub $field: Option<Decimal>,)*
        }

        impl Sheet {
            /// The rate of `rate`.
            pub fn get(&self, rate: RateKind) -> Option<Decimal> {
                match rate {
                    $(RateKind::$kind => self.$field,)*
                }
            }

            /// Where the rate of `rate` is stored.
            pub fn slot(&mut self, rate: RateKind) -> &mut Option<Decimal> {
                match rate {
                    $(RateKind::$kind => &mut self.$field,)*
                }
            }
        }
    };
}

sheet! {
    /// Uncached input tokens.
    Input => input,
    /// Output tokens.
    Output => output,
    /// Input tokens read from the prompt cache.
    CachedInput => cached_input,
    /// Input tokens written to the prompt cache (5-minute cache where there are two).
    CacheWrite => cache_write,
    /// Input tokens written to the 1-hour prompt cache.
    CacheWrite1h => cache_write_1h,
    /// Input tokens written to the 12-hour prompt cache.
    CacheWrite12h => cache_write_12h,
    /// Reasoning tokens, where they have a rate of their own (else they are output).
    Reasoning => reasoning,
    /// A fee per 1,000 requests with low search context (Perplexity's default).
    RequestLow => request_low,
    /// The fee per 1,000 requests with medium search context.
    RequestMedium => request_medium,
    /// The fee per 1,000 requests with high search context.
    RequestHigh => request_high,
    /// The web search tool, per 1,000 searches (Anthropic's, OpenAI's, Gemini grounding).
    WebSearch => web_search,
    /// Audio input tokens (speech in), where they cost more than text.
    AudioInput => audio_input,
    /// Audio output tokens (speech out).
    AudioOutput => audio_output,
    /// Image input tokens, where the sources state a rate apart from text
    /// (else they are input tokens at the input rate, as providers bill them).
    ImageInput => image_input,
    /// Image output tokens (image generation).
    ImageOutput => image_output,
    /// Video input tokens, where the sources state a rate apart from text.
    VideoInput => video_input,
    /// Video output tokens (Gemini Omni).
    VideoOutput => video_output,
    /// Audio input tokens read from the prompt cache.
    CachedAudioInput => cached_audio_input,
    /// Citation tokens (Perplexity's deep research), beside input and output.
    Citation => citation,
}

impl RateKind {
    /// The kind whose mode rates (batch, flex, priority) this one's follow:
    /// the 5-minute cache write for the 1-hour and 12-hour ones, else itself.
    #[must_use]
    pub fn ratio_base(self) -> RateKind {
        match self {
            RateKind::CacheWrite1h | RateKind::CacheWrite12h => RateKind::CacheWrite,
            other => other,
        }
    }
}

/// One rate: a [`RateKind`] in a [`Mode`]. Only the pairs [`PRICE_KINDS`]
/// lists exist, so every kind has a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PriceKind {
    mode: Mode,
    rate: RateKind,
}

impl Serialize for PriceKind {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.field())
    }
}

impl From<RateKind> for PriceKind {
    fn from(rate: RateKind) -> Self {
        PriceKind::standard(rate)
    }
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
    /// A mode's rate falls back to the standard one.
    pub fallback: Option<PriceKind>,
    /// How a message names this rate when it is missing (`cache-read`).
    pub missing: &'static str,
    /// What a warning says is billed instead.
    pub instead: &'static str,
    /// The rate these tokens are billed at, without a warning, when the
    /// catalog states none of their own: providers bill image and video
    /// input as input tokens unless their price list says otherwise.
    pub billed_as: Option<PriceKind>,
    /// Why these tokens cost nothing where the catalog states no rate of
    /// their own (a note names it); `None` where a missing rate is missing.
    pub free_unless_stated: Option<&'static str>,
}

impl PriceKindInfo {
    /// This row, its tokens free where no rate is stated, for `why`.
    const fn free_unless_stated(self, why: &'static str) -> PriceKindInfo {
        PriceKindInfo {
            free_unless_stated: Some(why),
            ..self
        }
    }
}

/// A standard sheet's row.
#[allow(clippy::too_many_arguments)] // one table row, read as one
const fn standard(
    rate: RateKind,
    field: &'static str,
    label: &'static str,
    unit: Unit,
    fallback: Option<RateKind>,
    billed_as: Option<RateKind>,
    missing: &'static str,
    instead: &'static str,
) -> PriceKindInfo {
    const fn kind(rate: Option<RateKind>) -> Option<PriceKind> {
        match rate {
            Some(rate) => Some(PriceKind::standard(rate)),
            None => None,
        }
    }
    PriceKindInfo {
        kind: PriceKind::standard(rate),
        field,
        label,
        unit,
        fallback: kind(fallback),
        missing,
        instead,
        billed_as: kind(billed_as),
        free_unless_stated: None,
    }
}

/// A mode's row: per 1M tokens, falling back to the standard rate.
const fn in_mode(
    mode: Mode,
    rate: RateKind,
    field: &'static str,
    label: &'static str,
    missing: &'static str,
    instead: &'static str,
) -> PriceKindInfo {
    PriceKindInfo {
        kind: PriceKind { mode, rate },
        field,
        label,
        unit: Unit::PerMillionTokens,
        fallback: Some(PriceKind::standard(rate)),
        missing,
        instead,
        billed_as: None,
        free_unless_stated: None,
    }
}

/// The rates, in catalog order: parsing, validation, export, `show`,
/// `catalog update` and pricing all read this table, so a new rate is one
/// row (and, for a new kind, one [`RateKind`] and one field of `Sheet`).
pub const PRICE_KINDS: [PriceKindInfo; 38] = {
    use Mode::{Batch, Flex, Priority, Ultrafast};
    use RateKind::{
        AudioInput, AudioOutput, CacheWrite, CacheWrite1h, CacheWrite12h, CachedAudioInput,
        CachedInput, Citation, ImageInput, ImageOutput, Input, Output, Reasoning, RequestHigh,
        RequestLow, RequestMedium, VideoInput, VideoOutput, WebSearch,
    };
    use Unit::{PerMillionTokens, PerThousandRequests, PerThousandSearches};
    [
        standard(
            Input,
            "input",
            "Input",
            PerMillionTokens,
            None,
            None,
            "input",
            "",
        ),
        standard(
            Output,
            "output",
            "Output",
            PerMillionTokens,
            None,
            None,
            "output",
            "",
        ),
        standard(
            CachedInput,
            "cached_input",
            "Cached input",
            PerMillionTokens,
            Some(Input),
            None,
            "cache-read",
            "cached input is billed at the input rate",
        ),
        standard(
            CacheWrite,
            "cache_write",
            "Cache write (5 min)",
            PerMillionTokens,
            Some(Input),
            None,
            "cache-write",
            "cache writes are billed at the input rate",
        ),
        standard(
            CacheWrite1h,
            "cache_write_1h",
            "Cache write (1 h)",
            PerMillionTokens,
            Some(CacheWrite),
            None,
            "1-hour cache-write",
            "cache writes are billed at the 5-minute cache-write rate, else the input rate",
        ),
        standard(
            CacheWrite12h,
            "cache_write_12h",
            "Cache write (12 h)",
            PerMillionTokens,
            Some(CacheWrite1h),
            None,
            "12-hour cache-write",
            "cache writes are billed at the 1-hour cache-write rate, else the 5-minute one, else the input rate",
        ),
        in_mode(
            Batch,
            Input,
            "batch_input",
            "Batch input",
            "batch input",
            "the standard input rate is used",
        ),
        in_mode(
            Batch,
            Output,
            "batch_output",
            "Batch output",
            "batch output",
            "the standard output rate is used",
        ),
        in_mode(
            Batch,
            CachedInput,
            "batch_cached_input",
            "Batch cached input",
            "batch cache-read",
            "cache reads are billed at the cache-read rate",
        ),
        in_mode(
            Batch,
            CacheWrite,
            "batch_cache_write",
            "Batch cache write",
            "batch cache-write",
            "cache writes are billed at the cache-write rate",
        ),
        standard(
            Reasoning,
            "reasoning",
            "Reasoning",
            PerMillionTokens,
            Some(Output),
            None,
            "reasoning",
            "reasoning tokens are billed at the output rate",
        ),
        in_mode(
            Flex,
            Input,
            "flex_input",
            "Flex input",
            "flex input",
            "the standard input rate is used",
        ),
        in_mode(
            Flex,
            Output,
            "flex_output",
            "Flex output",
            "flex output",
            "the standard output rate is used",
        ),
        in_mode(
            Flex,
            CachedInput,
            "flex_cached_input",
            "Flex cached input",
            "flex cache-read",
            "cache reads are billed at the standard cache-read rate",
        ),
        in_mode(
            Priority,
            Input,
            "priority_input",
            "Priority input",
            "priority input",
            "the standard input rate is used",
        ),
        in_mode(
            Priority,
            Output,
            "priority_output",
            "Priority output",
            "priority output",
            "the standard output rate is used",
        ),
        in_mode(
            Priority,
            CachedInput,
            "priority_cached_input",
            "Priority cached input",
            "priority cache-read",
            "cache reads are billed at the standard cache-read rate",
        ),
        standard(
            RequestLow,
            "request_low",
            "Request fee (low search context)",
            PerThousandRequests,
            None,
            None,
            "request fee",
            "",
        ),
        standard(
            RequestMedium,
            "request_medium",
            "Request fee (medium search context)",
            PerThousandRequests,
            None,
            None,
            "medium request fee",
            "",
        ),
        standard(
            RequestHigh,
            "request_high",
            "Request fee (high search context)",
            PerThousandRequests,
            None,
            None,
            "high request fee",
            "",
        ),
        standard(
            WebSearch,
            "web_search",
            "Web search",
            PerThousandSearches,
            None,
            None,
            "web search",
            "",
        ),
        standard(
            AudioInput,
            "audio_input",
            "Audio input",
            PerMillionTokens,
            None,
            None,
            "audio input",
            "",
        ),
        standard(
            AudioOutput,
            "audio_output",
            "Audio output",
            PerMillionTokens,
            None,
            None,
            "audio output",
            "",
        ),
        standard(
            ImageInput,
            "image_input",
            "Image input",
            PerMillionTokens,
            None,
            Some(Input),
            "image input",
            "",
        ),
        standard(
            ImageOutput,
            "image_output",
            "Image output",
            PerMillionTokens,
            None,
            None,
            "image output",
            "",
        ),
        standard(
            VideoInput,
            "video_input",
            "Video input",
            PerMillionTokens,
            None,
            Some(Input),
            "video input",
            "",
        ),
        standard(
            VideoOutput,
            "video_output",
            "Video output",
            PerMillionTokens,
            None,
            None,
            "video output",
            "",
        ),
        in_mode(
            Flex,
            CacheWrite,
            "flex_cache_write",
            "Flex cache write",
            "flex cache-write",
            "cache writes are billed at the standard cache-write rate",
        ),
        in_mode(
            Priority,
            CacheWrite,
            "priority_cache_write",
            "Priority cache write",
            "priority cache-write",
            "cache writes are billed at the standard cache-write rate",
        ),
        in_mode(
            Batch,
            AudioInput,
            "batch_audio_input",
            "Batch audio input",
            "batch audio input",
            "audio is billed at the standard audio rate",
        ),
        in_mode(
            Flex,
            AudioInput,
            "flex_audio_input",
            "Flex audio input",
            "flex audio input",
            "audio is billed at the standard audio rate",
        ),
        in_mode(
            Priority,
            AudioInput,
            "priority_audio_input",
            "Priority audio input",
            "priority audio input",
            "audio is billed at the standard audio rate",
        ),
        in_mode(
            Ultrafast,
            Input,
            "ultrafast_input",
            "Ultrafast input",
            "ultrafast input",
            "the standard input rate is used",
        ),
        in_mode(
            Ultrafast,
            Output,
            "ultrafast_output",
            "Ultrafast output",
            "ultrafast output",
            "the standard output rate is used",
        ),
        in_mode(
            Ultrafast,
            CachedInput,
            "ultrafast_cached_input",
            "Ultrafast cached input",
            "ultrafast cache-read",
            "cache reads are billed at the standard cache-read rate",
        ),
        in_mode(
            Ultrafast,
            CacheWrite,
            "ultrafast_cache_write",
            "Ultrafast cache write",
            "ultrafast cache-write",
            "cache writes are billed at the standard cache-write rate",
        ),
        standard(
            CachedAudioInput,
            "cached_audio_input",
            "Cached audio input",
            PerMillionTokens,
            Some(CachedInput),
            None,
            "cached audio",
            "cached audio is billed at the cache-read rate",
        ),
        // Perplexity stopped billing citation tokens on 2025-04-18 except
        // on Sonar Deep Research, whose citation rate the sources state.
        standard(
            Citation,
            "citation",
            "Citation tokens",
            PerMillionTokens,
            None,
            None,
            "citation",
            "",
        )
        .free_unless_stated(
            "this model states no citation rate (Perplexity bills citation tokens only on Sonar Deep Research, since 2025-04-18)",
        ),
    ]
};

/// No row.
const ABSENT: u8 = u8::MAX;

/// Each kind's row in [`PRICE_KINDS`], by mode and rate (`ABSENT` for a
/// pair the table lacks).
const ROW_OF: [[u8; RateKind::COUNT]; 5] = {
    let mut rows = [[ABSENT; RateKind::COUNT]; 5];
    let mut i = 0;
    while i < PRICE_KINDS.len() {
        let kind = PRICE_KINDS[i].kind;
        // The table has 38 rows: the index fits.
        #[allow(clippy::cast_possible_truncation)]
        let row = i as u8;
        rows[kind.mode as usize][kind.rate as usize] = row;
        i += 1;
    }
    rows
};

impl PriceKind {
    /// `rate` on the standard sheet (every rate has a row there).
    pub const fn standard(rate: RateKind) -> PriceKind {
        PriceKind {
            mode: Mode::Standard,
            rate,
        }
    }

    /// `rate` in `mode`, where the table has such a rate.
    pub fn in_mode(mode: Mode, rate: RateKind) -> Option<PriceKind> {
        (ROW_OF[mode as usize][rate as usize] != ABSENT).then_some(PriceKind { mode, rate })
    }

    /// Which sheet holds it.
    pub fn mode(self) -> Mode {
        self.mode
    }

    /// What it bills.
    pub fn rate(self) -> RateKind {
        self.rate
    }

    /// This kind's row of [`PRICE_KINDS`].
    pub fn info(self) -> &'static PriceKindInfo {
        // Kinds are made only from the table's pairs, so the row exists.
        &PRICE_KINDS[usize::from(ROW_OF[self.mode as usize][self.rate as usize])]
    }

    /// The catalog field name.
    pub fn field(self) -> &'static str {
        self.info().field
    }

    /// The kind whose catalog field is `field`.
    pub fn named(field: &str) -> Option<PriceKind> {
        PRICE_KINDS
            .iter()
            .find(|i| i.field == field)
            .map(|i| i.kind)
    }

    /// The same rate in `mode`, where a provider can price it apart: a
    /// 1-hour or 12-hour cache write has none of its own, and is derived
    /// from the 5-minute one's.
    pub fn on(self, mode: Mode) -> Option<PriceKind> {
        PriceKind::in_mode(mode, self.rate.ratio_base())
    }
}

impl SearchContext {
    /// The request-fee rate for this context size.
    pub fn fee(self) -> RateKind {
        match self {
            SearchContext::Low => RateKind::RequestLow,
            SearchContext::Medium => RateKind::RequestMedium,
            SearchContext::High => RateKind::RequestHigh,
        }
    }
}
