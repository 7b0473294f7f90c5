//! GeoNames dump files (`cities500.txt` ... `allCountries.txt`, 19 tab-separated columns) and
//! the optional `alternateNamesV2.txt` (names with language codes), read line by line so a
//! dump of any size never sits in memory as text.

use std::collections::{HashMap, HashSet};
use std::io::BufRead;
use std::path::Path;

use serde_json::Value;

use super::entity::Entity;
use super::records::Origin;
use crate::error::{NominaError, Result};

/// Column names of a GeoNames dump, for error messages.
const COLUMNS: [&str; 19] = [
    "geonameid", "name", "asciiname", "alternatenames", "latitude", "longitude", "feature class",
    "feature code", "country code", "cc2", "admin1 code", "admin2 code", "admin3 code",
    "admin4 code", "population", "elevation", "dem", "timezone", "modification date",
];

/// Pseudo-languages of alternateNamesV2 that hold codes and links, not names.
const NOT_NAMES: &[&str] = &["link", "wkdt", "post", "iata", "icao", "faac", "tcid", "unlc", "fr_1793", "phon", "piny"];

/// Which alternate names to take.
#[derive(Debug, Clone, Default)]
pub struct GeonamesOptions<'a> {
    /// `alternateNamesV2.txt` (or the older `alternateNames.txt`).
    pub alternate_names: Option<&'a Path>,
    /// Keep only alternate names in these languages (ISO 639 codes as GeoNames writes them;
    /// `""` for names without a language, `"abbr"` for abbreviations). Needs `alternate_names`:
    /// the dump's own alternatenames column carries no languages, so it is then left out.
    pub languages: Option<Vec<String>>,
}

/// Calls `each(line_number, line)` for every line, reusing one buffer. Invalid UTF-8 is an
/// error naming the line.
fn for_each_line(path: &Path, mut each: impl FnMut(usize, &str) -> Result<()>) -> Result<()> {
    let mut reader = super::records::open(path)?;
    let mut buf = Vec::with_capacity(4096);
    let source = path.display().to_string();
    let mut number = 0;
    loop {
        buf.clear();
        let read = reader
            .read_until(b'\n', &mut buf)
            .map_err(|e| NominaError::Io { path: source.clone(), message: e.to_string() })?;
        if read == 0 {
            return Ok(());
        }
        number += 1;
        let line = std::str::from_utf8(&buf)
            .map_err(|_| Origin { source: &source, line: Some(number) }.error(None, "not valid UTF-8"))?;
        let line = line.trim_end_matches(['\n', '\r']);
        if !line.is_empty() {
            each(number, line)?;
        }
    }
}

fn kind_of(feature_class: &str, feature_code: &str) -> &'static str {
    match feature_class {
        "P" => "place",
        "A" if feature_code.starts_with("PCL") => "country",
        "A" if feature_code.starts_with("ADM") => "region",
        "A" => "area",
        "H" => "water",
        "T" => "landform",
        "L" => "area",
        "S" => "facility",
        "R" => "road",
        "U" => "undersea",
        "V" => "vegetation",
        _ => "other",
    }
}

fn parse_row(line: &str, at: Origin, take_alternates: bool) -> Result<(u64, Entity)> {
    let cols: Vec<&str> = line.split('\t').collect();
    if cols.len() != COLUMNS.len() {
        return Err(at.error(
            None,
            format!("expected 19 tab-separated columns (a GeoNames dump such as cities15000.txt), found {}", cols.len()),
        ));
    }
    let field = |i: usize| at.error(Some(COLUMNS[i]), format!("{:?} is not valid", cols[i]));
    let geonameid: u64 = cols[0].parse().map_err(|_| field(0))?;
    let number = |i: usize| -> Result<Option<f64>> {
        if cols[i].is_empty() {
            Ok(None)
        } else {
            cols[i].parse().map(Some).map_err(|_| field(i))
        }
    };
    let mut entity = Entity::new(format!("geonames:{geonameid}"), cols[1]);
    entity.kind = kind_of(cols[6], cols[7]).into();
    entity.lat = number(4)?;
    entity.lon = number(5)?;
    entity.population = match cols[14] {
        "" => None,
        p => Some(p.parse::<u64>().map_err(|_| field(14))?),
    };
    if !cols[8].is_empty() {
        entity.country = Some(cols[8].into());
    }
    let mut aliases = vec![cols[2].to_string()];
    if take_alternates {
        aliases.extend(cols[3].split(',').map(String::from));
    }
    entity.aliases = aliases;
    for (key, i) in [("feature_class", 6), ("feature_code", 7), ("admin1_code", 10), ("admin2_code", 11), ("timezone", 17)] {
        if !cols[i].is_empty() {
            entity.attributes.insert(key.into(), Value::String(cols[i].into()));
        }
    }
    Ok((geonameid, entity))
}

