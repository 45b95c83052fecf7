#!/usr/bin/env python3
"""make_district.py - the seeded generator of the SYNTHETIC Pudong-like sample district.

SYNTHETIC DATA - not real Pudong.  Every street, subdistrict, committee, population and
facility written by this script is invented; only the location (around 121.55 E, 31.22 N),
the 居委/村委 structure, the three area classes and the catalog items mimic Pudong.

Usage (from the repository root):

    python3 geodata/pudong-synthetic/make_district.py            # seed 2024, ~90,000 nodes
    python3 geodata/pudong-synthetic/make_district.py --seed 7 --out /tmp/district

Writes into --out (default: this script's folder):

    network.osm.pbf        street network (Benchmarks/Scripts/gen_city.py, via `osmium cat`)
    subdistricts.geojson   9 subdistrict polygons with name and area_class
    origins.csv            居委/村委 origins: id,name,kind,subdistrict,population,lon,lat
    facilities.csv         facilities of all 33 pudong catalog items: id,type,name,lon,lat

Python 3 standard library plus the `osmium` command (osmium-tool).  The output depends only
on --seed and --nodes (and on gen_city.py and osmium-tool): running it twice gives
byte-identical files.

Model
-----
* Network: gen_city.City (arterial grid, local streets, a river with 6 bridges, a motorway,
  tiny disconnected islands), a W x H rectangle in a local metric frame rotated by a seeded
  angle and projected around Pudong.
* Subdistricts: a 3 x 3 jittered grid over the network's bounding box (plus 150 m; the
  east column widest), with shared, wiggled borders, so the polygons tile the area without
  overlap or holes.  Centre and west centre are urban 街道; the rest of the west and centre
  columns are expansion 镇; the east column is remote 镇.
* Origins: 居委 spread evenly over urban 街道 and clustered around each 镇's town centre; 村委
  mostly in expansion and remote 镇, away from the town centre; two 城中村 in each 街道.
  Each point is 4-25 m from a shape node of a public local street.
* Facilities: for each item and subdistrict, a greedy cover of the subdistrict's origins,
  largest (jittered) population first: a facility is put at the best of 24 street-side
  points near the first uncovered origin, until a target share of the origins lies within a
  straight-line proxy of the 15-minute reach (walk 560 m, cycle 1800 m) of some facility.
  Targets (TARGET) fall from urban to remote and from everyday items (tier A) to the
  one-per-town kind (tier C), so small, outlying committees miss items; urban 街道 get 15 %
  extra everyday facilities.  Some items are left out of whole subdistricts (PLANTED_GAPS),
  a few facilities get a second entrance (same id, two rows), and some types are written
  as Chinese names (CHINESE_TYPE, VILLAGE_TYPE).
"""

import argparse
import csv
import io
import json
import math
import os
import random
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True   # leave no __pycache__ in Benchmarks/Scripts
sys.path.insert(0, os.path.join(HERE, "..", "..", "Benchmarks", "Scripts"))
import gen_city  # noqa: E402  (the benchmark street-network generator)

DEFAULT_SEED = 2024
DEFAULT_NODES = 90000

# Subdistricts by grid cell (column 0 = west .. 2 = east, row 0 = south .. 2 = north).
SUBDISTRICTS = [
    # (column, row, name, area class)
    (1, 1, "示例一街道", "urban"),
    (0, 1, "示例二街道", "urban"),
    (0, 2, "示例三镇", "expansion"),
    (1, 2, "示例四镇", "expansion"),
    (0, 0, "示例五镇", "expansion"),
    (1, 0, "示例六镇", "expansion"),
    (2, 2, "示例七镇", "remote"),
    (2, 1, "示例八镇", "remote"),
    (2, 0, "示例九镇", "remote"),
]
# West-to-east column borders as fractions of the width: the remote column is the widest.
COLUMN_SPLITS = (0.0, 0.31, 0.60, 1.0)
CLASS_ZH = {"urban": "城市化地区", "expansion": "城镇化拓展区", "remote": "远郊地区"}

