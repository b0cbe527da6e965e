//! The commands as tools with named JSON arguments, for the MCP server and
//! the Python module. One table names each tool's arguments (their JSON
//! schema); a call builds the command's typed request from them, as clap
//! builds it from the flags, with the flags' own parsers, and gets the
//! command's report and notes back as values: no argv, no stderr, nothing
//! priced twice.

use serde_json::{Map, Value, json};

use crate::diagnostics::Diagnostics;
use crate::usage::COUNTS;

#[cfg(test)]
mod python_stub;
mod requests;

use requests::{Given, Request};

/// What kind of JSON value an argument takes.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// A string.
    Text,
    /// A list of strings (the models to compare, capabilities).
    Texts,
    /// A whole number of tokens, requests or results. A negative one passes
    /// the type check, so the count's parser refuses it in its own words.
    Count,
    /// A flag that is on or off.
    Switch,
    /// One of these strings, the values the flag takes.
    Choice(&'static [&'static str]),
}

#[cfg(any(test, feature = "python"))]
impl Kind {
    /// The type a Python keyword of this kind takes, as the package's stub
    /// writes it (without `Optional`): a choice is a `Literal` of its values.
    pub fn python_type(self) -> String {
        match self {
            Kind::Text => "str".into(),
            Kind::Choice(values) => {
                let quoted: Vec<String> = values.iter().map(|v| format!("'{v}'")).collect();
                format!("Literal[{}]", quoted.join(", "))
            }
            Kind::Texts => "Sequence[str]".into(),
            Kind::Count => "int".into(),
            Kind::Switch => "bool".into(),
        }
    }
}

/// One named argument of a tool.
#[derive(Debug, Clone, Copy)]
pub struct Param {
    /// The JSON key (`input_tokens`).
    pub key: &'static str,
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

impl Tool {
    /// Its arguments, group after group: the order of the schema and of
    /// Python's keywords.
    pub fn arguments(&self) -> impl Iterator<Item = &'static Param> + use<> {
        self.params.iter().flat_map(|group| group.iter())
    }
}

const fn param(key: &'static str, kind: Kind, about: &'static str) -> Param {
    Param {
        key,
        kind,
        required: false,
        about,
    }
}

const MODEL: Param = Param {
    required: true,
    ..param(
        "model",
        Kind::Text,
        "Model id, alias or provider/id, e.g. gpt-4o-mini",
    )
};

const PROVIDER: [Param; 1] = [param(
    "provider",
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
    let mut params = [param("", Kind::Count, ""); FLAGGED_COUNTS];
    let (mut i, mut n) = (0, 0);
    while i < COUNTS.len() {
        if COUNTS[i].flag.is_some() {
            params[n] = param(COUNTS[i].name, Kind::Count, COUNTS[i].help);
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
        Kind::Choice(&["5m", "1h", "12h"]),
        "Which cache-write rate applies",
    ),
    param(
        "requests",
        Kind::Count,
        "Number of identical requests (default 1)",
    ),
    param("batch", Kind::Switch, "Price with the batch API's rates"),
    param(
        "service_tier",
        Kind::Choice(&["standard", "flex", "priority", "ultrafast"]),
        "The service tier",
    ),
    param(
        "region",
        Kind::Text,
        "The endpoint region (Bedrock in-region profiles, OpenAI data residency)",
    ),
    param(
        "at",
        Kind::Text,
        "When the request is made (YYYY-MM-DDTHH:MMZ): that day's prices, off-peak where the model has a window",
    ),
    param(
        "strict",
        Kind::Switch,
        "Fail when a rate the workload needs is missing instead of falling back",
    ),
];

const AS_OF: [Param; 1] = [param(
    "as_of",
    Kind::Text,
    "Price with the input and output prices in force on this date (YYYY-MM-DD)",
)];

const LIMIT: [Param; 1] = [param("limit", Kind::Count, "How many results (default 10)")];

const ONE_MODEL: [Param; 1] = [MODEL];

const COMPARED: [Param; 4] = [
    param(
        "models",
        Kind::Texts,
        "The models to compare; none compares every current model that passes the filters",
    ),
    param(
        "capability",
        Kind::Texts,
        "Only models with these capabilities (vision, tools, json, reasoning, caching)",
    ),
    param(
        "min_context",
        Kind::Count,
        "Only models with at least this context window",
    ),
    param("top", Kind::Count, "Only the first N rows"),
];

const SEARCHED: [Param; 1] = [Param {
    required: true,
    ..param(
        "query",
        Kind::Text,
        "Words to look for in model names, ids and providers",
    )
}];

const SNIPPET: [Param; 2] = [
    param(
        "lang",
        Kind::Choice(&["curl", "python", "js"]),
        "The language of the program (default curl)",
    ),
    param("prompt", Kind::Text, "The user message (default Hello!)"),
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
/// warnings.
#[derive(Debug)]
pub struct Called {
    /// The JSON report.
    pub report: Value,
    /// What the command had to say beside it.
    pub diagnostics: Diagnostics,
}

/// The tool named `name`.
pub fn find(name: &str) -> Option<&'static Tool> {
    TOOLS.iter().find(|tool| tool.name == name)
}

/// The tool's arguments as a JSON Schema object.
pub fn input_schema(tool: &Tool) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for param in tool.arguments() {
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

/// Checks one argument's JSON type against its parameter's kind.
fn check_type(tool: &Tool, param: &Param, value: &Value) -> Result<(), CallError> {
    let wrong = |expected: &str| {
        Err(CallError::Type(format!(
            "{}() argument '{}' must be {expected}, not {}",
            tool.name,
            param.key,
            type_name(value)
        )))
    };
    match (param.kind, value) {
        (Kind::Text | Kind::Choice(_), Value::String(_)) | (Kind::Switch, Value::Bool(_)) => Ok(()),
        (Kind::Count, Value::Number(n)) if is_whole(n) => Ok(()),
        (Kind::Texts, Value::Array(items)) if items.iter().all(Value::is_string) => Ok(()),
        (Kind::Text | Kind::Choice(_), _) => wrong("a string"),
        (Kind::Texts, _) => wrong("a list of strings"),
        (Kind::Count, _) => wrong("a whole number"),
        (Kind::Switch, _) => wrong("a boolean"),
    }
}

/// Calls the tool `name` with `arguments`: the arguments become the
/// command's own typed request, which its report function prices on the
/// catalog loaded once (see [`crate::commands::preload_catalog`]), exactly
/// as the command line's flags do.
pub fn call(name: &str, arguments: &Value) -> Result<Called, CallError> {
    let tool = find(name).ok_or_else(|| CallError::UnknownTool(name.to_string()))?;
    let given = Given::check(tool, arguments)?;
    let loaded = crate::commands::preload_catalog(None, None, &mut std::io::sink())
        .map_err(|error| failed(&error))?;
    let (report, diagnostics) = Request::of(&given)?
        .report(&loaded.catalog)
        .map_err(|error| failed(&error))?;
    Ok(Called {
        report,
        diagnostics,
    })
}

/// A command's error as a call's: usage mistakes are the caller's values.
fn failed(error: &anyhow::Error) -> CallError {
    let failure = crate::Failure::of(error);
    match failure.suggestions {
        Some(suggestions) => CallError::UnknownModel {
            message: failure.message,
            suggestions,
        },
        None if failure.code == crate::EXIT_USAGE => CallError::Value(failure.message),
        None => CallError::Failed(failure.message),
    }
}
