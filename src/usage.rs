//! What a workload counts: one request's tokens by kind, its web searches
//! and how many requests, with the rules that tie the parts to their
//! wholes. [`COUNTS`] lists every counted quantity once, with its name (the
//! same in the flat record, `--normalize`'s columns, the SQL usage table,
//! the MCP tools and Python's keywords), its flag and the whole it is part
//! of: the tool schemas, the normalized rows, the SQL checks and `tally`'s
//! sums read it, and tests check the flags and Python against it.
//!
//! Below pricing and above the catalog: a model's media refusals are read
//! here, against its listed modalities.

use serde::Serialize;

use crate::catalog::model::{Model, PriceKind, Prices, RateKind};

/// One request's token counts, and how many such requests there are.
/// Cache reads and cache writes are parts of the input; reasoning tokens are
/// part of the output (as OpenAI and Anthropic report them).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Usage {
    /// Input tokens per request, cache reads and writes included.
    pub input_tokens: u64,
    /// Of the input tokens, how many are read from the prompt cache.
    pub cached_input_tokens: u64,
    /// Of the cache reads, how many are audio, billed at the cached audio
    /// rate (Gemini's cached audio costs more than cached text).
    #[serde(skip_serializing_if = "is_zero")]
    pub cached_audio_input_tokens: u64,
    /// Of the input tokens, how many are written to the prompt cache, at the
    /// rate [`crate::pricing::PriceOptions::cache_ttl`] picks.
    pub cache_write_tokens: u64,
    /// Of the input tokens, how many are written to the 1-hour cache whatever
    /// `cache_ttl` says: logs that split writes by lifetime (Anthropic's
    /// `cache_creation.ephemeral_1h_input_tokens`) put them here.
    #[serde(skip_serializing_if = "is_zero")]
    pub cache_write_1h_tokens: u64,
    /// Output tokens per request, reasoning included.
    pub output_tokens: u64,
    /// Of the output tokens, how many are reasoning ("thinking") tokens.
    pub reasoning_tokens: u64,
    /// Number of identical requests.
    pub requests: u64,
    /// Web searches (the search tool's calls) per request.
    #[serde(skip_serializing_if = "is_zero")]
    pub web_searches: u64,
    /// Of the input tokens not read from or written to the cache, how many
    /// are audio, billed at the audio input rate.
    #[serde(skip_serializing_if = "is_zero")]
    pub audio_input_tokens: u64,
    /// Of the output tokens, how many are audio, billed at the audio output rate.
    #[serde(skip_serializing_if = "is_zero")]
    pub audio_output_tokens: u64,
    /// Of the input tokens not read from or written to the cache, how many
    /// are images, billed at the image input rate where the model has one,
    /// else at the input rate.
    #[serde(skip_serializing_if = "is_zero")]
    pub image_input_tokens: u64,
    /// Of the output tokens, how many are generated images.
    #[serde(skip_serializing_if = "is_zero")]
    pub image_output_tokens: u64,
    /// Of the input tokens not read from or written to the cache, how many
    /// are video, billed like image input.
    #[serde(skip_serializing_if = "is_zero")]
    pub video_input_tokens: u64,
    /// Of the output tokens, how many are generated video.
    #[serde(skip_serializing_if = "is_zero")]
    pub video_output_tokens: u64,
    /// Citation tokens per request, beside the input and output (Perplexity's
    /// deep research bills the sources it reads at a rate of their own).
    #[serde(skip_serializing_if = "is_zero")]
    pub citation_tokens: u64,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes `&T`
pub(crate) fn is_zero(n: &u64) -> bool {
    *n == 0
}

impl Usage {
    /// Input tokens read from or written to the cache, or `None` on overflow.
    pub(crate) fn cached_and_written(&self) -> Option<u64> {
        self.cached_input_tokens
            .checked_add(self.cache_write_tokens)?
            .checked_add(self.cache_write_1h_tokens)
    }

    /// Input tokens that are not plain text at the input rate: cache reads,
    /// cache writes, audio, images and video.
    pub(crate) fn input_parts(&self) -> Option<u64> {
        self.cached_and_written()?.checked_add(self.media(true)?)
    }

    /// The audio, image and video tokens of the input (`input`) or of the
    /// output, or `None` on overflow.
    pub(crate) fn media(&self, input: bool) -> Option<u64> {
        MEDIA_PARTS
            .iter()
            .filter(|part| part.input == input)
            .try_fold(0u64, |sum, part| sum.checked_add(part.tokens(self)))
    }

