"""Exact output of the read commands on the example article, pinned byte for byte.

Issue 8, "Tests that pin behaviour", first bullet: the success paths of ``kg stats``,
``kg articles``, ``kg path``, ``kg communities`` and ``kg query --format table|csv|json``,
run through typer's CliRunner (as sqlite-utils pins each command) on a store built once
per module from examples/china-fentanyl-tariffs.txt. The expected texts were copied from
the output and read for sense; when an output changes on purpose, update them here.

The build runs from the repo root with the relative path, so ``kg articles`` prints
``examples/china-fentanyl-tariffs.txt`` (the source as given) and no tmp folder.
Outputs are compared as bytes decoded, not ``result.stdout``, which turns the CSV
line ends (CRLF, as SPARQL 1.1 CSV asks) into LF.
"""

# ruff: noqa: E501  (expected outputs are pinned verbatim; some rows run wider than 100)

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app

REPO = Path(__file__).resolve().parents[1]
QUERIES = REPO / "kg" / "queries"
EXAMPLE = "examples/china-fentanyl-tariffs.txt"

runner = CliRunner()


def _build(tmp_path_factory: pytest.TempPathFactory, *options: str) -> str:
    out = tmp_path_factory.mktemp("exact")
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(REPO)
        result = runner.invoke(
            app,
            ["build", EXAMPLE, "--out", str(out), "--quiet", "--no-html", "--no-exports",
             *options],
        )
    assert result.exit_code == 0, result.output
    assert result.output == ""
    return str(out / "store")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The default build (``--detail facts``: the statements of confidence >= 0.5)."""
    return _build(tmp_path_factory)


@pytest.fixture(scope="module")
def store_full(tmp_path_factory: pytest.TempPathFactory) -> str:
    """``--detail full``: every statement, what ``--min-confidence 0`` can draw."""
    return _build(tmp_path_factory, "--detail", "full")


def run(store: str, *args: str) -> str:
    """Stdout of a successful command (exit 0, nothing on stderr), line ends kept."""
    result = runner.invoke(app, [*args, "--store", store])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    return result.stdout_bytes.decode("utf-8")


# Sorted by type then name, so the row order does not depend on the store.
INLINE = (
    "SELECT DISTINCT ?type ?name WHERE { ?e a ?class ; rdfs:label ?name . "
    "VALUES ?class { kg:Country kg:Organization } "
    'BIND(STRAFTER(STR(?class), "#") AS ?type) } ORDER BY ?type ?name'
)

STATS = """\
Articles:        1
Statements:      42
Direct triples:  25
Relation types:  22
Edges:           26 (confidence >= 0.5)
Entity links:    4
Entities:        33
  Concept       20
  Country       3
  Group         3
  Organization  3
  Person        3
  Place         1
Top 10 entities by PageRank:
   1. 0.1421  United States (Country)
   2. 0.1409  China (Country)
   3. 0.0933  Donald Trump (Person)
   4. 0.0477  Beijing (Place)
   5. 0.0433  cooperation (Concept)
   6. 0.0423  Joe Biden (Person)
   7. 0.0423  former president (Concept)
   8. 0.0419  tariff (Concept)
   9. 0.0385  senior Chinese foreign ministry official (Person)
  10. 0.0359  White House (Organization)

"""

#: ``kg stats --min-confidence 0`` without its Edges line: the figures before the trusted
#: layer (every statement between two entities an edge).
OLD_STATS = """\
Articles:        1
Statements:      69
Direct triples:  38
Relation types:  32
Entity links:    4
Entities:        51
  Concept       38
  Country       3
  Group         3
  Organization  3
  Person        3
  Place         1
Top 10 entities by PageRank:
   1. 0.1059  China (Country)
   2. 0.0901  United States (Country)
   3. 0.0658  Donald Trump (Person)
   4. 0.0509  exporter (Concept)
   5. 0.0429  tariff (Concept)
   6. 0.0399  modification (Concept)
   7. 0.0374  cooperation (Concept)
   8. 0.0371  senior Chinese foreign ministry official (Person)
   9. 0.0299  Beijing (Place)
  10. 0.0288  chemical (Concept)

