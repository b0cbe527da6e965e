//! Every `$ llmcost …` example in README.md and docs/*.md runs against the
//! bundled catalog (from the repository root, with no user cache) and prints
//! exactly what the document shows, so the documents cannot drift from the
//! binary. In a shown output, `…` stands for any text within one line (a
//! cache path that depends on the machine); stdout comes first, then stderr.

use crate::common;

use std::path::{Path, PathBuf};

/// One example: the command line and the output shown under it.
struct Example {
    file: String,
    line: usize,
    command: String,
    expected: String,
}

fn documents() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("README.md")];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root.join("docs"))
        .map(|dir| {
            dir.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "md"))
                .collect()
        })
        .unwrap_or_default();
    docs.sort();
    files.extend(docs);
    files
}

/// The examples in the ```console blocks of `text`.
fn examples(file: &str, text: &str) -> Vec<Example> {
    let mut found = Vec::new();
    let mut in_console = false;
    let mut current: Option<Example> = None;
    for (number, line) in text.lines().enumerate() {
        if line.starts_with("```") {
            found.extend(current.take());
            in_console = !in_console && line.trim() == "```console";
            continue;
        }
        if !in_console {
            continue;
        }
        if let Some(command) = line.strip_prefix("$ ") {
            found.extend(current.take());
            current = Some(Example {
                file: file.to_string(),
                line: number + 1,
                command: command.to_string(),
                expected: String::new(),
            });
        } else if let Some(example) = current.as_mut() {
            example.expected.push_str(line);
            example.expected.push('\n');
        }
    }
    found
}

/// Splits a command line into words: spaces separate, single or double
/// quotes group (no escapes are used in the documents).
fn words(command: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quote: Option<char> = None;
    let mut started = false;
    for c in command.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (None, '\'' | '"') => {
                quote = Some(c);
                started = true;
            }
            (None, ' ') => {
                if started || !word.is_empty() {
                    out.push(std::mem::take(&mut word));
                }
                started = false;
            }
            (_, c) => word.push(c),
        }
    }
    if started || !word.is_empty() {
        out.push(word);
    }
    out
}

/// Whether `actual` matches `expected`, where `…` in an expected line
/// matches any text within the line.
fn matches(expected: &str, actual: &str) -> bool {
    // A blank line may separate two examples in one block.
    let expected = expected.trim_end_matches('\n');
    let (expected, actual): (Vec<&str>, Vec<&str>) =
        (expected.lines().collect(), actual.lines().collect());
    expected.len() == actual.len()
        && expected
            .iter()
            .zip(&actual)
            .all(|(e, a)| line_matches(e, a))
}

fn line_matches(expected: &str, actual: &str) -> bool {
    let mut parts = expected.split('…');
    let first = parts.next().unwrap_or("");
    let Some(mut rest) = actual.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    for (i, part) in parts.iter().enumerate() {
        if i + 1 == parts.len() {
            return rest.ends_with(part);
        }
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    rest.is_empty()
}

#[test]
fn every_documented_example_prints_what_the_document_shows() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut checked = 0;
    let mut failures = Vec::new();
    for path in documents() {
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.strip_prefix(root).unwrap().display().to_string();
        for example in examples(&name, &text) {
            let args = words(&example.command);
            assert_eq!(args[0], "llmcost", "{}:{}", example.file, example.line);
            let cache = tempfile::tempdir().unwrap();
            let output = common::llmcost()
                .current_dir(root)
                .env("XDG_CACHE_HOME", cache.path())
                .env_remove("COLUMNS")
                .args(&args[1..])
                .output()
                .unwrap();
            let actual = format!(
                "{}{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            );
            if !matches(&example.expected, &actual) {
                failures.push(format!(
                    "{}:{}: $ {}\n--- shown\n{}--- printed\n{}",
                    example.file, example.line, example.command, example.expected, actual
                ));
            }
            checked += 1;
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked >= 15, "only {checked} examples found");
}

#[test]
fn the_matcher_and_the_splitter_work() {
    assert!(line_matches(
        "wrote 5 models to … (source: x)",
        "wrote 5 models to /tmp/a/b (source: x)"
    ));
    assert!(!line_matches(
        "wrote 5 models to … (source: x)",
        "wrote 6 models to /tmp (source: x)"
    ));
    assert!(line_matches("exact", "exact"));
    assert!(!line_matches("exact", "exact!"));
    assert_eq!(
        words("cost 'llama 3.3' --in 1"),
        ["cost", "llama 3.3", "--in", "1"]
    );
}

#[test]
fn the_front_page_counts_match_the_bundled_catalog() {
    let json = common::json_of(common::llmcost().args(["list", "--all", "--snapshots", "--json"]));
    let models = json["models"].as_array().unwrap();
    let mut providers: Vec<&str> = models
        .iter()
        .map(|m| m["provider"].as_str().unwrap())
        .collect();
    providers.sort_unstable();
    providers.dedup();
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let claim = format!(
        "{} chat models from {} providers' own APIs",
        models.len(),
        providers.len()
    );
    assert!(readme.contains(&claim), "README does not say: {claim}");
}

#[test]
fn the_front_page_confidence_counts_match_catalog_check() {
    let json = common::json_of(common::llmcost().args(["catalog", "check", "--json"]));
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let claim = format!(
        "{} have prices confirmed by a second source (every rate they bill at: none contradicted, one at least confirmed within 0.5%), {} are single-source and {} are disputed",
        json["confirmed"],
        json["single_source"],
        json["disputed"].as_array().unwrap().len()
    );
    assert!(readme.contains(&claim), "README does not say: {claim}");
}

#[test]
fn the_readme_is_a_front_page_of_at_most_15_kb() {
    // The reference is in docs/; the README says what llmcost is, how to
    // install it and a few runs of each command, in at most 15,000 bytes.
    let readme = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    assert!(
        readme.len() <= 15_000,
        "README.md is {} bytes",
        readme.len()
    );
}
