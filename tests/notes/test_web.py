"""The notes pages through Starlette's test client: participants, the facilitator, workshops, limits, escaping, CSRF."""

from __future__ import annotations

import asyncio
import html
import re

import pytest

from carddeck import theme
from carddeck.notes.access import FORM_COOKIE, RateLimit
from carddeck.notes.participant import PAGE_SIZE
from carddeck.notes.web import create_app

from conftest import KEY, as_facilitator, browser, serve
from notes_helpers import csrf_of, post_note, stored

CARD = "/c/fase-3-andre"  # question 3.2 of phase 3, a Danish card
REFUSED = ("Denne side er for den, der leder workshoppen. Åbn facilitatorlinket, som notetjenesten viste ved start.")
FORMATS = ("csv", "json", "md", "pdf")


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
    note = stored(store)[0]
    assert sent.headers["Location"] == f"/c/fase-3-andre/3?saved={note.id}#n{note.id}"
    page = client.get(sent.headers["Location"])
    assert "Noten er gemt." in page.text
    assert "Vi deler kalender med foreningerne." in page.text
    assert "Bord 3 · " in page.text and "Ane" in page.text
    assert (note.card_id, note.copy, note.name, note.workshop) == ("fase-3-andre", 3, "Ane", "Workshop 1")


def test_notes_newest_first_from_every_table(client):
    for i, copy in enumerate((1, 2, None)):
        assert post_note(client, CARD + (f"/{copy}" if copy else ""), f"note {i}").status_code == 303
    text = client.get(CARD).text
    assert text.index("note 2") < text.index("note 1") < text.index("note 0")
    assert "Bord 2" in text and "Bord 1" in text


def test_everything_typed_is_escaped_on_the_page_and_in_markdown(client):
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    post_note(client, CARD, evil, name="<b>Bo</b>")
    page = client.get(CARD).text
    assert "<script>" not in page and "<img" not in page and "<b>Bo" not in page
    shown = re.search(r'<p class="note-text">(.*?)</p>', page).group(1)
    assert html.unescape(shown) == evil and "&lt;b&gt;Bo&lt;/b&gt;" in page
    md = as_facilitator(client).get("/facilitator/export.md")
    # The Markdown record keeps the note as text (markup escaped), and the browser is told not to sniff it.
    assert md.headers["content-type"].startswith("text/markdown") and md.headers["x-content-type-options"] == "nosniff"
    import markdown_it

    shown_md = markdown_it.MarkdownIt("commonmark").render(md.text)
    assert html.escape(evil) in shown_md and "&lt;b&gt;Bo&lt;/b&gt;" in shown_md
    assert "<script>" not in shown_md and "<img" not in shown_md


def test_empty_note_gets_a_clear_message(client, store):
    reply = post_note(client, CARD, "   \n  ", name="Ane")
    assert reply.status_code == 400
    assert "Noten er tom. Skriv noget, før du gemmer." in reply.text
    assert 'value="Ane"' in reply.text  # the form comes back filled in
    assert stored(store) == []


def test_too_long_note_keeps_the_text(client, store):
    text = "x" * 2001
    reply = post_note(client, CARD, text)
    assert reply.status_code == 400
    assert "Noten er for lang: 2001 tegn. Den må højst være 2000 tegn." in reply.text
    assert f">{text}</textarea>" in reply.text
    assert stored(store) == []
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
def test_cross_site_request_is_refused(client, store, case):
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
    assert stored(store) == []
    # The page that came back carries a fresh, valid form: sending again works.
    again = client.post(CARD, data={"text": "ondt", "csrf": csrf_of(reply.text)})
    assert again.status_code == 303


def test_unknown_card_is_a_friendly_404(client):
    for path in ("/c/findes-ikke", "/c/fase-1/0", "/c/fase-1/1000", "/nothing"):
        reply = client.get(path)
        assert reply.status_code == 404, path
        assert "Kortet findes ikke" in reply.text
        assert 'href="/"' in reply.text
    assert "Der er intet kort på adressen /c/findes-ikke." in client.get("/c/findes-ikke").text
    assert client.post("/c/findes-ikke", data={"text": "x"}).status_code == 404


