"""The ``briefgen`` command: a thin layer over the core.  Errors become one message and exit 1."""

from __future__ import annotations

import functools
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.logging import RichHandler

from . import __version__
from .errors import BriefgenError, ConfigError

F = TypeVar("F", bound=Callable[..., Any])
err = Console(stderr=True, highlight=False)
out = Console(highlight=False)


def _errors_to_messages(func: F) -> F:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except BriefgenError as exc:
            for problem in exc.problems:
                err.print(f"[bold red]error:[/] {problem}", markup=True, soft_wrap=True)
            sys.exit(1)
    return wrapper  # type: ignore[return-value]


class Project:
    """Where the articles, templates and options are: read from ``mkdocs.yml``'s briefgen plugin."""

    def __init__(self, config_file: Path) -> None:
        self.config_file = config_file
        self.base = config_file.resolve().parent
        self.options: dict[str, Any] = {}
        self.site_name = "Briefings"
        if config_file.is_file():
            self._read(config_file)

    def _read(self, path: Path) -> None:
        from mkdocs.config import load_config
        from mkdocs.exceptions import ConfigurationError

        os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
        try:
            config = load_config(str(path))
        except ConfigurationError as exc:
            raise ConfigError.at(path, str(exc)) from None
        plugin = config.plugins.get("briefgen")
        if plugin is None:
            raise ConfigError.at(path, "the briefgen plugin is not listed under plugins:")
        self.site_name = config.site_name
        self.site_dir = Path(config.site_dir)
        self.plugin = plugin
        self.mkdocs_config = config
        self.options = dict(plugin.config)

    @property
    def articles(self) -> Path:
        return self.base / self.options.get("articles", "articles")

    @property
    def templates(self) -> Path | None:
        folder = self.options.get("templates")
        return self.base / folder if folder else None

    @property
    def cache_dir(self) -> Path | None:
        if not self.options.get("cache", True):
            return None
        return self.base / self.options.get("cache_dir", ".cache/briefgen")

    def settings(self, **overrides: Any) -> Any:
        """The core's settings, as the plugin would set them for ``mkdocs build``."""
        import dataclasses

        from .plan import Settings

        if hasattr(self, "plugin"):  # a plugin loaded here never saw on_startup: settings of a build
            settings = self.plugin.settings(self.mkdocs_config)
        else:
            settings = Settings(site_name=self.site_name)
        return dataclasses.replace(settings, **{k: v for k, v in overrides.items() if v is not None})


def _project(ctx: click.Context) -> Project:
    return Project(ctx.obj["config_file"])


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefgen")
@click.option("-f", "--config-file", type=click.Path(path_type=Path), default=Path("mkdocs.yml"),
              show_default=True, help="The site's mkdocs.yml; briefgen reads its plugin options.")
