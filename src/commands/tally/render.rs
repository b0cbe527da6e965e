//! How `tally`'s reports are laid out as tables, charts and footers, and
//! the reports of its `--reconcile` and `--as` views.

use anyhow::Result;
use rust_decimal::Decimal;
use serde::Serialize;

use super::{ProblemLines, TallyReport, TallyRow, what_if_targets, write_lines, write_lines_for};
use crate::catalog::model::Catalog;
use crate::cli::TallyArgs;
use crate::quantity::group_thousands;
use crate::render::text::{bar, usd};
use crate::render::{Block, Cell, Document, Report};
use crate::usage_log::annotate::Reconciliation;
use crate::usage_log::grouping::CostSource;

fn big_count(n: u128) -> Cell {
    u64::try_from(n).map_or_else(|_| Cell::text(n.to_string()), Cell::count)
}

impl TallyReport {
    /// The table: one column per key, then the counts and the cost.
    fn table(&self) -> Block {
        let keys = self.by.len();
        // `--cost-source both`: the stated costs beside llmcost's.
        let logged = self.groups.iter().any(|g| g.logged_cost.is_some());
        let row_of = |keys: Vec<String>, row: &TallyRow| {
            let mut cells: Vec<Cell> = keys.into_iter().map(Cell::text).collect();
            cells.extend([
                Cell::count(row.requests),
                big_count(row.input_tokens),
                big_count(row.output_tokens),
                Cell::money(Some(row.cost)),
                big_count(row.cached_input_tokens),
                big_count(row.cache_write_tokens),
                big_count(row.reasoning_tokens),
                row.cache_hit_percent.map_or_else(
                    || Cell::text("–"),
                    |p| Cell::with_raw(format!("{p}%"), p.to_string()),
                ),
            ]);
            if logged {
                // A group none of whose lines states a cost has none to show.
                let stated = |amount: Option<Decimal>| {
                    amount.map_or_else(|| Cell::text("–"), |a| Cell::money(Some(a)))
                };
                cells.push(stated(row.logged_cost));
                cells.push(stated(row.logged_difference));
            }
            cells
        };
        let mut rows: Vec<Vec<Cell>> = self
            .groups
            .iter()
            .map(|g| row_of(g.keys.clone(), g))
            .collect();
        let mut total = TallyRow::new(Vec::new());
        for group in &self.groups {
            // Sums of integers: they cannot fail short of u128 overflow,
            // which the per-bucket sums would have hit first.
            let _ = total.add_row(group);
        }
        total.finish();
        total.cost = self.total;
        let mut label = vec![String::new(); keys];
        label[0] = "total".to_string();
        rows.push(row_of(label, &total));
        let mut headers: Vec<String> = self.keys.clone();
        headers.extend(
            [
                "requests",
                "input",
                "output",
                "cost",
                "cache read",
                "cache write",
                "reasoning",
                "cache hits",
            ]
            .map(String::from),
        );
        if logged {
            headers.extend(["logged".to_string(), "logged − llmcost".to_string()]);
        }
        Block::Table {
            right_aligned: (keys..headers.len()).collect(),
            headers,
            rows,
        }
    }

    /// Cost per period as bars, when the only key is a period of time.
    fn chart(&self) -> Option<Block> {
        if self.by.len() != 1 || !self.by[0].is_time() || self.groups.len() < 2 {
            return None;
        }
        let max = self.groups.iter().map(|g| g.cost).max()?;
        let width = self.groups.iter().map(|g| g.group.chars().count()).max()?;
        Some(Block::Lines(
            self.groups
                .iter()
                .map(|g| format!("{:width$}  {}", g.group, bar(Some(g.cost), max)))
                .collect(),
        ))
    }

