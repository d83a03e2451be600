"""Reads a VOTable with astropy's VOTable reader, strictly (every warning an error), and prints it as JSON.

Usage: /usr/bin/python3 astropy_read.py FILE
Prints the fields (name, datatype, ucd, unit, xtype), the INFO elements and each row's id, time.start and
sky.polygon, so a test can compare them with the portal's JSON answer.
"""
import json
import sys

import numpy as np
from astropy.io.votable import parse


def text(value):
    if value is np.ma.masked:
        return None
    if isinstance(value, bytes):
        return value.decode("utf-8")
    return str(value)


def numbers(value):
    if value is np.ma.masked:
        return None
    values = np.ma.filled(np.ma.asarray(value, dtype=float), np.nan).tolist()
    return values if values else None


votable = parse(sys.argv[1], verify="exception")
table = votable.get_first_table()
data = table.array
print(json.dumps({
    "fields": [{"name": f.name, "datatype": f.datatype, "ucd": f.ucd, "unit": str(f.unit) if f.unit else None, "xtype": f.xtype} for f in table.fields],
    "infos": {i.name: i.value for r in votable.resources for i in r.infos},
    "rows": len(data),
    "ids": [text(v) for v in data["id"]],
    "starts": [text(v) for v in data["time.start"]],
    "polygons": [numbers(v) for v in data["sky.polygon"]],
}))
