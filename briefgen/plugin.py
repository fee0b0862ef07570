"""The MkDocs plugin: a thin adapter that adds briefgen's generated pages to a build.

Events, in build order:

* ``on_startup``  remember whether this is ``mkdocs serve``.  Having this event keeps the plugin
  object across serve's rebuilds, so it keeps a ``Memo`` in memory (started from the one on disk):
  a rebuild loads only changed facts files and renders only the pages an edit touches.  Under
  ``mkdocs serve --dirty`` the generated files are staged on disk and only changed ones rewritten,
  so MkDocs builds only those pages again.  ``mkdocs build`` uses the memo on disk (``generate``).
* ``on_config``   resolve folders, make sure ``attr_list`` is on (citations use it), add the
  stylesheet, and forget the previous build's state.
* ``on_files``    run the core (load, validate, plan, render) and add every page and asset with
  ``File.generated``: nothing is written into ``docs/``.  Priority 50: before other plugins'
  ``on_files`` (search, tags) so they see the generated pages like hand-written ones.  A page's
  Markdown is taken when it is first read (``PageFile``): ``mkdocs build`` from nothing renders
  the pages on a forked worker as MkDocs reads them (``render.Rendering``).  Each
  generated page is a ``html_cache.GeneratedPage``, which reuses its HTML from the last build when
  nothing it depends on changed; ``mkdocs build`` forks a helper converting pages meanwhile.
* ``on_nav``      keep the navigation (the theme helper needs it).
* ``on_env``      (last of every plugin's) stop the conversion helper (every page is converted by
  now) and write the pages' HTML for the next build (in a forked process); ``mkdocs build`` forks
  ``theme_aside.ThemeHelper``, which passes generated pages through the theme from the last one
  backwards while MkDocs builds from the first; under ``mkdocs serve``, keep the theme's compiled
  templates between rebuilds.
* ``on_serve``    watch the articles and template folders so edits rebuild the site: by the
  system's change events where they work (``watching``), else by MkDocs' polling.
* ``on_post_build`` stop the theme helper, wait for the memo (written by the rendering worker or
  in the background), write the charts drawn meanwhile (``on_files`` added
  placeholders); with ``pdf: true``, print every briefing and the book with WeasyPrint into the
  site (the PDF files are announced in ``on_files`` so links to them validate in strict mode);
  then let the garbage collector have what ``mkdocs build`` froze (``generate``'s ``one_off``).
"""

from __future__ import annotations

import gc
import shutil
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal, cast

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation

from . import pool, watching
from .config import BriefgenConfig
from .errors import BriefgenError
from .generate import SCRIPT, STYLESHEET, Generated, generate, pdf_paths, write_pdf_files, write_tree
from .html_cache import Conversions, GeneratedPage, Helper
from .memo import Memo
from .plan import Settings, nav_paths
from .render import Rendering
from .theme_aside import ThemeHelper

log = get_plugin_logger(__name__)


