//! Reading a log into per-bucket token totals: each worker thread keeps
//! its own [`Accumulator`] over blocks of lines and the results are merged.
//! Totals are summed per (model, long-context side, day), so that each
//! bucket is priced once, which equals the sum of per-request prices
//! because pricing is linear.

use bumpalo::Bump;
use std::cmp::Reverse;
use std::collections::HashMap;
use std::io::Read;

use anyhow::{Context, Result, bail};
use rust_decimal::Decimal;

use super::blocks::{for_each_block, lines, open_input};
use super::classify::{CodexCall, CodexSession, CodexStep, Line, Outcome, classify};
pub use super::grouping::ReadOptions;
use super::grouping::{NO_LABEL, field_value};
use super::held::{Candidate, HeldMessages};
pub use super::names::{Resolved, model_index};
use super::record::Record;
use super::shapes::SHAPES;
use crate::catalog::model::{Catalog, Model, Region, ServiceTier};
use crate::pricing::{
    Bill, PriceOptions, PricingError, Usage, context_tier, parts_used, price_summed,
};
use crate::usage::COUNTS;

/// How many line numbers a report lists per kind of problem.
pub const FIRST_LINES: usize = 5;

impl ReadOptions {
    fn place(&self, line: u64) -> Place {
        Place {
            file: self.file_index,
            line,
        }
    }
}

/// What a bucket's lines share, so its sum prices exactly as its lines
/// would one by one: the model (its catalog index), the long-context side,
/// whether a batch API billed them, the tier, and what grouping needs:
/// the period and the session/project label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Bucket {
    /// Index of the model in the catalog.
    pub model: usize,
    /// The context tier the requests' input falls in (0: base rates).
    pub tier_of_context: usize,
    /// A batch API billed them (batch output and result lines).
    pub batch: bool,
    /// The service tier the log says billed them.
    pub tier: ServiceTier,
    /// The start of the hour or day (local seconds), or [`NO_TIME`].
    pub period: i64,
    /// The session/project label, or [`NO_LABEL`].
    pub label: u32,
    /// The endpoint region the model id names (Bedrock `us.` profiles).
    pub region: Region,
    /// The record's day (UTC), kept only for a model whose announced price
    /// change is in force today: its earlier records are billed at the
    /// prices of their day.
    pub prices_day: Option<i64>,
    /// The record's time falls in the model's off-peak window.
    pub off_peak: bool,
    /// Which parts the catalog may lack a rate for the lines use
    /// ([`parts_used`]).
    pub parts: u16,
    /// The lines state their own cost (kept apart only when `tally
    /// --cost-source` asks for logged costs).
    pub logged: bool,
}

impl Bucket {
    /// The bucket of a line whose model is `catalog.models[model]`, at the
    /// region the line states, else the one its model id names.
    pub fn of(
        line: &Line<'_>,
        model: usize,
        id_region: Option<Region>,
        catalog: &Catalog,
    ) -> Bucket {
        let offer = &catalog.models[model];
        // A model whose sheet changes on a day (a change in force, or one
        // announced ahead) or with the time of day is priced at the
        // record's own instant; a record without a time at today's sheet.
        let changes = offer.has_dated_sheets();
        let dated = changes || offer.prices.off_peak.is_some();
        let instant = if dated { line.time() } else { None };
        let prices_day = instant.filter(|_| changes).map(|t| t.div_euclid(86_400));
        let prices = prices_day.map_or(&offer.prices, |day| offer.prices_on(day));
        // A line that sums several requests is tiered by the context window
        // it states, else by its average request.
        let tier_of_context = match line.context_floor {
            Some(floor) => context_tier(prices, floor.saturating_add(1)),
            None => context_tier(prices, line.usage.input_tokens / line.usage.requests.max(1)),
        };
        Bucket {
            model,
            tier_of_context,
            batch: line.batch,
            tier: line.tier,
            period: line.period,
            label: line.label,
            region: line
                .region
                .or(id_region)
                .or(offer.bare_id_region)
                .unwrap_or_default(),
            prices_day,
            off_peak: instant.is_some_and(|t| prices.is_off_peak_at(t)),
            parts: parts_used(&line.usage),
            logged: false,
        }
    }
}

