//! `llmcost page MODEL` and `llmcost site DIR`: the seed page's layout for
//! one model, or for the whole catalog. The pages themselves are built and
//! laid out in [`crate::page`].

use std::path::Path;
use std::time::Instant;

use anyhow::Result;

use crate::catalog::lookup::resolve;
use crate::catalog::model::Catalog;
use crate::cli::{PageArgs, PageFormat, SiteArgs};
use crate::diagnostics::Diagnostics;
use crate::page::site::{self, SiteReport};
use crate::page::{ModelPage, html, markdown};
use crate::render::{Block, Cell, Document, Report};

/// The page `args` asks for, laid out in its format.
pub fn page(catalog: &Catalog, args: &PageArgs) -> Result<(String, Diagnostics)> {
    let lookup = resolve(catalog, &args.model.model, args.model.provider.as_deref())?;
    let page = ModelPage::build(catalog, lookup.found.model, lookup.found.provider);
    let text = match args.format {
        PageFormat::Markdown => markdown::render(&page),
        PageFormat::Html => html::render(&page, &catalog.as_of, None),
        PageFormat::Json => format!("{}\n", serde_json::to_string_pretty(&page)?),
    };
    Ok((text, Diagnostics::from_note(lookup.note)))
}

/// Builds the site and writes it to `args.dir`.
pub fn site(catalog: &Catalog, args: &SiteArgs) -> Result<(SiteReport, Diagnostics)> {
    let started = Instant::now();
    let files = site::build(catalog, args.base_url.as_deref());
    let models = files.keys().filter(|p| p.starts_with("models/")).count();
    let providers = files.keys().filter(|p| p.starts_with("providers/")).count();
    let listed = files
        .get("index.html")
        .map_or(0, |index| index.matches("<tr data-search=").count());
    let (written, bytes) = site::write(&files, &args.dir, args.force)?;
    let mut diagnostics = Diagnostics::default();
    if args.base_url.is_none() {
        diagnostics.note(
            "sitemap.xml lists paths relative to the site; pass --base-url for the absolute URLs search engines want"
                .to_string(),
        );
    }
    diagnostics.note(format!("built in {} ms", started.elapsed().as_millis()));
    let report = SiteReport {
        dir: display(&args.dir),
        models,
        listed,
        providers,
        files: written,
        bytes,
    };
    Ok((report, diagnostics))
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

impl Report for SiteReport {
    fn document(&self) -> Document {
        let mut doc = Document::default();
        doc.push(Block::Fields {
            heading: Some(format!("Wrote the site to {}", self.dir)),
            pairs: vec![
                ("Model pages".to_string(), Cell::count(self.models as u64)),
                ("On the index".to_string(), Cell::count(self.listed as u64)),
                (
                    "Provider pages".to_string(),
                    Cell::count(self.providers as u64),
                ),
                ("Files".to_string(), Cell::count(self.files as u64)),
                ("Bytes".to_string(), Cell::count(self.bytes)),
            ],
        });
        doc
    }
}
