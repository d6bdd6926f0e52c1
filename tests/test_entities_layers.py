"""Entity extraction flows one way (issue 8): each module of ``kg.entities`` imports only
the modules before it in :data:`ORDER` (mentions → evidence → clusters → entities), and
the relation extractor does not reach into it."""

from __future__ import annotations

from test_import_layers import PACKAGE, imports, module_name

#: The modules of kg.entities, helpers first, then the steps in the order they run.
ORDER = (
    "gazetteer",
    "tokens",
    "canonical",
    "mentions",
    "kinds",
    "evidence",
    "clusters",
    "descriptions",
    "references",
    "coref",
    "extract",
    "known",
    "link",
)
ENTITIES = PACKAGE / "entities"


def _all_modules() -> dict[str, set[str]]:
    paths = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {name: imports(path, set(paths)) for name, path in paths.items()}


def test_every_module_has_its_place() -> None:
    present = {p.stem for p in ENTITIES.glob("*.py") if p.stem != "__init__"}
    assert present == set(ORDER)


def test_no_step_imports_a_later_one() -> None:
    found = _all_modules()
    for i, step in enumerate(ORDER):
        inside = {m.removeprefix("kg.entities.") for m in found[f"kg.entities.{step}"]
                  if m.startswith("kg.entities.")}
        later = inside - set(ORDER[:i])
        assert not later, f"kg.entities.{step} imports later steps {sorted(later)}"


def test_entities_use_only_lower_layers() -> None:
    """Only data, lexicons, the model and the config below; the writer (pipeline) calls in
    from above."""
    allowed = {"kg.model", "kg.lexicon", "kg.entities", "kg.extract.config"}
    for name, targets in _all_modules().items():
        if name.startswith("kg.entities"):
            outside = {t for t in targets if not t.startswith("kg.entities.")} - allowed
            assert not outside, f"{name} imports {sorted(outside)}"


def test_extraction_of_statements_does_not_import_entities() -> None:
    for name, targets in _all_modules().items():
        if name.startswith("kg.extract") and name != "kg.extract.config":
            assert not any(t.startswith("kg.entities") for t in targets), name
