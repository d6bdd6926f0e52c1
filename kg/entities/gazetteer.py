"""Small word lists that entity resolution needs and no installed package provides.

Everything here is data, kept in one place so it can be reviewed and extended:

* country name variants pycountry does not know ("US", "Britain", "Russia"),
* capitals and seats of government used metonymically for a state ("Beijing",
  "the White House") — pycountry has no capitals, nor does any other installed package,
* demonyms ("Chinese" → CN) — pycountry has none either,
* person titles ("Mr", "President") and their gender where the title says it,
* nouns that mark a business context ("Ford shares", "shares of Dell"),
* corporate suffixes ("Inc", "Technologies"), whose removal gives a short form,
* speech and cognition verbs, whose subjects are people or organisations,
* role nouns that describe people ("president", "official"), used to recognise
  definite descriptions such as "the US president".

Names are matched lower-cased with dots removed ("U.S." → "us").
"""

from __future__ import annotations

#: Country name variants → ISO 3166 alpha-2, for names pycountry's lookup misses.
COUNTRY_ALIASES: dict[str, str] = {
    "us": "US", "usa": "US", "america": "US", "united states of america": "US",
    "the states": "US",
    "uk": "GB", "britain": "GB", "great britain": "GB", "england": "GB",
    "russia": "RU", "south korea": "KR", "korea": "KR", "north korea": "KP",
    "turkey": "TR", "iran": "IR", "syria": "SY", "vietnam": "VN", "laos": "LA",
    "bolivia": "BO", "venezuela": "VE", "tanzania": "TZ", "moldova": "MD",
    "czech republic": "CZ", "ivory coast": "CI", "palestine": "PS", "taiwan": "TW",
    "the netherlands": "NL", "holland": "NL", "uae": "AE", "prc": "CN",
    "mainland china": "CN", "congo": "CD", "drc": "CD", "dr congo": "CD",
    "democratic republic of congo": "CD", "burma": "MM",
}

#: Short English names for countries whose pycountry name is a formal one.
COUNTRY_NAMES: dict[str, str] = {
    "RU": "Russia", "KR": "South Korea", "KP": "North Korea", "IR": "Iran", "SY": "Syria",
    "VE": "Venezuela", "BO": "Bolivia", "TZ": "Tanzania", "MD": "Moldova", "TW": "Taiwan",
    "VN": "Vietnam", "LA": "Laos", "CD": "DR Congo", "PS": "Palestine", "GB": "United Kingdom",
}

#: Capitals (and seats of government) → the country they stand for when used as actors.
CAPITALS: dict[str, str] = {
    "beijing": "CN", "washington": "US", "washington dc": "US", "moscow": "RU",
    "london": "GB", "paris": "FR", "berlin": "DE", "tokyo": "JP", "kyiv": "UA",
    "kiev": "UA", "tehran": "IR", "ankara": "TR", "new delhi": "IN", "delhi": "IN",
    "islamabad": "PK", "brasilia": "BR", "ottawa": "CA", "canberra": "AU", "rome": "IT",
    "madrid": "ES", "seoul": "KR", "pyongyang": "KP", "cairo": "EG", "riyadh": "SA",
    "damascus": "SY", "baghdad": "IQ", "kabul": "AF", "caracas": "VE", "havana": "CU",
    "mexico city": "MX", "taipei": "TW", "warsaw": "PL", "minsk": "BY", "budapest": "HU",
    "vienna": "AT", "stockholm": "SE", "oslo": "NO", "copenhagen": "DK", "helsinki": "FI",
    "dublin": "IE", "lisbon": "PT", "athens": "GR", "pretoria": "ZA", "nairobi": "KE",
    "abuja": "NG", "buenos aires": "AR", "hanoi": "VN", "jakarta": "ID", "manila": "PH",
    "bangkok": "TH", "doha": "QA", "tel aviv": "IL", "bern": "CH", "brussels": "BE",
}

#: Buildings standing for a government → (organisation name, country code).
SEATS: dict[str, tuple[str, str]] = {
    "white house": ("White House", "US"),
    "kremlin": ("Kremlin", "RU"),
    "downing street": ("Downing Street", "GB"),
    "elysee": ("Elysee", "FR"),
    "élysée": ("Elysee", "FR"),
    "pentagon": ("Pentagon", "US"),
    "blue house": ("Blue House", "KR"),
}

