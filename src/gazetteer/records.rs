//! Entities from records (the schema shared with the default-data generator), JSONL and CSV.
//!
//! A record is a JSON object: `id` and `name` required; `kind`, `aliases`, `country`, `lat`,
//! `lon`, `population`, `demonyms` optional; any other key is kept in `attributes`.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

use serde_json::{Map, Value};

use super::entity::Entity;
use crate::error::{NominaError, Result};

/// Where a record came from, for error messages: `source, line N, field "f": ...`.
#[derive(Clone, Copy)]
pub struct Origin<'a> {
    pub source: &'a str,
    pub line: Option<usize>,
}

impl Origin<'_> {
    pub fn error(&self, field: Option<&str>, message: impl Into<String>) -> NominaError {
        NominaError::InvalidData {
            source: self.source.into(),
            line: self.line,
            field: field.map(Into::into),
            message: message.into(),
        }
    }
}

fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

fn required_str(obj: &Map<String, Value>, field: &str, at: Origin) -> Result<String> {
    match obj.get(field) {
        Some(Value::String(s)) => Ok(s.clone()),
        Some(Value::Number(n)) if field == "id" => Ok(n.to_string()),
        None | Some(Value::Null) => Err(at.error(Some(field), format!("missing required field {field:?}"))),
        Some(other) => Err(at.error(Some(field), format!("must be a string, not {}", describe(other)))),
    }
}

fn optional_str(obj: &Map<String, Value>, field: &str, at: Origin) -> Result<Option<String>> {
    match obj.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(other) => Err(at.error(Some(field), format!("must be a string or null, not {}", describe(other)))),
    }
}

fn optional_f64(obj: &Map<String, Value>, field: &str, at: Origin) -> Result<Option<f64>> {
    match obj.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => Ok(n.as_f64()),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => s
            .trim()
            .parse()
            .map(Some)
            .map_err(|_| at.error(Some(field), format!("{s:?} is not a number"))),
        Some(other) => Err(at.error(Some(field), format!("must be a number, not {}", describe(other)))),
    }
}

fn optional_population(obj: &Map<String, Value>, at: Origin) -> Result<Option<u64>> {
    let bad = |shown: String| at.error(Some("population"), format!("{shown} is not a population (a whole number >= 0)"));
    match optional_f64(obj, "population", at)? {
        None => Ok(None),
        Some(p) if p.is_finite() && p >= 0.0 && p.fract() == 0.0 && p < 1e15 => Ok(Some(p as u64)),
        Some(p) => Err(bad(p.to_string())),
    }
}

/// A list of strings; a single string is split on `|` (the CSV convention).
fn string_list(obj: &Map<String, Value>, field: &str, at: Origin) -> Result<Vec<String>> {
    match obj.get(field) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::String(s)) => Ok(split_list(s)),
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .filter(|(_, v)| !v.is_null())
            .map(|(i, v)| match v {
                Value::String(s) => Ok(s.clone()),
                other => Err(at.error(Some(field), format!("item {i} must be a string, not {}", describe(other)))),
            })
            .collect(),
        Some(other) => Err(at.error(Some(field), format!("must be a list of strings, not {}", describe(other)))),
    }
}

pub(crate) fn split_list(s: &str) -> Vec<String> {
    s.split('|').map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect()
}

const KNOWN: &[&str] = &["id", "name", "kind", "aliases", "country", "lat", "lon", "population", "demonyms", "attributes"];

/// One entity from one record.
pub fn entity_from_json(value: &Value, at: Origin) -> Result<Entity> {
    let Value::Object(obj) = value else {
        return Err(at.error(None, format!("a record must be an object, not {}", describe(value))));
    };
    let mut entity = Entity::new(required_str(obj, "id", at)?, required_str(obj, "name", at)?);
    if let Some(kind) = optional_str(obj, "kind", at)? {
        entity.kind = kind;
    }
    entity.aliases = string_list(obj, "aliases", at)?;
    entity.country = optional_str(obj, "country", at)?;
    entity.lat = optional_f64(obj, "lat", at)?;
    entity.lon = optional_f64(obj, "lon", at)?;
    entity.population = optional_population(obj, at)?;
    entity.demonyms = string_list(obj, "demonyms", at)?;
    match obj.get("attributes") {
        None | Some(Value::Null) => {}
        Some(Value::Object(attributes)) => entity.attributes = attributes.clone(),
        Some(other) => {
            return Err(at.error(Some("attributes"), format!("must be an object, not {}", describe(other))))
        }
    }
    for (key, value) in obj {
        if !KNOWN.contains(&key.as_str()) {
            entity.attributes.insert(key.clone(), value.clone());
        }
    }
    entity.tidy(at.source, at.line)
}

