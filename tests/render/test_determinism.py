"""Same input, same bytes: also across processes with different hash seeds (set order)."""

import os
import subprocess
import sys

from kitutil import DECK_DIR, KIT_FILES, NOTES_URL


def _build(tmp_path, seed: str):
    out = tmp_path / f"seed-{seed}"
    env = {**os.environ, "PYTHONHASHSEED": seed}
    subprocess.run(
        [sys.executable, "-m", "carddeck.cli", "build", str(DECK_DIR), "--out", str(out), "--notes-url", NOTES_URL,
         "--copies", "2"],
        check=True, env=env, capture_output=True,
    )
    return {p.name: p.read_bytes() for p in out.iterdir()}


def test_two_processes_with_different_hash_seeds_write_identical_files(tmp_path):
    first, second = _build(tmp_path, "1"), _build(tmp_path, "2")
    assert sorted(first) == sorted(KIT_FILES)
    for name in first:
        assert first[name] == second[name], name
