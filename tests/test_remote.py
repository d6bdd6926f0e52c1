"""``--store http://HOST:PORT``: building into and reading from a real SPARQL 1.1 server
(``oxigraph serve`` on 127.0.0.1, started and stopped here) gives, N-Quad for N-Quad,
what the embedded store gives; re-runs skip unchanged articles; a build killed with
SIGKILL re-runs to the clean store; each article is replaced atomically; mistakes get
one line and exit status 1 (issue 10 §5)."""

from __future__ import annotations

import hashlib
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from cli_checks import error_line
from remote_server import count_articles, free_port, oxigraph_server, query, update
from typer.testing import CliRunner

from kg.cli import app
from kg.pipeline import build, rebuild
from kg.rdf.export import serialize
from kg.rdf.open import open_store
from kg.rdf.remote import STAGING_BASE, RemoteReader, RemoteStore
from kg.rdf.store import Store
from kg.rdf.vocab import ART

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "china-fentanyl-tariffs.txt"
#: Incremental builds resolve "Hargreaves" against the entities already stored (a
#: query the remote store answers): built second, he joins Oliver Hargreaves.
EXTRA = {
    "hargreaves-1.txt": (
        "Manchester United midfielder Hargreaves will miss the rest of the season, the "
        "club said on Friday. Hargreaves injured his knee in training.\n"
    ),
    "hargreaves-2.txt": (
        "Oliver Hargreaves signed a new contract with United on Monday. Oliver "
        "Hargreaves said he was delighted to stay at the club.\n"
    ),
    "news.jsonl": (
        '{"id": "r1", "title": "Rates", "date": "2025-03-13", "text": "The Bank of '
        'England raised rates to 4.5 per cent. Andrew Bailey said inflation had fallen."}\n'
        '{"id": "r2", "text": "Bailey told MPs that wages were still rising fast."}\n'
    ),
}

runner = CliRunner()


def run(*args: str):  # click's Result
    return runner.invoke(app, list(args))


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph")) as url:
        yield url


@pytest.fixture
def remote(server: str) -> str:
    """The server, emptied for this test."""
    update(server, "CLEAR ALL")
    return server


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("corpus")
    paragraphs = [p for p in EXAMPLE.read_text().split("\n\n") if p.strip()]
    for i, paragraph in enumerate(paragraphs[1:], 1):  # the first is a donation appeal
        (src / f"part-{i:02d}.txt").write_text(paragraph + "\n")
    for name, text in EXTRA.items():
        (src / name).write_text(text)
    return src


