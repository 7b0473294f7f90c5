//! Stopwords of each language, from the `stop-words` crate (stopwords-iso lists), folded like
//! gazetteer names so a folded form can be looked up directly. A name that is a stopword of the
//! text's language never matches on its own (French *Les*, *Sur*, *Par*, *Une*, *Des*).

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use crate::normalize::normalize;

/// Languages with stopword lists, each with one bit (at most 64).
fn languages() -> &'static [&'static str] {
    static LANGS: OnceLock<Vec<&'static str>> = OnceLock::new();
    LANGS.get_or_init(|| stop_words::available_languages().iter().copied().take(64).collect())
}

fn table() -> &'static FxHashMap<String, u64> {
    static TABLE: OnceLock<FxHashMap<String, u64>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table: FxHashMap<String, u64> = FxHashMap::default();
        for (bit, lang) in languages().iter().enumerate() {
            for word in stop_words::lookup(lang).unwrap_or(&[]) {
                let folded = normalize(word);
                if !folded.is_empty() {
                    *table.entry(folded).or_insert(0) |= 1 << bit;
                }
            }
        }
        table
    })
}

/// Bit set of the languages whose stopwords include this folded form (0: none).
pub fn languages_of(folded: &str) -> u64 {
    table().get(folded).copied().unwrap_or(0)
}

/// Bit of one language (ISO 639-1 code); `None` when there is no list for it.
pub fn language_bit(code: &str) -> Option<u64> {
    languages().iter().position(|l| *l == code).map(|i| 1 << i)
}

/// Every language at once: what applies when the language of a text is unknown.
pub const ANY_LANGUAGE: u64 = u64::MAX;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_articles_are_french_stopwords() {
        let fr = language_bit("fr").unwrap();
        for word in ["les", "sur", "par", "une", "des", "ont", "mais", "pres"] {
            assert_ne!(languages_of(word) & fr, 0, "{word}");
        }
        assert_eq!(languages_of("boukamal"), 0);
    }
}
