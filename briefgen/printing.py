"""Print documents: each briefing and the briefing book as HTML for WeasyPrint.

Pure: a ``SiteIndex``, settings and the chart SVGs in, HTML strings out (``pdf.py`` turns them into
PDFs).  The pages come from print templates of their own (``templates/print/``), not from Material's
HTML, and every value is HTML-escaped, with Hangul and Hebrew runs tagged with their language.
Citations become real footnotes quoting the evidence.
"""

from __future__ import annotations

import base64
import datetime as dt
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from . import markup
from .errors import BriefgenError
from .index import BriefingView, SiteIndex
from .plan import Settings, pdf_name
from .render import asset_bytes, render_template, sandbox, template_folders
from .schema import Evidence

BOOK_NAME = "briefing-book.pdf"
PAPER_SIZES = {"A4": "A4", "Letter": "letter"}


@dataclass(frozen=True)
class PrintDocument:
    name: str  # file name in the PDF folder
    title: str
    html: str
    briefings: tuple[str, ...]  # keys of the briefings it prints


XREF = "briefgen-xref:"  # links between parts of the book; pdf.py turns them into PDF destinations


@dataclass
class Book:
    """The briefing book in parts that print in parallel: the body parts (groups of briefings, then
    the source appendix), and the front (cover and contents) once the parts' page numbers are known."""

    name: str
    parts: list[PrintDocument]
    front: Callable[[dict[str, int]], str]  # page number of each contents target -> front HTML
    targets: list[str]  # anchor ids the contents lists, in order
    page_numbers: Callable[[int], str]  # total pages -> HTML of that many pages showing "Page X of Y"


