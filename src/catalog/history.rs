//! A model's price history: the observed points, and the prices in force
//! on a past date (`cost --as-of`, `history`).

use anyhow::{Result, bail};

use super::model::{Model, PricePoint, Prices};
use crate::dates::parse_day;

/// The observed points: the recorded history, or the current prices as the
/// single point when nothing was recorded yet.
pub fn series(model: &Model) -> Vec<PricePoint> {
    if model.price_history.is_empty() {
        model
            .as_of
            .iter()
            .map(|date| PricePoint {
                date: date.clone(),
                input: model.sheet_after(0).input,
                output: model.sheet_after(0).output,
            })
            .collect()
    } else {
        model.price_history.clone()
    }
}

/// The model's prices in force on `date` (`YYYY-MM-DD`): an earlier
/// sheet's before the catalog's own began (returned with `date` itself);
/// an announced change's whole sheet on or after its day; else input and
/// output from the newest history point on or before it (the earliest
/// point, before the first), with the other rates the catalog's, since
/// only input and output have a history.
/// Returns the prices and the date of the change or point used.
pub fn prices_as_of(model: &Model, date: &str) -> Result<(Prices, String)> {
    let Some(day) = parse_day(date) else {
        bail!("'{date}' is not a date (YYYY-MM-DD)");
    };
    if let Some(earlier) = model.earlier_on(day) {
        return Ok((earlier.prices.clone(), date.to_string()));
    }
    if let Some(change) = model.change_in_force(day) {
        return Ok((change.prices.clone(), change.date.clone()));
    }
    let points = series(model);
    let in_force = points
        .iter()
        .filter(|p| parse_day(&p.date).is_some_and(|d| d <= day))
        .max_by_key(|p| parse_day(&p.date));
    // Before the first recorded point, the earliest prices any source
    // states are taken to have held: no source says otherwise, and `tally`
    // prices an old record the same way.
    let earliest = || points.iter().min_by_key(|p| parse_day(&p.date));
    let Some(point) = in_force.or_else(earliest) else {
        bail!("{} has no price history", model.id)
    };
    let mut prices = model.sheet_after(0).clone();
    prices.input = point.input;
    prices.output = point.output;
    Ok((prices, point.date.clone()))
}

/// The prices a request made at `instant` (Unix seconds) is billed by:
/// those in force that day (see [`prices_as_of`]), at the off-peak rates
/// where the model's window covers the time.
pub fn prices_at(model: &Model, instant: i64) -> Result<Prices> {
    let (sheet, _) = prices_as_of(model, &crate::dates::day_of(instant))?;
    Ok(sheet.at_time(instant))
}
