//! Every kind of rate a price sheet can hold, as one table
//! ([`PRICE_KINDS`]): its catalog field, its name, its unit and what stands
//! in for it when a sheet lacks it; and which service tier has which.

use rust_decimal::Decimal;
use serde::Serialize;

use super::modes::ServiceTier;
use super::prices::Prices;

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
    Citation,
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
    pub(super) read: fn(&Prices) -> Option<Decimal>,
    pub(super) write: fn(&mut Prices) -> &mut Option<Decimal>,
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
pub const PRICE_KINDS: [PriceKindInfo; 38] = {
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
        price_kind!(
            Citation,
            citation,
            "Citation tokens",
            None,
            None,
            "citation",
            ""
        ),
    ]
};

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
