"""Facts read from a regular expression's syntax tree, for running it less often and faster.

- ``needs``: literal strings of which every match contains at least one ("naltrexon" for
  ``\\bnaltrexon[ea]s?\\b``). Text without any of them cannot match, so the pattern need not run.
- ``lead``: the characters a match can start with. A lookahead for them lets the engine skip
  most positions with one class test, where an alternation of two dozen branches that each
  start with ``\\b`` makes it try every branch at every position.

Both are conservative: whatever cannot be read cheaply (character categories, back-references,
a pattern that can match the empty string) gives None, which means "no shortcut".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

try:  # The parser is internal to ``re``; without it every pattern simply runs.
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - a Python without the 3.11 layout
    _sre_parse = None

# Literals shorter than this are in nearly every sentence, so testing them saves nothing.
_MIN_LITERAL = 2
# Zero-width nodes that leave the literals on either side adjacent in the text.
_TRANSPARENT = ("AT",)

Needs = frozenset[str] | None


def _branch_needs(branches: Iterable[Any]) -> Needs:
    found: set[str] = set()
    for branch in branches:
        needs = _sequence_needs(branch)
        if needs is None:
            return None
        found |= needs
    return frozenset(found)


def _node_needs(op: Any, value: Any) -> Needs:
    name = str(op)
    if name == "SUBPATTERN":
        return _sequence_needs(value[-1])
    if name == "BRANCH":
        return _branch_needs(value[1])
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and value[0] >= 1:
        return _sequence_needs(value[2])
    return None


def _better(a: frozenset[str], b: Needs) -> bool:
    """Whether ``a`` is a stronger requirement than ``b``: fewer, longer literals."""
    if b is None:
        return True
    return (min(map(len, a)), -len(a)) > (min(map(len, b)), -len(b))


def _sequence_needs(items: Iterable[tuple[Any, Any]]) -> Needs:
    best: Needs = None
    run: list[str] = []

    def offer(candidate: Needs) -> None:
        nonlocal best
        if candidate and _better(candidate, best):
            best = candidate

    for op, value in items:
        name = str(op)
        if name == "LITERAL":
            run.append(chr(value))
            continue
        if name in _TRANSPARENT:
            continue
        if run:
            offer(frozenset({"".join(run)}))
            # The parser factors a shared first letter out of "mg|milligrams": the run
            # ("m") and each branch's own opening ("g", "illigram") are adjacent in a match.
            heads = _heads(op, value)
            if heads:
                offer(frozenset("".join(run) + head for head in heads))
            run = []
        offer(_node_needs(op, value))
    if run:
        offer(frozenset({"".join(run)}))
    return best


def _leading_run(items: Iterable[tuple[Any, Any]]) -> str:
    """The literal characters a sequence must start with (zero-width nodes skipped)."""
    run: list[str] = []
    for op, value in items:
        name = str(op)
        if name == "LITERAL":
            run.append(chr(value))
        elif name not in _TRANSPARENT:
            break
    return "".join(run)


def _heads(op: Any, value: Any) -> list[str] | None:
    """Each branch's opening literal, when a node is an alternation whose every branch has one."""
    name = str(op)
    if name == "SUBPATTERN" and len(value[-1]) == 1:
        return _heads(*value[-1][0])
    if name != "BRANCH":
        return None
    heads = [_leading_run(branch) for branch in value[1]]
    return heads if all(heads) else None


def _tree(pattern: re.Pattern[str]) -> Any:
    if _sre_parse is None or pattern.flags & re.VERBOSE:
        return None
    try:
        return _sre_parse.parse(pattern.pattern, pattern.flags)
    except Exception:  # an unreadable tree only means "no shortcut"
        return None


def needs(pattern: re.Pattern[str]) -> Needs:
    """Lower-case literals of which every match contains one, or None when unknown."""
    return _needs_in(_tree(pattern))


def _needs_in(tree: Any) -> Needs:
    if tree is None:
        return None
    found = _sequence_needs(tree)
    if not found or not all(s.isascii() for s in found) or min(map(len, found)) < _MIN_LITERAL:
        return None
    return frozenset(s.lower() for s in found)


# A lead of more characters than this passes at too many positions to be worth testing.
_MAX_LEAD = 12
# Zero-width nodes a match can start with before its first character.
_ZERO_WIDTH = ("AT", "ASSERT", "ASSERT_NOT")
# Character classes wider than this are not spelled out.
_MAX_RANGE = 32

# (characters a match can start with, or None when unknown; whether the part can be empty)
Lead = tuple[frozenset[str] | None, bool]


def _class_chars(op: str, value: Any) -> frozenset[str] | None:
    if op == "LITERAL":
        return frozenset(chr(value))
    out: set[str] = set()
    for item, argument in value:
        kind = str(item)
        if kind == "LITERAL":
            out.add(chr(argument))
        elif kind == "RANGE" and argument[1] - argument[0] <= _MAX_RANGE:
            out.update(chr(c) for c in range(argument[0], argument[1] + 1))
        else:  # a category (\\w), a negation or a wide range: any character, as far as we know
            return None
    return frozenset(out)


def _node_lead(op: str, value: Any) -> Lead:
    if op == "SUBPATTERN":
        return _sequence_lead(value[-1])
    if op == "BRANCH":
        chars: set[str] = set()
        empty = False
        for branch in value[1]:
            found, can_be_empty = _sequence_lead(branch)
            if found is None:
                return None, False
            chars |= found
            empty = empty or can_be_empty
        return frozenset(chars), empty
    if op in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        found, can_be_empty = _sequence_lead(value[2])
        return found, can_be_empty or value[0] == 0
    return None, False


def _sequence_lead(items: Iterable[tuple[Any, Any]]) -> Lead:
    chars: set[str] = set()
    for op, value in items:
        name = str(op)
        if name in _ZERO_WIDTH:
            continue
        found, can_be_empty = (
            (_class_chars(name, value), False)
            if name in ("LITERAL", "IN")
            else _node_lead(name, value)
        )
        if found is None:
            return None, False
        chars |= found
        if not can_be_empty:
            return frozenset(chars), False
    return frozenset(chars), True


def _anchored(items: Any) -> bool:
    """Whether every match must start at the beginning (the engine already exploits that)."""
    if not items:
        return False
    op, value = items[0]
    name = str(op)
    if name == "AT":
        return str(value) == "AT_BEGINNING"
    if name == "SUBPATTERN":
        return _anchored(value[-1])
    if name == "BRANCH":
        return all(_anchored(branch) for branch in value[1])
    return False


def lead(pattern: re.Pattern[str]) -> str | None:
    """A character-class body for the characters every match starts with, or None."""
    return _lead_in(_tree(pattern))


def source_facts(source: str, flags: int) -> tuple[Needs, str | None]:
    """``needs`` and ``lead`` of a pattern read from its source without compiling it.

    Raises ``re.error`` when the source does not parse.
    """
    if _sre_parse is None or flags & re.VERBOSE:
        re.compile(source, flags)  # still validated
        return None, None
    tree = _sre_parse.parse(source, flags)
    return _needs_in(tree), _lead_in(tree)


def _lead_in(tree: Any) -> str | None:
    if tree is None or _anchored(list(tree)):
        return None
    chars, can_be_empty = _sequence_lead(tree)
    if chars is None or can_be_empty or not chars or len(chars) > _MAX_LEAD:
        return None
    return "".join(re.escape(c) for c in sorted(chars))
