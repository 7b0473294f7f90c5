//! How alike two names are, in [0, 1], across transliterations.
//!
//! Both names go through the variant rules of [`crate::variants`] (romanisation, articles,
//! `ou`/`u`, `ch`/`sh`...). Their forms are compared by an edit distance whose costs know
//! transliteration: vowels come and go cheaply (Arabic script writes no short vowels), vowel
//! for vowel is cheap, and the consonant pairs of [`CHEAP_SUBSTITUTIONS`] (German `ch` for
//! kh, Egyptian `g` for j...) cost less than a real change; a final `s` after a vowel, often a
//! nominative ending other languages add (Lithuanian `Setifas`, Latin `Sitifis`), is cheap to
//! drop. The letters of qualifier words (`Sidi`, `Bandar`, `Shahrak`, the `-abad` of Persian
//! names: [`crate::variants::TokenRuleKind::Qualifier`]) weigh [`QUALIFIER_WEIGHT`] of other
//! letters, so `Sidi Aissa` / `Sidi Moussa` differ where the name differs and `Kamalshahr` /
//! `Kamalabad` match. The similarity of the variant keys lifts the score (equal keys score 1
//! there); a name that is some of the words of the other (`Imouzzer` / `Imouzzer du Kandar`,
//! `Benahmed` / `Kasba Ben Ahmed`) scores as a slightly discounted match of those words, unless
//! those words are qualifiers alone (`Bab` / `Bab Bila`).

use std::cell::RefCell;
use std::sync::OnceLock;

use crate::variants::NameForms;

/// Consonant pairs that transliterations swap, with their cost (a real change costs 1) and
/// an example. In forms, `c` is the sh sound, `x` is kh (see `crate::variants`).
pub const CHEAP_SUBSTITUTIONS: &[(u8, u8, f32, &str)] = &[
    (b'c', b'x', 0.4, "German ch for kh: Chan Scheichun / Khan Shaykhun"),
    (b'j', b'g', 0.4, "Egyptian g for j: Gamal / Jamal"),
    (b'j', b'y', 0.3, "German and Russian j for y: Jarmuk / Yarmouk"),
    (b'j', b'i', 0.3, "Russian j for i: Sajda / Saida"),
    (b'j', b'x', 0.5, "Spanish j for kh: Jan Sheijun / Khan Shaykhun"),
    (b'j', b'k', 0.5, "Turkish c (j): Pazarcik / Pazardzhik"),
    (b'j', b's', 0.5, "Turkish c (j) before e, i: Ercis / Erdzhish"),
    (b'x', b'h', 0.3, "kh and h: Meftakh / Meftah"),
    (b'k', b'g', 0.35, "g for q, Turkish g for k: Gatar / Qatar, Manazgerd / Malazkirt"),
    (b'k', b'x', 0.3, "k for kh: Kimisset / Khmissat"),
    (b'c', b's', 0.3, "s for sh, cedilla lost: Qus / Qus, Khusus / Khusus"),
    (b's', b'z', 0.35, "s and z: Tipasa / Tipaza"),
    (b't', b'd', 0.4, "t and d: Dhabat / Dhabad"),
    (b'd', b'z', 0.5, "ض ذ ظ: d in Arabic, z in Persian, Turkish, Urdu: Morteza / Murtada, Ramazan / Ramadan"),
    (b'k', b's', 0.6, "Latin and Greek c: Seleucia / Seleukeia"),
    (b'c', b'k', 0.6, "ch for k in Greek and Latin spellings: Antiochia / Antakya"),
    (b'b', b'p', 0.35, "Persian p, Arabic b: Pergamo / Barghama"),
    (b'f', b'p', 0.5, "Persian p, Arabic f: Parsian / Farsan"),
    (b'w', b'f', 0.5, "v as w or f: Marivan / Marifan"),
    (b'i', b'y', 0.2, "semi-vowels: Dayr / Deir"),
    (b'u', b'w', 0.2, "semi-vowels: Hawl / Houl"),
    (b'a', b'h', 0.5, "final a / h of ta marbuta"),
    (b'T', b't', 0.0, "ta marbuta written t: Maarrat / معرة"),
    (b'S', b's', 0.0, "final s, maybe a nominative ending: Kilisas / Kilis (see crate::variants)"),
];

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Letter classes of the cost tables: forms hold ASCII letters and digits only, so 64 classes
/// (a-z, A-Z, 0-9, one for anything else) keep the tables small enough for the L1 cache.
const CLASSES: usize = 64;

