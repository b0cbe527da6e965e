//! Quickstart programs that run as printed: curl, Python and JavaScript, for
//! each API style. Every user-supplied string goes through one escaping
//! function per language, so a prompt can never break out of its literal.

use std::fmt::Write as _;

use serde::Serialize;

use anyhow::{Result, bail};

use crate::catalog::model::{ApiStyle, Model, Provider, Region};

mod azure;
mod bedrock;
mod url;
mod vertex;

/// The languages a snippet comes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// A curl command for a POSIX shell.
    Curl,
    /// Python 3 with the official SDK.
    Python,
    /// JavaScript (ES module, Node 18+) with the official SDK.
    Js,
}

/// The Anthropic API version header every Messages request carries.
pub const ANTHROPIC_VERSION: &str = "2023-06-01";

/// The user message of a quickstart unless `--prompt` says otherwise.
pub const DEFAULT_PROMPT: &str = "Hello!";

/// Default `max_tokens` for APIs that require it (Anthropic).
pub const DEFAULT_MAX_TOKENS: u64 = 1024;

/// Everything a snippet needs to know.
#[derive(Debug, Clone)]
pub struct SnippetSpec<'a> {
    /// The model id the API expects.
    pub model: &'a str,
    /// How the API is called.
    pub style: ApiStyle,
    /// Base URL (`https://api.mistral.ai/v1`).
    pub base_url: &'a str,
    /// Whether `base_url` was given by the user (printed even where the SDK has a default).
    pub base_url_overridden: bool,
    /// Environment variable holding the key; must be a valid identifier
    /// (see [`is_env_name`]), as it is written into code unquoted.
    pub key_env: &'a str,
    /// The user message.
    pub prompt: &'a str,
    /// An optional system message.
    pub system: Option<&'a str>,
    /// `max_tokens`, where given (always sent to Anthropic).
    pub max_tokens: Option<u64>,
    /// The request field that carries `max_tokens` for OpenAI-compatible
    /// APIs (see [`max_tokens_field`]).
    pub max_tokens_field: &'static str,
    /// Stream the reply.
    pub stream: bool,
    /// Ask for usage in the final streamed chunk (see [`streams_usage`]).
    pub stream_usage: bool,
}

/// Where a quickstart sends its request, as the catalog states it.
#[derive(Debug, Clone)]
pub struct Endpoint<'c> {
    /// The API's base URL (the user's `--base-url`, else the provider's).
    pub base_url: &'c str,
    /// The environment variable holding the key, checked by [`is_env_name`].
    pub key_env: &'c str,
    /// The model id the request sends: the model's, or for Bedrock the
    /// inference profile (`global.…`) the query named or the model needs.
    pub model_id: String,
}

/// The endpoint a chat quickstart for `model` calls, or why no plain
/// snippet can call it (Responses-only models, missing or unsafe catalog
/// facts).
pub fn endpoint<'c>(
    model: &'c Model,
    provider: &'c Provider,
    base_url_override: Option<&'c str>,
    profile: Option<Region>,
) -> Result<Endpoint<'c>> {
    if model.responses_only {
        bail!(
            "{} is served only through OpenAI's Responses API (POST /v1/responses), not Chat Completions, so the chat quickstart would fail; see https://platform.openai.com/docs/api-reference/responses",
            model.id
        );
    }
    // Bedrock snippets sign with the AWS credential chain and read the
    // region from $AWS_REGION: they need no base URL or key name. Azure's
    // endpoint is the user's own resource, read from a variable; Vertex's
    // is per project and takes a gcloud token, not a key.
    let (own_endpoint, own_key) = match provider.api_style {
        ApiStyle::Bedrock => (Some(bedrock::DEFAULT_ENDPOINT), Some(bedrock::API_KEY_ENV)),
        ApiStyle::AzureOpenai => (Some(azure::ENDPOINT_ENV), None),
        ApiStyle::Vertex => (Some(vertex::ENDPOINT_TEMPLATE), Some(vertex::PROJECT_ENV)),
        _ => (None, None),
    };
    let Some(base_url) = base_url_override
        .or(provider.api_base_url.as_deref())
        .or(own_endpoint)
    else {
        bail!(
            "the catalog has no API base URL for provider '{}'; pass --base-url",
            provider.id
        );
    };
    let Some(key_env) = provider.api_key_env.as_deref().or(own_key) else {
        bail!(
            "the catalog has no API key variable for provider '{}'",
            provider.id
        );
    };
    if !is_env_name(key_env) {
        bail!(
            "provider '{}' has an invalid API key variable name in the catalog",
            provider.id
        );
    }
    // Catalog text printed into code must not carry terminal escapes or line
    // breaks: escaping could keep the code valid, but not the terminal safe.
    if [model.id.as_str(), base_url, key_env]
        .iter()
        .any(|t| t.chars().any(char::is_control))
    {
        bail!(
            "the catalog entry for '{}' contains control characters; refusing to print a snippet",
            provider.id
        );
    }
    Ok(Endpoint {
        base_url,
        key_env,
        model_id: invocation_id(model, provider, profile),
    })
}

