"""List the shared entities discovered in a corpus of plain-text articles, and score them.

Usage: python bench/eval_entities.py seeds|wikinews|bbc [--top N] [--score]
Reads the corpora from the shared folder beside the repository at run time; prints names, types
and article counts only. With --score it prints the figures against the labelled sets in bench/dev/
instead: for wikinews, precision and recall against the GUM annotations (bench/entity_scores.py);
for bbc, precision, type accuracy and surname links against bbc_entities.tsv and bbc_surnames.tsv.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from entity_scores import fold, score_wikinews  # noqa: E402  (bench/ is on the path)

from generator.entities.discovery import ArticleText, build_entity_index  # noqa: E402
from generator.entities.mentions import MentionMatcher  # noqa: E402
from generator.entities.text import discovery_text, headline_text  # noqa: E402

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
        # What a build's discovery reads: the body's words without interview speaker labels, and the
        # headline when it is in sentence case (generator.entities.weave.article_text).
        headline = headline_text(title)
        body = discovery_text(body.strip())
        body = f"{headline}\n\n{body}" if headline else body
        key = f"{path.parent.name}-{path.stem}" if name == "bbc" else path.stem
        # Wikinews is the publisher of its articles (see the corpus README), as `dossier import
        # --source Wikinews` would record it.
        own = ("Wikinews",) if name == "wikinews" else ()
        articles.append(ArticleText(key=key, title=title.strip(), text=body.strip(), declared=(),
                                    path=str(path.name), declared_line=None, own=own))
    return articles


def discover(articles: list[ArticleText]):
    """The entity index, and for each entity the articles and the (article, surface) of each linked mention."""
    index = build_entity_index(articles, ())
    matcher = MentionMatcher(index.surface_forms, index.local_forms)
    linked: dict[str, set[str]] = {entity.id: set() for entity in index.entities}
    mentions: list[tuple[str, str, str]] = []
    for article in articles:
        text = article.text
        for start, end, entity_id in matcher.find(text, article.key):
            linked[entity_id].add(article.key)
            mentions.append((article.key, text[start:end], entity_id))
    return index, linked, mentions


def _rows(name: str) -> list[dict]:
    with open(Path(__file__).resolve().parent / "dev" / name, encoding="utf-8") as file:
        return list(csv.DictReader(file, delimiter="\t"))


def score_bbc(index, linked, mentions) -> dict:
    """Against bbc_entities.tsv: of the entities whose name or alias is labelled, the share that are real
    names, of those the share with the right type; the share of all entities typed other; and against
    bbc_surnames.tsv, where each bare surname of a labelled article links."""
    labels = {fold(row["name"]): row for row in _rows("bbc_entities.tsv")}
    by_id = index.by_id()
    judged = []
    for entity in index.entities:
        if not linked[entity.id]:
            continue
        label = next((labels[f] for f in (fold(entity.name), *map(fold, entity.aliases)) if f in labels), None)
        if label is not None:
            judged.append((entity, label))
    real = [(e, label) for e, label in judged if label["real"] == "yes"]
    typed = [e for e, label in real if e.type == label["type"]]
    shown = [e for e in index.entities if linked[e.id]]
    wrong, right, plain = [], 0, 0
    bare = {}
    for key, surface, entity_id in mentions:
        bare.setdefault((key, surface.replace("’", "'")), entity_id)
    wrong_into: set[str] = set()
    for row in _rows("bbc_surnames.tsv"):
        entity_id = bare.get((row["article"].replace("/", "-"), row["surname"]))
        if entity_id is None:
            plain += 1
            continue
        entity = by_id[entity_id]
        if fold(row["person"]) in {fold(entity.name), *map(fold, entity.aliases)}:
            right += 1
        else:
            wrong.append(f"{row['article']} {row['surname']}: {row['person']} -> {entity.name}")
            wrong_into.add(entity_id)
    fully = [e for e in typed if e.id not in wrong_into]
    blind = {f"{prefix}_{key}": value for prefix, name in (("blind", "bbc_entities_blind.tsv"),
                                                          ("blind2", "bbc_entities_blind2.tsv"),
                                                          ("blind3", "bbc_entities_blind3.tsv"),
                                                          ("blind4", "bbc_entities_blind4.tsv"),
                                                          ("blind5", "bbc_entities_blind5.tsv"),
                                                          ("blind6", "bbc_entities_blind6.tsv"),
                                                          ("blind7", "bbc_entities_blind7.tsv"),
                                                          ("blind8", "bbc_entities_blind8.tsv"))
             for key, value in _score_blind(index, linked, name).items()}
    return {**blind, "entities": len(shown), "judged": len(judged), "real": len(real) / max(1, len(judged)),
            "type_right": len(typed) / max(1, len(real)), "fully_right": len(fully) / max(1, len(judged)),
            "other_share": sum(e.type == "other" for e in shown) / max(1, len(shown)),
            "surname_rows": right + len(wrong) + plain, "surname_right": right, "surname_wrong": len(wrong),
            "surname_plain": plain, "wrong_links": wrong,
            "mistyped": sorted(f"{e.name}: {e.type}, labelled {label['type']}" for e, label in real
                               if e.type != label["type"]),
            "not_real": sorted(e.name for e, label in judged if label["real"] != "yes")}


def _score_blind(index, linked, name: str) -> dict:
    """Against a random sample of a later build judged whole by reading (bbc_entities_blind*.tsv): of the
    sampled names still found, the share real; of the real ones, the share typed right and the share
    whose articles include none that the judge found to be about something else; and fully right."""
    rows = {fold(row["name"]): row for row in _rows(name)}
    found = [(e, rows[fold(e.name)]) for e in index.entities if linked[e.id] and fold(e.name) in rows]
    real = [(e, row) for e, row in found if row["real"] == "yes"]
    typed = [(e, row) for e, row in real if e.type == row["type"]]

    def unmerged(entity, row) -> bool:
        wrong = {key.strip().replace("/", "-") for key in row["merged"].split(",")} if row["merged"] != "ok" else set()
        return not (wrong & linked[entity.id])

    clean = [e for e, row in real if unmerged(e, row)]
    fully = [e for e, row in typed if unmerged(e, row)]
    n = max(1, len(found))
    return {"found": len(found), "real": len(real) / n, "type_right": len(typed) / max(1, len(real)),
            "merge_right": len(clean) / max(1, len(real)), "fully_right": len(fully) / n}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", choices=sorted(CORPORA))
    parser.add_argument("--top", type=int, default=0)
    parser.add_argument("--score", action="store_true", help="score against the labelled sets in bench/dev")
    parser.add_argument("-v", "--verbose", action="store_true", help="with --score: list the errors too")
    parser.add_argument("--dump", metavar="FILE", help="write every entity with its type, aliases and articles as JSON")
    args = parser.parse_args()
    articles = load_articles(args.corpus)
    started = time.perf_counter()
    index, linked, mentions = discover(articles)
    elapsed = time.perf_counter() - started
    if args.dump:
        rows = [{"name": e.name, "type": e.type, "aliases": list(e.aliases), "articles": sorted(linked[e.id])}
                for e in index.entities if linked[e.id]]
        Path(args.dump).write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    if args.score:
        if args.corpus == "wikinews":
            found = [{"name": e.name, "type": e.type, "aliases": list(e.aliases), "articles": sorted(linked[e.id])}
                     for e in index.entities]
            scores = score_wikinews(found)
        elif args.corpus == "bbc":
            scores = score_bbc(index, linked, mentions)
        else:
            parser.error("--score needs wikinews or bbc")
        for key, value in scores.items():
            if isinstance(value, (list, tuple, set)):
                print(f"{key}: {len(value)}")
                if args.verbose:
                    for item in value:
                        print(f"    {item}")
            else:
                print(f"{key}: {value:.3f}" if isinstance(value, float) else f"{key}: {value}")
        return
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
