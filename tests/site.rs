//! `llmcost page` and `llmcost site`: the seed page's facts, escaping of
//! hostile catalog text, a site whose every link resolves, safe writing,
//! and (with `LLMCOST_BROWSER=1`, as `.ci/run` sets) the pages in headless
//! Chromium from `file://`.

use crate::common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

use common::{fixture, json_of, llmcost, llmcost_fixture, stdout_of};
use predicates::prelude::*;
use rust_decimal::Decimal;

const SEED: &str = "mistral-small-3-1-24b-instruct";

/// The sentences of the seed catalog page the product grew from, copied
/// here (a clone has no copy of that page), which the page must reproduce
/// word for word.
const SEED_SENTENCES: [&str; 16] = [
    "Mistral Mistral Small 3.1 24B — pricing, 128k context window, API cost calculator and alternatives.",
    "By Mistral",
    "Tracking Mistral Small 3.1 24B pricing since 2026-05-08. We'll plot the chart here once it changes.",
    "Similar capabilities, context window, and price tier — drawn from across the catalog so you can compare alternatives in one click.",
    "What is Mistral Small 3.1 24B?",
    "Mistral Small 3.1 24B is a large language model API from Mistral with a 128k-token context window. It costs $0.35 per 1M input tokens and $0.56 per 1M output tokens.",
    "How much does Mistral Small 3.1 24B cost?",
    "Mistral Small 3.1 24B is priced at $0.35 per 1M input tokens and $0.56 per 1M output tokens via the Mistral API. A 50/50 input/output workload of 1M total tokens, as 100 requests of 10,000 tokens, costs about $0.455.",
    "What is the context window of Mistral Small 3.1 24B?",
    "Mistral Small 3.1 24B supports up to 128k tokens of context per request — roughly 256 pages of English text or 16000 lines of code at a typical density.",
    "Does Mistral Small 3.1 24B support vision, tool use, or JSON mode?",
    "Mistral Small 3.1 24B supports image input (vision). It does not support tool/function calling and structured JSON mode.",
    "Who makes Mistral Small 3.1 24B?",
    "Mistral Small 3.1 24B is built and operated by Mistral. Pricing, context window, and capabilities on this page are refreshed nightly from Mistral's public catalog.",
    "Can I self-host Mistral Small 3.1 24B?",
    "Mistral Small 3.1 24B is API-only — its weights are not publicly distributed by Mistral, so it cannot be self-hosted today.",
];

#[test]
fn the_seed_page_in_markdown_says_what_the_seed_page_says() {
    let page = stdout_of(llmcost().args(["page", SEED, "--format", "markdown"]));
    for sentence in SEED_SENTENCES {
        assert!(page.contains(sentence), "missing: {sentence}\n{page}");
    }
    // The seed's facts, in the seed's section order.
    let order = [
        "# Mistral Small 3.1 24B",
        "## Specs",
        "- **Provider:** Mistral",
        "- **Slug:** mistralai/mistral-small-3-1-24b-instruct",
        "- **Capabilities:** vision",
        "| Input | $0.35 |",
        "| Output | $0.56 |",
        "1M input + 1M output tokens cost $0.91.",
        "## Pricing freshness",
        "- **Tier:** standard",
        "- **Currency:** USD",
        "- **As of:** 2026-05-08 17:08 UTC",
        "## Checked against",
        "## Pricing history",
        "## Quickstart — call Mistral Small 3.1 24B from your app",
        "curl https://api.mistral.ai/v1/chat/completions",
        "import os",
        "api_key=os.environ[\"MISTRAL_API_KEY\"],",
        "apiKey: process.env.MISTRAL_API_KEY,",
        "Official docs: <https://docs.mistral.ai/api/>",
        "## Related models",
        "## Frequently asked questions",
    ];
    let mut from = 0;
    for line in order {
        let at = page[from..]
            .find(line)
            .unwrap_or_else(|| panic!("'{line}' missing or out of order"));
        from += at + line.len();
    }
    assert_eq!(
        page.matches("Official docs: <https://docs.mistral.ai/api/>")
            .count(),
        3
    );
}

#[test]
fn the_seed_page_markdown_is_golden_on_the_fixture_catalog() {
    let page = stdout_of(llmcost_fixture().args(["page", SEED]));
    let golden =
        std::fs::read_to_string(fixture("pages/mistral-small-3-1-24b-instruct.md")).unwrap();
    assert_eq!(page, golden);
}

