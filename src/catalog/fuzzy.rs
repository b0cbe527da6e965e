//! Fuzzy matching of what a user types against model names: one scorer for
//! `search` and for the "did you mean" of an unknown model, so both rank
//! the same way.
//!
//! Each candidate scores from 0 to 100: 70 points for how many of the
//! query's words it has (exact, as a prefix, or within a small typo by
//! Jaro-Winkler similarity), 30 for how close the query is to its closest
//! name with separators removed (`mistral small 3.1`, `mistral-small-3.1`
//! and `mistral_small_3_1` are the same query). A name equal to the query
//! without separators (`gpt-4-o` and `gpt-4o`) scores 100. Results below 50
//! are dropped; ties go to the shorter id, then provider and id.

use super::model::{Catalog, Model};

/// Lowest score kept.
pub const MIN_SCORE: u32 = 50;

fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn word_match(query: &str, candidate: &str) -> f64 {
    if query == candidate {
        1.0
    } else if query.len() >= 2 && candidate.starts_with(query) {
        0.9
    } else if query.chars().count() >= 4 {
        let similarity = strsim::jaro_winkler(query, candidate);
        if similarity >= 0.88 {
            similarity * 0.9
        } else {
            0.0
        }
    } else {
        0.0
    }
}

/// The score of `model` for a query, per the module doc.
fn score(query_words: &[String], query_compact: &str, model: &Model) -> u32 {
    let mut names: Vec<&str> = vec![&model.id];
    names.extend(model.slug.as_deref());
    names.extend(model.name.as_deref());
    names.extend(model.aliases.iter().map(String::as_str));
    let candidate_words: Vec<String> = names.iter().flat_map(|n| words(n)).collect();
    let word_score: f64 = query_words
        .iter()
        .map(|q| {
            candidate_words
                .iter()
                .map(|c| word_match(q, c))
                .fold(0.0, f64::max)
        })
        .sum::<f64>()
        / query_words.len().max(1) as f64;
    let compacts: Vec<String> = names.iter().map(|n| words(n).concat()).collect();
    if compacts.iter().any(|c| c == query_compact) {
        return 100;
    }
    let compact_score = compacts
        .iter()
        .map(|compact| {
            if compact.contains(query_compact) {
                1.0
            } else {
                strsim::normalized_levenshtein(query_compact, compact)
            }
        })
        .fold(0.0, f64::max);
    let total = 70.0 * word_score + 30.0 * compact_score;
    // Scores are 0..=100 by construction, so the cast loses nothing.
    #[allow(clippy::cast_sign_loss)]
    let rounded = total.round().clamp(0.0, 100.0) as u32;
    rounded
}

/// The models that match `query` (of `provider` only, when given), best
/// first, with their scores.
pub fn rank<'c>(
    catalog: &'c Catalog,
    query: &str,
    provider: Option<&str>,
) -> Vec<(u32, &'c Model)> {
    let query_words = words(query);
    if query_words.is_empty() {
        return Vec::new();
    }
    let query_compact = query_words.concat();
    let mut hits: Vec<(u32, &Model)> = catalog
        .models
        .iter()
        .filter(|m| provider.is_none_or(|p| p == m.provider))
        .map(|m| (score(&query_words, &query_compact, m), m))
        .filter(|(s, _)| *s >= MIN_SCORE)
        .collect();
    hits.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then_with(|| a.1.id.len().cmp(&b.1.id.len()))
            .then_with(|| (&a.1.provider, &a.1.id).cmp(&(&b.1.provider, &b.1.id)))
    });
    hits
}
