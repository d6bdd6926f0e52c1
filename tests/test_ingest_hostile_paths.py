"""Hostile paths and sizes: FIFOs and devices are refused, symlinks out of a walked
folder are not followed, oversized inputs are refused unread, a file changed between
the two input passes is not built unchecked, and a build with nothing to build leaves
no store behind."""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

import kg.pipeline as pipeline
import kg.plan as planning
from kg.cli import app
from kg.errors import InputError, InputWarning, ModelError
from kg.ingest import iter_articles
from kg.model import Article
from kg.nlp import resolve_model_name

TEXT = "Angela Merkel met Joe Biden in Berlin on Monday.\n"


def articles(items: list) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def test_fifo_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    (item,) = list(iter_articles([fifo]))
    assert str(item) == (
        f"not a regular file ({fifo}); pass files or folders, or pipe data into - "
        "(kg build - < FILE)"
    )


def test_device_is_refused(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("making a device node needs root")
    zero = tmp_path / "zero"
    os.mknod(zero, 0o666 | stat.S_IFCHR, os.makedev(1, 5))
    (item,) = list(iter_articles([zero]))
    assert isinstance(item, InputError) and str(item).startswith("not a regular file (")


def test_walk_skips_fifos_and_symlinks_out_of_the_folder(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:secret")
    src = tmp_path / "src"
    (src / "sub").mkdir(parents=True)
    (src / "real.txt").write_text(TEXT)
    (src / "sub" / "inside.txt").write_text(TEXT.replace("Monday", "Friday"))
    (src / "shadow.txt").symlink_to(secret)
    (src / "alias.txt").symlink_to(src / "sub" / "inside.txt")
    os.mkfifo(src / "pipe.txt")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "far.txt").write_text(TEXT)
    (src / "linked").symlink_to(tmp_path / "elsewhere")
    (src / "again").symlink_to(src / "sub")  # walked as sub/: no warning
    items = list(iter_articles([src]))
    found = articles(items)
    assert sorted(Path(a.source or "").name for a in found) == [
        "alias.txt", "inside.txt", "real.txt"
    ]
    assert not any("secret" in a.text for a in found)
    # the link out is refused, but named: a folder of links into an archive must not
    # lose its articles silently
    assert [str(i) for i in items if isinstance(i, InputWarning)] == [
        f"symlink skipped ({src / 'linked'} -> {(tmp_path / 'elsewhere').resolve()}): kg "
        "does not follow linked folders; pass its target as an input to build it",
        f"symlink skipped ({src / 'shadow.txt'} -> {secret.resolve()}): it leads out of "
        f"the folder {src}; pass its target as an input to build it",
    ]


def test_oversized_text_file_is_refused_unread(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:  # sparse: 3 GB that takes no disk
        handle.truncate(3 << 30)
    (item,) = list(iter_articles([big], max_bytes=1 << 20))
    assert str(item) == (
        f"input too large ({big}: 3,221,225,472 bytes); split it, or raise --max-chars"
    )


def test_oversized_stdin_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.ingest

    monkeypatch.setattr(kg.ingest, "STDIN_MAX_BYTES", 100)
    (item,) = list(iter_articles(["-"], stdin=io.BytesIO(b"x" * 500)))
    assert str(item).startswith("standard input too large (<stdin>: over 100 bytes); ")


def test_input_changed_between_passes_is_not_built_unchecked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "news.jsonl"
    data.write_text('{"id": "a", "text": "Rain fell in Paris."}\n'
                    '{"id": "b", "text": "Snow fell in Oslo."}\n')
    monkeypatch.setattr(planning, "PLAN_CACHE_CHARS", 1)  # force a second read
    real_plan = planning.plan_inputs

    def plan_then_change(*args, **kwargs):  # the file changes after the plan pass
        result = real_plan(*args, **kwargs)
        data.write_text('{"id": "a", "text": "Rain fell in Paris."}\n'
                        '{"id": "a", "text": "' + "Hail fell in Rome. " * 200 + '"}\n')
        return result

    monkeypatch.setattr(planning, "plan_inputs", plan_then_change)
    report = pipeline.build([data], out=tmp_path / "out", render=False, exports=False,
                            max_chars=1000)
    assert report.articles == ["a"]
    assert [str(e) for e in report.errors] == [
        f"input changed while building ({data}:2); run the build again"
    ]


def test_build_with_nothing_to_build_creates_no_store(tmp_path: Path) -> None:
    (tmp_path / "graph.ttl").write_text("<a:b> <a:c> <a:d> .\n")
    result = CliRunner().invoke(
        app, ["build", str(tmp_path / "graph.ttl"), "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: not an article (")
    assert not (tmp_path / "out").exists()


def test_a_package_that_is_not_a_spacy_pipeline_is_refused() -> None:
    with pytest.raises(ModelError, match=r"spaCy pipeline not installed \(numpy\)"):
        resolve_model_name("numpy")


@pytest.mark.parametrize("dump", [
    "@prefix kg: <https://w3id.org/kg/ontology#> .\n<a:b> <a:c> <a:d> .\n",
    "PREFIX kg: <https://w3id.org/kg/ontology#>\n",
    '<https://w3id.org/kg/id/a> <https://w3id.org/kg/p> "x" <https://w3id.org/g> .\n',
    '[\n {\n  "@id": "https://w3id.org/kg/id/a",\n  "@graph": []\n }\n]\n',
])
def test_an_export_saved_as_text_is_not_an_article(tmp_path: Path, dump: str) -> None:
    path = tmp_path / "dump.txt"
    path.write_text(dump)
    (item,) = list(iter_articles([path]))
    assert isinstance(item, InputError) and str(item).startswith(
        f"not an article ({path}): RDF data (an export?); "
    )


@pytest.mark.parametrize("prose", [
    "Prefix the word with care, the editor said.\n",
    "Base rates rose on Monday.\n",
    "The <b> tag was left in the text.\n",
])
def test_prose_that_starts_like_rdf_is_still_an_article(tmp_path: Path, prose: str) -> None:
    path = tmp_path / "a.txt"
    path.write_text(prose)
    assert len(articles(list(iter_articles([path])))) == 1
