use std::borrow::Cow;
use std::path::PathBuf;
use std::sync::Arc;

use pyo3::exceptions::{PyFileNotFoundError, PyKeyError, PyTypeError, PyValueError};
use pyo3::sync::GILOnceCell;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyList, PyString, PyType};
use serde_json::{Map, Number, Value};

use super::{items_of, optional_texts, text_of, type_name};
use crate::gazetteer::records::{entity_from_json, read_csv, read_jsonl, Origin};
use crate::gazetteer::{
    geonames::read_geonames, CaseMode, Candidate, Entity, FindOptions, Gazetteer, GeonamesOptions, Mention, TagOptions,
};
use crate::parallel::validate_threads;

/// A JSON value from a Python object (records, attributes); `what` names it in errors.
fn json_of(obj: &Bound<'_, PyAny>, what: &dyn Fn() -> String) -> PyResult<Value> {
    if obj.is_none() {
        return Ok(Value::Null);
    }
    // pandas' missing values (pd.NA, pd.NaT) are missing values here too.
    if matches!(type_name(obj).as_str(), "NAType" | "NaTType") {
        return Ok(Value::Null);
    }
    if obj.is_instance_of::<PyBool>() {
        return Ok(Value::Bool(obj.extract()?));
    }
    if obj.is_instance_of::<PyString>() {
        return Ok(Value::String(text_of(obj, what)?.into_owned()));
    }
    if obj.is_instance_of::<PyInt>() {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(Value::from(i));
        }
        if let Ok(u) = obj.extract::<u64>() {
            return Ok(Value::from(u));
        }
    }
    if obj.is_instance_of::<PyFloat>() {
        let f: f64 = obj.extract()?;
        return Ok(Number::from_f64(f).map_or(Value::Null, Value::Number)); // NaN (pandas NA) -> null
    }
    if let Ok(dict) = obj.downcast::<PyDict>() {
        let mut map = Map::new();
        for (k, v) in dict.iter() {
            let key = k
                .downcast::<PyString>()
                .map_err(|_| PyTypeError::new_err(format!("{} keys must be str, not {}", what(), type_name(&k))))?
                .to_string();
            let value = json_of(&v, &|| format!("{}[{key:?}]", what()))?;
            map.insert(key, value);
        }
        return Ok(Value::Object(map));
    }
    if obj.hasattr("keys")? && obj.hasattr("__getitem__")? {
        let dict = PyDict::new(obj.py());
        dict.call_method1("update", (obj,))?;
        return json_of(dict.as_any(), what);
    }
    // numpy and other numeric scalars
    if obj.hasattr("__index__")? {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(Value::from(i));
        }
    }
    if !obj.is_instance_of::<PyBytes>() {
        if let Ok(iter) = obj.try_iter() {
            let items: Vec<Value> = iter
                .enumerate()
                .map(|(i, item)| json_of(&item?, &|| format!("{}[{i}]", what())))
                .collect::<PyResult<_>>()?;
            return Ok(Value::Array(items));
        }
    }
    if let Ok(f) = obj.extract::<f64>() {
        return Ok(Number::from_f64(f).map_or(Value::Null, Value::Number));
    }
    Err(PyTypeError::new_err(format!(
        "{} must be str, number, bool, None, list or dict, not {}",
        what(),
        type_name(obj)
    )))
}

fn py_of_json(py: Python<'_>, value: &Value) -> PyResult<PyObject> {
    Ok(match value {
        Value::Null => py.None(),
        Value::Bool(b) => b.into_pyobject(py)?.to_owned().into_any().unbind(),
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => i.into_pyobject(py)?.into_any().unbind(),
            (_, Some(u)) => u.into_pyobject(py)?.into_any().unbind(),
            _ => n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any().unbind(),
        },
        Value::String(s) => s.into_pyobject(py)?.into_any().unbind(),
        Value::Array(items) => {
            let items = items.iter().map(|v| py_of_json(py, v)).collect::<PyResult<Vec<_>>>()?;
            PyList::new(py, items)?.into_any().unbind()
        }
        Value::Object(map) => attributes_dict(py, map)?.into_any().unbind(),
    })
}

fn attributes_dict<'py>(py: Python<'py>, map: &Map<String, Value>) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    for (k, v) in map {
        dict.set_item(k, py_of_json(py, v)?)?;
    }
    Ok(dict)
}