def test_participants_get_the_cards_but_no_notes_from_the_index(client, deck):
    post_note(client, CARD, "hemmelig note")
    page = client.get("/")
    assert page.status_code == 200
    for card in deck.cards:
        assert f'href="/c/{card.id}"' in page.text
    assert "hemmelig note" not in page.text and "export" not in page.text and 'class="n' not in page.text
    assert page.text.index("Fase 1 · ") < page.text.index("Fase 6 · ") < page.text.index("Nogle tommelfingerregler")


@pytest.mark.parametrize("path", ["/facilitator", *(f"/facilitator/export.{fmt}" for fmt in FORMATS),
                                  "/facilitator/export.csv?workshop=Workshop%201", "/export.csv"])
def test_participants_cannot_see_the_overview_or_download_anything(client, path):
    post_note(client, CARD, "kun til facilitatoren")
    reply = client.get(path)
    assert reply.status_code in (403, 404), path
    assert "kun til facilitatoren" not in reply.text
    if path.startswith("/facilitator"):
        assert reply.status_code == 403 and REFUSED in reply.text and "Kun for facilitatoren" in reply.text


def test_a_wrong_facilitator_key_is_refused(client):
    reply = client.get("/facilitator?key=guess")
    assert reply.status_code == 403 and REFUSED in reply.text
    assert "carddeck_facilitator" not in reply.headers.get("set-cookie", "")
    client.cookies.set("carddeck_facilitator", "forged")
    assert client.get("/facilitator").status_code == 403


def test_the_facilitator_link_sets_a_cookie_once(client):
    opened = client.get(f"/facilitator?key={KEY}")
    assert opened.status_code == 303 and opened.headers["location"] == "/facilitator"
    cookie = opened.headers["set-cookie"]
    assert KEY not in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert client.get("/facilitator").status_code == 200


def test_facilitator_overview_counts_the_current_workshop(client):
    post_note(client, CARD, "en")
    post_note(client, CARD + "/2", "to")
    page = as_facilitator(client).get("/facilitator")
    assert page.status_code == 200
    assert "Workshop Workshop 1 · 2 noter i alt" in page.text
    assert '<span class="n has">2</span>' in page.text
    for fmt in FORMATS:
        assert f'href="/facilitator/export.{fmt}?workshop=Workshop+1"' in page.text
        assert f'href="/facilitator/export.{fmt}"' in page.text  # every workshop


def test_the_overview_counts_what_the_cards_show(client, store):
    post_note(client, CARD, "en")
    post_note(client, CARD, "to")
    asyncio.run(store.set_state(stored(store)[0].id, "hidden"))  # a hidden note is listed for moderation, not counted
    page = as_facilitator(client).get("/facilitator").text
    assert "Workshop Workshop 1 · 1 note i alt" in page and '<span class="n has">1</span>' in page


@pytest.mark.parametrize(
    "fmt, mimetype", [("csv", "text/csv"), ("json", "application/json"), ("md", "text/markdown"), ("pdf", "application/pdf")]
)
def test_facilitator_exports(client, fmt, mimetype):
    post_note(client, CARD, "til referatet")
    reply = as_facilitator(client).get(f"/facilitator/export.{fmt}?workshop=Workshop 1")
    assert reply.status_code == 200 and mimetype_of(reply) == mimetype
    if fmt == "pdf":
        assert reply.content.startswith(b"%PDF-")
        assert reply.headers["content-disposition"] == "attachment; filename*=UTF-8''workshop-record-Workshop-1.pdf"
    else:
        assert "til referatet" in reply.content.decode("utf-8-sig")
    assert client.get("/facilitator/export.xml").status_code == 404


