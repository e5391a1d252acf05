"""Run the notes service: kits, a store and an address in; a running server and plain words out.

Before serving, this module checks the URL each kit was printed with against this computer: can
phones reach it there? (The kit opens 10.42.0.1 but this computer has 192.168.1.23: the hotspot
is off.) It prints the answer, the facilitator's link and that link as a QR code for the
terminal. The app (:mod:`.web`) runs on uvicorn, with proxy headers trusted only from the
reverse proxy named with ``--proxy``.
"""

from __future__ import annotations

import io
import signal
import socket
import threading
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..errors import UsageProblem
from ..urls import DEFAULT_PORT, facilitator_url, is_loopback

KEEP_ALIVE = 75  # seconds an idle phone's connection stays open (a page is read, then a note typed)
BACKLOG = 2048  # connections waiting to be accepted
# Addresses a laptop's own hotspot always has, and how to turn that hotspot on.
HOTSPOTS = {
    "10.42.0.1": "NetworkManager's hotspot (Linux: Settings › Wi-Fi › Turn On Wi-Fi Hotspot)",
    "192.168.137.1": "Windows Mobile Hotspot (Settings › Network & internet › Mobile hotspot)",
}
README_SECTION = "README.md, section 'Workshop day'"


def lan_address() -> str | None:
    """This machine's address on its local network, found without sending anything, or None.

    ``connect()`` on a UDP socket only chooses the route and the local address; no packet leaves.
    """
    for probe in ("10.255.255.255", "192.168.255.255", "172.31.255.255"):
        try:
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
                sock.connect((probe, 9))
                address = sock.getsockname()[0]
        except OSError:
            continue
        if address and not address.startswith(("0.", "127.")):
            return address
    return None


def has_address(ip: str) -> bool:
    """True when one of this computer's network interfaces has the address ``ip`` (binding proves it)."""
    family = socket.AF_INET6 if ":" in ip else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_DGRAM) as sock:
            sock.bind((ip, 0))
        return True
    except OSError:
        return False


def _is_ip(host: str) -> bool:
    try:
        socket.inet_pton(socket.AF_INET6 if ":" in host else socket.AF_INET, host)
        return True
    except OSError:
        return False


@dataclass(frozen=True)
class Reach:
    """Whether phones can reach a printed URL here: ``ok`` and what to say about it."""

    ok: bool
    says: str


def reachability(url: str, host: str, port: int, proxied: bool, *, lan=lan_address, has=has_address) -> Reach:
    """Can phones open ``url`` (what the kit's QR codes open) on this computer, listening on ``host``:``port``?

    ``proxied``: a reverse proxy in front receives the URL's requests (a host name or HTTPS).
    """
    parts = urlsplit(url)
    at, mine = parts.hostname or "", lan()
    if is_loopback(at):
        return Reach(False, f"The kit's QR codes open {at}, which only this computer can reach: phones cannot. "
                            f"Build the kit for the hotspot address (see {README_SECTION}), for instance "
                            f"carddeck build --notes-url http://{mine or '10.42.0.1'}:{port}")
    if not _is_ip(at):
        return Reach(True, f"The kit's QR codes open {at}: phones reach the notes when that name leads to this "
                           f"computer{' through its reverse proxy' if proxied else ''} (see {README_SECTION}).")
    url_port = parts.port or {"http": 80, "https": 443}[parts.scheme]
    if not has(at):
        hotspot = HOTSPOTS.get(at)
        todo = f"Turn on {hotspot}" if hotspot else f"Connect this computer to the network where it has {at}"
        now = f"this computer has {mine}" if mine else "this computer is on no network"
        return Reach(False, f"The kit's QR codes open {at}, but {now}: phones cannot reach the notes. {todo}, "
                            f"then start again (see {README_SECTION}).")
    if is_loopback(host):
        return Reach(False, f"The kit's QR codes open {at}, and this computer has that address, but the service "
                            f"listens only on {host}: start it with --host 0.0.0.0 so phones reach it.")
    if not proxied and url_port != port:
        return Reach(False, f"The kit's QR codes open port {url_port}, but the service listens on port {port}: "
                            f"start it with --port {url_port}.")
    return Reach(True, f"Phones on this computer's network open the kit's QR codes at {at}: this computer has "
                       f"that address, and the service listens there.")


def listening_url(host: str, port: int, path: str = "") -> str:
    """Where the service is reachable as it listens (the LAN address for 0.0.0.0), for the facilitator's link
    when the printed URL does not lead here."""
    shown = (lan_address() or "127.0.0.1") if host in ("0.0.0.0", "::", "") else host
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    return f"http://{shown}:{port}{path}"


