//! The command line, as clap derive definitions and nothing else.

use std::ops::Deref;
use std::path::PathBuf;

use clap::{ArgMatches, Args, FromArgMatches, Parser, Subcommand, ValueEnum};
use clap_complete::engine::{ArgValueCandidates, CompletionCandidate};
use rust_decimal::Decimal;

use crate::catalog::filter::Capability;
use crate::catalog::model::Tier;
use crate::catalog::update::SourceFormat;
pub use crate::projection::Period;
use crate::render::Format;
use crate::snippet::{DEFAULT_PROMPT, Lang};

mod logs;
pub(crate) mod parsers;
mod request;
mod values;

pub use logs::TallyArgs;
use parsers::{calendar_date, model_name, price, quantity};
pub use request::{PartFlags, RequestArgs, UsageArgs};

/// LLM API cost calculator and model catalog browser: exact, instant, offline.
#[derive(Debug, Parser)]
#[command(name = "llmcost", version, about, propagate_version = true)]
#[command(
    after_help = "Exit codes: 0 ok, 1 error, 2 usage error, 3 over the --fail-over budget (or, for tally, lines that could not be priced).\n\
Catalog: --catalog FILE, else $LLMCOST_CATALOG, else the cache written by \
`llmcost catalog update`, else the catalog built into llmcost."
)]
pub struct Cli {
    /// Read the catalog from FILE instead of the cache or the built-in one.
    #[arg(long, global = true, value_name = "FILE")]
    pub catalog: Option<PathBuf>,

    /// Your own rates and discounts (JSON), applied after the catalog; else
    /// $LLMCOST_PRICES, else prices.json in llmcost's config folder.
    #[arg(long, global = true, value_name = "FILE")]
    pub prices: Option<PathBuf>,

    /// Print no notes or warnings on stderr, only errors (for scripts);
    /// also LLMCOST_QUIET=1.
    #[arg(long, short = 'q', global = true)]
    pub quiet: bool,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// A subcommand's arguments, added to clap's tree only when that subcommand
/// is parsed (or help, completions or the man page build the whole tree): a
/// one-shot `llmcost cost …` then builds one subcommand's arguments instead
/// of every subcommand's, about a quarter of its start-up.
#[derive(Debug)]
pub struct Deferred<T>(pub T);

impl<T: Args> Args for Deferred<T> {
    fn augment_args(cmd: clap::Command) -> clap::Command {
        cmd.defer(|cmd| keeping_about(cmd, T::augment_args))
    }

    fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
        cmd.defer(|cmd| keeping_about(cmd, T::augment_args_for_update))
    }

    fn group_id() -> Option<clap::Id> {
        T::group_id()
    }
}

/// Adds the arguments but keeps the subcommand's own description: the
/// arguments struct's doc comment would otherwise replace it, since a
/// deferred addition runs after the subcommand's attributes.
fn keeping_about(cmd: clap::Command, augment: fn(clap::Command) -> clap::Command) -> clap::Command {
    let about = cmd.get_about().cloned();
    let long_about = cmd.get_long_about().cloned();
    let mut cmd = augment(cmd);
    if let Some(about) = about {
        cmd = cmd.about(about);
    }
    if let Some(long_about) = long_about {
        cmd = cmd.long_about(long_about);
    }
    cmd
}

impl<T: FromArgMatches> FromArgMatches for Deferred<T> {
    fn from_arg_matches(matches: &ArgMatches) -> Result<Self, clap::Error> {
        T::from_arg_matches(matches).map(Deferred)
    }

    fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), clap::Error> {
        self.0.update_from_arg_matches(matches)
    }
}

impl<T> Deref for Deferred<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

/// How a command prints its report.
#[derive(Debug, Clone, Args)]
pub struct OutputArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// Shortcut for --format json.
    #[arg(long)]
    pub json: bool,
}

impl OutputArgs {
    /// The output format after `--json`.
    pub fn format(&self) -> Format {
        if self.json { Format::Json } else { self.format }
    }
}

