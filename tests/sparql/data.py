"""Small claim graphs that follow docs/data-model.md, built with rdflib (one per article).

Every example query of the editor finds something in them: claims with speakers and verbs,
relayed claims, arrests with place and time, publishers, actors of several kinds.
"""

from __future__ import annotations

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

FK = Namespace("https://w3id.org/factkg/ns#")
SCHEMA = Namespace("https://schema.org/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
PROV = Namespace("http://www.w3.org/ns/prov#")
WD = Namespace("http://www.wikidata.org/entity/")
WDT = Namespace("http://www.wikidata.org/prop/direct/")
GEONAMES = Namespace("http://sws.geonames.org/")
GN = Namespace("http://www.geonames.org/ontology#")

KINDS = {  # actor slug -> (label, fk kind)
    "li-wei": ("Li Wei", FK.Person),
    "amnesty-international": ("Amnesty International", FK.Organization),
    "chinese-government": ("Chinese government", FK.Government),
    "china": ("China", FK.Country),
    "protesters": ("protesters", FK.Group),
    "daily-courier": ("Daily Courier", FK.Organization),
    "morning-post": ("Morning Post", FK.Organization),
}
SPEAKERS = ["li-wei", "amnesty-international", "chinese-government"]
PUBLISHERS = ["daily-courier", "morning-post"]


def article(base: str, i: int) -> tuple[str, Graph]:
    """Article ``i``: its graph IRI and triples (a source, two claims, an event, actors)."""
    ns = Namespace(base)
    g = Graph()
    source, graph_iri = ns[f"source/s{i:04d}"], f"{base}graph/s{i:04d}"
    text = f"Article {i}: police arrested three people, Li Wei said. The government denied it."
    g.add((source, RDF.type, FK.Source))
    g.add((source, RDF.type, SCHEMA.NewsArticle))
    g.add((source, SCHEMA.headline, Literal(f"Arrests in the city, day {i}")))
    g.add((source, SCHEMA.text, Literal(text)))
    g.add((source, SCHEMA.publisher, ns["actor/" + PUBLISHERS[i % 2]]))
    g.add((source, SCHEMA.datePublished, Literal(f"2024-05-{1 + i % 28:02d}", datatype=XSD.date)))
    g.add((source, SCHEMA.inLanguage, Literal("en")))
    for slug, (label, kind) in KINDS.items():
        actor = ns["actor/" + slug]
        g.add((actor, RDF.type, FK.Actor))
        g.add((actor, RDF.type, kind))
        g.add((actor, RDFS.label, Literal(label)))
    g.add((ns["actor/chinese-government"], FK.governmentOf, ns["actor/china"]))
    event = ns[f"event/e{i:04d}"]
    place = ns["place/hong-kong"]
    g.add((event, RDF.type, FK.Event))
    g.add((event, RDF.type, SEM.Event))
    g.add((event, RDFS.label, Literal(f"arrest of three people ({i})")))
    g.add((event, SEM.eventType, FK.Arrest if i % 2 == 0 else FK.Protest))
    g.add((event, SEM.hasPlace, place))
    g.add((event, SEM.hasTimeStamp, Literal(f"2024-05-{1 + i % 28:02d}", datatype=XSD.date)))
    g.add((event, FK.timeExpression, Literal("on Monday")))
    # a participant through its SEM role: the protesters protested, or were arrested
    part = "patient" if i % 2 == 0 else "agent"
    role = URIRef(f"{event}#{part}-protesters")
    g.add((event, SEM.hasActor, role))
    g.add((role, RDF.type, SEM.Role))
    g.add((role, RDF.value, ns["actor/protesters"]))
    g.add((role, SEM.roleType, FK.Patient if i % 2 == 0 else FK.Agent))
    g.add((place, RDF.type, FK.Place))
    g.add((place, RDFS.label, Literal("Hong Kong")))
    for n, (speaker, verb, words) in enumerate(
        [
            (SPEAKERS[i % 3], "say", "police arrested three people"),
            ("chinese-government", "deny", "no one was arrested"),
        ]
    ):
        claim = ns[f"claim/c{i:04d}x{n}"]
        g.add((claim, RDF.type, FK.Claim))
        g.add((claim, RDF.type, SCHEMA.Claim))
        g.add((claim, SCHEMA.text, Literal(words)))
        g.add((claim, FK.reportingVerb, Literal(verb)))
        g.add((claim, SCHEMA.author, ns["actor/" + speaker]))
        g.add((claim, SCHEMA.appearance, source))
        g.add((claim, SCHEMA.about, event))
        if n == 1:
            g.add((claim, FK.relayedBy, ns["actor/" + PUBLISHERS[i % 2]]))
    _links(g, ns, graph_iri, place)
    return graph_iri, g


def _links(g: Graph, ns: Namespace, graph_iri: str, place: URIRef) -> None:
    """The article's links, in the shape of docs/data-model.md: Li Wei is a Wikidata entity
    that is a member of NATO, and the place is linked to Cúcuta's GeoNames feature, in
    Colombia (synthetic data: the query editor's link examples must find something)."""
    cucuta = GEONAMES["3685533/"]
    targets = [
        (ns["actor/li-wei"], WD.Q990000001, "wikidata/1", "Li Wei", "diplomat"),
        (place, cucuta, "geonames/1", "Cúcuta", "city in Colombia"),
    ]
    for n, (subject, target, linker, label, description) in enumerate(targets):
        link = URIRef(f"{graph_iri}#link-{n}")
        g.add((subject, OWL.sameAs, target))
        g.add((link, RDF.type, FK.Link))
        g.add((link, RDF.subject, subject))
        g.add((link, RDF.predicate, OWL.sameAs))
        g.add((link, RDF.object, target))
        g.add((link, FK.linkScore, Literal("0.9", datatype=XSD.decimal)))
        g.add((link, FK.linker, Literal(linker)))
        g.add((link, PROV.wasGeneratedBy, URIRef(f"{graph_iri}#linking")))
        g.add((target, RDFS.label, Literal(label, lang="en")))
        g.add((target, SCHEMA.description, Literal(description, lang="en")))
    g.add((WD.Q990000001, WDT.P463, WD.Q7184))
    g.add((cucuta, GN.parentCountry, GEONAMES["3686110/"]))
    g.add((URIRef(f"{graph_iri}#linking"), RDF.type, PROV.Activity))


def graphs(base: str, n: int) -> dict[str, Graph]:
    return dict(article(base, i) for i in range(n))


def claim_iri(base: str, i: int, n: int = 0) -> URIRef:
    return URIRef(f"{base}claim/c{i:04d}x{n}")
