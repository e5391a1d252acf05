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
    },
    "nb": {
        "scan": "Skann og skriv",
        "phase": "Fase",
        "examples": "F.eks.",
        "table": "Bord",
        "write_here": "Skriv her",
        "value_blank": "Skriv verdien her",
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
    },
}


def label(lang: str, key: str) -> str:
    """The interface text ``key`` in ``lang`` (falls back to Danish)."""
    return LABELS.get(lang, LABELS["da"]).get(key) or LABELS["da"][key]
