"""Relations: entity article lists, related articles, co-occurrence and timelines."""

import math
from datetime import date

from generator.entities.relations import (
    RelatedArticle,
    cooccurring_entities,
    entity_articles,
    monthly_timeline,
    related_articles,
)

ARTICLES = {
    "a": ["iran", "russia", "putin"],
    "b": ["iran", "russia"],
    "c": ["putin", "russia"],
    "d": ["chelsea"],
}
DATES = {"a": date(2016, 2, 2), "b": date(2016, 2, 20), "c": None, "d": date(2015, 12, 1)}


def test_entity_articles_are_newest_first_with_undated_last():
    result = entity_articles(ARTICLES, DATES)
    assert result["russia"] == ("b", "a", "c")
    assert result["chelsea"] == ("d",)
    assert list(result) == sorted(result)


def test_related_articles_rank_by_idf_of_shared_entities():
    result = related_articles(ARTICLES, DATES)
    idf = {e: math.log(5 / df) for e, df in {"iran": 2, "russia": 3, "putin": 2}.items()}
    assert [r.key for r in result["a"]] == ["b", "c"]  # same score: the newer article first, then undated
    assert result["a"][0] == RelatedArticle("b", round(idf["iran"] + idf["russia"], 9), ("iran", "russia"))
    assert result["d"] == ()


def test_related_articles_respect_limit_and_break_ties_by_key():
    articles = {f"k{i}": ["x"] for i in range(8)}
    result = related_articles(articles, {}, limit=3)
    assert [r.key for r in result["k0"]] == ["k1", "k2", "k3"]


def test_shared_entities_are_listed_rarest_first():
    articles = {"a": ["common", "rare"], "b": ["common", "rare"], "c": ["common"]}
    assert related_articles(articles, {})["a"][0].shared == ("rare", "common")


def test_cooccurring_entities_count_articles_together():
    result = cooccurring_entities(ARTICLES, limit=1)
    assert result["russia"] == (("iran", 2),)
    assert cooccurring_entities(ARTICLES)["putin"] == (("russia", 2), ("iran", 1))
    assert cooccurring_entities(ARTICLES)["chelsea"] == ()


def test_monthly_timeline_counts_dated_articles_only():
    timeline = monthly_timeline(entity_articles(ARTICLES, DATES), DATES)
    assert timeline["russia"] == (("2016-02", 2),)
    assert timeline["chelsea"] == (("2015-12", 1),)


def test_related_articles_skip_entities_in_most_articles_and_scale():
    articles = {f"a{i:05d}": [f"e{i % 500}", f"e{(i * 7) % 500}", "everywhere"] for i in range(3_000)}
    result = related_articles(articles, {})
    assert len(result) == 3_000 and all(len(items) <= 5 for items in result.values())
    assert all("everywhere" not in item.shared for item in result["a00001"])


def test_an_entity_in_more_articles_than_the_cap_relates_nothing_however_big_the_archive(monkeypatch):
    from generator.entities import relations
    monkeypatch.setattr(relations, "COMMON_MAX", 100)
    # 3,000 articles: "wide" is in 120 of them, under 5% (150) but over the cap; "pair" links two of them.
    articles = {f"a{i:05d}": ["wide"] if i < 120 else [f"own{i}"] for i in range(3_000)}
    articles["a00000"] = ["wide", "pair"]
    articles["a00001"] = ["wide", "pair"]
    result = related_articles(articles, {})
    assert [r.key for r in result["a00000"]] == ["a00001"]
    assert result["a00000"][0].shared == ("pair",)
    assert result["a00005"] == ()


def timeline(counts):
    from generator.content.config import default_theme
    from generator.content.i18n import language
    from generator.render.charts import timeline_html
    return timeline_html(counts, language("en", (default_theme(),)), label="x")


def test_a_timeline_at_the_end_of_the_calendar_pads_backwards():
    html = timeline((("9999-12", 2),))
    assert html.count("<rect") == 1 and "December 9999: 2 articles" in html and "10000" not in html
    assert "January 1: 1 article" in timeline((("0001-01", 1),))


def test_a_timeline_spanning_millennia_stays_small():
    html = timeline((("0001-01", 1), ("9999-12", 1)))
    assert len(html) < 5000 and html.count("<rect") == 2 and "Articles per 200 years" in html


def test_a_timeline_is_monthly_for_three_years_then_by_quarter_then_by_year():
    assert "Articles per month" in timeline((("2000-01", 1), ("2002-12", 1)))
    assert "Articles per quarter" in timeline((("2000-01", 1), ("2012-12", 1)))
    assert "1990: 1 article" in timeline((("1990-01", 1), ("2019-12", 1)))


def test_relations_redone_for_what_an_edit_touches_equal_relations_made_from_scratch():
    """relate() given the last call's relations redoes only what an edit can change (touched_by); for
    random archives and random edits (entities gained and lost, dates moved) the result is the same."""
    import random

    from generator.entities.weave import _relations
    rng = random.Random(7)
    for trial in range(40):
        pool = [f"e{i}" for i in range(rng.randint(3, 30))]
        sets = {f"a{i:03d}": tuple(rng.sample(pool, rng.randint(0, min(6, len(pool))))) for i in range(rng.randint(2, 120))}
        dates = {key: date(2020, 1 + rng.randrange(12), 1 + rng.randrange(28)) if rng.random() < 0.9 else None
                 for key in sets}
        related, cooccurring = _relations(sets, dates, 1, None)
        previous = {"sets": sets, "dates": dates, "related": related, "cooccurring": cooccurring}
        edited, moved = dict(sets), dict(dates)
        for key in rng.sample(sorted(sets), rng.randint(1, 3)):
            if rng.random() < 0.6:
                edited[key] = tuple(rng.sample(pool, rng.randint(0, min(6, len(pool)))))
            else:
                moved[key] = date(2019, 1 + rng.randrange(12), 1)
        assert _relations(edited, moved, 1, previous) == _relations(edited, moved, 1, None), trial
