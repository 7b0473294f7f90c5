"""Gazetteer: builders, persistence, find, tag (offsets, precision, keyword semantics), seeds."""

from __future__ import annotations

import gzip
import json
import pickle
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import nomina
from nomina import Candidate, Entity, Gazetteer, Mention

# ---------------------------------------------------------------------------------------------
# A small gazetteer written from reading the seeds, plus traps: real place names that are also
# common French words (Les in Spain, Sur in Oman, Par in Cornwall, Ontario's "Ont").

SEED_RECORDS = [
    {"id": "geonames:174448", "name": "Ālbū Kamāl", "kind": "place", "country": "SY", "population": 80808,
     "lat": 34.45226, "lon": 40.91854, "aliases": ["Abu Kamal", "Albu Kamal", "al-Bukamal"]},
    {"id": "geonames:163843", "name": "Syria", "kind": "country", "country": "SY", "population": 22198110,
     "aliases": ["Syrie", "Syrien", "سوريا"], "demonyms": ["syrien", "syrienne", "syriens", "syriennes", "Syrian"]},
    {"id": "geonames:99237", "name": "Iraq", "kind": "country", "country": "IQ",
     "aliases": ["Irak"], "demonyms": ["irakien", "irakienne", "irakiens", "irakiennes", "Iraqi"]},
    {"id": "geonames:2017370", "name": "Russia", "kind": "country", "country": "RU",
     "aliases": ["Russie"], "demonyms": ["russe", "russes", "Russian"]},
    {"id": "geonames:6252001", "name": "United States", "kind": "country", "country": "US",
     "aliases": ["Etats-Unis", "États-Unis", "USA", "US"], "demonyms": ["américain", "américaine", "étatsunien", "étatsuniens", "étatsuniennes"]},
    {"id": "geonames:298795", "name": "Turkey", "kind": "country", "country": "TR", "aliases": ["Turquie"]},
    {"id": "geonames:248816", "name": "Jordan", "kind": "country", "country": "JO", "aliases": ["Jordanie"]},
    {"id": "geonames:290557", "name": "United Arab Emirates", "kind": "country", "country": "AE",
     "aliases": ["Emirats arabes unis", "Émirats arabes unis"]},
    {"id": "geonames:170654", "name": "Damascus", "kind": "place", "country": "SY", "population": 1569394, "aliases": ["Damas"]},
    {"id": "geonames:169389", "name": "Idlib", "kind": "place", "country": "SY", "aliases": ["Idleb"]},
    {"id": "geonames:170794", "name": "Deir ez-Zor", "kind": "place", "country": "SY", "aliases": ["Deir Ezzor", "Dayr az Zawr"]},
    {"id": "geonames:169577", "name": "Homs", "kind": "place", "country": "SY"},
    {"id": "geonames:170592", "name": "Douma", "kind": "place", "country": "SY", "aliases": ["Dūmā"]},
    {"id": "geonames:169897", "name": "Ḩarastā", "kind": "place", "country": "SY", "aliases": ["Harasta"]},
    {"id": "geonames:99347", "name": "Rāwah", "kind": "place", "country": "IQ", "aliases": ["Rawa"]},
    {"id": "geonames:99062", "name": "Al Qā’im", "kind": "place", "country": "IQ", "aliases": ["Al-Qaim", "al-Qaïm"]},
    {"id": "geonames:250441", "name": "Amman", "kind": "place", "country": "JO", "population": 1275857},
    {"id": "geonames:524901", "name": "Moscow", "kind": "place", "country": "RU", "aliases": ["Moscou"]},
    {"id": "geonames:4140963", "name": "Washington", "kind": "place", "country": "US"},
    {"id": "curated:ghouta", "name": "Eastern Ghouta", "kind": "region", "country": "SY",
     "aliases": ["Ghouta orientale", "Ghouta"]},
    {"id": "curated:euphrates", "name": "Euphrates", "kind": "water", "aliases": ["Euphrate"]},
    {"id": "curated:isis", "name": "Islamic State", "kind": "organization",
     "aliases": ["Etat islamique", "État islamique", "EI", "Daech", "Daesh", "ISIS", "ISIL", "داعش"]},
    {"id": "curated:sohr", "name": "Syrian Observatory for Human Rights", "kind": "organization", "country": "GB",
     "aliases": ["Observatoire syrien des droits de l'homme", "Observatoire syrien des droits de l'Homme", "OSDH", "Osdh", "SOHR"]},
    {"id": "curated:hezbollah", "name": "Hezbollah", "kind": "organization", "country": "LB", "aliases": ["Hizbollah"]},
    {"id": "curated:pmf", "name": "Popular Mobilization Forces", "kind": "organization", "country": "IQ",
     "aliases": ["Hachd al-Chaabi", "PMF"]},
    {"id": "curated:saa", "name": "Syrian Arab Army", "kind": "organization", "country": "SY",
     "aliases": ["Armée arabe syrienne", "AAS", "SAA"]},
    {"id": "curated:afp", "name": "Agence France-Presse", "kind": "organization", "country": "FR", "aliases": ["AFP"]},
    {"id": "curated:un", "name": "United Nations", "kind": "organization", "aliases": ["ONU", "UN", "Nations unies"]},
    {"id": "curated:trump", "name": "Donald Trump", "kind": "person", "country": "US", "aliases": ["Trump"]},
    {"id": "curated:putin", "name": "Vladimir Putin", "kind": "person", "country": "RU",
     "aliases": ["Vladimir Poutine", "Poutine", "Putin"]},
    {"id": "curated:assad", "name": "Bashar al-Assad", "kind": "person", "country": "SY",
     "aliases": ["Bachar al-Assad", "Bachar el-Assad", "Assad"]},
    {"id": "curated:macron", "name": "Emmanuel Macron", "kind": "person", "country": "FR", "aliases": ["Macron"]},
    {"id": "curated:abdel-rahmane", "name": "Rami Abdel Rahmane", "kind": "person", "country": "GB",
     "aliases": ["Rami Abdulrahman"]},
    # traps: places whose names are common words of the seeds
    {"id": "trap:les", "name": "Les", "kind": "place", "country": "ES"},
    {"id": "trap:sur", "name": "Sur", "kind": "place", "country": "OM", "population": 71_000},
    {"id": "trap:par", "name": "Par", "kind": "place", "country": "GB"},
    {"id": "trap:une", "name": "Une", "kind": "place", "country": "CO"},
    {"id": "trap:des", "name": "Des", "kind": "place", "country": "US"},
    {"id": "trap:ontario", "name": "Ontario", "kind": "region", "country": "CA", "aliases": ["Ont"]},
    {"id": "trap:mais", "name": "Mais", "kind": "place", "country": "BR"},
    {"id": "trap:la", "name": "La", "kind": "place", "country": "GH"},
    {"id": "trap:gion", "name": "gion", "kind": "place", "country": "JP"},
    {"id": "trap:hui", "name": "Hui", "kind": "place", "country": "CN"},
]

