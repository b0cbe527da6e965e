//! A model page as GitHub-flavoured markdown. Catalog text is escaped so
//! that a name with markdown or HTML syntax renders as the text it is.

use std::fmt::Write as _;

use super::{Layout, ModelPage, lay_out, sibling_link};
use crate::render::text::{rate, usd};

/// `text` with markdown and inline-HTML syntax made literal: emphasis,
/// code, links and table pipes anywhere, and a block marker (`#`, `-`,
/// `+`, `>`, `=`) at the start.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.chars().enumerate() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' if i > 0 => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '#' | '-' | '+' | '>' | '=' if i == 0 => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A fence longer than any run of backticks in `code`.
fn fence(code: &str) -> String {
    let longest = code.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    "`".repeat(longest.max(2) + 1)
}

/// The page as markdown; related models link to `../{provider}/{id}.md`.
pub fn render(page: &ModelPage) -> String {
    let mut out = String::new();
    lay_out(&Markdown, page, &mut out);
    out
}

/// The markdown layout of a model page.
pub struct Markdown;

impl Layout for Markdown {
    fn heading(&self, out: &mut String, page: &ModelPage) {
        let _ = writeln!(
            out,
            "# {}\n\n{}\n\nBy {}\n",
            escape(&page.name),
            escape(&page.summary),
            escape(&page.maker)
        );
        if let Some(note) = &page.lifecycle {
            let _ = writeln!(out, "> **Note:** {}\n", escape(note));
        }
    }

    fn specs(&self, out: &mut String, page: &ModelPage) {
        let _ = writeln!(
            out,
            "## Specs\n\n- **Provider:** {}\n- **Slug:** {}\n- **Capabilities:** {}\n",
            escape(&page.provider_name),
            escape(page.slug.as_deref().unwrap_or("unknown")),
            page.capabilities_text()
        );
    }

    fn prices(&self, out: &mut String, page: &ModelPage) {
        out.push_str("## Prices\n\n| Rate | USD per 1M tokens |\n|---|---:|\n");
        let _ = writeln!(out, "| Input | {} |", rate(page.input));
        if let Some(cached) = page.cached_input {
            let _ = writeln!(out, "| Cached input | {} |", usd(cached));
        }
        let _ = writeln!(out, "| Output | {} |", rate(page.output));
        for tier in page.calculator.iter().skip(1) {
            let _ = writeln!(
                out,
                "| Input, requests over {} input tokens | {} |\n| Output, requests over {} input tokens | {} |",
                tier.above,
                rate(tier.input),
                tier.above,
                rate(tier.output)
            );
        }
        if let Some(total) = page.example_total {
            let _ = writeln!(out, "\n1M input + 1M output tokens cost {}.", usd(total));
        }
        out.push('\n');
    }

    fn freshness(&self, out: &mut String, page: &ModelPage) {
        let _ = writeln!(
            out,
            "## Pricing freshness\n\n- **Tier:** {}\n- **Currency:** {}\n- **As of:** {}\n",
            page.tier.map_or("unknown", |t| t.as_str()),
            escape(&page.currency),
            escape(page.as_of.as_deref().unwrap_or("unknown"))
        );
    }

    fn checked(&self, out: &mut String, page: &ModelPage) {
        out.push_str(
            "## Checked against\n\n| Source | Input | Output | Agrees |\n|---|---:|---:|---|\n",
        );
        for source in &page.checked_against {
            let (input, output, agrees) = match source.agrees {
                None => ("no entry".to_string(), String::new(), String::new()),
                Some(agrees) => (
                    rate(source.input),
                    rate(source.output),
                    if agrees { "✓" } else { "✗" }.to_string(),
                ),
            };
            let _ = writeln!(out, "| {} | {input} | {output} | {agrees} |", source.source);
        }
        let _ = writeln!(
            out,
            "\nConfidence: {}.",
            page.confidence.map_or("unknown", |c| c.as_str())
        );
        if let Some(rule) = &page.chosen_by {
            let _ = writeln!(out, "Chosen by: {}", escape(rule));
        }
        out.push('\n');
    }

    fn history(&self, out: &mut String, page: &ModelPage) {
        out.push_str("## Pricing history\n\n");
        let name = escape(&page.name);
        match (page.history.len(), &page.tracking_since) {
            (0 | 1, Some(since)) => {
                let _ = writeln!(
                    out,
                    "Tracking {name} pricing since {since}. We'll plot the chart here once it changes.\n"
                );
            }
            (0 | 1, None) => {
                let _ = writeln!(out, "No price of {name} has been recorded yet.\n");
            }
            _ => {
                out.push_str("| Date | Input | Output |\n|---|---:|---:|\n");
                for point in &page.history {
                    let _ = writeln!(
                        out,
                        "| {} | {} | {} |",
                        escape(&point.date),
                        rate(point.input),
                        rate(point.output)
                    );
                }
                out.push('\n');
            }
        }
    }

    fn quickstart(&self, out: &mut String, page: &ModelPage) {
        let _ = writeln!(
            out,
            "## Quickstart — call {} from your app\n",
            escape(&page.name)
        );
        if let Some(note) = &page.quickstart_note {
            let _ = writeln!(out, "{}\n", escape(note));
        }
        for program in &page.quickstarts {
            let lang = match program.lang {
                crate::snippet::Lang::Curl => "sh",
                crate::snippet::Lang::Python => "python",
                crate::snippet::Lang::Js => "js",
            };
            let fence = fence(&program.code);
            let _ = writeln!(out, "{fence}{lang}\n{}\n{fence}\n", program.code.trim_end());
            if let Some(docs) = &program.docs_url {
                // Only a web address becomes an autolink; a catalog cannot put
                // a `javascript:` link on the page.
                let lower = docs.to_ascii_lowercase();
                let shown = if lower.starts_with("https://") || lower.starts_with("http://") {
                    format!("<{}>", docs.replace(['<', '>', ' '], ""))
                } else {
                    escape(docs)
                };
                let _ = writeln!(out, "Official docs: {shown}\n");
            }
        }
    }

    fn related(&self, out: &mut String, page: &ModelPage) {
        out.push_str("## Related models\n\nSimilar capabilities, context window, and price tier — drawn from across the catalog so you can compare alternatives in one click.\n\n");
        for link in &page.related {
            let _ = writeln!(
                out,
                "- [{}]({}) ({}): {} for 1M in + 1M out; {}",
                escape(&link.name),
                sibling_link(&link.provider, &link.id, "md"),
                escape(&link.provider),
                rate(link.example_total),
                escape(&link.reason)
            );
        }
        out.push('\n');
    }

    fn faq(&self, out: &mut String, page: &ModelPage) {
        out.push_str("## Frequently asked questions\n");
        for faq in &page.faq {
            let _ = write!(
                out,
                "\n### {}\n\n{}\n",
                escape(&faq.question),
                escape(&faq.answer)
            );
        }
    }
}
