"""Showing tagged text to a person: HTML in notebooks (entities highlighted, with a tooltip
giving the entity's id, kind and how it matched, in the spirit of spaCy's displaCy), and
readable plain text in a terminal.

>>> import nomina
>>> print(nomina.render("Des frappes près de Boukamal.", []))
Des frappes près de Boukamal.

In a notebook, ``nomina.render(text, g.tag(text))`` (or ``nomina.render(text, gazetteer=g)``)
displays the text with its entities highlighted, and ``nomina.Mentions(g.tag(text))`` shows a
list of mentions as a table. Neither changes the mentions: ``Mentions`` is a ``list``.
``%load_ext nomina.display`` makes every list of mentions (``g.tag(text)`` as it is) show as
that table.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any, Optional

from nomina._records import MENTION_FIELDS, mention_record, resolve_gazetteer

__all__ = ["HighlightedText", "Mentions", "load_ipython_extension", "render"]

#: Background colour of a highlighted entity, by kind (others get ``_OTHER``).
KIND_COLOURS = {
    "place": "#7aecec",
    "country": "#feca74",
    "region": "#bfe1d9",
    "organization": "#aa9cfc",
    "armed_group": "#ff9561",
    "person": "#f0c8e0",
    "media": "#c7f0a8",
}
_OTHER = "#e4e7d2"


def _tooltip(mention: Any) -> str:
    entity = mention.entity
    parts = [entity.id, entity.kind]
    if entity.country:
        parts.append(entity.country)
    parts.append(f"{mention.match} match, score {mention.score:.2f}")
    return f"{entity.name} ({', '.join(parts)})"


def _checked(text: str, mentions: Iterable[Any]) -> list[Any]:
    """The mentions sorted by position; ValueError for a mention that is not in ``text``;
    a mention overlapping an earlier one is left out (tagging never produces those)."""
    kept: list[Any] = []
    end = 0
    for mention in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if not (0 <= mention.start <= mention.end <= len(text)) or text[mention.start : mention.end] != mention.text:
            raise ValueError(
                f"mention {mention.text!r} at {mention.start}..{mention.end} is not in this text "
                "(were the mentions tagged on another text?)"
            )
        if mention.start >= end:
            kept.append(mention)
            end = mention.end
    return kept


class Mentions(list):  # type: ignore[type-arg]
    """A list of ``Mention`` that a notebook shows as a table (start, end, text, entity id,
    entity name, kind, country, score, match). ``nomina.Mentions(g.tag(text))``."""

    def __getitem__(self, index: Any) -> Any:
        item = super().__getitem__(index)
        return Mentions(item) if isinstance(index, slice) else item  # a slice still shows as a table

    def records(self) -> list[dict[str, Any]]:
        """One dict per mention, keys as in the table."""
        return [mention_record(m) for m in self]

    def to_dataframe(self) -> Any:
        """The table as a pandas DataFrame (needs pandas)."""
        import pandas as pd  # type: ignore[import-untyped,unused-ignore]

        return pd.DataFrame(self.records(), columns=list(MENTION_FIELDS))

    def _repr_html_(self) -> str:
        if not self:
            return '<p class="nomina-mentions"><em>no mentions</em></p>'
        head = "".join(f"<th>{html.escape(f)}</th>" for f in MENTION_FIELDS)
        rows = []
        for record in self.records():
            cells = []
            for field in MENTION_FIELDS:
                value = record[field]
                shown = "" if value is None else f"{value:.3f}" if field == "score" else str(value)
                cells.append(f"<td>{html.escape(shown)}</td>")
            rows.append("<tr>" + "".join(cells) + "</tr>")
        return f'<table class="nomina-mentions"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


class HighlightedText:
    """A text with its mentions, shown highlighted: HTML in a notebook (``_repr_html_``),
    bracketed plain text with a legend in a terminal (``str`` and ``repr``)."""

    def __init__(self, text: str, mentions: Iterable[Any]) -> None:
        if not isinstance(text, str):
            raise TypeError(f"text must be a str, not {type(text).__name__}")
        self.text = text
        self.mentions = Mentions(_checked(text, mentions))

    def _repr_html_(self) -> str:
        out = ['<div class="nomina-text" style="line-height:2.3;white-space:pre-wrap;overflow-wrap:anywhere">']
        position = 0
        for mention in self.mentions:
            entity = mention.entity
            colour = KIND_COLOURS.get(entity.kind, _OTHER)
            out.append(html.escape(self.text[position : mention.start]))
            out.append(
                f'<mark class="nomina-entity" data-entity-id="{html.escape(entity.id)}" '
                f'data-kind="{html.escape(entity.kind)}" data-match="{html.escape(mention.match)}" '
                f'title="{html.escape(_tooltip(mention))}" '
                f'style="background:{colour};color:#222;padding:0.15em 0.35em;border-radius:0.3em">'
                f"{html.escape(mention.text)}"
                '<span style="font-size:0.65em;font-weight:bold;text-transform:uppercase;'
                f'margin-left:0.4em;vertical-align:middle">{html.escape(entity.kind)}</span></mark>'
            )
            position = mention.end
        out.append(html.escape(self.text[position:]))
        out.append("</div>")
        return "".join(out)

    def __str__(self) -> str:
        pieces = []
        position = 0
        for mention in self.mentions:
            pieces.append(self.text[position : mention.start])
            pieces.append(f"[{mention.text}]")
            position = mention.end
        pieces.append(self.text[position:])
        lines = ["".join(pieces)]
        for mention in self.mentions:
            lines.append(f"  {mention.start}-{mention.end} {mention.text!r} -> {_tooltip(mention)}")
        return "\n".join(lines)

    __repr__ = __str__


def render(
    text: str, mentions: Optional[Iterable[Any]] = None, gazetteer: Any = None, lang: Optional[str] = None
) -> HighlightedText:
    """``text`` with ``mentions`` highlighted, for display in a notebook or a terminal.

    Without ``mentions``, ``text`` is tagged with ``gazetteer`` (or ``Gazetteer.default()``).
    ValueError when a mention's offsets do not give its text in ``text``."""
    if mentions is None:
        mentions = resolve_gazetteer(gazetteer).tag(text, lang=lang)
    return HighlightedText(text, mentions)


def _mention_list_html(value: Any) -> Optional[str]:
    if value and all(hasattr(m, "entity") and hasattr(m, "start") and hasattr(m, "match") for m in value):
        return Mentions(value)._repr_html_()
    return None  # any other list: IPython's usual display


def load_ipython_extension(ipython: Any) -> None:
    """``%load_ext nomina.display``: lists of mentions display as a table in this notebook."""
    ipython.display_formatter.formatters["text/html"].for_type(list, _mention_list_html)


def unload_ipython_extension(ipython: Any) -> None:
    ipython.display_formatter.formatters["text/html"].pop(list, None)