    /// Output tokens billed apart from text: audio, images, video, and
    /// reasoning when it has its own rate (`separate_reasoning`).
    pub(crate) fn output_parts(&self, separate_reasoning: bool) -> Option<u64> {
        let reasoning = if separate_reasoning {
            self.reasoning_tokens
        } else {
            0
        };
        reasoning.checked_add(self.media(false)?)
    }

    /// Checks that the parts fit their wholes: cache reads and writes within
    /// the input, reasoning within the output. Every reader of usage (flags,
    /// logs, the library) checks here.
    pub fn check(&self) -> Result<(), Inconsistent> {
        let cached_and_written = self.cached_and_written().ok_or(Inconsistent::Overflow)?;
        if cached_and_written > self.input_tokens {
            return Err(Inconsistent::CacheExceedsInput);
        }
        if self.reasoning_tokens > self.output_tokens {
            return Err(Inconsistent::ReasoningExceedsOutput);
        }
        if self.cached_audio_input_tokens > self.cached_input_tokens {
            return Err(Inconsistent::CachedAudioExceedsCached);
        }
        if self.input_parts().ok_or(Inconsistent::Overflow)? > self.input_tokens {
            return Err(Inconsistent::AudioExceedsInput);
        }
        if self.media(false).ok_or(Inconsistent::Overflow)? > self.output_tokens {
            return Err(Inconsistent::AudioExceedsOutput);
        }
        Ok(())
    }

    /// One request of `input` and `output` tokens.
    pub fn single(input_tokens: u64, output_tokens: u64) -> Self {
        Usage {
            input_tokens,
            output_tokens,
            requests: 1,
            ..Usage::default()
        }
    }
}

/// What makes a count an audio, image or video part of a request's input
/// or output: the rate it is billed at and how the sources name it. The
/// parts checks, `cost --explain`, a model's refusal of a modality and
/// the SQL read these rows of [`COUNTS`] through [`MEDIA_PARTS`].
#[derive(Debug, Clone, Copy)]
pub struct Media {
    /// The rate it is billed at.
    pub kind: PriceKind,
    /// The modality as the sources list it (`audio`, `image`, `video`).
    pub modality: &'static str,
    /// A part of the input, else of the output.
    pub input: bool,
}

/// A media count: its row of [`COUNTS`] and what makes it media.
pub struct MediaPart {
    /// Its row.
    pub count: &'static Counted,
    /// Its rate and modality.
    pub media: Media,
}

impl MediaPart {
    /// Its tokens in `usage`.
    pub fn tokens(&self, usage: &Usage) -> u64 {
        (self.count.get)(usage)
    }

    /// The flag that gives it (`--audio-in`).
    pub fn flag(&self) -> &'static str {
        self.count.flag.unwrap_or(self.count.name)
    }
}

impl std::ops::Deref for MediaPart {
    type Target = Media;

    fn deref(&self) -> &Media {
        &self.media
    }
}

/// The media parts, inputs first, each in the order audio, image, video:
/// the rows of [`COUNTS`] with a [`Media`], in a fixed order.
pub const MEDIA_PARTS: [MediaPart; 6] = {
    let order = [7, 9, 11, 8, 10, 12];
    let mut i = 0;
    let mut parts = [const { None }; 6];
    while i < order.len() {
        let count = &COUNTS[order[i]];
        let Some(media) = count.media else {
            panic!("a media part's row has no media")
        };
        parts[i] = Some(MediaPart { count, media });
        i += 1;
    }
    let [Some(a), Some(b), Some(c), Some(d), Some(e), Some(f)] = parts else {
        panic!("six media parts")
    };
    [a, b, c, d, e, f]
};

/// Which of the counts a catalog may have no rate for `usage` has, one bit
/// per row of [`COUNTS`] (audio, images, video, citations, web searches):
/// requests that differ here are priced apart, so a missing rate leaves
/// unpriced only the requests that need it.
pub fn parts_used(usage: &Usage) -> u16 {
    // Read per log line: only the rows a rate of their own bills.
    let mut bits = 0;
    for (i, counted) in COUNTS.iter().enumerate() {
        if PRICED_APART & 1 << i != 0 && (counted.get)(usage) > 0 {
            bits |= 1 << i;
        }
    }
    bits
}

/// The rows of [`COUNTS`] that [`Counted::priced_apart`], one bit each.
const PRICED_APART: u16 = {
    let mut bits = 0;
    let mut i = 0;
    while i < COUNTS.len() {
        if COUNTS[i].priced_apart() {
            bits |= 1 << i;
        }
        i += 1;
    }
    bits
};

