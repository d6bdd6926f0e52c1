"""Reading a SPARQL query's text before it runs: is it an update, does it call out?

:func:`check_query` refuses SPARQL Update (``INSERT DATA``, ``DELETE``, ``LOAD``,
``DROP`` ...) with a one-line error naming the operation, and refuses a query that uses
``SERVICE`` (federation: Oxigraph would call the endpoint over HTTP, with no timeout)
unless the caller allows it. Both are found by a lexer that reads the text as the
SPARQL 1.1 grammar (and Oxigraph) does: string literals (all four quote forms), IRIs
``<...>``, ``#`` comments, variables (``?service``) and prefixed names (``ex:service``)
never count; only the bare keyword does, in any letter case. It fails closed, and
rdflib's parser gives a second opinion. :func:`has_from` tells whether a query names
its own default graph (``FROM``). Execution is :mod:`kg.rdf.sparql`'s job.
"""

from __future__ import annotations

import logging
import re
import warnings
from collections.abc import Iterator
from typing import Any, NamedTuple

from kg.errors import QueryError
from kg.rdf.vocab import PREFIXES

#: First keyword of each SPARQL 1.1 Update operation.
UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
)

# --- the lexer: the terminals of https://www.w3.org/TR/sparql11-query/#grammar ------------
# Where Oxigraph's parser reads the text differently from the grammar, the lexer follows
# Oxigraph (verified against pyoxigraph 0.5): \u escapes are decoded only inside strings
# and IRIs, only space, tab, CR and LF are white space, and keywords need no word
# boundary (``trueSERVICE <x> {}`` is ``true`` then ``SERVICE``; ``SERVICE:x {}`` is
# ``SERVICE`` then ``:x`` when no prefix ``SERVICE:`` makes it a name).
_BASE = ("A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff"
         "\u200c-\u200d\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd"
         "\U00010000-\U000effff")
_CHARS_U = _BASE + "_"
_CHARS = _CHARS_U + "\\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"  # PERCENT | PN_LOCAL_ESC
_UCHAR = r"\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}"
_ECHAR = r"""\\[tbnrf\\"']"""
_PN_PREFIX = f"[{_BASE}](?:[{_CHARS}.]*[{_CHARS}])?"
_PN_LOCAL = f"(?:[{_CHARS_U}:0-9]|{_PLX})(?:(?:[{_CHARS}.:]|{_PLX})*(?:[{_CHARS}:]|{_PLX}))?"
_TERMINALS = [
    ("ws", r"[ \t\r\n]+"),
    ("comment", r"#[^\r\n]*"),
    ("string", "|".join([
        f"'''(?:(?:'|'')?(?:[^'\\\\]|{_ECHAR}|{_UCHAR}))*'''",
        f'"""(?:(?:"|"")?(?:[^"\\\\]|{_ECHAR}|{_UCHAR}))*"""',
        f"'(?:[^'\\\\\\n\\r]|{_ECHAR}|{_UCHAR})*'",
        f'"(?:[^"\\\\\\n\\r]|{_ECHAR}|{_UCHAR})*"',
    ])),
    ("iri", f"<(?:[^<>\"{{}}|^`\\\\\\x00-\\x20]|{_UCHAR})*>"),
    ("var", f"[?$][{_CHARS_U}0-9][{_CHARS_U}0-9\u00b7\u0300-\u036f\u203f-\u2040]*"),
    ("lang", r"@[A-Za-z]+(?:-[A-Za-z0-9]+)*"),
    ("bnode", f"_:[{_CHARS_U}0-9](?:[{_CHARS}.]*[{_CHARS}])?"),
    ("pname", f"(?:{_PN_PREFIX})?:(?:{_PN_LOCAL})?"),
    ("number", r"[0-9]+\.[0-9]*[eE][+-]?[0-9]+|\.?[0-9]+[eE][+-]?[0-9]+|[0-9]*\.[0-9]+|[0-9]+"),
    ("word", r"[A-Za-z][A-Za-z0-9_]*"),  # keywords, function names, "a"
    ("punct", r"\^\^|\|\||&&|!=|<=|>=|<<|>>|\{\||\|\}|[{}()\[\];,.*=!<>+\-/^|?~]"),
]
_TOKEN = re.compile("|".join(f"(?P<{kind}>{rx})" for kind, rx in _TERMINALS))
_SERVICE = re.compile("service", re.IGNORECASE)
_SILENT = re.compile("silent", re.IGNORECASE)
#: Tokens after which ``<`` may be the less-than operator rather than an IRI's start.
_OPERAND_END = frozenset({"var", "number", "string", "iri", "pname", "bnode", "lang"})
#: Most alternative readings of ``<`` one query may ask for before it counts as unreadable.
_MAX_FORKS = 256


