//! How alike two names are, in [0, 1], across transliterations.
//!
//! Both names go through the variant rules of [`crate::variants`] (romanisation, articles,
//! `ou`/`u`, `ch`/`sh`...). Their forms are compared by an edit distance whose costs know
//! transliteration: vowels come and go cheaply (Arabic script writes no short vowels), vowel
//! for vowel is cheap, and the consonant pairs of [`CHEAP_SUBSTITUTIONS`] (German `ch` for
//! kh, Egyptian `g` for j...) cost less than a real change. Equal variant keys lift the score.

use std::sync::OnceLock;

use crate::variants::NameForms;

/// Consonant pairs that transliterations swap, with their cost (a real change costs 1) and
/// an example. In forms, `c` is the sh sound, `x` is kh (see `crate::variants`).
pub const CHEAP_SUBSTITUTIONS: &[(u8, u8, f32, &str)] = &[
    (b'c', b'x', 0.4, "German ch for kh: Chan Scheichun / Khan Shaykhun"),
    (b'j', b'g', 0.4, "Egyptian g for j: Gamal / Jamal"),
    (b'j', b'y', 0.4, "German j for y: Jarmuk / Yarmouk"),
    (b'j', b'x', 0.5, "Spanish j for kh: Jan Sheijun / Khan Shaykhun"),
    (b'x', b'h', 0.5, "kh and h: Khasaka / Hasakah"),
    (b'k', b'g', 0.5, "Gulf g for q: Gatar / Qatar"),
    (b'k', b'x', 0.5, "k for kh: Kirkuk / Khirkuk"),
    (b'c', b's', 0.5, "s for sh: Sam / Sham"),
    (b's', b'z', 0.5, "s and z: Sabadani / Zabadani"),
    (b't', b'd', 0.6, "t and d: Tadmur / Dadmur"),
    (b'b', b'p', 0.5, "Persian p, Arabic b: Pakistan / Bakistan"),
    (b'i', b'y', 0.2, "semi-vowels: Dayr / Deir"),
    (b'u', b'w', 0.2, "semi-vowels: Hawl / Houl"),
    (b'a', b'h', 0.5, "final a / h of ta marbuta"),
];

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

struct Costs {
    indel: [f32; 256],
    substitute: Vec<f32>, // 256 x 256
}

fn costs() -> &'static Costs {
    static COSTS: OnceLock<Costs> = OnceLock::new();
    COSTS.get_or_init(|| {
        let mut indel = [1.0f32; 256];
        for b in [b'a', b'e', b'i', b'o', b'u'] {
            indel[b as usize] = 0.3;
        }
        for b in [b'w', b'y', b'h'] {
            indel[b as usize] = 0.5;
        }
        let mut substitute = vec![1.0f32; 256 * 256];
        for a in 0..256usize {
            substitute[a * 256 + a] = 0.0;
            for b in 0..256usize {
                if a != b && is_vowel(a as u8) && is_vowel(b as u8) {
                    substitute[a * 256 + b] = 0.2;
                }
            }
        }
        for &(a, b, cost, _) in CHEAP_SUBSTITUTIONS {
            substitute[a as usize * 256 + b as usize] = cost;
            substitute[b as usize * 256 + a as usize] = cost;
        }
        Costs { indel, substitute }
    })
}

/// Weighted edit distance between two forms.
fn weighted_distance(a: &[u8], b: &[u8], costs: &Costs) -> f32 {
    let mut row_buf = [0f32; 65];
    let mut heap;
    let row: &mut [f32] = if b.len() < 65 {
        &mut row_buf[..=b.len()]
    } else {
        heap = vec![0f32; b.len() + 1];
        &mut heap
    };
    for j in 1..=b.len() {
        row[j] = row[j - 1] + costs.indel[b[j - 1] as usize];
    }
    for &ca in a {
        let delete_a = costs.indel[ca as usize];
        let sub_row = &costs.substitute[ca as usize * 256..ca as usize * 256 + 256];
        let mut diagonal = row[0];
        row[0] += delete_a;
        for j in 1..=b.len() {
            let cb = b[j - 1];
            let best = (diagonal + sub_row[cb as usize])
                .min(row[j] + delete_a)
                .min(row[j - 1] + costs.indel[cb as usize]);
            diagonal = row[j];
            row[j] = best;
        }
    }
    row[b.len()]
}

