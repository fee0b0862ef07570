"""Events (meetings, visits, signings, launches, foundings), topics and partnerships."""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from typing import Literal

from .dates import (
    DATE_RE,
    MONTH_NAMES,
    MONTH_YEAR_RE,
    WEEKDAY_RE,
    WEEKDAYS,
    month_of,
    parse_date,
    relative_year,
    resolve_month_day,
)
from .entities import PersonHit, person_mentions
from .vocab import CITY_WORDS

_EVENT_VERBS = re.compile(
    r"\b(?:held|hold|holds|conducted|had|convened|met|meets|(?<=will\s)meet|(?<=to\s)meet|(?<=will\s)host|"
    r"(?<=to\s)host|visited|visits|signed|signs|launched|launches|hosted|co-hosted|opened|inaugurated|attended|"
    r"organized|organised|visit(?=\s+(?:by|to)\b)|(?<=after\s)meeting|(?<=before\s)meeting)\b")
_EVENT_NOUN = re.compile(
    r"\b((?P<modifiers>(?:[a-z-]+\s){0,2})(?:meeting|discussion|talks|conference|summit|forum|dialogue|session|"
    r"video call|call|visit|memorandum(?: of understanding)?|MOU|MoU|agreement|ceremony|workshop|seminar|roundtable|"
    r"partnership|initiative|letter of intent|declaration of intent|declaration|task force|working group))\b")
# what only some verbs name: "signed the pact", "launched a joint council" (not "met to discuss a contract")
_OBJECT_NOUNS = {verb: re.compile(rf"\b((?P<modifiers>(?:[a-z-]+\s){{0,2}})(?:{nouns}))\b") for verbs, nouns in (
    (("signed", "signs"), "pact|deal|accord|treaty|contract"),
    (("launched", "launches"), "council|committee|commission|alliance|consortium|programme|program|fund")) for verb in verbs}
_OPENING = re.compile(r"\s+(?:(?:its|their|a|an|the|his|her)\s+)?(?:[\w-]+\s+){0,2}?(factory|plant|office|campus)\b")
_NAMED_EVENT = re.compile(r"\b((?:[A-Z][\w&-]*\s){1,5}(?:Day|Week|Forum|Summit|Expo|Conference|Festival|Fair|Dialogue|Roundtable))\b")
# "held in Eindhoven", "will host a forum in Sao Paulo": a place the city list lacks, named by what
# happened there (not "held in March")
_HELD_IN = re.compile(rf"\b(?:held|hold|hosted|host|took\s+place|signed|met|meet)\s+(?:[\w-]+\s+){{0,3}}?in\s+"
                      rf"(?!(?:{MONTH_NAMES}|Parliament|English|French|Spanish|Chinese|Japanese|Korean|German)\b)"
                      r"([A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)\b")
_IN_MONTH = re.compile(rf"\bin\s+({MONTH_NAMES})\b(?!\s+\d)")
_FUTURE = re.compile(r"\b(?:will|plans?\s+to|is\s+to|are\s+to|scheduled|expected\s+to|next)\b", re.I)
_VIRTUAL = re.compile(r"\b(virtual|virtually|video conference|videoconference|video call|online|remotely)\b", re.I)
_IN_PERSON = re.compile(r"\b(face-to-face|in person|in-person|visited|visit to|on-site)\b", re.I)
_CITIES = "|".join(sorted((re.escape(c) for c in CITY_WORDS), key=len, reverse=True))
_PLACE = re.compile(rf"\bin\s+({_CITIES})\b")
_VISITS = re.compile(rf"\bvisit(?:s|ed|ing)?\s+({_CITIES})\b")  # "is scheduled to visit Hanoi in October"
_PARTNER_WORDS = re.compile(r"\b(cooperation|partners?|partnership|partnerships|collaboration|bilateral|joint|alliance|"
                            r"agreement|memorandum)\b", re.I)
_INSTRUMENT = re.compile(r"\b((?:bilateral|joint)\s+(?:research\s+|R&D\s+|innovation\s+)?(?:funds?|programmes?|programs?|centers?|centres?))\b")


# words the event noun's pattern may take in front of it that do not describe the event
_NOT_MODIFIERS = re.compile(r"^(?:.*\s)?(?:a|an|the|its|their|his|her|our|this|that|after|before|during|at|in|"
                            r"on|of|for|with|to|by|from|and|or)\s+", re.I)
_PASSIVE = re.compile(r"\b(?:[Tt]he|[Tt]his|[Tt]hat)\s+(?:[a-z-]+\s+){0,2}?(agreement|memorandum|deal|pact|accord|declaration|"
                      r"treaty)\s+"
                      r"(?:was|were|has been|had been|will be)\s+$")
