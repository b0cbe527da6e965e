//! The harness's workloads: a seeded generator over the bundled catalog and
//! each workload written as every door takes it (flags, tool arguments, log
//! lines of each shape).

use serde_json::{Map, Value, json};

/// A small, seeded generator (64-bit linear congruential, Knuth's
/// constants): enough to draw workloads, the same on every machine.
pub struct Draw(pub u64);

impl Draw {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next() % n }
    }

    /// True once in `n` draws.
    fn one_in(&mut self, n: u64) -> bool {
        self.below(n) == 0
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }
}

/// Instants on both sides of the catalog's dated changes and windows, as
/// RFC 3339 and as Unix seconds: DeepSeek's off-peak era (it ended
/// 2025-09-05 16:00 UTC) at an off-peak hour, a year later at the same hour,
/// DeepSeek V4's peak pricing (from 2026-08-16 16:00 UTC), Gemini 3.6
/// Flash's new prices (from 2027-01-01), both sides of a sheet from before
/// the catalog's (Claude Opus 4.6's long-context tier until 2026-03-13) and
/// before another (o3 until 2025-06-10), and two ordinary times.
pub const INSTANTS: [(&str, u64); 15] = [
    ("2025-06-02T18:00:00Z", 1_748_887_200),
    ("2026-06-02T18:00:00Z", 1_780_423_200),
    ("2025-09-05T15:59:00Z", 1_757_087_940),
    ("2025-09-05T16:00:00Z", 1_757_088_000),
    ("2026-08-16T15:59:00Z", 1_786_895_940),
    ("2026-08-16T16:00:00Z", 1_786_896_000),
    ("2026-12-31T23:59:59Z", 1_798_761_599),
    ("2027-01-01T00:00:00Z", 1_798_761_600),
    ("2026-03-10T02:00:00Z", 1_773_108_000),
    ("2026-11-19T12:00:00Z", 1_795_089_600),
    ("2026-03-12T23:59:59Z", 1_773_359_999),
    ("2026-03-13T00:00:00Z", 1_773_360_000),
    ("2025-05-20T09:00:00Z", 1_747_731_600),
    // GPT-6.2's ultrafast sheet (a genai-prices variant) doubles on 2027-03-01.
    ("2027-02-28T23:59:59Z", 1_803_859_199),
    ("2027-03-01T00:00:00Z", 1_803_859_200),
];

/// One request shape on one model: per-request counts, the count of
/// requests, and how and when they were sent.
#[derive(Debug, Clone, Default)]
pub struct Case {
    pub provider: String,
    pub id: String,
    pub input: u64,
    pub cached: u64,
    pub written: u64,
    pub output: u64,
    pub reasoning: u64,
    pub audio_in: u64,
    pub audio_out: u64,
    pub image_in: u64,
    pub web_searches: u64,
    pub citations: u64,
    pub requests: u64,
    pub batch: bool,
    pub tier: Option<&'static str>,
    pub region: Option<&'static str>,
    pub at: Option<(&'static str, u64)>,
}

impl Case {
    pub fn qualified(&self) -> String {
        format!("{}/{}", self.provider, self.id)
    }

    /// The counts, as `(flag, tool argument, per-request count)`.
    fn counts(&self) -> [(&'static str, &'static str, u64); 9] {
        [
            ("--in", "input_tokens", self.input),
            ("--out", "output_tokens", self.output),
            ("--cached-in", "cached_input_tokens", self.cached),
            ("--cache-write", "cache_write_tokens", self.written),
            ("--reasoning", "reasoning_tokens", self.reasoning),
            ("--audio-in", "audio_input_tokens", self.audio_in),
            ("--audio-out", "audio_output_tokens", self.audio_out),
            ("--image-in", "image_input_tokens", self.image_in),
            ("--citations", "citation_tokens", self.citations),
        ]
    }

    /// The request's flags, without `--requests`.
    pub fn request_flags(&self) -> Vec<String> {
        let mut flags = Vec::new();
        for (flag, _, n) in self.counts() {
            if n > 0 || flag == "--in" || flag == "--out" {
                flags.extend([flag.to_string(), n.to_string()]);
            }
        }
        if self.web_searches > 0 {
            flags.extend(["--web-searches".into(), self.web_searches.to_string()]);
        }
        if self.batch {
            flags.push("--batch".into());
        }
        for (flag, value) in [
            ("--service-tier", self.tier),
            ("--region", self.region),
            ("--at", self.at.map(|(at, _)| at)),
        ] {
            if let Some(value) = value {
                flags.extend([flag.to_string(), value.to_string()]);
            }
        }
        flags
    }