"""

#: ``kg articles`` runs kg/queries/articles.rq, so ``kg query -f`` of that file prints the same.
ARTICLES_TABLE = """\
id                     published   headline  source                               statements
---------------------  ----------  --------  -----------------------------------  ----------
sha1-7bffc7ee063cb3b6  2025-03-13            examples/china-fentanyl-tariffs.txt  42
(1 row)
"""

ARTICLES_CSV = """\
id,published,headline,source,statements\r
sha1-7bffc7ee063cb3b6,2025-03-13,,examples/china-fentanyl-tariffs.txt,42\r
"""

ARTICLES_JSON = """\
{
 "head": {
  "vars": [
   "id",
   "published",
   "headline",
   "source",
   "statements"
  ]
 },
 "results": {
  "bindings": [
   {
    "id": {
     "type": "literal",
     "value": "sha1-7bffc7ee063cb3b6"
    },
    "published": {
     "type": "literal",
     "value": "2025-03-13",
     "datatype": "http://www.w3.org/2001/XMLSchema#date"
    },
    "source": {
     "type": "literal",
     "value": "examples/china-fentanyl-tariffs.txt"
    },
    "statements": {
     "type": "literal",
     "value": "42",
     "datatype": "http://www.w3.org/2001/XMLSchema#integer"
    }
   }
  ]
 }
}
"""

#: The trusted layer (calibrated confidence >= 0.5, issue 9): groups of entities the
#: calibrated edges connect; the entities they leave unconnected come as groups of one.
COMMUNITIES = """\
  1. (7) American, Reuters, United States, kindness, lie, senior Chinese foreign ministry official, tie
  2. (6) China, Chinese, cooperation, export, pipeline, willingness
  3. (5) Beijing, Donald Trump, levy, opioid, tariff
  4. (2) White House, claim
  5. (2) Joe Biden, former president
  6. (1) excuse
  7. (1) hostility
  8. (1) import
  9. (1) ministry
 10. (1) substance
"""

#: ``--min-confidence 0``: every statement between two entities is an edge, as before
#: the trusted layer.
COMMUNITIES_ALL = """\
  1. (8) American, Reuters, United States, kindness, lie, reporter, senior Chinese foreign ministry official, tie
  2. (7) China, Chinese, dialogue, export, opioid, pipeline, willingness
  3. (5) chemical, exporter, fentanyl, precursor, tactic
  4. (5) Beijing, Donald Trump, levy, tariff, trade war
  5. (3) cartel, modification, product
  6. (2) White House, claim
  7. (2) cooperation, information sharing
  8. (2) Joe Biden, former president
  9. (1) abuse
 10. (1) briefing
"""

#: "Trump accused China of ..." is now "accuse" taking China (the charge its own argument).
PATH_TRUMP_CHINA = """\
Donald Trump —accuse→ China
"""

PATH_TRUMP_CHINA_ALL = """\
Donald Trump —accuse→ China
"""

#: The trivial possessive "his tariffs" (Trump --have--> tariff) is no longer an edge.
PATH_WHITE_HOUSE_TRUMP = """\
White House —stands for→ United States —lift→ tariff ←impose— Donald Trump
"""

PATH_BIDEN_CHINA = """\
Joe Biden and China are not connected
"""

QUERY_RELATIONS_TABLE = """\
subject                                   relation         object                                    statements
----------------------------------------  ---------------  ----------------------------------------  ----------
Beijing                                   impose           levy                                      1
China                                     constrict        pipeline                                  1
China                                     end              export                                    1
China                                     express          willingness                               1
China                                     help to improve  tie                                       1
China                                     place            opioid                                    1
China                                     restart          cooperation                               1
Donald Trump                              accuse           China                                     1
Donald Trump                              blackmail        Beijing                                   1
Donald Trump                              impose           tariff                                    1
Donald Trump                              increase         tariff                                    1
Donald Trump                              punish           Beijing                                   1
Donald Trump                              undermine        cooperation                               1
Donald Trump                              use              opioid                                    1
Joe Biden                                 be               former president                          1
Reuters                                   quote            senior Chinese foreign ministry official  1
United States                             help to improve  tie                                       1
United States                             lift             tariff                                    1
United States                             push             China                                     1
United States                             restart          cooperation                               1
United States                             return           kindness                                  1
United States                             smear            China                                     1
United States                             spread           lie                                       1
White House                               reject           claim                                     1
senior Chinese foreign ministry official  accuse           United States                             1
(25 rows)
"""

# The last sentence text keeps the paragraph break after it ("goods.\n\n"), so its
# CSV field is quoted and spans lines; pinned as it is today.
QUERY_QUANTITIES_CSV = """\
subject,relation,argument,value,unit,kind,bound,sentence\r
Mr Trump,increase,from the previous 10 per cent,10,percent,percent,,Mr Trump this month increased tariffs on all Chinese imports to 20 per cent from the previous 10 per cent to punish Beijing for what he says is its failure to halt shipments of chemicals used for the production of the deadly opioid.\r
Mr Trump,increase,to 20 per cent,20,percent,percent,,Mr Trump this month increased tariffs on all Chinese imports to 20 per cent from the previous 10 per cent to punish Beijing for what he says is its failure to halt shipments of chemicals used for the production of the deadly opioid.\r
Beijing,impose,up to 15 per cent levies,15,percent,percent,max,"Beijing responded by imposing up to 15 per cent levies on American agricultural goods.

