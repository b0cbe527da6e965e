//! Which offers are one model: the same vendor slug, or the same model
//! name once each provider's way of writing it is undone (Bedrock's
//! `anthropic.` vendor prefix and `-v1:0` version, Fireworks'
//! `accounts/fireworks/models/` path, Together's `deepseek-ai/` org, a
//! date suffix, case and separators). `related` lists such offers first
//! and `show` lists them as "Also served by".

use super::lookup::undated;
use super::model::Model;

/// Bedrock vendor prefixes, and what stands for them in the name (a
/// vendor whose model names do not repeat it keeps it: `deepseek.r1`).
const VENDOR_PREFIXES: [(&str, &str); 16] = [
    ("anthropic.", ""),
    ("meta.", ""),
    ("amazon.", ""),
    ("mistral.", ""),
    ("cohere.", ""),
    ("openai.", ""),
    ("google.", ""),
    ("qwen.", ""),
    ("moonshot.", ""),
    ("moonshotai.", ""),
    ("minimax.", ""),
    ("writer.", ""),
    ("zai.", ""),
    ("nvidia.", ""),
    ("ai21.", ""),
    ("deepseek.", "deepseek-"),
];

/// The model's name with each provider's spelling undone: lowercase
/// letters and digits only.
pub fn key(model: &Model) -> String {
    let last = model
        .id
        .rsplit('/')
        .next()
        .unwrap_or(&model.id)
        .to_ascii_lowercase();
    let mut name = last.as_str().to_string();
    if let Some((prefix, stand_in)) = VENDOR_PREFIXES
        .iter()
        .find(|(prefix, _)| name.starts_with(prefix))
    {
        name = format!("{stand_in}{}", &name[prefix.len()..]);
    }
    // Bedrock's `-v1:0` / `-v2` version, Vertex's `@version` and its
    // partner models' `-maas` (model as a service).
    if let Some((head, _)) = name.split_once('@') {
        name = head.to_string();
    }
    if let Some(head) = name.strip_suffix("-maas") {
        name = head.to_string();
    }
    if let Some(at) = name.rfind("-v")
        && name[at + 2..]
            .chars()
            .all(|c| c.is_ascii_digit() || c == ':')
        && name.len() > at + 2
    {
        name.truncate(at);
    }
    if let Some(head) = undated(&name) {
        name = head;
    }
    name.chars().filter(char::is_ascii_alphanumeric).collect()
}

/// Whether two offers are the same model.
pub fn same_model(a: &Model, b: &Model) -> bool {
    same_model_keyed(a, b, &key(a), &key(b))
}

/// [`same_model`] with the models' [`key`]s already worked out.
pub fn same_model_keyed(a: &Model, b: &Model, key_a: &str, key_b: &str) -> bool {
    if let (Some(x), Some(y)) = (&a.slug, &b.slug)
        && x.eq_ignore_ascii_case(y)
    {
        return true;
    }
    // A short key ("r1", "o3") says too little to join providers.
    key_a.len() >= 5 && key_a == key_b
}
