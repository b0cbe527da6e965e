//! Google Vertex AI quickstarts, in the user's project and region, with an
//! OAuth access token from `gcloud auth print-access-token` (Vertex takes
//! no API key): Gemini and the partner models on Vertex's OpenAI-compatible
//! endpoint, and Claude in Anthropic's own format through `rawPredict`.

use std::fmt::Write as _;

use super::{
    DEFAULT_MAX_TOKENS, Snippet, SnippetSpec, anthropic_body_fields, anthropic_python_call,
    chat_body_fields, comment_header, curl_command, js_chat_call, messages_json, path_segment,
    python_chat_call, quoted, trim_slash,
};

/// The region the snippets call when `$GOOGLE_CLOUD_LOCATION` is not set.
pub const DEFAULT_LOCATION: &str = "us-central1";

/// The variable naming the Google Cloud project.
pub const PROJECT_ENV: &str = "GOOGLE_CLOUD_PROJECT";

/// The variable naming the region.
pub const LOCATION_ENV: &str = "GOOGLE_CLOUD_LOCATION";

/// What stands for a catalog base URL: Vertex's endpoint is per project.
pub const ENDPOINT_TEMPLATE: &str = "https://{LOCATION}-aiplatform.googleapis.com/v1/projects/{PROJECT}/locations/{LOCATION}/endpoints/openapi";

/// The id Vertex's OpenAI-compatible endpoint expects: the publisher, then
/// the model (`google/gemini-2.5-flash`).
fn vertex_model(id: &str) -> String {
    if id.contains('/') {
        id.to_string()
    } else {
        format!("google/{id}")
    }
}

/// The spec with Vertex's model id.
fn with_publisher<'a>(spec: &SnippetSpec<'a>, model: &'a str) -> SnippetSpec<'a> {
    SnippetSpec {
        model,
        ..spec.clone()
    }
}

/// curl with the token from gcloud.
pub fn curl(spec: &SnippetSpec<'_>, docs_url: Option<&str>) -> Snippet {
    let model = vertex_model(spec.model);
    let spec = with_publisher(spec, &model);
    let url = if spec.base_url_overridden {
        super::url::shell(&format!("{}/chat/completions", trim_slash(spec.base_url)))
    } else {
        let location = format!("${{{LOCATION_ENV}:-{DEFAULT_LOCATION}}}");
        format!(
            "\"https://{location}-aiplatform.googleapis.com/v1/projects/${PROJECT_ENV}/locations/{location}/endpoints/openapi/chat/completions\""
        )
    };
    let headers = vec![
        "\"Content-Type: application/json\"".to_string(),
        "\"Authorization: Bearer $(gcloud auth print-access-token)\"".to_string(),
    ];
    let mut fields = vec![format!("\"model\": {}", quoted(spec.model))];
    fields.extend(chat_body_fields(&spec));
    let code = curl_command(&url, &headers, &fields, spec.stream, docs_url);
    let note = if spec.base_url_overridden {
        ""
    } else {
        "# For the global location, the host is aiplatform.googleapis.com.\n"
    };
    Snippet {
        install: None,
        code: format!("{note}{code}"),
    }
}

/// The `openai` package pointed at Vertex, with gcloud's token as the key.
pub fn python(spec: &SnippetSpec<'_>, docs_url: Option<&str>) -> Snippet {
    let model = vertex_model(spec.model);
    let spec = with_publisher(spec, &model);
    let install = "pip install openai";
    let mut out = String::new();
    comment_header(&mut out, "#", Some(install), docs_url);
    out.push_str("import os\nimport subprocess\n\nfrom openai import OpenAI\n\n");
    let base_url = if spec.base_url_overridden {
        super::url::python(trim_slash(spec.base_url))
    } else {
        let _ = write!(
            out,
            "project = os.environ[{}]\nlocation = os.environ.get({}, {})\n# The global location has no regional host.\nhost = \"aiplatform.googleapis.com\" if location == \"global\" else f\"{{location}}-aiplatform.googleapis.com\"\n",
            quoted(PROJECT_ENV),
            quoted(LOCATION_ENV),
            quoted(DEFAULT_LOCATION)
        );
        "f\"https://{host}/v1/projects/{project}/locations/{location}/endpoints/openapi\""
            .to_string()
    };
    let _ = write!(
        out,
        "token = subprocess.run(\n    [\"gcloud\", \"auth\", \"print-access-token\"], capture_output=True, text=True, check=True\n).stdout.strip()\n\nclient = OpenAI(\n    base_url={base_url},\n    api_key=token,\n)\n\n"
    );
    python_chat_call(&mut out, &spec);
    Snippet::after_install(install, out)
}