fn case_of(case: &str) -> PyResult<CaseMode> {
    Ok(case.parse::<CaseMode>()?)
}

fn quoted(s: &str) -> String {
    // Python-style repr of a str, close enough for reprs (single quotes unless the text has one).
    if s.contains('\'') && !s.contains('"') {
        format!("\"{s}\"")
    } else {
        format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"))
    }
}

#[pyclass(frozen, eq, module = "nomina", name = "Entity")]
#[derive(Clone, PartialEq)]
pub struct PyEntity(Arc<Entity>);

#[pymethods]
impl PyEntity {
    #[new]
    #[pyo3(signature = (id, name, kind="other", aliases=None, country=None, lat=None, lon=None, population=None, demonyms=None, attributes=None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        id: String,
        name: String,
        kind: &str,
        aliases: Option<Vec<String>>,
        country: Option<String>,
        lat: Option<f64>,
        lon: Option<f64>,
        population: Option<u64>,
        demonyms: Option<Vec<String>>,
        attributes: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let mut e = Entity::new(id, name).with_kind(kind);
        e.aliases = aliases.unwrap_or_default();
        e.country = country;
        e.lat = lat;
        e.lon = lon;
        e.population = population;
        e.demonyms = demonyms.unwrap_or_default();
        if let Some(attributes) = attributes {
            match json_of(attributes, &|| "attributes".into())? {
                Value::Object(map) => e.attributes = map,
                Value::Null => {}
                _ => return Err(PyTypeError::new_err("attributes must be a dict")),
            }
        }
        Ok(PyEntity(Arc::new(e.tidy("Entity", None)?)))
    }

    #[getter]
    fn id(&self) -> &str {
        &self.0.id
    }
    #[getter]
    fn name(&self) -> &str {
        &self.0.name
    }
    #[getter]
    fn kind(&self) -> &str {
        &self.0.kind
    }
    #[getter]
    fn aliases(&self) -> Vec<String> {
        self.0.aliases.clone()
    }
    #[getter]
    fn country(&self) -> Option<&str> {
        self.0.country.as_deref()
    }
    #[getter]
    fn lat(&self) -> Option<f64> {
        self.0.lat
    }
    #[getter]
    fn lon(&self) -> Option<f64> {
        self.0.lon
    }
    #[getter]
    fn population(&self) -> Option<u64> {
        self.0.population
    }
    #[getter]
    fn demonyms(&self) -> Vec<String> {
        self.0.demonyms.clone()
    }
    #[getter]
    fn attributes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        attributes_dict(py, &self.0.attributes)
    }

    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.0.id.hash(&mut h);
        h.finish()
    }

    fn __repr__(&self) -> String {
        let country = self.0.country.as_deref().map_or("None".to_string(), quoted);
        format!(
            "Entity(id={}, name={}, kind={}, country={})",
            quoted(&self.0.id),
            quoted(&self.0.name),
            quoted(&self.0.kind),
            country
        )
    }

    #[allow(clippy::type_complexity)]
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyType>, Bound<'py, PyAny>)> {
        let e = &slf.get().0;
        let py = slf.py();
        let args = (
            e.id.clone(),
            e.name.clone(),
            e.kind.clone(),
            e.aliases.clone(),
            e.country.clone(),
            e.lat,
            e.lon,
            e.population,
            e.demonyms.clone(),
            attributes_dict(py, &e.attributes)?,
        );
        Ok((slf.get_type(), args.into_pyobject(py)?.into_any()))
    }
}

#[pyclass(frozen, get_all, eq, module = "nomina", name = "Mention")]
#[derive(Clone, PartialEq)]
pub struct PyMention {
    start: usize,
    end: usize,
    text: String,
    entity: PyEntity,
    score: f64,
    /// The match kinds of `tag` are static strings (no allocation per mention).
    #[pyo3(name = "match")]
    match_: Cow<'static, str>,
    alternatives: Vec<String>,
}

impl PyMention {
    fn from_core(g: &Gazetteer, m: Mention) -> Self {
        PyMention {
            start: m.start,
            end: m.end,
            text: m.text,
            entity: PyEntity(Arc::clone(g.entity(m.entity))),
            score: m.score,
            match_: Cow::Borrowed(m.match_kind.as_str()),
            alternatives: m.alternatives.iter().map(|&a| g.entity(a).id.clone()).collect(),
        }
    }
}

