"""Type stubs and reference documentation of the Rust extension ``nomina._nomina``."""

from collections.abc import Iterable, Mapping, Sequence
from os import PathLike
from typing import Any, Optional, Union, final

__version__: str

@final
class Detection:
    """The language of one text.

    >>> d = nomina.detect("Le groupe Etat islamique a repris samedi la ville syrienne de Boukamal, frontalière de l'Irak.")
    >>> d.lang, d.iso639_3, d.name, d.script, d.reliable
    ('fr', 'fra', 'French', 'Latin', True)
    """

    lang: str
    """ISO 639-1 code where one exists (``"fr"``), else the ISO 639-3 code."""
    iso639_3: str
    """whatlang's ISO 639-3 code (``"fra"``, ``"pes"``, ``"cmn"``)."""
    name: str
    """English name of the language (``"French"``)."""
    script: str
    """Writing system (``"Latin"``, ``"Arabic"``, ``"Cyrillic"``...)."""
    confidence: float
    """How sure the detector is, in [0, 1]."""
    reliable: bool
    """Whether the answer is trustworthy (long enough text, clear winner)."""
    def __new__(
        cls, lang: str, iso639_3: str, name: str, script: str, confidence: float, reliable: bool
    ) -> Detection: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class LanguageSpan:
    """A maximal run of one language in a text; ``text[span.start:span.end]`` is that run.

    >>> [s.lang for s in nomina.detect_spans("Bonjour à tous, comment allez-vous ? The weather is nice today in London.")]
    ['fr', 'en']
    """

    start: int
    """Start, as a Python ``str`` index into the text."""
    end: int
    """End (exclusive), as a Python ``str`` index into the text."""
    lang: str
    """ISO 639-1 code where one exists, else ISO 639-3."""
    confidence: float
    """Mean detection confidence over the run, weighted by length, in [0, 1]."""
    def __new__(cls, start: int, end: int, lang: str, confidence: float) -> LanguageSpan: ...
    def __eq__(self, value: object, /) -> bool: ...

def detect(text: str, allowlist: Optional[Sequence[str]] = None) -> Optional[Detection]:
    """Detect the language of ``text``.

    Returns ``None`` when nothing can be said (empty text, digits or punctuation only).
    ``allowlist`` restricts the answer to some languages, given as ISO 639-1 or 639-3 codes or
    English names; an unknown one raises ``ValueError`` naming it.

    >>> nomina.detect("Die Terrormiliz Islamischer Staat hat die syrische Stadt Abu Kamal am Euphrat zurückerobert.").lang
    'de'
    >>> nomina.detect("12:30") is None
    True
    """

def detect_batch(
    texts: Iterable[Optional[str]],
    allowlist: Optional[Sequence[str]] = None,
    threads: Optional[int] = None,
) -> list[Optional[Detection]]:
    """``detect`` over many texts, in parallel with the GIL released; ``None`` items give ``None``.

    ``threads=None`` uses every core, ``threads=1`` only the calling thread. The answers are the
    same as ``detect`` one by one, in the same order.

    >>> [d.lang if d else None for d in nomina.detect_batch(["Bonjour tout le monde", None, "Good morning everyone"])]
    ['fr', None, 'en']
    """

def detect_spans(text: str) -> list[LanguageSpan]:
    """Split mixed-language ``text`` into maximal runs of one language (sentence and line
    granularity). Spans are contiguous and cover the text from its first to its last segment
    with letters; short sentences take the language of the document when they can.

    >>> [(s.lang, s.start) for s in nomina.detect_spans("Il fait beau aujourd'hui à Paris.\\nDas Wetter in Berlin ist heute schlecht.")]
    [('fr', 0), ('de', 34)]
    """

def languages() -> list[tuple[str, str, str]]:
    """Every detectable language as ``(code, iso639_3, English name)``, sorted by ISO 639-3.

    >>> ("fr", "fra", "French") in nomina.languages()
    True
    """

# --- gazetteer ---------------------------------------------------------------------------------

