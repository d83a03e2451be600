#!/usr/bin/python3
"""Writes data-samples/dachs/portalobs/data/obs.csv: the observations the local DaCHS peer serves.

2,100 ObsCore rows in three collections (HST, XMM-Newton, JWST), each true to its mission:
the mission's instruments, product types, wavelength coverage, fields of view and years of
operation, on real targets. A few rows carry what real archives carry: missing values, odd
target names, footprints across RA 0 and near the poles, facility names spelt differently.
Deterministic (seeded), so a rerun writes the same file.  Run: /usr/bin/python3 make_obs.py
"""
import csv
import math
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "data-samples", "dachs", "portalobs", "data", "obs.csv")

# name, class, RA, Dec (deg, ICRS): positions of real objects
TARGETS = [
    ("M31", "galaxy", 10.6847, 41.2690), ("M42", "HII region", 83.8221, -5.3911),
    ("M51", "galaxy", 202.4696, 47.1952), ("M81", "galaxy", 148.8882, 69.0653),
    ("M87", "galaxy", 187.7059, 12.3911), ("NGC 253", "galaxy", 11.8880, -25.2882),
    ("M1", "supernova remnant", 83.6331, 22.0145), ("Cas A", "supernova remnant", 350.8500, 58.8150),
    ("Sgr A*", "galactic nucleus", 266.4168, -29.0078), ("Vega", "star", 279.2347, 38.7837),
    ("Eta Carinae", "star", 161.2650, -59.6845), ("Orion Bar", "photodissociation region", 83.8375, -5.4200),
    ("SMACS 0723", "galaxy cluster", 110.8375, -73.4544), ("Abell 2744", "galaxy cluster", 3.5863, -30.4000),
    ("Carina Nebula", "HII region", 161.2500, -59.8667), ("Stephan's Quintet", "galaxy group", 339.0130, 33.9600),
    ("TRAPPIST-1", "star", 346.6223, -5.0413), ("Perseus Cluster", "galaxy cluster", 49.9467, 41.5131),
    ("Coma Cluster", "galaxy cluster", 194.9531, 27.9807), ("3C 273", "quasar", 187.2779, 2.0524),
    ("Crab Pulsar", "pulsar", 83.6332, 22.0145), ("Vela Pulsar", "pulsar", 128.8361, -45.1764),
    ("Cygnus X-1", "X-ray binary", 299.5903, 35.2016), ("Tycho SNR", "supernova remnant", 6.3400, 64.1400),
    ("Hubble Deep Field", "field", 189.2058, 62.2161), ("GOODS-S", "field", 53.1227, -27.8059),
    ("LMC", "galaxy", 80.8942, -69.7561), ("SMC", "galaxy", 13.1867, -72.8286),
    ("Jupiter", "planet", None, None), ("\u03c1 Oph", "molecular cloud", 246.7875, -24.5408),
    ("Barnard's Star", "star", 269.4521, 4.6934), ("NGC 7793", "galaxy", 359.4576, -32.5910),
    ("Polaris", "star", 37.9546, 89.2641), ("South Celestial Pole field", "field", 0.0, -89.9),
    ("WR 140", "star", 305.1166, 43.8545), ("Southern Ring Nebula", "planetary nebula", 151.7579, -40.4363),
]

# Each instrument: name, product types, [em_min, em_max] in metres, field of view (deg),
# exposure range (s), access format, calibration level
MISSIONS = {
    "HST": {
        "rows": 900, "facility": ["HST", "HST", "HST", "Hubble Space Telescope"],
        "mjd": (48005.0, 60600.0), "prefix": "hst",
        "url": "https://hst.esac.esa.int/ehst-sl-server/servlet/data-action?ARTIFACT_ID={obs}_drz.fits",
        "instruments": [
            ("ACS/WFC", ["image"], (3.5e-7, 1.1e-6), 0.056, (300, 2400), "image/fits", 3),
            ("WFC3/UVIS", ["image"], (2.0e-7, 1.0e-6), 0.045, (200, 1800), "image/fits", 3),
            ("WFC3/IR", ["image"], (9.0e-7, 1.7e-6), 0.038, (250, 1400), "image/fits", 3),
            ("STIS", ["spectrum", "image"], (1.15e-7, 1.03e-6), 0.014, (600, 3000), "application/fits", 2),
            ("COS", ["spectrum"], (1.15e-7, 3.2e-7), 0.0007, (900, 5000), "application/fits", 2),
        ],
    },
    "XMM-Newton": {
        "rows": 600, "facility": ["XMM", "XMM-Newton", "XMM"],
        "mjd": (51560.0, 60600.0), "prefix": "xmm",
        "url": "https://nxsa.esac.esa.int/nxsa-sl/servlet/data-action-aio?obsno={obs}&level=PPS",
        "instruments": [
            ("EPIC-pn", ["event"], (8.27e-11, 1.24e-8), 0.5, (5000, 120000), "application/x-tar", 2),
            ("EPIC-MOS1", ["event"], (8.27e-11, 1.24e-8), 0.5, (5000, 120000), "application/x-tar", 2),
            ("EPIC-MOS2", ["event"], (8.27e-11, 1.24e-8), 0.5, (5000, 120000), "application/x-tar", 2),
            ("RGS1", ["spectrum"], (5.0e-10, 3.5e-9), 0.083, (10000, 120000), "application/fits", 2),
            ("OM", ["image"], (1.7e-7, 6.5e-7), 0.28, (1000, 5000), "image/fits", 2),
        ],
    },
    "JWST": {
        "rows": 600, "facility": ["JWST", "JWST", "James Webb Space Telescope"],
        "mjd": (59760.0, 60950.0), "prefix": "jw",
        "url": "https://jwst.esac.esa.int/server/data?ARTIFACTID={obs}_i2d.fits",
        "instruments": [
            ("NIRCAM", ["image"], (6.0e-7, 5.0e-6), 0.0733, (200, 3000), "image/fits", 3),
            ("MIRI", ["image", "cube"], (4.9e-6, 2.88e-5), 0.0314, (300, 3600), "image/fits", 3),
            ("NIRSPEC", ["spectrum", "cube"], (6.0e-7, 5.3e-6), 0.0008, (900, 8000), "application/fits", 2),
            ("NIRISS", ["image", "spectrum"], (6.0e-7, 5.0e-6), 0.0611, (300, 2500), "image/fits", 2),
        ],
    },
}