#[pymethods]
impl PyMention {
    #[new]
    #[pyo3(signature = (start, end, text, entity, score, r#match, alternatives=Vec::new()))]
    fn new(start: usize, end: usize, text: String, entity: PyEntity, score: f64, r#match: String, alternatives: Vec<String>) -> Self {
        PyMention { start, end, text, entity, score, match_: Cow::Owned(r#match), alternatives }
    }

    fn __repr__(&self) -> String {
        format!(
            "Mention(start={}, end={}, text={}, entity={}, score={:.3}, match={})",
            self.start,
            self.end,
            quoted(&self.text),
            quoted(&self.entity.0.id),
            self.score,
            quoted(&self.match_)
        )
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyType>, Bound<'py, PyAny>)> {
        let m = slf.get();
        let args = (m.start, m.end, m.text.clone(), m.entity.clone(), m.score, m.match_.clone(), m.alternatives.clone());
        Ok((slf.get_type(), args.into_pyobject(slf.py())?.into_any()))
    }
}

#[pyclass(frozen, get_all, eq, module = "nomina", name = "Candidate")]
#[derive(Clone, PartialEq)]
pub struct PyCandidate {
    entity: PyEntity,
    score: f64,
    alias: String,
    #[pyo3(name = "match")]
    match_: String,
}

impl PyCandidate {
    fn from_core(g: &Gazetteer, c: Candidate) -> Self {
        PyCandidate {
            entity: PyEntity(Arc::clone(g.entity(c.entity))),
            score: c.score,
            alias: c.alias,
            match_: c.match_kind.as_str().to_string(),
        }
    }
}

#[pymethods]
impl PyCandidate {
    #[new]
    fn new(entity: PyEntity, score: f64, alias: String, r#match: String) -> Self {
        PyCandidate { entity, score, alias, match_: r#match }
    }

    fn __repr__(&self) -> String {
        format!(
            "Candidate(entity={}, score={:.3}, alias={}, match={})",
            quoted(&self.entity.0.id),
            self.score,
            quoted(&self.alias),
            quoted(&self.match_)
        )
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyType>, Bound<'py, PyAny>)> {
        let c = slf.get();
        let args = (c.entity.clone(), c.score, c.alias.clone(), c.match_.clone());
        Ok((slf.get_type(), args.into_pyobject(slf.py())?.into_any()))
    }
}

#[pyclass(frozen, module = "nomina", name = "Gazetteer")]
pub struct PyGazetteer(Arc<Gazetteer>);

fn built(py: Python<'_>, entities: Vec<Entity>, case: CaseMode, source: &str) -> PyResult<PyGazetteer> {
    let g = py.allow_threads(|| Gazetteer::from_tidy(entities, case, source))?;
    Ok(PyGazetteer(Arc::new(g)))
}

/// The packaged default gazetteer: a gzip-compressed saved gazetteer in the `nomina.data`
/// package, written by `python -m nomina.data.build` from `default.jsonl.gz`.
const DEFAULT_PACKAGE: &str = "nomina.data";
const DEFAULT_FILE: &str = "default.gazetteer.gz";
const DEFAULT_REBUILD: &str =
    "reinstall nomina (in a source checkout: python -m nomina.data.build --binary-only rewrites it)";

fn load_default(py: Python<'_>) -> PyResult<PyGazetteer> {
    // importlib.resources finds the file wherever the package is installed.
    let resource = py
        .import("importlib.resources")?
        .call_method1("files", (DEFAULT_PACKAGE,))?
        .call_method1("joinpath", (DEFAULT_FILE,))?;
    let shown = resource.str()?.to_string();
    if !resource.call_method0("is_file")?.is_truthy()? {
        return Err(PyFileNotFoundError::new_err(format!(
            "the packaged default gazetteer {shown} is missing: {DEFAULT_REBUILD}"
        )));
    }
    let data = resource.call_method0("read_bytes")?;
    let data = data.downcast::<PyBytes>()?.as_bytes();
    let g = py.allow_threads(|| Gazetteer::from_bytes(data, &shown)).map_err(|e| {
        PyValueError::new_err(format!("the packaged default gazetteer is unreadable: {e}; {DEFAULT_REBUILD}"))
    })?;
    Ok(PyGazetteer(Arc::new(g)))
}

fn tag_options(lang: Option<&str>, demonyms: bool, variants: Option<bool>) -> PyResult<TagOptions> {
    let mut options = TagOptions::new().with_lang(lang)?;
    options.demonyms = demonyms;
    options.variants = variants;
    Ok(options)
}

/// Column `col` of a DataFrame as a Python list.
fn column<'py>(df: &Bound<'py, PyAny>, col: &str) -> PyResult<Vec<Bound<'py, PyAny>>> {
    let series = df.get_item(col).map_err(|_| PyKeyError::new_err(format!("the DataFrame has no column {col:?}")))?;
    items_of(&series.call_method0("tolist")?, col)
}

#[pymethods]
impl PyGazetteer {
    /// The packaged default gazetteer, loaded on first call and then shared.
    #[classmethod]
    fn default(_cls: &Bound<'_, PyType>, py: Python<'_>) -> PyResult<Py<PyGazetteer>> {
        static DEFAULT: GILOnceCell<Py<PyGazetteer>> = GILOnceCell::new();
        DEFAULT.get_or_try_init(py, || Py::new(py, load_default(py)?)).map(|g| g.clone_ref(py))
    }

