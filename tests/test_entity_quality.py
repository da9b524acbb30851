"""Entities a reader can trust: surnames resolved per article, types from evidence, whole names, variants
the text ties, what is not content, and curation with entity files. Inline strings, plus corpus checks
when the shared corpora are there."""

from pathlib import Path

import pytest

from generator.entities.discovery import ArticleText, EntitySpec, build_entity_index
from generator.entities.mentions import MentionMatcher
from generator.entities.suggest import suggest
from generator.entities.text import discovery_text, headline_text

SHARED = Path(__file__).resolve().parents[2] / "shared"
BBC = SHARED / "corpus" / "bbc-news-nc"


def index_of(*texts, specs=(), own=()):
    articles = [ArticleText(key=f"a{i}", title="", text=text, own=tuple(own)) for i, text in enumerate(texts)]
    return articles, build_entity_index(articles, specs)


def named(index):
    return {entity.name: entity for entity in index.entities}


def links(index, articles):
    """article key -> [(text, entity name)] of every linked mention."""
    matcher = MentionMatcher(index.surface_forms, index.local_forms)
    names = {e.id: e.name for e in index.entities}
    return {a.key: [(a.text[s:e], names[i]) for s, e, i in matcher.find(a.text, a.key)] for a in articles}


# --- 1. a mention is resolved in its own article first --------------------------------------

def test_bare_surname_means_the_person_its_article_names_in_full():
    articles, index = index_of(
        "Paula Radcliffe won the marathon. Radcliffe said she was tired.",
        "Daniel Radcliffe starred in the film. Radcliffe said he was happy.",
        "Paula Radcliffe ran again, and Radcliffe won.",
        "Daniel Radcliffe was seen in London. Mr Radcliffe smiled.",
        "Radcliffe was not there, said the report.")
    found = links(index, articles)
    assert ("Radcliffe", "Paula Radcliffe") in found["a0"]
    assert ("Radcliffe", "Daniel Radcliffe") in found["a1"]
    assert ("Radcliffe", "Daniel Radcliffe") in found["a3"]
    assert found["a4"] == []  # two people carry the surname and the article names neither


def test_surname_of_one_person_archive_wide_links_everywhere():
    articles, index = index_of("Gordon Brown spoke in London.", "Gordon Brown said more.",
                               "Mr Brown was not available.")
    assert ("Brown", "Gordon Brown") in links(index, articles)["a2"]


def test_a_full_name_without_a_known_given_name_still_contradicts():
    # Ozzy is in no given-name list, but "Ozzy Osbourne" is a second Osbourne all the same.
    articles, index = index_of("Kelly Osbourne sang. Osbourne smiled.", "Kelly Osbourne danced.",
                               "Ozzy Osbourne, 56, said he would tour. Osbourne added more dates.",
                               "Ozzy Osbourne toured.")
    found = links(index, articles)
    assert ("Osbourne", "Ozzy Osbourne") in found["a2"]
    assert ("Osbourne", "Kelly Osbourne") in found["a0"]
    assert "Osbourne" not in named(index)["Kelly Osbourne"].aliases


def test_two_full_names_sharing_initials_are_not_merged():
    _, index = index_of("George H. W. Bush spoke.", "George W. Bush replied.", "George H. W. Bush again.",
                        "George W. Bush again.")
    assert {"George H. W. Bush", "George W. Bush"} <= set(named(index))


def test_apostrophe_names_and_initials_are_one_person():
    articles, index = index_of("Brian O'Driscoll scored. O'Driscoll, 26, said he was happy.",
                               "Brian O'Driscoll led. Ireland: G Murphy, B O'Driscoll, S Horgan.",
                               "Brian O'Driscoll was injured.",
                               "O'Driscoll is back.")
    person = named(index)["Brian O'Driscoll"]
    assert person.type == "person"
    assert "B O'Driscoll" in person.aliases
    assert ("O'Driscoll", "Brian O'Driscoll") in links(index, articles)["a3"]


# --- 2. types from evidence -----------------------------------------------------------------

