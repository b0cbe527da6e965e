//! A JSON reader for log lines. A record's members are read in place, by
//! key, and every value no field wants is skipped, though still checked
//! against JSON's grammar, so a broken line is never read as a good one.
//! serde_json's visitor layers cost half of `tally`'s time on a line that
//! keeps a tenth of what it holds.

use bumpalo::Bump;

/// The line is not JSON, or a value is not of the type its field reads
/// (a count that is not a whole number, say). Lines are counted and
/// reported by number, so no more is said.
#[derive(Debug, PartialEq, Eq)]
pub struct NotJson;

pub type Scanned<T> = Result<T, NotJson>;

/// How deep arrays and objects may nest (serde_json's limit): the readers
/// recurse, and a hostile line must not run them out of stack.
const MAX_DEPTH: u32 = 128;

/// A cursor over one JSON text, checked as UTF-8 beforehand: strings are
/// sliced only at ASCII quotes, so every slice is valid `str`. What a
/// line's record holds beyond the line (nested objects, decoded escapes)
/// goes in `arena`, which the caller clears between lines: a record then
/// owns nothing, and costs no allocation or drop of its own.
pub struct Scanner<'a> {
    text: &'a str,
    at: usize,
    depth: u32,
    arena: &'a Bump,
}

/// A struct read from a JSON object member by member.
pub trait ReadObject<'a> {
    /// Reads the value of member `key` (its decoded bytes) at the
    /// scanner, or skips it.
    fn read_member(&mut self, key: &[u8], scanner: &mut Scanner<'a>) -> Scanned<()>;
}

/// A field's type: reads its value from the scanner, replacing what it held.
pub trait ReadField<'a> {
    fn read(&mut self, scanner: &mut Scanner<'a>) -> Scanned<()>;
}

