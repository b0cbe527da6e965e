//! A model's price sheet as `catalog.json` stores it: [`Prices`], its
//! long-context tiers and off-peak window, and [`PRICE_KINDS`], the table
//! every reader of a rate goes through (parsing, validation, export, `show`,
//! `catalog update` and pricing).

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::de::{self, MapAccess};
use serde::{Deserialize, Serialize};

use super::modes::Region;
pub use super::price_kinds::*;

/// Serde for prices as decimal strings, read exactly: a price with more
/// digits than a `Decimal` holds (28 decimal places) is an error, never
/// silently rounded.
pub(crate) mod exact_price {
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serializer, de};

    #[allow(clippy::ref_option)] // serde's `with` passes `&Option<T>`
    pub fn serialize<S: Serializer>(
        value: &Option<Decimal>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(d) => serializer.serialize_str(&d.to_string()),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Decimal>, D::Error> {
        let Some(text) = Option::<String>::deserialize(deserializer)? else {
            return Ok(None);
        };
        let text = text.trim();
        if text.contains(['e', 'E']) || text.len() > 64 {
            return Err(de::Error::custom(format!(
                "price '{text}' is not a plain decimal string"
            )));
        }
        Decimal::from_str_exact(text).map(Some).map_err(|_| {
            de::Error::custom(format!(
                "price '{text}' is not an exact decimal of at most 28 decimal places"
            ))
        })
    }
}

/// The price tiers, from cheapest to dearest. See [`Prices::tier`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Tier {
    /// Both prices are zero.
    Free,
    /// Blended 50/50 price below $0.20 per 1M tokens.
    Budget,
    /// Blended price from $0.20 to below $2 per 1M tokens.
    Standard,
    /// Blended price from $2 to below $10 per 1M tokens.
    Premium,
    /// Blended price of $10 or more per 1M tokens.
    Frontier,
}

impl Tier {
    /// The lowercase name used in the catalog and in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Free => "free",
            Tier::Budget => "budget",
            Tier::Standard => "standard",
            Tier::Premium => "premium",
            Tier::Frontier => "frontier",
        }
    }
}

/// The most decimal places a rate derived by ratio may have (per 1M
/// tokens, 12 places is a millionth of a millionth of a dollar).
const MAX_RATE_PLACES: u32 = 12;

impl Sheet {
    /// Whether it states no rate.
    pub fn is_empty(&self) -> bool {
        self == &Sheet::default()
    }
}

/// A sheet per mode: the standard one, and the batch and service-tier
/// ones where the provider states rates of their own. In `catalog.json`
/// they are one object of fields named by [`PRICE_KINDS`] (`input`,
/// `batch_input`, `flex_cached_input`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sheets {
    /// The standard rates.
    pub standard: Sheet,
    /// Every other mode's own rates; a mode without any has no entry.
    pub modes: BTreeMap<Mode, Sheet>,
}

impl std::ops::Deref for Sheets {
    type Target = Sheet;
    fn deref(&self) -> &Sheet {
        &self.standard
    }
}

impl std::ops::DerefMut for Sheets {
    fn deref_mut(&mut self) -> &mut Sheet {
        &mut self.standard
    }
}

impl From<Sheet> for Sheets {
    fn from(standard: Sheet) -> Self {
        Sheets {
            standard,
            modes: BTreeMap::new(),
        }
    }
}

impl Sheets {
    /// The sheet of `mode`, where it states any rate.
    pub fn sheet(&self, mode: Mode) -> Option<&Sheet> {
        match mode {
            Mode::Standard => Some(&self.standard),
            mode => self.modes.get(&mode),
        }
    }

    /// The price of `rate` in `mode`, where that mode's sheet states it.
    pub fn rate_in(&self, mode: Mode, rate: RateKind) -> Option<Decimal> {
        self.sheet(mode)?.get(rate)
    }

    /// The price of `kind`, per its unit.
    pub fn get(&self, kind: PriceKind) -> Option<Decimal> {
        self.sheet(kind.mode())?.get(kind.rate())
    }

    /// Sets (or, with `None`, removes) the price of `kind`.
    pub fn set(&mut self, kind: PriceKind, value: Option<Decimal>) {
        match kind.mode() {
            Mode::Standard => *self.standard.slot(kind.rate()) = value,
            mode => {
                let sheet = self.modes.entry(mode).or_default();
                *sheet.slot(kind.rate()) = value;
                // An empty sheet is no sheet, so equal prices compare equal.
                if sheet.is_empty() {
                    self.modes.remove(&mode);
                }
            }
        }
    }

