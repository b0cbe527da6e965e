//! The `llmcost` binary: everything lives in the library.

fn main() -> std::process::ExitCode {
    llmcost::main_entry()
}
