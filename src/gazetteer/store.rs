//! The saved form of a gazetteer (`save`/`load`, and pickling through the same bytes).
//!
//! ```text
//! magic "NOMINAGZ" | version u32 | payload length u64 | CRC-32 of payload u32 | payload
//! payload: case u8 | folding fingerprint u32 | entities | every name's folded form and key
//! ```
//! All integers little-endian, strings as u32 length + UTF-8. Storing the folded forms and
//! variant keys is what makes loading faster than building; the fingerprint says whether they
//! were computed by the same folding rules as this build's (if not, they are recomputed).
//! Every read is bounds-checked: a truncated, corrupted or foreign file is an error, never a
//! crash. The saved form may also be gzip-compressed (the packaged default is: a quarter of
//! the size, for a fraction of the load time); `from_bytes` and `load` read both.

use std::path::Path;

use serde_json::{Map, Value};

use super::build::Gazetteer;
use super::entity::{CaseMode, Entity};
use crate::error::{NominaError, Result};
use crate::normalize::normalize;
use crate::variants::variant_key;

const MAGIC: &[u8; 8] = b"NOMINAGZ";
const VERSION: u32 = 1;
const HEADER: usize = 8 + 4 + 8 + 4;
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// The saved form inside a gzip stream.
fn gunzip(bytes: &[u8], source: &str) -> Result<Vec<u8>> {
    use std::io::Read;
    // The uncompressed size is the last 4 bytes of a gzip member (mod 2^32): a capacity hint.
    let hint = bytes.len().checked_sub(4).map_or(0, |at| {
        u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]) as usize
    });
    let mut plain = Vec::with_capacity(hint.min(bytes.len().saturating_mul(32)));
    flate2::read::MultiGzDecoder::new(bytes).read_to_end(&mut plain).map_err(|e| NominaError::InvalidData {
        source: source.into(),
        line: None,
        field: None,
        message: format!("not a valid nomina gazetteer (gzip stream: {e})"),
    })?;
    Ok(plain)
}

/// Changes whenever `normalize` or `variant_key` fold these probes differently.
fn folding_fingerprint() -> u32 {
    const PROBES: &[&str] =
        &["Ālbū Kamāl", "Boukamal", "Deir ez-Zor", "Straße", "Абу Камал", "البوكمال", "l'État islamique", "ISIS", "Ajman"];
    let mut hasher = crc32fast::Hasher::new();
    for p in PROBES {
        hasher.update(normalize(p).as_bytes());
        hasher.update(&[0]);
        hasher.update(variant_key(p).as_bytes());
        hasher.update(&[0]);
    }
    hasher.finalize()
}

struct Writer(Vec<u8>);

impl Writer {
    fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn len(&mut self, v: usize) {
        self.u32(u32::try_from(v).unwrap_or(u32::MAX));
    }
    fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn f64(&mut self, v: f64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn str(&mut self, s: &str) {
        self.len(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }
    fn strs(&mut self, items: &[String]) {
        self.len(items.len());
        for s in items {
            self.str(s);
        }
    }
    fn opt_f64(&mut self, v: Option<f64>) {
        match v {
            Some(v) => {
                self.u8(1);
                self.f64(v);
            }
            None => self.u8(0),
        }
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    source: &'a str,
}

impl<'a> Reader<'a> {
    fn corrupt(&self, what: &str) -> NominaError {
        NominaError::InvalidData {
            source: self.source.into(),
            line: None,
            field: None,
            message: format!("not a valid nomina gazetteer ({what} at byte {})", self.pos),
        }
    }
    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.bytes.len()).ok_or_else(|| self.corrupt("truncated"))?;
        let slice = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(slice)
    }
    fn u8(&mut self) -> Result<u8> {
        Ok(self.take(1)?[0])
    }
    fn u32(&mut self) -> Result<u32> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn u64(&mut self) -> Result<u64> {
        let mut a = [0u8; 8];
        a.copy_from_slice(self.take(8)?);
        Ok(u64::from_le_bytes(a))
    }
    fn f64(&mut self) -> Result<f64> {
        Ok(f64::from_bits(self.u64()?))
    }
    /// A count of items each at least `min_size` bytes long, checked against what is left.
    fn count(&mut self, min_size: usize) -> Result<usize> {
        let n = self.u32()? as usize;
        if n.saturating_mul(min_size.max(1)) > self.bytes.len() - self.pos {
            return Err(self.corrupt("count larger than the file"));
        }
        Ok(n)
    }
    fn str(&mut self) -> Result<&'a str> {
        let n = self.u32()? as usize;
        let bytes = self.take(n)?;
        std::str::from_utf8(bytes).map_err(|_| self.corrupt("invalid UTF-8"))
    }
    fn string(&mut self) -> Result<String> {
        self.str().map(String::from)
    }
    fn strs(&mut self) -> Result<Vec<String>> {
        let n = self.count(4)?;
        (0..n).map(|_| self.string()).collect()
    }
    fn opt_f64(&mut self) -> Result<Option<f64>> {
        match self.u8()? {
            0 => Ok(None),
            1 => self.f64().map(Some),
            _ => Err(self.corrupt("bad flag")),
        }
    }
}

