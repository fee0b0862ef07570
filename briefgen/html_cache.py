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
  whose link target moved or disappeared is converted again (and MkDocs warns as usual); the
  check is skipped when the build's files (paths, URLs, exclusion) are those it last held in;
* nothing from a conversion that logged a warning or left a link unresolved: those pages are
  converted on every build, so ``--strict`` fails the same way warm or cold.

An extension that reads other files while converting (``pymdownx.snippets``) can change a page's
HTML without changing its Markdown, so a page that uses snippets is not kept.  Kept in memory by
``mkdocs serve``, on disk in ``.cache/briefgen/html.pickle`` (trusted like the memo: same code,
checksum) by ``mkdocs build``; with ``cache: false`` nothing is kept on disk, but a build's helper
still converts pages meanwhile.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import logging
import os
import pickle
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from . import pool
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
    checked: str = ""  # ``files_stamp`` of the files the targets were last found in


@dataclass
class Conversions:
    """Conversions of generated pages by path, from earlier builds and this one."""

    entries: dict[str, Conversion] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)  # paths converted or reused by this build
    changed: bool = False
    reused: int = 0  # kept from an earlier build
    converted: int = 0  # on the main process
    helped: int = 0  # converted by the helper
    offered: dict[str, Conversion] = field(default_factory=dict)  # by the helper, this build
    _settings: tuple[MkDocsConfig, Any] | None = None
    _files: tuple[Files, str] | None = None
    helper: Helper | None = None  # converting pages on the spare core during this build

    @classmethod
    def load(cls, folder: Path) -> Conversions:
        found = read_trusted(folder / FILE_NAME)
        return cls(found[0]) if found is not None else cls()

    def save(self, folder: Path) -> None:
        if self.changed and write_trusted(folder / FILE_NAME, self.entries, ""):
            self.changed = False

    def start_build(self) -> None:
        self.used.clear()
        self.reused = self.converted = self.helped = 0
        self.offered.clear()
        self.stop_helper()

    def settings(self, config: MkDocsConfig) -> Any:
        """A sha256 of ``markdown_settings`` of this build's config, each page's key starts from (worked
        out once: it is the same for every page); ``None`` when no page is kept."""
        if self._settings is None or self._settings[0] is not config:
            settings = markdown_settings(config)
            digest = None if settings is None else hashlib.sha256(f"{settings}\0".encode())
            self._settings = (config, digest)
        return self._settings[1]

    def files_stamp(self, files: Files) -> str:
        """``files_stamp`` of this build's files (worked out once per build)."""
        if self._files is None or self._files[0] is not files:
            self._files = (files, files_stamp(files))
        return self._files[1]

    def stop_helper(self) -> None:
        if self.helper is not None:
            self.helper.stop()
            self.helper = None

    def forget_unused(self) -> None:
        """Drop the pages this (full) build did not have: deleted briefings, renamed entities."""
        for path in set(self.entries) - self.used:
            del self.entries[path]
            self.changed = True

    def reuse(self, path: str, key: str, files: Files) -> Conversion | None:
        """The conversion of ``path`` from ``key`` (the helper's or an earlier build's) if its link
        targets hold."""
        self.used.add(path)
        stamp = self.files_stamp(files)
        offered = self.offered.pop(path, None)
        if offered is not None and _holds(offered, key, files, stamp):
            offered.checked = stamp
            self.entries[path] = offered
            self.changed = True
            self.helped += 1
            return offered
        known = self.entries.get(path)
        if known is None or not _holds(known, key, files, stamp):
            return None
        if known.checked != stamp:  # checked against other files: noted for the next build
            known.checked = stamp
            self.changed = True
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


def _holds(conversion: Conversion, key: str, files: Files, stamp: str) -> bool:
    """Whether ``conversion`` is of ``key`` and every link target is where it was in ``files``
    (whose ``files_stamp`` is ``stamp``)."""
    if conversion.key != key:
        return False
    if conversion.checked == stamp:  # the same files as when last checked: the same answer
        return True
    for target, url in conversion.targets.items():
        file = _file(files, target)
        if file is None or file.url != url or file.inclusion.is_excluded():
            return False
    return True


def files_stamp(files: Files) -> str:
    """A digest of what decides where a link target is: each file's path, URL and exclusion."""
    rows = sorted(f"{f.src_uri}\0{f.url}\0{f.inclusion.is_excluded():d}" for f in files)
    return hashlib.sha256("\n".join(rows).encode("utf-8", "surrogatepass")).hexdigest()


def _file(files: Files, path: str) -> File | None:
    """The file a recorded link target names: the targets are normalised paths, so a dict lookup
    usually finds it (``get_file_from_path`` builds a ``PurePath`` on every call)."""
    return files.src_uris.get(path) or files.get_file_from_path(path)