@click.option("-v", "--verbose", is_flag=True, help="Show informational messages.")
@click.pass_context
def main(ctx: click.Context, config_file: Path, verbose: bool) -> None:
    """Turn news articles into evidence-backed briefing sites and PDFs."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(message)s",
                        handlers=[RichHandler(console=err, show_time=False, show_path=False)])
    ctx.ensure_object(dict)
    ctx.obj["config_file"] = config_file


@main.command()
@click.option("--fix", is_flag=True, help="Write moved quotes' new offsets back into the facts files.")
@click.pass_context
@_errors_to_messages
def validate(ctx: click.Context, fix: bool) -> None:
    """Check every facts file: schema, ids, references and every quote against its source."""
    from .corpus import load_corpus

    project = _project(ctx)
    corpus = load_corpus(project.articles)
    for warning in corpus.warnings():
        err.print(f"[yellow]warning:[/] {warning}", soft_wrap=True)
    for notice in corpus.notices():
        err.print(f"note: {notice}", soft_wrap=True)
    if fix:
        from .facts_edit import write_moved_offsets

        for briefing in corpus.briefings:
            if briefing.moved:
                write_moved_offsets(briefing)
                out.print(f"updated offsets in {briefing.facts_path}")
    n_facts = sum(len(b.facts.all_facts()) for b in corpus.briefings)
    out.print(f"[green]ok:[/] {len(corpus.briefings)} facts files, {n_facts} facts, every quote found "
              "in its source")


@main.command()
@click.option("-o", "--out", "out_dir", type=click.Path(path_type=Path), required=True,
              help="Folder to write the Markdown pages and assets into.")
@click.pass_context
@_errors_to_messages
def render(ctx: click.Context, out_dir: Path) -> None:
    """Write the generated Markdown (the same the plugin builds) to a folder."""
    from .generate import generate, write_tree

    project = _project(ctx)
    generated = generate(project.articles, project.templates, project.settings(), project.cache_dir)
    written = write_tree({**generated.pages, **generated.assets}, out_dir)
    out.print(f"wrote {len(written)} files to {out_dir}")


@main.command()
@click.option("-o", "--out", "out_dir", type=click.Path(path_type=Path), default=None,
              help="Folder for the PDFs [default: the site folder's PDF folder, e.g. site/pdf].")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=None,
              help="Worker processes [default: one per CPU].")
@click.option("--paper", type=click.Choice(["A4", "Letter"]), default=None,
              help="Paper size [default: print.paper in mkdocs.yml, else A4].")
@click.option("--marking", default=None, help="Handling marking for every page's header, e.g. 'FOR OFFICIAL USE'.")
@click.pass_context
@_errors_to_messages
def pdf(ctx: click.Context, out_dir: Path | None, jobs: int | None, paper: str | None,
        marking: str | None) -> None:
    """Print one PDF per briefing and the briefing book (cover, contents, sources) with WeasyPrint.

    Set SOURCE_DATE_EPOCH to fix the "generated" date; otherwise it is the newest source's date,
    so the same facts always give the same bytes.
    """
    from rich.progress import Progress

    from .generate import generate, write_pdf_files

    project = _project(ctx)
    settings = project.settings(paper=paper, marking=marking)
    site_dir = getattr(project, "site_dir", project.base / "site")
    target = out_dir or Path(site_dir) / settings.pdf_dir
    generated = generate(project.articles, project.templates, settings, project.cache_dir)
    with Progress(console=err, transient=True) as progress:
        task = progress.add_task("printing PDFs", total=len(generated.plan.index.briefings) + 1)
        results = write_pdf_files(generated, project.templates, settings, target, jobs=jobs,
                                  progress=lambda _name: progress.advance(task))
    for result in results:
        if result.warning:
            err.print(f"[yellow]warning:[/] {result.warning}", soft_wrap=True)
        out.print(f"{result.path} ({result.pages} pages)", soft_wrap=True)
    out.print(f"[green]wrote[/] {len(results)} PDFs to {target}")


def _mkdocs_build(project: Project, strict: bool) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.exceptions import Abort, BuildError, ConfigurationError

    config = project.mkdocs_config
    config.strict = strict or bool(config.strict)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(config)
    except (Abort, BuildError, ConfigurationError) as exc:
        raise BriefgenError.at(project.config_file, f"site build failed: {exc}") from None
    except OSError as exc:  # a full disk, a file-size limit, a folder that cannot be written
        target = exc.filename2 or exc.filename or project.site_dir
        raise BriefgenError.at(Path(str(target)), f"site build failed: {exc.strerror or exc}") from None
    finally:
        config.plugins.on_shutdown()


@main.command()
@click.option("--strict/--no-strict", default=True, show_default=True, help="Fail on any MkDocs warning.")
@click.pass_context
@_errors_to_messages
def build(ctx: click.Context, strict: bool) -> None:
    """Validate the facts, then build the site with MkDocs (and PDFs if enabled)."""
    from .corpus import load_corpus

    project = _project(ctx)
    if not hasattr(project, "mkdocs_config"):
        raise ConfigError.at(project.config_file, "no mkdocs.yml here (use -f to name one)")
    load_corpus(project.articles)  # fail early, with every problem listed
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    _mkdocs_build(project, strict)
    out.print(f"[green]built[/] {project.site_dir}")


@main.command()
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address to serve on.")
@click.option("--dirty", is_flag=True,
              help="Rebuild only the pages an edit touches (for large corpora: seconds instead of minutes). "
                   "Strict mode is off, as MkDocs warns that a dirty build is one.")
@click.pass_context
@_errors_to_messages
def serve(ctx: click.Context, dev_addr: str, dirty: bool) -> None:
    """Serve the site and rebuild when an article, facts file or template changes."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    project = _project(ctx)
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    options: dict[str, Any] = {"build_type": "dirty", "strict": False} if dirty else {}
    mkdocs_serve(str(project.config_file), dev_addr=dev_addr, **options)


Topics = dict[str, tuple[str, ...]]


ExtractJob = tuple[str, str | None, str | None, str | None, Topics | None]  # path, ingest, published, schema, topics


def _options(ingest: str | None, published: str | None, topics: Topics | None, path: Path) -> Any:
    """Extraction options of one article from the command line's dates (YYYY-MM-DD) and topic
    vocabulary, and the article's own publication date where its page says (HTML metadata)."""
    import datetime as dt

    from .extract import Options
    from .sources import published_hint

    options = Options(ingest_date=dt.date.fromisoformat(ingest) if ingest else dt.date.today(),
                      published=dt.date.fromisoformat(published) if published else None,
                      published_hint=published_hint(path))
    if topics is not None:
        options.topics = topics
    return options


