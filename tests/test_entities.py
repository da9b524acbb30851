"""Entity discovery, merging, typing and the index: inline strings, plus corpus checks when shared/ is there."""

import pickle
import random
from dataclasses import replace
from pathlib import Path

import pytest

from generator.entities.discovery import (
    ArticleText,
    EntitySpec,
    build_entity_index,
    build_entity_index_from,
    extract_article,
    slugify,
    unused_entity_files,
)
from generator.entities.mentions import MentionMatcher

SHARED = Path(__file__).resolve().parents[2] / "shared"


def article(key, text, declared=(), line=None):
    return ArticleText(key=key, title=key, text=text, declared=tuple(declared), path=f"content/{key}.md",
                       declared_line=line)


def index_of(*texts, **options):
    articles = [article(f"a{i}", text) for i, text in enumerate(texts)]
    return build_entity_index(articles, options.pop("specs", ()), **options)


def named(index):
    return {entity.name: entity for entity in index.entities}


def test_name_in_two_articles_becomes_entity_and_in_one_does_not():
    index = index_of("Talks were held in Moscow on Monday with Nikolay Patrushev.",
                     "The delegation arrived in Moscow late.")
    assert "Moscow" in named(index)
    assert "Nikolay Patrushev" not in named(index)


def test_min_articles_is_respected():
    index = index_of("He went to Moscow.", "She went to Moscow.", min_articles=3)
    assert index.entities == ()


def test_discovery_can_be_switched_off():
    index = index_of("He went to Moscow.", "She went to Moscow.", discover=False)
    assert index.entities == ()


def test_surname_and_titles_merge_into_full_name_and_type_person():
    index = index_of("President Vladimir Putin visited Tehran. Mr. Putin spoke.",
                     "Later, President Putin met Ayatollah Seyed Ali Khamenei in Tehran.",
                     "Ayatollah Khamenei said Putin was welcome.")
    entities = named(index)
    assert entities["Vladimir Putin"].type == "person"
    assert index.surface_forms["Putin"] == entities["Vladimir Putin"].id
    assert "Ali Khamenei" in entities and entities["Ali Khamenei"].type == "person"
    assert not {"President", "President Putin", "Mr", "Ayatollah", "Seyed Ali Khamenei"} & set(entities)


def test_ambiguous_surname_is_not_a_global_alias():
    index = index_of("Gordon Brown spoke. Brown said no.", "Gordon Brown agreed.",
                     "Sarah Brown wrote. Brown said yes.", "Sarah Brown left.")
    assert "Brown" not in index.surface_forms
    assert {"Gordon Brown", "Sarah Brown"} <= set(named(index))


def test_possessives_are_stripped_straight_and_curly():
    index = index_of("Iran's officials met.", "The talks hurt Iran’s economy.")
    assert set(named(index)) == {"Iran"}
    assert named(index)["Iran"].type == "place"


def test_acronym_defined_in_text_merges_with_long_form():
    index = index_of("TEHRAN (FNA)- Fars News Agency (FNA) reported the news.",
                     "The FNA said more later.")
    entity = named(index)["Fars News Agency"]
    assert entity.type == "organization"
    assert "FNA" in entity.aliases and index.surface_forms["FNA"] == entity.id


def test_dotted_and_undotted_abbreviations_merge_with_the_full_name():
    index = index_of("The U.S. said so.", "The US and the UK agreed.", "The United Kingdom and U.K. too.")
    entities = named(index)
    assert {"US", "U.S."} <= set(entities["United States"].aliases)
    assert "UK" in entities["United Kingdom"].aliases
    assert "U.S." not in entities and "US" not in entities


def test_sentence_initial_words_pronouns_weekdays_months_are_not_entities():
    index = index_of("During the talks he spoke. According to him, Tuesday was fine. He left. Last December it rained.",
                     "During Tuesday, he waited. According to aides he left. He came back Last December.")
    assert not {"During", "According", "He", "Tuesday", "Last December", "December", "Last"} & set(named(index))


