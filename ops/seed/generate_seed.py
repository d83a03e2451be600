#!/usr/bin/env python3
"""Generates the portal's seed catalogue in data-samples/seed/.

The missions, instruments, operating periods, product types, wavebands and target coordinates are
those of the real missions; the individual observation identifiers are generated. Run it again after
changing it: the output is deterministic.

    python3 ops/seed/generate_seed.py
"""
import csv
import json
import os
import random
from datetime import datetime, timedelta, timezone

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "data-samples", "seed")
rng = random.Random(20261121)

SPACE = "Space Science"
EARTH = "Earth Observation"
ESA_LICENSE = "ESA Data Policy (open access)"

# name: (ra, dec) in degrees, ICRS
TARGETS = {
    "M31": (10.6847, 41.2690), "M42": (83.8221, -5.3911), "M51": (202.4696, 47.1952),
    "M81": (148.8882, 69.0653), "M82": (148.9685, 69.6797), "M101": (210.8023, 54.3489),
    "NGC 253": (11.8880, -25.2882), "M1": (83.6331, 22.0145), "M87": (187.7059, 12.3911),
    "M13": (250.4235, 36.4613), "Vega": (279.2347, 38.7837), "LMC": (80.8942, -69.7561),
    "SMC": (13.1867, -72.8286), "Sgr A*": (266.4168, -29.0078), "Carina Nebula": (161.2650, -59.8670),
    "M16": (274.7000, -13.8067), "Cas A": (350.8500, 58.8150), "Perseus cluster": (49.9467, 41.5131),
    "Coma cluster": (194.9531, 27.9807), "Abell 2744": (3.5863, -30.4000), "Abell 1689": (197.8729, -1.3411),
    "SMACS 0723": (110.8375, -73.4547), "Stephan's Quintet": (339.0125, 33.9597),
    "NGC 3132": (151.7567, -40.4364), "Hubble Ultra Deep Field": (53.1625, -27.7914),
    "GOODS-N": (189.2282, 62.2381), "Cygnus X-1": (299.5903, 35.2016), "Sco X-1": (244.9794, -15.6403),
    "Pleiades": (56.7500, 24.1167), "TRAPPIST-1": (346.6224, -5.0414), "Horsehead Nebula": (85.2458, -2.4583),
    "NGC 6822": (296.2404, -14.8031), "NGC 6397": (265.1754, -53.6743), "IC 342": (56.7021, 68.0961),
    "Rho Ophiuchi": (246.7900, -24.5400), "Taurus TMC-1": (69.3000, 25.7000), "Polaris": (37.9546, 89.2641),
    "Sigma Octantis": (317.1959, -88.9565), "3C 273": (187.2779, 2.0524), "NGC 7793": (359.4576, -32.5911),
    "NGC 7814": (0.8118, 16.1454), "WASP-96": (1.5308, -47.3685), "Orion Bar": (83.8375, -5.4267),
    "Eta Carinae": (161.2647, -59.6844), "Centaurus A": (201.3651, -43.0191), "Crab pulsar": (83.6332, 22.0145),
}

def iso(t):
    return t.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")

def day(s):
    return datetime.fromisoformat(s).replace(tzinfo=timezone.utc)

def between(a, b):
    a, b = day(a), day(b)
    return a + timedelta(seconds=rng.randint(0, int((b - a).total_seconds())))

def jitter(ra, dec, amount=0.05):
    return ((ra + rng.uniform(-amount, amount)) % 360, max(-90, min(90, dec + rng.uniform(-amount, amount))))