/// Implements [`ReadObject`] from a table of `b"json key" => field` rows;
/// other keys are skipped, and a key read twice keeps its last value.
/// A lifetime given first (`<'a> Record<'a>`) is the one the fields borrow.
/// Keys are byte arrays, so each test is a length check and a compare or
/// two of constant width. Measured in `tally`: 2.7% fewer instructions
/// than byte-string patterns, 4.3% fewer than tests against `str` keys.
macro_rules! read_members {
    (<$lt:lifetime> $ty:ty { $($key:literal => $field:ident),* $(,)? }) => {
        impl<$lt> $crate::usage_log::scan::ReadObject<$lt> for $ty {
            fn read_member(
                &mut self,
                key: &[u8],
                scanner: &mut $crate::usage_log::scan::Scanner<$lt>,
            ) -> $crate::usage_log::scan::Scanned<()> {
                match key {
                    $( k if k == $key => {
                        $crate::usage_log::scan::ReadField::read(&mut self.$field, scanner)
                    } )*
                    _ => scanner.skip(),
                }
            }
        }
    };
    ($ty:ty { $($rows:tt)* }) => {
        read_members!(<'a> $ty { $($rows)* });
    };
}
pub(crate) use read_members;

/// How many bytes at the start of `bytes` may stand in a string as they
/// are: up to a quote, a backslash or a control character.
// Measured: not inlined, the call cost more than the scan of a short key.
#[allow(clippy::inline_always)]
#[inline(always)]
fn plain_run(bytes: &[u8]) -> usize {
    #[cfg(target_arch = "x86_64")]
    {
        let mut at = 0;
        while let Some(sixteen) = bytes[at..].first_chunk::<16>() {
            let stops = sse2_stops(sixteen);
            if stops != 0 {
                return at + stops.trailing_zeros() as usize;
            }
            at += 16;
        }
        // The line's last bytes, padded with quotes: a stop in the padding
        // is the end of the line.
        let rest = &bytes[at..];
        let mut padded = [b'"'; 16];
        padded[..rest.len()].copy_from_slice(rest);
        at + (sse2_stops(&padded).trailing_zeros() as usize).min(rest.len())
    }
    #[cfg(not(target_arch = "x86_64"))]
    swar_plain_run(bytes)
}

/// Where 16 bytes hold a quote, a backslash or a control character, one bit
/// per byte: three compares and one mask in SSE2 registers, which every
/// x86-64 processor has.
#[cfg(target_arch = "x86_64")]
#[allow(clippy::inline_always)]
#[inline(always)]
fn sse2_stops(sixteen: &[u8; 16]) -> u32 {
    use safe_arch::{
        bitor_m128i, cmp_eq_mask_i8_m128i, load_unaligned_m128i, min_u8_m128i, move_mask_i8_m128i,
        set_splat_i8_m128i,
    };
    let bytes = load_unaligned_m128i(sixteen);
    let splat = |byte: u8| set_splat_i8_m128i(i8::from_ne_bytes([byte]));
    let quotes = cmp_eq_mask_i8_m128i(bytes, splat(b'"'));
    let backslashes = cmp_eq_mask_i8_m128i(bytes, splat(b'\\'));
    // A byte is below 0x20 exactly when the smaller of it and 0x1f is itself.
    let controls = cmp_eq_mask_i8_m128i(min_u8_m128i(bytes, splat(0x1f)), bytes);
    let stops = bitor_m128i(bitor_m128i(quotes, backslashes), controls);
    move_mask_i8_m128i(stops).cast_unsigned()
}

/// [`plain_run`] eight bytes at a time in a general register, on
/// processors without SSE2.
#[cfg_attr(target_arch = "x86_64", allow(dead_code))] // Tested there too.
fn swar_plain_run(bytes: &[u8]) -> usize {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    // A byte's high bit is set in the result where it is below `n`
    // (exact for the lowest such byte, which is all that is read).
    let below = |word: u64, n: u8| word.wrapping_sub(ONES * u64::from(n)) & !word & HIGHS;
    let mut at = 0;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let mut eight = [0; 8];
        eight.copy_from_slice(chunk);
        let word = u64::from_le_bytes(eight);
        let stops = below(word ^ (ONES * u64::from(b'"')), 1)
            | below(word ^ (ONES * u64::from(b'\\')), 1)
            | below(word, 0x20);
        if stops != 0 {
            return at + (stops.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    at + bytes[at..]
        .iter()
        .position(|&byte| byte == b'"' || byte == b'\\' || byte < 0x20)
        .unwrap_or(bytes.len() - at)
}

/// The length of the escape whose backslash comes just before `after`.
fn escape_length(after: &[u8]) -> Scanned<usize> {
    match after {
        [b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't', ..] => Ok(2),
        [b'u', hex @ ..]
            if hex
                .get(..4)
                .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) =>
        {
            Ok(6)
        }
        _ => Err(NotJson),
    }
}

impl<'a> Scanner<'a> {
    pub fn new(text: &'a str, arena: &'a Bump) -> Self {
        Self {
            text,
            at: 0,
            depth: 0,
            arena,
        }
    }

    /// Where values read from this line are kept for as long as the line.
    pub fn arena(&self) -> &'a Bump {
        self.arena
    }

    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    /// The next byte after any whitespace, not consumed. Log lines are
    /// mostly compact JSON, so one compare settles the usual case: a byte
    /// above the space is no whitespace. Testing for all four whitespace
    /// bytes before every token was 7% of `tally`'s instructions.
    #[inline]
    pub fn peek(&mut self) -> Option<u8> {
        match self.bytes().get(self.at) {
            Some(&byte) if byte > b' ' => Some(byte),
            _ => self.peek_past_whitespace(),
        }
    }

    #[cold]
    fn peek_past_whitespace(&mut self) -> Option<u8> {
        let bytes = self.bytes();
        while let Some(&byte) = bytes.get(self.at) {
            if !matches!(byte, b' ' | b'\n' | b'\r' | b'\t') {
                return Some(byte);
            }
            self.at += 1;
        }
        None
    }

    #[inline]
    fn expect(&mut self, byte: u8) -> Scanned<()> {
        if self.peek() == Some(byte) {
            self.at += 1;
            Ok(())
        } else {
            Err(NotJson)
        }
    }

    /// Whether only whitespace is left.
    pub fn at_end(&mut self) -> bool {
        self.peek().is_none()
    }

    fn enter(&mut self) -> Scanned<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(NotJson);
        }
        Ok(())
    }

    /// Reads a whole object into `target`.
    pub fn fill<T: ReadObject<'a>>(&mut self, target: &mut T) -> Scanned<()> {
        self.delimited(b'{', b'}', |scanner| {
            let (start, end, escaped) = scanner.member_key()?;
            let key = if escaped {
                scanner.decoded(start, end)?.as_bytes()
            } else {
                &scanner.bytes()[start..end]
            };
            target.read_member(key, scanner)
        })
    }

    /// A member's key, as [`Scanner::string_span`] spans it, and the colon
    /// after it; the scanner is left at the member's value.
    #[inline]
    fn member_key(&mut self) -> Scanned<(usize, usize, bool)> {
        let span = self.string_span()?;
        self.expect(b':')?;
        Ok(span)
    }

    /// Reads an array, handing `element` the scanner at each element.
    pub fn array(&mut self, element: impl FnMut(&mut Self) -> Scanned<()>) -> Scanned<()> {
        self.delimited(b'[', b']', element)
    }

    /// Reads `open`, then items (each read by `item`) separated by commas,
    /// then `close`, one level deeper: the frame objects and arrays share.
    fn delimited(
        &mut self,
        open: u8,
        close: u8,
        mut item: impl FnMut(&mut Self) -> Scanned<()>,
    ) -> Scanned<()> {
        self.expect(open)?;
        self.enter()?;
        if self.peek() == Some(close) {
            self.at += 1;
        } else {
            loop {
                item(self)?;
                match self.peek() {
                    Some(b',') => self.at += 1,
                    Some(byte) if byte == close => {
                        self.at += 1;
                        break;
                    }
                    _ => return Err(NotJson),
                }
            }
        }
        self.depth -= 1;
        Ok(())
    }

    /// Skips one value of any kind, checking it.
    pub fn skip(&mut self) -> Scanned<()> {
        match self.peek() {
            Some(b'"') => self.string_span().map(drop),
            // A skipped key is checked, never decoded: a lone surrogate
            // escape is JSON serde_json skips too, but cannot decode.
            Some(b'{') => self.delimited(b'{', b'}', |scanner| {
                scanner.member_key()?;
                scanner.skip()
            }),
            Some(b'[') => self.array(Self::skip),
            Some(b't') => self.literal("true"),
            Some(b'f') => self.literal("false"),
            Some(b'n') => self.literal("null"),
            Some(b'-' | b'0'..=b'9') => self.number().map(drop),
            _ => Err(NotJson),
        }
    }

    /// Skips one value and returns its text, for the rare fields serde reads.
    pub fn raw_value(&mut self) -> Scanned<&'a str> {
        self.peek();
        let start = self.at;
        self.skip()?;
        Ok(&self.text[start..self.at])
    }

    /// `null` as `None`, else the value `read` reads.
    pub fn nullable<T>(
        &mut self,
        read: impl FnOnce(&mut Self) -> Scanned<T>,
    ) -> Scanned<Option<T>> {
        if self.peek() == Some(b'n') {
            self.literal("null")?;
            return Ok(None);
        }
        read(self).map(Some)
    }

    fn literal(&mut self, word: &str) -> Scanned<()> {
        if self.text[self.at..].starts_with(word) {
            self.at += word.len();
            Ok(())
        } else {
            Err(NotJson)
        }
    }

    /// `true` or `false`.
    pub fn boolean(&mut self) -> Scanned<bool> {
        match self.peek() {
            Some(b't') => self.literal("true").map(|()| true),
            Some(b'f') => self.literal("false").map(|()| false),
            _ => Err(NotJson),
        }
    }

    /// A string, borrowed from the line when it has no escapes, else
    /// decoded into the arena.
    pub fn string(&mut self) -> Scanned<&'a str> {
        let (start, end, escaped) = self.string_span()?;
        if !escaped {
            return Ok(&self.text[start..end]);
        }
        self.decoded(start, end)
    }

    /// The string whose contents (escapes and all) span `start..end`,
    /// decoded into the arena. Escapes are rare in the fields a record
    /// keeps: serde_json decodes them (and refuses a lone surrogate).
    #[cold]
    fn decoded(&self, start: usize, end: usize) -> Scanned<&'a str> {
        let decoded: String =
            serde_json::from_str(&self.text[start - 1..=end]).map_err(|_| NotJson)?;
        Ok(self.arena.alloc_str(&decoded))
    }

    /// Checks a string and returns where its contents start and end and
    /// whether it has escapes. Inlined, with escapes left to
    /// [`Scanner::escaped_string_end`]: a line's strings are mostly short
    /// keys and names, whose call and return cost more than their scan.
    #[allow(clippy::inline_always)]
    #[inline(always)]
    fn string_span(&mut self) -> Scanned<(usize, usize, bool)> {
        self.expect(b'"')?;
        let bytes = self.bytes();
        let start = self.at;
        let end = start + plain_run(bytes.get(start..).unwrap_or_default());
        if bytes.get(end) == Some(&b'"') {
            self.at = end + 1;
            return Ok((start, end, false));
        }
        let end = self.escaped_string_end(end)?;
        self.at = end + 1;
        Ok((start, end, true))
    }

    /// Where a string whose plain run stops at `at` (not at its closing
    /// quote) ends: past each escape, checked, to the closing quote.
    #[inline(never)]
    fn escaped_string_end(&self, mut at: usize) -> Scanned<usize> {
        let bytes = self.bytes();
        loop {
            match bytes.get(at) {
                Some(b'"') => return Ok(at),
                Some(b'\\') => {
                    at += escape_length(bytes.get(at + 1..).unwrap_or_default())?;
                    at += plain_run(bytes.get(at..).unwrap_or_default());
                }
                _ => return Err(NotJson),
            }
        }
    }

    /// A number's text, checked against JSON's grammar.
    pub fn number(&mut self) -> Scanned<&'a str> {
        self.peek();
        let bytes = self.bytes();
        let start = self.at;
        let mut at = start;
        let digits = |mut at: usize| {
            let from = at;
            while bytes.get(at).is_some_and(u8::is_ascii_digit) {
                at += 1;
            }
            (at > from).then_some(at).ok_or(NotJson)
        };
        if bytes.get(at) == Some(&b'-') {
            at += 1;
        }
        at = match bytes.get(at) {
            Some(b'0') => at + 1,
            _ => digits(at)?,
        };
        if bytes.get(at) == Some(&b'.') {
            at = digits(at + 1)?;
        }
        if matches!(bytes.get(at), Some(b'e' | b'E')) {
            at += 1;
            if matches!(bytes.get(at), Some(b'+' | b'-')) {
                at += 1;
            }
            at = digits(at)?;
        }
        self.at = at;
        Ok(&self.text[start..at])
    }

    /// A whole number of at least 0: digits, or a number whose value is
    /// whole however it is written (`100.0`, `1e3`, `1.5e3`: some loggers
    /// write counts as floats). A fraction, a minus sign or a number past
    /// `u64::MAX` is refused. Plain digits are read one by one as they are
    /// checked: token counts are most of a line's numbers.
    pub fn unsigned(&mut self) -> Scanned<u64> {
        self.peek();
        let bytes = self.bytes();
        let mut at = self.at;
        let mut value: u64 = 0;
        match bytes.get(at) {
            // JSON allows no digit after a leading zero; what follows is
            // the caller's to refuse.
            Some(b'0') => at += 1,
            Some(b'1'..=b'9') => {
                while let Some(&digit @ b'0'..=b'9') = bytes.get(at) {
                    value = value
                        .checked_mul(10)
                        .and_then(|tens| tens.checked_add(u64::from(digit - b'0')))
                        .ok_or(NotJson)?;
                    at += 1;
                }
            }
            _ => return Err(NotJson),
        }
        if matches!(bytes.get(at), Some(b'.' | b'e' | b'E')) {
            return self.number().and_then(whole_number);
        }
        self.at = at;
        Ok(value)
    }
}

