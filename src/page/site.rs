//! `llmcost site DIR`: the catalog as a static site. The whole site is built
//! in memory, written to a temporary folder beside `DIR` and renamed into
//! place, so a reader never sees half a site; files llmcost did not write
//! are never deleted (a manifest, `.llmcost-site`, lists the ones it did).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use rust_decimal::Decimal;
use serde::Serialize;

use super::html::{self, escape};
use super::{ModelPage, file_name, page_path};
use crate::catalog::filter::{Capability, tier_of};
use crate::catalog::lifecycle::stage;
use crate::catalog::model::{Catalog, Model, Provider};
use crate::quantity::short_tokens;
use crate::related::{Alternatives, reference_total};
use crate::render::text::rate;

/// The manifest of the files a site run wrote, one path per line.
pub const MANIFEST: &str = ".llmcost-site";

/// The index table's script.
const INDEX_SCRIPT: &str = include_str!("assets/index.js");

/// What `site` wrote.
#[derive(Debug, Serialize)]
pub struct SiteReport {
    /// The site's folder.
    pub dir: String,
    /// Model pages written.
    pub models: usize,
    /// Models on the index (current ones; the rest have pages only).
    pub listed: usize,
    /// Provider pages written.
    pub providers: usize,
    /// Files written, the manifest included.
    pub files: usize,
    /// Their total size in bytes.
    pub bytes: u64,
}

/// The site's files, path (from the root) → contents, in path order.
pub type Files = BTreeMap<String, String>;

/// Builds every file of the site for `catalog`. `base_url` makes the
/// sitemap's addresses absolute, as the sitemap protocol wants.
pub fn build(catalog: &Catalog, base_url: Option<&str>) -> Files {
    let today = Some(crate::dates::today());
    let providers: BTreeMap<&str, &Provider> = catalog
        .providers
        .iter()
        .map(|p| (p.id.as_str(), p))
        .collect();
    let mut files: Files = model_pages(catalog, &providers).into_iter().collect();
    let listed: Vec<&Model> = catalog
        .models
        .iter()
        .filter(|m| providers.contains_key(m.provider.as_str()))
        .filter(|m| today.is_none_or(|day| stage(m, day).listed_by_default()))
        .collect();
    files.insert("index.html".to_string(), index(catalog, &listed));
    for provider in providers.values() {
        let models: Vec<&Model> = catalog
            .models
            .iter()
            .filter(|m| m.provider == provider.id)
            .collect();
        if !models.is_empty() {
            files.insert(
                format!("providers/{}.html", file_name(&provider.id)),
                provider_page(catalog, provider, &models, today),
            );
        }
    }
    let sitemap = sitemap(&files, base_url);
    files.insert("sitemap.xml".to_string(), sitemap);
    files
}

