//! The request layer: the flags that describe a workload or a selection of
//! models, resolved once into plain values ([`Workload`], [`Filter`]) that
//! the commands take. Nothing past this module sees a clap struct's
//! workload flags.

use anyhow::{Context, Result};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::UsageError;
use crate::catalog::filter::Filter;
use crate::catalog::history::prices_as_of;
use crate::catalog::load::read_text_file;
use crate::catalog::lookup::Lookup;
use crate::catalog::model::Prices;
use crate::catalog::model::{Model, Region};
use crate::catalog::witness::prices_from;
use crate::cli::{FilterArgs, RequestArgs, UsageArgs};
use crate::pricing::{MEDIA_PARTS, PriceOptions, Usage, split_total};
use crate::quantity::group_thousands;
use crate::tokens::{self, TokenCount};
use crate::usage::Inconsistent;

/// The largest text file `--in-file`/`--out-file` reads.
pub const MAX_TEXT_BYTES: u64 = 64 * 1024 * 1024;

/// Tokens counted from a file.
#[derive(Debug, Serialize)]
pub struct FileCount {
    /// `--in-file` or `--out-file`.
    pub flag: &'static str,
    /// The file.
    pub path: String,
    /// The count and how it was made.
    #[serde(flatten)]
    pub count: TokenCount,
}

/// One request's token counts, the pricing options and the file counts
/// behind them: what the workload flags describe, resolved once.
#[derive(Debug)]
pub struct Workload {
    /// One request's tokens and the number of requests.
    pub usage: Usage,
    /// Batch, cache lifetime, strictness.
    pub options: PriceOptions,
    /// Tokens counted from `--in-file`/`--out-file`.
    pub counted: Vec<FileCount>,
    /// Price with this source's input and output (`--source`).
    pub source: Option<String>,
    /// `--region`, which a Bedrock profile id's region does not override.
    pub region_flag: Option<Region>,
    /// `--at`: when the request is made (Unix seconds).
    pub at: Option<i64>,
    /// How `--total` was rounded, where `--mix` does not split it exactly.
    pub split_note: Option<String>,
}

impl Workload {
    /// Resolves the workload flags. `model` counts the tokens of
    /// `--in-file`/`--out-file`; without one (as in `compare`, where each
    /// model would count differently) those flags are a usage error. The
    /// parts checks (cache within input, reasoning within output) are made
    /// here, once, in the flags' words.
    pub fn from_args(args: &UsageArgs, model: Option<&Model>) -> Result<Workload> {
        Workload::of_requests(&args.request, args.requests, model)
    }

    /// Resolves one request's flags, made `requests` times.
    pub fn of_requests(
        args: &RequestArgs,
        requests: u64,
        model: Option<&Model>,
    ) -> Result<Workload> {
        let mut counted = Vec::new();
        let (usage, options) = resolve_usage(args, requests, model, &mut counted)?;
        let split_note = args.total.and_then(|total| {
            let (input_part, output_part) = args.mix.unwrap_or((Decimal::ONE, Decimal::ONE));
            let exact = Decimal::from(total) * input_part / (input_part + output_part);
            (!exact.fract().is_zero()).then(|| {
                let shown = exact.round_dp(2);
                let about = if shown == exact { "" } else { "about " };
                format!(
                    "--total {} split {}:{} is {about}{} input tokens, not a whole number; rounded to {} input + {} output",
                    group_thousands(total),
                    input_part.normalize(),
                    output_part.normalize(),
                    shown.normalize(),
                    group_thousands(usage.input_tokens),
                    group_thousands(usage.output_tokens)
                )
            })
        });
        if let Some(why) = model.and_then(|m| usage.refused_by(m)) {
            return Err(UsageError(why).into());
        }
        Ok(Workload {
            usage,
            options,
            counted,
            source: args.source.clone(),
            region_flag: args.region,
            at: args.at,
            split_note,
        })
    }

    /// The workload at the region `lookup`'s id names (a Bedrock profile
    /// id), unless `--region` said otherwise.
    pub fn in_region_of(mut self, lookup: &Lookup<'_>) -> Workload {
        if self.region_flag.is_none() {
            self.options.region = lookup.region.unwrap_or_default();
        }
        self
    }

    /// The day (UTC, `YYYY-MM-DD`) of `--at`.
    pub fn at_day(&self) -> Option<String> {
        self.at.map(crate::dates::day_of)
    }

    /// `sheet` at the time of `--at`: its off-peak rates where its window
    /// covers that time, else `sheet` itself.
    pub fn at_time_of_day(&self, sheet: Prices) -> Prices {
        match self.at {
            Some(instant) => sheet.at_time(instant),
            None => sheet,
        }
    }

