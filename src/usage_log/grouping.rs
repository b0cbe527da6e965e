//! How `tally` groups: the keys (`--by model,day,…`), the time of a record
//! in the report's time zone, and the session and project labels that are
//! interned once for all reading threads.

use std::collections::HashMap;
use std::sync::Mutex;

use serde::Serialize;

use crate::dates::{Zone, civil_from_days};

/// Which cost `tally` counts for a line that states its own (Claude Code's
/// `costUSD`, OpenRouter's `usage.cost`, LiteLLM's `spend`, an agent's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum CostSource {
    /// llmcost's price, always (the default).
    #[default]
    Computed,
    /// The stated cost where a line has one, else llmcost's price.
    Logged,
    /// llmcost's price, with the stated costs beside it and the difference.
    Both,
}

/// One way `tally` groups its totals; `--by` takes several, comma-separated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum GroupBy {
    /// By model (provider/id).
    Model,
    /// By provider.
    Provider,
    /// By hour of the record's time (`--tz`).
    Hour,
    /// By day of the record's time (`--tz`).
    Day,
    /// By ISO week (named by its Monday).
    Week,
    /// By month of the record's time.
    Month,
    /// By session (Claude Code's `sessionId`; a Codex log file).
    Session,
    /// By project (the session's working folder, `cwd`).
    Project,
    /// By the coding agent whose folder holds the log (`claude-code`,
    /// `gemini-cli`, …; `other` for any other log).
    Agent,
    /// By the value at a JSON path of each record (`--by field:PATH`).
    Field,
}

impl GroupBy {
    /// The column heading.
    pub fn name(self) -> &'static str {
        match self {
            GroupBy::Model => "model",
            GroupBy::Provider => "provider",
            GroupBy::Hour => "hour",
            GroupBy::Day => "day",
            GroupBy::Week => "week",
            GroupBy::Month => "month",
            GroupBy::Session => "session",
            GroupBy::Project => "project",
            GroupBy::Agent => "agent",
            GroupBy::Field => "field",
        }
    }

    /// Whether this key is a period of time.
    pub fn is_time(self) -> bool {
        matches!(
            self,
            GroupBy::Hour | GroupBy::Day | GroupBy::Week | GroupBy::Month
        )
    }
}

/// Seconds in an hour and a day.
const HOUR: i64 = 3600;
const DAY: i64 = 86_400;

/// A bucket's time when none is known or none is needed.
pub const NO_TIME: i64 = i64::MIN;

/// The start of the finest period `by` asks for, in local seconds (UTC
/// seconds plus `zone`'s offset at that instant): the hour, else the day;
/// [`NO_TIME`] when `by` has no period or the record has no time.
pub fn period_start(by: &[GroupBy], instant: Option<i64>, zone: &Zone) -> i64 {
    let Some(instant) = instant else {
        return NO_TIME;
    };
    if !by.iter().any(|b| b.is_time()) {
        return NO_TIME;
    }
    let local = instant.saturating_add(zone.offset_at(instant));
    if by.contains(&GroupBy::Hour) {
        local - local.rem_euclid(HOUR)
    } else if by.iter().any(|b| b.is_time()) {
        local - local.rem_euclid(DAY)
    } else {
        NO_TIME
    }
}

/// How a period key names a bucket's time.
pub fn period_label(by: GroupBy, start: i64) -> String {
    if start == NO_TIME {
        return "unknown".to_string();
    }
    let days = start.div_euclid(DAY);
    match by {
        GroupBy::Hour => format!(
            "{} {:02}:00",
            civil_from_days(days),
            start.rem_euclid(DAY) / HOUR
        ),
        // 1970-01-01 was a Thursday: Monday is 3 days before.
        GroupBy::Week => civil_from_days(days - (days + 3).rem_euclid(7)),
        GroupBy::Month => civil_from_days(days)[..7].to_string(),
        _ => civil_from_days(days),
    }
}

/// Session and project names, interned once for every reading thread, so
/// a bucket carries a number instead of a string.
#[derive(Debug, Default)]
pub struct Labels {
    table: Mutex<(HashMap<String, u32>, Vec<String>)>,
}

