"""Facts read from regex syntax trees: checked against the engine on generated patterns."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ldncheck.prefilter import guard
from ldncheck.retree import lead


def _lead(source: str, flags: int = 0) -> str | None:
    return lead(re.compile(source, flags))


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (r"\bnot\b|\bnever\b", "n"),
        (r"(?:very )?low dose", "lv"),  # the optional word may be missing
        (r"(?<=side effects)[- ]free", r"\ \-"),  # a lookbehind consumes nothing
        (r"\b(?:2[5-9]|[3-9]\d)\s?mg", "23456789"),
        (r"\b\d+\s?mg", None),  # \d is a category, not spelled out
        (r"^(?:does|is) ldn", None),  # anchored: the engine already starts only at 0
        (r"x?", None),  # can match the empty string anywhere
        (r"[a-z]+ing", None),  # 26 letters: a lead that wide saves nothing
    ],
)
def test_lead_is_the_set_of_first_characters(source: str, expected: str | None) -> None:
    assert _lead(source) == expected


WORD = st.sampled_from(["no", "not", "ldn", "may", "ms", "cure", "a", "n't", "side", "x"])
ATOM = st.one_of(
    WORD.map(re.escape),
    st.just(r"\b"),
    st.just(r"[a-c]"),
    st.just(r"[\w-]+"),
    st.just(r"\s?"),
    st.just(r"(?<=x)"),
    st.just(r"(?!n)"),
    st.just("^"),
)


def _group(parts: list[str]) -> str:
    return "(?:" + "".join(parts) + ")"


PATTERN = st.recursive(
    st.lists(ATOM, min_size=1, max_size=4).map("".join),
    lambda inner: st.one_of(
        st.lists(inner, min_size=2, max_size=4).map("|".join),
        st.tuples(inner, st.sampled_from(["?", "*", "+", "{0,2}", "{1,3}"])).map(
            lambda pair: _group([pair[0]]) + pair[1]
        ),
        st.tuples(inner, inner).map(lambda pair: "(" + pair[0] + ")" + pair[1]),
    ),
    max_leaves=8,
)
TEXT = st.lists(
    st.sampled_from(["no", "not", "ldn", "LDN", "may", "ms", "cure", "n't", "side", "x", "abc"]),
    max_size=8,
).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(source=PATTERN, text=TEXT, ignore_case=st.booleans())
def test_shortcuts_never_change_what_a_pattern_finds(
    source: str, text: str, ignore_case: bool
) -> None:
    flags = re.IGNORECASE if ignore_case else 0
    plain = re.compile(source, flags)
    fast = guard(source, flags)
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert [m.groups() for m in fast.finditer(text)] == [m.groups() for m in plain.finditer(text)]
    assert fast.sub("#", text) == plain.sub("#", text)
    assert bool(fast.match(text)) == bool(plain.match(text))
