"""The HTML of unchanged generated pages is kept between builds (``briefgen/html_cache.py``): a
warm build must give exactly the site of a build without the cache, convert again what changed,
and still report a link that broke since."""

from __future__ import annotations

import hashlib
import logging
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MULTILINGUAL, Project, copy_into
from mkdocs.exceptions import Abort

from briefgen import html_cache, memo


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
    assert (two.root / ".cache" / "briefgen" / memo.FILE_NAME).is_file()  # written aside, waited for

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


@pytest.mark.parametrize("change", ["removed", "excluded"])
def test_a_link_that_broke_since_the_last_build_is_still_reported(
        seed_project: Project, caplog: pytest.LogCaptureFixture, change: str) -> None:
    (seed_project.root / "overrides").mkdir()
    (seed_project.root / "overrides" / "person.md.j2").write_text(
        '{% extends "entity.md.j2" %}\n{% block details %}See [the method](../method.md).{% endblock %}\n')
    (seed_project.root / "docs" / "method.md").write_text("# Method\n")
    seed_project.write_config("      templates: overrides")
    seed_project.build()
    assert 'href="../../method/"' in (seed_project.site / "people" / "alon-stopel" / "index.html").read_text()
    seed_project.build()  # the same files again: the kept HTML's link targets are not looked up

    if change == "removed":
        (seed_project.root / "docs" / "method.md").unlink()
        with pytest.raises(Abort):  # strict: the link now points nowhere, though the Markdown is the same
            seed_project.build()
        assert "contains a link '../method.md', but the target" in caplog.text
    else:  # still in docs/, but no longer part of the site: MkDocs notes it (not a warning)
        with (seed_project.root / "mkdocs.yml").open("a") as config:
            config.write("exclude_docs: method.md\n")
        caplog.set_level(logging.INFO)
        seed_project.build()
        assert "contains a link to 'method.md' which is excluded from the built site" in caplog.text


def test_the_files_stamp_follows_paths_urls_and_exclusion(tmp_path: Path) -> None:
    """What lets a build skip looking up kept link targets: it changes with any file's path, URL or
    exclusion."""
    from mkdocs.structure.files import File, Files, InclusionLevel

    def file(path: str) -> File:
        return File(path, src_dir=str(tmp_path), dest_dir=str(tmp_path / "site"), use_directory_urls=True)

    def stamp(*changes: str) -> str:
        files = [file("a.md"), file("b/c.md")]
        if "moved" in changes:
            files[1].dest_uri = "elsewhere/index.html"
            files[1].url = "elsewhere/"
        if "excluded" in changes:
            files[1].inclusion = InclusionLevel.EXCLUDED
        if "renamed" in changes:
            files[1] = file("b/d.md")
        return html_cache.files_stamp(Files(files))

    assert stamp() == stamp()
    assert len({stamp(), stamp("moved"), stamp("excluded"), stamp("renamed")}) == 4


