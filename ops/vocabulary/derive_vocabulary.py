#!/usr/bin/python3
"""Writes data-samples/vocabulary/missions-derived.yaml from the maintained lists in
data-samples/vocabulary/sources/ (see PROVENANCE.md there):

- NASA GCMD platform keywords (Earth observation, solar and space observation, interplanetary
  spacecraft, space stations, aircraft): a series whose members carry its name (SENTINEL-2 ->
  SENTINEL-2A) is one mission with its members as aliases; every other platform is a mission, its
  long name an alias.
- NASA GCMD instrument keywords: instruments with no mission (Earth-observation sensors fly on many),
  the long name an alias.
- The AAS journals' facility keywords: space facilities, airborne and ground-based observatories
  (radio arrays among them), the keyword as name and the full name and its acronyms as aliases.

missions.yaml, written by hand, wins: a derived mission one of whose names it knows adds its
aliases to that mission. An alias two derived missions claim is dropped. Deterministic; run
/usr/bin/python3 ops/vocabulary/derive_vocabulary.py
"""
import csv
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
VOCAB = os.path.join(HERE, "..", "..", "data-samples", "vocabulary")
SOURCES = os.path.join(VOCAB, "sources")

GCMD_FAMILIES = {
    "Earth Observation Satellites": ("Earth Observation Satellite", "Earth Observation"),
    "Solar/Space Observation Satellites": ("Space Observation Satellite", "Space Science"),
    "Interplanetary Spacecraft": ("Solar System Exploration", "Space Science"),
    "Space Stations/Manned Spacecraft": ("Space Station", "Earth Observation"),
    "Aircraft": ("Airborne", "Earth Observation"),
}
# Organisations named in the AAS full names; their acronyms are not the facility's.
ORGS = {"NASA", "ESA", "ESO", "NSF", "DOE", "JAXA", "ISAS", "CNES", "DLR", "ASI", "ISRO", "CNSA", "CAS", "NRAO",
        "NOAO", "NOIRLAB", "CSIRO", "STFC", "UK", "USA", "US", "MPIFR", "MPIA", "MPE", "CFA", "SAO", "JPL", "GSFC",
        "CSA", "KASI", "NAOJ", "NAOC", "IAC", "INAF", "CNRS", "IN2P3", "ASTRON", "SARAO", "INTA", "ROSCOSMOS", "IKI",
        "AURA", "STSCI", "LCO", "UC", "IRAM", "JIVE", "ATNF", "SETI", "NOIR", "UKSA", "NSO", "HAO", "NCAR", "IAU"}


def key(name):
    return "".join(c for c in name.lower() if c.isalnum())


def load_hand():
    """Every name missions.yaml knows, by key, and the canonical mission it is."""
    known = {}
    mission = None
    for line in open(os.path.join(VOCAB, "missions.yaml"), encoding="utf-8"):
        m = re.match(r"\s*- name: (.+)$", line)
        if m and line.startswith("      - "):
            mission = m.group(1).strip().strip('"')
            known[key(mission)] = mission
        a = re.match(r"\s*aliases: \[(.*)\]\s*$", line)
        if a and mission and line.startswith("        aliases"):
            for alias in re.findall(r'"[^"]*"|[^,]+', a.group(1)):
                alias = alias.strip().strip('"')
                if alias:
                    known[key(alias)] = mission
    return known


def gcmd_platforms():
    with open(os.path.join(SOURCES, "gcmd-platforms.csv"), encoding="utf-8") as f:
        rows = list(csv.reader(f))[2:]
    missions = []  # (family, domain, name, aliases)
    series = {}
    for row in rows:
        if len(row) < 4:
            continue
        category, entity, short, long_name = (c.strip() for c in row[:4])
        if category not in GCMD_FAMILIES or not short:
            continue
        family, domain = GCMD_FAMILIES[category]
        base = re.sub(r"\s*\(.*\)$", "", entity).strip()
        if base and key(short).startswith(key(base)) and key(short) != key(base):
            series.setdefault((family, domain, base), []).extend([short, long_name])
        else:
            missions.append((family, domain, short, [long_name]))
    for (family, domain, base), aliases in series.items():
        missions.append((family, domain, base, aliases))
    return missions


