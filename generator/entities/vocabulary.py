"""The corpus decides: how often each word is written lower-case and capitalised (Vocabulary), which of a
run's candidates that accepts, and what the decision looked up (Consulted), for the quick edit path."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Mapping

from . import lexicon as lex
from .runs import Candidate, Piece, RunNames


@dataclass
class Vocabulary:
    """How often each word appears lower-case, and capitalised away from a sentence start."""
    lower: Counter = field(default_factory=Counter)
    capital: Counter = field(default_factory=Counter)
    pairs: Counter = field(default_factory=Counter)   # capitalised word pairs away from a sentence start

    def add_runs(self, runs: Iterable[tuple[RunNames, int]]) -> None:
        """Count each run's words, times how often the run occurs."""
        capital, pairs = self.capital, self.pairs
        count_word, count_pair = capital.get, pairs.get
        for run, times in runs:
            for word in run.capitals:
                capital[word] = count_word(word, 0) + times
            for pair in run.pairs:
                pairs[pair] = count_pair(pair, 0) + times

    def add_lower(self, counts: Mapping[str, int], wanted: set[str]) -> None:
        """Count only the wanted words: the lower-case forms of capitalised ones, all the corpus ever asks about."""
        lower = self.lower
        for word in wanted.intersection(counts):
            lower[word] += counts[word]

    def is_common_word(self, word: str) -> bool:
        lowered = word.lower()
        return lowered in lex.STOP_WORDS or self.lower[lowered] > self.capital[word]

    def common_words(self) -> frozenset[str]:
        """Capitalised words written lower-case at least as often."""
        lower = self.lower
        return frozenset(w for w, n in self.capital.items() if lower[w.lower()] >= n)

    def names_in_run(self, run: RunNames) -> list[Candidate]:
        """The candidates the corpus accepts, each with its name normalised."""
        names = []
        for piece in run.pieces:
            if type(piece) is Piece:
                chosen = piece.kept
                if (self.is_common_word(piece.first)
                        and not (piece.second and self.pairs[piece.first, piece.second] > 0)):
                    chosen = piece.dropped  # "New York" at a sentence start keeps "New": seen together mid-sentence
                elif piece.plain and chosen is not None and chosen.lone and not self.capital[piece.first]:
                    # "Boats stayed in port", a "| Boats |" table header: never capitalised where a name
                    # would have to be, and an everyday word.
                    chosen = piece.dropped
                if chosen is None:
                    continue
            else:
                chosen = piece
            if chosen.lone:
                # A lone word written more often in lower case is an ordinary word ("Internet", "Government").
                word = chosen.surface
                if self.lower[word.lower()] >= max(1, self.capital[word]):
                    continue
            if chosen.shouting:
                chosen = chosen._replace(name=" ".join(self._normalize_word(w) for w in chosen.surface.split()))
            names.append(chosen)
        return names

    def _normalize_word(self, word: str) -> str:
        word = word.replace("’", "'")
        # "TEHRAN" in a dateline is Tehran when the corpus writes it that way elsewhere.
        if len(word) > 3 and word.isupper() and word.isalpha():
            titled = word.title()
            if self.capital[titled] > self.capital[word]:
                return titled
        return word


@dataclass(frozen=True)
class Consulted:
    """What discovery's corpus-wide step looked up in the vocabulary.

    An edit changes the entities only if it changes a run that yields names, or moves a lower-case
    count across the capitalised count of a form some run consults: `thresholds` keeps those counts.
    """
    vocabulary: Vocabulary                          # lower (wanted words only), capital, pairs
    wanted: frozenset[str]                          # every lower-case word whose count is compared
    thresholds: dict[str, tuple[int, ...]]          # lower-case word -> capitalised counts it is compared with


def consulted(vocabulary: Vocabulary, runs: Iterable[RunNames]) -> Consulted:
    """The lower-case words discovery compares, once the capitalised counts are known, and with what:
    the lower-case form of every capitalised word, and the forms each run's pieces ask about."""
    forms: dict[str, set[int]] = {}
    for word, count in vocabulary.capital.items():
        forms.setdefault(word.lower(), set()).add(count)
    for run in runs:
        for word, count in run_forms(run, vocabulary.capital):
            forms.setdefault(word, set()).add(count)
    # Tuples, not sets: the quick edit path loads this on every edit, and tuples unpickle faster.
    return Consulted(vocabulary, frozenset(forms), {word: tuple(sorted(counts)) for word, counts in forms.items()})


def run_forms(run: RunNames, capital: Mapping[str, int]) -> Iterator[tuple[str, int]]:
    """(lower-case word, capitalised count) of each form names_in_run may compare for this run."""
    for piece in run.pieces:
        if type(piece) is Piece:
            yield piece.first.lower(), capital.get(piece.first, 0)
            candidates = (piece.kept, piece.dropped)
        else:
            candidates = (piece,)
        for candidate in candidates:
            if candidate is not None and candidate.lone:
                yield candidate.surface.lower(), capital.get(candidate.surface, 0)


def crosses_threshold(before: int, after: int, thresholds: Iterable[int]) -> bool:
    """Whether a lower-case count moving from `before` to `after` changes any comparison discovery makes."""
    for capital in thresholds:
        if ((before > capital) != (after > capital) or (before >= capital) != (after >= capital)
                or (before >= max(1, capital)) != (after >= max(1, capital))):
            return True
    return False


def soft_run(run: RunNames) -> bool:
    """A run of words only at a sentence start: it adds nothing to the vocabulary's capitalised counts."""
    return not run.capitals and not run.pairs