    /// Every rate stated, in catalog order.
    pub fn rates(&self) -> impl Iterator<Item = (PriceKind, Decimal)> + '_ {
        PRICE_KINDS
            .iter()
            .filter_map(|info| Some((info.kind, self.get(info.kind)?)))
    }

    /// `from`'s rates as this sheet's `mode` rates, each that the mode has
    /// a price kind for (a source's batch price list, read as a standard
    /// one).
    pub fn take_as_mode(&mut self, mode: Mode, from: &Sheet) {
        for info in PRICE_KINDS
            .iter()
            .filter(|i| i.kind.mode() == Mode::Standard)
        {
            let rate = info.kind.rate();
            if let (Some(value), Some(in_mode)) = (from.get(rate), PriceKind::in_mode(mode, rate)) {
                self.set(in_mode, Some(value));
            }
        }
    }

    /// Every rate replaced by `change(kind, rate)`; `None` drops it.
    pub fn map_rates(&mut self, mut change: impl FnMut(PriceKind, Decimal) -> Option<Decimal>) {
        let stated: Vec<(PriceKind, Decimal)> = self.rates().collect();
        for (kind, rate) in stated {
            self.set(kind, change(kind, rate));
        }
    }

    fn serialize_rates<M: serde::ser::SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        for (kind, rate) in self.rates() {
            map.serialize_entry(kind.field(), &rate.to_string())?;
        }
        Ok(())
    }

    /// Reads a JSON object: each key that names a rate into these sheets,
    /// each other key to `other`, which reads its value and says so
    /// (`false`: not its key, and the value is skipped).
    fn read_map<'de, A: MapAccess<'de>>(
        &mut self,
        map: &mut A,
        mut other: impl FnMut(&str, &mut A) -> Result<bool, A::Error>,
    ) -> Result<(), A::Error> {
        while let Some(Key(key)) = map.next_key()? {
            if let Some(kind) = PriceKind::named(&key) {
                let ExactPrice(value) = map.next_value()?;
                self.set(kind, value);
            } else if !other(&key, map)? {
                map.next_value::<de::IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

/// A field name, borrowed from the catalog text where it has no escapes:
/// a catalog has some 40,000 of them, read on every full load.
struct Key<'de>(std::borrow::Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> de::Visitor<'de> for Visitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a field name")
            }
            fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Borrowed(text)))
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Owned(text.to_string())))
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

/// One price read exactly (see `exact_price`).
#[derive(Deserialize)]
struct ExactPrice(#[serde(with = "exact_price")] Option<Decimal>);

/// Prices in USD per their unit: a sheet per mode (see [`Sheets`]; it
/// derefs to them, and they to the standard sheet), context tiers, regional
/// multipliers and an off-peak window.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Prices {
    /// The rates, a sheet per mode.
    pub sheets: Sheets,
    /// Higher rates for requests whose input exceeds a threshold.
    pub long_context: Option<ContextTier>,
    /// Further tiers above `long_context`, by rising threshold (Qwen's
    /// 32k / 128k / 252k): the highest tier whose threshold one request's
    /// input passes applies to the whole request.
    pub higher_tiers: Vec<ContextTier>,
    /// Multipliers of every token rate by endpoint region, where the
    /// sources state them (Bedrock's in-region `us.` profiles: 1.1; OpenAI
    /// data residency). A region not listed is priced at the standard rates.
    pub regional: BTreeMap<Region, Multiplier>,
    /// A daily window of cheaper rates (DeepSeek's off-peak discount).
    pub off_peak: Option<Box<OffPeak>>,
}

impl std::ops::Deref for Prices {
    type Target = Sheets;
    fn deref(&self) -> &Sheets {
        &self.sheets
    }
}

impl std::ops::DerefMut for Prices {
    fn deref_mut(&mut self) -> &mut Sheets {
        &mut self.sheets
    }
}

impl Prices {
    /// Prices with these standard rates and nothing else.
    pub fn of(standard: Sheet) -> Prices {
        Prices {
            sheets: standard.into(),
            ..Prices::default()
        }
    }
}

