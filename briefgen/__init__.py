"""briefgen: news articles in, evidence-backed briefing sites and PDFs out."""

from __future__ import annotations

__version__ = "0.1.0"

from .corpus import Briefing, Corpus, load_corpus
from .errors import BriefgenError, EvidenceError, FactsError, SourceError, TemplateError
from .generate import Generated, generate
from .plan import Settings, plan_site
from .schema import FactsFile

__all__ = [
    "BriefgenError",
    "Briefing",
    "Corpus",
    "EvidenceError",
    "FactsError",
    "FactsFile",
    "Generated",
    "Settings",
    "SourceError",
    "TemplateError",
    "__version__",
    "generate",
    "load_corpus",
    "plan_site",
]
