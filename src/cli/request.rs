//! One request's flags: its tokens, their parts (one flag per row of the
//! quantity table) and the rates that apply.

use std::path::PathBuf;

use clap::{ArgGroup, ArgMatches, Args, FromArgMatches};
use rust_decimal::Decimal;

use super::parsers::{mix, moment, quantity};
use crate::catalog::model::{Region, SearchContext, ServiceTier};
use crate::pricing::CacheTtl;
use crate::usage::{COUNTS, Counted, Usage};

/// A workload: one request's tokens and how many requests.
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("workload").required(true).multiple(true).args(["input", "output", "total", "in_file", "out_file"])))]
pub struct UsageArgs {
    /// One request.
    #[command(flatten)]
    pub request: RequestArgs,

    /// Number of identical requests; the token flags describe one.
    #[arg(long, value_name = "N", value_parser = quantity, default_value = "1")]
    pub requests: u64,
}

/// The flags of [`COUNTS`] but `--in` and `--out` (declared in
/// [`RequestArgs`] for their conflicts with `--total` and the files): the
/// counts of one request's parts and its web searches, by [`COUNTS`] index.
#[derive(Debug, Clone, Default)]
pub struct PartFlags([Option<u64>; COUNTS.len()]);

/// Whether a [`COUNTS`] row gets its flag from [`PartFlags`].
fn is_part_flag(counted: &Counted) -> bool {
    counted
        .flag
        .is_some_and(|flag| flag != "--in" && flag != "--out")
}

impl PartFlags {
    /// The flags given, with their values, in table order.
    pub fn given(&self) -> impl Iterator<Item = (&'static str, u64)> + '_ {
        COUNTS
            .iter()
            .zip(&self.0)
            .filter_map(|(counted, value)| Some((counted.flag?, (*value)?)))
    }

    /// The counts `count_of` gives for the rows that have a part flag (the
    /// tools' door, which names the same rows).
    pub fn from_counts(mut count_of: impl FnMut(&Counted) -> Option<u64>) -> PartFlags {
        let mut values = [None; COUNTS.len()];
        for (value, counted) in values.iter_mut().zip(&COUNTS) {
            if is_part_flag(counted) {
                *value = count_of(counted);
            }
        }
        PartFlags(values)
    }

    /// Fills `usage` with the given counts.
    pub fn fill(&self, usage: &mut Usage) {
        for (counted, value) in COUNTS.iter().zip(&self.0) {
            if let Some(value) = value {
                *(counted.slot)(usage) = *value;
            }
        }
    }
}

impl FromArgMatches for PartFlags {
    fn from_arg_matches(matches: &ArgMatches) -> Result<Self, clap::Error> {
        let mut values = [None; COUNTS.len()];
        for (value, counted) in values.iter_mut().zip(&COUNTS) {
            if is_part_flag(counted) {
                *value = matches.get_one::<u64>(counted.name).copied();
            }
        }
        Ok(PartFlags(values))
    }

    fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), clap::Error> {
        *self = PartFlags::from_arg_matches(matches)?;
        Ok(())
    }
}

impl Args for PartFlags {
    fn augment_args(command: clap::Command) -> clap::Command {
        COUNTS
            .iter()
            .filter(|counted| is_part_flag(counted))
            .fold(command, |command, counted| {
                let long = counted.flag.unwrap_or_default().trim_start_matches('-');
                let unit = if counted.name.ends_with("_tokens") {
                    "TOKENS"
                } else {
                    "N"
                };
                command.arg(
                    clap::Arg::new(counted.name)
                        .long(long)
                        .value_name(unit)
                        .value_parser(quantity)
                        .help(counted.help),
                )
            })
    }

    fn augment_args_for_update(command: clap::Command) -> clap::Command {
        PartFlags::augment_args(command)
    }
}

/// One request: its tokens, their parts and the rates that apply. `cost`,
/// `compare` and `budget` share these flags.
#[derive(Debug, Args)]
pub struct RequestArgs {
    /// Input tokens per request (cached ones included).
    #[arg(long = "in", value_name = "TOKENS", value_parser = quantity)]
    pub input: Option<u64>,

    /// The moment of the request (e.g. 2026-12-03T02:00Z): the prices in
    /// force that day, at the off-peak rates where the model has an
    /// off-peak window that covers the time.
    #[arg(long, value_name = "TIME", value_parser = moment)]
    pub at: Option<i64>,

    /// Output tokens per request.
    #[arg(long = "out", value_name = "TOKENS", value_parser = quantity)]
    pub output: Option<u64>,

    /// Count the input tokens of this file (exact for OpenAI models, else estimated).
    #[arg(long, value_name = "FILE", conflicts_with_all = ["input", "total"])]
    pub in_file: Option<PathBuf>,

    /// Count the output tokens of this file (exact for OpenAI models, else estimated).
    #[arg(long, value_name = "FILE", conflicts_with_all = ["output", "total"])]
    pub out_file: Option<PathBuf>,

    /// The parts of the request (`--cached-in`, `--reasoning`, …) and its
    /// web searches: one flag for each of the quantity table's counts.
    #[command(flatten)]
    pub parts: PartFlags,

    /// Which cache-write rate applies, where the provider has two.
    #[arg(long, value_enum, value_name = "TTL", default_value_t = CacheTtl::FiveMinutes)]
    pub cache_ttl: CacheTtl,

    /// Price with the batch API's rates.
    #[arg(long, conflicts_with = "service_tier")]
    pub batch: bool,

    /// The service tier: flex (slower, cheaper) or priority (faster,
    /// dearer) rates where the catalog has them, else standard with a warning.
    #[arg(long, value_enum, value_name = "TIER", default_value_t = ServiceTier::Standard)]
    pub service_tier: ServiceTier,

    /// Fail when a rate the workload needs is missing, instead of warning and falling back.
    #[arg(long)]
    pub strict: bool,

    /// How much web search context a search model uses per request; it sets
    /// the request fee (Perplexity's sonar models).
    #[arg(long, value_enum, value_name = "SIZE", default_value_t = SearchContext::Low)]
    pub search_context: SearchContext,

    /// The endpoint region (Bedrock's in-region profiles, OpenAI data
    /// residency): its multiplier where the catalog has one; a Bedrock
    /// profile id (`us.anthropic.…`) sets it. Default: the global endpoint.
    #[arg(long, value_enum, value_name = "REGION")]
    pub region: Option<Region>,

    /// Total tokens per request, split by --mix (default 1:1) into input
    /// and output.
    #[arg(long, value_name = "TOKENS", value_parser = quantity, conflicts_with_all = ["input", "output"])]
    pub total: Option<u64>,

    /// How --total splits into input and output: IN/OUT or IN:OUT, e.g. 50/50
    /// or 3:1 (in `budget`, also how the budget splits when no request is given).
    #[arg(long, value_name = "IN/OUT", value_parser = mix, conflicts_with_all = ["input", "output", "in_file", "out_file"])]
    pub mix: Option<(Decimal, Decimal)>,

    /// Price input and output with one source's values instead of the
    /// catalog's choice (other rates stay the catalog's).
    #[arg(long, value_name = "SOURCE", value_parser = ["litellm", "models.dev", "genai-prices", "openrouter"])]
    pub source: Option<String>,
}