_ACTS = {"signed", "signs", "launched", "launches", "opened", "inaugurated", "visited", "visits"}
_VERB_NOUNS = {"meeting": "Meeting", "met": "Meeting", "meets": "Meeting", "meet": "Meeting", "held": "Meeting", "hold": "Meeting",
               "holds": "Meeting", "conducted": "Meeting", "had": "Meeting", "convened": "Meeting", "visited": "Visit",
               "visits": "Visit", "visit": "Visit", "signed": "Signing", "signs": "Signing", "launched": "Launch",
               "launches": "Launch", "hosted": "Event", "host": "Event", "co-hosted": "Event", "opened": "Opening",
               "inaugurated": "Opening", "attended": "Event", "organized": "Event", "organised": "Event"}


Mode = Literal["virtual", "in-person"] | None


@dataclass
class EventHit:
    summary: str
    start: int
    end: int
    kind: str
    date: str | None = None
    participants: list[str] = field(default_factory=list)
    location: str | None = None
    mode: Mode = None
    again: bool = False  # "Reddy signed the pact with ...": the one the sentence before told of, named again
    dated: bool = False  # the date is the sentence's own (else the article's)


def _kind(text: str) -> str:
    lower = text.lower()
    for word, kind in (("sign", "signing"), ("memorandum", "signing"), ("agreement", "signing"), ("letter of", "signing"),
                       ("launch", "launch"), ("visit", "visit"), ("inaugurat", "launch"), ("opened", "launch"),
                       ("opening", "launch")):
        if word in lower:
            return kind
    return "meeting"


def _date(sentence: str, published: object, ingest: dt.date | None = None) -> str | None:
    """The date the sentence gives an event (``None``: it gives none)."""
    if m := DATE_RE.search(sentence):
        with_year = re.search(r"\d{4}", m.group(0)) is not None
        if with_year or published is not None:
            parsed = parse_date(m.group(0) + ("" if with_year else f" {getattr(published, 'year', '')}"))
        elif ingest is not None and (day := parse_date(f"{m.group(0)} {ingest.year}")):
            # no year, and no date of publication to take it from: the latest such day before ingest
            parsed = resolve_month_day(day.month, day.day, ingest, None)
        else:
            parsed = None
        if parsed:
            return parsed.isoformat()
    if m := MONTH_YEAR_RE.search(sentence):
        return f"{m.group(2)}-{month_of(m.group(1)):02d}"
    on_day = WEEKDAY_RE.search(sentence) or re.search(r"\b(today|on the same day|yesterday)\b", sentence, re.I)
    if published is not None and not on_day and (m := _IN_MONTH.search(sentence)):  # "in September": the one meant
        month, year = month_of(m.group(1)), published.year  # type: ignore[attr-defined]
        if _FUTURE.search(sentence):
            year += month < published.month  # type: ignore[attr-defined]
        else:
            year -= month > published.month  # type: ignore[attr-defined]
        return f"{year}-{month:02d}"
    if m := re.search(r"\b(last year|this year|next year|previous year)\b", sentence, re.I):
        year = relative_year(m.group(1), published)  # type: ignore[arg-type]
        return str(year) if year else None
    if m := re.search(r"\bin\s+((?:19|20)\d\d)\b", sentence):
        return m.group(1)
    if isinstance(published, dt.date) and on_day and on_day.group(0).lower() == "yesterday":
        return (published - dt.timedelta(days=1)).isoformat()
    if isinstance(published, dt.date) and on_day and (weekday := on_day.group(1).lower()) in WEEKDAYS:
        # "signed on Monday" in a Tuesday's dispatch: the Monday before; "will meet on Friday": the next
        shift = (WEEKDAYS.index(weekday) - published.weekday()) % 7
        if not _FUTURE.search(sentence):
            shift = shift - 7 if shift else 0
        return (published + dt.timedelta(days=shift)).isoformat()
    if published is not None and on_day:  # "today", "on the same day"
        return published.isoformat()  # type: ignore[attr-defined]
    return None


def _quoted_after(sentence: str, name: str, verb: re.Match[str] | None) -> bool:
    """Whether ``name`` is only the source of what the sentence says happened ("BYD opened a factory
    in 2024, said Li Wei, a researcher"): named after the event's verb, following "said"."""
    m = re.search(rf"\b(?:said|says|according\s+to)\s+(?:[\w.-]+\s+){{0,3}}?{re.escape(name)}", sentence)
    return m is not None and verb is not None and verb.start() < m.start() and sentence.count(name) == 1


