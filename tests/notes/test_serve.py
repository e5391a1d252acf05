"""The running service: its announcement, the token rule, and notes that survive ``kill -9``."""

from __future__ import annotations

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path


from carddeck.cli import main
from carddeck.notes import serve
from carddeck.notes.store import Store

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(db: Path, port: int, *extra: str) -> tuple[subprocess.Popen, list[str]]:
    """Start `carddeck notes serve` and wait until it has said it is ready."""
    command = [sys.executable, "-m", "carddeck.cli", "notes", "serve", "--port", str(port), "--db", str(db),
               "--deck", str(ROOT / "deck"), *extra]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT)
    lines = []
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line.rstrip("\n"))
        if "Stop with Ctrl+C." in line:
            return proc, lines
    proc.kill()
    raise AssertionError("the service did not start:\n" + "\n".join(lines))


class Browser:
    """A tiny HTTP client with cookies that does not follow redirects (to see the 303)."""

    def __init__(self, base: str):
        self.base = base
        jar = http.cookiejar.CookieJar()

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)

    def post_note(self, path: str, text: str) -> int:
        page = self.opener.open(self.base + path, timeout=10).read().decode()
        csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
        body = urllib.parse.urlencode({"csrf": csrf, "text": text}).encode()
        try:
            return self.opener.open(self.base + path, data=body, timeout=10).status
        except urllib.error.HTTPError as exc:
            return exc.code


def test_notes_survive_kill_9(tmp_path):
    db, port = tmp_path / "notes.db", free_port()
    proc, lines = start(db, port)
    acknowledged = []
    try:
        base = f"http://127.0.0.1:{port}"

        def client(worker: int) -> list[str]:
            browser, done = Browser(base), []
            for i in range(8):
                text = f"worker {worker} note {i}"
                if browser.post_note(f"/c/fase-{worker % 6 + 1}/{worker % 3 + 1}", text) == 303:
                    done.append(text)
            return done

        with ThreadPoolExecutor(12) as pool:
            for done in pool.map(client, range(12)):
                acknowledged += done
        proc.send_signal(signal.SIGKILL)  # right after the last success response
        proc.wait(5)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert len(acknowledged) == 96
    proc, _ = start(db, port)  # restart on the same file: recovery from the WAL
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/export.csv", timeout=10) as reply:
            exported = reply.read().decode("utf-8-sig")
    finally:
        proc.terminate()
        proc.wait(5)
    assert all(text in exported for text in acknowledged)
    with Store(db, readonly=True) as store:
        assert sorted(n.text for n in store.all()) == sorted(acknowledged)


def test_announcement_on_loopback(tmp_path):
    port = free_port()
    started = time.monotonic()
    proc, lines = start(tmp_path / "n.db", port)
    ready = time.monotonic() - started
    proc.terminate()
    proc.wait(5)
    assert lines[1] == f"  Open on this computer: http://127.0.0.1:{port}/"
    assert f"    carddeck build --notes-url http://127.0.0.1:{port}" in lines
    assert ready < 3.0  # under a second on a laptop; generous for a busy test machine


def test_lan_needs_a_token():
    plan = serve.plan("0.0.0.0", 8765, None)
    assert plan.token and plan.token_made and not plan.loopback
    assert re.fullmatch(r"http://[^/:]+:8765", plan.public_url)
    assert plan.build_command() == f"carddeck build --notes-url {plan.public_url} --notes-token {plan.token}"
    given = serve.plan("192.168.1.20", 9000, "abc")
    assert given.build_command() == "carddeck build --notes-url http://192.168.1.20:9000 --notes-token abc"
    assert serve.plan("127.0.0.1", 8765, None).token is None


def test_is_loopback():
    assert serve.is_loopback("127.0.0.1") and serve.is_loopback("::1") and serve.is_loopback("localhost")
    assert not serve.is_loopback("0.0.0.0") and not serve.is_loopback("192.168.1.2")


def test_lan_address_sends_nothing_and_answers():
    address = serve.lan_address()
    assert address and not address.startswith("127.")


def test_busy_port_is_reported(tmp_path, capfd):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        code = main(["notes", "serve", "--port", str(port), "--db", str(tmp_path / "n.db"), "--deck", str(ROOT / "deck")])
    assert code == 1
    assert capfd.readouterr().err == f"Error: port {port} on 127.0.0.1 is already in use; choose another with --port\n"


def test_help_is_for_facilitators():
    out = subprocess.run([sys.executable, "-m", "carddeck.cli", "notes", "serve", "--help"], capture_output=True,
                         text=True, cwd=ROOT, env={**os.environ, "COLUMNS": "100"})
    assert out.returncode == 0 and "For phones on the same Wi-Fi" in out.stdout
