"""The words of the facilitator's guide (``guide.pdf``), in Danish, Norwegian bokmål and English.

Data only: :mod:`carddeck.layout.guide` picks the paragraphs that fit the build (duplex mode,
print shop, Wi-Fi) and fills in the deck's own names and counts (``{…}``). Nothing here is
about the source material itself: the flow through the phases is marked as a suggestion.
"""

GUIDE = {
    "da": {
        "title": "Vejledning til facilitatoren",
        # what is in the kit
        "contents": "Det er i kittet",
        "contents_intro": "Kittet er lavet med carddeck. Alle filer ligger i samme mappe:",
        "file:cards.pdf": "kortene: {cards} kort i hvert sæt, {sets}.",
        "file:poster.pdf": "plakaten, som gruppen arbejder på, i {poster}.",
        "file:poster-tiles.pdf": "samme plakat i 100 % fordelt på {paper}-ark til en kontorprinter.",
        "file:lists.pdf": "gruppens egne lister med linjer at skrive på, ét ark til hvert bord.",
        "file:table-tents.pdf": "bordskilte, ét til hvert bord, med bordnummer{wifi}.",
        "file:guide.pdf": "denne vejledning.",
        "file:contact-sheet.pdf": "alle kortenes forsider i lille format med deres koder: til at tælle et sæt og til slides.",
        "file:tuck-box.pdf": "en æske til hvert sæt kort, med skære- og foldelinjer.",
        "tents_wifi": " og Wi-Fi-kode",
        "sets_one": "ét sæt",
        "sets": "{n} sæt, ét til hvert bord",
        "kinds": "Kortene i hvert sæt:",
        "blank_values": "{n} værdikort har endnu ingen tekst og printes med en linje at skrive på.",
        "kind:phase": "Fasekort",
        "kind:question": "Spørgsmålskort",
        "kind:writein": "Skrivekort til jeres egne lister",
        "kind:rule": "Tommelfingerregler",
        "kind:action": "Handlingsfelter",
        "kind:value": "Værdier",
        "kind:quote": "Citater",
        "kind:stage": "Tynd og tyk samskabelse",
        "kind:info": "Baggrund",
        "kind:about": "Titel- og kildekort",
        # printing
        "printing": "Sådan printer du",
        "print:long-edge": "Print cards.pdf dobbeltsidet med vending på den lange kant og i 100 % (»faktisk størrelse«, "
                           "ikke »tilpas til side«). Hver bagside lander bag sin forside. Forskyder printeren "
                           "bagsiderne, så kør carddeck calibrate, og byg igen med --back-offset.",
        "print:short-edge": "Print cards.pdf dobbeltsidet med vending på den korte kant og i 100 % (»faktisk størrelse«, "
                            "ikke »tilpas til side«). Hver bagside lander bag sin forside. Forskyder printeren "
                            "bagsiderne, så kør carddeck calibrate, og byg igen med --back-offset.",
        "print:fold": "Print cards.pdf enkeltsidet og i 100 %. Fold hvert ark langs den stiplede linje med tryksiden "
                      "udad, lim halvdelene sammen, og skær så.",
        "print:none": "Print cards.pdf enkeltsidet og i 100 %: kortene har ingen bagside.",
        "print:print-shop": "Send cards.pdf til trykkeriet: ét kort pr. side med 3 mm beskæring, CMYK og TrimBox, "
                            "hver forside fulgt af sin bagside. Bed om karton på 250–300 g/m² og mat overflade.",
        "paper": "Papir: print kortene på mat karton på 250–300 g/m², så de ikke skinner igennem og holder til "
                 "mange workshops; tjek, at printeren kan tage den vægt. Plakatark og bordskilte: 160–200 g/m².",
        "paper_box": "Æsken er beregnet til kort på {gsm} g/m².",
        "cutting": "Skæreplan",
        "cutting_intro": "Skær i denne rækkefølge. Læg arkene i en stak med samme side opad, og skær hele stakken på én gang.",
        "cutting_fold": "Skær i denne rækkefølge, når arkene er foldet og limet.",
        "cut_across": "{n}. Vandret, {mm} mm fra øverste kant",
        "cut_down": "{n}. Lodret, {mm} mm fra venstre kant",
        "cut_none": "Arket har ingen snit: kortene fylder hele arket.",
        "cards_on_sheet": "{count} kort pr. {paper}-ark.",
        # the board
        "board": "Sådan lægger I plakaten",
        "board_text": "Læg plakaten midt på bordet, eller hæng den op. De seks faser står med uret rundt om "
                      "midten. Læg hvert fasekort på sin stiplede plads, og de spørgsmålskort, gruppen bruger, på "
                      "pladserne ved siden af. Gruppens egne lister står på et ark for sig (lists.pdf): skriv med "
                      "tusch, eller brug skrivekortene.",
        "board_tiles": "Uden storformatprinter: print poster-tiles.pdf i 100 %. Første side viser, hvordan arkene "
                       "skæres og limes sammen.",
        # the flow
        "flow": "Et forslag til forløbet",
        "flow_intro": "Dette er et forslag, ikke en del af kildematerialet: tilpas det til jeres gruppe og jeres tid. "
                      "Faserne er en cyklus, så I kan begynde forfra ved fase 1, når I har været hele vejen rundt.",
        "flow_phase": "{title} – {subtitle} ({questions})",
        "questions": "{n} spørgsmål",
        "questions_one": "1 spørgsmål",
        "flow_steps": (
            "Start: fortæl, hvad workshoppen skal bruges til, og læs teksten om privatliv op (sidst i vejledningen).",
            "For hver fase: læg fasekortet på plakaten, lad gruppen vælge de spørgsmål, der giver mening, og tal sammen.",
            "Når gruppen er nået frem til noget, scanner én kortets QR-kode og skriver det ned.",
            "Til sidst: gå plakaten igennem sammen, og skriv jeres egne lister færdige.",
        ),
        # the notes on the day
        "day": "Noterne på dagen",
        "day_steps": (
            "Netværk: tag dit eget med. Slå et hotspot til på din computer (fast adresse, fx 10.42.0.1 eller "
            "192.168.137.1), og byg kittet til den adresse med --notes-url. Gæstenet isolerer ofte telefonerne "
            "fra din computer.",
            "Wi-Fi-kode: {wifi}",
            "Bordskilte: stil ét på hvert bord. Åbner en side ikke, så slå mobildata fra: ellers sender Android "
            "trafikken ud over mobilnettet, når hotspottet ikke har internet.",
            "Start noterne med carddeck notes serve --host 0.0.0.0. Den fortæller, om telefonerne kan nå din "
            "computer, og viser facilitatorlinket, også som QR-kode: åbn det på din telefon eller computer for at "
            "se alle noter.",
            "Eksport: hent bagefter noterne som workshopreferat (PDF, CSV, JSON eller Markdown) fra "
            "facilitatorsiden eller med carddeck notes export. Læg referatet i sagssystemet, og slet så noterne.",
        ),
        "wifi_given": "deltagerne scanner sig på netværket »{ssid}« fra plakaten og bordskiltene.",
        "wifi_missing": "byg med --wifi \"NAVN:ADGANGSKODE\", så kan deltagerne scanne sig på dit netværk fra "
                        "plakaten og bordskiltene.",
        # privacy
        "privacy": "Privatliv: læs op for deltagerne",
        "privacy_text": (
            "Når I scanner et kort, åbner en side på workshoppens egen noteservice. Den kører på min computer "
            "eller på kommunens server, ikke hos en ekstern tjeneste.",
            "Det, I skriver, gemmes dér og bliver til referatet fra workshoppen. Andre grupper, der scanner "
            "samme kort i dag, kan læse jeres noter.",
            "Skriv ikke navne, CPR-numre, helbredsoplysninger eller andet om enkeltpersoner. Navnefeltet er "
            "frivilligt.",
            "Efter workshoppen lægges referatet i kommunens sagssystem, og noterne slettes fra noteservicen.",
        ),
    },
    "nb": {
        "title": "Veiledning for fasilitatoren",
        "contents": "Dette er i kittet",
        "contents_intro": "Kittet er laget med carddeck. Alle filene ligger i samme mappe:",
        "file:cards.pdf": "kortene: {cards} kort i hvert sett, {sets}.",
        "file:poster.pdf": "plakaten som gruppen arbeider på, i {poster}.",
        "file:poster-tiles.pdf": "den samme plakaten i 100 % fordelt på {paper}-ark for en kontorskriver.",
        "file:lists.pdf": "gruppens egne lister med linjer å skrive på, ett ark til hvert bord.",
        "file:table-tents.pdf": "bordskilt, ett til hvert bord, med bordnummer{wifi}.",
        "file:guide.pdf": "denne veiledningen.",
        "file:contact-sheet.pdf": "alle kortenes forsider i lite format med kodene sine: for å telle et sett og til lysbilder.",
        "file:tuck-box.pdf": "en eske til hvert sett kort, med skjære- og brettelinjer.",
        "tents_wifi": " og Wi-Fi-kode",
        "sets_one": "ett sett",
        "sets": "{n} sett, ett til hvert bord",
        "kinds": "Kortene i hvert sett:",
        "blank_values": "{n} verdikort har ennå ingen tekst og skrives ut med en linje å skrive på.",
        "kind:phase": "Fasekort",
        "kind:question": "Spørsmålskort",
        "kind:writein": "Skrivekort til deres egne lister",
        "kind:rule": "Tommelfingerregler",
        "kind:action": "Handlingsfelt",
        "kind:value": "Verdier",
        "kind:quote": "Sitater",
        "kind:stage": "Tynn og tykk samskaping",
        "kind:info": "Bakgrunn",
        "kind:about": "Tittel- og kildekort",
        "printing": "Slik skriver du ut",
        "print:long-edge": "Skriv ut cards.pdf tosidig med vending på langsiden og i 100 % («faktisk størrelse», "
                           "ikke «tilpass til siden»). Hver bakside havner bak sin forside. Forskyver skriveren "
                           "baksidene, kjør carddeck calibrate og bygg på nytt med --back-offset.",
        "print:short-edge": "Skriv ut cards.pdf tosidig med vending på kortsiden og i 100 % («faktisk størrelse», "
                            "ikke «tilpass til siden»). Hver bakside havner bak sin forside. Forskyver skriveren "
                            "baksidene, kjør carddeck calibrate og bygg på nytt med --back-offset.",
        "print:fold": "Skriv ut cards.pdf enkeltsidig og i 100 %. Brett hvert ark langs den stiplede linjen med "
                      "trykksiden ut, lim halvdelene sammen, og skjær deretter.",
        "print:none": "Skriv ut cards.pdf enkeltsidig og i 100 %: kortene har ingen bakside.",
        "print:print-shop": "Send cards.pdf til trykkeriet: ett kort per side med 3 mm utfallende, CMYK og TrimBox, "
                            "hver forside fulgt av sin bakside. Be om kartong på 250–300 g/m² og matt overflate.",
        "paper": "Papir: skriv ut kortene på matt kartong på 250–300 g/m², så de ikke skinner gjennom og tåler "
                 "mange workshoper; sjekk at skriveren tar den vekten. Plakatark og bordskilt: 160–200 g/m².",
        "paper_box": "Esken er beregnet for kort på {gsm} g/m².",
        "cutting": "Skjæreplan",
        "cutting_intro": "Skjær i denne rekkefølgen. Legg arkene i en bunke med samme side opp, og skjær hele bunken på én gang.",
        "cutting_fold": "Skjær i denne rekkefølgen når arkene er brettet og limt.",
        "cut_across": "{n}. Vannrett, {mm} mm fra øverste kant",
        "cut_down": "{n}. Loddrett, {mm} mm fra venstre kant",
        "cut_none": "Arket har ingen snitt: kortene fyller hele arket.",
        "cards_on_sheet": "{count} kort per {paper}-ark.",
        "board": "Slik legger dere plakaten",
        "board_text": "Legg plakaten midt på bordet, eller heng den opp. De seks fasene står med klokka rundt "
                      "midten. Legg hvert fasekort på sin stiplede plass, og spørsmålskortene gruppen bruker, på "
                      "plassene ved siden av. Gruppens egne lister står på et eget ark (lists.pdf): skriv med "
                      "tusj, eller bruk skrivekortene.",
        "board_tiles": "Uten storformatskriver: skriv ut poster-tiles.pdf i 100 %. Den første siden viser hvordan "
                       "arkene skjæres og limes sammen.",
        "flow": "Et forslag til forløpet",
        "flow_intro": "Dette er et forslag, ikke en del av kildematerialet: tilpass det til gruppen og tiden dere har. "
                      "Fasene er en syklus, så dere kan begynne på nytt ved fase 1 når dere har vært hele veien rundt.",
        "flow_phase": "{title} – {subtitle} ({questions})",
        "questions": "{n} spørsmål",
        "questions_one": "1 spørsmål",
        "flow_steps": (
            "Start: fortell hva workshopen skal brukes til, og les opp teksten om personvern (sist i veiledningen).",
            "For hver fase: legg fasekortet på plakaten, la gruppen velge spørsmålene som gir mening, og snakk sammen.",
            "Når gruppen har kommet fram til noe, skanner én QR-koden på kortet og skriver det ned.",
            "Til slutt: gå gjennom plakaten sammen, og skriv ferdig deres egne lister.",
        ),
        "day": "Notatene på dagen",
        "day_steps": (
            "Nettverk: ta med ditt eget. Slå på et hotspot på datamaskinen (fast adresse, f.eks. 10.42.0.1 eller "
            "192.168.137.1), og bygg kittet for den adressen med --notes-url. Gjestenett isolerer ofte telefonene "
            "fra datamaskinen din.",
            "Wi-Fi-kode: {wifi}",
            "Bordskilt: sett ett på hvert bord. Åpnes ikke en side, slå av mobildata: ellers sender Android "
            "trafikken over mobilnettet når hotspoten ikke har internett.",
            "Start notatene med carddeck notes serve --host 0.0.0.0. Den sier om telefonene kan nå datamaskinen "
            "din, og viser fasilitatorlenken, også som QR-kode: åpne den på telefonen eller datamaskinen for å se "
            "alle notatene.",
            "Eksport: last ned notatene etterpå som workshopreferat (PDF, CSV, JSON eller Markdown) fra "
            "fasilitatorsiden eller med carddeck notes export. Legg referatet i arkivsystemet, og slett deretter "
            "notatene.",
        ),
        "wifi_given": "deltakerne skanner seg inn på nettverket «{ssid}» fra plakaten og bordskiltene.",
        "wifi_missing": "bygg med --wifi \"NAVN:PASSORD\", så kan deltakerne skanne seg inn på nettverket ditt fra "
                        "plakaten og bordskiltene.",
        "privacy": "Personvern: les opp for deltakerne",
        "privacy_text": (
            "Når dere skanner et kort, åpnes en side på workshopens egen notattjeneste. Den kjører på min "
            "datamaskin eller på kommunens server, ikke hos en ekstern tjeneste.",
            "Det dere skriver, lagres der og blir til referatet fra workshopen. Andre grupper som skanner samme "
            "kort i dag, kan lese notatene deres.",
            "Ikke skriv navn, fødselsnumre, helseopplysninger eller annet om enkeltpersoner. Navnefeltet er "
            "frivillig.",
            "Etter workshopen legges referatet i kommunens arkivsystem, og notatene slettes fra notattjenesten.",
        ),
    },
    "en": {
        "title": "Guide for the facilitator",
        "contents": "What is in the kit",
        "contents_intro": "The kit was made with carddeck. All the files are in the same folder:",
        "file:cards.pdf": "the cards: {cards} cards in each set, {sets}.",
        "file:poster.pdf": "the poster the group works on, in {poster}.",
        "file:poster-tiles.pdf": "the same poster at 100 % spread over {paper} sheets for an office printer.",
        "file:lists.pdf": "the group’s own lists with lines to write on, one sheet for each table.",
        "file:table-tents.pdf": "table tents, one for each table, with the table number{wifi}.",
        "file:guide.pdf": "this guide.",
        "file:contact-sheet.pdf": "the fronts of all the cards in a small size with their codes: for counting a set and for slides.",
        "file:tuck-box.pdf": "a box for each set of cards, with cutting and folding lines.",
        "tents_wifi": " and a Wi-Fi code",
        "sets_one": "one set",
        "sets": "{n} sets, one for each table",
        "kinds": "The cards in each set:",
        "blank_values": "{n} value cards have no text yet and are printed with a line to write on.",
        "kind:phase": "Phase cards",
        "kind:question": "Question cards",
        "kind:writein": "Write-in cards for your own lists",
        "kind:rule": "Rules of thumb",
        "kind:action": "Action fields",
        "kind:value": "Values",
        "kind:quote": "Quotes",
        "kind:stage": "Thin and thick co-creation",
        "kind:info": "Background",
        "kind:about": "Title and source cards",
        "printing": "How to print",
        "print:long-edge": "Print cards.pdf double-sided, flipping on the long edge, at 100 % (“actual size”, "
                           "not “fit to page”). Each back lands behind its front. If the printer shifts the "
                           "backs, run carddeck calibrate and build again with --back-offset.",
        "print:short-edge": "Print cards.pdf double-sided, flipping on the short edge, at 100 % (“actual size”, "
                            "not “fit to page”). Each back lands behind its front. If the printer shifts the "
                            "backs, run carddeck calibrate and build again with --back-offset.",
        "print:fold": "Print cards.pdf single-sided at 100 %. Fold each sheet along the dashed line with the "
                      "printed side out, glue the halves together, and then cut.",
        "print:none": "Print cards.pdf single-sided at 100 %: the cards have no back.",
        "print:print-shop": "Send cards.pdf to the print shop: one card per page with 3 mm bleed, CMYK and TrimBox, "
                            "each front followed by its back. Ask for 250–300 g/m² card stock with a matt finish.",
        "paper": "Paper: print the cards on matt card stock of 250–300 g/m², so that they do not show through and "
                 "last many workshops; check that the printer takes that weight. Poster sheets and table tents: "
                 "160–200 g/m².",
        "paper_box": "The box is made for cards of {gsm} g/m².",
        "cutting": "Cutting plan",
        "cutting_intro": "Cut in this order. Stack the sheets with the same side up, and cut the whole stack at once.",
        "cutting_fold": "Cut in this order once the sheets are folded and glued.",
        "cut_across": "{n}. Across, {mm} mm from the top edge",
        "cut_down": "{n}. Down, {mm} mm from the left edge",
        "cut_none": "The sheet has no cuts: the cards fill the whole sheet.",
        "cards_on_sheet": "{count} cards per {paper} sheet.",
        "board": "How to lay out the poster",
        "board_text": "Put the poster in the middle of the table, or hang it up. The six phases run clockwise around "
                      "the middle. Put each phase card on its dashed space, and the question cards the group uses on "
                      "the spaces next to it. The group’s own lists are on a sheet of their own (lists.pdf): write "
                      "with a marker, or use the write-in cards.",
        "board_tiles": "No large-format printer: print poster-tiles.pdf at 100 %. The first page shows how the "
                       "sheets are trimmed and glued together.",
        "flow": "A suggested flow",
        "flow_intro": "This is a suggestion, not part of the source material: adapt it to your group and your time. "
                      "The phases are a cycle, so you can start again at phase 1 once you have been all the way round.",
        "flow_phase": "{title} – {subtitle} ({questions})",
        "questions": "{n} questions",
        "questions_one": "1 question",
        "flow_steps": (
            "Start: say what the workshop is for, and read out the text on privacy (at the end of this guide).",
            "For each phase: put the phase card on the poster, let the group choose the questions that make sense, and talk.",
            "When the group has come up with something, one person scans the card’s QR code and writes it down.",
            "At the end: go through the poster together, and finish your own lists.",
        ),
        "day": "The notes on the day",
        "day_steps": (
            "Network: bring your own. Turn on a hotspot on your computer (fixed address, e.g. 10.42.0.1 or "
            "192.168.137.1), and build the kit for that address with --notes-url. Guest networks often isolate "
            "the phones from your computer.",
            "Wi-Fi code: {wifi}",
            "Table tents: put one on each table. If a page does not open, turn off mobile data: otherwise Android "
            "sends the traffic over the mobile network when the hotspot has no internet.",
            "Start the notes with carddeck notes serve --host 0.0.0.0. It tells you whether the phones can reach "
            "your computer and shows the facilitator link, also as a QR code: open it on your phone or computer to "
            "see all the notes.",
            "Export: afterwards, download the notes as a workshop record (PDF, CSV, JSON or Markdown) from the "
            "facilitator page or with carddeck notes export. File the record in the case management system, and "
            "then delete the notes.",
        ),
        "wifi_given": "participants scan their way onto the network “{ssid}” from the poster and the table tents.",
        "wifi_missing": "build with --wifi \"NAME:PASSWORD\", and participants can scan their way onto your network "
                        "from the poster and the table tents.",
        "privacy": "Privacy: read this out to the participants",
        "privacy_text": (
            "When you scan a card, a page opens on the workshop’s own notes service. It runs on my computer or "
            "on the municipality’s server, not with an outside service.",
            "What you write is stored there and becomes the record of the workshop. Other groups who scan the "
            "same card today can read your notes.",
            "Do not write names, ID numbers, health information or anything else about individuals. The name "
            "field is optional.",
            "After the workshop, the record is filed in the municipality’s case management system, and the notes "
            "are deleted from the notes service.",
        ),
    },
}


def text(lang: str, key: str):
    """The guide's text ``key`` in ``lang``; None for a key the guide has in no language (a kind
    a deck adds: the guide then names it by its kind).

    :raises KeyError: when ``lang`` lacks a text the guide has; there is no fallback to another language.
    """
    words = GUIDE.get(str(lang))
    if words is None:
        raise KeyError(f"no guide words in {str(lang)!r}")
    if key not in words and key in GUIDE["da"]:
        raise KeyError(f"no guide text {key!r} in {str(lang)!r}")
    return words.get(key)
