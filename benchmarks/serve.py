"""Latency and concurrency of ``kg serve``, beside the ``oxigraph serve-read-only`` server.

Builds (or reuses, ``--store``) a store of the build-speed corpus (the example
article plus the CaRB dev sentences as news-sized articles, ``--copies`` times), then
for each engine started on 127.0.0.1:

* latency p50/p95 of three queries from one client (a lookup, ``articles.rq``,
  ``who_said_what.rq``), ``--repeat`` times each;
* p50/p95 and throughput of the lookup with 1, 5 and 20 concurrent clients;
* a runaway query (a 3-way cartesian COUNT) with a 3 s timeout: when the client gets
  an answer, and the CPU the server's processes still use 2 s after it.

Also the per-query cost of ``kg query``'s one-fork-per-query :func:`run_bounded`.

    python benchmarks/serve.py [--store PATH] [--copies 10] [--repeat 30]

On a large store (issue 11: 5M quads), every ready query of ``kg/queries/`` with a
longer server timeout, without the runaway query (its timeout does not depend on the
store's size):

    python benchmarks/serve.py --store /tmp/he/s5m --ready all --timeout 120 \
        --repeat 10 --no-runaway --no-fork
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import psutil

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

LOOKUP = """PREFIX kg: <https://w3id.org/kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?e ?name WHERE { GRAPH ?g { ?e a kg:Person ; rdfs:label ?name } } LIMIT 20"""
#: The oxigraph PyPI package's binary (beside this Python, not a pyenv shim that would
#: outlive a terminate()).
OXIGRAPH = str(Path(sys.executable).parent / "oxigraph")
#: The client's wait: longer than any server timeout given (--timeout), so the server's
#: own answer (503) is what is seen.
CLIENT_TIMEOUT = 600.0
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def build_store(folder: Path, copies: int) -> Path:
    from build_speed import corpus

    from kg.pipeline import build

    data = folder / "corpus.jsonl"
    n, words = corpus(data, 20, copies)
    t0 = time.perf_counter()
    build([data], out=folder / "out", render=False, exports=False)
    print(f"built {n} articles ({words} words) in {time.perf_counter() - t0:.0f} s")
    return folder / "out" / "store"


def start(command: list[str], url: str) -> subprocess.Popen[bytes]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            httpx.get(url, params={"query": "ASK {}"}, timeout=2)
            return proc
        except httpx.TransportError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError(f"server did not start: {command}")


def stop(proc: subprocess.Popen[bytes]) -> None:
    for child in psutil.Process(proc.pid).children(recursive=True):
        child.terminate()
    proc.terminate()
    try:
        proc.wait(20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def timed(client: httpx.Client, url: str, query: str) -> float:
    t0 = time.perf_counter()
    response = client.post(url, data={"query": query},
                           headers={"Accept": "application/sparql-results+json"})
    elapsed = time.perf_counter() - t0
    if response.status_code == 503:  # the server's timeout: counted as that long
        print(f"  timeout (503) after {elapsed:.1f} s", flush=True)
    elif response.status_code != 200:
        raise RuntimeError(f"{response.status_code}: {response.text[:200]}")
    return elapsed


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] * 1000


def latency(url: str, queries: dict[str, str], repeat: int) -> dict[str, str]:
    out = {}
    with httpx.Client(timeout=CLIENT_TIMEOUT) as client:
        for name, query in queries.items():
            timed(client, url, query)  # warm
            times = [timed(client, url, query) for _ in range(repeat)]
            out[name] = f"p50 {pct(times, 0.5):.1f} ms, p95 {pct(times, 0.95):.1f} ms"
            print(f"  {name}: {out[name]}", flush=True)
    return out


def concurrent(url: str, clients: int, per_client: int) -> str:
    def one(_: int) -> list[float]:
        with httpx.Client(timeout=CLIENT_TIMEOUT) as client:
            return [timed(client, url, LOOKUP) for _ in range(per_client)]

    t0 = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        times = [t for got in pool.map(one, range(clients)) for t in got]
    wall = time.perf_counter() - t0
    return (f"{clients:2d} clients: p50 {pct(times, 0.5):.1f} ms, p95 {pct(times, 0.95):.1f} ms, "
            f"{len(times) / wall:.0f} queries/s, errors 0")


