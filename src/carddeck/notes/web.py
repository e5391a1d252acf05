"""The notes service as an ASGI app: kits and a store in, a Starlette app out (run by :mod:`.serve`).

Routes of each kit, below the path its QR codes were printed with (see :mod:`.kits`)
    ``GET  /``                              the kit's cards by group, as links (participants)
    ``GET  /privacy``                       what is kept, who sees it, how long, whom to ask (every page links it)
    ``GET  /c/<card-id>[/<table>]``         the card and the current workshop's notes, a page at a time
    ``POST /c/<card-id>[/<table>]``         add a note, then ``303`` back (:mod:`.participant`)
    ``GET  /facilitator[?key=KEY]``         the overview of all notes, the workshop's state, exports
    ``POST /facilitator/close|open``        close the workshop for new notes, or open it again
    ``GET  /facilitator/export.<fmt>``      csv, json, md, pdf; ``?workshop=NAME`` or every workshop; ``&hidden=1``
    ``POST /facilitator/notes/<id>/<act>``  hide, show or delete one note (:mod:`.moderation`)
    ``GET  /theme.css``, ``/fonts/<weight>.ttf``, ``/static/…``   the look of the kit

Who may do what lives in :mod:`.access`, the HTML in :mod:`.pages`, the security headers and
form reading in :mod:`.http`. Templates escape everything; a refused or rejected note re-shows
the form with the text kept, never a traceback.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import partial
from http import HTTPStatus
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from .. import fonts, theme
from . import facilitator, jobs, moderation, pages, participant
from .access import RateLimit, Signer
from .http import App, html_response
from .kits import Kit, open_kits
from .store import NotesStore

_HERE = Path(__file__).parent
_log = logging.getLogger("carddeck.notes")


@dataclass
class Service:
    """Everything a request may need: the store, the kits, the signer and the write limit;
    ``access_log``: every request is logged with the client's address (the privacy page says so)."""

    store: NotesStore
    kits: list[Kit]
    signer: Signer
    rate: RateLimit = field(default_factory=RateLimit)
    access_log: bool = False


async def prepare(store: NotesStore, decks: list[tuple[object, str]], workshop: str, facilitator_key: str,
                  rate: RateLimit | None = None, access_log: bool = False) -> Service:
    """Open each (deck, mount) kit's workshop ``workshop`` in ``store``; the service that serves them
    (``access_log``: the server logs every request with the client's address)."""
    kits = await open_kits(store, decks, workshop)
    for kit in kits:
        kit.card_html = pages.card_texts(kit)
        kit.card_symbols = pages.card_symbols(kit)
    signer = Signer((await store.secret()).encode(), facilitator_key)
    return Service(store, kits, signer, rate or RateLimit(), access_log)


def create_app(service: Service) -> Starlette:
    """The Starlette app serving every kit of ``service`` at its mount path."""
    if len(service.kits) == 1 and not service.kits[0].mount:
        routes = kit_routes(service, service.kits[0])
    else:
        # A kit at '' (the service's root) matches every path: it goes after the others.
        ordered = sorted(service.kits, key=lambda kit: -len(kit.mount))
        routes = [Mount(kit.mount, routes=kit_routes(service, kit)) for kit in ordered]
    errors = ErrorPages(service.kits)
    app = App(routes=routes, exception_handlers={404: errors.not_found, HTTPException: errors.http_error,
                                                 Exception: errors.crash})
    # Exports run in another process, a bounded number at a time, reading the notes themselves.
    app.state.exports = jobs.ExportPool(service.store.db)
    app.state.card_paths = tuple(f"{kit.mount}/c/{kit.deck.cards[0].id}" for kit in service.kits if kit.deck.cards)
    return app


def kit_routes(service: Service, kit: Kit) -> list:
    """The routes of one kit, relative to its mount path."""

    def bound(handler):
        return partial(handler, service, kit)

    card = bound(participant.card)
    return [
        Route("/", bound(participant.index)),
        Route("/privacy", bound(participant.privacy)),
        Route("/c/{card_id}", card, methods=["GET", "POST"]),
        Route("/c/{card_id}/{copy:int}", card, methods=["GET", "POST"]),
        Route("/facilitator", bound(facilitator.overview)),
        Route("/facilitator/{action:str}", bound(_set_open), methods=["POST"]),
        Route("/facilitator/export.{fmt}", bound(facilitator.export)),
        Route("/facilitator/notes/{note_id:int}/{action:str}", bound(moderation.moderate), methods=["POST"]),
        Route("/theme.css", theme_stylesheet),
        Route("/fonts/{weight}.ttf", font),
        Mount("/static", _STATIC),
    ]


async def _set_open(service: Service, kit: Kit, request: Request) -> Response:
    if request.path_params["action"] not in ("close", "open"):
        raise HTTPException(404)
    return await facilitator.set_open(service, kit, request)


_STATIC = StaticFiles(directory=_HERE / "static")


async def theme_stylesheet(request: Request) -> Response:
    return Response(_THEME_CSS, media_type="text/css", headers={"cache-control": "max-age=3600"})


async def font(request: Request) -> Response:
    weight = request.path_params["weight"]
    if weight not in fonts.FILES:
        raise HTTPException(404)
    return FileResponse(fonts.font_dir() / fonts.FILES[weight], media_type="font/ttf",
                        headers={"cache-control": "public, max-age=86400"})


def _theme_css() -> str:
    """One class per card family with its colours, so pages need no inline styles (CSP)."""
    styles = [*theme.PHASES.values(), *(theme.palette_style(colour, "circle") for colour in theme.PALETTE)]
    return "\n".join(f".s-{s.key}{{--colour:{s.colour};--tint:{s.tint};--deep:{s.deep}}}" for s in styles) + "\n"


_THEME_CSS = _theme_css()


class ErrorPages:
    """404, other HTTP errors and crashes as a page in the language of the kit the path belongs to."""

    def __init__(self, kits: list[Kit]):
        self.kits = sorted(kits, key=lambda kit: -len(kit.mount))

    def _kit(self, request: Request) -> tuple[Kit, str]:
        path = request.url.path
        root = request.scope.get("app_root_path", request.scope.get("root_path", "")).rstrip("/")
        inner = path[len(root):] if path.startswith(root) else path
        for kit in self.kits:
            if not kit.mount or inner == kit.mount or inner.startswith(kit.mount + "/"):
                return kit, root + kit.mount
        return self.kits[-1], root

    def page(self, request: Request, title_key: str, message: str, status: int) -> Response:
        kit, base = self._kit(request)
        body = pages.render("message", kit, base, title=pages.text(kit.lang, title_key), message=message,
                            index=f"{base}/")
        return html_response(body.encode(), status, request)

    async def not_found(self, request: Request, exc) -> Response:
        kit, _ = self._kit(request)
        return self.page(request, "not_found_title", pages.text(kit.lang, "not_found", path=request.url.path), 404)

    async def http_error(self, request: Request, exc: HTTPException) -> Response:
        return self.page(request, "error_title", f"{exc.status_code} {HTTPStatus(exc.status_code).phrase}.",
                         exc.status_code)

    async def crash(self, request: Request, exc: Exception) -> Response:
        _log.exception("unexpected error", exc_info=exc)
        return self.page(request, "error_title", "500 Internal Server Error.", 500)
