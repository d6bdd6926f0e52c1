"""kg never ingests its own output (issue 7, item 2).

``kg build .`` with the default ``--out output`` inside the input folder used to read
the store's RocksDB files (LOG, OPTIONS-…, CURRENT) and then ``output/graph.*`` as
articles. Folder walks now skip stores, RDF and graph files and kg's graph pages (and
whatever the caller passes as ``exclude``); naming such a file is an error.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import KG_PAGE_MARKER, iter_articles
from kg.model import Article
from kg.rdf.store import Store

STORY = "Rain fell on Tuesday in the north of the country.\n\nRivers rose, officials said.\n"
GRAPH_FILES = ("graph.ttl", "graph.trig", "graph.nq", "graph.nt", "graph.jsonld",
               "graph.gexf", "graph.graphml", "top.rq")
KG_PAGE = (
    '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
    + KG_PAGE_MARKER.decode() + '0.1.0">\n<title>Knowledge graph</title>\n</head>\n'
    "<body><p>" + "The graph shows who said what about whom. " * 20 + "</p></body></html>\n"
)


def _tree(root: Path) -> Path:
    """A project folder: one article, a real store and exports under output/."""
    (root / "news").mkdir(parents=True)
    (root / "news" / "story.txt").write_text(STORY)
    out = root / "output"
    with Store.open(out / "store"):
        pass
    for name in GRAPH_FILES:
        (out / name).write_text("<https://e.org/s> <https://e.org/p> 'Rain fell on Tuesday.' .\n")
    (out / "graph.html").write_text(KG_PAGE)
    return out


def _sources(items: list[Article | InputError]) -> list[str]:
    assert all(isinstance(i, Article) for i in items), [str(i) for i in items]
    return [Path(i.source).name for i in items if isinstance(i, Article)]


def test_store_really_has_rocksdb_files(tmp_path: Path) -> None:
    out = _tree(tmp_path)
    names = {p.name for p in (out / "store").iterdir()}
    assert {"CURRENT", "IDENTITY", "LOG"} <= names
    assert any(n.startswith("OPTIONS-") for n in names)


def test_walk_skips_store_and_exports_without_exclude(tmp_path: Path) -> None:
    _tree(tmp_path)
    assert _sources(list(iter_articles([tmp_path]))) == ["story.txt"]


def test_walk_skips_excluded_folder_entirely(tmp_path: Path) -> None:
    out = _tree(tmp_path)
    (out / "notes.txt").write_text(STORY)  # would be an article, but it is in the output
    assert _sources(list(iter_articles([tmp_path], exclude=[out, out / "store"]))) == [
        "story.txt"
    ]
    relative = Path("output")  # any spelling of the same folder matches
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(tmp_path)
        assert _sources(list(iter_articles(["."], exclude=[relative]))) == ["story.txt"]


def test_excluded_store_elsewhere(tmp_path: Path) -> None:
    """A store with another name (``--store``) beside the articles is skipped too."""
    (tmp_path / "story.txt").write_text(STORY)
    with Store.open(tmp_path / "db"):
        pass
    assert _sources(list(iter_articles([tmp_path], exclude=[tmp_path / "db"]))) == [
        "story.txt"
    ]


def test_plain_html_article_still_read(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(
        "<html><head><title>Rain</title></head><body><article><p>" + STORY
        + "</p></article></body></html>"
    )
    assert _sources(list(iter_articles([tmp_path]))) == ["page.html"]


@pytest.mark.parametrize("name", GRAPH_FILES)
def test_named_rdf_file_is_an_error(tmp_path: Path, name: str) -> None:
    out = _tree(tmp_path)
    [error] = iter_articles([out / name])
    assert str(error) == (
        f"not an article ({out / name}): an RDF file; query it with kg query --store {out / name}"
    )


def test_named_kg_page_is_an_error(tmp_path: Path) -> None:
    out = _tree(tmp_path)
    [error] = iter_articles([out / "graph.html"])
    assert isinstance(error, InputError)
    assert str(error).startswith(f"not an article ({out / 'graph.html'}): a graph page")


def test_named_store_or_store_file_is_an_error(tmp_path: Path) -> None:
    store = _tree(tmp_path) / "store"
    [folder] = iter_articles([store])
    [file] = iter_articles([store / "LOG"])
    assert str(folder) == (
        f"not an article ({store}): an RDF store; query it with kg query --store {store}"
    )
    assert str(file).startswith(f"not an article ({store / 'LOG'}): part of an RDF store; ")


def test_named_excluded_input_is_an_error(tmp_path: Path) -> None:
    out = _tree(tmp_path)
    (out / "notes.txt").write_text(STORY)
    for item in (out, out / "notes.txt"):
        [error] = iter_articles([item], exclude=[out])
        assert isinstance(error, InputError)
        assert str(error).startswith(f"not an article ({item}): kg's own output")


def test_batch_goes_on_after_refused_input(tmp_path: Path) -> None:
    out = _tree(tmp_path)
    items = list(iter_articles([out / "graph.ttl", tmp_path / "news"]))
    assert isinstance(items[0], InputError) and isinstance(items[1], Article)
