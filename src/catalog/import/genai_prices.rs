//! Importer for pydantic's genai-prices data (the live "v2" feed,
//! `prices/new_data/v2/data.json`, MIT): an array of providers, each with
//! models whose prices are USD per 1M tokens, written as a number or as
//! `{base, tiers: [{start, price}]}` (the tier's price applies to the whole
//! request once its input passes `start`), and sometimes as a list of
//! conditional price sets: a `start_date` constraint is a dated price
//! change, a time-of-day window an off-peak price (see `off_peak`).
//!
//! Each model's `match` clause (`equals`, `starts_with`, `ends_with`,
//! `contains`, `regex`, `or`, `and`) says which API ids it prices: the
//! `equals` ids become aliases, and [`GenaiModel::matches`] answers for
//! any id, which is how `catalog build` finds a model's genai-prices entry.

use std::collections::HashMap;

use anyhow::{Result, bail};
use rust_decimal::Decimal;
use serde_json::Value;

use super::{ImportCounts, exact_decimal};
use crate::catalog::model::{
    ContextTier, EarlierSheet, Mode, Model, OffPeak, PriceChange, PricePoint, Prices, Sheet,
};
use crate::dates::parse_day;

/// Where genai-prices' live data lives upstream.
pub const SOURCE_URL: &str =
    "https://raw.githubusercontent.com/pydantic/genai-prices/main/prices/new_data/v2/data.json";

/// One genai-prices model, under an llmcost provider id.
#[derive(Debug, Clone)]
pub struct GenaiModel {
    /// The model as the catalog would store it.
    pub model: Model,
    /// The `match` clause.
    pub matcher: Value,
    /// genai-prices marks it `deprecated`: retired, kept with its last prices.
    pub deprecated: bool,
}

impl GenaiModel {
    /// Whether this entry prices the API id `id` (case-insensitively).
    pub fn matches(&self, id: &str) -> bool {
        clause_matches(&self.matcher, &id.to_ascii_lowercase())
    }
}

fn clause_matches(clause: &Value, id: &str) -> bool {
    let Some((kind, arg)) = clause.as_object().and_then(|o| o.iter().next()) else {
        return false;
    };
    let text = || {
        arg.as_str()
            .map(str::to_ascii_lowercase)
            .unwrap_or_default()
    };
    match kind.as_str() {
        "equals" => id == text(),
        "starts_with" => id.starts_with(&text()),
        "ends_with" => id.ends_with(&text()),
        "contains" => id.contains(&text()),
        "regex" => arg
            .as_str()
            .and_then(|r| {
                regex::RegexBuilder::new(r)
                    .case_insensitive(true)
                    .size_limit(1 << 20)
                    .build()
                    .ok()
            })
            .is_some_and(|r| r.is_match(id)),
        "or" => arg
            .as_array()
            .is_some_and(|a| a.iter().any(|c| clause_matches(c, id))),
        "and" => arg
            .as_array()
            .is_some_and(|a| a.iter().all(|c| clause_matches(c, id))),
        _ => false,
    }
}

/// The arguments a `match` clause gives under `keys`, inside `or`s too.
fn clause_args(clause: &Value, keys: &[&str], out: &mut Vec<String>) {
    let Some(object) = clause.as_object() else {
        return;
    };
    for key in keys {
        if let Some(arg) = object.get(*key).and_then(Value::as_str) {
            out.push(arg.to_string());
        }
    }
    for c in object
        .get("or")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        clause_args(c, keys, out);
    }
}

/// The concrete ids an `equals` (or `ends_with`, as an id written alone)
/// clause names, inside `or`s too.
fn equals_ids(clause: &Value, out: &mut Vec<String>) {
    clause_args(clause, &["equals", "ends_with"], out);
}

