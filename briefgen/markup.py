"""Text from articles is data: escape it for Markdown, HTML and the theme, and format values.

Every ``{{ value }}`` a template prints goes through :func:`md_escape` (the renderer installs it as
Jinja's ``finalize``), so ``<script>``, ``[links](javascript:...)``, ``**emphasis**``, ``{{ jinja }}``,
``!!! admonitions`` and ``--8<--`` snippets in an article come out as the characters they are.
Titles and nav labels are shown by the theme without escaping, so they are HTML-escaped here.
"""

from __future__ import annotations

import html
import math
import re
from decimal import Decimal

from markupsafe import Markup

# Characters with a meaning somewhere in Markdown or its common extensions (attr_list, emoji,
# tilde/caret/mark, arithmatex, snippets, abbreviations, tables) or in HTML.
_ALWAYS = set("\\`*_{}[]<>&|~^=:$")
# Characters that only mean something at the start of a line (headings, lists, quotes, admonitions).
_LEADING = set("#-+>!%")
_ORDERED = re.compile(r"^(\d+)([.)])(?=\s|$)")


def _entity(ch: str) -> str:
    return f"&#{ord(ch)};"


_ESCAPES = str.maketrans({ch: _entity(ch) for ch in _ALWAYS})


def md_escape(value: object) -> str:
    """Plain text as Markdown that renders to exactly that text, on one line."""
    if isinstance(value, Markup):
        return str(value)
    escaped = " ".join(str(value).split()).translate(_ESCAPES)
    if escaped and escaped[0] in _LEADING:
        escaped = _entity(escaped[0]) + escaped[1:]
    return _ORDERED.sub(lambda m: m.group(1) + _entity(m.group(2)), escaped, count=1)


def html_text(value: object) -> str:
    """Plain text for places the theme prints as HTML (page titles, nav labels, tags)."""
    return html.escape(" ".join(str(value).split()), quote=True)


_SCALES = ((1_000_000_000_000, "trillion"), (1_000_000_000, "billion"), (1_000_000, "million"))


def number(value: float | int) -> str:
    """1234567 -> '1,234,567'; 2.5 -> '2.5'."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def compact(value: float | int) -> str:
    """8000000 -> '8 million'; 1500000000 -> '1.5 billion'; 7250000000 -> '7.25 billion'; 16 -> '16';
    a value a short form would round (1234567) is written out whole: a figure is quoted, not rounded.
    From a thousand trillion on, a power of ten: 10**30 -> '1.0 × 10³⁰' ('≈' when it rounds)."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)  # the schema refuses these; a display never raises
    exact = Decimal(value) if isinstance(value, int) else Decimal(repr(value))
    if abs(exact) >= 10**15:
        return _power_of_ten(exact)
    for scale, word in _SCALES:
        if abs(exact) >= scale:
            scaled = exact / scale
            if round(scaled, 3) != scaled:
                break
            return f"{_plain(scaled)} {word}"
    return number(value)


def _plain(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _power_of_ten(value: Decimal) -> str:
    exponent = value.adjusted()
    mantissa = value.scaleb(-exponent)
    shown = round(mantissa, 3)
    text = _plain(shown)
    text = text if "." in text else f"{text}.0"
    return f"{'' if shown == mantissa else '≈'}{text} × 10{str(exponent).translate(_SUPERSCRIPT)}"


def is_currency(unit: str) -> bool:
    return len(unit) == 3 and unit.isupper() and unit.isalpha()


def quantity(value: float | int, unit: str, period: str | None = None) -> str:
    """'USD 8 million per year', '16 projects'."""
    text = f"{unit} {compact(value)}" if is_currency(unit) else f"{compact(value)} {unit}"
    return f"{text} {period}" if period else text


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")


def human_date(value: object) -> str:
    """'2025-01-13' -> '13 January 2025'; '2025-01' -> 'January 2025'; '2024' -> '2024'."""
    if value is None:
        return "undated"
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    parts = text.split("-")
    if len(parts) == 3:
        return f"{int(parts[2])} {_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return parts[0]


def date_sort_key(value: object) -> tuple[int, int, int]:
    """Year-only dates sort before the dated days of that year, months likewise."""
    if value is None:
        return (9999, 99, 99)
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    parts = [int(p) for p in text.split("-")] + [0, 0]
    return (parts[0], parts[1], parts[2])


# Scripts that need their language named in print: Hangul picks the Korean CJK font and
# ``word-break: keep-all``; Hebrew is laid out right to left.
_SCRIPT_RUNS = re.compile(
    r"(?P<ko>[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]+(?:\s+[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]+)*)"
    r"|(?P<he>[\u0590-\u05ff\ufb1d-\ufb4f]+(?:[\s\"'.,-]+[\u0590-\u05ff\ufb1d-\ufb4f]+)*)"
)


def html_lang_runs(value: object) -> Markup:
    """Plain text as HTML, with Hangul and Hebrew runs in ``<span lang=...>`` (print pages)."""
    if isinstance(value, Markup):
        return value
    text = " ".join(str(value).split())
    out: list[str] = []
    last = 0
    for m in _SCRIPT_RUNS.finditer(text):
        out.append(html.escape(text[last:m.start()]))
        run = html.escape(m.group())
        out.append(f'<span lang="ko">{run}</span>' if m.group("ko") else f'<span lang="he" dir="rtl">{run}</span>')
        last = m.end()
    out.append(html.escape(text[last:]))
    return Markup("".join(out))
