//! Tagging: every name of the gazetteer in a text, as mentions with Python `str` offsets.
//!
//! Two tiers. The exact tier runs one Aho-Corasick automaton (leftmost-longest) over the
//! folded text and maps matches back through the normaliser's offset map; a match counts only
//! on word boundaries, written as a name may be (case), and not a stopword of the text's
//! language on its own. The variant tier looks up the variant key of capitalised word n-grams
//! that the exact tier left alone (*Boukamal* → "Ālbū Kamāl"). Then each mention gets one
//! entity, chosen from the document's context (see `resolve`).

use std::cell::{Cell, RefCell};
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use super::build::{Gazetteer, Groups, NameRef, Role};
use super::entity::CaseMode;
use super::longer_names::acronym_in_running_text;
use super::resolve::{resolve, Found, Option_};
use super::reuse::with_reused;
use super::stopwords;
use super::trie::WordHash;
use super::words::{ascii_alphanumeric_end, ascii_lowercase_of_short, ends_word, is_unspaced_script, is_word_char, starts_word, Shape, WordRuns};
use crate::ascii_lanes::all_have;
use crate::error::Result;
use crate::langid::{Language, LanguageDetector};
use crate::normalize::{
    normalize_into, normalize_with_offsets_into, NormalizedText, SOURCE_JOINED, SOURCE_LOWER, SOURCE_SAME,
};
use crate::text_offsets::CharCounter;
use crate::variants::with_variant_key;

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

fn french() -> u64 {
    stopwords::language_bit("fr").unwrap_or(0)
}

/// English function words, a quarter of the words of any English text and few of other
/// languages'. A text whose opening words are this dense in them is English without asking
/// the detector (the common case of news in English, and the costliest part of tagging it).
/// (`is_english_function_word` matches them; the tests hold the two to the same words.)
#[cfg(test)]
const ENGLISH_FUNCTION_WORDS: &[&str] = &[
    "the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "with", "as", "was", "by", "at", "from",
    "it", "his", "her", "said", "he", "she", "be", "are", "has", "have", "an", "were", "will", "but", "not",
    "this", "their", "they", "which", "after", "who", "been", "had", "its", "or", "would", "there",
];

/// Whether `word` (of at most five bytes) is one of `ENGLISH_FUNCTION_WORDS` in any ASCII case:
/// lower-cased once, then one comparison by length and bytes instead of one per word of the list.
fn is_english_function_word(word: &str) -> bool {
    let Some((lower, len)) = ascii_lowercase_of_short::<5>(word) else { return false };
    matches!(
        &lower[..len],
        b"the" | b"of" | b"and" | b"to" | b"in" | b"a" | b"is" | b"that" | b"for" | b"on" | b"with" | b"as" | b"was"
            | b"by" | b"at" | b"from" | b"it" | b"his" | b"her" | b"said" | b"he" | b"she" | b"be" | b"are" | b"has"
            | b"have" | b"an" | b"were" | b"will" | b"but" | b"not" | b"this" | b"their" | b"they" | b"which"
            | b"after" | b"who" | b"been" | b"had" | b"its" | b"or" | b"would" | b"there"
    )
}

/// French function words that the other languages of ../shared/eval/langid use little (*la*,
/// *que*, *en*, *se* are left out: Catalan, Spanish, Italian and Esperanto share them).
/// (`is_french_function_word` matches them; the tests hold the two to the same words.)
#[cfg(test)]
const FRENCH_FUNCTION_WORDS: &[&str] = &[
    "le", "les", "des", "du", "et", "est", "une", "dans", "pour", "qui", "sur", "au", "aux", "pas", "elle", "ce",
    "cette", "avec", "par", "ont", "sont", "mais", "plus", "été", "à", "ses", "leur", "qu", "d", "l", "n",
];

/// Whether `word` (of at most five bytes) is one of `FRENCH_FUNCTION_WORDS`, its ASCII letters in
/// any case.
fn is_french_function_word(word: &str) -> bool {
    let Some((lower, len)) = ascii_lowercase_of_short::<5>(word) else { return false };
    matches!(
        &lower[..len],
        b"le" | b"les" | b"des" | b"du" | b"et" | b"est" | b"une" | b"dans" | b"pour" | b"qui" | b"sur" | b"au"
            | b"aux" | b"pas" | b"elle" | b"ce" | b"cette" | b"avec" | b"par" | b"ont" | b"sont" | b"mais"
            | b"plus" | b"ses" | b"leur" | b"qu" | b"d" | b"l" | b"n"
    ) || matches!(word, "été" | "à")
}

/// Of the first 120 words of `sample` (runs of letters, `char::is_alphabetic`): how many there
/// are, and how many `is_function_word` takes.
fn function_words(sample: &str, is_function_word: fn(&str) -> bool) -> (usize, usize) {
    let (mut words, mut function) = (0, 0);
    let mut count = |word: &str| {
        words += 1;
        if word.len() <= 5 && is_function_word(word) {
            function += 1;
        }
        words < 120
    };
    // Read by bytes: the Unicode table is asked only for a character outside ASCII.
    let bytes = sample.as_bytes();
    let (mut i, mut start) = (0, None);
    while i < bytes.len() {
        let (letter, width) = match bytes[i] {
            b if b < 0x80 => (b.is_ascii_alphabetic(), 1),
            _ => sample[i..].chars().next().map_or((false, 1), |c| (c.is_alphabetic(), c.len_utf8())),
        };
        match (letter, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                start = None;
                if !count(&sample[s..i]) {
                    return (words, function);
                }
            }
            _ => {}
        }
        i += width;
    }
    if let Some(s) = start {
        count(&sample[s..]);
    }
    (words, function)
}

fn looks_english(sample: &str) -> bool {
    let (words, function) = function_words(sample, is_english_function_word);
    // Over 40 words, a lower density still says English: 22% is above every one of 29,822
    // texts of 3 to 8 sentences in 56 other languages (../shared/eval/langid), and below most
    // news articles in English that open with a headline, a byline and names.
    (words >= 20 && function * 100 >= words * 28) || (words >= 40 && function * 100 >= words * 22)
}

