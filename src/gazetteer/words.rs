//! Words, case and boundaries in running text: what decides whether a span of text found by
//! the matcher is a name at all (whole words, elision, capitalisation).

use std::sync::OnceLock;

use rustc_hash::FxHashSet;
use unicode_normalization::char::is_combining_mark;

/// Lists of words of a rule, looked up by a hash set built on first use: one hash of the word
/// instead of a comparison with each (for lists read at most mentions or capitalised words).
/// Most words asked about have a length or a first byte that no listed word has, and are not
/// hashed.
pub(crate) struct WordSet {
    lists: &'static [&'static [&'static str]],
    table: OnceLock<WordBag<'static>>,
}

/// A set of words with their outline (lengths and first bytes): most words asked about are
/// turned away by the outline without hashing them.
#[derive(Debug, Default)]
pub(crate) struct WordBag<'t> {
    set: FxHashSet<&'t str>,
    outline: WordOutline,
}

impl<'t> WordBag<'t> {
    pub fn insert(&mut self, word: &'t str) {
        self.outline.add(word);
        self.set.insert(word);
    }

    #[inline]
    pub fn contains(&self, word: &str) -> bool {
        self.outline.may_hold(word) && self.set.contains(word)
    }
}

/// The lengths and first bytes that the words of a set have: a word whose length or first byte
/// no word of the set has is not in it, and is turned away without hashing it.
#[derive(Debug, Default, Clone, Copy)]
struct WordOutline {
    /// Bit `n` set when a word has `n` bytes (63: 63 or more).
    lengths: u64,
    /// Bit `b` set when a word starts with byte `b`.
    first_bytes: [u64; 4],
}

impl WordOutline {
    fn add(&mut self, word: &str) {
        self.lengths |= 1 << word.len().min(63);
        if let Some(&b) = word.as_bytes().first() {
            self.first_bytes[usize::from(b >> 6)] |= 1 << (b & 63);
        }
    }

    /// False when no word added has the length and first byte of `word`.
    #[inline]
    fn may_hold(&self, word: &str) -> bool {
        self.lengths & (1 << word.len().min(63)) != 0 && word.as_bytes().first().map_or(true, |&b| self.starts_with(b))
    }

    /// False when no word added starts with byte `b`.
    fn starts_with(&self, b: u8) -> bool {
        self.first_bytes[usize::from(b >> 6)] & (1 << (b & 63)) != 0
    }
}

impl WordSet {
    pub const fn new(lists: &'static [&'static [&'static str]]) -> WordSet {
        WordSet { lists, table: OnceLock::new() }
    }

    pub fn contains(&self, word: &str) -> bool {
        self.table().contains(word)
    }

    /// False when no listed word starts with byte `b`.
    pub fn may_start_with(&self, b: u8) -> bool {
        self.table().outline.starts_with(b)
    }

    fn table(&self) -> &WordBag<'static> {
        self.table.get_or_init(|| {
            let mut bag = WordBag::default();
            self.lists.iter().flat_map(|list| list.iter().copied()).for_each(|w| bag.insert(w));
            bag
        })
    }
}

/// Letters, digits and marks continue a word; so do the joiners of Arabic and Indic scripts.
#[inline]
pub fn is_word_char(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphanumeric(),
        // Latin-1 letters and Latin Extended-A/B: letters but for × and ÷ (the common case
        // of European news, spared the Unicode tables).
        0xC0..=0x24F => c != '×' && c != '÷',
        0x300..=0x36F => true, // combining diacritics
        0x2000..=0x206F => c == '\u{200C}' || c == '\u{200D}', // general punctuation, spaces
        _ => is_word_char_slow(c),
    }
}

fn is_word_char_slow(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c) || c == '\u{200C}' || c == '\u{200D}'
}

/// The runs of word characters of `text` (byte ranges, in order): its words.
#[cfg(test)]
pub(crate) fn word_runs(text: &str) -> Vec<(usize, usize)> {
    let mut runs = WordRuns::default();
    runs.read(text);
    runs.runs
}

/// The runs of word characters of a text (its words), in buffers reused from text to text.
#[derive(Debug, Default)]
pub(crate) struct WordRuns {
    runs: Vec<(usize, usize)>,
    /// Where word characters start and stop being, in order (then read in pairs).
    changes: Vec<usize>,
}

