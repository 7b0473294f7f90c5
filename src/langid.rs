//! Language identification on top of `whatlang`: ISO 639-1 codes, allowlists given by code or
//! name, batch detection, and splitting mixed-language text into spans.

use std::sync::OnceLock;

use unicode_segmentation::UnicodeSegmentation;
use whatlang::{Detector, Lang};

use crate::error::{NominaError, Result};
use crate::parallel;
use crate::text_offsets::CharIndexer;

/// ISO 639-1 code of each whatlang language that has one (whatlang itself speaks 639-3).
const ISO639_1: &[(&str, &str)] = &[
    ("afr", "af"), ("aka", "ak"), ("amh", "am"), ("ara", "ar"), ("aze", "az"), ("bel", "be"),
    ("ben", "bn"), ("bul", "bg"), ("cat", "ca"), ("ces", "cs"), ("cmn", "zh"), ("dan", "da"),
    ("deu", "de"), ("ell", "el"), ("eng", "en"), ("epo", "eo"), ("est", "et"), ("fin", "fi"),
    ("fra", "fr"), ("guj", "gu"), ("heb", "he"), ("hin", "hi"), ("hrv", "hr"), ("hun", "hu"),
    ("hye", "hy"), ("ind", "id"), ("ita", "it"), ("jav", "jv"), ("jpn", "ja"), ("kan", "kn"),
    ("kat", "ka"), ("khm", "km"), ("kor", "ko"), ("lat", "la"), ("lav", "lv"), ("lit", "lt"),
    ("mal", "ml"), ("mar", "mr"), ("mkd", "mk"), ("mya", "my"), ("nep", "ne"), ("nld", "nl"),
    ("nob", "nb"), ("ori", "or"), ("pan", "pa"), ("pes", "fa"), ("pol", "pl"), ("por", "pt"),
    ("ron", "ro"), ("rus", "ru"), ("sin", "si"), ("slk", "sk"), ("slv", "sl"), ("sna", "sn"),
    ("spa", "es"), ("srp", "sr"), ("swe", "sv"), ("tam", "ta"), ("tel", "te"), ("tgl", "tl"),
    ("tha", "th"), ("tuk", "tk"), ("tur", "tr"), ("ukr", "uk"), ("urd", "ur"), ("uzb", "uz"),
    ("vie", "vi"), ("yid", "yi"), ("zul", "zu"),
];

/// Other codes users reach for that name a whatlang language: macrolanguage and
/// bibliographic codes (`fas`, `zho`, `fre`, `ger`, `nor`, ...).
const CODE_ALIASES: &[(&str, &str)] = &[
    ("fas", "pes"), ("per", "pes"), ("zho", "cmn"), ("chi", "cmn"), ("nor", "nob"), ("no", "nob"),
    ("fre", "fra"), ("ger", "deu"), ("dut", "nld"), ("gre", "ell"), ("cze", "ces"), ("slo", "slk"),
    ("rum", "ron"), ("arm", "hye"), ("geo", "kat"), ("bur", "mya"), ("ice", "isl"), ("mac", "mkd"),
    ("may", "msa"), ("alb", "sqi"), ("baq", "eus"), ("wel", "cym"), ("uzn", "uzb"), ("arb", "ara"),
];

/// One language nomina can detect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Language(Lang);

impl Language {
    /// ISO 639-1 code where one exists, else the ISO 639-3 code.
    pub fn code(self) -> &'static str {
        let iso3 = self.0.code();
        ISO639_1.iter().find(|(three, _)| *three == iso3).map_or(iso3, |(_, two)| two)
    }

    /// whatlang's ISO 639-3 code (`fra`, `pes`, `cmn`).
    pub fn iso639_3(self) -> &'static str {
        self.0.code()
    }

    /// English name (`French`).
    pub fn name(self) -> &'static str {
        self.0.eng_name()
    }

    /// Every language, sorted by ISO 639-3 code.
    pub fn all() -> &'static [Language] {
        static ALL: OnceLock<Vec<Language>> = OnceLock::new();
        ALL.get_or_init(|| {
            let mut all: Vec<Language> = Lang::all().iter().copied().map(Language).collect();
            all.sort_by_key(|lang| lang.iso639_3());
            all
        })
    }

    /// Look a language up by ISO 639-1 or 639-3 code or English name, case-insensitively.
    pub fn parse(query: &str) -> Result<Language> {
        let wanted = query.trim().to_lowercase();
        let wanted = CODE_ALIASES
            .iter()
            .find(|(alias, _)| *alias == wanted)
            .map_or(wanted.as_str(), |(_, code)| code);
        Language::all()
            .iter()
            .copied()
            .find(|lang| {
                lang.iso639_3() == wanted
                    || lang.code() == wanted
                    || lang.name().eq_ignore_ascii_case(wanted)
            })
            .ok_or_else(|| NominaError::UnknownLanguage(query.to_string()))
    }
}

/// What was detected for one text.
#[derive(Debug, Clone, PartialEq)]
pub struct Detection {
    pub language: Language,
    /// Writing system; `script_name()` gives whatlang's name for it.
    pub script: whatlang::Script,
    pub confidence: f64,
    pub reliable: bool,
}

