"""`mkdocs serve` picks up an edited facts file without a restart."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request

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


def test_serve_rebuilds_when_facts_change(seed_project: Project) -> None:
    log = (seed_project.root / "serve.log").open("w")
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}",
         "-f", str(seed_project.root / "mkdocs.yml")],
        cwd=seed_project.root, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/people/alon-stopel/"
    try:
        assert wait_for(lambda: "chief scientist" in fetch(url)), "serve did not come up"
        facts = seed_project.seed_facts
        facts.write_text(facts.read_text().replace("role: chief scientist", "role: head of research"))
        assert wait_for(lambda: "head of research" in fetch(url), 30), (seed_project.root / "serve.log").read_text()
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()
