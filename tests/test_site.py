"""Build tests: the real MkDocs build, asserting on the HTML a reader sees."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CHECK_SITE, Project

from briefgen.errors import BriefgenError


def text_of(html: str) -> str:
    import html as h

    html = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", html)
    return re.sub(r"\s+", " ", h.unescape(re.sub(r"(?s)<[^>]+>", " ", html)))


def test_seed_site_passes_the_gold_checks(seed_site: Path) -> None:
    result = subprocess.run([sys.executable, str(CHECK_SITE), str(seed_site)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "site checks: 36/36" in result.stdout


def test_briefing_page_shows_facts_with_citations(seed_site: Path) -> None:
    page = (seed_site / "briefings/2025/000-c5969467402c19b7/index.html").read_text()
    text = text_of(page)
    assert "USD 8 million per year" in text and "since 2022" in text
    assert "16 projects" in text and "7 initiatives" in text
    assert "from 7 applications in 2020 to 34 applications in 2024" in text
    assert "13 January 2025" in text
    # every citation links to an anchored sentence on the source page
    cites = re.findall(r'<a class="bg-cite" href="([^"]+)"', page)
    assert len(cites) >= 10
    source = (seed_site / "sources/000-c5969467402c19b7/index.html").read_text()
    for href in cites:
        assert href.startswith("../../../sources/000-c5969467402c19b7/#s-")
        anchor = href.split("#")[1]
        assert f'id="{anchor}" class="bg-sentence bg-cited"' in source
    # topics are Material tags
    assert 'class="md-tag' in page and "smart mobility" in text


def test_bottom_line_names_each_event_and_a_trends_peak(seed_project: Project) -> None:
    """The bottom line says what happened before who took part, and a trend of three or more points
    says where it peaked (the first and last alone would hide it)."""
    from briefgen.generate import generate

    facts = seed_project.seed_facts
    last = "      - {year: 2024, value: 34, figure: applications-2024}"
    facts.write_text(facts.read_text().replace(last, "      - {year: 2022, value: 50}\n" + last))
    page = generate(seed_project.articles).pages["briefings/2025/000-c5969467402c19b7.md"]
    bottom = page.split("## Bottom line")[1].split("\n## ")[0]
    assert ("from 7 applications in 2020 to 34 applications in 2024 (×4.9), peaking at 50 applications"
            " in 2022.") in bottom
    assert "- Virtual discussion on joint research initiatives — [Je Kyung-hee]" in bottom
    assert "(virtually), 13 January 2025." in bottom


def test_no_list_is_run_into_a_paragraph(seed_site: Path) -> None:
    """Python-Markdown starts a list only after a blank line: a template line that loses its line end
    runs the bottom line's list into the paragraph before it ('... · NationPress - Face-to-face
    meeting ... - Key figures ...' on the home page)."""
    pages = sorted(seed_site.rglob("index.html"))
    assert len(pages) > 10
    for page in pages:
        for paragraph in re.findall(r"<p>(.*?)</p>", page.read_text(), re.S):
            assert not re.search(r"\n\s*(?:[-*+]|\d+\.)\s", paragraph), (page, paragraph[:300])
    home = (seed_site / "index.html").read_text()
    assert re.search(r"NationPress</p>\s*<ul>\s*<li>Face-to-face meeting", home), home


def test_events_in_date_order_and_timeline(seed_site: Path) -> None:
    timeline = text_of((seed_site / "timeline/index.html").read_text())
    assert timeline.index("Korea-Israel Industrial R&D Foundation founded") < timeline.index(
        "Korea-Israel Innovation Day") < timeline.index("13 January 2025")


def test_person_page_lists_role_and_backlinks(seed_site: Path) -> None:
    page = (seed_site / "people/jingo-kikukawa/index.html").read_text()
    text = text_of(page)
    assert "director general for innovation and environment" in text
    assert "Japan" in text
    assert "../../briefings/2025/000-c5969467402c19b7/" in page  # backlink to the briefing


def test_figures_page_has_chart_and_its_data(seed_site: Path) -> None:
    page = (seed_site / "figures/index.html").read_text()
    svg = re.search(r'<img[^>]+src="([^"]+\.svg)"', page)
    assert svg, "the trend chart is an image"
    chart = (seed_site / "figures" / svg.group(1)).resolve()
    assert chart.read_text().lstrip().startswith("<?xml")
    assert "<td>2020</td>" in page.replace(' style="text-align: right;"', "")


def test_source_page_holds_the_full_article(seed_site: Path) -> None:
    from conftest import SEED_ARTICLE

    text = text_of((seed_site / "sources/000-c5969467402c19b7/index.html").read_text())
    for line in SEED_ARTICLE.read_text().splitlines():
        assert " ".join(line.split()) in text


def test_search_index_finds_briefing_and_person(seed_site: Path) -> None:
    index = json.loads((seed_site / "search/search_index.json").read_text())
    locations = {d["location"].split("#")[0] for d in index["docs"] if "semiconductor" in d["text"]}
    assert "briefings/2025/000-c5969467402c19b7/" in locations
    assert any(d["location"].startswith("people/jingo-kikukawa/") for d in index["docs"]
               if "Kikukawa" in d["title"])


HOSTILE = """<script>alert('x')</script> {{ config }} **Bold** title
Seoul, March 3 (Wire) A [link](javascript:alert(1)) and <img src=x onerror=alert(2)> and {% include '/etc/passwd' %}.
!!! warning "admonition"
--8<-- "/etc/passwd"
"""


