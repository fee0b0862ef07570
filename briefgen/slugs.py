"""Safe, unique, stable path segments for generated pages.

Whatever a name or file name holds (``../../x``, ``/etc/passwd``, ``CON``, 300 characters, mixed
scripts, nothing at all), a slug is lower-case ASCII letters, digits and hyphens, never a reserved
device name, at most 80 characters, and unique within its folder.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

MAX_LENGTH = 80
# device names, and the names of files and folders the site generates beside slugged pages (the book's
# PDF beside the briefings' PDFs, each section's index, MkDocs' and Material's own files)
_RESERVED = {"con", "prn", "aux", "nul", "index", "tags", "search", "assets", "print", "pdf", "briefing-book",
             "briefings", "sources", "people", "organizations", "countries", "topics", "timeline", "figures",
             "charts", "sitemap", "404", "feed", "stylesheets", "javascripts"} | {
    f"{d}{i}" for d in ("com", "lpt") for i in range(10)
}


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def slugify(text: str, prefix: str = "item") -> str:
    """A safe path segment for ``text``; deterministic, so URLs stay stable between builds."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower().replace("&", " and ")).strip("-")
    if not slug:
        return f"{prefix}-{_digest(text)}"
    if len(slug) > MAX_LENGTH:
        slug = slug[: MAX_LENGTH - 9].rstrip("-") + "-" + _digest(text)
    if slug in _RESERVED:
        slug = f"{slug}-{prefix}"
    return slug


class SlugRegistry:
    """Hands out slugs unique within one folder, in the order names are registered."""

    def __init__(self) -> None:
        self._taken: dict[str, str] = {}  # slug -> key
        self._by_key: dict[str, str] = {}

    def slug(self, key: str, text: str | None = None, prefix: str = "item") -> str:
        if key in self._by_key:
            return self._by_key[key]
        base = slugify(text if text is not None else key, prefix)
        slug, n = base, 2
        while slug in self._taken:
            slug = f"{base}-{n}"
            n += 1
        self._taken[slug] = key
        self._by_key[key] = slug
        return slug