"\r
"""

INLINE_TABLE = """\
type          name
------------  --------------
Country       China
Country       Taiwan
Country       United States
Organization  Bloomberg News
Organization  Reuters
Organization  White House
(6 rows)
"""

INLINE_CSV = """\
type,name\r
Country,China\r
Country,Taiwan\r
Country,United States\r
Organization,Bloomberg News\r
Organization,Reuters\r
Organization,White House\r
"""

INLINE_JSON = """\
{
 "head": {
  "vars": [
   "type",
   "name"
  ]
 },
 "results": {
  "bindings": [
   {
    "type": {
     "type": "literal",
     "value": "Country"
    },
    "name": {
     "type": "literal",
     "value": "China"
    }
   },
   {
    "type": {
     "type": "literal",
     "value": "Country"
    },
    "name": {
     "type": "literal",
     "value": "Taiwan"
    }
   },
   {
    "type": {
     "type": "literal",
     "value": "Country"
    },
    "name": {
     "type": "literal",
     "value": "United States"
    }
   },
   {
    "type": {
     "type": "literal",
     "value": "Organization"
    },
    "name": {
     "type": "literal",
     "value": "Bloomberg News"
    }
   },
   {
    "type": {
     "type": "literal",
     "value": "Organization"
    },
    "name": {
     "type": "literal",
     "value": "Reuters"
    }
   },
   {
    "type": {
     "type": "literal",
     "value": "Organization"
    },
    "name": {
     "type": "literal",
     "value": "White House"
    }
   }
  ]
 }
}
"""


def test_stats(store: str) -> None:
    # format_stats ends in a newline and echo adds one: the output ends in a blank line.
    assert run(store, "stats") == STATS


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [("table", ARTICLES_TABLE), ("csv", ARTICLES_CSV), ("json", ARTICLES_JSON)],
)
def test_articles(store: str, fmt: str, expected: str) -> None:
    assert run(store, "articles", "--format", fmt) == expected


def test_articles_default_format_is_table(store: str) -> None:
    assert run(store, "articles") == ARTICLES_TABLE


def test_communities(store: str) -> None:
    assert run(store, "communities") == COMMUNITIES


def test_communities_of_every_statement(store_full: str) -> None:
    assert run(store_full, "communities", "--min-confidence", "0") == COMMUNITIES_ALL


def test_path_through_every_statement(store_full: str) -> None:
    assert run(store_full, "path", "Donald Trump", "China", "--min-confidence", "0") == \
        PATH_TRUMP_CHINA_ALL


def test_stats_of_every_statement(store_full: str) -> None:
    out = run(store_full, "stats", "--min-confidence", "0")
    assert "Edges:           39 (confidence >= 0)" in out.splitlines()
    assert out.replace("Edges:           39 (confidence >= 0)\n", "") == OLD_STATS


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        ("Donald Trump", "China", PATH_TRUMP_CHINA),
        # Through the entity link White House -> United States, one step read backwards.
        ("White House", "Donald Trump", PATH_WHITE_HOUSE_TRUMP),
        ("Joe Biden", "China", PATH_BIDEN_CHINA),
    ],
)
def test_path(store: str, source: str, target: str, expected: str) -> None:
    assert run(store, "path", source, target) == expected


@pytest.mark.parametrize(
    ("name", "fmt", "expected"),
    [
        ("articles.rq", "table", ARTICLES_TABLE),
        ("articles.rq", "csv", ARTICLES_CSV),
        ("articles.rq", "json", ARTICLES_JSON),
        ("relations.rq", "table", QUERY_RELATIONS_TABLE),
        ("quantities.rq", "csv", QUERY_QUANTITIES_CSV),
    ],
)
def test_query_file(store: str, name: str, fmt: str, expected: str) -> None:
    assert run(store, "query", "-f", str(QUERIES / name), "--format", fmt) == expected


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [("table", INLINE_TABLE), ("csv", INLINE_CSV), ("json", INLINE_JSON)],
)
def test_query_inline(store: str, fmt: str, expected: str) -> None:
    assert run(store, "query", INLINE, "--format", fmt) == expected


def test_query_default_format_is_table(store: str) -> None:
    assert run(store, "query", INLINE) == INLINE_TABLE