/// Under `--cost-source logged`, the bucket of a line whose model llmcost
/// does not know but which states its cost, and that cost. Such a bucket's
/// `model` is past the catalog's: the catalog's count plus the name's
/// number in [`ReadOptions::stated_models`].
fn stated_bucket(
    line: &Line<'_>,
    catalog: &Catalog,
    options: &ReadOptions,
) -> Option<(Bucket, Decimal)> {
    let names = options.stated_models.as_ref()?;
    let cost = line.logged_cost()?;
    let number = names.number_of(line.name.to_string());
    let model = catalog.models.len().checked_add(
        usize::try_from(number)
            .ok()
            .filter(|_| number != NO_LABEL)?,
    )?;
    let bucket = Bucket {
        model,
        tier_of_context: 0,
        batch: line.batch,
        tier: line.tier,
        period: line.period,
        label: line.label,
        region: line.region.unwrap_or_default(),
        prices_day: None,
        off_peak: false,
        parts: 0,
        logged: true,
    };
    Some((bucket, cost))
}

/// Token totals of one bucket: each of [`COUNTS`], summed.
#[derive(Debug, Default, Clone, Copy)]
pub struct Totals {
    /// The log lines summed.
    pub(crate) lines: u64,
    pub(crate) requests: u64,
    /// The sums, in [`COUNTS`] order.
    counts: [u128; COUNTS.len()],
    /// The costs the lines state, summed (in a [`Bucket::logged`] bucket).
    pub(crate) logged: Decimal,
}

impl Totals {
    /// Adds one line's usage (a line may sum several requests).
    pub fn add(&mut self, usage: &Usage) {
        self.lines += 1;
        self.requests += usage.requests.max(1);
        for (sum, counted) in self.counts.iter_mut().zip(&COUNTS) {
            *sum += u128::from((counted.get)(usage));
        }
    }

    /// Adds another bucket's totals.
    pub fn absorb(&mut self, other: &Totals) {
        self.lines += other.lines;
        self.requests += other.requests;
        self.logged = self.logged.saturating_add(other.logged);
        for (sum, more) in self.counts.iter_mut().zip(other.counts) {
            *sum += more;
        }
    }

    /// The sum of the count named `name` (a [`COUNTS`] name).
    pub fn of(&self, name: &str) -> u128 {
        COUNTS
            .iter()
            .position(|c| c.name == name)
            .map_or(0, |i| self.counts[i])
    }

    /// The summed usage as one request, or `None` past `u64`.
    pub fn usage(&self) -> Option<Usage> {
        let mut usage = Usage {
            requests: 1,
            ..Usage::default()
        };
        for (sum, counted) in self.counts.iter().zip(&COUNTS) {
            *(counted.slot)(&mut usage) = u64::try_from(*sum).ok()?;
        }
        Some(usage)
    }
}

/// Where a line is: the input's place among the files read, and its
/// 1-based line number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Place {
    pub file: usize,
    pub line: u64,
}

/// Lines that could not be priced, with where the first few are.
#[derive(Debug, Default)]
pub struct Problems {
    /// How many.
    pub count: u64,
    /// The first few, in input order.
    pub first: Vec<Place>,
}

impl Problems {
    /// Counts a problem line, keeping the first few places.
    pub fn record(&mut self, place: Place) {
        self.count += 1;
        if self.first.len() < FIRST_LINES {
            self.first.push(place);
        }
    }

    fn absorb(&mut self, other: Problems) {
        self.count += other.count;
        self.first.extend(other.first);
        self.first.sort_unstable();
        self.first.truncate(FIRST_LINES);
    }
}

/// The hash maps `tally` fills for every line: foldhash, several times
/// cheaper than std's SipHash on short keys and seeded per process, so a
/// log cannot be written to make its keys collide.
pub type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