#[test]
fn the_page_as_json_carries_the_calculator_rates() {
    let json = json_of(llmcost_fixture().args(["page", "gemini-2.5-pro", "--format", "json"]));
    // Gemini 2.5 Pro (fixture): $1.25 / $10 per 1M, $2.50 / $15 above 200k input tokens.
    assert_eq!(json["calculator"][0]["above"], 0);
    assert_eq!(json["calculator"][0]["input"].to_string(), "1.25");
    assert_eq!(json["calculator"][1]["above"], 200_000);
    assert_eq!(json["calculator"][1]["input"].to_string(), "2.5");
    assert_eq!(json["calculator"][1]["output"].to_string(), "15");
    assert_eq!(json["faq"].as_array().unwrap().len(), 6);
}

/// The fixture catalog with the seed model changed by `edit`, written to
/// `dir`.
fn with_seed_edited(dir: &Path, edit: impl FnOnce(&mut serde_json::Value)) -> PathBuf {
    let text = std::fs::read_to_string(fixture("catalog.json")).unwrap();
    let mut catalog: serde_json::Value = serde_json::from_str(&text).unwrap();
    let model = catalog["models"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|m| m["id"] == SEED)
        .unwrap();
    edit(model);
    let path = dir.join("catalog.json");
    std::fs::write(&path, catalog.to_string()).unwrap();
    path
}

/// The fixture catalog with the seed model's name, slug and docs URL made
/// hostile and its context window, open weights and capabilities unknown.
fn hostile_catalog(dir: &Path) -> PathBuf {
    with_seed_edited(dir, |model| {
        model["name"] = "<script>alert(1)</script> \"Q\" 'A' *bold* [x](y) # & | `c`".into();
        model["slug"] = "evil/</script><b>x".into();
        model["docs_url"] = "javascript:alert(2)".into();
        let object = model.as_object_mut().unwrap();
        for unknown in ["context_window", "open_weights", "capabilities"] {
            object.remove(unknown);
        }
    })
}

#[test]
fn catalog_text_renders_as_text_in_html_markdown_and_json_ld() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = hostile_catalog(dir.path());
    let run = |format: &str| {
        stdout_of(
            llmcost()
                .arg("--catalog")
                .arg(&catalog)
                .args(["page", SEED, "--format", format]),
        )
    };
    let html = run("html");
    assert!(!html.contains("<script>alert"), "raw script in HTML");
    assert!(!html.contains("<b>x"), "raw tag in HTML");
    assert!(!html.contains("href=\"javascript"), "a javascript: link");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &quot;Q&quot; &#39;A&#39;"));
    // Inside JSON-LD every `<` is \u003c, so the name cannot close the script.
    let json_ld = html
        .split("<script type=\"application/ld+json\">")
        .nth(1)
        .and_then(|rest| rest.split("</script>").next())
        .unwrap();
    assert!(json_ld.contains("\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"));
    let parsed: serde_json::Value = serde_json::from_str(json_ld).unwrap();
    assert_eq!(
        parsed[0]["name"],
        "<script>alert(1)</script> \"Q\" 'A' *bold* [x](y) # & | `c`"
    );
    assert_eq!(parsed[1]["@type"], "FAQPage");
    let markdown = run("markdown");
    assert!(markdown.contains(
        "# &lt;script&gt;alert(1)&lt;/script&gt; \"Q\" 'A' \\*bold\\* \\[x\\](y) # &amp; \\| \\`c\\`"
    ));
    assert!(!markdown.contains("<script>"));
    assert!(!markdown.contains("<javascript"), "a javascript: autolink");
    assert!(markdown.contains("Official docs: javascript:alert(2)"));
    // Unknown facts read "unknown" and the answers say what is not known.
    assert!(markdown.contains("— pricing, unknown context window, API cost calculator"));
    assert!(markdown.contains("- **Capabilities:** none known"));
    assert!(markdown.contains("does not state"));
    assert!(markdown.contains("Whether it supports image input (vision), tool/function calling or structured JSON mode is not known to the catalog."));
    assert!(markdown.contains("The catalog does not know whether"));
}

/// Every `href` and `src` in the site's HTML files that is not an outside
/// address or an anchor, with the file it is in.
fn internal_links(site: &Path) -> Vec<(PathBuf, String)> {
    let mut links = Vec::new();
    let mut pending = vec![site.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "html") {
                let text = std::fs::read_to_string(&path).unwrap();
                for attribute in ["href=\"", "src=\""] {
                    for piece in text.split(attribute).skip(1) {
                        let target = piece.split('"').next().unwrap();
                        if !target.starts_with("http") && !target.starts_with('#') {
                            links.push((path.clone(), target.to_string()));
                        }
                    }
                }
            }
        }
    }
    links
}

