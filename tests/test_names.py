"""Name normalisation, variant keys and similarity through the Python API."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import nomina

GOLDEN = Path(__file__).parent / "data" / "name_variants.tsv"


def golden_rows():
    for number, line in enumerate(GOLDEN.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("#") or not line.strip():
            continue
        relation, a, b = line.split("\t")
        yield pytest.param(relation, a, b, id=f"{number}-{relation}-{a}")


@pytest.mark.parametrize("relation, a, b", list(golden_rows()))
def test_golden(relation, a, b):
    if relation == "normalize":
        assert nomina.normalize(a) == b
    elif relation == "key":
        assert nomina.variant_key(a) == b
    elif relation == "same_key":
        assert nomina.variant_key(a) == nomina.variant_key(b)
    elif relation == "same_name":
        assert nomina.same_name(a, b), nomina.similarity(a, b)
    elif relation == "different":
        assert not nomina.same_name(a, b), nomina.similarity(a, b)
    else:
        pytest.fail(f"unknown relation {relation}")


def test_the_design_examples():
    spellings = ["Boukamal", "Abu Kamal", "al-Bukamal", "Albu Kamal", "Bukamal", "Абу Камал", "البوكمال"]
    assert len({nomina.variant_key(s) for s in spellings}) == 1
    assert len({nomina.variant_key(s) for s in ["Daech", "Daesh", "Daesch", "داعش"]}) == 1
    assert nomina.normalize("Al-Qaïm") == "al-qaim"
    assert nomina.same_name("Daech", "Daesh")
    assert 0.0 <= nomina.similarity("Boukamal", "Abu Kamal") <= 1.0


def test_empty_string():
    assert nomina.variant_key("") == ""
    assert nomina.normalize("") == ""
    assert nomina.similarity("", "") == 1.0
    assert nomina.similarity("", "Boukamal") == 0.0
    assert nomina.similarity("Boukamal", "") == 0.0
    assert not nomina.same_name("", "x")


@pytest.mark.parametrize("bad", [None, 3, b"Boukamal", ["Boukamal"], 1.5])
def test_non_str_raises_type_error_naming_the_type(bad):
    for call in (nomina.normalize, nomina.variant_key, nomina.normalize_with_offsets):
        with pytest.raises(TypeError, match=type(bad).__name__):
            call(bad)
    with pytest.raises(TypeError, match=type(bad).__name__):
        nomina.similarity("a", bad)
    with pytest.raises(TypeError, match=type(bad).__name__):
        nomina.same_name(bad, "a")


def test_batch_type_errors_name_the_item():
    with pytest.raises(TypeError, match=r"names\[1\].*int"):
        nomina.variant_keys(["a", 1])
    with pytest.raises(TypeError, match="single str"):
        nomina.variant_keys("Boukamal")
    with pytest.raises(TypeError, match=r"b\[0\].*NoneType"):
        nomina.similarity_matrix(["a"], [None])


@pytest.mark.parametrize("threshold", [-0.1, 1.5, float("nan")])
def test_threshold_out_of_range(threshold):
    with pytest.raises(ValueError, match="threshold"):
        nomina.same_name("a", "b", threshold=threshold)


def test_threads_validation():
    with pytest.raises(ValueError, match="threads"):
        nomina.variant_keys(["a"], threads=0)
    with pytest.raises(ValueError, match="threads"):
        nomina.similarity_matrix(["a"], ["b"], threads=-1)


def test_variant_keys_match_scalar_and_keep_none():
    names = ["Boukamal", None, "Daech", "", "Абу Камал"] * 50
    expected = [None if n is None else nomina.variant_key(n) for n in names]
    for threads in (None, 1, 3):
        assert nomina.variant_keys(names, threads=threads) == expected
    assert nomina.variant_keys(iter(["Daesh"])) == ["dc"]


def test_similarity_matrix_matches_scalar():
    a = ["Boukamal", "Daech", "", "Homs"]
    b = ["Abu Kamal", "داعش", "Hims", "", "Homs"]
    for threads in (None, 1, 2):
        matrix = nomina.similarity_matrix(a, b, threads=threads)
        assert len(matrix) == len(a)
        for i, x in enumerate(a):
            assert len(matrix[i]) == len(b)
            for j, y in enumerate(b):
                assert float(matrix[i][j]) == pytest.approx(nomina.similarity(x, y), abs=1e-12)


def test_similarity_matrix_shapes_with_empty_sides():
    assert len(nomina.similarity_matrix([], ["a"])) == 0
    empty_rows = nomina.similarity_matrix(["a", "b"], [])
    assert len(empty_rows) == 2 and all(len(row) == 0 for row in empty_rows)


def test_similarity_matrix_is_numpy_when_available():
    numpy = pytest.importorskip("numpy")
    matrix = nomina.similarity_matrix(["Boukamal"], ["Abu Kamal", "Homs"])
    assert isinstance(matrix, numpy.ndarray)
    assert matrix.shape == (1, 2) and matrix.dtype == numpy.float64
    matrix[0, 0] = 0.5  # a writable array of its own


def test_normalize_with_offsets_maps_expansions_and_removals():
    text = "Große ﬁn e\u0301t"
    folded, offsets = nomina.normalize_with_offsets(text)
    assert folded == "grosse fin et"
    assert len(offsets) == len(folded)
    assert offsets[3] == offsets[4] == (3, 4)  # "ss" of ß
    start, end = offsets[folded.index("e", 10)]
    assert text[start:end] == "e\u0301"


def test_surrogates_and_controls_do_not_crash():
    for s in ["\ud800", "a\udfffb", "\x00", "\u200f\u202e", "😀\ufe0f", "\u0301", " \u0301x"]:
        nomina.normalize(s)
        nomina.variant_key(s)
        assert 0.0 <= nomina.similarity(s, "x") <= 1.0
        folded, offsets = nomina.normalize_with_offsets(s)
        assert all(0 <= a <= b <= len(s) for a, b in offsets)


def test_default_threshold_is_exported():
    assert 0.0 < nomina.DEFAULT_THRESHOLD < 1.0
    assert nomina.same_name("Boukamal", "Abu Kamal", threshold=nomina.DEFAULT_THRESHOLD)
    assert pickle.loads(pickle.dumps(nomina.DEFAULT_THRESHOLD)) == nomina.DEFAULT_THRESHOLD


any_text = st.text(
    alphabet=st.characters(blacklist_categories=()),  # everything, surrogates included
    max_size=40,
)
namey_text = st.text(
    alphabet=st.sampled_from(list("aeiouAbdhklmnqrsty -'’ʿéïāḩßﬁ") + list("البوكمداعشهة") + list("АбуКамлё") + ["\u0301", "\u064e", "\u0640", "\u200f", "\x00", "😀", "\ud800"]),
    max_size=30,
)


@settings(max_examples=400, deadline=None)
@given(st.one_of(any_text, namey_text))
def test_normalize_is_idempotent(s):
    once = nomina.normalize(s)
    assert nomina.normalize(once) == once


@settings(max_examples=400, deadline=None)
@given(st.one_of(any_text, namey_text))
def test_offsets_in_range_and_monotone(s):
    folded, offsets = nomina.normalize_with_offsets(s)
    assert folded == nomina.normalize(s)
    assert len(offsets) == len(folded)
    previous = (0, 0)
    for start, end in offsets:
        assert 0 <= start < end <= len(s)
        assert start >= previous[0] and end >= previous[1]
        previous = (start, end)


@settings(max_examples=300, deadline=None)
@given(st.one_of(any_text, namey_text), st.one_of(any_text, namey_text))
def test_similarity_is_bounded_symmetric_and_total(a, b):
    s = nomina.similarity(a, b)
    assert 0.0 <= s <= 1.0
    assert s == nomina.similarity(b, a)
    assert nomina.similarity(a, a) == 1.0
    key = nomina.variant_key(a)
    assert key == "" or key.isascii()


def test_normalize_batch_equals_one_by_one():
    names = ["Al-Qaïm", None, "", "DEIR EZ-ZÔR", "Straße", "\ud800x", "البوكمال"] * 50
    expected = [None if n is None else nomina.normalize(n) for n in names]
    for threads in (None, 1, 2):
        assert nomina.normalize_batch(names, threads=threads) == expected
    with pytest.raises(TypeError, match=r"names\[1\].*int"):
        nomina.normalize_batch(["a", 1])
