//! The spans of days a model's rows are billed at in the SQL, each with
//! one price sheet, and the one off-peak window the SQL keeps per model.

use std::borrow::Cow;

use crate::catalog::model::{ContextTier, Model, Prices};

/// One span of days with one price sheet.
pub(super) struct Period<'m> {
    pub(super) index: usize,
    pub(super) from: Option<i64>,
    /// Whether rows without a time are billed at it: today's sheet.
    pub(super) undated: bool,
    pub(super) sheet: Cow<'m, Prices>,
}

/// The sheets `model` bills rows at, by day, as `tally` does: one, unless
/// it has sheets from before the catalog's, a change in force today or one
/// announced ahead (`tally` then prices each record at its own day's
/// sheet) and `dated` (`--as-of`, one day for every row) is false.
/// The view picks a row's context tier before its day's sheet, so every
/// sheet gets the same thresholds (see [`with_thresholds`]).
/// Why the model is left out otherwise: its dates do not read in order, or
/// its context tiers or off-peak window change with its prices and it has
/// a window.
pub(super) fn periods(model: &Model, dated: bool) -> Result<Vec<Period<'_>>, String> {
    if dated || !model.has_dated_sheets() {
        let single = Period {
            index: 0,
            from: None,
            undated: true,
            sheet: Cow::Borrowed(&model.prices),
        };
        return Ok(vec![single]);
    }
    let earlier = &model.earlier_prices;
    let parse = crate::dates::parse_day;
    let days: Vec<Option<i64>> = earlier
        .iter()
        .map(|e| parse(&e.until))
        .chain(model.price_changes.iter().map(|c| parse(&c.date)))
        .collect();
    if days.iter().any(Option::is_none) || !days.is_sorted_by(|a, b| a < b) {
        return Err("its price changes are not dated in order; its rows are left out".to_string());
    }
    let today = earlier.len() + model.changes_in_force(crate::dates::today());
    let sheets = earlier
        .iter()
        .map(|e| &e.prices)
        .chain((0..=model.price_changes.len()).map(|changes| model.sheet_after(changes)));
    let mut periods: Vec<Period> = sheets
        .enumerate()
        .map(|(index, sheet)| Period {
            index,
            from: index.checked_sub(1).and_then(|i| days[i]),
            undated: index == today,
            sheet: Cow::Borrowed(sheet),
        })
        .collect();
    if periods.iter().any(|p| too_many_windows(&p.sheet)) {
        return Err(
            "it has more than two off-peak windows, which the SQL does not hold; its rows are left out"
                .to_string(),
        );
    }
    let window = shared_window(&periods)?;
    let mut thresholds: Vec<u64> = periods
        .iter()
        .flat_map(|p| p.sheet.context_tiers().map(|t| t.threshold))
        .collect();
    thresholds.sort_unstable();
    thresholds.dedup();
    let uneven = periods
        .iter()
        .any(|p| p.sheet.context_tiers().count() != thresholds.len());
    if uneven {
        // A window's rates replace the base ones only, not a tier's.
        if window.is_some() {
            return Err(
                "its context tiers change with its prices; its rows are left out".to_string(),
            );
        }
        for period in &mut periods {
            period.sheet = Cow::Owned(with_thresholds(&period.sheet, &thresholds));
        }
    }
    Ok(periods)
}

/// The one off-peak window of `periods` (`Ok(None)` when none has one),
/// which the SQL keeps per model; an error when the sheets state different
/// windows, or a sheet without one covers days the window is valid on
/// (the SQL would find no off-peak row for them). DeepSeek's night
/// discount is on its sheets until 2025-09-29 only, and valid until 2025-09-05.
fn shared_window(periods: &[Period<'_>]) -> Result<Option<SqlWindows>, String> {
    let changes =
        || "its off-peak window changes with its prices; its rows are left out".to_string();
    let windows: Vec<Option<SqlWindows>> = periods.iter().map(|p| window_of(&p.sheet)).collect();
    let Some(shared) = windows.iter().flatten().next().copied() else {
        return Ok(None);
    };
    if windows.iter().flatten().any(|w| *w != shared) {
        return Err(changes());
    }
    let (valid_from, valid_until) = shared.valid;
    let day = |d: Option<i64>| d.map(|d| d * 86_400);
    let uncovered_overlap = periods.iter().enumerate().any(|(i, period)| {
        let start = day(period.from);
        let end = day(periods.get(i + 1).and_then(|next| next.from));
        windows[i].is_none()
            && start.zip(valid_until).is_none_or(|(s, u)| s < u)
            && valid_from.zip(end).is_none_or(|(f, e)| f < e)
    });
    if uncovered_overlap {
        return Err(changes());
    }
    Ok(Some(shared))
}

/// `sheet` with a context tier at each of `thresholds` it lacks, which
/// bills what the sheet bills there: a copy of the tier below it, or of
/// the base rates (every mode's) where there is none. A tier's missing
/// rate falls back to the base one, as the copy's does, so every request
/// costs the same; only the tier numbers now match the other sheets'.
fn with_thresholds(sheet: &Prices, thresholds: &[u64]) -> Prices {
    let mut tiers: Vec<ContextTier> = sheet.context_tiers().cloned().collect();
    for &threshold in thresholds {
        if tiers.iter().any(|t| t.threshold == threshold) {
            continue;
        }
        let below = tiers
            .iter()
            .filter(|t| t.threshold < threshold)
            .max_by_key(|t| t.threshold);
        let sheets = below.map_or_else(|| sheet.sheets.clone(), |t| t.sheets.clone());
        tiers.push(ContextTier { threshold, sheets });
    }
    tiers.sort_by_key(|t| t.threshold);
    let mut tiers = tiers.into_iter();
    Prices {
        long_context: tiers.next(),
        higher_tiers: tiers.collect(),
        ..sheet.clone()
    }
}

/// A sheet's off-peak windows as SQL holds them: up to two, in minutes of
/// the UTC day, and the Unix seconds they hold between. A window whose
/// times do not parse covers nothing, as in `tally`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct SqlWindows {
    pub(super) first: (i64, i64),
    pub(super) second: Option<(i64, i64)>,
    pub(super) valid: (Option<i64>, Option<i64>),
}

pub(super) fn window_of(prices: &Prices) -> Option<SqlWindows> {
    let window = prices.off_peak.as_deref()?;
    let minutes = window.window_minutes()?;
    Some(SqlWindows {
        first: *minutes.first()?,
        second: minutes.get(1).copied(),
        valid: window.validity(),
    })
}

/// Whether the sheet has more off-peak windows than the SQL's two.
fn too_many_windows(prices: &Prices) -> bool {
    prices.off_peak.as_deref().is_some_and(|w| w.also.len() > 1)
}
