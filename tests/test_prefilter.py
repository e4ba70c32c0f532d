"""Literal prefilters: what a pattern needs, and that skipping never changes an answer."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from kbfactory import line_of, write_kb

from ldncheck.errors import KnowledgeBaseError
from ldncheck.kb import KnowledgeBase, bundled_dir, load_kb
from ldncheck.lexicon import Lexicon
from ldncheck.pipeline import check_claim
from ldncheck.prefilter import (
    Family,
    Guarded,
    Screen,
    _Literals,
    _may_capture,
    guard,
    phrase_trie,
    positions,
    rewrite,
)
from ldncheck.retree import needs


def _needs(source: str, flags: int = 0) -> frozenset[str] | None:
    return needs(re.compile(source, flags))


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (r"\bnaltrexon[ea]s\b", {"naltrexon"}),
        (r"\bcodeine\b|\bmorphine\b", {"codeine", "morphine"}),
        (r"(?:very )?low[- ]?dose naltrexone", {"dose naltrexone"}),
        (r"\b(?:2[5-9]|[3-9]\d)\s?mg\b", {"mg"}),
        # The parser factors "m" out of the units; the run and each branch's opening join.
        (r"\b(?:2[5-9]|[3-9]\d)\s?(?:mg|milligrams?)\b", {"mg", "milligram"}),
        (r"\bside effects? (?:of|from)\b", {"side effect"}),
        (r"\b[0-9]+\s?m\b", None),  # a one-letter literal is in nearly every text
        (r"(?:ab)+cdef", {"cdef"}),
        (r"x(?:long word)*y", None),  # an optional group needs nothing
        (r"\bM\b|fibromyalgia", None),  # one branch has no usable literal
        (r"Opioid PAINKILLERS", {"opioid painkillers"}),
    ],
)
def test_needs_reads_required_literals(source: str, expected: set[str] | None) -> None:
    assert _needs(source, re.IGNORECASE) == (None if expected is None else frozenset(expected))


def test_alternatives_each_contain_a_needed_literal() -> None:
    # The parser may factor a shared prefix out of the branches; each spelling still needs one.
    found = _needs(r"\bcrohn's\b|\bchron'?s\b|\bcrohns?\b", re.IGNORECASE)
    assert found is not None
    for spelling in ("crohn's", "chrons", "chron", "crohn", "crohns"):
        assert any(s in spelling for s in found), spelling
    assert not any(s in "colitis" for s in found)


def test_non_ascii_literals_give_no_prefilter() -> None:
    # The long s matches 's' case-insensitively, which str.lower cannot see.
    assert _needs("\u017fide effects", re.IGNORECASE) is None


def test_guarded_skips_text_without_literals_and_still_matches_with_them() -> None:
    pattern = guard(r"\bnaltrexone\b", re.IGNORECASE)
    assert pattern.needs == frozenset({"naltrexone"})
    assert pattern.search("LDN helps") is None
    hit = pattern.search("Low dose NALTREXONE helps")
    assert hit is not None and hit.group(0) == "NALTREXONE"
    assert pattern.sub("ldn", "Naltrexone works") == "ldn works"


def test_guarded_runs_every_pattern_on_non_ascii_text() -> None:
    pattern = guard("side", re.IGNORECASE)
    # The long s folds to 's' in the regex engine but not in str.lower.
    assert pattern.search("\u017fide effects") is not None


def test_lazy_pattern_compiles_only_when_text_could_match() -> None:
    pattern = Guarded(r"\bcodeine\b", 0, frozenset({"codeine"}))
    assert pattern.search("nothing here") is None
    assert not pattern.is_compiled
    assert pattern.search("codeine and LDN") is not None
    assert pattern.is_compiled


def _every_pattern(lexicon: Lexicon) -> list[Guarded]:
    return list(lexicon.patterns())


@functools.cache
def _plain(pattern: Guarded) -> re.Pattern[str]:
    # Compiled here once: the lexicon has more patterns than the re module's own cache holds.
    return re.compile(pattern.pattern, pattern.flags)


WORDS = st.sampled_from(
    [
        "ldn",
        "LDN",
        "naltrexone",
        "Low Dose",
        "MS",
        "ms",
        "crohn's",
        "Crohns",
        "side-effects",
        "no",
        "not",
        "may",
        "studies show",
        "4.5 mg",
        "50mg",
        "codeine",
        "opioid",
        "take",
        "with",
        "fda",
        "F.D.A.",
        "approved",
        "off-label",
        "game changer",
        "cures",
        "\u017f",
        "\u212a",
        "\u0130",
        "é",
        ",",
        ".",
        "?",
    ]
)
SENTENCES = st.one_of(
    st.lists(WORDS, max_size=14).map(" ".join),
    st.text(st.characters(codec="ascii"), max_size=80),
    st.text(max_size=40),
)


@settings(max_examples=300, deadline=None)
@given(text=SENTENCES)
def test_guarded_answers_as_the_compiled_pattern(kb: KnowledgeBase, text: str) -> None:
    for lowered in (text, text.lower()):
        for pattern in _every_pattern(kb.lexicon):
            plain = _plain(pattern)
            assert pattern.sub(" ", lowered) == plain.sub(" ", lowered), pattern
            found = [m.span() for m in pattern.finditer(lowered)]
            assert found == [m.span() for m in plain.finditer(lowered)], pattern
            assert bool(pattern.match(lowered)) == bool(plain.match(lowered)), pattern


def test_every_lexicon_pattern_has_the_needs_the_cache_would_record(kb: KnowledgeBase) -> None:
    table = kb.lexicon.prefilters()
    assert len(table) >= 100
    # Most patterns are skippable: the prefilter is doing work, not returning None everywhere.
    assert sum(v is not None for v in table.values()) > 0.7 * len(table)


def test_a_cached_start_compiles_no_pattern_until_text_needs_it() -> None:
    load_kb()  # fills the cache (or finds it filled)
    warm = load_kb()
    patterns = list(warm.lexicon.patterns())
    assert not any(p.is_compiled for p in patterns)
    check_claim("LDN treats MS", warm)
    compiled = sum(p.is_compiled for p in patterns)
    assert 0 < compiled < len(patterns) // 2


def could_match(screen: Screen, text: str) -> set[int] | None:
    """The positions a screen lets through; None when it lets every pattern through."""
    found = screen.mask(text)
    return None if found is None else set(positions(found))


def test_a_screen_lets_through_exactly_the_patterns_whose_literals_are_present() -> None:
    patterns = [
        guard(r"\bcodeine\b", re.IGNORECASE),
        guard(r"\bMS\b", 0),
        guard(r"\b\d+m\b", 0),  # no usable literal: always let through
    ]
    screen = Screen(patterns)
    assert could_match(screen, "Codeine and LDN") == {0, 2}
    assert could_match(screen, "LDN for MS") == {1, 2}
    assert could_match(screen, "caf\u00e9 MS") is None  # non-ASCII: every pattern could match


def test_rewrite_looks_again_after_a_change() -> None:
    # The first rule writes the word the second one needs.
    rules = [(guard(r"\bnaltrexon\b", 0), "naltrexone"), (guard(r"low dose naltrexone", 0), "ldn")]
    screen = Screen(p for p, _ in rules)
    assert rewrite("low dose naltrexon works", rules, screen) == "ldn works"
    assert rewrite("nothing to do", rules, screen) == "nothing to do"


@settings(max_examples=200, deadline=None)
@given(text=SENTENCES)
def test_screened_rewrites_equal_plain_rewrites(kb: KnowledgeBase, text: str) -> None:
    for rules, screen in (
        (kb.lexicon.abbreviations, kb.lexicon.abbreviation_screen),
        (kb.lexicon.synonyms, kb.lexicon.synonym_screen),
    ):
        plain = text
        for pattern, replacement in rules:
            plain = re.compile(pattern.pattern, pattern.flags).sub(replacement, plain)
        assert rewrite(text, rules, screen) == plain


def _cue_words(kb: KnowledgeBase) -> list[str]:
    """Every literal some family member needs: texts made of them reach many member sets."""
    lexicon = kb.lexicon
    families = [*lexicon.ldn.values(), *lexicon.topic_patterns.values(), *lexicon.stance.values()]
    return sorted({lit for f in families for m in f.members for lit in m.needs or ()})


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_a_family_finds_what_its_whole_alternation_finds(
    kb: KnowledgeBase, data: st.DataObject
) -> None:
    pool = [*_cue_words(kb), "ldn", "ms", "it", "that", ",", "."]
    text = " ".join(data.draw(st.lists(st.sampled_from(pool), max_size=12)))
    lexicon = kb.lexicon
    for family in (
        *lexicon.ldn.values(),
        *lexicon.topic_patterns.values(),
        *lexicon.stance.values(),
    ):
        whole = _plain(family)
        assert [m.group(0) for m in family.finditer(text)] == [
            m.group(0) for m in whole.finditer(text)
        ], family
        assert [m.span() for m in family.finditer(text)] == [m.span() for m in whole.finditer(text)]
        assert family.sub("#", text) == whole.sub("#", text)
        assert bool(family.match(text)) == bool(whole.match(text))


def test_a_family_runs_only_the_members_whose_literals_are_present() -> None:
    members = [guard(r"\bno evidence\b", 0), guard(r"\bsuggests?\b", 0), guard(r"\bpilot\b", 0)]
    family = Family(guard(r"(?:\bno evidence\b)|(?:\bsuggests?\b)|(?:\bpilot\b)", 0), members)
    assert family.search("ldn treats ms") is None
    assert [m.group(0) for m in family.finditer("a pilot suggests benefit")] == [
        "pilot",
        "suggests",
    ]
    assert family.compiled_sets() == [(1, 2)]


def test_a_family_with_capturing_members_always_runs_whole() -> None:
    # A smaller alternation would number its groups differently.
    members = [guard(r"\b(no) evidence\b", 0), guard(r"\bpilot\b", 0)]
    family = Family(guard(r"(?:\b(no) evidence\b)|(?:\bpilot\b)", 0), members)
    hit = family.search("a pilot, no evidence")
    assert hit is not None and hit.group(0) == "pilot" and hit.lastindex is None
    assert family.compiled_sets() == []


@pytest.mark.parametrize(
    ("source", "captures"),
    [
        (r"\bno (?:evidence|data)\b", False),
        (r"(?<=side effects)[- ]free\b", False),
        (r"(?<!not )\bsafe\b(?=\s)", False),
        (r"[(]literal paren[)]", False),
        (r"\\(group after an escaped backslash)", True),
        (r"\b(no|not) evidence", True),
        (r"(?P<word>\w+)", True),
        # A ']' first in a class is literal; read as the class's end, the '(' counts: a false
        # yes (the family then runs whole), never a false no.
        (r"[]x(]still a class", True),
    ],
)
def test_may_capture_errs_towards_yes(source: str, captures: bool) -> None:
    assert _may_capture(source) is captures
    if re.compile(source).groups:
        assert captures


PHRASE = st.text(alphabet="ab -.", min_size=1, max_size=5)


@settings(max_examples=300, deadline=None)
@given(
    phrases=st.lists(PHRASE, min_size=1, max_size=12, unique=True),
    text=st.text(alphabet="ab -.x", max_size=40),
)
def test_a_phrase_trie_matches_as_the_longest_first_alternation(
    phrases: list[str], text: str
) -> None:
    plain = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    for wrap in ("{}", r"\b(?:{})\b", r"(?:{})(?!a)"):
        expected = [m.span() for m in re.finditer(wrap.format(plain), text)]
        assert [m.span() for m in re.finditer(wrap.format(phrase_trie(phrases)), text)] == expected


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_a_screen_of_many_literals_finds_what_testing_each_finds(
    kb: KnowledgeBase, data: st.DataObject
) -> None:
    patterns = list(kb.lexicon.topic_patterns.values())
    screen = kb.lexicon.topic_screen
    literals = sorted({lit for p in patterns for lit in p.needs or ()})
    pool = [*literals, *(lit[:-1] for lit in literals), "ldn", " ", ",", "x"]
    text = "".join(data.draw(st.lists(st.sampled_from(pool), max_size=10)))
    low = text.lower()
    expected = {
        i for i, p in enumerate(patterns) if p.needs is None or any(lit in low for lit in p.needs)
    }
    assert could_match(screen, text) == expected


def test_a_member_set_that_does_not_compile_runs_the_whole_family() -> None:
    # Inline global flags parse alone but not inside a group; the family must not fail.
    members = [Guarded("(?i)ldn", 0, frozenset({"ldn"})), Guarded("ms", 0, frozenset({"ms"}))]
    family = Family(guard("ldn|ms", 0), members)
    assert [m.group(0) for m in family.finditer("ldn for ms")] == ["ldn", "ms"]
    assert [m.group(0) for m in family.finditer("ldn only")] == ["ldn"]


def test_a_family_member_that_does_not_parse_alone_is_a_located_error(tmp_path: Path) -> None:
    # ")|(?:" inside one cue splits the alternation it is put in; the cue itself is invalid.
    write_kb(tmp_path)
    text = (bundled_dir() / "lexicon.yaml").read_text(encoding="utf-8")
    assert "  hedges:\n" in text
    broken = text.replace("  hedges:\n", "  hedges:\n    - 'pilot)|(?:trial'\n", 1)
    (tmp_path / "lexicon.yaml").write_text(broken, encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as error:
        load_kb(tmp_path)
    line = line_of(broken, "pilot)|(?:trial")
    assert str(error.value).startswith(f"{tmp_path / 'lexicon.yaml'}:{line}:"), error.value


_POOL = ["ldn", "ld", "dn", "naltrexone", "nal", "rex", "no", "not", "nothing", "other", "a", "aa"]


@settings(max_examples=300, deadline=None)
@given(
    literals=st.lists(st.sampled_from(_POOL), min_size=1, max_size=8),
    pieces=st.lists(st.sampled_from([*_POOL, " ", "X", "LDN", "Nothing", "-"]), max_size=12),
)
def test_the_shared_pass_finds_exactly_the_literals_a_text_contains(
    literals: list[str], pieces: list[str]
) -> None:
    # Overlapping and nested literals ("nothing" holds "no", "not" and "other") all count.
    shared = _Literals()
    bits = {literal: shared.mask([literal]) for literal in literals}
    text = "".join(pieces)
    # Asked again in other cases, the answer may come from what was remembered: still exact.
    for asked in (text, text.lower(), text.upper(), text.swapcase(), text):
        found = shared.present(asked)
        for literal, bit in bits.items():
            assert bool(found & bit) == (literal in text.lower()), (asked, literal)


def test_a_literal_registered_after_a_text_was_read_is_found_in_it() -> None:
    shared = _Literals()
    ldn = shared.mask(["ldn"])
    assert shared.present("LDN and codeine") == ldn
    codeine = shared.mask(["codeine"])
    assert shared.present("LDN and codeine") == ldn | codeine
    assert shared.present("nothing here") == 0
