"""Mention matching and the Markdown treeprocessor that links mentions."""

import pickle

import markdown

from generator.entities.mentions import MentionExtension, MentionMatcher, MentionStat

FORMS = {
    "Iran": "iran", "Russia": "russia", "Russian Security Council": "russian-security-council",
    "Vladimir Putin": "vladimir-putin", "Putin": "vladimir-putin", "Theresa May": "theresa-may",
    "U.S.": "united-states", "US": "united-states", "東京": "tokyo",
}


def render(text, link_all=False, extensions=()):
    extension = MentionExtension(MentionMatcher(FORMS), lambda entity_id: f"/entities/{entity_id}/", link_all)
    md = markdown.Markdown(extensions=[extension, *extensions])
    return md.convert(text), extension, md


def link(entity_id, text):
    return f'<a class="entity" data-entity="{entity_id}" href="/entities/{entity_id}/">{text}</a>'


def test_matcher_prefers_the_longest_leftmost_match():
    matcher = MentionMatcher(FORMS)
    assert matcher.find("the Russian Security Council and Russia") == [
        (4, 28, "russian-security-council"), (33, 39, "russia")]


def test_matcher_respects_word_boundaries_and_case():
    matcher = MentionMatcher(FORMS)
    assert matcher.find("Iranian, Russians, us, Iranx, USA") == []
    assert matcher.find("Iran-Russia") == [(0, 4, "iran"), (5, 11, "russia")]


def test_matcher_finds_dotted_abbreviations_and_unspaced_scripts():
    matcher = MentionMatcher(FORMS)
    assert matcher.find("The U.S. said") == [(4, 8, "united-states")]
    assert matcher.find("東京都に行く") == [(0, 2, "tokyo")]


def test_matcher_survives_pickling_for_worker_processes():
    matcher = pickle.loads(pickle.dumps(MentionMatcher(FORMS)))
    assert matcher.find("Putin") == [(0, 5, "vladimir-putin")]


def test_only_first_mention_is_linked_by_default_and_all_are_counted():
    html, extension, _ = render("Putin met Vladimir Putin. Putin left.")
    assert html == f"<p>{link('vladimir-putin', 'Putin')} met Vladimir Putin. Putin left.</p>"
    assert extension.mentions == {"vladimir-putin": MentionStat(3, "Putin met Vladimir Putin.")}


def test_link_all_links_every_mention():
    html, _, _ = render("Iran and Iran", link_all=True)
    assert html == f"<p>{link('iran', 'Iran')} and {link('iran', 'Iran')}</p>"


def test_mentions_inside_code_links_and_headings_are_not_linked():
    html, extension, _ = render("## Iran\n\n`Iran` and [Iran](/x/)\n\n    Iran in code\n\nthen Iran.")
    assert "<h2>Iran</h2>" in html
    assert "<code>Iran</code>" in html and '<a href="/x/">Iran</a>' in html
    assert html.count('class="entity"') == 1 and f"then {link('iran', 'Iran')}." in html
    assert extension.mentions["iran"].count == 1


def test_mentions_inside_a_toc_are_not_linked():
    html, _, _ = render('<div class="toc" markdown="1">Iran</div>\n\nIran', extensions=["md_in_html"])
    assert html.count('class="entity"') == 1


def test_possessive_stays_outside_the_link_and_text_is_unchanged():
    html, _, _ = render("Iran’s plan and Iran's")
    assert html.startswith(f"<p>{link('iran', 'Iran')}’s plan and Iran's")


def test_month_may_is_not_linked_but_theresa_may_is():
    html, _, _ = render("In May, Theresa May said")
    assert html == f"<p>In May, {link('theresa-may', 'Theresa May')} said</p>"


def test_text_and_tail_around_inline_elements_are_both_linked():
    html, _, _ = render("*Iran* and Russia and **Putin**")
    assert html == (f"<p><em>{link('iran', 'Iran')}</em> and {link('russia', 'Russia')} and "
                    f"<strong>{link('vladimir-putin', 'Putin')}</strong></p>")


