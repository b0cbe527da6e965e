//! The command line, as clap derive definitions and nothing else.

use std::path::PathBuf;

use clap::{ArgGroup, Args, Parser, Subcommand};
use rust_decimal::Decimal;

use crate::quantity::{QuantityError, parse_mix, parse_quantity};
use crate::render::Format;
use crate::snippet::Lang;

/// LLM API cost calculator and model catalog browser: exact, instant, offline.
#[derive(Debug, Parser)]
#[command(name = "llmcost", version, about, propagate_version = true)]
#[command(after_help = "Exit codes: 0 ok, 1 error, 2 usage error.\n\
Catalog: --catalog FILE, else $LLMCOST_CATALOG, else the cache written by \
`llmcost catalog update`, else the catalog built into llmcost.")]
pub struct Cli {
    /// Read the catalog from FILE instead of the cache or the built-in one.
    #[arg(long, global = true, value_name = "FILE")]
    pub catalog: Option<PathBuf>,

    /// Output format.
    #[arg(long, global = true, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// Shortcut for --format json.
    #[arg(long, global = true)]
    pub json: bool,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    /// The output format after `--json`.
    pub fn output_format(&self) -> Format {
        if self.json { Format::Json } else { self.format }
    }
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show a model's card: provider, context, capabilities, prices, example costs.
    Show(ModelArgs),
    /// Price a workload on one model, itemized.
    #[command(
        after_help = "Token flags describe ONE request; --requests multiplies it, \
as in LiteLLM's completion_cost and genai-prices. Counts take suffixes: 250k, 1.5M, 2B.\n\n\
Examples:\n  llmcost cost mistral-small-3-1-24b-instruct --in 1M --out 1M\n  \
llmcost cost gpt-4o --in 2k --out 500 --requests 10k\n  \
llmcost cost mistral-small-3-1-24b-instruct --total 1M --mix 50/50"
    )]
    Cost(CostArgs),
    /// Print a quickstart program that calls the model: curl, Python or JavaScript.
    #[command(
        after_help = "The program is printed as plain text, so it can be redirected:\n  \
llmcost snippet mistral-small-3-1-24b-instruct --lang python > hello.py\n\n\
It reads the API key from the provider's environment variable (e.g. $MISTRAL_API_KEY)."
    )]
    Snippet(SnippetArgs),
    /// List the catalog's models, one row each.
    List(ListArgs),
    /// Inspect or rebuild the catalog.
    #[command(subcommand)]
    Catalog(CatalogCommand),
}

/// Which model.
#[derive(Debug, Args)]
pub struct ModelArgs {
    /// Model: API id, vendor slug or alias (case-insensitive); `provider/id` picks a provider.
    pub model: String,

    /// Pick the offer of this provider when several serve the model.
    #[arg(long, value_name = "PROVIDER")]
    pub provider: Option<String>,
}

/// `llmcost cost`.
#[derive(Debug, Args)]
pub struct CostArgs {
    /// Which model.
    #[command(flatten)]
    pub model: ModelArgs,

    /// The workload.
    #[command(flatten)]
    pub usage: UsageArgs,
}

/// A workload: one request's tokens and how many requests.
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("workload").required(true).multiple(true).args(["input", "output", "total"])))]
pub struct UsageArgs {
    /// Input tokens per request (cached ones included).
    #[arg(long = "in", value_name = "TOKENS", value_parser = quantity)]
    pub input: Option<u64>,

    /// Output tokens per request.
    #[arg(long = "out", value_name = "TOKENS", value_parser = quantity)]
    pub output: Option<u64>,

    /// Of the input tokens, how many are read from the prompt cache.
    #[arg(long = "cached-in", value_name = "TOKENS", value_parser = quantity)]
    pub cached_input: Option<u64>,

    /// Number of identical requests; the token flags describe one.
    #[arg(long, value_name = "N", value_parser = quantity, default_value = "1")]
    pub requests: u64,

    /// Total tokens per request, split by --mix into input and output.
    #[arg(long, value_name = "TOKENS", value_parser = quantity, requires = "mix", conflicts_with_all = ["input", "output"])]
    pub total: Option<u64>,

    /// How --total splits into input and output: IN/OUT or IN:OUT, e.g. 50/50 or 3:1.
    #[arg(long, value_name = "IN/OUT", value_parser = mix, requires = "total")]
    pub mix: Option<(Decimal, Decimal)>,
}

/// `llmcost snippet`.
#[derive(Debug, Args)]
pub struct SnippetArgs {
    /// Which model.
    #[command(flatten)]
    pub model: ModelArgs,

    /// Language of the program.
    #[arg(long, value_enum, default_value_t = Lang::Curl)]
    pub lang: Lang,

    /// The user message.
    #[arg(long, value_name = "TEXT", default_value = "Hello!")]
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

/// `llmcost list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only models of this provider (repeatable).
    #[arg(long, value_name = "PROVIDER")]
    pub provider: Vec<String>,
}

/// `llmcost catalog …`.
#[derive(Debug, Subcommand)]
pub enum CatalogCommand {
    /// Say which catalog is in use: source, path, as-of date, counts.
    Info,
    /// Rebuild a catalog from LiteLLM's cost map, models.dev and the overlay (maintainers).
    Build(BuildArgs),
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

    /// The hand-curated overlay.
    #[arg(long, value_name = "FILE", default_value = "data/overlay.json")]
    pub overlay: PathBuf,

    /// Where to write the catalog.
    #[arg(long, short, value_name = "FILE", default_value = "catalog.json")]
    pub output: PathBuf,
}

fn quantity(text: &str) -> Result<u64, QuantityError> {
    parse_quantity(text)
}

fn mix(text: &str) -> Result<(Decimal, Decimal), QuantityError> {
    parse_mix(text)
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