/// The lower-case id prefixes a `match` clause names (inside `or`s too):
/// its `starts_with` and `contains` arguments, as logs write such ids from
/// their start (`claude-3-opus` finds `claude-3-opus-20240229`).
pub fn id_prefixes(clause: &Value, out: &mut Vec<String>) {
    let mut found = Vec::new();
    clause_args(clause, &["starts_with", "contains"], &mut found);
    out.extend(found.into_iter().map(|p| p.to_ascii_lowercase()));
}

/// A price field: a number, or `{base, tiers}` (first tier: long context).
fn price_field(value: Option<&Value>) -> (Option<Decimal>, Option<(u64, Decimal)>) {
    let Some(value) = value else {
        return (None, None);
    };
    if let Some(base) = value.get("base") {
        let tier = value
            .get("tiers")
            .and_then(Value::as_array)
            .and_then(|t| t.first())
            .and_then(|t| Some((t.get("start")?.as_u64()?, exact_decimal(t.get("price")?)?)));
        return (
            exact_decimal(base).map(|d| d.normalize()),
            tier.map(|(s, p)| (s, p.normalize())),
        );
    }
    (exact_decimal(value).map(|d| d.normalize()), None)
}

/// One price set (`{input_mtok, output_mtok, ...}`) as catalog prices.
fn prices_of(set: &Value) -> Prices {
    let (input, long_input) = price_field(set.get("input_mtok"));
    let (output, long_output) = price_field(set.get("output_mtok"));
    let (cached_input, long_cached) = price_field(set.get("cache_read_mtok"));
    let (cache_write, long_write) = price_field(set.get("cache_write_mtok"));
    let (cache_write_1h, long_write_1h) = price_field(set.get("cache_write_1h_mtok"));
    let threshold = long_input.or(long_output).map(|(start, _)| start);
    Prices {
        sheets: Sheet {
            input,
            output,
            cached_input,
            cache_write,
            cache_write_1h,
            reasoning: price_field(set.get("output_reasoning_mtok")).0,
            web_search: price_field(set.get("web_searches_kcount")).0,
            audio_input: price_field(set.get("input_audio_mtok")).0,
            audio_output: price_field(set.get("output_audio_mtok")).0,
            cached_audio_input: price_field(set.get("cache_audio_read_mtok")).0,
            image_input: price_field(set.get("input_image_mtok"))
                .0
                .filter(|rate| Some(*rate) != input),
            image_output: price_field(set.get("output_image_mtok")).0,
            video_input: price_field(set.get("input_video_mtok"))
                .0
                .filter(|rate| Some(*rate) != input),
            video_output: price_field(set.get("output_video_mtok")).0,
            ..Sheet::default()
        }
        .into(),
        long_context: threshold.map(|threshold| ContextTier {
            sheets: Sheet {
                input: long_input.map(|(_, p)| p),
                output: long_output.map(|(_, p)| p),
                cached_input: long_cached.map(|(_, p)| p),
                cache_write: long_write.map(|(_, p)| p),
                cache_write_1h: long_write_1h.map(|(_, p)| p),
                ..Sheet::default()
            }
            .into(),
            threshold,
        }),
        ..Prices::default()
    }
}

/// Minutes of the day a `{start_time, end_time}` window covers
/// (`HH:MM:SSZ`; a window may wrap past midnight).
fn window_minutes(constraint: &Value) -> Option<i64> {
    let minutes = |key: &str| -> Option<i64> {
        let text = constraint.get(key)?.as_str()?;
        let (h, rest) = text.split_once(':')?;
        let m = rest.get(..2)?;
        Some(h.parse::<i64>().ok()? * 60 + m.parse::<i64>().ok()?)
    };
    let (start, end) = (minutes("start_time")?, minutes("end_time")?);
    Some((end - start).rem_euclid(24 * 60))
}

/// A set's window as `HH:MM` texts, `None` when it has none.
fn window_of(set: &Value) -> Option<[String; 2]> {
    let constraint = set.get("constraint")?;
    window_minutes(constraint)?;
    let time = |key: &str| -> Option<String> {
        let text = constraint.get(key)?.as_str()?;
        let hhmm = text.get(..5)?;
        OffPeak::minute_of(hhmm).map(|_| hhmm.to_string())
    };
    Some([time("start_time")?, time("end_time")?])
}

