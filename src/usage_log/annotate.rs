//! `tally --annotate` and `tally --normalize`: the log line by line, each
//! priced on its own with exactly `tally`'s rules, so the costs written
//! add up to `tally`'s total. `--annotate` writes every input line back
//! with a `cost` object added (JSON Lines, for `jq` and log pipelines);
//! `--normalize` writes one flat row per priced request (JSON Lines or
//! CSV), the columns `llmcost sql` prices, for DuckDB and Spark.
//!
//! Lines come out in input order. A Claude Code session writes one message
//! on several lines and only one is billed, which is known once every line
//! has been read. Files are therefore read twice: first as `tally` reads
//! them, for each message's billed line, then written line by line,
//! holding none. Standard input is read once: from its first such line on,
//! its lines are held and written when it ends.

use bumpalo::Bump;
use std::collections::{HashMap, HashSet};
use std::io::Write;

use anyhow::{Context, Result};
use rust_decimal::Decimal;
use serde::Serialize;

use super::aggregate::{
    Accumulator, Bucket, FastMap, MessageRank, ReadOptions, Resolved, Totals, message_rank,
    messages_held, model_index, price_bucket, unpriced_reason,
};
use super::blocks::{for_each_block, lines, open_input};
use super::classify::{CodexSession, CodexStep, Line, Outcome, classify};
use super::csv_rows::row_columns;
use super::record::Record;
use super::shapes::SHAPES;
use crate::catalog::model::{Catalog, Region, ServiceTier};
use crate::dates::format_instant;
use crate::pricing::PriceOptions;
use crate::usage::{COUNTS, Usage};

/// What to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// Every line back, with a `cost` object.
    Annotate,
    /// One JSON object per priced request.
    NormalizeJson,
    /// One CSV row per priced request, with a header.
    NormalizeCsv,
    /// [`Output::NormalizeJson`]'s rows, each a message's naming its key
    /// (`requestId`), so that rows read with other logs are billed once
    /// (the status line's cache of a log).
    NormalizeKeyed,
    /// Nothing per line: each priced request whose log states a cost is
    /// compared with llmcost's (see [`Summary::reconcile`]).
    Reconcile,
    /// Nothing per line: each priced request is priced again on other
    /// models (see [`Summary::what_if`]).
    WhatIf,
}

/// A request whose logged cost differs from llmcost's by more than 1%.
#[derive(Debug, Clone, Serialize)]
pub struct Difference {
    /// The file, when several were read, and the line.
    pub file: String,
    pub line: u64,
    /// `provider/id`.
    pub model: String,
    /// What the log says, USD.
    pub logged: Decimal,
    /// What llmcost computes, USD.
    pub llmcost: Decimal,
}

/// Logged costs against llmcost's.
#[derive(Debug, Default, Serialize)]
pub struct Reconciliation {
    /// Priced requests whose log states a cost.
    pub compared: u64,
    /// Of those, how many differ by more than 1%.
    pub differing: u64,
    /// The sum of the logged costs compared.
    pub logged_total: Decimal,
    /// llmcost's cost of the same requests.
    pub llmcost_total: Decimal,
    /// The first differences, in input order.
    pub first: Vec<Difference>,
}

/// How many differences a reconciliation lists.
const DIFFERENCES_LISTED: usize = 20;

/// The flat row of one priced request: the columns `llmcost sql` reads.
#[derive(Debug, Clone)]
pub struct Row {
    /// The catalog's model id and provider.
    pub model: String,
    pub provider: String,
    /// RFC 3339 UTC, or `None` when the record has no time.
    pub ts: Option<String>,
    /// The counts (totals over `usage.requests`, at least 1).
    pub usage: Usage,
    pub batch: bool,
    /// `standard`, `flex` or `priority`.
    pub service_tier: ServiceTier,
    /// The endpoint region (`global` unless the model id names one).
    pub region: Region,
    /// The input each request had more than, where the log states its
    /// context window: the context tier it was billed at.
    pub context_floor_tokens: Option<u64>,
    /// USD, exact.
    pub cost: Decimal,
}

