//! The six questions of the seed page, answered from the catalog. Each
//! answer says plainly when the catalog does not know a fact, rather than
//! guessing one.

use rust_decimal::Decimal;
use serde::Serialize;

use super::ModelPage;
use crate::catalog::filter::Capability;
use crate::catalog::model::Model;
use crate::pricing::{ASSUMED_REQUEST_TOKENS, PriceOptions, Usage, price_totals, split_total};
use crate::quantity::{TOKENS_PER_LINE_OF_CODE, TOKENS_PER_PAGE, short_tokens};
use crate::render::text::usd;

/// A question and its answer.
#[derive(Debug, Serialize)]
pub struct Faq {
    /// The question.
    pub question: String,
    /// The answer, in full sentences.
    pub answer: String,
}

/// The answers, in the seed page's order.
pub fn answers(page: &ModelPage, model: &Model) -> Vec<Faq> {
    let name = &page.name;
    let ask = |question: String, answer: String| Faq { question, answer };
    vec![
        ask(format!("What is {name}?"), what_is(page)),
        ask(format!("How much does {name} cost?"), how_much(page, model)),
        ask(
            format!("What is the context window of {name}?"),
            context_window(page),
        ),
        ask(
            format!("Does {name} support vision, tool use, or JSON mode?"),
            capabilities(page, model),
        ),
        ask(format!("Who makes {name}?"), who_makes(page, model)),
        ask(format!("Can I self-host {name}?"), self_host(page, model)),
    ]
}

/// `$0.35 per 1M input tokens and $0.56 per 1M output tokens`, or `None`
/// when either price is unknown.
fn price_phrase(page: &ModelPage) -> Option<String> {
    Some(format!(
        "{} per 1M input tokens and {} per 1M output tokens",
        usd(page.input?),
        usd(page.output?)
    ))
}

fn what_is(page: &ModelPage) -> String {
    let context = match page.context_window {
        Some(window) => format!("a {}-token context window", short_tokens(window)),
        None => "a context window the catalog does not state".to_string(),
    };
    let prices = match price_phrase(page) {
        Some(phrase) => format!("It costs {phrase}."),
        None => "Its prices are not known to the catalog.".to_string(),
    };
    format!(
        "{} is a large language model API from {} with {context}. {prices}",
        page.name, page.provider_name
    )
}

fn how_much(page: &ModelPage, model: &Model) -> String {
    let Some(phrase) = price_phrase(page) else {
        return format!(
            "{}'s prices are not known to the catalog, so no cost can be given.",
            page.name
        );
    };
    let (half_in, half_out) =
        split_total(1_000_000, Decimal::ONE, Decimal::ONE).unwrap_or_default();
    // As requests of the assumed size, at the rates the page lists: never
    // one request of a million tokens at a long-context tier.
    let requests = 1_000_000 / ASSUMED_REQUEST_TOKENS;
    let fifty_fifty = price_totals(
        &model.prices,
        &Usage::single(half_in, half_out),
        requests,
        &PriceOptions::default(),
    )
    .map(|bill| usd(bill.total));
    let example = match fifty_fifty {
        Ok(total) => format!(
            " A 50/50 input/output workload of 1M total tokens, as {requests} requests of {} tokens, costs about {total}.",
            crate::quantity::group_thousands(ASSUMED_REQUEST_TOKENS)
        ),
        Err(_) => String::new(),
    };
    format!(
        "{} is priced at {phrase} via {}.{example}",
        page.name,
        api_name(&page.provider_name)
    )
}

/// "the OpenAI API", but "the Google Gemini API", not "… API API".
fn api_name(provider: &str) -> String {
    if provider.ends_with(" API") || provider.ends_with(" APIs") {
        format!("the {provider}")
    } else {
        format!("the {provider} API")
    }
}

fn context_window(page: &ModelPage) -> String {
    match page.context_window {
        Some(window) => format!(
            "{} supports up to {} tokens of context per request — roughly {} pages of English text or {} lines of code at a typical density.",
            page.name,
            short_tokens(window),
            window / TOKENS_PER_PAGE,
            window / TOKENS_PER_LINE_OF_CODE
        ),
        None => format!("The catalog does not state {}'s context window.", page.name),
    }
}

/// `a`, `a and b`, `a, b and c`.
fn and_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn capabilities(page: &ModelPage, model: &Model) -> String {
    let asked = [
        (Capability::Vision, "image input (vision)"),
        (Capability::Tools, "tool/function calling"),
        (Capability::Json, "structured JSON mode"),
    ];
    let with = |known: Option<bool>| -> Vec<&str> {
        asked
            .iter()
            .filter(|(c, _)| c.of(model) == known)
            .map(|(_, words)| *words)
            .collect()
    };
    let (yes, no, unknown) = (with(Some(true)), with(Some(false)), with(None));
    let mut sentences = Vec::new();
    if !yes.is_empty() {
        sentences.push(format!("{} supports {}.", page.name, and_list(&yes)));
    }
    if !no.is_empty() {
        let subject = if yes.is_empty() {
            page.name.as_str()
        } else {
            "It"
        };
        sentences.push(format!("{subject} does not support {}.", and_list(&no)));
    }
    if !unknown.is_empty() {
        sentences.push(format!(
            "Whether it supports {} is not known to the catalog.",
            and_list(&unknown).replace(" and ", " or ")
        ));
    }
    sentences.join(" ")
}

fn who_makes(page: &ModelPage, model: &Model) -> String {
    let who = if page.maker == page.provider_name {
        format!("{} is built and operated by {}.", page.name, page.maker)
    } else {
        format!(
            "{} is built by {} and served here by {}.",
            page.name, page.maker, page.provider_name
        )
    };
    // The seed page's own source is refreshed nightly; the other models'
    // facts are the catalog's, as of its date, checked against its sources.
    let refreshed = model
        .source
        .as_deref()
        .is_some_and(|s| s.contains("refreshed nightly"));
    let freshness = if refreshed {
        format!("are refreshed nightly from {}'s public catalog", page.maker)
    } else {
        format!(
            "come from llmcost's catalog as of {}, checked against four public price lists",
            page.as_of.as_deref().unwrap_or("an unknown date")
        )
    };
    format!("{who} Pricing, context window, and capabilities on this page {freshness}.")
}

fn self_host(page: &ModelPage, model: &Model) -> String {
    match model.open_weights {
        Some(false) => format!(
            "{} is API-only — its weights are not publicly distributed by {}, so it cannot be self-hosted today.",
            page.name, page.maker
        ),
        Some(true) => format!(
            "Yes: {}'s weights are published, so it can be self-hosted; the prices on this page are for the {} API.",
            page.name, page.provider_name
        ),
        None => format!(
            "The catalog does not know whether {}'s weights are published, so it cannot say whether it can be self-hosted.",
            page.name
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::and_list;

    #[test]
    fn lists_read_as_english() {
        assert_eq!(and_list(&[]), "");
        assert_eq!(and_list(&["a"]), "a");
        assert_eq!(and_list(&["a", "b"]), "a and b");
        assert_eq!(and_list(&["a", "b", "c"]), "a, b and c");
    }
}
