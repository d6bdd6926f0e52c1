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

#: Common nouns that say what kind of thing a name is when they describe it ("the band
#: Northern Glass", "Veltro, the carmaker", "X is an album"): lemma → ontology type.
#: Closed classes of head nouns, one per type; role nouns (:data:`ROLE_NOUNS`) are people.
KIND_NOUNS: dict[str, str] = {
    **{w: "Person" for w in (
        "striker", "midfielder", "defender", "goalkeeper", "winger", "forward", "captain",
        "drummer", "guitarist", "bassist", "vocalist", "frontman", "frontwoman", "rapper",
        "musician", "composer", "pianist", "violinist", "conductor", "athlete", "sprinter",
        "runner", "cyclist", "swimmer", "boxer", "golfer", "jockey", "driver", "rider",
        "footballer", "cricketer", "batsman", "bowler", "teenager", "councillor", "mp",
        "lawyer", "barrister", "solicitor", "journalist", "reporter", "editor", "teacher",
        "professor", "lecturer", "nurse", "surgeon", "physician", "historian", "artist",
        "painter", "poet", "playwright", "filmmaker", "presenter", "chef",
        "farmer", "fisherman", "widow", "widower", "wife", "husband", "son", "daughter",
        "mother", "father", "brother", "sister", "saint", "spokesman", "spokeswoman",
        "analyst", "investor", "owner", "resident", "woman", "man", "boy", "girl",
    )},
    **{w: "Organization" for w in (
        "band", "club", "team", "firm", "company", "party", "label", "charity", "bank",
        "union", "council", "agency", "authority", "ministry", "department", "university",
        "college", "institute", "foundation", "association", "federation", "trust",
        "retailer", "carmaker", "automaker", "manufacturer", "maker", "utility", "operator",
        "airline", "insurer", "lender", "newspaper", "publisher", "broadcaster", "startup",
        "start-up", "conglomerate", "supplier", "builder", "studio", "chain",
        "regulator", "committee", "commission", "movement", "alliance", "coalition",
        "orchestra", "choir", "outfit", "squad", "group", "side", "business",
        "chipmaker", "distributor", "fund", "exchange", "school",
        "network", "organisation", "organization", "consortium", "cooperative", "league",
        "drugmaker", "steelmaker", "planemaker", "shipbuilder", "brewer", "miner", "refiner",
        "grocer", "supermarket", "telecom",
    )},
    **{w: "CreativeWork" for w in (
        "album", "film", "movie", "song", "single", "book", "novel", "memoir", "show",
        "series", "sitcom", "drama", "documentary", "play", "musical", "opera", "painting",
        "poem", "ep", "soundtrack", "comedy", "thriller", "biopic", "anthology", "podcast",
        "sequel", "trilogy", "ballad",
    )},
    **{w: "Event" for w in (
        "festival", "tournament", "election", "championship", "marathon", "ceremony",
        "summit", "conference", "expo", "exhibition", "fair", "concert", "competition",
        "contest", "olympics", "games", "derby", "race", "referendum", "war", "battle",
    )},
    **{w: "Facility" for w in (
        "stadium", "arena", "ground", "airport", "theatre", "theater", "bridge", "venue",
        "hall", "hospital", "station", "prison", "museum", "gallery", "library",
        "cathedral", "church", "mosque", "temple", "tower", "mall", "hotel", "resort",
        "warehouse", "tunnel", "dam", "cinema", "racecourse", "circuit", "abbey",
    )},
    **{w: "Product" for w in (
        "headset", "phone", "smartphone", "handset", "device", "console", "laptop", "tablet",
        "computer", "car", "vehicle", "drug", "vaccine", "app", "software", "chip",
        "processor", "aircraft", "jet", "plane", "gadget", "camera", "smartwatch",
        "engine", "robot", "chatbot", "browser",
    )},
    # vehicles and vessels are products (the ontology's class for made things); kept
    # apart (:data:`VEHICLE_NOUNS`) because "the Arran ferry" names a route, not a ship
    **{w: "Product" for w in (
        "ship", "vessel", "ferry", "catamaran", "yacht", "tanker", "freighter", "boat",
        "submarine", "liner", "trawler", "warship", "frigate", "hatchback", "saloon", "suv",
        "crossover", "turboprop", "airliner", "helicopter", "lorry", "truck", "locomotive",
        "motorbike", "motorcycle", "scooter", "rocket", "satellite", "drone",
    )},
    **{w: "Place" for w in (
        "town", "city", "village", "river", "region", "county", "district", "island",
        "province", "suburb", "borough", "valley", "lake", "mountain", "street", "road",
        "neighbourhood", "neighborhood", "capital", "port", "state",
    )},
    **{w: "Law" for w in (
        "act", "law", "bill", "treaty", "convention", "regulation", "directive",
        "constitution", "statute", "amendment",
    )},
}

