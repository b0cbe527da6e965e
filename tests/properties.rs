//! Property tests of the quantity parser and the pricing math (proptest).

use llmcost::catalog::model::{Prices, Sheet};
use llmcost::pricing::{PriceOptions, Usage, price, split_total};
use llmcost::quantity::{group_thousands, parse_mix, parse_price, parse_quantity};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// Prices per 1M tokens with up to 4 decimals, $0 to $100.
fn a_price() -> impl Strategy<Value = Decimal> {
    (0u32..1_000_000).prop_map(|n| Decimal::new(i64::from(n), 4))
}

fn prices() -> impl Strategy<Value = Prices> {
    (a_price(), a_price(), proptest::option::of(a_price())).prop_map(|(input, output, cached)| {
        Prices {
            sheets: Sheet {
                input: Some(input),
                output: Some(output),
                cached_input: cached,
                ..Sheet::default()
            }
            .into(),
            ..Prices::default()
        }
    })
}

fn usage() -> impl Strategy<Value = Usage> {
    (0u64..10_000_000, 0u64..10_000_000, 0u64..=100, 1u64..10_000).prop_map(
        |(input, output, cached_pct, requests)| Usage {
            input_tokens: input,
            cached_input_tokens: input * cached_pct / 100,
            output_tokens: output,
            requests,
            ..Usage::default()
        },
    )
}

fn total(prices: &Prices, usage: &Usage) -> Decimal {
    price(prices, usage, &PriceOptions::default(), None)
        .unwrap()
        .total
}

proptest! {
    // A fixed seed keeps the suite deterministic; no failure files are written.
    #![proptest_config(ProptestConfig {
        rng_seed: proptest::test_runner::RngSeed::Fixed(0x0011_c057),
        failure_persistence: None,
        cases: 256,
        ..ProptestConfig::default()
    })]

    #[test]
    fn the_quantity_parser_never_panics(text in any::<String>()) {
        let _ = parse_quantity(&text);
        let _ = parse_mix(&text);
        let _ = parse_price(&text);
    }

    #[test]
    fn plain_and_grouped_counts_round_trip(n in any::<u64>()) {
        prop_assert_eq!(parse_quantity(&n.to_string()), Ok(n));
        prop_assert_eq!(parse_quantity(&group_thousands(n)), Ok(n));
        let underscored = group_thousands(n).replace(',', "_");
        prop_assert_eq!(parse_quantity(&underscored), Ok(n));
    }

    #[test]
    fn every_suffix_scales(n in 0u64..1_000_000_000, suffix in prop::sample::select(vec![("k", 1_000u64), ("K", 1_000), ("m", 1_000_000), ("M", 1_000_000), ("b", 1_000_000_000), ("B", 1_000_000_000)])) {
        let (letter, scale) = suffix;
        prop_assert_eq!(parse_quantity(&format!("{n}{letter}")), Ok(n * scale));
        // One decimal place of a thousand or more is still whole.
        prop_assert_eq!(parse_quantity(&format!("{n}.5{letter}")), Ok(n * scale + scale / 2));
    }

    #[test]
    fn negative_and_fractional_counts_are_refused(n in 1u64..1_000_000, frac in 1u32..10) {
        let negative = format!("-{n}");
        let fractional = format!("{n}.{frac}");
        prop_assert!(parse_quantity(&negative).is_err());
        prop_assert!(parse_quantity(&fractional).is_err());
    }

    #[test]
    fn cost_is_linear_in_requests(p in prices(), u in usage(), k in 1u64..1000) {
        let one = total(&p, &Usage { requests: 1, ..u });
        let many = total(&p, &Usage { requests: k, ..u });
        prop_assert_eq!(many, one * Decimal::from(k));
    }

    #[test]
    fn cost_is_linear_in_tokens(p in prices(), u in usage()) {
        let double = Usage {
            input_tokens: u.input_tokens * 2,
            cached_input_tokens: u.cached_input_tokens * 2,
            output_tokens: u.output_tokens * 2,
            ..u
        };
        prop_assert_eq!(total(&p, &double), total(&p, &u) * Decimal::TWO);
    }

    #[test]
    fn cost_is_monotone(p in prices(), u in usage(), more in 0u64..1_000_000) {
        let bigger = Usage { output_tokens: u.output_tokens + more, input_tokens: u.input_tokens + more, ..u };
        prop_assert!(total(&p, &bigger) >= total(&p, &u));
    }

    #[test]
    fn the_lines_add_up_exactly_to_the_total(p in prices(), u in usage()) {
        let bill = price(&p, &u, &PriceOptions::default(), None).unwrap();
        let sum: Decimal = bill.lines.iter().map(|l| l.amount).sum();
        prop_assert_eq!(sum, bill.total);
        let tokens: u64 = bill.lines.iter().map(|l| l.tokens).sum();
        prop_assert_eq!(tokens, (u.input_tokens + u.output_tokens) * u.requests);
    }

    #[test]
    fn a_mix_agrees_with_explicit_tokens(p in prices(), t in 0u64..100_000_000, a in 0u32..100, b in 1u32..100) {
        let (input, output) = split_total(t, Decimal::from(a), Decimal::from(b)).unwrap();
        prop_assert_eq!(input + output, t);
        let expected = (Decimal::from(t) * Decimal::from(a) / Decimal::from(a + b)).round();
        prop_assert_eq!(Decimal::from(input), expected);
        let by_mix = total(&p, &Usage::single(input, output));
        let explicit = Decimal::from(input) * p.input.unwrap() / Decimal::from(1_000_000)
            + Decimal::from(output) * p.output.unwrap() / Decimal::from(1_000_000);
        prop_assert_eq!(by_mix, explicit.normalize());
    }
}

