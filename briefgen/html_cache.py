"""Generated pages whose Markdown-to-HTML conversion is kept between builds (the plugin's side).

MkDocs converts every page's Markdown on every build: about half of a 1,000-article build, for
pages that mostly did not change.  A page converts to the same HTML when its Markdown, its URL, the
Markdown settings and the files its links point to are the same, so the plugin gives each generated
page a ``GeneratedPage`` (MkDocs lets a plugin set ``File.page`` to a ``Page`` subclass), whose
``render`` reuses the HTML, table of contents and anchors of the previous conversion when all of
that holds, and converts (MkDocs' own ``Page.render``) when it does not.

What is kept, and when it is trusted:

* the key: the Markdown after every plugin's ``on_page_markdown``, the page's path and URL, and the
  Markdown extensions, their options and the versions of the packages providing them;
* every file the links were resolved to (path and URL), checked again before reuse, so a page
  whose link target moved or disappeared is converted again (and MkDocs warns as usual);
* nothing from a conversion that logged a warning or left a link unresolved: those pages are
  converted on every build, so ``--strict`` fails the same way warm or cold.

An extension that reads other files while converting (``pymdownx.snippets``) can change a page's
HTML without changing its Markdown, so a page that uses snippets is not kept.  ``cache: false``
turns this (and the rest of the cache) off.  Kept in memory by ``mkdocs serve``, on disk in
``.cache/briefgen/html.pickle`` (trusted like the memo: same code, checksum) by ``mkdocs build``.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import pickle
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any, cast

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from .memo import read_trusted, write_trusted

FILE_NAME = "html.pickle"
_SNIPPET = "--8<--"


@dataclass
class Conversion:
    """One page's converted Markdown, and what it was converted from and with."""

    key: str
    content: str
    toc: bytes  # the pickled TableOfContents: plugins change a page's in place (Material's tags)
    title: str | None
    anchors: set[str]  # ids present in the page
    links_to_anchors: dict[str, dict[str, str]] | None  # target path -> {anchor: link}, as MkDocs keeps it
    targets: dict[str, str]  # every path a link was resolved to -> that file's URL


@dataclass
class Conversions:
    """Conversions of generated pages by path, from earlier builds and this one."""

    entries: dict[str, Conversion] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)  # paths converted or reused by this build
    changed: bool = False
    reused: int = 0
    converted: int = 0

    @classmethod
    def load(cls, folder: Path) -> Conversions:
        found = read_trusted(folder / FILE_NAME)
        return cls(found[0]) if found is not None else cls()

    def save(self, folder: Path) -> None:
        if self.changed and write_trusted(folder / FILE_NAME, self.entries, ""):
            self.changed = False

    def start_build(self) -> None:
        self.used.clear()
        self.reused = self.converted = 0

    def forget_unused(self) -> None:
        """Drop the pages this (full) build did not have: deleted briefings, renamed entities."""
        for path in set(self.entries) - self.used:
            del self.entries[path]
            self.changed = True

    def reuse(self, path: str, key: str, files: Files) -> Conversion | None:
        self.used.add(path)
        known = self.entries.get(path)
        if known is None or known.key != key:
            return None
        for target, url in known.targets.items():
            file = files.get_file_from_path(target)
            if file is None or file.url != url or file.inclusion.is_excluded():
                return None
        self.reused += 1
        return known

    def keep(self, path: str, conversion: Conversion | None) -> None:
        self.converted += 1
        if conversion is None:
            if self.entries.pop(path, None) is not None:
                self.changed = True
        else:
            self.entries[path] = conversion
            self.changed = True


class GeneratedPage(Page):
    """A page of generated Markdown; ``render`` reuses an unchanged conversion."""

    def __init__(self, title: str | None, file: File, config: MkDocsConfig, conversions: Conversions) -> None:
        super().__init__(title, file, config)
        self.conversions = conversions

    def render(self, config: MkDocsConfig, files: Files) -> None:
        if self.markdown is None:
            raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
        settings = markdown_settings(config)
        path = self.file.src_uri
        key = None
        if settings is not None and _SNIPPET not in self.markdown:
            text = "\0".join((settings, path, self.file.url, self.markdown))
            key = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
            known = self.conversions.reuse(path, key, files)
            if known is not None:
                self.content = known.content
                self.toc = pickle.loads(known.toc)
                self._title_from_render = known.title
                self.present_anchor_ids = set(known.anchors)
                self.links_to_anchors = None if known.links_to_anchors is None else {
                    cast(File, files.get_file_from_path(target)): dict(anchors)
                    for target, anchors in known.links_to_anchors.items()}
                return
        recording = _RecordingFiles(files)
        warned = _Warned()
        mkdocs_log = logging.getLogger("mkdocs")
        mkdocs_log.addHandler(warned)
        try:
            super().render(config, cast(Files, recording))
        finally:
            mkdocs_log.removeHandler(warned)
        if key is None or warned.count or None in recording.found.values():
            self.conversions.keep(path, None)
            return
        assert self.content is not None and self.present_anchor_ids is not None
        self.conversions.keep(path, Conversion(
            key, self.content, pickle.dumps(self.toc, pickle.HIGHEST_PROTOCOL), self._title_from_render,
            set(self.present_anchor_ids),
            None if self.links_to_anchors is None else {
                f.src_uri: dict(anchors) for f, anchors in self.links_to_anchors.items()},
            {target: url for target, url in recording.found.items() if url is not None}))


class _RecordingFiles:
    """The build's ``Files``, noting every path MkDocs resolves a link to while converting a page."""

    def __init__(self, files: Files) -> None:
        self._files = files
        self.found: dict[str, str | None] = {}

    def get_file_from_path(self, path: str) -> File | None:
        file = self._files.get_file_from_path(path)
        self.found[path] = None if file is None or file.inclusion.is_excluded() else file.url
        return file

    def __getattr__(self, name: str) -> Any:
        return getattr(self._files, name)


class _Warned(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def markdown_settings(config: MkDocsConfig) -> str | None:
    """What a page's HTML depends on besides its Markdown, URL and link targets; ``None`` when it
    may depend on more (an extension that reads files on its own)."""
    extensions = config.markdown_extensions
    configs = config.mdx_configs or {}
    if not all(isinstance(name, str) for name in extensions):
        return None
    if "pymdownx.snippets" in extensions and configs.get("pymdownx.snippets", {}).get("auto_append"):
        return None
    modules = tuple(sorted({name.split(".")[0] for name in extensions} | {"markdown", "mkdocs"}))
    return repr((_stable(list(extensions)), _stable(configs), config.use_directory_urls, _versions(modules)))


@functools.lru_cache(maxsize=8)
def _versions(modules: tuple[str, ...]) -> list[tuple[str, str]]:
    """Versions of the packages providing these modules (the Markdown extensions)."""
    provided = metadata.packages_distributions()
    found = []
    for module in modules:
        for name in provided.get(module, [module]):
            try:
                found.append((name, metadata.version(name)))
            except metadata.PackageNotFoundError:
                found.append((name, "?"))
    return found


def _stable(value: Any) -> Any:
    """Settings as plain data whose ``repr`` is the same in every process (functions by name)."""
    if isinstance(value, dict):
        return sorted((str(k), _stable(v)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return [_stable(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if callable(value):
        return f"{getattr(value, '__module__', '?')}.{getattr(value, '__qualname__', type(value).__name__)}"
    return f"{type(value).__module__}.{type(value).__qualname__}:{value!r}"
