//! Calendar dates: catalog stamps are `YYYY-MM-DD` or RFC 3339 UTC, log
//! times are RFC 3339 or Unix times, and `tally` counts days and hours in
//! a zone. The calendar is jiff's; the stamps are read by hand here because
//! they are on `tally`'s per-line path, where a general parser costs more
//! than the rest of the line.

use std::time::{SystemTime, UNIX_EPOCH};

use jiff::Timestamp;
use jiff::civil::{Date, Time};
use jiff::tz::Offset;

/// Days since 1970-01-01 of a real date (proleptic Gregorian, years -9999
/// to 9999); `None` for one that is not (2026-02-30).
pub fn days_from_civil(year: i64, month: u32, day: u32) -> Option<i64> {
    let date = Date::new(
        i16::try_from(year).ok()?,
        i8::try_from(month).ok()?,
        i8::try_from(day).ok()?,
    )
    .ok()?;
    let midnight = Offset::UTC
        .to_timestamp(date.to_datetime(Time::midnight()))
        .ok()?;
    Some(midnight.as_second().div_euclid(86_400))
}

/// The date `days` after 1970-01-01, as `YYYY-MM-DD` (a day past the
/// instants jiff holds, about the years -9999 to 9999, is the nearest one
/// it does).
pub fn civil_from_days(days: i64) -> String {
    let date = Offset::UTC
        .to_datetime(clamped(days.saturating_mul(86_400)))
        .date();
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

/// The instant `seconds` after 1970, or the nearest one jiff holds.
fn clamped(seconds: i64) -> Timestamp {
    let (min, max) = (Timestamp::MIN.as_second(), Timestamp::MAX.as_second());
    Timestamp::from_second(seconds.clamp(min, max)).unwrap_or(Timestamp::UNIX_EPOCH)
}

/// `seconds` (since 1970, UTC) if it is an instant of the years -9999 to
/// 9999: a log time past them is no time.
pub fn in_calendar(seconds: i64) -> Option<i64> {
    Timestamp::from_second(seconds).ok().map(|_| seconds)
}

/// Reads the date part of a catalog stamp (`2026-05-08` or
/// `2026-05-08T17:08:00Z`) as days since 1970-01-01.
pub fn parse_day(stamp: &str) -> Option<i64> {
    let date = stamp.get(..10)?;
    let mut parts = date.split('-');
    let year: i64 = parts.next()?.parse().ok()?;
    let month: u32 = parts.next()?.parse().ok()?;
    let day: u32 = parts.next()?.parse().ok()?;
    if parts.next().is_some() || (stamp.len() > 10 && !stamp[10..].starts_with('T')) {
        return None;
    }
    days_from_civil(year, month, day)
}

/// Reads an ISO 8601 / RFC 3339 instant (`2026-11-20`, `2026-11-20T10:00Z`,
/// `2026-11-20 10:00:05.123+02:00`) as seconds since 1970-01-01 UTC; a
/// stamp without an offset is UTC. Fractions of a second are dropped.
pub fn parse_instant(stamp: &str) -> Option<i64> {
    let days = parse_day(stamp.get(..10).unwrap_or(stamp))?;
    let rest = stamp.get(10..)?;
    let mut seconds = days * 86_400;
    let Some(time) = rest.strip_prefix(['T', 't', ' ']) else {
        return rest.is_empty().then_some(seconds);
    };
    let field = |at: usize| -> Option<i64> {
        let text = time.get(at..at + 2)?;
        text.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| text.parse().ok())?
    };
    let (hour, minute) = (field(0)?, field(3)?);
    if time.get(2..3)? != ":" || hour > 23 || minute > 59 {
        return None;
    }
    let mut at = 5;
    let mut second = 0;
    if time.get(5..6) == Some(":") {
        second = field(6)?;
        if second > 60 {
            return None;
        }
        at = 8;
        if time.get(8..9).is_some_and(|c| c == "." || c == ",") {
            at = 9 + time[9..].bytes().take_while(u8::is_ascii_digit).count();
        }
    }
    seconds += hour * 3600 + minute * 60 + second;
    let offset = parse_offset(time.get(at..)?)?;
    Some(seconds - offset)
}

