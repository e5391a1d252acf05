"""Run the notes service: a deck folder, a database path and an address in; a running server out.

The app (:mod:`.web`) runs on waitress, a production WSGI server. Before serving, this module
works out the address phones should use (this machine's LAN address when listening on all
interfaces) and the matching ``carddeck build --notes-url …`` command, and prints both. Without a
token on a non-loopback address, it makes one: on a shared network nobody should write notes
without the QR code's key.
"""

from __future__ import annotations

import ipaddress
import secrets
import socket
import sys
from dataclasses import dataclass

from ..errors import UsageProblem

SWITCH_INTERVAL = 0.0002  # seconds
THREADS = 16  # request threads; writes are batched by the store's single writer anyway


@dataclass(frozen=True)
class Plan:
    """What the service will do: where it listens, the URL phones use, and the token."""

    host: str
    port: int
    public_url: str  # http://192.168.1.20:8765
    token: str | None
    token_made: bool  # True when the token was generated here
    loopback: bool

    def build_command(self) -> str:
        token = f" --notes-token {self.token}" if self.token else ""
        return f"carddeck build --notes-url {self.public_url}{token}"


def is_loopback(host: str) -> bool:
    """True for addresses only this machine can reach (127.0.0.1, ::1, localhost)."""
    if host.lower() in ("localhost", "localhost.localdomain") or host.lower().endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def lan_address() -> str:
    """This machine's address on its local network, found without sending anything.

    ``connect()`` on a UDP socket only chooses the route and the local address; no packet leaves.
    Falls back to the host name's address, then to the host name itself.
    """
    for probe in ("10.255.255.255", "192.168.255.255", "172.31.255.255"):
        try:
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
                sock.connect((probe, 9))
                address = sock.getsockname()[0]
            if address and not address.startswith(("0.", "127.")):
                return address
        except OSError:
            continue
    name = socket.gethostname()
    try:
        address = socket.gethostbyname(name)
        if not address.startswith("127."):
            return address
    except OSError:
        pass
    return name


def plan(host: str, port: int, token: str | None) -> Plan:
    """Decide the public URL and the token for listening on ``host``:``port``."""
    loopback = is_loopback(host)
    token = token or None
    made = False
    if not loopback and token is None:
        token, made = secrets.token_urlsafe(9), True
    if host in ("0.0.0.0", "::", ""):
        shown = lan_address()
    else:
        shown = host
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    return Plan(host, port, f"http://{shown}:{port}", token, made, loopback)


def warm_up(app) -> None:
    """Render each kind of page once, so the first burst of phones does not all compile
    templates and import modules at the same moment (measured: seconds of lock contention)."""
    client = app.test_client()
    client.get("/")
    first = next(iter(app.config["CARDDECK_CARD_IDS"]), None)
    if first:
        client.get(f"/c/{first}")
        client.post(f"/c/{first}", data={"text": ""})  # the refused-form page, nothing is stored
    client.get("/c/-")


def make_server(app, host: str, port: int, threads: int = THREADS):
    """Bind the waitress server (so a busy port is reported before anything is printed)."""
    import logging

    from waitress import create_server

    # Waitress logs every request that waits for a free thread; in a burst of phones that is
    # noise (and costs time), not a problem.
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    # Request threads, the I/O loop and the store's writer hand the GIL to each other all the
    # time; Python's default 5 ms switch interval made every hand-over a wait (p95 x3 in bench).
    sys.setswitchinterval(SWITCH_INTERVAL)
    warm_up(app)

    try:
        return create_server(app, host=host, port=port, threads=threads, ident="carddeck-notes",
                             connection_limit=1000,
                             clear_untrusted_proxy_headers=True)
    except OSError as exc:
        if exc.errno in (98, 48, 10048):  # EADDRINUSE on Linux, macOS, Windows
            raise UsageProblem(f"port {port} on {host} is already in use; choose another with --port") from None
        raise UsageProblem(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


def announce(p: Plan, db: str, echo) -> None:
    """Print where the service is, how phones reach it and the matching build command."""
    from ..urls import overview_url

    echo(f"Notes service ready, notes are saved in {db}")
    if p.loopback:
        echo(f"  Open on this computer: {overview_url(p.public_url, p.token)}")
        echo("  Only this computer can reach it. For phones on the network: --host 0.0.0.0")
    else:
        echo(f"  Phones on this network open: {overview_url(p.public_url, p.token)}")
        if p.token_made:
            echo(f"  Token (made now; pass --token {p.token} to keep it next time): {p.token}")
    echo(f"  Build the matching kit with:\n    {p.build_command()}")
    echo("  Stop with Ctrl+C.")
