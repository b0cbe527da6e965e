//! Finds a model by what a user types: an API id, a vendor slug or an alias,
//! case-insensitively, optionally narrowed to one provider.

use anyhow::{Context, Result, bail};

use super::model::{Catalog, Model, Provider, Region};

/// A model found by [`resolve`], with its provider.
#[derive(Debug, Clone, Copy)]
pub struct Resolved<'c> {
    /// The model.
    pub model: &'c Model,
    /// Its provider.
    pub provider: &'c Provider,
}

/// The outcome of a lookup: the model and, where the name was served by
/// several providers, a one-line note naming the other offers.
#[derive(Debug)]
pub struct Lookup<'c> {
    /// The chosen offer.
    pub found: Resolved<'c>,
    /// How the name was resolved, when that is worth saying.
    pub note: Option<String>,
    /// The region a Bedrock profile id names (`us.anthropic.…`).
    pub region: Option<Region>,
}

/// How well a catalog entry matches a query; lower is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum MatchRank {
    Id,
    SlugOrAlias,
    ShortId,
}

fn match_rank(model: &Model, query: &str) -> Option<MatchRank> {
    if model.id.eq_ignore_ascii_case(query) {
        return Some(MatchRank::Id);
    }
    let slug = model
        .slug
        .as_deref()
        .is_some_and(|s| s.eq_ignore_ascii_case(query));
    if slug || model.aliases.iter().any(|a| a.eq_ignore_ascii_case(query)) {
        return Some(MatchRank::SlugOrAlias);
    }
    // `gpt-oss-120b` finds Groq's `openai/gpt-oss-120b`.
    let short = model.id.rsplit('/').next().unwrap_or(&model.id);
    (short.len() < model.id.len() && short.eq_ignore_ascii_case(query))
        .then_some(MatchRank::ShortId)
}

/// Finds a provider by id, case-insensitively.
pub fn find_provider<'c>(catalog: &'c Catalog, id: &str) -> Option<&'c Provider> {
    catalog
        .providers
        .iter()
        .find(|p| p.id.eq_ignore_ascii_case(id))
}

/// Finds a provider by id or fails with the list of known providers.
pub fn require_provider<'c>(catalog: &'c Catalog, id: &str) -> Result<&'c Provider> {
    find_provider(catalog, id).ok_or_else(|| {
        let known: Vec<&str> = catalog.providers.iter().map(|p| p.id.as_str()).collect();
        anyhow::anyhow!(
            "unknown provider '{id}' (known providers: {})",
            known.join(", ")
        )
    })
}

/// Rewrites an id as written into the catalog's spelling, if it applies.
type Respell = fn(&str) -> Option<String>;

/// Other ways logs and SDKs write a model id, tried in order when the id
/// as written is unknown: each rewrites the id and says why.
const SPELLINGS: [(Respell, &str); 5] = [
    (
        |q| q.strip_prefix("models/").map(str::to_string),
        "the Gemini API's resource name",
    ),
    (litellm_route, "LiteLLM's name for the provider"),
    (
        |q| q.contains('@').then(|| q.replace('@', "-")),
        "Vertex AI's model@version",
    ),
    (
        |q| Region::of_profile(q).map(|(_, rest)| rest.to_string()),
        "a Bedrock inference profile of the base model, priced at its region's rates",
    ),
    (
        undated,
        "a dated snapshot the catalog lacks, priced as the undated model (a snapshot's price can differ)",
    ),
];

/// LiteLLM's route prefixes whose provider llmcost names otherwise.
const LITELLM_ROUTES: [(&str, &str); 6] = [
    ("vertex_ai/", "vertex/"),
    ("gemini/", "google/"),
    ("together_ai/", "together/"),
    ("fireworks_ai/", "fireworks/"),
    ("dashscope/", "alibaba/"),
    ("cohere_chat/", "cohere/"),
];

/// `gemini/gemini-2.5-flash` (a LiteLLM model name, as its configs and
/// spend logs write it) as `google/gemini-2.5-flash`.
fn litellm_route(query: &str) -> Option<String> {
    LITELLM_ROUTES.iter().find_map(|(route, ours)| {
        let rest = query.strip_prefix(route)?;
        Some(format!("{ours}{rest}"))
    })
}

/// The region a model id as written names: a Bedrock profile
/// (`us.anthropic.…`), also inside an ARN (`…:inference-profile/us.…`).
pub fn region_of_id(query: &str) -> Option<Region> {
    let query = query.trim();
    let id = arn_id(query).unwrap_or(query);
    Region::of_profile(id).map(|(region, _)| region)
}

