import csv
import io
import json
import subprocess
import sys

from conftest import SEEDS


def run_cli(*args, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", "nomina", *args], input=stdin, capture_output=True, text=True, timeout=120
    )


def test_analyze_seeds_table():
    result = run_cli("analyze", str(SEEDS))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().split("\n\n")[0].splitlines()  # the documents table comes first
    assert lines[0].split()[:2] == ["document", "lang"]
    assert len(lines) == 6
    assert all(line.split()[1] == "fr" for line in lines[1:])


def test_analyze_jsonl_and_csv_parse():
    rows = [json.loads(line) for line in run_cli("analyze", str(SEEDS), "--format", "jsonl").stdout.splitlines()]
    assert [r["lang"] for r in rows if r["type"] == "document"] == ["fr"] * 5
    rows = list(csv.DictReader(io.StringIO(run_cli("analyze", str(SEEDS), "--format", "csv").stdout)))
    rows = [r for r in rows if r["type"] == "document"]
    assert len(rows) == 5 and {r["lang"] for r in rows} == {"fr"}


def test_stdin_and_missing_file(tmp_path):
    result = run_cli("analyze", "-", str(tmp_path / "missing.txt"), "--format", "jsonl",
                     stdin="The Islamic State group retook the Syrian town of Abu Kamal on Saturday.")
    assert result.returncode == 1
    assert "missing.txt" in result.stderr
    assert json.loads(result.stdout.splitlines()[0])["lang"] == "en"


def test_undecodable_bytes_are_reported(tmp_path):
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Le groupe Etat islamique a repris la ville syrienne de Boukamal, frontalière.".encode("latin-1"))
    result = run_cli("analyze", str(bad), "--format", "jsonl")
    assert result.returncode == 0
    assert "latin1.txt" in result.stderr and "UTF-8" in result.stderr
    assert json.loads(result.stdout.splitlines()[0])["lang"] == "fr"


def test_bad_lang_is_a_usage_error():
    result = run_cli("analyze", str(SEEDS), "--lang", "klingon")
    assert result.returncode == 2 and "klingon" in result.stderr


# --- mentions and the cross-document summary (issue 6) ---

import fcntl  # noqa: E402
import os  # noqa: E402
import pty  # noqa: E402
import select  # noqa: E402
import struct  # noqa: E402
import termios  # noqa: E402

import pytest  # noqa: E402

import nomina  # noqa: E402
import nomina.cli  # noqa: E402
from conftest import SEED_RECORDS, build_gazetteer  # noqa: E402

MENTION_KEYS = ["start", "end", "text", "entity_id", "entity_name", "kind", "country", "score", "match"]


def parse_table(block):
    """Rows of one table block: cells cut at the header's column starts (cells may hold spaces)."""
    header, *lines = block.splitlines()
    names = header.split()
    starts = [header.index(" " + n) + 1 if i else 0 for i, n in enumerate(names)]
    bounds = list(zip(starts, starts[1:] + [None]))
    return [{n: line[a:b].strip() for n, (a, b) in zip(names, bounds)} for line in lines]


def analyze_in_process(capsys, monkeypatch, *args):
    """Run the CLI in this process with the tests' gazetteer passed as --gazetteer."""
    g = build_gazetteer()
    monkeypatch.setattr(nomina.cli, "load_gazetteer", lambda path: g)
    code = nomina.cli.main(["analyze", *args, "--gazetteer", "seed-entities"])
    out, err = capsys.readouterr()
    return code, out, err, g


def check_summary(entities):
    """The seeds' summary: Boukamal and the Islamic State in all five documents, spelled several ways."""
    by_id = {e["entity_id"]: e for e in entities}
    boukamal = by_id["geonames:174448"]
    assert boukamal["kind"] == "place" and boukamal["country"] == "SY" and len(boukamal["documents"]) == 5
    assert {"Boukamal", "Abu Kamal"} <= set(boukamal["spellings"])
    assert {"EI", "Etat islamique"} <= set(by_id["actor:islamic-state"]["spellings"])


