"""Views over a validated corpus: briefings with resolved references, and entities across briefings.

Facts refer to each other by id; templates want names and pages.  ``SiteIndex`` resolves every id
once, gives every briefing and entity its page path, and collects, for each entity, every fact that
mentions it in any briefing (its backlinks).  Pure Python, no I/O.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .corpus import Briefing, Corpus
from .markup import date_sort_key
from .schema import Evidence, Fact
from .slugs import SlugRegistry
from .text import SentenceIndex

ENTITY_KINDS = {
    # fact list -> (folder, singular label, section title)
    "people": ("people", "person", "People"),
    "organizations": ("organizations", "organisation", "Organisations"),
    "countries": ("countries", "country", "Countries"),
    "topics": ("topics", "topic", "Topics"),
}


@dataclass
class BriefingView:
    briefing: Briefing
    slug: str
    path: str  # Markdown path of the briefing page, e.g. "briefings/2025/x.md"
    source_path: str  # Markdown path of the source page
    sentences: SentenceIndex
    index: SiteIndex

    @property
    def key(self) -> str:
        return self.briefing.key

    @property
    def facts(self) -> Any:
        return self.briefing.facts

    @property
    def source(self) -> Any:
        return self.briefing.facts.source

    @property
    def title(self) -> str:
        return self.source.title

    @property
    def published(self) -> dt.date | None:
        return self.source.published

    @property
    def year(self) -> str:
        return str(self.published.year) if self.published else "undated"

    def anchor(self, evidence: Evidence) -> str:
        """Id of the source-page sentence that holds the quote."""
        return f"s-{self.sentences.at(evidence.start).index + 1}"

    def entity(self, fact_id: str | None) -> Entity | None:
        return self.index.entities.get(fact_id) if fact_id else None

    def entities(self, ids: Iterable[str]) -> list[Entity]:
        return [e for e in (self.index.entities.get(i) for i in ids) if e is not None]

    @property
    def events(self) -> list[Any]:
        return sorted(self.facts.events, key=lambda e: (date_sort_key(e.date), e.id))

    @property
    def cited_anchors(self) -> set[str]:
        spans = [f.evidence for _, _, f in self.facts.all_facts()]
        if self.source.evidence:
            spans.append(self.source.evidence)
        return {self.anchor(ev) for ev in spans}

    def key_figures(self, limit: int = 3) -> list[Any]:
        """Money first, then the rest, in the order the file lists them."""
        figures = list(self.facts.figures)
        money = [f for f in figures if len(f.unit) == 3 and f.unit.isupper()]
        return (money + [f for f in figures if f not in money])[:limit]

    def chart_path(self, trend_id: str) -> str:
        return f"figures/charts/{self.slug}-{trend_id}.svg"


@dataclass
class Mention:
    """One fact in one briefing that names an entity."""

    briefing: BriefingView
    kind: str  # the fact list: people, events, figures, ...
    fact: Fact
    relation: str  # how the entity takes part: "role", "participant", "subject", ...


def _description(fact: Fact) -> tuple[object, ...]:
    return tuple(getattr(fact, name, None) for name in ("name", "role", "organization", "country"))


@dataclass
class Entity:
    kind: str  # people, organizations, countries, topics
    id: str
    path: str
    fact: Fact  # the defining fact: the newest reviewed one, else the newest draft
    briefing: BriefingView
    mentions: list[Mention] = field(default_factory=list)

    @property
    def other_descriptions(self) -> list[Mention]:
        """Reviewed facts of other briefings that describe the entity otherwise than ``fact`` does
        (another spelling, role, organisation or country): a page shows them with their sources
        rather than choose between two people's reviews."""
        seen = {_description(self.fact)}
        others = []
        for mention in self.mentions:
            if mention.relation == "self" and getattr(mention.fact, "review", None) == "reviewed":
                description = _description(mention.fact)
                if description not in seen:
                    seen.add(description)
                    others.append(mention)
        return others

    @property
    def name(self) -> str:
        return str(getattr(self.fact, "name", self.id))

    @property
    def label(self) -> str:
        return ENTITY_KINDS[self.kind][1]

    @property
    def briefings(self) -> list[BriefingView]:
        return [view for view, _ in self.by_briefing]

    @functools.cached_property
    def by_briefing(self) -> list[tuple[BriefingView, list[Mention]]]:
        """The mentions grouped by briefing, in the order the briefings first mention the entity.

        Computed once (mentions are complete when the index is built), so an entity named in
        every briefing of a large corpus costs linear time, not briefings × mentions.
        """
        groups: dict[str, tuple[BriefingView, list[Mention]]] = {}
        for m in self.mentions:
            groups.setdefault(m.briefing.key, (m.briefing, []))[1].append(m)
        return list(groups.values())

    @property
    def initial(self) -> str:
        first = self.name.strip()[:1].upper()
        return first if first.isascii() and first.isalpha() else "#"