@final
class Entity:
    """A place, country, region, organisation or person, with every name it goes by.

    >>> g = nomina.Gazetteer.from_records([{"id": "geonames:174448", "name": "Ālbū Kamāl", "kind": "place",
    ...     "aliases": ["Abu Kamal", "al-Bukamal"], "country": "SY", "population": 80808}])
    >>> e = g["geonames:174448"]
    >>> e
    Entity(id='geonames:174448', name='Ālbū Kamāl', kind='place', country='SY')
    >>> e.aliases, e.population
    (['Abu Kamal', 'al-Bukamal'], 80808)
    """

    id: str
    """Unique id (GeoNames entities: ``"geonames:<geonameid>"``)."""
    name: str
    """Canonical name."""
    kind: str
    """``"place"``, ``"country"``, ``"region"``, ``"organization"``, ``"person"``... (``"other"`` by default)."""
    aliases: list[str]
    """Other names (translations, transliterations, acronyms), without the name and without duplicates."""
    country: Optional[str]
    """ISO 3166-1 alpha-2 code, upper case."""
    lat: Optional[float]
    lon: Optional[float]
    population: Optional[int]
    demonyms: list[str]
    """Adjectives and demonyms (``syrienne``, ``Syrian``) tagged with ``match="demonym"``."""
    attributes: dict[str, Any]
    """Every other field of the record (JSON-like values)."""
    def __new__(
        cls,
        id: str,
        name: str,
        kind: str = "other",
        aliases: Optional[Sequence[str]] = None,
        country: Optional[str] = None,
        lat: Optional[float] = None,
        lon: Optional[float] = None,
        population: Optional[int] = None,
        demonyms: Optional[Sequence[str]] = None,
        attributes: Optional[Mapping[str, Any]] = None,
    ) -> Entity: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Mention:
    """One entity found in a text: ``text[m.start:m.end] == m.text``, always.

    >>> g = nomina.Gazetteer.from_records([{"id": "isis", "name": "Islamic State", "aliases": ["EI", "Daech"]}])
    >>> g.tag("Selon l'EI, ...")
    [Mention(start=8, end=10, text='EI', entity='isis', score=0.950, match='alias')]
    """

    start: int
    """Start, as a Python ``str`` index into the text."""
    end: int
    """End (exclusive), as a Python ``str`` index."""
    text: str
    """The words as the text writes them."""
    entity: Entity
    """The one entity chosen for these words."""
    score: float
    """Confidence in [0, 1]: by how it matched (exact 1.0, alias 0.95, normalized 0.9,
    variant 0.75, demonym 0.7), lower when the choice among alternatives was close."""
    match: str
    """``"exact"`` (the entity's name as written), ``"alias"`` (an alias as written),
    ``"normalized"`` (equal once case, accents and punctuation are folded), ``"variant"``
    (a transliteration variant: same ``variant_key``), ``"demonym"``."""
    alternatives: list[str]
    """Ids of the other entities these words could name, best first."""
    def __new__(
        cls, start: int, end: int, text: str, entity: Entity, score: float, match: str, alternatives: Sequence[str] = ...
    ) -> Mention: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class Candidate:
    """One answer of ``Gazetteer.find``.

    >>> g = nomina.Gazetteer.from_records([{"id": "geonames:174448", "name": "Ālbū Kamāl", "aliases": ["Abu Kamal"]}])
    >>> c = g.find("Boukamal")[0]
    >>> c.entity.id, c.alias, c.match
    ('geonames:174448', 'Abu Kamal', 'variant')
    """

    entity: Entity
    score: float
    """Similarity of the query to ``alias`` in [0, 1], with a small prominence prior (population, kind)."""
    alias: str
    """The entity's name or alias that matched best."""
    match: str
    """``"exact"``, ``"alias"``, ``"normalized"``, ``"variant"``, ``"demonym"`` or ``"fuzzy"``."""
    def __new__(cls, entity: Entity, score: float, alias: str, match: str) -> Candidate: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class Gazetteer:
    """Entities and every name they go by, to find in text (``tag``) and by name (``find``).

    ``case`` decides how letter case counts when tagging:

    - ``"smart"`` (default, for gazetteers of real-world names over news): in cased scripts a
      name must be capitalised in the text, an all-capitals alias (EI, UN) matches only in
      capitals, a stopword of the text's language (or English) never matches on its own
      (French *Les*, *Sur*, *Par*), and transliteration variants are found (*Boukamal*).
    - ``"insensitive"``: keyword semantics like flashtext, ignoring case and accents: whole
      words, leftmost-longest, no overlaps; no stopwords, no variants.
    - ``"sensitive"``: the same, matching names exactly as written.

    >>> g = nomina.Gazetteer.from_records([
    ...     {"id": "geonames:174448", "name": "Ālbū Kamāl", "kind": "place", "country": "SY", "aliases": ["Abu Kamal"]},
    ...     {"id": "geonames:163843", "name": "Syria", "kind": "country", "country": "SY", "aliases": ["Syrie"]},
    ...     {"id": "geonames:les", "name": "Les", "kind": "place", "country": "ES"},
    ... ])
    >>> [(m.text, m.entity.id, m.match) for m in g.tag("Les combats reprennent à Boukamal, en Syrie.")]
    [('Boukamal', 'geonames:174448', 'variant'), ('Syrie', 'geonames:163843', 'alias')]
    >>> len(g), "geonames:163843" in g, g["geonames:163843"].name
    (3, True, 'Syria')
    """

    @property
    def case(self) -> str:
        """``"smart"``, ``"insensitive"`` or ``"sensitive"``."""
    @classmethod
    def default(cls) -> Gazetteer:
        """The gazetteer packaged with nomina, nothing to download: GeoNames places (cities of
        5000 people and more worldwide, of 500 and more in the Middle East), every country with
        its names in many languages and its demonyms, first-level subdivisions, continents and
        macro-regions, curated regions and physical features, and 400+ organisations and people
        of Middle East news with their aliases and acronyms in French, English, German, Spanish,
        Arabic and Russian (python/nomina/data/README.md). About 130,000 entities.

        The first call loads it (well under a second; the first ``tag`` then builds the tagging
        index, about 0.2 s more: call ``prepare()`` to do that up front); later calls
        return the same object. A missing or damaged packaged file raises ``OSError`` /
        ``ValueError`` naming it.

        >>> g = nomina.Gazetteer.default()
        >>> [(m.text, m.entity.id) for m in g.tag("Les combats reprennent à Boukamal, en Syrie, selon l'OSDH.")]
        [('Boukamal', 'geonames:174448'), ('Syrie', 'geonames:163843'), ('OSDH', 'actor:sohr')]
        >>> nomina.Gazetteer.default() is g
        True
        """
    @classmethod
    def from_records(cls, records: Iterable[Mapping[str, Any]], case: str = "smart") -> Gazetteer:
        """Build from dicts with ``id`` and ``name`` (required), ``kind``, ``aliases``,
        ``country``, ``lat``, ``lon``, ``population``, ``demonyms``; other keys go to
        ``attributes``. Errors name the record and field (``records[3], field "name": ...``);
        duplicate ids and empty names raise ``ValueError``; duplicate aliases are merged.

        >>> nomina.Gazetteer.from_records([{"id": "a", "name": "Damas", "aliases": ["Damascus", "Damas"]}])["a"].aliases
        ['Damascus']
        """
    @classmethod
    def from_dataframe(
        cls,
        df: Any,
        id: str = "id",
        name: str = "name",
        aliases: Optional[str] = None,
        kind: Optional[str] = None,
        country: Optional[str] = None,
        lat: Optional[str] = None,
        lon: Optional[str] = None,
        population: Optional[str] = None,
        demonyms: Optional[str] = None,
        attributes: Optional[Sequence[str]] = None,
        case: str = "smart",
    ) -> Gazetteer:
        """Build from a pandas DataFrame; each argument names the column holding that field
        (``aliases``/``demonyms`` columns hold lists or ``|``-separated strings; NaN is missing).
        ``attributes`` lists extra columns to keep.

        >>> import pandas as pd
        >>> df = pd.DataFrame({"gid": ["sy"], "label": ["Syrie"], "alt": [["Syria", "سوريا"]]})
        >>> nomina.Gazetteer.from_dataframe(df, id="gid", name="label", aliases="alt")["sy"].aliases
        ['Syria', 'سوريا']
        """
    @classmethod
    def from_csv(cls, path: Union[str, PathLike[str]], case: str = "smart", delimiter: str = ",") -> Gazetteer:
        """Build from a CSV file with a header row naming the record fields (``id``, ``name``,
        ``aliases`` as ``A|B|C``, ...); other columns go to ``attributes``. Errors name the
        file, line and field: ``places.csv, line 3, field "population": ...``.

        >>> g = nomina.Gazetteer.from_csv("places.csv")  # doctest: +SKIP
        """
    @classmethod
    def from_jsonl(cls, path: Union[str, PathLike[str]], case: str = "smart") -> Gazetteer:
        """Build from a JSON Lines file, one record per line (the ``from_records`` schema).

        >>> g = nomina.Gazetteer.from_jsonl("actors.jsonl")  # doctest: +SKIP
        """
    @classmethod
    def from_geonames(
        cls,
        path: Union[str, PathLike[str]],
        alternate_names: Optional[Union[str, PathLike[str]]] = None,
        languages: Optional[Sequence[str]] = None,
        case: str = "smart",
    ) -> Gazetteer:
        """Build from a GeoNames dump (``cities500.txt`` ... ``allCountries.txt``: 19
        tab-separated columns), streamed in Rust. Ids are ``geonames:<geonameid>``; kind is
        ``"place"`` (class P), ``"country"`` (PCL*), ``"region"`` (ADM*), ...; feature class and
        code, admin codes and timezone go to ``attributes``. ``alternate_names`` adds the names
        of ``alternateNamesV2.txt`` (links, postcodes and airport codes left out, historic names
        too); ``languages=["fr", "en", "ar", "abbr", ...]`` keeps only those languages' names
        (and then leaves out the dump's own unlabelled alternatenames column).

        >>> g = nomina.Gazetteer.from_geonames("cities15000.txt", alternate_names="alternateNamesV2.txt")  # doctest: +SKIP
        """
    @classmethod
    def load(cls, path: Union[str, PathLike[str]]) -> Gazetteer:
        """Load what ``save`` wrote (faster than building: folded forms and keys are stored),
        also gzip-compressed. A truncated, corrupted or foreign file raises ``ValueError``; a missing one ``OSError``.

        >>> g = nomina.Gazetteer.load("places.gaz")  # doctest: +SKIP
        """
    @classmethod
    def from_bytes(cls, data: bytes) -> Gazetteer:
        """The gazetteer whose ``to_bytes()`` is ``data`` (what pickling uses).

        >>> g = nomina.Gazetteer.from_records([{"id": "a", "name": "Damas"}])
        >>> nomina.Gazetteer.from_bytes(g.to_bytes())["a"].name
        'Damas'
        """
    def save(self, path: Union[str, PathLike[str]]) -> None:
        """Write the gazetteer in nomina's binary format (magic header, version, CRC-32)."""
    def to_bytes(self) -> bytes:
        """The bytes ``save`` writes; ``pickle`` carries the same bytes."""
    def prepare(self) -> None:
        """Build the tagging index now; otherwise the first ``tag`` builds it (about 0.2 s
        for 400k names). ``find`` and ``load`` never need it."""
    def entities(self) -> list[Entity]:
        """Every entity, in the order they were given."""
    def find(
        self, name: str, limit: int = 5, kind: Optional[str] = None, country: Optional[str] = None
    ) -> list[Candidate]:
        """The entities whose names are closest to ``name``, best first: exact and folded
        matches, transliteration variants (same ``variant_key``), then fuzzy candidates from a
        trigram index over the variant keys, ranked by ``similarity`` with a prominence prior.
        ``kind`` and ``country`` (ISO alpha-2) filter.

        >>> g = nomina.Gazetteer.from_records([{"id": "idlib", "name": "Idlib", "aliases": ["Idleb"]},
        ...                                    {"id": "damascus", "name": "Damascus", "aliases": ["Damas"]}])
        >>> [(c.entity.id, c.match) for c in g.find("Damacus", limit=1)]
        [('damascus', 'fuzzy')]
        """
    def find_batch(
        self,
        names: Iterable[Optional[str]],
        limit: int = 5,
        kind: Optional[str] = None,
        country: Optional[str] = None,
        threads: Optional[int] = None,
    ) -> list[list[Candidate]]:
        """``find`` over many names, in parallel with the GIL released; equal to ``find`` one
        by one. ``None`` items give ``[]``.

        >>> g = nomina.Gazetteer.from_records([{"id": "idlib", "name": "Idlib", "aliases": ["Idleb"]}])
        >>> [[c.entity.id for c in cs] for cs in g.find_batch(["Idleb", None, "Idlb"])]
        [['idlib'], [], ['idlib']]
        """
    def tag(
        self, text: str, lang: Optional[str] = None, demonyms: bool = True, variants: Optional[bool] = None
    ) -> list[Mention]:
        """Every mention of the gazetteer's entities in ``text``, in order, none overlapping.

        Names match on word boundaries (never inside *région* or *aujourd'hui*; after an elided
        article, *l'EI*, *d'Idleb*, they do). ``lang`` (code or name) gives the text's language
        for stopwords; by default it is detected when a match needs it. ``demonyms=False``
        drops ``match="demonym"`` mentions. ``variants`` runs the transliteration-variant tier
        (default: only with ``case="smart"``). Each mention names one entity, chosen from the
        document's context (countries and regions it mentions), kind and population; the
        others stay in ``alternatives``.

        >>> g = nomina.Gazetteer.from_records([
        ...     {"id": "ly", "name": "Tripoli", "kind": "place", "country": "LY", "population": 1150000},
        ...     {"id": "lb", "name": "Tripoli", "kind": "place", "country": "LB", "population": 229000},
        ...     {"id": "lebanon", "name": "Lebanon", "kind": "country", "country": "LB", "aliases": ["Liban"]}])
        >>> [(m.text, m.entity.id, m.alternatives) for m in g.tag("Au Liban, Tripoli est calme.")]
        [('Liban', 'lebanon', []), ('Tripoli', 'lb', ['ly'])]
        """
    def tag_batch(
        self,
        texts: Iterable[Optional[str]],
        lang: Optional[str] = None,
        demonyms: bool = True,
        variants: Optional[bool] = None,
        threads: Optional[int] = None,
    ) -> list[list[Mention]]:
        """``tag`` over many texts, in parallel with the GIL released; equal to ``tag`` one by
        one. ``None`` items give ``[]``.

        >>> g = nomina.Gazetteer.from_records([{"id": "damascus", "name": "Damascus", "aliases": ["Damas"]}])
        >>> [[m.text for m in ms] for ms in g.tag_batch(["Damas", None, "Damascus"])]
        [['Damas'], [], ['Damascus']]
        """
    def _raw_scan(self, texts: Sequence[str]) -> tuple[int, float, float, float]:
        """Benchmark helper: (matches, fold seconds, scan seconds, fold-with-offsets seconds)."""
    def __getitem__(self, key: str, /) -> Entity: ...
    def __contains__(self, key: object, /) -> bool: ...
    def __len__(self) -> int: ...
    def __reduce__(self) -> tuple[Any, tuple[bytes]]: ...

