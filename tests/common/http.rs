//! A one-route HTTP server on 127.0.0.1 (ephemeral port) for `catalog
//! update` tests: it serves a fixed reply, or stalls, and stops when dropped.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// What the server answers.
#[derive(Clone)]
pub enum Reply {
    /// A normal reply.
    Body {
        status: u16,
        content_type: &'static str,
        body: Vec<u8>,
    },
    /// Headers promising `promised` bytes, then only `body`, then close.
    Truncated { promised: usize, body: Vec<u8> },
    /// Accepts the connection and says nothing.
    Stall,
}

pub struct HttpServer {
    pub port: u16,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl HttpServer {
    pub fn start(reply: Reply) -> HttpServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let port = listener.local_addr().unwrap().port();
        listener.set_nonblocking(true).unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let halt = stop.clone();
        let thread = std::thread::spawn(move || {
            let deadline = Instant::now() + Duration::from_secs(60);
            let mut open = Vec::new();
            while !halt.load(Ordering::SeqCst) && Instant::now() < deadline {
                let Ok((mut stream, _)) = listener.accept() else {
                    std::thread::sleep(Duration::from_millis(5));
                    continue;
                };
                let _ = stream.set_nonblocking(false);
                let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
                let mut buf = [0u8; 4096];
                let _ = stream.read(&mut buf);
                match &reply {
                    Reply::Body {
                        status,
                        content_type,
                        body,
                    } => {
                        let head = format!(
                            "HTTP/1.1 {status} X\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                            body.len()
                        );
                        let _ = stream.write_all(head.as_bytes());
                        let _ = stream.write_all(body);
                    }
                    Reply::Truncated { promised, body } => {
                        let head = format!(
                            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {promised}\r\nConnection: close\r\n\r\n"
                        );
                        let _ = stream.write_all(head.as_bytes());
                        let _ = stream.write_all(body);
                    }
                    Reply::Stall => {
                        // Keep the socket open, unanswered, until the server stops.
                        open.push(stream);
                        continue;
                    }
                }
                let _ = stream.flush();
            }
        });
        HttpServer {
            port,
            stop,
            thread: Some(thread),
        }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/catalog.json", self.port)
    }
}

impl Drop for HttpServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// A JSON reply with status 200.
pub fn json(body: impl Into<Vec<u8>>) -> Reply {
    Reply::Body {
        status: 200,
        content_type: "application/json",
        body: body.into(),
    }
}
