//! A tool call's JSON arguments as the command's typed request: the same
//! structs clap fills from the flags, filled here from named values and
//! checked by the same parsers, so a call and a command line that mean the
//! same request are the same request.

use std::cell::RefCell;
use std::fmt::Display;

use clap::ValueEnum;
use serde::Serialize;
use serde_json::{Map, Value};

use super::{CallError, Tool, check_type};
use crate::catalog::model::Catalog;
use crate::catalog::modes::{SearchContext, ServiceTier};
use crate::cli::parsers::{calendar_date, model_name, moment, quantity};
use crate::cli::{
    CompareArgs, CompareSort, CostArgs, FilterArgs, ModelArgs, OutputArgs, PartFlags, RelatedArgs,
    RequestArgs, SearchArgs, SnippetArgs, UsageArgs,
};
use crate::commands::{compare, cost, related, search, show, snippet};
use crate::diagnostics::Diagnostics;
use crate::pricing::CacheTtl;
use crate::render::Format;
use crate::snippet::{DEFAULT_PROMPT, Lang};
use crate::usage::COUNTS;

/// A call's arguments, each of the type its parameter takes.
pub(super) struct Given<'a> {
    tool: &'static Tool,
    /// `None` when the call gave no arguments (JSON `null`).
    values: Option<&'a Map<String, Value>>,
    /// The keys the request has read, to find one it forgot.
    read: RefCell<Vec<String>>,
}

/// What a report function gives: the report as JSON, or the command's error.
type Reported = anyhow::Result<(Value, Diagnostics)>;

impl<'a> Given<'a> {
    /// The arguments of a call to `tool`, or why they do not fit it: not an
    /// object, an unknown or missing argument, a value of the wrong type.
    pub(super) fn check(tool: &'static Tool, arguments: &'a Value) -> Result<Self, CallError> {
        let values = match arguments {
            Value::Object(map) => Some(map),
            Value::Null => None,
            _ => {
                return Err(CallError::Type(format!(
                    "{}() takes named arguments (a JSON object)",
                    tool.name
                )));
            }
        };
        let given = Given {
            tool,
            values,
            read: RefCell::default(),
        };
        let params = || tool.arguments();
        if let Some(unknown) = values
            .into_iter()
            .flat_map(Map::keys)
            .find(|key| !params().any(|p| p.key == *key))
        {
            return Err(CallError::Type(format!(
                "{}() got an unexpected argument '{unknown}'",
                tool.name
            )));
        }
        for param in params() {
            match given.peek(param.key) {
                Some(value) => check_type(tool, param, value)?,
                None if param.required => {
                    return Err(CallError::Type(format!(
                        "{}() is missing its argument '{}'",
                        tool.name, param.key
                    )));
                }
                None => {}
            }
        }
        Ok(given)
    }

