"""Default summaries: the first paragraph that reads as prose, not a caption, a heading line or a speaker label."""

import html
import re
from pathlib import Path

import pytest

from generator.cli import main
from generator.content.config import MarkdownConfig
from generator.entities.text import is_caption, is_heading_like, lead_paragraph
from generator.render.markup import BodyRenderer

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "wikinews-gum"


def test_a_picture_caption_with_its_credit_is_skipped():
    assert lead_paragraph(["Ants on a leaf, from file. Image: A. Photographer.",
                           "Researchers in Helsinki found that sick ants seek out a toxic food."]) \
        == "Researchers in Helsinki found that sick ants seek out a toxic food."


def test_a_credit_without_a_full_stop_before_it_is_still_a_caption():
    assert is_caption("The founder at a camp in 2008 Image: Someone.")
    assert is_caption("Opening night of the exhibit at the gallery. Video: Two Students.")
    assert not is_caption("The minister said the image of the party had suffered badly this year.")


def test_a_fragment_in_lower_case_is_a_caption_left_over():
    assert is_caption("pilgrims at the Grand Mosque in 2008.")
    assert not is_caption("iPhone sales rose by a third in the last quarter, the company said.")


def test_headings_written_as_paragraphs_are_skipped():
    for line in ("Interview", "General questions", "On NATO", "Operating the business",
                 "The Plains of Arafat on the day of Hajj", "Clothing supply closet."):
        assert is_heading_like(line), line
    assert not is_heading_like("The team won the cup on Sunday.")
    assert lead_paragraph(["Interview", "General questions", "The council met on Monday to vote on the plan."]) \
        == "The council met on Monday to vote on the plan."


def test_an_interview_leads_with_its_introduction_not_a_turn():
    paragraphs = ["Interview", "Wikinews spoke with the mayor of the town about the new bridge and its cost.",
                  "Wikinews: Why build it now?", "Jane Roe: Because the old one is falling down, and we cannot wait.",
                  "It will open next year if the weather is kind to the builders."]
    assert lead_paragraph(paragraphs) == paragraphs[1]


def test_an_interview_of_turns_only_gives_its_first_turn_without_the_label():
    paragraphs = ["General questions", "Wikinews: What is your company and what does it do for people?",
                  "Mario Lucero: We make games, and we have been doing it for ten years now."]
    assert lead_paragraph(paragraphs) == "What is your company and what does it do for people?"


def test_a_body_of_only_short_lines_keeps_its_first_line():
    assert lead_paragraph(["Short note.", "Another one."]) == "Short note."
    assert lead_paragraph([]) == ""


def test_one_speaker_label_alone_is_prose():
    text = "Update: the council has now published the full report on the bridge and its cost."
    assert lead_paragraph(["Interview", text]) == text


def test_the_renderer_records_the_lead_paragraph():
    body = ("Ants on a leaf. Image: A. Photographer.\n\n## The study\n\nGeneral questions\n\n"
            "Researchers found that sick ants seek out a food that healthy ants avoid.\n")
    rendered = BodyRenderer(MarkdownConfig()).render(body, source_path="a.md", page_url="articles/a.html")
    assert rendered.first_paragraph == "Researchers found that sick ants seek out a food that healthy ants avoid."


def test_built_cards_and_meta_descriptions_skip_the_caption(tmp_path, monkeypatch):
    article = tmp_path / "content" / "ants.md"
    article.parent.mkdir()
    article.write_text("---\ntitle: Ants\ndate: 2015-09-01\n---\n\nFormica fusca, from file. Image: A. Photographer.\n\n"
                       "Interview\n\nBiologists found that infected ants choose a food laced with peroxide.\n",
                       encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["build", "--no-search", "-q", "--no-cache"]) == 0
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    page = (tmp_path / "site" / "articles" / "ants.html").read_text(encoding="utf-8")
    assert "Biologists found that infected ants choose a food laced with peroxide." in home
    assert '<meta name="description" content="Biologists found' in page
    assert "Formica fusca, from file" not in home


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"the Wikinews corpus is not at {CORPUS}")
def test_no_wikinews_summary_is_a_caption_heading_or_speaker_label(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["import", str(CORPUS), "--into", "content", "-q"]) == 0
    assert main(["build", "--no-search", "-q", "--no-cache"]) == 0
    summaries = []
    for page in sorted((tmp_path / "site" / "articles").glob("*.html")):
        found = re.search(r'<meta name="description" content="([^"]*)"', page.read_text(encoding="utf-8"))
        summaries.append(html.unescape(found[1]))
    assert len(summaries) == 43
    bad = [s for s in summaries if re.search(r"\b(?:Image|Photo|Video|Audio):", s)
           or len(s.split()) < 5 or re.match(r"(?:Wikinews|David Shankbone|[A-Z]\w+ [A-Z]\w+): ", s)]
    assert bad == []