impl WordRuns {
    /// Read the runs of `text` (byte ranges, in order).
    pub fn read(&mut self, text: &str) {
        let bytes = text.as_bytes();
        self.runs.clear();
        // Every character's position is written, kept (the count moves on) only at a change,
        // so that no branch depends on the text but for characters beyond ASCII: a branch
        // at each start and end of a word costs more than the rest. So every entry up to the
        // last one kept is written before it is read, and what the buffer held from the last
        // text needs no clearing (a memset of eight bytes for each byte of the text).
        let changes = &mut self.changes;
        if changes.len() < bytes.len() + 2 {
            changes.resize(bytes.len() + 2, 0);
        }
        let (mut count, mut in_word) = (0usize, 0usize);
        let mut i = 0;
        while i < bytes.len() {
            // Eight ASCII bytes at once: which are word characters, as bits, then the same
            // writes as below, byte by byte.
            if let Some(chunk) = bytes.get(i..i + 8) {
                let v = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
                if v & ASCII_HIGH_BITS == 0 {
                    let words = ascii_alphanumeric_bits(v) as usize;
                    let changed = words ^ ((words << 1) | in_word);
                    for k in 0..8 {
                        changes[count] = i + k;
                        count += (changed >> k) & 1;
                    }
                    in_word = (words >> 7) & 1;
                    i += 8;
                    continue;
                }
            }
            let b = bytes[i];
            let (word, width) = if b < 0x80 {
                (usize::from(b.is_ascii_alphanumeric()), 1)
            } else {
                let c = text[i..].chars().next().unwrap_or(' ');
                (usize::from(is_word_char(c)), c.len_utf8())
            };
            changes[count] = i;
            count += word ^ in_word;
            in_word = word;
            i += width;
        }
        changes[count] = bytes.len();
        count += in_word;
        self.runs.extend(changes[..count].chunks_exact(2).map(|pair| (pair[0], pair[1])));
    }

    pub fn runs(&self) -> &[(usize, usize)] {
        &self.runs
    }

    /// Bytes its buffers hold.
    pub fn capacity_bytes(&self) -> usize {
        self.runs.capacity() * std::mem::size_of::<(usize, usize)>() + self.changes.capacity() * std::mem::size_of::<usize>()
    }
}

pub(crate) use crate::ascii_lanes::HIGH_BITS as ASCII_HIGH_BITS;

/// Eight ASCII bytes (little-endian in `v`): bit k set when byte k is an ASCII letter or digit.
#[inline]
pub(crate) fn ascii_alphanumeric_bits(v: u64) -> u64 {
    use crate::ascii_lanes::{in_range, splat};
    let letters = in_range(v | splat(0x20), b'a', b'z'); // A-Z and a-z alike
    let digits = in_range(v, b'0', b'9');
    // Gather the high bits into the low eight bits (byte k's to bit k).
    ((letters | digits) >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56
}

/// End of the run of ASCII letters and digits starting at byte `from` of `bytes`: eight bytes
/// at a time where they are ASCII.
#[inline]
pub(crate) fn ascii_alphanumeric_end(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let v = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        if v & ASCII_HIGH_BITS != 0 {
            break;
        }
        let run = (!ascii_alphanumeric_bits(v)).trailing_zeros() as usize; // at most 8
        i += run;
        if run < 8 {
            return i;
        }
    }
    while bytes.get(i).is_some_and(u8::is_ascii_alphanumeric) {
        i += 1;
    }
    i
}

/// `word` with its ASCII letters in lower case, on the stack, and its length, if it is at most
/// `N` bytes long (the short words of the rules' lists: function words, determiners).
#[inline]
pub(crate) fn ascii_lowercase_of_short<const N: usize>(word: &str) -> Option<([u8; N], usize)> {
    let mut lower = [0u8; N];
    lower.get_mut(..word.len())?.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    Some((lower, word.len()))
}

/// Byte length of the run of word characters `s` starts with.
#[inline]
pub(crate) fn word_len(s: &str) -> usize {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] < 0x80 {
            if !bytes[i].is_ascii_alphanumeric() {
                return i;
            }
            i += 1;
            continue;
        }
        match s[i..].chars().next() {
            Some(c) if is_word_char(c) => i += c.len_utf8(),
            _ => return i,
        }
    }
    i
}

/// Scripts written without spaces between words, where a name can start or end anywhere.
pub(crate) fn is_unspaced_script(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF      // Thai, Lao
        | 0x1000..=0x109F    // Myanmar
        | 0x1780..=0x17FF    // Khmer
        | 0x3040..=0x30FF    // Hiragana, Katakana
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F) // Han
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '‘' | '`' | '´')
}

