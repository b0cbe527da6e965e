//! The arithmetic's unit tests, with totals worked by hand.

use super::*;
use crate::catalog::model::{ContextTier, Sheet, Sheets, Tier};
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn seed() -> Prices {
    Prices {
        sheets: Sheet {
            input: Some(d("0.35")),
            output: Some(d("0.56")),
            ..Sheet::default()
        }
        .into(),
        ..Prices::default()
    }
}

#[test]
fn seed_bill_is_exact() {
    let bill = price(
        &seed(),
        &Usage::single(1_000_000, 1_000_000),
        &PriceOptions::default(),
        Some(128_000),
    )
    .unwrap();
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
    let bill = price(
        &seed(),
        &Usage::single(input, output),
        &PriceOptions::default(),
        None,
    )
    .unwrap();
    assert_eq!(bill.total.to_string(), "0.455");
}

#[test]
fn requests_multiply_and_cache_is_part_of_input() {
    let mut prices = seed();
    prices.cached_input = Some(d("0.035"));
    let usage = Usage {
        input_tokens: 1000,
        cached_input_tokens: 400,
        output_tokens: 100,
        requests: 3,
        ..Usage::default()
    };
    let bill = price(&prices, &usage, &PriceOptions::default(), None).unwrap();
    let amounts: Vec<String> = bill.lines.iter().map(|l| l.amount.to_string()).collect();
    assert_eq!(amounts, ["0.00063", "0.000042", "0.000168"]);
    assert_eq!(bill.total.to_string(), "0.00084");
}

#[test]
fn missing_prices_are_never_zero() {
    let prices = Prices {
        sheets: Sheet {
            input: Some(d("1")),
            ..Sheet::default()
        }
        .into(),
        ..Prices::default()
    };
    assert_eq!(
        price(
            &prices,
            &Usage::single(10, 10),
            &PriceOptions::default(),
            None
        ),
        Err(PricingError::MissingPrice("output"))
    );
    assert!(
        price(
            &prices,
            &Usage::single(10, 0),
            &PriceOptions::default(),
            None
        )
        .is_ok()
    );
    let cached = Usage {
        cached_input_tokens: 5,
        ..Usage::single(10, 0)
    };
    let bill = price(&prices, &cached, &PriceOptions::default(), None).unwrap();
    assert_eq!(bill.warnings.len(), 1);
    let strict = PriceOptions {
        strict: true,
        ..PriceOptions::default()
    };
    assert_eq!(
        price(&prices, &cached, &strict, None),
        Err(PricingError::MissingPrice("cache-read"))
    );
    assert_eq!(bill.total.to_string(), "0.00001");
}

#[test]
fn long_context_batch_rates_are_stated_or_keep_the_batch_ratio() {
    let mut prices = Prices {
        sheets: Sheets {
            standard: Sheet {
                input: Some(d("1.25")),
                output: Some(d("10")),
                ..Sheet::default()
            },
            modes: [(
                Mode::Batch,
                Sheet {
                    input: Some(d("0.625")),
                    output: Some(d("5")),
                    ..Sheet::default()
                },
            )]
            .into_iter()
            .filter(|(_, sheet)| !sheet.is_empty())
            .collect(),
        },
        long_context: Some(ContextTier {
            sheets: Sheet {
                input: Some(d("2.5")),
                output: Some(d("15")),
                ..Sheet::default()
            }
            .into(),
            threshold: 200_000,
        }),
        ..Prices::default()
    };
    let batch = PriceOptions {
        batch: true,
        ..PriceOptions::default()
    };
    let usage = Usage::single(300_000, 10_000);
    // No stated long-context batch rate: long × batch ÷ standard, so
    // 2.5 × 0.625 ÷ 1.25 = 1.25 and 15 × 5 ÷ 10 = 7.5:
    // 300,000 × 1.25 + 10,000 × 7.5 per 1M = $0.375 + $0.075.
    let bill = price(&prices, &usage, &batch, None).unwrap();
    assert_eq!(bill.total, d("0.45"));
    assert!(bill.warnings.is_empty(), "{:?}", bill.warnings);
    assert_eq!(
        bill.lines[0].rate_name,
        "long_context.input × batch_input ÷ input"
    );
    // A stated one wins: 300,000 × 1.2 + 10,000 × 7 per 1M = $0.36 + $0.07.
    if let Some(long) = prices.long_context.as_mut() {
        long.set(
            PriceKind::in_mode(Mode::Batch, RateKind::Input).unwrap(),
            Some(d("1.2")),
        );
        long.set(
            PriceKind::in_mode(Mode::Batch, RateKind::Output).unwrap(),
            Some(d("7")),
        );
    }
    let bill = price(&prices, &usage, &batch, None).unwrap();
    assert_eq!(bill.total, d("0.43"));
    assert_eq!(bill.lines[0].rate_name, "long_context.batch_input");
}

