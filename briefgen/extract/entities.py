"""Countries, organisations and people, each with the exact span of text that names them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .dates import MONTH_NAMES, WEEKDAY_NAMES
from .vocab import (
    CITY_WORDS,
    LOWER_ORG_WORDS,
    MEDIA_WORDS,
    ORG_KINDS,
    ORG_WORDS,
    PORTFOLIO_WORDS,
    ROLE_WORDS,
    CountryName,
    country_pattern,
    country_words,
)

# letters of names in Latin scripts: "Dorothee Bär", "Łukasz Müller", "José Núñez"
_LATIN = [chr(c) for c in range(0xC0, 0x250)]
UPPER = "A-Z" + "".join(c for c in _LATIN if c.isupper() and c.lower() != c)
LOWER = "a-z" + "".join(c for c in _LATIN if c.islower() and c.upper() != c)
NAME_TOKEN = (rf"(?:[{UPPER}][{LOWER}]+(?:[-'’][{UPPER}{LOWER}][{LOWER}]+)*|[{UPPER}][{LOWER}]?\.|Al-[{UPPER}][{LOWER}]+|"
              rf"[{UPPER}][{LOWER}]*[{UPPER}][{LOWER}]+|[{UPPER}]['’][{UPPER}][{LOWER}]+)")
PARTICLE = r"(?:de|da|del|van|von|der|bin|bint|al|el|le|la|di|du|dos)"
PERSON_NAME = rf"{NAME_TOKEN}(?:\s+(?:{PARTICLE}\s+)?{NAME_TOKEN}){{1,3}}"
_NOT_NAME_WORDS = {
    "The", "A", "An", "At", "In", "On", "Since", "Last", "This", "Next", "Both", "Additionally", "However",
    "Meanwhile", "According", "Minister", "Ministry", "President", "Director", "General", "Deputy", "Vice",
    "Chief", "Head", "Secretary", "Ambassador", "Korea", "Republic", "Government", "National", "Federal",
    "State", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
    "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December", "Innovation", "Technology", "Industry", "Trade", "Science", "Research", "Energy", "Day",
    "Foundation", "Authority", "Agency", "Institute", "Council", "Commission", "Office", "Department",
    "University", "Bank", "Center", "Centre", "Fund", "Program", "Programme", "Forum", "Summit", "Week",
    "Policy", "Affairs", "Development", "Economy", "Economic", "Digital", "Industrial", "Strategy",
    "Cooperation", "Partnership", "Prime", "Officials", "Two", "Joint", "Our", "We", "They",
    "He", "She", "It", "Their", "His", "Her", "Its", "Said", "Dr.", "Mr.", "Ms.", "Mrs.", "Prof.",
    "Dr", "Mr", "Ms", "Mrs", "Prof",  # British style, without the full stop
}


@dataclass
class Mention:
    start: int
    end: int
    text: str


@dataclass
class CountryHit:
    country: CountryName
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class OrgHit:
    name: str
    start: int
    end: int
    kind: str | None = None
    country: CountryName | None = None
    founded: int | None = None
    founded_span: tuple[int, int] | None = None
    aliases: list[str] = field(default_factory=list)


@dataclass
class PersonHit:
    name: str
    start: int  # span of the evidence: name with its apposition
    end: int
    role: str | None = None
    org: str | None = None  # organisation name as written
    country: CountryName | None = None


_CONTINENT = re.compile(r"\b(?:South|North|Latin|Central)[ -]$")


def countries_in(text: str) -> dict[str, CountryHit]:
    words = country_words()
    hits: dict[str, CountryHit] = {}
    for m in country_pattern().finditer(text):
        word = m.group(1)
        if word in CITY_WORDS:  # a capital names the country only through a dateline or place
            continue
        if word == "US" and not re.match(r"US\b(?![-$])", text[m.start():]):
            continue  # "US-Korea" (a pair), "US$84.5 billion" (a currency)
        if word in {"America", "American"} and _CONTINENT.search(text, max(0, m.start() - 8), m.start()):
            continue  # "its first South American office": a continent
        country = words[word]
        hit = hits.setdefault(country.code, CountryHit(country))
        hit.mentions.append(Mention(m.start(), m.end(), m.group(0)))
    return hits


def country_of(text: str) -> CountryName | None:
    """The first country a phrase names ('Israel's innovation ministry' -> Israel)."""
    for m in country_pattern().finditer(text):
        if m.group(1) not in CITY_WORDS:
            return country_words()[m.group(1)]
    return None


def city_country(place: str) -> CountryName | None:
    words = country_words()
    return words.get(place.strip())


# -- organisations ----------------------------------------------------------------------------------

_CAP = r"(?:[A-Z][\w&.'’-]*|R&D|ICT|AI)"
_ORG_ALT = "|".join(re.escape(w) for w in sorted(ORG_WORDS, key=len, reverse=True))  # longest first
_COMPANY_SUFFIX = r"(?:Co|Corp|Inc|Ltd|LLC|PLC|Plc|AG|SA|GmbH|NV|BV|KK)\.?(?![\w-])"
_NOT_DAY = rf"(?!(?:{WEEKDAY_NAMES}|{MONTH_NAMES})\b)"  # "the Council on Tuesday"
_NOT_OWNER = r"(?![A-Z][\w.-]*(?:'s|’s)\s)"  # "... and Australia's Department": another organisation
# what an organisation word may go on with: "of Economy, Trade and Industry", "for Advancement"
_OF_TAIL = rf"\s+(?:of|for|on)\s+(?:the\s+)?{_NOT_DAY}{_CAP}(?:(?:,\s+|\s+and\s+{_NOT_OWNER}|\s+)(?:{_CAP}))*"
_ORG_CAPS = re.compile(
    rf"(?:(?:the\s+)?{_CAP}(?:\s+|,\s+(?={_CAP}\s+and\s)|\s+(?:of|for|and|on|&)\s+(?:the\s+)?))*?"
    rf"(?:{_ORG_ALT})(?![\w-])"
    rf"(?:\s+(?:{_ORG_ALT})(?![\w-]))*"  # "Energy Forum"
    rf"(?:{_OF_TAIL}){{0,2}}"  # "for Advancement of Technology"
    rf"(?:,?\s+{_COMPANY_SUFFIX})?"  # "Emirates Nuclear Energy Corp."
)
# "Ministry of Electronics and Information Technology": the first pattern ends at the first word
# that names an organisation ("Electronics"); the "of ..." after an earlier one runs on
_HEAD_OF = re.compile(rf"\b(?:{_ORG_ALT})"
                      rf"(?=\s+(?:of|for|on)\s)")
_ORG_TAIL = re.compile(rf"(?:{_OF_TAIL})+")
_LOWER_ORG_ALT = "|".join(sorted(LOWER_ORG_WORDS))
_POSSESSIVE_ORG = re.compile(
    rf"\b([A-Z][\w.-]*(?:\s[A-Z][\w.-]*)?(?:'s|’s)\s+(?:[a-z-]+\s+){{0,3}}(?:{_LOWER_ORG_ALT}))\b")
_NAMED_LOWER_ORG = re.compile(rf"\bthe\s+((?:[A-Z][\w-]+\s){{1,3}}?)(?:{_LOWER_ORG_ALT})\b")
_MEDIA_ORG = re.compile(r"\b((?:[A-Z][\w-]+\s){1,3}news agency)\b|\b(the\s+)?([A-Z][\w-]+ news agency)")
_TITLE_OF = re.compile(r"\b(?:Minister|Secretary|Commissioner|Director|President|Chairman|Chairwoman|Chair|"
                       r"Ambassador|Governor|Administrator|Envoy)\s+(?:of|for)\s")
# a title and a name before "of": the organisation is what follows
_TITLED_OF = re.compile(r"(?:[A-Z][\w-]*\s+){0,3}?(?:Minister|Secretary|Director|President|Chairman|Chairwoman|Chair|"
                        r"Commissioner|Ambassador|Governor|Administrator|CEO|Chief|Head)(?:\s+[A-Z][\w'’-]*)+?\s+of\s+"
                        r"(?:the\s+)?")
_INSTITUTION = re.compile(r"(?:the\s+)?(?:Office|Department|Cabinet|Secretariat|Bureau)\s+of\s")  # "Office of the Secretary of ..."
_FOUNDED = re.compile(r"(?:since\s+its\s+(?:inception|founding|establishment|launch)\s+in|founded\s+in|"
                      r"established\s+in|set\s+up\s+in|created\s+in|launched\s+in)\s+((?:19|20)\d\d)", re.I)


# where a sentence or paragraph ends inside a match: a blank line, or "." after a word (not an
# initial or an abbreviation such as "Co." or "U.S.") followed by a capital
_SENTENCE_END = re.compile(r"\n[ \t]*\n|(?<=[a-z]{2}[.!?])\s+(?=[A-Z\"“])")
_ORG_WORD = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(ORG_WORDS | LOWER_ORG_WORDS, key=len, reverse=True))
                       + r"|news agency)\b")


