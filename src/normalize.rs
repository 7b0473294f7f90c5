//! The folded form of names and texts used for exact matching, and a map from every character
//! of that form back to the source text (the gazetteer tagger matches in folded text and must
//! report exact ranges of the original).
//!
//! Folding, in order, per *unit* (a character with the combining marks that follow it):
//! - apostrophes and transliteration marks (`' ’ ‘ ʿ ʾ ʼ ʻ ` ´ ′`) become `'`; hyphens and
//!   dashes (`‐ ‑ ‒ – — ― − ﹣ －`...) become `-`;
//! - NFKD, full Unicode case folding (`ß`→`ss`, `ς`→`σ`, Cherokee), NFKD again;
//! - diacritics removed: Latin/Greek/Cyrillic combining marks (`é`→`e`, `ḩ`→`h`), Arabic
//!   harakat and Quranic marks, Hebrew points, variation selectors; the Cyrillic breve stays
//!   (`й`, `ў` are letters of their own);
//! - NFC again, so what is left of the unit is composed (Hangul, Indic vowel signs);
//! - Arabic tatweel, controls and invisible format characters (RLM, ZWJ, BOM, soft hyphen)
//!   removed; every run of whitespace becomes one space, none at either end.
//!
//! Composition happens inside a unit only: two source characters never merge into one output
//! character, which is what lets every output character point at one source range.

use std::ops::Range;
use std::sync::OnceLock;

use unicode_normalization::char::{decompose_compatible, is_combining_mark};
use unicode_normalization::UnicodeNormalization;

/// The folded form of `s` used for exact matching (see the module documentation).
///
/// `normalize("Al-Qaïm")` is `"al-qaim"`, `normalize("Straße  ʿAfrīn")` is `"strasse 'afrin"`.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    normalize_into(s, &mut out);
    out
}

/// [`normalize`] into a reused buffer (cleared first).
pub fn normalize_into(s: &str, out: &mut String) {
    out.clear();
    if s.is_ascii() {
        return fold_ascii(s.as_bytes(), out);
    }
    fold(s, &mut FoldedString(out));
}

/// Where folded characters go, with the source byte range each comes from.
trait FoldSink {
    fn push(&mut self, c: char, src: Range<usize>);

    /// `ascii` (printable ASCII but the grave accent), lower-cased: each byte from the source
    /// byte at the same distance from `src_start`.
    fn push_plain_ascii(&mut self, ascii: &str, src_start: usize) {
        for (k, &b) in ascii.as_bytes().iter().enumerate() {
            self.push(char::from(b.to_ascii_lowercase()), src_start + k..src_start + k + 1);
        }
    }
}

/// `ascii` (ASCII), lower-cased, appended to `out` (a copy and an in-place pass, both over
/// whole words of memory, rather than a push per character).
#[inline]
fn push_ascii_lowercase(out: &mut String, ascii: &str) {
    let start = out.len();
    out.push_str(ascii);
    out[start..].make_ascii_lowercase();
}

/// The folded text alone.
struct FoldedString<'a>(&'a mut String);

impl FoldSink for FoldedString<'_> {
    #[inline]
    fn push(&mut self, c: char, _: Range<usize>) {
        self.0.push(c);
    }

    fn push_plain_ascii(&mut self, ascii: &str, _: usize) {
        push_ascii_lowercase(self.0, ascii);
    }
}

/// A calling closure, for tests.
#[cfg(test)]
struct FoldClosure<F: FnMut(char, Range<usize>)>(F);

#[cfg(test)]
impl<F: FnMut(char, Range<usize>)> FoldSink for FoldClosure<F> {
    fn push(&mut self, c: char, src: Range<usize>) {
        (self.0)(c, src)
    }
}

/// What [`fold`] does to ASCII text, without source ranges: lowercase, whitespace runs to one
/// space (none at the ends), controls dropped, the grave accent to `'`.
fn fold_ascii(s: &[u8], out: &mut String) {
    let mut pending_space = false;
    for &b in s {
        match b {
            b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ' => pending_space = true,
            0..=8 | 0x0E..=0x1F | 0x7F => {}
            _ => {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.push(match b {
                    b'`' => '\'',
                    _ => b.to_ascii_lowercase() as char,
                });
            }
        }
    }
}

/// A folded text with, for every character of `text`, the byte range of the source text it
/// comes from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NormalizedText {
    /// The folded text, equal to `normalize(source)`.
    pub text: String,
    /// Where `text` comes from, stretch by stretch, in order: most of a text is one-byte
    /// characters each from the next source byte, held as one stretch rather than one entry
    /// per character.
    segments: Vec<Segment>,
    /// For each byte of `text` and one past its end: `SOURCE_*` bits of the character starting
    /// there (0 inside a character and at the end).
    source_facts: Vec<u8>,
    /// End of the last character's source range.
    last_source_end: usize,
}

