//! `llmcost snippet`: the printed programs are exact for the seed model,
//! valid in every language and API style, and really work: each runs with
//! its real client (curl, Python's and Node's official SDKs) against a mock
//! server on 127.0.0.1.
//!
//! A missing client makes a test print `SKIPPED: …` and pass; with
//! `LLMCOST_E2E=1` (as `.ci/run` sets) a missing client is a failure.
//! `.ci/run` installs the clients and points `LLMCOST_E2E_PYTHON` and
//! `LLMCOST_E2E_NODE_MODULES` at them.

use crate::common;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

use common::mock::{MockServer, REPLY};
use common::{json_of, llmcost, llmcost_fixture, stdout_of};
use predicates::prelude::*;

const HOSTILE: &str = "It's a \"test\" with \\back\\slashes\\, $(rm -rf ~), `whoami`, $HOME, a\ttab,\nnew lines, ünïcødé 🎉, '''triple''' and </script>";

#[test]
fn seed_snippets_match_the_seed_page_plus_import_os() {
    let curl = stdout_of(llmcost().args([
        "snippet",
        "mistral-small-3-1-24b-instruct",
        "--lang",
        "curl",
    ]));
    assert_eq!(
        curl,
        r#"# Official docs: https://docs.mistral.ai/api/
curl https://api.mistral.ai/v1/chat/completions \
  -H "Content-Type: application/json" \
  -H "Authorization: Bearer $MISTRAL_API_KEY" \
  -d '{
    "model": "mistral-small-3-1-24b-instruct",
    "messages": [{"role": "user", "content": "Hello!"}]
  }'
"#
    );
    let python =
        stdout_of(llmcost().args(["snippet", "mistral-small-3-1-24b-instruct", "--lang", "py"]));
    assert_eq!(
        python,
        r#"# pip install openai
# Official docs: https://docs.mistral.ai/api/
import os

from openai import OpenAI

client = OpenAI(
    base_url="https://api.mistral.ai/v1",
    api_key=os.environ["MISTRAL_API_KEY"],
)

resp = client.chat.completions.create(
    model="mistral-small-3-1-24b-instruct",
    messages=[{"role": "user", "content": "Hello!"}],
)
print(resp.choices[0].message.content)
"#
    );
    let js = stdout_of(llmcost().args([
        "snippet",
        "mistral-small-3-1-24b-instruct",
        "--lang",
        "javascript",
    ]));
    assert_eq!(
        js,
        r#"// npm install openai
// Official docs: https://docs.mistral.ai/api/
import OpenAI from "openai";

const client = new OpenAI({
  baseURL: "https://api.mistral.ai/v1",
  apiKey: process.env.MISTRAL_API_KEY,
});

const resp = await client.chat.completions.create({
  model: "mistral-small-3-1-24b-instruct",
  messages: [{ role: "user", content: "Hello!" }],
});
console.log(resp.choices[0].message.content);
"#
    );
}

#[test]
fn json_form_carries_every_field() {
    let json = json_of(llmcost().args([
        "snippet",
        "mistral-small-3-1-24b-instruct",
        "--lang",
        "node",
        "--json",
    ]));
    assert_eq!(json["lang"], "js");
    assert_eq!(json["model"], "mistral-small-3-1-24b-instruct");
    assert_eq!(json["provider"], "mistral");
    assert_eq!(json["install"], "npm install openai");
    assert_eq!(json["docs_url"], "https://docs.mistral.ai/api/");
    assert!(
        json["code"]
            .as_str()
            .unwrap()
            .starts_with("// npm install openai\n")
    );
}

