"""``carddeck init DIR``: a new deck folder that validates and builds at once.

In: a folder (new, or empty), a language (one of :data:`WORDS`: da, nb, en) and any more
languages to start with. Out: ``deck.yaml`` (the schema line for editors, a comment above every
key, the card families written out, one card of every family), ``deck.schema.json`` beside it,
which the schema line points to, and ``lang/<tag>.yaml`` for each more language. The comments
are English; the example cards, their ids and every text the kit prints are in the deck's
language (in a language file, in its language).
"""

from __future__ import annotations

import json
from pathlib import Path

from .errors import UsageProblem
from .families import COLOURS, SYMBOLS, built_in
from .labels import label
from .templates import TEMPLATES

SCHEMA_FILE = "deck.schema.json"

# The example deck's words, per language. Placeholders for the deck owner to replace.
WORDS = {
    "da": {
        "title": "Vores dialogkort",
        "subtitle": "Dialogkort til samskabelse",
        "credit": "Skriv her, hvor indholdet kommer fra.",
        "phases": "Faserne", "rule": "Tommelfingerregler", "action": "Handlingsfelter", "value": "Værdier",
        "quote": "Citater", "stage": "Fra tynd til tyk", "thin": "Tynd", "thick": "Tyk", "info": "Baggrund",
        "about": "Læg kortene på plakaten, vælg de spørgsmål, der giver mening for jer, og tal sammen.",
        "phase_title": "Formål", "phase_subtitle": "Hvorfor gør vi det?",
        "question": "Hvad vil vi gerne opnå sammen?", "examples": "fx for borgerne, for os selv",
        "writein": "Vores egne gode råd",
        "rule_text": "Begynd med det, I er enige om.",
        "action_text": "Kommunikation",
        "value_text": "Åbenhed",
        "quote_text": "Vi troede, vi skulle klare det alene.",
        "stage_title": "På tegnebrættet", "stage_text": "Vi forstår problemet sammen.",
        "info_title": "Om kortene", "info_text": "Skriv baggrunden for kortene her.",
        "risk": "Risici", "password": "skift-mig-123",
        "language": "dansk", "translation": "Dansk oversættelse: skriv her, hvem der har oversat.",
    },
    "nb": {
        "title": "Våre dialogkort",
        "subtitle": "Dialogkort for samskaping",
        "credit": "Skriv her hvor innholdet kommer fra.",
        "phases": "Fasene", "rule": "Tommelfingerregler", "action": "Handlingsfelt", "value": "Verdier",
        "quote": "Sitater", "stage": "Fra tynn til tykk", "thin": "Tynn", "thick": "Tykk", "info": "Bakgrunn",
        "about": "Legg kortene på plakaten, velg spørsmålene som gir mening for dere, og snakk sammen.",
        "phase_title": "Formål", "phase_subtitle": "Hvorfor gjør vi det?",
        "question": "Hva vil vi oppnå sammen?", "examples": "f.eks. for innbyggerne, for oss selv",
        "writein": "Våre egne gode råd",
        "rule_text": "Begynn med det dere er enige om.",
        "action_text": "Kommunikasjon",
        "value_text": "Åpenhet",
        "quote_text": "Vi trodde vi måtte klare det aleine.",
        "stage_title": "På tegnebrettet", "stage_text": "Vi forstår problemet sammen.",
        "info_title": "Om kortene", "info_text": "Skriv bakgrunnen for kortene her.",
        "risk": "Risikoer", "password": "bytt-meg-123",
        "language": "norsk bokmål", "translation": "Norsk oversettelse: skriv her hvem som har oversatt.",
    },
    "en": {
        "title": "Our dialogue cards",
        "subtitle": "Dialogue cards for co-creation",
        "credit": "Write here where the content comes from.",
        "phases": "The phases", "rule": "Rules of thumb", "action": "Action fields", "value": "Values",
        "quote": "Quotes", "stage": "From thin to thick", "thin": "Thin", "thick": "Thick", "info": "Background",
        "about": "Put the cards on the poster, pick the questions that make sense to you, and talk them through.",
        "phase_title": "Purpose", "phase_subtitle": "Why are we doing this?",
        "question": "What do we want to achieve together?", "examples": "e.g. for citizens, for ourselves",
        "writein": "Our own good advice",
        "rule_text": "Start with what you agree on.",
        "action_text": "Communication",
        "value_text": "Openness",
        "quote_text": "We thought we had to manage on our own.",
        "stage_title": "On the drawing board", "stage_text": "We understand the problem together.",
        "info_title": "About the cards", "info_text": "Write the background of the cards here.",
        "risk": "Risks", "password": "change-me-123",
        "language": "English", "translation": "English translation: write here who translated.",
    },
}

