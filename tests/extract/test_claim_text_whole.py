"""A claim's text is whole: it never opens a quotation it does not close,
and what was said as the object of its verb ("accused Oslo of 'spy mania'", "urged parents to
...") keeps the verb, so that it reads as a sentence and not as "Oslo of 'spy mania'"."""

from __future__ import annotations

import pytest

from kg.extract import Extractor
from kg.model import Extraction
from kg.readers import read_path
from tests.conftest import EXAMPLES
from tests.extract.helpers import DATED, Extract, check


@pytest.mark.parametrize(
    ("paragraph", "content", "speaker", "verb", "quote", "relayed_by"),
    [
        pytest.param(
            'Saloum Energy said in a statement that all volumes had been "metered, certified '
            'and reported in full" to Petrosen, the state oil company.\n',
            'all volumes had been "metered, certified and reported in full" to Petrosen, the '
            "state oil company",
            "Saloum Energy",
            "say",
            False,
            None,
            id="a_verb_inside_the_quotation_does_not_cut_it",
        ),
        pytest.param(
            'Moscow denied any involvement and accused Oslo of "spy mania".\n',
            'accused Oslo of "spy mania"',
            "Government of Russia",
            "accuse",
            False,
            None,
            id="an_accusation_keeps_its_verb",
        ),
    ],
)
def test_one_paragraph_one_claim(
    extract: Extract,
    paragraph: str,
    content: str,
    speaker: str,
    verb: str,
    quote: bool,
    relayed_by: str | None,
) -> None:
    """The paragraph's claim says ``content``, by ``speaker``, with ``verb``."""
    check(extract(DATED + paragraph), content, speaker, verb, quote, relayed_by)


MARKS = {"“": "”", "«": "»"}


def opens_unclosed(text: str) -> bool:
    """Whether ``text`` opens a double quotation it does not close (or closes one it never
    opened)."""
    depth, straight = 0, False
    for ch in text:
        if ch in MARKS:
            depth += 1
        elif ch in MARKS.values():
            if depth == 0:
                return True
            depth -= 1
        elif ch == '"':
            straight = not straight
    return depth > 0 or straight


def test_a_quotation_the_content_opens_runs_on_to_its_closing_mark(extract: Extract) -> None:
    x = extract(
        DATED + 'Senator Ignacio Valdés warned that Chile risked "missing the lithium boom while '
        'we argue about who owns it".\n'
    )
    c = check(
        x,
        'Chile risked "missing the lithium boom while we argue about who owns it"',
        "Ignacio Valdés",
        "warn",
    )
    assert c.quote == "missing the lithium boom while we argue about who owns it"
    assert len(x.claims) == 1  # the quotation is not claimed a second time, alone


def test_a_headline_cut_at_a_background_word_inside_the_marks_closes_them(
    extract: Extract,
) -> None:
    x = extract(
        'Maresca insists title race "not over after this defeat"\n17 May, 2019\n'
        "Chelsea lost 2-0 to Villa on Sunday.\n"
    )
    (c,) = x.claims  # and the quotation is no second claim of its own
    assert c.text == 'title race "not over after this defeat"'
    assert c.quote == "not over after this defeat"


def test_a_headline_accusation_keeps_its_verb(extract: Extract) -> None:
    x = extract(
        "Manila accuses Chinese coast guard of water cannon attack near disputed shoal\n"
        "March 24, 2024\nThe supply boat was damaged.\n"
    )
    c = check(
        x,
        "accuses Chinese coast guard of water cannon attack near disputed shoal",
        "Government of the Philippines",
        "accuse",
    )
    assert c.in_headline


def test_an_urging_is_no_claim_nor_is_the_quotation_in_it(extract: Extract) -> None:
    """A call ("urged parents to ...") is not a claim (the annotation rules since heldout3),
    and the words it quotes are the call's, not a quotation of their own."""
    x = extract(
        DATED + 'Health Minister Andrei Popa urged parents to "stop listening to social media '
        'and start listening to doctors".\n'
    )
    assert x.claims == []


def test_a_bare_object_needs_no_verb(extract: Extract) -> None:
    """ "confirmed a cholera outbreak": a noun phrase reads well on its own."""
    x = extract(DATED + "The ministry confirmed a cholera outbreak in the north.\n")
    check(x, "a cholera outbreak in the north", "ministry", "confirm")


@pytest.fixture(scope="module")
def examples(extractor: Extractor) -> list[Extraction]:
    inputs = sorted(p for p in EXAMPLES.glob("*") if p.suffix in (".txt", ".html"))
    if not inputs:
        pytest.skip("no examples/ articles")
    return list(extractor.extract_many(read_path(p) for p in inputs))


def test_no_claim_of_the_examples_leaves_a_quotation_open(examples: list[Extraction]) -> None:
    texts = [c.text for x in examples for c in x.claims]
    assert texts
    assert [t for t in texts if opens_unclosed(t)] == []


def test_no_claim_of_the_examples_is_an_object_without_its_verb(
    examples: list[Extraction],
) -> None:
    """ "Oslo of 'spy mania'", "Chinese coast guard of water cannon attack ...": the words
    after "accused" alone are no sentence."""
    for x in examples:
        for c in x.claims:
            if c.verb == "accuse":
                assert c.text.split()[0] in ("accused", "accuses"), c.text


def test_the_quotation_a_reported_clause_opens_is_closed(extract: Extract) -> None:
    x = extract(
        DATED + 'Minister Ana Ruiz said the law would give tenants "a real way to fight back '
        'when a landlord breaks the rules." Landlords would have to register, she said.\n'
    )
    c = check(
        x,
        'the law would give tenants "a real way to fight back when a landlord breaks the rules."',
        "Ana Ruiz",
        "say",
    )
    assert c.quote == "a real way to fight back when a landlord breaks the rules."
    assert len([k for k in x.claims if "real way" in k.text]) == 1  # no orphan copy