#[test]
fn bedrock_curl_cannot_stream_and_says_what_can() {
    llmcost_fixture()
        .args(["snippet", "anthropic.claude-haiku-4-5-v1:0", "--stream"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("binary AWS event-stream frames"))
        .stderr(predicate::str::contains("--lang python or --lang js"));
}

#[test]
fn unknown_language_is_a_usage_error() {
    llmcost()
        .args([
            "snippet",
            "mistral-small-3-1-24b-instruct",
            "--lang",
            "cobol",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid value 'cobol'"));
}

// ---- running the snippets -------------------------------------------------

fn e2e_required() -> bool {
    std::env::var("LLMCOST_E2E").is_ok_and(|v| v == "1")
}

/// Says a client is missing: a visible skip, or a failure under LLMCOST_E2E=1.
fn missing(what: &str) {
    assert!(!e2e_required(), "LLMCOST_E2E=1 but {what} is not available");
    // Written to the real stderr: the test harness captures `eprintln!`
    // of passing tests, and a skip must be seen.
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED: {what} is not available (set LLMCOST_E2E=1 to make this a failure)"
    );
}

fn works(program: &str, args: &[&str]) -> bool {
    Process::new(program)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lang {
    Curl,
    Python,
    Js,
}

impl Lang {
    const ALL: [Lang; 3] = [Lang::Curl, Lang::Python, Lang::Js];

    fn flag(self) -> &'static str {
        match self {
            Lang::Curl => "curl",
            Lang::Python => "python",
            Lang::Js => "js",
        }
    }
}

fn python() -> Option<String> {
    let python = std::env::var("LLMCOST_E2E_PYTHON").unwrap_or_else(|_| "python3".into());
    works(&python, &["-c", "import openai, anthropic, boto3"]).then_some(python)
}

fn node_modules() -> Option<PathBuf> {
    let dir = PathBuf::from(std::env::var_os("LLMCOST_E2E_NODE_MODULES")?);
    let modules = dir.join("node_modules");
    (modules.join("openai").exists()
        && modules.join("@anthropic-ai/sdk").exists()
        && modules.join("@aws-sdk/client-bedrock-runtime").exists()
        && works("node", &["--version"]))
    .then_some(modules)
}

/// Writes `code` where its interpreter can find the SDK and returns the command.
fn program(lang: Lang, code: &str, dir: &Path) -> Option<Process> {
    match lang {
        Lang::Curl => {
            if !works("bash", &["-c", "true"]) || !works("curl", &["--version"]) {
                missing("bash with curl");
                return None;
            }
            let file = dir.join("snippet.sh");
            std::fs::write(&file, code).unwrap();
            let mut cmd = Process::new("bash");
            cmd.arg(file);
            Some(cmd)
        }
        Lang::Python => {
            let Some(python) = python() else {
                missing("python3 with the openai, anthropic and boto3 packages");
                return None;
            };
            let file = dir.join("snippet.py");
            std::fs::write(&file, code).unwrap();
            let mut cmd = Process::new(python);
            cmd.arg(file);
            Some(cmd)
        }
        Lang::Js => {
            let Some(modules) = node_modules() else {
                missing(
                    "node with the openai, @anthropic-ai/sdk and @aws-sdk/client-bedrock-runtime packages (LLMCOST_E2E_NODE_MODULES)",
                );
                return None;
            };
            // ES modules resolve packages from node_modules beside the file.
            std::os::unix::fs::symlink(&modules, dir.join("node_modules")).unwrap();
            let file = dir.join("snippet.mjs");
            std::fs::write(&file, code).unwrap();
            let mut cmd = Process::new("node");
            cmd.arg(file);
            Some(cmd)
        }
    }
}

struct Case<'a> {
    /// Arguments that name the model (and catalog).
    model: &'a [&'a str],
    key_env: &'a str,
    anthropic: bool,
    /// The field `--max-tokens` must arrive in.
    max_tokens_field: &'a str,
    /// Whether a streamed request asks for usage in its last chunk.
    stream_usage: bool,
}

