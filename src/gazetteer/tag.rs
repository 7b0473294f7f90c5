//! Tagging: every name of the gazetteer in a text, as mentions with Python `str` offsets.
//!
//! Two tiers. The exact tier runs one Aho-Corasick automaton (leftmost-longest) over the
//! folded text and maps matches back through the normaliser's offset map; a match counts only
//! on word boundaries, written as a name may be (case), and not a stopword of the text's
//! language on its own. The variant tier looks up the variant key of capitalised word n-grams
//! that the exact tier left alone (*Boukamal* → "Ālbū Kamāl"). Then each mention gets one
//! entity, chosen from the document's context (see `resolve`).

use std::cell::RefCell;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use super::build::{Gazetteer, Groups, Matcher, NameRef, Role};
use super::entity::CaseMode;
use super::resolve::{resolve, Found, Option_};
use super::stopwords;
use super::words::{ends_word, is_word_char, starts_word, Shape};
use crate::error::Result;
use crate::langid::{Language, LanguageDetector};
use crate::normalize::{normalize, normalize_with_offsets, NormalizedText};
use crate::text_offsets::CharIndexer;
use crate::variants::variant_key;

/// How a mention or candidate matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MatchKind {
    /// The entity's name, exactly as written.
    Exact,
    /// One of its aliases, exactly as written.
    Alias,
    /// A name or alias once case, accents and punctuation are folded.
    Normalized,
    /// A transliteration variant of a name (same variant key).
    Variant,
    /// An adjective or demonym of the entity (*syrienne*, *Kurdish*).
    Demonym,
    /// Similar but not equal (`find` only).
    Fuzzy,
}

impl MatchKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MatchKind::Exact => "exact",
            MatchKind::Alias => "alias",
            MatchKind::Normalized => "normalized",
            MatchKind::Variant => "variant",
            MatchKind::Demonym => "demonym",
            MatchKind::Fuzzy => "fuzzy",
        }
    }

    /// Confidence that a match of this kind is the name (before context).
    pub fn base_score(self) -> f64 {
        match self {
            MatchKind::Exact => 1.0,
            MatchKind::Alias => 0.95,
            MatchKind::Normalized => 0.9,
            MatchKind::Variant => 0.75,
            MatchKind::Demonym => 0.7,
            MatchKind::Fuzzy => 0.5,
        }
    }
}

/// One entity found in a text. `start`/`end` are code-point (Python `str`) indices.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub entity: u32,
    pub score: f64,
    pub match_kind: MatchKind,
    /// Other entities the same words could name, best first.
    pub alternatives: Vec<u32>,
}

/// Options of `tag`.
#[derive(Debug, Clone, Default)]
pub struct TagOptions {
    /// The text's language (stopwords); detected when `None`.
    pub lang: Option<Language>,
    /// Tag demonyms and adjectives (`match="demonym"`).
    pub demonyms: bool,
    /// Run the variant tier; `None`: only with case="smart".
    pub variants: Option<bool>,
}

impl TagOptions {
    pub fn new() -> TagOptions {
        TagOptions { lang: None, demonyms: true, variants: None }
    }

    /// Options with a language given by code or name (`"fr"`, `"fra"`, `"French"`).
    pub fn with_lang(mut self, lang: Option<&str>) -> Result<TagOptions> {
        self.lang = lang.map(Language::parse).transpose()?;
        Ok(self)
    }
}

/// English words turn up in news of every language (titles, quotes, agency names), so English
/// stopwords count in every text.
fn english() -> u64 {
    stopwords::language_bit("en").unwrap_or(0)
}

/// English function words, a quarter of the words of any English text and few of other
/// languages'. A text whose opening words are this dense in them is English without asking
/// the detector (the common case of news in English, and the costliest part of tagging it).
const ENGLISH_FUNCTION_WORDS: &[&str] = &[
    "the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "with", "as", "was", "by", "at", "from",
    "it", "his", "her", "said", "he", "she", "be", "are", "has", "have", "an", "were", "will", "but", "not",
    "this", "their", "they", "which", "after", "who", "been", "had", "its", "or", "would", "there",
];

