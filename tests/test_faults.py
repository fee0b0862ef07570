"""Faults a user's machine meets, on a copy of the example: damaged caches, killed builds and
extractions, a full disk.  Every case ends in the site a clean build gives, byte for byte, or one
line naming the cause, and the reviewed facts file is never changed.

Builds run as processes of their own: a build in this process would find charts and templates in
its memory and never read the damaged files."""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO, repository_project

from briefgen.facts import load_facts

pytestmark = pytest.mark.slow
BIN = Path(sys.executable).parent
SEED = "000_c5969467402c19b7.facts.yaml"


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}  # reproducible without it
    env["NO_MKDOCS_2_WARNING"] = "1"
    return env


def build(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "-q"], cwd=root, env=_env(),
                          capture_output=True, text=True, timeout=300)


def snapshot(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def differences(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    return sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    """A copy of the repository's site, built once from nothing (PDFs on), and what it built."""
    root = tmp_path_factory.mktemp("faults")
    repository_project(root)
    result = build(root)
    assert result.returncode == 0, result.stderr
    return root, snapshot(root / "site")


def _fresh(example: tuple[Path, dict[str, bytes]], tmp_path: Path) -> Path:
    root = tmp_path / "copy"
    shutil.copytree(example[0], root)
    return root


def test_two_clean_builds_without_source_date_epoch_are_identical_pdfs_included(
        example: tuple[Path, dict[str, bytes]], tmp_path: Path) -> None:
    root = _fresh(example, tmp_path)
    shutil.rmtree(root / "site")
    shutil.rmtree(root / ".cache")
    time.sleep(1.1)  # a time stamp in seconds would differ
    assert build(root).returncode == 0
    built = snapshot(root / "site")
    assert any(name.endswith(".pdf") for name in built)
    assert differences(built, example[1]) == []


DAMAGE = {
    "emptied": lambda p: p.write_bytes(b""),
    "truncated": lambda p: p.write_bytes(p.read_bytes()[: max(1, p.stat().st_size // 2)]),
    "random bytes": lambda p: p.write_bytes(random.Random(p.name).randbytes(max(64, p.stat().st_size))),
    "a folder": lambda p: (p.unlink(), p.mkdir(), (p / "x").write_bytes(b"x")),
}


@pytest.mark.parametrize("how", sorted(DAMAGE))
def test_a_damaged_cache_changes_nothing_published(example: tuple[Path, dict[str, bytes]], tmp_path: Path,
                                                   how: str) -> None:
    root = _fresh(example, tmp_path)
    entries = [p for p in (root / ".cache").rglob("*") if p.is_file()]
    kinds = {p.relative_to(root / ".cache").parts[1] for p in entries}
    assert {"charts", "memo.pickle", "html.pickle"} <= kinds, kinds
    assert any("templates" in p.parts or p.suffix == ".cache" for p in entries), entries  # Jinja's
    for p in entries:
        DAMAGE[how](p)
    result = build(root)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert differences(snapshot(root / "site"), example[1]) == []
    # the damaged entries were made again: the next build finds them whole and changes nothing
    assert build(root).returncode == 0
    assert differences(snapshot(root / "site"), example[1]) == []


def _killed(command: list[str], root: Path, after: float) -> None:
    process = subprocess.Popen(command, cwd=root, env=_env(), start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(after)
    with contextlib.suppress(ProcessLookupError):  # done already
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=60)


@pytest.mark.parametrize("after", [0.3, 1.0, 2.5])
def test_a_killed_build_is_followed_by_a_correct_build(example: tuple[Path, dict[str, bytes]], tmp_path: Path,
                                                       after: float) -> None:
    root = _fresh(example, tmp_path)
    shutil.rmtree(root / "site")
    _killed([str(BIN / "mkdocs"), "build", "-q"], root, after)
    assert build(root).returncode == 0
    assert differences(snapshot(root / "site"), example[1]) == []


@pytest.mark.parametrize("after", [0.3, 1.0, 2.0])
def test_a_killed_extraction_leaves_the_reviewed_file_whole(example: tuple[Path, dict[str, bytes]],
                                                            tmp_path: Path, after: float) -> None:
    root = _fresh(example, tmp_path)
    shutil.copy(REPO / "tests" / "articles" / "japan_uk.txt", root / "articles")
    _killed([str(BIN / "briefgen"), "extract", "--ingest-date", "2026-11-25", "articles"], root, after)
    load_facts(root / "articles" / SEED)  # whole and valid (raises otherwise)
    assert not [p for p in (root / "articles").iterdir() if p.name.startswith(".")]  # no stray temporary files


def test_a_full_disk_loses_nothing_reviewed(example: tuple[Path, dict[str, bytes]], tmp_path: Path) -> None:
    root = _fresh(example, tmp_path)
    reviewed = (root / "articles" / SEED).read_bytes()
    shutil.copy(REPO / "tests" / "articles" / "japan_uk.txt", root / "articles")
    extract = subprocess.run(["bash", "-c", f"ulimit -f 8; exec {BIN / 'briefgen'} extract --ingest-date 2026-11-25 "
                              "articles"], cwd=root, env=_env(), capture_output=True, text=True, timeout=120)
    assert extract.returncode == 1 and "File too large" in extract.stderr + extract.stdout
    assert "Traceback" not in extract.stderr + extract.stdout
    assert (root / "articles" / SEED).read_bytes() == reviewed
    shutil.rmtree(root / "site")
    shutil.rmtree(root / ".cache")
    built = subprocess.run(["bash", "-c", f"ulimit -f 64; exec {BIN / 'briefgen'} build"], cwd=root, env=_env(),
                           capture_output=True, text=True, timeout=300)
    assert built.returncode == 1 and "Traceback" not in built.stderr, built.stderr
    assert "site build failed: File too large" in " ".join(built.stderr.split()), built.stderr
    assert (root / "articles" / SEED).read_bytes() == reviewed
