"""Every link, anchor and asset of a built site resolves: a walk over every page."""

from __future__ import annotations

import html.parser
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

EXTERNAL = ("http:", "https:", "mailto:", "data:")


class _Refs(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refs: list[tuple[str, str]] = []  # (tag.attr, url)
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("id", "name") and value:
                self.ids.add(value)
            if value is not None and (name in ("href", "src") or (tag == "link" and name == "href")):
                self.refs.append((f"{tag}.{name}", value))


def _parse(path: Path) -> _Refs:
    parser = _Refs()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def broken_links(site: Path) -> list[str]:
    pages = {p: _parse(p) for p in site.rglob("*.html")}
    problems: list[str] = []
    for page, refs in sorted(pages.items()):
        for where, url in refs.refs:
            if url.startswith(EXTERNAL) or url == "":
                continue
            if url.lower().startswith("javascript:"):
                problems.append(f"{page.relative_to(site)}: {where} is a javascript: URL")
                continue
            parts = urlsplit(url)
            if parts.path:
                # "/x" (the 404 page's links, as no site_url is set) is relative to the site's root
                folder = "" if parts.path.startswith("/") else page.parent.relative_to(site).as_posix()
                rel = posixpath.normpath(posixpath.join(folder, unquote(parts.path).lstrip("/")))
                target = (site / rel).resolve()
                if not target.is_relative_to(site.resolve()):
                    problems.append(f"{page.relative_to(site)}: {where}={url} leaves the site")
                    continue
                if target.is_dir():
                    target = target / "index.html"
            else:
                target = page
            if not target.is_file():
                problems.append(f"{page.relative_to(site)}: {where}={url}: no such file")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else _parse(target).ids
                if unquote(parts.fragment) not in ids:
                    problems.append(f"{page.relative_to(site)}: {where}={url}: no such anchor")
    return problems


@pytest.mark.parametrize("fixture", ["seed_site", "multi_site"])
def test_no_broken_link_anchor_or_asset(fixture: str, request: pytest.FixtureRequest) -> None:
    site: Path = request.getfixturevalue(fixture)
    pages = list(site.rglob("*.html"))
    assert len(pages) > 20
    assert broken_links(site) == []


def test_the_walker_finds_broken_links(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<a href="a/">ok</a><a href="#top" id="top">ok</a><a href="/a/#here">ok</a>'
                                         '<a href="missing/">x</a><a href="a/#nope">y</a><img src="../x.png">')
    (tmp_path / "a" / "index.html").write_text('<p id="here">a</p><a href="../index.html#top">ok</a>')
    found = broken_links(tmp_path)
    assert len(found) == 3, found
    assert any("missing/" in f for f in found) and any("#nope" in f for f in found)
    assert any("leaves the site" in f for f in found)
