//! CSV usage exports: OpenAI's usage export (the Usage API's completions
//! buckets: `input_tokens`, `input_cached_tokens`, `num_model_requests`, …),
//! Anthropic's usage report (`uncached_input_tokens`,
//! `cache_read_input_tokens`, `cache_creation.ephemeral_5m_input_tokens`,
//! …), or any CSV with a header, its columns named with `--map
//! column=field`. Each data row becomes one of llmcost's flat rows (one
//! JSON line), so it is read by the same shape and priced by the same rules
//! as every other log; line N of the result is the Nth data row. The other
//! columns go under `csv` (`--by field:csv.project_id`).

use anyhow::{Context, Result, bail};

use crate::usage::COUNTS;
use serde_json::{Map, Value};

/// Anthropic's input without the cache, to which cache reads and writes
/// are added: the one field a column can fill beside a normalized row's.
const UNCACHED_INPUT: &str = "uncached_input_tokens";

/// The fields a column can fill: the columns `tally --normalize` writes
/// (so its CSV reads back as it is), but its `cost`, plus
/// [`UNCACHED_INPUT`].
fn fields() -> impl Iterator<Item = &'static str> {
    row_columns()
        .filter(|c| *c != "cost")
        .chain([UNCACHED_INPUT])
}

/// Header names the known exports use, and the field each fills. A column
/// named like the field itself is taken first, then these, in this order.
const ALIASES: [(&str, &str); 26] = [
    ("timestamp", "ts"),
    ("model_name", "model"),
    ("snapshot_id", "model"),
    ("model_id", "model"),
    ("start_time_iso", "ts"),
    ("starting_at", "ts"),
    ("start_time", "ts"),
    ("created_at", "ts"),
    ("date", "ts"),
    ("usage_date_utc", "ts"),
    ("prompt_tokens", "input_tokens"),
    ("context_tokens_total", "input_tokens"),
    ("input_cached_tokens", "cached_input_tokens"),
    ("cache_read_input_tokens", "cached_input_tokens"),
    ("cached_context_tokens_total", "cached_input_tokens"),
    (
        "cache_creation.ephemeral_5m_input_tokens",
        "cache_write_tokens",
    ),
    ("cache_creation_input_tokens", "cache_write_tokens"),
    (
        "cache_creation.ephemeral_1h_input_tokens",
        "cache_write_1h_tokens",
    ),
    ("completion_tokens", "output_tokens"),
    ("generated_tokens_total", "output_tokens"),
    ("input_audio_tokens", "audio_input_tokens"),
    ("output_audio_tokens", "audio_output_tokens"),
    ("server_tool_use.web_search_requests", "web_searches"),
    ("web_search_requests", "web_searches"),
    ("num_model_requests", "requests"),
    ("context_window", "context_floor_tokens"),
];

/// The columns of a flat row, in order (`--normalize`'s CSV header, and the
/// fields a CSV column can fill): the model, its time,
/// every [`COUNTS`] quantity, and how it was billed.
pub fn row_columns() -> impl Iterator<Item = &'static str> {
    ["model", "provider", "ts"]
        .into_iter()
        .chain(COUNTS.iter().map(|c| c.name))
        .chain([
            "batch",
            "service_tier",
            "region",
            "requests",
            "context_floor_tokens",
            "cost",
        ])
}

/// Whether `path` names a CSV file (also compressed: `.csv.gz`, `.csv.zst`).
pub fn is_csv(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    [".csv", ".csv.gz", ".csv.zst"]
        .iter()
        .any(|ending| lower.ends_with(ending))
}

/// A header name as compared: trimmed, lowercase, spaces as `_`.
fn normalized(name: &str) -> String {
    name.trim().to_lowercase().replace([' ', '-'], "_")
}

/// Checks `--map column=field` pairs: every field must be one of
/// [`FIELDS`].
pub fn check_map(map: &[(String, String)]) -> Result<()> {
    for (column, field) in map {
        if !fields().any(|f| f == field) {
            bail!(
                "--map {column}={field}: '{field}' is not a field; use one of {}",
                fields().collect::<Vec<_>>().join(", ")
            );
        }
    }
    Ok(())
}

/// Which column (by index) fills each field, for `header`.
fn columns(
    header: &csv::StringRecord,
    map: &[(String, String)],
    path: &str,
) -> Result<Vec<(usize, &'static str)>> {
    let names: Vec<String> = header.iter().map(normalized).collect();
    let find = |name: &str| names.iter().position(|n| *n == normalized(name));
    let mut chosen: Vec<(usize, &'static str)> = Vec::new();
    for field in fields() {
        let mapped = map.iter().find(|(_, f)| f == field).map(|(column, _)| {
            find(column).with_context(|| {
                format!("'{path}': no column named '{column}' (--map {column}={field})")
            })
        });
        let column = match mapped {
            Some(found) => Some(found?),
            None => find(field).or_else(|| {
                ALIASES
                    .iter()
                    .filter(|(_, f)| *f == field)
                    .find_map(|(alias, _)| find(alias))
            }),
        };
        if let Some(column) = column {
            chosen.push((column, field));
        }
    }
    if !chosen.iter().any(|(_, f)| *f == "model") {
        bail!("'{path}': no model column in its header; name one with --map COLUMN=model");
    }
    Ok(chosen)
}

/// One cell as the JSON value its field takes: whole numbers as numbers,
/// `true`/`false` for `batch`, text as text; an empty cell is left out.
fn cell_value(field: &str, cell: &str) -> Option<Value> {
    let cell = cell.trim();
    if cell.is_empty() {
        return None;
    }
    // Anthropic's usage report states each row's context window as a
    // range (`0-200k`, `200k-1M`): its requests had more input than the
    // lower bound.
    if field == "context_floor_tokens"
        && let Some((floor, _)) = cell.split_once('-')
        && let Ok(floor) = crate::quantity::parse_quantity(floor)
    {
        return Some(Value::from(floor));
    }
    if field == "batch" {
        return Some(match cell.to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" => Value::Bool(true),
            "false" | "0" | "no" => Value::Bool(false),
            _ => Value::String(cell.to_string()),
        });
    }
    if cell.bytes().all(|b| b.is_ascii_digit())
        && let Ok(n) = cell.parse::<u64>()
    {
        return Some(Value::from(n));
    }
    // A count a spreadsheet wrote as `100.0` or `1e3`.
    if cell
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'))
        && let Ok(n) = super::scan::whole_number(cell)
    {
        return Some(Value::from(n));
    }
    Some(Value::String(cell.to_string()))
}

