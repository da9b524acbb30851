"""Languages: the theme's words in every shipped language, dates and month names from CLDR, right-to-left
layout, and a site's own translations over the theme's."""

import re
import string
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.content.config import config_from_dict, default_theme
from generator.content.errors import UsageError
from generator.content.i18n import language

REPO = Path(__file__).resolve().parents[1]
SHIPPED = sorted(p.stem for p in (default_theme() / "i18n").glob("*.yml"))
# Words the code translates from a table rather than a literal (entity_pages.TYPE_LABELS, TYPE_PLURALS).
DYNAMIC = {"Home", "Archive", "Person", "Organisation", "Place", "Other", "People", "Organisations", "Places",
           "Other names"}


def theme_messages() -> dict[str, str | None]:
    """Every English text the theme and the code translate: text -> its plural, or None."""
    found: dict[str, str | None] = {text: None for text in DYNAMIC}
    plural = re.compile(r"""(?:\b_n|ngettext|plural_forms)\(\s*(["'])(.+?)\1\s*,\s*(["'])(.+?)\3""", re.S)
    single = re.compile(r"""(?:(?<![\w.])_|\bgettext)\(\s*(["'])(.+?)\1""")
    for path in sorted([*(REPO / "templates").glob("*.html"), *(REPO / "generator").rglob("*.py")]):
        text = path.read_text(encoding="utf-8")
        for match in plural.finditer(text):
            found[match.group(2)] = match.group(4)
        for match in single.finditer(text):
            found.setdefault(match.group(2), None)
    return found


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_the_theme_ships_languages_with_right_to_left_among_them():
    assert {"fr", "de", "es", "fa", "ar"} <= set(SHIPPED)


@pytest.mark.parametrize("code", SHIPPED)
def test_every_word_of_the_theme_is_translated_with_the_same_placeholders(code):
    data = yaml.safe_load((default_theme() / "i18n" / f"{code}.yml").read_text(encoding="utf-8"))
    messages = theme_messages()
    assert len(messages) > 80
    missing = sorted(set(messages) - set(data))
    assert not missing, f"{code}.yml lacks {missing}"
    unused = sorted(set(data) - set(messages))
    assert not unused, f"{code}.yml translates texts the theme no longer uses: {unused}"
    for english, plural in messages.items():
        translated = data[english]
        forms = translated.values() if isinstance(translated, dict) else [translated]
        if plural is not None:
            assert isinstance(translated, dict) and "other" in translated, f"{code}: {english!r} needs plural forms"
        for form in forms:
            # A form may leave the number out ("the one source"), never add a name the code does not give.
            assert fields(form) <= fields(english) | fields(plural or ""), f"{code}: {english!r} -> {form!r}"
            assert fields(form) >= fields(english) - {"count"}, f"{code}: {english!r} -> {form!r}"


def test_dates_months_plurals_and_direction_follow_the_language():
    import datetime as dt
    fr = language("fr", (default_theme(),))
    assert fr.date(dt.date(2016, 2, 2)) == "2 février 2016"
    assert fr.month(2016, 2) == "février 2016"
    assert fr.ngettext("{count} article", "{count} articles", 1) == "1 article"
    assert fr.ngettext("{count} article", "{count} articles", 1200) == "1\u202f200 articles"
    assert fr.direction == "ltr"
    en = language("en", (default_theme(),))
    assert en.date(dt.date(2016, 2, 2)) == "2 February 2016"
    fa = language("fa", (default_theme(),))
    assert fa.direction == "rtl" and language("ar", (default_theme(),)).direction == "rtl"
    assert fa.gettext("Search") != "Search"
    # A language no file translates still gets its dates and direction, and the English words.
    he = language("he", (default_theme(),))
    assert he.direction == "rtl" and he.gettext("Search") == "Search" and "פברואר" in he.month(2016, 2)


def test_an_unknown_language_is_a_config_error():
    with pytest.raises(UsageError, match="language 'xx-nope'"):
        config_from_dict({"language": "xx-nope"})


def test_a_site_overrides_single_words_in_its_own_templates_folder(tmp_path):
    (tmp_path / "i18n").mkdir()
    (tmp_path / "i18n" / "fr.yml").write_text('"Latest articles": "À la une"\n', encoding="utf-8")
    fr = language("fr", (default_theme(), tmp_path))
    assert fr.gettext("Latest articles") == "À la une"
    assert fr.gettext("Search") == "Rechercher"  # the rest stays the theme's


def build(tmp_path, config: str) -> Path:
    content = tmp_path / "content"
    content.mkdir()
    (content / "a.md").write_text("---\ntitle: Vladimir Putin in Tehran\ndate: 2016-02-02\ntags: [Iran]\n---\n"
                                  "Vladimir Putin met officials in Tehran.\n", encoding="utf-8")
    (content / "b.md").write_text("---\ntitle: Tehran talks\ndate: 2016-03-05\n---\n"
                                  "Vladimir Putin spoke again in Tehran.\n", encoding="utf-8")
    (tmp_path / "dossier.yml").write_text(config, encoding="utf-8")
    subprocess.run([sys.executable, str(REPO / "build.py"), "--config", str(tmp_path / "dossier.yml"),
                    "--content", str(content), "--out", str(tmp_path / "site"), "--no-search", "-q"],
                   check=True, cwd=tmp_path)
    return tmp_path / "site"


def test_a_french_site_speaks_french_everywhere(tmp_path):
    site = build(tmp_path, "title: Dossier\nlanguage: fr\n")
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fr" dir="ltr">' in home
    assert "Derniers articles" in home and "Latest articles" not in home
    article = (site / "articles" / "a.html").read_text(encoding="utf-8")
    assert "2 février 2016" in article and "min de lecture" in article
    assert "février 2016" in (site / "archive" / "index.html").read_text(encoding="utf-8")
    entity = (site / "entities" / "vladimir-putin.html").read_text(encoding="utf-8")
    assert "Articles par mois" in entity and "févr." in entity


def test_a_persian_site_is_laid_out_right_to_left(tmp_path):
    site = build(tmp_path, "title: Dossier\nlanguage: fa\n")
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fa" dir="rtl">' in home
    assert "Latest articles" not in home
    # The theme mirrors with logical properties: no physical left or right margins or borders remain.
    css = (site / "assets" / "dossier.css").read_text(encoding="utf-8")
    assert not re.search(r"(margin|padding|border)-(left|right)\b|[{;]\s*(left|right):", css)

