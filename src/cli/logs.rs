//! `tally`'s flags: the logs, how to group and what to write.

use clap::{Arg, ArgAction, ArgMatches, Args, FromArgMatches};
use rust_decimal::Decimal;

use super::OutputArgs;
use super::parsers::{column_map, group_key, price, quantity};
use crate::usage_log::agents::{AGENTS, Agent};
use crate::usage_log::grouping::{CostSource, GroupBy};

/// `llmcost tally`.
#[derive(Debug, Clone, Args)]
pub struct TallyArgs {
    /// How to print.
    #[command(flatten)]
    pub display: OutputArgs,

    /// Log files or directories (searched for *.jsonl, *.json, *.log, also
    /// .gz and .zst); '-' reads standard input.
    #[arg(value_name = "PATH|-")]
    pub files: Vec<String>,

    /// Where coding agents keep their logs.
    #[command(flatten)]
    pub agents: AgentLogs,

    /// How to group the totals: model, provider, hour, day, week, month,
    /// session, project, or field:PATH (the value at a JSON path of each
    /// record, e.g. field:metadata.user_id); several keys, comma-separated,
    /// group by each in turn (`--by day,model`).
    #[arg(long, value_name = "KEY", value_parser = group_key, value_delimiter = ',', default_value = "model")]
    pub by: Vec<(GroupBy, Option<String>)>,

    /// Only records at or after this time (`2026-11-01`, or an RFC 3339
    /// instant), in the `--tz` zone when it has no offset.
    #[arg(long, value_name = "TIME")]
    pub since: Option<String>,

    /// Only records before this time (`2026-12-01` is up to the end of
    /// November 30).
    #[arg(long, value_name = "TIME")]
    pub until: Option<String>,

    /// The time zone of days, hours and `--since`/`--until`: a UTC offset
    /// (`+01:00`, `-0500`, `UTC`) or a time zone name (`Europe/Berlin`),
    /// whose offset follows daylight saving time.
    #[arg(
        long,
        value_name = "ZONE",
        default_value = "UTC",
        allow_hyphen_values = true
    )]
    pub tz: String,

    /// Show the N most expensive groups and sum the rest as "other".
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,

    /// Line-by-line output instead of the report.
    #[command(flatten)]
    pub lines: LineOutputArgs,

    /// Price the same requests on other models (comma-separated) and show
    /// what each would have cost.
    #[arg(long = "as", value_name = "MODELS", value_delimiter = ',')]
    pub as_models: Vec<String>,

    /// Which field a CSV column fills (`--map "Model Name=model"`), for
    /// CSV files whose header llmcost does not know; repeat it per column.
    #[arg(long, value_name = "COLUMN=FIELD", value_parser = column_map)]
    pub map: Vec<(String, String)>,

    /// Exit with code 3 when the total passes this many USD (for CI), or
    /// when any line could not be priced (the total is then a lower bound).
    #[arg(long, value_name = "USD", value_parser = price)]
    pub fail_over: Option<Decimal>,

    /// With --fail-over, judge the budget on the priced lines alone, leaving
    /// out lines that could not be priced (unknown models).
    #[arg(long, requires = "fail_over")]
    pub allow_unpriced: bool,

    /// Fail on the first malformed line or unknown model instead of counting them.
    #[arg(long)]
    pub strict: bool,

    /// Price with the batch API's rates.
    #[arg(long)]
    pub batch: bool,

    /// Which cost counts for a line that states its own (Claude Code's
    /// costUSD, OpenRouter's usage.cost, LiteLLM's spend, an agent's):
    /// computed (llmcost's), logged (the line's) or both side by side.
    #[arg(long, value_enum, value_name = "SOURCE", default_value_t = CostSource::Computed)]
    pub cost_source: CostSource,

    /// `--blocks` and its limits.
    #[command(flatten)]
    pub blocks: BlockArgs,
}

