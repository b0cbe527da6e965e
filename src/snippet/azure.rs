//! Azure OpenAI quickstarts: a deployment of the model on the user's own
//! resource, called with an `api-key` header and a dated `api-version`.
//! The endpoint is the resource's (`$AZURE_OPENAI_ENDPOINT`), unless
//! `--base-url` names one; the deployment is assumed to carry the model's
//! name, which the snippets say.

use std::fmt::Write as _;

use super::{
    Snippet, SnippetSpec, chat_body_fields, comment_header, curl_command, js_chat_call,
    path_segment, python_chat_call, quoted, trim_slash,
};

/// The generally available data-plane API version the snippets call.
pub const API_VERSION: &str = "2024-10-21";

/// The variable holding the resource endpoint (`https://NAME.openai.azure.com`).
pub const ENDPOINT_ENV: &str = "AZURE_OPENAI_ENDPOINT";

/// How every snippet says what the deployment is.
const DEPLOYMENT_NOTE: &str = "The deployment is assumed to be named after the model; use yours";

/// The resource endpoint as code: the `--base-url` literal, or the variable.
fn endpoint_expr(spec: &SnippetSpec<'_>, python: bool) -> String {
    if spec.base_url_overridden {
        let base = trim_slash(spec.base_url);
        if python {
            super::url::python(base)
        } else {
            super::url::js(base)
        }
    } else if python {
        format!("os.environ[{}]", quoted(ENDPOINT_ENV))
    } else {
        format!("process.env.{ENDPOINT_ENV}")
    }
}

/// curl against the deployment's chat completions URL.
pub fn curl(spec: &SnippetSpec<'_>, docs_url: Option<&str>) -> Snippet {
    let path = format!(
        "/openai/deployments/{}/chat/completions?api-version={API_VERSION}",
        path_segment(spec.model)
    );
    let url = if spec.base_url_overridden {
        super::url::shell(&format!("{}{path}", trim_slash(spec.base_url)))
    } else {
        format!("\"${ENDPOINT_ENV}{path}\"")
    };
    let headers = vec![
        "\"Content-Type: application/json\"".to_string(),
        format!("\"api-key: ${}\"", spec.key_env),
    ];
    let code = curl_command(
        &url,
        &headers,
        &chat_body_fields(spec),
        spec.stream,
        docs_url,
    );
    Snippet {
        install: None,
        code: format!("# {DEPLOYMENT_NOTE}.\n{code}"),
    }
}

/// The `openai` package's `AzureOpenAI` client.
pub fn python(spec: &SnippetSpec<'_>, docs_url: Option<&str>) -> Snippet {
    let install = "pip install openai";
    let mut out = String::new();
    comment_header(&mut out, "#", Some(install), docs_url);
    let _ = write!(
        out,
        "import os\n\nfrom openai import AzureOpenAI\n\nclient = AzureOpenAI(\n    azure_endpoint={},\n    api_key=os.environ[{}],\n    api_version={},\n)\n\n# {DEPLOYMENT_NOTE}.\n",
        endpoint_expr(spec, true),
        quoted(spec.key_env),
        quoted(API_VERSION)
    );
    python_chat_call(&mut out, spec);
    Snippet::after_install(install, out)
}

/// The `openai` package's `AzureOpenAI` client, in an ES module.
pub fn js(spec: &SnippetSpec<'_>, docs_url: Option<&str>) -> Snippet {
    let install = "npm install openai";
    let mut out = String::new();
    comment_header(&mut out, "//", Some(install), docs_url);
    let _ = write!(
        out,
        "import {{ AzureOpenAI }} from \"openai\";\n\n// {DEPLOYMENT_NOTE}.\nconst client = new AzureOpenAI({{\n  endpoint: {},\n  apiKey: process.env.{},\n  apiVersion: {},\n  deployment: {},\n}});\n\n",
        endpoint_expr(spec, false),
        spec.key_env,
        quoted(API_VERSION),
        quoted(spec.model)
    );
    js_chat_call(&mut out, spec);
    Snippet::after_install(install, out)
}
