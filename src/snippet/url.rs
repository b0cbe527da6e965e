//! Base URLs as code. A URL may name environment variables as `${NAME}`
//! (Cloudflare's `…/accounts/${CLOUDFLARE_ACCOUNT_ID}/ai/v1`); each language
//! reads them at run time. Any other URL is a plain literal.

use super::{is_env_name, quoted, shell_word};

/// A piece of a URL: text as it is, or a variable to read.
enum Part<'u> {
    Text(&'u str),
    Var(&'u str),
}

/// The pieces of `url` when it names at least one variable and every piece
/// of text can sit inside each language's interpolated string (no quote,
/// backslash, backtick, `$` or brace); `None` otherwise.
fn parts(url: &str) -> Option<Vec<Part<'_>>> {
    let mut parts = Vec::new();
    let mut rest = url;
    while let Some(at) = rest.find("${") {
        parts.push(Part::Text(&rest[..at]));
        let after = &rest[at + 2..];
        let end = after.find('}')?;
        let name = &after[..end];
        if !is_env_name(name) {
            return None;
        }
        parts.push(Part::Var(name));
        rest = &after[end + 1..];
    }
    parts.push(Part::Text(rest));
    let plain = |text: &str| {
        !text
            .chars()
            .any(|c| "\"'\\`${}".contains(c) || c.is_control())
    };
    let safe = parts.iter().all(|p| match p {
        Part::Text(text) => plain(text),
        Part::Var(_) => true,
    });
    (safe && parts.iter().any(|p| matches!(p, Part::Var(_)))).then_some(parts)
}

/// `url` with each variable written by `var`, inside `open`…`close`; or
/// `literal(url)` when it names none.
fn interpolated(
    url: &str,
    (open, close): (&str, &str),
    var: impl Fn(&str) -> String,
    literal: impl Fn(&str) -> String,
) -> String {
    let Some(parts) = parts(url) else {
        return literal(url);
    };
    let inner: String = parts
        .iter()
        .map(|p| match p {
            Part::Text(text) => (*text).to_string(),
            Part::Var(name) => var(name),
        })
        .collect();
    format!("{open}{inner}{close}")
}

/// `url` as one shell word: `"…${NAME}…"` where it names variables.
pub fn shell(url: &str) -> String {
    interpolated(url, ("\"", "\""), |name| format!("${{{name}}}"), shell_word)
}

/// `url` as a Python expression: an f-string reading `os.environ`.
pub fn python(url: &str) -> String {
    interpolated(
        url,
        ("f\"", "\""),
        |name| format!("{{os.environ['{name}']}}"),
        quoted,
    )
}

/// `url` as a JavaScript expression: a template literal reading
/// `process.env`.
pub fn js(url: &str) -> String {
    interpolated(
        url,
        ("`", "`"),
        |name| format!("${{process.env.{name}}}"),
        quoted,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_naming_a_variable_reads_it_in_each_language() {
        let url = "https://api.cloudflare.com/client/v4/accounts/${CLOUDFLARE_ACCOUNT_ID}/ai/v1";
        assert_eq!(
            shell(url),
            "\"https://api.cloudflare.com/client/v4/accounts/${CLOUDFLARE_ACCOUNT_ID}/ai/v1\""
        );
        assert_eq!(
            python(url),
            "f\"https://api.cloudflare.com/client/v4/accounts/{os.environ['CLOUDFLARE_ACCOUNT_ID']}/ai/v1\""
        );
        assert_eq!(
            js(url),
            "`https://api.cloudflare.com/client/v4/accounts/${process.env.CLOUDFLARE_ACCOUNT_ID}/ai/v1`"
        );
    }

    #[test]
    fn anything_else_stays_an_inert_literal() {
        // No variable, a bad name, or text that could break out: a literal.
        for url in [
            "https://api.mistral.ai/v1",
            "https://x/${1BAD}/v1",
            "https://x/${OK}/\"$(rm -rf ~)\"",
            "https://x/${OK}/`id`",
            "https://x/${UNCLOSED",
        ] {
            assert_eq!(python(url), quoted(url), "{url}");
            assert_eq!(js(url), quoted(url), "{url}");
            assert_eq!(shell(url), shell_word(url), "{url}");
        }
    }
}
