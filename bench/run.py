"""The benchmark of carddeck (issue 5): whole-process timings against a plain-reportlab floor.

    make bench                              # the full benchmark; writes bench/RESULTS.md
    .venv/bin/python bench/run.py --quick   # a fast check: fewer runs, no 100 copies, writes nothing
    .venv/bin/python bench/run.py --profile [--profile-copies 20]   # one build under cProfile

What it measures, each as a separate process started with ``subprocess.Popen`` and reaped with
``os.wait4`` (wall time from start to exit, and the child's own peak RSS, ``ru_maxrss``):

1. ``carddeck --help``;
2. ``carddeck build`` (the default kit), ``--copies 20`` and ``--copies 100``, each into a fresh
   temporary folder with ``--notes-url http://192.168.1.20:8765`` (no warnings);
3. ``bench/floor.py N`` for the same N as each build: a plain reportlab script that prints the
   same kinds of ink (see its docstring). Builds and floor runs alternate, pair by pair, so
   that a busy machine slows both alike; each build is reported as a ratio to its floor;
4. the notes service under 100 concurrent clients × 10 notes (``bench/notes_load.run``), alone
   and while 8 clients download the record PDF one after another (the target: note POST p95
   stays under 100 ms while exports run), 3 times each, alternating; the run with the median
   POST p95 of each kind is reported (one run alone moves by ±20 % on a 2-core machine).

The median of the timed runs is reported, after one untimed warm-up. ``--copies 100`` is the
exception: it runs 3 to 5 times (as many as fit the time budget, ``--budget``), with no warm-up
of its own (the default and 20-copy runs warmed the same code and files), and its floor runs
once unless the budget allows more; no target depends on that floor. Peak RSS is the largest
over the timed runs. 1 MB = 10^6 bytes, 1 KB = 1000 bytes (the stricter reading of the targets).
No timings are asserted anywhere in tests/; this script reports PASS/MISS and exits 0 unless a
command failed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import os
import platform
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
RESULTS = BENCH / "RESULTS.md"
NOTES_URL = "http://192.168.1.20:8765"
CARDDECK = Path(sys.executable).parent / "carddeck"  # the console script a user runs
FLOOR = [sys.executable, str(BENCH / "floor.py")]

# Targets (issue 5; the two ratios to the floor from issue 15). Every one is "lower is better".
HELP_MS = 150
DEFAULT_RATIO = 0.3  # default kit <= 0.3 x floor
QR_SHARE_PCT = 12.5  # QR encoding: at most half of its 25 % share of the default build (issue 15)
COPIES20_RATIO = 0.08  # --copies 20 <= 0.08 x floor
SCALE_100_20 = 5.5  # --copies 100 <= 5.5 x the time of --copies 20
RSS_100_MB = 250
CARDS_PDF_KB = 300
NOTES_P95_MS = 100
EXPORTERS = 8  # PDF exports running while the phones write ("with 8 PDF exports running")
NOTES_RUNS = 3  # each notes figure is the median run of this many, the two kinds alternating (one run moves ±20 %)


# --- running one process -----------------------------------------------------------------------
@dataclass
class Run:
    seconds: float
    rss_mb: float
    code: int
    stderr: str
    cpu: float = 0.0  # user + system seconds of the process and the children it waited for


def run_once(command: list[str]) -> Run:
    """Start ``command``, wait for it with ``os.wait4``; its wall time, its CPU time (user +
    system, with the worker it forks) and its own peak RSS."""
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(command, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped by wait4: tell Popen
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    return Run(seconds, usage.ru_maxrss * 1024 / 1e6, proc.returncode, stderr,  # ru_maxrss is in KiB on Linux
               usage.ru_utime + usage.ru_stime)


@dataclass
class Series:
    """The timed runs of one command."""

    label: str
    runs: list[Run] = field(default_factory=list)
    error: str | None = None

    @property
    def times(self) -> list[float]:
        return [r.seconds for r in self.runs]

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def cpu(self) -> float:
        return statistics.median(r.cpu for r in self.runs)

    @property
    def rss(self) -> float:
        return max(r.rss_mb for r in self.runs)

    def add(self, run: Run, timed: bool) -> bool:
        if run.code != 0:
            tail = "\n".join(run.stderr.strip().splitlines()[-6:])
            self.error = f"exit {run.code}: {tail}"
            return False
        if timed:
            self.runs.append(run)
        return True

    @property
    def ok(self) -> bool:
        return self.error is None and bool(self.runs)


def build_command(out: Path, copies: int) -> list[str]:
    command = [str(CARDDECK), "build", "--out", str(out), "--notes-url", NOTES_URL]
    return command + (["--copies", str(copies)] if copies > 1 else [])


@dataclass
class Step:
    """A build and its floor, for N cards."""

    copies: int
    cards: int
    build: Series
    floor: Series
    cards_pdf: int | None = None
    floor_pdf: int | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        return self.build.median / self.floor.median if self.build.ok and self.floor.ok else None

    @property
    def cpu_ratio(self) -> float | None:
        """The same ratio in CPU time: steadier than wall time on a busy machine."""
        return self.build.cpu / self.floor.cpu if self.build.ok and self.floor.ok else None


def measure_step(copies: int, deck_cards: int, warmup: int, runs: int, floor_runs: int | None = None,
                 say=print) -> Step:
    """Alternate build and floor runs for ``copies`` sets of the deck (warm-up runs untimed)."""
    n = deck_cards * copies
    step = Step(copies, n, Series(f"build x{copies}"), Series(f"floor {n}"))
    floor_runs = runs if floor_runs is None else floor_runs
    for i in range(warmup + max(runs, floor_runs)):
        timed = i >= warmup
        with tempfile.TemporaryDirectory(prefix="carddeck-bench-") as tmp:
            out, floor_pdf = Path(tmp) / "kit", Path(tmp) / "floor.pdf"
            todo = []
            if i < warmup + runs and step.build.error is None:
                todo.append("build")
            if i < warmup + floor_runs and step.floor.error is None:
                todo.append("floor")
            if i % 2:
                todo.reverse()  # alternate the order so that drift on a busy machine hits both
            for what in todo:
                if what == "build":
                    run = run_once(build_command(out, copies))
                    if step.build.add(run, timed) and step.cards_pdf is None:
                        step.cards_pdf = (out / "cards.pdf").stat().st_size
                else:
                    run = run_once([*FLOOR, str(n), str(floor_pdf), "--notes-url", NOTES_URL])
                    if step.floor.add(run, timed) and step.floor_pdf is None:
                        step.floor_pdf = floor_pdf.stat().st_size
                say(f"  {what} x{copies} ({n} cards) {'run' if timed else 'warm-up'} {i - warmup + 1 if timed else ''}: "
                    f"{run.seconds:.2f} s, CPU {run.cpu:.2f} s, {run.rss_mb:.0f} MB" + ("" if run.code == 0 else f"  FAILED (exit {run.code})"))
        if step.build.error or step.floor.error:
            break  # one side failed: its ratio cannot be had, so spend no more time on the other
    return step


def measure_help(warmup: int, runs: int) -> Series:
    series = Series("carddeck --help")
    for i in range(warmup + runs):
        if not series.add(run_once([str(CARDDECK), "--help"]), i >= warmup):
            break
    return series


def _each(run: dict) -> str:
    return " · ".join(f"{p:.1f}" for p in run.get("post_p95_runs_ms", [run["post_p95_ms"]]))


def median_run(runs: list[dict]) -> dict:
    """The run whose POST p95 is the median of ``runs``, with every run's p95 (``post_p95_runs_ms``)
    and the errors and lost notes of all of them (``bad_all_runs``); the first failed run when one failed."""
    failed = [r for r in runs if "error" in r]
    if failed:
        return failed[0]
    middle = sorted(runs, key=lambda r: r["post_p95_ms"])[len(runs) // 2]
    return {**middle, "post_p95_runs_ms": [r["post_p95_ms"] for r in runs],
            "bad_all_runs": sum(r["errors"] + r["missing"] for r in runs)}


def measure_notes(say=print, exports: int = 0) -> dict:
    """``bench/notes_load.run()`` with 100 clients x 10 notes (and ``exports`` clients downloading
    the record PDF meanwhile); {'error': ...} when it cannot run."""
    path = BENCH / "notes_load.py"
    if not path.is_file():
        return {"error": "bench/notes_load.py is missing"}
    try:
        spec = importlib.util.spec_from_file_location("notes_load", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module.run(clients=100, notes=10, exports=exports)
    except Exception as exc:  # report a broken load test instead of losing the other figures
        return {"error": f"bench/notes_load.run failed: {type(exc).__name__}: {exc}"}


# --- machine -----------------------------------------------------------------------------------
def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        import reportlab

        rl = reportlab.Version
    except ImportError:
        rl = "?"

    def git(*args):
        try:
            return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=10).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""

    dirty = git("status", "--porcelain", "--", "src")
    return {
        "date": dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "cpu": cpu,
        "reportlab": rl,
        "commit": git("rev-parse", "--short", "HEAD") + (" + uncommitted changes in src/" if dirty else ""),
        "load": os.getloadavg()[0],
    }


# --- report ------------------------------------------------------------------------------------
def verdict(value: float | None, limit: float, unit: str = "", fmt: str = "{:.2f}") -> tuple[str, str]:
    """(measured text, PASS/MISS with the margin) for a lower-is-better target."""
    if value is None:
        return "n/a", "NOT MEASURED"
    shown = fmt.format(value) + unit
    if value <= limit:
        return shown, f"PASS ({(1 - value / limit) * 100:.0f} % under the limit)"
    return shown, f"MISS ({(value / limit - 1) * 100:.0f} % over the limit: needs {value / limit:.2f}x less)"


def report(info: dict, help_: Series, steps: list[Step], notes: dict | None, quick: bool, end_load: float,
           exporting: dict | None = None, build_shares: dict[str, float] | str | None = None) -> str:
    lines = [
        "# carddeck benchmark results",
        "",
        f"- Date: {info['date']}" + (" (quick run: fewer runs, no 100 copies)" if quick else ""),
        f"- Machine: {info['cores']} cores, {info['cpu']}; load average {info['load']:.2f} at start, "
        f"{end_load:.2f} at end",
        f"- Python {info['python']}, reportlab {info['reportlab']}; carddeck at {info['commit']}",
        "- Command: `make bench` (= `.venv/bin/python bench/run.py` after installing the test extras)",
        "- Method: whole-process wall time (Popen → `os.wait4`), median of the timed runs after one "
        "untimed warm-up; CPU = user + system time from the same `os.wait4` (a build's second process, "
        "which draws the files other than cards.pdf, included); peak RSS = the child's `ru_maxrss`, "
        "largest of the timed runs. Builds and floor runs alternate. The floor (`bench/floor.py`) draws only the cards; `carddeck build` also "
        "makes poster.pdf and poster-tiles.pdf. 1 MB = 10^6 B, 1 KB = 1000 B." + (
            " Python keeps compiled modules as on a user's computer: this machine's PYTHONDONTWRITEBYTECODE "
            "was left out of the timed commands' environment." if info.get("bytecode_off") else ""),
        "",
        "## Measurements",
        "",
        "| command | cards | runs | median s (min–max) | cards/s | peak RSS MB | cards.pdf bytes | bytes/card "
        "| floor median s | floor cards/s | ratio to floor | CPU s build / floor (ratio) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    if help_.ok:
        lines.append(f"| `carddeck --help` | – | {len(help_.runs)} | {help_.median * 1000:.0f} ms "
                     f"({min(help_.times) * 1000:.0f}–{max(help_.times) * 1000:.0f}) | – | {help_.rss:.0f} | – | – | – | – | – | – |")
    else:
        lines.append(f"| `carddeck --help` | – | – | FAILED: {help_.error} | | | | | | | | |")
    for s in steps:
        name = "`carddeck build`" + (f" `--copies {s.copies}`" if s.copies > 1 else " (default kit)")
        if s.build.ok:
            b = s.build
            build_cells = (f"{len(b.runs)} | {b.median:.2f} ({min(b.times):.2f}–{max(b.times):.2f}) | "
                           f"{s.cards / b.median:.0f} | {b.rss:.0f} | {s.cards_pdf:,} | {s.cards_pdf / s.cards:,.0f}")
        else:
            build_cells = f"– | FAILED: {(s.build.error or 'no runs').splitlines()[-1]} | | | |"
        if s.floor.ok:
            f = s.floor
            floor_cells = f"{f.median:.2f} ({len(f.runs)} run{'s' if len(f.runs) > 1 else ''}) | {s.cards / f.median:.0f}"
        else:
            floor_cells = f"FAILED: {(s.floor.error or 'no runs').splitlines()[-1]} |"
        ratio = f"{s.ratio:.2f}×" if s.ratio is not None else "–"
        cpu = f"{s.build.cpu:.2f} / {s.floor.cpu:.2f} ({s.cpu_ratio:.2f}×)" if s.cpu_ratio is not None else "–"
        lines.append(f"| {name} | {s.cards} | {build_cells} | {floor_cells} | {ratio} | {cpu} |")
    notes_row = None
    if notes is not None:
        lines += ["", "## Notes service (100 concurrent clients × 10 notes, `bench/notes_load.run`)", "",
                  f"The median run of {NOTES_RUNS} by POST p95, this table's runs and the next one's alternating; "
                  f"the targets count errors and missing notes over all {NOTES_RUNS}.", ""]
        if "error" in notes:
            lines.append(f"FAILED: {notes['error']}")
        else:
            lines += [
                "| notes sent | stored | errors | missing | seconds | notes/s | server CPU s "
                "| POST→303 p50 / p95 ms | POST p95 of each run ms | page after it p50 / p95 ms |",
                "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
                f"| {notes['notes_sent']} | {notes['notes_stored']} | {notes['errors']} | {notes['missing']} "
                f"| {notes['seconds']} | {notes['notes_per_second']} | {notes.get('server_cpu_s')} "
                f"| {notes['post_p50_ms']} / {notes['post_p95_ms']} | {_each(notes)} "
                f"| {notes.get('page_p50_ms')} / {notes.get('page_p95_ms')} |",
            ]
            if notes.get("first_errors"):
                lines.append("")
                lines.append("First errors: " + "; ".join(f"`{e}`" for e in notes["first_errors"]))
            notes_row = notes
    if exporting is not None:
        lines += ["", f"## Notes service while {EXPORTERS} PDF exports run (`bench/notes_load.run(exports={EXPORTERS})`)", ""]
        if "error" in exporting:
            lines.append(f"FAILED: {exporting['error']}")
        else:
            lines += [
                "| notes sent | stored | errors | missing | POST→303 p50 / p95 / p99 ms | POST p95 of each run ms "
                "| page p95 ms | PDF exports done | export p50 ms | server peak RSS MB |",
                "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
                f"| {exporting['notes_sent']} | {exporting['notes_stored']} | {exporting['errors']} | {exporting['missing']} "
                f"| {exporting['post_p50_ms']} / {exporting['post_p95_ms']} / {exporting.get('post_p99_ms')} "
                f"| {_each(exporting)} | {exporting.get('page_p95_ms')} | {exporting['exports_done']} | {exporting.get('export_p50_ms')} "
                f"| {exporting.get('server_peak_rss_mb')} |",
            ]
            if exporting.get("first_errors"):
                lines += ["", "First errors: " + "; ".join(f"`{e}`" for e in exporting["first_errors"])]

    qr_share = None
    if build_shares is not None:
        lines += ["", "## Where the default build's time goes (one build under cProfile, on one core)", ""]
        if isinstance(build_shares, str):
            lines.append(f"FAILED: {build_shares.strip().splitlines()[-1] if build_shares.strip() else 'the build failed'}")
        else:
            whole = build_shares[STAGES[0][0]] or 1.0
            lines += ["| stage | seconds (profiled) | share of the build |", "|---|---:|---:|"]
            lines += [f"| {label} | {build_shares[label]:.3f} | {100 * build_shares[label] / whole:.1f} % |"
                      for label, _, _ in STAGES]
            qr_share = 100 * build_shares[QR_STAGE] / whole

    by_copies = {s.copies: s for s in steps}
    targets = []

    def target(name, value, limit, unit="", fmt="{:.2f}", limit_text=None):
        shown, result = verdict(value, limit, unit, fmt)
        targets.append(f"| {name} | {shown} | {limit_text or fmt.format(limit) + unit} | {result} |")

    target("`carddeck --help`", help_.median * 1000 if help_.ok else None, HELP_MS, " ms", "{:.0f}",
           f"< {HELP_MS} ms")
    d = by_copies.get(1)
    target("default kit, × floor", d.ratio if d else None, DEFAULT_RATIO, "×", limit_text=f"≤ {DEFAULT_RATIO}×")
    c20 = by_copies.get(20)
    target("`--copies 20`, × floor", c20.ratio if c20 else None, COPIES20_RATIO, "×", limit_text=f"≤ {COPIES20_RATIO}×")
    c100 = by_copies.get(100)
    scale = c100.build.median / c20.build.median if c100 and c20 and c100.build.ok and c20.build.ok else None
    target("`--copies 100`, × time of `--copies 20`", scale, SCALE_100_20, "×", limit_text=f"≤ {SCALE_100_20}×")
    rss100 = c100.build.rss if c100 and c100.build.ok else None
    target("peak RSS, `--copies 100`" + (f" ({rss100 * 1e6 / 2**20:.0f} MiB)" if rss100 else ""), rss100, RSS_100_MB,
           " MB", "{:.0f}", f"≤ {RSS_100_MB} MB")
    if build_shares is not None:
        target("QR encoding, share of the default build", qr_share, QR_SHARE_PCT, " %", "{:.1f}",
               f"≤ {QR_SHARE_PCT} % (half of the 25 % before)")
    size = d.cards_pdf / 1000 if d and d.cards_pdf else None
    target("default cards.pdf", size, CARDS_PDF_KB, " KB", "{:.0f}", f"≤ {CARDS_PDF_KB} KB")
    if notes_row is not None:
        bad = notes_row.get("bad_all_runs", notes_row["errors"] + notes_row["missing"])
        shown, result = verdict(notes_row["post_p95_ms"], NOTES_P95_MS, " ms", "{:.1f}")
        if bad:
            result = f"MISS ({bad} errors or lost notes)" + ("" if result.startswith("MISS") else f"; p95 {result}")
        targets.append(f"| notes POST p95, errors | {shown}, {bad} errors | < {NOTES_P95_MS} ms, 0 errors | {result} |")
    elif notes is not None:
        targets.append(f"| notes POST p95, errors | n/a | < {NOTES_P95_MS} ms, 0 errors | NOT MEASURED ({notes['error']}) |")
    if exporting is not None:
        name = f"notes POST p95 with {EXPORTERS} PDF exports running, errors"
        if "error" in exporting:
            targets.append(f"| {name} | n/a | < {NOTES_P95_MS} ms, 0 errors | NOT MEASURED ({exporting['error']}) |")
        else:
            bad = exporting.get("bad_all_runs", exporting["errors"] + exporting["missing"])
            shown, result = verdict(exporting["post_p95_ms"], NOTES_P95_MS, " ms", "{:.1f}")
            if bad:
                result = f"MISS ({bad} errors or lost notes)" + ("" if result.startswith("MISS") else f"; p95 {result}")
            elif not exporting["exports_done"]:
                result = "NOT MEASURED (no export finished while the notes were sent)"
            targets.append(f"| {name} | {shown}, {bad} errors | < {NOTES_P95_MS} ms, 0 errors | {result} |")
    lines += ["", "## Targets", "", "| target | measured | limit | result |", "|---|---:|---:|---|", *targets]
    lines += ["", "The notes service at 1,000 phones, on PostgreSQL with 4 workers and on SQLite (issue 10), is "
              "measured by `bench/notes_scale.py` (a run of several minutes) and written to "
              "[RESULTS-notes-scale.md](RESULTS-notes-scale.md)."]
    notes_text = [s.note for s in steps if s.note]
    if notes_text:
        lines += ["", *(f"- {n}" for n in notes_text)]
    return "\n".join(lines) + "\n"


# --- profile -----------------------------------------------------------------------------------
def profiled(copies: int, tmp: Path) -> pstats.Stats | str:
    """One build of ``copies`` sets under cProfile, on one core (so the build draws every file
    itself, with no second process, and the profile sees all of it): its stats, or its stderr."""
    stats_file = tmp / "build.prof"
    command = [sys.executable, "-m", "cProfile", "-o", str(stats_file), "-m", "carddeck.cli", *build_command(
        tmp / "kit", copies)[1:]]
    one_core = (lambda: os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})) if hasattr(os, "sched_setaffinity") else None
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, preexec_fn=one_core)
    return pstats.Stats(str(stats_file)) if done.returncode == 0 else done.stderr


def profile(copies: int, top: int = 25) -> int:
    """One build under cProfile; print the top functions by cumulative and by own time."""
    with tempfile.TemporaryDirectory(prefix="carddeck-profile-") as tmp:
        started = time.perf_counter()
        stats = profiled(copies, Path(tmp))
        seconds = time.perf_counter() - started
        if isinstance(stats, str):
            print(stats, file=sys.stderr)
            return 1
        print(f"carddeck build --copies {copies} under cProfile: {seconds:.2f} s (profiling slows it down)\n")
        stats.sort_stats("cumulative").print_stats(top)
        stats.sort_stats("tottime").print_stats(15)
        print(stage_shares(stats))
    return 0


def measure_shares() -> dict[str, float] | str:
    """Each stage's share of the default build (one build under cProfile), or what went wrong."""
    with tempfile.TemporaryDirectory(prefix="carddeck-profile-") as tmp:
        stats = profiled(1, Path(tmp))
        return stats if isinstance(stats, str) else shares(stats)