/// `llmcost show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Which model.
    #[command(flatten)]
    pub model: ModelArgs,

    /// How to print.
    #[command(flatten)]
    pub display: OutputArgs,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show a model's card: provider, context, capabilities, prices, example costs.
    Show(Deferred<ShowArgs>),
    /// Price a workload on one model, itemized.
    #[command(
        after_help = "Token flags describe ONE request; --requests multiplies it, \
as in LiteLLM's completion_cost and genai-prices. Counts take suffixes: 250k, 1.5M, 2B.\n\n\
Examples:\n  llmcost cost mistral-small-3-1-24b-instruct --in 1M --out 1M\n  \
llmcost cost gpt-4o --in 2k --out 500 --requests 10k\n  \
llmcost cost mistral-small-3-1-24b-instruct --total 1M --mix 50/50"
    )]
    Cost(Deferred<CostArgs>),
    /// Print a quickstart program that calls the model: curl, Python or JavaScript.
    #[command(
        after_help = "The program is printed as plain text, so it can be redirected:\n  \
llmcost snippet mistral-small-3-1-24b-instruct --lang python > hello.py\n\n\
It reads the API key from the provider's environment variable (e.g. $MISTRAL_API_KEY)."
    )]
    Snippet(Deferred<SnippetArgs>),
    /// A model's page (the seed catalog page's sections) as markdown, HTML or JSON.
    #[command(
        after_help = "Examples:\n  llmcost page mistral-small-3-1-24b-instruct > mistral-small.md\n  \
llmcost page gpt-4o-mini --format html > gpt-4o-mini.html\n\n\
Related models link to ../{provider}/{id}.md (or .html), the layout `llmcost site` writes."
    )]
    Page(Deferred<PageArgs>),
    /// Write a static site of the catalog: an index that sorts and filters,
    /// a page per model and per provider, and a sitemap.
    #[command(after_help = "Examples:\n  llmcost site ./prices\n  \
llmcost site ./public --base-url https://prices.example.com\n\n\
The site is written to a temporary folder and renamed into place. A folder \
holding files llmcost did not write is refused unless --force.")]
    Site(Deferred<SiteArgs>),
    /// Serve the commands as tools over the Model Context Protocol (stdio),
    /// for coding agents.
    #[command(
        after_help = "Tools: cost, compare, show, search, related, snippet; each answers with the \
command's JSON report and a short text.\n\n\
Add it to an agent, e.g. Claude Code: claude mcp add llmcost -- llmcost mcp"
    )]
    Mcp,
    /// How many requests or tokens a budget buys, rounded down.
    #[command(
        after_help = "Examples:\n  llmcost budget gpt-4o-mini --usd 100 --mix 3:1\n  \
llmcost budget gpt-4o-mini --usd 100 --in 2k --out 500"
    )]
    Budget(Deferred<BudgetArgs>),
    /// List the catalog's models, one row each, with filters.
    List(Deferred<ListArgs>),
    /// Price one workload on several models (or the whole catalog), cheapest first.
    #[command(after_help = "Examples:\n  \
llmcost compare mistral-small-3-1-24b-instruct gpt-4o-mini claude-haiku-4-5 --in 1M --out 1M\n  \
llmcost compare --capability vision --min-context 128k --top 5 --in 1M --out 1M --chart")]
    Compare(Deferred<CompareArgs>),
    /// Models similar in capabilities, context window and price tier.
    Related(Deferred<RelatedArgs>),
    /// Find models by name, tolerating typos and separators.
    Search(Deferred<SearchArgs>),
    /// Price usage logs (JSON Lines of API responses, session logs, usage records).
    #[command(
        after_help = "Reads each PATH (a directory: the logs under it), or standard input \
for '-'; .gz and .zst files are decompressed. Memory stays constant whatever the \
logs' size.\n\nExamples:\n  llmcost tally usage.jsonl --by day\n  \
llmcost tally --claude-code --by day"
    )]
    Tally(Deferred<TallyArgs>),
    /// One line for Claude Code's status-line hook: session, today, the
    /// active 5-hour block and context use, at llmcost's prices.
    #[command(
        after_help = "Claude Code runs it with the session's JSON on standard input. In ~/.claude/settings.json:\n  \
\"statusLine\": {\"type\": \"command\", \"command\": \"llmcost statusline\"}"
    )]
    Statusline,
    /// A model's price history, with a chart once the price has changed.
    History(Deferred<HistoryArgs>),
    /// Print the prices as SQL (a table and a pricing view) for DuckDB or Spark.
    #[command(
        after_help = "The view llmcost_priced prices the rows of a table or view named \
llmcost_usage with the columns of `llmcost tally --normalize`, by exactly tally's rules.\n\n\
Order: make llmcost_usage first, then run the script, then query llmcost_priced. In DuckDB \
the script makes an empty llmcost_usage table when there is none, so it also runs as printed \
(`llmcost sql --dialect duckdb | duckdb usage.db`) and rows can be inserted after.\n\n\
Example:\n  llmcost tally logs/ --normalize --format csv > usage.csv\n  \
llmcost sql --dialect duckdb > prices.sql\n  \
duckdb -c \"CREATE VIEW llmcost_usage AS SELECT * FROM read_csv('usage.csv'); .read prices.sql\""
    )]
    Sql(Deferred<SqlArgs>),
    /// Print the shell completion script (it completes model ids from the catalog in use).
    #[command(after_help = "bash:  source <(llmcost completions bash)\n\
