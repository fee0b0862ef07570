"""PDF timings for one extracted corpus: the book in one process, per-briefing PDFs in a pool.

Each measurement runs in a fresh subprocess so its peak memory (ru_maxrss) is its own.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

_CODE = """
import json, resource, sys, time
from pathlib import Path
from briefgen.generate import book_parts, generate, print_documents
from briefgen.pdf import render_pdf, write_pdfs
from briefgen.plan import Settings

articles, out, what, jobs = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], int(sys.argv[4])
settings = Settings(site_name="Benchmark", pdf=True, marking="FOR OFFICIAL USE")
generated = generate(articles, None, settings)
docs, book = print_documents(generated, None, settings, *book_parts(generated))
render_pdf(docs[0].html)  # warm: fonts and WeasyPrint loaded
start = time.perf_counter()
if what == "book":
    results = write_pdfs([], book, out, jobs=jobs)
else:
    results = write_pdfs(docs, None, out, jobs=jobs)
pages, count = sum(r.pages for r in results), len(results)
seconds = time.perf_counter() - start
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"s": seconds, "pages": pages, "count": count, "rss_kb": own, "child_rss_kb": children}))
"""


def _run(articles: Path, out: Path, what: str, jobs: int) -> dict[str, float]:
    result = subprocess.run([sys.executable, "-c", _CODE, str(articles), str(out), what, str(jobs)],
                            check=True, capture_output=True, text=True,
                            env={**os.environ, "SOURCE_DATE_EPOCH": "1767225600"})
    return json.loads(result.stdout.strip().splitlines()[-1])


def measure(articles: Path, out: Path) -> dict[str, float | int]:
    book_1 = _run(articles, out / "book1", "book", 1)
    book = _run(articles, out / "book", "book", 2)
    one = _run(articles, out / "j1", "briefings", 1)
    two = _run(articles, out / "j2", "briefings", 2)
    n = int(one["count"])
    return {
        "briefings": n,
        "book_pages": int(book["pages"]),
        "book_s_jobs1": round(book_1["s"], 2),
        "book_s_jobs2": round(book["s"], 2),
        "book_peak_rss_mb": round(max(book_1["rss_kb"], book["rss_kb"], book["child_rss_kb"]) / 1024),
        "briefing_pdf_s_each_jobs1": round(one["s"] / n, 3),
        "briefing_pdfs_s_jobs1": round(one["s"], 2),
        "briefing_pdfs_s_jobs2": round(two["s"], 2),
        "jobs2_speedup": round(one["s"] / two["s"], 2),
        "worker_peak_rss_mb": round(max(two["child_rss_kb"], one["rss_kb"]) / 1024),
    }
