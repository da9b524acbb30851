"""List the shared entities discovered in a corpus of plain-text articles, for judging by hand.

Usage: python bench/eval_entities.py seeds|wikinews|bbc [--top N]
Reads the corpora from the shared folder beside the repository at run time; prints names, types
and article counts only.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generator.entities import ArticleText, build_entity_index  # noqa: E402
from generator.mentions import MentionMatcher  # noqa: E402

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPORA = {
    "seeds": SHARED / "seeds",
    "wikinews": SHARED / "corpus" / "wikinews-gum",
    "bbc": SHARED / "corpus" / "bbc-news-nc",
}


def load_articles(name: str) -> list[ArticleText]:
    """Headline on line 1, the rest is the body (the Wikinews dateline paragraph stays in the body)."""
    articles = []
    for path in sorted(CORPORA[name].rglob("*.txt")):
        title, _, body = path.read_text(encoding="utf-8").partition("\n")
        key = f"{path.parent.name}-{path.stem}" if name == "bbc" else path.stem
        articles.append(ArticleText(key=key, title=title.strip(), text=body.strip(), declared=(),
                                    path=str(path.name), declared_line=None))
    return articles


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", choices=sorted(CORPORA))
    parser.add_argument("--top", type=int, default=0)
    args = parser.parse_args()
    articles = load_articles(args.corpus)
    started = time.perf_counter()
    index = build_entity_index(articles, ())
    matcher = MentionMatcher(index.surface_forms)
    linked: dict[str, set[str]] = {entity.id: set() for entity in index.entities}
    for article in articles:
        for _, _, entity_id in matcher.find(article.text):
            linked[entity_id].add(article.key)
    elapsed = time.perf_counter() - started
    entities = sorted(index.entities, key=lambda e: (-len(linked[e.id]), e.id))
    if args.top:
        entities = entities[: args.top]
    for entity in entities:
        aliases = ", ".join(entity.aliases[:6])
        print(f"{len(linked[entity.id]):4d}  {entity.type:12s}  {entity.name}" + (f"  [{aliases}]" if aliases else ""))
    types = Counter(entity.type for entity in index.entities)
    print(f"# {len(articles)} articles, {len(index.entities)} entities {dict(types)}, {elapsed:.2f}s",
          file=sys.stderr)


if __name__ == "__main__":
    main()