impl Serialize for Prices {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(None)?;
        self.sheets.serialize_rates(&mut map)?;
        if let Some(long) = &self.long_context {
            map.serialize_entry("long_context", long)?;
        }
        if !self.higher_tiers.is_empty() {
            map.serialize_entry("higher_tiers", &self.higher_tiers)?;
        }
        if !self.regional.is_empty() {
            map.serialize_entry("regional", &self.regional)?;
        }
        if let Some(window) = &self.off_peak {
            map.serialize_entry("off_peak", window)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Prices {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> de::Visitor<'de> for Visitor {
            type Value = Prices;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a price sheet")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Prices, A::Error> {
                let mut prices = Prices::default();
                prices.sheets.read_map(&mut map, |key, map| {
                    match key {
                        "long_context" => prices.long_context = map.next_value()?,
                        "higher_tiers" => prices.higher_tiers = map.next_value()?,
                        "regional" => prices.regional = map.next_value()?,
                        "off_peak" => prices.off_peak = map.next_value()?,
                        _ => return Ok(false),
                    }
                    Ok(true)
                })?;
                Ok(prices)
            }
        }
        deserializer.deserialize_map(Visitor)
    }
}

/// A daily window, in UTC, in which cheaper input, output and cache-read
/// rates replace the sheet's; every other rate stays. It may have more
/// windows at the same rates (`also`: DeepSeek V4 is cheaper outside two
/// peak windows, so in two windows), and hold only between two instants.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OffPeak {
    /// Its first minute, `HH:MM` UTC.
    pub from: String,
    /// The minute it ends, `HH:MM` UTC; earlier than `from` when the window
    /// runs past midnight.
    pub until: String,
    /// More daily windows at the same rates, `[from, until]` each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<[String; 2]>,
    /// The first instant the windows apply (RFC 3339), if they began after
    /// the prices did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<String>,
    /// The instant the windows ended (RFC 3339, exclusive), if they did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<String>,
    /// Input per 1M tokens in the window (else the sheet's).
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub input: Option<Decimal>,
    /// Output per 1M tokens in the window (else the sheet's).
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub output: Option<Decimal>,
    /// Cache reads per 1M tokens in the window (else the sheet's).
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub cached_input: Option<Decimal>,
    /// The source that states it.
    pub source: String,
}

/// Minutes in a day.
const DAY_MINUTES: i64 = 24 * 60;

impl OffPeak {
    /// Minutes after midnight of an `HH:MM` time, `None` when it is not one.
    pub fn minute_of(text: &str) -> Option<i64> {
        let (hours, minutes) = text.split_once(':')?;
        let (hours, minutes): (i64, i64) = (hours.parse().ok()?, minutes.parse().ok()?);
        ((0..24).contains(&hours) && (0..60).contains(&minutes)).then_some(hours * 60 + minutes)
    }

    /// Every window as `(from, until)` text, the first one first.
    pub fn windows(&self) -> impl Iterator<Item = (&str, &str)> {
        std::iter::once((self.from.as_str(), self.until.as_str()))
            .chain(self.also.iter().map(|[f, u]| (f.as_str(), u.as_str())))
    }

    /// Its daily windows as people read them: `04:00–06:00 and 10:00–01:00
    /// UTC`.
    pub fn hours(&self) -> String {
        hours_of(self.windows())
    }

    /// Every window in minutes of the UTC day, `None` when a time does not
    /// parse (validation rejects it first).
    pub fn window_minutes(&self) -> Option<Vec<(i64, i64)>> {
        self.windows()
            .map(|(f, u)| Some((Self::minute_of(f)?, Self::minute_of(u)?)))
            .collect()
    }

    /// Whether a window covers `minute` of the UTC day. Windows whose times
    /// do not parse cover nothing (validation rejects them first).
    pub fn covers(&self, minute: i64) -> bool {
        // Per priced line in `tally`: the windows are read in place, not
        // collected.
        let minute = minute.rem_euclid(DAY_MINUTES);
        self.windows().any(|(from, until)| {
            let (Some(from), Some(until)) = (Self::minute_of(from), Self::minute_of(until)) else {
                return false;
            };
            if from <= until {
                (from..until).contains(&minute)
            } else {
                minute >= from || minute < until
            }
        })
    }

    /// The instants (Unix seconds) the windows hold between, `None` for an
    /// open end. An instant that does not parse holds nothing.
    pub fn validity(&self) -> (Option<i64>, Option<i64>) {
        let instant = |t: &Option<String>| {
            t.as_deref()
                .map(|t| crate::dates::parse_instant(t).unwrap_or(i64::MAX))
        };
        (instant(&self.valid_from), instant(&self.valid_until))
    }

