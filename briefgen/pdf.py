"""Print documents to PDF with WeasyPrint, in a pool of worker processes.

Input is ``printing`` HTML; nothing is fetched from the network or the disk while printing (only
``data:`` URLs, which is how the charts are embedded).  Output bytes depend only on the HTML and the
installed fonts: the creation date comes from the document, not the clock.

The book is the one large document.  WeasyPrint lays a document out in one process, so the book is
printed in parts (groups of briefings, the source appendix) on all workers at once, then joined with
pypdf: the front (cover and contents) is printed last with the parts' page numbers, links between
parts become PDF destinations, and "Page X of Y" is laid over every page after the cover.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import as_completed
from dataclasses import dataclass
from pathlib import Path

from . import glyphs
from .errors import BriefgenError, PdfError
from .pool import executor
from .printing import XREF, Book, PrintDocument
from .yamlio import write_atomic


@dataclass(frozen=True)
class PdfResult:
    path: Path
    pages: int
    missing_glyphs: str  # characters no installed font can show, in order of first use

    @property
    def warning(self) -> str | None:
        """What to tell a person when the PDF would print empty boxes."""
        if not self.missing_glyphs:
            return None
        return (f"{self.path.name}: no installed font has a glyph for {glyphs.describe(self.missing_glyphs)}; "
                "these print as empty boxes (install a font that covers them, e.g. Debian's fonts-noto)")


@contextlib.contextmanager
def _source_date(epoch: int | None) -> Iterator[None]:
    """fontTools stamps each subset font it embeds with the time it is made, unless
    ``SOURCE_DATE_EPOCH`` names another (the reproducible-builds convention it follows): printing
    gets the build's own date there, so the same facts give the same bytes on any day."""
    if epoch is None or "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)


def render_pdf(html: str, epoch: int | None = None) -> tuple[bytes, int]:
    """One HTML document -> PDF bytes and page count; ``epoch``: the time stamped into its fonts."""
    import weasyprint

    # WeasyPrint logs every CSS property it ignores at WARNING; briefgen's print CSS is written for
    # it, so whatever it would say here is noise in a user's build log.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    fetcher = weasyprint.URLFetcher(allowed_protocols={"data"})
    with _source_date(epoch):
        document = weasyprint.HTML(string=html, url_fetcher=fetcher, base_url="about:blank").render()
        return document.write_pdf(), len(document.pages)


def _render_job(name: str, html: str, epoch: int | None = None) -> tuple[str, bytes, int]:
    data, pages = render_pdf(html, epoch)
    return name, data, pages


Renderer = Callable[[list[str]], list[tuple[bytes, int]]]  # HTML documents -> (PDF, pages) each


def _render_here(htmls: list[str], epoch: int | None = None) -> list[tuple[bytes, int]]:
    return [render_pdf(html, epoch) for html in htmls]


def join_book(book: Book, parts: list[bytes], render: Renderer = _render_here) -> tuple[bytes, int]:
    """The book's parts (PDF bytes, in order) joined behind its front, numbered and linked.

    ``render`` prints the front and the page-number stamps (both need the parts' page counts); the
    writer passes one that prints them side by side on idle workers.
    """
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    readers = [PdfReader(io.BytesIO(data)) for data in parts]
    where: dict[str, int] = {}
    start = 0
    for reader in readers:
        for name, dest in reader.named_destinations.items():
            if name not in where:
                where[name] = start + (reader.get_destination_page_number(dest) or 0)
        start += len(reader.pages)
    missing = [t for t in book.targets if t not in where]
    if missing:
        raise PdfError.at(None, f"book: anchors {missing[:3]} not found in its printed parts")

    front_pages = 2 + len(book.targets) // 40  # cover and contents; a guess that is usually right
    for _ in range(4):  # the front's own length shifts every number; settle it
        numbers = {t: front_pages + where[t] + 1 for t in book.targets}
        (front, pages), (numbers_pdf, _) = render([book.front(numbers), book.page_numbers(front_pages + start)])
        if pages == front_pages:
            break
        front_pages = pages

    writer = PdfWriter()
    front_reader = PdfReader(io.BytesIO(front))
    writer.append(front_reader)
    for reader in readers:
        writer.append(reader)
    total = len(writer.pages)

    for page in writer.pages:  # links between parts: URI actions -> named destinations
        for ref in page.get("/Annots", []):
            annot = ref.get_object()
            action = annot.get("/A")
            uri = str(action.get_object().get("/URI", "")) if action is not None else ""
            if uri.startswith(XREF):
                del annot["/A"]
                annot[NameObject("/Dest")] = TextStringObject(uri[len(XREF):])

    stamps = PdfReader(io.BytesIO(numbers_pdf))
    for page, stamp in list(zip(writer.pages, stamps.pages, strict=True))[1:]:  # not on the cover
        page.merge_page(stamp)

    if front_reader.metadata:
        writer.add_metadata({k: v for k, v in front_reader.metadata.items()})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue(), total


def write_pdfs(documents: Iterable[PrintDocument], book: Book | None, out: Path, jobs: int | None = 1,
               progress: Callable[[str], None] | None = None, epoch: int | None = None) -> list[PdfResult]:
    """Print every document, and the book, into ``out`` using ``jobs`` worker processes (None: one
    per CPU); ``epoch`` (seconds) is the time stamped into embedded fonts.

    The book's parts go first so the book, the longest job, is done as early as it can be.
    """
    docs = sorted(documents, key=lambda d: -len(d.html))
    parts = book.parts if book else []
    out.mkdir(parents=True, exist_ok=True)
    results: dict[str, PdfResult] = {}
    part_pdfs: dict[str, bytes] = {}

    def save(name: str, data: bytes, pages: int, text: str) -> None:
        path = out / name
        write_atomic(path, data)
        results[name] = PdfResult(path, pages, glyphs.missing(text))
        if progress:
            progress(name)

    by_name = {d.name: d for d in docs}
    try:
        with executor(jobs, len(docs) + len(parts)) as pool:

            def render(htmls: list[str]) -> list[tuple[bytes, int]]:
                if pending:  # the workers are busy with briefings: print here meanwhile
                    return _render_here(htmls, epoch)
                printing = [pool.submit(_render_job, str(i), html, epoch) for i, html in enumerate(htmls)]
                return [job.result()[1:] for job in printing]

            def save_book(book: Book) -> None:
                joined, total = join_book(book, [part_pdfs[p.name] for p in parts], render)
                save(book.name, joined, total, " ".join(glyphs.visible_text(p.html) for p in parts))

            if book is not None and not parts:  # an empty corpus: the book is its front alone
                pending = 0
                save_book(book)
            futures = [pool.submit(_render_job, d.name, d.html, epoch) for d in [*parts, *docs]]
            pending = len(futures)
            for future in as_completed(futures):
                pending -= 1
                name, data, pages = future.result()
                if name in by_name:
                    save(name, data, pages, glyphs.visible_text(by_name[name].html))
                    continue
                part_pdfs[name] = data
                if book is not None and len(part_pdfs) == len(parts):  # join while briefings still print
                    save_book(book)
    except BriefgenError:
        raise
    except Exception as exc:  # WeasyPrint or a worker failed: say which, once, without a traceback
        raise PdfError.at(out, f"could not print PDFs: {type(exc).__name__}: {exc}") from exc
    return [results[name] for name in sorted(results)]