/// The model or inference profile a Bedrock ARN names, after its last '/'.
fn arn_id(query: &str) -> Option<&str> {
    let (_, id) = query.trim().strip_prefix("arn:aws")?.rsplit_once('/')?;
    Some(id)
}

/// Resolves `query` as [`resolve`] does, to its model's index in
/// `catalog.models` (what `tally` buckets and overrides key on).
pub fn resolve_index(catalog: &Catalog, query: &str, provider: Option<&str>) -> Result<usize> {
    let lookup = resolve(catalog, query, provider)?;
    catalog
        .models
        .iter()
        .position(|m| std::ptr::eq(m, lookup.found.model))
        .context("the model is not in the catalog")
}

/// `gpt-4o-mini-20240718` or `gpt-4o-mini-2024-07-18` without its date.
pub fn undated(query: &str) -> Option<String> {
    // Only a real calendar date counts (`-20241345` is a version, not a date).
    let real =
        |y: &str, m: &str, d: &str| crate::dates::parse_day(&format!("{y}-{m}-{d}")).is_some();
    if let Some((head, date)) = query.rsplit_once('-')
        && date.len() == 8
        && date.is_ascii()
        && real(&date[..4], &date[4..6], &date[6..])
    {
        return Some(head.to_string());
    }
    let parts: Vec<&str> = query.rsplitn(4, '-').collect();
    if let [day, month, year, head] = parts[..]
        && year.len() == 4
        && month.len() == 2
        && day.len() == 2
        && real(year, month, day)
    {
        return Some(head.to_string());
    }
    None
}

/// Resolves `query` to one model. `provider` (from `--provider`) narrows the
/// search; so does a `provider/` prefix on the query. Where several providers
/// serve the name, the model maker's own API wins, with a note naming the
/// others; where none of them is the maker's, the error lists the choices.
/// An unknown id is tried again as the other spellings in `SPELLINGS`
/// (`models/…`, `…@version`, Bedrock `us.…` profiles, dated snapshots),
/// with a note saying how it was read.
pub fn resolve<'c>(
    catalog: &'c Catalog,
    query: &str,
    provider: Option<&str>,
) -> Result<Lookup<'c>> {
    if let Some(id) = arn_id(query) {
        let mut lookup = resolve(catalog, id, provider)?;
        let note = format!("'{}' read as '{id}': a Bedrock ARN", query.trim());
        lookup.note = Some(match lookup.note {
            Some(other) => format!("{note}; {other}"),
            None => note,
        });
        return Ok(lookup);
    }
    let first = resolve_as_written(catalog, query, provider).map(|mut lookup| {
        // A bare id billed in a region of its own (Bedrock's OpenAI models).
        lookup.region = lookup.region.or(lookup.found.model.bare_id_region);
        lookup
    });
    let Err(error) = first else {
        return first;
    };
    if !error.is::<UnknownModel>() {
        return Err(error);
    }
    let written = query.trim();
    if let Some(found) = by_id_prefix(catalog, written, provider) {
        return Ok(found);
    }
    // `bedrock/us.anthropic.…`: the other spellings of the id after a
    // provider prefix, within that provider.
    if provider.is_none()
        && let Some((prefix, rest)) = written.split_once('/')
        && find_provider(catalog, prefix).is_some()
        && let Ok(found) = resolve(catalog, rest, Some(prefix))
    {
        return Ok(found);
    }
    for (rewrite, why) in SPELLINGS {
        let Some(spelled) = rewrite(written).filter(|s| !s.is_empty()) else {
            continue;
        };
        if let Ok(mut lookup) = resolve_as_written(catalog, &spelled, provider) {
            lookup.region = Region::of_profile(written)
                .filter(|(_, rest)| *rest == spelled)
                .map(|(region, _)| region);
            let note = format!("'{written}' read as '{spelled}': {why}");
            lookup.note = Some(match lookup.note {
                Some(other) => format!("{note}; {other}"),
                None => note,
            });
            return Ok(lookup);
        }
    }
    Err(error)
}