def _org_parts(name: str) -> list[str]:
    """The parts of a matched name inside one sentence each: the patterns' capitalised words may run
    over a sentence's end ("... met in Oslo.\n\nThe Research Council of Norway" or "the Ministry of
    Energy. Norway said"); the parts naming an organisation are kept ("... the Chinese Academy of
    Social Sciences.\n\nThe Brazil-China Business Council": both)."""
    parts = [part for part in _SENTENCE_END.split(name) if part.strip()]
    if len(parts) < 2:
        return [name]
    return [part for part in parts if _ORG_WORD.search(part)] or [parts[-1]]


# "the Fraunhofer-Gesellschaft and the Korea Institute of ...", "Salman and Kenya's Cabinet": two names
_AND_ANOTHER = re.compile(r"\s+and\s+(?=the\s+[A-Z]|[A-Z][\w.-]*(?:'s|’s)\s)")
_IN_TITLE = re.compile(r"\s+(?:Secretary|Minister)\b")


def _coordinated(name: str) -> list[str]:
    """A matched name that joins two with "and": each that names an organisation (the first also
    when it is "the ..."); one name otherwise ("the Ministry of Science and the Environment")."""
    parts = _AND_ANOTHER.split(name)
    if len(parts) < 2 or not _ORG_WORD.search(parts[-1]):
        return [name]
    return [part for i, part in enumerate(parts) if _ORG_WORD.search(part) or (i == 0 and part.startswith(("the ", "The ")))]