/// The id a request names the model by: on Bedrock, the inference profile
/// of the region the query named (`us.anthropic.…`), or for a model callable
/// only through profiles its global one; elsewhere the model's id.
fn invocation_id(model: &Model, provider: &Provider, profile: Option<Region>) -> String {
    if provider.api_style != ApiStyle::Bedrock {
        return model.id.clone();
    }
    match profile.or(model.profile_only.then_some(Region::Global)) {
        Some(region) => format!("{}.{}", region.as_str(), model.id),
        None => model.id.clone(),
    }
}

/// OpenAI's reasoning models (GPT-5, the o-series) refuse `max_tokens` and
/// take `max_completion_tokens`; every other chat API takes `max_tokens`.
pub fn max_tokens_field(provider: &str, model: &str) -> &'static str {
    let model = model.to_ascii_lowercase();
    let reasoning = ["gpt-5", "o1", "o3", "o4"]
        .iter()
        .any(|family| model == *family || model.starts_with(&format!("{family}-")));
    if matches!(provider, "openai" | "azure") && reasoning {
        "max_completion_tokens"
    } else {
        "max_tokens"
    }
}

/// Providers whose OpenAI-compatible API reports usage in the last streamed
/// chunk when asked with `stream_options.include_usage` (their API
/// references document the option); others are not sent an option they
/// may reject.
pub fn streams_usage(provider: &str) -> bool {
    matches!(
        provider,
        "openai"
            | "azure"
            | "deepseek"
            | "xai"
            | "google"
            | "groq"
            | "together"
            | "fireworks"
            | "openrouter"
            | "alibaba"
    )
}

/// A snippet: the program and how to install what it needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    /// The install command, or `None` where nothing is needed beyond curl.
    pub install: Option<String>,
    /// The program, ending with a newline.
    pub code: String,
}

impl Snippet {
    /// The program `code`, run after `install`.
    fn after_install(install: &str, code: String) -> Snippet {
        Snippet {
            install: Some(install.to_string()),
            code,
        }
    }
}

impl SnippetSpec<'_> {
    /// `streamed` where the program streams the reply, else `whole`.
    fn pick<'t>(&self, streamed: &'t str, whole: &'t str) -> &'t str {
        if self.stream { streamed } else { whole }
    }
}

/// Whether `name` is a portable environment variable name
/// (`[A-Za-z_][A-Za-z0-9_]*`), safe to write bare in shell and JavaScript.
pub fn is_env_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A string literal in JSON, which is also a valid Python and JavaScript
/// string literal with the same value: quotes, backslashes and control
/// characters are escaped; other Unicode is kept as is.
pub fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_string())
}

