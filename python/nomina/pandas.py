"""The ``.nomina`` accessor on pandas Series of text.

``import nomina`` registers it when pandas is installed (as soon as pandas is imported, so that
nomina itself stays quick to import). Every method:

- keeps the Series' index: results join back on it (``df.join(df.text.nomina.detect())``);
- never drops or reorders rows; missing values (None, NaN, ``pd.NA``) give missing values;
- accepts ``object``, ``string[python]``, ``string[pyarrow]`` and pandas 3's ``str`` dtypes;
- raises TypeError naming the row label for any other value (numbers, bytes...): silently
  turning them into NA would hide a wrong column; convert explicitly with ``.astype("string")``;
- runs one parallel batch call over the whole Series (``detect_batch``, ``tag_batch``,
  ``variant_keys``), with the GIL released, not a Python call per row. ``threads`` is passed on.

>>> import pandas as pd, nomina
>>> s = pd.Series(["Le groupe Etat islamique a repris la ville syrienne.", None, "Guten Morgen, wie geht es Ihnen heute?"])
>>> s.nomina.detect().lang.tolist()
['fr', <NA>, 'de']
"""

from __future__ import annotations

from typing import Any, Optional

import pandas as pd  # type: ignore[import-untyped,unused-ignore]

import nomina
from nomina._records import MENTION_FIELDS, mention_record, resolve_gazetteer, tag_texts

__all__ = [
    "NominaAccessor",
    "detect_series",
    "entities_series",
    "normalize_series",
    "tag_series",
    "variant_key_series",
]

_STRING = pd.StringDtype("python")
_MENTION_DTYPES: dict[str, Any] = {
    field: "int64" if field in ("start", "end") else "float64" if field == "score" else _STRING
    for field in MENTION_FIELDS
}


def _texts(series: pd.Series) -> list[Optional[str]]:
    """The Series' values as a list of str, None where missing; TypeError for anything else."""
    if not isinstance(series, pd.Series):
        raise TypeError(f"expected a pandas Series, not {type(series).__name__}")
    values = series.to_numpy(dtype=object, na_value=None).tolist()
    if pd.api.types.infer_dtype(series, skipna=True) not in ("string", "empty"):
        for label, value in zip(series.index, values):
            if value is not None and not isinstance(value, str):
                raise TypeError(
                    f"nomina: row {label!r} holds a {type(value).__name__} ({value!r:.40}), not a str; "
                    "convert the column with .astype('string') or drop those rows first"
                )
    return values


def _present(texts: list[Optional[str]]) -> tuple[list[int], list[str]]:
    positions = [i for i, t in enumerate(texts) if t is not None]
    return positions, [texts[i] for i in positions]  # type: ignore[misc]


def detect_series(series: pd.Series, allowlist: Optional[list[str]] = None, threads: Optional[int] = None) -> pd.DataFrame:
    """Language of each row: a DataFrame with ``lang`` (string), ``confidence`` (Float64) and
    ``reliable`` (boolean) on the Series' index; NA where the row is missing or has no letters."""
    texts = _texts(series)
    detections = nomina.detect_batch(texts, allowlist=allowlist, threads=threads) if texts else []
    return pd.DataFrame(
        {
            "lang": pd.array([d.lang if d else None for d in detections], dtype=_STRING),
            "confidence": pd.array([d.confidence if d else None for d in detections], dtype="Float64"),
            "reliable": pd.array([d.reliable if d else None for d in detections], dtype="boolean"),
        },
        index=series.index,
    )


def empty_mentions(index: Optional[pd.Index] = None) -> pd.DataFrame:
    """The empty result of ``tag_series``, with its columns and dtypes (Dask's ``meta``)."""
    index = (index if index is not None else pd.RangeIndex(0))[:0]
    return pd.DataFrame({c: pd.Series([], dtype=t) for c, t in _MENTION_DTYPES.items()}, index=index)


