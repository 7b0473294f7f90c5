"""Language identification: nomina beside whatlang-pyo3 and Lingua, in one run.

Accuracy on ../shared/eval/langid (57 languages x 500 sentences, word pairs and single words;
share of lines whose detected language is the folder's; no answer counts as wrong; mean over
languages) and throughput in texts/s over all 85,500 lines.

    pip install '.[bench]' && python bench/langid.py [--eval ../shared/eval/langid] [--quick]

Every detector runs with its full language set, as a user would call it.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path
from typing import Callable, Optional

import nomina

TYPES = ("sentences", "word-pairs", "single-words")
# Lingua's codes where they differ from whatlang's (the eval set's folder names).
LINGUA_TO_WHATLANG = {"zho": "cmn", "fas": "pes"}


def load_eval(root: Path, limit: Optional[int]) -> dict[str, dict[str, list[str]]]:
    data: dict[str, dict[str, list[str]]] = {}
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        data[folder.name] = {}
        for kind in TYPES:
            lines = (folder / f"{kind}.txt").read_text(encoding="utf-8").splitlines()
            data[folder.name][kind] = lines[:limit] if limit else lines
    return data


class Detector:
    """A named batch detector: texts -> ISO 639-3 codes (whatlang's) or None."""

    def __init__(self, name: str, batch: Callable[[list[str]], list[Optional[str]]]):
        self.name = name
        self.batch = batch


def nomina_detector(threads: int) -> Detector:
    def batch(texts: list[str]) -> list[Optional[str]]:
        return [d.iso639_3 if d else None for d in nomina.detect_batch(texts, threads=threads)]

    return Detector(f"nomina detect_batch, {threads} thread{'s' if threads > 1 else ''}", batch)


def whatlang_pyo3_detector(threads: int) -> Optional[Detector]:
    try:
        import whatlang
    except ImportError:
        return None

    def detect_one(text: str) -> Optional[str]:
        try:
            return whatlang.detect(text).lang
        except ValueError:  # "Language could not be detected"
            return None

    def batch(texts: list[str]) -> list[Optional[str]]:
        if threads == 1:
            return [detect_one(t) for t in texts]
        # batch_detect panics on a text without an answer, so it only gets texts that have one.
        return [info.lang for info in whatlang.batch_detect(texts, n_jobs=threads)]

    name = "whatlang-pyo3 detect (loop)" if threads == 1 else f"whatlang-pyo3 batch_detect, n_jobs={threads}"
    return Detector(name, batch)


def lingua_detector(low_accuracy: bool, parallel: bool) -> Optional[Detector]:
    try:
        from lingua import LanguageDetectorBuilder
    except ImportError:
        return None
    builder = LanguageDetectorBuilder.from_all_languages().with_preloaded_language_models()
    if low_accuracy:
        builder = builder.with_low_accuracy_mode()
    detector = builder.build()

    def code(lang) -> Optional[str]:
        if lang is None:
            return None
        iso = lang.iso_code_639_3.name.lower()
        return LINGUA_TO_WHATLANG.get(iso, iso)

    def batch(texts: list[str]) -> list[Optional[str]]:
        if parallel:
            return [code(lang) for lang in detector.detect_languages_in_parallel_of(texts)]
        return [code(detector.detect_language_of(t)) for t in texts]

    mode = "low accuracy" if low_accuracy else "high accuracy"
    how = "parallel (all cores)" if parallel else "loop, 1 thread"
    return Detector(f"lingua {mode}, {how}", batch)


def accuracy(detector: Detector, data) -> dict[str, dict[str, float]]:
    """Accuracy per type and language: {type: {lang: share right}}."""
    result: dict[str, dict[str, float]] = {}
    for kind in TYPES:
        result[kind] = {}
        for lang, by_kind in data.items():
            lines = by_kind[kind]
            answers = detector.batch(lines)
            result[kind][lang] = sum(a == lang for a in answers) / len(lines)
    return result


def throughput(detector: Detector, texts: list[str], repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        detector.batch(texts)
        best = min(best, time.perf_counter() - start)
    return len(texts) / best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    here = Path(__file__).resolve().parent
    parser.add_argument("--eval", type=Path, default=here.parent.parent / "shared" / "eval" / "langid")
    parser.add_argument("--quick", action="store_true", help="100 lines per file, one timing run (a smoke test)")
    parser.add_argument("--no-lingua", action="store_true", help="skip Lingua (slow: minutes)")
    args = parser.parse_args()
    data = load_eval(args.eval, 100 if args.quick else None)
    texts = [line for by_kind in data.values() for kind in TYPES for line in by_kind[kind]]
    # whatlang-pyo3's batch_detect panics on a text it cannot answer (e.g. digits only), so
    # throughput is timed, for every detector alike, on the texts every detector answers.
    timed = [t for t, d in zip(texts, nomina.detect_batch(texts)) if d is not None]
    repeats = 1 if args.quick else 3

    detectors: list[tuple[Detector, bool]] = [(nomina_detector(1), True), (nomina_detector(2), False)]
    for threads in (1, 2):
        d = whatlang_pyo3_detector(threads)
        if d:
            detectors.append((d, threads == 1))
    if not args.no_lingua:
        for low in (False, True):
            for parallel in (False, True):
                d = lingua_detector(low, parallel)
                if d:
                    detectors.append((d, not parallel))

    rows = []
    for detector, measure_accuracy in detectors:
        acc = accuracy(detector, data) if measure_accuracy else None
        tps = throughput(detector, timed, 1 if "lingua" in detector.name else repeats)
        rows.append((detector.name, acc, tps))
        print(f"  measured {detector.name}", file=sys.stderr)

    print(f"\nLanguage identification, {len(data)} languages, {len(texts):,} texts, "
          f"{len(timed):,} of them timed "
          f"({platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()})\n")
    print("| detector | sentences | word pairs | single words | texts/s |")
    print("|---|---:|---:|---:|---:|")
    for name, acc, tps in rows:
        cells = [f"{statistics.mean(acc[k].values()):.3f}" for k in TYPES] if acc else ["(same as 1 thread)"] * 3
        print(f"| {name} | {' | '.join(cells)} | {tps:,.0f} |")
    n1 = next(tps for name, _, tps in rows if name.startswith("nomina") and "1 thread" in name)
    n2 = next(tps for name, _, tps in rows if name.startswith("nomina") and "2 threads" in name)
    print(f"\nnomina 2 threads / 1 thread: {n2 / n1:.2f}x")
    w1 = next((tps for name, _, tps in rows if name.startswith("whatlang-pyo3 detect")), None)
    if w1:
        print(f"nomina 1 thread / whatlang-pyo3 1 thread: {n1 / w1:.2f}x")
    scored = [(name, acc) for name, acc, _ in rows if acc]
    print("\nPer language (sentences / word pairs / single words):\n")
    print("| lang | " + " | ".join(name.split(",")[0] for name, _ in scored) + " |")
    print("|---|" + "---:|" * len(scored))
    for lang in data:
        cells = [" / ".join(f"{acc[k][lang]:.2f}" for k in TYPES) for _, acc in scored]
        print(f"| {lang} | " + " | ".join(cells) + " |")
    print(f"\ncommand: python bench/langid.py{' --quick' if args.quick else ''}{' --no-lingua' if args.no_lingua else ''}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
