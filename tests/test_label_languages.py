"""Every language of the built-in labels (LABELS) and guide words (GUIDE) has exactly the keys
of Danish, the reference language, with the same placeholders and the same shape, so a build in
any language can fill in every text the kit prints."""

import re
import string

import pytest

from carddeck.guide_text import GUIDE
from carddeck.labels import LABELS

TABLES = {"LABELS": LABELS, "GUIDE": GUIDE}
CASES = [(name, lang) for name, table in TABLES.items() for lang in table if lang != "da"]


def placeholders(value) -> list[set[str]]:
    """The ``{…}`` field names of a text, or of each paragraph of a tuple of texts."""
    texts = value if isinstance(value, tuple) else (value,)
    return [{field for _, field, _, _ in string.Formatter().parse(t) if field is not None} for t in texts]


def test_the_three_languages_are_there():
    assert {"da", "nb", "en"} <= set(LABELS)
    assert {"da", "nb", "en"} <= set(GUIDE)


@pytest.mark.parametrize(("table", "lang"), CASES)
def test_same_keys_as_danish(table, lang):
    keys, reference = set(TABLES[table][lang]), set(TABLES[table]["da"])
    assert (sorted(reference - keys), sorted(keys - reference)) == ([], [])


@pytest.mark.parametrize(("table", "lang"), CASES)
def test_same_placeholders_and_shape_as_danish(table, lang):
    entries, reference = TABLES[table][lang], TABLES[table]["da"]
    differ = {
        key: (placeholders(reference[key]), placeholders(entries[key]))
        for key in reference.keys() & entries.keys()
        if type(entries[key]) is not type(reference[key])
        or placeholders(entries[key]) != placeholders(reference[key])
    }
    assert differ == {}


@pytest.mark.parametrize(("table", "lang"), [(n, lang) for n, t in TABLES.items() for lang in t])
def test_no_empty_text(table, lang):
    values = TABLES[table][lang].items()
    empty = [key for key, value in values if not all((value if isinstance(value, tuple) else (value,)))]
    assert empty == []


# A command the reader types keeps its straight quotes (--wifi "NAME:PASSWORD"); printed words do not.
COMMAND = re.compile(r'--[\w-]+ "[^"]*"')
# Per language: its quotation marks (Danish » «, nb « », English “ ”), and marks it never prints.
QUOTES = {"da": ("»", "«", "“”‘"), "nb": ("«", "»", "“”‘’"), "en": ("“", "”", "«»")}


def typography_slips(text: str, lang: str) -> list[str]:
    """What in ``text`` breaks its language's typography: straight quotes, a hyphen for a dash,
    a quotation mark unpaired or of another language."""
    words = COMMAND.sub("", text)
    slips = re.findall(r"['\"]| - ", words)
    opening, closing, foreign = QUOTES.get(lang, ("", "", ""))
    if opening:
        unquoted = re.sub(f"{opening}[^{opening}{closing}]*{closing}", "", words)
        slips += [mark for mark in unquoted if mark in opening + closing + foreign]
    return slips


@pytest.mark.parametrize(("table", "lang"), [(n, lang) for n, t in TABLES.items() for lang in t])
def test_typography_of_the_language(table, lang):
    bad = []
    for key, value in TABLES[table][lang].items():
        for text in value if isinstance(value, tuple) else (value,):
            if typography_slips(text, lang):
                bad.append((key, typography_slips(text, lang), text))
    assert bad == []


def test_typography_slips_are_found():
    assert typography_slips('Skriv ikke «tilpas»', "da") == ["«", "»"]
    assert typography_slips("Don't", "en") == ["'"]
    assert typography_slips('build with --wifi "NAME:PASSWORD" – “fit to page”', "en") == []
    assert typography_slips("a - b", "nb") == [" - "]
