"""The corpus-wide step of discovery that reads runs: each distinct run judged once against the vocabulary, and
the accepted names' articles, counts, surfaces, cues and acronyms gathered into Names."""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import chain
from typing import Sequence

from . import gazetteer as gz
from .clubs import is_town
from .cues import AFTER_SHIFT, BEFORE_MASK, CUE_LIST
from .joins import Names, add_cues, person_like
from .model import ArticleText
from .names import ALIAS_MARK, ArticleNames, acronym_fits
from .runs import Candidate, RunNames
from .vocabulary import Consulted, Vocabulary, consulted


def gather_mentions(ordered: Sequence[tuple[ArticleText, ArticleNames]], ignored: set[str], info: Names,
                     acronyms: list[tuple[str, str, str]]) -> tuple[frozenset[str], Consulted]:
    """Fill info with every accepted name's articles, counts and surfaces; returns the corpus's common
    words and what was looked up in the vocabulary.

    Each distinct run is judged once, with the articles and the number of times it occurs.
    """
    vocabulary = Vocabulary()
    runs: dict[str, RunNames] = {}
    articles_of: dict[str, list[str]] = defaultdict(list)
    for article, names in ordered:
        key = article.key
        runs.update(zip(names.keys, names.runs))
        for run_key in names.keys:
            articles_of[run_key].append(key)
    repeats = Counter(chain.from_iterable(names.repeats for _, names in ordered))
    times = {run_key: len(keys) + repeats[run_key] for run_key, keys in articles_of.items()}
    vocabulary.add_runs((run, times[run_key]) for run_key, run in runs.items())
    # Which lower-case counts discovery will compare, and with what: the capitalised counts are final here.
    looked_up = consulted(vocabulary, runs.values())
    for _, names in ordered:
        vocabulary.add_lower(names.lower, looked_up.wanted)
    accepted: dict[str, list[Candidate]] = {run_key: vocabulary.names_in_run(run) for run_key, run in runs.items()}
    total: Counter = Counter()  # how often each candidate name is written, in every run
    for run_key, found in accepted.items():
        for name in found:
            total[name.name] += times[run_key]
    _split_glued(accepted, _keep_phrases_whole(runs, accepted, articles_of, times, total))
    articles, counts, titled, surfaces = info.articles, info.counts, info.titled, info.surfaces
    for run_key, run in runs.items():
        found = accepted[run_key]
        count = times[run_key]
        for name in found:
            if ignored and (name.name.casefold() in ignored or name.surface.casefold() in ignored):
                continue
            articles[name.name].update(articles_of[run_key])
            counts[name.name] = counts.get(name.name, 0) + count
            if name.titled:
                titled[name.name] = titled.get(name.name, 0) + count
            surfaces[name.name].add(name.surface)
    owners = {own.casefold(): own for article, _ in ordered for own in article.own}
    if owners:  # "Wikinews" in a Wikinews article is its publisher, not its subject
        for name in [n for n in articles if n.casefold() in owners]:
            for article, _ in ordered:
                if name.casefold() in {own.casefold() for own in article.own} and article.key in articles[name]:
                    articles[name].discard(article.key)
                    info.local.setdefault(article.key, {})[name] = None
    cues, listed, town_cues = info.cues, info.listed, info.town_cues
    for article, names in ordered:
        for number, flags in names.cues:
            run = names.runs[number]
            found = accepted[run.key]
            if not found:
                continue
            # The words before a run describe its first name (after at most a dropped "The"); the words
            # after it, its last.
            first, last = found[0], found[-1]
            if flags & BEFORE_MASK and first.end - len(first.surface) <= 4:
                add_cues(cues, first.name, flags & BEFORE_MASK)
                if flags & CUE_LIST and len(found) == 1:
                    listed[first.name].add(article.key)
                if is_town(first.name):
                    add_cues(town_cues[first.name], article.key, flags & BEFORE_MASK)
            if flags >> AFTER_SHIFT and last.end >= len(run.text) - 2:
                add_cues(cues, last.name, flags >> AFTER_SHIFT)
                if is_town(last.name):
                    add_cues(town_cues[last.name], article.key, flags >> AFTER_SHIFT)
        for left, right in names.listed_with:
            before, after = accepted[names.runs[left].key], accepted[names.runs[right].key]
            # The last name of the run before and the first of the run after: "... Chris Martin, Dido".
            if (before and after and before[-1].end >= len(names.runs[left].text) - 2
                    and after[0].end - len(after[0].surface) <= 4 and before[-1].name != after[0].name):
                info.listed_with[before[-1].name][after[0].name] += 1
                info.listed_with[after[0].name][before[-1].name] += 1
        for number, acronym in names.acronyms:
            run = names.runs[number]
            found = accepted[run.key]
            if not found or found[-1].end < len(run.text) - 2:
                continue
            if acronym.startswith(ALIAS_MARK):  # "X, also known as Y": the text says they are one
                acronyms.append((acronym[1:], found[-1].name, article.key))
            elif acronym_fits(acronym, found[-1].name):
                acronyms.append((acronym, found[-1].name, article.key))
    return vocabulary.common_words(), looked_up