/// Reads a UTC offset (`Z`, `UTC`, `+02:00`, `-0530`, `+02`, or nothing)
/// as seconds east of UTC.
pub fn parse_offset(text: &str) -> Option<i64> {
    if text.is_empty() || text.eq_ignore_ascii_case("z") || text.eq_ignore_ascii_case("utc") {
        return Some(0);
    }
    let sign = match text.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits: String = text[1..].chars().filter(|c| *c != ':').collect();
    if !(digits.len() == 2 || digits.len() == 4) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let hours: i64 = digits[..2].parse().ok()?;
    let minutes: i64 = digits
        .get(2..)
        .filter(|m| !m.is_empty())
        .map_or(Some(0), |m| m.parse().ok())?;
    (hours <= 18 && minutes <= 59).then_some(sign * (hours * 3600 + minutes * 60))
}

/// The zone `tally` counts days and hours in: a fixed UTC offset, or an
/// IANA zone (`Europe/Berlin`), whose offset moves with daylight saving
/// time, so each record's day is the one its wall clock showed.
#[derive(Debug, Clone)]
pub enum Zone {
    /// Seconds east of UTC.
    Fixed(i64),
    /// A zone of the tz database.
    Named(jiff::tz::TimeZone),
}

impl Zone {
    /// A UTC offset (`+01:00`, `UTC`) or a tz database name
    /// (`America/New_York`), else `None`.
    pub fn parse(text: &str) -> Option<Zone> {
        if let Some(offset) = parse_offset(text) {
            return Some(Zone::Fixed(offset));
        }
        jiff::tz::TimeZone::get(text).ok().map(Zone::Named)
    }

    /// Whether local time is UTC all year.
    pub fn is_utc(&self) -> bool {
        matches!(self, Zone::Fixed(0))
    }

    /// Seconds east of UTC at `instant` (UTC seconds).
    pub fn offset_at(&self, instant: i64) -> i64 {
        match self {
            Zone::Fixed(offset) => *offset,
            Zone::Named(zone) => jiff::Timestamp::from_second(instant)
                .map_or(0, |at| i64::from(zone.to_offset(at).seconds())),
        }
    }

    /// The instant (UTC seconds) at which local clocks show `local`
    /// (seconds since 1970-01-01 00:00 on the wall clock). A wall time a
    /// clock change skips or repeats is resolved as RFC 5545 does (jiff's
    /// `compatible`): a skipped one moves forward, a repeated one is the
    /// earlier.
    pub fn instant_of_local(&self, local: i64) -> i64 {
        match self {
            Zone::Fixed(offset) => local - offset,
            Zone::Named(zone) => jiff::Timestamp::from_second(local)
                .ok()
                .map(|wall| jiff::tz::TimeZone::UTC.to_datetime(wall))
                .and_then(|wall| zone.to_ambiguous_timestamp(wall).compatible().ok())
                .map_or(local, jiff::Timestamp::as_second),
        }
    }
}

/// The UTC day (`2026-11-20`) of an instant in UTC seconds.
pub fn day_of(seconds: i64) -> String {
    civil_from_days(seconds.div_euclid(86_400))
}

/// An instant (UTC seconds) as RFC 3339: `2026-11-20T10:00:03Z`.
pub fn format_instant(seconds: i64) -> String {
    let at = Offset::UTC.to_datetime(clamped(seconds));
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        day_of(seconds),
        at.hour(),
        at.minute(),
        at.second()
    )
}

/// Today in UTC, as days since 1970-01-01; `LLMCOST_TODAY` (`YYYY-MM-DD`)
/// sets another day, so that tests and documented examples of retirement
/// notes and due price changes stay reproducible.
pub fn today() -> i64 {
    if let Some(day) = std::env::var("LLMCOST_TODAY")
        .ok()
        .and_then(|text| parse_day(&text))
    {
        return day;
    }
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    i64::try_from(seconds / 86_400).unwrap_or(0)
}