    /// The footer's lines on unknown models: their names, and how many of
    /// their lines state a cost that `--cost-source logged` would count.
    fn unknown_model_lines(&self) -> Vec<String> {
        let mut footer = Vec::new();
        if self.unknown.count > 0 {
            let names: Vec<String> = self
                .unknown_models
                .iter()
                .map(|u| match &u.first_file {
                    Some(file) => format!("{} ×{} ({file}:{})", u.name, u.count, u.first_line),
                    None => format!("{} ×{} (line {})", u.name, u.count, u.first_line),
                })
                .collect();
            footer.push(format!(
                "{} lines with unknown models: {}",
                group_thousands(self.unknown.count),
                names.join(", ")
            ));
            let stated: u64 = self
                .unknown_models
                .iter()
                .map(|u| u.stated_cost_lines)
                .sum();
            if stated > 0 {
                footer.push(format!(
                    "{} of them state their own cost: --cost-source logged counts it",
                    group_thousands(stated)
                ));
            }
        }
        footer
    }
}

impl Report for TallyReport {
    fn document(&self) -> Document {
        let mut doc = Document::default();
        doc.push(self.table());
        if let Some(chart) = self.chart() {
            doc.push(chart);
        }
        let lines_of = |p: &ProblemLines| {
            p.first_lines
                .iter()
                .enumerate()
                .map(|(i, line)| match p.first_files.get(i) {
                    Some(file) => format!("{file}:{line}"),
                    None => line.to_string(),
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut footer = vec![format!(
            "{} of {} lines priced ({}).",
            group_thousands(self.priced),
            group_thousands(self.lines),
            self.currency
        )];
        if self.skipped > 0 {
            footer.push(format!(
                "{} lines without usage skipped (session messages, events)",
                group_thousands(self.skipped)
            ));
        }
        if self.filtered > 0 {
            footer.push(format!(
                "{} lines outside --since/--until left out",
                group_thousands(self.filtered)
            ));
        }
        if self.duplicates > 0 {
            footer.push(format!(
                "{} duplicate lines counted once (a message logged on several lines)",
                group_thousands(self.duplicates)
            ));
        }
        if self.malformed.count > 0 {
            footer.push(format!(
                "{} malformed lines (first: {})",
                group_thousands(self.malformed.count),
                lines_of(&self.malformed)
            ));
        }
        footer.extend(self.unknown_model_lines());
        for u in &self.unpriced {
            footer.push(format!(
                "{} lines of {} could not be priced: {}",
                group_thousands(u.lines),
                u.model,
                u.why
            ));
        }
        for failure in &self.unreadable {
            footer.push(format!("could not read {failure}"));
        }
        if self.cost_source == CostSource::Logged {
            footer.push(
                "Costs as the logs state them where they do, else llmcost's (--cost-source logged)"
                    .to_string(),
            );
        }
        if self.total_is_lower_bound {
            footer.push(format!(
                "Total {} is a lower bound: {} lines could not be priced",
                usd(self.total),
                group_thousands(self.unpriced_lines)
            ));
        } else if self.total > Decimal::ZERO && self.groups.len() > 1 {
            footer.push(format!("Total {}", usd(self.total)));
        }
        doc.push(Block::Lines(footer));
        doc
    }
}

/// `tally --reconcile`: logged costs against llmcost's.
#[derive(Debug, Serialize)]
pub struct ReconcileReport {
    /// Currency of every amount.
    pub currency: String,
    /// Lines read and priced.
    pub lines: u64,
    pub priced: u64,
    /// The comparison.
    #[serde(flatten)]
    pub reconciliation: Reconciliation,
}

impl ReconcileReport {
    /// Reads the logs `args` names and compares.
    pub fn build(catalog: &Catalog, args: &TallyArgs) -> Result<Self> {
        let summary = write_lines(catalog, args, &mut std::io::sink())?;
        Ok(ReconcileReport {
            currency: catalog.currency.clone(),
            lines: summary.lines,
            priced: summary.priced,
            reconciliation: summary.reconcile,
        })
    }
}

impl Report for ReconcileReport {
    fn document(&self) -> Document {
        let r = &self.reconciliation;
        let rows = r
            .first
            .iter()
            .map(|d| {
                vec![
                    Cell::text(if d.file.is_empty() || d.file == "-" {
                        d.line.to_string()
                    } else {
                        format!("{}:{}", d.file, d.line)
                    }),
                    Cell::text(d.model.clone()),
                    Cell::money(Some(d.logged)),
                    Cell::money(Some(d.llmcost)),
                ]
            })
            .collect();
        let mut doc = Document::default();
        doc.push(Block::Table {
            headers: ["line", "model", "logged", "llmcost"]
                .map(String::from)
                .to_vec(),
            right_aligned: vec![2, 3],
            rows,
        });
        doc.push(Block::Lines(vec![
            format!(
                "{} of {} priced requests state a cost; {} differ from llmcost's by more than 1% (first {} listed).",
                group_thousands(r.compared),
                group_thousands(self.priced),
                group_thousands(r.differing),
                r.first.len()
            ),
            format!(
                "Logged {} against llmcost {} ({}).",
                usd(r.logged_total.normalize()),
                usd(r.llmcost_total.normalize()),
                self.currency
            ),
        ]));
        doc
    }
}

/// `tally --as`: the same requests' cost on other models.
#[derive(Debug, Serialize)]
pub struct WhatIfReport {
    /// Currency of every amount.
    pub currency: String,
    /// Requests priced as logged.
    pub priced: u64,
    /// Their cost on the models that served them.
    pub actual: Decimal,
    /// The same requests on each other model.
    pub alternatives: Vec<Alternative>,
}

/// One `--as` model's bill for the same requests.
#[derive(Debug, Serialize)]
pub struct Alternative {
    /// `provider/id`.
    pub model: String,
    /// USD over the requests it can price.
    pub total: Decimal,
    /// `total - actual`: negative is a saving (only when it priced them all).
    pub difference: Option<Decimal>,
    /// Requests it cannot price (a modality or rate it lacks).
    pub unpriced: u64,
}

impl WhatIfReport {
    /// Reads the logs `args` names and prices them on each `--as` model.
    pub fn build(catalog: &Catalog, args: &TallyArgs) -> Result<Self> {
        let targets = what_if_targets(catalog, &args.as_models)?;
        let summary = write_lines_for(catalog, args, &targets, &mut std::io::sink())?;
        let alternatives = targets
            .iter()
            .zip(&summary.what_if)
            .map(|(&index, &(total, unpriced))| {
                let model = &catalog.models[index];
                Alternative {
                    model: format!("{}/{}", model.provider, model.id),
                    total: total.normalize(),
                    difference: (unpriced == 0).then(|| (total - summary.total).normalize()),
                    unpriced,
                }
            })
            .collect();
        Ok(WhatIfReport {
            currency: catalog.currency.clone(),
            priced: summary.priced,
            actual: summary.total.normalize(),
            alternatives,
        })
    }
}

impl Report for WhatIfReport {
    fn document(&self) -> Document {
        let mut rows = vec![vec![
            Cell::text("as logged"),
            Cell::money(Some(self.actual)),
            Cell::text(""),
            Cell::text(""),
        ]];
        for alt in &self.alternatives {
            let change = match alt.difference {
                Some(d) if !self.actual.is_zero() => {
                    let percent = (d * Decimal::ONE_HUNDRED / self.actual).round_dp(1);
                    format!("{}{percent}%", if d.is_sign_negative() { "" } else { "+" })
                }
                Some(_) => String::new(),
                None => format!("{} requests not priced", group_thousands(alt.unpriced)),
            };
            rows.push(vec![
                Cell::text(alt.model.clone()),
                Cell::money(Some(alt.total)),
                alt.difference
                    .map_or_else(|| Cell::text("–"), |d| Cell::money(Some(d))),
                Cell::text(change),
            ]);
        }
        let mut doc = Document::default();
        doc.push(Block::Table {
            headers: ["model", "cost", "difference", "change"]
                .map(String::from)
                .to_vec(),
            right_aligned: vec![1, 2, 3],
            rows,
        });
        doc.push(Block::Lines(vec![format!(
            "The same {} requests, each priced on its own by the model's rules ({}).",
            group_thousands(self.priced),
            self.currency
        )]));
        doc
    }
}
