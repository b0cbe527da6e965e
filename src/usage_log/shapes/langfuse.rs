//! Langfuse observation exports (the public API's observations, one per
//! line): `model`, `startTime`, and `usageDetails`, a map of usage types to
//! counts whose keys differ by integration. As Langfuse itself sums them,
//! every key with `input` in it is input and every key with `output` in it
//! is output; within those, cache reads (`cache_read`, `cached`), cache
//! writes (`cache_creation`, `cache_write`, 1-hour ones by `1h`), reasoning,
//! audio, images and video are told by their names. `total` is a sum,
//! never a part.
//! `costDetails.total` (else `calculatedTotalCost`) is the cost Langfuse
//! recorded, for `--reconcile`.

use super::{Media, Shape, with_media};
use crate::pricing::Usage;

pub const OBSERVATION: Shape = Shape {
    name: "langfuse-observation",
    matches: |r| r.usage_details.as_ref().is_some_and(|d| !d.is_empty()),
    read: |r| {
        let details = r.usage_details?;
        let mut usage = Usage {
            requests: 1,
            ..Usage::default()
        };
        let mut media = Media::default();
        for &(key, count) in details {
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
                } else if let Some(part) = media_part(&key, &mut media, true) {
                    add(part)?;
                }
            } else if key.contains("output") {
                add(&mut usage.output_tokens)?;
                if key.contains("reasoning") {
                    add(&mut usage.reasoning_tokens)?;
                } else if let Some(part) = media_part(&key, &mut media, false) {
                    add(part)?;
                }
            }
        }
        Some(with_media(usage, media))
    },
};

/// The media count a usage key (`input_audio`, `output_image`) adds to.
fn media_part<'m>(key: &str, media: &'m mut Media, input: bool) -> Option<&'m mut u64> {
    let part = match (input, key) {
        (true, k) if k.contains("audio") => &mut media.audio_in,
        (true, k) if k.contains("image") => &mut media.image_in,
        (true, k) if k.contains("video") => &mut media.video_in,
        (false, k) if k.contains("audio") => &mut media.audio_out,
        (false, k) if k.contains("image") => &mut media.image_out,
        (false, k) if k.contains("video") => &mut media.video_out,
        _ => return None,
    };
    Some(part)
}
