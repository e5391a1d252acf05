"""When Python's cyclic garbage collector runs in a command: not during a build, not at exit.

A build makes a few hundred thousand objects that live until it ends (the deck's models, the
placed boxes, the fonts' tables, the imported modules) and about a thousand that sit in reference
cycles (a few hundred kilobytes). Collections during the build walk the living objects again and
again, and the interpreter's last collection at exit walks every one of them once more, just
before the process's memory goes back to the system: together about a tenth of a default
build's time, to free nothing that matters. Objects without cycles are freed by their reference
counts either way.

In: a build (:func:`paused` as a ``with`` or a decorator); a process that ends (:func:`skip_at_exit`).
Out: the same results, sooner.
"""

from __future__ import annotations

import atexit
import gc
from contextlib import contextmanager


@contextmanager
def paused():
    """No cyclic collection inside (a ``with`` or a decorator); afterwards the collector is on
    or off as it was.

    What is alive at the end is frozen (``gc.freeze``): starting the collector again would
    otherwise walk at once every object made inside. For work after which the process ends
    (``carddeck build``; ``--watch``, which goes on, keeps the collector on). Should more paused
    work follow in the same process (tests build many kits in one), it first collects what the
    last one left: cycles wait until the next paused work, or the process's end.
    """
    if gc.get_freeze_count():
        gc.unfreeze()
        gc.collect()
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_on:
            gc.enable()


def skip_at_exit() -> None:
    """At this process's exit, freeze what is alive (``gc.freeze``) so that the interpreter's
    last collection does not walk it; it is still freed by reference count, and the memory of
    the few objects in cycles goes back with the process. Safe to call more than once."""
    atexit.unregister(gc.freeze)  # once, however often this is called
    atexit.register(gc.freeze)