fn class_of(b: u8) -> u8 {
    match b {
        b'a'..=b'z' => b - b'a',
        b'A'..=b'Z' => 26 + b - b'A',
        b'0'..=b'9' => 52 + b - b'0',
        _ => 62,
    }
}

/// Costs are whole numbers of [`COST_UNIT`]ths: exact sums, and an edit-distance loop of
/// integer adds and minima (a float add and minimum per cell cost twice as many cycles on the
/// loop's dependency chain).
const COST_UNIT: f32 = 10_000.0;

fn units(cost: f32) -> u32 {
    (cost * COST_UNIT).round() as u32
}

struct Costs {
    class: [u8; 256],
    /// The smallest insertion or deletion cost.
    cheapest_indel: u32,
    indel: [u32; CLASSES],
    substitute: [[u32; CLASSES]; CLASSES],
}

fn costs() -> &'static Costs {
    static COSTS: OnceLock<Costs> = OnceLock::new();
    COSTS.get_or_init(|| {
        let mut indel = [1.0f32; 256];
        for b in [b'a', b'e', b'i', b'o', b'u'] {
            indel[b as usize] = 0.3;
        }
        // w and y left in forms are consonants or diphthongs (Daraya, Dayr); h is a
        // consonant (the silent final h is gone).
        for b in [b'w', b'y'] {
            indel[b as usize] = 0.7;
        }
        indel[b'h' as usize] = 0.8;
        indel[b'T' as usize] = 0.3;
        // A final s after a vowel comes and goes with the nominative endings of Lithuanian,
        // Greek and Latin (Setifas, Sitifis / Setif).
        indel[b'S' as usize] = 0.4;
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
        let class: [u8; 256] = std::array::from_fn(|b| class_of(b as u8));
        let cheapest_indel = indel.iter().map(|&c| units(c)).min().unwrap_or(0);
        let one = units(1.0);
        let mut costs = Costs { class, cheapest_indel, indel: [one; CLASSES], substitute: [[one; CLASSES]; CLASSES] };
        // Later bytes of a class overwrite earlier ones: the letters and digits are the last
        // (and only) bytes of their classes.
        for a in 0..256usize {
            costs.indel[class[a] as usize] = units(indel[a]);
            for b in 0..256usize {
                costs.substitute[class[a] as usize][class[b] as usize] = units(substitute[a * 256 + b]);
            }
        }
        costs
    })
}

/// Weighted edit distance between two forms, in cost units. The row and the classes of `b`
/// sit in stack arrays sized to `b` (zeroing a 64-letter row for a 10-letter form cost more
/// than a tenth of a short pair's time), on the heap for the rare very long form.
fn weighted_distance(a: &[u8], b: &[u8], costs: &Costs) -> u64 {
    match b.len() {
        0..=15 => weighted_distance_in::<16>(a, b, costs),
        16..=31 => weighted_distance_in::<32>(a, b, costs),
        32..=63 => weighted_distance_in::<64>(a, b, costs),
        _ => distance_rows(a, b, &mut vec![0u64; b.len() + 1], &mut vec![0u8; b.len()], costs),
    }
}

/// [`weighted_distance`] with buffers of `N` cells (`b.len() < N`).
#[inline(always)]
fn weighted_distance_in<const N: usize>(a: &[u8], b: &[u8], costs: &Costs) -> u64 {
    let (mut row, mut b_classes) = ([0u64; N], [0u8; N]);
    distance_rows(a, b, &mut row[..=b.len()], &mut b_classes[..b.len()], costs)
}

/// [`weighted_distance`] in the given row (`b.len() + 1` cells) and class buffer (`b.len()`).
#[inline(always)]
fn distance_rows(a: &[u8], b: &[u8], row: &mut [u64], b_classes: &mut [u8], costs: &Costs) -> u64 {
    // The classes of b, looked up once.
    for (slot, &cb) in b_classes.iter_mut().zip(b) {
        *slot = costs.class[cb as usize];
    }
    row[0] = 0;
    for j in 1..=b.len() {
        row[j] = row[j - 1] + costs.indel[b_classes[j - 1] as usize % CLASSES] as u64;
    }
    let (first, rest) = row.split_first_mut().expect("row has b.len() + 1 cells");
    for &ca in a {
        let ca = costs.class[ca as usize] as usize % CLASSES;
        let delete_a = costs.indel[ca] as u64;
        let sub_row = &costs.substitute[ca];
        let mut diagonal = *first;
        *first += delete_a;
        let mut left = *first;
        for (cell, &cb) in rest.iter_mut().zip(b_classes.iter()) {
            let cb = cb as usize % CLASSES; // classes are below CLASSES: no bounds check
            let up = *cell;
            let best = (diagonal + sub_row[cb] as u64).min(up + delete_a).min(left + costs.indel[cb] as u64);
            diagonal = up;
            *cell = best;
            left = best;
        }
    }
    rest.last().copied().unwrap_or(*first)
}

