//! Which rate bills each kind of token: the sheet's own, its mode's
//! (batch, service tier, long-context tier) or the fallback, with the note
//! or warning that says so.

use std::borrow::Cow;

use rust_decimal::Decimal;

use super::{
    ContextTier, Mode, PriceKind, PriceKindInfo, PriceOptions, Prices, PricingError, Rate,
    RateKind, ServiceTier, tier_field,
};

/// Which rate each line item is billed at, for one request: a lookup in
/// [`PRICE_KINDS`], in this order, the first the catalog has winning:
/// 1. above the long-context threshold, the tier's rate for the kind;
/// 2. on a service tier (flex, priority), that tier's own rate, else the
///    standard one with a warning;
/// 3. with batch (and not long context), the kind's batch rate (a 1-hour
///    cache write derives its batch rate from the 5-minute discount);
///    a missing batch input or output rate is a warning, a missing batch
///    cache rate a note;
/// 4. the kind's own rate;
/// 5. the kind's fallback, resolved the same way, with a warning (an error
///    under `strict`); a kind without a fallback (input, output) is missing.
pub(super) struct RateLookup<'a> {
    pub(super) prices: &'a Prices,
    pub(super) options: &'a PriceOptions,
    /// The context tier that applies (its number and rates), if any.
    pub(super) long: Option<(usize, &'a ContextTier)>,
    pub(super) notes: Vec<String>,
    pub(super) warnings: Vec<String>,
}

