"""Type stubs and reference documentation of the Rust extension ``nomina._nomina``."""

from collections.abc import Iterable, Sequence
from typing import Optional
from typing import Any

__version__: str

class Detection:
    """The language of one text.

    >>> d = nomina.detect("Le groupe Etat islamique a repris la ville de Boukamal.")
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
    def __init__(
        self, lang: str, iso639_3: str, name: str, script: str, confidence: float, reliable: bool
    ) -> None: ...
    def __eq__(self, other: object) -> bool: ...

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
    def __init__(self, start: int, end: int, lang: str, confidence: float) -> None: ...
    def __eq__(self, other: object) -> bool: ...

def detect(text: str, allowlist: Optional[Sequence[str]] = None) -> Optional[Detection]:
    """Detect the language of ``text``.

    Returns ``None`` when nothing can be said (empty text, digits or punctuation only).
    ``allowlist`` restricts the answer to some languages, given as ISO 639-1 or 639-3 codes or
    English names; an unknown one raises ``ValueError`` naming it.

    >>> nomina.detect("Die Stadt Abu Kamal liegt am Euphrat.").lang
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

# --- names -------------------------------------------------------------------------------

DEFAULT_THRESHOLD: float
"""The default ``same_name`` threshold (0.64): the best-F1 threshold on the calibration half of
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

def variant_keys(names: Iterable[Optional[str]], threads: Optional[int] = None) -> list[Optional[str]]:
    """``variant_key`` over many names, in parallel with the GIL released; ``None`` gives ``None``.

    >>> nomina.variant_keys(["Daesh", None, "Abou Kamal"])
    ['dc', None, 'bkml']
    """

def similarity(a: str, b: str) -> float:
    """How alike two names are, in [0, 1], across transliterations.

    A weighted edit distance over the names' variant forms (vowels come and go cheaply,
    transliteration pairs such as ``ch``/``kh``, ``j``/``g``, ``s``/``z`` cost less than a real
    change), combined with the similarity and equality of their variant keys. Symmetric;
    1.0 for equal strings; 0.0 when exactly one of them is empty.

    >>> round(nomina.similarity("Boukamal", "Abu Kamal"), 2)
    1.0
    >>> nomina.similarity("Homs", "Hama") < nomina.DEFAULT_THRESHOLD
    True
    """

def same_name(a: str, b: str, threshold: float = ...) -> bool:
    """Whether two spellings are one name: ``similarity(a, b) >= threshold``.

    ``threshold`` defaults to ``DEFAULT_THRESHOLD`` (0.64, calibrated on GeoNames alternate
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
    [[1.0, 0.22], [0.26, 0.95]]
    """

def _similarity_parts(a: str, b: str) -> list[float]:
    """Private, for calibration (``bench/variants.py``): the form similarity, key similarity and
    key equality that ``similarity`` weighs."""