zsh:   source <(llmcost completions zsh)\n\
fish:  llmcost completions fish | source\n\
PowerShell: llmcost completions powershell | Out-String | Invoke-Expression")]
    Completions(Deferred<CompletionsArgs>),
    /// Print the man page (roff) to standard output.
    #[command(after_help = "llmcost man > llmcost.1 && man ./llmcost.1")]
    Man,
    /// Inspect, update, export or rebuild the catalog.
    #[command(subcommand)]
    Catalog(CatalogCommand),
}

/// Which model.
#[derive(Debug, Args)]
pub struct ModelArgs {
    /// Model: API id, vendor slug or alias (case-insensitive); `provider/id` picks a provider.
    #[arg(value_parser = model_name, add = ArgValueCandidates::new(model_candidates))]
    pub model: String,

    /// Pick the offer of this provider when several serve the model.
    #[arg(long, value_name = "PROVIDER")]
    pub provider: Option<String>,
}

/// `llmcost cost`.
#[derive(Debug, Args)]
pub struct CostArgs {
    /// How to print.
    #[command(flatten)]
    pub display: OutputArgs,

    /// Which model.
    #[command(flatten)]
    pub model: ModelArgs,

    /// The workload.
    #[command(flatten)]
    pub usage: UsageArgs,

    /// Show how the cost was computed: lookup, token partition, rates, arithmetic.
    #[arg(long)]
    pub explain: bool,

    /// Read --requests as requests per day or per month (30 days) and project
    /// daily, monthly and yearly totals.
    #[arg(long, value_enum, value_name = "PERIOD")]
    pub per: Option<Period>,

    /// Price with the input and output prices in force on this date
    /// (YYYY-MM-DD), from the model's price history.
    #[arg(long, value_name = "DATE", value_parser = calendar_date, conflicts_with = "at")]
    pub as_of: Option<String>,

    /// Exit with code 3 when the total passes this many USD (for CI).
    #[arg(long, value_name = "USD", value_parser = price)]
    pub fail_over: Option<Decimal>,

    /// Also show amounts in this currency (needs --fx).
    #[arg(long, value_name = "CODE", requires = "fx")]
    pub currency: Option<String>,

    /// Units of --currency per USD, e.g. 0.92 for EUR.
    #[arg(long, value_name = "RATE", value_parser = price, requires = "currency")]
    pub fx: Option<Decimal>,
}

/// `llmcost page`.
#[derive(Debug, Args)]
pub struct PageArgs {
    /// Which model.
    #[command(flatten)]
    pub model: ModelArgs,

    /// The page's format.
    #[arg(long, value_enum, default_value_t = PageFormat::Markdown)]
    pub format: PageFormat,
}

/// The formats a model page comes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PageFormat {
    /// GitHub-flavoured markdown.
    Markdown,
    /// One self-contained HTML file with a cost calculator.
    Html,
    /// The page's facts as JSON.
    Json,
}

/// `llmcost site`.
#[derive(Debug, Args)]
pub struct SiteArgs {
    /// The folder to write (created, or replaced if it holds only an earlier site).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,

    /// Write into a folder that holds other files (they are left alone).
    #[arg(long)]
    pub force: bool,

    /// The address the site will be served from, for the sitemap's absolute URLs.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,

    /// How to print the summary.
    #[command(flatten)]
    pub display: OutputArgs,
}

/// `llmcost budget`.
#[derive(Debug, Args)]
pub struct BudgetArgs {
    /// How to print.
    #[command(flatten)]
    pub display: OutputArgs,

