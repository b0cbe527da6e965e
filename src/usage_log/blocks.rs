//! Reading a log in blocks of whole lines: standard input or a file (with
//! a progress bar on a terminal for large ones), in 4 MiB blocks that end at
//! a line break, each handed on with the number of its first line.

use super::agents::Reading;
use super::csv_rows;
use std::fs::File;
use std::io::Read;

use anyhow::{Context, Result, bail};
use indicatif::ProgressBar;

use crate::progress;

/// Logs smaller than this are read without a progress bar.
const PROGRESS_FROM_BYTES: u64 = 32 << 20;

/// Opens the log, with a progress bar on a terminal for large files and
/// standard input; `.gz` and `.zst` files are decompressed as they are read.
pub fn open_input(
    path: &str,
    csv_map: &[(String, String)],
) -> Result<(Box<dyn Read + Send>, ProgressBar)> {
    let (input, bar) = open_bytes(path)?;
    if let Some(agent) = super::agents::owner(path)
        && !matches!(agent.read, Reading::AsLogged)
    {
        let file = std::path::Path::new(path);
        let whole = |input: Box<dyn Read + Send>| -> Result<Vec<u8>> {
            let mut bytes = Vec::new();
            let mut input = input;
            input
                .read_to_end(&mut bytes)
                .with_context(|| format!("could not read '{path}'"))?;
            Ok(bytes)
        };
        // The agent's own format as lines any log could hold.
        let lines = match agent.read {
            // An agent's other files (transcripts, settings) hold no usage.
            _ if !(agent.wants)(file) => Vec::new(),
            Reading::Document(read) => super::agents::to_lines(&read(file, &whole(input)?)),
            Reading::Database(read) => {
                super::agents::to_lines(&read(file).with_context(|| format!("'{path}'"))?)
            }
            Reading::Filtered(read) => read(file, &whole(input)?),
            Reading::AsLogged => Vec::new(),
        };
        return Ok((Box::new(std::io::Cursor::new(lines)), bar));
    }
    if !csv_rows::is_csv(path) {
        return Ok((json_records(input, path)?, bar));
    }
    // A CSV export becomes flat JSON lines, read like any other log. The
    // exports are summaries (a row per model and day), so reading one
    // whole is fine.
    let mut text = Vec::new();
    let mut input = input;
    input
        .read_to_end(&mut text)
        .with_context(|| format!("'{path}'"))?;
    let lines = csv_rows::to_json_lines(&text, csv_map, path)?;
    Ok((Box::new(std::io::Cursor::new(lines)), bar))
}

