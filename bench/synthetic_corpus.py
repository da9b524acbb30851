"""Deterministic synthetic news articles for the site-generator benchmark (bench/bench_sites.py).

Made-up words drawn with Zipf-like frequencies, plus a shared pool of capitalised names (people,
organisations, places) that many articles mention, so entity discovery and cross-linking have
real work to do. Articles average about 400 words, close to the BBC corpus (385).

    from synthetic_corpus import synthetic_articles
    for art in synthetic_articles(10_000): ...

Each article is a SourceArticle (see bench_sites.py): slug, title, category, paragraphs.
The same N and seed always give the same articles.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass

SYLLABLES = ("ka lo mi ra ven tor bel san dri go mar tel qua ris nov pen ab el un der ost "
             "im pa ru fe lin cor vo ste ga").split()
CATEGORIES = ("business", "entertainment", "politics", "sport", "tech")
ORG_WORDS = ("Agency", "Council", "Group", "University", "Party", "Bank", "United", "Corporation")
FILLER = ("the of and to a in that is was for on it with as he said by at from his an be have "
          "has but are not were they which this had its their been would will after about also "
          "more than year one new two last first people government company").split()


@dataclass(frozen=True)
class SyntheticArticle:
    slug: str
    title: str
    category: str
    paragraphs: tuple[str, ...]


def _words(count: int, rng: random.Random, min_syl: int = 1, max_syl: int = 4) -> list[str]:
    seen: set[str] = set(FILLER)
    out: list[str] = []
    while len(out) < count:
        word = "".join(rng.choices(SYLLABLES, k=rng.randint(min_syl, max_syl)))
        if word not in seen:
            seen.add(word)
            out.append(word)
    return out


def _names(count: int, rng: random.Random) -> list[str]:
    names: set[str] = set()
    while len(names) < count:
        parts = ["".join(rng.choices(SYLLABLES, k=rng.randint(2, 3))).capitalize()
                 for _ in range(rng.choice((1, 2, 2, 2, 3)))]
        if rng.random() < 0.2:
            parts.append(rng.choice(ORG_WORDS))
        names.add(" ".join(parts))
    return sorted(names)


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def _zipf_cum_weights(n: int, s: float) -> list[float]:
    return list(itertools.accumulate(1.0 / (rank ** s) for rank in range(1, n + 1)))


def synthetic_articles(count: int, seed: int = 2004, vocabulary: int = 30_000, names: int = 6_000):
    """Yield `count` articles. Vocabulary is Zipf(1.1) over FILLER + made-up words; names are Zipf(0.9)."""
    rng = random.Random(seed)
    vocab = FILLER + _words(vocabulary, rng)
    vocab_cw = _zipf_cum_weights(len(vocab), 1.1)
    pool = _names(names, rng)
    rng.shuffle(pool)
    name_cw = _zipf_cum_weights(len(pool), 0.9)
    width = len(str(count))
    for i in range(count):
        category = CATEGORIES[i % len(CATEGORIES)]
        own = rng.choices(pool, cum_weights=name_cw, k=rng.randint(2, 6))  # the names this story is about
        title_words = rng.choices(vocab[len(FILLER):2000], k=rng.randint(3, 7))
        title = _sentence_case(" ".join([own[0], *title_words]) if rng.random() < 0.5 else
                               " ".join(title_words) + " " + own[0])
        paragraphs = []
        for _ in range(rng.randint(6, 12)):
            sentences = []
            for _ in range(rng.randint(1, 3)):
                words = rng.choices(vocab, cum_weights=vocab_cw, k=rng.randint(12, 26))
                for _ in range(rng.randint(0, 2)):
                    name = rng.choice(own) if rng.random() < 0.7 else rng.choices(pool, cum_weights=name_cw)[0]
                    words.insert(rng.randrange(1, len(words)), name)
                sentences.append(_sentence_case(" ".join(words)) + ".")
            paragraphs.append(" ".join(sentences))
        yield SyntheticArticle(f"syn-{category}-{i:0{width}d}", title, category, tuple(paragraphs))


if __name__ == "__main__":
    import sys
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    total = 0
    for art in synthetic_articles(n):
        total += sum(len(p.split()) for p in art.paragraphs)
        if n <= 3:
            print(art.title, "\n\n" + "\n\n".join(art.paragraphs[:2]), "\n")
    print(f"{n} articles, {total / n:.0f} words each on average", file=sys.stderr)
