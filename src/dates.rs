//! Calendar dates without a date library: catalog stamps are `YYYY-MM-DD`
//! or RFC 3339 UTC, and llmcost only needs today's date and whole-day
//! differences (Howard Hinnant's days-from-civil algorithm).

use std::time::{SystemTime, UNIX_EPOCH};

/// Days since 1970-01-01 of a proleptic Gregorian date.
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date `days` after 1970-01-01, as `YYYY-MM-DD`.
pub fn civil_from_days(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// Reads the date part of a catalog stamp (`2026-05-08` or
/// `2026-05-08T17:08:00Z`) as days since 1970-01-01.
pub fn parse_day(stamp: &str) -> Option<i64> {
    let date = stamp.get(..10)?;
    let mut parts = date.split('-');
    let year: i64 = parts.next()?.parse().ok()?;
    let month: u32 = parts.next()?.parse().ok()?;
    let day: u32 = parts.next()?.parse().ok()?;
    if parts.next().is_some() || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    if stamp.len() > 10 && !stamp[10..].starts_with('T') {
        return None;
    }
    let days = days_from_civil(year, month, day);
    // 2026-02-30 would count on into March: only a real date reads back the same.
    (civil_from_days(days) == date).then_some(days)
}

/// Today in UTC, as days since 1970-01-01.
pub fn today() -> i64 {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    i64::try_from(seconds / 86_400).unwrap_or(0)
}

/// Today in UTC as `YYYY-MM-DD`.
pub fn today_string() -> String {
    civil_from_days(today())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_parses() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
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
