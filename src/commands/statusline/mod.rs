//! `llmcost statusline`: one line for Claude Code's status-line hook. Claude
//! Code runs the command after each message with the session's facts as
//! JSON on standard input (`transcript_path`, `model`, `context_window`);
//! the line says, at llmcost's prices, what the session has cost, what
//! today has cost across Claude Code's logs, the active 5-hour block (its
//! cost, time left and burn rate) and how full the context window is.
//!
//! It reads only the session logs written in the last day and a half (a
//! block can start the day before), so its time does not grow with the
//! history; of those, a log not written for a minute is read from its
//! cached rows ([`cache`]), so a run reads little more than the session in
//! progress. Amounts are rounded to the cent (three figures below a
//! dollar): a status line is read at a glance, and `tally` has the exact
//! ones.

mod cache;

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use anyhow::{Context, Result};
use rust_decimal::Decimal;
use serde::Deserialize;

use super::blocks::{self, BlocksReport};
use crate::catalog::model::Catalog;
use crate::cli::TallyArgs;
use crate::render::text::approx_usd as usd;
use crate::usage_log::agents::Agent;

/// What the status line uses of the hook's JSON (the rest is ignored).
#[derive(Debug, Default, Deserialize)]
struct HookInput {
    transcript_path: Option<PathBuf>,
    #[serde(default)]
    model: HookModel,
    #[serde(default)]
    context_window: Option<ContextWindow>,
}

#[derive(Debug, Default, Deserialize)]
struct HookModel {
    display_name: Option<String>,
    id: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
struct ContextWindow {
    context_window_size: Option<u64>,
    current_usage: Option<CurrentUsage>,
}

/// The last request's usage, as Claude Code reports it.
#[derive(Debug, Default, Deserialize)]
#[allow(clippy::struct_field_names)] // Claude Code's own names.
struct CurrentUsage {
    #[serde(default)]
    input_tokens: u64,
    #[serde(default)]
    cache_creation_input_tokens: u64,
    #[serde(default)]
    cache_read_input_tokens: u64,
}

/// Reads the hook's JSON on standard input (at most 1 MiB) and prints the
/// line.
pub fn run(catalog: &Catalog, out: &mut dyn std::io::Write) -> Result<()> {
    let mut input = String::new();
    std::io::Read::read_to_string(
        &mut std::io::Read::take(std::io::stdin(), 1 << 20),
        &mut input,
    )?;
    writeln!(out, "{}", line(catalog, &input)?)?;
    Ok(())
}

/// The status line for the hook JSON `input`.
pub fn line(catalog: &Catalog, input: &str) -> Result<String> {
    let hook: HookInput = if input.trim().is_empty() {
        HookInput::default()
    } else {
        serde_json::from_str(input).context("the status-line hook's input is not its JSON")?
    };
    let mut parts = Vec::new();
    if let Some(name) = hook.model.display_name.or(hook.model.id) {
        parts.push(name);
    }
    // Days and blocks on the machine's clock, as the user reads them.
    let zone = jiff::tz::TimeZone::system()
        .iana_name()
        .map_or_else(|| "UTC".to_string(), str::to_string);
    if let Some(path) = hook.transcript_path.filter(|p| p.is_file()) {
        let files = vec![path.display().to_string()];
        let (session, _) = blocks::report(catalog, &TallyArgs::blocks_of(files, zone.clone()))?;
        parts.push(format!("session {}", usd(session.total)));
    }
    let folders: Vec<String> = Agent::named("claude-code")
        .map(Agent::folders)
        .unwrap_or_default()
        .iter()
        .map(|f| f.to_string_lossy().into_owned())
        .collect();
    let mut recent = recent_logs(&folders, Duration::from_secs(36 * 3600));
    if let Some(cache) = cache::RowsCache::open() {
        recent = cache.stand_ins(catalog, recent);
    }
    if !recent.is_empty() {
        let (report, _) = blocks::report(catalog, &TallyArgs::blocks_of(recent, zone.clone()))?;
        parts.push(format!("today {}", usd(today_cost(&report, &zone))));
        if let Some(active) = report.blocks.iter().find(|b| b.active) {
            let left = active.remaining_minutes.unwrap_or(0);
            parts.push(format!(
                "block {} ({}h{:02}m left, {}/h)",
                usd(active.cost),
                left / 60,
                left % 60,
                usd(active.burn_usd_per_hour.unwrap_or_default())
            ));
        }
    }
    if let Some(percent) = hook.context_window.and_then(context_percent) {
        parts.push(format!("context {percent}%"));
    }
    Ok(parts.join(" · "))
}

/// The cost of the blocks' hours that fall today in `zone`.
fn today_cost(report: &BlocksReport, zone: &str) -> Decimal {
    let now = crate::dates::now();
    let offset = crate::dates::Zone::parse(zone).map_or(0, |z| z.offset_at(now));
    let today = crate::dates::civil_from_days((now + offset).div_euclid(86_400));
    report
        .hours
        .iter()
        .filter(|(start, _)| start.starts_with(&today))
        .map(|(_, cost)| *cost)
        .sum::<Decimal>()
        .normalize()
}

/// How full the context window is, in whole percent.
fn context_percent(window: ContextWindow) -> Option<u64> {
    let size = window.context_window_size.filter(|&s| s > 0)?;
    let usage = window.current_usage?;
    let used =
        usage.input_tokens + usage.cache_creation_input_tokens + usage.cache_read_input_tokens;
    Some(used.saturating_mul(100) / size)
}

/// The `.jsonl` files under `folders` written within `within`.
fn recent_logs(folders: &[String], within: Duration) -> Vec<String> {
    let since = SystemTime::now()
        .checked_sub(within)
        .unwrap_or(SystemTime::UNIX_EPOCH);
    let mut found = Vec::new();
    for folder in folders {
        collect_recent(Path::new(folder), since, &mut found, 0);
    }
    found.sort();
    found
}

fn collect_recent(dir: &Path, since: SystemTime, found: &mut Vec<String>, depth: usize) {
    // Claude Code nests a project's logs one or two folders deep.
    if depth > 4 {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(meta) = entry.metadata() else {
            continue;
        };
        if meta.is_dir() {
            collect_recent(&path, since, found, depth + 1);
        } else if path.extension().is_some_and(|e| e == "jsonl")
            && meta.modified().is_ok_and(|m| m >= since)
        {
            found.push(path.display().to_string());
        }
    }
}
