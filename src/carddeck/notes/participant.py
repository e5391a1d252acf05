"""What a participant's phone can do: read a card and its current workshop's notes, and write one.

In: a request for a kit's card index or a card page. Out: HTML responses; a written note ends
in a ``303`` back to the card page (post/redirect/get), after the note's commit.

A participant needs no secret while the workshop is open. A note is refused, with what was
typed kept on the page, when the workshop is closed, the form token is stale or forged
(CSRF), the client sent too many notes in a short time, or the text breaks a limit.

When the database fails (a PostgreSQL server restarting or out of reach, an SQLite disk error),
a card page still shows the card and its form, with a line that the notes cannot be shown right
now, as ``503``; a note that could not be stored gets the same page with what was typed and the
form's nonce kept, so sending it again later stores it once.
"""

from __future__ import annotations

import logging
import re
import secrets

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from . import pages
from .access import FORM_COOKIE, form_cookie
from .http import html_response, read_form
from .kits import Kit
from .store import MAX_ID, NoteRejected, StoreError, WorkshopClosed

MAX_COPY = 999  # highest table number a card URL may carry
PAGE_SIZE = 30  # notes on one card page; older ones are a link away
NAME_FIELD = "by"  # the form's optional first name or table (not "name": see templates/card.html)
_NONCE = re.compile(r"[A-Za-z0-9_-]{16,64}")
_ID_DIGITS = len(str(MAX_ID))  # more digits than this is no note's id (and not worth converting)
_log = logging.getLogger("carddeck.notes")


def base_of(request: Request) -> str:
    """The path the kit is served at (a proxy's prefix and the kit's mount), without a trailing '/'."""
    return request.scope.get("root_path", "").rstrip("/")


async def index(service, kit: Kit, request: Request) -> Response:
    """Every card of the kit by group, as links (no notes, no counts: those are the facilitator's)."""
    base = base_of(request)
    body = pages.render("index", kit, base, groups=kit.groups, counts=None,
                        link=lambda card_id: pages.card_path(base, card_id, None))
    return html_response(body.encode(), 200, request)


async def privacy(service, kit: Kit, request: Request) -> Response:
    """What the service keeps, who sees it, how long, and whom to ask (the deck's ``privacy_contact``);
    with the access log on, that it logs each phone's address."""
    body = pages.render("privacy", kit, base_of(request), contact=kit.deck.settings.privacy_contact,
                        logged=service.access_log)
    return html_response(body.encode(), 200, request)


async def card(service, kit: Kit, request: Request) -> Response:
    card_id, copy = request.path_params["card_id"], request.path_params.get("copy")
    if card_id not in kit.views or (copy is not None and not 1 <= copy <= MAX_COPY):
        raise HTTPException(404)
    if request.method == "POST":
        return await _write(service, kit, request, card_id, copy)
    return await card_page(service, kit, request, card_id, copy, before=query_id(request, "before"),
                           saved=query_id(request, "saved"))


def query_id(request: Request, key: str) -> int | None:
    """The note id in the query's ``key`` (``before``, ``saved``), or None when there is none or it
    is no id a note can have (ASCII digits, 1 to :data:`~.store.MAX_ID`): what a phone's URL says
    is checked here, once, before it goes to the store with other phones' questions."""
    value = request.query_params.get(key, "")
    if not (value.isascii() and value.isdigit() and len(value) <= _ID_DIGITS):
        return None
    number = int(value)
    return number if 0 < number <= MAX_ID else None


def new_nonce() -> str:
    """A form's own random id, sent back with the note: the store keeps one note per nonce and
    workshop, so a double tap or a reload that sends the form again stores nothing new."""
    return secrets.token_urlsafe(16)


def form_nonce(form: dict[str, str]) -> str | None:
    """The nonce a form came with, or None when it has none of the shape :func:`new_nonce` makes."""
    nonce = form.get("nonce", "")
    return nonce if _NONCE.fullmatch(nonce) else None


async def current_workshop(service, kit: Kit):
    """The kit's workshop as the database has it now: another worker process (or the facilitator
    on another one) may have closed or opened it since this process last looked."""
    kit.workshop = await service.store.workshop(kit.id, kit.workshop.name) or kit.workshop
    return kit.workshop


