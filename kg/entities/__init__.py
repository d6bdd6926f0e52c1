"""Entities of an article, one way through: mentions → evidence → clusters → entities.

Each module is one step and imports only the modules listed before it
(``tests/test_entities_layers.py`` checks the order):

* :mod:`~kg.entities.gazetteer` — the small word lists no installed package provides;
* :mod:`~kg.entities.tokens` — per-Doc token facts (attribute lists, sentences), computed
  once per Doc and shared by the steps;
* :mod:`~kg.entities.canonical` — name normalisation, country codes, stable keys;
* :mod:`~kg.entities.mentions` — 1. name mentions of a Doc, trimmed and typed;
* :mod:`~kg.entities.kinds` — 2a. what kind of thing a name is, from the text ("the band X",
  "… Stadium", a defined acronym), over the model's label (run from the evidence step);
* :mod:`~kg.entities.evidence` — 2. bare surnames the model typed ORG/GPE/NORP → people,
  PERSON-tagged companies → organisations;
* :mod:`~kg.entities.clusters` — 3. merging name mentions within an article;
* :mod:`~kg.entities.descriptions` — 4. "the US president", "the official";
* :mod:`~kg.entities.coref` — 5. pronouns, and namesakes told apart by gender;
* :mod:`~kg.entities.extract` — 6. the clusters as canonical entities, and
  :func:`~kg.entities.extract.extract_entities`, which runs steps 1-6;
* :mod:`~kg.entities.known` — partial names → entities already in the store (the
  pipeline runs it when it writes into a store);
* :mod:`~kg.entities.link` — statement arguments → entities, and Concept entities.

See ``docs/CONTRACT.md`` for where this sits in the pipeline.
"""
