//! `llmcost tally FILE|-`: prices a usage log (JSON Lines) in one pass with
//! constant memory. The reading, the record shapes and the per-bucket sums
//! live in [`crate::usage_log`]; this module prices the sums and lays out
//! the report.

use std::collections::{BTreeMap, HashMap};

use anyhow::{Context, Result};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::catalog::model::{Catalog, Model, ServiceTier};
use crate::cli::TallyArgs;
use crate::dates::civil_from_days;
use crate::pricing::{Bill, PriceOptions, fees, price_with_rule};
use crate::quantity::group_thousands;
use crate::render::text::usd;
use crate::render::{Block, Cell, Document, Report};
use crate::usage_log::aggregate::{
    Accumulator, Bucket, GroupBy, Place, Problems, ReadOptions, Totals, accumulate,
};
use crate::usage_log::inputs;

/// How many unknown model names a report lists.
const UNKNOWN_MODELS_LISTED: usize = 10;

/// One group's totals.
#[derive(Debug, Serialize)]
pub struct TallyRow {
    /// The model (`provider/id`), provider, day or month.
    pub group: String,
    /// Requests (log lines) priced.
    pub requests: u64,
    /// Input tokens, cache reads and writes included.
    pub input_tokens: u128,
    /// Output tokens, reasoning included.
    pub output_tokens: u128,
    /// USD.
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub cost: Decimal,
}

/// A model name the catalog does not know.
#[derive(Debug, Serialize)]
pub struct UnknownModel {
    /// As written in the log.
    pub name: String,
    /// Lines naming it.
    pub count: u64,
    /// The first line naming it.
    pub first_line: u64,
    /// The file of that line, when several were read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_file: Option<String>,
}

/// Lines that could not be priced, and where the first few are.
#[derive(Debug, Serialize)]
pub struct ProblemLines {
    /// How many.
    pub count: u64,
    /// The first few line numbers (1-based).
    pub first_lines: Vec<u64>,
    /// The file of each of those lines, when several were read.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub first_files: Vec<String>,
}

/// The priced log.
#[derive(Debug, Serialize)]
pub struct TallyReport {
    /// Currency of every amount.
    pub currency: String,
    /// `model`, `provider`, `day` or `month`.
    pub by: GroupBy,
    /// Lines read (blank lines excluded).
    pub lines: u64,
    /// Lines priced.
    pub priced: u64,
    /// Typed events with no usage to price (a session's user messages).
    pub skipped: u64,
    /// Lines that repeat a message already counted (Claude Code writes a
    /// message once per content block) or a Codex event whose running
    /// total did not move.
    pub duplicates: u64,
    /// The files read, in order (`-` is standard input).
    pub inputs: Vec<String>,
    /// Files, or parts of them, that could not be read, with why; the lines
    /// read before a failure are counted.
    pub unreadable: Vec<String>,
    /// The groups, most expensive first.
    pub groups: Vec<TallyRow>,
    /// USD over every priced line.
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub total: Decimal,
    /// Lines that are not JSON records with token counts.
    pub malformed: ProblemLines,
    /// Lines naming a model the catalog does not know.
    pub unknown: ProblemLines,
    /// The unknown names, most frequent first.
    pub unknown_models: Vec<UnknownModel>,
    /// Missing prices worked around, once each.
    pub warnings: Vec<String>,
    /// Priced lines per record shape (`openai-responses`, `anthropic-messages`, …).
    pub shapes: BTreeMap<&'static str, u64>,
}

