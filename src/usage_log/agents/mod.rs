//! Coding agents' own logs: where each agent keeps them ([`AGENTS`], one
//! row per agent), and for an agent whose logs are not one API usage per
//! line, a reader that turns its files into llmcost's flat records. Those
//! records are then read, deduplicated by the agent's rules and priced
//! exactly as any log's lines are: an agent adds a row here and a reader,
//! never a pricing rule.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::Serialize;
use serde_json::Value;

mod amp;
mod antigravity;
mod codebuff;
mod copilot;
mod droid;
mod gemini;
mod grok;
mod kimi;
mod opencode;
mod pi;
mod session_db;
mod zcode;

/// How `tally` reads an agent's files.
#[derive(Clone, Copy)]
pub enum Reading {
    /// Line by line, as any log: the agent logs one API usage per line.
    AsLogged,
    /// Whole, by the agent's reader (the file's path and its bytes).
    Document(fn(&Path, &[u8]) -> Vec<FlatRecord>),
    /// As a SQLite database, by the agent's reader.
    Database(fn(&Path) -> anyhow::Result<Vec<FlatRecord>>),
    /// Line by line as any log, after the agent's reader picks the lines
    /// that count (the path and the bytes in; the lines out).
    Filtered(fn(&Path, &[u8]) -> Vec<u8>),
}

/// A coding agent whose session logs `tally` finds by itself.
pub struct Agent {
    /// The name `--by agent` shows and `--agents` lists (`gemini-cli`).
    pub name: &'static str,
    /// The `tally` flag that reads its logs (`--gemini-cli`).
    pub flag: &'static str,
    /// How people write it (`Gemini CLI`).
    pub title: &'static str,
    /// The environment variable that moves its folder: a comma-separated
    /// list of folders, each read as `<folder>/<env_subfolder>`.
    pub env: &'static str,
    /// The folder under each of `env`'s folders that holds the logs.
    pub env_subfolder: &'static str,
    /// Where its logs are by default, under the home folder.
    pub homes: &'static [&'static str],
    /// Whether a file under its folders is one of its usage logs (by name
    /// and place: an agent keeps other files beside them).
    pub wants: fn(&Path) -> bool,
    /// How its files are read.
    pub read: Reading,
}

fn extension_is(path: &Path, wanted: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| wanted.contains(&e))
}

fn file_name(path: &Path) -> &str {
    path.file_name().and_then(|n| n.to_str()).unwrap_or("")
}

/// Whether `path` is in a folder named `name`.
fn in_folder(path: &Path, name: &str) -> bool {
    path.parent().is_some_and(|p| file_name(p) == name)
}

fn json_lines(path: &Path) -> bool {
    extension_is(path, &["jsonl"])
}

