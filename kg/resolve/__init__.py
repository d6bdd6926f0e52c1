"""Entity resolution: from name mentions to canonical entities (see ``docs/CONTRACT.md``).

* :mod:`~kg.resolve.canonical` — name normalisation, country codes, stable keys;
* :mod:`~kg.resolve.gazetteer` — the small word lists no installed package provides;
* :mod:`~kg.resolve.evidence` — bare surnames the model typed ORG/GPE/NORP → people;
* :mod:`~kg.resolve.names` — merging name mentions within an article;
* :mod:`~kg.resolve.descriptions` — "the US president", "the official";
* :mod:`~kg.resolve.coref` — pronouns;
* :mod:`~kg.resolve.cluster` — the working clusters and their conversion to entities;
* :mod:`~kg.resolve.link` — statement arguments → entities and Concept entities;
* :mod:`~kg.resolve.known` — partial names → entities already in the store.
"""