# mission -> list of (instrument, start, end, product types, wavebands, fov radius deg, id prefix, exposure hours)
SPACE_MISSIONS = {
    "HST": {
        "count": 230, "archive": "https://hst.esac.esa.int/ehst", "family_note": "NASA/ESA Hubble Space Telescope",
        "instruments": [
            ("WFC3", "2009-06-01", "2026-10-31", ["image"], ["optical", "ultraviolet", "infrared"], 0.04, "i", 2),
            ("ACS", "2002-03-07", "2026-10-31", ["image"], ["optical"], 0.03, "j", 2),
            ("STIS", "1997-02-14", "2026-10-31", ["spectrum", "image"], ["ultraviolet", "optical"], 0.01, "o", 3),
            ("COS", "2009-05-14", "2026-10-31", ["spectrum"], ["ultraviolet"], 0.001, "l", 3),
            ("WFPC2", "1993-12-02", "2009-05-14", ["image"], ["optical", "ultraviolet"], 0.04, "u", 2),
            ("NICMOS", "1997-02-14", "2008-11-01", ["image"], ["infrared"], 0.01, "n", 2),
        ],
    },
    "JWST": {
        "count": 160, "archive": "https://jwst.esac.esa.int/archive",
        "instruments": [
            ("NIRCam", "2022-07-12", "2026-10-31", ["image"], ["infrared"], 0.04, "nircam", 4),
            ("NIRSpec", "2022-07-12", "2026-10-31", ["spectrum", "cube"], ["infrared"], 0.001, "nirspec", 6),
            ("MIRI", "2022-07-12", "2026-10-31", ["image", "spectrum", "cube"], ["infrared"], 0.02, "miri", 4),
            ("NIRISS", "2022-07-12", "2026-10-31", ["spectrum", "image"], ["infrared"], 0.02, "niriss", 6),
        ],
    },
    "XMM-Newton": {
        "count": 120, "archive": "https://nxsa.esac.esa.int/nxsa-web",
        "instruments": [
            ("EPIC", "2000-01-17", "2026-10-31", ["event", "image"], ["x-ray"], 0.25, "", 12),
            ("RGS", "2000-01-17", "2026-10-31", ["spectrum"], ["x-ray"], 0.08, "", 12),
            ("OM", "2000-01-17", "2026-10-31", ["image"], ["optical", "ultraviolet"], 0.14, "", 8),
        ],
    },
    "Herschel": {
        "count": 120, "archive": "https://archives.esac.esa.int/hsa/whsa",
        "instruments": [
            ("PACS", "2009-06-14", "2013-04-29", ["image", "spectrum", "cube"], ["infrared"], 0.05, "", 3),
            ("SPIRE", "2009-06-14", "2013-04-29", ["image", "spectrum"], ["infrared", "millimetre"], 0.08, "", 3),
            ("HIFI", "2009-06-14", "2013-04-29", ["spectrum"], ["millimetre", "infrared"], 0.005, "", 2),
        ],
    },
    "ISO": {
        "count": 50, "archive": "https://nida.esac.esa.int/nida-sl-tap",
        "instruments": [
            ("ISOCAM", "1995-11-28", "1998-04-08", ["image"], ["infrared"], 0.05, "", 1),
            ("ISOPHOT", "1995-11-28", "1998-04-08", ["image", "spectrum"], ["infrared"], 0.05, "", 1),
            ("SWS", "1995-11-28", "1998-04-08", ["spectrum"], ["infrared"], 0.003, "", 2),
            ("LWS", "1995-11-28", "1998-04-08", ["spectrum"], ["infrared"], 0.01, "", 2),
        ],
    },
    "Euclid": {
        "count": 40, "archive": "https://eas.esac.esa.int/sas",
        "instruments": [
            ("VIS", "2023-08-01", "2026-10-31", ["image"], ["optical"], 0.4, "", 1),
            ("NISP", "2023-08-01", "2026-10-31", ["image", "spectrum"], ["infrared"], 0.4, "", 1),
        ],
    },
}

PRODUCT_WORDS = {
    "image": "imaging", "spectrum": "spectroscopy", "cube": "integral-field spectroscopy (spectral cube)",
    "event": "event list", "timeseries": "time series", "catalog": "catalogue",
}

def space_observation(mission, spec, n):
    inst, start, end, products, bands, fov, prefix, hours = rng.choice(spec["instruments"])
    target = rng.choice(list(TARGETS))
    if mission == "Euclid":
        target = rng.choice(["Perseus cluster", "Horsehead Nebula", "NGC 6822", "NGC 6397", "IC 342", "Taurus TMC-1"])
    ra, dec = jitter(*TARGETS[target])
    product = rng.choice(products)
    t0 = between(start, end)
    t1 = t0 + timedelta(hours=rng.uniform(0.2, hours))
    if mission == "HST":
        obs = f"{prefix}{rng.choice('abcdefghijklmnopqrstuvwxyz0123456789')}{rng.randint(10,99)}{rng.choice('abcdefghij')}{rng.randint(10,99)}{rng.randint(0,9)}"
        obs = obs[:9].ljust(9, "0")
        access = f"{spec['archive']}/#/observation/{obs}"
    elif mission == "JWST":
        program = rng.choice([1345, 2736, 1181, 1324, 2561, 1288, 1027, 2732, 1433, 1747])
        obs = f"jw{program:05d}-o{rng.randint(1,40):03d}_t{rng.randint(1,9):03d}_{prefix}"
        access = f"{spec['archive']}/#/observation/{obs}"
    elif mission == "XMM-Newton":
        obs = f"0{rng.randint(100000000, 999999999)}"
        access = f"{spec['archive']}/#obsid={obs}"
    elif mission == "Herschel":
        obs = f"1342{rng.randint(180000, 270000):06d}"
        access = f"{spec['archive']}/#obsid={obs}"
    elif mission == "ISO":
        obs = f"{rng.randint(10000000, 99999999)}"
        access = f"{spec['archive']}/#tdt={obs}"
    else:
        obs = f"EUC_{inst}_{rng.randint(100000, 999999)}"
        access = f"{spec['archive']}/#obs={obs}"
    what = PRODUCT_WORDS.get(product, product)
    title = f"{mission} {inst} {what} of {target}"
    kind = {"image": "image", "spectrum": "spectra", "cube": "spectral cube", "event": "events"}.get(product, product)
    description = (f"{inst} {what} of {target} taken by {mission} on {t0:%Y-%m-%d} "
                   f"({(t1 - t0).total_seconds() / 3600:.1f} h of exposure). Calibrated {kind} "
                   f"from the {mission} science archive at ESA, in {', '.join(bands)} light.")
    fmt = "image/fits" if product != "spectrum" or mission != "ISO" else "application/fits"
    return {
        "source": f"{mission.lower().replace('-', '')}-archive", "id": obs, "title": title, "description": description,
        "domain": SPACE, "mission": spec.get("alias", mission), "platform": "", "instruments": inst,
        "assetType": "observation", "productTypes": product, "formats": fmt, "authors": "",
        "keywords": ";".join([target, inst, mission]), "license": ESA_LICENSE, "doi": "",
        "landingPage": access, "accessUrls": access, "ra": f"{ra:.5f}", "dec": f"{dec:.5f}", "radius": f"{fov:.4f}",
        "bbox": "", "start": iso(t0), "end": iso(t1), "wavebands": ";".join(bands), "published": iso(t1 + timedelta(days=365 if mission != "JWST" else 365)),
        "details": f"target={target};observationId={obs}",
    }