/// Per-thread running totals over blocks of lines.
#[derive(Default)]
pub struct Accumulator {
    pub(crate) resolved: Resolved,
    pub(crate) buckets: FastMap<Bucket, Totals>,
    pub(crate) malformed: Problems,
    pub(crate) unknown: Problems,
    /// Unknown model names: how many lines, the first, and how many of
    /// them state their cost.
    pub(crate) unknown_names: FastMap<String, (u64, Place, u64)>,
    /// Files, or parts of them, that could not be read, with why.
    pub(crate) unreadable: Vec<String>,
    pub(crate) lines: u64,
    pub(crate) priced: u64,
    /// Priced lines per record shape, by index in [`SHAPES`].
    pub(crate) shapes: [u64; SHAPES.len()],
    /// Typed events without usage (a session's user messages).
    pub(crate) skipped: u64,
    /// Lines that repeat a message or event already counted.
    pub(crate) duplicates: u64,
    /// Claude Code messages by key, the best line of each kept, priced at
    /// the end.
    held: HeldMessages<Held>,
    /// Lines outside `--since`/`--until` (or undated, when either is given).
    pub(crate) filtered: u64,
    /// Codex `turn_context` lines: (line, model, working folder).
    codex_models: Vec<(u64, String, Option<String>)>,
    /// Codex `token_count` events waiting for their model.
    codex_calls: Vec<CodexCall>,
    /// Where a line's record is read, cleared before each line.
    arena: Bump,
}

/// A message line held until every line has been read.
#[derive(Clone, Copy)]
struct Held {
    /// The highest is kept: the first file that has the message, then its
    /// complete line, then its latest (see [`message_rank`]).
    rank: MessageRank,
    bucket: Bucket,
    usage: Usage,
    shape: usize,
    /// The cost the line states, where `--cost-source` wants it.
    logged: Option<Decimal>,
}