impl Detection {
    /// The writing system as whatlang names it (`Latin`, `Arabic`, `Cyrillic`, `Mandarin`, ...).
    pub fn script_name(&self) -> &str {
        self.script.name()
    }
}

/// A maximal run of text in one language; offsets are code-point (Python `str`) indices.
#[derive(Debug, Clone, PartialEq)]
pub struct LanguageSpan {
    pub start: usize,
    pub end: usize,
    pub language: Language,
    pub confidence: f64,
}

/// Detects languages, optionally restricted to an allowlist.
#[derive(Clone)]
pub struct LanguageDetector {
    detector: Detector,
}

impl Default for LanguageDetector {
    fn default() -> Self {
        LanguageDetector { detector: Detector::new() }
    }
}

impl LanguageDetector {
    /// Restrict detection to `allowlist` (codes or English names); an empty list is an error,
    /// since no text could then get a language.
    pub fn with_allowlist<S: AsRef<str>>(allowlist: &[S]) -> Result<Self> {
        if allowlist.is_empty() {
            return Err(NominaError::InvalidArgument(
                "allowlist is empty: pass None to consider every language".into(),
            ));
        }
        let langs = allowlist
            .iter()
            .map(|query| Language::parse(query.as_ref()).map(|lang| lang.0))
            .collect::<Result<Vec<Lang>>>()?;
        Ok(LanguageDetector { detector: Detector::with_allowlist(langs) })
    }

    /// The language of `text`, or `None` when it has no letters to judge by.
    pub fn detect(&self, text: &str) -> Option<Detection> {
        if !text.chars().any(char::is_alphabetic) {
            return None;
        }
        let info = self.detector.detect(text)?;
        Some(Detection {
            language: Language(info.lang()),
            script: info.script(),
            confidence: info.confidence().clamp(0.0, 1.0),
            reliable: info.is_reliable(),
        })
    }

    /// `detect` over many texts in parallel; `None` items give `None`. Same answers, same order.
    pub fn detect_batch(
        &self,
        texts: &[Option<String>],
        threads: Option<usize>,
    ) -> Result<Vec<Option<Detection>>> {
        parallel::map_ordered(texts, threads, |text| text.as_deref().and_then(|t| self.detect(t)))
    }

    /// Split `text` into maximal runs of one language, at sentence and line granularity.
    ///
    /// Each sentence is detected on its own; a sentence too short or too ambiguous to be
    /// reliable is re-detected among the languages the reliable sentences of the document
    /// found (a lone "Oui." in a French paragraph stays French), and text without letters
    /// joins the preceding run. The spans cover the text from the first to the last letter's
    /// segment without gaps.
    pub fn detect_spans(&self, text: &str) -> Vec<LanguageSpan> {
        let segments = segments(text);
        let mut detected: Vec<Option<Detection>> =
            segments.iter().map(|&(start, end)| self.detect(&text[start..end])).collect();

        // The document's languages: those of its reliable sentences, and of the whole text.
        let mut document_langs: Vec<Lang> = Vec::new();
        let whole = self.detect(text).filter(|d| d.reliable);
        for detection in detected.iter().flatten().filter(|d| d.reliable).chain(whole.as_ref()) {
            if !document_langs.contains(&detection.language.0) {
                document_langs.push(detection.language.0);
            }
        }
        if !document_langs.is_empty() {
            let in_document = Detector::with_allowlist(document_langs.clone());
            for (slot, &(start, end)) in detected.iter_mut().zip(&segments) {
                let Some(detection) = slot else { continue };
                let segment = &text[start..end];
                if !is_weak(detection, segment) || document_langs.contains(&detection.language.0) {
                    continue;
                }
                if let Some(info) = in_document.detect(segment) {
                    detection.language = Language(info.lang());
                    detection.confidence = info.confidence().clamp(0.0, 1.0);
                }
            }
        }

        // Merge neighbours of one language; letterless segments extend the run before them.
        let mut runs: Vec<(usize, usize, Language, f64)> = Vec::new(); // byte start, end, lang, weighted confidence
        let mut pending_start: Option<usize> = None;
        for (detection, &(start, end)) in detected.iter().zip(&segments) {
            match (detection, runs.last_mut()) {
                (None, Some(last)) => last.1 = end,
                (None, None) => {
                    pending_start.get_or_insert(start);
                }
                (Some(d), Some(last)) if last.2 == d.language => {
                    last.3 += d.confidence * (end - start) as f64;
                    last.1 = end;
                }
                (Some(d), _) => {
                    let run_start = pending_start.take().unwrap_or(start);
                    runs.push((run_start, end, d.language, d.confidence * (end - run_start) as f64));
                }
            }
        }
        let indexer = CharIndexer::new(text);
        runs.into_iter()
            .map(|(start, end, language, weighted)| LanguageSpan {
                start: indexer.char_index(start),
                end: indexer.char_index(end),
                language,
                confidence: (weighted / (end - start).max(1) as f64).clamp(0.0, 1.0),
            })
            .collect()
    }
}

