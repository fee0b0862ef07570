"""Charts: a process draws every chart on one reused figure, remembering the sizes of the texts it
measured, and each chart's bytes are still those of a chart drawn on a fresh figure with nothing
measured, whatever was drawn before it."""

from __future__ import annotations

import json

import pytest

from briefgen import charts


def _key(points: list[tuple[int, float]], unit: str, title: str) -> str:
    return json.dumps([points, unit, title])


KEYS = [
    _key([(2019, 3), (2020, 7), (2021, 12), (2022, 20), (2023, 28), (2024, 34)], "projects",
         "Joint research projects grew from 3 in 2019 to 34 in 2024 under the bilateral fund"),
    _key([(2001, 1_500_000_000), (2030, 250_000)], "won", "Funding fell"),
    _key([(2024, 0), (2025, 0)], "", "Nothing yet"),
    _key([(1998, 0.5), (1999, 0.75), (2000, 2.25)], "percent of GDP", "A long title " * 12),
]


def _fresh(key: str, monkeypatch: pytest.MonkeyPatch) -> bytes:
    monkeypatch.setattr(charts, "_canvas", None)
    monkeypatch.setattr(charts, "_sizes", {})
    return charts._draw(key)


def test_a_chart_drawn_after_others_is_the_chart_drawn_fresh(monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = [_fresh(key, monkeypatch) for key in KEYS]
    assert len(set(fresh)) == len(KEYS)
    monkeypatch.setattr(charts, "_canvas", None)
    forward = [charts._draw(key) for key in KEYS]
    backward = [charts._draw(key) for key in reversed(KEYS)][::-1]
    assert forward == fresh
    assert backward == fresh
    # the last chart's labels are gone: only this chart's values are on it
    assert b"1.5 billion" in forward[1] and b"1.5 billion" not in charts._draw(KEYS[2])


def test_drawing_leaves_matplotlib_as_it_was() -> None:
    """The style and the remembered text sizes are briefgen's charts' only: other matplotlib users
    in the same process (a user's hook, say) measure and draw as before."""
    import matplotlib
    from matplotlib.textpath import TextToPath

    measure, family = TextToPath.get_text_width_height_descent, list(matplotlib.rcParams["font.family"])
    charts._draw(KEYS[0])
    assert TextToPath.get_text_width_height_descent is measure
    assert matplotlib.rcParams["font.family"] == family
    assert charts._sizes  # kept for the next chart


def test_text_the_chart_font_lacks_is_kept_without_warnings(recwarn: pytest.WarningsRecorder) -> None:
    """Hangul is not in DejaVu Sans: the SVG keeps it as text (the browser finds a font for it) and
    the build prints no warning per missing glyph."""
    svg = charts._draw(_key([(2023, 5), (2024, 9)], "건", "수출 계약 Export contracts"))
    assert "수출 계약 Export contracts" in svg.decode() and ">건<" in svg.decode()
    assert [str(w.message) for w in recwarn] == []
