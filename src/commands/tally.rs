//! `llmcost tally FILE|-`: prices a usage log (JSON Lines) in one pass with
//! constant memory. The reading, the record shapes and the per-bucket sums
//! live in [`crate::usage_log`]; this module prices the sums and lays out
//! the report.

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::Arc;

use anyhow::{Context, Result};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::UsageError;
use crate::catalog::lookup::resolve_index;
use crate::catalog::model::Catalog;
use crate::cli::TallyArgs;
use crate::dates::{Zone, parse_instant};
use crate::pricing::PriceOptions;
use crate::render::Format;
use crate::usage_log::agents::{self, AGENTS};
use crate::usage_log::aggregate::{
    Accumulator, Bucket, FastMap, Place, Problems, ReadOptions, Totals, accumulate, price_bucket,
    unpriced_reason,
};
use crate::usage_log::annotate::{self, Output, Summary};
use crate::usage_log::csv_rows;
use crate::usage_log::grouping::{CostSource, GroupBy, Labels, period_label};
use crate::usage_log::inputs;

/// How many unknown model names a report lists.
const UNKNOWN_MODELS_LISTED: usize = 10;

mod render;

pub use render::{ReconcileReport, WhatIfReport};

/// One group's totals.
#[derive(Debug, Serialize)]
pub struct TallyRow {
    /// The group's keys joined with " · " (`2026-11-20 · openai/gpt-5`).
    pub group: String,
    /// The value of each `--by` key, in order.
    pub keys: Vec<String>,
    /// Requests (log lines) priced.
    pub requests: u64,
    /// Input tokens, cache reads and writes included.
    pub input_tokens: u128,
    /// Input tokens read from a cache.
    pub cached_input_tokens: u128,
    /// Input tokens written to a cache (5-minute and 1-hour).
    pub cache_write_tokens: u128,
    /// Output tokens, reasoning included.
    pub output_tokens: u128,
    /// Output tokens spent reasoning.
    pub reasoning_tokens: u128,
    /// Cache reads as a share of input, in percent (two decimals), or
    /// `None` without input.
    pub cache_hit_percent: Option<Decimal>,
    /// USD.
    pub cost: Decimal,
    /// With `--cost-source both`: the costs the group's lines state, summed
    /// over the lines that state one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logged_cost: Option<Decimal>,
    /// With `--cost-source both`: the stated costs less llmcost's price of
    /// the same lines.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logged_difference: Option<Decimal>,
}

impl TallyRow {
    fn new(keys: Vec<String>) -> Self {
        TallyRow {
            group: keys.join(" · "),
            keys,
            requests: 0,
            input_tokens: 0,
            cached_input_tokens: 0,
            cache_write_tokens: 0,
            output_tokens: 0,
            reasoning_tokens: 0,
            cache_hit_percent: None,
            cost: Decimal::ZERO,
            logged_cost: None,
            logged_difference: None,
        }
    }

    /// Adds what lines that state their cost stated, and llmcost's price of
    /// them.
    fn absorb_logged(&mut self, stated: Decimal, computed: Decimal) -> Result<()> {
        let add = |sum: Option<Decimal>, more: Decimal| {
            sum.unwrap_or_default()
                .checked_add(more)
                .context("the log's cost is too large")
        };
        self.logged_cost = Some(add(self.logged_cost, stated)?);
        let difference = stated
            .checked_sub(computed)
            .context("the log's cost is too large")?;
        self.logged_difference = Some(add(self.logged_difference, difference)?);
        Ok(())
    }

    fn absorb(&mut self, totals: &Totals, cost: Decimal) -> Result<()> {
        self.requests += totals.requests;
        self.input_tokens += totals.of("input_tokens");
        self.cached_input_tokens += totals.of("cached_input_tokens");
        self.cache_write_tokens +=
            totals.of("cache_write_tokens") + totals.of("cache_write_1h_tokens");
        self.output_tokens += totals.of("output_tokens");
        self.reasoning_tokens += totals.of("reasoning_tokens");
        self.cost = self
            .cost
            .checked_add(cost)
            .context("the log's cost is too large")?;
        Ok(())
    }

    fn add_row(&mut self, other: &TallyRow) -> Result<()> {
        self.requests += other.requests;
        self.input_tokens += other.input_tokens;
        self.cached_input_tokens += other.cached_input_tokens;
        self.cache_write_tokens += other.cache_write_tokens;
        self.output_tokens += other.output_tokens;
        self.reasoning_tokens += other.reasoning_tokens;
        self.cost = self
            .cost
            .checked_add(other.cost)
            .context("the log's cost is too large")?;
        if let (Some(stated), Some(difference)) = (other.logged_cost, other.logged_difference) {
            let computed = stated
                .checked_sub(difference)
                .context("the log's cost is too large")?;
            self.absorb_logged(stated, computed)?;
        }
        Ok(())
    }