fn looks_english(sample: &str) -> bool {
    let mut words = 0;
    let mut function = 0;
    for word in sample.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).take(120) {
        words += 1;
        if word.len() <= 5 && ENGLISH_FUNCTION_WORDS.iter().any(|f| f.eq_ignore_ascii_case(word)) {
            function += 1;
        }
    }
    words >= 20 && function * 100 >= words * 28
}

/// Bytes of a text that language detection reads: enough for a news article's language.
const SAMPLE: usize = 800;

/// The stopword languages of one text, detected only if some match needs them.
struct TextLanguage<'a> {
    text: &'a str,
    bits: Option<u64>,
}

impl TextLanguage<'_> {
    /// Whether a folded form with stopword languages `stop` is a stopword here. English
    /// stopwords always are (see `bits`), which spares detecting the language of most texts.
    fn is_stopword(&mut self, stop: u64) -> bool {
        stop != 0 && (stop & english() != 0 || stop & self.bits() != 0)
    }

    fn bits(&mut self) -> u64 {
        if let Some(bits) = self.bits {
            return bits;
        }
        static DETECTOR: OnceLock<LanguageDetector> = OnceLock::new();
        let mut end = self.text.len().min(SAMPLE);
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let sample = &self.text[..end];
        if looks_english(sample) {
            self.bits = Some(english());
            return english();
        }
        let detected = DETECTOR.get_or_init(LanguageDetector::default).detect(sample);
        let bits = match detected {
            // An unreliable guess on a short text is still the best clue to its language.
            Some(d) => stopwords::language_bit(d.language.code()).unwrap_or(0) | english(),
            None => stopwords::ANY_LANGUAGE,
        };
        self.bits = Some(bits);
        bits
    }
}

/// The first letter of a folded name once a leading Arabic article is set aside, with letters
/// that transliterations swap (*Ou*/*U*/*W*, *I*/*E*/*Y*, *K*/*Q*/*C*, *J*/*G*/*Dj*) taken as
/// one. The variant key ignores vowels, which lets *Urban* meet *‘Irbīn*; two spellings of one
/// name start alike.
pub(crate) fn initial_class(folded: &str) -> char {
    let mut rest = folded.trim_start_matches(|c: char| !c.is_alphanumeric());
    for article in ["al-", "el-", "al ", "el ", "al'", "el'"] {
        if let Some(r) = rest.strip_prefix(article) {
            rest = r;
            break;
        }
    }
    // Abu / Abou / Albu / Bou: the Maghrebi spelling drops the first vowel.
    if ["abu", "abou", "albu"].iter().any(|abu| rest.starts_with(abu)) {
        return 'b';
    }
    match rest.chars().find(|c| c.is_alphanumeric()) {
        None => '\0',
        Some('o' | 'u' | 'w') => 'u',
        Some('i' | 'e' | 'y') => 'i',
        Some('k' | 'q' | 'c') => 'k',
        Some('d') if rest.starts_with("dj") => 'j',
        Some('j' | 'g') => 'j',
        Some(c) => c,
    }
}

/// Countries whose names reach Latin-script news through transliteration (Arabic, Persian,
/// Cyrillic, Greek, Hebrew, Armenian, Georgian, Indic, East Asian, Ethiopic scripts, and the
/// former Soviet republics that switched to Latin). Elsewhere a place is spelled in Latin at
/// home, so a Latin word with its variant key but not its spelling is another word
/// (*Hickson* / Hockessin, *Saturday* / Stroud, *Property* / Freeport), not a variant.
const TRANSLITERATED_COUNTRIES: &[&str] = &[
    "AE", "AF", "AM", "AZ", "BD", "BG", "BH", "BT", "BY", "CN", "CY", "DZ", "EG", "EH", "ER", "ET", "GE", "GR",
    "HK", "IL", "IN", "IQ", "IR", "JO", "JP", "KG", "KH", "KP", "KR", "KW", "KZ", "LA", "LB", "LK", "LY", "MA",
    "ME", "MK", "MM", "MN", "MO", "MR", "MV", "NP", "OM", "PK", "PS", "QA", "RS", "RU", "SA", "SD", "SY", "TH",
    "TJ", "TM", "TN", "TW", "UA", "UZ", "YE",
];

/// Whether a place of `country` may be written in Latin letters as a transliteration variant.
fn transliterated(country: Option<&str>) -> bool {
    country.is_some_and(|c| TRANSLITERATED_COUNTRIES.binary_search(&c).is_ok())
}