/// Entities of a GeoNames dump, with alternate names as `options` say.
pub fn read_geonames(path: &Path, options: &GeonamesOptions) -> Result<Vec<Entity>> {
    if options.languages.is_some() && options.alternate_names.is_none() {
        return Err(NominaError::InvalidArgument(
            "languages= needs alternate_names= (the dump's own alternatenames column has no languages)".into(),
        ));
    }
    let source = path.display().to_string();
    let mut entities = Vec::new();
    let mut lines = Vec::new();
    let mut index: HashMap<u64, usize> = HashMap::new();
    let take_column = options.languages.is_none();
    for_each_line(path, |number, line| {
        let at = Origin { source: &source, line: Some(number) };
        let (geonameid, entity) = parse_row(line, at, take_column)?;
        if index.insert(geonameid, entities.len()).is_some() {
            return Err(at.error(Some("geonameid"), format!("duplicate id {:?}", entity.id)));
        }
        entities.push(entity);
        lines.push(number);
        Ok(())
    })?;
    if let Some(alternates) = options.alternate_names {
        let languages: Option<HashSet<&str>> =
            options.languages.as_ref().map(|l| l.iter().map(String::as_str).collect());
        let alt_source = alternates.display().to_string();
        for_each_line(alternates, |number, line| {
            let mut cols = line.split('\t');
            let (_, Some(id), Some(lang), Some(name)) = (cols.next(), cols.next(), cols.next(), cols.next()) else {
                let at = Origin { source: &alt_source, line: Some(number) };
                return Err(at.error(None, "expected at least 4 tab-separated columns (an alternateNames file)"));
            };
            let historic = cols.nth(3) == Some("1");
            let wanted = match &languages {
                Some(set) => set.contains(lang),
                None => !NOT_NAMES.contains(&lang),
            };
            if !wanted || historic {
                return Ok(());
            }
            let Ok(id) = id.parse::<u64>() else {
                let at = Origin { source: &alt_source, line: Some(number) };
                return Err(at.error(Some("geonameid"), format!("{id:?} is not valid")));
            };
            if let Some(&i) = index.get(&id) {
                entities[i].aliases.push(name.to_string());
            }
            Ok(())
        })?;
    }
    entities
        .into_iter()
        .zip(lines)
        .map(|(entity, line)| entity.tidy(&source, Some(line)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(name: &str, text: &str) -> std::path::PathBuf {
        let path = std::env::temp_dir().join(format!("nomina-geonames-{}-{name}", std::process::id()));
        std::fs::write(&path, text).unwrap();
        path
    }

    const ROW: &str = "174448\tĀlbū Kamāl\tAlbu Kamal\tAbou Kamal,Abu Kamal,Albu Kamal,al-Bukamal,البوكمال\t34.45226\t40.91854\tP\tPPLA2\tSY\t\t07\t\t\t\t80808\t\t181\tAsia/Damascus\t2012-01-18\n";

    #[test]
    fn reads_rows_and_alternate_names() {
        let dump = write("dump.txt", ROW);
        let alternates = write("alt.txt", "1\t174448\tfr\tBoukamal\t\t\t\t\t\t\n2\t174448\tlink\thttps://x\t\t\t\t\t\t\n3\t999\tfr\tNowhere\t\t\t\t\t\t\n");
        let options = GeonamesOptions { alternate_names: Some(&alternates), languages: None };
        let entities = read_geonames(&dump, &options).unwrap();
        assert_eq!(entities.len(), 1);
        let e = &entities[0];
        assert_eq!((e.id.as_str(), e.kind.as_str(), e.country.as_deref()), ("geonames:174448", "place", Some("SY")));
        assert_eq!(e.population, Some(80808));
        assert!(e.aliases.contains(&"Boukamal".to_string()) && e.aliases.contains(&"البوكمال".to_string()));
        assert!(!e.aliases.iter().any(|a| a.starts_with("http")));
        let options = GeonamesOptions { alternate_names: Some(&alternates), languages: Some(vec!["fr".into()]) };
        let e = &read_geonames(&dump, &options).unwrap()[0];
        assert_eq!(e.aliases, vec!["Albu Kamal", "Boukamal"]);
    }

    #[test]
    fn errors_name_line_and_column() {
        let dump = write("bad.txt", &format!("{ROW}{}", ROW.replace("80808", "many").replace("174448", "174449")));
        let err = read_geonames(&dump, &GeonamesOptions::default()).unwrap_err().to_string();
        assert!(err.contains("line 2, field \"population\""), "{err}");
        let dump = write("short.txt", "1\tx\n");
        let err = read_geonames(&dump, &GeonamesOptions::default()).unwrap_err().to_string();
        assert!(err.contains("line 1") && err.contains("19 tab-separated"), "{err}");
    }
}
