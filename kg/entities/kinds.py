"""Step 2a of entity extraction: what kind of thing a name is, from evidence in the text.

The small model's NER label is often wrong on names it has not seen: clubs and bands
tagged PERSON ("Redmarsh United beat ..."), people tagged GPE or ORG, albums, films
and laws tagged ORG. The text usually says the kind itself, and that evidence beats
the label (:func:`correct_kinds`), in this order:

1. a common noun that describes the name — "the band X", "bottom club X", "X, the
   carmaker", "the regional bus company, X", "X is an album", "the X ground", "its X
   headset" — whose lemma is in a closed class of head nouns per type
   (:data:`~kg.entities.gazetteer.KIND_NOUNS`, and the role nouns of people);
2. the name's own head word — "… Stadium", "… Arena", "… Open", "… Festival",
   "… Act", "… FC", "… United", "River …"
   (:data:`~kg.entities.gazetteer.NAME_HEADS`);
3. a multi-word name whose last words are a person's name elsewhere in the article
   ("Marta Kovac" tagged GPE beside "Ms Kovac") is a person, unless a descriptor said
   otherwise (a city "says" as often as a person: the verb is no evidence);
4. a one-word name the model tagged PERSON that the text puts "in" or "near" (with no
   title and no person pronoun) is a place ("the fire in Dunmore", "between X and Y").

Between steps 2 and 3, the shape of a name or the phrase around it
(:func:`_name_shape_kind`): "Yeovil Town" not tagged as a place is a club, an acronym
opening a PERSON-tagged name ("NHS Orkney") or "analysts at X" an organisation,
"X-based" a place, "the X, built by Y" a product. After the per-form decisions, a
maker + model name beside its model ("the Vauxhall Frontera" … "the Frontera") is that
product, and contests with a score ("lost 3-0 to X", "drew 1-1 with X") make both sides
clubs (:func:`_opponents`).

The decision is per name form: every mention of the form follows it, and so does a
one-word mention of a word of a re-typed multi-word name ("Redmarsh" beside "Redmarsh
United"). Courtesy titles ("Mr", "Dr") always keep a person; countries, capitals and
seats of government keep the gazetteer's type.

Before that, :func:`correct_kinds` settles names that are not what the label says:

* an acronym the text defines — "the Liberal Union (LU)", "LU, the Liberal Union" — is
  that entity wherever it appears, whatever the gazetteer says ("LU" is not
  Luxembourg); one defined by a common noun ("1,200 megawatts (MW)") is no name;
* unit abbreviations ("Kbps", "MW") and numbers with a unit ("450p") are no names;
* a one-word name that only opens sentences and that the article also writes in
  lower case ("Dementia affects ..." beside "dementia") is a common noun;
* an acronym used as a role with a person's name beside it ("Dunmore's MSP, Fiona
  Baird") is a title, not an organisation.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from kg.entities import canonical as cn
from kg.entities import tokens
from kg.entities.gazetteer import (
    CLUB_TOWN_HEADS,
    CORPORATE_SUFFIXES,
    KIND_NOUNS,
    NAME_FIRST_HEADS,
    NAME_HEADS,
    ROLE_NOUNS,
    UNIT_ABBREVIATIONS,
)
from kg.entities.mentions import COURTESY, Cand
from kg.model import EntityType

#: Types the gazetteer or the model decide reliably: never re-typed here.
_FIXED: frozenset[str] = frozenset({"Country", "Group", "Language"})
#: Labels whose names may be re-typed by the evidence.
_NAME_LABELS = frozenset({
    "PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW",
})
#: Kinds a name can take from a noun it modifies ("the X ground", "its X headset"):
#: with other nouns the name is a modifier, not the thing ("the Redmarsh manager").
_MODIFIER_KINDS = {"Facility": ("the",), "Event": ("the",), "Product": ("its", "their")}
#: Head words of unions of states ("Soviet Union", tagged GPE): places, not organisations.
_STATES = frozenset({"Union", "Federation"})
_LOCATIVE = frozenset({
    "in", "near", "outside", "across", "around", "throughout", "between",
})
_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
_SUBJ = frozenset({"nsubj", "nsubjpass"})
_COPULAS = frozenset({"be", "become", "remain"})
_NAMING_VERBS = frozenset({"call", "name", "title", "entitle", "dub"})
_OPEN_QUOTES = frozenset({'"', "“", "'", "‘", "``"})
#: Verbs of contests whose two sides are of one kind: teams beat teams, players players.
_CONTEST_VERBS = frozenset({"beat", "defeat", "overcome", "thrash", "edge", "outplay"})
#: Contest verbs whose other side follows a preposition: "lost 3-0 to X", "drew 1-1
#: with X", "won 35-10 against X".
_CONTEST_PREPS: dict[str, frozenset[str]] = {
    "lose": frozenset({"to"}),
    "draw": frozenset({"with"}),
    "win": frozenset({"against", "over"}),
    "play": frozenset({"against"}),
}
#: A score ("3-1", "19-17"): a contest between teams or players, not a town.
_SCORE = re.compile(r"(?<![\d,.])\d{1,3} ?[-–] ?\d{1,3}(?![\d,.%])")
#: Verbs of making: a name they describe ("X, built by Y", "X, made in Z") is a product.
_MAKING_VERBS = frozenset({"build", "make", "manufacture", "produce", "assemble"})
#: A number with a unit written as one token ("450p", "12bn", "30kg"): a quantity, no name.
_NUMBER_UNIT = re.compile(
    r"^\d[\d,.]*(p|m|bn|k|kg|km|cm|mm|mph|mw|gw|kw|kwh|ft|lb|lbs|g|t|c|f)$", re.IGNORECASE
)


def correct_kinds(doc: Doc, cands: list[Cand]) -> None:
    """Re-type (in place) the candidates whose kind the text states; drop non-names."""
    cands[:] = [c for c in cands if not _not_a_name(doc, c, cands)]
    _defined_acronyms(doc, cands)
    by_form: dict[str, list[Cand]] = {}
    for c in cands:
        if _retypable(c):
            by_form.setdefault(cn.lookup_form(c.text), []).append(c)
    decided: dict[str, EntityType] = {}
    for form, group in by_form.items():
        kind = _form_kind(doc, group, cands)
        if kind is not None:
            decided[form] = kind
    for form, kind in decided.items():
        for c in by_form[form]:
            if kind != "Person" and _courtesy(c):
                continue
            c.etype = kind
    _short_forms(decided, by_form, cands)
    _maker_and_model(cands)
    _opponents(doc, cands, by_form)
    prizes = _prizes(doc, by_form, decided)
    if prizes:
        cands[:] = [c for c in cands if id(c) not in prizes]


def descriptor_kind(doc: Doc, c: Cand) -> EntityType | None:
    """The type a common noun describing the name gives it (step 1), else None.

    "the X ground", "its X headset" (the name modifying the noun) count only when the
    name's own head word (:func:`name_kind`) names no other kind than a place: "the
    Redmarsh United ground" is the club's.
    """
    for noun in _descriptor_nouns(doc, c):
        kind = noun_kind(noun)
        if kind is not None:
            return kind
    if name_kind(c.text) not in (None, "Place"):
        return None  # a ground may be named like a road: "the Carrow Road ground"
    return _modified_noun_kind(doc, c)


def noun_kind(noun: Token) -> EntityType | None:
    """Type named by a common noun ("band" → Organization, "striker" → Person)."""
    lemma = noun.lemma_.lower()
    kind = KIND_NOUNS.get(lemma) or KIND_NOUNS.get(noun.lower_)
    if kind is not None:
        return kind  # type: ignore[return-value]
    if lemma in ROLE_NOUNS:
        return "Person"
    return None


def name_kind(text: str) -> EntityType | None:
    """Type said by a multi-word name's head word: "Italian Open" → Event (step 2)."""
    words = text.split()
    if len(words) < 2:
        return None
    kind = NAME_HEADS.get(words[-1]) or NAME_FIRST_HEADS.get(words[0])
    return kind  # type: ignore[return-value]