fn all_files(site: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut pending = vec![site.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let name = path.strip_prefix(site).unwrap().display().to_string();
                files.insert(name, std::fs::read(&path).unwrap());
            }
        }
    }
    files
}

#[test]
fn the_site_links_resolve_and_is_the_same_bytes_every_time() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let json = json_of(llmcost_fixture().arg("site").arg(&site).args([
        "--base-url",
        "https://prices.example.com/",
        "--json",
    ]));
    // 11 fixture models, 8 providers with models (azure's one is a copy of
    // gpt-4o); index + sitemap + manifest.
    assert_eq!(json["models"], 11);
    assert_eq!(json["providers"], 8);
    assert_eq!(json["files"], 11 + 8 + 3);
    let links = internal_links(&site);
    assert!(links.len() > 100, "{}", links.len());
    for (file, link) in &links {
        let target = file.parent().unwrap().join(link);
        assert!(
            target.is_file(),
            "{} links to missing {link}",
            file.display()
        );
    }
    let sitemap = std::fs::read_to_string(site.join("sitemap.xml")).unwrap();
    assert!(sitemap.contains(
        "<loc>https://prices.example.com/models/mistral/mistral-small-3-1-24b-instruct.html</loc>"
    ));
    // A Bedrock id's `:` becomes `~3a` in its file name.
    assert!(
        site.join("models/bedrock/anthropic.claude-haiku-4-5-v1~3a0.html")
            .is_file()
    );
    let first = all_files(&site);
    // Again into the same folder: it holds only the earlier site, so it is
    // replaced without --force, byte for byte the same.
    llmcost_fixture()
        .arg("site")
        .arg(&site)
        .args(["--base-url", "https://prices.example.com/"])
        .assert()
        .success();
    assert_eq!(first, all_files(&site));
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers, ["site"], "temporary folders left behind");
}

#[test]
fn a_folder_with_other_files_is_refused_unless_forced_and_they_survive() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("docs");
    std::fs::create_dir(&site).unwrap();
    std::fs::write(site.join("notes.txt"), "mine").unwrap();
    llmcost_fixture()
        .arg("site")
        .arg(&site)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "holds files llmcost did not write; pass --force",
        ));
    assert!(!site.join("index.html").exists());
    llmcost_fixture()
        .arg("site")
        .arg(&site)
        .arg("--force")
        .assert()
        .success();
    assert!(site.join("index.html").is_file());
    assert_eq!(
        std::fs::read_to_string(site.join("notes.txt")).unwrap(),
        "mine"
    );
    // A file where the folder should be is one clear error.
    let file = dir.path().join("file");
    std::fs::write(&file, "x").unwrap();
    llmcost_fixture()
        .arg("site")
        .arg(&file)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("is a file, not a folder"));
}

/// `$0.91`, `$1,234.50`: how the page prints an exact amount.
pub(crate) fn page_usd(amount: Decimal) -> String {
    let mut amount = amount.normalize();
    if amount.scale() < 2 {
        amount.rescale(2);
    }
    let text = amount.to_string();
    let (whole, fraction) = text.split_once('.').unwrap();
    let mut grouped = String::new();
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    format!("${grouped}.{fraction}")
}

/// What `llmcost cost` says one workload costs on the fixture catalog.
fn cost_of(model: &str, input: &str, cached: &str, output: &str, requests: &str) -> String {
    let json = json_of(llmcost_fixture().args([
        "cost",
        model,
        "--in",
        input,
        "--cached-in",
        cached,
        "--out",
        output,
        "--requests",
        requests,
        "--json",
    ]));
    page_usd(json["total"].to_string().parse().unwrap())
}