def box(ra, dec, size):
    """A square footprint as a DALI polygon (deg), RA kept in [0, 360)."""
    h = size / 2
    cosd = max(math.cos(math.radians(dec)), 0.05)
    d = min(h / cosd, 90.0)
    top = min(dec + h, 89.999)
    bottom = max(dec - h, -89.999)
    corners = [(ra - d, bottom), (ra + d, bottom), (ra + d, top), (ra - d, top)]
    return " ".join("%.6f %.6f" % ((x % 360.0), y) for x, y in corners)


def main():
    rnd = random.Random(20261122)
    rows = []
    for collection, m in MISSIONS.items():
        for n in range(m["rows"]):
            inst, kinds, (emmin, emmax), fov, (emin, emax), fmt, calib = m["instruments"][n % len(m["instruments"])]
            kind = kinds[rnd.randrange(len(kinds))]
            target, tclass, ra, dec = TARGETS[rnd.randrange(len(TARGETS))]
            if ra is None:  # a moving target: no fixed position
                ra = dec = None
            else:
                ra = (ra + rnd.uniform(-0.05, 0.05)) % 360.0
                dec = max(-89.95, min(89.95, dec + rnd.uniform(-0.05, 0.05)))
            t_min = round(rnd.uniform(*m["mjd"]), 6)
            exptime = round(rnd.uniform(emin, emax), 1)
            t_max = round(t_min + exptime / 86400.0 + rnd.uniform(0, 0.02), 6)
            # a filter or grating: part of the instrument's range
            lo = emmin * (1 + rnd.uniform(0, 0.3))
            hi = max(lo * 1.05, emmax * (1 - rnd.uniform(0, 0.3)))
            if m["prefix"] == "jw":
                obs_id = "jw%05d-o%03d_t%03d_%s" % (1000 + n // 3, 1 + n % 97, 1 + n % 13, inst.lower())
            elif m["prefix"] == "xmm":
                obs_id = "0%09d" % (100000000 + n * 1013 + 7)
            else:
                obs_id = "%s%02d%02d%03d" % ("jiou"[n % 4], 10 + n % 89, n % 97, n)
            title = "%s %s %s of %s" % (collection, inst, kind, target)
            row = {
                "obs_publisher_did": "ivo://portal.test/portalobs?%s/%s" % (m["prefix"], obs_id),
                "obs_id": obs_id,
                "obs_collection": collection,
                "dataproduct_type": kind,
                "calib_level": str(calib),
                "obs_title": title,
                "target_name": target,
                "target_class": tclass,
                "s_ra": "" if ra is None else "%.6f" % ra,
                "s_dec": "" if dec is None else "%.6f" % dec,
                "s_fov": "%.5f" % fov,
                "s_region": "" if ra is None else box(ra, dec, fov),
                "t_min": "%.6f" % t_min,
                "t_max": "%.6f" % t_max,
                "t_exptime": "%.1f" % exptime,
                "em_min": "%.4e" % lo,
                "em_max": "%.4e" % hi,
                "facility_name": m["facility"][n % len(m["facility"])],
                "instrument_name": inst,
                "access_url": m["url"].format(obs=obs_id),
                "access_format": fmt,
                "access_estsize": str(rnd.randrange(800, 900000)),
                "modified": "2026-11-%02dT%02d:%02d:00" % (1 + n % 20, n % 24, n % 60),
            }
            # what real archives also hold: gaps and odd values
            if n % 37 == 5:
                row["t_max"] = ""
            if n % 41 == 7:
                row["em_min"] = row["em_max"] = ""
            if n % 43 == 11:
                row["access_estsize"] = ""
            if n % 53 == 13:
                row["obs_title"] = ""
            if n % 59 == 17:
                row["s_fov"] = ""
            rows.append(row)
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print("wrote %d rows to %s" % (len(rows), os.path.normpath(OUT)))


if __name__ == "__main__":
    main()