# Origins per subdistrict: (居委 count, 村委 count) by area class.
ORIGIN_COUNTS = {"urban": (60, 2), "expansion": (32, 20), "remote": (12, 26)}
# SPEC section 2.
MODE = {("urban", "residential"): "walk", ("urban", "village"): "walk",
        ("expansion", "residential"): "walk", ("expansion", "village"): "cycle",
        ("remote", "residential"): "cycle", ("remote", "village"): "cycle"}
# Straight-line proxy of the 15-minute reach (network detour and access legs make the real
# reach shorter than 1000 m walking / 3000 m cycling).
PROXY_REACH = {"walk": 560.0, "cycle": 1800.0}

# The 33 items of the built-in pudong catalog (`circle catalog`), in catalog order:
# (id, short Chinese name used in facility names, tier).  21 basic items, then 12 related.
ITEMS = [
    ("kindergarten", "幼儿园", "B"),
    ("primary_school", "小学", "B"),
    ("junior_middle_school", "初级中学", "C"),
    ("community_school", "社区学校", "C"),
    ("community_health_center", "社区卫生服务中心", "C"),
    ("community_health_station", "社区卫生服务站", "A"),
    ("elderly_institution", "养老院", "C"),
    ("elderly_care_home", "长者照护之家", "B"),
    ("elderly_day_care", "日间照料中心", "B"),
    ("elderly_meal_point", "长者食堂", "A"),
    ("elderly_service_center", "综合为老服务中心", "C"),
    ("elderly_activity_room", "老年活动室", "A"),
    ("community_cultural_center", "社区文化活动中心", "C"),
    ("neighborhood_cultural_room", "综合文化活动室", "A"),
    ("library_branch", "社区书屋", "A"),
    ("cultural_square", "百姓舞台", "B"),
    ("community_fitness_center", "市民健身中心", "C"),
    ("fitness_station", "健身苑点", "A"),
    ("public_ball_court", "市民球场", "B"),
    ("fitness_trail", "健身步道", "B"),
    ("swimming_pool", "游泳馆", "C"),
    ("wet_market", "标准化菜市场", "B"),
    ("supermarket", "生鲜超市", "A"),
    ("convenience_store", "便利店", "A"),
    ("community_commercial_center", "邻里中心", "C"),
    ("pharmacy", "药店", "A"),
    ("community_park", "社区公园", "B"),
    ("pocket_park", "口袋公园", "A"),
    ("public_square", "公共广场", "C"),
    ("bus_stop", "公交站", "A"),
    ("metro_station", "地铁站", "M"),
    ("bike_share_point", "共享单车点", "A"),
    ("childcare_point", "宝宝屋", "A"),
]
# Share of a subdistrict's origins to cover, by tier and area class.
TARGET = {
    "A": {"urban": 1.00, "expansion": 0.93, "remote": 0.85},
    "B": {"urban": 1.00, "expansion": 0.85, "remote": 0.70},
    "C": {"urban": 0.75, "expansion": 0.50, "remote": 0.35},
    "M": {"urban": 0.40, "expansion": 0.20, "remote": 0.00},   # metro: none in remote towns
}
URBAN_EXTRA = 0.15   # extra tier-A facilities in urban 街道, as a share of the cover