/// A stretch of a folded text starting at byte `out`: a run of one-byte characters, each from
/// the one source byte at the same distance from `src` (`src..src_end` in all), or one
/// character from source bytes `src..src_end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Segment {
    out: usize,
    src: usize,
    src_end: usize,
    run: bool,
}

impl Segment {
    /// Source range of the character starting at byte `at` of the folded text (in this segment).
    #[inline]
    fn source_of(&self, at: usize) -> Range<usize> {
        if self.run {
            let src = self.src + (at - self.out);
            src..src + 1
        } else {
            self.src..self.src_end
        }
    }
}

/// `NormalizedText::source_facts` bits: the source of a character starts with an ASCII
/// lower-case letter;
pub const SOURCE_LOWER: u8 = 1;
/// it is one ASCII character, the same as the folded one;
pub const SOURCE_SAME: u8 = 2;
/// it follows the previous character's source with nothing folded away between them.
pub const SOURCE_JOINED: u8 = 4;

impl NormalizedText {
    /// The facts of a character from source byte range `start..end` (`source` the source
    /// text, `c` the folded character).
    #[inline]
    fn facts_of(&self, source: &[u8], c: char, start: usize, end: usize) -> u8 {
        let mut facts = 0;
        if source.get(start).is_some_and(u8::is_ascii_lowercase) {
            facts |= SOURCE_LOWER;
        }
        if end == start + 1 && c.is_ascii() && source.get(start) == Some(&(c as u8)) {
            facts |= SOURCE_SAME;
        }
        if start == self.last_source_end && !self.segments.is_empty() {
            facts |= SOURCE_JOINED;
        }
        facts
    }
}

/// Folds into a `NormalizedText`, reading the source for its facts.
struct WithOffsets<'a> {
    source: &'a [u8],
    out: NormalizedText,
}

impl FoldSink for WithOffsets<'_> {
    #[inline]
    fn push(&mut self, c: char, src: Range<usize>) {
        let out = &mut self.out;
        let facts = out.facts_of(self.source, c, src.start, src.end);
        if c.len_utf8() == 1 && src.end == src.start + 1 {
            out.extend_run(src.start, 1);
        } else {
            out.segments.push(Segment { out: out.text.len(), src: src.start, src_end: src.end, run: false });
        }
        out.source_facts.push(facts);
        out.source_facts.extend(std::iter::repeat(0).take(c.len_utf8() - 1));
        out.last_source_end = src.end;
        out.text.push(c);
    }

    fn push_plain_ascii(&mut self, ascii: &str, src_start: usize) {
        let Some(&first) = ascii.as_bytes().first() else { return };
        let out = &mut self.out;
        let first_facts = out.facts_of(self.source, char::from(first.to_ascii_lowercase()), src_start, src_start + 1);
        out.extend_run(src_start, ascii.len());
        push_ascii_lowercase(&mut out.text, ascii);
        out.source_facts.push(first_facts);
        // Each byte of the run is its own source byte, right after the previous one.
        out.source_facts.extend(ascii.as_bytes()[1..].iter().map(|&b| {
            let lower = if b.is_ascii_lowercase() { SOURCE_LOWER } else { 0 };
            let same = if b.is_ascii_uppercase() { 0 } else { SOURCE_SAME };
            lower | same | SOURCE_JOINED
        }));
        out.last_source_end = src_start + ascii.len();
    }
}

impl NormalizedText {
    /// Record `len` one-byte characters about to be appended, from source bytes `src..`: the
    /// last run goes on if they follow it in the source.
    #[inline]
    fn extend_run(&mut self, src: usize, len: usize) {
        match self.segments.last_mut() {
            Some(last) if last.run && last.src_end == src => last.src_end += len,
            _ => self.segments.push(Segment { out: self.text.len(), src, src_end: src + len, run: true }),
        }
    }

    /// The segment holding byte `at` of the folded text (`at` < its length).
    #[inline]
    fn segment_at(&self, at: usize) -> &Segment {
        &self.segments[self.segments.partition_point(|s| s.out <= at) - 1]
    }

    /// Byte range in the ORIGINAL text covered by the normalized byte range `start..end`.
    ///
    /// The range runs from the source start of the output character holding `start` to the
    /// source end of the output character holding `end - 1`, so a match on part of an
    /// expansion (`ss` of `ß`) covers the whole source character, and combining marks that
    /// folding removed stay inside the range of the letter they sit on. An empty range maps to
    /// an empty range at the corresponding source position. Out-of-range or mid-character
    /// offsets are clamped or rounded down to a character start; this never panics.
    pub fn source_range(&self, start: usize, end: usize) -> Range<usize> {
        let Some(last) = self.segments.last() else { return 0..0 };
        let len = self.text.len();
        let start = start.min(len);
        let end = end.clamp(start, len);
        if start == end {
            // The source start of the character holding `start`, or the end of the last one.
            let at = if start < len { self.segment_at(start).source_of(start).start } else { last.src_end };
            return at..at;
        }
        // The characters holding `start` and `end - 1` (in a run, each byte is a character).
        let source_start = self.segment_at(start).source_of(start).start;
        let source_end = self.segment_at(end - 1).source_of(end - 1).end;
        source_start..source_end.max(source_start)
    }