class SiteIndex:
    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.briefings: list[BriefingView] = []
        self.entities: dict[str, Entity] = {}
        slugs = SlugRegistry()
        for b in corpus.newest_first():
            slug = slugs.slug(b.key, b.key, prefix="briefing")
            year = str(b.published.year) if b.published else "undated"
            self.briefings.append(BriefingView(b, slug, f"briefings/{year}/{slug}.md",
                                               f"sources/{slug}.md", b.sentences, self))
        self._collect_entities()
        for view in self.briefings:
            self._collect_mentions(view)

    def _collect_entities(self) -> None:
        folder_slugs = {kind: SlugRegistry() for kind in ENTITY_KINDS}
        for view in self.briefings:  # newest first: the newest reviewed description wins, else the newest
            for kind in ENTITY_KINDS:
                for fact in getattr(view.facts, kind):
                    entity = self.entities.get(fact.id)
                    if entity is None:
                        folder = ENTITY_KINDS[kind][0]
                        slug = folder_slugs[kind].slug(fact.id, fact.id, prefix=ENTITY_KINDS[kind][1])
                        self.entities[fact.id] = Entity(kind, fact.id, f"{folder}/{slug}.md", fact, view)
                    elif entity.fact.review != "reviewed" and fact.review == "reviewed":
                        entity.fact, entity.briefing = fact, view  # a person's check beats a machine's draft

    def _mention(self, entity_id: str | None, view: BriefingView, kind: str, fact: Fact,
                 relation: str) -> None:
        entity = self.entities.get(entity_id) if entity_id else None
        if entity is not None:
            entity.mentions.append(Mention(view, kind, fact, relation))

    def _collect_mentions(self, view: BriefingView) -> None:
        f = view.facts
        for kind in ENTITY_KINDS:
            for fact in getattr(f, kind):
                self._mention(fact.id, view, kind, fact, "self")
        for p in f.people:
            self._mention(p.organization, view, "people", p, "member")
            self._mention(p.country, view, "people", p, "national")
        for o in f.organizations:
            self._mention(o.country, view, "organizations", o, "based")
        for e in f.events:
            for pid in e.participants:
                self._mention(pid, view, "events", e, "participant")
            for oid in e.organizations:
                self._mention(oid, view, "events", e, "organiser")
            for tid in e.topics:
                self._mention(tid, view, "events", e, "topic")
        for g in f.figures:
            self._mention(g.subject, view, "figures", g, "subject")
        for s in f.partnerships:
            for cid in s.between:
                self._mention(cid, view, "partnerships", s, "partner")
            for oid in s.organizations:
                self._mention(oid, view, "partnerships", s, "instrument")

    def fingerprint(self) -> str:
        """Changes when any page path, title or entity name changes: what every page may link to."""
        rows = [(v.key, v.path, v.source_path, v.title) for v in self.briefings]
        rows += [(e.id, e.kind, e.path, e.name) for e in self.entities.values()]
        return hashlib.sha256(repr(rows).encode()).hexdigest()

    def of_kind(self, kind: str) -> list[Entity]:
        return sorted((e for e in self.entities.values() if e.kind == kind),
                      key=lambda e: (e.name.casefold(), e.id))

    def timeline(self) -> list[tuple[Any, BriefingView]]:
        rows = [(e, v) for v in self.briefings for e in v.facts.events]
        return sorted(rows, key=lambda r: (date_sort_key(r[0].date), r[1].key, r[0].id))

    def latest(self, count: int) -> list[BriefingView]:
        return self.briefings[:count]

    def figures(self, views: list[BriefingView] | None = None) -> list[tuple[Any, BriefingView]]:
        rows = [(g, v) for v in (self.briefings if views is None else views) for g in v.facts.figures]
        return sorted(rows, key=lambda r: (r[0].summary.casefold(), r[0].year or 0, r[1].key, r[0].id))

    def trends(self, views: list[BriefingView] | None = None) -> list[tuple[Any, BriefingView]]:
        return [(t, v) for v in (self.briefings if views is None else views) for t in v.facts.trends]