#: Last words of a name that say its kind whatever the model's label ("Redmarsh United",
#: "Italian Open", "Philippine Autonomy Act"), matched as written (capitalised).
NAME_HEADS: dict[str, str] = {
    **{w: "Facility" for w in (
        "Stadium", "Arena", "Airport", "Theatre", "Theater", "Bridge", "Hospital",
        "Station", "Museum", "Gallery", "Cathedral", "Racecourse", "Velodrome",
        "Terminal", "Hall", "Hotel", "Prison", "Library", "Cinema", "Church", "Abbey",
        "Temple", "Mosque", "Tower", "Pier", "Oval", "Circuit", "Speedway", "Mall",
        "Stadion", "Ground",
    )},
    **{w: "Event" for w in (
        "Festival", "Open", "Cup", "Championship", "Championships", "Games", "Olympics",
        "Marathon", "Tournament", "Election", "Expo", "Grand Prix", "Meet", "Derby",
    )},
    **{w: "Law" for w in ("Act", "Treaty", "Directive", "Constitution", "Statute")},
    **{w: "Place" for w in (
        "Street", "Road", "Lane", "Avenue", "Square", "Boulevard", "Valley", "Island",
        "Islands", "Province", "District",
    )},
    **{w: "Organization" for w in (
        "FC", "AFC", "United", "Rovers", "Rangers", "Athletic", "Wanderers", "Albion",
        "Records", "Recordings", "Party", "Union", "Front", "Bloc", "Council", "Agency",
        "Authority", "Ministry", "Department", "University", "College", "Institute",
        "Foundation", "Association", "Federation", "Trust", "Society",
        "Commission", "Committee", "Police", "Pictures", "Studios", "Press", "Telecom",
        "Airways", "Partners", "Capital", "Securities", "Research",
        "Orchestra", "Choir", "Airlines", "Ferries", "Motors", "Group", "Holdings",
        "Airports", "Railways",
        # nicknames that end the names of sports clubs ("Leicester Tigers", "Sale Sharks")
        "Saints", "Sharks", "Falcons", "Bears", "Tigers", "Chiefs", "Lions", "Eagles",
        "Wolves", "Warriors", "Dragons", "Knights", "Giants", "Rhinos", "Bulls", "Hawks",
        "Panthers", "Raiders", "Titans", "Hornets", "Magpies", "Canaries", "Seagulls",
    )},
}
#: Vehicle and vessel nouns of :data:`KIND_NOUNS` (Product): a descriptor ("the ship X",
#: "X, a catamaran") types the name, but a name written before one is often a route or
#: a place ("the Arran ferry"), so they do not make product names by position.
VEHICLE_NOUNS: frozenset[str] = frozenset({
    "ship", "vessel", "ferry", "catamaran", "yacht", "tanker", "freighter", "boat",
    "submarine", "liner", "trawler", "warship", "frigate", "hatchback", "saloon", "suv",
    "crossover", "turboprop", "airliner", "helicopter", "lorry", "truck", "locomotive",
    "motorbike", "motorcycle", "scooter", "rocket", "satellite", "drone",
})
#: Last words of sports clubs named after their town ("Yeovil Town", "Exeter City",
#: "Derby County"): an organisation when the model did not tag the name as a place
#: ("Mexico City", "Cape Town" are tagged GPE and stay places).
CLUB_TOWN_HEADS: frozenset[str] = frozenset({"Town", "City", "County", "Borough"})
#: First words of a name that say its kind ("River Tane", "Lake Geneva", "Mount Kenya").
#: Facilities named in other languages put the kind first ("Estadio do Dragao",
#: "Aeroporto di Milano", "Stade de France"); so do some sports clubs ("Real Betis",
#: "Sporting Lisbon", "Olympique Lyon", "AS Roma").
NAME_FIRST_HEADS: dict[str, str] = {
    "River": "Place", "Lake": "Place", "Mount": "Place", "Cape": "Place", "Isle": "Place",
    "Fort": "Place",
    # ship prefixes ("MV Loch Fyne", "HMS Belfast"): vessels, typed Product
    **{w: "Product" for w in ("MV", "HMS", "RMS", "USS", "HMAS", "HMCS", "RV", "MT")},
    **{w: "Facility" for w in (
        "Estadio", "Estádio", "Stadio", "Stade", "Stadion", "Aeropuerto", "Aeroporto",
        "Aéroport", "Flughafen", "Teatro", "Théâtre", "Museo", "Musée", "Museu", "Palacio",
        "Palazzo", "Gare", "Estación", "Estação", "Puente", "Ponte", "Castillo", "Castello",
    )},
    **{w: "Organization" for w in (
        "Real", "Sporting", "Atletico", "Atlético", "Olympique", "Dynamo", "Dinamo",
        "Borussia", "FC", "AC", "AS", "SS", "SC", "CF", "CD", "SV", "VfB", "VfL",
    )},
}
#: Unit abbreviations that the model tags as names ("Kbps", "MW"): never an entity.
UNIT_ABBREVIATIONS: frozenset[str] = frozenset({
    "kbps", "mbps", "gbps", "kb", "mb", "gb", "tb", "mw", "kw", "gw", "kwh", "mwh", "gwh",
    "twh", "mph", "kph", "km", "kg", "mg", "ml", "cm", "mm", "hz", "khz", "mhz", "ghz",
    "bpd", "mtoe", "psi", "rpm", "fps",
})
