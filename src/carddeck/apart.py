"""Work done in a second process while this one goes on: ``fork``, a pipe, bytes back.

In: a function that returns named byte strings (file name → PDF bytes). Out: the same
dictionary, made by a forked copy of this process on another core, or ``None`` when that was
not possible or did not succeed; the caller then does the work itself, so a failure shows up
where it would have without this module (with its own message and traceback).

The build draws cards.pdf here and the other files of the kit over there, each taken by
whichever process is free first (:class:`Shares`): the drawing is the same code on the same data (a fork is a copy of the process after layout), so the bytes are
the same as when one process draws them all. A fork is used only when it is sound: on POSIX,
with more than one core to run on, and in a process with one thread (a fork copies a lock that
another thread holds, never the thread that would release it).
"""

from __future__ import annotations

import gc
import os
import struct
import threading
from typing import Callable

_HEADER = struct.Struct("<II")  # length of the name (UTF-8), length of the data


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def can_fork() -> bool:
    """True when a forked worker can run beside this process: POSIX, 2+ cores, one thread."""
    return hasattr(os, "fork") and _cores() > 1 and threading.active_count() == 1


class Shares:
    """Numbered pieces of work that this process and its forked child both take from, each
    piece once: whoever is free first takes the next, so a slow or busy second process leaves
    more of them to this one. A ``with`` block; make it before :func:`start`.

    A pipe holds one byte per piece (at most 256), its writing end closed at once, and each take
    reads one byte: a read of one byte from a pipe is atomic, and with no writer left a read of
    an empty pipe returns at once.
    """

    def __init__(self, count: int):
        if not 0 <= count <= 256:
            raise ValueError(f"expected 0 to 256 pieces, received {count}")
        self._fd, write = os.pipe()
        try:
            os.write(write, bytes(range(count)))  # far less than a pipe holds: never blocks
        finally:
            os.close(write)

    def take(self) -> int | None:
        """The number of the next piece nobody has taken, or None when all are taken."""
        data = os.read(self._fd, 1)
        return data[0] if data else None

    def drain(self) -> None:
        """Take every piece nobody has taken, to do none of them: the other process then stops
        after the piece it is working on."""
        while self.take() is not None:
            pass

    def __enter__(self) -> Shares:
        return self

    def __exit__(self, *exc) -> None:
        os.close(self._fd)


class Pending:
    """Files being made in a forked child; :meth:`result` waits for them."""

    def __init__(self, pid: int, fd: int):
        self.pid, self.fd = pid, fd

    def result(self) -> dict[str, bytes] | None:
        """The child's files, or None when it failed (exited non-zero or sent a short answer)."""
        chunks = []
        with os.fdopen(self.fd, "rb") as pipe:
            while chunk := pipe.read(1 << 20):
                chunks.append(chunk)
        _, status = os.waitpid(self.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            return None
        return _unpack(b"".join(chunks))


def _pack(files: dict[str, bytes]) -> bytes:
    parts = []
    for name, data in files.items():
        raw = name.encode("utf-8")
        parts += [_HEADER.pack(len(raw), len(data)), raw, data]
    return b"".join(parts)


def _unpack(blob: bytes) -> dict[str, bytes] | None:
    files, at = {}, 0
    while at < len(blob):
        if at + _HEADER.size > len(blob):
            return None
        name_len, data_len = _HEADER.unpack_from(blob, at)
        at += _HEADER.size
        if at + name_len + data_len > len(blob):
            return None
        files[blob[at:at + name_len].decode("utf-8")] = blob[at + name_len:at + name_len + data_len]
        at += name_len + data_len
    return files


def start(job: Callable[[], dict[str, bytes]]) -> Pending | None:
    """Run ``job`` in a forked child and return at once; None when no fork is made (see
    :func:`can_fork`). Call :meth:`Pending.result` exactly once to collect the files."""
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
            blob = _pack(job())
            with os.fdopen(write, "wb") as pipe:
                pipe.write(blob)
            code = 0
        finally:
            os._exit(code)
    os.close(write)
    return Pending(pid, read)
