//! Which catalog model a log line names: its name, with the provider the
//! log names (if any), looked up once per reading thread.

use super::classify::Line;
use crate::catalog::lookup::{find_provider, region_of_id, resolve_index};
use crate::catalog::model::{Catalog, Region};

/// Model lookups by the name a log writes: the catalog index and the
/// endpoint region the id names (Bedrock `us.` profiles), or `None` for a
/// model the catalog lacks. Each name is looked up once per worker. (The
/// aggregator's `FastMap`, spelled out: this module sits below it.)
pub type Resolved =
    std::collections::HashMap<String, Option<(usize, Option<Region>)>, foldhash::fast::RandomState>;

/// The catalog index of the model a line names (with its provider, when
/// the log names one) and the region its id names, remembered in `cache`.
pub fn model_index(
    cache: &mut Resolved,
    line: &Line<'_>,
    catalog: &Catalog,
) -> Option<(usize, Option<Region>)> {
    match line.provider {
        // A provider llmcost prices: the name is looked up within it, so
        // never at another host's copy whose id merely spells the provider
        // (DeepInfra's `anthropic/claude-4-opus` for Anthropic's request),
        // and a model the provider does not list is unknown. Another
        // (`ollama`): the name as `provider/name` reads.
        Some(provider) if !line.name.contains('/') => {
            let key = format!("{provider}\0{}", line.name);
            if let Some(found) = cache.get(&key) {
                return *found;
            }
            let found = if find_provider(catalog, provider).is_some() {
                resolve_index(catalog, line.name, Some(provider))
            } else {
                resolve_index(catalog, &format!("{provider}/{}", line.name), None)
            };
            let found = found.ok().map(|index| (index, region_of_id(line.name)));
            cache.insert(key, found);
            found
        }
        // A hosted model's id has a slash of its own (DeepInfra's
        // `anthropic/claude-sonnet-4-6`): the provider the line names picks
        // it when that provider lists the id exactly, as `--normalize`
        // writes it; else the id alone decides.
        Some(provider) => {
            let key = format!("{provider}/{}", line.name);
            if let Some(found) = cache.get(&key) {
                return *found;
            }
            let hosted = catalog.models.iter().position(|m| {
                m.provider.eq_ignore_ascii_case(provider) && m.id.eq_ignore_ascii_case(line.name)
            });
            let found = match hosted {
                Some(index) => Some((index, region_of_id(line.name))),
                None => cached_resolve(cache, line.name, line.name, catalog),
            };
            cache.insert(key, found);
            found
        }
        None => cached_resolve(cache, line.name, line.name, catalog),
    }
}

/// The lookup of `name` (`id` as the log writes it), remembered in `cache`.
fn cached_resolve(
    cache: &mut Resolved,
    name: &str,
    id: &str,
    catalog: &Catalog,
) -> Option<(usize, Option<Region>)> {
    if let Some(found) = cache.get(name) {
        return *found;
    }
    let found = resolve_index(catalog, name, None)
        .ok()
        .map(|index| (index, region_of_id(id)));
    cache.insert(name.to_string(), found);
    found
}
