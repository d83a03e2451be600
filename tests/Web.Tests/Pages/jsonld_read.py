"""Reads an asset page's JSON-LD with rdflib (as a dataset search engine's RDF reader does) and prints, as JSON,
what the graph says about the Dataset. The schema.org context is given locally (its @vocab), so nothing is fetched.

    python3 jsonld_read.py FILE
"""
import json
import sys

from rdflib import Graph, Namespace, RDF

SDO = Namespace("http://schema.org/")

document = json.load(open(sys.argv[1], encoding="utf-8"))
if document.get("@context") in ("https://schema.org/", "https://schema.org", "http://schema.org/"):
    document["@context"] = {"@vocab": "http://schema.org/"}
graph = Graph().parse(data=json.dumps(document), format="json-ld")

subjects = [s for s in graph.subjects(RDF.type, SDO.Dataset)] + [s for s in graph.subjects(RDF.type, SDO.SoftwareApplication)]
if len(subjects) != 1:
    raise SystemExit("expected one Dataset, found %d" % len(subjects))
d = subjects[0]


def values(node, prop):
    return sorted(str(v) for v in graph.objects(node, prop))


def one(node, prop):
    found = values(node, prop)
    return found[0] if found else None


creators = list(graph.objects(d, SDO.creator))
places = list(graph.objects(d, SDO.spatialCoverage))
downloads = list(graph.objects(d, SDO.distribution))
catalogs = list(graph.objects(d, SDO.includedInDataCatalog))
print(json.dumps({
    "id": str(d),
    "triples": len(graph),
    "name": one(d, SDO.name),
    "description": one(d, SDO.description),
    "identifier": values(d, SDO.identifier),
    "creators": sorted(one(c, SDO.name) for c in creators),
    "creatorIds": sorted(str(c) for c in creators),
    "license": one(d, SDO.license),
    "keywords": values(d, SDO.keywords),
    "box": [one(g, SDO.box) for p in places for g in graph.objects(p, SDO.geo)],
    "temporalCoverage": one(d, SDO.temporalCoverage),
    "contentUrls": sorted(one(x, SDO.contentUrl) for x in downloads),
    "encodingFormats": sorted(one(x, SDO.encodingFormat) or "" for x in downloads),
    "catalog": [one(c, SDO.name) for c in catalogs],
}))
