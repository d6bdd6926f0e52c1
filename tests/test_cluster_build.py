"""``kg build --cluster``: parse + extract on a real Dask LocalCluster (two worker
processes on 127.0.0.1, started and closed here); the store equals a local build's."""

from __future__ import annotations

import shutil
from pathlib import Path

import distributed
from typer.testing import CliRunner

from kg.cli import app
from kg.pipeline import build
from kg.rdf.export import export
from kg.rdf.store import Store

REPO = Path(__file__).resolve().parents[1]
TUNE = REPO / "benchmarks" / "news" / "texts" / "tune"


def _nquads(store: Path, out: Path) -> bytes:
    with Store.open(store) as st:
        export(st, "nquads", out)
    return out.read_bytes()


def test_cluster_build_equals_local_build(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(REPO / "examples" / "china-fentanyl-tariffs.txt", corpus / "00-example.txt")
    (corpus / "01-first.txt").write_text(
        "President Donald Trump met the Mexican president in Washington on Monday.\n")
    (corpus / "02-second.txt").write_text(
        "Trump announced new tariffs on steel imports on Friday. Trump said no more.\n")
    for path in sorted(TUNE.glob("*.txt"))[:4]:
        shutil.copy(path, corpus / f"10-{path.name}")
    build([corpus], out=tmp_path / "local", render=False, exports=False, workers=0)
    want = _nquads(tmp_path / "local" / "store", tmp_path / "local.nq")

    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
        dashboard_address=None,
    ) as cluster:
        address = cluster.scheduler_address
        assert address.startswith("tcp://127.0.0.1:")
        result = CliRunner().invoke(app, [
            "build", str(corpus), "--out", str(tmp_path / "dask"), "--no-html",
            "--no-exports", "--quiet", "--cluster", address, "--batch-size", "2",
        ])
        assert result.exit_code == 0, result.output
        with distributed.Client(address) as client:  # a Client is accepted too
            build([corpus], out=tmp_path / "client", render=False, exports=False,
                  cluster=client, batch_size=3)
            assert sum(client.nthreads().values()) == 2  # the caller's client still open
    assert _nquads(tmp_path / "dask" / "store", tmp_path / "dask.nq") == want
    assert _nquads(tmp_path / "client" / "store", tmp_path / "client.nq") == want
    assert b"entity/person/donald-trump" in want


def test_unreachable_scheduler_is_a_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Donald Trump spoke on Monday.\n")
    result = CliRunner().invoke(app, [
        "build", str(tmp_path / "a.txt"), "--out", str(tmp_path / "o"),
        "--cluster", "tcp://127.0.0.1:9", "--quiet",
    ])
    assert result.exit_code == 1
    line = result.output.strip()
    assert "\n" not in line and "Traceback" not in line
    assert line.startswith("Error: cannot reach the Dask scheduler (tcp://127.0.0.1:9)")
