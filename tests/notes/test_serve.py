"""The running service: what it says at start (reachability, the facilitator's link and QR), old options, and notes that survive ``kill -9``."""

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


import ipaddress

import pytest

from carddeck.cli import main
from carddeck.notes import serve
from carddeck.notes.sqlite import SqliteStore

ROOT = Path(__file__).resolve().parents[2]
KEY = "facilitator-key-for-tests"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(db: Path, port: int, *extra: str) -> tuple[subprocess.Popen, list[str]]:
    """Start `carddeck notes serve` and wait until it has said it is ready."""
    command = [sys.executable, "-m", "carddeck.cli", "notes", "serve", "--port", str(port), "--db", str(db),
               "--deck", str(ROOT / "deck"), "--facilitator-key", KEY, *extra]
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
    proc, lines = start(db, port, "--notes-per-minute", "10000")  # every worker writes from 127.0.0.1
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
        proc.wait(30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert len(acknowledged) == 96
    proc, _ = start(db, port)  # restart on the same file: recovery from the WAL
    proc.terminate()
    proc.wait(30)
    with SqliteStore(db, readonly=True) as store:
        assert sorted(n.text for n in store.export_rows("samskabelse-samskaping")) == sorted(acknowledged)


def decode_terminal_qr(lines: list[str]) -> list[str]:
    """Draw qrcode's block-character output as pixels (each character: 1 wide, 2 high) and decode it."""
    import zxingcpp
    from PIL import Image

    halves = {"█": (1, 1), "▀": (1, 0), "▄": (0, 1), " ": (0, 0), "\xa0": (0, 0)}  # qrcode writes no-break spaces
    width = max(len(line) for line in lines)
    image = Image.new("L", (width + 8, 2 * len(lines) + 8), 0)  # a dark terminal around the code
    for y, line in enumerate(lines):
        for x, char in enumerate(line):
            top, bottom = halves[char]
            image.putpixel((x + 4, 2 * y + 4), 255 * top)
            image.putpixel((x + 4, 2 * y + 5), 255 * bottom)
    return [r.text for r in zxingcpp.read_barcodes(image.resize((image.width * 8, image.height * 8), Image.NEAREST))]


def test_announcement_on_loopback(tmp_path):
    port = free_port()
    proc, lines = start(tmp_path / "n.db", port, "--workshop", "Tirsdag")
    proc.terminate()
    proc.wait(30)
    link = f"http://127.0.0.1:{port}/facilitator?key={KEY}"
    assert lines[1] == "Kit: Samskabelse – samskaping · workshop 'Tirsdag', open for notes"
    assert lines[2].startswith("  PROBLEM: The kit's QR codes open 127.0.0.1, which only this computer can reach")
    assert lines[3] == f"  Facilitator (every note, exports, closing the workshop), open once: {link}"
    assert lines[4] == "Scan to open the facilitator page on a phone:"
    assert decode_terminal_qr(lines[5:-1]) == [link]
    assert KEY not in "".join(lines[:3])


def test_a_key_made_for_the_run_is_said_to_be_so(tmp_path):
    command = [sys.executable, "-m", "carddeck.cli", "notes", "serve", "--port", str(free_port()), "--db",
               str(tmp_path / "n.db"), "--deck", str(ROOT / "deck")]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT,
                            env={k: v for k, v in os.environ.items() if k != "CARDDECK_FACILITATOR_KEY"})
    lines = [proc.stdout.readline().rstrip("\n") for _ in range(5)]
    proc.terminate()
    proc.wait(30)
    key = lines[3].split("?key=")[1]
    assert len(key) >= 20
    assert lines[4] == ("  The facilitator key was made for this run; to keep it after a restart, pass "
                        "--facilitator-key or set CARDDECK_FACILITATOR_KEY.")


HOTSPOT = "http://10.42.0.1:8765"


def reach(url, host="0.0.0.0", port=8765, proxied=False, lan="192.168.1.23", mine=()):
    return serve.reachability(url, host, port, proxied, lan=lambda: lan, has=lambda ip: ip in mine)


def test_the_hotspot_is_off():
    verdict = reach(HOTSPOT)
    assert not verdict.ok
    assert verdict.says == (
        "The kit's QR codes open 10.42.0.1, but this computer has 192.168.1.23: phones cannot reach the notes. "
        "Turn on NetworkManager's hotspot (Linux: Settings › Wi-Fi › Turn On Wi-Fi Hotspot), then start again "
        "(see README.md, section 'Workshop day')."
    )
    windows = reach("http://192.168.137.1:8765", lan=None)
    assert windows.says.startswith("The kit's QR codes open 192.168.137.1, but this computer is on no network: ")
    assert "Turn on Windows Mobile Hotspot" in windows.says


