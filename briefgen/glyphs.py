"""Which characters of a document no installed font can show.

WeasyPrint lays text out with Pango, which falls back through every font fontconfig knows; a
character none of them covers prints as an empty box.  ``fc-list`` reports each font's coverage, so
briefgen can warn before a reader finds the boxes on paper.
"""

from __future__ import annotations

import bisect
import functools
import html
import re
import shutil
import subprocess
import unicodedata

_TAG = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.S | re.I)
_INVISIBLE_CATEGORIES = {"Cc", "Cf", "Cs", "Zs", "Zl", "Zp", "Mn"}  # controls, format marks, spaces


@functools.cache
def _coverage() -> tuple[list[int], list[int]] | None:
    """Sorted, merged code point ranges covered by any installed font; None without fontconfig."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        out = subprocess.run([fc_list, "--format", "%{charset}\\n"], capture_output=True, text=True,
                             check=True, timeout=60).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    ranges: list[tuple[int, int]] = []
    for token in out.split():
        first, _, last = token.partition("-")
        try:
            ranges.append((int(first, 16), int(last or first, 16)))
        except ValueError:
            continue
    ranges.sort()
    starts: list[int] = []
    ends: list[int] = []
    for lo, hi in ranges:
        if ends and lo <= ends[-1] + 1:
            ends[-1] = max(ends[-1], hi)
        else:
            starts.append(lo)
            ends.append(hi)
    return starts, ends


def covered(ch: str) -> bool:
    coverage = _coverage()
    if coverage is None:
        return True  # cannot tell; say nothing rather than something wrong
    starts, ends = coverage
    i = bisect.bisect_right(starts, ord(ch)) - 1
    return i >= 0 and ord(ch) <= ends[i]


def visible_text(document_html: str) -> str:
    """The text of an HTML document, without tags, styles or scripts."""
    return html.unescape(_TAG.sub(" ", document_html))


def missing(text: str) -> str:
    """The visible characters of ``text`` that no installed font covers, each once, in order."""
    seen: dict[str, None] = {}
    for ch in text:
        if ch in seen or ch.isascii():
            continue
        if unicodedata.category(ch) in _INVISIBLE_CATEGORIES or "\ufe00" <= ch <= "\ufe0f":
            continue
        if not covered(ch):
            seen[ch] = None
    return "".join(seen)


def describe(chars: str, limit: int = 8) -> str:
    """'U+1F600 😀 (GRINNING FACE), ...' for a warning."""
    parts = [f"U+{ord(c):04X} {c} ({unicodedata.name(c, 'unnamed')})" for c in chars[:limit]]
    more = f" and {len(chars) - limit} more" if len(chars) > limit else ""
    return ", ".join(parts) + more