# Stages of a build, each the cumulative time of one function (file name ending, function name).
QR_STAGE = "QR encoding (qr.matrix)"
STAGES = (
    ("whole build (build_kit)", "carddeck/build.py", "build_kit"),
    ("layout (lay_out)", "carddeck/build.py", "lay_out"),
    ("render (render/pdf.py render)", "carddeck/render/pdf.py", "render"),
    (QR_STAGE, "carddeck/qr.py", "matrix"),
    ("QR drawing (render's qr)", "carddeck/render/pdf.py", "qr"),
)


def shares(stats: pstats.Stats) -> dict[str, float]:
    """Each stage's cumulative seconds in one profile (label -> seconds)."""
    times = {label: 0.0 for label, _, _ in STAGES}
    for (file, _, name), (_, _, _, cumulative, _) in stats.stats.items():
        for label, ending, function in STAGES:
            if name == function and file.endswith(ending):
                times[label] += cumulative
    return times


def stage_shares(stats: pstats.Stats) -> str:
    """Each stage's cumulative time and its share of the whole build, from one profile."""
    times = shares(stats)
    whole = times[STAGES[0][0]] or 1.0
    lines = ["Where the build's time goes (cumulative, under cProfile):"]
    for label, _, _ in STAGES:
        lines.append(f"  {label:34} {times[label]:7.3f} s  {100 * times[label] / whole:5.1f} %")
    return "\n".join(lines)


