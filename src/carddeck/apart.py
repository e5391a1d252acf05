"""Work done in a second process while this one goes on: ``fork``, a pipe, the result back.

In: a function whose result can be pickled (the build's: each file's PDF bytes, page count and
layout notes). Out: that result, made by a forked copy of this process on another core, or
``None`` when that was not possible or did not succeed; the caller then does the work itself,
so a failure shows up where it would have without this module (with its own message and
traceback).

The build lays out and draws the files beside the cards over there, while this process draws
the cards and their contact sheet: the same code on the same data (a fork is a copy of the
process after the cards' layout), so the bytes are the same as when one process makes them all.
A fork is used only when it is sound: on POSIX, with more than one core to run on, and in a
process with one thread (a fork copies a lock that another thread holds, never the thread that
would release it). The result is unpickled only from the child this process forked.
"""

from __future__ import annotations

import gc
import os
import pickle
import threading
from typing import Any, Callable


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def can_fork() -> bool:
    """True when a forked worker can run beside this process: POSIX, 2+ cores, one thread."""
    return hasattr(os, "fork") and _cores() > 1 and threading.active_count() == 1


class Pending:
    """Work being done in a forked child; :meth:`result` waits for it."""

    def __init__(self, pid: int, fd: int):
        self.pid, self.fd = pid, fd

    def result(self) -> Any:
        """The job's result, or None when the child failed (exited non-zero or sent a short answer)."""
        chunks = []
        with os.fdopen(self.fd, "rb") as pipe:
            while chunk := pipe.read(1 << 20):
                chunks.append(chunk)
        _, status = os.waitpid(self.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            return None
        try:
            return pickle.loads(b"".join(chunks))
        except (pickle.UnpicklingError, EOFError):
            return None


def start(job: Callable[[], Any]) -> Pending | None:
    """Run ``job`` in a forked child and return at once; None when no fork is made (see
    :func:`can_fork`). Call :meth:`Pending.result` exactly once to collect its result."""
    if not can_fork():
        return None
    read, write = os.pipe()
    try:
        pid = os.fork()
    except OSError:  # no memory or process slot for a copy: the caller does the work
        os.close(read)
        os.close(write)
        return None
    if pid == 0:  # the child: do the job, send the bytes, leave without running the parent's exit code
        code = 1
        try:
            os.close(read)
            gc.disable()  # short-lived: a collection would only copy the parent's pages
            blob = pickle.dumps(job(), pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write, "wb") as pipe:
                pipe.write(blob)
            code = 0
        finally:
            os._exit(code)
    os.close(write)
    return Pending(pid, read)