/// Wraps text in single quotes for a POSIX shell; nothing inside is expanded.
pub fn shell_quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// Builds the snippet for `spec` in `lang`. The caller prints the docs URL
/// with it; `docs_url` goes in as a comment.
pub fn generate(spec: &SnippetSpec<'_>, lang: Lang, docs_url: Option<&str>) -> Snippet {
    match (spec.style, lang) {
        (ApiStyle::Anthropic, Lang::Curl) => anthropic_curl(spec, docs_url),
        (ApiStyle::Anthropic, Lang::Python) => anthropic_python(spec, docs_url),
        (ApiStyle::Anthropic, Lang::Js) => anthropic_js(spec, docs_url),
        (ApiStyle::Bedrock, Lang::Curl) => bedrock::curl(spec, docs_url),
        (ApiStyle::Bedrock, Lang::Python) => bedrock::python(spec, docs_url),
        (ApiStyle::Bedrock, Lang::Js) => bedrock::js(spec, docs_url),
        (ApiStyle::AzureOpenai, Lang::Curl) => azure::curl(spec, docs_url),
        (ApiStyle::AzureOpenai, Lang::Python) => azure::python(spec, docs_url),
        (ApiStyle::AzureOpenai, Lang::Js) => azure::js(spec, docs_url),
        (ApiStyle::Vertex, Lang::Curl) if vertex::is_claude(spec.model) => {
            vertex::claude_curl(spec)
        }
        (ApiStyle::Vertex, Lang::Python) if vertex::is_claude(spec.model) => {
            vertex::claude_python(spec)
        }
        (ApiStyle::Vertex, Lang::Js) if vertex::is_claude(spec.model) => vertex::claude_js(spec),
        (ApiStyle::Vertex, Lang::Curl) => vertex::curl(spec, docs_url),
        (ApiStyle::Vertex, Lang::Python) => vertex::python(spec, docs_url),
        (ApiStyle::Vertex, Lang::Js) => vertex::js(spec, docs_url),
        (_, Lang::Curl) => openai_curl(spec, docs_url),
        (_, Lang::Python) => openai_python(spec, docs_url),
        (_, Lang::Js) => openai_js(spec, docs_url),
    }
}

/// `text` as one URL path segment: only unreserved characters stay, the
/// rest are percent-escaped (Bedrock ids carry `:`, ARNs `/`), so the
/// result is also inert inside double quotes in a shell.
fn path_segment(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

fn trim_slash(url: &str) -> &str {
    url.trim_end_matches('/')
}

/// The messages array as JSON text (`[{"role": "user", "content": "…"}]`).
fn messages_json(spec: &SnippetSpec<'_>, include_system: bool, js_keys: bool) -> String {
    let message = |role: &str, content: &str| {
        if js_keys {
            format!("{{ role: {}, content: {} }}", quoted(role), quoted(content))
        } else {
            format!(
                "{{\"role\": {}, \"content\": {}}}",
                quoted(role),
                quoted(content)
            )
        }
    };
    let mut items = Vec::new();
    if include_system && let Some(system) = spec.system {
        items.push(message("system", system));
    }
    items.push(message("user", spec.prompt));
    format!("[{}]", items.join(", "))
}

/// A shell word: bare when it holds only characters no shell treats
/// specially (as in the seed page's `curl https://…`), else single-quoted.
pub fn shell_word(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ":/._-~%+@,".contains(c));
    if plain {
        text.to_string()
    } else {
        shell_quoted(text)
    }
}

/// Writes the install and docs comment lines. Catalog text goes into a
/// comment, so line breaks in it are flattened: they would end the comment.
fn comment_header(out: &mut String, marker: &str, install: Option<&str>, docs_url: Option<&str>) {
    let flat = |text: &str| -> String {
        text.chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect()
    };
    if let Some(install) = install {
        let _ = writeln!(out, "{marker} {}", flat(install));
    }
    if let Some(docs) = docs_url {
        let _ = writeln!(out, "{marker} Official docs: {}", flat(docs));
    }
}

/// A curl command; `url` is already a shell word.
fn curl_command(
    url: &str,
    headers: &[String],
    body_fields: &[String],
    stream: bool,
    docs_url: Option<&str>,
) -> String {
    let mut out = String::new();
    comment_header(&mut out, "#", None, docs_url);
    let no_buffer = if stream { " -N" } else { "" };
    let _ = writeln!(out, "curl{no_buffer} {url} \\");
    for header in headers {
        let _ = writeln!(out, "  -H {header} \\");
    }
    let body = format!("{{\n    {}\n  }}", body_fields.join(",\n    "));
    let _ = writeln!(out, "  -d {}", shell_quoted(&body));
    out
}

fn openai_curl(spec: &SnippetSpec<'_>, docs_url: Option<&str>) -> Snippet {
    let url = format!("{}/chat/completions", trim_slash(spec.base_url));
    let headers = vec![
        "\"Content-Type: application/json\"".to_string(),
        format!("\"Authorization: Bearer ${}\"", spec.key_env),
    ];
    let mut fields = vec![format!("\"model\": {}", quoted(spec.model))];
    fields.extend(chat_body_fields(spec));
    Snippet {
        install: None,
        code: curl_command(&url::shell(&url), &headers, &fields, spec.stream, docs_url),
    }
}