class GeneratedPage(Page):
    """A page of generated Markdown; ``render`` reuses an unchanged conversion."""

    def __init__(self, title: str | None, file: File, config: MkDocsConfig, conversions: Conversions) -> None:
        super().__init__(title, file, config)
        self.conversions = conversions

    def render(self, config: MkDocsConfig, files: Files) -> None:
        if self.markdown is None:
            raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
        path = self.file.src_uri
        helper = self.conversions.helper
        if helper is not None:
            helper.take(path, self.conversions)
        key = self.key(config)
        known = self.conversions.reuse(path, key, files) if key is not None else None
        if known is None:
            self.conversions.keep(path, self.convert(config, files, key))
            return
        self.content = known.content
        self.toc = pickle.loads(known.toc)
        self._title_from_render = known.title
        self.present_anchor_ids = set(known.anchors)
        self.links_to_anchors = None if known.links_to_anchors is None else {
            cast(File, _file(files, target)): dict(anchors)
            for target, anchors in known.links_to_anchors.items()}

    def key(self, config: MkDocsConfig) -> str | None:
        """What the HTML is converted from (``None``: do not keep it)."""
        settings = self.conversions.settings(config)
        if settings is None or self.markdown is None or _SNIPPET in self.markdown:
            return None
        digest = settings.copy()
        digest.update("\0".join((self.file.src_uri, self.file.url, self.markdown)).encode("utf-8", "surrogatepass"))
        return str(digest.hexdigest())

    def convert(self, config: MkDocsConfig, files: Files, key: str | None) -> Conversion | None:
        """MkDocs' own conversion, and what of it can be kept."""
        recording = _RecordingFiles(files)
        warned = _Warned()
        mkdocs_log = logging.getLogger("mkdocs")
        mkdocs_log.addHandler(warned)
        try:
            super().render(config, cast(Files, recording))
        finally:
            mkdocs_log.removeHandler(warned)
        if key is None or warned.count or None in recording.found.values():
            return None
        assert self.content is not None and self.present_anchor_ids is not None
        return Conversion(
            key, self.content, pickle.dumps(self.toc, pickle.HIGHEST_PROTOCOL), self._title_from_render,
            set(self.present_anchor_ids),
            None if self.links_to_anchors is None else {
                f.src_uri: dict(anchors) for f, anchors in self.links_to_anchors.items()},
            {target: url for target, url in recording.found.items() if url is not None},
            self.conversions.files_stamp(files))


class Helper:
    """A forked worker converting the generated pages from the last one backwards while MkDocs
    converts them from the first on the main process; they meet in the middle (``pool.Backwards``).

    Only for ``mkdocs build`` of many pages on a machine with a spare core, and only while this
    process has no other thread (forking one that has can deadlock the child).  What the helper
    converted is used like a conversion kept from an earlier build: only if the page's Markdown
    (after every plugin's ``on_page_markdown``) gives the same key and its link targets hold.
    """

    MIN_PAGES = 100

    def __init__(self, context: Any, pages: list[GeneratedPage], config: MkDocsConfig, files: Files) -> None:
        self._index = {page.file.src_uri: i for i, page in enumerate(pages)}
        self._worker = pool.Backwards(context, len(pages), functools.partial(_converter, pages, config, files))

    @classmethod
    def start(cls, pages: list[GeneratedPage], config: MkDocsConfig, files: Files) -> Helper | None:
        context = pool.second_core(len(pages), cls.MIN_PAGES)
        return cls(context, pages, config, files) if context is not None else None

    def take(self, path: str, conversions: Conversions) -> None:
        """Claim ``path`` (the helper stops there), offering its conversion if the helper has one."""
        index = self._index.get(path)
        data = self._worker.take(index) if index is not None else None
        if data is not None:
            conversions.offered[path] = pickle.loads(data)

    def stop(self) -> None:
        self._worker.stop()


def _converter(pages: list[GeneratedPage], config: MkDocsConfig, files: Files) -> Callable[[int], bytes | None]:
    """In the helper: what converts one page (pickled), or ``None`` for a page not to keep.
    Whatever goes wrong there, the main process converts the page itself and reports it."""
    quiet()
    pool.lower_priority(pool.SPARE)

    def convert(index: int) -> bytes | None:
        page = pages[index]
        page.read_source(config)
        key = page.key(config)
        if key is None:
            return None
        known = page.conversions.entries.get(page.file.src_uri)
        if known is not None and known.key == key:
            return None  # kept from an earlier build; the main process checks its links
        conversion = page.convert(config, files, key)
        return None if conversion is None else pickle.dumps(conversion, pickle.HIGHEST_PROTOCOL)

    return convert


def quiet() -> None:
    """A helper logs nothing: the main process reports what its own build warns of."""
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.handlers.clear()
    mkdocs_log.propagate = False


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
    """The version of each module providing Markdown extensions (or its file's size and mtime)."""
    found = []
    for name in modules:
        try:
            module = importlib.import_module(name)
        except ImportError:  # a short name Markdown resolves itself ("toc"): Markdown's version counts
            found.append((name, "?"))
            continue
        version = getattr(module, "__version__", None)
        if not isinstance(version, str):
            try:
                st = os.stat(module.__file__ or "")
                version = f"{st.st_size}:{st.st_mtime_ns}"
            except (OSError, TypeError):
                version = "?"
        found.append((name, version))
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