def _one_sentence(name: str) -> str:
    return _org_parts(name)[0]


def _clean_org(name: str) -> str:
    name = re.sub(r"^(?:the|The)\s+", "", name.strip())
    return name.rstrip(",. ")


def _org_kind(name: str) -> str | None:
    lower = name.lower()
    if any(w in lower for w in MEDIA_WORDS if " " in w or w in lower.split()):
        return "media"
    for word, kind in ORG_KINDS.items():
        if re.search(rf"\b{word}\b", lower):
            return kind
    if re.search(r"\b(co\.|inc\.|ltd\.?|corp\.?|electronics|motors|technologies|holdings|industries)\b", lower):
        return "company"
    return None


_JOINT = re.compile(r"(?:[Tt]he\s+)?[A-Z][\w.]*\s?[-–/]\s?[A-Z][\w.]*\s")


def organizations_in(text: str) -> list[OrgHit]:
    found: dict[str, OrgHit] = {}

    title_end = text.find("\n")  # the first line is the headline: no name runs on from it

    def add(name: str, start: int, end: int) -> None:
        if start < title_end < end:
            head, _, rest = name.partition("\n")
            name = head if _ORG_WORD.search(head) and not _ORG_WORD.search(rest) else rest
        for part in _org_parts(name):
            for piece in _coordinated(part):
                add_one(_clean_org(piece), start, end)

    def add_one(name: str, start: int, end: int) -> None:
        if (titled := _TITLED_OF.match(name)) and _ORG_WORD.search(name, titled.end()):
            name = name[titled.end():]  # "Director General Sofia Lindqvist of the Research Council of Finland"
        if len(name) < 3 or name in country_words() or name.split()[-1] in {"Day", "Week"}:
            return
        if len(name.split()) == 1 and (name in ORG_WORDS or re.fullmatch(_COMPANY_SUFFIX, name)):
            return
        if _TITLE_OF.search(name) and not _INSTITUTION.match(name):  # a title: "Minister of Trade, Industry and Energy"
            return
        offset = text.find(name, start, end + 1)
        start = offset if offset != -1 else start
        if _IN_TITLE.match(text, start + len(name)):  # "Kenya's Cabinet Secretary for Energy": a title
            return
        if name not in found:  # a body of two parties ("EU-Japan Digital Partnership Council") is neither's
            joint = _JOINT.match(name)
            found[name] = OrgHit(name, start, start + len(name), _org_kind(name), None if joint else country_of(name))

    for m in _ORG_CAPS.finditer(text):
        name, end = m.group(0), m.end()
        head = _HEAD_OF.search(name)
        if head and (tail := _ORG_TAIL.match(text, m.start() + head.end())) and tail.end() > end:
            name, end = text[m.start(): tail.end()], tail.end()
        first = _clean_org(name).split()[0] if _clean_org(name) else ""
        if first in {"At", "In", "On", "Since", "Last", "This", "Both", "Additionally", "According"}:
            name = _clean_org(name)[len(first):].strip()
        if (name and name[0].isupper()) or name.startswith("the "):
            add(name, m.start(), end)
    for m in _POSSESSIVE_ORG.finditer(text):
        add(m.group(1), m.start(1), m.end(1))
    for m in _NAMED_LOWER_ORG.finditer(text):  # "the Brainport Development agency": its name is the capitals
        # (no kind from "agency": a ministry or agency of unknown country is taken to be the dateline's)
        add(m.group(1), m.start(1), m.end(1))
    for m in _MEDIA_ORG.finditer(text):
        name = m.group(1) or m.group(3)
        add(name, m.start(), m.end())
    def add_company(m: re.Match[str] | None, group: int) -> None:
        """A company named in ``m``'s group, if it is new and can be a company's name."""
        if m and (name := m.group(group)) and name not in found and _is_company_name(name):
            found[name] = OrgHit(name, m.start(group), m.end(group), "company", country_of(name))

    for m in _NAMED_COMPANIES.finditer(text):
        add_company(m, 1)
        add_company(m, 2)
    for hit in [h for h in found.values() if h.kind == "company"]:
        # "Kawasaki Heavy Industries and Hyundai Glovis will lead ...": a company's partner named beside it
        add_company(_AND_COMPANY.match(text, hit.end), 1)
    if title_end > 0:  # a headline in title case is no organisation ("Korea and Germany Expand Hydrogen
        # Partnership"): one named only there is left out
        found = {name: hit for name, hit in found.items() if hit.start > title_end or text.find(name, title_end) != -1}
    hits = sorted(found.values(), key=lambda o: o.start)
    _drop_nested(hits)
    for m in _FOUNDED.finditer(text):
        # "Since its inception in 2001, the X ..." names X after; "X, founded in 2001" before.
        after = m.group(0).lower().startswith("since")
        window = text[m.end(): m.end() + 25 + max((len(h.name) for h in hits), default=0)] if after \
            else text[max(0, m.start() - 150): m.start()]
        located = [(window.find(h.name), h) for h in hits if h.name in window]
        if after:
            located = [(at, h) for at, h in located if at <= 25]
        if located:
            at, hit = min(located, key=lambda x: x[0]) if after else max(located, key=lambda x: x[0])
            name_start = m.end() + at if after else max(0, m.start() - 150) + at
            hit.founded = int(m.group(1))
            hit.founded_span = (min(m.start(), name_start), max(m.end(), name_start + len(hit.name)))
    for hit in hits:
        if len({c.code for c in _countries_named(hit.name)}) > 1:  # binational: "Korea-Israel ..."
            hit.country = None
    return hits