# --- names -------------------------------------------------------------------------------

DEFAULT_THRESHOLD: float
"""The default ``same_name`` threshold (0.69): the best-F1 threshold on the calibration half of
the GeoNames evaluation in ``bench/variants.py``."""

def normalize(s: str) -> str:
    """The folded form of ``s`` used for exact matching.

    NFKC, full Unicode case folding (``ß`` → ``ss``), diacritics removed (``é`` → ``e``,
    ``ā`` → ``a``, ``ḩ`` → ``h``; the Cyrillic ``й`` stays), apostrophes and transliteration
    marks (``' ’ ‘ ʿ ʾ ` ´``) folded to ``'``, hyphens and dashes to ``-``, Arabic tatweel and
    harakat, controls and invisible marks (RLM, ZWJ, BOM) removed, whitespace collapsed and
    trimmed. Idempotent: ``normalize(normalize(s)) == normalize(s)``.

    >>> nomina.normalize("Al-Qaïm")
    'al-qaim'
    >>> nomina.normalize("Straße  ʿAfrīn")
    "strasse 'afrin"
    """

def normalize_with_offsets(s: str) -> tuple[str, list[tuple[int, int]]]:
    """``normalize(s)`` and, for each of its characters, the ``(start, end)`` range of ``s``
    (Python ``str`` indices) it comes from. A character that folds to several (``ß`` → ``ss``)
    gives each of them its whole range; removed combining marks belong to their letter's range.

    >>> nomina.normalize_with_offsets("Straße")
    ('strasse', [(0, 1), (1, 2), (2, 3), (3, 4), (4, 5), (4, 5), (5, 6)])
    """