    /// Which model.
    #[command(flatten)]
    pub model: ModelArgs,

    /// The budget in USD.
    #[arg(long, value_name = "USD", value_parser = price)]
    pub usd: Decimal,

    /// The request the budget pays for, with the same flags as `cost`:
    /// without a request shape (`--in`/`--out`/`--total`/a file), the
    /// budget buys tokens split by `--mix` (default 1:1).
    #[command(flatten)]
    pub request: RequestArgs,
}

/// `llmcost snippet`.
#[derive(Debug, Args)]
pub struct SnippetArgs {
    /// How to print.
    #[command(flatten)]
    pub display: OutputArgs,

    /// Which model.
    #[command(flatten)]
    pub model: ModelArgs,

    /// Language of the program.
    #[arg(long, value_enum, default_value_t = Lang::Curl)]
    pub lang: Lang,

    /// The user message.
    #[arg(long, value_name = "TEXT", default_value = DEFAULT_PROMPT)]
    pub prompt: String,

    /// A system message.
    #[arg(long, value_name = "TEXT")]
    pub system: Option<String>,

    /// Maximum output tokens (Anthropic requires one; 1024 when not given).
    #[arg(long, value_name = "N", value_parser = quantity)]
    pub max_tokens: Option<u64>,

    /// Stream the reply as it is generated.
    #[arg(long)]
    pub stream: bool,

    /// Call this base URL instead of the provider's: a gateway, proxy or local server.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
}

/// Filters shared by `list` and `compare`; every condition must hold.
#[derive(Debug, Args)]
pub struct FilterArgs {
    /// Only models of this provider (repeatable: any of them).
    #[arg(long, value_name = "PROVIDER")]
    pub provider: Vec<String>,

    /// Only models known to have this capability (repeatable: all of them).
    #[arg(long, value_enum, value_name = "CAPABILITY")]
    pub capability: Vec<Capability>,

    /// Only models with at least this context window, e.g. 128k.
    #[arg(long, value_name = "TOKENS", value_parser = quantity)]
    pub min_context: Option<u64>,

    /// Only models whose input price per 1M tokens is at most USD.
    #[arg(long, value_name = "USD", value_parser = price)]
    pub max_input_price: Option<Decimal>,

    /// Only models whose output price per 1M tokens is at most USD.
    #[arg(long, value_name = "USD", value_parser = price)]
    pub max_output_price: Option<Decimal>,

    /// Only models whose weights are published (self-hostable).
    #[arg(long)]
    pub open_weights: bool,

    /// Only models in this price tier.
    #[arg(long, value_enum)]
    pub tier: Option<Tier>,

    /// Also list retired, preview/experimental and free models, which are
    /// left out by default.
    #[arg(long)]
    pub all: bool,

    /// One row per id: do not fold dated snapshots and copies that have the
    /// prices of the model they copy.
    #[arg(long)]
    pub snapshots: bool,
}

/// How `list` orders its rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListSort {
    /// By provider, then id (the default).
    Provider,
    /// By id.
    Name,
    /// By the 50/50 blended price, cheapest first; unknown prices last.
    Price,
    /// By context window, largest first; unknown last.
    Context,
}

/// `llmcost list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// How to print.
    #[command(flatten)]
    pub display: OutputArgs,

    /// Which models.
    #[command(flatten)]
    pub filter: FilterArgs,

    /// Row order.
    #[arg(long, value_enum, default_value_t = ListSort::Provider)]
    pub sort: ListSort,

    /// At most N rows.
    #[arg(long, value_name = "N", value_parser = quantity)]
    pub limit: Option<u64>,
}

/// How `compare` orders its rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompareSort {
    /// By the workload's total, cheapest first (the default).
    Total,
    /// By input price per 1M tokens.
    Input,
    /// By output price per 1M tokens.
    Output,
    /// By context window, largest first.
    Context,
    /// By provider, then id.
    Name,
}

/// `llmcost compare`.
#[derive(Debug, Args)]
pub struct CompareArgs {
    /// How to print.
    #[command(flatten)]
    pub display: OutputArgs,

    /// Models to compare; none ranks every model that passes the filters.
    #[arg(value_name = "MODEL", value_parser = model_name, add = ArgValueCandidates::new(model_candidates))]
    pub models: Vec<String>,

