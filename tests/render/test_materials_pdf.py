"""The kit's materials beside the cards as a facilitator reads them: the guide's text names every
phase and every file the build wrote, in the kit's language; fonts embedded; 2–4 pages."""

from __future__ import annotations

import pikepdf

from kitutil import page_texts, squash


def test_guide_names_every_file_of_the_kit(built_kit):
    text = squash("".join(page_texts(built_kit / "guide.pdf")))
    files = sorted(p.name for p in built_kit.iterdir())
    assert "guide.pdf" in files and len(files) >= 5
    assert [name for name in files if squash(name) not in text] == []


def test_guide_names_every_phase_with_its_subtitle(built_kit, default_deck):
    text = squash("".join(page_texts(built_kit / "guide.pdf")))
    for phase in default_deck.phases():
        assert squash(f"{phase.phase} {phase.title} – {phase.subtitle}") in text, phase.title


def test_guide_has_its_sections_in_danish(built_kit, default_deck):
    pages = page_texts(built_kit / "guide.pdf")
    assert 2 <= len(pages) <= 4
    text = squash("".join(pages))
    for heading in ("Vejledning til facilitatoren", "Det er i kittet", "Sådan printer du", "Skæreplan",
                    "Sådan lægger I plakaten", "Et forslag til forløbet", "Noterne på dagen",
                    "Privatliv: læs op for deltagerne"):
        assert squash(heading) in text, heading
    assert squash("Dette er et forslag, ikke en del af kildematerialet") in text
    assert squash(f"Spørgsmålskort: {len(default_deck.of_kind('question'))}") in text
    assert squash("250–300 g/m²") in text and squash("--back-offset") in text
    assert squash("Skriv ikke navne, CPR-numre") in text
    assert squash(f"Side {len(pages)} af {len(pages)}") in text


def test_guide_fonts_are_embedded(built_kit):
    pdf = pikepdf.open(built_kit / "guide.pdf")
    for page in pdf.pages:
        for font in page.Resources.Font.values():
            descriptor = font.get("/FontDescriptor") or font.DescendantFonts[0].FontDescriptor
            assert "/FontFile2" in descriptor


def test_contact_sheet_shows_every_card_code_with_its_id(built_kit, default_deck):
    text = squash("".join(page_texts(built_kit / "contact-sheet.pdf")))
    missing = [c.id for c in default_deck.cards if squash(default_deck.codes[c.id] + c.id) not in text]
    assert missing == []
