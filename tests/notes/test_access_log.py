"""No IP address in the logs: the access log is off unless --access-log asks for it."""

from __future__ import annotations

import signal
import urllib.request

from test_serve import free_port, start

CARD = "/c/fase-1-opnaa"


def served_output(tmp_path, *extra: str) -> str:
    port = free_port()
    proc, lines = start(tmp_path / "notes.db", port, *extra)
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{port}{CARD}", timeout=10).read()
    finally:
        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=10)
    return "\n".join(lines) + "\n" + out


def test_no_access_log_by_default(tmp_path):
    output = served_output(tmp_path)
    assert CARD not in output and "127.0.0.1:" not in output.replace("http://127.0.0.1:", "")


def test_access_log_on_request(tmp_path):
    output = served_output(tmp_path, "--access-log")
    assert f'"GET {CARD} HTTP/1.1" 200' in output