def variant_key(s: str) -> str:
    """A transliteration-insensitive key: equal for spellings of one name across French,
    English, German and Spanish transcriptions and across Arabic script, Cyrillic and Greek.

    Arabic script (with Persian and Kurdish letters), Cyrillic and Greek are romanised, other
    scripts go through ``deunicode``; then articles (``al-``, ``ash-``, glued ``Al``), ``Abu`` /
    ``Abou`` / ``Bou``, ``ou`` / ``u`` / ``w``, ``ch`` / ``sh`` / ``sch``, ``dj`` / ``j``, ``kh``,
    ``gh``, ``q`` / ``k`` and doubled letters are folded, and vowels dropped (Arabic script
    writes none). In keys ``c`` stands for the sh sound and ``x`` for kh. The empty string (or
    one with no letters) has the key ``""``.

    >>> nomina.variant_key("Boukamal"), nomina.variant_key("Абу Камал"), nomina.variant_key("البوكمال")
    ('bkml', 'bkml', 'bkml')
    >>> nomina.variant_key("Daech") == nomina.variant_key("Daesch") == nomina.variant_key("داعش")
    True
    """

def normalize_batch(names: Iterable[Optional[str]], threads: Optional[int] = None) -> list[Optional[str]]:
    """``normalize`` over many strings, in parallel with the GIL released; ``None`` gives ``None``.

    >>> nomina.normalize_batch(["Al-Qaïm", None, "DEIR EZ-ZÔR"])
    ['al-qaim', None, 'deir ez-zor']
    """

