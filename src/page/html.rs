//! A model page as one self-contained HTML file: inline stylesheet and
//! script, no external resource, so it works from `file://` and offline.
//! Every catalog string goes through [`escape`] (text and attributes) or
//! [`script_json`] (JSON inside `<script>`).

use std::fmt::Write as _;

use rust_decimal::Decimal;
use serde_json::{Value, json};

use super::{Layout, ModelPage, lay_out, sibling_link};
use crate::catalog::model::PricePoint;
use crate::render::text::{rate, usd};
use crate::snippet::Lang;

/// The stylesheet every page inlines.
pub const STYLE: &str = include_str!("assets/page.css");

/// The calculator, inlined on model pages.
const CALCULATOR: &str = include_str!("assets/calculator.js");

/// `text` safe inside HTML text and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' => {}
            c => out.push(c),
        }
    }
    out
}

/// An outside address as a link: only `https://` and `http://` ones, so a
/// catalog cannot put a `javascript:` URL in a page; any other is text.
pub fn link(url: &str) -> String {
    let lower = url.trim_start().to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        format!("<a href=\"{0}\">{0}</a>", escape(url))
    } else {
        escape(url)
    }
}

/// `value` as JSON that cannot end its `<script>` element early: `<`, `>`
/// and `&` (which occur only inside JSON strings) become `\u` escapes.
pub fn script_json(value: &Value) -> String {
    value
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// Where a page sits: at the site's root (`""`) or two folders down
/// (`"../../"` for a model page), so its links to the index resolve; `None`
/// for a page printed on its own.
pub type Root<'a> = Option<&'a str>;

/// The document's head, header bar and opening `<main>`.
pub fn open(out: &mut String, title: &str, description: &str, root: Root<'_>, crumbs: &str) {
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<title>{}</title>\n<meta name=\"description\" content=\"{}\">\n<style>\n{STYLE}</style>\n",
        escape(title),
        escape(description)
    );
    out.push_str("</head>\n<body>\n");
    if let Some(root) = root {
        let _ = writeln!(
            out,
            "<header class=\"top\"><a href=\"{root}index.html\">llmcost</a>{crumbs}</header>"
        );
    }
    out.push_str("<main>\n");
}

/// Closes `<main>` with a footer naming the catalog's date.
pub fn close(out: &mut String, as_of: &str, scripts: &[&str]) {
    let _ = writeln!(
        out,
        "</main>\n<footer><p>Made by llmcost from its catalog as of {}. Prices in USD; every amount is exact.</p></footer>",
        escape(as_of)
    );
    for script in scripts {
        let _ = writeln!(out, "<script>\n{script}</script>");
    }
    out.push_str("</body>\n</html>\n");
}

/// The page as HTML. `root` places it in a site (see [`Root`]).
pub fn render(page: &ModelPage, catalog_as_of: &str, root: Root<'_>) -> String {
    let mut out = String::with_capacity(32 * 1024);
    let crumbs = format!(
        " › <a href=\"{}providers/{}.html\">{}</a>",
        root.unwrap_or(""),
        super::file_name(&page.provider),
        escape(&page.provider_name)
    );
    open(
        &mut out,
        &format!("{} pricing — {} | llmcost", page.name, page.provider_name),
        &page.summary,
        root,
        &crumbs,
    );
    let _ = writeln!(
        out,
        "<script type=\"application/ld+json\">{}</script>",
        script_json(&structured_data(page))
    );
    lay_out(&Html, page, &mut out);
    close(&mut out, catalog_as_of, &[CALCULATOR]);
    out
}