def test_jsonl_documents_mentions_and_summary(capsys, monkeypatch, seed_texts):
    code, out, _, g = analyze_in_process(capsys, monkeypatch, str(SEEDS), "--format", "jsonl")
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    documents = [r for r in records if r["type"] == "document"]
    entities = [r for r in records if r["type"] == "entity"]
    assert len(documents) + len(entities) == len(records) and len(documents) == 5
    for doc in documents:
        text = seed_texts[os.path.basename(doc["document"])]
        assert doc["lang"] == "fr" and doc["chars"] == len(text)
        assert [m["entity_id"] for m in doc["mentions"]] == [m.entity.id for m in g.tag(text)]
        assert all(list(m) == MENTION_KEYS and text[m["start"] : m["end"]] == m["text"] for m in doc["mentions"])
    check_summary(entities)
    boukamal = next(e for e in entities if e["entity_id"] == "geonames:174448")
    assert boukamal["mentions"] == sum(boukamal["spellings"].values()) == sum(
        m["entity_id"] == "geonames:174448" for d in documents for m in d["mentions"]
    )


def test_csv_one_header_typed_rows(capsys, monkeypatch, seed_texts):
    code, out, _, _ = analyze_in_process(capsys, monkeypatch, str(SEEDS), "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["type"] for r in rows} == {"document", "mention", "entity"}
    documents = [r for r in rows if r["type"] == "document"]
    mentions = [r for r in rows if r["type"] == "mention"]
    assert [int(d["mentions"]) for d in documents] == [
        sum(m["document"] == d["document"] for m in mentions) for d in documents
    ]
    for m in mentions:
        assert seed_texts[os.path.basename(m["document"])][int(m["start"]) : int(m["end"])] == m["text"]
    entities = [dict(r, documents=r["documents"].split("|"), spellings=r["spellings"].split("|")) for r in rows if r["type"] == "entity"]
    check_summary(entities)


def test_table_three_blocks(capsys, monkeypatch):
    code, out, _, _ = analyze_in_process(capsys, monkeypatch, str(SEEDS))
    assert code == 0
    documents, mentions, entities = (parse_table(block) for block in out.strip().split("\n\n"))
    assert len(documents) == 5 and all(d["lang"] == "fr" and int(d["mentions"]) > 0 for d in documents)
    assert sum(int(d["mentions"]) for d in documents) == len(mentions)
    assert {"Etat islamique", "Boukamal"} <= {m["text"] for m in mentions}
    row = next(e for e in entities if e["entity_id"] == "geonames:174448")
    assert row["entity_name"] == "Ālbū Kamāl" and row["kind"] == "place" and row["country"] == "SY" and row["documents"] == "5"
    assert "Boukamal (" in row["spellings"] and "Abu Kamal (" in row["spellings"]
    assert entities[0]["documents"] == "5"  # most widespread first


def test_unreadable_file_is_skipped_and_named(capsys, monkeypatch, tmp_path):
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text("Le groupe Etat islamique a repris la ville syrienne de Boukamal.", encoding="utf-8")
    real_read_bytes = nomina.cli.Path.read_bytes

    def read_bytes(self):
        if self.name == "b.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_bytes(self)

    monkeypatch.setattr(nomina.cli.Path, "read_bytes", read_bytes)
    code, out, err, _ = analyze_in_process(capsys, monkeypatch, str(tmp_path), "--format", "jsonl")
    assert code == 1
    assert "b.txt" in err and "Permission denied" in err and "skipped" in err
    assert [os.path.basename(json.loads(l)["document"]) for l in out.splitlines() if '"document"' in l[:20]] == ["a.txt", "c.txt"]


def test_undecodable_bytes_name_the_file_with_mentions(capsys, monkeypatch, tmp_path):
    bad = tmp_path / "cp1252.txt"
    bad.write_bytes("Frappes à Boukamal, près de la frontière avec l'Irak.".encode("cp1252"))
    code, out, err, _ = analyze_in_process(capsys, monkeypatch, str(bad), "--format", "jsonl")
    assert code == 0 and "cp1252.txt" in err and "U+FFFD" in err
    doc = json.loads(out.splitlines()[0])
    assert "geonames:174448" in [m["entity_id"] for m in doc["mentions"]]


def test_lang_is_passed_to_detection_and_tagging(capsys, monkeypatch):
    calls = []
    real = nomina.cli.tag_texts

    def tag_texts(g, texts, lang=None, threads=None):
        calls.append(lang)
        return real(g, texts, lang=None, threads=threads)

    monkeypatch.setattr(nomina.cli, "tag_texts", tag_texts)
    code, out, _, _ = analyze_in_process(capsys, monkeypatch, str(SEEDS), "--format", "jsonl", "--lang", "de")
    assert code == 0 and calls == ["de"]
    assert {json.loads(l).get("lang") for l in out.splitlines() if '"type": "document"' in l} == {"de"}


def test_no_gazetteer_gives_languages_only():
    result = run_cli("analyze", str(SEEDS), "--format", "jsonl", "--no-gazetteer")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.returncode == 0 and len(rows) == 5 and all("mentions" not in r for r in rows)


def test_unusable_gazetteer_is_a_usage_error(tmp_path):
    broken = tmp_path / "broken.gaz"
    broken.write_bytes(b"not a gazetteer")
    result = run_cli("analyze", str(SEEDS), "--gazetteer", str(broken))
    assert result.returncode == 2 and "broken.gaz" in result.stderr and result.stdout == ""
    result = run_cli("analyze", str(SEEDS), "--gazetteer", str(tmp_path / "missing.jsonl"))
    assert result.returncode == 2 and "missing.jsonl" in result.stderr


def test_help_documents_exit_codes():
    result = run_cli("analyze", "--help")
    assert result.returncode == 0
    for line in ("0  every input was analysed", "1  some inputs were skipped", "2  bad usage"):
        assert line in result.stdout


@pytest.mark.parametrize("kind", ["jsonl", "csv", "saved"])
def test_gazetteer_files_end_to_end(tmp_path, kind):
    g = nomina.Gazetteer.from_records(SEED_RECORDS)
    path = tmp_path / f"entities.{ {'saved': 'gaz'}.get(kind, kind) }"
    if kind == "jsonl":
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in SEED_RECORDS), encoding="utf-8")
    elif kind == "csv":
        with path.open("w", newline="", encoding="utf-8") as f:
            writer = csv.DictWriter(f, fieldnames=["id", "name", "kind", "country", "aliases"])
            writer.writeheader()
            for r in SEED_RECORDS:
                writer.writerow({k: "|".join(r[k]) if k == "aliases" else r.get(k) for k in writer.fieldnames})
    else:
        g.save(str(path))
    for fmt in ("table", "jsonl", "csv"):
        result = run_cli("analyze", str(SEEDS), "--gazetteer", str(path), "--format", fmt)
        assert result.returncode == 0, result.stderr
        if fmt == "jsonl":
            entities = [r for r in map(json.loads, result.stdout.splitlines()) if r["type"] == "entity"]
        elif fmt == "csv":
            entities = [r for r in csv.DictReader(io.StringIO(result.stdout)) if r["type"] == "entity"]
            entities = [dict(r, documents=r["documents"].split("|"), spellings=r["spellings"].split("|")) for r in entities]
        else:
            entities = parse_table(result.stdout.strip().split("\n\n")[2])
            entities = [dict(r, documents=["x"] * int(r["documents"]), spellings=[s.rsplit(" (", 1)[0] for s in r["spellings"].split(", ")]) for r in entities]
        assert any(e["entity_id"] == "geonames:174448" for e in entities)


def test_progress_bar_only_on_a_terminal():
    result = run_cli("analyze", str(SEEDS), "--no-gazetteer")
    assert "doc/s" not in result.stderr and "%|" not in result.stderr
    controller, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a new pty is 0 columns wide
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "nomina", "analyze", str(SEEDS), str(SEEDS), "--no-gazetteer"],
            stdout=subprocess.PIPE, stderr=terminal, stdin=subprocess.DEVNULL,
        )
        os.close(terminal)
        shown = b""
        while True:
            ready, _, _ = select.select([controller], [], [], 60)
            if not ready:
                break
            try:
                chunk = os.read(controller, 4096)
            except OSError:  # the terminal closed with the process
                break
            if not chunk:
                break
            shown += chunk
        stdout, _ = process.communicate(timeout=60)
    finally:
        os.close(controller)
    assert process.returncode == 0 and stdout.decode().startswith("document")
    assert b"/10 [" in shown and b"doc/s" in shown


def test_table_lists_a_few_documents_then_counts():
    assert nomina.cli._first_few(["a", "b"]) == "a, b"
    assert nomina.cli._first_few([str(i) for i in range(8)]) == "0, 1, 2, 3, 4, ... (+3)"