# Items deliberately absent from whole subdistricts (no facility inside the polygon).
PLANTED_GAPS = [
    ("swimming_pool", "示例八镇"),
    ("swimming_pool", "示例九镇"),
    ("community_school", "示例五镇"),
    ("elderly_care_home", "示例七镇"),
    ("fitness_trail", "示例六镇"),
    ("wet_market", "示例二街道"),     # related item: an urban 街道 without a standard wet market
    ("metro_station", "示例七镇"),   # related item; also implied by its remote target 0
    ("metro_station", "示例八镇"),
    ("metro_station", "示例九镇"),
]
# Facilities given a second entrance (same id, second row): the first facility of the item
# in the subdistrict.
TWO_ENTRANCES = [
    ("primary_school", "示例一街道"),
    ("swimming_pool", "示例一街道"),
    ("junior_middle_school", "示例二街道"),
    ("primary_school", "示例三镇"),
    ("community_health_center", "示例四镇"),
    ("community_park", "示例六镇"),
]
# Items whose `type` is written as a Chinese catalog name (name lookup), every row.
CHINESE_TYPE = {
    "kindergarten": "幼儿园",
    "community_health_center": "社区卫生服务中心",
    "elderly_meal_point": "长者食堂",
    "public_ball_court": "市民球场",
    "wet_market": "菜市场",
    "metro_station": "地铁站",
}
# ... and some rows only: village clinics and rural reading rooms.
VILLAGE_TYPE = {"community_health_station": ("村卫生室", "村卫生室"),
                "library_branch": ("农家书屋", "农家书屋")}


