"""Language tags: a BCP-47 tag checked once, and the hyphenation dictionary of each tag.

In: a tag as a deck or an option writes it. Out: the tag (or ValueError saying what is wrong)
and the name of pyphen's dictionary for it. There is no fallback to another language.
"""

from __future__ import annotations

import re

from .errors import shown

# BCP-47 (RFC 5646) in its canonical case, the part a deck needs: a language (2-3 letters), an
# optional script (Latn) and region (GB, 419). Canonical case keeps en-GB.yaml and en-gb.yaml
# from being two files for one language.
_TAG = re.compile(r"[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?")
TAG_PATTERN = f"^{_TAG.pattern}$"

# Tag -> pyphen dictionary, chosen explicitly where pyphen has several for a language (da and
# da_DK are the same file; nb_NO is bokmål, not nynorsk). English is en_GB: the kit is made for
# European municipalities, whose English follows British spelling and hyphenation (en_US breaks
# words by American rules).
# Any other tag uses the dictionary of exactly its name (en-US: en_US), never a neighbour's.
HYPHEN_DICTS = {"da": "da_DK", "nb": "nb_NO", "en": "en_GB"}


def not_a_tag(value) -> str:
    """What is wrong with ``value`` where a language tag is expected."""
    return f"expected a BCP-47 language tag such as 'da', 'nb' or 'en-GB', received {shown(value)}"


def check_tag(tag: str) -> str:
    """``tag`` when it is a well-formed BCP-47 tag (``da``, ``nb``, ``en-GB``) with a
    hyphenation dictionary, else ValueError saying which of the two it is not."""
    if not isinstance(tag, str) or not _TAG.fullmatch(tag):
        raise ValueError(not_a_tag(tag))
    hyphen_dictionary(tag)
    return tag


def hyphen_dictionary(tag: str) -> str:
    """The name of pyphen's hyphenation dictionary for ``tag``, or ValueError when it has none."""
    import pyphen

    name = HYPHEN_DICTS.get(tag, tag.replace("-", "_"))
    if name not in pyphen.LANGUAGES:
        raise ValueError(f"no hyphenation dictionary for {shown(tag)}: carddeck hyphenates with pyphen, "
                         f"which has none of that name (it has, for instance, da, nb, nn, sv, en-GB, en-US, de)")
    return name
