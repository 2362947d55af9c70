"""Page and /sparql latency on a 10-million-triple store, beside a small one from the same data.

Builds (or reuses, ``--reuse DIR``) an on-disk store of synthetic articles that the SHACL
shapes accept (tests/pages/synth.py's shape, with a skew like news: a few speakers quoted
very often and thousands quoted once or twice, a few hundred publishers, places, events, and
a fact-check for one article in 25). The graphs are made by the real converter (kg.convert),
written as N-Quads and bulk-loaded (``Store.bulk_load``: ~4x faster than transactional
writes); the search index and the shared-facts index are then built the way the service
builds them for an existing store (``kg.store.open.open_store``, which syncs both). A sample
of the graphs is validated in store context (``kg.validate.validate_graphs``).

Then ``service.create_app()`` is served with waitress on 127.0.0.1 and each page is fetched
over one keep-alive ``http.client`` connection: the first request (cold: nothing cached yet)
and the median and p90 of the next ones. The same is printed for a small store (~100k triples)
from the same generator, so what grows with the store shows.

    python benchmarks/big_store.py                          # builds /tmp/bigstore (~10M)
    python benchmarks/big_store.py --reuse /tmp/bigstore    # measures the built stores
"""

from __future__ import annotations

import argparse
import bisect
import http.client
import itertools
import json
import random
import resource
import shutil
import statistics
import sys
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import quote, urlencode

import pyoxigraph as ox
from rdflib import RDF, Graph, URIRef

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kg import shared_facts  # noqa: E402
from kg.convert import review_graph, to_graph  # noqa: E402
from kg.model import (  # noqa: E402
    Actor,
    ActorKind,
    Article,
    Block,
    BlockKind,
    Claim,
    Event,
    EventRole,
    EventType,
    Extraction,
    Rating,
    Review,
    Span,
    Verdict,
)
from kg.namespace import FK  # noqa: E402
from kg.store.open import open_store  # noqa: E402
from kg.store.terms import quads_for  # noqa: E402
from kg.verdicts import VERDICT_IRIS  # noqa: E402
from tests.pages.synth import PROLIFIC, PROVENANCE, quoted  # noqa: E402

BASE = "http://factkg.bench/"
DEFAULT_DIR = Path("/tmp/bigstore")
BIG_TRIPLES = 10_000_000
SMALL_TRIPLES = 100_000