/// Every agent, in the order `--agents` reads them.
pub const AGENTS: [Agent; 18] = [
    Agent {
        name: "claude-code",
        flag: "claude-code",
        title: "Claude Code",
        env: "CLAUDE_CONFIG_DIR",
        env_subfolder: "projects",
        homes: &[".config/claude/projects", ".claude/projects"],
        wants: json_lines,
        read: Reading::AsLogged,
    },
    Agent {
        name: "codex",
        flag: "codex",
        title: "Codex CLI",
        env: "CODEX_HOME",
        env_subfolder: "sessions",
        homes: &[".codex/sessions"],
        wants: json_lines,
        read: Reading::AsLogged,
    },
    Agent {
        name: "gemini-cli",
        flag: "gemini-cli",
        title: "Gemini CLI",
        env: "GEMINI_DATA_DIR",
        env_subfolder: "",
        homes: &[".gemini/tmp"],
        wants: |path| in_folder(path, "chats") && extension_is(path, &["json", "jsonl"]),
        read: Reading::Document(gemini::read),
    },
    Agent {
        name: "qwen-code",
        flag: "qwen-code",
        title: "Qwen Code",
        env: "QWEN_DATA_DIR",
        env_subfolder: "projects",
        homes: &[".qwen/projects"],
        wants: |path| in_folder(path, "chats") && json_lines(path),
        read: Reading::Document(gemini::read),
    },
    Agent {
        name: "pi",
        flag: "pi",
        title: "pi",
        env: "PI_AGENT_DIR",
        env_subfolder: "",
        homes: &[".pi/agent/sessions"],
        wants: json_lines,
        read: Reading::Document(pi::read),
    },
    Agent {
        name: "openclaw",
        flag: "openclaw",
        title: "OpenClaw",
        env: "OPENCLAW_DIR",
        env_subfolder: "",
        homes: &[".openclaw", ".clawdbot", ".moltbot", ".moldbot"],
        wants: json_lines,
        read: Reading::Document(pi::read),
    },
    Agent {
        name: "kimi-cli",
        flag: "kimi-cli",
        title: "Kimi CLI",
        env: "KIMI_DATA_DIR",
        // The whole folder: its config.json (which names the model) is
        // Kimi's too, and no log.
        env_subfolder: "",
        homes: &[".kimi"],
        wants: |path| file_name(path) == "wire.jsonl",
        read: Reading::Document(kimi::read),
    },
    Agent {
        name: "amp",
        flag: "amp",
        title: "Amp",
        env: "AMP_DATA_DIR",
        env_subfolder: "threads",
        homes: &[".local/share/amp/threads"],
        wants: |path| file_name(path).starts_with("T-") && extension_is(path, &["json"]),
        read: Reading::Document(amp::read),
    },
    Agent {
        name: "droid",
        flag: "droid",
        title: "Droid (Factory)",
        env: "DROID_SESSIONS_DIR",
        env_subfolder: "",
        homes: &[".factory/sessions"],
        wants: |path| file_name(path).ends_with(".settings.json"),
        read: Reading::Document(droid::read),
    },
    Agent {
        name: "opencode",
        flag: "opencode",
        title: "OpenCode",
        env: "OPENCODE_DATA_DIR",
        env_subfolder: "",
        homes: &[".local/share/opencode"],
        wants: opencode::wants,
        read: Reading::Database(opencode::read_database),
    },
    Agent {
        name: "kilo",
        flag: "kilo",
        title: "Kilo",
        env: "KILO_DATA_DIR",
        env_subfolder: "",
        homes: &[".local/share/kilo"],
        wants: opencode::wants,
        read: Reading::Database(opencode::read_database),
    },
    Agent {
        name: "goose",
        flag: "goose",
        title: "Goose",
        env: "GOOSE_PATH_ROOT",
        env_subfolder: "data/sessions",
        homes: &[
            ".local/share/goose/sessions",
            "Library/Application Support/goose/sessions",
        ],
        wants: |path| file_name(path) == "sessions.db",
        read: Reading::Database(session_db::read_goose),
    },
    Agent {
        name: "hermes",
        flag: "hermes",
        title: "Hermes Agent",
        env: "HERMES_HOME",
        env_subfolder: "",
        homes: &[".hermes"],
        wants: |path| file_name(path) == "state.db",
        read: Reading::Database(session_db::read_hermes),
    },
    Agent {
        name: "copilot-cli",
        flag: "copilot-cli",
        title: "GitHub Copilot CLI",
        // The variable names the export file itself.
        env: "COPILOT_OTEL_FILE_EXPORTER_PATH",
        env_subfolder: "",
        homes: &[".copilot/otel"],
        wants: json_lines,
        read: Reading::Filtered(copilot::read),
    },
    Agent {
        name: "grok-build",
        flag: "grok-build",
        title: "Grok Build",
        env: "GROK_HOME",
        env_subfolder: "sessions",
        homes: &[".grok/sessions"],
        wants: |path| file_name(path) == "updates.jsonl",
        read: Reading::Document(grok::read),
    },
    Agent {
        name: "zcode",
        flag: "zcode",
        title: "ZCode",
        env: "ZCODE_HOME",
        env_subfolder: "cli/db",
        homes: &[".zcode/cli/db"],
        wants: |path| extension_is(path, &["sqlite"]),
        read: Reading::Database(zcode::read),
    },
    Agent {
        name: "codebuff",
        flag: "codebuff",
        title: "Codebuff",
        // Each of its channels' folders (stable, dev, staging).
        env: "CODEBUFF_DATA_DIR",
        env_subfolder: "projects",
        homes: &[
            ".config/manicode/projects",
            ".config/manicode-dev/projects",
            ".config/manicode-staging/projects",
        ],
        wants: |path| file_name(path) == "chat-messages.json",
        read: Reading::Document(codebuff::read),
    },
    Agent {
        name: "antigravity",
        flag: "antigravity",
        title: "Antigravity",
        // Gemini CLI's documented home (a `.gemini` folder inside it),
        // which toktrack reads for Antigravity too.
        env: "GEMINI_CLI_HOME",
        env_subfolder: ".gemini",
        homes: &[
            ".gemini/antigravity-cli/conversations",
            ".gemini/antigravity-ide/conversations",
            ".gemini/antigravity/conversations",
        ],
        wants: |path| {
            in_folder(path, "conversations")
                && extension_is(path, &["db"])
                && path
                    .ancestors()
                    .nth(2)
                    .is_some_and(|app| file_name(app).starts_with("antigravity"))
        },
        read: Reading::Database(antigravity::read),
    },
];

