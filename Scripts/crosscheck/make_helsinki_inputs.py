#!/usr/bin/env python3
"""Write a seeded origins/facilities test set for the Helsinki sample extract.

    make_helsinki_inputs.py --out DIR [--seed 1] [--network geodata/helsinki/Helsinki.osm.pbf]

Writes DIR/origins.csv (id,kind,area_class,lon,lat) and DIR/facilities.csv (id,type,lon,lat):
- 400 origins: 392 random points within 60 m of a highway segment inside the bbox
  24.9352-24.9534 E, 60.1642-60.1791 N (mixed kinds and area classes, so both modes occur), plus
  8 points 1.2-3 km outside the bbox (unsnapped at the default 500 m);
- facilities for kindergarten, primary_school, community_health_center, bus_stop, supermarket,
  community_park (5-40 points each): most near streets, about a quarter exactly on OSM highway
  nodes (junctions and shape nodes, coordinates copied verbatim), one facility with two entrances
  (two rows, same id and type), and one bus stop far outside (an unsnapped facility).
The same seed and network give byte-identical files.
"""
import argparse
import bisect
import csv
import math
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from reference_times import R, DEG, WALK_CLASSES, read_osm  # noqa: E402

BBOX = (24.9352, 60.1642, 24.9534, 60.1791)       # W, S, E, N
ITEMS = [("kindergarten", 25), ("primary_school", 12), ("community_health_center", 5),
         ("bus_stop", 40), ("supermarket", 20), ("community_park", 8)]
DEFAULT_NETWORK = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                "..", "..", "geodata", "helsinki",
                                                "Helsinki.osm.pbf"))


def inside(lon, lat):
    return BBOX[0] <= lon <= BBOX[2] and BBOX[1] <= lat <= BBOX[3]


def offset(lon, lat, east_m, north_m):
    return (lon + east_m / (R * math.cos(lat * DEG)) / DEG, lat + north_m / R / DEG)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--network", default=DEFAULT_NETWORK)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    nodes, ways = read_osm(a.network)

    segs, cum, total = [], [], 0.0            # highway segments inside the bbox, by length
    use = {}
    for wid, refs, tags in ways:
        if tags.get("highway") not in WALK_CLASSES:
            continue
        present = [r for r in refs if r in nodes]
        for r in set(present):
            use[r] = use.get(r, 0) + 1
        for p, q in zip(refs, refs[1:]):
            if p in nodes and q in nodes and p != q and inside(*nodes[p]) and inside(*nodes[q]):
                (x1, y1), (x2, y2) = nodes[p], nodes[q]
                ln = math.hypot((x2 - x1) * math.cos(y1 * DEG), y2 - y1) * DEG * R
                if ln > 0:
                    segs.append((p, q, ln))
                    total += ln
                    cum.append(total)
    node_pool = sorted({n for p, q, _ in segs for n in (p, q)})
    junctions = [n for n in node_pool if use.get(n, 0) >= 2]

    def near_street(max_off):
        while True:
            p, q, ln = segs[bisect.bisect_left(cum, rng.uniform(0, total))]
            (x1, y1), (x2, y2) = nodes[p], nodes[q]
            t = rng.random()
            lon, lat = x1 + t * (x2 - x1), y1 + t * (y2 - y1)
            ex, ny = (x2 - x1) * math.cos(y1 * DEG) * DEG * R, (y2 - y1) * DEG * R
            d = rng.uniform(-max_off, max_off)
            lon, lat = offset(lon, lat, -ny / ln * d, ex / ln * d)   # perpendicular offset
            if inside(lon, lat):
                return f"{lon:.7f}", f"{lat:.7f}"

    def far_outside():
        clon, clat = (BBOX[0] + BBOX[2]) / 2, (BBOX[1] + BBOX[3]) / 2
        half_w = (BBOX[2] - BBOX[0]) / 2 * math.cos(clat * DEG) * DEG * R
        half_h = (BBOX[3] - BBOX[1]) / 2 * DEG * R
        ang = rng.uniform(0, 2 * math.pi)
        dist = rng.uniform(1200, 3000)
        east = math.cos(ang) * (half_w + dist)
        north = math.sin(ang) * (half_h + dist)
        lon, lat = offset(clon, clat, east, north)
        return f"{lon:.7f}", f"{lat:.7f}"

    def on_node(pool):
        n = pool[rng.randrange(len(pool))]
        return f"{nodes[n][0]:.7f}", f"{nodes[n][1]:.7f}"

    origins = []
    far_at = set(rng.sample(range(400), 8))
    for i in range(400):
        kind = "village" if rng.random() < 0.3 else "residential"
        r = rng.random()
        area = "urban" if r < 0.5 else ("expansion" if r < 0.8 else "remote")
        lon, lat = far_outside() if i in far_at else near_street(60.0)
        origins.append((f"O{i + 1:04d}", kind, area, lon, lat))

    facilities = []
    for item, count in ITEMS:
        for k in range(count):
            fid = f"{item}-{k + 1:02d}"
            r = rng.random()
            if r < 0.12:
                lon, lat = on_node(junctions)
            elif r < 0.25:
                lon, lat = on_node(node_pool)
            else:
                lon, lat = near_street(40.0)
            facilities.append((fid, item, lon, lat))
            if item == "community_health_center" and k == 0:   # a second entrance,
                ex = 120.0 if float(lon) < (BBOX[0] + BBOX[2]) / 2 else -120.0   # 144 m away,
                ny = 80.0 if float(lat) < (BBOX[1] + BBOX[3]) / 2 else -80.0     # inwards
                lon2, lat2 = offset(float(lon), float(lat), ex, ny)
                facilities.append((fid, item, f"{lon2:.7f}", f"{lat2:.7f}"))
    lon, lat = far_outside()
    facilities.append(("bus_stop-far", "bus_stop", lon, lat))

    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "origins.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "kind", "area_class", "lon", "lat"])
        w.writerows(origins)
    with open(os.path.join(a.out, "facilities.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "type", "lon", "lat"])
        w.writerows(facilities)
    print(f"wrote {len(origins)} origins and {len(facilities)} facility points to {a.out}; "
          f"items: {','.join(i for i, _ in ITEMS)}")


if __name__ == "__main__":
    main()