    /// The workload, priced for each model.
    #[command(flatten)]
    pub usage: UsageArgs,

    /// Which models (applies to named models too).
    #[command(flatten)]
    pub filter: FilterArgs,

    /// Only models whose total for this workload is at most USD.
    #[arg(long, value_name = "USD", value_parser = price)]
    pub max_price: Option<Decimal>,

    /// Read --requests as requests per day or per month (30 days) and add
    /// each model's daily and monthly totals.
    #[arg(long, value_enum, value_name = "PERIOD")]
    pub per: Option<Period>,

    /// Row order.
    #[arg(long, value_enum, default_value_t = CompareSort::Total)]
    pub sort: CompareSort,

    /// At most N rows.
    #[arg(long, value_name = "N", value_parser = quantity)]
    pub top: Option<u64>,

    /// Exit with code 3 when even the cheapest model listed costs more than
    /// this many USD (for CI).
    #[arg(long, value_name = "USD", value_parser = price)]
    pub fail_over: Option<Decimal>,

    /// Add a bar chart of the totals.
    #[arg(long)]
    pub chart: bool,
}

/// `llmcost related`.
#[derive(Debug, Args)]
pub struct RelatedArgs {
    /// How to print.
    #[command(flatten)]
    pub display: OutputArgs,

    /// Which model.
    #[command(flatten)]
    pub model: ModelArgs,

    /// At most N related models.
    #[arg(long, value_name = "N", value_parser = quantity, default_value = "10")]
    pub limit: u64,

    /// Also suggest retired, preview/experimental and free models.
    #[arg(long)]
    pub all: bool,
}

/// `llmcost search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// How to print.
    #[command(flatten)]
    pub display: OutputArgs,

    /// Words to look for in ids, slugs, names and aliases; typos are tolerated.
    #[arg(required = true, num_args = 1.., value_parser = model_name)]
    pub text: Vec<String>,

    /// At most N results.
    #[arg(long, value_name = "N", value_parser = quantity, default_value = "10")]
    pub limit: u64,
}

/// `llmcost catalog …`.
#[derive(Debug, Subcommand)]
pub enum CatalogCommand {
    /// Say which catalog is in use: source, path, as-of date, counts.
    Info(OutputArgs),
    /// Refresh the user cache from LiteLLM's cost map or another source.
    #[command(
        after_help = "The default source is LiteLLM's public cost map; $LLMCOST_UPDATE_URL \
or --from overrides it. The cache is replaced atomically and the previous one kept as \
catalog.json.bak; a failed update leaves the cache untouched."
    )]
    Update(Deferred<UpdateArgs>),
    /// Remove the user cache and go back to the catalog built into llmcost.
    Reset,
    /// Write the catalog as flat rows (one per model, one column per price).
    Export(Deferred<ExportArgs>),
    /// Compare the catalog's prices with another source and list disagreements.
    Check(Deferred<CheckArgs>),
    /// Rebuild a catalog from LiteLLM's cost map, models.dev and the overlay (maintainers).
    Build(Deferred<BuildArgs>),
}

/// `llmcost catalog update`.
#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// A URL or file to read instead of LiteLLM's cost map.
    #[arg(long, value_name = "URL|FILE", env = "LLMCOST_UPDATE_URL")]
    pub from: Option<String>,

    /// Also read these sources, only as witnesses: their prices are recorded
    /// beside the others and judge each model's confidence, but never
    /// replace a price. Default (without --from): genai-prices' live data.
    #[arg(long, value_name = "URL|FILE", value_delimiter = ',')]
    pub witness_from: Vec<String>,

    /// The source's format.
    #[arg(long, value_enum, default_value_t = SourceFormat::Auto)]
    pub format: SourceFormat,

    /// Show what would change (models added, removed, prices old → new) and write nothing.
    #[arg(long)]
    pub dry_run: bool,

    /// Accept what the safety checks refuse: prices dated before the current
    /// ones, and a source that would remove most of a provider's models.
    #[arg(long)]
    pub force: bool,

    /// When the source's data was taken (YYYY-MM-DD), for sources that carry
    /// no date of their own (LiteLLM, OpenRouter, genai-prices); default today.
    #[arg(long, value_name = "DATE", value_parser = calendar_date)]
    pub source_date: Option<String>,

    /// Print the result as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Formats of `catalog export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// One JSON array of row objects.
    Json,
    /// One JSON object per line.
    Jsonl,
    /// CSV with a header row.
    Csv,
}