/// A step chart of input and output prices per point, as inline SVG. The
/// coordinates are for drawing only; the table beside it has the exact
/// prices.
fn chart(points: &[PricePoint]) -> String {
    const WIDTH: i64 = 600;
    const HEIGHT: i64 = 200;
    const PAD: i64 = 36;
    let max = points
        .iter()
        .flat_map(|p| [p.input, p.output])
        .flatten()
        .max()
        .filter(|m| !m.is_zero())
        .unwrap_or(Decimal::ONE);
    let step = (WIDTH - 2 * PAD) / i64::try_from(points.len() - 1).unwrap_or(1).max(1);
    let y = |price: Decimal| -> i64 {
        let plot = Decimal::from(HEIGHT - 2 * PAD);
        let scaled = (price / max * plot).round();
        HEIGHT - PAD - i64::try_from(scaled).unwrap_or(0)
    };
    let line = |pick: fn(&PricePoint) -> Option<Decimal>| -> String {
        let mut path = String::new();
        let mut last: Option<i64> = None;
        for (i, point) in points.iter().enumerate() {
            let Some(price) = pick(point) else { continue };
            let x = PAD + step * i64::try_from(i).unwrap_or(0);
            let py = y(price);
            match last {
                None => {
                    let _ = write!(path, "M{x},{py}");
                }
                Some(previous) => {
                    let _ = write!(path, " L{x},{previous} L{x},{py}");
                }
            }
            last = Some(py);
        }
        path
    };
    let mut svg = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\" aria-label=\"Input and output price per 1M tokens over time\">\n\
<line class=\"axis\" x1=\"{PAD}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>\n",
        HEIGHT - PAD,
        WIDTH - PAD,
        HEIGHT - PAD
    );
    let _ = writeln!(
        svg,
        "<path class=\"input\" d=\"{}\"/>\n<path class=\"output\" d=\"{}\"/>",
        line(|p| p.input),
        line(|p| p.output)
    );
    let _ = writeln!(
        svg,
        "<text x=\"{PAD}\" y=\"14\">max {} per 1M</text>",
        escape(&usd(max))
    );
    for (i, point) in points.iter().enumerate() {
        let x = PAD + step * i64::try_from(i).unwrap_or(0);
        let date = point
            .date
            .split_once('T')
            .map_or(point.date.as_str(), |(d, _)| d);
        let _ = writeln!(
            svg,
            "<text x=\"{x}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            HEIGHT - PAD + 16,
            escape(date)
        );
    }
    let _ = writeln!(
        svg,
        "<text x=\"{}\" y=\"14\" text-anchor=\"end\"><tspan class=\"legend-input\">— input</tspan> <tspan>— output</tspan></text>\n</svg>",
        WIDTH - PAD
    );
    svg
}

/// schema.org JSON-LD: the model as a `Product` with one `Offer` per known
/// rate (USD per 1M tokens), and the FAQ as a `FAQPage`.
fn structured_data(page: &ModelPage) -> Value {
    let offer = |what: &str, price: Option<Decimal>| {
        price.map(|price| {
            json!({
                "@type": "Offer",
                "name": format!("{what} tokens"),
                "price": price.normalize().to_string(),
                "priceCurrency": page.currency,
                "priceSpecification": {
                    "@type": "UnitPriceSpecification",
                    "price": price.normalize().to_string(),
                    "priceCurrency": page.currency,
                    "referenceQuantity": {
                        "@type": "QuantitativeValue",
                        "value": 1_000_000,
                        "unitText": format!("{what} tokens"),
                    },
                },
            })
        })
    };
    let offers: Vec<Value> = [offer("input", page.input), offer("output", page.output)]
        .into_iter()
        .flatten()
        .collect();
    let questions: Vec<Value> = page
        .faq
        .iter()
        .map(|faq| {
            json!({
                "@type": "Question",
                "name": faq.question,
                "acceptedAnswer": {"@type": "Answer", "text": faq.answer},
            })
        })
        .collect();
    json!([
        {
            "@context": "https://schema.org",
            "@type": "Product",
            "name": page.name,
            "sku": page.id,
            "description": page.summary,
            "brand": {"@type": "Organization", "name": page.maker},
            "offers": offers,
        },
        {
            "@context": "https://schema.org",
            "@type": "FAQPage",
            "mainEntity": questions,
        }
    ])
}

/// The HTML layout of a model page: its sections inside the document that
/// [`render`] opens and closes.
pub struct Html;

impl Layout for Html {
    fn heading(&self, out: &mut String, page: &ModelPage) {
        let _ = writeln!(
            out,
            "<h1>{}</h1>\n<p class=\"summary\">{}</p>\n<p class=\"by\">By {}</p>",
            escape(&page.name),
            escape(&page.summary),
            escape(&page.maker)
        );
        if let Some(note) = &page.lifecycle {
            let _ = writeln!(out, "<p class=\"note\">{}</p>", escape(note));
        }
    }

