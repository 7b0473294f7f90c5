//! A capitalised word in the grammar of a common word. Town names that are also nouns, verbs
//! or adjectives (*Essen*, *Halle*, *Reading*) are capitalised as such in German (every noun)
//! and at the start of a sentence, where case says nothing; the words around them still do:
//! German cities take no article (*das Essen*, *in der Halle* are a meal and a hall), and an
//! English sentence does not open with a town followed by an article (*Reading the report*).

use super::words::{ascii_lowercase_of_short, WordSet};

/// German articles and article contractions: a town name after one is a common noun.
const GERMAN_DETERMINERS: &[&str] = &[
    "der", "die", "das", "dem", "den", "des", "ein", "eine", "einer", "einem", "einen", "eines", "kein",
    "keine", "keiner", "keinem", "keinen", "zum", "zur", "vom", "beim",
];

/// English articles and possessives: a sentence opening with a town and one of these is a verb
/// or an adverb at work (*Reading the report*, *Split the bill*). Not *a* and *an*, which are
/// words of French (*Nice a accueilli*) and German (*Halle an der Saale*).
const ENGLISH_DETERMINERS: &[&str] = &["the", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my", "your"];

/// Month names of English and German, capitalised in both: a town named like one (*March*,
/// Cambridgeshire) before or after a number is a date (*March 31*, *5. Mai*).
const MONTHS: &[&str] = &[
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "Januar", "Februar", "März", "Mai", "Juni", "Juli", "Oktober", "Dezember",
];

/// Era markers: after a number they date it (*100 B.C.*), they name no province.
const ERAS: &[&str] = &["B.C.", "BC", "BCE", "A.D.", "AD", "CE"];

static GERMAN_DETERMINER_SET: WordSet = WordSet::new(&[GERMAN_DETERMINERS]);
static MONTH_SET: WordSet = WordSet::new(&[MONTHS]);

/// True when `word` is a German determiner, in any case (*der*, *Der*, *DER*).
fn german_determiner(word: &str) -> bool {
    // The determiners are ASCII, six letters at most, in lower case (a test says so); most
    // words before a mention start with a letter none of them starts with.
    let Some(&first) = word.as_bytes().first() else { return false };
    if !GERMAN_DETERMINER_SET.may_start_with(first.to_ascii_lowercase()) {
        return false;
    }
    let Some((lower, len)) = ascii_lowercase_of_short::<6>(word) else { return false };
    word.is_ascii() && std::str::from_utf8(&lower[..len]).is_ok_and(|w| GERMAN_DETERMINER_SET.contains(w))
}

/// True when a number is written right before `start`, one space away (*100* B.C., *5.* Mai).
fn number_before(text: &str, start: usize) -> bool {
    text[..start].strip_suffix(' ').is_some_and(|b| b.trim_end_matches('.').ends_with(|c: char| c.is_ascii_digit()))
}

/// True when a number is written right after `end`, one space away (March *31*).
fn number_after(text: &str, end: usize) -> bool {
    text[end..].strip_prefix(' ').is_some_and(|a| a.starts_with(|c: char| c.is_ascii_digit()))
}

/// True when the span is a date word next to its number (*March 31*, *100 B.C.*).
pub(crate) fn reads_as_date(text: &str, start: usize, end: usize) -> bool {
    let span = &text[start..end];
    if MONTH_SET.contains(span) {
        return number_before(text, start) || number_after(text, end);
    }
    ERAS.contains(&span) && number_before(text, start)
}

/// A span of text (byte offsets) with the word right before it (`word_before`) and whether it
/// is one word, read once for all the rules that look at them.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Span<'t> {
    pub text: &'t str,
    pub start: usize,
    pub end: usize,
    pub word_before: Option<(usize, &'t str)>,
    pub one_word: bool,
}

impl<'t> Span<'t> {
    pub fn new(text: &'t str, start: usize, end: usize) -> Span<'t> {
        // Spans are short: a loop over their bytes, not `memchr`.
        let one_word = text.as_bytes()[start..end].iter().all(|&b| b != b' ');
        Span { text, start, end, word_before: word_before(text, start), one_word }
    }

    pub fn surface(&self) -> &'t str {
        &self.text[self.start..self.end]
    }
}

/// The word (letters only) right before `start`, one space away, with its start: none after an
/// abbreviation (*Mr.*) or a possessive (*Iran's*), whose last character is no letter.
pub(crate) fn word_before(text: &str, start: usize) -> Option<(usize, &str)> {
    let before = text[..start].strip_suffix(' ')?;
    // ASCII letters by bytes; from the first character beyond ASCII, letters by Unicode.
    let bytes = before.as_bytes();
    let mut from = bytes.len() - bytes.iter().rev().take_while(|b| b.is_ascii_alphabetic()).count();
    if from > 0 && !bytes[from - 1].is_ascii() {
        from = before[..from].char_indices().rev().find(|&(_, c)| !c.is_alphabetic()).map_or(0, |(i, c)| i + c.len_utf8());
    }
    let word = &before[from..];
    (!word.is_empty()).then_some((from, word))
}

/// The word (letters only) right after `end`, one space away.
pub(crate) fn word_after(text: &str, end: usize) -> Option<&str> {
    let after = text[end..].strip_prefix(' ')?;
    // ASCII letters by bytes; from the first character beyond ASCII, letters by Unicode.
    let bytes = after.as_bytes();
    let mut to = bytes.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    if bytes.get(to).is_some_and(|b| !b.is_ascii()) {
        to += after[to..].find(|c: char| !c.is_alphabetic()).unwrap_or(after.len() - to);
    }
    (to > 0).then(|| &after[..to])
}

/// True when the span opens a sentence (or the text).
pub(crate) fn sentence_initial(text: &str, start: usize) -> bool {
    // ASCII by bytes: the white space before `start`, and the character before it.
    let bytes = text.as_bytes();
    let mut end = start;
    while end > 0 && matches!(bytes[end - 1], b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r') {
        end -= 1;
    }
    match end.checked_sub(1).map(|last| bytes[last]) {
        None => return true,
        Some(last) if last.is_ascii() => {
            return matches!(last, b'.' | b'!' | b'?' | b':' | b'"') || bytes[..start].ends_with(b"\n");
        }
        Some(_) => {}
    }
    let before = text[..start].trim_end();
    before.is_empty() || before.ends_with(['.', '!', '?', ':', '"', '“', '«', '\n']) || text[..start].ends_with('\n')
}

/// Nationalities of immigrant countries that name an ethnic group after a continental or
/// ethnic word (*African-American*, *Asian-Canadians*, *Native Americans*).
const HYPHENATED_NATIONALITIES: &[&str] =
    &["American", "Americans", "Canadian", "Canadians", "Australian", "Australians"];

/// The words before them in such names. Not countries' demonyms: *Russian-American crew*,
/// *Mexican-American War* pair two countries.
const ETHNIC_PREFIXES: &[&str] = &["African", "Asian", "Arab", "Native", "Hispanic", "Latino", "Latina"];

/// True when the demonym at `start..end` is a word of an ethnic group's name (*Native
/// Americans*, *African-American*, *Asian-Canadian*), which names no country nor continent.
pub(crate) fn reads_as_ethnic_group(text: &str, start: usize, end: usize) -> bool {
    let span = &text[start..end];
    if HYPHENATED_NATIONALITIES.contains(&span) {
        let before = text[..start].strip_suffix(['-', ' ']).unwrap_or("");
        let prefix = before.rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("");
        return ETHNIC_PREFIXES.contains(&prefix);
    }
    let after = text[end..].strip_prefix(['-', ' ']).unwrap_or("");
    let next = after.split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    ETHNIC_PREFIXES.contains(&span) && HYPHENATED_NATIONALITIES.contains(&next)
}

/// True when the span reads as a common word, not a town name.
pub(crate) fn reads_as_common_word(span: &Span) -> bool {
    if span.word_before.is_some_and(|(_, w)| german_determiner(w)) {
        return true;
    }
    span.one_word
        && sentence_initial(span.text, span.start)
        && word_after(span.text, span.end).is_some_and(|w| ENGLISH_DETERMINERS.contains(&w))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::tests::rule_at as at;

    #[test]
    fn ethnic_groups() {
        let group = |text: &str, word: &str| at(reads_as_ethnic_group, text, word);
        assert!(group("The state's African-American Affairs Commission", "African"));
        assert!(group("The state's African-American Affairs Commission", "American"));
        assert!(group("accomplished African-Americans, praised", "Americans"));
        assert!(group("Around 90 Native Americans attend.", "Americans"));
        assert!(group("an Asian-Canadian family", "Asian"));
        assert!(!group("a Russian-American crew", "Russian"));
        assert!(!group("a Russian-American crew", "American"));
        assert!(!group("the American Red Cross", "American"));
        assert!(!group("Egyptian-US relations", "Egyptian"));
        assert!(!group("A 12-year-old German-Iraqi boy", "German"));
        assert!(!group("the Latin-American summit", "Latin-American")); // Latin America's own
    }

    fn common(text: &str, word: &str) -> bool {
        at(|t, s, e| reads_as_common_word(&Span::new(t, s, e)), text, word)
    }

    #[test]
    fn german_determiners_in_any_case() {
        assert!(GERMAN_DETERMINERS.iter().all(|d| d.len() <= 6 && d.bytes().all(|b| b.is_ascii_lowercase())));
        for word in ["der", "Der", "DER", "dEr", "keinem", "KEINEM", "Beim"] {
            assert!(german_determiner(word), "{word}");
        }
        for word in ["", "d", "the", "keinemm", "dér", "Dër", "deR."] {
            assert!(!german_determiner(word), "{word}");
        }
    }

    #[test]
    fn words_before_and_after_as_letters_go() {
        // The byte loops for ASCII against a scan of the characters.
        let text = "a Zürich b ÉTAT c.d 5 über x中文y Ωmega 'e  f l'été z";
        let before = |start: usize| {
            let before = text[..start].strip_suffix(' ')?;
            let from = before.char_indices().rev().find(|&(_, c)| !c.is_alphabetic()).map_or(0, |(i, c)| i + c.len_utf8());
            Some((from, &before[from..])).filter(|(_, w)| !w.is_empty())
        };
        let after = |end: usize| {
            let after = text[end..].strip_prefix(' ')?;
            let to = after.find(|c: char| !c.is_alphabetic()).unwrap_or(after.len());
            (to > 0).then(|| &after[..to])
        };
        for (i, _) in text.char_indices().chain([(text.len(), ' ')]) {
            assert_eq!(word_before(text, i), before(i), "{i}");
            assert_eq!(word_after(text, i), after(i), "{i}");
        }
    }

    #[test]
    fn sentence_openings_by_bytes_as_by_characters() {
        let plain = |text: &str, start: usize| {
            let before = text[..start].trim_end();
            before.is_empty() || before.ends_with(['.', '!', '?', ':', '"', '“', '«', '\n']) || text[..start].ends_with('\n')
        };
        let text = "a. B\u{a0}C! d?\t e:\r\nf\"  g“ h« i\u{2003}j.\u{a0} k\n l\u{85}m\u{b}n , o é. ü";
        for (i, _) in text.char_indices().chain([(text.len(), ' ')]) {
            assert_eq!(sentence_initial(text, i), plain(text, i), "{i}");
        }
    }

    #[test]
    fn german_articles() {
        assert!(common("Das Essen war gut", "Essen"));
        assert!(common("aber in der Halle war es kalt", "Halle"));
        assert!(!common("Die Polizei in Essen sagte", "Essen"));
        assert!(!common("Halle an der Saale", "Halle"));
    }

    #[test]
    fn dates() {
        let date = |text: &str, word: &str| at(reads_as_date, text, word);
        assert!(date("It is scheduled for March 31 at 7 p.m.", "March"));
        assert!(date("On 5 March the council met", "March"));
        assert!(date("Am 5. Mai kam er", "Mai"));
        assert!(date("built between 250 and 100 B.C. by", "B.C."));
        assert!(!date("He drove from March to Ely", "March"));
        assert!(!date("coastal B.C. is cold", "B.C."));
    }

    #[test]
    fn english_sentence_openings() {
        assert!(common("Reading the report, he frowned.", "Reading"));
        assert!(common("He left. Reading the report took time.", "Reading"));
        assert!(!common("Reading police said", "Reading"));
        assert!(!common("He moved to Reading the next year.", "Reading"));
        assert!(!common("Nice a accueilli le sommet.", "Nice"));
    }
}
