//! Importers: turn public pricing catalogs into llmcost models. One file per
//! source format; this module holds what they share.

pub mod litellm;
pub mod models_dev;
pub mod openrouter;

use rust_decimal::Decimal;
use serde_json::Value;

/// Reads an exact decimal from a JSON number or string, keeping the text as
/// written (`1.5e-07` stays exactly 0.00000015). `None` for anything else,
/// including numbers too large or too precise for a `Decimal`.
pub fn exact_decimal(value: &Value) -> Option<Decimal> {
    let text = match value {
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.trim().to_string(),
        _ => return None,
    };
    if text.contains(['e', 'E']) {
        Decimal::from_scientific(&text).ok()
    } else {
        Decimal::from_str_exact(&text).ok()
    }
}

/// The strings of a JSON array (non-strings skipped); empty when absent.
pub fn string_list(value: Option<&Value>) -> Vec<String> {
    value
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// Converts a USD-per-token price to USD per 1M tokens, exactly.
pub fn per_million(per_token: Decimal) -> Option<Decimal> {
    per_token
        .checked_mul(Decimal::from(1_000_000))
        .map(|d| d.normalize())
}

/// What an import kept and what it passed over, for the build log.
#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ImportCounts {
    /// Models kept.
    pub imported: usize,
    /// Entries that are not chat models (embeddings, images, audio, …).
    pub not_chat: usize,
    /// Entries from providers the import was not asked for.
    pub other_provider: usize,
    /// Chat entries without an input or output price.
    pub unpriced: usize,
    /// Entries retired before the catalog's date.
    pub deprecated: usize,
    /// Entries skipped by a provider's id rules (regional copies, fine-tunes).
    pub excluded: usize,
    /// Entries whose id another entry already had.
    pub duplicate: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_json_numbers_exactly() {
        let v: Value =
            serde_json::from_str("[1.5e-07, 3.51e-07, 0.000002, \"0.00000035\", 1e400]").unwrap();
        let got: Vec<Option<String>> = v
            .as_array()
            .unwrap()
            .iter()
            .map(|x| {
                exact_decimal(x)
                    .and_then(per_million)
                    .map(|d| d.to_string())
            })
            .collect();
        assert_eq!(
            got,
            [
                Some("0.15".into()),
                Some("0.351".into()),
                Some("2".into()),
                Some("0.35".into()),
                None
            ]
        );
    }
}