/// A file to read line by line, decompressed on the fly when it is gzipped (by its magic
/// bytes, whatever its name).
pub(crate) fn open(path: &Path) -> Result<Box<dyn BufRead + Send>> {
    let io = |e: std::io::Error| NominaError::Io { path: path.display().to_string(), message: e.to_string() };
    let mut reader = BufReader::with_capacity(1 << 20, File::open(path).map_err(io)?);
    let gzipped = reader.fill_buf().map_err(io)?.starts_with(&[0x1f, 0x8b]);
    Ok(if gzipped {
        Box::new(BufReader::with_capacity(1 << 20, flate2::bufread::MultiGzDecoder::new(reader)))
    } else {
        Box::new(reader)
    })
}

fn io_error(path: &Path, e: impl std::fmt::Display) -> NominaError {
    NominaError::Io { path: path.display().to_string(), message: e.to_string() }
}

/// Entities from a JSON Lines file, one record per line (blank lines skipped).
pub fn read_jsonl(path: &Path) -> Result<Vec<Entity>> {
    let source = path.display().to_string();
    let mut entities = Vec::new();
    for (i, line) in open(path)?.lines().enumerate() {
        let line = line.map_err(|e| io_error(path, e))?;
        let at = Origin { source: &source, line: Some(i + 1) };
        if line.trim().is_empty() {
            continue;
        }
        let value: Value = serde_json::from_str(&line).map_err(|e| at.error(None, format!("invalid JSON: {e}")))?;
        entities.push(entity_from_json(&value, at)?);
    }
    Ok(entities)
}

/// Entities from a CSV file with a header row naming the record fields; `aliases` and
/// `demonyms` hold several names separated by `|`; other columns go to `attributes`.
pub fn read_csv(path: &Path, delimiter: u8) -> Result<Vec<Entity>> {
    let source = path.display().to_string();
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).flexible(false).from_reader(open(path)?);
    let header_at = Origin { source: &source, line: Some(1) };
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| header_at.error(None, format!("cannot read the header row: {e}")))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    for field in ["id", "name"] {
        if !headers.iter().any(|h| h == field) {
            return Err(header_at.error(Some(field), format!("the header row has no {field:?} column")));
        }
    }
    let mut entities = Vec::new();
    for row in reader.records() {
        let row = row.map_err(|e| {
            let line = e.position().map(|p| p.line() as usize);
            Origin { source: &source, line }.error(None, e.to_string())
        })?;
        let line = row.position().map(|p| p.line() as usize);
        let at = Origin { source: &source, line };
        let mut obj = Map::new();
        for (header, cell) in headers.iter().zip(row.iter()) {
            if !cell.is_empty() {
                obj.insert(header.clone(), Value::String(cell.to_string()));
            }
        }
        entities.push(entity_from_json(&Value::Object(obj), at)?);
    }
    Ok(entities)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn at() -> Origin<'static> {
        Origin { source: "records", line: Some(2) }
    }

    #[test]
    fn keeps_unknown_keys_as_attributes() {
        let e = entity_from_json(
            &json!({"id": "geonames:174448", "name": "Ālbū Kamāl", "kind": "place", "aliases": ["Abu Kamal"],
                    "country": "sy", "population": 80000, "wikidata": "Q1"}),
            at(),
        )
        .unwrap();
        assert_eq!(e.country.as_deref(), Some("SY"));
        assert_eq!(e.population, Some(80000));
        assert_eq!(e.attributes["wikidata"], json!("Q1"));
    }

    #[test]
    fn errors_name_the_field() {
        let err = entity_from_json(&json!({"id": "x", "name": "X", "population": "many"}), at()).unwrap_err();
        assert!(err.to_string().starts_with("records, line 2, field \"population\""), "{err}");
        let err = entity_from_json(&json!({"name": "X"}), at()).unwrap_err();
        assert!(err.to_string().contains("field \"id\""), "{err}");
        let err = entity_from_json(&json!({"id": "x", "name": "X", "aliases": [1]}), at()).unwrap_err();
        assert!(err.to_string().contains("field \"aliases\""), "{err}");
    }
}