/// Runs one snippet against the mock and checks the request and the output.
fn run_case(case: &Case<'_>, lang: Lang, stream: bool, prompt: &str, system: Option<&str>) {
    let server = MockServer::start();
    let base = if case.anthropic {
        server.url()
    } else {
        format!("{}/v1", server.url())
    };
    let mut cmd = llmcost();
    cmd.arg("snippet").args(case.model).args([
        "--lang",
        lang.flag(),
        "--base-url",
        &base,
        "--prompt",
        prompt,
        "--max-tokens",
        "64",
    ]);
    if let Some(system) = system {
        cmd.args(["--system", system]);
    }
    if stream {
        cmd.arg("--stream");
    }
    let code = stdout_of(&mut cmd);
    let dir = tempfile::tempdir().unwrap();
    let env = [(case.key_env, Some("test-key-123".to_string()))];
    if run_against_mock(lang, stream, &code, dir.path(), &env).is_none() {
        return;
    }

    let requests = server.requests();
    assert_eq!(requests.len(), 1, "{requests:?}");
    let request = &requests[0];
    assert_eq!(request.method, "POST");
    let body = &request.body;
    let messages = body["messages"].as_array().expect("messages");
    let last = messages.last().unwrap();
    assert_eq!(last["role"], "user");
    assert_eq!(last["content"], prompt, "the prompt arrives byte for byte");
    assert_eq!(body[case.max_tokens_field], 64, "{body}");
    if stream {
        assert_eq!(body["stream"], true);
        assert_eq!(
            body["stream_options"]["include_usage"] == true,
            case.stream_usage,
            "{body}"
        );
    }
    if case.anthropic {
        assert_eq!(request.path, "/v1/messages");
        let header = |name: &str| request.headers.get(name).map(String::as_str);
        if lang == Lang::Curl {
            assert_eq!(header("x-api-key"), Some("test-key-123"));
            assert_eq!(header("anthropic-version"), Some("2023-06-01"));
        } else {
            // The SDKs choose the auth header and API version themselves
            // (anthropic 2.x sends the key as a bearer token); the key must
            // arrive either way.
            let key = header("x-api-key")
                .or(header("authorization").and_then(|v| v.strip_prefix("Bearer ")));
            assert_eq!(key, Some("test-key-123"), "{lang:?}");
            assert!(header("anthropic-version").is_some(), "{lang:?}");
        }
        if let Some(system) = system {
            assert_eq!(body["system"], system);
        }
    } else {
        assert_eq!(request.path, "/v1/chat/completions");
        assert_eq!(
            request.headers.get("authorization").map(String::as_str),
            Some("Bearer test-key-123")
        );
        if let Some(system) = system {
            assert_eq!(messages[0]["role"], "system");
            assert_eq!(messages[0]["content"], system);
        }
    }
}

fn run_all_languages(case: &Case<'_>, prompt: &str, system: Option<&str>) {
    for lang in Lang::ALL {
        for stream in [false, true] {
            run_case(case, lang, stream, prompt, system);
        }
    }
}

const SEED: Case<'static> = Case {
    model: &["mistral-small-3-1-24b-instruct"],
    key_env: "MISTRAL_API_KEY",
    anthropic: false,
    max_tokens_field: "max_tokens",
    stream_usage: false,
};

#[test]
fn seed_snippets_run_against_the_mock() {
    run_all_languages(&SEED, "Hello!", None);
}

#[test]
fn hostile_prompts_arrive_inert_and_exact_openai_style() {
    run_all_languages(
        &SEED,
        HOSTILE,
        Some("You are 'careful' with \"$PATH\"\n and `ticks`."),
    );
}

#[test]
fn anthropic_snippets_run_against_the_mock() {
    let case = Case {
        model: &["claude-haiku-4-5"],
        key_env: "ANTHROPIC_API_KEY",
        anthropic: true,
        max_tokens_field: "max_tokens",
        stream_usage: false,
    };
    run_all_languages(&case, HOSTILE, Some("Be brief; don't run `$(anything)`."));
}

#[test]
fn six_more_providers_run_against_the_mock() {
    let cases = [
        (["gpt-4o-mini"], "OPENAI_API_KEY"),
        (["gemini-2.5-flash"], "GEMINI_API_KEY"),
        (["deepseek-flash"], "DEEPSEEK_API_KEY"),
        (["grok-4.5"], "XAI_API_KEY"),
        (["groq/openai/gpt-oss-120b"], "GROQ_API_KEY"),
        (["sonar"], "PERPLEXITY_API_KEY"),
        (["command-a-03-2025"], "COHERE_API_KEY"),
    ];
    for (model, key_env) in cases {
        let case = Case {
            model: &model,
            key_env,
            anthropic: false,
            max_tokens_field: "max_tokens",
            stream_usage: false,
        };
        for lang in Lang::ALL {
            run_case(&case, lang, false, "Hi from a test", None);
        }
    }
}

/// The snippet `cmd` prints for `model` in `lang`, calling `base`, with
/// the hostile prompt and `extra` flags.
fn snippet_code(
    mut cmd: assert_cmd::Command,
    model: &str,
    lang: Lang,
    base: &str,
    extra: &[&str],
    stream: bool,
) -> String {
    cmd.args(["snippet", model, "--lang", lang.flag(), "--base-url", base])
        .args(["--prompt", HOSTILE])
        .args(extra);
    if stream {
        cmd.arg("--stream");
    }
    stdout_of(&mut cmd)
}

