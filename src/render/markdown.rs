//! Markdown: pipe tables that paste into a pull request or an issue.

use std::fmt::Write as _;

use super::text::sanitize;
use super::{Block, Cell, Document};

/// Escapes a cell so it cannot break the table: pipes and line breaks.
fn cell(text: &str) -> String {
    sanitize(text)
        .replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('\u{FFFD}', " ")
}

fn table(out: &mut String, headers: &[String], right_aligned: &[usize], rows: &[Vec<Cell>]) {
    let header: Vec<String> = headers.iter().map(|h| cell(h)).collect();
    let _ = writeln!(out, "| {} |", header.join(" | "));
    let rule: Vec<&str> = (0..headers.len())
        .map(|i| {
            if right_aligned.contains(&i) {
                "---:"
            } else {
                "---"
            }
        })
        .collect();
    let _ = writeln!(out, "| {} |", rule.join(" | "));
    for row in &super::align_money(rows) {
        let cells: Vec<String> = row.iter().map(|c| cell(&c.text)).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
}

/// Renders a document as markdown.
pub fn render(doc: &Document) -> String {
    let mut out = String::new();
    for (i, block) in doc.blocks.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        match block {
            Block::Title(title) => {
                let _ = writeln!(out, "### {}", cell(title));
            }
            Block::Fields { heading, pairs } => {
                if let Some(heading) = heading {
                    let _ = writeln!(out, "**{}**\n", cell(heading));
                }
                let rows: Vec<Vec<Cell>> = pairs
                    .iter()
                    .map(|(k, v)| vec![Cell::text(k.clone()), Cell::text(v.text.clone())])
                    .collect();
                table(&mut out, &["field".into(), "value".into()], &[], &rows);
            }
            Block::Table {
                headers,
                right_aligned,
                rows,
            } => table(&mut out, headers, right_aligned, rows),
            Block::Code { lang, text } => {
                // A fence longer than any backtick run in the code cannot be closed by it.
                let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
                let fence = "`".repeat(longest.max(2) + 1);
                let _ = write!(out, "{fence}{lang}\n{text}{fence}\n");
            }
            Block::Lines(lines) => {
                for line in lines {
                    let _ = writeln!(out, "{}  ", cell(line));
                }
            }
        }
    }
    out
}