fn weight(form: &[u8], costs: &Costs) -> f32 {
    form.iter().map(|&b| costs.indel[b as usize]).sum()
}

/// A name made ready for many comparisons (the work of `similarity` that depends on one side).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PreparedName {
    raw: String,
    forms: NameForms,
}

impl PreparedName {
    pub fn new(s: &str) -> PreparedName {
        PreparedName { raw: s.to_owned(), forms: NameForms::new(s) }
    }

    pub fn key(&self) -> &str {
        &self.forms.key
    }
}

/// Similarity of the two forms' edit distance alone, in [0, 1].
fn form_similarity(a: &[u8], b: &[u8]) -> f64 {
    let costs = costs();
    let denominator = weight(a, costs).max(weight(b, costs));
    if denominator <= 0.0 {
        return 0.0;
    }
    (1.0 - weighted_distance(a, b, costs) / denominator).clamp(0.0, 1.0) as f64
}

/// [`similarity`] of two prepared names.
pub fn similarity_prepared(a: &PreparedName, b: &PreparedName) -> f64 {
    if a.raw == b.raw {
        return 1.0;
    }
    if a.raw.is_empty() || b.raw.is_empty() || a.forms.form.is_empty() || b.forms.form.is_empty() {
        return 0.0;
    }
    let edit = form_similarity(&a.forms.form, &b.forms.form);
    if a.forms.key == b.forms.key {
        KEY_FLOOR + (1.0 - KEY_FLOOR) * edit
    } else {
        OTHER_CEILING * edit
    }
}

/// Score of two names with equal variant keys and nothing else in common.
const KEY_FLOOR: f64 = 0.75;
/// Highest score of two names whose variant keys differ.
const OTHER_CEILING: f64 = 0.9;

/// Similarity of two names in [0, 1]: 1 for equal strings, 0 when one is empty and the other
/// is not, high for transliteration variants (`Boukamal` / `Abu Kamal`).
pub fn similarity(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    similarity_prepared(&PreparedName::new(a), &PreparedName::new(b))
}

/// The `same_name` threshold: calibrated on the GeoNames evaluation of `bench/variants.py`.
pub const DEFAULT_THRESHOLD: f64 = 0.75;

/// Whether two spellings are one name: `similarity(a, b) >= threshold`.
pub fn same_name(a: &str, b: &str, threshold: f64) -> bool {
    similarity(a, b) >= threshold
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_score_high_and_others_low() {
        for (a, b) in [
            ("Boukamal", "Abu Kamal"),
            ("Boukamal", "البوكمال"),
            ("Daech", "Daesh"),
            ("Deir ez-Zor", "Dayr az-Zawr"),
            ("Deir ez-Zor", "دير الزور"),
        ] {
            assert!(same_name(a, b, DEFAULT_THRESHOLD), "{a} / {b}: {}", similarity(a, b));
        }
        for (a, b) in [("Homs", "Hama"), ("Raqqa", "Deraa"), ("Idlib", "Irbid"), ("Boukamal", "Kamal")] {
            assert!(!same_name(a, b, DEFAULT_THRESHOLD), "{a} / {b}: {}", similarity(a, b));
        }
    }

    #[test]
    fn bounds_and_empty_strings() {
        assert_eq!(similarity("", ""), 1.0);
        assert_eq!(similarity("", "a"), 0.0);
        assert_eq!(similarity("a", ""), 0.0);
        assert_eq!(similarity("!!!", "???"), 0.0);
        assert_eq!(similarity("Boukamal", "boukamal"), 1.0);
        for (a, b) in [("a", "zzzzzzzzzzzz"), ("Abu", "Bu"), ("😀", "x"), ("ß", "ss")] {
            let s = similarity(a, b);
            assert!((0.0..=1.0).contains(&s), "{a} / {b}: {s}");
            assert_eq!(s, similarity(b, a));
        }
    }

    #[test]
    fn long_names_use_the_heap_row() {
        let a = "kamal ".repeat(40);
        let b = "kamal ".repeat(39) + "kamil";
        assert!(similarity(&a, &b) > 0.9);
    }

    #[test]
    fn every_cheap_substitution_is_cheaper_than_a_change() {
        for &(a, b, cost, example) in CHEAP_SUBSTITUTIONS {
            assert!(cost < 1.0, "{example}");
            assert_eq!(weighted_distance(&[a], &[b], costs()), cost, "{example}");
        }
    }
}
