"""Reads the portal's cone search with pyvo, as a researcher's script does, and prints what it read as JSON.

Usage: /usr/bin/python3 pyvo_cone.py BASE_URL RA DEC SR VERB [NAME=VALUE ...]
  cone:   the rows (ids, positions), the column names and UCDs; or {"error": ...} for a DALQueryError
  vosi:   BASE_URL vosi  reads /vo/scs/capabilities and /vo/scs/availability with pyvo's VOSI parsers
"""
import io
import json
import sys
import urllib.request
import warnings

import pyvo
from pyvo.io import vosi

warnings.simplefilter("ignore")


def cone(base, ra, dec, sr, verb, extra):
    service = pyvo.dal.SCSService(base + "/vo/scs")
    try:
        results = service.search(pos=(float(ra), float(dec)), radius=float(sr), verbosity=int(verb), **extra)
    except pyvo.dal.DALQueryError as e:
        return {"error": str(e)}
    table = results.to_table()
    return {
        "count": len(results),
        "ids": [str(r.id) for r in results],
        "positions": [[float(r.pos.ra.deg), float(r.pos.dec.deg)] for r in results],
        "radii": [float(r["sky.radius"]) for r in results] if "sky.radius" in results.fieldnames else [],
        "fields": list(results.fieldnames),
        "ucds": {f.name: f.ucd for f in results.votable.get_first_table().fields},
        "status": results.query_status if hasattr(results, "query_status") else None,
        "rows": len(table),
    }


def read_vosi(base):
    with urllib.request.urlopen(base + "/vo/scs/capabilities") as f:
        capabilities = vosi.parse_capabilities(io.BytesIO(f.read()))
    with urllib.request.urlopen(base + "/vo/scs/availability") as f:
        availability = vosi.parse_availability(io.BytesIO(f.read()))
    return {
        "capabilities": [
            {"standardID": c.standardid, "urls": [u.content for i in c.interfaces for u in i.accessurls]}
            for c in capabilities
        ],
        "available": bool(availability.available),
    }


if __name__ == "__main__":
    if sys.argv[2] == "vosi":
        print(json.dumps(read_vosi(sys.argv[1])))
    else:
        extra = dict(a.split("=", 1) for a in sys.argv[6:])
        print(json.dumps(cone(sys.argv[1], *sys.argv[2:6], extra)))
