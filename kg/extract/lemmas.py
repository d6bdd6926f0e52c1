"""Verb lemmas, repaired where spaCy's rule lemmatizer slips on an unknown verb.

spaCy's English rule lemmatizer tries the suffix rules in a fixed order ("-ed" → "-e"
before "-ed" → "") and keeps the first candidate it finds in its word list; for a verb
it does not know, it keeps the first candidate, so "kickstarted" becomes "kickstarte".
:func:`verb_lemma` spots that case (a lemma that is the text minus its "d" and not a
known lemma) and derives the lemma by general English morphology instead: "-ied" →
"-y", a doubled final consonant undoubled, a silent "e" restored only where English
spelling requires one. The known lemmas are the pipeline's own lookup tables
(``lemmatizer/lookups/lookups.bin`` of the installed model), read once, offline.

Two more slips are repaired. When both the "-e" form and the bare stem are unknown
("rezoned": "rezone" or "rezon"), the candidate that ends in a known word wins: a
prefixed or compound verb keeps its base's spelling ("re-zone", "live-stream").
And a known but wrong bare stem is corrected where English spelling rules it out: a
one-syllable stem ending in a short vowel and a consonant doubles that consonant
before "-ed" ("hop" → "hopped"), so "hoped" is "hope"; likewise "hopes" (not "hops").
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from spacy.lookups import Lookups
from spacy.tokens import Token

_VOWELS = frozenset("aeiou")
#: Final consonants that keep their doubling in the base form ("missed", "called").
_KEEP_DOUBLE = frozenset("lsfz")
#: Final letters after which English spells a silent "e" ("loved", "argued", "sized").
_E_FINALS = frozenset("vuz")


@lru_cache(maxsize=1)
def known_lemmas() -> frozenset[str]:
    """Lemmas the installed English pipeline knows (its lemma index and exceptions).

    Empty when no model with lookup tables is installed: the repair then never fires.
    """
    from kg.nlp import resolve_model_name  # local: kg.nlp imports nothing from here

    try:
        import spacy.util

        root = spacy.util.get_package_path(resolve_model_name())
    except Exception:  # no installed model: nothing to check against
        return frozenset()
    words: set[str] = set()
    for path in Path(root).glob("**/lemmatizer/lookups/lookups.bin"):
        lookups = Lookups().from_disk(path.parent)
        for name in ("lemma_index", "lemma_exc"):
            if not lookups.has_table(name):
                continue
            table = lookups.get_table(name)
            for pos in ("verb", "noun", "adj"):
                entries = table.get(pos)
                if isinstance(entries, dict):
                    for forms in entries.values():
                        words.update(forms)
                elif entries:
                    words.update(entries)
        break
    return frozenset(words)


def derive_ed_lemma(form: str) -> str:
    """The base form of a regular "-ed" verb form by spelling rules alone.

    >>> [derive_ed_lemma(w) for w in ("kickstarted", "carried", "stopped", "hoped")]
    ['kickstart', 'carry', 'stop', 'hope']
    """
    w = form.lower()
    if not w.endswith("ed") or len(w) < 4:
        return w
    stem = w[:-2]
    if stem.endswith("i") and len(stem) > 1 and stem[-2] not in _VOWELS:
        return stem[:-1] + "y"
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in _VOWELS | _KEEP_DOUBLE:
        return stem[:-1]
    if stem[-1] in _E_FINALS or (stem[-1] == "c" and not stem.endswith("ck")):
        return stem + "e"
    if _one_short_syllable(stem):
        return stem + "e"  # "hoped": a short stem would have doubled ("hopped")
    return stem


def _one_short_syllable(stem: str) -> bool:
    """True for a one-vowel stem ending vowel + consonant ("hop", "us", "lik")."""
    if len(stem) < 2 or stem[-1] in _VOWELS or stem[-1] in "wxy" or stem[-2] not in _VOWELS:
        return False
    return sum(1 for ch in stem if ch in _VOWELS) == 1


#: Shortest word counted as the base of a prefixed or compound verb ("re-zone").
_MIN_BASE = 3


def known_base(word: str, known: frozenset[str]) -> int:
    """Length of the longest known word ``word`` ends with, after at least two letters
    of prefix or first element ("rezone" → 4, "zone"); 0 when there is none.

    >>> known_base("rezone", frozenset({"zone"})), known_base("rezon", frozenset({"zone"}))
    (4, 0)
    """
    for i in range(2, len(word) - _MIN_BASE + 1):
        if word[i:] in known:
            return len(word) - i
    return 0


def _silent_e_stem(text: str, lemma: str, tag: str, known: frozenset[str]) -> str | None:
    """The "-e" base of "hoped"/"hopes" when the lemmatizer returned the bare stem."""
    if tag in ("VBD", "VBN") and text == lemma + "ed" and _one_short_syllable(lemma):
        pass  # "hop" would be "hopped": an undoubled consonant means a silent "e"
    elif tag == "VBZ" and text == lemma + "es" and not lemma.endswith(
        ("s", "x", "z", "ch", "sh", "o")
    ):
        pass  # "-es" after any other ending is the "e" of the base plus "s"
    else:
        return None
    return lemma + "e" if lemma + "e" in known else None


def verb_lemma(tok: Token) -> str:
    """``tok``'s lower-case lemma, with the lemmatizer's "-ed"/"-es" slips repaired."""
    lemma = tok.lemma_.lower()
    text = tok.lower_
    known = known_lemmas()
    if not known:
        return lemma
    silent_e = _silent_e_stem(text, lemma, tok.tag_, known)
    if silent_e is not None:
        return silent_e
    if tok.tag_ not in ("VBD", "VBN") or not text.endswith("ed") or lemma != text[:-1]:
        return lemma
    if lemma in known:
        return lemma
    stem = text[:-2]
    if stem in known:
        return stem
    derived = derive_ed_lemma(text)
    if derived != lemma and known_base(lemma, known) > known_base(derived, known):
        return lemma  # "rezone" ends in "zone", "rezon" in no word
    return derived
