//! Shell integration: completion scripts, model-id completion, man page, version.

use crate::common;

use common::{llmcost, stdout_of};
use predicates::prelude::*;

#[test]
fn completion_scripts_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = stdout_of(llmcost().args(["completions", shell]));
        assert!(script.contains("COMPLETE"), "{shell}: {script}");
        assert!(script.contains("llmcost"), "{shell}");
    }
    llmcost().args(["completions", "tcsh"]).assert().code(2);
}

#[test]
fn model_ids_complete_from_the_catalog() {
    let out = stdout_of(
        llmcost()
            .env("COMPLETE", "bash")
            .env("_CLAP_COMPLETE_INDEX", "2")
            .env("_CLAP_COMPLETE_COMP_TYPE", "9")
            .env("_CLAP_COMPLETE_SPACE", "false")
            .args(["--", "llmcost", "cost", "mistral-small-3"]),
    );
    // The seed, and the retired Mistral Small 3.2 kept for old logs.
    assert_eq!(
        out.trim(),
        "mistral-small-3-1-24b-instruct\nmistral-small-3.2-24b-instruct"
    );
}

#[test]
fn man_page_and_version() {
    let man = stdout_of(llmcost().arg("man"));
    assert!(man.contains(".TH llmcost 1"), "{man}");
    assert!(man.contains("cost"), "{man}");
    llmcost().arg("--version").assert().success().stdout(
        predicate::str::is_match(r"^llmcost \d+\.\d+\.\d+ \(bundled catalog as of 2026-11-20\)\n$")
            .unwrap(),
    );
}

#[test]
fn plain_llmcost_prints_the_short_help_and_the_exit_codes_are_listed() {
    // No command: the short help on stderr, exit 2, never an "error:" line.
    llmcost()
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::starts_with(
            "LLM API cost calculator and model catalog browser",
        ))
        .stderr(predicate::str::contains(
            "Usage: llmcost [OPTIONS] <COMMAND>",
        ))
        .stderr(predicate::str::contains("error:").not());
    let help = stdout_of(llmcost().arg("--help"));
    assert!(help.contains("3 over the --fail-over budget"), "{help}");
}

/// Runs bash's completion of `line` through `llmcost completions bash`, as
/// bash would on TAB, and returns what COMPREPLY holds, one per line.
fn bash_completes(line: &str) -> String {
    let binary = assert_cmd::cargo::cargo_bin("llmcost");
    let path = format!(
        "{}:{}",
        binary.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let script = r#"
        source <(llmcost completions bash)
        COMP_LINE="$LINE"; COMP_POINT=${#COMP_LINE}; COMP_TYPE=9
        COMP_WORDBREAKS=$' \t\n"'"'"'><=;|&(:'
        _clap_complete_llmcost llmcost "" ""
        printf '%s\n' "${COMPREPLY[@]}"
    "#;
    let output = std::process::Command::new("bash")
        .args(["-c", script])
        .env("PATH", path)
        .env("LINE", line)
        .env_remove("LLMCOST_CATALOG")
        .env("XDG_CACHE_HOME", common::fixture("no-such-cache-dir"))
        .output()
        .expect("bash runs");
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn bash_completes_colon_ids_provider_forms_and_the_catalog_flag() {
    // Bash splits the word at ':' and keeps "…-v1:", so the reply is the rest.
    assert_eq!(
        bash_completes("llmcost cost anthropic.claude-haiku-4-5-20251001-v1:"),
        "0\n"
    );
    assert_eq!(
        bash_completes("llmcost cost anthropic/claude-haiku-4-5-2"),
        "anthropic/claude-haiku-4-5-20251001\n"
    );
    // --catalog on the line: the fixture has gpt-4o and gpt-4o-mini only.
    let fixture = common::fixture("catalog.json");
    assert_eq!(
        bash_completes(&format!(
            "llmcost --catalog {} cost gpt-4o",
            fixture.display()
        )),
        "gpt-4o\ngpt-4o-mini\n"
    );
}
