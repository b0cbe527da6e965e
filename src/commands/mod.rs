//! One module per subcommand. Each builds a report; [`run`] hands it to the
//! render layer. Nothing here prints directly except through `Output`.

pub mod blocks;
pub mod budget;
pub mod catalog;
pub mod compare;
pub mod completions;
pub mod cost;
pub mod history;
pub mod list;
pub mod page;
pub mod related;
pub mod search;
pub mod show;
pub mod snippet;
pub mod sql;
pub mod statusline;
pub mod tally;

use rust_decimal::Decimal;

use crate::OverBudget;
use crate::catalog::overrides::{self, prices_file};
use crate::render::text::usd;
use std::io::Write;
use std::path::Path;
use std::sync::OnceLock;

use anyhow::Result;

use crate::catalog::load::{LoadedCatalog, load, load_for, load_for_all};
use crate::cli::{CatalogCommand, Cli, Command, ModelArgs, TallyArgs};
use crate::diagnostics::Diagnostics;
use crate::render::{Format, Report, render};

/// Where a command writes: the report to stdout, notes and warnings to stderr.
pub struct Output<'a> {
    /// Standard output.
    pub out: &'a mut dyn Write,
    /// Standard error.
    pub err: &'a mut dyn Write,
    /// `--quiet`: no notes or warnings.
    pub quiet: bool,
}

impl Output<'_> {
    /// Prints warnings, then notes, one sanitized line each on stderr
    /// (none under `--quiet`).
    pub fn diagnostics(&mut self, diagnostics: &Diagnostics) -> Result<()> {
        if self.quiet {
            return Ok(());
        }
        for line in diagnostics.lines() {
            writeln!(self.err, "llmcost: {line}")?;
        }
        Ok(())
    }
}

/// The environment variable that sets how many days old a catalog may be
/// before llmcost suggests `catalog update`.
pub const STALE_DAYS_ENV: &str = "LLMCOST_STALE_DAYS";

/// The default for [`STALE_DAYS_ENV`].
pub const DEFAULT_STALE_DAYS: i64 = 30;

/// The catalog loaded once for every command run in this process, when
/// [`preload_catalog`] was called (the MCP server, the Python module).
static PRELOADED: OnceLock<LoadedCatalog> = OnceLock::new();

/// Set when the process exits right after its one command (the binary, not
/// the MCP server or Python): its catalog need not be freed.
static ONE_SHOT: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Says the process exits after the command it is about to run.
pub fn exit_after_this_command() {
    ONE_SHOT.store(true, std::sync::atomic::Ordering::Relaxed);
}

/// A loaded catalog: this command's own, or the process's preloaded one.
enum Loaded {
    Own(LoadedCatalog),
    Shared(&'static LoadedCatalog),
}

impl Drop for Loaded {
    fn drop(&mut self) {
        // Freeing thousands of models, each a tree of strings and maps,
        // costs about as much as a tenth of loading them; the process is
        // about to end, and the system takes the memory back at once.
        if let Loaded::Own(loaded) = self
            && ONE_SHOT.load(std::sync::atomic::Ordering::Relaxed)
        {
            std::mem::forget(std::mem::take(&mut loaded.catalog.models));
        }
    }
}

impl std::ops::Deref for Loaded {
    type Target = LoadedCatalog;

    fn deref(&self) -> &LoadedCatalog {
        match self {
            Loaded::Own(loaded) => loaded,
            Loaded::Shared(loaded) => loaded,
        }
    }
}

/// Loads the catalog (`catalog` as `--catalog`, `prices` as `--prices`)
/// once, so that later commands in this process that name neither flag
/// use it instead of loading their own: a long-running server answers in
/// microseconds, not a load per call. Its notes go to `err`.
pub fn preload_catalog(
    catalog: Option<&Path>,
    prices: Option<&Path>,
    err: &mut dyn Write,
) -> Result<&'static LoadedCatalog> {
    if let Some(loaded) = PRELOADED.get() {
        return Ok(loaded);
    }
    let mut sink = Vec::new();
    let mut output = Output {
        out: &mut sink,
        err,
        quiet: false,
    };
    let loaded = after_load(load(catalog)?, prices, &mut output)?;
    Ok(PRELOADED.get_or_init(|| loaded))
}

