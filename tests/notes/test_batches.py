"""Calls that go to the database together (notes/batches.py): who goes in which batch, and who
gets which result or error."""

from __future__ import annotations

import asyncio

from carddeck.notes.batches import Batches


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

    assert asyncio.run(main()) == "stays"
