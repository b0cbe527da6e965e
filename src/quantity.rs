//! Token and request counts as people type them (`1M`, `1.5M`, `250k`,
//! `2B`, `1_000_000`, `1,000,000`, `0`), and counts and money as people
//! read them (`1,000,000`, `128k`, `$0.91`). Suffixes are case-insensitive
//! and decimal (k = 1,000). A count must be a whole, non-negative number
//! that fits in a `u64`; anything else is an error that quotes the value.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;

/// Why a quantity could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuantityError {
    value: String,
    reason: &'static str,
}

impl fmt::Display for QuantityError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "'{}' {}", self.value, self.reason)
    }
}

impl std::error::Error for QuantityError {}

/// Longest input we try to read; anything longer is garbage, not a count.
const MAX_LEN: usize = 64;

/// Tokens per page of English prose, for the context-size comparison.
pub const TOKENS_PER_PAGE: u64 = 500;

/// Tokens per line of code, for the context-size comparison.
pub const TOKENS_PER_LINE_OF_CODE: u64 = 8;

/// Parses a count such as `1.5M` into a whole number.
pub fn parse_quantity(text: &str) -> Result<u64, QuantityError> {
    let fail = |reason| QuantityError {
        value: shorten(text),
        reason,
    };
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(fail(
            "is empty; expected a count such as 1000, 250k or 1.5M",
        ));
    }
    if trimmed.len() > MAX_LEN {
        return Err(fail("is too long to be a count"));
    }
    if trimmed.starts_with('-') {
        return Err(fail("is negative; a count must be 0 or more"));
    }
    let (number, multiplier) = split_suffix(trimmed);
    let digits: String = number.chars().filter(|c| *c != '_' && *c != ',').collect();
    let valid = !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
        && digits.chars().filter(|c| *c == '.').count() <= 1
        && digits.chars().any(|c| c.is_ascii_digit())
        && !number.starts_with(['_', ','])
        && !number.ends_with(['_', ',']);
    if !valid {
        return Err(fail(
            "is not a count; expected digits with an optional k, M, B or T suffix (e.g. 250k, 1.5M)",
        ));
    }
    let value = Decimal::from_str(&digits).map_err(|_| fail("is too large"))?;
    let scaled = value
        .checked_mul(Decimal::from(multiplier))
        .ok_or_else(|| fail("is too large"))?;
    if scaled.fract() != Decimal::ZERO {
        return Err(fail("is not a whole number of tokens"));
    }
    u64::try_from(scaled).map_err(|_| fail("is too large"))
}

fn split_suffix(text: &str) -> (&str, u64) {
    let Some(last) = text.chars().last() else {
        return (text, 1);
    };
    let multiplier = match last.to_ascii_lowercase() {
        'k' => 1_000,
        'm' => 1_000_000,
        'b' => 1_000_000_000,
        't' => 1_000_000_000_000,
        _ => return (text, 1),
    };
    (&text[..text.len() - last.len_utf8()], multiplier)
}

fn shorten(text: &str) -> String {
    if text.chars().count() <= MAX_LEN {
        text.to_string()
    } else {
        let head: String = text.chars().take(MAX_LEN).collect();
        format!("{head}…")
    }
}

/// Parses a mix such as `50/50`, `3:1` or `75/25` into its two parts
/// (input, output). Parts are non-negative decimals and not both zero.
pub fn parse_mix(text: &str) -> Result<(Decimal, Decimal), QuantityError> {
    let fail = |reason| QuantityError {
        value: shorten(text),
        reason,
    };
    let (a, b) = text
        .trim()
        .split_once(['/', ':'])
        .ok_or_else(|| fail("is not a mix; expected IN/OUT or IN:OUT, e.g. 50/50 or 3:1"))?;
    let part = |s: &str| {
        let s = s.trim().trim_end_matches('%');
        if s.is_empty() || s.len() > MAX_LEN || !s.chars().all(|c| c.is_ascii_digit() || c == '.') {
            return None;
        }
        Decimal::from_str(s).ok()
    };
    let (Some(input), Some(output)) = (part(a), part(b)) else {
        return Err(fail(
            "is not a mix; expected IN/OUT or IN:OUT, e.g. 50/50 or 3:1",
        ));
    };
    if input.is_zero() && output.is_zero() {
        return Err(fail("is not a mix; both parts are zero"));
    }
    Ok((input, output))
}

/// Parses a price in USD such as `1`, `0.35` or `$2.50`: a non-negative
/// decimal, kept exact.
pub fn parse_price(text: &str) -> Result<Decimal, QuantityError> {
    let fail = |reason| QuantityError {
        value: shorten(text),
        reason,
    };
    let digits = text.trim().trim_start_matches('$');
    if digits.starts_with('-') {
        return Err(fail("is negative; a price must be 0 or more"));
    }
    let valid = !digits.is_empty()
        && digits.len() <= MAX_LEN
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
        && digits.chars().filter(|c| *c == '.').count() <= 1
        && digits.chars().any(|c| c.is_ascii_digit());
    if !valid {
        return Err(fail("is not a price; expected USD such as 1 or 0.35"));
    }
    Decimal::from_str(digits).map_err(|_| fail("is too large"))
}

