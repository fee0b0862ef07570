"""spaCy for tokens and sentences: a model the user installed if there is one, else a blank English
pipeline with the rule-based sentencizer (no download needed)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

PREFERRED_MODELS = ("en_core_web_trf", "en_core_web_lg", "en_core_web_md", "en_core_web_sm")


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
        return nlp
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


@dataclass(frozen=True)
class Sent:
    start: int
    end: int
    text: str


def sentences(text: str) -> tuple[list[Sent], list[tuple[int, int, str]]]:
    """Sentences (never across a line break) and, when a model is installed, its PERSON/ORG/GPE spans."""
    nlp = pipeline()
    sents: list[Sent] = []
    ents: list[tuple[int, int, str]] = []
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            doc = nlp(line)
            for s in doc.sents:
                start, end = offset + s.start_char, offset + s.end_char
                while end > start and text[end - 1].isspace():
                    end -= 1
                if end > start:
                    sents.append(Sent(start, end, text[start:end]))
            ents.extend((offset + e.start_char, offset + e.end_char, e.label_) for e in doc.ents)
        offset += len(line) + 1
    return sents, ents