_AND_COMPANY = re.compile(r"\s+and\s+([A-Z][\w&-]+(?:\s+[A-Z][\w&-]+){0,2})"
                          r"(?=\s+(?:will|have|has|are|were|plan|plans|signed|agreed|announced|said|to)\b|[,.;])")


# "state energy companies PT Pertamina and Petrobras", "carmaker Hyundai Motor": companies named
# after what they are, in lower case
_NAMED_COMPANIES = re.compile(
    r"\b(?:(?:state(?:-owned|-run)?|national|private|listed|local)\s+)?(?:(?:[a-z]+)\s+)?"
    r"(?:compan(?:y|ies)|firms?|groups?|conglomerates?|(?:car|chip|steel|ship)makers?|shipbuilders?|"
    r"automakers?|producers?|operators?|utilit(?:y|ies)|miners?|(?:trading\s+)?houses?)\s+"
    r"([A-Z][\w&-]+(?:\s+[A-Z][\w&-]+){0,2})(?:,?\s+and\s+([A-Z][\w&-]+(?:\s+[A-Z][\w&-]+){0,2}))?"
    r"(?=\s+(?:will|have|has|are|were|plan|plans|signed|agreed|announced|said|to|and|hold|holds|own|owns|"
    r"run|runs|operate|operates)\b|[,.;:)]|\s*$)")


