"""The HTML of unchanged generated pages is kept between builds (``briefgen/html_cache.py``): a
warm build must give exactly the site of a build without the cache, convert again what changed,
and still report a link that broke since."""

from __future__ import annotations

import hashlib
import logging
import re
from pathlib import Path

import pytest
from conftest import MULTILINGUAL, Project, copy_into
from mkdocs.exceptions import Abort

from briefgen import html_cache


@pytest.fixture
def two(seed_project: Project) -> Project:
    copy_into(MULTILINGUAL, seed_project.articles)
    return seed_project


def digest(site: Path) -> dict[str, str]:
    return {str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def counts(caplog: pytest.LogCaptureFixture) -> tuple[int, int]:
    """(reused, converted) of the last build, from its log."""
    found = re.findall(r"reused the HTML of (\d+) unchanged pages, converted (\d+)", caplog.text)
    assert found, caplog.text
    caplog.clear()
    return int(found[-1][0]), int(found[-1][1])


def test_warm_build_reuses_html_and_gives_the_site_of_a_build_without_cache(
        two: Project, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    cold = digest(two.build())
    reused, converted = counts(caplog)
    assert reused == 0 and converted > 10
    assert (two.root / ".cache" / "briefgen" / html_cache.FILE_NAME).is_file()

    assert digest(two.build()) == cold  # tags page included: Material's tags plugin edits its toc
    assert counts(caplog) == (converted, 0)

    facts = two.seed_facts
    facts.write_text(facts.read_text().replace("role: chief scientist", "role: head of research"))
    edited = digest(two.build())
    reused, again = counts(caplog)
    assert 0 < again < converted and reused + again == converted
    assert "head of research" in (two.site / "people" / "alon-stopel" / "index.html").read_text()

    two.write_config("      cache: false")
    assert digest(two.build()) == edited


def test_a_link_that_broke_since_the_last_build_is_still_reported(
        seed_project: Project, caplog: pytest.LogCaptureFixture) -> None:
    (seed_project.root / "overrides").mkdir()
    (seed_project.root / "overrides" / "person.md.j2").write_text(
        '{% extends "entity.md.j2" %}\n{% block details %}See [the method](../method.md).{% endblock %}\n')
    (seed_project.root / "docs" / "method.md").write_text("# Method\n")
    seed_project.write_config("      templates: overrides")
    seed_project.build()
    assert 'href="../../method/"' in (seed_project.site / "people" / "alon-stopel" / "index.html").read_text()

    (seed_project.root / "docs" / "method.md").unlink()
    with pytest.raises(Abort):  # strict: the link now points nowhere, though the Markdown is the same
        seed_project.build()
    assert "contains a link '../method.md', but the target" in caplog.text


def test_changed_markdown_settings_convert_every_page_again(two: Project,
                                                            caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    two.build()
    page = two.site / "people" / "alon-stopel" / "index.html"
    assert "headerlink" not in page.read_text()
    config = two.root / "mkdocs.yml"
    config.write_text(config.read_text().replace(
        "markdown_extensions: [attr_list, tables]", "markdown_extensions: [attr_list, tables, {toc: {permalink: true}}]"))
    caplog.clear()
    two.build()
    assert counts(caplog)[0] == 0
    assert 'class="headerlink"' in page.read_text()


def test_damaged_html_cache_is_a_miss(two: Project, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    cold = digest(two.build())
    kept = two.root / ".cache" / "briefgen" / html_cache.FILE_NAME
    data = bytearray(kept.read_bytes())
    data[-100] ^= 0xFF
    kept.write_bytes(bytes(data))
    caplog.clear()
    assert digest(two.build()) == cold
    assert counts(caplog)[0] == 0
