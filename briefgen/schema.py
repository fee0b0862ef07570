"""The facts file: a typed schema (pydantic) and its JSON Schema export.

A facts file is the reviewed record of one source article.  Every fact has a stable ``id`` and
``evidence``: the exact quote and its ``start``/``end`` character offsets in the article text.
Facts refer to each other by id (a person's ``organization`` is an organisation's id), and ids are
global across briefings: the same id in two facts files is the same entity with one page.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, FiniteFloat, model_validator

from .text import clean_text

SCHEMA_VERSION: Literal[1] = 1
SCHEMA_FILE = Path(__file__).parent / "schemas" / "facts.schema.json"

_PARTIAL_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


def _partial_date(value: Any) -> Any:
    """Accept 2024, "2024", "2024-05", "2024-05-17" or a date; keep it as ISO text."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:04d}"
    if isinstance(value, str) and not _PARTIAL_DATE.match(value):
        raise ValueError("must be a date written YYYY, YYYY-MM or YYYY-MM-DD")
    return value


Id = Annotated[
    str,
    Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=96,
          description="Stable identifier: lower-case letters, digits and hyphens."),
]
PartialDate = Annotated[
    str,
    BeforeValidator(_partial_date),
    Field(pattern=_PARTIAL_DATE.pattern, description="YYYY, YYYY-MM or YYYY-MM-DD."),
]
Text = Annotated[str, Field(min_length=1, max_length=2000)]
Review = Literal["unreviewed", "reviewed"]


def _unpickled(cls: type[_Model], values: dict[str, Any], fields_set: set[str], extra: Any, private: Any) -> _Model:
    """A model as ``_Model.__reduce__`` pickled it: what pydantic's ``__setstate__`` sets."""
    model = cls.__new__(cls)
    object.__setattr__(model, "__dict__", values)
    object.__setattr__(model, "__pydantic_fields_set__", fields_set)
    object.__setattr__(model, "__pydantic_extra__", extra)
    object.__setattr__(model, "__pydantic_private__", private)
    return model


def _cleaned(value: Any) -> Any:
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [_cleaned(v) for v in value]
    return value


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False, validate_default=True)

    @model_validator(mode="before")
    @classmethod
    def _clean(cls, data: Any) -> Any:
        """Every string of a facts file as the article's text is cleaned (``text.clean_text``)."""
        if isinstance(data, dict):
            # a file name is the file's own, whatever it holds (pages show the title, not the name)
            return {k: v if k == "file" else _cleaned(v) for k, v in data.items()}
        return data

    def __reduce__(self) -> tuple[Any, ...]:
        # pydantic pickles a model as a state dict of four entries that its __setstate__ reads back;
        # this pickles the four values: a build's memo of 1,000 briefings (~40,000 models) unpickles
        # in 0.26 s instead of 0.41 s
        return (_unpickled, (type(self), self.__dict__, self.__pydantic_fields_set__,
                             self.__pydantic_extra__, self.__pydantic_private__))


class Evidence(_Model):
    """The exact words of the source that support a fact, and where they are."""

    quote: Annotated[str, Field(min_length=1, description="Exact text of the source.")]
    start: Annotated[int, Field(ge=0, description="Offset of the quote's first character.")]
    end: Annotated[int, Field(ge=0, description="Offset just past the quote's last character.")]

    @model_validator(mode="after")
    def _span_matches_quote(self) -> Evidence:
        if self.end - self.start != len(self.quote):
            raise ValueError(
                f"end - start is {self.end - self.start} but the quote is {len(self.quote)} characters long"
            )
        return self


class Fact(_Model):
    id: Id
    evidence: Evidence
    review: Review = Field("unreviewed", description="Set to 'reviewed' once a person has checked the fact.")
    note: str | None = Field(None, description="A reviewer's note; shown on the briefing page.")