def _retypable(c: Cand) -> bool:
    if c.etype in _FIXED or c.label not in _NAME_LABELS:
        return False
    return not (cn.capital_country(c.text) or cn.seat_of_government(c.text))


def _courtesy(c: Cand) -> bool:
    return any(cn.lookup_form(t) in COURTESY for t in c.titles)


def _form_kind(doc: Doc, group: list[Cand], cands: list[Cand]) -> EntityType | None:
    """The kind of one name form from all its mentions (steps 1-4 in order)."""
    for c in group:
        kind = descriptor_kind(doc, c)
        if kind is not None:
            return kind
    text = group[0].text
    kind = name_kind(text)
    if kind is not None and not (group[0].label == "GPE" and text.split()[-1] in _STATES):
        return kind  # "Soviet Union" tagged GPE stays a place
    kind = _name_shape_kind(doc, group)
    if kind is not None:
        return kind
    if " " in text and group[0].etype in ("Place", "Organization") and (
        _surname_in_article(text, cands, titled=group[0].label not in ("GPE", "LOC"))
    ) and not _its_after(doc, group):
        return "Person"
    if " " not in text and all(c.label == "PERSON" and not c.titles for c in group) and (
        any(_locative(doc[c.end - 1]) for c in group)
        and not _person_pronoun_after(doc, group)
        and not _part_of_full_name(text, cands)
    ):
        return "Place"
    return None


