"""Edit latency of ``mkdocs serve``: from saving a facts file to the edited page being served, and
to the edited page being shown in a browser that has it open.

Starts ``mkdocs serve`` (with and without ``--dirty``) on a built benchmark project, waits for
the first build, opens that briefing's page in Debian's Chromium (Playwright), changes one
person's role in one facts file, and measures two times from the save: until the page served over
HTTP has the new role (polled), and until the open page shows it (MkDocs' live reload reloads it
once the rebuild is done).  Both include MkDocs' file watcher and the rebuild.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

CHROMIUM = "/usr/bin/chromium"  # Debian's package; Playwright never downloads a browser here
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, OSError):
        return None


def _wait_for(url: str, text: str, timeout: float, start: float | None = None) -> float:
    """Seconds from ``start`` (default: now) until the page at ``url`` has ``text``."""
    start = time.perf_counter() if start is None else start
    while time.perf_counter() - start < timeout:
        body = _get(url)
        if body is not None and text in body:
            return time.perf_counter() - start
        time.sleep(0.05)
    raise TimeoutError(f"{url} did not show {text!r} within {timeout:.0f} s")


def _served_into(times: list[float], url: str, text: str, timeout: float, start: float) -> None:
    times.append(_wait_for(url, text, timeout, start))


@contextlib.contextmanager
def _open_page(url: str) -> Iterator[Any | None]:
    """The page at ``url`` open in Chromium, or ``None`` (said on stderr) without Chromium or
    Playwright (``pip install -e '.[test]'`` and Debian's ``chromium`` package)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    if sync_playwright is None or not Path(CHROMIUM).exists():
        print(f"serve: no browser times (needs Playwright and {CHROMIUM})", file=sys.stderr, flush=True)
        yield None
        return
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(url, wait_until="load")
            yield page
        finally:
            browser.close()


def _shown(page: Any, text: str, timeout: float, start: float) -> float:
    """Seconds from ``start`` until the open ``page`` shows ``text``, checked every 20 ms (the page
    is reloaded by MkDocs' live reload meanwhile; a check during the reload fails and is retried)."""
    from playwright.sync_api import Error

    while time.perf_counter() - start < timeout:
        with contextlib.suppress(Error):
            if page.evaluate("text => document.body !== null && document.body.textContent.includes(text)", text):
                return time.perf_counter() - start
        time.sleep(0.02)
    raise TimeoutError(f"{page.url} did not show {text!r} within {timeout:.0f} s")


def edit_latency(root: Path, dirty: bool, edits: int = 5,
                 timeout: float = 900) -> tuple[float, list[float], list[float]]:
    """(first build seconds, seconds from saving each edit to the edited page being served, and
    to it being shown in the browser: empty without one)."""
    files = sorted((root / "articles").glob("*.facts.yaml"))
    facts = files[len(files) // 2]
    data = yaml.safe_load(facts.read_text())
    year = str(data["source"]["published"])[:4]
    key = facts.name.removesuffix(".facts.yaml")
    port = _free_port()
    url = f"http://127.0.0.1:{port}/briefings/{year}/{key}/"
    command = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"] + (["--dirty"] if dirty else [])
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    log = (root / "serve.log").open("w")  # a pipe nobody reads would fill up and stop the server
    server = subprocess.Popen(command, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
    original = facts.read_text()
    try:
        start = time.perf_counter()
        _wait_for(url, "<html", timeout)
        first = time.perf_counter() - start
        served: list[float] = []
        shown: list[float] = []
        with _open_page(url) as page:
            for n in range(edits):
                time.sleep(2)  # let the watcher settle after the last build
                marker = f"edited role {n} {int(time.time())}"
                edited, count = re.subn(r"(?m)^(\s+role: ).*$", rf"\g<1>{marker}", original, count=1)
                if not count:
                    raise RuntimeError(f"{facts} has no role to edit")
                start = time.perf_counter()
                facts.write_text(edited)
                poll = threading.Thread(target=_served_into, args=(served, url, marker, timeout, start))
                poll.start()
                if page is not None:
                    shown.append(_shown(page, marker, timeout, start))
                poll.join()
                if len(served) <= n:
                    raise TimeoutError(f"{url} did not show {marker!r} within {timeout:.0f} s")
        return first, served, shown
    finally:
        server.terminate()
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
        facts.write_text(original)
        log.close()