    fn finish(&mut self) {
        self.cost = self.cost.normalize();
        self.logged_cost = self.logged_cost.map(|d| d.normalize());
        self.logged_difference = self.logged_difference.map(|d| d.normalize());
        self.cache_hit_percent = percent(self.cached_input_tokens, self.input_tokens);
    }
}

/// `part` as a percentage of `whole`, to two decimals; `None` when `whole` is 0.
fn percent(part: u128, whole: u128) -> Option<Decimal> {
    let part = Decimal::from_i128_with_scale(i128::try_from(part).ok()?, 0);
    let whole = Decimal::from_i128_with_scale(i128::try_from(whole).ok()?, 0);
    if whole.is_zero() {
        return None;
    }
    Some(
        part.checked_mul(Decimal::ONE_HUNDRED)?
            .checked_div(whole)?
            .round_dp(2)
            .normalize(),
    )
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
    /// Of its lines, those that state their own cost (Codebuff's credits):
    /// `--cost-source logged` counts them at that cost.
    #[serde(skip_serializing_if = "crate::usage::is_zero")]
    pub stated_cost_lines: u64,
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

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
fn is_computed(source: &CostSource) -> bool {
    *source == CostSource::Computed
}

/// The priced log.
#[derive(Debug, Serialize)]
pub struct TallyReport {
    /// Currency of every amount.
    pub currency: String,
    /// The grouping keys, in order (`["day", "model"]`).
    #[serde(skip)]
    pub by: Vec<GroupBy>,
    /// The grouping keys, as `--by` names them (`day`, `field:metadata.user`).
    #[serde(rename = "by")]
    pub keys: Vec<String>,
    /// The time zone of days and hours, as a UTC offset.
    pub tz: String,
    /// Lines read (blank lines excluded).
    pub lines: u64,
    /// Lines priced.
    pub priced: u64,
    /// Typed events with no usage to price (a session's user messages).
    pub skipped: u64,
    /// Lines outside `--since`/`--until` (or undated, when either is given).
    pub filtered: u64,
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
    pub total: Decimal,
    /// Whose cost `total` counts for lines that state one (left out when
    /// llmcost's, the default).
    #[serde(skip_serializing_if = "is_computed")]
    pub cost_source: CostSource,
    /// Lines with usage that could not be priced (an unknown model, or a
    /// rate the catalog lacks): never counted as $0.
    pub unpriced_lines: u64,
    /// Whether `total` leaves out unpriced lines, so the true total is at
    /// least this.
    pub total_is_lower_bound: bool,
    /// Lines that are not JSON records with token counts.
    pub malformed: ProblemLines,
    /// Lines naming a model the catalog does not know.
    pub unknown: ProblemLines,
    /// The unknown names, most frequent first.
    pub unknown_models: Vec<UnknownModel>,
    /// Lines of known models that need a rate the catalog lacks (a web
    /// search price, an audio rate), per model and missing rate.
    pub unpriced: Vec<UnpricedLines>,
    /// Missing prices worked around, once each.
    pub warnings: Vec<String>,
    /// Priced lines per record shape (`openai-responses`, `anthropic-messages`, …).
    pub shapes: BTreeMap<&'static str, u64>,
}

/// Lines of one model that need a rate the catalog lacks.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct UnpricedLines {
    /// `provider/id`.
    pub model: String,
    /// What is missing, as `cost` says it.
    pub why: String,
    pub lines: u64,
}

/// How `args` asks to read: the options, the files, and what could not be
/// searched.
fn setup(args: &TallyArgs) -> Result<(ReadOptions, PriceOptions, inputs::Expanded)> {
    let options = PriceOptions {
        batch: args.batch,
        ..PriceOptions::default()
    };
    let zone = Zone::parse(&args.tz).ok_or_else(|| {
        UsageError(format!(
            "--tz '{}' is neither a UTC offset nor a time zone name (use +01:00, -0500, UTC or Europe/Berlin)",
            args.tz
        ))
    })?;
    let read = ReadOptions {
        file: String::new(),
        by: args.by.iter().map(|(key, _)| *key).collect(),
        since: bound("--since", args.since.as_deref(), &zone)?,
        until: bound("--until", args.until.as_deref(), &zone)?,
        zone,
        labels: Arc::new(Labels::default()),
        strict: args.strict,
        file_index: 0,
        // A record whose prices depend on its time reads it when priced.
        keep_time: false,
        csv_map: Arc::new(args.map.clone()),
        field: field_path(&args.by)?,
        agent: None,
        logged_costs: args.cost_source != CostSource::Computed,
        stated_models: (args.cost_source == CostSource::Logged).then(Arc::default),
    };
    csv_rows::check_map(&args.map).map_err(|err| UsageError(err.to_string()))?;
    let mut expanded = inputs::expand(&log_paths(args)?)?;
    expanded.files.retain(|file| agents::holds_usage(file));
    Ok((read, options, expanded))
}