def _name_shape_kind(doc: Doc, group: list[Cand]) -> EntityType | None:
    """Kinds said by the shape of a name or the phrase around it (after step 2):

    * "Yeovil Town", "Exeter City" not tagged as a place: a club named after its town;
    * "NHS Orkney", "BBC Scotland" tagged PERSON (an acronym of three letters or more
      opening the name): an organisation ("JK Rowling" has initials, two letters);
    * "analysts at Peel Hunt" (a plural role noun "at" the name) tagged PERSON: the
      organisation they work for;
    * "Yorkshire-based" tagged PERSON: a place;
    * "the Sandero, built by Renault" (a participle of making describing the name, by an
      agent): a product (:func:`_made_thing`).
    """
    first = group[0]
    words = first.text.split()
    labels = {c.label for c in group}
    if len(words) > 1 and words[-1] in CLUB_TOWN_HEADS and not labels & {"GPE", "LOC"}:
        return "Organization"
    if _made_thing(doc, group):
        return "Product"
    if "PERSON" not in labels or any(c.titles for c in group):
        return None
    if len(words) > 1 and len(words[0]) >= 3 and words[0].isupper() and words[0].isalpha():
        return "Organization"
    for c in (c for c in group if c.label == "PERSON"):
        head = doc[c.start : c.end].root
        if head.dep_ == "pobj" and head.head.lower_ == "at" and _role_plural(head.head.head):
            return "Organization"
        if c.end + 1 < len(doc) and doc[c.end].text == "-" and doc[c.end + 1].lower_ == "based":
            return "Place"
    return None


def _made_thing(doc: Doc, group: list[Cand]) -> bool:
    """"the Sandero, built by Renault", "The Allegro, made by the state carmaker": a name
    tagged PERSON, or tagged ORG after "the", described by a participle of making with an
    agent ("built by", "made by") is a product."""
    for c in group:
        if c.titles or c.label not in ("PERSON", "ORG"):
            continue
        if c.label == "ORG" and not (c.start > 0 and doc[c.start - 1].lower_ == "the"):
            continue  # "Acme, built by its founder over 30 years" is a company
        head = doc[c.start : c.end].root
        if any(ch.dep_ == "acl" and ch.lemma_.lower() in _MAKING_VERBS and ch.tag_ == "VBN"
               and any(g.dep_ == "agent" for g in ch.children) for ch in head.children):
            return True
    return False


def _role_plural(tok: Token) -> bool:
    """"analysts", "economists", "engineers": a plural noun for people at work."""
    if tok.tag_ != "NNS":
        return False
    lemma = tok.lemma_.lower()
    return lemma in ROLE_NOUNS or KIND_NOUNS.get(lemma) == "Person" or lemma in (
        "economist", "engineer", "researcher", "scientist", "strategist", "trader",
        "employee", "worker", "staff", "executive", "official",
    )


