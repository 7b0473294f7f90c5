"""nomina.Gazetteer.default(): the packaged gazetteer, loaded from the shipped saved form
(python/nomina/data/default.gazetteer.gz), cached, in step with its reviewable source
(default.jsonl.gz), and good enough on the seeds and on trap text."""

import gzip
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import nomina

DATA = Path(nomina.__file__).resolve().parent / "data"
TESTDATA = Path(__file__).resolve().parent / "data"
REBUILD = "python -m nomina.data.build --binary-only"


@pytest.fixture(scope="module")
def g():
    return nomina.Gazetteer.default()


def test_default_is_loaded_once_and_shared(g):
    assert nomina.Gazetteer.default() is g
    assert len(g) > 100_000
    assert g.case == "smart"
    assert g["geonames:174448"].name == "Ālbū Kamāl"


@pytest.mark.skipif(not (DATA / "default.jsonl.gz").exists(), reason="default.jsonl.gz is not installed (wheel)")
def test_shipped_saved_form_is_what_the_jsonl_builds():
    # The shipped file stores names folded by the nomina that wrote it: if the saved format or
    # the names rules (normalize, variant_key) change, it must be rewritten.
    shipped = gzip.decompress((DATA / "default.gazetteer.gz").read_bytes())
    built = nomina.Gazetteer.from_jsonl(DATA / "default.jsonl.gz").to_bytes()
    assert shipped == built, (
        "python/nomina/data/default.gazetteer.gz is out of step with default.jsonl.gz or with this "
        f"build's saved format / names rules: rewrite it with `{REBUILD}` and commit it"
    )


def _default_in_subprocess(tmp_path: Path, content) -> subprocess.CompletedProcess:
    """Gazetteer.default() in a fresh interpreter whose nomina.data resources live in tmp_path."""
    if content is not None:
        (tmp_path / "default.gazetteer.gz").write_bytes(content)
    code = (
        "import importlib.resources, pathlib, sys, nomina\n"
        f"importlib.resources.files = lambda package: pathlib.Path({str(tmp_path)!r})\n"
        "try:\n"
        "    nomina.Gazetteer.default()\n"
        "except Exception as e:\n"
        "    print(type(e).__name__, e)\n"
        "    sys.exit(3)\n"
    )
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)


def test_missing_default_file_is_a_clear_error(tmp_path):
    r = _default_in_subprocess(tmp_path, None)
    assert r.returncode == 3, r.stderr
    assert r.stdout.startswith("FileNotFoundError")
    assert str(tmp_path / "default.gazetteer.gz") in r.stdout and "reinstall nomina" in r.stdout


@pytest.mark.parametrize("content", [b"", b"not a gazetteer", gzip.compress(b"NOMINAGZ truncated"), b"\x1f\x8b\x08 cut"])
def test_corrupt_default_file_is_a_clear_error(tmp_path, content):
    r = _default_in_subprocess(tmp_path, content)
    assert r.returncode == 3, r.stderr
    assert r.stdout.startswith("ValueError")
    assert str(tmp_path / "default.gazetteer.gz") in r.stdout and "reinstall nomina" in r.stdout