impl std::fmt::Debug for Agent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Agent({})", self.name)
    }
}

impl Agent {
    /// The agent named `name` (its `--by agent` name).
    pub fn named(name: &str) -> Option<&'static Agent> {
        AGENTS.iter().find(|agent| agent.name == name)
    }

    /// The folders that hold its logs: each of `env`'s folders (with the
    /// subfolder), else the default ones under the home folder; only those
    /// that exist.
    pub fn folders(&self) -> Vec<PathBuf> {
        let configured = std::env::var(self.env).ok();
        let roots: Vec<PathBuf> = match configured.as_deref().map(str::trim) {
            Some(dirs) if !dirs.is_empty() => dirs
                .split(',')
                .map(|dir| match self.env_subfolder {
                    "" => PathBuf::from(dir.trim()),
                    subfolder => Path::new(dir.trim()).join(subfolder),
                })
                .collect(),
            _ => dirs::home_dir()
                .map(|home| self.homes.iter().map(|h| home.join(h)).collect())
                .unwrap_or_default(),
        };
        // A folder, or a file where the variable names one (Copilot's).
        roots.into_iter().filter(|root| root.exists()).collect()
    }
}

/// Each agent's folders, found once per process.
fn roots() -> &'static [(PathBuf, &'static Agent)] {
    static ROOTS: OnceLock<Vec<(PathBuf, &'static Agent)>> = OnceLock::new();
    ROOTS.get_or_init(|| {
        AGENTS
            .iter()
            .flat_map(|agent| {
                agent
                    .folders()
                    .into_iter()
                    .map(move |f| (absolute(f), agent))
            })
            .collect()
    })
}

/// `path` made absolute against the working folder (no link resolved, no
/// file touched); as it is when that fails.
fn absolute(path: PathBuf) -> PathBuf {
    std::path::absolute(&path).unwrap_or(path)
}

/// The agent whose folders hold `path`: by the deepest of the folders
/// found (an agent's folder may lie inside another's), else by the layout
/// of its default folder inside the path (`…/.gemini/tmp/…`, a home
/// copied or given by path).
pub fn owner(path: &str) -> Option<&'static Agent> {
    if path == "-" {
        return None;
    }
    // Relative paths (`tally .` inside an agent's folder) compare as
    // absolute ones.
    let file = absolute(PathBuf::from(path));
    roots()
        .iter()
        .filter(|(root, _)| file.starts_with(root))
        .max_by_key(|(root, _)| root.components().count())
        .map(|(_, agent)| *agent)
        .or_else(|| {
            let components: Vec<_> = file.components().collect();
            AGENTS.iter().find(|agent| {
                agent.homes.iter().any(|home| {
                    let layout: Vec<_> = Path::new(home).components().collect();
                    components.windows(layout.len()).any(|w| w == layout)
                })
            })
        })
}

