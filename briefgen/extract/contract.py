"""The stable JSON shape of ``briefgen extract --json`` (other tools read it)."""

from __future__ import annotations

from typing import Any

from ..schema import Evidence, FactsFile


def _ev(e: Evidence) -> dict[str, Any]:
    return {"quote": e.quote, "start": e.start, "end": e.end}


def to_contract(facts: FactsFile) -> dict[str, Any]:
    names = {f.id: getattr(f, "name", f.id) for _, _, f in facts.all_facts()}
    codes = {c.id: c.code for c in facts.countries}
    src = facts.source
    return {
        "source": {"title": src.title, "published": src.published.isoformat() if src.published else None,
                   "dateline": src.dateline, "publisher": src.publisher,
                   "cites": [names.get(c, c) for c in src.cites]},
        "people": [{"id": p.id, "name": p.name, "role": p.role, "organization": names.get(p.organization or ""),
                    "country": names.get(p.country or ""), "evidence": _ev(p.evidence)} for p in facts.people],
        "organizations": [{"id": o.id, "name": o.name, "kind": o.kind, "country": names.get(o.country or ""),
                           "founded": o.founded, "evidence": _ev(o.evidence)} for o in facts.organizations],
        "countries": [{"name": c.name, "code": c.code, "evidence": _ev(c.evidence)} for c in facts.countries],
        "events": [{"id": e.id, "date": e.date, "summary": e.summary, "kind": e.kind,
                    "participants": [names.get(p, p) for p in e.participants], "location": e.location,
                    "mode": e.mode, "evidence": _ev(e.evidence)} for e in facts.events],
        "figures": [{"id": g.id, "value": g.value, "unit": g.unit, "period": g.period, "year": g.year,
                     "since": g.since, "date": g.date, "summary": g.summary, "evidence": _ev(g.evidence)}
                    for g in facts.figures],
        "trends": [{"id": t.id, "summary": t.summary, "unit": t.unit,
                    "points": [{"year": p.year, "value": p.value} for p in t.points], "evidence": _ev(t.evidence)}
                   for t in facts.trends],
        "topics": [t.name for t in facts.topics],
        "partnerships": [{"id": s.id, "summary": s.summary, "between": [names.get(c, c) for c in s.between],
                          "instruments": s.instruments, "evidence": _ev(s.evidence)} for s in facts.partnerships],
        "country_codes": codes,
    }
