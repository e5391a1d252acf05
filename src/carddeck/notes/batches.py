"""Calls that go to the database together: many callers' items in, each caller's own result out.

The group commit of notes, generalised: the first call starts a batch at once; calls that come
while it is under way wait and go together in the next one, and so on until none wait. With
few phones a call waits for nothing; with many, a round trip to the database (and the pool
checkout, the statement, the wake-up around it) is shared by every call of the batch, which
is where a worker's CPU went (bench/notes_scale.py).

Time: with a ``limit``, each item must be answered within ``limit`` seconds of its call. A batch
runs at most until the earliest of its items' deadlines; stopped there, it fails like any failed
batch (every caller of it gets the :class:`TimeoutError`), and the next batch runs. So one hung
statement (a database restarting, a link gone dead) holds up its kind of call for at most
``limit``, never for good. An item whose caller stopped waiting before its batch started (the
caller's own time ran out, or it was cancelled) is dropped, and one whose ``limit`` ran out while
it waited fails without a start: neither is run, so nothing is done for a caller that was told
it failed. A caller that stops waiting while its batch runs is not answered, and the batch goes
on; one that waits ``limit`` from its call (and a little for the stop) always hears its batch's
outcome. At most :data:`WAITING` items wait; one more is refused at once with
:class:`Busy` rather than queued without end.

One :class:`Batches` belongs to one event loop (a PostgreSQL store keeps one per loop and kind
of call); its batches run one at a time.
"""

from __future__ import annotations

import asyncio
from typing import Awaitable, Callable, Sequence

SIZE = 256  # most items in one batch
WAITING = 16 * SIZE  # items that may wait for their batch; one more is refused with Busy


class Busy(RuntimeError):
    """More than :data:`WAITING` calls wait already (the database is slow or gone): refused at once."""


def first(waiting: list, size: int = SIZE) -> tuple[list, list]:
    """The batch and the rest: the first ``size`` waiting items, in the order they came."""
    return waiting[:size], waiting[size:]


class Batches:
    """Run ``run(items)`` for the items of many callers at a time.

    :param run: a coroutine function: the items of one batch in, one result per item out, in
        the same order; an exception instance as a result is raised to that item's caller only.
        An exception raised by ``run`` itself, a stop at the deadline (:class:`TimeoutError`) and
        a result list of another length (:class:`ValueError`) reach every caller of the batch
        (the next batch tries again).
    :param pick: ``(waiting) -> (batch, rest)``, which waiting items go together; each waiting
        item is an ``(item, future, deadline)`` entry, in the order they came, none of them
        answered yet. Default :func:`first`.
    :param limit: seconds within which each call is answered (None: no limit).
    """

    def __init__(self, run: Callable[[list], Awaitable[Sequence]], pick: Callable[[list], tuple[list, list]] = first,
                 limit: float | None = None):
        self._run, self._pick, self._limit = run, pick, limit
        self._waiting: list[tuple[object, asyncio.Future, float | None]] = []
        self._task: asyncio.Future | None = None

    async def __call__(self, item):
        """``item``'s result, once the batch it went in has run (on the running loop).

        :raises Busy: when :data:`WAITING` calls wait already.
        :raises TimeoutError: when its batch did not end within ``limit``.
        """
        if len(self._waiting) >= WAITING:
            raise Busy(f"{len(self._waiting)} calls wait for the database already")
        loop = asyncio.get_running_loop()
        future = loop.create_future()
        self._waiting.append((item, future, None if self._limit is None else loop.time() + self._limit))
        if self._task is None or self._task.done():
            self._task = asyncio.ensure_future(self._drain())
        return await future

    async def _drain(self) -> None:
        batch: list = []
        try:
            while self._waiting:
                # A caller that stopped waiting leaves its item behind, and an item whose time ran
                # out while it waited fails without a start: neither is run.
                now, live = asyncio.get_running_loop().time(), []
                for entry in self._waiting:
                    if entry[2] is not None and entry[2] <= now and not entry[1].done():
                        entry[1].set_exception(TimeoutError())
                    if not entry[1].done():
                        live.append(entry)
                if not live:
                    self._waiting = []
                    break
                batch, self._waiting = self._pick(live)
                deadlines = [deadline for _, _, deadline in batch if deadline is not None]
                try:
                    async with asyncio.timeout_at(min(deadlines) if deadlines else None):
                        results = await self._run([item for item, _, _ in batch])
                    answers = list(zip(batch, results, strict=True))  # a short list fails loudly, here
                except Exception as exc:  # tell every caller of this batch; the next one tries again
                    answers = [(entry, exc) for entry in batch]
                for (_, future, _), result in answers:
                    if future.done():  # its caller stopped waiting
                        continue
                    if isinstance(result, BaseException):
                        future.set_exception(result)
                    else:
                        future.set_result(result)
                batch = []
        except BaseException:  # the drain itself was cancelled (its loop is ending): nobody is left waiting
            for _, future, _ in batch + self._waiting:
                future.cancel()
            self._waiting = []
            raise
