"""The privacy page, the line by the form and the short name field, as a phone gets them."""

from __future__ import annotations

import html
import re

import pytest

from carddeck.notes.store import MAX_NAME
from carddeck.notes.web import create_app

from conftest import as_facilitator, browser, serve
from notes_helpers import post_note, stored

CARD = "/c/fase-3-andre"
CONTACT = "Databeskyttelsesrådgiver, Eksempel Kommune, dpo@eksempel.dk"


def with_settings(deck, **settings):
    return deck.model_copy(update={"settings": deck.settings.model_copy(update=settings)})


def headings_and_text(page: str) -> list[str]:
    main = page.split("<main>")[1].split("</main>")[0]
    return [html.unescape(re.sub(r"<[^>]+>", "", m)).strip() for m in re.findall(r"<(?:h1|h2|p)[^>]*>.*?</(?:h1|h2|p)>",
                                                                                   main, re.S)]


def test_the_privacy_page_in_danish_without_a_contact(client):
    page = client.get("/privacy")
    assert page.status_code == 200 and '<html lang="da">' in page.text
    assert headings_and_text(page.text) == [
        "Privatliv og data",
        "Her kan du læse, hvad notetjenesten gemmer, hvem der ser det, og hvor længe det gemmes.",
        "Hvad gemmes",
        "Notetjenesten gemmer din note, det kort og bord, den er skrevet ved, og tidspunktet. Skriver du et fornavn "
        "eller bordets nummer i feltet under noten, gemmes det også. Feltet er frivilligt.",
        "Notetjenesten gemmer ingen IP-adresse, ingen konto og intet om din telefon. Siderne har ingen sporing, ingen "
        "statistik og ingen reklame, og de henter intet fra andre websteder. Din telefon får kun én cookie, og den "
        "beskytter formularen mod andre websteder.",
        "Skriv ikke andres navne eller CPR-numre.",
        "Hvem ser noterne",
        "Facilitatoren, der leder workshoppen, ser alle noter og kan hente dem som referat. Deltagerne ser de viste "
        "noter fra den aktuelle workshop på det kort, de åbner – ikke noter fra tidligere workshops. Facilitatoren kan "
        "skjule en note, så deltagerne ikke længere ser den, eller slette den.",
        "Hvor længe gemmes noterne",
        "Det bestemmer facilitatoren og kommunen, som er dataansvarlig. Som regel hentes referatet efter workshoppen og "
        "journaliseres i kommunens sagssystem. Derefter sletter facilitatoren noterne for altid med kommandoen "
        "»carddeck notes purge«: alle noter fra en workshop, eller alle noter, der er ældre end et antal dage.",
        "Hvem kan du spørge",
        "Spørg facilitatoren, der leder workshoppen, om dine noter og dine rettigheder.",
        "Vil du have en note fjernet, så sig det til facilitatoren. Den kan slettes med det samme.",
        "Se alle kort",
    ]


LOGGED_DA = ("Mens adgangsloggen er slået til (til fejlsøgning), skriver notetjenesten hver forespørgsel med telefonens "
             "IP-adresse i loggen på den computer, der kører tjenesten, og den, der kører tjenesten, bestemmer, hvor "
             "længe loggen gemmes. Ud over det gemmer notetjenesten ingen konto og intet om din telefon. Siderne har "
             "ingen sporing, ingen statistik og ingen reklame, og de henter intet fra andre websteder. Din telefon får "
             "kun én cookie, og den beskytter formularen mod andre websteder.")


LOGGED_NB = ("Mens tilgangsloggen er slått på (for feilsøking), skriver notattjenesten hver forespørsel med telefonens "
             "IP-adresse i loggen på datamaskinen som kjører tjenesten, og den som kjører tjenesten, bestemmer hvor "
             "lenge loggen lagres. Utover det lagrer notattjenesten ingen konto og ingenting om telefonen din. Sidene "
             "har ingen sporing, ingen statistikk og ingen reklame, og de henter ingenting fra andre nettsteder. "
             "Telefonen din får bare én informasjonskapsel, og den beskytter skjemaet mot andre nettsteder.")


