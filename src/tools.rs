//! The commands as tools with named JSON arguments, for the MCP server and
//! the Python module. One table maps each tool's arguments to the command's
//! own flags, so a tool call runs the very command a user would type, with
//! its rules, its messages and its JSON report; nothing is priced twice.

use std::ffi::OsString;

use serde_json::{Map, Value, json};

use crate::usage::COUNTS;

/// What kind of JSON value an argument takes, and how it becomes flags.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// A string.
    Text,
    /// A list of strings, each given once (`--capability a --capability b`,
    /// or several positional words).
    Texts,
    /// A whole number of tokens, requests or results. A negative one is
    /// passed on, so the command refuses it in its own words.
    Count,
    /// `true` adds the flag; `false` leaves it out.
    Switch,
    /// One of these strings; the command refuses any other in its words.
    Choice(&'static [&'static str]),
}

/// Where an argument goes on the command line.
#[derive(Debug, Clone, Copy)]
pub enum Place {
    /// A positional word (the model, the search text).
    Positional,
    /// `--flag value`.
    Flag(&'static str),
}

/// One named argument of a tool.
#[derive(Debug, Clone, Copy)]
pub struct Param {
    /// The JSON key (`input_tokens`).
    pub key: &'static str,
    /// Where it goes.
    pub place: Place,
    /// What it takes.
    pub kind: Kind,
    /// Whether a call must give it.
    pub required: bool,
    /// One line for the schema.
    pub about: &'static str,
}

/// A command as a tool.
#[derive(Debug)]
pub struct Tool {
    /// The tool's name, which is also the command's.
    pub name: &'static str,
    /// What it answers, for the agent choosing a tool.
    pub about: &'static str,
    /// Its arguments, in groups shared between tools.
    pub params: &'static [&'static [Param]],
}

const fn param(key: &'static str, place: Place, kind: Kind, about: &'static str) -> Param {
    Param {
        key,
        place,
        kind,
        required: false,
        about,
    }
}

const MODEL: Param = Param {
    required: true,
    ..param(
        "model",
        Place::Positional,
        Kind::Text,
        "Model id, alias or provider/id, e.g. gpt-4o-mini",
    )
};

const PROVIDER: [Param; 1] = [param(
    "provider",
    Place::Flag("--provider"),
    Kind::Text,
    "Pick the offer of this provider when several serve the model",
)];

/// The number of [`COUNTS`] a flag gives.
const FLAGGED_COUNTS: usize = {
    let (mut i, mut n) = (0, 0);
    while i < COUNTS.len() {
        if COUNTS[i].flag.is_some() {
            n += 1;
        }
        i += 1;
    }
    n
};

/// One request's counts, from the quantity table ([`COUNTS`]): each that
/// a flag gives, under its own name.
const COUNT_PARAMS: [Param; FLAGGED_COUNTS] = {
    let mut params = [param("", Place::Positional, Kind::Count, ""); FLAGGED_COUNTS];
    let (mut i, mut n) = (0, 0);
    while i < COUNTS.len() {
        if let Some(flag) = COUNTS[i].flag {
            params[n] = param(
                COUNTS[i].name,
                Place::Flag(flag),
                Kind::Count,
                COUNTS[i].help,
            );
            n += 1;
        }
        i += 1;
    }
    params
};

/// The rest of a request and the rates that apply: with [`COUNT_PARAMS`],
/// `cost`'s and `compare`'s workload flags.
const WORKLOAD: [Param; 7] = [
    param(
        "cache_ttl",
        Place::Flag("--cache-ttl"),
        Kind::Choice(&["5m", "1h", "12h"]),
        "Which cache-write rate applies",
    ),
    param(
        "requests",
        Place::Flag("--requests"),
        Kind::Count,
        "Number of identical requests (default 1)",
    ),
    param(
        "batch",
        Place::Flag("--batch"),
        Kind::Switch,
        "Price with the batch API's rates",
    ),
    param(
        "service_tier",
        Place::Flag("--service-tier"),
        Kind::Choice(&["standard", "flex", "priority", "ultrafast"]),
        "The service tier",
    ),
    param(
        "region",
        Place::Flag("--region"),
        Kind::Text,
        "The endpoint region (Bedrock in-region profiles, OpenAI data residency)",
    ),
    param(
        "at",
        Place::Flag("--at"),
        Kind::Text,
        "When the request is made (YYYY-MM-DDTHH:MMZ): that day's prices, off-peak where the model has a window",
    ),
    param(
        "strict",
        Place::Flag("--strict"),
        Kind::Switch,
        "Fail when a rate the workload needs is missing instead of falling back",
    ),
];

const AS_OF: [Param; 1] = [param(
    "as_of",
    Place::Flag("--as-of"),
    Kind::Text,
    "Price with the input and output prices in force on this date (YYYY-MM-DD)",
)];