/// Reads and prices the log `args` names.
pub fn report(catalog: &Catalog, args: &TallyArgs) -> Result<TallyReport> {
    let options = PriceOptions {
        batch: args.batch,
        ..PriceOptions::default()
    };
    let read = ReadOptions {
        file: String::new(),
        by: args.by,
        strict: args.strict,
        file_index: 0,
    };
    let mut paths = args.files.clone();
    if args.agents.claude_code {
        paths.extend(found_folders(inputs::claude_code_folders(), "Claude Code")?);
    }
    if args.agents.codex {
        paths.extend(found_folders(inputs::codex_folders(), "Codex CLI")?);
    }
    let expanded = inputs::expand(&paths)?;
    let accumulated = accumulate(catalog, &expanded.files, &read)?;
    let shapes: BTreeMap<&'static str, u64> = accumulated.shape_counts().collect();
    let Accumulator {
        buckets,
        malformed,
        unknown,
        unknown_names,
        mut unreadable,
        lines,
        priced,
        skipped,
        duplicates,
        ..
    } = accumulated;
    let mut groups: BTreeMap<String, TallyRow> = BTreeMap::new();
    let mut warnings: Vec<String> = Vec::new();
    let mut total = Decimal::ZERO;
    let mut ordered: Vec<_> = buckets.into_iter().collect();
    ordered.sort_by_key(|(b, _)| (b.model, b.long, b.batch, b.tier as u8, b.period));
    for (bucket, totals) in ordered {
        let period = bucket.period;
        let model = &catalog.models[bucket.model];
        let bill = price_bucket(model, &bucket, &totals, options)?;
        for warning in bill.warnings {
            let warning = format!("{}/{}: {warning}", model.provider, model.id);
            if !warnings.contains(&warning) {
                warnings.push(warning);
            }
        }
        let group = match args.by {
            GroupBy::Model => format!("{}/{}", model.provider, model.id),
            GroupBy::Provider => model.provider.clone(),
            GroupBy::Day | GroupBy::Month if period == i64::MIN => "unknown".to_string(),
            GroupBy::Day => civil_from_days(period),
            GroupBy::Month => civil_from_days(period)[..7].to_string(),
        };
        let row = groups.entry(group.clone()).or_insert(TallyRow {
            group,
            requests: 0,
            input_tokens: 0,
            output_tokens: 0,
            cost: Decimal::ZERO,
        });
        row.requests += totals.requests;
        row.input_tokens += totals.input;
        row.output_tokens += totals.output;
        row.cost = row
            .cost
            .checked_add(bill.total)
            .context("the log's cost is too large")?;
        total = total
            .checked_add(bill.total)
            .context("the log's cost is too large")?;
    }
    let mut groups: Vec<TallyRow> = groups.into_values().collect();
    for row in &mut groups {
        row.cost = row.cost.normalize();
    }
    if matches!(args.by, GroupBy::Model | GroupBy::Provider) {
        groups.sort_by(|a, b| b.cost.cmp(&a.cost).then_with(|| a.group.cmp(&b.group)));
    }
    let files = &expanded.files;
    let unknown_models = most_frequent(unknown_names, files);
    unreadable.splice(0..0, expanded.unreadable);
    Ok(TallyReport {
        currency: catalog.currency.clone(),
        by: args.by,
        lines,
        priced,
        skipped,
        duplicates,
        inputs: expanded.files.clone(),
        unreadable,
        groups,
        total: total.normalize(),
        malformed: problem_lines(&malformed, files),
        unknown: problem_lines(&unknown, files),
        unknown_models,
        warnings,
        shapes,
    })
}

/// Prices one bucket: its summed tokens as one request at the rates its
/// lines share (batch, service tier, long context), plus a per-request fee
/// for each of its lines.
fn price_bucket(
    model: &Model,
    bucket: &Bucket,
    totals: &Totals,
    options: PriceOptions,
) -> Result<Bill> {
    let usage = totals
        .usage()
        .context("the log's token totals are too large to price")?;
    let batch = options.batch || bucket.batch;
    let options = PriceOptions {
        batch,
        // The batch API has no service tiers.
        service_tier: if batch {
            ServiceTier::Standard
        } else {
            bucket.tier
        },
        ..options
    };
    let mut bill = price_with_rule(&model.prices, &usage, &options, bucket.long)
        .with_context(|| format!("cannot price {}/{}", model.provider, model.id))?;
    let searches = u64::try_from(totals.web_searches).context("too many web searches to price")?;
    for fee in fees(&model.prices, &options, totals.requests, searches)
        .with_context(|| format!("cannot price {}/{}", model.provider, model.id))?
    {
        bill.total = bill
            .total
            .checked_add(fee.amount)
            .context("the log's cost is too large")?;
    }
    Ok(bill)
}

/// The folders found, or an error naming where they were looked for.
fn found_folders(folders: Vec<String>, tool: &str) -> Result<Vec<String>> {
    if folders.is_empty() {
        anyhow::bail!(
            "found no {tool} logs (see 'llmcost tally --help' for where they are looked for)"
        );
    }
    Ok(folders)
}

