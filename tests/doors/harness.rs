//! Every door's answer for the harness's workloads, against `cost --json`.
//!
//! Doors: `tally` of the flat record and of each provider shape that can
//! carry the workload (read through `--annotate`), `--normalize` read back,
//! the `sql` view in DuckDB (and Spark, with `LLMCOST_SPARK=1`), `compare`,
//! `budget`, the MCP server's `cost` tool and the page calculator run in
//! Node. The engines and Node are skipped visibly when missing, and required
//! under `LLMCOST_E2E=1` (as `.ci/run` sets).

use std::path::Path;

use serde_json::{Value, json};

use super::cases::{Case, cases};
use crate::common::{llmcost, stdout_of};
use crate::site::page_usd;
use crate::sql::engine_python;

/// What a door says a workload costs: the exact total, or `None` when it
/// cannot price it.
type Answer = Option<String>;

/// The disagreements found so far, each naming the case, the door and both
/// answers.
struct Findings<'c> {
    cases: &'c [Case],
    expected: Vec<Answer>,
    found: Vec<String>,
}

impl Findings<'_> {
    fn check(&mut self, case: usize, door: &str, got: &Answer) {
        let want = &self.expected[case];
        if got != want {
            self.found.push(format!(
                "{:?}: {door} says {got:?}, cost says {want:?}",
                self.cases[case]
            ));
        }
    }
}

/// Every door's answer for `count` cases drawn with `seed`, as one line per
/// door that differs from `cost`; empty when all agree. `mutate` breaks the
/// normalized rows before they are read back (the harness's own check that
/// it can fail).
pub fn disagreements(seed: u64, count: usize, mutate: fn(&mut Value)) -> Vec<String> {
    let cases = cases(seed, count);
    let expected = cases.iter().map(cost_total).collect();
    let mut findings = Findings {
        cases: &cases,
        expected,
        found: Vec::new(),
    };
    check_logs(&mut findings, mutate);
    for i in (0..cases.len()).step_by(3) {
        findings.check(i, "compare", &compare_total(&cases[i]));
    }
    check_mcp(&mut findings);
    check_budget(&mut findings);
    check_calculator(&mut findings);
    findings.found
}

/// `cost`'s total for the case, or `None` when `cost` cannot price it.
fn cost_total(case: &Case) -> Answer {
    total_of(&case.qualified(), &case.flags())
}

fn total_of(model: &str, flags: &[String]) -> Answer {
    let output = llmcost()
        .args(["cost", model])
        .args(flags)
        .arg("--json")
        .output()
        .unwrap();
    if !output.status.success() {
        return None;
    }
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    Some(json["total"].to_string())
}

/// `compare`'s row total for the case (`null` when unpriced).
fn compare_total(case: &Case) -> Answer {
    let output = llmcost()
        .arg("compare")
        .arg(case.qualified())
        .args(case.flags())
        .arg("--json")
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&output.stdout).ok()?;
    let total = &json["rows"][0]["total"];
    (!total.is_null()).then(|| total.to_string())
}

