"""The scorer of bench/geoparsing.py on a hand-made corpus: overlap, id matching, precision."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import geoparsing as gp  # noqa: E402

TEXT = "Paris is in France. Springfield, Ill. and the Nile. Police said."
#       0         1         2         3         4         5         6
#       0123456789012345678901234567890123456789012345678901234567890123

XML = f"""<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="1">
    <text><![CDATA[{TEXT}]]></text>
    <toponyms>
      <toponym><start>0</start><end>5</end><phrase>Paris</phrase>
        <gaztag geonameid="2988507"><name>Paris</name><fclass>P</fclass><fcode>PPLC</fcode>
        <country geonameid="3017382">France</country></gaztag></toponym>
      <toponym><start>12</start><end>18</end><phrase>France</phrase>
        <gaztag geonameid="3017382"><name>France</name><fclass>A</fclass><fcode>PCLI</fcode></gaztag></toponym>
      <toponym><start>18</start><end>29</end><phrase>Springfield</phrase>
        <gaztag geonameid="4250542"><name>Springfield</name><fclass>P</fclass><fcode>PPLA</fcode>
        <country geonameid="6252001">United States</country></gaztag></toponym>
      <toponym><start>33</start><end>37</end><phrase>Ill.</phrase>
        <gaztag geonameid="4896861"><name>Illinois</name><fclass>A</fclass><fcode>ADM1</fcode></gaztag></toponym>
      <toponym><start>46</start><end>50</end><phrase>Nile</phrase></toponym>
    </toponyms>
  </article>
</articles>
"""


@pytest.fixture
def docs(tmp_path: Path) -> list[gp.Doc]:
    path = tmp_path / "mini.xml"
    path.write_text(XML, encoding="utf-8")
    docs, stats = gp.parse_corpus(path)
    assert stats == {"toponyms": 5, "offsets off": 1, "offsets realigned": 1, "with id": 4, "articles": 1}
    return docs


def test_parse_realigns_shifted_offsets(docs: list[gp.Doc]) -> None:
    d = docs[0]
    for g in d.gold:
        assert d.text[g.start:g.end] == g.phrase
    springfield = d.gold[2]
    assert (springfield.start, springfield.end, springfield.gid) == (20, 31, "4250542")
    assert d.gold[4].gid is None  # a toponym without an id is kept, but not scored for recall


def test_parse_raw_offsets(tmp_path: Path) -> None:
    path = tmp_path / "mini.xml"
    path.write_text(XML, encoding="utf-8")
    docs, stats = gp.parse_corpus(path, realign=False)
    assert docs[0].gold[2].start == 18 and "offsets realigned" not in stats


def test_overlap_is_half_open() -> None:
    assert gp.overlaps(0, 5, 4, 6)
    assert not gp.overlaps(0, 5, 5, 9)
    assert gp.overlaps(2, 3, 0, 10)


def test_score(docs: list[gp.Doc]) -> None:
    mentions = [[
        gp.M(0, 5, "Paris", "geonames:4717560", "place"),  # detected, wrong id (Paris, TN)
        gp.M(12, 18, "France", "geonames:3017382", "country"),  # resolved
        gp.M(20, 36, "Springfield, Ill", "geonames:4250542", "place"),  # longer span: both golds detected
        gp.M(46, 50, "Nile", "curated:nile", "feature"),  # gold without id: a true mention
        gp.M(52, 58, "Police", "geonames:3088461", "place"),  # false positive
        gp.M(12, 18, "France", "actor:france", "organization"),  # not a toponym kind: ignored
    ]]
    s = gp.score(docs, mentions)
    assert (s.gold, s.detected, s.resolved) == (4, 4, 2)  # Paris wrong, Ill. overlapped by Springfield's id
    assert (s.mentions, s.true_mentions, s.true_mentions_id) == (5, 4, 3)
    assert s.rates() == (1.0, 0.5, 0.8)
    assert [m.text for _, m in s.false_positives] == ["Police"]


def test_organization_mentions_do_not_detect(docs: list[gp.Doc]) -> None:
    s = gp.score(docs, [[gp.M(12, 18, "France", "geonames:3017382", "organization")]])
    assert (s.detected, s.resolved, s.mentions) == (0, 0, 0)
    assert s.rates() == (0.0, 0.0, 0.0)