def _is_company_name(name: str) -> bool:
    """Whether words named beside a company can be one: not a country, city, title or sentence word."""
    words = name.split()
    return words[0] not in _NOT_NAME_WORDS and words[-1] not in _NOT_NAME_WORDS and name not in country_words() \
        and not any(w in CITY_WORDS or w.lower() in ROLE_WORDS or w in country_words() for w in words)


def _countries_named(text: str) -> list[CountryName]:
    return [country_words()[m.group(1)] for m in country_pattern().finditer(text)
            if m.group(1) not in CITY_WORDS]


def _drop_nested(hits: list[OrgHit]) -> None:
    """'Research Fund' inside 'Finland-Canada Research Fund' is the same organisation."""
    names = [h.name for h in hits]
    for hit in list(hits):
        if any(hit.name != other and hit.name in other for other in names):
            hits.remove(hit)


# -- people -----------------------------------------------------------------------------------------

_ROLE_HEAD = re.compile(r"\b(" + "|".join(sorted((re.escape(w) for w in ROLE_WORDS), key=len, reverse=True))
                        + r")\b", re.I)
_APPOSITION = re.compile(
    rf"(?P<name>{PERSON_NAME}),\s+(?:(?:the|a|an)\s+)?(?P<role>[^,.;()]{{3,160}}?"
    rf"(?:(?:,\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?)+,?\s+and\s+[a-z][\w-]*)?)"  # "of economy, trade and industry"
    rf"(?=,|\.(?:\s|$)|;|\s+(?:said|says|told|noted|added)\b|$)")
_PERSON = re.compile(PERSON_NAME)
# words of a title that a name never starts with ("Deputy Prime Minister Tran Hong Ha")
_TITLE_WORD = (r"(?:Prime|Deputy|Vice|Minister|Secretary|President|Director|General|Chief|Head|Chairman|"
               r"Chairwoman|Chair|Ambassador|Commissioner|Administrator|Governor|Mayor|CEO|Envoy|Professor|"
               r"Foreign|State|Senior|Executive|Permanent|Special)")
