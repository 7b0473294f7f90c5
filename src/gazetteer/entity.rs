//! What a gazetteer holds: entities, and the case policy its names are matched with.

use std::str::FromStr;

use serde_json::{Map, Value};

use crate::error::{NominaError, Result};

/// One place, country, region, organisation or person, with every name it goes by.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    pub id: String,
    pub name: String,
    /// `"place"`, `"country"`, `"region"`, `"organization"`, `"person"`... (`"other"` by default).
    pub kind: String,
    /// Other names (translations, transliterations, acronyms), without the name itself and
    /// without duplicates.
    pub aliases: Vec<String>,
    /// ISO 3166-1 alpha-2 code.
    pub country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub population: Option<u64>,
    /// Adjectives and demonyms (`syrienne`, `Syrian`) that point at this entity.
    pub demonyms: Vec<String>,
    /// Everything else the record carried.
    pub attributes: Map<String, Value>,
}

impl Entity {
    /// An entity with only an id and a name; the other fields at their defaults.
    pub fn new(id: impl Into<String>, name: impl Into<String>) -> Entity {
        Entity {
            id: id.into(),
            name: name.into(),
            kind: "other".into(),
            aliases: Vec::new(),
            country: None,
            lat: None,
            lon: None,
            population: None,
            demonyms: Vec::new(),
            attributes: Map::new(),
        }
    }

    pub fn with_kind(mut self, kind: &str) -> Entity {
        self.kind = kind.into();
        self
    }

    pub fn with_aliases<S: AsRef<str>>(mut self, aliases: &[S]) -> Entity {
        self.aliases = aliases.iter().map(|a| a.as_ref().to_string()).collect();
        self
    }

    pub fn with_country(mut self, country: &str) -> Entity {
        self.country = Some(country.into());
        self
    }

    pub fn with_population(mut self, population: u64) -> Entity {
        self.population = Some(population);
        self
    }

    pub fn with_demonyms<S: AsRef<str>>(mut self, demonyms: &[S]) -> Entity {
        self.demonyms = demonyms.iter().map(|a| a.as_ref().to_string()).collect();
        self
    }

    /// Trim names, drop empty and repeated aliases and demonyms (a name listed again as an
    /// alias is the same name), and check what must hold. `source`/`line` say where the
    /// record came from, for the error message.
    pub fn tidy(mut self, source: &str, line: Option<usize>) -> Result<Entity> {
        let invalid = |field: &str, message: String| NominaError::InvalidData {
            source: source.into(),
            line,
            field: Some(field.into()),
            message,
        };
        self.id = self.id.trim().to_string();
        if self.id.is_empty() {
            return Err(invalid("id", "empty id: every entity needs a non-empty id".into()));
        }
        self.name = self.name.trim().to_string();
        if self.name.is_empty() {
            return Err(invalid("name", format!("entity {:?} has an empty name", self.id)));
        }
        if self.kind.trim().is_empty() {
            self.kind = "other".into();
        }
        if let Some(country) = &self.country {
            let country = country.trim();
            self.country = if country.is_empty() { None } else { Some(country.to_ascii_uppercase()) };
        }
        for (field, value) in [("lat", self.lat), ("lon", self.lon)] {
            if let Some(v) = value {
                let limit = if field == "lat" { 90.0 } else { 180.0 };
                if !v.is_finite() || v.abs() > limit {
                    return Err(invalid(field, format!("{v} is not a valid {field}itude")));
                }
            }
        }
        let mut seen = std::collections::HashSet::new();
        seen.insert(self.name.clone());
        self.aliases = dedup(std::mem::take(&mut self.aliases), &mut seen);
        let mut seen = std::collections::HashSet::new();
        self.demonyms = dedup(std::mem::take(&mut self.demonyms), &mut seen);
        Ok(self)
    }

    /// The name followed by the aliases.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

fn dedup(items: Vec<String>, seen: &mut std::collections::HashSet<String>) -> Vec<String> {
    items
        .into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty() && seen.insert(s.clone()))
        .collect()
}

/// How letter case decides whether a name in the text is the name of the gazetteer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CaseMode {
    /// Names must be capitalised in cased scripts, all-capitals aliases (EI, UN) match only in
    /// capitals, stopwords of the text's language never match alone, variant spellings found.
    Smart,
    /// Whole-word keyword matching, ignoring case and accents (flashtext's default).
    Insensitive,
    /// Whole-word keyword matching of the names exactly as written.
    Sensitive,
}

impl CaseMode {
    pub fn as_str(self) -> &'static str {
        match self {
            CaseMode::Smart => "smart",
            CaseMode::Insensitive => "insensitive",
            CaseMode::Sensitive => "sensitive",
        }
    }

    pub(crate) fn code(self) -> u8 {
        match self {
            CaseMode::Smart => 0,
            CaseMode::Insensitive => 1,
            CaseMode::Sensitive => 2,
        }
    }

    pub(crate) fn from_code(code: u8) -> Option<CaseMode> {
        [CaseMode::Smart, CaseMode::Insensitive, CaseMode::Sensitive].get(code as usize).copied()
    }
}

impl FromStr for CaseMode {
    type Err = NominaError;

    fn from_str(s: &str) -> Result<CaseMode> {
        match s {
            "smart" => Ok(CaseMode::Smart),
            "insensitive" => Ok(CaseMode::Insensitive),
            "sensitive" => Ok(CaseMode::Sensitive),
            other => Err(NominaError::InvalidArgument(format!(
                "case must be \"smart\", \"insensitive\" or \"sensitive\", got {other:?}"
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidy_merges_repeated_aliases_and_drops_the_name() {
        let e = Entity::new(" x ", "Syrie")
            .with_aliases(&["Syria", "Syrie", " Syria ", "", "سوريا"])
            .tidy("test", None)
            .unwrap();
        assert_eq!(e.id, "x");
        assert_eq!(e.aliases, vec!["Syria", "سوريا"]);
    }

    #[test]
    fn tidy_rejects_empty_names_naming_the_field() {
        let err = Entity::new("x", "  ").tidy("places.csv", Some(3)).unwrap_err();
        assert_eq!(err.to_string(), "places.csv, line 3, field \"name\": entity \"x\" has an empty name");
    }

    #[test]
    fn case_modes_parse() {
        assert_eq!("smart".parse::<CaseMode>().unwrap(), CaseMode::Smart);
        assert!("Smart".parse::<CaseMode>().is_err());
    }
}