def events_in(sentence: str, offset: int, published: object, people: list[PersonHit], text: str,
              dateline: str | None, ingest: dt.date | None = None) -> list[EventHit]:
    events: list[EventHit] = []
    verb = _EVENT_VERBS.search(sentence)
    named = _NAMED_EVENT.search(sentence)
    if named and not verb and not re.search(r"\b(?:co-hosted|hosted|held|organi[sz]ed)\b", sentence):
        verb = None
    if named and verb and verb.group(0) in _ACTS and verb.start() < named.start():
        named = None  # "signed the agreement at the X Forum": the signing, which the forum was the place of
    if verb is None and named is None:
        return events
    names = [p.name for p in people]
    who = [p.name for p in people if person_mentions(text, p, offset, offset + len(sentence), names)
           and not _quoted_after(sentence, p.name, verb)]
    mode: Mode = "virtual" if _VIRTUAL.search(sentence) else "in-person" if _IN_PERSON.search(sentence) else None
    place = _PLACE.search(sentence) or _HELD_IN.search(sentence) or _VISITS.search(sentence)
    location = place.group(1) if place else None
    again = False
    if named:
        summary = named.group(1).strip()
        start, end = named.start(), named.end()
        kind = "event"
    else:
        assert verb is not None
        noun = _EVENT_NOUN.search(sentence, verb.end())
        if (objects := _OBJECT_NOUNS.get(verb.group(0))) and (thing := objects.search(sentence, verb.end())) and \
                (noun is None or thing.start() < noun.start()):
            noun = thing
        opening = _OPENING.match(sentence, verb.end()) if verb.group(0) in {"opened", "inaugurated"} else None
        if verb.group(0) == "convened":
            subject = sentence[: verb.start()].strip()
            subject = re.sub(r"^.*?\)\s*", "", subject)  # drop a dateline in front
            summary = f"Meeting: {subject[:1].lower()}{subject[1:]}" if subject else "Meeting"
            start = max(sentence.find(subject), 0) if subject else verb.start()
            end = verb.end()
            location = location or dateline
        elif opening:  # "opened its first Brazilian factory"
            summary = f"{opening.group(1).capitalize()} opening"
            start, end = verb.start(), opening.end()
        elif passive := _PASSIVE.search(sentence, 0, verb.start()):  # "The agreement was signed by ..."
            summary, start, end, again = passive.group(1).capitalize(), passive.start(1), verb.end(), True
        elif noun:
            modifiers = noun.group("modifiers")
            summary = _NOT_MODIFIERS.sub("", modifiers) + noun.group(1)[len(modifiers):].strip()
            summary = summary[:1].upper() + summary[1:]  # its participants are facts of their own
            start, end = verb.start(), noun.end()
            again = re.search(r"\b(?:the|this|that)\s+$", sentence[:noun.start() + len(modifiers)]) is not None \
                and summary == noun.group(1)[len(modifiers):].strip().capitalize()
        else:
            if not who and not (location and verb.group(0) in {"met", "meet", "meets"}):  # "will meet in Seoul"
                return events
            summary = _VERB_NOUNS.get(verb.group(0), verb.group(0).capitalize())
            start, end = verb.start(), verb.end()
        kind = _kind(summary + " " + verb.group(0))
        # widen the evidence to the people taking part
        for p in people:
            if p.name in who:
                at = text.find(p.name, offset, offset + len(sentence))
                if at != -1:
                    start, end = min(start, at - offset), max(end, at - offset + len(p.name))
        if location and (at := sentence.find(location)) != -1 and at - end < 40:
            end = max(end, at + len(location))
    date = _date(sentence, published, ingest=ingest)
    dated = date is not None
    if date is None and not named and isinstance(published, dt.date):  # undated: the day it was reported
        date = published.isoformat()
    events.append(EventHit(summary, offset + start, offset + end, kind, date, who, location, mode,
                           again=again, dated=dated))
    return events


@functools.lru_cache(maxsize=16)
def _topic_patterns(vocabulary: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[tuple[re.Pattern[str], dict[str, str]], ...]:
    """Two alternations over the whole vocabulary: exact case (acronyms, short words) and any case."""
    exact: dict[str, str] = {}
    folded: dict[str, str] = {}
    for topic, words in vocabulary:
        for word in words:
            if word.isupper() or len(word) <= 3:
                exact.setdefault(word, topic)
            else:
                folded.setdefault(word.casefold(), topic)
    patterns = []
    for table, flags in ((exact, 0), (folded, re.I)):
        if table:
            alternation = "|".join(re.escape(w) for w in sorted(table, key=len, reverse=True))
            patterns.append((re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])", flags), table))
    return tuple(patterns)


def topics_in(text: str, vocabulary: dict[str, tuple[str, ...]]) -> list[tuple[str, int, int]]:
    """Each vocabulary topic at its first mention in ``text`` (one pass per pattern)."""
    first: dict[str, tuple[int, int]] = {}
    for pattern, table in _topic_patterns(tuple((t, tuple(w)) for t, w in vocabulary.items())):
        for m in pattern.finditer(text):
            word = m.group() if pattern.flags & re.I == 0 else m.group().casefold()
            topic = table.get(word)
            if topic is not None and (topic not in first or m.start() < first[topic][0]):
                first[topic] = (m.start(), m.end())
    return sorted(((t, a, b) for t, (a, b) in first.items()), key=lambda t: t[1])


def instruments_in(sentence: str) -> list[str]:
    return [m.group(1) for m in _INSTRUMENT.finditer(sentence)]


def is_partnership_sentence(sentence: str) -> bool:
    return bool(_PARTNER_WORDS.search(sentence))


__all__ = ["EventHit", "events_in", "instruments_in", "is_partnership_sentence", "topics_in"]