/// Whether `path` may hold usage: any log but an agent's files that its
/// reader does not take (its transcripts, settings, prompt history).
pub fn holds_usage(path: &str) -> bool {
    match owner(path) {
        Some(agent) if !matches!(agent.read, Reading::AsLogged) => (agent.wants)(Path::new(path)),
        _ => true,
    }
}

/// One request (or, where the agent logs only totals, one session) as
/// llmcost's flat record: what `tally --normalize` writes and every door
/// reads, with the session, folder and agent for grouping.
#[derive(Debug, Default, Clone, Serialize)]
pub struct FlatRecord {
    /// When it was made (RFC 3339), if the log says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ts: Option<String>,
    /// The model, as the agent names it.
    pub model: String,
    /// The provider, where the agent names one llmcost knows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    /// The session.
    #[serde(rename = "sessionId", skip_serializing_if = "Option::is_none")]
    pub session: Option<String>,
    /// The project (its working folder, or the agent's name for it).
    #[serde(rename = "cwd", skip_serializing_if = "Option::is_none")]
    pub project: Option<String>,
    /// Input tokens, cache reads and writes included.
    pub input_tokens: u64,
    /// Cache reads.
    pub cached_input_tokens: u64,
    /// Cache writes.
    pub cache_write_tokens: u64,
    /// Output tokens, reasoning included.
    pub output_tokens: u64,
    /// Reasoning tokens.
    pub reasoning_tokens: u64,
    /// The cost the agent logged, in USD, exactly as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cost: Option<serde_json::Number>,
    /// What names the request where the agent may log it twice (Grok Build
    /// copies a session's turns into its forks): billed once.
    #[serde(rename = "requestId", skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// How many API calls the record sums, where the agent says: a
    /// long-context tier is judged by their average.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub requests: Option<u64>,
    /// The input each of its calls had more than, where known: 0 for a
    /// session's totals, priced at the base context tier.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub context_floor_tokens: Option<u64>,
}

impl FlatRecord {
    /// A record from counts that exclude the cache, as Anthropic counts
    /// them (`input` beside `cache_read` and `cache_write`), and output
    /// that excludes `reasoning`.
    pub fn from_parts(
        uncached_input: u64,
        cache_read: u64,
        cache_write: u64,
        output: u64,
        reasoning: u64,
    ) -> FlatRecord {
        let mut record = FlatRecord::default();
        record.set_parts(uncached_input, cache_read, cache_write, output, reasoning);
        record
    }

    /// Sets this record's counts as [`FlatRecord::from_parts`] makes them.
    pub fn set_parts(
        &mut self,
        uncached_input: u64,
        cache_read: u64,
        cache_write: u64,
        output: u64,
        reasoning: u64,
    ) {
        self.input_tokens = uncached_input
            .saturating_add(cache_read)
            .saturating_add(cache_write);
        self.cached_input_tokens = cache_read;
        self.cache_write_tokens = cache_write;
        self.output_tokens = output.saturating_add(reasoning);
        self.reasoning_tokens = reasoning;
    }

    /// This record as a session's totals. They sum many calls, each far
    /// smaller than the sum, and the agent does not say how many: the
    /// totals are priced at the base context tier, not at a long-context
    /// one that the sum alone would cross.
    #[must_use]
    pub fn into_session_totals(self) -> FlatRecord {
        FlatRecord {
            context_floor_tokens: Some(0),
            ..self
        }
    }

    /// Whether it counts no token at all (an agent's empty turn).
    pub fn is_empty(&self) -> bool {
        self.input_tokens == 0 && self.output_tokens == 0
    }
}

