//! CSV (RFC 4180): the report's first table with its header; a report with
//! no table (a model card) becomes `section,field,value` rows.

use std::io::Write;

use anyhow::Result;

use super::text::sanitize;
use super::{Block, Document};

/// Writes a document as CSV.
pub fn render(doc: &Document, out: &mut dyn Write) -> Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    let first_table = doc.blocks.iter().find_map(|b| match b {
        Block::Table { headers, rows, .. } => Some((headers, rows)),
        _ => None,
    });
    if let Some((headers, rows)) = first_table {
        writer.write_record(headers.iter().map(|h| sanitize(h)))?;
        for row in rows {
            writer.write_record(row.iter().map(|c| sanitize(c.csv_value())))?;
        }
    } else if let Some((lang, text)) = doc.blocks.iter().find_map(|b| match b {
        Block::Code { lang, text } => Some((lang, text)),
        _ => None,
    }) {
        writer.write_record(["lang", "code"])?;
        writer.write_record([lang, text.as_str()])?;
    } else {
        writer.write_record(["section", "field", "value"])?;
        for block in &doc.blocks {
            if let Block::Fields { heading, pairs } = block {
                let section = heading.as_deref().unwrap_or("");
                for (field, value) in pairs {
                    writer.write_record([section, field, value.csv_value()].map(sanitize))?;
                }
            }
        }
    }
    writer.flush()?;
    Ok(())
}
