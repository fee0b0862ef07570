"""Check what the schema cannot: evidence against the source text, ids and references.

* Every quote must sit at its offsets.  If the source changed and the quote now stands elsewhere, the
  fact is kept with the new offsets and a warning says where it moved (``briefgen validate --fix``
  writes them back).  A quote that is not in the source at all is an error.
* Ids are unique within a file, and every reference names a fact that exists.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .errors import Problem
from .schema import Evidence, FactsFile
from .yamlio import Locator

log = logging.getLogger("briefgen")


@dataclass(frozen=True)
class Moved:
    """A quote found away from its recorded offsets."""

    field: str
    line: int | None
    old: tuple[int, int]
    new: tuple[int, int]


def check_evidence(evidence: Evidence, text: str) -> tuple[int, int] | None:
    """Where the quote really is: its recorded span, the nearest other occurrence, or None."""
    if text[evidence.start:evidence.end] == evidence.quote:
        return evidence.start, evidence.end
    hits: list[int] = []
    at = text.find(evidence.quote)
    while at != -1:
        hits.append(at)
        at = text.find(evidence.quote, at + 1)
    if not hits:
        return None
    best = min(hits, key=lambda h: abs(h - evidence.start))
    return best, best + len(evidence.quote)


def _evidence_fields(facts: FactsFile) -> Iterable[tuple[tuple[str | int, ...], Evidence]]:
    if facts.source.evidence is not None:
        yield ("source", "evidence"), facts.source.evidence
    for kind, i, fact in facts.all_facts():
        yield (kind, i, "evidence"), fact.evidence


def validate_evidence(facts: FactsFile, text: str, path: Path, locator: Locator,
                      source_path: Path) -> tuple[list[Problem], list[Moved]]:
    problems: list[Problem] = []
    moved: list[Moved] = []
    for loc, evidence in _evidence_fields(facts):
        span = check_evidence(evidence, text)
        if span == (evidence.start, evidence.end):
            continue
        field = ".".join(str(p) for p in loc)
        line = locator.line((*loc, "quote"))
        if span is None:
            short = evidence.quote if len(evidence.quote) <= 80 else evidence.quote[:77] + "..."
            problems.append(Problem(path, line, field + ".quote",
                                    f"quote not found in {source_path.name}: {short!r}"))
        else:
            moved.append(Moved(field, line, (evidence.start, evidence.end), span))
            evidence.start, evidence.end = span
    return problems, moved


SINGULAR = {"people": "person", "organizations": "organisation", "countries": "country",
            "events": "event", "figures": "figure", "trends": "trend", "topics": "topic",
            "partnerships": "partnership"}

_REFERENCES: dict[str, dict[str, str]] = {
    # list -> {field: list the id must be in}
    "people": {"organization": "organizations", "country": "countries"},
    "organizations": {"country": "countries"},
    "events": {"participants": "people", "organizations": "organizations", "topics": "topics"},
    "figures": {"subject": "organizations"},
    "partnerships": {"between": "countries", "organizations": "organizations", "events": "events"},
}


def validate_references(facts: FactsFile, path: Path, locator: Locator) -> list[Problem]:
    problems: list[Problem] = []
    ids: dict[str, dict[str, int]] = {kind: {} for kind in FactsFile.FACT_LISTS}
    first_seen: dict[str, str] = {}
    for kind, i, fact in facts.all_facts():
        if fact.id in first_seen:
            problems.append(Problem(path, locator.line((kind, i, "id")), f"{kind}.{i}.id",
                                    f"duplicate id {fact.id!r} (first used in {first_seen[fact.id]})"))
            continue
        first_seen[fact.id] = f"{kind}.{i}"
        ids[kind][fact.id] = i

    def check(loc: tuple[str | int, ...], value: str | None, target: str) -> None:
        if value is not None and value not in ids[target]:
            known = ", ".join(sorted(ids[target])[:8]) or "none defined"
            problems.append(Problem(path, locator.line(loc), ".".join(map(str, loc)),
                                    f"unknown {SINGULAR[target]} {value!r} (known: {known})"))

    for kind, fields in _REFERENCES.items():
        for i, fact in enumerate(getattr(facts, kind)):
            for field, target in fields.items():
                value = getattr(fact, field)
                if isinstance(value, list):
                    for j, item in enumerate(value):
                        check((kind, i, field, j), item, target)
                else:
                    check((kind, i, field), value, target)
    for i, trend in enumerate(facts.trends):
        for j, point in enumerate(trend.points):
            check(("trends", i, "points", j, "figure"), point.figure, "figures")
    for j, org in enumerate(facts.source.cites):
        check(("source", "cites", j), org, "organizations")
    return problems