    /// Source byte range of each output character, in order.
    pub fn char_sources(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        self.segments.iter().flat_map(|s| {
            let (runs, single) = if s.run { (s.src..s.src_end, None) } else { (0..0, Some(s.src..s.src_end)) };
            runs.map(|i| i..i + 1).chain(single)
        })
    }

    /// Byte offset in `text` of each output character, in order.
    pub fn char_starts(&self) -> impl Iterator<Item = usize> + '_ {
        self.segments.iter().flat_map(|s| {
            let (runs, single) = if s.run { (s.out..s.out + (s.src_end - s.src), None) } else { (0..0, Some(s.out)) };
            runs.chain(single)
        })
    }

    /// Bytes its buffers hold (to drop a reused one that grew large).
    pub fn capacity_bytes(&self) -> usize {
        self.text.capacity() + self.segments.capacity() * std::mem::size_of::<Segment>() + self.source_facts.capacity()
    }

    /// For each byte of `text` and one past its end, the `SOURCE_*` bits of the character
    /// starting there (0 inside a character and at the end).
    pub fn source_facts(&self) -> &[u8] {
        &self.source_facts
    }
}

/// `normalize(s)` with the map from each output character back to its source range.
pub fn normalize_with_offsets(s: &str) -> NormalizedText {
    let mut out = NormalizedText::default();
    normalize_with_offsets_into(s, &mut out);
    out
}

/// [`normalize_with_offsets`] into a reused `NormalizedText` (its buffers kept).
pub fn normalize_with_offsets_into(s: &str, out: &mut NormalizedText) {
    out.text.clear();
    out.segments.clear();
    out.source_facts.clear();
    out.last_source_end = 0;
    out.text.reserve(s.len());
    out.source_facts.reserve(s.len() + 1);
    let mut sink = WithOffsets { source: s.as_bytes(), out: std::mem::take(out) };
    fold(s, &mut sink);
    *out = sink.out;
    out.source_facts.push(0);
}

/// Apostrophes and transliteration marks folded to `'`. The ASCII grave accent and the acute
/// accent are used as ʿayn in ad-hoc transliterations (`Ba`labakk`, `Sana´a`).
fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '`'
            | '\u{B4}' // ´ acute accent
            | '\u{2018}'..='\u{201B}' // ‘ ’ ‚ ‛
            | '\u{2032}' // ′ prime
            | '\u{02B9}'..='\u{02BF}' // ʹ ʺ ʻ ʼ ʽ ʾ ʿ (ʿayn, hamza marks)
            | '\u{02C8}' // ˈ
            | '\u{055A}' // Armenian apostrophe
            | '\u{FF07}' // fullwidth apostrophe
    )
}

/// Hyphens and dashes folded to `-`.
fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'..='\u{2015}' // ‐ ‑ ‒ – — ―
            | '\u{2212}' // − minus
            | '\u{2043}' // ⁃
            | '\u{058A}' // Armenian hyphen
            | '\u{05BE}' // Hebrew maqaf
            | '\u{1806}' // Mongolian todo soft hyphen
            | '\u{2E17}' | '\u{2E1A}' | '\u{2E3A}' | '\u{2E3B}'
            | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}'
    )
}

/// Invisible characters dropped without trace: controls, bidi marks and isolates, zero-width
/// (non-)joiners and spaces, BOM, soft hyphen, Arabic tatweel and number signs, tags.
fn is_removed(c: char) -> bool {
    matches!(
        c,
        '\u{0}'..='\u{8}' | '\u{E}'..='\u{1F}' | '\u{7F}'..='\u{84}' | '\u{86}'..='\u{9F}'
            | '\u{AD}'
            | '\u{600}'..='\u{605}' | '\u{61C}' | '\u{640}' | '\u{6DD}' | '\u{70F}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}'
            | '\u{E0001}' | '\u{E0020}'..='\u{E007F}'
    )
}

