"""Run the lexicon's regular expressions only where they can match, and compiled late.

Normalisation runs about sixty rewrite patterns over every sentence, and most of them find
nothing. Asking the regex engine costs a couple of microseconds each; asking whether the text
contains a literal the pattern cannot match without (see ``retree.needs``) costs a bit test,
once one pass per text has found every literal there (``_Literals``). A ``Guarded`` pattern
asks first, compiles itself the first time an answer needs the engine, and then compiles
with a lookahead for the characters a match starts with (``retree.lead``). A ``Screen`` asks
for a whole list of patterns at once.

Text that is not ASCII always runs every pattern, because Unicode case-insensitive matching
(the Kelvin sign for 'k', the long s for 's') is wider than ``str.lower``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar

import ahocorasick

from ldncheck.retree import Needs, source_facts


def table_key(pattern: str, flags: int) -> str:
    """How a pattern's needs are filed in the knowledge-base cache."""
    return f"{flags}:{pattern}"


class _Literals:
    """Every literal the patterns ask about, found in a text in one pass and shared by all.

    A sentence passes through some fifty patterns and screens, but only three or four
    distinct texts. Rather than each pattern testing its own literals in turn, one
    Aho-Corasick pass over a text finds every registered literal it contains (each
    occurrence, overlapping ones included) and returns them as a bit mask; a pattern then
    asks with one ``&`` whether any of its literals is there.
    """

    __slots__ = ("_automaton", "_bit", "_known", "_stale")

    def __init__(self) -> None:
        self._automaton = ahocorasick.Automaton()
        self._bit: dict[str, int] = {}
        self._stale = False
        # Recent texts' answers, by text: a sentence's few texts, with room to spare.
        self._known: dict[str, int] = {}

    def mask(self, literals: Iterable[str]) -> int:
        """The bits of ``literals``, registering those not seen before."""
        bit, found = self._bit, 0
        for literal in literals:
            one = bit.get(literal)
            if one is None:
                one = bit[literal] = 1 << len(bit)
                self._automaton.add_word(literal, one)
                # Answers given before were made without it.
                self._stale = True
                self._known.clear()
            found |= one
        return found

    def present(self, text: str) -> int:
        """The bits of the registered literals in ``text``, compared in lower case."""
        known = self._known
        found = known.get(text)
        if found is None:
            # Filed under the lower-cased text as well: normalisation asks about a sentence,
            # then about the same sentence lower-cased, and the answer is the same.
            lowered = text.lower()
            found = known.get(lowered)
            if found is None:
                if self._stale:
                    self._automaton.make_automaton()
                    self._stale = False
                found = 0
                if self._bit:
                    for _, one in self._automaton.iter(lowered):
                        found |= one
            if len(known) >= _KNOWN_TEXTS:
                known.clear()
            known[text] = known[lowered] = found
        return found


_KNOWN_TEXTS = 64
_LITERALS = _Literals()


_T = TypeVar("_T")

Replacement = str | Callable[[re.Match[str]], str]


