"""Prints a VOTable as astropy.io.votable reads it, as JSON, for the cell-by-cell agreement test.

Masked cells and NaN floats are null; arrays are lists; complex numbers are [re, im].
Usage: /usr/bin/python3 astropy_dump.py FILE
"""
import json
import math
import sys
import warnings

import numpy as np
from astropy.io.votable import parse


def cell(value, mask):
    if isinstance(mask, np.ndarray):
        if mask.all() and mask.size > 0 and not isinstance(value, (str, bytes)):
            return None
    elif bool(mask):
        return None
    if isinstance(value, np.ma.MaskedArray):
        return [cell(v, m) for v, m in zip(value.data.tolist(), np.ma.getmaskarray(value).tolist())]
    if isinstance(value, np.ndarray):
        if value.dtype.kind in "SU" and value.ndim == 0:
            value = value.item()
        else:
            return [cell(v, False) for v in value.tolist()]
    if isinstance(value, bytes):
        value = value.decode("utf-8")
    if isinstance(value, (np.generic,)):
        value = value.item()
    if isinstance(value, complex):
        return [value.real, value.imag]
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, list):
        return [cell(v, False) for v in value]
    return value


def main(path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        votable = parse(path, verify="ignore")
    infos = [{"name": i.name, "value": i.value} for i in votable.iter_info()]
    tables = []
    for table in votable.iter_tables():
        array = table.array
        rows = []
        for r in range(len(array)):
            rows.append([cell(array.data[r][c], array.mask[r][c]) for c in range(len(table.fields))])
        tables.append({"fields": [f.name or f.ID for f in table.fields], "rows": rows})
    json.dump({"infos": infos, "tables": tables}, sys.stdout, allow_nan=False)


if __name__ == "__main__":
    main(sys.argv[1])