def test_the_hotspot_is_on():
    verdict = reach(HOTSPOT, mine=("10.42.0.1",))
    assert verdict.ok and verdict.says == ("Phones on this computer's network open the kit's QR codes at 10.42.0.1: "
                                           "this computer has that address, and the service listens there.")


def test_listening_on_loopback_or_another_port_is_named():
    assert reach(HOTSPOT, host="127.0.0.1", mine=("10.42.0.1",)).says == (
        "The kit's QR codes open 10.42.0.1, and this computer has that address, but the service listens only on "
        "127.0.0.1: start it with --host 0.0.0.0 so phones reach it.")
    assert reach(HOTSPOT, port=9000, mine=("10.42.0.1",)).says == (
        "The kit's QR codes open port 8765, but the service listens on port 9000: start it with --port 8765.")


def test_a_hosted_name_and_a_loopback_kit():
    hosted = reach("https://samskab.example.dk/hedensted", proxied=True)
    assert hosted.ok and hosted.says == (
        "The kit's QR codes open samskab.example.dk: phones reach the notes when that name leads to this computer "
        "through its reverse proxy (see README.md, section 'Workshop day').")
    local = reach("http://127.0.0.1:8765")
    assert not local.ok and local.says.endswith("carddeck build --notes-url http://192.168.1.23:8765")


def test_is_loopback():
    assert serve.is_loopback("127.0.0.1") and serve.is_loopback("::1") and serve.is_loopback("localhost")
    assert not serve.is_loopback("0.0.0.0") and not serve.is_loopback("192.168.1.2")


def test_lan_address_is_one_this_computer_has():
    address = serve.lan_address()
    if address is None:  # no network at all: then no route to a private network either
        assert not any(serve.has_address(f"192.168.{n}.1") for n in range(3))
        return
    assert not ipaddress.ip_address(address).is_loopback
    assert serve.has_address(address)
    assert serve.has_address("127.0.0.1") and not serve.has_address("203.0.113.7")  # TEST-NET-3: nobody's


def test_busy_port_is_reported(tmp_path, capfd):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        code = main(["notes", "serve", "--port", str(port), "--db", str(tmp_path / "n.db"), "--deck", str(ROOT / "deck")])
    assert code == 1
    assert capfd.readouterr().err == f"Error: port {port} on 127.0.0.1 is already in use; choose another with --port\n"


@pytest.mark.parametrize("argv, message", [
    (["--token", "abc"], "Error: --token is gone: participants write notes without a key, and the QR codes carry "
                         "none. The facilitator's pages need the facilitator key: serve makes one, or give "
                         "--facilitator-key."),
    (["--facilitator-key", "short"], "Error: --facilitator-key is too short; give at least 8 characters or leave "
                                     "the option out"),
    (["--workshop", "  "], "Error: --workshop is empty; give a name or leave the option out (today's date)"),
    (["--deck", str(ROOT / "deck"), "--deck", str(ROOT / "deck")],
     f"Error: the decks {ROOT / 'deck'} and {ROOT / 'deck'} have the same kit id 'samskabelse-samskaping'; give one "
     f"of them its own 'kit:' in deck.yaml"),
])
def test_serve_options_that_are_refused(tmp_path, capfd, argv, message):
    code = main(["notes", "serve", "--db", str(tmp_path / "n.db"), *argv])
    assert code in (1, 2)
    assert capfd.readouterr().err.splitlines()[-1] == message


def test_help_is_for_facilitators():
    out = subprocess.run([sys.executable, "-m", "carddeck.cli", "notes", "serve", "--help"], capture_output=True,
                         text=True, cwd=ROOT, env={**os.environ, "COLUMNS": "100"})
    assert out.returncode == 0 and "For phones on the same Wi-Fi" in out.stdout and "--token" not in out.stdout


def test_sigterm_stops_the_service_as_ctrl_c_does(tmp_path):
    """``systemctl stop`` sends SIGTERM: the service finishes, closes its database and says so."""
    db, port = tmp_path / "notes.db", free_port()
    proc, _ = start(db, port)
    try:
        assert Browser(f"http://127.0.0.1:{port}").post_note("/c/fase-1", "gemt før stop") == 303
        assert (tmp_path / "notes.db-wal").exists()  # the note is in the write-ahead log, not yet in the file
        proc.terminate()
        out, _ = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0
    assert out.splitlines()[-1] == "Stopped."
    assert not (tmp_path / "notes.db-wal").exists()  # closed: SQLite moved the log into the file