    /// Whether the windows hold at `instant` (Unix seconds).
    pub fn in_force_at(&self, instant: i64) -> bool {
        let (from, until) = self.validity();
        from.is_none_or(|f| instant >= f) && until.is_none_or(|u| instant < u)
    }

    /// The windows as text: `16:30–00:30 UTC`, with more windows and their
    /// dates (`… from 2026-08-16T16:00:00Z`, `… until …`).
    pub fn describe(&self) -> String {
        let mut text = self.hours();
        for (word, instant) in [("from", &self.valid_from), ("until", &self.valid_until)] {
            if let Some(instant) = instant {
                text.push(' ');
                text.push_str(word);
                text.push(' ');
                text.push_str(instant);
            }
        }
        text
    }

    /// The sheet `peak` with this window's rates in place of its own.
    fn applied_to(&self, peak: &Prices) -> Prices {
        let mut sheet = peak.clone();
        sheet.off_peak = None;
        for (window, rate) in [
            (self.input, &mut sheet.sheets.standard.input),
            (self.output, &mut sheet.sheets.standard.output),
            (self.cached_input, &mut sheet.sheets.standard.cached_input),
        ] {
            *rate = window.or(*rate);
        }
        sheet
    }
}

impl Prices {
    /// The sheet in force at `instant` (Unix seconds): the off-peak
    /// window's when it covers that minute, else `None` (this sheet).
    pub fn off_peak_at(&self, instant: i64) -> Option<Prices> {
        let window = self.off_peak.as_deref()?;
        self.is_off_peak_at(instant)
            .then(|| window.applied_to(self))
    }

    /// Whether this sheet's off-peak window covers `instant` (Unix
    /// seconds), without building the off-peak sheet.
    pub fn is_off_peak_at(&self, instant: i64) -> bool {
        let minute = instant.rem_euclid(86_400) / 60;
        self.off_peak
            .as_deref()
            .is_some_and(|w| w.in_force_at(instant) && w.covers(minute))
    }

    /// This sheet as billed at `instant`: its off-peak sheet inside the
    /// window, else itself.
    #[must_use]
    pub fn at_time(self, instant: i64) -> Prices {
        self.off_peak_at(instant).unwrap_or(self)
    }

    /// This sheet with its off-peak rates in force, if it has a window.
    pub fn off_peak_sheet(&self) -> Option<Prices> {
        Some(self.off_peak.as_deref()?.applied_to(self))
    }
}

/// Daily windows (`[from, until]`, `HH:MM` UTC) as people read them.
pub fn hours_of<'w>(windows: impl Iterator<Item = (&'w str, &'w str)>) -> String {
    let windows: Vec<String> = windows.map(|(f, u)| format!("{f}–{u}")).collect();
    format!("{} UTC", windows.join(" and "))
}

/// An exact multiplier, written in the catalog as a decimal string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Multiplier(pub Decimal);

impl Serialize for Multiplier {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        exact_price::serialize(&Some(self.0), serializer)
    }
}

impl<'de> Deserialize<'de> for Multiplier {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        exact_price::deserialize(deserializer)?
            .filter(|m| m.is_sign_positive() && !m.is_zero())
            .map(Multiplier)
            .ok_or_else(|| serde::de::Error::custom("a regional multiplier must be above 0"))
    }
}

/// Rates that apply to a whole request once its input exceeds
/// `threshold` tokens: a sheet per mode, like the base rates. A rate the
/// tier lacks is the base one (or, in a mode, the base ratio applied to
/// the tier's standard rate; see the pricing rules).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContextTier {
    /// Input tokens per request above which these rates apply.
    pub threshold: u64,
    /// The rates above the threshold.
    pub sheets: Sheets,
}

impl std::ops::Deref for ContextTier {
    type Target = Sheets;
    fn deref(&self) -> &Sheets {
        &self.sheets
    }
}

impl std::ops::DerefMut for ContextTier {
    fn deref_mut(&mut self) -> &mut Sheets {
        &mut self.sheets
    }
}

impl ContextTier {
    /// A tier from `threshold` tokens with these standard rates.
    pub fn new(threshold: u64, standard: Sheet) -> ContextTier {
        ContextTier {
            threshold,
            sheets: standard.into(),
        }
    }
}

impl Serialize for ContextTier {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("threshold", &self.threshold)?;
        self.sheets.serialize_rates(&mut map)?;
        map.end()
    }
}

