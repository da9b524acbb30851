"""Reading a body's plain text (pure): the words entity discovery reads, and the paragraph a default
summary starts from. Both skip the same things: interview speaker labels and picture credits."""

from __future__ import annotations

import re

# Each cleanup runs only when its pattern could match: a body without code, links or markup (most
# news text) skips all ten, and the result is the same as running every one. Order matters, as
# each runs on what the ones before left.
_CLEANUPS = (
    (lambda text: "```" in text or "~~~" in text, re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.M | re.S), "\n"),
    (lambda text: text.startswith(("    ", "\t")) or "\n    " in text or "\n\t" in text,
     re.compile(r"(?:^(?: {4}|\t).*\n?)+", re.M), "\n"),                             # indented code
    (lambda text: "`" in text, re.compile(r"`+[^`\n]*`+"), " "),                      # inline code
    (lambda text: "](" in text, re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),        # images
    (lambda text: "](" in text, re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),         # links
    (lambda text: "<" in text or "://" in text, re.compile(r"<(?:https?|mailto):[^>]*>|https?://\S+"), " "),
    (lambda text: "<" in text, re.compile(r"</?[A-Za-z][^>]*>"), " "),                # HTML tags
    (lambda text: "#" in text, re.compile(r"^#{1,6}[ \t]+", re.M), ""),              # heading marks
    (lambda text: "*" in text or "_" in text, re.compile(r"(?<!\\)(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)(?<!\\)\1"), r"\2"),
    (lambda text: "\\" in text, re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|&])"), r"\1"),  # backslash escapes
)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
# "Wikinews: How did you start?": the speaker of an interview turn, at the start of a paragraph.
SPEAKER_LABEL = re.compile(r"^(?:\*\*)?[A-Z][\w.'’ -]{0,40}?(?:\*\*)?:(?:\*\*)?[ \t]+(?=\S)")
# "Image: Nick Moreau.": who made a picture is attribution, not a name the text is about.
_CREDIT_WORD = r"(?:Images?|Photos?|Pictures?|Photograph|Video|Audio|Credit|Source)"
_CREDIT = re.compile(rf"(?:(?<=^)|(?<=[.!?:;]\s)|(?<=\n)){_CREDIT_WORD}:[ \t]+[^\n.!?]{{1,80}}(?:[.!?]|$)", re.M)
# A caption ends with its credit, sometimes with no full stop before it ("Herrick in 2008 Image: X.").
_ENDS_WITH_CREDIT = re.compile(rf"(?:^|\s){_CREDIT_WORD}:[ \t]+[^!?]{{1,80}}$")
_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’»)\]]*$")
_TITLE_WORD = re.compile(r"[^\W\d_][\w'’-]{3,}")


def discovery_text(markdown_body: str) -> str:
    """The words of a Markdown body for entity discovery: code, URLs and markup removed, paragraphs kept.

    Only discovery reads this; links are inserted later on the real element tree, so a rough
    reading here cannot damage the page.
    """
    text = markdown_body
    for could_match, pattern, replacement in _CLEANUPS:
        if could_match(text):
            text = pattern.sub(replacement, text)
    if ": " in text:
        text = _CREDIT.sub(" ", text)
    paragraphs = [" ".join(p.split()) for p in _PARAGRAPH_BREAK.split(text)]
    # Speaker labels of interview turns are not the text's names: an interview names its
    # interviewer in every question. Labels are told from prose by recurring, as in a transcript.
    if sum(1 for p in paragraphs if SPEAKER_LABEL.match(p)) >= 2:
        paragraphs = [SPEAKER_LABEL.sub("", p, count=1) for p in paragraphs]
    return "\n\n".join(p for p in paragraphs if p)


def headline_text(title: str) -> str:
    """The headline as discovery reads it: a headline in sentence case is text like any other; one in
    title case ("Iran, Russia Tightening Security Cooperation") capitalises every word, so its
    capitals say nothing, and it is left out (the linker still links the names it holds)."""
    words = _TITLE_WORD.findall(title)
    if words and sum(w[0].isupper() for w in words) * 3 > len(words) * 2:
        return ""
    return " ".join(title.split())


def lead_paragraph(paragraphs: list[str]) -> str:
    """The paragraph a default summary is made from: the first that reads as prose.

    Skipped: picture captions and credits ("Formica fusca, from file. Image: ..."), headings written as
    paragraphs ("Interview", "General questions"), fragments that start in lower case, and the turns of
    an interview (speaker labels told from prose by recurring, as discovery tells them). An interview of
    turns only gives its first turn without the label; a body of nothing but such lines, its first line.
    """
    prose = [p for p in paragraphs if not (is_caption(p) or is_heading_like(p))]
    turns = [i for i, p in enumerate(prose) if SPEAKER_LABEL.match(p)]
    if len(turns) >= 2:
        # Unlabelled paragraphs after the first turn continue an answer; the lead comes before it.
        prose = prose[:turns[0]] or [SPEAKER_LABEL.sub("", prose[turns[0]], count=1)]
    return prose[0] if prose else (paragraphs[0] if paragraphs else "")


def credit_spans(text: str) -> list[tuple[int, int]]:
    """Where text holds picture credits ("Image: NASA Bill Ingalls."), which are not mentions of its names."""
    if ": " not in text:
        return []
    spans = [m.span() for m in _CREDIT.finditer(text)]
    tail = _ENDS_WITH_CREDIT.search(text)
    if tail:
        spans.append(tail.span())
    return spans


def without_credit(sentence: str) -> str:
    """A sentence without the picture credit a caption ends with ("... in 2008 Image: Twitter / NASA.")."""
    if ": " not in sentence:
        return sentence
    return _ENDS_WITH_CREDIT.sub("", sentence).rstrip() or sentence


def is_caption(paragraph: str) -> bool:
    """A picture's caption or credit, or a fragment of one ("pilgrims at the Grand Mosque in 2008.")."""
    first_word = paragraph.split(" ", 1)[0]
    return bool(_ENDS_WITH_CREDIT.search(paragraph)) or (first_word.isalpha() and first_word.islower())


def is_heading_like(paragraph: str) -> bool:
    """A heading written as a paragraph: a few words, or a short line with no sentence ending."""
    words = len(paragraph.split())
    return words < 5 or (words < 12 and not _SENTENCE_END.search(paragraph))
