from __future__ import annotations

from briefgen.text import SentenceIndex, split_sentences


def test_sentences_keep_offsets_and_skip_abbreviations() -> None:
    text = "Dr. Kim met the U.S. envoy. Talks went well! Next: 2025.\nNew paragraph here."
    spans = [text[s.start:s.end] for s in split_sentences(text)]
    assert spans == ["Dr. Kim met the U.S. envoy.", "Talks went well!", "Next: 2025.", "New paragraph here."]


def test_sentence_index_finds_sentence_and_paragraphs() -> None:
    text = "One. Two.\nThree."
    idx = SentenceIndex(text)
    assert idx.at(text.index("Two")).index == 1
    assert [[s.index for s in p] for p in idx.paragraphs()] == [[0, 1], [2]]
