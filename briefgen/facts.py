"""Load one facts file into the typed schema, reporting every problem with its line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .errors import FactsError, Problem
from .schema import FactsFile
from .yamlio import Locator, load

FACTS_SUFFIX = ".facts.yaml"


def _describe(error: dict[str, Any], model_fields: dict[str, Any] | None = None) -> str:
    kind = error.get("type", "")
    if kind == "extra_forbidden":
        return "unknown field (check the spelling; see the JSON Schema for the allowed fields)"
    if kind == "missing":
        return "required field is missing"
    msg = str(error.get("msg", "invalid value"))
    msg = msg.removeprefix("Value error, ")
    value = error.get("input")
    if kind not in {"missing"} and isinstance(value, (str, int, float)) and len(str(value)) < 60:
        msg += f" (got {value!r})"
    return msg


def _field_path(loc: tuple[Any, ...]) -> list[str | int]:
    """Drop pydantic's type tags (e.g. 'int', 'function-after[...]') from an error location."""
    path: list[str | int] = []
    for part in loc:
        if isinstance(part, int):
            path.append(part)
        elif isinstance(part, str) and ("[" in part or part in {"int", "float", "str", "date"}):
            continue
        else:
            path.append(part)
    return path


def problems_from_validation(path: Path, exc: ValidationError, locator: Locator) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    for error in exc.errors():
        loc = _field_path(tuple(error.get("loc", ())))
        field = ".".join(str(p) for p in loc) or None
        message = _describe(dict(error))
        if (field or "", message) in seen:  # a union reports once per branch
            continue
        seen.add((field or "", message))
        problems.append(Problem(path, locator.line(loc), field, message))
    return problems


def load_facts(path: Path) -> tuple[FactsFile, Locator]:
    """Read and validate the schema of one facts file.  Raises FactsError listing every problem."""
    raw, locator = load(path)
    try:
        facts = FactsFile.model_validate(raw)
    except ValidationError as exc:
        raise FactsError(problems_from_validation(path, exc, locator)) from None
    return facts, locator


def facts_path_for(article: Path) -> Path:
    """``articles/x.txt`` -> ``articles/x.facts.yaml``."""
    return article.with_name(article.stem + FACTS_SUFFIX)
