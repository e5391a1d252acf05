"""Text setting: lines never wider than the box, nothing lost or reordered, fit respects its size range."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from carddeck import fonts
from carddeck.layout.text import fit, setting, wrap
from carddeck.units import pt_to_mm
from kitutil import squash

LETTERS = "abcdefghijklmnoprstuvyæøåéÆØÅSHK"
words = st.one_of(
    st.text(LETTERS, min_size=1, max_size=18),
    st.sampled_from(["samskabelsespartnere", "Kompetanse-komplementaritet", "–", "«prototyping»", "og",
                     "velferdssamfunnet,", "handlingsrasjonale", "i", "Hvordan", "justér", "ø"]),
)
texts = st.lists(words, min_size=1, max_size=40).map(" ".join)
langs = st.sampled_from(["da", "nb", ""])
weights = st.sampled_from(["regular", "bold"])


@settings(max_examples=150, deadline=None)
@given(text=texts, weight=weights, size=st.floats(6.0, 30.0), width=st.floats(15.0, 180.0), lang=langs,
       hyphenate=st.booleans())
def test_wrap_never_exceeds_the_width_and_keeps_every_word(text, weight, size, width, lang, hyphenate):
    lines = wrap(text, weight, size, width, lang, hyphenate)
    if lines is None:
        # Only a word that is wider than the line on its own may make wrapping fail.
        assert any(fonts.width(w, weight, size) > width for w in text.split())
        return
    for line in lines:
        assert fonts.width(line, weight, size) <= width + 1e-9, line
        assert line == line.strip() and line
    _reassemble(lines, text, hyphenate)


def _reassemble(lines, text, hyphenate):
    """Walk the text line by line: a line break is a space of the text, a break after a dash of
    the text, or (only when hyphenating) a hyphen added inside a word."""
    norm = " ".join(text.split())
    pos = 0
    for line in lines:
        if norm.startswith(line, pos):
            pos += len(line)
        else:
            assert hyphenate and line.endswith("-") and norm.startswith(line[:-1], pos), (line, norm[pos:])
            pos += len(line) - 1
            continue
        if pos < len(norm) and norm[pos] == " ":
            pos += 1
        else:
            assert pos == len(norm) or line[-1] in "-–", (line, norm[pos:])
    assert pos == len(norm)


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(texts, st.text(max_size=30)), weight=weights)
def test_a_width_is_the_width_reportlab_measures_to_the_last_bit(text, weight):
    # Layout measures with its own table of the font's advances; reportlab draws with its own.
    from reportlab.pdfbase.pdfmetrics import stringWidth

    fonts.register()
    assert fonts.width(text, weight, 10.0) == pt_to_mm(stringWidth(text, fonts.NAMES[weight], 1000.0) / 1000.0 * 10.0)


def test_wrap_breaks_an_existing_hyphen_without_adding_one():
    word = "Kompetanse-komplementaritet"
    width = fonts.width("Kompetanse-komplementa", "bold", 20.0)
    assert wrap(word, "bold", 20.0, width, "nb", hyphenate=False) == ["Kompetanse-", "komplementaritet"]


def test_wrap_hyphenates_danish_only_when_allowed():
    word = "samskabelsespartnere"
    width = fonts.width(word, "regular", 12.0) * 0.7
    assert wrap(word, "regular", 12.0, width, "da", hyphenate=False) is None
    lines = wrap(word, "regular", 12.0, width, "da", hyphenate=True)
    assert len(lines) == 2 and lines[0].endswith("-")
    assert lines[0][:-1] + lines[1] == word


def test_short_words_are_never_hyphenated():
    # "grænse" is 6 letters and may break; "vejen" (5) may not.
    assert wrap("vejen", "regular", 30.0, fonts.width("vej-", "regular", 30.0) + 0.1, "da") is None


def test_wrap_keeps_the_line_full_before_breaking():
    text = "Hvor er det vigtigt, at samarbejdet har klare grænser?"
    width = fonts.width("Hvor er det vigtigt, at samarbejdet", "bold", 14.0) + 0.01
    assert wrap(text, "bold", 14.0, width, "da", hyphenate=False) == ["Hvor er det vigtigt, at samarbejdet",
                                                                      "har klare grænser?"]


def test_a_line_does_not_end_in_a_one_or_two_letter_word():
    text = "Hvor er det vigtigt, at vi har klare grænser?"
    width = fonts.width("Hvor er det vigtigt, at vi", "bold", 14.0) + 0.01
    assert wrap(text, "bold", 14.0, width, "da", hyphenate=False) == ["Hvor er det vigtigt,", "at vi har klare grænser?"]
    # Where the short word is the line's only word, there is no earlier break to take.
    width = fonts.width("samskabelse", "bold", 14.0) + 0.01
    assert wrap("i samskabelse", "bold", 14.0, width, "da", hyphenate=False) == ["i", "samskabelse"]


def test_a_short_word_is_not_left_alone_on_the_last_line():
    text = "Hvordan får vi alle med til mødet nu"
    width = fonts.width("Hvordan får vi alle med til mødet", "regular", 12.0) + 0.01
    assert wrap(text, "regular", 12.0, width, "da") == ["Hvordan får vi alle med til", "mødet nu"]
    # Not when the line above would then end in a short word.
    text = "Hvordan får vi alle med i processen nu"
    width = fonts.width("Hvordan får vi alle med i processen", "regular", 12.0) + 0.01
    assert wrap(text, "regular", 12.0, width, "da") == ["Hvordan får vi alle med i processen", "nu"]


def test_a_no_break_space_keeps_words_together():
    text = "Vi starter i fase\u00a03 med det samme"
    width = fonts.width("Vi starter i fase", "regular", 12.0) + 0.01
    lines = wrap(text, "regular", 12.0, width, "da", hyphenate=False)
    assert "fase\u00a03" in lines[1] and lines[0] == "Vi starter"


def test_a_soft_hyphen_is_the_only_place_a_word_breaks_and_prints_only_there():
    word = "samskabelses\u00adpartnere"
    assert wrap(word, "regular", 12.0, 200.0, "da") == ["samskabelsespartnere"]
    width = fonts.width("samskabelses-", "regular", 12.0) + 0.01
    assert wrap(word, "regular", 12.0, width, "da") == ["samskabelses-", "partnere"]
    # Too narrow for the part before the soft hyphen: no other break is invented.
    assert wrap(word, "regular", 12.0, fonts.width("samska-", "regular", 12.0), "da") is None


def test_balanced_lines_are_as_even_as_their_count_allows():
    title = "Syv handlingsfelt for framdrift"
    width = fonts.width("Syv handlingsfelt for", "bold", 22.0) + 0.01
    assert fit([title], "bold", width, 100.0, 22.0, 22.0, "da").paragraphs == (("Syv handlingsfelt for", "framdrift"),)
    assert fit([title], "bold", width, 100.0, 22.0, 22.0, "da", balance=True).paragraphs == (
        ("Syv handlingsfelt", "for framdrift"),)


def test_a_heading_that_may_not_be_hyphenated_gives_up_rather_than_break_a_word():
    word = "SAMSKABELSESPARTNERE"
    width = fonts.width(word, "bold", 9.0) - 0.01
    assert fit([word], "bold", width, 50.0, 9.0, 9.0, "da").paragraphs[0][0].endswith("-")
    assert fit([word], "bold", width, 50.0, 9.0, 9.0, "da", hyphenate=False) is None


@settings(max_examples=80, deadline=None)
@given(
    paragraphs=st.lists(texts, min_size=1, max_size=3),
    width=st.floats(20.0, 120.0),
    height=st.floats(5.0, 150.0),
    max_size=st.sampled_from([11.0, 14.0, 18.0, 26.0]),
    min_size=st.sampled_from([6.5, 8.0, 11.0]),
    max_lines=st.one_of(st.none(), st.integers(1, 4)),
)
def test_fit_respects_box_and_size_range(paragraphs, width, height, max_size, min_size, max_lines):
    block = fit(paragraphs, "regular", width, height, max_size, min_size, "da", max_lines=max_lines)
    if block is None:
        # Not even the minimum size, hyphenated, fits.
        at_min = setting(paragraphs, "regular", min_size, width, "da", hyphenate=True)
        if at_min is not None:
            assert at_min.height > height + 1e-9 or (max_lines is not None and at_min.line_count > max_lines)
        return
    assert min_size - 1e-9 <= block.size <= max_size
    assert block.height <= height + 1e-9
    assert max_lines is None or block.line_count <= max_lines
    assert len(block.paragraphs) == len(paragraphs)
    for lines, paragraph in zip(block.paragraphs, paragraphs):
        assert all(fonts.width(line, "regular", block.size) <= width + 1e-9 for line in lines)
        assert squash(" ".join(lines)) == squash(paragraph)


def test_fit_takes_the_largest_size_that_fits():
    text = "Hvordan samarbejder vi konkret om opgaverne?"
    block = fit([text], "bold", 89.0, 40.0, 22.0, 11.0, "da")
    assert block.size == 22.0
    tight = fit([text], "bold", 89.0, block.height - 0.01, 22.0, 11.0, "da")
    assert tight.size < 22.0
    assert fit([text], "bold", 89.0, tight.height, tight.size + 0.5, 11.0, "da").size == tight.size


def test_fit_prefers_smaller_type_to_hyphens_down_to_80_percent():
    word = "Samskabelsespartnere"
    width = fonts.width(word, "bold", 18.0) - 0.01  # 18 pt is a hair too wide; 17.5 pt fits unbroken
    block = fit([word], "bold", width, 100.0, 18.0, 8.0, "da")
    assert block.paragraphs == ((word,),) and block.size == 17.5


def test_fit_gives_up_below_the_minimum():
    assert fit(["Hvordan får vi alle med?"], "bold", 10.0, 3.0, 14.0, 8.0, "da") is None


def test_setting_spaces_lines_and_paragraphs_in_proportion_to_the_size():
    # Leading and paragraph gaps grow with the type: twice the size, twice the spacing.
    small, large = (setting(["Første linje og mere", "Anden"], "regular", size, 500.0, "da") for size in (10.0, 20.0))
    assert large.leading == pytest.approx(2 * small.leading) and large.gap == pytest.approx(2 * small.gap)
    assert small.leading > pt_to_mm(10.0)  # lines never touch: more than the type's own size apart
    assert setting(["Samskabelsespartnere"], "bold", 30.0, 10.0, "da", hyphenate=False) is None


def test_block_geometry():
    block = fit(["Første linje", "Anden linje og mere tekst her"], "regular", 30.0, 100.0, 12.0, 8.0, "da")
    baselines = block.baselines(10.0)
    assert len(baselines) == block.line_count
    assert baselines[0][0] == 10.0 + pt_to_mm(block.size * fonts.CAP_HEIGHT)
    # The height runs from the first capitals to the last line's descenders.
    assert abs(baselines[-1][0] + pt_to_mm(block.size * fonts.DESCENT) - (10.0 + block.height)) < 1e-9
    steps = [b - a for (a, _), (b, _) in zip(baselines, baselines[1:])]
    assert all(abs(s - block.leading) < 1e-9 or abs(s - block.leading - block.gap) < 1e-9 for s in steps)
