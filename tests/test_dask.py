"""nomina.dask on a real two-process LocalCluster equals the single-process pandas result."""

import pytest

pd = pytest.importorskip("pandas")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

import nomina.dask  # noqa: E402
from conftest import build_gazetteer  # noqa: E402


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, worker_dashboard_address=None
    ) as cluster, distributed.Client(cluster) as client:
        yield client
    # both context managers closed: workers and scheduler are gone


@pytest.fixture(scope="module")
def frames(seed_texts):
    texts = list(seed_texts.values()) * 3 + [None, "", "Frappes russes près d'Abu Kamal.", "Guten Morgen"]
    df = pd.DataFrame({"text": texts, "n": range(len(texts))}, index=[f"doc{i:02d}" for i in range(len(texts))])
    ddf = dd.from_pandas(df, npartitions=4, sort=True)
    return ddf, ddf.compute()  # the same frame as Dask sees it (its string conversion included)


def test_without_a_cluster(frames):  # first in the file: no client exists yet
    ddf, local = frames
    g = build_gazetteer()
    pd.testing.assert_frame_equal(nomina.dask.tag_dataframe(ddf, "text", g).compute(scheduler="threads"), local.text.nomina.tag(g))


def test_tag_dataframe_equals_single_process(client, frames, monkeypatch):
    ddf, local = frames
    g = build_gazetteer()
    scatters = []
    real_scatter = distributed.Client.scatter

    def scatter(self, data, *args, **kwargs):
        scatters.append(kwargs.get("broadcast"))
        return real_scatter(self, data, *args, **kwargs)

    monkeypatch.setattr(distributed.Client, "scatter", scatter)
    result = nomina.dask.tag_dataframe(ddf, "text", g)
    assert scatters == [True]  # shipped once, to every worker
    computed = result.compute()
    expected = local.text.nomina.tag(g)
    assert len(computed) > 0 and len(set(client.scheduler_info()["workers"])) == 2
    pd.testing.assert_frame_equal(computed, expected)


def test_detect_dataframe_equals_single_process(client, frames):
    ddf, local = frames
    computed = nomina.dask.detect_dataframe(ddf, "text").compute()
    pd.testing.assert_frame_equal(computed, local.text.nomina.detect())
    assert computed.index.equals(local.index)


def test_a_scattered_future_is_used_as_it_is(client, frames):
    ddf, local = frames
    g = build_gazetteer()
    future = client.scatter(g, broadcast=True)
    computed = nomina.dask.tag_dataframe(ddf, "text", future).compute()
    pd.testing.assert_frame_equal(computed, local.text.nomina.tag(g))
