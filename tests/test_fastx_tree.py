"""kg.extract.tree.children answers as spaCy's ``token.children``, from a per-Doc table."""

from __future__ import annotations

import pickle

import pytest

from kg.extract.tree import KEY, children

spacy = pytest.importorskip("spacy")


@pytest.fixture(scope="module")
def doc():  # type: ignore[no-untyped-def]
    import kg.nlp

    try:
        nlp = kg.nlp.load(None)
    except Exception:  # noqa: BLE001 - no model installed
        pytest.skip("no spaCy model")
    return nlp(
        "The board, which met on Tuesday, said it would not sell the unit. "
        "Shares in Greystone fell 2.3 per cent after the company, led by Ann Lee, "
        "cut its forecast and warned that sales in China could drop.\n\n"
        "Had the wind been stronger, the fire would have spread."
    )


def test_children_match_spacy(doc) -> None:  # type: ignore[no-untyped-def]
    for tok in doc:
        assert [c.i for c in children(tok)] == [c.i for c in tok.children]
    for tok in reversed(doc):  # asked again, answered from the table
        assert list(children(tok)) == list(tok.children)


def test_table_is_per_doc_and_dropped_by_pickle(doc) -> None:  # type: ignore[no-untyped-def]
    children(doc[0])
    assert KEY in doc.user_data
    copy = pickle.loads(pickle.dumps(doc))
    assert copy.user_data.get(KEY) is None
    assert [c.i for c in children(copy[3])] == [c.i for c in doc[3].children]


def test_release_drops_the_table(doc) -> None:  # type: ignore[no-untyped-def]
    from kg.extract.tree import release

    children(doc[1])
    release(doc)
    assert KEY not in doc.user_data
    assert [c.i for c in children(doc[1])] == [c.i for c in doc[1].children]
