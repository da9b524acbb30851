"""Load and validate dossier.yml into a frozen SiteConfig; unknown keys are errors that list the valid ones."""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import UsageError

if TYPE_CHECKING:
    from .i18n import Language

# Search: pages per Pagefind shard by default (search/shards.py). At 10,000 articles it gives 24 shards
# of about 600 pages, and one edit re-indexes one of them in about 1.5 CPU s, where 4,000 took about 6;
# a query loads only the shards holding its words (search/directory.py). bench/README.md has the figures.
SHARD_PAGES = 1000

DEFAULT_EXTENSIONS = ("extra", "toc", "admonition", "sane_lists", "smarty")


@dataclass(frozen=True)
class MarkdownConfig:
    extensions: tuple[str, ...] = DEFAULT_EXTENSIONS
    extension_configs: dict[str, dict[str, Any]] = field(default_factory=dict)
    # HTML written in an owner's Markdown goes out as written (scripts too), as in MkDocs; false
    # escapes it and drops links and images to javascript:, vbscript: and data: (except images).
    raw_html: bool = True


@dataclass(frozen=True)
class SearchConfig:
    enabled: bool = True
    # Extra arguments passed to the Pagefind binary, for example ["--force-language", "en"].
    pagefind_args: tuple[str, ...] = ()
    # Pages per search shard at most (generator/search/shards.py): lower re-indexes less after an
    # edit, higher makes fewer shards for a search to load.
    shard_pages: int = SHARD_PAGES


@dataclass(frozen=True)
class ThemeConfig:
    """The default theme's settings: changing the look without writing a template."""
    logo: str = ""                    # an image in static/ ("logo.svg") or a URL, shown before the title
    brand_color: str = ""             # a CSS colour ("#7a1f5c"): links, buttons, bars; lightened in dark mode
    footer: str = ""                  # a line of text under every page
    nav: tuple[tuple[str, str], ...] = ()   # extra sidebar links, a list of {title: url}
    extra_css: tuple[str, ...] = ()   # stylesheets in static/ or URLs, after the theme's
    extra_js: tuple[str, ...] = ()    # scripts in static/ or URLs, after the theme's (deferred)


@dataclass(frozen=True)
class EntitiesConfig:
    discover: bool = True
    min_articles: int = 2
    ignore: tuple[str, ...] = ()
    link: str = "first"  # "first" or "all" mentions become links


@dataclass(frozen=True)
class SiteConfig:
    title: str = "Dossier"
    description: str = "A collection of articles, cross-linked by the people, organisations and places they share."
    language: str = "en"
    base_url: str = ""
    content_dir: str = "content"
    output_dir: str = "site"
    templates_dir: str = "templates"
    static_dir: str = "static"
    home_articles: int = 20
    list_page_size: int = 50
    markdown: MarkdownConfig = field(default_factory=MarkdownConfig)
    search: SearchConfig = field(default_factory=SearchConfig)
    entities: EntitiesConfig = field(default_factory=EntitiesConfig)
    theme: ThemeConfig = field(default_factory=ThemeConfig)
    # Where the config file lives; relative folders are resolved against it.
    root: Path = field(default=Path("."), compare=False)

    def path(self, name: str) -> Path:
        return (self.root / name).resolve()


def default_theme() -> Path:
    """The theme shipped with Dossier: the repository's templates/ folder, or its installed copy."""
    here = Path(__file__).resolve().parent.parent
    checkout = here.parent / "templates"
    if (checkout / "base.html").exists():
        return checkout
    return here / "theme"


_SECTIONS = {"markdown": MarkdownConfig, "search": SearchConfig, "entities": EntitiesConfig, "theme": ThemeConfig}
# A CSS colour a config may give: #rgb, #rrggbb(aa), a function of numbers, or a named colour.
_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})|(?:rgb|rgba|hsl|hsla|oklch|oklab)\([0-9.,%\s/a-z-]+\)|[a-zA-Z]{3,20}")


def _check_keys(where: str, data: dict, cls) -> None:
    valid = [f.name for f in dataclasses.fields(cls) if f.name != "root"]
    for key in data:
        if key not in valid:
            raise UsageError(f"{where}: unknown key {key!r}; valid keys are: {', '.join(valid)}")


