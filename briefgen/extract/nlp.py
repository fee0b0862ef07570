"""spaCy for tokens and sentences: a model the user installed if there is one, else a blank English
pipeline with the rule-based sentencizer (no download needed)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

PREFERRED_MODELS = ("en_core_web_trf", "en_core_web_lg", "en_core_web_md", "en_core_web_sm")
# abbreviations in names that spaCy's English exceptions lack: "Ma. Cristina Roque" is one sentence
NAME_ABBREVIATIONS = ("Ma.", "Md.", "Mt.", "Ft.", "Wm.", "Amb.", "Sec.")


@functools.lru_cache(maxsize=1)
def pipeline() -> Any:
    import spacy

    for name in PREFERRED_MODELS:
        try:
            nlp = spacy.load(name, exclude=["lemmatizer"])
        except (OSError, ImportError, ValueError):
            continue
        if "parser" not in nlp.pipe_names and "senter" not in nlp.pipe_names:
            nlp.add_pipe("sentencizer")
        return _with_abbreviations(nlp)
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return _with_abbreviations(nlp)


def _with_abbreviations(nlp: Any) -> Any:
    from spacy.symbols import ORTH

    for abbreviation in NAME_ABBREVIATIONS:
        nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
    return nlp


@dataclass(frozen=True)
class Sent:
    start: int
    end: int
    text: str


CHUNK = 100_000  # characters given to spaCy at once; far below its max_length, whatever the line


def _chunks(line: str) -> list[tuple[int, str]]:
    """A line cut at whitespace into pieces of at most ``CHUNK`` characters, with their offsets."""
    pieces: list[tuple[int, str]] = []
    start = 0
    while len(line) - start > CHUNK:
        cut = line.rfind(" ", start + CHUNK // 2, start + CHUNK)
        cut = cut + 1 if cut > 0 else start + CHUNK
        pieces.append((start, line[start:cut]))
        start = cut
    pieces.append((start, line[start:]))
    return pieces


def sentences(text: str) -> tuple[list[Sent], list[tuple[int, int, str]]]:
    """Sentences (never across a line break) and, when a model is installed, its PERSON/ORG/GPE spans."""
    nlp = pipeline()
    sents: list[Sent] = []
    ents: list[tuple[int, int, str]] = []
    offset = 0
    for line in text.split("\n"):
        for shift, piece in _chunks(line) if line.strip() else ():
            doc = nlp(piece)
            base = offset + shift
            for s in doc.sents:
                start, end = base + s.start_char, base + s.end_char
                while end > start and text[end - 1].isspace():
                    end -= 1
                if end > start:
                    sents.append(Sent(start, end, text[start:end]))
            ents.extend((base + e.start_char, base + e.end_char, e.label_) for e in doc.ents)
        offset += len(line) + 1
    return sents, ents