@pytest.mark.parametrize("texts, name, kind", [
    (("Lleyton Hewitt, 23, lost.", "He beat Lleyton Hewitt in Sydney."), "Lleyton Hewitt", "person"),
    (("Haile Gebrselassie said he would run.", "Haile Gebrselassie said he was fit."), "Haile Gebrselassie", "person"),
    (("Shares in Yukos fell.", "Yukos shares rose again."), "Yukos", "organization"),
    (("The oil firm Rosneft bought it.", "Rosneft said profits rose."), "Rosneft", "organization"),
    (("Fans of the club met in Woolwich.", "He lives in Woolwich now."), "Woolwich", "place"),
    (("He met Svetlana Kuznetsova.", "Svetlana Kuznetsova won."), "Svetlana Kuznetsova", "person"),
    (("They saw the film Million Dollar Baby.", "It beat the film Million Dollar Baby."), "Million Dollar Baby",
     "other"),
    (("He played in the Australian Open.", "She won the Australian Open."), "Australian Open", "other"),
    (("The Prisoner Of Azkaban opened.", "He liked Prisoner Of Azkaban."), "Prisoner Of Azkaban", "other"),
    (("Ministers in Buckinghamshire agreed.", "Buckinghamshire voted."), "Buckinghamshire", "place"),
    # Made-up names, so that only the words around them can tell.
    (("The billionaire Varo Quendel bought it.", "They met Varo Quendel."), "Varo Quendel", "person"),
    (("It starred in Glass Orchard by Mira Tonks.", "We saw Glass Orchard by Mira Tonks."), "Glass Orchard", "other"),
    (("The Trelvan index fell 2%.", "The Trelvan index rose."), "Trelvan", "other"),
    (("Flights left Quarnby airport.", "Delays hit Quarnby airport."), "Quarnby", "place"),
    (("Firms in Western Europe grew.", "Sales in Western Europe fell."), "Western Europe", "place"),
    (("They met Tate Britain staff.", "He works at Tate Britain."), "Tate Britain", "organization"),
    (("He joined from Ozwell Park.", "They lost at Ozwell Park."), "Ozwell Park", "place"),
    (("They are bottom of League Two.", "He left League Two sides."), "League Two", "other"),
    (("He ran the Trevi Tour.", "The Trevi Tour sold out."), "Trevi Tour", "other"),
    (("It sold copies of Zanthor.", "The sequel to Zanthor is out."), "Zanthor", "other"),
    # What a list is said to be is what each of its members is.
    (("Arcade classics such as Quorble, Vantix and Dremmo Run are gone.", "Films including Dremmo Run and Lotha."),
     "Dremmo Run", "other"),
    (("It sold QuorTek, Trannel and other banks.", "Firms such as Amvo and QuorTek lost."), "QuorTek",
     "organization"),
    (("Towns such as Harrowdene and Pellick voted.", "Pellick, Harrowdene and other towns agreed."), "Harrowdene",
     "place"),
    # A name set off by commas after a noun; nominated for; in a chart; on sale; a festival.
    (("Her last album, Oroku Kessel, sold well.", "She sang from Oroku Kessel."), "Oroku Kessel", "other"),
    (("Mira Tonks was nominated for Vantrel.", "Vantrel won praise."), "Vantrel", "other"),
    (("Then came Zubrak at number 12.", "Zubrak fell away."), "Zubrak", "other"),
    (("The Quibbix goes on sale in May.", "Buyers queued for Quibbix."), "Quibbix", "other"),
    (("Tickets for the Trelloway festival sold out.", "Trelloway drew crowds."), "Trelloway", "other"),
    # A numbered model or sequel, and an acronym in the plural, are things, not organisations; a
    # king's numeral is not.
    (("The Zorvik III phone went out.", "Zorvik III was cheap."), "Zorvik III", "other"),
    (("Pupils sat their QXTs again.", "QXTs results rose."), "QXTs", "other"),
    (("King Henry VIII spoke.", "Henry VIII said he would wed."), "Henry VIII", "person"),
    # Mostly written as a work: more than an organisation word in it, or a town of its name, says.
    (("The album Brass Lantern Company sold.", "His album, Brass Lantern Company, won."), "Brass Lantern Company",
     "other"),
    (("She starred in Lagos.", "They saw the film Lagos.", "The film Lagos opened."), "Lagos", "other"),
    # A conference is a meeting.
    (("He spoke at the Lamp Makers Conference.", "The Lamp Makers Conference opened."), "Lamp Makers Conference",
     "other"),
    # One country of two joined.
    (("Serbia & Montenegro drew.", "Fans of Serbia & Montenegro sang."), "Serbia & Montenegro", "place"),
    # Someone who speaks, whose last name the same articles use alone.
    (("Phillips Ebuka said it hurt. Ebuka was third.", "Phillips Ebuka told us more. Ebuka won."),
     "Phillips Ebuka", "person"),
    # "a version of Dalvex's drug" is about the drug, not Dalvex.
    (("A version of Dalvex's drug was banned.", "A version of Dalvex's pill, not Dalvex.", "Dalvex was fined."),
     "Dalvex", "organization"),
    # Not every list: "places such as" heads shops as well as towns, and "names" anything.
    (("Hotspots are in places such as Brimlow Stores, hotels and stations.", "Brimlow Stores shares fell."),
     "Brimlow Stores", "organization"),
])
def test_types_come_from_the_words_around_every_mention(texts, name, kind):
    _, index = index_of(*texts)
    assert named(index)[name].type == kind


