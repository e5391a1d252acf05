"""Moderation on the facilitator's page: the workshop's notes by card and table, hide, show again,
delete for good; participants see each change at once; exports leave hidden notes out unless asked."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import re

from carddeck.cli import main
from carddeck.notes import pages
from carddeck.notes.web import create_app

from conftest import as_facilitator, browser, serve
from notes_helpers import csrf_of, post_note, stored

KIT = "samskabelse-samskaping"
CARD = "/c/fase-3-andre"


def moderation_list(page: str) -> list[str]:
    """The moderation section as headings and note texts, in page order."""
    section = page.split('<section class="moderation"')[1].split('<section class="group-block')[0]
    return [re.sub(r"<[^>]+>", "", m).strip() for m in re.findall(r"<h3[^>]*>.*?</h3>|<h4>.*?</h4>|"
                                                                   r'<p class="note-text"[^>]*>.*?</p>', section)]


def act(client, note_id: int, action: str, **form):
    token = csrf_of(client.get("/facilitator").text)
    return client.post(f"/facilitator/notes/{note_id}/{action}", data={"csrf": token, **form})


def on_card(client, path: str = CARD) -> str:
    return client.get(path).text.split('<section class="notes"')[1]


def test_the_list_is_by_card_and_table_newest_first(client):
    for path, text in ((CARD + "/2", "a"), ("/c/fase-1", "b"), (CARD, "c"), (CARD + "/2", "d"), (CARD + "/1", "e")):
        assert post_note(client, path, text).status_code == 303
    page = as_facilitator(client).get("/facilitator").text
    assert moderation_list(page) == ["1 Formål på egen arbejdsplads", "Uden bord", "b",
                                     "3.2 Hvordan samarbejder vi med andre om opgaver?", "Uden bord", "c",
                                     "Bord 1", "e", "Bord 2", "d", "a"]


def test_a_card_that_left_the_deck_keeps_its_notes_on_the_list(deck, sqlite_store):
    client = as_facilitator(browser(create_app(serve(deck, sqlite_store))))
    workshop = asyncio.run(sqlite_store.workshop(KIT, "Workshop 1"))
    asyncio.run(sqlite_store.add_note(workshop.id, "fjernet-kort", None, "fra et kort, der er væk"))
    post_note(client, CARD, "c")
    assert moderation_list(client.get("/facilitator").text) == [
        "3.2 Hvordan samarbejder vi med andre om opgaver?", "Uden bord", "c",
        "fjernet-kort", "Uden bord", "fra et kort, der er væk"]  # last, under its id


def test_hide_then_show_again(client, store):
    post_note(client, CARD, "bliver skjult", "Ane")
    post_note(client, CARD, "bliver stående")
    note = stored(store)[0]
    participant = browser(client.app)
    assert "bliver skjult" in on_card(participant)
    as_facilitator(client)
    reply = act(client, note.id, "hide")
    assert (reply.status_code, reply.headers["Location"]) == (303, f"/facilitator#m{note.id}")
    text = on_card(participant)
    assert "bliver skjult" not in text and "bliver stående" in text and '<span class="count">1</span>' in \
        participant.get(CARD).text
    page = client.get("/facilitator").text
    item = page.split(f'<li id="m{note.id}" class="is-hidden">')[1].split("</li>")[0]
    assert "bliver skjult" in item and "<strong>skjult</strong>" in item and ">Vis igen</button>" in item
    assert "1 skjult note · hent med de skjulte:" in page
    assert act(client, note.id, "show").status_code == 303
    assert "bliver skjult" in on_card(participant)
    assert "skjulte" not in client.get("/facilitator").text


def test_exports_leave_hidden_notes_out_unless_asked(client, store):
    post_note(client, CARD, "skjult note")
    post_note(client, CARD, "vist note")
    as_facilitator(client)
    act(client, stored(store)[0].id, "hide")
    for fmt in ("csv", "json", "md"):
        assert "skjult note" not in client.get(f"/facilitator/export.{fmt}").text, fmt
    rows = list(csv.DictReader(io.StringIO(client.get("/facilitator/export.csv?workshop=Workshop+1&hidden=1")
                                           .content.decode("utf-8-sig"))))
    assert [(r["text"], r["state"]) for r in rows] == [("skjult note", "hidden"), ("vist note", "shown")]
    data = json.loads(client.get("/facilitator/export.json?hidden=1").text)
    assert [n["state"] for n in data["notes"]] == ["hidden", "shown"]
    md = client.get("/facilitator/export.md?hidden=1").text
    assert re.search(r"- skjult note\n  — .* · skjult\n", md)
    assert 'href="/facilitator/export.pdf?workshop=Workshop+1&amp;hidden=1"' in client.get("/facilitator").text


def test_delete_asks_once_more_then_deletes_for_good(client, store):
    post_note(client, CARD, "slet mig", "Bo")
    note = stored(store)[0]
    participant = browser(client.app)
    as_facilitator(client)
    asked = act(client, note.id, "delete")
    assert asked.status_code == 200
    assert "Slette noten for altid?" in asked.text and "slet mig" in asked.text
    assert f'href="/facilitator#m{note.id}">Fortryd</a>' in asked.text
    assert "slet mig" in on_card(participant)  # nothing happened yet
    done = client.post(f"/facilitator/notes/{note.id}/delete", data={"csrf": csrf_of(asked.text), "confirm": "yes"})
    assert (done.status_code, done.headers["Location"]) == (303, "/facilitator#moderation")
    assert "slet mig" not in on_card(participant)
    assert "slet mig" not in client.get("/facilitator").text
    assert "slet mig" not in client.get("/facilitator/export.csv?hidden=1").text
    (row,) = store.export_rows(KIT, states=("deleted",))
    assert (row.id, row.text, row.name) == (note.id, "", None)  # the words are gone, not just hidden
    assert act(client, note.id, "show").status_code == 404  # a deleted note cannot come back


def test_a_deleted_note_leaves_no_words_in_the_pages_memory(client, store):
    post_note(client, CARD, "glem mig")
    (note,) = stored(store)
    assert "glem mig" in on_card(browser(client.app))  # its HTML is kept for the next pages
    as_facilitator(client)
    act(client, note.id, "delete", confirm="yes")
    assert pages._note_item.cache_info().currsize == 0
    assert "glem mig" not in on_card(browser(client.app))


def test_a_deleted_note_leaves_no_words_in_the_sqlite_files(deck, sqlite_store, tmp_path):
    client = browser(create_app(serve(deck, sqlite_store)))
    post_note(client, CARD, "Hemmelighed-7f3a i noten")
    note = stored(sqlite_store)[0]
    as_facilitator(client)
    act(client, note.id, "delete", confirm="yes")
    files = [p for p in tmp_path.iterdir() if p.name.startswith("notes.db")]
    assert files and not any(b"Hemmelighed-7f3a" in p.read_bytes() for p in files)


def test_moderation_needs_the_facilitator_and_the_form_token(client, store):
    post_note(client, CARD, "bliv")
    note = stored(store)[0]
    token = csrf_of(client.get(CARD).text)
    refused = client.post(f"/facilitator/notes/{note.id}/hide", data={"csrf": token})
    assert refused.status_code == 403 and "Kun for facilitatoren" in refused.text
    as_facilitator(client)
    assert client.post(f"/facilitator/notes/{note.id}/hide", data={"csrf": "forged"}).status_code == 403
    assert client.post(f"/facilitator/notes/{note.id}/hide", data={"text": ""}).status_code == 403  # no token
    assert client.get(f"/facilitator/notes/{note.id}/hide").status_code == 405  # a link cannot hide a note
    assert act(client, note.id, "remove").status_code == 404
    assert [n.state for n in stored(store)] == ["shown"]


def test_a_note_of_another_workshop_is_not_this_pages_to_change(deck, store):
    first = browser(create_app(serve(deck, store, workshop="Dag 1")))
    post_note(first, CARD, "fra dag 1")
    note = stored(store)[0]
    second = as_facilitator(browser(create_app(serve(deck, store, workshop="Dag 2"))))
    assert act(second, note.id, "hide").status_code == 404
    assert [n.state for n in stored(store)] == ["shown"]


def test_export_on_the_command_line_includes_hidden_notes_when_asked(deck, sqlite_store, tmp_path, capsys):
    client = browser(create_app(serve(deck, sqlite_store)))
    post_note(client, CARD, "skjult på kommandolinjen")
    post_note(client, CARD, "synlig")
    asyncio.run(sqlite_store.set_state(stored(sqlite_store)[0].id, "hidden"))
    db = str(tmp_path / "notes.db")
    assert main(["notes", "export", "--db", db, "--format", "json"]) == 0
    assert [n["text"] for n in json.loads(capsys.readouterr().out)["notes"]] == ["synlig"]
    assert main(["notes", "export", "--db", db, "--format", "json", "--include-hidden"]) == 0
    assert [(n["text"], n["state"]) for n in json.loads(capsys.readouterr().out)["notes"]] == [
        ("skjult på kommandolinjen", "hidden"), ("synlig", "shown")]
