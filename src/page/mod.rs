//! A model's page, as the seed catalog page lays it out: title and summary,
//! Specs, Pricing freshness, Pricing history, Quickstart, Related models and
//! the FAQ, plus what a text dump lacks (prices, the sources that check
//! them, the lifecycle, a calculator's rates). [`ModelPage`] holds the facts
//! once; `markdown` and `html` only lay them out, and `site` writes a whole
//! catalog of them.

mod faq;
pub mod html;
pub mod markdown;
pub mod site;

use std::fmt::Write as _;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::catalog::filter::{Capability, tier_of};
use crate::catalog::history::series;
use crate::catalog::lifecycle;
use crate::catalog::model::{Catalog, Model, PricePoint, Provider, Tier};
use crate::catalog::witness::{CheckedSource, Confidence, checked_against};
use crate::pricing::{LineItem, PriceOptions, fees, line_rates};
use crate::quantity::short_tokens;
use crate::related::{Alternatives, reference_total};
use crate::render::text::as_of;
use crate::snippet::{
    DEFAULT_PROMPT, Lang, SnippetSpec, endpoint, generate, max_tokens_field, streams_usage,
};

pub use faq::Faq;

/// How many related models a page links to.
pub const RELATED_ON_A_PAGE: usize = 6;

/// One model's page: every fact the layouts print, and nothing invented
/// (an unknown fact is `None` and reads "unknown").
#[derive(Debug, Serialize)]
pub struct ModelPage {
    /// API model id.
    pub id: String,
    /// Provider id.
    pub provider: String,
    /// The provider's display name.
    pub provider_name: String,
    /// Who makes the model: the provider whose own models these are, else
    /// the vendor part of the slug, else the provider.
    pub maker: String,
    /// Display name.
    pub name: String,
    /// `Mistral Mistral Small 3.1 24B — pricing, 128k context window, …`.
    pub summary: String,
    /// `vendor/model`.
    pub slug: Option<String>,
    /// The capabilities the catalog says the model has.
    pub capabilities: Vec<Capability>,
    /// Context window in tokens.
    pub context_window: Option<u64>,
    /// Price tier.
    pub tier: Option<Tier>,
    /// Currency of every price.
    pub currency: String,
    /// When the prices were checked, as `2026-05-08 17:08 UTC`.
    pub as_of: Option<String>,
    /// USD per 1M input tokens.
    pub input: Option<Decimal>,
    /// USD per 1M output tokens.
    pub output: Option<Decimal>,
    /// USD per 1M input tokens read from the prompt cache.
    pub cached_input: Option<Decimal>,
    /// What 1M input + 1M output tokens cost.
    pub example_total: Option<Decimal>,
    /// The observed price points, oldest first.
    pub history: Vec<PricePoint>,
    /// The date of the first point.
    pub tracking_since: Option<String>,
    /// The quickstarts, curl then Python then JavaScript.
    pub quickstarts: Vec<Quickstart>,
    /// Why there are no quickstarts, when there are none.
    pub quickstart_note: Option<String>,
    /// Alternatives, best first.
    pub related: Vec<RelatedLink>,
    /// The six questions and their answers.
    pub faq: Vec<Faq>,
    /// Each source's word on the prices.
    pub checked_against: Vec<CheckedSource>,
    /// Whether the sources confirm the prices.
    pub confidence: Option<Confidence>,
    /// The rule that chose the price.
    pub chosen_by: Option<String>,
    /// Retired, retiring, preview, specialised or free.
    pub lifecycle: Option<String>,
    /// The rates the page's calculator multiplies, per context tier.
    pub calculator: Vec<CalculatorTier>,
}

/// One layout of a model page (markdown, HTML): how each section is
/// written. [`lay_out`] puts them in order.
pub trait Layout {
    /// The title, the one-line summary, the maker and any lifecycle note.
    fn heading(&self, out: &mut String, page: &ModelPage);
    /// Provider, slug, capabilities.
    fn specs(&self, out: &mut String, page: &ModelPage);
    /// The rates per 1M tokens, each context tier's too.
    fn prices(&self, out: &mut String, page: &ModelPage);
    /// The cost calculator, where the layout can run one.
    fn calculator(&self, _out: &mut String, _page: &ModelPage) {}
    /// Tier, currency, as of.
    fn freshness(&self, out: &mut String, page: &ModelPage);
    /// Each source's prices, the confidence and the rule that chose.
    fn checked(&self, out: &mut String, page: &ModelPage);
    /// The seed's one sentence, or the changes.
    fn history(&self, out: &mut String, page: &ModelPage);
    /// curl, Python, JavaScript, or why there are none.
    fn quickstart(&self, out: &mut String, page: &ModelPage);
    /// Alternatives, each a link to its page.
    fn related(&self, out: &mut String, page: &ModelPage);
    /// The six questions and answers.
    fn faq(&self, out: &mut String, page: &ModelPage);
}