/// A bucket's label when the grouping has no session or project.
pub const NO_LABEL: u32 = u32::MAX;

/// Separates the session, the project and the field value inside one label.
const SEPARATOR: char = '\u{1f}';

impl Labels {
    /// The number of the label for `session`, `project`, the `--by
    /// field:` value and the log's agent, as `by` asks for them;
    /// [`NO_LABEL`] when it asks for none.
    pub fn intern(
        &self,
        by: &[GroupBy],
        [session, project, field, agent]: [Option<&str>; 4],
    ) -> u32 {
        let wants = |key: GroupBy| by.contains(&key);
        if ![
            GroupBy::Session,
            GroupBy::Project,
            GroupBy::Field,
            GroupBy::Agent,
        ]
        .into_iter()
        .any(wants)
        {
            return NO_LABEL;
        }
        let part = |value: Option<&str>, key: GroupBy| {
            value
                .filter(|_| wants(key))
                .unwrap_or("unknown")
                .to_string()
        };
        let label = [
            part(session, GroupBy::Session),
            part(project, GroupBy::Project),
            part(field, GroupBy::Field),
            part(agent.or(Some("other")), GroupBy::Agent),
        ]
        .join(&SEPARATOR.to_string());
        self.number_of(label)
    }

    /// The number of `text`, given it on first sight ([`NO_LABEL`] past
    /// `u32::MAX` texts).
    pub fn number_of(&self, text: String) -> u32 {
        let Ok(mut table) = self.table.lock() else {
            return NO_LABEL;
        };
        let (numbers, names) = &mut *table;
        if let Some(number) = numbers.get(&text) {
            return *number;
        }
        let number = u32::try_from(names.len()).unwrap_or(NO_LABEL);
        numbers.insert(text.clone(), number);
        names.push(text);
        number
    }

    /// The text numbered `number` (empty if none is).
    pub fn text_of(&self, number: u32) -> String {
        self.table
            .lock()
            .ok()
            .and_then(|t| t.1.get(number as usize).cloned())
            .unwrap_or_default()
    }

    /// The session, project, field value and agent of label `number`.
    pub fn parts(&self, number: u32) -> [String; 4] {
        let label = self.text_of(number);
        let mut parts = label.split(SEPARATOR).map(str::to_string);
        [(); 4].map(|()| parts.next().unwrap_or_else(|| "unknown".to_string()))
    }
}

/// The steps of a `--by field:` path: keys separated by dots, a key with
/// dots of its own in double quotes (`attributes."gen_ai.system"`, as
/// OpenTelemetry names its attributes). `None` for an empty key or an
/// unclosed quote.
pub fn path_steps(path: &str) -> Option<Vec<String>> {
    let mut steps = Vec::new();
    let mut rest = path;
    loop {
        let (step, after) = match rest.strip_prefix('"') {
            Some(quoted) => {
                let (step, after) = quoted.split_once('"')?;
                (step, after)
            }
            None => rest.split_at(rest.find('.').unwrap_or(rest.len())),
        };
        if step.is_empty() {
            return None;
        }
        steps.push(step.to_string());
        match after.strip_prefix('.') {
            Some(next) => rest = next,
            None if after.is_empty() => return Some(steps),
            None => return None,
        }
    }
}

/// The value at `path` (see [`path_steps`]; a number indexes an array, and
/// a key picks the item of an OpenTelemetry attribute list `[{"key": …,
/// "value": {"stringValue": …}}]` that has it) of the JSON record `text`,
/// as a group label: text as it is, numbers and booleans written out,
/// anything else as compact JSON.
pub fn field_value(text: &[u8], path: &str) -> Option<String> {
    let root: serde_json::Value = serde_json::from_slice(text).ok()?;
    let mut at = &root;
    for step in path_steps(path)? {
        at = match at {
            serde_json::Value::Object(map) => map.get(&step)?,
            serde_json::Value::Array(items) => match step.parse::<usize>() {
                Ok(index) => items.get(index)?,
                Err(_) => otlp_attribute(items, &step)?,
            },
            _ => return None,
        };
    }
    match at {
        serde_json::Value::Null => None,
        serde_json::Value::String(text) => Some(text.clone()),
        other => Some(other.to_string()),
    }
}

