"""Re-run the fault probes of issue 7 through the real ``kg`` CLI; report held / NOT held.

What: issue 7 lists eight faults (items 1-8) found by probing kg at commit e3f3c09:
colliding article ids, ``kg build .`` ingesting its own output, truncated exports on
a full disk, SERVICE reaching any host, queries that never stop, one oversized input
aborting a batch, a handful of smaller ones (7a-7h) and build history changing the
graph. This script re-runs exactly those probes and prints one row per probe:
``probe | held/NOT held | reason`` and the totals.

Why: the issue's author re-runs "the same probes"; this makes them reproducible and
lets the old and the current code be compared side by side. It is a measuring
script (like the rest of ``benchmarks/``), not a test: it is slow (probe 6 parses a
1.1 MB text, ~3-4 minutes on current code) and probe 3 needs root to mount a tmpfs.

How: every probe runs in a fresh temporary folder and calls the CLI only as a
subprocess ``[sys.executable, "-m", "kg.cli", ...]`` in its own session, with a
timeout on every call (a hang is killed with its children and counts as NOT held).
The environment is inherited, so ``PYTHONPATH`` selects the checkout under probe;
the first line printed is the ``kg.__file__`` that the subprocesses import. Verdicts
use only observable behaviour: exit codes, stderr lines, absence of ``Traceback``,
store contents through ``kg articles``/``kg export``, and file bytes. A CLI option
or command the code lacks (``--timeout``, ``kg rebuild``) gives "option missing".

    python3 benchmarks/fault_probes.py                          # current checkout
    PYTHONPATH=/tmp/old python3 benchmarks/fault_probes.py      # e.g. a worktree of e3f3c09
    python3 benchmarks/fault_probes.py --quick                  # skip probe 6 (slow)
    python3 benchmarks/fault_probes.py --only 3,7c              # some probes only
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[1] / "examples/china-fentanyl-tariffs.txt"
BUILD_TIMEOUT = 300.0  # seconds; a build loads spaCy, so allow plenty
CARTESIAN = "SELECT * WHERE {?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l}"
ESCAPE = "\x1b]0;pwned\x07\x1b[31m"
HARGREAVES_A = (
    "Manchester United midfielder Hargreaves will miss the rest of the season, the club said "
    "on Friday. Hargreaves injured his knee in training, according to manager Alex Ferguson."
)
HARGREAVES_B = (
    "Oliver Hargreaves signed a new contract with United on Monday. Oliver Hargreaves said he "
    "was delighted to stay at the club."
)


@dataclass
class Run:
    """One finished (or killed) CLI call."""

    rc: int | None  # None: killed after the timeout
    out: str
    err: str
    seconds: float

    @property
    def traceback(self) -> bool:
        return "Traceback" in self.err or "Traceback" in self.out

    @property
    def lines(self) -> list[str]:
        """Non-empty stderr lines."""
        return [line for line in self.err.splitlines() if line.strip()]

    @property
    def option_missing(self) -> bool:
        return self.rc == 2 and ("No such option" in self.err or "No such command" in self.err)

    def brief(self) -> str:
        """rc and the last stderr line, for reasons."""
        last = self.lines[-1][:90] if self.lines else ""
        return f"rc={'killed' if self.rc is None else self.rc} {last!r}"


@dataclass
class Verdict:
    status: str  # "held", "NOT held" or "skipped"
    reason: str


def held(reason: str) -> Verdict:
    return Verdict("held", reason)


def not_held(reason: str) -> Verdict:
    return Verdict("NOT held", reason)


def kill_group(proc: subprocess.Popen[bytes], sig: int = signal.SIGKILL) -> None:
    """Signal the process and its children (it leads its own session)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, sig)


def run(argv: Sequence[str], cwd: Path, timeout: float = BUILD_TIMEOUT, stdin: bytes = b"",
        sigint_after: float | None = None, grace: float = 5.0) -> Run:
    """Run ``python -m <argv>`` in ``cwd``; kill the whole group after ``timeout``.

    With ``sigint_after`` the group gets SIGINT (as Ctrl-C in a terminal would) after
    that many seconds and is killed if still alive ``grace`` seconds later.
    """
    start = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", *argv], cwd=cwd,
                            stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)
    limit = timeout
    if sigint_after is not None:
        try:
            proc.wait(sigint_after)
        except subprocess.TimeoutExpired:
            kill_group(proc, signal.SIGINT)
        limit = grace
    try:
        out, err = proc.communicate(stdin or None, timeout=limit)
        rc: int | None = proc.returncode
    except subprocess.TimeoutExpired:
        kill_group(proc)
        out, err = proc.communicate()
        rc = None
    return Run(rc, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"),
               time.monotonic() - start)


