"""Acronyms and the names they shorten: "EU" is the "European Union", "WHO" the "World Health
Organization". Used to make the two one actor, within an article (kg.extract.actors) and
across the store (kg.link.reconcile). Plain string work: no model, no store.

>>> is_acronym("EU"), is_acronym("U.N."), is_acronym("Eu"), is_acronym("I")
(True, True, False, False)
>>> initials("European Union"), initials("Organisation for Economic Co-operation and Development")
('EU', 'OECD')
>>> expands("WHO", "World Health Organization"), expands("EU", "Eastern Ukraine border")
(True, False)
>>> expands("MSF", "Médecins Sans Frontières"), expands("UN", "un")
(True, False)
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# words an acronym skips: "Organisation for Economic ...", "Friends of the Earth"
_JOINERS = frozenset("of the and for on in at to de du des la le les el y et & a an".split())
_ACRONYM = re.compile(r"^(?:[A-Z]\.?){2,6}$")


def is_acronym(label: str) -> bool:
    """Two to six capitals, with or without stops: "EU", "NATO", "U.N."."""
    return _ACRONYM.match(label.strip()) is not None


def initials(label: str) -> str:
    """The capitals of a name's words, skipping joiners; "" when a word is not capitalised
    (a description, "rights groups", has no acronym) or the name has fewer than two words."""
    words = [w for w in re.split(r"\s+", label.strip()) if w]
    kept = [w for w in words if w.lower() not in _JOINERS]
    if len(kept) < 2 or not all(w[:1].isupper() for w in kept):
        return ""
    return "".join(w[0] for w in kept)


def expands(acronym: str, label: str) -> bool:
    """Whether ``label`` is the name ``acronym`` shortens."""
    short = acronym.replace(".", "").strip()
    return is_acronym(acronym) and not is_acronym(label) and initials(label) == short


def same_body(ours: Iterable[str], theirs: Iterable[str]) -> bool:
    """Whether two bodies, each by its names (label and aliases), are one by an acronym: a
    name of one is the acronym of a name of the other, and together they do not spell an
    acronym out two ways ("EU" known as the "European Union" is not the "Energy Union").

    >>> same_body(["EU"], ["European Union", "Brussels"])
    True
    >>> same_body(["Energy Union"], ["EU", "European Union"])
    False
    """
    a, b = list(ours), list(theirs)
    if not any(expands(x, y) or expands(y, x) for x in a for y in b):
        return False
    spelled: dict[str, str] = {}
    for name in a + b:
        short = "" if is_acronym(name) else initials(name)
        if short and spelled.setdefault(short, name.lower()) != name.lower():
            return False
    return True


def expansion_pattern(acronym: str) -> str:
    """A regular expression (XPath/SPARQL flavour) matching the names ``acronym`` may
    shorten, to narrow a store query; :func:`expands` has the last word.

    >>> import re
    >>> bool(re.match(expansion_pattern("EU"), "European Union"))
    True
    """
    letters = acronym.replace(".", "").strip()
    joiners = "(?:(?:" + "|".join(sorted(w for w in _JOINERS if w != "&")) + "|&) )*"
    return "^" + (" " + joiners).join(f"{c}[^ ]*" for c in letters) + "$"
