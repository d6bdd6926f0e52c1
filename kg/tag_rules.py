"""The matches of spaCy's ``attribute_ruler``, found by table lookups.

The English pipelines map fine-grained tags to coarse parts of speech and morphology
with an ``attribute_ruler``: 179 token patterns in en_core_web_sm 3.8 (``{"TAG": "NN"}``,
``{"LOWER": "'s", "TAG": "VBZ"}``, a few of two tokens such as "gon na"). Its ``Matcher``
tries every pattern at every token: ~12 ms for an article of ~480 tokens, about 12 % of
the whole parse (more than the tagger and the lemmatizer together), and all of it goes
to finding matches, not to setting the attributes.

:class:`RuleMatches` finds the same matches by looking each token's tag, lower-cased
form, dependency label and whitespace flag up in tables of the patterns' first tokens,
then checking the rest of each candidate pattern, so a token costs a few dictionary
lookups instead of 179 pattern checks. :func:`speed_up` installs it as the ruler's
``match`` when every pattern uses only what it understands (plain values, ``IN``,
``NOT_IN`` and ``REGEX`` on ``TAG``, ``LOWER``, ``DEP``, ``IS_SPACE``; no operators);
any other ruler keeps spaCy's matcher. The ruler then sets the attributes itself, in
its own order, from the same list: the parse is unchanged
(``tests/test_tag_rules.py`` compares every match and every token attribute).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

#: The token attributes patterns may test, in the column order of ``Doc.to_array``.
ATTRS = ("TAG", "LOWER", "DEP", "IS_SPACE")
_STRING_ATTRS = {"TAG", "LOWER", "DEP"}
#: A token's values: hashes of TAG, LOWER, DEP; 0/1 for IS_SPACE.
Row = Sequence[int]
#: One test on one token: (column, kind, value), kind "=", "in", "not in" or "regex".
Test = tuple[int, str, Any]
#: (ruler's attribute index, match key hash, tests of each token of the pattern)
Pattern = tuple[int, int, tuple[tuple[Test, ...], ...]]
#: A pattern as the tables hold it: (attribute index, match key hash, its length in
#: tokens, the tests left once its table found it; None when nothing is left)
Entry = tuple[int, int, int, tuple[tuple[Test, ...], ...] | None]


class RuleMatches:
    """What ``AttributeRuler.match`` returns for a Doc, without spaCy's ``Matcher``.

    Build with :meth:`of`; call with a Doc. Each pattern sits in one table, by one test
    of its first token: an equality (``LOWER`` before ``TAG`` before ``DEP``: the rarest
    values first) looked up by the token's value, or a regex searched once per string
    and remembered; so a token only meets the patterns whose first test it passes.
    Patterns with neither are tried at every token.
    """

    def __init__(self, patterns: Sequence[Pattern], strings: Any) -> None:
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG

        self._strings = strings
        self._attrs = [TAG, LOWER, DEP, IS_SPACE]  # the columns of ATTRS
        #: column → value → the patterns whose first token requires that value there
        self._index: dict[int, dict[int, list[Entry]]] = {}
        #: column → (regex, pattern): those whose first token's string it must find
        self._searched: dict[int, list[tuple[re.Pattern[str], Entry]]] = {}
        #: (column, string hash) → the patterns of that column whose regex finds it
        self._hits: dict[tuple[int, int], tuple[Entry, ...]] = {}
        #: patterns with no equality or regex test on their first token
        self._anywhere: list[Entry] = []
        for number, key, tokens in patterns:
            first = tokens[0]
            keyed = [t for t in first if t[1] in ("=", "in")]
            searched = [t for t in first if t[1] == "regex"]
            test = min(keyed, key=lambda t: _PREFERENCE[t[0]]) if keyed else (
                searched[0] if searched else None)
            rest = tokens if test is None else (tuple(t for t in first if t is not test),
                                                *tokens[1:])
            entry: Entry = (number, key, len(tokens), rest if any(rest) else None)
            if test is None:
                self._anywhere.append(entry)
                continue
            column, kind, value = test
            if kind == "regex":
                self._searched.setdefault(column, []).append((value, entry))
                continue
            table = self._index.setdefault(column, {})
            for one in (value if kind == "in" else (value,)):
                table.setdefault(one, []).append(entry)

    @classmethod
    def of(cls, ruler: Any) -> RuleMatches | None:
        """The lookups for ``ruler`` (an ``AttributeRuler``), or None when one of its
        patterns uses a feature they do not cover."""
        strings = ruler.vocab.strings
        patterns: list[Pattern] = []
        for number in range(len(ruler.attrs)):
            key = strings[str(number)]
            found = ruler.matcher.get(key)
            if found is None:
                return None
            for tokens in found[1]:
                tests = [_tests(token, strings) for token in tokens]
                if not tests or any(t is None for t in tests):
                    return None
                patterns.append((number, key, tuple(t for t in tests if t is not None)))
        return cls(patterns, strings)

    def __call__(self, doc: Any) -> list[tuple[int, int, int, int]]:
        """(attribute index, match key, start, end) of every match in ``doc``, sorted
        as ``AttributeRuler.match`` sorts them."""
        rows: list[list[int]] = doc.to_array(self._attrs).tolist()
        found: list[tuple[int, int, int, int]] = []
        for start, row in enumerate(rows):
            for column, table in self._index.items():
                entries = table.get(row[column])
                if entries is not None:
                    self._add(entries, rows, start, found)
            for column in self._searched:
                self._add(self._hits_of(column, row[column]), rows, start, found)
            if self._anywhere:
                self._add(self._anywhere, rows, start, found)
        return sorted(set(found))  # two patterns of one key on one span: one match

    def _add(self, entries: Sequence[Entry], rows: list[list[int]], start: int,
             found: list[tuple[int, int, int, int]]) -> None:
        """Append the matches of ``entries`` (which passed their table's test) at
        ``start``."""
        for number, key, length, rest in entries:
            end = start + length
            if end <= len(rows) and (rest is None or all(
                self._passes(tests, rows[start + i]) for i, tests in enumerate(rest)
            )):
                found.append((number, key, start, end))

    def _passes(self, tests: tuple[Test, ...], row: Row) -> bool:
        for column, kind, value in tests:
            have = row[column]
            if kind == "=":
                if have != value:
                    return False
            elif kind == "in":
                if have not in value:
                    return False
            elif kind == "not in":
                if have in value:
                    return False
            elif not value.search(self._strings[have]):
                return False
        return True

    def _hits_of(self, column: int, value: int) -> tuple[Entry, ...]:
        """The patterns whose first-token regex on ``column`` finds something in the
        string of hash ``value``: searched once per string (words repeat), remembered
        up to :data:`_SEARCHES_KEPT` strings."""
        hits = self._hits.get((column, value))
        if hits is None:
            if len(self._hits) >= _SEARCHES_KEPT:
                self._hits.clear()
            text = self._strings[value]
            hits = self._hits[(column, value)] = tuple(  # mostly (): one shared tuple
                entry for regex, entry in self._searched[column] if regex.search(text)
            )
        return hits


#: Strings whose regex results :class:`RuleMatches` remembers at most (then it starts
#: again): ~100 bytes each, so a worker's memory stays flat over any archive.
_SEARCHES_KEPT = 50_000
_PREFERENCE = {ATTRS.index("LOWER"): 0, ATTRS.index("TAG"): 1, ATTRS.index("DEP"): 2,
               ATTRS.index("IS_SPACE"): 3}


def _tests(token: dict[str, Any], strings: Any) -> tuple[Test, ...] | None:
    """The tests of one token pattern, or None for a feature :class:`RuleMatches`
    does not cover (an operator, another attribute, another predicate)."""
    tests: list[Test] = []
    for attr, value in token.items():
        if attr not in ATTRS:
            return None  # "OP" included: fixed-length patterns only
        column = ATTRS.index(attr)
        if attr == "IS_SPACE":
            if not isinstance(value, bool):
                return None
            tests.append((column, "=", int(value)))
        elif isinstance(value, str):
            tests.append((column, "=", strings[value]))
        elif isinstance(value, dict) and len(value) == 1:
            (kind, arg), = value.items()
            if kind in ("IN", "NOT_IN") and isinstance(arg, list) and all(
                isinstance(v, str) for v in arg
            ):
                tests.append((column, kind.lower().replace("_", " "),
                              frozenset(strings[v] for v in arg)))
            elif kind == "REGEX" and isinstance(arg, str) and attr in _STRING_ATTRS:
                tests.append((column, "regex", re.compile(arg)))
            else:
                return None
        else:
            return None
    return tuple(tests)


def speed_up(nlp: Any) -> bool:
    """Give ``nlp``'s ``attribute_ruler`` (if any) the lookups of :class:`RuleMatches`
    as its ``match``; True when installed, False when the ruler keeps its matcher."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe("attribute_ruler")
    matches = RuleMatches.of(ruler)
    if matches is None:
        return False
    match: Callable[[Any], list[tuple[int, int, int, int]]] = matches
    ruler.match = match
    return True


__all__ = ["RuleMatches", "speed_up"]