_SYLLABLES = [
    c + v
    for c in ("b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "sh", "ch")
    for v in ("a", "e", "i", "o", "u", "ai", "ou")
]


def _word(n: int, syllables: int) -> str:
    """A pronounceable made-up word, one per ``n``: names and vocabulary nobody else uses."""
    out = []
    for _ in range(syllables):
        n, r = divmod(n, len(_SYLLABLES))
        out.append(_SYLLABLES[r])
    return "".join(out)


def _zipf(n: int, s: float) -> list[float]:
    """Cumulative weights of ranks 1..n under Zipf's law (bisect a uniform draw into it)."""
    return list(itertools.accumulate(1.0 / (r**s) for r in range(1, n + 1)))


def _pick(rng: random.Random, cum: list[float]) -> int:
    return bisect.bisect_left(cum, rng.random() * cum[-1])


N_SPEAKERS = 30_000
N_PUBLISHERS = 300
N_PLACES = 600
N_WORDS = 4_000
ROLES = ["the interior minister", "a spokesman", "a researcher", "the opposition leader",
         "an analyst", "a senator", "the mayor", "a union leader"]  # fmt: skip
TOPICS = ["taxes", "the harbour bridge", "fuel prices", "the border", "school meals", "the census"]
VERBS = ["rise", "fall", "stall", "double", "halve", "vanish"]
EVENTS = [EventType.ARREST, EventType.PROTEST, EventType.MEETING, EventType.VOTE,
          EventType.ATTACK, EventType.ELECTION]  # fmt: skip
FACT_CHECKERS = ["Check Desk", "Truth Meter", "Verify Now", "Fact Lens", "Claim Watch"]
RATINGS = {Verdict.FALSE: "False", Verdict.MOSTLY_FALSE: "Mostly false",
           Verdict.MIXTURE: "Half true", Verdict.MOSTLY_TRUE: "Mostly true",
           Verdict.TRUE: "True"}  # fmt: skip
#: a speaker quoted once or twice in the big store
RARE_RANK = 5_000
#: a word every 40th quote carries and one of the vocabulary's rarest, for the search timings
COMMON_WORD, RARE_WORD = "taxes", _word(N_WORDS - 1, 3)


def speaker(n: int) -> tuple[str, ActorKind, str]:
    """Speaker of rank ``n`` (0 is quoted most): name, kind, role."""
    if n == 0:
        return PROLIFIC, ActorKind.PERSON, ROLES[0]
    if n % 17 == 0:
        return f"{_word(n, 3).capitalize()} Institute", ActorKind.ORGANIZATION, "a think tank"
    name = f"{_word(n, 2).capitalize()} {_word(n * 7919, 3).capitalize()}"
    return name, ActorKind.PERSON, ROLES[n % len(ROLES)]


class Generator:
    """Articles ``i`` = 0, 1, ... as Extractions (deterministic in ``i``) and their graphs."""

    def __init__(self) -> None:
        self.speakers = _zipf(N_SPEAKERS, 1.1)
        self.publishers = _zipf(N_PUBLISHERS, 0.9)
        self.places = _zipf(N_PLACES, 1.0)
        self.words = _zipf(N_WORDS, 1.0)

    def extraction(self, i: int) -> Extraction:
        rng = random.Random(i)
        title = f"Row over {TOPICS[i % len(TOPICS)]} deepens (report {i})"
        text = title + "\n"
        actors: dict[str, Actor] = {}
        claims: list[Claim] = []

        def actor(label: str, kind: ActorKind, role: str) -> Actor:
            if label not in actors:
                actors[label] = Actor(f"a{len(actors)}", label, kind, roles=[role])
            return actors[label]

        place = f"{_word(_pick(rng, self.places), 2).capitalize()}ville"
        events: list[Event] = []
        for k in range(rng.randint(3, 7)):
            label, kind, role = speaker(_pick(rng, self.speakers))
            who = actor(label, kind, role)
            words = " ".join(_word(_pick(rng, self.words), 3) for _ in range(3))
            topic = TOPICS[rng.randrange(len(TOPICS))] if rng.random() < 0.15 else words
            quote = (
                f"{topic.capitalize()} will {rng.choice(VERBS)} by {2020 + i % 7}, {words} {i}-{k}"
            )
            text, mention, claim = quoted(text, quote, label, role, who.key)
            who.mentions.append(mention)
            claims.append(claim)
        police = actor("Police", ActorKind.GROUP, "police")
        etype = EVENTS[rng.randrange(len(EVENTS))]
        sentence = f"Police reported a {etype.value} in {place}."
        start = len(text)
        text += sentence + "\n"
        at = start + sentence.index(etype.value)
        events.append(
            Event(
                "e1",
                etype,
                f"{etype.value} in {place} ({i})",
                Span(at, at + len(etype.value)),
                participants=[police.key],
                roles={police.key: EventRole.AGENT},
                place=place,
                time_text="on Tuesday",
            )
        )
        publisher = f"The {_word(_pick(rng, self.publishers), 2).capitalize()} Herald"
        article = Article(
            text=text,
            title=title,
            blocks=[Block(Span(0, len(title)), BlockKind.HEADLINE)],
            url=f"https://news.example/{i}",
            publisher=publisher,
            published=date(2015, 1, 1) + timedelta(days=rng.randrange(4000)),
        )
        return Extraction(article, claims, list(actors.values()), events)

    def graphs(self, i: int) -> Iterator[tuple[str, Graph]]:
        """Article ``i``'s graph, and for one article in 25 a fact-check of its first claim."""
        extraction = self.extraction(i)
        iri, g = to_graph(extraction, BASE, PROVENANCE)
        yield iri, g
        if i % 25 == 0:
            rng = random.Random(-i)
            first = extraction.claims[0]
            claim = next(
                str(c)
                for c in g.subjects(RDF.type, FK.Claim)
                if str(g.value(c, _TEXT)) == first.text
            )
            verdict = rng.choice(list(RATINGS))
            review = Review(
                claim_reviewed=first.text,
                rating=Rating(alternate_name=RATINGS[verdict]),
                url=f"https://factcheck.example/{i}",
                reviewer=rng.choice(FACT_CHECKERS),
                date_published=extraction.article.published,
            )
            yield review_graph(review, BASE, VERDICT_IRIS[verdict], "0.1.0", claim=claim)


_TEXT = URIRef("https://schema.org/text")


# --- building ---------------------------------------------------------------------------


def build(directory: Path, triples: int) -> dict[str, int]:
    """Write N-Quads until ``triples`` are written, bulk-load them, build the indexes."""
    if directory.exists():
        shutil.rmtree(directory)
    directory.mkdir(parents=True)
    nq = directory / "data.nq"
    gen = Generator()
    written = articles = graphs = 0
    t0 = time.perf_counter()
    with nq.open("wb") as out:
        batch: list[ox.Quad] = []
        while written + len(batch) < triples:
            for iri, g in gen.graphs(articles):
                batch.extend(quads_for(g, iri))
                graphs += 1
            articles += 1
            if len(batch) >= 200_000:
                ox.serialize(batch, out, ox.RdfFormat.N_QUADS)
                written += len(batch)
                batch = []
                print(f"  {written:,} quads written ({time.perf_counter() - t0:.0f} s)", flush=True)
        if batch:
            ox.serialize(batch, out, ox.RdfFormat.N_QUADS)
            written += len(batch)
    t1 = time.perf_counter()
    raw = ox.Store(str(directory / "store"))
    raw.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
    raw.flush()
    raw.optimize()
    quads = len(raw)
    claims = _first(
        raw, "SELECT (COUNT(?c) AS ?n) WHERE { ?c a <https://w3id.org/factkg/ns#Claim> }"
    )
    del raw
    t2 = time.perf_counter()
    # as the service opens it: the search index indexes the graphs it lacks; the shared-facts
    # index (what validation reads of shared actors) is synced at first use, here now
    store = open_store(directory / "store")
    facts = shared_facts.index_for(store)
    if facts is not None:
        facts.sync(store)
    store.close()
    t3 = time.perf_counter()
    nq.unlink()
    meta = {"articles": articles, "graphs": graphs, "quads": quads, "claims": int(claims or 0)}
    meta |= {"generate_s": round(t1 - t0), "load_s": round(t2 - t1), "index_s": round(t3 - t2)}
    (directory / "meta.json").write_text(json.dumps(meta))
    return meta


def check_sample(directory: Path, n: int = 50) -> tuple[int, int]:
    """Validate ``n`` random article graphs in store context: (conforming, checked)."""
    from kg.validate import validate_graphs

    meta = json.loads((directory / "meta.json").read_text())
    store = open_store(directory / "store")  # as the service does: with its shared facts
    try:
        rng = random.Random(1)
        gen = Generator()
        ok = 0
        picked = rng.sample(range(meta["articles"]), min(n, meta["articles"]))
        for i in picked:
            iri, _ = next(gen.graphs(i))
            if validate_graphs(store, {iri: store.graph(iri)}).conforms:
                ok += 1
        return ok, len(picked)
    finally:
        store.close()


# --- measuring --------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


class Client:
    """One keep-alive connection to the app."""

    def __init__(self, port: int) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)

    def get(self, path: str, accept: str = "text/html") -> float:
        start = time.perf_counter()
        self.conn.request("GET", path, headers={"Accept": accept})
        resp = self.conn.getresponse()
        body = resp.read()
        elapsed = (time.perf_counter() - start) * 1000
        if resp.status != 200:
            raise SystemExit(f"{path}: HTTP {resp.status}: {body[:300]!r}")
        return elapsed