impl Counted {
    /// Whether a rate of its own bills it, which a catalog may lack: media,
    /// and counts beside the input and output (citations, web searches).
    const fn priced_apart(&self) -> bool {
        let whole = same(self.name, "input_tokens") || same(self.name, "output_tokens");
        self.media.is_some() || (self.part_of.is_none() && !whole)
    }
}

/// `a == b`, in a constant.
const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Why a usage's parts do not fit their wholes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inconsistent {
    /// Cache reads and writes add up to more than the input.
    CacheExceedsInput,
    /// More reasoning tokens than output tokens.
    ReasoningExceedsOutput,
    /// Audio, image and video input tokens do not fit in the input beside
    /// cache reads and writes.
    AudioExceedsInput,
    /// More audio, image and video output tokens than output tokens.
    AudioExceedsOutput,
    /// More cached audio tokens than cache reads.
    CachedAudioExceedsCached,
    /// The counts are too large to add up.
    Overflow,
}

impl std::fmt::Display for Inconsistent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Inconsistent::CacheExceedsInput => {
                "cache reads and writes are parts of the input and cannot add up to more than it"
            }
            Inconsistent::ReasoningExceedsOutput => {
                "reasoning tokens are part of the output and cannot be more than it"
            }
            Inconsistent::AudioExceedsInput => {
                "audio, image and video input tokens are part of the input and, with cache reads and writes, cannot add up to more than it"
            }
            Inconsistent::AudioExceedsOutput => {
                "audio, image and video output tokens are part of the output and cannot add up to more than it"
            }
            Inconsistent::CachedAudioExceedsCached => {
                "cached audio tokens are part of the cache reads and cannot be more than them"
            }
            Inconsistent::Overflow => "the workload is too large to price exactly",
        })
    }
}

impl std::error::Error for Inconsistent {}

/// One counted quantity of a request: a row of [`COUNTS`].
pub struct Counted {
    /// Its name in the flat record, `--normalize`'s rows, the SQL usage
    /// table, the MCP tools and Python (`cached_input_tokens`).
    pub name: &'static str,
    /// The flag of `cost`, `compare` and `budget` that gives it per
    /// request; `None` for a count only logs state (1-hour cache writes,
    /// which the flags give as `--cache-write` with `--cache-ttl 1h`).
    pub flag: Option<&'static str>,
    /// What it counts: the flag's help and the tool schemas' description.
    pub help: &'static str,
    /// The quantity it is part of (`input_tokens`), if any.
    pub part_of: Option<&'static str>,
    /// Its count in a usage.
    pub get: fn(&Usage) -> u64,
    /// Where a usage holds it.
    pub slot: fn(&mut Usage) -> &mut u64,
    /// For audio, images and video: the rate and the modality.
    pub media: Option<Media>,
    /// For a count billed beside the input and output at a rate of its
    /// own (citations): that rate and its bill line's label.
    pub apart: Option<Apart>,
    /// For a count charged a fee each (web searches): the fee.
    pub fee: Option<Fee>,
}

/// How a count charged a fee each is billed: one fee line at its rate,
/// whose unit (per 1,000 searches) [`crate::catalog::model::PRICE_KINDS`]
/// states.
#[derive(Debug, Clone, Copy)]
pub struct Fee {
    /// The rate it is charged at.
    pub rate: RateKind,
    /// Its fee line's label (`web search`).
    pub label: &'static str,
    /// What it counts, short, for tables (`searches`).
    pub counted: &'static str,
}

/// How a count beside the input and output is billed: one bill line (in
/// `cost`, the SQL, `--explain`) at its own rate, per token.
#[derive(Debug, Clone, Copy)]
pub struct Apart {
    /// The rate it is billed at.
    pub rate: RateKind,
    /// Its bill line's label (`citations`).
    pub label: &'static str,
}