    #[classmethod]
    #[pyo3(signature = (records, case="smart"))]
    fn from_records(_cls: &Bound<'_, PyType>, py: Python<'_>, records: &Bound<'_, PyAny>, case: &str) -> PyResult<Self> {
        let case = case_of(case)?;
        let items = items_of(records, "records")?;
        let mut entities = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let source = format!("records[{i}]");
            let value = json_of(item, &|| source.clone())?;
            entities.push(entity_from_json(&value, Origin { source: &source, line: None })?);
        }
        built(py, entities, case, "records")
    }

    #[classmethod]
    #[pyo3(signature = (df, id="id", name="name", aliases=None, kind=None, country=None, lat=None, lon=None, population=None, demonyms=None, attributes=None, case="smart"))]
    #[allow(clippy::too_many_arguments)]
    fn from_dataframe(
        _cls: &Bound<'_, PyType>,
        py: Python<'_>,
        df: &Bound<'_, PyAny>,
        id: &str,
        name: &str,
        aliases: Option<&str>,
        kind: Option<&str>,
        country: Option<&str>,
        lat: Option<&str>,
        lon: Option<&str>,
        population: Option<&str>,
        demonyms: Option<&str>,
        attributes: Option<Vec<String>>,
        case: &str,
    ) -> PyResult<Self> {
        let case = case_of(case)?;
        if !df.hasattr("columns")? {
            return Err(PyTypeError::new_err(format!("df must be a pandas DataFrame, not {}", type_name(df))));
        }
        let mut fields: Vec<(String, &str)> = vec![("id".into(), id), ("name".into(), name)];
        for (field, col) in [("aliases", aliases), ("kind", kind), ("country", country), ("lat", lat), ("lon", lon), ("population", population), ("demonyms", demonyms)] {
            if let Some(col) = col {
                fields.push((field.into(), col));
            }
        }
        let attributes = attributes.unwrap_or_default();
        let mut columns = Vec::new();
        for (_, col) in &fields {
            columns.push(column(df, col)?);
        }
        let mut attribute_columns = Vec::new();
        for col in &attributes {
            attribute_columns.push(column(df, col)?);
        }
        let rows = columns.first().map_or(0, Vec::len);
        let mut entities = Vec::with_capacity(rows);
        for row in 0..rows {
            let source = format!("DataFrame row {row}");
            let mut obj = Map::new();
            for ((field, col), values) in fields.iter().zip(&columns) {
                obj.insert(field.clone(), json_of(&values[row], &|| format!("column {col:?} row {row}"))?);
            }
            let mut extra = Map::new();
            for (col, values) in attributes.iter().zip(&attribute_columns) {
                extra.insert(col.clone(), json_of(&values[row], &|| format!("column {col:?} row {row}"))?);
            }
            if !extra.is_empty() {
                obj.insert("attributes".into(), Value::Object(extra));
            }
            entities.push(entity_from_json(&Value::Object(obj), Origin { source: &source, line: None })?);
        }
        built(py, entities, case, "DataFrame")
    }

