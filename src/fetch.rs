//! Reads a catalog source from a file or an HTTP(S) URL, with bounds: a
//! maximum size, connect and read timeouts, and clear errors for a non-200
//! reply, an HTML page, an empty or truncated body.

use std::io::Read;
use std::path::Path;
use std::time::Duration;

use anyhow::{Context, Result, bail};

use crate::catalog::load::read_text_file;
use crate::progress;

/// The largest source accepted (LiteLLM's file is about 3.5 MiB).
pub const MAX_SOURCE_BYTES: u64 = 64 * 1024 * 1024;

/// The environment variable that sets the HTTP timeouts, in seconds.
pub const TIMEOUT_ENV: &str = "LLMCOST_HTTP_TIMEOUT";

const DEFAULT_TIMEOUT_SECS: u64 = 30;

fn timeout() -> Duration {
    let secs = std::env::var(TIMEOUT_ENV)
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|s| *s > 0)
        .unwrap_or(DEFAULT_TIMEOUT_SECS);
    Duration::from_secs(secs)
}

/// Whether `from` names a URL rather than a file.
pub fn is_url(from: &str) -> bool {
    from.starts_with("http://") || from.starts_with("https://")
}

/// Reads the source text from a URL or a file.
pub fn read_source(from: &str) -> Result<String> {
    if is_url(from) {
        download(from)
    } else {
        read_text_file(Path::new(from), MAX_SOURCE_BYTES)
    }
}

fn download(url: &str) -> Result<String> {
    let limit = timeout();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_connect(Some(limit))
        .timeout_recv_response(Some(limit))
        .timeout_recv_body(Some(limit))
        .http_status_as_error(false)
        .build()
        .into();
    let mut response = agent
        .get(url)
        .call()
        .with_context(|| format!("could not download '{url}'"))?;
    let status = response.status();
    if status != 200 {
        bail!("'{url}' answered HTTP {}", status.as_u16());
    }
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    if content_type.contains("text/html") {
        bail!("'{url}' answered with an HTML page, not a pricing catalog");
    }
    let length = response
        .headers()
        .get("content-length")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let bar = progress::bytes(length, &format!("llmcost: downloading {url}"));
    let reader = response
        .body_mut()
        .with_config()
        .limit(MAX_SOURCE_BYTES)
        .reader();
    let mut body = Vec::new();
    bar.wrap_read(reader)
        .read_to_end(&mut body)
        .with_context(|| format!("the download of '{url}' failed or was cut short"))?;
    bar.finish_and_clear();
    if body.is_empty() {
        bail!("'{url}' answered with an empty body");
    }
    String::from_utf8(body).map_err(|_| anyhow::anyhow!("'{url}' did not answer with UTF-8 text"))
}