    /// The prices this workload is billed at on `model`: the catalog's, or
    /// those in force on `as_of` (else `--at`'s day), with input and output
    /// as `--source` states them; and the history point's date when a day
    /// picked one. The time of day is applied by [`Self::at_time_of_day`].
    pub fn prices_for(
        &self,
        model: &Model,
        as_of: Option<&str>,
    ) -> Result<(Prices, Option<String>)> {
        let at_day = self.at_day();
        let (mut prices, prices_date) = match as_of.or(at_day.as_deref()) {
            Some(date) => {
                let (prices, point) = prices_as_of(model, date)?;
                (prices, Some(point))
            }
            None => (model.prices.clone(), None),
        };
        if let Some(source) = &self.source {
            let theirs = prices_from(model, source).with_context(|| {
                format!(
                    "{source} has no price for {}/{} (`llmcost show` lists the sources that do)",
                    model.provider, model.id
                )
            })?;
            prices.input = theirs.input;
            prices.output = theirs.output;
            // A window discounts its own source's prices, not another's.
            prices.off_peak.take_if(|window| window.source != *source);
        }
        Ok((prices, prices_date))
    }
}

/// A usage check's failure, said in the flags' words, as a usage error.
fn in_flag_words(error: Inconsistent, usage: &Usage) -> anyhow::Error {
    let Usage {
        input_tokens: input,
        cached_input_tokens: cached,
        cache_write_tokens: written,
        output_tokens: output,
        reasoning_tokens: reasoning,
        ..
    } = *usage;
    match error {
        Inconsistent::CacheExceedsInput => UsageError(format!(
            "--cached-in ({cached}) and --cache-write ({written}) are parts of --in ({input}) and cannot add up to more than it"
        ))
        .into(),
        Inconsistent::CachedAudioExceedsCached => UsageError(format!(
            "--cached-audio-in ({}) is part of --cached-in ({cached}) and cannot be larger than it",
            usage.cached_audio_input_tokens
        ))
        .into(),
        Inconsistent::ReasoningExceedsOutput => UsageError(format!(
            "--reasoning ({reasoning}) is part of --out ({output}) and cannot be larger than it"
        ))
        .into(),
        Inconsistent::AudioExceedsInput => UsageError(format!(
            "{}, --cached-in ({cached}) and --cache-write ({written}) are parts of --in ({input}) and cannot add up to more than it",
            media_flags(usage, true)
        ))
        .into(),
        Inconsistent::AudioExceedsOutput => UsageError(format!(
            "{} cannot add up to more than --out ({output})",
            media_flags(usage, false)
        ))
        .into(),
        Inconsistent::Overflow => anyhow::anyhow!("{error}"),
    }
}

/// The media flags of the input (`input`) or output that `usage` gives,
/// with their values (`--audio-in (500), --image-in (300)`).
fn media_flags(usage: &Usage, input: bool) -> String {
    let given: Vec<String> = MEDIA_PARTS
        .iter()
        .filter(|part| part.input == input && part.tokens(usage) > 0)
        .map(|part| format!("{} ({})", part.flag(), part.tokens(usage)))
        .collect();
    given.join(", ")
}

fn resolve_usage(
    args: &RequestArgs,
    requests: u64,
    model: Option<&Model>,
    counted: &mut Vec<FileCount>,
) -> Result<(Usage, PriceOptions)> {
    let mut from_file =
        |flag: &'static str, path: &Option<std::path::PathBuf>| -> Result<Option<u64>> {
            let Some(path) = path else {
                return Ok(None);
            };
            let Some(model) = model else {
                return Err(UsageError(format!("{flag} works with `llmcost cost` only")).into());
            };
            let text = read_text_file(path, MAX_TEXT_BYTES)?;
            let count = tokens::count(model, &text);
            let tokens = count.tokens;
            counted.push(FileCount {
                flag,
                path: path.display().to_string(),
                count,
            });
            Ok(Some(tokens))
        };
    let input_from_file = from_file("--in-file", &args.in_file)?;
    let output_from_file = from_file("--out-file", &args.out_file)?;
    let (input, output) = match (args.total, args.mix) {
        // One default for every command: `budget` splits 1:1 too.
        (Some(total), mix) => {
            let (input_part, output_part) =
                mix.unwrap_or((rust_decimal::Decimal::ONE, rust_decimal::Decimal::ONE));
            split_total(total, input_part, output_part)
                .context("--total is too large to split by --mix")?
        }
        _ => (
            input_from_file.or(args.input).unwrap_or(0),
            output_from_file.or(args.output).unwrap_or(0),
        ),
    };
    let mut usage = Usage {
        requests,
        ..Usage::default()
    };
    args.parts.fill(&mut usage);
    usage.input_tokens = input;
    usage.output_tokens = output;
    usage
        .check()
        .map_err(|error| in_flag_words(error, &usage))?;
    let options = PriceOptions {
        batch: args.batch,
        cache_ttl: args.cache_ttl,
        strict: args.strict,
        service_tier: args.service_tier,
        search_context: args.search_context,
        region: args.region.unwrap_or_default(),
    };
    Ok((usage, options))
}

/// The filter the command line asks for.
pub fn filter_from(args: &FilterArgs) -> Filter {
    Filter {
        providers: args.provider.clone(),
        capabilities: args.capability.clone(),
        min_context: args.min_context,
        max_input_price: args.max_input_price,
        max_output_price: args.max_output_price,
        open_weights: args.open_weights,
        tier: args.tier,
        all: args.all,
        today: None,
        snapshots: args.snapshots,
    }
}