def variant_keys(names: Iterable[Optional[str]], threads: Optional[int] = None) -> list[Optional[str]]:
    """``variant_key`` over many names, in parallel with the GIL released; ``None`` gives ``None``.

    >>> nomina.variant_keys(["Daesh", None, "Abou Kamal"])
    ['dc', None, 'bkml']
    """

def similarity(a: str, b: str) -> float:
    """How alike two names are, in [0, 1], across transliterations.

    A weighted edit distance over the names' variant forms (vowels come and go cheaply,
    transliteration pairs such as ``ch``/``kh``, ``j``/``g``, ``s``/``z`` cost less than a real
    change), combined with the similarity of their variant keys. Symmetric;
    1.0 for equal strings; 0.0 when exactly one of them is empty.

    >>> round(nomina.similarity("Boukamal", "Abu Kamal"), 2)
    1.0
    >>> nomina.similarity("Homs", "Hama") < nomina.DEFAULT_THRESHOLD
    True
    """

def same_name(a: str, b: str, threshold: float = ...) -> bool:
    """Whether two spellings are one name: ``similarity(a, b) >= threshold``.

    ``threshold`` defaults to ``DEFAULT_THRESHOLD`` (0.69, calibrated on GeoNames alternate
    names; see ``bench/README.md``); raise it for precision, lower it for recall. A threshold
    outside [0, 1] raises ``ValueError``.

    >>> nomina.same_name("Daech", "Daesh"), nomina.same_name("Deir ez-Zor", "دير الزور")
    (True, True)
    """

def similarity_matrix(a: Iterable[str], b: Iterable[str], threads: Optional[int] = None) -> Any:
    """``similarity`` of every name of ``a`` with every name of ``b`` (like ``cdist``), in
    parallel with the GIL released; each name is prepared once.

    Returns a ``numpy.ndarray`` of ``float64`` with shape ``(len(a), len(b))`` when numpy is
    installed, else a list of ``len(a)`` lists of ``len(b)`` floats.

    >>> m = nomina.similarity_matrix(["Boukamal", "Homs"], ["Abu Kamal", "Hims"])
    >>> [[round(float(x), 2) for x in row] for row in m]
    [[1.0, 0.23], [0.26, 0.94]]
    """

def _similarity_parts(a: str, b: str) -> list[float]:
    """Private, for calibration (``bench/variants.py``): the form similarity, key similarity and
    key equality that ``similarity`` weighs."""

def _name_form(s: str) -> tuple[str, str, list[int]]:
    """Private, for calibration (``bench/variants.py``): the variant form, key and word starts
    that ``similarity`` compares."""

