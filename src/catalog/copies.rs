//! One row per model in listings: a dated snapshot (`gpt-4o-2024-08-06`)
//! or a second id for the same offer (Fireworks' `accounts/fireworks/models/x`
//! beside `x`) that has exactly the prices of the model it copies is folded
//! under that model, which lists it as "also". `--snapshots` shows every row.

use std::collections::HashMap;

use super::lookup::undated;
use super::model::Model;

/// The id `model` would be a copy of: its undated form, or the last path
/// segment of a path-like id.
fn base_id(model: &Model) -> Option<String> {
    undated(&model.id).or_else(|| {
        let (_, last) = model.id.rsplit_once('/')?;
        Some(last.to_string())
    })
}

/// Folds copies into the models they copy (same provider, same base id,
/// equal prices), keeping the order of the first of each group. Returns each
/// listed model with the ids folded under it.
pub fn fold<'c>(models: &[&'c Model]) -> Vec<(&'c Model, Vec<String>)> {
    let index: HashMap<(&str, String), usize> = models
        .iter()
        .enumerate()
        .map(|(i, m)| ((m.provider.as_str(), m.id.to_ascii_lowercase()), i))
        .collect();
    let copy_of: Vec<Option<usize>> = models
        .iter()
        .map(|m| {
            let base = base_id(m)?;
            let &target = index.get(&(m.provider.as_str(), base.to_ascii_lowercase()))?;
            let same = models[target].prices == m.prices && base_id(models[target]).is_none();
            same.then_some(target)
        })
        .collect();
    let mut also: Vec<Vec<String>> = vec![Vec::new(); models.len()];
    for (i, target) in copy_of.iter().enumerate() {
        if let Some(target) = target {
            also[*target].push(models[i].id.clone());
        }
    }
    models
        .iter()
        .zip(also)
        .zip(&copy_of)
        .filter(|(_, target)| target.is_none())
        .map(|((m, mut also), _)| {
            also.sort();
            (*m, also)
        })
        .collect()
}