def _split_glued(accepted: dict[str, list[Candidate]], total: Counter) -> None:
    """ "Universal and Warner Bros": a name joined by "and" whose two halves are each written alone
    elsewhere (twice or more) is two names. "Johnson & Johnson", "Marks & Spencer" and "Serbia and
    Montenegro" stay whole."""
    for run_key, found in accepted.items():
        if any(" and " in name.name or " & " in name.name for name in found):
            accepted[run_key] = [part for name in found for part in _halves(name, total)]


def _halves(name: Candidate, total: Counter) -> list[Candidate]:
    for join in (" and ", " & "):
        left, _, right = name.name.partition(join)
        if (right and left != right and total[left] >= 2 and total[right] >= 2
                and not gz.is_place(name.name.replace(" & ", " and "))):
            surface_left, _, surface_right = name.surface.partition(join)
            start = name.end - len(name.surface)
            return [name._replace(name=left, surface=surface_left, end=start + len(surface_left), lone=False),
                    name._replace(name=right, surface=surface_right, lone=False)]
    return [name]


_PHRASE_JOINS = (" of ", " and ", " & ", " for ", " the ")


def _keep_phrases_whole(runs: dict[str, RunNames], accepted: dict[str, list[Candidate]],
                        articles_of: dict[str, list[str]], times: dict[str, int], total: Counter) -> Counter:
    """ "Maria Full of Grace", "Angels and Demons": a run that joins names with "of" or "and" stays one
    name when the whole phrase recurs and one of its parts is hardly ever written outside it ("Demons").
    "Iran and Russia" stays two names: each is common alone; so do two people or two places.
    `total` is how often each name is written; returns the same counts after the joins."""
    joined = total.copy()
    phrases: dict[str, list[str]] = defaultdict(list)
    for run_key, found in accepted.items():
        if len(found) >= 2:
            text = runs[run_key].text
            first = found[0].end - len(found[0].surface)
            phrase = text[first:found[-1].end]
            if any(join in phrase for join in _PHRASE_JOINS):
                phrases[phrase].append(run_key)
    for phrase, run_keys in phrases.items():
        if len({key for run_key in run_keys for key in articles_of[run_key]}) < 2:
            continue
        inside = sum(times[run_key] for run_key in run_keys)
        found = accepted[run_keys[0]]
        if len(found) != 2 or "'s " in phrase or "’s " in phrase:
            continue  # two names only, not "Green Day's Boulevard of Broken Dreams"
        if any(gz.is_place(n.name) for n in found) or all(person_like(n.name) for n in found):
            continue
        mostly_inside = [inside * 3 >= total[n.name] * 2 for n in found]
        # Joined by "of": one part written only here makes a title ("Maria Full" of Grace). Joined
        # by "and", each part may be a name of its own ("BT and Tiscali"): only single words that
        # are never written apart ("Angels and Demons", "Simon and Garfunkel") make one name.
        if (" of " in phrase or " for " in phrase) and " and " not in phrase and " & " not in phrase:
            if not (mostly_inside[0] or (mostly_inside[1] and not person_like(found[0].name))):
                continue
        elif not all(mostly_inside) or any(" " in n.name or n.name.isupper() or n.name in gz.small_places()
                                           or gz.any_given_name(n.name) for n in found):
            continue  # not "Bethan and Huw", "Dorset and Torbay"
        name = phrase.replace("’", "'")
        for run_key in run_keys:
            pieces = accepted[run_key]
            accepted[run_key] = [Candidate(name, phrase, pieces[-1].end, False, False, False)]
            joined[name] += times[run_key]
            for piece in pieces:
                joined[piece.name] -= times[run_key]
    return joined
