"""kg.render without a browser: offline references, escaping, CSP, determinism."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rdflib import Dataset
from views_fixtures import (
    BEIJING,
    CHINA,
    MEXICO,
    TRUMP,
    XSS_ALIAS,
    XSS_SENTENCE,
    build_dataset,
    build_store,
    to_store,
)

from kg.render import LAYOUT_SEED, LINK_STYLE, PALETTE, render_html


class Page(HTMLParser):
    """Collects what the offline checks look at: tags, URL attributes, inline code."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.urls: list[str] = []
        self.styles: list[str] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._open: tuple[str, dict[str, str | None]] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        for name in ("src", "href", "action", "poster", "data", "srcset"):
            if attributes.get(name):
                self.urls.append(attributes[name] or "")
        if attributes.get("style"):
            self.styles.append(attributes["style"] or "")
        if tag in ("script", "style"):
            self._open, self._text = (tag, attributes), []

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._open is not None and tag == self._open[0]:
            text = "".join(self._text)
            if tag == "style":
                self.styles.append(text)
            else:
                self.scripts.append((self._open[1], text))
            self._open = None


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> str:
    out = render_html(build_store(), tmp_path_factory.mktemp("view") / "sub" / "graph.html")
    return out.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def page(html: str) -> Page:
    return parse(html)


def data_of(page: Page) -> dict:
    blocks = [text for attrs, text in page.scripts if attrs.get("id") == "kg-data"]
    assert len(blocks) == 1
    return json.loads(blocks[0])


def test_references_no_outside_host(page: Page) -> None:
    assert all(url.startswith(("data:", "#")) for url in page.urls), page.urls
    for css in page.styles:
        assert "@import" not in css
        for target in re.findall(r"url\(\s*['\"]?([^'\")\s]*)", css):
            assert target.startswith("data:"), target
    assert not [tag for tag, _ in page.tags if tag in ("link", "iframe", "object", "embed")]
    assert not [attrs for tag, attrs in page.tags if tag == "script" and "src" in attrs]