# The example cards' ids, per language: an id is part of the card's QR code, so a deck keeps
# the one it starts with; it reads best in the deck's own language.
_DA_IDS = {"about": "om-kortene", "credits": "kilder", "phase": "fase-1", "question": "fase-1-maal",
           "writein": "egne-raad-1", "rule": "regel-1", "action": "felt-1", "value": "vaerdi-1",
           "quote": "citat-1", "stage": "trin-1", "info": "baggrund"}
IDS = {
    "da": _DA_IDS,
    "nb": _DA_IDS,
    "en": {"about": "about-the-cards", "credits": "sources", "phase": "phase-1", "question": "phase-1-goal",
           "writein": "own-advice-1", "rule": "rule-1", "action": "field-1", "value": "value-1",
           "quote": "quote-1", "stage": "stage-1", "info": "background"},
}

TEMPLATE = """\
# yaml-language-server: $schema={schema}
# A carddeck deck. Check it with `carddeck validate {folder}`, build it with `carddeck build {folder}`.
# Every key has a comment above it; `carddeck schema` prints the whole format.

# The kit's title: on every card back, the title card and the poster.
title: {title}
# A line under the title (optional).
subtitle: {subtitle}
# The language of this file's texts: da (Danish), nb (Norwegian bokmål) or en (English). The
# kit is built in it (`carddeck build --lang` builds another, from lang/TAG.yaml), and the words
# the kit adds ("{scan}", the guide, the table tents) follow the kit's language.
lang: {lang}
# Where the QR codes point: the notes service, e.g. http://10.42.0.1:8765 on a laptop hotspot.
# null: give it with --notes-url when you build.
notes_url: null
# Whom participants ask about their notes: the municipality's contact or data protection
# officer, with an e-mail address or phone number. The notes pages' privacy page shows it;
# `carddeck build` warns while it is null for a notes URL that phones reach.
privacy_contact: null
# Card size: a6, a7, poker, bridge, tarot or WxH in mm (--card-size wins).
card_size: a6
# Office paper for the cards, the poster tiles and the other sheets: a4 or letter (--paper wins).
paper: a4
# The Wi-Fi that phones join on the day, printed as a QR code on the poster and the table
# tents (--wifi wins). Remove the '#' of the three lines to use it.
# wifi:
#   ssid: Workshop
#   password: {password}
# Where the content comes from: printed on the poster and on a title card with credits: true.
credits:
  - {credit}
# Headings of the card groups, in your words: on the cards' bands and on the poster. A deck
# gives those its cards print: one for each of these families it has cards of, and thin and
# thick (the ends of the axis) for stage cards; `phases` is optional.
sections:
  phases: {phases}
  rule: {rule}
  action: {action}
  value: {value}
  quote: {quote}
  stage: {stage}
  # stage_subtitle (optional): words after this heading and a dash, over each stage card's axis.
  thin: {thin}
  thick: {thick}
  info: {info}
# The card families: what a card's `kind:` says. Each family has
#   name      its name in your words: the guide counts the cards by it, and it heads the
#             family's cards (rule, action, value, quote, stage and info take their
#             headings from `sections:` above).
#   template  the built-in card it uses, which decides the keys its cards have:
#             {templates}.
#   colour    a colour of the kit's palette (it prints safely on office printers and presses):
#             {colours};
#             phase and question cards say `phase` (the colour of their phase).
#   symbol    {symbols};
#             phase and question cards say `phase`.
#   code      the code printed on its cards: {{number}}, {{nth}} (its place in the family),
#             {{phase}} and {{nth_in_phase}} (cards of a phase), {{list}} (write-in lists).
# A family of your own needs no more than a line, e.g.
#   risk: {{name: {risk}, template: statement, colour: vermillion, symbol: diamond, code: "R{{number}}"}}
# and cards with kind: risk.
families:
{families}
# The cards, one of every kind. Each card has
#   id    a stable name: lower-case letters, digits and '-'. It is part of the card's QR code,
#         so keep it once the cards are printed.
#   kind  its family (above); lang: the language of its text; and the keys of its family's
#         template.
#   notes (optional) background shown on the card's notes page; code (optional) the short code
#         printed on both faces, made from its family's code and order when left out.
# Cards may also live in other .yaml files beside this one (see `include` in `carddeck schema`).
cards:
  # about: a title card. text: how to use the kit; credits: true prints the credits on it.
  - id: {id_about}
    kind: about
    lang: {lang}
    text: {about}
  - id: {id_credits}
    kind: about
    lang: {lang}
    credits: true
  # phase: one of up to six phases (phase: 1 to 6), with a title and a subtitle.
  - id: {id_phase}
    kind: phase
    lang: {lang}
    phase: 1
    title: {phase_title}
    subtitle: {phase_subtitle}
  # question: a question of a phase; examples (optional) print smaller below it.
  - id: {id_question}
    kind: question
    lang: {lang}
    phase: 1
    text: {question}
    examples: {examples}
  # writein: a line of the group's own list (title); number: its place in the list.
  - id: {id_writein}
    kind: writein
    lang: {lang}
    title: {writein}
    number: 1
  # rule: a rule of thumb, numbered.
  - id: {id_rule}
    kind: rule
    lang: {lang}
    number: 1
    text: {rule_text}
  # action: an action field (what moves the work forward), numbered.
  - id: {id_action}
    kind: action
    lang: {lang}
    number: 1
    text: {action_text}
  # value: a value (what gives lift), numbered. Leave text out while it is not known: the card
  # prints a line to write on, and every build reminds you.
  - id: {id_value}
    kind: value
    lang: {lang}
    number: 1
    text: {value_text}
  # quote: something a participant said, kept as it was said.
  - id: {id_quote}
    kind: quote
    lang: {lang}
    text: {quote_text}
  # stage: a stage on the thin <-> thick axis, numbered from the thin end.
  - id: {id_stage}
    kind: stage
    lang: {lang}
    number: 1
    title: {stage_title}
    text: {stage_text}
  # info: background, a title and one text (or a list of paragraphs).
  - id: {id_info}
    kind: info
    lang: {lang}
    title: {info_title}
    text: {info_text}
"""

