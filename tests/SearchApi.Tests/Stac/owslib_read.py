"""Reads the portal's STAC API with OWSLib's OGC API - Features client and its records API with OWSLib's
OGC API - Records client, as a researcher's script does, and prints what it read as JSON.

Usage: /usr/bin/python3 owslib_read.py features BASE_URL COLLECTION
       /usr/bin/python3 owslib_read.py records BASE_URL QUERY TYPE
"""
import json
import sys
import urllib.parse

from owslib.ogcapi.features import Features
from owslib.ogcapi.records import Records


def features(base, collection):
    api = Features(base + "/stac/")
    conformance = api.conformance()["conformsTo"]
    listed = api.feature_collections()
    described = api.collection(collection)
    items = api.collection_items(collection, limit=7)
    boxed = api.collection_items(collection, bbox=[5, 44, 11, 48], datetime="2021-01-01T00:00:00Z/2021-12-31T23:59:59Z", limit=3)
    first = items["features"][0]["id"]
    one = api.collection_item(collection, urllib.parse.quote(first, safe=""))
    return {
        "conformsTo": conformance,
        "collections": listed,
        "title": described["title"],
        "matched": items["numberMatched"],
        "returned": len(items["features"]),
        "boxedMatched": boxed["numberMatched"],
        "first": first,
        "one": one["id"],
        "next": any(link["rel"] == "next" for link in items["links"]),
    }


def records(base, query, kind):
    api = Records(base + "/records/")
    catalogues = api.records()
    described = api.collection(catalogues[0])
    found = api.collection_items(catalogues[0], q=query, type=kind, limit=5)
    first = found["features"][0]
    one = api.collection_item(catalogues[0], urllib.parse.quote(first["id"], safe=""))
    return {
        "catalogues": catalogues,
        "recordTypes": described["recordTypes"],
        "matched": found["numberMatched"],
        "types": sorted({f["properties"]["type"] for f in found["features"]}),
        "first": first["id"],
        "one": one["id"],
        "title": one["properties"]["title"],
    }


if __name__ == "__main__":
    if sys.argv[1] == "features":
        print(json.dumps(features(sys.argv[2], sys.argv[3])))
    else:
        print(json.dumps(records(sys.argv[2], sys.argv[3], sys.argv[4])))