fn preloaded(cli: &Cli) -> Option<Loaded> {
    if cli.catalog.is_some() || cli.prices.is_some() {
        return None;
    }
    PRELOADED.get().map(Loaded::Shared)
}

fn load_catalog(cli: &Cli, output: &mut Output<'_>) -> Result<Loaded> {
    if let Some(shared) = preloaded(cli) {
        return Ok(shared);
    }
    let loaded = load(cli.catalog.as_deref())?;
    Ok(Loaded::Own(after_load(
        loaded,
        cli.prices.as_deref(),
        output,
    )?))
}

/// Loads only what a one-model command needs (see [`load_for`]).
fn load_catalog_for(cli: &Cli, model: &ModelArgs, output: &mut Output<'_>) -> Result<Loaded> {
    load_partly(cli, output, &|flag| {
        load_for(flag, &model.model, model.provider.as_deref())
    })
}

/// Loads only the models that mention one of `models`, for a command that
/// names them all (see [`load_for_all`]); the whole catalog for none.
fn load_catalog_for_all(cli: &Cli, models: &[String], output: &mut Output<'_>) -> Result<Loaded> {
    if models.is_empty() {
        return load_catalog(cli, output);
    }
    load_partly(cli, output, &|flag| load_for_all(flag, models))
}

/// Loads with `load` (a part of the catalog), unless the process preloaded
/// the catalog or a prices file may name any model.
fn load_partly(
    cli: &Cli,
    output: &mut Output<'_>,
    load: &dyn Fn(Option<&Path>) -> Result<LoadedCatalog>,
) -> Result<Loaded> {
    if let Some(shared) = preloaded(cli) {
        return Ok(shared);
    }
    // A prices file may name any model: it needs the whole catalog.
    if prices_file(cli.prices.as_deref()).is_some() {
        return load_catalog(cli, output);
    }
    let loaded = load(cli.catalog.as_deref())?;
    Ok(Loaded::Own(after_load(
        loaded,
        cli.prices.as_deref(),
        output,
    )?))
}

/// Reports load warnings and a stale catalog.
fn after_load(
    mut loaded: LoadedCatalog,
    prices: Option<&Path>,
    output: &mut Output<'_>,
) -> Result<LoadedCatalog> {
    let mut diagnostics = Diagnostics::default();
    if let Some(path) = prices_file(prices) {
        let changed = overrides::apply(&mut loaded.catalog, &path)?;
        diagnostics.note(format!(
            "your own rates from '{}' apply to {changed} models",
            path.display()
        ));
    }
    for warning in &loaded.warnings {
        diagnostics.warn(warning.clone());
    }
    let threshold = std::env::var(STALE_DAYS_ENV)
        .ok()
        .and_then(|v| v.trim().parse::<i64>().ok())
        .unwrap_or(DEFAULT_STALE_DAYS);
    if let Some(day) = crate::dates::parse_day(&loaded.catalog.as_of) {
        let age = crate::dates::today() - day;
        if age > threshold {
            diagnostics.note(format!(
                "the catalog's prices are {age} days old (as of {}); run `llmcost catalog update` to refresh them",
                loaded.catalog.as_of
            ));
        }
    }
    output.diagnostics(&diagnostics)?;
    Ok(loaded)
}