impl<'de> Deserialize<'de> for ContextTier {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> de::Visitor<'de> for Visitor {
            type Value = ContextTier;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a context tier")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ContextTier, A::Error> {
                let mut threshold = None;
                let mut sheets = Sheets::default();
                sheets.read_map(&mut map, |key, map| {
                    let is_threshold = key == "threshold";
                    if is_threshold {
                        threshold = Some(map.next_value()?);
                    }
                    Ok(is_threshold)
                })?;
                let threshold = threshold.ok_or_else(|| de::Error::missing_field("threshold"))?;
                Ok(ContextTier { threshold, sheets })
            }
        }
        deserializer.deserialize_map(Visitor)
    }
}

impl Prices {
    /// The context tiers, lowest threshold first: `long_context`, then
    /// `higher_tiers`. Tier `n` of the pricing rule is the `n`-th of these
    /// (tier 0 is the base rates).
    pub fn context_tiers(&self) -> impl Iterator<Item = &ContextTier> {
        self.long_context.iter().chain(self.higher_tiers.iter())
    }

    /// Tier `n` (1-based; 0 is the base rates).
    pub fn context_tier(&self, n: usize) -> Option<&ContextTier> {
        n.checked_sub(1).and_then(|i| self.context_tiers().nth(i))
    }
}

impl Prices {
    /// This sheet after a change that states `stated`'s rates. A stated
    /// rate replaces ours. A rate the change leaves out but that is priced
    /// beside a stated one (batch input beside input, reasoning beside
    /// output: its fallback chain in [`PRICE_KINDS`]) keeps its ratio to
    /// it, and so do the long-context rates unless the change states tiers.
    /// A rate whose ratio does not scale exactly is dropped (it then falls
    /// back with a warning) rather than rounded. Fees, searches and audio
    /// stay as they are.
    #[must_use]
    pub fn changed_to(&self, stated: &Prices) -> Prices {
        let mut next = self.clone();
        for info in &PRICE_KINDS {
            let rate = match stated.get(info.kind) {
                Some(rate) => Some(rate),
                None => self
                    .get(info.kind)
                    .and_then(|ours| self.scaled_like(info.kind, ours, stated)),
            };
            next.set(info.kind, rate);
        }
        // A window's rates are absolute: a new sheet states its own or none.
        next.off_peak.clone_from(&stated.off_peak);
        if stated.long_context.is_some() {
            next.long_context.clone_from(&stated.long_context);
            next.higher_tiers.clone_from(&stated.higher_tiers);
            return next;
        }
        for tier in next
            .long_context
            .iter_mut()
            .chain(next.higher_tiers.iter_mut())
        {
            tier.map_rates(|kind, ours| self.scaled_like(kind, ours, stated));
        }
        next
    }

    /// `value` (a rate of `kind`) scaled by the change of the first rate on
    /// `kind`'s fallback chain that both sheets state; `value` itself when
    /// no rate on the chain changes; `None` when the ratio is not exact.
    fn scaled_like(&self, kind: PriceKind, value: Decimal, stated: &Prices) -> Option<Decimal> {
        let mut on_chain = Some(kind);
        while let Some(k) = on_chain {
            if let (Some(old), Some(new)) = (self.get(k), stated.get(k)) {
                let scaled = value.checked_mul(new)?.checked_div(old)?.normalize();
                // An inexact quotient fills all 28 digits, and multiplying it
                // back can round to equality; real rates have a few places.
                let exact = scaled.scale() <= MAX_RATE_PLACES
                    && scaled.checked_mul(old) == value.checked_mul(new);
                return exact.then_some(scaled);
            }
            on_chain = k.info().fallback;
        }
        Some(value)
    }
}

impl Prices {
    /// The price tier of a model with these prices: from the 50/50 blended
    /// price per 1M tokens, `(input + output) / 2`. Free when both are
    /// zero; budget below $0.20; standard below $2; premium below $10;
    /// frontier from $10. `None` when either price is unknown.
    pub fn tier(&self) -> Option<Tier> {
        let (input, output) = (self.input?, self.output?);
        if input.is_zero() && output.is_zero() {
            return Some(Tier::Free);
        }
        let blended = input.checked_add(output)? / Decimal::TWO;
        Some(if blended < Decimal::new(20, 2) {
            Tier::Budget
        } else if blended < Decimal::TWO {
            Tier::Standard
        } else if blended < Decimal::TEN {
            Tier::Premium
        } else {
            Tier::Frontier
        })
    }
}