/// Runs `code` in `lang` with `env` set (`None` removes a variable) and
/// the proxies cleared, and checks that it succeeded and printed the mock's
/// reply; `None` when the language's client is missing.
fn run_against_mock(
    lang: Lang,
    stream: bool,
    code: &str,
    dir: &Path,
    env: &[(&str, Option<String>)],
) -> Option<()> {
    let mut process = program(lang, code, dir)?;
    for (name, value) in env {
        match value {
            Some(value) => process.env(name, value),
            None => process.env_remove(name),
        };
    }
    let output = process
        .env("NO_PROXY", "127.0.0.1")
        .env_remove("HTTP_PROXY")
        .env_remove("HTTPS_PROXY")
        .env_remove("ALL_PROXY")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{lang:?} stream={stream} failed: {}\n{code}",
        String::from_utf8_lossy(&output.stderr)
    );
    match lang {
        // curl prints the raw reply: JSON, or the SSE events when streaming.
        Lang::Curl if stream => assert!(
            stdout.contains("Hello from") && stdout.contains(" the mock!"),
            "{stdout}"
        ),
        Lang::Curl => assert!(stdout.contains(REPLY), "{stdout}"),
        _ => assert_eq!(stdout.trim_end(), REPLY, "{lang:?} stream={stream}\n{code}"),
    }
    Some(())
}

/// Bedrock's Converse quickstarts, signed with AWS keys (curl's
/// `--aws-sigv4`, boto3, the AWS SDK for JavaScript), against the mock's
/// `/model/{id}/converse` and its event-stream `converse-stream`.
#[test]
fn bedrock_snippets_run_against_the_mock() {
    for lang in Lang::ALL {
        for stream in [false, true] {
            // curl cannot decode the event stream; that is refused above.
            if !(lang == Lang::Curl && stream) {
                run_bedrock(lang, stream);
            }
        }
    }
}

fn run_bedrock(lang: Lang, stream: bool) {
    const MODEL: &str = "anthropic.claude-haiku-4-5-v1:0";
    let server = MockServer::start();
    let extra = ["--system", "Be brief", "--max-tokens", "64"];
    let code = snippet_code(
        llmcost_fixture(),
        MODEL,
        lang,
        &server.url(),
        &extra,
        stream,
    );
    let dir = tempfile::tempdir().unwrap();
    let unset = |name| (name, None);
    let env = [
        ("AWS_ACCESS_KEY_ID", Some("AKIDLLMCOSTTEST".to_string())),
        ("AWS_SECRET_ACCESS_KEY", Some("test-secret".to_string())),
        ("AWS_REGION", Some("us-east-1".to_string())),
        ("AWS_EC2_METADATA_DISABLED", Some("true".to_string())),
        (
            "AWS_CONFIG_FILE",
            Some(dir.path().join("no-config").display().to_string()),
        ),
        (
            "AWS_SHARED_CREDENTIALS_FILE",
            Some(dir.path().join("no-credentials").display().to_string()),
        ),
        unset("AWS_SESSION_TOKEN"),
        unset("AWS_PROFILE"),
        unset("AWS_BEARER_TOKEN_BEDROCK"),
    ];
    if run_against_mock(lang, stream, &code, dir.path(), &env).is_none() {
        return;
    }
    let requests = server.requests();
    assert_eq!(requests.len(), 1, "{requests:?}");
    let request = &requests[0];
    let action = if stream {
        "converse-stream"
    } else {
        "converse"
    };
    assert_eq!(
        request.path,
        format!("/model/anthropic.claude-haiku-4-5-v1%3A0/{action}")
    );
    let body = &request.body;
    assert_eq!(body["messages"][0]["role"], "user");
    assert_eq!(
        body["messages"][0]["content"][0]["text"], HOSTILE,
        "the prompt arrives byte for byte"
    );
    assert_eq!(body["system"][0]["text"], "Be brief");
    assert_eq!(body["inferenceConfig"]["maxTokens"], 64);
    let auth = request
        .headers
        .get("authorization")
        .map_or("", String::as_str);
    assert!(
        auth.starts_with("AWS4-HMAC-SHA256 Credential=AKIDLLMCOSTTEST/")
            && auth.contains("/us-east-1/bedrock/aws4_request"),
        "{lang:?}: {auth}"
    );
}

/// Azure OpenAI's quickstarts call a deployment on the user's resource with
/// an `api-key` header and an `api-version`; the SDKs' `AzureOpenAI`
/// clients build the same URL.
#[test]
fn azure_snippets_run_against_the_mock() {
    for lang in Lang::ALL {
        for stream in [false, true] {
            run_azure(lang, stream);
        }
    }
}

