//! How the flags name the domain's choices: each enum's values, their
//! aliases and help, as clap reads them. The domain types stay plain (the
//! catalog, pricing and the log reader know nothing of clap); this table
//! is the one place that spells them for the command line.

use clap::ValueEnum;
use clap::builder::PossibleValue;

/// `ValueEnum` for a domain enum: each variant with its name, help and
/// aliases, in the order `--help` lists them.
macro_rules! value_enum {
    ($ty:path { $($variant:ident => $name:literal $(| $alias:literal)*: $help:literal,)* }) => {
        impl ValueEnum for $ty {
            fn value_variants<'a>() -> &'a [Self] {
                use $ty as This;
                &[$(This::$variant),*]
            }

            fn to_possible_value(&self) -> Option<PossibleValue> {
                use $ty as This;
                Some(match self {
                    $(This::$variant => PossibleValue::new($name)$(.alias($alias))*.help($help),)*
                    #[allow(unreachable_patterns)] // a variant no flag takes
                    _ => return None,
                })
            }
        }
    };
}

value_enum!(crate::catalog::model::Tier {
    Free => "free": "Both prices are zero",
    Budget => "budget": "Blended 50/50 price below $0.20 per 1M tokens",
    Standard => "standard": "Blended price from $0.20 to below $2 per 1M tokens",
    Premium => "premium": "Blended price from $2 to below $10 per 1M tokens",
    Frontier => "frontier": "Blended price of $10 or more per 1M tokens",
});

value_enum!(crate::catalog::modes::Region {
    Global => "global": "The global or standard endpoint (the default)",
    Us => "us": "United States (Bedrock `us.` profiles, OpenAI US data residency)",
    Eu => "eu": "European Union",
    Apac => "apac": "Asia Pacific",
    Au => "au": "Australia",
    Jp => "jp": "Japan",
    In => "in": "India",
    Ca => "ca": "Canada",
    UsGov => "us-gov": "AWS GovCloud (US)",
});

value_enum!(crate::catalog::modes::SearchContext {
    Low => "low": "The default",
    Medium => "medium": "Medium",
    High => "high": "High",
});

value_enum!(crate::catalog::modes::ServiceTier {
    Standard => "standard": "The standard rates",
    Flex => "flex": "OpenAI's flex processing (and equivalents): slower, cheaper",
    Priority => "priority": "Priority processing: faster, dearer",
    Ultrafast => "ultrafast": "OpenAI's ultrafast processing for the GPT-6 family: fastest, six times the standard rates",
});

value_enum!(crate::catalog::filter::Capability {
    Vision => "vision": "Image input",
    Tools => "tools": "Tool / function calling",
    Json => "json": "JSON mode or structured output",
    Reasoning => "reasoning": "Reasoning tokens",
    Caching => "caching": "Prompt caching",
});

value_enum!(crate::catalog::update::SourceFormat {
    Auto => "auto": "Detect from the content",
    Llmcost => "llmcost": "An llmcost catalog (as `catalog.json` or `catalog export --format json`)",
    Litellm => "litellm": "LiteLLM's model_prices_and_context_window.json",
    ModelsDev => "models-dev": "The models.dev database as one JSON file",
    Openrouter => "openrouter": "The OpenRouter /api/v1/models response",
    GenaiPrices => "genai-prices": "pydantic's genai-prices data (v2)",
});

value_enum!(crate::projection::Period {
    Day => "day": "--requests is per day",
    Month => "month": "--requests is per month (30 days)",
});

value_enum!(crate::snippet::Lang {
    Curl => "curl": "A curl command for a POSIX shell",
    Python => "python" | "py": "Python 3 with the official SDK",
    Js => "js" | "javascript" | "node": "JavaScript (ES module, Node 18+) with the official SDK",
});

value_enum!(crate::render::Format {
    Table => "table": "A readable table (the default)",
    Json => "json": "JSON, for scripts and `jq`; money is exact decimal numbers",
    Csv => "csv": "CSV (RFC 4180) of the report's rows",
    Markdown => "markdown": "A markdown pipe table, for pasting into a PR or issue",
});

value_enum!(crate::usage_log::grouping::GroupBy {
    Model => "model": "By model (provider/id)",
    Provider => "provider": "By provider",
    Hour => "hour": "By hour of the record's time (`--tz`)",
    Day => "day": "By day of the record's time (`--tz`)",
    Week => "week": "By ISO week (named by its Monday)",
    Month => "month": "By month of the record's time",
    Session => "session": "By session (Claude Code's `sessionId`; a Codex log file)",
    Project => "project": "By project (the session's working folder, `cwd`)",
    Agent => "agent": "By coding agent (the agent whose folder holds the log; `other` for any other log)",
});

value_enum!(crate::pricing::CacheTtl {
    FiveMinutes => "5m": "The 5-minute cache (the default, and the only one most providers have)",
    OneHour => "1h": "The 1-hour cache",
    TwelveHours => "12h": "The 12-hour cache (OpenAI's GPT-5.6 and GPT-6 families)",
});

value_enum!(crate::catalog::export::Dialect {
    Duckdb => "duckdb": "DuckDB (a table and a view)",
    Spark => "spark": "Apache Spark SQL (temporary views; run with `spark.sql.decimalOperations.allowPrecisionLoss=false`)",
});

value_enum!(crate::usage_log::grouping::CostSource {
    Computed => "computed": "llmcost's price for every line (the default)",
    Logged => "logged": "The cost a line states where it has one (costUSD, usage.cost, spend), else llmcost's",
    Both => "both": "llmcost's price, with the stated costs beside it and the difference",
});