    /// The request's flags and `--requests`.
    pub fn flags(&self) -> Vec<String> {
        let mut flags = self.request_flags();
        flags.extend(["--requests".into(), self.requests.to_string()]);
        flags
    }

    /// The arguments of the MCP server's `cost` tool.
    pub fn tool_arguments(&self) -> Value {
        let mut arguments = Map::new();
        arguments.insert("model".into(), json!(self.qualified()));
        for (_, name, n) in self.counts() {
            arguments.insert(name.into(), json!(n));
        }
        arguments.insert("web_searches".into(), json!(self.web_searches));
        arguments.insert("requests".into(), json!(self.requests));
        arguments.insert("batch".into(), json!(self.batch));
        for (name, value) in [
            ("service_tier", self.tier),
            ("region", self.region),
            ("at", self.at.map(|(at, _)| at)),
        ] {
            if let Some(value) = value {
                arguments.insert(name.into(), json!(value));
            }
        }
        Value::Object(arguments)
    }

    /// llmcost's flat record: the totals of `requests` requests.
    pub fn flat(&self) -> Value {
        let n = self.requests;
        let mut record = Map::new();
        record.insert("model".into(), json!(self.id));
        record.insert("provider".into(), json!(self.provider));
        for (_, name, count) in self.counts() {
            record.insert(name.into(), json!(count * n));
        }
        record.insert("web_searches".into(), json!(self.web_searches * n));
        record.insert("requests".into(), json!(n));
        if self.batch {
            record.insert("batch".into(), json!(true));
        }
        for (name, value) in [
            ("service_tier", self.tier),
            ("region", self.region),
            ("timestamp", self.at.map(|(at, _)| at)),
        ] {
            if let Some(value) = value {
                record.insert(name.into(), json!(value));
            }
        }
        Value::Object(record)
    }

    /// The same request in the provider log shapes that can carry all of
    /// it, one line per request (so only one-request cases), each with the
    /// shape's name.
    pub fn shaped(&self) -> Vec<(&'static str, Value)> {
        let mut lines = Vec::new();
        if self.requests != 1 || self.batch || self.region.is_some() || self.image_in > 0 {
            return lines;
        }
        if self.written == 0 && self.web_searches == 0 {
            let mut body = json!({"model": self.id, "provider": self.provider, "usage": {
                "prompt_tokens": self.input, "completion_tokens": self.output,
                "prompt_tokens_details": {"cached_tokens": self.cached, "audio_tokens": self.audio_in},
                "completion_tokens_details": {"reasoning_tokens": self.reasoning,
                    "audio_tokens": self.audio_out}, "citation_tokens": self.citations}});
            if let Some(tier) = self.tier {
                body["service_tier"] = json!(tier);
            }
            if let Some((_, seconds)) = self.at {
                body["created"] = json!(seconds);
            }
            lines.push(("openai-chat-completions", body));
        }
        let plain =
            self.reasoning == 0 && self.audio_in == 0 && self.audio_out == 0 && self.citations == 0;
        if plain && self.tier.is_none() && self.at.is_none() {
            lines.push((
                "anthropic-messages",
                json!({"model": self.id, "provider": self.provider, "usage": {
                    "input_tokens": self.input - self.cached - self.written,
                    "cache_read_input_tokens": self.cached,
                    "cache_creation_input_tokens": self.written,
                    "output_tokens": self.output,
                    "server_tool_use": {"web_search_requests": self.web_searches}}}),
            ));
        }
        lines
    }

