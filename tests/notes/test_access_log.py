"""No IP address in the logs: the access log is off unless --access-log asks for it."""

from __future__ import annotations

import signal
import urllib.request

from test_serve import free_port, start

CARD = "/c/fase-1-opnaa"


def served_output(tmp_path, *extra: str) -> tuple[str, str]:
    """What the service printed while a card page was opened, and its privacy page."""
    port = free_port()
    proc, lines = start(tmp_path / "notes.db", port, *extra)
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{port}{CARD}", timeout=10).read()
        privacy = urllib.request.urlopen(f"http://127.0.0.1:{port}/privacy", timeout=10).read().decode()
    finally:
        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=10)
    return "\n".join(lines) + "\n" + out, privacy


def test_no_access_log_by_default(tmp_path):
    output, privacy = served_output(tmp_path)
    assert CARD not in output and "127.0.0.1:" not in output.replace("http://127.0.0.1:", "")
    assert "Notetjenesten gemmer ingen IP-adresse" in privacy and "adgangsloggen" not in privacy


def test_access_log_on_request(tmp_path):
    output, privacy = served_output(tmp_path, "--access-log")
    assert f'"GET {CARD} HTTP/1.1" 200' in output
    assert "Mens adgangsloggen er slået til" in privacy and "ingen IP-adresse" not in privacy  # the page says the truth
