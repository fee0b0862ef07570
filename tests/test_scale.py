"""What keeps large corpora fast, checked for what a reader or an editor would notice: bounded
navigation and pages, charts kept between builds, rebuilds that redo only what an edit touched
and still give exactly the pages of a full build."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import MULTILINGUAL, Project, copy_into

from briefgen import charts, corpus, memo, plan
from briefgen.cachefiles import read_checked
from briefgen.generate import generate
from briefgen.memo import Memo
from briefgen.plan import Settings, _bounded, nav_paths


@pytest.fixture
def two(seed_project: Project) -> Project:
    """The seed and the multilingual briefing (they share countries)."""
    copy_into(MULTILINGUAL, seed_project.articles)
    return seed_project


def widest(nav: Any) -> int:
    """The most items one nav section lists."""
    if isinstance(nav, list):
        return max([len(nav), *(widest(i) for i in nav)])
    if isinstance(nav, dict):
        return max(widest(v) for v in nav.values())
    return 0


def test_bounded_nav_lists_every_entry_once_in_small_sections() -> None:
    entries = [((r, r[0]), f"{r[0]}name {i:03}", f"p/{r[0]}{i}.md") for r in ("A–E", "K–O") for i in range(130)]
    nav = _bounded(entries, 40)
    assert sorted(nav_paths(nav)) == sorted(e[2] for e in entries)
    assert widest(nav) <= 40
    assert [next(iter(section)) for section in nav] == ["A–E", "K–O"]
    chunk = nav[0]["A–E"][0]["A"][0]
    assert next(iter(chunk)) == "Aname 000 – Aname 032"  # labelled by its first and last entry


def test_small_corpus_nav_lists_pages_directly(two: Project) -> None:
    generated = generate(two.articles)
    people = next(item["People"] for item in generated.plan.nav if "People" in item)
    assert all(isinstance(entry, dict) and isinstance(next(iter(entry.values())), str) for entry in people[1:])


def test_large_corpus_pages_stay_bounded(two: Project) -> None:
    settings = Settings(site_name="T", latest=1, nav_group_threshold=1)
    generated = generate(two.articles, settings=settings)
    newest, older = generated.plan.index.briefings
    home = generated.pages["index.md"]
    assert newest.title in home and older.title not in home
    assert "[All 2 briefings](briefings/index.md)" in home
    # an entity of both briefings: the newest in full, the older one as a link
    shared = next(e for e in generated.plan.index.entities.values() if len(e.briefings) == 2)
    full, earlier = generated.pages[shared.path].split("## Earlier briefings")
    assert f"](../{newest.path})" in full and f"](../{older.path})" not in full
    assert f"](../{older.path})" in earlier and "### " not in earlier
    # the timeline is one page per year, each linked from the timeline page
    years = [p for p in generated.pages if p.startswith("timeline/")]
    assert years and all(f"({p})" in generated.pages["timeline.md"] for p in years)
    # every generated page is in the nav once, but source pages (appendices of their briefings)
    planned = sorted(p.path for p in generated.plan.pages if not p.path.startswith("sources/"))
    assert sorted(nav_paths(generated.plan.nav)) == sorted([*planned, "sources/index.md"])


def test_charts_come_from_the_disk_cache(two: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    first = generate(two.articles, cache_dir=cache)
    svgs = {p: b for p, b in first.assets.items() if p.endswith(".svg")}
    assert svgs and len(list((cache / "charts").glob("*.svg"))) == len(svgs)

    def no_drawing(key: str) -> bytes:
        raise AssertionError("a cached chart was drawn again")

    monkeypatch.setattr(charts, "_memory", {})
    monkeypatch.setattr(charts, "_draw", no_drawing)
    again = generate(two.articles, cache_dir=cache)
    assert {p: b for p, b in again.assets.items() if p.endswith(".svg")} == svgs


def test_serve_reads_cached_charts_from_disk_once(two: Project, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """mkdocs serve's rebuilds take charts read from the disk cache from memory, not the disk."""
    cache = tmp_path / "cache"
    drawn = generate(two.articles, cache_dir=cache).assets  # drawn and written to the disk cache
    monkeypatch.setattr(charts, "_memory", {})  # a new serve: the charts are only on disk
    reads: list[str] = []
    read = charts._read

    def counted(cache_dir: Path | None, key: str) -> bytes | None:
        reads.append(key)
        return read(cache_dir, key)

    monkeypatch.setattr(charts, "_read", counted)
    memo = Memo()
    first = generate(two.articles, cache_dir=cache, memo=memo).assets
    assert reads and first == drawn
    reads.clear()
    assert generate(two.articles, cache_dir=cache, memo=memo).assets == drawn
    assert reads == []