def test_month_may_is_not_an_entity_but_theresa_may_is():
    index = index_of("In May, Theresa May said no.", "Theresa May spoke in May.", "It rained in May.")
    assert set(named(index)) == {"Theresa May"}
    assert "May" not in index.surface_forms


def test_names_at_sentence_start_are_found():
    index = index_of("Microsoft said profits rose.", "Analysts praised Microsoft.")
    assert "Microsoft" in named(index)


def test_everyday_word_seen_only_at_sentence_and_cell_starts_is_not_a_name():
    index = index_of("The harbour in Portsmouth was quiet on Monday.\n\nDetails\n\nBoats stayed in port.",
                     "Portsmouth agreed.\n\nDetails\n\n| Day | Boats | |-----|-------| | Mon | 3 |")
    assert not {"Boats", "Details", "Day"} & set(named(index))
    assert "Portsmouth" in named(index)


def test_single_word_names_seen_only_at_sentence_starts_are_kept():
    index = index_of("Chelsea won the match. Microsoft said profits rose.", "Chelsea lost. Microsoft said no.")
    assert {"Chelsea", "Microsoft"} <= set(named(index))


def test_demonyms_alone_are_not_entities_but_organisations_with_them_are():
    index = index_of("Russian officials met the Russian Security Council.",
                     "Iranian and Russian diplomats praised the Russian Security Council.")
    entities = named(index)
    assert entities["Russian Security Council"].type == "organization"
    assert not {"Russian", "Iranian"} & set(entities)


def test_organisation_then_name_is_split():
    index = index_of("Secretary of the Russian Security Council Nikolay Patrushev spoke.",
                     "Russian Security Council Secretary Nikolay Patrushev left.")
    assert {"Russian Security Council", "Nikolay Patrushev"} <= set(named(index))


def test_party_label_before_a_person_is_a_name_of_its_own():
    index = index_of("Conservative Michael Howard spoke.", "Tory Michael Howard agreed with the Conservatives.",
                     "Elton John sang.", "Elton John sang again.")
    entities = named(index)
    assert "Michael Howard" in entities and "Conservative Michael Howard" not in index.surface_forms
    assert "Elton John" in entities


def test_party_name_joins_the_short_name_of_the_party():
    index = index_of("The Labour Party met. Voters backed the Conservatives and Labour.",
                     "Labour won. The Conservative Party and a Conservative spokesman disagreed.")
    entities = named(index)
    assert "Labour" in entities["Labour Party"].aliases
    assert {"Conservative", "Conservatives"} <= set(entities["Conservative Party"].aliases)


def test_job_label_before_a_full_name_is_not_part_of_it():
    index = index_of("Quiet, said Harbour Master Ann Lee of the port.", "Later Ann Lee said more.")
    assert named(index)["Ann Lee"].type == "person"
    assert "Harbour Master Ann Lee" not in named(index)


def test_and_joins_only_inside_an_organisation_name():
    index = index_of("The Securities and Exchange Commission met Iran and Russia.",
                     "The Securities and Exchange Commission fined Iran and Russia.",
                     "Arsenal and Manchester United drew.", "Arsenal and Manchester United won.",
                     "Arsenal and Manchester United lost.")
    assert {"Securities and Exchange Commission", "Iran", "Russia", "Arsenal", "Manchester United"} <= set(named(index))
    assert not {"Iran and Russia", "Arsenal and Manchester United"} & set(named(index))


def test_place_names_come_from_the_gazetteer():
    index = index_of("Floods hit Dhaka and Texas.", "Dhaka and Texas recovered.")
    assert named(index)["Dhaka"].type == "place" and named(index)["Texas"].type == "place"


def test_non_latin_names_get_a_stable_id():
    index = index_of("Встреча: Владимир Путин приехал.", "Потом уехал Владимир Путин.")
    entity = named(index)["Владимир Путин"]
    assert entity.id == "владимир-путин"
    assert slugify("Zürich Café") == "zurich-cafe"
    assert slugify("東京") == "東京"


