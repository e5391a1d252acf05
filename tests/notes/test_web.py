"""The notes pages through Starlette's test client: post/redirect/get, limits, escaping, CSRF, token."""

from __future__ import annotations

import html

import pytest

from carddeck import theme
from carddeck.notes.web import FORM_COOKIE, create_app

from conftest import browser
from notes_helpers import csrf_of, post_note

CARD = "/c/fase-3-andre"  # question 3.2 of phase 3, a Danish card


def test_card_page_shows_the_card(client, deck):
    page = client.get(CARD)
    assert page.status_code == 200
    text = page.text
    assert "Hvordan samarbejder vi med andre om opgaver?" in text
    assert ">3.2<" in text
    assert "Fase 3 · Fælles sprog og værdier" in text
    assert 'class="s-phase-3"' in text and theme.PHASES[3].colour in text  # symbol in the phase colour
    assert '<html lang="da">' in text
    assert "Ingen noter endnu." in text
    assert page.headers["Content-Security-Policy"].startswith("default-src 'none'")


def test_post_redirect_get(client, store):
    sent = post_note(client, CARD + "/3", "Vi deler kalender med foreningerne.", "Ane")
    assert sent.status_code == 303
    note = store.all()[0]
    assert sent.headers["Location"] == f"/c/fase-3-andre/3?saved={note.id}#n{note.id}"
    page = client.get(sent.headers["Location"])
    assert "Noten er gemt." in page.text
    assert "Vi deler kalender med foreningerne." in page.text
    assert "Bord 3 · " in page.text and "Ane" in page.text
    assert (note.card_id, note.copy, note.name) == ("fase-3-andre", 3, "Ane")


def test_notes_newest_first_from_every_table(client):
    for i, copy in enumerate((1, 2, None)):
        assert post_note(client, CARD + (f"/{copy}" if copy else ""), f"note {i}").status_code == 303
    text = client.get(CARD).text
    assert text.index("note 2") < text.index("note 1") < text.index("note 0")
    assert "Bord 2" in text and "Bord 1" in text


def test_everything_typed_is_escaped(client):
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    post_note(client, CARD, evil, name="<b>Bo</b>")
    for path in (CARD, "/export.md"):
        body = client.get(path).text
        if path == CARD:
            assert "<script>" not in body and "<img" not in body and "<b>Bo" not in body
            assert html.escape(evil, quote=True) in body or "&lt;script&gt;" in body
    assert "&lt;b&gt;Bo&lt;/b&gt;" in client.get(CARD).text


def test_empty_note_gets_a_clear_message(client, store):
    reply = post_note(client, CARD, "   \n  ", name="Ane")
    assert reply.status_code == 400
    assert "Noten er tom. Skriv noget, før du gemmer." in reply.text
    assert 'value="Ane"' in reply.text  # the form comes back filled in
    assert store.all() == []


def test_too_long_note_keeps_the_text(client, store):
    text = "x" * 2001
    reply = post_note(client, CARD, text)
    assert reply.status_code == 400
    assert "Noten er for lang: 2001 tegn. Den må højst være 2000 tegn." in reply.text
    assert f">{text}</textarea>" in reply.text
    assert store.all() == []
    assert post_note(client, CARD, "y" * 2000).status_code == 303


def test_norwegian_card_speaks_norwegian(client):
    reply = post_note(client, "/c/regel-2", "")
    assert "Notatet er tomt. Skriv noe før du lagrer." in reply.text
    assert '<html lang="nb">' in reply.text


def test_request_too_large_is_a_page_not_a_crash(client):
    page = client.get(CARD)
    reply = client.post(CARD, data={"csrf": csrf_of(page.text), "text": "x" * 70000})
    assert reply.status_code == 413
    assert "Noget gik galt" in reply.text


@pytest.mark.parametrize("case", ["no token", "forged token", "no cookie", "other cookie"])
def test_cross_site_request_is_refused(client, store, deck, case):
    token = csrf_of(client.get(CARD).text)
    data = {"text": "ondt", "csrf": {"no token": "", "forged token": token[:-2] + "xx"}.get(case, token)}
    if case == "no cookie":
        client.cookies.delete(FORM_COOKIE)
    if case == "other cookie":
        client.cookies.delete(FORM_COOKIE)  # replace it: the jar would otherwise send both
        client.cookies.set(FORM_COOKIE, "A" * 22)
    reply = client.post(CARD, data=data)
    assert reply.status_code == 403
    assert "Formularen var udløbet. Din tekst er bevaret – tryk på knappen igen." in reply.text
    assert ">ondt</textarea>" in reply.text
    assert store.all() == []
    # The page that came back carries a fresh, valid form: sending again works.
    again = client.post(CARD, data={"text": "ondt", "csrf": csrf_of(reply.text)})
    assert again.status_code == 303


