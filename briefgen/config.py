"""The plugin's options in ``mkdocs.yml`` (``plugins: - briefgen: {...}``), typed with MkDocs' config API."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class PrintConfig(base.Config):
    paper = c.Choice(("A4", "Letter"), default="A4")
    """Paper size of the PDFs."""
    marking = c.Optional(c.Type(str))
    """Handling marking printed in every PDF's running header, e.g. ``FOR OFFICIAL USE``."""
    dir = c.Type(str, default="pdf")
    """Folder of the site the PDFs are written to."""
    jobs = c.Type(int, default=0)
    """Worker processes printing PDFs; 0 means one per CPU."""
    on_serve = c.Type(bool, default=False)
    """Also print PDFs on every ``mkdocs serve`` rebuild (slow); off, the PDF links are left out."""


class BriefgenConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Turn the plugin off without removing its settings."""
    articles = c.Type(str, default="articles")
    """Folder of source articles and their ``.facts.yaml`` files, relative to ``mkdocs.yml``."""
    templates = c.Optional(c.Type(str))
    """Folder of templates that override briefgen's own (same file names), relative to ``mkdocs.yml``."""
    nav = c.Type(bool, default=True)
    """Add the generated sections (Briefings, People, ...) to the navigation."""
    nav_group_threshold = c.Type(int, default=40)
    """Most entries one nav section lists; larger sections are split (by year and month, or by initial
    letter, then into ranges), so every page's navigation stays small and builds stay near linear."""
    latest = c.Type(int, default=20)
    """Briefings the home page and each entity page show in full; older ones are listed as links."""
    cache = c.Type(bool, default=True)
    """Keep loaded briefings, rendered pages, their HTML and drawn charts on disk between builds, so
    a build loads, renders, converts and draws only what changed."""
    cache_dir = c.Type(str, default=".cache/briefgen")
    """Folder of that cache, relative to ``mkdocs.yml``."""
    second_core = c.Type(bool, default=True)
    """Let ``mkdocs build`` use a second CPU: facts loaded, pages rendered, converted and passed
    through the theme templates by forked helpers meanwhile (the site is the same either way)."""
    file_events = c.Type(bool, default=True)
    """Under ``mkdocs serve``, hear changes in the articles and templates folders from the operating
    system (inotify) where they are on a local file system, so an edit is noticed at once; off, or
    on other file systems, MkDocs polls them every 0.5 s like its own folders (turn it off if edits
    made outside a container or VM are not noticed)."""
    pdf = c.Type(bool, default=False)
    """Write one PDF per briefing and a briefing book after the build (``on_post_build``)."""
    print = c.SubConfig(PrintConfig)
    """PDF options."""
