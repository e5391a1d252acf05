"""The notes service at a municipality's scale: 1,000 phones at once, on SQLite and on PostgreSQL.

Runs ``bench/notes_load.run`` twice, each against a fresh service on loopback:

- PostgreSQL (a throwaway server, tests/pgserver.py) with 4 worker processes, 1,000 concurrent
  clients × 10 notes: targets POST p95 < 150 ms, p99 < 300 ms, 0 errors, every note stored;
- SQLite in one process, 1,000 clients × 10 notes: targets POST p99 < 100 ms and the page after
  it p99 < 200 ms, 0 errors, every note stored.

Then, for reading only, each engine once more with 1,000 clients × 4 notes, pausing 5 s on average
before each note (``--paced``; a real phone writes a note a minute or two apart).

The load generator runs on the same 2 cores as the service (and PostgreSQL), so the figures are
an upper bound of what the service costs. The table says where the time goes: the CPU time of
the service, of PostgreSQL and of the load generator per request, and the latency that Little's
law leaves for 1,000 clients in a closed loop on these cores. Writes ``bench/RESULTS-notes-scale.md``.

    .venv/bin/python bench/notes_scale.py [--clients 1000] [--notes 10] [--workers 4] [--paced 5]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "RESULTS-notes-scale.md"

PACED_S = 5.0  # mean pause of a paced client before each note (a real phone: a minute or more)
PACED_NOTES = 4  # notes per paced client: about a minute of pauses (10 would take two and a half)
TARGETS = {  # (engine) -> [(figure, limit in ms)]
    "postgres": [("post_p95_ms", 150), ("post_p99_ms", 300)],
    "sqlite": [("post_p99_ms", 100), ("page_p99_ms", 200)],
}


def _load():
    spec = importlib.util.spec_from_file_location("notes_load", BENCH / "notes_load.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _ms(seconds: float | None, requests: int) -> str:
    return "–" if seconds is None else f"{seconds:.2f} s = {seconds / requests * 1000:.2f} ms"


def _busy(seconds_busy: float | None, seconds: float) -> str:
    return "–" if seconds_busy is None else f"{seconds_busy / seconds:.2f}"


def where_the_time_goes(runs: list[dict], cores: int) -> list[str]:
    """The CPU each part used per request, and what Little's law makes of it, as Markdown lines.

    The load is a closed loop: each of N clients has always exactly one request under way (it
    sends the next as soon as the last is answered), so N requests are in the system at every
    moment and Little's law (N = X · W) gives the mean response time W = N / X from the
    throughput X. Throughput cannot pass cores / D, where D is the CPU time one request costs
    all the processes on the machine together (service, PostgreSQL, load generator), so W is at
    least N · D / cores however the service is written: the floor the latencies stand on.
    """
    lines = ["", "## Where the time goes", "",
             "CPU time during the load (user + system, from /proc): the service with its worker processes, "
             "the PostgreSQL server's processes, and the load generator itself; each divided by the requests "
             "(each client's first page, every POST and the page after it). *Cores busy*: these processes, "
             "and the whole machine (other work on it included) from /proc/stat.", "",
             "| engine | requests | requests/s (X) | service CPU | PostgreSQL CPU | load generator CPU "
             "| all, per request (D) | cores busy: these / machine |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    laws = []
    for r in runs:
        n, seconds = r["requests"], r["seconds"]
        parts = [r.get("service_cpu_s"), r.get("database_cpu_s"), r.get("client_cpu_s")]
        total = sum(p for p in parts if p is not None)
        d = total / n
        x = n / seconds
        lines.append(f"| {r['engine']} | {n} | {x:.0f} | {_ms(parts[0], n)} | {_ms(parts[1], n)} | {_ms(parts[2], n)} "
                     f"| {d * 1000:.2f} ms | {total / seconds:.2f} / {_busy(r.get('machine_busy_s'), seconds)} of {cores} |")
        clients = r["clients"]
        mean = (r["post_mean_ms"] * r["notes_sent"] + (r["page_mean_ms"] or 0) * r["notes_sent"]) / (2 * r["notes_sent"])
        floor_ms = clients * d / cores * 1000
        service_d = sum(p for p in parts[:2] if p is not None) / n
        laws.append(
            f"- **{r['engine']}**: {clients} requests always under way, X = {x:.0f} requests/s, so Little's law "
            f"gives a mean response time of N / X = {clients / x * 1000:.0f} ms (measured mean of POST and page: "
            f"{mean:.0f} ms). At D = {d * 1000:.2f} ms of CPU per request on {cores} cores, X cannot pass "
            f"{cores / d:.0f}/s and the mean cannot fall below N · D / cores = {floor_ms:.0f} ms. "
            f"A mean under 150 ms at {clients} clients needs D ≤ {cores * 0.150 / clients * 1000:.2f} ms "
            f"for everything on the machine; the service and its database alone use "
            f"{service_d * 1000:.2f} ms (with the load generator on another computer the floor would be "
            f"{clients * service_d / cores * 1000:.0f} ms)." + _one_core(r, cores, parts[0] / n))
    return lines + ["", *laws]


def _one_core(run: dict, cores: int, service_d: float) -> str:
    """For a service of fewer processes than cores: the floor its interpreter lock sets, as a sentence."""
    processes = run["workers"]
    if processes >= cores:
        return ""
    return (f" The service is {processes} process{'es' if processes > 1 else ''}, and a process runs its Python on one "
            f"core at a time (its SQLite writer's work in the database aside), so X cannot pass about "
            f"{processes / service_d:.0f}/s either and the mean cannot fall below about "
            f"N · service CPU / {processes} = {run['clients'] * service_d / processes * 1000:.0f} ms.")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--notes", type=int, default=10)
    parser.add_argument("--workers", type=int, default=4, help="PostgreSQL worker processes")
    parser.add_argument("--paced", type=float, default=PACED_S,
                        help=f"also run each engine with clients pausing this many seconds on average before "
                             f"each note (default {PACED_S:g}; 0: no paced runs)")
    args = parser.parse_args(argv)
    load = _load()
    runs, paced = [], []
    for engine, workers in (("postgres", args.workers), ("sqlite", 1)):
        for think, into in ((0.0, runs), (args.paced, paced)):
            if into is paced and not think:
                continue
            print(f"{engine}, {workers} worker(s), {args.clients} clients × "
                  f"{min(args.notes, PACED_NOTES) if think else args.notes} notes"
                  + (f", pausing {think:g} s" if think else "") + " …", flush=True)
            notes = min(args.notes, PACED_NOTES) if think else args.notes
            result = load.run(clients=args.clients, notes=notes, engine=engine, workers=workers, think=think)
            print(json.dumps(result, ensure_ascii=False), flush=True)
            into.append(result)
    lines = [
        "# Notes service at scale (`bench/notes_scale.py`)", "",
        f"Machine: {os.cpu_count()} cores, {platform.python_implementation()} {platform.python_version()}; "
        "the load generator, the service and PostgreSQL share these cores.", "",
        "The measure (and the targets) is the closed loop: every client sends its next request as soon as the "
        "last is answered. A *paced* row is for reading only: each client pauses before each note (exponential, "
        "the given mean), still far busier than a workshop, where a phone sends a note every minute or two.", "",
        "| engine | workers | clients × notes | pacing | stored / sent | errors | POST p50 / p95 / p99 ms "
        "| page p50 / p95 / p99 ms | notes/s |",
        "|---|---:|---:|---|---:|---:|---:|---:|---:|",
    ]
    verdicts = []
    for r in runs + paced:
        pacing = f"paced, {r['think_s']:g} s mean pause" if r.get("think_s") else "closed loop"
        lines.append(
            f"| {r['engine']} | {r['workers']} | {r['clients']} × {r['notes_sent'] // r['clients']} | {pacing} "
            f"| {r['notes_stored']} / {r['notes_sent']} | {r['errors']} "
            f"| {r['post_p50_ms']} / {r['post_p95_ms']} / {r['post_p99_ms']} "
            f"| {r['page_p50_ms']} / {r['page_p95_ms']} / {r['page_p99_ms']} | {r['notes_per_second']} |")
        if r in paced:
            continue
        for figure, limit in TARGETS[r["engine"]]:
            value = r.get(figure)
            ok = value is not None and value < limit
            verdicts.append(f"| {r['engine']} {figure.replace('_ms', '')} | {value} ms | < {limit} ms "
                            f"| {'PASS' if ok else 'MISS'} |")
        whole = r["ok"]
        verdicts.append(f"| {r['engine']} every note stored, 0 errors | {r['notes_stored']} stored, "
                        f"{r['errors']} errors | all, 0 | {'PASS' if whole else 'MISS'} |")
    lines += ["", "## Targets", "", "| target | measured | limit | result |", "|---|---:|---:|---|", *verdicts]
    lines += where_the_time_goes(runs, os.cpu_count() or 1)
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS}")
    return 0 if all(r["ok"] for r in runs + paced) else 1


if __name__ == "__main__":
    sys.exit(main())