def test_a_place_name_used_as_a_club_is_the_club():
    _, index = index_of("Leicester boss Rob Kelly said so.", "Leicester fans sang.", "Leicester manager Rob Kelly.",
                        "He joined Leicester.")
    assert named(index)["Leicester"].type == "organization"
    # A town too small for the main gazetteer, known from fixtures alone.
    _, index = index_of("Watford v Fulham", "They drew against Fulham on Sunday.", "A game against Fulham.")
    assert named(index)["Fulham"].type == "organization"


def test_a_towns_bare_name_is_its_club_where_the_words_say_so_and_the_town_elsewhere():
    articles, index = index_of(
        "Newcastle United signed Alan Shearer. Newcastle fans cheered.",        # the club named in full
        "Newcastle beat Chelsea. Alan Shearer scored.",                         # a club cue
        "Newcastle boss Graeme Souness praised Alan Shearer.",                  # and its people, not the Falcons'
        "Newcastle United sacked Graeme Souness.",
        "Newcastle Falcons lost. Jonny Wilkinson kicked well, but Newcastle beat nobody.",
        "Jonny Wilkinson left Newcastle Falcons.",
        "A new bridge opened in Newcastle.", "House prices rose in Newcastle and Leeds.",
        "Leeds and Newcastle councils met.", "Jonny Wilkinson joined Newcastle Falcons.",
        # An archive is larger than this: names in many of its articles say nothing about a topic.
        *(f"Officials met in Arden{a}{b}." for a in "bcdfghjklmnprstv" for b in "aeiou"))
    found = links(index, articles)
    assert ("Newcastle", "Newcastle United") in found["a1"]
    assert ("Newcastle", "Newcastle United") in found["a2"]
    assert ("Newcastle", "Newcastle Falcons") in found["a4"]
    town = named(index)["Newcastle"]
    assert town.type == "place"
    pages = {e.name: {a.key for a in articles if any(n == e.name for _, n in found[a.key])} for e in index.entities}
    assert pages["Newcastle"] == {"a6", "a7", "a8"}


def test_acronyms_of_common_nouns_and_their_plurals_are_no_names():
    _, index = index_of("Police took DNA samples and checked HDTVs.", "The DNA test and the HDTVs failed.",
                        "Olympic champions met.", "An Olympic record fell.")
    assert not {"DNA", "HDTVs", "HDTV", "Olympic"} & set(named(index))


# --- 3. boundaries --------------------------------------------------------------------------

def test_hyphens_particles_ampersands_and_of_phrases_stay_in_names():
    _, index = index_of(
        "Robert Kilroy-Silk met Bashar al-Assad at AT&T and the Department of Trade and Industry.",
        "Robert Kilroy-Silk, Bashar al-Assad, AT&T and the Department of Trade and Industry again.",
        "AT&T and Bashar al-Assad once more.")
    assert {"Robert Kilroy-Silk", "Bashar al-Assad", "AT&T", "Department of Trade and Industry"} <= set(named(index))
    assert not {"Kilroy", "Assad", "AT", "Industry"} & set(named(index))


def test_a_title_never_eats_a_common_word_and_emphasis_is_no_acronym():
    _, index = index_of("The General Election is near. It is AND will be ANY day.",
                        "After the General Election he said the election was AND is over.",
                        "An election and any election.", "Election day, an election.")
    assert not {"Election", "AND", "ANY"} & set(named(index))


def test_acronym_spelt_out_in_lower_case_is_a_common_noun():
    _, index = index_of("Prices of liquefied natural gas (LNG) rose.", "LNG tankers sailed.")
    assert "LNG" not in named(index)