/// Whether a text opens as French does: 19% of its first words (at least 40) are French
/// function words. Every one of 25,294 texts of 3 to 8 sentences and 40 words or more in the 56
/// other languages of ../shared/eval/langid stays under 16% (Latin and Catalan are the closest),
/// while 472 of 484 French ones reach 19%, and the five seeds 20-30%. Such a text is French
/// without asking the detector, the costliest step of tagging French news.
fn looks_french(sample: &str) -> bool {
    let (words, function) = function_words(sample, is_french_function_word);
    words >= 40 && function * 100 >= words * 19
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
        if looks_french(sample) {
            // What the detector answers for French (the tests hold them to it on the seeds).
            let bits = french() | english();
            self.bits = Some(bits);
            return bits;
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
pub(crate) fn transliterated(country: Option<&str>) -> bool {
    country.is_some_and(|c| TRANSLITERATED_COUNTRIES.binary_search(&c).is_ok())
}

/// Whether every letter of `s` is a Latin letter.
pub(crate) fn latin_script(s: &str) -> bool {
    // The Unicode table is read only for a character outside the Latin blocks (and the first
    // such letter ends the search).
    s.chars().all(|c| {
        c.is_ascii() || ('\u{c0}'..='\u{24f}').contains(&c) || ('\u{1e00}'..='\u{1eff}').contains(&c) || !c.is_alphabetic()
    })
}

fn same_initial(a: char, b: char) -> bool {
    a == b || !a.is_ascii() || !b.is_ascii() || a == '\0' || b == '\0'
}

/// Particles that may lead or sit inside a multi-word name in lower case (*al-Bukamal*,
/// *Deir ez-Zor*, *Bachar el-Assad*).
fn is_particle(word: &str) -> bool {
    word.len() <= 4
        && matches!(word.as_bytes().first(), Some(b'a' | b'b' | b'd' | b'e' | b'i' | b'v'))
        && matches!(
            word,
            "al" | "el" | "ad" | "ar" | "as" | "at" | "az" | "ash" | "an" | "ed" | "er" | "es" | "et" | "ez" | "ech"
                | "ibn" | "bin" | "ben" | "abu" | "abou" | "bou" | "de" | "di" | "du" | "da" | "del" | "der" | "van"
                | "von"
        )
}

/// Whether the gap between two words lets the variant tier read them as one name: one or two
/// characters, each a space, a hyphen or a no-break space (compared as bytes).
fn joins_words(gap: &[u8]) -> bool {
    const NBSP: [u8; 2] = [0xC2, 0xA0];
    match gap {
        [b' ' | b'-'] | [b' ' | b'-', b' ' | b'-'] => true,
        [x, y, rest @ ..] if [*x, *y] == NBSP => matches!(rest, [] | [b' ' | b'-']) || rest == NBSP,
        [b' ' | b'-', rest @ ..] => rest == NBSP,
        _ => false,
    }
}

/// What the exact tier reads of the source of each character of the folded text (see
/// `NormalizedText::source_facts`).
const LOWER: u8 = SOURCE_LOWER;
const SAME: u8 = SOURCE_SAME;
const JOINED: u8 = SOURCE_JOINED;

/// What the names of a variant key group may be matched as (`Gazetteer::key_variants`): a
/// name (not an acronym, ambiguous or case-sensitive alias) from a Latin spelling (of a place
/// in a country that transliterates, see `transliterated`), a demonym from a Latin spelling,
/// and the same from a spelling in another script.
pub(crate) const KEY_LATIN_NAME: u8 = 1;
pub(crate) const KEY_LATIN_DEMONYM: u8 = 2;
pub(crate) const KEY_NAME: u8 = 4;
pub(crate) const KEY_DEMONYM: u8 = 8;

/// If the word ending at byte `end` of a folded text is followed by one ASCII character that
/// is not a word character and then by a word in plain lower case (ASCII letters and digits as
/// in the source text, see `NormalizedText::source_facts`), the end of that word.
fn plain_word_after(bytes: &[u8], classes: &[u8], end: usize) -> Option<usize> {
    let next = ascii_word_after(bytes, end)?;
    all_have(classes, end, next, SAME | JOINED).then_some(next)
}

/// If the word ending at byte `end` of a folded text is followed by one ASCII character that
/// is not a word character and then by a whole word of ASCII letters and digits (followed by
/// the end or by another ASCII character that is not a word character), the end of that word.
fn ascii_word_after(bytes: &[u8], end: usize) -> Option<usize> {
    let sep = *bytes.get(end)?;
    if !sep.is_ascii() || sep.is_ascii_alphanumeric() {
        return None;
    }
    let i = ascii_alphanumeric_end(bytes, end + 1);
    let ends_word = bytes.get(i).map_or(true, u8::is_ascii);
    (i > end + 1 && ends_word).then_some(i)
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

/// Buffers `tag` reuses from one text to the next on a thread (see `reuse`).
#[derive(Default)]
struct Scratch {
    folded: NormalizedText,
    runs: WordRuns,
    /// The spans found, before resolution.
    found: Vec<Found>,
    variants: VariantBuffers,
}

/// The variant tier's buffers: which words the exact tier's mentions cover, the words listed
/// for its mid-sentence questions, and a span folded.
#[derive(Default)]
struct VariantBuffers {
    covered: Vec<bool>,
    listed: Vec<usize>,
    folded: String,
}

impl VariantBuffers {
    fn bytes(&self) -> usize {
        self.covered.capacity() + self.listed.capacity() * std::mem::size_of::<usize>() + self.folded.capacity()
    }
}

thread_local! {
    static OPTIONS: Cell<Vec<Option_>> = const { Cell::new(Vec::new()) };
}

/// `f` with the thread's buffer for the options of a span, empty (a mention copies them out):
/// no Vec grown for each span tried, by either tier.
fn with_options<R>(f: impl FnOnce(&mut Vec<Option_>) -> R) -> R {
    with_reused(&OPTIONS, |o| o.capacity() <= 1 << 12, |options| {
        options.clear();
        f(options)
    })
}

/// Reused buffers larger than this are dropped after the text (no long-lived large buffers
/// in every thread).
const SCRATCH_LIMIT: usize = 1 << 20;

impl Scratch {
    fn bytes(&self) -> usize {
        self.folded.capacity_bytes() + self.runs.capacity_bytes() + self.found.capacity() * std::mem::size_of::<Found>()
            + self.variants.bytes()
    }
}

thread_local! {
    static SCRATCH: Cell<Scratch> = Cell::default();
}

impl Gazetteer {
    /// Every mention of the gazetteer's entities in `text`, in text order, none overlapping.
    pub fn tag(&self, text: &str, options: &TagOptions) -> Result<Vec<Mention>> {
        with_reused(&SCRATCH, |s| s.bytes() <= SCRATCH_LIMIT, |scratch| self.tag_with(text, options, scratch))
    }

    fn tag_with(&self, text: &str, options: &TagOptions, scratch: &mut Scratch) -> Result<Vec<Mention>> {
        let mut lang = TextLanguage {
            text,
            bits: options.lang.map(|l| stopwords::language_bit(l.code()).unwrap_or(0) | english()),
        };
        let mut found = std::mem::take(&mut scratch.found);
        if self.case == CaseMode::Sensitive {
            self.exact_tier(text, text, None, options, &mut lang, &mut found);
        } else {
            let folded = &mut scratch.folded;
            normalize_with_offsets_into(text, folded);
            self.exact_tier(text, &folded.text, Some(folded), options, &mut lang, &mut found);
        }
        let variants = options.variants.unwrap_or(self.case == CaseMode::Smart);
        // The words of the text, read by the variant tier and by resolution.
        let runs = std::cell::OnceCell::new();
        let spare = std::cell::Cell::new(std::mem::take(&mut scratch.runs));
        let read_runs = || {
            runs.get_or_init(|| {
                let mut runs = spare.take();
                runs.read(text);
                runs
            })
            .runs()
        };
        if variants {
            self.variant_tier(text, read_runs(), options, &mut lang, &mut found, &mut scratch.variants);
        }
        found.sort_by_key(|f| f.start);
        let resolved = resolve(self, text, &read_runs, &mut found);
        scratch.runs = runs.into_inner().unwrap_or_else(|| spare.take());
        scratch.found = found;
        // The mentions come in text order: code-point offsets counted on from one to the next.
        let mut chars = CharCounter::new(text);
        Ok(resolved
            .into_iter()
            .map(|r| Mention {
                start: chars.char_index(r.start),
                end: chars.char_index(r.end),
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

    /// The exact tier: the patterns in `hay` (the folded text, or the text itself under
    /// case="sensitive"), leftmost-longest, each kept if it counts as a mention (`accept`).
    ///
    /// This gives what a leftmost-longest Aho-Corasick scan of every position gives
    /// (`exact_tier_reference`, which the tests hold it to) while looking patterns up only
    /// where a mention may start. Elsewhere the scan would find patterns that cannot count and
    /// whose rejection moves it no further than the end of the word they start in:
    /// - inside a word (but in scripts written without spaces), as no name starts there;
    /// - at a word that is not the first word of any pattern (a pattern found there would end
    ///   inside the word);
    /// - under case="smart", at a word in lower case (ASCII, and so in the source text) that
    ///   begins no pattern that may match there: one that some name may write in lower case
    ///   (a demonym, *iPhone*), or a multi-word one, which can match with a capital further on
    ///   (*the Hague*, *al-Qaïm*). The trie keeps filters of the first words of those
    ///   patterns (which say which words are surely none), of the one-word patterns that a
    ///   name writes in lower case (such a word is tried), and of the first two words of
    ///   patterns: a lower-case word followed by a whole ASCII word begins a pattern of several
    ///   words only if the filters have the two (the pattern's second word must end where the
    ///   text's does, or the match would end inside a word).
    #[allow(clippy::too_many_arguments)]
    fn exact_tier(
        &self,
        text: &str,
        hay: &str,
        folded: Option<&NormalizedText>,
        options: &TagOptions,
        lang: &mut TextLanguage,
        found: &mut Vec<Found>,
    ) {
        let trie = self.trie();
        let classes = match folded {
            Some(f) if self.case == CaseMode::Smart => f.source_facts(),
            _ => &[],
        };
        let bytes = hay.as_bytes();
        let char_at = |i: usize| -> (char, usize) {
            match bytes[i] {
                b if b < 0x80 => (b as char, 1),
                _ => hay[i..].chars().next().map_or((' ', 1), |c| (c, c.len_utf8())),
            }
        };
        let mut pos = 0;
        // `min_end`: where the word at `at` ends (no name ends inside a word).
        let try_at = |at: usize, min_end: usize, pos: &mut usize, lang: &mut TextLanguage, found: &mut Vec<Found>| {
            if let Some((end, group)) = trie.longest_ending_from(bytes, at, min_end) {
                *pos = self.exact_step(text, hay, folded, classes, at, end, group, options, lang, found);
            }
        };
        // Whether the previous character is a word character, and of an unspaced script.
        let (mut prev_word, mut prev_unspaced) = (false, false);
        let mut i = 0;
        while i < bytes.len() {
            let (c, width) = char_at(i);
            if !is_word_char(c) {
                if i >= pos && (!prev_word || (prev_unspaced && is_unspaced_script(c))) {
                    try_at(i, i, &mut pos, lang, found);
                }
                (prev_word, prev_unspaced) = (false, false);
                i += width;
                continue;
            }
            // A word: where it ends, and whether it is ASCII or has characters of unspaced scripts.
            let mut j = i;
            let (mut ascii, mut unspaced) = (true, false);
            let mut last_unspaced = false;
            // ASCII letters and digits eight bytes at a time (no branch on each byte, nor on
            // where a short word ends), then any other character one at a time.
            j = ascii_alphanumeric_end(bytes, j);
            while j < bytes.len() {
                if bytes[j] < 0x80 {
                    if !bytes[j].is_ascii_alphanumeric() {
                        break;
                    }
                    last_unspaced = false;
                    j += 1;
                    continue;
                }
                let (c, width) = char_at(j);
                if !is_word_char(c) {
                    break;
                }
                ascii = false;
                last_unspaced = is_unspaced_script(c);
                unspaced |= last_unspaced;
                j += width;
            }
            if unspaced {
                // Any position may start a name: try them all, as the full scan would.
                let mut k = i;
                while k < j {
                    if k >= pos {
                        try_at(k, k, &mut pos, lang, found);
                    }
                    k += char_at(k).1;
                }
            } else if i >= pos {
                let plain_lower = ascii
                    && classes.get(i).is_some_and(|&c| c & (LOWER | SAME) == LOWER | SAME)
                    && all_have(classes, i + 1, j, SAME | JOINED);
                let word = WordHash::of_in(bytes, i, j);
                let try_here = if !plain_lower {
                    trie.may_begin(word, false)
                } else if !trie.may_begin(word, true) {
                    false
                } else if trie.lower_words.contains_hash(word) {
                    true
                } else {
                    // Only a pattern of several words may count here: one that some name writes
                    // in lower case, or one that has a capital further on (*the Hague*). If the
                    // next word is plain lower case too, so are both: then only a pattern of
                    // three words or more that begins with them may, or one of the first kind.
                    // Either way the pattern begins with this word and the next, if that is a
                    // whole ASCII word (the match cannot end inside it).
                    let two = |end: usize| word.extend_in(bytes, j, end);
                    match plain_word_after(bytes, classes, j) {
                        Some(end) if trie.lower_first_words.contains_hash(word) => trie.first_two_words.contains_hash(two(end)),
                        Some(end) => trie.two_words.contains_hash(two(end)),
                        None => ascii_word_after(bytes, j).map_or(true, |end| trie.first_two_words.contains_hash(two(end))),
                    }
                };
                if try_here {
                    // A word of no unspaced script: a pattern ending inside it would not count
                    // (and the scan would move on no further than the word's end).
                    try_at(i, j, &mut pos, lang, found);
                }
            }
            (prev_word, prev_unspaced) = (true, last_unspaced);
            i = j;
        }
    }

    /// What the exact tier does with the longest pattern `group` at `start..end` of `hay`: the
    /// mention it makes (pushed on `found`), and the position the scan goes on from.
    #[allow(clippy::too_many_arguments)]
    fn exact_step(
        &self,
        text: &str,
        hay: &str,
        folded: Option<&NormalizedText>,
        classes: &[u8],
        start: usize,
        end: usize,
        group: u32,
        options: &TagOptions,
        lang: &mut TextLanguage,
        found: &mut Vec<Found>,
    ) -> usize {
        if classes.get(start).is_some_and(|&c| c & LOWER != 0)
            && !self.group_lowercase_ok(group)
            && hay[start..end].chars().all(is_word_char)
        {
            return end; // one word starting in lower case: no name it may be wants that
        }
        if let Some(f) = self.accept(text, hay, folded, start, end, group, options, lang) {
            found.push(f);
            return end;
        }
        if !hay[start..end].chars().any(|c| !is_word_char(c)) {
            return end; // one word: nothing shorter can start here on a word boundary
        }
        // The longest name here does not count; a shorter one ending on a word end may.
        let groups = self.pattern_groups();
        let ends: Vec<usize> =
            hay[start..end].char_indices().filter(|&(i, c)| i > 0 && !is_word_char(c)).map(|(i, _)| start + i).collect();
        for &e in ends.iter().rev() {
            if let Some(g) = groups.get(&hay[start..e]) {
                if let Some(f) = self.accept(text, hay, folded, start, e, g, options, lang) {
                    found.push(f);
                    return e;
                }
            }
        }
        end_of_word(hay, start)
    }

    /// The exact tier as a leftmost-longest Aho-Corasick scan of every position: what
    /// `exact_tier` must give (the tests compare them).
    #[cfg(test)]
    pub(crate) fn exact_tier_reference(&self, text: &str, options: &TagOptions) -> Vec<(usize, usize, Vec<u32>)> {
        let mut lang = TextLanguage { text, bits: options.lang.map(|l| stopwords::language_bit(l.code()).unwrap_or(0) | english()) };
        let folded = (self.case != CaseMode::Sensitive).then(|| crate::normalize::normalize_with_offsets(text));
        let hay = folded.as_ref().map_or(text, |f| f.text.as_str());
        let classes = match &folded {
            Some(f) if self.case == CaseMode::Smart => f.source_facts(),
            _ => &[],
        };
        let mut found = Vec::new();
        if let Some(matcher) = self.matcher().unwrap() {
            let mut pos = 0;
            'scan: while pos < hay.len() {
                // One iterator as long as the scan goes on where the last match ended.
                for m in matcher.leftmost_find_iter(&hay[pos..]) {
                    let (start, end) = (pos + m.start(), pos + m.end());
                    let next = self.exact_step(text, hay, folded.as_ref(), classes, start, end, m.value(), options, &mut lang, &mut found);
                    if next != end {
                        pos = next;
                        continue 'scan;
                    }
                }
                break;
            }
        }
        found.into_iter().map(|f| (f.start, f.end, f.options.iter().map(|o| o.entity).collect())).collect()
    }

    /// The exact tier alone, as `(start, end, entities)` in bytes (for the tests).
    #[cfg(test)]
    pub(crate) fn exact_tier_only(&self, text: &str, options: &TagOptions) -> Vec<(usize, usize, Vec<u32>)> {
        let mut lang = TextLanguage { text, bits: options.lang.map(|l| stopwords::language_bit(l.code()).unwrap_or(0) | english()) };
        let folded = (self.case != CaseMode::Sensitive).then(|| crate::normalize::normalize_with_offsets(text));
        let hay = folded.as_ref().map_or(text, |f| f.text.as_str());
        let mut found = Vec::new();
        self.exact_tier(text, hay, folded.as_ref(), options, &mut lang, &mut found);
        found.into_iter().map(|f| (f.start, f.end, f.options.iter().map(|o| o.entity).collect())).collect()
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
        let one_word = !hay[start..end].contains(' ');
        // The group's members and what is asked first of it, read together (see `GroupHead`),
        // or from the gazetteer's arrays where the pattern members could not be built.
        let pattern_members = self.pattern_members();
        let group_facts = pattern_members.map(|m| m.group(group));
        let (lowercase_ok, form_stop_langs) = match group_facts {
            Some((_, lowercase_ok, stop_langs)) => (lowercase_ok, stop_langs),
            None if self.surfaces.is_none() => (
                self.form_lowercase_ok.get(group as usize).copied().unwrap_or(false),
                self.form_stop_langs.get(group as usize).copied().unwrap_or(0),
            ),
            None => (false, 0),
        };
        let stop_langs = if smart && one_word { form_stop_langs } else { 0 };
        // An English stopword (The, In, He) is one in every text (see `TextLanguage`): only an
        // acronym written in capitals survives it, as below, and this is the common case (a
        // third of the patterns found), turned away before anything else is read of the span.
        if stop_langs & english() != 0 && !Shape::all_caps_of(span) {
            return None;
        }
        if smart {
            // Most raw matches are common words in lower case (the, and, des): out at once
            // unless a name that may be written in lower case (a demonym, a phrase such as
            // *aviation russe*) is among the names.
            if span.is_ascii() && !lowercase_ok && !span.bytes().any(|b| b.is_ascii_uppercase()) {
                return None;
            }
            if !span.chars().any(char::is_alphabetic) {
                return None; // numbers and codes are not names in running text
            }
        }
        let shape = Shape::of(span);
        with_options(|options_| {
            let mut consider = |role: Role, name_shape: Shape, exact_case: bool, surface: &str, entity: u32, ambiguous: bool| {
                if role == Role::Demonym && !options.demonyms {
                    return;
                }
                if smart && role != Role::Demonym && !shape.fits_name(name_shape) {
                    return;
                }
                // A name in capitals where the text runs in mixed case is an acronym (*the NICE
                // program*), unless the name is one too.
                if smart && shape.all_caps && !name_shape.all_caps && acronym_in_running_text(text, ostart, oend) {
                    return;
                }
                if exact_case && surface != span {
                    return;
                }
                let kind = match role {
                    Role::Demonym => MatchKind::Demonym,
                    _ if surface != span => MatchKind::Normalized,
                    Role::Name => MatchKind::Exact,
                    Role::Alias => MatchKind::Alias,
                };
                options_.push(Option_ { entity, kind, ambiguous, by_variant: false, all_caps_name: name_shape.all_caps });
            };
            match pattern_members.zip(group_facts) {
                Some((members, (of_group, _, _))) => {
                    for m in of_group {
                        consider(m.role, m.shape, m.exact_case, members.surface(m), m.entity, m.ambiguous);
                    }
                }
                None => {
                    for &n in self.pattern_groups().members(group) {
                        let name: &NameRef = &self.names[n as usize];
                        consider(name.role, name.shape, name.exact_case, self.surface(name), name.entity, name.ambiguous);
                    }
                }
            }
            // Only now, with a name written as a name, is the language worth detecting. A
            // stopword stays a mention only as an acronym in capitals.
            if !options_.is_empty() && lang.is_stopword(stop_langs) {
                if !shape.all_caps {
                    return None;
                }
                options_.retain(|o| o.all_caps_name);
            }
            (!options_.is_empty()).then(|| Found::new(ostart, oend, options_.clone()))
        })
    }

    /// Whether some name of pattern group `group` may be written in lower case (asked under
    /// case="smart", whose patterns are folded forms).
    fn group_lowercase_ok(&self, group: u32) -> bool {
        match self.pattern_members() {
            Some(members) => members.group(group).1,
            None => self.form_lowercase_ok.get(group as usize).copied().unwrap_or(true),
        }
    }

    /// The group of names whose variant key is that of `span` (keys under four letters say
    /// too little). Memoised per thread: capitalised words recur across a stream of articles
    /// (names, sentence openers), and the key is the costly part of the variant tier.
    fn key_group_of(&self, span: &str) -> Option<u32> {
        /// Spans of up to `SHORT` bytes are memo keys held inline as three words (their length
        /// in the last byte), so that a lookup compares three numbers, without following a
        /// pointer or calling `memcmp`.
        const SHORT: usize = 23;
        type Inline = (u64, u64, u64);
        /// (gazetteer uid, short spans -> key group, longer spans -> key group) of this thread.
        type Memo = (u64, FxHashMap<Inline, Option<u32>>, FxHashMap<Box<str>, Option<u32>>);
        thread_local! {
            static MEMO: RefCell<Memo> = RefCell::new((0, FxHashMap::default(), FxHashMap::default()));
        }
        const MEMO_LIMIT: usize = 200_000;
        MEMO.with(|memo| {
            let (uid, short, long) = &mut *memo.borrow_mut();
            if *uid != self.uid || short.len() + long.len() >= MEMO_LIMIT {
                *uid = self.uid;
                short.clear();
                long.clear();
            }
            let inline = (span.len() <= SHORT).then(|| {
                let mut key = [0u8; SHORT + 1];
                key[..span.len()].copy_from_slice(span.as_bytes());
                key[SHORT] = span.len() as u8;
                let word = |i: usize| u64::from_le_bytes(key[i * 8..i * 8 + 8].try_into().expect("eight bytes"));
                (word(0), word(1), word(2))
            });
            let known = match &inline {
                Some(key) => short.get(key),
                None => long.get(span),
            };
            if let Some(&group) = known {
                return group;
            }
            let group = with_variant_key(span, |key| if key.chars().count() < 4 { None } else { self.keys.get(key) });
            match inline {
                Some(key) => short.insert(key, group),
                None => long.insert(Box::from(span), group),
            };
            group
        })
    }

    fn variant_tier(
        &self,
        text: &str,
        runs: &[(usize, usize)],
        options: &TagOptions,
        lang: &mut TextLanguage,
        found: &mut Vec<Found>,
        buffers: &mut VariantBuffers,
    ) {
        let words = runs;
        let VariantBuffers { covered, listed, folded } = buffers;
        found.sort_by_key(|f| f.start);
        covered.clear();
        covered.resize(words.len(), false);
        let mut k = 0;
        for (w, &(ws, we)) in words.iter().enumerate() {
            while k < found.len() && found[k].end <= ws {
                k += 1;
            }
            covered[w] = k < found.len() && found[k].start < we;
        }
        let covered: &[bool] = covered;
        // Capitalised (or caseless-script) words, and lower-case particles.
        let capitalised = |w: &str| match w.as_bytes().first() {
            Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
            _ => w.chars().next().is_some_and(|c| c.is_uppercase() || (c.is_alphabetic() && !c.is_lowercase())),
        };
        let joined = |a: usize, b: usize| joins_words(&text.as_bytes()[words[a].1..words[b].0]);
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
        // Whether the text writes `span` (one capitalised word) capitalised mid-sentence,
        // outside the exact tier's mentions. Asked for a sentence opener whose key names a
        // place, several times in most articles: the words not in lower case are listed once,
        // at the first question, rather than every word scanned for each.
        listed.clear();
        let (listed, listed_yet) = (RefCell::new(listed), Cell::new(false));
        let mid_sentence = |span: &str| {
            if !listed_yet.replace(true) {
                let bytes = text.as_bytes();
                listed.borrow_mut().extend((0..words.len()).filter(|&w| !covered[w] && !bytes[words[w].0].is_ascii_lowercase()));
            }
            listed.borrow().iter().any(|&w| &text[words[w].0..words[w].1] == span && !sentence_start(w))
        };
        let hyphen_before = |w: usize| w > 0 && &text[words[w - 1].1..words[w].0] == "-";
        // Mentions found here go on the end of `found` (after the words' `covered` was read).
        let mut i = 0;
        let bytes = text.as_bytes();
        while i < words.len() {
            // Most words start with an ASCII letter or digit that is no capital and are longer
            // than a particle or start otherwise (see `is_particle`): out at their first byte.
            let (start, end) = words[i];
            let first = bytes[start];
            if first.is_ascii()
                && !first.is_ascii_uppercase()
                && (end - start > 4 || !matches!(first, b'a' | b'b' | b'd' | b'e' | b'i' | b'v'))
            {
                i += 1;
                continue;
            }
            let word = &text[start..end];
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
                let (s, e) = (words[i].0, words[i + n - 1].1);
                let span = &text[s..e];
                let group = self.key_group_of(span);
                let Some(g) = group else { continue };
                // Most keys found have no name a variant may stand for (not transliterated, or
                // all acronyms, ambiguous, case-sensitive): nothing below could count.
                let latin = latin_script(span);
                let may = self.key_variants.get(g as usize).copied().unwrap_or(0);
                let (names_ok, demonyms_ok) =
                    if latin { (KEY_LATIN_NAME, KEY_LATIN_DEMONYM) } else { (KEY_NAME, KEY_DEMONYM) };
                if may & names_ok == 0 && (!options.demonyms || may & demonyms_ok == 0) {
                    continue;
                }
                if n == 1 && sentence_start(i) && !mid_sentence(span) {
                    continue;
                }
                normalize_into(span, folded);
                if n == 1 && lang.is_stopword(stopwords::languages_of(folded)) {
                    continue;
                }
                let shape = Shape::of(span);
                let initial = initial_class(folded);
                let made = with_options(|options_| {
                    for name in &self.key_members[self.keys.member_range(g)] {
                        // A Latin-script word is a spelling variant of a name written in Latin
                        // script only: through the romanisation of Arabic, Cyrillic or Japanese
                        // names, English words meet too many skeletons (Manager / モンゴル,
                        // Association / السيستاني).
                        if latin && !name.latin {
                            continue;
                        }
                        let ok = match name.role {
                            Role::Demonym => options.demonyms && (!latin || name.transliterated),
                            _ => {
                                !name.shape.all_caps
                                    && !name.exact_case
                                    && !name.ambiguous
                                    && shape.fits_name(name.shape)
                                    && same_initial(initial, name.initial)
                                    && (!latin || name.transliterated)
                            }
                        };
                        if ok {
                            let kind = if name.role == Role::Demonym { MatchKind::Demonym } else { MatchKind::Variant };
                            let all_caps_name = name.shape.all_caps;
                            options_.push(Option_ { entity: name.entity, kind, ambiguous: false, by_variant: true, all_caps_name });
                        }
                    }
                    (!options_.is_empty()).then(|| Found::new(s, e, options_.clone()))
                });
                if let Some(f) = made {
                    found.push(f);
                    matched = n;
                    break;
                }
            }
            i += matched.max(1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{looks_english, looks_french};
    use crate::gazetteer::{CaseMode, Entity, Gazetteer, TagOptions};

    /// Names that exercise every way the exact tier's skipping could go wrong: lower-case
    /// names and demonyms, multi-word names that may start in lower case, names that begin
    /// with an apostrophe or end on one, scripts without spaces, ASCII mixed with them.
    fn tricky_gazetteer(case: CaseMode) -> Gazetteer {
        let e = |id: &str, name: &str, aliases: &[&str]| Entity::new(id, name).with_kind("place").with_aliases(aliases);
        let entities = vec![
            e("hague", "The Hague", &["Den Haag", "the hague area"]),
            e("qaim", "al-Qaïm", &["Al Qaim", "al qaim"]),
            e("iphone", "iPhone", &["eBay town"]),
            e("syria", "Syria", &["Syrie", "syr"]).with_demonyms(&["syrien", "syrienne", "Syrian"]),
            e("ayn", "'Ayn al-Arab", &["‘Ayn", "Kobani"]),
            e("beijing", "北京", &["北京市", "京", "b北京", "Peking", "ab北", "・東京"]),
            e("paris", "Paris", &["Paris Texas", "par", "paris-plage", "PAR"]),
            e("aquila", "L'Aquila", &["Aquila", "l'aquila"]),
            e("new", "New York", &["new", "New", "York", "new york city"]),
            e("ei", "EI", &["Etat islamique", "ISIS", "the"]),
            e("strasse", "Straße", &["Strasse", "ss"]),
            e("tm", "Brand™", &["brandtm", "Ab\u{AD}Cd", "abcd"]),
            e("x", "x", &["X-Ray", "1st", "10 Downing"]),
            e("de", "de", &["De Mistura", "de la Paz", "la paz", "La Paz"]),
        ];
        Gazetteer::new(entities, case, "test").unwrap()
    }

    /// Names of several words that start with a particle, none written in lower case: they
    /// count in lower case only up to a capital further on (*van der Berg*, *de la Paz*).
    fn particles_gazetteer(case: CaseMode) -> Gazetteer {
        let e = |id: &str, name: &str, aliases: &[&str]| Entity::new(id, name).with_kind("place").with_aliases(aliases);
        let entities = vec![
            e("paz", "De La Paz", &["La Paz", "De La Paz Norte"]),
            e("berg", "Van der Berg", &["Van Berg", "Der Berg"]),
            e("kamal", "Al Bu Kamal", &["Al Bu", "Bu Kamal"]),
            e("new", "New York City", &["New York", "The New York City Area"]),
        ];
        Gazetteer::new(entities, case, "test").unwrap()
    }

    /// A deterministic pseudo-random text from pieces of names, words, punctuation and odd
    /// characters, in random case.
    fn random_text(seed: &mut crate::test_rng::XorShift, words: usize) -> String {
        const PIECES: &[&str] = &[
            "the", "The", "hague", "Hague", "area", "Area", "al", "Al", "-", "qaïm", "Qaim", "iphone", "iPhone", "ebay", "eBay", "town",
            "syrie", "Syrie", "syrien", "SYRIA", "'", "’", "ayn", "Ayn", "arab", "北京", "市", "京", "b", "ab", "・", "東京",
            "paris", "Paris", "texas", "par", "PAR", "plage", "l", "L", "aquila", "new", "New", "york", "York", "city",
            "ei", "EI", "etat", "islamique", "isis", "straße", "STRASSE", "ss", "brand", "™", "tm", "\u{AD}", "Cd", "cd",
            "x", "X", "ray", "1st", "10", "downing", "de", "De", "mistura", "la", "La", "paz", "d", "qu", "région",
            "Été", "é", "\u{301}", "\u{200D}", "  ", " ", " ", " ", " ", ", ", ". ", "\n", "'s ", "«", "»", "(", ")",
            // Phrases, so that lower-case words are followed by more words of a name.
            "de la ", "the hague ", "new york ", "al qaim ", "la paz ", "the hague area ", "de mistura ", "van der ",
            "al bu ", "the new york ", "berg", "Berg", "kamal", "Kamal", "norte", "Norte", "City",
        ];
        let mut next = || seed.next();
        let mut out = String::new();
        for _ in 0..words {
            let piece = PIECES[(next() % PIECES.len() as u64) as usize];
            if next() % 9 == 0 {
                out.extend(piece.chars().map(|c| if next() % 2 == 0 { c.to_uppercase().next().unwrap_or(c) } else { c }));
            } else {
                out.push_str(piece);
            }
        }
        out
    }

    #[test]
    fn exact_tier_skips_only_what_a_full_scan_rejects() {
        let seeds: Vec<String> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds"))
            .map(|dir| dir.filter_map(|f| std::fs::read_to_string(f.ok()?.path()).ok()).collect())
            .unwrap_or_default();
        let gazetteers = [CaseMode::Smart, CaseMode::Insensitive, CaseMode::Sensitive]
            .into_iter()
            .flat_map(|case| [(case, tricky_gazetteer(case)), (case, particles_gazetteer(case))]);
        let mut total = 0;
        for (case, g) in gazetteers {
            let mut seed = crate::test_rng::XorShift(0x2545_f491_4f6c_dd1d);
            let mut texts: Vec<String> = (0..3000).map(|i| random_text(&mut seed, 1 + i % 40)).collect();
            texts.extend(
                [
                    "de la Paz", "de la paz et La Paz", "the Hague area", "the hague Area", "in the Hague Area today",
                    "new york City", "new York city", "a new york city", "al qaim Syria", "al Qaim", "la Paz, de Mistura",
                    "to the hague area", "x-Ray", "the-Hague", "the  Hague", "l'Aquila", "l'aquila", "d'Al Qaim",
                    "van der Berg", "van der berg", "van Berg", "de la paz Norte", "al bu Kamal", "the new york City",
                    "la Pazx", "the Hagues", "new Yorker", "the Hague-x", "den Haag.", "to New York", "de La Paz,",
                    "paris Texas", "paris Texasx", "al Qaim9", "van Der", "the Hague's", "the HAGUE", "al QAIM x",
                ]
                .map(String::from),
            );
            texts.extend(seeds.iter().cloned());
            let mut found = 0;
            for text in &texts {
                for options in [TagOptions::new(), TagOptions::new().with_lang(Some("fr")).unwrap()] {
                    let fast = g.exact_tier_only(text, &options);
                    assert_eq!(fast, g.exact_tier_reference(text, &options), "case={case:?} text={text:?}");
                    found += fast.len();
                }
            }
            total += found;
        }
        assert!(total > 3000, "only {total} mentions: the texts test little");
    }

    /// The packaged default gazetteer over the seeds, their sentences in other cases, and
    /// random texts: the exact tier with its skipping equals a full scan.
    #[test]
    fn exact_tier_of_the_default_gazetteer_equals_a_full_scan() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/python/nomina/data/default.gazetteer.gz");
        let Ok(g) = Gazetteer::load(std::path::Path::new(path)) else { return };
        let mut texts: Vec<String> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds"))
            .map(|dir| dir.filter_map(|f| std::fs::read_to_string(f.ok()?.path()).ok()).collect())
            .unwrap_or_default();
        assert!(!texts.is_empty());
        let lower: Vec<String> = texts.iter().map(|t| t.to_lowercase()).collect();
        let upper: Vec<String> = texts.iter().map(|t| t.to_uppercase()).collect();
        texts.extend(lower.into_iter().chain(upper));
        let mut seed = crate::test_rng::XorShift(0x9e37_79b9_7f4a_7c15);
        texts.extend((0..200).map(|_| random_text(&mut seed, 60)));
        for text in &texts {
            let options = TagOptions::new();
            assert_eq!(g.exact_tier_only(text, &options), g.exact_tier_reference(text, &options), "text={text:?}");
        }
    }

    /// `tag` reuses buffers from text to text on a thread, and drops them after a long text:
    /// the same answers before and after either.
    #[test]
    fn reused_buffers_change_no_answer() {
        let g = tricky_gazetteer(CaseMode::Smart);
        let short = "Hier à Paris, les gens de La Paz et de New York ont vu l'Aquila.";
        let first = g.tag(short, &TagOptions::new()).unwrap();
        let long = short.repeat(20_000); // beyond SCRATCH_LIMIT
        assert!(long.len() > super::SCRATCH_LIMIT);
        let many = g.tag(&long, &TagOptions::new()).unwrap();
        assert!(many.len() >= 20_000);
        for _ in 0..3 {
            assert_eq!(g.tag(short, &TagOptions::new()).unwrap(), first);
            assert_eq!(g.tag("", &TagOptions::new()).unwrap(), vec![]);
        }
        assert!(!first.is_empty());
    }

    #[test]
    fn words_join_as_the_characters_between_them_say() {
        let pieces = [" ", "-", "\u{a0}", "x", "\u{2009}", "'", ""];
        for a in pieces {
            for b in pieces {
                for c in ["", " ", "\u{a0}"] {
                    let gap = format!("{a}{b}{c}");
                    let chars = !gap.is_empty()
                        && gap.chars().count() <= 2
                        && gap.chars().all(|c| matches!(c, ' ' | '-' | '\u{a0}'));
                    assert_eq!(super::joins_words(gap.as_bytes()), chars, "{gap:?}");
                }
            }
        }
    }

    #[test]
    fn transliterated_countries_are_sorted() {
        assert!(super::TRANSLITERATED_COUNTRIES.windows(2).all(|w| w[0] < w[1]));
        assert!(super::transliterated(Some("SY")) && !super::transliterated(Some("US")) && !super::transliterated(None));
        assert!(super::latin_script("Boukamal") && super::latin_script("Şanlıurfa") && !super::latin_script("Абу Камал"));
    }

    #[test]
    fn function_words_are_matched_as_the_list_says() {
        // Every English stopword and every word of the seeds, in three cases: the match agrees
        // with a search of the list.
        let mut words: Vec<String> = stop_words::get("en").iter().map(|w| w.to_string()).collect();
        for seed in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds")).unwrap() {
            let text = std::fs::read_to_string(seed.unwrap().path()).unwrap_or_default();
            words.extend(text.split(|c: char| !c.is_alphabetic()).map(String::from));
        }
        words.extend(stop_words::get("fr").iter().map(|w| w.to_string()));
        let (mut found, mut found_fr) = (0, 0);
        for w in words.iter().filter(|w| w.len() <= 5) {
            for word in [w.to_lowercase(), w.to_uppercase(), w.clone()] {
                let listed = super::ENGLISH_FUNCTION_WORDS.iter().any(|f| f.eq_ignore_ascii_case(&word));
                assert_eq!(super::is_english_function_word(&word), listed, "{word}");
                found += usize::from(listed);
                // ASCII letters in any case; *été* and *à* as written in lower case.
                let listed = super::FRENCH_FUNCTION_WORDS.iter().any(|f| *f == word.to_ascii_lowercase());
                assert_eq!(super::is_french_function_word(&word), listed, "{word}");
                found_fr += usize::from(listed);
            }
        }
        assert!(found > 100 && found_fr > 100);
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
        assert!(!looks_french(en) && !looks_french(de));
        assert!(!looks_french(fr)); // fewer than 40 words: too few to say
        // A local news article in English: headline, names, ages; 14 of its 53 words (26%)
        // are function words.
        let local = "Rollover near Brandon injures Albany driver. Breanna Lueck, 19, of Albany was driving \
                     a 2000 Ford Taurus on County Road 109 about two miles east of Brandon when she lost \
                     control. Douglas County Sheriff Troy Wolbersen said Lueck was taken to Douglas County \
                     Hospital in Alexandria with minor injuries. Her passenger, Kayla Schmidt, 18, was not hurt.";
        assert!(looks_english(local));
    }

    #[test]
    fn the_french_seeds_are_french_without_the_detector_as_with_it() {
        let detector = crate::langid::LanguageDetector::default();
        for seed in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds")).unwrap() {
            let text = std::fs::read_to_string(seed.unwrap().path()).unwrap();
            let mut end = text.len().min(super::SAMPLE);
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            let sample = &text[..end];
            assert!(looks_french(sample) && !looks_english(sample), "{sample}");
            assert_eq!(detector.detect(sample).map(|d| d.language.code()), Some("fr"));
        }
    }

    #[test]
    fn function_words_are_counted_over_the_words_a_split_gives() {
        // The byte loop of `looks_english` against the plain definition: runs of letters.
        let reference = |sample: &str| {
            let words: Vec<&str> =
                sample.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).take(120).collect();
            let count = |is: fn(&str) -> bool| words.iter().filter(|w| w.len() <= 5 && is(w)).count();
            let (function, french, n) = (count(super::is_english_function_word), count(super::is_french_function_word), words.len());
            let english = (n >= 20 && function * 100 >= n * 28) || (n >= 40 && function * 100 >= n * 22);
            (english, n >= 40 && french * 100 >= n * 19)
        };
        let mut rng = crate::test_rng::XorShift(0x5851_f42d_4c95_7f2d);
        let pieces = ["the ", "of ", "Le ", "la ", "a", "b", "é", "ß", "中", "1", " ", ", ", "'", "-", "\n", "and", "Ω", "à ", "des "];
        for _ in 0..3000 {
            let len = rng.next() % 400;
            let text: String = (0..len).map(|_| pieces[(rng.next() % pieces.len() as u64) as usize]).collect();
            assert_eq!((looks_english(&text), looks_french(&text)), reference(&text), "{text:?}");
        }
    }
}
