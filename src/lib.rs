//! llmcost: an LLM API cost calculator and model catalog browser.
//!
//! The binary's `main` only calls [`main_entry`]. The public library is
//! three modules and one function, so other Rust tools price exactly as
//! the binary does: [`catalog`] (types, loading, lookup with typed errors
//! such as [`catalog::lookup::UnknownModel`], importers), [`pricing`]
//! (exact `Decimal` bills), [`quantity`] (`1.5M` → 1,500,000) and
//! [`price_response`] (one raw API response, read as `tally` reads a log
//! line). The CLI, the commands, the request layer and the render layer
//! are crate-private.
//!
//! Pricing a workload:
//!
//! ```
//! use llmcost::catalog::{load::load, lookup::resolve};
//! use llmcost::pricing::{PriceOptions, Usage, price};
//!
//! # fn main() -> anyhow::Result<()> {
//! let loaded = load(None)?;
//! let model = resolve(&loaded.catalog, "mistral-small-3-1-24b-instruct", None)?.found.model;
//! let usage = Usage::single(1_000_000, 1_000_000);
//! let bill = price(&model.prices, &usage, &PriceOptions::default(), None)?;
//! assert_eq!(bill.total.to_string(), "0.91");
//! # Ok(())
//! # }
//! ```
//!
//! Pricing a raw response:
//!
//! ```
//! # fn main() -> anyhow::Result<()> {
//! let loaded = llmcost::catalog::load::load(None)?;
//! let body = r#"{"model": "gpt-4o-mini", "usage": {"prompt_tokens": 1000, "completion_tokens": 500}}"#;
//! let priced = llmcost::price_response(&loaded.catalog, body, Some("openai"))?;
//! // 1,000 × $0.15 + 500 × $0.60 per 1M tokens
//! assert_eq!(priced.usd.to_string(), "0.00045");
//! # Ok(())
//! # }
//! ```

pub mod catalog;
pub(crate) mod cli;
pub(crate) mod commands;
pub(crate) mod dates;
pub(crate) mod diagnostics;
pub(crate) mod fetch;
pub(crate) mod mcp;
pub(crate) mod page;
pub mod pricing;
pub(crate) mod progress;
pub(crate) mod projection;
#[cfg(feature = "python")]
mod python;
pub mod quantity;
pub(crate) mod related;
pub(crate) mod render;
pub(crate) mod snippet;
pub(crate) mod tokens;
pub(crate) mod tools;
pub mod usage;
pub(crate) mod usage_log;
pub(crate) mod workload;

use std::io::{self, Write};
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

/// One raw API response, priced: what [`price_response`] returns.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PricedResponse {
    /// The catalog model it was priced as.
    pub model: String,
    /// Its provider.
    pub provider: String,
    /// The record shape that read it (`openai-chat`, `anthropic`, ...).
    pub shape: &'static str,
    /// The tokens read from it, as one request.
    pub usage: pricing::Usage,
    /// What it cost, exactly.
    pub usd: rust_decimal::Decimal,
}

/// Prices one API response body (a JSON object: an OpenAI, Anthropic,
/// Gemini, Bedrock, ... response or stream event) with the shapes and
/// rules `llmcost tally` reads log lines with. `provider` names the API
/// when the body names only a bare model id. A body without token usage,
/// or for a model the catalog lacks, is an error that says so.
pub fn price_response(
    catalog: &catalog::model::Catalog,
    body: &str,
    provider: Option<&str>,
) -> anyhow::Result<PricedResponse> {
    usage_log::annotate::priced_response(catalog, body, provider)
}

/// The clap command, with the version line naming the bundled catalog's date.
pub fn cli_command() -> clap::Command {
    let version = format!(
        "{} (bundled catalog as of {})",
        env!("CARGO_PKG_VERSION"),
        catalog::load::bundled_as_of()
    );
    cli::Cli::command().version(version)
}

/// Exit code for an error at run time (unknown model, bad catalog, I/O).
pub const EXIT_ERROR: u8 = 1;
/// Exit code for a usage error (bad flag or value).
pub const EXIT_USAGE: u8 = 2;

/// Exit code for a total over the `--fail-over` budget.
pub const EXIT_OVER_BUDGET: u8 = 3;

/// A total over the `--fail-over` budget: exits with [`EXIT_OVER_BUDGET`]
/// after the report is printed.
#[derive(Debug)]
pub struct OverBudget(pub String);

impl std::fmt::Display for OverBudget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for OverBudget {}