_TITLED = re.compile(
    rf"(?P<title>(?:(?:[A-Z][\w'’-]*|of|for|and|the|&)\s+){{0,8}}?(?:(?:Vice|Deputy)-)?"  # "Third Vice-President"
    rf"(?:Minister|Director(?:-|\s)General|Director|President|Chairman|Chairwoman|Chair|Ambassador|Secretary|"
    rf"Commissioner|Administrator|Governor|Mayor|CEO|Chief|Head|Deputy|Vice|Envoy|Professor|Prof\.|Dr\.|Mr\.|Ms\.|Mrs\.)"
    rf"(?:(?:\s+|,\s+(?=[A-Z][\w'’-]*\s+and\s))(?:[A-Z][\w'’-]*|of|for|and|the|&|to)){{0,8}}?)"  # "of Trade, Industry and Energy"
    rf"\s+(?!{_TITLE_WORD}\b)(?P<name>{PERSON_NAME})(?P<rest>\s+of\s+(?:the\s+)?[A-Z][^,.;]*)?")


# a title, then the name between commas: "Kenya's Cabinet Secretary for Energy and Petroleum, Opiyo Wandayi,"
_TITLE_COMMA = re.compile(
    rf"\b(?P<title>(?:[A-Z][\w'’-]*\s+){{0,3}}(?:Minister|Secretary|Commissioner|Director-General|"
    rf"Director|President|Chairman|Chairwoman|Governor|Ambassador)(?:\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w'’-]*"
    rf"(?:(?:,\s+|\s+(?:and|of|for)\s+(?:the\s+)?|\s+)[A-Z][\w'’-]*)*)?),\s+(?P<name>{PERSON_NAME})(?:,|\.(?=\s|$))")
_OWNER = re.compile(r"^(?:[A-Z][\w.-]*\s?){1,3}(?:'s|’s)\s+")  # "Kenya's Cabinet Secretary ...": the owner
_HONORIFICS = {"Prince", "Princess", "Sheikh", "Sheikha", "Sheik"}
_HONORIFIC_END = re.compile(rf"\s+(?:Crown\s+)?(?:{'|'.join(sorted(_HONORIFICS))})$")


_LEADS = {"heads": "head", "leads": "head", "runs": "head", "directs": "director", "chairs": "chair",
          "founded": "founder", "co-founded": "co-founder"}
_WHO_LEADS = re.compile(
    rf"(?:(?:Dr|Mr|Ms|Mrs|Prof)\.\s+)?(?P<name>{PERSON_NAME}),\s+who\s+(?P<verb>{'|'.join(_LEADS)})\s+"
    rf"(?P<org>(?:the\s+)?{_CAP}(?:(?:\s+|\s+(?:of|for|and|on|&)\s+(?:the\s+)?){_CAP})*)")


_COUNTERPART = re.compile(r"\b(?:[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s+([A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)\s+counterparts?,?\s+$")


def _role_and_org(role: str) -> tuple[str, str | None]:
    """'the chief scientist at Israel's innovation ministry' -> ('chief scientist', "Israel's ...")."""
    role = re.sub(r"^(?:the|a|an)\s+", "", role.strip())
    m = re.search(r"\s+(?:at|of|with|from)\s+(?:the\s+)?((?:[A-Z]|[\w-]+(?:'s|’s)\s).*)$", role)
    if m and (any(w in m.group(1) for w in ORG_WORDS) or _POSSESSIVE_ORG.search(m.group(1))
              or m.group(1)[0].isupper()):
        return role[: m.start()].strip(), m.group(1).strip()
    m = re.match(r"^((?:[A-Z][\w.-]*\s?){1,3})(?:'s|’s)\s+(.*)$", role)  # "Germany's research minister"
    if m and country_of(m.group(1)):
        return m.group(2).strip(), None
    return role, None