fn run_azure(lang: Lang, stream: bool) {
    let server = MockServer::start();
    let extra = ["--max-tokens", "64"];
    let code = snippet_code(
        llmcost(),
        "azure/gpt-5",
        lang,
        &server.url(),
        &extra,
        stream,
    );
    let dir = tempfile::tempdir().unwrap();
    let env = [
        ("AZURE_OPENAI_API_KEY", Some("test-key-123".to_string())),
        ("AZURE_OPENAI_ENDPOINT", None),
        ("OPENAI_API_VERSION", None),
    ];
    if run_against_mock(lang, stream, &code, dir.path(), &env).is_none() {
        return;
    }
    let requests = server.requests();
    assert_eq!(requests.len(), 1, "{requests:?}");
    let request = &requests[0];
    assert_eq!(
        request.path,
        "/openai/deployments/gpt-5/chat/completions?api-version=2024-10-21"
    );
    assert_eq!(
        request.headers.get("api-key").map(String::as_str),
        Some("test-key-123"),
        "{lang:?}"
    );
    let body = &request.body;
    assert_eq!(
        body["messages"][0]["content"], HOSTILE,
        "the prompt arrives byte for byte"
    );
    // GPT-5 on Azure, as on OpenAI, takes max_completion_tokens.
    assert_eq!(body["max_completion_tokens"], 64, "{body}");
    if stream {
        assert_eq!(body["stream_options"]["include_usage"], true, "{body}");
    }
}

/// Vertex AI's quickstarts take an OAuth token from `gcloud auth
/// print-access-token` (a stand-in `gcloud` on PATH here) and call the
/// OpenAI-compatible endpoint with the publisher's model id.
#[test]
fn vertex_snippets_run_against_the_mock() {
    for lang in Lang::ALL {
        for stream in [false, true] {
            run_vertex(lang, stream, "gemini-2.5-flash", "google/gemini-2.5-flash");
        }
        // A partner model served through the same endpoint keeps its
        // publisher in the id.
        let llama = "meta/llama-4-scout-17b-16e-instruct-maas";
        run_vertex(lang, false, llama, llama);
        for stream in [false, true] {
            run_vertex_claude(lang, stream);
        }
    }
}

