"""Type stubs and reference documentation of the Rust extension ``nomina._nomina``."""

from collections.abc import Iterable, Sequence
from typing import Optional, final

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
