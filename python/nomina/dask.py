"""nomina over Dask DataFrames, on one machine or a ``dask.distributed`` cluster.

Both helpers are ``map_partitions`` over one column: each partition goes through one batch call
(``detect_batch`` / ``tag_batch``) in the worker, and the results keep the DataFrame's index
(and divisions), so they join back on it.

>>> import dask.dataframe as dd, pandas as pd, nomina.dask
>>> texts = ["Le groupe Etat islamique a repris samedi la ville syrienne de Boukamal, frontalière de l'Irak.",
...          "Die Terrormiliz Islamischer Staat hat die syrische Stadt Abu Kamal am Euphrat zurückerobert."]
>>> ddf = dd.from_pandas(pd.DataFrame({"text": texts}), npartitions=2)
>>> nomina.dask.detect_dataframe(ddf, "text").compute().lang.tolist()
['fr', 'de']

With a distributed ``Client`` active, ``tag_dataframe`` sends the gazetteer to every worker
once (``client.scatter(g, broadcast=True)``: gazetteers pickle compactly) instead of once per
task. You can scatter it yourself and pass the future.

``threads`` defaults to 1: Dask already runs one partition per worker thread, and more
threads per partition would only compete for the same cores. Pass ``threads=None`` to use every
core for each partition (e.g. one single-threaded worker per machine).
"""

from __future__ import annotations

from typing import Any, Optional

import pandas as pd  # type: ignore[import-untyped,unused-ignore]

from nomina._records import resolve_gazetteer
from nomina.pandas import detect_series, empty_mentions, tag_series

__all__ = ["detect_dataframe", "tag_dataframe"]


def _detect_partition(frame: pd.DataFrame, column: str, allowlist: Optional[list[str]], threads: Optional[int]) -> pd.DataFrame:
    return detect_series(frame[column], allowlist=allowlist, threads=threads)


def _tag_partition(
    frame: pd.DataFrame, column: str, gazetteer: Any, lang: Optional[str], threads: Optional[int]
) -> pd.DataFrame:
    return tag_series(frame[column], gazetteer, lang=lang, threads=threads)


def _active_client() -> Any:
    try:
        from distributed import get_client
    except ImportError:
        return None
    try:
        return get_client()
    except ValueError:  # no client
        return None


def detect_dataframe(
    ddf: Any, column: str, allowlist: Optional[list[str]] = None, threads: Optional[int] = 1
) -> Any:
    """The language of each row of ``ddf[column]``: a Dask DataFrame with ``lang``,
    ``confidence`` and ``reliable`` on ``ddf``'s index (NA where the text is missing)."""
    meta = detect_series(pd.Series([], index=ddf._meta.index[:0], dtype=object))
    return ddf.map_partitions(_detect_partition, column, allowlist, threads, meta=meta)


def tag_dataframe(
    ddf: Any, column: str, gazetteer: Any = None, lang: Optional[str] = None, threads: Optional[int] = 1
) -> Any:
    """Mentions in ``ddf[column]``, one row per mention, indexed by the label of the row they
    come from; the columns of ``Series.nomina.tag`` (start, end, text, entity_id, entity_name,
    kind, country, score, match). ``gazetteer=None`` uses ``nomina.Gazetteer.default()``; a
    future from ``client.scatter`` is used as it is."""
    if not _is_future(gazetteer):
        gazetteer = resolve_gazetteer(gazetteer)
        client = _active_client()
        if client is not None:
            gazetteer = client.scatter(gazetteer, broadcast=True, hash=False)
    meta = empty_mentions(ddf._meta.index)
    return ddf.map_partitions(_tag_partition, column, gazetteer, lang, threads, meta=meta)


def _is_future(value: Any) -> bool:
    try:
        from distributed import Future
    except ImportError:
        return False
    return isinstance(value, Future)
