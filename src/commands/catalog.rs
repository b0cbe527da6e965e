//! `llmcost catalog info` and `llmcost catalog build`.

use std::fs;

use anyhow::{Context, Result};
use serde::Serialize;

use crate::catalog::build::{Overlay, build as build_catalog, to_catalog_json};
use crate::catalog::load::{LoadedCatalog, MAX_CATALOG_BYTES, cache_path, read_text_file};
use crate::cli::BuildArgs;
use crate::render::text::as_of;
use crate::render::{Block, Document, Report};

/// Which catalog is in use.
#[derive(Debug, Serialize)]
pub struct InfoReport {
    /// `--catalog`, `LLMCOST_CATALOG`, `cache` or `bundled`.
    pub source: &'static str,
    /// The file, for all but the bundled catalog.
    pub path: Option<String>,
    /// When the newest prices were observed.
    pub as_of: String,
    /// Catalog format version.
    pub schema_version: u32,
    /// Currency.
    pub currency: String,
    /// Number of providers.
    pub providers: usize,
    /// Number of models.
    pub models: usize,
    /// Where `catalog update` writes its cache.
    pub cache_path: Option<String>,
}

/// Describes the loaded catalog.
pub fn info(loaded: &LoadedCatalog) -> InfoReport {
    let catalog = &loaded.catalog;
    InfoReport {
        source: loaded.source.kind(),
        path: loaded.source.path().map(|p| p.display().to_string()),
        as_of: catalog.as_of.clone(),
        schema_version: catalog.schema_version,
        currency: catalog.currency.clone(),
        providers: catalog.providers.len(),
        models: catalog.models.len(),
        cache_path: cache_path().map(|p| p.display().to_string()),
    }
}

impl Report for InfoReport {
    fn document(&self) -> Document {
        let unknown = || "none".to_string();
        let pairs = vec![
            ("Source".to_string(), self.source.to_string()),
            (
                "Path".to_string(),
                self.path
                    .clone()
                    .unwrap_or_else(|| "built into llmcost".into()),
            ),
            ("As of".to_string(), as_of(&self.as_of)),
            (
                "Schema".to_string(),
                format!("version {}", self.schema_version),
            ),
            ("Currency".to_string(), self.currency.clone()),
            ("Providers".to_string(), self.providers.to_string()),
            ("Models".to_string(), self.models.to_string()),
            (
                "Cache file".to_string(),
                self.cache_path.clone().unwrap_or_else(unknown),
            ),
        ];
        let mut doc = Document::default();
        doc.push(Block::Fields {
            heading: Some("Catalog in use".into()),
            pairs,
        });
        doc
    }
}

/// Rebuilds a catalog file from the sources and the overlay; returns the log.
pub fn build(args: &BuildArgs) -> Result<String> {
    // The reference files are a few MiB; the bound only stops accidents.
    let limit = MAX_CATALOG_BYTES;
    let litellm = read_text_file(&args.litellm, limit)?;
    let models_dev = args
        .models_dev
        .as_deref()
        .map(|p| read_text_file(p, limit))
        .transpose()?;
    let overlay_text = read_text_file(&args.overlay, limit)?;
    let overlay: Overlay = serde_json::from_str(&overlay_text)
        .with_context(|| format!("invalid overlay '{}'", args.overlay.display()))?;
    let (catalog, log) = build_catalog(&litellm, models_dev.as_deref(), &overlay)?;
    let json = to_catalog_json(&catalog)?;
    fs::write(&args.output, json)
        .with_context(|| format!("could not write '{}'", args.output.display()))?;
    Ok(format!(
        "{}wrote {} models from {} providers to {}\n",
        log.summary(),
        catalog.models.len(),
        catalog.providers.len(),
        args.output.display()
    ))
}
