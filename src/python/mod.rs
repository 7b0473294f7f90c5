//! The PyO3 layer: converts types, releases the GIL around real work, maps errors. No logic
//! of its own lives here; see the core modules.

use std::borrow::Cow;

use pyo3::exceptions::{PyOSError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

use crate::error::NominaError;

mod gazetteer;
mod langid;
mod names;

impl From<NominaError> for PyErr {
    fn from(err: NominaError) -> PyErr {
        match err {
            NominaError::Io { .. } => PyOSError::new_err(err.to_string()),
            _ => PyValueError::new_err(err.to_string()),
        }
    }
}

/// The Python type name of `obj`, for error messages.
pub(crate) fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "object".into())
}

/// The text of a `str` argument, borrowed when possible. A string holding lone surrogates
/// (which UTF-8 cannot carry) gets each of them replaced by U+FFFD, one code point for one,
/// so offsets computed on the result are offsets into the user's string.
pub(crate) fn text_of<'a>(obj: &'a Bound<'_, PyAny>, what: &dyn Fn() -> String) -> PyResult<Cow<'a, str>> {
    let string = obj.downcast::<PyString>().map_err(|_| {
        PyTypeError::new_err(format!("{} must be str, not {}", what(), type_name(obj)))
    })?;
    match string.to_str() {
        Ok(text) => Ok(Cow::Borrowed(text)),
        Err(_) => Ok(Cow::Owned(replace_lone_surrogates(string)?)),
    }
}

fn replace_lone_surrogates(string: &Bound<'_, PyString>) -> PyResult<String> {
    let encoded = string.call_method1("encode", ("utf-32-le", "surrogatepass"))?;
    let bytes = encoded.downcast::<PyBytes>()?.as_bytes();
    Ok(bytes
        .chunks_exact(4)
        .map(|unit| {
            char::from_u32(u32::from_le_bytes([unit[0], unit[1], unit[2], unit[3]]))
                .unwrap_or(char::REPLACEMENT_CHARACTER)
        })
        .collect())
}

/// Texts of a batch argument: each item a `str` or `None` (kept as `None`).
pub(crate) fn optional_texts<'a>(
    items: &'a [Bound<'_, PyAny>],
    what: &str,
) -> PyResult<Vec<Option<Cow<'a, str>>>> {
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            if item.is_none() {
                Ok(None)
            } else {
                text_of(item, &|| format!("{what}[{i}]")).map(Some)
            }
        })
        .collect()
}

/// The items of any iterable argument (list, tuple, generator, pandas Series...).
pub(crate) fn items_of<'py>(obj: &Bound<'py, PyAny>, what: &str) -> PyResult<Vec<Bound<'py, PyAny>>> {
    if obj.is_instance_of::<PyString>() || obj.is_instance_of::<PyBytes>() {
        return Err(PyTypeError::new_err(format!(
            "{what} must be an iterable of str, not a single {}",
            type_name(obj)
        )));
    }
    let iter = obj.try_iter().map_err(|_| {
        PyTypeError::new_err(format!("{what} must be an iterable of str, not {}", type_name(obj)))
    })?;
    iter.collect()
}

#[pymodule]
fn _nomina(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    langid::register(m)?;
    gazetteer::register(m)?;
    names::register(m)?;
    Ok(())
}