def log(msg):
    print("make_district: " + msg, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------- geometry
def point_in_ring(x, y, ring):
    inside = False
    n = len(ring)
    j = n - 1
    for i in range(n):
        xi, yi = ring[i]
        xj, yj = ring[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def signed_area(ring):
    s = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        s += x0 * y1 - x1 * y0
    return s / 2.0


def segments_cross(p1, p2, p3, p4):
    """Proper crossing of segments p1p2 and p3p4 (shared end points do not count)."""
    def orient(a, b, c):
        return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
    d1, d2 = orient(p3, p4, p1), orient(p3, p4, p2)
    d3, d4 = orient(p1, p2, p3), orient(p1, p2, p4)
    return d1 * d2 < 0 and d3 * d4 < 0


def ring_is_simple(ring):
    n = len(ring)
    segs = [(ring[i], ring[(i + 1) % n]) for i in range(n)]
    for i in range(n):
        for j in range(i + 2, n):
            if i == 0 and j == n - 1:
                continue
            if segments_cross(segs[i][0], segs[i][1], segs[j][0], segs[j][1]):
                return False
    return True


class Grid:
    """Bucket index of points (x, y) by 250 m cells."""

    def __init__(self, pts, cell=250.0):
        self.cell = cell
        self.pts = pts
        self.b = {}
        for k, (x, y) in enumerate(pts):
            self.b.setdefault((int(math.floor(x / cell)), int(math.floor(y / cell))), []).append(k)

    def near(self, x, y, r):
        c = self.cell
        out = []
        for gx in range(int(math.floor((x - r) / c)), int(math.floor((x + r) / c)) + 1):
            for gy in range(int(math.floor((y - r) / c)), int(math.floor((y + r) / c)) + 1):
                for k in self.b.get((gx, gy), ()):
                    px, py = self.pts[k]
                    if (px - x) ** 2 + (py - y) ** 2 <= r * r:
                        out.append(k)
        out.sort()
        return out


# ---------------------------------------------------------------------------- district
class District:
    def __init__(self, seed, nodes):
        self.seed = seed
        self.city, self.used = gen_city.generate(seed, nodes, log)
        c = self.city
        used = self.used
        xs = [c.xs[i] for i in range(len(c.xs)) if used[i]]
        ys = [c.ys[i] for i in range(len(c.ys)) if used[i]]
        self.bbox = (min(xs) - 150.0, min(ys) - 150.0, max(xs) + 150.0, max(ys) + 150.0)
        seen = set()
        self.anchors = []
        for a in c.anchors:
            if used[a] and a not in seen:
                seen.add(a)
                self.anchors.append(a)

    def rng(self, stream):
        return random.Random("pudong-synthetic:%s:%s" % (self.seed, stream))

    # ------------------------------------------------------------------ subdistricts
    def build_subdistricts(self):
        rng = self.rng("subdistricts")
        x0, y0, x1, y1 = self.bbox
        sx, sy = (x1 - x0) / 3.0, (y1 - y0) / 3.0
        V = [[None] * 4 for _ in range(4)]
        for i in range(4):
            for j in range(4):
                x = x0 + COLUMN_SPLITS[i] * (x1 - x0)
                y = y0 + j * sy
                if 0 < i < 3:
                    x += rng.uniform(-0.08, 0.08) * sx
                if 0 < j < 3:
                    y += rng.uniform(-0.08, 0.08) * sy
                V[i][j] = (x, y)
        edges = {}

        def edge(a, b):
            """Shared polyline from vertex a to vertex b (grid index pairs)."""
            key = (min(a, b), max(a, b))
            if key not in edges:
                p, q = V[key[0][0]][key[0][1]], V[key[1][0]][key[1][1]]
                boundary = (key[0][0] == key[1][0] and key[0][0] in (0, 3)) or \
                           (key[0][1] == key[1][1] and key[0][1] in (0, 3))
                L = math.hypot(q[0] - p[0], q[1] - p[1])
                nx, ny = -(q[1] - p[1]) / L, (q[0] - p[0]) / L
                pts = [p]
                m = 6
                for s in range(1, m):
                    t = s / m
                    off = 0.0 if boundary else rng.uniform(-1, 1) * min(140.0, 0.03 * L)
                    pts.append((p[0] + (q[0] - p[0]) * t + nx * off, p[1] + (q[1] - p[1]) * t + ny * off))
                pts.append(q)
                edges[key] = pts
            pts = edges[key]
            return pts if key[0] == a else pts[::-1]

        self.subs = []
        for col, row, name, cls in SUBDISTRICTS:
            corners = [(col, row), (col + 1, row), (col + 1, row + 1), (col, row + 1)]   # anticlockwise
            ring = []
            for a, b in zip(corners, corners[1:] + corners[:1]):
                ring.extend(edge(a, b)[:-1])
            assert signed_area(ring) > 0 and ring_is_simple(ring), name
            self.subs.append({"name": name, "class": cls, "ring": ring,
                              "bbox": (min(p[0] for p in ring), min(p[1] for p in ring),
                                       max(p[0] for p in ring), max(p[1] for p in ring))})
        # The polygons cover every network node.
        c = self.city
        for i in range(len(c.xs)):
            if self.used[i]:
                assert self.locate(c.xs[i], c.ys[i]) is not None, "node outside the subdistricts"
        # Anchors (public local street nodes) by subdistrict.
        self.sub_anchors = [[] for _ in self.subs]
        for a in self.anchors:
            k = self.locate(c.xs[a], c.ys[a])
            if k is not None:
                self.sub_anchors[k].append(a)

    def locate(self, x, y):
        for k, s in enumerate(self.subs):
            bx0, by0, bx1, by1 = s["bbox"]
            if bx0 <= x <= bx1 and by0 <= y <= by1 and point_in_ring(x, y, s["ring"]):
                return k
        return None

    def near_street(self, rng, anchor, lo, hi, k):
        """A point lo..hi m from the anchor node, in subdistrict k and not in the river."""
        c = self.city
        for _ in range(50):
            ang = rng.uniform(0, 2 * math.pi)
            d = rng.uniform(lo, hi)
            x = c.xs[anchor] + d * math.cos(ang)
            y = c.ys[anchor] + d * math.sin(ang)
            if abs(c.river_dist(x, y)) > gen_city.RIVER_HALF_WIDTH + 3 and self.locate(x, y) == k:
                return x, y
        return None

    # ------------------------------------------------------------------ origins
    def build_origins(self):
        c = self.city
        self.origins = []
        for k, s in enumerate(self.subs):
            rng = self.rng("origins:%d" % k)
            cls = s["class"]
            anchors = self.sub_anchors[k]
            n_res, n_vil = ORIGIN_COUNTS[cls]
            ring = s["ring"]
            area = abs(signed_area(ring))
            # Town centre of a 镇: the anchor nearest a point jittered around the centroid.
            cx = sum(p[0] for p in ring) / len(ring) + rng.uniform(-500, 500)
            cy = sum(p[1] for p in ring) / len(ring) + rng.uniform(-500, 500)
            centre = min(anchors, key=lambda a: ((c.xs[a] - cx) ** 2 + (c.ys[a] - cy) ** 2, a))
            tx, ty = c.xs[centre], c.ys[centre]
            placed = []

            def place(kind, count, spacing, accept):
                got = 0
                tries = 0
                while got < count:
                    tries += 1
                    if tries % 4000 == 0:
                        spacing *= 0.9
                    a = anchors[rng.randrange(len(anchors))]
                    d = math.hypot(c.xs[a] - tx, c.ys[a] - ty)
                    if not accept(d, rng) and tries < 40000:
                        continue
                    p = self.near_street(rng, a, 4.0, 25.0, k)
                    if p is None:
                        continue
                    if any(math.hypot(p[0] - q[0], p[1] - q[1]) < spacing * (1.0 if qk == kind else 0.6)
                           for q, qk in placed):
                        continue
                    placed.append((p, kind))
                    got += 1

            if cls == "urban":
                place("residential", n_res, 0.6 * math.sqrt(area / n_res), lambda d, r: True)
                place("village", n_vil, 300.0, lambda d, r: d > 1200)
            else:
                place("residential", n_res, 280.0, lambda d, r: r.random() < math.exp(-(d / 1100.0) ** 2))
                place("village", n_vil, 0.55 * math.sqrt(area / n_vil), lambda d, r: d > 1300)
            for (x, y), kind in placed:
                if kind == "village":
                    pop = rng.triangular(800, 4000, 1800)
                else:
                    pop = rng.triangular(*{"urban": (2000, 8500, 4200), "expansion": (1500, 7000, 3500),
                                           "remote": (800, 4500, 2000)}[cls])
                pop = int(min(9000, max(800, round(pop / 10) * 10)))
                self.origins.append({"sub": k, "kind": kind, "x": x, "y": y, "pop": pop,
                                     "mode": MODE[(cls, kind)],
                                     "priority": pop * rng.uniform(0.7, 1.3)})
        # Ids and names: 居委 then 村委 of each subdistrict, subdistricts in order.
        self.origins.sort(key=lambda o: (o["sub"], o["kind"] != "residential"))
        nres = nvil = 0
        for o in self.origins:
            if o["kind"] == "residential":
                nres += 1
                o["id"], o["name"] = "JW%03d" % nres, "示例社区%03d居委" % nres
            else:
                nvil += 1
                o["id"], o["name"] = "CW%03d" % nvil, "示例%03d村村委" % nvil

    # ------------------------------------------------------------------ facilities
    def build_facilities(self):
        c = self.city
        gaps = set(PLANTED_GAPS)
        sub_index = {s["name"]: k for k, s in enumerate(self.subs)}
        anchor_grid = [Grid([(c.xs[a], c.ys[a]) for a in anc]) for anc in self.sub_anchors]
        opos = [(o["x"], o["y"]) for o in self.origins]
        ogrid = Grid(opos)
        facilities = []   # dicts: item, sub, x, y, for_village
        for item, short, tier in ITEMS:
            rng = self.rng("facilities:%s" % item)
            covered = set()
            # The origin's priority (population, jittered) jittered again per item: gaps of
            # different items fall on overlapping but not identical committees.
            prio = {o["id"]: o["priority"] * rng.uniform(0.75, 1.25) for o in self.origins}
            by_sub = [sorted((o for o in self.origins if o["sub"] == k), key=lambda o: (-prio[o["id"]], o["id"]))
                      for k in range(len(self.subs))]

            def add(k, x, y, for_village):
                facilities.append({"item": item, "sub": k, "x": x, "y": y, "village": for_village})
                for q in ogrid.near(x, y, PROXY_REACH["cycle"]):
                    o = self.origins[q]
                    if math.hypot(o["x"] - x, o["y"] - y) <= PROXY_REACH[o["mode"]]:
                        covered.add(o["id"])

            def gain(x, y):
                """Priority of the origins not yet covered that a facility at (x, y) covers."""
                g = 0.0
                for q in ogrid.near(x, y, PROXY_REACH["cycle"]):
                    o = self.origins[q]
                    if o["id"] not in covered and math.hypot(o["x"] - x, o["y"] - y) <= PROXY_REACH[o["mode"]]:
                        g += prio[o["id"]]
                return g

            def place_near(k, x, y, r):
                """The best of up to 24 street-side points within r of (x, y) in subdistrict k."""
                anc = self.sub_anchors[k]
                cand = anchor_grid[k].near(x, y, r)
                best = None
                for _ in range(24):
                    a = anc[cand[rng.randrange(len(cand))]] if cand else anc[rng.randrange(len(anc))]
                    p = self.near_street(rng, a, 3.0, 20.0, k)
                    if p is not None:
                        g = gain(*p)
                        if best is None or g > best[0]:
                            best = (g, p)
                if best is None:
                    raise RuntimeError("no facility position in subdistrict %d" % k)
                return best[1]

            for k, s in enumerate(self.subs):
                if (item, s["name"]) in gaps:
                    continue
                target = TARGET[tier][s["class"]]
                members = by_sub[k]
                need = int(math.ceil(target * len(members) - 1e-9))
                count = 0
                while sum(1 for o in members if o["id"] in covered) < need:
                    o = next(o for o in members if o["id"] not in covered)
                    x, y = place_near(k, o["x"], o["y"], 0.7 * PROXY_REACH[o["mode"]])
                    add(k, x, y, o["kind"] == "village")
                    count += 1
                if tier == "A" and s["class"] == "urban":
                    anc = self.sub_anchors[k]
                    for _ in range(int(round(URBAN_EXTRA * count))):
                        a = anc[rng.randrange(len(anc))]
                        p = self.near_street(rng, a, 3.0, 20.0, k)
                        if p is not None:
                            add(k, p[0], p[1], False)
        # Rows: ids in order, names per subdistrict and item.
        seq = {}
        per = {}
        for f in facilities:
            per[(f["item"], f["sub"])] = per.get((f["item"], f["sub"]), 0) + 1
        short = {i: s for i, s, _ in ITEMS}
        rows = []
        for n, f in enumerate(facilities, 1):
            item, k = f["item"], f["sub"]
            key = (item, k)
            seq[key] = seq.get(key, 0) + 1
            sub = self.subs[k]["name"]
            label = short[item]
            typ = CHINESE_TYPE.get(item, item)
            if item in VILLAGE_TYPE and f["village"]:
                typ, label = VILLAGE_TYPE[item]
            name = sub + label if per[key] == 1 else "%s%s%02d" % (sub, label, seq[key])
            f["id"] = "F%04d" % n
            lon, lat = c.lonlat(f["x"], f["y"])
            rows.append([f["id"], typ, name, lon, lat])
            if seq[key] == 1 and (item, sub) in set(TWO_ENTRANCES):
                rng = self.rng("entrance:%s:%s" % (item, k))
                anc = self.sub_anchors[k]
                cand = [anc[q] for q in anchor_grid[k].near(f["x"], f["y"], 300.0)
                        if math.hypot(c.xs[anc[q]] - f["x"], c.ys[anc[q]] - f["y"]) > 120.0]
                p = None
                while p is None:
                    p = self.near_street(rng, cand[rng.randrange(len(cand))], 3.0, 15.0, k)
                lon2, lat2 = c.lonlat(*p)
                rows.append([f["id"], typ, name, lon2, lat2])
        self.facility_rows = rows
        self.facilities = facilities
        # Self-check: the planted gaps hold, and every other (item, subdistrict) pair that
        # should have a facility has one.
        present = {(f["item"], self.subs[f["sub"]]["name"]) for f in facilities}
        for g in PLANTED_GAPS:
            assert g not in present, g
        assert all(item in {f["item"] for f in facilities} for item, _, _ in ITEMS)
        for item, sub in TWO_ENTRANCES:
            assert (item, sub) in present and sub in sub_index, (item, sub)

    # ------------------------------------------------------------------ output
    def write(self, out):
        os.makedirs(out, exist_ok=True)
        c = self.city
        # Network.
        with tempfile.TemporaryDirectory() as tmp:
            osm = os.path.join(tmp, "network.osm")
            n_nodes, n_ways = c.write_osm(osm, self.used)
            subprocess.run(["osmium", "cat", osm, "-o", os.path.join(out, "network.osm.pbf"), "--overwrite"],
                           check=True)
        log("network.osm.pbf: %d nodes, %d ways" % (n_nodes, n_ways))
        # Subdistricts.
        feats = []
        for s in self.subs:
            ring = [c.lonlat(x, y) for x, y in s["ring"]]
            ring = [[round(lon, 7), round(lat, 7)] for lon, lat in ring]
            ring.append(ring[0])
            feats.append({"type": "Feature",
                          "properties": {"name": s["name"], "area_class": s["class"],
                                         "area_class_zh": CLASS_ZH[s["class"]],
                                         "source": "SYNTHETIC (geodata/pudong-synthetic/make_district.py)"},
                          "geometry": {"type": "Polygon", "coordinates": [ring]}})
        fc = {"type": "FeatureCollection",
              "name": "pudong_synthetic_subdistricts",
              "description": "SYNTHETIC DATA - not real Pudong: fictional subdistricts made by "
                             "geodata/pudong-synthetic/make_district.py (seed %d), CC0 1.0" % self.seed,
              "features": feats}
        text = json.dumps(fc, ensure_ascii=False, separators=(",", ":"))
        # One feature per line keeps the file readable and diffable.
        text = text.replace('{"type":"Feature"', '\n{"type":"Feature"').replace("]}}]}", "]}}\n]}") + "\n"
        write_text(os.path.join(out, "subdistricts.geojson"), text)
        # Origins.
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(["id", "name", "kind", "subdistrict", "population", "lon", "lat"])
        for o in self.origins:
            lon, lat = c.lonlat(o["x"], o["y"])
            w.writerow([o["id"], o["name"], "居委" if o["kind"] == "residential" else "村委",
                        self.subs[o["sub"]]["name"], o["pop"], "%.7f" % lon, "%.7f" % lat])
        write_text(os.path.join(out, "origins.csv"), buf.getvalue())
        # Facilities.
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(["id", "type", "name", "lon", "lat"])
        for fid, typ, name, lon, lat in self.facility_rows:
            w.writerow([fid, typ, name, "%.7f" % lon, "%.7f" % lat])
        write_text(os.path.join(out, "facilities.csv"), buf.getvalue())
        # Summary on stderr.
        for k, s in enumerate(self.subs):
            os_ = [o for o in self.origins if o["sub"] == k]
            log("%s %-9s 居委 %3d 村委 %3d population %7d facilities %4d" % (
                s["name"], s["class"], sum(o["kind"] == "residential" for o in os_),
                sum(o["kind"] == "village" for o in os_), sum(o["pop"] for o in os_),
                sum(f["sub"] == k for f in self.facilities)))
        log("origins.csv: %d origins; facilities.csv: %d facilities, %d rows"
            % (len(self.origins), len(self.facilities), len(self.facility_rows)))


def write_text(path, text):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--nodes", type=int, default=DEFAULT_NODES, help="approximate number of OSM nodes")
    ap.add_argument("--out", default=HERE, help="output folder (default: this script's folder)")
    args = ap.parse_args(argv)
    d = District(args.seed, args.nodes)
    d.build_subdistricts()
    d.build_origins()
    d.build_facilities()
    d.write(args.out)


if __name__ == "__main__":
    main()
