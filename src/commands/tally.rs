//! `llmcost tally FILE|-`: prices a usage log (JSON Lines) in one pass with
//! constant memory. Three record shapes are understood, at the top level or
//! under `usage`:
//! - llmcost's own: `input_tokens` (cache reads and writes included),
//!   `cached_input_tokens`, `cache_write_tokens`, `output_tokens` (reasoning
//!   included), `reasoning_tokens`;
//! - OpenAI's Chat Completions: `prompt_tokens` (cached included),
//!   `completion_tokens` (reasoning included), `prompt_tokens_details.cached_tokens`,
//!   `completion_tokens_details.reasoning_tokens`;
//! - OpenAI's Responses API: `input_tokens` (cached included), `output_tokens`
//!   (reasoning included), `input_tokens_details.cached_tokens`,
//!   `output_tokens_details.reasoning_tokens`;
//! - Anthropic's: `input_tokens` (cache reads and writes *excluded*),
//!   `output_tokens`, `cache_read_input_tokens`, `cache_creation_input_tokens`,
//!   split by lifetime in `cache_creation.ephemeral_5m_input_tokens` and
//!   `ephemeral_1h_input_tokens` (billed at the 1-hour rate).
//!
//! A record's time is `timestamp` (ISO 8601 or Unix seconds), else OpenAI's
//! `created` or `created_at` (Unix seconds).
//!
//! Token counts are summed per (model, long-context side, day) and each sum is
//! priced once at the end: pricing is linear, so this equals the sum of the
//! per-request prices exactly.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::fs::File;
use std::io::Read;

use anyhow::{Context, Result, bail};
use indicatif::ProgressBar;
use rust_decimal::Decimal;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

use crate::catalog::lookup::resolve;
use crate::catalog::model::Catalog;
use crate::cli::{GroupBy, TallyArgs};
use crate::dates::{civil_from_days, parse_day};
use crate::pricing::{LongContext, PriceOptions, Usage, long_context_rule, price_with_rule};
use crate::progress;
use crate::quantity::group_thousands;
use crate::render::text::usd;
use crate::render::{Block, Cell, Document, Report};

/// How many line numbers a report lists per kind of problem.
const FIRST_LINES: usize = 5;
/// How many unknown model names a report lists.
const UNKNOWN_MODELS_LISTED: usize = 10;

/// A timestamp as days since 1970-01-01, from an ISO string or Unix seconds.
#[derive(Debug, Clone, Copy)]
struct Day(i64);

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DayVisitor;
        impl<'de> Visitor<'de> for DayVisitor {
            type Value = Day;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an ISO 8601 date or Unix seconds")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Day, E> {
                parse_day(v).map(Day).ok_or_else(|| E::custom("not a date"))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Day, E> {
                i64::try_from(v / 86_400).map(Day).map_err(E::custom)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Day, E> {
                Ok(Day(v.div_euclid(86_400)))
            }
            // serde_json's arbitrary-precision numbers arrive as a one-entry map.
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Day, A::Error> {
                let (_, text): (String, String) = map
                    .next_entry()?
                    .ok_or_else(|| de::Error::custom("empty number"))?;
                let whole = text.split(['.', 'e', 'E']).next().unwrap_or("");
                let seconds: i64 = whole.parse().map_err(de::Error::custom)?;
                Ok(Day(seconds.div_euclid(86_400)))
            }
        }
        deserializer.deserialize_any(DayVisitor)
    }
}

#[derive(Debug, Default, Deserialize)]
struct PromptDetails {
    cached_tokens: Option<u64>,
}

#[derive(Debug, Default, Deserialize)]
struct CompletionDetails {
    reasoning_tokens: Option<u64>,
}

/// Anthropic's split of cache writes by lifetime.
#[derive(Debug, Default, Deserialize)]
struct CacheCreation {
    ephemeral_1h_input_tokens: Option<u64>,
}

