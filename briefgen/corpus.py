"""Find the facts files in the articles folder, load and validate each against its article.

This is the whole "load + validate" step of the flow: the result is a ``Corpus`` that the planner
can trust, or a ``BriefgenError`` listing every problem in every file.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from dataclasses import dataclass, field
from pathlib import Path

from . import pool
from .errors import BriefgenError, EvidenceError, FactsError, Problem
from .facts import FACTS_SUFFIX, facts_path_for, load_facts
from .schema import FactsFile
from .sources import is_article, read_article
from .text import SentenceIndex
from .validate import Moved, validate_evidence, validate_references


@dataclass
class Briefing:
    """One source article and its validated facts."""

    facts_path: Path
    source_path: Path
    text: str
    facts: FactsFile
    moved: list[Moved] = field(default_factory=list)
    stamp: tuple[int, ...] = ()  # size, mtime and inode of the facts file and the article when loaded

    @functools.cached_property
    def sentences(self) -> SentenceIndex:
        return SentenceIndex(self.text)

    @functools.cached_property
    def key(self) -> str:
        """Stable name of the briefing: the article's file name without its suffix."""
        return self.source_path.stem

    @property
    def published(self) -> dt.date | None:
        return self.facts.source.published


@dataclass
class Corpus:
    root: Path
    briefings: list[Briefing]
    unreviewed_articles: list[Path] = field(default_factory=list)

    def warnings(self) -> list[str]:
        """What a person should fix, though the site can still be built."""
        return [f"{b.facts_path}:{m.line}: {m.field}: quote moved in the source from {m.old[0]}-{m.old[1]} "
                 f"to {m.new[0]}-{m.new[1]} (run 'briefgen validate --fix' to update the offsets)"
                for b in self.briefings for m in b.moved]

    def notices(self) -> list[str]:
        """Worth knowing, nothing wrong: articles that have no facts file yet."""
        return [f"{a}: no facts file yet; run 'briefgen extract {a}'" for a in self.unreviewed_articles]

    def newest_first(self) -> list[Briefing]:
        return sorted(self.briefings, key=lambda b: (-(b.published or dt.date.min).toordinal(),
                                                     b.facts.source.title, b.key))


def find_files(root: Path) -> tuple[list[Path], list[Path]]:
    """The facts files under ``root`` (sorted) and the articles (in the order found), in one walk."""
    facts: list[Path] = []
    articles: list[Path] = []
    for path in root.rglob("*"):
        if path.name.endswith(FACTS_SUFFIX) and not path.name.startswith("."):
            facts.append(path)
        elif is_article(path) and path.is_file():
            articles.append(path)
    return sorted(facts), articles


def _resolve_source(facts_path: Path, facts: FactsFile, root: Path) -> Path:
    candidate = (facts_path.parent / facts.source.file).resolve()
    if not candidate.is_relative_to(root.resolve()):
        raise FactsError.at(facts_path, f"source file {facts.source.file!r} is outside the articles folder",
                            field="source.file")
    if not candidate.is_file():
        raise FactsError.at(facts_path, f"source file {facts.source.file!r} does not exist",
                            field="source.file")
    return candidate


def _stamp(*paths: Path) -> tuple[int, ...]:
    out: list[int] = []
    for path in paths:
        try:
            st = os.stat(path)
        except OSError:
            return ()
        out += [st.st_size, st.st_mtime_ns, st.st_ino]
    return tuple(out)


def load_briefing(facts_path: Path, root: Path) -> Briefing:
    """Load one facts file, read its article and check every quote and reference."""
    facts_stamp = _stamp(facts_path)
    facts, locator = load_facts(facts_path)
    source_path = _resolve_source(facts_path, facts, root)
    stamp = facts_stamp + _stamp(source_path)
    text = read_article(source_path)
    evidence_problems, moved = validate_evidence(facts, text, facts_path, locator, source_path)
    problems = evidence_problems + validate_references(facts, facts_path, locator)
    if problems:
        raise (EvidenceError if evidence_problems else FactsError)(problems)
    return Briefing(facts_path, source_path, text, facts, moved, stamp)


def _attempt(facts_path: Path, root: Path) -> Briefing | BriefgenError:
    """``load_briefing``, with its error as the result (every file's problems are reported)."""
    try:
        return load_briefing(facts_path, root)
    except BriefgenError as exc:
        return exc


LOAD_PARALLEL_FROM = 100  # facts files to load (~4 ms each); fewer load faster here than a fork costs


def _unchanged(known: Briefing | None, facts_path: Path) -> Briefing | None:
    """A briefing loaded before whose facts file and article have not changed since."""
    if known is None or not known.stamp:
        return None
    return known if _stamp(facts_path, known.source_path) == known.stamp else None


def _check_kinds(briefings: list[Briefing]) -> list[Problem]:
    """One id means one entity: it may not be a person in one file and a topic in another."""
    kinds: dict[str, tuple[str, Path]] = {}
    problems: list[Problem] = []
    for b in briefings:
        for kind, i, fact in b.facts.all_facts():
            seen = kinds.setdefault(fact.id, (kind, b.facts_path))
            if seen[0] != kind:
                problems.append(Problem(b.facts_path, None, f"{kind}.{i}.id",
                                        f"id {fact.id!r} is a {seen[0]} entry in {seen[1]}; "
                                        f"use another id for this {kind} entry"))
    return problems


def load_corpus(root: Path, known: dict[Path, Briefing] | None = None, aside: bool = False) -> Corpus:
    """Load every facts file under ``root``; raise one error listing every problem found.

    ``known`` (kept by the caller between builds, e.g. by ``mkdocs serve``) maps facts files to
    briefings loaded before: those whose files are unchanged are reused, and it is updated.  With
    ``aside``, many files are loaded on two cores (``pool.on_two_cores``).
    """
    if not root.is_dir():
        raise BriefgenError.at(root, "articles folder does not exist")
    briefings: list[Briefing] = []
    failures: list[BriefgenError] = []
    before = dict(known or {})
    loaded: dict[Path, Briefing] = {}
    paths, articles = find_files(root)
    reused = {path: _unchanged(before.get(path), path) for path in paths}
    todo = [path for path in paths if reused[path] is None]
    results = pool.on_two_cores(functools.partial(_attempt, root=root), todo, LOAD_PARALLEL_FROM if aside else None)
    fresh = dict(zip(todo, results, strict=True))
    for path in paths:
        briefing = reused[path] or fresh[path]
        if isinstance(briefing, BriefgenError):
            failures.append(briefing)
            continue
        briefings.append(briefing)
        loaded[path] = briefing
    if known is not None:  # what this build loaded, and nothing of files deleted or now failing
        known.clear()
        known.update(loaded)
    problems = [p for exc in failures for p in exc.problems] + _check_kinds(briefings)
    if len(failures) == 1 and len(problems) == len(failures[0].problems):
        raise failures[0]
    if problems:
        raise FactsError(problems)
    covered = {b.source_path for b in briefings}
    pending = sorted(a for a in articles  # resolve only what is not found as it is (symlinks)
                     if a not in covered and a.resolve() not in covered and not facts_path_for(a).exists())
    return Corpus(root, briefings, pending)