/// A log as JSON Lines. A file that is instead one JSON document (an
/// array of records, or a response saved pretty-printed, or several such
/// documents one after another) becomes one line per record: an array's
/// elements, or the document itself. It is told apart by its first line:
/// a `[`, or a `{` whose JSON is unfinished at the line's end. A first line
/// that is broken (a raw control byte in a string, a stray character) is a
/// bad line of JSON Lines, not the start of a document. Documents are parsed
/// as they are read (see [`DocumentLines`]), so memory stays that of one
/// record however large the export.
fn json_records(input: Box<dyn Read + Send>, path: &str) -> Result<Box<dyn Read + Send>> {
    let mut reader = std::io::BufReader::new(input);
    let mut first = Vec::new();
    // At most a line's limit: a longer first line is skipped like any
    // over-long line, never held whole.
    std::io::BufRead::read_until(
        &mut (&mut reader).take(MAX_LINE_BYTES as u64 + 1),
        b'\n',
        &mut first,
    )
    .with_context(|| format!("could not read '{path}'"))?;
    let over_long = first.len() > MAX_LINE_BYTES;
    // A byte order mark (Windows PowerShell's UTF-8 writes one) is not
    // part of the first record.
    if first.starts_with(UTF8_BOM) {
        first.drain(..UTF8_BOM.len());
    }
    let head = first.trim_ascii();
    // An array is read element by element however long its line; an
    // over-long first line that is not one is a line to skip.
    let document = head.starts_with(b"[")
        || (!over_long
            && (is_otlp_envelope(head)
                || (head.starts_with(b"{")
                    && serde_json::from_slice::<serde::de::IgnoredAny>(head)
                        .is_err_and(|e| e.is_eof()))));
    if over_long && !document {
        skip_to_line_end(&mut reader).with_context(|| format!("could not read '{path}'"))?;
        return Ok(Box::new(std::io::Cursor::new(OVER_LONG_LINE).chain(reader)));
    }
    let whole = std::io::Cursor::new(first).chain(reader);
    if !document {
        return Ok(Box::new(whole));
    }
    Ok(Box::new(DocumentLines::spawn(Box::new(whole))))
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Whether a line opens an OTLP JSON envelope, as the OpenTelemetry
/// collector's file exporter writes one per line: `{"resourceSpans": …}`
/// or `{"resourceLogs": …}`.
fn is_otlp_envelope(head: &[u8]) -> bool {
    let Some(rest) = head.strip_prefix(b"{") else {
        return false;
    };
    let rest = rest.trim_ascii_start();
    rest.starts_with(b"\"resourceSpans\"") || rest.starts_with(b"\"resourceLogs\"")
}

/// The spans (or log records) of an OTLP JSON envelope, each as the record
/// `tally` reads: its `attributes` (the GenAI conventions' usage), and its
/// start time (`startTimeUnixNano`, else `timeUnixNano`, a string of
/// nanoseconds as OTLP JSON writes int64) as an RFC 3339 `timestamp`.
/// `None` when `value` is not an envelope.
fn otlp_records(value: &serde_json::Value) -> Option<Vec<serde_json::Value>> {
    use serde_json::Value;
    let object = value.as_object()?;
    let (resources, scopes, items) = if let Some(r) = object.get("resourceSpans") {
        (r, ["scopeSpans", "instrumentationLibrarySpans"], "spans")
    } else {
        (
            object.get("resourceLogs")?,
            ["scopeLogs", "instrumentationLibraryLogs"],
            "logRecords",
        )
    };
    let empty = Vec::new();
    let list = |v: Option<&Value>| v.and_then(Value::as_array).unwrap_or(&empty).clone();
    let mut records = Vec::new();
    for resource in list(Some(resources)) {
        let scope_lists = scopes.iter().flat_map(|key| list(resource.get(*key)));
        for item in scope_lists.flat_map(|scope| list(scope.get(items))) {
            let nanos = ["startTimeUnixNano", "timeUnixNano"]
                .iter()
                .find_map(|key| {
                    let v = item.get(*key)?;
                    v.as_str()
                        .and_then(|t| t.parse::<i64>().ok())
                        .or_else(|| v.as_i64())
                });
            let mut record = serde_json::Map::new();
            record.insert(
                "attributes".to_string(),
                item.get("attributes").cloned().unwrap_or(Value::Null),
            );
            if let Some(nanos) = nanos.filter(|n| *n > 0) {
                let stamp = crate::dates::format_instant(nanos / 1_000_000_000);
                record.insert("timestamp".to_string(), Value::from(stamp));
            }
            records.push(Value::Object(record));
        }
    }
    Some(records)
}

/// Records in a batch handed from the document parser to the reader.
const DOCUMENT_BATCH_BYTES: usize = 1 << 16;

/// JSON documents as compact lines, one per record, parsed on a thread of
/// their own and handed over in small batches through a bounded channel.
/// A document that stops parsing ends with one line that is not JSON, so
/// the records before it are priced and the rest is counted malformed; a
/// read error is this reader's error, as a file's would be.
struct DocumentLines {
    batches: std::sync::mpsc::Receiver<std::io::Result<Vec<u8>>>,
    batch: std::io::Cursor<Vec<u8>>,
}

impl DocumentLines {
    fn spawn(input: Box<dyn Read + Send>) -> DocumentLines {
        let (send, batches) = std::sync::mpsc::sync_channel(4);
        std::thread::spawn(move || {
            let mut out = Batches {
                send,
                batch: Vec::new(),
            };
            let mut parser = serde_json::Deserializer::from_reader(input);
            // Nothing but white space left is the end; an end inside a
            // document (a truncated export) is an error like any other.
            while parser.end().is_err() {
                match serde::Deserializer::deserialize_any(&mut parser, Emit(&mut out)) {
                    Ok(()) => {}
                    Err(e) if e.is_io() => {
                        out.flush();
                        let _ = out.send.send(Err(std::io::Error::other(e.to_string())));
                        return;
                    }
                    Err(e) => {
                        out.line(format!("not JSON: {e}").as_bytes());
                        break;
                    }
                }
            }
            out.flush();
        });
        DocumentLines {
            batches,
            batch: std::io::Cursor::new(Vec::new()),
        }
    }
}

impl Read for DocumentLines {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        loop {
            let n = self.batch.read(buf)?;
            if n > 0 || buf.is_empty() {
                return Ok(n);
            }
            match self.batches.recv() {
                Ok(next) => self.batch = std::io::Cursor::new(next?),
                // The parser is done.
                Err(_) => return Ok(0),
            }
        }
    }
}

/// The parser's side of [`DocumentLines`].
struct Batches {
    send: std::sync::mpsc::SyncSender<std::io::Result<Vec<u8>>>,
    batch: Vec<u8>,
}

