//! `llmcost show MODEL`: the whole model card.

use anyhow::Result;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::catalog::lifecycle;
use crate::catalog::lookup::resolve;
use crate::catalog::model::{
    Capabilities, Catalog, ContextTier, Filled, Modalities, Model, PRICE_KINDS, PriceKind, Prices,
    RateKind, SetAside, Tier, Unit,
};
use crate::catalog::witness::Confidence;
use crate::catalog::witness::{
    CheckedSource, RateCheck, checked_against, chosen_source, context_dispute, rate_checks,
};
use crate::cli::ModelArgs;
use crate::diagnostics::Diagnostics;
use crate::pricing::{ASSUMED_REQUEST_TOKENS, PriceOptions, Usage, price_totals, split_total};
use crate::quantity::{TOKENS_PER_LINE_OF_CODE, TOKENS_PER_PAGE};
use crate::quantity::{group_thousands, short_tokens};
use crate::render::text::{as_of, date_part, rate, usd, yes_no};
use crate::render::{Block, Cell, Document, Report};

/// Prices per 1M tokens as exact JSON numbers (`null` when unknown): one
/// field per row of [`PRICE_KINDS`], then `long_context`.
#[derive(Debug)]
pub struct PriceSheet {
    prices: Prices,
    long_context: Option<LongContextSheet>,
    higher_tiers: Vec<LongContextSheet>,
    off_peak: Option<OffPeakSheet>,
}

/// An off-peak window with its rates as exact JSON numbers.
#[derive(Debug, Serialize)]
pub struct OffPeakSheet {
    /// Its first minute, `HH:MM` UTC.
    pub from: String,
    /// The minute it ends, `HH:MM` UTC (earlier than `from` past midnight).
    pub until: String,
    /// More daily windows at the same rates, `[from, until]` each.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<[String; 2]>,
    /// Input in the window.
    pub input: Option<Decimal>,
    /// Output in the window.
    pub output: Option<Decimal>,
    /// Cache reads in the window.
    pub cached_input: Option<Decimal>,
    /// The source that states it.
    pub source: String,
}

impl PriceSheet {
    /// The price of `kind`.
    pub fn get(&self, kind: PriceKind) -> Option<Decimal> {
        self.prices.get(kind)
    }

    /// Regional multipliers, `(region, multiplier)`.
    pub fn regional(&self) -> impl Iterator<Item = (&'static str, Decimal)> + '_ {
        self.prices.regional.iter().map(|(r, m)| (r.as_str(), m.0))
    }
}

impl Serialize for PriceSheet {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(PRICE_KINDS.len() + 4))?;
        for info in &PRICE_KINDS {
            map.serialize_entry(info.field, &self.prices.get(info.kind))?;
        }
        map.serialize_entry("long_context", &self.long_context)?;
        map.serialize_entry("higher_tiers", &self.higher_tiers)?;
        let regional: std::collections::BTreeMap<&str, Decimal> = self.regional().collect();
        map.serialize_entry("regional", &regional)?;
        map.serialize_entry("off_peak", &self.off_peak)?;
        map.end()
    }
}

/// Long-context rates as exact JSON numbers.
#[derive(Debug, Serialize)]
pub struct LongContextSheet {
    /// Input tokens per request above which these rates apply.
    pub threshold: u64,
    /// Input.
    pub input: Option<Decimal>,
    /// Output.
    pub output: Option<Decimal>,
    /// Cache read.
    pub cached_input: Option<Decimal>,
}

impl From<&ContextTier> for LongContextSheet {
    fn from(l: &ContextTier) -> Self {
        LongContextSheet {
            threshold: l.threshold,
            input: l.input,
            output: l.output,
            cached_input: l.cached_input,
        }
    }
}

