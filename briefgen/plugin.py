"""The MkDocs plugin: a thin adapter that adds briefgen's generated pages to a build.

Events, in build order:

* ``on_startup``  remember whether this is ``mkdocs serve``.
* ``on_config``   resolve folders, make sure ``attr_list`` is on (citations use it), add the
  stylesheet, and forget the previous build's state.
* ``on_files``    run the core (load, validate, plan, render) and add every page and asset with
  ``File.generated``: nothing is written into ``docs/``.  Priority 50: before other plugins'
  ``on_files`` (search, tags) so they see the generated pages like hand-written ones.
* ``on_serve``    watch the articles and template folders so edits rebuild the site.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files

from .config import BriefgenConfig
from .errors import BriefgenError
from .generate import STYLESHEET, Generated, generate
from .plan import Settings

log = get_plugin_logger(__name__)


class BriefgenPlugin(BasePlugin[BriefgenConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.is_serve = False
        self.generated: Generated | None = None

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.is_serve = command == "serve"

    # Paths ------------------------------------------------------------------------------------

    def _base(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path or ".").resolve().parent

    def articles_dir(self, config: MkDocsConfig) -> Path:
        return self._base(config) / self.config.articles

    def templates_dir(self, config: MkDocsConfig) -> Path | None:
        return self._base(config) / self.config.templates if self.config.templates else None

    def settings(self, config: MkDocsConfig) -> Settings:
        return Settings(site_name=config.site_name, nav_group_threshold=self.config.nav_group_threshold,
                        pdf=self.config.pdf, pdf_dir=self.config.print.dir,
                        marking=self.config.print.marking)

    # Events -----------------------------------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.generated = None  # state of one build only; serve rebuilds start fresh
        if not self.config.enabled:
            return config
        if "attr_list" not in config.markdown_extensions:
            config.markdown_extensions.append("attr_list")
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        if self.config.pdf:
            # Print templates and WeasyPrint output are not built yet; fail clearly, not with links
            # to PDFs that would not exist.
            raise PluginError("briefgen: 'pdf: true' is not supported yet; remove it from mkdocs.yml")
        templates = self.templates_dir(config)
        if templates is not None and not templates.is_dir():
            raise PluginError(f"briefgen: templates folder {templates} does not exist")
        return config

    @event_priority(50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return files
        try:
            self.generated = generate(self.articles_dir(config), self.templates_dir(config),
                                      self.settings(config))
        except BriefgenError as exc:
            raise PluginError(f"briefgen:\n{exc.message}") from None
        for warning in self.generated.corpus.warnings():
            log.warning(warning)
        for notice in self.generated.corpus.notices():
            log.info(notice)
        for path, content in sorted({**self.generated.pages, **self.generated.assets}.items()):
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"briefgen: docs/{path} is a generated page; rename or remove your file")
            files.append(File.generated(config, path, content=content))
        if self.config.nav:
            config.nav = self._nav(config.nav, files)
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

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        if self.config.enabled:
            server.watch(str(self.articles_dir(config)))
            templates = self.templates_dir(config)
            if templates is not None:
                server.watch(str(templates))
        return server

