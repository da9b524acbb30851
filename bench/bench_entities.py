"""Time entity discovery and mention linking on 10,000 synthetic articles naming 5,000 entities.

Usage: python bench/bench_entities.py [--articles N] [--entities N] [--words N] [--jobs N]
First times cold discovery as a build runs it (generator.entities.weave: extraction in --jobs worker processes,
default 2, then the corpus-wide merge), before anything has warmed a cache; then each stage alone in
this process: extraction per article, the corpus-wide merge from (pickled) extractions, discovery
whole, and linking. Synthetic text only; nothing is read from disk.
"""

from __future__ import annotations

import argparse
import os
import pickle
import random
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import markdown  # noqa: E402

from generator.content.articles import Article  # noqa: E402
from generator.content.config import EntitiesConfig, MarkdownConfig  # noqa: E402
from generator.core.parallel import run_sharded  # noqa: E402
from generator.entities import gazetteer  # noqa: E402
from generator.entities.discovery import (  # noqa: E402
    ArticleText,
    build_entity_index,
    build_entity_index_from,
    extract_article,
)
from generator.entities.mentions import MentionExtension, MentionMatcher  # noqa: E402
from generator.entities.relations import (  # noqa: E402
    cooccurring_entities,
    entity_articles,
    monthly_timeline,
    related_articles,
)
from generator.entities.weave import extract_all  # noqa: E402
from generator.render.markup import BodyRenderer  # noqa: E402

FILLER = ("the said that with from have been their would which after about other into more some "
          "could than them these only over also back under year years week people government "
          "officials talks meeting policy report plans market prices new first last").split()
SYLLABLES = "ka lo mi ra ven tor bel san dri go mar tel qua ris nov pen".split()


def synthetic_names(count: int, rng: random.Random) -> list[str]:
    names: set[str] = set()
    while len(names) < count:
        words = ["".join(rng.choices(SYLLABLES, k=rng.randint(2, 3))).capitalize()
                 for _ in range(rng.choice((1, 2, 2, 3)))]
        if rng.random() < 0.15:
            words.append(rng.choice(("Agency", "Council", "Group", "University")))
        names.add(" ".join(words))
    return sorted(names)


def synthetic_articles(articles: int, entities: int, words: int, seed: int = 7) -> list[ArticleText]:
    rng = random.Random(seed)
    names = synthetic_names(entities, rng)
    result = []
    for number in range(articles):
        sentences, length = [], 0
        while length < words:
            sentence = rng.choices(FILLER, k=rng.randint(8, 16))
            sentence.insert(rng.randrange(len(sentence)), rng.choice(names))
            if rng.random() < 0.3:
                sentence.insert(rng.randrange(len(sentence)), "President " + rng.choice(names))
            length += len(sentence)
            text = " ".join(sentence)
            sentences.append(text[0].upper() + text[1:] + ".")
        paragraphs = [" ".join(sentences[i:i + 4]) for i in range(0, len(sentences), 4)]
        result.append(ArticleText(key=f"a{number:05d}", title=f"Article {number}", text="\n\n".join(paragraphs)))
    return result


def cold_discovery(articles: list[ArticleText], jobs: int) -> tuple[object, float]:
    """Discovery as generator.entities.weave.index_entities runs it on a cold build: no cache, workers forked."""
    pages = [Article(path=f"{a.key}.md", display_path=f"content/{a.key}.md", slug=a.key, title=a.title,
                     body=a.text, body_line=1) for a in articles]
    config = EntitiesConfig()
    before = os.times()
    with Stopwatch() as load:
        gazetteer.place_names()
    with Stopwatch() as extraction:
        extracted = extract_all(pages, config, None, jobs)
    with Stopwatch() as merge:
        index = build_entity_index_from(extracted, (), discover=config.discover, min_articles=config.min_articles,
                                        ignore=config.ignore)
    after = os.times()
    workers = after.children_user + after.children_system - before.children_user - before.children_system
    wall = load.wall + extraction.wall + merge.wall
    print(f"cold discovery      {wall:6.2f} s wall (jobs={jobs}: gazetteer load {load.wall:.2f}, extraction "
          f"{extraction.wall:.2f}, merge {merge.wall:.2f}; {len(index.entities)} entities)")
    print(f"  cpu               {load.cpu + extraction.cpu + merge.cpu:6.2f} s in this process, {workers:.2f} s in "
          f"the workers; {1000 * wall / len(articles):.2f} ms wall per article")
    return index, wall


