"""The scan renderers, keyed by ``--format`` value: a new format is one module and one entry."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ldncheck.scan import ScanReport


class ScanFormat(StrEnum):
    """The output formats of ``ldncheck scan``."""

    TEXT = "text"
    FULL = "full"
    JSON = "json"
    JSONL = "jsonl"
    SARIF = "sarif"
    GITHUB = "github"


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """Presentation choices only the people-facing formats use."""

    color: bool = False
    width: int = 100


Renderer = Callable[["ScanReport", RenderOptions], str]


def _text(report: ScanReport, options: RenderOptions) -> str:
    from ldncheck.render.scan_text import render_text

    return render_text(report)


def _full(report: ScanReport, options: RenderOptions) -> str:
    from ldncheck.render.scan_full import render_full

    return render_full(report, color=options.color, width=options.width)


def _json(report: ScanReport, options: RenderOptions) -> str:
    from ldncheck.render.scan_json import render_scan_json

    return render_scan_json(report)


def _jsonl(report: ScanReport, options: RenderOptions) -> str:
    from ldncheck.render.scan_jsonl import render_jsonl

    return render_jsonl(report)


def _sarif(report: ScanReport, options: RenderOptions) -> str:
    from ldncheck.render.sarif import render_sarif

    return render_sarif(report)


def _github(report: ScanReport, options: RenderOptions) -> str:
    from ldncheck.render.github import render_github

    return render_github(report)


RENDERERS: dict[ScanFormat, Renderer] = {
    ScanFormat.TEXT: _text,
    ScanFormat.FULL: _full,
    ScanFormat.JSON: _json,
    ScanFormat.JSONL: _jsonl,
    ScanFormat.SARIF: _sarif,
    ScanFormat.GITHUB: _github,
}
# Formats whose stdout is a machine-readable document: nothing else may be written there.
PEOPLE_FORMATS = frozenset({ScanFormat.TEXT, ScanFormat.FULL})