/// A stand-in `gcloud` that prints a token, first on `PATH`.
fn stand_in_gcloud(dir: &Path) -> String {
    let bin = dir.join("bin");
    std::fs::create_dir(&bin).unwrap();
    let gcloud = bin.join("gcloud");
    std::fs::write(&gcloud, "#!/bin/sh\necho test-token-vertex\n").unwrap();
    std::fs::set_permissions(&gcloud, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

/// Claude on Vertex: Anthropic's Messages body (without the model, with
/// Vertex's `anthropic_version`) to the model's `rawPredict` in the project
/// and location the environment names.
fn run_vertex_claude(lang: Lang, stream: bool) {
    let server = MockServer::start();
    let base = format!("{}/v1", server.url());
    let code = snippet_code(
        llmcost(),
        "vertex/claude-sonnet-4-5@20250929",
        lang,
        &base,
        &[],
        stream,
    );
    let dir = tempfile::tempdir().unwrap();
    let path = stand_in_gcloud(dir.path());
    let env = [
        ("PATH", Some(path)),
        ("GOOGLE_CLOUD_PROJECT", Some("test-project".to_string())),
        ("GOOGLE_CLOUD_LOCATION", Some("us-east5".to_string())),
    ];
    if run_against_mock(lang, stream, &code, dir.path(), &env).is_none() {
        return;
    }
    let requests = server.requests();
    assert_eq!(requests.len(), 1, "{requests:?}");
    let request = &requests[0];
    let method = if stream {
        "streamRawPredict"
    } else {
        "rawPredict"
    };
    assert_eq!(
        request.path,
        format!(
            "/v1/projects/test-project/locations/us-east5/publishers/anthropic/models/claude-sonnet-4-5@20250929:{method}"
        ),
        "{lang:?}"
    );
    assert_eq!(
        request.headers.get("authorization").map(String::as_str),
        Some("Bearer test-token-vertex"),
        "{lang:?}"
    );
    // Google's documented value; the Python SDK sends its own API version.
    if lang == Lang::Python {
        assert!(request.body["anthropic_version"].is_string(), "{request:?}");
    } else {
        assert_eq!(request.body["anthropic_version"], "vertex-2023-10-16");
    }
    assert_eq!(request.body["model"], serde_json::Value::Null, "{lang:?}");
    assert_eq!(request.body["messages"][0]["content"], HOSTILE);
}

fn run_vertex(lang: Lang, stream: bool, model: &str, sent_as: &str) {
    let server = MockServer::start();
    let base = format!("{}/v1", server.url());
    let code = snippet_code(
        llmcost(),
        &format!("vertex/{model}"),
        lang,
        &base,
        &[],
        stream,
    );
    let dir = tempfile::tempdir().unwrap();
    let path = stand_in_gcloud(dir.path());
    if run_against_mock(lang, stream, &code, dir.path(), &[("PATH", Some(path))]).is_none() {
        return;
    }
    let requests = server.requests();
    assert_eq!(requests.len(), 1, "{requests:?}");
    let request = &requests[0];
    assert_eq!(request.path, "/v1/chat/completions");
    assert_eq!(
        request.headers.get("authorization").map(String::as_str),
        Some("Bearer test-token-vertex"),
        "{lang:?}"
    );
    assert_eq!(request.body["model"], sent_as);
    assert_eq!(request.body["messages"][0]["content"], HOSTILE);
}

/// Cloudflare's base URL names the account as `${CLOUDFLARE_ACCOUNT_ID}`:
/// each language reads it at run time. The mock stands in through a
/// `--base-url` that names the variable the same way.
#[test]
fn cloudflare_snippets_read_the_account_from_the_environment() {
    for lang in Lang::ALL {
        let server = MockServer::start();
        let base = format!("{}/accounts/${{CLOUDFLARE_ACCOUNT_ID}}/ai/v1", server.url());
        let code = stdout_of(llmcost().args([
            "snippet",
            "@cf/meta/llama-3.1-8b-instruct-fp8",
            "--lang",
            lang.flag(),
            "--base-url",
            &base,
        ]));
        let dir = tempfile::tempdir().unwrap();
        let env = [
            ("CLOUDFLARE_ACCOUNT_ID", Some("acct123".to_string())),
            ("CLOUDFLARE_API_TOKEN", Some("test-key-123".to_string())),
        ];
        if run_against_mock(lang, false, &code, dir.path(), &env).is_none() {
            return;
        }
        let requests = server.requests();
        assert_eq!(
            requests[0].path, "/accounts/acct123/ai/v1/chat/completions",
            "{lang:?}"
        );
        assert_eq!(
            requests[0].headers.get("authorization").map(String::as_str),
            Some("Bearer test-key-123")
        );
    }
}

#[test]
fn openai_reasoning_models_get_max_completion_tokens_and_stream_usage() {
    // gpt-5 refuses max_tokens; a stream asks for usage in its last chunk,
    // which the mock sends with empty choices, and every client copes.
    let case = Case {
        model: &["gpt-5"],
        key_env: "OPENAI_API_KEY",
        anthropic: false,
        max_tokens_field: "max_completion_tokens",
        stream_usage: true,
    };
    run_all_languages(&case, "Hello!", None);
    // gpt-4o-mini keeps max_tokens, and streams ask for usage too.
    let case = Case {
        model: &["gpt-4o-mini"],
        max_tokens_field: "max_tokens",
        ..case
    };
    run_all_languages(&case, "Hello!", None);
    let code = stdout_of(llmcost().args([
        "snippet",
        "gpt-5",
        "--lang",
        "python",
        "--max-tokens",
        "100",
        "--stream",
    ]));
    assert!(
        code.contains("    max_completion_tokens=100,\n    stream_options={\"include_usage\": True},\n    stream=True,\n"),
        "{code}"
    );
}

/// Static checks without a network: the curl command is valid shell whose
/// body is JSON carrying the prompt exactly; Python compiles; JS parses.
#[test]
fn every_language_and_style_is_valid_code() {
    // Azure and Vertex print their own endpoint code when no --base-url is
    // given (the mock tests run the --base-url form).
    let models: [&[&str]; 4] = [
        &["mistral-small-3-1-24b-instruct"],
        &["claude-haiku-4-5"],
        &["azure/gpt-5"],
        &["vertex/gemini-2.5-flash"],
    ];
    for model in models {
        for stream in [false, true] {
            for lang in Lang::ALL {
                let mut cmd = llmcost();
                cmd.arg("snippet").args(model).args([
                    "--lang",
                    lang.flag(),
                    "--prompt",
                    HOSTILE,
                    "--system",
                    HOSTILE,
                ]);
                if stream {
                    cmd.arg("--stream");
                }
                let code = stdout_of(&mut cmd);
                check_syntax(lang, &code);
            }
        }
    }
}

fn check_syntax(lang: Lang, code: &str) {
    let dir = tempfile::tempdir().unwrap();
    match lang {
        Lang::Curl => {
            let body_start = code.find("-d '").expect("a -d body") + 4;
            let body = code[body_start..]
                .trim_end()
                .strip_suffix('\'')
                .expect("body ends with a quote");
            let body = body.replace(r"'\''", "'");
            let json: serde_json::Value =
                serde_json::from_str(&body).unwrap_or_else(|e| panic!("{e}: {body}"));
            let last = json["messages"].as_array().unwrap().last().unwrap().clone();
            assert_eq!(last["content"], HOSTILE);
            if works("bash", &["-c", "true"]) {
                let file = dir.path().join("s.sh");
                std::fs::write(&file, code).unwrap();
                assert!(
                    works("bash", &["-n", file.to_str().unwrap()]),
                    "bash -n failed:\n{code}"
                );
            } else {
                missing("bash");
            }
        }
        Lang::Python => {
            let python = std::env::var("LLMCOST_E2E_PYTHON").unwrap_or_else(|_| "python3".into());
            if !works(&python, &["--version"]) {
                return missing("python3");
            }
            let file = dir.path().join("s.py");
            std::fs::write(&file, code).unwrap();
            // Compiles, and the prompt literal has exactly the prompt's value.
            let check = "import ast,sys,json; t=ast.parse(open(sys.argv[1],encoding='utf-8').read()); \
                         print(json.dumps([n.value for n in ast.walk(t) if isinstance(n, ast.Constant) and isinstance(n.value, str)]))";
            let out = Process::new(&python)
                .args(["-c", check])
                .arg(&file)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{}\n{code}",
                String::from_utf8_lossy(&out.stderr)
            );
            let strings: Vec<String> = serde_json::from_slice(&out.stdout).unwrap();
            assert!(strings.iter().any(|s| s == HOSTILE), "{strings:?}");
            assert!(works(
                &python,
                &["-m", "py_compile", file.to_str().unwrap()]
            ));
        }
        Lang::Js => {
            if !works("node", &["--version"]) {
                return missing("node");
            }
            let file = dir.path().join("s.mjs");
            std::fs::write(&file, code).unwrap();
            let out = Process::new("node")
                .arg("--check")
                .arg(&file)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{}\n{code}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
}

#[test]
fn responses_only_models_get_a_pointer_not_a_failing_snippet() {
    // gpt-5-pro is not served through Chat Completions: a chat snippet would fail.
    llmcost()
        .args(["snippet", "gpt-5-pro"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "gpt-5-pro is served only through OpenAI's Responses API (POST /v1/responses)",
        ));
}

#[test]
fn bedrock_snippets_call_the_inference_profile_a_model_needs() {
    // GPT-5.4 on Bedrock exists only as inference profiles: the snippet
    // calls the global one; a query naming a profile keeps it.
    let code = stdout_of(llmcost().args(["snippet", "bedrock/openai.gpt-5.4", "--lang", "python"]));
    assert!(
        code.contains("    modelId=\"global.openai.gpt-5.4\",\n"),
        "{code}"
    );
    let code = stdout_of(llmcost().args([
        "snippet",
        "us.anthropic.claude-haiku-4-5-20251001-v1:0",
        "--lang",
        "js",
    ]));
    assert!(
        code.contains("    modelId: \"us.anthropic.claude-haiku-4-5-20251001-v1:0\",\n"),
        "{code}"
    );
    // Priced at the profile's region: 100k × $2.50 × 1.1 + 10k × $15 × 1.1
    // per 1M = $0.275 + $0.165 = $0.44 (global: $0.25 + $0.15 = $0.40).
    let total = |id: &str| {
        json_of(llmcost().args(["cost", id, "--in", "100k", "--out", "10k", "--json"]))["total"]
            .to_string()
    };
    assert_eq!(total("us.openai.gpt-5.4"), "0.44");
    assert_eq!(total("global.openai.gpt-5.4"), "0.4");
}