# Per seed document: entities it must yield.
SEED_EXPECTED = {
    "000_6a370e391e1d6614.txt": {
        "geonames:174448", "geonames:163843", "geonames:99237", "curated:isis", "curated:sohr", "curated:trump",
        "curated:putin", "geonames:170654", "geonames:169389", "geonames:298795", "geonames:524901",
        "geonames:4140963", "geonames:248816", "geonames:2017370", "geonames:6252001", "geonames:250441",
        "geonames:99347",
    },
    "001_94cd7e84aae576f1.txt": {
        "geonames:174448", "geonames:163843", "curated:isis", "curated:sohr", "curated:un", "curated:afp",
        "curated:ghouta", "geonames:170654", "geonames:170794", "geonames:170592", "geonames:169897",
        "curated:hezbollah", "curated:euphrates", "curated:assad", "geonames:99237",
    },
    "002_04f1701727c0e3f9.txt": {
        "geonames:174448", "curated:isis", "curated:sohr", "curated:afp", "geonames:170794", "curated:hezbollah",
        "geonames:163843", "geonames:99237",
    },
    "003_d82213c6962062a4.txt": {
        "geonames:174448", "curated:isis", "geonames:170794", "curated:sohr", "curated:hezbollah", "curated:pmf",
        "curated:un", "geonames:170654", "geonames:169577", "geonames:99347", "geonames:99062",
        "geonames:290557", "curated:macron", "curated:assad", "geonames:163843", "geonames:99237",
    },
    "004_145188fab64d184d.txt": {
        "geonames:174448", "curated:isis", "geonames:170794", "curated:saa", "geonames:99062", "curated:euphrates",
        "curated:hezbollah", "geonames:6252001", "geonames:163843", "geonames:99237",
    },
}