/// Whether every letter of `s` is a Latin letter.
fn latin_script(s: &str) -> bool {
    s.chars().filter(|c| c.is_alphabetic()).all(|c| c.is_ascii() || ('\u{c0}'..='\u{24f}').contains(&c) || ('\u{1e00}'..='\u{1eff}').contains(&c))
}

fn same_initial(a: char, b: char) -> bool {
    a == b || !a.is_ascii() || !b.is_ascii() || a == '\0' || b == '\0'
}

/// Particles that may lead or sit inside a multi-word name in lower case (*al-Bukamal*,
/// *Deir ez-Zor*, *Bachar el-Assad*).
fn is_particle(word: &str) -> bool {
    matches!(
        word,
        "al" | "el" | "ad" | "ar" | "as" | "at" | "az" | "ash" | "an" | "ed" | "er" | "es" | "et" | "ez" | "ech"
            | "ibn" | "bin" | "ben" | "abu" | "abou" | "bou" | "de" | "di" | "du" | "da" | "del" | "der" | "van"
            | "von"
    )
}

/// End of the word containing byte `at` of `hay` (or `at` itself after a non-word char).
fn end_of_word(hay: &str, at: usize) -> usize {
    let mut end = at;
    for c in hay[at..].chars() {
        if !is_word_char(c) {
            break;
        }
        end += c.len_utf8();
    }
    if end == at {
        end + hay[at..].chars().next().map_or(1, char::len_utf8)
    } else {
        end
    }
}

impl Gazetteer {
    /// Every mention of the gazetteer's entities in `text`, in text order, none overlapping.
    pub fn tag(&self, text: &str, options: &TagOptions) -> Result<Vec<Mention>> {
        let matcher = self.matcher()?;
        let mut lang = TextLanguage {
            text,
            bits: options.lang.map(|l| stopwords::language_bit(l.code()).unwrap_or(0) | english()),
        };
        let mut found = Vec::new();
        if let Some(matcher) = matcher {
            if self.case == CaseMode::Sensitive {
                self.exact_tier(matcher, text, text, None, options, &mut lang, &mut found);
            } else {
                let folded = normalize_with_offsets(text);
                self.exact_tier(matcher, text, &folded.text, Some(&folded), options, &mut lang, &mut found);
            }
        }
        let variants = options.variants.unwrap_or(self.case == CaseMode::Smart);
        if variants {
            self.variant_tier(text, options, &mut lang, &mut found);
        }
        found.sort_by_key(|f| f.start);
        let resolved = resolve(self, text, found);
        let indexer = CharIndexer::new(text);
        Ok(resolved
            .into_iter()
            .map(|r| Mention {
                start: indexer.char_index(r.start),
                end: indexer.char_index(r.end),
                text: text[r.start..r.end].to_string(),
                entity: r.entity,
                score: r.score,
                match_kind: r.match_kind,
                alternatives: r.alternatives,
            })
            .collect())
    }

    /// `tag` over many texts on `threads` threads (`None`: all cores); same answers, same order.
    pub fn tag_batch(&self, texts: &[&str], options: &TagOptions, threads: Option<usize>) -> Result<Vec<Vec<Mention>>> {
        self.prepare()?;
        crate::parallel::map_ordered(texts, threads, |text| self.tag(text, options))?.into_iter().collect()
    }

    /// The raw scan `tag` starts from: leftmost-longest matches of the automaton over an
    /// already folded text, counted. The benchmark's practical limit for `tag`.
    pub fn raw_scan(&self, folded: &str) -> Result<usize> {
        Ok(self.matcher()?.map_or(0, |m| m.leftmost_find_iter(folded).count()))
    }

    fn pattern_groups(&self) -> &Groups {
        self.surfaces.as_ref().unwrap_or(&self.forms)
    }