/// Words that elide their vowel before a name (French *l'EI*, *d'Idleb*, *qu'Alep*; Italian
/// *dell'Iraq*, *all'Onu*).
const ELIDED: &[&str] = &[
    "l", "d", "j", "n", "s", "c", "m", "t", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu",
    "dell", "all", "dall", "nell", "sull", "coll", "quell", "un", "nessun", "quest",
];

/// The word (run of word chars) ending at byte `end`.
fn word_before(text: &str, end: usize) -> &str {
    let head = &text[..end];
    let start = head.char_indices().rev().take_while(|(_, c)| is_word_char(*c)).last().map_or(end, |(i, _)| i);
    &head[start..]
}

/// Whether a name may start at byte `start` of `text`: not inside a word, except after an
/// elided article or preposition, or in a script without spaces.
pub fn starts_word(text: &str, start: usize) -> bool {
    let Some(prev) = text[..start].chars().next_back() else { return true };
    if is_word_char(prev) {
        return is_unspaced_script(prev) && text[start..].chars().next().is_some_and(is_unspaced_script);
    }
    if is_apostrophe(prev) {
        let word = word_before(text, start - prev.len_utf8());
        return word.is_empty() || ELIDED.iter().any(|e| e.eq_ignore_ascii_case(word));
    }
    true
}

/// Whether a name may end at byte `end` of `text`: not inside a word; an apostrophe after it
/// only as the English possessive (*Trump's*).
pub fn ends_word(text: &str, end: usize) -> bool {
    let mut rest = text[end..].chars();
    let Some(next) = rest.next() else { return true };
    if is_word_char(next) {
        return is_unspaced_script(next) && text[..end].chars().next_back().is_some_and(is_unspaced_script);
    }
    if is_apostrophe(next) {
        return match rest.next() {
            Some(c) if is_word_char(c) => {
                matches!(c, 's' | 'S') && !rest.next().is_some_and(is_word_char)
            }
            _ => true,
        };
    }
    true
}

/// How a name or a span of text uses letter case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Shape {
    /// Has letters with case (Latin, Greek, Cyrillic, Armenian...).
    pub cased: bool,
    /// Its first cased letter is a capital.
    pub first_upper: bool,
    /// Some cased letter is a capital.
    pub any_upper: bool,
    /// At least two cased letters, all capitals (EI, UN, ISIS).
    pub all_caps: bool,
    /// Words of four letters or more that start with a capital (*La Défense*: 1; articles and
    /// particles such as *al-*, *La* left out, their case varies).
    pub capitalised_words: u8,
    /// Starts with a short word (at most three letters) followed by more: an article or a
    /// particle whose case varies (*al-Qaïm* / *Al-Qaïm*, *de Mistura*).
    pub leading_particle: bool,
    /// Has more than one word.
    pub several_words: bool,
}

impl Shape {
    pub fn of(s: &str) -> Shape {
        if s.is_ascii() {
            Shape::of_ascii(s.as_bytes())
        } else {
            Shape::of_any(s)
        }
    }

    /// `Shape::of(s).all_caps`, without the rest for an ASCII text: at least two letters, no
    /// lower-case one.
    pub fn all_caps_of(s: &str) -> bool {
        if !s.is_ascii() {
            return Shape::of(s).all_caps;
        }
        let (mut upper, mut lower) = (0, false);
        for b in s.bytes() {
            upper += usize::from(b.is_ascii_uppercase());
            lower |= b.is_ascii_lowercase();
        }
        upper >= 2 && !lower
    }

    /// `of` in one pass over the bytes of an ASCII text (most spans of news in Latin script).
    fn of_ascii(s: &[u8]) -> Shape {
        let mut shape = Shape::default();
        let (mut words, mut first_len, mut word_len, mut word_capitalised) = (0u32, 0usize, 0usize, false);
        let (mut cased, mut lower) = (0usize, false);
        let mut end_word = |shape: &mut Shape, word_len: usize, capitalised: bool| {
            words += 1;
            if words == 1 {
                first_len = word_len;
            }
            if word_len >= 4 && capitalised {
                shape.capitalised_words = shape.capitalised_words.saturating_add(1);
            }
        };
        for &c in s {
            if !c.is_ascii_alphanumeric() {
                if word_len > 0 {
                    end_word(&mut shape, word_len, word_capitalised);
                }
                word_len = 0;
                continue;
            }
            if word_len == 0 {
                word_capitalised = c.is_ascii_uppercase();
            }
            word_len += 1;
            let (up, low) = (c.is_ascii_uppercase(), c.is_ascii_lowercase());
            if up || low {
                if cased == 0 {
                    shape.first_upper = up;
                }
                cased += 1;
                shape.any_upper |= up;
                lower |= low;
            }
        }
        if word_len > 0 {
            end_word(&mut shape, word_len, word_capitalised);
        }
        shape.leading_particle = words >= 2 && first_len <= 3;
        shape.several_words = words >= 2;
        shape.cased = cased > 0;
        shape.all_caps = cased >= 2 && !lower;
        shape
    }

