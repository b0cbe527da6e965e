//! Checks a parsed catalog before anything uses it: a catalog read from disk or
//! the network is untrusted, and one bad entry must be named, not priced.

use std::collections::HashSet;

use anyhow::{Result, bail};
use rust_decimal::Decimal;

use super::model::{Catalog, Model, OffPeak, Prices, SCHEMA_VERSION};
use crate::dates::parse_day;

/// Returns an error naming the first entry that breaks a rule: an unknown
/// schema version, a currency other than USD, a duplicate provider or model, a
/// model whose provider is missing, or a negative price.
pub fn validate(catalog: &Catalog) -> Result<()> {
    if catalog.schema_version == 0 || catalog.schema_version > SCHEMA_VERSION {
        bail!(
            "unsupported catalog schema_version {} (this llmcost reads version {SCHEMA_VERSION})",
            catalog.schema_version
        );
    }
    if catalog.currency != "USD" {
        bail!(
            "unsupported catalog currency '{}' (only USD catalogs are supported)",
            catalog.currency
        );
    }
    let mut provider_ids = HashSet::new();
    for provider in &catalog.providers {
        if provider.id.is_empty() {
            bail!("a provider has an empty id");
        }
        if !provider_ids.insert(provider.id.as_str()) {
            bail!("duplicate provider '{}'", provider.id);
        }
    }
    let mut model_keys = HashSet::new();
    for model in &catalog.models {
        if model.id.is_empty() {
            bail!("a model of provider '{}' has an empty id", model.provider);
        }
        if !provider_ids.contains(model.provider.as_str()) {
            bail!(
                "model '{}' names provider '{}', which the catalog does not define",
                model.id,
                model.provider
            );
        }
        if !model_keys.insert((model.provider.as_str(), model.id.to_ascii_lowercase())) {
            bail!("duplicate model '{}/{}'", model.provider, model.id);
        }
        check_prices(model)?;
    }
    Ok(())
}

/// Every rate of a sheet and of its context tiers, each named by its
/// field after `sheet` (`price_changes.`, or empty for the model's own).
fn sheet_rates<'p>(
    sheet: &'p str,
    prices: &'p Prices,
) -> impl Iterator<Item = (String, Option<Decimal>)> + 'p {
    let tiers = prices.context_tiers().flat_map(move |tier| {
        tier.rates()
            .map(move |(kind, price)| (format!("{sheet}long_context.{}", kind.field()), price))
    });
    prices
        .rates()
        .map(move |(kind, price)| (format!("{sheet}{}", kind.field()), price))
        .chain(tiers)
        .map(|(name, price)| (name, Some(price)))
}

/// The days of dated sheets (`one`: a price change, `all`: price changes)
/// must read as dates and rise.
fn check_dates<'d>(
    model: &Model,
    [one, all]: [&str; 2],
    days: impl Iterator<Item = &'d str>,
) -> Result<()> {
    let mut last_day = None;
    for date in days {
        let Some(day) = parse_day(date) else {
            bail!(
                "model '{}/{}' has {one} dated '{date}', which is not a date (YYYY-MM-DD)",
                model.provider,
                model.id
            );
        };
        if last_day.is_some_and(|last| day <= last) {
            bail!(
                "model '{}/{}' lists its {all} out of date order ({date})",
                model.provider,
                model.id
            );
        }
        last_day = Some(day);
    }
    Ok(())
}

fn check_prices(model: &Model) -> Result<()> {
    let p = &model.prices;
    let mut named: Vec<(String, Option<Decimal>)> = sheet_rates("", p).collect();
    for point in &model.price_history {
        named.push(("price_history.input".into(), point.input));
        named.push(("price_history.output".into(), point.output));
    }
    for witness in &model.witnesses {
        named.push(("witnesses.input".into(), witness.input));
        named.push(("witnesses.output".into(), witness.output));
    }
    // An announced change is put in force on its day, and an earlier sheet
    // held until its day: each sheet is checked like the current one, and
    // the days must rise (the latest due applies; the first not yet ended).
    check_dates(
        model,
        ["a price change", "price changes"],
        model.price_changes.iter().map(|c| c.date.as_str()),
    )?;
    check_dates(
        model,
        ["an earlier sheet", "earlier prices"],
        model.earlier_prices.iter().map(|e| e.until.as_str()),
    )?;
    for change in &model.price_changes {
        named.extend(sheet_rates("price_changes.", &change.prices));
    }
    for earlier in &model.earlier_prices {
        named.extend(sheet_rates("earlier_prices.", &earlier.prices));
    }
    let dated = (model.price_changes.iter().map(|c| &c.prices))
        .chain(model.earlier_prices.iter().map(|e| &e.prices));
    for sheet in std::iter::once(p).chain(dated) {
        check_off_peak(model, sheet)?;
    }
    for (name, price) in named {
        if let Some(price) = price
            && price < Decimal::ZERO
        {
            bail!(
                "model '{}/{}' has a negative {name} price ({price})",
                model.provider,
                model.id
            );
        }
    }
    Ok(())
}

/// An off-peak window must name two times of day and be cheaper, never
/// dearer, than the sheet it discounts: a larger bill at night would break
/// the promise that the window is a discount.
fn check_off_peak(model: &Model, sheet: &Prices) -> Result<()> {
    let Some(window) = sheet.off_peak.as_deref() else {
        return Ok(());
    };
    for time in window.windows().flat_map(|(from, until)| [from, until]) {
        if OffPeak::minute_of(time).is_none() {
            bail!(
                "model '{}/{}' has an off-peak window time '{time}', which is not HH:MM",
                model.provider,
                model.id
            );
        }
    }
    for instant in [&window.valid_from, &window.valid_until]
        .into_iter()
        .flatten()
    {
        if crate::dates::parse_instant(instant).is_none() {
            bail!(
                "model '{}/{}' has an off-peak window dated '{instant}', which is not an RFC 3339 instant",
                model.provider,
                model.id
            );
        }
    }
    if let (Some(from), Some(until)) = window.validity()
        && from >= until
    {
        bail!(
            "model '{}/{}' has an off-peak window that ends before it begins",
            model.provider,
            model.id
        );
    }
    let pairs = [
        ("input", window.input, sheet.input),
        ("output", window.output, sheet.output),
        ("cached_input", window.cached_input, sheet.cached_input),
    ];
    for (name, off, peak) in pairs {
        let Some(off) = off else { continue };
        if off < Decimal::ZERO || peak.is_some_and(|peak| off > peak) {
            bail!(
                "model '{}/{}' has an off-peak {name} price ({off}) that is negative or above its standard price",
                model.provider,
                model.id
            );
        }
    }
    Ok(())
}
