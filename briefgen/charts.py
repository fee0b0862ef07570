"""Trend charts as static SVG (matplotlib), so they print and need no JavaScript.

Output is deterministic: a fixed hash salt for SVG ids, no date in the metadata, text kept as text.
"""

from __future__ import annotations

import io
import threading
from typing import Any

from .markup import compact

_LOCK = threading.Lock()  # pyplot's state is global


def trend_svg(trend: Any, title: str | None = None) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    points = sorted(trend.points, key=lambda p: p.year)
    years = [p.year for p in points]
    values = [p.value for p in points]
    with _LOCK, matplotlib.rc_context({
        "svg.hashsalt": "briefgen",
        "svg.fonttype": "none",
        "font.family": "DejaVu Sans",
        "font.size": 10,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }):
        fig, ax = plt.subplots(figsize=(6, 3), dpi=100)
        try:
            ax.plot(years, values, marker="o", color="#3f51b5", linewidth=2)
            for year, value in zip(years, values, strict=True):
                ax.annotate(compact(value), (year, value), textcoords="offset points", xytext=(0, 6),
                            ha="center", parse_math=False)
            ax.set_xticks(years, [str(y) for y in years])
            ax.set_ylabel(trend.unit, parse_math=False)
            ax.set_ylim(bottom=0, top=max(values) * 1.2 if max(values) > 0 else 1)
            ax.set_title(title or trend.summary, loc="left", fontsize=10, parse_math=False, wrap=True)
            fig.tight_layout()
            out = io.BytesIO()
            fig.savefig(out, format="svg", metadata={"Date": None, "Creator": "briefgen"})
        finally:
            plt.close(fig)
    return out.getvalue()
