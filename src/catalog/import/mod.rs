//! Importers: turn public pricing catalogs into llmcost models. One file per
//! source format; this module holds what they share.

pub mod genai_prices;
pub mod litellm;
pub mod models_dev;
pub mod openrouter;

use rust_decimal::Decimal;
use serde_json::Value;

/// Significant digits a JSON float carries faithfully: every decimal of at
/// most 15 digits survives a round trip through an IEEE double.
const FLOAT_DIGITS: u32 = 15;

/// Reads an exact decimal from a JSON number or string, keeping the text as
/// written (`1.5e-07` stays exactly 0.00000015). A JSON number with more
/// than 15 significant digits is float noise from the source's arithmetic
/// (`0.049999999999999996`, a computed $0.05): it becomes the shortest
/// decimal of at most 15 digits that the same double would print as.
/// Strings are decimal text already and are kept exactly. `None` for
/// anything else, including numbers too large or too precise for a `Decimal`.
pub fn exact_decimal(value: &Value) -> Option<Decimal> {
    let (text, from_float) = match value {
        Value::Number(n) => (n.to_string(), true),
        Value::String(s) => (s.trim().to_string(), false),
        _ => return None,
    };
    let exact = if text.contains(['e', 'E']) {
        Decimal::from_scientific(&text).ok()
    } else {
        Decimal::from_str_exact(&text).ok()
    }?;
    if from_float && significant_digits(exact) > FLOAT_DIGITS {
        return exact.round_sf(FLOAT_DIGITS).map(|d| d.normalize());
    }
    Some(exact)
}

fn significant_digits(value: Decimal) -> u32 {
    let digits = value.normalize().mantissa().unsigned_abs().to_string();
    digits.trim_start_matches('0').len() as u32
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
    /// Entries retired before the catalog's date (kept, marked by their date).
    pub deprecated: usize,
    /// Entries skipped by a provider's id rules (regional copies, fine-tunes).
    pub excluded: usize,
    /// Entries whose id another entry already had.
    pub duplicate: usize,
    /// genai-prices `price_variants` (batch and service-tier sheets) left
    /// out because their long-context tier has no place in the base sheet.
    pub variants_left_out: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_noise_becomes_the_decimal_the_source_meant() {
        let v: Value = serde_json::from_str(
            "[0.049999999999999996, 0.30000000000000004, 1.5e-07, \"0.049999999999999996\"]",
        )
        .unwrap();
        let got: Vec<String> = v
            .as_array()
            .unwrap()
            .iter()
            .map(|x| exact_decimal(x).unwrap().to_string())
            .collect();
        assert_eq!(got, ["0.05", "0.3", "0.00000015", "0.049999999999999996"]);
    }

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
