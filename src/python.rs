//! The Python module `llmcost._llmcost`, built by maturin with the `python`
//! feature. It has three entry points, which the package in `python/llmcost`
//! wraps in a typed API. `call` and `price_response` run on a catalog
//! loaded once per process, the way the command loads it; `main` is the
//! command itself.

use pyo3::prelude::*;

#[pymodule]
mod _llmcost {
    use pyo3::prelude::*;

    use crate::commands::preload_catalog;
    use crate::tools::{self, CallError};
    use crate::usage_log::annotate;

    /// Calls a tool (`cost`, `compare`, `show`, `search`, `related`,
    /// `snippet`) with its arguments as a JSON object. Returns
    /// `(status, text, extra)`: `("ok", report JSON, notes and warnings)`,
    /// or a status of `type`, `value`, `unknown_model` or `error` with the
    /// command's message and, for an unknown model, its suggestions.
    #[pyfunction]
    fn call(tool: &str, arguments: &str) -> (String, String, Vec<String>) {
        if let Err(err) = preload_catalog(None, None, &mut std::io::sink()) {
            return ("error".into(), format!("{err:#}"), Vec::new());
        }
        let arguments = match serde_json::from_str(arguments) {
            Ok(arguments) => arguments,
            Err(err) => {
                return (
                    "type".into(),
                    format!("arguments are not JSON: {err}"),
                    Vec::new(),
                );
            }
        };
        match tools::call(tool, &arguments) {
            Ok(called) => (
                "ok".into(),
                called.report.to_string(),
                called.diagnostics.lines().collect(),
            ),
            Err(CallError::UnknownModel {
                message,
                suggestions,
            }) => ("unknown_model".into(), message, suggestions),
            Err(err @ (CallError::Type(_) | CallError::UnknownTool(_))) => {
                ("type".into(), err.to_string(), Vec::new())
            }
            Err(CallError::Value(message)) => ("value".into(), message, Vec::new()),
            Err(CallError::Failed(message)) => ("error".into(), message, Vec::new()),
        }
    }

    /// Each argument of `tool`, in order, as `(key, Python type, required)`:
    /// the package builds `cost`'s and `compare`'s keywords from it, so a
    /// new count in the quantity table needs no Python.
    #[pyfunction]
    fn tool_params(tool: &str) -> Vec<(&'static str, String, bool)> {
        tools::find(tool)
            .into_iter()
            .flat_map(tools::Tool::arguments)
            .map(|param| (param.key, param.kind.python_type(), param.required))
            .collect()
    }

    /// The model lookups of earlier calls: the catalog is loaded once per
    /// process, so a name resolves the same every time.
    static RESOLVED: std::sync::Mutex<Option<crate::usage_log::aggregate::Resolved>> =
        std::sync::Mutex::new(None);