def _descriptor_nouns(doc: Doc, c: Cand) -> list[Token]:
    """Common nouns that describe the name: before it, in apposition, or as predicate."""
    head = doc[c.start : c.end].root
    nouns: list[Token] = []
    before = c.start - 1
    if before > 0 and doc[before].text in _OPEN_QUOTES:
        before -= 1  # 'the album "Silver Roads"': a title in quotation marks
    if before >= 0:  # "the band X", "bottom club X", "their album X"
        prev = doc[before]
        if _common_noun(prev) and (prev.head.i == head.i or head.head.i == prev.i):
            nouns.append(prev)
    namer = head.head
    if head.dep_ == "oprd" and namer.lemma_ in _NAMING_VERBS and _common_noun(namer.head):
        nouns.append(namer.head)  # "a film called X", "a group named X"
    nouns += [ch for ch in head.children if ch.dep_ == "appos" and _common_noun(ch)]
    if head.dep_ == "appos" and _common_noun(head.head) and _adjacent(doc, head.head.i, c.start):
        nouns.append(head.head)  # "the regional bus company, X"
    if head.dep_ in _SUBJ:  # "X is an album", "X was considered to be the patron saint"
        verb = head.head
        verbs = [verb, *(ch for ch in verb.children if ch.dep_ == "xcomp" and ch.lemma_ == "be")]
        if verb.lemma_ in _COPULAS or len(verbs) > 1:
            nouns += [ch for v in verbs for ch in v.children
                      if ch.dep_ in ("attr", "oprd") and _common_noun(ch)]
    return nouns


def _adjacent(doc: Doc, noun: int, start: int) -> bool:
    """Only punctuation (and "the") between the noun and the name: "the company, X",
    "the ferry, the X" (not "the chairman of the company X", where the parser may hang
    X on "chairman")."""
    between = doc[noun + 1 : start]
    return noun < start and any(t.is_punct for t in between) and all(
        t.is_punct or t.lower_ == "the" for t in between
    )  # "the catamaran, the Pentalina"


def _modified_noun_kind(doc: Doc, c: Cand) -> EntityType | None:
    """"the Quarry Lane ground", "its Orbit X2 headset": the name names the noun's thing."""
    tok = doc[c.end - 1]
    while tok.dep_ in ("compound", "nmod") and tok.head.i > tok.i:
        tok = tok.head
    if tok.i < c.end or not _common_noun(tok):
        return None
    kind = noun_kind(tok)
    if kind not in _MODIFIER_KINDS or c.start == 0:
        return None
    det = doc[c.start - 1]
    if det.lower_ not in _MODIFIER_KINDS[kind] or det.head.i != tok.i:
        return None
    if kind == "Facility" and " " not in c.text or c.label in ("GPE", "LOC"):
        return None  # "the Eastmere stadium" is in Eastmere, "the Arsenal ground" its club's
    return kind


def _common_noun(tok: Token) -> bool:
    return tok.pos_ == "NOUN" and tok.text[:1].islower()


def _surname_in_article(text: str, cands: list[Cand], *, titled: bool) -> bool:
    """"Marta Kovac" (tagged GPE) beside "Ms Kovac" or "Kovac" tagged PERSON.

    For a name tagged ORG only a titled mention counts ("Ms Kovac"): a company may be
    named after a person of the article ("Johnson & Johnson" beside "Johnson"); except
    a plain two-word name, shaped like a person's (:func:`_plain_two_words`).
    """
    form = cn.lookup_form(text)
    if "&" in form or " and " in form:
        return False
    if titled and _plain_two_words(text):
        titled = False  # "Morgan Whittaker" (ORG) beside "Whittaker" (PERSON): a person
    return any(
        c.etype == "Person" and (c.titles or (c.label == "PERSON" and not titled))
        and form != cn.lookup_form(c.text) and form.endswith(" " + cn.lookup_form(c.text))
        for c in cands
    )


def _its_after(doc: Doc, group: list[Cand]) -> bool:
    """"Morgan Stanley cut its forecast": an "its" later in a mention's sentence, before
    any other name, refers to the name, which is no person."""
    for c in group:
        sent = doc[c.start].sent
        for tok in doc[c.end : sent.end]:
            if tok.ent_type_ and tok.ent_type_ not in ("DATE", "TIME", "CARDINAL"):
                break
            if tok.lower_ == "its":
                return True
    return False


def _plain_two_words(text: str) -> bool:
    """Two capitalised words, neither a kind of organisation nor a corporate word: the
    shape of a person's full name ("Morgan Whittaker"), not of "Tata Motors" or "Peel
    Holdings" (those end in a name head or a suffix and never get here)."""
    words = text.split()
    return len(words) == 2 and all(
        w[:1].isupper() and w[1:].islower() and w.isalpha() for w in words
    ) and cn.lookup_form(words[-1]) not in CORPORATE_SUFFIXES