@pytest.mark.parametrize("text, slug", [
    ("Straße in Köln", "strasse-in-koln"), ("Ærøskøbing", "aeroskobing"), ("Łódź", "lodz"),
    ("Tehran تهران", "tehran-تهران"), ("AT&T", "at-and-t"), ("snake_case  title", "snake-case-title"),
])
def test_slugs_keep_every_letter(text, slug):
    from generator.content import urls
    assert urls.slugify(text) == slug == slugify(text)


def test_entity_file_wins_over_discovery_and_absorbs_aliases():
    spec = EntitySpec(id="putin", name="Vladimir Vladimirovich Putin", type="person", aliases=("Vladimir Putin",),
                      same_as=("https://www.wikidata.org/wiki/Q7747",), description="Russian president.",
                      path="content/entities/putin.md")
    index = index_of("Vladimir Putin spoke.", "Putin spoke again.", "Vladimir Putin left.", specs=[spec])
    entities = index.by_id()
    assert entities["putin"].name == "Vladimir Vladimirovich Putin"
    assert entities["putin"].path == "content/entities/putin.md"
    assert index.surface_forms["Vladimir Putin"] == "putin" and index.surface_forms["Putin"] == "putin"
    assert len(index.entities) == 1


def test_conflicting_aliases_in_entity_files_are_reported():
    specs = [EntitySpec("a", "Alpha Corp", "organization", ("AC",), (), "", "content/entities/a.md"),
             EntitySpec("b", "Beta Corp", "organization", ("AC",), (), "", "content/entities/b.md")]
    index = build_entity_index([], specs)
    assert [p.kind for p in index.problems] == ["alias-conflict"]
    assert index.problems[0].path == "content/entities/b.md"


def test_declared_names_resolve_case_insensitively_and_unknown_ones_warn():
    articles = [article("a1", "Talks in Moscow."), article("a2", "More in Moscow.", ["moscow", "Atlantis Group"], 4)]
    index = build_entity_index(articles, ())
    moscow = named(index)["Moscow"].id
    atlantis = named(index)["Atlantis Group"]
    assert index.declared["a2"] == (moscow, atlantis.id)
    assert atlantis.type == "organization"
    [problem] = index.problems
    assert (problem.kind, problem.path, problem.line) == ("unmatched-name", "content/a2.md", 4)
    assert "Atlantis Group" in problem.message


def test_ignored_names_never_become_entities():
    index = index_of("Wikinews met Moscow.", "Wikinews saw Moscow.", ignore=["wikinews"])
    assert set(named(index)) == {"Moscow"}


def test_unused_entity_files_are_reported_after_linking():
    spec = EntitySpec("zed", "Zed Alley", "place", (), (), "", "content/entities/zed.md")
    index = build_entity_index([article("a", "Nothing here.")], [spec])
    assert [p.kind for p in unused_entity_files(index, set())] == ["unused-entity-file"]
    assert unused_entity_files(index, {"zed"}) == []


def test_ids_are_unique_and_everything_is_sorted_and_deterministic():
    texts = ("Paris and PARIS-based Paris Group met.", "Paris Group and Paris again.")
    first, second = index_of(*texts), index_of(*reversed(texts))
    ids = [entity.id for entity in first.entities]
    assert ids == sorted(set(ids))
    assert [e.name for e in first.entities] == [e.name for e in second.entities]


def _corpus(folder):
    if not folder.is_dir():
        pytest.skip(f"corpus not available: {folder} (the shared folder sits beside the repository)")
    articles = []
    for path in sorted(folder.rglob("*.txt")):
        title, _, body = path.read_text(encoding="utf-8").partition("\n")
        articles.append(article(f"{path.parent.name}-{path.stem}", body.strip()))
    return articles


def _linked(articles, index):
    matcher = MentionMatcher(index.surface_forms)
    linked = {}
    for item in articles:
        for _, _, entity_id in matcher.find(item.text):
            linked.setdefault(entity_id, set()).add(item.key)
    return linked