def terminal_qr(text: str) -> str:
    """``text`` as a QR code drawn with block characters (qrcode's own text output), light on dark."""
    import qrcode

    code = qrcode.QRCode(border=2)
    code.add_data(text)
    code.make(fit=True)
    out = io.StringIO()
    code.print_ascii(out=out, tty=False, invert=True)
    return out.getvalue()


def announce(kits: list[tuple[str, str, str]], reach: list[Reach], db: str, key: str, key_made: bool, echo) -> None:
    """Print, for each kit (title, workshop line, the URL the facilitator's link starts with), whether
    phones reach its printed URL, and the facilitator's link."""
    echo(f"Notes service ready, notes are saved in {db}")
    for (title, workshop, url), verdict in zip(kits, reach):
        echo(f"Kit: {title} · {workshop}")
        echo(f"  {'OK' if verdict.ok else 'PROBLEM'}: {verdict.says}")
        echo(f"  Facilitator (every note, exports, closing the workshop), open once: {facilitator_url(url, key)}")
    if key_made:
        echo("  The facilitator key was made for this run; to keep it after a restart, pass --facilitator-key "
             "or set CARDDECK_FACILITATOR_KEY.")
    echo("Scan to open the facilitator page on a phone:")
    echo(terminal_qr(facilitator_url(kits[0][2], key)).rstrip("\n"))
    echo("Stop with Ctrl+C.")


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
        for path in app.state.card_paths:
            await get(path)
            await get(path, "POST", b"text=")  # the refused-form page, nothing is stored
            await get(path.split("/c/")[0] + "/")
        await get("/c/-")

    asyncio.run(every_kind())


class _Terminated(Exception):
    """SIGTERM came (``systemctl stop``, a worker's parent stopping it): leave :meth:`Server.run`."""


def _terminated(signum, frame):
    raise _Terminated


class Server:
    """The uvicorn server on a socket bound beforehand; :meth:`run` serves until Ctrl+C or SIGTERM."""

    def __init__(self, server, sock: socket.socket):
        self._server, self._sock = server, sock

    @property
    def socket(self) -> socket.socket:
        """The bound, listening socket (worker processes serve on it too)."""
        return self._sock

    def run(self) -> None:
        """Serve until SIGTERM (then return) or Ctrl+C (then KeyboardInterrupt); uvicorn finishes the
        requests under way first.

        uvicorn raises the signal once more when it is done, for the handler it found. SIGTERM's
        default handler would end the process right there, before the caller's ``finally`` closes
        the store, the export pool and the service lock; this one returns instead.
        """
        mine = threading.current_thread() is threading.main_thread() and signal.getsignal(signal.SIGTERM) == signal.SIG_DFL
        if mine:
            signal.signal(signal.SIGTERM, _terminated)
        try:
            self._server.run(sockets=[self._sock])
        except _Terminated:
            pass
        finally:
            if mine:
                signal.signal(signal.SIGTERM, signal.SIG_DFL)

    def close(self) -> None:
        self._sock.close()


def make_server(app, host: str, port: int = DEFAULT_PORT, proxy: str | None = None, root_path: str = "",
                sock: socket.socket | None = None, access_log: bool = False) -> Server:
    """Bind the uvicorn server (so a busy port is reported before anything is printed).

    :param proxy: addresses of the reverse proxy in front (comma-separated); only its
        ``X-Forwarded-For`` and ``X-Forwarded-Proto`` are believed. None: nothing stands in front.
    :param root_path: the path prefix a proxy strips before passing a request on.
    :param sock: a socket bound already (a worker process serves on its parent's socket).
    :param access_log: log every request with the client's address (off: no IP address is kept).
    """
    import uvicorn

    from . import guard

    warm_up(app)
    if sock is None:
        sock = bind(host, port)
    config = uvicorn.Config(
        app, lifespan="off", access_log=access_log, log_level="info" if access_log else "warning", server_header=False,
        proxy_headers=proxy is not None, forwarded_allow_ips=proxy or None, root_path=root_path,
        timeout_keep_alive=KEEP_ALIVE, backlog=BACKLOG,
        http=guard.http_protocol(),  # closes connections whose request headers are too slow to come
    )
    return Server(uvicorn.Server(config), sock)


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host``:``port``; a busy port or a bad address is a usage problem."""
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
    return sock