/// One log line; every field optional.
#[derive(Debug, Default, Deserialize)]
struct Record<'a> {
    #[serde(borrow)]
    model: Option<Cow<'a, str>>,
    #[serde(borrow)]
    provider: Option<Cow<'a, str>>,
    timestamp: Option<Day>,
    created: Option<Day>,
    created_at: Option<Day>,
    input_tokens: Option<u64>,
    output_tokens: Option<u64>,
    cached_input_tokens: Option<u64>,
    cache_write_tokens: Option<u64>,
    reasoning_tokens: Option<u64>,
    prompt_tokens: Option<u64>,
    completion_tokens: Option<u64>,
    prompt_tokens_details: Option<PromptDetails>,
    completion_tokens_details: Option<CompletionDetails>,
    input_tokens_details: Option<PromptDetails>,
    output_tokens_details: Option<CompletionDetails>,
    cache_read_input_tokens: Option<u64>,
    cache_creation_input_tokens: Option<u64>,
    cache_creation: Option<CacheCreation>,
    #[serde(borrow)]
    usage: Option<Box<Record<'a>>>,
}

/// Token counts in llmcost's meaning (see the module doc).
#[derive(Debug, Default, Clone, Copy)]
struct Tokens {
    input: u64,
    cached: u64,
    /// Cache writes at the 5-minute (or `--cache-ttl`) rate.
    written: u64,
    /// Cache writes a log marks as 1-hour ones.
    written_1h: u64,
    output: u64,
    reasoning: u64,
}

impl Record<'_> {
    fn tokens(&self) -> Option<Tokens> {
        if let Some(usage) = &self.usage {
            return usage.tokens();
        }
        if let Some(prompt) = self.prompt_tokens {
            return Some(Tokens {
                input: prompt,
                cached: cached_of(self.prompt_tokens_details.as_ref()),
                written: 0,
                written_1h: 0,
                output: self.completion_tokens.unwrap_or(0),
                reasoning: reasoning_of(self.completion_tokens_details.as_ref()),
            });
        }
        if self.cache_read_input_tokens.is_some() || self.cache_creation_input_tokens.is_some() {
            let read = self.cache_read_input_tokens.unwrap_or(0);
            let created = self.cache_creation_input_tokens.unwrap_or(0);
            let one_hour = self
                .cache_creation
                .as_ref()
                .and_then(|c| c.ephemeral_1h_input_tokens)
                .unwrap_or(0);
            return Some(Tokens {
                input: self
                    .input_tokens
                    .unwrap_or(0)
                    .checked_add(read)?
                    .checked_add(created)?,
                cached: read,
                written: created.checked_sub(one_hour)?,
                written_1h: one_hour,
                output: self.output_tokens.unwrap_or(0),
                reasoning: 0,
            });
        }
        if self.input_tokens_details.is_some() || self.output_tokens_details.is_some() {
            return Some(Tokens {
                input: self.input_tokens.unwrap_or(0),
                cached: cached_of(self.input_tokens_details.as_ref()),
                written: 0,
                written_1h: 0,
                output: self.output_tokens.unwrap_or(0),
                reasoning: reasoning_of(self.output_tokens_details.as_ref()),
            });
        }
        if self.input_tokens.is_none() && self.output_tokens.is_none() {
            return None;
        }
        Some(Tokens {
            input: self.input_tokens.unwrap_or(0),
            cached: self.cached_input_tokens.unwrap_or(0),
            written: self.cache_write_tokens.unwrap_or(0),
            written_1h: 0,
            output: self.output_tokens.unwrap_or(0),
            reasoning: self.reasoning_tokens.unwrap_or(0),
        })
    }

    fn model(&self) -> Option<&str> {
        self.model
            .as_deref()
            .or_else(|| self.usage.as_ref().and_then(|u| u.model.as_deref()))
    }

    fn day(&self) -> Option<i64> {
        self.timestamp
            .or(self.created)
            .or(self.created_at)
            .map(|d| d.0)
    }
}

fn cached_of(details: Option<&PromptDetails>) -> u64 {
    details.and_then(|d| d.cached_tokens).unwrap_or(0)
}

fn reasoning_of(details: Option<&CompletionDetails>) -> u64 {
    details.and_then(|d| d.reasoning_tokens).unwrap_or(0)
}

#[derive(Debug, Default, Clone, Copy)]
struct Totals {
    requests: u64,
    input: u128,
    cached: u128,
    written: u128,
    written_1h: u128,
    output: u128,
    reasoning: u128,
}

impl Totals {
    fn add(&mut self, t: Tokens) {
        self.requests += 1;
        self.input += u128::from(t.input);
        self.cached += u128::from(t.cached);
        self.written += u128::from(t.written);
        self.written_1h += u128::from(t.written_1h);
        self.output += u128::from(t.output);
        self.reasoning += u128::from(t.reasoning);
    }