/// Combining marks that are diacritics rather than letters: removed.
fn is_stripped_mark(c: char) -> bool {
    matches!(
        c,
        '\u{300}'..='\u{36F}' // combining diacritical marks
            | '\u{483}'..='\u{489}' // Cyrillic titlo and friends
            | '\u{591}'..='\u{5BD}' | '\u{5BF}' | '\u{5C1}'..='\u{5C2}' | '\u{5C4}'..='\u{5C5}' | '\u{5C7}' // Hebrew points
            | '\u{610}'..='\u{61A}' | '\u{64B}'..='\u{65F}' | '\u{670}' // Arabic harakat, hamza marks, superscript alef
            | '\u{6D6}'..='\u{6DC}' | '\u{6DF}'..='\u{6E4}' | '\u{6E7}'..='\u{6E8}' | '\u{6EA}'..='\u{6ED}' // Quranic marks
            | '\u{8D3}'..='\u{8E1}' | '\u{8E3}'..='\u{8FF}'
            | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}'
            | '\u{FE00}'..='\u{FE0F}' | '\u{FE20}'..='\u{FE2F}' | '\u{E0100}'..='\u{E01EF}' // variation selectors, half marks
    )
}

/// Full case folding of one character (CaseFolding.txt statuses C and F). Rust's
/// `to_lowercase` agrees with it except for the few characters listed here; compatibility
/// characters (`ſ`, `µ`, `ﬁ`, `ϐ`...) never reach this function because NFKD comes first.
fn case_fold(c: char, out: &mut impl FnMut(char)) {
    match c {
        'A'..='Z' => out(c.to_ascii_lowercase()),
        '\u{0}'..='\u{7F}' => out(c),
        // Arabic script has no case (a fast path: most non-Latin names are Arabic script).
        '\u{600}'..='\u{6FF}' => out(c),
        'ß' | '\u{1E9E}' => {
            out('s');
            out('s')
        }
        'ς' => out('σ'),
        '\u{345}' => out('ι'), // ypogegrammeni: ᾳ folds to αι
        '\u{13A0}'..='\u{13F5}' => out(c), // Cherokee folds to its uppercase letters
        '\u{13F8}'..='\u{13FD}' => out(char::from_u32(c as u32 - 8).unwrap_or(c)),
        '\u{AB70}'..='\u{ABBF}' => out(char::from_u32(c as u32 - 0xAB70 + 0x13A0).unwrap_or(c)),
        _ => c.to_lowercase().for_each(out),
    }
}

/// Whether a combining mark is a diacritic to drop, given the letter before it (the Cyrillic
/// breve makes `й` and `ў`, letters of their own).
fn drops_mark(mark: char, previous: Option<char>) -> bool {
    is_stripped_mark(mark) && !(mark == '\u{306}' && matches!(previous, Some('и' | 'у')))
}

/// Emits folded characters with their source ranges, collapsing whitespace.
struct Folder<'s, S: FoldSink> {
    sink: &'s mut S,
    /// Source range of the whitespace run waiting to become one space.
    pending_space: Option<(usize, usize)>,
    /// Whether the last character emitted is a letter, digit or sign a mark may sit on.
    after_base: bool,
    emitted_any: bool,
}

impl<S: FoldSink> Folder<'_, S> {
    fn space(&mut self, src: Range<usize>) {
        self.pending_space = Some(match self.pending_space {
            Some((start, _)) => (start, src.end),
            None => (src.start, src.end),
        });
        self.after_base = false;
    }

    /// `emit` of an ASCII letter or digit at byte `at` (the bulk of most texts).
    #[inline]
    fn emit_alphanumeric(&mut self, c: char, at: usize) {
        self.start_base();
        self.sink.push(c, at..at + 1);
    }

    /// `emit` of each byte of `ascii` (printable ASCII but the grave accent, or single spaces
    /// between such bytes; not ending in a space) from source byte `at` on.
    fn emit_plain_ascii(&mut self, ascii: &str, at: usize) {
        self.start_base();
        self.sink.push_plain_ascii(ascii, at);
    }

    /// Before a base character: the pending space (between two emitted characters only).
    #[inline]
    fn start_base(&mut self) {
        if let Some((start, end)) = self.pending_space.take() {
            if self.emitted_any {
                self.sink.push(' ', start..end);
            }
        }
        self.after_base = true;
        self.emitted_any = true;
    }

    /// `emit` of a character that is not whitespace, an apostrophe, a dash or a combining
    /// mark (what the [`single_char_fold`] table holds).
    #[inline]
    fn emit_letter(&mut self, c: char, src: Range<usize>) {
        self.start_base();
        self.sink.push(c, src);
    }

    fn emit(&mut self, c: char, src: Range<usize>) {
        if c.is_whitespace() {
            return self.space(src);
        }
        if !self.after_base && is_combining_mark(c) {
            return; // an orphan mark (after a space or at the start) has nothing to sit on
        }
        self.start_base();
        let c = if is_apostrophe(c) {
            '\''
        } else if is_dash(c) {
            '-'
        } else {
            c
        };
        self.sink.push(c, src);
    }
}

