"""The garbage collector during a build and at a command's exit (carddeck.collector)."""

import gc
import subprocess
import sys

import pytest


@pytest.fixture(autouse=True)
def _unfrozen():
    yield
    gc.unfreeze()  # what a paused block froze goes back to the collector, for the other tests


def test_a_paused_collector_is_back_as_it_was_after_the_work():
    from carddeck import collector

    assert gc.isenabled()
    with collector.paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with collector.paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # it was off: it stays off
    finally:
        gc.enable()


def test_a_paused_collector_is_back_after_an_error_too():
    from carddeck import collector

    @collector.paused()
    def fails():
        assert not gc.isenabled()
        raise ValueError("the deck was wrong")

    with pytest.raises(ValueError):
        fails()
    assert gc.isenabled()


def test_cycles_one_paused_build_leaves_are_collected_when_the_next_starts():
    import weakref

    from carddeck import collector

    class Node:
        pass

    with collector.paused():
        node = Node()
        node.itself = node  # a cycle: only the collector frees it
        gone = weakref.ref(node)
        del node
    gc.collect()
    assert gone() is not None  # frozen at the end of the build: no collection walks it
    with collector.paused():
        assert gone() is None


def test_a_command_ends_with_what_is_alive_frozen_not_collected():
    # atexit runs the last registered first: the check, registered before, sees the freeze.
    code = (
        "import atexit, gc\n"
        "atexit.register(lambda: print('frozen' if gc.get_freeze_count() else 'not frozen'))\n"
        "from carddeck import collector\n"
        "collector.skip_at_exit()\n"
        "collector.skip_at_exit()\n"
        "print('before exit', gc.get_freeze_count())\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split("\n") == ["before exit 0", "frozen", ""]