    fn specs(&self, out: &mut String, page: &ModelPage) {
        let capabilities = page.capabilities_text();
        let _ = writeln!(
            out,
            "<section id=\"specs\">\n<h2>Specs</h2>\n<dl class=\"facts\">\n<dt>Provider</dt><dd>{}</dd>\n<dt>Slug</dt><dd><code>{}</code></dd>\n<dt>API id</dt><dd><code>{}</code></dd>\n<dt>Capabilities</dt><dd>{capabilities}</dd>\n<dt>Context window</dt><dd>{}</dd>\n</dl>\n</section>",
            escape(&page.provider_name),
            escape(page.slug.as_deref().unwrap_or("unknown")),
            escape(&page.id),
            page.context_window.map_or_else(
                || "unknown".to_string(),
                |w| format!("{} tokens", crate::quantity::group_thousands(w))
            )
        );
    }

    fn prices(&self, out: &mut String, page: &ModelPage) {
        out.push_str("<section id=\"prices\">\n<h2>Prices</h2>\n<div class=\"scroll\"><table>\n<thead><tr><th>Rate</th><th class=\"num\">USD per 1M tokens</th></tr></thead>\n<tbody>\n");
        let mut row = |label: &str, value: String| {
            let _ = writeln!(
                out,
                "<tr><td>{label}</td><td class=\"num\">{value}</td></tr>"
            );
        };
        row("Input", rate(page.input));
        if let Some(cached) = page.cached_input {
            row("Cached input", usd(cached));
        }
        row("Output", rate(page.output));
        for tier in page.calculator.iter().skip(1) {
            let over = crate::quantity::group_thousands(tier.above);
            row(
                &format!("Input, requests over {over} input tokens"),
                rate(tier.input),
            );
            row(
                &format!("Output, requests over {over} input tokens"),
                rate(tier.output),
            );
        }
        out.push_str("</tbody>\n</table></div>\n</section>\n");
    }

    fn calculator(&self, out: &mut String, page: &ModelPage) {
        let as_text =
            |rate: Option<Decimal>| rate.map(|r| Value::String(r.normalize().to_string()));
        let tiers: Vec<Value> = page
            .calculator
            .iter()
            .map(|t| {
                let mut tier = json!({
                    "above": t.above,
                    "input": as_text(t.input),
                    "cached_input": as_text(t.cached_input),
                    "output": as_text(t.output),
                });
                if let Some(fee) = t.per_request {
                    tier["per_request"] = as_text(Some(fee)).into();
                }
                tier
            })
            .collect();
        let initial = page
            .example_total
            .map_or_else(|| "unknown".to_string(), usd);
        let _ = writeln!(
            out,
            "<section id=\"calculator\">\n<h2>API cost calculator</h2>\n\
    <form class=\"calc\" id=\"calc\">\n\
    <label>Input tokens per request<input name=\"input\" id=\"calc-input\" inputmode=\"numeric\" value=\"1000000\"></label>\n\
    <label>of which cached<input name=\"cached\" id=\"calc-cached\" inputmode=\"numeric\" value=\"0\"></label>\n\
    <label>Output tokens per request<input name=\"output\" id=\"calc-output\" inputmode=\"numeric\" value=\"1000000\"></label>\n\
    <label>Requests<input name=\"requests\" id=\"calc-requests\" inputmode=\"numeric\" value=\"1\"></label>\n\
    <p class=\"total\">Total: <output id=\"calc-total\" for=\"calc-input calc-cached calc-output calc-requests\">{initial}</output></p>\n\
    <p class=\"calc-detail\" id=\"calc-detail\">1M input + 1M output tokens, one request, at standard rates.</p>\n\
    </form>\n<script type=\"application/json\" id=\"calc-rates\">{}</script>\n</section>",
            script_json(&Value::Array(tiers))
        );
    }

    fn freshness(&self, out: &mut String, page: &ModelPage) {
        let _ = writeln!(
            out,
            "<section id=\"freshness\">\n<h2>Pricing freshness</h2>\n<dl class=\"facts\">\n<dt>Tier</dt><dd>{}</dd>\n<dt>Currency</dt><dd>{}</dd>\n<dt>As of</dt><dd>{}</dd>\n</dl>\n</section>",
            page.tier.map_or("unknown", |t| t.as_str()),
            escape(&page.currency),
            escape(page.as_of.as_deref().unwrap_or("unknown"))
        );
    }