async def card_page(service, kit: Kit, request: Request, card_id: str, copy: int | None, *, status: int = 200,
                    before: int | None = None, saved: int | None = None, read: bool = True, **form) -> Response:
    """The card page: the card, the form (or the closed notice) and one page of the current
    workshop's notes. ``form`` may fill in ``error``, ``text``, ``name`` and ``nonce``.

    When the notes cannot be read (or ``read`` is False: the database has just failed this
    request), the page has the card and the form, a line that the notes cannot be shown right
    now instead of them, and status ``503`` (or ``status`` when it says the request was refused).
    """
    base = base_of(request)
    found = None
    if read:
        # The workshop as the database has it now (another worker may have closed or opened it)
        # and the card's notes in it, in one read.
        try:
            found = await service.store.card_notes(kit.id, kit.workshop.name, card_id, limit=PAGE_SIZE + 1,
                                                   before=before)
        except StoreError as exc:
            _log.error("a card page is shown without its notes: %s", exc)
    if found is None:
        # The workshop as this process last saw it: a group can still type, and the form's
        # answer says whether the note was stored.
        workshop, notes, older, count = kit.workshop, (), None, None
        status = 503 if status < 400 else status
    else:
        workshop = kit.workshop = found.workshop or kit.workshop
        notes, count = found.notes, found.count
        older = pages.card_path(base, card_id, copy, before=notes[PAGE_SIZE - 1].id) if len(notes) > PAGE_SIZE else None
        notes = notes[:PAGE_SIZE]
    view = kit.views[card_id]
    cookie, new_cookie = form_cookie(request.cookies.get(FORM_COOKIE, ""))
    top, band_end = pages.card_top(kit, card_id, base)
    body = pages.render(
        "card", kit, base, lang=view.lang, card=view, top=top, band_end=band_end, copy=copy, is_open=workshop.is_open,
        csrf=service.signer.form_token(cookie), count=count, unavailable=found is None,
        L=pages.labels(view.lang), notes_html=pages.notes_html(view.lang, notes), older=older,
        newest=pages.card_path(base, card_id, copy) if before is not None and found is not None else None,
        saved=saved is not None and any(n.id == saved for n in notes),
        action=pages.card_path(base, card_id, copy), index=f"{base}/",
        **{"error": None, "text": "", "name": "", **form, "nonce": form.get("nonce") or new_nonce()},
    )
    return html_response(body.encode(), status, request, new_cookie)


async def _write(service, kit: Kit, request: Request, card_id: str, copy: int | None) -> Response:
    form = await read_form(request)
    text, name, nonce = form.get("text", ""), form.get(NAME_FIELD, ""), form_nonce(form)
    lang = kit.views[card_id].lang

    def again(status: int, key: str, read: bool = True, **params) -> Response:
        # The same nonce again: nothing was stored, and the form may still be on its way twice.
        return card_page(service, kit, request, card_id, copy, status=status, read=read,
                         error=pages.text(lang, key, **params), text=text, name=name, nonce=nonce)

    try:
        # The write itself checks the workshop in its transaction (a workshop another worker
        # closed refuses the note there), so only a workshop this process last saw closed is
        # asked again: another worker may have opened it.
        if not (kit.workshop.is_open or (await current_workshop(service, kit)).is_open):
            return await again(409, "workshop_closed_note")
        if not service.signer.form_ok(request.cookies.get(FORM_COOKIE, ""), form.get("csrf", "")):
            return await again(403, "form_expired")
        # A limit shared by several workers is kept in the database: its check may fail too.
        if not await service.rate.check(request.client.host if request.client else ""):
            return await again(429, "too_many")
        note = await service.store.add_note(kit.workshop.id, card_id, copy, text, name, nonce)
    except WorkshopClosed:  # closed by another process of the service since this one last looked
        return await again(409, "workshop_closed_note")  # its read of the card learns the workshop
    except NoteRejected as exc:
        return await again(400, exc.key, **exc.params)
    except StoreError as exc:
        # The page again without reading the database that has just failed: a second wait for it
        # would only delay the answer.
        _log.error("a note was not stored: %s", exc)
        return await again(503, "not_saved", read=False)
    # The note's own card and table: a form sent again gets the answer the first one got.
    target = pages.card_path(base_of(request), note.card_id, note.copy, saved=note.id) + f"#n{note.id}"
    return RedirectResponse(target, status_code=303)
