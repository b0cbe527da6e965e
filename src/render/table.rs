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

/// Columns a table can do without, the first given up first when it is
/// wider than the terminal: ratios and shares, the parts a total already
/// holds, then descriptors. Ids, prices, counts of tokens and totals are
/// never dropped, so a row still says what it costs, and neither is the
/// provider, without which a model id can be ambiguous.
const DROPPABLE: [&str; 12] = [
    "vs cheapest",
    "cache hits",
    "reasoning",
    "cache write",
    "cache read",
    "retires",
    "tier",
    "score",
    "requests",
    "context",
    "#",
    "per day",
];

/// Shorter headers for a table wider than the terminal, tried before any
/// column is dropped.
const ABBREVIATED: [(&str, &str); 4] = [
    ("input / 1M", "in / 1M"),
    ("output / 1M", "out / 1M"),
    ("1M in + 1M out", "1M+1M"),
    ("vs cheapest", "×"),
];

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
/// [`ABBREVIATED`], [`DROPPABLE`], [`PROSE_COLUMNS`] and
/// [`MIN_PROSE_WIDTH`] for what gives way, in that order.
fn fitted_table(headers: &[String], right_aligned: &[usize], rows: &[Vec<Cell>]) -> Table {
    let rows = super::align_money(rows);
    let mut headers = headers.to_vec();
    let mut keep: Vec<usize> = (0..headers.len()).collect();
    let width = columns_variable().or_else(|| Table::new().width());
    if let Some(width) = width {
        let width = usize::from(width);
        let widest = |headers: &[String], column: usize| {
            rows.iter()
                .filter_map(|r| r.get(column))
                .map(|c| sanitize(&c.text).chars().count())
                .chain(std::iter::once(headers[column].chars().count()))
                .max()
                .unwrap_or(0)
                + COLUMN_PADDING
        };
        let is_prose =
            |headers: &[String], column: usize| PROSE_COLUMNS.contains(&headers[column].as_str());
        // What `keep` needs: the other columns whole, prose at its narrowest.
        let needed = |headers: &[String], keep: &[usize]| -> usize {
            keep.iter()
                .map(|&c| {
                    if is_prose(headers, c) {
                        (MIN_PROSE_WIDTH + COLUMN_PADDING).min(widest(headers, c))
                    } else {
                        widest(headers, c)
                    }
                })
                .sum()
        };
        if needed(&headers, &keep) > width {
            for header in &mut headers {
                if let Some((_, short)) = ABBREVIATED.iter().find(|(long, _)| long == header) {
                    *header = (*short).to_string();
                }
            }
        }
        while needed(&headers, &keep) > width {
            let droppable = DROPPABLE.iter().find_map(|name| {
                keep.iter().position(|&c| {
                    headers[c] == *name || ABBREVIATED.contains(&(*name, &headers[c]))
                })
            });
            let prose = keep.iter().rposition(|&c| is_prose(&headers, c));
            match droppable.or(prose) {
                Some(at) => {
                    keep.remove(at);
                }
                None => break,
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
                let indent = width + 4;
                let room = columns_variable()
                    .or_else(|| Table::new().width())
                    .map_or(usize::MAX, |w| usize::from(w).saturating_sub(indent));
                for (label, value) in pairs {
                    let lines = wrap(&sanitize(&value.text), room.max(MIN_PROSE_WIDTH));
                    let _ = writeln!(out, "  {label:<width$}  {}", lines[0]);
                    for line in &lines[1..] {
                        let _ = writeln!(out, "{:indent$}{line}", "");
                    }
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

/// `text` in lines of at most `room` characters, broken at spaces (a word
/// longer than that, a URL, stays whole on its own line).
fn wrap(text: &str, room: usize) -> Vec<String> {
    let mut lines: Vec<String> = vec![String::new()];
    for word in text.split(' ') {
        let line = lines.last_mut().expect("one line at least");
        let length = line.chars().count();
        if length > 0 && length + 1 + word.chars().count() > room {
            lines.push(word.to_string());
        } else {
            if length > 0 {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    lines
}