/// The `openai` package pointed at Vertex, in an ES module.
pub fn js(spec: &SnippetSpec<'_>, docs_url: Option<&str>) -> Snippet {
    let model = vertex_model(spec.model);
    let spec = with_publisher(spec, &model);
    let install = "npm install openai";
    let mut out = String::new();
    comment_header(&mut out, "//", Some(install), docs_url);
    out.push_str(
        "import { execFileSync } from \"node:child_process\";\nimport OpenAI from \"openai\";\n\n",
    );
    let base_url = if spec.base_url_overridden {
        super::url::js(trim_slash(spec.base_url))
    } else {
        let _ = write!(
            out,
            "const project = process.env.{PROJECT_ENV};\nconst location = process.env.{LOCATION_ENV} ?? {};\n// The global location has no regional host.\nconst host = location === \"global\" ? \"aiplatform.googleapis.com\" : `${{location}}-aiplatform.googleapis.com`;\n",
            quoted(DEFAULT_LOCATION)
        );
        "`https://${host}/v1/projects/${project}/locations/${location}/endpoints/openapi`"
            .to_string()
    };
    let _ = write!(
        out,
        "const token = execFileSync(\"gcloud\", [\"auth\", \"print-access-token\"]).toString().trim();\n\nconst client = new OpenAI({{\n  baseURL: {base_url},\n  apiKey: token,\n}});\n\n"
    );
    js_chat_call(&mut out, &spec);
    Snippet::after_install(install, out)
}

/// The `anthropic_version` Vertex takes in the body of a Claude request.
pub const CLAUDE_VERSION: &str = "vertex-2023-10-16";

/// Where Claude is called when `$GOOGLE_CLOUD_LOCATION` is not set: the
/// global endpoint, billed at the base rates (regional ones cost more).
const CLAUDE_LOCATION: &str = "global";

/// Google's page on calling Claude on Vertex AI.
pub const CLAUDE_DOCS: &str =
    "https://cloud.google.com/vertex-ai/generative-ai/docs/partner-models/claude/use-claude";

/// Whether Vertex serves `model` in Anthropic's own request format through
/// `rawPredict`, rather than on its OpenAI-compatible endpoint.
pub fn is_claude(model: &str) -> bool {
    model.starts_with("claude-")
}

/// The model as a URL path segment; Vertex's `@version` stays readable.
fn claude_segment(model: &str) -> String {
    path_segment(model).replace("%40", "@")
}

