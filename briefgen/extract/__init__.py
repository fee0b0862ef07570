"""Rule-based extraction of facts with evidence from articles (spaCy, dateparser, pycountry, text2num)."""

from __future__ import annotations

from .pipeline import Options, extract_facts

__all__ = ["Options", "extract_facts"]