class _Tok(NamedTuple):
    """One significant token."""

    kind: str
    text: str
    start: int


class _Lexed:
    """The tokens of a query, the alternative readings to check, and where reading failed."""

    def __init__(self) -> None:
        self.tokens: list[_Tok] = []
        self.forks: list[tuple[int, int]] = []  # (offset after "<", offset after ">")
        self.error: int | None = None


def _lex(text: str, pos: int = 0, sync: set[int] | None = None, after: int = 0) -> _Lexed:
    """Tokens of ``text`` from ``pos``; with ``sync``, stop at the first offset >= ``after``
    that is in ``sync`` (where this reading meets the main one again)."""
    out = _Lexed()
    prev: _Tok | None = None
    before_prev: _Tok | None = None
    while pos < len(text):
        if sync is not None and pos >= after and pos in sync:
            break
        match = _TOKEN.match(text, pos)
        if match is None:
            out.error = pos
            break
        kind = match.lastgroup or ""
        if kind not in ("ws", "comment"):
            tok = _Tok(kind, match.group(), pos)
            if kind == "iri" and _may_be_less_than(prev, before_prev) and any(
                    c in tok.text for c in "#'"):
                # ``?a<?b)SERVICE:x#>`` is an IRI to the grammar but ``?a < ?b`` then
                # SERVICE and a comment to Oxigraph: check that reading as well.
                out.forks.append((pos + 1, match.end()))
            out.tokens.append(tok)
            before_prev, prev = prev, tok
        pos = match.end()
    return out


def _may_be_less_than(prev: _Tok | None, before_prev: _Tok | None) -> bool:
    if prev is None:
        return False
    if prev.kind == "pname" and before_prev is not None and before_prev.text.upper() == "PREFIX":
        return False
    if prev.kind == "word":
        return prev.text.upper() in ("TRUE", "FALSE")
    return prev.kind in _OPERAND_END or prev.text in (")", "]", ">>")


def tokens(sparql: str) -> Iterator[tuple[str, str]]:
    """The significant tokens of ``sparql`` as ``(kind, text)``; comments and strings dropped.

    Kinds: ``iri`` (with its brackets), ``var``, ``word`` (keyword, prefixed name or
    blank-node label), ``lang`` and ``other`` (punctuation, numbers). Reading stops at
    the first character no SPARQL token starts with.
    """
    for tok in _lex(sparql).tokens:
        if tok.kind == "string":
            continue
        if tok.kind in ("pname", "bnode"):
            yield "word", tok.text
        elif tok.kind in ("punct", "number"):
            yield "other", tok.text
        else:
            yield tok.kind, tok.text


def _keyword(kind: str, text: str) -> str | None:
    """``text`` upper-cased when it is a bare keyword (not a prefixed or blank-node name)."""
    return text.upper() if kind == "word" and ":" not in text else None