impl Row {
    /// The row's values as text, in [`columns`] order.
    fn fields(&self) -> Vec<String> {
        let mut fields = vec![
            self.model.clone(),
            self.provider.clone(),
            self.ts.clone().unwrap_or_default(),
        ];
        fields.extend(COUNTS.iter().map(|c| (c.get)(&self.usage).to_string()));
        fields.extend([
            self.batch.to_string(),
            self.service_tier.as_str().to_string(),
            self.region.as_str().to_string(),
            self.usage.requests.to_string(),
            self.context_floor_tokens
                .map_or_else(String::new, |n| n.to_string()),
            self.cost.to_string(),
        ]);
        fields
    }
}

impl Serialize for Row {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("model", &self.model)?;
        map.serialize_entry("provider", &self.provider)?;
        map.serialize_entry("ts", &self.ts)?;
        for counted in &COUNTS {
            map.serialize_entry(counted.name, &(counted.get)(&self.usage))?;
        }
        map.serialize_entry("batch", &self.batch)?;
        map.serialize_entry("service_tier", &self.service_tier)?;
        map.serialize_entry("region", &self.region)?;
        map.serialize_entry("requests", &self.usage.requests)?;
        if let Some(floor) = self.context_floor_tokens {
            map.serialize_entry("context_floor_tokens", &floor)?;
        }
        map.serialize_entry("cost", &self.cost)?;
        map.end()
    }
}

/// Writes `row` as [`Output::NormalizeKeyed`] does: its message's `key`
/// first, and without the members a flat row reads the same when absent
/// (zero counts, the standard tier, the global region), half its size,
/// since the status line reads these rows on every run.
fn keyed_row(row: &Row, key: Option<&String>, out: &mut dyn Write) -> Result<()> {
    let mut members = serde_json::Map::new();
    if let Some(key) = key {
        members.insert("requestId".into(), key.as_str().into());
    }
    if let serde_json::Value::Object(full) = serde_json::to_value(row)? {
        for (name, value) in full {
            // A stated context floor of 0 says something (the base tier).
            let said = matches!(name.as_str(), "requests" | "context_floor_tokens");
            let default = value == 0
                || value == false
                || (name == "service_tier" && value == "standard")
                || (name == "region" && value == "global");
            if said || !default {
                members.insert(name, value);
            }
        }
    }
    serde_json::to_writer(&mut *out, &members)?;
    out.write_all(b"\n")?;
    Ok(())
}

/// What became of a line.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "snake_case", tag = "status")]
pub enum Annotation {
    /// Priced: the request's row, the shape that read it, and the cost the
    /// log states.
    Priced {
        shape: &'static str,
        row: Box<Row>,
        #[serde(skip)]
        logged: Option<Decimal>,
        /// The same request on each `--as` model (`None`: it cannot be priced there).
        #[serde(skip)]
        elsewhere: Vec<Option<Decimal>>,
    },
    /// Another line of the same message (or a repeated Codex event) is billed.
    Duplicate,
    /// A typed event without usage.
    Skipped,
    /// Outside `--since`/`--until`.
    Filtered,
    /// Not a usage record: why.
    Malformed { why: &'static str },
    /// The catalog does not know the model.
    UnknownModel { name: String },
    /// The catalog knows the model but lacks a rate the request needs
    /// (a web search, audio): which model, and why.
    Unpriced { model: String, why: String },
}

/// Totals over what was written.
#[derive(Debug, Default, Serialize)]
pub struct Summary {
    pub lines: u64,
    pub priced: u64,
    pub duplicates: u64,
    pub unpriced: u64,
    pub total: Decimal,
    /// `--reconcile`: logged costs against llmcost's.
    pub reconcile: Reconciliation,
    /// `--as`: per other model, the same requests' total, and how many of
    /// them it cannot price (a modality or rate it lacks).
    pub what_if: Vec<(Decimal, u64)>,
}

/// A line waiting to be written.
struct Pending {
    /// The line number and the file (when several are read).
    number: u64,
    file: String,
    text: Vec<u8>,
    annotation: Annotation,
    /// The message key and rank, for lines of a message written several times.
    message: Option<(String, MessageRank)>,
}

impl Pending {
    /// The key and rank of a priced line of a message written several times.
    fn priced_message(&self) -> Option<(&str, MessageRank)> {
        match (&self.message, &self.annotation) {
            (Some((key, rank)), Annotation::Priced { .. }) => Some((key, *rank)),
            _ => None,
        }
    }

