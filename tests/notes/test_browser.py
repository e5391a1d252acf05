"""A real browser: scan a built card's QR code, open its page in headless Chromium, add a note, see it.

Needs Debian's Chromium at /usr/bin/chromium (``tests/ensure-browser.sh`` installs it); the test
is skipped, saying so, when it is missing. Playwright drives it; it downloads no browser here.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]

pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"{CHROMIUM} is missing: install Debian's chromium")


def qr_urls(pdf: Path, page: int = 0, dpi: int = 300) -> list[str]:
    """Every QR code on one page of ``pdf``, decoded from a rendering at ``dpi``."""
    import pypdfium2 as pdfium
    import zxingcpp

    doc = pdfium.PdfDocument(pdf)
    try:
        image = doc[page].render(scale=dpi / 72, grayscale=True).to_pil()
    finally:
        doc.close()
    return [r.text for r in zxingcpp.read_barcodes(image)]


def test_scan_write_and_see(tmp_path):
    from playwright.sync_api import sync_playwright
    from test_serve import free_port, start

    from carddeck.cli import main

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    assert main(["build", "--out", str(tmp_path / "kit"), "--notes-url", base]) == 0
    urls = [u for u in qr_urls(tmp_path / "kit" / "cards.pdf") if "/c/" in u]
    assert urls, "no card QR code could be decoded on page 1 of cards.pdf"
    url = sorted(urls)[0]
    assert url.startswith(base + "/c/")

    proc, _ = start(tmp_path / "notes.db", port)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            try:
                page = browser.new_page(viewport={"width": 390, "height": 844}, java_script_enabled=False)
                page.goto(url)
                assert page.locator("h1").inner_text().strip()
                note = "Vi aftaler et fælles møde med foreningerne <i>i maj</i>."
                page.fill("textarea[name=text]", note)
                page.fill("input[name=name]", "Bord-test")
                page.click("button[type=submit]")
                page.wait_for_load_state()
                assert "saved=" in page.url and "#n" in page.url
                shown = page.locator(".note-list li").first
                assert shown.locator(".note-text").inner_text() == note  # escaped, shown as typed
                assert "Bord-test" in shown.locator(".meta").inner_text()
                assert page.locator("[role=status]").inner_text() in ("Noten er gemt.", "Notatet er lagret.")
                page.screenshot(path=str(tmp_path / "card-page.png"), full_page=False)
            finally:
                browser.close()
    finally:
        proc.terminate()
        proc.wait(5)
