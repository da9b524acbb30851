"""Whether edits to a few articles can change what entity discovery finds across the archive.

Discovery reads every article, then judges each run of capitalised words against the whole
corpus's vocabulary. An edit cannot change that judgement when the runs that matter stay as they
were and no lower-case count crosses a capitalised count some run is compared with. This module
decides that from what the last full build recorded (vocabulary.Consulted).
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable, Mapping

from .discovery import ArticleText, extract_article
from .names import ArticleNames
from .runs import RunNames
from .text import discovery_text
from .vocabulary import Consulted, Vocabulary, crosses_threshold, run_forms, soft_run


class Declined(Exception):
    """The quick path cannot prove the rest of the site unchanged: do the full build."""


def read_names(body: str) -> ArticleNames:
    """What discovery reads from an article's text."""
    return extract_article(ArticleText(key="", title="", text=discovery_text(body)))


def discovery_record(names: ArticleNames, wanted: frozenset[str]) -> tuple:
    """What entity discovery read from one article: its runs of capitalised words with how often each
    occurs (runs that hold nothing at all left out), the sentence-start runs themselves, its acronym
    definitions, its counts of the lower-case words discovery consults, and the words around each
    name that typing reads (cues.context_cues)."""
    occurrences = Counter(names.repeats)
    live = tuple((run.key, 1 + occurrences[run.key]) for run in names.runs if run.pieces or run.capitals or run.pairs)
    soft = {run.key: run for run in names.runs if run.pieces and soft_run(run)}
    acronyms = tuple((names.runs[number].key, acronym) for number, acronym in names.acronyms)
    cues = tuple(sorted(Counter((names.runs[number].key, flags) for number, flags in names.cues).items()))
    return live, soft, acronyms, {word: names.lower[word] for word in wanted.intersection(names.lower)}, cues


def check_discovery(changes: list[tuple[str, tuple, tuple]], looked_up: Consulted) -> tuple[Counter, dict]:
    """The changes to the vocabulary's lower-case counts and to the thresholds, when the edits cannot
    change the entity index; else Declined.

    Runs with a capitalised word away from a sentence start must stay as they were, in order and in
    number. A sentence-start run may come or go when it yields no name before or after the edit. A
    lower-case count may change when it crosses no capitalised count that discovery compares it with.
    """
    deltas: Counter = Counter()
    changed_soft: dict[str, RunNames] = {}
    for path, old, new in changes:
        (old_live, old_soft, old_acronyms, old_lower, old_cues), (new_live, new_soft, new_acronyms, new_lower,
                                                                  new_cues) = old, new
        if [r for r in old_live if r[0] not in old_soft] != [r for r in new_live if r[0] not in new_soft]:
            raise Declined(f"{path}: a run of capitalised words changed")
        if [a for a in old_acronyms if a[0] not in old_soft] != [a for a in new_acronyms if a[0] not in new_soft]:
            raise Declined(f"{path}: an acronym definition changed")
        live = {r[0] for r in old_live} | {r[0] for r in new_live}
        for key in {c[0][0] for c in set(old_cues) ^ set(new_cues)} & live:
            run = old_soft.get(key) or new_soft.get(key)
            if run is None or looked_up.vocabulary.names_in_run(run):
                raise Declined(f"{path}: the words around a name changed, which may change its type")
        before, after = dict(old_live), dict(new_live)
        for key in old_soft.keys() | new_soft.keys():
            if before.get(key) != after.get(key):
                changed_soft[key] = old_soft.get(key) or new_soft[key]
        deltas.update(new_lower)
        deltas.subtract(old_lower)
    vocabulary = looked_up.vocabulary
    lower = Counter(vocabulary.lower)
    for word, delta in deltas.items():
        if delta:
            if crosses_threshold(lower[word], lower[word] + delta, looked_up.thresholds.get(word, ())):
                raise Declined(f"the word {word!r} changes how discovery reads a name")
            lower[word] += delta
    after_edit = Vocabulary(lower=lower, capital=vocabulary.capital, pairs=vocabulary.pairs)
    added: dict[str, set[int]] = {}
    for key, run in sorted(changed_soft.items()):
        if any(word not in looked_up.wanted for word, _ in run_forms(run, vocabulary.capital)):
            raise Declined(f"{run.text!r} is new to discovery")
        if vocabulary.names_in_run(run) or after_edit.names_in_run(run):
            raise Declined(f"{run.text!r} may be a name")
        for word, count in run_forms(run, vocabulary.capital):
            added.setdefault(word, set()).add(count)   # the run is consulted from now on
    return Counter({word: delta for word, delta in deltas.items() if delta}), added


def apply_edits(looked_up: Consulted, lower: Mapping[str, int], thresholds: Mapping[str, Iterable[int]]) -> Consulted:
    """The vocabulary and thresholds after quick edits changed some counts and added some runs."""
    if not lower and not thresholds:
        return looked_up
    vocabulary = looked_up.vocabulary
    counts = Counter(vocabulary.lower)
    counts.update(lower)
    merged = dict(looked_up.thresholds)
    for word, extra in thresholds.items():
        merged[word] = tuple(sorted(set(merged.get(word, ())) | set(extra)))
    return Consulted(Vocabulary(lower=counts, capital=vocabulary.capital, pairs=vocabulary.pairs),
                     looked_up.wanted, merged)