def dataset(source, ident, title, description, mission, instruments, products, bands, start, end, keywords,
            formats="image/fits", asset_type="dataset", ra=None, dec=None, radius=None, access="", domain=SPACE,
            published=None, license=ESA_LICENSE, authors=""):
    return {
        "source": source, "id": ident, "title": title, "description": description, "domain": domain,
        "mission": mission, "platform": "", "instruments": ";".join(instruments), "assetType": asset_type,
        "productTypes": ";".join(products), "formats": formats, "authors": authors, "keywords": ";".join(keywords),
        "license": license, "doi": "", "landingPage": access, "accessUrls": access,
        "ra": "" if ra is None else f"{ra}", "dec": "" if dec is None else f"{dec}", "radius": "" if radius is None else f"{radius}",
        "bbox": "", "start": start, "end": end, "wavebands": ";".join(bands), "published": published or end or start, "details": "",
    }

def space_rows():
    rows = []
    seen = set()
    for mission, spec in SPACE_MISSIONS.items():
        while sum(1 for r in rows if r["mission"] == mission) < spec["count"]:
            row = space_observation(mission, spec, len(rows))
            if (row["source"], row["id"]) not in seen:  # generated identifiers may collide; keep them unique
                seen.add((row["source"], row["id"]))
                rows.append(row)
    # Gaia: data releases and their tables, all-sky.
    gaia = [
        ("DR1", "2016-09-14", "2014-07-25", "2015-09-16", ["gaia_source", "tgas_source"]),
        ("DR2", "2018-04-25", "2014-07-25", "2016-05-23", ["gaia_source", "vari_cepheid", "vari_rrlyrae", "epoch_photometry"]),
        ("EDR3", "2020-12-03", "2014-07-25", "2017-05-28", ["gaia_source", "gaia_source_corrected"]),
        ("DR3", "2022-06-13", "2014-07-25", "2017-05-28", ["gaia_source", "xp_continuous_mean_spectrum", "rvs_mean_spectrum",
                                                       "epoch_photometry", "vari_summary", "astrophysical_parameters", "nss_two_body_orbit"]),
        ("FPR", "2023-10-10", "2014-07-25", "2020-01-20", ["epoch_astrometry_crowded_field", "sso_reflectance_spectrum"]),
    ]
    for release, published, start, end, tables in gaia:
        for table in tables:
            product = "spectrum" if "spectrum" in table else "timeseries" if "epoch" in table or "vari" in table else "catalog"
            inst = {"spectrum": ["BP/RP", "RVS"], "timeseries": ["Astrometric instrument", "BP/RP"], "catalog": ["Astrometric instrument", "BP/RP", "RVS"]}[product]
            rows.append(dataset("gaia-archive", f"gaia{release.lower()}.{table}", f"Gaia {release} {table}",
                                f"The {table} table of Gaia Data Release {release.replace('DR', '')} (published {published}), "
                                f"from observations between {start} and {end}. All-sky {PRODUCT_WORDS.get(product, product)} served by the Gaia archive at ESA.",
                                "Gaia", inst, [product], ["optical"], start + "T00:00:00Z", end + "T00:00:00Z",
                                ["Gaia", release, table, "astrometry", "photometry"], "application/x-votable+xml", ra=0, dec=0, radius=180,
                                access="https://gea.esac.esa.int/archive/", published=published + "T00:00:00Z"))
    # Planck: frequency maps and catalogues, all-sky.
    for inst, freqs in (("LFI", [30, 44, 70]), ("HFI", [100, 143, 217, 353, 545, 857])):
        for f in freqs:
            for release, published in (("PR2", "2015-02-05"), ("PR3", "2018-07-17")):
                end = "2013-10-23" if inst == "LFI" else "2012-01-14"
                band = "millimetre" if f < 545 else "infrared"
                if f <= 70:
                    band = "radio"
                rows.append(dataset("planck-legacy-archive", f"{release}-{inst}-{f}GHz-map", f"Planck {release} {f} GHz full-sky map ({inst})",
                                    f"Full-sky frequency map at {f} GHz from Planck's {inst}, {release} release ({published}), "
                                    f"HEALPix image covering the survey from 2009-08-13 to {end}.", "Planck", [inst], ["image"], [band],
                                    "2009-08-13T00:00:00Z", end + "T00:00:00Z", ["Planck", "CMB", "full-sky map", "HEALPix", f"{f} GHz"],
                                    ra=0, dec=0, radius=180, access="https://pla.esac.esa.int/", published=published + "T00:00:00Z"))
    rows.append(dataset("planck-legacy-archive", "PCCS2", "Second Planck Catalogue of Compact Sources (PCCS2)",
                        "Compact sources detected in the nine Planck frequency maps of the 2015 release.", "Planck", ["LFI", "HFI"],
                        ["catalog"], ["radio", "millimetre", "infrared"], "2009-08-13T00:00:00Z", "2013-10-23T00:00:00Z",
                        ["Planck", "compact sources", "catalogue"], "application/x-votable+xml", ra=0, dec=0, radius=180,
                        access="https://pla.esac.esa.int/", published="2015-02-05T00:00:00Z"))
    # JUICE: cruise and the Lunar-Earth gravity assist of August 2024.
    juice = [
        ("JANUS", ["image"], ["optical"], "Moon images from the Lunar-Earth flyby"),
        ("MAJIS", ["cube"], ["optical", "infrared"], "Imaging spectroscopy of the Moon during the Lunar-Earth flyby"),
        ("UVS", ["spectrum"], ["ultraviolet"], "Ultraviolet spectra of the Moon during the Lunar-Earth flyby"),
        ("SWI", ["spectrum"], ["millimetre"], "Submillimetre spectra of the Moon during the Lunar-Earth flyby"),
        ("J-MAG", ["timeseries"], [], "Magnetometer time series through Earth's magnetosphere"),
        ("RPWI", ["timeseries"], ["radio"], "Radio and plasma wave measurements through Earth's magnetosphere"),
        ("PEP", ["timeseries"], [], "Particle environment measurements through Earth's magnetosphere"),
        ("RIME", ["timeseries"], ["radio"], "Radar sounder commissioning echoes from the Moon"),
        ("GALA", ["timeseries"], [], "Laser altimeter commissioning returns"),
    ]
    for inst, products, bands, what in juice:
        for i in range(3):
            t0 = between("2024-08-19", "2024-08-21") if i < 2 else between("2023-05-01", "2024-03-31")
            phase = "Lunar-Earth gravity assist (LEGA)" if i < 2 else "near-Earth commissioning"
            rows.append(dataset("juice-psa", f"juice_{inst.lower()}_{t0:%Y%m%dT%H%M}", f"JUICE {inst}: {what}" + ("" if i < 2 else " (commissioning)"),
                                f"{what}, recorded by JUICE's {inst} during {phase} on {t0:%Y-%m-%d}.", "JUICE", [inst], products, bands,
                                iso(t0), iso(t0 + timedelta(hours=rng.uniform(1, 10))), ["JUICE", inst, "Moon" if "Moon" in what else "magnetosphere", phase],
                                "application/x-pds4+xml", asset_type="observation", access="https://psa.esa.int/psa/#/pages/search",
                                published=iso(t0 + timedelta(days=200))))
    # LISA Pathfinder: science operations 2016-03-01 to 2017-06-30.
    for i in range(12):
        t0 = between("2016-03-01", "2017-06-25")
        inst = "LTP" if i % 3 else "DRS"
        rows.append(dataset("lpf-archive", f"lpf_{inst.lower()}_run{i + 1:02d}", f"LISA Pathfinder {inst} run {i + 1}: differential acceleration noise",
                            f"Test-mass differential acceleration time series from LISA Pathfinder's {inst} starting {t0:%Y-%m-%d}, "
                            f"for studies of free-fall noise below 1 mHz ahead of LISA.", "LISA Pathfinder", [inst], ["timeseries"], [],
                            iso(t0), iso(t0 + timedelta(days=rng.uniform(1, 14))), ["LISA Pathfinder", "gravitational waves", "free fall", "acceleration noise"],
                            "application/x-hdf5", asset_type="observation", access="https://lpf.esac.esa.int/lpfsa/", published=iso(t0 + timedelta(days=400))))
    return rows

