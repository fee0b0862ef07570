"""Trend charts as static SVG (matplotlib), so they print and need no JavaScript.

Output is deterministic: a fixed hash salt for SVG ids, no date in the metadata, text kept as text.
matplotlib's object API is used without pyplot (no global figure state, no lock), with a fixed
layout instead of ``tight_layout`` (which draws every chart twice); a chart is drawn once per
process for the same data, so ``mkdocs serve`` rebuilds redraw only charts whose trend changed.
"""

from __future__ import annotations

import functools
import io
import json
from typing import Any, cast

from .markup import compact

_STYLE = {
    "svg.hashsalt": "briefgen",
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


def trend_svg(trend: Any, title: str | None = None) -> bytes:
    points = tuple(sorted((p.year, p.value) for p in trend.points))
    return _draw(json.dumps([points, trend.unit, title or trend.summary]))


@functools.lru_cache(maxsize=2048)  # about 15 kB each
def _draw(key: str) -> bytes:
    import matplotlib
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    points, unit, title = json.loads(key)
    years = [p[0] for p in points]
    values = [p[1] for p in points]
    with matplotlib.rc_context(cast(Any, _STYLE)):
        fig = Figure(figsize=(6, 3), dpi=100)
        FigureCanvasSVG(fig)
        ax = fig.add_subplot()
        fig.subplots_adjust(left=0.12, right=0.97, top=0.84, bottom=0.12)
        ax.plot(years, values, marker="o", color="#3f51b5", linewidth=2)
        for year, value in zip(years, values, strict=True):
            ax.annotate(compact(value), (year, value), textcoords="offset points", xytext=(0, 6),
                        ha="center", parse_math=False)
        ax.set_xticks(years, [str(y) for y in years])
        ax.set_ylabel(unit, parse_math=False)
        top = max(values)
        ax.set_ylim(bottom=0, top=top * 1.2 if top > 0 else 1)
        ax.set_title(_wrap(title), loc="left", fontsize=10, parse_math=False)
        out = io.BytesIO()
        fig.savefig(out, format="svg", metadata={"Date": None, "Creator": "briefgen"})
    return out.getvalue()


def _wrap(text: str, width: int = 80) -> str:
    """Break a long title into lines (matplotlib's own wrapping needs a second layout pass)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > 2:
        lines = [lines[0], lines[1][: width - 1] + "…"]
    return "\n".join(lines)
