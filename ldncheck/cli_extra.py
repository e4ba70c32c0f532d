"""``ldncheck schema``: print the JSON Schemas of the machine-readable outputs."""

from __future__ import annotations

import sys
from enum import StrEnum
from importlib import resources
from typing import Annotated

import typer

SCHEMA_HELP = """Print the JSON Schema (draft 2020-12) of an output format.

check describes one object of `ldncheck check --format json|jsonl`; scan describes the
document of `ldncheck scan --format json` (each of its results is one `--format jsonl` line).
The scan schema refers to the check schema by its $id, urn:ldncheck:schema:check.

Examples:

  ldncheck schema check > check.schema.json

  ldncheck schema scan | jq '.properties | keys'
"""


class SchemaName(StrEnum):
    """The documents ldncheck publishes a schema for."""

    CHECK = "check"
    SCAN = "scan"


def schema_text(name: SchemaName) -> str:
    """The shipped schema file for *name*, as text."""
    resource = resources.files("ldncheck") / "schemas" / f"{name.value}.schema.json"
    return resource.read_text(encoding="utf-8")


def schema(
    name: Annotated[SchemaName, typer.Argument(help="Which schema: check or scan.")],
) -> None:
    """Print a JSON Schema to stdout."""
    text = schema_text(name)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def register(app: typer.Typer) -> None:
    """Add ``schema`` to *app*."""
    app.command("schema", help=SCHEMA_HELP)(schema)
