"""The deck model: what a deck file may say, declared once as data (pydantic models).

In: plain Python data parsed from YAML (see :mod:`carddeck.load`).
Out: validated settings (:class:`DeckFile`), each card by its template's model
(:mod:`carddeck.templates`); :mod:`carddeck.load` makes them a :class:`~carddeck.deck.Deck`.
Here are the types every model uses (a printed text, a language tag, an id, a card code), the
settings and the section headings. The same models publish the JSON Schema of the deck format
(:mod:`carddeck.schema`, ``carddeck schema``).
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr, Strict, field_validator

from .errors import shown
from .langtags import TAG_PATTERN, check_tag
from .yamlfile import SourceNumber

# Generous limits that keep a broken or hostile deck from taking minutes to lay out.
MAX_TEXT = 5_000  # characters of one printed text (a card holds about 1,500 at its smallest type)
MAX_NOTES = 20_000  # characters of a card's background notes (shown on its notes page)
MAX_WORD = 80  # characters of one printed word (Danish and Norwegian compounds stay under 40)
MAX_CONTACT = 300  # characters of the privacy contact (a name, an office, an e-mail address, a phone number)


def _whole(value):
    """A number as the YAML file wrote it (``010`` is 10): its value; anything else as it is."""
    return value.value if isinstance(value, SourceNumber) else value


def _words(text: str) -> str:
    longest = max(text.split(), key=len, default="")
    if len(longest) > MAX_WORD:
        raise ValueError(
            f"a word of {len(longest):,} characters ({longest[:20]}…) is longer than the {MAX_WORD} a card can "
            f"print; break it with a space or a hyphen"
        )
    return text


MAX_ID = 48  # characters of a card's or a kit's id (part of every QR code's URL)
ID_PATTERN = rf"^[a-z0-9][a-z0-9-]{{0,{MAX_ID - 1}}}$"
MAX_CODE = 6  # characters of a card code, given or made by its family's pattern: the corner of a card holds 6
CODE_PATTERN = rf"^[A-Za-z0-9.\-]{{1,{MAX_CODE}}}$"

Lang = Annotated[
    str,
    Field(pattern=TAG_PATTERN, description="A BCP-47 language tag (da, nb, en, en-GB) with a hyphenation dictionary."),
    AfterValidator(check_tag),
]
CardId = Annotated[
    str,
    Field(
        pattern=ID_PATTERN,
        description="Stable id: lower-case letters, digits and '-'. It is part of the QR URL.",
    ),
]
KitId = Annotated[
    str,
    Field(pattern=ID_PATTERN, description=f"Lower-case letters, digits and '-', at most {MAX_ID}."),
]
Text = Annotated[
    str, Field(min_length=1, max_length=MAX_TEXT, description="Text as printed (Danish or Norwegian)."),
    AfterValidator(_words),
]
Notes = Annotated[str, Field(min_length=1, max_length=MAX_NOTES, description="Background text.")]
MAX_PHASE = 6  # a deck's phases are 1 to 6 (a colour each: carddeck.theme.PHASES)
MAX_NUMBER = 99  # a card's position in its group
PhaseNo = Annotated[int, BeforeValidator(_whole), Strict(),
                    Field(ge=1, le=MAX_PHASE, description=f"Phase number, 1 to {MAX_PHASE}.")]
Number = Annotated[int, BeforeValidator(_whole), Strict(),
                   Field(ge=1, le=MAX_NUMBER, description=f"Position in its group, from 1 to {MAX_NUMBER}.")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


FAMILY_KEY = r"^[a-z][a-z0-9-]{0,31}$"
FamilyKey = Annotated[str, Field(pattern=FAMILY_KEY, description="A card family of the deck (deck.yaml's families:).")]


class Sections(_Strict):
    """Headings printed in the band of SESAM cards and on the poster, in the deck's words.

    Every key is optional here: a deck writes the ones its cards print
    (:func:`carddeck.sections.needed_sections`), and the loader reports a missing one at ``sections:``.
    """

    rule: Text | None = Field(default=None, description="Heading of the rules of thumb (cards of family 'rule').")
    action: Text | None = Field(default=None, description="Heading of the action fields (what gives forward motion; "
                                                          "cards of family 'action').")
    value: Text | None = Field(default=None, description="Heading of the values (what gives lift; cards of family 'value').")
    quote: Text | None = Field(default=None, description="Heading of the participant quotes (cards of family 'quote').")
    stage: Text | None = Field(default=None, description="Heading of the thin <-> thick axis (cards of family 'stage').")
    stage_subtitle: Text | None = Field(
        default=None, description="Words after the axis's heading and a dash, in the caption over each stage "
                                  "card's axis where it fits (optional; the default deck: SESAM's slide's subtitle).")
    thin: Text | None = Field(default=None, description="Label of the thin end of the axis (cards on the stage template).")
    thick: Text | None = Field(default=None, description="Label of the thick end of the axis (cards on the stage "
                                                         "template).")
    info: Text | None = Field(default=None, description="Heading of the background cards (cards of family 'info').")
    phases: Text | None = Field(default=None, description="Heading of the phase cycle; not needed by any card.")


# The keys of Sections that head a family's cards (the default deck's SESAM headings, as the
# source words them); the other families are headed by their name.
FAMILY_HEADINGS = ("rule", "action", "value", "quote", "stage", "info")
# The keys of Sections at the ends of the thin <-> thick axis: a card on the stage template draws
# the axis, and so does the poster's band for the cards of family 'stage' (on that template).
AXIS_ENDS = ("thin", "thick")


_ASCII = {"æ": "ae", "ø": "oe", "å": "aa", "ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}


def kit_id_of(title: str) -> str:
    """A kit id made from a deck's title: the same title always gives the same id.

    ``Samskabelse – samskaping`` gives ``samskabelse-samskaping`` (Danish and Norwegian letters
    spelled out, anything else that is not a letter or digit a '-'); at most 48 characters.
    """
    import unicodedata

    text = "".join(_ASCII.get(ch, ch) for ch in title.lower())
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:MAX_ID].rstrip("-")
    return slug or "kit"


def check_notes_url(url: str) -> str:
    """Return ``url`` without a trailing '/', or raise ValueError saying what is wrong.

    Checked as a phone will use it: http or https, a host name without spaces, a port from 1
    to 65535, no query or fragment (the card's path is appended).
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise ValueError(f"expected an http:// or https:// URL, received {shown(url)}")
    if not parts.hostname:
        raise ValueError(f"expected a URL with a host name, received {shown(url)}")
    if any(ch.isspace() for ch in url):
        raise ValueError(f"a URL cannot contain spaces (a phone stops reading there), received {shown(url)}")
    try:
        port = parts.port
    except ValueError:
        port = -1
    if port is not None and not 1 <= port <= 65535:
        raise ValueError(f"expected a port from 1 to 65535, received {shown(url)}")
    if parts.query or parts.fragment:
        raise ValueError(f"expected a URL without '?' or '#', received {shown(url)}")
    return url.rstrip("/")


# Bytes a QR code holds at error correction M in byte mode, by version (ISO/IEC 18004, table 7).
QR_CAPACITY_M = (
    14, 26, 42, 62, 84, 106, 122, 152, 180, 213, 251, 287, 331, 362, 412, 450, 504, 560, 624, 666,
    711, 779, 857, 911, 997, 1059, 1125, 1190, 1264, 1370, 1452, 1538, 1628, 1722, 1809, 1911, 1989, 2099, 2213, 2331,
)
# The largest code a phone still reads from a card: 57 modules, 0.5 mm each even on a poker card.
MAX_QR_VERSION = 10


def qr_overflow(urls) -> str | None:
    """What is wrong when the longest of ``urls`` needs a larger QR code than a card can carry, else None."""
    longest = max(urls, key=lambda u: len(u.encode("utf-8")), default="")
    size = len(longest.encode("utf-8"))
    limit = QR_CAPACITY_M[MAX_QR_VERSION - 1]
    if size <= limit:
        return None
    return (f"the QR codes would hold {size} bytes ({shown(longest)}), more than the {limit} that a phone reads "
            f"from a card; use a shorter notes URL")


class WifiSetting(_Strict):
    """The network phones join on the day (the facilitator's hotspot); printed as a join QR code."""

    model_config = ConfigDict(str_strip_whitespace=False)  # a password keeps its spaces

    ssid: str = Field(description="Network name, at most 32 bytes.")
    password: str = Field(description="WPA password, 8 to 63 characters.")

    @field_validator("ssid")
    @classmethod
    def _ssid(cls, value: str) -> str:
        from .wifi import check_ssid

        return check_ssid(value)

    @field_validator("password")
    @classmethod
    def _password(cls, value: str) -> str:
        from .wifi import check_password

        return check_password(value)


# A card as a deck file writes it: its keys depend on its family's template, so the loader
# validates each card against that template's model (:data:`carddeck.templates.TEMPLATES`) once the families are known.
RawCard = dict[str, Any]


class DeckFile(_Strict):
    """``deck.yaml``: the deck-level settings, optionally with cards of its own."""

    # Where each setting stands, for error messages: file and {dotted key: line}.
    _file: str = PrivateAttr(default="")
    _lines: dict = PrivateAttr(default_factory=dict)
    # Settings in another language (carddeck.languages): key -> (file, line, key path) in its language file.
    _translated: dict = PrivateAttr(default_factory=dict)

    def locate(self, key: str) -> tuple[str, int, str]:
        """(file, line, key) of a setting such as ``title`` or ``sections.rule``."""
        if key in self._translated:  # (file, line, key path) in the language file
            return self._translated[key]
        return self._file, self._lines.get(key, self._lines.get(key.split(".")[0], 0)), key

    title: Text = Field(description="The kit's title, on the backs, the about card and the poster.")
    subtitle: Text | None = None
    lang: Lang = Field(description="Language of deck.yaml's texts, and of the kit unless built with --lang.")
    notes_url: str | None = Field(default=None, description="Base URL of the notes service for QR codes.")
    kit: KitId | None = Field(
        default=None,
        description="Stable id of the kit on the notes service (one service can host several kits); "
                    "made from the title when missing.",
    )
    card_size: str | None = Field(
        default=None, description="Default card size: a6, a7, poker, bridge, tarot or WxH in mm (--card-size wins)."
    )
    paper: Literal["a4", "letter"] | None = Field(default=None, description="Default office paper (--paper wins).")
    wifi: WifiSetting | None = Field(
        default=None, description="Wi-Fi that phones join, printed as a QR code on the poster and table tents (--wifi wins)."
    )
    privacy_contact: Annotated[str, Field(min_length=1, max_length=MAX_CONTACT)] | None = Field(
        default=None,
        description="Whom participants ask about their notes and their rights: the municipality's contact or data "
                    "protection officer, with an e-mail address or phone number. Shown on the notes pages' privacy "
                    "page; 'carddeck build' warns while it is missing for a notes URL phones reach.",
    )
    credits: list[Text] = Field(min_length=1, description="Source credits, printed on the about card and poster.")
    sections: Sections = Field(
        default_factory=Sections, description="Headings in the deck's words: rule, action, value, quote, stage and "
                                              "info head the cards of those families, thin and thick label the ends "
                                              "of a stage card's axis. Give the ones the deck's cards print.")
    # The deck's card families; checked one by one by the loader (carddeck.families.FamilySpec),
    # before the cards, whose keys depend on them.
    families: dict[str, Any] | None = Field(
        default=None, description="The deck's card families; default: the built-in ones of the default deck."
    )
    include: list[str] | None = Field(
        default=None, description="Card files to read, relative to deck.yaml; default: every other *.yaml."
    )
    cards: list[RawCard] = Field(default_factory=list)

    @field_validator("notes_url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        return None if value is None else check_notes_url(value)

    @field_validator("card_size")
    @classmethod
    def _size(cls, value: str | None) -> str | None:
        if value is not None:
            from .sizes import card_size

            card_size(value)  # raises ValueError naming the accepted sizes
        return value


class CardFile(_Strict):
    """Any other deck file: a list of cards."""

    cards: list[RawCard] = Field(min_length=1)