impl Candidate for Held {
    fn outranks(&self, kept: &Self) -> bool {
        self.rank > kept.rank
    }
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
        // Taken out for the block, so a line's record can borrow it while
        // the line is counted into `self`.
        let mut arena = std::mem::take(&mut self.arena);
        for (line, text) in lines(block, first_line) {
            self.lines += 1;
            arena.reset();
            self.line(text, line, &arena, catalog, options)?;
        }
        self.arena = arena;
        Ok(())
    }

    fn line(
        &mut self,
        text: &[u8],
        number: u64,
        arena: &Bump,
        catalog: &Catalog,
        options: &ReadOptions,
    ) -> Result<()> {
        let outer = Record::parse(text, arena);
        let field = options
            .field
            .as_deref()
            .and_then(|path| field_value(text, path));
        match classify(outer, number, options, field.as_deref()) {
            Outcome::Request(line, dedupe) => self.count(&line, dedupe, catalog, options),
            Outcome::Codex(call) => {
                self.codex_calls.push(call);
                Ok(())
            }
            Outcome::TurnContext { model, cwd } => {
                self.codex_models.push((number, model, cwd));
                self.skipped += 1;
                Ok(())
            }
            Outcome::Skipped => {
                self.skipped += 1;
                Ok(())
            }
            Outcome::Filtered => {
                self.filtered += 1;
                Ok(())
            }
            Outcome::Malformed(why) => self.malformed_line(number, options, why),
        }
    }

    fn malformed_line(&mut self, number: u64, options: &ReadOptions, why: &str) -> Result<()> {
        if options.strict {
            bail!("line {number} of '{}' {why}", options.file);
        }
        self.malformed.record(options.place(number));
        Ok(())
    }

    /// Adds one priced line to its bucket, or holds it under its message
    /// key until every line has been read (see [`Accumulator::finish`]).
    fn count(
        &mut self,
        line: &Line<'_>,
        dedupe: Option<(String, bool)>,
        catalog: &Catalog,
        options: &ReadOptions,
    ) -> Result<()> {
        let name = line.name;
        let found = model_index(&mut self.resolved, line, catalog);
        let Some((index, id_region)) = found else {
            if let Some((bucket, logged)) = stated_bucket(line, catalog, options) {
                self.place(bucket, line, dedupe, Some(logged), options);
                return Ok(());
            }
            if options.strict {
                bail!(
                    "line {} of '{}' names unknown model '{name}'",
                    line.number,
                    options.file
                );
            }
            let place = options.place(line.number);
            self.unknown.record(place);
            let entry = self
                .unknown_names
                .entry(name.to_string())
                .or_insert((0, place, 0));
            entry.0 += 1;
            entry.1 = entry.1.min(place);
            entry.2 += u64::from(line.logged_cost().is_some());
            return Ok(());
        };
        let mut bucket = Bucket::of(line, index, id_region, catalog);
        let logged = if options.logged_costs {
            line.logged_cost()
        } else {
            None
        };
        bucket.logged = logged.is_some();
        self.place(bucket, line, dedupe, logged, options);
        Ok(())
    }

    /// Adds a priced line to `bucket`, or holds it under its message key.
    fn place(
        &mut self,
        bucket: Bucket,
        line: &Line<'_>,
        dedupe: Option<(String, bool)>,
        logged: Option<Decimal>,
        options: &ReadOptions,
    ) {
        match dedupe {
            Some((key, complete)) => {
                let held = Held {
                    rank: message_rank(options.file_index, complete, line.number),
                    bucket,
                    usage: line.usage,
                    shape: line.shape,
                    logged,
                };
                self.hold(&key, held);
            }
            None => self.add(bucket, &line.usage, line.shape, logged),
        }
    }

    fn add(&mut self, bucket: Bucket, usage: &Usage, shape: usize, logged: Option<Decimal>) {
        let totals = self.buckets.entry(bucket).or_default();
        totals.add(usage);
        if let Some(amount) = logged {
            totals.logged = totals.logged.saturating_add(amount);
        }
        self.shapes[shape] += 1;
        self.priced += 1;
    }

    /// Keeps the best line of a message: a complete one over a partial
    /// one, then the later one; the other is a duplicate.
    fn hold(&mut self, key: &str, held: Held) {
        if self.held.hold(key, held) {
            self.duplicates += 1;
        }
    }

    /// Prices the lines held back: a Codex file's calls, each with the
    /// model of the latest `turn_context` before it. Call once per file,
    /// after its lines are all read. A call whose running total did not
    /// move is a repeated event, counted as a duplicate.
    fn finish_file(&mut self, catalog: &Catalog, options: &ReadOptions) -> Result<()> {
        let mut models = std::mem::take(&mut self.codex_models);
        let mut calls = std::mem::take(&mut self.codex_calls);
        if calls.is_empty() {
            return Ok(());
        }
        models.sort_unstable_by_key(|(line, _, _)| *line);
        calls.sort_unstable_by_key(|c| c.line);
        let file_session = std::path::Path::new(&options.file)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned());
        let mut session = CodexSession::default();
        let mut contexts = models.into_iter().peekable();
        for call in calls {
            while let Some((_, model, cwd)) = contexts.next_if(|(line, _, _)| *line < call.line) {
                session.context(model, cwd);
            }
            match session.call(&call) {
                CodexStep::Request { model, cwd, usage } => {
                    let label = options.labels.intern(
                        &options.by,
                        [file_session.as_deref(), cwd, None, options.agent],
                    );
                    let line = CodexSession::line(&call, model, usage, label);
                    // `count` needs `self` mutably while `line` borrows the
                    // session, not `self`: no conflict.
                    self.count(&line, None, catalog, options)?;
                }
                CodexStep::Duplicate => self.duplicates += 1,
                CodexStep::Unpriceable => self.malformed_line(
                    call.line,
                    options,
                    "has a Codex token count without a model",
                )?,
            }
        }
        Ok(())
    }

    /// The rank of the line billed for message `key` (see
    /// [`message_rank`]), or `None` when no priced line holds it.
    pub fn billed_rank(&self, key: &str) -> Option<MessageRank> {
        self.held.best(key).map(|held| held.rank)
    }

    /// Adds the messages held for de-duplication to their buckets; call
    /// once, after every file.
    fn finish(&mut self) {
        let held = std::mem::take(&mut self.held);
        for line in held.best_lines() {
            self.add(line.bucket, &line.usage, line.shape, line.logged);
        }
    }

    /// Adds another worker's totals.
    pub fn merge(&mut self, other: Accumulator) {
        for (key, totals) in other.buckets {
            self.buckets.entry(key).or_default().absorb(&totals);
        }
        self.malformed.absorb(other.malformed);
        self.unknown.absorb(other.unknown);
        self.unreadable.extend(other.unreadable);
        for (name, (count, first, stated)) in other.unknown_names {
            let entry = self.unknown_names.entry(name).or_insert((0, first, 0));
            entry.0 += count;
            entry.1 = entry.1.min(first);
            entry.2 += stated;
        }
        self.lines += other.lines;
        self.priced += other.priced;
        self.skipped += other.skipped;
        self.filtered += other.filtered;
        self.duplicates += other.duplicates;
        self.duplicates += self.held.absorb(other.held);
        self.codex_models.extend(other.codex_models);
        self.codex_calls.extend(other.codex_calls);
        for (mine, theirs) in self.shapes.iter_mut().zip(other.shapes) {
            *mine += theirs;
        }
    }
}

