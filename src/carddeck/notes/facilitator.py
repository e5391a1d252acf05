"""What only the facilitator can do: the overview of all notes, closing the workshop, the exports
(with hidden notes when ``?hidden=1`` asks), and the moderation list (:mod:`.moderation`).

In: a request under ``…/facilitator``. Out: HTML, a ``303`` after a change, or an export file.

The facilitator opens ``…/facilitator?key=KEY`` once (the link ``serve`` prints, never printed
on the kit); the answer sets the facilitator cookie and leads to the overview. Without the
cookie every page here, and every export, is refused with a page that says whose it is.
"""

from __future__ import annotations

from collections import Counter
from urllib.parse import quote

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from . import export as exports
from . import jobs
from . import pages, view
from .moderation import LISTED, listing
from .access import FACILITATOR_COOKIE, FACILITATOR_MAX_AGE, FORM_COOKIE, form_cookie
from .http import html_response, read_form
from .kits import Kit
from .participant import base_of
from .store import HIDDEN, SHOWN


def refused(kit: Kit, request: Request) -> Response:
    """The page a participant gets for a facilitator's page: 403, in the kit's language."""
    body = pages.render("message", kit, base_of(request), title=pages.text(kit.lang, "facilitator_only_title"),
                        message=pages.text(kit.lang, "facilitator_only"), index=f"{base_of(request)}/")
    return html_response(body.encode(), 403, request)


def is_facilitator(service, request: Request) -> bool:
    return service.signer.is_facilitator(request.cookies.get(FACILITATOR_COOKIE, ""))


async def overview(service, kit: Kit, request: Request) -> Response:
    """The facilitator's page; with the right ``?key=`` it sets the cookie first."""
    base = base_of(request)
    key = request.query_params.get("key")
    if key is not None:
        if not service.signer.key_ok(key):
            return refused(kit, request)
        response = RedirectResponse(f"{base}/facilitator", status_code=303)
        response.set_cookie(FACILITATOR_COOKIE, service.signer.facilitator_cookie(), path="/", httponly=True,
                            max_age=int(FACILITATOR_MAX_AGE.total_seconds()), samesite="lax",
                            secure=request.url.scheme == "https")
        return response
    if not is_facilitator(service, request):
        return refused(kit, request)
    # Every workshop of the kit as the database has it now: the current one too (another worker
    # may have closed or opened it).
    workshops = await service.store.workshops(kit.id)
    kit.workshop = workshop = next((w for w in workshops if w.id == kit.workshop.id), kit.workshop)
    names = [w.name for w in workshops]
    listed = await service.store.export_notes(kit.id, workshop.name, LISTED)
    counts = Counter(note.card_id for note in listed if note.state == SHOWN)  # what the cards show
    cookie, new_cookie = form_cookie(request.cookies.get(FORM_COOKIE, ""))
    body = pages.render(
        "overview", kit, base, workshop=workshop, groups=kit.groups, counts=counts,
        total=sum(n for card_id, n in counts.items() if card_id in kit.views),
        link=lambda card_id: pages.card_path(base, card_id, None), csrf=service.signer.form_token(cookie),
        formats=exports.FORMATS,
        exports=[(f"{pages.text(kit.lang, 'workshop')} {name}", name) for name in reversed(names)]
        + [(pages.text(kit.lang, "all_workshops"), None)],
        export_link=lambda fmt, name, hidden=None: pages.with_query(f"{base}/facilitator/export.{fmt}",
                                                                   workshop=name, hidden=hidden),
        moderation=listing(kit, listed), hidden=sum(n.state == HIDDEN for n in listed),
        meta=lambda note: " · ".join(part for part in (view.when(note, True), note.name) if part),  # under its table
    )
    return html_response(body.encode(), 200, request, new_cookie)


async def set_open(service, kit: Kit, request: Request) -> Response:
    """``POST …/facilitator/close`` or ``…/open``: close the current workshop for new notes, or open it again."""
    if not is_facilitator(service, request):
        return refused(kit, request)
    form = await read_form(request)
    if not service.signer.form_ok(request.cookies.get(FORM_COOKIE, ""), form.get("csrf", "")):
        raise HTTPException(403)
    kit.workshop = await service.store.set_open(kit.workshop.id, request.path_params["action"] == "open")
    return RedirectResponse(f"{base_of(request)}/facilitator", status_code=303)


async def export(service, kit: Kit, request: Request) -> Response:
    """``GET …/facilitator/export.<fmt>[?workshop=NAME]``: one workshop, or every workshop labelled."""
    fmt = request.path_params["fmt"]
    if fmt not in exports.FORMATS:
        raise HTTPException(404)
    if not is_facilitator(service, request):
        return refused(kit, request)
    workshop = request.query_params.get("workshop")
    # Hidden notes only when asked for (the moderation list's "with hidden notes" links).
    states = (SHOWN, HIDDEN) if request.query_params.get("hidden") == "1" else (SHOWN,)
    try:
        data = await request.app.state.exports.export(fmt, kit.deck, jobs.Ask(kit.id, workshop, states))
    except jobs.Busy:
        body = pages.render("message", kit, base_of(request), title=pages.text(kit.lang, "export_busy_title"),
                            message=pages.text(kit.lang, "export_busy"), index=f"{base_of(request)}/facilitator")
        return html_response(body.encode(), 503, request)
    name = exports.FILENAMES[fmt] if workshop is None else exports.filename(fmt, workshop)
    headers = {"cache-control": "no-store", "content-disposition": f"attachment; filename*=UTF-8''{quote(name)}"}
    if fmt == "md":
        headers["content-disposition"] = "inline"
    return Response(data, media_type=exports.MIMETYPES[fmt], headers=headers)