    /// Whether this is a priced line of a message whose billed line is
    /// another, given the rank of each message's billed line. Any other
    /// line keeps what it was read as, as in `tally`: a line of an unknown
    /// model counts on every line of its message, and a line outside
    /// `--since`/`--until` never bills its message.
    fn is_duplicate(&self, billed_rank: impl Fn(&str) -> Option<MessageRank>) -> bool {
        self.priced_message()
            .is_some_and(|(key, rank)| billed_rank(key) != Some(rank))
    }
}

/// Writes `files` line by line as `output` asks.
pub fn write(
    catalog: &Catalog,
    files: &[String],
    read: &ReadOptions,
    pricing: PriceOptions,
    output: Output,
    targets: &[usize],
    out: &mut dyn Write,
) -> Result<Summary> {
    // Files can be read twice: a first reading (on every core, as `tally`
    // reads) finds each message's billed line, so the second writes every
    // line as it reads it. Standard input is read once, and a message's
    // lines are held until it ends.
    let billing = if files.iter().any(|file| file == "-") {
        None
    } else {
        Some(messages_held(catalog, files, read)?)
    };
    let mut writer = Writer {
        catalog,
        pricing,
        output,
        billing,
        resolved: FastMap::default(),
        billed: HashSet::new(),
        summary: Summary {
            what_if: vec![(Decimal::ZERO, 0); targets.len()],
            ..Summary::default()
        },
        targets: targets.to_vec(),
    };
    if output == Output::NormalizeCsv {
        out.write_all(row_columns().collect::<Vec<_>>().join(",").as_bytes())?;
        out.write_all(b"\n")?;
    }
    for (file_index, file) in files.iter().enumerate() {
        let options = ReadOptions {
            file: file.clone(),
            file_index,
            keep_time: true,
            agent: super::agents::owner(file).map(|agent| agent.name),
            ..read.clone()
        };
        writer.file(&options, out)?;
    }
    out.flush()?;
    Ok(writer.summary)
}

struct Writer<'c> {
    catalog: &'c Catalog,
    pricing: PriceOptions,
    output: Output,
    /// Which line of each message is billed, when the files were read
    /// once already (not standard input).
    billing: Option<Accumulator>,
    resolved: Resolved,
    /// Messages billed by an earlier file.
    billed: HashSet<String>,
    summary: Summary,
    /// `--as` models (catalog indices).
    targets: Vec<usize>,
}