/// How a line of a message ranks among the message's lines (see [`message_rank`]).
pub type MessageRank = (Reverse<usize>, bool, u64);

/// Which line of a message a log writes several times is billed: the
/// first file that has it (a subagent's log repeats the session's), then
/// its complete line (the one with a `stop_reason`), then its latest.
pub fn message_rank(file: usize, complete: bool, line: u64) -> MessageRank {
    (Reverse(file), complete, line)
}

/// Reads every file in `files` into one set of totals, in order, each
/// as [`accumulate_file`] does, then prices the messages held for
/// de-duplication. A file that cannot be read to its end keeps the lines
/// read before the failure and is listed in `unreadable` (under `--strict`,
/// it is an error).
pub fn accumulate(
    catalog: &Catalog,
    files: &[String],
    options: &ReadOptions,
) -> Result<Accumulator> {
    let mut total = messages_held(catalog, files, options)?;
    total.finish();
    Ok(total)
}

/// Reads `files` as [`accumulate`] does, with the messages written on
/// several lines still held: [`Accumulator::billed_rank`] then says which
/// line of each is billed, so a second pass can write every line in order
/// without holding any.
pub fn messages_held(
    catalog: &Catalog,
    files: &[String],
    options: &ReadOptions,
) -> Result<Accumulator> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    // Many small files (a coding agent's sessions) are read side by side,
    // one file per thread; a large one, or standard input, with its blocks
    // spread over the threads. Under --strict, all in order.
    let (small, large): (Vec<usize>, Vec<usize>) = (0..files.len()).partition(|&index| {
        !options.strict
            && workers > 1
            && files[index] != "-"
            && std::fs::metadata(&files[index]).is_ok_and(|m| m.len() < SMALL_FILE_BYTES)
    });
    let mut done = read_side_by_side(catalog, files, &small, options, workers)?;
    for index in large {
        let threads = (workers, Resolved::default());
        done.push((index, read_one(catalog, files, index, options, threads)?));
    }
    // Merged in input order, so unreadable files are listed in it.
    done.sort_unstable_by_key(|(index, _)| *index);
    let mut total = Accumulator::default();
    for (_, acc) in done {
        total.merge(acc);
    }
    Ok(total)
}

/// Files below this size are read whole by one thread each.
const SMALL_FILE_BYTES: u64 = 16 << 20;

/// Reads the files at `indices` on `workers` threads, each taking the next
/// file when it is done with one.
fn read_side_by_side(
    catalog: &Catalog,
    files: &[String],
    indices: &[usize],
    options: &ReadOptions,
    workers: usize,
) -> Result<Vec<(usize, Accumulator)>> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers.min(indices.len()))
            .map(|_| {
                scope.spawn(|| -> Result<Vec<(usize, Accumulator)>> {
                    let mut done = Vec::new();
                    // The model names this thread has resolved, kept from
                    // file to file: resolving them again for each session
                    // was a seventh of reading a thousand of them.
                    let mut resolved = Resolved::default();
                    loop {
                        let taken = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(&index) = indices.get(taken) else {
                            return Ok(done);
                        };
                        let seed = std::mem::take(&mut resolved);
                        let mut acc = read_one(catalog, files, index, options, (1, seed))?;
                        resolved = std::mem::take(&mut acc.resolved);
                        done.push((index, acc));
                    }
                })
            })
            .collect();
        let mut done = Vec::new();
        for handle in handles {
            done.extend(
                handle
                    .join()
                    .map_err(|_| anyhow::anyhow!("a tally worker panicked"))??,
            );
        }
        Ok(done)
    })
}

/// Reads file `index` of `files` on `threads.0` threads (with the model
/// names already resolved in `threads.1`), with its messages priced as
/// [`accumulate_file`] leaves them.
fn read_one(
    catalog: &Catalog,
    files: &[String],
    index: usize,
    options: &ReadOptions,
    threads: (usize, Resolved),
) -> Result<Accumulator> {
    let file = &files[index];
    let options = ReadOptions {
        file: file.clone(),
        file_index: index,
        agent: super::agents::owner(file).map(|agent| agent.name),
        ..options.clone()
    };
    let (mut acc, failure) = accumulate_file(catalog, &options, threads)?;
    acc.finish_file(catalog, &options)?;
    if let Some(failure) = failure {
        if options.strict {
            return Err(failure);
        }
        acc.unreadable.push(format!("{failure:#}"));
    }
    Ok(acc)
}