def linking_in_workers(articles: list[ArticleText], index, jobs: int) -> float:
    """Wall seconds that linking adds to the build's Markdown stage: the real renderer in `jobs` forked
    workers, once with the mention linker and once without."""
    matcher = MentionMatcher(index.surface_forms)

    def convert_all(link: bool) -> float:
        def shard(number: int, count: int) -> int:
            extra = [MentionExtension(matcher, lambda entity_id: f"../entities/{entity_id}.html")] if link else []
            renderer = BodyRenderer(MarkdownConfig(), extra_extensions=extra)
            for article in articles[number::count]:
                renderer.render(article.text, source_path=f"{article.key}.md", page_url=f"articles/{article.key}.html")
            return 0
        with Stopwatch() as clock:
            run_sharded(shard, jobs, items=len(articles))
        return clock.wall

    plain, linked = convert_all(False), convert_all(True)
    print(f"markdown in workers {plain:6.2f} s wall without linking, {linked:6.2f} s with it (jobs={jobs}): "
          f"linking adds {linked - plain:.2f} s")
    return linked - plain


class Stopwatch:
    """Wall and CPU seconds: on a shared machine the CPU time is the steadier number."""

    def __enter__(self) -> "Stopwatch":
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *_: object) -> None:
        self.wall, self.cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu

    def __str__(self) -> str:
        return f"{self.wall:6.2f} s wall {self.cpu:6.2f} s cpu"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--entities", type=int, default=5_000)
    parser.add_argument("--words", type=int, default=150)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    articles = synthetic_articles(args.articles, args.entities, args.words)
    words = sum(len(a.text.split()) for a in articles)
    print(f"{len(articles)} articles, {words} words")
    # First: later stages warm the gazetteer and the run cache.
    index, discovery = cold_discovery(articles, args.jobs)
    linking = linking_in_workers(articles, index, args.jobs)
    print(f"discovery + linking {discovery + linking:6.2f} s wall on {args.jobs} workers (issue 3: well under 10 s "
          f"at 10,000 articles and 5,000 entities)")

    with Stopwatch() as clock:
        extracted = [(article, extract_article(article)) for article in articles]
    print(f"extraction          {clock}  (per article: cacheable, parallelisable)")
    with Stopwatch() as clock:
        blob = pickle.dumps([names for _, names in extracted], protocol=5)
        cached = pickle.loads(blob)
    print(f"pickle round trip   {clock}  ({len(blob) / 1e6:.1f} MB for every article's extraction)")
    with Stopwatch() as clock:
        index = build_entity_index_from(list(zip(articles, cached)), ())
    print(f"merge               {clock}  ({len(index.entities)} entities, {len(index.surface_forms)} surface forms)")
    with Stopwatch() as clock:
        build_entity_index(articles, ())
    print(f"discovery (both)    {clock}")
    with Stopwatch() as clock:
        matcher = MentionMatcher(index.surface_forms)
    print(f"automaton build     {clock}")
    with Stopwatch() as clock:
        found = {a.key: [entity_id for _, _, entity_id in matcher.find(a.text)] for a in articles}
    print(f"matching plain text {clock}  ({sum(map(len, found.values()))} mentions)")
    dates = {key: date(2016, 1 + number % 12, 1 + number % 28) for number, key in enumerate(sorted(found))}
    with Stopwatch() as clock:
        by_entity = entity_articles(found, dates)
    print(f"entity articles     {clock}")
    with Stopwatch() as clock:
        related_articles(found, dates)
    print(f"related articles    {clock}")
    with Stopwatch() as clock:
        cooccurring_entities(found)
    print(f"co-occurring        {clock}")
    with Stopwatch() as clock:
        monthly_timeline(by_entity, dates)
    print(f"timeline            {clock}")
    extension = MentionExtension(matcher, lambda entity_id: f"/entities/{entity_id}/")
    md = markdown.Markdown(extensions=[extension])
    plain = markdown.Markdown()
    with Stopwatch() as linked:
        for article in articles:
            md.reset().convert(article.text)
    with Stopwatch() as baseline:
        for article in articles:
            plain.reset().convert(article.text)
    print(f"markdown + linking  {linked}  (markdown alone {baseline}; linking adds {linked.cpu - baseline.cpu:.2f} s cpu)")


if __name__ == "__main__":
    main()