/// The rows of the CSV `text` as llmcost flat rows, one JSON object per
/// line.
pub fn to_json_lines(text: &[u8], map: &[(String, String)], path: &str) -> Result<Vec<u8>> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text);
    let header = reader
        .headers()
        .with_context(|| format!("'{path}': no CSV header"))?
        .clone();
    let columns = columns(&header, map, path)?;
    // The other columns stay readable for `--by field:csv.NAME`.
    let others: Vec<(usize, String)> = header
        .iter()
        .enumerate()
        .filter(|(i, _)| !columns.iter().any(|(c, _)| c == i))
        .map(|(i, name)| (i, normalized(name)))
        .collect();
    let mut out = Vec::with_capacity(text.len() * 2);
    for row in reader.records() {
        let mut object = Map::new();
        // A row that is not CSV becomes a line that is not JSON: counted
        // as unreadable with its number, like any broken log line.
        if let Ok(row) = row {
            for &(index, field) in &columns {
                if let Some(value) = row.get(index).and_then(|cell| cell_value(field, cell)) {
                    object.insert(field.to_string(), value);
                }
            }
            fold_uncached(&mut object);
            let rest: Map<String, Value> = others
                .iter()
                .filter_map(|(i, name)| {
                    let cell = row.get(*i)?.trim();
                    (!cell.is_empty()).then(|| (name.clone(), Value::String(cell.to_string())))
                })
                .collect();
            if !rest.is_empty() {
                object.insert("csv".to_string(), Value::Object(rest));
            }
            serde_json::to_writer(&mut out, &object)?;
        } else {
            out.extend_from_slice(b"not a CSV row");
        }
        out.push(b'\n');
    }
    Ok(out)
}

/// Anthropic's `uncached_input_tokens` plus cache reads and writes is the
/// flat row's `input_tokens`.
fn fold_uncached(object: &mut Map<String, Value>) {
    let Some(uncached) = object.remove(UNCACHED_INPUT) else {
        return;
    };
    if object.contains_key("input_tokens") {
        return;
    }
    let count = |key: &str| object.get(key).and_then(Value::as_u64).unwrap_or(0);
    let parts = [
        "cached_input_tokens",
        "cache_write_tokens",
        "cache_write_1h_tokens",
    ]
    .iter()
    .try_fold(0u64, |sum, key| sum.checked_add(count(key)));
    let total = uncached
        .as_u64()
        .zip(parts)
        .and_then(|(uncached, parts)| uncached.checked_add(parts));
    object.insert(
        "input_tokens".to_string(),
        total.map_or(uncached, Value::from),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anthropic_uncached_input_gets_its_cache_back() {
        let csv = b"starting_at,model,uncached_input_tokens,cache_read_input_tokens,cache_creation.ephemeral_5m_input_tokens,cache_creation.ephemeral_1h_input_tokens,output_tokens\n\
2026-11-20T00:00:00Z,claude-haiku-4-5,100,1000,200,300,50\n";
        let lines = to_json_lines(csv, &[], "a.csv").unwrap();
        let row: Value = serde_json::from_slice(lines.trim_ascii()).unwrap();
        // 100 uncached + 1,000 read + 200 + 300 written = 1,600 input tokens.
        assert_eq!(row["input_tokens"], 1600);
        assert_eq!(row["cache_write_1h_tokens"], 300);
        assert_eq!(row["ts"], "2026-11-20T00:00:00Z");
    }

    #[test]
    fn mapped_columns_win_and_unknown_fields_are_refused() {
        let csv = b"When,Which,In,Out\n2026-11-20,gpt-4o-mini,10,20\n";
        let map = vec![
            ("Which".to_string(), "model".to_string()),
            ("In".to_string(), "input_tokens".to_string()),
            ("Out".to_string(), "output_tokens".to_string()),
        ];
        let lines = to_json_lines(csv, &map, "x.csv").unwrap();
        assert_eq!(
            String::from_utf8(lines).unwrap(),
            "{\"model\":\"gpt-4o-mini\",\"input_tokens\":10,\"output_tokens\":20,\"csv\":{\"when\":\"2026-11-20\"}}\n"
        );
        assert!(check_map(&[("a".into(), "tokens".into())]).is_err());
        assert!(to_json_lines(b"a,b\n1,2\n", &[], "y.csv").is_err());
    }
}
