"""Read source articles as the text every evidence offset indexes.

``.txt`` and ``.md`` files are read as they are (newlines normalised as Python's text mode does);
``.html`` pages are reduced to their main text by trafilatura, a library made for that.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import logging
from collections.abc import Iterator
from pathlib import Path

from .errors import SourceError
from .text import clean_text
from .yamlio import read_text

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")


@functools.lru_cache(maxsize=4096)
def _read_cached(path: Path, mtime_ns: int, size: int) -> tuple[str, dt.date | None]:
    """The article's text and, for an HTML page, the publication date its metadata gives."""
    text = read_text(path, "article", SourceError)
    published = None
    if path.suffix.lower() in {".html", ".htm"}:
        text, published = _html_main_text(path, text)
    text = clean_text(text)
    if not text.strip():
        raise SourceError.at(path, "article is empty", line=1)
    return text, published


def _stat(path: Path) -> tuple[int, int]:
    try:
        stat = path.stat()
    except OSError as exc:
        raise SourceError.at(path, f"cannot read article: {exc.strerror or exc}") from None
    return stat.st_mtime_ns, stat.st_size


def read_article(path: Path) -> str:
    """The article's text; cached on path, modification time and size."""
    return _read_cached(path, *_stat(path))[0]


def published_hint(path: Path) -> dt.date | None:
    """An HTML page's publication date from its metadata (``article:published_time`` and the like,
    as trafilatura finds it): the date of an article whose text gives none (its byline is boilerplate
    to the main-text extraction). ``None`` for other articles, or a page that does not say; read
    with the article's text (one parse of the page's metadata for both)."""
    if path.suffix.lower() not in {".html", ".htm"}:
        return None
    try:
        return _read_cached(path, *_stat(path))[1]
    except SourceError:
        return None  # an unreadable page is reported when its text is read


@contextlib.contextmanager
def _quiet(logger_name: str) -> Iterator[None]:
    """trafilatura logs its own view of a page it gives up on ("discarding data: None"); the user gets
    briefgen's one message naming the file instead."""
    logger = logging.getLogger(logger_name)
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _html_main_text(path: Path, html: str) -> tuple[str, dt.date | None]:
    import trafilatura

    with _quiet("trafilatura"):
        text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    if not text:
        raise SourceError.at(path, "no article text found in this HTML page")
    meta = trafilatura.extract_metadata(html)
    title = meta.title if meta and meta.title else None
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    try:
        published = dt.date.fromisoformat(meta.date[:10]) if meta and meta.date else None
    except ValueError:
        published = None
    return text, published


def is_article(path: Path) -> bool:
    return path.suffix.lower() in ARTICLE_SUFFIXES and not path.name.startswith(".")
