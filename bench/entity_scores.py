"""Score discovered entities against the Wikinews shared-entity gold (bench/dev/wikinews_gold.tsv).

The gold lists the named entities that at least 2 of the 43 Wikinews articles share, from GUM's human
annotations (see bench/dev/WIKINEWS.md). A found entity is
    {"name": str, "type": str, "aliases": list[str], "articles": list[str]}   # articles: file stems
It matches a gold entity when its name or one of its aliases equals one of the gold entity's names
after folding (case, accents, curly quotes, spacing, a leading "the", a trailing "'s") and the two
share at least one article. When it could match several, the one sharing most articles wins.

- precision: among found entities in 2+ articles, the share that match a gold entity (two found
  entities matching the same gold entity both count as correct; `duplicates` counts them);
- recall: the share of gold entities matched by some found entity in 2+ articles;
- type_accuracy: among the matched found entities, the share whose type equals the gold type.

Usage: python bench/entity_scores.py found.json   (a JSON list of found entities as above)
No imports from generator: this judges it.
"""

from __future__ import annotations

import csv
import json
import re
import sys
import unicodedata
from pathlib import Path

GOLD = Path(__file__).resolve().parent / "dev" / "wikinews_gold.tsv"


def fold(name: str) -> str:
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"^the ", "", text)
    text = re.sub(r"'s?$", "", text).strip()
    return text


def load_gold(path: Path = GOLD) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [{"entity": row["entity"], "type": row["type"], "documents": set(row["documents"].split(",")),
             "names": [n for n in row["names"].split("|") if n]} for row in rows]


def score_wikinews(found: list[dict], gold_path: Path = GOLD) -> dict:
    gold = load_gold(gold_path)
    by_name: dict[str, list[int]] = {}
    for index, entity in enumerate(gold):
        for name in entity["names"]:
            by_name.setdefault(fold(name), []).append(index)
    shared = [entity for entity in found if len(set(entity.get("articles", ()))) >= 2]
    matched_gold: dict[int, list[str]] = {}
    false_positives: list[str] = []
    type_pairs: list[tuple[str, str, str]] = []
    for entity in shared:
        articles = set(entity.get("articles", ()))
        candidates: set[int] = set()
        for name in [entity["name"], *entity.get("aliases", ())]:
            candidates.update(by_name.get(fold(name), ()))
        best = max(((len(gold[i]["documents"] & articles), -i) for i in candidates
                    if gold[i]["documents"] & articles), default=None)
        if best is None:
            false_positives.append(entity["name"])
            continue
        index = -best[1]
        matched_gold.setdefault(index, []).append(entity["name"])
        type_pairs.append((entity["name"], entity.get("type", ""), gold[index]["type"]))
    true_positives = len(shared) - len(false_positives)
    typed_right = sum(1 for _, ours, theirs in type_pairs if ours == theirs)
    return {
        "found_shared": len(shared),
        "gold": len(gold),
        "true_positives": true_positives,
        "precision": true_positives / len(shared) if shared else 0.0,
        "recall": len(matched_gold) / len(gold) if gold else 0.0,
        "type_accuracy": typed_right / len(type_pairs) if type_pairs else 0.0,
        "duplicates": sum(len(names) - 1 for names in matched_gold.values()),
        "false_positives": sorted(false_positives, key=str.casefold),
        "missed": [gold[i]["entity"] for i in range(len(gold)) if i not in matched_gold],
        "wrong_types": [f"{name} ({ours}, gold {theirs})" for name, ours, theirs in type_pairs if ours != theirs],
    }


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python bench/entity_scores.py found.json", file=sys.stderr)
        return 2
    scores = score_wikinews(json.loads(Path(argv[1]).read_text(encoding="utf-8")))
    print(f"precision {scores['precision']:.3f} ({scores['true_positives']}/{scores['found_shared']})  "
          f"recall {scores['recall']:.3f} ({scores['gold'] - len(scores['missed'])}/{scores['gold']})  "
          f"type accuracy {scores['type_accuracy']:.3f}  duplicates {scores['duplicates']}")
    for key in ("false_positives", "missed", "wrong_types"):
        print(f"{key} ({len(scores[key])}): " + "; ".join(scores[key]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
