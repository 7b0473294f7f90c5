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

use rustc_hash::FxHashMap;

use super::common_nouns::word_after;
use super::reuse::with_reused;
use super::words::{WordBag, WordSet};

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
    "Ambassador", "King", "Queen", "Prince", "Princess", "Pope", "Marshal", "Ranger", "Brig",
    "Brigadier", "Colonel", "Lieutenant", "Captain", "Sergeant", "Corporal", "Constable", "Inspector",
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

/// The kind of `word` as the head of a person's name, `word` written without its full stop and
/// `dot` saying whether one follows (only a title heads a name with one: *Mr.*, *Gen.*); 0 when
/// it heads none.
fn name_head_kind(word: &str, dot: bool) -> u8 {
    let kind = head_kind(word);
    if dot && kind & TITLE == 0 {
        0
    } else {
        kind
    }
}

/// True when `word` (as written) may head a person's name.
pub(crate) fn is_name_head(word: &str) -> bool {
    match word.strip_suffix('.') {
        Some(bare) => name_head_kind(bare, true) != 0,
        None => name_head_kind(word, false) != 0,
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

/// 1 for a byte that may start a capitalised word: an ASCII capital, or the first byte of a
/// character beyond ASCII (read further by `capitalised`).
static MAY_START_CAPITALISED: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = ((b as u8).is_ascii_uppercase() || b >= 0x80) as u8;
        b += 1;
    }
    table
};

/// The capitalised words of a text, in order, into `out`. The words are runs of word
/// characters (`words::WordRuns`), joined by inner apostrophes and hyphens (*O'Brien*,
/// *Smith-Jones*). A run that starts with a lower-case ASCII letter (most of them) starts no
/// capitalised word: the others are marked first, 64 runs at a time as the bits of a `u64`
/// (without a branch per run), and only they are read further.
// Out of line: inlined into its caller, the loop over the runs kept the text in memory.
#[inline(never)]
fn capitalised_words(text: &str, runs: &[(usize, usize)], out: &mut Vec<Word>) {
    let bytes = text.as_bytes();
    // An apostrophe, a hyphen or a right single quotation mark (’, in UTF-8) between two runs.
    let joined = |k: usize| {
        let (after, before) = (runs[k - 1].1, runs[k].0);
        match before - after {
            1 => matches!(bytes[after], b'\'' | b'-'),
            3 => bytes[after..before] == [0xE2, 0x80, 0x99],
            _ => false,
        }
    };
    // The first run not read yet (the runs after a word's first are read with it).
    let mut next = 0;
    for (c, chunk) in runs.chunks(64).enumerate() {
        let may = |&(start, _): &(usize, usize)| u64::from(MAY_START_CAPITALISED[usize::from(bytes[start])]);
        // Four runs at a time, written out (shifts by constants), then the rest.
        let mut may_start = 0u64;
        let mut fours = chunk.chunks_exact(4);
        for (i, four) in (&mut fours).enumerate() {
            let bits = may(&four[0]) | may(&four[1]) << 1 | may(&four[2]) << 2 | may(&four[3]) << 3;
            may_start |= bits << (4 * i);
        }
        let done = chunk.len() - fours.remainder().len();
        for (i, run) in fours.remainder().iter().enumerate() {
            may_start |= may(run) << (done + i);
        }
        while may_start != 0 {
            let k = c * 64 + may_start.trailing_zeros() as usize;
            may_start &= may_start - 1;
            let (start, mut end) = runs[k];
            // A joiner ends with one of these bytes (most capitalised words follow a space).
            let after_joiner = start > 0 && matches!(bytes[start - 1], b'\'' | b'-' | 0x99);
            if k < next || (k > 0 && after_joiner && joined(k)) {
                continue; // inside a word
            }
            next = k + 1;
            // And starts with one of these.
            while matches!(bytes.get(end), Some(b'\'' | b'-' | 0xE2)) && next < runs.len() && joined(next) {
                end = runs[next].1;
                next += 1;
            }
            if bytes[start].is_ascii() || capitalised(&text[start..end]) {
                out.push(Word { start, end, dot: bytes.get(end) == Some(&b'.') });
            }
        }
    }
}

