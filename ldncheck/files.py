"""Finding and reading the files a scan covers, safely: no blocking, no loops, bounded reads.

Directory walks skip hidden entries (``.git`` included), honour ``.gitignore`` files (those in
the walked directories and in their ancestors up to the repository root) and the configured
``exclude`` patterns, and keep files whose extension is configured. Paths named explicitly are
scanned whatever their extension, unless an ``exclude`` pattern matches them.
"""

from __future__ import annotations

import codecs
import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ldncheck.errors import InputError

BINARY_PROBE = 8192
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True, slots=True)
class InputFile:
    """A file to scan: where it is and how to name it in reports."""

    path: Path
    display: str


@dataclass(frozen=True, slots=True)
class FileError:
    """A file that could not be scanned, and why.

    ``skippable`` is False for a path named on the command line that does not exist: that is a
    usage mistake, never silenced by ``--skip-bad-files``.
    """

    path: str
    message: str
    skippable: bool = True


def display_path(path: Path, cwd: Path) -> str:
    """*path* relative to *cwd* when inside it, with forward slashes."""
    absolute = path if path.is_absolute() else cwd / path
    try:
        return Path(os.path.normpath(absolute)).relative_to(cwd).as_posix()
    except ValueError:
        return Path(os.path.normpath(absolute)).as_posix()


def _spec(patterns: Sequence[str]) -> Any:
    # pathspec implements gitignore's matching rules (negation, anchoring, "**", "dir/").
    from pathspec import GitIgnoreSpec

    return GitIgnoreSpec.from_lines(patterns)


@dataclass(frozen=True, slots=True)
class _Ignore:
    """The patterns of one .gitignore, relative to its directory."""

    base: Path
    spec: Any

    def matches(self, path: Path, *, is_dir: bool) -> bool:
        try:
            relative = path.relative_to(self.base).as_posix()
        except ValueError:
            return False
        return bool(self.spec.match_file(relative + "/" if is_dir else relative))


def _gitignore(directory: Path) -> list[_Ignore]:
    try:
        lines = (
            (directory / ".gitignore").read_text(encoding="utf-8", errors="replace").splitlines()
        )
    except OSError:
        return []
    return [_Ignore(directory, _spec(lines))]


def _ancestor_ignores(directory: Path) -> list[_Ignore]:
    """The .gitignore files above *directory*, up to the repository root (if any)."""
    chain: list[Path] = []
    for parent in directory.parents:
        chain.append(parent)
        if (parent / ".git").exists():
            return [rule for p in reversed(chain) for rule in _gitignore(p)]
    return []


class Walker:
    """Expands command-line paths into files, reporting problems instead of raising."""

    def __init__(self, *, cwd: Path, extensions: Sequence[str], exclude: Sequence[str]) -> None:
        self.cwd = cwd
        self.extensions = frozenset(extensions)
        self.exclude = _spec(exclude) if exclude else None
        self.seen_dirs: set[tuple[int, int]] = set()

    def expand(self, raw: str) -> Iterator[InputFile | FileError]:
        """The files under the command-line path *raw*."""
        path = self.cwd / raw  # an absolute *raw* stays absolute
        display = display_path(path, self.cwd)
        try:
            info = path.stat()
        except FileNotFoundError:
            yield FileError(display, "no such file or directory", skippable=False)
            return
        except OSError as error:
            yield FileError(display, f"cannot read: {error.strerror or error}")
            return
        if self._excluded(display, is_dir=stat.S_ISDIR(info.st_mode)):
            return
        if stat.S_ISDIR(info.st_mode):
            absolute = path.resolve()
            yield from self._walk(path, _ancestor_ignores(absolute) + _gitignore(absolute))
        else:
            yield InputFile(path, display)

    def _excluded(self, display: str, *, is_dir: bool) -> bool:
        return self.exclude is not None and bool(
            self.exclude.match_file(display + "/" if is_dir else display)
        )

    def _walk(self, directory: Path, ignores: list[_Ignore]) -> Iterator[InputFile | FileError]:
        try:
            info = directory.stat()
            if (info.st_dev, info.st_ino) in self.seen_dirs:
                return  # a symlink loop or a second link to a directory already walked
            self.seen_dirs.add((info.st_dev, info.st_ino))
            with os.scandir(directory) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as error:
            yield FileError(display_path(directory, self.cwd), f"cannot list: {error.strerror}")
            return
        for entry in entries:
            yield from self._entry(entry, ignores)

    def _entry(
        self, entry: os.DirEntry[str], ignores: list[_Ignore]
    ) -> Iterator[InputFile | FileError]:
        if entry.name.startswith("."):
            return
        path = Path(entry.path)
        display = display_path(path, self.cwd)
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        absolute = path.absolute()
        if self._excluded(display, is_dir=is_dir) or any(
            rule.matches(absolute, is_dir=is_dir) for rule in ignores
        ):
            return
        if is_dir:
            yield from self._walk(path, ignores + _gitignore(absolute))
        elif os.path.splitext(entry.name)[1].lower() in self.extensions:
            yield InputFile(path, display)


def read_text(path: Path, *, max_size: int) -> str:
    """The text of *path*; InputError if it is not a small, readable, UTF text file."""
    try:
        info = path.stat()
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror or error}") from None
    if not stat.S_ISREG(info.st_mode):
        raise InputError("not a regular file (fifo, device or socket); skipped")
    if info.st_size > max_size:
        raise InputError(f"file is larger than max_file_size ({info.st_size} > {max_size} bytes)")
    try:
        with path.open("rb") as handle:
            data = handle.read(max_size + 1)
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror or error}") from None
    if len(data) > max_size:
        raise InputError(f"file is larger than max_file_size ({max_size} bytes)")
    return decode(data)


def decode(data: bytes) -> str:
    """Decode *data*: a UTF-8/16/32 byte-order mark is honoured, otherwise UTF-8 is required."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding).lstrip("\ufeff")
            except UnicodeDecodeError as error:
                raise InputError(f"not valid {encoding.upper()} at byte {error.start}") from None
    if b"\0" in data[:BINARY_PROBE]:
        raise InputError("binary file (NUL bytes); skipped")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(
            f"not valid UTF-8 at byte {error.start}; convert it to UTF-8 or exclude it"
        ) from None
