//! Finds and reads the catalog in use: `--catalog FILE`, then the
//! `LLMCOST_CATALOG` environment variable, then the user cache written by
//! `llmcost catalog update`, then the catalog compiled into the binary.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde::Serialize;

use serde::Deserialize;
use serde_json::value::RawValue;

use super::lookup::resolve;
use super::model::{Catalog, Model, Provider, SourceNote};
use super::validate::validate;

/// The catalog compiled into the binary.
pub static BUNDLED_CATALOG: &str = include_str!("../../catalog.json");

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
    load_with(flag, &parse_catalog)
}

/// Like [`load`], for a command that needs one model: only the models whose
/// JSON mentions the query are parsed and validated (with the providers), so
/// a catalog of thousands of models loads in about the time of a scan. When
/// the query finds nothing that way, the whole catalog is parsed so that the
/// error can suggest names.
pub fn load_for(flag: Option<&Path>, query: &str, provider: Option<&str>) -> Result<LoadedCatalog> {
    load_with(flag, &|text| parse_catalog_for(text, query, provider))
}

/// [`load_for`] for a command that names several models (`compare A B`):
/// the models that mention any of `queries`.
pub fn load_for_all(flag: Option<&Path>, queries: &[String]) -> Result<LoadedCatalog> {
    load_with(flag, &|text| parse_catalog_for_all(text, queries, None))
}

fn load_with(
    flag: Option<&Path>,
    parse: &dyn Fn(&str) -> Result<Catalog>,
) -> Result<LoadedCatalog> {
    let mut loaded = load_from(flag, parse)?;
    let today = crate::dates::today();
    for model in &mut loaded.catalog.models {
        model.put_due_changes_in_force(today);
    }
    Ok(loaded)
}

fn load_from(
    flag: Option<&Path>,
    parse: &dyn Fn(&str) -> Result<Catalog>,
) -> Result<LoadedCatalog> {
    if let Some(path) = flag {
        return load_explicit(CatalogSource::Flag(path.to_path_buf()), parse);
    }
    if let Some(value) = std::env::var_os(CATALOG_ENV).filter(|v| !v.is_empty()) {
        return load_explicit(CatalogSource::Env(PathBuf::from(value)), parse);
    }
    let mut warnings = Vec::new();
    if let Some(path) = cache_path().filter(|p| p.exists()) {
        match read_with(&path, parse) {
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
    let catalog = parse(BUNDLED_CATALOG).context("the bundled catalog is invalid")?;
    Ok(LoadedCatalog {
        catalog,
        source: CatalogSource::Bundled,
        warnings,
    })
}

fn load_explicit(
    source: CatalogSource,
    parse: &dyn Fn(&str) -> Result<Catalog>,
) -> Result<LoadedCatalog> {
    let path = source.path().unwrap_or(Path::new(""));
    let catalog = read_with(path, parse)?;
    Ok(LoadedCatalog {
        catalog,
        source,
        warnings: Vec::new(),
    })
}

/// Reads, parses and validates a catalog file, refusing directories, files
/// over [`MAX_CATALOG_BYTES`] and text that is not UTF-8.
pub fn read_catalog_file(path: &Path) -> Result<Catalog> {
    read_with(path, &parse_catalog)
}

fn read_with(path: &Path, parse: &dyn Fn(&str) -> Result<Catalog>) -> Result<Catalog> {
    let text = read_text_file(path, MAX_CATALOG_BYTES)?;
    parse(&text).with_context(|| format!("invalid catalog '{}'", path.display()))
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

/// A catalog with its models left unparsed.
#[derive(Deserialize)]
struct Skeleton<'a> {
    schema_version: u32,
    as_of: String,
    currency: String,
    #[serde(default)]
    sources: Vec<SourceNote>,
    providers: Vec<Provider>,
    #[serde(borrow)]
    models: Vec<&'a RawValue>,
}

impl Skeleton<'_> {
    /// The catalog with these models in place of the unparsed ones.
    fn with_models(self, models: Vec<Model>) -> Catalog {
        Catalog {
            schema_version: self.schema_version,
            as_of: self.as_of,
            currency: self.currency,
            sources: self.sources,
            providers: self.providers,
            models,
        }
    }
}

/// Where `needle` starts in `haystack`, ignoring ASCII case: a SIMD scan
/// for the needle's rarest byte in either case, then a compare of the whole
/// needle around it, with no lowercased copy of the haystack (a catalog is hundreds of kB,
/// and copying it cost more page faults than the search).
fn find_ignore_ascii_case<'h>(
    haystack: &'h [u8],
    needle: &'h [u8],
) -> impl Iterator<Item = usize> + 'h {
    // Scan for the needle's rarest byte (in either case), then compare the
    // whole needle around it: `mistral-small-…` is anchored on its `3`,
    // which the catalog has 3× less often than an `m`.
    let anchor = (0..needle.len())
        .min_by_key(|&i| rarity_rank(needle[i]))
        .unwrap_or(0);
    let byte = needle.get(anchor).copied().unwrap_or(0);
    let (lower, upper) = (byte.to_ascii_lowercase(), byte.to_ascii_uppercase());
    memchr::memchr2_iter(lower, upper, haystack).filter_map(move |i| {
        let start = i.checked_sub(anchor)?;
        let found = !needle.is_empty()
            && haystack
                .get(start..start + needle.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(needle));
        found.then_some(start)
    })
}