def aas_facilities():
    with open(os.path.join(SOURCES, "aas-facilities.tsv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    missions = []
    for row in rows:
        keyword, full, location, kinds = row["keyword"].strip(), row["full_name"], row["location"].lower(), row["kinds"]
        if not keyword or "Archive" in kinds or "Computational" in kinds or "Computerional" in kinds:
            continue
        if location == "space":
            family, domain = "Astronomy", "Space Science"
        elif location == "airborne":
            family, domain = "Airborne Astronomy", "Space Science"
        elif location == "earth":
            continue  # networks and collaborations spread over the Earth, not one facility
        else:
            family, domain = "Ground-based Astronomy", "Space Science"
        aliases = []
        for group in re.findall(r"\(([^()]*)\)", full):
            for word in re.split(r"\s+(?:formerly|or|aka|also)\s+|,\s*|/", group):
                word = word.strip()
                # Acronyms and former names only: "(HST)", "(formerly GLAST)"; not "(67P)" nor an organisation.
                if re.fullmatch(r"[A-Z][A-Za-z0-9+-]{1,15}", word) and word.upper() not in ORGS:
                    aliases.append(word)
        plain = re.sub(r"\([^()]*\)", " ", full)
        plain = re.sub(r"\b\d+(\.\d+)?-?m\b", " ", plain)
        plain = " ".join(plain.split())
        if plain:
            aliases.append(plain)
        missions.append((family, domain, keyword, aliases))
    return missions


def gcmd_instruments():
    with open(os.path.join(SOURCES, "gcmd-instruments.csv"), encoding="utf-8") as f:
        rows = list(csv.reader(f))[2:]
    instruments = {}
    for row in rows:
        short, long_name = row[4].strip(), row[5].strip()
        if short and key(short):
            instruments.setdefault(short, set())
            if long_name and key(long_name) != key(short):
                instruments[short].add(long_name)
    return instruments


def quote(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main():
    hand = load_hand()
    derived = gcmd_platforms() + aas_facilities()
    # Which derived mission claims each key; a key claimed by two is ambiguous and dropped.
    claims = {}
    for i, (_f, _d, name, aliases) in enumerate(derived):
        for alias in [name] + aliases:
            if key(alias):
                claims.setdefault(key(alias), set()).add(i)
    extra = {}  # hand-written mission -> aliases to add
    families = {}
    taken = set(hand)
    for i, (family, domain, name, aliases) in enumerate(derived):
        names = [n for n in dict.fromkeys([name] + aliases) if key(n) and (len(claims[key(n)]) == 1 or key(n) == key(name))]
        # The mission's name joins it to the hand-written mission of that name, or of that alias when a
        # second name agrees.
        owner = hand.get(key(name))
        if owner is not None and key(owner) != key(name) and not any(hand.get(key(n)) == owner for n in names[1:]):
            continue  # an acronym the hand-written table gives another mission ("SST" is Spitzer's)
        if owner is not None:
            extra.setdefault(owner, [])
            extra[owner] += [n for n in names if key(n) not in taken]
            taken.update(key(n) for n in names)
            continue
        if key(name) in taken:
            continue
        fresh = [n for n in names if key(n) not in taken and key(n) != key(name)]
        taken.add(key(name))
        taken.update(key(n) for n in fresh)
        families.setdefault((family, domain), []).append((name, fresh))
    instruments = gcmd_instruments()

    out = [
        "# Derived by ops/vocabulary/derive_vocabulary.py from the lists in sources/ (PROVENANCE.md): do not edit.",
        "# missions.yaml is read first and wins; these add the platforms of NASA's GCMD keywords and the",
        "# facilities of the AAS journals' facility keywords, and the GCMD instruments.",
        "aliases:",
    ]
    for owner in sorted(extra):
        names = sorted(dict.fromkeys(extra[owner]), key=str.lower)
        if names:
            out.append(f"  {quote(owner)}: [{', '.join(quote(n) for n in names)}]")
    out.append("families:")
    for (family, domain) in sorted(families):
        out.append(f"  - name: {quote(family)}")
        out.append(f"    domain: {quote(domain)}")
        out.append("    missions:")
        for name, aliases in sorted(families[(family, domain)], key=lambda m: m[0].lower()):
            out.append(f"      - name: {quote(name)}")
            if aliases:
                out.append(f"        aliases: [{', '.join(quote(a) for a in sorted(dict.fromkeys(aliases), key=str.lower))}]")
    out.append("instruments:")
    for name in sorted(instruments, key=str.lower):
        aliases = sorted(instruments[name], key=str.lower)
        line = f"  - name: {quote(name)}"
        if aliases:
            line += f"\n    aliases: [{', '.join(quote(a) for a in aliases)}]"
        out.append(line)
    with open(os.path.join(VOCAB, "missions-derived.yaml"), "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    print(f"missions-derived.yaml: {sum(len(m) for m in families.values())} missions in {len(families)} families, "
          f"aliases for {len(extra)} hand-written missions, {len(instruments)} instruments")


if __name__ == "__main__":
    main()