def kg(cwd: Path, *args: str, timeout: float = BUILD_TIMEOUT, stdin: bytes = b"",
       sigint_after: float | None = None, grace: float = 5.0) -> Run:
    """Run ``kg ARGS`` (as ``python -m kg.cli``) in ``cwd``; see :func:`run`."""
    return run(["kg.cli", *args], cwd, timeout, stdin, sigint_after, grace)


def build(cwd: Path, *inputs: str, store: str = "store", out: str = "out",
          extra: Sequence[str] = ("--no-html", "--no-exports"),
          timeout: float = BUILD_TIMEOUT) -> Run:
    return kg(cwd, "build", *inputs, "--store", store, "--out", out, *extra, timeout=timeout)


def articles(cwd: Path, store: str = "store") -> list[dict[str, str]] | None:
    """The stored articles as csv rows, or None if ``kg articles`` fails."""
    result = kg(cwd, "articles", "--store", store, "--format", "csv", timeout=120)
    if result.rc != 0:
        return None
    return list(csv.DictReader(io.StringIO(result.out)))


def nquads(cwd: Path, store: str) -> str | None:
    result = kg(cwd, "export", "--store", store, "--format", "nquads", timeout=120)
    return result.out if result.rc == 0 else None


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, str):
        text = text.encode("utf-8")
    path.write_bytes(text)
    return path


def story(i: int) -> str:
    """A small distinct article."""
    return (f"Maria Lopez opened bakery number {i} in Madrid on Monday. "
            f"Lopez said the bakery would hire {i + 3} workers from Spain.\n")


_BASE: list[Path] = []


def example_store(work: Path) -> str:
    """A copy of a store built once from the example article; returns its name in ``work``."""
    if not _BASE:
        base = Path(tempfile.mkdtemp(prefix="kg-probe-base-"))
        result = build(base, str(EXAMPLE))
        if result.rc != 0:
            raise SystemExit(f"cannot build the example store: {result.brief()}")
        _BASE.append(base / "store")
    shutil.copytree(_BASE[0], work / "store")
    return "store"


# ---------------------------------------------------------------- probes


def probe_1(work: Path) -> Verdict:
    """Distinct ids/urls (path-like, CJK, Cyrillic) must stay distinct articles."""
    records: list[dict[str, str]] = [
        {"id": "../../etc/passwd"}, {"id": "etc/passwd"}, {"id": "新闻1"}, {"id": "体育1"},
        {"url": "https://ru.example/новости/1"}, {"url": "https://ru.example/спорт/1"}, {}, {},
    ]
    lines = [json.dumps({**r, "text": story(i)}, ensure_ascii=False) for i, r in enumerate(records)]
    write(work / "in.jsonl", "\n".join(lines) + "\n")
    result = build(work, "in.jsonl")
    stored = articles(work)
    n = len(stored) if stored is not None else 0
    ok = n == 8 and not result.traceback
    return (held if ok else not_held)(f"{n} of 8 articles stored; build {result.brief()}")


def probe_2(work: Path) -> Verdict:
    """``kg build .`` twice, default --out output inside the input folder."""
    write(work / "a.txt", story(1))
    runs = [kg(work, "build", "."), kg(work, "build", ".")]
    stored = articles(work, "output/store")
    n = len(stored) if stored is not None else 0
    ok = all(r.rc == 0 and not r.traceback for r in runs) and n == 1
    tb = " Traceback" if any(r.traceback for r in runs) else ""
    return (held if ok else not_held)(
        f"runs rc={[r.rc for r in runs]}{tb}; {n} article(s) stored (want 1)")