/// Too little evidence to stand against the rest of the document: an unreliable answer on a
/// short sentence ("Oui.", "Merci !") or a low-confidence one. A full sentence in another
/// language, even unreliable, keeps its own answer.
fn is_weak(detection: &Detection, segment: &str) -> bool {
    const SHORT_LETTERS: usize = 40;
    const LOW_CONFIDENCE: f64 = 0.5;
    !detection.reliable
        && (detection.confidence < LOW_CONFIDENCE
            || segment.chars().filter(|c| c.is_alphabetic()).count() < SHORT_LETTERS)
}

/// Byte ranges of the sentences of `text`, also cut at line breaks (headlines, lists and
/// captions in news have no final punctuation).
fn segments(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (sentence_start, sentence) in text.split_sentence_bound_indices() {
        let mut start = sentence_start;
        for (i, c) in sentence.char_indices() {
            if c == '\n' {
                let end = sentence_start + i + 1;
                out.push((start, end));
                start = end;
            }
        }
        if start < sentence_start + sentence.len() {
            out.push((start, sentence_start + sentence.len()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const FRENCH: &str = "Le groupe Etat islamique est parvenu à reprendre samedi la ville syrienne \
        de Boukamal, frontalière de l'Irak et ultime bastion urbain des jihadistes.";
    const ENGLISH: &str = "The Islamic State group retook the Syrian town of Abu Kamal on Saturday, \
        two days after losing it to government forces.";

    #[test]
    fn detects_french_with_iso_codes() {
        let d = LanguageDetector::default().detect(FRENCH).unwrap();
        assert_eq!(d.language.code(), "fr");
        assert_eq!(d.language.iso639_3(), "fra");
        assert_eq!(d.language.name(), "French");
        assert_eq!(d.script_name(), "Latin");
        assert!(d.reliable && d.confidence > 0.5 && d.confidence <= 1.0);
    }

    #[test]
    fn nothing_to_say_without_letters() {
        let detector = LanguageDetector::default();
        for text in ["", "   ", "12 345,67", "!!! ... ???", "\u{0}\u{0}", "😀😀"] {
            assert_eq!(detector.detect(text), None, "{text:?}");
        }
    }

    #[test]
    fn parses_codes_names_and_aliases() {
        for query in ["fr", "fra", "French", "FRENCH", " fre "] {
            assert_eq!(Language::parse(query).unwrap().iso639_3(), "fra", "{query}");
        }
        assert_eq!(Language::parse("fa").unwrap().iso639_3(), "pes");
        assert_eq!(Language::parse("zh").unwrap().code(), "zh");
        assert_eq!(Language::parse("xx"), Err(NominaError::UnknownLanguage("xx".into())));
    }

    #[test]
    fn every_language_round_trips_through_its_codes() {
        for &lang in Language::all() {
            assert_eq!(Language::parse(lang.code()).unwrap(), lang);
            assert_eq!(Language::parse(lang.iso639_3()).unwrap(), lang);
            assert_eq!(Language::parse(lang.name()).unwrap(), lang);
        }
    }

    #[test]
    fn allowlist_restricts_the_answer() {
        let detector = LanguageDetector::with_allowlist(&["de", "es"]).unwrap();
        let d = detector.detect(FRENCH).unwrap();
        assert!(["deu", "spa"].contains(&d.language.iso639_3()));
        assert!(LanguageDetector::with_allowlist::<&str>(&[]).is_err());
        assert!(LanguageDetector::with_allowlist(&["fr", "klingon"]).is_err());
    }

    #[test]
    fn batch_equals_one_by_one() {
        let detector = LanguageDetector::default();
        let texts: Vec<Option<String>> = vec![
            Some(FRENCH.into()),
            None,
            Some(ENGLISH.into()),
            Some(String::new()),
            Some("Абу Камал — город в Сирии".into()),
        ];
        let expected: Vec<_> = texts.iter().map(|t| t.as_deref().and_then(|t| detector.detect(t))).collect();
        for threads in [None, Some(1), Some(2)] {
            assert_eq!(detector.detect_batch(&texts, threads).unwrap(), expected);
        }
    }

    #[test]
    fn spans_split_mixed_text_and_cover_it() {
        let text = format!("{FRENCH} {ENGLISH}\nБоевики группировки Исламское государство снова захватили сирийский город Абу-Кемаль, сообщили в пятницу российские военные.");
        let spans = LanguageDetector::default().detect_spans(&text);
        let langs: Vec<&str> = spans.iter().map(|s| s.language.code()).collect();
        assert_eq!(langs, ["fr", "en", "ru"]);
        assert_eq!(spans[0].start, 0);
        assert_eq!(spans.last().unwrap().end, text.chars().count());
        for pair in spans.windows(2) {
            assert_eq!(pair[0].end, pair[1].start);
        }
    }

    #[test]
    fn spans_of_letterless_text_are_empty() {
        assert!(LanguageDetector::default().detect_spans("123 456\n789").is_empty());
        assert!(LanguageDetector::default().detect_spans("").is_empty());
    }
}
