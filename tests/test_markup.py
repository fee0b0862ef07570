"""Article text printed into Markdown comes out of the Markdown renderer as the same text."""

from __future__ import annotations

import html
import posixpath
import re

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from briefgen.markup import compact, date_sort_key, html_text, human_date, md_escape, quantity

EXTENSIONS = ["attr_list", "tables", "abbr", "admonition", "footnotes", "def_list", "md_in_html",
              "pymdownx.tilde", "pymdownx.caret", "pymdownx.mark", "pymdownx.emoji",
              "pymdownx.snippets", "pymdownx.magiclink", "pymdownx.betterem"]


def rendered_text(source: str) -> str:
    out = markdown.markdown(source, extensions=EXTENSIONS)
    assert "<a " not in out and "<script" not in out and "<img" not in out
    text = html.unescape(re.sub(r"<[^>]+>", "", out))
    return " ".join(text.split())


HOSTILE = [
    "<script>alert(1)</script>", "[x](javascript:alert(1))", "![i](http://e/x.png)",
    "**bold** _em_ ~~del~~ ^^ins^^ ==mark==", "# heading", "- item", "1. first", "> quote",
    '!!! warning "t"', '--8<-- "/etc/passwd"', "{{ config }}", "{% include 'x' %}", "*[HTML]: hyper",
    "a | b | c", "`code`", ":smile:", "[^1]", "term\n: definition", "<http://example.com>",
    "http://example.com", "R&D &amp; more", "{ .class #id }", "\\*not*", "제경희 — שלום 👋",
]


def test_hostile_strings_render_as_themselves() -> None:
    for text in HOSTILE:
        assert rendered_text(md_escape(text)) == " ".join(text.split()), text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=60))
def test_any_text_renders_as_itself(text: str) -> None:
    expected = " ".join(text.split())
    got = rendered_text(md_escape(text))
    assert got == expected


def test_titles_are_html_escaped_for_the_theme() -> None:
    assert html_text("<b>A</b> & \"q\"") == "&lt;b&gt;A&lt;/b&gt; &amp; &quot;q&quot;"


def test_quantities_and_dates_read_naturally() -> None:
    assert quantity(8_000_000, "USD", "per year") == "USD 8 million per year"
    assert quantity(1_200_000_000_000, "KRW") == "KRW 1.2 trillion"
    assert quantity(16, "projects") == "16 projects"
    assert compact(1234) == "1,234"
    # a figure is quoted as written, never rounded: "$7.25 billion" is not "7.2 billion"
    assert quantity(7_250_000_000, "USD") == "USD 7.25 billion" and compact(4_100_000_000) == "4.1 billion"
    assert compact(1_234_567) == "1,234,567"
    assert human_date("2025-01-13") == "13 January 2025"
    assert human_date("2024-05") == "May 2024" and human_date("2024") == "2024"
    assert sorted(["2025-01-13", "2025", "2024-12", "2025-01"], key=date_sort_key) == [
        "2024-12", "2025", "2025-01", "2025-01-13"]


_SEGMENT = st.sampled_from(["people", "index.md", "2025", "a", "b", "sources", "x.svg", "a-b", "ü"])


@given(st.lists(_SEGMENT, min_size=1, max_size=4), st.lists(_SEGMENT, min_size=1, max_size=4))
@settings(max_examples=400, deadline=None)
def test_a_link_between_two_pages_is_the_relative_path_between_them(page: list[str], target: list[str]) -> None:
    from briefgen.render import relative

    assert relative("/".join(page), "/".join(target)) == posixpath.relpath("/".join(target),
                                                                           posixpath.dirname("/".join(page)) or ".")


