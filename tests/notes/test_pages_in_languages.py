"""The notes service in the kit's language: pages, their HTML lang, a quote's own words and its
translation, and the exports (``notes serve --lang``, ``notes export --lang``)."""

from __future__ import annotations

from carddeck.cli import main
from carddeck.load import load_kit
from carddeck.notes.web import create_app
from conftest import browser, serve
from kitutil import ROOT

LANGDECK = ROOT / "tests" / "langdeck"


def test_pages_are_in_the_kits_language_and_say_so(sqlite_store):
    client = browser(create_app(serve(load_kit(LANGDECK, "en"), sqlite_store)))
    index = client.get("/").text
    assert '<html lang="en">' in index and "All cards" in index and "Alle kort" not in index
    page = client.get("/c/sitat-1").text
    assert '<html lang="en">' in page
    assert '<h1 lang="nb">«Det e&#39;kke så lett å få folk med når ingen vet hva samskaping er for noe.»</h1>' in page
    assert "<p>Translation: “It isn’t that easy to get people on board when nobody knows what co-creation is for.”</p>" in page
    assert "Save the note" in page and "Gem noten" not in page


def test_a_page_in_the_quotes_own_language_has_no_translation(sqlite_store):
    client = browser(create_app(serve(load_kit(LANGDECK, "nb"), sqlite_store)))
    page = client.get("/c/sitat-1").text
    assert '<html lang="nb">' in page and "<h1>«Det e&#39;kke" in page and "Oversettelse" not in page


def test_export_in_a_language(tmp_path, capsys):
    from carddeck.notes.store import open_store
    from notes_helpers import post_note

    db = tmp_path / "notes.db"
    store = open_store(str(db))
    try:
        client = browser(create_app(serve(load_kit(LANGDECK, "en"), store)))
        post_note(client, "/c/sitat-1", "Vi kender det godt")
    finally:
        store.close()
    assert main(["notes", "export", "--db", str(db), "--format", "md", "--deck", str(LANGDECK), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Test cards: Workshop record")
    assert "## Quotes" in out and "Translation: “It isn’t" in out and "Vi kender det godt" in out


def test_serve_refuses_a_language_tag_it_cannot_use(capsys):
    assert main(["notes", "serve", "--deck", str(LANGDECK), "--lang", "en_GB"]) == 2
    assert ("Error: Invalid value for '--lang': expected a BCP-47 language tag such as 'da', 'nb' or 'en-GB', "
            "received 'en_GB'") in capsys.readouterr().err