/// The words of `text` as `capitalised_words` reads them (all of them), scanning the text
/// itself (the tests compare the two).
#[cfg(test)]
fn words(text: &str) -> Vec<Word> {
    use super::words::is_word_char;
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

/// Words that follow a place's name in the names of its institutions, and no given name in a
/// person's (*Alexandria Police*, *Georgia Public Service Commission*, *Virginia Tech*).
const INSTITUTION_WORDS: &[&str] = &[
    "Police", "Sheriff", "Fire", "School", "Schools", "Public", "Bureau", "Department", "County",
    "City", "State", "University", "College", "Academy", "Tech", "Country", "Commonwealth",
    "Council", "Board", "Association", "Commission", "Community", "Regional", "National", "General",
    "Memorial", "Hospital", "Medical", "Health", "Center", "Centre", "Church", "Chamber", "Club",
    "Court", "District", "Township", "Town", "Village", "Mall", "Airport", "Station", "Park", "High",
    "Middle", "Elementary", "Library", "Museum", "Theatre", "Theater", "Times", "Post", "Journal",
    "News", "Herald", "Gazette", "Tribune", "Daily", "Press", "Bank", "Power", "Energy", "Electric",
    "Railroad", "Railway", "Transit", "Zoo", "Symphony", "Senate", "House", "Assembly",
    "Legislature", "Republic", "Democrats", "Republicans", "Educators", "PTA", "Department",
    "Division", "Office", "Authority", "Agency", "Institute", "Foundation", "Society", "Corps",
    "Guard", "Army", "Navy", "Bar", "Supreme", "Superior", "Circuit", "Federal",
];

/// What follows a person's name, and a small town's hardly ever, in English news: a verb of
/// speech (*Chester said*) or an age between commas (*McDonald, 24, of Archer*).
const SPEECH_VERBS: &[&str] = &[
    "said", "says", "told", "added", "explained", "stated", "noted", "wrote", "asked", "replied",
    "testified", "recalled", "admitted", "acknowledged",
];

static SPEECH_VERB_SET: WordSet = WordSet::new(&[SPEECH_VERBS]);
static INSTITUTION_WORD_SET: WordSet = WordSet::new(&[INSTITUTION_WORDS]);

/// True when the word ending at `end` is followed by a verb of speech or an age.
fn speaker_at(text: &str, end: usize) -> bool {
    match text.as_bytes().get(end) {
        Some(b' ') => {
            let verb_may_follow = text.as_bytes().get(end + 1).is_some_and(|&b| SPEECH_VERB_SET.may_start_with(b));
            return verb_may_follow && word_after(text, end).is_some_and(|verb| SPEECH_VERB_SET.contains(verb));
        }
        Some(b',') => {}
        _ => return false,
    }
    let Some(rest) = text[end..].strip_prefix(", ") else { return false };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    (1..=3).contains(&digits) && rest[digits..].starts_with(',')
}

/// The person names of one document.
#[derive(Debug, Default)]
pub(crate) struct PersonNames<'t> {
    /// Byte ranges of the names after their heads (*Walker* in *Scott Walker*).
    spans: Vec<(usize, usize)>,
    /// Byte ranges of the given names and titles that head a name (*Georgia* in *Georgia
    /// Smith*, *Trooper* in *Trooper Matt Blair*), and of first names before a middle initial
    /// (*Lynnwood* in *Lynnwood W. Schell*), sorted.
    heads: Vec<(usize, usize)>,
    /// Their words as written.
    words: WordBag<'t>,
    /// Capitalised words that speak or have an age somewhere in the document (*Chester said*,
    /// *McDonald, 24,*), and last words of names with a middle initial or a nickname
    /// (*Kijuan D. McDonald*, *Jonathan J. “Wee Man” McDaniel*), whatever their first name.
    speakers: WordBag<'t>,
}

