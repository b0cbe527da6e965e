//! The default, human-readable format: comfy-table for rows, aligned
//! label/value lines for cards. Fits the terminal width when there is one.

use std::fmt::Write as _;

use comfy_table::{
    CellAlignment, ColumnConstraint, ContentArrangement, LineStyle, Table, TableStyle,
};

use super::text::sanitize;
use super::{Block, Cell, Document};

/// Narrowest terminal width worth wrapping a table to.
const MIN_WIDTH: u16 = 40;

/// Columns, by header, that hold prose: when a table is fitted to the
/// terminal they alone wrap, at spaces; every other column (ids, numbers,
/// money) keeps its whole width, so a model id never breaks in the middle.
const PROSE_COLUMNS: [&str; 4] = ["name", "why", "witnesses", "also"];

/// The narrowest a prose column may wrap to; below that it is dropped,
/// the rightmost first.
const MIN_PROSE_WIDTH: usize = 24;

/// Space comfy-table puts around each column's content.
const COLUMN_PADDING: usize = 2;

/// The width `COLUMNS` asks for, so output piped to a file or a pager can
/// still be fitted (comfy-table only asks the terminal itself).
fn columns_variable() -> Option<u16> {
    std::env::var("COLUMNS")
        .ok()?
        .trim()
        .parse()
        .ok()
        .filter(|&w| w > 0)
}

/// A rule under the header and nothing else: light enough for long lists.
fn style() -> TableStyle {
    TableStyle::new().header_separator(LineStyle::none().fill('─').junction('─'))
}

/// Lays out a table to fit the terminal (or `COLUMNS`): see
/// [`PROSE_COLUMNS`] and [`MIN_PROSE_WIDTH`] for what gives way.
fn fitted_table(headers: &[String], right_aligned: &[usize], rows: &[Vec<Cell>]) -> Table {
    let rows = super::align_money(rows);
    let mut keep: Vec<usize> = (0..headers.len()).collect();
    let width = columns_variable().or_else(|| Table::new().width());
    if let Some(width) = width {
        let widest = |column: usize| {
            rows.iter()
                .filter_map(|r| r.get(column))
                .map(|c| sanitize(&c.text).chars().count())
                .chain(std::iter::once(headers[column].chars().count()))
                .max()
                .unwrap_or(0)
                + COLUMN_PADDING
        };
        let is_prose = |column: usize| PROSE_COLUMNS.contains(&headers[column].as_str());
        loop {
            let fixed: usize = keep
                .iter()
                .filter(|&&c| !is_prose(c))
                .map(|&c| widest(c))
                .sum();
            let prose: Vec<usize> = keep.iter().copied().filter(|&c| is_prose(c)).collect();
            let room = usize::from(width).saturating_sub(fixed);
            let needed: usize = prose.iter().map(|&c| widest(c)).sum();
            match prose.last() {
                Some(&last) if room < needed && room < MIN_PROSE_WIDTH * prose.len() => {
                    keep.retain(|&c| c != last);
                }
                _ => break,
            }
        }
    }
    let mut table = Table::new();
    table
        .load_style(style())
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(keep.iter().map(|&c| sanitize(&headers[c])))
        .add_rows(rows.iter().map(|row| {
            keep.iter().map(|&c| {
                row.get(c)
                    .map(|cell| sanitize(&cell.text))
                    .unwrap_or_default()
            })
        }));
    if let Some(width) = width {
        table.set_width(width);
    }
    // A terminal that reports a width too small to lay out any table (some
    // pseudo-terminals say 0) gets unwrapped rows.
    if table.width().is_some_and(|w| w < MIN_WIDTH) {
        table.set_content_arrangement(ContentArrangement::Disabled);
    }
    for (index, &column) in keep.iter().enumerate() {
        let Some(col) = table.column_mut(index) else {
            continue;
        };
        if right_aligned.contains(&column) {
            col.set_cell_alignment(CellAlignment::Right);
        }
        if !PROSE_COLUMNS.contains(&headers[column].as_str()) {
            col.set_constraint(ColumnConstraint::ContentWidth);
        }
    }
    table
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
                    let _ = writeln!(out, "  {label:<width$}  {}", sanitize(&value.text));
                }
            }
            Block::Table {
                headers,
                right_aligned,
                rows,
            } => {
                for line in fitted_table(headers, right_aligned, rows).lines() {
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