# ---- Earth observation ---------------------------------------------------------------------------

REGIONS = [
    # name, MGRS tile (Sentinel-2), WRS-2 path/row (Landsat), bbox (w, s, e, n)
    ("Alps: Mont Blanc", "32TLR", "195/028", (6.55, 45.05, 7.95, 46.05)),
    ("Alps: Bernese Oberland", "32TMS", "194/027", (7.55, 46.00, 8.95, 47.00)),
    ("Alps: Engadin", "32TNS", "193/027", (9.00, 46.00, 10.40, 47.00)),
    ("Alps: Oetztal", "32TPS", "193/027", (10.30, 46.30, 11.70, 47.30)),
    ("Alps: Hohe Tauern", "33TUM", "192/027", (12.00, 46.70, 13.40, 47.70)),
    ("Po Valley", "32TNR", "194/029", (9.00, 45.00, 10.40, 46.00)),
    ("Netherlands: IJsselmeer", "31UFU", "198/023", (4.50, 52.20, 6.00, 53.20)),
    ("Etna, Sicily", "33SVB", "188/034", (14.40, 37.20, 15.60, 38.10)),
    ("Iceland: Reykjanes", "27VVL", "219/015", (-22.90, 63.70, -21.30, 64.40)),
    ("Nile Delta", "36RUU", "176/039", (30.00, 30.60, 31.80, 31.60)),
    ("Amazon: Manaus", "20MRB", "231/062", (-60.60, -3.60, -59.60, -2.60)),
    ("Himalaya: Everest", "45RVL", "140/041", (86.40, 27.60, 87.40, 28.40)),
    ("California: San Francisco Bay", "10SEG", "044/034", (-122.90, 37.30, -121.70, 38.30)),
    ("Greenland: Jakobshavn", "22WEB", "009/011", (-51.50, 68.80, -49.00, 69.60)),
    ("Sahara: Hoggar", "31QGV", "192/044", (5.00, 22.50, 6.20, 23.50)),
    ("Fiji: Viti Levu", "60KWF", "074/072", (177.20, -18.30, 178.70, -17.20)),
]

def overpass(t, bbox, local_hour):
    """Sun-synchronous satellites pass at a fixed local solar time: place the acquisition there."""
    lon = (bbox[0] + bbox[2]) / 2
    utc = (local_hour - lon / 15.0) % 24
    base = t.replace(hour=0, minute=0, second=0, microsecond=0)
    return base + timedelta(hours=utc, seconds=rng.randint(-300, 300))

def region_polygon(bbox):
    w, s, e, n = bbox
    return [[w, s], [e, s], [e, n], [w, n], [w, s]]

