//! Shell integration: completion scripts, model-id completion, man page, version.

mod common;

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
    assert_eq!(out.trim(), "mistral-small-3-1-24b-instruct");
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
