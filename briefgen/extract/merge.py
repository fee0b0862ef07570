"""Write extracted facts into a facts file without losing a person's work.

* A fact already in the file (by id) stays exactly as it is, reviewed or edited.
* A new candidate is appended, marked ``review: unreviewed``.
* A fact extract proposed before that is no longer in the file was deleted by a reviewer: it stays
  deleted (``extraction.proposed`` remembers every id ever proposed).
* Comments, key order and quoting survive (ruamel.yaml round trip); the write is atomic.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..schema import FactsFile
from ..yamlio import dump, dump_new, load_round_trip, write_atomic

HEADER = ("# yaml-language-server: $schema={schema}\n"
          "# Drafted by 'briefgen extract'. Review each fact, then set review: reviewed.\n"
          "# Deleted facts stay deleted when extract runs again.\n")


def _plain(fact: Any) -> CommentedMap:
    data = fact.model_dump(mode="json", exclude_none=True, exclude_defaults=False)
    for key in ("evidence", "review", "note"):  # what a reviewer reads first: the fact, then its proof
        if key in data:
            data[key] = data.pop(key)
    for key in ("aliases", "participants", "organizations", "topics", "instruments", "events", "cites"):
        if data.get(key) == []:
            del data[key]
    if data.get("note") is None:
        data.pop("note", None)
    return CommentedMap(data)


def merge_into(path: Path, new: FactsFile, schema_ref: str) -> tuple[int, int]:
    """Merge ``new`` into the facts file at ``path``; return (added, kept-deleted) counts."""
    if not path.exists():
        data = CommentedMap()
        data["version"] = 1
        data["source"] = _plain(new.source)
        for kind in FactsFile.FACT_LISTS:
            data[kind] = CommentedSeq(_plain(f) for f in getattr(new, kind))
        data["extraction"] = CommentedMap(proposed=CommentedSeq(sorted(f.id for _, _, f in new.all_facts())))
        write_atomic(path, HEADER.format(schema=schema_ref) + dump_new(data))
        return len(new.all_facts()), 0
    data = load_round_trip(path)
    ledger = data.setdefault("extraction", CommentedMap())
    proposed = ledger.setdefault("proposed", CommentedSeq())
    known = set(proposed)
    present = {str(item.get("id")) for kind in FactsFile.FACT_LISTS for item in (data.get(kind) or [])
               if isinstance(item, dict)}
    added = skipped = 0
    for kind, _, fact in new.all_facts():
        if fact.id in present:
            continue
        if fact.id in known:
            skipped += 1
            continue
        if data.get(kind) is None:
            data[kind] = CommentedSeq()
        data[kind].append(_plain(fact))
        present.add(fact.id)
        added += 1
    for fid in sorted({f.id for _, _, f in new.all_facts()} - known):
        proposed.append(fid)
    _drop_dangling(data)
    write_atomic(path, dump(data))
    return added, skipped


_REFS = {"people": ("organization", "country"), "organizations": ("country",),
         "events": ("participants", "organizations", "topics"), "figures": ("subject",),
         "partnerships": ("between", "organizations", "events")}


def _drop_dangling(data: CommentedMap) -> None:
    """New unreviewed facts may point at facts a reviewer deleted: unlink those references."""
    ids = {str(i.get("id")) for k in FactsFile.FACT_LISTS for i in (data.get(k) or []) if isinstance(i, dict)}
    for kind, fields in _REFS.items():
        for item in data.get(kind) or []:
            if not isinstance(item, dict) or item.get("review") == "reviewed":
                continue
            for f in fields:
                value = item.get(f)
                if isinstance(value, list):
                    kept = [v for v in value if v in ids]
                    if len(kept) != len(value):
                        item[f] = CommentedSeq(kept)
                elif value is not None and value not in ids:
                    del item[f]
    cites = data.get("source", {}).get("cites")
    if isinstance(cites, list):
        for c in [c for c in cites if c not in ids]:
            cites.remove(c)
