"""What a list of names is said to be: "films such as X, Y and Z", "firms including X", "X, Y and other banks"."""

from __future__ import annotations

# The plural nouns that head a list of names, by the kind of thing each names. A list's members share the
# kind its head noun says ("arcade classics such as Space Invaders, Pac-Man and Donkey Kong"; "films
# including Raging Bull and Goodfellas"; "Yukos, Gazprom and other firms").
_HEADS = {
    "work": """films movies albums singles songs records hits tracks games titles classics shows programmes
        programs series sitcoms soaps dramas comedies documentaries novels books plays musicals operas ballets
        productions blockbusters franchises products gadgets devices consoles handsets phones players browsers
        formats applications apps events tournaments competitions festivals awards prizes""",
    "organization": """firms companies groups makers manufacturers retailers carriers operators clubs sides
        teams broadcasters networks labels chains banks airlines insurers brewers publishers suppliers developers
        studios charities regulators supermarkets newspapers papers magazines websites sites outfits providers
        bands acts giants rivals parties unions organisations organizations agencies institutions universities
        operators bodies""",
    "person": """players stars actors actresses singers artists musicians writers authors novelists directors
        politicians leaders ministers celebrities managers coaches athletes golfers drivers
        designers comedians presenters rappers""",
    "place": """countries nations cities towns states regions destinations venues capitals islands
        provinces""",
}
HEAD_KINDS = {noun: kind for kind, nouns in _HEADS.items() for noun in nouns.split()}

# Words that may stand between the head and a member: the other members' words and the joins of a list.
_JOINS = frozenset({"and", "or", "&"})
_SMALL = frozenset({"of", "the", "de", "for", "on", "in", "a", "du", "la", "le", "van", "von", "al", "bin"})
_INTRO = frozenset({"including", "like"})
_MEMBERS = 8  # how far back or on a list is followed


def list_kind(text: str, start: int, end: int) -> str:
    """The kind ("work", "organization", "person", "place") of the list the name at text[start:end] is a
    member of, from its head noun, or "" when it is in no such list."""
    before = text[start - 2:start] if start >= 2 else ""
    if before == ", " or text.endswith((" and ", " or ", " as ", " including ", " like "), 0, start):
        kind = _kind_before(text, start)
        if kind:
            return kind
    after = text[end:end + 2]
    if after == ", " or text.startswith((" and ", " or "), end):
        return _kind_after(text, end)
    return ""


def _kind_before(text: str, start: int) -> str:
    """ "films such as X, Y and <name>": walk back over the members to "such as", "including" or "like"."""
    words = text[max(0, start - 30 * _MEMBERS // 2):start - 1].split(" ")
    members = 0
    for i in range(len(words) - 1, 0, -1):
        word = words[i]
        if word == "as" and words[i - 1] == "such" and i >= 2:
            return HEAD_KINDS.get(words[i - 2].rstrip(",").lower(), "")
        if word in _INTRO:
            return HEAD_KINDS.get(words[i - 1].rstrip(",").lower(), "")
        if word in _JOINS or word in _SMALL:
            continue
        if not (word[:1].isupper() or word[:1].isdigit()) or word.endswith((".", ":", ";", '"')):
            return ""
        if word.endswith(","):
            members += 1
            if members > _MEMBERS:
                return ""
    return ""


def _kind_after(text: str, end: int) -> str:
    """ "<name>, X and other banks": walk on over the members to "and other" or "or other"."""
    words = text[end:end + 30 * _MEMBERS // 2].split(" ")
    for i, word in enumerate(words[1:-2], start=1):
        if word in _JOINS and words[i + 1] == "other":
            return HEAD_KINDS.get(words[i + 2].rstrip(".,;:").lower(), "")
        if word in _JOINS or word in _SMALL or word == "":
            continue
        if not (word[:1].isupper() or word[:1].isdigit()) or word.endswith((".", ":", ";", '"')):
            return ""
    return ""