def test_token_guards_writes(deck, store):
    client = browser(create_app(deck, store, token="s3cret"))
    page = client.get(CARD)
    assert page.status_code == 200
    assert "For at skrive en note skal du åbne siden med QR-koden på kortet." in page.text
    assert "<form" not in page.text
    refused = client.post(CARD, data={"text": "hej", "csrf": csrf_of(client.get(CARD + "?k=s3cret").text)})
    assert refused.status_code == 403
    assert "Noten blev ikke gemt: adressen mangler nøglen fra kortets QR-kode. Scan kortet igen." in refused.text
    assert "hej" in refused.text  # what was typed is shown, so it can be copied
    form = csrf_of(client.get(CARD + "?k=s3cret").text)
    wrong = client.post(CARD + "?k=wrong", data={"text": "hej", "csrf": form})
    assert wrong.status_code == 403
    assert store.all() == []
    ok = post_note(client, CARD, "hej", query="?k=s3cret")
    assert ok.status_code == 303
    location = ok.headers["Location"]
    assert location.startswith("/c/fase-3-andre?") and "k=s3cret" in location and "saved=" in location
    shown = client.get(ok.headers["Location"])
    assert 'action="/c/fase-3-andre?k=s3cret"' in shown.text and 'href="/?k=s3cret"' in shown.text


def test_unknown_card_is_a_friendly_404(client):
    for path in ("/c/findes-ikke", "/c/fase-1/0", "/c/fase-1/1000", "/nothing"):
        reply = client.get(path)
        assert reply.status_code == 404, path
        assert "Kortet findes ikke" in reply.text
        assert 'href="/"' in reply.text
    assert "Der er intet kort på adressen /c/findes-ikke." in client.get("/c/findes-ikke").text
    assert client.post("/c/findes-ikke", data={"text": "x"}).status_code == 404


def test_overview_lists_every_card_with_counts(client, deck):
    post_note(client, CARD, "en")
    post_note(client, CARD + "/2", "to")
    page = client.get("/")
    assert page.status_code == 200
    for card in deck.cards:
        assert f'href="/c/{card.id}"' in page.text
    assert "2 noter i alt" in page.text
    assert '<span class="n has">2</span>' in page.text
    for fmt in ("csv", "json", "md", "pdf"):
        assert f'href="/export.{fmt}"' in page.text
    text = page.text
    assert text.index("Fase 1 · ") < text.index("Fase 6 · ") < text.index("Noen tommelfingerregler")


def test_overview_counts_one_note_in_the_singular(client):
    assert "0 noter i alt" in client.get("/").text
    post_note(client, CARD, "en")
    assert "1 note i alt" in client.get("/").text


@pytest.mark.parametrize(
    "fmt, mimetype", [("csv", "text/csv"), ("json", "application/json"), ("md", "text/markdown"), ("pdf", "application/pdf")]
)
def test_export_downloads(client, fmt, mimetype):
    post_note(client, CARD, "til referatet")
    reply = client.get(f"/export.{fmt}")
    assert reply.status_code == 200 and mimetype_of(reply) == mimetype
    if fmt == "pdf":
        assert reply.content.startswith(b"%PDF-")
    else:
        assert "til referatet" in reply.content.decode("utf-8-sig")
    assert client.get("/export.xml").status_code == 404


def test_the_look_is_served(client):
    css = client.get("/theme.css").text
    assert all(f".s-{s.key}{{--colour:{s.colour}" in css for s in theme.PHASES.values())
    assert client.get("/static/notes.css").status_code == 200
    font = client.get("/fonts/regular.ttf")
    assert font.status_code == 200 and mimetype_of(font) == "font/ttf"
    assert client.get("/fonts/italic.ttf").status_code == 404


def mimetype_of(reply) -> str:
    return reply.headers["content-type"].split(";")[0]


def test_dates_appear_once_notes_span_days(client, monkeypatch):
    import carddeck.notes.store as store_module

    monkeypatch.setattr(store_module, "utc_now", lambda: "2025-05-03T10:00:00.000Z")
    post_note(client, CARD, "first day")
    assert "3.5.2025" not in client.get(CARD).text  # one day: times only
    monkeypatch.setattr(store_module, "utc_now", lambda: "2025-05-05T10:00:00.000Z")
    post_note(client, CARD, "third day")
    text = client.get(CARD).text
    assert "3.5.2025 " in text and "5.5.2025 " in text
    assert text.index("third day") < text.index("first day")


def test_theme_css_has_the_colours_of_every_card_family(client, deck):
    from carddeck import theme

    css = client.get("/theme.css").text
    for card in deck.cards:
        style = theme.style_for(card)
        assert f".s-{style.key}{{--colour:{style.colour};--tint:{style.tint};--deep:{style.deep}}}" in css, card.id