/// Runs the command `cli` names. The catalog is loaded only by commands
/// that read it.
pub fn run(cli: &Cli, output: &mut Output<'_>) -> Result<()> {
    match &cli.command {
        Command::Show(args) => {
            let loaded = load_catalog_for(cli, &args.model, output)?;
            let (report, diagnostics) = show::report(&loaded.catalog, &args.model)?;
            emit(&report, &diagnostics, args.display.format(), output)
        }
        Command::Cost(args) => {
            let loaded = load_catalog_for(cli, &args.model, output)?;
            let (report, diagnostics) = cost::report(&loaded.catalog, args)?;
            emit(&report, &diagnostics, args.display.format(), output)?;
            fail_over(report.bill.total, args.fail_over)
        }
        Command::Snippet(args) => {
            let loaded = load_catalog_for(cli, &args.model, output)?;
            let (report, diagnostics) = snippet::report(&loaded.catalog, args)?;
            emit(&report, &diagnostics, args.display.format(), output)
        }
        // The server sits above the commands it serves (`crate::dispatch`).
        Command::Mcp => anyhow::bail!("the MCP server is started by llmcost's entry point"),
        Command::Page(args) => {
            let loaded = load_catalog(cli, output)?;
            let (text, diagnostics) = page::page(&loaded.catalog, args)?;
            output.out.write_all(text.as_bytes())?;
            output.diagnostics(&diagnostics)
        }
        Command::Site(args) => {
            let loaded = load_catalog(cli, output)?;
            let (report, diagnostics) = page::site(&loaded.catalog, args)?;
            emit(&report, &diagnostics, args.display.format(), output)
        }
        Command::Budget(args) => {
            let loaded = load_catalog_for(cli, &args.model, output)?;
            let (report, diagnostics) = budget::report(&loaded.catalog, args)?;
            emit(&report, &diagnostics, args.display.format(), output)
        }
        Command::List(args) => {
            let loaded = load_catalog(cli, output)?;
            let report = list::report(&loaded.catalog, args)?;
            emit(
                &report,
                &Diagnostics::default(),
                args.display.format(),
                output,
            )
        }
        Command::Compare(args) => {
            let loaded = load_catalog_for_all(cli, &args.models, output)?;
            let (report, diagnostics) = compare::report(&loaded.catalog, args)?;
            emit(&report, &diagnostics, args.display.format(), output)?;
            // Over budget when no listed model fits in it.
            match report.rows.iter().filter_map(|r| r.total).min() {
                Some(cheapest) => fail_over(cheapest, args.fail_over),
                None => Ok(()),
            }
        }
        Command::Related(args) => {
            let loaded = load_catalog(cli, output)?;
            let (report, diagnostics) = related::report(&loaded.catalog, args)?;
            emit(&report, &diagnostics, args.display.format(), output)
        }
        Command::Search(args) => {
            let loaded = load_catalog(cli, output)?;
            let report = search::report(&loaded.catalog, args);
            emit(
                &report,
                &Diagnostics::default(),
                args.display.format(),
                output,
            )
        }
        Command::Tally(args) => run_tally(cli, args, output),
        Command::Sql(args) => run_sql(cli, args, output),
        Command::History(args) => {
            let loaded = load_catalog_for(cli, &args.model, output)?;
            let (report, diagnostics) = history::report(&loaded.catalog, &args.model)?;
            emit(&report, &diagnostics, args.display.format(), output)
        }
        Command::Completions(args) => completions::write(args.shell, output.out),
        Command::Statusline => statusline::run(&load_catalog(cli, output)?.catalog, output.out),
        Command::Man => {
            clap_mangen::Man::new(crate::cli_command()).render(output.out)?;
            Ok(())
        }
        Command::Catalog(command) => run_catalog(cli, command, output),
    }
}

fn run_catalog(cli: &Cli, command: &CatalogCommand, output: &mut Output<'_>) -> Result<()> {
    match command {
        CatalogCommand::Info(args) => {
            let loaded = load_catalog(cli, output)?;
            emit(
                &catalog::info(&loaded),
                &Diagnostics::default(),
                args.format(),
                output,
            )
        }
        CatalogCommand::Update(args) => {
            let report = catalog::update(args)?;
            let format = if args.json {
                Format::Json
            } else {
                Format::Table
            };
            emit(&report, &Diagnostics::default(), format, output)
        }
        CatalogCommand::Reset => {
            let message = catalog::reset()?;
            writeln!(output.out, "{message}")?;
            Ok(())
        }
        CatalogCommand::Export(args) => {
            let loaded = load_catalog(cli, output)?;
            catalog::export(&loaded.catalog, args.format, output.out)?;
            output.out.flush()?;
            Ok(())
        }
        CatalogCommand::Check(args) if args.against.is_none() => {
            let loaded = load_catalog(cli, output)?;
            let report = catalog::disputes(&loaded.catalog);
            emit(
                &report,
                &Diagnostics::default(),
                args.display.format(),
                output,
            )
        }
        CatalogCommand::Check(args) => {
            let loaded = load_catalog(cli, output)?;
            let report = catalog::check(&loaded.catalog, args)?;
            emit(
                &report,
                &Diagnostics::default(),
                args.display.format(),
                output,
            )
        }
        CatalogCommand::Build(args) => {
            let log = catalog::build(args)?;
            output.err.write_all(log.as_bytes())?;
            Ok(())
        }
    }
}