    fn absorb(&mut self, other: &Totals) {
        self.requests += other.requests;
        self.input += other.input;
        self.cached += other.cached;
        self.written += other.written;
        self.written_1h += other.written_1h;
        self.output += other.output;
        self.reasoning += other.reasoning;
    }

    fn usage(&self) -> Option<Usage> {
        Some(Usage {
            input_tokens: u64::try_from(self.input).ok()?,
            cached_input_tokens: u64::try_from(self.cached).ok()?,
            cache_write_tokens: u64::try_from(self.written).ok()?,
            cache_write_1h_tokens: u64::try_from(self.written_1h).ok()?,
            output_tokens: u64::try_from(self.output).ok()?,
            reasoning_tokens: u64::try_from(self.reasoning).ok()?,
            requests: 1,
        })
    }
}

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

/// Lines that could not be priced, with where they are.
#[derive(Debug, Default, Serialize)]
pub struct Problems {
    /// How many.
    pub count: u64,
    /// The first few line numbers (1-based).
    pub first_lines: Vec<u64>,
}

impl Problems {
    fn record(&mut self, line: u64) {
        self.count += 1;
        if self.first_lines.len() < FIRST_LINES {
            self.first_lines.push(line);
        }
    }
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
    /// The groups, most expensive first.
    pub groups: Vec<TallyRow>,
    /// USD over every priced line.
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub total: Decimal,
    /// Lines that are not JSON records with token counts.
    pub malformed: Problems,
    /// Lines naming a model the catalog does not know.
    pub unknown: Problems,
    /// The unknown names, most frequent first.
    pub unknown_models: Vec<UnknownModel>,
    /// Missing prices worked around, once each.
    pub warnings: Vec<String>,
}

/// Logs smaller than this are read without a progress bar.
const PROGRESS_FROM_BYTES: u64 = 32 << 20;

/// Opens the log, with a progress bar on a terminal for large files and
/// standard input.
fn open_input(path: &str) -> Result<(Box<dyn Read + Send>, ProgressBar)> {
    if path == "-" {
        let bar = progress::bytes(None, "llmcost: tallying standard input");
        return Ok((Box::new(bar.wrap_read(std::io::stdin())), bar));
    }
    let file = File::open(path).with_context(|| format!("could not open '{path}'"))?;
    let meta = file
        .metadata()
        .with_context(|| format!("could not read '{path}'"))?;
    if meta.is_dir() {
        bail!("'{path}' is a directory, not a file");
    }
    let bar = if meta.len() >= PROGRESS_FROM_BYTES {
        progress::bytes(Some(meta.len()), &format!("llmcost: tallying {path}"))
    } else {
        ProgressBar::hidden()
    };
    Ok((Box::new(bar.wrap_read(file)), bar))
}

/// Per-thread running totals over blocks of lines.
#[derive(Default)]
struct Accumulator {
    resolved: HashMap<String, Option<usize>>,
    buckets: HashMap<(usize, bool, i64), Totals>,
    malformed: Problems,
    unknown: Problems,
    unknown_names: HashMap<String, (u64, u64)>,
    lines: u64,
    priced: u64,
}

impl Accumulator {
    /// Processes whole lines; `first_line` is the 1-based number of the first.
    fn block(
        &mut self,
        block: &[u8],
        first_line: u64,
        catalog: &Catalog,
        args: &TallyArgs,
    ) -> Result<()> {
        for (line, raw) in (first_line..).zip(block.split(|b| *b == b'\n')) {
            let text = raw.trim_ascii();
            if text.is_empty() {
                continue;
            }
            self.lines += 1;
            self.line(text, line, catalog, args)?;
        }
        Ok(())
    }