@pytest.fixture(scope="module")
def filled(
    corpus: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A second server, holding a build of the corpus (read by several tests)."""
    with oxigraph_server(tmp_path_factory.mktemp("filled")) as url:
        build([corpus], out=tmp_path_factory.mktemp("filled-out"), store=url,
              render=False, exports=False)
        yield url


@pytest.fixture(scope="module")
def local(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clean local build of the corpus (its output folder)."""
    out = tmp_path_factory.mktemp("local")
    build([corpus], out=out, render=False)
    return out


def nquads(store: str | Path) -> str:
    with open_store(store, read_only=True) as st:
        return serialize(st, "nquads")


def test_a_build_into_the_server_equals_the_local_build(
    remote: str, corpus: Path, local: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    report = build([corpus], out=out, store=remote, render=False)
    assert len(report.articles) == count_articles(remote) > 10
    # the exports written from the server are the local build's, byte for byte
    for name in ("graph.nq", "graph.trig", "graph.ttl", "graph.jsonld"):
        assert (out / name).read_bytes() == (local / name).read_bytes(), name
    assert not (out / "store").exists()  # nothing stored locally
    with RemoteStore.connect(remote, read_only=True) as st, Store.open(
        local / "store", read_only=True
    ) as folder:
        assert st.article_ids() == folder.article_ids()
        assert all(g.startswith(str(ART)) for g in st.article_graphs())
        assert len(st) == len(nquads(remote).splitlines())

    again = build([corpus], out=out, store=remote, render=False)  # unchanged: kept
    assert again.articles == [] and again.unchanged == report.articles
    assert nquads(remote) == (local / "graph.nq").read_text()


def test_incremental_builds_merge_against_the_servers_entities(
    remote: str, corpus: Path, tmp_path: Path
) -> None:
    """Two builds in a row (Oliver Hargreaves first, then the bare "Hargreaves") merge
    the same way into the server as into a local store; kg rebuild agrees too."""
    first, second = corpus / "hargreaves-2.txt", corpus / "hargreaves-1.txt"
    outputs = {}
    for name, store in (("local", str(tmp_path / "store")), ("remote", remote)):
        out = tmp_path / name
        build([first], out=out, store=store, render=False, exports=False)
        build([second], out=out, store=store, render=False, exports=False)
        outputs[name] = nquads(store)
    assert outputs["remote"] == outputs["local"]
    naming = {line.rsplit(" ", 2)[-2] for line in outputs["remote"].splitlines()
              if "/person/oliver-hargreaves>" in line}
    assert len(naming) == 2  # both articles' graphs name him: the second merged
    rebuilt = {}
    for name, store in (("local", str(tmp_path / "store")), ("remote", remote)):
        report = rebuild(out=tmp_path / name, store=store, render=False, exports=False)
        assert len(report.articles) == 2
        rebuilt[name] = nquads(store)
    assert rebuilt["remote"] == rebuilt["local"]


@pytest.mark.parametrize("command", [
    ("query", "SELECT ?id ?key WHERE { GRAPH ?g { ?g dcterms:identifier ?id ; "
              "kg:buildKey ?key } } ORDER BY ?id", "--format", "csv"),
    ("query", "CONSTRUCT { ?e rdfs:label ?l } WHERE { ?e a kg:Person ; rdfs:label ?l }",
     "--format", "json"),
    ("query", "ASK { ?s kg:confidence ?c }"),
    ("articles", "--format", "csv"),
    ("stats",),
    ("export", "--format", "trig"),
    ("export", "--format", "turtle"),
    ("path", "Donald Trump", "China"),
    ("communities", "--top", "3"),
])
def test_read_commands_answer_from_the_server_as_from_the_folder(
    filled: str, local: Path, command: tuple[str, ...]
) -> None:
    from_folder = run(*command, "--store", str(local / "store"))
    from_server = run(*command, "--store", filled)
    assert from_folder.exit_code == 0, from_folder.output
    assert from_server.exit_code == 0, from_server.output
    assert from_server.stdout == from_folder.stdout


def test_remove_deletes_the_article_on_the_server(remote: str, corpus: Path) -> None:
    report = build([corpus / "news.jsonl"], out=corpus.parent / "rm-out", store=remote,
                   render=False, exports=False)
    assert len(report.articles) == 2
    removed = run("remove", report.articles[0], "--store", remote)
    assert removed.exit_code == 0, removed.output
    assert count_articles(remote) == 1
    assert error_line(run("remove", report.articles[0], "--store", remote)) == (
        f"Error: no such article ({report.articles[0]}); list ids with: kg articles"
    )


def graph_quads(local: Path) -> tuple[ox.NamedNode, set[ox.Quad], set[ox.Quad]]:
    """A graph name and two different contents for it (from the local build)."""
    with Store.open(local / "store", read_only=True) as st:
        graphs = st.article_graphs()
        big = max(graphs, key=lambda g: len(list(st.oxigraph.quads_for_pattern(
            None, None, None, ox.NamedNode(g)))))
        quads = list(st.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(big)))
    name = ox.NamedNode(big)
    return name, set(quads), set(sorted(quads, key=str)[: len(quads) // 3])


def test_large_graphs_are_staged_then_moved_in(remote: str, local: Path) -> None:
    """Above the update size limit an article goes through a staging graph; the store
    ends the same and no staging graph is left."""
    with Store.open(local / "store", read_only=True) as st:
        graphs = {g: set(st.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(g)))
                  for g in st.article_graphs()}
    with RemoteStore.connect(remote, max_update_bytes=2_000) as st:
        for graph, quads in graphs.items():
            st.replace_graph(ox.NamedNode(graph), {q for q in quads if "statement" in str(q)})
        for graph, quads in graphs.items():  # replaced again: stale quads go
            st.replace_graph(ox.NamedNode(graph), quads)
        names = [g.value for g in st.oxigraph.named_graphs()]
    assert sorted(names) == sorted(graphs)
    assert not any(n.startswith(STAGING_BASE) for n in names)
    assert nquads(remote) == (local / "graph.nq").read_text()


@pytest.mark.parametrize("limit", [1_000_000, 2_000], ids=["one-update", "staged"])
def test_readers_never_see_an_article_half_replaced(
    remote: str, local: Path, limit: int
) -> None:
    """A reader polling an article's size while it is replaced 30 times by two different
    versions sees one version or the other, never an empty graph or a mix."""
    name, full, part = graph_quads(local)
    sizes = {len(full), len(part)}
    seen: list[int] = []
    done = threading.Event()
    reader = RemoteReader(remote)

    def poll() -> None:
        sparql = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {name} {{ ?s ?p ?o }} }}"
        while not done.is_set():
            [(n,)] = [tuple(row) for row in reader.query(sparql)]
            seen.append(int(n.value))

    with RemoteStore.connect(remote, max_update_bytes=limit) as st:
        st.replace_graph(name, full)
        thread = threading.Thread(target=poll)
        thread.start()
        try:
            for i in range(30):
                st.replace_graph(name, part if i % 2 == 0 else full)
        finally:
            done.set()
            thread.join()
    reader.close()
    assert len(seen) > 10
    assert set(seen) <= sizes, sorted(set(seen) - sizes)