/// The value of the attribute `key` in an OpenTelemetry attribute list,
/// unwrapped from its `{"stringValue": …}` (or `intValue`, …) holder.
fn otlp_attribute<'v>(items: &'v [serde_json::Value], key: &str) -> Option<&'v serde_json::Value> {
    let value = items.iter().find(|item| item["key"] == key)?.get("value")?;
    match value {
        serde_json::Value::Object(holder) if holder.len() == 1 => holder.values().next(),
        other => Some(other),
    }
}

/// How to read a log.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// The log's path, or `-` for standard input.
    pub file: String,
    /// How the totals will be grouped (times and labels are kept only
    /// when a key needs them).
    pub by: Vec<GroupBy>,
    /// The report's time zone.
    pub zone: Zone,
    /// Only records at or after this instant (UTC seconds).
    pub since: Option<i64>,
    /// Only records before this instant (UTC seconds).
    pub until: Option<i64>,
    /// Session and project labels, shared by the reading threads.
    pub labels: std::sync::Arc<Labels>,
    /// Stop at the first line that cannot be priced.
    pub strict: bool,
    /// The file's place among the inputs (later files win ties).
    pub file_index: usize,
    /// Read each record's time even when no report needs it (line-by-line
    /// output writes it).
    pub keep_time: bool,
    /// `--map`: which field each named CSV column fills.
    pub csv_map: std::sync::Arc<Vec<(String, String)>>,
    /// `--by field:PATH`: the JSON path whose value groups the records.
    pub field: Option<std::sync::Arc<str>>,
    /// The coding agent whose folder holds the file (`--by agent`).
    pub agent: Option<&'static str>,
    /// Keep the costs the lines state (`tally --cost-source logged|both`).
    pub logged_costs: bool,
    /// Under `--cost-source logged`, the names of the models llmcost does
    /// not know whose lines state their cost: such a line counts at its
    /// stated cost, under its own name.
    pub stated_models: Option<std::sync::Arc<Labels>>,
}

impl ReadOptions {
    /// Whether records' times are needed: parsing them is the costliest
    /// part of reading a line, so it is done only then.
    pub(crate) fn needs_time(&self) -> bool {
        self.keep_time
            || self.since.is_some()
            || self.until.is_some()
            || self.by.iter().any(|b| b.is_time())
    }

    /// Whether a record at `instant` is inside `--since`/`--until`; an
    /// undated record is outside when either is given.
    pub(crate) fn in_range(&self, instant: Option<i64>) -> bool {
        if self.since.is_none() && self.until.is_none() {
            return true;
        }
        instant.is_some_and(|t| {
            self.since.is_none_or(|since| t >= since) && self.until.is_none_or(|until| t < until)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_in_a_time_zone() {
        // 2026-11-22 (a Sunday) 23:30 UTC.
        let instant = crate::dates::parse_instant("2026-11-22T23:30:00Z");
        let utc = period_start(&[GroupBy::Week], instant, &Zone::Fixed(0));
        assert_eq!(period_label(GroupBy::Week, utc), "2026-11-16");
        assert_eq!(period_label(GroupBy::Day, utc), "2026-11-22");
        // At +01:00 it is Monday 00:30: the next day and week.
        let east = period_start(&[GroupBy::Day], instant, &Zone::Fixed(3600));
        assert_eq!(period_label(GroupBy::Day, east), "2026-11-23");
        assert_eq!(period_label(GroupBy::Week, east), "2026-11-23");
        let hour = period_start(&[GroupBy::Hour], instant, &Zone::Fixed(0));
        assert_eq!(period_label(GroupBy::Hour, hour), "2026-11-22 23:00");
        assert_eq!(period_label(GroupBy::Month, hour), "2026-11");
        assert_eq!(
            period_start(&[GroupBy::Model], instant, &Zone::Fixed(0)),
            NO_TIME
        );
    }
}
