"""The reporting verb as the article writes it ("told reporters", "has repeatedly denied"),
for people to read, next to its lemma (``verb``, which the JSON contract keeps a lemma)."""

from __future__ import annotations

import pytest

from kg.extract.output import extraction_to_dict
from tests.extract.helpers import DATED, Extract


@pytest.mark.parametrize(
    ("sentence", "lemma", "written"),
    [
        (
            '"The ceasefire has saved lives," the government\'s chief negotiator, Clara '
            "Restrepo, told reporters at the close of the meeting.",
            "tell",
            "told reporters",
        ),
        (
            "Chinese foreign ministry spokeswoman Lin Ming told a regular news briefing that "
            "the Philippines had broken its promises.",
            "tell",
            "told a regular news briefing",
        ),
        (
            "Community leader Sergio Cruz told Radio Bío-Bío that the water was not for sale.",
            "tell",
            "told Radio Bío-Bío",
        ),
        (
            "The group's commander was quoted by Venezuelan television as saying that the ELN "
            "would honour the agreement.",
            "say",
            "was quoted by Venezuelan television as saying",
        ),
        (
            "The company has repeatedly denied that it polluted the river.",
            "deny",
            "has repeatedly denied",
        ),
        ("Analysts pointed out that the bank had missed its targets.", "point", "pointed out"),
        (
            "According to the United Nations, more than 20,000 people were forced from their "
            "homes last year.",
            "according to",
            "according to",
        ),
        # "warned" is not written with what follows it: here that is what was warned of
        (
            "Scientists warned the reef would bleach again this summer.",
            "warn",
            "warned",
        ),
    ],
)
def test_the_verb_is_kept_as_written(
    extract: Extract, sentence: str, lemma: str, written: str
) -> None:
    x = extract(DATED + sentence + "\n")
    (claim,) = x.claims
    assert claim.verb == lemma
    assert claim.verb_text == written


def test_a_headline_verb_is_in_lower_case(extract: Extract) -> None:
    x = extract("Minister Says Taxes Will Fall Next Year\n17 May, 2019\nThe budget is due.\n")
    (claim,) = x.claims
    assert (claim.verb, claim.verb_text) == ("say", "says")


def test_a_quotation_continued_after_its_verb_keeps_it(extract: Extract) -> None:
    x = extract(
        DATED + '"We will not leave," said Ola Brekke, who runs a shop in the town.\n\n'
        '"Nobody will make us go away from the island," he said.\n'
    )
    assert [c.verb_text for c in x.claims] == ["said", "said"]


def test_the_json_has_the_lemma_and_the_words(extract: Extract) -> None:
    x = extract(
        DATED + "Chinese foreign ministry spokeswoman Lin Ming told a regular news briefing "
        "that the Philippines had broken its promises.\n"
    )
    (claim,) = extraction_to_dict(x)["claims"]
    assert claim["verb"] == "tell"
    assert claim["verb_text"] == "told a regular news briefing"