class _CompiledTemplates(jinja2.BytecodeCache):
    """Theme templates compiled once per ``mkdocs serve``: MkDocs makes a new Jinja environment for
    every build, and compiling Material's templates again costs ~0.3 s of each rebuild.  Jinja checks
    each template's source against the checksum kept with its code, so edited templates recompile."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


class StagedFile(File):
    """A generated file staged on disk for ``mkdocs serve --dirty``.  The plugin knows which staged
    files it rewrote since the last complete build, so MkDocs' check whether a file needs building
    (three ``stat`` calls each, for every page twice and every chart: ~0.06 s of each rebuild at
    1,000 briefings, measured with nothing else running) is a lookup."""

    modified = True

    def is_modified(self) -> bool:
        return self.modified


class PageFile(File):
    """A generated page whose Markdown is taken from the generated pages when MkDocs (or another
    plugin) first reads it: in a build from nothing a worker renders them as MkDocs reads them, in
    order (``render.Rendering``), so the build goes on meanwhile."""

    _pages: Mapping[str, str] | None = None  # till read

    @classmethod
    def of(cls, config: MkDocsConfig, path: str, pages: Mapping[str, str], inclusion: InclusionLevel) -> PageFile:
        file = cast(PageFile, cls.generated(config, path, content="", inclusion=inclusion))
        file._pages = pages
        return file

    @property
    def content_string(self) -> str:
        if self._pages is not None:
            try:
                markdown = self._pages[self.src_uri]
            except BriefgenError as exc:  # a template's error, met by the first read of its page
                raise PluginError(f"briefgen:\n{exc.message}") from None
            self.content_string = markdown
        return cast(str, File.content_string.fget(self))  # type: ignore[attr-defined]

    @content_string.setter
    def content_string(self, value: str) -> None:
        self._pages = None
        File.content_string.fset(self, value)  # type: ignore[attr-defined]

    @property
    def content_bytes(self) -> bytes:
        return self.content_string.encode()

    @content_bytes.setter
    def content_bytes(self, value: bytes) -> None:
        self._pages = None
        File.content_bytes.fset(self, value)  # type: ignore[attr-defined]


class BriefgenPlugin(BasePlugin[BriefgenConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self._start()

    def _start(self) -> None:
        """The state of one ``mkdocs build`` or ``serve`` session.  MkDocs keeps a plugin that has
        ``on_startup`` for the whole process (its plugin cache), so a process that serves one site
        and then builds another must not carry serve's memo, stage or HTML into that build."""
        self.is_serve = False
        self.generated: Generated | None = None
        self.memo: Memo | None = None  # serve only; a build's memo lives on disk
        self.memo_dir: Path | None = None
        self.conversions: Conversions | None = None  # HTML of generated pages (kept in memory by serve)
        self.stage: Path | None = None  # generated files on disk, for mkdocs serve --dirty
        self.staged: dict[str, str | bytes] = {}  # what the stage holds
        self.unbuilt: set[str] = set()  # staged files rewritten since the last complete build
        self.dirty = False
        self.dirty_build = False
        self.theme_templates = _CompiledTemplates()
        self.nav: Navigation | None = None  # this build's (for the theme helper)
        self.theme_helper: ThemeHelper | None = None
        self.html_writer = pool.Background()  # writing the pages' HTML for the next build
        self.collector = pool.LaterCollector()  # off during serve's rebuilds, on after each
        self.observer: Any | None = None  # serve's watcher of briefgen's folders by change events

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self._start()
        self.is_serve = command == "serve"
        self.dirty = self.is_serve and dirty
        self.dirty_build = dirty  # mkdocs build --dirty builds only changed pages

    def _stage_dir(self, config: MkDocsConfig) -> Path:
        """Where serve --dirty keeps generated files: in the cache folder (one per project, reused and
        rewritten by the next serve), else a temporary folder removed when serve stops."""
        cache = self.cache_dir(config)
        if cache is None:
            return Path(tempfile.mkdtemp(prefix="briefgen-serve-")).resolve()
        stage = (cache / "serve").resolve()
        shutil.rmtree(stage, ignore_errors=True)  # a previous session's files: not what this one built
        stage.mkdir(parents=True)
        return stage

    def on_shutdown(self) -> None:
        if self.observer is not None:
            self.observer.stop()
            self.observer = None
        if self.memo is not None and self.memo_dir is not None:  # serve's edits, for the next build
            self.memo.save(self.memo_dir)
            if self.conversions is not None:
                self.conversions.save(self.memo_dir)
        if self.stage is not None and self.stage.name.startswith("briefgen-serve-"):  # a temporary one
            shutil.rmtree(self.stage, ignore_errors=True)

    # Paths ------------------------------------------------------------------------------------

    def _base(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path or ".").resolve().parent

    def articles_dir(self, config: MkDocsConfig) -> Path:
        return self._base(config) / self.config.articles

    def templates_dir(self, config: MkDocsConfig) -> Path | None:
        return self._base(config) / self.config.templates if self.config.templates else None

    def cache_dir(self, config: MkDocsConfig) -> Path | None:
        return self._base(config) / self.config.cache_dir if self.config.cache else None

    def pdf_enabled(self) -> bool:
        return self.config.pdf and (self.config.print.on_serve or not self.is_serve)

    def settings(self, config: MkDocsConfig) -> Settings:
        return Settings(site_name=config.site_name, nav_group_threshold=self.config.nav_group_threshold,
                        latest=self.config.latest,
                        pdf=self.pdf_enabled(), pdf_dir=self.config.print.dir.strip("/") or "pdf",
                        marking=self.config.print.marking, paper=self.config.print.paper)

    # Events -----------------------------------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.generated = None  # state of one build only; serve rebuilds start fresh
        self.nav = None
        if self.memo is not None and self.memo.pages:
            # A serve rebuild: after the first build the heap holds millions of objects, and one
            # full garbage collection in the middle of a rebuild costs about a second (measured
            # with 1,000 briefings).  Reference counting still frees almost everything; cycles
            # wait until the rebuild is served (on_post_build's collector, on_build_error).
            self.collector.pause()
        if not self.config.enabled:
            return config
        if "attr_list" not in config.markdown_extensions:
            config.markdown_extensions.append("attr_list")
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        if SCRIPT not in [str(s) for s in config.extra_javascript]:
            config.extra_javascript.append(SCRIPT)
        templates = self.templates_dir(config)
        if templates is not None and not templates.is_dir():
            raise PluginError(f"briefgen: templates folder {templates} does not exist")
        return config

    @event_priority(50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return files
        start = time.perf_counter()
        cache = self.cache_dir(config)
        if self.is_serve and self.memo is None:  # serve's first build: start from the memo on disk
            self.memo_dir = cache
            self.memo = Memo.load(cache) if cache else Memo()
        if not self.is_serve or self.conversions is None:  # serve keeps its own between rebuilds
            # without a cache folder no HTML is kept, but the helper still converts pages meanwhile
            self.conversions = Conversions.load(cache) if cache else Conversions()
        settings = self.settings(config)
        try:
            # charts not cached are drawn on the spare cores while MkDocs builds the pages; serve
            # waits for them, as its rebuilds (and --dirty's staged files) must be complete
            self.generated = generate(self.articles_dir(config), self.templates_dir(config), settings,
                                      cache, memo=self.memo, aside=self.aside, one_off=not self.is_serve)
        except BriefgenError as exc:
            raise PluginError(f"briefgen:\n{exc.message}") from None
        generated = self.generated
        drawing = f" ({generated.charts.pending} charts being drawn)" if generated.charts.pending else ""
        log.info(f"generated {len(generated.pages)} pages and {len(generated.files) + len(generated.chart_paths)} "
                 f"files from {len(generated.corpus.briefings)} briefings in {time.perf_counter() - start:.1f} s"
                 f"{drawing}")
        for warning in generated.corpus.warnings():
            log.warning(warning)
        for notice in generated.corpus.notices():
            log.info(notice)
        pages = generated.pages  # maybe rendered as MkDocs reads them: not read here
        outputs: dict[str, str | bytes] = dict(generated.files)
        if generated.charts.pending:  # placeholders now; on_post_build writes the drawn charts
            outputs.update(dict.fromkeys(generated.chart_paths, b""))
        else:
            outputs.update(generated.assets)
        if self.pdf_enabled():  # placeholders, so links to the PDFs validate; on_post_build prints them
            outputs.update(dict.fromkeys(pdf_paths(generated, settings), b""))
        if self.dirty and self.stage is None:
            self.stage = self._stage_dir(config)
        if self.stage is not None:  # serve --dirty: rewrite only what changed; MkDocs builds only those
            staged = {**pages, **outputs}
            changed = {p: c for p, c in staged.items() if self.staged.get(p) != c}
            write_tree(changed, self.stage)
            self.staged = staged
            self.unbuilt.update(changed)
        # pages the generated nav leaves out on purpose (source pages of a large corpus) are not
        # reported by MkDocs as missing from the nav
        paths = sorted({*pages, *outputs})
        listed = set(nav_paths(self.generated.plan.nav)) if self.config.nav else set(paths)
        added: dict[str, File] = {}
        for path in paths:
            if path in files.src_uris:  # generated paths are normalised, as src_uris' keys are
                raise PluginError(f"briefgen: docs/{path} is a generated page; rename or remove your file")
            inclusion = InclusionLevel.UNDEFINED if path in listed or not path.endswith(".md") else \
                InclusionLevel.NOT_IN_NAV
            if self.stage is not None:
                file = StagedFile.generated(config, path, abs_src_path=str(self.stage / path), inclusion=inclusion)
                cast(StagedFile, file).modified = path in self.unbuilt
            elif path in pages:
                file = PageFile.of(config, path, pages, inclusion)
            else:
                file = File.generated(config, path, content=outputs[path], inclusion=inclusion)
            files.append(file)
            added[path] = file
        if self.config.nav:
            config.nav = self._nav(config.nav, files)
        if self.conversions is not None:  # pages whose unchanged HTML is reused (html_cache)
            self.conversions.start_build()
            titles = _nav_titles(config.nav)
            page_objects = [GeneratedPage(titles.get(path), added[path], config, self.conversions)
                            for path in sorted(pages)]  # the order MkDocs converts them in (as added above)
            if self.aside:  # a second core converts pages from the last while MkDocs starts at the first
                self.conversions.helper = Helper.start(page_objects, config, files)
        return files

    def _nav(self, user_nav: list[Any] | None, files: Files) -> list[Any]:
        assert self.generated is not None
        generated = self.generated.plan.nav
        if user_nav is None:  # our sections, then the hand-written pages in path order
            ours = set(self.generated.pages)
            rest = sorted(f.src_uri for f in files.documentation_pages() if f.src_uri not in ours)
            return [*generated, *rest]
        titles = {next(iter(item)) for item in user_nav if isinstance(item, dict)}
        return [*user_nav, *(item for item in generated if next(iter(item)) not in titles)]

    @property
    def aside(self) -> bool:
        """Whether this build uses forked helpers: ``mkdocs build`` (serve runs threads, and forking a
        threaded process can deadlock the child), unless ``second_core: false``."""
        return not self.is_serve and self.config.second_core

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        self.nav = nav
        return nav

    @event_priority(-100)  # last: other plugins' on_env (Material's tags fills its listings) comes first
    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        conversions = self.conversions
        if conversions is not None and conversions.used:  # every page is converted by now
            conversions.stop_helper()
            if not self.dirty:  # a dirty build converts only changed pages; the rest still exist
                conversions.forget_unused()
            cache = self.cache_dir(config)
            if not self.is_serve and cache is not None:  # serve saves when it stops
                # written meanwhile by a forked process where forking is safe; on_post_build waits
                if self.aside:
                    self.html_writer = pool.in_background(conversions.save, cache)
                else:
                    conversions.save(cache)
        if self.is_serve and env.bytecode_cache is None:
            env.bytecode_cache = self.theme_templates
        if self.aside and not self.dirty_build and self.generated is not None and self.nav is not None:
            # a second core renders the theme templates of the generated pages from the last one back
            ours = set(self.generated.pages)
            pages = [f.page for f in files.documentation_pages(inclusion=InclusionLevel.is_included)
                     if f.src_uri in ours and f.page is not None]
            self.theme_helper = ThemeHelper.start(pages, config, self.nav, files, env)
        return env

    def _stop_helpers(self) -> None:
        if self.conversions is not None:
            self.conversions.stop_helper()
        if self.theme_helper is not None:
            self.theme_helper.stop()
            self.theme_helper = None

    def _unfreeze(self) -> None:
        """What a one-off build froze (``generate``) collectable again once it is over, in case the
        process goes on (tests and tools build more than once)."""
        if not self.is_serve:
            gc.unfreeze()

    def on_build_error(self, *, error: Exception) -> None:
        gc.enable()
        self._unfreeze()
        self._stop_helpers()
        self.html_writer.wait()
        if self.generated is not None:
            self.generated.charts.cancel()
            self.generated.saved()

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        later = self.is_serve and not self.pdf_enabled()  # printing PDFs makes garbage: collect it
        if not later:
            gc.enable()
        self.unbuilt.clear()  # every page and file is in the site now
        try:
            self._finish(config)
        finally:  # after the charts and PDFs, which the frozen briefings spare many collections
            self._unfreeze()
            if later:  # once the browser has reloaded the rebuilt page
                self.collector.resume_later()

    def _finish(self, config: MkDocsConfig) -> None:
        if not self.config.enabled or self.generated is None:
            return
        theme_helper = self.theme_helper
        self._stop_helpers()
        if theme_helper is not None:
            log.info(f"passed {theme_helper.used} pages through the theme on a second core")
        self.generated.saved()
        if isinstance(self.generated.pages, Rendering):
            log.info(f"rendered {self.generated.pages.ahead} pages on a second core")
        self.html_writer.wait()  # the pages' HTML, written from on_env
        conversions = self.conversions
        if conversions is not None and conversions.used:
            log.info(f"reused the HTML of {conversions.reused} unchanged pages, converted {conversions.converted}"
                     f" (and {conversions.helped} on a second core)")
        if self.generated.charts.pending:
            svgs = self.generated.charts.result()
            write_tree(dict(zip(self.generated.chart_paths, svgs, strict=True)), Path(config.site_dir))
        if not self.pdf_enabled():
            return
        settings = self.settings(config)
        out = Path(config.site_dir) / settings.pdf_dir
        try:
            results = write_pdf_files(self.generated, self.templates_dir(config), settings, out,
                                      jobs=self.config.print.jobs or None)
        except BriefgenError as exc:
            raise PluginError(f"briefgen:\n{exc.message}") from None
        for result in results:
            if result.warning:
                log.warning(result.warning)
        log.info(f"wrote {len(results)} PDFs to {out}")

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        if self.config.enabled:
            docs = Path(config.docs_dir).resolve()
            folders = [folder for folder in (self.articles_dir(config), self.templates_dir(config))
                       if folder is not None and not folder.resolve().is_relative_to(docs)]  # docs: MkDocs watches it
            self.observer = watching.watch(server, folders, self.config.file_events)
        return server


def _nav_titles(nav: list[Any] | None) -> dict[str, str | None]:
    """Path -> title of every page in a ``nav`` setting, as MkDocs reads it (the first wins)."""
    titles: dict[str, str | None] = {}

    def walk(item: Any, title: str | None = None) -> None:
        if isinstance(item, str):
            titles.setdefault(item, title)
        elif isinstance(item, list):
            for child in item:
                walk(child)
        elif isinstance(item, dict):
            for key, value in item.items():
                walk(value, key if isinstance(value, str) else None)

    walk(nav or [])
    return titles
