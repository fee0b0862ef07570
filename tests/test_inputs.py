"""Broken and unusual input: each case has a stated outcome — a clear error naming file and line, or
a safe, correct result.  (Hostile text in articles: test_site.py and test_pdf.py; hostile facts files:
test_facts.py; unsafe names: test_slugs.py.)"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SEED_ARTICLE, Project

from briefgen.cli import main
from briefgen.corpus import load_corpus
from briefgen.errors import BriefgenError
from briefgen.generate import generate

INGEST = "2026-11-25"


def facts_for(name: str, text: str, title: str, quotes: dict[str, str], published: str = "2025-01-13") -> str:
    """A facts file: one topic per quote, offsets into ``text`` as read."""
    def ev(q: str) -> str:
        s = text.index(q)
        return json.dumps({"quote": q, "start": s, "end": s + len(q)}, ensure_ascii=False)

    topics = "".join(f"  - id: {tid}\n    name: {json.dumps(q[:40], ensure_ascii=False)}\n    evidence: {ev(q)}\n"
                     for tid, q in quotes.items())
    return (f"version: 1\nsource:\n  file: {name}\n  title: {json.dumps(title, ensure_ascii=False)}\n"
            f"  published: {published}\ntopics:\n{topics}")


def extract(*paths: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["extract", "--ingest-date", INGEST, *map(str, paths)])
    return result.exit_code, result.output


# --- articles a person might drop into the folder -------------------------------------------------

BAD_ARTICLES = {
    # name: (bytes, expected message)
    "empty.txt": (b"", r"empty\.txt:1: article is empty"),
    "blank.txt": (b"  \n\n \n", r"blank\.txt:1: article is empty"),
    "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", r"binary\.txt(:\d+)?: article is (not UTF-8|binary)"),
    "latin1.txt": ("Title\n\nSeoul, May 1 (Wire) Caf\u00e9 talks.\n".encode("latin-1"),
                   r"latin1\.txt:3: article is not UTF-8 text \(byte \d+\)"),
    "page.html": (b"<html><head><title></title></head><body><script>x()</script></body></html>",
                  r"page\.html: no article text found"),
}


@pytest.mark.parametrize("name", sorted(BAD_ARTICLES))
def test_unreadable_article_is_one_clear_error_in_build_and_extract(tmp_path: Path, name: str) -> None:
    data, message = BAD_ARTICLES[name]
    (tmp_path / name).write_bytes(data)
    (tmp_path / "x.facts.yaml").write_text(f"version: 1\nsource:\n  file: {name}\n  title: T\n")
    with pytest.raises(BriefgenError) as info:
        load_corpus(tmp_path)
    assert re.search(message, info.value.message), info.value.message
    (tmp_path / "x.facts.yaml").unlink()
    code, output = extract(tmp_path / name)
    assert code == 1 and re.search(message, " ".join(output.split())), output
    assert "Traceback" not in output and not (tmp_path / name).with_suffix(".facts.yaml").exists()


def test_bom_and_crlf_articles_give_offsets_into_the_text_as_read(tmp_path: Path) -> None:
    seed = SEED_ARTICLE.read_text()
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + seed.encode())
    (tmp_path / "crlf.txt").write_bytes(seed.replace("\n", "\r\n").encode())
    code, output = extract(tmp_path / "bom.txt", tmp_path / "crlf.txt")
    assert code == 0, output
    corpus = load_corpus(tmp_path)  # every quote is at its offsets
    assert len(corpus.briefings) == 2
    for b in corpus.briefings:
        assert b.text == seed  # BOM dropped, CRLF read as LF, exactly as Python's text mode reads it
        assert b.facts.source.title == seed.splitlines()[0]
        people = {p.name for p in b.facts.people}
        assert {"Je Kyung-hee", "Alon Stopel", "Jingo Kikukawa"} <= people


def test_hangul_hebrew_and_emoji_build_and_show_as_written(project: Project) -> None:
    text = ("서울 🚀 Tel Aviv: שיתוף פעולה\n\nSeoul, June 2 (Wire) 제경희 met דנה לוי 🤝 to sign a deal.\n")
    quotes = {"hangul": "제경희", "hebrew": "דנה לוי", "emoji": "🤝 to sign a deal"}
    (project.articles / "scripts.txt").write_text(text)
    (project.articles / "scripts.facts.yaml").write_text(
        facts_for("scripts.txt", text, text.splitlines()[0], quotes, "2025-06-02"))
    site = project.build()
    page = (site / "briefings/2025/scripts/index.html").read_text()
    assert "<title>서울 🚀 Tel Aviv: שיתוף פעולה" in page
    for q in quotes.values():
        assert q in page
    source = (site / "sources/scripts/index.html").read_text()
    assert "제경희 met דנה לוי 🤝 to sign a deal." in source


def test_five_megabyte_article(tmp_path: Path) -> None:
    paragraph = SEED_ARTICLE.read_text().split("\n\n", 1)[1]
    last = ("Finally, Marta Lindqvist, the director of research at Sweden's innovation agency, said the "
            "agency would fund 12 new projects worth $5 million.")
    text = "A Very Long Report on Technology Cooperation\n\n" + "\n\n".join(
        [paragraph] * (5_000_000 // len(paragraph) + 1) + [last]) + "\n"
    assert len(text.encode()) > 5_000_000
    big = tmp_path / "big.txt"
    big.write_text(text)
    code, output = extract(big)
    assert code == 0, output
    corpus = load_corpus(tmp_path)  # every quote found at its offsets
    facts = corpus.briefings[0].facts
    people = {p.name: p for p in facts.people}
    assert {"Je Kyung-hee", "Alon Stopel", "Marta Lindqvist"} <= set(people)
    assert people["Marta Lindqvist"].evidence.start > 5_000_000  # facts come from the whole text
    assert len(facts.trends) == 1  # a statement repeated 3,000 times is one fact
    generated = generate(tmp_path)
    assert len(generated.pages["sources/big.md"]) > 5_000_000


def test_ten_thousand_facts_in_one_file(project: Project) -> None:
    text = SEED_ARTICLE.read_text()
    words = [(m.start(), m.group()) for m in re.finditer(r"\w+", text)]
    lines = ["version: 1", "source:", "  file: many.txt", "  title: Many facts", "  published: 2025-01-13",
             "figures:"]
    for i in range(10_000):
        start, word = words[i % len(words)]
        lines += [f"  - id: f{i}", f"    summary: count {i} of {word}", f"    value: {i}", "    unit: items",
                  f"    evidence: {{quote: {json.dumps(word)}, start: {start}, end: {start + len(word)}}}"]
    (project.articles / "many.txt").write_text(text)
    (project.articles / "many.facts.yaml").write_text("\n".join(lines) + "\n")
    corpus = load_corpus(project.articles)
    assert len(corpus.briefings[0].facts.figures) == 10_000
    site = project.build()
    page = (site / "briefings/2025/many/index.html").read_text()
    assert "count 9999 of" in page and "9,999 items" in page


def test_facts_file_error_leaves_reviewed_facts_untouched(seed_project: Project) -> None:
    """A failing build never rewrites a facts file."""
    facts = seed_project.seed_facts
    broken = facts.read_text().replace("    founded: 2001", "    founded: soon")
    facts.write_text(broken)
    with pytest.raises(Exception, match="BuildError"):
        seed_project.build()
    assert facts.read_text() == broken
    for command in (["build"], ["validate", "--fix"], ["pdf", "--out", str(seed_project.root / "pdf")]):
        result = CliRunner().invoke(main, ["-f", str(seed_project.root / "mkdocs.yml"), *command])
        assert result.exit_code == 1 and "organizations.1.founded" in result.output, (command, result.output)
        assert facts.read_text() == broken
