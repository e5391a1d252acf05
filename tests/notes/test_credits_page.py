"""The credits card's page (``kilder``) lists the deck's source credits, as its printed front does."""

from __future__ import annotations

import html
import re

from carddeck.notes.view import card_view


def test_the_credits_card_lists_the_decks_credits(deck):
    cards = deck.by_id()
    assert card_view(deck, cards["kilder"]).sources == tuple(deck.settings.credits)
    assert card_view(deck, cards["om-kittet"]).sources == ()  # an about card without credits: true


def test_the_credits_page_shows_them_under_sources(client, deck):
    page = client.get("/c/kilder")
    assert page.status_code == 200
    section = re.search(r'<section class="sources">(.*?)</section>', page.text, re.S).group(1)
    assert "<h2>Kilder</h2>" in section
    assert [html.unescape(item) for item in re.findall(r"<li>(.*?)</li>", section)] == list(deck.settings.credits)
    assert '<section class="sources">' not in client.get("/c/om-kittet").text