#[test]
fn long_context_applies_to_the_whole_request() {
    let prices = Prices {
        sheets: Sheet {
            input: Some(d("1.25")),
            output: Some(d("10")),
            ..Sheet::default()
        }
        .into(),
        long_context: Some(ContextTier {
            sheets: Sheet {
                input: Some(d("2.5")),
                output: Some(d("15")),
                cached_input: None,
                ..Sheet::default()
            }
            .into(),
            threshold: 200_000,
        }),
        ..Prices::default()
    };
    let long = price(
        &prices,
        &Usage::single(300_000, 1_000),
        &PriceOptions::default(),
        Some(1_048_576),
    )
    .unwrap();
    assert_eq!(long.total.to_string(), "0.765");
    let short = price(
        &prices,
        &Usage::single(200_000, 1_000),
        &PriceOptions::default(),
        Some(1_048_576),
    )
    .unwrap();
    assert_eq!(short.total.to_string(), "0.26");
    // Over the window, the long-context rates still apply:
    // 2,000,000 × $2.50 / 1M = $5.
    let over_window = price(
        &prices,
        &Usage::single(2_000_000, 0),
        &PriceOptions::default(),
        Some(1_048_576),
    )
    .unwrap();
    assert_eq!(over_window.total.to_string(), "5");
    assert_eq!(over_window.notes.len(), 2, "{:?}", over_window.notes);
}

#[test]
fn overflow_is_an_error_not_a_panic() {
    let usage = Usage {
        requests: u64::MAX,
        ..Usage::single(u64::MAX, u64::MAX)
    };
    assert_eq!(
        price(&seed(), &usage, &PriceOptions::default(), None),
        Err(PricingError::Overflow)
    );
    let huge = Prices {
        sheets: Sheet {
            input: Some(Decimal::MAX),
            output: Some(Decimal::MAX),
            ..Sheet::default()
        }
        .into(),
        ..Prices::default()
    };
    assert_eq!(
        price(
            &huge,
            &Usage::single(u64::MAX, 1),
            &PriceOptions::default(),
            None
        ),
        Err(PricingError::Overflow)
    );
    assert_eq!(huge.tier(), None);
}

#[test]
fn tiers_follow_the_blended_price() {
    assert_eq!(seed().tier(), Some(Tier::Standard));
    let p = |i: &str, o: &str| Prices {
        sheets: Sheet {
            input: Some(d(i)),
            output: Some(d(o)),
            ..Sheet::default()
        }
        .into(),
        ..Prices::default()
    };
    assert_eq!(p("0", "0").tier(), Some(Tier::Free));
    assert_eq!(p("0.1", "0.2").tier(), Some(Tier::Budget));
    assert_eq!(p("2.5", "10").tier(), Some(Tier::Premium));
    assert_eq!(p("15", "75").tier(), Some(Tier::Frontier));
    assert_eq!(Prices::default().tier(), None);
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
