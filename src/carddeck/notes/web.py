"""The notes pages: a deck and a store in, a Starlette ASGI app out (served by :mod:`.serve`).

Routes
    ``GET  /``                         every card by group, with its note count; export links
    ``GET  /c/<card-id>[/<copy>]``     the card (text, phase, code, background) and its notes
    ``POST /c/<card-id>[/<copy>]``     add a note, then ``303`` back to the page (post/redirect/get)
    ``GET  /export.<csv|json|md|pdf>`` every note, as :mod:`.export` makes it
    ``GET  /theme.css``, ``/fonts/<weight>.ttf``, ``/static/…``   the look of the kit

Safety: templates escape everything (Jinja autoescape); forms carry a signed token tied to a
cookie (CSRF); with a service token, writes need ``?k=<token>`` as the QR codes encode it.
A refused or rejected note re-shows the form with the text kept, never a traceback.

Speed: a card page is rendered once per card, copy, key and note count, with markers where the
reader's form token, the note count and the notes list go; a request fills them in (see
:class:`Filled`). The POST answers only after the note's commit (:meth:`Store.add_async`).
"""

from __future__ import annotations

import hmac
import logging
import secrets
import time
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from urllib.parse import quote, urlencode

from itsdangerous import BadSignature, URLSafeTimedSerializer
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup, escape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from .. import fonts, theme
from ..labels import label
from ..render.svg import symbol_svg
from . import export as exports
from . import jobs
from .http import FORM_COOKIE, FORM_MAX_AGE, App, Filled, html_response, read_form
from . import view
from .store import MAX_TEXT, NoteRejected, StoreError

MAX_COPY = 999
_REMEMBER = 3600.0  # seconds a checked or issued form token is remembered
_CACHE_SIZE = 20000  # entries per cache before it starts over
_PAGES = 4096  # rendered card pages kept (a few kB each; a workshop uses a few hundred)
_HERE = Path(__file__).parent
_log = logging.getLogger("carddeck.notes")


