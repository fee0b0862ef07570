"""Dates: the dateline's date resolved against the ingest date, and relative years."""

from __future__ import annotations

import datetime as dt
import re

import dateparser

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december")
MONTH_NAMES = "|".join(month.capitalize() for month in MONTHS)  # "January|February|..."
WEEKDAY_NAMES = "|".join(day.capitalize() for day in WEEKDAYS)
MONTH_RE = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
DATE_RE = re.compile(rf"\b(?:{MONTH_RE}\s+\d{{1,2}}(?!\d)(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{MONTH_RE}(?:,?\s+\d{{4}})?)")
MONTH_YEAR_RE = re.compile(rf"\b({MONTH_RE})\s+((?:19|20)\d\d)\b")  # "in June 2025": a month, no day
WEEKDAY_RE = re.compile(rf"\b(?:on\s+)?({WEEKDAY_NAMES})\b")


def month_of(name: str) -> int:
    """1-12 of a month's name or abbreviation ("Sept.", "June")."""
    return next(i for i, month in enumerate(MONTHS, 1) if month.startswith(name.rstrip(".").lower()[:3]))


def parse_date(text: str) -> dt.date | None:
    parsed = dateparser.parse(text, languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first",
                                                                "REQUIRE_PARTS": ["day", "month"]})
    return parsed.date() if parsed else None


def resolve_month_day(month: int, day: int, ingest: dt.date, weekday: str | None) -> dt.date | None:
    """The latest ``month``/``day`` on or before ``ingest`` (that falls on ``weekday``, if given)."""
    for year in range(ingest.year, ingest.year - 12, -1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate > ingest:
            continue
        if weekday is None or WEEKDAYS[candidate.weekday()] == weekday.lower():
            return candidate
    return None


def resolve_dateline(date_text: str, ingest: dt.date, weekday: str | None) -> dt.date | None:
    """'January 13' + 'convened on Monday' -> the latest 13 January before ingest that was a Monday."""
    if re.search(r"\d{4}", date_text):
        return parse_date(date_text)
    parsed = parse_date(f"{date_text} {ingest.year}")
    if parsed is None:
        return None
    return resolve_month_day(parsed.month, parsed.day, ingest, weekday)


RELATIVE_YEARS = {"last year": -1, "previous year": -1, "past year": -1, "this year": 0,
                  "the current year": 0, "current year": 0, "next year": 1, "coming year": 1,
                  "two years ago": -2, "the year before": -2}


def relative_year(phrase: str, published: dt.date | None) -> int | None:
    if published is None:
        return None
    for words, delta in RELATIVE_YEARS.items():
        if words in phrase.lower():
            return published.year + delta
    return None