/// The parts of the day `windows` leave out, each from one window's end
/// to the next one's start (`01:00–04:00` and `06:00–10:00` leave
/// `04:00–06:00` and `10:00–01:00`).
fn rest_of_day(windows: &[[String; 2]]) -> Vec<[String; 2]> {
    let mut sorted: Vec<&[String; 2]> = windows.iter().collect();
    sorted.sort_by_key(|[from, _]| OffPeak::minute_of(from));
    (0..sorted.len())
        .map(|i| {
            [
                sorted[i][1].clone(),
                sorted[(i + 1) % sorted.len()][0].clone(),
            ]
        })
        .filter(|[from, until]| from != until)
        .collect()
}

/// The time-of-day sets as an off-peak window on `current`, the standard
/// rates, which it may change. Three forms are read:
/// - the window holds the standard price over most of the day (`base`;
///   DeepSeek's 00:30–16:30): the rest of the day is off-peak at the
///   unconstrained rates;
/// - cheaper windows: they are off-peak, at their rates;
/// - dearer windows at one rate (DeepSeek V4's 2× peak hours 01:00–04:00
///   and 06:00–10:00 UTC): the peak rates are the standard, as the list
///   price, and the rest of the day is off-peak at the unconstrained rates.
fn time_of_day(sets: &[Value], base: &Value, current: &mut Prices) -> Option<OffPeak> {
    let windowed: Vec<&Value> = sets.iter().filter(|s| window_of(s).is_some()).collect();
    let first = windowed.first()?;
    let off_peak = |windows: Vec<[String; 2]>, rates: &Prices| {
        let mut windows = windows.into_iter();
        let [from, until] = windows.next()?;
        Some(OffPeak {
            from,
            until,
            also: windows.collect(),
            valid_from: None,
            valid_until: None,
            input: rates.input,
            output: rates.output,
            cached_input: rates.cached_input,
            source: "genai-prices".to_string(),
        })
    };
    if windowed.iter().any(|s| std::ptr::eq(*s, base)) {
        let rest = prices_of(
            sets.iter()
                .find(|s| s.get("constraint").is_none())?
                .get("prices")?,
        );
        return off_peak(rest_of_day(&[window_of(base)?]), &rest);
    }
    let rates = prices_of(first.get("prices")?);
    // Every window at one rate, or the sets are not a window form known here.
    if windowed
        .iter()
        .any(|s| s.get("prices").map(prices_of).as_ref() != Some(&rates))
    {
        return None;
    }
    let windows: Vec<[String; 2]> = windowed.iter().filter_map(|s| window_of(s)).collect();
    if rates.input <= current.input {
        return off_peak(windows, &rates);
    }
    let rest = current.clone();
    current.input = rates.input;
    current.output = rates.output;
    current.cached_input = rates.cached_input.or(current.cached_input);
    off_peak(rest_of_day(&windows), &rest)
}

/// What a genai-prices entry's price sets say through time.
struct Dated {
    /// The standard prices in force on the data's day.
    prices: Prices,
    /// Input and output at each dated change up to that day.
    history: Vec<PricePoint>,
    /// The changes announced after it.
    changes: Vec<PriceChange>,
    /// The sheets in force before it, each until the change that replaced it.
    earlier: Vec<EarlierSheet>,
}