def tag_series(
    series: pd.Series, gazetteer: Any = None, lang: Optional[str] = None, threads: Optional[int] = None
) -> pd.DataFrame:
    """Mentions of known entities, one row per mention, indexed by the label of the row they
    come from (so the result joins back on the index), in row order then text order.

    Columns: start, end (``str`` indices into the row's text), text, entity_id, entity_name,
    kind, country, score, match. Rows without mentions, and missing rows, have none."""
    gazetteer = resolve_gazetteer(gazetteer)
    positions, present = _present(_texts(series))
    taken: list[int] = []
    records: list[dict[str, Any]] = []
    for position, mentions in zip(positions, tag_texts(gazetteer, present, lang=lang, threads=threads)):
        for mention in mentions:
            taken.append(position)
            records.append(mention_record(mention))
    if not records:
        return empty_mentions(series.index)
    columns = {
        field: pd.array([r[field] for r in records], dtype=dtype) for field, dtype in _MENTION_DTYPES.items()
    }
    return pd.DataFrame(columns, index=series.index.take(taken))


def entities_series(
    series: pd.Series, gazetteer: Any = None, lang: Optional[str] = None, threads: Optional[int] = None
) -> pd.Series:
    """Each row's entity ids, in order of first mention and each once (an empty list when the
    row names none; None, which ``isna()`` reports as missing, when the row is missing)."""
    gazetteer = resolve_gazetteer(gazetteer)
    texts = _texts(series)
    positions, present = _present(texts)
    out: list[Optional[list[str]]] = [None] * len(texts)
    for position, mentions in zip(positions, tag_texts(gazetteer, present, lang=lang, threads=threads)):
        out[position] = list(dict.fromkeys(m.entity.id for m in mentions))
    return pd.Series(out, index=series.index, dtype=object, name=series.name)


def normalize_series(series: pd.Series, threads: Optional[int] = None) -> pd.Series:
    """``nomina.normalize`` of each row through the batch ``nomina.normalize_batch``, as a
    ``string`` Series (NA where missing)."""
    texts = _texts(series)  # first: a bad value is reported before anything else
    out = nomina.normalize_batch(texts, threads=threads)  # type: ignore[attr-defined,unused-ignore]  # None gives None
    return pd.Series(pd.array(out, dtype=_STRING), index=series.index, name=series.name)


def variant_key_series(series: pd.Series, threads: Optional[int] = None) -> pd.Series:
    """``nomina.variant_key`` of each row through the batch ``nomina.variant_keys``, as a
    ``string`` Series (NA where missing)."""
    texts = _texts(series)  # first: a bad value is reported before anything else
    keys = nomina.variant_keys(texts, threads=threads)  # type: ignore[attr-defined,unused-ignore]  # None gives None
    return pd.Series(pd.array(keys, dtype=_STRING), index=series.index, name=series.name)


class NominaAccessor:
    """``series.nomina``: language, names and entities of a Series of text (see module doc)."""

    def __init__(self, series: pd.Series) -> None:
        self._series = series

    def detect(self, allowlist: Optional[list[str]] = None, threads: Optional[int] = None) -> pd.DataFrame:
        """Language of each row: DataFrame (lang, confidence, reliable) on the same index."""
        return detect_series(self._series, allowlist=allowlist, threads=threads)

    def tag(self, gazetteer: Any = None, lang: Optional[str] = None, threads: Optional[int] = None) -> pd.DataFrame:
        """Long DataFrame, one row per mention, indexed by the original row labels; columns
        start, end, text, entity_id, entity_name, kind, country, score, match.
        ``gazetteer=None`` uses ``nomina.Gazetteer.default()``."""
        return tag_series(self._series, gazetteer, lang=lang, threads=threads)

    def entities(self, gazetteer: Any = None, lang: Optional[str] = None, threads: Optional[int] = None) -> pd.Series:
        """Each row's list of entity ids (first-mention order, no repeats)."""
        return entities_series(self._series, gazetteer, lang=lang, threads=threads)

    def normalize(self, threads: Optional[int] = None) -> pd.Series:
        """``nomina.normalize`` element-wise (one batch call)."""
        return normalize_series(self._series, threads=threads)

    def variant_key(self, threads: Optional[int] = None) -> pd.Series:
        """``nomina.variant_key`` element-wise (one batch call)."""
        return variant_key_series(self._series, threads=threads)


pd.api.extensions.register_series_accessor("nomina")(NominaAccessor)
