"""A small OAI-PMH harvester on the standard library alone: follows resumption tokens to the end of a list and
prints what it harvested as JSON (live and deleted records, pages, distinct identifiers).

    python3 harvest.py BASE_URL VERB PREFIX [SET]
"""
import json
import sys
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

OAI = "{http://www.openarchives.org/OAI/2.0/}"


def harvest(base, verb, prefix, set_spec=None):
    arguments = {"verb": verb, "metadataPrefix": prefix}
    if set_spec:
        arguments["set"] = set_spec
    live, deleted, pages, identifiers = 0, 0, 0, set()
    while True:
        with urllib.request.urlopen(base + "?" + urllib.parse.urlencode(arguments), timeout=60) as answer:
            root = ET.fromstring(answer.read())
        error = root.find(OAI + "error")
        if error is not None:
            if error.get("code") == "noRecordsMatch" and pages == 0:
                break
            raise SystemExit("OAI error %s: %s" % (error.get("code"), error.text))
        pages += 1
        listing = root.find(OAI + verb)
        for header in listing.iter(OAI + "header"):
            identifier = header.find(OAI + "identifier").text
            if identifier in identifiers:
                raise SystemExit("harvested twice: " + identifier)
            identifiers.add(identifier)
            if header.get("status") == "deleted":
                deleted += 1
            else:
                live += 1
        token = listing.find(OAI + "resumptionToken")
        if token is None or not (token.text or "").strip():
            break
        arguments = {"verb": verb, "resumptionToken": token.text.strip()}
    return {"live": live, "deleted": deleted, "pages": pages, "identifiers": len(identifiers)}


if __name__ == "__main__":
    base, verb, prefix = sys.argv[1:4]
    print(json.dumps(harvest(base, verb, prefix, sys.argv[4] if len(sys.argv) > 4 else None)))
