"""A name that is the start of a longer one, in no article without it: "Amnesty" where every article
also says "Amnesty International", "Guantanamo" beside "Guantanamo Bay", "Ozzy" beside "Ozzy
Osbourne". It is the longer name written short, and joins it."""

from __future__ import annotations

from bisect import bisect_left

from generator.entities.joins import Components, Names

from . import gazetteer as gz
from . import lexicon as lex


def join_shortenings(names: list[str], info: Names, components: Components) -> None:
    """Join each name to the longer name that starts with it and is in every article it is in. Two
    such longer names that part ways ("La Fenice Theatre", "La Fenice Viotti") say nothing: none is joined."""
    ordered = sorted(names)
    articles = info.articles
    # A name already joined to others ("CPL", the acronym of the Cyberathlete Professional League) is
    # theirs: it does not take them along into a longer name ("CPL World Tour").
    joined = {member for members in components.groups().values() if len(members) > 1 for member in members}
    for name in names:
        seen = articles.get(name)
        if (not seen or len(seen) < 2 or name in joined or name in gz.place_names()
                or name in lex.KNOWN_ORGANIZATIONS):
            continue
        prefix = name + " "
        fitting = []
        at = bisect_left(ordered, prefix)
        while at < len(ordered) and ordered[at].startswith(prefix):
            longer = ordered[at]
            if seen <= articles.get(longer, set()):
                fitting.append(longer)
            at += 1
        # "Amnesty International" and "Amnesty International UK" both fit: the shorter is meant, when
        # every other starts with it.
        fitting.sort(key=len)
        if fitting and all(other.startswith(fitting[0] + " ") for other in fitting[1:]):
            components.union(name, fitting[0])
            info.table_names.add(fitting[0])  # the entity shows its name in full
