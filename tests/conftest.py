from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    """The five seed documents, by file name."""
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}


# Entities of the seeds, for the surface tests (pandas, display, CLI, Dask).
SEED_RECORDS = [
    {"id": "geonames:174448", "name": "Ālbū Kamāl", "kind": "place", "country": "SY",
     "aliases": ["Boukamal", "Abu Kamal", "Bukamal", "al-Bukamal", "Albu Kamal"], "population": 80000},
    {"id": "geonames:163843", "name": "Syria", "kind": "country", "country": "SY", "aliases": ["Syrie"]},
    {"id": "geonames:99237", "name": "Iraq", "kind": "country", "country": "IQ", "aliases": ["Irak"]},
    {"id": "actor:islamic-state", "name": "Islamic State", "kind": "organization",
     "aliases": ["Etat islamique", "EI", "Daesh", "Daech", "ISIS"]},
    {"id": "actor:sohr", "name": "Syrian Observatory for Human Rights", "kind": "organization", "country": "GB",
     "aliases": ["Observatoire syrien des droits de l'homme", "OSDH", "Osdh", "SOHR"]},
    {"id": "actor:vladimir-putin", "name": "Vladimir Putin", "kind": "person", "country": "RU",
     "aliases": ["Vladimir Poutine", "Poutine"]},
]


def build_gazetteer(records=SEED_RECORDS):
    import nomina

    return nomina.Gazetteer.from_records(records)


@pytest.fixture(scope="session")
def seed_gazetteer():
    return build_gazetteer()