impl Writer<'_> {
    fn file(&mut self, options: &ReadOptions, out: &mut dyn Write) -> Result<()> {
        let (input, bar) = open_input(&options.file, &options.csv_map)?;
        let mut session = CodexSession::default();
        let mut held: Vec<Pending> = Vec::new();
        let mut arena = Bump::new();
        let read = for_each_block(
            input,
            |block, first| {
                for (number, text) in lines(&block, first) {
                    self.summary.lines += 1;
                    arena.reset();
                    let mut pending = self.line(text, number, &arena, options, &mut session)?;
                    if let Some(billing) = &self.billing {
                        if pending.is_duplicate(|key| billing.billed_rank(key)) {
                            pending.annotation = Annotation::Duplicate;
                        }
                        self.emit(&pending, out)?;
                    } else if held.is_empty() && pending.message.is_none() {
                        self.emit(&pending, out)?;
                    } else {
                        held.push(pending);
                    }
                }
                Ok(Some(block))
            },
            &options.file,
        );
        bar.finish_and_clear();
        read?;
        self.settle(&mut held);
        for pending in &held {
            self.emit(pending, out)?;
        }
        Ok(())
    }

    /// Marks every held priced line of a message but its billed one a
    /// duplicate; a message an earlier file billed is a duplicate here.
    fn settle(&mut self, held: &mut [Pending]) {
        let mut best: HashMap<&str, MessageRank> = HashMap::new();
        for (key, rank) in held.iter().filter_map(Pending::priced_message) {
            let entry = best.entry(key).or_insert(rank);
            *entry = (*entry).max(rank);
        }
        let best: HashMap<String, _> = best.into_iter().map(|(k, r)| (k.to_string(), r)).collect();
        for pending in held.iter_mut() {
            let duplicate = pending.is_duplicate(|key| {
                best.get(key)
                    .copied()
                    .filter(|_| !self.billed.contains(key))
            });
            if duplicate {
                pending.annotation = Annotation::Duplicate;
            }
        }
        for pending in held.iter() {
            if let (Some((key, _)), Annotation::Priced { .. }) =
                (&pending.message, &pending.annotation)
            {
                self.billed.insert(key.clone());
            }
        }
    }

    fn line(
        &mut self,
        text: &[u8],
        number: u64,
        arena: &Bump,
        options: &ReadOptions,
        session: &mut CodexSession,
    ) -> Result<Pending> {
        let outer = Record::parse(text, arena);
        let mut message = None;
        let annotation = match classify(outer, number, options, None) {
            Outcome::Request(line, dedupe) => {
                message = dedupe.map(|(key, complete)| {
                    (key, message_rank(options.file_index, complete, number))
                });
                self.price(&line)?
            }
            Outcome::Codex(call) => match session.call(&call) {
                CodexStep::Request { model, usage, .. } => {
                    let line = CodexSession::line(&call, model, usage, u32::MAX);
                    self.price(&line)?
                }
                CodexStep::Duplicate => Annotation::Duplicate,
                CodexStep::Unpriceable => Annotation::Malformed {
                    why: "has a Codex token count without a model",
                },
            },
            Outcome::TurnContext { model, cwd } => {
                session.context(model, cwd);
                Annotation::Skipped
            }
            Outcome::Skipped => Annotation::Skipped,
            Outcome::Filtered => Annotation::Filtered,
            Outcome::Malformed(why) => Annotation::Malformed { why },
        };
        Ok(Pending {
            number,
            file: options.file.clone(),
            text: text.to_vec(),
            annotation,
            message,
        })
    }

    /// Prices one request exactly as `tally` prices its bucket.
    fn price(&mut self, line: &Line<'_>) -> Result<Annotation> {
        price_line(
            self.catalog,
            &mut self.resolved,
            line,
            self.pricing,
            &self.targets,
        )
    }

    /// Compares one request's logged cost with llmcost's.
    fn reconcile(&mut self, line: u64, file: &str, row: &Row, logged: Decimal) -> Result<()> {
        let r = &mut self.summary.reconcile;
        r.compared += 1;
        let overflow = || anyhow::anyhow!("the log's cost is too large");
        r.logged_total = r.logged_total.checked_add(logged).ok_or_else(overflow)?;
        r.llmcost_total = r.llmcost_total.checked_add(row.cost).ok_or_else(overflow)?;
        // More than 1% of the larger of the two apart.
        let gap = (logged - row.cost).abs();
        let scale = logged.abs().max(row.cost.abs());
        if gap * Decimal::ONE_HUNDRED > scale {
            r.differing += 1;
            if r.first.len() < DIFFERENCES_LISTED {
                r.first.push(Difference {
                    file: file.to_string(),
                    line,
                    model: format!("{}/{}", row.provider, row.model),
                    logged: logged.normalize(),
                    llmcost: row.cost,
                });
            }
        }
        Ok(())
    }

    fn emit(&mut self, pending: &Pending, out: &mut dyn Write) -> Result<()> {
        match &pending.annotation {
            Annotation::Priced { row, .. } => {
                self.summary.priced += 1;
                self.summary.total = self
                    .summary
                    .total
                    .checked_add(row.cost)
                    .context("the log's cost is too large")?;
            }
            Annotation::Duplicate => self.summary.duplicates += 1,
            Annotation::Malformed { .. }
            | Annotation::UnknownModel { .. }
            | Annotation::Unpriced { .. } => {
                self.summary.unpriced += 1;
            }
            Annotation::Skipped | Annotation::Filtered => {}
        }
        match self.output {
            Output::Annotate => annotate_line(&pending.text, &pending.annotation, out),
            Output::NormalizeJson => match &pending.annotation {
                Annotation::Priced { row, .. } => {
                    serde_json::to_writer(&mut *out, row)?;
                    out.write_all(b"\n")?;
                    Ok(())
                }
                _ => Ok(()),
            },
            Output::NormalizeKeyed => match &pending.annotation {
                Annotation::Priced { row, .. } => {
                    keyed_row(row, pending.message.as_ref().map(|(key, _)| key), out)
                }
                _ => Ok(()),
            },
            Output::WhatIf => {
                if let Annotation::Priced { elsewhere, .. } = &pending.annotation {
                    for (sum, cost) in self.summary.what_if.iter_mut().zip(elsewhere) {
                        match cost {
                            Some(cost) => {
                                sum.0 = sum
                                    .0
                                    .checked_add(*cost)
                                    .context("the log's cost is too large")?;
                            }
                            None => sum.1 += 1,
                        }
                    }
                }
                Ok(())
            }
            Output::Reconcile => {
                if let Annotation::Priced {
                    row,
                    logged: Some(logged),
                    ..
                } = &pending.annotation
                {
                    self.reconcile(pending.number, &pending.file, row, *logged)?;
                }
                Ok(())
            }
            Output::NormalizeCsv => match &pending.annotation {
                Annotation::Priced { row, .. } => {
                    for (index, field) in row.fields().iter().enumerate() {
                        if index > 0 {
                            out.write_all(b",")?;
                        }
                        write_csv_field(field, out)?;
                    }
                    out.write_all(b"\n")?;
                    Ok(())
                }
                _ => Ok(()),
            },
        }
    }
}