/// The bytes of an id, rarest first in llmcost's catalog (measured on the
/// bundled one, case folded): the anchor [`find_ignore_ascii_case`] scans
/// for. A byte not listed is treated as the commonest.
const RARITY: &[u8] = b"@zqj9y78k3v46f5bgxh/-mw.12_dla0prcusn:ioet";

fn rarity_rank(byte: u8) -> usize {
    let folded = byte.to_ascii_lowercase();
    RARITY
        .iter()
        .position(|&b| b == folded)
        .unwrap_or(RARITY.len())
}

/// The bundled catalog with its ASCII letters in lower case (build.rs writes
/// it), byte for byte at the same offsets: a case-insensitive search of the
/// bundled catalog is a plain SIMD substring search of this copy, about 6×
/// fewer instructions than [`find_ignore_ascii_case`]'s scan.
static BUNDLED_CATALOG_FOLDED: &str =
    include_str!(concat!(env!("OUT_DIR"), "/catalog.folded.json"));

/// The lower-cased twin of `text` when `text` is the bundled catalog itself.
fn folded_twin(text: &str) -> Option<&'static str> {
    let bundled = text.as_ptr() == BUNDLED_CATALOG.as_ptr() && text.len() == BUNDLED_CATALOG.len();
    bundled.then_some(BUNDLED_CATALOG_FOLDED)
}

/// Whether `haystack` contains `needle`, ignoring ASCII case.
fn contains_ignore_ascii_case(haystack: &str, needle: &str) -> bool {
    needle.is_empty()
        || find_ignore_ascii_case(haystack.as_bytes(), needle.as_bytes())
            .next()
            .is_some()
}

/// The line that opens the models array in a catalog written by llmcost
/// (`catalog build`, `catalog update`): one model per line follows.
const MODELS_LINE: &str = "\n  \"models\": [\n";

/// The fast path for catalogs in llmcost's own layout: finds the candidate
/// model lines by a byte search, without scanning the JSON of the others.
/// `None` when the text is not in that layout or a candidate line does not
/// parse on its own (the caller then scans the JSON properly).
fn canonical_candidates(text: &str, needles: &[&str]) -> Option<Catalog> {
    let start = text.find(MODELS_LINE)?;
    let body = &text[start + MODELS_LINE.len()..];
    let end = body.rfind("\n  ]")?;
    let header = format!("{}\n  \"models\": []\n}}", &text[..start]);
    let skeleton: Skeleton<'_> = serde_json::from_str(&header).ok()?;
    let body_start = start + MODELS_LINE.len();
    let body = &body[..end];
    // One case-insensitive scan per needle finds every mention; each
    // match's line is a candidate model, in the catalog's order.
    let mut mentions: Vec<usize> = Vec::new();
    let folded = folded_twin(text);
    for needle in needles {
        match folded {
            Some(folded) => mentions.extend(memchr::memmem::find_iter(
                &folded.as_bytes()[body_start..body_start + end],
                &needle.to_ascii_lowercase(),
            )),
            None => mentions.extend(find_ignore_ascii_case(body.as_bytes(), needle.as_bytes())),
        }
    }
    if needles.len() > 1 {
        mentions.sort_unstable();
    }
    let mut models = Vec::new();
    let mut next_line_start = 0;
    for at in mentions {
        if at < next_line_start {
            continue;
        }
        let line_start = memchr::memrchr(b'\n', &body.as_bytes()[..at]).map_or(0, |i| i + 1);
        let line_end = memchr::memchr(b'\n', &body.as_bytes()[at..]).map_or(body.len(), |i| at + i);
        next_line_start = line_end;
        let json = body[line_start..line_end].trim().trim_end_matches(',');
        models.push(serde_json::from_str::<Model>(json).ok()?);
    }
    Some(skeleton.with_models(models))
}