def probe_3(work: Path) -> Verdict:
    """Full disk (3 MB tmpfs) while writing exports: atomic outputs, 'disk full' named."""
    for i in range(1, 4):
        write(work / "in" / f"a{i}.txt", EXAMPLE.read_text(encoding="utf-8")
              .replace("China", f"China{i}").replace("tariffs", f"tariffs{i}"))
    older = build(work, "in/a1.txt", store="s0", out="o0", extra=("--no-html",))
    sized = build(work, "in", store="s1", out="o1", extra=("--no-html",))
    if older.rc != 0 or sized.rc != 0:
        return not_held(f"setup builds failed: {older.brief()} / {sized.brief()}")
    size = {n: (work / "o1" / n).stat().st_size for n in ("graph.ttl", "graph.trig", "graph.nq")}
    mnt = work / "mnt"
    mnt.mkdir()
    mount = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mnt)],
                           capture_output=True, timeout=30)
    if mount.returncode != 0:
        return Verdict("skipped", "skipped (needs root)")
    try:
        old_nq = (work / "o0/graph.nq").read_bytes()
        (mnt / "graph.nq").write_bytes(old_nq)
        # Room for graph.ttl and graph.trig but only half of graph.nq: an in-place
        # writer truncates the older graph.nq and then runs out of space mid-file.
        room = size["graph.ttl"] + size["graph.trig"] + size["graph.nq"] // 2
        vfs = os.statvfs(mnt)
        fill = vfs.f_bavail * vfs.f_frsize - room
        if fill <= 0:
            return not_held(f"setup: tmpfs too small for the plan (exports {size})")
        (mnt / "filler").write_bytes(b"\0" * fill)
        result = build(work, "in", store="s2", out=str(mnt), extra=("--no-html",))
        full = any("disk full" in line.lower() for line in result.lines)
        same = (mnt / "graph.nq").exists() and (mnt / "graph.nq").read_bytes() == old_nq
        finals = {"filler", "graph.nq", "graph.ttl", "graph.trig", "graph.jsonld", "lost+found"}
        extra = sorted(p.name for p in mnt.iterdir() if p.name not in finals)
    finally:
        subprocess.run(["umount", str(mnt)], capture_output=True, timeout=60)
    ok = result.rc == 1 and full and same and not extra and not result.traceback
    return (held if ok else not_held)(
        f"{result.brief()}; 'disk full' line: {full}; older graph.nq intact: {same}; "
        f"left over: {extra or 'none'}")