    /// Whether the page calculator's form can state the whole workload
    /// (input, cached input, output and requests, at today's prices).
    pub fn fits_the_calculator(&self) -> bool {
        self.written == 0
            && self.reasoning == 0
            && self.audio_in == 0
            && self.audio_out == 0
            && self.image_in == 0
            && self.web_searches == 0
            && self.citations == 0
            && !self.batch
            && self.tier.is_none()
            && self.region.is_none()
            && self.at.is_none()
    }
}

/// A model of the bundled catalog: where it is served, its long-context
/// thresholds, and whether it has rates beyond plain tokens (windows, dated
/// changes, regions, audio, searches, service tiers) that the generator
/// should exercise more often.
struct Listed {
    provider: String,
    id: String,
    thresholds: Vec<u64>,
    special: bool,
}

/// Price keys that make a model worth drawing more often.
const SPECIAL_RATES: [&str; 11] = [
    "off_peak",
    "regional",
    "audio_input",
    "audio_output",
    "web_search",
    "flex_input",
    "priority_input",
    "citation",
    "batch_input",
    "reasoning",
    "higher_tiers",
];

fn catalog_models() -> Vec<Listed> {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/catalog.json"))
        .expect("the bundled catalog");
    let catalog: Value = serde_json::from_str(&text).unwrap();
    catalog["models"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["prices"]["input"].is_string() || m["prices"]["input"].is_number())
        .map(|m| {
            let prices = &m["prices"];
            // Every sheet's thresholds, the earlier sheets' too.
            let sheets = std::iter::once(prices).chain(
                m["earlier_prices"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|e| &e["prices"]),
            );
            let mut thresholds: Vec<u64> = sheets
                .flat_map(|sheet| {
                    sheet["long_context"]["threshold"]
                        .as_u64()
                        .into_iter()
                        .chain(
                            sheet["higher_tiers"]
                                .as_array()
                                .into_iter()
                                .flatten()
                                .filter_map(|t| t["threshold"].as_u64()),
                        )
                })
                .collect();
            thresholds.sort_unstable();
            thresholds.dedup();
            let special = m.get("price_changes").is_some()
                || m.get("earlier_prices").is_some()
                || SPECIAL_RATES.iter().any(|key| prices.get(key).is_some());
            Listed {
                provider: m["provider"].as_str().unwrap().to_string(),
                id: m["id"].as_str().unwrap().to_string(),
                thresholds,
                special,
            }
        })
        .collect()
}

/// `count` cases drawn with `seed`: any model (a third of them among the
/// models with rates beyond plain tokens), input on either side of its
/// thresholds or small, parts within wholes, and now and then audio,
/// images, searches, batch, a service tier, a region or a time.
pub fn cases(seed: u64, count: usize) -> Vec<Case> {
    let models = catalog_models();
    let special: Vec<&Listed> = models.iter().filter(|m| m.special).collect();
    let mut draw = Draw(seed);
    (0..count)
        .map(|_| {
            let model = if draw.one_in(3) {
                special[draw.below(special.len() as u64) as usize]
            } else {
                &models[draw.below(models.len() as u64) as usize]
            };
            let mut case = Case {
                provider: model.provider.clone(),
                id: model.id.clone(),
                input: input_size(&mut draw, &model.thresholds),
                ..Case::default()
            };
            draw_parts(&mut draw, &mut case);
            draw_context(&mut draw, &mut case);
            case
        })
        .collect()
}

/// Input on either side of a threshold (exactly at one, one past it, or
/// beyond), or small.
fn input_size(draw: &mut Draw, thresholds: &[u64]) -> u64 {
    match (thresholds, draw.below(4)) {
        ([], _) | (_, 0) => 1 + draw.below(50_000),
        (t, 1) => draw.pick(t),
        (t, 2) => draw.pick(t) + 1,
        (t, _) => draw.pick(t) + draw.below(100_000),
    }
}

/// The parts of the input and output, each within what is left of its
/// whole.
fn draw_parts(draw: &mut Draw, case: &mut Case) {
    let input = case.input;
    case.cached = if draw.one_in(2) {
        draw.below(input / 2 + 1)
    } else {
        0
    };
    let mut fresh = input - case.cached;
    if draw.one_in(3) {
        case.written = draw.below(fresh / 2 + 1);
        fresh -= case.written;
    }
    if draw.one_in(6) {
        case.audio_in = draw.below(fresh / 2 + 1);
        fresh -= case.audio_in;
    }
    if draw.one_in(8) {
        case.image_in = draw.below(fresh / 2 + 1);
    }
    case.output = draw.below(20_000);
    if draw.one_in(3) {
        case.reasoning = draw.below(case.output + 1);
    }
    if draw.one_in(8) {
        case.audio_out = draw.below((case.output - case.reasoning) / 2 + 1);
    }
    if draw.one_in(6) {
        case.web_searches = 1 + draw.below(4);
    }
    if draw.one_in(10) {
        case.citations = draw.below(20_000);
    }
}

/// How many requests, and how and when they were sent.
fn draw_context(draw: &mut Draw, case: &mut Case) {
    case.requests = draw.pick(&[1, 1, 1, 2, 7, 1000]);
    if draw.one_in(8) {
        case.batch = true;
    } else if draw.one_in(6) {
        case.tier = Some(draw.pick(&["flex", "priority", "priority", "ultrafast"]));
    }
    if draw.one_in(10) {
        case.region = Some(draw.pick(&["us", "eu"]));
    }
    if draw.one_in(3) {
        case.at = Some(draw.pick(&INSTANTS));
    }
}
