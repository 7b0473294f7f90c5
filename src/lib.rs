//! nomina: language identification, transliteration-aware name matching and gazetteer tagging
//! for multilingual news.
//!
//! The core modules are plain Rust and know nothing of Python; `python` (behind the `python`
//! cargo feature) is the thin PyO3 layer that maturin builds into `nomina._nomina`.

mod ascii_lanes;
pub mod error;
pub mod gazetteer;
pub mod langid;
pub mod normalize;
pub mod parallel;
pub mod similarity;
pub mod text_offsets;
pub mod translit;
pub mod variants;
#[cfg(test)]
mod test_rng;

#[cfg(feature = "python")]
mod python;

pub use error::{NominaError, Result};
