//! `llmcost catalog info|update|reset|export|check|build`.

use std::fs;
use std::io::Write;

use anyhow::{Context, Result};
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value;

use crate::catalog::build::{BuildSources, build as build_catalog, to_catalog_json};
use crate::catalog::cache;
use crate::catalog::export::rows;
use crate::catalog::import::{ImportCounts, genai_prices};
use crate::catalog::load::{
    BUNDLED_CATALOG, LoadedCatalog, MAX_CATALOG_BYTES, cache_path, parse_catalog,
    read_catalog_file, read_text_file,
};
use crate::catalog::lookup::is_makers_own;
use crate::catalog::model::{Catalog, Model};
use crate::catalog::overlay::{Overlay, bundled_overlay};
use crate::catalog::update::{
    Diff, MergeNotes, SourceFormat, diff, import_source, merge, witness_only,
};
use crate::catalog::witness::{Confidence, RateCheck, Witness, chosen_source, rate_checks};
use crate::cli::{BuildArgs, CheckArgs, ExportFormat, UpdateArgs};
use crate::dates::today_string;
use crate::fetch::read_source;
use crate::render::text::as_of;
use crate::render::{Block, Cell, Document, Report};

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
        let pairs: Vec<(String, String)> = vec![
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
            pairs: pairs.into_iter().map(|(k, v)| (k, v.into())).collect(),
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
    let optional = |path: &Option<std::path::PathBuf>| {
        path.as_deref()
            .map(|p| read_text_file(p, limit))
            .transpose()
    };
    let genai_prices = optional(&args.genai_prices)?;
    let openrouter = optional(&args.openrouter)?;
    let overlay_text = read_text_file(&args.overlay, limit)?;
    let overlay: Overlay = serde_json::from_str(&overlay_text)
        .with_context(|| format!("invalid overlay '{}'", args.overlay.display()))?;
    let sources = BuildSources {
        litellm: &litellm,
        models_dev: models_dev.as_deref(),
        genai_prices: genai_prices.as_deref(),
        openrouter: openrouter.as_deref(),
    };
    let (catalog, log) = build_catalog(sources, &overlay)?;
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

/// The default `catalog update` source: LiteLLM's public cost map (MIT).
pub const DEFAULT_SOURCE_URL: &str =
    "https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json";

/// The sources a default `catalog update` reads as witnesses only:
/// genai-prices' live data (MIT), hand-curated per provider.
pub const DEFAULT_WITNESS_URLS: [&str; 1] =
    ["https://raw.githubusercontent.com/pydantic/genai-prices/main/prices/new_data/v2/data.json"];

/// One witness source of an update and what came of it.
#[derive(Debug, Serialize)]
pub struct WitnessRead {
    /// The URL or file.
    pub from: String,
    /// The source it was read as (`genai-prices`).
    pub source: Option<&'static str>,
    /// How many of the catalog's models it witnessed.
    pub witnessed: usize,
    /// Why it could not be read (the prices update still lands).
    pub error: Option<String>,
}

/// What an update did or, with `--dry-run`, would do.
#[derive(Debug, Serialize)]
pub struct UpdateReport {
    /// Where the data came from.
    pub source: String,
    /// The format it was read as.
    pub format: SourceFormat,
    /// True when nothing was written.
    pub dry_run: bool,
    /// The cache file written (or that would be).
    pub cache_path: String,
    /// What the import kept and skipped.
    pub import: ImportCounts,
    /// Models in the updated catalog.
    pub models: usize,
    /// Providers in the updated catalog.
    pub providers: usize,
    /// The change against the current catalog.
    pub diff: Diff,
    /// Prices kept because the source's are older, and stale rates dropped.
    pub merge: MergeNotes,
    /// The sources read only as witnesses.
    pub witnesses: Vec<WitnessRead>,
}

/// Reads the source, merges it into the current cache (or the bundled
/// catalog) and, unless `--dry-run`, writes the cache atomically.
pub fn update(args: &UpdateArgs) -> Result<UpdateReport> {
    let source = args
        .from
        .clone()
        .unwrap_or_else(|| DEFAULT_SOURCE_URL.to_string());
    let text = read_source(&source)?;
    let overlay = bundled_overlay()?;
    let today = today_string();
    let dated = args.source_date.clone().unwrap_or_else(|| today.clone());
    let mut imported = import_source(&text, args.format, &overlay, &dated)
        .with_context(|| format!("cannot import '{source}'"))?;
    let (format, counts) = (imported.format, imported.counts.clone());
    let cache = cache_path().context("this system has no cache folder (is HOME set?)")?;
    let lock = if args.dry_run {
        None
    } else {
        Some(cache::lock(&cache)?)
    };
    // No cache, or a broken one (kept as the backup when replaced): start
    // from the bundled catalog.
    let current = read_catalog_file(&cache).or_else(|_| parse_catalog(BUNDLED_CATALOG))?;
    if !imported.genai.is_empty() {
        imported.models = genai_prices::for_catalog(&imported.genai, &current.models);
    }
    let (mut merged, notes) = merge(&current, imported, &overlay, &today, args.force)?;
    let witness_sources: Vec<String> = if args.witness_from.is_empty() && args.from.is_none() {
        DEFAULT_WITNESS_URLS
            .iter()
            .map(ToString::to_string)
            .collect()
    } else {
        args.witness_from.clone()
    };
    let witnesses = witness_sources
        .into_iter()
        .map(|from| read_witness(&mut merged, from, &overlay, &dated))
        .collect();
    let diff = diff(&current, &merged);
    if let Some(lock) = &lock {
        cache::write_atomically(&cache, &to_catalog_json(&merged)?, lock)?;
    }
    Ok(UpdateReport {
        source,
        format,
        dry_run: args.dry_run,
        cache_path: cache.display().to_string(),
        import: counts,
        models: merged.models.len(),
        providers: merged.providers.len(),
        diff,
        merge: notes,
        witnesses,
    })
}

/// Reads one witness source into `catalog` (see
/// [`witness_only`]); a source that cannot be
/// read is reported, and the update goes on without it.
fn read_witness(
    catalog: &mut Catalog,
    from: String,
    overlay: &Overlay,
    dated: &str,
) -> WitnessRead {
    let imported = read_source(&from)
        .and_then(|text| import_source(&text, SourceFormat::Auto, overlay, dated));
    match imported {
        Ok(imported) => {
            let (source, witnessed) = witness_only(catalog, &imported);
            WitnessRead {
                from,
                source: Some(source),
                witnessed,
                error: None,
            }
        }
        Err(err) => WitnessRead {
            from,
            source: None,
            witnessed: 0,
            error: Some(format!("{err:#}")),
        },
    }
}

/// How many added or removed models a table lists before "… and N more".
const LIST_AT_MOST: usize = 20;

fn listed(label: &str, items: &[String]) -> Vec<String> {
    let mut lines = vec![format!("{label} ({}):", items.len())];
    lines.extend(items.iter().take(LIST_AT_MOST).map(|m| format!("  {m}")));
    if items.len() > LIST_AT_MOST {
        lines.push(format!("  … and {} more", items.len() - LIST_AT_MOST));
    }
    lines
}

impl Report for UpdateReport {
    fn document(&self) -> Document {
        let mut doc = Document::default();
        let verb = if self.dry_run { "would write" } else { "wrote" };
        doc.push(Block::Lines(vec![format!(
            "{verb} {} models from {} providers to {} (source: {}, read as {:?})",
            self.models, self.providers, self.cache_path, self.source, self.format
        )]));
        let c = &self.import;
        doc.push(Block::Lines(vec![format!(
            "import: {} models ({} of them retired, kept); skipped {} not chat, {} unpriced, {} excluded, {} duplicates",
            c.imported, c.deprecated, c.not_chat, c.unpriced, c.excluded, c.duplicate
        )]));
        for witness in &self.witnesses {
            doc.push(Block::Lines(vec![match (&witness.error, witness.source) {
                (Some(error), _) => format!(
                    "witnesses: {} could not be read ({error}); prices updated, its earlier witnesses kept",
                    witness.from
                ),
                (None, source) => format!(
                    "witnesses: {} ({}) checked {} models' prices, which it never replaces",
                    witness.from,
                    source.unwrap_or("unknown"),
                    witness.witnessed
                ),
            }]));
        }
        if !self.diff.price_changes.is_empty() {
            let rows = self
                .diff
                .price_changes
                .iter()
                .map(|c| {
                    vec![
                        Cell::text(c.model.clone()),
                        Cell::text(c.price),
                        Cell::money(c.old),
                        Cell::money(c.new),
                        Cell::text(c.percent.map_or_else(
                            || "—".into(),
                            |p| {
                                if p.is_sign_negative() {
                                    format!("{p}%")
                                } else {
                                    format!("+{p}%")
                                }
                            },
                        )),
                    ]
                })
                .collect();
            doc.push(Block::Table {
                headers: ["model", "price", "old / 1M", "new / 1M", "change"]
                    .map(String::from)
                    .to_vec(),
                right_aligned: vec![2, 3, 4],
                rows,
            });
        }
        let mut lines = listed("added", &self.diff.added);
        lines.extend(listed("removed", &self.diff.removed));
        if !self.merge.kept_newer.is_empty() {
            let kept: Vec<String> = self
                .merge
                .kept_newer
                .iter()
                .map(|k| {
                    format!(
                        "{} (current {}, source {})",
                        k.model, k.current_as_of, k.source_as_of
                    )
                })
                .collect();
            lines.extend(listed(
                "kept newer prices: the source's are older (--force takes them anyway)",
                &kept,
            ));
        }
        if !self.merge.dropped_rates.is_empty() {
            lines.extend(listed(
                "dropped rates: the base price changed and the source does not state them",
                &self.merge.dropped_rates,
            ));
        }
        doc.push(Block::Lines(lines));
        doc
    }
}

/// Removes the user cache; says what happened.
pub fn reset() -> Result<String> {
    let cache = cache_path().context("this system has no cache folder (is HOME set?)")?;
    Ok(if cache::reset(&cache)? {
        format!(
            "removed {} (backup kept at {}); using the bundled catalog",
            cache.display(),
            cache::backup_path(&cache).display()
        )
    } else {
        "no cached catalog; already using the bundled catalog".to_string()
    })
}

/// Writes the catalog as flat rows.
pub fn export(catalog: &Catalog, format: ExportFormat, out: &mut dyn Write) -> Result<()> {
    let rows = rows(catalog);
    match format {
        ExportFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &rows)?;
            writeln!(out)?;
        }
        ExportFormat::Jsonl => {
            for row in &rows {
                serde_json::to_writer(&mut *out, row)?;
                writeln!(out)?;
            }
        }
        ExportFormat::Csv => {
            let mut writer = csv::Writer::from_writer(out);
            for (i, row) in rows.iter().enumerate() {
                let Value::Object(fields) = serde_json::to_value(row)? else {
                    continue;
                };
                if i == 0 {
                    writer.write_record(fields.keys())?;
                }
                writer.write_record(fields.values().map(|v| match v {
                    Value::Null => String::new(),
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                }))?;
            }
            writer.flush()?;
        }
    }
    Ok(())
}

