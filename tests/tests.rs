//! llmcost's integration tests, compiled as one binary (as ripgrep's
//! `tests/tests.rs`) so `cargo test` links once. Each module runs the real
//! binary with real arguments, one command or concern per module.

mod common;

mod browse;
mod build;
mod catalog;
mod cost;
mod doors;
mod hostile;
mod lookup;
mod mcp;
mod off_peak;
mod price_changes;
mod pricing;
mod properties;
mod readme;
mod retired;
mod shell;
mod show;
mod site;
mod snippet;
mod sql;
mod tally;
mod update;
