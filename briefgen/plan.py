"""Plan the site: facts in, a list of pages (path, template, title, context) and a nav out.

Pure: no I/O, no MkDocs.  The plugin and ``briefgen render`` both render this plan, so they write
the same Markdown.  Each nav section's fan-out is bounded (briefings by year, long entity lists by
initial) so Material's nav rendering stays near linear as a corpus grows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from .corpus import Corpus
from .index import ENTITY_KINDS, BriefingView, SiteIndex
from .markup import html_text


@dataclass(frozen=True)
class Settings:
    """The core's options; the MkDocs plugin and the CLI fill them from ``mkdocs.yml``."""

    site_name: str = "Briefings"
    nav_group_threshold: int = 40  # entries per nav section before it is split by initial
    pdf: bool = False  # link each briefing to its PDF and the home page to the book
    pdf_dir: str = "pdf"
    marking: str | None = None  # handling marking printed on every PDF page
    paper: str = "A4"  # PDF paper size: A4 or Letter


@dataclass
class PageSpec:
    path: str  # Markdown path inside docs, POSIX separators
    template: str
    title: str  # plain text; escaped where it is shown
    context: dict[str, Any] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)  # front matter besides the title
    sources: tuple[str, ...] = ()  # keys of the briefings this page is built from


@dataclass
class ChartSpec:
    path: str
    briefing: BriefingView
    trend: Any


@dataclass
class SitePlan:
    index: SiteIndex
    pages: list[PageSpec]
    charts: list[ChartSpec]
    nav: list[Any]

    def page(self, path: str) -> PageSpec:
        return next(p for p in self.pages if p.path == path)


def pdf_name(view: BriefingView) -> str:
    return f"{view.slug}.pdf"


def _nav_entry(title: str, path: str) -> dict[str, str]:
    return {html_text(title): path}


def _group(entries: list[tuple[str, str, str]], threshold: int) -> list[Any]:
    """Entries are (group key, title, path); group them only when there are too many."""
    if len(entries) <= threshold:
        return [_nav_entry(title, path) for _, title, path in entries]
    groups: dict[str, list[Any]] = defaultdict(list)
    for key, title, path in entries:
        groups[key].append(_nav_entry(title, path))
    return [{key: groups[key]} for key in sorted(groups)]


def _briefing_pages(index: SiteIndex, settings: Settings) -> list[PageSpec]:
    pages: list[PageSpec] = []
    for view in index.briefings:
        topics = [html_text(t.name) for t in view.facts.topics]
        pdf = f"{settings.pdf_dir}/{pdf_name(view)}" if settings.pdf else None
        pages.append(PageSpec(view.path, "briefing.md.j2", view.title,
                              {"b": view, "pdf": pdf}, {"tags": topics}, (view.key,)))
        pages.append(PageSpec(view.source_path, "source.md.j2", f"Source: {view.title}",
                              {"b": view}, {}, (view.key,)))
    return pages


def _entity_pages(index: SiteIndex) -> list[PageSpec]:
    pages: list[PageSpec] = []
    for kind, (folder, label, section) in ENTITY_KINDS.items():
        entities = index.of_kind(kind)
        pages.append(PageSpec(f"{folder}/index.md", "entities.md.j2", section,
                              {"kind": kind, "entities": entities, "label": label}))
        for entity in entities:
            sources = tuple(sorted({m.briefing.key for m in entity.mentions}))
            pages.append(PageSpec(entity.path, f"{label.replace('organisation', 'organization')}.md.j2",
                                  entity.name, {"e": entity}, {}, sources))
    return pages


def _nav(index: SiteIndex, settings: Settings) -> list[Any]:
    by_year: dict[str, list[BriefingView]] = defaultdict(list)
    for view in index.briefings:
        by_year[view.year].append(view)
    years = sorted(by_year, key=lambda y: (y == "undated", -int(y) if y.isdigit() else 0))
    briefings: list[Any] = ["briefings/index.md"]
    sources: list[Any] = ["sources/index.md"]
    for year in years:
        briefings.append({year: [_nav_entry(v.title, v.path) for v in by_year[year]]})
        sources.append({year: [_nav_entry(v.title, v.source_path) for v in by_year[year]]})
    nav: list[Any] = [{"Home": "index.md"}, {"Briefings": briefings}]
    for kind, (folder, _label, section) in ENTITY_KINDS.items():
        entries = [(e.initial, e.name, e.path) for e in index.of_kind(kind)]
        nav.append({section: [f"{folder}/index.md", *_group(entries, settings.nav_group_threshold)]})
    nav += [{"Timeline": "timeline.md"}, {"Figures": "figures.md"}, {"Sources": sources},
            {"Tags": "tags.md"}]
    return nav


def plan_site(corpus: Corpus, settings: Settings | None = None) -> SitePlan:
    settings = settings or Settings()
    index = SiteIndex(corpus)
    every = tuple(sorted(v.key for v in index.briefings))
    pages = [
        PageSpec("index.md", "home.md.j2", settings.site_name, {}, {}, every),
        PageSpec("briefings/index.md", "briefings.md.j2", "Briefings", {}, {}, every),
        PageSpec("sources/index.md", "sources.md.j2", "Sources", {}, {}, every),
        *_briefing_pages(index, settings),
        *_entity_pages(index),
        PageSpec("timeline.md", "timeline.md.j2", "Timeline", {}, {}, every),
        PageSpec("figures.md", "figures.md.j2", "Figures", {}, {}, every),
        PageSpec("tags.md", "tags.md.j2", "Tags", {}, {}, every),
    ]
    charts = [ChartSpec(view.chart_path(trend.id), view, trend)
              for view in index.briefings for trend in view.facts.trends]
    return SitePlan(index, pages, charts, _nav(index, settings))

