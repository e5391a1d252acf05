"""Short interface texts printed on the kit and shown by the notes service, per language.

Deck content (titles, questions, section headings) lives in ``deck/``; these are the few words
the tool adds around it.
"""

LABELS = {
    "da": {
        "scan": "Scan og skriv",
        "phase": "Fase",
        "examples": "Fx",
        "table": "Bord",
        "write_here": "Skriv her",
        "value_blank": "Skriv værdien her",
        "value_n": "Værdi {n}",
        "sources": "Kilder",
        "notes": "Noter",
        "add_note": "Tilføj en note",
        "name": "Navn (valgfrit)",
        "send": "Gem noten",
        "no_notes": "Ingen noter endnu.",
        "overview": "Alle kort",
        "slot": "Læg fasekortet her",
        "cards_here": "Spørgsmålskort",
        "assembly": "Sådan samles plakaten",
        "assembly_steps": "Skær alle ark til langs skæremærkerne. Saml plakaten fra øverste venstre hjørne (ark A1): læg hvert arks skårne kant ind over naboarkets limkant, helt ind til den stiplede linje, og lim.",
        "sheet_count": "{count} ark {paper}, {orientation}",
        "sheet_of": "Ark {n} af {total}",
        "portrait": "stående",
        "landscape": "liggende",
        "fold": "Fold her",
        "back": "bagside",
        "calibrate_title": "Kalibrering af dobbeltsidet print",
        "calibrate_print": "Udskriv arket på begge sider i 100 % (--duplex {duplex}), ikke «tilpas til side».",
        "calibrate_read": "Hold arket op mod et vindue. Hvor bagsidens røde kryds rammer skalaerne, aflæser du X (skalaen under hvert mål) og Y (skalaen til højre).",
        "calibrate_build": "Byg så kortene med --back-offset X,Y, fx --back-offset 1,-0.5.",
        # Wi-Fi join code and table tents
        "wifi_join": "Tilslut Wi-Fi",
        "tent_table": "Bord",
        "tent_wifi": "1. Tilslut Wi-Fi",
        "tent_wifi_how": "Scan koden med mobilens kamera.",
        "tent_network": "Netværk: {ssid}",
        "tent_password": "Adgangskode: {password}",
        "tent_scan_first": "2. Scan et kort",
        "tent_scan_only": "Scan et kort",
        "tent_scan_how": "Skriv på siden, hvad I er nået frem til.",
        "tent_mobile_data": "Åbner siden ikke? Slå mobildata fra, og scan igen.",
        "tent_glue": "Lim eller tape her",
        "contact_title": "Kortoversigt",
        "contact_count": "{count} kort",
        "box_title": "Æske til kortene",
        "box_for": "Til {count} kort på {w} × {h} mm, {gsm} g/m².",
        "box_inside": "Indvendigt: {w} × {h} × {d} mm.",
        "box_how": "Skær langs de hele linjer, fold langs de stiplede, og lim fligen.",
        "box_glue": "Lim",
        # notes service and workshop record
        "background": "Baggrund",
        "note_hint": "Skriv, hvad I er nået frem til.",
        "limit_hint": "Højst {limit} tegn.",
        "saved": "Noten er gemt.",
        "note_empty": "Noten er tom. Skriv noget, før du gemmer.",
        "note_too_long": "Noten er for lang: {length} tegn. Den må højst være {limit} tegn.",
        "name_too_long": "Navnet er for langt: højst {limit} tegn.",
        "form_expired": "Formularen var udløbet. Din tekst er bevaret – tryk på knappen igen.",
        "not_saved": "Noten blev ikke gemt, fordi serveren ikke kunne skrive den. Prøv igen om lidt.",
        "workshop_closed": "Workshoppen er slut, så der kan ikke skrives flere noter her. Tak for jeres bidrag!",
        "workshop_closed_note": "Workshoppen er slut, så noten blev ikke gemt. Din tekst står herunder, så du kan kopiere den.",
        "too_many": "Der er sendt mange noter herfra på kort tid. Vent et øjeblik, og tryk så på knappen igen.",
        "older_notes": "Ældre noter",
        "newest_notes": "Nyeste noter",
        "index_hint": "Vælg et kort for at læse det og skrive en note. Det er nemmest at scanne QR-koden på kortet.",
        "facilitator": "Facilitator",
        "facilitator_only_title": "Kun for facilitatoren",
        "facilitator_only": "Denne side er for den, der leder workshoppen. Åbn facilitatorlinket, som notetjenesten viste ved start.",
        "workshop": "Workshop",
        "workshop_open": "Workshoppen er åben for noter",
        "workshop_is_closed": "Workshoppen er lukket for nye noter",
        "close_workshop": "Luk for nye noter",
        "open_workshop": "Åbn for noter igen",
        "all_workshops": "Alle workshops",
        "not_found_title": "Kortet findes ikke",
        "not_found": "Der er intet kort på adressen {path}. Måske hører QR-koden til et andet kortsæt.",
        "error_title": "Noget gik galt",
        "to_overview": "Se alle kort",
        "your_text": "Din tekst",
        "exports": "Hent noterne",
        "record": "Workshopreferat",
        "total_notes": "{count} noter i alt",
        "total_notes_one": "1 note i alt",
        "other_cards": "Kort, der ikke længere er i kortsættet",
        "page": "Side {page} af {pages}",
        "bad_host_title": "Forkert adresse",
        "bad_host": "Siden blev åbnet under et navn, som notetjenesten ikke bruger. Scan kortets QR-kode igen.",
        "bad_origin_title": "Formularen kom fra en anden side",
        "bad_origin": "Noten blev ikke gemt, fordi formularen ikke blev sendt fra notetjenestens egen side. Scan kortets QR-kode igen.",
        "bad_content_type_title": "Forkert slags data",
        "bad_content_type": "Notetjenesten tager kun imod sine egne formularer (application/x-www-form-urlencoded). Skriv noten på kortets side.",
        "export_busy_title": "Vent et øjeblik",
        "export_busy": "Der bliver lavet mange eksporter lige nu. Prøv igen om et øjeblik.",
        "unprintable": "[tegn, som PDF'en ikke kan vise]",
        "unprintable_notice": "{count} noter har tegn, som PDF'en ikke kan vise (noterne {ids}); de står som {mark}. CSV-, JSON- og Markdown-eksporten har hele teksten.",
        "unprintable_notice_one": "1 note har tegn, som PDF'en ikke kan vise (note {ids}); de står som {mark}. CSV-, JSON- og Markdown-eksporten har hele teksten.",
    },
    "nb": {
        "scan": "Skann og skriv",
        "phase": "Fase",
        "examples": "F.eks.",
        "table": "Bord",
        "write_here": "Skriv her",
        "value_blank": "Skriv verdien her",
        "value_n": "Verdi {n}",
        "sources": "Kilder",
        "notes": "Notater",
        "add_note": "Legg til et notat",
        "name": "Navn (valgfritt)",
        "send": "Lagre notatet",
        "no_notes": "Ingen notater ennå.",
        "overview": "Alle kort",
        "slot": "Legg fasekortet her",
        "cards_here": "Spørsmålskort",
        "assembly": "Slik settes plakaten sammen",
        "assembly_steps": "Skjær alle ark til langs skjæremerkene. Sett sammen plakaten fra øverste venstre hjørne (ark A1): legg den skårne kanten på hvert ark inn over limkanten på naboarket, helt inn til den stiplede linjen, og lim.",
        "sheet_count": "{count} ark {paper}, {orientation}",
        "sheet_of": "Ark {n} av {total}",
        "portrait": "stående",
        "landscape": "liggende",
        "fold": "Brett her",
        "back": "bakside",
        "calibrate_title": "Kalibrering av tosidig utskrift",
        "calibrate_print": "Skriv ut arket på begge sider i 100 % (--duplex {duplex}), ikke «tilpass til siden».",
        "calibrate_read": "Hold arket opp mot et vindu. Der baksidens røde kryss treffer skalaene, leser du av X (skalaen under hvert mål) og Y (skalaen til høyre).",
        "calibrate_build": "Bygg så kortene med --back-offset X,Y, f.eks. --back-offset 1,-0.5.",
        # Wi-Fi join code and table tents
        "wifi_join": "Koble til Wi-Fi",
        "tent_table": "Bord",
        "tent_wifi": "1. Koble til Wi-Fi",
        "tent_wifi_how": "Skann koden med mobilkameraet.",
        "tent_network": "Nettverk: {ssid}",
        "tent_password": "Passord: {password}",
        "tent_scan_first": "2. Skann et kort",
        "tent_scan_only": "Skann et kort",
        "tent_scan_how": "Skriv på siden hva dere har kommet fram til.",
        "tent_mobile_data": "Åpnes ikke siden? Slå av mobildata, og skann igjen.",
        "tent_glue": "Lim eller tape her",
        "contact_title": "Kortoversikt",
        "contact_count": "{count} kort",
        "box_title": "Eske til kortene",
        "box_for": "For {count} kort på {w} × {h} mm, {gsm} g/m².",
        "box_inside": "Innvendig: {w} × {h} × {d} mm.",
        "box_how": "Skjær langs de hele linjene, brett langs de stiplede, og lim fliken.",
        "box_glue": "Lim",
        # notes service and workshop record
        "background": "Bakgrunn",
        "note_hint": "Skriv hva dere har kommet fram til.",
        "limit_hint": "Høyst {limit} tegn.",
        "saved": "Notatet er lagret.",
        "note_empty": "Notatet er tomt. Skriv noe før du lagrer.",
        "note_too_long": "Notatet er for langt: {length} tegn. Det kan være høyst {limit} tegn.",
        "name_too_long": "Navnet er for langt: høyst {limit} tegn.",
        "form_expired": "Skjemaet var utløpt. Teksten din er tatt vare på – trykk på knappen igjen.",
        "not_saved": "Notatet ble ikke lagret fordi serveren ikke kunne skrive det. Prøv igjen om litt.",
        "workshop_closed": "Workshopen er over, så det kan ikke skrives flere notater her. Takk for bidragene!",
        "workshop_closed_note": "Workshopen er over, så notatet ble ikke lagret. Teksten din står nedenfor, så du kan kopiere den.",
        "too_many": "Det er sendt mange notater herfra på kort tid. Vent litt, og trykk så på knappen igjen.",
        "older_notes": "Eldre notater",
        "newest_notes": "Nyeste notater",
        "index_hint": "Velg et kort for å lese det og skrive et notat. Det enkleste er å skanne QR-koden på kortet.",
        "facilitator": "Fasilitator",
        "facilitator_only_title": "Bare for fasilitatoren",
        "facilitator_only": "Denne siden er for den som leder workshopen. Åpne fasilitatorlenken som notattjenesten viste ved start.",
        "workshop": "Workshop",
        "workshop_open": "Workshopen er åpen for notater",
        "workshop_is_closed": "Workshopen er stengt for nye notater",
        "close_workshop": "Steng for nye notater",
        "open_workshop": "Åpne for notater igjen",
        "all_workshops": "Alle workshoper",
        "not_found_title": "Kortet finnes ikke",
        "not_found": "Det finnes ikke noe kort på adressen {path}. Kanskje QR-koden hører til et annet kortsett.",
        "error_title": "Noe gikk galt",
        "to_overview": "Se alle kort",
        "your_text": "Teksten din",
        "exports": "Last ned notatene",
        "record": "Workshopreferat",
        "total_notes": "{count} notater totalt",
        "total_notes_one": "1 notat totalt",
        "other_cards": "Kort som ikke lenger er i kortsettet",
        "page": "Side {page} av {pages}",
        "bad_host_title": "Feil adresse",
        "bad_host": "Siden ble åpnet under et navn som notattjenesten ikke bruker. Skann kortets QR-kode igjen.",
        "bad_origin_title": "Skjemaet kom fra en annen side",
        "bad_origin": "Notatet ble ikke lagret fordi skjemaet ikke ble sendt fra notattjenestens egen side. Skann kortets QR-kode igjen.",
        "bad_content_type_title": "Feil type data",
        "bad_content_type": "Notattjenesten tar bare imot sine egne skjemaer (application/x-www-form-urlencoded). Skriv notatet på kortets side.",
        "export_busy_title": "Vent et øyeblikk",
        "export_busy": "Det lages mange eksporter akkurat nå. Prøv igjen om et øyeblikk.",
        "unprintable": "[tegn som PDF-en ikke kan vise]",
        "unprintable_notice": "{count} notater har tegn som PDF-en ikke kan vise (notatene {ids}); de står som {mark}. CSV-, JSON- og Markdown-eksporten har hele teksten.",
        "unprintable_notice_one": "1 notat har tegn som PDF-en ikke kan vise (notat {ids}); de står som {mark}. CSV-, JSON- og Markdown-eksporten har hele teksten.",
    },
}