def test_changed_markdown_settings_convert_every_page_again(two: Project,
                                                            caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    two.build()
    page = two.site / "people" / "alon-stopel" / "index.html"
    assert "headerlink" not in page.read_text()
    config = two.root / "mkdocs.yml"
    config.write_text(config.read_text().replace("markdown_extensions: [attr_list, tables]",
                                                 "markdown_extensions: [attr_list, tables, {toc: {permalink: true}}]"))
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


def _build_in_a_fresh_process(project: Project, prelude: str, fails: bool = False) -> str:
    """``mkdocs build`` after ``prelude`` in a fresh process (forking needs one without threads);
    its log."""
    run = subprocess.run([sys.executable, "-c", prelude + "from mkdocs.__main__ import cli\ncli()\n",
                          "build", "-f", str(project.root / "mkdocs.yml")],
                         capture_output=True, text=True, timeout=300, cwd=project.root)
    assert (run.returncode != 0) == fails, run.stderr
    return run.stderr


def _slowed_conversions(seconds: float) -> str:
    """A prelude slowing each of MkDocs' conversions on the build's main process by ``seconds``, so
    that a forked helper or worker gets ahead of it."""
    return ("import os, time\nfrom briefgen import html_cache\n"
            "main, convert = os.getpid(), html_cache.GeneratedPage.convert\n"
            "def slow(page, *args):\n"
            f"    if os.getpid() == main:\n        time.sleep({seconds})\n    return convert(page, *args)\n"
            "html_cache.GeneratedPage.convert = slow\n")


# pages rendered by a worker ahead of MkDocs (normally from 200 pages to render on); the main
# process notes each page it renders itself
_AHEAD = (
    "import os, sys\nfrom briefgen import render\nrender.Renderer.AHEAD_FROM = 1\n"
    "main, render_page = os.getpid(), render.Renderer.render_page\n"
    "def noting(self, spec, *args, **kwargs):\n"
    "    if os.getpid() == main:\n        print('rendered here', spec.path, file=sys.stderr)\n"
    "    return render_page(self, spec, *args, **kwargs)\n"
    "render.Renderer.render_page = noting\n")


def test_pages_rendered_ahead_of_mkdocs_give_the_same_site_and_memo(two: Project) -> None:
    """``mkdocs build`` from nothing: a worker renders the pages as MkDocs reads them and then writes
    the memo, which the next build uses."""
    log = _build_in_a_fresh_process(two, _AHEAD + _slowed_conversions(0.05))  # the worker surely ahead
    ahead = re.search(r"rendered (\d+) pages on a second core", log)
    assert ahead and int(ahead[1]) > 0, log
    with_worker = digest(two.site)
    assert "rendered here" not in _build_in_a_fresh_process(two, _AHEAD)  # every page from the memo
    two.write_config("      second_core: false")
    (two.root / ".cache").rename(two.root / "cache-of-the-worker")
    assert digest(two.build()) == with_worker


def test_a_template_error_met_ahead_of_mkdocs_is_one_message(two: Project, tmp_path: Path) -> None:
    overrides = tmp_path / "overrides"
    overrides.mkdir()
    (overrides / "figures.md.j2").write_text("{% extends 'base.md.j2' %}\n{% block body %}\n\n{{ no_such_value }}\n"
                                             "{% endblock %}\n")
    two.write_config(f"      templates: {overrides}")
    log = _build_in_a_fresh_process(two, _AHEAD, fails=True)
    assert "figures.md.j2: while rendering figures.md: 'no_such_value' is undefined" in log, log
    assert "Traceback" not in log


def test_a_second_core_converts_pages_and_the_site_is_the_same(two: Project) -> None:
    """``mkdocs build`` forks a helper converting pages from the last one backwards (normally only
    for 100 pages or more; lowered here) while MkDocs converts them from the first."""
    log = _build_in_a_fresh_process(two, (  # the helper surely gets to some pages
        "from briefgen import html_cache\nhtml_cache.Helper.MIN_PAGES = 1\n" + _slowed_conversions(0.1)))
    helped = re.search(r"converted (\d+) \(and (\d+) on a second core\)", log)
    assert helped and int(helped[1]) > 0 and int(helped[2]) > 0, log
    with_helper = digest(two.site)
    two.write_config("      cache: false")
    assert digest(two.build()) == with_helper


def test_a_second_core_passes_pages_through_the_theme_and_the_site_is_the_same(two: Project) -> None:
    """``mkdocs build`` forks a helper rendering the theme templates of the generated pages from the
    last one backwards (``theme_aside``); the site is the one built on one core."""
    log = _build_in_a_fresh_process(two, (
        "import os, sys, time\nfrom mkdocs.commands import build\nfrom briefgen import theme_aside\n"
        "theme_aside.ThemeHelper.MIN_PAGES = 1\n"
        # MkDocs' page loop waits on its first page, so that the helper gets to (nearly) all the others
        "main, context, waited = os.getpid(), build.get_context, []\n"
        "def slow(*args, **kwargs):\n"
        "    if os.getpid() == main and not waited:\n        waited.append(time.sleep(5))\n"
        "    return context(*args, **kwargs)\n"
        "build.get_context = slow\n"
        "render = theme_aside._Rendered.render\n"
        "def noting(template, context):\n"
        "    print('helped', context['page'].file.src_uri, file=sys.stderr)\n"
        "    return render(template, context)\n"
        "theme_aside._Rendered.render = noting\n"))
    passed = re.search(r"passed (\d+) pages through the theme on a second core", log)
    assert passed and int(passed[1]) > 0, log
    helped = re.findall(r"helped (\S+)", log)
    # among them pages with tags (Material's tags plugin adds them in on_page_context) and search
    # attributes (its search plugin strips them from the page in on_page_context)
    assert any(path.startswith("briefings/") for path in helped), log
    with_helper = digest(two.site)
    two.write_config("      second_core: false")
    log = _build_in_a_fresh_process(two, "")
    assert "through the theme" not in log
    assert digest(two.site) == with_helper
