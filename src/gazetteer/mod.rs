//! Gazetteers: entities with every name they go by, built from records, CSV, JSONL or GeoNames
//! dumps, saved in a compact binary format, searched by name (`find`) and run over text
//! (`tag`) with offsets into the original text.

pub mod entity;
pub mod geonames;
pub mod records;

pub use entity::{CaseMode, Entity};
pub use geonames::GeonamesOptions;