impl TallyArgs {
    /// `tally FILES --blocks --tz ZONE` with every other flag at its
    /// default: the status line's request, built without parsing words.
    pub fn blocks_of(files: Vec<String>, tz: String) -> TallyArgs {
        let off = LineOutputArgs {
            annotate: false,
            normalize: false,
            reconcile: false,
        };
        TallyArgs {
            display: OutputArgs {
                format: crate::render::Format::Table,
                json: false,
            },
            files,
            agents: AgentLogs::default(),
            by: vec![(GroupBy::Model, None)],
            since: None,
            until: None,
            tz,
            top: None,
            lines: off,
            as_models: Vec::new(),
            map: Vec::new(),
            fail_over: None,
            allow_unpriced: false,
            strict: false,
            batch: false,
            cost_source: CostSource::Computed,
            blocks: BlockArgs {
                on: true,
                token_limit: None,
                cost_limit: None,
            },
        }
    }
}

/// `tally --blocks`: 5-hour billing blocks and the limits to warn at.
#[derive(Debug, Clone, Args)]
pub struct BlockArgs {
    /// Group the usage into 5-hour billing blocks (the windows of
    /// Anthropic's subscription limits), each from the hour of its first
    /// request, with the active block's burn rate and projection.
    #[arg(long = "blocks", id = "blocks", conflicts_with_all = ["by", "top", "as_models", "annotate", "normalize", "reconcile"])]
    pub on: bool,

    /// With --blocks, warn when the active block is projected to pass this
    /// many tokens (input and output).
    #[arg(long, value_name = "TOKENS", requires = "blocks", value_parser = quantity)]
    pub token_limit: Option<u64>,

    /// With --blocks, warn when the active block is projected to cost more
    /// than this many USD.
    #[arg(long, value_name = "USD", requires = "blocks", value_parser = price)]
    pub cost_limit: Option<Decimal>,
}

/// `tally`'s line-by-line outputs.
#[derive(Debug, Clone, Args)]
pub struct LineOutputArgs {
    /// Write every input line back as JSON Lines with a `cost` object
    /// added, instead of the report.
    #[arg(long, conflicts_with = "normalize")]
    pub annotate: bool,

    /// Write one flat row per priced request (JSON Lines, or CSV with
    /// --format csv): the columns `llmcost sql` prices.
    #[arg(long, conflicts_with = "reconcile")]
    pub normalize: bool,

    /// Compare the cost each record states (`usage.cost`, `costUSD`,
    /// `spend`, `total_cost`) with llmcost's, and list those more than 1% apart.
    #[arg(long, conflicts_with = "annotate")]
    pub reconcile: bool,
}

/// `tally`'s flags that find coding agents' session logs by themselves:
/// one per row of [`AGENTS`], and `--agents` for every one found.
#[derive(Debug, Clone, Default)]
pub struct AgentLogs {
    /// The agents whose logs to read, in [`AGENTS`] order.
    pub chosen: Vec<&'static Agent>,
    /// `--agents`: every agent whose folders exist (none found is no error).
    pub all: bool,
}

impl AgentLogs {
    /// Whether any agent's logs are asked for.
    pub fn any(&self) -> bool {
        self.all || !self.chosen.is_empty()
    }
}

impl FromArgMatches for AgentLogs {
    fn from_arg_matches(matches: &ArgMatches) -> Result<Self, clap::Error> {
        Ok(AgentLogs {
            chosen: AGENTS
                .iter()
                .filter(|agent| matches.get_flag(agent.flag))
                .collect(),
            all: matches.get_flag("agents"),
        })
    }

    fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), clap::Error> {
        *self = AgentLogs::from_arg_matches(matches)?;
        Ok(())
    }
}

impl Args for AgentLogs {
    fn augment_args(command: clap::Command) -> clap::Command {
        let command = command.arg(
            Arg::new("agents")
                .long("agents")
                .action(ArgAction::SetTrue)
                .help("Also read the logs of every coding agent whose folders exist (each agent's flag below)"),
        );
        AGENTS.iter().fold(command, |command, agent| {
            let homes: Vec<String> = agent.homes.iter().map(|h| format!("~/{h}")).collect();
            let subfolder = if agent.env_subfolder.is_empty() {
                String::new()
            } else {
                format!("/{}", agent.env_subfolder)
            };
            command.arg(
                Arg::new(agent.flag)
                    .long(agent.flag)
                    .action(ArgAction::SetTrue)
                    .help(format!(
                        "Also read {}'s logs (${}{subfolder}, else {})",
                        agent.title,
                        agent.env,
                        homes.join(" and ")
                    )),
            )
        })
    }

    fn augment_args_for_update(command: clap::Command) -> clap::Command {
        AgentLogs::augment_args(command)
    }
}
