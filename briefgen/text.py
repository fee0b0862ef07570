"""Clean text where it enters, and split an article into paragraphs and sentences, keeping offsets.

The renderer anchors every sentence of a source page, and a citation links to the sentence that
holds its quote.  This splitter is rule-based and fast (it runs on every build, over every article);
the extractor uses spaCy's sentences for its own analysis.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

# Bidirectional overrides, embeddings and isolates reorder what a reader sees ("report\u202efdp.exe"
# displays as "reportexe.pdf"): shown by name instead, so text cannot disguise itself.  Other control
# characters (C0 but tab and newline, DEL, C1) have no business in a page and are dropped.
_BIDI = {"\u202a": "[LRE]", "\u202b": "[RLE]", "\u202c": "[PDF]", "\u202d": "[LRO]", "\u202e": "[RLO]",
         "\u2066": "[LRI]", "\u2067": "[RLI]", "\u2068": "[FSI]", "\u2069": "[PDI]"}
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean_text(text: str) -> str:
    """``text`` without control characters (but tab and newline) and with bidi controls made visible
    ("[RLO]"). Article text and every string of a facts file pass through here as they are read, so
    offsets index the cleaned text and every output (pages, titles, nav, search, PDFs) shows it."""
    if not _UNSAFE.search(text):
        return text
    return _UNSAFE.sub(lambda m: _BIDI.get(m.group(0), ""), text)


# Words that end with a full stop without ending a sentence.
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "rep", "sen", "gov", "st",
    "jr", "sr", "no", "vs", "etc", "inc", "ltd", "corp", "co", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "e.u", "a.m", "p.m",
    "e.g", "i.e", "approx", "est", "dept", "min", "amb", "pres", "rev", "hon", "ma", "md", "mt", "ft", "wm", "sec",
}
_BOUNDARY = re.compile(r"""[.!?]+["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9À-ÖØ-Þ\u0400-\u042f\u0590-\u05ff\u3131-\uD79D])""")


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int


def _is_abbreviation(text: str, dot: int) -> bool:
    start = dot  # walk back over the word before the full stop (a regex anchored at $ would scan from 0)
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "._"):
        start -= 1
    if start == dot:
        return False
    token = text[start:dot].lower().rstrip(".")
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())


def split_sentences(text: str) -> list[Sentence]:
    """Sentences in document order; a newline always ends a sentence (it ends a paragraph)."""
    spans: list[tuple[int, int]] = []
    for para in re.finditer(r"[^\n]+", text):
        start = para.start()
        while start < para.end() and text[start].isspace():
            start += 1
        for match in _BOUNDARY.finditer(text, start, para.end()):
            if _is_abbreviation(text, match.start()):
                continue
            spans.append((start, match.end()))
            start = match.end()
            while start < para.end() and text[start].isspace():
                start += 1
        end = para.end()
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return [Sentence(i, s, e) for i, (s, e) in enumerate(spans)]


class SentenceIndex:
    """Find the sentence that holds a character offset."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.sentences = split_sentences(text)
        self._starts = [s.start for s in self.sentences]

    def at(self, offset: int) -> Sentence:
        i = max(bisect.bisect_right(self._starts, offset) - 1, 0)
        return self.sentences[i] if self.sentences else Sentence(0, 0, len(self.text))

    def paragraphs(self) -> list[list[Sentence]]:
        """Sentences grouped by the line (paragraph) they stand on."""
        groups: list[list[Sentence]] = []
        last_line_end = -1
        for s in self.sentences:
            if groups and self.text.find("\n", last_line_end, s.start) == -1:
                groups[-1].append(s)
            else:
                groups.append([s])
            last_line_end = s.end
        return groups