def eo_item(mission, platform, instruments, product, product_type, bands, region, t0, source, ident, fmt, extra, access):
    name, tile, wrs, bbox = region
    w, s, e, n = bbox
    return {
        "id": ident, "sourceId": source,
        "title": f"{platform} {instruments[0]} {product} {name} {t0:%Y-%m-%d}",
        "description": f"{product} acquired by {platform} ({', '.join(instruments)}) over {name} on {t0:%Y-%m-%d} at {t0:%H:%M} UTC.",
        "domain": EARTH, "mission": platform, "platform": platform, "instruments": instruments,
        "assetType": "observation", "productTypes": [product_type], "formats": fmt,
        "keywords": [name.split(":")[0], name, product, mission],
        "license": extra.pop("license"),
        "landingPage": access, "access": [{"url": access, "format": fmt[0]}],
        "ground": {"box": {"west": w, "south": s, "east": e, "north": n}, "polygon": [{"lon": p[0], "lat": p[1]} for p in region_polygon(bbox)]},
        "time": {"start": iso(t0), "end": iso(t0 + timedelta(seconds=extra.pop("seconds", 25)))},
        "wavebands": bands, "published": iso(t0 + timedelta(hours=rng.randint(2, 30))),
        "details": {k: str(v) for k, v in extra.items()},
    }

COPERNICUS = "Copernicus Sentinel Data Terms and Conditions (free, full and open)"