fn weight(form: &[u8], costs: &Costs) -> u64 {
    form.iter().map(|&b| costs.indel[costs.class[b as usize] as usize] as u64).sum()
}

/// How much the letters of a qualifier (`Sidi`, `Bandar`, `-abad`: see
/// [`crate::variants::TokenRuleKind::Qualifier`]) weigh against other letters. Fitted on the
/// calibration half of `bench/variants.py` (grid 0.1 to 0.5; 1 would be no qualifier rule).
pub const QUALIFIER_WEIGHT: f32 = 0.2;

/// The cost units of a qualifier letter's cost of one unit: [`QUALIFIER_WEIGHT`] in units.
fn light_units(cost: u32) -> u64 {
    cost as u64 * (QUALIFIER_WEIGHT * COST_UNIT).round() as u64 / COST_UNIT as u64
}

/// Whether each letter of a form lies in a qualifier (`light`), into `buf` or `heap`.
fn light_letters<'a>(len: usize, light: &[(usize, usize)], buf: &'a mut [bool; 64], heap: &'a mut Vec<bool>) -> &'a [bool] {
    let flags: &mut [bool] = if len <= 64 {
        &mut buf[..len]
    } else {
        heap.resize(len, false);
        &mut heap[..]
    };
    flags.fill(false);
    for &(start, end) in light {
        flags[start.min(len)..end.min(len)].fill(true);
    }
    flags
}

/// [`weighted_distance`] with the letters of qualifiers weighing [`QUALIFIER_WEIGHT`]: their
/// insertions and deletions, and substitutions of one qualifier letter for another, cost that
/// share of their cost (a substitution with another letter costs in full).
fn weighted_distance_light(a: &[u8], la: &[bool], b: &[u8], lb: &[bool], costs: &Costs) -> u64 {
    match b.len() {
        0..=15 => weighted_distance_light_in::<16>(a, la, b, lb, costs),
        16..=31 => weighted_distance_light_in::<32>(a, la, b, lb, costs),
        32..=63 => weighted_distance_light_in::<64>(a, la, b, lb, costs),
        _ => light_distance_rows(a, la, b, lb, &mut vec![0u64; b.len() + 1], &mut vec![0u64; b.len()], costs),
    }
}

/// [`weighted_distance_light`] with buffers of `N` cells (`b.len() < N`).
#[inline(always)]
fn weighted_distance_light_in<const N: usize>(a: &[u8], la: &[bool], b: &[u8], lb: &[bool], costs: &Costs) -> u64 {
    let (mut row, mut insert_b) = ([0u64; N], [0u64; N]);
    light_distance_rows(a, la, b, lb, &mut row[..=b.len()], &mut insert_b[..b.len()], costs)
}

/// [`weighted_distance_light`] in the given row (`b.len() + 1` cells) and insertion costs
/// buffer (`b.len()`).
#[inline(always)]
fn light_distance_rows(
    a: &[u8],
    la: &[bool],
    b: &[u8],
    lb: &[bool],
    row: &mut [u64],
    insert_b: &mut [u64],
    costs: &Costs,
) -> u64 {
    let indel = |c: u8, light: bool| {
        let cost = costs.indel[costs.class[c as usize] as usize % CLASSES];
        if light {
            light_units(cost)
        } else {
            cost as u64
        }
    };
    for ((slot, &c), &light) in insert_b.iter_mut().zip(b).zip(lb) {
        *slot = indel(c, light);
    }
    row[0] = 0;
    for j in 1..=b.len() {
        row[j] = row[j - 1] + insert_b[j - 1];
    }
    let insert_b = &*insert_b;
    let (first, rest) = row.split_first_mut().expect("row has b.len() + 1 cells");
    for (&ca, &light_a) in a.iter().zip(la) {
        let delete_a = indel(ca, light_a);
        let sub_row = &costs.substitute[costs.class[ca as usize] as usize % CLASSES];
        let mut diagonal = *first;
        *first += delete_a;
        let mut left = *first;
        for (((cell, &cb), &light_b), &insert) in rest.iter_mut().zip(b).zip(lb).zip(insert_b) {
            let cost = sub_row[costs.class[cb as usize] as usize % CLASSES];
            let substitute = if light_a && light_b { light_units(cost) } else { cost as u64 };
            let up = *cell;
            let best = (diagonal + substitute).min(up + delete_a).min(left + insert);
            diagonal = up;
            *cell = best;
            left = best;
        }
    }
    rest.last().copied().unwrap_or(*first)
}