/// The model whose id prefix (see [`Model::id_prefixes`]) is the longest
/// that `query` starts with, within `provider` (or a `provider/` prefix
/// on the query), with a note saying so: a dated or versioned id of a
/// retired model (`claude-3-opus-20240229`) that no source lists by name.
fn by_id_prefix<'c>(
    catalog: &'c Catalog,
    query: &str,
    provider: Option<&str>,
) -> Option<Lookup<'c>> {
    let (scope, name) = match (provider, query.split_once('/')) {
        (Some(p), _) => (Some(p), query),
        (None, Some((p, rest))) if find_provider(catalog, p).is_some() => (Some(p), rest),
        _ => (None, query),
    };
    let name = name.to_ascii_lowercase();
    let (model, prefix) = catalog
        .models
        .iter()
        .filter(|m| scope.is_none_or(|p| m.provider.eq_ignore_ascii_case(p)))
        .flat_map(|m| m.id_prefixes.iter().map(move |p| (m, p)))
        .filter(|(_, prefix)| !prefix.is_empty() && name.starts_with(prefix.as_str()))
        .max_by_key(|(m, prefix)| (prefix.len(), is_makers_own(catalog, m)))?;
    let provider = find_provider(catalog, &model.provider)?;
    Some(Lookup {
        found: Resolved { model, provider },
        note: Some(format!(
            "'{query}' read as {}/{}: its id starts with '{prefix}', which that model's price source names",
            model.provider, model.id
        )),
        region: None,
    })
}

fn resolve_as_written<'c>(
    catalog: &'c Catalog,
    query: &str,
    provider: Option<&str>,
) -> Result<Lookup<'c>> {
    let query = query.trim();
    if query.is_empty() {
        bail!("the model name is empty");
    }
    let narrowed = match provider {
        Some(id) => Some((require_provider(catalog, id)?, query)),
        None => query.split_once('/').and_then(|(prefix, rest)| {
            let provider = find_provider(catalog, prefix)?;
            let served = catalog
                .models
                .iter()
                .any(|m| m.provider == provider.id && match_rank(m, rest).is_some());
            served.then_some((provider, rest))
        }),
    };
    let (scope, name) = match narrowed {
        Some((provider, name)) => (Some(provider.id.as_str()), name),
        None => (None, query),
    };

    let mut best: Option<MatchRank> = None;
    let mut matches: Vec<&Model> = Vec::new();
    for model in &catalog.models {
        if scope.is_some_and(|p| p != model.provider) {
            continue;
        }
        let Some(rank) = match_rank(model, name) else {
            continue;
        };
        match best {
            Some(b) if rank > b => {}
            Some(b) if rank == b => matches.push(model),
            _ => {
                best = Some(rank);
                matches.clear();
                matches.push(model);
            }
        }
    }

    let with_provider = |model: &'c Model| -> Result<Resolved<'c>> {
        let provider = find_provider(catalog, &model.provider)
            .ok_or_else(|| anyhow::anyhow!("model '{}' has no provider", model.id))?;
        Ok(Resolved { model, provider })
    };

    // `claude-sonnet-4.5`, as OpenRouter's slugs and GitHub Copilot write
    // a version, is its maker's `claude-sonnet-4-5`: not a host's copy
    // found by the end of its slug, nor unknown within the maker's API.
    if best.is_none_or(|b| b == MatchRank::ShortId)
        && !matches.iter().any(|m| is_makers_own(catalog, m))
        && let Some(own) = makers_own_dashed(catalog, scope, name, &matches)
    {
        return Ok(Lookup {
            found: with_provider(own)?,
            note: Some(format!(
                "'{query}' read as {}/{}: its maker's API writes the version with a dash",
                own.provider, own.id
            )),
            region: None,
        });
    }

    match matches.as_slice() {
        [] => Err(UnknownModel {
            query: query.to_string(),
            provider: scope.map(str::to_string),
            suggestions: suggest(catalog, query, scope, 3),
        }
        .into()),
        [only] => Ok(Lookup {
            found: with_provider(only)?,
            note: None,
            region: None,
        }),
        several => choose_makers_own(catalog, query, several, with_provider),
    }
}

/// Of several offers of a name, its maker's own API's (with a note naming
/// the offers priced apart), else an error listing them all.
fn choose_makers_own<'c>(
    catalog: &'c Catalog,
    query: &str,
    several: &[&'c Model],
    with_provider: impl Fn(&'c Model) -> Result<Resolved<'c>>,
) -> Result<Lookup<'c>> {
    let own: Vec<&Model> = several
        .iter()
        .copied()
        .filter(|m| is_makers_own(catalog, m))
        .collect();
    if let [chosen] = own.as_slice() {
        // Said only where the choice changes the price: offers at
        // the maker's own input and output rates are left unsaid.
        let priced_apart: Vec<String> = several
            .iter()
            .filter(|m| !std::ptr::eq(**m, *chosen))
            .filter(|m| {
                (m.prices.input, m.prices.output) != (chosen.prices.input, chosen.prices.output)
            })
            .map(|m| format!("{}/{}", m.provider, m.id))
            .collect();
        let found = with_provider(chosen)?;
        let note = (!priced_apart.is_empty()).then(|| {
            format!(
                "'{query}' resolved to {} ({}'s own API); also offered at other prices as {}. Use provider/id or --provider to pick another",
                chosen.id,
                found.provider.name,
                priced_apart.join(", ")
            )
        });
        return Ok(Lookup {
            found,
            note,
            region: None,
        });
    }
    let choices: Vec<String> = several
        .iter()
        .map(|m| format!("{}/{}", m.provider, m.id))
        .collect();
    bail!(
        "'{query}' is served by several providers: {}; pick one with provider/id or --provider",
        choices.join(", ")
    )
}

