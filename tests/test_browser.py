"""The built site in a real browser: Debian's Chromium driven by Playwright."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import serve_dir

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site_url(seed_site: Path) -> Iterator[str]:
    with serve_dir(seed_site) as url:
        yield url


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    problems: list[str] = []
    pg.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    pg.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    # ERR_ABORTED is a load the page itself cancelled (navigation away), not a broken request
    pg.on("requestfailed", lambda r: problems.append(f"request failed: {r.url} {r.failure}")
          if "ERR_ABORTED" not in (r.failure or "") else None)
    pg.on("response", lambda r: problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
    yield pg
    pg.wait_for_load_state("load")
    found = list(problems)
    context.close()
    assert found == []


def search(page: Any, site_url: str, query: str) -> list[str]:
    page.goto(site_url + "/")
    box = page.locator("input.md-search__input")
    box.click()
    if query.isascii():
        box.press_sequentially(query, delay=20)
    else:  # Hangul and Hebrew arrive as an input method would give them: composed text
        page.keyboard.insert_text(query)
        box.press("End")
    results = page.locator(".md-search-result__item a, a.md-search-result__link")
    results.first.wait_for(timeout=15000)
    return [results.nth(i).get_attribute("href") or "" for i in range(results.count())]


def test_search_finds_the_briefing(page: Any, site_url: str) -> None:
    hrefs = search(page, site_url, "semiconductor")
    assert any("briefings/2025/000-c5969467402c19b7/" in h for h in hrefs), hrefs


def test_search_finds_the_person(page: Any, site_url: str) -> None:
    hrefs = search(page, site_url, "Kikukawa")
    assert any("people/jingo-kikukawa/" in h for h in hrefs), hrefs
    page.locator("a[href*='people/jingo-kikukawa/']").first.click()
    page.wait_for_url("**/people/jingo-kikukawa/**")
    assert "director general for innovation and environment" in page.inner_text("article")


def test_citation_opens_highlighted_sentence(page: Any, site_url: str) -> None:
    page.goto(site_url + "/briefings/2025/000-c5969467402c19b7/")
    cite = page.locator("a.bg-cite").nth(3)
    href = cite.get_attribute("href")
    cite.click()
    anchor = href.split("#")[1]
    page.wait_for_url(f"**/sources/000-c5969467402c19b7/#{anchor}")
    target = page.locator(f"#{anchor}")
    assert "bg-cited" in (target.get_attribute("class") or "")
    assert page.evaluate("(id) => document.querySelector(':target')?.id", None) == anchor
    box = target.bounding_box()
    assert box is not None and 0 <= box["y"] < 900, box
    background = target.evaluate("e => getComputedStyle(e).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")


def test_tag_opens_tag_listing(page: Any, site_url: str) -> None:
    page.goto(site_url + "/briefings/2025/000-c5969467402c19b7/")
    page.locator("a.md-tag", has_text="semiconductors").first.click()
    page.wait_for_load_state()
    assert "/tags/" in page.url
    assert "South Korea Aims to Enhance Tech Collaboration" in page.inner_text("article")


def test_person_link_from_briefing(page: Any, site_url: str) -> None:
    page.goto(site_url + "/briefings/2025/000-c5969467402c19b7/")
    page.locator("article a", has_text="Alon Stopel").first.click()
    page.wait_for_url("**/people/alon-stopel/")
    assert page.locator("h1").inner_text().rstrip("¶ ") == "Alon Stopel"


def test_download_pdf_link_serves_the_pdf(page: Any, site_url: str) -> None:
    page.goto(site_url + "/briefings/2025/000-c5969467402c19b7/")
    link = page.locator("article a", has_text="Download PDF")
    href = link.get_attribute("href")
    response = page.request.get(page.url + href)
    assert response.status == 200 and response.body().startswith(b"%PDF-")
    page.goto(site_url + "/")
    book = page.locator("article a", has_text="briefing book").get_attribute("href")
    assert page.request.get(site_url + "/" + book).body().startswith(b"%PDF-")


def test_printed_page_has_no_chrome_and_shows_link_targets(page: Any, site_url: str) -> None:
    page.goto(site_url + "/about/")
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer",
                   ".md-search"):
        assert not page.locator(chrome).first.is_visible(), chrome
    assert page.locator("article").is_visible()
    after = page.locator("article a[href^='https://www.mkdocs.org']").evaluate(
        "a => getComputedStyle(a, '::after').content")
    assert "https://www.mkdocs.org/" in after
    page.emulate_media(media="screen")
    assert page.locator(".md-header").is_visible()


@pytest.fixture(scope="module")
def multi_url(multi_site: Path) -> Iterator[str]:
    with serve_dir(multi_site) as url:
        yield url


@pytest.mark.parametrize(("query", "target"), [("박지원", "people/park-ji-won/"), ("לוי", "people/dana-levi/")])
def test_search_in_hangul_and_hebrew(page: Any, multi_url: str, query: str, target: str) -> None:
    hrefs = search(page, multi_url, query)
    assert any(target in h for h in hrefs), hrefs
    page.locator(f"a[href*='{target}']").first.click()
    page.wait_for_url(f"**/{target}**")
    assert query in page.locator("h1").inner_text()


AXE_PAGES = ["", "briefings/2025/000-c5969467402c19b7/", "people/je-kyung-hee/", "timeline/", "figures/",
             "sources/000-c5969467402c19b7/"]


@pytest.mark.parametrize("path", AXE_PAGES)
def test_no_serious_accessibility_violation(page: Any, site_url: str, path: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page.goto(f"{site_url}/{path}")
    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    report = "\n".join(f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
                       for v in serious)
    assert serious == [], report


def test_chart_has_a_text_alternative(page: Any, site_url: str) -> None:
    page.goto(site_url + "/figures/")
    chart = page.locator("img.bg-chart").first
    assert "from 7 applications in 2020 to 34 applications in 2024" in (chart.get_attribute("alt") or "")
    table = page.locator("article table", has_text="2020").first
    assert "34" in table.inner_text()