/// `1 - distance / denominator` in [0, 1] (0 when the denominator is 0).
fn ratio(distance: u64, denominator: u64) -> f64 {
    if denominator == 0 {
        return 0.0;
    }
    (1.0 - distance as f64 / denominator as f64).clamp(0.0, 1.0)
}

/// [`form_similarity`] of two whole forms, their qualifier letters weighing
/// [`QUALIFIER_WEIGHT`].
fn whole_similarity(a: &NameForms, b: &NameForms) -> f64 {
    if a.light.is_empty() && b.light.is_empty() {
        return form_similarity(&a.form, &b.form);
    }
    let costs = costs();
    let (mut buf_a, mut buf_b) = ([false; 64], [false; 64]);
    let (mut heap_a, mut heap_b) = (Vec::new(), Vec::new());
    let la = light_letters(a.form.len(), &a.light, &mut buf_a, &mut heap_a);
    let lb = light_letters(b.form.len(), &b.light, &mut buf_b, &mut heap_b);
    let light_weight = |form: &[u8], light: &[bool]| -> u64 {
        form.iter()
            .zip(light)
            .map(|(&c, &l)| {
                let cost = costs.indel[costs.class[c as usize] as usize % CLASSES];
                if l {
                    light_units(cost)
                } else {
                    cost as u64
                }
            })
            .sum()
    };
    let denominator = light_weight(&a.form, la).max(light_weight(&b.form, lb));
    if denominator == 0 {
        return 0.0;
    }
    ratio(weighted_distance_light(&a.form, la, &b.form, lb, costs), denominator)
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
    if denominator == 0 {
        return 0.0;
    }
    ratio(weighted_distance(a, b, costs), denominator)
}

/// [`form_similarity`] when it may exceed `floor`, else some value no greater than `floor`
/// (the DP skipped): every insertion or deletion costs at least the cheapest indel, so forms
/// whose lengths differ by n are at least n such costs apart.
fn form_similarity_above(a: &[u8], b: &[u8], floor: f64) -> f64 {
    let costs = costs();
    let denominator = weight(a, costs).max(weight(b, costs));
    if denominator == 0 {
        return 0.0;
    }
    let fewest = a.len().abs_diff(b.len()) as u64 * costs.cheapest_indel as u64;
    if ratio(fewest, denominator) < floor {
        return 0.0; // no greater than the similarity's bound, so no greater than floor
    }
    ratio(weighted_distance(a, b, costs), denominator)
}

/// Forms of the words that make a new name of the next (Abu, Ibn/Ben, Abd, Umm/Oum).
const KINSHIP_FORMS: &[&[u8]] = &[b"bu", b"bn", b"abd", b"um", b"ab"];

/// Most words of a name whose runs of words [`partial_similarity`] tries one by one; a longer
/// name is tried on runs of as many words as the other name has.
const MAX_RUN_WORDS: usize = 12;

/// Best form similarity of one name against a run of some (not all) of the other's words
/// (`Imouzzer` in `Imouzzer du Kandar`, `Benahmed` in `Kasba Ben Ahmed`), either way round;
/// 0 when both names are one word.
///
/// Runs that cannot beat `floor` nor the best run so far may be skipped (the result is then
/// exact whenever it exceeds `floor`).
fn partial_similarity(a: &NameForms, b: &NameForms, floor: f64) -> f64 {
    let mut best = 0.0f64;
    for (short, long) in [(a, b), (b, a)] {
        let m = long.word_starts.len();
        if m < 2 || short.form.is_empty() {
            continue;
        }
        let k = short.word_starts.len();
        for i in 0..m {
            // Abu X, Ibn X, Umm X are other names than X (Bu Sada is not Saida).
            if i > 0 && KINSHIP_FORMS.contains(&&long.form[long.word_starts[i - 1]..long.word_starts[i]]) {
                continue;
            }
            let start = long.word_starts[i];
            for j in i + 1..=m {
                if (i == 0 && j == m) || (m > MAX_RUN_WORDS && j - i != k) {
                    continue;
                }
                let end = long.word_starts.get(j).copied().unwrap_or(long.form.len());
                // A run of qualifiers alone (`Bab` of `Bab Bila`, `Ras` of `Ras el Oued`) says
                // what kind of place, not which.
                if long.light.iter().any(|&(s, e)| s <= start && end <= e) {
                    continue;
                }
                best = best.max(form_similarity_above(&short.form, &long.form[start..end], best.max(floor)));
            }
        }
    }
    best
}