def _coerce(where: str, key: str, value: Any, default: Any) -> Any:
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise UsageError(f"{where}: {key} must be true or false, not {value!r}")
        return value
    if isinstance(default, int):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise UsageError(f"{where}: {key} must be a whole number of at least 1, not {value!r}")
        return value
    if isinstance(default, str):
        if not isinstance(value, str):
            raise UsageError(f"{where}: {key} must be a string, not {value!r}")
        return value
    if isinstance(default, tuple):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise UsageError(f"{where}: {key} must be a list of strings")
        return tuple(value)
    if isinstance(default, dict):
        if not isinstance(value, dict):
            raise UsageError(f"{where}: {key} must be a mapping")
        return value
    return value


def config_from_dict(data: dict, where: str = "dossier.yml", root: Path = Path(".")) -> SiteConfig:
    """Build a SiteConfig from parsed YAML, checking every key and type."""
    if not isinstance(data, dict):
        raise UsageError(f"{where}: the config must be a mapping of keys to values")
    _check_keys(where, data, SiteConfig)
    defaults = SiteConfig()
    values: dict[str, Any] = {"root": root}
    for key, value in data.items():
        if key in _SECTIONS:
            cls = _SECTIONS[key]
            if not isinstance(value, dict):
                raise UsageError(f"{where}: {key} must be a mapping")
            _check_keys(f"{where}: {key}", value, cls)
            section_defaults = cls()
            values[key] = cls(**{
                k: _nav(where, v) if (key, k) == ("theme", "nav") else
                _coerce(where, f"{key}.{k}", v, getattr(section_defaults, k)) for k, v in value.items()
            })
        else:
            values[key] = _coerce(where, key, value, getattr(defaults, key))
    config = SiteConfig(**values)
    if config.entities.link not in ("first", "all"):
        raise UsageError(f"{where}: entities.link must be 'first' or 'all', not {config.entities.link!r}")
    if config.theme.brand_color and not _COLOUR.fullmatch(config.theme.brand_color.strip()):
        raise UsageError(f"{where}: theme.brand_color must be a CSS colour such as \"#7a1f5c\", "
                         f"not {config.theme.brand_color!r}")
    from .i18n import (
        parse_locale,  # Babel is imported only by a config that names a language, or to render
    )
    try:
        parse_locale(config.language)
    except UsageError as exc:
        raise UsageError(f"{where}: {exc}") from None
    if config.base_url and not config.base_url.startswith(("http://", "https://")):
        raise UsageError(f"{where}: base_url must start with http:// or https://, not {config.base_url!r}")
    return config


def _nav(where: str, value: Any) -> tuple[tuple[str, str], ...]:
    """theme.nav: a list of one-entry mappings, {title: url}, kept in order."""
    if not isinstance(value, list) or not all(
            isinstance(item, dict) and len(item) == 1 and all(isinstance(k, str) and isinstance(v, str) and k.strip()
                                                              and v.strip() for k, v in item.items()) for item in value):
        raise UsageError(f"{where}: theme.nav must be a list of {{title: url}} entries, for example "
                         f"[{{About: about.html}}, {{Newsroom: https://example.org}}]")
    return tuple((title.strip(), url.strip()) for item in value for title, url in item.items())


def load_config(path: Path | None, *, required: bool = False) -> SiteConfig:
    """Read dossier.yml. A missing default file gives the defaults; a missing named file is an error."""
    if path is None:
        path = Path("dossier.yml")
    if not path.exists():
        if required:
            raise UsageError(f"{path}: config file not found")
        return SiteConfig(root=path.parent)
    import yaml  # only when there is a config file: a site without one, already built, never needs it
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise UsageError(f"{path}{line}: invalid YAML: {problem}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read config: {exc}") from None
    return config_from_dict(data, str(path), path.parent)


def language_of(config: SiteConfig) -> Language:
    """The site's language, with the default theme's words and the site's own templates/i18n over them."""
    return _language_of(config.language, str(config.root), config.templates_dir)


@functools.lru_cache(maxsize=16)
def _language_of(code: str, root: str, templates_dir: str) -> Language:
    from .i18n import language
    return language(code, (default_theme(), (Path(root) / templates_dir).resolve()))