/// The log doors: `tally --annotate` of each line, `--normalize`'s rows read
/// back, and those rows priced by the `sql` view in the engines.
fn check_logs(findings: &mut Findings<'_>, mutate: fn(&mut Value)) {
    let dir = tempfile::tempdir().unwrap();
    let mut lines: Vec<(usize, &'static str, Value)> = Vec::new();
    for (i, case) in findings.cases.iter().enumerate() {
        lines.push((i, "llmcost", case.flat()));
        for (shape, line) in case.shaped() {
            lines.push((i, shape, line));
        }
    }
    let log = dir.path().join("doors.jsonl");
    std::fs::write(&log, json_lines(lines.iter().map(|(_, _, l)| l))).unwrap();
    let normalized = stdout_of(llmcost().arg("tally").arg(&log).arg("--normalize"));
    let mut rows: Vec<Value> = normalized
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    rows.iter_mut().for_each(mutate);
    let back = dir.path().join("normalized.jsonl");
    std::fs::write(&back, json_lines(rows.iter())).unwrap();
    let priced_lines = annotated(&log);
    let read_back = annotated(&back);
    let engines = engine_rows(dir.path(), &log);
    // --normalize writes a row for each line it priced, in order.
    let mut row = 0;
    for ((i, shape, _), door) in lines.iter().zip(&priced_lines) {
        findings.check(*i, &format!("tally ({shape})"), door);
        if door.is_none() {
            continue;
        }
        let back = read_back.get(row).cloned().flatten();
        findings.check(*i, &format!("--normalize read back ({shape})"), &back);
        for (engine, costs) in &engines.costs {
            let got = costs.get(row).cloned().flatten();
            // The SQL names each rate it cannot hold exactly; its rows
            // cost NULL rather than a rounded amount.
            if got.is_none() && engines.inexact.contains(&findings.cases[*i].qualified()) {
                continue;
            }
            findings.check(*i, &format!("{engine} ({shape})"), &got);
        }
        row += 1;
    }
}

/// Each line of `log` as `tally --annotate` prices it: its USD, or `None`.
fn annotated(log: &Path) -> Vec<Answer> {
    let text = stdout_of(llmcost().arg("tally").arg(log).arg("--annotate"));
    text.lines()
        .map(|line| {
            let value: Value = serde_json::from_str(line).unwrap();
            let cost = &value["cost"];
            (cost["status"] == "priced").then(|| cost["usd"].to_string())
        })
        .collect()
}

/// What the engines said of each normalized row.
#[derive(Default)]
struct EngineRows {
    /// Each row's cost, by engine.
    costs: Vec<(String, Vec<Answer>)>,
    /// The models with a rate the SQL says it cannot hold exactly.
    inexact: std::collections::HashSet<String>,
}

/// Each normalized row of `log` priced by the `sql` view in DuckDB (and in
/// Spark under `LLMCOST_SPARK=1`); nothing when DuckDB is missing.
fn engine_rows(dir: &Path, log: &Path) -> EngineRows {
    let Some(python) = engine_python("duckdb") else {
        return EngineRows::default();
    };
    let csv = stdout_of(
        llmcost()
            .arg("tally")
            .arg(log)
            .args(["--normalize", "--format", "csv"]),
    );
    // A row number, so the engines' answers come back in the log's order.
    let numbered: String = csv
        .lines()
        .enumerate()
        .map(|(i, line)| match i {
            0 => format!("{line},door_row\n"),
            _ => format!("{line},{}\n", i - 1),
        })
        .collect();
    let usage = dir.join("usage.csv");
    std::fs::write(&usage, numbered).unwrap();
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/engines/price_in_engines.py"
    );
    let mut command = std::process::Command::new(python);
    command.env("TZ", "Asia/Tokyo").args([script, "--rows"]);
    command.arg(&usage).arg(sql_file(dir, "duckdb"));
    if std::env::var("LLMCOST_SPARK").is_ok_and(|v| v == "1") {
        command.arg(sql_file(dir, "spark"));
    }
    let output = command.output().expect("python runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let engines: serde_json::Map<String, Value> = serde_json::from_slice(&output.stdout).unwrap();
    let costs = engines
        .into_iter()
        .map(|(engine, costs)| {
            let costs = costs.as_array().unwrap();
            (
                engine,
                costs.iter().map(|c| c.as_str().map(String::from)).collect(),
            )
        })
        .collect();
    let listed = llmcost()
        .args(["sql", "--dialect", "duckdb", "--verbose"])
        .output()
        .unwrap();
    let inexact = String::from_utf8_lossy(&listed.stderr)
        .lines()
        .filter(|line| line.contains("needs more than 18 decimals"))
        .filter_map(|line| line.strip_prefix("llmcost: warning: ")?.split_once(": "))
        .map(|(model, _)| model.to_string())
        .collect();
    EngineRows { costs, inexact }
}

fn sql_file(dir: &Path, dialect: &str) -> std::path::PathBuf {
    let path = dir.join(format!("{dialect}.sql"));
    std::fs::write(
        &path,
        stdout_of(llmcost().args(["sql", "--dialect", dialect])),
    )
    .unwrap();
    path
}

/// The MCP server's `cost` tool, every case in one session.
fn check_mcp(findings: &mut Findings<'_>) {
    let calls: Vec<Value> = findings
        .cases
        .iter()
        .enumerate()
        .map(|(i, case)| {
            json!({"jsonrpc": "2.0", "id": i, "method": "tools/call",
                "params": {"name": "cost", "arguments": case.tool_arguments()}})
        })
        .collect();
    let answers = stdout_of(llmcost().arg("mcp").write_stdin(json_lines(calls.iter())));
    for line in answers.lines() {
        let answer: Value = serde_json::from_str(line).unwrap();
        let i = usize::try_from(answer["id"].as_u64().unwrap()).unwrap();
        let result = &answer["result"];
        let total = &result["structuredContent"]["total"];
        let got = (result["isError"] == false && !total.is_null()).then(|| total.to_string());
        findings.check(i, "mcp cost", &got);
    }
}

/// `budget` with the case's request: the requests it buys cost at most the
/// budget (their total as `cost` prices them), and one request more costs
/// more. Every sixth case, with a budget of a hundred of its requests.
fn check_budget(findings: &mut Findings<'_>) {
    for (i, case) in findings.cases.iter().enumerate().step_by(6) {
        let Some(want) = &findings.expected[i] else {
            continue;
        };
        let one = total_of(&case.qualified(), &single(case)).unwrap();
        let one: rust_decimal::Decimal = one.parse().unwrap();
        if one.is_zero() {
            continue;
        }
        let usd = (one * rust_decimal::Decimal::from(100) + one / rust_decimal::Decimal::TWO)
            .normalize()
            .to_string();
        let json = crate::common::json_of(
            llmcost()
                .args(["budget", &case.qualified(), "--usd", &usd])
                .args(case.request_flags())
                .arg("--json"),
        );
        let bought = json["requests"].as_u64().unwrap();
        let at = |n: u64| {
            let mut flags = case.request_flags();
            flags.extend(["--requests".into(), n.to_string()]);
            total_of(&case.qualified(), &flags)
        };
        let spent = Some(json["spent"].to_string());
        if bought != 100 || spent != at(100) {
            findings.found.push(format!(
                "{case:?}: budget ${usd} buys {bought} requests for {spent:?}; cost says 100 for {:?} (and {want} for {})",
                at(100),
                case.requests
            ));
        }
    }
}

/// The case's flags for one request.
fn single(case: &Case) -> Vec<String> {
    let mut flags = case.request_flags();
    flags.extend(["--requests".into(), "1".into()]);
    flags
}

/// The page calculator in Node, for every other case its form can state:
/// it shows `cost`'s total to the last digit, or "unknown" where `cost`
/// cannot price.
fn check_calculator(findings: &mut Findings<'_>) {
    let chosen: Vec<usize> = (0..findings.cases.len())
        .filter(|&i| findings.cases[i].fits_the_calculator())
        .step_by(2)
        .collect();
    let Some(shown) = calculator_totals(findings.cases, &chosen) else {
        return;
    };
    for (i, shown) in chosen.into_iter().zip(shown) {
        let got = (shown != "unknown").then(|| shown.clone());
        let want = findings.expected[i]
            .as_ref()
            .map(|t| page_usd(t.parse().unwrap()));
        if got != want {
            findings.found.push(format!(
                "{:?}: the page calculator shows {shown}, cost says {want:?}",
                findings.cases[i]
            ));
        }
    }
}

/// What the calculator on each chosen case's page shows, or `None` when
/// Node is missing (a failure under `LLMCOST_E2E=1`).
fn calculator_totals(cases: &[Case], chosen: &[usize]) -> Option<Vec<String>> {
    if std::process::Command::new("node")
        .arg("--version")
        .output()
        .is_err()
    {
        assert!(
            !std::env::var("LLMCOST_E2E").is_ok_and(|v| v == "1"),
            "LLMCOST_E2E=1 but node is missing"
        );
        eprintln!("SKIPPED: the page calculator door needs node");
        return None;
    }
    let inputs: Vec<Value> = chosen
        .iter()
        .map(|&i| {
            let case = &cases[i];
            let page = stdout_of(llmcost().args(["page", &case.qualified(), "--format", "html"]));
            let rates = page
                .split_once("id=\"calc-rates\">")
                .and_then(|(_, rest)| rest.split_once("</script>"))
                .map_or("[]", |(rates, _)| rates);
            json!({"rates": rates, "input": case.input.to_string(),
                   "cached": case.cached.to_string(), "output": case.output.to_string(),
                   "requests": case.requests.to_string()})
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cases.json");
    std::fs::write(&file, Value::Array(inputs).to_string()).unwrap();
    let root = env!("CARGO_MANIFEST_DIR");
    let output = std::process::Command::new("node")
        .arg(format!("{root}/tests/browser/calculator_door.cjs"))
        .arg(format!("{root}/src/page/assets/calculator.js"))
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    Some(serde_json::from_slice(&output.stdout).unwrap())
}

/// Values as JSON Lines.
fn json_lines<'v>(values: impl Iterator<Item = &'v Value>) -> String {
    values.fold(String::new(), |mut text, value| {
        text.push_str(&value.to_string());
        text.push('\n');
        text
    })
}