def _locative(tok: Token) -> bool:
    """"in X", "between X and Y", "in X and Y": the name is where something is."""
    while tok.dep_ == "conj" and tok.head.i < tok.i:
        tok = tok.head
    return tok.dep_ == "pobj" and tok.head.lower_ in _LOCATIVE


def _person_pronoun_after(doc: Doc, group: list[Cand]) -> bool:
    """A he/she in the same sentence after a mention: the name may be a person."""
    for c in group:
        sent = doc[c.start].sent
        if any(t.lower_ in _PERSON_PRONOUNS for t in doc[c.end : sent.end]):
            return True
    return False


def _part_of_full_name(word: str, cands: list[Cand]) -> bool:
    return any(c.etype == "Person" and word in c.text.split()[:-1] for c in cands)


def _short_forms(
    decided: dict[str, EntityType], by_form: dict[str, list[Cand]], cands: list[Cand]
) -> None:
    """One-word mentions of a re-typed name follow it: its short form ("Redmarsh" for
    "Redmarsh United", "Tane" for "River Tane") and any word of it that only the
    surname rule made a person ("Rangers"). An untitled PERSON-tagged first word of an
    organisation's name is that organisation ("Veltro" beside "Veltro Telecom"). Never a
    word that is a person's surname in the article ("Dell" beside "Michael Dell")."""
    surnames = {
        cn.lookup_form(c.text).split()[-1] for c in cands
        if c.etype == "Person" and " " in c.text
    }
    for form, kind in decided.items():
        words = form.split()
        if len(words) < 2 or kind == "Person":
            continue
        short = words[-1] if form.split()[0].title() in NAME_FIRST_HEADS else words[0]
        for word in words:
            if word in decided:
                continue
            for c in by_form.get(word, []):
                if c.titles or c.etype != "Person":
                    continue
                if c.label != "PERSON" or (word == short and word not in surnames):
                    c.etype = kind  # "Rangers" made a person only as "Eastmere Rangers"
    firsts = {
        cn.lookup_form(c.text).split()[0] for c in cands
        if c.etype == "Organization" and " " in c.text
    }
    for word in firsts - set(decided) - surnames:
        group = by_form.get(word, [])
        if group and all(c.label == "PERSON" and not c.titles for c in group):
            for c in group:
                c.etype = "Organization"


def _maker_and_model(cands: list[Cand]) -> None:
    """"the Vauxhall Frontera" beside "the Frontera" (a product): a multi-word name typed
    a person or place whose last word is a one-word product of the article, after a
    first word that names an organisation there or nothing else, is that product's full
    name (maker + model)."""
    products = {c.text for c in cands if c.etype == "Product" and " " not in c.text}
    if not products:
        return
    given = {  # first names of the article's people ("Ford" in "Ford Puma" is no one's)
        c.text.split()[0] for c in cands
        if c.etype == "Person" and " " in c.text and c.text.split()[-1] not in products
    }
    for c in cands:
        words = c.text.split()
        if c.etype in ("Person", "Place") and len(words) > 1 and words[-1] in products and (
            not c.titles and words[0] not in given
        ):
            c.etype = "Product"


def _opponents(doc: Doc, cands: list[Cand], by_form: dict[str, list[Cand]]) -> None:
    """"Sutton Vale beat Farnley Town": the two sides of a contest are of one kind.

    A side the model tagged PERSON facing a club becomes a club; a multi-word name typed
    Place or Organization (not a known place, no head word of its kind) facing a person
    becomes a person.
    """
    verbs = [
        i for i, part in enumerate(tokens.pos(doc))
        if part == "VERB" and (
            (lemma := doc[i].lemma_.lower()) in _CONTEST_VERBS or lemma in _CONTEST_PREPS
        )
    ]
    if not verbs:
        return
    at_root = {doc[c.start : c.end].root.i: c for c in cands}
    for i in verbs:
        verb = doc[i]
        lemma = verb.lemma_.lower()
        scored = bool(_SCORE.search(doc[verb.left_edge.i : verb.right_edge.i + 1].text))
        if lemma not in _CONTEST_VERBS and not scored:
            continue  # "loses it to Birmingham": a contest only with a score
        sides = [_side(verb, ("nsubj",)), _side(verb, ("dobj", "nsubjpass"))]
        sides[1] += _prep_side(verb)
        if not any(ch.dep_ in ("nsubj", "nsubjpass") for ch in verb.children) and (
            verb.dep_ in ("advcl", "xcomp", "conj")
        ):
            sides[0] = _side(verb.head, ("nsubj",))  # "..., beating the Czech pair X"
        named = [[at_root[t.i] for t in side if t.i in at_root] for side in sides]
        for mine, theirs in (named, named[::-1]):
            kinds: set[str] = {c.etype for c in theirs}
            for c in mine:
                new = _opponent_kind(c, kinds, scored=scored)
                if new is not None:
                    for same in by_form.get(cn.lookup_form(c.text), [c]):
                        same.etype = new