/// The providers whose own API an agent may name, as llmcost names them
/// (a test checks each is in the bundled catalog).
const API_PROVIDERS: [(&str, &str); 14] = [
    ("anthropic", "anthropic"),
    ("openai", "openai"),
    ("google", "google"),
    ("gemini", "google"),
    ("vertex", "vertex"),
    ("xai", "xai"),
    ("mistral", "mistral"),
    ("deepseek", "deepseek"),
    ("groq", "groq"),
    ("openrouter", "openrouter"),
    ("moonshot", "moonshot"),
    ("moonshotai", "moonshot"),
    ("alibaba", "alibaba"),
    ("zai", "zai"),
];

/// The llmcost provider an agent's provider name stands for; `None` for
/// one llmcost does not price (a subscription such as GitHub Copilot's, a
/// gateway), whose requests are priced at the model's own API.
pub fn api_provider(name: &str) -> Option<String> {
    let name = name.trim().to_ascii_lowercase();
    API_PROVIDERS
        .iter()
        .find(|(agent_name, _)| *agent_name == name)
        .map(|(_, provider)| (*provider).to_string())
}

/// An exact amount of dollars as a record's `cost`: a JSON number whose
/// text is the decimal's (arbitrary precision is on), never a float.
fn cost_number(dollars: rust_decimal::Decimal) -> Option<serde_json::Number> {
    dollars.normalize().to_string().parse().ok()
}

/// The records as JSON Lines, for `tally`'s reader.
pub fn to_lines(records: &[FlatRecord]) -> Vec<u8> {
    let mut lines = Vec::new();
    for record in records {
        // A struct of strings and numbers always serializes.
        if serde_json::to_writer(&mut lines, record).is_ok() {
            lines.push(b'\n');
        }
    }
    lines
}

/// The whole number at `key` of `value` (0 when absent or not a count).
fn count(value: &Value, key: &str) -> u64 {
    value.get(key).and_then(Value::as_u64).unwrap_or(0)
}

/// The non-empty string at `key` of `value`.
fn text<'v>(value: &'v Value, key: &str) -> Option<&'v str> {
    value
        .get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

/// A file's name without its extensions (a session's id).
fn stem(path: &Path) -> String {
    let name = file_name(path);
    name.split('.').next().unwrap_or(name).to_string()
}

/// The JSON objects of a JSON Lines file; lines that are not are skipped.
fn objects(bytes: &[u8]) -> impl Iterator<Item = Value> + '_ {
    bytes
        .split(|b| *b == b'\n')
        .filter_map(|line| serde_json::from_slice::<Value>(line).ok())
        .filter(Value::is_object)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_become_wholes() {
        let record = FlatRecord::from_parts(100, 20, 10, 50, 5);
        assert_eq!(record.input_tokens, 130);
        assert_eq!(record.output_tokens, 55);
        assert_eq!(
            String::from_utf8(to_lines(&[FlatRecord {
                model: "m".into(),
                ..record
            }]))
            .unwrap(),
            "{\"model\":\"m\",\"input_tokens\":130,\"cached_input_tokens\":20,\"cache_write_tokens\":10,\"output_tokens\":55,\"reasoning_tokens\":5}\n"
        );
    }

    #[test]
    fn every_api_provider_is_in_the_catalog() {
        let catalog = crate::catalog::load::load(None).unwrap().catalog;
        for (_, provider) in API_PROVIDERS {
            assert!(
                catalog.models.iter().any(|m| m.provider == provider),
                "{provider}"
            );
        }
        assert_eq!(api_provider("GitHub-Copilot"), None);
        assert_eq!(api_provider("moonshotai").as_deref(), Some("moonshot"));
    }

    #[test]
    fn every_agent_has_its_own_name_and_flag() {
        for (i, agent) in AGENTS.iter().enumerate() {
            assert!(
                AGENTS[..i]
                    .iter()
                    .all(|a| a.name != agent.name && a.flag != agent.flag)
            );
        }
    }
}