def update_operation(sparql: str) -> str | None:
    """The SPARQL Update operation ``sparql`` starts with (``"INSERT DATA"``), else None.

    The prologue (``BASE``, ``PREFIX``) is skipped; the first other keyword decides,
    so a query that merely mentions ``INSERT`` in a string or IRI is not an update.
    """
    stream = tokens(sparql)
    for kind, text in stream:
        word = _keyword(kind, text)
        if word is None or word in ("BASE", "PREFIX"):
            continue
        if word not in UPDATE_KEYWORDS:
            return None
        if word in ("INSERT", "DELETE"):
            following = next(stream, ("", ""))
            if _keyword(*following) in ("DATA", "WHERE"):
                return f"{word} {following[1].upper()}"
        return word
    return None


def _service_at(toks: list[_Tok], i: int, strict: bool) -> str | None:
    """The endpoint when ``toks[i]`` (maybe glued to its neighbours) starts a SERVICE clause.

    A bare word holding the letters ``service`` always counts (no keyword contains them;
    Oxigraph reads ``trueSERVICE``/``SERVICESILENT`` as two keywords). A prefixed name
    whose prefix holds them (``SERVICE:x``, ``SERVICEex:x``) counts when ``{`` follows:
    Oxigraph then reads SERVICE and the endpoint ``:x``. ``strict`` (for the alternative
    reading of an IRI) also asks a bare word for an endpoint followed by ``{``.
    """
    tok = toks[i]
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if tok.kind == "pname":
        prefix = tok.text.split(":", 1)[0]
        found = _SERVICE.search(prefix)
        if found is None or nxt is None or nxt.text != "{":
            return None
        rest = tok.text[found.end():]
        silent = _SILENT.match(rest)
        return rest[silent.end():] if silent else rest
    if tok.kind != "word" or _SERVICE.search(tok.text) is None:
        return None
    j = i + 1
    if nxt is not None and nxt.kind == "word" and nxt.text.upper() == "SILENT":
        j += 1
    target = toks[j] if j < len(toks) else None
    if strict and (target is None or target.kind not in ("iri", "var", "pname")
                   or j + 1 >= len(toks) or toks[j + 1].text != "{"):
        return None
    if target is None:
        return "?"
    return target.text[1:-1] if target.kind == "iri" else target.text


def _unreadable(sparql: str, pos: int) -> list[str]:
    """Fail closed past ``pos``, where reading failed: any ``service`` in the rest
    (``\\u`` escapes decoded) counts as a SERVICE clause."""
    rest = re.sub(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})",
                  lambda m: chr(min(int(m.group(1) or m.group(2), 16), 0x10FFFF)),
                  sparql[pos:])
    if _SERVICE.search(rest) is None:
        return []
    line = sparql.count("\n", 0, pos) + 1
    column = pos - (sparql.rfind("\n", 0, pos) + 1) + 1
    return [f"unreadable text at line {line}, column {column}"]


def service_endpoints(sparql: str) -> list[str]:
    """The endpoints of every ``SERVICE`` clause in ``sparql``, as written, in order.

    An IRI endpoint is given without its brackets (``http://host/sparql``); a variable
    or prefixed name as written. ``SILENT`` is skipped. Strings, IRIs, comments,
    variables and prefixed names do not count; where ``<`` may be read either as an
    IRI's start or as less-than, both readings are checked. Past a character no SPARQL
    token starts with, the query is not trusted: any ``service`` there counts (given as
    ``unreadable text at line L, column C``).
    """
    found: list[str] = []

    def note(endpoints: list[str]) -> None:
        found.extend(e for e in endpoints if e not in found)

    main = _lex(sparql)
    starts = {tok.start for tok in main.tokens}
    index = {tok.start: i for i, tok in enumerate(main.tokens)}
    note([e for i in range(len(main.tokens))
          if (e := _service_at(main.tokens, i, strict=False)) is not None])
    if main.error is not None:
        note(_unreadable(sparql, main.error))
    pending = list(main.forks)
    forks = 0
    while pending:
        begin, end = pending.pop()
        forks += 1
        if forks > _MAX_FORKS:
            note(_unreadable(sparql, begin - 1))
            break
        alt = _lex(sparql, begin, sync=starts | {len(sparql)}, after=end)
        if alt.error is not None:
            note(_unreadable(sparql, alt.error))
        # where the readings meet again, the main tokens follow (for the endpoint and "{")
        stop = alt.tokens[-1].start + len(alt.tokens[-1].text) if alt.tokens else begin
        resume = min((s for s in starts if s >= max(stop, end)), default=None)
        tail = main.tokens[index[resume]:index[resume] + 4] if resume is not None else []
        toks = alt.tokens + tail
        note([e for i in range(len(alt.tokens))
              if (e := _service_at(toks, i, strict=True)) is not None])
        starts |= {tok.start for tok in alt.tokens}
        pending.extend(alt.forks)
    return found


