"""Long texts are parsed in pieces (offsets still refer to the whole text); texts over
--max-chars are refused one by one while the rest build; ids that clash are errors."""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from typer.testing import CliRunner

from kg.cli import app
from kg.model import Article
from kg.nlp import pipe_long, split_for_parse
from kg.pipeline import build, extract_article
from kg.rdf.store import Store

PARAGRAPH = (
    "The central bank raised interest rates to 4.5 per cent on Thursday. "
    "Officials said inflation had fallen for a third month.\n\n"
)


def test_split_joins_back_and_cuts_at_paragraphs() -> None:
    text = PARAGRAPH * 50
    pieces = split_for_parse(text, limit=1000)
    assert "".join(pieces) == text
    assert all(len(p) <= 1000 for p in pieces)
    assert all(p.endswith("\n\n") for p in pieces[:-1])


def test_split_falls_back_to_sentences_then_spaces_then_characters() -> None:
    one_paragraph = PARAGRAPH.strip() * 30
    pieces = split_for_parse(one_paragraph, limit=300)
    assert "".join(pieces) == one_paragraph
    assert all(p.rstrip().endswith(".") for p in pieces[:-1])
    word = "x" * 25
    assert split_for_parse(word, limit=10) == ["x" * 10, "x" * 10, "x" * 5]


def test_pieces_parse_to_one_doc_with_whole_text_offsets(nlp: Language) -> None:
    text = PARAGRAPH * 12
    (doc, key), = pipe_long(nlp, [(text, "k")], chunk_chars=400)
    assert key == "k"
    assert doc.text == text
    whole = nlp(text)
    assert [(s.start_char, s.end_char) for s in doc.sents] == [
        (s.start_char, s.end_char) for s in whole.sents
    ]
    graph = extract_article(Article(id="long", text=text), doc)
    for st in graph.statements:
        sentence = st.sentence
        assert text[sentence.start : sentence.end] == sentence.text


def test_over_long_input_is_refused_alone(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text(PARAGRAPH)
    (src / "big.txt").write_text(PARAGRAPH * 40)
    (src / "c.txt").write_text(PARAGRAPH.replace("Thursday", "Friday"))
    result = CliRunner().invoke(
        app, ["build", str(src), "--out", str(tmp_path / "out"), "--quiet", "--no-html",
              "--no-exports", "--max-chars", "2000"],
    )
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"Error: article too long ({src / 'big.txt'}: 4,958 characters); "
        "split it, or raise --max-chars (now 2,000)"
    )
    with Store.open(tmp_path / "out" / "store") as st:
        assert len(st.article_ids()) == 2


def test_long_input_builds_in_pieces(tmp_path: Path, monkeypatch) -> None:
    import kg.nlp

    monkeypatch.setattr(kg.nlp, "CHUNK_CHARS", 500)
    (tmp_path / "long.txt").write_text(PARAGRAPH * 20)
    # every extracted statement (--detail full): the test is about parsing in pieces
    whole = build([tmp_path / "long.txt"], out=tmp_path / "out", render=False, exports=False,
                  detail="full")
    assert len(whole.articles) == 1 and whole.statements >= 20


def test_two_inputs_with_one_id_is_an_error_naming_both(tmp_path: Path) -> None:
    data = tmp_path / "news.jsonl"
    data.write_text(
        '{"id": "a1", "text": "Rain fell in Paris on Monday."}\n'
        '{"id": "a1", "text": "Snow fell in Oslo on Tuesday."}\n'
        '{"id": "a2", "text": "Rain fell in Paris on Monday."}\n'
    )
    report = build([data], out=tmp_path / "out", render=False, exports=False)
    assert report.articles == ["a1", "a2"]
    assert [str(e) for e in report.errors] == [
        f"two inputs map to one article id (a1): {data}:1 and {data}:2; "
        "give them distinct ids or URLs (the second was not built)"
    ]


def test_same_file_twice_is_built_once_quietly(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(PARAGRAPH)
    report = build([tmp_path / "a.txt", tmp_path / "a.txt"], out=tmp_path / "out",
                   render=False, exports=False)
    assert len(report.articles) == 1 and not report.errors and not report.warnings