impl RateLookup<'_> {
    pub(super) fn resolve(&mut self, billed: RateKind) -> Result<Option<Rate>, PricingError> {
        let kind = PriceKind::standard(billed);
        let info = kind.info();
        if let Some((tier, long)) = self.long
            && let Some(rate) = self.long_rate(billed, tier, long)
        {
            return Ok(Some(rate));
        }
        let tier = self.options.service_tier;
        if tier != ServiceTier::Standard
            && self.long.is_none()
            && let Some(rate) = self.tier_rate(billed, tier)?
        {
            return Ok(Some(rate));
        }
        if self.options.batch && self.long.is_none() {
            if let Some(rate) = self.batch_rate(billed) {
                return Ok(Some(rate));
            }
            if let Some(batch) = kind.on(Mode::Batch) {
                self.batch_missing(kind, batch.info())?;
            }
        }
        if let Some(per_million) = self.prices.get(kind) {
            let name = Cow::Borrowed(info.field);
            return Ok(Some(Rate { per_million, name }));
        }
        if let Some(billed_as) = info.billed_as {
            let note = format!(
                "{} tokens are billed as input tokens: the catalog states no separate rate for them",
                info.missing
            );
            if !self.notes.contains(&note) {
                self.notes.push(note);
            }
            return self.resolve(billed_as.rate());
        }
        let Some(fallback) = info.fallback else {
            return Ok(None);
        };
        if self.options.strict {
            return Err(PricingError::MissingPrice(info.missing));
        }
        self.warn_missing(info.missing, info.instead);
        self.resolve(fallback.rate())
    }

    /// The rate of `kind` on service tier `tier` (below any context tier),
    /// or `None` with a warning where the catalog lacks it (an error under
    /// `strict`). 1-hour and 12-hour cache writes keep the tier's ratio of
    /// the 5-minute write (LiteLLM's 26 stated ones all do).
    pub(super) fn tier_rate(
        &mut self,
        billed: RateKind,
        tier: ServiceTier,
    ) -> Result<Option<Rate>, PricingError> {
        let kind = PriceKind::standard(billed);
        let Some(own) = kind
            .on(Mode::of(false, tier))
            .filter(|k| k.mode() != Mode::Standard)
        else {
            return Ok(None);
        };
        let rate = if billed.ratio_base() == billed {
            self.prices.get(own).map(|per_million| Rate {
                per_million,
                name: Cow::Borrowed(own.field()),
            })
        } else if self.prices.get(kind).is_none() {
            // Its fallback, resolved on the tier, bills it.
            return Ok(None);
        } else {
            self.derived_write(kind, own)
        };
        if rate.is_some() {
            return Ok(rate);
        }
        let own = own.info();
        if self.options.strict {
            return Err(PricingError::MissingPrice(own.missing));
        }
        self.warn_missing(own.missing, own.instead);
        Ok(None)
    }

    /// `kind × mode_write ÷ cache_write`: a 1-hour or 12-hour cache write
    /// through a mode (batch, flex, priority) whose 5-minute write the
    /// catalog prices: the catalog states the mode's discount or premium
    /// on the 5-minute write only, and the longer writes get the same
    /// (Anthropic: "the batch discount stacks with prompt caching").
    pub(super) fn derived_write(&self, kind: PriceKind, mode_write: PriceKind) -> Option<Rate> {
        let p = self.prices;
        let standard_5m = p
            .get(RateKind::CacheWrite.into())
            .filter(|w| !w.is_zero())?;
        let per_million = p
            .get(kind)?
            .checked_mul(p.get(mode_write)?)?
            .checked_div(standard_5m)?;
        let name = format!("{} × {} ÷ cache_write", kind.field(), mode_write.field());
        Some(Rate {
            per_million,
            name: name.into(),
        })
    }

    /// The rate of `kind` in a request past context tier `tier`, or `None`
    /// when the tier has none (the base rate applies). With batch or a
    /// service tier, the tier's own stated rate comes first (LiteLLM's
    /// `_above_200k_tokens_batches`, `…_priority`); else the mode keeps its
    /// ratio to the standard rate above the threshold too, so
    /// `long_context × mode ÷ standard` (155 of LiteLLM's 163 stated
    /// long-context batch rates are exactly that); a longer request never
    /// costs less.
    pub(super) fn long_rate(
        &mut self,
        billed: RateKind,
        tier: usize,
        long: &ContextTier,
    ) -> Option<Rate> {
        let kind = PriceKind::standard(billed);
        let standard = PriceKind::standard(billed.ratio_base());
        let mode = kind
            .on(Mode::of(self.options.batch, self.options.service_tier))
            .filter(|k| k.mode() != Mode::Standard);
        // A mode's stated long-context rate is for the 5-minute write, never
        // the longer ones.
        if standard == kind
            && let Some(per_million) = mode.and_then(|m| long.get(m))
        {
            let name = format!("{}.{}", tier_field(tier), mode?.field());
            return Some(Rate {
                per_million,
                name: name.into(),
            });
        }
        let per_million = long.get(kind)?;
        if let Some(mode) = mode {
            if let Some(rate) = self.long_scaled(kind, standard, mode, tier, per_million) {
                return Some(rate);
            }
            if self.options.batch && kind.info().fallback.is_none() {
                self.warn_once(
                    "the catalog has no batch rates for long-context requests; long-context rates are used",
                );
            }
        }
        let name = format!("{}.{}", tier_field(tier), kind.field());
        Some(Rate {
            per_million,
            name: name.into(),
        })
    }

    /// `long × mode ÷ standard`: the long-context rate of `kind` in a mode
    /// (batch, flex, priority) the tier states no rate for, where `mode` is
    /// the mode's rate for `standard` (the 5-minute write for the longer
    /// ones).
    pub(super) fn long_scaled(
        &self,
        kind: PriceKind,
        standard: PriceKind,
        mode: PriceKind,
        tier: usize,
        long: Decimal,
    ) -> Option<Rate> {
        let standard_rate = self.prices.get(standard).filter(|s| !s.is_zero())?;
        let per_million = long
            .checked_mul(self.prices.get(mode)?)?
            .checked_div(standard_rate)?;
        let name = format!(
            "{}.{} × {} ÷ {}",
            tier_field(tier),
            kind.field(),
            mode.field(),
            standard.field()
        );
        Some(Rate {
            per_million,
            name: name.into(),
        })
    }

    /// The batch rate of `kind`. The catalog states the 5-minute cache
    /// write's; the 1-hour and 12-hour ones are derived from it.
    pub(super) fn batch_rate(&self, billed: RateKind) -> Option<Rate> {
        let kind = PriceKind::standard(billed);
        let batch = kind.on(Mode::Batch)?;
        if billed.ratio_base() != billed {
            return self.derived_write(kind, batch);
        }
        let per_million = self.prices.get(batch)?;
        let name = Cow::Borrowed(batch.field());
        Some(Rate { per_million, name })
    }

    /// A batch rate the catalog lacks: input and output are billed at the
    /// standard rate with a warning; cache reads and writes (whose batch
    /// discount many providers do not give) with a note.
    pub(super) fn batch_missing(
        &mut self,
        kind: PriceKind,
        batch: &PriceKindInfo,
    ) -> Result<(), PricingError> {
        if kind.info().fallback.is_none() {
            if self.options.strict {
                return Err(PricingError::MissingPrice(batch.missing));
            }
            self.warn_missing(batch.missing, batch.instead);
        } else {
            let note = format!("{}: the catalog has no batch price for them", batch.instead);
            if !self.notes.contains(&note) {
                self.notes.push(note);
            }
        }
        Ok(())
    }

    pub(super) fn warn_once(&mut self, warning: &str) {
        if !self.warnings.iter().any(|w| w == warning) {
            self.warnings.push(warning.to_string());
        }
    }

    pub(super) fn warn_missing(&mut self, what: &str, instead: &str) {
        let warning = format!(
            "the catalog has no {what} price for this model; {instead} (--strict makes this an error)"
        );
        if !self.warnings.contains(&warning) {
            self.warnings.push(warning);
        }
    }
}
