#!/usr/bin/env python3
"""gen_city.py - seeded generator of road-like synthetic cities for ServiceCircle benchmarks.

Usage
-----
    python3 gen_city.py --nodes 1000000 --seed 42 --out city1m.osm
    python3 gen_city.py --nodes 100000 --seed 42 --out city100k.osm \
        --pois city100k_pois.csv --origins city100k_origins.csv

The output is plain OSM XML 0.6 (nodes sorted by id, then ways sorted by id, no
relations), ready for `osmium cat in.osm -o out.osm.pbf`.  The result depends only on
(--seed, --nodes): the same arguments always give byte-identical files.  Only the
Python standard library is used.

Model
-----
Everything is built in a local metric frame (x east, y north, metres) centred on the
city centre.  On output the frame is rotated by a small seed-dependent angle (Pudong's
grid is not north-aligned) and projected to lon/lat around Shanghai Pudong
(121.55 E, 31.22 N) with a local equirectangular approximation; coordinates are
written with 7 decimals.

1. Arterial grid.  The city is a W x H rectangle (aspect 1.25) cut into cells of
   ~800 m by a grid of jittered corner points.  Each grid side is a gently bowed
   curve (two sine harmonics); the vertical/horizontal grid lines are long arterial
   roads (highway=trunk/primary/secondary, named "Jing N Lu" / "Wei N Lu"), split into
   ways of 80-300 nodes.

2. Local streets.  Every arterial cell is filled with a finer jittered grid of local
   streets (block size ~60 m in the centre growing to ~110 m in the outskirts) laid
   out in the cell's Coons patch, so local streets follow the bowed arterials and
   end exactly on them.  Where a local street meets an arterial, a node is inserted
   into the arterial (or an existing one within 12 m is reused, which produces
   4-way crossings) - networks connect *only* through shared node ids.
   Street segments carry 0-3 intermediate shape nodes with a perpendicular bow, so
   streets are curvy; ~20 % of lines are extra curvy.  Classes: residential,
   tertiary, unclassified, living_street, service.  Irregularity: omitted lines,
   missing segments (T-junctions), lines that stop short (dead ends), superblocks.

3. Street attributes.  ~15 % of local ways oneway=yes, ~2 % oneway=-1, some of those
   with oneway:bicycle=no or cycleway=opposite_lane; some service roads
   access=private (some of them foot=yes); a few roundabouts (closed anticlockwise
   rings, junction=roundabout) replace 4-way local intersections.

4. Block contents.  Some blocks get a footway/path/cycleway crossing (some starting
   with a short highway=steps), a gated compound (closed private service loop plus
   access road, some foot=yes), a cul-de-sac stub, a private driveway, and a few
   cells get a pedestrian square (closed way highway=pedestrian + area=yes, reached
   by footways).

5. River.  A meandering ~150 m wide band crosses the city west to east.  No road node
   lies inside it (plus a 6 m bank margin); a way that would enter it is cut, so
   streets stop at the banks.  Only designated ways cross it, as short bridge ways
   (bridge=yes, layer=1) between the last node on one bank and the first on the
   other: 3 arterials, 1 footbridge and the 2 motorway carriageways, i.e. 6
   bridge ways.  A waterway=river centre line and a natural=water polygon are added
   (not highways, so not part of the road network).

6. Motorway.  A dual-carriageway highway=motorway (two oneway ways, right-hand
   traffic) crosses the city SW->NE without sharing nodes with the streets below
   it; 2-3 diamond-style interchanges connect it to an arterial with oneway
   motorway_link ramps.

7. Islands.  A few tiny street clusters (< 50 nodes each) just outside the city are
   not connected to anything, to exercise connected-component filtering.

8. Size.  The node count is controlled through the city area: the area is first
   estimated from an empirical density and, if the resulting node count is more
   than 2.5 % off the target, rescaled and regenerated (deterministically).

Facilities and origins (--pois / --origins)
-------------------------------------------
--pois writes `id,type,lon,lat` with --pois-per-item points (default 300) for each of
the 21 item ids in ITEMS (or the ids given with --pois-items); --origins writes `id,name,kind,area_class,subdistrict,
population,lon,lat` (default 50,000 rows).  All points are 3-28 m away from a local
street node (hence within ~30 m of a street) and never in the river.  Regions:
normalised elliptic radius < 0.45 is "urban", < 0.8 "expansion", otherwise
"remote"; subdistricts S01..S36 are a 6 x 6 grid over the city rectangle.
Facilities are thinner outside the centre and every item has 1-3 deliberate gap
discs without any facility of that item.  These use their own RNG streams, so
asking for them never changes the city.
"""

import argparse
import bisect
import math
import random
import sys
import time

LON0 = 121.55
LAT0 = 31.22
_PHI = math.radians(LAT0)
M_PER_DEG_LAT = 111132.954 - 559.822 * math.cos(2 * _PHI) + 1.175 * math.cos(4 * _PHI)
M_PER_DEG_LON = 111412.84 * math.cos(_PHI) - 93.5 * math.cos(3 * _PHI)

ASPECT = 1.25                # city width / height
ARTERIAL_SPACING = 800.0     # metres between arterial grid lines
DENSITY_GUESS = 492e-6       # nodes per m^2, empirical (first-attempt area estimate)
SIZE_TOLERANCE = 0.025       # regenerate with a rescaled area if further off than this
RIVER_HALF_WIDTH = 75.0
BANK_MARGIN = 6.0
RB_RADIUS = 14.0             # local roundabout radius (m)
TWO_PI = 2.0 * math.pi

# The 21 basic items of the built-in pudong catalog (`circle catalog`).
ITEMS = [
    "kindergarten", "primary_school", "junior_middle_school", "community_school",
    "community_health_center", "community_health_station",
    "elderly_institution", "elderly_care_home", "elderly_day_care", "elderly_meal_point",
    "elderly_service_center", "elderly_activity_room",
    "community_cultural_center", "neighborhood_cultural_room", "library_branch", "cultural_square",
    "community_fitness_center", "fitness_station", "public_ball_court", "fitness_trail", "swimming_pool",
]

PUBLIC_LOCAL = ("residential", "tertiary", "unclassified", "living_street")


def clamp(v, lo, hi):
    return lo if v < lo else hi if v > hi else v