/// The one model of its maker's own API (within `scope`) that `name` with
/// its version's dots as dashes names exactly, if `name` has a dot. Without
/// a scope, the hosts' copies that `name` found must be of that maker's
/// model (their slugs name its vendor): a maker's API may host others'
/// models under a slug of its own.
fn makers_own_dashed<'c>(
    catalog: &'c Catalog,
    scope: Option<&str>,
    name: &str,
    hosts: &[&Model],
) -> Option<&'c Model> {
    if !name.contains('.') {
        return None;
    }
    let dashed = name.replace('.', "-");
    let mut own = catalog.models.iter().filter(|m| {
        scope.is_none_or(|p| p == m.provider)
            && match_rank(m, &dashed).is_some_and(|r| r != MatchRank::ShortId)
            && is_makers_own(catalog, m)
    });
    let first = own.next()?;
    let vendor = first.vendor()?;
    let copies_of_it = hosts.iter().any(|h| h.vendor() == Some(vendor))
        && hosts.iter().all(|h| h.vendor().is_none_or(|v| v == vendor));
    (own.next().is_none() && (scope.is_some() || copies_of_it)).then_some(first)
}

/// Whether `model` is served by its maker's own API (OpenAI's `gpt-4o` on OpenAI).
pub fn is_makers_own(catalog: &Catalog, model: &Model) -> bool {
    let Some(vendor) = model.vendor() else {
        return false;
    };
    find_provider(catalog, &model.provider)
        .and_then(|p| p.vendor.as_deref())
        .is_some_and(|v| v.eq_ignore_ascii_case(vendor))
}

/// No model answers to a name: the error carries the closest ids, so a
/// caller (a library user, an editor integration) can offer them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownModel {
    /// The name asked for.
    pub query: String,
    /// The provider it was looked for in, if narrowed.
    pub provider: Option<String>,
    /// Up to three ids that come closest, best first (as `search` ranks).
    pub suggestions: Vec<String>,
}

impl std::fmt::Display for UnknownModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.provider {
            Some(p) => write!(f, "unknown model '{}' for provider '{p}'", self.query)?,
            None => write!(f, "unknown model '{}'", self.query)?,
        }
        if !self.suggestions.is_empty() {
            write!(f, "; did you mean {}?", self.suggestions.join(", "))?;
        }
        f.write_str(" (`llmcost list` shows every model)")
    }
}

impl std::error::Error for UnknownModel {}

/// Up to `limit` model ids closest to `query`, best first, ranked as
/// `search` ranks them.
pub fn suggest(
    catalog: &Catalog,
    query: &str,
    provider: Option<&str>,
    limit: usize,
) -> Vec<String> {
    // `provider/id`: that provider's ids, written the same way.
    let (provider, query, written) = match (provider, query.split_once('/')) {
        (None, Some((prefix, rest))) if find_provider(catalog, prefix).is_some() => {
            (Some(prefix), rest, &query[..=prefix.len()])
        }
        _ => (provider, query, ""),
    };
    // A Bedrock profile (`us.anthropic.…`): Bedrock's ids, written as
    // profiles of the same region.
    let (provider, query, profile) = match Region::of_profile(query) {
        Some((_, rest)) if provider.is_none_or(|p| p == "bedrock") => {
            (Some("bedrock"), rest, &query[..query.len() - rest.len()])
        }
        _ => (provider, query, ""),
    };
    let profile = format!("{written}{profile}");
    let mut out: Vec<String> = Vec::new();
    for (_, model) in super::fuzzy::rank(catalog, query, provider) {
        if provider.is_some_and(|p| p != model.provider) {
            continue;
        }
        let id = format!("{profile}{}", model.id);
        if !out.contains(&id) {
            out.push(id);
        }
        if out.len() == limit {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::load::parse_catalog;

    #[test]
    fn an_unknown_model_error_carries_its_suggestions() {
        let catalog = parse_catalog(crate::catalog::load::BUNDLED_CATALOG).unwrap();
        let error = resolve(&catalog, "gpt-4-o", None).unwrap_err();
        let unknown = error.downcast_ref::<UnknownModel>().expect("typed error");
        assert_eq!(unknown.suggestions[0], "gpt-4o");
        assert_eq!(unknown.query, "gpt-4-o");
    }
}