# Each language's name in the files' comments, which are English.
IN_ENGLISH = {"da": "Danish", "nb": "Norwegian bokmål", "en": "English"}

# lang/<tag>.yaml of a deck that starts with more than one language: deck.yaml's texts and each
# example card's, by the card's id in deck.yaml (the ids stay those of the deck's own language).
LANG_TEMPLATE = """\
# yaml-language-server: $schema=../{schema}
# The deck's texts in {name}: `carddeck build {folder} --lang {lang}` builds the kit in it.
# Ids, kinds and numbers stay in deck.yaml; this file holds only the texts the kit prints.

# The file's language: its name without .yaml.
lang: {lang}
# The language's own name.
name: {language}
# Who translated: printed on the credits card and the poster.
credit: {translation}
# deck.yaml's texts (title, subtitle, credits, headings, family names) in this language.
deck:
  title: {title}
  subtitle: {subtitle}
  credits:
    - {credit}
  sections:
    phases: {phases}
    rule: {rule}
    action: {action}
    value: {value}
    quote: {quote}
    stage: {stage}
    thin: {thin}
    thick: {thick}
    info: {info}
  families:
{family_names}
# Each card's texts, by its id. A quote keeps its own words and prints these beneath them, as
# their translation.
cards:
  {id_about}: {{text: {about}}}
  {id_phase}: {{title: {phase_title}, subtitle: {phase_subtitle}}}
  {id_question}: {{text: {question}, examples: {examples}}}
  {id_writein}: {{title: {writein}}}
  {id_rule}: {{text: {rule_text}}}
  {id_action}: {{text: {action_text}}}
  {id_value}: {{text: {value_text}}}
  {id_quote}: {{text: {quote_text}}}
  {id_stage}: {{title: {stage_title}, text: {stage_text}}}
  {id_info}: {{title: {info_title}, text: {info_text}}}
"""