# --- 4. variants and look-alikes ------------------------------------------------------------

def test_variants_the_text_ties_are_one_entity():
    _, index = index_of(
        "The Liberal Democrats and the Lib Dems met in Zürich. The House of Commons voted; the Commons agreed.",
        "Lib Dems said so in Zurich. Commons votes. The Church of Scientology, or Scientology, replied.",
        "The Liberal Democrats said so. House of Commons. Church of Scientology. Scientology too.",
        "Prince Rogers Nelson, also known as Purple One, sang.", "Purple One sang again.")
    def entity(form):
        return next(e for e in index.entities if form in (e.name, *e.aliases))
    assert entity("Commons") == entity("House of Commons")
    assert entity("Scientology") == entity("Church of Scientology")
    assert entity("Zürich") == entity("Zurich")
    assert entity("Lib Dems") == entity("Liberal Democrats")
    assert entity("Purple One") == entity("Rogers Nelson")  # the title "Prince" is read as one


def test_an_undefined_acronym_joins_a_long_form_only_where_both_appear():
    _, index = index_of("NEC unveiled a laptop.", "NEC shares rose.",
                        "The National Executive Committee met.", "The National Executive Committee voted.")
    assert {"NEC", "National Executive Committee"} <= set(named(index))


@pytest.mark.parametrize("texts, alias, full", [
    # a nickname that is a title links only beside the full name
    (("The blogger Jane Holloway, also known as Queen, was sacked. Holloway said Queen would write on.",
      "Jane Holloway wrote again about her airline.",
      "The Queen opened the bridge. The Queen smiled at the crowd.", "The Queen visited Cardiff."),
     "Queen", "Jane Holloway"),
    # an undefined acronym stays plain where its article shares nothing with the long form's
    (("The Child Welfare Agency cut staff, and the CWA chief Tom Harbin quit.",
      "The Child Welfare Agency praised Tom Harbin.",
      "The CWA, a sports tribunal, banned Sam Quell.", "Sam Quell appealed to the CWA."),
     "CWA", "Child Welfare Agency"),
])
def test_an_alias_the_text_teaches_links_only_where_it_is_about_the_long_form(texts, alias, full):
    articles, index = index_of(*texts)
    found = links(index, articles)
    assert (alias, full) in found["a0"]
    assert all(name != full for key in ("a2", "a3") for _, name in found[key])


def test_an_acronym_with_two_long_forms_means_in_each_article_the_one_it_spells_out():
    articles, index = index_of(
        "The Building Trades Association (BTA) warned of delays. The BTA said costs rose.",
        "The Building Trades Association met in Leeds.",
        "The Business Travel Alliance (BTA) said fares rose. The BTA wants cuts.",
        "The Business Travel Alliance met in Paris.")
    found = links(index, articles)
    assert ("BTA", "Building Trades Association") in found["a0"]
    assert ("BTA", "Business Travel Alliance") in found["a2"]
    assert ("BTA", "Building Trades Association") not in found["a2"]



def test_a_plural_and_its_singular_join_only_when_some_article_uses_both():
    _, index = index_of("The band Doves played in Leeds.", "Doves released an album in Leeds.",
                        "Dove soap sales rose for Unilever.", "Dove launched a range for Unilever.",
                        "Dove soap is sold by Unilever.",
                        "The Liberal Democrats met. A Liberal Democrat spoke.", "The Liberal Democrats won.")
    entities = named(index)
    assert {"Dove", "Doves"} <= set(entities)
    assert "Liberal Democrat" in entities["Liberal Democrats"].aliases


# --- 5. not content -------------------------------------------------------------------------

def test_the_articles_own_publisher_and_speaker_labels_are_not_its_names():
    body = discovery_text("Wikinews: How did you start?\n\nJane Roe: In Ohio.\n\nWikinews: And then?\n\n"
                          "Jane Roe: In Texas.\n\nImage: Nick Moreau.")
    assert "Wikinews" not in body and "Nick Moreau" not in body and "Jane Roe" not in body
    articles, index = index_of("Wikinews spoke to Jane Roe in Ohio.", "Wikinews met Jane Roe in Ohio.",
                               own=("Wikinews",))
    assert "Wikinews" not in named(index)
    assert all("Wikinews" not in [t for t, _ in found] for found in links(index, articles).values())