impl From<&Prices> for PriceSheet {
    fn from(p: &Prices) -> Self {
        PriceSheet {
            prices: Prices {
                long_context: None,
                higher_tiers: Vec::new(),
                ..p.clone()
            },
            long_context: p.long_context.as_ref().map(LongContextSheet::from),
            higher_tiers: p.higher_tiers.iter().map(LongContextSheet::from).collect(),
            off_peak: p.off_peak.as_deref().map(|w| OffPeakSheet {
                from: w.from.clone(),
                until: w.until.clone(),
                also: w.also.clone(),
                input: w.input,
                output: w.output,
                cached_input: w.cached_input,
                source: w.source.clone(),
            }),
        }
    }
}

/// Capabilities with every key present (`null` = unknown), so scripts can
/// rely on the field names.
#[derive(Debug, Serialize)]
pub struct CapabilitySheet {
    /// Image input.
    pub vision: Option<bool>,
    /// Tool calling.
    pub tools: Option<bool>,
    /// JSON mode / structured output.
    pub json: Option<bool>,
    /// Reasoning tokens.
    pub reasoning: Option<bool>,
    /// Prompt caching.
    pub caching: Option<bool>,
}

impl From<&Capabilities> for CapabilitySheet {
    fn from(c: &Capabilities) -> Self {
        CapabilitySheet {
            vision: c.vision,
            tools: c.tools,
            json: c.json,
            reasoning: c.reasoning,
            caching: c.caching,
        }
    }
}

/// How to call the provider's API.
#[derive(Debug, Serialize)]
pub struct ApiInfo {
    /// Base URL.
    pub base_url: Option<String>,
    /// Environment variable for the key.
    pub api_key_env: Option<String>,
    /// `openai-compatible`, `anthropic` or `bedrock`.
    pub style: &'static str,
    /// Documentation.
    pub docs_url: Option<String>,
}

/// Price-tracking status.
#[derive(Debug, Serialize)]
pub struct HistoryStatus {
    /// The first observation's date.
    pub tracking_since: Option<String>,
    /// How many times the price changed since.
    pub changes: usize,
}

/// A price change the catalog announces, against the sheet before it.
#[derive(Debug, Serialize)]
pub struct PriceChangeSummary {
    /// Its first day (UTC).
    pub date: String,
    /// The source that announces it.
    pub source: String,
    /// Whether today is on or after that day (its prices are the ones shown).
    pub in_force: bool,
    /// Input per 1M tokens before that day.
    pub input_before: Option<Decimal>,
    /// Input per 1M tokens from that day.
    pub input: Option<Decimal>,
    /// Output per 1M tokens before that day.
    pub output_before: Option<Decimal>,
    /// Output per 1M tokens from that day.
    pub output: Option<Decimal>,
}

impl PriceChangeSummary {
    fn of(model: &Model, today: i64) -> Vec<PriceChangeSummary> {
        let in_force = model.changes_in_force(today);
        model
            .price_changes
            .iter()
            .enumerate()
            .map(|(i, change)| {
                let before = model.sheet_after(i);
                PriceChangeSummary {
                    date: change.date.clone(),
                    source: change.source.clone(),
                    in_force: i < in_force,
                    input_before: before.input,
                    input: change.prices.input,
                    output_before: before.output,
                    output: change.prices.output,
                }
            })
            .collect()
    }

    /// `2027-01-01: doubles (input $0.75 → $1.50, output …), as genai-prices announces`.
    fn describe(&self) -> String {
        let step = |(old, new): (Option<Decimal>, Option<Decimal>)| match (old, new) {
            (Some(old), Some(new)) => format!("{} → {}", usd(old), usd(new)),
            (None, Some(new)) => format!("unknown → {}", usd(new)),
            (Some(old), None) => format!("{} → unknown", usd(old)),
            (None, None) => "unknown".to_string(),
        };
        let factor = |(old, new): (Option<Decimal>, Option<Decimal>)| {
            new?.checked_div(old.filter(|o| !o.is_zero())?)
                .map(|f| f.normalize())
        };
        let input = (self.input_before, self.input);
        let output = (self.output_before, self.output);
        let how = match (factor(input), factor(output)) {
            (Some(a), Some(b)) if a == b && a == Decimal::TWO => "doubles".to_string(),
            (Some(a), Some(b)) if a == b && a * Decimal::TWO == Decimal::ONE => {
                "halves".to_string()
            }
            (Some(a), Some(b)) if a == b => format!("×{a}"),
            _ => "changes".to_string(),
        };
        format!(
            "{}{}: {how} (input {}, output {}), as {} announces",
            self.date,
            if self.in_force { " (in force)" } else { "" },
            step(input),
            step(output),
            self.source
        )
    }
}

