"""The .pyi stubs are the API reference editors read: they must match the runtime."""

import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("mypy")

ALLOWLIST = Path(__file__).with_name("stubtest_allowlist.txt")
PYPROJECT = Path(__file__).parents[1] / "pyproject.toml"


def test_stubs_match_runtime():
    result = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "nomina", "--allowlist", str(ALLOWLIST), "--mypy-config-file", str(PYPROJECT)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
