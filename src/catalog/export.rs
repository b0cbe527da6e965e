//! Flat rows for `catalog export`: one row per model, one column per price
//! dimension (USD per 1M tokens) and per fact, with the provider's facts
//! repeated on each row, so the rows load into DuckDB, BigQuery or Spark and
//! read back into a catalog without losing anything.

use anyhow::{Context, Result, bail};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::import::exact_decimal;

/// The SQL engines `llmcost sql` writes the prices for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// DuckDB (a table and a view).
    Duckdb,
    /// Apache Spark SQL (temporary views; run with
    /// `spark.sql.decimalOperations.allowPrecisionLoss=false`).
    Spark,
}
use super::model::{
    ApiStyle, Capabilities, Catalog, ContextTier, Modalities, Model, PRICE_KINDS, PriceKind,
    PricePoint, Prices, Provider, Sheet, Tier,
};

/// One exported model. The field order is the column order.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[allow(missing_docs)]
pub struct ExportRow {
    pub provider: String,
    pub model: String,
    pub name: Option<String>,
    pub slug: Option<String>,
    pub context_window: Option<u64>,
    pub max_output_tokens: Option<u64>,
    /// One `{field}_per_million` column per row of [`PRICE_KINDS`].
    #[serde(flatten)]
    pub rates: ExportRates,
    pub long_context_threshold: Option<u64>,
    #[serde(default)]
    pub long_context_input_per_million: Option<Decimal>,
    #[serde(default)]
    pub long_context_output_per_million: Option<Decimal>,
    #[serde(default)]
    pub long_context_cached_input_per_million: Option<Decimal>,
    pub vision: Option<bool>,
    pub tools: Option<bool>,
    pub json: Option<bool>,
    pub reasoning: Option<bool>,
    pub caching: Option<bool>,
    pub open_weights: Option<bool>,
    pub tier: Option<Tier>,
    /// `text;image`.
    pub input_modalities: String,
    /// `text`.
    pub output_modalities: String,
    pub as_of: Option<String>,
    pub source: Option<String>,
    pub docs_url: Option<String>,
    /// `a;b`.
    pub aliases: String,
    pub deprecation_date: Option<String>,
    /// The price history as compact JSON.
    pub price_history: String,
    pub provider_name: String,
    pub provider_vendor: Option<String>,
    pub api_base_url: Option<String>,
    pub api_key_env: Option<String>,
    pub api_style: ApiStyle,
    pub provider_docs_url: Option<String>,
}

/// A row's rates, one column each named by field and unit
/// (`input_per_million`, `request_low_per_thousand_requests`), exact,
/// driven by [`PRICE_KINDS`].
#[derive(Debug, Clone, Default)]
pub struct ExportRates(pub Prices);

fn column(kind: PriceKind) -> String {
    format!("{}{}", kind.field(), kind.info().unit.column_suffix())
}

impl Serialize for ExportRates {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(PRICE_KINDS.len()))?;
        for info in &PRICE_KINDS {
            let value = self
                .0
                .get(info.kind)
                .map(|d| serde_json::Number::from_string_unchecked(d.normalize().to_string()));
            map.serialize_entry(&column(info.kind), &value)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for ExportRates {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let fields = serde_json::Map::<String, Value>::deserialize(deserializer)?;
        let mut prices = Prices::default();
        for info in &PRICE_KINDS {
            let name = column(info.kind);
            match fields.get(&name) {
                None | Some(Value::Null) => {}
                Some(Value::String(text)) if text.trim().is_empty() => {}
                Some(value) => {
                    let price = exact_decimal(value).ok_or_else(|| {
                        serde::de::Error::custom(format!("{name} is not an exact decimal"))
                    })?;
                    prices.set(info.kind, Some(price));
                }
            }
        }
        Ok(ExportRates(prices))
    }
}

fn join(items: &[String]) -> String {
    items.join(";")
}

