#!/usr/bin/env python3
"""Origins for the Helsinki sample: committees placed on residential buildings of the OSM extract.

Helsinki has no 居委/村委, so this script invents them, reproducibly (seed 2026):
- candidates: closed ways tagged building=apartments|residential|house|detached|terrace, or
  building=yes without amenity/shop/office/tourism/leisure tags (central Helsinki maps most blocks
  as building=yes); the origin is the centroid of the building's outline (mean of its nodes);
- 240 of them are drawn at random (or all, if fewer), in OSM way id order after the draw;
- kind: 85 % residential (居委), 15 % village (村委);
- area class by straight distance from the extract's centre: < 500 m urban, < 800 m expansion,
  else remote (so all three classes and both kinds, hence both modes, occur);
- subdistrict: the quadrant of the extract (Helsinki NW/NE/SW/SE);
- population: uniform 800–6000, rounded to 10.

Usage: python3 make_origins.py [--out origins.csv]   (needs osmium-tool to read the PBF)
"""
import argparse
import math
import os
import random
import subprocess
import tempfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
PBF = os.path.join(HERE, "Helsinki.osm.pbf")
RESIDENTIAL = {"apartments", "residential", "house", "detached", "terrace"}
NOT_HOMES = {"amenity", "shop", "office", "tourism", "leisure", "public_transport", "railway"}


def buildings():
    with tempfile.TemporaryDirectory() as tmp:
        xml = os.path.join(tmp, "h.osm")
        subprocess.run(["osmium", "cat", PBF, "-o", xml, "--overwrite"], check=True)
        root = ET.parse(xml).getroot()
    nodes = {n.get("id"): (float(n.get("lon")), float(n.get("lat"))) for n in root.iter("node")}
    out = []
    for way in root.iter("way"):
        tags = {t.get("k"): t.get("v") for t in way.iter("tag")}
        b = tags.get("building")
        if b is None or not (b in RESIDENTIAL or (b == "yes" and not NOT_HOMES & tags.keys())):
            continue
        refs = [r.get("ref") for r in way.iter("nd")]
        if len(refs) < 4 or refs[0] != refs[-1] or any(r not in nodes for r in refs):
            continue
        pts = [nodes[r] for r in refs[:-1]]
        out.append((int(way.get("id")), sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts)))
    return sorted(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(HERE, "origins.csv"))
    ap.add_argument("--count", type=int, default=240)
    args = ap.parse_args()
    rng = random.Random(2026)
    cands = buildings()
    chosen = sorted(rng.sample(cands, min(args.count, len(cands))))
    lon0 = (min(c[1] for c in cands) + max(c[1] for c in cands)) / 2
    lat0 = (min(c[2] for c in cands) + max(c[2] for c in cands)) / 2
    rows = ["id,name,kind,area_class,subdistrict,population,lon,lat"]
    for k, (wid, lon, lat) in enumerate(chosen, start=1):
        dx = (lon - lon0) * 111195.08 * math.cos(math.radians(lat0))
        dy = (lat - lat0) * 111195.08
        d = math.hypot(dx, dy)
        cls = "urban" if d < 500 else "expansion" if d < 800 else "remote"
        kind = "village" if rng.random() < 0.15 else "residential"
        quadrant = ("N" if dy >= 0 else "S") + ("E" if dx >= 0 else "W")
        population = rng.randint(80, 600) * 10
        name = f"{'Kylä' if kind == 'village' else 'Kortteli'} {k:03d} (w{wid})"
        rows.append(f"H{k:03d},{name},{kind},{cls},Helsinki {quadrant},{population},{lon:.7f},{lat:.7f}")
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("\n".join(rows) + "\n")
    print(f"wrote {len(rows) - 1} origins from {len(cands)} residential buildings to {args.out}")


if __name__ == "__main__":
    main()