def build_time(index: SiteIndex) -> dt.datetime:
    """The "generated on" time: ``SOURCE_DATE_EPOCH`` when set, else the newest source's date.

    Never the clock, so two runs over the same inputs give the same bytes.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
        except (ValueError, OverflowError, OSError):
            raise BriefgenError.at(None, f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds") from None
    dates = [v.published for v in index.briefings if v.published]
    newest = max(dates) if dates else dt.date(1970, 1, 1)
    return dt.datetime(newest.year, newest.month, newest.day, tzinfo=dt.timezone.utc)


@dataclass
class Footnotes:
    """Numbers the citations of each briefing in a document; a quote cited again refers back."""

    with_sources: bool  # the source appendix is there to link to (in the book)
    _numbers: dict[tuple[str, int, int], int] = field(default_factory=dict)
    _count: dict[str, int] = field(default_factory=dict)

    def cite(self, view: BriefingView, evidence: Evidence | None) -> Markup:
        if evidence is None:
            return Markup("")
        key = (view.key, evidence.start, evidence.end)
        if key in self._numbers:
            n = self._numbers[key]
            return Markup('<a class="fn-again" href="#fn-{}-{}">{}</a>').format(view.slug, n, n)
        n = self._numbers[key] = self._count[view.key] = self._count.get(view.key, 0) + 1
        anchor = view.anchor(evidence)
        where = f"sentence {anchor.removeprefix('s-')} of the source"
        if self.with_sources:
            where_html = Markup('<a href="{}src-{}-{}">{}</a>').format(XREF, view.slug, anchor, where)
        else:
            where_html = Markup("{}").format(where)
        return Markup('<span class="fn" id="fn-{}-{}" data-n="{}">“{}” — {}</span>').format(
            view.slug, n, n, markup.html_lang_runs(evidence.quote), where_html)


def _text(value: Any) -> Markup:
    """``finalize`` of the print environment: HTML-escaped text, language-tagged runs."""
    return value if isinstance(value, Markup) else markup.html_lang_runs(value)


def _plain(value: Any) -> Markup:
    """Text for HTML attributes and ``<title>``: escaped, no language spans, tags stripped."""
    text = value.striptags() if isinstance(value, Markup) else str(value)
    return Markup(markup.html_text(text))


class PrintRenderer:
    """Renders the print templates (``print/*.html.j2``) of the user's folder or briefgen's own."""

    def __init__(self, user_templates: Path | None, settings: Settings, charts: Mapping[str, bytes]) -> None:
        self.folders = template_folders(user_templates)
        self.settings = settings
        self.charts = charts
        env = sandbox(self.folders, finalize=_text)
        env.filters["plain"] = _plain
        env.globals.update({"cite": self._cite, "chart": self._chart, "source_sentences": _source_sentences,
                            "xref": _xref})
        self.env = env
        self.css = Markup(asset_bytes(self.folders, "print/print.css").decode("utf-8"))
        self.page_css = Markup(asset_bytes(self.folders, "print/page.css").decode("utf-8"))

    @staticmethod
    @jinja2.pass_context
    def _cite(ctx: jinja2.runtime.Context, view: BriefingView, evidence: Evidence | None) -> Markup:
        notes: Footnotes = ctx["footnotes"]
        return notes.cite(view, evidence)

    def _chart(self, view: BriefingView, trend: Any, alt: str) -> Markup:
        svg = self.charts.get(view.chart_path(trend.id))
        if svg is None:
            return Markup("")
        data = base64.b64encode(svg).decode("ascii")
        return Markup('<img class="chart" alt="{}" src="data:image/svg+xml;base64,{}">').format(alt, data)

    def _render(self, template: str, what: str, **context: Any) -> str:
        context.setdefault("footnotes", Footnotes(with_sources=False))
        base = {"settings": self.settings, "css": self.css, "page_css": self.page_css,
                "page_size": PAPER_SIZES[self.settings.paper]}
        return render_template(self.env, template, {**base, **context}, what)

    def briefing(self, view: BriefingView, created: dt.datetime) -> PrintDocument:
        html = self._render("print/briefing.html.j2", pdf_name(view), b=view, created=created)
        return PrintDocument(pdf_name(view), view.title, html, (view.key,))

    def book(self, index: SiteIndex, created: dt.datetime, parts: int = 2, appendix_parts: int = 1) -> Book:
        """The book in ``parts`` groups of briefings (newest first), the appendix in ``appendix_parts``
        groups of sources, and the front."""
        dates = sorted(v.published for v in index.briefings if v.published)
        common = {"index": index, "created": created, "stamped_page_numbers": True,
                  "first": dates[0] if dates else None, "last": dates[-1] if dates else None}
        views = index.briefings
        documents = [
            PrintDocument(f"{BOOK_NAME}#part{n}", self.settings.site_name,
                          self._render("print/book.html.j2", BOOK_NAME, part="briefings", briefings=group,
                                       footnotes=Footnotes(with_sources=True), page_numbers={}, **common),
                          tuple(v.key for v in group))
            for n, group in enumerate(_split(views, parts), 1)]
        documents += [
            PrintDocument(f"{BOOK_NAME}#appendix{n}", self.settings.site_name,
                          self._render("print/book.html.j2", BOOK_NAME, part="appendix", briefings=group,
                                       opens_appendix=n == 1, page_numbers={}, **common),
                          tuple(v.key for v in group))
            for n, group in enumerate(_split(views, appendix_parts), 1)]

        def front(page_numbers: dict[str, int]) -> str:
            return self._render("print/book.html.j2", BOOK_NAME, part="front", briefings=[],
                                page_numbers=page_numbers, **common)

        def page_numbers(total: int) -> str:
            return self._render("print/page-numbers.html.j2", BOOK_NAME, total=total, **common)

        targets = [f"briefing-{v.slug}" for v in views] + (["sources"] if views else [])
        return Book(BOOK_NAME, documents, front, targets, page_numbers)

    def documents(self, index: SiteIndex, parts: int = 2, appendix_parts: int = 1
                  ) -> tuple[list[PrintDocument], Book]:
        """Every briefing's document, and the book."""
        created = build_time(index)
        return ([self.briefing(v, created) for v in index.briefings],
                self.book(index, created, parts, appendix_parts))


def _split(views: list[BriefingView], parts: int) -> list[list[BriefingView]]:
    """``views`` in order, in at most ``parts`` groups of about equal size (none for no views)."""
    size = max(1, -(-len(views) // max(1, parts)))
    return [views[i:i + size] for i in range(0, len(views), size)]


def _xref(anchor: str) -> Markup:
    """A link to an anchor that may be in another part of the book."""
    return Markup("{}{}").format(XREF, anchor)


def _source_sentences(view: BriefingView) -> Markup:
    """The article as paragraphs of sentences, each with an id the book's footnotes link to."""
    text = view.briefing.text
    paras = []
    for para in view.sentences.paragraphs():
        spans = [Markup('<span id="src-{}-s-{}">{}</span>').format(
            view.slug, s.index + 1, markup.html_lang_runs(text[s.start:s.end])) for s in para]
        paras.append(Markup("<p>") + Markup(" ").join(spans) + Markup("</p>"))
    return Markup("\n").join(paras)