def create_app(deck, store, token: str | None = None) -> Starlette:
    """The notes service for ``deck`` on ``store``.

    :param deck: the loaded :class:`~carddeck.model.Deck` whose cards the QR codes name.
    :param store: an open :class:`~carddeck.notes.store.Store` (read-write).
    :param token: when given, adding a note needs ``?k=<token>`` (LAN use); reading does not.
    """
    signer = URLSafeTimedSerializer(store.secret(), salt="carddeck-notes-form")
    cards = deck.by_id()
    views = {c.id: view.card_view(deck, c) for c in deck.cards}
    groups = view.groups(deck)
    theme_css = _theme_css()
    lang = deck.settings.lang

    def t(key: str, page_lang: str | None = None, **params) -> str:
        return label(page_lang or lang, key, params.get("count")).format(**params)

    env = Environment(loader=FileSystemLoader(_HERE / "templates"), autoescape=True, trim_blocks=True,
                      lstrip_blocks=True, auto_reload=False)
    env.globals.update(
        t=t,
        symbol=lambda style, size=28, name="": Markup(symbol_svg(style, size, str(escape(name)))),
        deck_title=deck.title,
    )
    templates = {name: env.get_template(f"{name}.html") for name in ("card", "overview", "message")}

    # --- the reader's key and form token ------------------------------------------------------

    def key_ok(request: Request) -> bool:
        return token is None or hmac.compare_digest(request.query_params.get("k", "").encode(), token.encode())

    def keep_key(request: Request) -> dict:
        """Query arguments to carry on links: the token as it came, when it is right."""
        return {"k": token} if token and key_ok(request) else {}

    # Signing and checking form tokens is a good part of a request's time under load; a
    # token seen recently is remembered (for a bounded time and number) instead of recomputed.
    issued: dict[str, tuple[str, float]] = {}
    checked: dict[str, tuple[str, float]] = {}

    def form_token(request: Request) -> tuple[str, str | None]:
        """The form token for this reader, and a new cookie to set when they had none."""
        cookie, new = request.cookies.get(FORM_COOKIE, ""), None
        if len(cookie) != 22:
            cookie = new = secrets.token_urlsafe(16)
        hit = issued.get(cookie)
        if hit and time.monotonic() - hit[1] < _REMEMBER:
            return hit[0], new
        value = signer.dumps(cookie)
        _remember(issued, cookie, value)
        return value, new

    def form_ok(request: Request, form: dict) -> bool:
        cookie, value = request.cookies.get(FORM_COOKIE, ""), form.get("csrf", "")
        hit = checked.get(value)
        if hit and time.monotonic() - hit[1] < _REMEMBER:
            signed = hit[0]
        else:
            try:
                signed = str(signer.loads(value, max_age=FORM_MAX_AGE.total_seconds()))
            except BadSignature:
                return False
            _remember(checked, value, signed)
        return bool(cookie) and hmac.compare_digest(signed.encode(), cookie.encode())

    # --- card pages ---------------------------------------------------------------------------

    # A note never changes once stored, so its HTML is made once; a card's list grows by its new
    # notes only (they come first, newest first), unless the list now spans several days and
    # every note's time gets its date.
    lists: dict[str, _NotesList] = {}

    def notes_list(card_id: str) -> _NotesList:
        count = store.version(card_id)
        held = lists.get(card_id)
        if held is not None and held.count == count:
            return held
        notes = store.notes_for(card_id)
        card_lang = views[card_id].lang
        new = notes if held is None else notes[: len(notes) - held.count]
        days = {view.local_time(n).date() for n in new} | (held.days if held else set())
        with_date = len(days) > 1
        html = "".join(_notehtml_response(n, view.note_meta(card_lang, n, with_date)) for n in new).encode()
        if held is not None and held.with_date == with_date:
            html += held.html
        elif held is not None:  # the list now spans days: every note is shown with its date
            html = "".join(_notehtml_response(n, view.note_meta(card_lang, n, with_date)) for n in notes).encode()
        ids = frozenset(n.id for n in new) | (held.ids if held else frozenset())
        held = lists[card_id] = _NotesList(len(notes), html, ids, days, with_date)
        return held

    def cardhtml_response(card_id: str, copy: int | None, request: Request, **form) -> str:
        """The whole card page; ``form`` may fill in csrf, count, notes_html, saved, error, text, name."""
        card = views[card_id]
        keep = keep_key(request)
        return templates["card"].render(
            card=card, copy=copy, lang=card.lang, can_write=key_ok(request), max_text=MAX_TEXT,
            action=_card_path(card_id, copy, **keep), overview=_path("/", **keep),
            **{"error": None, "text": "", "name": "", "saved": False, **form},
        )

    # Rendered pages with markers, per (card, copy, key, saved message shown, any notes).
    pages: dict[tuple, Filled] = {}

    def card_page(request: Request, card_id: str, copy: int | None) -> Response:
        held = notes_list(card_id)
        count, notes_html, ids = held.count, held.html, held.ids
        saved = request.query_params.get("saved", "")
        shows_saved = saved.isdigit() and int(saved) in ids
        key = (card_id, copy, key_ok(request), shows_saved, count > 0)  # the links carry k only when it is right
        page = pages.get(key)
        if page is None:
            marks = Filled.markers() if count else {**Filled.markers(), "count": 0, "notes_html": ""}
            page = Filled(cardhtml_response(card_id, copy, request, saved=shows_saved, **marks))
            if len(pages) > _PAGES:
                pages.clear()
            pages[key] = page
        csrf, new_cookie = form_token(request)
        body = page.fill(csrf=csrf.encode(), count=str(count).encode(), notes_html=notes_html)
        return html_response(body, 200, request, new_cookie)

    def card_form_again(request: Request, card_id: str, copy: int | None, status: int, error: str, text: str,
                        name: str) -> Response:
        """The card page with a message above the form and what was typed kept in it."""
        held = notes_list(card_id)
        count, notes_html = held.count, held.html
        csrf, new_cookie = form_token(request)
        body = cardhtml_response(card_id, copy, request, csrf=csrf, count=count, notes_html=Markup(notes_html.decode()),
                         error=error, text=text, name=name)
        return html_response(body.encode(), status, request, new_cookie)

    # --- routes -------------------------------------------------------------------------------

    async def overview(request: Request) -> Response:
        counts = await run_in_threadpool(store.counts)
        keep = keep_key(request)
        body = templates["overview"].render(
            lang=lang,
            groups=groups,
            counts=counts,
            total=sum(n for cid, n in counts.items() if cid in cards),
            unknown=sum(n for cid, n in counts.items() if cid not in cards),
            link=lambda card_id: _card_path(card_id, None, **keep),
            exports=[(fmt, _path(f"/export.{fmt}", **keep)) for fmt in exports.FORMATS],
            can_write=key_ok(request),
        )
        return html_response(body.encode(), 200, request)

    async def card(request: Request) -> Response:
        card_id, copy = request.path_params["card_id"], request.path_params.get("copy")
        if card_id not in cards or (copy is not None and not 1 <= copy <= MAX_COPY):
            raise HTTPException(404)
        if request.method != "POST":
            return card_page(request, card_id, copy)
        form = await read_form(request)
        text, name = form.get("text", ""), form.get("name", "")
        page_lang = views[card_id].lang
        if not key_ok(request):
            return message(request, t("key_refused_title", page_lang), t("key_refused", page_lang), page_lang, 403,
                           kept=text)
        if not form_ok(request, form):
            return card_form_again(request, card_id, copy, 403, t("form_expired", page_lang), text, name)
        try:
            note = await store.add_async(card_id, copy, text, name)
        except NoteRejected as exc:
            return card_form_again(request, card_id, copy, 400, t(exc.key, page_lang, **exc.params), text, name)
        except StoreError:
            _log.exception("a note could not be stored")
            return card_form_again(request, card_id, copy, 503, t("not_saved", page_lang), text, name)
        target = _card_path(card_id, copy, saved=note.id, **keep_key(request)) + f"#n{note.id}"
        return Response(status_code=303, headers={"location": target})

    async def export(request: Request) -> Response:
        fmt = request.path_params["fmt"]
        if fmt not in exports.FORMATS:
            raise HTTPException(404)
        try:
            data = await request.app.state.exports.export(fmt, deck, await run_in_threadpool(store.all))
        except jobs.Busy:
            return message(request, t("export_busy_title"), t("export_busy"), lang, 503)
        headers = {"cache-control": "no-store"}
        if fmt != "md":
            headers["content-disposition"] = f'attachment; filename="{exports.FILENAMES[fmt]}"'
        return Response(data, media_type=exports.MIMETYPES[fmt], headers=headers)

    async def theme_stylesheet(request: Request) -> Response:
        return Response(theme_css, media_type="text/css", headers={"cache-control": "max-age=3600"})

    async def font(request: Request) -> Response:
        weight = request.path_params["weight"]
        if weight not in fonts.FILES:
            raise HTTPException(404)
        return FileResponse(fonts.font_dir() / fonts.FILES[weight], media_type="font/ttf",
                            headers={"cache-control": "public, max-age=86400"})

    # --- errors -------------------------------------------------------------------------------

    def message(request: Request, title: str, text: str, page_lang: str, status: int, kept: str = "") -> Response:
        body = templates["message"].render(lang=page_lang, title=title, message=text, kept=kept,
                                           overview=_path("/", **keep_key(request)))
        return html_response(body.encode(), status, request)

    async def not_found(request: Request, exc) -> Response:
        return message(request, t("not_found_title"), t("not_found", path=request.url.path), lang, 404)

    async def http_error(request: Request, exc: HTTPException) -> Response:
        return message(request, t("error_title"), f"{exc.status_code} {HTTPStatus(exc.status_code).phrase}.", lang,
                       exc.status_code)

    async def crash(request: Request, exc: Exception) -> Response:
        _log.exception("unexpected error", exc_info=exc)
        return message(request, t("error_title"), "500 Internal Server Error.", lang, 500)

    routes = [
        Route("/", overview, name="overview"),
        Route("/c/{card_id}", card, methods=["GET", "POST"]),
        Route("/c/{card_id}/{copy:int}", card, methods=["GET", "POST"]),
        Route("/export.{fmt}", export),
        Route("/theme.css", theme_stylesheet),
        Route("/fonts/{weight}.ttf", font),
        Mount("/static", StaticFiles(directory=_HERE / "static")),
    ]
    app = App(routes=routes, exception_handlers={404: not_found, HTTPException: http_error, Exception: crash})
    app.state.card_ids = tuple(c.id for c in deck.cards)
    app.state.exports = jobs.ExportPool()  # exports run in another process, a bounded number at a time
    return app