def test_headlines_in_sentence_case_are_read_and_title_case_ones_are_not():
    assert headline_text("Ad sales boost Time Warner profit") == "Ad sales boost Time Warner profit"
    assert headline_text("Iran, Russia Tightening Security Cooperation") == ""


# --- 6. curation ----------------------------------------------------------------------------

def test_entity_file_weak_alias_links_only_beside_the_full_name():
    spec = EntitySpec("gordon-brown", "Gordon Brown", "person", (), (), "", "entities/gordon-brown.md",
                      weak_aliases=("Brown",))
    articles, index = index_of("Gordon Brown spoke. Brown said more.", "Brown was seen in town.",
                               "Gordon Brown again.", specs=[spec])
    found = links(index, articles)
    assert ("Brown", "Gordon Brown") in found["a0"]
    assert found["a1"] == []


def test_entity_file_only_with_splits_one_name_in_two():
    spec = EntitySpec("democratic-party-hong-kong", "Democratic Party (Hong Kong)", "organization",
                      ("Democratic Party",), (), "", "entities/democratic-party-hong-kong.md", only_with=("Hong Kong",))
    articles, index = index_of("The Democratic Party won in Hong Kong.", "The Democratic Party lost in Ohio.",
                               "The Democratic Party gained in Ohio.", "Hong Kong and its Democratic Party.",
                               specs=[spec])
    found = links(index, articles)
    assert ("Democratic Party", "Democratic Party (Hong Kong)") in found["a0"]
    assert ("Democratic Party", "Democratic Party") in found["a1"]


def test_suggest_names_merges_and_splits_with_evidence_and_a_file():
    articles, index = index_of(
        "The Financial Times (a paper) and the FT agreed.", "The FT and the Financial Times.", "The FT again.",
        "The Financial Times again.", "The Financial Times once more.",
        "The Labor Party won in Sydney.", "The Labor Party lost in Sydney.",
        "The Labor Party met in Chicago.", "The Labor Party marched in Chicago.",
        "Chicago and Sydney.", "Sydney again; Chicago again.")
    matcher = MentionMatcher(index.surface_forms, index.local_forms)
    entity_articles: dict[str, list[str]] = {}
    for a in articles:
        for _, _, entity_id in matcher.find(a.text, a.key):
            entity_articles.setdefault(entity_id, [])
            if a.key not in entity_articles[entity_id]:
                entity_articles[entity_id].append(a.key)
    found = suggest(index.by_id(), {k: tuple(v) for k, v in entity_articles.items()})
    merge = next(s for s in found if s.kind == "merge")
    assert set(merge.entity_ids) == {"ft", "financial-times"} and "initials" in merge.evidence
    assert 'aliases: ["FT"]' in merge.text
    split = next(s for s in found if s.kind == "split")
    assert split.entity_ids[0] == "labor-party" and "only_with:" in split.text and "none both" in split.evidence


# --- on a real archive ----------------------------------------------------------------------

@pytest.mark.skipif(not BBC.is_dir(), reason="the BBC corpus is not in ../shared (a user's clone)")
def test_bbc_surnames_link_the_right_person():
    articles = []
    for path in sorted(BBC.rglob("*.txt")):
        title, _, body = path.read_text(encoding="utf-8").partition("\n")
        articles.append(ArticleText(key=f"{path.parent.name}/{path.stem}", title=title, text=discovery_text(body)))
    index = build_entity_index(articles, ())
    found = links(index, articles)
    names = named(index)
    # Paula Radcliffe runs; the one article about Daniel Radcliffe the actor is not hers.
    assert names["Paula Radcliffe"].type == "person"
    paula = [key for key, hits in found.items() if any(name == "Paula Radcliffe" for _, name in hits)]
    assert len(paula) >= 10 and all(key.startswith("sport/") for key in paula)
    assert names["Robbie Williams"].type == "person"
    assert names["Gordon Brown"].type == "person" and names["Michael Howard"].type == "person"
    assert "Howard" not in names and "Election" not in names


def test_a_title_of_names_joined_by_of_or_and_stays_whole_when_it_recurs():
    _, index = index_of("He saw Angels and Demons in Paris. The film Maria Full of Grace won.",
                        "The book Angels and Demons sold. He liked Maria Full of Grace.",
                        "Iran and Russia met. Iran said. Russia said.", "Iran and Russia agreed. Iran and Russia.")
    assert {"Angels and Demons", "Maria Full of Grace", "Iran", "Russia"} <= set(named(index))
    assert not {"Demons", "Grace", "Maria Full", "Iran and Russia"} & set(named(index))