def eo_rows():
    rows = []
    for i in range(220):  # Sentinel-2 L1C/L2A tiles
        region = REGIONS[i % len(REGIONS)] if i % 4 else REGIONS[i % 5]  # the Alps get a larger share
        t0 = overpass(between("2017-03-28", "2026-10-31"), region[3], 10.5)
        platform = rng.choice(["Sentinel-2A", "Sentinel-2B"] + (["Sentinel-2C"] if t0 > day("2025-01-21") else []))
        level = rng.choice(["L1C", "L2A"])
        orbit = rng.randint(1, 143)
        ident = f"{'S2A' if platform.endswith('A') else 'S2B' if platform.endswith('B') else 'S2C'}_MSI{level}_{t0:%Y%m%dT%H%M%S}_N0{rng.choice([300, 301, 400, 500, 510])}_R{orbit:03d}_T{region[1]}_{t0 + timedelta(hours=3):%Y%m%dT%H%M%S}"
        cloud = round(rng.uniform(0, 100), 1)
        rows.append(eo_item("Sentinel-2", platform, ["MSI"], f"Level-{level[1:]} {'top-of-atmosphere' if level == 'L1C' else 'surface'} reflectance",
                            "scene", ["optical"], region, t0, "copernicus-dataspace", ident, ["application/x-safe+zip", "image/jp2"],
                            {"license": COPERNICUS, "tile": region[1], "cloudCover": cloud, "relativeOrbit": orbit, "processingLevel": level, "gsd": "10 m"},
                            f"https://dataspace.copernicus.eu/browser/?product={ident}"))
    for i in range(120):  # Sentinel-1 GRD / SLC
        region = REGIONS[rng.randrange(len(REGIONS))]
        t0 = overpass(between("2014-10-03", "2026-10-31"), region[3], rng.choice([6.0, 18.0]))
        options = ["Sentinel-1A"] + (["Sentinel-1B"] if day("2016-09-26") < t0 < day("2021-12-23") else []) + (["Sentinel-1C"] if t0 > day("2025-03-26") else [])
        platform = rng.choice(options)
        kind = rng.choice(["GRDH", "SLC"])
        mode = rng.choice(["IW", "IW", "EW"]) if kind == "GRDH" else "IW"
        ident = f"S1{platform[-1]}_{mode}_{kind}_1SDV_{t0:%Y%m%dT%H%M%S}_{t0 + timedelta(seconds=25):%Y%m%dT%H%M%S}_{rng.randint(1000, 60000):06d}_{rng.randint(0, 0xFFFFFF):06X}_{rng.randint(0, 0xFFFF):04X}"
        rows.append(eo_item("Sentinel-1", platform, ["C-SAR"], f"{mode} {'Ground Range Detected' if kind == 'GRDH' else 'Single Look Complex'} SAR image",
                            "image", ["sar"], region, t0, "copernicus-dataspace", ident, ["application/x-safe+zip", "image/tiff"],
                            {"license": COPERNICUS, "mode": mode, "polarisation": "VV+VH", "productType": kind}, f"https://dataspace.copernicus.eu/browser/?product={ident}"))
    s3 = [("OLCI", "Ocean and land colour full resolution (OL_1_EFR)", ["optical"], "image"),
          ("SLSTR", "Sea and land surface temperature (SL_2_LST)", ["thermal-infrared", "optical"], "image"),
          ("SRAL", "Surface topography altimetry (SR_2_LAN)", ["altimetry"], "profile")]
    for i in range(90):
        region = REGIONS[rng.randrange(len(REGIONS))]
        t0 = overpass(between("2016-10-20", "2026-10-31"), region[3], 10.0)
        platform = rng.choice(["Sentinel-3A"] + (["Sentinel-3B"] if t0 > day("2018-11-27") else []))
        inst, product, bands, ptype = s3[i % 3]
        code = product.split("(")[1].rstrip(")")
        ident = f"S3{platform[-1]}_{code}____{t0:%Y%m%dT%H%M%S}_{t0 + timedelta(minutes=3):%Y%m%dT%H%M%S}_{t0 + timedelta(days=1):%Y%m%dT%H%M%S}_0179_{rng.randint(10, 99):03d}_{rng.randint(100, 399):03d}_LN1_O_NT_002"
        rows.append(eo_item("Sentinel-3", platform, [inst], product, ptype, bands, region, t0, "copernicus-dataspace", ident,
                            ["application/x-safe+zip", "application/x-netcdf"], {"license": COPERNICUS, "seconds": 180},
                            f"https://dataspace.copernicus.eu/browser/?product={ident}"))
    for i in range(110):  # Landsat 8 / 9 Collection 2
        region = REGIONS[rng.randrange(len(REGIONS))]
        t0 = overpass(between("2013-04-11", "2026-10-31"), region[3], 10.2)
        platform = rng.choice(["Landsat 8"] + (["Landsat 9"] if t0 > day("2021-10-31") else []))
        path, row = region[2].split("/")
        level = rng.choice(["L1TP", "L2SP"])
        ident = f"LC0{platform[-1]}_{level}_{path}{row}_{t0:%Y%m%d}_{t0 + timedelta(days=9):%Y%m%d}_02_T1"
        rows.append(eo_item("Landsat", platform, ["OLI", "TIRS"] if platform == "Landsat 8" else ["OLI-2", "TIRS-2"],
                            f"Collection 2 {level} {'terrain-corrected' if level == 'L1TP' else 'surface reflectance and temperature'} scene",
                            "scene", ["optical", "thermal-infrared"], region, t0, "usgs-landsat", ident, ["image/tiff; application=geotiff; profile=cloud-optimized"],
                            {"license": "Public domain (USGS Landsat data policy)", "wrsPath": path, "wrsRow": row, "cloudCover": round(rng.uniform(0, 90), 1)},
                            f"https://landsatlook.usgs.gov/stac-browser/collection02/level-{level[1]}/{ident}"))
    adeos = [("ADEOS", "AVNIR", "1996-10-01", "1997-06-30", ["optical"], "image"), ("ADEOS", "OCTS", "1996-10-01", "1997-06-30", ["optical", "thermal-infrared"], "image"),
             ("ADEOS-II", "GLI", "2003-04-01", "2003-10-24", ["optical", "thermal-infrared"], "image"), ("ADEOS-II", "AMSR", "2003-04-01", "2003-10-24", ["microwave"], "image")]
    for i in range(32):
        platform, inst, start, end, bands, ptype = adeos[i % 4]
        region = REGIONS[rng.randrange(len(REGIONS))]
        t0 = between(start, end)
        ident = f"{platform.replace('-', '')}_{inst}_{t0:%Y%m%d%H%M}"
        rows.append(eo_item("ADEOS", platform, [inst], f"{inst} level-1B scene", ptype, bands, region, t0, "jaxa-gportal", ident,
                            ["application/x-hdf"], {"license": "JAXA G-Portal terms of use", "seconds": 120}, "https://gportal.jaxa.jp/gpr/search"))
    envisat = [("MERIS", "Full resolution geolocated radiance (MER_FR__1P)", ["optical"], "image"),
               ("ASAR", "Image mode precision image (ASA_IMP_1P)", ["sar"], "image"),
               ("AATSR", "Gridded brightness temperature (ATS_TOA_1P)", ["thermal-infrared", "optical"], "image")]
    for i in range(36):
        inst, product, bands, ptype = envisat[i % 3]
        region = REGIONS[rng.randrange(len(REGIONS))]
        t0 = between("2002-06-01", "2012-04-08")
        ident = f"{product.split('(')[1].rstrip(')')}NPDE{t0:%Y%m%d_%H%M%S}_000000{rng.randint(100, 999)}{rng.randint(10, 99)}_00{rng.randint(100, 500)}_{rng.randint(10000, 52000):05d}_0000.N1"
        rows.append(eo_item("Envisat", "Envisat", [inst], product, ptype, bands, region, t0, "esa-eo-catalogue", ident,
                            ["application/octet-stream"], {"license": "ESA Earth observation data terms (free and open)", "seconds": 100},
                            "https://earth.esa.int/eogateway/catalog"))
    return rows