/// The first code point past the range [`single_char_fold`] looks up: Latin-1 and Latin
/// Extended, IPA, Greek, Cyrillic, Armenian, Hebrew, Arabic (the letters of most names).
const SINGLE_FOLD_END: u32 = 0x700;

/// What the unit of `c` alone (no combining mark after it) folds to, when that is one
/// character emitted as a letter: a table built once by [`fold_unit`] itself, so the fast
/// path folds exactly like the slow one (`é` → `e`, `Д` → `д`, `Й` → `й`, `أ` → `ا`). Only
/// characters that `Folder::emit` passes through as they are (not whitespace, apostrophes,
/// dashes or combining marks) are in the table: they go to `Folder::emit_letter`.
fn single_char_fold(c: char) -> Option<char> {
    static TABLE: OnceLock<Vec<char>> = OnceLock::new();
    let code = c as u32;
    if !(0x80..SINGLE_FOLD_END).contains(&code) {
        return None;
    }
    let table = TABLE.get_or_init(|| {
        let mut decomposed = Vec::new();
        let mut kept = Vec::new();
        (0x80..SINGLE_FOLD_END)
            .map(|code| {
                let Some(c) = char::from_u32(code) else { return '\0' };
                if c.is_whitespace() || is_apostrophe(c) || is_dash(c) || is_removed(c) || is_combining_mark(c) {
                    return '\0';
                }
                let mut buf = [0u8; 4];
                fold_unit(c.encode_utf8(&mut buf), &mut decomposed, &mut kept);
                // As `fold_with` emits them: composed when more than one (Cyrillic `й` keeps
                // its breve and composes again).
                if kept.len() > 1 {
                    kept = kept.iter().copied().nfc().collect();
                }
                match kept[..] {
                    [one] if one != '\0'
                        && !(one.is_whitespace() || is_apostrophe(one) || is_dash(one) || is_combining_mark(one)) =>
                    {
                        one
                    }
                    _ => '\0',
                }
            })
            .collect()
    });
    match table[(code - 0x80) as usize] {
        '\0' => None,
        folded => Some(folded),
    }
}

/// `is_combining_mark`, from a table built once from it for the characters below
/// [`SINGLE_FOLD_END`] (every character after a non-ASCII one asks).
#[inline]
fn combining(c: char) -> bool {
    static TABLE: OnceLock<Vec<bool>> = OnceLock::new();
    let table = TABLE.get_or_init(|| (0..SINGLE_FOLD_END).map(|code| char::from_u32(code).is_some_and(is_combining_mark)).collect());
    match table.get(c as usize) {
        Some(&mark) => mark,
        None => is_combining_mark(c),
    }
}

/// The characters one unit (a character and its combining marks) folds to, before NFC.
fn fold_unit(unit: &str, decomposed: &mut Vec<char>, kept: &mut Vec<char>) {
    decomposed.clear();
    for c in unit.chars() {
        decompose_compatible(c, |d| case_fold(d, &mut |f| decompose_compatible(f, |g| decomposed.push(g))));
    }
    kept.clear();
    for &c in decomposed.iter() {
        if is_removed(c) || (is_combining_mark(c) && drops_mark(c, kept.last().copied())) {
            continue;
        }
        kept.push(c);
    }
}

/// Printable ASCII that folds to itself but for case (not the grave accent, an apostrophe).
#[inline]
fn plain_ascii(b: u8) -> bool {
    (0x21..=0x7E).contains(&b) && b != b'`'
}

/// Where the run of plain ASCII units that goes on at byte `k` of `bytes` ends (see
/// `fold_with`), read eight bytes at a time while they and the byte after them are ASCII: the
/// first byte that does not go on the run, or where the bytes stop being ASCII (the byte loop
/// of `fold_with` reads on from there).
#[inline]
fn plain_run_by_words(bytes: &[u8], mut k: usize) -> usize {
    use crate::ascii_lanes::{in_range, HIGH_BITS as HIGH};
    let plain = |v: u64| in_range(v, 0x21, 0x7E) & !in_range(v, b'`', b'`');
    while let Some(window) = bytes.get(k..k + 9) {
        let here = u64::from_le_bytes(window[..8].try_into().expect("eight bytes"));
        let next = u64::from_le_bytes(window[1..].try_into().expect("eight bytes"));
        if (here | next) & HIGH != 0 {
            break;
        }
        // Byte by byte as in `fold_with`: plain, or a space before a plain byte (the next
        // byte is ASCII here).
        let goes_on = plain(here) | (in_range(here, b' ', b' ') & plain(next));
        if goes_on != HIGH {
            return k + ((!goes_on & HIGH).trailing_zeros() / 8) as usize;
        }
        k += 8;
    }
    k
}

