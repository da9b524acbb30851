"""The surface forms that link in some articles only (surname choices, entity files' scoped and weak aliases),
and the blockers that keep a longer name's span from linking the name inside it."""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable, Sequence

from .joins import Components, Names
from .model import EntitySpec, quote_variants


def with_blockers(surface_forms: dict[str, str], info: Names, ignored: set[str]) -> dict[str, str]:
    """Names the text uses that hold an entity's name but are no entity themselves ("Hong Kong Rugby
    Football Union", "RBS Premiership"): each goes in as a form that links nothing, so the matcher
    takes its whole span and the shorter name inside is not linked there."""
    blockers = {}
    for name, surfaces in info.surfaces.items():
        for surface in surfaces:
            words = surface.split()
            if len(words) < 2 or surface in surface_forms or surface.casefold() in ignored:
                continue
            if any(" ".join(words[i:j]) in surface_forms for i in range(len(words))
                   for j in range(i + 1, len(words) + 1) if j - i < len(words)):
                blockers[surface] = ""
    forms = dict(surface_forms)
    for form in blockers:
        for variant in quote_variants(form):
            forms.setdefault(variant, "")
    return dict(sorted(forms.items()))


def scoped_forms(specs: Sequence[EntitySpec], info: Names, local_forms: dict[str, dict[str, str]]) -> None:
    """Add to local_forms what entity files give to some articles only: weak aliases where the article
    also uses a full name, and every name where the article names one of `only_with`."""
    by_fold: dict[str, set[str]] = defaultdict(set)
    for name, keys in info.articles.items():
        by_fold[name.casefold()] |= keys | info.extra_articles.get(name, set())

    def articles_naming(names: Iterable[str]) -> set[str]:
        return set().union(*(by_fold.get(n.casefold(), set()) for n in names))

    for spec in sorted(specs, key=lambda s: s.id):
        strong = (spec.name, *spec.aliases)
        scoped = articles_naming(spec.only_with) if spec.only_with else None
        if scoped is not None:
            for key in sorted(scoped & articles_naming(strong)):
                for form in strong:
                    _set_local(local_forms, key, form, spec.id)
        having = articles_naming(strong) if scoped is None else articles_naming(strong) & scoped
        for key in sorted(having & articles_naming(spec.weak_aliases)):
            for form in spec.weak_aliases:
                _set_local(local_forms, key, form, spec.id)


def _set_local(local_forms: dict[str, dict[str, str]], key: str, form: str, entity_id: str) -> None:
    forms = local_forms.setdefault(key, {})
    for variant in quote_variants(form):
        forms[variant] = entity_id


def local_forms_from_choices(info: Names, components: Components, entity_of_root: dict[str, str]
                             ) -> dict[str, dict[str, str]]:
    """Article key -> surface form -> entity id ("" for plain text), from the per-article surname choices."""
    local: dict[str, dict[str, str]] = {}
    for key, choices in sorted(info.local.items()):
        forms: dict[str, str] = {}
        for short, target in sorted(choices.items()):
            entity_id = entity_of_root.get(components.find(target), "") if target else ""
            for surface in info.surfaces.get(short, set()) | {short}:
                for variant in quote_variants(surface):
                    forms[variant] = entity_id
        local[key] = forms
    return local
