//! Gazetteers: entities with every name they go by, built from records, CSV, JSONL or GeoNames
//! dumps, saved in a compact binary format, searched by name (`find`) and run over text
//! (`tag`) with offsets into the original text.

pub mod build;
pub mod entity;
pub mod find;
pub mod geonames;
pub mod records;
mod common_nouns;
mod longer_names;
mod persons;
mod resolve;
mod reuse;
pub mod stopwords;
pub mod store;
pub mod tag;
mod trie;
pub mod words;

pub use build::Gazetteer;
pub use entity::{CaseMode, Entity};
pub use find::{Candidate, FindOptions};
pub use geonames::GeonamesOptions;
pub use tag::{MatchKind, Mention, TagOptions};

#[cfg(test)]
mod tests;
