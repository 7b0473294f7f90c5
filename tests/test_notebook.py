"""The example notebook runs from top to bottom, so it cannot rot."""

from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")
pytest.importorskip("pandas")

import nomina  # noqa: E402

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_example_notebook_runs():
    notebook = nbformat.read(EXAMPLES / "nomina_tour.ipynb", as_version=4)
    client = nbclient.NotebookClient(
        notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(EXAMPLES)}}
    )
    client.execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    html = "".join(o.get("data", {}).get("text/html", "") for o in outputs)
    assert '<mark class="nomina-entity" data-entity-id="geonames:174448"' in html  # the highlighted text
    assert html.count('<table class="nomina-mentions">') == 2  # Mentions, then a plain list after %load_ext
    assert "Abu Kamal" in html or "Boukamal" in html
    last = notebook.cells[-1].outputs[0]["data"]["text/plain"]  # the variant keys table
    assert last.count(nomina.variant_key("Boukamal")) == 4  # Boukamal, Abu Kamal, al-Bukamal, Albu Kamal
