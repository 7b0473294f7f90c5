//! Person names around place names. News names people after places all the time (*Scott
//! Walker*, *Mary Taylor*, *Michael Jordan*, *Mr. Lincoln*) and then by surname alone
//! (*Walker said*): a place name written as part of a person's name is not a place mention.
//!
//! A person's name is recognised from its head: a common given name (*Scott*) or a title
//! (*Mr.*, *Sen.*, *Gov.*, *Mme*), right before a capitalised word. Every capitalised word of
//! the name after the head (*W.* skipped as an initial) is then a person word of the document,
//! and a one-word place mention spelt like one elsewhere in the document is the person again.
//! The given names are the most common of the US Census name files
//! (src/gazetteer/given_names.txt, written by `python -m nomina.data.build`): English-language
//! news is where most such collisions live, and the names are common in Western news at large.

use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};


static GIVEN_NAMES_TXT: &str = include_str!("given_names.txt");

/// Titles that head a person's name in English, French, German and Spanish news (case as
/// written; a trailing full stop is allowed: *Sen.*, *Dr.*).
const TITLES: &[&str] = &[
    // English
    "Mr", "Mrs", "Ms", "Miss", "Dr", "Prof", "Sir", "Dame", "Lord", "Lady", "Sen", "Senator", "Gov",
    "Governor", "Rep", "Representative", "Sgt", "Lt", "Capt", "Cpl", "Pvt", "Col", "Gen", "Adm", "Maj",
    "Officer", "Detective", "Deputy", "Sheriff", "Judge", "Justice", "Coach", "Rev", "Reverend",
    "Father", "Pastor", "Bishop", "Rabbi", "Imam", "Sheikh", "Mayor", "Councilman", "Councilwoman",
    "Commissioner", "Superintendent", "Trooper", "President", "Chancellor", "Secretary",
    "Ambassador", "King", "Queen", "Prince", "Princess", "Pope",
    // French
    "M", "Mme", "Mmes", "Mlle", "MM", "Me", "Mgr", "Cheikh",
    // German
    "Herr", "Frau", "Bundeskanzlerin", "Bundeskanzler",
    // Spanish
    "Sr", "Sra", "Srta", "Don", "Doña",
];

/// Given names and titles, each word with what it may be (`GIVEN`, `TITLE`).
fn heads() -> &'static FxHashMap<&'static str, u8> {
    static HEADS: OnceLock<FxHashMap<&'static str, u8>> = OnceLock::new();
    HEADS.get_or_init(|| {
        let mut heads = FxHashMap::default();
        for name in GIVEN_NAMES_TXT.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
            *heads.entry(name).or_insert(0) |= GIVEN;
        }
        for &title in TITLES {
            *heads.entry(title).or_insert(0) |= TITLE;
        }
        heads
    })
}

const GIVEN: u8 = 1;
const TITLE: u8 = 2;

fn head_kind(word: &str) -> u8 {
    heads().get(word).copied().unwrap_or(0)
}

/// True when `word` (as written) may head a person's name.
pub(crate) fn is_name_head(word: &str) -> bool {
    match word.strip_suffix('.') {
        Some(bare) => head_kind(bare) & TITLE != 0,
        None => head_kind(word) != 0,
    }
}

fn capitalised(word: &str) -> bool {
    match word.as_bytes().first() {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        _ => word.chars().next().is_some_and(char::is_uppercase),
    }
}

/// One word of the text: byte range, and whether a full stop ends it (*Mr.*, *W.*).
#[derive(Debug, Clone, Copy)]
struct Word {
    start: usize,
    end: usize,
    dot: bool,
}

/// The words of a text, in order: runs of word characters (`words::WordRuns`), joined by
/// inner apostrophes and hyphens (*O'Brien*, *Smith-Jones*).
struct Words<'a> {
    text: &'a str,
    runs: &'a [(usize, usize)],
    next: usize,
}

impl Iterator for Words<'_> {
    type Item = Word;

    fn next(&mut self) -> Option<Word> {
        let &(start, mut end) = self.runs.get(self.next)?;
        self.next += 1;
        while let Some(&(s, e)) = self.runs.get(self.next) {
            if !matches!(&self.text[end..s], "'" | "-" | "’") {
                break;
            }
            end = e;
            self.next += 1;
        }
        Some(Word { start, end, dot: self.text.as_bytes().get(end) == Some(&b'.') })
    }
}