class Edge:
    """One side of an arterial cell: a bowed curve P0->P1 plus the nodes placed on it."""

    __slots__ = ("x0", "y0", "dx", "dy", "nx", "ny", "a1", "a2", "length", "ts", "ids")

    def __init__(self, p0, p1, a1, a2):
        self.x0, self.y0 = p0
        self.dx = p1[0] - p0[0]
        self.dy = p1[1] - p0[1]
        self.length = math.hypot(self.dx, self.dy)
        self.nx = -self.dy / self.length
        self.ny = self.dx / self.length
        self.a1 = a1          # amplitude of the half-wave bow (m)
        self.a2 = a2          # amplitude of the full-wave wiggle (m)
        self.ts = []          # sorted curve parameters of nodes on this edge ...
        self.ids = []         # ... and their node ids (-1 = in the river)

    def point(self, t):
        off = self.a1 * math.sin(math.pi * t) + self.a2 * math.sin(TWO_PI * t)
        return (self.x0 + self.dx * t + self.nx * off, self.y0 + self.dy * t + self.ny * off)


class City:
    def __init__(self, seed, width, height):
        self.seed = seed
        self.rng = random.Random(seed)
        self.W = width
        self.H = height
        self.xs = []              # node x (m)
        self.ys = []              # node y (m)
        self.side = bytearray()   # 1 if the node is north of the river
        self.ways = []            # (node id list, tags tuple), in id order
        self.anchors = []         # shape nodes of public local streets (for POIs/origins)
        self.roundabouts = []     # (cx, cy, ring ids)
        self.stats = {"bridges": 0, "roundabouts": 0, "squares": 0, "islands": 0,
                      "compounds": 0, "interchanges": 0}
        rng = self.rng
        self.theta = math.radians(rng.uniform(-25.0, 25.0))
        # River centre line y = ry0 + ra1 sin(rk1 x + rp1) + ra2 sin(rk2 x + rp2).
        self.ry0 = -0.08 * height + rng.uniform(-0.04, 0.04) * height
        self.ra1 = 0.07 * height
        self.rk1 = TWO_PI / (1.3 * width)
        self.rp1 = rng.uniform(0, TWO_PI)
        self.ra2 = 160.0
        self.rk2 = TWO_PI / 3000.0
        self.rp2 = rng.uniform(0, TWO_PI)
        self.river_reach = self.ra1 + self.ra2 + 2 * (RIVER_HALF_WIDTH + BANK_MARGIN)

    # ------------------------------------------------------------------ geometry
    def river_y(self, x):
        return (self.ry0 + self.ra1 * math.sin(self.rk1 * x + self.rp1)
                + self.ra2 * math.sin(self.rk2 * x + self.rp2))

    def river_dist(self, x, y):
        """Signed (approximately perpendicular) distance from the river centre line."""
        slope = (self.ra1 * self.rk1 * math.cos(self.rk1 * x + self.rp1)
                 + self.ra2 * self.rk2 * math.cos(self.rk2 * x + self.rp2))
        return (y - self.river_y(x)) / math.sqrt(1.0 + slope * slope)

    def norm_radius(self, x, y):
        return math.hypot(2.0 * x / self.W, 2.0 * y / self.H)

    def node(self, x, y):
        """Create a road node; returns -1 (and creates nothing) inside the river band."""
        if abs(y - self.ry0) < self.river_reach:
            d = self.river_dist(x, y)
            if -RIVER_HALF_WIDTH - BANK_MARGIN < d < RIVER_HALF_WIDTH + BANK_MARGIN:
                return -1
            north = d > 0
        else:
            north = y > self.ry0
        self.xs.append(x)
        self.ys.append(y)
        self.side.append(1 if north else 0)
        return len(self.xs) - 1

    def raw_node(self, x, y):
        """Create a node without the river check (river line / water polygon)."""
        self.xs.append(x)
        self.ys.append(y)
        self.side.append(1 if y > self.river_y(x) else 0)
        return len(self.xs) - 1

    def edge_node(self, e, t, tol_m=12.0):
        """Node on arterial edge e at parameter t, reusing one within tol_m metres."""
        ts = e.ts
        k = bisect.bisect_left(ts, t)
        tol = tol_m / e.length
        if k < len(ts) and ts[k] - t < tol:
            return e.ids[k]
        if k > 0 and t - ts[k - 1] < tol:
            return e.ids[k - 1]
        x, y = e.point(t)
        nid = self.node(x, y)
        ts.insert(k, t)
        e.ids.insert(k, nid)
        return nid

    # ------------------------------------------------------------------ ways
    def add_way(self, ids, tags, bridge=None, chunk=None, closed=False):
        """Add a way, cutting it at the river.

        A gap (-1 ids) or a change of river side between consecutive nodes ends the
        current piece; if `bridge` tags are given, a side change becomes a 2-node
        bridge way between the banks.  `chunk=(lo, hi)` splits long pieces into ways
        of lo..hi nodes.  Closed ways touching the river are dropped.
        """
        if closed:
            if min(ids) < 0:
                return
            self.ways.append((ids, tags))
            return
        side = self.side
        pieces = []
        cur = []
        prev = -1
        gap = False
        for nid in ids:
            if nid < 0:
                gap = True
                continue
            if prev >= 0 and side[prev] != side[nid]:
                if len(cur) >= 2:
                    pieces.append(cur)
                if bridge is not None:
                    self.ways.append(([prev, nid], bridge))
                    self.stats["bridges"] += 1
                cur = [nid]
            elif gap:
                if len(cur) >= 2:
                    pieces.append(cur)
                cur = [nid]
            elif nid != prev:
                cur.append(nid)
            prev = nid
            gap = False
        if len(cur) >= 2:
            pieces.append(cur)
        # Bridge ways were appended immediately; append the pieces now (order only
        # affects way ids, which just need to be unique and ascending).
        for p in pieces:
            if chunk is None or len(p) <= chunk[1]:
                self.ways.append((p, tags))
                continue
            lo, hi = chunk
            s = 0
            n = len(p)
            while s < n - 1:
                e = s + self.rng.randint(lo, hi) - 1
                if e >= n - 1 - lo // 2:
                    e = n - 1
                self.ways.append((p[s:e + 1], tags))
                s = e

    def local_tags(self, cls):
        rng = self.rng
        tags = [("highway", cls)]
        if cls == "service":
            r = rng.random()
            if r < 0.25:
                tags.append(("access", "private"))
                if rng.random() < 0.4:
                    tags.append(("foot", "yes"))
            elif r < 0.35:
                tags.append(("service", "alley"))
        if cls != "living_street":
            r = rng.random()
            if r < 0.17:
                tags.append(("oneway", "yes" if r < 0.15 else "-1"))
                r2 = rng.random()
                if r2 < 0.25:
                    tags.append(("oneway:bicycle", "no"))
                elif r2 < 0.35:
                    tags.append(("cycleway", "opposite_lane"))
        return tuple(tags)

    # ------------------------------------------------------------------ build
    def build(self):
        rng = self.rng
        W, H = self.W, self.H
        nx = max(3, int(round(W / ARTERIAL_SPACING)))
        ny = max(3, int(round(H / ARTERIAL_SPACING)))
        self.nx, self.ny = nx, ny
        sx, sy = W / nx, H / ny
        P = [[(-W / 2 + i * sx + rng.uniform(-0.1, 0.1) * sx,
               -H / 2 + j * sy + rng.uniform(-0.1, 0.1) * sy) for j in range(ny + 1)]
             for i in range(nx + 1)]
        self.P = P
        self.Pid = [[self.node(*P[i][j]) for j in range(ny + 1)] for i in range(nx + 1)]

        def bow():
            return clamp(rng.gauss(0, 14), -40, 40), clamp(rng.gauss(0, 6), -20, 20)

        self.Hd = [[Edge(P[i][j], P[i + 1][j], *bow()) for j in range(ny + 1)] for i in range(nx)]
        self.Vd = [[Edge(P[i][j], P[i][j + 1], *bow()) for j in range(ny)] for i in range(nx + 1)]

        # Arterial line classes; a few of the vertical lines carry the road bridges.
        def art_class():
            r = rng.random()
            return "trunk" if r < 0.1 else "primary" if r < 0.5 else "secondary"

        self.vcls = [art_class() for _ in range(nx + 1)]
        self.hcls = [art_class() for _ in range(ny + 1)]
        if "trunk" not in self.vcls + self.hcls:
            self.hcls[ny // 2] = "trunk"
        self.bridge_lines = sorted({max(1, min(nx - 1, int(round(nx * f)))) for f in (0.22, 0.5, 0.78)})

        # Footbridge: the middle local line of a cell the river crosses near its middle.
        self.footbridge_cell = self.pick_footbridge_cell()

        ncells = nx * ny
        self.rb_prob = min(1.0, max(1.0 / 40.0, 4.0 / ncells))   # a few roundabouts, >= ~4
        cells = [(i, j) for j in range(ny) for i in range(nx)]
        nsq = max(3, ncells // 200)
        self.square_cells = set(rng.sample(cells, min(nsq, ncells)))
        self.square_debt = 0      # squares still to place (a failed cell passes it on)

        # Each cell draws from its own RNG stream, so a slightly rescaled city (see
        # generate()) keeps most of its cells and the node count varies smoothly.
        main_rng = self.rng
        for (i, j) in cells:
            self.rng = random.Random("%s:cell:%d:%d" % (self.seed, i, j))
            self.build_cell(i, j)
        self.rng = main_rng
        self.build_arterials()
        self.build_motorway()
        self.build_river()
        self.build_islands()

    def pick_footbridge_cell(self):
        nx, ny = self.nx, self.ny
        bl = self.bridge_lines
        mid = (bl[0] + bl[1]) / 2.0 if len(bl) > 1 else nx / 2.0
        bset = set(bl)
        for i in sorted(range(nx), key=lambda c: (c in bset or c + 1 in bset, abs(c + 0.5 - mid), c)):
            for j in range(ny):
                x = (self.P[i][j][0] + self.P[i + 1][j][0]) / 2
                r = self.river_y(x)
                y0 = (self.P[i][j][1] + self.P[i + 1][j][1]) / 2
                y1 = (self.P[i][j + 1][1] + self.P[i + 1][j + 1][1]) / 2
                if y0 + 170 < r < y1 - 170:
                    return (i, j)
        return None

    def build_cell(self, i, j):
        rng = self.rng
        node = self.node
        edge_node = self.edge_node
        xs, ys = self.xs, self.ys
        Be, Te, Le, Re = self.Hd[i][j], self.Hd[i][j + 1], self.Vd[i][j], self.Vd[i + 1][j]
        Bp, Tp, Lp, Rp = Be.point, Te.point, Le.point, Re.point
        (x00, y00), (x10, y10) = self.P[i][j], self.P[i + 1][j]
        (x01, y01), (x11, y11) = self.P[i][j + 1], self.P[i + 1][j + 1]

        def S(u, v):  # Coons patch of the cell: (u, v) in [0,1]^2 -> metres
            bx, by = Bp(u)
            tx, ty = Tp(u)
            lx, ly = Lp(v)
            rx, ry = Rp(v)
            iu = 1.0 - u
            iv = 1.0 - v
            return (iv * bx + v * tx + iu * lx + u * rx
                    - (iu * iv * x00 + u * iv * x10 + iu * v * x01 + u * v * x11),
                    iv * by + v * ty + iu * ly + u * ry
                    - (iu * iv * y00 + u * iv * y10 + iu * v * y01 + u * v * y11))

        footbridge = self.footbridge_cell == (i, j)
        cx = (x00 + x10 + x01 + x11) / 4
        cy = (y00 + y10 + y01 + y11) / 4
        base = 62.0 + 46.0 * min(1.0, self.norm_radius(cx, cy) / 1.1)
        wu = (Be.length + Te.length) / 2
        hv = (Le.length + Re.length) / 2
        bu = clamp(base * rng.uniform(0.85, 1.4), 55, 135)
        bv = clamp(base * rng.uniform(0.8, 1.15), 55, 125)
        k = max(2, int(round(wu / bu)))
        l = max(2, int(round(hv / bv)))
        if not footbridge and rng.random() < 0.05:       # superblock (campus, park...)
            k = max(2, k // 3)
            l = max(2, l // 2)
        af = k // 2 if footbridge else -1

        us = [0.0] + [(a + rng.uniform(-0.2, 0.2)) / k for a in range(1, k)] + [1.0]
        vs = [0.0] + [(b + rng.uniform(-0.2, 0.2)) / l for b in range(1, l)] + [1.0]
        qu = [[us[a] + (0.0 if a in (0, k) else rng.uniform(-0.05, 0.05) / k) for b in range(l + 1)]
              for a in range(k + 1)]
        qv = [[vs[b] + (0.0 if b in (0, l) else rng.uniform(-0.05, 0.05) / l) for b in range(l + 1)]
              for a in range(k + 1)]

        def line_classes(n):
            out = []
            for _ in range(n):
                r = rng.random()
                out.append("residential" if r < 0.58 else "tertiary" if r < 0.70 else
                           "unclassified" if r < 0.83 else "living_street" if r < 0.90 else "service")
            return out

        vcls = line_classes(k + 1)   # index a = 1..k-1 used
        hcls = line_classes(l + 1)   # index b = 1..l-1 used

        def line_segments(n, forced=False):
            """Segments (index, t0, t1) present on a local line of n segments."""
            if forced:
                return [(b, 0.0, 1.0) for b in range(n)]
            if rng.random() < 0.05:
                return []
            present = [rng.random() > 0.05 for _ in range(n)]
            partial = {}
            if rng.random() < 0.14:                      # street stops short: dead end
                m = rng.randrange(n)
                if rng.random() < 0.5:
                    for b in range(m + 1, n):
                        present[b] = False
                    partial[m] = (0.0, rng.uniform(0.4, 0.7))
                else:
                    for b in range(m):
                        present[b] = False
                    partial[m] = (rng.uniform(0.3, 0.6), 1.0)
                present[m] = True
            return [(b,) + partial.get(b, (0.0, 1.0)) for b in range(n) if present[b]]

        vsegs = {a: line_segments(l, a == af) for a in range(1, k)}
        hsegs = {b: line_segments(k) for b in range(1, l)}
        vfull = {(a, b) for a, segs in vsegs.items() for (b, t0, t1) in segs if t0 == 0.0 and t1 == 1.0}
        hfull = {(a, b) for b, segs in hsegs.items() for (a, t0, t1) in segs if t0 == 0.0 and t1 == 1.0}

        qid = {}

        def Q(a, b):
            nid = qid.get((a, b))
            if nid is None:
                u = qu[a][b]
                v = qv[a][b]
                if b == 0:
                    nid = edge_node(Be, u)
                elif b == l:
                    nid = edge_node(Te, u)
                elif a == 0:
                    nid = edge_node(Le, v)
                elif a == k:
                    nid = edge_node(Re, v)
                else:
                    nid = node(*S(u, v))
                qid[(a, b)] = nid
            return nid

        def Qpos(a, b):
            nid = Q(a, b)
            if nid >= 0:
                return xs[nid], ys[nid]
            return S(qu[a][b], qv[a][b])

        # Roundabouts replace some full 4-way interior intersections.
        rbs = self.roundabouts
        if rng.random() < self.rb_prob:
            cands = [(a, b) for a in range(1, k) for b in range(1, l)
                     if a != af and (a, b - 1) in vfull and (a, b) in vfull
                     and (a - 1, b) in hfull and (a, b) in hfull]
            if cands:
                a, b = rng.choice(cands)
                rx, ry = S(qu[a][b], qv[a][b])
                if abs(self.river_dist(rx, ry)) > 250:
                    rot = rng.uniform(0, TWO_PI / 8)
                    ring = [node(rx + RB_RADIUS * math.cos(rot + q * TWO_PI / 8),
                                 ry + RB_RADIUS * math.sin(rot + q * TWO_PI / 8)) for q in range(8)]
                    if min(ring) >= 0:
                        qid[(a, b)] = -2 - len(rbs)
                        rbs.append((rx, ry, ring, rot))
                        cls = "tertiary" if "tertiary" in (vcls[a], hcls[b]) else "residential"
                        self.add_way(ring + [ring[0]], (("highway", cls), ("junction", "roundabout")),
                                     closed=True)
                        self.stats["roundabouts"] += 1

        def ring_node(rb, nid):
            """Ring node of roundabout rb facing node nid."""
            rx, ry, ring, rot = rb
            ang = math.atan2(ys[nid] - ry, xs[nid] - rx) - rot
            return ring[int(round(ang / (TWO_PI / 8))) % 8]

        segnodes = {}
        anchors = self.anchors
        rb_clear = RB_RADIUS + 8.0

        def build_seg(key, pa, pb, t0, t1, curv, spacing, public):
            ida = Q(*pa) if t0 == 0.0 else None
            idb = Q(*pb) if t1 == 1.0 else None
            ua, va = qu[pa[0]][pa[1]], qv[pa[0]][pa[1]]
            ub, vb = qu[pb[0]][pb[1]], qv[pb[0]][pb[1]]
            xa, ya = Qpos(*pa)
            xb, yb = Qpos(*pb)
            L = math.hypot(xb - xa, yb - ya) or 1.0
            if ida is None:
                ida = node(*S(ua + (ub - ua) * t0, va + (vb - va) * t0))
            if idb is None:
                idb = node(*S(ua + (ub - ua) * t1, va + (vb - va) * t1))
            lo, hi = t0, t1
            if ida <= -2:
                lo += rb_clear / L
            if idb <= -2:
                hi -= rb_clear / L
            n = int(L * (t1 - t0) / spacing + rng.random())
            out = [ida]
            if n > 0 and hi > lo:
                pxn, pyn = -(yb - ya) / L, (xb - xa) / L
                amp = curv * L
                span = t1 - t0
                for s in range(1, n + 1):
                    t = lo + (hi - lo) * (s + rng.uniform(-0.15, 0.15)) / (n + 1)
                    x, y = S(ua + (ub - ua) * t, va + (vb - va) * t)
                    off = amp * math.sin(math.pi * (t - t0) / span)
                    nid = node(x + pxn * off, y + pyn * off)
                    out.append(nid)
                    if public and nid >= 0:
                        anchors.append(nid)
            out.append(idb)
            segnodes[key] = out
            return out

        def emit_line(segs, seg_ends, cls, forced):
            """Group a line's segments into runs and ways, handle roundabouts, add ways."""
            curvy = rng.random() < 0.2
            curv_sigma = 0.07 if curvy else 0.025
            spacing = 32.0 if curvy else 55.0
            public = cls in PUBLIC_LOCAL
            runs = []
            last = None
            for (idx, t0, t1) in segs:
                key, pa, pb = seg_ends(idx)
                nodes = build_seg(key, pa, pb, t0, t1, clamp(rng.gauss(0, curv_sigma), -0.12, 0.12),
                                  spacing, public)
                if last is not None and last[0] == idx - 1 and last[2] == 1.0 and t0 == 0.0:
                    runs[-1].append(nodes)
                else:
                    runs.append([nodes])
                last = (idx, t0, t1)
            for run in runs:
                s = 0
                while s < len(run):
                    if forced:
                        e = len(run)
                    else:
                        e = s + (len(run) if cls == "tertiary" else rng.choice((1, 2, 2, 3, 3, 4, 5)))
                    ids = list(run[s])
                    for seg in run[s + 1:e]:
                        ids.extend(seg[1:])
                    s = e
                    tags = self.local_tags(cls)
                    if forced:
                        self.add_way(ids, tags, bridge=(("highway", "footway"), ("bridge", "yes"),
                                                        ("layer", "1"), ("bicycle", "yes")))
                        continue
                    piece = []
                    for p, nid in enumerate(ids):
                        if nid <= -2:
                            rb = rbs[-2 - nid]
                            if piece and piece[-1] >= 0:
                                piece.append(ring_node(rb, piece[-1]))
                                self.add_way(piece, tags)
                            piece = []
                            if p + 1 < len(ids) and ids[p + 1] >= 0:
                                piece = [ring_node(rb, ids[p + 1])]
                        else:
                            piece.append(nid)
                    if len(piece) >= 2:
                        self.add_way(piece, tags)

        for a in range(1, k):
            emit_line(vsegs[a], lambda b, a=a: (("v", a, b), (a, b), (a, b + 1)), vcls[a], a == af)
        for b in range(1, l):
            emit_line(hsegs[b], lambda a, b=b: (("h", a, b), (a, b), (a + 1, b)), hcls[b], False)

        # ---------------------------------------------------------- block contents
        def bpoint(a, b, s, t):
            w00, w10, w01, w11 = (1 - s) * (1 - t), s * (1 - t), (1 - s) * t, s * t
            u = w00 * qu[a][b] + w10 * qu[a + 1][b] + w01 * qu[a][b + 1] + w11 * qu[a + 1][b + 1]
            v = w00 * qv[a][b] + w10 * qv[a + 1][b] + w01 * qv[a][b + 1] + w11 * qv[a + 1][b + 1]
            return S(u, v)

        def side_anchor(a, b, sd):
            """A node on side sd (0 bottom, 1 right, 2 top, 3 left) of block (a, b)."""
            f = rng.uniform(0.35, 0.65)
            if sd == 0 and b == 0:
                return edge_node(Be, qu[a][0] + (qu[a + 1][0] - qu[a][0]) * f)
            if sd == 2 and b + 1 == l:
                return edge_node(Te, qu[a][l] + (qu[a + 1][l] - qu[a][l]) * f)
            if sd == 3 and a == 0:
                return edge_node(Le, qv[0][b] + (qv[0][b + 1] - qv[0][b]) * f)
            if sd == 1 and a + 1 == k:
                return edge_node(Re, qv[k][b] + (qv[k][b + 1] - qv[k][b]) * f)
            key = (("h", a, b), ("v", a + 1, b), ("h", a, b + 1), ("v", a, b))[sd]
            seg = segnodes.get(key)
            if seg is None:
                return -1
            shapes = [x for x in seg[1:-1] if x >= 0]
            return shapes[len(shapes) // 2] if shapes else -1

        # (s, t) inward direction from each side's midpoint
        side_mid = ((0.5, 0.0), (1.0, 0.5), (0.5, 1.0), (0.0, 0.5))
        side_in = ((0.0, 1.0), (-1.0, 0.0), (0.0, -1.0), (1.0, 0.0))
        if (i, j) in self.square_cells:
            self.square_debt += 1
        want_square = self.square_debt > 0
        blocks = [(a, b) for b in range(l) for a in range(k)]
        if want_square:   # try central blocks first
            blocks.sort(key=lambda ab: (abs(ab[0] - (k - 1) / 2) + abs(ab[1] - (l - 1) / 2), ab))
        for (a, b) in blocks:
            if want_square:
                anc = [side_anchor(a, b, sd) for sd in (0, 2)]
                if max(anc) >= 0:
                    rot = rng.uniform(0, TWO_PI)
                    nv = rng.choice((5, 6))
                    poly = [node(*bpoint(a, b, 0.5 + 0.24 * math.cos(rot + q * TWO_PI / nv),
                                         0.5 + 0.24 * math.sin(rot + q * TWO_PI / nv))) for q in range(nv)]
                    if min(poly) >= 0:
                        want_square = False
                        self.square_debt -= 1
                        self.stats["squares"] += 1
                        self.add_way(poly + [poly[0]], (("highway", "pedestrian"), ("area", "yes"),
                                                         ("name", "Square %d" % self.stats["squares"])),
                                     closed=True)
                        for sd, an in zip((0, 2), anc):
                            if an >= 0:
                                tgt = min(poly, key=lambda p: (xs[p] - xs[an]) ** 2 + (ys[p] - ys[an]) ** 2)
                                self.add_way([an, tgt], (("highway", "footway"),))
                    continue
            r = rng.random()
            if r < 0.09:                                   # footway / path / cycleway crossing
                sd = rng.choice((0, 3))
                a1 = side_anchor(a, b, sd)
                a2 = side_anchor(a, b, (sd + 2) % 4)
                if a1 < 0 or a2 < 0:
                    continue
                c = 0.5 + rng.uniform(-0.12, 0.12)
                mids = []
                for t in ((0.33, 0.67) if rng.random() < 0.5 else (0.5,)):
                    s_, t_ = (c, t) if sd == 0 else (t, c)
                    mids.append(node(*bpoint(a, b, s_, t_)))
                r2 = rng.random()
                if r2 < 0.15:
                    self.add_way([a1, mids[0]], (("highway", "steps"),))
                    self.add_way(mids + [a2], (("highway", "footway"),))
                else:
                    hw = "footway" if r2 < 0.6 else "path" if r2 < 0.8 else "cycleway"
                    self.add_way([a1] + mids + [a2], (("highway", hw),))
            elif r < 0.12:                                 # gated compound
                sd = rng.randrange(4)
                an = side_anchor(a, b, sd)
                if an < 0:
                    continue
                loop_st = ((0.2, 0.2), (0.5, 0.18), (0.8, 0.2), (0.82, 0.5),
                           (0.8, 0.8), (0.5, 0.82), (0.2, 0.8), (0.18, 0.5))
                loop = [node(*bpoint(a, b, s_, t_)) for (s_, t_) in loop_st]
                if min(loop) < 0:
                    continue
                tags = [("highway", "service"), ("access", "private")]
                if rng.random() < 0.5:
                    tags.append(("foot", "yes"))
                tags = tuple(tags)
                self.add_way(loop + [loop[0]], tags, closed=True)
                self.add_way([an, loop[(1, 3, 5, 7)[sd]]], tags)
                self.stats["compounds"] += 1
            elif r < 0.17:                                 # cul-de-sac stub
                sd = rng.randrange(4)
                an = side_anchor(a, b, sd)
                if an < 0:
                    continue
                (ms, mt), (ds, dt) = side_mid[sd], side_in[sd]
                j1 = rng.uniform(-0.1, 0.1)
                pts = [node(*bpoint(a, b, ms + ds * d + dt * j1 * d, mt + dt * d + ds * j1 * d))
                       for d in (0.28, 0.5)]
                self.add_way([an] + pts, self.local_tags("residential" if rng.random() < 0.6 else "service"))
            elif r < 0.21:                                 # private driveway
                sd = rng.randrange(4)
                an = side_anchor(a, b, sd)
                if an < 0:
                    continue
                (ms, mt), (ds, dt) = side_mid[sd], side_in[sd]
                p = node(*bpoint(a, b, ms + ds * 0.3, mt + dt * 0.3))
                tags = [("highway", "service"), ("service", "driveway"), ("access", "private")]
                if rng.random() < 0.3:
                    tags.append(("foot", "yes"))
                self.add_way([an, p], tuple(tags))

    def filled_edge(self, e):
        """Node ids along arterial edge e (exclusive of corners), gaps > 110 m filled."""
        out = []
        prev = 0.0
        for t, nid in zip(e.ts + [1.0], e.ids + [None]):
            gap = (t - prev) * e.length
            if gap > 110.0:
                n = int(gap / 90.0)
                for q in range(1, n + 1):
                    out.append(self.node(*e.point(prev + (t - prev) * q / (n + 1))))
            if nid is not None:
                out.append(nid)
            prev = t
        return out

    def build_arterials(self):
        nx, ny = self.nx, self.ny
        self.art_lines = []
        for i in range(nx + 1):
            ids = []
            for j in range(ny):
                ids.append(self.Pid[i][j])
                ids.extend(self.filled_edge(self.Vd[i][j]))
            ids.append(self.Pid[i][ny])
            tags = (("highway", self.vcls[i]), ("name", "Jing %d Lu" % (i + 1)))
            bridge = tags + (("bridge", "yes"), ("layer", "1")) if i in self.bridge_lines else None
            self.add_way(ids, tags, bridge=bridge, chunk=(80, 300))
            self.art_lines.append(ids)
        for j in range(ny + 1):
            ids = []
            for i in range(nx):
                ids.append(self.Pid[i][j])
                ids.extend(self.filled_edge(self.Hd[i][j]))
            ids.append(self.Pid[nx][j])
            tags = (("highway", self.hcls[j]), ("name", "Wei %d Lu" % (j + 1)))
            self.add_way(ids, tags, chunk=(80, 300))
            self.art_lines.append(ids)

    def build_motorway(self):
        rng = self.rng
        W, H = self.W, self.H
        ax, ay = -0.30 * W, -H / 2 - 500.0
        bx, by = 0.28 * W, H / 2 + 500.0
        dx, dy = bx - ax, by - ay
        length = math.hypot(dx, dy)
        nxn, nyn = -dy / length, dx / length
        amp = rng.choice((-1, 1)) * 0.04 * length
        n = int(length / 90.0)

        def centre(s):
            off = amp * math.sin(math.pi * s)
            return ax + dx * s + nxn * off, ay + dy * s + nyn * off

        eb, wb, cen, tang = [], [], [], []
        for q in range(n + 1):
            s = q / n
            x, y = centre(s)
            x1, y1 = centre(min(1.0, s + 1e-3))
            x0, y0 = centre(max(0.0, s - 1e-3))
            tl = math.hypot(x1 - x0, y1 - y0)
            tx, ty = (x1 - x0) / tl, (y1 - y0) / tl
            # right of travel direction for the +s (north-east bound) carriageway
            rx, ry = ty, -tx
            eb.append(self.node(x + 15 * rx, y + 15 * ry))
            wb.append(self.node(x - 15 * rx, y - 15 * ry))
            cen.append((x, y))
            tang.append((tx, ty))
        tags = (("highway", "motorway"), ("oneway", "yes"), ("lanes", "3"), ("ref", "S20"),
                ("name", "Synthetic Expressway"))
        bridge = tags + (("bridge", "yes"), ("layer", "1"))
        self.add_way(eb, tags, bridge=bridge, chunk=(40, 90))
        self.add_way(wb[::-1], tags, bridge=bridge, chunk=(40, 90))

        # Interchanges: diamond ramps to an arterial that crosses the motorway there.
        n_ic = 2 if W < 30000 else 3
        xs, ys = self.xs, self.ys
        lk = (("highway", "motorway_link"), ("oneway", "yes"))

        def cross(p1, p2, p3, p4):
            d = (p2[0] - p1[0]) * (p4[1] - p3[1]) - (p2[1] - p1[1]) * (p4[0] - p3[0])
            if d == 0:
                return False
            t = ((p3[0] - p1[0]) * (p4[1] - p3[1]) - (p3[1] - p1[1]) * (p4[0] - p3[0])) / d
            u = ((p3[0] - p1[0]) * (p2[1] - p1[1]) - (p3[1] - p1[1]) * (p2[0] - p1[0])) / d
            return 0 <= t <= 1 and 0 <= u <= 1

        for f in [(q + 1) / (n_ic + 1) for q in range(n_ic)]:
            qf = int(f * n)
            best = None
            for q in range(max(8, qf - 12), min(n - 9, qf + 12)):
                if abs(self.river_dist(*cen[q])) < 800:
                    continue
                m0, m1 = cen[q], cen[q + 1]
                for line in self.art_lines:
                    for a, b in zip(line, line[1:]):
                        if a < 0 or b < 0 or abs(xs[a] - m0[0]) > 400 or abs(ys[a] - m0[1]) > 400:
                            continue
                        if cross(m0, m1, (xs[a], ys[a]), (xs[b], ys[b])):
                            if best is None or abs(q - qf) < abs(best[0] - qf):
                                best = (q, line)
            if best is None:
                continue
            q0, line = best
            X, Y = cen[q0]
            tx, ty = tang[q0]
            right, left = [], []
            for nid in line:
                if nid < 0:
                    continue
                d = math.hypot(xs[nid] - X, ys[nid] - Y)
                if 60 < d < 300:
                    side = (xs[nid] - X) * ty - (ys[nid] - Y) * tx
                    (right if side > 0 else left).append((abs(d - 130), nid))
            if not right or not left:
                continue
            ar, al = min(right)[1], min(left)[1]
            dq = 4
            self.ramp(eb[q0 - dq], ar, (tx, ty), lk, leaving=True)    # NE-bound off
            self.ramp(ar, eb[q0 + dq], (tx, ty), lk, leaving=False)   # NE-bound on
            self.ramp(wb[q0 + dq], al, (-tx, -ty), lk, leaving=True)  # SW-bound off
            self.ramp(al, wb[q0 - dq], (-tx, -ty), lk, leaving=False) # SW-bound on
            self.stats["interchanges"] += 1

    def ramp(self, a, b, tangent, tags, leaving):
        xs, ys = self.xs, self.ys
        x0, y0, x2, y2 = xs[a], ys[a], xs[b], ys[b]
        d = math.hypot(x2 - x0, y2 - y0)
        if leaving:
            cx, cy = x0 + tangent[0] * 0.6 * d, y0 + tangent[1] * 0.6 * d
        else:
            cx, cy = x2 - tangent[0] * 0.6 * d, y2 - tangent[1] * 0.6 * d
        ids = [a]
        for t in (0.25, 0.5, 0.75):
            it = 1 - t
            ids.append(self.node(it * it * x0 + 2 * it * t * cx + t * t * x2,
                                 it * it * y0 + 2 * it * t * cy + t * t * y2))
        ids.append(b)
        self.add_way(ids, tags)

    def build_river(self):
        W = self.W
        x0, x1 = -W / 2 - 800.0, W / 2 + 800.0
        n = int((x1 - x0) / 60.0)
        line = [self.raw_node(x0 + (x1 - x0) * q / n, self.river_y(x0 + (x1 - x0) * q / n))
                for q in range(n + 1)]
        tags = (("waterway", "river"), ("name", "Synthetic River"))
        for s in range(0, n, 1000):
            self.ways.append((line[s:s + 1001], tags))
        m = max(int((x1 - x0) / 120.0), int((x1 - x0) / 900.0))
        hw = RIVER_HALF_WIDTH
        south, north = [], []
        for q in range(m + 1):
            x = x0 + (x1 - x0) * q / m
            slope = (self.ra1 * self.rk1 * math.cos(self.rk1 * x + self.rp1)
                     + self.ra2 * self.rk2 * math.cos(self.rk2 * x + self.rp2))
            dy = hw * math.sqrt(1 + slope * slope)
            y = self.river_y(x)
            south.append(self.raw_node(x, y - dy))
            north.append(self.raw_node(x, y + dy))
        poly = south + north[::-1]
        self.ways.append((poly + [poly[0]], (("natural", "water"), ("water", "river"))))

    def build_islands(self):
        rng = self.rng
        W, H = self.W, self.H
        mw = [(self.xs[nid], self.ys[nid]) for ids, tags in self.ways
              if tags[0] == ("highway", "motorway") for nid in ids[::5]]
        placed = 0
        for q in range(40):
            if placed >= 5:
                break
            sd = q % 4
            f = rng.uniform(-0.4, 0.4)
            out = rng.uniform(350, 900)
            if sd == 0:
                cx, cy = f * W, -H / 2 - out
            elif sd == 1:
                cx, cy = W / 2 + out, f * H
            elif sd == 2:
                cx, cy = f * W, H / 2 + out
            else:
                cx, cy = -W / 2 - out, f * H
            if abs(self.river_dist(cx, cy)) < 400:
                continue
            if any(math.hypot(x - cx, y - cy) < 500 for x, y in mw):
                continue
            gx, gy = rng.choice(((3, 3), (2, 3), (3, 2), (2, 2)))
            sp = rng.uniform(55, 75)
            ang = rng.uniform(0, math.pi)
            ca, sa = math.cos(ang), math.sin(ang)
            grid = [[self.node(cx + ca * (a * sp) - sa * (b * sp), cy + sa * (a * sp) + ca * (b * sp))
                     for b in range(gy)] for a in range(gx)]
            if min(min(r) for r in grid) < 0:
                continue

            def street(pts):
                ids = [pts[0]]
                for p, r in zip(pts, pts[1:]):
                    if rng.random() < 0.5:
                        mx = (self.xs[p] + self.xs[r]) / 2 + rng.uniform(-4, 4)
                        my = (self.ys[p] + self.ys[r]) / 2 + rng.uniform(-4, 4)
                        ids.append(self.node(mx, my))
                    ids.append(r)
                self.add_way(ids, (("highway", rng.choice(("residential", "unclassified"))),))

            for a in range(gx):
                street(grid[a])
            for b in range(gy):
                street([grid[a][b] for a in range(gx)])
            placed += 1
        self.stats["islands"] = placed

    # ------------------------------------------------------------------ output
    def used_nodes(self):
        used = bytearray(len(self.xs))
        for ids, _ in self.ways:
            for nid in ids:
                used[nid] = 1
        return used

    def lonlat(self, x, y):
        c, s = math.cos(self.theta), math.sin(self.theta)
        return (LON0 + (c * x - s * y) / M_PER_DEG_LON, LAT0 + (s * x + c * y) / M_PER_DEG_LAT)

    def write_osm(self, path, used):
        xs, ys = self.xs, self.ys
        c, s = math.cos(self.theta), math.sin(self.theta)
        n = len(xs)
        newid = [0] * n
        lons = []
        lats = []
        nid = 0
        for old in range(n):
            if used[old]:
                nid += 1
                newid[old] = nid
                x, y = xs[old], ys[old]
                lons.append(LON0 + (c * x - s * y) / M_PER_DEG_LON)
                lats.append(LAT0 + (s * x + c * y) / M_PER_DEG_LAT)
        tag_cache = {}
        with open(path, "w", encoding="utf-8", buffering=1 << 20) as f:
            f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                    '<osm version="0.6" generator="servicecircle-gen_city">\n')
            f.write('  <bounds minlat="%.7f" minlon="%.7f" maxlat="%.7f" maxlon="%.7f"/>\n'
                    % (min(lats) - 1e-4, min(lons) - 1e-4, max(lats) + 1e-4, max(lons) + 1e-4))
            buf = []
            for q in range(nid):
                buf.append('  <node id="%d" version="1" lat="%.7f" lon="%.7f"/>\n'
                           % (q + 1, lats[q], lons[q]))
                if len(buf) >= 20000:
                    f.write("".join(buf))
                    buf.clear()
            f.write("".join(buf))
            buf.clear()
            for wid, (ids, tags) in enumerate(self.ways, 1):
                tx = tag_cache.get(tags)
                if tx is None:
                    tx = "".join('    <tag k="%s" v="%s"/>\n' % (xml_escape(k), xml_escape(v))
                                 for k, v in tags)
                    tag_cache[tags] = tx
                buf.append('  <way id="%d" version="1">\n' % wid)
                buf.append("".join(['    <nd ref="%d"/>\n' % newid[r] for r in ids]))
                buf.append(tx)
                buf.append("  </way>\n")
                if len(buf) >= 20000:
                    f.write("".join(buf))
                    buf.clear()
            f.write("".join(buf))
            f.write("</osm>\n")
        return nid, len(self.ways)

    # ------------------------------------------------------------------ POIs and origins
    def area_class(self, x, y):
        r = self.norm_radius(x, y)
        return "urban" if r < 0.45 else "expansion" if r < 0.8 else "remote"

    def subdistrict(self, x, y):
        col = int(clamp((x + self.W / 2) / self.W * 6, 0, 5))
        row = int(clamp((y + self.H / 2) / self.H * 6, 0, 5))
        return "S%02d" % (row * 6 + col + 1)

    def near_street_point(self, rng, anchors, lo, hi):
        """A random point lo..hi metres from a random public street node, not in water."""
        while True:
            nid = anchors[rng.randrange(len(anchors))]
            ang = rng.uniform(0, TWO_PI)
            d = rng.uniform(lo, hi)
            x = self.xs[nid] + d * math.cos(ang)
            y = self.ys[nid] + d * math.sin(ang)
            if abs(self.river_dist(x, y)) > RIVER_HALF_WIDTH + 3:
                return x, y

    def write_pois(self, path, used, per_item, items=None):
        rng = random.Random("%s:pois" % self.seed)
        anchors = [a for a in self.anchors if used[a]]
        half = min(self.W, self.H) / 2
        pid = 0
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write("id,type,lon,lat\n")
            for item in items or ITEMS:
                gaps = [(rng.uniform(-0.45, 0.45) * self.W, rng.uniform(-0.45, 0.45) * self.H,
                         rng.uniform(0.12, 0.3) * half) for _ in range(rng.randint(1, 3))]
                if item == "metro_station":
                    weight = {"urban": 1.0, "expansion": 0.45, "remote": 0.08}
                else:
                    weight = {"urban": 1.0, "expansion": 0.7, "remote": 0.35}
                placed = 0
                tries = 0
                while placed < per_item:
                    tries += 1
                    x, y = self.near_street_point(rng, anchors, 3.0, 25.0)
                    if tries < 200000:
                        if any(math.hypot(x - gx, y - gy) < gr for gx, gy, gr in gaps):
                            continue
                        if rng.random() > weight[self.area_class(x, y)]:
                            continue
                    pid += 1
                    placed += 1
                    lon, lat = self.lonlat(x, y)
                    f.write("%d,%s,%.7f,%.7f\n" % (pid, item, lon, lat))
        return pid

    def write_origins(self, path, used, count):
        rng = random.Random("%s:origins" % self.seed)
        anchors = [a for a in self.anchors if used[a]]
        village_p = {"urban": 0.01, "expansion": 0.12, "remote": 0.45}
        pop_tri = {"urban": (1500, 8000, 4000), "expansion": (800, 6000, 2500),
                   "remote": (500, 4000, 1200)}
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write("id,name,kind,area_class,subdistrict,population,lon,lat\n")
            buf = []
            for oid in range(1, count + 1):
                x, y = self.near_street_point(rng, anchors, 5.0, 28.0)
                ac = self.area_class(x, y)
                if rng.random() < village_p[ac]:
                    kind, name = "village", "Village %05d" % oid
                    pop = rng.triangular(500, 2500, 900)
                else:
                    kind, name = "residential", "Community %05d" % oid
                    pop = rng.triangular(*pop_tri[ac])
                pop = int(clamp(round(pop / 10) * 10, 500, 8000))
                lon, lat = self.lonlat(x, y)
                buf.append("%d,%s,%s,%s,%s,%d,%.7f,%.7f\n"
                           % (oid, name, kind, ac, self.subdistrict(x, y), pop, lon, lat))
            f.write("".join(buf))
        return count


def xml_escape(s):
    return (s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def generate(seed, target, log):
    """Build a city with about `target` nodes (rescaling the area if needed)."""
    area = target / DENSITY_GUESS
    for attempt in range(4):
        width = math.sqrt(area * ASPECT)
        height = area / width
        t0 = time.time()
        city = City(seed, width, height)
        city.build()
        used = city.used_nodes()
        n = sum(used)
        log("attempt %d: %.1f x %.1f km, %d nodes (%+.1f%%), %.1fs"
            % (attempt + 1, width / 1000, height / 1000, n, 100.0 * (n / target - 1), time.time() - t0))
        if abs(n / target - 1) <= SIZE_TOLERANCE:
            break
        area *= target / n
    return city, used


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--nodes", type=int, default=100000, help="approximate number of OSM nodes")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--out", required=True, help="output .osm (XML) file")
    ap.add_argument("--pois", help="write facility points CSV (id,type,lon,lat)")
    ap.add_argument("--origins", help="write origins CSV")
    ap.add_argument("--pois-per-item", type=int, default=300)
    ap.add_argument("--pois-items", help="comma-separated item ids for --pois (default: the 21 basic items)")
    ap.add_argument("--origins-count", type=int, default=50000)
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)
    if args.nodes < 2000:
        ap.error("--nodes must be at least 2000")

    def log(msg):
        if not args.quiet:
            print("gen_city: " + msg, file=sys.stderr, flush=True)

    t_start = time.time()
    city, used = generate(args.seed, args.nodes, log)
    t_built = time.time()
    n_nodes, n_ways = city.write_osm(args.out, used)
    t_written = time.time()
    log("wrote %s: %d nodes, %d ways (build %.1fs, write %.1fs)"
        % (args.out, n_nodes, n_ways, t_built - t_start, t_written - t_built))
    hw = {}
    oneway = 0
    for ids, tags in city.ways:
        d = dict(tags)
        key = d.get("highway") or d.get("waterway") or d.get("natural")
        hw[key] = hw.get(key, 0) + 1
        if "oneway" in d and d.get("highway") not in ("motorway", "motorway_link"):
            oneway += 1
    log("ways by class: " + ", ".join("%s=%d" % kv for kv in sorted(hw.items(), key=lambda kv: -kv[1])))
    log("features: " + ", ".join("%s=%d" % kv for kv in city.stats.items()) + ", oneway_local=%d" % oneway)
    if args.pois:
        items = args.pois_items.split(",") if args.pois_items else None
        n = city.write_pois(args.pois, used, args.pois_per_item, items)
        log("wrote %s: %d facilities" % (args.pois, n))
    if args.origins:
        n = city.write_origins(args.origins, used, args.origins_count)
        log("wrote %s: %d origins" % (args.origins, n))
    log("total %.1fs" % (time.time() - t_start))


if __name__ == "__main__":
    main()
