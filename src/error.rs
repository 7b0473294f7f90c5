//! The one error type of the core. The bindings map each variant to a Python exception
//! (`src/python/mod.rs`), so messages here are written for the user who will read them.

use std::fmt;

pub type Result<T> = std::result::Result<T, NominaError>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NominaError {
    /// A language code or name that nomina does not know (maps to `ValueError`).
    UnknownLanguage(String),
    /// An argument with a value outside what the function accepts (maps to `ValueError`).
    InvalidArgument(String),
    /// Malformed data in a file or record: where it is and what is wrong (maps to `ValueError`).
    InvalidData {
        source: String,
        line: Option<usize>,
        field: Option<String>,
        message: String,
    },
    /// A file that could not be read or written (maps to `OSError`).
    Io { path: String, message: String },
}

impl fmt::Display for NominaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NominaError::UnknownLanguage(code) => write!(
                f,
                "unknown language {code:?}: use an ISO 639-1 or 639-3 code or an English name \
                 listed by nomina.languages()"
            ),
            NominaError::InvalidArgument(message) => f.write_str(message),
            NominaError::InvalidData { source, line, field, message } => {
                f.write_str(source)?;
                if let Some(line) = line {
                    write!(f, ", line {line}")?;
                }
                if let Some(field) = field {
                    write!(f, ", field {field:?}")?;
                }
                write!(f, ": {message}")
            }
            NominaError::Io { path, message } => write!(f, "{path}: {message}"),
        }
    }
}

impl std::error::Error for NominaError {}
