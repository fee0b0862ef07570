"""Print documents to PDF with WeasyPrint, in a pool of worker processes.

Input is ``printing.PrintDocument`` HTML; nothing is fetched from the network or the disk while
printing (only ``data:`` URLs, which is how the charts are embedded).  Output bytes depend only on
the HTML and the installed fonts: the creation date comes from the document, not the clock.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from . import glyphs
from .errors import BriefgenError
from .printing import PrintDocument
from .yamlio import write_atomic


@dataclass(frozen=True)
class PdfResult:
    path: Path
    pages: int
    missing_glyphs: str  # characters no installed font can show, in order of first use


def render_pdf(html: str) -> tuple[bytes, int]:
    """One HTML document -> PDF bytes and page count."""
    import weasyprint

    # WeasyPrint logs every CSS property it ignores at WARNING; briefgen's print CSS is written for
    # it, so whatever it would say here is noise in a user's build log.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    fetcher = weasyprint.URLFetcher(allowed_protocols={"data"})
    document = weasyprint.HTML(string=html, url_fetcher=fetcher, base_url="about:blank").render()
    return document.write_pdf(), len(document.pages)


def _render_job(name: str, html: str) -> tuple[str, bytes, int]:
    data, pages = render_pdf(html)
    return name, data, pages


def write_pdfs(documents: Iterable[PrintDocument], out: Path, jobs: int = 1,
               progress: Callable[[PrintDocument], None] | None = None) -> list[PdfResult]:
    """Print every document into ``out``; with ``jobs`` > 1 in that many worker processes.

    The largest document (the book) is started first so the pool stays busy to the end.
    """
    docs = sorted(documents, key=lambda d: -len(d.html))
    by_name = {d.name: d for d in docs}
    out.mkdir(parents=True, exist_ok=True)
    results: dict[str, PdfResult] = {}

    def finish(name: str, data: bytes, pages: int) -> None:
        doc = by_name[name]
        path = out / name
        write_atomic(path, data)
        results[name] = PdfResult(path, pages, glyphs.missing(glyphs.visible_text(doc.html)))
        if progress:
            progress(doc)

    try:
        if jobs <= 1 or len(docs) <= 1:
            for doc in docs:
                finish(*_render_job(doc.name, doc.html))
        else:
            # forkserver: workers start from a clean process, not a fork of a threaded build.
            context = multiprocessing.get_context("forkserver")
            with ProcessPoolExecutor(max_workers=min(jobs, len(docs)), mp_context=context) as pool:
                futures: list[Future[tuple[str, bytes, int]]] = [
                    pool.submit(_render_job, d.name, d.html) for d in docs]
                for future in futures:
                    finish(*future.result())
    except BriefgenError:
        raise
    except Exception as exc:  # WeasyPrint or a worker failed: say which, once, without a traceback
        raise BriefgenError.at(out, f"could not print PDFs: {type(exc).__name__}: {exc}") from exc
    return [results[d.name] for d in sorted(docs, key=lambda d: d.name)]
