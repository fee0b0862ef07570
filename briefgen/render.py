"""Render planned pages to Markdown with Jinja2.

One ``Renderer`` owns the Jinja environment: a sandbox, ``StrictUndefined``, a loader that looks in
the user's template folder before briefgen's own, and every filter and global in one place.
Every printed value is Markdown-escaped (``finalize``) unless a helper or macro produced it as
markup, so article text can never become Markdown, HTML or template code.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import html
import json
import os
import pickle
import posixpath
import types
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from . import markup, pool
from .cachefiles import discard, read_checked, write_checked
from .errors import TemplateError
from .index import BriefingView
from .plan import PageSpec, SitePlan
from .schema import Evidence


def default_templates_dir() -> Path:
    """briefgen's own templates: inside the wheel, or the repository's ``templates/``."""
    packaged = Path(__file__).parent / "templates"
    return packaged if packaged.is_dir() else Path(__file__).parent.parent / "templates"


@dataclass
class Citation:
    number: int
    briefing: BriefingView
    evidence: Evidence
    href: str


@dataclass
class Citations:
    """Numbers the citations of one page; the same quote cited twice keeps its number."""

    page_path: str
    notes: list[Citation] = field(default_factory=list)
    _numbers: dict[tuple[str, int, int], int] = field(default_factory=dict)

    def add(self, briefing: BriefingView, evidence: Evidence) -> Citation:
        key = (briefing.key, evidence.start, evidence.end)
        if key not in self._numbers:
            href = f"{relative(self.page_path, briefing.source_path)}#{briefing.anchor(evidence)}"
            self._numbers[key] = len(self.notes) + 1
            self.notes.append(Citation(len(self.notes) + 1, briefing, evidence, href))
        return self.notes[self._numbers[key] - 1]


def relative(from_page: str, to_path: str) -> str:
    """Relative link from one Markdown page to another file of the site."""
    return _relative(to_path, _folder(from_page))


@functools.lru_cache(maxsize=8192)
def _folder(page: str) -> str:
    """The folder of a page (a page links to many files)."""
    return posixpath.dirname(page) or "."


_ODD_PARTS = {"", ".", ".."}


@functools.lru_cache(maxsize=65536)
def _relative(to_path: str, from_dir: str) -> str:
    """``posixpath.relpath(to_path, from_dir)`` for the site's own paths, without its ``abspath``
    (a ``getcwd`` call per link)."""
    ups = [] if from_dir == "." else from_dir.split("/")
    downs = to_path.split("/")
    if _ODD_PARTS.intersection(ups) or _ODD_PARTS.intersection(downs):  # not a plain relative path
        return posixpath.relpath(to_path, from_dir)
    common = 0
    while common < min(len(ups), len(downs)) and ups[common] == downs[common]:
        common += 1
    return "/".join([".."] * (len(ups) - common) + downs[common:]) or "."


@jinja2.pass_context
def _link(ctx: jinja2.runtime.Context, target: str) -> Markup:
    return Markup(relative(ctx["page"].path, target))


@jinja2.pass_context
def _cite(ctx: jinja2.runtime.Context, briefing: BriefingView, evidence: Evidence | None) -> Markup:
    if evidence is None:
        return Markup("")
    note = ctx["citations"].add(briefing, evidence)
    return Markup(f"[\\[{note.number}\\]]({note.href}){{ .bg-cite }}")


def _front_matter(title: str, meta: dict[str, Any]) -> Markup:
    """YAML front matter; values are JSON (valid YAML) so nothing in them is YAML syntax."""
    lines = [f"title: {json.dumps(markup.html_text(title), ensure_ascii=False)}"]
    for key, value in meta.items():
        lines.append(f"{key}: {json.dumps(value, ensure_ascii=False, sort_keys=True)}")
    return Markup("\n".join(lines))


def _source_html(view: BriefingView) -> Markup:
    """The article as HTML paragraphs; every sentence anchored, cited ones highlighted."""
    cited = view.cited_anchors
    text = view.briefing.text
    paras: list[str] = []
    for para in view.sentences.paragraphs():
        spans = []
        for s in para:
            anchor = f"s-{s.index + 1}"
            css = "bg-sentence bg-cited" if anchor in cited else "bg-sentence"
            spans.append(f'<span id="{anchor}" class="{css}">{html.escape(text[s.start:s.end])}</span>')
        paras.append("<p>" + " ".join(spans) + "</p>")
    return Markup('<div class="bg-source" lang="en">\n' + "\n".join(paras) + "\n</div>")


def _quantity(figure: Any) -> str:
    return markup.quantity(figure.value, figure.unit, figure.period)


def _amount(value: float | int, unit: str) -> str:
    """A trend's value with its unit ('USD 4.6 billion', '34 applications'); a trend of no named
    unit ('count') is its number alone."""
    return markup.compact(value) if unit == "count" else markup.quantity(value, unit)


def _when(figure: Any) -> str:
    if figure.since:
        return f"since {figure.since}"
    if figure.year:
        return str(figure.year)
    if figure.date:
        return f"as of {markup.human_date(figure.date)}"
    return ""


def _join(items: Iterable[Any], last: str = "and") -> str:
    words = [str(i) for i in items]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + f" {last} " + words[-1]


_escaped: dict[str | int, Markup] = {}  # text (and whole numbers) -> Markdown-escaped markup


def _md(value: Any) -> Markup:
    """Jinja's ``finalize``: every printed value becomes Markdown-escaped markup.

    Text is escaped once per process (kept for at most 200,000 texts): the same names, dates and
    summaries are printed on many pages.  A 1,000-briefing site prints ~190,000 texts, of ~10,500
    different ones; escaping each again was ~20% of rendering."""
    if type(value) is str or type(value) is int:  # (never equal to each other: one dict holds both)
        known = _escaped.get(value)
        if known is None:
            if len(_escaped) >= 200_000:
                _escaped.clear()
            known = _escaped[value] = Markup(markup.md_escape(value))
        return known
    return value if isinstance(value, Markup) else Markup(markup.md_escape(value))


def _join_md(items: Iterable[Any], separator: str = "", attribute: str | None = None) -> Markup:
    """``join`` that escapes each item for Markdown (Jinja's own would only HTML-escape it)."""
    values = [getattr(i, attribute) if attribute else i for i in items]
    return Markup(separator).join(_md(v) for v in values)



def template_folders(user_templates: Path | None) -> list[str]:
    """The user's template folder first, then briefgen's own."""
    folders = [str(user_templates)] if user_templates else []
    folders.append(str(default_templates_dir()))
    return folders


_METHODS = (types.MethodType, types.BuiltinMethodType)


def _escape(value: Any) -> Markup:
    """What an autoescaping template calls on every printed value (after ``finalize``, which makes
    every value markup): markup as it is, anything else through markupsafe's ``escape``.  Given
    markup, ``escape`` builds an equal copy; with two copies per printed value that was ~13% of
    rendering."""
    return value if type(value) is Markup else escape(value)


class _Template(jinja2.Template):
    """A compiled template whose printed values go through ``_escape``."""

    @classmethod
    def from_code(cls, environment: jinja2.Environment, code: types.CodeType, globals: Any,
                  uptodate: Any = None) -> jinja2.Template:
        template = super().from_code(environment, code, globals, uptodate)
        # the template's functions (root, blocks, macros) share one module namespace
        template.root_render_func.__globals__["escape"] = _escape
        return template


class _Sandbox(SandboxedEnvironment):
    """Jinja's sandbox, deciding once per type and attribute name.

    Its default ``is_safe_attribute`` depends only on the attribute's name and the object's type
    (``is_internal_attribute`` checks ``isinstance`` against function, method, type, frame and
    generator types), so the answer is kept: a 1,000-briefing site asks it ~740,000 times.
    """

    template_class = _Template

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._safe: dict[tuple[type, str], bool] = {}

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        key = (type(obj), attr)
        safe = self._safe.get(key)
        if safe is None:
            safe = self._safe[key] = super().is_safe_attribute(obj, attr, value)
        return safe

    def call(self, context: jinja2.runtime.Context, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        """Jinja's sandboxed call, short for a macro (~3% of rendering went to the checks on the way):
        a template's own macro is always safe to call, and it is called as ``Context.call`` calls
        it, with the active evaluation context and without the loop and block variables."""
        if type(obj) is not jinja2.runtime.Macro:
            return super().call(context, obj, *args, **kwargs)
        kwargs.pop("_loop_vars", None)
        kwargs.pop("_block_vars", None)
        try:
            return obj(context.eval_ctx, *args, **kwargs)
        except StopIteration:
            return context.environment.undefined("value was undefined because a callable raised a"
                                                 " StopIteration exception")

    def getattr(self, obj: Any, attribute: str) -> Any:
        """Jinja's ``getattr``, short for an attribute already known safe on this type: the value,
        unless it is a method (which Jinja's may wrap: ``str.format`` runs sandboxed)."""
        if self._safe.get((type(obj), attribute)):
            try:
                value = getattr(obj, attribute)
            except AttributeError:
                return super().getattr(obj, attribute)
            if not isinstance(value, _METHODS):
                return value
            return self.wrap_str_format(value) or value
        return super().getattr(obj, attribute)


def sandbox(folders: list[str], finalize: Any, reload: bool = False) -> SandboxedEnvironment:
    """The Jinja environment of every briefgen template, Markdown pages and print pages alike.

    A sandbox with ``StrictUndefined`` and autoescape: markup from helpers and macros passes, every
    other value goes through ``finalize`` (escaping for the output format) before autoescape sees it.
    """
    env = _Sandbox(
        loader=jinja2.FileSystemLoader(folders),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        finalize=finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=reload,  # on in mkdocs serve, where one environment outlives template edits
    )
    env.filters.update({
        "date": markup.human_date,
        "number": markup.number,
        "compact": markup.compact,
        "quantity": _quantity,
        "amount": _amount,
        "when": _when,
        "join_words": _join,
    })
    env.globals.update({"is_currency": markup.is_currency})
    return env


def render_template(env: jinja2.Environment, name: str, context: dict[str, Any], what: str) -> str:
    """Render one template; Jinja's errors become ``TemplateError`` naming the template and line."""
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError.at(Path(exc.filename or exc.name or name),
                               f"template syntax error: {exc.message}", line=exc.lineno) from None
    except jinja2.TemplateNotFound as exc:
        folders = ", ".join(getattr(env.loader, "searchpath", []))
        raise TemplateError.at(None, f"template {exc.name!r} not found in {folders}") from None
    except jinja2.UndefinedError as exc:
        raise TemplateError.at(Path(name), f"while rendering {what}: {exc.message}") from None
    except jinja2.exceptions.SecurityError as exc:
        raise TemplateError.at(Path(name), f"unsafe template operation: {exc}") from None


def asset_bytes(folders: list[str], name: str) -> bytes:
    """A static file from the template folders (the user's copy first)."""
    for folder in folders:
        path = Path(folder) / name
        if path.is_file():
            return path.read_bytes()
    raise TemplateError.at(None, f"{name!r} not found in {', '.join(folders)}")


class CheckedBytecodeCache(jinja2.BytecodeCache):
    """Jinja's compiled templates in a folder, each file checked against its checksum when read
    (``cachefiles``): Jinja's own file cache stops a build on a file that keeps its header and lost
    its tail."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, bucket: jinja2.bccache.Bucket) -> Path:
        return self.folder / f"{bucket.key}.cache"

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = read_checked(self._path(bucket))
        if data is None:
            return
        try:
            bucket.bytecode_from_string(data)
        except (EOFError, ValueError, TypeError):  # marshal's errors: written by another Python
            bucket.reset()
            discard(self._path(bucket), "Jinja could not load it")

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        write_checked(self._path(bucket), bucket.bytecode_to_string())


class Renderer:
    def __init__(self, user_templates: Path | None = None, reload: bool = False,
                 compiled: Path | None = None) -> None:
        folders = template_folders(user_templates)
        self.folders = folders
        env = sandbox(folders, finalize=_md, reload=reload)
        if compiled is not None:  # templates compiled by an earlier build (Jinja checks their source)
            with contextlib.suppress(OSError):
                compiled.mkdir(parents=True, exist_ok=True)
                env.bytecode_cache = CheckedBytecodeCache(compiled)
        env.filters.update({"md": _md, "html": markup.html_text, "join": _join_md})
        env.globals.update({"link": _link, "cite": _cite, "source_html": _source_html,
                            "front_matter": _front_matter})
        self.env = env

    def render_page(self, page: PageSpec, plan: SitePlan, settings: Any) -> str:
        context = {
            "page": page, "index": plan.index, "settings": settings,
            "citations": Citations(page.path), **page.context,
        }
        return render_template(self.env, page.template, context, page.path)

    def asset_bytes(self, name: str) -> bytes:
        return asset_bytes(self.folders, name)

    def render_all(self, plan: SitePlan, settings: Any, memo: dict[str, tuple[str, str]] | None = None,
                   aside: bool = False, then: Callable[[], None] | None = None) -> Mapping[str, str]:
        """Every planned page.  ``memo`` (kept between builds) holds pages rendered before; a page is
        rendered again only when a briefing it is built from (``PageSpec.sources``), the heading of
        one it lists (``PageSpec.listed``), anything it may link to, the settings or a template
        changed.

        With ``aside`` (a one-off build), many pages to render are rendered by a forked worker ahead
        of the caller, who goes on meanwhile: the result is a ``Rendering``, whose worker puts them
        in (its copy of) ``memo`` and then calls ``then`` (writing the memo).  A plain dict comes
        back with ``memo`` updated, and the caller writes it."""
        keys: dict[str, str] = {}
        if memo is None:
            todo = plan.pages
        else:
            keys, todo = self._keys(plan, settings, memo)
        context = pool.second_core(len(todo), self.AHEAD_FROM if aside else None)
        if context is not None:
            rendering, known = {page.path for page in todo}, memo or {}
            kept = {page.path: None if page.path in rendering else known[page.path][1] for page in plan.pages}
            return Rendering(context, kept, todo, functools.partial(self.render_page, plan=plan, settings=settings),
                             memo, keys, then)
        rendered = [self.render_page(page, plan, settings) for page in todo]
        if memo is None:
            return {page.path: markdown for page, markdown in zip(todo, rendered, strict=True)}
        _remember(memo, keys, zip(todo, rendered, strict=True))
        return {page.path: memo[page.path][1] for page in plan.pages}

    AHEAD_FROM = 200  # pages to render; fewer render faster here than a fork costs

    def _keys(self, plan: SitePlan, settings: Any,
              memo: dict[str, tuple[str, str]]) -> tuple[dict[str, str], list[PageSpec]]:
        """Each page's key (what it is rendered from) and the pages ``memo`` has no Markdown of."""
        stamps = {v.key: v.briefing.stamp for v in plan.index.briefings}
        # each briefing's part of a page key as text, worked out once (index pages list them all)
        stamp_texts = {key: repr(stamp) for key, stamp in stamps.items()}
        heads = {v.key: repr((v.title, v.published, v.source.dateline, v.source.publisher))
                 for v in plan.index.briefings}
        # what every page depends on, hashed once (a page key kept the whole of it: 7 MB at 1,000)
        base = hashlib.sha256(repr((self._templates_stamp(), repr(settings), plan.index.fingerprint())).encode())
        keys: dict[str, str] = {}
        todo: list[PageSpec] = []
        for page in plan.pages:
            own = "\n".join([repr((page.template, page.title, page.meta)), *(stamp_texts[k] for k in page.sources),
                             "listed:", *(heads[k] for k in page.listed)])
            digest = base.copy()
            digest.update(own.encode("utf-8", "surrogatepass"))
            keys[page.path] = key = digest.hexdigest()
            known = memo.get(page.path)
            if known is None or known[0] != key or not all(stamps[k] for k in page.sources):
                todo.append(page)
        return keys, todo

    def _templates_stamp(self) -> list[tuple[str, int, int]]:
        found = []
        for folder in self.folders:
            for path in sorted(Path(folder).rglob("*")):
                if path.is_file():
                    st = path.stat()
                    found.append((str(path), st.st_size, st.st_mtime_ns))
        return found


def _remember(memo: dict[str, tuple[str, str]], keys: dict[str, str],
              rendered: Iterable[tuple[PageSpec, str]]) -> None:
    """Rendered pages into ``memo`` under their keys; pages no longer planned out of it."""
    for page, markdown in rendered:
        memo[page.path] = (keys[page.path], markdown)
    for path in set(memo) - set(keys):
        del memo[path]


class Rendering(Mapping[str, str]):
    """Pages (path -> Markdown, in plan order) rendered by a forked worker (``pool.Ahead``) in path
    order, the order MkDocs reads them in, while the build goes on: the build reads the first pages
    while the worker renders the next (rendering a page takes about a quarter of MkDocs' conversion
    of it), so rendering is off the build's main process.

    ``[path]`` is the worker's Markdown when it has rendered that page; else the page is rendered
    here and the worker skips it (an error in a template is raised here then, as without a worker).
    A process forked from this one (a helper converting pages) takes the worker's Markdown, or
    renders the page itself, without stopping the worker.  After the last page the worker puts
    every page into its copy of the memo and calls ``then``; ``wait()`` waits for that.
    """

    def __init__(self, context: Any, kept: dict[str, str | None], todo: list[PageSpec],
                 render: Callable[[PageSpec], str], memo: dict[str, tuple[str, str]] | None,
                 keys: dict[str, str], then: Callable[[], None] | None) -> None:
        self._pages = kept  # None for a page to render
        self._todo = sorted(todo, key=lambda page: page.path)
        self._index = {page.path: index for index, page in enumerate(self._todo)}
        self._render = render
        self._pid = os.getpid()
        self._worker = pool.Ahead(context, len(self._todo),
                                  functools.partial(_ahead, self._todo, render, memo, keys, then))

    def __getitem__(self, path: str) -> str:
        markdown = self._pages[path]
        if markdown is not None:
            return markdown
        index = self._index[path]
        here = os.getpid() == self._pid
        done = self._worker.take(index) if here else self._worker.peek(index)
        markdown = pickle.loads(done) if done is not None else self._render(self._todo[index])
        if here:
            self._pages[path] = markdown
        return markdown

    def __contains__(self, path: object) -> bool:  # Mapping's own reads the page
        return path in self._pages

    def __iter__(self) -> Iterator[str]:
        return iter(self._pages)

    def __len__(self) -> int:
        return len(self._pages)

    @property
    def ahead(self) -> int:
        """Pages taken from the worker so far."""
        return self._worker.used

    def wait(self) -> None:
        """Until the worker has rendered every page and called ``then`` (or stopped: failed)."""
        self._worker.wait()


def _ahead(todo: list[PageSpec], render: Callable[[PageSpec], str], memo: dict[str, tuple[str, str]] | None,
           keys: dict[str, str], then: Callable[[], None] | None,
           ) -> tuple[Callable[[int], bytes], Callable[[], None]]:
    """In ``Rendering``'s worker: what renders one page (pickled), and what puts them all into the
    memo and calls ``then`` after the last (rendering the pages the build rendered itself again)."""
    done: dict[str, str] = {}

    def render_one(index: int) -> bytes:
        page = todo[index]
        markdown = done[page.path] = render(page)
        return pickle.dumps(markdown, pickle.HIGHEST_PROTOCOL)

    def finish() -> None:
        pool.lower_priority()  # the build has every page it needs from here
        if memo is not None:
            _remember(memo, keys, ((page, done[page.path] if page.path in done else render(page)) for page in todo))
        if then is not None:
            then()

    return render_one, finish
