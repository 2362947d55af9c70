"""factkg's vocabulary as Python values: prefixes, the classes of actor kinds, event types and
event roles. Built from the namespace objects of kg.namespace (FK is generated from the
ontology), so no namespace IRI is typed twice; conversion (kg.convert), the pages' queries,
search and reconciliation all read them from here.

>>> PREFIXES["fk"] == FK_IRI and FK_IRI.endswith("/factkg/ns#")
True
>>> lines = sparql_prologue("fk", "rdfs").splitlines()
>>> lines == [f"PREFIX fk: <{FK_IRI}>", f"PREFIX rdfs: <{RDFS}>"]
True
"""

from __future__ import annotations

from rdflib import OWL, RDF, RDFS, XSD, URIRef

from kg.model import ActorKind, EventRole, EventType
from kg.namespace import DCTERMS, FK, OA, PROV, SCHEMA, SEM, SKOS

#: the fk namespace IRI (written once, in the generated kg/namespace.py)
FK_IRI = str(FK._NS)

PREFIXES: dict[str, str] = {
    "fk": FK_IRI,
    "schema": str(SCHEMA),
    "prov": str(PROV),
    "oa": str(OA),
    "sem": str(SEM),
    "dcterms": str(DCTERMS),
    "skos": str(SKOS),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
}


def sparql_prologue(*names: str) -> str:
    """PREFIX lines for ``names`` (all of PREFIXES when none is given)."""
    chosen = names or tuple(PREFIXES)
    return "".join(f"PREFIX {name}: <{PREFIXES[name]}>\n" for name in chosen)


ACTOR_CLASSES: dict[ActorKind, tuple[URIRef, ...]] = {
    ActorKind.PERSON: (FK.Person, SCHEMA.Person),
    ActorKind.ORGANIZATION: (FK.Organization, SCHEMA.Organization),
    ActorKind.GOVERNMENT: (FK.Government, SCHEMA.GovernmentOrganization),
    ActorKind.COUNTRY: (FK.Country, SCHEMA.Country),
    ActorKind.GROUP: (FK.Group,),
}
KIND_OF_CLASS: dict[URIRef, ActorKind] = {
    classes[0]: kind for kind, classes in ACTOR_CLASSES.items()
}

EVENT_TYPES: dict[EventType, URIRef] = {
    EventType.ARREST: FK.Arrest,
    EventType.DETENTION: FK.Detention,
    EventType.ATTACK: FK.Attack,
    EventType.PROTEST: FK.Protest,
    EventType.MEETING: FK.Meeting,
    EventType.VOTE: FK.Vote,
    EventType.STATEMENT: FK.Statement,
    EventType.ELECTION: FK.Election,
    EventType.CONFLICT: FK.Conflict,
    EventType.OTHER: FK.OtherEvent,
}

ROLE_TYPES: dict[EventRole, URIRef] = {
    EventRole.AGENT: FK.Agent,
    EventRole.PATIENT: FK.Patient,
    EventRole.ADDRESSEE: FK.Addressee,
}