/// The general path: a JSON scan that keeps each model's text unparsed,
/// then parses the candidates. Falls back to a full parse on a syntax error,
/// so the error is the full parser's.
fn scanned_candidates(text: &str, needles: &[&str]) -> Result<Catalog> {
    let Ok(skeleton) = serde_json::from_str::<Skeleton<'_>>(text) else {
        return parse_catalog(text);
    };
    let mut models = Vec::new();
    for raw in skeleton
        .models
        .iter()
        .filter(|raw| (needles.iter()).any(|needle| contains_ignore_ascii_case(raw.get(), needle)))
    {
        models
            .push(serde_json::from_str::<Model>(raw.get()).context("not a valid llmcost catalog")?);
    }
    Ok(skeleton.with_models(models))
}

/// Parses the providers and only the models whose JSON mentions the query's
/// last path segment (every way of naming a model contains it, or, for a
/// version written with a dot, its dashed spelling), then checks
/// that the query resolves; otherwise parses everything (see [`load_for`]).
pub fn parse_catalog_for(text: &str, query: &str, provider: Option<&str>) -> Result<Catalog> {
    parse_catalog_for_all(text, std::slice::from_ref(&query), provider)
}

/// [`parse_catalog_for`] for several queries: the models that mention any
/// of them, when each resolves among them (the models a query can name all
/// mention it, so it resolves as in the whole catalog); otherwise all.
pub fn parse_catalog_for_all<Q: AsRef<str>>(
    text: &str,
    queries: &[Q],
    provider: Option<&str>,
) -> Result<Catalog> {
    let segments: Vec<&str> = queries
        .iter()
        .map(|query| query.as_ref().trim().rsplit('/').next().unwrap_or(""))
        .collect();
    // A version written with a dot names its maker's dashed id too
    // (`claude-sonnet-4.5` is `claude-sonnet-4-5`; see `lookup`).
    let dashed: Vec<String> = (segments.iter())
        .filter(|segment| segment.contains('.'))
        .map(|segment| segment.replace('.', "-"))
        .collect();
    let needles: Vec<&str> = segments
        .iter()
        .copied()
        .chain(dashed.iter().map(String::as_str))
        .collect();
    let plain = |needle: &&str| {
        !needle.is_empty()
            && !needle
                .chars()
                .any(|c| c == '"' || c == '\\' || c.is_control())
    };
    if needles.is_empty() || !needles.iter().all(plain) || text.trim().is_empty() {
        return parse_catalog(text);
    }
    let catalog = if let Some(catalog) = canonical_candidates(text, &needles) {
        catalog
    } else {
        scanned_candidates(text, &needles)?
    };
    validate(&catalog)?;
    if (queries.iter()).any(|query| resolve(&catalog, query.as_ref(), provider).is_err()) {
        return parse_catalog(text);
    }
    Ok(catalog)
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

#[cfg(test)]
mod tests {

    #[test]
    fn the_ignore_case_search_finds_every_match_wherever_its_anchor_is() {
        let haystack = b"MIstral-SMALL-3 x mistral-small-3 ..mistral-small-3";
        let found: Vec<usize> = find_ignore_ascii_case(haystack, b"mistral-small-3").collect();
        assert_eq!(found, [0, 18, 36]);
        // An anchor near the start of the haystack must not underflow.
        let found: Vec<usize> = find_ignore_ascii_case(b"3b-x", b"a3b").collect();
        assert!(found.is_empty());
        assert_eq!(find_ignore_ascii_case(b"ZZ", b"z").count(), 2);
        assert_eq!(find_ignore_ascii_case(b"abc", b"").count(), 0);
    }

    #[test]
    fn the_bundled_catalogs_folded_twin_finds_the_same_models_as_the_scan() {
        // A copy of the bundled text is not the bundled text, so it takes
        // the case-insensitive scan; the bundled text takes the folded twin.
        let copy = BUNDLED_CATALOG.to_string();
        assert!(folded_twin(BUNDLED_CATALOG).is_some() && folded_twin(&copy).is_none());
        for needle in [
            "mistral-small-3-1-24b-instruct",
            "GPT-4O",
            "Qwen3",
            "llama-3.1-8B",
            "zz-none",
        ] {
            let ids = |text: &str| -> Vec<String> {
                let catalog = canonical_candidates(text, &[needle]).expect("llmcost's layout");
                catalog.models.into_iter().map(|m| m.id).collect()
            };
            assert_eq!(ids(BUNDLED_CATALOG), ids(&copy), "{needle}");
        }
        assert!(
            !canonical_candidates(BUNDLED_CATALOG, &["GPT-4O"])
                .unwrap()
                .models
                .is_empty()
        );
    }

    use super::*;

    /// The fast paths find exactly what a full parse finds.
    #[test]
    fn lazy_loading_resolves_like_a_full_parse() {
        let full = parse_catalog(BUNDLED_CATALOG).unwrap();
        let compact = serde_json::to_string(&full).unwrap();
        for query in [
            "gpt-4o",
            "GPT-4O",
            "mistral-small-3.1",
            "mistralai/mistral-small-3-1-24b-instruct",
            "groq/openai/gpt-oss-120b",
            "gpt-oss-120b",
            "gemini-2.5-flash",
            "claude-haiku-4-5",
            "sonar",
        ] {
            let expected = resolve(&full, query, None)
                .map(|l| (l.found.model.provider.clone(), l.found.model.id.clone()));
            for text in [BUNDLED_CATALOG, compact.as_str()] {
                let lazy = parse_catalog_for(text, query, None).unwrap();
                let got = resolve(&lazy, query, None)
                    .map(|l| (l.found.model.provider.clone(), l.found.model.id.clone()));
                assert_eq!(got.ok(), expected.as_ref().ok().cloned(), "{query}");
                if expected.is_ok() {
                    assert!(lazy.models.len() < full.models.len(), "{query}: not lazy");
                }
            }
        }
        // A miss falls back to the whole catalog, so the error can suggest names.
        let missed = parse_catalog_for(BUNDLED_CATALOG, "gpt-4-o", None).unwrap();
        assert_eq!(missed.models.len(), full.models.len());
    }

    /// Several queries (`compare A B C`) load the models that mention any
    /// of them, in the catalog's order, and each resolves as in the whole.
    #[test]
    fn lazy_loading_of_several_models_resolves_each_like_a_full_parse() {
        let full = parse_catalog(BUNDLED_CATALOG).unwrap();
        let compact = serde_json::to_string(&full).unwrap();
        let queries = [
            "gpt-4o",
            "claude-haiku-4-5",
            "groq/openai/gpt-oss-120b",
            "sonar",
        ];
        let found = |catalog: &Catalog, query: &str| {
            resolve(catalog, query, None)
                .map(|l| (l.found.model.provider.clone(), l.found.model.id.clone()))
                .ok()
        };
        for text in [BUNDLED_CATALOG, compact.as_str()] {
            let lazy = parse_catalog_for_all(text, &queries, None).unwrap();
            assert!(lazy.models.len() < full.models.len(), "not lazy");
            for query in queries {
                assert_eq!(found(&lazy, query), found(&full, query), "{query}");
            }
            // The catalog's order, each model once.
            let position = |m: &Model| {
                full.models
                    .iter()
                    .position(|f| f.provider == m.provider && f.id == m.id)
            };
            let order: Vec<_> = lazy.models.iter().map(position).collect();
            assert!(order.windows(2).all(|pair| pair[0] < pair[1]));
        }
        // One query that names nothing loads everything.
        let missed = parse_catalog_for_all(BUNDLED_CATALOG, &["gpt-4o", "gpt-4-o"], None).unwrap();
        assert_eq!(missed.models.len(), full.models.len());
    }
}
