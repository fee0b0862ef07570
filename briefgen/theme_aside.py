"""The theme templates of generated pages, rendered on a second core during ``mkdocs build`` (the
plugin's side).

Once every page is converted, MkDocs builds the pages one by one on one core: the page's template
context, every plugin's ``on_page_context`` (search indexing among them), the theme's template
(Material's: about half of a warm build at 1,000 articles), ``on_post_page`` and writing the file.
From ``on_env`` on, a forked ``ThemeHelper`` does the same for the generated pages from the last
one backwards, up to rendering the template, and sends the HTML back; MkDocs goes forwards, and
for a page the helper has done, its template (``env.get_template`` during that page) hands back
the helper's HTML instead of rendering again.  They meet in the middle.

Everything else still happens on the main process, in MkDocs' order: context, ``on_page_context``
(so search indexes every page), ``on_post_page``, writing.  The HTML is the same because the
helper renders each page exactly as MkDocs does (page active, MkDocs' context, every plugin's
``on_page_context``, the page's template) from the state every page starts from: a theme template
shows its own page and the navigation, never what building another page changed.  A plugin whose
``on_page_context`` depends on the pages built before would break that; ``theme_aside: false``
turns the helper off (and ``tests/test_html_cache.py`` checks the site is byte for byte the same).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import jinja2
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from . import pool
from .html_cache import quiet


class ThemeHelper:
    """A forked worker rendering the theme templates of pages from the last one backwards
    (``pool.Backwards``) while MkDocs builds them from the first."""

    MIN_PAGES = 100

    def __init__(self, context: Any, pages: list[Page], config: MkDocsConfig, nav: Navigation, files: Files,
                 env: jinja2.Environment) -> None:
        self._index = {page.file.src_uri: i for i, page in enumerate(pages)}
        self._worker = pool.Backwards(context, len(pages),
                                      functools.partial(_renderer, pages, config, nav, files, env))

    @classmethod
    def start(cls, pages: list[Page], config: MkDocsConfig, nav: Navigation, files: Files,
              env: jinja2.Environment) -> ThemeHelper | None:
        """A helper for ``pages`` (built in this order by MkDocs), when there are many, a second CPU
        and forking is safe (this process has no other thread)."""
        context = pool.fork_context() if len(pages) >= cls.MIN_PAGES and pool.cpus() >= 2 else None
        if context is None:
            return None
        helper = cls(context, pages, config, nav, files, env)
        helper._hook(env, config)
        return helper

    @property
    def used(self) -> int:
        return self._worker.used

    def _hook(self, env: jinja2.Environment, config: MkDocsConfig) -> None:
        """During a page of the helper's, MkDocs' ``env.get_template`` gives a template that uses
        the helper's HTML when it has it (Jinja's own calls, for ``extends`` and ``include``, pass a
        parent and get the real template)."""
        real: Callable[..., jinja2.Template] = env.get_template

        def get_template(name: Any, parent: str | None = None, globals: Any = None) -> Any:
            template = real(name, parent, globals)
            page = config._current_page
            index = self._index.get(page.file.src_uri) if parent is None and page is not None else None
            if index is None:
                return template
            html = self._worker.take(index)  # claimed here from now on
            return template if html is None else _Rendered(template, html.decode("utf-8", "surrogatepass"))

        env.get_template = get_template  # type: ignore[method-assign]

    def stop(self) -> None:
        self._worker.stop()


class _Rendered:
    """A page's template that gives the helper's HTML of the page instead of rendering it again."""

    def __init__(self, template: jinja2.Template, html: str) -> None:
        self._template, self._html = template, html

    def render(self, *args: Any, **kwargs: Any) -> str:
        return self._html

    def __getattr__(self, name: str) -> Any:
        return getattr(self._template, name)


def _renderer(pages: list[Page], config: MkDocsConfig, nav: Navigation, files: Files,
              env: jinja2.Environment) -> Callable[[int], bytes | None]:
    """In the helper: what ``mkdocs build`` does for one page up to its template's HTML."""
    quiet()
    doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
    for plugin in config.plugins.values():
        # the search plugins (MkDocs' and Material's) index each page in on_page_context; the main
        # process indexes every page, and what is indexed here is lost: about a third of the time
        index = getattr(plugin, "search_index", None)
        if callable(getattr(index, "add_entry_from_context", None)):
            index.add_entry_from_context = _nothing  # type: ignore[union-attr]

    def render(index: int) -> bytes:
        page = pages[index]
        config._current_page = page
        page.active = True
        try:
            context = get_context(nav, doc_files, config, page)
            template = env.get_template(page.meta.get("template", "main.html"))
            context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
            return template.render(context).encode("utf-8", "surrogatepass")
        finally:
            page.active = False
            config._current_page = None

    return render


def _nothing(*args: Any, **kwargs: Any) -> None:
    return None
