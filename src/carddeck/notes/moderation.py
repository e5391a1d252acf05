"""The facilitator's moderation: the current workshop's notes by card and table, and hiding,
showing again or deleting one.

In: the kit, its current workshop's notes (shown and hidden), or a ``POST …/facilitator/notes/<id>/<action>``.
Out: the list as view data for the facilitator's page (:func:`listing`), or a ``303`` back to it
after the change. A delete asks once more on a page of its own (no JavaScript needed); it is for
good (see :meth:`carddeck.notes.store.NotesStore.set_state`).

The change is in the database before the answer leaves, and no process serves notes from
memory (pages show what the store gives them), so the next page a participant opens, on any
worker, has it. After a delete this process lets go of the notes' HTML it keeps; other
PostgreSQL workers keep theirs, never shown, until newer notes push it out
(:func:`~.pages.forget_notes`).
"""

from __future__ import annotations

from dataclasses import dataclass

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from . import pages, view
from .access import FORM_COOKIE, form_cookie
from .http import html_response, read_form
from .kits import Kit
from .participant import base_of
from .store import DELETED, HIDDEN, SHOWN, Note

# What each action sets; "delete" only with the second page's confirmation.
ACTIONS = {"hide": HIDDEN, "show": SHOWN, "delete": DELETED}
LISTED = (SHOWN, HIDDEN)  # what the facilitator's list has (a deleted note has no words left)


@dataclass(frozen=True)
class Table:
    """One table's notes on one card, newest first; ``label`` is "Bord 2" or "Uden bord"."""

    label: str
    notes: tuple[Note, ...]


@dataclass(frozen=True)
class ListedCard:
    card: view.CardView
    tables: tuple[Table, ...]


def listing(kit: Kit, notes: list[Note]) -> list[ListedCard]:
    """``notes`` (any order) by card in the kit's order (cards that left the deck last), then by
    table (no table first, then 1, 2, …), each table's notes newest first."""
    by_card: dict[str, list[Note]] = {}
    for note in sorted(notes, key=lambda n: -n.id):
        by_card.setdefault(note.card_id, []).append(note)
    order = [card.id for group in kit.groups for card in group.cards]
    order += sorted(set(by_card) - set(order))
    out = []
    for card_id in order:
        if card_id not in by_card:
            continue
        card = kit.views.get(card_id) or view.left_card(card_id, kit.lang)
        tables: dict[int | None, list[Note]] = {}
        for note in by_card[card_id]:
            tables.setdefault(note.copy, []).append(note)
        out.append(ListedCard(card, tuple(
            Table(view.copy_label(card.lang, copy) or pages.text(card.lang, "no_table"), tuple(tables[copy]))
            for copy in sorted(tables, key=lambda c: (c is not None, c or 0)))))
    return out


async def moderate(service, kit: Kit, request: Request) -> Response:
    """``POST …/facilitator/notes/<id>/hide|show|delete`` (CSRF-checked); ``delete`` first shows
    the confirmation page, and deletes when that page's form comes back with ``confirm=yes``."""
    from .facilitator import is_facilitator, refused

    action, note_id = request.path_params["action"], request.path_params["note_id"]
    if action not in ACTIONS:
        raise HTTPException(404)
    if not is_facilitator(service, request):
        return refused(kit, request)
    form = await read_form(request)
    if not service.signer.form_ok(request.cookies.get(FORM_COOKIE, ""), form.get("csrf", "")):
        raise HTTPException(403)
    listed = await service.store.export_notes(kit.id, kit.workshop.name, LISTED)
    note = next((n for n in listed if n.id == note_id), None)
    if note is None:  # not this kit's current workshop, or deleted already
        raise HTTPException(404)
    base = base_of(request)
    if action == "delete" and form.get("confirm") != "yes":
        cookie, new_cookie = form_cookie(request.cookies.get(FORM_COOKIE, ""))
        body = pages.render("delete", kit, base, note=note, meta=view.note_meta(kit.lang, note, True),
                            csrf=service.signer.form_token(cookie), action=request.url.path,
                            back=f"{base}/facilitator#m{note.id}")
        return html_response(body.encode(), 200, request, new_cookie)
    await service.store.set_state(note.id, ACTIONS[action])
    if action == "delete":
        pages.forget_notes()
    anchor = "moderation" if action == "delete" else f"m{note.id}"
    return RedirectResponse(f"{base}/facilitator#{anchor}", status_code=303)