/// The evidence `similarity` combines: similarity of the forms, of the keys, key equality,
/// and the partial similarity of multi-word names. Exposed for calibration
/// (`bench/variants.py`).
pub fn similarity_parts(a: &PreparedName, b: &PreparedName) -> [f64; 4] {
    parts(&a.forms, &b.forms)
}

fn parts(a: &NameForms, b: &NameForms) -> [f64; 4] {
    let [edit, keys, equal] = whole_parts(a, b);
    [edit, keys, equal, partial_similarity(a, b, f64::NEG_INFINITY)]
}

/// The form similarity, key similarity and key equality of two names.
fn whole_parts(a: &NameForms, b: &NameForms) -> [f64; 3] {
    let edit = whole_similarity(a, b);
    let equal = if a.key == b.key && !a.key.is_empty() { 1.0 } else { 0.0 };
    let keys = if equal == 1.0 { 1.0 } else { form_similarity(a.key.as_bytes(), b.key.as_bytes()) };
    [edit, keys, equal]
}

/// [`similarity`] of two prepared names.
pub fn similarity_prepared(a: &PreparedName, b: &PreparedName) -> f64 {
    if a.raw == b.raw {
        return 1.0;
    }
    if a.raw.is_empty() || b.raw.is_empty() {
        return 0.0;
    }
    forms_similarity(&a.forms, &b.forms)
}

/// [`similarity`] of the forms of two different, non-empty names.
fn forms_similarity(a: &NameForms, b: &NameForms) -> f64 {
    if a.form.is_empty() || b.form.is_empty() {
        return 0.0;
    }
    if a.form == b.form {
        return 1.0;
    }
    let [edit, keys, equal] = whole_parts(a, b);
    let whole = WEIGHTS[0] * edit + WEIGHTS[1] * keys + WEIGHTS[2] * equal;
    // A partial match only counts when its weighted score beats the whole one: runs that
    // cannot are skipped (the margin keeps the skip exact under rounding).
    let floor = whole / PARTIAL_WEIGHT - 1e-9;
    if floor >= 1.0 {
        return whole.clamp(0.0, 1.0);
    }
    whole.max(PARTIAL_WEIGHT * partial_similarity(a, b, floor)).clamp(0.0, 1.0)
}

/// Weights of the form similarity, the key similarity and key equality. Fitted with the
/// threshold on the calibration half of `bench/variants.py` (grid of 0.05 steps, best F1):
/// the form carries most of the evidence, keys break ties between close forms; equal keys
/// add nothing beyond a key similarity of 1 (fitted weight 0).
const WEIGHTS: [f64; 3] = [0.9, 0.1, 0.0];
/// Weight of a partial match (one name is some of the words of the other), fitted likewise.
const PARTIAL_WEIGHT: f64 = 0.95;

/// Similarity of two names in [0, 1]: 1 for equal strings, 0 when one is empty and the other
/// is not, high for transliteration variants (`Boukamal` / `Abu Kamal`).
pub fn similarity(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    // Both names prepared into per-thread buffers (no allocation once they have grown); a name
    // equal to the previous call's on its side is not prepared again (one query against many
    // names, as in a lookup).
    #[derive(Default)]
    struct Last {
        a: String,
        forms_a: NameForms,
        b: String,
        forms_b: NameForms,
    }
    fn refill(last: &mut String, forms: &mut NameForms, s: &str) {
        if last != s {
            forms.fill(s);
            last.clear();
            last.push_str(s);
        }
    }
    thread_local! {
        static LAST: RefCell<Last> = RefCell::new(Last::default());
    }
    LAST.with(|last| match last.try_borrow_mut() {
        Ok(mut last) => {
            let Last { a: last_a, forms_a, b: last_b, forms_b } = &mut *last;
            refill(last_a, forms_a, a);
            refill(last_b, forms_b, b);
            let similarity = forms_similarity(forms_a, forms_b);
            // A very long name does not keep its buffers alive in every thread.
            if a.len() > 4096 || b.len() > 4096 {
                *last = Last::default();
            }
            similarity
        }
        Err(_) => forms_similarity(&NameForms::new(a), &NameForms::new(b)),
    })
}