/// `llmcost catalog export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Row format.
    #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
    pub format: ExportFormat,
}

/// `llmcost catalog check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The other source: a file or URL in any format `catalog update` reads.
    /// Without it, list the catalog's disputed prices and their witnesses.
    #[arg(long, value_name = "URL|FILE")]
    pub against: Option<String>,

    /// The other source's format.
    #[arg(long = "source-format", value_enum, default_value_t = SourceFormat::Auto)]
    pub source_format: SourceFormat,

    /// How to print.
    #[command(flatten)]
    pub display: OutputArgs,
}

/// Shells `completions` supports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    /// GNU Bash.
    Bash,
    /// Z shell.
    Zsh,
    /// fish.
    Fish,
    /// PowerShell.
    Powershell,
    /// Elvish.
    Elvish,
}

impl Shell {
    /// The name clap_complete knows the shell by.
    pub fn name(self) -> &'static str {
        match self {
            Shell::Bash => "bash",
            Shell::Zsh => "zsh",
            Shell::Fish => "fish",
            Shell::Powershell => "powershell",
            Shell::Elvish => "elvish",
        }
    }
}

/// `llmcost completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Completion candidates for a model argument: every id, and every
/// `provider/id`, in the catalog the command line would use (`--catalog`
/// on the line being completed, else `LLMCOST_CATALOG`, the cache, the
/// bundled catalog).
fn model_candidates() -> Vec<CompletionCandidate> {
    let flag = catalog_flag_in(std::env::args().skip_while(|a| a != "--"));
    let Ok(loaded) = crate::catalog::load::load(flag.as_deref()) else {
        return Vec::new();
    };
    let models = &loaded.catalog.models;
    let mut names: Vec<String> = models.iter().map(|m| m.id.clone()).collect();
    names.extend(models.iter().map(|m| format!("{}/{}", m.provider, m.id)));
    names.sort_unstable();
    names.dedup();
    names.into_iter().map(CompletionCandidate::new).collect()
}

/// The value of `--catalog FILE` or `--catalog=FILE` among `args`.
fn catalog_flag_in(args: impl Iterator<Item = String>) -> Option<PathBuf> {
    let mut args = args.peekable();
    while let Some(arg) = args.next() {
        if arg == "--catalog" {
            return args.next().map(PathBuf::from);
        }
        if let Some(value) = arg.strip_prefix("--catalog=") {
            return Some(PathBuf::from(value));
        }
    }
    None
}

/// `llmcost sql`.
#[derive(Debug, Args)]
pub struct SqlArgs {
    /// The SQL engine.
    #[arg(long, value_enum)]
    pub dialect: crate::catalog::export::Dialect,

    /// Export the input and output prices in force on this date (from the
    /// price history); other rates are current.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = calendar_date)]
    pub as_of: Option<String>,

    /// List every rate the SQL cannot hold exactly and every model left
    /// out, instead of one line that counts them.
    #[arg(long, short)]
    pub verbose: bool,
}

/// `llmcost history`.
#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// Which model.
    #[command(flatten)]
    pub model: ModelArgs,

    /// How to print.
    #[command(flatten)]
    pub display: OutputArgs,
}

/// `llmcost catalog build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// LiteLLM's model_prices_and_context_window.json.
    #[arg(long, value_name = "FILE")]
    pub litellm: PathBuf,

    /// The models.dev database as one JSON file.
    #[arg(long, value_name = "FILE")]
    pub models_dev: Option<PathBuf>,

    /// genai-prices' v2 data, a witness for every price it states.
    #[arg(long, value_name = "FILE")]
    pub genai_prices: Option<PathBuf>,

    /// An OpenRouter models response, a witness for the makers' own prices.
    #[arg(long, value_name = "FILE")]
    pub openrouter: Option<PathBuf>,

    /// The hand-curated overlay.
    #[arg(long, value_name = "FILE", default_value = "data/overlay.json")]
    pub overlay: PathBuf,

    /// Where to write the catalog.
    #[arg(long, short, value_name = "FILE", default_value = "catalog.json")]
    pub output: PathBuf,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }
}
