"""Benchmark of the views at scale: kg render and the served explorer.

For each size (entities; relations = 2.5 x entities, ten statements per article):
builds a synthetic store (benchmarks/synthetic_store.py, kept in --stores for reuse),
then measures in a fresh process ``kg render`` time and peak RSS, the file size, and
headless Chromium's time to interactive (network cut: load until the page marks its
first painted frame, ``data-stable``). On the largest store it also measures the
served explorer's search and 1-hop / 2-hop neighbourhood latencies (p50/p95 through
a real ``kg serve`` on 127.0.0.1 and an httpx client, after the name index is built).

    PYTHONPATH=$PWD python3 benchmarks/views.py --sizes 1000 5000 20000 50000 --stores /tmp/kg-bench

Prints one Markdown table row per size (medians of ``--repeat`` runs), then the served
figures (unless ``--no-served``). ``--served STORE``
measures only the served explorer, on an existing store (e.g. one of 5M quads made
with ``benchmarks/synthetic_store.py --entities 80000 --relations 200000``).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

RENDER = """
import json, resource, sys, time
import pyoxigraph as ox
from kg.render import render_html
began = time.perf_counter()
out = render_html(ox.Store.read_only(sys.argv[1]), sys.argv[2])
print(json.dumps({"seconds": time.perf_counter() - began,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def store_for(folder: Path, entities: int) -> Path:
    from synthetic_store import build

    path = folder / f"e{entities}"
    if not path.exists():
        began = time.perf_counter()
        store = build(path, entities, int(entities * 2.5))
        print(f"# store e{entities}: {len(store)} quads, {time.perf_counter() - began:.0f} s",
              flush=True)
        del store
    return path


def time_to_interactive(page_path: Path) -> float:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"),
                                    args=["--headless", "--no-sandbox"])
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        outside: list[str] = []

        def route(r: object) -> None:
            url = r.request.url  # type: ignore[attr-defined]
            if url.startswith(("file:", "data:")):
                r.continue_()  # type: ignore[attr-defined]
            else:
                outside.append(url)
                r.abort()  # type: ignore[attr-defined]

        page.route("**/*", route)
        began = time.perf_counter()
        page.goto(page_path.as_uri(), timeout=300_000)
        page.wait_for_function("() => document.body.getAttribute('data-stable') === 'true'",
                               timeout=300_000)
        elapsed = time.perf_counter() - began
        browser.close()
        assert not outside, outside
        return elapsed


def percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return f"p50 {statistics.median(ordered) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms"


def served(path: Path, n: int = 100, port: int = 7941) -> None:
    """The served explorer through a real ``kg serve`` on 127.0.0.1 (httpx client):
    the name index at start, the overview, then p50/p95 of ``n`` searches (random 1-3
    syllable substrings) and of 1-hop / 2-hop neighbourhoods of ``n`` entities: the 10
    in the most articles (hubs) and ``n - 10`` drawn at random from every entity."""
    import os

    import httpx

    repo = HERE.parent
    env = dict(os.environ, PYTHONPATH=str(repo))
    began = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", "from kg.cli import main; main()", "serve",
                             "--store", str(path), "--port", str(port), "--max-rows", "0",
                             "--timeout", "300"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        client = httpx.Client(base_url=base, timeout=600)
        while True:
            try:
                client.get("/")
                break
            except httpx.TransportError:
                time.sleep(0.2)
        print(f"- server answering: {time.perf_counter() - began:.1f} s", flush=True)
        client.get("/explore/api/search", params={"q": "x"})
        print(f"- name index ready (search answers): {time.perf_counter() - began:.1f} s",
              flush=True)
        t = time.perf_counter()
        client.get("/explore/api/overview")
        print(f"- overview (first call): {time.perf_counter() - t:.1f} s", flush=True)
        rng = random.Random(3)
        from synthetic_store import SYLLABLES

        queries = ["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3)))
                   for _ in range(n)]
        timings = []
        sizes = []
        for q in queries:
            t = time.perf_counter()
            r = client.get("/explore/api/search", params={"q": q})
            timings.append(time.perf_counter() - t)
            sizes.append(len(r.content))
        print(f"- search ({n} queries): {percentiles(timings)}; "
              f"median answer {statistics.median(sizes) / 1e3:.1f} kB", flush=True)
        every = [row["e"]["value"] for row in client.post(
            "/sparql", data={"query": "SELECT DISTINCT ?e WHERE { GRAPH ?g { ?a kg:entity ?e } }"},
            headers={"Accept": "application/sparql-results+json"}).json()["results"]["bindings"]]
        overview = client.get("/explore/api/overview").json()["nodes"]
        hubs = [i for _, i in sorted(zip(overview["rank"], overview["id"], strict=True))][:10]
        ids = hubs + rng.sample(sorted(set(every) - set(hubs)), n - len(hubs))
        for hops in (1, 2):
            timings, sizes, hub_times = [], [], []
            for iri in ids:
                t = time.perf_counter()
                r = client.get("/explore/api/node", params={"id": iri, "hops": hops})
                timings.append(time.perf_counter() - t)
                sizes.append(len(r.content))
                if iri in hubs:
                    hub_times.append(timings[-1])
                assert r.status_code == 200, (iri, r.status_code, r.text[:200])
            print(f"- {hops}-hop neighbourhood ({len(ids)} entities, 10 hubs): "
                  f"{percentiles(timings)}; hubs max {max(hub_times) * 1000:.0f} ms; "
                  f"answer median {statistics.median(sizes) / 1e3:.1f} kB, "
                  f"max {max(sizes) / 1e3:.0f} kB", flush=True)
        print(f"- load average: {os.getloadavg()}")
    finally:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000, 50000])
    parser.add_argument("--stores", type=Path, default=Path("/tmp/kg-bench"))
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--no-served", action="store_true",
                        help="skip the served explorer's latencies after the renders")
    parser.add_argument("--repeat", type=int, default=1,
                        help="renders and page loads per size; the medians are printed")
    parser.add_argument("--served", type=Path, metavar="STORE",
                        help="only measure the served explorer on this existing store")
    args = parser.parse_args()
    if args.served is not None:
        served(args.served)
        return 0
    args.stores.mkdir(parents=True, exist_ok=True)
    print("| entities | relations | page | render s | render peak RSS MB | file MB "
          "| Chromium TTI s |")
    print("|---|---|---|---|---|---|---|")
    path = None
    for size in args.sizes:
        path = store_for(args.stores, size)
        out = args.stores / f"e{size}.html"
        runs = []
        for _ in range(max(1, args.repeat)):
            done = subprocess.run([sys.executable, "-c", RENDER, str(path), str(out)],
                                  capture_output=True, text=True, check=True)
            runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
        seconds = statistics.median(r["seconds"] for r in runs)
        rss = statistics.median(r["rss_mb"] for r in runs)
        tti = "-" if args.no_browser else "{:.1f}".format(statistics.median(
            time_to_interactive(out) for _ in range(max(1, args.repeat))))
        kind = "explorer" if 'data-mode="static"' in out.read_text("utf-8") else "vis-network"
        print(f"| {size} | {int(size * 2.5)} | {kind} | {seconds:.1f} | "
              f"{rss:.0f} | {out.stat().st_size / 1e6:.1f} | {tti} |", flush=True)
        if args.repeat > 1:
            print(f"<!-- e{size} runs: "
                  + ", ".join(f"{r['seconds']:.1f} s / {r['rss_mb']:.0f} MB" for r in runs)
                  + " -->", flush=True)
    if path is not None and not args.no_served:
        served(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
