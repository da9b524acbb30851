"""`dossier new DIR`: a minimal working site to start from, with the config's keys explained where they are set."""

from __future__ import annotations

from pathlib import Path

from .errors import UsageError

CONFIG = """\
# The site's settings. Every key is optional: delete a line to get its default.
# An unknown key is an error that lists the valid ones.

title: My Archive
description: Articles cross-linked by the people, organisations and places they share.
language: en                 # the theme's words, dates and direction: fr, de, es, fa, ar, pt-BR ...
# base_url: https://example.org/archive/   # where the site is published: canonical links, feeds, sitemap
#                                          # (without it, no sitemap.xml is written)

content_dir: content         # the articles; content/entities/ holds entity files
output_dir: site             # what `dossier build` writes
templates_dir: templates     # your overrides of the default theme's templates (same file names)
static_dir: static           # copied as it is to the site's root

home_articles: 20            # articles on the home page
list_page_size: 50           # articles per page of a tag, source or archive list

markdown:
  extensions: [extra, toc, admonition, sane_lists, smarty]   # Python-Markdown extensions
  extension_configs: {}      # their options, e.g. {toc: {permalink: "¶"}}
  raw_html: true             # HTML in your Markdown runs as written; false shows it as text

search:
  enabled: true              # the Pagefind index; `--no-search` skips it for one build
  pagefind_args: []          # extra Pagefind options, e.g. [--force-language, en]
  shard_pages: 4000          # pages per search shard at most; an edit re-indexes only its shard

entities:
  discover: true             # find people, organisations and places in the text
  min_articles: 2            # a name gets its page when this many articles share it
  ignore: []                 # names that are never entities
  link: first                # link the first mention in each article, or: all

theme:
  logo: ""                   # an image in static/ (logo.svg) or a URL, before the title
  brand_color: ""            # a CSS colour for links, buttons and bars, e.g. "#7a1f5c"
  footer: ""                 # a line of text under every page
  nav: []                    # extra sidebar links, e.g. [{About: about.html}]
  extra_css: []              # your stylesheets in static/ (or URLs), after the theme's
  extra_js: []               # your scripts in static/ (or URLs), deferred
"""

FIRST_ARTICLE = """\
---
title: Harbour Library Opens Its Newspaper Archive
date: 2024-03-01
summary: Forty years of local news can now be read at the Harbour Library.
source: Port Example Gazette
author: Jane Doe
place: Port Example
tags: [Libraries, Local history]
---

The Harbour Library in Port Example opened its newspaper archive to the public on Friday. Mara Quist, the
library's archivist, said the collection holds forty years of the town's news.

"People kept asking for the old papers," Quist said. "Now anyone can read them."

This article is an example: edit it, or delete it and write your own. Every `.md` file in `content/`
is an article; see the [second example](volunteers-index-the-archive.md) for a link between articles.
"""

SECOND_ARTICLE = """\
---
title: Volunteers Index the Archive
date: 2024-04-12
source: Port Example Gazette
author: [Jane Doe, John Roe]
place: Port Example
tags: [Libraries, Volunteers]
---

Twelve volunteers have spent a month reading old papers at the Harbour Library, writing down the names
of the people and places in each story. Mara Quist, who leads the work, hopes to finish by the summer.

Dossier does the same for this site: the names that several articles share, such as Mara Quist and the
Harbour Library, get pages of their own, linked from every article that names them.
"""

ENTITY_FILE = """\
---
name: Mara Quist
type: person                 # person, organization, place or other
aliases: [Quist]             # other names that always mean her
---

Archivist of the Harbour Library. An entity file like this one renames, retypes, merges or describes an
entity that discovery found (`dossier entities` lists them); the file's name is the entity's id, and
this text, in Markdown, is shown on its page.
"""

GITIGNORE = """\
site/
.dossier-cache/
"""

FILES = {
    "dossier.yml": CONFIG,
    "content/harbour-library-opens-its-archive.md": FIRST_ARTICLE,
    "content/volunteers-index-the-archive.md": SECOND_ARTICLE,
    "content/entities/mara-quist.md": ENTITY_FILE,
    ".gitignore": GITIGNORE,
}


def new_site(folder: Path) -> list[Path]:
    """Write the starter site into `folder` (created if need be); refuses to overwrite any file."""
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} exists and is not a folder")
    taken = [name for name in FILES if (folder / name).exists()]
    if taken:
        raise UsageError(f"{folder / taken[0]} already exists; `dossier new` writes only into a new or empty "
                         "folder, and nothing was written")
    written = []
    for name, text in FILES.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
