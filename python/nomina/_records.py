"""Plain-data views of tagging results, shared by the pandas accessor, the CLI, the notebook
display and the Dask helpers so that every surface names and orders the fields the same way."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Optional

import nomina

#: Fields of one mention, in the order every surface shows them.
MENTION_FIELDS = ("start", "end", "text", "entity_id", "entity_name", "kind", "country", "score", "match")

_NO_GAZETTEER = (
    "no gazetteer given and this build of nomina has no default one (nomina.Gazetteer.default); "
    "pass one, e.g. nomina.Gazetteer.from_csv('entities.csv') or nomina.Gazetteer.load('names.gaz')"
)


def mention_record(mention: Any) -> dict[str, Any]:
    """One mention as a flat dict with the keys of ``MENTION_FIELDS``."""
    entity = mention.entity
    return {
        "start": mention.start,
        "end": mention.end,
        "text": mention.text,
        "entity_id": entity.id,
        "entity_name": entity.name,
        "kind": entity.kind,
        "country": entity.country,
        "score": mention.score,
        "match": mention.match,
    }


def resolve_gazetteer(gazetteer: Any = None) -> Any:
    """``gazetteer`` itself, or the packaged default when it is None.

    Raises ValueError telling the user to pass one when there is no default, and TypeError when
    ``gazetteer`` cannot tag text."""
    if gazetteer is None:
        default = getattr(getattr(nomina, "Gazetteer", None), "default", None)
        if default is None:
            raise ValueError(_NO_GAZETTEER)
        return default()
    if not callable(getattr(gazetteer, "tag_batch", None)):
        raise TypeError(f"gazetteer must be a nomina.Gazetteer, not {type(gazetteer).__name__}")
    return gazetteer


def tag_texts(
    gazetteer: Any, texts: Sequence[str], lang: Optional[str] = None, threads: Optional[int] = None
) -> list[list[Any]]:
    """``gazetteer.tag_batch`` over ``texts``; with ``lang``, through ``tag(text, lang=...)``
    when this gazetteer's ``tag_batch`` does not take a language."""
    if not texts:
        return []
    if lang is None:
        return list(gazetteer.tag_batch(list(texts), threads=threads))
    try:
        return list(gazetteer.tag_batch(list(texts), lang=lang, threads=threads))
    except TypeError as err:
        if "lang" not in str(err):
            raise
        return [list(gazetteer.tag(text, lang=lang)) for text in texts]


def unique_ids(mentions: Iterable[Any]) -> list[str]:
    """Entity ids of ``mentions`` in order of first mention, each once."""
    return list(dict.fromkeys(m.entity.id for m in mentions))
