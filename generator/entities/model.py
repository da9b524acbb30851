"""The records of entity discovery: entity files' specs, the article text it reads, the entities and the
index it makes, and entity ids."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.entities.vocabulary import Consulted

from ..content import urls

ENTITY_TYPES = ("person", "organization", "place", "other")


@dataclass(frozen=True)
class EntitySpec:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    same_as: tuple[str, ...]
    description: str
    path: str
    # Aliases linked only in an article that also uses the name or a full alias ("Brown" for Gordon Brown).
    weak_aliases: tuple[str, ...] = ()
    # When set, the name and aliases mean this entity only in articles that also name one of these
    # ("Democratic Party" with "Hong Kong"); elsewhere they stay what discovery makes of them.
    only_with: tuple[str, ...] = ()


@dataclass(frozen=True)
class ArticleText:
    key: str
    title: str
    text: str
    declared: tuple[str, ...] = ()
    path: str = ""
    declared_line: int | None = None
    own: tuple[str, ...] = ()      # the article's own source and publisher: not names of its text


@dataclass(frozen=True)
class Entity:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    same_as: tuple[str, ...] = ()
    description: str = ""
    path: str | None = None


@dataclass(frozen=True)
class EntityProblem:
    path: str
    line: int | None
    message: str
    kind: str


@dataclass(frozen=True)
class EntityIndex:
    entities: tuple[Entity, ...]
    surface_forms: dict[str, str]
    declared: dict[str, tuple[str, ...]]
    problems: tuple[EntityProblem, ...]
    # What discovery looked up in the corpus's vocabulary (None without discovery): the quick edit
    # path uses it to tell whether an edit could change the index.
    consulted: Consulted | None = None
    # Forms that mean something else in one article: a bare surname of several people means the one
    # the article names in full, and "" (no link) where it names none or several. Article key -> form -> id.
    local_forms: dict[str, dict[str, str]] = field(default_factory=dict)

    def by_id(self) -> dict[str, Entity]:
        return {entity.id: entity for entity in self.entities}


# --- ids ------------------------------------------------------------------------------------

def slugify(name: str) -> str:
    """An entity's id from its name: 'Vladimir Putin' -> 'vladimir-putin' (see urls.slugify)."""
    return urls.slugify(name, max_length=None) or "entity"


def quote_variants(form: str) -> tuple[str, ...]:
    """A form as written with a straight and with a typographic apostrophe ("O'Brien", "O’Brien"):
    the matcher reads both, whichever the text has."""
    return tuple(dict.fromkeys((form, form.replace("'", "’"), form.replace("’", "'"))))