    fn checked(&self, out: &mut String, page: &ModelPage) {
        out.push_str("<section id=\"checked\">\n<h2>Checked against</h2>\n<div class=\"scroll\"><table>\n<thead><tr><th>Source</th><th class=\"num\">Input</th><th class=\"num\">Output</th><th>Agrees</th></tr></thead>\n<tbody>\n");
        for source in &page.checked_against {
            let _ = match source.agrees {
                None => writeln!(
                    out,
                    "<tr><td>{}</td><td class=\"num muted\" colspan=\"2\">no entry</td><td></td></tr>",
                    source.source
                ),
                Some(agrees) => writeln!(
                    out,
                    "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"{}\">{}</td></tr>",
                    source.source,
                    rate(source.input),
                    rate(source.output),
                    if agrees { "yes" } else { "no" },
                    if agrees { "✓ agrees" } else { "✗ differs" }
                ),
            };
        }
        let _ = writeln!(
            out,
            "</tbody>\n</table></div>\n<p>Confidence: <strong>{}</strong>.{}</p>\n</section>",
            page.confidence.map_or("unknown", |c| c.as_str()),
            page.chosen_by
                .as_deref()
                .map(|rule| format!(" Chosen by: {}", escape(rule)))
                .unwrap_or_default()
        );
    }

    fn history(&self, out: &mut String, page: &ModelPage) {
        out.push_str("<section id=\"history\">\n<h2>Pricing history</h2>\n");
        if page.history.len() < 2 {
            let sentence = match &page.tracking_since {
                Some(since) => format!(
                    "Tracking {} pricing since {since}. We'll plot the chart here once it changes.",
                    escape(&page.name)
                ),
                None => format!("No price of {} has been recorded yet.", escape(&page.name)),
            };
            let _ = writeln!(out, "<p>{sentence}</p>\n</section>");
            return;
        }
        out.push_str(&chart(&page.history));
        out.push_str("<div class=\"scroll\"><table>\n<thead><tr><th>Date</th><th class=\"num\">Input</th><th class=\"num\">Output</th></tr></thead>\n<tbody>\n");
        for point in &page.history {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                escape(&point.date),
                rate(point.input),
                rate(point.output)
            );
        }
        out.push_str("</tbody>\n</table></div>\n</section>\n");
    }

    fn quickstart(&self, out: &mut String, page: &ModelPage) {
        let _ = writeln!(
            out,
            "<section id=\"quickstart\">\n<h2>Quickstart — call {} from your app</h2>",
            escape(&page.name)
        );
        if let Some(note) = &page.quickstart_note {
            let _ = writeln!(out, "<p>{}</p>", escape(note));
        }
        for program in &page.quickstarts {
            let caption = match program.lang {
                Lang::Curl => "curl",
                Lang::Python => "Python",
                Lang::Js => "JavaScript",
            };
            let _ = write!(
                out,
                "<figure>\n<figcaption>{caption}</figcaption>\n<pre><code>{}</code></pre>\n",
                escape(program.code.trim_end())
            );
            if let Some(docs) = &program.docs_url {
                let _ = writeln!(out, "<p>Official docs: {}</p>", link(docs));
            }
            out.push_str("</figure>\n");
        }
        out.push_str("</section>\n");
    }

    fn related(&self, out: &mut String, page: &ModelPage) {
        out.push_str("<section id=\"related\">\n<h2>Related models</h2>\n<p>Similar capabilities, context window, and price tier — drawn from across the catalog so you can compare alternatives in one click.</p>\n<ul class=\"related\">\n");
        for link in &page.related {
            let _ = writeln!(
                out,
                "<li><a href=\"{}\">{}</a> <span class=\"muted\">({})</span>: {} for 1M in + 1M out; {}</li>",
                escape(&sibling_link(&link.provider, &link.id, "html")),
                escape(&link.name),
                escape(&link.provider),
                rate(link.example_total),
                escape(&link.reason)
            );
        }
        out.push_str("</ul>\n</section>\n");
    }

    fn faq(&self, out: &mut String, page: &ModelPage) {
        out.push_str("<section id=\"faq\">\n<h2>Frequently asked questions</h2>\n");
        for faq in &page.faq {
            let _ = writeln!(
                out,
                "<h3>{}</h3>\n<p>{}</p>",
                escape(&faq.question),
                escape(&faq.answer)
            );
        }
        out.push_str("</section>\n");
    }
}
