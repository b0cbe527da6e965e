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
use rust_decimal::Decimal;
use serde::Serialize;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
        /// The pairs: a label and its value (plain in CSV, as a table's
        /// cells are).
        pairs: Vec<(String, Cell)>,
    },
    /// Rows under column headers.
    Table {
        /// Column headers.
        headers: Vec<String>,
        /// Which columns are right-aligned (numbers, money).
        right_aligned: Vec<usize>,
        /// The rows.
        rows: Vec<Vec<Cell>>,
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

/// A table cell: the text people read, and the plain value CSV carries
/// (`$1,234.50` is read as `1234.5`; an unknown price is an empty field).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// Shown in tables and markdown.
    pub text: String,
    /// Written to CSV instead of `text`, when different.
    pub raw: Option<String>,
    /// The amount of a money cell, so a column can show every amount with
    /// the same number of decimals.
    pub amount: Option<Decimal>,
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell::text(text)
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Cell {
        Cell::text(text)
    }
}

impl Cell {
    /// A cell whose text is also its value.
    pub fn text(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            raw: None,
            amount: None,
        }
    }

    /// USD: `$0.35` to read, `0.35` in CSV; "unknown" / empty when `None`.
    pub fn money(amount: Option<Decimal>) -> Cell {
        Cell {
            text: text::rate(amount),
            raw: Some(
                amount
                    .map(|a| a.normalize().to_string())
                    .unwrap_or_default(),
            ),
            amount,
        }
    }

    /// A count: `1,000,000` to read, `1000000` in CSV.
    pub fn count(n: u64) -> Cell {
        Cell {
            text: crate::quantity::group_thousands(n),
            raw: Some(n.to_string()),
            amount: None,
        }
    }

    /// A token window: `128k` to read, `128000` in CSV; "unknown" / empty.
    pub fn tokens(n: Option<u64>) -> Cell {
        Cell {
            text: n.map_or_else(|| "unknown".to_string(), crate::quantity::short_tokens),
            raw: Some(n.map(|n| n.to_string()).unwrap_or_default()),
            amount: None,
        }
    }

    /// A cell with its own text and the value CSV writes instead.
    pub fn with_raw(text: impl Into<String>, raw: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            raw: Some(raw.into()),
            amount: None,
        }
    }

    /// The value CSV writes.
    pub fn csv_value(&self) -> &str {
        self.raw.as_deref().unwrap_or(&self.text)
    }
}

/// `rows` with every money column written to one precision: as many
/// decimals as its most precise amount needs, at least two, so `$0.015`
/// and `$2.62144` in one column read `$0.01500` and `$2.62144`.
pub(crate) fn align_money(rows: &[Vec<Cell>]) -> Vec<Vec<Cell>> {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut places = vec![None::<u32>; columns];
    for row in rows {
        for (column, cell) in row.iter().enumerate() {
            if let Some(amount) = cell.amount {
                let scale = amount.normalize().scale().max(2);
                places[column] = Some(places[column].map_or(scale, |p| p.max(scale)));
            }
        }
    }
    rows.iter()
        .map(|row| {
            row.iter()
                .enumerate()
                .map(|(column, cell)| match (cell.amount, places[column]) {
                    (Some(amount), Some(places)) => Cell {
                        text: text::usd_places(amount, places),
                        ..cell.clone()
                    },
                    _ => cell.clone(),
                })
                .collect()
        })
        .collect()
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