def test_suggest_on_the_command_line_and_writing_the_file_applies_it(tmp_path, monkeypatch, capsys):
    from generator.cli import main
    content = tmp_path / "content"
    content.mkdir()
    bodies = ["The Financial Times and the FT agreed on the price.", "The FT said the Financial Times would print.",
              "The Financial Times wrote more.", "The FT wrote less."]
    for number, body in enumerate(bodies):
        (content / f"a{number}.md").write_text(f"---\ntitle: Story {number}\ndate: 2020-01-0{number + 1}\n---\n\n{body}\n",
                                               encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["entities", "--suggest", "-q"]) == 0
    out = capsys.readouterr().out
    assert "merge: 'FT' spells the initials of 'Financial Times'" in out
    target = next(line for line in out.splitlines() if line.startswith("  write "))[len("  write "):-1]
    assert target.startswith("content/entities/") and target.endswith(".md")
    text = "".join(line[4:] + "\n" for line in out.splitlines() if line.startswith("    "))
    (tmp_path / target).parent.mkdir()
    (tmp_path / target).write_text(text, encoding="utf-8")
    assert main(["entities", "--json", "-q"]) == 0
    listed = capsys.readouterr().out
    assert '"FT"' in listed and '"ft"' not in listed  # one entity now, from the file


WIKINEWS = SHARED / "corpus" / "wikinews-gum"


@pytest.mark.skipif(not WIKINEWS.is_dir(), reason="the Wikinews corpus is not in ../shared (a user's clone)")
def test_a_real_archive_builds_byte_identical_for_any_jobs_and_hash_seed(tmp_path):
    import os
    import subprocess
    import sys
    repo = Path(__file__).resolve().parents[1]
    content = tmp_path / "content"
    subprocess.run([sys.executable, str(repo / "build.py"), "import", str(WIKINEWS), "--into", str(content),
                    "--source", "Wikinews", "-q"], check=True, cwd=tmp_path)
    trees = []
    for jobs, seed in (("1", "1"), ("2", "2")):
        out = tmp_path / f"site-{jobs}"
        env = dict(os.environ, PYTHONHASHSEED=seed)
        subprocess.run([sys.executable, str(repo / "build.py"), "--content", str(content), "--out", str(out),
                        "--no-search", "--no-cache", "--jobs", jobs, "-q"], check=True, cwd=tmp_path, env=env)
        trees.append({p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()})
    assert trees[0] == trees[1]
    entities = {name for name in trees[0] if name.startswith("entities/") and name.endswith(".html")}
    assert "entities/wikinews.html" not in entities  # the publisher of every article is none of its names
    assert len(entities) > 20


def test_a_longer_name_that_is_no_entity_keeps_the_shorter_one_unlinked_inside_it():
    articles, index = index_of("The Rugby Football Union met. The Hong Kong Rugby Football Union did not.",
                               "The Rugby Football Union agreed.")
    found = links(index, articles)
    assert found["a0"] == [("Rugby Football Union", "Rugby Football Union")]


def test_team_sheets_slashes_and_generations_do_not_borrow_a_surname():
    articles, index = index_of(
        "Adam Hickey won the race. Hickey said he was happy.", "Adam Hickey, 25, ran again.",
        "Worcester: Delport, Hickey, Lombard, Tucker.", "Karl Mullen spoke. Mullen agreed.",
        "Karl Mullen said so.", "U2 played: Larry Mullen Jr drummed and Mullen smiled.",
        "Lily Tuck wrote. Tuck agreed.", "Lily Tuck spoke.", "He watched Nip/Tuck.")
    found = links(index, articles)
    assert ("Hickey", "Adam Hickey") in found["a0"] and found["a2"] == []
    assert ("Mullen", "Karl Mullen") in found["a3"] and not any(n == "Karl Mullen" for _, n in found["a5"])
    assert found["a8"] == []