COMMON_WORDS = {"les", "sur", "par", "une", "des", "ont", "mais", "la", "le", "en", "du", "de"}


@pytest.fixture(scope="module")
def seeds_gazetteer() -> Gazetteer:
    return Gazetteer.from_records(SEED_RECORDS)


def test_seeds_yield_their_entities_and_no_common_words(seeds_gazetteer, seed_texts):
    assert set(seed_texts) == set(SEED_EXPECTED)
    for name, text in seed_texts.items():
        mentions = seeds_gazetteer.tag(text)
        found = {m.entity.id for m in mentions}
        missing = SEED_EXPECTED[name] - found
        assert not missing, f"{name}: missing {sorted(missing)}"
        assert not {i for i in found if i.startswith("trap:")}, f"{name}: {[m for m in mentions if m.entity.id.startswith('trap:')]}"
        for m in mentions:
            assert text[m.start:m.end] == m.text
            assert m.text.lower() not in COMMON_WORDS, f"{name}: {m}"


def test_seeds_spellings_link_to_one_entity(seeds_gazetteer, seed_texts):
    spellings: dict[str, set[str]] = {}
    for text in seed_texts.values():
        for m in seeds_gazetteer.tag(text):
            spellings.setdefault(m.entity.id, set()).add(m.text)
    assert {"Boukamal", "Abu Kamal", "al-Bukamal", "Bukamal"} <= spellings["geonames:174448"]
    assert {"EI", "Etat islamique", "Daech"} <= spellings["curated:isis"]
    assert {"Osdh", "OSDH"} <= spellings["curated:sohr"]


def test_variant_tier_finds_spellings_the_gazetteer_lacks(seeds_gazetteer):
    text = "Les forces syriennes ont repris Boukamal, en Syrie."
    m = [m for m in seeds_gazetteer.tag(text) if m.text == "Boukamal"][0]
    assert (m.entity.id, m.match) == ("geonames:174448", "variant")
    assert m.score < 0.9
    assert m.entity.name == "Ālbū Kamāl"


def test_demonyms_have_their_own_match_and_switch(seeds_gazetteer):
    text = "Les forces syriennes avancent en Syrie."
    with_demonyms = seeds_gazetteer.tag(text)
    assert [(m.text, m.match) for m in with_demonyms] == [("syriennes", "demonym"), ("Syrie", "alias")]
    assert [m.text for m in seeds_gazetteer.tag(text, demonyms=False)] == ["Syrie"]


def test_smart_case_acronyms_and_capitalisation(seeds_gazetteer):
    assert [m.text for m in seeds_gazetteer.tag("l'EI, l'ei, Ei, daech, Daech")] == ["EI", "Daech"]
    assert seeds_gazetteer.tag("les gens disent sur le pont, ont-ils") == []


