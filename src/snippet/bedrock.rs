//! Amazon Bedrock quickstarts: the Converse API through curl's SigV4
//! signing, boto3 and the AWS SDK for JavaScript. Requests are signed with
//! the caller's AWS credentials (or a Bedrock API key in
//! `$AWS_BEARER_TOKEN_BEDROCK`, which both SDKs read), so the snippets name
//! no key themselves, and the region comes from `$AWS_REGION`.

use std::fmt::Write as _;

use super::{Snippet, SnippetSpec, comment_header, path_segment, quoted, shell_quoted, trim_slash};

/// The region a quickstart calls when `$AWS_REGION` is not set.
pub const DEFAULT_REGION: &str = "us-east-1";

/// The Bedrock Runtime endpoint of [`DEFAULT_REGION`], for a catalog that
/// names none.
pub const DEFAULT_ENDPOINT: &str = "https://bedrock-runtime.us-east-1.amazonaws.com";

/// The variable a Bedrock API key goes in, which both SDKs read.
pub const API_KEY_ENV: &str = "AWS_BEARER_TOKEN_BEDROCK";

/// How the SDK snippets say where credentials come from.
const CREDENTIALS: &str =
    "Credentials: your AWS profile or keys, or a Bedrock API key in $AWS_BEARER_TOKEN_BEDROCK";

/// Converse's `messages` (`[{"role": "user", "content": [{"text": "…"}]}]`)
/// and, where there is a system message, its `system` list.
fn messages(spec: &SnippetSpec<'_>, js_keys: bool) -> (String, Option<String>) {
    let text = |t: &str| {
        if js_keys {
            format!("[{{ text: {} }}]", quoted(t))
        } else {
            format!("[{{\"text\": {}}}]", quoted(t))
        }
    };
    let user = if js_keys {
        format!("[{{ role: \"user\", content: {} }}]", text(spec.prompt))
    } else {
        format!(
            "[{{\"role\": \"user\", \"content\": {}}}]",
            text(spec.prompt)
        )
    };
    (user, spec.system.map(text))
}

/// A curl command signed with `--aws-sigv4` (curl 7.75 or later). Curl
/// cannot decode the binary event stream `converse-stream` answers with, so
/// the command layer refuses `--stream` for it.
pub fn curl(spec: &SnippetSpec<'_>, docs_url: Option<&str>) -> Snippet {
    let region = format!("${{AWS_REGION:-{DEFAULT_REGION}}}");
    let model = path_segment(spec.model);
    let url = if spec.base_url_overridden {
        super::url::shell(&format!(
            "{}/model/{model}/converse",
            trim_slash(spec.base_url)
        ))
    } else {
        format!("\"https://bedrock-runtime.{region}.amazonaws.com/model/{model}/converse\"")
    };
    let (messages, system) = messages(spec, false);
    let mut fields = vec![format!("\"messages\": {messages}")];
    if let Some(system) = system {
        fields.push(format!("\"system\": {system}"));
    }
    if let Some(n) = spec.max_tokens {
        fields.push(format!("\"inferenceConfig\": {{\"maxTokens\": {n}}}"));
    }
    let mut out = String::new();
    comment_header(&mut out, "#", None, docs_url);
    out.push_str(
        "# Signed with your AWS keys; with temporary credentials also send\n# -H \"x-amz-security-token: $AWS_SESSION_TOKEN\"\n",
    );
    let _ = writeln!(out, "curl {url} \\");
    let _ = writeln!(out, "  --aws-sigv4 \"aws:amz:{region}:bedrock\" \\");
    out.push_str("  --user \"$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY\" \\\n");
    out.push_str("  -H \"Content-Type: application/json\" \\\n");
    let body = format!("{{\n    {}\n  }}", fields.join(",\n    "));
    let _ = writeln!(out, "  -d {}", shell_quoted(&body));
    Snippet {
        install: None,
        code: out,
    }
}