class Guarded:
    """A regular expression compiled on first use and skipped when text lacks its literals.

    It answers ``search``, ``match``, ``sub``, ``finditer`` and ``findall`` exactly as the
    compiled pattern would: the prefilter only ever skips text the pattern cannot match.
    """

    __slots__ = ("_compiled", "_mask", "flags", "lead", "needs", "pattern")

    def __init__(
        self,
        pattern: str,
        flags: int,
        needs: Needs,
        lead: str | None = None,
        compiled: re.Pattern[str] | None = None,
    ) -> None:
        self.pattern = pattern
        self.flags = flags
        self.needs = needs
        self.lead = lead
        self._compiled = compiled
        # Its literals' bits in the shared pass; registered now, so that the automaton is
        # built once, when the first text is tested, not again as each pattern is first used.
        self._mask = 0 if needs is None else _LITERALS.mask(needs)

    @property
    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled now if this is its first use).

        With a lead, a lookahead for it comes first: the same matches, the same groups (the
        pattern sits in a non-capturing group), found without trying every branch everywhere.
        """
        if self._compiled is None:
            self._compiled = _compile(self.pattern, self.flags, self.lead)
        return self._compiled

    @property
    def is_compiled(self) -> bool:
        """Whether some text has needed the pattern yet."""
        return self._compiled is not None

    def _runner(self, text: str) -> re.Pattern[str] | None:
        """The compiled pattern to run over ``text``: None when it cannot match there."""
        mask = self._mask
        if mask and text.isascii() and not mask & _LITERALS.present(text):
            return None
        return self._compiled or self.compiled

    def search(self, text: str) -> re.Match[str] | None:
        runner = self._runner(text)
        return None if runner is None else runner.search(text)

    def match(self, text: str) -> re.Match[str] | None:
        runner = self._runner(text)
        return None if runner is None else runner.match(text)

    def sub(self, repl: Replacement, text: str) -> str:
        runner = self._runner(text)
        return text if runner is None else runner.sub(repl, text)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        runner = self._runner(text)
        return iter(()) if runner is None else runner.finditer(text)

    def findall(self, text: str) -> list[Any]:
        runner = self._runner(text)
        return [] if runner is None else runner.findall(text)

    def __eq__(self, other: object) -> bool:
        # Equal as compiled patterns are: same source and flags (and so the same shortcuts).
        if not isinstance(other, Guarded):
            return NotImplemented
        mine = (self.pattern, self.flags, self.needs, self.lead)
        return mine == (other.pattern, other.flags, other.needs, other.lead)

    def __hash__(self) -> int:
        return hash((self.pattern, self.flags))

    def __repr__(self) -> str:
        return f"Guarded({self.pattern!r}, needs={sorted(self.needs or ())})"


class Family(Guarded):
    """A cue family: the alternation of its members, run with only the members that can match.

    A family of seventy cues tries every cue at every position of the text, and a common
    literal ("to", "some") lets the whole alternation through the prefilter. A member whose
    literals the text lacks can match nowhere in it, so leaving it out of the alternation
    changes no match: the family screens its members' literals and runs the alternation of
    those that remain (compiled once per such set, and kept). Members with capturing groups
    would renumber the groups of a smaller alternation; such a family always runs whole, as do
    non-ASCII texts and families with a member the prefilter cannot screen.
    """

    __slots__ = ("_screen", "_subsets", "members")

    def __init__(self, whole: Guarded, members: Sequence[Guarded]) -> None:
        super().__init__(whole.pattern, whole.flags, whole.needs, whole.lead, whole._compiled)
        self.members = tuple(members)
        screenable = all(m.needs is not None and not _may_capture(m.pattern) for m in members)
        # One member is its own whole: the whole's prefilter asks the same, for less.
        self._screen = Screen(self.members) if screenable and len(members) > 1 else None
        # Compiled alternations by member set, the set as a bit mask (see Screen.mask).
        self._subsets: dict[int, re.Pattern[str]] = {}

    def _runner(self, text: str) -> re.Pattern[str] | None:
        """The pattern to run over ``text``: None when no member can match it."""
        screen = self._screen
        found = None if screen is None else screen.mask(text)
        if found is None:
            return super()._runner(text)
        if not found:
            return None
        runner = self._subsets.get(found)
        if runner is None:
            if len(self._subsets) >= _MAX_SUBSETS:
                del self._subsets[next(iter(self._subsets))]  # the oldest
            runner = self._subsets[found] = self._subset(positions(found))
        return runner

    def _subset(self, chosen: list[int]) -> re.Pattern[str]:
        members = [self.members[i] for i in chosen]
        source = "|".join(f"(?:{m.pattern})" for m in members)
        leads = [m.lead for m in members]
        lead = None if any(x is None for x in leads) else "".join(leads)  # type: ignore[arg-type]
        try:
            return _compile(source, self.flags, lead)
        except re.error:  # members that parse alone but not in this company: run the whole
            return self.compiled

    def compiled_sets(self) -> list[tuple[int, ...]]:
        """The member sets compiled so far, as member positions (oldest first)."""
        return [tuple(positions(key)) for key in self._subsets]


# How many member sets a family keeps compiled; texts share few, so this is rarely reached.
_MAX_SUBSETS = 256


def _may_capture(source: str) -> bool:
    """Whether a pattern may hold a capturing group (erring towards yes)."""
    escaped = in_class = False
    for i, char in enumerate(source):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(" and _opens_group(source[i + 1 : i + 4]):
            return True
    return False


def _opens_group(after: str) -> bool:
    # "(?:", "(?=", "(?<=", "(?#" ... do not capture; "(", "(?P<name>" and "(?<name>" do.
    if not after.startswith("?"):
        return True
    return after.startswith("?P<") or (after.startswith("?<") and after[2:3] not in ("=", "!"))


def _compile(source: str, flags: int, first: str | None) -> re.Pattern[str]:
    if first is None:
        return re.compile(source, flags)
    try:
        return re.compile(f"(?=[{first}])(?:{source})", flags)
    except re.error:  # e.g. inline global flags, which must open the expression
        return re.compile(source, flags)


def guard(source: str, flags: int) -> Guarded:
    """The pattern compiled now, its needs and lead read now: the path taken when YAML is parsed.

    Raises ``re.error`` when the pattern is invalid.
    """
    pattern = parsed(source, flags)
    _ = pattern.compiled  # compiled now: an invalid pattern is reported while loading
    return pattern


def unscreened(pattern: Guarded) -> Guarded:
    """The same pattern, always run: for one whose own scan costs less than testing its many
    literals (``lexicon.phrase_trie`` reads 150 phrases in about the time of 40 tests)."""
    return Guarded(pattern.pattern, pattern.flags, None, pattern.lead, pattern._compiled)


def parsed(source: str, flags: int) -> Guarded:
    """The pattern with its needs and lead read now and compiled only when first run.

    For a family's members: the family's alternation compiles them all, so each needs only
    its syntax tree read here. Raises ``re.error`` when the pattern does not parse.
    """
    return Guarded(source, flags, *source_facts(source, flags))


def table_entry(pattern: Guarded) -> list[Any]:
    """What the knowledge-base cache keeps of a pattern: [needs or None, lead or None]."""
    return [None if pattern.needs is None else sorted(pattern.needs), pattern.lead]


def from_table(source: str, flags: int, entry: Any) -> Guarded:
    """A pattern from its cached entry, compiled later; ValueError if the entry is malformed."""
    return Guarded(source, flags, *read_entry(entry))


def read_entry(entry: Any) -> tuple[Needs, str | None]:
    """The needs and lead in a cached entry; ValueError if the entry is malformed."""
    if not isinstance(entry, list) or len(entry) != 2:
        raise ValueError("a prefilter entry is [needs, lead]")
    literals, first = entry
    if literals is not None and not (
        isinstance(literals, list) and all(isinstance(x, str) and x for x in literals)
    ):
        raise ValueError("needs must be null or a list of strings")
    if first is not None and not isinstance(first, str):
        raise ValueError("lead must be null or a string")
    return (None if literals is None else frozenset(literals)), first


def phrase_trie(phrases: Iterable[str]) -> str:
    """An alternation of literal phrases, factored by shared prefixes, longest match first.

    At any position it matches what the plain alternation sorted longest first matches: the
    longest phrase there that the rest of the pattern accepts. A plain alternation of 150
    phrases compares each one at every position; the factored one reads one path.
    """
    trie: dict[str, Any] = {}
    for phrase in phrases:
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}  # marks the end of a phrase

    def alternation(node: dict[str, Any]) -> str:
        branches = [re.escape(char) + alternation(node[char]) for char in node if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        # Greedy: a longer phrase is tried first, and the shorter one is kept on failure.
        return f"(?:{body})?" if "" in node else body

    return alternation(trie) or r"(?!x)x"


class Screen:
    """Which of many patterns could match a text, read off the text's literals at once.

    Testing each pattern's literals separately costs a method call per pattern; a screen asks
    once for the whole list, which is what normalisation's rewrite lists need. Its answer is
    a bit mask (bit i: pattern i could match), a ready dictionary key.
    """

    __slots__ = ("_always", "_answers", "_items", "_own")

    def __init__(self, patterns: Iterable[Guarded]) -> None:
        always = 0
        bits: dict[str, int] = {}
        for i, pattern in enumerate(patterns):
            if pattern.needs is None:
                always |= 1 << i
            else:
                for literal in pattern.needs:
                    bits[literal] = bits.get(literal, 0) | 1 << i
        self._always = always
        # Each literal's bit in the shared pass, with the patterns that need it.
        self._items = tuple((_LITERALS.mask((lit,)), found) for lit, found in bits.items())
        self._own = _LITERALS.mask(bits)
        # Answers by which of the screen's literals a text holds: texts share few such sets.
        self._answers: dict[int, int] = {}

    def mask(self, text: str) -> int | None:
        """Bit i set when pattern i could match ``text``; None when every one could."""
        if not text.isascii():
            return None
        key = self._own & _LITERALS.present(text)
        found = self._answers.get(key)
        if found is None:
            found = self._always
            for literal, patterns in self._items:
                if literal & key:
                    found |= patterns
            if len(self._answers) >= _MAX_ANSWERS:
                self._answers.clear()
            self._answers[key] = found
        return found

    def select(self, items: Sequence[_T], text: str) -> Sequence[_T]:
        """Those of ``items`` (one per pattern, in the screen's order) whose pattern could match
        ``text``."""
        found = self.mask(text)
        return items if found is None else [items[i] for i in positions(found)]


def positions(mask: int) -> list[int]:
    """The positions of a mask's set bits, lowest first."""
    found = []
    while mask:
        lowest = mask & -mask
        found.append(lowest.bit_length() - 1)
        mask ^= lowest
    return found


# How many answers a screen keeps; the topics' screen meets a few hundred in a long document.
_MAX_ANSWERS = 4096


def rewrite(text: str, rules: Sequence[tuple[Guarded, str]], screen: Screen) -> str:
    """Apply each rule's substitution in order, running only those the screen lets through.

    A substitution that changes the text can make a later rule match, so the screen looks
    again after every change.
    """
    maybe = screen.mask(text)
    count, i = len(rules), 0
    while i < count:
        if maybe is not None:
            # Straight to the next rule the screen lets through.
            ahead = maybe >> i
            if not ahead:
                break
            i += (ahead & -ahead).bit_length() - 1
        pattern, replacement = rules[i]
        changed = pattern.compiled.sub(replacement, text)
        if changed != text:
            text = changed
            maybe = screen.mask(text)
        i += 1
    return text
