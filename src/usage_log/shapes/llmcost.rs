//! llmcost's own flat record (what `cost --json` calls `usage`, and the
//! rows `tally --normalize` writes): `input_tokens` (cache reads and writes
//! included), `cached_input_tokens`, `cache_write_tokens`,
//! `cache_write_1h_tokens`, `output_tokens` (reasoning included),
//! `reasoning_tokens`, `audio_input_tokens`, `audio_output_tokens`,
//! `cached_audio_input_tokens`,
//! `image_input_tokens`, `image_output_tokens`, `video_input_tokens`,
//! `video_output_tokens`, `citation_tokens`, `web_searches` (each of
//! [`COUNTS`], by its name), and `requests` (a row may sum several
//! requests; its counts are then the sums). Also any record with just
//! input and output counts.

use super::Shape;
use crate::pricing::Usage;
use crate::usage::COUNTS;
use crate::usage_log::record::FLAT_COUNTS;

pub const FLAT: Shape = Shape {
    name: "llmcost",
    matches: |r| r.input_tokens.is_some() || r.output_tokens.is_some(),
    read: |r| {
        let mut usage = Usage {
            requests: r.requests.unwrap_or(1).max(1),
            ..Usage::default()
        };
        for (counted, (_, count)) in COUNTS.iter().zip(FLAT_COUNTS) {
            *(counted.slot)(&mut usage) = count(r).unwrap_or(0);
        }
        // The parts must fit in their wholes, as the row's writer meant.
        usage.check().is_ok().then_some(usage)
    },
};

#[cfg(test)]
mod tests {
    #[test]
    fn the_flat_shape_is_where_its_index_says() {
        assert_eq!(
            super::super::SHAPES[super::super::FLAT_INDEX].name,
            super::FLAT.name
        );
    }

    #[test]
    fn a_flat_row_states_every_count_by_its_name() {
        let names: Vec<&str> = super::FLAT_COUNTS.iter().map(|(name, _)| *name).collect();
        let counts: Vec<&str> = super::COUNTS.iter().map(|c| c.name).collect();
        assert_eq!(names, counts);
    }
}