/// The value of a JSON number written with a fraction or an exponent
/// (`100.0`, `1.5e3`), when it is a whole number that fits a `u64`.
pub(crate) fn whole_number(text: &str) -> Scanned<u64> {
    let (mantissa, exponent) = match text.split_once(['e', 'E']) {
        Some((mantissa, exponent)) => (mantissa, exponent.parse::<i64>().map_err(|_| NotJson)?),
        None => (text, 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if whole.starts_with('-') {
        return Err(NotJson);
    }
    let digits = format!("{whole}{fraction}");
    // Where the decimal point falls among `digits` once the exponent moves it.
    let point = i64::try_from(whole.len())
        .ok()
        .and_then(|len| len.checked_add(exponent))
        .ok_or(NotJson)?;
    let significant = digits.trim_end_matches('0').len();
    match usize::try_from(point) {
        // Nothing after the point but zeros, and at most 20 digits before it.
        Ok(point) if significant <= point && point <= 20 => {
            let mut integer = digits[..significant].to_string();
            integer.extend(std::iter::repeat_n('0', point - significant));
            if integer.is_empty() {
                return Ok(0);
            }
            integer.parse().map_err(|_| NotJson)
        }
        // A point before every digit: only zero is whole.
        _ if significant == 0 => Ok(0),
        _ => Err(NotJson),
    }
}

impl<'a> ReadField<'a> for Option<u64> {
    fn read(&mut self, scanner: &mut Scanner<'a>) -> Scanned<()> {
        *self = scanner.nullable(Scanner::unsigned)?;
        Ok(())
    }
}

impl<'a> ReadField<'a> for Option<bool> {
    fn read(&mut self, scanner: &mut Scanner<'a>) -> Scanned<()> {
        *self = scanner.nullable(Scanner::boolean)?;
        Ok(())
    }
}

impl<'a> ReadField<'a> for Option<String> {
    fn read(&mut self, scanner: &mut Scanner<'a>) -> Scanned<()> {
        *self = scanner.nullable(|scanner| scanner.string().map(str::to_string))?;
        Ok(())
    }
}

/// An object, or `null`, read into the arena.
impl<'a, T: ReadObject<'a> + Default> ReadField<'a> for Option<&'a T> {
    fn read(&mut self, scanner: &mut Scanner<'a>) -> Scanned<()> {
        *self = scanner.nullable(Scanner::object_in_arena)?;
        Ok(())
    }
}

impl<'a> Scanner<'a> {
    /// An object read into a `T` in the arena.
    pub fn object_in_arena<T: ReadObject<'a> + Default>(&mut self) -> Scanned<&'a T> {
        let value = self.arena.alloc_with(T::default);
        self.fill(value)?;
        Ok(value)
    }
}

/// An array of objects, or `null`, read into the arena.
impl<'a, T: ReadObject<'a> + Default> ReadField<'a> for Option<&'a [T]> {
    fn read(&mut self, scanner: &mut Scanner<'a>) -> Scanned<()> {
        *self = scanner.nullable(|scanner| {
            let mut values = bumpalo::collections::Vec::new_in(scanner.arena);
            scanner.array(|scanner| {
                let mut value = T::default();
                scanner.fill(&mut value)?;
                values.push(value);
                Ok(())
            })?;
            Ok(values.into_bump_slice())
        })?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_count_is_whole_however_it_is_written() {
        let read = |text: &str| {
            let arena = Bump::new();
            Scanner::new(text, &arena).unsigned().ok()
        };
        assert_eq!(read("100"), Some(100));
        assert_eq!(read("100.0"), Some(100));
        assert_eq!(read("100.000"), Some(100));
        assert_eq!(read("1e3"), Some(1000));
        assert_eq!(read("1.5E3"), Some(1500));
        assert_eq!(read("2.50e+2"), Some(250));
        assert_eq!(read("0.0"), Some(0));
        assert_eq!(read("0e5"), Some(0));
        assert_eq!(read("1000e-3"), Some(1));
        assert_eq!(read("18446744073709551615.0"), Some(u64::MAX));
        for refused in [
            "100.5",
            "1e-3",
            "-0",
            "-5.0",
            "18446744073709551616.0",
            "1e30",
            "1e999999999999999999999",
        ] {
            assert_eq!(read(refused), None, "{refused}");
        }
    }

    /// Whether the scanner takes `text` as one JSON value, and nothing after.
    fn scans(text: &str) -> bool {
        let arena = Bump::new();
        let mut scanner = Scanner::new(text, &arena);
        scanner.skip().is_ok() && scanner.at_end()
    }

    #[test]
    fn checks_what_it_skips_as_serde_json_does() {
        let cases = [
            r#"{"a":[1,-2.5e+3,true,false,null,"x\"y\\u00e9\n"],"b":{}}"#,
            r#" { "a" : [ ] , "b" : { "c" : 0 } } "#,
            r#""\ud83d\ude00""#,
            r#"{"lone \ud800 surrogate": 1}"#,
            "{\"a\":1",
            "{\"a\":1,}",
            "[1,]",
            "{\"a\" 1}",
            "{a:1}",
            "01",
            "1.",
            "-",
            "1e",
            ".5",
            "tru",
            "nul",
            "\"tab\there\"",
            "\"bad \\x escape\"",
            "\"short \\u12\"",
            "\"open",
            "{} {}",
            "[[[[]]]]",
        ];
        for case in cases {
            let serde = serde_json::from_str::<serde::de::IgnoredAny>(case).is_ok();
            assert_eq!(scans(case), serde, "{case}");
        }
    }

    #[test]
    fn finds_where_plain_string_bytes_stop_at_every_offset() {
        for stop in [b'"', b'\\', b'\n', 0x00, 0x1f] {
            for at in 0..20 {
                let mut bytes = "é".repeat(10).into_bytes();
                bytes[at] = stop;
                assert_eq!(plain_run(&bytes), at, "{stop} at {at}");
            }
        }
        assert_eq!(plain_run(b"no stop at all, \x7f and \x20 pass"), 28);
        assert_eq!(plain_run(b""), 0);
    }

    #[test]
    fn the_register_scan_finds_what_the_byte_scan_finds() {
        // Every stop byte (and the bytes either side of each class) at every
        // offset of 40 bytes, through both the SSE2 and the eight-byte path.
        for stop in [
            b'"', b'\\', 0x00, 0x1f, 0x20, b'!', b'#', b'[', b']', 0x7f, 0x80, 0xff,
        ] {
            for at in 0..40 {
                let mut bytes = vec![b'a'; 40];
                bytes[at] = stop;
                let by_byte = bytes
                    .iter()
                    .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
                    .unwrap_or(bytes.len());
                assert_eq!(plain_run(&bytes), by_byte, "{stop} at {at}");
                assert_eq!(swar_plain_run(&bytes), by_byte, "{stop} at {at}");
            }
        }
    }

    #[test]
    fn refuses_nesting_deeper_than_serde_json_reads() {
        let deep = format!("{}{}", "[".repeat(129), "]".repeat(129));
        assert!(!scans(&deep));
        let fine = format!("{}{}", "[".repeat(128), "]".repeat(128));
        assert!(scans(&fine));
    }

    #[test]
    fn reads_counts_as_whole_numbers() {
        let read = |text: &str| {
            let mut count: Option<u64> = Some(7);
            let arena = Bump::new();
            let mut scanner = Scanner::new(text, &arena);
            count.read(&mut scanner).ok().map(|()| count)
        };
        assert_eq!(read("12"), Some(Some(12)));
        assert_eq!(read("null"), Some(None));
        assert_eq!(read("18446744073709551615"), Some(Some(u64::MAX)));
        assert_eq!(read("0"), Some(Some(0)));
        // Whole however written (issue: a logger's `100.0` was malformed).
        assert_eq!(read("1.0"), Some(Some(1)));
        assert_eq!(read("1e3"), Some(Some(1000)));
        assert_eq!(read("0e1"), Some(Some(0)));
        for refused in [
            "-0",
            "-1",
            "0.5",
            "18446744073709551616",
            "99999999999999999999",
            "\"12\"",
            "true",
        ] {
            assert_eq!(read(refused), None, "{refused}");
        }
    }

    #[derive(Default)]
    struct Counted {
        tokens: Option<u64>,
    }

    read_members!(Counted { b"tokens" => tokens });

    #[test]
    fn keys_are_matched_whole_and_decoded() {
        let tokens = |text: &str| {
            let arena = Bump::new();
            let mut counted = Counted::default();
            Scanner::new(text, &arena)
                .fill(&mut counted)
                .map(|()| counted.tokens)
        };
        assert_eq!(tokens(r#"{"tokens":5}"#), Ok(Some(5)));
        assert_eq!(tokens(r#"{"tok\u0065ns":5}"#), Ok(Some(5)));
        assert_eq!(tokens(r#"{"token":5,"tokens_":6,"Tokens":7}"#), Ok(None));
        assert_eq!(tokens(r#"{"tokens":5,"tokens":6}"#), Ok(Some(6)));
        assert_eq!(tokens(r#"{"tok\ud800ns":5}"#), Err(NotJson));
        assert_eq!(tokens(r"{tokens:5}"), Err(NotJson));
        assert_eq!(tokens(r#"{"tokens" 5}"#), Err(NotJson));
    }

    #[test]
    fn borrows_plain_strings_and_decodes_escaped_ones() {
        let arena = Bump::new();
        let line = r#""plain""#;
        let mut scanner = Scanner::new(line, &arena);
        let plain = scanner.string().unwrap();
        assert_eq!(plain, "plain");
        assert!(std::ptr::eq(plain.as_ptr(), line[1..].as_ptr()));
        assert_eq!(arena.allocated_bytes(), 0);
        let mut scanner = Scanner::new(r#""a\u00e9\"b""#, &arena);
        assert_eq!(scanner.string().unwrap(), "aé\"b");
        let mut scanner = Scanner::new(r#""\ud800""#, &arena);
        assert_eq!(scanner.string(), Err(NotJson));
    }
}