    fn of_any(s: &str) -> Shape {
        let mut shape = Shape::default();
        let mut cased = 0;
        let mut lower = false;
        let mut words = s.split(|c: char| !is_word_char(c)).filter(|w| !w.is_empty());
        let first = words.next();
        let second = words.next();
        shape.leading_particle = first.is_some_and(|w| w.chars().nth(3).is_none()) && second.is_some();
        shape.several_words = second.is_some();
        for word in s.split(|c: char| !is_word_char(c)) {
            if word.chars().nth(3).is_some() && word.chars().next().is_some_and(char::is_uppercase) {
                shape.capitalised_words = shape.capitalised_words.saturating_add(1);
            }
        }
        for c in s.chars() {
            let (up, low) = (c.is_uppercase(), c.is_lowercase());
            if !(up || low) {
                continue;
            }
            if cased == 0 {
                shape.first_upper = up;
            }
            cased += 1;
            shape.any_upper |= up;
            lower |= low;
        }
        shape.cased = cased > 0;
        shape.all_caps = cased >= 2 && !lower;
        shape
    }

    /// Whether `self` (the text) is written as a proper name may be, for a name of shape
    /// `name`: capitalised where the name is, all capitals for an acronym.
    pub fn fits_name(self, name: Shape) -> bool {
        if !self.cased {
            return true;
        }
        if name.all_caps {
            return self.all_caps;
        }
        if !name.cased {
            return self.first_upper;
        }
        // Every long capitalised word of the name is capitalised in the text (*La guerre* is not
        // *La Guerre*); the text may capitalise more (*Etat Islamique*).
        if !self.all_caps && self.capitalised_words < name.capitalised_words {
            return false;
        }
        // A phrase the data writes in lower case (*armée de l'air russe*) is written so in text.
        let lower_phrase = !name.any_upper && name.several_words;
        self.first_upper || (self.any_upper && (!name.first_upper || self.leading_particle)) || lower_phrase
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_sets_hold_their_words() {
        const SHORT: &[&str] = &["", "a", "said", "März", "Škoda"];
        const LONG: &[&str] = &["a word of sixty-four bytes, longer than the lengths have a bit for"];
        static SET: WordSet = WordSet::new(&[SHORT, LONG]);
        for w in SHORT.iter().chain(LONG) {
            assert!(SET.contains(w), "{w:?}");
        }
        let longer = format!("{}!", LONG[0]);
        for w in ["b", "aa", "Said", "said.", "Mär", "Skoda", "A", "a word", &longer] {
            assert!(!SET.contains(w), "{w:?}");
        }
        assert!(SET.may_start_with(b's') && SET.may_start_with("Š".as_bytes()[0]));
        assert!(!SET.may_start_with(b'S') && !SET.may_start_with(b'b'));
    }

    #[test]
    fn word_chars_fast_path_agrees_with_unicode() {
        for c in (0..0x3000u32).filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), is_word_char_slow(c), "{c:?} U+{:04X}", c as u32);
        }
    }

    #[test]
    fn eight_bytes_at_once_are_the_ascii_letters_and_digits() {
        let mut rng = crate::test_rng::XorShift(0x9e37_79b9_7f4a_7c15);
        for n in 0..100_000u64 {
            let state = rng.next();
            // Every ASCII byte in every position, then random ASCII words.
            let v = if n < 1024 { (n % 128) << (8 * (n / 128)) } else { state & 0x7f7f_7f7f_7f7f_7f7f };
            let expected =
                (0..8).filter(|k| u8::try_from((v >> (8 * k)) & 0xff).unwrap().is_ascii_alphanumeric()).fold(0, |m, k| m | 1 << k);
            assert_eq!(ascii_alphanumeric_bits(v), expected, "{v:#018x}");
        }
    }

    /// `count` texts of up to `most - 1` pieces each, drawn by a xorshift generator from `seed`.
    fn random_texts(pieces: &[&str], seed: u64, count: usize, most: u64) -> Vec<String> {
        let mut rng = crate::test_rng::XorShift(seed);
        (0..count)
            .map(|_| {
                let mut text = String::new();
                for _ in 0..(rng.0 % most) {
                    text.push_str(pieces[(rng.next() % pieces.len() as u64) as usize]);
                }
                rng.0 = rng.0.wrapping_add(0x9e37_79b9);
                text
            })
            .collect()
    }

    #[test]
    fn word_runs_are_the_runs_of_word_characters() {
        let mut texts: Vec<String> = ["", "a", " a ", "l'Aquila, al-Qaïm  北京市 e\u{301}x 9z", "×÷", "ab×cd", "\u{200D}x\u{200C}", "😀a😀"]
            .map(String::from)
            .to_vec();
        // Longer texts, read eight bytes at a time where they are ASCII.
        let pieces = ["word", " ", "Z9", "@[`{", "é", "  ", "x", ".", "0", "北", "\u{301}", "abcdefgh", "-"];
        texts.extend(random_texts(&pieces, 0x2545_f491_4f6c_dd1d, 2000, 30));
        for text in &texts {
            let text = text.as_str();
            let mut expected = Vec::new();
            let mut start = None;
            for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
                match (is_word_char(c) && i < text.len(), start) {
                    (true, None) => start = Some(i),
                    (false, Some(s)) => {
                        expected.push((s, i));
                        start = None;
                    }
                    _ => {}
                }
            }
            assert_eq!(word_runs(text), expected, "{text:?}");
        }
        // One reader for every text, longest first: what an earlier text left in its buffers
        // changes nothing.
        let mut reused = WordRuns::default();
        texts.sort_by_key(|t| std::cmp::Reverse(t.len()));
        for text in &texts {
            reused.read(text);
            assert_eq!(reused.runs(), word_runs(text), "{text:?}");
        }
    }

    #[test]
    fn ascii_alphanumeric_end_is_the_end_of_the_run() {
        let text = "Abou1 Kamal-x, l'Irak2024été aaaaaaaaaaaaaaaaaaaaaa9 z";
        for from in 0..=text.len() {
            let expected = from + text.as_bytes()[from..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
            assert_eq!(ascii_alphanumeric_end(text.as_bytes(), from), expected, "from {from}");
        }
    }

    #[test]
    fn word_len_is_the_first_run() {
        for s in ["", "abc", "abc def", "été-là", "北京 x", "-x", "a\u{301}b c", "×a", "a×"] {
            assert_eq!(word_len(s), s.find(|c: char| !is_word_char(c)).unwrap_or(s.len()), "{s:?}");
        }
    }

    #[test]
    fn boundaries() {
        let t = "la région d'Idleb et l'EI aujourd'hui, Trump's visit";
        let at = |s: &str| t.find(s).unwrap();
        assert!(!starts_word(t, at("gion")));
        assert!(starts_word(t, at("Idleb")));
        assert!(starts_word(t, at("EI")));
        assert!(!starts_word(t, at("hui")));
        assert!(!ends_word(t, at("'hui")));
        assert!(ends_word(t, at("'s visit")));
        assert!(ends_word(t, t.len()));
        assert!(starts_word("北京市", 3) && ends_word("北京市", 6));
    }

    #[test]
    fn ascii_shapes_agree_with_the_general_path() {
        let pieces = ["a", "B", "ab", "Abcd", "ABCD", "abcd", "al", "Al", "de", "x1", "9", "Ei", "EI", " ", "-", "'", "  ", ".", "Q"];
        for text in random_texts(&pieces, 0x1234_5678_9abc_def1, 20_000, 6) {
            assert_eq!(Shape::of_ascii(text.as_bytes()), Shape::of_any(&text), "{text:?}");
            assert_eq!(Shape::all_caps_of(&text), Shape::of_any(&text).all_caps, "{text:?}");
        }
    }

    #[test]
    fn case_shapes() {
        let ei = Shape::of("EI");
        assert!(Shape::of("EI").fits_name(ei));
        assert!(!Shape::of("Ei").fits_name(ei));
        let name = Shape::of("Syrie");
        assert!(Shape::of("Syrie").fits_name(name) && Shape::of("SYRIE").fits_name(name));
        assert!(!Shape::of("syrie").fits_name(name));
        let al = Shape::of("al-Qaïm");
        assert!(Shape::of("al-Qaïm").fits_name(al) && !Shape::of("al-qaïm").fits_name(al));
        assert!(Shape::of("البوكمال").fits_name(Shape::of("Albu Kamal")));
        let defense = Shape::of("La Défense");
        assert!(!Shape::of("La défense").fits_name(defense) && Shape::of("LA DÉFENSE").fits_name(defense));
        assert!(Shape::of("Etat Islamique").fits_name(Shape::of("Etat islamique")));
        assert!(Shape::of("al-Qaïm").fits_name(Shape::of("Al-Qaïm")));
    }
}
