"""Scan settings: defaults, then ``ldncheck.toml`` or ``[tool.ldncheck]``, then command-line flags.

Discovery walks up from the current directory; in each directory ``ldncheck.toml`` (top-level
keys) is tried before ``pyproject.toml`` (only if it has a ``[tool.ldncheck]`` table). The first
one found wins; files further up are not merged.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from ldncheck.errors import ConfigError
from ldncheck.model import Severity

DEFAULT = "default"
COMMAND_LINE = "command line"
ENVIRONMENT = "environment"
DEFAULT_EXTENSIONS = (".md", ".markdown", ".txt", ".rst", ".qmd", ".mdx")
DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024


class FailOn(StrEnum):
    """The lowest severity that makes a scan fail."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class QuotesPolicy(StrEnum):
    """What to do with claims in quotations, blockquotes and reported speech."""

    INFO = "info"
    IGNORE = "ignore"
    CHECK = "check"


@dataclass(frozen=True, slots=True)
class ScanSettings:
    """Everything a scan needs to know, and where each value came from."""

    extensions: tuple[str, ...] = DEFAULT_EXTENSIONS
    exclude: tuple[str, ...] = ()
    fail_on: Severity = Severity.WARNING
    quotes: QuotesPolicy = QuotesPolicy.INFO
    show_unknown: bool = False
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    kb: Path | None = None
    organisation: str = ""
    # (name, origin) pairs rather than a dict: settings cross process boundaries (--jobs).
    origins: tuple[tuple[str, str], ...] = ()

    def origin(self, name: str) -> str:
        """Where the value of setting *name* came from."""
        return dict(self.origins).get(name, DEFAULT)

    def with_values(self, values: Mapping[str, object], *, origin: str) -> ScanSettings:
        """A copy with *values* (already validated) recorded as coming from *origin*."""
        origins = dict(self.origins) | dict.fromkeys(values, origin)
        return dataclasses.replace(self, **values, origins=tuple(sorted(origins.items())))  # type: ignore[arg-type]


SETTING_NAMES = tuple(f.name for f in dataclasses.fields(ScanSettings) if f.name != "origins")
_SIZE = re.compile(r"\s*(\d+)\s*([kmg]i?b?|b)?\s*", re.IGNORECASE)
_SIZE_FACTORS = {"": 1, "b": 1, "k": 1024, "m": 1024**2, "g": 1024**3}
_TOML_POSITION = re.compile(r"at line (\d+), column (\d+)")


def parse_size(value: object) -> int:
    """Bytes from an int or a string such as ``512k`` or ``5MiB``; ValueError otherwise."""
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    found = _SIZE.fullmatch(value) if isinstance(value, str) else None
    if found is None or int(found[1]) <= 0:
        raise ValueError("expected a positive size such as 5242880, '512k' or '5MiB'")
    return int(found[1]) * _SIZE_FACTORS[(found[2] or "")[:1].lower()]


def _extensions(value: object) -> tuple[str, ...]:
    items = _strings(value)
    return tuple(
        item if item.startswith(".") else f".{item}" for item in (i.lower() for i in items)
    )


def _strings(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [part for part in value.split(",") if part.strip()]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValueError("expected a list of strings")
    return tuple(item.strip() for item in value)


def _enum(kind: type[StrEnum], allowed: tuple[str, ...]) -> Callable[[object], Any]:
    def convert(value: object) -> Any:
        if not isinstance(value, str) or value.lower() not in allowed:
            raise ValueError(f"expected one of: {', '.join(allowed)}")
        return kind(value.lower())

    return convert


def _bool(value: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError("expected true or false")
    return value


def _string(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError("expected a string")
    return value


def _path(value: object) -> Path:
    return Path(_string(value)).expanduser()


CONVERTERS: dict[str, Callable[[object], Any]] = {
    "extensions": _extensions,
    "exclude": _strings,
    "fail_on": _enum(Severity, ("error", "warning", "info")),
    "quotes": _enum(QuotesPolicy, tuple(QuotesPolicy)),
    "show_unknown": _bool,
    "max_file_size": parse_size,
    "kb": _path,
    "organisation": _string,
}


def convert(name: str, value: object, *, where: str) -> object:
    """Validate one setting; ConfigError naming *where* and the key otherwise."""
    try:
        return CONVERTERS[name](value)
    except ValueError as error:
        raise ConfigError(f"{name}: {error}", path=where) from None


def discover(start: Path) -> Path | None:
    """The first ``ldncheck.toml`` or ``pyproject.toml`` with ``[tool.ldncheck]`` above *start*."""
    for directory in (start, *start.parents):
        candidate = directory / "ldncheck.toml"
        if candidate.is_file():
            return candidate
        pyproject = directory / "pyproject.toml"
        if (
            pyproject.is_file()
            and "tool" in (table := _read_toml(pyproject))
            and (isinstance(table["tool"], dict) and "ldncheck" in table["tool"])
        ):
            return pyproject
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        position = _TOML_POSITION.search(str(error))
        line, column = (int(position[1]), int(position[2])) if position else (None, None)
        message = _TOML_POSITION.sub("", str(error)).strip(" ()")
        raise ConfigError(
            f"invalid TOML: {message}", path=str(path), line=line, column=column
        ) from None
    except OSError as error:
        raise ConfigError(f"cannot read: {error.strerror or error}", path=str(path)) from None


def load_file(path: Path, base: ScanSettings | None = None) -> ScanSettings:
    """Settings from the config file *path* applied over *base* (defaults if None)."""
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        data = tool.get("ldncheck", {}) if isinstance(tool, dict) else {}
        if not isinstance(data, dict):
            raise ConfigError("[tool.ldncheck] must be a table", path=str(path))
    values: dict[str, object] = {}
    for key, value in data.items():
        name = key.replace("-", "_")
        if name not in CONVERTERS:
            known = ", ".join(SETTING_NAMES)
            raise ConfigError(f"unknown key {key!r} (known keys: {known})", path=str(path))
        values[name] = convert(name, value, where=str(path))
    kb = values.get("kb")
    if isinstance(kb, Path) and not kb.is_absolute():
        values["kb"] = path.parent / kb  # relative to the file that names it
    return (base or ScanSettings()).with_values(values, origin=str(path))


def resolve(
    *,
    config: Path | None,
    cwd: Path,
    flags: Mapping[str, object],
    env: Mapping[str, object] | None = None,
) -> ScanSettings:
    """Defaults, then the config file, then *env*, then *flags* (None means unset)."""
    settings = ScanSettings()
    chosen = config if config is not None else discover(cwd)
    if config is not None and not config.is_file():
        raise ConfigError("config file not found", path=str(config))
    if chosen is not None:
        settings = load_file(chosen, settings)
    if env:
        from_env = {name: convert(name, value, where=ENVIRONMENT) for name, value in env.items()}
        settings = settings.with_values(from_env, origin=ENVIRONMENT)
    given = {
        name: convert(name, value, where=COMMAND_LINE)
        for name, value in flags.items()
        if value is not None
    }
    return settings.with_values(given, origin=COMMAND_LINE)


def describe(settings: ScanSettings) -> list[tuple[str, str, str]]:
    """(name, value, origin) rows for ``ldncheck config show``."""
    rows = []
    for name in SETTING_NAMES:
        value = getattr(settings, name)
        shown = (
            ", ".join(value)
            if isinstance(value, tuple)
            else str(value if value is not None else "")
        )
        rows.append((name, shown, settings.origin(name)))
    return rows
