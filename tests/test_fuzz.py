"""Generated articles through extract, validate and a build: whatever the text, the outcome is a site
or one clear ``file:line`` message, never a traceback, and no article text is evaluated."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from click.testing import CliRunner
from conftest import new_project
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefgen.cli import main
from briefgen.errors import BriefgenError
from briefgen.generate import generate

# Evaluated, each of these would put "pwned" into a page; as text they never do (the article holds
# "pwn" and "ed" apart).
TEMPLATE = ["{{ 'pwn' ~ 'ed' }}", "{% print('pwn' ~ 'ed') %}", "${'pwn' + 'ed'}",
            "<script>alert('pwn' + 'ed')</script>",
            "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))", "--8<-- '/etc/passwd'", "!!! danger",
            "{#", "{{", "}}", "---", "| a | b |", "**", "\u202e", "\x07", "\x1b[31m"]
NUMBERS = ["$" + "9" * 400, "1" + ",000" * 40 + " won", "-3.5%", "\u22122.5 per cent", "1e308", "0.000000000000000001",
           "€3bn", "R5-million", "$250 000", "99999999999999999999 people"]
DATES = ["on February 30, 2025", "on 31/13/2024", "in 99999", "in 0001", "on Monday, Jan. 32", "in 1994-95",
         "earlier today (3 May 2019)", "May 3, 2019"]
NAMES = ["Minister Je Kyung-hee", "Dr Amina Bello", "HE Khalid Al-Rashid", "제경희", "דנה לוי", "Ἀλέξανδρος",
         "Nguyễn Văn An", "Ms. O'Brien-Smith", "President X", "the Ministry of Trade, Industry and Energy"]
pieces = st.one_of(st.sampled_from(TEMPLATE + NUMBERS + DATES + NAMES),
                   st.text(min_size=1, max_size=30),
                   st.text(alphabet=st.characters(codec="utf-8"), max_size=12))
articles = st.lists(pieces, min_size=1, max_size=25).map(" ".join)

_MESSAGE = re.compile(r"^error: \S+?(:\d+)?: .+", re.M)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=articles, headline=pieces)
def test_any_article_gives_facts_or_one_clear_message(tmp_path: Path, body: str, headline: str) -> None:
    folder = tmp_path / "fuzz"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    article = folder / "article.txt"
    article.write_text(f"{headline}\n\nSeoul, June 2 (Wire) {body}\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["extract", "--ingest-date", "2026-11-25", str(article)])
    assert result.exit_code in (0, 1), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    if result.exit_code == 1:
        assert _MESSAGE.search(result.output), result.output
        return
    try:
        generated = generate(folder)  # load, validate, plan, render: what a build does before MkDocs
    except BriefgenError as exc:
        assert re.match(r"\S+?(:\d+)?: ", str(exc)), exc
        return
    pages = "".join(generated.pages[path] for path in generated.pages)
    assert "pwned" not in pages


def test_generated_articles_build_into_a_site_that_evaluates_nothing(tmp_path: Path) -> None:
    """Examples drawn once, built together by MkDocs (one build keeps the test under a minute)."""
    project = new_project(tmp_path / "proj")
    drawn: list[str] = []

    @settings(max_examples=12, deadline=None, database=None)
    @given(body=articles)
    def draw(body: str) -> None:
        drawn.append(body)

    draw()
    for i, body in enumerate(drawn):
        headline = f"{TEMPLATE[i % len(TEMPLATE)]} headline {i}"
        (project.articles / f"a{i}.txt").write_text(f"{headline}\n\nSeoul, June {i + 1} (Wire) {body}\n")
    result = CliRunner().invoke(main, ["extract", "--ingest-date", "2026-11-25", str(project.articles)])
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    site = project.build()
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "pwned" not in html and "<script>alert(" not in html, page
        assert not re.search(r"<img[^>]*onerror", html) and 'href="javascript:' not in html, page
        assert "\u202e" not in html and "\x07" not in html, page