    #[classmethod]
    #[pyo3(signature = (path, case="smart", delimiter=","))]
    fn from_csv(_cls: &Bound<'_, PyType>, py: Python<'_>, path: PathBuf, case: &str, delimiter: &str) -> PyResult<Self> {
        let case = case_of(case)?;
        let &[delimiter] = delimiter.as_bytes() else {
            return Err(PyValueError::new_err(format!("delimiter must be one ASCII character, got {delimiter:?}")));
        };
        let entities = py.allow_threads(|| read_csv(&path, delimiter))?;
        built(py, entities, case, &path.display().to_string())
    }

    #[classmethod]
    #[pyo3(signature = (path, case="smart"))]
    fn from_jsonl(_cls: &Bound<'_, PyType>, py: Python<'_>, path: PathBuf, case: &str) -> PyResult<Self> {
        let case = case_of(case)?;
        let entities = py.allow_threads(|| read_jsonl(&path))?;
        built(py, entities, case, &path.display().to_string())
    }

    #[classmethod]
    #[pyo3(signature = (path, alternate_names=None, languages=None, case="smart"))]
    fn from_geonames(
        _cls: &Bound<'_, PyType>,
        py: Python<'_>,
        path: PathBuf,
        alternate_names: Option<PathBuf>,
        languages: Option<Vec<String>>,
        case: &str,
    ) -> PyResult<Self> {
        let case = case_of(case)?;
        let options = GeonamesOptions { alternate_names: alternate_names.as_deref(), languages };
        let entities = py.allow_threads(|| read_geonames(&path, &options))?;
        built(py, entities, case, &path.display().to_string())
    }

    #[classmethod]
    fn load(_cls: &Bound<'_, PyType>, py: Python<'_>, path: PathBuf) -> PyResult<Self> {
        let g = py.allow_threads(|| Gazetteer::load(&path))?;
        Ok(PyGazetteer(Arc::new(g)))
    }

    #[classmethod]
    fn from_bytes(_cls: &Bound<'_, PyType>, py: Python<'_>, data: &[u8]) -> PyResult<Self> {
        let g = py.allow_threads(|| Gazetteer::from_bytes(data, "<bytes>"))?;
        Ok(PyGazetteer(Arc::new(g)))
    }

    fn save(&self, py: Python<'_>, path: PathBuf) -> PyResult<()> {
        Ok(py.allow_threads(|| self.0.save(&path))?)
    }

    fn to_bytes<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        let bytes = py.allow_threads(|| self.0.to_bytes());
        PyBytes::new(py, &bytes)
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (Bound<'py, PyBytes>,))> {
        let from_bytes = slf.get_type().getattr("from_bytes")?;
        Ok((from_bytes, (slf.get().to_bytes(slf.py()),)))
    }