def test_stopwords_depend_on_language(seeds_gazetteer):
    # "Sur" is a French stopword: never a place alone in French text, whatever its case.
    assert seeds_gazetteer.tag("Sur le long terme, la guerre continue en Syrie.") != []
    assert all(m.text != "Sur" for m in seeds_gazetteer.tag("Sur le long terme, la guerre continue en Syrie."))
    assert all(m.text != "Sur" for m in seeds_gazetteer.tag("Sur est calme.", lang="fr"))
    with pytest.raises(ValueError, match="unknown language"):
        seeds_gazetteer.tag("x", lang="klingon")


def test_elision_and_word_boundaries(seeds_gazetteer):
    text = "Dans la région d'Idleb, aujourd'hui, l'EI et qu'Amman"
    assert [m.text for m in seeds_gazetteer.tag(text)] == ["Idleb", "EI", "Amman"]


def test_ambiguous_names_keep_alternatives():
    records = [
        {"id": "ly", "name": "Tripoli", "kind": "place", "country": "LY", "population": 1_150_000},
        {"id": "lb", "name": "Tripoli", "kind": "place", "country": "LB", "population": 229_000},
        {"id": "lebanon", "name": "Liban", "kind": "country", "country": "LB"},
    ]
    g = Gazetteer.from_records(records)
    (m,) = g.tag("Tripoli est calme.")
    assert (m.entity.id, m.alternatives) == ("ly", ["lb"])
    m = g.tag("Au Liban, Tripoli est calme.")[1]
    assert (m.entity.id, m.alternatives) == ("lb", ["ly"])


# ---------------------------------------------------------------------------------------------
# Offsets

OFFSET_RECORDS = [
    {"id": "a", "name": "Ālbū Kamāl", "aliases": ["Straße", "İstanbul", "البوكمال", "Ǆemal", "ﬁnale"]},
    {"id": "b", "name": "EI", "aliases": ["Etat islamique"]},
    {"id": "c", "name": "Łódź", "aliases": ["Cafe\u0301", "Москва"]},
]
NAMES = ["Ālbū Kamāl", "Albu Kamal", "STRASSE", "Straße", "İstanbul", "istanbul", "البوكمال", "EI", "l'EI",
         "Etat  islamique", "ÉTAT ISLAMIQUE", "Łódź", "Lodz", "Café", "Cafe\u0301", "Москва", "ǅemal", "ﬁnale"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(NAMES), st.text(max_size=8)), max_size=12), st.sampled_from(["smart", "insensitive", "sensitive"]))
def test_offsets_always_slice_to_the_mention(parts, case):
    g = _offset_gazetteer(case)
    text = " ".join(parts)
    for m in g.tag(text):
        assert text[m.start:m.end] == m.text
        assert 0 <= m.start < m.end <= len(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(), max_size=60))
def test_offsets_on_any_unicode_including_lone_surrogates(text):
    g = _offset_gazetteer("insensitive")
    text = text + " Łódź " + text
    mentions = g.tag(text)
    for m in mentions:
        assert m.end - m.start == len(m.text)
        if not re.search("[\ud800-\udfff]", text[m.start:m.end]):
            assert text[m.start:m.end] == m.text
    assert mentions == g.tag_batch([text])[0]


_OFFSET_GAZETTEERS: dict[str, Gazetteer] = {}


def _offset_gazetteer(case: str) -> Gazetteer:
    if case not in _OFFSET_GAZETTEERS:
        _OFFSET_GAZETTEERS[case] = Gazetteer.from_records(OFFSET_RECORDS, case=case)
    return _OFFSET_GAZETTEERS[case]


def test_offsets_with_combining_marks_emoji_and_crlf():
    g = _offset_gazetteer("smart")
    text = "😀😀 Cafe\u0301\r\nau\u200f Łódź 👍🏽 l’EI"
    got = [(m.text, text[m.start:m.end]) for m in g.tag(text)]
    assert got == [("Cafe\u0301", "Cafe\u0301"), ("Łódź", "Łódź"), ("EI", "EI")]


# ---------------------------------------------------------------------------------------------
# Keyword semantics (case="insensitive" / "sensitive"): whole words, leftmost-longest, no overlap


def _kw(keywords, case):
    return Gazetteer.from_records([{"id": k, "name": k} for k in keywords], case=case)


