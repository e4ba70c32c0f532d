"""The error family: raised anywhere below the CLI, caught once at its boundary."""

from __future__ import annotations


class LdncheckError(Exception):
    """A problem the user can fix; printed as one line, exit code 2."""

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column

    def __str__(self) -> str:
        where = ":".join(
            str(part) for part in (self.path, self.line, self.column) if part is not None
        )
        return f"{where}: {self.message}" if where else self.message


class KnowledgeBaseError(LdncheckError):
    """The knowledge base is missing, malformed or inconsistent."""


class ConfigError(LdncheckError):
    """A configuration file or setting is invalid."""


class InputError(LdncheckError):
    """The text or file given to check cannot be used."""