def _quoted(value: str) -> str:
    """A YAML scalar that stays a string whatever it holds (JSON is YAML)."""
    return json.dumps(value, ensure_ascii=False)


def _families(lang: str) -> str:
    """The built-in families written out, one line each (the default deck's, named in ``lang``)."""
    lines = []
    for key, family in built_in(lang).items():
        lines.append(f"  {key}: {{name: {_quoted(family.name)}, template: {family.template.name}, colour: "
                     f"{family.colour}, symbol: {family.symbol}, code: {_quoted(family.code)}}}")
    return "\n".join(lines)


def deck_yaml(lang: str, folder: str) -> str:
    """The text of a new ``deck.yaml`` in ``lang`` (a key of :data:`WORDS`)."""
    words = {key: _quoted(value) for key, value in WORDS[lang].items()}
    # In comments the words stand bare (a risk family's name, a password), as a user would type them.
    words.update(risk=WORDS[lang]["risk"], password=WORDS[lang]["password"])
    ids = {f"id_{role}": card_id for role, card_id in IDS[lang].items()}
    return TEMPLATE.format(schema=SCHEMA_FILE, folder=folder, lang=lang, families=_families(lang),
                           templates=", ".join(TEMPLATES), colours=", ".join(COLOURS), symbols=", ".join(SYMBOLS),
                           scan=label(lang, "scan"), **words, **ids)


def lang_yaml(tag: str, lang: str, folder: str) -> str:
    """The text of ``lang/<tag>.yaml`` for a new deck in ``lang``: its texts in ``tag`` (keys of :data:`WORDS`)."""
    words = {key: _quoted(value) for key, value in WORDS[tag].items()}
    ids = {f"id_{role}": card_id for role, card_id in IDS[lang].items()}
    names = "\n".join(f"    {key}: {_quoted(family.name)}" for key, family in built_in(tag).items())
    return LANG_TEMPLATE.format(schema=SCHEMA_FILE, folder=folder, lang=tag, name=IN_ENGLISH[tag],
                                family_names=names, **words, **ids)


def _known(tag: str, option: str) -> None:
    """Nothing when carddeck has an example deck in ``tag``; else a UsageProblem naming ``option``."""
    if tag not in WORDS:
        *others, last = WORDS
        raise UsageProblem(f"carddeck has no example deck in {tag!r}; give {option} {', '.join(others)} or {last}")


def init_deck(folder: str | Path, lang: str = "da", also: tuple[str, ...] = ()) -> list[Path]:
    """Write a new deck into ``folder`` (made if missing), its texts in ``lang``, and a language
    file ``lang/<tag>.yaml`` for each tag of ``also``; return the files written.

    :raises UsageProblem: when carddeck has no example deck in ``lang`` or a tag of ``also``, a
        tag of ``also`` is ``lang``, or ``folder`` is a file or already holds files.
    """
    from .languages import LANG_DIR
    from .schema import json_schema

    _known(lang, "--lang")
    for tag in also:
        _known(tag, "--with-lang")
        if tag == lang:
            raise UsageProblem(f"{tag!r} is the new deck's own language (--lang); give --with-lang another language")
    path = Path(folder)
    if path.exists() and not path.is_dir():
        raise UsageProblem(f"{str(path)!r} is a file; give a folder for the new deck")
    if path.is_dir() and any(path.iterdir()):
        raise UsageProblem(f"{str(path)!r} is not empty; give a new or empty folder, so no file is overwritten")
    path.mkdir(parents=True, exist_ok=True)
    deck, schema = path / "deck.yaml", path / SCHEMA_FILE
    deck.write_text(deck_yaml(lang, str(path)), encoding="utf-8")
    schema.write_text(json.dumps(json_schema(built_in(lang)), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    written = [deck, schema]
    for tag in dict.fromkeys(also):
        file = path / LANG_DIR / f"{tag}.yaml"
        file.parent.mkdir(exist_ok=True)
        file.write_text(lang_yaml(tag, lang, str(path)), encoding="utf-8")
        written.append(file)
    return written


__all__ = ["init_deck", "deck_yaml", "lang_yaml", "SCHEMA_FILE", "WORDS"]
