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
            Ok(called) => ("ok".into(), called.report.to_string(), called.diagnostics),
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

    /// The model lookups of earlier calls: the catalog is loaded once per
    /// process, so a name resolves the same every time.
    static RESOLVED: std::sync::Mutex<Option<crate::usage_log::aggregate::Resolved>> =
        std::sync::Mutex::new(None);

    /// Prices one API response body (a JSON object) as `tally` would read
    /// it from a log. Returns `("priced", [total, model, provider, shape],
    /// row JSON)`; or the annotation's status (`unknown_model`,
    /// `malformed`, `unpriced`, `skipped`) with its message in the list;
    /// or `("error", [message], "")`.
    #[pyfunction]
    #[pyo3(signature = (body, provider=None))]
    fn price_response(body: &str, provider: Option<&str>) -> (String, Vec<String>, String) {
        let failed = |message: String| ("error".to_string(), vec![message], String::new());
        let loaded = match preload_catalog(None, None, &mut std::io::sink()) {
            Ok(loaded) => loaded,
            Err(err) => return failed(format!("{err:#}")),
        };
        let mut resolved = RESOLVED
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let resolved = resolved.get_or_insert_with(Default::default);
        match annotate::price_response_with(&loaded.catalog, body, provider, resolved) {
            Ok(annotate::Annotation::Priced { shape, row, .. }) => {
                let fields = vec![
                    row.cost.normalize().to_string(),
                    row.model.clone(),
                    row.provider.clone(),
                    shape.to_string(),
                ];
                match serde_json::to_string(&row) {
                    Ok(text) => ("priced".into(), fields, text),
                    Err(err) => failed(err.to_string()),
                }
            }
            Ok(annotate::Annotation::UnknownModel { name }) => {
                ("unknown_model".into(), vec![name], String::new())
            }
            Ok(annotate::Annotation::Malformed { why }) => {
                ("malformed".into(), vec![why.to_string()], String::new())
            }
            Ok(annotate::Annotation::Unpriced { model, why }) => (
                "unpriced".into(),
                vec![format!("cannot price {model}: {why}")],
                String::new(),
            ),
            Ok(_) => ("skipped".into(), Vec::new(), String::new()),
            Err(err) => failed(format!("{err:#}")),
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
