//! How a request is served, where the price depends on it: the endpoint
//! region, the service tier and a search model's context size.

use serde::{Deserialize, Serialize};

/// Where a request is served: the provider's global (standard) endpoint,
/// or a region whose endpoint or data residency is priced apart.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Region {
    /// The global or standard endpoint (the default).
    #[default]
    Global,
    /// United States (Bedrock `us.` profiles, OpenAI US data residency).
    Us,
    /// European Union.
    Eu,
    /// Asia Pacific.
    Apac,
    /// Australia.
    Au,
    /// Japan.
    Jp,
    /// India.
    In,
    /// Canada.
    Ca,
    /// AWS GovCloud (US).
    UsGov,
}

impl Region {
    /// Every region, in order.
    pub const ALL: [Region; 9] = [
        Region::Global,
        Region::Us,
        Region::Eu,
        Region::Apac,
        Region::Au,
        Region::Jp,
        Region::In,
        Region::Ca,
        Region::UsGov,
    ];

    /// The region's name, as ids and flags write it (`us-gov`).
    pub fn as_str(self) -> &'static str {
        match self {
            Region::Global => "global",
            Region::Us => "us",
            Region::Eu => "eu",
            Region::Apac => "apac",
            Region::Au => "au",
            Region::Jp => "jp",
            Region::In => "in",
            Region::Ca => "ca",
            Region::UsGov => "us-gov",
        }
    }

    /// The region `name` names, as [`Region::as_str`] writes it.
    pub fn named(name: &str) -> Option<Region> {
        Region::ALL.into_iter().find(|r| r.as_str() == name)
    }

    /// The region a regional id starts with: a Bedrock inference profile
    /// (`us.anthropic.claude-…`) or an Azure data zone (`eu/gpt-4o`), and
    /// the id without it.
    pub fn of_profile(id: &str) -> Option<(Region, &str)> {
        // Region names are at most 6 bytes (`us-gov`): look no further
        // (`tally` asks this of every log line's model name).
        let at = id.bytes().take(7).position(|b| b == b'.' || b == b'/')?;
        let (prefix, rest) = (&id[..at], &id[at + 1..]);
        let region = Region::named(prefix)?;
        (!rest.is_empty()).then_some((region, rest))
    }
}

/// How much web search context a search model uses per request
/// (Perplexity's `search_context_size`), which sets its request fee.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SearchContext {
    /// The default.
    #[default]
    Low,
    /// Medium.
    Medium,
    /// High.
    High,
}

/// A provider's service tier: the same model served slower and cheaper
/// (flex) or faster and dearer (priority).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ServiceTier {
    /// The standard rates.
    #[default]
    Standard,
    /// OpenAI's flex processing (and equivalents): slower, cheaper.
    Flex,
    /// Priority processing: faster, dearer.
    Priority,
    /// OpenAI's ultrafast processing for the GPT-6 family: fastest, six
    /// times the standard rates.
    Ultrafast,
}

impl ServiceTier {
    /// The tiers with rates of their own.
    pub const OWN_RATES: [ServiceTier; 3] = [
        ServiceTier::Flex,
        ServiceTier::Priority,
        ServiceTier::Ultrafast,
    ];

    /// The tier's name, as logs and flags write it.
    pub fn as_str(self) -> &'static str {
        match self {
            ServiceTier::Standard => "standard",
            ServiceTier::Flex => "flex",
            ServiceTier::Priority => "priority",
            ServiceTier::Ultrafast => "ultrafast",
        }
    }

    /// The tier a log names (`flex`, `priority`, `ultrafast`), if any.
    pub fn named(name: &str) -> Option<ServiceTier> {
        Self::OWN_RATES.into_iter().find(|t| t.as_str() == name)
    }
}
