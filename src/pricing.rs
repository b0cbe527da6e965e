//! The cost arithmetic, and nothing else: pure `Decimal` math over a model's
//! prices (USD per 1M tokens) and one request's token counts. No I/O.
//!
//! Rules, as in LiteLLM's `completion_cost` and genai-prices' `calc_price`:
//! - token counts describe **one request**; `requests` multiplies them;
//! - cached input tokens are part of the input, billed at the cache-read rate;
//! - when one request's input exceeds a long-context threshold, the higher
//!   rates apply to that whole request; an input larger than the context
//!   window cannot be one request, so it is read as total usage over several
//!   requests and priced at base rates, with a note;
//! - a price the catalog does not have is never taken as $0.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::catalog::model::{Prices, Tier};
use crate::quantity::{group_thousands, short_tokens};

/// One request's token counts, and how many such requests there are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Usage {
    /// Input tokens per request, cached ones included.
    pub input_tokens: u64,
    /// Of the input tokens, how many are read from the prompt cache.
    pub cached_input_tokens: u64,
    /// Output tokens per request.
    pub output_tokens: u64,
    /// Number of identical requests.
    pub requests: u64,
}

impl Usage {
    /// One request of `input` and `output` tokens.
    pub fn single(input_tokens: u64, output_tokens: u64) -> Self {
        Usage {
            input_tokens,
            cached_input_tokens: 0,
            output_tokens,
            requests: 1,
        }
    }
}

/// Which priced quantity a bill line is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LineItem {
    /// Input tokens not read from the cache.
    Input,
    /// Input tokens read from the prompt cache.
    CachedInput,
    /// Output tokens.
    Output,
}

impl LineItem {
    /// The label used in tables.
    pub fn label(self) -> &'static str {
        match self {
            LineItem::Input => "input",
            LineItem::CachedInput => "cached input",
            LineItem::Output => "output",
        }
    }
}

/// One itemized line: `tokens × rate / 1M = amount`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BillLine {
    /// What is priced.
    pub item: LineItem,
    /// Tokens over all requests.
    pub tokens: u64,
    /// USD per 1M tokens.
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub rate_per_million: Decimal,
    /// USD.
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub amount: Decimal,
}

/// An itemized bill. `total` is exactly the sum of the lines' amounts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bill {
    /// The itemized lines.
    pub lines: Vec<BillLine>,
    /// USD.
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub total: Decimal,
    /// How a rule shaped the bill (long context, context window), one line each.
    pub notes: Vec<String>,
    /// Where a missing price was worked around, one line each.
    pub warnings: Vec<String>,
}

/// Why a workload could not be priced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PricingError {
    /// The catalog has no price for a dimension the workload uses.
    MissingPrice(&'static str),
    /// More cached input tokens than input tokens.
    CachedExceedsInput,
    /// The numbers are too large for exact arithmetic.
    Overflow,
}

impl std::fmt::Display for PricingError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PricingError::MissingPrice(what) => write!(
                f,
                "the catalog has no {what} price for this model, so its cost is unknown"
            ),
            PricingError::CachedExceedsInput => {
                f.write_str("--cached-in is part of --in and cannot be larger than it")
            }
            PricingError::Overflow => f.write_str("the workload is too large to price exactly"),
        }
    }
}

impl std::error::Error for PricingError {}

const MILLION: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);

/// The rates that apply to one request, after the long-context rule.
struct Rates {
    input: Option<Decimal>,
    cached_input: Option<Decimal>,
    output: Option<Decimal>,
}

fn rates_for(
    prices: &Prices,
    usage: &Usage,
    context_window: Option<u64>,
    notes: &mut Vec<String>,
) -> Rates {
    let base = Rates {
        input: prices.input,
        cached_input: prices.cached_input,
        output: prices.output,
    };
    let over_window = context_window.is_some_and(|w| w > 0 && usage.input_tokens > w);
    if over_window {
        notes.push(format!(
            "{} input tokens exceed the {} context window of one request; priced as total usage over several requests at base rates",
            group_thousands(usage.input_tokens),
            short_tokens(context_window.unwrap_or_default()),
        ));
        return base;
    }
    let Some(long) = &prices.long_context else {
        return base;
    };
    if usage.input_tokens > long.threshold {
        notes.push(format!(
            "each request's input ({}) exceeds {} tokens, so the long-context rates apply to the whole request",
            group_thousands(usage.input_tokens),
            short_tokens(long.threshold),
        ));
        Rates {
            input: long.input.or(base.input),
            cached_input: long.cached_input.or(base.cached_input),
            output: long.output.or(base.output),
        }
    } else {
        if usage.input_tokens > 0 {
            notes.push(format!(
                "base rates: each request's input is within the {} long-context threshold",
                short_tokens(long.threshold),
            ));
        }
        base
    }
}