impl Batches {
    fn line(&mut self, text: &[u8]) {
        self.batch.extend_from_slice(text);
        self.batch.push(b'\n');
        if self.batch.len() >= DOCUMENT_BATCH_BYTES {
            self.flush();
        }
    }

    fn flush(&mut self) {
        if !self.batch.is_empty() {
            // A reader that stopped listening wants no more.
            let _ = self.send.send(Ok(std::mem::take(&mut self.batch)));
        }
    }
}

/// Emits one top-level JSON value: an array's elements one line each, any
/// other value as one line.
struct Emit<'b>(&'b mut Batches);

impl Emit<'_> {
    fn value(self, value: &serde_json::Value) {
        match otlp_records(value) {
            Some(records) => {
                for record in records {
                    self.0.line(record.to_string().as_bytes());
                }
            }
            None => self.0.line(value.to_string().as_bytes()),
        }
    }
}

impl<'de> serde::de::Visitor<'de> for Emit<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("JSON documents")
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(record) = seq.next_element::<serde_json::Value>()? {
            self.0.line(record.to_string().as_bytes());
        }
        Ok(())
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        let record: serde_json::Value =
            serde::Deserialize::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
        self.value(&record);
        Ok(())
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<(), E> {
        self.value(&serde_json::Value::from(v));
        Ok(())
    }
    fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<(), E> {
        self.value(&serde_json::Value::from(v));
        Ok(())
    }
    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<(), E> {
        self.value(&serde_json::Value::from(v));
        Ok(())
    }
    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<(), E> {
        self.value(&serde_json::Value::from(v));
        Ok(())
    }
    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<(), E> {
        self.value(&serde_json::Value::from(v));
        Ok(())
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<(), E> {
        self.value(&serde_json::Value::Null);
        Ok(())
    }
}

/// The bytes of `path` (`-`: standard input), decompressed by extension.
fn open_bytes(path: &str) -> Result<(Box<dyn Read + Send>, ProgressBar)> {
    if path == "-" {
        let bar = progress::bytes(None, "llmcost: tallying standard input");
        return Ok((Box::new(bar.wrap_read(std::io::stdin())), bar));
    }
    let file = File::open(path).with_context(|| format!("could not open '{path}'"))?;
    let meta = file
        .metadata()
        .with_context(|| format!("could not read '{path}'"))?;
    if meta.is_dir() {
        bail!("'{path}' is a directory, not a file");
    }
    let bar = if meta.len() >= PROGRESS_FROM_BYTES {
        progress::bytes(Some(meta.len()), &format!("llmcost: tallying {path}"))
    } else {
        ProgressBar::hidden()
    };
    let raw = bar.wrap_read(file);
    let extension = std::path::Path::new(path)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    let input: Box<dyn Read + Send> = if extension.as_deref() == Some("gz") {
        Box::new(flate2::read::MultiGzDecoder::new(raw))
    } else if extension.as_deref() == Some("zst") {
        Box::new(
            ruzstd::decoding::StreamingDecoder::new(raw)
                .map_err(|e| anyhow::anyhow!("'{path}' is not a zstd file: {e}"))?,
        )
    } else {
        Box::new(raw)
    };
    Ok((input, bar))
}

/// The non-blank lines of a block, trimmed, each with its 1-based number
/// (`first` is the block's first line's): what both `tally`'s sums and its
/// line-by-line output read.
pub fn lines(block: &[u8], first: u64) -> impl Iterator<Item = (u64, &[u8])> {
    // memchr finds each break with vector instructions; `split` would test
    // every byte (a tenth of `tally`'s time).
    let ends = memchr::memchr_iter(b'\n', block).chain(std::iter::once(block.len()));
    let mut start = 0;
    (first..)
        .zip(ends)
        .map(move |(number, end)| {
            let raw = &block[start..end];
            start = end + 1;
            (number, raw.trim_ascii())
        })
        .filter(|(_, text)| !text.is_empty())
}

/// A line longer than this is skipped rather than buffered: no API writes
/// a usage record near this size.
pub(crate) const MAX_LINE_BYTES: usize = 64 << 20;

/// What stands in for a skipped over-long line: not JSON, so it is counted
/// as a malformed line at its own number, and `--annotate` writes it back
/// instead of the line.
const OVER_LONG_LINE: &[u8] = b"(a line longer than 64 MiB, skipped)\n";

/// Bytes read at a time; each block ends at a line break.
const BLOCK_BYTES: usize = 4 << 20;