def runaway(url: str, proc: subprocess.Popen[bytes]) -> str:
    t0 = time.perf_counter()
    try:
        response = httpx.post(url, data={"query": RUNAWAY}, timeout=60)
        answer = f"HTTP {response.status_code} after {time.perf_counter() - t0:.1f} s"
        if response.status_code == 200:
            try:
                json.loads(response.text)
            except ValueError:
                answer += f" with a broken body ({response.text[-45:]!r})"
    except httpx.TimeoutException:
        answer = f"no answer within {time.perf_counter() - t0:.0f} s"
    procs = [psutil.Process(proc.pid), *psutil.Process(proc.pid).children(recursive=True)]
    for p in procs:
        p.cpu_percent(None)
    time.sleep(2)
    cpu = sum(p.cpu_percent(None) for p in procs if p.is_running())
    return f"{answer}; server CPU 2 s later: {cpu:.0f} % of a core"


def run_bounded_cost(store: Path, repeat: int) -> str:
    from kg.rdf.sparql import run_bounded

    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        run_bounded(store, LOOKUP, timeout=30)
        times.append(time.perf_counter() - t0)
    return f"p50 {pct(times, 0.5):.0f} ms, p95 {pct(times, 0.95):.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="an existing kg store (else one is built)")
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--ready", nargs="+", default=["articles", "who_said_what"],
                        help="ready queries of kg/queries to time ('all': every one)")
    parser.add_argument("--timeout", type=float, default=3.0,
                        help="the servers' per-query timeout, seconds")
    parser.add_argument("--no-runaway", action="store_true")
    parser.add_argument("--no-fork", action="store_true",
                        help="leave out kg query's fork-per-query cost")
    parser.add_argument("--engines", nargs="+", default=["kg", "oxigraph"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = args.store or build_store(Path(tmp), args.copies)
        from kg.rdf.store import Store

        with Store.open(store, read_only=True) as st:
            print(f"store: {len(st)} quads, {len(st.article_graphs())} articles")
        from kg import queries

        ready = args.ready
        if ready == ["all"]:
            ready = sorted(f.name[:-3] for f in (REPO / "kg" / "queries").glob("*.rq"))
        mix = {"lookup": LOOKUP, **{f"{name}.rq": queries.read(name) for name in ready}}
        timeout = f"{args.timeout:g}"
        port = 7931
        engines = {
            "kg serve": ([sys.executable, "-c", "from kg.cli import main; main()", "serve",
                          "--store", str(store), "--port", str(port), "--timeout", timeout,
                          "--max-rows", "0"], f"http://127.0.0.1:{port}/sparql"),
            "oxigraph serve-read-only": ([OXIGRAPH, "serve-read-only", "--location",
                                          str(store), "--bind", f"127.0.0.1:{port + 1}",
                                          "--union-default-graph", "--timeout-s", timeout],
                                         f"http://127.0.0.1:{port + 1}/query"),
        }
        results: dict[str, dict[str, object]] = {}
        for name, (command, url) in engines.items():
            if name.split()[0] not in args.engines:
                continue
            t0 = time.perf_counter()
            proc = start(command, url)
            print(f"{name}: answering after {time.perf_counter() - t0:.1f} s", flush=True)
            if name == "kg serve":  # its explorer's index is built at start: not meanwhile
                httpx.get(url.replace("/sparql", "/explore/api/search"), params={"q": "x"},
                          timeout=900)
                print(f"{name}: explorer index built after {time.perf_counter() - t0:.1f} s",
                      flush=True)
            try:
                results[name] = {
                    "latency": latency(url, mix, args.repeat),
                    "concurrent": [concurrent(url, n, max(5, args.repeat // 3))
                                   for n in (1, 5, 20)],
                }
                if not args.no_runaway:
                    results[name]["runaway"] = runaway(url, proc)
                print(json.dumps({name: results[name]}, indent=1), flush=True)
            finally:
                stop(proc)
        if not args.no_fork:
            results["kg query (fork per query), lookup"] = {
                "run_bounded": run_bounded_cost(store, args.repeat)}
    print(json.dumps(results, indent=1))
    print("load:", os.getloadavg())


if __name__ == "__main__":
    main()