/// The person names of one document.
#[derive(Debug, Default)]
pub(crate) struct PersonNames<'t> {
    /// Byte ranges of the names after their heads (*Walker* in *Scott Walker*).
    spans: Vec<(usize, usize)>,
    /// Byte ranges of the given names that head a name (*Georgia* in *Georgia Smith*).
    given: Vec<(usize, usize)>,
    /// Their words as written.
    words: FxHashSet<&'t str>,
}

impl<'t> PersonNames<'t> {
    /// The person names of `text`, whose runs of word characters are `runs`
    /// (`words::WordRuns`).
    pub fn of(text: &'t str, runs: &[(usize, usize)]) -> PersonNames<'t> {
        let mut ws = Words { text, runs, next: 0 };
        let mut names = PersonNames::default();
        let Some(mut head) = ws.next() else { return names };
        loop {
            let head_text = &text[head.start..head.end + usize::from(head.dot)];
            // Each word after the head that is not in the name is looked at as a head in turn.
            let Some(mut next) = ws.next() else { break };
            if !capitalised(head_text) || !is_name_head(head_text) {
                head = next;
                continue;
            }
            // The name: capitalised words, each after one space (or after an initial's full
            // stop and a space: *George W. Bush*).
            let (mut prev, mut first, mut last) = (head, true, None);
            let name_start = next.start;
            let after = loop {
                let gap = &text[prev.end..next.start];
                let after_dot = prev.dot && (first || prev.end - prev.start == 1);
                let joined = gap == " " || (after_dot && gap == ". ");
                let w = &text[next.start..next.end];
                if !joined || !capitalised(w) {
                    break Some(next);
                }
                if !(next.dot && w.chars().count() == 1) {
                    names.words.insert(w);
                }
                last = Some(next);
                (prev, first) = (next, false);
                match ws.next() {
                    Some(w) => next = w,
                    None => break None,
                }
            };
            if let Some(last) = last {
                names.spans.push((name_start, last.end));
                if head_kind(head_text) & GIVEN != 0 {
                    names.given.push((head.start, head.end));
                }
            }
            match after {
                Some(w) => head = w,
                None => break,
            }
        }
        names
    }

    /// Count `word` as a word of a person's name of the document.
    pub fn add_word(&mut self, word: &'t str) {
        self.words.insert(word);
    }

    /// True when the span starts inside a person's name (after its head).
    pub fn covers(&self, start: usize) -> bool {
        let at = self.spans.partition_point(|&(_, end)| end <= start);
        self.spans.get(at).is_some_and(|&(s, e)| s <= start && start < e)
    }

    /// True when the span is exactly a given name heading a person's name (*Georgia* Smith).
    pub fn is_given_name(&self, start: usize, end: usize) -> bool {
        self.given.binary_search(&(start, end)).is_ok()
    }

    /// True when `surface` (one word, as written) is a word of a person's name in the document.
    pub fn has_word(&self, surface: &str) -> bool {
        self.words.contains(surface)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::words::is_word_char;

    fn spans(text: &str) -> Vec<&str> {
        PersonNames::of(text, &crate::gazetteer::words::word_runs(text)).spans.iter().map(|&(s, e)| &text[s..e]).collect()
    }

    /// The implementation before the streaming one (a vector of every word, titles searched
    /// in a list): what `PersonNames::of` must give.
    /// Name spans, given-name heads, person words (sorted).
    type Persons = (Vec<(usize, usize)>, Vec<(usize, usize)>, Vec<String>);

    fn reference(text: &str) -> Persons {
        fn words(text: &str) -> Vec<Word> {
            let mut out = Vec::new();
            let mut iter = text.char_indices().peekable();
            while let Some((i, c)) = iter.next() {
                if !is_word_char(c) {
                    continue;
                }
                let mut end = i + c.len_utf8();
                while let Some(&(j, d)) = iter.peek() {
                    if is_word_char(d) {
                        end = j + d.len_utf8();
                        iter.next();
                    } else if matches!(d, '\'' | '’' | '-') && text[j + d.len_utf8()..].chars().next().is_some_and(is_word_char) {
                        iter.next();
                    } else {
                        break;
                    }
                }
                let dot = text[end..].starts_with('.');
                out.push(Word { start: i, end, dot });
            }
            out
        }
        let given: FxHashSet<&str> =
            GIVEN_NAMES_TXT.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect();
        let is_name_head = |word: &str| {
            let bare = word.strip_suffix('.').unwrap_or(word);
            TITLES.contains(&bare) || (bare.len() == word.len() && given.contains(word))
        };
        let capitalised = |word: &str| word.chars().next().is_some_and(char::is_uppercase);
        let ws = words(text);
        let (mut spans, mut heads, mut person_words) = (Vec::new(), Vec::new(), FxHashSet::default());
        let mut i = 0;
        while i + 1 < ws.len() {
            let head = ws[i];
            let head_text = &text[head.start..head.end + usize::from(head.dot)];
            if !capitalised(head_text) || !is_name_head(head_text) {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            let mut last = None;
            while j < ws.len() {
                let prev = ws[j - 1];
                let gap = &text[prev.end..ws[j].start];
                let after_dot = prev.dot && (j - 1 == i || prev.end - prev.start == 1);
                let joined = gap == " " || (after_dot && gap == ". ");
                let w = &text[ws[j].start..ws[j].end];
                if !joined || !capitalised(w) {
                    break;
                }
                if !(ws[j].dot && w.chars().count() == 1) {
                    person_words.insert(w);
                }
                last = Some(j);
                j += 1;
            }
            if let Some(last) = last {
                spans.push((ws[i + 1].start, ws[last].end));
                if given.contains(head_text) {
                    heads.push((head.start, head.end));
                }
                i = last + 1;
            } else {
                i += 1;
            }
        }
        let mut person_words: Vec<String> = person_words.into_iter().map(String::from).collect();
        person_words.sort();
        (spans, heads, person_words)
    }

    #[test]
    fn streaming_scan_equals_the_reference() {
        const PIECES: &[&str] = &[
            "Scott", "Walker", "Mr", "Mr.", "Sen.", "Gov", "Mme", "Herr", "Doña", "W.", "George", "Bush", "Mary",
            "Ann", "Taylor", "-", "Jones", "O'", "Brien", "’", "'", "said", "the", "Élodie", "Éric", "ÉTAT", "über",
            "Paris", ".", ". ", " ", " ", " ", "  ", ", ", "\n", "x", "A", "é", "北京", "\u{301}", "1st", "M.", "MM",
        ];
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut texts: Vec<String> = (0..5_000)
            .map(|i| (0..1 + i % 30).map(|_| PIECES[(next() % PIECES.len() as u64) as usize]).collect())
            .collect();
        let seeds = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
        texts.extend(std::fs::read_dir(seeds).into_iter().flatten().filter_map(|f| std::fs::read_to_string(f.ok()?.path()).ok()));
        texts.push("Gov. Scott Walker said Mr. Lincoln and Mme Royal met President George W. Bush.".into());
        for text in &texts {
            let names = PersonNames::of(text, &crate::gazetteer::words::word_runs(text));
            let mut person_words: Vec<String> = names.words.iter().map(|w| w.to_string()).collect();
            person_words.sort();
            assert_eq!((names.spans, names.given, person_words), reference(text), "{text:?}");
        }
    }

    #[test]
    fn names_after_given_names_and_titles() {
        assert_eq!(spans("Gov. Scott Walker said"), ["Scott Walker"]);
        assert_eq!(spans("said Scott Walker, the governor"), ["Walker"]);
        assert_eq!(spans("President George W. Bush met"), ["George W. Bush"]);
        assert_eq!(spans("Mr. Lincoln and Mme Royal"), ["Lincoln", "Royal"]);
        assert_eq!(spans("Mary Ann Taylor-Jones came"), ["Ann Taylor-Jones"]);
    }

    #[test]
    fn not_across_sentences_or_lower_case_words() {
        assert!(spans("He met Scott. Walker came later").is_empty());
        assert!(spans("Scott walked to Paris").is_empty());
        assert!(spans("In Georgia, officials said").is_empty()); // "In" is no given name
        assert!(spans("Paris Texas").is_empty()); // a rare given name is no head
    }

    #[test]
    fn person_words_and_coverage() {
        let text = "Scott Walker won. Walker said so.";
        let names = PersonNames::of(text, &crate::gazetteer::words::word_runs(text));
        assert!(names.has_word("Walker"));
        assert!(!names.has_word("Scott"));
        assert!(names.covers(text.find("Walker").unwrap()));
        assert!(!names.covers(text.rfind("Walker").unwrap()));
        assert!(!names.covers(0));
        assert!(names.is_given_name(0, 5));
        assert!(!names.is_given_name(6, 12));
    }
}