impl Gazetteer {
    /// The saved form (what `save` writes and pickling carries).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer(Vec::with_capacity(64 + self.names.len() * 48));
        w.u8(self.case.code());
        w.u32(folding_fingerprint());
        w.len(self.entities.len());
        for e in &self.entities {
            w.str(&e.id);
            w.str(&e.name);
            w.str(&e.kind);
            w.strs(&e.aliases);
            w.str(e.country.as_deref().unwrap_or(""));
            w.opt_f64(e.lat);
            w.opt_f64(e.lon);
            match e.population {
                Some(p) => {
                    w.u8(1);
                    w.u64(p);
                }
                None => w.u8(0),
            }
            w.strs(&e.demonyms);
            if e.attributes.is_empty() {
                w.str("");
            } else {
                w.str(&Value::Object(e.attributes.clone()).to_string());
            }
        }
        w.len(self.names.len());
        for (form, key) in self.folded_names() {
            w.str(form);
            w.str(key);
        }
        let payload = w.0;
        let mut out = Vec::with_capacity(HEADER + payload.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
        out.extend_from_slice(&crc32fast::hash(&payload).to_le_bytes());
        out.extend_from_slice(&payload);
        out
    }

    /// A gazetteer from its saved form, plain or gzip-compressed; `source` names it in error
    /// messages.
    pub fn from_bytes(bytes: &[u8], source: &str) -> Result<Gazetteer> {
        if bytes.starts_with(&GZIP_MAGIC) {
            let plain = gunzip(bytes, source)?;
            return Gazetteer::from_plain_bytes(&plain, source);
        }
        Gazetteer::from_plain_bytes(bytes, source)
    }

    fn from_plain_bytes(bytes: &[u8], source: &str) -> Result<Gazetteer> {
        let mut r = Reader { bytes, pos: 0, source };
        if bytes.len() < HEADER || &bytes[..8] != MAGIC {
            return Err(NominaError::InvalidData {
                source: source.into(),
                line: None,
                field: None,
                message: "not a nomina gazetteer (no NOMINAGZ header): save one with Gazetteer.save()".into(),
            });
        }
        r.pos = 8;
        let version = r.u32()?;
        if version != VERSION {
            return Err(r.corrupt(&format!("format version {version}, this nomina reads version {VERSION}")));
        }
        let length = r.u64()?;
        let crc = r.u32()?;
        if length != (bytes.len() - HEADER) as u64 {
            return Err(r.corrupt(&format!("{} payload bytes where the header says {length}: truncated", bytes.len() - HEADER)));
        }
        if crc32fast::hash(&bytes[HEADER..]) != crc {
            return Err(r.corrupt("checksum mismatch: the file is corrupted"));
        }
        let case = CaseMode::from_code(r.u8()?).ok_or_else(|| r.corrupt("unknown case mode"))?;
        let fingerprint = r.u32()?;
        let n = r.count(16)?;
        let mut entities = Vec::with_capacity(n);
        for _ in 0..n {
            let mut e = Entity::new(r.string()?, r.string()?);
            e.kind = r.string()?;
            e.aliases = r.strs()?;
            let country = r.string()?;
            e.country = (!country.is_empty()).then_some(country);
            e.lat = r.opt_f64()?;
            e.lon = r.opt_f64()?;
            e.population = match r.u8()? {
                0 => None,
                1 => Some(r.u64()?),
                _ => return Err(r.corrupt("bad flag")),
            };
            e.demonyms = r.strs()?;
            let attributes = r.str()?;
            if !attributes.is_empty() {
                match serde_json::from_str::<Value>(attributes) {
                    Ok(Value::Object(map)) => e.attributes = map,
                    _ => return Err(r.corrupt("invalid attributes")),
                }
            } else {
                e.attributes = Map::new();
            }
            entities.push(e);
        }
        let names = r.count(8)?;
        let mut forms = Vec::with_capacity(names);
        let mut keys = Vec::with_capacity(names);
        for _ in 0..names {
            forms.push(r.str()?);
            keys.push(r.str()?);
        }
        if r.pos != bytes.len() {
            return Err(r.corrupt("trailing bytes"));
        }
        if fingerprint != folding_fingerprint() {
            // Saved by a nomina that folds names differently: fold again with today's rules.
            return Gazetteer::from_tidy(entities, case, source);
        }
        Gazetteer::assemble(entities, case, forms, keys, source)
    }

    pub fn save(&self, path: &Path) -> Result<()> {
        std::fs::write(path, self.to_bytes())
            .map_err(|e| NominaError::Io { path: path.display().to_string(), message: e.to_string() })
    }

    pub fn load(path: &Path) -> Result<Gazetteer> {
        let bytes = std::fs::read(path)
            .map_err(|e| NominaError::Io { path: path.display().to_string(), message: e.to_string() })?;
        Gazetteer::from_bytes(&bytes, &path.display().to_string())
    }
}