/// Now, in UTC seconds; `LLMCOST_NOW` (RFC 3339) sets another instant, so
/// that tests of the active billing block stay reproducible.
pub fn now() -> i64 {
    if let Some(instant) = std::env::var("LLMCOST_NOW")
        .ok()
        .and_then(|text| parse_instant(&text))
    {
        return instant;
    }
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    i64::try_from(seconds).unwrap_or(0)
}

/// Today in UTC as `YYYY-MM-DD`.
pub fn today_string() -> String {
    civil_from_days(today())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_with_offsets() {
        let noon = days_from_civil(2026, 11, 20).unwrap() * 86_400 + 12 * 3600;
        assert_eq!(parse_instant("2026-11-20T12:00:00Z"), Some(noon));
        assert_eq!(parse_instant("2026-11-20T12:00Z"), Some(noon));
        assert_eq!(parse_instant("2026-11-20 12:00:00.123456"), Some(noon));
        assert_eq!(parse_instant("2026-11-20T14:00:00+02:00"), Some(noon));
        assert_eq!(parse_instant("2026-11-20T07:00:00-0500"), Some(noon));
        assert_eq!(parse_instant("2026-11-20"), Some(noon - 12 * 3600));
        for bad in [
            "2026-11-20T25:00Z",
            "2026-11-20T12",
            "2026-11-20X",
            "2026-11-20T12:00+99:00",
            "2026-13-01",
        ] {
            assert_eq!(parse_instant(bad), None, "{bad}");
        }
        assert_eq!(format_instant(noon + 5), "2026-11-20T12:00:05Z");
        assert_eq!(parse_offset("+05:30"), Some(19_800));
        assert_eq!(parse_offset("UTC"), Some(0));
        assert_eq!(parse_offset("Europe/Berlin"), None);
    }

    #[test]
    fn every_day_of_four_hundred_years_round_trips() {
        // 1900-01-01 to 2299-12-31: a whole Gregorian cycle, leap rules
        // included (1900 and 2100 are not leap years, 2000 is).
        let (first, last) = (
            parse_day("1900-01-01").unwrap(),
            parse_day("2299-12-31").unwrap(),
        );
        assert_eq!(last - first + 1, 146_097);
        for day in first..=last {
            assert_eq!(parse_day(&civil_from_days(day)), Some(day));
        }
        assert_eq!(parse_day("1900-02-29"), None);
        assert_eq!(
            parse_day("2000-02-29"),
            Some(parse_day("2000-03-01").unwrap() - 1)
        );
    }

    #[test]
    fn instants_past_the_calendar_are_no_time_and_print_at_its_edge() {
        assert_eq!(in_calendar(0), Some(0));
        assert_eq!(in_calendar(i64::MAX / 1000), None);
        // jiff's last and first instants (it keeps a day for offsets).
        assert_eq!(format_instant(i64::MAX), "9999-12-30T22:00:00Z");
        assert_eq!(civil_from_days(i64::MIN), "-9999-01-02");
    }

    #[test]
    fn round_trips_and_parses() {
        assert_eq!(days_from_civil(1970, 1, 1), Some(0));
        assert_eq!(days_from_civil(2026, 2, 30), None);
        assert_eq!(civil_from_days(0), "1970-01-01");
        let d = parse_day("2026-05-08T17:08:00Z").unwrap();
        assert_eq!(civil_from_days(d), "2026-05-08");
        assert_eq!(parse_day("2026-11-20").unwrap() - d, 196);
        assert_eq!(
            civil_from_days(parse_day("2024-02-29").unwrap()),
            "2024-02-29"
        );
        for bad in ["", "2026-13-01", "20261120", "2026-11-20x", "abcd-ef-gh"] {
            assert_eq!(parse_day(bad), None, "{bad}");
        }
    }
}