def test_seed_articles_link_the_required_entities_in_both_articles():
    articles = _corpus(SHARED / "seeds")
    index = build_entity_index(articles, ())
    linked = _linked(articles, index)
    entities = named(index)
    for name in ("Iran", "Russia", "Tehran", "Moscow", "Vladimir Putin", "Ali Khamenei", "United States"):
        assert len(linked[entities[name].id]) == 2, name
    putin = entities["Vladimir Putin"].id
    assert index.surface_forms["Putin"] == putin
    assert not {"During", "According", "He", "Tuesday", "Last December", "President Putin"} & set(entities)


def test_wikinews_shared_entities_include_the_obvious_and_no_junk():
    articles = _corpus(SHARED / "corpus" / "wikinews-gum")
    entities = named(build_entity_index(articles, ()))
    for name, kind in (("United States", "place"), ("New York", "place"), ("Wikinews", "organization"),
                       ("Barack Obama", "person"), ("United Kingdom", "place")):
        assert entities[name].type == kind, name
    assert not {"I'm", "The", "But", "However", "Internet", "State", "Mr", "He", "She"} & set(entities)


# --- the incremental path: per-article extraction, then the corpus-wide merge -------------------

def _synthetic_corpus(count=300, seed=3):
    rng = random.Random(seed)
    syllables = "ka lo mi ra ven tor bel san dri go mar tel".split()
    names = sorted({" ".join("".join(rng.choices(syllables, k=2)).capitalize() for _ in range(rng.choice((1, 2, 3))))
                    + rng.choice(("", "", " Agency", " Group")) for _ in range(120)})
    filler = "the said that with from have been their would which after about officials talks report".split()
    articles = []
    for number in range(count):
        sentences = []
        for _ in range(8):
            words = rng.choices(filler, k=10)
            words.insert(rng.randrange(len(words)), rng.choice(names))
            if rng.random() < 0.3:
                words.insert(rng.randrange(len(words)), "President " + rng.choice(names))
            sentence = " ".join(words)
            sentences.append(sentence[0].upper() + sentence[1:] + ".")
        articles.append(article(f"s{number:04d}", " ".join(sentences)))
    return articles


def _cached_extractions(articles):
    """Extract each article alone, then read the results back as a build cache would."""
    return pickle.loads(pickle.dumps([(item, extract_article(item)) for item in articles]))


@pytest.mark.parametrize("corpus", ["seeds", "wikinews", "synthetic"])
def test_index_from_cached_extractions_equals_a_full_build(corpus):
    if corpus == "synthetic":
        articles = _synthetic_corpus()
    else:
        articles = _corpus(SHARED / "seeds" if corpus == "seeds" else SHARED / "corpus" / "wikinews-gum")
    assert build_entity_index_from(_cached_extractions(articles), ()) == build_entity_index(articles, ())


def test_editing_one_article_needs_only_that_article_extracted_again():
    articles = _synthetic_corpus(120)
    extracted = dict((item.key, names) for item, names in _cached_extractions(articles))
    edited = replace(articles[7], text="Talks with Zorbel Kamira ended. " + articles[7].text)
    articles[7] = edited
    extracted[edited.key] = extract_article(edited)
    incremental = build_entity_index_from([(item, extracted[item.key]) for item in articles], ())
    assert incremental == build_entity_index(articles, ())


def test_extraction_depends_only_on_the_text():
    one = article("a1", "President Vladimir Putin met the Fars News Agency (FNA) in Tehran.")
    other = ArticleText(key="zz", title="Another title", text=one.text, declared=("Iran",), path="x.md")
    assert extract_article(one) == extract_article(other)
    assert pickle.loads(pickle.dumps(extract_article(one))) == extract_article(one)


def test_index_from_extractions_honours_the_options():
    extracted = _cached_extractions([article("a", "He went to Moscow."), article("b", "She went to Moscow.")])
    assert [e.name for e in build_entity_index_from(extracted, ()).entities] == ["Moscow"]
    assert build_entity_index_from(extracted, (), min_articles=3).entities == ()
    assert build_entity_index_from(extracted, (), discover=False).entities == ()
    assert build_entity_index_from(extracted, (), ignore=["moscow"]).entities == ()
