"""nomina: what language a text is in, whether two spellings are one name, and which known
places, organisations and people a text mentions.

>>> import nomina
>>> nomina.detect("Le groupe Etat islamique a repris la ville de Boukamal.").lang
'fr'
"""

from nomina._nomina import (
    Candidate,
    Entity,
    Gazetteer,
    Mention,
    Detection,
    LanguageSpan,
    __version__,
    detect,
    detect_batch,
    detect_spans,
    languages,
)
from nomina._nomina import (
    DEFAULT_THRESHOLD,
    normalize,
    normalize_with_offsets,
    same_name,
    similarity,
    similarity_matrix,
    variant_key,
    normalize_batch,
    variant_keys,
)

__all__ = [
    "Candidate",
    "Entity",
    "Gazetteer",
    "Mention",
    "Detection",
    "LanguageSpan",
    "__version__",
    "detect",
    "detect_batch",
    "detect_spans",
    "languages",
    "DEFAULT_THRESHOLD",
    "normalize",
    "normalize_with_offsets",
    "same_name",
    "similarity",
    "similarity_matrix",
    "variant_key",
    "normalize_batch",
    "variant_keys",
]

# --- pandas accessor, notebook display (issue 6) ---
from nomina.display import HighlightedText, Mentions, render  # noqa: E402

__all__ += ["HighlightedText", "Mentions", "render"]

from nomina._pandas_registration import register_accessor_with_pandas  # noqa: E402

register_accessor_with_pandas()
del register_accessor_with_pandas
