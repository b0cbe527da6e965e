//! Value parsers for the flags: counts, prices, dates, model names and
//! `--by`/`--map` keys, each refusing bad input in one clear line.

use clap::ValueEnum;
use rust_decimal::Decimal;

use crate::quantity::{QuantityError, parse_mix, parse_price, parse_quantity};
use crate::usage_log::grouping::GroupBy;

pub(crate) fn quantity(text: &str) -> Result<u64, QuantityError> {
    parse_quantity(text)
}

pub(super) fn price(text: &str) -> Result<Decimal, QuantityError> {
    parse_price(text)
}

pub(super) fn mix(text: &str) -> Result<(Decimal, Decimal), QuantityError> {
    parse_mix(text)
}

/// The longest model id or search text accepted: real ids are under 200
/// bytes, and fuzzy matching is quadratic in the text's length.
const MAX_NAME_BYTES: usize = 512;

pub(crate) fn model_name(text: &str) -> Result<String, String> {
    if text.len() > MAX_NAME_BYTES {
        return Err(format!(
            "is {} bytes long; model ids and search text are at most {MAX_NAME_BYTES}",
            text.len()
        ));
    }
    Ok(text.to_string())
}

pub(crate) fn calendar_date(text: &str) -> Result<String, String> {
    let text = text.trim();
    if text.len() == 10 && crate::dates::parse_day(text).is_some() {
        Ok(text.to_string())
    } else {
        Err("is not a date (YYYY-MM-DD)".to_string())
    }
}

/// A moment with its time of day (`2026-12-03T02:00Z`, `…T03:00+01:00`),
/// as Unix seconds; a bare date is refused, since the time is the point.
pub(crate) fn moment(text: &str) -> Result<i64, String> {
    let text = text.trim();
    match crate::dates::parse_instant(text) {
        Some(seconds) if text.len() > 10 => Ok(seconds),
        _ => Err(
            "is not a date and time (YYYY-MM-DDTHH:MM, UTC unless it ends in an offset, e.g. 2026-12-03T02:00Z)"
                .to_string(),
        ),
    }
}

/// One `--by` key: a named grouping, or `field:PATH`.
pub(super) fn group_key(text: &str) -> Result<(GroupBy, Option<String>), String> {
    if let Some(path) = text.strip_prefix("field:") {
        let path = path.trim();
        if crate::usage_log::grouping::path_steps(path).is_none() {
            return Err(format!(
                "'{text}' names no JSON path (e.g. field:metadata.user_id, or field:attributes.\"gen_ai.system\" for a key with dots)"
            ));
        }
        return Ok((GroupBy::Field, Some(path.to_string())));
    }
    GroupBy::from_str(text, true)
        .map(|key| (key, None))
        .map_err(|_| {
            format!(
                "'{text}' is not a grouping; use model, provider, hour, day, week, month, session, project or field:PATH"
            )
        })
}

/// `COLUMN=FIELD` of `tally --map`.
pub(super) fn column_map(text: &str) -> Result<(String, String), String> {
    match text.rsplit_once('=') {
        Some((column, field)) if !column.trim().is_empty() && !field.trim().is_empty() => {
            // `timestamp` is what people call the time column; rows name it `ts`.
            let field = match field.trim() {
                "timestamp" => "ts",
                other => other,
            };
            Ok((column.trim().to_string(), field.to_string()))
        }
        _ => Err(format!(
            "'{text}' is not COLUMN=FIELD (e.g. \"Model Name=model\")"
        )),
    }
}
