//! `llmcost search TEXT`: find models by id, slug, display name or alias,
//! ranked by closeness, tolerant of typos and of separators
//! (`mistral small 3.1`, `mistral-small-3.1` and `mistral_small_3_1` are the
//! same search).
//!
//! Each candidate scores from 0 to 100: 70 points for how many of the
//! query's words it has (exact, as a prefix, or within a small typo by
//! Jaro-Winkler similarity), 30 for how close the query is to its closest
//! name with separators removed. Results below 50 are dropped; ties go to
//! the shorter id, then provider and id.

use anyhow::Result;
use serde::Serialize;

use crate::catalog::model::{Catalog, Model};
use crate::cli::SearchArgs;
use crate::render::{Block, Cell, Document, Report};

/// Lowest score shown.
const MIN_SCORE: u32 = 50;

/// One match.
#[derive(Debug, Serialize)]
pub struct SearchHit {
    /// 1 for the best.
    pub rank: usize,
    /// API model id.
    pub model: String,
    /// Provider id.
    pub provider: String,
    /// Display name.
    pub name: String,
    /// Closeness, 0 to 100.
    pub score: u32,
}

/// The matches.
#[derive(Debug, Serialize)]
pub struct SearchReport {
    /// The query as given.
    pub query: String,
    /// How many matches are shown.
    pub count: usize,
    /// The matches, best first.
    pub results: Vec<SearchHit>,
}

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
    let compact_score = names
        .iter()
        .map(|n| {
            let compact = words(n).concat();
            if compact.contains(query_compact) {
                1.0
            } else {
                strsim::normalized_levenshtein(query_compact, &compact)
            }
        })
        .fold(0.0, f64::max);
    let total = 70.0 * word_score + 30.0 * compact_score;
    // Scores are 0..=100 by construction, so the cast loses nothing.
    #[allow(clippy::cast_sign_loss)]
    let rounded = total.round().clamp(0.0, 100.0) as u32;
    rounded
}

/// Searches the catalog.
pub fn report(catalog: &Catalog, args: &SearchArgs) -> Result<SearchReport> {
    let query = args.text.join(" ");
    let query_words = words(&query);
    let query_compact = query_words.concat();
    let mut hits: Vec<(u32, &Model)> = if query_words.is_empty() {
        Vec::new()
    } else {
        catalog
            .models
            .iter()
            .map(|m| (score(&query_words, &query_compact, m), m))
            .filter(|(s, _)| *s >= MIN_SCORE)
            .collect()
    };
    hits.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then_with(|| a.1.id.len().cmp(&b.1.id.len()))
            .then_with(|| (&a.1.provider, &a.1.id).cmp(&(&b.1.provider, &b.1.id)))
    });
    hits.truncate(usize::try_from(args.limit).unwrap_or(usize::MAX));
    let results: Vec<SearchHit> = hits
        .into_iter()
        .enumerate()
        .map(|(i, (score, m))| SearchHit {
            rank: i + 1,
            model: m.id.clone(),
            provider: m.provider.clone(),
            name: m.display_name().to_string(),
            score,
        })
        .collect();
    Ok(SearchReport {
        query,
        count: results.len(),
        results,
    })
}

impl Report for SearchReport {
    fn document(&self) -> Document {
        let rows = self
            .results
            .iter()
            .map(|h| {
                vec![
                    Cell::count(h.rank as u64),
                    Cell::text(h.model.clone()),
                    Cell::text(h.provider.clone()),
                    Cell::text(h.name.clone()),
                    Cell::count(u64::from(h.score)),
                ]
            })
            .collect();
        let mut doc = Document::default();
        doc.push(Block::Table {
            headers: ["#", "model", "provider", "name", "score"]
                .map(String::from)
                .to_vec(),
            right_aligned: vec![0, 4],
            rows,
        });
        if self.results.is_empty() {
            doc.push(Block::Lines(vec![format!(
                "no model matches '{}'",
                self.query
            )]));
        }
        doc
    }
}