/// A constant for how many rows of [`COUNTS`] pass a test, and one
/// listing their indices in the table's order.
macro_rules! rows_of_counts {
    ($(#[doc = $count_doc:literal])* $count:ident, $(#[doc = $rows_doc:literal])* $rows:ident, |$row:ident| $test:expr) => {
        $(#[doc = $count_doc])*
        pub const $count: usize = {
            let (mut count, mut i) = (0, 0);
            while i < COUNTS.len() {
                let $row = &COUNTS[i];
                if $test {
                    count += 1;
                }
                i += 1;
            }
            count
        };

        $(#[doc = $rows_doc])*
        pub const $rows: [usize; $count] = {
            let mut rows = [0; $count];
            let (mut found, mut i) = (0, 0);
            while i < COUNTS.len() {
                let $row = &COUNTS[i];
                if $test {
                    rows[found] = i;
                    found += 1;
                }
                i += 1;
            }
            rows
        };
    };
}

rows_of_counts!(
    /// How many rows of [`COUNTS`] are billed apart ([`Counted::apart`]).
    APART_COUNT,
    /// The rows of [`COUNTS`] billed apart, by index.
    APART,
    |row| row.apart.is_some()
);

rows_of_counts!(
    /// How many rows of [`COUNTS`] are charged a fee each ([`Counted::fee`]).
    FEE_COUNT,
    /// The rows of [`COUNTS`] charged a fee each, by index.
    FEES,
    |row| row.fee.is_some()
);

impl Usage {
    /// The counts charged a fee each, in [`FEES`] order, each `times`
    /// (the requests a per-request usage stands for); `None` on overflow.
    pub fn fee_counts(&self, times: u64) -> Option<[u64; FEE_COUNT]> {
        let mut counts = [0; FEE_COUNT];
        for (count, &row) in counts.iter_mut().zip(&FEES) {
            *count = (COUNTS[row].get)(self).checked_mul(times)?;
        }
        Some(counts)
    }

    /// This usage without the counts charged a fee each: what the token
    /// rates bill.
    #[must_use]
    pub fn without_fees(mut self) -> Usage {
        for &row in &FEES {
            *(COUNTS[row].slot)(&mut self) = 0;
        }
        self
    }
}

rows_of_counts!(
    /// How many rows of [`COUNTS`] are part of no other count.
    WHOLE_COUNT,
    /// The rows of [`COUNTS`] that are part of no other (input, output,
    /// and the counts beside them): every other is bounded by one of them.
    WHOLES,
    |row| row.part_of.is_none()
);

macro_rules! counted {
    ($field:ident, $flag:expr, $part_of:expr, $help:literal) => {
        Counted {
            name: stringify!($field),
            flag: $flag,
            help: $help,
            part_of: $part_of,
            get: |u| u.$field,
            slot: |u| &mut u.$field,
            media: None,
            apart: None,
            fee: None,
        }
    };
    ($field:ident, $flag:expr, $part_of:expr, $help:literal, fee $kind:ident, $label:literal, $counted:literal) => {
        Counted {
            fee: Some(Fee {
                rate: RateKind::$kind,
                label: $label,
                counted: $counted,
            }),
            ..counted!($field, $flag, $part_of, $help)
        }
    };
    ($field:ident, $flag:expr, $part_of:expr, $help:literal, apart $kind:ident, $label:literal) => {
        Counted {
            apart: Some(Apart {
                rate: RateKind::$kind,
                label: $label,
            }),
            ..counted!($field, $flag, $part_of, $help)
        }
    };
    ($field:ident, $flag:expr, $part_of:expr, $help:literal, $kind:ident, $modality:literal, $input:literal) => {
        Counted {
            media: Some(Media {
                kind: PriceKind::standard(RateKind::$kind),
                modality: $modality,
                input: $input,
            }),
            ..counted!($field, $flag, $part_of, $help)
        }
    };
}

/// Every counted quantity but `requests`, in the order of `--normalize`'s
/// columns.
pub const COUNTS: [Counted; 15] = [
    counted!(
        input_tokens,
        Some("--in"),
        None,
        "Input tokens per request (cached ones included)"
    ),
    counted!(
        cached_input_tokens,
        Some("--cached-in"),
        Some("input_tokens"),
        "Of the input tokens, how many are read from the prompt cache"
    ),
    counted!(
        cached_audio_input_tokens,
        Some("--cached-audio-in"),
        Some("cached_input_tokens"),
        "Of the cached input tokens, how many are audio (the cached audio rate, where the model has one)"
    ),
    counted!(
        cache_write_tokens,
        Some("--cache-write"),
        Some("input_tokens"),
        "Of the input tokens, how many are written to the prompt cache"
    ),
    counted!(
        cache_write_1h_tokens,
        None,
        Some("input_tokens"),
        "Of the input tokens, how many are written to the 1-hour cache"
    ),
    counted!(
        output_tokens,
        Some("--out"),
        None,
        "Output tokens per request"
    ),
    counted!(
        reasoning_tokens,
        Some("--reasoning"),
        Some("output_tokens"),
        "Of the output tokens, how many are reasoning tokens (billed at the model's reasoning rate if it has one, else as output; never twice)"
    ),
    counted!(
        audio_input_tokens,
        Some("--audio-in"),
        Some("input_tokens"),
        "Of the input tokens, how many are audio (billed at the model's audio input rate; a model without one cannot take audio)",
        AudioInput,
        "audio",
        true
    ),
    counted!(
        audio_output_tokens,
        Some("--audio-out"),
        Some("output_tokens"),
        "Of the output tokens, how many are audio (the audio output rate)",
        AudioOutput,
        "audio",
        false
    ),
    counted!(
        image_input_tokens,
        Some("--image-in"),
        Some("input_tokens"),
        "Of the input tokens, how many are images (the model's image input rate, else the input rate; a model that takes no images cannot)",
        ImageInput,
        "image",
        true
    ),
    counted!(
        image_output_tokens,
        Some("--image-out"),
        Some("output_tokens"),
        "Of the output tokens, how many are generated images (the image output rate)",
        ImageOutput,
        "image",
        false
    ),
    counted!(
        video_input_tokens,
        Some("--video-in"),
        Some("input_tokens"),
        "Of the input tokens, how many are video (the model's video input rate, else the input rate; a model that takes no video cannot)",
        VideoInput,
        "video",
        true
    ),
    counted!(
        video_output_tokens,
        Some("--video-out"),
        Some("output_tokens"),
        "Of the output tokens, how many are generated video (the video output rate)",
        VideoOutput,
        "video",
        false
    ),
    counted!(
        citation_tokens,
        Some("--citations"),
        None,
        "Citation tokens per request, beside the input and output (Perplexity's deep research)",
        apart Citation,
        "citations"
    ),
    counted!(
        web_searches,
        Some("--web-searches"),
        None,
        "Web searches per request (the search tool's calls, priced per search)",
        fee WebSearch,
        "web search",
        "searches"
    ),
];

impl Usage {
    /// Why `model` cannot take this usage's audio, images or video, where
    /// the sources list its modalities and the list lacks one the usage
    /// has (`gpt-4o does not take audio input (its input: text, image,
    /// pdf)`); `None` when it can, or when no source says.
    pub fn refused_by(&self, model: &Model) -> Option<String> {
        MEDIA_PARTS.iter().find_map(|part| {
            let (modality, input) = (part.modality, part.input);
            let (listed, way) = if input {
                (&model.modalities.input, "input")
            } else {
                (&model.modalities.output, "output")
            };
            let vision_says_no =
                input && modality == "image" && model.capabilities.vision == Some(false);
            let list_says_no = !listed.is_empty() && !listed.iter().any(|m| m == modality);
            let sees_images =
                input && modality == "image" && model.capabilities.vision == Some(true);
            (part.tokens(self) > 0 && (vision_says_no || (list_says_no && !sees_images))).then(
                || {
                    let known = if listed.is_empty() {
                        String::new()
                    } else {
                        format!(" (its {way}: {})", listed.join(", "))
                    };
                    format!(
                        "{}/{} does not take {modality} {way}{known}",
                        model.provider, model.id
                    )
                },
            )
        })
    }

    /// Whether this usage has audio, generated image or video tokens
    /// `prices` have no rate for (image and video input are billed as
    /// input).
    pub fn lacks_a_rate_in(&self, prices: &Prices) -> bool {
        MEDIA_PARTS.iter().any(|part| {
            part.tokens(self) > 0
                && part.kind.info().billed_as.is_none()
                && prices.get(part.kind).is_none()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{COUNTS, MEDIA_PARTS};

    #[test]
    fn the_media_parts_are_the_media_rows_inputs_first() {
        let names: Vec<&str> = MEDIA_PARTS.iter().map(|p| p.count.name).collect();
        assert_eq!(
            names,
            [
                "audio_input_tokens",
                "image_input_tokens",
                "video_input_tokens",
                "audio_output_tokens",
                "image_output_tokens",
                "video_output_tokens"
            ]
        );
        assert_eq!(COUNTS.iter().filter(|c| c.media.is_some()).count(), 6);
    }

    #[test]
    fn every_part_names_a_whole_in_the_table() {
        for counted in &COUNTS {
            if let Some(whole) = counted.part_of {
                assert!(COUNTS.iter().any(|c| c.name == whole), "{}", counted.name);
            }
        }
    }
}
