"""Sentence splitting: abbreviations, numbers, line joins, quotes and true positions."""

from __future__ import annotations

import pytest

from ldncheck.model import Span
from ldncheck.sentences import LineIndex, Unit, split_plain, split_units


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "LDN is used for pain, e.g. Fibromyalgia. It is cheap.",
            ["LDN is used for pain, e.g. Fibromyalgia.", "It is cheap."],
        ),
        (
            "Use a low dose, i.e. Under 5 mg. Start low.",
            ["Use a low dose, i.e. Under 5 mg.", "Start low."],
        ),
        ("Dr. Smith prescribed LDN. It helped.", ["Dr. Smith prescribed LDN.", "It helped."]),
        (
            "Younger et al. Found less pain. Others did not.",
            ["Younger et al. Found less pain.", "Others did not."],
        ),
        (
            "LDN vs. Placebo was tested. Results varied.",
            ["LDN vs. Placebo was tested.", "Results varied."],
        ),
        ("Take approx. 4.5 mg nightly. Ask first.", ["Take approx. 4.5 mg nightly.", "Ask first."]),
        ("See Fig. 2 for doses. Then read on.", ["See Fig. 2 for doses.", "Then read on."]),
        ("Trial No. 5 used LDN. It was small.", ["Trial No. 5 used LDN.", "It was small."]),
        (
            "The usual dose is 4.5 mg. Most people take it at night.",
            ["The usual dose is 4.5 mg.", "Most people take it at night."],
        ),
        ("Does LDN help? Maybe! Nobody knows.", ["Does LDN help?", "Maybe!", "Nobody knows."]),
        ("J. Smith wrote it. Read it.", ["J. Smith wrote it.", "Read it."]),
        ("The answer was no. Then we stopped.", ["The answer was no.", "Then we stopped."]),
    ],
)
def test_split_survives_abbreviations_and_numbers(text: str, expected: list[str]) -> None:
    assert split_plain(text) == expected


def test_sentence_broken_across_lines_is_joined_with_its_real_span() -> None:
    text = "Intro here.\nLow-dose naltrexone\n  cures MS. Next one."
    sentences = list(split_units(text, [Unit(0, len(text))], LineIndex.of(text)))
    assert [s.text for s in sentences] == [
        "Intro here.",
        "Low-dose naltrexone cures MS.",
        "Next one.",
    ]
    assert sentences[1].span == Span(2, 1, 3, 12)
    assert sentences[2].span == Span(3, 13, 3, 22)


def test_columns_count_characters_not_bytes() -> None:
    text = "Ünïcödé — ok. LDN cures MS."
    (first, second) = split_units(text, [Unit(0, len(text))], LineIndex.of(text))
    assert second.span.column == text.index("LDN") + 1
    assert first.span == Span(1, 1, 1, 14)


def test_units_are_never_crossed() -> None:
    text = "LDN cures MS\nLDN cures cancer"
    units = [Unit(0, 12), Unit(13, len(text))]
    assert [s.text for s in split_units(text, units, LineIndex.of(text))] == [
        "LDN cures MS",
        "LDN cures cancer",
    ]


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ('"LDN cures cancer."', [True]),
        ("\u201cLDN cures cancer\u201d.", [True]),
        ('"LDN cures MS. It also treats cancer." She disagreed.', [True, True, False]),
        ('She said "LDN cures MS" to me.', [False]),
        ('"Cheap," he said, "and it cures MS."', [False]),
        ("LDN cures MS.", [False]),
    ],
)
def test_in_quotes_only_when_the_whole_sentence_is_quoted(text: str, quoted: list[bool]) -> None:
    sentences = list(split_units(text, [Unit(0, len(text))], LineIndex.of(text)))
    assert [s.in_quotes for s in sentences] == quoted


def test_blockquote_flag_comes_from_the_unit() -> None:
    text = "LDN cures MS."
    (sentence,) = split_units(text, [Unit(0, len(text), in_blockquote=True)], LineIndex.of(text))
    assert sentence.in_blockquote


def test_blank_and_punctuation_only_units_give_no_sentences() -> None:
    text = "   \n  ---  \n"
    assert list(split_units(text, [Unit(0, len(text))], LineIndex.of(text))) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Forum writing: lower-case starts after "!" and "?", and after a full stop that ends
        # a line; a line that ends in an emoji ends its sentence.
        ("it helped so much!! my pain is down", ["it helped so much!!", "my pain is down"]),
        ("did it work? no idea yet", ["did it work?", "no idea yet"]),
        (
            "best drug out there.\nsmall trials look promising",
            ["best drug out there.", "small trials look promising"],
        ),
        ("off levo now 🙌\nit fixes everything", ["off levo now 🙌", "it fixes everything"]),
        # Wrapped prose still joins: no terminator, or a full stop inside a line.
        (
            "LDN is taken at night\nby most people. it is cheap",
            ["LDN is taken at night by most people. it is cheap"],
        ),
    ],
)
def test_casual_sentence_boundaries(text: str, expected: list[str]) -> None:
    assert split_plain(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In brief\nGood news: LDN is cheap.", ["In brief", "Good news: LDN is cheap."]),
        ("Key points\nLDN is off-label.", ["Key points", "LDN is off-label."]),
        (
            "We prescribe it for\nMultiple sclerosis patients.",
            ["We prescribe it for Multiple sclerosis patients."],
        ),
        ("LDN is taken at night\nBy most people.", ["LDN is taken at night By most people."]),
    ],
)
def test_a_short_lead_in_line_stands_alone(text: str, expected: list[str]) -> None:
    assert split_plain(text) == expected