/// Prices `usage` with `prices`. `context_window` decides whether an input is
/// one request or total usage (see the module doc).
pub fn price(
    prices: &Prices,
    usage: &Usage,
    context_window: Option<u64>,
) -> Result<Bill, PricingError> {
    if usage.cached_input_tokens > usage.input_tokens {
        return Err(PricingError::CachedExceedsInput);
    }
    let mut notes = Vec::new();
    let mut warnings = Vec::new();
    let rates = rates_for(prices, usage, context_window, &mut notes);
    let uncached = usage.input_tokens - usage.cached_input_tokens;

    let mut lines = Vec::new();
    let mut add = |item: LineItem, per_request: u64, rate: Decimal| -> Result<(), PricingError> {
        let tokens = per_request
            .checked_mul(usage.requests)
            .ok_or(PricingError::Overflow)?;
        let amount = line_amount(tokens, rate)?;
        lines.push(BillLine {
            item,
            tokens,
            rate_per_million: rate.normalize(),
            amount,
        });
        Ok(())
    };

    let input_rate = rates.input;
    match input_rate {
        Some(rate) => add(LineItem::Input, uncached, rate)?,
        None if uncached > 0 => return Err(PricingError::MissingPrice("input")),
        None => {}
    }
    if usage.cached_input_tokens > 0 {
        match (rates.cached_input, input_rate) {
            (Some(rate), _) => add(LineItem::CachedInput, usage.cached_input_tokens, rate)?,
            (None, Some(rate)) => {
                warnings.push(
                    "the catalog has no cache-read price for this model; cached input is billed at the full input rate"
                        .to_string(),
                );
                add(LineItem::CachedInput, usage.cached_input_tokens, rate)?;
            }
            (None, None) => return Err(PricingError::MissingPrice("input")),
        }
    }
    match rates.output {
        Some(rate) => add(LineItem::Output, usage.output_tokens, rate)?,
        None if usage.output_tokens > 0 => return Err(PricingError::MissingPrice("output")),
        None => {}
    }

    let mut total = Decimal::ZERO;
    for line in &lines {
        total = total
            .checked_add(line.amount)
            .ok_or(PricingError::Overflow)?;
    }
    Ok(Bill {
        lines,
        total: total.normalize(),
        notes,
        warnings,
    })
}

/// `tokens × rate_per_million / 1M`, exactly.
fn line_amount(tokens: u64, rate_per_million: Decimal) -> Result<Decimal, PricingError> {
    Decimal::from(tokens)
        .checked_mul(rate_per_million)
        .and_then(|v| v.checked_div(MILLION))
        .map(|d| d.normalize())
        .ok_or(PricingError::Overflow)
}

/// Splits `total` tokens by a mix such as 50/50 or 3:1. Input gets its share
/// rounded to the nearest token (half to even); output gets the rest, so the
/// two always add up to `total`.
pub fn split_total(total: u64, input_part: Decimal, output_part: Decimal) -> Option<(u64, u64)> {
    let parts = input_part.checked_add(output_part)?;
    if parts.is_zero() {
        return None;
    }
    let input = Decimal::from(total)
        .checked_mul(input_part)?
        .checked_div(parts)?
        .round();
    let input = u64::try_from(input).ok()?.min(total);
    Some((input, total - input))
}

