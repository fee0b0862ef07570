"""Plan the site: facts in, a list of pages (path, template, title, context) and a nav out.

Pure: no I/O, no MkDocs.  The plugin and ``briefgen render`` both render this plan, so they write
the same Markdown.  Each nav section's fan-out is bounded (briefings by year, long entity lists by
initial) so Material's nav rendering stays near linear as a corpus grows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .corpus import Briefing, Corpus
from .index import ENTITY_KINDS, BriefingView, SiteIndex
from .markup import html_text


@dataclass(frozen=True)
class Settings:
    """The core's options; the MkDocs plugin and the CLI fill them from ``mkdocs.yml``."""

    site_name: str = "Briefings"
    nav_group_threshold: int = 40  # most entries one nav section lists before it is split
    latest: int = 20  # briefings shown in full on the home page and entity pages; older ones as links
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
    sources: tuple[str, ...] = ()  # keys of every briefing whose facts this page shows (it is
    # rendered again when one changes; names and paths of other pages are tracked apart)
    listed: tuple[str, ...] = ()  # keys of briefings it shows only by their heading (title, date,
    # dateline, publisher): an edit of their facts does not render it again


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


def nav_paths(nav: Any) -> list[str]:
    """Every page path a nav (as built by ``plan_site``) lists, in order."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, list):
        return [path for item in nav for path in nav_paths(item)]
    return [path for value in nav.values() for path in nav_paths(value)]


def pdf_name(view: BriefingView) -> str:
    return f"{view.slug}.pdf"


def _nav_entry(title: str, path: str) -> dict[str, str]:
    return {html_text(title): path}


def _short(title: str, width: int = 16) -> str:
    return title if len(title) <= width else title[: width - 1].rstrip() + "…"


def _chunks(entries: list[tuple[str, str]], size: int) -> list[Any]:
    """Split entries (title, path), in order, into labelled chunks of at most ``size`` ("Kim A – Kwon B")."""
    if len(entries) <= size:
        return [_nav_entry(title, path) for title, path in entries]
    n = -(-len(entries) // size)
    size = -(-len(entries) // n)  # even chunks
    out: list[Any] = []
    for i in range(0, len(entries), size):
        part = entries[i:i + size]
        label = f"{_short(part[0][0])} – {_short(part[-1][0])}"
        out.append({html_text(label): [_nav_entry(title, path) for title, path in part]})
    return out


Entry = tuple[tuple[str, str], str, str]  # (section key, subsection key), title, path


def _grouped(entries: list[Entry], at: int) -> list[tuple[str, list[Entry]]]:
    groups: dict[str, list[Entry]] = {}
    for entry in entries:
        groups.setdefault(entry[0][at], []).append(entry)
    return list(groups.items())


def _bounded(entries: list[Entry], threshold: int) -> list[Any]:
    """A nav subtree whose pages each render about ``threshold`` nav items, however many entries.

    With ``navigation.tabs`` + ``sections`` + ``prune`` Material renders, on every page, each
    section of the open tab with its direct children, and below them only the open branch.  So a
    small list is shown whole; a large one becomes sections (year; initials "A–E") of collapsed
    subsections (month; initial) whose entries (in chunks of at most ``threshold``) appear only
    on their own pages.
    """
    if len(entries) <= threshold:
        return [_nav_entry(title, path) for _, title, path in entries]
    return [{key: [{sub: _chunks([(t, p) for _, t, p in items], threshold)}
                   for sub, items in _grouped(section, 1)]}
            for key, section in _grouped(entries, 0)]


_RANGES = ("ABCDE", "FGHIJ", "KLMNO", "PQRST", "UVWXYZ")


def _initial_range(initial: str) -> str:
    """The nav section of an initial letter: "A–E", ...; names not starting with A-Z under "#"."""
    return next((f"{r[0]}–{r[-1]}" for r in _RANGES if initial in r), "#")


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


def _entity_pages(index: SiteIndex, every: tuple[str, ...], latest: int) -> list[PageSpec]:
    pages: list[PageSpec] = []
    for kind, (folder, label, section) in ENTITY_KINDS.items():
        entities = index.of_kind(kind)
        pages.append(PageSpec(f"{folder}/index.md", "entities.md.j2", section,
                              {"kind": kind, "entities": entities, "label": label}, {}, every))
        for entity in entities:
            # the defining fact's briefing and the newest `latest` are shown in full, the rest listed
            keys = [view.key for view, _ in entity.by_briefing]
            shown = {entity.briefing.key, *keys[:latest]}
            pages.append(PageSpec(entity.path, f"{label.replace('organisation', 'organization')}.md.j2",
                                  entity.name, {"e": entity}, {}, tuple(sorted(shown)),
                                  tuple(sorted(set(keys) - shown))))
    return pages


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")


def _newest_year_first(year: str) -> tuple[bool, int]:
    """Sort key of years ("2025", ..., "undated" last)."""
    return year == "undated", -int(year) if year.isdigit() else 0


def _month(view: BriefingView) -> str:
    return _MONTHS[view.published.month - 1] if view.published else "undated"


def _nav(index: SiteIndex, settings: Settings, timeline_years: list[str]) -> list[Any]:
    limit = settings.nav_group_threshold
    by_year = sorted(index.briefings, key=lambda v: _newest_year_first(v.year))

    def by_date(path: Any) -> list[Any]:  # briefings are always listed under their year
        entries: list[Entry] = [((v.year, _month(v)), v.title, path(v)) for v in by_year]
        if len(entries) <= limit:
            return [{year: [_nav_entry(t, p) for _, t, p in items]} for year, items in _grouped(entries, 0)]
        # years of months: one section "By date" whose years are collapsed, so a page renders the
        # months of its own year only (not every year's twelve months)
        return [{"By date": _bounded(entries, limit)}]

    # A source page is an appendix of its briefing (linked from it and from every citation). In a
    # large corpus it is left out of the nav, so its page renders only the top-level sections.
    sources = by_date(lambda v: v.source_path) if len(by_year) <= limit else []
    nav: list[Any] = [{"Home": "index.md"},
                      {"Briefings": ["briefings/index.md", *by_date(lambda v: v.path)]}]
    for kind, (folder, _label, section) in ENTITY_KINDS.items():
        entries = [((_initial_range(e.initial), e.initial), e.name, e.path) for e in index.of_kind(kind)]
        nav.append({section: [f"{folder}/index.md", *_bounded(entries, limit)]})
    years = [{year: f"timeline/{year}.md"} for year in timeline_years]
    nav += [{"Timeline": ["timeline.md", *years] if years else "timeline.md"}, {"Figures": "figures.md"},
            {"Sources": ["sources/index.md", *sources]}, {"Tags": "tags.md"}]
    return nav


def _event_year(event: Any) -> str:
    return (event.date or "undated")[:4]


def _timeline_years(index: SiteIndex, settings: Settings) -> list[str]:
    """Years of the timeline's own pages: a corpus of more than ``settings.latest`` briefings
    gets one page per year (so an edit renders one year again, and no page grows without end)."""
    if len(index.briefings) <= settings.latest:
        return []
    years = {_event_year(e) for v in index.briefings for e in v.facts.events}
    return sorted(years, key=_newest_year_first)


def _timeline_pages(index: SiteIndex, years: list[str], every: tuple[str, ...]) -> list[PageSpec]:
    rows = index.timeline()
    if not years:
        return [PageSpec("timeline.md", "timeline.md.j2", "Timeline", {"rows": rows, "years": []}, {}, every)]
    by_year: dict[str, list[Any]] = {}
    for event, view in rows:
        by_year.setdefault(_event_year(event), []).append((event, view))
    links = [(year, f"timeline/{year}.md", len(by_year[year])) for year in years]
    pages = [PageSpec("timeline.md", "timeline.md.j2", "Timeline", {"rows": [], "years": links}, {}, every)]
    for year in years:
        sources = tuple(sorted({view.key for _, view in by_year[year]}))
        pages.append(PageSpec(f"timeline/{year}.md", "timeline.md.j2", f"Timeline {year}",
                              {"rows": by_year[year], "years": []}, {}, sources))
    return pages


def plan_site(corpus: Corpus, settings: Settings | None = None) -> SitePlan:
    settings = settings or Settings()
    index = SiteIndex(corpus)
    every = tuple(sorted(v.key for v in index.briefings))
    latest = tuple(sorted(v.key for v in index.latest(settings.latest)))  # what home and figures show
    timeline_years = _timeline_years(index, settings)
    pages = [
        PageSpec("index.md", "home.md.j2", settings.site_name, {}, {}, latest),
        PageSpec("briefings/index.md", "briefings.md.j2", "Briefings", {}, {}, (), every),
        PageSpec("sources/index.md", "sources.md.j2", "Sources", {}, {}, (), every),
        *_briefing_pages(index, settings),
        *_entity_pages(index, every, settings.latest),
        *_timeline_pages(index, timeline_years, every),
        PageSpec("figures.md", "figures.md.j2", "Figures", {}, {}, latest),
        PageSpec("tags.md", "tags.md.j2", "Tags", {}, {}, every),
    ]
    charts = [ChartSpec(view.chart_path(trend.id), view, trend)
              for view in index.briefings for trend in view.facts.trends]
    return SitePlan(index, pages, charts, _nav(index, settings, timeline_years))


def shape(briefing: Briefing) -> tuple[Any, ...]:
    """Everything of a briefing that planning reads: its place among the others (key, date, title),
    its entities' ids and names, the ids by which facts name entities, its events' dates and its
    trends.  Two versions of a briefing with one shape (a role, a quote or a figure's value edited)
    are planned alike: their plans differ only in which fact objects they point to.  A field
    that planning comes to read (``index.py``, this module) belongs here too."""
    f = briefing.facts
    return (
        briefing.key, briefing.published, f.source.title,
        tuple(tuple((x.id, x.name, x.review) for x in getattr(f, kind)) for kind in ENTITY_KINDS),
        tuple((p.organization, p.country) for p in f.people),
        tuple(o.country for o in f.organizations),
        tuple((e.id, e.date, tuple(e.participants), tuple(e.organizations), tuple(e.topics)) for e in f.events),
        tuple((g.id, g.subject) for g in f.figures),
        tuple((s.id, tuple(s.between), tuple(s.organizations)) for s in f.partnerships),
        tuple(t.id for t in f.trends),
    )


def replan(plan: SitePlan, planned: list[Briefing], corpus: Corpus) -> SitePlan | None:
    """``plan`` (made of the briefings ``planned``) updated in place to show ``corpus``, when every
    briefing that is not the very object planned before has the shape it had (``shape``); else
    ``None``: the site must be planned again.

    ``mkdocs serve`` plans after every edit, and an edit of a reviewer seldom changes the site's
    pages: planning 1,000 briefings again took 0.15-0.28 s of each rebuild.  The views get the new
    briefings; entities, mentions, timeline rows and charts the new facts, matched by list and
    position.  Everything else a page shows is read from the briefings when it is rendered."""
    if len(planned) != len(corpus.briefings):
        return None
    changed = [(old, new) for old, new in zip(planned, corpus.briefings, strict=True) if old is not new]
    if any(old.facts_path != new.facts_path or shape(old) != shape(new) for old, new in changed):
        return None
    views = {id(view.briefing): view for view in plan.index.briefings}
    swap: dict[int, Any] = {}  # id of a fact planned before -> the fact in its place now
    for old, new in changed:
        view = views[id(old)]
        view.briefing, view.sentences = new, new.sentences
        now = {(kind, i): fact for kind, i, fact in new.facts.all_facts()}
        swap.update({id(fact): now[kind, i] for kind, i, fact in old.facts.all_facts() if (kind, i) in now})
    if swap:
        for entity in plan.index.entities.values():
            entity.fact = swap.get(id(entity.fact), entity.fact)
            for mention in entity.mentions:
                mention.fact = swap.get(id(mention.fact), mention.fact)
        for page in plan.pages:
            if "rows" in page.context:  # the timeline's (event, briefing) rows
                page.context["rows"] = [(swap.get(id(event), event), view) for event, view in page.context["rows"]]
        for chart in plan.charts:
            chart.trend = swap.get(id(chart.trend), chart.trend)
    plan.index.corpus = corpus
    return plan
