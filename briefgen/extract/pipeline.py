"""Article text in, a draft facts file (every fact with its evidence, all unreviewed) out."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass, field

from ..schema import (
    Country,
    Event,
    Evidence,
    FactsFile,
    Figure,
    Organization,
    Partnership,
    Person,
    Source,
    Topic,
    Trend,
    TrendPoint,
)
from ..slugs import slugify
from .dates import MONTH_RE, WEEKDAY_RE, parse_date, resolve_dateline
from .entities import OrgHit, PersonHit, city_country, countries_in, country_of, organizations_in, people_in
from .events import events_in, instruments_in, is_partnership_sentence, topics_in
from .nlp import sentences
from .quantities import PESOS, figures_in, trends_in
from .vocab import TOPICS, CountryName, country_pattern, country_words

_DATELINE = re.compile(
    rf"^(?P<place>[A-Z][A-Za-z .'’-]{{1,40}}?),\s+(?P<date>{MONTH_RE}\s+\d{{1,2}}(?:,\s*\d{{4}})?|"
    rf"\d{{1,2}}\s+{MONTH_RE}(?:\s+\d{{4}})?)\s*(?:\((?P<pub>[^)\n]{{2,60}})\))?", re.M)
# a byline's date: "Published: 2025-04-02 | Singapore", "Posted 2 April 2025 · Singapore"
_BYLINE = re.compile(
    rf"^(?:Published|Posted|Updated|Released|Date)\s*:?\s+(?P<date>\d{{4}}-\d{{2}}-\d{{2}}|{MONTH_RE}\s+\d{{1,2}},?\s+\d{{4}}|"
    rf"\d{{1,2}}\s+{MONTH_RE}\s+\d{{4}})(?:\s*[|·,–—-]\s*(?P<place>[A-Z][A-Za-z .'’-]{{1,40}}?))?\s*$", re.M)
_DATELINE_UNDATED = re.compile(  # "WASHINGTON (AP) —": the agencies' dateline without a date
    r"^(?P<place>[A-Z][A-Za-z .'’-]{1,40}?)\s*\((?P<pub>[^)\n]{2,60})\)\s*(?:—|–|--?)", re.M)
_SUPRANATIONAL = re.compile(r"\b(?:European|EU|United Nations|UN|International|World|Global|NATO|OECD|ASEAN|"
                            r"African Union|Asian|Arab League|Gulf Cooperation|Commonwealth)\b")
_PARTNERSHIP = re.compile(r"((?:[a-z-]+\s){0,2}(?:cooperation|collaboration|partnerships?)(?:[^,.;]|\.(?=\w)){0,70})")
# what a partnership without the word is for: "signed an agreement on Wednesday to co-invest in ...",
# "launched a joint council to build a hydrogen supply chain", "a joint declaration of intent on AI research"
_PURPOSE = re.compile(
    r"\b(?:an?|the)\s+((?:(?:joint|new|bilateral|framework|cooperation|trade|investment)\s+){0,2}"
    r"(?:agreement|pact|deal|accord|memorandum of understanding|declaration of intent|declaration|council|"
    r"committee|working group|task force|commission|initiative|fund))(?:\s+(?:on\s+[A-Z]\w+day|today|yesterday))?"
    r"\s+(to|on)\s+"
    r"([a-z][\w-]*(?:\s+[\w'’-]+){1,11}?)"
    r"(?=\s*[,.;:]|\s*$|\s+(?:as|while|after|before|amid|which|that|by\s+(?:19|20)\d\d|on\s+[A-Z]\w+day)\b)")
# "signed a Digital Economy Framework Agreement" (a headline's words in capitals have no article)
_NAMED_AGREEMENT = re.compile(r"\b(?:a|an|the)\s+((?:[A-Z][\w-]*\s+){1,6}(?:[Aa]greement|[Aa]ccord|[Pp]act|"
                              r"[Ff]ramework|[Pp]artnership|[Cc]harter))\b")  # "a Technology Security Initiative agreement"
_VENUE = re.compile(r"\b(?:at|during|on\s+the\s+sidelines\s+of|(?:meeting|session|summit|conference|ceremony|"
                    r"launch|opening|assembly|gathering)\s+of)\s+(?:the\s+)?"  # where, not whose
                    r"(?:(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th)|"
                    r"annual|inaugural|latest)\s+)*$")  # "at the fourth EU-Japan Digital Partnership Council"
_CITES = re.compile(r"\b(?:according to(?: reports by| a statement from| data from)?|as stated by|as reported by|"
                    r"reported by|said|announced by)\s+(?:the\s+)?", re.I)


@dataclass
class Options:
    ingest_date: dt.date = field(default_factory=dt.date.today)
    topics: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(TOPICS))
    published: dt.date | None = None  # overrides what the dateline says
    published_hint: dt.date | None = None  # the page's own metadata: the date when the text gives none


_MARKUP = re.compile(
    r"\A---[ \t]*\n(?:.*\n)*?(?:---|\.\.\.)[ \t]*(?:\n|\Z)"  # YAML front matter: no text of the article
    r"|^[ \t]{0,3}(?:#{1,6}[ \t]+|>[ \t]?|(?:[-*+]|\d+[.)])[ \t]+)"  # heading, quote, list item markers
    r"|!?\[(?=[^\]\n]*\]\()|\]\((?:[^()\n]|\([^()\n]*\))*\)"  # a link's brackets and address, "(x)" in it
    r"|\*{1,3}(?=[^\s*])|(?<=[^\s*])\*{1,3}|(?<!\w)_{1,3}(?=\S)|(?<=\S)_{1,3}(?!\w)|`+"  # emphasis, code
    r"|<[A-Za-z/][^>\n]*>",  # inline HTML
    re.M)


def plain_markdown(text: str) -> tuple[str, list[int]]:
    """A Markdown article as the extractor reads it, without its markup ("**Stefan Wenzel**, state
    secretary" reads as a name with its role), and where each of its characters is in the article."""
    kept: list[int] = []
    at = 0
    for m in _MARKUP.finditer(text):
        kept.extend(range(at, m.start()))
        at = m.end()
    kept.extend(range(at, len(text)))
    return "".join(text[i] for i in kept), kept


def _title(text: str) -> tuple[str, int, int]:
    m = re.search(r"\S[^\n]*", text)
    if not m:
        return "Untitled", 0, 0
    title = m.group(0).rstrip()
    return title, m.start(), m.start() + len(title)


class _Builder:
    def __init__(self, text: str, file_name: str, options: Options,
                 scan: tuple[str, list[int]] | None = None) -> None:
        self.original = text  # what evidence quotes
        # what the rules read, and where each of its characters is in the article (Markdown: its text)
        self.text: str = scan[0] if scan is not None else text
        self.index: list[int] | None = scan[1] if scan is not None else None
        self.source_span: tuple[int, int] | None = None  # the dateline (or title) in self.text
        self.options = options
        self.facts = FactsFile(source=Source(file=file_name, title="Untitled"))
        self.ids: set[str] = set()

    def ev(self, start: int, end: int) -> Evidence:
        """The article's words from ``start`` to ``end``, without the spaces (or markup) around them."""
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1] in " \t\n,;":
            end -= 1
        if self.index is not None and end > start:
            start, end = self.index[start], self.index[end - 1] + 1
        return Evidence(quote=self.original[start:end], start=start, end=end)

    def new_id(self, base: str, prefix: str) -> str:
        candidate, n = slugify(base, prefix)[:80].strip("-"), 2
        while candidate in self.ids:
            candidate, n = f"{slugify(base, prefix)[:76]}-{n}", n + 1
        self.ids.add(candidate)
        return candidate

    # -- source --------------------------------------------------------------------------------
    def source(self) -> CountryName | None:
        text = self.text
        title, t0, t1 = _title(text)
        src = self.facts.source
        src.title = title[:2000]
        src.evidence = self.ev(t0, t1) if t1 > t0 else None
        self.source_span = (t0, t1) if t1 > t0 else None
        m = (_DATELINE.search(text, t1, t1 + 400) or _DATELINE_UNDATED.search(text, t1, t1 + 400)) if t1 else None
        home = None
        byline = _BYLINE.search(text, t1, t1 + 400) if t1 and not m else None
        if byline:
            src.published = parse_date(byline.group("date")) or src.published
            if byline.group("place"):
                src.dateline = byline.group("place").strip()
                home = city_country(src.dateline) or country_of(src.dateline)
            src.evidence = self.ev(byline.start(), byline.end())
            self.source_span = (byline.start(), byline.end())
        if m:
            place = m.group("place").strip()
            src.dateline = place.title() if place.isupper() else place  # "BRUSSELS" -> "Brussels"
            src.publisher = m.group("pub").strip() if m.group("pub") else None
            if "date" in m.re.groupindex:
                weekday = WEEKDAY_RE.search(text, m.end(), m.end() + 400)
                src.published = resolve_dateline(m.group("date"), self.options.ingest_date,
                                                 weekday.group(1) if weekday else None)
            src.evidence = self.ev(m.start(), m.end())
            self.source_span = (m.start(), m.end())
            home = city_country(src.dateline) or country_of(src.dateline)
        if self.options.published:
            src.published = self.options.published
        elif src.published is None and self.options.published_hint:
            src.published = self.options.published_hint
        return home

    # -- entities ------------------------------------------------------------------------------
    def countries(self, home: CountryName | None) -> dict[str, str]:
        ids: dict[str, str] = {}
        hits = countries_in(self.text)
        for code, hit in sorted(hits.items(), key=lambda kv: kv[1].mentions[0].start):
            first = hit.mentions[0]
            cid = self.new_id(hit.country.name, "country")
            ids[code] = cid
            self.facts.countries.append(Country(id=cid, name=hit.country.name, code=code,
                                                evidence=self.ev(first.start, first.end)))
        if home and home.code not in ids and self.source_span:
            cid = self.new_id(home.name, "country")
            ids[home.code] = cid
            span = self.source_span  # the place as written there ("BRUSSELS")
            found = re.compile(re.escape(self.facts.source.dateline or ""), re.I).search(self.text, span[0])
            place = found.start() if found else span[0]
            self.facts.countries.append(Country(id=cid, name=home.name, code=home.code,
                                                evidence=self.ev(place, place + len(self.facts.source.dateline or ""))))
        return ids

    def organizations(self, home: CountryName | None, country_ids: dict[str, str]) -> list[tuple[OrgHit, str]]:
        text, out = self.text, []
        hits = organizations_in(text)
        src = self.facts.source
        if src.publisher and self.source_span and not any(h.name == src.publisher for h in hits):
            at = text.find(src.publisher, self.source_span[0])
            hits.insert(0, OrgHit(src.publisher, at, at + len(src.publisher), "media"))
        for hit in hits:
            country = hit.country
            if country is None and home and hit.kind in {"ministry", "agency"} and not re.search(r"[-–]", hit.name) \
                    and not _SUPRANATIONAL.search(hit.name):  # the European Commission is not Belgian
                country = home
            oid = self.new_id(hit.name, "organisation")
            start, end = hit.founded_span or (hit.start, hit.end)
            self.facts.organizations.append(Organization(
                id=oid, name=hit.name, kind=hit.kind, founded=hit.founded,
                country=country_ids.get(country.code) if country else None, evidence=self.ev(start, end)))
            out.append((hit, oid))
        for m in _CITES.finditer(text):
            for hit, oid in out:
                follows = hit.start >= m.end() and text[m.end(): hit.start].strip().lower() in {"", "the"}
                if follows and oid not in self.facts.source.cites:
                    self.facts.source.cites.append(oid)
        return out

    def people(self, orgs: list[tuple[OrgHit, str]], country_ids: dict[str, str], hits: list[PersonHit],
               sents: list[tuple[int, int]]) -> dict[str, str]:
        text, ids = self.text, {}
        spans = [(p.start, p.end) for p in hits]
        org_country = {o.id: o.country for o in self.facts.organizations}
        for person in hits:
            org_id = None
            own = country_ids.get(person.country.code) if person.country else None  # the title's country
            if person.org:
                org_id = next((oid for h, oid in orgs if h.name == person.org or person.org in h.name
                               or h.name in person.org), None)
            if org_id is None and not person.org:
                sent = next(((s, e) for s, e in sents if s <= person.start < e), None)
                if sent:
                    for hit, oid in orgs:
                        inside = sent[0] <= hit.start < sent[1]
                        taken = any(s <= hit.start < e for s, e in spans if (s, e) != (person.start, person.end))
                        venue = _VENUE.search(text, max(0, hit.start - 40), hit.start)  # "signed ... at the X Forum"
                        # "Vietnamese Deputy Minister ..., according to the (Korean) Ministry of ...": not his
                        foreign = own is not None and org_country.get(oid) not in (None, own)
                        if inside and not taken and hit.kind != "media" and venue is None and not foreign:
                            org_id = oid
                            break
            country_id = own or (org_country.get(org_id) if org_id else None)
            pid = self.new_id(person.name, "person")
            ids[person.name] = pid
            self.facts.people.append(Person(id=pid, name=person.name, role=person.role, organization=org_id,
                                            country=country_id, evidence=self.ev(person.start, person.end)))
        return ids

    # -- quantities ----------------------------------------------------------------------------
    def quantities(self, sents: list[tuple[int, int]], home: CountryName | None) -> None:
        text, published = self.text, self.facts.source.published
        pesos = PESOS.get(home.code) if home else None
        covered: list[tuple[int, int]] = []
        seen: set[tuple[object, ...]] = set()  # an article that repeats a statement gives one fact
        amounts: dict[tuple[object, ...], Figure] = {}  # the first figure of each amount (and its time)
        key: tuple[object, ...]
        for s, e in sents:
            for trend in trends_in(text[s:e], s, published):
                key = ("trend", trend.unit, tuple((y, v) for y, v, _, _ in trend.points))
                covered.extend((a, b) for _, _, a, b in trend.points)
                if key in seen:
                    continue
                seen.add(key)
                points, figure_ids = [], []
                for year, value, a, b in trend.points:
                    fid = self.new_id(f"{trend.unit}-{year}", "figure")
                    self.facts.figures.append(Figure(id=fid, summary=trend.summary, value=value, unit=trend.unit,
                                                     year=year, evidence=self.ev(a, b)))
                    figure_ids.append(fid)
                    points.append(TrendPoint(year=year, value=value, figure=fid))
                years = "-".join(str(p.year) for p in points)
                self.facts.trends.append(Trend(id=self.new_id(f"{trend.unit}-{years}", "trend"),
                                               summary=trend.summary, unit=trend.unit, points=points,
                                               evidence=self.ev(s, e)))
            for fig in figures_in(text[s:e], s, published):
                if pesos and fig.unit == "MXN" and re.search(r"\bpesos?\b", text[fig.start:fig.end], re.I):
                    fig.unit = pesos  # "450 billion pesos" in a Chilean article
                key = ("figure", fig.value, fig.unit, fig.period, fig.year, fig.since, fig.date, fig.summary)
                if key in seen or any(a <= fig.start < b for a, b in covered[-8:]):
                    continue
                seen.add(key)
                said = amounts.get(key[:-1])
                if said is not None and said.summary == "Funding":  # the same amount again, now saying what it is
                    said.summary, said.evidence = fig.summary, self.ev(fig.start, fig.end)
                    continue
                if said is not None and fig.summary == "Funding":  # the same amount again, saying no more
                    continue  # ("programme worth €120 million" ... "backed by €120 million")
                when = fig.year or fig.since or fig.date or "na"
                fid = self.new_id(f"{fig.unit}-{fig.value}-{when}", "figure")
                self.facts.figures.append(Figure(id=fid, summary=fig.summary, value=fig.value, unit=fig.unit,
                                                 period=fig.period, year=fig.year, since=fig.since, date=fig.date,
                                                 evidence=self.ev(fig.start, fig.end)))
                amounts.setdefault(key[:-1], self.facts.figures[-1])

    # -- events, topics, partnerships -----------------------------------------------------------
    def events(self, sents: list[tuple[int, int]], people_hits: list[PersonHit], person_ids: dict[str, str],
               orgs: list[tuple[OrgHit, str]]) -> None:
        text, published = self.text, self.facts.source.published
        for hit, oid in orgs:
            if hit.founded and hit.founded_span:
                self.facts.events.append(Event(id=self.new_id(f"{hit.name}-founded", "event"),
                                               summary=f"{hit.name} founded", date=str(hit.founded),
                                               kind="founding", organizations=[oid],
                                               evidence=self.ev(*hit.founded_span)))
        title_end = self.source_span[1] if self.source_span else 0
        org_names = {hit.name for hit, _ in orgs}
        seen: set[tuple[object, ...]] = {("founding", e.date, e.summary) for e in self.facts.events}
        last: tuple[int, Event, int] | None = None  # the last event: its sentence, and where its evidence starts
        for i, (s, e) in enumerate(sents):
            if e <= title_end and i == 0:
                continue
            sentence = text[s:e]
            if self.source_span and s <= self.source_span[0] < e:  # the dateline's date is when it was written
                a, b = self.source_span[0] - s, min(self.source_span[1], e) - s
                sentence = sentence[:a] + " " * (b - a) + sentence[b:]
            for ev in events_in(sentence, s, published, people_hits, text, self.facts.source.dateline,
                                self.options.ingest_date):
                org_ids = [oid for hit, oid in orgs if hit.name in ev.summary or (s <= hit.start < e
                           and hit.kind not in {"media"} and hit.name in text[ev.start:ev.end])]
                if ev.again and last is not None and last[0] == i - 1 and last[1].kind == ev.kind \
                        and (not ev.dated or ev.date == last[1].date):
                    # "India and Australia signed an agreement ... Reddy signed the pact with King ...":
                    # one signing, told over two sentences (the evidence spans both)
                    before = last[1]
                    before.participants = list(dict.fromkeys(
                        [*before.participants, *(person_ids[n] for n in ev.participants if n in person_ids)]))
                    before.organizations = list(dict.fromkeys([*before.organizations, *org_ids]))
                    before.location, before.mode = before.location or ev.location, before.mode or ev.mode
                    before.evidence = self.ev(last[2], ev.end)
                    last = (i, before, last[2])
                    continue
                if (ev.kind, ev.date, ev.summary) in seen or (ev.kind == "event" and ev.summary in org_names):
                    continue  # "according to the Indo-German Energy Forum": an organisation, not an event
                seen.add((ev.kind, ev.date, ev.summary))
                self.facts.events.append(Event(
                    id=self.new_id(f"{ev.kind}-{ev.date or 'undated'}-{ev.summary}"[:70], "event"),
                    summary=ev.summary, date=ev.date, kind=ev.kind,
                    participants=[person_ids[n] for n in ev.participants if n in person_ids],
                    organizations=org_ids, location=ev.location, mode=ev.mode,
                    evidence=self.ev(ev.start, ev.end)))
                last = (i, self.facts.events[-1], ev.start)

    def topics(self) -> None:
        for name, start, end in topics_in(self.text, self.options.topics):
            self.facts.topics.append(Topic(id=self.new_id(name, "topic"), name=name,
                                           evidence=self.ev(start, end)))

    def partnerships(self, home: CountryName | None, country_ids: dict[str, str],
                     sents: list[tuple[int, int]], orgs: list[tuple[OrgHit, str]]) -> None:
        text = self.text
        if home is None or home.code not in country_ids:  # no dateline: "Britain and India signed ..."
            home = next((pair[0] for s, e in sents[:6] if (pair := _pair(text[s:e])) and pair[1].code in country_ids
                         and pair[0].code in country_ids), None)
            if home is None:
                return
        home_id = country_ids[home.code]
        with_actors = {p.country for p in self.facts.people} | {o.country for o in self.facts.organizations}
        for code, cid in country_ids.items():
            if cid == home_id:
                continue
            compound = [h for h, _ in orgs if len(countries_in(h.name)) > 1 and code in countries_in(h.name)]
            candidates = [(s, e) for s, e in sents if is_partnership_sentence(text[s:e])
                          and code in countries_in(text[s:e])]
            # the two countries as one subject ("Singapore and Vietnam signed ..."), else both with actors
            # of their own (a dateline alone names no party: "BRUSSELS" for the EU and Korea)
            joined = any(_joined(text[s:e], home.code, code) for s, e in candidates)
            parties = home_id in with_actors and (cid in with_actors or bool(compound))
            if not candidates or not (joined or parties):
                continue
            alone = [c for c in candidates if set(countries_in(text[c[0]:c[1]])) <= {code, home.code}]
            # the last sentence that names the partnership itself,
            named = [c for c in (alone or candidates) if _PARTNERSHIP.search(text[c[0]:c[1]])]
            purposes = [(c, p) for c in (alone or candidates) if (p := _PURPOSE.search(text[c[0]:c[1]]))]
            titled = [(c, t) for c in (alone or candidates) if (t := _NAMED_AGREEMENT.search(text[c[0]:c[1]]))]
            # else the first that says what one is for, or names its agreement, else the last that suggests one
            said = purposes or titled
            s, e = (named or ([said[0][0]] if said else alone or candidates))[-1]
            sentence = text[s:e]
            m = _PARTNERSHIP.search(sentence)
            name = next(c.name for c in self.facts.countries if c.id == cid)
            # "... understanding on energy cooperation": not "On energy cooperation"
            phrase = re.sub(r"^(?:(?:a|an|the|its|their|on|of|for|in|to|with|and|expand|deepen|strengthen|boost|"
                            r"enhance|promote|broaden)\s+)+",
                            "", m.group(1).strip()) if m else ""  # "to expand cooperation on ...": "Cooperation on ..."
            phrase = re.split(r"\s+(?:that|which|who|whose)\s", phrase)[0]  # not "... that has made Warsaw ..."
            if not phrase and purposes:  # "Joint council to build a hydrogen supply chain"
                purpose = purposes[0][1]
                phrase = f"{purpose.group(1)} {purpose.group(2)} {purpose.group(3)}"
            elif not phrase and titled:  # "Digital Economy Framework Agreement"
                phrase = titled[0][1].group(1)
            summary = phrase[:1].upper() + phrase[1:] if phrase else f"Cooperation with {name}"
            instruments = sorted({i for a, b in candidates for i in instruments_in(text[a:b])})
            self.facts.partnerships.append(Partnership(
                id=self.new_id(f"{home_id}-{cid}", "partnership"), summary=summary, between=[home_id, cid],
                organizations=[oid for h, oid in orgs if h in compound], instruments=instruments,
                evidence=self.ev(s, e)))


