"""The theme templates of generated pages, rendered on a second core during ``mkdocs build`` (the
plugin's side).

Once every page is converted, MkDocs builds the pages one by one on one core: the page's template
context, every plugin's ``on_page_context`` (the search plugin indexes the page there: about half
of a warm build at 1,000 articles), the theme's template (Material's: most of the rest),
``on_post_page`` and writing the file.  From ``on_env`` on, a forked ``ThemeHelper`` does the same
for the generated pages from the last one backwards, up to rendering the template, and sends back
the HTML and the search entries the page got; MkDocs goes forwards, and for a page the helper has
done, its template (``env.get_template`` during that page) hands back the helper's HTML instead of
rendering again, and the search index takes the helper's entries instead of parsing the page again.
They meet in the middle.

Everything else still happens on the main process, in MkDocs' order: context, every plugin's
``on_page_context``, ``on_post_page``, writing.  The HTML and the entries are the same because the
helper builds each page exactly as MkDocs does (page active, MkDocs' context, every plugin's
``on_page_context``, the page's template) from the state every page starts from: a theme template
shows its own page and the navigation, and a search entry its own page, never what building
another page changed.  A plugin whose ``on_page_context`` depends on the pages built before would
break that; ``second_core: false`` turns the helpers off.  ``tests/test_html_cache.py`` checks the
site, search index included, is byte for byte the one built on one core.

The search entries are taken from the search plugins MkDocs and Material ship (an index object with
``add_entry_from_context`` and a list of entries); with another search plugin the main process
indexes every page itself, as usual.
"""

from __future__ import annotations

import functools
import pickle
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
    """A forked worker building the theme HTML and search entries of pages from the last one
    backwards (``pool.Backwards``) while MkDocs builds them from the first."""

    MIN_PAGES = 100

    def __init__(self, context: Any, pages: list[Page], config: MkDocsConfig, nav: Navigation, files: Files,
                 env: jinja2.Environment) -> None:
        self._index = {page.file.src_uri: i for i, page in enumerate(pages)}
        self._worker = pool.Backwards(context, len(pages),
                                      functools.partial(_renderer, pages, config, nav, files, env))
        self._page: str | None = None  # the page MkDocs is building
        self._entries: list[list[Any]] | None = None  # its search entries from the helper, by index
        self._unhook: list[Callable[[], None]] = []

    @classmethod
    def start(cls, pages: list[Page], config: MkDocsConfig, nav: Navigation, files: Files,
              env: jinja2.Environment) -> ThemeHelper | None:
        """A helper for ``pages`` (built in this order by MkDocs), when there are many, a second CPU
        and forking is safe (this process has no other thread)."""
        context = pool.second_core(len(pages), cls.MIN_PAGES)
        if context is None:
            return None
        helper = cls(context, pages, config, nav, files, env)
        helper._hook_templates(env, config)
        helper._hook_search(config)
        return helper

    @property
    def used(self) -> int:
        return self._worker.used

    def _hook_templates(self, env: jinja2.Environment, config: MkDocsConfig) -> None:
        """When MkDocs starts a page of the helper's, ``env.get_template`` takes what the helper has
        done for it and gives a template that hands back its HTML.  Jinja's own calls (``extends``,
        ``include``) pass a parent, and later calls during the page (a plugin's) come second: both
        get the real template."""
        real: Callable[..., jinja2.Template] = env.get_template

        def get_template(name: Any, parent: str | None = None, globals: Any = None) -> Any:
            template = real(name, parent, globals)
            page = config._current_page
            if parent is not None or page is None or page.file.src_uri == self._page:
                return template
            self._page, self._entries = page.file.src_uri, None
            index = self._index.get(self._page)
            data = self._worker.take(index) if index is not None else None  # claimed here from now on
            if data is None:
                return template
            html, self._entries = pickle.loads(data)
            return _Rendered(template, html)

        env.get_template = get_template  # type: ignore[method-assign]
        self._unhook.append(lambda: env.__dict__.pop("get_template", None))

    def _hook_search(self, config: MkDocsConfig) -> None:
        """Each search index takes the helper's entries for a page the helper has done."""
        for position, (index, name) in enumerate(_search_indexes(config)):
            real = index.add_entry_from_context

            def add_entry_from_context(page: Page, _real: Any = real, _index: Any = index, _name: str = name,
                                       _position: int = position) -> None:
                if self._entries is None or page.file.src_uri != self._page:
                    _real(page)
                else:
                    getattr(_index, _name).extend(self._entries[_position])

            index.add_entry_from_context = add_entry_from_context
            self._unhook.append(functools.partial(index.__dict__.pop, "add_entry_from_context", None))

    def stop(self) -> None:
        self._worker.stop()
        for unhook in self._unhook:
            unhook()
        self._unhook.clear()


class _Rendered:
    """A page's template that gives the helper's HTML of the page instead of rendering it again."""

    def __init__(self, template: jinja2.Template, html: str) -> None:
        self._template, self._html = template, html

    def render(self, *args: Any, **kwargs: Any) -> str:
        return self._html

    def __getattr__(self, name: str) -> Any:
        return getattr(self._template, name)


def _search_indexes(config: MkDocsConfig) -> list[tuple[Any, str]]:
    """The search plugins' indexes whose entries are a list (Material's ``entries``, MkDocs'
    ``_entries``), with that list's attribute name."""
    found = []
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        if not callable(getattr(index, "add_entry_from_context", None)):
            continue
        name = next((n for n in ("entries", "_entries") if isinstance(getattr(index, n, None), list)), None)
        if name is not None:
            found.append((index, name))
    return found


def _renderer(pages: list[Page], config: MkDocsConfig, nav: Navigation, files: Files,
              env: jinja2.Environment) -> Callable[[int], bytes | None]:
    """In the helper: what ``mkdocs build`` does for one page up to its template's HTML, and the
    search entries that added (pickled)."""
    quiet()
    pool.lower_priority(pool.SPARE)
    doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
    indexes = _search_indexes(config)

    def render(index: int) -> bytes:
        page = pages[index]
        config._current_page = page
        page.active = True
        try:
            before = [len(getattr(search, name)) for search, name in indexes]
            context = get_context(nav, doc_files, config, page)
            template = env.get_template(page.meta.get("template", "main.html"))
            context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
            html = template.render(context)
            entries = [getattr(search, name)[start:] for (search, name), start in zip(indexes, before, strict=True)]
            return pickle.dumps((html, entries), pickle.HIGHEST_PROTOCOL)
        finally:
            page.active = False
            config._current_page = None

    return render
