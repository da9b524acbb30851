"""Read the top of a copied news text: headline and republisher prefix, datelines, dates and news agencies (pure)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Mapping

# Well-known agencies as they appear in datelines. Keys are upper-case; lookups ignore case
# because some agencies write themselves in lower case ("(dpa)").
KNOWN_AGENCIES: Mapping[str, str] = {
    "AA": "Anadolu Agency",
    "AFP": "Agence France-Presse",
    "ANI": "Asian News International",
    "ANSA": "Agenzia Nazionale Stampa Associata",
    "AP": "Associated Press",
    "APA": "Austria Presse Agentur",
    "BERNAMA": "Bernama",
    "CNA": "Central News Agency",
    "DPA": "Deutsche Presse-Agentur",
    "EFE": "EFE",
    "FNA": "Fars News Agency",
    "IANS": "Indo-Asian News Service",
    "IRNA": "Islamic Republic News Agency",
    "ISNA": "Iranian Students' News Agency",
    "KCNA": "Korean Central News Agency",
    "KUNA": "Kuwait News Agency",
    "MENA": "Middle East News Agency",
    "MNA": "Mehr News Agency",
    "PTI": "Press Trust of India",
    "QNA": "Qatar News Agency",
    "REUTERS": "Reuters",
    "SANA": "Syrian Arab News Agency",
    "SPA": "Saudi Press Agency",
    "TASS": "TASS",
    "UNA": "Union of OIC News Agencies",
    "UPI": "United Press International",
    "XINHUA": "Xinhua News Agency",
    "YONHAP": "Yonhap News Agency",
}

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?,?\s+"

# A stated date: "2 Feb 2016", "February 23, 2006", "Thursday, February 23, 2006", "2016-02-02".
DATE_PATTERN = (
    rf"(?:{_WEEKDAY})?"
    rf"(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{_MONTH}),?\s+(?P<y1>\d{{4}})"
    rf"|(?P<m2>{_MONTH})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}})"
    rf"|(?P<y3>\d{{4}})-(?P<m3>\d{{2}})-(?P<d3>\d{{2}}))"
)
_DATE = re.compile(DATE_PATTERN, re.IGNORECASE)
_DASH = r"\s*[-\u2010-\u2015:]+\s*"

# Agency dateline: PLACE[, Region][, Month Day[, Year]] (AGENCY) - [DATE -] text.
# The place is upper case ("TEHRAN") or a few capitalised words ("Tehran"), so that a sentence that
# merely starts with a name and a parenthesis is not taken for a dateline.
_AGENCY_DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z.'\u2019-]+(?:\s+[A-Z][A-Z.'\u2019-]+){0,3}"
    r"|[A-Z][a-z.'\u2019-]+(?:\s+[A-Z][a-z.'\u2019-]+){0,2})"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+){0,2}))??"
    rf"(?:,?\s*(?P<pre_date>{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?))?"
    r"\s*\((?P<agency>[A-Za-z][A-Za-z.'&\u2019 -]{0,60}?)\)"
    rf"{_DASH}"
    rf"(?:(?P<post_date>{DATE_PATTERN.replace('?P<', '?P<p_')}){_DASH})?"
)
_SMALL_WORDS = {"of", "for", "and", "the", "de", "des", "du", "la", "di", "del"}
# Labels that republishers put before a headline; they are part of the title, not a publisher.
_HEADLINE_LABELS = {"EXCLUSIVE", "BREAKING", "BREAKING NEWS", "UPDATE", "UPDATED", "WATCH", "VIDEO",
                    "PHOTOS", "LIVE", "ANALYSIS", "OPINION", "EDITORIAL", "INTERVIEW", "REPORT"}
_FULL_NAME_BEFORE_ACRONYM = re.compile(
    r"(?P<name>[A-Z][\w'\u2019.-]*(?:\s+(?:[A-Z][\w'\u2019.-]*|of|for|and|the|de|des|du|la|di|del)){1,7})"
    r"\s*\((?P<acronym>[A-Z]{2,8})\)"
)
# A republisher's prefix on the headline: "MESOP NEWS : headline". Upper-case words, then a colon
# or bar with space before it, or a media word, so "Cold as ice: ..." and "UK: ..." stay headlines.
_PUBLISHER_PREFIX = re.compile(
    r"(?P<publisher>[A-Z0-9][A-Z0-9&.'\u2019-]*(?:\s+[A-Z0-9&.'\u2019-]+){0,4})"
    r"(?:\s+[:|\u2013\u2014]|(?<=NEWS)\s*:|(?<=PRESS)\s*:|(?<=TIMES)\s*:|(?<=POST)\s*:|(?<=TV)\s*:)\s+(?P<rest>\S.*)"
)
_WIKINEWS_DATELINE = re.compile(rf"(?P<before>.*?)\s*(?P<date>{_WEEKDAY}{_MONTH}\s+\d{{1,2}},?\s+\d{{4}})(?=\W|$)\s*(?P<after>.*)", re.S)
_BARE_DATELINE = re.compile(rf"(?P<date>{DATE_PATTERN})(?:{_DASH}(?P<after>.+))?", re.S)


@dataclass(frozen=True)
class Dateline:
    """What a dateline paragraph told us, and the paragraph text that remains after it."""

    rest: str                      # paragraph text after the dateline ("" when nothing is left)
    date: dt.date | None = None
    date_text: str = ""            # the date as written, for warnings
    place: str = ""
    agency: str = ""               # as written inside the parentheses, e.g. "FNA"


def parse_date(text: str) -> dt.date | None:
    """The date that `text` states in one of the DATE_PATTERN forms, or None; never guesses a year."""
    match = _DATE.fullmatch(text.strip())
    return _date_from_match(match, "") if match else None


def _date_from_match(match: re.Match, prefix: str) -> dt.date | None:
    g = match.groupdict()
    for day_key, month_key, year_key in (("d1", "m1", "y1"), ("d2", "m2", "y2"), ("d3", "m3", "y3")):
        year = g.get(prefix + year_key)
        if not year:
            continue
        month_text = g[prefix + month_key].rstrip(".").lower()
        month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text)
        try:
            return dt.date(int(year), month or 0, int(g[prefix + day_key]))
        except ValueError:
            return None
    return None


def split_publisher(headline: str) -> tuple[str, str]:
    """(title, publisher): "MESOP NEWS : Iran, Russia ..." gives the publisher as written, upper case kept."""
    match = _PUBLISHER_PREFIX.fullmatch(headline.strip())
    if not match or not re.search(r"[A-Z]{2}", match["publisher"]) or match["publisher"] in _HEADLINE_LABELS:
        return headline.strip(), ""
    return match["rest"].strip(), match["publisher"].strip()


def place_name(text: str) -> str:
    """Normal capitalisation for an upper-case place: "NEW YORK" -> "New York", "AL-QAIM" -> "Al-Qaim"."""
    if not text.isupper():
        return text.strip()
    return re.sub(r"[A-Za-z]+", lambda m: m[0].capitalize(), text.strip().lower())


def learn_agencies(text: str) -> dict[str, str]:
    """Acronyms the text spells out itself: "Islamic Republic News Agency (IRNA)" -> {"IRNA": ...}."""
    learned = {}
    for match in _FULL_NAME_BEFORE_ACRONYM.finditer(text):
        words = match["name"].split()
        # Keep the longest tail of the name whose initials spell the acronym ("... said Fars News Agency").
        for start in range(len(words)):
            tail = words[start:]
            if initials(" ".join(tail)) == match["acronym"]:
                learned[match["acronym"]] = " ".join(tail)
                break
    return learned


def initials(name: str) -> str:
    """Capital initials of a name, skipping small words: "Press Trust of India" -> "PTI"."""
    return "".join(w[0] for w in re.split(r"[\s-]+", name) if w and w[0].isupper() and w.lower() not in _SMALL_WORDS)


def agency_name(agency: str, learned: Mapping[str, str] = {}) -> str:
    """The agency's full name when known from the text or the table, else as written."""
    key = agency.strip().rstrip(".").upper()
    return learned.get(key) or KNOWN_AGENCIES.get(key) or agency.strip()


def parse_agency_dateline(paragraph: str) -> Dateline | None:
    """'TEHRAN (FNA)- 2 Feb 2016 – text' -> place, agency, date and the text; None if it has no dateline."""
    match = _AGENCY_DATELINE.match(paragraph)
    if not match or not _looks_like_agency(match["agency"]):
        return None
    date, date_text = None, ""
    if match["post_date"]:
        date, date_text = _date_from_match(match, "p_"), match["post_date"]
    elif match["pre_date"]:
        date_text = match["pre_date"]
        date = parse_date(date_text)
    return Dateline(
        rest=paragraph[match.end():].strip(),
        date=date,
        date_text=date_text,
        place=place_name(match["place"]),
        agency=match["agency"].strip(),
    )


def _looks_like_agency(text: str) -> bool:
    """An acronym ("FNA", "dpa") or a short capitalised name ("Fars News Agency"), not a stray aside."""
    text = text.strip()
    if text.upper() in KNOWN_AGENCIES or re.fullmatch(r"[A-Z][A-Z.&]{1,9}", text):
        return True
    words = text.split()
    return 1 <= len(words) <= 7 and words[0][0].isupper() and words[-1][0].isupper()


def parse_wikinews_dateline(paragraph: str, headline: str) -> Dateline | None:
    """'Thursday, February 23, 2006' alone, after a repeat of the headline, or before the first sentence."""
    match = _WIKINEWS_DATELINE.fullmatch(paragraph.strip())
    if match and (not match["before"] or same_words(match["before"], headline)):
        return Dateline(rest=match["after"].strip(), date=parse_date(match["date"]), date_text=match["date"])
    # Without a weekday only a paragraph that is nothing but a date (or date and dash) counts.
    bare = _BARE_DATELINE.fullmatch(paragraph.strip())
    if bare:
        return Dateline(rest=(bare["after"] or "").strip(), date=_date_from_match(bare, ""), date_text=bare["date"])
    return None


def same_words(a: str, b: str) -> bool:
    """Equal ignoring case, accents, spacing and punctuation ("Stardust @ home" == "Stardust@home")."""
    return _word_key(a) == _word_key(b) != ""


def _word_key(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]", "", ascii_text.lower())