/// `rawPredict`, or `streamRawPredict` for a stream.
fn claude_method(spec: &SnippetSpec<'_>) -> &'static str {
    if spec.stream {
        "streamRawPredict"
    } else {
        "rawPredict"
    }
}

/// curl to Claude's `rawPredict`, with the token from gcloud.
pub fn claude_curl(spec: &SnippetSpec<'_>) -> Snippet {
    let docs_url = Some(CLAUDE_DOCS);
    let path = format!(
        "publishers/anthropic/models/{}:{}",
        claude_segment(spec.model),
        claude_method(spec)
    );
    let (setup, url) = if spec.base_url_overridden {
        let url = format!(
            "{}/projects/${{{PROJECT_ENV}}}/locations/${{{LOCATION_ENV}}}/{path}",
            trim_slash(spec.base_url)
        );
        (String::new(), super::url::shell(&url))
    } else {
        (
            format!(
                "LOCATION=\"${{{LOCATION_ENV}:-{CLAUDE_LOCATION}}}\"\n# The global location has no regional host.\nif [ \"$LOCATION\" = global ]; then HOST=aiplatform.googleapis.com; else HOST=\"$LOCATION-aiplatform.googleapis.com\"; fi\n"
            ),
            format!("\"https://$HOST/v1/projects/${PROJECT_ENV}/locations/$LOCATION/{path}\""),
        )
    };
    let headers = vec![
        "\"Content-Type: application/json\"".to_string(),
        "\"Authorization: Bearer $(gcloud auth print-access-token)\"".to_string(),
    ];
    let mut fields = vec![format!("\"anthropic_version\": {}", quoted(CLAUDE_VERSION))];
    fields.extend(anthropic_body_fields(spec));
    let code = curl_command(&url, &headers, &fields, spec.stream, docs_url);
    Snippet {
        install: None,
        code: format!("{setup}{code}"),
    }
}

/// The `anthropic` package's Vertex client, with gcloud's token.
pub fn claude_python(spec: &SnippetSpec<'_>) -> Snippet {
    let docs_url = Some(CLAUDE_DOCS);
    let install = "pip install anthropic";
    let mut out = String::new();
    comment_header(&mut out, "#", Some(install), docs_url);
    out.push_str("import os\nimport subprocess\n\nfrom anthropic import AnthropicVertex\n\n");
    out.push_str(
        "token = subprocess.run(\n    [\"gcloud\", \"auth\", \"print-access-token\"], capture_output=True, text=True, check=True\n).stdout.strip()\n\n",
    );
    let _ = write!(
        out,
        "client = AnthropicVertex(\n    project_id=os.environ[{}],\n    region=os.environ.get({}, {}),\n    access_token=token,\n",
        quoted(PROJECT_ENV),
        quoted(LOCATION_ENV),
        quoted(CLAUDE_LOCATION)
    );
    if spec.base_url_overridden {
        let _ = writeln!(
            out,
            "    base_url={},",
            super::url::python(trim_slash(spec.base_url))
        );
    }
    out.push_str(")\n\n");
    anthropic_python_call(&mut out, spec);
    Snippet::after_install(install, out)
}

/// `fetch` to Claude's `rawPredict` (Node 18 or later; no package): the
/// JavaScript Vertex SDK takes its credentials only from Google's
/// application-default login, not from a token.
pub fn claude_js(spec: &SnippetSpec<'_>) -> Snippet {
    let docs_url = Some(CLAUDE_DOCS);
    let mut out = String::new();
    comment_header(
        &mut out,
        "//",
        Some("Node 18 or later; no package needed"),
        docs_url,
    );
    out.push_str("import { execFileSync } from \"node:child_process\";\n\n");
    let _ = writeln!(
        out,
        "const project = process.env.{PROJECT_ENV};\nconst location = process.env.{LOCATION_ENV} ?? {};",
        quoted(CLAUDE_LOCATION)
    );
    let base = if spec.base_url_overridden {
        super::url::js(trim_slash(spec.base_url))
    } else {
        out.push_str("// The global location has no regional host.\nconst host = location === \"global\" ? \"aiplatform.googleapis.com\" : `${location}-aiplatform.googleapis.com`;\n");
        "`https://${host}/v1`".to_string()
    };
    let _ = write!(
        out,
        "const base = {base};\nconst token = execFileSync(\"gcloud\", [\"auth\", \"print-access-token\"]).toString().trim();\n\nconst url = `${{base}}/projects/${{project}}/locations/${{location}}/publishers/anthropic/models/{}:{}`;\n",
        claude_segment(spec.model),
        claude_method(spec)
    );
    let mut body = format!("  anthropic_version: {},\n", quoted(CLAUDE_VERSION));
    let _ = writeln!(
        body,
        "  max_tokens: {},",
        spec.max_tokens.unwrap_or(DEFAULT_MAX_TOKENS)
    );
    if let Some(system) = spec.system {
        let _ = writeln!(body, "  system: {},", quoted(system));
    }
    let _ = writeln!(body, "  messages: {},", messages_json(spec, false, true));
    if spec.stream {
        body.push_str("  stream: true,\n");
    }
    let _ = write!(
        out,
        "const response = await fetch(url, {{\n  method: \"POST\",\n  headers: {{ \"Content-Type\": \"application/json\", Authorization: `Bearer ${{token}}` }},\n  body: JSON.stringify({{\n{body}  }}),\n}});\nif (!response.ok) {{\n  throw new Error(`${{response.status}} ${{await response.text()}}`);\n}}\n"
    );
    out.push_str(spec.pick("// Server-sent events: one JSON event per `data:` line.\nconst decoder = new TextDecoder();\nlet buffered = \"\";\nfor await (const chunk of response.body) {\n  buffered += decoder.decode(chunk, { stream: true });\n  let end;\n  while ((end = buffered.indexOf(\"\\n\")) >= 0) {\n    const line = buffered.slice(0, end).trim();\n    buffered = buffered.slice(end + 1);\n    if (!line.startsWith(\"data:\")) continue;\n    const event = JSON.parse(line.slice(5));\n    if (event.type === \"content_block_delta\" && event.delta.type === \"text_delta\") {\n      process.stdout.write(event.delta.text);\n    }\n  }\n}\nprocess.stdout.write(\"\\n\");\n", "const message = await response.json();\nconsole.log(message.content[0].text);\n"));
    Snippet {
        install: None,
        code: out,
    }
}
