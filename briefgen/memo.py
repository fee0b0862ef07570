"""What one build keeps for the next: loaded briefings, the site's plan and rendered pages.

``mkdocs serve`` keeps a ``Memo`` in memory between rebuilds.  ``mkdocs build`` and the CLI keep
it on disk (``.cache/briefgen/memo.pickle``, next to the chart cache), so a build after an edit
loads only the facts files that changed, updates the plan when the edit keeps every briefing's
shape (``plan.replan``) and renders only the pages the edit touches — like Pelican's content
cache.  Whether an entry still holds is decided where it is used: a briefing by
the size, mtime and inode of its facts file and article (``corpus``), a page by its templates,
settings, what it may link to and the briefings it shows (``render``).

The file on disk is only trusted by the same briefgen code on the same Python and libraries
(``_code_stamp``) and with the checksum it was written with; anything else — another version, a
damaged or truncated file — is a miss and the build starts from nothing.  Like every build cache
it holds Python objects (pickle): keep it out of places other people can write to, as you would
``mkdocs.yml`` or ``hooks``.
"""

from __future__ import annotations

import hashlib
import logging
import mmap
import pickle
import platform
import sys
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import pool
from .yamlio import write_atomic

if TYPE_CHECKING:
    from .corpus import Briefing, Corpus
    from .plan import Settings, SitePlan
    from .render import Renderer

FILE_NAME = "memo.pickle"
# what unpickling damaged bytes raises (the code that wrote them is known to be this code)
_DAMAGED = (pickle.UnpicklingError, EOFError, AttributeError, ImportError, IndexError, KeyError, TypeError,
            ValueError)
_PACKAGE = Path(__file__).resolve().parent

log = logging.getLogger(__name__)


@dataclass
class Memo:
    """Briefings loaded, the site planned and pages rendered by earlier builds, and compiled templates
    (in memory only)."""

    briefings: dict[Path, Briefing] = field(default_factory=dict)
    pages: dict[str, tuple[str, str]] = field(default_factory=dict)  # path -> (key, Markdown)
    renderers: dict[Path | None, Renderer] = field(default_factory=dict)
    saved: str = ""  # signature of what is on disk (kept in its header), so an unchanged memo is
    # not written again
    # the last plan: a build after an edit updates it too (kept on disk with the briefings it points to)
    planned: tuple[Settings, list[Briefing], SitePlan] | None = None

    def renderer(self, templates: Path | None, compiled: Path | None = None) -> Renderer:
        """The renderer of ``templates``, kept for the next rebuild; ``compiled``: a folder keeping
        compiled templates between builds."""
        from .render import Renderer

        if templates not in self.renderers:
            self.renderers[templates] = Renderer(templates, reload=True, compiled=compiled)
        return self.renderers[templates]

    def plan(self, corpus: Corpus, settings: Settings) -> SitePlan:
        """The site's plan: the last one made here, updated, when no briefing changed its shape
        (``plan.replan``: ``mkdocs serve`` after a reviewer's edit), else a new one.  The last
        plan is updated in place: a ``Generated`` of an earlier build with this memo shows the new
        facts too."""
        from .plan import plan_site, replan

        last = self.planned
        made = replan(last[2], last[1], corpus) if last is not None and last[0] == settings else None
        if made is None:
            made = plan_site(corpus, settings)
        self.planned = (settings, list(corpus.briefings), made)
        return made

    def signature(self) -> str:
        rows = ([(str(p), b.stamp) for p, b in self.briefings.items()],
                [(p, key) for p, (key, _) in self.pages.items()],
                None if self.planned is None else (repr(self.planned[0]), [b.stamp for b in self.planned[1]]))
        return hashlib.sha256(repr(rows).encode()).hexdigest()

    @classmethod
    def load(cls, folder: Path) -> Memo:
        """The memo saved in ``folder``, or an empty one when there is none this code can trust."""
        found = read_trusted(folder / FILE_NAME)
        if found is None:
            return cls()
        (briefings, pages, planned), signature = found
        return cls(briefings, pages, saved=signature, planned=planned)

    def save(self, folder: Path) -> None:
        """Write the memo into ``folder`` unless it holds exactly this already."""
        signature = self.signature()
        # the plan with the briefings in one pickle: its briefings are the very objects of the memo's, so
        # the next build sees which of them it loads again (``plan.replan``)
        value = (self.briefings, self.pages, self.planned)
        if signature != self.saved and write_trusted(folder / FILE_NAME, value, signature):
            self.saved = signature

    def save_aside(self, folder: Path) -> pool.Background:
        """``save`` in a forked process while the build goes on (pickling 1,000 briefings takes about
        a second); the caller joins it before the build ends.  Saved here when forking is not safe."""
        return pool.Background() if self.signature() == self.saved else pool.in_background(self.save, folder)


def read_trusted(path: Path) -> tuple[Any, str] | None:
    """What ``write_trusted`` pickled into ``path`` and its signature; ``None`` when there is no such
    file, other code wrote it or its bytes are not the ones written."""
    try:
        with path.open("rb") as file:
            # mapped, not read: copying ~25 MB into a new bytes object took 0.04-0.06 s of each
            # build (the fresh copy's page faults).  Files are replaced whole (``write_atomic``),
            # never rewritten in place, so the mapped bytes stay those of the file opened.
            mapped = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):  # ValueError: an empty file, which cannot be mapped
        return None
    with mapped, memoryview(mapped) as view:
        cut = mapped.find(b"\n")
        stamp, _, signature = bytes(view[:max(cut, 0)]).rpartition(b" ")
        with view[cut + 1:] as payload:
            if cut < 0 or stamp != f"{_code_stamp()} {hashlib.sha256(payload).hexdigest()}".encode():
                log.debug("cache %s not used: other code wrote it, or its bytes are not the ones written", path)
                return None
            try:
                # what is loaded lives as long as the build: the collector need not scan it again
                # and again (one full collection over it cost ~0.4 s with 1,000 briefings)
                value = pool.unpickle(payload, lasting=True)
            except _DAMAGED:  # a damaged cache is a cache miss, never a failed build
                log.debug("cache %s not used: it does not unpickle", path)
                return None
    return value, signature.decode("ascii", "replace")


def write_trusted(path: Path, value: Any, signature: str) -> bool:
    """Pickle ``value`` into ``path`` with a header naming this code, the payload's checksum and
    ``signature`` (what the caller compares to skip rewriting).  False when it cannot be written:
    a cache that cannot be written only costs time."""
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    header = f"{_code_stamp()} {hashlib.sha256(payload).hexdigest()} {signature}\n".encode()
    try:
        write_atomic(path, header + payload)
    except OSError:
        return False
    return True


def _code_stamp() -> str:
    """One line naming the code that wrote a memo: briefgen's files, Python and the libraries whose
    objects it holds (pydantic models, Jinja-rendered text)."""
    rows: list[Any] = [sys.version, platform.machine()]
    rows += [(name, metadata.version(name)) for name in ("pydantic", "pydantic-core", "jinja2")]
    for path in sorted(_PACKAGE.rglob("*.py")):
        st = path.stat()
        rows.append((str(path.relative_to(_PACKAGE)), st.st_size, st.st_mtime_ns))
    return "briefgen-memo " + hashlib.sha256(repr(rows).encode()).hexdigest()
