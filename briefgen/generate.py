"""The core's one entry point: articles folder in, Markdown pages and assets out.

Load + validate (``corpus``), plan (``plan``), render (``render``, ``charts``).  The MkDocs plugin
adds the result to a build as generated files; ``briefgen render --out`` writes it to disk.
"""

from __future__ import annotations

import contextlib
import functools
import gc
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import pool
from .charts import Drawing, chart_key, start_drawing
from .corpus import Corpus, load_corpus
from .memo import Memo
from .plan import Settings, SitePlan, pdf_name, plan_site
from .printing import BOOK_NAME, Book, PrintDocument, PrintRenderer
from .render import Renderer, Rendering

if TYPE_CHECKING:
    from .pdf import PdfResult

STYLESHEET = "assets/briefgen/briefgen.css"
SCRIPT = "assets/briefgen/briefgen.js"


@dataclass
class Generated:
    corpus: Corpus
    plan: SitePlan
    pages: Mapping[str, str]  # Markdown path -> Markdown (maybe rendered as it is read: ``Rendering``)
    files: dict[str, bytes]  # site path -> bytes: stylesheet and script
    charts: Drawing  # the plan's charts, in order (maybe still being drawn)
    # writing the memo meanwhile
    writer: pool.Background | Rendering = field(default_factory=pool.Background)

    def saved(self) -> None:
        """Wait until the memo is written (a build that fails to write it only loses time)."""
        self.writer.wait()

    @property
    def chart_paths(self) -> list[str]:
        return [chart.path for chart in self.plan.charts]

    @functools.cached_property
    def assets(self) -> dict[str, bytes]:
        """Site path -> bytes of every file besides the pages: charts (waiting for them) and files."""
        return {**dict(zip(self.chart_paths, self.charts.result(), strict=True)), **self.files}


def generate(articles: Path, templates: Path | None = None, settings: Settings | None = None,
             cache_dir: Path | None = None, jobs: int | None = None, memo: Memo | None = None,
             aside: bool = False, one_off: bool = False) -> Generated:
    """Load, validate, plan and render.  Charts not in ``cache_dir`` are drawn on ``jobs`` workers.

    ``one_off`` is for one build whose briefings and plan live until it ends (``mkdocs build``):
    they are loaded with the garbage collector paused and then frozen out of its way
    (``gc.freeze``); the caller calls ``gc.unfreeze()`` when the build is over, so a process that
    goes on can collect them.  Each full collection otherwise walked all of them again: the plan of
    1,000 briefings took 0.8 s instead of 0.25 s, and MkDocs' own collections later in the build
    walk them too.

    ``aside`` is for a one-off build (``mkdocs build``) on a machine with a second core: many facts
    files are loaded on two cores; many pages are rendered by a worker as the caller reads them
    (``render.Rendering``; fewer here), charts are drawn in the background while the
    caller goes on (``Generated.assets`` waits for them), and so is the memo written
    (``Generated.saved()`` waits for it).

    Unchanged briefings and pages are reused from ``memo`` (kept in memory by ``mkdocs serve``) or,
    without one, from the memo saved in ``cache_dir`` by the previous build, which is then updated.
    """
    settings = settings or Settings()
    save_to = cache_dir if memo is None else None
    if save_to is not None:
        memo = Memo.load(save_to)
    with _kept_for_good(one_off):
        corpus = load_corpus(articles, memo.briefings if memo else None, aside=aside)
        plan = memo.plan(corpus, settings) if memo else plan_site(corpus, settings)
    # in the background, charts are drawn while the pages render too
    charts = start_drawing([chart_key(chart.trend) for chart in plan.charts], cache_dir, jobs, aside)
    try:
        compiled = cache_dir / "templates" if cache_dir is not None else None
        renderer = memo.renderer(templates, compiled) if memo else Renderer(templates, compiled=compiled)
        save = functools.partial(memo.save, save_to) if save_to is not None and memo is not None else None
        pages = renderer.render_all(plan, settings, memo.pages if memo else None, aside=aside, then=save)
        files = {STYLESHEET: renderer.asset_bytes("assets/briefgen.css"),
                 SCRIPT: renderer.asset_bytes("assets/briefgen.js")}
    except BaseException:
        charts.cancel()
        raise
    writer: pool.Background | Rendering = pool.Background()
    if isinstance(pages, Rendering):  # its worker writes the memo once it has rendered the pages
        writer = pages
    elif save is not None:
        assert memo is not None and save_to is not None
        if aside:  # the caller goes on meanwhile and calls Generated.saved()
            writer = memo.save_aside(save_to)
        else:
            save()
    return Generated(corpus, plan, pages, files, charts, writer)


@contextlib.contextmanager
def _kept_for_good(one_off: bool) -> Iterator[None]:
    """In a one-off build, what is made inside lives until the build ends: made with the garbage
    collector paused, then frozen (not walked by a collection until ``gc.unfreeze()``)."""
    if not one_off:
        yield
        return
    with pool.collector_paused():
        try:
            yield
        finally:
            gc.freeze()


def print_documents(generated: Generated, templates: Path | None, settings: Settings,
                    parts: int = 2, appendix_parts: int = 1) -> tuple[list[PrintDocument], Book]:
    """The print HTML of every briefing, and the book in parts, with the site's charts."""
    renderer = PrintRenderer(templates, settings, generated.assets)
    return renderer.documents(generated.plan.index, parts, appendix_parts)


def write_pdf_files(generated: Generated, templates: Path | None, settings: Settings, out: Path,
                    jobs: int | None = None, progress: Callable[[str], None] | None = None) -> list[PdfResult]:
    """Print every briefing and the book into ``out`` with ``jobs`` worker processes (default: one
    per CPU).

    The book is printed in parts (groups of briefings, and the source appendix) that the workers
    share; ``pdf.write_pdfs`` joins them.  How many parts depends on the briefings only, never on
    the machine, so the bytes do not either.
    """
    from .pdf import write_pdfs
    from .printing import build_time

    parts, appendix_parts = book_parts(generated)
    documents, book = print_documents(generated, templates, settings, parts, appendix_parts)
    epoch = int(build_time(generated.plan.index).timestamp())
    return write_pdfs(documents, book, out, jobs=jobs, progress=progress, epoch=epoch)


def book_parts(generated: Generated, per_part: int = 12, sources_per_part: int = 50,
               most: int = 16) -> tuple[int, int]:
    """How many parts the book's briefings and its source appendix are printed in: groups of about
    ``per_part`` briefings (each ~0.45 s to lay out) and ``sources_per_part`` sources (~0.1 s
    each), small enough that two or more workers finish them at about the same time."""
    count = len(generated.plan.index.briefings)
    return (max(1, min(most, -(-count // per_part))), max(1, min(most, -(-count // sources_per_part))))


def pdf_paths(generated: Generated, settings: Settings) -> list[str]:
    """Site paths the PDFs will have (the briefing pages link to them)."""
    names = [pdf_name(v) for v in generated.plan.index.briefings] + [BOOK_NAME]
    return [f"{settings.pdf_dir}/{name}" for name in names]


def write_tree(files: Mapping[str, str | bytes], out: Path) -> list[Path]:
    """Write generated files under ``out``; every path stays inside it."""
    written: list[Path] = []
    root = out.resolve()
    for rel, content in sorted(files.items()):
        target = (root / rel).resolve()
        if not target.is_relative_to(root):
            raise ValueError(f"refusing to write outside {root}: {rel}")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        written.append(target)
    return written