    #[getter]
    fn case(&self) -> &'static str {
        self.0.case().as_str()
    }

    #[pyo3(signature = (name, limit=5, kind=None, country=None))]
    fn find(
        &self,
        py: Python<'_>,
        name: &Bound<'_, PyAny>,
        limit: usize,
        kind: Option<String>,
        country: Option<String>,
    ) -> PyResult<Vec<PyCandidate>> {
        let name = text_of(name, &|| "name".into())?;
        let options = FindOptions { limit, kind, country };
        let found = py.allow_threads(|| self.0.find(&name, &options));
        Ok(found.into_iter().map(|c| PyCandidate::from_core(&self.0, c)).collect())
    }

    #[pyo3(signature = (names, limit=5, kind=None, country=None, threads=None))]
    fn find_batch(
        &self,
        py: Python<'_>,
        names: &Bound<'_, PyAny>,
        limit: usize,
        kind: Option<String>,
        country: Option<String>,
        threads: Option<i64>,
    ) -> PyResult<Vec<Vec<PyCandidate>>> {
        let threads = validate_threads(threads)?;
        let items = items_of(names, "names")?;
        let names = optional_texts(&items, "names")?;
        let options = FindOptions { limit, kind, country };
        let g = &self.0;
        let found = py.allow_threads(|| {
            crate::parallel::map_ordered(&names, threads, |n| n.as_deref().map(|n| g.find(n, &options)).unwrap_or_default())
        })?;
        Ok(found.into_iter().map(|cs| cs.into_iter().map(|c| PyCandidate::from_core(g, c)).collect()).collect())
    }

    #[pyo3(signature = (text, lang=None, demonyms=true, variants=None))]
    fn tag(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        lang: Option<&str>,
        demonyms: bool,
        variants: Option<bool>,
    ) -> PyResult<Vec<PyMention>> {
        let text = text_of(text, &|| "text".into())?;
        let options = tag_options(lang, demonyms, variants)?;
        let mentions = py.allow_threads(|| self.0.tag(&text, &options))?;
        Ok(mentions.into_iter().map(|m| PyMention::from_core(&self.0, m)).collect())
    }

    #[pyo3(signature = (texts, lang=None, demonyms=true, variants=None, threads=None))]
    fn tag_batch(
        &self,
        py: Python<'_>,
        texts: &Bound<'_, PyAny>,
        lang: Option<&str>,
        demonyms: bool,
        variants: Option<bool>,
        threads: Option<i64>,
    ) -> PyResult<Vec<Vec<PyMention>>> {
        let threads = validate_threads(threads)?;
        let options = tag_options(lang, demonyms, variants)?;
        let items = items_of(texts, "texts")?;
        let texts = optional_texts(&items, "texts")?;
        let g = &self.0;
        let results = py.allow_threads(|| -> crate::Result<Vec<Vec<Mention>>> {
            g.prepare()?;
            crate::parallel::map_ordered(&texts, threads, |t| t.as_deref().map_or(Ok(Vec::new()), |t| g.tag(t, &options)))?
                .into_iter()
                .collect()
        })?;
        Ok(results
            .into_iter()
            .map(|ms| ms.into_iter().map(|m| PyMention::from_core(g, m)).collect())
            .collect())
    }

    /// Benchmark helper: the raw automaton scan over the folded texts, timed apart from
    /// folding. Returns (matches, fold_seconds, scan_seconds, fold_with_offsets_seconds).
    fn _raw_scan(&self, py: Python<'_>, texts: Vec<String>) -> PyResult<(usize, f64, f64, f64)> {
        Ok(py.allow_threads(|| -> crate::Result<(usize, f64, f64, f64)> {
            self.0.raw_scan("")?; // builds the automaton
            let t0 = std::time::Instant::now();
            let folded: Vec<String> = texts.iter().map(|t| crate::normalize::normalize(t)).collect();
            let t1 = std::time::Instant::now();
            let mut matches = 0;
            for f in &folded {
                matches += self.0.raw_scan(f)?;
            }
            let t2 = std::time::Instant::now();
            for t in &texts {
                std::hint::black_box(crate::normalize::normalize_with_offsets(t));
            }
            Ok((matches, (t1 - t0).as_secs_f64(), (t2 - t1).as_secs_f64(), t2.elapsed().as_secs_f64()))
        })?)
    }

    /// Build the tagging index now (it is otherwise built by the first `tag`).
    fn prepare(&self, py: Python<'_>) -> PyResult<()> {
        Ok(py.allow_threads(|| self.0.prepare())?)
    }

    fn entities(&self) -> Vec<PyEntity> {
        self.0.entities().iter().map(|e| PyEntity(Arc::clone(e))).collect()
    }

    fn __getitem__(&self, id: &str) -> PyResult<PyEntity> {
        self.0.get(id).map(|e| PyEntity(Arc::clone(e))).ok_or_else(|| PyKeyError::new_err(id.to_string()))
    }

    fn __contains__(&self, id: &Bound<'_, PyAny>) -> bool {
        id.extract::<&str>().ok().and_then(|id| self.0.get(id)).is_some()
    }

    fn __len__(&self) -> usize {
        self.0.len()
    }

    fn __repr__(&self) -> String {
        format!("Gazetteer({} entities, {} names, case='{}')", self.0.len(), self.0.name_count(), self.0.case().as_str())
    }
}

pub(super) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyEntity>()?;
    m.add_class::<PyMention>()?;
    m.add_class::<PyCandidate>()?;
    m.add_class::<PyGazetteer>()?;
    Ok(())
}
