"""Every ``>>>`` example in the stubs' docstrings and in the README runs and gives what it shows."""

import ast
import doctest
from pathlib import Path

import pytest

import nomina

ROOT = Path(__file__).resolve().parent.parent
STUBS = Path(nomina.__file__).with_name("_nomina.pyi")


def _stub_docstrings():
    tree = ast.parse(STUBS.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.ClassDef, ast.Module)):
            doc = ast.get_docstring(node, clean=True)
            if doc and ">>>" in doc:
                yield getattr(node, "name", "<module>"), doc


def _run(name: str, text: str) -> None:
    test = doctest.DocTestParser().get_doctest(text, {"nomina": nomina}, name, str(STUBS), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    report: list[str] = []
    if runner.run(test, out=report.append).failed:
        pytest.fail("".join(report))


@pytest.mark.parametrize("name, doc", list(_stub_docstrings()), ids=lambda v: v if isinstance(v, str) and len(v) < 40 else "")
def test_stub_examples(name, doc):
    _run(name, doc)


def test_readme_examples():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = [b.split("```", 1)[0] for b in readme.split("```python")[1:]]
    assert blocks, "the README shows a Python example"
    for block in blocks:
        _run("README", block)