/// The standard prices in force on `as_of`, the dated changes before
/// them and the ones announced after. The standard set is the one in force for
/// most of the day: the unconstrained set, unless a time-of-day window
/// covers more than half the day (DeepSeek lists its off-peak discount as
/// the unconstrained set and its standard price for 00:30–16:30 UTC). Each
/// `start_date` set replaces the standard from its date.
fn prices_in_force(prices: &Value, as_of: &str) -> Option<Dated> {
    let Some(sets) = prices.as_array() else {
        return Some(Dated {
            prices: prices_of(prices),
            history: Vec::new(),
            changes: Vec::new(),
            earlier: Vec::new(),
        });
    };
    let base = sets
        .iter()
        .find(|s| {
            s.get("constraint")
                .and_then(window_minutes)
                .is_some_and(|m| m > 12 * 60)
        })
        .or_else(|| sets.iter().find(|s| s.get("constraint").is_none()))?;
    let mut current = prices_of(base.get("prices")?);
    let today = parse_day(as_of);
    let mut dated: Vec<(&str, Prices)> = sets
        .iter()
        .filter_map(|s| {
            let date = s.get("constraint")?.get("start_date")?.as_str()?;
            Some((date, prices_of(s.get("prices")?)))
        })
        .collect();
    dated.sort_by(|a, b| a.0.cmp(b.0));
    let mut history = Vec::new();
    let mut changes = Vec::new();
    let mut earlier = Vec::new();
    for (date, prices) in dated {
        let day = parse_day(date);
        if today.is_some_and(|t| day.is_some_and(|d| d > t)) {
            changes.push(PriceChange {
                date: date.to_string(),
                prices,
                source: "genai-prices".to_string(),
            });
            continue;
        }
        if today.is_some_and(|t| day.is_some_and(|d| d <= t)) {
            if history.is_empty() {
                history.push(PricePoint {
                    date: "unknown".to_string(),
                    input: current.input,
                    output: current.output,
                });
            }
            history.push(PricePoint {
                date: date.to_string(),
                input: prices.input,
                output: prices.output,
            });
            earlier.push(EarlierSheet {
                until: date.to_string(),
                prices: std::mem::replace(&mut current, prices),
                source: "genai-prices".to_string(),
            });
        }
    }
    // A first point without a date cannot be placed on a timeline.
    history.retain(|p| p.date != "unknown");
    current.off_peak = time_of_day(sets, base, &mut current).map(Box::new);
    Some(Dated {
        prices: current,
        history,
        changes,
        earlier,
    })
}

/// The mode a `price_variants` entry prices, by its `when`: batch
/// processing, and the flex, priority and ultrafast service tiers. The
/// rest are not modes llmcost prices apart: `default` is the standard
/// sheet, OpenAI's `fast` tier repeats `priority` wherever both are stated,
/// and Anthropic's `speed: fast`, OpenRouter's routes and Perplexity's
/// search types have no flag here.
fn variant_mode(when: &Value) -> Option<Mode> {
    let when = when.as_object().filter(|w| w.len() == 1)?;
    if let Some(processing) = when.get("processing") {
        return (processing.as_str() == Some("batch")).then_some(Mode::Batch);
    }
    match when.get("service_tier")?.as_str()? {
        "flex" => Some(Mode::Flex),
        "priority" => Some(Mode::Priority),
        "ultrafast" => Some(Mode::Ultrafast),
        _ => None,
    }
}

/// Puts `stated`'s standard sheet (and its long-context tier's) into
/// `prices` as `mode`'s. A variant whose tier is at a threshold `prices`
/// has no tier at is left out whole: half of it would bill the long
/// requests at the short ones' rates. Returns whether it was taken.
fn put_mode(prices: &mut Prices, mode: Mode, stated: &Prices) -> bool {
    match (prices.long_context.as_mut(), stated.long_context.as_ref()) {
        (_, None) => {}
        (Some(ours), Some(theirs)) if ours.threshold == theirs.threshold => {
            ours.sheets.take_as_mode(mode, &theirs.sheets.standard);
        }
        _ => return false,
    }
    prices.sheets.take_as_mode(mode, &stated.sheets.standard);
    true
}