def _pairs(sentence: str) -> list[tuple[CountryName, CountryName]]:
    """The countries a sentence names two at a time joined by "and" ("Singapore and Vietnam signed");
    a capital here too ("Seoul and Tokyo agreed")."""
    words = country_words()
    named = [(words[m.group(1)], m.start(), m.end()) for m in country_pattern().finditer(sentence)]
    return [(a, b) for (a, _, a_end), (b, b_start, _) in itertools.pairwise(named)
            if sentence[a_end:b_start] == " and " and a.code != b.code]


def _pair(sentence: str) -> tuple[CountryName, CountryName] | None:
    return next(iter(_pairs(sentence)), None)


def _joined(sentence: str, one: str, other: str) -> bool:
    """Whether a sentence names the two countries joined by "and"."""
    return any({a.code, b.code} == {one, other} for a, b in _pairs(sentence))


def extract_facts(text: str, file_name: str, options: Options | None = None) -> FactsFile:
    """Draft facts for one article; every fact has evidence that sits at its offsets in ``text``."""
    options = options or Options()
    scan = plain_markdown(text) if file_name.lower().endswith(".md") else None
    b = _Builder(text, file_name, options, scan=scan)
    text = b.text  # what the rules read
    home = b.source()
    sents_full, ents = sentences(text)
    sents = [(s.start, s.end) for s in sents_full]
    model_people = [(s, e) for s, e, label in ents if label == "PERSON"]
    country_ids = b.countries(home)
    orgs = b.organizations(home, country_ids)
    people_hits = people_in(text, model_people)  # found once: the people facts and the events' participants
    person_ids = b.people(orgs, country_ids, people_hits, sents)
    b.quantities(sents, home)
    b.events(sents, people_hits, person_ids, orgs)
    b.topics()
    b.partnerships(home, country_ids, sents, orgs)
    return b.facts
