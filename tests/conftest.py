"""Shared fixtures: throwaway projects built with the real MkDocs, served on localhost."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import socket
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEED_ARTICLE = REPO / "articles" / "000_c5969467402c19b7.txt"
SEED_FACTS = REPO / "articles" / "000_c5969467402c19b7.facts.yaml"
REFERENCE = Path(__file__).resolve().parent / "reference"  # copies of shared/ (see its README)
GOLD = REFERENCE / "gold" / "000_c5969467402c19b7.yaml"
CHECK_SITE = REFERENCE / "tools" / "check_site.py"
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

MKDOCS_YML = """\
site_name: Test Briefings
strict: true
theme:
  name: material
  font: false
  features: [navigation.tabs, navigation.sections, navigation.indexes, navigation.prune]
plugins:
  - search
  - tags
  - briefgen:
      articles: articles
{extra}
markdown_extensions: [attr_list, tables]
validation:
  links: {{not_found: warn, anchors: warn, unrecognized_links: warn}}
"""


class Project:
    """A site folder: mkdocs.yml, docs/, articles/."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.articles = root / "articles"
        self.site = root / "site"

    def write_config(self, extra: str = "") -> None:
        (self.root / "mkdocs.yml").write_text(MKDOCS_YML.format(extra=extra), encoding="utf-8")

    def add_seed(self) -> None:
        shutil.copy(SEED_ARTICLE, self.articles / SEED_ARTICLE.name)
        shutil.copy(SEED_FACTS, self.articles / SEED_FACTS.name)

    @property
    def seed_facts(self) -> Path:
        return self.articles / SEED_FACTS.name

    def build(self) -> Path:
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        config = load_config(str(self.root / "mkdocs.yml"))
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
        return self.site

    def html(self, rel: str) -> str:
        return (self.site / rel).read_text(encoding="utf-8")


def new_project(root: Path) -> Project:
    """An empty site folder at ``root``: docs/, articles/ and the default mkdocs.yml."""
    p = Project(root)
    (p.root / "docs").mkdir(parents=True)
    p.articles.mkdir()
    p.write_config()
    return p


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return new_project(tmp_path / "proj")


@pytest.fixture
def seed_project(project: Project) -> Project:
    project.add_seed()
    return project


MULTILINGUAL = Path(__file__).resolve().parent / "fixtures" / "multilingual"


def copy_into(folder: Path, articles: Path) -> None:
    """Copy a fixture folder's articles and facts files into a project's articles folder."""
    for f in folder.iterdir():
        shutil.copy(f, articles / f.name)


def repository_project(root: Path) -> Project:
    """A copy of the repository's site: its mkdocs.yml, docs/ and articles/."""
    for name in ("mkdocs.yml", "docs", "articles"):
        src = REPO / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, root / name)
    return Project(root)


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed briefing built once per session with the repository's own mkdocs.yml."""
    return repository_project(tmp_path_factory.mktemp("seedsite")).build()


@pytest.fixture(scope="session")
def multi_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed and the multilingual fixture (Hangul, Hebrew) in one site, repository config."""
    project = repository_project(tmp_path_factory.mktemp("multisite"))
    copy_into(MULTILINGUAL, project.articles)
    return project.build()


def free_port() -> int:
    with contextlib.closing(socket.socket()) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve_dir(root: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing; .ci/run installs Debian's chromium package")
        pytest.skip("Debian's chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


PYTHON = sys.executable


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Under CI=true a skipped test is a failure: CI must prove everything, tools included."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    if os.environ.get("CI") == "true" and skipped and session.exitstatus == 0:
        session.exitstatus = 1
        if reporter:
            reporter.write_line(f"CI=true: {skipped} skipped test(s) count as failures", red=True)
