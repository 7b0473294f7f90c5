"""Series.nomina: every method on mixed Series (NA, None, empty strings, non-str values), in
every string dtype, keeping the index and the row order, through one batch call."""

import subprocess
import sys

import pytest

pd = pytest.importorskip("pandas")
np = pytest.importorskip("numpy")

import nomina  # noqa: E402
import nomina.pandas  # noqa: E402
from conftest import build_gazetteer  # noqa: E402

FR = "Le groupe Etat islamique (EI) a repris samedi la ville syrienne de Boukamal, frontalière de l'Irak."
DE = "Die Terrormiliz Islamischer Staat hat die syrische Stadt Abu Kamal am Euphrat zurückerobert."
EN = "Vladimir Putin said the Islamic State group had been driven out of Syria and Iraq."
# Unsorted labels, so that a reordering or a reset index shows.
LABELS = ["z", "a", "m", "b", "y", "c"]
VALUES = [FR, None, "", DE, None, EN]
# "str" is pandas 3's default string dtype (NaN for missing); before pandas 3 it meant object.
DTYPES = ["object", "string[python]", "string[pyarrow]"] + (["str"] if int(pd.__version__.split(".")[0]) >= 3 else [])
MISSING = {"a", "y"}


def mixed(dtype):
    values = list(VALUES)
    if dtype == "object":  # every flavour of missing value an object column meets
        values[1], values[4] = np.nan, pd.NA
    return pd.Series(values, index=pd.Index(LABELS, name="article"), dtype=dtype, name="text")


@pytest.fixture(scope="module")
def g():
    return build_gazetteer()


@pytest.mark.parametrize("dtype", DTYPES)
def test_detect(dtype):
    s = mixed(dtype)
    out = s.nomina.detect()
    assert list(out.columns) == ["lang", "confidence", "reliable"]
    assert out.index.equals(s.index)
    assert out.loc[["z", "b", "c"], "lang"].tolist() == ["fr", "de", "en"]
    for label in MISSING | {"m"}:  # missing and empty: nothing to say
        assert out.loc[label].isna().all()
    expected = nomina.detect(FR)
    assert out.loc["z", "confidence"] == pytest.approx(expected.confidence)
    assert out.loc["z", "reliable"] == expected.reliable
    assert str(out.lang.dtype) == "string" and str(out.reliable.dtype) == "boolean"


def test_detect_allowlist():
    out = pd.Series([DE]).nomina.detect(allowlist=["fr", "en"])
    assert out.lang.tolist()[0] in {"fr", "en"}


@pytest.mark.parametrize("dtype", DTYPES)
def test_tag(dtype, g):
    s = mixed(dtype)
    out = s.nomina.tag(g)
    assert list(out.columns) == ["start", "end", "text", "entity_id", "entity_name", "kind", "country", "score", "match"]
    assert out.index.name == "article"
    # one row per mention, rows in the Series' order, mentions in text order
    expected = []
    for label, text in zip(LABELS, VALUES):
        if text:
            expected += [(label, m.start, m.end, m.text, m.entity.id, m.match) for m in g.tag(text)]
    got = list(zip(out.index, out.start, out.end, out.text, out.entity_id, out.match))
    assert got == expected
    assert {"z", "b", "c"} <= set(out.index)
    assert not (set(out.index) & (MISSING | {"m"}))
    for label, row in out.iterrows():
        assert s[label][row.start : row.end] == row.text
    boukamal = out[out.entity_id == "geonames:174448"]
    assert set(boukamal.index) == {"z", "b"} and set(boukamal.kind) == {"place"} and set(boukamal.country) == {"SY"}


def test_tag_joins_back_on_the_index(g):
    df = mixed("object").to_frame()
    joined = df.join(df.text.nomina.tag(g).rename(columns={"text": "mention"}), how="inner")
    assert set(joined.index) == {"z", "b", "c"}
    assert joined.apply(lambda r: r.text[r.start : r.end] == r.mention, axis=1).all()


