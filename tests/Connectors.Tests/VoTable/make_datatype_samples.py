"""Writes one table holding every VOTable datatype (scalars, fixed and variable arrays, nulls)
with astropy, in TABLEDATA, BINARY and BINARY2, into Fixtures/VoTable/generated/.
Run once with /usr/bin/python3 (astropy 5.2); the outputs are committed."""
import os
import sys

import numpy as np
from astropy.io.votable.tree import Field, Resource, Table, VOTableFile, Values

OUT = os.path.join(os.path.dirname(__file__), "..", "Fixtures", "VoTable", "generated")

FIELDS = [
    ("b", "boolean", None, None),
    ("bits", "bit", "8", None),
    ("ub", "unsignedByte", None, "255"),
    ("s", "short", None, "-32768"),
    ("i", "int", None, "-2147483648"),
    ("l", "long", None, "-1"),
    ("f", "float", None, None),
    ("d", "double", None, None),
    ("fc", "floatComplex", None, None),
    ("dc", "doubleComplex", None, None),
    ("c", "char", "*", None),
    ("c8", "char", "8", None),
    ("u", "unicodeChar", "*", None),
    ("iarr", "int", "3", None),
    ("dvar", "double", "*", None),
    ("svar", "short", "*", None),
]

ROWS = [
    [True, [1, 0, 1, 1, 0, 0, 1, 0], 7, -12, 123456, 9007199254740993, 1.5, 2.000000000000001,
     1.5 + 2.5j, -0.25 + 1e-300j, "plain text", "fixed", "Ångström ✓", [1, -2, 3], [0.5, 1e300, -7.25], [1, 2]],
    [False, [0, 0, 0, 0, 0, 0, 0, 1], 0, 32767, -2147483647, -9223372036854775807, -3.4028235e38, 5e-324,
     0j, 1 + 1j, "with <markup> & \"quotes\"", "12345678", "日本語", [0, 0, 0], [], [-32768, 32767]],
    [None, [1, 1, 1, 1, 1, 1, 1, 1], None, None, None, None, None, None,
     None, None, None, None, None, [7, 8, 9], [float("nan"), 1.0], []],
]


def build():
    votable = VOTableFile(version="1.4")
    resource = Resource()
    votable.resources.append(resource)
    table = Table(votable, name="datatypes")
    resource.tables.append(table)
    for name, datatype, arraysize, null in FIELDS:
        field = Field(votable, name=name, datatype=datatype, arraysize=arraysize)
        if null is not None:
            field.values = Values(votable, field, null=null)
        table.fields.append(field)
    table.create_arrays(len(ROWS))
    for r, row in enumerate(ROWS):
        for c, (name, datatype, arraysize, null) in enumerate(FIELDS):
            value = row[c]
            if value is None:
                table.array.mask[r][name] = True
                continue
            if arraysize == "*" and datatype not in ("char", "unicodeChar"):
                value = np.ma.array(value, mask=[False] * len(value), dtype={"double": np.float64, "short": np.int16}[datatype])
            table.array.data[r][name] = value
    return votable


def main():
    os.makedirs(OUT, exist_ok=True)
    for suffix, fmt in (("td", "tabledata"), ("b", "binary"), ("b2", "binary2")):
        votable = build()
        votable.to_xml(os.path.join(OUT, f"datatypes.{suffix}.xml"), tabledata_format=fmt)
    print("written to", os.path.abspath(OUT), file=sys.stderr)


if __name__ == "__main__":
    main()
