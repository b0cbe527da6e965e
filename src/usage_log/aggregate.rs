//! Reading a log into per-bucket token totals: each worker thread keeps
//! its own [`Accumulator`] over blocks of lines and the results are merged.
//! Totals are summed per (model, long-context side, day), so that each
//! bucket is priced once, which equals the sum of per-request prices
//! because pricing is linear.

use std::collections::HashMap;
use std::io::Read;

use anyhow::{Result, bail};
use serde::Serialize;

use super::blocks::{for_each_block, open_input};
use super::record::Record;
use super::shapes::{SHAPES, usage_of};
use crate::catalog::lookup::resolve;
use crate::catalog::model::{Catalog, ServiceTier};
use crate::pricing::{LongContext, Usage, long_context_rule};

/// How many line numbers a report lists per kind of problem.
pub const FIRST_LINES: usize = 5;

/// How `tally` groups its totals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum GroupBy {
    /// By model (provider/id).
    Model,
    /// By provider.
    Provider,
    /// By day of the record's timestamp.
    Day,
    /// By month of the record's timestamp.
    Month,
}

/// How to read a log.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// The log's path, or `-` for standard input.
    pub file: String,
    /// How the totals will be grouped (days matter only for day and month).
    pub by: GroupBy,
    /// Stop at the first line that cannot be priced.
    pub strict: bool,
}

/// What a bucket's lines share, so its sum prices exactly as its lines
/// would one by one: the model (its catalog index), the long-context side,
/// whether a batch API billed them, and the day (days since 1970-01-01).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Bucket {
    /// Index of the model in the catalog.
    pub model: usize,
    /// The requests passed the long-context threshold.
    pub long: bool,
    /// A batch API billed them (batch output and result lines).
    pub batch: bool,
    /// The service tier the log says billed them.
    pub tier: ServiceTier,
    /// The day, or `i64::MIN` when unknown or not grouped by day.
    pub period: i64,
}

/// Token totals of one bucket.
#[derive(Debug, Default, Clone, Copy)]
pub struct Totals {
    pub(crate) requests: u64,
    pub(crate) input: u128,
    pub(crate) cached: u128,
    pub(crate) written: u128,
    pub(crate) written_1h: u128,
    pub(crate) output: u128,
    pub(crate) reasoning: u128,
    pub(crate) web_searches: u128,
}

impl Totals {
    fn add(&mut self, usage: &Usage) {
        self.requests += 1;
        self.input += u128::from(usage.input_tokens);
        self.cached += u128::from(usage.cached_input_tokens);
        self.written += u128::from(usage.cache_write_tokens);
        self.written_1h += u128::from(usage.cache_write_1h_tokens);
        self.output += u128::from(usage.output_tokens);
        self.reasoning += u128::from(usage.reasoning_tokens);
        self.web_searches += u128::from(usage.web_searches);
    }

    /// Adds another bucket's totals.
    pub fn absorb(&mut self, other: &Totals) {
        self.requests += other.requests;
        self.input += other.input;
        self.cached += other.cached;
        self.written += other.written;
        self.written_1h += other.written_1h;
        self.output += other.output;
        self.reasoning += other.reasoning;
        self.web_searches += other.web_searches;
    }

    /// The summed usage as one request, or `None` past `u64`.
    pub fn usage(&self) -> Option<Usage> {
        Some(Usage {
            input_tokens: u64::try_from(self.input).ok()?,
            cached_input_tokens: u64::try_from(self.cached).ok()?,
            cache_write_tokens: u64::try_from(self.written).ok()?,
            cache_write_1h_tokens: u64::try_from(self.written_1h).ok()?,
            output_tokens: u64::try_from(self.output).ok()?,
            reasoning_tokens: u64::try_from(self.reasoning).ok()?,
            requests: 1,
            // Web searches are priced per search by `fees`, not here.
            web_searches: 0,
        })
    }
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
    /// Counts a problem line, keeping the first few line numbers.
    pub fn record(&mut self, line: u64) {
        self.count += 1;
        if self.first_lines.len() < FIRST_LINES {
            self.first_lines.push(line);
        }
    }
}

/// Per-thread running totals over blocks of lines.
#[derive(Default)]
pub struct Accumulator {
    pub(crate) resolved: HashMap<String, Option<usize>>,
    pub(crate) buckets: HashMap<Bucket, Totals>,
    pub(crate) malformed: Problems,
    pub(crate) unknown: Problems,
    pub(crate) unknown_names: HashMap<String, (u64, u64)>,
    pub(crate) lines: u64,
    pub(crate) priced: u64,
    /// Priced lines per record shape, by index in [`SHAPES`].
    pub(crate) shapes: [u64; SHAPES.len()],
    /// Typed events without usage (a session's user messages).
    pub(crate) skipped: u64,
}