#: Demonyms (singular; plural "-s" forms are reduced before lookup) → country code.
DEMONYMS: dict[str, str] = {
    "american": "US", "chinese": "CN", "british": "GB", "russian": "RU", "french": "FR",
    "german": "DE", "japanese": "JP", "indian": "IN", "pakistani": "PK", "iranian": "IR",
    "israeli": "IL", "palestinian": "PS", "ukrainian": "UA", "mexican": "MX",
    "canadian": "CA", "brazilian": "BR", "turkish": "TR", "italian": "IT", "spanish": "ES",
    "dutch": "NL", "korean": "KR", "south korean": "KR", "north korean": "KP",
    "australian": "AU", "saudi": "SA", "syrian": "SY", "iraqi": "IQ", "afghan": "AF",
    "egyptian": "EG", "polish": "PL", "swedish": "SE", "norwegian": "NO", "danish": "DK",
    "finnish": "FI", "irish": "IE", "greek": "GR", "taiwanese": "TW", "vietnamese": "VN",
    "venezuelan": "VE", "cuban": "CU", "argentine": "AR", "argentinian": "AR",
    "nigerian": "NG", "kenyan": "KE", "belgian": "BE", "swiss": "CH", "austrian": "AT",
    "hungarian": "HU", "portuguese": "PT", "qatari": "QA", "omani": "OM", "thai": "TH",
    "indonesian": "ID", "filipino": "PH", "belarusian": "BY", "scottish": "GB",
    "welsh": "GB", "english": "GB",
}

#: Titles that precede a person's name; value: "m", "f", or "" when the title says no gender.
TITLES: dict[str, str] = {
    "mr": "m", "mister": "m", "sir": "m", "lord": "m", "king": "m", "prince": "m",
    "ms": "f", "mrs": "f", "miss": "f", "dame": "f", "lady": "f", "queen": "f",
    "princess": "f", "dr": "", "doctor": "", "prof": "", "professor": "",
    "president": "", "chancellor": "", "premier": "", "minister": "", "senator": "",
    "sen": "", "rep": "", "representative": "", "governor": "", "gov": "", "mayor": "",
    "judge": "", "justice": "", "general": "", "gen": "", "colonel": "", "col": "",
    "captain": "", "capt": "", "admiral": "", "pope": "", "cardinal": "", "bishop": "",
    "rabbi": "", "imam": "", "sheikh": "", "secretary": "", "ambassador": "",
    "commissioner": "", "speaker": "", "chairman": "", "chairwoman": "", "chair": "",
    "director": "", "inspector": "", "sergeant": "", "officer": "", "coach": "",
    "prime": "", "vice": "", "deputy": "", "former": "", "acting": "", "late": "",
    "first": "",
}

#: Head nouns of descriptions that denote a person ("the US president", "the official").
ROLE_NOUNS: frozenset[str] = frozenset({
    "president", "prime minister", "minister", "premier", "chancellor", "leader",
    "secretary", "secretary-general", "official", "spokesman", "spokeswoman",
    "spokesperson", "ambassador", "envoy", "diplomat", "governor", "mayor", "senator",
    "congressman", "congresswoman", "lawmaker", "king", "queen", "prince", "princess",
    "pope", "founder", "chairman", "chairwoman", "executive", "ceo", "boss", "director",
    "actor", "actress", "singer", "author", "novelist", "writer", "player", "coach",
    "manager", "commissioner", "chief", "general", "commander", "judge", "prosecutor",
    "candidate", "monarch", "emperor", "dictator", "politician", "billionaire",
    "entrepreneur", "economist", "scientist", "researcher", "doctor", "officer",
    "negotiator", "adviser", "advisor", "aide", "administrator", "head", "governor-general",
    "chief executive", "foreign minister", "defence minister", "defense secretary",
})

#: Role nouns that name a single office holder, where a unique salient person is a safe
#: antecedent of "the <role>" even without an explicit earlier role cue.
OFFICE_NOUNS: frozenset[str] = frozenset({
    "president", "prime minister", "premier", "chancellor", "secretary-general", "founder",
    "actor", "actress", "singer", "author", "novelist", "king", "queen", "pope", "monarch",
    "billionaire", "entrepreneur", "leader", "governor", "mayor", "chief executive",
})

#: Nouns whose modifier or "of"-object is a company: "Ford shares", "shares of Dell".
COMPANY_NOUNS: frozenset[str] = frozenset({
    "share", "stock", "shareholder", "investor", "customer", "employee", "worker",
    "factory", "plant", "dealer", "dealership", "car", "vehicle", "model", "brand",
    "product", "profit", "revenue", "sale", "earnings", "subsidiary", "unit",
    "headquarters", "executive", "ceo", "board", "supplier", "store", "founder",
})

#: Last words that mark a company's full name ("Dell Technologies", "Tata Motors"):
#: the name without them is a short form of the same company. Matched lower-cased,
#: dots removed.
CORPORATE_SUFFIXES: frozenset[str] = frozenset({
    "inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited",
    "plc", "llc", "lp", "ag", "sa", "se", "nv", "bv", "gmbh", "spa", "ab", "asa",
    "group", "holdings", "holding", "technologies", "technology", "motors", "motor",
    "industries", "electronics", "systems", "enterprises", "airlines", "pharmaceuticals",
})