def _parsed_service_endpoints(sparql: str) -> list[str]:
    """SERVICE endpoints in rdflib's algebra of ``sparql``; [] when rdflib cannot parse it.

    Defence in depth behind the lexical check (rdflib's parser is independent of it);
    a query rdflib cannot read is left to the lexical check alone.
    """
    try:
        from rdflib.plugins.sparql.algebra import translateQuery
        from rdflib.plugins.sparql.parser import parseQuery
        from rdflib.plugins.sparql.parserutils import CompValue

        term_log = logging.getLogger("rdflib.term")  # "does not look like a valid URI"
        level = term_log.level
        term_log.setLevel(logging.ERROR)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                algebra = translateQuery(parseQuery(sparql), initNs=dict(PREFIXES)).algebra
        finally:
            term_log.setLevel(level)
    except Exception:  # rdflib's parser is stricter than Oxigraph's in places
        return []
    found: list[str] = []
    stack: list[Any] = [algebra]
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, CompValue):
            if node.name == "ServiceGraphPattern":
                term = node.get("term")
                endpoint = f"?{term}" if type(term).__name__ == "Variable" else str(term)
                if endpoint not in found:
                    found.append(endpoint)
            stack.extend(node.values())
        elif isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list | tuple | set | frozenset):
            stack.extend(node)
    return found


def has_from(sparql: str) -> bool:
    """Whether ``sparql`` has a ``FROM <g>`` clause (``FROM NAMED`` alone does not count).

    Such a query's default graph is the merge of the graphs it names, not the union of
    all graphs :mod:`kg.query` gives other queries.
    """
    toks = _lex(sparql).tokens
    for i, tok in enumerate(toks):
        word = tok.text.upper() if tok.kind == "word" else ""
        if word == "FROM":
            following = toks[i + 1] if i + 1 < len(toks) else None
            if following is None or following.text.upper() != "NAMED":
                return True
    return False


def check_query(sparql: str, *, allow_service: bool = False, parse: bool = True) -> None:
    """Refuse, before anything runs, SPARQL Update and (unless allowed) ``SERVICE``.

    Raises :class:`QueryError`:
    ``updates are not supported (INSERT DATA); kg query only reads the store — ...`` or
    ``SERVICE is off (http://host/sparql); kg query reads only the local store — ...``.
    Oxigraph's query parser would refuse an update anyway (as "expected CONSTRUCT"),
    so the first check is about a clear message; the second is a security boundary:
    the lexical check (:func:`service_endpoints`) and, with ``parse`` (which may take
    long on a hostile query, so :func:`run_bounded` leaves it to the query process),
    rdflib's parser.
    """
    operation = update_operation(sparql)
    if operation is not None:
        raise QueryError(
            f"updates are not supported ({operation}); kg query only reads the store — "
            "change it with kg build or kg remove"
        )
    if not allow_service:
        endpoints = service_endpoints(sparql)
        if not endpoints and parse:
            endpoints = _parsed_service_endpoints(sparql)
        if endpoints:
            raise QueryError(
                f"SERVICE is off ({', '.join(endpoints)}); kg query reads only the local "
                "store — pass --allow-service to query remote endpoints"
            )


__all__ = [
    "UPDATE_KEYWORDS",
    "check_query",
    "has_from",
    "service_endpoints",
    "tokens",
    "update_operation",
]