def test_a_closed_workshop_says_so_kindly_and_keeps_the_text(client, store):
    page = client.get(CARD)  # a participant has the form open ...
    facilitator = as_facilitator(browser(client.app))
    closing = facilitator.post("/facilitator/close", data={"csrf": csrf_of(facilitator.get("/facilitator").text)})
    assert closing.status_code == 303
    assert "Workshoppen er lukket for nye noter" in facilitator.get("/facilitator").text
    reply = client.post(CARD, data={"csrf": csrf_of(page.text), "text": "Vores sidste idé"})  # ... and sends it
    assert reply.status_code == 409
    assert "Workshoppen er slut, så noten blev ikke gemt. Din tekst står herunder, så du kan kopiere den." in reply.text
    assert '<p class="note-text">Vores sidste idé</p>' in reply.text and "<form" not in reply.text
    assert stored(store) == []
    shown = client.get(CARD).text
    assert "Workshoppen er slut, så der kan ikke skrives flere noter her. Tak for jeres bidrag!" in shown
    norwegian = client.get("/c/regel-2").text
    assert "Workshopen er over, så det kan ikke skrives flere notater her. Takk for bidragene!" in norwegian
    facilitator.post("/facilitator/open", data={"csrf": csrf_of(facilitator.get("/facilitator").text)})
    assert post_note(client, CARD, "igen").status_code == 303


def test_every_worker_sees_a_closed_workshop_at_once(deck, store):
    # Two apps on one database are two worker processes: each has its own copy of the kits.
    one, two = (browser(create_app(serve(deck, store))) for _ in range(2))
    page = two.get(CARD)
    facilitator = as_facilitator(one)
    facilitator.post("/facilitator/close", data={"csrf": csrf_of(facilitator.get("/facilitator").text)})
    assert "Workshoppen er slut, så der kan ikke skrives flere noter her." in two.get(CARD).text
    assert two.post(CARD, data={"csrf": csrf_of(page.text), "text": "for sent"}).status_code == 409
    assert stored(store) == []


def test_a_workshop_opened_again_by_another_worker_takes_notes_there_at_once(deck, store):
    one, two = (browser(create_app(serve(deck, store))) for _ in range(2))
    page = two.get(CARD)
    facilitator = as_facilitator(one)
    facilitator.post("/facilitator/close", data={"csrf": csrf_of(facilitator.get("/facilitator").text)})
    assert two.post(CARD, data={"csrf": csrf_of(page.text), "text": "lukket"}).status_code == 409  # two saw it closed
    facilitator.post("/facilitator/open", data={"csrf": csrf_of(facilitator.get("/facilitator").text)})
    assert two.post(CARD, data={"csrf": csrf_of(page.text), "text": "åben igen"}).status_code == 303
    assert "<form" in two.get(CARD).text and [n.text for n in stored(store)] == ["åben igen"]


def test_closing_needs_the_facilitator_and_a_form_token(client):
    token = csrf_of(client.get(CARD).text)
    assert client.post("/facilitator/close", data={"csrf": token}).status_code == 403
    assert as_facilitator(client).post("/facilitator/close", data={"csrf": "x"}).status_code == 403
    assert "<form" in client.get(CARD).text  # still open


def test_a_second_workshop_starts_empty_for_participants(deck, store):
    first = browser(create_app(serve(deck, store, "Tirsdag")))
    post_note(first, CARD, "fra tirsdag")
    second = browser(create_app(serve(deck, store, "Torsdag")))
    page = second.get(CARD).text
    assert "fra tirsdag" not in page and "Ingen noter endnu." in page
    post_note(second, CARD, "fra torsdag")
    md = as_facilitator(second).get("/facilitator/export.md").text
    assert "Workshop Tirsdag · " in md and "Workshop Torsdag · " in md  # every workshop, each labelled
    assert "fra tirsdag" not in second.get("/facilitator/export.md?workshop=Torsdag").text


def test_writes_per_client_are_limited(deck, store):
    client = browser(create_app(serve(deck, store, rate=RateLimit(per_minute=1, burst=2))))
    assert [post_note(client, CARD, f"n{i}").status_code for i in range(2)] == [303, 303]
    reply = post_note(client, CARD, "en for meget")
    assert reply.status_code == 429
    assert "Der er sendt mange noter herfra på kort tid. Vent et øjeblik, og tryk så på knappen igen." in reply.text
    assert ">en for meget</textarea>" in reply.text
    assert len(stored(store)) == 2


