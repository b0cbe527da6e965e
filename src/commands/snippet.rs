//! `llmcost snippet MODEL --lang curl|python|js`: a runnable quickstart.

use anyhow::Result;
use serde::Serialize;

use crate::UsageError;
use crate::catalog::lookup::{Lookup, region_of_id, resolve};
use crate::catalog::model::{ApiStyle, Catalog, Region};
use crate::cli::SnippetArgs;
use crate::diagnostics::Diagnostics;
use crate::render::{Block, Document, Report};
use crate::snippet::{
    Endpoint, Lang, SnippetSpec, endpoint, generate, max_tokens_field, streams_usage,
};

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

/// The inference profile the query names (`us.anthropic.…`), if any: a
/// bare id billed in a region of its own (Bedrock's OpenAI models) still
/// gets the quickstart's default profile.
fn profile_named(lookup: &Lookup<'_>, query: &str) -> Option<Region> {
    let id = query.rsplit('/').next().unwrap_or(query);
    lookup
        .region
        .filter(|r| lookup.found.model.bare_id_region != Some(*r) || region_of_id(id).is_some())
}

/// Builds the snippet `args` asks for.
pub fn report(catalog: &Catalog, args: &SnippetArgs) -> Result<(SnippetReport, Diagnostics)> {
    let lookup = resolve(catalog, &args.model.model, args.model.provider.as_deref())?;
    let (model, provider) = (lookup.found.model, lookup.found.provider);
    let docs_url = model.docs_url.as_deref().or(provider.docs_url.as_deref());
    let Endpoint {
        base_url,
        key_env,
        model_id,
    } = endpoint(
        model,
        provider,
        args.base_url.as_deref(),
        profile_named(&lookup, &args.model.model),
    )?;
    if provider.api_style == ApiStyle::Bedrock && args.lang == Lang::Curl && args.stream {
        return Err(UsageError(
            "Bedrock streams its reply as binary AWS event-stream frames, which curl prints undecoded; use --lang python or --lang js to stream".to_string(),
        )
        .into());
    }
    let spec = SnippetSpec {
        model: &model_id,
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
        model: model_id.clone(),
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