def _hostile_facts(text: str) -> str:
    def ev(q: str) -> str:
        s = text.index(q)
        return json.dumps({"quote": q, "start": s, "end": s + len(q)})

    title = text.splitlines()[0]
    include = "{% include '/etc/passwd' %}"
    person = "<b>Eve</b> {{ 7*7 }}"
    return f"""version: 1
source:
  file: hostile.txt
  title: {json.dumps(title)}
  published: 2024-03-03
  evidence: {ev(title)}
people:
  - id: eve
    name: {json.dumps(person)}
    role: "[click](javascript:alert(3))"
    evidence: {ev("<img src=x onerror=alert(2)>")}
topics:
  - id: t-script
    name: "<script>alert(4)</script>"
    evidence: {ev(include)}
"""


def test_hostile_article_renders_as_plain_text(project: Project) -> None:
    (project.articles / "hostile.txt").write_text(HOSTILE)
    (project.articles / "hostile.facts.yaml").write_text(_hostile_facts(HOSTILE))
    site = project.build()
    everything = "".join(p.read_text() for p in site.rglob("*.html"))
    assert "<script>alert" not in everything
    assert "<img src=x" not in everything and 'onerror=alert' not in everything.replace("onerror=alert(2)&gt;", "")
    assert 'href="javascript:' not in everything
    assert "<b>Eve</b>" not in everything
    assert "root:x:0" not in everything  # nothing included
    assert "49" not in text_of(project.html("people/eve/index.html"))  # {{ 7*7 }} not evaluated
    briefing = project.html("briefings/2024/hostile/index.html")
    # the reader sees the characters as they are: page title, heading, nav, tags
    title = re.search(r"<title>(.*?)</title>", briefing).group(1)
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; {{ config }} **Bold** title" in title
    assert "<script>alert('x')</script> {{ config }} **Bold** title" in text_of(briefing)
    assert "&lt;script&gt;alert(4)&lt;/script&gt;" in briefing  # the tag
    source = text_of(project.html("sources/hostile/index.html"))
    assert "--8<-- \"/etc/passwd\"" in source and '!!! warning "admonition"' in source
    assert "[link](javascript:alert(1))" in source
    person = text_of(project.html("people/eve/index.html"))
    assert "<b>Eve</b> {{ 7*7 }}" in person and "[click](javascript:alert(3))" in person
    index = (site / "search/search_index.json").read_text()
    assert "<script>" not in index


def test_bad_facts_file_stops_the_build_with_file_and_line(seed_project: Project,
                                                          caplog: pytest.LogCaptureFixture) -> None:
    facts = seed_project.seed_facts
    facts.write_text(facts.read_text().replace("    role: chief scientist", "    rank: chief scientist"))
    from mkdocs.exceptions import Abort

    with pytest.raises(Abort):
        seed_project.build()
    assert f"{facts}:29: people.1.rank: unknown field" in caplog.text
    assert "Traceback" not in caplog.text


def test_builds_are_byte_identical(seed_project: Project, tmp_path: Path) -> None:
    def digest(site: Path) -> dict[str, str]:
        return {str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(site.rglob("*")) if p.is_file()}

    first = digest(seed_project.build())
    second = digest(seed_project.build())
    assert first == second


def test_user_template_overrides_default(seed_project: Project) -> None:
    (seed_project.root / "overrides").mkdir()
    (seed_project.root / "overrides" / "person.md.j2").write_text(
        '{% extends "entity.md.j2" %}\n{% block details %}CUSTOM PERSON PAGE for {{ e.name }}{% endblock %}\n')
    seed_project.write_config("      templates: overrides")
    seed_project.build()
    assert "CUSTOM PERSON PAGE for Alon Stopel" in seed_project.html("people/alon-stopel/index.html")


@pytest.mark.parametrize(("expression", "attribute"), [
    ("e.__class__", "__class__"), ("e.name.__class__", "__class__"), ("e.name.upper.__self__", "__self__"),
    # str.format reaches attributes by itself: the sandbox runs it sandboxed, also after a safe format
    ("'{0}'.format(e.name) + '{0.__class__}'.format(e.name)", "__class__"),
])
def test_user_template_cannot_reach_python_internals(seed_project: Project, caplog: pytest.LogCaptureFixture,
                                                     expression: str, attribute: str) -> None:
    """The sandbox refuses internal attributes, also after the same attribute of the same type was
    allowed or refused before (its answers are kept per type and name)."""
    (seed_project.root / "overrides").mkdir()
    (seed_project.root / "overrides" / "person.md.j2").write_text(
        '{% extends "entity.md.j2" %}\n{% block details %}{{ e.name.upper() }} {{ ' + expression
        + ' }}{% endblock %}\n')
    seed_project.write_config("      templates: overrides")
    from mkdocs.exceptions import Abort

    with pytest.raises(Abort):
        seed_project.build()
    assert "unsafe template operation" in caplog.text
    assert f"access to attribute '{attribute}'" in caplog.text


def test_generated_page_clashing_with_docs_is_an_error(seed_project: Project,
                                                       caplog: pytest.LogCaptureFixture) -> None:
    (seed_project.root / "docs" / "timeline.md").write_text("# mine\n")
    from mkdocs.exceptions import Abort

    with pytest.raises(Abort):
        seed_project.build()
    assert "docs/timeline.md is a generated page" in caplog.text


def test_nothing_is_written_into_docs(seed_project: Project) -> None:
    seed_project.build()
    assert list((seed_project.root / "docs").iterdir()) == []


def test_error_family() -> None:
    assert issubclass(BriefgenError, Exception)