/// One price on which the catalog and another source disagree.
#[derive(Debug, Serialize)]
pub struct Disagreement {
    /// `provider/id`.
    pub model: String,
    /// `input` or `output`.
    pub price: &'static str,
    /// The catalog's price per 1M tokens.
    pub catalog: Option<Decimal>,
    /// The other source's price per 1M tokens.
    pub other: Option<Decimal>,
    /// Where the catalog's price comes from.
    pub catalog_source: Option<String>,
}

/// The result of `catalog check`.
#[derive(Debug, Serialize)]
pub struct CheckReport {
    /// The other source.
    pub against: String,
    /// Models found in both.
    pub compared: usize,
    /// Prices that differ.
    pub disagreements: Vec<Disagreement>,
}

/// The catalog's model for another source's: the same provider and id, else
/// the maker's own offer of the same slug (OpenRouter's `openai/gpt-4o-mini`
/// is OpenAI's `gpt-4o-mini`).
fn counterpart<'c>(catalog: &'c Catalog, theirs: &Model) -> Option<&'c Model> {
    let same_id = catalog
        .models
        .iter()
        .find(|m| m.provider == theirs.provider && m.id.eq_ignore_ascii_case(&theirs.id));
    same_id.or_else(|| {
        let slug = theirs.slug.as_deref()?;
        catalog.models.iter().find(|m| {
            m.slug
                .as_deref()
                .is_some_and(|s| s.eq_ignore_ascii_case(slug))
                && is_makers_own(catalog, m)
        })
    })
}