fn split(text: &str) -> Vec<String> {
    text.split(';')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// The catalog as rows, in catalog order.
pub fn rows(catalog: &Catalog) -> Vec<ExportRow> {
    catalog
        .models
        .iter()
        .filter_map(|m| {
            let p = catalog.providers.iter().find(|p| p.id == m.provider)?;
            let long = m.prices.long_context.as_ref();
            Some(ExportRow {
                provider: m.provider.clone(),
                model: m.id.clone(),
                name: m.name.clone(),
                slug: m.slug.clone(),
                context_window: m.context_window,
                max_output_tokens: m.max_output_tokens,
                rates: ExportRates(Prices {
                    long_context: None,
                    ..m.prices.clone()
                }),
                long_context_threshold: long.map(|l| l.threshold),
                long_context_input_per_million: long.and_then(|l| l.input),
                long_context_output_per_million: long.and_then(|l| l.output),
                long_context_cached_input_per_million: long.and_then(|l| l.cached_input),
                vision: m.capabilities.vision,
                tools: m.capabilities.tools,
                json: m.capabilities.json,
                reasoning: m.capabilities.reasoning,
                caching: m.capabilities.caching,
                open_weights: m.open_weights,
                tier: m.tier,
                input_modalities: join(&m.modalities.input),
                output_modalities: join(&m.modalities.output),
                as_of: m.as_of.clone(),
                source: m.source.clone(),
                docs_url: m.docs_url.clone(),
                aliases: join(&m.aliases),
                deprecation_date: m.deprecation_date.clone(),
                price_history: serde_json::to_string(&m.price_history)
                    .unwrap_or_else(|_| "[]".into()),
                provider_name: p.name.clone(),
                provider_vendor: p.vendor.clone(),
                api_base_url: p.api_base_url.clone(),
                api_key_env: p.api_key_env.clone(),
                api_style: p.api_style,
                provider_docs_url: p.docs_url.clone(),
            })
        })
        .collect()
}

impl ExportRow {
    /// The provider this row names.
    pub fn to_provider(&self) -> Provider {
        Provider {
            id: self.provider.clone(),
            name: self.provider_name.clone(),
            vendor: self.provider_vendor.clone(),
            api_base_url: self.api_base_url.clone(),
            api_key_env: self.api_key_env.clone(),
            api_style: self.api_style,
            docs_url: self.provider_docs_url.clone(),
        }
    }

    /// The model this row describes.
    pub fn to_model(&self) -> Result<Model> {
        let long_context = self.long_context_threshold.map(|threshold| ContextTier {
            sheets: Sheet {
                input: self.long_context_input_per_million,
                output: self.long_context_output_per_million,
                cached_input: self.long_context_cached_input_per_million,
                ..Sheet::default()
            }
            .into(),
            threshold,
        });
        let price_history: Vec<PricePoint> = if self.price_history.trim().is_empty() {
            Vec::new()
        } else {
            serde_json::from_str(&self.price_history).with_context(|| {
                format!("bad price_history for '{}/{}'", self.provider, self.model)
            })?
        };
        Ok(Model {
            id: self.model.clone(),
            provider: self.provider.clone(),
            slug: self.slug.clone(),
            name: self.name.clone(),
            context_window: self.context_window,
            max_output_tokens: self.max_output_tokens,
            modalities: Modalities {
                input: split(&self.input_modalities),
                output: split(&self.output_modalities),
            },
            capabilities: Capabilities {
                vision: self.vision,
                tools: self.tools,
                json: self.json,
                reasoning: self.reasoning,
                caching: self.caching,
            },
            open_weights: self.open_weights,
            tier: self.tier,
            prices: Prices {
                long_context,
                ..self.rates.0.clone()
            },
            as_of: self.as_of.clone(),
            source: self.source.clone(),
            docs_url: self.docs_url.clone(),
            aliases: split(&self.aliases),
            deprecation_date: self.deprecation_date.clone(),
            price_history,
            ..Model::default()
        })
    }
}

/// Reads exported rows: a JSON array of row objects, or JSON Lines.
pub fn read_rows(text: &str) -> Result<Vec<ExportRow>> {
    let trimmed = text.trim_start();
    let values: Vec<Value> = if trimmed.starts_with('[') {
        serde_json::from_str(text).context("not a JSON array of rows")?
    } else {
        text.lines()
            .filter(|l| !l.trim().is_empty())
            .enumerate()
            .map(|(i, line)| {
                serde_json::from_str(line).with_context(|| format!("line {} is not JSON", i + 1))
            })
            .collect::<Result<_>>()?
    };
    if values.is_empty() {
        bail!("no rows");
    }
    values
        .into_iter()
        .enumerate()
        .map(|(i, v)| {
            serde_json::from_value(v)
                .with_context(|| format!("row {} is not an llmcost export row", i + 1))
        })
        .collect()
}

/// Whether parsed JSON looks like exported rows.
pub fn looks_like_rows(root: &Value) -> bool {
    root.as_array().and_then(|a| a.first()).is_some_and(|r| {
        r.get("provider").is_some() && r.get("model").is_some() && r.get("provider_name").is_some()
    })
}