/// Writes one CSV field (RFC 4180): quoted when it holds a comma, quote or
/// line break, quotes doubled. Written straight out: copying each of a
/// row's 22 fields, then joining them, was 18% of `--normalize --format
/// csv`'s time on a 1M-line log.
fn write_csv_field(text: &str, out: &mut dyn Write) -> std::io::Result<()> {
    if text.contains([',', '"', '\n', '\r']) {
        write!(out, "\"{}\"", text.replace('"', "\"\""))
    } else {
        out.write_all(text.as_bytes())
    }
}

/// The `cost` object of a priced line.
#[derive(Serialize)]
struct PricedCost<'a> {
    status: &'static str,
    /// USD, exact.
    usd: Decimal,
    /// `provider/id` in the catalog.
    model: String,
    /// The record shape that read the line.
    shape: &'a str,
    /// The request as `--normalize` writes it.
    row: &'a Row,
}

/// The line with `"cost": {...}` added as its last member; a line that is
/// not a JSON object is written as it was.
fn annotate_line(text: &[u8], annotation: &Annotation, out: &mut dyn Write) -> Result<()> {
    let is_object = text.first() == Some(&b'{')
        && text.last() == Some(&b'}')
        && serde_json::from_slice::<serde::de::IgnoredAny>(text).is_ok();
    if !is_object {
        out.write_all(text)?;
        out.write_all(b"\n")?;
        return Ok(());
    }
    let body = &text[..text.len() - 1];
    let empty = body.iter().skip(1).all(u8::is_ascii_whitespace);
    out.write_all(body)?;
    out.write_all(if empty { b"\"cost\":" } else { b",\"cost\":" })?;
    match annotation {
        Annotation::Priced { shape, row, .. } => serde_json::to_writer(
            &mut *out,
            &PricedCost {
                status: "priced",
                usd: row.cost,
                model: format!("{}/{}", row.provider, row.model),
                shape,
                row,
            },
        )?,
        other => serde_json::to_writer(&mut *out, other)?,
    }
    out.write_all(b"}\n")?;
    Ok(())
}

/// Prices one request exactly as `tally` prices its bucket, and again on
/// each of `targets` (`--as`); `resolved` remembers model lookups.
fn price_line(
    catalog: &Catalog,
    resolved: &mut Resolved,
    line: &Line<'_>,
    pricing: PriceOptions,
    targets: &[usize],
) -> Result<Annotation> {
    let Some((index, id_region)) = model_index(resolved, line, catalog) else {
        return Ok(Annotation::UnknownModel {
            name: line.name.to_string(),
        });
    };
    let model = &catalog.models[index];
    let bucket = Bucket::of(line, index, id_region, catalog);
    let mut totals = Totals::default();
    totals.add(&line.usage);
    let bill = match price_bucket(model, &bucket, &totals, pricing) {
        Ok(bill) => bill,
        Err(error) => {
            let why = unpriced_reason(&error).ok_or(error)?;
            return Ok(Annotation::Unpriced {
                model: format!("{}/{}", model.provider, model.id),
                why,
            });
        }
    };
    let elsewhere = targets
        .iter()
        .map(|&target| {
            let other = &catalog.models[target];
            // A model without an audio (or generated image, video) price
            // cannot make the same calls.
            if line.usage.lacks_a_rate_in(&other.prices) {
                return None;
            }
            let bucket = Bucket::of(line, target, id_region, catalog);
            price_bucket(other, &bucket, &totals, pricing)
                .ok()
                .map(|b| b.total)
        })
        .collect();
    Ok(Annotation::Priced {
        elsewhere,
        logged: line.logged_cost(),
        shape: SHAPES.get(line.shape).map_or("", |s| s.name),
        row: Box::new(Row {
            model: model.id.clone(),
            provider: model.provider.clone(),
            ts: line.instant.map(format_instant),
            usage: Usage {
                requests: line.usage.requests.max(1),
                ..line.usage
            },
            batch: bucket.batch || pricing.batch,
            service_tier: if bucket.batch || pricing.batch {
                ServiceTier::Standard
            } else {
                bucket.tier
            },
            region: bucket.region,
            context_floor_tokens: line.context_floor,
            cost: bill.total,
        }),
    })
}