def _is_name(name: str) -> bool:
    tokens = name.split()
    if len(tokens) < 2 or tokens[0] in _NOT_NAME_WORDS or tokens[-1] in _NOT_NAME_WORDS:
        return False
    if any(t in ORG_WORDS or t in country_words() for t in tokens):
        return False
    return not any(t.lower() in ROLE_WORDS for t in tokens)


def _without_leading_words(name: str) -> str:
    """A matched name without the words before it that are not part of it ("Additionally, Je
    conducted...", "Dr. Kim Min-soo")."""
    while name.split() and name.split()[0] in _NOT_NAME_WORDS:
        name = name.split(" ", 1)[1] if " " in name else ""
    return name


def people_in(text: str, model_people: list[tuple[int, int]] | None = None) -> list[PersonHit]:
    people: dict[str, PersonHit] = {}
    for m in _APPOSITION.finditer(text):
        name, role_text = m.group("name"), m.group("role")
        name = _without_leading_words(name)
        if not _is_name(name) or not _ROLE_HEAD.search(role_text.split(" at ")[0].split(" of ")[0] + " "):
            continue
        if re.match(r"(?:who|which|whose|with|at|in|on|from|near|by|after|before|during)\s", role_text):
            continue  # "X, who also serves as ...", "La Moneda, with President ... looking on": no title
        role, org = _role_and_org(role_text)
        if len(role.split()) > 12:
            continue
        start = m.start("name") + m.group("name").index(name)
        owner = re.match(r"((?:[A-Z][\w.-]*\s?){1,3})(?:'s|’s)\s", role_text)  # "India's minister of ..."
        people.setdefault(name, PersonHit(name, start, m.end("role"), role, org, country_of(org or "")
                                          or (country_of(owner.group(1)) if owner else None) or country_of(role)))
    for m in _WHO_LEADS.finditer(text) if ", who " in text else ():  # "Kim Min-soo, who heads the ..."
        name = _without_leading_words(m.group("name"))
        if not _is_name(name) or name in people:
            continue
        org = _clean_org(_one_sentence(m.group("org")))
        start = m.start("name") + m.group("name").index(name)
        end = m.start("org") + m.group("org").find(org) + len(org)
        people[name] = PersonHit(name, start, end, _LEADS[m.group("verb").lower()], org, country_of(org))
    for m in _TITLED.finditer(text):
        name = m.group("name")
        title = m.group("title").strip()
        # not "of Kenyan President" ("in the presence of Kenyan President William Ruto")
        title = re.sub(r"^(?:(?:[Tt]he|[Bb]y|[Aa]nd|[Ww]ith|[Ss]aid|of|for|in|to|at|from|&)\s+)+", "", title)
        name_end = m.end("name")
        words = list(re.finditer(r"\S+", name))
        cut = max((i for i, w in enumerate(words) if w.group(0).lower() in ROLE_WORDS), default=-1)
        if cut >= 0:  # "Polish Deputy Defense Minister Pawel Bejda": the title runs on into the match
            at = m.start("name") + words[cut + 1].start() if cut + 1 < len(words) else -1
            longer = _PERSON.match(text, at) if at != -1 else None
            if longer is None:
                continue
            title = f"{title} {name[:words[cut].end()]}"
            name, name_end = longer.group(0), longer.end()
        runs_on = re.search(r"\s(?:of|for|and|the|&)$", title)
        if runs_on and len(name.split()) <= 2:  # "Executive Vice-President for Tech Sovereignty, ...": the
            continue                            # portfolio's words, no name after them
        if runs_on and len(tokens := name.split()) > 2:
            # "Commissioner for Tech Sovereignty Henna Virkkunen", "Minister of Industry and Advanced
            # Technology Sultan Ahmed Al Jaber": the title runs on to the last two words (with a particle
            # between: "Ursula von der Leyen"), and the name from there on as far as it goes
            keep = 2 + sum(1 for t in tokens[-3:-1] if re.fullmatch(PARTICLE, t))
            portfolio = next((i for i, t in enumerate(tokens) if t not in PORTFOLIO_WORDS), len(tokens))
            portfolio += portfolio < len(tokens) and tokens[portfolio] in _HONORIFICS  # "Energy Prince Abdulaziz"
            if 0 < portfolio <= len(tokens) - 2:  # "Minister for Trade and Industry Gan Kim Yong": a portfolio's
                keep = len(tokens) - portfolio    # words, then the name, whatever its length
            title = f"{title} {' '.join(tokens[:-keep])}"
            at = m.start("name") + len(name) - len(" ".join(tokens[-keep:]))
            longer = _PERSON.match(text, at)
            name = longer.group(0) if longer else " ".join(tokens[-keep:])
            name_end = at + len(name)
        if not _is_name(name) or name in people:
            continue
        if title in {"Dr.", "Mr.", "Ms.", "Mrs.", "Prof."}:
            continue
        title = _HONORIFIC_END.sub("", title)  # "Minister of Energy Prince Abdulaziz bin Salman": no role
        country = country_of(title)
        role = _OWNER.sub("", title)
        if (lead := country_pattern().match(role)) and lead.group(1) not in CITY_WORDS and \
                _ROLE_HEAD.search(role[lead.end():]):  # "Dutch Minister of ...": the country is a fact of its own
            role = role[lead.end():]
        rest = (m.group("rest") or "").strip()
        org = re.sub(r"^of\s+(?:the\s+)?", "", rest) or None
        if org and not any(w in org for w in ORG_WORDS):
            org = None
        end = m.end("rest") if org else name_end
        start = m.start("title") + m.group("title").index(title.split()[0])
        people[name] = PersonHit(name, start, end, role.strip(), org, country or country_of(org or ""))
    for m in _TITLE_COMMA.finditer(text) if ", " in text else ():
        # "Kenya's Cabinet Secretary for Energy and Petroleum, Opiyo Wandayi, in the presence of ..."
        name, title = m.group("name"), m.group("title")
        if not _is_name(name) or name in people or title.split()[-1] in {"and", "of", "for"}:
            continue
        role = _OWNER.sub("", title)
        people[name] = PersonHit(name, m.start("title"), m.end("name"), role, None, country_of(title))
    for start, end in model_people or []:
        name = _without_leading_words(text[start:end])
        start = end - len(name)
        if _is_name(name) and name not in people and not any(name in p for p in people):
            people[name] = PersonHit(name, start, end)
    for person in people.values() if "counterpart" in text else ():
        # "his Japanese counterpart, Yoji Muto": the country (and the words that say it, as evidence)
        said = _COUNTERPART.search(text, max(0, person.start - 45), person.start)
        if said and person.country is None and (country := country_of(said.group(1))):
            person.country, person.start = country, said.start()
    return sorted(people.values(), key=lambda p: p.start)


def person_mentions(text: str, person: PersonHit, start: int, end: int, others: Iterable[str] = ()) -> bool:
    """Whether a span of text names the person, in full or by family or given name alone, but for
    the name another person (of ``others``) has in full there: "Nguyen" in "Nguyen Sinh Nhat Tan"
    is no mention of Nguyen Hong Dien."""
    span = text[start:end]
    if person.name in span:
        return True
    for other in others:
        if other != person.name:
            span = span.replace(other, " " * len(other))
    tokens = [t for t in person.name.split() if len(t) > 1]
    return any(re.search(rf"\b{re.escape(t)}\b", span) for t in (tokens[0], tokens[-1]))


__all__ = ["CountryHit", "OrgHit", "PersonHit", "city_country", "countries_in", "country_of",
           "organizations_in", "people_in", "person_mentions"]
