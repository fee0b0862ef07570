"""Hostile and unusual articles, second round: numbers of any length and sign stay exact from the
article to the page, and one article's odd number never stops the site."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import Project

from briefgen.cli import main
from briefgen.errors import BriefgenError
from briefgen.facts import load_facts
from briefgen.markup import compact

INGEST = "2026-11-25"


def extract(project: Project, name: str, text: str) -> Path:
    (project.articles / name).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", "--ingest-date", INGEST, str(project.articles / name)])
    assert result.exit_code == 0, result.output
    return (project.articles / name).with_suffix(".facts.yaml")


def figures(facts: Path) -> dict[str, tuple[object, str]]:
    return {f.evidence.quote: (f.value, f.unit) for f in load_facts(facts)[0].figures}


def test_an_amount_of_any_length_is_drafted_exactly_and_the_site_builds(project: Project) -> None:
    huge = "1" + "0" * 300
    text = ("Ministry to fund exascale research\n\nSeoul, June 2 (Wire) The ministry will invest $"
            f"{huge} in the programme, and a further $1,000,000,000,000,000,000,000,000,000,000 in grants, "
            "officials said on Monday.\n")
    facts = extract(project, "huge.txt", text)
    values = {v for v, _ in figures(facts).values()}
    assert 10**300 in values and 10**30 in values  # not 1e300 or 1000000000000000019884624838656
    written = facts.read_text()
    assert huge in written and "inf" not in written and "19884624838656" not in written
    site = project.build()
    page = next(site.glob("briefings/*/huge/index.html")).read_text()
    assert "1.0 × 10³⁰⁰" in page and "1.0 × 10³⁰" in page


@pytest.mark.parametrize("sentence", [
    "Seoul, June 2 (Wire) Growth in the region was \u22123.5 percent in 2024, officials said.",
    "Seoul, June 2 (Wire) Officials said the economy shrank, with output at -3.5 per cent last year.",
])
def test_a_negative_percentage_keeps_its_sign(project: Project, sentence: str) -> None:
    facts = extract(project, "neg.txt", "Output falls\n\n" + sentence + "\n")
    assert (-3.5, "percent") in figures(facts).values()


def test_a_range_is_not_a_negative_number(project: Project) -> None:
    facts = extract(project, "range.txt", "Prices\n\nSeoul, June 2 (Wire) Prices rose 2-3% in 2024, it said.\n")
    assert all(v >= 0 for v, _ in figures(facts).values())  # type: ignore[operator]


def test_an_infinite_value_in_a_facts_file_is_one_clear_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Title\n\nIt costs 5 dollars.\n")
    (tmp_path / "a.facts.yaml").write_text(
        "version: 1\nsource:\n  file: a.txt\n  title: Title\nfigures:\n  - id: f\n    summary: Cost\n"
        "    value: .inf\n    unit: USD\n    evidence: {quote: 5 dollars, start: 15, end: 24}\n")
    with pytest.raises(BriefgenError) as info:
        load_facts(tmp_path / "a.facts.yaml")
    assert "a.facts.yaml:8" in str(info.value) and "value" in str(info.value)


@pytest.mark.parametrize(("value", "shown"), [
    (8_000_000, "8 million"), (1_234_567, "1,234,567"), (10**30, "1.0 × 10³⁰"),
    (12345678901234567890, "≈1.235 × 10¹⁹"), (10**400, "1.0 × 10⁴⁰⁰"), (-3.5, "-3.5"),
])
def test_values_are_shown_compactly_and_never_raise(value: float, shown: str) -> None:
    assert compact(value) == shown


def test_bidi_and_control_characters_never_reach_a_page(project: Project) -> None:
    title = "Annual report\u202efdp.exe\x07\x1b[31m ready\x7f\x85"
    text = f"{title}\n\nSeoul, June 2 (Wire) The ministry said the report\u2066x\u2069 was ready.\n"
    facts = extract(project, "bidi.txt", text)
    written = load_facts(facts)[0]
    assert written.source.title == "Annual report[RLO]fdp.exe[31m ready"
    site = project.build()
    for page in site.rglob("*"):
        if page.suffix in {".html", ".json", ".xml"}:
            content = page.read_text(encoding="utf-8")
            assert not any(c in content for c in "\u202e\u2066\u2069\x07\x1b\x7f\x85"), page
    page = next(site.glob("briefings/*/bidi/index.html")).read_text()
    assert "<title>Annual report[RLO]fdp.exe[31m ready" in page
    assert "report[LRI]x[PDI] was ready" in next(site.glob("sources/bidi/index.html")).read_text()


def test_front_matter_is_not_the_headline(project: Project) -> None:
    text = ("---\ntitle: ignored\nauthor: Desk\n---\n# Ministers agree on chips\n\n"
            "Seoul, June 2 (Wire) Ministers agreed on Monday to cooperate on semiconductors.\n")
    facts = extract(project, "fm.md", text)
    assert load_facts(facts)[0].source.title == "Ministers agree on chips"


def test_a_link_address_with_parentheses_leaves_no_stray_bracket(project: Project) -> None:
    text = ("# Talks in [Seoul](https://en.wikipedia.org/wiki/Seoul_(city)) end\n\n"
            "Seoul, June 2 (Wire) Ministers met on Monday.\n")
    facts = extract(project, "link.md", text)
    assert load_facts(facts)[0].source.title == "Talks in Seoul end"


@pytest.mark.parametrize("name", ["briefing-book", "index", "search", "assets", "tags", "pdf", "sitemap", "404"])
def test_an_article_named_like_a_generated_file_takes_no_files_place(project: Project, name: str) -> None:
    from briefgen.generate import generate, pdf_paths
    from briefgen.plan import Settings
    from briefgen.printing import BOOK_NAME

    text = "Ministers meet\n\nSeoul, June 2 (Wire) Ministers met on Monday to discuss chips.\n"
    extract(project, f"{name}.txt", text)
    extract(project, "other.txt", text.replace("chips", "batteries"))
    generated = generate(project.articles)
    paths = pdf_paths(generated, Settings())
    assert len(set(paths)) == len(paths) and paths[-1].endswith(BOOK_NAME)
    pages = [spec.path for spec in generated.plan.pages]
    assert len(set(pages)) == len(pages)
    assert name not in {view.slug for view in generated.plan.index.briefings}


def _person_file(name: str, text: str, person: str, role: str, review: str, published: str) -> str:
    start = text.index(person)
    return (f"version: 1\nsource:\n  file: {name}\n  title: {text.splitlines()[0]}\n  published: {published}\n"
            f"people:\n  - id: park-ji-won\n    name: {person}\n    role: {role}\n"
            f"    evidence: {{quote: {person}, start: {start}, end: {start + len(person)}}}\n    review: {review}\n")


def test_a_reviewed_person_wins_over_a_newer_draft_and_two_reviews_both_show(project: Project) -> None:
    old = "Envoy visits\n\nSeoul, May 2 (Wire) Ambassador Park Ji-won met officials.\n"
    new = "Envoy returns\n\nSeoul, June 2 (Wire) Minister Park Ji Won spoke to reporters.\n"
    (project.articles / "old.txt").write_text(old)
    (project.articles / "new.txt").write_text(new)
    (project.articles / "old.facts.yaml").write_text(
        _person_file("old.txt", old, "Park Ji-won", "Ambassador", "reviewed", "2025-05-02"))
    (project.articles / "new.facts.yaml").write_text(
        _person_file("new.txt", new, "Park Ji Won", "Minister", "unreviewed", "2025-06-02"))
    site = project.build()
    person = (site / "people/park-ji-won/index.html").read_text()
    assert "<title>Park Ji-won" in person and "Ambassador" in person.split('id="in-briefings"')[0]
    assert "Also described" not in person  # a draft is no second description
    assert "Park Ji-won" in (site / "briefings/2025/old/index.html").read_text()
    # a second person reviews the newer file: both reviews show, each with its source
    (project.articles / "new.facts.yaml").write_text(
        _person_file("new.txt", new, "Park Ji Won", "Minister", "reviewed", "2025-06-02"))
    site = project.build()
    person = (site / "people/park-ji-won/index.html").read_text()
    details = person.split('id="in-briefings"')[0]
    assert "Park Ji Won" in details and "Minister" in details
    assert "Also described, in reviewed briefings, as" in details and "Park Ji-won, Ambassador" in details
