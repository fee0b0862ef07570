"""Trend charts as static SVG (matplotlib), so they print and need no JavaScript.

Output is deterministic: a fixed hash salt for SVG ids, no date in the metadata, text kept as text.
matplotlib's object API is used without pyplot (no global figure state, no lock), with a fixed
layout instead of ``tight_layout`` (which draws every chart twice) and a fixed title position.

Drawing costs ~6 ms a chart (measured in a build's background worker drawing 1,000; each process
reuses one figure and remembers measured text), so ``start_drawing`` draws only what is not
cached: in memory (``mkdocs serve`` rebuilds) and on disk by content hash (``.cache/briefgen/charts``,
like Material's social cards, written by the process that drew the chart), and what is left on
worker processes — in the background during ``mkdocs build``, which meanwhile builds its pages.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import json
import warnings
from collections.abc import Callable, Iterator
from concurrent.futures import Executor
from decimal import Decimal
from importlib import metadata
from pathlib import Path
from typing import Any

from . import pool
from .cachefiles import read_checked, write_checked
from .markup import compact

_STYLE = {
    "svg.hashsalt": "briefgen",
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


_VERSION = "5"  # change when the drawing code (or markup.compact, its labels) changes: cached charts are redrawn
_memory: dict[str, bytes] = {}  # this process's charts, for mkdocs serve's rebuilds
_MEMORY_LIMIT = 8192  # charts of about 15 kB each
_POOL_FROM = 32  # a pool only pays off for many charts: its workers import matplotlib first (~0.5 s)


def chart_key(trend: Any, title: str | None = None) -> str:
    """Everything a chart's bytes depend on (besides this module and matplotlib's version)."""
    points = tuple(sorted((p.year, p.value) for p in trend.points))
    return json.dumps([points, trend.unit, title or trend.summary])


class Drawing:
    """The charts of one build: those found in the caches at once, the rest being drawn.
    ``result()`` waits for them; ``cancel()`` stops drawing (a failed build)."""

    def __init__(self, keys: list[str], found: dict[str, bytes], missing: list[str] | None = None,
                 drawn: _Pool | _Painter | None = None) -> None:
        self.keys, self._found = keys, found
        self._missing = missing or []
        self._drawn = drawn

    @property
    def pending(self) -> int:
        """Charts still being drawn (0 once ``result()`` has returned)."""
        return len(self._missing)

    def result(self) -> list[bytes]:
        if self._missing:
            assert self._drawn is not None
            try:  # each was written to the disk cache where it was drawn (_drawn_cached)
                self._found.update(zip(self._missing, self._drawn.results(), strict=True))
            finally:
                self.cancel()
            self._missing = []
        # kept for mkdocs serve's next rebuild, charts read from the disk cache too (else every
        # rebuild read ~1,000 files again: 0.1 s of each at 1,000 briefings)
        new = {key: svg for key, svg in self._found.items() if key not in _memory}
        if len(_memory) + len(new) <= _MEMORY_LIMIT:
            _memory.update(new)
        return [self._found[key] for key in self.keys]

    def cancel(self) -> None:
        if self._drawn is not None:
            self._drawn.close()
            self._drawn = None


class _Pool:
    """Charts drawn on a pool (or here, by ``Serial``), collected in order."""

    def __init__(self, pool: Executor, keys: list[str], cache_dir: Path | None) -> None:
        self._pool = pool
        # submitted now; map yields in order
        self._drawn = pool.map(functools.partial(_drawn_cached, cache_dir), keys, chunksize=16)

    def results(self) -> Iterator[bytes]:
        return iter(self._drawn)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


class _Painter:
    """Charts drawn in the background by a worker process from the last one backwards
    (``pool.Backwards``, at a lower priority: the build's own work goes first); ``results`` draws the
    rest here from the first, so at the end of a build both cores draw until they meet."""

    def __init__(self, context: Any, keys: list[str], cache_dir: Path | None) -> None:
        self._keys, self._cache_dir = keys, cache_dir
        self._worker = pool.Backwards(context, len(keys), functools.partial(_painter, keys, cache_dir))

    def results(self) -> Iterator[bytes]:
        for index, key in enumerate(self._keys):
            drawn = self._worker.take(index)
            yield drawn if drawn is not None else _drawn_cached(self._cache_dir, key)

    def close(self) -> None:
        self._worker.stop()


def _painter(keys: list[str], cache_dir: Path | None) -> Callable[[int], bytes]:
    pool.lower_priority()
    return lambda index: _drawn_cached(cache_dir, keys[index])


def _drawn_cached(cache_dir: Path | None, key: str) -> bytes:
    """One chart drawn and written to the disk cache, by the process that drew it: writing 1,000
    cache files took the build's main process ~1 s after the background worker had drawn them."""
    svg = _draw(key)
    _write(cache_dir, key, svg)
    return svg


def start_drawing(keys: list[str], cache_dir: Path | None = None, jobs: int | None = None,
                  background: bool = False) -> Drawing:
    """The SVG of each chart key, from the caches; the rest drawn on ``jobs`` workers (and cached).

    With ``background``, many missing charts are drawn by a worker process while the caller goes
    on (``mkdocs build`` builds its pages meanwhile); what it has not drawn when the caller asks
    for them (``Drawing.result()``), the caller draws too.
    """
    found: dict[str, bytes] = {}
    missing: list[str] = []
    for key in dict.fromkeys(keys):
        cached = _memory.get(key)
        if cached is not None and cache_dir is not None and not _cache_path(cache_dir, key).is_file():
            _write(cache_dir, key, cached)  # drawn in this process for another cache folder
        cached = cached or _read(cache_dir, key)
        if cached is None:
            missing.append(key)
        else:
            found[key] = cached
    if len(missing) >= _POOL_FROM:
        context = pool.fork_context() if background else None
        drawn = _Painter(context, missing, cache_dir) if context is not None else \
            _Pool(pool.executor(jobs, len(missing)), missing, cache_dir)
        return Drawing(keys, found, missing, drawn)
    drawing = Drawing(keys, found, missing, _Pool(pool.Serial(), missing, cache_dir))
    drawing.result()  # drawn here and now: nothing pending
    return drawing


def _cache_path(cache_dir: Path, key: str) -> Path:
    digest = hashlib.sha256(f"{_VERSION}\0{_matplotlib_version()}\0{key}".encode()).hexdigest()
    return cache_dir / "charts" / f"{digest}.svg"


@functools.lru_cache(maxsize=1)
def _matplotlib_version() -> str:
    """Without importing matplotlib (0.8 s), which a build whose charts are all cached never needs."""
    return metadata.version("matplotlib")


def _read(cache_dir: Path | None, key: str) -> bytes | None:
    return None if cache_dir is None else read_checked(_cache_path(cache_dir, key))


def _write(cache_dir: Path | None, key: str, svg: bytes) -> None:
    if cache_dir is not None:
        write_checked(_cache_path(cache_dir, key), svg)


_canvas: tuple[Any, Any] | None = None  # this process's figure and axes, drawn on again for each chart


def _plottable(values: list[int | float]) -> list[float]:
    """The values as floats in one common scale: a whole number of any length is exact in a facts
    file, but a float ends at about 10^308 (the labels show the exact values)."""
    exact = [Decimal(v) if isinstance(v, int) else Decimal(repr(v)) for v in values]
    shift = max(0, max(abs(v) for v in exact).adjusted() - 15)
    return [float(v.scaleb(-shift)) for v in exact]


def _draw(key: str) -> bytes:
    """One chart's SVG, drawn (``start_drawing`` keeps and reuses them).

    Each process draws every chart on one figure and axes, whose line gets this chart's points and
    whose labels are replaced: making the axes took a third of a chart's time.  The bytes are those
    of a fresh figure (``tests/test_charts.py`` draws charts in either order and compares).
    """
    global _canvas

    points, unit, title = json.loads(key)
    years = [p[0] for p in points]
    values = _plottable([p[1] for p in points])
    labels = [compact(p[1]) for p in points]
    with _styled():
        fresh = _canvas is None
        fig, ax = _canvas or _new_canvas()
        _canvas = None  # until this chart is drawn: a failure leaves no half-cleared axes to reuse
        for artist in [*ax.texts]:  # the last chart's point labels (a copy: removing changes the list)
            artist.remove()
        if ax.lines:  # the last chart's line, given this chart's points (making a line: 5% of a chart)
            ax.lines[0].set_data(years, values)
        else:
            ax.plot(years, values, marker="o", color="#3f51b5", linewidth=2)
        for year, value, label in zip(years, values, labels, strict=True):
            # a positive value is inside the axes (they span 0 to 1.2 times the largest): matplotlib
            # need not check it again (it hides the label of a point outside; a tenth of a chart)
            ax.annotate(label, (year, value), textcoords="offset points", xytext=(0, 6),
                        ha="center", parse_math=False, annotation_clip=False if value > 0 else None)
        ax.set_xticks(years, [str(y) for y in years])
        ax.relim()  # the data limits of this chart's points only; x is scaled to its years
        ax.autoscale_view(scaley=False)
        ax.set_ylabel(unit, parse_math=False)
        top = max(values)
        ax.set_ylim(bottom=0, top=top * 1.2 if top > 0 else 1)
        # a fixed y: matplotlib's automatic title placement measures every tick label (a third of the time)
        ax.set_title(_wrap(title), loc="left", fontsize=10, parse_math=False, y=1.03, va="bottom")
        out = io.StringIO()  # text: a binary file gets every one of ~400 writes through an encoder
        with warnings.catch_warnings():
            # the text stays text (svg.fonttype none): the browser draws a glyph DejaVu Sans lacks
            # (Hangul, say) in a font that has it, so matplotlib's warning is only noise in the build
            warnings.filterwarnings("ignore", r"Glyph \d+ .*missing from font", UserWarning)
            fig.savefig(out, format="svg", metadata={"Date": None, "Creator": "briefgen"})
        if fresh:  # the first chart on this figure placed the labels
            _fix_axis_labels(ax)
        _canvas = fig, ax
    return out.getvalue().encode("utf-8")


@contextlib.contextmanager
def _styled() -> Iterator[None]:
    """``matplotlib.rc_context(_STYLE)`` for only the keys it sets (the full context copies and
    checks all of matplotlib's ~300 settings twice: 7% of a chart's time), and text measured once
    for every chart drawn (``_measured_once``)."""
    import matplotlib
    from matplotlib.textpath import TextToPath

    params: Any = matplotlib.rcParams  # typed with literal keys
    saved = {name: params[name] for name in _STYLE}
    params.update(_STYLE)
    measure = TextToPath.get_text_width_height_descent
    TextToPath.get_text_width_height_descent = functools.partialmethod(_measured_once, measure)  # type: ignore[assignment]
    try:
        yield
    finally:
        TextToPath.get_text_width_height_descent = measure  # type: ignore[method-assign]
        params.update(saved)


_sizes: dict[tuple[str, Any, Any], tuple[float, float, float]] = {}  # measured text, for every chart


def _measured_once(self: Any, measure: Callable[..., Any], text: str, prop: Any, ismath: Any) -> Any:
    """matplotlib's text measurement (a fifth of a chart's time), remembered from chart to chart.

    matplotlib keeps the sizes it measured for one drawing only, so every chart measured its years,
    unit and values again.  The size depends only on the text and the font properties (kept as a
    copy: matplotlib's are changed in place)."""
    size = _sizes.get((text, prop, ismath))
    if size is None:
        if len(_sizes) >= 4096:
            _sizes.clear()
        size = _sizes[text, prop.copy(), ismath] = measure(self, text, prop, ismath)
    return size


def _fix_axis_labels(ax: Any) -> None:
    """Keep the axis labels where the first chart's drawing put them: matplotlib places them clear
    of the tick labels, measuring every tick label again (8% of a chart's time).  With no y ticks
    the unit's place depends on the axes alone, the same for every chart; the x axis has no label."""
    for axis in (ax.xaxis, ax.yaxis):
        label = axis.label
        axis.set_label_coords(*label.get_position(), transform=label.get_transform())


def _new_canvas() -> tuple[Any, Any]:
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    fig = Figure(figsize=(6, 3), dpi=100)
    FigureCanvasSVG(fig)
    ax = fig.add_subplot()
    fig.subplots_adjust(left=0.12, right=0.97, top=0.84, bottom=0.12)
    # every point carries its value, so no y ticks: a third of the drawing time was their layout
    ax.set_yticks([])
    ax.set_xmargin(0.1)  # room for the first and last points' labels (centred on them) inside the axes
    return fig, ax


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
