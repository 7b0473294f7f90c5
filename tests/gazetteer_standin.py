"""A tiny pure-Python gazetteer with the interface of ``nomina.Gazetteer`` (``tag``,
``tag_batch``, picklable), used by the surface tests only while the extension in this tree has
no ``Gazetteer`` binding yet (issue 4). With the binding, the tests use the real one."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional


@dataclass(frozen=True)
class Entity:
    id: str
    name: str
    kind: str = "other"
    aliases: tuple = ()
    country: Optional[str] = None


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    entity: Entity
    score: float
    match: str
    alternatives: list = field(default_factory=list)


class Gazetteer:
    def __init__(self, records):
        self._entities = {}
        self._alias = {}
        for r in records:
            e = Entity(r["id"], r["name"], r.get("kind", "other"), tuple(r.get("aliases", ())), r.get("country"))
            self._entities[e.id] = e
            for a in (e.name, *e.aliases):
                self._alias[a] = e
        names = sorted(self._alias, key=len, reverse=True)
        self._pattern = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, names)) + r")(?!\w)")

    @classmethod
    def from_records(cls, records):
        return cls(list(records))

    def __len__(self):
        return len(self._entities)

    def __getitem__(self, id):
        return self._entities[id]

    def tag(self, text, lang=None):
        if not isinstance(text, str):
            raise TypeError(f"text must be str, not {type(text).__name__}")
        out = []
        for m in self._pattern.finditer(text):
            e = self._alias[m.group(1)]
            kind = "exact" if m.group(1) == e.name else "alias"
            out.append(Mention(m.start(), m.end(), m.group(1), e, 1.0 if kind == "exact" else 0.9, kind))
        return out

    def tag_batch(self, texts, threads=None):
        return [self.tag(t) for t in texts]