def _extract_one(job: ExtractJob) -> tuple[str, str | None, int, int]:
    """Worker: extract one article and merge into its facts file.  Returns (path, error, added, kept)."""
    from .errors import BriefgenError
    from .extract import extract_facts
    from .extract.merge import merge_into
    from .facts import facts_path_for
    from .sources import read_article

    path_text, ingest, published, schema_ref, topics = job
    path = Path(path_text)
    try:
        facts = extract_facts(read_article(path), path.name, _options(ingest, published, topics, path))
        target = facts_path_for(path)
        ref = schema_ref or os.path.relpath(Path(__file__).parent / "schemas" / "facts.schema.json", target.parent)
        added, kept = merge_into(target, facts, ref)
        return path_text, None, added, kept
    except BriefgenError as exc:
        return path_text, exc.message, 0, 0
    except Exception as exc:
        return path_text, f"{path}: extraction failed: {type(exc).__name__}: {exc}", 0, 0


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the facts of one article as JSON instead.")
@click.option("-j", "--jobs", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes for a batch.")
@click.option("--ingest-date", default=None, help="Date the article was collected (YYYY-MM-DD; default today). "
              "A dateline without a year resolves to the latest such date before it.")
@click.option("--published", default=None, help="Publication date (YYYY-MM-DD), if the dateline lacks it.")
@click.option("--topics", "topics_file", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="YAML topic vocabulary ('topic: [word, phrase, ...]') instead of briefgen's own.")
@_errors_to_messages
def extract(paths: tuple[Path, ...], as_json: bool, jobs: int, ingest_date: str | None,
            published: str | None, topics_file: Path | None) -> None:
    """Draft facts with evidence from articles (.txt, .md, .html) into their .facts.yaml files.

    Facts already in a file are kept as they are; new candidates come in unreviewed; facts a reviewer
    deleted stay deleted.
    """
    import json
    from concurrent.futures import ProcessPoolExecutor

    from rich.progress import Progress

    from .sources import is_article

    files = sorted({f for p in paths for f in ([p] if p.is_file() else p.rglob("*")) if f.is_file() and is_article(f)})
    if not files:
        raise click.UsageError("no articles (.txt, .md, .html) in the given paths")
    topics: Topics | None = None
    if topics_file is not None:
        from .extract.vocab import read_topics

        topics = read_topics(topics_file)
    if as_json:
        if len(files) != 1:
            raise click.UsageError("--json takes exactly one article")
        _json_one(files[0], ingest_date, published, topics, json)
        return
    jobs_list = [(str(f), ingest_date, published, None, topics) for f in files]
    failed = 0
    with Progress(console=err, transient=True) as progress:
        task = progress.add_task("extracting", total=len(files))
        if jobs > 1 and len(files) > 1:
            from .extract import Options, extract_facts

            # Load spaCy, dateparser and the vocabularies once, here: forked workers inherit them
            # instead of each paying the start-up.
            extract_facts("Warm-up\n\nSeoul, May 1 (Wire) The ministry met on Monday.", "warm-up.txt", Options())
            with ProcessPoolExecutor(max_workers=jobs) as pool:
                results = pool.map(_extract_one, jobs_list, chunksize=max(1, len(files) // (jobs * 8)))
                for result in results:
                    failed += _report(result)
                    progress.advance(task)
        else:
            for job in jobs_list:
                failed += _report(_extract_one(job))
                progress.advance(task)
    out.print(f"extracted {len(files) - failed} of {len(files)} articles")
    if failed:
        sys.exit(1)


def _report(result: tuple[str, str | None, int, int]) -> int:
    path, error, added, kept = result
    if error:
        err.print(f"[bold red]error:[/] {error}", soft_wrap=True)
        return 1
    note = f", {kept} deleted by a reviewer stay deleted" if kept else ""
    out.print(f"{path}: {added} new facts{note}", soft_wrap=True)
    return 0


@_errors_to_messages
def _json_one(path: Path, ingest_date: str | None, published: str | None, topics: Topics | None,
              json: Any) -> None:
    from .extract import extract_facts
    from .extract.contract import to_contract
    from .sources import read_article

    facts = extract_facts(read_article(path), path.name, _options(ingest_date, published, topics, path))
    click.echo(json.dumps(to_contract(facts), indent=2, ensure_ascii=False))


@main.command()
@click.option("-o", "--out", "out_file", type=click.Path(path_type=Path), default=None,
              help="Write the JSON Schema here instead of printing it.")
def schema(out_file: Path | None) -> None:
    """Print the facts file's JSON Schema (for editor completion and validation)."""
    from .schema import json_schema_text

    text = json_schema_text()
    if out_file:
        out_file.write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)


if __name__ == "__main__":  # pragma: no cover
    main()