@pytest.mark.parametrize("texts", [
    ("The Democratic Party won in Hong Kong.", "In Hong Kong the Democratic Party lost a seat.",
     "Hong Kong voters and the Democratic Party.", "In Ohio, in the United States, the Democratic Party met."),
    # No article names a country: Virginia and Chicago are in the United States, Kowloon in Hong Kong.
    ("The Democratic Party nominee won in Virginia.", "Chicago voters backed the Democratic Party.",
     "Virginia and its Democratic Party.", "In Kowloon the Democratic Party lost a seat."),
], ids=["by-country-names", "by-regions-and-cities"])
def test_a_body_many_countries_have_keeps_the_articles_of_one_country(texts):
    articles, index = index_of(*texts)
    found = links(index, articles)
    assert all(("Democratic Party", "Democratic Party") in found[key] for key in ("a0", "a1", "a2"))
    assert ("Democratic Party", "Democratic Party") not in found["a3"]


def test_a_body_many_countries_have_in_one_article_each_is_not_shared():
    # One article each: neither party is shared, so neither gets a page.
    _, index = index_of("The Democratic Party nominee won in Virginia.", "In Kowloon the Democratic Party lost.")
    assert "Democratic Party" not in named(index)
    # A demonym names the country: the Canadian Press is one agency wherever it reports from.
    _, index = index_of("The Canadian Press reported from Toronto.", "Jakarta, said The Canadian Press.")
    assert "Canadian Press" in named(index)


def test_a_name_nothing_types_takes_the_type_of_the_names_it_is_listed_with():
    def typed(name):
        _, index = index_of(f"Chris Martin, {name}, Robbie Williams and Ann Lee came.",
                            f"Then came Ann Lee, {name}, Robbie Williams and Chris Martin.",
                            f"{name} was there.", f"{name} was there too.", f"{name} came back.",
                            "Robbie Williams said so.", "Chris Martin said so.", "Ann Lee said so.")
        return named(index)[name].type
    assert typed("Dido") == "person"
    # Listed with people, but an acronym is no person's name.
    assert typed("NME") != "person"


def test_a_name_nothing_types_needs_one_article_more_than_a_name_something_types():
    # "Brimlow" has no cue, no listed name's shape and no word that says what it is: in two articles it
    # is too likely a fragment or a common word to get a page; in three it gets one.
    texts = ("Brimlow was on every stall.", "We found Brimlow in the market.", "Crowds came for Brimlow.")
    assert "Brimlow" not in named(index_of(*texts[:2])[1])
    assert "Brimlow" in named(index_of(*texts)[1])
    # Two articles do when something says what it is, or the name reads as a person's.
    assert "Brimlow" in named(index_of("Brimlow shares fell.", "Brimlow said no.")[1])
    assert "Potito Starace" in named(index_of("Potito Starace won.", "We saw Potito Starace.")[1])


def test_a_label_before_a_name_splits_but_a_family_name_first_does_not():
    _, index = index_of("Treasurer Peter Costello spoke. The Chiang Kai Shek Memorial was full.",
                        "Treasurer Peter Costello agreed. Crowds filled the Chiang Kai Shek Memorial.")
    assert {"Peter Costello", "Chiang Kai Shek Memorial"} <= set(named(index))


def test_a_bare_surname_in_an_article_about_something_else_stays_plain():
    articles, index = index_of(
        "Phil Spector recorded in Los Angeles.", "Phil Spector's trial began in Los Angeles.",
        "Phil Spector sang in Los Angeles.", "Manchester United beat Arsenal; Spector came on late.",
        "Manchester United and Arsenal drew.")
    found = links(index, articles)
    assert found["a3"] and all(name != "Phil Spector" for _, name in found["a3"])


def test_two_names_glued_by_and_come_apart_when_each_is_written_alone():
    _, index = index_of("Universal and Warner Bros agreed.", "Universal said. Warner Bros said.",
                        "Universal again; Warner Bros again.", "Fans of Serbia & Montenegro cheered Serbia.",
                        "Serbia & Montenegro lost. Montenegro won.", "Montenegro and Serbia.")
    assert {"Universal", "Warner Bros", "Serbia & Montenegro"} <= set(named(index))
    assert "Universal and Warner Bros" not in named(index)


def test_a_work_one_stars_in_is_no_place():
    _, index = index_of("Hilary Swank starred in Hotel Rwanda.", "Her role in Hotel Rwanda won praise.",
                        "He lives in Kigali now.", "She flew to Kigali today.")
    assert named(index)["Hotel Rwanda"].type == "other" and named(index)["Kigali"].type == "place"