/// Formats a count with thousands separators: `1,000,000`.
pub fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Formats a token count such as a context window, in decimal units (`128k`
/// is 128,000, as the flags read it): whole thousands are shortened exactly
/// (`128k`, `1M`, `1.5M`); anything else shows at least one
/// decimal and three significant digits in the unit that fits (`1.05M` for
/// 1,048,576, `991.8k` for 991,808), so a window that is not round never
/// looks round. Below 1,000 the count is printed as it is.
pub fn short_tokens(n: u64) -> String {
    if n < 1_000 {
        return n.to_string();
    }
    if n.is_multiple_of(1_000_000) {
        return format!("{}M", n / 1_000_000);
    }
    if n.is_multiple_of(1_000) {
        return if n < 1_000_000 {
            format!("{}k", n / 1_000)
        } else {
            format!(
                "{}M",
                (Decimal::from(n) / Decimal::from(1_000_000)).normalize()
            )
        };
    }
    // A count that is not a round number of thousands, below ten
    // thousand, is short enough in full (a 4,096-token window).
    if n < 10_000 {
        return group_thousands(n);
    }
    // Three significant digits, without a stray zero (2.1M, not 2.10M).
    let in_unit = |unit: u64| {
        let whole_digits = (n / unit).max(1).to_string().len() as u32;
        let places = 3u32.saturating_sub(whole_digits).max(1);
        (Decimal::from(n) / Decimal::from(unit))
            .round_dp_with_strategy(places, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
            .normalize()
    };
    let thousands = in_unit(1_000);
    let (short, unit) = if n < 1_000_000 && thousands < Decimal::ONE_THOUSAND {
        (thousands, "k")
    } else {
        (in_unit(1_000_000), "M")
    };
    // A count that is not round never reads as round: in full instead.
    if short.fract().is_zero() {
        return group_thousands(n);
    }
    format!("{short}{unit}")
}

/// Formats USD exactly, with thousands separators and at least two decimals:
/// `$0.91`, `$0.455`, `$1,234.50`, `$0.000042`.
pub fn usd(amount: Decimal) -> String {
    usd_places(amount, 2)
}

/// Formats USD exactly with at least `places` decimals (more where the
/// amount has them, so nothing is rounded away): `usd_places(0.015, 5)` is
/// `$0.01500`.
pub fn usd_places(amount: Decimal, places: u32) -> String {
    let mut value = amount.normalize();
    if value.scale() < places {
        value.rescale(places);
    }
    let sign = if value.is_sign_negative() && !value.is_zero() {
        "-"
    } else {
        ""
    };
    let text = value.abs().to_string();
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let whole = whole
        .parse::<u64>()
        .map_or_else(|_| whole.to_string(), group_thousands);
    if fraction.is_empty() {
        format!("{sign}${whole}")
    } else {
        format!("{sign}${whole}.{fraction}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_suffixes_and_separators() {
        assert_eq!(parse_quantity("1M"), Ok(1_000_000));
        assert_eq!(parse_quantity("1m"), Ok(1_000_000));
        assert_eq!(parse_quantity("1.5M"), Ok(1_500_000));
        assert_eq!(parse_quantity("250k"), Ok(250_000));
        assert_eq!(parse_quantity("250K"), Ok(250_000));
        assert_eq!(parse_quantity("2B"), Ok(2_000_000_000));
        assert_eq!(parse_quantity("1_000_000"), Ok(1_000_000));
        assert_eq!(parse_quantity("1,000,000"), Ok(1_000_000));
        assert_eq!(parse_quantity("0"), Ok(0));
        assert_eq!(parse_quantity(" 42 "), Ok(42));
        assert_eq!(parse_quantity("0.5k"), Ok(500));
        assert_eq!(parse_quantity(".5k"), Ok(500));
        assert_eq!(parse_quantity("18446744073709551615"), Ok(u64::MAX));
    }

    #[test]
    fn rejects_bad_values_with_the_value_quoted() {
        for bad in [
            "", "-1", "1.5", "1.0001k", "abc", "1MM", "1e6", "1..5k", "_1", "1_", "k", ".",
        ] {
            let err = parse_quantity(bad).expect_err(bad);
            assert!(err.to_string().starts_with(&format!("'{bad}'")), "{err}");
        }
        assert_eq!(
            parse_quantity("18446744073709551616")
                .unwrap_err()
                .to_string(),
            "'18446744073709551616' is too large"
        );
        assert_eq!(
            parse_quantity("99999999999999999999999999999999T")
                .unwrap_err()
                .to_string(),
            "'99999999999999999999999999999999T' is too large"
        );
        assert_eq!(
            parse_quantity("1.5").unwrap_err().to_string(),
            "'1.5' is not a whole number of tokens"
        );
    }

    #[test]
    fn reads_mixes() {
        assert_eq!(
            parse_mix("50/50"),
            Ok((Decimal::from(50), Decimal::from(50)))
        );
        assert_eq!(parse_mix("3:1"), Ok((Decimal::from(3), Decimal::from(1))));
        assert_eq!(
            parse_mix("75%/25%"),
            Ok((Decimal::from(75), Decimal::from(25)))
        );
        for bad in ["", "50", "a/b", "0/0", "-1/2", "1/2/3"] {
            assert!(parse_mix(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn formats_counts() {
        assert_eq!(group_thousands(0), "0");
        assert_eq!(group_thousands(999), "999");
        assert_eq!(group_thousands(1_000_000), "1,000,000");
        assert_eq!(short_tokens(128_000), "128k");
        // Decimal units: 131,072 is not 128k, and never reads as round.
        assert_eq!(short_tokens(131_072), "131.1k");
        assert_eq!(short_tokens(1_048_576), "1.05M");
        assert_eq!(short_tokens(991_808), "991.8k");
        assert_eq!(short_tokens(2_000_000), "2M");
        assert_eq!(short_tokens(2_097_152), "2.1M");
        assert_eq!(short_tokens(200_000), "200k");
        assert_eq!(short_tokens(4_097), "4,097");
        assert_eq!(short_tokens(4_096), "4,096");
        assert_eq!(short_tokens(999_999), "999,999");
        assert_eq!(short_tokens(1_500_000), "1.5M");
        assert_eq!(short_tokens(1_024_000), "1.024M");
        assert_eq!(short_tokens(999), "999");
    }
}