    /// The value of `key`; `null` is the same as leaving it out.
    fn value(&self, key: &str) -> Option<&'a Value> {
        self.read.borrow_mut().push(key.to_string());
        self.peek(key)
    }

    /// [`Given::value`] without counting it as read (for the type checks).
    fn peek(&self, key: &str) -> Option<&'a Value> {
        self.values?.get(key).filter(|value| !value.is_null())
    }

    /// A key given with a value that no part of the request read.
    fn unread(&self) -> Option<&'a str> {
        let read = self.read.borrow();
        self.values?
            .iter()
            .find(|(key, value)| !value.is_null() && !read.contains(key))
            .map(|(key, _)| key.as_str())
    }

    fn text(&self, key: &str) -> Option<String> {
        self.value(key).and_then(Value::as_str).map(str::to_string)
    }

    fn texts(&self, key: &str) -> Vec<String> {
        self.value(key)
            .and_then(Value::as_array)
            .map(|items| {
                items
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
    }

    fn switch(&self, key: &str) -> bool {
        self.value(key).and_then(Value::as_bool).unwrap_or(false)
    }

    /// A value the command's parser refuses is the caller's mistake, in
    /// the parser's words.
    fn refused(&self, key: &str, why: impl Display) -> CallError {
        let why = why.to_string();
        // The parsers say "is not a date …" of the value they were given.
        let joint = if why.starts_with("is ") { " " } else { ": " };
        CallError::Value(format!("{}() argument '{key}'{joint}{why}", self.tool.name))
    }

    /// The value of `key` (a string, or a whole number's digits) read by a
    /// flag's own parser.
    fn parsed<T, E: Display>(
        &self,
        key: &str,
        parse: impl Fn(&str) -> Result<T, E>,
    ) -> Result<Option<T>, CallError> {
        let text = match self.value(key) {
            None => return Ok(None),
            Some(Value::String(text)) => text.clone(),
            Some(other) => other.to_string(),
        };
        parse(&text).map(Some).map_err(|why| self.refused(key, why))
    }

    fn count(&self, key: &str) -> Result<Option<u64>, CallError> {
        self.parsed(key, quantity)
    }

    /// One of a flag's values, by the names and aliases the flag takes.
    fn choice<T: ValueEnum>(&self, key: &str) -> Result<Option<T>, CallError> {
        self.parsed(key, one_of)
    }

    fn model(&self) -> Result<ModelArgs, CallError> {
        Ok(ModelArgs {
            model: self.parsed("model", model_name)?.unwrap_or_default(),
            provider: self.text("provider"),
        })
    }

    /// The workload: one request's counts and how it is served, with the
    /// rules clap's groups and conflicts keep on the command line.
    fn usage(&self) -> Result<UsageArgs, CallError> {
        let mut refused = None;
        let parts = PartFlags::from_counts(|counted| {
            self.count(counted.name).unwrap_or_else(|error| {
                refused.get_or_insert(error);
                None
            })
        });
        if let Some(error) = refused {
            return Err(error);
        }
        let [input, output] = ["--in", "--out"].map(|flag| {
            COUNTS
                .iter()
                .find(|counted| counted.flag == Some(flag))
                .map_or(Ok(None), |counted| self.count(counted.name))
        });
        let (input, output) = (input?, output?);
        if input.is_none() && output.is_none() {
            return Err(CallError::Value(format!(
                "{}() needs input_tokens or output_tokens",
                self.tool.name
            )));
        }
        let service_tier = self.choice("service_tier")?;
        if service_tier.is_some() && self.switch("batch") {
            return Err(CallError::Value(format!(
                "{}() takes batch or service_tier, not both",
                self.tool.name
            )));
        }
        Ok(UsageArgs {
            request: RequestArgs {
                input,
                output,
                at: self.parsed("at", moment)?,
                in_file: None,
                out_file: None,
                parts,
                cache_ttl: self.choice("cache_ttl")?.unwrap_or(CacheTtl::FiveMinutes),
                batch: self.switch("batch"),
                service_tier: service_tier.unwrap_or(ServiceTier::Standard),
                strict: self.switch("strict"),
                search_context: SearchContext::Low,
                region: self.choice("region")?,
                total: None,
                mix: None,
                source: None,
            },
            requests: self.count("requests")?.unwrap_or(1),
        })
    }

    fn cost(&self) -> Result<CostArgs, CallError> {
        let usage = self.usage()?;
        let as_of = self.parsed("as_of", calendar_date)?;
        if as_of.is_some() && usage.request.at.is_some() {
            return Err(CallError::Value(
                "cost() takes at or as_of, not both".to_string(),
            ));
        }
        Ok(CostArgs {
            display: JSON,
            model: self.model()?,
            usage,
            explain: false,
            per: None,
            as_of,
            fail_over: None,
            currency: None,
            fx: None,
        })
    }

    fn compare(&self) -> Result<CompareArgs, CallError> {
        let mut models = Vec::new();
        for name in self.texts("models") {
            models.push(model_name(&name).map_err(|why| self.refused("models", why))?);
        }
        let mut capability = Vec::new();
        for name in self.texts("capability") {
            capability.push(one_of(&name).map_err(|why| self.refused("capability", why))?);
        }
        Ok(CompareArgs {
            display: JSON,
            models,
            usage: self.usage()?,
            filter: FilterArgs {
                provider: Vec::new(),
                capability,
                min_context: self.count("min_context")?,
                max_input_price: None,
                max_output_price: None,
                open_weights: false,
                tier: None,
                all: false,
                snapshots: false,
            },
            max_price: None,
            per: None,
            sort: CompareSort::Total,
            top: self.count("top")?,
            fail_over: None,
            chart: false,
        })
    }

    fn snippet(&self) -> Result<SnippetArgs, CallError> {
        Ok(SnippetArgs {
            display: JSON,
            model: self.model()?,
            lang: self.choice("lang")?.unwrap_or(Lang::Curl),
            prompt: self
                .text("prompt")
                .unwrap_or_else(|| DEFAULT_PROMPT.to_string()),
            system: None,
            max_tokens: None,
            stream: false,
            base_url: None,
        })
    }

    /// At most this many results (`limit`, 10 when not given).
    fn limit(&self) -> Result<u64, CallError> {
        Ok(self.count("limit")?.unwrap_or(10))
    }
}

/// The value of `T` named `text` (a name or an alias, as the flag takes it).
fn one_of<T: ValueEnum>(text: &str) -> Result<T, String> {
    T::from_str(text, false).map_err(|_| {
        let names: Vec<String> = T::value_variants()
            .iter()
            .filter_map(|v| Some(v.to_possible_value()?.get_name().to_string()))
            .collect();
        format!("'{text}' is not one of {}", names.join(", "))
    })
}

/// Every tool's report is JSON.
const JSON: OutputArgs = OutputArgs {
    format: Format::Json,
    json: true,
};

/// The report as JSON, with its exact numbers.
fn as_json<R: Serialize>(reported: anyhow::Result<(R, Diagnostics)>) -> Reported {
    let (report, diagnostics) = reported?;
    Ok((serde_json::to_value(&report)?, diagnostics))
}

/// A call as the command's typed request.
pub(super) enum Request {
    Cost(CostArgs),
    Compare(CompareArgs),
    Show(ModelArgs),
    Search(SearchArgs),
    Related(RelatedArgs),
    Snippet(SnippetArgs),
}

impl Request {
    /// The request `given` stands for, or what is wrong with its values.
    pub(super) fn of(given: &Given<'_>) -> Result<Request, CallError> {
        let request = match given.tool.name {
            "cost" => Request::Cost(given.cost()?),
            "compare" => Request::Compare(given.compare()?),
            "show" => Request::Show(given.model()?),
            "search" => Request::Search(SearchArgs {
                display: JSON,
                text: given.parsed("query", model_name)?.into_iter().collect(),
                limit: given.limit()?,
            }),
            "related" => Request::Related(RelatedArgs {
                display: JSON,
                model: given.model()?,
                limit: given.limit()?,
                all: false,
            }),
            "snippet" => Request::Snippet(given.snippet()?),
            other => return Err(CallError::UnknownTool(other.to_string())),
        };
        // An argument the table offers but no request reads would be
        // ignored without a word: a bug here, not the caller's mistake.
        if let Some(unread) = given.unread() {
            return Err(CallError::Failed(format!(
                "{}() did not use its argument '{unread}'",
                given.tool.name
            )));
        }
        Ok(request)
    }

    /// The command's report on `catalog`, as JSON with its exact numbers.
    pub(super) fn report(&self, catalog: &Catalog) -> Reported {
        match self {
            Request::Cost(args) => as_json(cost::report(catalog, args)),
            Request::Compare(args) => as_json(compare::report(catalog, args)),
            Request::Show(args) => as_json(show::report(catalog, args)),
            Request::Search(args) => {
                as_json(Ok((search::report(catalog, args), Diagnostics::default())))
            }
            Request::Related(args) => as_json(related::report(catalog, args)),
            Request::Snippet(args) => as_json(snippet::report(catalog, args)),
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::tools::{Kind, TOOLS};

    /// A valid value for every parameter of `tool`, leaving out `skip`.
    fn every_argument(tool: &Tool, skip: [&str; 2]) -> Value {
        let mut arguments = Map::new();
        for param in tool.arguments() {
            let value = match (param.key, param.kind) {
                (key, _) if skip.contains(&key) => continue,
                ("region", _) => json!("eu"),
                ("at", _) => json!("2026-01-01T10:00Z"),
                ("as_of", _) => json!("2026-01-01"),
                (_, Kind::Text) => json!("gpt-4o"),
                (_, Kind::Texts) => json!(["vision"]),
                (_, Kind::Count) => json!(1),
                (_, Kind::Switch) => json!(true),
                (_, Kind::Choice(values)) => json!(values[0]),
            };
            arguments.insert(param.key.to_string(), value);
        }
        Value::Object(arguments)
    }

    #[test]
    fn every_argument_of_every_tool_reaches_the_request() {
        for tool in &TOOLS {
            // `at` and `as_of`, `batch` and `service_tier` exclude each other.
            for skip in [["as_of", "batch"], ["at", "service_tier"]] {
                let arguments = every_argument(tool, skip);
                let given = Given::check(tool, &arguments).unwrap();
                if let Err(error) = Request::of(&given) {
                    panic!("{}({arguments}): {error}", tool.name);
                }
            }
        }
    }

    #[test]
    fn the_rules_of_the_flags_hold_for_the_arguments() {
        let cost = super::super::find("cost").unwrap();
        let refused = |arguments: Value| {
            let given = Given::check(cost, &arguments).unwrap();
            Request::of(&given).err().unwrap().to_string()
        };
        assert_eq!(
            refused(json!({"model": "gpt-4o"})),
            "cost() needs input_tokens or output_tokens"
        );
        assert_eq!(
            refused(
                json!({"model": "gpt-4o", "input_tokens": 1, "batch": true, "service_tier": "flex"})
            ),
            "cost() takes batch or service_tier, not both"
        );
        assert_eq!(
            refused(json!({"model": "gpt-4o", "input_tokens": 1, "region": "mars"})),
            "cost() argument 'region': 'mars' is not one of global, us, eu, apac, au, jp, in, ca, us-gov"
        );
        assert_eq!(
            refused(json!({"model": "gpt-4o", "input_tokens": 1, "as_of": "May"})),
            "cost() argument 'as_of' is not a date (YYYY-MM-DD)"
        );
        // `batch: false` is no batch: it does not clash with a tier.
        let arguments =
            json!({"model": "gpt-4o", "input_tokens": 1, "batch": false, "service_tier": "flex"});
        let given = Given::check(cost, &arguments).unwrap();
        assert!(Request::of(&given).is_ok());
    }
}