impl<'t> PersonNames<'t> {
    /// The person names of `text`, whose runs of word characters are `runs`
    /// (`words::WordRuns`).
    pub fn of(text: &'t str, runs: &[(usize, usize)]) -> PersonNames<'t> {
        /// The capitalised words of the last text on this thread: a buffer reused from text to
        /// text (but after a text of more words than this).
        const KEPT_WORDS: usize = 1 << 16;
        thread_local! {
            static WORDS: std::cell::Cell<Vec<Word>> = const { std::cell::Cell::new(Vec::new()) };
        }
        with_reused(&WORDS, |ws| ws.capacity() <= KEPT_WORDS, |ws| {
            ws.clear();
            capitalised_words(text, runs, ws);
            PersonNames::of_words(text, ws)
        })
    }

    /// The person names of `text`, whose capitalised words are `ws` (`capitalised_words`): a
    /// name is made of capitalised words only, each joined to the one before it by a space (or
    /// a full stop and a space), so that no other word stands between them.
    fn of_words(text: &'t str, ws: &[Word]) -> PersonNames<'t> {
        let mut names = PersonNames::default();
        let bytes = text.as_bytes();
        for (k, w) in ws.iter().enumerate() {
            // One letter: as many bytes as its first character's UTF-8 encoding.
            let first_len = match bytes[w.start] {
                b if b < 0x80 => 1,
                b if b < 0xE0 => 2,
                b if b < 0xF0 => 3,
                _ => 4,
            };
            if w.end - w.start == first_len {
                continue;
            }
            // A name with a middle initial: its first word heads it (*Lynnwood* W. Schell), and its
            // last is a person's name wherever else it stands (not *Washington D. C.*: the word
            // after an initial must be a word of two letters or more, as here).
            let after_initial = k >= 2 && after_initial(text, &ws[k - 2], &ws[k - 1], w);
            if after_initial {
                names.heads.push((ws[k - 2].start, ws[k - 2].end));
            }
            if after_initial || speaker_at(text, w.end) || after_nickname(text, w) {
                names.speakers.insert(&text[w.start..w.end]);
            }
        }
        // Each capitalised word in turn but those of a name found (`resume`).
        let mut resume = 0;
        for i in 0..ws.len() {
            if i < resume || i + 1 >= ws.len() {
                continue;
            }
            let head = ws[i];
            // A name needs a capitalised word right after its head (see the loop below): most
            // capitalised words are not followed by one, and are not looked up.
            let gap = &bytes[head.end..ws[i + 1].start];
            if !(gap == b" " || (head.dot && gap == b". ")) {
                continue;
            }
            let kind = name_head_kind(&text[head.start..head.end], head.dot);
            if kind == 0 {
                continue;
            }
            // A given name before an institution's word names the institution after a place
            // (*Georgia Bureau of Investigation*, *Alexandria Police*), not a person: the head
            // stays a place, the words after it are still no places of their own.
            let next = &text[ws[i + 1].start..ws[i + 1].end];
            let next = next.strip_suffix("'s").or_else(|| next.strip_suffix("’s")).unwrap_or(next);
            let institution = kind & TITLE == 0 && INSTITUTION_WORD_SET.contains(next);
            // The name: capitalised words, each after one space (or after an initial's full
            // stop and a space: *George W. Bush*).
            let mut j = i + 1;
            let mut last = None;
            while j < ws.len() {
                let prev = ws[j - 1];
                let gap = &text[prev.end..ws[j].start];
                let after_dot = prev.dot && (j - 1 == i || prev.end - prev.start == 1);
                let joined = gap == " " || (after_dot && gap == ". ");
                if !joined {
                    break;
                }
                let w = &text[ws[j].start..ws[j].end];
                let initial = ws[j].dot && w.chars().count() == 1;
                if !institution && !initial {
                    names.words.insert(w);
                }
                last = Some(j);
                j += 1;
            }
            if let Some(last) = last {
                names.spans.push((ws[i + 1].start, ws[last].end));
                if !institution {
                    names.heads.push((head.start, head.end));
                }
                resume = last + 1;
            }
        }
        names.heads.sort_unstable();
        names.heads.dedup();
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

    /// True when the span is exactly the given name or title heading a person's name
    /// (*Georgia* Smith, *Trooper* Matt Blair, *Lynnwood* W. Schell).
    pub fn is_name_head(&self, start: usize, end: usize) -> bool {
        self.heads.binary_search(&(start, end)).is_ok()
    }

    /// True when `surface` (one word, as written) is a word of a person's name in the document.
    pub fn has_word(&self, surface: &str) -> bool {
        self.words.contains(surface)
    }

    /// True when `surface` (one word, as written) speaks or has an age in the document, or
    /// ends a name with a middle initial or a nickname.
    pub fn is_speaker(&self, surface: &str) -> bool {
        self.speakers.contains(surface)
    }
}

/// Words that open Arabic compound given names, "servant of" one of God's names (*Abdel-Hamid*,
/// *Abdul Salam*, *Abd al-Rahman*): the name after one is no place (*Hamid*, Isparta).
const ABD_PREFIXES: &[&str] = &["Abdel", "Abdul", "Abdal", "Abdoul", "Abdil", "Abd", "Abd el", "Abd al", "Abd-el", "Abd-al"];

/// True when the span is a word of an Arabic person's name: the second word of a compound given
/// name (*Abdel-**Hamid***), or a one-word given name before a family name with its article
/// (***Hani** El-Egeizi*, ***Sami** Al-Sheshini*), which towns are not followed by.
pub(crate) fn in_arabic_name(text: &str, start: usize, end: usize) -> bool {
    let bytes = text.as_bytes();
    // Every prefix starts with *Abd*, ends with *l* or *d* and has six bytes at most (a test
    // says so): most spans have no such byte before their hyphen or space, or no *Abd* in the
    // six bytes before that, and are not compared with each prefix.
    let prefix_may_end = start >= 2 && matches!(bytes[start - 1], b'-' | b' ') && matches!(bytes[start - 2], b'l' | b'd');
    if prefix_may_end {
        let before = &text[..start];
        let abd_near = |b: &str| b.as_bytes()[b.len().saturating_sub(6)..].windows(3).any(|w| w == b"Abd");
        let after_abd = before.strip_suffix(['-', ' ']).is_some_and(|b| {
            abd_near(b) && ABD_PREFIXES.iter().any(|p| b.strip_suffix(p).is_some_and(|r| !r.ends_with(char::is_alphanumeric)))
        });
        if after_abd {
            return true;
        }
    }
    let after = &bytes[end..];
    let family = (after.starts_with(b" El-") || after.starts_with(b" Al-")).then(|| &text[end + 4..]);
    family.is_some_and(|f| f.starts_with(char::is_uppercase)) && !text[start..end].contains(' ')
}

/// True when `last` follows a capitalised `first` word and a middle initial (*Kijuan D.
/// McDonald*).
fn after_initial(text: &str, first: &Word, middle: &Word, last: &Word) -> bool {
    middle.dot
        && middle.end - middle.start == 1
        && text.as_bytes()[middle.start].is_ascii_uppercase()
        && capitalised(&text[first.start..first.end])
        && &text[first.end..middle.start] == " "
        && &text[middle.end..last.start] == ". "
}

/// True when `last` follows a capitalised word and a quoted nickname (*Jonathan “Wee Man”
/// McDaniel*).
fn after_nickname(text: &str, last: &Word) -> bool {
    // A closing quote and a space before the word: most words have no quote (`"` or the last
    // byte of `”`) two bytes before them.
    if last.start < 2 || !matches!(text.as_bytes()[last.start - 2], b'"' | 0x9D) {
        return false;
    }
    let before = &text[..last.start];
    let Some(quoted) = before.strip_suffix("” ").or_else(|| before.strip_suffix("\" ")) else {
        return false;
    };
    // The nickname: a few words after an opening quote, itself after a capitalised word.
    // Only the last 20 characters are searched: an opening quote further back opens a nickname
    // of more characters than that.
    let window = quoted.char_indices().rev().nth(19).map_or(0, |(i, _)| i);
    let Some(open) = quoted[window..].rfind(['“', '"']).map(|open| window + open) else { return false };
    let nickname = &quoted[open..];
    if nickname.chars().count() > 20 {
        return false;
    }
    let Some(name) = quoted[..open].strip_suffix(' ') else { return false };
    let first_word = name.rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    capitalised(first_word)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::words::word_runs;

    impl<'t> PersonNames<'t> {
        fn of_text(text: &'t str) -> PersonNames<'t> {
            PersonNames::of(text, &word_runs(text))
        }
    }

    #[test]
    fn capitalised_words_from_runs_equal_a_scan_of_the_text() {
        const PIECES: &[&str] = &[
            "Scott", "Walker", "Mr", "Mr.", "W.", "O'", "Brien", "’", "'", "-", "said", "Élodie", "ÉTAT", "über",
            ".", ". ", " ", "  ", ", ", "\n", "x", "A", "é", "北京", "\u{301}", "1st", "M.", "×", "--", "''",
        ];
        let mut rng = crate::test_rng::XorShift(0x9e37_79b9_7f4a_7c15);
        let mut next = || rng.next();
        let mut texts: Vec<String> = (0..5_000)
            .map(|i| (0..1 + i % 30).map(|_| PIECES[(next() % PIECES.len() as u64) as usize]).collect())
            .collect();
        let seeds = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
        texts.extend(std::fs::read_dir(seeds).into_iter().flatten().filter_map(|f| std::fs::read_to_string(f.ok()?.path()).ok()));
        let key = |w: &Word| (w.start, w.end, w.dot);
        for text in &texts {
            let mut streamed = Vec::new();
            capitalised_words(text, &word_runs(text), &mut streamed);
            let streamed: Vec<_> = streamed.iter().map(key).collect();
            let scanned: Vec<_> = words(text).iter().filter(|w| capitalised(&text[w.start..w.end])).map(key).collect();
            assert_eq!(streamed, scanned, "{text:?}");
        }
    }

    #[test]
    fn name_heads_as_the_lists_say() {
        let given: rustc_hash::FxHashSet<&str> =
            GIVEN_NAMES_TXT.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect();
        let listed = |word: &str| {
            let bare = word.strip_suffix('.').unwrap_or(word);
            TITLES.contains(&bare) || (bare.len() == word.len() && given.contains(word))
        };
        let mut words: Vec<String> = given.iter().map(|w| w.to_string()).chain(TITLES.iter().map(|w| w.to_string())).collect();
        words.extend(words.clone().iter().map(|w| format!("{w}.")));
        words.extend(["", ".", "mr", "MR", "Mr..", "Scott.", "Walker", "Doña"].map(String::from));
        for w in &words {
            assert_eq!(is_name_head(w), listed(w), "{w:?}");
            assert_eq!(head_kind(w) & GIVEN != 0, given.contains(w.as_str()), "{w:?}");
        }
    }

    fn spans(text: &str) -> Vec<&str> {
        PersonNames::of_text(text).spans.iter().map(|&(s, e)| &text[s..e]).collect()
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
    fn not_before_institution_words() {
        let text = "the Georgia Bureau of Investigation and Alexandria Police’s Commonwealth said";
        let names = PersonNames::of_text(text);
        assert!(!names.is_name_head(4, 11));
        assert!(!names.has_word("Bureau"));
        assert!(names.covers(text.find("Commonwealth").unwrap()));
        let text = "Georgia Smith met Mayor Police Chief";
        let names = PersonNames::of_text(text);
        assert!(names.is_name_head(0, 7));
        assert!(names.has_word("Smith"));
        assert!(names.has_word("Police")); // a title heads whatever follows
    }

    #[test]
    fn not_across_sentences_or_lower_case_words() {
        assert!(spans("He met Scott. Walker came later").is_empty());
        assert!(spans("Scott walked to Paris").is_empty());
        assert!(spans("In Georgia, officials said").is_empty()); // "In" is no given name
        assert!(spans("Paris Texas").is_empty()); // a rare given name is no head
    }

    #[test]
    fn speakers_ages_initials_and_nicknames() {
        let text = "Chester said so. Deputies met McDonald, 24, of Archer. Kijuan D. Holroyd came \
                    with Jonathan “Wee Man” McDaniel. Paris, Texas, is far. Police in Lincoln say";
        let names = PersonNames::of_text(text);
        for word in ["Chester", "McDonald", "Holroyd", "McDaniel"] {
            assert!(names.is_speaker(word), "{word}");
        }
        for word in ["Paris", "Texas", "Lincoln", "Deputies", "D"] {
            assert!(!names.is_speaker(word), "{word}");
        }
    }

    #[test]
    fn titles_and_first_names_before_initials_head_names() {
        let text = "filed by Trooper Matt Blair. Her son, Lynnwood W. Schell, met Brig. Gen. Kurt Stein";
        let names = PersonNames::of_text(text);
        for head in ["Trooper", "Lynnwood", "Brig"] {
            let start = text.find(head).unwrap();
            assert!(names.is_name_head(start, start + head.len()), "{head}");
        }
        // Two initials are no middle name.
        let text = "in Washington D. C. Smith said";
        assert!(!PersonNames::of_text(text).is_name_head(3, 13));
        let text = "in Washington D. C. police said";
        assert!(!PersonNames::of_text(text).is_name_head(3, 13));
    }

    #[test]
    fn abd_prefixes_start_with_abd() {
        assert!(ABD_PREFIXES.iter().all(|p| p.starts_with("Abd") && p.len() <= 6 && (p.ends_with('l') || p.ends_with('d'))));
    }

    #[test]
    fn words_of_arabic_names() {
        let at = |text: &str, word: &str| crate::gazetteer::tests::rule_at(in_arabic_name, text, word);
        assert!(at("replacing Amir Abdul-Hamid and", "Hamid"));
        assert!(at("midfielder Abdel-Salam Nagah", "Salam"));
        assert!(at("said Abd al-Rahman", "Rahman"));
        assert!(at("Strikers Hani El-Egeizi and", "Hani"));
        assert!(at("coach Sami Al-Sheshini was", "Sami"));
        assert!(!at("fighting in Hamid and Salam", "Hamid"));
        assert!(!at("near Deir el-Zor", "Deir")); // a town's article is lower case
        assert!(!at("the Kabdul-Hamid road", "Hamid")); // a word ending in "abdul" is no prefix
        assert!(!at("Cairo El-", "Cairo"));
    }

    #[test]
    fn person_words_and_coverage() {
        let text = "Scott Walker won. Walker said so.";
        let names = PersonNames::of_text(text);
        assert!(names.has_word("Walker"));
        assert!(!names.has_word("Scott"));
        assert!(names.covers(text.find("Walker").unwrap()));
        assert!(!names.covers(text.rfind("Walker").unwrap()));
        assert!(!names.covers(0));
        assert!(names.is_name_head(0, 5));
        assert!(!names.is_name_head(6, 12));
    }
}