class Source(_Model):
    """Metadata of the source article."""

    file: Annotated[str, Field(min_length=1, description="The article, relative to this facts file.")]
    title: Text
    published: dt.date | None = None
    dateline: str | None = Field(None, description="Place the article was filed from.")
    publisher: str | None = None
    url: str | None = None
    cites: list[Id] = Field(default_factory=list, description="Ids of organisations the article cites.")
    evidence: Evidence | None = Field(None, description="The title or dateline as it stands in the source.")


class Person(Fact):
    name: Text
    role: str | None = None
    organization: Id | None = Field(None, description="Id of the person's organisation.")
    country: Id | None = Field(None, description="Id of the person's country.")
    aliases: list[str] = Field(default_factory=list)


class Organization(Fact):
    name: Text
    kind: str | None = Field(None, description="ministry, agency, foundation, company, media, ...")
    country: Id | None = None
    founded: int | None = Field(None, ge=1000, le=2999)
    aliases: list[str] = Field(default_factory=list)


class Country(Fact):
    name: Text
    code: Annotated[str, Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2 code.")]


class Event(Fact):
    summary: Text
    date: PartialDate | None = None
    kind: str | None = Field(None, description="meeting, visit, signing, launch, founding, ...")
    participants: list[Id] = Field(default_factory=list, description="Ids of people taking part.")
    organizations: list[Id] = Field(default_factory=list, description="Ids of organisations involved.")
    location: str | None = None
    mode: Literal["virtual", "in-person"] | None = None
    topics: list[Id] = Field(default_factory=list)


class Figure(Fact):
    summary: Text = Field(description="What the number counts.")
    value: int | FiniteFloat  # a value, exactly: a whole number of any length, never .inf or .nan
    unit: Annotated[str, Field(min_length=1, description="ISO 4217 code for money, else the counted noun.")]
    period: str | None = Field(None, description="e.g. 'per year' for an annual amount.")
    year: int | None = Field(None, ge=1000, le=2999, description="Year the value refers to.")
    date: PartialDate | None = Field(None, description="Date the value was true on.")
    since: int | None = Field(None, ge=1000, le=2999, description="First year of a recurring amount.")
    subject: Id | None = Field(None, description="Id of the organisation the figure is about.")


class TrendPoint(_Model):
    year: int = Field(ge=1000, le=2999)
    value: int | FiniteFloat
    figure: Id | None = Field(None, description="Id of the figure this point restates.")


class Trend(Fact):
    summary: Text
    unit: str
    points: list[TrendPoint] = Field(min_length=2)


class Topic(Fact):
    name: Text


class Partnership(Fact):
    summary: Text
    between: list[Id] = Field(min_length=2, description="Ids of the partner countries.")
    organizations: list[Id] = Field(default_factory=list)
    events: list[Id] = Field(default_factory=list)
    instruments: list[str] = Field(default_factory=list, description="Funds, programmes, agreements.")


class Ledger(_Model):
    """What ``briefgen extract`` has proposed before, so a fact a reviewer deleted stays deleted."""

    proposed: list[Id] = Field(default_factory=list)


class FactsFile(_Model):
    """One source article and the facts it supports."""

    version: Literal[1] = SCHEMA_VERSION
    source: Source
    people: list[Person] = Field(default_factory=list)
    organizations: list[Organization] = Field(default_factory=list)
    countries: list[Country] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    trends: list[Trend] = Field(default_factory=list)
    topics: list[Topic] = Field(default_factory=list)
    partnerships: list[Partnership] = Field(default_factory=list)
    extraction: Ledger | None = None

    FACT_LISTS: ClassVar[tuple[str, ...]] = ("people", "organizations", "countries", "events", "figures", "trends",
                                             "topics", "partnerships")

    def all_facts(self) -> list[tuple[str, int, Fact]]:
        """Every fact with the list it sits in and its index there."""
        return [(kind, i, fact) for kind in self.FACT_LISTS for i, fact in enumerate(getattr(self, kind))]


def json_schema() -> dict[str, Any]:
    schema = FactsFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "briefgen facts file"
    return schema


def json_schema_text() -> str:
    return json.dumps(json_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