/// Writes `page`'s sections with `layout`, in the seed page's order, with
/// prices, the calculator and the checked sources where it had none: the
/// one place that order is stated.
pub fn lay_out(layout: &impl Layout, page: &ModelPage, out: &mut String) {
    layout.heading(out, page);
    layout.specs(out, page);
    layout.prices(out, page);
    layout.calculator(out, page);
    layout.freshness(out, page);
    layout.checked(out, page);
    layout.history(out, page);
    layout.quickstart(out, page);
    layout.related(out, page);
    layout.faq(out, page);
}

/// One quickstart program.
#[derive(Debug, Serialize)]
pub struct Quickstart {
    /// `curl`, `python` or `js`.
    pub lang: Lang,
    /// The program, as `llmcost snippet` prints it.
    pub code: String,
    /// The API's docs.
    pub docs_url: Option<String>,
}

/// A related model, linked to its own page.
#[derive(Debug, Serialize)]
pub struct RelatedLink {
    /// API model id.
    pub id: String,
    /// Provider id.
    pub provider: String,
    /// Display name.
    pub name: String,
    /// What 1M input + 1M output tokens cost on it.
    pub example_total: Option<Decimal>,
    /// Why it is related.
    pub reason: String,
}

/// The rates that apply to a request whose input passes `above` tokens
/// (0 for the base rates), resolved by the pricing rule with its
/// fallbacks, so the calculator bills exactly as `cost` does.
#[derive(Debug, Serialize)]
pub struct CalculatorTier {
    /// Input tokens per request above which these rates apply.
    pub above: u64,
    /// USD per 1M input tokens.
    pub input: Option<Decimal>,
    /// USD per 1M cached input tokens.
    pub cached_input: Option<Decimal>,
    /// USD per 1M output tokens.
    pub output: Option<Decimal>,
    /// USD per request (a search model's request fee at the default
    /// search context), where the model charges one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per_request: Option<Decimal>,
}

impl ModelPage {
    /// Builds the page of `model`, served by `provider`, from `catalog`.
    pub fn build(catalog: &Catalog, model: &Model, provider: &Provider) -> ModelPage {
        ModelPage::build_among(&Alternatives::new(catalog), catalog, model, provider)
    }

    /// [`ModelPage::build`] with the catalog's ranking facts worked out
    /// once for many pages.
    pub fn build_among(
        alternatives: &Alternatives<'_>,
        catalog: &Catalog,
        model: &Model,
        provider: &Provider,
    ) -> ModelPage {
        let name = model.display_name().to_string();
        let maker = maker_of(catalog, model, provider);
        let context = model
            .context_window
            .map_or_else(|| "unknown".to_string(), short_tokens);
        let history = series(model);
        let today = Some(crate::dates::today());
        let mut page = ModelPage {
            id: model.id.clone(),
            provider: provider.id.clone(),
            provider_name: provider.name.clone(),
            summary: format!(
                "{} {name} — pricing, {context} context window, API cost calculator and alternatives.",
                provider.name
            ),
            maker,
            name,
            slug: model.slug.clone(),
            capabilities: Capability::ALL
                .into_iter()
                .filter(|c| c.of(model) == Some(true))
                .collect(),
            context_window: model.context_window,
            tier: tier_of(model),
            currency: catalog.currency.clone(),
            as_of: model
                .as_of
                .as_deref()
                .or(Some(catalog.as_of.as_str()))
                .map(as_of),
            input: model.prices.input,
            output: model.prices.output,
            cached_input: model.prices.cached_input,
            example_total: reference_total(model),
            tracking_since: history.first().map(|p| date_part(&p.date).to_string()),
            history,
            quickstarts: Vec::new(),
            quickstart_note: None,
            related: alternatives
                .of(
                    model,
                    crate::catalog::model::Region::Global,
                    false,
                    RELATED_ON_A_PAGE,
                )
                .into_iter()
                .map(|row| RelatedLink {
                    id: row.model,
                    provider: row.provider,
                    name: row.name,
                    example_total: row.reference_total,
                    reason: row.reason,
                })
                .collect(),
            faq: Vec::new(),
            checked_against: checked_against(model),
            confidence: model.confidence,
            chosen_by: model.chosen_by.clone(),
            lifecycle: today.and_then(|day| lifecycle::note(model, day)),
            calculator: calculator_tiers(model),
        };
        match quickstarts(model, provider) {
            Ok(programs) => page.quickstarts = programs,
            Err(why) => page.quickstart_note = Some(format!("{why:#}")),
        }
        page.faq = faq::answers(&page, model);
        page
    }
}