def _sample(store: ox.Store, query: str, n: int, seed: int) -> list[str]:
    found = [s[0].value for s in store.query(query, use_default_graph_as_union=True)]  # type: ignore[union-attr]
    return random.Random(seed).sample(found, min(n, len(found)))


def _first(store: ox.Store, query: str) -> str | None:
    for solution in store.query(query, use_default_graph_as_union=True):  # type: ignore[union-attr]
        return str(solution[0].value)
    return None


def targets(directory: Path) -> tuple[dict[str, list[str]], dict[str, str]]:
    """Pages to time (name -> paths; several paths: each fetched once, in turn) and the
    /sparql mix (benchmarks/sparql_latency.py's query shapes on this data)."""
    raw = ox.Store.read_only(str(directory / "store"))
    pre = "PREFIX fk: <https://w3id.org/factkg/ns#> PREFIX schema: <https://schema.org/> "
    claims = _sample(raw, pre + "SELECT ?c WHERE { ?c a fk:Claim }", 200, 1)
    sources = _sample(raw, pre + "SELECT ?s WHERE { ?s a fk:Source }", 100, 2)
    label = "<http://www.w3.org/2000/01/rdf-schema#label>"
    top = _first(raw, f'SELECT ?a WHERE {{ ?a {label} "{PROLIFIC}" }} LIMIT 1')
    rare = speaker(RARE_RANK)[0]
    rare_iri = _first(raw, f'SELECT ?a WHERE {{ ?a {label} "{rare}" }} LIMIT 1')
    publisher = _first(raw, pre + "SELECT ?p WHERE { ?s schema:publisher ?p } LIMIT 1")
    del raw

    def local(iri: str) -> str:
        return "/" + iri[len(BASE) :]

    assert top is not None and publisher is not None, "not a store this script built"
    sp = quote(top, safe="")
    pages: dict[str, list[str]] = {
        "home": ["/"],
        # the same claims and sources twice: their graph's SHACL report is cached after one view
        "claim page, first view (SHACL)": [local(c) for c in claims[:40]],
        "claim page": [local(c) for c in claims[:40]],
        "source page, first view (SHACL)": [local(s) for s in sources[:40]],
        "source page": [local(s) for s in sources[:40]],
        "actor page, most quoted": [local(top)],
        "actor page 2, most quoted": [local(top) + "?page=2"],
        "actor page 200, most quoted": [local(top) + "?page=200"],
        "actor page, rare speaker": [local(rare_iri)] if rare_iri else [],
        f"search '{COMMON_WORD}' (common)": [f"/search?q={COMMON_WORD}"],
        f"search '{RARE_WORD}' (rare)": [f"/search?q={RARE_WORD}"],
        "search 'okafor' (top speaker)": ["/search?q=okafor"],
        "search two words, page 3": [f"/search?q={COMMON_WORD}+will&page=3"],
        "search with verdict filter": [f"/search?q={COMMON_WORD}&verdict=false"],
        "claims list": ["/claims"],
        "claims list, page 400": ["/claims?page=400"],
        "claims by the top speaker": [f"/claims?speaker={sp}"],
        "claims by the top speaker, page 100": [f"/claims?speaker={sp}&page=100"],
        "claims in a date range": ["/claims?since=2019-01-01&until=2019-06-30"],
        "claims, verdict false": ["/claims?verdict=false"],
        "claims, speaker + dates": [f"/claims?speaker={sp}&since=2019-01-01&until=2020-12-31"],
        "claims of one publisher": [f"/claims?publisher={quote(publisher, safe='')}"],
        "actors list": ["/actors"],
        "actors list, page 300": ["/actors?page=300"],
        "actors list, kind Organization": ["/actors?kind=Organization"],
    }
    claim = claims[0]
    prefixes = pre + (
        "PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> "
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
    )
    mix = {
        "claim page": f"SELECT ?p ?o WHERE {{ <{claim}> ?p ?o }}",
        "claim graph (CONSTRUCT)": f"CONSTRUCT {{ <{claim}> ?p ?o . ?o rdfs:label ?l }} "
        f"WHERE {{ <{claim}> ?p ?o OPTIONAL {{ ?o rdfs:label ?l }} }}",
        "claims by speaker": f"SELECT ?claim ?text WHERE {{ ?claim schema:author <{top}> ; "
        "schema:text ?text } LIMIT 50",
        "arrests with place": "SELECT ?event ?place ?when WHERE { ?event sem:eventType fk:Arrest ; "
        "sem:hasPlace ?place ; sem:hasTimeStamp ?when } LIMIT 100",
        "claims per publisher": "SELECT ?pub (COUNT(?claim) AS ?n) WHERE { ?claim "
        "schema:appearance ?s . ?s schema:publisher ?pub } GROUP BY ?pub ORDER BY DESC(?n)",
        "actor by label": f'SELECT ?a WHERE {{ ?a rdfs:label "{rare}" }}',
        "ASK relayed": f"ASK {{ ?c schema:author <{top}> }}",
    }
    return pages, {k: prefixes + v for k, v in mix.items()}


