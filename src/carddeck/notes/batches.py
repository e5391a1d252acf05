"""Calls that go to the database together: many callers' items in, each caller's own result out.

The group commit of notes, generalised: the first call starts a batch at once; calls that come
while it is under way wait and go together in the next one, and so on until none wait. With
few phones a call waits for nothing; with many, a round trip to the database (and the pool
checkout, the statement, the wake-up around it) is shared by every call of the batch, which
is where a worker's CPU went (bench/notes_scale.py).

One :class:`Batches` belongs to one event loop (a PostgreSQL store keeps one per loop and kind
of call); its batches run one at a time.
"""

from __future__ import annotations

import asyncio
from typing import Awaitable, Callable, Sequence

SIZE = 256  # most items in one batch


def first(waiting: list, size: int = SIZE) -> tuple[list, list]:
    """The batch and the rest: the first ``size`` waiting items, in the order they came."""
    return waiting[:size], waiting[size:]


class Batches:
    """Run ``run(items)`` for the items of many callers at a time.

    :param run: a coroutine function: the items of one batch in, one result per item out, in
        the same order; an exception instance as a result is raised to that item's caller only.
        An exception raised by ``run`` itself reaches every caller of the batch (the next batch
        tries again).
    :param pick: ``(waiting) -> (batch, rest)``, which waiting items go together; each waiting
        item is an ``(item, future)`` pair. Default :func:`first`.
    """

    def __init__(self, run: Callable[[list], Awaitable[Sequence]], pick: Callable[[list], tuple[list, list]] = first):
        self._run, self._pick = run, pick
        self._waiting: list[tuple[object, asyncio.Future]] = []
        self._task: asyncio.Future | None = None

    async def __call__(self, item):
        """``item``'s result, once the batch it went in has run (on the running loop)."""
        future = asyncio.get_running_loop().create_future()
        self._waiting.append((item, future))
        if self._task is None or self._task.done():
            self._task = asyncio.ensure_future(self._drain())
        return await future

    async def _drain(self) -> None:
        while self._waiting:
            batch, self._waiting = self._pick(self._waiting)
            try:
                results = await self._run([item for item, _ in batch])
            except Exception as exc:  # tell every caller of this batch; the next one tries again
                results = [exc] * len(batch)
            for (_, future), result in zip(batch, results):
                if future.done():  # its caller stopped waiting
                    continue
                if isinstance(result, BaseException):
                    future.set_exception(result)
                else:
                    future.set_result(result)
