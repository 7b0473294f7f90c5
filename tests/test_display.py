"""nomina.render and nomina.Mentions: HTML for notebooks (highlighted entities, tooltips, safe
escaping) and readable plain text for terminals."""

from html.parser import HTMLParser

import pytest

import nomina
from conftest import SEED_RECORDS, build_gazetteer

TEXT = "Le groupe Etat islamique a repris Boukamal, frontalière de l'Irak.\nSelon l'OSDH, <b>rien</b> & co."


@pytest.fixture(scope="module")
def g():
    return build_gazetteer()


class Collect(HTMLParser):
    """The text a browser would show, leaving out nomina's kind labels; the marks' attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text, self.marks, self._label_depth, self._in_mark = [], [], 0, False

    def handle_starttag(self, tag, attrs):
        if tag == "mark":
            self.marks.append(dict(attrs))
            self._in_mark = True
        elif tag == "span" and self._in_mark:
            self._label_depth += 1

    def handle_endtag(self, tag):
        if tag == "span" and self._label_depth:
            self._label_depth -= 1
        elif tag == "mark":
            self._in_mark = False

    def handle_data(self, data):
        if not self._label_depth:
            self.text.append(data)


def parse(markup):
    parser = Collect()
    parser.feed(markup)
    parser.close()
    return "".join(parser.text), parser.marks


def test_html_shows_the_text_exactly_with_one_mark_per_mention(g):
    mentions = g.tag(TEXT)
    shown, marks = parse(nomina.render(TEXT, mentions)._repr_html_())
    assert shown == TEXT  # escaped and unescaped back: nothing lost, nothing injected
    assert [m["data-entity-id"] for m in marks] == [m.entity.id for m in mentions]
    boukamal = next(m for m in marks if m["data-entity-id"] == "geonames:174448")
    assert boukamal["data-kind"] == "place"
    for field in ("geonames:174448", "place", "SY", boukamal["data-match"]):
        assert field in boukamal["title"]


def test_html_escapes_text_and_entity_fields():
    records = [{"id": 'x:"1"', "name": '<script>alert("x")</script>', "kind": "organization", "aliases": ["Acme"]}]
    g = build_gazetteer(records)
    text = "<img src=x onerror=alert(1)> Acme & \"Acme\" 'Acme'"
    markup = nomina.render(text, g.tag(text))._repr_html_()
    assert "<script>" not in markup and "<img" not in markup
    shown, marks = parse(markup)
    assert shown == text
    assert marks and marks[0]["data-entity-id"] == 'x:"1"' and '<script>alert("x")</script>' in marks[0]["title"]


def test_plain_text_brackets_mentions_and_lists_them(g):
    rendered = nomina.render(TEXT, g.tag(TEXT))
    assert str(rendered) == repr(rendered)
    lines = str(rendered).split("\n")
    first, legend = lines[0], lines[2:]  # TEXT holds one line break
    assert first.startswith("Le groupe [Etat islamique] a repris [Boukamal], frontalière de l'[Irak].")
    assert any("Boukamal" in line and "geonames:174448" in line and "place" in line for line in legend)


def test_render_tags_with_the_given_gazetteer(g):
    assert [m.entity.id for m in nomina.render(TEXT, gazetteer=g).mentions] == [m.entity.id for m in g.tag(TEXT)]


def test_mentions_from_another_text_are_refused(g):
    mentions = g.tag(TEXT)
    with pytest.raises(ValueError, match="not in this text"):
        nomina.render("Une autre dépêche, plus courte.", mentions)
    with pytest.raises(TypeError, match="str"):
        nomina.render(b"bytes", [])


def test_overlapping_mentions_keep_the_first(g):
    mentions = g.tag(TEXT)
    rendered = nomina.render(TEXT, mentions + mentions[:1])
    assert len(rendered.mentions) == len(mentions)


def test_no_mentions_renders_the_bare_text():
    assert str(nomina.render("Rien ici.", [])) == "Rien ici."
    assert parse(nomina.render("a < b", [])._repr_html_())[0] == "a < b"


def test_mentions_table(g):
    table = nomina.Mentions(g.tag(TEXT))
    assert isinstance(table, list) and table == g.tag(TEXT)
    markup = table._repr_html_()
    assert markup.count("<tr>") == len(table) + 1 and "geonames:174448" in markup and "<th>entity_id</th>" in markup
    assert table.records()[0]["start"] == table[0].start
    assert "no mentions" in nomina.Mentions([])._repr_html_()
    assert isinstance(table[:2], nomina.Mentions) and table[0] == g.tag(TEXT)[0]
    pd = pytest.importorskip("pandas")
    frame = table.to_dataframe()
    assert isinstance(frame, pd.DataFrame) and len(frame) == len(table) and frame.entity_id.tolist() == [m.entity.id for m in table]


def test_seed_entities_render(seed_texts, g):
    for text in seed_texts.values():
        shown, marks = parse(nomina.render(text, gazetteer=g)._repr_html_())
        assert shown == text and marks
    assert SEED_RECORDS[0]["id"] == "geonames:174448"


@pytest.mark.parametrize("module", ["nomina.display", "nomina.pandas", "nomina.dask"])
def test_module_examples(module):
    import doctest
    import importlib

    pytest.importorskip("pandas")
    if module == "nomina.dask":
        pytest.importorskip("dask.dataframe")
    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted and not result.failed


hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@st.composite
def text_and_spans(draw):
    text = draw(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("<>&\"'\n\u200f\u0301"), max_size=80))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8, unique=True)))
    return text, [(a, b) for a, b in zip(cuts[::2], cuts[1::2]) if b > a]


@settings(max_examples=200, deadline=None)
@given(text_and_spans())
def test_any_text_and_mentions_render_faithfully(case):
    text, spans = case
    entity = nomina.Gazetteer.from_records([{"id": "x:<1>", "name": "N&M", "kind": "place"}])["x:<1>"]
    mentions = [nomina.Mention(a, b, text[a:b], entity, 0.5, "exact") for a, b in spans]
    rendered = nomina.render(text, mentions)
    shown, marks = parse(rendered._repr_html_())
    assert shown == text and len(marks) == len(spans)
    assert all(m["data-entity-id"] == "x:<1>" for m in marks)
    plain = str(rendered).split("\n")
    assert len(plain) == text.count("\n") + 1 + len(spans)
