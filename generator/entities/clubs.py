"""A town and the clubs named after it: "Newcastle" is the city in "a flat in Newcastle" and the club in
"Newcastle beat Chelsea". Each article's bare town name is resolved in that article, as a bare surname
is: to the club it names in full or its words say, else it stays the town's."""

from __future__ import annotations

import functools
from collections import defaultdict

from generator.entities.classify import COMPETES, ORGANIZATION, PLACE, used_as_club
from generator.entities.joins import NO_CUES, Names, Topics

from . import gazetteer as gz
from . import lexicon as lex

# The last words of a club's full name: "Newcastle United", "Plymouth Argyle", "Leicester Tigers" is
# known by its cues instead.
CLUB_WORDS = frozenset({"United", "City", "Town", "Rovers", "Athletic", "Wanderers", "Albion", "Hotspur",
                        "Argyle", "Villa", "FC", "County", "Rangers", "Harlequins", "Falcons", "Rhinos",
                        "Tigers", "Saints"})


@functools.lru_cache(maxsize=1 << 16)
def is_town(name: str) -> bool:
    """A one-word place a club may be named after (countries' teams stay their countries)."""
    return " " not in name and (name in gz.small_places() or name in gz.place_names()) and (
        name not in gz.country_names())


def resolve_towns(names: list[str], info: Names) -> None:
    """For each town with clubs named after it, move the articles whose bare town name is a club to that
    club (info.local, info.extra_articles), and leave the town's cues those of the articles it keeps."""
    clubs_of: dict[str, list[str]] = defaultdict(list)
    for name in names:
        words = name.split()
        # "Leicester Tigers beat ...": a name that wins matches is a club too; not "Oxford University".
        if len(words) == 2 and is_town(words[0]) and not gz.is_place(name) and (
                words[1] in CLUB_WORDS or (info.cues.get(name, NO_CUES)[COMPETES]
                                           and words[1] not in lex.ORGANIZATION_WORDS)):
            clubs_of[words[0]].append(name)
    articles = info.articles
    topics = Topics(articles)
    contexts: dict[str, set[str]] = {}
    for town, clubs in sorted(clubs_of.items()):
        per_article = info.town_cues.get(town, {})
        cues = info.cues.get(town, NO_CUES)
        mostly_club = used_as_club(town, [count / max(1, info.counts[town]) for count in cues])
        moved = set()
        for key in sorted(articles.get(town, ())):
            here = per_article.get(key, NO_CUES)
            club_here, place_here = _club_cued(here), here[PLACE] > 0
            if place_here and not club_here:
                continue  # "in Newcastle"
            if not club_here and not mostly_club:
                continue  # a town mostly written as a town stays one where nothing says otherwise
            named = [club for club in clubs if key in articles[club]]
            target = _which_club(key, named or clubs, town, topics, contexts)
            if target is None:
                continue  # two clubs of the town, and nothing says which
            info.local.setdefault(key, {})[town] = target
            info.extra_articles[target].add(key)
            moved.add(key)
        _drop_articles(town, moved, info)
    for town in names:
        if town not in clubs_of and town in info.town_cues and is_town(town):
            _unlink_other_uses(town, info, topics)


def _unlink_other_uses(town: str, info: Names, topics: Topics) -> None:
    """A town no club is named after in full: where an article's words make it a team ("Tottenham v
    Brighton") and the town is mostly a town, or make it a town ("a flat in Fulham") and it is mostly a
    club, that article's bare name stays plain text rather than lend the page an article about the other."""
    per_article = info.town_cues[town]
    cues = info.cues.get(town, NO_CUES)
    mostly_club = used_as_club(town, [count / max(1, info.counts[town]) for count in cues])
    unlinked = set()
    for key in sorted(info.articles.get(town, ())):
        here = per_article.get(key, NO_CUES)
        # Only a match says "club" of a town where a firm's words would not ("London shares fell").
        club_here, place_here = here[COMPETES] > 0, here[PLACE] > 0
        if club_here and not place_here and not mostly_club:
            other_use = _among_teams(key, town, info, topics)
        else:
            other_use = place_here and not _club_cued(here) and mostly_club and not _among_teams(key, town, info, topics)
        if other_use:
            info.local.setdefault(key, {})[town] = None
            unlinked.add(key)
    if len(unlinked) < len(info.articles[town]):  # a town every article calls something else keeps them
        _drop_articles(town, unlinked, info)


def _among_teams(key: str, town: str, info: Names, topics: Topics) -> bool:
    """Whether the article names two other teams, names that win and lose matches across the archive: a
    sports report, where "against Brighton" is the club (and not "a complaint against Brussels"), and
    "confidence in Tottenham" is not the town."""
    teams = 0
    for name in topics.names_in({key}) - {town}:
        cues = info.cues.get(name)
        if cues is not None and cues[COMPETES] * 10 >= max(2, info.counts.get(name, 0)):
            teams += 1
            if teams == 2:
                return True
    return False


def _drop_articles(town: str, moved: set[str], info: Names) -> None:
    """The town's articles, cues and count without those its bare name left."""
    if moved:
        articles, per_article = info.articles, info.town_cues.get(town, {})
        articles[town] -= moved
        kept = [per_article[key] for key in articles[town] if key in per_article]
        info.cues[town] = [sum(counts) for counts in zip(*kept)] if kept else list(NO_CUES)
        info.counts[town] = max(1, round(info.counts[town] * len(articles[town]) / (len(articles[town]) + len(moved))))


def _which_club(key: str, clubs: list[str], town: str, topics: Topics, contexts: dict[str, set[str]]) -> str | None:
    """The one club, or the club whose articles share the most other names with this article
    (Newcastle United's footballers, not Newcastle Falcons' rugby players)."""
    if len(clubs) == 1:
        return clubs[0]
    here = topics.names_in({key}) - {town, *clubs}
    shared = []
    for club in clubs:
        if club not in contexts:
            contexts[club] = topics.names_in(topics.articles[club]) - {town, *clubs}
        shared.append((len(here & contexts[club]), club))
    shared.sort(reverse=True)
    return shared[0][1] if shared[0][0] > shared[1][0] else None


def _club_cued(cues) -> bool:
    return bool(cues[ORGANIZATION] or cues[COMPETES])
