"""`mkdocs serve` picks up an edited facts file without a restart."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import Project, free_port


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(predicate, timeout: float = 60.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


@contextlib.contextmanager
def serving(project: Project, command: str) -> Iterator[str]:
    """``command`` ("mkdocs serve ...", "briefgen serve ...") running on the project, its output in
    ``serve.log``; yields the URL of a person's page once it is served."""
    log = (project.root / "serve.log").open("w")
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    tool, _, options = command.partition(" serve")
    config = ["-f", str(project.root / "mkdocs.yml")]
    args = ([sys.executable, "-m", "mkdocs", "serve", *config] if tool == "mkdocs" else
            [sys.executable, "-m", "briefgen.cli", *config, "serve"])
    proc = subprocess.Popen([*args, "-a", f"127.0.0.1:{port}", *options.split()],
                            cwd=project.root, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/people/alon-stopel/"
    try:
        assert wait_for(lambda: "chief scientist" in fetch(url)), "serve did not come up"
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()


@pytest.mark.parametrize("command", ["mkdocs serve", "mkdocs serve --dirty --no-strict", "briefgen serve --dirty"])
def test_serve_rebuilds_when_facts_change(seed_project: Project, command: str) -> None:
    """Plain serve rebuilds everything; --dirty (for large corpora) only the pages the edit touched
    (MkDocs warns that a dirty build is one, so strict mode is off for it; briefgen's does that)."""
    with serving(seed_project, command) as url:
        facts = seed_project.seed_facts
        facts.write_text(facts.read_text().replace("role: chief scientist", "role: head of research"))
        assert wait_for(lambda: "head of research" in fetch(url), 30), (seed_project.root / "serve.log").read_text()
        # a second edit too: the first rebuild must leave the server ready for more
        facts.write_text(facts.read_text().replace("role: head of research", "role: research director"))
        assert wait_for(lambda: "research director" in fetch(url), 30), (seed_project.root / "serve.log").read_text()


@pytest.mark.browser
def test_open_page_shows_an_edit_by_itself(seed_project: Project, browser: Any) -> None:
    """A page open in the browser under ``briefgen serve`` shows a facts file's edit by itself:
    MkDocs' live reload reloads it once the rebuild is done (the person opening it does nothing)."""
    from playwright.sync_api import expect

    context = browser.new_context()
    try:
        with serving(seed_project, "briefgen serve --dirty") as url:
            page = context.new_page()
            page.goto(url)
            article = page.locator("article")
            expect(article).to_contain_text("chief scientist")
            page.wait_for_function("() => document.readyState === 'complete'")
            facts = seed_project.seed_facts
            facts.write_text(facts.read_text().replace("role: chief scientist", "role: head of research"))
            expect(article).to_contain_text("head of research", timeout=30_000)
            assert page.url == url  # the same page, reloaded in place
    finally:
        context.close()
