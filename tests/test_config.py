"""Settings: defaults, discovery, validation with locations, and command-line precedence."""

from __future__ import annotations

from pathlib import Path

import pytest

from ldncheck.config import (
    COMMAND_LINE,
    DEFAULT,
    DEFAULT_EXTENSIONS,
    QuotesPolicy,
    ScanSettings,
    describe,
    discover,
    parse_size,
    resolve,
)
from ldncheck.errors import ConfigError
from ldncheck.model import Severity


def test_defaults_and_their_origin(tmp_path: Path) -> None:
    settings = resolve(config=None, cwd=tmp_path, flags={})
    assert settings == ScanSettings()
    assert settings.extensions == DEFAULT_EXTENSIONS
    assert (settings.fail_on, settings.quotes, settings.max_file_size) == (
        Severity.WARNING,
        QuotesPolicy.INFO,
        5 * 1024 * 1024,
    )
    assert {origin for _, _, origin in describe(settings)} == {DEFAULT}


def test_ldncheck_toml_found_upward_and_beats_pyproject_in_the_same_directory(
    tmp_path: Path,
) -> None:
    (tmp_path / "ldncheck.toml").write_text('fail_on = "error"\n')
    (tmp_path / "pyproject.toml").write_text('[tool.ldncheck]\nfail_on = "info"\n')
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    assert discover(nested) == tmp_path / "ldncheck.toml"
    settings = resolve(config=None, cwd=nested, flags={})
    assert settings.fail_on is Severity.ERROR
    assert settings.origin("fail_on") == str(tmp_path / "ldncheck.toml")


def test_nearest_file_wins_and_pyproject_without_table_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.ldncheck]\nquotes = "ignore"\nexclude = ["drafts/"]\n'
    )
    inner = tmp_path / "inner"
    inner.mkdir()
    (inner / "pyproject.toml").write_text('[project]\nname = "x"\n')
    settings = resolve(config=None, cwd=inner, flags={})
    assert (settings.quotes, settings.exclude) == (QuotesPolicy.IGNORE, ("drafts/",))


def test_command_line_wins_and_is_recorded(tmp_path: Path) -> None:
    (tmp_path / "ldncheck.toml").write_text('max_file_size = "1MiB"\nshow_unknown = true\n')
    settings = resolve(
        config=None, cwd=tmp_path, flags={"max_file_size": "2k", "show_unknown": None}
    )
    assert settings.max_file_size == 2048
    assert settings.origin("max_file_size") == COMMAND_LINE
    assert settings.show_unknown is True
    assert settings.origin("show_unknown") == str(tmp_path / "ldncheck.toml")


def test_malformed_toml_names_file_line_and_column(tmp_path: Path) -> None:
    bad = tmp_path / "ldncheck.toml"
    bad.write_text('fail_on = "error"\nquotes = = 1\n')
    with pytest.raises(ConfigError) as caught:
        resolve(config=None, cwd=tmp_path, flags={})
    assert (caught.value.path, caught.value.line) == (str(bad), 2)
    assert caught.value.column is not None
    assert str(caught.value).startswith(f"{bad}:2:")


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ('colour = "never"\n', ["unknown key 'colour'"]),
        ("fail_on = 3\n", ["fail_on", "error, warning, info"]),
        ('fail_on = "fatal"\n', ["fail_on"]),
        ('show_unknown = "yes"\n', ["show_unknown", "true or false"]),
        ("max_file_size = -5\n", ["max_file_size"]),
        ("extensions = [1, 2]\n", ["extensions", "list of strings"]),
    ],
)
def test_unknown_keys_and_wrong_types_name_the_file_and_key(
    tmp_path: Path, body: str, words: list[str]
) -> None:
    (tmp_path / "ldncheck.toml").write_text(body)
    with pytest.raises(ConfigError) as caught:
        resolve(config=None, cwd=tmp_path, flags={})
    assert caught.value.path == str(tmp_path / "ldncheck.toml")
    for word in words:
        assert word in str(caught.value)


def test_explicit_config_file_and_relative_kb_path(tmp_path: Path) -> None:
    config = tmp_path / "conf" / "pyproject.toml"
    config.parent.mkdir()
    config.write_text(
        '[tool.ldncheck]\nkb = "my-kb"\nextensions = ["md", ".TXT"]\norganisation = "Acme"\n'
    )
    settings = resolve(config=config, cwd=tmp_path, flags={})
    assert settings.kb == tmp_path / "conf" / "my-kb"
    assert settings.extensions == (".md", ".txt")
    assert settings.organisation == "Acme"
    with pytest.raises(ConfigError, match="not found"):
        resolve(config=tmp_path / "missing.toml", cwd=tmp_path, flags={})


def test_bad_flag_values_are_config_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="max_file_size"):
        resolve(config=None, cwd=tmp_path, flags={"max_file_size": "lots"})


@pytest.mark.parametrize(
    ("value", "size"),
    [(10, 10), ("10", 10), ("512k", 524288), ("5MiB", 5242880), ("1 GB", 1024**3)],
)
def test_parse_size(value: object, size: int) -> None:
    assert parse_size(value) == size


@pytest.mark.parametrize("value", [0, "0", "-1", "5 parsecs", True, None])
def test_parse_size_rejects(value: object) -> None:
    with pytest.raises(ValueError, match="positive size"):
        parse_size(value)