def measure(directory: Path, repeats: int) -> list[tuple[str, float, float, float]]:
    """(name, first ms, median ms, p90 ms) of every page and /sparql query."""
    from service import create_app
    from tests.conftest import start_server

    pages, mix = targets(directory)
    app = create_app({"STORE": str(directory / "store"), "BASE_URI": BASE})
    url, stop = start_server(app)
    client = Client(int(url.rsplit(":", 1)[1]))
    out: list[tuple[str, float, float, float]] = []
    try:
        warm = client.get("/claims?page=2")  # imports, templates, the tallies' first count
        print(f"  first request (counts the tallies): {warm:.0f} ms", flush=True)
        for name, paths in pages.items():
            if not paths:  # not in this store
                out.append((name, float("nan"), float("nan"), float("nan")))
                continue
            if len(paths) > 1:
                times = [client.get(p) for p in paths]
                first = times[0]
            else:
                first = client.get(paths[0])
                times = [client.get(paths[0]) for _ in range(repeats)]
            out.append((name, first, statistics.median(times), percentile(times, 0.9)))
            print(f"  {name}: {out[-1][1]:.1f} / {out[-1][2]:.1f} ms", flush=True)
        for name, query in mix.items():
            accept = "text/turtle" if "CONSTRUCT" in query else "application/sparql-results+json"
            path = "/sparql?" + urlencode({"query": query})
            first = client.get(path, accept)
            times = [client.get(path, accept) for _ in range(repeats)]
            out.append(
                (f"/sparql: {name}", first, statistics.median(times), percentile(times, 0.9))
            )
    finally:
        client.conn.close()
        stop()
        with app.app_context():
            from service.backend import get_store

            get_store().close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reuse", type=Path, help="a directory this script built before")
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR, help="where to build")
    parser.add_argument("--triples", type=int, default=BIG_TRIPLES)
    parser.add_argument("--small", type=int, default=SMALL_TRIPLES)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--sizes", default="small,big", help="which stores to measure")
    args = parser.parse_args()
    root: Path = args.reuse or args.dir
    stores = {"small": (root / "small", args.small), "big": (root / "big", args.triples)}
    results: dict[str, list[tuple[str, float, float, float]]] = {}
    for size, (directory, triples) in stores.items():
        if size not in args.sizes.split(","):
            continue
        if args.reuse is None or not (directory / "meta.json").exists():
            print(f"building the {size} store in {directory} ...", flush=True)
            build(directory, triples)
        meta = json.loads((directory / "meta.json").read_text())
        ok, checked = check_sample(directory)
        print(
            f"{size}: {meta['quads']:,} quads, {meta['graphs']:,} graphs, "
            f"{meta['articles']:,} articles, {meta['claims']:,} claims (built in "
            f"{meta['generate_s']} s generating, "
            f"{meta['load_s']} s bulk load, {meta['index_s']} s indexes); "
            f"{ok} of {checked} sampled graphs conform",
            flush=True,
        )
        results[size] = measure(directory, args.repeats)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"  peak memory of this process so far: {peak:.0f} MB", flush=True)
    if len(results) < 2:
        return
    small, big = results["small"], results["big"]
    print("\n| request | small first | small median | big first | big median | big p90 |")
    print("|---|---:|---:|---:|---:|---:|")
    for (name, s_first, s_med, _), (_, b_first, b_med, b_p90) in zip(small, big, strict=True):
        print(
            f"| {name} | {s_first:.1f} | {s_med:.1f} | {b_first:.1f} | {b_med:.1f} | {b_p90:.1f} |"
        )


if __name__ == "__main__":
    main()