const LIMIT: [Param; 1] = [param(
    "limit",
    Place::Flag("--limit"),
    Kind::Count,
    "How many results (default 10)",
)];

const ONE_MODEL: [Param; 1] = [MODEL];

const COMPARED: [Param; 4] = [
    param(
        "models",
        Place::Positional,
        Kind::Texts,
        "The models to compare; none compares every current model that passes the filters",
    ),
    param(
        "capability",
        Place::Flag("--capability"),
        Kind::Texts,
        "Only models with these capabilities (vision, tools, json, reasoning, caching)",
    ),
    param(
        "min_context",
        Place::Flag("--min-context"),
        Kind::Count,
        "Only models with at least this context window",
    ),
    param(
        "top",
        Place::Flag("--top"),
        Kind::Count,
        "Only the first N rows",
    ),
];

const SEARCHED: [Param; 1] = [Param {
    required: true,
    ..param(
        "query",
        Place::Positional,
        Kind::Text,
        "Words to look for in model names, ids and providers",
    )
}];

const SNIPPET: [Param; 2] = [
    param(
        "lang",
        Place::Flag("--lang"),
        Kind::Choice(&["curl", "python", "js"]),
        "The language of the program (default curl)",
    ),
    param(
        "prompt",
        Place::Flag("--prompt"),
        Kind::Text,
        "The user message (default Hello!)",
    ),
];

/// Every tool, in the order an agent sees them.
pub const TOOLS: [Tool; 6] = [
    Tool {
        name: "cost",
        about: "Price a workload on one model, exactly, itemized: input, cached input, cache writes, output, reasoning, fees; the token arguments describe one request and `requests` multiplies it.",
        params: &[&ONE_MODEL, &PROVIDER, &COUNT_PARAMS, &WORKLOAD, &AS_OF],
    },
    Tool {
        name: "compare",
        about: "Price one workload on several models (or every current model that passes the filters), cheapest first.",
        params: &[&COMPARED, &COUNT_PARAMS, &WORKLOAD],
    },
    Tool {
        name: "show",
        about: "A model's card: provider, context window, capabilities, every price with the sources that check it, lifecycle.",
        params: &[&ONE_MODEL, &PROVIDER],
    },
    Tool {
        name: "search",
        about: "Find models by name, id or provider.",
        params: &[&SEARCHED, &LIMIT],
    },
    Tool {
        name: "related",
        about: "Alternatives to a model: the same model from other providers, then models with similar capabilities, context and price tier.",
        params: &[&ONE_MODEL, &PROVIDER, &LIMIT],
    },
    Tool {
        name: "snippet",
        about: "A runnable quickstart that calls the model: curl, Python or JavaScript.",
        params: &[&ONE_MODEL, &PROVIDER, &SNIPPET],
    },
];

/// Why a tool call did not produce a report.
#[derive(Debug, PartialEq, Eq)]
pub enum CallError {
    /// No tool has that name.
    UnknownTool(String),
    /// An argument of the wrong JSON type, an unknown or a missing one.
    Type(String),
    /// The command refused a value (a usage error, exit code 2).
    Value(String),
    /// The model is not in the catalog; the closest ids, best first.
    UnknownModel {
        /// The command's message.
        message: String,
        /// Up to three ids.
        suggestions: Vec<String>,
    },
    /// Any other failure, in the command's words.
    Failed(String),
}

impl std::fmt::Display for CallError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CallError::UnknownTool(name) => write!(f, "no tool named '{name}'"),
            CallError::Type(message)
            | CallError::Value(message)
            | CallError::UnknownModel { message, .. }
            | CallError::Failed(message) => f.write_str(message),
        }
    }
}

/// A report: the command's JSON (exact numbers kept) and its notes and
/// warnings from stderr.
#[derive(Debug)]
pub struct Called {
    /// The JSON report.
    pub report: Value,
    /// `note: …` and `warning: …` lines, without the `llmcost: ` prefix.
    pub diagnostics: Vec<String>,
}

/// The tool named `name`.
pub fn find(name: &str) -> Option<&'static Tool> {
    TOOLS.iter().find(|tool| tool.name == name)
}

/// The tool's arguments as a JSON Schema object.
pub fn input_schema(tool: &Tool) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for param in tool.params.iter().flat_map(|group| group.iter()) {
        let schema = match param.kind {
            Kind::Text => json!({"type": "string"}),
            Kind::Texts => json!({"type": "array", "items": {"type": "string"}}),
            Kind::Count => json!({"type": "integer", "minimum": 0}),
            Kind::Switch => json!({"type": "boolean"}),
            Kind::Choice(values) => json!({"type": "string", "enum": values}),
        };
        let mut schema = schema;
        schema["description"] = Value::String(param.about.to_string());
        properties.insert(param.key.to_string(), schema);
        if param.required {
            required.push(param.key);
        }
    }
    json!({
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    })
}