/// A worked example cost.
#[derive(Debug, Serialize)]
pub struct ExampleCost {
    /// What the example is.
    pub label: String,
    /// Input tokens.
    pub input_tokens: u64,
    /// Output tokens.
    pub output_tokens: u64,
    /// The requests they are priced as (of 10,000 tokens each).
    pub requests: u64,
    /// USD, or `null` when a price is unknown.
    pub total: Option<Decimal>,
}

/// The model card.
#[derive(Debug, Serialize)]
pub struct ShowReport {
    /// API model id.
    pub id: String,
    /// Provider id.
    pub provider: String,
    /// Provider display name.
    pub provider_name: String,
    /// Vendor slug.
    pub slug: Option<String>,
    /// Display name.
    pub name: String,
    /// Context window in tokens.
    pub context_window: Option<u64>,
    /// Pages of English text that fit, at 500 tokens a page.
    pub context_pages: Option<u64>,
    /// Lines of code that fit, at 8 tokens a line.
    pub context_lines_of_code: Option<u64>,
    /// When the sources state different windows: each one and the rule.
    pub context_note: Option<String>,
    /// Maximum output tokens.
    pub max_output_tokens: Option<u64>,
    /// Modalities.
    pub modalities: Modalities,
    /// Capabilities (`null` = unknown).
    pub capabilities: CapabilitySheet,
    /// Whether the weights are published.
    pub open_weights: Option<bool>,
    /// `api-only`, `open-weights` or `unknown`.
    pub availability: &'static str,
    /// Price tier.
    pub tier: Option<Tier>,
    /// `catalog` when set by hand, `derived` when computed from the prices.
    pub tier_source: &'static str,
    /// Currency of every price.
    pub currency: String,
    /// When the prices were observed.
    pub as_of: Option<String>,
    /// Prices per 1M tokens.
    pub prices_per_million: PriceSheet,
    /// Where the prices come from.
    pub source: Option<String>,
    /// Price-tracking status.
    pub history: HistoryStatus,
    /// Price changes announced for later days (or in force since).
    pub price_changes: Vec<PriceChangeSummary>,
    /// Retirement date.
    pub deprecation_date: Option<String>,
    /// The source that states the day.
    pub deprecation_source: Option<String>,
    /// Other names.
    pub aliases: Vec<String>,
    /// How to call it.
    pub api: ApiInfo,
    /// Worked examples.
    pub examples: Vec<ExampleCost>,
    /// Whether other sources confirm the input and output prices.
    pub confidence: Option<Confidence>,
    /// The rule that chose the prices (`litellm`, `overlay: <reason>`).
    pub chosen_by: Option<String>,
    /// Each known source: its prices for this offer, or `null` when it has
    /// no entry, and whether they agree with the catalog's.
    pub checked_against: Vec<CheckedSource>,
    /// Every rate the model bills at, with each other source's value and
    /// verdict and the rate's own confidence.
    pub rate_checks: Vec<RateCheck>,
    /// Prices a source states that the catalog does not apply, and why.
    pub set_aside: Vec<SetAside>,
    /// Rates taken from a witness where the chosen source states none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub filled: Vec<Filled>,
    /// The same model from other providers (or under other ids), with
    /// their input and output prices per 1M tokens.
    pub also_served_by: Vec<OtherOffer>,
}

/// The same model from another provider.
#[derive(Debug, Serialize)]
pub struct OtherOffer {
    /// Provider id.
    pub provider: String,
    /// Its API id there.
    pub id: String,
    /// Input per 1M tokens.
    pub input: Option<Decimal>,
    /// Output per 1M tokens.
    pub output: Option<Decimal>,
}

