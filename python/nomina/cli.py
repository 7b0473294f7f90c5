"""The ``nomina`` command line: ``nomina analyze PATH...`` (also ``python -m nomina``).

For each document: its language and the known entities it mentions; then a summary across the
documents: each entity with its kind and country, the documents it appears in and the
spellings used. Mentions need a gazetteer: ``--gazetteer FILE`` (saved with ``Gazetteer.save``,
or CSV / JSONL records), else the packaged default when this build has one.

Exit codes:
  0  every input was analysed (undecodable bytes are replaced and reported, not skipped)
  1  some inputs were skipped: missing or unreadable (each named in a warning on stderr)
  2  bad usage: unknown option or language, unusable gazetteer, or no input could be read
  130 interrupted (Ctrl-C)
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional, TextIO

import nomina
from nomina._records import MENTION_FIELDS, mention_record, tag_texts

EXIT_OK, EXIT_SKIPPED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

#: Documents analysed per batch call (one progress-bar step each).
CHUNK_DOCUMENTS = 64

DOCUMENT_FIELDS = ("document", "lang", "language", "confidence", "reliable", "chars")
ENTITY_FIELDS = ("entity_id", "entity_name", "kind", "country", "documents", "mentions", "spellings")


@dataclass
class Document:
    name: str
    text: str


@dataclass
class EntitySummary:
    """One entity across the documents: where it appears and how it is spelled."""

    entity_id: str
    entity_name: str
    kind: str
    country: Optional[str]
    documents: dict[str, None] = field(default_factory=dict)  # ordered set
    spellings: Counter = field(default_factory=Counter)

    def add(self, document: str, spelling: str) -> None:
        self.documents[document] = None
        self.spellings[spelling] += 1

    def record(self) -> dict[str, Any]:
        return {
            "entity_id": self.entity_id,
            "entity_name": self.entity_name,
            "kind": self.kind,
            "country": self.country,
            "documents": list(self.documents),
            "mentions": sum(self.spellings.values()),
            "spellings": dict(self.spellings.most_common()),
        }


def _warn(message: str) -> None:
    print(f"nomina: warning: {message}", file=sys.stderr)


def _error(message: str) -> None:
    print(f"nomina: error: {message}", file=sys.stderr)


def _files_under(path: Path) -> list[Path]:
    return sorted(p for p in path.rglob("*") if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts))


def list_inputs(paths: Sequence[str], skipped: list[str]) -> list[Optional[Path]]:
    """The files named by ``paths`` (folders walked recursively, hidden entries left out), None
    standing for stdin (``-``). Missing paths are reported and appended to ``skipped``."""
    inputs: list[Optional[Path]] = []
    for raw in paths:
        if raw == "-":
            inputs.append(None)
            continue
        path = Path(raw)
        if path.is_dir():
            files = _files_under(path)
            if not files:
                _warn(f"{raw}: folder holds no files")
            inputs.extend(files)
        elif path.exists():
            inputs.append(path)
        else:
            _warn(f"{raw}: no such file or folder, skipped")
            skipped.append(raw)
    return inputs


def read_documents(inputs: Sequence[Optional[Path]], skipped: list[str]) -> Iterator[Optional[Document]]:
    """Each input read and decoded, in order; None (after a warning naming it, and with its
    name appended to ``skipped``) for one that cannot be read."""
    for file in inputs:
        if file is None:
            yield Document("<stdin>", _decode(sys.stdin.buffer.read(), "<stdin>"))
            continue
        try:
            data = file.read_bytes()
        except OSError as err:
            _warn(f"{file}: cannot read ({err.strerror or err}), skipped")
            skipped.append(str(file))
            yield None
            continue
        yield Document(str(file), _decode(data, str(file)))


def _decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        _warn(f"{name}: not valid UTF-8 (first bad byte at offset {err.start}); undecodable bytes replaced by U+FFFD")
        return data.decode("utf-8-sig", errors="replace")


def load_gazetteer(path: str) -> Any:
    """A gazetteer from ``path``: CSV (``.csv``) or JSONL (``.jsonl``, ``.ndjson``) records, or
    a file written by ``Gazetteer.save`` (anything else)."""
    gazetteer_type = getattr(nomina, "Gazetteer", None)
    if gazetteer_type is None:
        raise ValueError("this build of nomina has no Gazetteer")
    suffixes = [s.lower() for s in Path(path).suffixes]
    if suffixes[-1:] == [".csv"]:
        return gazetteer_type.from_csv(path)
    if suffixes[-1:] in ([".jsonl"], [".ndjson"]):
        return gazetteer_type.from_jsonl(path)
    return gazetteer_type.load(path)


def _default_gazetteer() -> Any:
    default = getattr(getattr(nomina, "Gazetteer", None), "default", None)
    return default() if default is not None else None


def _progress(total: int) -> Any:
    """A progress bar on stderr when stderr is a terminal (never in pipes, files or CI logs)."""
    if not sys.stderr.isatty():
        return None
    try:
        from tqdm import tqdm  # type: ignore[import-untyped,unused-ignore]
    except ImportError:
        return None
    return tqdm(total=total, unit="doc", file=sys.stderr, leave=False, dynamic_ncols=True)


class Report:
    """Collects per-document rows (streamed in JSONL and CSV) and the cross-document summary."""

    def __init__(self, fmt: str, tagged: bool, out: TextIO) -> None:
        self.fmt, self.tagged, self.out = fmt, tagged, out
        self.documents: list[dict[str, Any]] = []
        self.mentions: list[dict[str, Any]] = []
        self.entities: dict[str, EntitySummary] = {}
        self._csv: Optional[csv.DictWriter] = None

    def _csv_writer(self) -> csv.DictWriter:
        if self._csv is None:
            columns = ["type", *DOCUMENT_FIELDS]
            if self.tagged:
                columns += ["mentions", *(f for f in MENTION_FIELDS if f not in columns)]
                columns += [f for f in ENTITY_FIELDS if f not in columns]
            self._csv = csv.DictWriter(self.out, fieldnames=columns, lineterminator="\n")
            self._csv.writeheader()
        return self._csv

    def add(self, document: Document, detection: Any, mentions: Optional[list[Any]]) -> None:
        row: dict[str, Any] = {
            "document": document.name,
            "lang": detection.lang if detection else None,
            "language": detection.name if detection else None,
            "confidence": round(detection.confidence, 3) if detection else None,
            "reliable": detection.reliable if detection else None,
            "chars": len(document.text),
        }
        records = [mention_record(m) for m in mentions] if mentions is not None else None
        if records is not None:
            for mention, record in zip(mentions or [], records):
                record["score"] = round(record["score"], 3)
                entity = self.entities.get(record["entity_id"])
                if entity is None:
                    entity = self.entities[record["entity_id"]] = EntitySummary(
                        record["entity_id"], record["entity_name"], record["kind"], record["country"]
                    )
                entity.add(document.name, mention.text)
        if self.fmt == "jsonl":
            line = {"type": "document", **row}
            if records is not None:
                line["mentions"] = records
            self.out.write(json.dumps(line, ensure_ascii=False) + "\n")
        elif self.fmt == "csv":
            if records is not None:
                row["mentions"] = len(records)
            self._csv_writer().writerow({"type": "document", **row})
            for record in records or []:
                self._csv_writer().writerow({"type": "mention", "document": document.name, **record})
        else:
            if records is not None:
                row["mentions"] = len(records)
                self.mentions.extend({"document": document.name, **r} for r in records)
            self.documents.append(row)

    def summary(self) -> list[dict[str, Any]]:
        """Entities by number of documents, then of mentions, then name."""
        ordered = sorted(
            self.entities.values(), key=lambda e: (-len(e.documents), -sum(e.spellings.values()), e.entity_name, e.entity_id)
        )
        return [e.record() for e in ordered]

    def finish(self) -> None:
        entities = self.summary() if self.tagged else []
        if self.fmt == "jsonl":
            for entity in entities:
                self.out.write(json.dumps({"type": "entity", **entity}, ensure_ascii=False) + "\n")
        elif self.fmt == "csv":
            for entity in entities:
                self._csv_writer().writerow(
                    {"type": "entity", **entity, "documents": "|".join(entity["documents"]), "spellings": "|".join(entity["spellings"])}
                )
        else:
            _write_table(self.documents, self.out)
            if self.tagged:
                self.out.write("\n")
                _write_table(self.mentions, self.out, columns=["document", *MENTION_FIELDS])
                self.out.write("\n")
                table = [
                    {
                        **e,
                        "documents": len(e["documents"]),
                        "spellings": ", ".join(f"{s} ({n})" for s, n in e["spellings"].items()),
                        "in": _first_few([Path(d).name for d in e["documents"]]),
                    }
                    for e in entities
                ]
                _write_table(table, self.out, columns=[*ENTITY_FIELDS, "in"])


def _first_few(names: list[str], shown: int = 5) -> str:
    """The first names, then how many more (the table is for reading; JSONL and CSV list all)."""
    more = len(names) - shown
    return ", ".join(names[:shown]) + (f", ... (+{more})" if more > 0 else "")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".") if value != int(value) else f"{value:.1f}"
    return " ".join(str(value).split()) if any(c in str(value) for c in "\t\r\n\x0b\x0c") else str(value)


def _write_table(rows: list[dict[str, Any]], out: TextIO, columns: Optional[list[str]] = None) -> None:
    """Columns padded to the widest cell and separated by two spaces; the header names them.
    A cell never holds a line break, so each line is one row."""
    columns = columns or (list(rows[0]) if rows else [])
    if not columns:
        return
    cells = [[_cell(row.get(c)) for c in columns] for row in rows]
    widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
    out.write("  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip() + "\n")
    for r in cells:
        out.write("  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip() + "\n")


def analyze(
    inputs: Sequence[Optional[Path]],
    report: Report,
    gazetteer: Any,
    lang: Optional[str],
    skipped: list[str],
) -> int:
    """Analyse ``inputs`` chunk by chunk into ``report``; the number of documents read."""
    allowlist = [lang] if lang else None
    progress = _progress(len(inputs))
    read = 0
    chunk: list[Document] = []

    def flush() -> None:
        detections = nomina.detect_batch([d.text for d in chunk], allowlist=allowlist)
        tagged = tag_texts(gazetteer, [d.text for d in chunk], lang=lang) if gazetteer is not None else [None] * len(chunk)
        for document, detection, mentions in zip(chunk, detections, tagged):
            report.add(document, detection, mentions)
        if progress is not None:
            progress.update(len(chunk))
        chunk.clear()

    try:
        for document in read_documents(inputs, skipped):
            if document is None:
                if progress is not None:
                    progress.update(1)
                continue
            read += 1
            chunk.append(document)
            if len(chunk) >= CHUNK_DOCUMENTS:
                flush()
        if chunk:
            flush()
    finally:
        if progress is not None:
            progress.close()
    return read


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nomina",
        description="Language, names and known entities of multilingual news.",
        epilog="exit codes: 0 all inputs analysed, 1 some inputs skipped, 2 usage error or nothing readable, 130 interrupted",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    analyze_parser = sub.add_parser(
        "analyze",
        help="language and mentions of each document, then each entity across documents",
        description=__doc__.split("\n\n", 1)[1] if __doc__ else None,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    analyze_parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders; - reads stdin")
    analyze_parser.add_argument(
        "--format", choices=["table", "jsonl", "csv"], default="table",
        help="table (aligned columns, for reading), jsonl (one object per line with a 'type': "
        "document or entity), csv (one header, a 'type' column: document, mention or entity)",
    )
    analyze_parser.add_argument("--lang", default=None, help="the documents' language (code or name): forces detection and tagging")
    group = analyze_parser.add_mutually_exclusive_group()
    group.add_argument("--gazetteer", metavar="FILE", default=None, help="gazetteer: Gazetteer.save file, or CSV / JSONL records")
    group.add_argument("--no-gazetteer", action="store_true", help="languages only, no mentions")
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = build_parser().parse_args(argv)
    if args.lang is not None:
        try:
            nomina.detect("x", allowlist=[args.lang])
        except ValueError as err:
            _error(f"--lang: {err}")
            return EXIT_USAGE
    gazetteer = None
    if args.gazetteer is not None:
        try:
            gazetteer = load_gazetteer(args.gazetteer)
        except (OSError, ValueError, TypeError) as err:
            _error(f"--gazetteer {args.gazetteer}: {err}")
            return EXIT_USAGE
    elif not args.no_gazetteer:
        gazetteer = _default_gazetteer()
        if gazetteer is None:
            _warn("no gazetteer in this build: languages only (pass --gazetteer FILE to tag mentions)")
    skipped: list[str] = []
    inputs = list_inputs(args.paths, skipped)
    report = Report(args.format, gazetteer is not None, sys.stdout)
    try:
        read = analyze(inputs, report, gazetteer, args.lang, skipped)
        if not read:
            _error("no document could be read")
            return EXIT_USAGE
        report.finish()
        sys.stdout.flush()
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # `nomina analyze ... | head`: the reader is gone, stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    return EXIT_SKIPPED if skipped else EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
