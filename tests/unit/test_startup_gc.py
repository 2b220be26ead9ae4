"""The garbage collector at start-up (explorer/startup_gc.py): held, then resumed with start-up frozen."""

import gc

import pytest

from explorer.startup_gc import hold_garbage_collection, release_garbage_collection


@pytest.fixture
def collector():
    yield
    gc.unfreeze()
    gc.enable()


def test_held_until_released_then_start_up_is_frozen(collector):
    hold_garbage_collection()
    assert not gc.isenabled()
    kept = [[i] for i in range(1000)]  # what start-up makes
    release_garbage_collection()
    assert gc.isenabled()
    assert gc.get_freeze_count() >= len(kept)


def test_release_without_a_hold_changes_nothing(collector):
    frozen = gc.get_freeze_count()
    release_garbage_collection()
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen
