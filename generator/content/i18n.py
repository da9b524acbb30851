"""The site's language: the theme's words in it, its dates and month names (CLDR, through Babel), its
plural rules and its writing direction.

The theme's words are English in the templates and Python code, and translated by `i18n/<lang>.yml`
files in the theme: each maps the English text to the translation, or, for a text with a count, to one
form per CLDR plural category (`one`, `few`, `many`, `other` ...). A site's own `templates/i18n/`
files override single entries of the default theme's.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

import yaml
from babel import Locale, UnknownLocaleError
from babel.dates import format_date

from .errors import UsageError

# Bare "en" reads dates the way the theme's English is spelt: "2 February 2016".
_DATE_LOCALE_OF = {"en": "en_GB"}


# Compared by identity (one Language per code and theme, see _language), so that pictures and pages can
# remember what they said in it: its strings are a dict, which a value hash could not take.
@dataclass(frozen=True, eq=False)
class Language:
    code: str                                    # as configured: "fr", "fa", "pt-BR"
    locale: Locale
    dates: Locale
    strings: Mapping[str, str | Mapping[str, str]]

    @property
    def direction(self) -> str:
        return "rtl" if self.locale.character_order == "right-to-left" else "ltr"

    def gettext(self, text: str, **params: object) -> str:
        """The translation of an English text, with {name} placeholders filled."""
        found = self.strings.get(text, text)
        if type(found) is not str:
            found = found.get("other", text)
        return found.format(**params) if params else found

    def ngettext(self, singular: str, plural: str, count: int, **params: object) -> str:
        """The form for `count` in the language's plural rules: `_n("{count} article", "{count} articles", n)`."""
        found = self.strings.get(singular)
        if type(found) is dict:  # the forms per plural category, as YAML reads them
            text = found.get(_plural_category(self.locale_name, count)) or found.get("other") or plural
        else:
            text = singular if count == 1 else plural
        return text.format(count=_format_number(self.locale_name, count), **params)

    def plural_forms(self, singular: str, plural: str) -> dict[str, str]:
        """Every plural category's form, for a script that picks one with Intl.PluralRules."""
        found = self.strings.get(singular)
        if isinstance(found, Mapping):
            return dict(sorted(found.items()))
        return {"one": singular, "other": plural}

    def number(self, value: int) -> str:
        return _format_number(self.locale_name, value)

    @functools.cached_property
    def locale_name(self) -> str:
        return str(self.locale)

    def date(self, day: dt.date | None) -> str:
        return _format_date(self.dates, day, "long") if day else ""

    def month(self, year: int, month: int) -> str:
        """ "February 2016", "février 2016" (the stand-alone month name and the year)."""
        return _format_date(self.dates, dt.date(year, month, 1), "LLLL y")

    def month_abbr(self, year: int, month: int) -> str:
        """ "Feb", "févr." for a timeline's axis."""
        return _format_date(self.dates, dt.date(year, month, 1), "LLL")

    def quarter(self, day: dt.date) -> str:
        """ "Q1 2016", "T1 2016"."""
        return _format_date(self.dates, day, "QQQ y")


# Timelines and cards name the same months and days thousands of times: each is formatted once.
@functools.lru_cache(maxsize=1 << 14)
def _format_date(locale: Locale, day: dt.date, pattern: str) -> str:
    return format_date(day, pattern, locale=locale)


# A site's pages say the same few numbers thousands of times: each is formatted once.
@functools.lru_cache(maxsize=1 << 14)
def _format_number(locale: str, value: int) -> str:
    from babel.numbers import format_decimal
    return format_decimal(value, locale=locale)


@functools.lru_cache(maxsize=1 << 14)
def _plural_category(locale: str, count: int) -> str:
    return Locale.parse(locale).plural_form(count)


def parse_locale(code: str) -> Locale:
    """A language code as a config may write it ("fr", "pt-BR", "zh_Hant"); UsageError when CLDR has none."""
    try:
        return Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        raise UsageError(f"language {code!r} is not a language code that Dossier knows (for example en, fr, "
                         f"de, fa or pt-BR)") from None


def language(code: str, theme_folders: tuple[Path, ...]) -> Language:
    """The language for `code`, with the words of every theme folder (later folders override earlier)."""
    return _language(code, tuple(str(folder) for folder in theme_folders))


@functools.lru_cache(maxsize=16)
def _language(code: str, folders: tuple[str, ...]) -> Language:
    locale = parse_locale(code)
    dates = Locale.parse(_DATE_LOCALE_OF.get(str(locale), str(locale)))
    strings: dict[str, str | Mapping[str, str]] = {}
    names = [locale.language, str(locale)] if str(locale) != locale.language else [locale.language]
    for folder in folders:
        for name in names:  # "pt" first, then "pt_BR" over it
            strings.update(_read_strings(Path(folder) / "i18n" / f"{name}.yml"))
    return Language(code, locale, dates, strings)


def _read_strings(path: Path) -> dict[str, str | Mapping[str, str]]:
    if not path.is_file():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        mark = getattr(exc, "problem_mark", None)
        raise UsageError(f"{path}{f':{mark.line + 1}' if mark else ''}: cannot read the translations: "
                         f"{getattr(exc, 'problem', None) or exc}") from None
    if not isinstance(data, dict) or not all(
            isinstance(k, str) and (isinstance(v, str) or (isinstance(v, dict) and all(
                isinstance(c, str) and isinstance(t, str) for c, t in v.items()))) for k, v in data.items()):
        raise UsageError(f"{path}: translations must map each English text to a text, or to one text per "
                         f"plural category (one, other ...)")
    return data