/// The price tier of a model with these prices: from the 50/50 blended price
/// per 1M tokens, `(input + output) / 2`. Free when both are zero; budget
/// below $0.20; standard below $2; premium below $10; frontier from $10.
/// `None` when either price is unknown.
pub fn tier_for(prices: &Prices) -> Option<Tier> {
    let (input, output) = (prices.input?, prices.output?);
    if input.is_zero() && output.is_zero() {
        return Some(Tier::Free);
    }
    let blended = input.checked_add(output)? / Decimal::TWO;
    Some(if blended < Decimal::new(20, 2) {
        Tier::Budget
    } else if blended < Decimal::TWO {
        Tier::Standard
    } else if blended < Decimal::TEN {
        Tier::Premium
    } else {
        Tier::Frontier
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::model::LongContextPrices;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn seed() -> Prices {
        Prices {
            input: Some(d("0.35")),
            output: Some(d("0.56")),
            ..Prices::default()
        }
    }

    #[test]
    fn seed_bill_is_exact() {
        let bill = price(&seed(), &Usage::single(1_000_000, 1_000_000), Some(128_000)).unwrap();
        assert_eq!(bill.total.to_string(), "0.91");
        assert_eq!(bill.lines.len(), 2);
        assert_eq!(bill.lines[0].amount.to_string(), "0.35");
        assert_eq!(bill.lines[1].amount.to_string(), "0.56");
        assert_eq!(
            bill.notes.len(),
            1,
            "1M input exceeds 128k: {:?}",
            bill.notes
        );
    }

    #[test]
    fn fifty_fifty_workload() {
        let (input, output) = split_total(1_000_000, d("50"), d("50")).unwrap();
        let bill = price(&seed(), &Usage::single(input, output), None).unwrap();
        assert_eq!(bill.total.to_string(), "0.455");
    }

    #[test]
    fn requests_multiply_and_cache_is_part_of_input() {
        let prices = Prices {
            cached_input: Some(d("0.035")),
            ..seed()
        };
        let usage = Usage {
            input_tokens: 1000,
            cached_input_tokens: 400,
            output_tokens: 100,
            requests: 3,
        };
        let bill = price(&prices, &usage, None).unwrap();
        let amounts: Vec<String> = bill.lines.iter().map(|l| l.amount.to_string()).collect();
        assert_eq!(amounts, ["0.00063", "0.000042", "0.000168"]);
        assert_eq!(bill.total.to_string(), "0.00084");
    }

    #[test]
    fn missing_prices_are_never_zero() {
        let prices = Prices {
            input: Some(d("1")),
            ..Prices::default()
        };
        assert_eq!(
            price(&prices, &Usage::single(10, 10), None),
            Err(PricingError::MissingPrice("output"))
        );
        assert!(price(&prices, &Usage::single(10, 0), None).is_ok());
        let cached = Usage {
            cached_input_tokens: 5,
            ..Usage::single(10, 0)
        };
        let bill = price(&prices, &cached, None).unwrap();
        assert_eq!(bill.warnings.len(), 1);
        assert_eq!(bill.total.to_string(), "0.00001");
    }

    #[test]
    fn long_context_applies_to_the_whole_request() {
        let prices = Prices {
            input: Some(d("1.25")),
            output: Some(d("10")),
            long_context: Some(LongContextPrices {
                threshold: 200_000,
                input: Some(d("2.5")),
                output: Some(d("15")),
                cached_input: None,
            }),
            ..Prices::default()
        };
        let long = price(&prices, &Usage::single(300_000, 1_000), Some(1_048_576)).unwrap();
        assert_eq!(long.total.to_string(), "0.765");
        let short = price(&prices, &Usage::single(200_000, 1_000), Some(1_048_576)).unwrap();
        assert_eq!(short.total.to_string(), "0.26");
        let over_window = price(&prices, &Usage::single(2_000_000, 0), Some(1_048_576)).unwrap();
        assert_eq!(over_window.total.to_string(), "2.5");
    }

    #[test]
    fn overflow_is_an_error_not_a_panic() {
        let usage = Usage {
            requests: u64::MAX,
            ..Usage::single(u64::MAX, u64::MAX)
        };
        assert_eq!(price(&seed(), &usage, None), Err(PricingError::Overflow));
        let huge = Prices {
            input: Some(Decimal::MAX),
            output: Some(Decimal::MAX),
            ..Prices::default()
        };
        assert_eq!(
            price(&huge, &Usage::single(u64::MAX, 1), None),
            Err(PricingError::Overflow)
        );
        assert_eq!(tier_for(&huge), None);
    }

    #[test]
    fn tiers_follow_the_blended_price() {
        assert_eq!(tier_for(&seed()), Some(Tier::Standard));
        let p = |i: &str, o: &str| Prices {
            input: Some(d(i)),
            output: Some(d(o)),
            ..Prices::default()
        };
        assert_eq!(tier_for(&p("0", "0")), Some(Tier::Free));
        assert_eq!(tier_for(&p("0.1", "0.2")), Some(Tier::Budget));
        assert_eq!(tier_for(&p("2.5", "10")), Some(Tier::Premium));
        assert_eq!(tier_for(&p("15", "75")), Some(Tier::Frontier));
        assert_eq!(tier_for(&Prices::default()), None);
    }

    #[test]
    fn split_keeps_the_total() {
        assert_eq!(
            split_total(1_000_000, d("3"), d("1")),
            Some((750_000, 250_000))
        );
        assert_eq!(split_total(10, d("1"), d("2")), Some((3, 7)));
        assert_eq!(split_total(5, d("0"), d("1")), Some((0, 5)));
    }
}