/// The `same_name` threshold: the best-F1 threshold on the calibration half of the GeoNames
/// evaluation of `bench/variants.py` (0.688), rounded.
pub const DEFAULT_THRESHOLD: f64 = 0.69;

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
        for (a, b) in [("Homs", "Hama"), ("Raqqa", "Deraa"), ("Idlib", "Irbid"), ("Boukamal", "Kamaliya")] {
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
    fn partial_names_match_their_words() {
        assert!(same_name("Imouzzer", "Imouzzer du Kandar", DEFAULT_THRESHOLD));
        assert!(similarity("Imouzzer", "Imouzzer du Kandar") < similarity("Imouzzer", "Immouzer"));
        let forms = NameForms::new("Deir ez-Zor Kandar");
        assert_eq!(forms.word_starts, vec![0, 3, 6]);
        assert_eq!(partial_similarity(&NameForms::new("a"), &NameForms::new("b"), f64::NEG_INFINITY), 0.0);
    }

    #[test]
    fn scalar_similarity_agrees_with_prepared_in_any_call_order() {
        let names = ["Boukamal", "Abu Kamal", "Homs", "Hims", "البوكمال", "Deir ez-Zor", "Homs", "", "x"];
        let prepared: Vec<PreparedName> = names.iter().map(|n| PreparedName::new(n)).collect();
        for (i, a) in names.iter().enumerate() {
            for (j, b) in names.iter().enumerate() {
                assert_eq!(similarity(a, b), similarity_prepared(&prepared[i], &prepared[j]), "{a} / {b}");
            }
        }
        for (j, b) in names.iter().enumerate().rev() {
            assert_eq!(similarity("Homs", b), similarity_prepared(&prepared[2], &prepared[j]), "Homs / {b}");
        }
    }

    #[test]
    fn very_long_names_then_short_ones() {
        let long = "kamal ".repeat(1000);
        assert_eq!(similarity(&long, &(long.clone() + "x")), similarity_prepared(&PreparedName::new(&long), &PreparedName::new(&(long.clone() + "x"))));
        assert!(!crate::variants::variant_key(&long).is_empty());
        assert!(same_name("Boukamal", "Abu Kamal", DEFAULT_THRESHOLD));
        assert_eq!(crate::variants::variant_key("Boukamal"), "bkml");
    }

    #[test]
    fn long_names_use_the_heap_row() {
        let a = "kamal ".repeat(40);
        let b = "kamal ".repeat(39) + "kamil";
        assert!(similarity(&a, &b) > 0.9);
    }

    #[test]
    fn skipping_partial_runs_changes_no_score() {
        let golden = include_str!("../tests/data/name_variants.tsv");
        let mut names: Vec<&str> =
            golden.lines().filter(|l| !l.starts_with('#')).flat_map(|l| l.split('\t').skip(1)).collect();
        names.extend(["Sidi Bel Abbes", "Bel Abbes", "Kasba Ben Ahmed", "Benahmed", "Bab Bila", "Qal'eh-ye Marivan"]);
        let forms: Vec<NameForms> = names.iter().map(|n| NameForms::new(n)).collect();
        for a in &forms {
            for b in &forms {
                if a.form.is_empty() || b.form.is_empty() || a.form == b.form {
                    continue;
                }
                let [edit, keys, equal, partial] = parts(a, b);
                let unpruned = (WEIGHTS[0] * edit + WEIGHTS[1] * keys + WEIGHTS[2] * equal).max(PARTIAL_WEIGHT * partial).clamp(0.0, 1.0);
                assert_eq!(forms_similarity(a, b), unpruned, "{:?} / {:?}", a.form, b.form);
            }
        }
    }

    #[test]
    fn every_cheap_substitution_is_cheaper_than_a_change() {
        for &(a, b, cost, example) in CHEAP_SUBSTITUTIONS {
            assert!((0.0..1.0).contains(&cost), "{example}");
            assert_eq!(weighted_distance(&[a], &[b], costs()), units(cost) as u64, "{example}");
        }
    }
}