def _side(verb: Token, deps: tuple[str, ...]) -> list[Token]:
    """The heads filling ``deps`` of ``verb`` (a passive's "by" agent as subject), with
    their conjuncts and appositions."""
    found = [ch for ch in verb.children if ch.dep_ in deps]
    if "nsubj" in deps:
        found += [g for ch in verb.children if ch.dep_ == "agent" for g in ch.children
                  if g.dep_ == "pobj"]
    out: list[Token] = []
    for tok in found:
        out += [t for t in tok.subtree if t.i == tok.i or t.dep_ in ("conj", "appos")]
    return out


def _prep_side(verb: Token) -> list[Token]:
    """The other side after a contest verb's preposition ("lost 3-0 at home to X", "drew
    1-1 with X"), the preposition hung on the verb or on its score."""
    preps = _CONTEST_PREPS.get(verb.lemma_.lower())
    if not preps:
        return []
    holders = [verb, *(ch for ch in verb.children if ch.dep_ in ("dobj", "npadvmod", "advmod"))]
    out: list[Token] = []
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ == "prep" and prep.lower_ in preps:
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        out += [t for t in obj.subtree
                                if t.i == obj.i or t.dep_ in ("conj", "appos")]
    return out


def _opponent_kind(c: Cand, kinds: set[str], *, scored: bool = False) -> EntityType | None:
    if c.titles or not _retypable(c):
        return None
    if scored and kinds == {"Place"} and c.label == "PERSON" and c.etype == "Person":
        return "Organization"  # "Saracens lost 19-17 to Gloucester": a town's club
    if "Organization" in kinds and "Person" not in kinds and c.label == "PERSON" and (
        c.etype == "Person"
    ):
        return "Organization"
    if "Person" in kinds and "Organization" not in kinds and (
        c.etype in ("Place", "Organization") and " " in c.text and name_kind(c.text) is None
    ):
        return "Person"
    if c.etype == "Place" and "Person" not in kinds and name_kind(c.text) is None:
        return "Organization"  # "Porto beat Benfica 2-1": a town beats no one, its club does
    return None


# -------------------------------------------------------------------------- prizes

#: Last words of a prize's name ("the Jury Prize", "the Ashford Award").
PRIZE_WORDS = frozenset({"Prize", "Award", "Awards", "Trophy", "Medal", "Prizes"})
#: Verbs whose object is a prize when it is a name the model took for a building,
#: product, company or work ("won the Golden Lantern", "received the Silver Bear").
_WINNING_VERBS = frozenset({"win", "receive", "collect", "scoop", "accept", "claim", "award",
                            "present", "share", "take"})
#: Labels the small model gives prizes ("Golden Bear" FAC, "Jury Prize" ORG/WORK_OF_ART).
_PRIZE_LABELS = frozenset({"FAC", "PRODUCT", "ORG", "WORK_OF_ART"})


def _prizes(doc: Doc, by_form: dict[str, list[Cand]], decided: dict[str, EntityType]) -> set[int]:
    """The candidates (ids) that name a prize. A prize is no building, product, company
    or work, and the ontology has no class for it: a name ending in a prize word ("Jury
    Prize", "Booker Award") that the model labelled FAC, PRODUCT, ORG or WORK_OF_ART,
    or one won, received or shared ("won the Golden Lantern") labelled FAC, PRODUCT or
    WORK_OF_ART (a company is won as a client), with no kind stated for it in the
    text, is no entity (a wrong type would be worse); the statement keeps its words.
    Every mention of the form follows."""
    found: set[int] = set()
    for form, group in by_form.items():
        if form in decided or not all(c.label in _PRIZE_LABELS for c in group):
            continue
        text = group[0].text
        if name_kind(text) is not None and text.split()[-1] not in PRIZE_WORDS:
            continue  # "... Stadium", "... Festival": the head word said the kind
        prize = text.split()[-1] in PRIZE_WORDS and " " in text
        if not prize and all(c.label != "ORG" for c in group):  # "won Acme as a client"
            prize = any(_won(doc[c.start : c.end].root) for c in group)
        if prize:
            found.update(id(c) for c in group)
    return found