/// Compares the catalog's input and output prices with another source.
pub fn check(catalog: &Catalog, args: &CheckArgs) -> Result<CheckReport> {
    let against = args.against.clone().unwrap_or_default();
    let text = read_source(&against)?;
    let overlay = bundled_overlay()?;
    let mut other = import_source(&text, args.source_format, &overlay, &today_string())
        .with_context(|| format!("cannot import '{against}'"))?;
    if !other.genai.is_empty() {
        other.models = genai_prices::for_catalog(&other.genai, &catalog.models);
    }
    let mut compared = 0;
    let mut disagreements = Vec::new();
    for theirs in &other.models {
        let Some(ours) = counterpart(catalog, theirs) else {
            continue;
        };
        compared += 1;
        for (label, a, b) in [
            ("input", ours.prices.input, theirs.prices.input),
            ("output", ours.prices.output, theirs.prices.output),
        ] {
            if b.is_some() && a != b {
                disagreements.push(Disagreement {
                    model: format!("{}/{}", ours.provider, ours.id),
                    price: label,
                    catalog: a,
                    other: b,
                    catalog_source: ours.source.clone(),
                });
            }
        }
    }
    Ok(CheckReport {
        against,
        compared,
        disagreements,
    })
}

impl Report for CheckReport {
    fn document(&self) -> Document {
        let rows = self
            .disagreements
            .iter()
            .map(|d| {
                vec![
                    Cell::text(d.model.clone()),
                    Cell::text(d.price),
                    Cell::money(d.catalog),
                    Cell::money(d.other),
                    Cell::text(d.catalog_source.clone().unwrap_or_default()),
                ]
            })
            .collect();
        let mut doc = Document::default();
        doc.push(Block::Table {
            headers: [
                "model",
                "price",
                "catalog / 1M",
                "other / 1M",
                "catalog source",
            ]
            .map(String::from)
            .to_vec(),
            right_aligned: vec![2, 3],
            rows,
        });
        doc.push(Block::Lines(vec![format!(
            "{} disagreements among {} models found in both the catalog and {}",
            self.disagreements.len(),
            self.compared,
            self.against
        )]));
        doc
    }
}

