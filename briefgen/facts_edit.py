"""Rewrite facts files in place, keeping a reviewer's comments, order and quoting (ruamel.yaml)."""

from __future__ import annotations

from typing import Any

from .corpus import Briefing
from .yamlio import dump, load_round_trip, write_atomic


def _node(root: Any, dotted: str) -> Any:
    node = root
    for part in dotted.split("."):
        node = node[int(part)] if part.isdigit() else node[part]
    return node


def write_moved_offsets(briefing: Briefing) -> None:
    """Store the offsets where moved quotes now stand."""
    data = load_round_trip(briefing.facts_path)
    for moved in briefing.moved:
        evidence = _node(data, moved.field)
        evidence["start"], evidence["end"] = moved.new
    write_atomic(briefing.facts_path, dump(data))
