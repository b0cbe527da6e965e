//! `llmcost search TEXT`: find models by id, slug, display name or alias,
//! ranked by closeness with the scorer in [`crate::catalog::fuzzy`], which
//! tolerates typos and separators.

use serde::Serialize;

use crate::catalog::fuzzy;
use crate::catalog::model::Catalog;
use crate::cli::SearchArgs;
use crate::render::{Block, Cell, Document, Report};

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

/// Searches the catalog.
pub fn report(catalog: &Catalog, args: &SearchArgs) -> SearchReport {
    let query = args.text.join(" ");
    let mut hits = fuzzy::rank(catalog, &query, None);
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
    SearchReport {
        query,
        count: results.len(),
        results,
    }
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