/// Reads an entry's `price_variants` into `dated`: a variant in force on
/// `as_of` (no start date, or one on or before it) is the mode's sheet of
/// today's prices; a later one is announced, on its day's change. Where the
/// base prices do not change that day, the change states the mode's rates
/// alone, so it changes nothing else, and the long-context rates follow
/// the mode's base rates (see [`Prices::changed_to`]). Returns how many
/// variants were left out (see [`put_mode`]).
fn take_variants(dated: &mut Dated, variants: &[Value], as_of: &str) -> usize {
    let today = parse_day(as_of);
    let mut stated: Vec<(Option<&str>, Mode, Prices)> = variants
        .iter()
        .filter_map(|v| {
            let mode = variant_mode(v.get("when")?)?;
            let date = v
                .get("constraint")
                .and_then(|c| c.get("start_date"))
                .and_then(Value::as_str);
            Some((date, mode, prices_of(v.get("prices")?)))
        })
        .filter(|(_, _, prices)| !prices.sheets.standard.is_empty())
        .collect();
    stated.sort_by(|a, b| a.0.cmp(&b.0));
    let mut left_out = 0;
    for (date, mode, prices) in stated {
        let announced = date.filter(|d| today.is_some_and(|t| parse_day(d).is_some_and(|d| d > t)));
        let Some(date) = announced else {
            left_out += usize::from(!put_mode(&mut dated.prices, mode, &prices));
            continue;
        };
        let at = dated.changes.partition_point(|c| c.date.as_str() < date);
        match dated.changes.get_mut(at) {
            Some(change) if change.date == date => {
                left_out += usize::from(!put_mode(&mut change.prices, mode, &prices));
            }
            _ => {
                let mut alone = Prices::default();
                alone.sheets.take_as_mode(mode, &prices.sheets.standard);
                let change = PriceChange {
                    date: date.to_string(),
                    prices: alone,
                    source: "genai-prices".to_string(),
                };
                dated.changes.insert(at, change);
            }
        }
    }
    left_out
}

/// The first of `entries` that prices `model`: the same provider, and the
/// same id or one its match rules name. genai-prices lists entries in the
/// order its own lookup tries them, so the first one wins.
pub fn entry_for<'e>(entries: &'e [GenaiModel], model: &Model) -> Option<&'e GenaiModel> {
    entries
        .iter()
        .filter(|e| e.model.provider == model.provider)
        .find(|e| e.model.id.eq_ignore_ascii_case(&model.id) || e.matches(&model.id))
}

/// For each model of `catalog` whose provider genai-prices covers, the
/// first genai-prices entry that prices its id, as that model (same id,
/// genai-prices' prices, no new facts): genai-prices knows prices, not
/// what a model is (chat or embedding, its modalities), so an update from
/// it reprices models the catalog has and adds none.
pub fn for_catalog(entries: &[GenaiModel], catalog: &[Model]) -> Vec<Model> {
    catalog
        .iter()
        .filter_map(|ours| {
            let entry = entry_for(entries, ours)?;
            Some(Model {
                id: ours.id.clone(),
                aliases: Vec::new(),
                ..entry.model.clone()
            })
        })
        .collect()
}