    /// A Python response body (dicts, lists, strings, numbers, booleans and
    /// `None`, as an SDK's `model_dump()` gives) written as JSON text, without
    /// a round trip through Python's `json.dumps`: the part of a call that cost
    /// most. Any other value is written as its `str()`, as `json.dumps(...,
    /// default=str)` would; a float that is not finite is refused, as JSON has
    /// no such number.
    fn write_json(value: &Bound<'_, PyAny>, out: &mut String) -> PyResult<()> {
        use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
        let text = |out: &mut String, s: &str| {
            // Most keys and values need no escape: copied as they are.
            if s.bytes().any(|b| b == b'"' || b == b'\\' || b < 0x20) {
                out.push_str(&serde_json::Value::from(s).to_string());
            } else {
                out.push('"');
                out.push_str(s);
                out.push('"');
            }
        };
        if value.is_none() {
            out.push_str("null");
        } else if let Ok(b) = value.cast::<PyBool>() {
            out.push_str(if b.is_true() { "true" } else { "false" });
        } else if let Ok(s) = value.cast::<PyString>() {
            text(out, &s.to_cow()?);
        } else if value.is_instance_of::<PyInt>() {
            match value.extract::<i64>() {
                Ok(n) => {
                    use std::fmt::Write;
                    let _ = write!(out, "{n}");
                }
                // Beyond 64 bits: Python's own digits.
                Err(_) => out.push_str(&value.str()?.to_cow()?),
            }
        } else if let Ok(f) = value.cast::<PyFloat>() {
            let f = f.value();
            if !f.is_finite() {
                return Err(pyo3::exceptions::PyValueError::new_err(format!(
                    "Out of range float values are not JSON compliant: {f}"
                )));
            }
            out.push_str(&serde_json::Value::from(f).to_string());
        } else if let Ok(dict) = value.cast::<PyDict>() {
            out.push('{');
            for (i, (key, item)) in dict.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                match key.cast::<PyString>() {
                    Ok(key) => text(out, &key.to_cow()?),
                    Err(_) => text(out, &key.str()?.to_cow()?),
                }
                out.push(':');
                write_json(&item, out)?;
            }
            out.push('}');
        } else if value.is_instance_of::<PyList>() || value.is_instance_of::<PyTuple>() {
            out.push('[');
            for (i, item) in value.try_iter()?.enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json(&item?, out)?;
            }
            out.push(']');
        } else {
            text(out, &value.str()?.to_cow()?);
        }
        Ok(())
    }

    /// What `price_response` returns: the status, four fields and a text.
    type Priced = (String, String, String, String, String, String);

    /// Prices one API response body (a JSON object, as text or as the
    /// dict it parses to) as `tally` would read it from a log. Returns a
    /// flat tuple (no list to build, which a call's time noticed):
    /// `("priced", total, model, provider, shape, text)`, where `text` is
    /// the row's JSON `with_row`, else the body's JSON text; or the
    /// annotation's status (`unknown_model`, `malformed`, `unpriced`,
    /// `skipped`) or `error` with its message second.
    #[pyfunction]
    #[pyo3(signature = (body, provider=None, with_row=true))]
    fn price_response(
        body: &Bound<'_, PyAny>,
        provider: Option<&str>,
        with_row: bool,
    ) -> PyResult<Priced> {
        let text = if let Ok(text) = body.cast::<pyo3::types::PyString>() {
            text.to_cow()?.into_owned()
        } else {
            let mut text = String::with_capacity(512);
            write_json(body, &mut text)?;
            text
        };
        let mut priced = price_text(&text, provider, with_row);
        if !with_row {
            // Without the row, the body's text, which prices it again later.
            priced.5 = text;
        }
        Ok(priced)
    }

    /// [`price_response`] of a body's JSON text; the row's JSON only
    /// `with_row` (most callers want the total, and writing the row was a
    /// fifth of a call).
    fn price_text(body: &str, provider: Option<&str>, with_row: bool) -> Priced {
        let said = |status: &str, message: String| {
            let empty = String::new;
            (
                status.to_string(),
                message,
                empty(),
                empty(),
                empty(),
                empty(),
            )
        };
        let loaded = match preload_catalog(None, None, &mut std::io::sink()) {
            Ok(loaded) => loaded,
            Err(err) => return said("error", format!("{err:#}")),
        };
        let mut resolved = RESOLVED
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let resolved = resolved.get_or_insert_with(Default::default);
        match annotate::price_response_with(&loaded.catalog, body, provider, resolved) {
            Ok(annotate::Annotation::Priced { shape, row, .. }) => {
                let text = if with_row {
                    match serde_json::to_string(&row) {
                        Ok(text) => text,
                        Err(err) => return said("error", err.to_string()),
                    }
                } else {
                    String::new()
                };
                let total = row.cost.normalize().to_string();
                // The row is done with: its names move, not copied.
                let (model, provider) = (row.model, row.provider);
                (
                    "priced".into(),
                    total,
                    model,
                    provider,
                    shape.to_string(),
                    text,
                )
            }
            Ok(annotate::Annotation::UnknownModel { name }) => said("unknown_model", name),
            Ok(annotate::Annotation::Malformed { why }) => said("malformed", why.to_string()),
            Ok(annotate::Annotation::Unpriced { model, why }) => {
                said("unpriced", format!("cannot price {model}: {why}"))
            }
            Ok(_) => said("skipped", String::new()),
            Err(err) => said("error", format!("{err:#}")),
        }
    }

    /// Runs the command line `argv` (program name first) on the real
    /// standard output and error; returns the exit code. The `llmcost`
    /// command that `pip install` puts on the PATH is this.
    #[pyfunction]
    fn main(argv: Vec<String>) -> u8 {
        crate::main_with(argv.into_iter().map(Into::into).collect())
    }

    #[pymodule_init]
    fn init(module: &Bound<'_, PyModule>) -> PyResult<()> {
        module.add("__version__", env!("CARGO_PKG_VERSION"))
    }
}