/// `tally --annotate` / `--normalize`: writes the logs back line by line
/// to `out` and returns the totals of what was written.
pub fn write_lines(catalog: &Catalog, args: &TallyArgs, out: &mut dyn Write) -> Result<Summary> {
    let targets = what_if_targets(catalog, &args.as_models)?;
    write_lines_for(catalog, args, &targets, out)
}

/// The logs of `args` as `--normalize`'s rows, a message's naming its key
/// (see [`Output::NormalizeKeyed`]).
pub fn write_keyed_rows(
    catalog: &Catalog,
    args: &TallyArgs,
    out: &mut dyn Write,
) -> Result<Summary> {
    let (read, options, expanded) = setup(args)?;
    annotate::write(
        catalog,
        &expanded.files,
        &read,
        options,
        Output::NormalizeKeyed,
        &[],
        out,
    )
}

/// [`write_lines`] with the `--as` models already resolved to `targets`.
fn write_lines_for(
    catalog: &Catalog,
    args: &TallyArgs,
    targets: &[usize],
    out: &mut dyn Write,
) -> Result<Summary> {
    let (read, options, expanded) = setup(args)?;
    let output = match (
        args.lines.annotate,
        args.lines.reconcile,
        args.display.format(),
    ) {
        _ if !targets.is_empty() => Output::WhatIf,
        (true, _, _) => Output::Annotate,
        (_, true, _) => Output::Reconcile,
        (false, false, Format::Csv) => Output::NormalizeCsv,
        (false, false, _) => Output::NormalizeJson,
    };
    annotate::write(
        catalog,
        &expanded.files,
        &read,
        options,
        output,
        targets,
        out,
    )
}

/// The catalog indices of the `--as` models.
fn what_if_targets(catalog: &Catalog, names: &[String]) -> Result<Vec<usize>> {
    names
        .iter()
        .map(|name| resolve_index(catalog, name, None))
        .collect()
}

/// Reads and prices the logs `args` names.
pub fn report(catalog: &Catalog, args: &TallyArgs) -> Result<TallyReport> {
    let (read, options, expanded) = setup(args)?;
    let accumulated = accumulate(catalog, &expanded.files, &read)?;
    let shapes: BTreeMap<&'static str, u64> = accumulated.shape_counts().collect();
    let (mut groups, total, warnings, unpriced) =
        group_rows(catalog, &accumulated, &read, (options, args.cost_source))?;
    let unpriced_elsewhere: u64 = unpriced.iter().map(|u| u.lines).sum();
    let Accumulator {
        malformed,
        unknown,
        unknown_names,
        mut unreadable,
        lines,
        priced,
        skipped,
        filtered,
        duplicates,
        ..
    } = accumulated;
    if args.by.first().is_none_or(|(key, _)| !key.is_time()) {
        groups.sort_by(|a, b| b.cost.cmp(&a.cost).then_with(|| a.group.cmp(&b.group)));
    }
    if let Some(top) = args.top {
        groups = keep_top(groups, top, args.by.len())?;
    }
    let files = &expanded.files;
    let unknown_models = most_frequent(unknown_names, files);
    unreadable.splice(0..0, expanded.unreadable);
    Ok(TallyReport {
        currency: catalog.currency.clone(),
        by: read.by.clone(),
        keys: args
            .by
            .iter()
            .map(|(key, path)| match path {
                Some(path) => format!("field:{path}"),
                None => key.name().to_string(),
            })
            .collect(),
        tz: if read.zone.is_utc() {
            "UTC".to_string()
        } else {
            args.tz.clone()
        },
        lines,
        priced: priced.saturating_sub(unpriced_elsewhere),
        skipped,
        filtered,
        duplicates,
        inputs: expanded.files.clone(),
        unreadable,
        groups,
        total,
        cost_source: args.cost_source,
        unpriced_lines: unknown.count + unpriced_elsewhere,
        total_is_lower_bound: unknown.count + unpriced_elsewhere > 0,
        malformed: problem_lines(&malformed, files),
        unknown: problem_lines(&unknown, files),
        unknown_models,
        unpriced,
        warnings,
        shapes,
    })
}

