""" "According to X": who X is (a document's author, the company a memo seen by a paper is
about) and what X vouches for (the clause it sits in, the clause after "while" or "and"; a
denial after "although" is a claim of its own)."""

from __future__ import annotations

from tests.extract.helpers import DATED, Extract, check


def test_a_memo_seen_by_a_paper_is_the_companys_relayed_by_the_paper(extract: Extract) -> None:
    x = extract(
        DATED + "Siemens is preparing to close two plants in Bavaria, according to an internal "
        "memo seen by Handelsblatt.\n"
    )
    check(
        x,
        "Siemens is preparing to close two plants in Bavaria",
        "Siemens",
        "according to",
        relayed_by="Handelsblatt",
    )


def test_according_to_after_a_while_clause_vouches_for_that_clause(extract: Extract) -> None:
    x = extract(
        DATED + "The United Nations said it stood ready to help, while India, which shares a "
        "long border with Nepal, sent a team of 30 rescuers, according to the Indian embassy "
        "in Kathmandu.\n"
    )
    check(x, "it stood ready to help", "United Nations", "say")
    check(
        x,
        "India, which shares a long border with Nepal, sent a team of 30 rescuers",
        "Indian embassy in Kathmandu",
        "according to",
    )


def test_according_to_after_an_and_clause(extract: Extract) -> None:
    x = extract(
        DATED + "The mutineers occupied the broadcaster, residents said, and at least three "
        "people were killed in the fighting, according to a doctor at Connaught Hospital.\n"
    )
    check(x, "The mutineers occupied the broadcaster", "residents", "say")
    check(
        x,
        "at least three people were killed in the fighting",
        "doctor at Connaught Hospital",
        "according to",
    )


def test_according_to_then_although_gives_two_claims(extract: Extract) -> None:
    x = extract(
        DATED + "The owner has brought in contractors to keep the mill running, according to two "
        "union members who asked not to be named, although the company denied that any "
        "replacement workers were on site.\n"
    )
    check(
        x,
        "The owner has brought in contractors to keep the mill running",
        "two union members",
        "according to",
    )
    check(x, "any replacement workers were on site", "company", "deny")


def test_according_to_inside_a_relative_clause(extract: Extract) -> None:
    x = extract(
        DATED + "The delegation toured the new terminal at Gdansk, which, according to the "
        "port's operators, will handle two million containers a year.\n"
    )
    (claim,) = x.claims
    assert claim.text == "will handle two million containers a year"
    assert x.actor(claim.speaker).label == "port's operators"