    fn line(
        &mut self,
        text: &[u8],
        number: u64,
        catalog: &Catalog,
        args: &TallyArgs,
    ) -> Result<()> {
        let parsed: Option<(Record<'_>, Tokens)> = serde_json::from_slice::<Record<'_>>(text)
            .ok()
            .and_then(|r| r.tokens().map(|t| (r, t)))
            .filter(|(_, t)| {
                t.cached
                    .saturating_add(t.written)
                    .saturating_add(t.written_1h)
                    <= t.input
                    && t.reasoning <= t.output
            });
        let Some((record, tokens)) = parsed else {
            if args.strict {
                bail!(
                    "line {number} of '{}' is not a usage record with token counts",
                    args.file
                );
            }
            self.malformed.record(number);
            return Ok(());
        };
        let Some(name) = record.model() else {
            if args.strict {
                bail!("line {number} of '{}' names no model", args.file);
            }
            self.malformed.record(number);
            return Ok(());
        };
        let index = match record.provider.as_deref() {
            Some(provider) if !name.contains('/') => {
                self.resolve(&format!("{provider}/{name}"), catalog)
            }
            _ => self.resolve(name, catalog),
        };
        let Some(index) = index else {
            if args.strict {
                bail!(
                    "line {number} of '{}' names unknown model '{name}'",
                    args.file
                );
            }
            self.unknown.record(number);
            let entry = self
                .unknown_names
                .entry(name.to_string())
                .or_insert((0, number));
            entry.0 += 1;
            entry.1 = entry.1.min(number);
            return Ok(());
        };
        let model = &catalog.models[index];
        let long = long_context_rule(&model.prices, tokens.input) == LongContext::Applies;
        let period = match args.by {
            GroupBy::Day | GroupBy::Month => record.day().unwrap_or(i64::MIN),
            GroupBy::Model | GroupBy::Provider => 0,
        };
        self.buckets
            .entry((index, long, period))
            .or_default()
            .add(tokens);
        self.priced += 1;
        Ok(())
    }

    fn resolve(&mut self, name: &str, catalog: &Catalog) -> Option<usize> {
        if let Some(found) = self.resolved.get(name) {
            return *found;
        }
        let found = resolve(catalog, name, None).ok().and_then(|l| {
            catalog
                .models
                .iter()
                .position(|m| std::ptr::eq(m, l.found.model))
        });
        self.resolved.insert(name.to_string(), found);
        found
    }

    fn merge(&mut self, other: Accumulator) {
        for (key, totals) in other.buckets {
            self.buckets.entry(key).or_default().absorb(&totals);
        }
        for (mine, theirs) in [
            (&mut self.malformed, other.malformed),
            (&mut self.unknown, other.unknown),
        ] {
            mine.count += theirs.count;
            mine.first_lines.extend(theirs.first_lines);
            mine.first_lines.sort_unstable();
            mine.first_lines.truncate(FIRST_LINES);
        }
        for (name, (count, first)) in other.unknown_names {
            let entry = self.unknown_names.entry(name).or_insert((0, first));
            entry.0 += count;
            entry.1 = entry.1.min(first);
        }
        self.lines += other.lines;
        self.priced += other.priced;
    }
}

/// A line longer than this is refused rather than buffered.
const MAX_LINE_BYTES: usize = 64 << 20;

/// Bytes read at a time; each block ends at a line break.
const BLOCK_BYTES: usize = 4 << 20;

/// Reads whole-line blocks and hands each, with its first line number, to `sink`.
fn for_each_block(
    mut input: impl Read,
    mut sink: impl FnMut(Vec<u8>, u64) -> Result<()>,
    file: &str,
) -> Result<()> {
    let mut carry: Vec<u8> = Vec::new();
    let mut next_line = 1u64;
    loop {
        let mut block = std::mem::take(&mut carry);
        let start = block.len();
        block.resize(start + BLOCK_BYTES, 0);
        let n = read_full(&mut input, &mut block[start..])
            .with_context(|| format!("could not read '{file}'"))?;
        block.truncate(start + n);
        if block.is_empty() {
            return Ok(());
        }
        if n > 0 {
            // Keep a partial last line for the next block.
            let Some(end) = memchr::memrchr(b'\n', &block) else {
                if block.len() > MAX_LINE_BYTES {
                    bail!(
                        "line {next_line} of '{file}' is longer than {} MiB",
                        MAX_LINE_BYTES >> 20
                    );
                }
                carry = block;
                continue;
            };
            carry = block.split_off(end + 1);
        }
        let lines = memchr::memchr_iter(b'\n', &block).count() as u64;
        let first = next_line;
        next_line += lines.max(1);
        sink(block, first)?;
        if n == 0 {
            return Ok(());
        }
    }
}

fn read_full(input: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match input.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

/// Reads the log: on several threads, each with its own totals merged at
/// the end, or in order on one thread under `--strict` so that the first
/// bad line is the one reported.
fn accumulate(catalog: &Catalog, args: &TallyArgs) -> Result<Accumulator> {
    let (input, bar) = open_input(&args.file)?;
    let result = accumulate_from(input, catalog, args);
    bar.finish_and_clear();
    result
}

fn accumulate_from(
    input: Box<dyn Read + Send>,
    catalog: &Catalog,
    args: &TallyArgs,
) -> Result<Accumulator> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    if args.strict || workers == 1 {
        let mut acc = Accumulator::default();
        for_each_block(
            input,
            |block, first| acc.block(&block, first, catalog, args),
            &args.file,
        )?;
        return Ok(acc);
    }
    std::thread::scope(|scope| {
        let (send, receive) = std::sync::mpsc::sync_channel::<(Vec<u8>, u64)>(workers * 2);
        let receive = std::sync::Arc::new(std::sync::Mutex::new(receive));
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                let receive = receive.clone();
                scope.spawn(move || -> Result<Accumulator> {
                    let mut acc = Accumulator::default();
                    loop {
                        let next = receive
                            .lock()
                            .map_err(|_| anyhow::anyhow!("a tally worker failed"))?
                            .recv();
                        let Ok((block, first)) = next else {
                            return Ok(acc);
                        };
                        acc.block(&block, first, catalog, args)?;
                    }
                })
            })
            .collect();
        let read = for_each_block(
            input,
            |block, first| {
                send.send((block, first))
                    .map_err(|_| anyhow::anyhow!("a tally worker stopped"))
            },
            &args.file,
        );
        drop(send);
        let mut total = Accumulator::default();
        for handle in handles {
            let acc = handle
                .join()
                .map_err(|_| anyhow::anyhow!("a tally worker panicked"))??;
            total.merge(acc);
        }
        read?;
        Ok(total)
    })
}

