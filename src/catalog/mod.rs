//! The model catalog: its types, how it is found, read, checked, searched and
//! built from public sources.

pub mod build;
pub mod cache;
pub mod copies;
pub mod evidence;
pub mod export;
pub mod filter;
pub mod fuzzy;
pub mod gaps;
pub mod history;
pub mod identity;
pub mod import;
pub mod lifecycle;
pub mod load;
pub mod lookup;
pub mod model;
pub mod modes;
pub mod overlay;
pub mod overrides;
pub mod price_kinds;
pub mod prices;
pub(crate) mod sources;
pub mod update;
pub mod validate;
pub mod witness;