/// `--since`/`--until` as UTC seconds; a date or a time without an offset
/// is in the `--tz` zone.
fn bound(flag: &str, value: Option<&str>, zone: &Zone) -> Result<Option<i64>> {
    let Some(value) = value else {
        return Ok(None);
    };
    let has_offset =
        value.len() > 10 && (value.ends_with(['Z', 'z']) || value[10..].contains(['+', '-']));
    let instant = parse_instant(value).ok_or_else(|| {
        UsageError(format!(
            "{flag} '{value}' is not a date (use 2026-11-01 or 2026-11-01T09:00:00Z)"
        ))
    })?;
    Ok(Some(if has_offset {
        instant
    } else {
        zone.instant_of_local(instant)
    }))
}

/// The rows, the total, the warnings (once each) and the lines that could
/// not be priced.
type Grouped = (Vec<TallyRow>, Decimal, Vec<String>, Vec<UnpricedLines>);

/// Prices every bucket and sums the rows per group, in key order. A bucket
/// that needs a rate the catalog lacks is left out of the total and
/// counted as unpriced (its lines all use that part: buckets keep apart
/// the parts a rate may be missing for).
fn group_rows(
    catalog: &Catalog,
    accumulated: &Accumulator,
    read: &ReadOptions,
    (options, source): (PriceOptions, CostSource),
) -> Result<Grouped> {
    let mut unpriced: BTreeMap<(String, String), u64> = BTreeMap::new();
    let mut groups: BTreeMap<Vec<String>, TallyRow> = BTreeMap::new();
    let mut warnings: Vec<String> = Vec::new();
    let mut total = Decimal::ZERO;
    let mut ordered: Vec<_> = accumulated.buckets.iter().collect();
    ordered.sort_by_key(|(b, _)| {
        (
            b.model,
            b.tier_of_context,
            b.batch,
            b.tier as u8,
            b.period,
            b.label,
            b.region,
            b.logged,
        )
    });
    for (bucket, totals) in ordered {
        let Some(model) = catalog.models.get(bucket.model) else {
            // A model llmcost does not know, at the costs its lines state.
            let name = stated_model_name(catalog, read, bucket);
            let keys = group_keys(read, (&name, "unknown"), bucket);
            let row = groups
                .entry(keys.clone())
                .or_insert_with(|| TallyRow::new(keys));
            row.absorb(totals, totals.logged)?;
            total = total
                .checked_add(totals.logged)
                .context("the log's cost is too large")?;
            continue;
        };
        let stated = bucket.logged.then_some(totals.logged);
        let bill = match price_bucket(model, bucket, totals, options) {
            Ok(bill) => Some(bill),
            // The lines' own costs count even where llmcost lacks a rate.
            Err(_) if source == CostSource::Logged && stated.is_some() => None,
            Err(error) => {
                let why = unpriced_reason(&error).ok_or(error)?;
                let key = (format!("{}/{}", model.provider, model.id), why);
                *unpriced.entry(key).or_default() += totals.lines;
                continue;
            }
        };
        for warning in bill.iter().flat_map(|bill| &bill.warnings) {
            let warning = format!("{}/{}: {warning}", model.provider, model.id);
            if !warnings.contains(&warning) {
                warnings.push(warning);
            }
        }
        let computed = bill.map(|bill| bill.total);
        let cost = match source {
            CostSource::Logged => stated.or(computed),
            _ => computed,
        }
        .unwrap_or_default();
        let id = format!("{}/{}", model.provider, model.id);
        let keys = group_keys(read, (&id, &model.provider), bucket);
        let row = groups
            .entry(keys.clone())
            .or_insert_with(|| TallyRow::new(keys));
        row.absorb(totals, cost)?;
        if let (CostSource::Both, Some(stated), Some(computed)) = (source, stated, computed) {
            row.absorb_logged(stated, computed)?;
        }
        total = total
            .checked_add(cost)
            .context("the log's cost is too large")?;
    }
    let mut rows: Vec<TallyRow> = groups.into_values().collect();
    for row in &mut rows {
        row.finish();
    }
    let unpriced = unpriced
        .into_iter()
        .map(|((model, why), lines)| UnpricedLines { model, why, lines })
        .collect();
    Ok((rows, total.normalize(), warnings, unpriced))
}

