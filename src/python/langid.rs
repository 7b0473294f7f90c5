use std::borrow::Cow;
use std::sync::OnceLock;

use pyo3::prelude::*;
use pyo3::types::PyType;

use super::{items_of, optional_texts, text_of};
use crate::langid::{Detection, Language, LanguageDetector, LanguageSpan};
use crate::parallel::validate_threads;

#[pyclass(frozen, get_all, eq, module = "nomina", name = "Detection")]
#[derive(Clone, PartialEq)]
pub struct PyDetection {
    lang: String,
    iso639_3: String,
    name: String,
    script: String,
    confidence: f64,
    reliable: bool,
}

impl From<Detection> for PyDetection {
    fn from(d: Detection) -> Self {
        PyDetection {
            lang: d.language.code().to_string(),
            iso639_3: d.language.iso639_3().to_string(),
            name: d.language.name().to_string(),
            script: d.script_name().to_string(),
            confidence: d.confidence,
            reliable: d.reliable,
        }
    }
}

#[pymethods]
impl PyDetection {
    #[new]
    fn new(lang: String, iso639_3: String, name: String, script: String, confidence: f64, reliable: bool) -> Self {
        PyDetection { lang, iso639_3, name, script, confidence, reliable }
    }

    fn __repr__(&self) -> String {
        format!(
            "Detection(lang='{}', iso639_3='{}', name='{}', script='{}', confidence={:.3}, reliable={})",
            self.lang,
            self.iso639_3,
            self.name,
            self.script,
            self.confidence,
            if self.reliable { "True" } else { "False" }
        )
    }

    #[allow(clippy::type_complexity)]
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> (Bound<'py, PyType>, (String, String, String, String, f64, bool)) {
        let d = slf.get();
        let args = (d.lang.clone(), d.iso639_3.clone(), d.name.clone(), d.script.clone(), d.confidence, d.reliable);
        (slf.get_type(), args)
    }
}

#[pyclass(frozen, get_all, eq, module = "nomina", name = "LanguageSpan")]
#[derive(Clone, PartialEq)]
pub struct PyLanguageSpan {
    start: usize,
    end: usize,
    lang: String,
    confidence: f64,
}

impl From<LanguageSpan> for PyLanguageSpan {
    fn from(span: LanguageSpan) -> Self {
        PyLanguageSpan {
            start: span.start,
            end: span.end,
            lang: span.language.code().to_string(),
            confidence: span.confidence,
        }
    }
}

#[pymethods]
impl PyLanguageSpan {
    #[new]
    fn new(start: usize, end: usize, lang: String, confidence: f64) -> Self {
        PyLanguageSpan { start, end, lang, confidence }
    }

    fn __repr__(&self) -> String {
        format!(
            "LanguageSpan(start={}, end={}, lang='{}', confidence={:.3})",
            self.start, self.end, self.lang, self.confidence
        )
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> (Bound<'py, PyType>, (usize, usize, String, f64)) {
        let s = slf.get();
        (slf.get_type(), (s.start, s.end, s.lang.clone(), s.confidence))
    }
}

fn detector_for(allowlist: Option<Vec<String>>) -> PyResult<Cow<'static, LanguageDetector>> {
    static DEFAULT: OnceLock<LanguageDetector> = OnceLock::new();
    Ok(match allowlist {
        None => Cow::Borrowed(DEFAULT.get_or_init(LanguageDetector::default)),
        Some(list) => Cow::Owned(LanguageDetector::with_allowlist(&list)?),
    })
}

#[pyfunction]
#[pyo3(signature = (text, allowlist=None))]
fn detect(py: Python<'_>, text: &Bound<'_, PyAny>, allowlist: Option<Vec<String>>) -> PyResult<Option<PyDetection>> {
    let text = text_of(text, &|| "text".into())?;
    let detector = detector_for(allowlist)?;
    Ok(py.allow_threads(|| detector.detect(&text)).map(PyDetection::from))
}

#[pyfunction]
#[pyo3(signature = (texts, allowlist=None, threads=None))]
fn detect_batch(
    py: Python<'_>,
    texts: &Bound<'_, PyAny>,
    allowlist: Option<Vec<String>>,
    threads: Option<i64>,
) -> PyResult<Vec<Option<PyDetection>>> {
    let threads = validate_threads(threads)?;
    let detector = detector_for(allowlist)?;
    let items = items_of(texts, "texts")?;
    let texts = optional_texts(&items, "texts")?;
    let detections = py.allow_threads(|| {
        crate::parallel::map_ordered(&texts, threads, |text| text.as_deref().and_then(|t| detector.detect(t)))
    })?;
    Ok(detections.into_iter().map(|d| d.map(PyDetection::from)).collect())
}

#[pyfunction]
fn detect_spans(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<Vec<PyLanguageSpan>> {
    let text = text_of(text, &|| "text".into())?;
    let detector = detector_for(None)?;
    let spans = py.allow_threads(|| detector.detect_spans(&text));
    Ok(spans.into_iter().map(PyLanguageSpan::from).collect())
}

/// (code, iso639_3, English name) of every detectable language.
#[pyfunction]
fn languages() -> Vec<(&'static str, &'static str, &'static str)> {
    Language::all().iter().map(|l| (l.code(), l.iso639_3(), l.name())).collect()
}

pub(super) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyDetection>()?;
    m.add_class::<PyLanguageSpan>()?;
    m.add_function(wrap_pyfunction!(detect, m)?)?;
    m.add_function(wrap_pyfunction!(detect_batch, m)?)?;
    m.add_function(wrap_pyfunction!(detect_spans, m)?)?;
    m.add_function(wrap_pyfunction!(languages, m)?)?;
    Ok(())
}