def test_raw_html_blocks_and_escapes_are_left_alone():
    html, _, _ = render("<div>Iran</div>\n\n\\*Russia\\* &amp; Iran")
    assert "<div>Iran</div>" in html
    assert f"*{link('russia', 'Russia')}* &amp; {link('iran', 'Iran')}" in html


def test_smarty_quotes_do_not_break_links_or_sentences():
    html, extension, _ = render('He said "Iran\'s turn" first. Russia agreed.', extensions=["smarty"])
    assert f"{link('iran', 'Iran')}&rsquo;s" in html
    assert extension.mentions["iran"].first_sentence == "He said “Iran’s turn” first."
    assert extension.mentions["russia"].first_sentence == "Russia agreed."


def test_first_sentence_keeps_its_closing_quote():
    _, extension, _ = render('Intro. He said "Go to Iran." Then he left.')
    assert extension.mentions["iran"].first_sentence == 'He said "Go to Iran."'


def test_first_sentence_leaves_out_a_caption_s_picture_credit():
    _, extension, _ = render("Putin met officials in Iran Image: Jane Roe.\n\nLater, in Russia.")
    assert extension.mentions["iran"].first_sentence == "Putin met officials in Iran"


def test_picture_credits_are_not_mentions():
    html, extension, _ = render("A photo of a rally.\n\nImage: Russia Today.\n\nLater, in Russia, a vote. Image: Iran.")
    assert html.count(link("russia", "Russia")) == 1 and "Image: Russia Today." in html
    assert extension.mentions["russia"].first_sentence == "Later, in Russia, a vote."
    assert "iran" not in extension.mentions


def test_first_sentence_is_trimmed_and_from_the_right_block():
    _, extension, _ = render("Intro here.\n\n- One. Two " + "very " * 100 + "long Russia tail.")
    sentence = extension.mentions["russia"].first_sentence
    assert sentence.startswith("Two very") and len(sentence) <= 300 and sentence.endswith("…")


def test_mentions_reset_per_conversion():
    _, extension, md = render("Iran")
    assert set(extension.mentions) == {"iran"}
    md.reset()
    assert extension.mentions == {}
    md.convert("Russia")
    assert set(extension.mentions) == {"russia"}


def test_names_with_apostrophes_and_quotes_link_after_smarty():
    forms = {**FORMS, "Conan O'Brien": "conan-obrien"}
    extension = MentionExtension(MentionMatcher(forms), lambda entity_id: f"/entities/{entity_id}/")
    md = markdown.Markdown(extensions=["smarty", extension])
    html = md.convert("\"Conan O'Brien's show\", said 'Putin' -- and Iran\\'s *Putin*.")
    assert html == ("<p>&ldquo;" + link("conan-obrien", "Conan O&rsquo;Brien") + "&rsquo;s show&rdquo;, said &lsquo;"
                    + link("vladimir-putin", "Putin") + "&rsquo; &ndash; and " + link("iran", "Iran")
                    + "'s <em>Putin</em>.</p>")
    assert extension.mentions["conan-obrien"] == MentionStat(1, "“Conan O’Brien’s show”, said ‘Putin’ – and Iran's Putin.")


def test_interview_speaker_labels_are_not_linked_but_the_same_name_in_a_question_is():
    import markdown

    from generator.entities.mentions import MentionExtension, MentionMatcher
    extension = MentionExtension(MentionMatcher({"Noam Chomsky": "noam-chomsky", "Iraq": "iraq"}),
                                 lambda entity_id: f"{entity_id}.html")
    html = markdown.Markdown(extensions=[extension]).convert(
        "Noam Chomsky: Iraq is far.\n\nWikinews: And Noam Chomsky?\n\nNoam Chomsky: Yes.")
    assert html.startswith("<p>Noam Chomsky: <a ")
    assert 'href="noam-chomsky.html">Noam Chomsky</a>?' in html
    single = markdown.Markdown(extensions=[extension]).convert("Noam Chomsky: said Iraq.")
    assert single.startswith('<p><a class="entity" data-entity="noam-chomsky"')  # one label is prose
