"""Calls that go to the database together (notes/batches.py): who goes in which batch, and who
gets which result or error."""

from __future__ import annotations

import asyncio

import pytest

from carddeck.notes import batches as batches_module
from carddeck.notes.batches import Batches, Busy


def test_calls_that_come_during_a_batch_go_together_in_the_next():
    batches_run = []

    async def run(items):
        batches_run.append(list(items))
        await asyncio.sleep(0.01)  # a round trip to the database
        return [item * 10 for item in items]

    async def main():
        batches = Batches(run)
        first = asyncio.ensure_future(batches(1))
        await asyncio.sleep(0)  # the first batch is under way
        return await asyncio.gather(first, *(batches(i) for i in range(2, 6)))

    assert asyncio.run(main()) == [10, 20, 30, 40, 50]
    assert batches_run == [[1], [2, 3, 4, 5]]


def test_an_error_of_one_item_reaches_its_caller_only_and_a_failed_batch_every_caller_of_it():
    class Refused(Exception):
        pass

    async def run(items):
        if "boom" in items:
            raise RuntimeError("the database failed")
        return [Refused(item) if item == "no" else item.upper() for item in items]

    async def main():
        batches = Batches(run)
        one = await asyncio.gather(batches("ja"), batches("no"), return_exceptions=True)
        two = await asyncio.gather(batches("boom"), batches("ok"), return_exceptions=True)
        return one, two, await batches("again")  # the next batch runs

    one, two, again = asyncio.run(main())
    assert one[0] == "JA" and isinstance(one[1], Refused)
    assert [str(error) for error in two] == ["the database failed"] * 2 and again == "AGAIN"


def test_pick_chooses_who_goes_together():
    sizes = []

    async def run(items):
        sizes.append(len(items))
        return items

    def two_at_a_time(waiting):
        return waiting[:2], waiting[2:]

    async def main():
        batches = Batches(run, two_at_a_time)
        return await asyncio.gather(*(batches(i) for i in range(5)))

    assert asyncio.run(main()) == [0, 1, 2, 3, 4] and sizes == [2, 2, 1]


def bounded(coroutine):
    """Run ``coroutine``, failing (not hanging) when a regression leaves a caller waiting."""
    return asyncio.run(asyncio.wait_for(coroutine, 5))


def test_a_caller_that_stops_waiting_does_not_stop_the_others():
    async def run(items):
        await asyncio.sleep(0.01)
        return items

    async def main():
        batches = Batches(run)
        gone = asyncio.ensure_future(batches("gone"))
        stays = asyncio.ensure_future(batches("stays"))
        await asyncio.sleep(0)
        gone.cancel()
        return await stays

    assert bounded(main()) == "stays"


def test_a_hung_batch_is_stopped_at_its_deadline_and_the_next_batches_run():
    """One hung statement (a server restarting, a link gone dead) fails its own batch only."""
    ran = []

    async def run(items):
        ran.append(list(items))
        if "stuck" in items:
            await asyncio.Event().wait()  # never answers
        return [item.upper() for item in items]

    async def main():
        batches = Batches(run, limit=0.2)
        stuck = asyncio.ensure_future(batches("stuck"))
        await asyncio.sleep(0)  # its batch is under way
        batches._limit = 10  # the calls that come meanwhile have time left once it is stopped
        later = [asyncio.ensure_future(batches(item)) for item in ("later1", "later2")]
        with pytest.raises(TimeoutError):
            await stuck
        return await asyncio.gather(*later), await batches("after"), batches._waiting

    answers, after, waiting = bounded(main())
    assert answers == ["LATER1", "LATER2"] and after == "AFTER" and waiting == []
    assert ran == [["stuck"], ["later1", "later2"], ["after"]]


def _held_while_slow():
    """A batch's run that notes what it ran and holds a batch with "slow" in it until released:
    (run, the batches it ran, the release)."""
    ran, release = [], asyncio.Event()

    async def run(items):
        ran.append(list(items))
        if "slow" in items:
            await release.wait()
        return items

    return run, ran, release


def test_an_item_whose_caller_stopped_waiting_before_its_batch_is_never_run():
    """A caller told "not saved" while its note still waited: that note is not stored later."""
    run, ran, release = _held_while_slow()

    async def main():
        batches = Batches(run)
        slow = asyncio.ensure_future(batches("slow"))
        await asyncio.sleep(0)
        with pytest.raises(TimeoutError):
            await asyncio.wait_for(batches("gave up"), 0.05)
        waits = asyncio.ensure_future(batches("waits"))
        release.set()
        return await slow, await waits

    assert bounded(main()) == ("slow", "waits")
    assert ran == [["slow"], ["waits"]]


def test_an_item_whose_time_ran_out_while_it_waited_fails_without_running():
    run, ran, release = _held_while_slow()

    async def main():
        batches = Batches(run, limit=10)
        slow = asyncio.ensure_future(batches("slow"))
        await asyncio.sleep(0)
        batches._limit = 0  # the next call's time is out at once, while it waits for "slow"
        late = asyncio.ensure_future(batches("late"))
        await asyncio.sleep(0.05)
        release.set()
        return await slow, await asyncio.gather(late, return_exceptions=True)

    slow, (late,) = bounded(main())
    assert slow == "slow" and isinstance(late, TimeoutError) and ran == [["slow"]]


def test_a_short_result_list_fails_every_caller_of_its_batch():
    async def run(items):
        return items[:-1] if "short" in items else items

    async def main():
        batches = Batches(run)
        first = asyncio.ensure_future(batches("first"))
        await asyncio.sleep(0)
        together = await asyncio.gather(batches("short"), batches("other"), return_exceptions=True)
        return await first, together, await batches("again")

    first, together, again = bounded(main())
    assert first == "first" and again == "again"
    assert [type(error) for error in together] == [ValueError, ValueError]


def test_a_cancelled_drain_leaves_no_caller_waiting():
    async def run(items):
        await asyncio.Event().wait()

    async def main():
        batches = Batches(run)
        running = asyncio.ensure_future(batches("running"))
        await asyncio.sleep(0)
        queued = asyncio.ensure_future(batches("queued"))
        await asyncio.sleep(0)
        batches._task.cancel()  # its loop is ending
        outcome = await asyncio.gather(running, queued, return_exceptions=True)
        return outcome, batches._waiting

    outcome, waiting = bounded(main())
    assert [type(error) for error in outcome] == [asyncio.CancelledError] * 2 and waiting == []


def test_more_calls_than_may_wait_are_refused_at_once(monkeypatch):
    monkeypatch.setattr(batches_module, "WAITING", 2)
    release = asyncio.Event()

    async def run(items):
        await release.wait()
        return items

    async def main():
        batches = Batches(run)
        calls = [asyncio.ensure_future(batches(0))]
        await asyncio.sleep(0)  # its batch is under way; two more may wait for the next
        calls += [asyncio.ensure_future(batches(i)) for i in (1, 2)]
        await asyncio.sleep(0)
        with pytest.raises(Busy):
            await batches(3)
        release.set()
        return await asyncio.gather(*calls)

    assert bounded(main()) == [0, 1, 2]
