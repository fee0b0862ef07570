"""Figures (money and counts, with unit, period and year) and trends (one quantity at two times)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from text_to_num import text2num

from .dates import relative_year
from .vocab import country_words

CURRENCY_SYMBOLS = {"US$": "USD", "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₩": "KRW", "₪": "ILS",
                    "₹": "INR", "A$": "AUD", "C$": "CAD", "S$": "SGD", "HK$": "HKD", "R$": "BRL",
                    "CHF": "CHF", "W": "KRW",  # "W1.2 trillion", as Korean papers write won
                    "Rs": "INR", "Rs.": "INR",  # "Rs 8,811 crore", as Indian papers write rupees
                    "Rp": "IDR", "Rp.": "IDR"}  # "Rp 4.5 trillion", as Indonesian papers write rupiah
CURRENCY_WORDS = {"won": "KRW", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "euro": "EUR", "euros": "EUR",
                  "dollars": "USD", "dollar": "USD", "pounds": "GBP", "pound sterling": "GBP",
                  "shekels": "ILS", "shekel": "ILS", "rupees": "INR", "rupee": "INR", "dirhams": "AED",
                  "riyals": "SAR", "ringgit": "MYR", "baht": "THB", "dong": "VND", "pesos": "MXN",
                  "rand": "ZAR", "francs": "CHF", "kronor": "SEK", "kroner": "NOK", "zloty": "PLN",
                  "reais": "BRL", "rubles": "RUB", "lira": "TRY", "rupiah": "IDR"}
# "pesos" of a Chilean, Colombian or Philippine article are that country's (Mexico's elsewhere)
PESOS = {"CL": "CLP", "AR": "ARS", "CO": "COP", "PH": "PHP", "UY": "UYU", "DO": "DOP", "CU": "CUP"}
ISO_CODES = {"USD", "EUR", "GBP", "JPY", "KRW", "CNY", "ILS", "INR", "AUD", "CAD", "SGD", "HKD", "CHF",
             "AED", "SAR", "SEK", "NOK", "DKK", "PLN", "BRL", "MXN", "ZAR", "TWD", "VND", "THB", "MYR", "IDR",
             *PESOS.values()}
SCALES = {"thousand": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9,
          "trillion": 1e12, "tn": 1e12, "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7}
NUMBER_WORDS = ("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
                "sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
                "hundred|dozen")
NUM = rf"(?:\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|(?:{NUMBER_WORDS})(?:[- ](?:{NUMBER_WORDS}))*)"
SCALE = r"(?:thousand|million|billion|trillion|mn|bn|tn|lakhs?|crores?)"
# as written, and not inside a word: "now 50 companies" is no 50 won, "years 2021" no rupees
_SYM = r"(?<!\w)(?-i:" + "|".join(re.escape(s) for s in sorted(CURRENCY_SYMBOLS, key=len, reverse=True)) + ")"
_CODE = r"(?<!\w)(?-i:" + "|".join(sorted(ISO_CODES)) + ")"
_CWORD = "|".join(sorted((re.escape(w) for w in CURRENCY_WORDS), key=len, reverse=True))
MONEY = re.compile(
    rf"(?:(?P<sym>{_SYM})\s?|(?P<code>{_CODE})\s?)(?P<num>\d[\d,]*(?:\.\d+)?)(?:\s?(?P<scale>{SCALE})\b)?"
    rf"|(?P<num2>\d[\d,]*(?:\.\d+)?)\s?(?P<scale2>{SCALE})?\s+(?P<word>{_CWORD}|{_CODE})\b", re.I)
COUNT = re.compile(
    rf"(?<![\w$€£¥₩.,-])(?P<num>{NUM})(?:\s+(?P<scale>{SCALE}))?\s+(?P<words>(?:[a-z][\w-]*\s+){{0,4}}?)"
    rf"(?P<noun>[a-z][\w-]*s|people|personnel|staff|children|women|men)\b", re.I)  # plurals, some without an s
_CLAUSE_END = re.compile(r";|,(?!\d)|(?<!\d),|\s(?:and|while|but)\s")
_ANNUAL = re.compile(r"\b(?:annual|annually|yearly)\s+(?:[\w-]+\s+){0,4}?(?:of\s+)?(?:\S+\s?)?\S*$")
MEASURES = {"tons", "tonnes", "barrels", "megawatts", "gigawatts", "kilowatts", "hectares", "kilometers",
            "kilometres", "litres", "liters", "kilolitres", "kiloliters", "units", "vehicles", "cars", "ships",
            "doses", "meters", "metres"}
_MEASURED = re.compile(r"\s+of\s+((?:[a-z][\w-]*\s+){0,2}?[a-z][\w-]*)(?=[,.;]|\s+(?:a|per|each|every|by|in|from|to|and|for|at)\b|$)")
_CHANGE_FROM = re.compile(r"\s+(?:from|on|over|compared with)\s+((?:19|20)\d\d)\b")
_RIGHT_AFTER = re.compile(r"\s+in\s+(?:fiscal\s+(?:year\s+)?)?((?:19|20)\d\d)\b")
_PERCENT_SIGN = re.compile(r"\s*(?:%|per\s*cent\b|percent\b)", re.I)
# a list item's label: "- Bilateral trade: S$31.2 billion in 2024"
_LABEL = re.compile(r"^\s*(?:[-*•]\s+)?([A-Z][\w'’ -]{2,60}?):\s+$")
_ANAPHORIC = re.compile(r"\b(?:the|our|their|its|his|her|these|those|both)\s+$", re.I)
_NOT_PERIOD = r"(?!\s+(?:earlier|ago|before|later|after))"  # "a year earlier": when, not how often
PERIODS = [(re.compile(rf"\b(annually|a year{_NOT_PERIOD}|per year|each year|every year|per annum|yearly)\b", re.I),
            "per year"),
           (re.compile(rf"\b(monthly|a month{_NOT_PERIOD}|per month|each month)\b", re.I), "per month"),
           (re.compile(r"\b(quarterly|a quarter|per quarter)\b", re.I), "per quarter")]
SINCE = re.compile(r"\b(?:since|starting (?:from|in)|beginning (?:from|in)|from)\s+((?:19|20)\d\d)\b", re.I)
IN_YEAR = re.compile(r"(?<!set up )(?<!founded )(?<!established )(?<!created )(?<!formed )(?<!incorporated )"
                     r"\b(?:in|by|for|during|of)\s+((?:19|20)\d\d)\b")  # "a venture set up in 2019": not the figure's year
RELATIVE = re.compile(r"\b(last year|previous year|this year|current year|next year|coming year)\b", re.I)
_RELATIVE_RIGHT_AFTER = re.compile(r"\s+(last year|previous year|this year|current year|next year)\b", re.I)
NOW = re.compile(r"\b(at present|currently|now|as of now|to date|so far)\b", re.I)
SKIP_NOUNS = {"years", "months", "weeks", "days", "hours", "times", "percent", "points", "decades", "minutes",
              "others", "ones", "nations", "countries", "sides", "parties", "officials", "leaders",
              "ministers", "governments", "is", "was", "has", "as", "its", "this", "us", "his", "hers", "thus", "plus"}
_TREND_VERB = (r"(?:rose|risen|rising|increased|increasing|grew|grown|growing|jumped|surged|climbed|soared|fell|"
               r"fallen|dropped|declined|decreased|went|gone|expanded|doubled|tripled)")
_FALLING = r"(?:fell|fallen|dropped|declined|decreased|down)"
# "rose 23%", "up 4.5 percent", "50% of project costs" (a share or a change; never a count)
PERCENT = re.compile(rf"(?:\b(?P<verb>{_TREND_VERB}|up|down)\s+(?:by\s+)?(?:(?:about|around|some|nearly|almost|more than|over)\s+)?)?"
                     rf"(?:(?<=[\s(])(?P<minus>[-\u2212]))?"  # a minus sign (U+2212) or a hyphen before 3.5%; not "2-3%"
                     rf"(?<![\d.,])(?P<num>\d+(?:\.\d+)?)(?P<sign>\s?%|\s+percent\b|\s+per\s+cent\b)", re.I)
# hedges before a trend's points: the later one ("to about X"), the earlier one ("from just Y")
_AROUND = r"(?:(?:about|around|some|roughly|over|more than)\s+)?"
_EARLIER = r"(?:(?:about|around|some|roughly|merely|just|only)\s+)?"
TREND = re.compile(
    rf"\b{_TREND_VERB}\s+(?:\w+\s+){{0,2}}?from\s+"
    rf"{_EARLIER}(?P<a>{NUM})(?:\s+(?P<scale_a>{SCALE}))?"
    rf"(?:\s+(?P<unit_a>[a-z]+s)\b)?"
    rf"(?:\s+(?P<ya>in\s+(?:19|20)\d\d|last year|this year))?\s+to\s+{_AROUND}"
    rf"(?P<b>{NUM})(?:\s+(?P<scale_b>{SCALE}))?(?:\s+(?P<unit_b>[a-z]+s)\b)?"
    rf"(?:\s+(?P<yb>in\s+(?:19|20)\d\d|last year|this year|next year))?",
    re.I)

TREND_TO_FROM = re.compile(  # "rose to 13.1 million kilolitres in 2024 from 9.3 million kilolitres in 2021"
    rf"\b{_TREND_VERB}\s+to\s+{_AROUND}(?P<b>{NUM})(?:\s+(?P<scale_b>{SCALE}))?(?:\s+(?P<unit_b>[a-z]+s)\b)?"
    rf"\s+(?P<yb>in\s+(?:19|20)\d\d),?\s+from\s+{_EARLIER}(?P<a>{NUM})(?:\s+(?P<scale_a>{SCALE}))?"
    rf"(?:\s+(?P<unit_a>[a-z]+s)\b)?\s+(?P<ya>in\s+(?:19|20)\d\d)", re.I)

_AMOUNT = (rf"(?:(?:{_SYM})\s?|(?:{_CODE})\s?)?\d[\d,]*(?:\.\d+)?(?:\s?{SCALE}\b)?"
           rf"(?:\s+(?:{_CWORD}|{_CODE})\b)?")
_YEAR_A = r"in\s+(?:19|20)\d\d|last year|this year"
MONEY_TREND = re.compile(  # "rose from 40 million euros in 2021 to 95 million euros in 2024"
    rf"\b{_TREND_VERB}\s+(?:\w+\s+){{0,2}}?from\s+{_EARLIER}"
    rf"(?P<a>{_AMOUNT})(?:\s+(?P<ya>{_YEAR_A}))?\s+to\s+{_AROUND}"
    rf"(?P<b>{_AMOUNT})(?:\s+(?P<yb>{_YEAR_A}|next year))?", re.I)
# "in 2023-24", "in fiscal 2024": a fiscal year (by its first calendar year)
_YEAR_B = r"in\s+(?:fiscal\s+(?:year\s+)?)?(?:19|20)\d\d(?:[-/]\d\d(?!\d))?|last year|this year"
MONEY_UP_FROM = re.compile(  # "Rs 8,811 crore in 2023-24, up from Rs 6,100 crore a year earlier"
    rf"(?P<b>{_AMOUNT})\s+(?P<yb>{_YEAR_B}),?\s+(?:up|down)\s+from\s+(?P<a>{_AMOUNT})\s+"
    rf"(?P<ya>a year (?:earlier|before)|the (?:previous|prior) year|{_YEAR_B})", re.I)
MONEY_TO_FROM = re.compile(  # "rose to 180 billion yen in fiscal 2024 from 120 billion yen in fiscal 2022"
    rf"\b{_TREND_VERB}\s+to\s+{_AROUND}(?P<b>{_AMOUNT})\s+(?P<yb>{_YEAR_B}),?"
    rf"\s+from\s+{_EARLIER}(?P<a>{_AMOUNT})\s+"
    rf"(?P<ya>a year (?:earlier|before)|the (?:previous|prior) year|{_YEAR_B})", re.I)

# a trend that goes on: ", before falling to $14 billion in 2023", "and then to 95 million euros in 2025"
_THEN_MONEY = re.compile(
    rf",?\s+(?:and\s+)?(?:then\s+|before\s+|since\s+)?(?:{_TREND_VERB}|falling|dropping|declining|easing|sliding|"
    rf"climbing|jumping|surging|reaching|recovering)?\s*(?:back\s+)?to\s+(?P<c>{_AMOUNT})\s+(?P<yc>in\s+(?:19|20)\d\d)\b",
    re.I)


@dataclass
class FigureHit:
    value: float | int
    unit: str
    start: int
    end: int
    period: str | None = None
    year: int | None = None
    since: int | None = None
    date: str | None = None
    summary: str = ""


@dataclass
class TrendHit:
    unit: str
    start: int
    end: int
    points: list[tuple[int, float | int, int, int]]  # year, value, start, end of the value's phrase
    summary: str = ""


def to_number(text: str) -> float | int | None:
    """The number written in ``text``, exactly: whole numbers as ints of any length ("10,000,...,000"),
    others as the float that prints as written ("3.5"); None for a fraction a float cannot hold."""
    text = text.strip().lower().replace(",", "")
    if re.fullmatch(r"\d+", text):
        return int(text)
    if re.fullmatch(r"\d*\.\d+", text):
        return _exact(Decimal(text))
    text = text.replace("-", " ")
    if text == "dozen":
        return 12
    try:
        return int(text2num(text, "en"))
    except (ValueError, KeyError):
        return None


def _exact(value: Decimal) -> float | int | None:
    if value == value.to_integral_value():
        return int(value)
    as_float = float(value)
    # a float holds about 15 significant digits; beyond them it would not be the number written
    return as_float if Decimal(repr(as_float)) == value else None


def _scaled(value: float | int, scale: str | None) -> float | int:
    if not scale:
        return value
    # in decimal: 4.1 * 1e9 is 4099999999.9999995 in binary floating point
    result = _exact(Decimal(repr(value)) * Decimal(int(SCALES[scale.lower()])))
    return value if result is None else result


def _year_context(sentence: str, at: int, published_year: int | None, published: object,
                  change: bool = False) -> dict[str, object]:
    """Period, since, year and date of a figure from the words around it (``at`` indexes sentence);
    for a ``change`` (a percentage), ``from_year``: what it is measured against ("up 8.2% from 2023")."""
    # how often: said after the figure in its own clause ("300,000 tons of ammonia a year"; not a job
    # count after it, nor "valued at $500 million, ... a year"), or "annual" just before it
    clause = _CLAUSE_END.search(sentence, at, at + 120)
    window = sentence[at: clause.start() if clause else at + 120]
    info: dict[str, object] = {}
    for pattern, period in PERIODS:
        if pattern.search(window):
            info["period"] = period
            break
    else:
        if _ANNUAL.search(sentence, max(0, at - 60), at):
            info["period"] = "per year"
    after, before = sentence[at: at + 60], sentence[max(0, at - 80): at]
    if change and (m := _CHANGE_FROM.match(after)):  # "up 8.2% from 2023": against then, said in its summary
        info["from_year"] = int(m.group(1))
    elif m := _RIGHT_AFTER.match(after):  # "€23.4 billion in 2024, up 8.2% from 2023"
        info["year"] = int(m.group(1))
    elif m := _RELATIVE_RIGHT_AFTER.match(after):  # "US$86.4 billion last year, up 7.2 percent from 2023"
        info["year"] = relative_year(m.group(1), published)  # type: ignore[arg-type]
    elif m := SINCE.search(after):
        info["since"] = int(m.group(1))
    elif m := IN_YEAR.search(after):
        info["year"] = int(m.group(1))
    elif m := RELATIVE.search(after[:45]):
        info["year"] = relative_year(m.group(1), published)  # type: ignore[arg-type]
    elif NOW.search(before) and published is not None:
        info["date"] = published.isoformat()  # type: ignore[attr-defined]
    elif (m := RELATIVE.search(sentence, max(0, at - 50), at)) and not _CLAUSE_END.search(sentence, m.end(), at):
        info["year"] = relative_year(m.group(1), published)  # type: ignore[arg-type]
    elif (m := IN_YEAR.search(sentence, max(0, at - 40), at)) and not _CLAUSE_END.search(sentence, m.end(), at):
        # (the pattern's look-behind sees what is before); in the figure's own clause: not "to produce
        # ... by 2030 and create about 2,500 jobs"
        info["year"] = int(m.group(1))
    return info


def _summary(sentence: str, unit: str, verb_at: int | None = None) -> str:
    """What a number counts: the noun phrase around it, briefly (for a trend, the words before its
    verb when they name something: "The number of joint research projects increased ...")."""
    m = re.search(r"\bnumber of ([\w-]+(?:\s[\w-]+)?)(?:\s+(?:submitted|filed|received|signed|approved))?"
                  r"(\s+(?:for|in|on)\s+[\w\s-]+?)?\s+(?:between|rose|surged|increased|grew|jumped|has|have|was|were|from)\b",
                  sentence, re.I)
    if m:
        phrase = (m.group(1) + (m.group(2) or "")).strip()
        return phrase[:1].upper() + phrase[1:]  # "Fusion start-ups in Japan"
    if verb_at is not None:
        subject = re.sub(r"^number\s+of\s+", "", _subject(sentence, verb_at), flags=re.I)
        if subject.split()[0].lower() not in {"it", "they", "this", "that", "these", "those", "which", "amount"}:
            return subject[:1].upper() + subject[1:]
    m = re.search(rf"({re.escape(unit)}[^,.;]{{0,60}}?)(?=[,.;]|$)", sentence)
    phrase = m.group(1) if m else unit
    return " ".join(phrase.split()[:10]).capitalize()


# what an amount is, when the words right after it say ("C$450 million joint research fund")
_INSTRUMENT = re.compile(r"\s+((?:(?!(?:to|the|for|of|in|on|a|an|per|each|every|annually|yearly)\b)[a-z][\w-]*\s+){0,3}"
                         r"(?:fund|programme|program|package|facility|grant|scheme|loan))\b")
# "cells worth Rs 8,811 crore": what the amount is worth of (and what was done with it)
_WORTH = re.compile(r"\b(?:(imported|exported|sold|bought|purchased|shipped|ordered)\s+)?"
                    r"((?:[a-z][\w-]*\s+){0,3}?[a-z][\w-]*)\s+worth\s+"
                    r"(?:(?:about|around|some|nearly|almost|over|more than)\s+)?$")
_VALUED = re.compile(r"\b(?:[Tt]he|[Ii]ts|[Tt]heir|an?)\s+((?:[a-z][\w-]*\s+){0,3}?[a-z][\w-]*),?\s+(?:is\s+|was\s+)?"
                     r"(?:valued|estimated)\s+at\s+(?:(?:about|around|some|nearly|over|more than)\s+)?$")
_MAIN_VERB = re.compile(r"\b(?:reached|totalled|totaled|rose|grew|fell|increased|decreased|stood|hit|amounted)\b")
_REACHED = re.compile(r"\b(?:reached|totalled|totaled|stood at|hit|amounted to)\s+(?:a\s+record\s+|an?\s+all-time\s+high"
                      r"\s+of\s+)?(?:(?:about|around|some|nearly|over|more than)\s+)?$")
_GIVEN_AS = re.compile(r"\s+in\s+((?:official\s+)?development\s+assistance|(?:concessional\s+|soft\s+)?loans|grants|aid|"
                       r"subsidies|financing|funding|credit(?:\s+lines)?)\b")
_LIFT = re.compile(r"\b(lift|boost|raise|increase|cut|reduce|lower)\s+((?:[a-z][\w-]*\s+){0,3}?[a-z][\w-]*)\s+by\s+"
                   r"(?:(?:about|around|some|nearly|up to|more than)\s+)?$", re.I)
_INVEST = re.compile(r"\binvest(?:s|ed|ing)?\s+(?:(?:about|around|some|nearly|over|more than|up to)\s+)?$")
_INTO = re.compile(r"(?:\s+\([^()]*\))?\s+in(?:to)?\s+([^,.;()]{3,70}?)"
                   r"(?=[,.;]|\s+(?:by|over|from|through|until|before|since)\b|$)")
_YEAR_BEFORE = re.compile(r"\b(?:in|since|by|from|until|till|during|before|after)\s+$", re.I)
# "The planned plant would cost an estimated Rp 4.5 trillion": what the amount is the cost of
_COSTS = re.compile(r"\b(?:(?:would|will|could|may|is\s+expected\s+to|is\s+to)\s+)?costs?\s+"
                    r"(?:(?:an\s+estimated|about|around|some|roughly|nearly|up\s+to|more\s+than)\s+)?$")
_CONVERTED = re.compile(r"\(\s*(?:(?:about|around|some|roughly|approximately|nearly|or)\s+)?$")
_INVESTMENT = re.compile(r"\s+(?:in|of)\s+(?:(?:new|fresh|additional|direct|foreign)\s+)*investments?"
                         r"(?:\s+in\s+((?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*))?")


def _cost_of(sentence: str, verb_at: int) -> str | None:
    """"Cost of the planned plant" for "The planned plant would cost ...": the clause's words before
    the verb; ``None`` for a pronoun ("It would cost")."""
    words = re.split(r"[,;:]\s+", sentence[:verb_at])[-1].split()[-8:]
    if not words or words[0].lower() in {"it", "this", "that", "they", "which", "what", "each", "both"}:
        return None
    if words[0] in {"The", "Its", "Their"}:
        words[0] = words[0].lower()
    return "Cost of " + " ".join(words)


def figures_in(sentence: str, offset: int, published: object) -> list[FigureHit]:
    year = getattr(published, "year", None)
    figures: list[FigureHit] = []
    taken: list[tuple[int, int]] = []
    for m in MONEY.finditer(sentence):
        number = to_number(m.group("num") or m.group("num2"))
        if number is None:
            continue
        scale = m.group("scale") or m.group("scale2")
        unit = _currency(m)
        info = _year_context(sentence, m.end(), year, published)
        end = m.end()
        if (p := re.match(r"\s+(annually|a year|per year|each year|every year|per annum)", sentence[end:])):
            end += p.end()
        if (s := SINCE.match(sentence[end:].lstrip()) or re.match(r"\s+starting from\s+(?:19|20)\d\d", sentence[end:])):
            end = end + (len(sentence[end:]) - len(sentence[end:].lstrip())) + s.end() if SINCE.match(
                sentence[end:].lstrip()) else end + s.end()
        purpose = re.match(r"(?:\s+[\w-]+){0,2}?\s+(?:to|for)\s+(?:facilitate|fund|support|finance|back)?\s*"
                           r"([a-z][\w\s-]{3,40}?)(?=[,.;]|$)", sentence[end:])
        summary = f"Funding for {purpose.group(1).strip()}" if purpose else "Funding"
        if label := _LABEL.match(sentence, 0, m.start()):  # "- Bilateral trade: S$31.2 billion in 2024"
            summary = label.group(1)
        elif named := _INSTRUMENT.match(sentence, m.end()):  # "a C$450 million joint research fund"
            summary = named.group(1).capitalize()
        elif invested := _INVESTMENT.match(sentence, m.end()):  # "25 billion yuan in new investment in Brazil"
            summary = f"Investment in {invested.group(1)}" if invested.group(1) else "Investment"
        elif worth := _worth(sentence, m.start()):
            summary = worth
        elif valued := _VALUED.search(sentence, max(0, m.start() - 60), m.start()):  # "The project, valued at"
            summary = f"Value of the {valued.group(1)}"
        elif (costs := _COSTS.search(sentence, max(0, m.start() - 50), m.start())) and \
                (cost_of := _cost_of(sentence, costs.start())):
            summary = cost_of
        elif (reached := _REACHED.search(sentence, max(0, m.start() - 40), m.start())) and \
                (subject := _subject(sentence, reached.start())) != "Amount":
            summary = subject  # "Trade between Spain and Morocco reached a record €23.4 billion"
        elif lifted := _LIFT.search(sentence, max(0, m.start() - 60), m.start()):  # "lift bilateral trade by £25.5 billion"
            change = "Cut" if lifted.group(1).lower() in {"cut", "reduce", "lower"} else "Rise"
            summary = f"{change} in {lifted.group(2)}"
        elif given := _GIVEN_AS.match(sentence, end):  # "25 billion yen in official development assistance"
            summary = given.group(1).capitalize() + (f" for {purpose.group(1).strip()}" if purpose else "")
        elif _INVEST.search(sentence, max(0, m.start() - 40), m.start()) and (into := _INTO.match(sentence, end)):
            summary = f"Investment in {into.group(1)}"  # "will invest A$150 million in five projects"
        if figures and _CONVERTED.search(sentence, max(0, m.start() - 20), m.start()) and \
                sentence[figures[-1].end - offset:m.start()].strip().startswith("("):
            summary = figures[-1].summary  # "1.2 trillion won (about $870 million)": the same amount
        figures.append(FigureHit(_scaled(number, scale), unit, offset + m.start(), offset + end,
                                 summary=summary, **info))  # type: ignore[arg-type]
        taken.append((m.start(), end))
    for m in COUNT.finditer(sentence):
        if any(s <= m.start() < e for s, e in taken):
            continue
        number = to_number(m.group("num"))
        noun = m.group("noun").lower()
        if number is None or noun in SKIP_NOUNS or _PERCENT_SIGN.match(sentence, m.end("num")):
            continue  # "6.5 per cent on the previous year": a percentage
        if re.fullmatch(r"(19|20)\d\d", m.group("num")) and (not m.group("words") or _YEAR_BEFORE.search(
                sentence, max(0, m.start() - 12), m.start())):
            continue  # "2020 levels", "established in 2022 and meets once a year"
        if noun in CURRENCY_WORDS:
            continue
        if m.group("words").startswith("of "):
            continue  # "one of our oldest partners": which, not how many
        if not m.group("num")[0].isdigit() and _ANAPHORIC.search(sentence, max(0, m.start() - 12), m.start()):
            continue  # "the two neighbours", "our two industries": who, not how many
        info = _year_context(sentence, m.end(), year, published)
        summary = f"{m.group('words') or ''}{noun}".strip().capitalize()
        if noun in MEASURES and (what := _MEASURED.match(sentence, m.end())):  # "300,000 tons of green ammonia"
            summary = what.group(1).capitalize()
        figures.append(FigureHit(_scaled(number, m.group("scale")), noun, offset + m.start(), offset + m.end(),
                                 summary=summary, **info))  # type: ignore[arg-type]
    for m in PERCENT.finditer(sentence) if "%" in sentence or "cent" in sentence else ():
        number = to_number(m.group("num"))
        if number is None or any(s <= m.start() < e for s, e in taken):
            continue
        if m.group("minus"):  # "-3.5 per cent", or with U+2212: a negative change, as written
            number = -number
        verb = m.group("verb")
        share = re.match(r"\s+of\s+((?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+){0,4}?)(?=[,.;]|\s+(?:by|in|for|from|to)\b|$)",
                         sentence[m.end():])
        if verb:  # "exports rose 23% last year": how much the subject changed
            subject = _subject(sentence, m.start())
            if subject == "Amount" and (main := _MAIN_VERB.search(sentence, 0, m.start())):
                subject = _subject(sentence, main.start())  # "Trade ... reached €23.4 billion in 2024, up 8.2%"
            elif subject == "Amount" and (label := _LABEL.match(sentence, 0, sentence.find(":") + 2)):
                subject = label.group(1)  # "- Bilateral trade: S$31.2 billion in 2024, up 6.5 per cent"
            change = "Fall" if re.match(_FALLING, verb, re.I) else "Rise"
            first = subject.split()[0]
            if first not in country_words() and not first[1:2].isupper():  # "Korean exports", "EU exports"
                subject = subject[:1].lower() + subject[1:]
            summary = f"{change} in {subject}" if subject != "Amount" else change
        elif share:  # "up to 50% of project costs"
            summary = f"Share of {share.group(1)}"
        else:
            summary = "Percentage"
        info = _year_context(sentence, m.end(), year, published, change=True)
        if since := info.pop("from_year", None):  # "up 8.2% from 2023"
            summary = f"{summary} from {since}"
        figures.append(FigureHit(number, "percent", offset + m.start(), offset + m.end(),
                                 summary=summary, **info))  # type: ignore[arg-type]
    return figures


def _worth(sentence: str, at: int) -> str | None:
    """What an amount at ``at`` is the worth of: "imported lithium-ion cells worth ..." ->
    "Imported lithium-ion cells"."""
    m = _WORTH.search(sentence, max(0, at - 60), at)
    if m is None:
        return None
    phrase = re.sub(r"^(?:a|an|the)\s+", "", m.group(2))
    phrase = f"{m.group(1)} {phrase}" if m.group(1) else phrase
    return phrase[:1].upper() + phrase[1:]


def _money(amount: str) -> tuple[float | int, str | None] | None:
    """The value and currency of an amount as written ("€40m", "95 million euros"; "40 million":
    no currency)."""
    m = MONEY.fullmatch(amount)
    if m is None:
        bare = re.fullmatch(rf"(?P<num>\d[\d,]*(?:\.\d+)?)(?:\s?(?P<scale>{SCALE}))?", amount, re.I)
        number = to_number(bare.group("num")) if bare else None
        return None if bare is None or number is None else (_scaled(number, bare.group("scale")), None)
    number = to_number(m.group("num") or m.group("num2"))
    if number is None:
        return None
    return _scaled(number, m.group("scale") or m.group("scale2")), _currency(m)


def _currency(m: re.Match[str]) -> str:
    if m.group("sym"):
        return CURRENCY_SYMBOLS.get(m.group("sym").upper(), CURRENCY_SYMBOLS.get(m.group("sym"), "USD"))
    if m.group("code"):
        return m.group("code").upper()
    word = m.group("word")
    return word.upper() if word.upper() in ISO_CODES else CURRENCY_WORDS[word.lower()]


def _years(m: re.Match[str], published: object) -> list[int | None]:
    years: list[int | None] = []
    for key in ("ya", "yb"):
        phrase = m.group(key) or ""
        found = re.search(r"(19|20)\d\d", phrase)
        years.append(int(found.group(0)) if found else relative_year(phrase, published)  # type: ignore[arg-type]
                     if phrase else None)
    return years


def _points(m: re.Match[str], years: list[int | None], a: float | int, b: float | int,
            offset: int) -> list[tuple[int | None, float | int, int, int]]:
    """A trend's two points (year, value, and the span of the value with its year) as ``m`` matched
    them (groups ``a``/``ya`` and ``b``/``yb``)."""
    def span(group: str) -> tuple[int, int]:
        year = f"y{group}"
        return offset + m.start(group), offset + (m.end(year) if m.group(year) else m.end(group))

    return [(years[0], a, *span("a")), (years[1], b, *span("b"))]


_SUBJECT_BREAK = re.compile(r"[,;:]\s+|\b(?:that|said|says|while|and)\s+")


def _subject(sentence: str, verb_at: int) -> str:
    """What changed: the words before the verb of a trend, back to the clause's start, briefly
    ("Investment in offshore wind research rose from ..." -> "Investment in offshore wind research")."""
    text = sentence[:verb_at]
    # back to the last clause break; not an "and" of "between Spain and Morocco"
    breaks = [m for m in _SUBJECT_BREAK.finditer(text)
              if not (m.group(0).startswith("and") and re.search(r"\bbetween\s+\S+\s+$", text[:m.start()]))]
    before = text[breaks[-1].end():] if breaks else text
    before = re.sub(r"^(?:the|its|their)\s+|\s*\b(?:has|have|had)\s*$", "", before.strip(), flags=re.I)
    words = before.split()[-10:]
    return (words[0][:1].upper() + " ".join(words)[1:]) if words else "Amount"


def _money_trends(sentence: str, offset: int, published: object) -> list[TrendHit]:
    trends: list[TrendHit] = []
    for m in MONEY_TREND.finditer(sentence):
        a, b = _money(m.group("a")), _money(m.group("b"))
        years = _years(m, published)
        if a is None or b is None or None in years:
            continue
        units = {u for u in (a[1], b[1]) if u}
        if len(units) != 1:  # no currency named, or two
            continue
        unit, points, end = units.pop(), _points(m, years, a[0], b[0], offset), m.end()
        for more in _THEN_MONEY.finditer(sentence, end):  # ", before falling to $14 billion in 2023"
            if more.start() != end or (c := _money(more.group("c"))) is None or c[1] not in (None, unit):
                break
            year, last = int(more.group("yc")[-4:]), points[-1][0]
            if last is None or year <= last:  # the years go on
                break
            points.append((year, c[0], offset + more.start("c"), offset + more.end("yc")))
            end = more.end()
        trends.append(TrendHit(unit, offset + m.start(), offset + end, points,  # type: ignore[arg-type]
                               summary=_subject(sentence, m.start())))
    later_first = [*MONEY_UP_FROM.finditer(sentence), *MONEY_TO_FROM.finditer(sentence)] if " from " in sentence else []
    for m in later_first:
        a, b = _money(m.group("a")), _money(m.group("b"))
        written, later = _years(m, published)
        # "a year earlier", "the previous year": the year before the later point (not before publication)
        earlier = written if re.search(r"(?:19|20)\d\d", m.group("ya")) else (later - 1 if later is not None else None)
        units = {u for u in (a[1], b[1]) if u} if a and b else set()
        if a is None or b is None or later is None or earlier is None or earlier >= later or len(units) != 1:
            continue
        trends.append(TrendHit(units.pop(), offset + m.start(), offset + m.end(),
                               [(earlier, a[0], offset + m.start("a"), offset + m.end("ya")),
                                (later, b[0], offset + m.start("b"), offset + m.end("yb"))],
                               summary=_worth(sentence, m.start()) or _subject(sentence, m.start())))
    return trends


def trends_in(sentence: str, offset: int, published: object) -> list[TrendHit]:
    if "from" not in sentence.lower():  # every trend reads "... from X to Y": most sentences need no regex
        return []
    trends = _money_trends(sentence, offset, published)
    taken = [(t.start - offset, t.end - offset) for t in trends]
    for m in [*TREND.finditer(sentence), *TREND_TO_FROM.finditer(sentence)]:
        if any(s <= m.start() < e for s, e in taken):
            continue
        a, b = to_number(m.group("a")), to_number(m.group("b"))
        a = None if a is None else _scaled(a, m.group("scale_a") or m.group("scale_b"))  # "from 1.1 to 2.3 million"
        b = None if b is None else _scaled(b, m.group("scale_b") or m.group("scale_a"))
        years = _years(m, published)
        if a is None or b is None or None in years:
            continue
        unit = m.group("unit_a") or m.group("unit_b")
        if not unit:
            head = re.search(r"\bnumber of ([a-z-]+s)\b", sentence, re.I) or re.search(r"\b([a-z-]+s)\b\s+(?:\w+\s+){0,6}" + re.escape(m.group(0).split()[0]), sentence)
            unit = head.group(1).lower() if head else "count"
        start = offset + m.start()
        trends.append(TrendHit(unit, start, offset + m.end(), _points(m, years, a, b, offset),  # type: ignore[arg-type]
                               summary=_summary(sentence, unit, m.start())))
    return trends