/// Reads whole-line blocks and hands each, with its first line number, to
/// `sink`, which may hand back a block it is done with: reading into it
/// again saves mapping and clearing 4 MiB of fresh memory per block (a
/// quarter of `tally`'s time on a large log).
pub fn for_each_block(
    mut input: impl Read,
    mut sink: impl FnMut(Vec<u8>, u64) -> Result<Option<Vec<u8>>>,
    file: &str,
) -> Result<()> {
    let mut carry: Vec<u8> = Vec::new();
    let mut spare: Option<Vec<u8>> = None;
    let mut next_line = 1u64;
    // The first block's room: a plain file's size, when smaller.
    let mut first_room = std::fs::metadata(file)
        .ok()
        .filter(|meta| meta.is_file() && file != "-")
        .and_then(|meta| usize::try_from(meta.len()).ok())
        .map_or(BLOCK_BYTES, |len| len.saturating_add(1).min(BLOCK_BYTES));
    loop {
        let start = carry.len();
        // A new block is asked of the allocator already zeroed, which
        // fresh pages are without clearing (clearing seven 4 MiB blocks
        // was 2.6% of `tally`'s instructions on 100k lines). A handed-back
        // block keeps its length, so only the bytes past it are cleared
        // again: clearing the whole 4 MiB was a twentieth of the reading
        // thread's time. A small file's one block is its size (plus the
        // byte that shows its end), not 4 MiB cleared for each of a coding
        // agent's thousand sessions.
        let room = std::mem::replace(&mut first_room, BLOCK_BYTES);
        let mut block = if start > BLOCK_BYTES {
            // A long partial line grows where it is (a large allocation
            // is remapped, not copied), so an over-long line costs about
            // the line limit, not twice it.
            let mut grown = std::mem::take(&mut carry);
            grown.reserve_exact(BLOCK_BYTES);
            grown.resize(start + BLOCK_BYTES, 0);
            grown
        } else {
            let mut block = spare.take().unwrap_or_else(|| vec![0; start + room]);
            block.resize(start + room, 0);
            block[..start].copy_from_slice(&carry);
            carry.clear();
            block
        };
        let n = read_full(&mut input, &mut block[start..])
            .with_context(|| format!("could not read '{file}'"))?;
        // A read that stops short has met the input's end: no read after
        // it, whose block would be cleared again for nothing.
        let at_end = start + n < block.len();
        block.truncate(start + n);
        if block.is_empty() {
            return Ok(());
        }
        if n > 0 {
            // Keep a partial last line for the next block.
            let Some(end) = memchr::memrchr(b'\n', &block) else {
                if block.len() > MAX_LINE_BYTES {
                    // Read past the line's end without keeping it; hand on
                    // a stand-in that counts as one malformed line.
                    let rest = skip_line(&mut input, &mut block)
                        .with_context(|| format!("could not read '{file}'"))?;
                    block.clear();
                    block.extend_from_slice(OVER_LONG_LINE);
                    let first = next_line;
                    next_line += 1;
                    spare = sink(block, first)?;
                    match rest {
                        Some(rest) => carry = rest,
                        None => return Ok(()),
                    }
                    continue;
                }
                carry = block;
                continue;
            };
            carry.extend_from_slice(&block[end + 1..]);
            block.truncate(end + 1);
        }
        let lines = memchr::memchr_iter(b'\n', &block).count() as u64;
        let first = next_line;
        next_line += lines.max(1);
        spare = sink(block, first)?;
        if n == 0 {
            return Ok(());
        }
        if at_end {
            // The last line, if it has no line break, is a block of its own.
            if !carry.is_empty() {
                sink(carry, next_line)?;
            }
            return Ok(());
        }
    }
}

/// Consumes `reader` through the end of the current line, keeping none of
/// it.
fn skip_to_line_end(reader: &mut impl std::io::BufRead) -> std::io::Result<()> {
    loop {
        let buffer = reader.fill_buf()?;
        if buffer.is_empty() {
            return Ok(());
        }
        if let Some(at) = memchr::memchr(b'\n', buffer) {
            reader.consume(at + 1);
            return Ok(());
        }
        let all = buffer.len();
        reader.consume(all);
    }
}

/// Reads `input` up to the end of the current line, through `buffer`
/// (whose contents are lost), one block at a time: what follows the line
/// break, or `None` when the input ends first.
fn skip_line(input: &mut impl Read, buffer: &mut Vec<u8>) -> std::io::Result<Option<Vec<u8>>> {
    buffer.resize(BLOCK_BYTES, 0);
    loop {
        let n = read_full(input, buffer)?;
        if let Some(at) = memchr::memchr(b'\n', &buffer[..n]) {
            return Ok(Some(buffer[at + 1..n].to_vec()));
        }
        if n < buffer.len() {
            return Ok(None);
        }
    }
}

fn read_full(input: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match input.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}
