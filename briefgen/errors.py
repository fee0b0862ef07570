"""One exception family for everything briefgen reports to a person.

The core raises these; the MkDocs plugin turns them into ``PluginError`` and the CLI into one
message and a non-zero exit.  Nothing else in briefgen catches broadly.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one input, located as precisely as we can."""

    file: Path | None
    line: int | None  # 1-based, like every editor
    field: str | None  # dotted path into the facts file, e.g. ``people.2.role``
    message: str

    def __str__(self) -> str:
        where = str(self.file) if self.file else "<input>"
        if self.line is not None:
            where += f":{self.line}"
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"


class BriefgenError(Exception):
    """Base of every error briefgen reports; carries one or more located problems."""

    def __init__(self, problems: Iterable[Problem] | str) -> None:
        if isinstance(problems, str):
            problems = [Problem(None, None, None, problems)]
        self.problems: list[Problem] = list(problems)
        super().__init__(self.message)

    def __reduce__(self) -> tuple[type[BriefgenError], tuple[list[Problem]]]:
        """Pickled with its problems (a forked worker sends them back whole)."""
        return type(self), (self.problems,)

    @classmethod
    def at(cls, file: Path | None, message: str, *, line: int | None = None,
           field: str | None = None) -> BriefgenError:
        return cls([Problem(file, line, field, message)])

    @property
    def message(self) -> str:
        return "\n".join(str(p) for p in self.problems)


class FactsError(BriefgenError):
    """A facts file cannot be read or does not match the schema."""


class EvidenceError(FactsError):
    """A quote is not in its source, or points at the wrong place."""


class SourceError(BriefgenError):
    """An article cannot be read (missing, binary, not UTF-8, empty)."""


class TemplateError(BriefgenError):
    """A Jinja template is missing or fails to render."""


class ConfigError(BriefgenError):
    """briefgen's own settings are wrong."""


class ExtractError(BriefgenError):
    """Extraction failed on an article."""


class PdfError(BriefgenError):
    """A PDF could not be written."""