def test_tag_without_mentions_has_the_columns(g):
    out = pd.Series([None, "", "Rien à signaler ici."], dtype="string").nomina.tag(g)
    assert out.empty and list(out.columns)[:3] == ["start", "end", "text"]
    assert str(out.start.dtype) == "int64" and str(out.entity_id.dtype) == "string"


@pytest.mark.parametrize("dtype", DTYPES)
def test_entities(dtype, g):
    s = mixed(dtype)
    out = s.nomina.entities(g)
    assert out.index.equals(s.index) and out.name == "text"
    assert out.isna().tolist() == [label in MISSING for label in LABELS]
    assert out["m"] == []
    assert out["z"] == list(dict.fromkeys(m.entity.id for m in g.tag(FR)))
    assert "geonames:174448" in out["z"] and len(out["z"]) == len(set(out["z"]))


class KeysSpy:
    """Records the calls of a batch function standing in for nomina.variant_keys."""

    def __init__(self):
        self.calls = []

    def __call__(self, names, threads=None):
        self.calls.append(list(names))
        return [None if n is None else f"key:{n.lower()}" for n in names]


@pytest.mark.parametrize("dtype", DTYPES)
def test_variant_key_goes_through_one_batch_call(dtype, monkeypatch):
    spy = KeysSpy()
    monkeypatch.setattr(nomina, "variant_keys", spy, raising=False)
    monkeypatch.setattr(nomina, "variant_key", lambda s: pytest.fail("scalar variant_key called"), raising=False)
    s = mixed(dtype)
    out = s.nomina.variant_key()
    assert spy.calls == [[FR, None, "", DE, None, EN]]
    assert out.index.equals(s.index) and str(out.dtype) == "string"
    assert out.isna().tolist() == [label in MISSING for label in LABELS]
    assert out["m"] == "key:" and out["b"] == f"key:{DE.lower()}"


@pytest.mark.skipif(not hasattr(nomina, "variant_key"), reason="nomina.variant_key not bound in this build (issue 3)")
@pytest.mark.parametrize("dtype", DTYPES)
def test_variant_key_equals_the_scalar_function(dtype):
    s = pd.Series(["Boukamal", None, "al-Bukamal", "", "Абу Камал"], dtype=dtype)
    out = s.nomina.variant_key()
    assert out.isna().tolist() == [False, True, False, False, False]
    assert out.dropna().tolist() == [nomina.variant_key(v) for v in s.dropna()]


@pytest.mark.parametrize("dtype", DTYPES)
def test_normalize(dtype, monkeypatch):
    monkeypatch.setattr(nomina, "normalize", lambda *a: pytest.fail("per-row normalize() called"))
    s = pd.Series(["Al-Qaïm", None, "", "BOUKAMAL"], index=[3, 1, 2, 0], dtype=dtype)
    out = s.nomina.normalize()
    monkeypatch.undo()
    assert out.index.equals(s.index) and str(out.dtype) == "string"
    assert out.isna().tolist() == [False, True, False, False]
    assert out.dropna().tolist() == [nomina.normalize(v) for v in s.dropna()]


NON_STR = pd.Series(["Boukamal", None, 42, "Daech"], index=["a", "b", "row-with-a-number", "d"], dtype=object)


@pytest.mark.parametrize(
    "call",
    [
        lambda s, g: s.nomina.detect(),
        lambda s, g: s.nomina.tag(g),
        lambda s, g: s.nomina.entities(g),
        lambda s, g: s.nomina.normalize(),
        lambda s, g: s.nomina.variant_key(),
    ],
    ids=["detect", "tag", "entities", "normalize", "variant_key"],
)
def test_non_str_values_raise_type_error_naming_the_row(call, g):
    with pytest.raises(TypeError, match=r"row 'row-with-a-number' holds a int"):
        call(NON_STR, g)
    for value in (b"bytes", 3.5, ["list"]):
        with pytest.raises(TypeError, match="not a str"):
            call(pd.Series(["ok", value], dtype=object), g)