/// One disputed model: the chosen prices, the rule, and every witness.
#[derive(Debug, Serialize)]
pub struct Dispute {
    /// Provider id.
    pub provider: String,
    /// Model id.
    pub model: String,
    /// The catalog's input price per 1M tokens.
    pub input: Option<Decimal>,
    /// The catalog's output price per 1M tokens.
    pub output: Option<Decimal>,
    /// The rule that chose them.
    pub chosen_by: Option<String>,
    /// What each source says.
    pub witnesses: Vec<Witness>,
    /// Each rate a source contradicts, with every source's word on it.
    pub disputed_rates: Vec<RateCheck>,
}

/// `catalog check` without `--against`: the catalog's own evidence.
#[derive(Debug, Serialize)]
pub struct DisputeReport {
    /// Models whose prices two sources confirm.
    pub confirmed: usize,
    /// Models only one source prices.
    pub single_source: usize,
    /// The disputed models, by provider and id.
    pub disputed: Vec<Dispute>,
    /// How many models each rate is disputed on (`input`, `cached_input`,
    /// `long_context.input`, …).
    pub disputed_per_rate: std::collections::BTreeMap<String, usize>,
    /// Each witness source against the catalog, on the models both price.
    pub agreement: Vec<SourceAgreement>,
    /// What evidence shows the sources wrong on, each with the models it
    /// covers: shown, never counted for or against a price.
    pub known_source_errors: Vec<KnownSourceError>,
}