def test_csp_forbids_network_and_allows_only_the_page_scripts(page: Page) -> None:
    csp = next(a["content"] for t, a in page.tags
               if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert csp is not None and "default-src 'none'" in csp
    assert "connect-src" not in csp and "unsafe-eval" not in csp
    allowed = set(re.findall(r"'sha256-([^']+)'", csp))
    code = [text for attrs, text in page.scripts if attrs.get("type") != "application/json"]
    assert len(code) == 2
    hashes = {base64.b64encode(hashlib.sha256(c.encode()).digest()).decode() for c in code}
    assert hashes == allowed


def test_same_store_gives_byte_identical_html(tmp_path: Path) -> None:
    first = render_html(build_store(), tmp_path / "a.html").read_bytes()
    second = render_html(build_store(), tmp_path / "b.html").read_bytes()
    oxigraph = render_html(to_store(build_dataset(Dataset(store="Oxigraph"))), tmp_path / "c.html")
    assert first == second == oxigraph.read_bytes()


def test_article_text_never_appears_as_markup(html: str, page: Page) -> None:
    assert "<script>window" not in html
    assert XSS_ALIAS not in html and "<img src=x" not in html
    assert not [t for t, _ in page.tags if t == "img"]
    assert not any(attrs.get("onerror") for _, attrs in page.tags)
    # headline with <b> stays inert inside the JSON data
    assert "<b>trade</b>" not in html


def test_payloads_reach_the_data_as_plain_text(page: Page) -> None:
    data = data_of(page)
    quotes = [q for e in data["edges"] for q in e["tip"].get("quotes", [])]
    assert XSS_SENTENCE in quotes
    china = next(n for n in data["nodes"] if n["id"] == str(CHINA))
    assert XSS_ALIAS in china["kgNames"]


def test_nodes_coloured_by_type_and_sized_by_pagerank(page: Page) -> None:
    data = data_of(page)
    by_id = {n["id"]: n for n in data["nodes"]}
    assert len(by_id) == 7 and len(data["edges"]) == 6
    trump = by_id[str(TRUMP)]
    assert trump["color"] == PALETTE["Person"] and trump["kgType"] == "Person"
    assert trump["value"] > by_id[str(CHINA)]["value"] > 0
    assert trump["tip"]["title"] == "Donald Trump"
    assert ["Also called", "Mr Trump, Trump"] in trump["tip"]["rows"]
    negated = [e for e in data["edges"] if e["dashes"] is True]
    assert [e["label"] for e in negated] == ["not approve"]


def test_links_are_thin_dotted_grey_edges(page: Page) -> None:
    links = [e for e in data_of(page)["edges"] if e["kgKind"] == "link"]
    assert [(e["from"], e["to"], e["label"]) for e in links] == [
        (str(BEIJING), str(CHINA), "stands for")
    ]
    link = links[0]
    assert isinstance(link["dashes"], list) and link["width"] == 1
    assert link["color"]["color"] == LINK_STYLE["color"]["color"]
    assert link["tip"]["title"] == "Beijing — stands for → China"
    assert {e["kgKind"] for e in data_of(page)["edges"]} == {"link", "relation"}


def test_unconnected_entities_hidden_by_default_and_legend_counts_what_shows(
    html: str, page: Page
) -> None:
    box = next(a for t, a in page.tags if t == "input" and a.get("id") == "kg-hide-isolated")
    assert "checked" in box
    counts = {a["data-count"]: a["data-total"] for t, a in page.tags if "data-count" in a}
    assert counts == {"Person": "2", "Organization": "1", "Country": "2", "Place": "1",
                      "Concept": "1"}
    # Mexico is the only entity in no statement and no link: Country shows "1 of 2"
    assert 'data-total="2">1 of 2</span>' in html
    assert 'data-total="1">1</span>' in html
    assert "7 entities, 5 relations, 1 link from 2 articles" in html
    physics = {n["id"]: n["physics"] for n in data_of(page)["nodes"]}
    assert [n for n, laid_out in physics.items() if not laid_out] == [str(MEXICO)]


def test_tooltips_name_articles_by_headline_else_file_name_with_date(tmp_path: Path) -> None:
    from rdflib import Literal
    from views_fixtures import A1, A2, ART

    from kg.rdf.vocab import DCTERMS, SCHEMA, XSD

    ds = build_dataset()
    ds.graph(ART[A2]).remove((ART[A2], SCHEMA.headline, None))
    ds.graph(ART[A2]).add((ART[A2], DCTERMS.source, Literal("news/fentanyl.txt")))
    ds.graph(ART[A1]).add((ART[A1], SCHEMA.datePublished, Literal("2025-03-04",
                                                                  datatype=XSD.date)))
    page = render_html(to_store(ds), tmp_path / "n.html").read_text(encoding="utf-8")
    data = data_of(parse(page))
    trump = next(n for n in data["nodes"] if n["id"] == str(TRUMP))
    assert ["Articles", "fentanyl.txt; Trump raises tariffs on China (2025-03-04)"] in trump[
        "tip"]["rows"]


def test_layout_is_seeded_and_physics_stabilises(page: Page) -> None:
    options = data_of(page)["options"]
    assert options["layout"]["randomSeed"] == LAYOUT_SEED
    assert options["physics"]["stabilization"]["enabled"] is True


def test_legend_lists_present_types_in_fixed_order(page: Page) -> None:
    legend = [a["data-type"] for t, a in page.tags if t == "input" and "data-type" in a]
    assert legend == ["Person", "Organization", "Country", "Place", "Concept"]


def test_title_is_escaped(tmp_path: Path) -> None:
    html = render_html(build_store(), tmp_path / "t.html",
                       title='<i>kg</i> & "news"').read_text(encoding="utf-8")
    assert "<title>&lt;i&gt;kg&lt;/i&gt; &amp; &#34;news&#34;</title>" in html
    assert "<i>kg</i>" not in html


def test_empty_store_renders_a_page_that_says_so(tmp_path: Path) -> None:
    html = render_html(to_store(Dataset()), tmp_path / "empty.html").read_text(encoding="utf-8")
    page = parse(html)
    assert data_of(page)["nodes"] == []
    assert "The store holds no entities yet" in html


def test_parallel_edges_fan_out_and_long_labels_are_shortened(tmp_path: Path) -> None:
    from rdflib import Literal
    from rdflib.namespace import RDFS
    from views_fixtures import A2, ART, IMPOSE, MEET

    ds = build_dataset()
    g = ds.graph(ART[A2])
    g.add((TRUMP, IMPOSE, CHINA))
    g.add((CHINA, MEET, TRUMP))
    for graph in ds.graphs():
        graph.remove((CHINA, RDFS.label, None))
    g.add((CHINA, RDFS.label, Literal("People's Republic of China " * 3)))
    html = render_html(to_store(ds), tmp_path / "p.html").read_text(encoding="utf-8")
    data = data_of(parse(html))
    pair = {str(TRUMP), str(CHINA)}
    fans = [e for e in data["edges"] if {e["from"], e["to"]} == pair]
    assert len(fans) == 3
    # same side and roundness for two edges would draw them on top of each other
    geometry = set()
    for e in fans:
        side = e["smooth"]["type"]
        if e["from"] != min(pair):  # the same curve type bends the other way back
            side = {"curvedCW": "curvedCCW", "curvedCCW": "curvedCW"}[side]
        geometry.add((side, e["smooth"]["roundness"]))
    assert len(geometry) == 3
    assert sorted(e["label"] for e in fans) == ["accuse of", "impose", "meet"]
    china = next(n for n in data["nodes"] if n["id"] == str(CHINA))
    assert len(china["label"]) <= 40 and china["label"].endswith("…")
    assert china["tip"]["title"].startswith("People's Republic of China People's")