def test_serve_keeps_a_redrawn_chart_in_memory_up_to_its_bound(two: Project, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """After an edit redraws a chart, serve's next rebuild takes it from memory, not the disk, as
    long as the charts held stay within the bound (charts already held are not counted twice)."""
    cache = tmp_path / "cache"
    monkeypatch.setattr(charts, "_memory", {})
    memo = Memo()
    count = len(generate(two.articles, cache_dir=cache, memo=memo).chart_paths)
    assert count >= 2 and len(charts._memory) == count
    monkeypatch.setattr(charts, "_MEMORY_LIMIT", count + 1)  # room for one more
    facts = two.seed_facts
    old = "{year: 2020, value: 7, figure: applications-2020}"
    facts.write_text(facts.read_text().replace(old, old.replace("value: 7", "value: 9")))
    redrawn = generate(two.articles, cache_dir=cache, memo=memo).assets
    assert len(charts._memory) == count + 1
    reads: list[str] = []
    read = charts._read
    monkeypatch.setattr(charts, "_read", lambda cache_dir, key: reads.append(key) or read(cache_dir, key))
    assert generate(two.articles, cache_dir=cache, memo=memo).assets == redrawn
    assert reads == []

def test_rebuild_after_an_edit_equals_a_full_build(two: Project) -> None:
    memo = Memo()
    generate(two.articles, memo=memo)
    before = {path: key for path, (key, _) in memo.pages.items()}
    facts = two.seed_facts
    facts.write_text(facts.read_text().replace("role: chief scientist", "role: head of research"))

    rebuilt = generate(two.articles, memo=memo)
    fresh = generate(two.articles)
    assert rebuilt.pages == fresh.pages
    assert "head of research" in rebuilt.pages["people/alon-stopel.md"]
    changed = [path for path, (key, _) in memo.pages.items() if before.get(path) != key]
    seed = next(v for v in rebuilt.plan.index.briefings if v.briefing.facts_path == facts)
    other = next(v for v in rebuilt.plan.index.briefings if v is not seed)
    assert seed.path in changed and other.path not in changed and other.source_path not in changed
    # a renamed entity changes links on every page: all pages are rendered again, still equal
    facts.write_text(facts.read_text().replace("name: Alon Stopel", "name: Alon Stopel-Levi"))
    assert generate(two.articles, memo=memo).pages == generate(two.articles).pages


def test_next_build_reuses_the_memo_on_disk(two: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A build keeps loaded briefings, the site's plan and rendered pages in the cache folder: the
    next build loads only the facts file that changed, updates the plan when the edit keeps the
    briefing's shape (a role), and gives exactly the pages of a build without a cache."""
    cache = tmp_path / "cache"
    first = generate(two.articles, cache_dir=cache)
    assert (cache / memo.FILE_NAME).is_file()
    loaded: list[Path] = []
    load_briefing = corpus.load_briefing
    planned: list[int] = []
    plan_site = plan.plan_site

    def counting(path: Path, root: Path) -> corpus.Briefing:
        loaded.append(path)
        return load_briefing(path, root)

    def planning(*args: Any) -> plan.SitePlan:
        planned.append(1)
        return plan_site(*args)

    monkeypatch.setattr(corpus, "load_briefing", counting)
    monkeypatch.setattr(plan, "plan_site", planning)
    written = (cache / memo.FILE_NAME).stat().st_mtime_ns
    assert generate(two.articles, cache_dir=cache).pages == first.pages
    assert loaded == []
    assert (cache / memo.FILE_NAME).stat().st_mtime_ns == written  # nothing changed: not written again
    facts = two.seed_facts
    facts.write_text(facts.read_text().replace("role: chief scientist", "role: head of research"))
    edited = generate(two.articles, cache_dir=cache)
    assert loaded == [facts]
    assert planned == []  # the plan from the memo, updated
    assert "head of research" in edited.pages["people/alon-stopel.md"]
    assert edited.pages == generate(two.articles).pages


def test_briefings_from_the_memo_are_the_briefings_loaded(two: Project, tmp_path: Path) -> None:
    """The facts a build reads back from the memo are those of the facts files: every value, which
    fields the file set (what a rewrite of the file keeps), and models that behave as loaded ones."""
    generate(two.articles, cache_dir=tmp_path)
    kept = Memo.load(tmp_path).briefings
    fresh = corpus.load_corpus(two.articles).briefings
    assert sorted(kept) == sorted(b.facts_path for b in fresh) and len(fresh) == 2
    for briefing in fresh:
        facts = kept[briefing.facts_path].facts
        assert facts == briefing.facts
        assert facts.model_dump(exclude_unset=True) == briefing.facts.model_dump(exclude_unset=True)
        assert facts.model_dump_json() == briefing.facts.model_dump_json()
        person = facts.people[0]
        assert person.model_fields_set == briefing.facts.people[0].model_fields_set
        assert person.model_copy(update={"role": "x"}).role == "x" and person.role != "x"
        assert type(facts).model_validate(facts.model_dump()) == facts


def test_memo_written_by_other_code_or_damaged_is_not_used(two: Project, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    pages = generate(two.articles, cache_dir=cache).pages
    saved = cache / memo.FILE_NAME
    assert Memo.load(cache).briefings
    monkeypatch.setattr(memo, "_code_stamp", lambda: "briefgen-memo another version")
    assert not Memo.load(cache).briefings  # another briefgen: start from nothing
    monkeypatch.undo()
    good = saved.read_bytes()
    saved.write_bytes(good[: len(good) // 2])  # truncated by a full disk
    assert not Memo.load(cache).briefings
    for nothing_like_a_memo in (b"", b"no header line"):
        saved.write_bytes(nothing_like_a_memo)
        assert not Memo.load(cache).briefings
    flipped = bytearray(good)
    flipped[-100] ^= 1  # one bit of a rendered page changed on disk
    saved.write_bytes(bytes(flipped))
    assert not Memo.load(cache).briefings
    assert generate(two.articles, cache_dir=cache).pages == pages
    assert Memo.load(cache).briefings  # and the build wrote a good one again


def test_a_failing_build_keeps_the_facts_file_and_reports_it(two: Project, tmp_path: Path) -> None:
    """A cached briefing never hides a problem: the edited file is loaded and its error reported."""
    from briefgen.errors import BriefgenError

    cache = tmp_path / "cache"
    generate(two.articles, cache_dir=cache)
    facts = two.seed_facts
    broken = facts.read_text().replace("quote: ", "quote: not in the article ", 1)
    facts.write_text(broken)
    with pytest.raises(BriefgenError, match=facts.name):
        generate(two.articles, cache_dir=cache)
    assert facts.read_text() == broken


def test_pages_listing_a_briefing_are_not_rendered_again_for_its_facts(two: Project) -> None:
    """An entity page shows the newest briefings in full and lists older ones by title and date:
    an edit of an older briefing's facts leaves it as it is (and every page equals a full build)."""
    settings = Settings(site_name="T", latest=1)
    for facts in two.articles.glob("*.facts.yaml"):  # all drafts: the newest describes each entity
        facts.write_text(facts.read_text().replace("review: reviewed", "review: unreviewed"))
    memo = Memo()
    first = generate(two.articles, settings=settings, memo=memo)
    newest, older = first.plan.index.briefings
    shared = next(e for e in first.plan.index.entities.values() if len(e.briefings) == 2)
    assert shared.briefing is newest
    assert shared.briefings[0] is newest  # the older briefing is listed, not shown
    before = {path: key for path, (key, _) in memo.pages.items()}
    facts = older.briefing.facts_path
    text = facts.read_text()
    role = next(line for line in text.splitlines() if line.strip().startswith("role: "))
    facts.write_text(text.replace(role, role.split("role: ")[0] + "role: edited role"))

    rebuilt = generate(two.articles, settings=settings, memo=memo)
    assert rebuilt.pages == generate(two.articles, settings=settings).pages
    assert "edited role" in rebuilt.pages[older.path]
    changed = {path for path, (key, _) in memo.pages.items() if before.get(path) != key}
    assert older.path in changed
    assert shared.path not in changed and "briefings/index.md" not in changed


def test_build_draws_charts_while_it_renders_pages(two: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    """``mkdocs build`` draws missing charts on worker processes while it renders the pages, and
    the site gets the drawn charts (not the placeholders added meanwhile)."""
    monkeypatch.setattr(charts, "_memory", {})
    monkeypatch.setattr(charts, "_POOL_FROM", 1)  # a pool even for this small corpus
    pending: list[int] = []
    start = charts.start_drawing

    def watched(*args: Any, **kwargs: Any) -> charts.Drawing:
        drawing = start(*args, **kwargs)
        pending.append(drawing.pending)
        return drawing

    monkeypatch.setattr(sys.modules["briefgen.generate"], "start_drawing", watched)
    site = two.build()
    assert pending and pending[0] > 0  # the build went on while charts were drawn
    expected = generate(two.articles).assets
    svgs = {p: b for p, b in expected.items() if p.endswith(".svg")}
    assert svgs
    for path, svg in svgs.items():
        assert (site / path).read_bytes() == svg
    # and the next build finds them in the disk cache, whichever process drew them
    cached = {read_checked(f) for f in (two.root / ".cache/briefgen/charts").glob("*.svg")}
    assert cached == set(svgs.values())


def test_a_cache_folder_that_cannot_be_written_only_costs_time(two: Project, tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would be")
    assert generate(two.articles, cache_dir=blocked).pages == generate(two.articles).pages


_RENDER_AHEAD = """
import os, sys, time
from pathlib import Path
from briefgen import render
from briefgen.errors import BriefgenError
from briefgen.generate import generate
render.Renderer.AHEAD_FROM = 2  # normally 200 pages
noted = Path(sys.argv[2])
page = render.Renderer.render_page
main = os.getpid()
def noting(self, spec, *args, **kwargs):
    with noted.open("a") as f:
        f.write(f"{'here' if os.getpid() == main else 'there'} {spec.path}\\n")
    return page(self, spec, *args, **kwargs)
render.Renderer.render_page = noting
templates = Path(sys.argv[3]) if len(sys.argv) > 3 else None
aside = generate(Path(sys.argv[1]), templates, aside=True)
aside.charts.cancel()
paths = sorted(aside.pages)
try:
    aside.pages[paths[-1]]  # the last first: the worker, from the first on, is not there yet
    deadline = time.monotonic() + 60  # until the worker has rendered its first page and started
    while time.monotonic() < deadline and noted.read_text().count("there ") < 2:  # the next
        time.sleep(0.01)
    read = {path: aside.pages[path] for path in paths}  # in the order MkDocs reads them
except BriefgenError as exc:
    print(exc.message)
    raise SystemExit(0)
aside.saved()
render.Renderer.render_page = page
alone = generate(Path(sys.argv[1]), templates)
assert read == dict(alone.pages)
assert list(aside.pages) == list(alone.pages)
print(len(read), "pages")
"""


def _render_ahead(articles: Path, noted: Path, *templates: Path) -> tuple[str, list[list[str]]]:
    """Generate with the pages rendered by a worker ahead of a reader (in a fresh process: forking
    needs one without threads); what it printed, and ("here" or "there", page) for each page
    rendered, in order."""
    run = subprocess.run([sys.executable, "-c", _RENDER_AHEAD, str(articles), str(noted), *map(str, templates)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    return run.stdout, [line.split() for line in noted.read_text().splitlines()]


def test_pages_rendered_ahead_of_the_build_are_the_same(two: Project, tmp_path: Path) -> None:
    """``mkdocs build`` renders many pages on a forked worker, in the order MkDocs reads them; a page
    the worker has not got to is rendered where it is read, and the worker skips it."""
    out, rendered = _render_ahead(two.articles, tmp_path / "noted")
    paths = sorted({path for _, path in rendered})
    assert out.strip() == f"{len(paths)} pages"  # and each is the page rendered without a worker
    theirs = [path for who, path in rendered if who == "there"]
    assert theirs == sorted(theirs) and theirs[0] == paths[0]  # from the first page on
    assert [who for who, path in rendered if path == paths[0]] == ["there"]  # read from the worker
    assert [who for who, path in rendered if path == paths[-1]] == ["here"]  # read first: skipped


def test_a_template_error_met_by_the_worker_is_reported_where_the_page_is_read(two: Project, tmp_path: Path) -> None:
    (tmp_path / "overrides").mkdir()
    (tmp_path / "overrides" / "figures.md.j2").write_text("{{ no_such_value }}\n")
    out, rendered = _render_ahead(two.articles, tmp_path / "noted", tmp_path / "overrides")
    assert "figures.md.j2: while rendering figures.md" in out and "no_such_value" in out
    assert "here" in [who for who, path in rendered if path == "figures.md"]


_LOAD_ASIDE = """
import sys
from pathlib import Path
from briefgen import corpus
from briefgen.errors import BriefgenError
corpus.LOAD_PARALLEL_FROM = 2  # normally 100 files
try:
    aside = corpus.load_corpus(Path(sys.argv[1]), aside=True)
except BriefgenError as exc:
    print(exc.message)
    raise SystemExit(0)
alone = corpus.load_corpus(Path(sys.argv[1]))
assert [b.facts for b in aside.briefings] == [b.facts for b in alone.briefings]
assert [b.source_path for b in aside.briefings] == [b.source_path for b in alone.briefings]
print(len(aside.briefings), "loaded")
"""


def test_facts_files_loaded_on_two_cores_are_the_same_and_every_problem_is_reported(seed_project: Project) -> None:
    """``mkdocs build`` loads many facts files on two cores; the forked process's problems are
    reported with their file and line like the others."""
    facts = next(seed_project.articles.glob("*.facts.yaml"))
    article = next(seed_project.articles.glob("*.txt"))
    for n in range(12):
        (seed_project.articles / f"copy-{n:02}.txt").write_text(article.read_text())
        (seed_project.articles / f"copy-{n:02}.facts.yaml").write_text(
            facts.read_text().replace(f"file: {article.name}", f"file: copy-{n:02}.txt"))
    script = [sys.executable, "-c", _LOAD_ASIDE, str(seed_project.articles)]
    run = subprocess.run(script, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "13 loaded"
    for n in (3, 11):  # one early, one the forked process loads first
        path = seed_project.articles / f"copy-{n:02}.facts.yaml"
        path.write_text(path.read_text().replace("people:", "people:\n  - nonsense: 1", 1))
    run = subprocess.run(script, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    line = facts.read_text().splitlines().index("people:") + 2
    for n in (3, 11):
        assert f"copy-{n:02}.facts.yaml:{line}: people.0.nonsense: unknown field" in run.stdout


def test_compiled_templates_kept_between_builds_follow_template_edits(two: Project, tmp_path: Path) -> None:
    """Builds keep briefgen's compiled templates in the cache folder; an edited template is
    compiled again (Jinja checks each one's source)."""
    cache, overrides = tmp_path / "cache", tmp_path / "overrides"
    overrides.mkdir()
    figures = overrides / "figures.md.j2"
    figures.write_text("# Figures, first edition\n")
    assert "first edition" in generate(two.articles, overrides, cache_dir=cache).pages["figures.md"]
    assert list((cache / "templates").iterdir())  # compiled templates were kept
    figures.write_text("# Figures, second edition\n")
    assert "second edition" in generate(two.articles, overrides, cache_dir=cache).pages["figures.md"]


def test_a_build_freezes_its_briefings_only_while_it_runs(two: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    """``mkdocs build`` keeps its briefings and plan out of the garbage collector's way while it
    runs (``gc.freeze``); once it is over, a process that goes on (a tool building several sites)
    can collect them again, whether the build succeeded or failed."""
    import gc

    from mkdocs.exceptions import Abort

    from briefgen.render import Renderer

    frozen: list[int] = []
    render_all = Renderer.render_all

    def noting(*args: Any, **kwargs: Any) -> Any:
        frozen.append(gc.get_freeze_count())
        return render_all(*args, **kwargs)

    monkeypatch.setattr(Renderer, "render_all", noting)
    before = gc.get_freeze_count()
    two.build()
    assert frozen and frozen[-1] > before  # frozen while the pages were rendered
    assert gc.get_freeze_count() == 0

    two.seed_facts.write_text(two.seed_facts.read_text().replace("role:", "rol:", 1))
    with pytest.raises(Abort):  # the facts file's unknown field
        two.build()
    assert gc.get_freeze_count() == 0


def test_loading_the_memo_leaves_the_collector_nothing_to_walk(two: Project, tmp_path: Path) -> None:
    """What the memo holds lives as long as the build, so it is frozen as it is loaded: no garbage
    collection walks it (the first one after loading did, ~0.15 s of every build after the first
    at 1,000 briefings)."""
    import copy
    import gc

    briefing = generate(two.articles).corpus.briefings[0]
    Memo({tmp_path / f"copy-{i}.facts.yaml": copy.deepcopy(briefing) for i in range(50)}).save(tmp_path)
    young: list[int] = []  # objects in the youngest generation when a collection starts

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            young.append(len(gc.get_objects(generation=0)))

    thresholds, enabled = gc.get_threshold(), gc.isenabled()
    gc.set_threshold(700, *thresholds[1:])  # Python's default, whatever ran before in this process
    gc.enable()
    gc.collect()
    gc.callbacks.append(note)
    try:
        loaded = Memo.load(tmp_path)
        made_after = [[] for _ in range(3000)]  # the build goes on making objects
    finally:
        gc.callbacks.remove(note)
        gc.unfreeze()
        gc.set_threshold(*thresholds)
        if not enabled:
            gc.disable()
    assert len(loaded.briefings) == 50 and len(made_after) == 3000
    assert young and max(young) < 1500  # a few hundred new objects each time, never the memo's thousands


def test_serve_collector_is_back_after_a_rebuild_is_served_not_during_the_next() -> None:
    """mkdocs serve: the garbage collector stays off while the browser reloads a rebuilt page (its
    first collection walked everything the rebuild made, ~0.1 s at 1,000 briefings) and comes back
    on a moment later; not when the next rebuild has begun, and at once after rebuilds in a row."""
    import gc
    import time

    from briefgen import pool

    collector = pool.LaterCollector(delay=0.2, most=2)
    enabled = gc.isenabled()
    try:
        collector.pause()
        collector.resume_later()
        assert not gc.isenabled()  # while the browser reloads the page
        deadline = time.monotonic() + 10
        while not gc.isenabled() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert gc.isenabled()  # a moment later
        collector.pause()
        collector.resume_later()
        collector.pause()  # the next edit came first: that rebuild runs without the collector
        time.sleep(0.6)
        assert not gc.isenabled()
        collector.resume_later()  # the second rebuild in a row with no moment between: on at once
        assert gc.isenabled()
    finally:
        if enabled:
            gc.enable()
        else:
            gc.disable()


SAME_SHAPE = [  # a reviewer's edits that leave the site's pages as they are
    ("role: chief scientist", "role: head of research"),
    ("value: 8000000", "value: 9000000"),  # a figure
    ("{year: 2020, value: 7, figure: applications-2020}", "{year: 2020, value: 9, figure: applications-2020}"),
    ("summary: Virtual discussion on joint research initiatives", "summary: Virtual talks on joint research"),
]
NEW_SHAPE = [  # edits that move, add or rename pages
    ("name: Alon Stopel", "name: Alon Stoppel"),
    ("date: 2024\n", "date: 2023\n"),
]


@pytest.mark.parametrize("edits", [SAME_SHAPE, NEW_SHAPE, SAME_SHAPE + NEW_SHAPE])
def test_plan_updated_after_an_edit_equals_a_new_plan(two: Project, edits: list[tuple[str, str]]) -> None:
    """mkdocs serve updates the last plan after an edit that leaves every page where it was
    (``plan.replan``) and plans anew otherwise; either way the site is the one a fresh build makes:
    pages, nav, charts."""
    memo = Memo()
    generate(two.articles, memo=memo)
    facts = two.seed_facts
    for old, new in edits:
        last = memo.planned[2] if memo.planned else None
        text = facts.read_text()
        assert text.count(old) == 1, old
        facts.write_text(text.replace(old, new))
        updated = generate(two.articles, memo=memo)
        fresh = generate(two.articles)
        assert (updated.plan is last) == ((old, new) in SAME_SHAPE)  # updated, or planned anew
        assert updated.pages == fresh.pages
        assert updated.plan.nav == fresh.plan.nav
        assert [(c.path, charts.chart_key(c.trend)) for c in updated.plan.charts] == \
            [(c.path, charts.chart_key(c.trend)) for c in fresh.plan.charts]
    assert ("head of research" in updated.pages["people/alon-stopel.md"]) == (SAME_SHAPE[0] in edits)


def test_serve_dirty_builds_an_edit_whose_rebuild_failed_on_the_next(two: Project, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """``mkdocs serve --dirty`` builds only the pages an edit changed (briefgen knows which, without
    asking the disk); a page whose rebuild failed is built by the next rebuild, though the facts did
    not change again in between."""
    from mkdocs.commands import build as mkdocs_build
    from mkdocs.config import load_config

    site = tmp_path / "site"
    url = "http://127.0.0.1:8000/"

    def rebuild() -> None:  # as serve does: the configuration read again, the plugin kept
        mkdocs_build.build(load_config(str(two.root / "mkdocs.yml"), site_dir=str(site), strict=False),
                           serve_url=url, dirty=True)

    config = load_config(str(two.root / "mkdocs.yml"), site_dir=str(site), strict=False)
    config.plugins.on_startup(command="serve", dirty=True)
    try:
        mkdocs_build.build(config, serve_url=url, dirty=True)
        person = site / "people/alon-stopel/index.html"
        others = {p: p.stat().st_mtime_ns for p in (site / "briefings").rglob("index.html")
                  if "alon-stopel" not in p.read_text()}
        assert others and "chief scientist" in person.read_text()
        facts = two.seed_facts
        facts.write_text(facts.read_text().replace("role: chief scientist", "role: head of research"))
        build_page = mkdocs_build._build_page

        def failing(page: Any, *args: Any, **kwargs: Any) -> None:
            if page.file.src_uri == "people/alon-stopel.md":
                raise RuntimeError("a failed rebuild")
            build_page(page, *args, **kwargs)

        monkeypatch.setattr(mkdocs_build, "_build_page", failing)
        with pytest.raises(RuntimeError, match="a failed rebuild"):
            rebuild()
        assert "chief scientist" in person.read_text()
        monkeypatch.setattr(mkdocs_build, "_build_page", build_page)
        rebuild()
        assert "head of research" in person.read_text()
        assert {p: p.stat().st_mtime_ns for p in others} == others  # pages the edit left alone
    finally:
        config.plugins.on_shutdown()
        # Material's search plugin keeps a serve --dirty session's index for the rest of the process
        # (MkDocs keeps the plugin; nothing resets it): a later build in this test process would
        # merge it into its own index, in another order
        config.plugins["material/search"].search_index_prev = None
