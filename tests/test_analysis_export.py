"""kg.analysis.write_graph: the entity graph as GEXF or GraphML, readable back."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from views_fixtures import APPROVE, INCREASE, TARIFF, TRUMP, WTO, build_store

from kg.analysis import LIST_SEPARATOR, NEGATED_SUFFIX, entity_graph, write_graph
from kg.errors import FormatError


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return entity_graph(build_store())


@pytest.mark.parametrize(
    ("name", "reader"), [("g.gexf", nx.read_gexf), ("g.GraphML", nx.read_graphml)]
)
def test_written_file_reads_back_with_attributes(graph, tmp_path: Path, name, reader) -> None:
    path = write_graph(graph, tmp_path / name)
    assert path == tmp_path / name
    back = reader(path)
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()
    trump = back.nodes[str(TRUMP)]
    assert trump["type"] == "Person"
    assert int(trump["mentions"]) == 4
    assert trump["aliases"] == LIST_SEPARATOR.join(["Mr Trump", "Trump"])
    edges = {(u, v, d["relation"], str(d["negated"]).lower()): d
             for u, v, d in back.edges(data=True)}
    increase = edges[(str(TRUMP), str(TARIFF), str(INCREASE), "false")]
    assert increase["label"] == "increase"
    assert int(increase["statements"]) == 2
    assert "Donald Trump increased tariffs" in increase["sentences"]
    assert LIST_SEPARATOR in increase["sentences"]
    assert (str(WTO), str(TARIFF), str(APPROVE), "true") in edges


def test_graphml_keeps_edge_keys(graph, tmp_path: Path) -> None:
    back = nx.read_graphml(write_graph(graph, tmp_path / "g.graphml"), force_multigraph=True)
    keys = {k for _, _, k in back.edges(keys=True)}
    assert str(APPROVE) + NEGATED_SUFFIX in keys


def test_text_with_markup_survives_as_text(graph, tmp_path: Path) -> None:
    back = nx.read_gexf(write_graph(graph, tmp_path / "g.gexf"))
    sentences = " ".join(d["sentences"] for _, _, d in back.edges(data=True))
    assert "<script>window.__xss = 1</script>" in sentences


def test_unknown_extension_is_a_user_error(graph, tmp_path: Path) -> None:
    with pytest.raises(FormatError) as err:
        write_graph(graph, tmp_path / "graph.dot")
    assert str(err.value) == "unknown graph file extension (graph.dot); use .gexf or .graphml"
    assert not (tmp_path / "graph.dot").exists()


def test_graph_itself_is_not_changed(graph, tmp_path: Path) -> None:
    write_graph(graph, tmp_path / "g.gexf")
    assert graph.nodes[str(TRUMP)]["aliases"] == ["Mr Trump", "Trump"]
