#!/usr/bin/env python3
"""Writes data-samples/names/openngc-objects.csv and ordinary-words.txt (deterministic).

openngc-objects.csv: one row per OpenNGC object with a position, Dup rows folded into the entry they
point at, coordinates in degrees, and every name people type (designation, Messier, NGC/IC cross
identifications, catalogue identifiers, common names) in one |-separated column.

ordinary-words.txt: the words a single query word must not be taken as an object name for: the
lowercase words of SCOWL (Debian's wamerican-small), the missions of the mission vocabulary, and
solar-system bodies (they move, so a position learned for them would be wrong elsewhere).

usage: derive_names.py [OPENNGC_DIR] (default /work/shared/names); needs `apt-get install wamerican-small`.
"""
import csv
import os
import re
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "data-samples", "names")
SOURCE = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/names"
DICTIONARY = "/usr/share/dict/american-english-small"

# Identifiers nobody types: ESO-LV is an internal numbering of the ESO/Uppsala survey.
SKIPPED_IDENTIFIERS = ("ESO-LV", "ESOLV")


def identifiers(column):
    """The cross identifications worth typing; a bare catalogue name ("HD" in three rows) names nothing."""
    kept = []
    for i in (i.strip() for i in column.split(",")):
        if i and not i.startswith(SKIPPED_IDENTIFIERS) and (re.search(r"[0-9]", i) or " " in i):
            kept.append(i)
    return kept

SOLAR_SYSTEM = """sun moon mercury venus earth mars jupiter saturn uranus neptune pluto ceres vesta pallas
eris makemake haumea sedna io europa ganymede callisto titan enceladus mimas tethys dione rhea iapetus
hyperion phoebe miranda ariel umbriel titania oberon triton nereid charon phobos deimos arrokoth bennu
ryugu itokawa eros didymos dimorphos churyumov gerasimenko halley""".split()


def degrees_ra(text):
    h, m, s = (float(x) for x in text.split(":"))
    return (h + m / 60 + s / 3600) * 15


def degrees_dec(text):
    sign = -1 if text.startswith("-") else 1
    d, m, s = (float(x) for x in text.lstrip("+-").split(":"))
    return sign * (d + m / 60 + s / 3600)


def designation(name):
    """NGC0224 -> NGC 224, IC0001 -> IC 1; other catalogues as written."""
    m = re.fullmatch(r"(NGC|IC)0*(\d+)(.*)", name)
    return f"{m.group(1)} {m.group(2)}{m.group(3)}" if m else name


def numbers(column):
    return [n.strip() for n in column.split(",") if n.strip()]


def cross_names(row):
    # Messier before the designation: after the common names, the first name is what the portal shows.
    names = [f"M {int(n)}" for n in numbers(row["M"])]
    names += [designation(row["Name"])]
    names += [f"NGC {int(n)}" if n.isdigit() else f"NGC {n}" for n in numbers(row["NGC"])]
    names += [f"IC {int(n)}" if n.isdigit() else f"IC {n}" for n in numbers(row["IC"])]
    names += identifiers(row["Identifiers"])
    return names


def key(name):
    return re.sub(r"[^0-9a-z]", "", re.sub(r"(?<![0-9])0+(?=[0-9])", "", name.lower()))


def read_openngc():
    rows = []
    for file in ("openngc-NGC.csv", "openngc-addendum.csv"):
        with open(os.path.join(SOURCE, file), encoding="utf-8", newline="") as f:
            rows += list(csv.DictReader(f, delimiter=";"))
    return rows


def write_objects(rows):
    objects = [r for r in rows if r["Type"] not in ("Dup", "NonEx") and r["RA"] and r["Dec"]]
    entries = []
    by_key = {}
    for r in objects:
        common = [c.strip() for c in r["Common names"].split(",") if c.strip()]
        names = common + cross_names(r)
        entry = {"row": r, "names": names}
        entries.append(entry)
        for n in [designation(r["Name"])] + [f"M {int(n)}" for n in numbers(r["M"])]:
            by_key.setdefault(key(n), entry)
    folded = unresolved = 0
    for d in (r for r in rows if r["Type"] == "Dup"):
        targets = [f"NGC {n}" for n in numbers(d["NGC"])] + [f"IC {n}" for n in numbers(d["IC"])] + [f"M {n}" for n in numbers(d["M"])]
        entry = next((by_key[key(t)] for t in targets if key(t) in by_key), None)
        if entry is None:
            unresolved += 1
            continue
        folded += 1
        own = [designation(d["Name"])] + identifiers(d["Identifiers"])
        own += [c.strip() for c in d["Common names"].split(",") if c.strip()]
        entry["names"] += own
    with open(os.path.join(OUT, "openngc-objects.csv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("# Derived from OpenNGC (github.com/mattiaverga/OpenNGC, commit 17397545d4e64708e2f4867796d97d33a1fff40f),\n")
        f.write("# CC-BY-SA-4.0 (LICENSE-CC-BY-SA-4.0.txt), by ops/names/derive_names.py. See PROVENANCE.md.\n")
        f.write("name;type;ra;dec;majax;names\n")
        for e in entries:
            r = e["row"]
            seen, names = set(), []
            for n in e["names"]:
                if n.lower() not in seen:
                    seen.add(n.lower())
                    names.append(n.replace("|", " ").replace(";", " "))
            f.write(f"{r['Name']};{r['Type']};{degrees_ra(r['RA']):.6f};{degrees_dec(r['Dec']):.6f};{r['MajAx']};{'|'.join(names)}\n")
    print(f"{len(entries)} objects, {folded} Dup rows folded in, {unresolved} Dup rows without a target")


def write_words():
    with open(DICTIONARY, encoding="utf-8") as f:
        words = {w.strip() for w in f if re.fullmatch(r"[a-z]+", w.strip())}
    with open(os.path.join(ROOT, "data-samples", "vocabulary", "missions.yaml"), encoding="utf-8") as f:
        vocabulary = yaml.safe_load(f)
    for family in vocabulary["families"]:
        for mission in family["missions"]:
            for name in [mission["name"], *mission.get("aliases", [])]:
                if re.fullmatch(r"[A-Za-z]+", name):
                    words.add(name.lower())
    words.update(SOLAR_SYSTEM)
    with open(os.path.join(OUT, "ordinary-words.txt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("# Lowercase words of SCOWL (wamerican-small 2020.12.07, Copyright 2000-2011 Kevin Atkinson; permission\n")
        f.write("# notice in PROVENANCE.md), the one-word missions of data-samples/vocabulary/missions.yaml and\n")
        f.write("# solar-system bodies. Written by ops/names/derive_names.py.\n")
        for w in sorted(words):
            f.write(w + "\n")
    print(f"{len(words)} ordinary words")


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    write_objects(read_openngc())
    write_words()
