"""RDF namespaces; ``FK`` is closed, generated from the ontology: a misspelt term fails.

Regenerate the FK class with ``python -m kg.namespace_gen > kg/namespace.py`` after editing
ontology/factkg.ttl; tests/ingest/test_ontology.py checks that it is current.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace


class _Namespace(Namespace):
    """An open namespace that makes each term once: rdflib's makes and checks a new URIRef on
    every attribute read, a tenth of the time spent converting an article to RDF."""

    def __getattr__(self, name: str) -> URIRef:
        term = super().__getattr__(name)
        self.__dict__[name] = term  # found by the next read before __getattr__ is asked
        return term


SCHEMA = _Namespace("https://schema.org/")
PROV = _Namespace("http://www.w3.org/ns/prov#")
OA = _Namespace("http://www.w3.org/ns/oa#")
SEM = _Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
DCTERMS = _Namespace("http://purl.org/dc/terms/")
SKOS = _Namespace("http://www.w3.org/2004/02/skos/core#")


class FK(DefinedNamespace):
    """The factkg ontology, https://w3id.org/factkg/ns#."""

    _NS = Namespace("https://w3id.org/factkg/ns#")
    _fail = True

    Actor: URIRef  # Actor
    Addressee: URIRef  # addressee
    Agent: URIRef  # agent
    Arrest: URIRef  # arrest
    Attack: URIRef  # attack
    Claim: URIRef  # Claim
    ClaimMatch: URIRef  # Claim match
    Conflict: URIRef  # conflict
    Country: URIRef  # Country
    Detention: URIRef  # detention
    Election: URIRef  # election
    Event: URIRef  # Event
    EventType: URIRef  # Event type
    EventTypes: URIRef  # factkg event types
    Government: URIRef  # Government
    Group: URIRef  # Group
    Link: URIRef  # Link
    Meeting: URIRef  # meeting
    Organization: URIRef  # Organization
    OtherEvent: URIRef  # other event
    Patient: URIRef  # patient
    Person: URIRef  # Person
    Place: URIRef  # Place
    Protest: URIRef  # protest
    Review: URIRef  # Review
    ReviewedClaim: URIRef  # Reviewed claim
    RoleType: URIRef  # Role type
    RoleTypes: URIRef  # factkg role types
    Source: URIRef  # Source
    Statement: URIRef  # statement
    Verdict: URIRef  # Verdict
    VerdictFalse: URIRef  # false
    VerdictMixture: URIRef  # mixture
    VerdictMostlyFalse: URIRef  # mostly false
    VerdictMostlyTrue: URIRef  # mostly true
    VerdictOther: URIRef  # other
    VerdictTrue: URIRef  # true
    Verdicts: URIRef  # factkg verdicts
    Vote: URIRef  # vote
    factkg: URIRef  # factkg
    governmentOf: URIRef  # government of
    inHeadline: URIRef  # in headline
    linkScore: URIRef  # link score
    linker: URIRef  # linker
    matchMethod: URIRef  # match method
    matchScore: URIRef  # match score
    mentionedAt: URIRef  # mentioned at
    nlpModel: URIRef  # NLP model
    quote: URIRef  # quote
    quoteSpan: URIRef  # quote span
    relayedBy: URIRef  # relayed by
    reportingVerb: URIRef  # reporting verb
    reportingVerbText: URIRef  # reporting verb as written
    role: URIRef  # role
    sameClaimAs: URIRef  # same claim as
    softwareVersion: URIRef  # software version
    textSpan: URIRef  # text span
    timeExpression: URIRef  # time expression
    verdict: URIRef  # verdict