/// The command line a call stands for (without the program name), or why
/// the arguments do not fit the tool.
pub fn command_line(tool: &Tool, arguments: &Value) -> Result<Vec<String>, CallError> {
    let empty = Map::new();
    let given = match arguments {
        Value::Object(map) => map,
        Value::Null => &empty,
        _ => {
            return Err(CallError::Type(format!(
                "{}() takes named arguments (a JSON object)",
                tool.name
            )));
        }
    };
    let params: Vec<&Param> = tool.params.iter().flat_map(|group| group.iter()).collect();
    if let Some(unknown) = given.keys().find(|k| !params.iter().any(|p| p.key == *k)) {
        return Err(CallError::Type(format!(
            "{}() got an unexpected argument '{unknown}'",
            tool.name
        )));
    }
    let mut positional = Vec::new();
    let mut flags = Vec::new();
    for param in params {
        let value = match given.get(param.key) {
            None | Some(Value::Null) if param.required => {
                return Err(CallError::Type(format!(
                    "{}() is missing its argument '{}'",
                    tool.name, param.key
                )));
            }
            None | Some(Value::Null) => continue,
            Some(value) => value,
        };
        let words = words_of(tool, param, value)?;
        match param.place {
            Place::Positional => positional.extend(words),
            Place::Flag(flag) => {
                for word in words {
                    flags.push(match param.kind {
                        Kind::Switch => flag.to_string(),
                        // `--in=-5`, so a negative count reaches the
                        // command's own check instead of reading as a flag.
                        _ => format!("{flag}={word}"),
                    });
                }
            }
        }
    }
    let mut line = vec![tool.name.to_string()];
    line.extend(positional);
    line.extend(flags);
    line.push("--json".to_string());
    Ok(line)
}

/// Whether `n` is written as a whole number (`12`, `-5`, not `1.0` or `1e3`).
fn is_whole(n: &serde_json::Number) -> bool {
    let text = n.to_string();
    let digits = text.strip_prefix('-').unwrap_or(&text);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if is_whole(n) => "an integer",
        Value::Number(_) => "a number with a fraction",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// The command-line words of one argument.
fn words_of(tool: &Tool, param: &Param, value: &Value) -> Result<Vec<String>, CallError> {
    let wrong = |expected: &str| {
        CallError::Type(format!(
            "{}() argument '{}' must be {expected}, not {}",
            tool.name,
            param.key,
            type_name(value)
        ))
    };
    match (param.kind, value) {
        (Kind::Text | Kind::Choice(_), Value::String(text)) => Ok(vec![text.clone()]),
        (Kind::Text | Kind::Choice(_), _) => Err(wrong("a string")),
        (Kind::Texts, Value::Array(items)) => items
            .iter()
            .map(|item| match item {
                Value::String(text) => Ok(text.clone()),
                _ => Err(wrong("a list of strings")),
            })
            .collect(),
        (Kind::Texts, _) => Err(wrong("a list of strings")),
        // A whole number of any size: the command says when it is too large.
        (Kind::Count, Value::Number(n)) if is_whole(n) => Ok(vec![n.to_string()]),
        (Kind::Count, _) => Err(wrong("a whole number")),
        (Kind::Switch, Value::Bool(true)) => Ok(vec![String::new()]),
        (Kind::Switch, Value::Bool(false)) => Ok(Vec::new()),
        (Kind::Switch, _) => Err(wrong("a boolean")),
    }
}

/// Calls the tool `name` with `arguments`: the command runs in this
/// process, on the catalog loaded once (see
/// [`crate::commands::preload_catalog`]).
pub fn call(name: &str, arguments: &Value) -> Result<Called, CallError> {
    let tool = find(name).ok_or_else(|| CallError::UnknownTool(name.to_string()))?;
    let line = command_line(tool, arguments)?;
    let mut args: Vec<OsString> = vec!["llmcost".into()];
    args.extend(line.into_iter().map(OsString::from));
    let run = crate::run_captured(args);
    let stderr = String::from_utf8_lossy(&run.stderr);
    let mut diagnostics = Vec::new();
    let mut error = None;
    for line in stderr.lines() {
        if let Some(message) = line.strip_prefix("llmcost: error: ") {
            error = Some(message.to_string());
        } else if let Some(rest) = line.strip_prefix("llmcost: ") {
            diagnostics.push(rest.to_string());
        }
    }
    if run.code != 0 {
        let message = error.unwrap_or_else(|| format!("{name} failed (exit code {})", run.code));
        return Err(match (run.code, run.suggestions) {
            (_, Some(suggestions)) => CallError::UnknownModel {
                message,
                suggestions,
            },
            (crate::EXIT_USAGE, None) => CallError::Value(message),
            _ => CallError::Failed(message),
        });
    }
    let report = serde_json::from_slice(&run.stdout)
        .map_err(|err| CallError::Failed(format!("{name} printed no JSON report: {err}")))?;
    Ok(Called {
        report,
        diagnostics,
    })
}
