use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyList};

use super::{items_of, optional_texts, text_of};
use crate::normalize::{normalize as normalize_core, normalize_with_offsets as offsets_core};
use crate::parallel::{map_ordered, validate_threads};
use crate::similarity::{similarity as similarity_core, similarity_prepared, PreparedName, DEFAULT_THRESHOLD};
use crate::text_offsets::CharIndexer;
use crate::variants::variant_key as variant_key_core;

#[pyfunction]
fn normalize(s: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(normalize_core(&text_of(s, &|| "s".into())?))
}

/// (folded text, [(start, end)] source range of each folded char, as str indices into `s`).
#[pyfunction]
fn normalize_with_offsets(s: &Bound<'_, PyAny>) -> PyResult<(String, Vec<(usize, usize)>)> {
    let s = text_of(s, &|| "s".into())?;
    let folded = offsets_core(&s);
    let indexer = CharIndexer::new(&s);
    let ranges = folded.char_sources().map(|r| (indexer.char_index(r.start), indexer.char_index(r.end))).collect();
    Ok((folded.text, ranges))
}

#[pyfunction]
fn variant_key(s: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(variant_key_core(&text_of(s, &|| "s".into())?))
}

#[pyfunction]
fn similarity(a: &Bound<'_, PyAny>, b: &Bound<'_, PyAny>) -> PyResult<f64> {
    Ok(similarity_core(&text_of(a, &|| "a".into())?, &text_of(b, &|| "b".into())?))
}

fn check_threshold(threshold: f64) -> PyResult<f64> {
    if (0.0..=1.0).contains(&threshold) {
        Ok(threshold)
    } else {
        Err(PyValueError::new_err(format!("threshold must be between 0 and 1, got {threshold}")))
    }
}

#[pyfunction]
#[pyo3(signature = (a, b, threshold=DEFAULT_THRESHOLD))]
fn same_name(a: &Bound<'_, PyAny>, b: &Bound<'_, PyAny>, threshold: f64) -> PyResult<bool> {
    let threshold = check_threshold(threshold)?;
    Ok(similarity_core(&text_of(a, &|| "a".into())?, &text_of(b, &|| "b".into())?) >= threshold)
}

/// `each` over a batch argument of names in parallel with the GIL released; `None` stays `None`.
fn map_names(
    py: Python<'_>,
    names: &Bound<'_, PyAny>,
    threads: Option<i64>,
    each: fn(&str) -> String,
) -> PyResult<Vec<Option<String>>> {
    let threads = validate_threads(threads)?;
    let items = items_of(names, "names")?;
    let names = optional_texts(&items, "names")?;
    Ok(py.allow_threads(|| map_ordered(&names, threads, |name| name.as_deref().map(each)))?)
}

#[pyfunction]
#[pyo3(signature = (names, threads=None))]
fn variant_keys(py: Python<'_>, names: &Bound<'_, PyAny>, threads: Option<i64>) -> PyResult<Vec<Option<String>>> {
    map_names(py, names, threads, variant_key_core)
}

/// Batch twin of `normalize`.
#[pyfunction]
#[pyo3(signature = (names, threads=None))]
fn normalize_batch(py: Python<'_>, names: &Bound<'_, PyAny>, threads: Option<i64>) -> PyResult<Vec<Option<String>>> {
    map_names(py, names, threads, normalize_core)
}

fn texts_of(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Vec<String>> {
    items_of(obj, what)?
        .iter()
        .enumerate()
        .map(|(i, item)| text_of(item, &|| format!("{what}[{i}]")).map(|t| t.into_owned()))
        .collect()
}

#[pyfunction]
#[pyo3(signature = (a, b, threads=None))]
fn similarity_matrix<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    b: &Bound<'py, PyAny>,
    threads: Option<i64>,
) -> PyResult<Bound<'py, PyAny>> {
    let threads = validate_threads(threads)?;
    let a = texts_of(a, "a")?;
    let b = texts_of(b, "b")?;
    let (rows, columns) = (a.len(), b.len());
    let scores: Vec<f64> = py.allow_threads(|| -> crate::Result<Vec<f64>> {
        let a = map_ordered(&a, threads, |s| PreparedName::new(s))?;
        let b = map_ordered(&b, threads, |s| PreparedName::new(s))?;
        let rows = map_ordered(&a, threads, |x| b.iter().map(|y| similarity_prepared(x, y)).collect::<Vec<f64>>())?;
        Ok(rows.into_iter().flatten().collect())
    })?;
    if let Ok(numpy) = py.import("numpy") {
        let bytes: Vec<u8> = scores.iter().flat_map(|s| s.to_ne_bytes()).collect();
        let buffer = PyByteArray::new(py, &bytes);
        let flat = numpy.call_method1("frombuffer", (buffer, "float64"))?;
        return flat.call_method1("reshape", (rows, columns));
    }
    let list = PyList::empty(py);
    for i in 0..rows {
        list.append(PyList::new(py, &scores[i * columns..(i + 1) * columns])?)?;
    }
    Ok(list.into_any())
}

/// The parts `similarity` combines, for calibration only (bench/variants.py).
#[pyfunction]
fn _similarity_parts(a: &Bound<'_, PyAny>, b: &Bound<'_, PyAny>) -> PyResult<[f64; 4]> {
    let a = PreparedName::new(&text_of(a, &|| "a".into())?);
    let b = PreparedName::new(&text_of(b, &|| "b".into())?);
    Ok(crate::similarity::similarity_parts(&a, &b))
}

/// The variant form, key and word starts of a name, for calibration only (bench/variants.py).
#[pyfunction]
fn _name_form(s: &Bound<'_, PyAny>) -> PyResult<(String, String, Vec<usize>)> {
    let forms = crate::variants::NameForms::new(&text_of(s, &|| "s".into())?);
    Ok((String::from_utf8_lossy(&forms.form).into_owned(), forms.key, forms.word_starts))
}

pub(super) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("DEFAULT_THRESHOLD", DEFAULT_THRESHOLD)?;
    m.add_function(wrap_pyfunction!(normalize, m)?)?;
    m.add_function(wrap_pyfunction!(normalize_batch, m)?)?;
    m.add_function(wrap_pyfunction!(normalize_with_offsets, m)?)?;
    m.add_function(wrap_pyfunction!(variant_key, m)?)?;
    m.add_function(wrap_pyfunction!(similarity, m)?)?;
    m.add_function(wrap_pyfunction!(same_name, m)?)?;
    m.add_function(wrap_pyfunction!(variant_keys, m)?)?;
    m.add_function(wrap_pyfunction!(similarity_matrix, m)?)?;
    m.add_function(wrap_pyfunction!(_similarity_parts, m)?)?;
    m.add_function(wrap_pyfunction!(_name_form, m)?)?;
    Ok(())
}