fn browser_deps() -> Option<PathBuf> {
    let modules = PathBuf::from(std::env::var_os("LLMCOST_E2E_NODE_MODULES")?).join("node_modules");
    let chromium = std::env::var("LLMCOST_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    (modules.join("playwright-core").is_dir() && Path::new(&chromium).exists()).then_some(modules)
}

#[test]
fn the_pages_work_in_headless_chromium_from_file_urls() {
    let Some(modules) = browser_deps() else {
        assert!(
            std::env::var_os("LLMCOST_BROWSER").is_none(),
            "LLMCOST_BROWSER is set but Chromium or playwright-core is missing"
        );
        eprintln!(
            "skipped: set LLMCOST_E2E_NODE_MODULES (with playwright-core) and install chromium"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    llmcost_fixture().arg("site").arg(&site).assert().success();
    let seed_page = format!("models/mistral/{SEED}.html");
    let checks = serde_json::json!([
        {"page": seed_page, "steps": [
            {"input": "1", "output": "1"},
            {"input": "1M", "output": "1,000,000", "requests": "3"},
            {"requests": "x"},
        ]},
        {"page": "models/openai/gpt-4o-mini.html", "steps": [
            {"input": "2000", "cached": "1500", "output": "500", "requests": "1000"},
        ]},
        {"page": "models/google/gemini-2.5-pro.html", "steps": [
            {"input": "200000", "output": "1000"},
            {"input": "200001", "output": "1000", "requests": "7"},
        ]},
    ]);
    let output = Process::new("node")
        .arg(fixture("../browser/check_site.cjs"))
        .arg(&site)
        .arg(checks.to_string())
        .env("NODE_PATH", &modules)
        .output()
        .expect("node runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["console_errors"], serde_json::json!([]));
    assert_eq!(report["outside_requests"], serde_json::json!([]));
    let pages = report["pages"].as_array().unwrap();
    // The seed page: $0.91 for 1M/1M as loaded; 1 token each way is
    // $0.00000035 + $0.00000056; 3 × $0.91 = $2.73; a bad count shows "—".
    assert_eq!(pages[0]["loaded"], "$0.91");
    assert_eq!(
        pages[0]["totals"],
        serde_json::json!(["$0.00000091", "$2.73", "—"])
    );
    // Every other total is the command's own, to the last digit: gpt-4o-mini
    // with cached input, Gemini 2.5 Pro at and just above its 200k tier.
    assert_eq!(
        pages[1]["totals"][0],
        cost_of("gpt-4o-mini", "2000", "1500", "500", "1000")
    );
    assert_eq!(
        pages[2]["totals"][0],
        cost_of("gemini-2.5-pro", "200000", "0", "1000", "1")
    );
    assert_eq!(
        pages[2]["totals"][1],
        cost_of("gemini-2.5-pro", "200001", "0", "1000", "7")
    );
    // Sorting by input price puts the cheapest first, then the dearest.
    let index = &report["index"];
    let inputs: Vec<Decimal> = index["all_inputs"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str().and_then(|s| s.parse().ok()))
        .collect();
    let cheapest = inputs.iter().min().unwrap();
    let dearest = inputs.iter().max().unwrap();
    assert_eq!(
        index["after_sort"][0]
            .as_str()
            .unwrap()
            .parse::<Decimal>()
            .unwrap(),
        *cheapest
    );
    assert_eq!(
        index["after_second_click"][0]
            .as_str()
            .unwrap()
            .parse::<Decimal>()
            .unwrap(),
        *dearest
    );
    // The provider filter keeps Mistral's two models (the seed and Mistral
    // Draft, whose output price is unknown and which sorts last).
    assert_eq!(index["mistral_rows"], 2);
    assert_eq!(index["shown"], "2");
}

#[test]
fn a_price_that_changed_gets_a_chart_and_a_table() {
    // The seed model with a second, later price point.
    let dir = tempfile::tempdir().unwrap();
    let path = with_seed_edited(dir.path(), |model| {
        model["price_history"] = serde_json::json!([
            {"date": "2026-05-08T17:08:00Z", "input": "0.35", "output": "0.56"},
            {"date": "2026-09-01", "input": "0.3", "output": "0.5"}
        ]);
    });
    let run = |format: &str| {
        stdout_of(
            llmcost()
                .arg("--catalog")
                .arg(&path)
                .args(["page", SEED, "--format", format]),
        )
    };
    let html = run("html");
    assert!(html.contains("<svg class=\"chart\""), "no chart");
    assert!(
        html.contains(
            "<td>2026-09-01</td><td class=\"num\">$0.30</td><td class=\"num\">$0.50</td>"
        )
    );
    assert!(!html.contains("We'll plot the chart here once it changes."));
    let markdown = run("markdown");
    assert!(
        markdown
            .contains("| 2026-05-08T17:08:00Z | $0.35 | $0.56 |\n| 2026-09-01 | $0.30 | $0.50 |")
    );
}