def _won(head: Token) -> bool:
    """"won the Golden Lantern", "the Golden Lantern was awarded to ...": the name is
    what a winning verb's object (or passive subject) names."""
    verb = head.head
    if head.dep_ == "dobj":
        return verb.lemma_.lower() in _WINNING_VERBS and verb.pos_ == "VERB"
    if head.dep_ == "nsubjpass":
        return verb.lemma_.lower() in ("award", "present", "give", "share")
    return False


# ----------------------------------------------------------------------- non-names


def _not_a_name(doc: Doc, c: Cand, cands: list[Cand]) -> bool:
    """Units, capitalised sentence openers and role acronyms: not named entities."""
    if cn.lookup_form(c.text) in UNIT_ABBREVIATIONS or _NUMBER_UNIT.match(c.text):
        return True  # "Kbps", "450p", "12bn": a unit or a quantity
    if c.etype in ("Country", "Group") or c.titles:
        return False
    return _sentence_opener(doc, c, cands) or _role_acronym(doc, c)


def _sentence_opener(doc: Doc, c: Cand, cands: list[Cand]) -> bool:
    """"Dementia affects ...": a capitalised common noun opening a sentence."""
    word = c.text
    if " " in word or not word.isalpha() or word.isupper() or not word[1:].islower():
        return False
    same = [o for o in cands if o.text == word]
    if not all(doc[o.start].is_sent_start for o in same):
        return False
    return word.lower() in tokens.noun_texts(doc)


def _role_acronym(doc: Doc, c: Cand) -> bool:
    """"Dunmore's MSP, Fiona Baird": an acronym with a person's name in apposition."""
    if not (c.text.isupper() and c.end - c.start == 1):
        return False
    tok = doc[c.start]
    if not any(ch.dep_ in ("poss", "det") for ch in tok.children):
        return False
    return any(ch.dep_ == "appos" and ch.ent_type_ == "PERSON" for ch in tok.children)


def _defined_acronyms(doc: Doc, cands: list[Cand]) -> None:
    """Give every mention of an acronym the text defines the type of its definition.

    "the Liberal Union (LU)" or "LU, the Liberal Union": the name right before the
    parenthesis, or the acronym's apposition. An acronym defined by common nouns
    ("megawatts (MW)") is dropped as a name.
    """
    by_end = {c.end: c for c in cands}
    by_start = {c.start: c for c in cands}
    defined: dict[str, Cand | None] = {}
    words = tokens.texts(doc)
    for i in range(1, len(words) - 1):
        if not _acronym(words[i]):
            continue
        tok = doc[i]
        if doc[tok.i - 1].text == "(" and doc[tok.i + 1].text == ")" and tok.i >= 2:
            name = by_end.get(tok.i - 1)
            before = doc[tok.i - 2]
            if name is not None and " " in name.text:
                defined.setdefault(tok.text, name)
            elif before.pos_ == "NOUN" and before.text.islower():
                defined.setdefault(tok.text, None)
        for ch in tok.children:
            if ch.dep_ == "appos" and doc[ch.left_edge.i].lower_ == "the":
                name = next((by_start[i] for i in range(ch.left_edge.i, ch.i + 1)
                             if i in by_start and " " in by_start[i].text), None)
                if name is not None:
                    defined.setdefault(tok.text, name)
    if not defined:
        return
    keep = []
    for c in cands:
        if c.text in defined:
            name = defined[c.text]
            if name is None:
                continue
            if name.etype not in ("Country",):
                c.etype, c.label = name.etype, name.label
        keep.append(c)
    cands[:] = keep


def _acronym(word: str) -> bool:
    return 2 <= len(word) <= 6 and word.isupper() and word.isalpha()