fn emit(
    report: &impl Report,
    diagnostics: &Diagnostics,
    format: Format,
    output: &mut Output<'_>,
) -> Result<()> {
    output.diagnostics(diagnostics)?;
    render(report, format, output.out)?;
    output.out.flush()?;
    Ok(())
}

/// An [`OverBudget`] error when `total` passes `budget`.
fn fail_over(total: Decimal, budget: Option<Decimal>) -> Result<()> {
    match budget {
        Some(budget) if total > budget => Err(OverBudget(format!(
            "the total {} is over the --fail-over budget of {}",
            usd(total),
            usd(budget)
        ))
        .into()),
        _ => Ok(()),
    }
}

/// `llmcost tally`: the report, the reconciliation, or the lines back.
fn run_sql(cli: &Cli, args: &crate::cli::SqlArgs, output: &mut Output<'_>) -> Result<()> {
    let loaded = load_catalog(cli, output)?;
    let as_of = loaded.catalog.as_of.clone();
    let (text, mut diagnostics) =
        sql::render(&loaded.catalog, args.dialect, &as_of, args.as_of.as_deref())?;
    if !args.verbose && diagnostics.warnings.len() > 1 {
        let count = diagnostics.warnings.len();
        diagnostics.warnings = vec![format!(
            "{count} rates or models the SQL cannot hold exactly: their rows cost NULL, never a rounded amount (--verbose lists them)"
        )];
    }
    output.diagnostics(&diagnostics)?;
    output.out.write_all(text.as_bytes())?;
    Ok(())
}

fn run_tally(cli: &Cli, args: &TallyArgs, output: &mut Output<'_>) -> Result<()> {
    let loaded = load_catalog(cli, output)?;
    if !args.as_models.is_empty() {
        let report = tally::WhatIfReport::build(&loaded.catalog, args)?;
        return emit(
            &report,
            &Diagnostics::default(),
            args.display.format(),
            output,
        );
    }
    if args.lines.reconcile {
        let report = tally::ReconcileReport::build(&loaded.catalog, args)?;
        return emit(
            &report,
            &Diagnostics::default(),
            args.display.format(),
            output,
        );
    }
    if args.lines.annotate || args.lines.normalize {
        let summary = tally::write_lines(&loaded.catalog, args, output.out)?;
        let mut diagnostics = Diagnostics::default();
        diagnostics.note(format!(
            "{} of {} lines priced, {} duplicates, {} not priced; total {}",
            summary.priced,
            summary.lines,
            summary.duplicates,
            summary.unpriced,
            usd(summary.total)
        ));
        output.diagnostics(&diagnostics)?;
        unpriced_fails(summary.unpriced, summary.total, args)?;
        return fail_over(summary.total, args.fail_over);
    }
    if args.blocks.on {
        let (report, diagnostics) = blocks::report(&loaded.catalog, args)?;
        emit(&report, &diagnostics, args.display.format(), output)?;
        unpriced_fails(report.unpriced_lines, report.total, args)?;
        return fail_over(report.total, args.fail_over);
    }
    let report = tally::report(&loaded.catalog, args)?;
    let diagnostics = Diagnostics {
        warnings: report.warnings.clone(),
        ..Diagnostics::default()
    };
    emit(&report, &diagnostics, args.display.format(), output)?;
    unpriced_fails(report.unpriced_lines, report.total, args)?;
    fail_over(report.total, args.fail_over)
}

/// With `--fail-over`, lines that could not be priced fail the check: the
/// total is then a lower bound, and no budget can be proven kept from it
/// (`--allow-unpriced` ignores them, as before).
fn unpriced_fails(unpriced: u64, total: Decimal, args: &TallyArgs) -> Result<()> {
    if unpriced == 0 || args.fail_over.is_none() || args.allow_unpriced {
        return Ok(());
    }
    Err(OverBudget(format!(
        "{unpriced} lines could not be priced, so the total {} is a lower bound and the --fail-over budget cannot be proven kept (the report names them; --allow-unpriced ignores them)",
        usd(total)
    ))
    .into())
}