def test_empty_series():
    s = pd.Series([], dtype=object)
    assert s.nomina.detect().empty and list(s.nomina.detect().columns) == ["lang", "confidence", "reliable"]
    assert s.nomina.entities(build_gazetteer()).empty


def test_multiindex_is_kept(g):
    index = pd.MultiIndex.from_tuples([("2017-11-09", 1), ("2017-11-09", 2), ("2017-11-10", 1)], names=["day", "n"])
    s = pd.Series([FR, None, EN], index=index)
    assert s.nomina.detect().index.equals(index)
    tags = s.nomina.tag(g)
    assert tags.index.names == ["day", "n"] and set(tags.index) == {("2017-11-09", 1), ("2017-11-10", 1)}


def test_no_gazetteer_and_no_default_is_a_clear_error(monkeypatch):
    class WithoutDefault:
        pass

    monkeypatch.setattr(nomina, "Gazetteer", WithoutDefault, raising=False)
    with pytest.raises(ValueError, match="pass one"):
        pd.Series([FR]).nomina.tag()
    with pytest.raises(TypeError, match="nomina.Gazetteer, not str"):
        pd.Series([FR]).nomina.tag("places.csv")


@pytest.mark.skipif(not hasattr(getattr(nomina, "Gazetteer", None), "default"), reason="no Gazetteer.default in this build (issue 5)")
def test_tag_defaults_to_the_default_gazetteer():
    out = pd.Series([FR]).nomina.tag()
    assert "geonames:174448" in set(out.entity_id)


class BatchOnly:
    """Wraps a gazetteer and fails on per-text calls: large Series must use tag_batch."""

    def __init__(self, inner):
        self.inner, self.batches = inner, []

    def tag(self, text, lang=None):
        pytest.fail("per-row tag() called")

    def tag_batch(self, texts, threads=None):
        self.batches.append((len(texts), threads))
        return self.inner.tag_batch(texts)


def test_large_series_use_one_batch_call_each(monkeypatch, g):
    n = 20_000
    s = pd.Series([FR, None, EN, ""] * (n // 4), dtype="string[pyarrow]")
    calls = []
    real_detect_batch = nomina.detect_batch

    def detect_batch(texts, allowlist=None, threads=None):
        calls.append(len(texts))
        return real_detect_batch(texts, allowlist=allowlist, threads=threads)

    monkeypatch.setattr(nomina, "detect_batch", detect_batch)
    monkeypatch.setattr(nomina, "detect", lambda *a, **k: pytest.fail("per-row detect() called"))
    langs = s.nomina.detect(threads=2).lang
    assert calls == [n] and langs.iloc[:4].tolist() == ["fr", pd.NA, "en", pd.NA]
    spy = BatchOnly(g)
    tags = s.nomina.tag(spy, threads=2)
    assert spy.batches == [(3 * n // 4, 2)]  # missing rows are not sent, empty ones are
    assert len(tags) == (n // 4) * (len(g.tag(FR)) + len(g.tag(EN)))
    entities = s.nomina.entities(spy)
    assert len(spy.batches) == 2 and len(entities) == n


def test_accessor_registered_whichever_is_imported_first():
    code = (
        "import sys, {first}, {second}; import pandas as pd; "
        "assert 'pandas' in sys.modules; print(pd.Series(['Bonjour tout le monde']).nomina.detect().lang[0])"
    )
    for first, second in (("nomina", "pandas"), ("pandas", "nomina")):
        result = subprocess.run([sys.executable, "-c", code.format(first=first, second=second)], capture_output=True, text=True)
        assert result.stdout.strip() == "fr", result.stderr


def test_import_nomina_does_not_import_pandas():
    code = "import sys, importlib.util, nomina; importlib.util.find_spec('pandas'); print('pandas' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "False"