fn availability(open_weights: Option<bool>) -> &'static str {
    match open_weights {
        Some(true) => "open-weights",
        Some(false) => "api-only",
        None => "unknown",
    }
}

/// An example workload's cost, as requests of [`ASSUMED_REQUEST_TOKENS`]
/// (never one request larger than the model takes), so the total is the
/// one the card's own rates give.
fn example(model: &Model, label: &str, input: u64, output: u64) -> ExampleCost {
    let requests = (input + output).div_ceil(ASSUMED_REQUEST_TOKENS);
    let total = price_totals(
        &model.prices,
        &Usage::single(input, output),
        requests,
        &PriceOptions::default(),
    )
    .ok()
    .map(|bill| bill.total);
    ExampleCost {
        label: format!(
            "{label} ({requests} requests of {} tokens)",
            group_thousands(ASSUMED_REQUEST_TOKENS)
        ),
        input_tokens: input,
        output_tokens: output,
        requests,
        total,
    }
}

/// Builds the card of the model `args` names, and the lookup note if any.
pub fn report(catalog: &Catalog, args: &ModelArgs) -> Result<(ShowReport, Diagnostics)> {
    let lookup = resolve(catalog, &args.model, args.provider.as_deref())?;
    let (model, provider) = (lookup.found.model, lookup.found.provider);
    let (half_in, half_out) =
        split_total(1_000_000, Decimal::ONE, Decimal::ONE).unwrap_or_default();
    let examples = vec![
        example(model, "1M input + 1M output", 1_000_000, 1_000_000),
        example(model, "50/50 workload of 1M tokens", half_in, half_out),
    ];
    let history = HistoryStatus {
        tracking_since: model
            .price_history
            .first()
            .map(|p| p.date.clone())
            .or_else(|| model.as_of.clone())
            .map(|d| date_part(&d).to_string()),
        changes: model.price_history.len().saturating_sub(1),
    };
    let report = ShowReport {
        id: model.id.clone(),
        provider: provider.id.clone(),
        provider_name: provider.name.clone(),
        slug: model.slug.clone(),
        name: model.display_name().to_string(),
        context_window: model.context_window,
        context_pages: model.context_window.map(|c| c / TOKENS_PER_PAGE),
        context_lines_of_code: model.context_window.map(|c| c / TOKENS_PER_LINE_OF_CODE),
        context_note: context_dispute(model),
        max_output_tokens: model.max_output_tokens,
        modalities: model.modalities.clone(),
        capabilities: CapabilitySheet::from(&model.capabilities),
        open_weights: model.open_weights,
        availability: availability(model.open_weights),
        tier: model.tier.or_else(|| model.prices.tier()),
        tier_source: if model.tier.is_some() {
            "catalog"
        } else {
            "derived"
        },
        currency: catalog.currency.clone(),
        as_of: model.as_of.clone().or_else(|| Some(catalog.as_of.clone())),
        prices_per_million: PriceSheet::from(&model.prices),
        source: model.source.clone(),
        history,
        price_changes: PriceChangeSummary::of(model, crate::dates::today()),
        deprecation_date: model.deprecation_date.clone(),
        deprecation_source: model.deprecation_source.clone(),
        aliases: model.aliases.clone(),
        api: ApiInfo {
            base_url: provider.api_base_url.clone(),
            api_key_env: provider.api_key_env.clone(),
            style: provider.api_style.as_str(),
            docs_url: model.docs_url.clone().or_else(|| provider.docs_url.clone()),
        },
        examples,
        confidence: model.confidence,
        chosen_by: model.chosen_by.clone(),
        checked_against: checked_against(model),
        rate_checks: rate_checks(model, chosen_source(model)),
        set_aside: model.set_aside.clone(),
        filled: model.filled.clone(),
        also_served_by: catalog
            .models
            .iter()
            .filter(|m| {
                m.provider != model.provider && crate::catalog::identity::same_model(m, model)
            })
            .map(|m| OtherOffer {
                provider: m.provider.clone(),
                id: m.id.clone(),
                input: m.prices.input,
                output: m.prices.output,
            })
            .collect(),
    };
    let mut diagnostics = Diagnostics::from_note(lookup.note);
    diagnostics
        .notes
        .extend(lifecycle::note(model, crate::dates::today()));
    Ok((report, diagnostics))
}

