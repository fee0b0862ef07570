"""The briefgen command as a person uses it: help for every command, one clear error, same Markdown."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import Project

from briefgen.cli import main

COMMANDS = ["validate", "render", "build", "pdf", "serve", "schema", "extract"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str) -> None:
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output and len(result.output.splitlines()) > 3


def test_validate_reports_one_clear_message(seed_project: Project) -> None:
    facts = seed_project.seed_facts
    facts.write_text(facts.read_text().replace("    founded: 2001", "    founded: soon"))
    result = CliRunner().invoke(main, ["-f", str(seed_project.root / "mkdocs.yml"), "validate"])
    assert result.exit_code == 1
    assert "organizations.1.founded" in result.output and ":61:" in result.output
    assert "Traceback" not in result.output


def test_validate_ok(seed_project: Project) -> None:
    result = CliRunner().invoke(main, ["-f", str(seed_project.root / "mkdocs.yml"), "validate"])
    assert result.exit_code == 0, result.output
    assert "every quote found" in result.output


def test_render_writes_the_markdown_the_plugin_builds(seed_project: Project, tmp_path: Path) -> None:
    out = tmp_path / "md"
    result = CliRunner().invoke(main, ["-f", str(seed_project.root / "mkdocs.yml"), "render", "--out", str(out)])
    assert result.exit_code == 0, result.output
    md = (out / "people/alon-stopel.md").read_text()
    assert md.startswith("---\ntitle: \"Alon Stopel\"")
    from briefgen.cli import Project as CliProject
    from briefgen.generate import generate

    p = CliProject(seed_project.root / "mkdocs.yml")
    same = generate(p.articles, p.templates, p.settings())
    assert same.pages["people/alon-stopel.md"] == md
    assert (out / "figures/charts").is_dir()


def test_build_command_builds_the_site(seed_project: Project) -> None:
    result = CliRunner().invoke(main, ["-f", str(seed_project.root / "mkdocs.yml"), "build"])
    assert result.exit_code == 0, result.output
    assert (seed_project.site / "people/je-kyung-hee/index.html").is_file()


def test_missing_config_is_a_message(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["-f", str(tmp_path / "nope.yml"), "build"])
    assert result.exit_code == 1 and "no mkdocs.yml" in result.output
