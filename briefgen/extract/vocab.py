"""Vocabularies the rules use: countries (pycountry plus everyday names, adjectives and capitals),
words that make a phrase a role or an organisation, and the default topic vocabulary.

General knowledge of the genre only; nothing here is taken from a particular article.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import pycountry

# Everyday names, adjectives (demonyms) and capitals pycountry does not carry.  code -> words
_EXTRA: dict[str, tuple[str, ...]] = {
    "KR": ("South Korea", "Korea", "Republic of Korea", "South Korean", "Korean", "Seoul", "Sejong"),
    "KP": ("North Korea", "North Korean", "Pyongyang"),
    "US": ("United States", "U.S.", "US", "USA", "U.S.A.", "America", "American", "Washington"),
    "GB": ("United Kingdom", "UK", "U.K.", "Britain", "Great Britain", "British", "London"),
    "IL": ("Israeli", "Jerusalem", "Tel Aviv"),
    "JP": ("Japanese", "Tokyo"),
    "CN": ("China", "Chinese", "Beijing", "Shanghai"),
    "TW": ("Taiwan", "Taiwanese", "Taipei"),
    "IN": ("Indian", "New Delhi", "Delhi", "Bengaluru"),
    "DE": ("German", "Berlin", "Bonn"),
    "FR": ("French", "Paris"),
    "IT": ("Italian", "Rome"),
    "ES": ("Spanish", "Madrid"),
    "PT": ("Portuguese", "Lisbon"),
    "NL": ("Netherlands", "Dutch", "Amsterdam", "The Hague"),
    "BE": ("Belgian", "Brussels"),
    "CH": ("Swiss", "Bern", "Geneva", "Zurich"),
    "AT": ("Austrian", "Vienna"),
    "SE": ("Swedish", "Stockholm"),
    "NO": ("Norwegian", "Oslo"),
    "DK": ("Danish", "Copenhagen"),
    "FI": ("Finnish", "Helsinki"),
    "PL": ("Polish", "Warsaw"),
    "CZ": ("Czech Republic", "Czech", "Prague"),
    "HU": ("Hungarian", "Budapest"),
    "RO": ("Romanian", "Bucharest"),
    "GR": ("Greek", "Athens"),
    "TR": ("Turkey", "Turkish", "Ankara", "Istanbul"),
    "RU": ("Russia", "Russian", "Moscow"),
    "UA": ("Ukrainian", "Kyiv"),
    "IE": ("Irish", "Dublin"),
    "CA": ("Canadian", "Ottawa", "Toronto"),
    "MX": ("Mexican", "Mexico City"),
    "BR": ("Brazilian", "Brasilia", "São Paulo"),
    "AR": ("Argentine", "Argentinian", "Buenos Aires"),
    "CL": ("Chilean", "Santiago"),
    "CO": ("Colombian", "Bogota"),
    "PE": ("Peruvian", "Lima"),
    "AU": ("Australian", "Canberra", "Sydney"),
    "NZ": ("New Zealander", "Wellington"),
    "SG": ("Singaporean",),
    "MY": ("Malaysian", "Kuala Lumpur"),
    "ID": ("Indonesian", "Jakarta"),
    "TH": ("Thai", "Bangkok"),
    "VN": ("Vietnam", "Vietnamese", "Hanoi"),
    "PH": ("Philippine", "Filipino", "Manila"),
    "AE": ("UAE", "U.A.E.", "Emirati", "Abu Dhabi", "Dubai"),
    "SA": ("Saudi", "Riyadh"),
    "QA": ("Qatari", "Doha"),
    "EG": ("Egyptian", "Cairo"),
    "IR": ("Iran", "Iranian", "Tehran"),
    "ZA": ("South African", "Pretoria", "Johannesburg"),
    "NG": ("Nigerian", "Abuja", "Lagos"),
    "KE": ("Kenyan", "Nairobi"),
    "MA": ("Moroccan", "Rabat"),
    "KZ": ("Kazakh", "Astana"),
    "UZ": ("Uzbek", "Tashkent"),
    "MN": ("Mongolian", "Ulaanbaatar"),
    "PK": ("Pakistani", "Islamabad"),
    "BD": ("Bangladeshi", "Dhaka"),
    "EE": ("Estonian", "Tallinn"),
    "LT": ("Lithuanian", "Vilnius"),
    "LV": ("Latvian", "Riga"),
}
# Names a country is best known by, where pycountry's differs.
_DISPLAY = {"KR": "South Korea", "KP": "North Korea", "US": "United States", "GB": "United Kingdom",
            "TW": "Taiwan", "VN": "Vietnam", "IR": "Iran", "RU": "Russia", "CZ": "Czech Republic",
            "TR": "Turkey", "SY": "Syria", "LA": "Laos", "BO": "Bolivia", "VE": "Venezuela",
            "TZ": "Tanzania", "MD": "Moldova"}
CITY_WORDS = {"Seoul", "Sejong", "Pyongyang", "Washington", "London", "Jerusalem", "Tel Aviv", "Tokyo",
              "Beijing", "Shanghai", "Taipei", "New Delhi", "Delhi", "Bengaluru", "Berlin", "Bonn", "Paris",
              "Rome", "Madrid", "Lisbon", "Amsterdam", "The Hague", "Brussels", "Bern", "Geneva", "Zurich",
              "Vienna", "Stockholm", "Oslo", "Copenhagen", "Helsinki", "Warsaw", "Prague", "Budapest",
              "Bucharest", "Athens", "Ankara", "Istanbul", "Moscow", "Kyiv", "Dublin", "Ottawa", "Toronto",
              "Mexico City", "Brasilia", "São Paulo", "Buenos Aires", "Santiago", "Bogota", "Lima",
              "Canberra", "Sydney", "Wellington", "Kuala Lumpur", "Jakarta", "Bangkok", "Hanoi", "Manila",
              "Abu Dhabi", "Dubai", "Riyadh", "Doha", "Cairo", "Tehran", "Pretoria", "Johannesburg",
              "Abuja", "Lagos", "Nairobi", "Rabat", "Astana", "Tashkent", "Ulaanbaatar", "Islamabad",
              "Dhaka", "Tallinn", "Vilnius", "Riga", "Singapore"}


@dataclass(frozen=True)
class CountryName:
    code: str
    name: str  # display name


@functools.lru_cache(maxsize=1)
def country_words() -> dict[str, CountryName]:
    """Every word or phrase that names a country (name, adjective, capital) -> the country."""
    words: dict[str, CountryName] = {}
    for c in pycountry.countries:
        display = _DISPLAY.get(c.alpha_2) or getattr(c, "common_name", None) or c.name
        entry = CountryName(c.alpha_2, display)
        for word in {c.name, display, getattr(c, "common_name", None), getattr(c, "official_name", None)}:
            if word and "," not in word:
                words.setdefault(word, entry)
    for code, extra in _EXTRA.items():
        country = pycountry.countries.get(alpha_2=code)
        if country is None:
            continue
        entry = CountryName(code, _DISPLAY.get(code) or getattr(country, "common_name", None) or country.name)
        for word in extra:
            words[word] = entry
    return words


@functools.lru_cache(maxsize=1)
def country_pattern() -> re.Pattern[str]:
    names = sorted(country_words(), key=len, reverse=True)
    return re.compile(r"(?<![\w.])(" + "|".join(re.escape(n) for n in names) + r")(?:'s|’s)?(?![\w])")


# what a minister's portfolio is named with ("Minister for Trade and Industry Gan Kim Yong"): a name
# does not start with one of these
PORTFOLIO_WORDS = {
    "Industry", "Trade", "Energy", "Economy", "Finance", "Science", "Technology", "Affairs", "Resources",
    "Environment", "Development", "Innovation", "Education", "Defence", "Defense", "Health", "Transport",
    "Communications", "Information", "Digital", "ICT", "Employment", "Labour", "Labor", "Agriculture",
    "Planning", "Investment", "Commerce", "Foreign", "Home", "Interior", "Justice", "Culture", "Climate",
    "Action", "Space", "Research", "Mining", "Mines", "Petroleum", "Security", "Infrastructure", "Tourism",
    "Fisheries", "Forestry", "Water", "Housing", "Welfare", "Social", "Sustainability", "Startups", "SMEs",
    "Enterprise", "Enterprises", "Budget", "Treasury", "Manpower", "Connectivity", "Power", "Electricity",
}


ROLE_WORDS = {
    "minister", "ministers", "director", "director-general", "directors", "chief", "head", "president",
    "vice-president", "chairman", "chairwoman", "chair", "chairperson", "ceo", "cto", "cfo", "coo",
    "officer", "scientist", "secretary", "secretary-general", "undersecretary", "ambassador", "envoy",
    "commissioner", "administrator", "governor", "mayor", "spokesperson", "spokesman", "spokeswoman",
    "professor", "researcher", "manager", "adviser", "advisor", "counsellor", "counselor", "deputy",
    "premier", "chancellor", "founder", "co-founder", "executive", "representative", "attache", "attaché",
    "coordinator", "dean", "rector", "official", "delegate", "general", "superintendent", "commander",
    "senator", "lawmaker", "leader", "consul", "consul-general", "engineer", "economist", "analyst",
    "strategist", "principal", "vice", "board", "member", "partner", "fellow", "scholar", "lecturer",
}
TITLE_WORDS = {"Mr", "Mrs", "Ms", "Dr", "Prof", "Sir", "Dame", "H.E."}
ORG_WORDS = {
    "Ministry", "Authority", "Agency", "Foundation", "Institute", "Council", "Corporation", "Commission",
    "Bank", "University", "Association", "Office", "Department", "Centre", "Center", "Organization",
    "Organisation", "Fund", "Administration", "Bureau", "Board", "Committee", "Group", "Company", "Co.",
    "Inc.", "Ltd", "Ltd.", "Corp.", "Federation", "Chamber", "Academy", "Service", "Forum",
    "Alliance", "Consortium", "Partnership", "Society", "Laboratory", "Laboratories", "Lab", "Labs",
    "Secretariat", "Cabinet", "Parliament", "Assembly", "Embassy", "Consulate", "Union", "Network", "Mission",
    "Electronics", "Motors", "Technologies", "Systems", "Holdings", "Industries", "Energy", "Telecom",
}
LOWER_ORG_WORDS = {"ministry", "agency", "authority", "office", "department", "institute", "foundation",
                   "council", "commission", "fund", "bureau"}
ORG_KINDS = {"ministry": "ministry", "department": "ministry", "cabinet": "ministry", "office": "agency",
             "authority": "agency", "agency": "agency", "administration": "agency", "bureau": "agency",
             "commission": "agency", "secretariat": "agency", "service": "agency",
             "foundation": "foundation", "fund": "foundation", "institute": "research institute",
             "university": "university", "academy": "research institute", "laboratory": "research institute",
             "bank": "bank", "council": "council", "committee": "council", "association": "association",
             "federation": "association", "chamber": "association", "embassy": "embassy"}
MEDIA_WORDS = {"news agency", "news", "press", "times", "herald", "daily", "post", "journal", "tribune",
               "agence", "wire", "broadcasting", "tv", "television", "radio"}

# Default topic vocabulary: topic -> the words that signal it.  Override with --topics FILE.
TOPICS: dict[str, tuple[str, ...]] = {
    "artificial intelligence": ("artificial intelligence", "AI", "machine learning", "generative AI"),
    "semiconductors": ("semiconductor", "semiconductors", "chip", "chips", "chipmaking", "foundry"),
    "cybersecurity": ("cybersecurity", "cyber security", "cyber-security", "cyber defence", "cyber defense"),
    "smart mobility": ("smart mobility", "autonomous vehicles", "autonomous driving", "self-driving",
                       "electric vehicles", "urban air mobility"),
    "manufacturing": ("manufacturing", "smart factory", "smart factories"),
    "quantum technology": ("quantum",),
    "biotechnology": ("biotechnology", "biotech", "bio-health", "biopharmaceutical", "life sciences"),
    "batteries": ("battery", "batteries", "energy storage"),
    "hydrogen": ("hydrogen", "fuel cell", "fuel cells"),
    "biofuels": ("biofuel", "biofuels", "bioethanol", "biodiesel", "ethanol", "sustainable aviation fuel",
                 "renewable diesel"),
    "clean energy": ("clean energy", "renewable", "renewables", "solar", "wind power", "wind energy",
                     "offshore wind", "wind turbines", "wind farm", "wind farms", "carbon neutrality",
                     "net zero", "net-zero", "decarbonisation", "decarbonization"),
    "nuclear energy": ("nuclear power", "nuclear energy", "small modular reactor", "SMR", "SMRs"),
    "space": ("space technology", "satellite", "satellites", "space agency", "launch vehicle"),
    "telecommunications": ("5G", "6G", "telecommunications", "telecom", "network infrastructure"),
    "robotics": ("robot", "robots", "robotics"),
    "digital health": ("digital health", "healthcare", "medical devices"),
    "critical minerals": ("critical minerals", "rare earths", "rare earth", "lithium"),
    "aerospace": ("aerospace", "aviation", "aircraft"),
    "defence technology": ("defense industry", "defence industry", "defense technology", "defence technology"),
    "startups": ("startup", "startups", "start-up", "start-ups", "venture capital", "venture-backed"),
    "research and development": ("research and development", "R&D"),
    "digital trade": ("digital trade", "digital economy", "e-commerce", "e-payment", "e-payments",
                      "electronic payments", "cross-border data", "data flows"),
}


def read_topics(path: Path) -> dict[str, tuple[str, ...]]:
    """A topic vocabulary from YAML: ``topic: [word or phrase, ...]`` (the topic's own name counts
    as a word too).  Errors name the file, line and topic."""
    from ..errors import ConfigError
    from ..yamlio import load

    data, locator = load(path, "topics file")
    topics: dict[str, tuple[str, ...]] = {}
    for name, words in data.items():
        words = [words] if isinstance(words, str) else words
        if not isinstance(name, str) or not name.strip() or not isinstance(words, list) or not all(
                isinstance(w, str) and w.strip() for w in words):
            raise ConfigError.at(path, "each topic needs a list of words or phrases, e.g. 'quantum: [qubit, "
                                 "quantum computing]'", line=locator.line([str(name)]), field=str(name))
        topics[name.strip()] = tuple(dict.fromkeys([name.strip(), *(w.strip() for w in words)]))
    return topics
