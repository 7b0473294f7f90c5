"""The ``nomina`` command line: ``nomina analyze PATH...``.

Exit codes: 0 every input was analysed; 1 some inputs were skipped (unreadable, with a warning
naming each); 2 bad usage or no input could be read.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, TextIO

import nomina

EXIT_OK, EXIT_SKIPPED, EXIT_USAGE = 0, 1, 2


@dataclass
class Document:
    name: str
    text: str


def _warn(message: str) -> None:
    print(f"nomina: warning: {message}", file=sys.stderr)


def _files_under(path: Path) -> list[Path]:
    return sorted(p for p in path.rglob("*") if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts))


def read_documents(paths: Sequence[str], skipped: list[str]) -> Iterator[Document]:
    """Yield each document named by ``paths`` (files, folders walked recursively, ``-`` for
    stdin). Unreadable inputs are reported on stderr, appended to ``skipped`` and passed over."""
    for raw in paths:
        if raw == "-":
            data = sys.stdin.buffer.read()
            yield Document("<stdin>", _decode(data, "<stdin>"))
            continue
        path = Path(raw)
        if path.is_dir():
            files = _files_under(path)
            if not files:
                _warn(f"{raw}: folder holds no files")
        elif path.exists():
            files = [path]
        else:
            _warn(f"{raw}: no such file or folder, skipped")
            skipped.append(raw)
            continue
        for file in files:
            try:
                data = file.read_bytes()
            except OSError as err:
                _warn(f"{file}: cannot read ({err.strerror or err}), skipped")
                skipped.append(str(file))
                continue
            yield Document(str(file), _decode(data, str(file)))


def _decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        _warn(f"{name}: not valid UTF-8 (first bad byte at offset {err.start}); undecodable bytes replaced by U+FFFD")
        return data.decode("utf-8", errors="replace")


def _analyze_rows(documents: list[Document], lang: Optional[str]) -> list[dict]:
    detections = nomina.detect_batch([d.text for d in documents], allowlist=[lang] if lang else None)
    rows = []
    for doc, det in zip(documents, detections):
        rows.append(
            {
                "document": doc.name,
                "lang": det.lang if det else None,
                "language": det.name if det else None,
                "confidence": round(det.confidence, 3) if det else None,
                "reliable": det.reliable if det else None,
                "chars": len(doc.text),
            }
        )
    return rows


def _write(rows: list[dict], fmt: str, out: TextIO) -> None:
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        if rows:
            writer = csv.DictWriter(out, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    else:
        if not rows:
            return
        columns = list(rows[0])
        cells = [[("" if row[c] is None else str(row[c])) for c in columns] for row in rows]
        widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
        out.write("  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip() + "\n")
        for r in cells:
            out.write("  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip() + "\n")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="nomina", description=__doc__.splitlines()[0] if __doc__ else None)
    sub = parser.add_subparsers(dest="command", required=True)
    analyze = sub.add_parser("analyze", help="language (and, with a gazetteer, mentions) of each document")
    analyze.add_argument("paths", nargs="+", metavar="PATH", help="files or folders; - reads stdin")
    analyze.add_argument("--format", choices=["table", "jsonl", "csv"], default="table")
    analyze.add_argument("--lang", default=None, help="restrict detection to this language (code or name)")
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = build_parser().parse_args(argv)
    if args.lang is not None:
        try:
            nomina.detect("x", allowlist=[args.lang])
        except ValueError as err:
            print(f"nomina: error: --lang: {err}", file=sys.stderr)
            return EXIT_USAGE
    skipped: list[str] = []
    documents = list(read_documents(args.paths, skipped))
    if not documents:
        print("nomina: error: no document could be read", file=sys.stderr)
        return EXIT_USAGE
    _write(_analyze_rows(documents, args.lang), args.format, sys.stdout)
    return EXIT_SKIPPED if skipped else EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
