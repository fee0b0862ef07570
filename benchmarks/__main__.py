"""Run the benchmarks: ``python -m benchmarks [--sizes 10,100,1000] [--serve-sizes ...] [--pdf-sizes ...]``.

For each corpus size: extraction (articles/s in one process and pooled; the CLI with --jobs 1 and 2),
``mkdocs build`` cold (no cache), warm (nothing changed) and after editing one facts file, with
briefgen's share of each, pages, site size, search index size (and bytes per page), peak memory,
and the edit latency of ``mkdocs serve --dirty`` (until the page is served, and until a browser that
has it open shows it); PDFs (book and per briefing) for the --pdf-sizes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import pdf, serve
from .corpus import write_corpus

HERE = Path(__file__).resolve().parent
MKDOCS_YML = """site_name: Benchmark
theme:
  name: material
  font: false
  features: [navigation.tabs, navigation.sections, navigation.indexes, navigation.prune]
plugins:
  - search
  - tags
  - briefgen
markdown_extensions: [attr_list, tables]
"""


def _extract(paths: list[Path], jobs: int) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "briefgen.cli", "extract", "--jobs", str(jobs),
                    "--ingest-date", "2026-01-01", *map(str, paths)], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def _extract_in_process(paths: list[Path]) -> float:
    from briefgen.extract import Options, extract_facts

    options = Options(ingest_date=dt.date(2026, 1, 1))
    extract_facts(paths[0].read_text(), paths[0].name, options)  # warm: spaCy, dateparser loaded
    start = time.perf_counter()
    for p in paths:
        extract_facts(p.read_text(), p.name, options)
    return time.perf_counter() - start


def _extract_text(text: str) -> int:
    from briefgen.extract import Options, extract_facts

    return len(extract_facts(text, "a.txt", Options(ingest_date=dt.date(2026, 1, 1))).all_facts())


def _extract_pool(paths: list[Path], jobs: int) -> float:
    """Articles per second with ``jobs`` forked workers after warm-up (what ``extract --jobs`` does)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    texts = [p.read_text() for p in paths]
    _extract_text(texts[0])  # warm in the parent: forked workers inherit spaCy and dateparser
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
        list(pool.map(_extract_text, texts[: jobs * 2]))  # start the workers
        start = time.perf_counter()
        list(pool.map(_extract_text, texts, chunksize=8))
        return len(texts) / (time.perf_counter() - start)