/// The path of a model's page inside a site, from the site's root:
/// `models/{provider}/{id}.{ext}`, each part made a safe file name by
/// [`file_name`].
pub fn page_path(provider: &str, id: &str, ext: &str) -> String {
    format!("models/{}/{}.{ext}", file_name(provider), file_name(id))
}

/// `text` as one safe path component, one to one: ASCII letters, digits,
/// `_`, `-` and a `.` that does not lead stay; any other byte becomes `~`
/// and two hex digits (`a:b` → `a~3ab`), so two ids never share a file
/// and no page is hidden.
pub fn file_name(text: &str) -> String {
    let mut name = String::with_capacity(text.len());
    for (i, byte) in text.bytes().enumerate() {
        let keep =
            byte.is_ascii_alphanumeric() || matches!(byte, b'_' | b'-') || (byte == b'.' && i > 0);
        if keep {
            name.push(char::from(byte));
        } else {
            let _ = write!(name, "~{byte:02x}");
        }
    }
    if name.is_empty() {
        name.push('~');
    }
    name
}

/// The link from one model page to another's (`../{provider}/{id}.{ext}`).
pub fn sibling_link(provider: &str, id: &str, ext: &str) -> String {
    format!("../{}/{}.{ext}", file_name(provider), file_name(id))
}

impl ModelPage {
    /// The known capabilities, comma-separated, or "none known".
    pub fn capabilities_text(&self) -> String {
        if self.capabilities.is_empty() {
            return "none known".to_string();
        }
        let names: Vec<&str> = self.capabilities.iter().map(|c| c.as_str()).collect();
        names.join(", ")
    }
}

/// `2026-05-08` of `2026-05-08T17:08:00Z`.
fn date_part(stamp: &str) -> &str {
    stamp.split_once('T').map_or(stamp, |(date, _)| date)
}

fn maker_of(catalog: &Catalog, model: &Model, provider: &Provider) -> String {
    let Some(vendor) = model.vendor() else {
        return provider.name.clone();
    };
    catalog
        .providers
        .iter()
        .find(|p| p.vendor.as_deref() == Some(vendor))
        .map_or_else(|| vendor.to_string(), |p| p.name.clone())
}

fn quickstarts(model: &Model, provider: &Provider) -> anyhow::Result<Vec<Quickstart>> {
    let found = endpoint(model, provider, None, None)?;
    let docs_url = model.docs_url.as_deref().or(provider.docs_url.as_deref());
    let spec = SnippetSpec {
        model: &found.model_id,
        style: provider.api_style,
        base_url: found.base_url,
        base_url_overridden: false,
        key_env: found.key_env,
        prompt: DEFAULT_PROMPT,
        system: None,
        max_tokens: None,
        max_tokens_field: max_tokens_field(&provider.id, &model.id),
        stream: false,
        stream_usage: streams_usage(&provider.id),
    };
    Ok([Lang::Curl, Lang::Python, Lang::Js]
        .into_iter()
        .map(|lang| Quickstart {
            lang,
            code: generate(&spec, lang, docs_url).code,
            docs_url: docs_url.map(str::to_string),
        })
        .collect())
}

/// The calculator's rates: `cost`'s for the model's own id, so at the
/// region a bare id is billed in (Bedrock's `openai.gpt-5.…`), with the
/// request fee.
fn calculator_tiers(model: &Model) -> Vec<CalculatorTier> {
    let options = PriceOptions {
        region: model.bare_id_region.unwrap_or_default(),
        ..PriceOptions::default()
    };
    let per_request = fees(&model.prices, &options, 1, Default::default())
        .ok()
        .map(|fees| fees.iter().map(|fee| fee.amount).sum::<Decimal>())
        .filter(|fee| !fee.is_zero());
    let thresholds = std::iter::once(0).chain(model.prices.context_tiers().map(|t| t.threshold));
    thresholds
        .enumerate()
        .filter_map(|(tier, above)| {
            let rates = line_rates(&model.prices, options, tier).ok()?;
            let rate_of = |item: LineItem| {
                rates
                    .iter()
                    .find(|(i, _)| *i == item)
                    .and_then(|(_, rate)| *rate)
            };
            Some(CalculatorTier {
                above,
                input: rate_of(LineItem::Input),
                cached_input: rate_of(LineItem::CachedInput),
                output: rate_of(LineItem::Output),
                per_request,
            })
        })
        .collect()
}