/// Prices one API response (`body`, a JSON object such as an SDK's
/// `model_dump()`), read with the shapes and rules `tally` reads a log line
/// with; `provider` names the API when the body does not (a bare `gpt-4o`).
pub fn price_response(catalog: &Catalog, body: &str, provider: Option<&str>) -> Result<Annotation> {
    price_response_with(catalog, body, provider, &mut FastMap::default())
}

/// [`price_response`] with the model lookups of earlier calls on the same
/// catalog remembered in `resolved` (Python prices many responses in a
/// row: a lookup was most of a call's time).
pub fn price_response_with(
    catalog: &Catalog,
    body: &str,
    provider: Option<&str>,
    resolved: &mut Resolved,
) -> Result<Annotation> {
    // One body read as a log's one line, with no filters: the same options
    // every call, made once (a call takes microseconds; they were a tenth).
    static OPTIONS: std::sync::LazyLock<ReadOptions> = std::sync::LazyLock::new(|| ReadOptions {
        file: "-".to_string(),
        by: Vec::new(),
        zone: crate::dates::Zone::Fixed(0),
        since: None,
        until: None,
        labels: std::sync::Arc::default(),
        strict: false,
        file_index: 0,
        keep_time: true,
        csv_map: std::sync::Arc::default(),
        field: None,
        agent: None,
        logged_costs: false,
        stated_models: None,
    });
    // One arena per thread, emptied for each body: a fresh one was a
    // memory allocation and release per call.
    thread_local! {
        static ARENA: std::cell::RefCell<Bump> = std::cell::RefCell::new(Bump::new());
    }
    ARENA.with(|cell| {
        let mut arena = cell.borrow_mut();
        arena.reset();
        let outer = Record::parse(body.as_bytes(), &arena);
        match classify(outer, 1, &OPTIONS, None) {
            Outcome::Request(line, _) => {
                let line = Line {
                    provider: line.provider.or(provider),
                    ..line
                };
                price_line(catalog, resolved, &line, PriceOptions::default(), &[])
            }
            Outcome::Codex(_) | Outcome::TurnContext { .. } | Outcome::Skipped => {
                Ok(Annotation::Skipped)
            }
            Outcome::Filtered => Ok(Annotation::Filtered),
            Outcome::Malformed(why) => Ok(Annotation::Malformed { why }),
        }
    })
}

/// [`price_response`] as the library's [`crate::PricedResponse`], or why
/// the body could not be priced.
pub fn priced_response(
    catalog: &Catalog,
    body: &str,
    provider: Option<&str>,
) -> Result<crate::PricedResponse> {
    match price_response(catalog, body, provider)? {
        Annotation::Priced { shape, row, .. } => Ok(crate::PricedResponse {
            model: row.model,
            provider: row.provider,
            shape,
            usage: row.usage,
            usd: row.cost,
        }),
        Annotation::UnknownModel { name } => {
            anyhow::bail!("the response names model '{name}', which the catalog does not have")
        }
        Annotation::Malformed { why } => anyhow::bail!("the response {why}"),
        Annotation::Unpriced { model, why } => anyhow::bail!("cannot price {model}: {why}"),
        _ => anyhow::bail!("the response has no token usage to price"),
    }
}

#[cfg(test)]
mod tests {
    use super::write_csv_field;

    #[test]
    fn csv_fields_are_quoted_only_when_they_must_be() {
        let written = |text: &str| {
            let mut out = Vec::new();
            write_csv_field(text, &mut out).unwrap();
            String::from_utf8(out).unwrap()
        };
        assert_eq!(written("gpt-4o"), "gpt-4o");
        assert_eq!(written("a,b"), "\"a,b\"");
        assert_eq!(written("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(written("two\nlines"), "\"two\nlines\"");
        assert_eq!(written(""), "");
    }
}