_BUILD = """
import json, resource, sys, time
from briefgen.plugin import BriefgenPlugin
from mkdocs.commands.build import build
from mkdocs.config import load_config

def timed_into(times, function):
    def timed(*args, **kwargs):
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            times.append(time.perf_counter() - start)
    return timed
core = []
for name in ("on_config", "on_files", "on_env", "on_post_build"):
    setattr(BriefgenPlugin, name, timed_into(core, getattr(BriefgenPlugin, name)))
# a generated page's render is briefgen's (the HTML kept from the last build) but for MkDocs' own
# conversion inside it (Page.render); so is making its page, but for MkDocs' Page.__init__ (MkDocs
# makes a Page for every page the plugin does not)
from briefgen.html_cache import GeneratedPage
from mkdocs.structure.pages import Page
converting = []
mkdocs_pages = []
own_render, mkdocs_render, mkdocs_page = GeneratedPage.render, Page.render, Page.__init__
def page_init(self, *args):
    start = time.perf_counter()
    try:
        return mkdocs_page(self, *args)
    finally:
        if isinstance(self, GeneratedPage):
            mkdocs_pages.append(time.perf_counter() - start)
Page.__init__ = page_init
def page_render(self, *args):
    start = time.perf_counter()
    converting.clear()
    try:
        return own_render(self, *args)
    finally:
        core.append(time.perf_counter() - start - sum(converting))
GeneratedPage.render, Page.render = page_render, timed_into(converting, mkdocs_render)
# so is reading a generated page's Markdown: taking it from the worker that renders pages ahead of
# MkDocs, or rendering it where the worker is not there yet
from briefgen.plugin import PageFile
PageFile.content_string = property(timed_into(core, PageFile.content_string.fget), PageFile.content_string.fset)
# of briefgen's time, how much went to the charts: starting them (a few are drawn at once, many
# by a worker), then waiting for them (and drawing the last ones)
import briefgen.charts, briefgen.generate
charts = []
generate_module = sys.modules["briefgen.generate"]  # the package's name "generate" is the function
generate_module.start_drawing = timed_into(charts, briefgen.charts.start_drawing)
briefgen.charts.Drawing.result = timed_into(charts, briefgen.charts.Drawing.result)
config = load_config("mkdocs.yml")
config.plugins.on_startup(command="build", dirty=False)
start = time.perf_counter()
build(config)
print(json.dumps({"build": time.perf_counter() - start, "core": sum(core) - sum(mkdocs_pages), "charts": sum(charts),
                  "rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  "children_rss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""


def _build(root: Path) -> dict[str, float]:
    """One ``mkdocs build`` in a fresh process: its seconds, the seconds it spent in briefgen's
    events (load + validate + plan + render, charts it waited for, the memo and the HTML kept on
    disk), in reading its pages' Markdown (rendered ahead of MkDocs' reads, or there) and in its
    pages' ``render`` besides MkDocs' own Markdown conversion (and besides MkDocs'
    ``Page.__init__`` of the pages the plugin makes instead of MkDocs), of these the seconds of
    ``charts`` (starting them, then waiting for them), its peak memory and that of its largest
    worker process (charts drawn in the background)."""
    out = subprocess.run([sys.executable, "-c", _BUILD], cwd=root, check=True, capture_output=True, text=True,
                         env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


def _edit_one(articles: Path) -> None:
    """Change one person's role in one facts file, as a reviewer would."""
    facts = sorted(articles.glob("*.facts.yaml"))
    path = facts[len(facts) // 2]
    text, count = re.subn(r"(?m)^(\s+role: ).*$", r"\g<1>role edited for the benchmark", path.read_text(), count=1)
    if not count:
        raise RuntimeError(f"{path} has no role to edit")
    path.write_text(text)


def run(size: int, work: Path, pdf_rows: list[dict[str, float | int]] | None = None,
        serve_latency: bool = True) -> dict[str, float | int]:
    root = work / f"n{size}"
    articles = root / "articles"
    paths = write_corpus(articles, size)
    (root / "docs").mkdir()
    (root / "mkdocs.yml").write_text(MKDOCS_YML)
    words = sum(len(p.read_text().split()) for p in paths) / len(paths)
    in_process = _extract_in_process(paths[: min(size, 200)])
    pooled_1 = _extract_pool(paths[: min(size, 400)], 1)
    pooled_2 = _extract_pool(paths[: min(size, 400)], 2)
    extract_1 = _extract(paths, 1)
    for f in articles.glob("*.facts.yaml"):
        f.unlink()
    extract_2 = _extract(paths, 2)
    shutil.rmtree(root / ".cache", ignore_errors=True)
    cold = _build(root)  # no cache: every facts file loaded, every page rendered, every chart drawn
    warm = _build(root)  # nothing changed since: briefings, pages and charts from .cache/briefgen
    _edit_one(articles)
    edited = _build(root)  # one facts file changed: it is loaded again, the pages it touches rendered
    site = root / "site"
    index_bytes = (site / "search/search_index.json").stat().st_size
    pages = sum(1 for _ in site.rglob("index.html"))  # one per page (directory URLs)
    nan = float("nan")
    first, edits, shown = serve.edit_latency(root, dirty=True) if serve_latency else (nan, [nan], [nan])
    if pdf_rows is not None:
        print(f"printing PDFs of {size} briefings ...", file=sys.stderr, flush=True)
        pdf_rows.append(pdf.measure(articles, root / "pdf"))
    return {
        "articles": size, "words_per_article": round(words),
        "extract_articles_per_s_warm": round(min(size, 200) / in_process, 1),
        "extract_per_s_pool1": round(pooled_1, 1), "extract_per_s_pool2": round(pooled_2, 1),
        "extract_cli_s_jobs1": round(extract_1, 2), "extract_cli_s_jobs2": round(extract_2, 2),
        "build_s_cold": round(cold["build"], 1), "core_s_cold": round(cold["core"], 1),
        "core_share_cold": round(cold["core"] / cold["build"], 3),
        "charts_s_cold": round(cold["charts"], 2),
        "core_share_cold_but_charts": round((cold["core"] - cold["charts"]) / cold["build"], 3),
        "build_s_warm": round(warm["build"], 1), "core_s_warm": round(warm["core"], 1),
        "core_share_warm": round(warm["core"] / warm["build"], 3),
        "build_s_edited": round(edited["build"], 1), "core_s_edited": round(edited["core"], 1),
        "core_share_edited": round(edited["core"] / edited["build"], 3),
        "pages": pages, "site_mb": round(sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1e6, 2),
        "search_index_kb": round(index_bytes / 1e3, 1), "search_bytes_per_page": round(index_bytes / pages),
        "build_peak_rss_mb": round(max(cold["rss_kb"], warm["rss_kb"], edited["rss_kb"]) / 1024),
        "workers_rss_mb": round(cold["children_rss_kb"] / 1024),
        "serve_first_build_s": round(first, 1),
        "serve_edit_s_median": round(statistics.median(edits), 2), "serve_edit_s_max": round(max(edits), 2),
        "browser_edit_s_median": round(statistics.median(shown), 2) if shown else nan,
        "browser_edit_s_max": round(max(shown), 2) if shown else nan,
    }


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--sizes", default="10,100", help="comma-separated corpus sizes (e.g. 10,100,1000,5000)")
    parser.add_argument("--serve-sizes", default="10,100,1000",
                        help="sizes whose `mkdocs serve --dirty` edit latency is measured; '' for none")
    parser.add_argument("--pdf-sizes", default="10,100",
                        help="sizes whose PDFs are timed too (book and per-briefing); '' for none")
    parser.add_argument("--json", type=Path, default=HERE / "results" / "latest.json",
                        help="where the results are written as JSON (default: benchmarks/results/latest.json)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    pdf_sizes = {int(s) for s in args.pdf_sizes.split(",") if s.strip()}
    serve_sizes = {int(s) for s in args.serve_sizes.split(",") if s.strip()}
    work = Path(tempfile.mkdtemp(prefix="briefgen-bench-"))
    rows: list[dict[str, float | int]] = []
    pdf_rows: list[dict[str, float | int]] = []
    try:
        for size in sizes:
            print(f"running {size} articles ...", file=sys.stderr, flush=True)
            rows.append(run(size, work, pdf_rows if size in pdf_sizes else None, size in serve_sizes))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    _table(rows)
    if pdf_rows:
        print()
        _table(pdf_rows)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"machine": os.uname().nodename, "rows": rows, "pdf": pdf_rows}, indent=2))


def _table(rows: list[dict[str, float | int]]) -> None:
    keys = list(rows[0])
    widths = [max(len(k), *(len(str(r[k])) for r in rows)) for k in keys]
    print(" | ".join(k.ljust(w) for k, w in zip(keys, widths, strict=True)))
    print("-|-".join("-" * w for w in widths))
    for r in rows:
        print(" | ".join(str(r[k]).ljust(w) for k, w in zip(keys, widths, strict=True)))


if __name__ == "__main__":
    main()