def test_templates_escape_printed_values_as_markupsafe_does() -> None:
    """The templates' own escape (markup passed as it is, not copied) gives what markupsafe's gives,
    for markup, text, numbers and objects with ``__html__``, and is the one compiled templates call."""
    from markupsafe import Markup, escape

    from briefgen.render import Renderer, _escape

    class Html:
        def __html__(self) -> str:
            return "<i>x</i>"

    class Marked(Markup):
        pass

    for value in [Markup("<b>a</b> &amp;"), "<script>&'\"", 12, None, Html(), Marked("<u>")]:
        assert _escape(value) == escape(value) and type(_escape(value)) is Markup, value
    template = Renderer(None).env.from_string("{{ a }}|{{ b }}")
    assert template.root_render_func.__globals__["escape"] is _escape
    assert template.render(a=Markup("<b>*x*</b>"), b="<b>*x*</b>") == "<b>*x*</b>|" + md_escape("<b>*x*</b>")


def test_macros_are_called_as_jinja_calls_them_and_other_calls_stay_checked() -> None:
    """briefgen's sandbox calls a template's macros without the sandbox's checks (nothing can mark
    a macro unsafe): the same output as Jinja's own sandbox for arguments, defaults, keywords,
    ``caller``, extra arguments, loops and ``autoescape`` blocks; other callables are still checked."""
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment

    from briefgen.render import Renderer, _md

    source = (
        '{% macro m(a, b="<d>") %}[{{ a }}|{{ b }}|{{ varargs | length }}]{% endmacro %}'
        "{% macro c(a) %}({{ a }}: {{ caller() }}){% endmacro %}"
        "{% for x in xs %}{{ m(x) }}{{ m(x, b=x) }}{{ m(x, 1, 2) }}{% call c(x) %}in {{ x }}{% endcall %}"
        "{% set y = x %}{{ m(y) }}{% endfor %}"
        '{% autoescape false %}{{ m("<i>*") }}{% endautoescape %}'
    )
    ours = Renderer(None).env.from_string(source).render(xs=["*a*", "<b>"])
    jinja = SandboxedEnvironment(autoescape=True, finalize=_md, undefined=jinja2.StrictUndefined)
    jinjas = jinja.from_string(source).render(xs=["*a*", "<b>"])
    assert ours == jinjas and "[&#42;a&#42;|&#60;d&#62;|0]" in ours

    def unsafe() -> str:
        return "ran"

    unsafe.unsafe_callable = True  # type: ignore[attr-defined]
    with pytest.raises(jinja2.exceptions.SecurityError):
        Renderer(None).env.from_string("{{ f() }}").render(f=unsafe)


def test_text_is_escaped_once_and_alike_wherever_it_is_printed() -> None:
    from briefgen.render import _md

    for text in ["*a* [b](c)", "1. first", "# head", "{{ x }}", "<script>"]:
        first = _md(text)
        assert first == md_escape(text) and type(first) is Markup and _md(text) is first
    assert _md(Markup("<b>")) == "<b>" and _md(3) == "3" and _md(-1) == md_escape("-1") == "&#45;1"
    assert _md(1) == "1" and _md(True) == "True" and _md(1.0) == "1.0" and _md("1") == "1"  # equal keys


@pytest.mark.parametrize(("template", "unit", "line"), [
    ("_macros.md.j2", "INR", "Imports: from INR 61 billion in 2022 to INR 88.11 billion in 2023 (×1.4)"),
    ("print/_macros.html.j2", "INR", "Imports: from INR 61 billion in 2022 to INR 88.11 billion in 2023 (×1.4)"),
    ("_macros.md.j2", "tons", "Imports: from 61 billion tons in 2022 to 88.11 billion tons in 2023 (×1.4)"),
    ("_macros.md.j2", "count", "Imports: from 61 billion in 2022 to 88.11 billion in 2023 (×1.4)"),
])
def test_a_trend_line_says_what_its_values_count(template: str, unit: str, line: str) -> None:
    """Rupees are not dollars: each value of a trend is written with its currency or unit, on the
    site and in print."""
    from types import SimpleNamespace

    from briefgen.render import Renderer

    points = [SimpleNamespace(year=2022, value=61_000_000_000), SimpleNamespace(year=2023, value=88_110_000_000)]
    trend = SimpleNamespace(summary="Imports", unit=unit, points=points)
    macros = Renderer().env.get_template(template).module
    assert str(macros.trend_line(trend)) == line  # type: ignore[attr-defined]