/// Reads one file: on `threads.0` threads, each with its own totals
/// merged at the end, or in order on one thread under `--strict` so that
/// the first bad line is the one reported. A read that fails part-way
/// returns what was read with the failure.
fn accumulate_file(
    catalog: &Catalog,
    options: &ReadOptions,
    threads: (usize, Resolved),
) -> Result<(Accumulator, Option<anyhow::Error>)> {
    let (input, bar) = match open_input(&options.file, &options.csv_map) {
        Ok(opened) => opened,
        Err(e) => {
            let acc = Accumulator {
                resolved: threads.1,
                ..Accumulator::default()
            };
            return Ok((acc, Some(e)));
        }
    };
    let result = accumulate_from(input, catalog, options, threads);
    bar.finish_and_clear();
    result
}

fn accumulate_from(
    input: Box<dyn Read + Send>,
    catalog: &Catalog,
    options: &ReadOptions,
    (workers, resolved): (usize, Resolved),
) -> Result<(Accumulator, Option<anyhow::Error>)> {
    if options.strict || workers == 1 {
        let mut acc = Accumulator {
            resolved,
            ..Accumulator::default()
        };
        let read = for_each_block(
            input,
            |block, first| {
                acc.block(&block, first, catalog, options)?;
                Ok(Some(block))
            },
            &options.file,
        );
        // Under --strict every failure is the command's; otherwise only a
        // read can fail, and the lines before it still count.
        return match read {
            Err(e) if options.strict => Err(e),
            other => Ok((acc, other.err())),
        };
    }
    std::thread::scope(|scope| {
        let (send, receive) = std::sync::mpsc::sync_channel::<(Vec<u8>, u64)>(workers * 2);
        let receive = std::sync::Arc::new(std::sync::Mutex::new(receive));
        // Read blocks go back to the reader to be filled again.
        let (give_back, take_back) = std::sync::mpsc::sync_channel::<Vec<u8>>(workers * 3);
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                let receive = receive.clone();
                let give_back = give_back.clone();
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
                        // A full return channel drops the block instead.
                        let _ = give_back.try_send(block);
                    }
                })
            })
            .collect();
        let read = for_each_block(
            input,
            |block, first| {
                send.send((block, first))
                    .map_err(|_| anyhow::anyhow!("a tally worker stopped"))?;
                Ok(take_back.try_recv().ok())
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
        Ok((total, read.err()))
    })
}

/// Why `error`, from [`price_bucket`], leaves its lines unpriced instead of
/// stopping the report: a rate the catalog lacks, or media the model does
/// not take. `None` for any other failure.
pub fn unpriced_reason(error: &anyhow::Error) -> Option<String> {
    error
        .downcast_ref::<PricingError>()
        .filter(|e| e.leaves_unpriced())
        .map(ToString::to_string)
}

/// Prices one bucket: its summed tokens as one request at the rates its
/// lines share (batch, service tier, long context), plus a per-request fee
/// for each of its lines.
pub fn price_bucket(
    model: &Model,
    bucket: &Bucket,
    totals: &Totals,
    options: PriceOptions,
) -> Result<Bill> {
    let usage = totals
        .usage()
        .context("the log's token totals are too large to price")?;
    if let Some(why) = usage.refused_by(model) {
        return Err(PricingError::NotTaken(why).into());
    }
    let batch = options.batch || bucket.batch;
    let options = PriceOptions {
        batch,
        region: bucket.region,
        // The batch API has no service tiers.
        service_tier: if batch {
            ServiceTier::Standard
        } else {
            bucket.tier
        },
        ..options
    };
    let day_prices = bucket
        .prices_day
        .map_or(&model.prices, |day| model.prices_on(day));
    let off_peak = bucket
        .off_peak
        .then(|| day_prices.off_peak_sheet())
        .flatten();
    let prices = off_peak.as_ref().unwrap_or(day_prices);
    price_summed(
        prices,
        &usage,
        totals.requests,
        &options,
        bucket.tier_of_context,
    )
    .with_context(|| format!("cannot price {}/{}", model.provider, model.id))
}
