//! Langfuse observation exports (the public API's observations, one per
//! line): `model`, `startTime`, and `usageDetails`, a map of usage types to
//! counts whose keys differ by integration. As Langfuse itself sums them,
//! every key with `input` in it is input and every key with `output` in it
//! is output; within those, cache reads (`cache_read`, `cached`), cache
//! writes (`cache_creation`, `cache_write`, 1-hour ones by `1h`), reasoning
//! and audio are told by their names. `total` is a sum, never a part.
//! `costDetails.total` (else `calculatedTotalCost`) is the cost Langfuse
//! recorded, for `--reconcile`.

use super::{Shape, with_audio};
use crate::pricing::Usage;

pub const OBSERVATION: Shape = Shape {
    name: "langfuse-observation",
    matches: |r| r.usage_details.as_ref().is_some_and(|d| !d.is_empty()),
    read: |r| {
        let details = r.usage_details.as_ref()?;
        let mut usage = Usage {
            requests: 1,
            ..Usage::default()
        };
        let (mut audio_in, mut audio_out) = (0u64, 0u64);
        for (key, &count) in details {
            let key = key.to_ascii_lowercase();
            let add = |sum: &mut u64| -> Option<()> {
                *sum = sum.checked_add(count)?;
                Some(())
            };
            if key == "total" || key.contains("total") {
                continue;
            }
            if key.contains("input") || key.starts_with("cache") {
                add(&mut usage.input_tokens)?;
                if key.contains("cache_read") || key.contains("cached") {
                    add(&mut usage.cached_input_tokens)?;
                } else if key.contains("cache_creation") || key.contains("cache_write") {
                    if key.contains("1h") {
                        add(&mut usage.cache_write_1h_tokens)?;
                    } else {
                        add(&mut usage.cache_write_tokens)?;
                    }
                } else if key.contains("audio") {
                    add(&mut audio_in)?;
                }
            } else if key.contains("output") {
                add(&mut usage.output_tokens)?;
                if key.contains("reasoning") {
                    add(&mut usage.reasoning_tokens)?;
                } else if key.contains("audio") {
                    add(&mut audio_out)?;
                }
            }
        }
        Some(with_audio(usage, audio_in, audio_out))
    },
};