/// A mistake in how llmcost was called, found after parsing (clap reports
/// the rest): exits with [`EXIT_USAGE`].
#[derive(Debug)]
pub struct UsageError(pub String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

/// Parses the command line, runs it and reports errors the house way: one
/// line on stderr prefixed `llmcost: error:`, exit 1 (2 for usage errors),
/// and a quiet success when stdout is a closed pipe.
pub fn main_entry() -> ExitCode {
    // `COMPLETE=bash llmcost …` is the shell asking for completions; a
    // single environment lookup when it is not set.
    clap_complete::CompleteEnv::with_factory(cli_command).complete();
    ExitCode::from(main_with(std::env::args_os().collect()))
}

/// Runs `args` (program name first) on the real standard output and error,
/// as the binary does, and returns its exit code.
pub fn main_with(args: Vec<std::ffi::OsString>) -> u8 {
    let stdout = io::stdout();
    let stderr = io::stderr();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut err = stderr.lock();
    run_args(args, &mut out, &mut err, true).0
}

/// Runs the command `cli` names: the MCP server here, above the commands
/// its tools call; every other command in [`commands::run`].
fn dispatch(cli: &cli::Cli, output: &mut commands::Output<'_>) -> anyhow::Result<()> {
    if matches!(cli.command, cli::Command::Mcp) {
        commands::preload_catalog(cli.catalog.as_deref(), cli.prices.as_deref(), output.err)?;
        let stdin = std::io::stdin();
        return mcp::serve(&mut stdin.lock(), output.out);
    }
    commands::run(cli, output)
}

/// [`main_entry`] on any arguments and writers: the exit code, and for an
/// unknown model its suggestions. `one_shot`: the process exits after this
/// run, so what it built need not be freed.
fn run_args(
    args: Vec<std::ffi::OsString>,
    out: &mut dyn Write,
    err: &mut dyn Write,
    one_shot: bool,
) -> (u8, Option<Vec<String>>) {
    let words: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let mut command = cli_command();
    let parsed = command
        .try_get_matches_from_mut(args)
        .and_then(|matches| cli::Cli::from_arg_matches(&matches));
    if one_shot {
        // The process ends right after: freeing clap's tree of every
        // subcommand's arguments would cost more than parsing with it.
        std::mem::forget(command);
        commands::exit_after_this_command();
    }
    let cli = match parsed {
        Ok(cli) => cli,
        Err(error) if !error.use_stderr() => {
            // Help and version go to stdout as clap lays them out.
            let _ = write!(out, "{}", error.render());
            return (0, None);
        }
        Err(error)
            if error.kind() == clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand =>
        {
            // Plain `llmcost` asks what it can do: the short help, on
            // stderr since no command ran.
            let _ = write!(err, "{}", error.render());
            return (EXIT_USAGE, None);
        }
        Err(error) => {
            let _ = writeln!(err, "llmcost: error: {}", usage_error_line(&error, &words));
            return (EXIT_USAGE, None);
        }
    };
    // LLMCOST_QUIET quiets the command line; the MCP server's and Python's
    // results (run in-process, not one-shot) keep their notes.
    let quiet = cli.quiet
        || (one_shot && std::env::var("LLMCOST_QUIET").is_ok_and(|v| v == "1" || v == "true"));
    let mut output = commands::Output { out, err, quiet };
    let result = dispatch(&cli, &mut output).and_then(|()| Ok(output.out.flush()?));
    match result {
        Ok(()) => (0, None),
        Err(error) if is_broken_pipe(&error) => (0, None),
        Err(error) => {
            let failure = Failure::of(&error);
            let _ = writeln!(output.err, "llmcost: error: {}", failure.message);
            (failure.code, failure.suggestions)
        }
    }
}

/// A command's error as every door reports it: one line, an exit code,
/// and for an unknown model the closest ids.
#[derive(Debug)]
pub struct Failure {
    /// The message on one line, sanitized.
    pub message: String,
    /// [`EXIT_OVER_BUDGET`], [`EXIT_USAGE`] or [`EXIT_ERROR`].
    pub code: u8,
    /// For an unknown model, the closest ids, best first.
    pub suggestions: Option<Vec<String>>,
}

impl Failure {
    /// Classifies `error` by the causes in its chain.
    pub fn of(error: &anyhow::Error) -> Failure {
        let has = |is: fn(&(dyn std::error::Error + 'static)) -> bool| error.chain().any(is);
        let code = if has(<dyn std::error::Error>::is::<OverBudget>) {
            EXIT_OVER_BUDGET
        } else if has(<dyn std::error::Error>::is::<UsageError>) {
            EXIT_USAGE
        } else {
            EXIT_ERROR
        };
        Failure {
            message: one_line(&format!("{error:#}")),
            code,
            suggestions: error
                .chain()
                .find_map(|cause| cause.downcast_ref::<catalog::lookup::UnknownModel>())
                .map(|unknown| unknown.suggestions.clone()),
        }
    }
}

/// clap's error as one line: its message without the `error:` prefix, the
/// usage block or the help hint, then where to read more.
fn usage_error_line(err: &clap::Error, words: &[String]) -> String {
    let text = err.render().to_string();
    let message = text.split("\n\n").next().unwrap_or_default();
    let message = message.trim().strip_prefix("error:").unwrap_or(message);
    let command = cli_command();
    let help = words
        .iter()
        .skip(1)
        .find(|a| {
            command
                .get_subcommands()
                .any(|c| c.get_name() == a.as_str())
        })
        .map_or_else(
            || "llmcost --help".to_string(),
            |c| format!("llmcost {c} --help"),
        );
    format!("{} (see '{help}')", shorten_words(&one_line(message)))
}

/// Cuts words longer than 80 characters (a 100 kB argument echoed back in
/// clap's "invalid value '…'") to their first 60.
fn shorten_words(line: &str) -> String {
    line.split(' ')
        .map(|word| match word.char_indices().nth(80) {
            Some(_) => format!("{}…", word.chars().take(60).collect::<String>()),
            None => word.to_string(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// True when a write failed because the reader went away (`| head`): the
/// I/O error may arrive bare or inside a JSON or CSV writer's error.
fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        let kind = if let Some(e) = cause.downcast_ref::<io::Error>() {
            Some(e.kind())
        } else if let Some(e) = cause.downcast_ref::<serde_json::Error>() {
            e.io_error_kind()
        } else if let Some(e) = cause.downcast_ref::<csv::Error>() {
            match e.kind() {
                csv::ErrorKind::Io(io) => Some(io.kind()),
                _ => None,
            }
        } else {
            None
        };
        kind == Some(io::ErrorKind::BrokenPipe)
    })
}

/// Folds a multi-line message onto one line, so every error is one line,
/// with control characters (terminal escapes from a hostile catalog or
/// argument) made visible instead of obeyed.
fn one_line(message: &str) -> String {
    render::text::sanitize(&message.split_whitespace().collect::<Vec<_>>().join(" "))
}