def test_insensitive_keywords_like_flashtext():
    g = _kw(["New York", "new", "York", "York City", "Paris"], "insensitive")
    text = "I love NEW YORK city and paris, newer yorkshire New-York"
    got = [(m.text, m.entity.id) for m in g.tag(text)]
    assert got == [("NEW YORK", "New York"), ("paris", "Paris"), ("New", "new"), ("York", "York")]


def test_sensitive_keywords_match_as_written():
    g = _kw(["New York", "york", "Paris"], "sensitive")
    text = "new york, New York, york, YORK, Paris, paris"
    assert [m.text for m in g.tag(text)] == ["york", "New York", "york", "Paris"]


def test_keyword_modes_have_no_stopwords_nor_variants():
    g = _kw(["Les", "Boukamal"], "insensitive")
    assert [m.text for m in g.tag("Les gens de Bukamal et les autres", lang="fr")] == ["Les", "les"]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.text(alphabet="abcAB", min_size=1, max_size=4), min_size=1, max_size=6),
    st.lists(st.text(alphabet="abcAB", min_size=1, max_size=4), max_size=20),
    st.booleans(),
)
def test_flashtext_equivalence(keywords, words, sensitive):
    flashtext = pytest.importorskip("flashtext")
    keywords = sorted(set(keywords))
    text = " ".join(words)
    case = "sensitive" if sensitive else "insensitive"
    if not sensitive and len({k.lower() for k in keywords}) != len(keywords):
        return  # flashtext keeps one of two keywords equal but for case; we keep both
    processor = flashtext.KeywordProcessor(case_sensitive=sensitive)
    for k in keywords:
        processor.add_keyword(k)
    expected = [(s, e) for _, s, e in processor.extract_keywords(text, span_info=True)]
    got = [(m.start, m.end) for m in _kw(keywords, case).tag(text)]
    assert got == expected


# ---------------------------------------------------------------------------------------------
# Builders


def test_from_records_keeps_fields_and_extra_keys():
    g = Gazetteer.from_records([dict(SEED_RECORDS[0], wikidata="Q1", attributes={"source": "test"})])
    e = g["geonames:174448"]
    assert (e.name, e.kind, e.country, e.population, e.lat) == ("Ālbū Kamāl", "place", "SY", 80808, 34.45226)
    assert e.aliases == ["Abu Kamal", "Albu Kamal", "al-Bukamal"]
    assert e.attributes == {"source": "test", "wikidata": "Q1"}
    assert len(g) == 1 and "geonames:174448" in g and "x" not in g and 3 not in g
    with pytest.raises(KeyError):
        g["x"]


def test_duplicate_aliases_are_merged():
    g = Gazetteer.from_records([{"id": "x", "name": "Syrie", "aliases": ["Syria", "Syrie", " Syria", ""]}])
    assert g["x"].aliases == ["Syria"]
    assert g["x"].kind == "other"


@pytest.mark.parametrize(
    "records, match",
    [
        ([{"id": "a", "name": "A"}, {"id": "a", "name": "B"}], r"duplicate id \"a\""),
        ([{"id": "a", "name": "  "}], r"records\[0\], field \"name\""),
        ([{"id": "a"}], r"records\[0\], field \"name\": missing"),
        ([{"name": "A"}, {"id": "b"}], r"records\[0\], field \"id\""),
        ([{"id": "a", "name": "A", "population": "many"}], r"field \"population\""),
        ([{"id": "a", "name": "A", "lat": 123}], r"field \"lat\""),
        ([{"id": "a", "name": "A", "aliases": [1]}], r"field \"aliases\""),
    ],
)
def test_record_errors_name_record_and_field(records, match):
    with pytest.raises(ValueError, match=match):
        Gazetteer.from_records(records)