/// The token counts where a model's price could jump: around each
/// long-context threshold and around the context window.
fn edges(model: &llmcost::catalog::model::Model) -> Vec<u64> {
    let mut points = vec![0, 1, 1_000];
    let around = |n: u64| [n.saturating_sub(1), n, n.saturating_add(1)];
    for tier in model.prices.context_tiers() {
        points.extend(around(tier.threshold));
    }
    if let Some(window) = model.context_window {
        points.extend(around(window));
        points.push(window.saturating_mul(2));
    }
    points
}

/// More tokens of any kind never cost less, for every model in the bundled
/// catalog, at every edge of its rules, with and without batch and the
/// 1-hour cache. "More" adds a token to the request: a cache read or write
/// is one more input token, and a reasoning token is one more output token.
#[test]
fn every_bundled_model_is_monotone_in_every_token_count() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/catalog.json"))
        .expect("bundled catalog");
    let catalog = llmcost::catalog::load::parse_catalog(&text).expect("parses");
    let option_sets = [
        PriceOptions::default(),
        PriceOptions {
            service_tier: llmcost::catalog::model::ServiceTier::Flex,
            ..PriceOptions::default()
        },
        PriceOptions {
            service_tier: llmcost::catalog::model::ServiceTier::Priority,
            ..PriceOptions::default()
        },
        PriceOptions {
            batch: true,
            ..PriceOptions::default()
        },
        PriceOptions {
            batch: true,
            cache_ttl: llmcost::pricing::CacheTtl::OneHour,
            ..PriceOptions::default()
        },
    ];
    let mut checked = 0u64;
    for model in &catalog.models {
        for options in &option_sets {
            let cost = |u: &Usage| {
                price(&model.prices, u, options, model.context_window)
                    .ok()
                    .map(|b| b.total)
            };
            for &input in &edges(model) {
                for &output in &[0u64, 1, 1_000] {
                    let base = Usage {
                        input_tokens: input,
                        cached_input_tokens: input / 4,
                        cache_write_tokens: input / 4,
                        cache_write_1h_tokens: input / 8,
                        output_tokens: output,
                        reasoning_tokens: output / 2,
                        requests: 1,
                        web_searches: 0,
                        ..Usage::default()
                    };
                    let Some(before) = cost(&base) else { continue };
                    let steps = one_more_of_each(base);
                    for more in &steps {
                        if let Some(after) = cost(more) {
                            assert!(
                                after >= before,
                                "{}/{} {options:?}: {more:?} costs {after}, less than {before} for {base:?}",
                                model.provider,
                                model.id
                            );
                            checked += 1;
                        }
                    }
                }
            }
        }
    }
    assert!(checked > 10_000, "only {checked} comparisons");
}

/// `base` with one more token of each kind, each kept within its whole
/// (a cache read is one more input token that is read, …).
fn one_more_of_each(base: Usage) -> [Usage; 13] {
    [
        Usage {
            input_tokens: base.input_tokens + 1,
            ..base
        },
        Usage {
            input_tokens: base.input_tokens + 1,
            cached_input_tokens: base.cached_input_tokens + 1,
            ..base
        },
        Usage {
            input_tokens: base.input_tokens + 1,
            cache_write_tokens: base.cache_write_tokens + 1,
            ..base
        },
        Usage {
            input_tokens: base.input_tokens + 1,
            cache_write_1h_tokens: base.cache_write_1h_tokens + 1,
            ..base
        },
        Usage {
            output_tokens: base.output_tokens + 1,
            ..base
        },
        Usage {
            output_tokens: base.output_tokens + 1,
            reasoning_tokens: base.reasoning_tokens + 1,
            ..base
        },
        Usage {
            input_tokens: base.input_tokens + 1,
            audio_input_tokens: 1,
            ..base
        },
        Usage {
            output_tokens: base.output_tokens + 1,
            audio_output_tokens: 1,
            ..base
        },
        Usage {
            input_tokens: base.input_tokens + 1,
            cached_input_tokens: base.cached_input_tokens + 1,
            cached_audio_input_tokens: base.cached_audio_input_tokens + 1,
            ..base
        },
        Usage {
            input_tokens: base.input_tokens + 1,
            image_input_tokens: 1,
            ..base
        },
        Usage {
            input_tokens: base.input_tokens + 1,
            video_input_tokens: 1,
            ..base
        },
        Usage {
            output_tokens: base.output_tokens + 1,
            image_output_tokens: 1,
            ..base
        },
        Usage {
            output_tokens: base.output_tokens + 1,
            video_output_tokens: 1,
            ..base
        },
    ]
}