def kg_build(corpus: Path, out: Path, url: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "build", str(corpus), "--out", str(out),
         "--store", url, "--quiet", "--no-html", "--no-exports"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
    )


@pytest.mark.parametrize("when", [1, 6])
def test_a_build_killed_mid_way_reruns_to_the_clean_store(
    remote: str, corpus: Path, local: Path, tmp_path: Path, when: int
) -> None:
    """SIGKILL once ``when`` articles are on the server (a real kg process), then the
    same command again: the server holds exactly what a clean build stores."""
    clean = (local / "graph.nq").read_text()
    total = len({line.rsplit(" ", 2)[-2] for line in clean.splitlines()})
    proc = kg_build(corpus, tmp_path / "out", remote)
    start = time.monotonic()
    while proc.poll() is None and time.monotonic() - start < 300:
        if count_articles(remote) >= when:
            break
        time.sleep(0.002)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    stored = count_articles(remote)
    assert stored >= when
    print(f"\nkilled with {stored} of {total} articles on the server")
    rerun = kg_build(corpus, tmp_path / "out", remote)
    _, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err.decode()
    digest = hashlib.sha256(nquads(remote).encode()).hexdigest()
    assert digest == hashlib.sha256(clean.encode()).hexdigest()


def test_an_unreachable_server_is_one_line(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    for command in (("stats",), ("query", "ASK {}"), ("export",), ("articles",),
                    ("remove", "x"), ("build", str(EXAMPLE), "--out", str(tmp_path / "o"))):
        line = error_line(run(*command, "--store", url))
        assert line.startswith(f"Error: cannot reach the SPARQL server ({url}/query): "), line
        assert line.endswith("start it (oxigraph serve --location DIR --bind "
                             "127.0.0.1:7878) or pass its URL as --store"), line
    assert not (tmp_path / "o").exists()


def test_a_wrong_url_or_a_read_only_server_is_one_line(
    remote: str, tmp_path: Path
) -> None:
    assert error_line(run("stats", "--store", f"{remote}/sparql")) == (
        f"Error: no SPARQL endpoint at ({remote}/sparql/query): HTTP 404; pass the "
        "server's base URL (e.g. --store http://127.0.0.1:7878): kg uses its /query, "
        "/update and /store"
    )
    ox.Store(str(tmp_path / "ro")).flush()  # serve-read-only needs an existing store
    with oxigraph_server(tmp_path / "ro", read_only=True) as url:
        line = error_line(run("build", str(EXAMPLE), "--out", str(tmp_path / "o"),
                              "--store", url))
        assert line.startswith(f"Error: SPARQL server refused to write ({url}/update): "
                               "HTTP 403 The server is read-only; "), line
        assert run("stats", "--store", url).exit_code == 0  # reading is fine
    assert error_line(run("serve", "--store", remote)) == (
        f"Error: kg serve serves a store folder, not a SPARQL server ({remote}); query "
        "that server directly, or pass a store folder"
    )
    bad = error_line(run("query", "SELEC ?x", "--store", remote))
    assert bad.startswith("Error: invalid SPARQL ("), bad
    assert query(remote, "ASK { }").status_code == 200


def test_a_web_server_that_is_no_sparql_server_is_one_line(tmp_path: Path) -> None:
    port = free_port()
    web = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
         "--directory", str(tmp_path)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        start = time.monotonic()
        while "cannot reach" in (line := error_line(run("stats", "--store", url))):
            assert time.monotonic() - start < 30, line
            time.sleep(0.05)
        assert line == (
            f"Error: no SPARQL endpoint at ({url}/query): HTTP 501; pass the server's base "
            "URL (e.g. --store http://127.0.0.1:7878): kg uses its /query, /update and /store"
        )
    finally:
        web.terminate()
        web.wait(timeout=10)


def test_two_builders_share_one_server(
    remote: str, corpus: Path, local: Path, tmp_path: Path
) -> None:
    """Two kg processes build halves of the corpus into one server at the same time;
    every article arrives, and ``kg rebuild`` then gives the clean build's store."""
    files = sorted(p for p in corpus.iterdir())
    halves = [files[0::2], files[1::2]]
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "kg.cli", "build", *map(str, half), "--out",
             str(tmp_path / f"out-{i}"), "--store", remote, "--quiet", "--no-html",
             "--no-exports"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
        )
        for i, half in enumerate(halves)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err.decode()
    clean = (local / "graph.nq").read_text()
    assert count_articles(remote) == len({line.rsplit(" ", 2)[-2]
                                          for line in clean.splitlines()})
    rebuilt = run("rebuild", "--out", str(tmp_path / "out-r"), "--store", remote, "--quiet",
                  "--no-html", "--no-exports")
    assert rebuilt.exit_code == 0, rebuilt.output
    assert nquads(remote) == clean