/// boto3's `converse` (or `converse_stream`).
pub fn python(spec: &SnippetSpec<'_>, docs_url: Option<&str>) -> Snippet {
    let install = "pip install boto3";
    let mut out = String::new();
    comment_header(&mut out, "#", Some(install), docs_url);
    let _ = write!(
        out,
        "# {CREDENTIALS}\nimport os\n\nimport boto3\n\nclient = boto3.client(\n    \"bedrock-runtime\",\n    region_name=os.environ.get(\"AWS_REGION\", {}),\n",
        quoted(DEFAULT_REGION)
    );
    if spec.base_url_overridden {
        let _ = writeln!(
            out,
            "    endpoint_url={},",
            super::url::python(trim_slash(spec.base_url))
        );
    }
    let call = spec.pick("converse_stream", "converse");
    let (messages, system) = messages(spec, false);
    let _ = write!(
        out,
        ")\n\nresp = client.{call}(\n    modelId={},\n    messages={messages},\n",
        quoted(spec.model)
    );
    if let Some(system) = system {
        let _ = writeln!(out, "    system={system},");
    }
    if let Some(n) = spec.max_tokens {
        let _ = writeln!(out, "    inferenceConfig={{\"maxTokens\": {n}}},");
    }
    out.push_str(spec.pick(")\nfor event in resp[\"stream\"]:\n    if \"contentBlockDelta\" in event:\n        print(event[\"contentBlockDelta\"][\"delta\"].get(\"text\", \"\"), end=\"\", flush=True)\nprint()\n", ")\nprint(resp[\"output\"][\"message\"][\"content\"][0][\"text\"])\n"));
    Snippet::after_install(install, out)
}

/// The AWS SDK for JavaScript v3's `ConverseCommand` (or
/// `ConverseStreamCommand`). The Bedrock client speaks HTTP/2; a custom
/// endpoint (a proxy or gateway) gets the HTTP/1.1 handler, which every
/// server speaks.
pub fn js(spec: &SnippetSpec<'_>, docs_url: Option<&str>) -> Snippet {
    let custom = spec.base_url_overridden;
    let install = if custom {
        "npm install @aws-sdk/client-bedrock-runtime @smithy/node-http-handler"
    } else {
        "npm install @aws-sdk/client-bedrock-runtime"
    };
    let command = spec.pick("ConverseStreamCommand", "ConverseCommand");
    let mut out = String::new();
    comment_header(&mut out, "//", Some(install), docs_url);
    let _ = writeln!(
        out,
        "// {CREDENTIALS}\nimport {{ BedrockRuntimeClient, {command} }} from \"@aws-sdk/client-bedrock-runtime\";"
    );
    if custom {
        out.push_str("import { NodeHttpHandler } from \"@smithy/node-http-handler\";\n");
    }
    let _ = write!(
        out,
        "\nconst client = new BedrockRuntimeClient({{\n  region: process.env.AWS_REGION ?? {},\n",
        quoted(DEFAULT_REGION)
    );
    if custom {
        let _ = writeln!(
            out,
            "  endpoint: {},\n  requestHandler: new NodeHttpHandler(),",
            super::url::js(trim_slash(spec.base_url))
        );
    }
    let (messages, system) = messages(spec, true);
    let _ = write!(
        out,
        "}});\n\nconst resp = await client.send(\n  new {command}({{\n    modelId: {},\n    messages: {messages},\n",
        quoted(spec.model)
    );
    if let Some(system) = system {
        let _ = writeln!(out, "    system: {system},");
    }
    if let Some(n) = spec.max_tokens {
        let _ = writeln!(out, "    inferenceConfig: {{ maxTokens: {n} }},");
    }
    out.push_str("  }),\n);\n");
    out.push_str(spec.pick("for await (const event of resp.stream) {\n  process.stdout.write(event.contentBlockDelta?.delta?.text ?? \"\");\n}\nprocess.stdout.write(\"\\n\");\n", "console.log(resp.output.message.content[0].text);\n"));
    Snippet::after_install(install, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_model_id_is_one_escaped_path_segment() {
        assert_eq!(
            path_segment("anthropic.claude-haiku-4-5-20251001-v1:0"),
            "anthropic.claude-haiku-4-5-20251001-v1%3A0"
        );
        assert_eq!(
            path_segment("arn:aws:bedrock:us-east-1:1:x/y\"$(z)"),
            "arn%3Aaws%3Abedrock%3Aus-east-1%3A1%3Ax%2Fy%22%24%28z%29"
        );
    }
}
