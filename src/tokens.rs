//! Token counts of real text for `cost --in-file/--out-file`: exact with
//! OpenAI's tokenizer (tiktoken) for OpenAI models whose tokenizer is known,
//! otherwise a clearly labelled estimate of four characters per token.

use serde::Serialize;

use crate::catalog::model::Model;

/// Characters per token assumed by the estimate (OpenAI's rule of thumb for English).
pub const CHARS_PER_TOKEN: u64 = 4;

/// How a count was made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Method {
    /// Counted with the model's own tokenizer.
    Exact {
        /// The tokenizer's name (`o200k_base`, `cl100k_base`).
        tokenizer: &'static str,
    },
    /// Characters ÷ 4, rounded up.
    Estimate,
}

/// A token count and how it was made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TokenCount {
    /// Tokens.
    pub tokens: u64,
    /// Exact or estimated.
    pub method: Method,
}

impl TokenCount {
    /// "exact (o200k_base)" or "estimate (~4 characters per token)".
    pub fn describe(&self) -> String {
        match &self.method {
            Method::Exact { tokenizer } => format!("exact ({tokenizer})"),
            Method::Estimate => format!("estimate (~{CHARS_PER_TOKEN} characters per token)"),
        }
    }
}

fn tokenizer_name(tokenizer: tiktoken_rs::tokenizer::Tokenizer) -> &'static str {
    use tiktoken_rs::tokenizer::Tokenizer;
    match tokenizer {
        Tokenizer::O200kHarmony => "o200k_harmony",
        Tokenizer::O200kBase => "o200k_base",
        Tokenizer::Cl100kBase => "cl100k_base",
        Tokenizer::P50kBase => "p50k_base",
        Tokenizer::R50kBase => "r50k_base",
        Tokenizer::P50kEdit => "p50k_edit",
        Tokenizer::Gpt2 => "gpt2",
    }
}

/// Counts the tokens of `text` for `model`.
pub fn count(model: &Model, text: &str) -> TokenCount {
    let openai_model = model.provider == "openai" || model.vendor() == Some("openai");
    let short_id = model.id.rsplit('/').next().unwrap_or(&model.id);
    if openai_model
        && let Some(tokenizer) = tiktoken_rs::tokenizer::get_tokenizer(short_id)
        && let Ok(bpe) = tiktoken_rs::bpe_for_tokenizer(tokenizer)
    {
        return TokenCount {
            tokens: bpe.encode_with_special_tokens(text).len() as u64,
            method: Method::Exact {
                tokenizer: tokenizer_name(tokenizer),
            },
        };
    }
    TokenCount {
        tokens: (text.chars().count() as u64).div_ceil(CHARS_PER_TOKEN),
        method: Method::Estimate,
    }
}