def collections():
    """One collection asset per mission archive or EO product family, with its rolled-up extent."""
    out = []
    def col(source, ident, title, description, mission, instruments, products, bands, start, end, domain, keywords, access, ground=None, sky=None, formats=None, license=ESA_LICENSE):
        rec = {"id": ident, "sourceId": source, "title": title, "description": description, "domain": domain, "mission": mission,
               "instruments": instruments, "assetType": "collection", "productTypes": products, "wavebands": bands,
               "keywords": keywords, "license": license, "landingPage": access, "access": [{"url": access}],
               "time": {"start": start, "end": end}, "formats": formats or ["image/fits"]}
        if ground:
            rec["ground"] = {"box": {"west": ground[0], "south": ground[1], "east": ground[2], "north": ground[3]}}
        if sky:
            rec["sky"] = {"ra": sky[0], "dec": sky[1], "radius": sky[2]}
        out.append(rec)
    for mission, spec in SPACE_MISSIONS.items():
        insts = [i[0] for i in spec["instruments"]]
        products = sorted({p for i in spec["instruments"] for p in i[3]})
        bands = sorted({b for i in spec["instruments"] for b in i[4]})
        start = min(i[1] for i in spec["instruments"])
        end = max(i[2] for i in spec["instruments"])
        src = f"{mission.lower().replace('-', '')}-archive"
        col(src, f"{mission.lower()}-observations", f"{mission} science archive: all observations",
            f"Every public {mission} observation in ESA's archive, from {', '.join(insts)}: {', '.join(products)} products in {', '.join(bands)} light, {start[:4]} to {end[:4]}.",
            mission, insts, products, bands, start + "T00:00:00Z", end + "T00:00:00Z", SPACE, [mission, "archive", "observations"], spec["archive"], sky=(0, 0, 180))
    eo = [("copernicus-dataspace", "sentinel-2-l2a", "Sentinel-2 Level-2A surface reflectance", "Sentinel-2", ["MSI"], ["scene"], ["optical"], "2017-03-28", "2026-10-31", "https://dataspace.copernicus.eu/"),
          ("copernicus-dataspace", "sentinel-2-l1c", "Sentinel-2 Level-1C top-of-atmosphere reflectance", "Sentinel-2", ["MSI"], ["scene"], ["optical"], "2015-06-27", "2026-10-31", "https://dataspace.copernicus.eu/"),
          ("copernicus-dataspace", "sentinel-1-grd", "Sentinel-1 Ground Range Detected SAR images", "Sentinel-1", ["C-SAR"], ["image"], ["sar"], "2014-10-03", "2026-10-31", "https://dataspace.copernicus.eu/"),
          ("copernicus-dataspace", "sentinel-3-olci-efr", "Sentinel-3 OLCI full-resolution radiances", "Sentinel-3", ["OLCI"], ["image"], ["optical"], "2016-04-25", "2026-10-31", "https://dataspace.copernicus.eu/"),
          ("usgs-landsat", "landsat-c2-l2", "Landsat Collection 2 Level-2 surface reflectance and temperature", "Landsat", ["OLI", "TIRS", "OLI-2", "TIRS-2"], ["scene"], ["optical", "thermal-infrared"], "2013-04-11", "2026-10-31", "https://landsatlook.usgs.gov/"),
          ("jaxa-gportal", "adeos-avnir", "ADEOS AVNIR level-1B scenes", "ADEOS", ["AVNIR"], ["image"], ["optical"], "1996-10-01", "1997-06-30", "https://gportal.jaxa.jp/"),
          ("esa-eo-catalogue", "envisat-meris-fr", "Envisat MERIS full-resolution level-1", "Envisat", ["MERIS"], ["image"], ["optical"], "2002-06-01", "2012-04-08", "https://earth.esa.int/eogateway/")]
    for source, ident, title, mission, insts, products, bands, start, end, access in eo:
        col(source, ident, title, f"{title}: the whole archive, global coverage, {start[:4]} to {end[:4]}.", mission, insts, products, bands,
            start + "T00:00:00Z", end + "T00:00:00Z", EARTH, [mission, "collection", "global"], access, ground=(-180, -90, 180, 90),
            formats=["application/x-safe+zip"], license=COPERNICUS if source == "copernicus-dataspace" else "See provider")
    services = [("esa-registry", "ivo://esavo/hst/tap", "ESA Hubble Science Archive TAP service", "HST", "https://hst.esac.esa.int/tap-server/tap"),
                ("esa-registry", "ivo://esavo/jwst/tap", "ESA JWST Science Archive TAP service", "JWST", "https://jwst.esac.esa.int/server/tap"),
                ("esa-registry", "ivo://esavo/xsa/tap", "XMM-Newton Science Archive TAP service", "XMM-Newton", "https://nxsa.esac.esa.int/tap-server/tap"),
                ("esa-registry", "ivo://esavo/gaia/tap", "Gaia Archive TAP service", "Gaia", "https://gea.esac.esa.int/tap-server/tap"),
                ("esa-registry", "ivo://esavo/hsa/tap", "Herschel Science Archive TAP service", "Herschel", "https://archives.esac.esa.int/hsa/whsa-tap-server/tap"),
                ("esa-registry", "ivo://esavo/psa/tap", "Planetary Science Archive TAP service", "JUICE", "https://archives.esac.esa.int/psa-tap/tap")]
    for source, ident, title, mission, url in services:
        out.append({"id": ident, "sourceId": source, "title": title, "description": f"{title}: IVOA Table Access Protocol endpoint for ADQL queries of the {mission} archive's tables, including ObsCore.",
                    "domain": SPACE, "mission": mission, "assetType": "service", "keywords": [mission, "TAP", "ADQL", "ObsCore", "IVOA"],
                    "formats": ["application/x-votable+xml"], "landingPage": url, "access": [{"url": url, "title": "TAP endpoint"}], "license": ESA_LICENSE})
    return out

