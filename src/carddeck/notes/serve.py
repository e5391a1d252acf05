"""Run the notes service: a deck folder, a database path and an address in; a running server out.

The app (:mod:`.web`) runs on uvicorn, a production ASGI server. Before serving, this module
works out the address phones should use (this machine's LAN address when listening on all
interfaces) and the matching ``carddeck build --notes-url …`` command, and prints both. Without a
token on a non-loopback address, it makes one: on a shared network nobody should write notes
without the QR code's key.
"""

from __future__ import annotations

import secrets
import socket
from dataclasses import dataclass

from ..errors import UsageProblem
from ..urls import is_loopback

KEEP_ALIVE = 75  # seconds an idle phone's connection stays open (a page is read, then a note typed)
BACKLOG = 2048  # connections waiting to be accepted


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
    """Serve each kind of page once, in process, so the first burst of phones does not all wait
    for templates and lazily imported modules at the same moment."""
    import asyncio

    async def get(path: str, method: str = "GET", body: bytes = b"") -> None:
        scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method, "scheme": "http",
                 "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "",
                 "headers": [(b"host", b"warm-up"), (b"content-type", b"application/x-www-form-urlencoded"),
                             (b"content-length", str(len(body)).encode())],
                 "client": ("127.0.0.1", 0), "server": ("127.0.0.1", 0)}
        sent = iter([{"type": "http.request", "body": body, "more_body": False}])

        async def receive():
            return next(sent, {"type": "http.disconnect"})

        async def send(message):
            pass

        await app(scope, receive, send)

    async def every_kind():
        await get("/")
        first = next(iter(app.state.card_ids), None)
        if first:
            await get(f"/c/{first}")
            await get(f"/c/{first}", "POST", b"text=")  # the refused-form page, nothing is stored
        await get("/c/-")

    asyncio.run(every_kind())


class Server:
    """The uvicorn server on a socket bound beforehand; :meth:`run` serves until Ctrl+C."""

    def __init__(self, server, sock: socket.socket):
        self._server, self._sock = server, sock

    def run(self) -> None:
        self._server.run(sockets=[self._sock])

    def close(self) -> None:
        self._sock.close()


def make_server(app, host: str, port: int) -> Server:
    """Bind the uvicorn server (so a busy port is reported before anything is printed).

    uvicorn runs the app on one event loop (uvloop and httptools when installed): a page is
    served without a thread hand-over, and a note's request waits for its group commit as a
    future, not a blocked thread.
    """
    import uvicorn

    warm_up(app)
    try:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host.strip("[]"), port))
            sock.listen(BACKLOG)  # phones that come before the loop runs wait in the queue
        except OSError:
            sock.close()
            raise
    except OSError as exc:
        if exc.errno in (98, 48, 10048):  # EADDRINUSE on Linux, macOS, Windows
            raise UsageProblem(f"port {port} on {host} is already in use; choose another with --port") from None
        raise UsageProblem(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    config = uvicorn.Config(
        app, lifespan="off", access_log=False, log_level="warning", server_header=False,
        proxy_headers=False,  # nothing stands in front: X-Forwarded-* from a phone is not trusted
        timeout_keep_alive=KEEP_ALIVE, backlog=BACKLOG,
    )
    return Server(uvicorn.Server(config), sock)


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
