//! A tiny mock of the OpenAI-compatible `/chat/completions`, Anthropic
//! `/v1/messages` (also as Vertex's `…/models/{id}:rawPredict` and
//! `:streamRawPredict`) and Bedrock `/model/{id}/converse` APIs, streaming
//! included, on 127.0.0.1 with an ephemeral port. It records every request
//! and stops when dropped.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Read, Write as _};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// The reply every request gets, split in two for streaming.
pub const REPLY: &str = "Hello from the mock!";
const REPLY_PARTS: [&str; 2] = ["Hello from", " the mock!"];

/// One recorded request.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    /// Header names are lowercase.
    pub headers: HashMap<String, String>,
    pub body: serde_json::Value,
}

pub struct MockServer {
    pub port: u16,
    requests: Arc<Mutex<Vec<Recorded>>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl MockServer {
    pub fn start() -> MockServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let port = listener.local_addr().unwrap().port();
        listener.set_nonblocking(true).unwrap();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (reqs, halt) = (requests.clone(), stop.clone());
        let thread = std::thread::spawn(move || {
            // Bounded: the server lives at most two minutes whatever happens.
            let deadline = std::time::Instant::now() + Duration::from_secs(120);
            while !halt.load(Ordering::SeqCst) && std::time::Instant::now() < deadline {
                match listener.accept() {
                    Ok((stream, _)) => {
                        let reqs = reqs.clone();
                        std::thread::spawn(move || {
                            let _ = handle(stream, &reqs);
                        });
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(5)),
                }
            }
        });
        MockServer {
            port,
            requests,
            stop,
            thread: Some(thread),
        }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.requests.lock().unwrap().clone()
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn handle(stream: TcpStream, requests: &Mutex<Vec<Recorded>>) -> std::io::Result<()> {
    stream.set_nonblocking(false)?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or("").to_string();
    let path = parts.next().unwrap_or("").to_string();
    let mut headers = HashMap::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            break;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
        }
    }
    let length: usize = headers
        .get("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; length.min(1 << 20)];
    reader.read_exact(&mut body)?;
    let body: serde_json::Value = serde_json::from_slice(&body).unwrap_or(serde_json::Value::Null);
    let stream_reply = body["stream"] == true;
    let usage_chunk = body["stream_options"]["include_usage"] == true;
    let model = body["model"].as_str().unwrap_or("unknown").to_string();
    requests.lock().unwrap().push(Recorded {
        method,
        path: path.clone(),
        headers,
        body,
    });
    let mut out = stream;
    // Azure sends its API version as a query parameter.
    let path = path.split('?').next().unwrap_or_default();
    if path.ends_with("/converse") {
        let body = serde_json::json!({
            "output": {"message": {"role": "assistant", "content": [{"text": REPLY}]}},
            "stopReason": "end_turn",
            "usage": {"inputTokens": 3, "outputTokens": 5, "totalTokens": 8},
            "metrics": {"latencyMs": 1}
        });
        return respond(&mut out, "200 OK", "application/json", &body.to_string());
    }
    if path.ends_with("/converse-stream") {
        return respond_bytes(
            &mut out,
            "application/vnd.amazon.eventstream",
            &bedrock_events(),
        );
    }
    let anthropic = path.ends_with("/messages")
        || path.ends_with(":rawPredict")
        || path.ends_with(":streamRawPredict");
    let chat = path.ends_with("/chat/completions");
    if !anthropic && !chat {
        return respond(
            &mut out,
            "404 Not Found",
            "application/json",
            "{\"error\":\"not found\"}",
        );
    }
    if stream_reply {
        let events = if anthropic {
            anthropic_events(&model)
        } else {
            openai_events(&model, usage_chunk)
        };
        respond(&mut out, "200 OK", "text/event-stream", &events)
    } else {
        let body = if anthropic {
            serde_json::json!({
                "id": "msg_mock", "type": "message", "role": "assistant", "model": model,
                "content": [{"type": "text", "text": REPLY}],
                "stop_reason": "end_turn", "stop_sequence": null,
                "usage": {"input_tokens": 3, "output_tokens": 5}
            })
        } else {
            serde_json::json!({
                "id": "chatcmpl-mock", "object": "chat.completion", "created": 0, "model": model,
                "choices": [{"index": 0, "message": {"role": "assistant", "content": REPLY}, "finish_reason": "stop"}],
                "usage": {"prompt_tokens": 3, "completion_tokens": 5, "total_tokens": 8}
            })
        };
        respond(&mut out, "200 OK", "application/json", &body.to_string())
    }
}

fn respond(
    out: &mut TcpStream,
    status: &str,
    content_type: &str,
    body: &str,
) -> std::io::Result<()> {
    write!(
        out,
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )?;
    out.flush()
}

fn respond_bytes(out: &mut TcpStream, content_type: &str, body: &[u8]) -> std::io::Result<()> {
    write!(
        out,
        "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    out.write_all(body)?;
    out.flush()
}

/// Bedrock's ConverseStream reply: AWS event-stream frames (a prelude with
/// lengths and its CRC-32, string headers, a JSON payload, the frame's
/// CRC-32), one per event, as the SDKs decode them.
fn bedrock_events() -> Vec<u8> {
    let mut events = vec![("messageStart", serde_json::json!({"role": "assistant"}))];
    for part in REPLY_PARTS {
        events.push((
            "contentBlockDelta",
            serde_json::json!({"contentBlockIndex": 0, "delta": {"text": part}}),
        ));
    }
    events.push((
        "contentBlockStop",
        serde_json::json!({"contentBlockIndex": 0}),
    ));
    events.push(("messageStop", serde_json::json!({"stopReason": "end_turn"})));
    events.push((
        "metadata",
        serde_json::json!({"usage": {"inputTokens": 3, "outputTokens": 5, "totalTokens": 8}, "metrics": {"latencyMs": 1}}),
    ));
    let mut out = Vec::new();
    for (name, payload) in events {
        let mut headers = Vec::new();
        for (key, value) in [
            (":event-type", name),
            (":content-type", "application/json"),
            (":message-type", "event"),
        ] {
            headers.push(key.len() as u8);
            headers.extend_from_slice(key.as_bytes());
            headers.push(7); // a string value
            headers.extend_from_slice(&(value.len() as u16).to_be_bytes());
            headers.extend_from_slice(value.as_bytes());
        }
        let payload = payload.to_string().into_bytes();
        let total = 12 + headers.len() + payload.len() + 4;
        let mut frame = Vec::with_capacity(total);
        frame.extend_from_slice(&(total as u32).to_be_bytes());
        frame.extend_from_slice(&(headers.len() as u32).to_be_bytes());
        let prelude_crc = crc32(&frame);
        frame.extend_from_slice(&prelude_crc.to_be_bytes());
        frame.extend_from_slice(&headers);
        frame.extend_from_slice(&payload);
        let frame_crc = crc32(&frame);
        frame.extend_from_slice(&frame_crc.to_be_bytes());
        out.extend_from_slice(&frame);
    }
    out
}

/// CRC-32 (IEEE 802.3), bit by bit: the checksum event-stream frames carry.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// OpenAI's chunks; with `usage_chunk` (`stream_options.include_usage`), a
/// last chunk with empty `choices` and the usage, as OpenAI sends it.
fn openai_events(model: &str, usage_chunk: bool) -> String {
    let mut events = String::new();
    for (i, part) in REPLY_PARTS.iter().enumerate() {
        let delta = if i == 0 {
            serde_json::json!({"role": "assistant", "content": part})
        } else {
            serde_json::json!({"content": part})
        };
        let chunk = serde_json::json!({
            "id": "chatcmpl-mock", "object": "chat.completion.chunk", "created": 0, "model": model,
            "choices": [{"index": 0, "delta": delta, "finish_reason": null}]
        });
        let _ = write!(events, "data: {chunk}\n\n");
    }
    let last = serde_json::json!({
        "id": "chatcmpl-mock", "object": "chat.completion.chunk", "created": 0, "model": model,
        "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]
    });
    let _ = write!(events, "data: {last}\n\n");
    if usage_chunk {
        let usage = serde_json::json!({
            "id": "chatcmpl-mock", "object": "chat.completion.chunk", "created": 0, "model": model,
            "choices": [],
            "usage": {"prompt_tokens": 3, "completion_tokens": 5, "total_tokens": 8}
        });
        let _ = write!(events, "data: {usage}\n\n");
    }
    events.push_str("data: [DONE]\n\n");
    events
}

fn anthropic_events(model: &str) -> String {
    let mut events = vec![
        (
            "message_start",
            serde_json::json!({"type": "message_start", "message": {
                "id": "msg_mock", "type": "message", "role": "assistant", "model": model, "content": [],
                "stop_reason": null, "stop_sequence": null, "usage": {"input_tokens": 3, "output_tokens": 1}}}),
        ),
        (
            "content_block_start",
            serde_json::json!({"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}}),
        ),
    ];
    for part in REPLY_PARTS {
        events.push((
            "content_block_delta",
            serde_json::json!({"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": part}}),
        ));
    }
    events.push((
        "content_block_stop",
        serde_json::json!({"type": "content_block_stop", "index": 0}),
    ));
    events.push((
        "message_delta",
        serde_json::json!({"type": "message_delta", "delta": {"stop_reason": "end_turn", "stop_sequence": null}, "usage": {"output_tokens": 5}}),
    ));
    events.push(("message_stop", serde_json::json!({"type": "message_stop"})));
    let mut text = String::new();
    for (name, data) in events {
        let _ = write!(text, "event: {name}\ndata: {data}\n\n");
    }
    text
}