/// How one source compares with the catalog, over the models it witnesses
/// and does not choose the prices of (OpenRouter's reselling aside: its
/// prices move with its marketplace).
#[derive(Debug, Default, Serialize)]
pub struct SourceAgreement {
    /// The source.
    pub source: String,
    /// Models it states input and output for.
    pub models: usize,
    /// Of those, how many it prices differently on 100k input + 100k
    /// output tokens: it disagrees on input or output (more than 0.5%),
    /// evidence aside.
    pub differ_at_100k: usize,
    /// Models it disagrees on input or output where evidence shows it wrong.
    pub known_wrong_at_100k: usize,
    /// Each rate it states: how often, and how often it differs.
    pub per_rate: std::collections::BTreeMap<String, RateAgreement>,
}

/// One rate's agreement with one source.
#[derive(Debug, Default, Serialize)]
pub struct RateAgreement {
    /// Models the source states this rate for.
    pub stated: usize,
    /// Of those, how many differ, evidence aside.
    pub differ: usize,
    /// How many more differ where evidence shows the source wrong.
    pub known_wrong: usize,
}

/// One known error of a source: what it states, why that is wrong, and how
/// many models it covers.
#[derive(Debug, Serialize)]
pub struct KnownSourceError {
    /// The source.
    pub source: String,
    /// The statement, the reason and the evidence.
    pub why: String,
    /// How many models.
    pub models: usize,
}

/// Every witness source against the catalog (see [`SourceAgreement`]).
fn agreement(catalog: &Catalog) -> Vec<SourceAgreement> {
    let mut by_source: std::collections::BTreeMap<String, SourceAgreement> =
        std::collections::BTreeMap::new();
    for model in catalog.models.iter().filter(|m| m.provider != "openrouter") {
        let chosen = chosen_source(model);
        let checks = rate_checks(model, chosen);
        for witness in model.witnesses.iter().filter(|w| w.source != chosen) {
            if witness.input.is_none() || witness.output.is_none() {
                continue;
            }
            let tally =
                by_source
                    .entry(witness.source.clone())
                    .or_insert_with(|| SourceAgreement {
                        source: witness.source.clone(),
                        ..SourceAgreement::default()
                    });
            tally.models += 1;
            let mut headline = (false, false);
            for check in &checks {
                let Some(said) = (check.sources.iter())
                    .find(|s| s.source == witness.source && s.value.is_some())
                else {
                    continue;
                };
                let rate = tally.per_rate.entry(check.rate.clone()).or_default();
                rate.stated += 1;
                if said.agrees != Some(false) {
                    continue;
                }
                let on_headline = check.rate == "input" || check.rate == "output";
                if said.known_wrong {
                    rate.known_wrong += 1;
                    headline.1 |= on_headline;
                } else {
                    rate.differ += 1;
                    headline.0 |= on_headline;
                }
            }
            match headline {
                (true, _) => tally.differ_at_100k += 1,
                (false, true) => tally.known_wrong_at_100k += 1,
                _ => {}
            }
        }
    }
    by_source.into_values().collect()
}

/// The known errors of the sources, one per statement, with its models.
fn known_source_errors(catalog: &Catalog) -> Vec<KnownSourceError> {
    let mut errors: Vec<KnownSourceError> = Vec::new();
    for witness in catalog.models.iter().flat_map(|m| &m.witnesses) {
        let Some(known) = witness.known_wrong.as_deref() else {
            continue;
        };
        match (errors.iter_mut()).find(|e| e.source == witness.source && e.why == known.why) {
            Some(error) => error.models += 1,
            None => errors.push(KnownSourceError {
                source: witness.source.clone(),
                why: known.why.clone(),
                models: 1,
            }),
        }
    }
    errors
}

