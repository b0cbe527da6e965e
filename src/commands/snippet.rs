//! `llmcost snippet MODEL --lang curl|python|js`: a runnable quickstart.

use anyhow::{Result, bail};
use serde::Serialize;

use crate::catalog::lookup::resolve;
use crate::catalog::model::{ApiStyle, Catalog};
use crate::cli::SnippetArgs;
use crate::diagnostics::Diagnostics;
use crate::render::{Block, Document, Report};
use crate::snippet::{Lang, SnippetSpec, generate, is_env_name, max_tokens_field, streams_usage};

/// A quickstart program for one model.
#[derive(Debug, Serialize)]
pub struct SnippetReport {
    /// `curl`, `python` or `js`.
    pub lang: Lang,
    /// API model id.
    pub model: String,
    /// Provider id.
    pub provider: String,
    /// The install command, if any.
    pub install: Option<String>,
    /// Official API docs.
    pub docs_url: Option<String>,
    /// The program.
    pub code: String,
}

/// Builds the snippet `args` asks for.
pub fn report(catalog: &Catalog, args: &SnippetArgs) -> Result<(SnippetReport, Diagnostics)> {
    let lookup = resolve(catalog, &args.model.model, args.model.provider.as_deref())?;
    let (model, provider) = (lookup.found.model, lookup.found.provider);
    let docs_url = model.docs_url.as_deref().or(provider.docs_url.as_deref());
    if provider.api_style == ApiStyle::Bedrock {
        bail!(
            "{} requests are signed with AWS SigV4, so a plain curl/SDK snippet cannot call {}; use the AWS SDK's Bedrock Runtime Converse API (docs: {})",
            provider.name,
            model.id,
            docs_url.unwrap_or("https://docs.aws.amazon.com/bedrock/")
        );
    }
    if model.responses_only {
        bail!(
            "{} is served only through OpenAI's Responses API (POST /v1/responses), not Chat Completions, so the chat quickstart would fail; see https://platform.openai.com/docs/api-reference/responses",
            model.id
        );
    }
    let Some(base_url) = args
        .base_url
        .as_deref()
        .or(provider.api_base_url.as_deref())
    else {
        bail!(
            "the catalog has no API base URL for provider '{}'; pass --base-url",
            provider.id
        );
    };
    let Some(key_env) = provider.api_key_env.as_deref() else {
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
    let spec = SnippetSpec {
        model: &model.id,
        style: provider.api_style,
        base_url,
        base_url_overridden: args.base_url.is_some(),
        key_env,
        prompt: &args.prompt,
        system: args.system.as_deref(),
        max_tokens: args.max_tokens,
        max_tokens_field: max_tokens_field(&provider.id, &model.id),
        stream: args.stream,
        stream_usage: streams_usage(&provider.id),
    };
    let snippet = generate(&spec, args.lang, docs_url);
    let report = SnippetReport {
        lang: args.lang,
        model: model.id.clone(),
        provider: provider.id.clone(),
        install: snippet.install,
        docs_url: docs_url.map(str::to_string),
        code: snippet.code,
    };
    Ok((report, Diagnostics::from_note(lookup.note)))
}

impl Report for SnippetReport {
    fn document(&self) -> Document {
        let mut doc = Document::default();
        doc.push(Block::Code {
            lang: match self.lang {
                Lang::Curl => "sh",
                Lang::Python => "python",
                Lang::Js => "js",
            },
            text: self.code.clone(),
        });
        doc
    }
}