def tools():
    def tool(ident, title, description, interface, runtime, version, products, formats, gpu, launch, keywords, asset_type="datalab", url=None, authors=()):
        return {"id": ident, "sourceId": "portal-tools", "title": title, "description": description, "domain": "Multidisciplinary",
                "assetType": asset_type, "keywords": keywords, "authors": [{"name": a} for a in authors],
                "landingPage": url, "access": [{"url": url}] if url else [],
                "tool": {"interface": interface, "runtime": runtime, "version": version, "opensProductTypes": products,
                         "opensFormats": formats, "gpu": gpu, "launch": launch}}
    fits = ["image/fits", "application/fits"]
    vot = ["application/x-votable+xml"]
    return [
        tool("jupyterlab", "JupyterLab (Python, astropy, xarray)", "JupyterLab with the scientific Python stack: astropy, numpy, scipy, matplotlib, xarray, rasterio. Opens FITS, VOTable, NetCDF, HDF5 and GeoTIFF data in notebooks.",
             "notebook", "python3.11", "4.2", ["image", "spectrum", "cube", "timeseries", "catalog", "event", "scene", "profile", "visibility"],
             fits + vot + ["application/x-netcdf", "application/x-hdf5", "application/x-hdf", "image/tiff", "image/tiff; application=geotiff; profile=cloud-optimized", "text/csv", "application/x-safe+zip", "image/jp2", "application/x-pds4+xml"],
             "none", "jupyterhub", ["notebook", "Python", "JupyterLab"], url="https://jupyter.org/"),
        tool("jupyterlab-cuda", "JupyterLab with CUDA (PyTorch, CuPy)", "JupyterLab on a GPU node with CUDA, PyTorch and CuPy, for machine learning on images, cubes and scenes.",
             "notebook", "python3.11+cuda12", "4.2", ["image", "cube", "scene", "spectrum", "timeseries"],
             fits + ["application/x-netcdf", "application/x-hdf5", "image/tiff", "image/tiff; application=geotiff; profile=cloud-optimized", "image/jp2", "application/x-safe+zip"],
             "required", "jupyterhub", ["notebook", "GPU", "CUDA", "machine learning", "PyTorch"], url="https://jupyter.org/"),
        tool("aladin", "Aladin Desktop", "Interactive sky atlas from CDS Strasbourg: overlays images, catalogues and footprints; receives data from the portal over SAMP.",
             "desktop", "java", "12", ["image", "catalog", "cube"], fits + vot, "none", "samp", ["sky atlas", "SAMP", "HiPS", "visualisation"], asset_type="tool", url="https://aladin.cds.unistra.fr/", authors=["CDS Strasbourg"]),
        tool("topcat", "TOPCAT", "Tool for OPerations on Catalogues And Tables: plots, crossmatches and edits tables; receives VOTables over SAMP.",
             "desktop", "java", "4.10", ["catalog", "spectrum", "timeseries", "event"], vot + ["application/fits", "text/csv"], "none", "samp",
             ["tables", "catalogues", "crossmatch", "SAMP", "plotting"], asset_type="tool", url="https://www.star.bris.ac.uk/~mbt/topcat/", authors=["Mark Taylor"]),
        tool("fv", "fv: the interactive FITS file editor", "HEASARC's FITS viewer and editor: headers, images and tables of FITS files.",
             "desktop", "tcl/tk", "5.5", ["image", "spectrum", "event", "catalog"], fits, "none", "samp", ["FITS", "HEASARC", "viewer"], asset_type="tool",
             url="https://heasarc.gsfc.nasa.gov/ftools/fv/", authors=["NASA HEASARC"]),
        tool("ds9", "SAOImageDS9", "Astronomical imaging and data visualisation for FITS images and cubes, with regions and WCS; receives images over SAMP.",
             "desktop", "tcl/tk", "8.4", ["image", "cube"], fits, "none", "samp", ["FITS", "images", "SAMP", "regions"], asset_type="tool", url="https://sites.google.com/cfa.harvard.edu/saoimageds9"),
        tool("jdaviz", "Jdaviz (JWST data analysis in notebooks)", "Notebook visualisation tools for JWST and HST spectra and cubes: Specviz, Cubeviz and Imviz.",
             "notebook", "python3.11", "4.0", ["spectrum", "cube", "image"], fits, "optional", "jupyterhub", ["JWST", "spectra", "cubes", "notebook"], url="https://jdaviz.readthedocs.io/"),
        tool("snap", "SNAP (Sentinel Application Platform)", "ESA's desktop toolbox for Sentinel-1, -2 and -3 products: calibration, terrain correction, atmospheric correction.",
             "web", "java", "10.0", ["scene", "image"], ["application/x-safe+zip", "image/tiff", "image/jp2", "application/x-netcdf"], "none", "url-template",
             ["Sentinel", "SAR", "optical", "toolbox"], url="https://step.esa.int/main/toolboxes/snap/"),
        tool("qgis", "QGIS", "Open-source geographic information system for raster and vector data, including cloud-optimised GeoTIFF scenes.",
             "desktop", "c++", "3.40", ["scene", "image"], ["image/tiff", "image/tiff; application=geotiff; profile=cloud-optimized", "image/jp2"], "none", "url-template",
             ["GIS", "GeoTIFF", "maps"], asset_type="tool", url="https://qgis.org/"),
        tool("glue", "glue: linked-view data exploration", "Linked-view exploration of images, cubes and tables in a notebook or desktop window.",
             "notebook", "python3.11", "1.21", ["image", "cube", "catalog", "spectrum"], fits + vot + ["text/csv"], "none", "jupyterhub", ["linked views", "visualisation"], url="https://glueviz.org/"),
    ]

def main():
    os.makedirs(OUT, exist_ok=True)
    rows = space_rows()
    fields = ["source", "id", "title", "description", "domain", "mission", "platform", "instruments", "assetType", "productTypes",
              "formats", "authors", "keywords", "license", "doi", "landingPage", "accessUrls", "ra", "dec", "radius", "bbox",
              "start", "end", "wavebands", "published", "details"]
    with open(os.path.join(OUT, "space-science.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    for name, records in (("earth-observation.jsonl", eo_rows()), ("collections-and-services.jsonl", collections()), ("tools.jsonl", tools())):
        with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
            for r in records:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"space {len(rows)}, eo {len(eo_rows())}, collections/services {len(collections())}, tools {len(tools())}")

if __name__ == "__main__":
    main()
