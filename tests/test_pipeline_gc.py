"""The writer's garbage-collector settings (:func:`kg.pipeline.few_collections`) are
scoped: a Python caller's process gets its own settings back, even after an error."""

from __future__ import annotations

import gc

import pytest

from kg.pipeline import few_collections


def test_settings_hold_inside_and_are_restored_after() -> None:
    before = gc.get_threshold()
    frozen = gc.get_freeze_count()
    with few_collections(12_345):
        assert gc.get_threshold() == (12_345, *before[1:])
        assert gc.get_freeze_count() >= frozen
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == frozen


def test_a_callers_frozen_objects_stay_frozen() -> None:
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with few_collections():
            pass
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()


def test_restored_when_the_build_fails() -> None:
    before, frozen = gc.get_threshold(), gc.get_freeze_count()
    with pytest.raises(RuntimeError), few_collections():
        raise RuntimeError("disk full")
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == frozen


def test_cyclic_garbage_is_still_collected_on_request() -> None:
    class Node:
        other: Node

    with few_collections():
        a, b = Node(), Node()
        a.other, b.other = b, a
        del a, b
        assert gc.collect() >= 2
