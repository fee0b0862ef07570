from __future__ import annotations

from pathlib import PurePosixPath

import pytest

from briefgen.slugs import SlugRegistry, slugify


@pytest.mark.parametrize("name", ["../../x", "/etc/passwd", "CON", "con", "", "a" * 300, "서울 Seoul",
                                  "제경희", "..", ".", "nul", "index", "  ", "a/b\\c", "שלום"])
def test_slugs_are_safe_path_segments(name: str) -> None:
    slug = slugify(name)
    assert slug and len(slug) <= 80
    assert all(c.isascii() and (c.isalnum() or c == "-") for c in slug)
    assert slug.lower() not in {"con", "nul", "prn", "aux", "index"}
    assert PurePosixPath(slug).name == slug and slug not in {".", ".."}


def test_slugs_are_unique_and_stable() -> None:
    reg = SlugRegistry()
    a, b, c = reg.slug("k1", "Seoul"), reg.slug("k2", "seoul"), reg.slug("k3", "SEOUL!")
    assert len({a, b, c}) == 3
    assert reg.slug("k1", "anything") == a
    assert slugify("제경희") == slugify("제경희") != slugify("שלום")
    assert slugify("a" * 300) != slugify("a" * 299)