/// A Chat Completions body's fields after `model`: the messages, the
/// token limit and the streaming options.
fn chat_body_fields(spec: &SnippetSpec<'_>) -> Vec<String> {
    let mut fields = vec![format!(
        "\"messages\": {}",
        messages_json(spec, true, false)
    )];
    if let Some(n) = spec.max_tokens {
        fields.push(format!("\"{}\": {n}", spec.max_tokens_field));
    }
    if spec.stream {
        fields.push("\"stream\": true".to_string());
        if spec.stream_usage {
            fields.push("\"stream_options\": {\"include_usage\": true}".to_string());
        }
    }
    fields
}

fn anthropic_curl(spec: &SnippetSpec<'_>, docs_url: Option<&str>) -> Snippet {
    let url = format!("{}/v1/messages", trim_slash(spec.base_url));
    let headers = vec![
        "\"content-type: application/json\"".to_string(),
        format!("\"x-api-key: ${}\"", spec.key_env),
        format!("\"anthropic-version: {ANTHROPIC_VERSION}\""),
    ];
    let mut fields = vec![format!("\"model\": {}", quoted(spec.model))];
    fields.extend(anthropic_body_fields(spec));
    Snippet {
        install: None,
        code: curl_command(&url::shell(&url), &headers, &fields, spec.stream, docs_url),
    }
}

fn openai_python(spec: &SnippetSpec<'_>, docs_url: Option<&str>) -> Snippet {
    let install = "pip install openai";
    let mut out = String::new();
    comment_header(&mut out, "#", Some(install), docs_url);
    let _ = write!(
        out,
        "import os\n\nfrom openai import OpenAI\n\nclient = OpenAI(\n    base_url={},\n    api_key=os.environ[{}],\n)\n\n",
        url::python(trim_slash(spec.base_url)),
        quoted(spec.key_env)
    );
    python_chat_call(&mut out, spec);
    Snippet::after_install(install, out)
}

/// The Python `openai` client's Chat Completions call and its printing.
fn python_chat_call(out: &mut String, spec: &SnippetSpec<'_>) {
    let target = if spec.stream { "stream" } else { "resp" };
    let _ = write!(
        out,
        "{target} = client.chat.completions.create(\n    model={},\n    messages={},\n",
        quoted(spec.model),
        messages_json(spec, true, false)
    );
    if let Some(n) = spec.max_tokens {
        let _ = writeln!(out, "    {}={n},", spec.max_tokens_field);
    }
    if spec.stream && spec.stream_usage {
        out.push_str("    stream_options={\"include_usage\": True},\n");
    }
    out.push_str(spec.pick("    stream=True,\n)\nfor chunk in stream:\n    if chunk.choices and chunk.choices[0].delta.content:\n        print(chunk.choices[0].delta.content, end=\"\", flush=True)\nprint()\n", ")\nprint(resp.choices[0].message.content)\n"));
}

/// The Messages API body after the model: `max_tokens`, `system`,
/// `messages` and `stream`, as JSON members.
fn anthropic_body_fields(spec: &SnippetSpec<'_>) -> Vec<String> {
    let mut fields = vec![format!(
        "\"max_tokens\": {}",
        spec.max_tokens.unwrap_or(DEFAULT_MAX_TOKENS)
    )];
    if let Some(system) = spec.system {
        fields.push(format!("\"system\": {}", quoted(system)));
    }
    fields.push(format!(
        "\"messages\": {}",
        messages_json(spec, false, false)
    ));
    if spec.stream {
        fields.push("\"stream\": true".to_string());
    }
    fields
}

fn anthropic_python(spec: &SnippetSpec<'_>, docs_url: Option<&str>) -> Snippet {
    let install = "pip install anthropic";
    let mut out = String::new();
    comment_header(&mut out, "#", Some(install), docs_url);
    out.push_str("import os\n\nimport anthropic\n\nclient = anthropic.Anthropic(\n");
    if spec.base_url_overridden {
        let _ = writeln!(
            out,
            "    base_url={},",
            url::python(trim_slash(spec.base_url))
        );
    }
    let _ = write!(
        out,
        "    api_key=os.environ[{}],\n)\n\n",
        quoted(spec.key_env)
    );
    anthropic_python_call(&mut out, spec);
    Snippet::after_install(install, out)
}

