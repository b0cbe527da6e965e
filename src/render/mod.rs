//! The one place that turns reports into text. A command builds a report (a
//! plain `Serialize` struct) and describes its layout once as a [`Document`];
//! the table, markdown and CSV writers all read that same document, and JSON
//! is the report itself.

mod csv_out;
mod markdown;
mod table;
pub mod text;

use std::io::Write;

use anyhow::Result;
use clap::ValueEnum;
use serde::Serialize;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A readable table (the default).
    Table,
    /// JSON, for scripts and `jq`; money is exact decimal numbers.
    Json,
    /// CSV (RFC 4180) of the report's rows.
    Csv,
    /// A markdown pipe table, for pasting into a PR or issue.
    Markdown,
}

/// One part of a report's layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A heading line.
    Title(String),
    /// Label/value pairs under an optional heading, as on a model card.
    Fields {
        /// Section heading.
        heading: Option<String>,
        /// The pairs.
        pairs: Vec<(String, String)>,
    },
    /// Rows under column headers.
    Table {
        /// Column headers.
        headers: Vec<String>,
        /// Which columns are right-aligned (numbers, money).
        right_aligned: Vec<usize>,
        /// The rows.
        rows: Vec<Vec<String>>,
    },
    /// Free lines: notes and footers.
    Lines(Vec<String>),
    /// A program, printed exactly as it is (no sanitizing, no wrapping).
    Code {
        /// Language tag for a markdown fence.
        lang: &'static str,
        /// The program, ending with a newline.
        text: String,
    },
}

/// A report's layout, read by every text format.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    /// The parts, in order.
    pub blocks: Vec<Block>,
}

impl Document {
    /// Appends a block.
    pub fn push(&mut self, block: Block) -> &mut Self {
        self.blocks.push(block);
        self
    }
}

/// A report: serializable as JSON and laid out as a [`Document`] for text.
pub trait Report: Serialize {
    /// The report's layout for table, markdown and CSV output.
    fn document(&self) -> Document;
}

/// Writes `report` in `format`.
pub fn render(report: &impl Report, format: Format, out: &mut dyn Write) -> Result<()> {
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, report)?;
            writeln!(out)?;
        }
        Format::Table => out.write_all(table::render(&report.document()).as_bytes())?,
        Format::Markdown => out.write_all(markdown::render(&report.document()).as_bytes())?,
        Format::Csv => csv_out::render(&report.document(), out)?,
    }
    Ok(())
}