/// Folds `s`, giving `sink` every output character with its source byte range.
fn fold(s: &str, sink: &mut impl FoldSink) {
    fold_with(s, sink, true)
}

/// [`fold`], with or without its fast paths, the runs of plain ASCII and the
/// [`single_char_fold`] table (the tests compare both).
fn fold_with(s: &str, sink: &mut impl FoldSink, fast_paths: bool) {
    let mut folder = Folder { sink, pending_space: None, after_base: false, emitted_any: false };
    let bytes = s.as_bytes();
    let mut decomposed: Vec<char> = Vec::new();
    let mut kept: Vec<char> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // ASCII fast path: an ASCII char not followed by a combining mark is its own unit.
        let ascii_unit = |i: usize| bytes[i] < 0x80 && bytes.get(i + 1).map_or(true, |&next| next < 0x80);
        if fast_paths && plain_ascii(b) && ascii_unit(i) {
            // A run of such units, each its own source byte: words and the single spaces
            // between them, most of a text.
            // Byte k goes on the run if it is plain, or a space before a plain byte, and the
            // byte after it is ASCII (no combining mark); without branches on either test.
            let mut k = plain_run_by_words(bytes, i + 1);
            while k + 1 < bytes.len() {
                let (b, next) = (bytes[k], bytes[k + 1]);
                if !((plain_ascii(b) | ((b == b' ') & plain_ascii(next))) & (next < 0x80)) {
                    break;
                }
                k += 1;
            }
            if k + 1 == bytes.len() && plain_ascii(bytes[k]) {
                k += 1; // the last byte of the text
            }
            if bytes[k - 1] == b' ' {
                k -= 1; // a space only before what follows it (see `Folder::space`)
            }
            folder.emit_plain_ascii(&s[i..k], i);
            i = k;
            continue;
        }
        if b < 0x80 && bytes.get(i + 1).map_or(true, |&next| next < 0x80) {
            let c = b as char;
            match b {
                b'a'..=b'z' | b'0'..=b'9' => folder.emit_alphanumeric(c, i),
                b'A'..=b'Z' => folder.emit_alphanumeric(c.to_ascii_lowercase(), i),
                b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ' => folder.space(i..i + 1),
                _ if is_removed(c) => {}
                _ => folder.emit(c, i..i + 1),
            }
            i += 1;
            continue;
        }
        // A two-byte character (U+0080 to U+07FF: Latin, Greek, Cyrillic, Arabic script) in
        // the single-char table, not followed by a combining mark: decoded from its bytes
        // (what follows a three- or four-byte character goes the general way).
        if fast_paths && (0xC2..=0xDF).contains(&b) {
            let two_byte = |lead: u8, next: u8| char::from_u32(((lead as u32 & 0x1F) << 6) | (next as u32 & 0x3F));
            let mark_follows = match bytes.get(i + 2) {
                None => false,
                Some(&n) if n < 0x80 => false,
                Some(&n @ 0xC2..=0xDF) => bytes.get(i + 3).and_then(|&m| two_byte(n, m)).map_or(true, combining),
                Some(_) => true,
            };
            if let (false, Some(folded)) = (mark_follows, two_byte(b, bytes[i + 1]).and_then(single_char_fold)) {
                folder.emit_letter(folded, i..i + 2);
                i += 2;
                continue;
            }
        }
        // A unit: one char and the combining marks that follow it.
        let rest = &s[i..];
        let mut chars = rest.char_indices();
        let Some((_, base)) = chars.next() else { break };
        let mut unit_len = base.len_utf8();
        for (offset, c) in chars {
            if !combining(c) {
                break;
            }
            unit_len = offset + c.len_utf8();
        }
        let src = i..i + unit_len;
        let unit = &rest[..unit_len];
        i += unit_len;

        if fast_paths && unit_len == base.len_utf8() {
            if let Some(folded) = single_char_fold(base) {
                folder.emit_letter(folded, src);
                continue;
            }
        }
        if base.is_whitespace() {
            folder.space(src);
        } else if is_apostrophe(base) || is_dash(base) {
            folder.emit(base, src);
        } else if is_removed(base) {
            // invisible: the marks on it go too
        } else {
            fold_unit(unit, &mut decomposed, &mut kept);
            if kept.len() == 1 {
                folder.emit(kept[0], src);
            } else {
                for c in kept.iter().copied().nfc() {
                    folder.emit(c, src.clone());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_script_has_no_case() {
        for c in ('\u{600}'..='\u{6FF}').filter(|c| !c.is_control()) {
            assert_eq!(c.to_lowercase().collect::<String>(), c.to_string(), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn the_single_char_fast_path_folds_like_the_slow_path() {
        let slow = |s: &str| {
            let mut out = String::new();
            fold_with(s, &mut FoldClosure(|c, _| out.push(c)), false);
            out
        };
        for c in (0x80..SINGLE_FOLD_END + 16).filter_map(char::from_u32) {
            for s in [
                format!("a{c}b"),
                format!("{c}"),
                format!("{c}{c}"),
                format!("{c}\u{301}x"),
                format!(" {c} "),
                format!("{c}\u{20D7}"),
                format!("{c}\u{2019}{c}"),
                format!("{c}\u{5B4}"),
            ] {
                assert_eq!(normalize(&s), slow(&s), "U+{:04X} in {s:?}", c as u32);
            }
        }
    }

    #[test]
    fn the_combining_table_agrees_with_is_combining_mark() {
        for c in (0..SINGLE_FOLD_END + 256).filter_map(char::from_u32) {
            assert_eq!(combining(c), is_combining_mark(c), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn the_ascii_fast_path_folds_like_fold() {
        // Every ASCII byte in every position of short strings, and runs of spaces.
        let mut rng = crate::test_rng::XorShift(0x2545_f491_4f6c_dd1d);
        for n in 0..20_000 {
            let len = n % 9;
            let s: String = (0..len)
                .map(|_| {
                    let b = (rng.next() % 160) as u8;
                    if b >= 128 { b' ' as char } else { b as char }
                })
                .collect();
            let mut slow = String::new();
            fold(&s, &mut FoldClosure(|c, _| slow.push(c)));
            assert_eq!(normalize(&s), slow, "{s:?}");
        }
    }

    /// `normalize_with_offsets` without the fast path for plain ASCII runs, and the source
    /// facts computed from the offsets afterwards (as the tagger once did).
    /// Text, character starts, their source ranges, source facts.
    type Offsets = (String, Vec<usize>, Vec<(usize, usize)>, Vec<u8>);

    fn offsets_reference(s: &str) -> Offsets {
        let (mut text, mut starts, mut sources) = (String::new(), Vec::new(), Vec::new());
        fold_with(
            s,
            &mut FoldClosure(|c, src: Range<usize>| {
                starts.push(text.len());
                sources.push((src.start, src.end));
                text.push(c);
            }),
            false,
        );
        let mut facts = vec![0u8; text.len() + 1];
        let (src, out) = (s.as_bytes(), text.as_bytes());
        let mut last_end = usize::MAX;
        for (&o, &(start, end)) in starts.iter().zip(&sources) {
            let mut f = 0;
            if src.get(start).is_some_and(u8::is_ascii_lowercase) {
                f |= SOURCE_LOWER;
            }
            if end == start + 1 && src.get(start) == out.get(o) {
                f |= SOURCE_SAME;
            }
            if start == last_end {
                f |= SOURCE_JOINED;
            }
            last_end = end;
            facts[o] = f;
        }
        (text, starts, sources, facts)
    }

    /// `NormalizedText::source_range` over per-character arrays (as it was computed before
    /// the segments).
    fn range_reference(starts: &[usize], sources: &[(usize, usize)], len: usize, start: usize, end: usize) -> Range<usize> {
        let n = starts.len();
        if n == 0 {
            return 0..0;
        }
        let start = start.min(len);
        let end = end.clamp(start, len);
        let first = if start == len { n } else { starts.partition_point(|&s| s <= start) - 1 };
        if start == end {
            let at = if first < n { sources[first].0 } else { sources[n - 1].1 };
            return at..at;
        }
        let last = starts.partition_point(|&s| s < end) - 1;
        let source_start = sources[first].0;
        source_start..sources[last].1.max(source_start)
    }

    #[test]
    fn plain_ascii_runs_fold_like_the_slow_path() {
        const PIECES: &[&str] = &[
            "a", "B", "word", "Word", " ", " ", "  ", "\n", "\t", "`", "'", "-", ".", ",", "\u{301}", "e\u{301}", "é", "É",
            "ß", "ﬁ", "\u{200F}", "\u{0}", "\u{7F}", "北京", "~", "Z9", "x ", " y", "\u{A0}", "ʿ", "–",
        ];
        let mut rng = crate::test_rng::XorShift(0x2545_f491_4f6c_dd1d);
        for n in 0..30_000 {
            let mut s = String::new();
            for _ in 0..n % 12 {
                s.push_str(PIECES[(rng.next() % PIECES.len() as u64) as usize]);
            }
            let fast = normalize_with_offsets(&s);
            let (text, starts, sources, facts) = offsets_reference(&s);
            assert_eq!(fast.text, text, "{s:?}");
            assert_eq!(fast.char_starts().collect::<Vec<_>>(), starts, "{s:?}");
            assert_eq!(fast.char_sources().map(|r| (r.start, r.end)).collect::<Vec<_>>(), sources, "{s:?}");
            // Every range, as the per-character arrays give it (of some of the strings).
            let len = text.len();
            for start in (0..=len + 1).filter(|_| n % 7 == 0) {
                for end in 0..=len + 1 {
                    assert_eq!(fast.source_range(start, end), range_reference(&starts, &sources, len, start, end), "{s:?} {start}..{end}");
                }
            }
            assert_eq!(fast.source_facts, facts, "{s:?}");
            assert_eq!(normalize(&s), text, "{s:?}");
        }
    }

    #[test]
    fn folds_case_accents_and_marks() {
        let cases = [
            ("Al-Qaïm", "al-qaim"),
            ("Ālbū Kamāl", "albu kamal"),
            ("Straße", "strasse"),
            ("STRASSE", "strasse"),
            ("ẞ", "ss"),
            ("ﬁn", "fin"),
            ("Ḩalab", "halab"),
            ("Élodie  Ïsa", "elodie isa"),
            ("ΟΔΥΣΣΕΥΣ", "οδυσσευσ"),
            ("Οδυσσεύς", "οδυσσευσ"),
            ("Ёлка", "елка"),
            ("Йемен", "йемен"),
            ("Ўзбекистон", "ўзбекистон"),
            ("ʿAfrīn", "'afrin"),
            ("Ma’arrat al‑Nu‘man", "ma'arrat al-nu'man"),
            ("Sana´a", "sana'a"),
            ("Deir ez–Zor", "deir ez-zor"),
            ("  Raqqa \t\n City ", "raqqa city"),
            ("الرَّقَّة", "الرقة"),
            ("داعـــش", "داعش"),
            ("أبو كمال", "ابو كمال"),
            ("\u{200F}داعش\u{200F}", "داعش"),
            ("e\u{301}", "e"),
            ("ＡＢＣ１", "abc1"),
            ("", ""),
            ("\u{0}\u{1}", ""),
            ("Ꭰᏸ", "ᎠᏰ"),
            ("한국", "한국"),
            ("कि", "कि"),
        ];
        for (input, expected) in cases {
            assert_eq!(normalize(input), expected, "normalize({input:?})");
        }
    }

    #[test]
    fn idempotent_on_every_code_point_and_pairs() {
        let all: Vec<char> = (0..=0x10FFFFu32).filter_map(char::from_u32).collect();
        for &c in &all {
            let once = normalize(&c.to_string());
            assert_eq!(normalize(&once), once, "U+{:04X}", c as u32);
        }
        // Each char after a letter and after a space (combining marks attach differently).
        for &c in all.iter().step_by(7) {
            for prefix in ["a", " ", "\u{301}", "ß"] {
                let s = format!("{prefix}{c}x{c}");
                let once = normalize(&s);
                assert_eq!(normalize(&once), once, "{s:?}");
            }
        }
    }

    #[test]
    fn offsets_map_expansions_and_removals_to_source() {
        let s = "Große Straße";
        let n = normalize_with_offsets(s);
        assert_eq!(n.text, "grosse strasse");
        // "ss" of ß covers the whole ß; half of it too.
        assert_eq!(&s[n.source_range(3, 5)], "ß");
        assert_eq!(&s[n.source_range(3, 4)], "ß");
        assert_eq!(&s[n.source_range(0, n.text.len())], s);
        let s = "x  ﬁn\u{200F} e\u{301}t";
        let n = normalize_with_offsets(s);
        assert_eq!(n.text, "x fin et");
        assert_eq!(&s[n.source_range(2, 4)], "ﬁ");
        assert_eq!(&s[n.source_range(2, 5)], "ﬁn");
        // the combining accent stays with its letter
        assert_eq!(&s[n.source_range(6, 7)], "e\u{301}");
        assert_eq!(&s[n.source_range(1, 2)], "  ");
        let s = "الرَّقَّة";
        let n = normalize_with_offsets(s);
        assert_eq!(&s[n.source_range(0, n.text.len())], s);
    }

    #[test]
    fn source_range_never_panics_and_is_monotone() {
        let s = "ʿAfrīn\u{200F} ﬁ ß 😀 e\u{301}\u{0}";
        let n = normalize_with_offsets(s);
        assert_eq!(n.text, normalize(s));
        let len = n.text.len();
        for start in 0..len + 3 {
            for end in 0..len + 3 {
                let r = n.source_range(start, end);
                assert!(r.start <= r.end && r.end <= s.len());
                assert!(s.is_char_boundary(r.start) && s.is_char_boundary(r.end));
            }
        }
        let ranges: Vec<_> = n.char_sources().collect();
        for pair in ranges.windows(2) {
            assert!(pair[0].start <= pair[1].start && pair[0].end <= pair[1].end);
        }
        assert_eq!(normalize_with_offsets("").source_range(0, 5), 0..0);
    }
}
