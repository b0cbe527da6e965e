//! The default, human-readable format: comfy-table for rows, aligned
//! label/value lines for cards. Fits the terminal width when there is one.

use std::fmt::Write as _;

use comfy_table::{CellAlignment, ContentArrangement, LineStyle, Table, TableStyle};

use super::text::sanitize;
use super::{Block, Document};

/// Narrowest terminal width worth wrapping a table to.
const MIN_WIDTH: u16 = 40;

/// A rule under the header and nothing else: light enough for long lists.
fn style() -> TableStyle {
    TableStyle::new().header_separator(LineStyle::none().fill('─').junction('─'))
}

/// Renders a document as text tables.
pub fn render(doc: &Document) -> String {
    let mut out = String::new();
    for (i, block) in doc.blocks.iter().enumerate() {
        if i > 0 && !matches!(block, Block::Lines(_) | Block::Code { .. }) {
            out.push('\n');
        }
        match block {
            Block::Title(title) => {
                let _ = writeln!(out, "{}", sanitize(title));
            }
            Block::Fields { heading, pairs } => {
                if let Some(heading) = heading {
                    let _ = writeln!(out, "{}", sanitize(heading));
                }
                let width = pairs
                    .iter()
                    .map(|(k, _)| k.chars().count())
                    .max()
                    .unwrap_or(0);
                for (label, value) in pairs {
                    let _ = writeln!(out, "  {label:<width$}  {}", sanitize(value));
                }
            }
            Block::Table {
                headers,
                right_aligned,
                rows,
            } => {
                let rows = super::align_money(rows);
                let mut table = Table::new();
                table
                    .load_style(style())
                    .set_content_arrangement(ContentArrangement::Dynamic)
                    .set_header(headers.iter().map(|h| sanitize(h)))
                    .add_rows(rows.iter().map(|row| row.iter().map(|c| sanitize(&c.text))));
                // A terminal that reports a width too small to lay out any
                // table (some pseudo-terminals say 0) gets unwrapped rows.
                if table.width().is_some_and(|w| w < MIN_WIDTH) {
                    table.set_content_arrangement(ContentArrangement::Disabled);
                }
                for &column in right_aligned {
                    if let Some(col) = table.column_mut(column) {
                        col.set_cell_alignment(CellAlignment::Right);
                    }
                }
                for line in table.lines() {
                    let _ = writeln!(out, "{}", line.trim_end());
                }
            }
            Block::Code { text, .. } => out.push_str(text),
            Block::Lines(lines) => {
                for line in lines {
                    let _ = writeln!(out, "{}", sanitize(line));
                }
            }
        }
    }
    out
}