fn or_unknown(value: Option<&str>) -> String {
    value.unwrap_or("unknown").to_string()
}

fn pair(label: &str, value: impl Into<Cell>) -> (String, Cell) {
    (label.to_string(), value.into())
}

impl ShowReport {
    fn checked_pairs(&self) -> Vec<(String, Cell)> {
        let mut pairs: Vec<(String, Cell)> = self
            .checked_against
            .iter()
            .map(|c| {
                let mut value = match c.agrees {
                    None if let Some(why) = &c.known_wrong => format!(
                        "{} in, {} out ✗ known wrong, not counted: {why}",
                        rate(c.input),
                        rate(c.output)
                    ),
                    None => "no entry".to_string(),
                    Some(agrees) => format!(
                        "{} in, {} out {}",
                        rate(c.input),
                        rate(c.output),
                        if agrees { "✓" } else { "✗" }
                    ),
                };
                // What the source says of the model's retirement.
                if let Some(day) = &c.retires {
                    value.push_str("; retires ");
                    value.push_str(day);
                } else if c.deprecated {
                    value.push_str("; marked deprecated");
                }
                pair(c.source, value)
            })
            .collect();
        pairs.push(pair(
            "Confidence",
            self.confidence.map_or("unknown", Confidence::as_str),
        ));
        if let Some(rule) = &self.chosen_by {
            pairs.push(pair("Chosen by", rule.clone()));
        }
        for filled in &self.filled {
            pairs.push(pair(
                "Filled from",
                format!("{}: {} ({})", filled.source, filled.rates, filled.rule),
            ));
        }
        for aside in &self.set_aside {
            pairs.push(pair(
                "Set aside",
                format!("{} states {}; {}", aside.source, aside.states, aside.why),
            ));
        }
        pairs
    }

    /// Each rate against each other source, one field a rate:
    /// `$0.30: models.dev $0.30 ✓, genai-prices $0.35 ✗ (disputed)`, `–`
    /// for a source that does not state it; `None` when no other source
    /// has an entry.
    fn rate_pairs(&self) -> Option<Vec<(String, Cell)>> {
        if self.rate_checks.first()?.sources.is_empty() {
            return None;
        }
        let pairs = self
            .rate_checks
            .iter()
            .map(|check| {
                let name = match check.threshold {
                    Some(t) => format!("{} (above {})", check.rate, short_tokens(t)),
                    None => check.rate.clone(),
                };
                let threshold = check.rate.ends_with(".threshold");
                let show = |value: Decimal| {
                    if threshold {
                        short_tokens(u64::try_from(value).unwrap_or_default())
                    } else {
                        rate(Some(value))
                    }
                };
                let each: Vec<String> = (check.sources.iter())
                    .map(|s| match (s.value, s.agrees) {
                        (Some(v), _) if s.known_wrong => {
                            format!("{} {} ✗ known wrong", s.source, show(v))
                        }
                        (Some(v), Some(true)) => format!("{} {} ✓", s.source, show(v)),
                        (Some(v), _) => format!("{} {} ✗", s.source, show(v)),
                        (None, _) => format!("{} –", s.source),
                    })
                    .collect();
                let value = format!(
                    "{}: {} ({})",
                    show(check.ours),
                    each.join(", "),
                    check.confidence.as_str()
                );
                (name, Cell::text(value))
            })
            .collect();
        Some(pairs)
    }

