"""PDFs as a reader gets them: checked with poppler's tools (pdfinfo, pdftotext, pdffonts, pdftoppm)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import GOLD, MULTILINGUAL, REPO, Project, copy_into

from briefgen.cli import main

SEED_PDF = "pdf/000-c5969467402c19b7.pdf"
BOOK = "pdf/briefing-book.pdf"


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{name} is missing; .ci/run installs Debian's poppler-utils")
        pytest.skip(f"{name} (poppler-utils) is not installed")
    return path


def run(*args: str) -> str:
    return subprocess.run([_tool(args[0]), *args[1:]], capture_output=True, text=True, check=True).stdout


def pdfinfo(path: Path) -> dict[str, str]:
    lines = run("pdfinfo", str(path)).splitlines()
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in lines)}


def pdftext(path: Path, first: int | None = None, last: int | None = None) -> str:
    pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    return " ".join(run("pdftotext", *pages, str(path), "-").split())


def page_texts(path: Path) -> list[str]:
    n = int(pdfinfo(path)["Pages"])
    return [pdftext(path, i, i) for i in range(1, n + 1)]


def outline_titles(items: list) -> list[str]:
    """Every bookmark title of a pypdf outline, depth first."""
    return [t for i in items for t in (outline_titles(i) if isinstance(i, list) else [i.title])]


def cli(project_root: Path, *args: str, env: dict[str, str] | None = None) -> str:
    result = CliRunner().invoke(main, ["-f", str(project_root / "mkdocs.yml"), *args], env=env)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def pdf_project(project: Project) -> Project:
    project.write_config("      pdf: true\n      print:\n        marking: FOR OFFICIAL USE")
    return project


def test_briefing_pdf_is_valid_and_holds_the_gold_facts(seed_site: Path) -> None:
    info = pdfinfo(seed_site / SEED_PDF)
    assert info["Page size"].endswith("(A4)")
    assert info["Title"] == "South Korea Aims to Enhance Tech Collaboration with Israel and Japan"
    assert info["Author"] == "Technology Cooperation Briefings"
    text = pdftext(seed_site / SEED_PDF)
    gold = yaml.safe_load(GOLD.read_text())
    for person in gold["people"]:
        for key in ("name", "role", "organization"):
            assert person[key] in text, (key, person[key])
    for org in gold["organizations"]:
        assert org["name"] in text
    for heading in ("Bottom line", "Key figures", "Trends", "People and organisations", "Events",
                    "Partnerships", "Generated 13 January 2025"):
        assert heading in text
    for shown in ("USD 8 million per year", "since 2022", "16 projects", "7 initiatives",
                  "from 7 applications in 2020 to 34 applications in 2024",
                  "13 January 2025", "Seoul", "NationPress"):
        assert shown in text


def test_citations_are_footnotes_quoting_the_evidence(seed_site: Path) -> None:
    text = pdftext(seed_site / SEED_PDF)
    assert "“$8 million annually starting from 2022” — sentence 4 of the source" in text
    notes = [int(n) for n in re.findall(r"(?<![\d,.$])(\d{1,2})\. “", text)]
    assert notes[:5] == [1, 2, 3, 4, 5] and len(notes) >= 20  # every fact's footnote is printed


def test_every_page_has_running_header_marking_and_page_x_of_y(seed_site: Path) -> None:
    pages = page_texts(seed_site / SEED_PDF)
    assert len(pages) >= 2
    for i, page in enumerate(pages, 1):
        assert f"Page {i} of {len(pages)}" in page
        assert "FOR OFFICIAL USE" in page
        assert "South Korea Aims to Enhance Tech Collaboration with Israel and Japan" in page  # header


def test_book_has_cover_toc_with_page_numbers_outline_and_sources(seed_site: Path) -> None:
    from pypdf import PdfReader

    book = seed_site / BOOK
    pages = page_texts(book)
    assert "BRIEFINGBOOK" in pages[0].replace(" ", "").upper() and "Technology Cooperation Briefings" in pages[0]
    assert "13 January 2025" in pages[0] and "FOR OFFICIAL USE" in pages[0]
    toc = pages[1]
    m = re.search(r"South Korea Aims to Enhance Tech Collaboration with Israel and Japan \.{5,} (\d+)", toc)
    assert m, toc
    start = int(m.group(1))
    assert pages[start - 1].count("South Korea Aims to Enhance Tech Collaboration") >= 2  # header + heading
    m = re.search(r"Appendix: sources \.{5,} (\d+)", toc)
    assert m and "Since its inception in 2001" in pages[int(m.group(1)) - 1]
    # the full source text is in the appendix
    article = (REPO / "articles" / "000_c5969467402c19b7.txt").read_text()
    assert " ".join(article.split()[-20:]) in " ".join(pages[-1].split())

    reader = PdfReader(book)
    outline = reader.outline

    flat = outline_titles(outline)
    for entry in ("Contents", "South Korea Aims to Enhance Tech Collaboration with Israel and Japan",
                  "Bottom line", "Key figures", "Events", "Appendix: sources"):
        assert entry in flat, flat
    # internal links: the contents entry jumps to the briefing's page; footnotes to the source sentence
    dests = reader.named_destinations
    toc_links = [a.get_object() for a in reader.pages[1].get("/Annots", [])]
    assert toc_links and all(a["/Subtype"] == "/Link" and "/Dest" in a for a in toc_links)
    assert reader.get_destination_page_number(dests[str(toc_links[0]["/Dest"])]) == start - 1
    targets = [str(a.get_object()["/Dest"]) for p in reader.pages for a in p.get("/Annots", [])]
    assert any(t.startswith("src-") for t in targets)
    assert all(t in dests for t in targets)
    for i, page in enumerate(pages[1:], 2):
        assert f"Page {i} of {len(pages)}" in page
    info = pdfinfo(book)
    assert info["Title"] == "Technology Cooperation Briefings: briefing book"
    assert "1 briefing, 13 January 2025" in info["Subject"]


def test_site_links_to_the_pdfs(seed_site: Path) -> None:
    briefing = (seed_site / "briefings/2025/000-c5969467402c19b7/index.html").read_text()
    assert 'href="../../../pdf/000-c5969467402c19b7.pdf"' in briefing and "Download PDF" in briefing
    home = (seed_site / "index.html").read_text()
    assert 'href="pdf/briefing-book.pdf"' in home
    assert (seed_site / SEED_PDF).stat().st_size > 10_000 and (seed_site / BOOK).stat().st_size > 10_000


def test_first_page_is_not_blank(seed_site: Path, tmp_path: Path) -> None:
    from PIL import Image

    run("pdftoppm", "-r", "40", "-f", "1", "-l", "1", "-png", str(seed_site / SEED_PDF), str(tmp_path / "p"))
    image = Image.open(next(tmp_path.glob("p*.png"))).convert("L")
    dark = sum(image.histogram()[:128])
    assert dark > 0.01 * image.width * image.height


def test_hangul_prints_with_an_embedded_cjk_font(project: Project) -> None:
    copy_into(MULTILINGUAL, project.articles)
    project.write_config("      pdf: true")
    site = project.build()  # strict: a missing glyph would be a warning and fail the build
    pdf = site / "pdf/seoul-quantum.pdf"
    fonts = run("pdffonts", str(pdf))
    assert re.search(r"CJK-KR.*\byes\b", fonts), fonts
    text = pdftext(pdf)
    assert "박지원" in text and "Park Ji-won" in text
    assert "לוי" in text  # Hebrew, laid out right to left


def test_same_source_date_epoch_gives_identical_bytes(seed_project: Project, tmp_path: Path) -> None:
    env = {"SOURCE_DATE_EPOCH": "1767225600"}  # 2026-01-01
    cli(seed_project.root, "pdf", "--out", str(tmp_path / "a"), "--jobs", "2", env=env)
    cli(seed_project.root, "pdf", "--out", str(tmp_path / "b"), "--jobs", "1", env=env)
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == ["000-c5969467402c19b7.pdf", "briefing-book.pdf"]
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    info = pdfinfo(tmp_path / "a" / "briefing-book.pdf")
    assert "2026" in info["CreationDate"] and "Jan  1" in info["CreationDate"]
    assert "Generated 1 January 2026" in pdftext(tmp_path / "a" / "briefing-book.pdf", 1, 1)


def test_letter_paper_and_marking_options(seed_project: Project, tmp_path: Path) -> None:
    cli(seed_project.root, "pdf", "--out", str(tmp_path), "--paper", "Letter", "--marking", "RESTRICTED <b>")
    info = pdfinfo(tmp_path / "briefing-book.pdf")
    assert info["Page size"].endswith("(letter)")
    assert all("RESTRICTED <b>" in page for page in page_texts(tmp_path / "000-c5969467402c19b7.pdf"))


def test_missing_glyphs_are_reported_not_printed_silently(project: Project, tmp_path: Path) -> None:
    from briefgen.glyphs import covered

    odd = next(c for c in ("\U000f0001", "\U0010fff0", "\ue0ff") if not covered(c))  # private use
    text = f"Glyph Test Article\n\nSeoul, May 2 (Wire) The code name {odd} was used.\n"
    (project.articles / "glyph.txt").write_text(text)
    quote = f"The code name {odd} was used."
    start = text.index(quote)
    (project.articles / "glyph.facts.yaml").write_text(
        "version: 1\nsource:\n  file: glyph.txt\n  title: Glyph Test Article\n  published: 2025-05-02\n"
        f"topics:\n  - id: code\n    name: \"code {odd}\"\n    evidence: {{quote: \"{quote}\", start: {start}, "
        f"end: {start + len(quote)}}}\n")
    output = cli(project.root, "pdf", "--out", str(tmp_path))
    assert f"U+{ord(odd):04X}" in output and "glyph.pdf" in output and "empty boxes" in output


def test_hostile_text_prints_as_text(project: Project, tmp_path: Path) -> None:
    from test_site import HOSTILE, _hostile_facts

    (project.articles / "hostile.txt").write_text(HOSTILE)
    (project.articles / "hostile.facts.yaml").write_text(_hostile_facts(HOSTILE))
    cli(project.root, "pdf", "--out", str(tmp_path))
    text = pdftext(tmp_path / "hostile.pdf")
    assert "<b>Eve</b> {{ 7*7 }}" in text and "<script>alert(4)</script>" in text
    assert "[click](javascript:alert(3))" in text


def test_serve_leaves_pdfs_out_unless_asked(pdf_project: Project) -> None:
    from briefgen.plugin import BriefgenPlugin

    plugin = BriefgenPlugin()
    plugin.load_config({"pdf": True})
    plugin.on_startup(command="serve", dirty=False)
    assert plugin.pdf_enabled() is False
    plugin.load_config({"pdf": True, "print": {"on_serve": True}})
    assert plugin.pdf_enabled() is True


def test_book_printed_in_several_parts_joins_into_one_numbered_linked_book(project: Project, tmp_path: Path) -> None:
    """Large books print in parts on all workers; the reader sees one book: contents numbers and
    links land on the right pages across parts, one appendix, every page numbered."""
    from pypdf import PdfReader

    from briefgen.generate import generate, print_documents
    from briefgen.pdf import write_pdfs
    from briefgen.plan import Settings

    project.add_seed()
    copy_into(MULTILINGUAL, project.articles)
    settings = Settings(site_name="Parts", pdf=True)
    generated = generate(project.articles, settings=settings)
    _, book = print_documents(generated, None, settings, parts=2, appendix_parts=2)
    assert len(book.parts) == 4
    write_pdfs([], book, tmp_path, jobs=2)
    path = tmp_path / "briefing-book.pdf"
    pages = page_texts(path)
    reader = PdfReader(path)
    dests = reader.named_destinations
    for view in generated.plan.index.briefings:
        m = re.search(re.escape(view.title[:40]) + r".*?\.{5,} (\d+)", pages[1])
        assert m, pages[1]
        assert view.title[:40] in pages[int(m.group(1)) - 1]
        assert reader.get_destination_page_number(dests[f"briefing-{view.slug}"]) == int(m.group(1)) - 1
    m = re.search(r"Appendix: sources \.{5,} (\d+)", pages[1])
    assert m and "Appendix: sources" in pages[int(m.group(1)) - 1]
    appendix = pages[int(m.group(1)) - 1:]
    assert len(appendix) >= 2 and all(p.startswith("Appendix: sources") for p in appendix)  # running title
    assert outline_titles(reader.outline).count("Appendix: sources") == 1
    targets = [str(a.get_object()["/Dest"]) for p in reader.pages for a in p.get("/Annots", [])]
    assert targets and all(t in dests for t in targets)
    for i, page in enumerate(pages[1:], 2):
        assert f"Page {i} of {len(pages)}" in page
