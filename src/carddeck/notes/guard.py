"""Request checks of the notes service: an ASGI request in; it passes, or a short refusal page out.

- **Host** (no DNS rebinding): once :func:`allow_hosts` has named the addresses the service
  serves (the printed URL's host, this computer's addresses, localhost), a request for any other
  host name gets 400. A page some web site loads under its own name that it has pointed at this
  computer then reads nothing.
- **Origin** on every POST: a browser says which site sent a form (``Origin``, else ``Referer``);
  a form sent from another site, or from an opaque origin (``null``), gets 403. A client that
  sends neither (not a browser) still needs the form's token, as before.
- **Content type** of a POST: the service's forms are url-encoded; anything else gets 415 with a
  page saying so (not "the form expired").
- **Slow clients**: :func:`http_protocol` gives uvicorn a protocol that closes a connection whose
  request headers have not arrived within :data:`HEADER_TIMEOUT` (uvicorn itself closes idle
  kept-alive connections after its keep-alive timeout, but has no header timeout).
- **Open files**: :func:`raise_open_files` lifts the soft limit to the hard one at start (every
  phone holds a connection, each is a file) and says when that is still too few.
"""

from __future__ import annotations

import socket
from urllib.parse import urlsplit

from ..labels import label

HEADER_TIMEOUT = 10.0  # seconds from connecting (or a new request) to the end of its headers
PHONES = 300  # phones a workshop may bring at once (a large hall: 30 tables of 10)
FILES_PER_PHONE = 2  # a phone keeps up to two connections open
SPARE_FILES = 64  # the database, fonts, templates, logs, the listening socket
FORM_TYPE = "application/x-www-form-urlencoded"


def host_of(value: str) -> str:
    """The host name of a ``Host`` header or a URL's authority, lower-case, without port or brackets."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1:value.find("]")] if "]" in value else value
    if value.count(":") == 1:
        value = value.split(":", 1)[0]
    return value.rstrip(".")


def served_hosts(urls: list[str], listen_host: str) -> frozenset[str]:
    """The host names requests may carry: the printed URLs', this computer's, and localhost."""
    from .serve import lan_address

    hosts = {"localhost", "127.0.0.1", "::1", host_of(lan_address())}
    hosts |= {host_of(urlsplit(url).netloc) for url in urls if urlsplit(url).netloc}
    if listen_host not in ("0.0.0.0", "::", ""):
        hosts.add(host_of(listen_host))
    name = socket.gethostname()
    hosts |= {name.lower(), f"{name.lower()}.local"}
    try:
        hosts |= {host_of(a) for a in socket.gethostbyname_ex(name)[2]}
    except OSError:
        pass
    return frozenset(hosts)


def allow_hosts(app, hosts: frozenset[str], lang: str) -> None:
    """Turn the Host check on for ``app`` (a Starlette app built on :class:`~.http.App`)."""
    app.state.allowed_hosts = frozenset(hosts)
    app.state.guard_lang = lang


class RequestChecks:
    """Pure ASGI middleware: the Host, Origin and content-type checks of the module docstring.

    It reads ``allowed_hosts`` and ``guard_lang`` from the app's state (see :func:`allow_hosts`);
    without them only the POST checks run (an app under test).
    """

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        state = scope["app"].state if "app" in scope else None
        allowed = getattr(state, "allowed_hosts", None)
        lang = getattr(state, "guard_lang", "da")
        headers = _checked_headers(scope)
        host = headers.get("host", "")
        if allowed is not None and host_of(host) not in allowed:
            return await _refuse(send, 400, lang, "bad_host")
        if scope["method"] == "POST":
            origin = headers.get("origin")
            if origin is None and "referer" in headers:
                origin = headers["referer"]
            if origin is not None and not _same_site(origin, host, allowed):
                return await _refuse(send, 403, lang, "bad_origin")
            if headers.get("content-type", "").split(";")[0].strip().lower() != FORM_TYPE:
                return await _refuse(send, 415, lang, "bad_content_type")
        await self.app(scope, receive, send)


# The headers these checks read, by their name as sent (ASGI servers send names in lower case).
_CHECKED = {name.encode(): name for name in ("host", "origin", "referer", "content-type")}


def _checked_headers(scope) -> dict[str, str]:
    """The request's headers that the checks read (the last of each, as text): decoding only
    these, not the dozen a phone sends, halves what this costs at every request."""
    found = {}
    for key, value in scope.get("headers", ()):
        name = _CHECKED.get(key) or _CHECKED.get(key.lower())
        if name:
            found[name] = value.decode("latin-1")
    return found


def _same_site(origin: str, host: str, allowed: frozenset[str] | None) -> bool:
    """Whether a form's ``Origin`` (or ``Referer``) is this service: the request's own host, or,
    behind a reverse proxy that passes on another Host, one of the served host names."""
    if origin == "null":  # an opaque origin: a sandboxed frame, a data: URL, a file
        return False
    netloc = urlsplit(origin).netloc.lower()
    return bool(netloc) and (netloc == host.lower() or (allowed is not None and host_of(netloc) in allowed))


async def _refuse(send, status: int, lang: str, key: str) -> None:
    """A small page in the kit's language; the security headers are added outside this middleware."""
    from markupsafe import escape

    title, text = escape(label(lang, key + "_title")), escape(label(lang, key))
    body = (f'<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{title}</title></head><body><h1>{title}</h1><p>{text}</p></body></html>\n").encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/html; charset=utf-8"), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


def http_protocol():
    """uvicorn's httptools protocol with a header deadline: a connection that has not finished
    sending a request's headers :data:`HEADER_TIMEOUT` seconds after it connected (or after its
    request began) is closed, so slow clients cannot hold the service's connections."""
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

    class HeaderDeadline(HttpToolsProtocol):
        _deadline = None

        def _arm(self) -> None:
            self._disarm()
            self._deadline = self.loop.call_later(HEADER_TIMEOUT, self.transport.close)

        def _disarm(self) -> None:
            if self._deadline is not None:
                self._deadline.cancel()
                self._deadline = None

        def connection_made(self, transport):
            super().connection_made(transport)
            self._arm()

        def on_message_begin(self):
            super().on_message_begin()
            self._arm()

        def on_headers_complete(self):
            self._disarm()
            super().on_headers_complete()

        def connection_lost(self, exc):
            self._disarm()
            super().connection_lost(exc)

    return HeaderDeadline


def raise_open_files(phones: int) -> str | None:
    """Raise this process's open-files limit to its hard limit; return a warning when that is
    still below what ``phones`` phones need, else None. (None also where there is no such limit.)"""
    try:
        import resource
    except ImportError:  # Windows: no per-process limit of this kind
        return None
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and soft < hard:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
            soft = hard
        except (ValueError, OSError):
            pass
    elif hard == resource.RLIM_INFINITY and soft != resource.RLIM_INFINITY:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, 65536), hard))
            soft = max(soft, 65536)
        except (ValueError, OSError):
            pass
    needed = phones * FILES_PER_PHONE + SPARE_FILES
    if soft != resource.RLIM_INFINITY and soft < needed:
        return (f"this computer lets the service open only {soft} files, enough for about "
                f"{max(0, (soft - SPARE_FILES) // FILES_PER_PHONE)} phones at once; raise the limit "
                f"(ulimit -n {needed}) before serve")
    return None