class LangTag(str):
    """A language tag (``"da"``) that carries a deck's own words for some labels.

    It is the tag itself wherever a tag is used (compared, printed, put in ``<html lang>``);
    :func:`label` also reads its ``labels``: the ``labels:`` of the deck's language file.
    """

    labels: dict

    def __new__(cls, tag: str, labels: dict | None = None):
        self = super().__new__(cls, tag)
        self.labels = dict(labels or {})
        return self

    def __reduce__(self):  # a worker process gets the tag with its labels
        return LangTag, (str(self), self.labels)


class MissingLabel(KeyError):
    """A label carddeck does not have in a language: a bug found by the tests, never shown to a user
    (a deck in a language without labels is refused when it loads, see carddeck.languages)."""


def label(lang: str, key: str, count: int | None = None) -> str:
    """The interface text ``key`` in ``lang``: the deck's own word (see :class:`LangTag`), else
    carddeck's. With ``count`` == 1 the singular form ``<key>_one`` where there is one ("1 note",
    not "1 noter").

    :raises MissingLabel: when ``lang`` has no such text; there is no fallback to another language.
    """
    own = getattr(lang, "labels", None) or {}
    builtin = LABELS.get(str(lang), {})
    if count == 1 and (f"{key}_one" in own or f"{key}_one" in builtin):
        key = f"{key}_one"
    text = own.get(key) or builtin.get(key)
    if text is None:
        raise MissingLabel(f"no label {key!r} in {str(lang)!r}")
    return text