@pytest.mark.parametrize("lang, said", [("da", LOGGED_DA), ("nb", LOGGED_NB)])
def test_the_privacy_page_tells_of_the_access_log_while_it_is_on(deck, store, lang, said):
    logged = browser(create_app(serve(with_settings(deck, lang=lang), store, access_log=True)))
    text = headings_and_text(logged.get("/privacy").text)
    assert said in text
    assert not any("ingen IP-adresse" in line for line in text)


def test_the_privacy_page_in_norwegian_names_the_contact(deck, store):
    client = browser(create_app(serve(with_settings(deck, lang="nb", privacy_contact=CONTACT), store)))
    page = client.get("/privacy").text
    assert '<html lang="nb">' in page
    said = headings_and_text(page)
    assert said[:3] == ["Personvern og data",
                        "Her kan du lese hva notattjenesten lagrer, hvem som ser det, og hvor lenge det lagres.",
                        "Hva lagres"]
    assert "Ikke skriv andres navn eller fødselsnummer." in said
    assert f"Spørsmål om notatene dine og rettighetene dine: {CONTACT}" in said
    assert "Fasilitatoren som leder workshopen, ser alle notater og kan laste dem ned som referat." in " ".join(said)


def test_the_contact_is_escaped(deck, store):
    client = browser(create_app(serve(with_settings(deck, privacy_contact="<b>DPO</b>"), store)))
    assert "&lt;b&gt;DPO&lt;/b&gt;" in client.get("/privacy").text


def test_every_page_links_the_privacy_page(client):
    as_facilitator(client)
    for path in (CARD, CARD + "/2", "/", "/facilitator", "/c/no-such-card"):
        assert '<a href="/privacy">Privatliv og data</a>' in client.get(path).text, path


def test_a_refused_facilitator_page_links_it_too(deck, store):
    client = browser(create_app(serve(deck, store)))
    refused = client.get("/facilitator")
    assert refused.status_code == 403 and '<a href="/privacy">Privatliv og data</a>' in refused.text


def test_under_a_path_prefix_the_link_stays_in_the_kit(deck, store):
    client = browser(create_app(serve(deck, store, mount="/hedensted")))
    assert 'href="/hedensted/privacy"' in client.get("/hedensted" + CARD).text
    assert client.get("/hedensted/privacy").status_code == 200


def test_the_form_says_not_to_write_names_or_id_numbers(client):
    form = client.get(CARD).text.split("<form")[1].split("</form>")[0]
    line = re.search(r'<p class="no-names" id="no-names">(.*?)</p>', form).group(1)
    assert line.startswith("Skriv ikke andres navne eller CPR-numre.")
    assert 'aria-describedby="no-names"' in form  # read out with the text field


def test_the_name_field_is_short_optional_and_not_a_name_field_to_the_phone(client):
    form = client.get(CARD).text.split("<form")[1].split("</form>")[0]
    field = re.search(r"<input id=\"by\"[^>]*>", form, re.S).group(0)
    assert '<label for="by">Fornavn eller bord (valgfrit)</label>' in form
    assert f'maxlength="{MAX_NAME}"' in field and MAX_NAME <= 40
    assert 'autocomplete="off"' in field and "required" not in field
    # Nothing tells the browser this is a person's name: not the autocomplete token, not the name or id.
    assert not re.search(r'autocomplete="[^"]*name', form) and 'name="name"' not in form and 'id="name"' not in form


@pytest.mark.parametrize("length", [MAX_NAME, MAX_NAME + 1])
def test_a_name_longer_than_the_field_is_refused(client, store, length):
    reply = post_note(client, CARD, "En note.", "x" * length)
    if length == MAX_NAME:
        assert reply.status_code == 303 and stored(store)[0].name == "x" * MAX_NAME
    else:
        assert reply.status_code == 400 and "Navnet er for langt: højst 40 tegn." in reply.text
        assert stored(store) == []


def test_the_privacy_page_in_english(deck, store):
    client = browser(create_app(serve(with_settings(deck, lang="en"), store)))
    said = headings_and_text(client.get("/privacy").text)
    assert said[:3] == ["Privacy and data", "What the notes service stores, who sees it, and how long it is kept.",
                        "What is stored"]
    assert "Don’t write other people’s names or personal ID numbers." in said
    assert "Ask the facilitator who runs the workshop about your notes and your rights." in said
