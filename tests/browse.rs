//! Catalog browsing: `compare`, `related`, `search` and the `list` filters,
//! on the fixture catalog, with exact values and every output format.

use crate::common;

use common::{json_of, llmcost, llmcost_fixture, stdout_of};
use predicates::prelude::*;

fn ids(json: &serde_json::Value, key: &str) -> Vec<String> {
    json[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let model = r
                .get("model")
                .or_else(|| r.get("id"))
                .unwrap()
                .as_str()
                .unwrap();
            format!("{}/{model}", r["provider"].as_str().unwrap())
        })
        .collect()
}

#[test]
fn compare_ranks_cheapest_first_with_exact_ratios() {
    let json = json_of(llmcost_fixture().args([
        "compare",
        "gpt-4o",
        "mistral-small-3.1",
        "claude-haiku-4-5",
        "gpt-4o-mini",
        "--in",
        "1M",
        "--out",
        "1M",
        "--json",
    ]));
    assert_eq!(
        ids(&json, "rows"),
        [
            "openai/gpt-4o-mini",
            "mistral/mistral-small-3-1-24b-instruct",
            "anthropic/claude-haiku-4-5",
            "openai/gpt-4o"
        ]
    );
    let totals: Vec<String> = json["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["total"].to_string())
        .collect();
    assert_eq!(totals, ["0.75", "0.91", "6", "12.5"]);
    let ratios: Vec<String> = json["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["times_cheapest"].to_string())
        .collect();
    assert_eq!(ratios, ["1", "1.21", "8", "16.67"]);
    assert_eq!(json["count"], 4);
}

#[test]
fn compare_table_and_chart() {
    let out = stdout_of(llmcost_fixture().args([
        "compare",
        "gpt-4o",
        "gpt-4o-mini",
        "mistral-small-3.1",
        "--in",
        "1M",
        "--out",
        "1M",
        "--chart",
    ]));
    assert_eq!(
        out,
        " #   model                            provider   context   input / 1M   output / 1M    total   vs cheapest\n\
         ───────────────────────────────────────────────────────────────────────────────────────────────────────────\n \
         1   gpt-4o-mini                      openai        128k        $0.15         $0.60    $0.75         1.00×\n \
         2   mistral-small-3-1-24b-instruct   mistral       128k        $0.35         $0.56    $0.91         1.21×\n \
         3   gpt-4o                           openai        128k        $2.50        $10.00   $12.50        16.67×\n\
         \n\
         openai/gpt-4o-mini                      ██ $0.75\n\
         mistral/mistral-small-3-1-24b-instruct  ███ $0.91\n\
         openai/gpt-4o                           ████████████████████████████████████████ $12.50\n"
    );
}

#[test]
fn compare_unknown_prices_sort_last_and_are_never_zero() {
    let json = json_of(llmcost_fixture().args([
        "compare",
        "mistral-draft",
        "gpt-4o-mini",
        "--in",
        "1M",
        "--out",
        "1M",
        "--json",
    ]));
    assert_eq!(
        ids(&json, "rows"),
        ["openai/gpt-4o-mini", "mistral/mistral-draft"]
    );
    assert_eq!(json["rows"][1]["total"], serde_json::Value::Null);
    assert_eq!(json["rows"][1]["times_cheapest"], serde_json::Value::Null);
    assert!(
        json["rows"][1]["unpriced_reason"]
            .as_str()
            .unwrap()
            .contains("no output price")
    );
}

#[test]
fn compare_across_the_catalog_with_filters() {
    // "The cheapest vision models with ≥128k context for my workload."
    let json = json_of(llmcost_fixture().args([
        "compare",
        "--capability",
        "vision",
        "--min-context",
        "128k",
        "--top",
        "3",
        "--in",
        "1M",
        "--out",
        "1M",
        "--json",
    ]));
    assert_eq!(
        ids(&json, "rows"),
        [
            "openai/gpt-4o-mini",
            "mistral/mistral-small-3-1-24b-instruct",
            "anthropic/claude-haiku-4-5"
        ]
    );
    let json = json_of(llmcost_fixture().args([
        "compare",
        "--provider",
        "openai",
        "--provider",
        "azure",
        "--max-price",
        "13",
        "--in",
        "1M",
        "--out",
        "1M",
        "--json",
    ]));
    assert_eq!(ids(&json, "rows"), ["openai/gpt-4o-mini", "openai/gpt-4o"]);
    let json = json_of(llmcost_fixture().args([
        "compare",
        "--capability",
        "reasoning",
        "--capability",
        "caching",
        "--sort",
        "context",
        "--in",
        "1k",
        "--json",
    ]));
    assert_eq!(
        ids(&json, "rows"),
        ["google/gemini-2.5-pro", "anthropic/claude-haiku-4-5"]
    );
}

#[test]
fn compare_same_workload_flags_as_cost() {
    let json = json_of(llmcost_fixture().args([
        "compare",
        "gpt-4o",
        "gpt-4o-mini",
        "--total",
        "1M",
        "--mix",
        "3:1",
        "--requests",
        "2",
        "--json",
    ]));
    let totals: Vec<String> = json["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["total"].to_string())
        .collect();
    // gpt-4o-mini: 2 × (750k × 0.15 + 250k × 0.6) per 1M = 0.525; gpt-4o: 2 × 4.375
    assert_eq!(totals, ["0.525", "8.75"]);
}

#[test]
fn list_filters_each_alone_and_combined() {
    let cases: Vec<(Vec<&str>, Vec<&str>)> = vec![
        (
            vec!["--capability", "vision"],
            vec![
                "anthropic/claude-haiku-4-5",
                "google/gemini-2.5-pro",
                "mistral/mistral-small-3-1-24b-instruct",
                "openai/gpt-4o",
                "openai/gpt-4o-mini",
            ],
        ),
        (
            vec!["--min-context", "200k"],
            vec![
                "anthropic/claude-haiku-4-5",
                "bedrock/anthropic.claude-haiku-4-5-v1:0",
                "google/gemini-2.5-pro",
            ],
        ),
        (
            vec!["--max-input-price", "0.35"],
            vec![
                "mistral/mistral-draft",
                "mistral/mistral-small-3-1-24b-instruct",
                "openai/gpt-4o-mini",
            ],
        ),
        (
            vec!["--max-output-price", "$0.79"],
            vec![
                "groq/llama-3.3-70b",
                "mistral/mistral-small-3-1-24b-instruct",
                "openai/gpt-4o-mini",
            ],
        ),
        (
            vec!["--open-weights"],
            vec!["groq/llama-3.3-70b", "together/llama-3.3-70b"],
        ),
        (
            vec!["--tier", "standard", "--provider", "groq"],
            vec!["groq/llama-3.3-70b"],
        ),
        (
            vec![
                "--capability",
                "vision",
                "--capability",
                "tools",
                "--max-input-price",
                "1",
            ],
            vec!["anthropic/claude-haiku-4-5", "openai/gpt-4o-mini"],
        ),
    ];
    for (flags, expected) in cases {
        let json = json_of(llmcost_fixture().arg("list").args(&flags).arg("--json"));
        assert_eq!(ids(&json, "models"), expected, "{flags:?}");
    }
}

#[test]
fn list_sort_and_limit() {
    let json =
        json_of(llmcost_fixture().args(["list", "--sort", "price", "--limit", "3", "--json"]));
    assert_eq!(
        ids(&json, "models"),
        [
            "openai/gpt-4o-mini",
            "mistral/mistral-small-3-1-24b-instruct",
            "groq/llama-3.3-70b"
        ]
    );
    let json =
        json_of(llmcost_fixture().args(["list", "--sort", "context", "--limit", "2", "--json"]));
    assert_eq!(
        ids(&json, "models"),
        ["google/gemini-2.5-pro", "anthropic/claude-haiku-4-5"]
    );
    let json =
        json_of(llmcost_fixture().args(["list", "--sort", "name", "--limit", "2", "--json"]));
    assert_eq!(
        ids(&json, "models"),
        [
            "bedrock/anthropic.claude-haiku-4-5-v1:0",
            "anthropic/claude-haiku-4-5"
        ]
    );
}

#[test]
fn bad_filter_values_are_usage_errors() {
    for (flag, value, message) in [
        ("--max-input-price", "-1", "'-1' is negative"),
        ("--max-input-price", "cheap", "'cheap' is not a price"),
        ("--capability", "telepathy", "invalid value 'telepathy'"),
        ("--tier", "gold", "invalid value 'gold'"),
    ] {
        llmcost_fixture()
            .args(["list", &format!("{flag}={value}")])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(message));
    }
}

#[test]
fn related_lists_other_offers_first_then_by_score() {
    let json = json_of(llmcost_fixture().args(["related", "gpt-4o", "--json"]));
    let rows = json["related"].as_array().unwrap();
    assert_eq!(rows[0]["provider"], "azure");
    assert_eq!(rows[0]["relation"], "same_model");
    assert_eq!(rows[0]["price_change_percent"].to_string(), "10");
    assert_eq!(rows[1]["model"], "claude-haiku-4-5");
    assert_eq!(rows[1]["score"], 89);
    assert_eq!(
        rows[1]["reason"],
        "shares vision, tools, json, caching; context 200k vs 128k; same tier (premium); −52% for 1M in + 1M out"
    );
    // The model itself is never related to itself.
    assert!(
        rows.iter()
            .all(|r| !(r["provider"] == "openai" && r["model"] == "gpt-4o"))
    );
}

#[test]
fn related_is_deterministic_and_excludes_aliases() {
    let first = stdout_of(llmcost_fixture().args(["related", "mistral-small-3.1", "--limit", "4"]));
    let again = stdout_of(llmcost_fixture().args([
        "related",
        "mistral-small-3-1-24b-instruct",
        "--limit",
        "4",
    ]));
    assert_eq!(first, again);
    assert_eq!(
        first,
        "Related to mistral/mistral-small-3-1-24b-instruct ($0.91 for 1M in + 1M out)\n\
         \n \
         #   model              provider    score   1M in + 1M out   why\n\
         ────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────\n \
         1   gpt-4o-mini        openai        100            $0.75   shares vision; context 128k vs 128k; same tier (standard); −18% for 1M in + 1M out\n \
         2   gpt-4o             openai         92           $12.50   shares vision; context 128k vs 128k; tier premium; +1274% for 1M in + 1M out\n \
         3   claude-haiku-4-5   anthropic      81            $6.00   shares vision; context 200k vs 128k; tier premium; +559% for 1M in + 1M out\n \
         4   gemini-2.5-pro     google         66           $11.25   shares vision; context 1.05M vs 128k; tier premium; +1136% for 1M in + 1M out\n"
    );
}

#[test]
fn search_tolerates_separators_and_typos() {
    for query in [
        "mistral small 3.1",
        "mistral-small-3.1",
        "mistral_small_3_1",
        "Mistral Smal 3.1",
        "mistrall small 3.1",
    ] {
        let json = json_of(
            llmcost()
                .arg("search")
                .args(query.split(' '))
                .args(["--limit", "3", "--json"]),
        );
        assert_eq!(
            json["results"][0]["model"], "mistral-small-3-1-24b-instruct",
            "{query}"
        );
    }
    let json = json_of(llmcost_fixture().args(["search", "haiku", "--json"]));
    assert_eq!(
        ids(&json, "results"),
        [
            "anthropic/claude-haiku-4-5",
            "bedrock/anthropic.claude-haiku-4-5-v1:0"
        ]
    );
    let out = stdout_of(llmcost_fixture().args(["search", "qwertyuiop"]));
    assert!(out.contains("no model matches 'qwertyuiop'"), "{out}");
}

#[test]
fn every_row_command_speaks_every_format() {
    let commands: [&[&str]; 4] = [
        &[
            "compare",
            "gpt-4o",
            "gpt-4o-mini",
            "--in",
            "1M",
            "--out",
            "1M",
        ],
        &["related", "gpt-4o", "--limit", "2"],
        &["search", "gpt"],
        &["list", "--provider", "openai"],
    ];
    for args in commands {
        let csv = stdout_of(llmcost_fixture().args(args).args(["--format", "csv"]));
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let width = reader.headers().unwrap().len();
        let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert!(!records.is_empty(), "{args:?}");
        assert!(records.iter().all(|r| r.len() == width), "{args:?}");
        let markdown = stdout_of(llmcost_fixture().args(args).args(["--format", "markdown"]));
        assert!(
            markdown
                .lines()
                .any(|l| l.starts_with("| ---") || l.starts_with("| ---:")),
            "{markdown}"
        );
        let json = json_of(llmcost_fixture().args(args).arg("--json"));
        assert!(json.is_object(), "{args:?}");
    }
    let csv = stdout_of(llmcost_fixture().args([
        "compare",
        "gpt-4o",
        "gpt-4o-mini",
        "--in",
        "1M",
        "--out",
        "1M",
        "--format",
        "csv",
    ]));
    assert_eq!(
        csv,
        "#,model,provider,context,input / 1M,output / 1M,total,vs cheapest\n\
         1,gpt-4o-mini,openai,128000,0.15,0.6,0.75,1\n\
         2,gpt-4o,openai,128000,2.5,10,12.5,16.67\n"
    );
}

#[test]
fn tables_fit_columns_without_breaking_ids() {
    // At 80 columns the ids keep their width; the score gives way so the
    // name (prose, at least 24 columns) fits.
    let out = stdout_of(llmcost().env("COLUMNS", "80").args([
        "search",
        "llama-3.3-70b-instruct-turbo",
        "--limit",
        "2",
    ]));
    assert_eq!(
        out,
        " #   model                                     provider    name\n\
         ───────────────────────────────────────────────────────────────────────────────\n \
         1   meta-llama/Llama-3.3-70B-Instruct-Turbo   deepinfra   Llama 3.3 70B Turbo\n \
         2   meta-llama/Llama-3.3-70B-Instruct-Turbo   together    Llama 3.3 70B\n"
    );
    // compare, tally by day and model, and a card fit 80 columns: the
    // ratios, the parts and the context give way; ids, providers, prices and
    // totals stay (gpt-4o-mini 1M + 1M: $0.75).
    let fits = |args: &[&str]| {
        let out = stdout_of(llmcost().env("COLUMNS", "80").args(args));
        assert!(out.lines().all(|l| l.chars().count() <= 80), "{out}");
        out
    };
    let compared = fits(&[
        "compare",
        "gpt-4o-mini",
        "claude-haiku-4-5",
        "mistral-small-3-1-24b-instruct",
        "--in",
        "1M",
        "--out",
        "1M",
    ]);
    assert!(
        compared.contains(" mistral-small-3-1-24b-instruct "),
        "{compared}"
    );
    assert!(compared.contains(" openai "), "{compared}");
    assert!(compared.contains("$0.75"), "{compared}");
    let usage = crate::common::fixture("usage.jsonl");
    let tallied = fits(&["tally", usage.to_str().unwrap(), "--by", "day,model"]);
    assert!(
        tallied.contains(" anthropic/claude-haiku-4-5 "),
        "{tallied}"
    );
    assert!(tallied.contains(" cost"), "{tallied}");
    let card = fits(&["show", "gpt-4o-mini"]);
    assert!(card.contains("lines of code at 8 tokens/line"), "{card}");
    // With room to spare, "why" wraps at spaces and every id stays whole.
    let out = stdout_of(llmcost().env("COLUMNS", "110").args([
        "related",
        "mistral-small-3-1-24b-instruct",
        "--limit",
        "3",
    ]));
    assert!(out.lines().all(|l| l.chars().count() <= 110), "{out}");
    assert!(out.contains(" nvidia.nemotron-nano-12b-v2 "), "{out}");
    assert!(out.contains("why"), "{out}");
}

#[test]
fn compare_projects_per_day_and_month() {
    // gpt-4o-mini: 10,000 × (1,000 × $0.15 + 500 × $0.60) / 1M = $4.50 a day,
    // × 30 = $135 a month; gpt-4o: 10,000 × (1,000 × $2.50 + 500 × $10) / 1M = $75, $2,250.
    let workload = [
        "compare",
        "openai/gpt-4o",
        "gpt-4o-mini",
        "--in",
        "1k",
        "--out",
        "500",
        "--requests",
        "10k",
    ];
    let json = json_of(
        llmcost_fixture()
            .args(workload)
            .args(["--per", "day", "--json"]),
    );
    let projection = |i: usize| &json["rows"][i]["projection"];
    assert_eq!(json["rows"][0]["model"], "gpt-4o-mini");
    assert_eq!(projection(0)["daily"].to_string(), "4.5");
    assert_eq!(projection(0)["monthly"].to_string(), "135");
    assert_eq!(projection(1)["monthly"].to_string(), "2250");
    assert_eq!(projection(1)["yearly"].to_string(), "27375");
    let table = stdout_of(llmcost_fixture().args(workload).args(["--per", "month"]));
    // Per month: $4.50 ÷ 30 = $0.15 a day, an estimate.
    assert!(table.contains("≈ $0.15       $4.50"), "{table}");
}

#[test]
fn listings_leave_out_free_preview_and_retired_models_unless_asked() {
    let ids = |args: &[&str]| -> Vec<String> {
        let json = json_of(llmcost().args(args).arg("--json"));
        json["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["model"].as_str().unwrap().to_string())
            .collect()
    };
    let ranked = [
        "compare",
        "--capability",
        "vision",
        "--min-context",
        "128k",
        "--top",
        "5",
        "--in",
        "1M",
        "--out",
        "1M",
    ];
    // By default the cheapest five are paid, current models; the $0
    // experimental Gemini ids only come back with --all.
    let default = ids(&ranked);
    assert_eq!(default[0], "Qwen/Qwen2-VL-7B-Instruct");
    assert!(
        !default.iter().any(|id| id == "gemini-exp-1114"),
        "{default:?}"
    );
    let all = ids(&[&ranked[..], &["--all"]].concat());
    assert_eq!(all[0], "gemini-exp-1114");
    // A named model is compared whatever its stage, and says so on cost.
    llmcost()
        .args(["cost", "gemini-exp-1114", "--in", "1k"])
        .assert()
        .success()
        .stderr("llmcost: note: gemini-exp-1114 is a preview or experimental release: prices and availability may change\n");
    // Against a $0 model, "vs cheapest" is a difference in dollars:
    // gpt-4o-mini for 1M in + 1M out is $0.15 + $0.60 = $0.75 more.
    let against_free = [
        "compare",
        "gemma-3-27b-it",
        "openai/gpt-4o-mini",
        "--in",
        "1M",
        "--out",
        "1M",
    ];
    let json = json_of(llmcost().args(against_free).arg("--json"));
    assert_eq!(json["rows"][1]["more_than_cheapest"].to_string(), "0.75");
    let table = stdout_of(llmcost().args(against_free));
    assert!(table.contains("+$0.75"), "{table}");
}

#[test]
fn listings_fold_snapshots_and_copies_into_one_row() {
    let rows = |args: &[&str]| -> Vec<serde_json::Value> {
        json_of(llmcost().args(args).arg("--json"))["models"]
            .as_array()
            .unwrap()
            .clone()
    };
    // gpt-4o's dated snapshots have its $2.50 / $10 prices: one row, "also" them.
    let openai = rows(&["list", "--provider", "openai"]);
    let gpt4o = openai.iter().find(|r| r["id"] == "gpt-4o").unwrap();
    assert_eq!(
        gpt4o["also"],
        serde_json::json!(["gpt-4o-2024-08-06", "gpt-4o-2024-11-20"])
    );
    assert!(!openai.iter().any(|r| r["id"] == "gpt-4o-2024-08-06"));
    // Fireworks' long ids fold into the short ones.
    let fireworks = rows(&["list", "--provider", "fireworks"]);
    let glm = fireworks.iter().find(|r| r["id"] == "glm-4p7").unwrap();
    assert_eq!(
        glm["also"],
        serde_json::json!(["accounts/fireworks/models/glm-4p7"])
    );
    // --snapshots lists every id.
    let every = rows(&["list", "--provider", "openai", "--snapshots"]);
    assert!(every.iter().any(|r| r["id"] == "gpt-4o-2024-08-06"));
    assert!(every.len() > openai.len());
}

#[test]
fn one_model_from_several_providers_is_known_as_one() {
    // DeepSeek R1 is also DeepInfra's and Nebius' `deepseek-ai/DeepSeek-R1`,
    // OpenRouter's `deepseek/deepseek-r1`, Bedrock's `deepseek.r1-v1:0` and
    // Fireworks' `accounts/fireworks/models/deepseek-r1`: listed first,
    // cheapest first ($0.70 + $2.40 = $3.10 for 1M in + 1M out on
    // DeepInfra, $0.80 + $2.40 = $3.20 on Nebius and on OpenRouter, $1.35 +
    // $5.40 = $6.75 on Bedrock).
    let json = json_of(llmcost().args(["related", "deepseek-r1", "--json"]));
    let first: Vec<(&str, &str, &str)> = json["related"].as_array().unwrap()[..4]
        .iter()
        .map(|r| {
            (
                r["provider"].as_str().unwrap(),
                r["model"].as_str().unwrap(),
                r["relation"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        first,
        [
            ("deepinfra", "deepseek-ai/DeepSeek-R1", "same_model"),
            ("nebius", "deepseek-ai/DeepSeek-R1", "same_model"),
            ("openrouter", "deepseek/deepseek-r1", "same_model"),
            ("bedrock", "deepseek.r1-v1:0", "same_model"),
        ]
    );
    assert_eq!(json["related"][0]["reference_total"].to_string(), "3.1");
    assert_eq!(json["related"][1]["reference_total"].to_string(), "3.2");
    assert_eq!(json["related"][2]["reference_total"].to_string(), "3.2");
    assert_eq!(json["related"][3]["reference_total"].to_string(), "6.75");
    // Sonnet 4.5 on Bedrock is the same model as Anthropic's, by name: no
    // slug needed.
    let json = json_of(llmcost().args(["show", "claude-sonnet-4-5-20250929", "--json"]));
    let others: Vec<&str> = json["also_served_by"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["provider"].as_str().unwrap())
        .collect();
    assert!(others.contains(&"bedrock"), "{others:?}");
}
