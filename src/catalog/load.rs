//! Finds and reads the catalog in use: `--catalog FILE`, then the
//! `LLMCOST_CATALOG` environment variable, then the user cache written by
//! `llmcost catalog update`, then the catalog compiled into the binary.

use std::fmt;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde::Serialize;

use super::model::Catalog;
use super::validate::validate;

/// The catalog compiled into the binary.
pub const BUNDLED_CATALOG: &str = include_str!("../../catalog.json");

/// The bundled catalog's `as_of`, read from the file's first lines without
/// parsing the whole catalog (it is shown by `--version`).
pub fn bundled_as_of() -> &'static str {
    let head = &BUNDLED_CATALOG[..BUNDLED_CATALOG.len().min(512)];
    head.split_once("\"as_of\": \"")
        .and_then(|(_, rest)| rest.split_once('"'))
        .map_or("unknown", |(date, _)| date)
}

/// The environment variable that names a catalog file.
pub const CATALOG_ENV: &str = "LLMCOST_CATALOG";

/// A catalog file larger than this is refused before it is read: the bundled
/// one is well under 1 MiB and a full LiteLLM import about 5 MiB.
pub const MAX_CATALOG_BYTES: u64 = 64 * 1024 * 1024;

/// Where the catalog in use came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "path")]
pub enum CatalogSource {
    /// `--catalog FILE`.
    Flag(PathBuf),
    /// `LLMCOST_CATALOG=FILE`.
    Env(PathBuf),
    /// The user cache.
    Cache(PathBuf),
    /// Compiled into the binary.
    Bundled,
}

impl CatalogSource {
    /// The file behind the catalog, if there is one.
    pub fn path(&self) -> Option<&Path> {
        match self {
            CatalogSource::Flag(p) | CatalogSource::Env(p) | CatalogSource::Cache(p) => Some(p),
            CatalogSource::Bundled => None,
        }
    }

    /// A short name for the kind of source.
    pub fn kind(&self) -> &'static str {
        match self {
            CatalogSource::Flag(_) => "--catalog",
            CatalogSource::Env(_) => CATALOG_ENV,
            CatalogSource::Cache(_) => "cache",
            CatalogSource::Bundled => "bundled",
        }
    }
}

impl fmt::Display for CatalogSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.path() {
            Some(path) => write!(f, "{} ({})", self.kind(), path.display()),
            None => f.write_str(self.kind()),
        }
    }
}

/// A catalog with where it came from and what went wrong on the way.
#[derive(Debug)]
pub struct LoadedCatalog {
    /// The catalog itself, validated.
    pub catalog: Catalog,
    /// Where it came from.
    pub source: CatalogSource,
    /// Problems that did not stop loading (a broken cache), one line each.
    pub warnings: Vec<String>,
}

/// The user cache file: `<cache dir>/llmcost/catalog.json`.
pub fn cache_path() -> Option<PathBuf> {
    dirs::cache_dir().map(|dir| dir.join("llmcost").join("catalog.json"))
}

/// Loads the catalog in use, following the chain in the module doc. An
/// explicit file (flag or environment) that cannot be read is an error; a
/// broken cache is a warning and the bundled catalog is used instead.
pub fn load(flag: Option<&Path>) -> Result<LoadedCatalog> {
    if let Some(path) = flag {
        return load_explicit(CatalogSource::Flag(path.to_path_buf()));
    }
    if let Some(value) = std::env::var_os(CATALOG_ENV).filter(|v| !v.is_empty()) {
        return load_explicit(CatalogSource::Env(PathBuf::from(value)));
    }
    let mut warnings = Vec::new();
    if let Some(path) = cache_path().filter(|p| p.exists()) {
        match read_catalog_file(&path) {
            Ok(catalog) => {
                return Ok(LoadedCatalog {
                    catalog,
                    source: CatalogSource::Cache(path),
                    warnings,
                });
            }
            Err(err) => warnings.push(format!(
                "ignoring the cached catalog ({err:#}); using the bundled one. \
                 Run `llmcost catalog update` or `llmcost catalog reset` to fix it"
            )),
        }
    }
    let catalog = parse_catalog(BUNDLED_CATALOG).context("the bundled catalog is invalid")?;
    Ok(LoadedCatalog {
        catalog,
        source: CatalogSource::Bundled,
        warnings,
    })
}

fn load_explicit(source: CatalogSource) -> Result<LoadedCatalog> {
    let path = source.path().unwrap_or(Path::new(""));
    let catalog = read_catalog_file(path)?;
    Ok(LoadedCatalog {
        catalog,
        source,
        warnings: Vec::new(),
    })
}

/// Reads, parses and validates a catalog file, refusing directories, files
/// over [`MAX_CATALOG_BYTES`] and text that is not UTF-8.
pub fn read_catalog_file(path: &Path) -> Result<Catalog> {
    let text = read_text_file(path, MAX_CATALOG_BYTES)?;
    parse_catalog(&text).with_context(|| format!("invalid catalog '{}'", path.display()))
}

/// Reads a whole UTF-8 text file of at most `max_bytes`, with errors that name it.
pub fn read_text_file(path: &Path, max_bytes: u64) -> Result<String> {
    let shown = path.display();
    let file = fs::File::open(path).with_context(|| format!("could not open '{shown}'"))?;
    let meta = file
        .metadata()
        .with_context(|| format!("could not read '{shown}'"))?;
    if meta.is_dir() {
        bail!("'{shown}' is a directory, not a file");
    }
    if meta.len() > max_bytes {
        bail!(
            "'{shown}' is too large ({} bytes; the limit is {max_bytes})",
            meta.len()
        );
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // The take() bound also covers files that grow while being read.
    file.take(max_bytes + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("could not read '{shown}'"))?;
    if bytes.len() as u64 > max_bytes {
        bail!("'{shown}' is too large (the limit is {max_bytes} bytes)");
    }
    String::from_utf8(bytes).map_err(|_| anyhow::anyhow!("'{shown}' is not UTF-8 text"))
}

/// Parses and validates catalog JSON.
pub fn parse_catalog(text: &str) -> Result<Catalog> {
    if text.trim().is_empty() {
        bail!("the file is empty");
    }
    let catalog: Catalog = serde_json::from_str(text).context("not a valid llmcost catalog")?;
    validate(&catalog)?;
    Ok(catalog)
}