/// The file of a place, when more than one file was read.
fn file_of(place: Place, files: &[String]) -> Option<String> {
    (files.len() > 1)
        .then(|| files.get(place.file).cloned())
        .flatten()
}

fn problem_lines(problems: &Problems, files: &[String]) -> ProblemLines {
    ProblemLines {
        count: problems.count,
        first_lines: problems.first.iter().map(|p| p.line).collect(),
        first_files: problems
            .first
            .iter()
            .filter_map(|p| file_of(*p, files))
            .collect(),
    }
}

/// The unknown names, most frequent first, at most [`UNKNOWN_MODELS_LISTED`].
fn most_frequent(names: HashMap<String, (u64, Place)>, files: &[String]) -> Vec<UnknownModel> {
    let mut unknown: Vec<(String, u64, Place)> = names
        .into_iter()
        .map(|(name, (count, first))| (name, count, first))
        .collect();
    unknown.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.2.cmp(&b.2)));
    unknown.truncate(UNKNOWN_MODELS_LISTED);
    unknown
        .into_iter()
        .map(|(name, count, first)| UnknownModel {
            name,
            count,
            first_line: first.line,
            first_file: file_of(first, files),
        })
        .collect()
}

fn big_count(n: u128) -> Cell {
    u64::try_from(n).map_or_else(|_| Cell::text(n.to_string()), Cell::count)
}

impl Report for TallyReport {
    fn document(&self) -> Document {
        let mut rows: Vec<Vec<Cell>> = self
            .groups
            .iter()
            .map(|g| {
                vec![
                    Cell::text(g.group.clone()),
                    Cell::count(g.requests),
                    big_count(g.input_tokens),
                    big_count(g.output_tokens),
                    Cell::money(Some(g.cost)),
                ]
            })
            .collect();
        rows.push(vec![
            Cell::text("total"),
            Cell::count(self.priced),
            big_count(self.groups.iter().map(|g| g.input_tokens).sum()),
            big_count(self.groups.iter().map(|g| g.output_tokens).sum()),
            Cell::money(Some(self.total)),
        ]);
        let by = match self.by {
            GroupBy::Model => "model",
            GroupBy::Provider => "provider",
            GroupBy::Day => "day",
            GroupBy::Month => "month",
        };
        let mut doc = Document::default();
        doc.push(Block::Table {
            headers: [by, "requests", "input", "output", "cost"]
                .map(String::from)
                .to_vec(),
            right_aligned: vec![1, 2, 3, 4],
            rows,
        });
        let lines_of = |p: &ProblemLines| {
            p.first_lines
                .iter()
                .enumerate()
                .map(|(i, line)| match p.first_files.get(i) {
                    Some(file) => format!("{file}:{line}"),
                    None => line.to_string(),
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut footer = vec![format!(
            "{} of {} lines priced ({}).",
            group_thousands(self.priced),
            group_thousands(self.lines),
            self.currency
        )];
        if self.skipped > 0 {
            footer.push(format!(
                "{} lines without usage skipped (session messages, events)",
                group_thousands(self.skipped)
            ));
        }
        if self.duplicates > 0 {
            footer.push(format!(
                "{} duplicate lines counted once (a message logged on several lines)",
                group_thousands(self.duplicates)
            ));
        }
        if self.malformed.count > 0 {
            footer.push(format!(
                "{} malformed lines (first: {})",
                group_thousands(self.malformed.count),
                lines_of(&self.malformed)
            ));
        }
        if self.unknown.count > 0 {
            let names: Vec<String> = self
                .unknown_models
                .iter()
                .map(|u| match &u.first_file {
                    Some(file) => format!("{} ×{} ({file}:{})", u.name, u.count, u.first_line),
                    None => format!("{} ×{} (line {})", u.name, u.count, u.first_line),
                })
                .collect();
            footer.push(format!(
                "{} lines with unknown models: {}",
                group_thousands(self.unknown.count),
                names.join(", ")
            ));
        }
        for failure in &self.unreadable {
            footer.push(format!("could not read {failure}"));
        }
        if self.total > Decimal::ZERO && self.groups.len() > 1 {
            footer.push(format!("Total {}", usd(self.total)));
        }
        doc.push(Block::Lines(footer));
        doc
    }
}