impl Accumulator {
    /// Priced lines per shape name, for the report.
    pub fn shape_counts(&self) -> impl Iterator<Item = (&'static str, u64)> + '_ {
        SHAPES
            .iter()
            .zip(self.shapes)
            .filter(|(_, count)| *count > 0)
            .map(|(shape, count)| (shape.name, count))
    }
}

impl Accumulator {
    /// Processes whole lines; `first_line` is the 1-based number of the first.
    pub fn block(
        &mut self,
        block: &[u8],
        first_line: u64,
        catalog: &Catalog,
        options: &ReadOptions,
    ) -> Result<()> {
        for (line, raw) in (first_line..).zip(block.split(|b| *b == b'\n')) {
            let text = raw.trim_ascii();
            if text.is_empty() {
                continue;
            }
            self.lines += 1;
            self.line(text, line, catalog, options)?;
        }
        Ok(())
    }

    fn line(
        &mut self,
        text: &[u8],
        number: u64,
        catalog: &Catalog,
        options: &ReadOptions,
    ) -> Result<()> {
        let outer = serde_json::from_slice::<Record<'_>>(text).ok();
        let (record, batch) = outer.as_ref().map_or((None, false), |o| {
            let (inner, batch) = o.unwrapped();
            (Some(inner), batch)
        });
        let parsed = record
            .and_then(|r| usage_of(r).map(|u| (r, u)))
            .filter(|(_, (_, usage))| usage.check().is_ok());
        // A typed event with no usage anywhere (a session's user message,
        // a summary) is a line to skip, not a malformed one.
        if parsed.is_none()
            && outer.as_ref().is_some_and(|o| o.kind.is_some())
            && record.is_some_and(|r| usage_of(r).is_none())
        {
            self.skipped += 1;
            return Ok(());
        }
        let (Some(outer), Some((record, (shape, usage)))) = (outer.as_ref(), parsed) else {
            if options.strict {
                bail!(
                    "line {number} of '{}' is not a usage record with token counts",
                    options.file
                );
            }
            self.malformed.record(number);
            return Ok(());
        };
        let Some(name) = record.model().or_else(|| outer.model()) else {
            if options.strict {
                bail!("line {number} of '{}' names no model", options.file);
            }
            self.malformed.record(number);
            return Ok(());
        };
        let index = match record.provider.as_deref().or(outer.provider.as_deref()) {
            Some(provider) if !name.contains('/') => {
                self.resolve(&format!("{provider}/{name}"), catalog)
            }
            _ => self.resolve(name, catalog),
        };
        let Some(index) = index else {
            if options.strict {
                bail!(
                    "line {number} of '{}' names unknown model '{name}'",
                    options.file
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
        let long = long_context_rule(&model.prices, usage.input_tokens) == LongContext::Applies;
        let period = match options.by {
            GroupBy::Day | GroupBy::Month => outer.day().or(record.day()).unwrap_or(i64::MIN),
            GroupBy::Model | GroupBy::Provider => 0,
        };
        let (tier, batch_tier) = record.tier();
        let bucket = Bucket {
            model: index,
            long,
            batch: batch || batch_tier,
            tier,
            period,
        };
        self.buckets.entry(bucket).or_default().add(&usage);
        self.shapes[shape] += 1;
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

    /// Adds another worker's totals.
    pub fn merge(&mut self, other: Accumulator) {
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
        self.skipped += other.skipped;
        for (mine, theirs) in self.shapes.iter_mut().zip(other.shapes) {
            *mine += theirs;
        }
    }
}

/// Reads the log: on several threads, each with its own totals merged at
/// the end, or in order on one thread under `--strict` so that the first
/// bad line is the one reported.
pub fn accumulate(catalog: &Catalog, options: &ReadOptions) -> Result<Accumulator> {
    let (input, bar) = open_input(&options.file)?;
    let result = accumulate_from(input, catalog, options);
    bar.finish_and_clear();
    result
}

fn accumulate_from(
    input: Box<dyn Read + Send>,
    catalog: &Catalog,
    options: &ReadOptions,
) -> Result<Accumulator> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    if options.strict || workers == 1 {
        let mut acc = Accumulator::default();
        for_each_block(
            input,
            |block, first| acc.block(&block, first, catalog, options),
            &options.file,
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
                        acc.block(&block, first, catalog, options)?;
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
            &options.file,
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
