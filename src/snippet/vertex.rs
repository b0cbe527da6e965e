//! Google Vertex AI quickstarts: Gemini through Vertex's OpenAI-compatible
//! endpoint, in the user's project and region, with an OAuth access token
//! from `gcloud auth print-access-token` (Vertex takes no API key).

use std::fmt::Write as _;

use super::{
    Snippet, SnippetSpec, chat_body_fields, comment_header, curl_command, js_chat_call,
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
    Snippet {
        install: Some(install.to_string()),
        code: out,
    }
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
    Snippet {
        install: Some(install.to_string()),
        code: out,
    }
}