    fn context_text(&self) -> String {
        match (
            self.context_window,
            self.context_pages,
            self.context_lines_of_code,
        ) {
            (Some(window), Some(pages), Some(lines)) => format!(
                "{} tokens ({}) ≈ {} pages at {TOKENS_PER_PAGE} tokens/page, ≈ {} lines of code at {TOKENS_PER_LINE_OF_CODE} tokens/line",
                short_tokens(window),
                group_thousands(window),
                group_thousands(pages),
                group_thousands(lines)
            ),
            _ => "unknown".to_string(),
        }
    }

    fn availability_text(&self) -> &'static str {
        match self.open_weights {
            Some(true) => "open weights (can be self-hosted)",
            Some(false) => "API-only (weights not published)",
            None => "unknown",
        }
    }

    fn also_pairs(&self) -> Vec<(String, Cell)> {
        if self.also_served_by.is_empty() {
            return vec![pair("Providers", "none in the catalog".to_string())];
        }
        self.also_served_by
            .iter()
            .map(|o| {
                pair(
                    &o.provider,
                    format!("{}  {} in, {} out", o.id, rate(o.input), rate(o.output)),
                )
            })
            .collect()
    }

    /// The card's first section: who serves the model and what it takes.
    fn model_pairs(&self) -> Vec<(String, Cell)> {
        let modalities = if self.modalities.input.is_empty() {
            "unknown".to_string()
        } else {
            format!(
                "{} → {}",
                self.modalities.input.join(", "),
                self.modalities.output.join(", ")
            )
        };
        let mut model = vec![
            pair(
                "Provider",
                format!("{} ({})", self.provider_name, self.provider),
            ),
            pair("API id", self.id.clone()),
            pair("Slug", or_unknown(self.slug.as_deref())),
            pair(
                "Context",
                Cell::with_raw(
                    self.context_text(),
                    self.context_window
                        .map(|n| n.to_string())
                        .unwrap_or_default(),
                ),
            ),
            pair(
                "Max output",
                self.max_output_tokens.map_or_else(
                    || Cell::with_raw("unknown", ""),
                    |n| Cell::with_raw(format!("{} tokens", group_thousands(n)), n.to_string()),
                ),
            ),
            pair("Modalities", modalities),
            pair("Availability", self.availability_text()),
        ];
        if let Some(note) = &self.context_note {
            model.insert(4, pair("Context note", note.clone()));
        }
        if !self.aliases.is_empty() {
            model.push(pair("Aliases", self.aliases.join(", ")));
        }
        model
    }

    /// The fees (per request, per search), each with its unit in its label
    /// so CSV's plain amount keeps it.
    fn fee_pairs(&self) -> Vec<(String, Cell)> {
        PRICE_KINDS
            .iter()
            .filter(|info| info.unit != Unit::PerMillionTokens)
            .filter_map(|info| {
                let price = self.prices_per_million.get(info.kind)?;
                let label = format!("{}, {}", info.label, info.unit.label());
                Some(pair(&label, Cell::money(Some(price))))
            })
            .collect()
    }

    fn pricing_pairs(&self) -> Vec<(String, Cell)> {
        let p = &self.prices_per_million;
        let mut pairs = Vec::new();
        for info in &PRICE_KINDS {
            let price = p.get(info.kind);
            // Input and output are always listed, "unknown" when missing;
            // every other rate (fees, audio) only where the model has one.
            let per_token = info.unit == Unit::PerMillionTokens;
            let always =
                info.kind == RateKind::Input.into() || info.kind == RateKind::Output.into();
            if (price.is_some() || always) && per_token {
                pairs.push(pair(info.label, Cell::money(price)));
            }
        }
        for long in p.long_context.iter().chain(&p.higher_tiers) {
            pairs.push(pair(
                &format!("Above {} input", short_tokens(long.threshold)),
                format!("{} in, {} out", rate(long.input), rate(long.output)),
            ));
        }
        let regions: Vec<String> = p
            .regional()
            .map(|(region, m)| format!("{region} ×{m}"))
            .collect();
        if !regions.is_empty() {
            pairs.push(pair("Regions", regions.join(", ")));
        }
        if let Some(window) = &self.prices_per_million.off_peak {
            pairs.push(pair(
                "Off-peak",
                format!(
                    "{}: {} in, {} out, {} cached input, as {} states",
                    crate::catalog::prices::hours_of(
                        std::iter::once((window.from.as_str(), window.until.as_str()))
                            .chain(window.also.iter().map(|[f, u]| (f.as_str(), u.as_str())))
                    ),
                    rate(window.input),
                    rate(window.output),
                    rate(window.cached_input),
                    window.source
                ),
            ));
        }
        let tier = self.tier.map_or("unknown", Tier::as_str);
        pairs.push(pair("Tier", tier));
        pairs.push(pair("Currency", self.currency.clone()));
        pairs.push(pair(
            "As of",
            self.as_of
                .as_deref()
                .map_or_else(|| "unknown".into(), as_of),
        ));
        pairs.push(pair("Source", or_unknown(self.source.as_deref())));
        let history = match (&self.history.tracking_since, self.history.changes) {
            (Some(since), 0) => format!("tracking since {since}; no change yet"),
            (Some(since), n) => format!("{n} price change(s) since {since} (`llmcost history`)"),
            (None, _) => "unknown".to_string(),
        };
        pairs.push(pair("History", history));
        for change in &self.price_changes {
            pairs.push(pair("Price change", change.describe()));
        }
        if let Some(date) = &self.deprecation_date {
            let said_by = self
                .deprecation_source
                .as_deref()
                .map_or_else(String::new, |source| format!(" (per {source})"));
            pairs.push(pair("Retires", format!("{date}{said_by}")));
        }
        pairs
    }
}