@contextlib.contextmanager
def silent_server() -> Iterator[tuple[int, list[socket.socket]]]:
    """A TCP server on 127.0.0.1 that accepts and never answers; yields (port, conns)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.settimeout(0.2)
    conns: list[socket.socket] = []
    stop = threading.Event()

    def loop() -> None:
        while not stop.is_set():
            with contextlib.suppress(TimeoutError, OSError):
                conns.append(server.accept()[0])

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    try:
        yield server.getsockname()[1], conns
    finally:
        stop.set()
        thread.join(2)
        for conn in conns:
            conn.close()
        server.close()


def probe_4(work: Path) -> Verdict:
    """SERVICE to a silent host: refused without connecting, promptly, one line."""
    store = example_store(work)
    with silent_server() as (port, conns):
        query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
        result = kg(work, "query", "--store", store, query, timeout=20)
        seen = len(conns)
    ok = (seen == 0 and result.rc == 1 and result.seconds < 15 and len(result.lines) == 1
          and not result.traceback)
    return (held if ok else not_held)(
        f"{seen} connection(s) to the silent host; {result.brief()} after "
        f"{result.seconds:.1f}s, {len(result.lines)} stderr line(s)")


def probe_5a(work: Path) -> Verdict:
    """``kg query --timeout 3`` on a 4-way cartesian product stops it."""
    store = example_store(work)
    result = kg(work, "query", "--store", store, "--timeout", "3", CARTESIAN, timeout=60)
    if result.option_missing:
        return not_held("option missing (--timeout)")
    timed_out = any("timed out" in line.lower() for line in result.lines)
    ok = result.rc == 1 and result.seconds < 30 and timed_out and not result.traceback
    return (held if ok else not_held)(f"{result.brief()} after {result.seconds:.1f}s")


def probe_5b(work: Path) -> Verdict:
    """Ctrl-C (SIGINT to the group) 1.5 s into the same query stops it; store intact."""
    store = example_store(work)
    result = kg(work, "query", "--store", store, CARTESIAN, sigint_after=1.5, grace=5.0)
    stopped = result.rc is not None and result.seconds < 1.5 + 5
    opens = articles(work, store) is not None
    ok = stopped and not result.traceback and opens
    tb = "Traceback; " if result.traceback else ""
    return (held if ok else not_held)(
        f"{'exited' if stopped else 'still running 5s after SIGINT (killed)'} "
        f"{result.brief()}; {tb}store opens afterwards: {opens}")


def probe_6(work: Path) -> Verdict:
    """One 1.1 MB text among three small articles: the small ones still build."""
    paragraphs = [p for p in EXAMPLE.read_text(encoding="utf-8").split("\n") if p.strip()]
    big: list[str] = []
    while sum(len(p) + 2 for p in big) < 1_100_000:
        big.extend(paragraphs)
    write(work / "in/big.txt", "\n\n".join(big) + "\n")
    for i in range(1, 4):
        write(work / "in" / f"small{i}.txt", story(i))
    result = build(work, "in", timeout=900)
    if result.rc is None:
        return not_held(f"build still running after 900 s (killed); {result.brief()}")
    sources = [Path(r["source"]).name for r in articles(work) or []]
    small = sum(f"small{i}.txt" in sources for i in range(1, 4))
    big_stored = "big.txt" in sources
    refused = [line for line in result.lines if "big.txt" in line]
    big_ok = big_stored or len(refused) == 1
    ok = not result.traceback and small == 3 and big_ok
    how = "stored" if big_stored else ("refused in one line" if refused else "missing, no error")
    tb = "Traceback; " if result.traceback else ""
    return (held if ok else not_held)(
        f"{tb}{small}/3 small stored; big {how}; {result.brief()} after {result.seconds:.0f}s")


def probe_7a(work: Path) -> Verdict:
    """Escape sequences in a title and file name are not printed raw by ``kg articles``."""
    # A long body: under 1% control characters, or kg takes the file for a binary.
    body = "".join(story(i) for i in range(12))
    write(work / f"in/evil{ESCAPE}.txt", f"Title: Breaking{ESCAPE} news\n\n{body}")
    result = build(work, "in")
    table = kg(work, "articles", "--store", "store", timeout=120)
    raw = "\x1b" in table.out or "\x07" in table.out
    stored = len(articles(work) or [])
    ok = result.rc == 0 and table.rc == 0 and stored == 1 and not raw
    return (held if ok else not_held)(
        f"build rc={result.rc}, {stored} stored, articles rc={table.rc}; "
        f"raw ESC/BEL in table: {raw}")


def probe_7b(work: Path) -> Verdict:
    """Malformed JSON Lines on stdin gives a per-line error, not a plain-text article."""
    result = kg(work, "build", "-", "--store", "store", "--out", "out", "--no-html",
                "--no-exports", stdin=b'{"text": "A."}\n{bad json\n')
    named = any("<stdin>:2" in line for line in result.lines)
    return (held if named and not result.traceback else not_held)(
        f"error names <stdin>:2: {named}; {result.brief()}")


def probe_7c(work: Path) -> Verdict:
    """``--out`` an existing file: exit 1 before the store (elsewhere) changes."""
    store = example_store(work)
    before = nquads(work, store)
    write(work / "afile", "not a folder\n")
    write(work / "b.txt", story(2))
    result = build(work, "b.txt", store=store, out="afile")
    unchanged = before is not None and nquads(work, store) == before
    ok = result.rc == 1 and unchanged and not result.traceback
    return (held if ok else not_held)(f"{result.brief()}; store unchanged: {unchanged}")


def probe_7d(work: Path) -> Verdict:
    """``kg query 'INSERT DATA ...'`` says updates are not supported."""
    store = example_store(work)
    result = kg(work, "query", "--store", store, "INSERT DATA { <a:b> <a:c> <a:d> }", timeout=120)
    said = "updates are not supported" in result.err.lower()
    return (held if said and result.rc != 0 else not_held)(result.brief())


def probe_7e(work: Path) -> Verdict:
    """``kg export --format gexf -o x.graphml`` refuses the mismatch, writes nothing."""
    store = example_store(work)
    (work / "o").mkdir()
    result = kg(work / "o", "export", "--store", f"../{store}", "--format", "gexf",
                "-o", "x.graphml", timeout=120)
    files = sorted(p.name for p in (work / "o").iterdir())
    ok = result.rc == 1 and not files
    return (held if ok else not_held)(f"{result.brief()}; files written: {files or 'none'}")


def probe_7f(work: Path) -> Verdict:
    """Export creates missing parent folders (gexf and nquads)."""
    store = example_store(work)
    targets = [("gexf", "newdir/sub/x.gexf"), ("nquads", "newdir2/sub/x.nq")]
    results = [kg(work, "export", "--store", store, "--format", fmt, "-o", out, timeout=120)
               for fmt, out in targets]
    exist = [(work / out).is_file() for _, out in targets]
    return (held if all(exist) else not_held)(
        f"files exist {exist}; rc={[r.rc for r in results]}")


def probe_7g(work: Path) -> Verdict:
    """A stray NUL byte in a text file: built, with a warning."""
    write(work / "nul.txt", story(1).replace("bakery number", "bakery\0 number", 1))
    result = build(work, "nul.txt")
    stored = len(articles(work) or [])
    warned = any(line.startswith("Warning:") for line in result.lines)
    ok = stored == 1 and warned and not result.traceback
    return (held if ok else not_held)(f"{stored} stored; Warning line: {warned}; {result.brief()}")


def probe_7h(work: Path) -> Verdict:
    """cp1252 bytes (invalid UTF-8): built, with a warning naming the file."""
    write(work / "cafe1252.txt", ("Caf\xe9 owners said prices rose. " + story(1)).encode("cp1252"))
    result = build(work, "cafe1252.txt")
    stored = len(articles(work) or [])
    warned = any(line.startswith("Warning:") and "cafe1252.txt" in line for line in result.lines)
    ok = stored == 1 and warned and not result.traceback
    return (held if ok else not_held)(
        f"{stored} stored; Warning naming the file: {warned}; {result.brief()}")


def probe_8(work: Path) -> Verdict:
    """Incremental build (b, a, folder) equals a clean build; else kg rebuild makes it so."""
    write(work / "F/a.txt", HARGREAVES_A + "\n")
    write(work / "F/b.txt", HARGREAVES_B + "\n")
    for inputs in ("F/b.txt", "F/a.txt", "F"):
        build(work, inputs, store="S1", out="o1")
    build(work, "F", store="S2", out="o2")
    s1, s2 = nquads(work, "S1"), nquads(work, "S2")
    if s1 is None or s2 is None:
        return not_held("a store could not be exported")
    same = s1 == s2
    diff = len(set(s1.splitlines()) ^ set(s2.splitlines()))
    build(work, "F/b.txt", store="S3", out="o3")
    build(work, "F/a.txt", store="S3", out="o3")
    rebuilt = kg(work, "rebuild", "--store", "S3", "--out", "o3", "--no-html", "--no-exports")
    if rebuilt.option_missing:
        rebuild_note, rebuild_ok = "kg rebuild: option missing", False
    else:
        rebuild_ok = rebuilt.rc == 0 and nquads(work, "S3") == s2
        rebuild_note = f"rebuilt b,a == clean: {rebuild_ok} (rc={rebuilt.rc})"
    inc = "incremental == clean" if same else f"incremental != clean ({diff} quads differ)"
    return (held if same or rebuild_ok else not_held)(f"{inc}; {rebuild_note}")


PROBES: dict[str, Callable[[Path], Verdict]] = {
    "1": probe_1, "2": probe_2, "3": probe_3, "4": probe_4, "5a": probe_5a, "5b": probe_5b,
    "6": probe_6, "7a": probe_7a, "7b": probe_7b, "7c": probe_7c, "7d": probe_7d,
    "7e": probe_7e, "7f": probe_7f, "7g": probe_7g, "7h": probe_7h, "8": probe_8,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip probe 6 (minutes)")
    parser.add_argument("--only", default="", help="comma-separated probe names, e.g. 3,7c")
    args = parser.parse_args(argv)
    names = [n for n in args.only.split(",") if n] or list(PROBES)
    if args.quick:
        names = [n for n in names if n != "6"]
    where = subprocess.run([sys.executable, "-c", "import kg; print(kg.__file__)"],
                           capture_output=True, text=True, cwd=tempfile.gettempdir(), timeout=60)
    commit = subprocess.run(["git", "-C", str(Path(where.stdout.strip()).parents[1]), "rev-parse",
                             "--short", "HEAD"], capture_output=True, text=True, timeout=30)
    print(f"kg under probe: {where.stdout.strip() or where.stderr.strip()} "
          f"(HEAD {commit.stdout.strip() or '?'})", flush=True)
    rows: list[tuple[str, Verdict]] = []
    for name in names:
        start = time.monotonic()
        with tempfile.TemporaryDirectory(prefix=f"kg-probe-{name}-") as tmp:
            try:
                verdict = PROBES[name](Path(tmp))
            except Exception as exc:  # a probe that cannot run is reported, not fatal
                verdict = not_held(f"probe crashed: {type(exc).__name__}: {exc}")
        rows.append((name, verdict))
        print(f"  {name}: {verdict.status} ({time.monotonic() - start:.0f}s)", flush=True)
    for base in _BASE:
        shutil.rmtree(base.parent, ignore_errors=True)
    print()
    print("| probe | result | reason |")
    print("|---|---|---|")
    for name, verdict in rows:
        reason = verdict.reason.replace("|", "\\|").replace("\n", " ")
        print(f"| {name} | {verdict.status} | {reason} |")
    counts = {s: sum(v.status == s for _, v in rows) for s in ("held", "NOT held", "skipped")}
    print(f"\nheld {counts['held']}, NOT held {counts['NOT held']}, skipped {counts['skipped']}"
          f" of {len(rows)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
