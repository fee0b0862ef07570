"""Edit latency of ``mkdocs serve``: from saving a facts file to the edited page being served.

Starts ``mkdocs serve`` (with and without ``--dirty``) on a built benchmark project, waits for
the first build, changes one person's role in one facts file, and polls that briefing's page over
HTTP until the new role is in it.  The time includes MkDocs' file watcher and the rebuild.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import yaml


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


def _wait_for(url: str, text: str, timeout: float) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        body = _get(url)
        if body is not None and text in body:
            return time.perf_counter() - start
        time.sleep(0.05)
    raise TimeoutError(f"{url} did not show {text!r} within {timeout:.0f} s")


def edit_latency(root: Path, dirty: bool, edits: int = 3, timeout: float = 900) -> tuple[float, list[float]]:
    """(first build seconds, seconds from saving each edit to the edited page being served)."""
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
        seconds = []
        for n in range(edits):
            time.sleep(2)  # let the watcher settle after the last build
            marker = f"edited role {n} {int(time.time())}"
            edited, count = re.subn(r"(?m)^(\s+role: ).*$", rf"\g<1>{marker}", original, count=1)
            if not count:
                raise RuntimeError(f"{facts} has no role to edit")
            facts.write_text(edited)
            seconds.append(_wait_for(url, marker, timeout))
        return first, seconds
    finally:
        server.terminate()
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
        facts.write_text(original)
        log.close()
