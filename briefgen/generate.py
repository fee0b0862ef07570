"""The core's one entry point: articles folder in, Markdown pages and assets out.

Load + validate (``corpus``), plan (``plan``), render (``render``, ``charts``).  The MkDocs plugin
adds the result to a build as generated files; ``briefgen render --out`` writes it to disk.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .charts import trend_svg
from .corpus import Corpus, load_corpus
from .plan import Settings, SitePlan, plan_site
from .printing import PrintDocument, PrintRenderer
from .render import Renderer

STYLESHEET = "assets/briefgen/briefgen.css"


@dataclass
class Generated:
    corpus: Corpus
    plan: SitePlan
    pages: dict[str, str]  # Markdown path -> Markdown
    assets: dict[str, bytes]  # site path -> bytes (charts, stylesheet)


def generate(articles: Path, templates: Path | None = None, settings: Settings | None = None) -> Generated:
    settings = settings or Settings()
    corpus = load_corpus(articles)
    plan = plan_site(corpus, settings)
    renderer = Renderer(templates)
    pages = renderer.render_all(plan, settings)
    assets = {chart.path: trend_svg(chart.trend) for chart in plan.charts}
    assets[STYLESHEET] = renderer.asset_bytes("assets/briefgen.css")
    return Generated(corpus, plan, pages, assets)


def print_documents(generated: Generated, templates: Path | None, settings: Settings) -> list[PrintDocument]:
    """The print HTML of every briefing and of the book, with the charts the site uses."""
    return PrintRenderer(templates, settings, generated.assets).documents(generated.plan.index)


def pdf_paths(generated: Generated, settings: Settings) -> list[str]:
    """Site paths the PDFs will have (the briefing pages link to them)."""
    from .plan import pdf_name
    from .printing import BOOK_NAME

    names = [pdf_name(v) for v in generated.plan.index.briefings] + [BOOK_NAME]
    return [f"{settings.pdf_dir}/{name}" for name in names]


def write_tree(files: dict[str, str] | dict[str, bytes], out: Path) -> list[Path]:
    """Write generated files under ``out``; every path stays inside it."""
    written: list[Path] = []
    root = out.resolve()
    for rel, content in sorted(files.items()):
        target = (root / rel).resolve()
        if not target.is_relative_to(root):
            raise ValueError(f"refusing to write outside {root}: {rel}")
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            target.write_text(content, encoding="utf-8", newline="\n")
        else:
            target.write_bytes(content)
        written.append(target)
    return written