# --- main --------------------------------------------------------------------------------------
def deck_card_count() -> int:
    sys.path.insert(0, str(ROOT / "src"))
    from carddeck.load import load_deck

    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        return len(load_deck("deck").cards)
    finally:
        os.chdir(cwd)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="carddeck's benchmark (issue 5).")
    parser.add_argument("--quick", action="store_true", help="fewer runs, skip --copies 100, do not write RESULTS.md")
    parser.add_argument("--no-notes", action="store_true", help="skip the notes service load test")
    parser.add_argument("--runs", type=int, default=None, help="timed runs per command (default 5; quick: 3)")
    parser.add_argument("--budget", type=float, default=600, help="seconds the whole run should take (sizes --copies 100)")
    parser.add_argument("--output", type=Path, default=None, help=f"where to write the table (default {RESULTS.relative_to(ROOT)}; "
                        "a quick run writes nothing unless given)")
    parser.add_argument("--profile", action="store_true", help="run one build under cProfile and print the top 25")
    parser.add_argument("--profile-copies", type=int, default=20, help="copies for --profile (default 20)")
    args = parser.parse_args(argv)

    if not CARDDECK.exists():
        print(f"{CARDDECK} is missing: run 'make bench' (it installs carddeck into .venv)", file=sys.stderr)
        return 1
    if args.profile:
        return profile(args.profile_copies)

    began = time.monotonic()
    # Timed as a user's computer runs carddeck: Python keeps the modules it compiled (the warm-up
    # writes them). Where PYTHONDONTWRITEBYTECODE is set (some containers), every run would compile
    # carddeck's own ~50 modules again (pip compiled the libraries' at install), about 45 ms.
    bytecode_off = os.environ.pop("PYTHONDONTWRITEBYTECODE", None) is not None
    info = machine()
    info["bytecode_off"] = bytecode_off
    runs = args.runs or (3 if args.quick else 5)
    cards = deck_card_count()
    print(f"carddeck benchmark: deck has {cards} cards; {runs} timed runs after 1 warm-up; "
          f"{info['cores']} cores, load {info['load']:.2f}", flush=True)

    def say(text):
        print(text, flush=True)

    say("carddeck --help")
    help_ = measure_help(1, max(runs, 10))
    say(f"  median {help_.median * 1000:.0f} ms" if help_.ok else f"  FAILED: {help_.error}")

    steps = [measure_step(1, cards, 1, runs, say=say)]
    if args.quick:
        steps.append(measure_step(20, cards, 0, 1, say=say))  # warmed by the default kit's runs
        steps[-1].note = "--quick: `--copies 20` ran once (warmed by the default kit's runs)."
    else:
        steps.append(measure_step(20, cards, 1, runs, say=say))
        c20 = steps[-1]
        if c20.build.ok and c20.floor.ok:
            # Size the 100-copy step to the budget: 3 to 5 build runs, the floor once or more.
            left = args.budget - (time.monotonic() - began) - (0 if args.no_notes else 30)
            est_build, est_floor = 5 * c20.build.median, 5 * c20.floor.median
            build_runs = max(3, min(runs, int((left - est_floor) // est_build)))
            floor_runs = max(1, min(build_runs, int((left - build_runs * est_build) // est_floor)))
            say(f"--copies 100: {build_runs} build runs, {floor_runs} floor runs "
                f"(estimated {build_runs * est_build + floor_runs * est_floor:.0f} s)")
            steps.append(measure_step(100, cards, 0, build_runs, floor_runs, say=say))
            steps[-1].note = (f"`--copies 100`: {build_runs} build runs and {floor_runs} floor run{'s' if floor_runs > 1 else ''}, no warm-up of "
                              f"their own (the default and 20-copy runs warmed the same code); sized to the "
                              f"{args.budget:.0f} s budget. No target uses the 100-copy floor.")
        else:
            say("--copies 100 skipped: --copies 20 did not complete")

    notes = exporting = None
    if not args.no_notes:
        plain, loaded = [], []
        for i in range(NOTES_RUNS):  # alternating, so a slow minute of the machine hits both kinds
            say(f"notes service ({i + 1}/{NOTES_RUNS}): 100 clients x 10 notes")
            plain.append(measure_notes(say))
            say("  " + (plain[-1]["error"] if "error" in plain[-1] else
                        f"POST p50 {plain[-1]['post_p50_ms']} ms, p95 {plain[-1]['post_p95_ms']} ms, {plain[-1]['errors']} errors"))
            say(f"notes service ({i + 1}/{NOTES_RUNS}): 100 clients x 10 notes while {EXPORTERS} clients export the record PDF")
            loaded.append(measure_notes(say, exports=EXPORTERS))
            say("  " + (loaded[-1]["error"] if "error" in loaded[-1] else
                        f"POST p50 {loaded[-1]['post_p50_ms']} ms, p95 {loaded[-1]['post_p95_ms']} ms, "
                        f"{loaded[-1]['errors']} errors, {loaded[-1]['exports_done']} PDF exports done"))
        notes, exporting = median_run(plain), median_run(loaded)

    say("where the default build's time goes: one build under cProfile")
    build_shares = measure_shares()

    table = report(info, help_, steps, notes, args.quick, os.getloadavg()[0], exporting, build_shares)
    table += f"\nWhole benchmark: {time.monotonic() - began:.0f} s.\n"
    print()
    print(table)
    output = args.output or (None if args.quick else RESULTS)
    if output:
        output.write_text(table, encoding="utf-8")
        print(f"written to {output}")
    failed = not help_.ok or any(not (s.build.ok and s.floor.ok) for s in steps) or any(
        n is not None and "error" in n for n in (notes, exporting))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
