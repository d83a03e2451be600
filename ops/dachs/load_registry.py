#!/usr/bin/python3
"""Fills the RegTAP tables of data-samples/dachs/rr/q.rd from an OAI-PMH endpoint.

Usage, as a user that may write the gavo database (dachsroot):
    /usr/bin/python3 load_registry.py http://127.0.0.1:8090/oai.xml [dbname]

Harvests every record (ListRecords, metadataPrefix=ivo_vor, following resumption tokens)
and replaces the rr tables' content in one transaction, with RegTAP 1.1's normalisations:
lowercased IVOIDs and xsi:types, '#'-joined content levels, types and wavebands.
Uses python3-lxml and python3-psycopg2, which come with gavodachs2-server.
"""
import sys
import urllib.parse
import urllib.request

import psycopg2
from lxml import etree

OAI = "{http://www.openarchives.org/OAI/2.0/}"
XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"


def local(el, name):
    """Child elements called name, whatever their namespace (VOResource children are unqualified)."""
    return [c for c in el if isinstance(c.tag, str) and etree.QName(c).localname == name]


def first_text(el, *path):
    for name in path:
        found = local(el, name) if el is not None else []
        el = found[0] if found else None
    return el.text.strip() if el is not None and el.text else None


def all_text(el, *path):
    els = [el]
    for name in path:
        els = [c for e in els for c in local(e, name)]
    return [e.text.strip() for e in els if e.text and e.text.strip()]


def xsi_type(el):
    value = el.get(XSI_TYPE)
    return value.lower() if value else None


def records(base):
    params = {"verb": "ListRecords", "metadataPrefix": "ivo_vor"}
    while True:
        with urllib.request.urlopen(base + "?" + urllib.parse.urlencode(params), timeout=60) as response:
            tree = etree.parse(response)
        for record in tree.iter(OAI + "record"):
            header = record.find(OAI + "header")
            if header is not None and header.get("status") == "deleted":
                continue
            metadata = record.find(OAI + "metadata")
            if metadata is not None and len(metadata):
                yield metadata[0]
        token = tree.find(".//" + OAI + "resumptionToken")
        if token is None or not (token.text or "").strip():
            return
        params = {"verb": "ListRecords", "resumptionToken": token.text.strip()}


def rows(res, source):
    ivoid = first_text(res, "identifier").lower()
    content = (local(res, "content") or [None])[0]
    curation = (local(res, "curation") or [None])[0]
    rr = {"resource": [], "capability": [], "interface": [], "res_subject": [], "res_role": []}
    rr["resource"].append({
        "ivoid": ivoid, "res_type": xsi_type(res), "created": res.get("created"), "updated": res.get("updated"),
        "short_name": first_text(res, "shortName"), "res_title": first_text(res, "title"),
        "content_level": "#".join(v.lower() for v in all_text(content, "contentLevel")) or None if content is not None else None,
        "res_description": first_text(content, "description"), "reference_url": first_text(content, "referenceURL"),
        "creator_seq": "; ".join(all_text(curation, "creator", "name")) or None if curation is not None else None,
        "content_type": "#".join(v.lower() for v in all_text(content, "type")) or None if content is not None else None,
        "source_format": (local(content, "source")[0].get("format") if content is not None and local(content, "source") else None),
        "source_value": first_text(content, "source"), "res_version": first_text(curation, "version"),
        "waveband": "#".join(v.lower() for v in all_text(res, "coverage", "waveband")) or None,
        "rights": first_text(res, "rights"), "harvested_from": source,
    })
    for subject in all_text(content, "subject") if content is not None else []:
        rr["res_subject"].append({"ivoid": ivoid, "res_subject": subject})
    if curation is not None:
        index = 0
        for role in ("publisher", "creator", "contact"):
            for el in local(curation, role):
                name = el.text.strip() if role == "publisher" and el.text else first_text(el, "name")
                if not name:
                    continue
                index += 1
                rr["res_role"].append({"ivoid": ivoid, "role_name": name, "role_ivoid": el.get("ivo-id"),
                                       "email": first_text(el, "email"), "base_role": role, "role_index": index})
    for cap_index, cap in enumerate(local(res, "capability"), start=1):
        rr["capability"].append({"ivoid": ivoid, "cap_index": cap_index, "cap_type": xsi_type(cap),
                                 "cap_description": first_text(cap, "description"),
                                 "standard_id": (cap.get("standardID") or "").lower() or None})
        for intf_index, intf in enumerate(local(cap, "interface"), start=1):
            url = (local(intf, "accessURL") or [None])[0]
            rr["interface"].append({"ivoid": ivoid, "cap_index": cap_index, "intf_index": intf_index,
                                    "intf_type": xsi_type(intf), "intf_role": intf.get("role"),
                                    "std_version": intf.get("version"),
                                    "url_use": url.get("use") if url is not None else None,
                                    "access_url": url.text.strip() if url is not None and url.text else None})
    return rr


def main():
    base = sys.argv[1]
    dbname = sys.argv[2] if len(sys.argv) > 2 else "gavo"
    tables = {"resource": [], "capability": [], "interface": [], "res_subject": [], "res_role": []}
    for res in records(base):
        for table, found in rows(res, base).items():
            tables[table].extend(found)
    conn = psycopg2.connect(dbname=dbname)
    with conn, conn.cursor() as cur:
        for table in tables:
            cur.execute("DELETE FROM rr.%s" % table)
        for table, found in tables.items():
            for row in found:
                cols = list(row)
                cur.execute("INSERT INTO rr.%s (%s) VALUES (%s)" % (table, ", ".join(cols), ", ".join(["%s"] * len(cols))),
                            [row[c] for c in cols])
    conn.close()
    print("registry: %d resources, %d capabilities, %d interfaces, %d subjects, %d roles from %s" % (
        len(tables["resource"]), len(tables["capability"]), len(tables["interface"]),
        len(tables["res_subject"]), len(tables["res_role"]), base))


if __name__ == "__main__":
    main()