def test_card_pages_stay_small_however_many_notes(client, service):
    workshop = service.kits[0].workshop

    async def many():
        for i in range(PAGE_SIZE + 5):
            await service.store.add_note(workshop.id, "fase-3-andre", None, f"note nummer {i}.")

    asyncio.run(many())
    page = client.get(CARD).text
    assert page.count('<li id="n') == PAGE_SIZE and "note nummer 34." in page and "note nummer 4." not in page
    assert f'<span class="count">{PAGE_SIZE + 5}</span>' in page
    pages_nav = page.split('<nav class="pages"')[1].split("</nav>")[0]
    older = pages_nav.split('href="')[-1].split('"')[0].replace("&amp;", "&")
    assert older.startswith("/c/fase-3-andre?before=")
    rest = client.get(older).text
    assert rest.count('<li id="n') == 5 and "note nummer 0." in rest and "Nyeste noter" in rest


@pytest.mark.parametrize("query", ["before=99999999999999999999", "before=0", "before=%C2%B2", "before=" + "9" * 5000,
                                   "saved=99999999999999999999", "saved=%C2%B2"])
def test_a_page_number_no_note_can_have_gives_the_newest_page(client, query):
    # On PostgreSQL an id beyond BIGINT failed the whole batch of card pages it was read with.
    assert post_note(client, CARD, "den nyeste note").status_code == 303
    page = client.get(f"{CARD}?{query}")
    assert page.status_code == 200 and "den nyeste note" in page.text
    assert "Nyeste noter" not in page.text and "Noten er gemt." not in page.text


def test_a_kit_under_a_path_prefix(deck, store):
    client = browser(create_app(serve(deck, store, mount="/hedensted")))
    page = client.get("/hedensted" + CARD)
    assert page.status_code == 200
    assert 'href="/hedensted/static/notes.css"' in page.text and 'action="/hedensted/c/fase-3-andre"' in page.text
    sent = client.post("/hedensted" + CARD, data={"csrf": csrf_of(page.text), "text": "under en sti"})
    assert sent.headers["location"].startswith("/hedensted/c/fase-3-andre?saved=")
    assert client.get("/hedensted/static/notes.css").status_code == 200
    assert client.get(CARD).status_code == 404
    assert as_facilitator(client, "/hedensted").get("/hedensted/facilitator").status_code == 200


def test_several_kits_on_one_service(deck, store):
    from carddeck.notes.web import prepare

    other = deck.model_copy(update={"settings": deck.settings.model_copy(update={"kit": "andet-kit"})})
    service = asyncio.run(prepare(store, [(deck, "/a"), (other, "/b")], "W", KEY))
    client = browser(create_app(service))
    post_note(client, "/a" + CARD, "kun i kit a")
    assert "kun i kit a" in client.get("/a" + CARD).text and "kun i kit a" not in client.get("/b" + CARD).text
    assert [n.text for n in stored(store, "samskabelse-samskaping")] == ["kun i kit a"]
    assert stored(store, "andet-kit") == []


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
    import carddeck.notes.postgres as postgres_module
    import carddeck.notes.sqlite as sqlite_module

    def clock(moment):  # both engines take the time of a write from this computer's clock
        for module in (sqlite_module, postgres_module):
            monkeypatch.setattr(module, "utc_now", lambda: moment)

    clock("2025-05-03T10:00:00.000Z")
    post_note(client, CARD, "first day")
    assert "3.5.2025" not in client.get(CARD).text  # one day: times only
    clock("2025-05-05T10:00:00.000Z")
    post_note(client, CARD, "third day")
    text = client.get(CARD).text
    assert "3.5.2025 " in text and "5.5.2025 " in text
    assert text.index("third day") < text.index("first day")


def test_theme_css_has_the_colours_of_every_card_family(client, deck):
    css = client.get("/theme.css").text
    for card in deck.cards:
        style = theme.style_for(card)
        assert f".s-{style.key}{{--colour:{style.colour};--tint:{style.tint};--deep:{style.deep}}}" in css, card.id
