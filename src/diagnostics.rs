//! The one channel for what a command has to say beside its report: notes
//! (how a rule or a lookup shaped the answer) and warnings (a missing price
//! worked around, a broken cache). Commands collect them here; the
//! dispatcher prints them once, sanitized, on stderr as `llmcost: note:` and
//! `llmcost: warning:` lines, so stdout stays the report alone.

use crate::render::text::sanitize;

/// Notes and warnings, in the order they arose, each said once.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Diagnostics {
    /// How a rule or a lookup shaped the answer.
    pub notes: Vec<String>,
    /// What was worked around.
    pub warnings: Vec<String>,
}

impl Diagnostics {
    /// Diagnostics holding `note`, if any (a lookup's "resolved to …").
    pub fn from_note(note: Option<String>) -> Diagnostics {
        let mut diagnostics = Diagnostics::default();
        diagnostics.notes.extend(note);
        diagnostics
    }

    /// Adds a note unless it was said already.
    pub fn note(&mut self, note: impl Into<String>) {
        let note = note.into();
        if !self.notes.contains(&note) {
            self.notes.push(note);
        }
    }

    /// Each as one sanitized line, warnings first: `warning: …`, `note: …`
    /// (the command line prefixes `llmcost: `; Python reads these).
    pub fn lines(&self) -> impl Iterator<Item = String> + '_ {
        let warnings = self
            .warnings
            .iter()
            .map(|w| format!("warning: {}", sanitize(w)));
        let notes = self.notes.iter().map(|n| format!("note: {}", sanitize(n)));
        warnings.chain(notes)
    }

    /// Adds a warning unless it was said already.
    pub fn warn(&mut self, warning: impl Into<String>) {
        let warning = warning.into();
        if !self.warnings.contains(&warning) {
            self.warnings.push(warning);
        }
    }
}