    #[allow(clippy::too_many_arguments)]
    fn exact_tier(
        &self,
        matcher: &Matcher,
        text: &str,
        hay: &str,
        folded: Option<&NormalizedText>,
        options: &TagOptions,
        lang: &mut TextLanguage,
        found: &mut Vec<Found>,
    ) {
        let groups = self.pattern_groups();
        // Under case="smart" most raw matches are common words in lower case (the, and, des).
        // Which folded positions come from an ASCII lower-case letter of the text is known from
        // the offset map in one pass, so those matches go without mapping each back.
        let lowercase_at: Vec<bool> = match folded {
            Some(f) if self.case == CaseMode::Smart => {
                let mut at = vec![false; hay.len() + 1];
                let bytes = text.as_bytes();
                for (&out, src) in f.char_starts().iter().zip(f.char_sources()) {
                    at[out] = bytes.get(src.start).is_some_and(u8::is_ascii_lowercase);
                }
                at
            }
            _ => Vec::new(),
        };
        let mut pos = 0;
        'scan: while pos < hay.len() {
            // Matches come from one iterator as long as the scan may go on where the last
            // match ended; a rejected multi-word match restarts it inside that match.
            for m in matcher.leftmost_find_iter(&hay[pos..]) {
                let (start, end) = (pos + m.start(), pos + m.end());
                if lowercase_at.get(start).copied().unwrap_or(false)
                    && !self.form_lowercase_ok.get(m.value() as usize).copied().unwrap_or(true)
                    && hay[start..end].chars().all(is_word_char)
                {
                    continue; // one word starting in lower case: no name it may be wants that
                }
                if let Some(f) = self.accept(text, hay, folded, start, end, m.value(), options, lang) {
                    found.push(f);
                    continue;
                }
                if !hay[start..end].chars().any(|c| !is_word_char(c)) {
                    continue; // one word: nothing shorter can start here on a word boundary
                }
                // The longest name here does not count; a shorter one ending on a word end may.
                let ends: Vec<usize> = hay[start..end]
                    .char_indices()
                    .filter(|&(i, c)| i > 0 && !is_word_char(c))
                    .map(|(i, _)| start + i)
                    .collect();
                for &e in ends.iter().rev() {
                    if let Some(g) = groups.get(&hay[start..e]) {
                        if let Some(f) = self.accept(text, hay, folded, start, e, g, options, lang) {
                            found.push(f);
                            pos = e;
                            continue 'scan;
                        }
                    }
                }
                pos = end_of_word(hay, start);
                continue 'scan;
            }
            break;
        }
    }

    /// The match of pattern `group` at `start..end` of `hay` as a mention, if it counts.
    #[allow(clippy::too_many_arguments)]
    fn accept(
        &self,
        text: &str,
        hay: &str,
        folded: Option<&NormalizedText>,
        start: usize,
        end: usize,
        group: u32,
        options: &TagOptions,
        lang: &mut TextLanguage,
    ) -> Option<Found> {
        if !starts_word(hay, start) || !ends_word(hay, end) {
            return None;
        }
        let (ostart, oend) = match folded {
            Some(f) => {
                let r = f.source_range(start, end);
                if r.start >= r.end || r.end > text.len() || !starts_word(text, r.start) || !ends_word(text, r.end) {
                    return None;
                }
                (r.start, r.end)
            }
            None => (start, end),
        };
        let span = &text[ostart..oend];
        let smart = self.case == CaseMode::Smart;
        if smart {
            // Most raw matches are common words in lower case (the, and, des): out at once
            // unless a name that may be written in lower case (a demonym, a phrase such as
            // *aviation russe*) is among the names.
            let lowercase_ok = self.surfaces.is_none() && self.form_lowercase_ok.get(group as usize).copied().unwrap_or(false);
            if span.is_ascii() && !lowercase_ok && !span.bytes().any(|b| b.is_ascii_uppercase()) {
                return None;
            }
            if !span.chars().any(char::is_alphabetic) {
                return None; // numbers and codes are not names in running text
            }
        }
        let shape = Shape::of(span);
        let one_word = !hay[start..end].contains(' ');
        let stop_langs = if smart && one_word {
            let form = if self.surfaces.is_some() { None } else { Some(group) };
            form.and_then(|g| self.form_stop_langs.get(g as usize)).copied().unwrap_or(0)
        } else {
            0
        };
        let mut options_ = Vec::new();
        let mut acronym_in_capitals = false;
        for &n in self.pattern_groups().members(group) {
            let name: &NameRef = &self.names[n as usize];
            if name.role == Role::Demonym && !options.demonyms {
                continue;
            }
            if smart && name.role != Role::Demonym && !shape.fits_name(name.shape) {
                continue;
            }
            if name.exact_case && self.surface(name) != span {
                continue;
            }
            acronym_in_capitals |= name.shape.all_caps && shape.all_caps;
            let kind = match name.role {
                Role::Demonym => MatchKind::Demonym,
                _ if self.surface(name) != span => MatchKind::Normalized,
                Role::Name => MatchKind::Exact,
                Role::Alias => MatchKind::Alias,
            };
            options_.push((Option_ { entity: name.entity, kind, ambiguous: name.ambiguous }, name.shape.all_caps));
        }
        // Only now, with a name written as a name, is the language worth detecting.
        if !options_.is_empty() && lang.is_stopword(stop_langs) {
            if !acronym_in_capitals {
                return None;
            }
            options_.retain(|&(_, all_caps)| all_caps);
        }
        let options_: Vec<Option_> = options_.into_iter().map(|(o, _)| o).collect();
        (!options_.is_empty()).then(|| Found::new(ostart, oend, options_))
    }

    /// The group of names whose variant key is that of `span` (keys under four letters say
    /// too little). Memoised per thread: capitalised words recur across a stream of articles
    /// (names, sentence openers), and the key is the costly part of the variant tier.
    fn key_group_of(&self, span: &str) -> Option<u32> {
        /// (gazetteer uid, span -> key group) of this thread.
        type Memo = (u64, FxHashMap<Box<str>, Option<u32>>);
        thread_local! {
            static MEMO: RefCell<Memo> = RefCell::new((0, FxHashMap::default()));
        }
        const MEMO_LIMIT: usize = 200_000;
        MEMO.with(|memo| {
            let mut memo = memo.borrow_mut();
            if memo.0 != self.uid || memo.1.len() >= MEMO_LIMIT {
                memo.0 = self.uid;
                memo.1.clear();
            }
            if let Some(&group) = memo.1.get(span) {
                return group;
            }
            let key = variant_key(span);
            let group = if key.chars().count() < 4 { None } else { self.keys.get(&key) };
            memo.1.insert(Box::from(span), group);
            group
        })
    }

    fn variant_tier(&self, text: &str, options: &TagOptions, lang: &mut TextLanguage, found: &mut Vec<Found>) {
        let mut words: Vec<(usize, usize)> = Vec::with_capacity(text.len() / 5);
        let mut start = None;
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let (is_word, width) = if bytes[i] < 0x80 {
                (bytes[i].is_ascii_alphanumeric(), 1)
            } else {
                let c = text[i..].chars().next().unwrap_or(' ');
                (is_word_char(c), c.len_utf8())
            };
            match (is_word, start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    words.push((s, i));
                    start = None;
                }
                _ => {}
            }
            i += width;
        }
        if let Some(s) = start {
            words.push((s, text.len()));
        }
        found.sort_by_key(|f| f.start);
        let mut covered = vec![false; words.len()];
        let mut k = 0;
        for (w, &(ws, we)) in words.iter().enumerate() {
            while k < found.len() && found[k].end <= ws {
                k += 1;
            }
            covered[w] = k < found.len() && found[k].start < we;
        }
        // Capitalised (or caseless-script) words, and lower-case particles.
        let capitalised = |w: &str| match w.as_bytes().first() {
            Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
            _ => w.chars().next().is_some_and(|c| c.is_uppercase() || (c.is_alphabetic() && !c.is_lowercase())),
        };
        let joined = |a: usize, b: usize| {
            let gap = &text[words[a].1..words[b].0];
            !gap.is_empty() && gap.chars().count() <= 2 && gap.chars().all(|c| matches!(c, ' ' | '-' | '\u{a0}'))
        };
        // A capitalised word opening a sentence may be any word (*Soutenues*, *Crédits*): alone,
        // it is taken as a variant only if the text also writes it capitalised mid-sentence.
        let sentence_start = |w: usize| {
            for c in text[..words[w].0].chars().rev() {
                match c {
                    ' ' | '\u{a0}' | '"' | '«' | '“' | '(' | '\'' | '\t' => continue,
                    '.' | '!' | '?' | ':' | '\n' | '\r' | '»' | '”' | ';' | '…' | '-' | '–' | '—' => return true,
                    _ => return false,
                }
            }
            true
        };
        let mut mid_sentence: rustc_hash::FxHashSet<&str> = rustc_hash::FxHashSet::default();
        for (w, &(s, e)) in words.iter().enumerate() {
            if !covered[w] && capitalised(&text[s..e]) && !sentence_start(w) {
                mid_sentence.insert(&text[s..e]);
            }
        }
        let hyphen_before = |w: usize| w > 0 && &text[words[w - 1].1..words[w].0] == "-";
        let mut new = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let word = &text[words[i].0..words[i].1];
            if covered[i] || !(capitalised(word) || (is_particle(word) && i + 1 < words.len() && joined(i, i + 1))) {
                i += 1;
                continue;
            }
            let mut longest = 1;
            while longest < 3 && i + longest < words.len() && !covered[i + longest] && joined(i + longest - 1, i + longest) {
                let next = &text[words[i + longest].0..words[i + longest].1];
                if !(capitalised(next) || is_particle(next)) {
                    break;
                }
                longest += 1;
            }
            let mut matched = 0;
            for n in (1..=longest).rev() {
                let last = &text[words[i + n - 1].0..words[i + n - 1].1];
                // Part of a hyphenated compound (Grande-Bretagne) is not a name of its own.
                if !capitalised(last) || hyphen_before(i) || (i + n < words.len() && hyphen_before(i + n)) {
                    continue;
                }
                if n == 1 && sentence_start(i) && !mid_sentence.contains(&text[words[i].0..words[i].1]) {
                    continue;
                }
                let (s, e) = (words[i].0, words[i + n - 1].1);
                let span = &text[s..e];
                let group = self.key_group_of(span);
                let Some(g) = group else { continue };
                if n == 1 && lang.is_stopword(stopwords::languages_of(&normalize(span))) {
                    continue;
                }
                let shape = Shape::of(span);
                let initial = initial_class(&normalize(span));
                let latin = latin_script(span);
                let mut options_ = Vec::new();
                for &m in self.keys.members(g) {
                    let name = &self.names[m as usize];
                    let ok = match name.role {
                        Role::Demonym => {
                            options.demonyms && (!latin || transliterated(self.entity(name.entity).country.as_deref()))
                        }
                        _ => {
                            !name.shape.all_caps
                                && !name.exact_case
                                && !name.ambiguous
                                && shape.fits_name(name.shape)
                                && same_initial(initial, name.initial)
                                && (!latin || transliterated(self.entity(name.entity).country.as_deref()))
                        }
                    };
                    if ok {
                        let kind = if name.role == Role::Demonym { MatchKind::Demonym } else { MatchKind::Variant };
                        options_.push(Option_ { entity: name.entity, kind, ambiguous: false });
                    }
                }
                if !options_.is_empty() {
                    new.push(Found::new(s, e, options_));
                    matched = n;
                    break;
                }
            }
            i += matched.max(1);
        }
        found.extend(new);
    }
}