/// Reads and prices the log `args` names.
pub fn report(catalog: &Catalog, args: &TallyArgs) -> Result<TallyReport> {
    let options = PriceOptions {
        batch: args.batch,
        ..PriceOptions::default()
    };
    let Accumulator {
        buckets,
        malformed,
        unknown,
        unknown_names,
        lines,
        priced,
        ..
    } = accumulate(catalog, args)?;
    let mut groups: BTreeMap<String, TallyRow> = BTreeMap::new();
    let mut warnings: Vec<String> = Vec::new();
    let mut total = Decimal::ZERO;
    let mut ordered: Vec<_> = buckets.into_iter().collect();
    ordered.sort_by_key(|((index, long, period), _)| (*index, *long, *period));
    for ((index, long, period), totals) in ordered {
        let model = &catalog.models[index];
        let usage = totals
            .usage()
            .context("the log's token totals are too large to price")?;
        let bill = price_with_rule(&model.prices, &usage, &options, long)
            .with_context(|| format!("cannot price {}/{}", model.provider, model.id))?;
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
    let mut unknown_models: Vec<UnknownModel> = unknown_names
        .into_iter()
        .map(|(name, (count, first_line))| UnknownModel {
            name,
            count,
            first_line,
        })
        .collect();
    unknown_models.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| a.first_line.cmp(&b.first_line))
    });
    unknown_models.truncate(UNKNOWN_MODELS_LISTED);
    Ok(TallyReport {
        currency: catalog.currency.clone(),
        by: args.by,
        lines,
        priced,
        groups,
        total: total.normalize(),
        malformed,
        unknown,
        unknown_models,
        warnings,
    })
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
        let lines_of = |p: &Problems| {
            p.first_lines
                .iter()
                .map(u64::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut footer = vec![format!(
            "{} of {} lines priced ({}).",
            group_thousands(self.priced),
            group_thousands(self.lines),
            self.currency
        )];
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
                .map(|u| format!("{} ×{} (line {})", u.name, u.count, u.first_line))
                .collect();
            footer.push(format!(
                "{} lines with unknown models: {}",
                group_thousands(self.unknown.count),
                names.join(", ")
            ));
        }
        if self.total > Decimal::ZERO && self.groups.len() > 1 {
            footer.push(format!("Total {}", usd(self.total)));
        }
        doc.push(Block::Lines(footer));
        doc
    }
}