impl Report for ShowReport {
    fn document(&self) -> Document {
        let mut doc = Document::default();
        let model = self.model_pairs();
        let caps = &self.capabilities;
        let capabilities = vec![
            pair("Vision", yes_no(caps.vision)),
            pair("Tool calling", yes_no(caps.tools)),
            pair("JSON mode", yes_no(caps.json)),
            pair("Reasoning", yes_no(caps.reasoning)),
            pair("Prompt caching", yes_no(caps.caching)),
        ];
        let api = vec![
            pair("Base URL", or_unknown(self.api.base_url.as_deref())),
            pair(
                "API key",
                self.api
                    .api_key_env
                    .as_deref()
                    .map_or_else(|| "unknown".into(), |v| format!("${v}")),
            ),
            pair("Style", self.api.style),
            pair("Docs", or_unknown(self.api.docs_url.as_deref())),
        ];
        let examples = self
            .examples
            .iter()
            .map(|e| pair(&e.label, Cell::money(e.total)))
            .collect();
        doc.push(Block::Title(format!(
            "{} — by {}",
            self.name, self.provider_name
        )))
        .push(Block::Fields {
            heading: Some("Model".into()),
            pairs: model,
        })
        .push(Block::Fields {
            heading: Some("Capabilities".into()),
            pairs: capabilities,
        })
        .push(Block::Fields {
            heading: Some(format!("Pricing ({} per 1M tokens)", self.currency)),
            pairs: self.pricing_pairs(),
        });
        let fees = self.fee_pairs();
        if !fees.is_empty() {
            doc.push(Block::Fields {
                heading: Some(format!("Fees ({})", self.currency)),
                pairs: fees,
            });
        }
        doc.push(Block::Fields {
            heading: Some("Checked against".into()),
            pairs: self.checked_pairs(),
        });
        if let Some(pairs) = self.rate_pairs() {
            doc.push(Block::Fields {
                heading: Some("Checked per rate".into()),
                pairs,
            });
        }
        doc.push(Block::Fields {
            heading: Some("Also served by".into()),
            pairs: self.also_pairs(),
        })
        .push(Block::Fields {
            heading: Some("API".into()),
            pairs: api,
        })
        .push(Block::Fields {
            heading: Some("Example costs".into()),
            pairs: examples,
        });
        doc
    }
}