/// Each model's page, path → HTML, rendered on every core: each page
/// ranks its related models against the whole catalog, most of the site's
/// time.
fn model_pages(catalog: &Catalog, providers: &BTreeMap<&str, &Provider>) -> Vec<(String, String)> {
    let alternatives = Alternatives::new(catalog);
    let alternatives = &alternatives;
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    let chunk = catalog.models.len().div_ceil(workers).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = catalog
            .models
            .chunks(chunk)
            .map(|models| {
                scope.spawn(move || {
                    models
                        .iter()
                        .filter_map(|model| {
                            let provider = providers.get(model.provider.as_str())?;
                            let page =
                                ModelPage::build_among(alternatives, catalog, model, provider);
                            Some((
                                page_path(&model.provider, &model.id, "html"),
                                html::render(&page, &catalog.as_of, Some("../../")),
                            ))
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| {
                h.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

fn model_row(model: &Model, link: &str) -> String {
    let capabilities: Vec<&str> = Capability::ALL
        .into_iter()
        .filter(|c| c.of(model) == Some(true))
        .map(Capability::as_str)
        .collect();
    let number =
        |value: Option<Decimal>| value.map(|v| v.normalize().to_string()).unwrap_or_default();
    let name = model.display_name();
    format!(
        "<tr data-search=\"{}\" data-provider=\"{}\" data-capabilities=\"{}\" data-context=\"{}\" data-input=\"{}\">\
<td data-sort=\"{}\"><a href=\"{}\">{}</a><br><code class=\"muted\">{}</code></td>\
<td>{}</td>\
<td class=\"num\" data-type=\"number\" data-sort=\"{}\">{}</td>\
<td class=\"num\" data-type=\"number\" data-sort=\"{}\">{}</td>\
<td class=\"num\" data-type=\"number\" data-sort=\"{}\">{}</td>\
<td class=\"num\" data-type=\"number\" data-sort=\"{}\">{}</td>\
<td>{}</td><td>{}</td></tr>\n",
        escape(&format!("{} {} {}", name, model.id, model.provider).to_lowercase()),
        escape(&model.provider),
        capabilities.join(" "),
        model
            .context_window
            .map(|c| c.to_string())
            .unwrap_or_default(),
        number(model.prices.input),
        escape(&name.to_lowercase()),
        escape(link),
        escape(name),
        escape(&model.id),
        escape(&model.provider),
        model
            .context_window
            .map(|c| c.to_string())
            .unwrap_or_default(),
        model
            .context_window
            .map_or_else(|| "unknown".to_string(), short_tokens),
        number(model.prices.input),
        rate(model.prices.input),
        number(model.prices.output),
        rate(model.prices.output),
        number(reference_total(model)),
        rate(reference_total(model)),
        capabilities.join(", "),
        tier_of(model).map_or("unknown", |t| t.as_str()),
    )
}

const TABLE_HEAD: &str = "<div class=\"scroll\"><table id=\"models\">\n<thead><tr>\
<th><button type=\"button\">Model</button></th>\
<th><button type=\"button\">Provider</button></th>\
<th class=\"num\"><button type=\"button\">Context</button></th>\
<th class=\"num\"><button type=\"button\">Input / 1M</button></th>\
<th class=\"num\"><button type=\"button\">Output / 1M</button></th>\
<th class=\"num\"><button type=\"button\">1M in + 1M out</button></th>\
<th>Capabilities</th><th><button type=\"button\">Tier</button></th></tr></thead>\n<tbody>\n";

fn index(catalog: &Catalog, listed: &[&Model]) -> String {
    let mut out = String::with_capacity(listed.len() * 700 + 8 * 1024);
    html::open(
        &mut out,
        "LLM API prices — llmcost",
        "Every current LLM API model in llmcost's catalog: prices per 1M tokens, context windows and capabilities, exact and checked against four public sources.",
        None,
        "",
    );
    let _ = writeln!(
        out,
        "<h1>LLM API prices</h1>\n<p class=\"summary\"><span id=\"shown\">{}</span> of {} current models from llmcost's catalog as of {}. Sort by a column, filter below, and open a model for its calculator, sources and quickstart.</p>",
        listed.len(),
        listed.len(),
        escape(&catalog.as_of)
    );
    let mut providers: Vec<&Provider> = catalog
        .providers
        .iter()
        .filter(|p| listed.iter().any(|m| m.provider == p.id))
        .collect();
    providers.sort_by(|a, b| a.id.cmp(&b.id));
    out.push_str("<form class=\"filters\" id=\"filters\">\n<label>Search<input name=\"q\" type=\"search\"></label>\n<label>Provider<select name=\"provider\"><option value=\"\">any</option>");
    for provider in &providers {
        let _ = write!(
            out,
            "<option value=\"{}\">{}</option>",
            escape(&provider.id),
            escape(&provider.name)
        );
    }
    out.push_str("</select></label>\n<label>Capability<select name=\"capability\"><option value=\"\">any</option>");
    for capability in Capability::ALL {
        let _ = write!(out, "<option>{}</option>", capability.as_str());
    }
    out.push_str("</select></label>\n<label>Min context (tokens)<input name=\"min_context\" inputmode=\"numeric\"></label>\n<label>Max input $/1M<input name=\"max_input\" inputmode=\"decimal\"></label>\n</form>\n");
    out.push_str(TABLE_HEAD);
    let mut sorted = listed.to_vec();
    sorted.sort_by(|a, b| (&a.provider, &a.id).cmp(&(&b.provider, &b.id)));
    for model in sorted {
        out.push_str(&model_row(
            model,
            &page_path(&model.provider, &model.id, "html"),
        ));
    }
    out.push_str("</tbody>\n</table></div>\n<h2>Providers</h2>\n<ul>\n");
    for provider in &providers {
        let _ = writeln!(
            out,
            "<li><a href=\"providers/{}.html\">{}</a></li>",
            escape(&file_name(&provider.id)),
            escape(&provider.name)
        );
    }
    out.push_str("</ul>\n");
    html::close(&mut out, &catalog.as_of, &[INDEX_SCRIPT]);
    out
}

fn provider_page(
    catalog: &Catalog,
    provider: &Provider,
    models: &[&Model],
    today: Option<i64>,
) -> String {
    let mut out = String::new();
    html::open(
        &mut out,
        &format!("{} API prices — llmcost", provider.name),
        &format!(
            "Prices per 1M tokens for {} models served by {}.",
            models.len(),
            provider.name
        ),
        Some("../"),
        "",
    );
    let _ = writeln!(
        out,
        "<h1>{}</h1>\n<p class=\"summary\">{} models in llmcost's catalog.{}</p>",
        escape(&provider.name),
        models.len(),
        provider
            .docs_url
            .as_deref()
            .map(|url| format!(" API docs: {}", html::link(url)))
            .unwrap_or_default()
    );
    let (current, other): (Vec<&Model>, Vec<&Model>) = models
        .iter()
        .partition(|m| today.is_none_or(|day| stage(m, day).listed_by_default()));
    for (heading, group) in [
        ("Current models", current),
        ("Retired, preview and other models", other),
    ] {
        if group.is_empty() {
            continue;
        }
        let _ = writeln!(out, "<h2>{heading}</h2>");
        out.push_str(&TABLE_HEAD.replace(" id=\"models\"", ""));
        for model in group {
            out.push_str(&model_row(
                model,
                &format!("../{}", page_path(&model.provider, &model.id, "html")),
            ));
        }
        out.push_str("</tbody>\n</table></div>\n");
    }
    html::close(&mut out, &catalog.as_of, &[]);
    out
}

fn sitemap(files: &Files, base_url: Option<&str>) -> String {
    let base = base_url.map_or(String::new(), |url| {
        format!("{}/", url.trim_end_matches('/'))
    });
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let pages = files.keys().filter(|p| {
        Path::new(p.as_str())
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("html"))
    });
    for path in pages {
        let _ = writeln!(
            out,
            "<url><loc>{}</loc></url>",
            escape(&format!("{base}{path}"))
        );
    }
    out.push_str("</urlset>\n");
    out
}

/// Writes `files` to `dir` (see the module doc). An existing `dir` is
/// replaced when it is empty or holds only files of an earlier site run;
/// other files make it an error unless `force`, which writes beside them.
pub fn write(files: &Files, dir: &Path, force: bool) -> Result<(usize, u64)> {
    let previous = previous_run(dir)?;
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let staging = tempfile::Builder::new()
        .prefix(".llmcost-site-")
        .tempdir_in(&parent)
        .with_context(|| format!("cannot write the site next to '{}'", dir.display()))?;
    let mut bytes = 0;
    let mut manifest = String::new();
    for (path, contents) in files {
        write_file(&staging.path().join(path), contents)?;
        bytes += contents.len() as u64;
        manifest.push_str(path);
        manifest.push('\n');
    }
    write_file(&staging.path().join(MANIFEST), &manifest)?;
    bytes += manifest.len() as u64;
    match previous {
        Previous::Nothing | Previous::Empty => {
            if matches!(previous, Previous::Empty) {
                fs::remove_dir(dir)
                    .with_context(|| format!("cannot replace '{}'", dir.display()))?;
            }
            let staged = staging.keep();
            fs::rename(&staged, dir)
                .with_context(|| format!("cannot move the site into '{}'", dir.display()))?;
        }
        Previous::OurSite(old) => {
            let retired = tempfile::Builder::new()
                .prefix(".llmcost-site-old-")
                .tempdir_in(&parent)
                .context("cannot set the previous site aside")?;
            fs::rename(dir, retired.path().join("site"))
                .with_context(|| format!("cannot replace '{}'", dir.display()))?;
            let staged = staging.keep();
            if let Err(err) = fs::rename(&staged, dir) {
                // Put the old site back rather than leave nothing.
                let _ = fs::rename(retired.path().join("site"), dir);
                return Err(err)
                    .with_context(|| format!("cannot move the site into '{}'", dir.display()));
            }
            drop(old);
        }
        Previous::OtherFiles(old_manifest) => {
            if !force {
                bail!(
                    "'{}' holds files llmcost did not write; pass --force to write the site beside them (only llmcost's own files are replaced)",
                    dir.display()
                );
            }
            merge_into(staging.path(), dir, files, &old_manifest)?;
        }
    }
    Ok((files.len() + 1, bytes))
}

enum Previous {
    /// No folder.
    Nothing,
    /// An empty folder.
    Empty,
    /// Only files an earlier run listed in its manifest.
    OurSite(Vec<String>),
    /// Other files too; the earlier manifest, if any.
    OtherFiles(Vec<String>),
}

fn previous_run(dir: &Path) -> Result<Previous> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) if err.kind() == ErrorKind::NotFound => return Ok(Previous::Nothing),
        Err(err) if err.kind() == ErrorKind::NotADirectory => {
            bail!("'{}' is a file, not a folder", dir.display())
        }
        Err(err) => return Err(err).with_context(|| format!("cannot read '{}'", dir.display())),
    };
    if entries.count() == 0 {
        return Ok(Previous::Empty);
    }
    let manifest: Vec<String> = fs::read_to_string(dir.join(MANIFEST))
        .map(|text| text.lines().map(str::to_string).collect())
        .unwrap_or_default();
    let ours = |path: &Path| -> bool {
        path.strip_prefix(dir)
            .ok()
            .and_then(Path::to_str)
            .is_some_and(|p| p == MANIFEST || manifest.iter().any(|m| m == p))
    };
    if !manifest.is_empty() && all_files_are(dir, &ours)? {
        Ok(Previous::OurSite(manifest))
    } else {
        Ok(Previous::OtherFiles(manifest))
    }
}

/// Whether every file under `dir` passes `ours` (folders are not files).
fn all_files_are(dir: &Path, ours: &dyn Fn(&Path) -> bool) -> Result<bool> {
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in fs::read_dir(&folder)? {
            let entry = entry?;
            let path = entry.path();
            if entry.file_type()?.is_dir() {
                pending.push(path);
            } else if !ours(&path) {
                return Ok(false);
            }
        }
    }
    Ok(true)
}

/// `--force` into a folder with other files: each of the site's files is
/// renamed into place (so each one is replaced whole), and files an
/// earlier run wrote that this one does not are removed; nothing else is.
fn merge_into(staged: &Path, dir: &Path, files: &Files, old_manifest: &[String]) -> Result<()> {
    for path in files.keys().map(String::as_str).chain([MANIFEST]) {
        let target = dir.join(path);
        if let Some(folder) = target.parent() {
            fs::create_dir_all(folder)
                .with_context(|| format!("cannot create '{}'", folder.display()))?;
        }
        fs::rename(staged.join(path), &target)
            .with_context(|| format!("cannot write '{}'", target.display()))?;
    }
    for stale in old_manifest.iter().filter(|p| !files.contains_key(*p)) {
        // Only paths of the site's own shape, never outside the folder.
        if stale
            .split('/')
            .all(|part| !part.is_empty() && part != "..")
        {
            let _ = fs::remove_file(dir.join(stale));
        }
    }
    Ok(())
}

fn write_file(path: &Path, contents: &str) -> Result<()> {
    if let Some(folder) = path.parent() {
        fs::create_dir_all(folder)
            .with_context(|| format!("cannot create '{}'", folder.display()))?;
    }
    fs::write(path, contents).with_context(|| format!("cannot write '{}'", path.display()))
}
