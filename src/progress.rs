//! Progress bars on stderr for long reads (`catalog update` downloads,
//! `tally` on large logs). Drawn only when stderr is a terminal, so scripts
//! and tests see nothing.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};

/// A byte-count bar for a read of `total` bytes (a spinner when unknown),
/// or a hidden one when stderr is not a terminal.
pub fn bytes(total: Option<u64>, message: &str) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let (bar, template) = match total {
        Some(total) => (
            ProgressBar::new(total),
            "{msg} [{bar:30}] {bytes}/{total_bytes} ({bytes_per_sec}, {eta})",
        ),
        None => (
            ProgressBar::new_spinner(),
            "{spinner} {msg} {bytes} ({bytes_per_sec})",
        ),
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.with_message(message.to_string())
}
