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
    lines = result.stdout.strip().splitlines()
    assert lines[0].split()[:2] == ["document", "lang"]
    assert len(lines) == 6
    assert all(line.split()[1] == "fr" for line in lines[1:])


def test_analyze_jsonl_and_csv_parse():
    rows = [json.loads(line) for line in run_cli("analyze", str(SEEDS), "--format", "jsonl").stdout.splitlines()]
    assert [r["lang"] for r in rows] == ["fr"] * 5
    rows = list(csv.DictReader(io.StringIO(run_cli("analyze", str(SEEDS), "--format", "csv").stdout)))
    assert len(rows) == 5 and {r["lang"] for r in rows} == {"fr"}


def test_stdin_and_missing_file(tmp_path):
    result = run_cli("analyze", "-", str(tmp_path / "missing.txt"), "--format", "jsonl",
                     stdin="The Islamic State group retook the Syrian town of Abu Kamal on Saturday.")
    assert result.returncode == 1
    assert "missing.txt" in result.stderr
    assert json.loads(result.stdout)["lang"] == "en"


def test_undecodable_bytes_are_reported(tmp_path):
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Le groupe Etat islamique a repris la ville syrienne de Boukamal, frontalière.".encode("latin-1"))
    result = run_cli("analyze", str(bad), "--format", "jsonl")
    assert result.returncode == 0
    assert "latin1.txt" in result.stderr and "UTF-8" in result.stderr
    assert json.loads(result.stdout)["lang"] == "fr"


def test_bad_lang_is_a_usage_error():
    result = run_cli("analyze", str(SEEDS), "--lang", "klingon")
    assert result.returncode == 2 and "klingon" in result.stderr