/// The name of the model llmcost does not know that a stated-cost bucket
/// holds (see `stated_bucket` in the aggregator).
fn stated_model_name(catalog: &Catalog, read: &ReadOptions, bucket: &Bucket) -> String {
    let number = bucket
        .model
        .checked_sub(catalog.models.len())
        .and_then(|n| u32::try_from(n).ok());
    match (&read.stated_models, number) {
        (Some(names), Some(number)) => names.text_of(number),
        _ => "unknown".to_string(),
    }
}

/// The value of each `--by` key for a bucket of the model `id`
/// (`provider/id`) of `provider`.
fn group_keys(read: &ReadOptions, (id, provider): (&str, &str), bucket: &Bucket) -> Vec<String> {
    let [session, project, field, agent] = read.labels.parts(bucket.label);
    read.by
        .iter()
        .map(|key| match key {
            GroupBy::Model => id.to_string(),
            GroupBy::Provider => provider.to_string(),
            GroupBy::Session => session.clone(),
            GroupBy::Project => project.clone(),
            GroupBy::Field => field.clone(),
            GroupBy::Agent => agent.clone(),
            time => period_label(*time, bucket.period),
        })
        .collect()
}

/// The `top` most expensive rows, in their order, and the rest summed as
/// one "other" row.
fn keep_top(rows: Vec<TallyRow>, top: usize, keys: usize) -> Result<Vec<TallyRow>> {
    if rows.len() <= top {
        return Ok(rows);
    }
    let mut by_cost: Vec<usize> = (0..rows.len()).collect();
    by_cost.sort_by(|a, b| rows[*b].cost.cmp(&rows[*a].cost).then(a.cmp(b)));
    let kept: std::collections::HashSet<usize> = by_cost.into_iter().take(top).collect();
    let mut other = TallyRow::new(vec!["other".to_string(); keys]);
    other.group = "other".to_string();
    let mut shown = Vec::with_capacity(top + 1);
    for (index, row) in rows.into_iter().enumerate() {
        if kept.contains(&index) {
            shown.push(row);
        } else {
            other.add_row(&row)?;
        }
    }
    other.finish();
    shown.push(other);
    Ok(shown)
}

/// The folders found, or an error naming where they were looked for.
/// The JSON path of the `--by field:` key, if any; only one is allowed.
fn field_path(by: &[(GroupBy, Option<String>)]) -> Result<Option<Arc<str>>> {
    let mut paths = by.iter().filter_map(|(_, path)| path.as_deref());
    let first = paths.next();
    if paths.next().is_some() {
        return Err(UsageError("--by takes one field:PATH key at a time".to_string()).into());
    }
    Ok(first.map(Arc::from))
}

/// The paths to read: the files given, and the folders of the agents
/// asked for. An agent asked for by its flag must have logs; `--agents`
/// reads those found, and fails only when it finds none at all.
fn log_paths(args: &TallyArgs) -> Result<Vec<String>> {
    let mut paths = args.files.clone();
    let mut found_any = false;
    for agent in &AGENTS {
        let named = args.agents.chosen.iter().any(|a| a.name == agent.name);
        if !named && !args.agents.all {
            continue;
        }
        let folders = agent.folders();
        if folders.is_empty() && named {
            anyhow::bail!(
                "found no {} logs (see 'llmcost tally --help' for where they are looked for)",
                agent.title
            );
        }
        found_any |= !folders.is_empty();
        paths.extend(folders.iter().map(|f| f.to_string_lossy().into_owned()));
    }
    if args.agents.all && !found_any && args.files.is_empty() {
        anyhow::bail!(
            "found no coding agent's logs (see 'llmcost tally --help' for where they are looked for)"
        );
    }
    if paths.is_empty() && !args.agents.any() {
        return Err(UsageError(
            "tally needs log files, '-' for standard input, or an agent's flag (--claude-code, --agents, …)"
                .to_string(),
        )
        .into());
    }
    Ok(paths)
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
fn most_frequent(names: FastMap<String, (u64, Place, u64)>, files: &[String]) -> Vec<UnknownModel> {
    let mut unknown: Vec<(String, (u64, Place, u64))> = names.into_iter().collect();
    unknown.sort_by(|a, b| b.1.0.cmp(&a.1.0).then_with(|| a.1.1.cmp(&b.1.1)));
    unknown.truncate(UNKNOWN_MODELS_LISTED);
    unknown
        .into_iter()
        .map(|(name, (count, first, stated))| UnknownModel {
            name,
            count,
            first_line: first.line,
            first_file: file_of(first, files),
            stated_cost_lines: stated,
        })
        .collect()
}