/// The `anthropic` package's `messages.create` (or `.stream`) call on
/// `client`, printing the reply.
fn anthropic_python_call(out: &mut String, spec: &SnippetSpec<'_>) {
    let call = spec.pick(
        "with client.messages.stream(",
        "message = client.messages.create(",
    );
    let _ = write!(
        out,
        "{call}\n    model={},\n    max_tokens={},\n",
        quoted(spec.model),
        spec.max_tokens.unwrap_or(DEFAULT_MAX_TOKENS)
    );
    if let Some(system) = spec.system {
        let _ = writeln!(out, "    system={},", quoted(system));
    }
    let _ = writeln!(out, "    messages={},", messages_json(spec, false, false));
    out.push_str(spec.pick(") as stream:\n    for text in stream.text_stream:\n        print(text, end=\"\", flush=True)\nprint()\n", ")\nprint(message.content[0].text)\n"));
}

fn openai_js(spec: &SnippetSpec<'_>, docs_url: Option<&str>) -> Snippet {
    let install = "npm install openai";
    let mut out = String::new();
    comment_header(&mut out, "//", Some(install), docs_url);
    let _ = write!(
        out,
        "import OpenAI from \"openai\";\n\nconst client = new OpenAI({{\n  baseURL: {},\n  apiKey: process.env.{},\n}});\n\n",
        url::js(trim_slash(spec.base_url)),
        spec.key_env
    );
    js_chat_call(&mut out, spec);
    Snippet::after_install(install, out)
}

/// The JavaScript `openai` client's Chat Completions call and its printing.
fn js_chat_call(out: &mut String, spec: &SnippetSpec<'_>) {
    let target = if spec.stream { "stream" } else { "resp" };
    let _ = write!(
        out,
        "const {target} = await client.chat.completions.create({{\n  model: {},\n  messages: {},\n",
        quoted(spec.model),
        messages_json(spec, true, true)
    );
    if let Some(n) = spec.max_tokens {
        let _ = writeln!(out, "  {}: {n},", spec.max_tokens_field);
    }
    if spec.stream && spec.stream_usage {
        out.push_str("  stream_options: { include_usage: true },\n");
    }
    out.push_str(spec.pick("  stream: true,\n});\nfor await (const chunk of stream) {\n  process.stdout.write(chunk.choices[0]?.delta?.content ?? \"\");\n}\nprocess.stdout.write(\"\\n\");\n", "});\nconsole.log(resp.choices[0].message.content);\n"));
}

fn anthropic_js(spec: &SnippetSpec<'_>, docs_url: Option<&str>) -> Snippet {
    let install = "npm install @anthropic-ai/sdk";
    let mut out = String::new();
    comment_header(&mut out, "//", Some(install), docs_url);
    out.push_str(
        "import Anthropic from \"@anthropic-ai/sdk\";\n\nconst client = new Anthropic({\n",
    );
    if spec.base_url_overridden {
        let _ = writeln!(out, "  baseURL: {},", url::js(trim_slash(spec.base_url)));
    }
    let _ = write!(out, "  apiKey: process.env.{},\n}});\n\n", spec.key_env);
    let call = spec.pick(
        "const stream = client.messages.stream({",
        "const message = await client.messages.create({",
    );
    let _ = write!(
        out,
        "{call}\n  model: {},\n  max_tokens: {},\n",
        quoted(spec.model),
        spec.max_tokens.unwrap_or(DEFAULT_MAX_TOKENS)
    );
    if let Some(system) = spec.system {
        let _ = writeln!(out, "  system: {},", quoted(system));
    }
    let _ = writeln!(out, "  messages: {},", messages_json(spec, false, true));
    out.push_str(spec.pick("});\nfor await (const event of stream) {\n  if (event.type === \"content_block_delta\" && event.delta.type === \"text_delta\") {\n    process.stdout.write(event.delta.text);\n  }\n}\nprocess.stdout.write(\"\\n\");\n", "});\nconsole.log(message.content[0].text);\n"));
    Snippet::after_install(install, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_escape_everything_that_could_break_out() {
        assert_eq!(quoted("Hello!"), "\"Hello!\"");
        assert_eq!(quoted("a\"b\\c\nd"), r#""a\"b\\c\nd""#);
        assert_eq!(quoted("$(rm -rf ~) `x` é"), "\"$(rm -rf ~) `x` é\"");
        assert_eq!(shell_quoted("it's $HOME"), r"'it'\''s $HOME'");
    }
}
