"""Markdown/plain-text/RST parsing: masking keeps every sentence's position in the original."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ldncheck.markdown import DocumentKind, kind_for_path, parse_document, read_blocks
from ldncheck.masking import _INLINE_NEEDS, INLINE_MASKS, LINK, Masker
from ldncheck.sentences import Sentence

CASES = Path(__file__).parent / "cases"


def texts(source: str, kind: DocumentKind = DocumentKind.MARKDOWN) -> list[str]:
    return [s.text for s in parse_document(source, kind).sentences]


def located(source: str, kind: DocumentKind = DocumentKind.MARKDOWN) -> list[tuple[int, int, str]]:
    return [(s.span.line, s.span.column, s.text) for s in parse_document(source, kind).sentences]


def assert_spans_point_at_text(source: str, sentences: tuple[Sentence, ...]) -> None:
    lines = source.split("\n")
    for sentence in sentences:
        span = sentence.span
        assert lines[span.line - 1][span.column - 1] == sentence.text[0], sentence
        assert lines[span.end_line - 1][span.end_column - 2] == sentence.text[-1], sentence


def test_yaml_front_matter_is_masked_and_lines_are_kept() -> None:
    source = "---\ntitle: LDN cures cancer.\n---\n\nLDN cures MS.\n"
    assert located(source) == [(5, 1, "LDN cures MS.")]
    assert parse_document(source, DocumentKind.MARKDOWN).code_lines == frozenset({1, 2, 3})


def test_toml_front_matter_is_masked() -> None:
    source = '+++\ntitle = "LDN cures cancer."\n+++\nLDN cures MS.\n'
    assert texts(source) == ["LDN cures MS."]


def test_fenced_and_indented_code_are_not_prose() -> None:
    source = "Text one.\n\n```\nLDN cures cancer.\n```\n\n    LDN cures MS.\n\nText two.\n"
    document = parse_document(source, DocumentKind.MARKDOWN)
    assert [s.text for s in document.sentences] == ["Text one.", "Text two."]
    assert {3, 4, 5, 7} <= document.code_lines


def test_inline_code_is_blanked_without_moving_what_follows() -> None:
    source = "Run `ldn --cure. Now` first. LDN cures MS."
    assert located(source) == [(1, 1, "Run first."), (1, source.index("LDN") + 1, "LDN cures MS.")]


def test_link_text_stays_and_destinations_go() -> None:
    source = 'See [the LDN trial](https://example.org/ldn.cures?x=1 "T"). It helped.'
    assert texts(source) == ["See the LDN trial.", "It helped."]


def test_bare_urls_html_tags_and_comments_are_masked() -> None:
    source = (
        "LDN <b>cures</b> MS, see https://example.org/a.b. Next <!-- LDN cures cancer. --> one."
    )
    assert texts(source) == ["LDN cures MS, see.", "Next one."]


def test_headings_list_items_and_table_cells_are_separate_units() -> None:
    source = (
        "# LDN and MS #\n\nSetext heading\n==============\n\n- LDN cures MS\n- LDN helps pain\n"
        "1. Ordered item\n\n| Claim | Verdict |\n|---|---|\n| LDN cures cancer | false |\n"
    )
    assert located(source) == [
        (1, 3, "LDN and MS"),
        (3, 1, "Setext heading"),
        (6, 3, "LDN cures MS"),
        (7, 3, "LDN helps pain"),
        (8, 4, "Ordered item"),
        (10, 3, "Claim"),
        (10, 11, "Verdict"),
        (12, 3, "LDN cures cancer"),
        (12, 22, "false"),
    ]


def test_blockquotes_are_flagged_and_their_markers_masked() -> None:
    source = "> LDN cures\n> cancer.\n\nOutside.\n"
    document = parse_document(source, DocumentKind.MARKDOWN)
    assert [(s.span.line, s.span.column, s.text, s.in_blockquote) for s in document.sentences] == [
        (1, 3, "LDN cures cancer.", True),
        (4, 1, "Outside.", False),
    ]


def test_mdx_import_lines_are_masked() -> None:
    source = "import Chart from './chart'\n\nLDN cures MS.\n"
    assert texts(source, DocumentKind.MDX) == ["LDN cures MS."]


def test_plain_text_paragraphs_bullets_and_directive_lines() -> None:
    source = (
        "First para\ncontinues here. Second.\n\n- bullet one\n- bullet two\n"
        "ldncheck-disable-next-line overstated -- quoting\nLDN cures MS.\n"
    )
    assert located(source, DocumentKind.TEXT) == [
        (1, 1, "First para continues here."),
        (2, 17, "Second."),
        (4, 3, "bullet one"),
        (5, 3, "bullet two"),
        (7, 1, "LDN cures MS."),
    ]


def test_rst_directives_and_literal_blocks_are_masked() -> None:
    source = (
        "Title\n=====\n\n.. note::\n   LDN cures cancer.\n\nExample::\n\n    LDN cures MS.\n\n"
        "After the block.\n"
    )
    assert texts(source, DocumentKind.RST) == ["Title", "Example::", "After the block."]


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("a.md", DocumentKind.MARKDOWN),
        ("b.MARKDOWN", DocumentKind.MARKDOWN),
        ("c.qmd", DocumentKind.MARKDOWN),
        ("d.mdx", DocumentKind.MDX),
        ("e.rst", DocumentKind.RST),
        ("f.txt", DocumentKind.TEXT),
        ("README", DocumentKind.TEXT),
    ],
)
def test_kind_for_path(name: str, kind: DocumentKind) -> None:
    assert kind_for_path(name) is kind


DRAFTS = sorted(p for p in CASES.iterdir() if p.suffix != ".expected")


@pytest.mark.parametrize("case", DRAFTS, ids=lambda p: p.name)
def test_every_fixture_sentence_points_at_its_text(case: Path) -> None:
    source = case.read_text(encoding="utf-8")
    document = parse_document(source, kind_for_path(case.name))
    assert document.sentences
    assert_spans_point_at_text(source, document.sentences)


PIECES = st.sampled_from(
    [
        "LDN cures MS.",
        "Small studies suggest LDN may help.",
        "`code. Here`",
        "[link](http://x.y/z)",
        "*LDN*",
        "> quoted LDN claim.",
        "- item LDN.",
        "\n",
        "\n\n",
        "```\nLDN cures.\n```\n",
        "<!-- c -->",
        "| a | b |",
        "# Head",
        "e.g. Fig. 2",
        "4.5 mg.",
        "\u201cLDN cures cancer.\u201d",
        "ünï ",
        "    indented code\n",
        "---\n",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(PIECES, max_size=20).map(" ".join))
def test_masking_never_moves_a_sentence(source: str) -> None:
    for kind in (DocumentKind.MARKDOWN, DocumentKind.TEXT, DocumentKind.RST):
        assert_spans_point_at_text(source, parse_document(source, kind).sentences)


MARKUP = st.text(alphabet='ab w.:/<>!-[]^()*_~`"\n', max_size=60)


@settings(max_examples=500, deadline=None)
@given(MARKUP)
def test_an_inline_mask_never_matches_text_without_what_it_needs(text: str) -> None:
    # mask_inline skips a pattern in a block lacking all of its needs; that must never hide a
    # match.
    for pattern, needs in zip(INLINE_MASKS, _INLINE_NEEDS, strict=True):
        if pattern.search(text):
            assert any(literal in text for literal in needs), (pattern.pattern, text)
    if LINK.search(text):
        assert "[" in text


@pytest.mark.parametrize(
    "source",
    [
        "Use `ldn` with **care** and _this_, see <https://a.example> or www.b.example.",
        "Plain prose with no markup at all, about LDN and MS.",
        "An ![image](x.png) and a [link](https://c.example 'title') and a note[^1].",
        "<!-- hidden --> and <b>bold</b> ~~gone~~ text.",
    ],
)
def test_mask_inline_with_needs_masks_what_every_pattern_masks(source: str) -> None:
    skipping = Masker(source)
    skipping.mask_inline(0, len(source))
    everything = Masker(source)
    everything.mask_inline(0, len(source), tuple(INLINE_MASKS))
    for found in LINK.finditer(source):
        everything.mask(found.start(), found.start("text"))
        everything.mask(found.end("text"), found.end())
    assert skipping.masked() == everything.masked()


@settings(max_examples=200, deadline=None)
@given(
    st.lists(PIECES, max_size=20).map(" ".join),
    st.sampled_from([DocumentKind.MARKDOWN, DocumentKind.TEXT, DocumentKind.RST]),
)
def test_blocks_mention_a_word_exactly_when_a_sentence_does(
    source: str, kind: DocumentKind
) -> None:
    word = re.compile(r"\b(?:LDN|naltrexone)\b", re.IGNORECASE)
    blocks = read_blocks(source, kind)
    assert blocks.mentions(word) == any(word.search(s.text) for s in blocks.sentences())


def test_blocks_split_in_ranges_give_the_whole_documents_sentences() -> None:
    source = "# LDN\n\nOne. Two.\n\n- three\n- four\n\n| a | b |\n|---|---|\n| c | d |\n\nFive.\n"
    blocks = read_blocks(source, DocumentKind.MARKDOWN)
    whole = blocks.sentences()
    assert len(blocks.units) >= 6
    pieces = [blocks.sentences(i, i + 2) for i in range(0, len(blocks.units), 2)]
    assert tuple(s for piece in pieces for s in piece) == whole
    assert [s.text for s in whole][:3] == ["LDN", "One.", "Two."]
