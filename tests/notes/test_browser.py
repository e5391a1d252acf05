"""The workshop day in a real browser: build the kit, scan a card's QR code, write, and hand over to the facilitator.

Needs Debian's Chromium at /usr/bin/chromium (``tests/ensure-tools.sh`` installs it) and
axe-core from npm (``tests/ensure-tools.sh``); without them the tests skip, saying so, and fail
under CI, where they must run. Playwright drives Chromium; it downloads no browser here.

The kit is built for a hotspot address (10.42.0.1, as NetworkManager's shared Wi-Fi has); the
service runs on this computer's loopback address, so each URL read from a QR code gets its host
rewritten to 127.0.0.1 and the test's port, the only change a phone on the hotspot would not see.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from conftest import ROOT
from kitutil import page_qr_codes

CHROMIUM = "/usr/bin/chromium"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
HOTSPOT = "http://10.42.0.1:8765"
KEY = "facilitator-key-for-the-browser-test"
PHONE = {"width": 390, "height": 844}


def need(path: Path, what: str) -> None:
    if not path.exists():
        message = f"{path} is missing: {what}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="module")
def kit(tmp_path_factory):
    """The kit built twice for the hotspot with two table copies: (folder, card URLs of page 1 of each build)."""
    from carddeck.cli import main

    urls = []
    for n in (1, 2):
        out = tmp_path_factory.mktemp(f"kit{n}")
        assert main(["build", "--out", str(out), "--notes-url", HOTSPOT, "--copies", "2"]) == 0
        urls.append(sorted(page_qr_codes(out / "cards.pdf", dpi=300, pages=[0])[0]))
    return out, urls


def test_two_builds_print_the_same_urls_and_no_code_carries_a_key(kit, deck):
    from carddeck.build import KitOptions, lay_out
    from carddeck.layout.boxes import QR
    from carddeck.layout.deck import CardOptions

    out, (first, second) = kit
    assert first and first == second
    assert all(u.startswith(HOTSPOT + "/c/") for u in first)
    # Every code the kit prints, read from the laid-out kit: card, poster and table-tent codes.
    documents = lay_out(deck, KitOptions(cards=CardOptions(copies=2, notes_url=HOTSPOT)))
    printed = [box.url for doc in documents.values() for page in doc.pages for box in _boxes(page.items)
               if isinstance(box, QR)]
    assert len(printed) >= 2 * len(deck.cards)
    for url in printed:
        assert "?" not in url and "#" not in url and "key" not in url and KEY not in url, url
    poster = page_qr_codes(out / "poster.pdf", dpi=100, pages=[0])[0]
    assert poster == [HOTSPOT + "/"]


def _boxes(items):
    for item in items:
        yield item
        yield from _boxes(getattr(item, "boxes", ()))


def local(url: str, port: int) -> str:
    """``url`` as this test reaches it: the same path on 127.0.0.1:``port``."""
    parts = urlsplit(url)
    return urlunsplit(("http", f"127.0.0.1:{port}", parts.path, parts.query, parts.fragment))


def axe_violations(context, url: str) -> list[dict]:
    """axe-core's violations (WCAG 2.2 A and AA rules) on the page at ``url``."""
    page = context.new_page()
    try:
        page.goto(url)
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(
            "async () => JSON.stringify((await axe.run(document, {runOnly: {type: 'tag', values: "
            "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})).violations)"
        )
        return [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"]]} for v in json.loads(result)]
    finally:
        page.close()


def test_the_workshop_day(kit, tmp_path):
    need(Path(CHROMIUM), "install Debian's chromium (tests/ensure-tools.sh)")
    need(AXE, "install axe-core from npm (tests/ensure-tools.sh)")
    from playwright.sync_api import sync_playwright
    from test_serve import free_port, start

    _, (urls, _) = kit
    card_url = next(u for u in urls if u.startswith(HOTSPOT + "/c/fase-"))
    port = free_port()
    db = tmp_path / "notes.db"
    note = "Vi aftaler et fælles møde med foreningerne <i>i maj</i>."
    proc, lines = start(db, port, "--notes-url", HOTSPOT, "--workshop", "Dag 1", "--facilitator-key", KEY)
    facilitator_link = next(line for line in lines if "/facilitator?key=" in line).split("open once: ")[1]
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            try:
                phone = browser.new_context(viewport=PHONE, java_script_enabled=False)
                page = phone.new_page()
                # The participant scans the card and writes.
                page.goto(local(card_url, port))
                assert page.locator("h1").inner_text().strip()
                page.fill("textarea[name=text]", note)
                page.fill("input[name=by]", "Bord-test")
                page.click("button[type=submit]")
                page.wait_for_load_state()
                assert "saved=" in page.url and "#n" in page.url
                shown = page.locator(".note-list li").first
                assert shown.locator(".note-text").inner_text() == note  # escaped, shown as typed
                assert "Bord-test" in shown.locator(".meta").inner_text()
                assert page.locator("[role=status]").inner_text() in ("Noten er gemt.", "Notatet er lagret.")
                # The overview and every export are the facilitator's.
                base = f"http://127.0.0.1:{port}"
                for path in ("/facilitator", *(f"/facilitator/export.{f}" for f in ("csv", "json", "md", "pdf")),
                             "/facilitator/export.md?workshop=Dag%201", "/export.csv"):
                    reply = phone.request.get(base + path)
                    assert reply.status in (403, 404), path
                    assert "fælles møde" not in reply.text(), path
                # The facilitator opens the link serve printed, once, and sees and exports the note.
                laptop = browser.new_context(java_script_enabled=False)
                desk = laptop.new_page()
                desk.goto(local(facilitator_link, port))
                assert urlsplit(desk.url).path == "/facilitator"
                assert "1 note i alt" in desk.locator(".total").inner_text()
                record = laptop.request.get(base + "/facilitator/export.md?workshop=Dag%201")
                assert record.status == 200 and "fælles møde med foreningerne" in record.text()
                pdf = laptop.request.get(base + "/facilitator/export.pdf?workshop=Dag%201")
                assert pdf.status == 200 and pdf.body().startswith(b"%PDF-")
                # Accessibility of the pages on the day: the card page, the index, the facilitator's.
                checks = browser.new_context(viewport=PHONE, bypass_csp=True)  # axe is a script: CSP allows none
                checks.add_cookies(laptop.cookies())
                for url in (local(card_url, port), base + "/", base + "/facilitator"):
                    assert axe_violations(checks, url) == [], url
                broken = axe_violations(checks, "data:text/html,<html><body><img src=x.png></body></html>")
                assert {"image-alt", "html-has-lang"} <= {v["id"] for v in broken}  # axe really looked
            finally:
                browser.close()
    finally:
        proc.terminate()
        proc.wait(5)

    # The next workshop with the same kit starts empty for participants; the first one is kept.
    proc, _ = start(db, port, "--notes-url", HOTSPOT, "--workshop", "Dag 2", "--facilitator-key", KEY)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            try:
                page = browser.new_page(viewport=PHONE, java_script_enabled=False)
                page.goto(local(card_url, port))
                assert page.locator(".note-list li").count() == 0
                assert page.locator(".notes .empty").inner_text() in ("Ingen noter endnu.", "Ingen notater ennå.")
                assert "fælles møde" not in page.content()
            finally:
                browser.close()
    finally:
        proc.terminate()
        proc.wait(5)


def axe_on(page) -> list[dict]:
    """axe-core's violations on the page as it is now (a page reached by a form, say)."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => JSON.stringify((await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})).violations)"
    )
    return [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"]]} for v in json.loads(result)]


def test_privacy_page_form_and_moderation_in_a_browser(tmp_path):
    """Without JavaScript, at phone size: the privacy link, the form's line and name field, then
    the facilitator hides and deletes a note and the phone sees it at once; axe finds nothing."""
    need(Path(CHROMIUM), "install Debian's chromium (tests/ensure-tools.sh)")
    need(AXE, "install axe-core from npm (tests/ensure-tools.sh)")
    from playwright.sync_api import sync_playwright
    from test_serve import free_port, start

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc, lines = start(tmp_path / "notes.db", port, "--notes-url", HOTSPOT, "--facilitator-key", KEY)
    link = local(next(line for line in lines if "/facilitator?key=" in line).split("open once: ")[1], port)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            try:
                phone = browser.new_context(viewport=PHONE, java_script_enabled=False).new_page()
                phone.goto(base + "/c/fase-2/3")
                assert phone.locator("#no-names").inner_text().startswith("Skriv ikke andres navne eller CPR-numre.")
                field = phone.locator("input#by")
                assert (field.get_attribute("autocomplete"), field.get_attribute("maxlength")) == ("off", "40")
                assert phone.locator("label[for=by]").inner_text() == "Fornavn eller bord (valgfrit)"
                phone.locator("footer a", has_text="Privatliv og data").click()
                assert urlsplit(phone.url).path == "/privacy" and phone.locator("h1").inner_text() == "Privatliv og data"
                phone.screenshot(path=str(tmp_path / "privacy.png"), full_page=True)
                phone.goto(base + "/c/fase-2/3")
                for text in ("Første note", "Anden note"):
                    phone.fill("textarea[name=text]", text)
                    phone.fill("input[name=by]", "Ane")
                    phone.click("button[type=submit]")
                    phone.wait_for_load_state()
                phone.screenshot(path=str(tmp_path / "card.png"), full_page=True)

                desk_context = browser.new_context(viewport=PHONE, java_script_enabled=False)
                desk = desk_context.new_page()
                desk.goto(link)
                items = desk.locator(".mod-list li")
                assert [items.nth(i).locator(".note-text").inner_text() for i in range(2)] == ["Anden note", "Første note"]
                items.first.locator("button", has_text="Skjul").click()
                desk.wait_for_load_state()
                assert "is-hidden" in desk.locator(".mod-list li").first.get_attribute("class")
                desk.screenshot(path=str(tmp_path / "moderation.png"), full_page=True)
                phone.reload()
                assert [t.strip() for t in phone.locator(".note-list .note-text").all_inner_texts()] == ["Første note"]
                desk.locator(".mod-list li").nth(1).locator("button", has_text="Slet").click()
                desk.wait_for_load_state()
                assert desk.locator("h1").inner_text() == "Slette noten for altid?"
                desk.screenshot(path=str(tmp_path / "delete.png"), full_page=True)
                desk.locator("button", has_text="Slet for altid").click()
                desk.wait_for_load_state()
                assert desk.locator(".mod-list li").count() == 1
                phone.reload()
                assert phone.locator(".note-list li").count() == 0

                checks = browser.new_context(viewport=PHONE, bypass_csp=True)
                checks.add_cookies(desk_context.cookies())
                for path in ("/privacy", "/c/fase-2/3", "/facilitator"):
                    assert axe_violations(checks, base + path) == [], path
                page = checks.new_page()
                page.goto(base + "/facilitator")
                page.locator(".mod-list li").first.locator("button", has_text="Slet").click()
                page.wait_for_load_state()
                assert page.locator("h1").inner_text() == "Slette noten for altid?"
                assert axe_on(page) == []
            finally:
                browser.close()
    finally:
        proc.terminate()
        proc.wait(5)
    shots = os.environ.get("CARDDECK_SCREENSHOTS")
    if shots:  # to look at them: CARDDECK_SCREENSHOTS=/tmp/shots pytest tests/notes/test_browser.py
        import shutil

        for png in tmp_path.glob("*.png"):
            shutil.copy(png, Path(shots) / png.name)