/// Lists the disputed prices of `catalog`, grouped by provider.
pub fn disputes(catalog: &Catalog) -> DisputeReport {
    let count = |c: Confidence| {
        catalog
            .models
            .iter()
            .filter(|m| m.confidence == Some(c))
            .count()
    };
    let mut disputed: Vec<Dispute> = catalog
        .models
        .iter()
        .filter(|m| m.confidence == Some(Confidence::Disputed))
        .map(|m| Dispute {
            provider: m.provider.clone(),
            model: m.id.clone(),
            input: m.prices.input,
            output: m.prices.output,
            chosen_by: m.chosen_by.clone(),
            witnesses: m.witnesses.clone(),
            disputed_rates: rate_checks(m, chosen_source(m))
                .into_iter()
                .filter(|c| c.confidence == Confidence::Disputed)
                .collect(),
        })
        .collect();
    disputed.sort_by(|a, b| (&a.provider, &a.model).cmp(&(&b.provider, &b.model)));
    let mut disputed_per_rate = std::collections::BTreeMap::new();
    for check in disputed.iter().flat_map(|d| &d.disputed_rates) {
        *disputed_per_rate.entry(check.rate.clone()).or_insert(0) += 1;
    }
    DisputeReport {
        confirmed: count(Confidence::Confirmed),
        single_source: count(Confidence::SingleSource),
        disputed,
        disputed_per_rate,
        agreement: agreement(catalog),
        known_source_errors: known_source_errors(catalog),
    }
}

impl Report for DisputeReport {
    fn document(&self) -> Document {
        let show = |p: Option<Decimal>| p.map_or_else(|| "?".to_string(), crate::render::text::usd);
        let rows = self
            .disputed
            .iter()
            .map(|d| {
                let witnesses: Vec<String> = d
                    .witnesses
                    .iter()
                    .map(|w| format!("{} {}/{}", w.source, show(w.input), show(w.output)))
                    .collect();
                let rule = d.chosen_by.as_deref().unwrap_or("unknown");
                // The rates beyond input and output that a source contradicts.
                let others: Vec<String> = (d.disputed_rates.iter())
                    .filter(|c| c.rate != "input" && c.rate != "output")
                    .map(RateCheck::contradiction)
                    .collect();
                vec![
                    Cell::text(format!("{}/{}", d.provider, d.model)),
                    Cell::text(format!("{}/{}", show(d.input), show(d.output))),
                    Cell::text(witnesses.join(", ")),
                    Cell::text(others.join("; ")),
                    Cell::text(rule.split(':').next().unwrap_or(rule)),
                ]
            })
            .collect();
        let mut doc = Document::default();
        doc.push(Block::Table {
            headers: [
                "model",
                "chosen in/out",
                "witnesses",
                "other rates disputed",
                "rule",
            ]
            .map(String::from)
            .to_vec(),
            right_aligned: vec![],
            rows,
        });
        let per_rate: Vec<String> = (self.disputed_per_rate.iter())
            .map(|(rate, n)| format!("{rate} {n}"))
            .collect();
        doc.push(Block::Lines(vec![
            format!(
                "{} confirmed, {} single-source, {} disputed (every rate each model bills at, per 1M tokens; a witness agrees within 0.5%, or as the rate rounded to its places within 5%).",
                self.confirmed,
                self.single_source,
                self.disputed.len()
            ),
            format!(
                "Disputed models per rate: {}.",
                if per_rate.is_empty() {
                    "none".to_string()
                } else {
                    per_rate.join(", ")
                }
            ),
        ]));
        doc.push(Block::Lines(self.agreement_lines()));
        doc
    }
}

/// `part` of `whole` as a percentage with one decimal (`3.0%`).
fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        return "–".to_string();
    }
    let share = Decimal::from(part) * Decimal::ONE_HUNDRED / Decimal::from(whole);
    format!("{}%", share.round_dp(1))
}

impl DisputeReport {
    /// Each source's agreement, then the known errors of the sources.
    fn agreement_lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        for source in &self.agreement {
            let rates: Vec<String> = (source.per_rate.iter())
                .filter(|(_, r)| r.differ > 0)
                .map(|(rate, r)| format!("{rate} {} of {}", percent(r.differ, r.stated), r.stated))
                .collect();
            lines.push(format!(
                "Against {} ({} models it prices, OpenRouter's reselling aside): {} differ on 100k in + 100k out ({}), not counting {} where evidence shows {} wrong; rates that differ: {}.",
                source.source,
                source.models,
                source.differ_at_100k,
                percent(source.differ_at_100k, source.models),
                source.known_wrong_at_100k,
                source.source,
                if rates.is_empty() { "none".to_string() } else { rates.join(", ") }
            ));
        }
        for error in &self.known_source_errors {
            lines.push(format!(
                "Known error of {} (models: {}; shown, not counted): {}",
                error.source, error.models, error.why
            ));
        }
        lines
    }
}