#[cfg(test)]
mod tests {
    use super::looks_english;

    #[test]
    fn transliterated_countries_are_sorted() {
        assert!(super::TRANSLITERATED_COUNTRIES.windows(2).all(|w| w[0] < w[1]));
        assert!(super::transliterated(Some("SY")) && !super::transliterated(Some("US")) && !super::transliterated(None));
        assert!(super::latin_script("Boukamal") && super::latin_script("Şanlıurfa") && !super::latin_script("Абу Камал"));
    }

    #[test]
    fn english_is_recognised_by_its_function_words_only() {
        let en = "A Turkish policeman fatally shot Russia's ambassador to Turkey on Monday in front of a shocked \
                  gathering at a photo exhibit and then, pacing near the body of his victim, appeared to condemn \
                  Russia's military role in Syria.";
        let fr = "Le groupe Etat islamique (EI) est parvenu à reprendre samedi à l'issue de violents combats la \
                  ville syrienne de Boukamal, frontalière de l'Irak et ultime bastion urbain des jihadistes.";
        let de = "Die Stadt Abu Kamal liegt am Euphrat, nahe der Grenze zum Irak, und war die letzte Hochburg der \
                  Dschihadisten in Syrien, sagte ein Sprecher am Samstag in Damaskus.";
        assert!(looks_english(en));
        assert!(!looks_english(fr));
        assert!(!looks_english(de));
        assert!(!looks_english("The end"));
    }
}
