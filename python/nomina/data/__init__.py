"""Packaged data of nomina: the default gazetteer (default.jsonl.gz) and its curated sources.

Rebuild with ``python -m nomina.data.build`` (developers only; see README.md here)."""
