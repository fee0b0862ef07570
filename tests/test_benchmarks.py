"""The benchmark suite runs from one command and reports what the scale issue asks for."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import CHROMIUM

REPO = Path(__file__).resolve().parent.parent


def test_benchmark_command_prints_a_table_and_writes_json(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    run = subprocess.run([sys.executable, "-m", "benchmarks", "--sizes", "3", "--serve-sizes", "3",
                          "--pdf-sizes", "", "--json", str(out)], cwd=REPO, capture_output=True, text=True,
                         env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=600)
    assert run.returncode == 0, run.stderr
    header, rule, row = run.stdout.strip().splitlines()
    assert header.split(" | ")[0].strip() == "articles" and set(rule) <= {"-", "|"}
    assert row.split(" | ")[0].strip() == "3"
    (result,) = json.loads(out.read_text())["rows"]
    assert result["articles"] == 3
    assert result["pages"] > 3 * 2  # a briefing and a source page per article, and entity pages
    for build in ("cold", "warm", "edited"):
        assert 0 <= result[f"core_s_{build}"] < result[f"build_s_{build}"]
    assert 0 < result["charts_s_cold"] <= result["core_s_cold"]  # 3 charts, drawn while it waited
    assert 0 <= result["core_share_cold_but_charts"] < result["core_share_cold"]
    assert result["search_index_kb"] > 0 and result["build_peak_rss_mb"] > 0
    assert result["extract_articles_per_s_warm"] > 0
    # serve's edit latency: served over HTTP, and shown in Chromium after MkDocs' live reload
    assert 0 < result["serve_edit_s_median"] <= result["serve_edit_s_max"] < 60
    if Path(CHROMIUM).exists() or os.environ.get("CI") == "true":  # CI installs it
        assert 0 < result["browser_edit_s_median"] <= result["browser_edit_s_max"] < 60
