"""`mkdocs serve` picks up an edited facts file without a restart."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import Project, free_port, new_project


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


@contextlib.contextmanager
def live_reload(project: Project, builds: list[float]) -> Iterator[Any]:
    """MkDocs' live-reload server set up as ``mkdocs serve`` sets it up (docs and config watched,
    then the plugins' ``on_serve``), its polling made too slow to ever poll: what it hears of a
    change comes from briefgen's watcher.  Each rebuild it asks for reads the articles folder, as a
    real one does, and is timed into ``builds``."""
    import threading

    from mkdocs.config import load_config
    from mkdocs.livereload import LiveReloadServer

    config = load_config(str(project.root / "mkdocs.yml"))
    config.plugins.on_startup(command="serve", dirty=False)
    def rebuild() -> None:
        builds.append(time.monotonic())
        for path in sorted(project.articles.iterdir()):
            path.read_bytes()

    server = LiveReloadServer(builder=rebuild, host="127.0.0.1",
                              port=free_port(), root=str(project.root), polling_interval=3600)
    server.watch(config.docs_dir)
    server.watch(str(project.root / "mkdocs.yml"))
    server = config.plugins.on_serve(server, config=config, builder=server.builder)
    loop = threading.Thread(target=server.serve, daemon=True)
    loop.start()
    try:
        assert wait_for(server.serve_thread.is_alive, 10), "the server did not start"
        yield server
    finally:
        server.shutdown(wait=True)
        config.plugins.on_shutdown()
        loop.join(10)


def test_serve_hears_an_edit_from_the_system_not_by_polling(seed_project: Project) -> None:
    """Under serve, a saved facts file asks for a rebuild at once (the operating system tells, where
    MkDocs polls every 0.5 s), and once: reading the files during the rebuild is not a change,
    and the articles folder is not polled as well, which would ask again a poll later.  (A second
    rebuild would hold the browser's reload until it ends: MkDocs serves no page mid-build.)"""
    builds: list[float] = []
    with live_reload(seed_project, builds) as server:
        polled = {emitter.watch.path for emitter in server.observer.emitters}
        assert str(seed_project.articles) not in polled
        facts = seed_project.seed_facts
        facts.write_text(facts.read_text().replace("role: chief scientist", "role: head of research"))
        assert wait_for(lambda: builds, 10), "the edit asked for no rebuild"
        time.sleep(1)  # MkDocs waits 0.1 s for more changes; nothing else may ask
        assert len(builds) == 1


@pytest.mark.parametrize("case", ["network mount", "file_events: false"])
def test_serve_polls_the_articles_where_the_system_may_not_tell(seed_project: Project, case: str,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """On a network or FUSE mount the system may not tell of a change made on another machine, so
    MkDocs' polling watches the articles folder as it watches docs/; ``file_events: false`` asks
    for that anywhere (the mounts table is a copy of the real one, with the articles on NFS)."""
    from briefgen import watching

    mounts = seed_project.root / "mounts"
    folder = str(seed_project.articles).replace(" ", "\\040")
    mounts.write_text("/dev/sda1 / ext4 rw 0 0\n" + (f"server:/export {folder} nfs4 rw 0 0\n"
                                                      if case == "network mount" else ""))
    monkeypatch.setattr(watching, "MOUNTS", mounts)
    assert watching.file_system(seed_project.articles / "a.md") == ("nfs4" if case == "network mount" else "ext4")
    if case == "file_events: false":
        seed_project.write_config("      file_events: false")
    builds: list[float] = []
    with live_reload(seed_project, builds) as server:
        assert str(seed_project.articles) in {emitter.watch.path for emitter in server.observer.emitters}
        facts = seed_project.seed_facts
        facts.write_text(facts.read_text().replace("role: chief scientist", "role: head of research"))
        time.sleep(1)
        assert builds == []  # this server's polling never polls


def test_mounts_table_names_the_deepest_mount_of_a_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from briefgen import watching

    mounts = tmp_path / "mounts"
    mounts.write_text("/dev/sda1 / ext4 rw 0 0\n//nas/team /srv/team\\040share cifs rw 0 0\n"
                      "tmpfs /srv/team\\040share/scratch tmpfs rw 0 0\n/dev/sdb1 /srv/teamwork xfs rw 0 0\n")
    monkeypatch.setattr(watching, "MOUNTS", mounts)
    assert watching.file_system(Path("/srv/team share/articles")) == "cifs"
    assert watching.file_system(Path("/srv/team share/scratch/a")) == "tmpfs"
    assert watching.file_system(Path("/srv/teamwork/articles")) == "xfs"  # not inside /srv/team
    assert watching.file_system(Path("/srv/team")) == "ext4"
    monkeypatch.setattr(watching, "MOUNTS", tmp_path / "none")  # no table: not Linux
    assert watching.file_system(Path("/srv")) is None


def test_a_build_after_serve_in_the_same_process_is_a_build_of_its_own(tmp_path: Path) -> None:
    """MkDocs keeps briefgen's plugin object for the whole process (a plugin with ``on_startup``), so a
    process that serves one site and then builds another (a tool, a test run) must build the second
    from its own files: not with the first's memo in memory, and writing its own for its next build."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from briefgen import memo

    served, built = new_project(tmp_path / "served"), new_project(tmp_path / "built")
    for project in (served, built):
        project.add_seed()
    config = load_config(str(served.root / "mkdocs.yml"))
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        build(config)  # serve's first build: the memo is kept in memory
    finally:
        config.plugins.on_shutdown()
    again = load_config(str(built.root / "mkdocs.yml"))
    assert again.plugins["briefgen"] is config.plugins["briefgen"]  # MkDocs' plugin cache
    built.build()
    assert (built.root / ".cache" / "briefgen" / memo.FILE_NAME).is_file()
    assert "Alon Stopel" in built.html("people/alon-stopel/index.html")
