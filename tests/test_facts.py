"""Facts files with every kind of mistake stop with one message naming file, line and field."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from conftest import SEED_ARTICLE, SEED_FACTS

from briefgen.corpus import load_corpus
from briefgen.errors import BriefgenError, EvidenceError, FactsError
from briefgen.schema import json_schema_text


def make(tmp_path: Path, edit: object) -> Path:
    root = tmp_path / "articles"
    root.mkdir()
    (root / "a.txt").write_text(SEED_ARTICLE.read_text())
    text = SEED_FACTS.read_text().replace("000_c5969467402c19b7.txt", "a.txt")
    text = edit(text) if callable(edit) else str(edit)
    (root / "a.facts.yaml").write_text(text)
    return root


CASES = {
    "yaml syntax": (lambda t: t.replace("    role: chief scientist", "    role: [chief scientist"),
                    r"a.facts.yaml:30: YAML syntax error"),
    "missing field": (lambda t: t.replace("    name: Alon Stopel\n", "", 1),
                      r"a.facts.yaml:27: people.1.name: required field is missing"),
    "unknown field": (lambda t: t.replace("    role: chief scientist", "    rolle: chief scientist"),
                      r"a.facts.yaml:29: people.1.rolle: unknown field"),
    "wrong type": (lambda t: t.replace("    founded: 2001", "    founded: soon"),
                   r"a.facts.yaml:61: organizations.1.founded: Input should be a valid integer"),
    "quote not in source": (lambda t: t.replace('quote: "Alon Stopel, the chief', 'quote: "Alon Stopel, THE chief'),
                            r"a.facts.yaml:33: people.1.evidence.quote: quote not found in a.txt"),
    "duplicate id": (lambda t: t.replace("  - id: alon-stopel", "  - id: je-kyung-hee"),
                     r"a.facts.yaml:27: people.1.id: duplicate id 'je-kyung-hee'"),
    "unknown reference": (lambda t: t.replace("    organization: israel-innovation-ministry",
                                              "    organization: nowhere"),
                          r"a.facts.yaml:30: people.1.organization: unknown organisation 'nowhere'"),
    "duplicate key": (lambda t: t.replace("    role: chief scientist", "    role: a\n    role: b"),
                      r"a.facts.yaml:30: YAML syntax error: duplicate key"),
    "merge key": (lambda t: t.replace("    role: chief scientist", "    <<: {role: chief scientist}"),
                  r"a.facts.yaml:29: YAML merge keys \(<<\) are not allowed"),
    "key that is a list": (lambda t: t.replace("    role: chief scientist", "    ? [role]\n    : chief scientist"),
                           r"a.facts.yaml:29: YAML syntax error: a key must be a plain value"),
    "python tag": (lambda t: t.replace("    role: chief scientist", "    role: !!python/object:os.system x"),
                   r"a.facts.yaml:29: YAML tag .*python/object.* is not allowed"),
    "billion laughs": ('a: &a ["lol","lol","lol"]\nb: &b [*a,*a,*a]\nc: [*b,*b,*b]\n',
                       r"a.facts.yaml:1: YAML anchors \(&name\) are not allowed"),
    "empty file": ("", r"a.facts.yaml:1: facts file is empty"),
    "not a mapping": ("- 1\n- 2\n", r"a.facts.yaml:1: a facts file must be a mapping"),
    "offsets disagree with quote": (lambda t: t.replace("    end: 101\n", "    end: 105\n", 1),
                                    r"a.facts.yaml:11: source.evidence: end - start is 35"),
    "source outside folder": (lambda t: t.replace("file: a.txt", "file: ../../../etc/passwd"),
                              r"source file '../../../etc/passwd' is outside the articles folder"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_facts_file_gives_located_message(tmp_path: Path, case: str) -> None:
    edit, expected = CASES[case]
    root = make(tmp_path, edit)
    with pytest.raises(BriefgenError) as info:
        load_corpus(root)
    assert len(info.value.problems) >= 1
    import re

    assert re.search(expected, info.value.message), info.value.message
    assert str(root / "a.facts.yaml") in info.value.message


def test_quote_not_in_source_is_an_evidence_error(tmp_path: Path) -> None:
    root = make(tmp_path, CASES["quote not in source"][0])
    with pytest.raises(EvidenceError):
        load_corpus(root)


def test_every_problem_in_a_file_is_reported_at_once(tmp_path: Path) -> None:
    root = make(tmp_path, lambda t: t.replace("    role: chief scientist", "    rank: x")
                .replace("    founded: 2001", "    founded: soon"))
    with pytest.raises(FactsError) as info:
        load_corpus(root)
    assert len(info.value.problems) == 2


def test_moved_quote_is_found_and_fixable(tmp_path: Path) -> None:
    root = make(tmp_path, lambda t: t)
    article = root / "a.txt"
    article.write_text("An added first line.\n" + article.read_text())
    corpus = load_corpus(root)
    (b,) = corpus.briefings
    assert b.moved and all(m.new[0] == m.old[0] + len("An added first line.\n") for m in b.moved)
    assert "quote moved in the source" in corpus.warnings()[0]
    from briefgen.facts_edit import write_moved_offsets

    before = (root / "a.facts.yaml").read_text()
    write_moved_offsets(b)
    after = (root / "a.facts.yaml").read_text()
    assert "# Facts of the example article" in after  # comments survive the rewrite
    assert after != before
    assert not load_corpus(root).briefings[0].moved


def test_json_schema_shipped_is_current() -> None:
    shipped = Path(__file__).resolve().parent.parent / "briefgen" / "schemas" / "facts.schema.json"
    assert shipped.read_text() == json_schema_text(), "run: briefgen schema -o briefgen/schemas/facts.schema.json"
    schema = json.loads(shipped.read_text())
    assert "people" in schema["properties"] and "Evidence" in schema["$defs"]


def test_seed_facts_file_names_its_schema() -> None:
    assert SEED_FACTS.read_text().startswith("# yaml-language-server: $schema=../briefgen/schemas/")


def test_facts_file_reads_as_yaml_does(tmp_path: Path) -> None:
    """briefgen builds the data from the parsed nodes itself: numbers, dates, booleans, nulls and
    keys come out as PyYAML's safe loader gives them (keys as text)."""
    import yaml

    from briefgen.yamlio import load, to_plain

    extra = "notes:\n  2020: first\n  true: x\n  day: 2024-01-13\n  '=': 0x1F\n  n: ~\n  ratio: 1_000.5\n"
    # every kind of plain value PyYAML's safe loader resolves (YAML 1.1), and look-alikes that are text
    values = ["yes", "Off", "''", "", ".inf", "-.Inf", "190:20:30", "0o17", "017", "0b101", "1.5e3", "+12",
              "-0", "2024-01-13 10:20:30", "2024-1-3", "nullish", "NULL", "Null", "~x", "=x", "<<x", "'7'",
              "\"true\"", "12 people", "3.", ".5", "y", "1,000"]
    extra += "more:\n" + "".join(f"  - {value}\n" for value in values)
    path = tmp_path / "a.facts.yaml"
    path.write_text(SEED_FACTS.read_text() + extra)

    data, _ = load(path)
    assert data == to_plain(yaml.safe_load(path.read_text()))  # to_plain: keys as text
    assert data["notes"] == {"2020": "first", "True": "x", "day": datetime.date(2024, 1, 13), "=": 31,
                             "n": None, "ratio": 1000.5}