def test_record_type_errors():
    with pytest.raises(TypeError, match="records"):
        Gazetteer.from_records("not records")
    with pytest.raises(TypeError):
        Gazetteer.from_records([{"id": "a", "name": "A", "aliases": [object()]}])
    with pytest.raises(ValueError, match="case must be"):
        Gazetteer.from_records([], case="Smart")


def test_from_csv_and_errors(tmp_path):
    path = tmp_path / "places.csv"
    path.write_text('id,name,aliases,kind,country,population,wikidata\n'
                    'geonames:174448,Ālbū Kamāl,"Abu Kamal|al-Bukamal",place,SY,80808,Q1\n', encoding="utf-8")
    g = Gazetteer.from_csv(path)
    e = g["geonames:174448"]
    assert (e.aliases, e.population, e.attributes) == (["Abu Kamal", "al-Bukamal"], 80808, {"wikidata": "Q1"})
    path.write_text("id,name,population\na,A,1\nb,B,lots\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"places\.csv, line 3, field \"population\""):
        Gazetteer.from_csv(path)
    path.write_text("ident,name\na,A\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"line 1, field \"id\""):
        Gazetteer.from_csv(path)
    path.write_text("id;name\na;A\n", encoding="utf-8")
    assert len(Gazetteer.from_csv(path, delimiter=";")) == 1
    with pytest.raises(OSError, match="No such file"):
        Gazetteer.from_csv(tmp_path / "missing.csv")