/// Reads a genai-prices file. `providers` maps its provider ids to
/// llmcost's (`x-ai` → `xai`, `aws` → `bedrock`); other providers are
/// counted, not imported. `as_of` dates the prices.
pub fn read(
    root: &Value,
    providers: &HashMap<String, String>,
    as_of: &str,
) -> Result<(Vec<GenaiModel>, ImportCounts)> {
    let Some(list) = root.as_array() else {
        bail!("a genai-prices file is a JSON array of providers");
    };
    let mut counts = ImportCounts::default();
    let mut models = Vec::new();
    for provider in list {
        let entries = provider.get("models").and_then(Value::as_array);
        let Some(ours) = provider
            .get("id")
            .and_then(Value::as_str)
            .and_then(|id| providers.get(id))
        else {
            counts.other_provider += entries.map_or(0, Vec::len);
            continue;
        };
        let pricing_url = provider
            .get("pricing_urls")
            .and_then(Value::as_array)
            .and_then(|u| u.first())
            .and_then(Value::as_str);
        for entry in entries.into_iter().flatten() {
            let Some(id) = entry.get("id").and_then(Value::as_str) else {
                counts.excluded += 1;
                continue;
            };
            let Some(mut dated) = entry.get("prices").and_then(|p| prices_in_force(p, as_of))
            else {
                counts.unpriced += 1;
                continue;
            };
            if let Some(variants) = entry.get("price_variants").and_then(Value::as_array) {
                counts.variants_left_out += take_variants(&mut dated, variants, as_of);
            }
            let Dated {
                prices,
                history: price_history,
                changes: price_changes,
                earlier: earlier_prices,
            } = dated;
            let matcher = entry.get("match").cloned().unwrap_or(Value::Null);
            let mut aliases = Vec::new();
            equals_ids(&matcher, &mut aliases);
            aliases.retain(|a| !a.eq_ignore_ascii_case(id));
            aliases.sort();
            aliases.dedup();
            let model = Model {
                id: id.to_string(),
                provider: ours.clone(),
                name: entry
                    .get("name")
                    .and_then(Value::as_str)
                    .map(str::to_string),
                context_window: entry.get("context_window").and_then(Value::as_u64),
                modalities: crate::catalog::model::Modalities::default(),
                capabilities: crate::catalog::model::Capabilities::default(),
                prices,
                as_of: Some(as_of.to_string()),
                source: pricing_url
                    .map(str::to_string)
                    .or_else(|| Some(SOURCE_URL.to_string())),
                aliases,
                price_history,
                price_changes,
                earlier_prices,
                ..Model::default()
            };
            let deprecated = entry.get("deprecated").and_then(Value::as_bool) == Some(true);
            models.push(GenaiModel {
                model,
                matcher,
                deprecated,
            });
        }
    }
    counts.imported = models.len();
    Ok((models, counts))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::model::RateKind;

    const SAMPLE: &str = include_str!("../../../tests/fixtures/genai_prices_sample.json");

    fn read_sample(as_of: &str) -> (Vec<GenaiModel>, ImportCounts) {
        let root: Value = serde_json::from_str(SAMPLE).unwrap();
        let providers: HashMap<String, String> = [
            ("openai", "openai"),
            ("deepseek", "deepseek"),
            ("aws", "bedrock"),
            ("x-ai", "xai"),
            ("google", "google"),
            ("mistral", "mistral"),
        ]
        .into_iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        read(&root, &providers, as_of).unwrap()
    }

    fn find<'a>(models: &'a [GenaiModel], provider: &str, id: &str) -> &'a GenaiModel {
        models
            .iter()
            .find(|m| m.model.provider == provider && m.model.id == id)
            .unwrap_or_else(|| panic!("no {provider}/{id}"))
    }

    #[test]
    fn peak_windows_leave_the_rest_of_the_day_off_peak() {
        let window = |f: &str, u: &str| [f.to_string(), u.to_string()];
        // DeepSeek V4's peak hours, given in either order.
        assert_eq!(
            rest_of_day(&[window("06:00", "10:00"), window("01:00", "04:00")]),
            vec![window("04:00", "06:00"), window("10:00", "01:00")]
        );
        // One window across midnight leaves one window.
        assert_eq!(
            rest_of_day(&[window("00:30", "16:30")]),
            vec![window("16:30", "00:30")]
        );
        // Windows that touch leave no gap between them.
        assert_eq!(
            rest_of_day(&[window("01:00", "04:00"), window("04:00", "06:00")]),
            vec![window("06:00", "01:00")]
        );
    }

    #[test]
    fn imports_prices_tiers_windows_dates_and_match_rules() {
        let (models, counts) = read_sample("2026-11-25");
        // avian's two models have no llmcost provider: counted, not dropped silently.
        assert_eq!(counts.other_provider, 2);
        assert_eq!(counts.imported, models.len());
        let gpt = find(&models, "openai", "gpt-4o");
        assert_eq!(gpt.model.prices.input.unwrap().to_string(), "2.5");
        assert_eq!(gpt.model.prices.output.unwrap().to_string(), "10");
        assert_eq!(gpt.model.prices.cached_input.unwrap().to_string(), "1.25");
        assert!(gpt.model.aliases.contains(&"gpt-4o-2024-08-06".to_string()));
        assert!(gpt.matches("GPT-4o-2024-11-20"));
        assert!(!gpt.matches("gpt-4o-mini"));
        // DeepSeek's standard price is the 00:30–16:30 window (16 hours), not
        // the unconstrained off-peak set.
        let deepseek = find(&models, "deepseek", "deepseek-chat");
        assert_eq!(deepseek.model.prices.input.unwrap().to_string(), "0.27");
        assert_eq!(deepseek.model.prices.output.unwrap().to_string(), "1.1");
        // The unconstrained set is then the off-peak window: the rest of the day.
        let window = deepseek.model.prices.off_peak.as_deref().unwrap();
        assert_eq!(
            (window.from.as_str(), window.until.as_str()),
            ("16:30", "00:30")
        );
        assert_eq!(window.input.unwrap().to_string(), "0.135");
        assert_eq!(window.output.unwrap().to_string(), "0.55");
        // A tiered price is a long-context tier.
        let gemini = find(&models, "google", "gemini-2.5-pro");
        let long = gemini.model.prices.long_context.as_ref().unwrap();
        assert_eq!(
            (long.threshold, long.input.unwrap().to_string()),
            (200_000, "2.5".to_string())
        );
        // A start_date is a dated change: $2/$10 until 2026-08-31, $3/$15 from 2026-09-01.
        let sonnet = find(&models, "bedrock", "global.anthropic.claude-sonnet-5-v1:0");
        assert_eq!(sonnet.model.prices.input.unwrap().to_string(), "3");
        assert_eq!(sonnet.model.price_history[0].date, "2026-09-01");
        let (before, _) = read_sample("2026-08-01");
        let sonnet = find(&before, "bedrock", "global.anthropic.claude-sonnet-5-v1:0");
        assert_eq!(sonnet.model.prices.input.unwrap().to_string(), "2");
        // x-ai is xai; mistral-nemo prices open-mistral-nemo through its match rule.
        assert_eq!(
            find(&models, "xai", "grok-code-fast-1")
                .model
                .prices
                .input
                .unwrap()
                .to_string(),
            "0.2"
        );
        assert!(find(&models, "mistral", "mistral-nemo").matches("open-mistral-nemo"));
    }

    #[test]
    fn price_variants_are_mode_sheets_today_or_announced_changes() {
        let (models, _) = read_sample("2026-11-25");
        let gpt = &find(&models, "openai", "gpt-4o").model;
        let rate = |prices: &Prices, mode: Mode, rate: RateKind| {
            prices.rate_in(mode, rate).map(|r| r.to_string())
        };
        // Batch (dated 2026-10-12, in force) and priority (undated) are today's.
        assert_eq!(
            rate(&gpt.prices, Mode::Batch, RateKind::CachedInput).as_deref(),
            Some("0.625")
        );
        assert_eq!(
            rate(&gpt.prices, Mode::Priority, RateKind::Output).as_deref(),
            Some("17")
        );
        // `fast` repeats priority and `default` is the standard sheet: no mode of their own.
        assert_eq!(gpt.prices.sheets.modes.len(), 2);
        // Flex from 2027-02-01 is announced, stating the flex rates alone.
        let change = &gpt.price_changes[0];
        assert_eq!(change.date, "2027-02-01");
        assert_eq!(
            rate(&change.prices, Mode::Flex, RateKind::Input).as_deref(),
            Some("1.25")
        );
        assert_eq!(change.prices.input, None);
        // Read a day before the batch sheet's date, it is an announced change too.
        let (earlier, _) = read_sample("2026-10-01");
        let gpt = &find(&earlier, "openai", "gpt-4o").model;
        assert_eq!(gpt.prices.sheet(Mode::Batch), None);
        assert_eq!(gpt.price_changes[0].date, "2026-10-12");
    }
}