@dataclass(frozen=True)
class _NotesList:
    """A card's notes as shown: how many, their HTML (newest first), their ids and local days."""

    count: int
    html: bytes
    ids: frozenset
    days: set
    with_date: bool


def _path(path: str, **query) -> str:
    return f"{path}?{urlencode(query)}" if query else path


def _card_path(card_id: str, copy: int | None, **query) -> str:
    path = f"/c/{quote(card_id, safe='')}" + (f"/{copy}" if copy is not None else "")
    return _path(path, **query)


def _remember(cache: dict, key: str, value: str) -> None:
    if len(cache) > _CACHE_SIZE:
        cache.clear()
    cache[key] = (value, time.monotonic())


def _notehtml_response(note, meta: str) -> Markup:
    """One note of the list (everything typed is escaped here, as Jinja would)."""
    return Markup(
        '<li id="n{id}"><p class="note-text">{text}</p>'
        '<p class="meta"><time datetime="{created}">{meta}</time></p></li>\n'
    ).format(id=note.id, text=note.text, created=note.created, meta=meta)


def _theme_css() -> str:
    """One class per card family with its colours, so pages need no inline styles (CSP)."""
    styles = [*theme.PHASES.values(), theme.SESAM, theme.WRITEIN, theme.ABOUT]
    rules = [
        f".s-{s.key}{{--colour:{s.colour};--tint:{s.tint};--deep:{s.deep}}}" for s in styles
    ]
    return "\n".join(rules) + "\n"