def test_from_jsonl_and_errors(tmp_path):
    path = tmp_path / "actors.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in SEED_RECORDS[:3]) + "\n\n", encoding="utf-8")
    assert len(Gazetteer.from_jsonl(path)) == 3
    gz = tmp_path / "actors.jsonl.gz"
    gz.write_bytes(gzip.compress(path.read_bytes()))
    assert Gazetteer.from_jsonl(gz).entities() == Gazetteer.from_jsonl(path).entities()
    path.write_text('{"id": "a", "name": "A"}\n{"id": "b", "name": \n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"actors\.jsonl, line 2: invalid JSON"):
        Gazetteer.from_jsonl(path)
    path.write_text('{"id": "a", "name": "A"}\n{"id": "a", "name": "B"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="duplicate id"):
        Gazetteer.from_jsonl(path)


GEONAMES_ROW = ("174448\tĀlbū Kamāl\tAlbu Kamal\tAbou Kamal,Abu Kamal,al-Bukamal,البوكمال\t34.45226\t40.91854\tP\tPPLA2"
                "\tSY\t\t07\t\t\t\t80808\t\t181\tAsia/Damascus\t2012-01-18\n")


def test_from_geonames_with_alternate_names(tmp_path):
    dump = tmp_path / "cities500.txt"
    dump.write_text(GEONAMES_ROW, encoding="utf-8")
    alternates = tmp_path / "alternateNamesV2.txt"
    alternates.write_text("1\t174448\tfr\tBoukamal\t\t\t\t\t\t\n2\t174448\tlink\thttps://en.wikipedia.org/x\t\t\t\t\t\t\n", encoding="utf-8")
    g = Gazetteer.from_geonames(dump, alternate_names=alternates)
    e = g["geonames:174448"]
    assert (e.kind, e.country, e.population, e.attributes["feature_code"]) == ("place", "SY", 80808, "PPLA2")
    assert "Boukamal" in e.aliases and not any(a.startswith("http") for a in e.aliases)
    only_fr = Gazetteer.from_geonames(dump, alternate_names=alternates, languages=["fr"])
    assert only_fr["geonames:174448"].aliases == ["Albu Kamal", "Boukamal"]
    dump.write_text(GEONAMES_ROW + GEONAMES_ROW.replace("174448", "x1"), encoding="utf-8")
    with pytest.raises(ValueError, match=r"cities500\.txt, line 2, field \"geonameid\""):
        Gazetteer.from_geonames(dump)
    dump.write_text("1\tonly two\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"line 1: expected 19 tab-separated columns"):
        Gazetteer.from_geonames(dump)


def test_case_sensitive_and_ambiguous_aliases_from_the_data():
    g = Gazetteer.from_records([
        {"id": "actor:sana", "name": "Syrian Arab News Agency", "kind": "organization", "country": "SY",
         "aliases": ["SANA", "Sana"], "attributes": {"case_sensitive_aliases": ["SANA", "Sana"]}},
        {"id": "geonames:71137", "name": "Sanaa", "kind": "place", "country": "YE", "population": 1937451,
         "aliases": ["Sana"], "attributes": {"ambiguous_aliases": ["Sana"]}},
        {"id": "geonames:163843", "name": "Syria", "kind": "country", "country": "SY", "aliases": ["Syrie"]},
    ])
    got = [(m.text, m.entity.id) for m in g.tag("En Syrie, l'agence Sana rapporte que SANA, pas SaNa, ...")]
    assert got == [("Syrie", "geonames:163843"), ("Sana", "actor:sana"), ("SANA", "actor:sana")]


def test_from_dataframe():
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame({
        "gid": ["a", "b"], "label": ["Syrie", "Irak"], "other": [["Syria", "سوريا"], None],
        "cc": ["SY", None], "pop": [22_000_000, float("nan")], "wd": ["Q858", "Q796"],
    })
    g = Gazetteer.from_dataframe(df, id="gid", name="label", aliases="other", country="cc", population="pop",
                                 attributes=["wd"])
    assert g["a"].aliases == ["Syria", "سوريا"] and g["a"].population == 22_000_000
    assert g["b"].country is None and g["b"].population is None and g["b"].attributes == {"wd": "Q796"}
    with pytest.raises(KeyError, match="nope"):
        Gazetteer.from_dataframe(df, id="nope", name="label")
    na = pd.DataFrame({"id": ["a"], "name": ["A"], "country": pd.array([pd.NA], dtype="string"),
                       "population": pd.array([pd.NA], dtype="Int64")})
    e = Gazetteer.from_dataframe(na, country="country", population="population")["a"]
    assert e.country is None and e.population is None


# ---------------------------------------------------------------------------------------------
# Persistence


def test_save_load_pickle_round_trip(tmp_path, seeds_gazetteer, seed_texts):
    path = tmp_path / "seeds.gaz"
    seeds_gazetteer.save(path)
    loaded = Gazetteer.load(path)
    unpickled = pickle.loads(pickle.dumps(seeds_gazetteer))
    assert path.read_bytes() == seeds_gazetteer.to_bytes() == loaded.to_bytes() == unpickled.to_bytes()
    assert len(loaded) == len(seeds_gazetteer) and loaded.case == "smart"
    assert loaded.entities() == seeds_gazetteer.entities()
    for text in seed_texts.values():
        assert loaded.tag(text) == seeds_gazetteer.tag(text) == unpickled.tag(text)
    insensitive = Gazetteer.from_records(SEED_RECORDS[:3], case="insensitive")
    assert pickle.loads(pickle.dumps(insensitive)).case == "insensitive"


def test_damaged_files_raise_value_error(tmp_path, seeds_gazetteer):
    data = seeds_gazetteer.to_bytes()
    path = tmp_path / "damaged.gaz"
    for damaged in [data[:10], data[: len(data) // 2], data[:-1], data + b"x", b"", b"PK\x03\x04" + data[4:],
                    data[:40] + bytes([data[40] ^ 0xFF]) + data[41:]]:
        path.write_bytes(damaged)
        with pytest.raises(ValueError):
            Gazetteer.load(path)
        with pytest.raises(ValueError):
            Gazetteer.from_bytes(damaged)
    path.write_text("id,name\na,A\n")
    with pytest.raises(ValueError, match="not a nomina gazetteer"):
        Gazetteer.load(path)
    with pytest.raises(OSError, match="No such file"):
        Gazetteer.load(tmp_path / "missing.gaz")


# ---------------------------------------------------------------------------------------------
# find


def test_find_variants_typos_and_filters(seeds_gazetteer):
    top = seeds_gazetteer.find("Boukamal")[0]
    assert isinstance(top, Candidate)
    assert (top.entity.id, top.match) == ("geonames:174448", "variant")
    assert seeds_gazetteer.find("Damas")[0].match == "alias"
    assert seeds_gazetteer.find("Damascus")[0].match == "exact"
    assert seeds_gazetteer.find("damas")[0].match == "normalized"
    assert seeds_gazetteer.find("Idlieb")[0].entity.id == "geonames:169389"
    assert seeds_gazetteer.find("Damscus")[0].entity.id == "geonames:170654"
    assert all(c.entity.kind == "country" for c in seeds_gazetteer.find("Syria", kind="country"))
    assert all(c.entity.country == "IQ" for c in seeds_gazetteer.find("Rawa", country="iq"))
    assert len(seeds_gazetteer.find("a", limit=2)) <= 2
    assert seeds_gazetteer.find("") == [] and seeds_gazetteer.find("Boukamal", limit=0) == []
    queries = ["Boukamal", None, "Idlieb", "Damas"]
    assert seeds_gazetteer.find_batch(queries, limit=2, threads=2) == [
        seeds_gazetteer.find(q, limit=2) if q else [] for q in queries
    ]
    scores = [c.score for c in seeds_gazetteer.find("Syrie", limit=5)]
    assert scores == sorted(scores, reverse=True) and all(0 <= s <= 1 for s in scores)


# ---------------------------------------------------------------------------------------------
# Batch, types, reprs


def test_tag_batch_equals_tag(seeds_gazetteer, seed_texts):
    texts = list(seed_texts.values()) + ["", "Boukamal en Syrie"]
    expected = [seeds_gazetteer.tag(t) for t in texts]
    for threads in (None, 1, 2):
        assert seeds_gazetteer.tag_batch(texts, threads=threads) == expected
    assert seeds_gazetteer.tag_batch([None, "l'EI"]) == [[], seeds_gazetteer.tag("l'EI")]
    assert seeds_gazetteer.tag_batch(iter(["Damas"]), lang="fr") == [seeds_gazetteer.tag("Damas", lang="fr")]
    with pytest.raises(ValueError, match="threads"):
        seeds_gazetteer.tag_batch(texts, threads=0)
    with pytest.raises(TypeError, match=r"texts\[1\] must be str, not int"):
        seeds_gazetteer.tag_batch(["a", 1])


def test_type_errors(seeds_gazetteer):
    with pytest.raises(TypeError, match="text must be str, not bytes"):
        seeds_gazetteer.tag(b"Boukamal")
    with pytest.raises(TypeError, match="name must be str"):
        seeds_gazetteer.find(None)


def test_reprs_equality_and_pickling(seeds_gazetteer):
    m = seeds_gazetteer.tag("l'EI")[0]
    assert repr(m) == "Mention(start=2, end=4, text='EI', entity='curated:isis', score=0.950, match='alias')"
    assert repr(m.entity) == "Entity(id='curated:isis', name='Islamic State', kind='organization', country=None)"
    assert repr(seeds_gazetteer).startswith(f"Gazetteer({len(SEED_RECORDS)} entities, ")
    c = seeds_gazetteer.find("Daech")[0]
    assert repr(c).startswith("Candidate(entity='curated:isis', score=")
    for obj in (m, m.entity, c):
        assert pickle.loads(pickle.dumps(obj)) == obj
    assert m == Mention(m.start, m.end, m.text, m.entity, m.score, m.match, m.alternatives)
    assert m != Mention(m.start, m.end + 1, m.text, m.entity, m.score, m.match, m.alternatives)
    e = Entity("x", "X", kind="place", aliases=["Y", "Y"], population=3, attributes={"k": [1, 2.5, None]})
    assert e.aliases == ["Y"] and e.attributes == {"k": [1, 2.5, None]}
    assert hash(e) == hash(Entity("x", "Other"))
    assert nomina.Gazetteer is Gazetteer
