//! Where a model is in its life, as of the catalog's date: current,
//! retiring (a deprecation date ahead), retired (the date has passed),
//! preview or experimental (by its id or name), specialised (audio, search,
//! OCR, classifiers, base models: not general chat), or free (both prices
//! $0, usually a rate-limited free tier). Listings leave out what a user would
//! not pick for production unless asked (`--all`, or `--tier free`).

use serde::Serialize;

use super::model::Model;
use crate::dates::parse_day;

/// Days ahead within which a retirement is flagged.
pub const RETIRES_SOON_DAYS: i64 = 30;

/// A model's stage, most telling first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Its deprecation date is on or before the catalog's date.
    Retired,
    /// A preview or experimental release.
    Preview,
    /// Not a general chat model: audio, search, OCR, a safety classifier
    /// or a base (completion) model, by its id.
    Specialised,
    /// Input and output both cost $0.
    Free,
    /// A rate at or below $0.001 per 1M tokens (1e-9 per token): a
    /// source's placeholder (LiteLLM's FLUX ControlNet entry), not a price.
    Stub,
    /// Announced to retire on a later date.
    Retiring,
    /// None of the above.
    Current,
}

impl Stage {
    /// Whether listings show it without `--all`.
    pub fn listed_by_default(self) -> bool {
        matches!(self, Stage::Retiring | Stage::Current)
    }
}

/// Whether an id or name marks a preview or experimental release: a word
/// `preview`, `exp` or `experimental` between separators (`gemini-exp-1114`,
/// `gemini-3.1-pro-preview`), not inside another word (`expert`).
fn is_preview(text: &str) -> bool {
    has_word(text, &["preview", "exp", "experimental"])
}

/// Whether an id names a model that is not a general chat model: audio
/// (`gpt-audio`, `…-tts`), search (`gpt-4o-search-preview`), OCR, safety
/// classifiers (`llama-guard-3-8b`, `gpt-oss-safeguard-20b`) and base
/// completion models (`mistral-nemo-base-2407`).
fn is_specialised(id: &str) -> bool {
    // Image generators too (FLUX, ControlNet, Stable Diffusion), and an
    // OCR model named as one word (`paddleocr-vl`).
    has_word(
        id,
        &[
            "audio",
            "tts",
            "search",
            "ocr",
            "guard",
            "safeguard",
            "llamaguard",
            "base",
            "flux",
            "controlnet",
            "sdxl",
            "diffusion",
        ],
    ) || id
        .to_ascii_lowercase()
        .split(|c: char| !c.is_ascii_alphabetic())
        .any(|word| word.len() > 3 && word.ends_with("ocr"))
}

/// The largest rate per 1M tokens that is a placeholder, not a price.
const STUB_RATE: rust_decimal::Decimal = rust_decimal::Decimal::from_parts(1, 0, 0, false, 3);

/// Whether a rate is a source's placeholder: above $0 and at most
/// [`STUB_RATE`] per 1M tokens.
fn is_stub(rate: Option<rust_decimal::Decimal>) -> bool {
    rate.is_some_and(|r| r > rust_decimal::Decimal::ZERO && r <= STUB_RATE)
}

/// Whether one of `words` stands between separators in `text`.
fn has_word(text: &str, words: &[&str]) -> bool {
    text.to_ascii_lowercase()
        .split(|c: char| !c.is_ascii_alphabetic())
        .any(|word| words.contains(&word))
}

/// The model's stage on `today` (days since 1970-01-01).
pub fn stage(model: &Model, today: i64) -> Stage {
    let retires = model.deprecation_date.as_deref().and_then(parse_day);
    if model.retired || retires.is_some_and(|day| day <= today) {
        return Stage::Retired;
    }
    if is_preview(&model.id) || model.name.as_deref().is_some_and(is_preview) {
        return Stage::Preview;
    }
    if is_specialised(&model.id) {
        return Stage::Specialised;
    }
    let zero = |p: Option<rust_decimal::Decimal>| p.is_some_and(|p| p.is_zero());
    if zero(model.prices.input) && zero(model.prices.output) {
        return Stage::Free;
    }
    if is_stub(model.prices.input) || is_stub(model.prices.output) {
        return Stage::Stub;
    }
    if retires.is_some() {
        Stage::Retiring
    } else {
        Stage::Current
    }
}

/// One line about the stage, for `show` and `cost`, or `None` when current.
pub fn note(model: &Model, today: i64) -> Option<String> {
    let date = model.deprecation_date.as_deref().unwrap_or("");
    match stage(model, today) {
        Stage::Retired if date.is_empty() => Some(format!(
            "{} is retired (no source states the day): priced at its last known prices",
            model.id
        )),
        Stage::Retired => Some(format!("{} was retired on {date}", model.id)),
        Stage::Preview => Some(format!(
            "{} is a preview or experimental release: prices and availability may change",
            model.id
        )),
        Stage::Specialised => Some(format!(
            "{} is not a general chat model (audio, search, OCR, a safety classifier or a base model), so listings leave it out",
            model.id
        )),
        Stage::Free => Some(format!(
            "{} costs $0 at catalog prices: a free tier, usually rate-limited",
            model.id
        )),
        Stage::Stub => Some(format!(
            "{} has a rate at or below $0.001 per 1M tokens, a source's placeholder rather than a price, so listings leave it out",
            model.id
        )),
        Stage::Retiring => Some(format!("{} retires {date}", model.id)),
        Stage::Current => None,
    }
}

/// Whether the model retires within [`RETIRES_SOON_DAYS`] of `today`.
pub fn retires_soon(model: &Model, today: i64) -> bool {
    model
        .deprecation_date
        .as_deref()
        .and_then(parse_day)
        .is_some_and(|day| day > today && day - today <= RETIRES_SOON_DAYS)
}

/// Names the source of the model's retirement day: the list it came from
/// (`listed_by`, which stated `listed_day`), else the overlay that set
/// it. A model whose list states no day takes the earliest a witness
/// states, naming that witness.
pub fn settle_retirement(model: &mut Model, listed_by: &str, listed_day: Option<&str>) {
    if let Some(day) = model.deprecation_date.as_deref() {
        let source = if listed_day == Some(day) {
            listed_by
        } else {
            "overlay"
        };
        model.deprecation_source = Some(source.to_string());
        return;
    }
    let earliest = model
        .witnesses
        .iter()
        .filter_map(|w| Some((w.retires.as_deref()?, w.source.as_str())))
        .filter(|(day, _)| parse_day(day).is_some())
        .min();
    if let Some((day, source)) = earliest {
        model.deprecation_date = Some(day.to_string());
        model.deprecation_source = Some(source.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preview_words_are_whole_words() {
        assert!(is_preview("gemini-exp-1114"));
        assert!(is_preview("gemini-3.1-pro-preview"));
        assert!(is_preview("learnlm-1.5-pro-experimental"));
        assert!(!is_preview("mistral-expert"));
        assert!(!is_preview("gpt-4o"));
        assert!(is_specialised("accounts/fireworks/models/llama-guard-3-8b"));
        assert!(is_specialised("gpt-4o-mini-search-preview"));
        assert!(is_specialised("mistral-nemo-base-2407"));
        assert!(!is_specialised("gpt-5.1-codex-max"));
        assert!(!is_specialised("claude-haiku-4-5"));
    }
}