def test_places_that_end_like_demonyms_are_places():
    _, index = index_of("He flew to Paris and Nairobi.", "She lives in Paris, not in Nairobi.",
                        "The Iranian and Russian envoys met.", "Iranian officials agreed.")
    assert {"Paris", "Nairobi"} <= set(named(index)) and "Iranian" not in named(index)


def test_a_place_that_is_a_persons_surname_in_an_article_is_the_person_there():
    articles, index = index_of("Valeska Paris was born in Switzerland. Paris said she was held.",
                               "Valeska Paris spoke again; Paris wept.", "The summit met in Paris.",
                               "Paris hosted the talks.")
    found = links(index, articles)
    assert ("Paris", "Valeska Paris") in found["a0"] and ("Paris", "Paris") in found["a2"]
    assert named(index)["Paris"].type == "place"


def test_a_name_cut_short_of_a_longer_one_in_every_article_is_that_name():
    articles, index = index_of(
        "Amnesty International said so. Amnesty added more.", "Amnesty International wrote. Amnesty agreed.",
        "Amnesty International again.",
        "The La Fenice Theatre burned. La Fenice reopened.", "La Fenice Viotti sang. La Fenice closed.",
        "La Fenice Theatre and La Fenice Viotti.", "La Fenice Theatre and La Fenice Viotti again.")
    found = named(index)
    assert "Amnesty" not in found and "Amnesty" in found["Amnesty International"].aliases
    assert ("Amnesty", "Amnesty International") in links(index, articles)["a0"]
    # Two longer names that part ways: the short one could be either, and joins neither.
    assert "La Fenice" not in found["La Fenice Theatre"].aliases


def test_a_body_or_treaty_named_on_or_to_something_stays_whole():
    _, index = index_of("The Varnish Convention on Lamp Oils was signed. Ministers met in Kelbrook on Monday.",
                        "Judges cited the Varnish Convention on Lamp Oils.",
                        "The Committee to Protect Gardeners spoke. The Commission on Thursday agreed.",
                        "The Committee to Protect Gardeners was formed.")
    found = named(index)
    assert found["Varnish Convention on Lamp Oils"].type == "other"
    assert "Committee to Protect Gardeners" in found
    assert not {"Lamp Oils", "Protect Gardeners", "Varnish Convention", "Commission on Thursday"} & set(found)


def test_a_towns_bare_name_in_a_match_report_is_not_the_town():
    # Kendal has no club named in full anywhere; where a report has it play other teams, it is the club,
    # and stays plain text rather than lend the town a match report.
    articles, index = index_of(
        "The mayor of Kendal spoke. Shops in Kendal closed.", "Flooding hit Kendal again. Roads near Kendal shut.",
        "Rovanna beat Kestlow 2-0. Kestlow v Rovanna next. Marport v Kendal ended 1-1. Marport beat Kestlow.",
        "Kestlow beat Marport. Rovanna v Marport was dull. Rovanna beat Kestlow.")
    found = links(index, articles)
    assert ("Kendal", "Kendal") in found["a0"] and named(index)["Kendal"].type == "place"
    assert not any(text == "Kendal" for text, _ in found["a2"])


def test_the_office_a_title_is_of_belongs_to_the_title():
    _, index = index_of("US Secretary of State Marella Quint arrived.", "Secretary of State Marella Quint left.",
                        "The Secretary of State for Lamp Affairs spoke.", "The Bank of England and the Department "
                        "of Health agreed.", "The Bank of England and the Department of Health met.")
    found = named(index)
    assert "Marella Quint" in found and found["Marella Quint"].type == "person"
    assert not any(name.startswith("State") for name in found)
    assert {"Bank of England", "Department of Health"} <= set(found)


def test_sentence_connectives_are_no_names():
    _, index = index_of("Prices rose. Furthermore, rents fell. Likewise, wages rose.",
                        "Trade slowed. Furthermore, jobs went. Likewise, sales fell.")
    assert not {"Furthermore", "Likewise"} & set(named(index))


def test_letters_after_a_name_are_not_part_of_it():
    _, index = index_of("Helen Vollick QC said the case was weak.", "Helen Vollick QC told the court so.",
                        "Oswin Tarrant OBE opened it.", "Oswin Tarrant OBE said it was good.")
    found = named(index)
    assert found["Helen Vollick"].type == "person" and "Oswin Tarrant" in found
    assert not {"QC", "OBE", "Helen Vollick QC"} & set(found)
