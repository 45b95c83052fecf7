#!/usr/bin/env python3
"""Independent reference implementation of ServiceCircle's travel times (SPEC sections 2-5, 8).

Builds the walk and cycle networks from an OSM file with the rules of SPEC section 3 and
docs/rules.md, snaps origins and facilities (section 4), computes shortest trips with
scipy.sparse.csgraph.dijkstra (section 5) and writes a times table in the format of the engine's
`times.csv` (section 8), so that the two can be compared with compare_times.py.

It shares no code with the Swift engine. The network and snapping logic follows
Tests/Fixtures/osm/expected.py (itself independent of the engine), vectorised where needed,
with the decisions of docs/rules.md (every edge kept, parallel edges and loops included; cycling
one-way order, tangent-plane snapping, tie rules, eligibility). Minutes are written rounded up to
3 decimals (SPEC 8).

Usage:
  reference_times.py --network FILE.osm.pbf --origins origins.csv --facilities facilities.csv \
      --items a,b,c --out times_ref.csv [--walk-kmh 4] [--cycle-kmh 12] [--reach 15] \
      [--horizon 30] [--max-snap 500] [--min-component-nodes 500]

Python 3.11, numpy, scipy; osmium-tool for .pbf input (converted to XML in a temp dir).
"""
import argparse
import csv
import math
import os
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra

R = 6371008.8            # sphere radius, metres (SPEC 3)
TIE = 1e-6               # metres: snapping ties (SPEC 4, rules.md)
ROUND_SLACK = 1e-6       # thousandths of a minute taken for float error when rounding up (SPEC 8)
DEG = math.pi / 180.0

PERMITTED = {"yes", "designated", "permissive"}
WALK_CLASSES = {
    "primary", "primary_link", "secondary", "secondary_link", "tertiary", "tertiary_link",
    "trunk", "trunk_link", "unclassified", "residential", "living_street", "service", "road",
    "track", "pedestrian", "footway", "path", "steps", "cycleway", "bridleway", "corridor",
    "elevator",
}
WALK_IF_PERMITTED = {"motorway", "motorway_link"}
CYCLE_CLASSES = {
    "primary", "primary_link", "secondary", "secondary_link", "tertiary", "tertiary_link",
    "trunk", "trunk_link", "unclassified", "residential", "living_street", "service", "road",
    "track", "cycleway", "path",
}
CYCLE_IF_PERMITTED = {"footway", "pedestrian", "steps", "bridleway", "corridor",
                      "motorway", "motorway_link"}
SQUARES = {"pedestrian", "footway"}
ONEWAY_YES = {"yes", "true", "1"}


def log(msg):
    print(msg, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- OSM reading

def read_osm(path):
    """Return (nodes {id: (lon, lat)}, ways [(id, refs, tags)] sorted by id).

    .osm.pbf (or anything not ending in .osm) is converted to XML with `osmium cat` first."""
    tmpdir = None
    if not path.endswith(".osm"):
        tmpdir = tempfile.TemporaryDirectory(prefix="crosscheck-")
        xml_path = os.path.join(tmpdir.name, "network.osm")
        subprocess.run(["osmium", "cat", path, "-o", xml_path, "--overwrite"], check=True)
        path = xml_path
    nodes, ways = {}, []
    for _, el in ET.iterparse(path, events=("end",)):
        if el.tag == "node":
            # degrees x 1e7 as OSM stores them, then back to degrees
            lon = int(round(float(el.get("lon")) * 1e7)) / 1e7
            lat = int(round(float(el.get("lat")) * 1e7)) / 1e7
            nodes[int(el.get("id"))] = (lon, lat)
            el.clear()
        elif el.tag == "way":
            refs = [int(nd.get("ref")) for nd in el.iter("nd")]
            tags = {t.get("k"): t.get("v") for t in el.iter("tag")}
            ways.append((int(el.get("id")), refs, tags))
            el.clear()
        elif el.tag == "relation":
            el.clear()
    if tmpdir is not None:
        tmpdir.cleanup()
    ways.sort(key=lambda w: w[0])
    return nodes, ways


# ---------------------------------------------------------------- tag rules (SPEC 3, rules.md)

def kept(tags, mode):
    hw = tags.get("highway")
    if hw is None:
        return False
    m = tags.get("foot" if mode == "walk" else "bicycle")
    permitted = m in PERMITTED
    if m in {"no", "use_sidepath"} or (mode == "cycle" and m == "dismount"):
        return False
    if tags.get("area") == "yes" and hw not in SQUARES:
        return False
    if mode == "walk":
        in_table = hw in WALK_CLASSES or (hw in WALK_IF_PERMITTED and permitted)
    else:
        in_table = hw in CYCLE_CLASSES or (hw in CYCLE_IF_PERMITTED and permitted)
    if not in_table:
        return False
    if tags.get("access") in {"no", "private"} and not permitted:
        return False
    if tags.get("motorroad") == "yes" and not permitted:
        return False
    return True


def cycle_directions(tags):
    """(forward, backward) allowed for bicycles, forward = OSM node order. rules.md order:
    oneway:bicycle decides alone; else cycleway*=opposite* two-way; else oneway; else
    junction=roundabout; else both."""
    if "oneway:bicycle" in tags:
        v = tags["oneway:bicycle"]
        if v in ONEWAY_YES:
            return True, False
        if v == "-1":
            return False, True
        return True, True
    for k in ("cycleway", "cycleway:left", "cycleway:right", "cycleway:both"):
        if tags.get(k, "").startswith("opposite"):
            return True, True
    ow = tags.get("oneway")
    if ow in ONEWAY_YES:
        return True, False
    if ow == "-1":
        return False, True
    if tags.get("junction") == "roundabout":
        return True, False
    return True, True


# ---------------------------------------------------------------- geometry

def haversine(a, b):
    lon1, lat1, lon2, lat2 = a[0] * DEG, a[1] * DEG, b[0] * DEG, b[1] * DEG
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * R * math.asin(math.sqrt(h))


# ---------------------------------------------------------------- network (SPEC 3)

def pieces_of(refs, nodes):
    """Drop repeated consecutive refs, split at missing refs, keep pieces with >= 2 nodes."""
    dedup = [r for i, r in enumerate(refs) if i == 0 or r != refs[i - 1]]
    pieces, cur = [], []
    for r in dedup:
        if r in nodes:
            if not cur or cur[-1] != r:
                cur.append(r)
        else:
            pieces.append(cur)
            cur = []
    pieces.append(cur)
    return [p for p in pieces if len(p) >= 2]


def present_runs(refs, nodes):
    """Like pieces_of, but keeping one-node runs too."""
    dedup = [r for i, r in enumerate(refs) if i == 0 or r != refs[i - 1]]
    runs, cur = [], []
    for r in dedup:
        if r in nodes:
            cur.append(r)
        else:
            runs.append(cur)
            cur = []
    runs.append(cur)
    return [p for p in runs if p]


def build(nodes, ways, mode, split_at_vanished=False):
    """Edges in edge-id order. Every edge is kept, parallel edges and loops included (SPEC 3,
    revised 2026-12-04): a search takes the cheapest arc between two nodes (Network._arcs).

    A node splits a way when it is used by another kept way or twice by the way itself, counting
    only pieces that survive (>= 2 present nodes; EXPECTED.md D8). With split_at_vanished, every
    present reference of a way kept by its tags counts, including one-node pieces that vanish
    (the reading found in the Swift engine; diagnostic only)."""
    kept_ways = []
    for wid, refs, tags in ways:
        if kept(tags, mode):
            pieces = pieces_of(refs, nodes)
            if split_at_vanished:
                used = present_runs(refs, nodes)
            else:
                used = pieces
            if pieces or used:
                kept_ways.append((wid, pieces, tags, used))
    owners = {}                                   # node -> kept way ids using it
    for wid, _, _, used in kept_ways:
        for p in used:
            for n in p:
                s = owners.get(n)
                if s is None:
                    owners[n] = {wid}
                else:
                    s.add(wid)
    edges = []
    for wid, pieces, tags, used in kept_ways:
        fwd, bwd = cycle_directions(tags) if mode == "cycle" else (True, True)
        visits = {}
        for p in used:
            for n in p:
                visits[n] = visits.get(n, 0) + 1
        for p in pieces:
            start = 0
            for i in range(1, len(p)):
                n = p[i]
                if i == len(p) - 1 or len(owners[n]) > 1 or visits[n] > 1:
                    shape = p[start:i + 1]
                    seglen = [haversine(nodes[a], nodes[b]) for a, b in zip(shape, shape[1:])]
                    edges.append({"way": wid, "from": shape[0], "to": shape[-1],
                                  "shape": shape, "seglen": seglen, "length": sum(seglen),
                                  "forward": fwd, "backward": bwd})
                    start = i
    return edges


class Network:
    """One mode's network: edges, node index, components, eligibility, segment arrays."""

    def __init__(self, nodes, ways, mode, min_component_nodes, split_at_vanished=False):
        self.mode = mode
        self.edges = build(nodes, ways, mode, split_at_vanished)
        ids = []
        index = {}
        for e in self.edges:
            for n in (e["from"], e["to"]):
                if n not in index:
                    index[n] = len(ids)
                    ids.append(n)
        self.node_ids = ids
        self.index = index
        self.n = len(ids)
        # components (ignoring direction), union-find over graph node indices
        parent = list(range(self.n))

        def find(x):
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x
        for e in self.edges:
            a, b = find(index[e["from"]]), find(index[e["to"]])
            if a != b:
                parent[a] = b
        groups = {}
        for i in range(self.n):
            groups.setdefault(find(i), []).append(i)
        comps = sorted(groups.values(), key=lambda g: (-len(g), min(ids[j] for j in g)))
        self.components = comps
        self.comp_of = np.empty(self.n, dtype=np.int64)
        for ci, g in enumerate(comps):
            self.comp_of[g] = ci
        self.eligible_comp = {ci for ci, g in enumerate(comps)
                              if ci == 0 or len(g) >= min_component_nodes}
        # segments of eligible edges, in (edge id, segment) order
        e_idx, s_idx, ax, ay, bx, by = [], [], [], [], [], []
        for ei, e in enumerate(self.edges):
            if self.comp_of[index[e["from"]]] not in self.eligible_comp:
                continue
            sh = e["shape"]
            for si in range(len(sh) - 1):
                e_idx.append(ei)
                s_idx.append(si)
                ax.append(nodes[sh[si]][0])
                ay.append(nodes[sh[si]][1])
                bx.append(nodes[sh[si + 1]][0])
                by.append(nodes[sh[si + 1]][1])
        self.seg_edge = np.array(e_idx, dtype=np.int64)
        self.seg_idx = np.array(s_idx, dtype=np.int64)
        self.seg_a_lon = np.array(ax) * DEG
        self.seg_a_lat = np.array(ay) * DEG
        self.seg_b_lon = np.array(bx) * DEG
        self.seg_b_lat = np.array(by) * DEG
        # order key for ties: edge id then segment (arrays are already in that order)
        self.arcs = self._arcs()

    def _arcs(self):
        """Search arcs (loops carry none: they never shorten a path); parallel edges between the
        same ordered pair keep the minimum, the cheapest arc (csr_matrix would otherwise sum them)."""
        best = {}
        for e in self.edges:
            a, b = self.index[e["from"]], self.index[e["to"]]
            if a == b:
                continue
            for (u, v), ok in (((a, b), e["forward"]), ((b, a), e["backward"])):
                if ok and ((u, v) not in best or e["length"] < best[(u, v)]):
                    best[(u, v)] = e["length"]
        return best

    def stats(self):
        return {"nodes": self.n, "edges": len(self.edges), "arcs": len(self.arcs),
                "components": len(self.components),
                "largest": len(self.components[0]) if self.components else 0,
                "km": sum(e["length"] for e in self.edges) / 1000.0,
                "oneway_edges": sum(1 for e in self.edges if e["forward"] != e["backward"])}

    # ------------------------------------------------------------ snapping (SPEC 4)

    def snap(self, lon, lat):
        """Nearest point on an eligible segment, in the tangent plane of the query point.
        Returns dict(edge, offset, access) or None when there is no eligible segment."""
        if len(self.seg_edge) == 0:
            return None
        lon0, lat0 = lon * DEG, lat * DEG
        kx = R * math.cos(lat0)
        axp = kx * (self.seg_a_lon - lon0)
        ayp = R * (self.seg_a_lat - lat0)
        bxp = kx * (self.seg_b_lon - lon0)
        byp = R * (self.seg_b_lat - lat0)
        dx, dy = bxp - axp, byp - ayp
        den = dx * dx + dy * dy
        with np.errstate(divide="ignore", invalid="ignore"):
            t = np.where(den > 0, -(axp * dx + ayp * dy) / den, 0.0)
        t = np.clip(t, 0.0, 1.0)
        d = np.hypot(axp + t * dx, ayp + t * dy)
        dmin = d.min()
        cand = np.nonzero(d <= dmin + TIE)[0]
        # lowest edge id, then lowest segment (segment arrays are sorted that way)
        k = cand[np.lexsort((self.seg_idx[cand], self.seg_edge[cand]))[0]]
        ei, si, tk = int(self.seg_edge[k]), int(self.seg_idx[k]), float(t[k])
        e = self.edges[ei]
        nseg = len(e["seglen"])
        if si == 0 and tk == 0.0:
            offset = 0.0
        elif si == nseg - 1 and tk == 1.0:
            offset = e["length"]
        else:
            offset = sum(e["seglen"][:si]) + tk * e["seglen"][si]
        return {"edge": ei, "offset": offset, "access": float(d[k])}


# ---------------------------------------------------------------- trips (SPEC 5)

def exits(net, sn, mode):
    """Origin side: [(graph node index, metres from the snap point to it along the edge)]."""
    e = net.edges[sn["edge"]]
    s, L = sn["offset"], e["length"]
    out = []
    if mode == "walk" or e["backward"] or s == 0.0:
        out.append((net.index[e["from"]], s))
    if mode == "walk" or e["forward"] or s == L:
        out.append((net.index[e["to"]], L - s))
    return out


def entries(net, sn, mode):
    """Facility side: [(graph node index, metres from it along the edge to the snap point)]."""
    e = net.edges[sn["edge"]]
    f, L = sn["offset"], e["length"]
    out = []
    if mode == "walk" or e["forward"] or f == 0.0:
        out.append((net.index[e["from"]], f))
    if mode == "walk" or e["backward"] or f == L:
        out.append((net.index[e["to"]], L - f))
    return out


def same_edge(net, so, sf, mode):
    """Direct way along a shared edge, or None."""
    if so["edge"] != sf["edge"]:
        return None
    e = net.edges[so["edge"]]
    s, f = so["offset"], sf["offset"]
    if mode == "walk" or s == f or (f > s and e["forward"]) or (f < s and e["backward"]):
        return abs(f - s)
    return None


def distances_to_item(net, fac_snaps, mode):
    """For every graph node v: min over the item's facility points of
    (network path v -> entry node + along the edge to the facility + facility access).
    Dijkstra from a super-source on the reversed graph."""
    n = net.n
    rows, cols, vals = [], [], []
    for (u, v), w in net.arcs.items():      # reversed: v -> u
        rows.append(v)
        cols.append(u)
        vals.append(w)
    src = n
    best = {}
    for sf in fac_snaps:
        for node, along in entries(net, sf, mode):
            w = along + sf["access"]
            if node not in best or w < best[node]:
                best[node] = w
    for node, w in best.items():
        rows.append(src)
        cols.append(node)
        vals.append(w)
    g = csr_matrix((np.array(vals, dtype=np.float64),
                    (np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64))),
                   shape=(n + 1, n + 1))
    # explicit zero weights are edges for sparse input; there are no duplicates left
    return dijkstra(g, directed=True, indices=src)[:n]


# ---------------------------------------------------------------- output (SPEC 8)

def listed_minutes(minutes):
    """Minutes rounded up to 3 decimals (SPEC 8, revised 2026-12-04), as a string, so that a
    listed time never understates the trip. A value within ROUND_SLACK thousandths above a
    boundary is taken to be on it (float error of metres / speed, e.g. 15.000000000000002)."""
    k = math.ceil(minutes * 1000 - ROUND_SLACK)
    return f"{max(k, 0) // 1000}.{max(k, 0) % 1000:03d}"


# ---------------------------------------------------------------- inputs

MODE_TABLE = {
    ("urban", "residential"): "walk", ("urban", "village"): "walk",
    ("expansion", "residential"): "walk", ("expansion", "village"): "cycle",
    ("remote", "residential"): "cycle", ("remote", "village"): "cycle",
}
AREA_ALIASES = {"urban": "urban", "城市化地区": "urban",
                "expansion": "expansion", "城镇化拓展区": "expansion",
                "remote": "remote", "远郊地区": "remote"}
KIND_ALIASES = {"residential": "residential", "居委": "residential",
                "village": "village", "村委": "village"}


def read_csv(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def read_origins(path):
    out = []
    for i, r in enumerate(read_csv(path), start=2):
        kind = KIND_ALIASES.get(r["kind"].strip())
        area = AREA_ALIASES.get(r["area_class"].strip())
        if kind is None or area is None:
            sys.exit(f"{path}:{i}: bad kind or area_class: {r['kind']!r}, {r['area_class']!r}")
        out.append({"id": r["id"], "mode": MODE_TABLE[(area, kind)],
                    "lon": float(r["lon"]), "lat": float(r["lat"])})
    return out


def read_facilities(path):
    return [{"id": r["id"], "type": r["type"].strip(), "lon": float(r["lon"]),
             "lat": float(r["lat"])} for r in read_csv(path)]


# ---------------------------------------------------------------- main

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--network", required=True)
    ap.add_argument("--origins", required=True)
    ap.add_argument("--facilities", required=True)
    ap.add_argument("--items", required=True, help="comma-separated item ids, output order")
    ap.add_argument("--out", required=True)
    ap.add_argument("--walk-kmh", type=float, default=4.0)
    ap.add_argument("--cycle-kmh", type=float, default=12.0)
    ap.add_argument("--reach", type=float, default=15.0, help="accepted for parity; unused")
    ap.add_argument("--horizon", type=float, default=30.0)
    ap.add_argument("--max-snap", type=float, default=500.0)
    ap.add_argument("--min-component-nodes", type=int, default=500)
    ap.add_argument("--split-at-vanished", action="store_true",
                    help="diagnostic: also split ways at nodes of one-node pieces that vanish "
                         "(the Swift engine's reading; not EXPECTED.md D8)")
    ap.add_argument("--quiet", action="store_true")
    a = ap.parse_args(argv)
    say = (lambda m: None) if a.quiet else log
    t0 = time.time()
    items = [s.strip() for s in a.items.split(",") if s.strip()]
    origins = read_origins(a.origins)
    facilities = [f for f in read_facilities(a.facilities) if f["type"] in items]
    nodes, ways = read_osm(a.network)
    say(f"read {len(nodes)} nodes, {len(ways)} ways in {time.time() - t0:.2f} s")
    speed = {"walk": a.walk_kmh * 1000.0 / 60.0, "cycle": a.cycle_kmh * 1000.0 / 60.0}
    modes = sorted({o["mode"] for o in origins})
    result = {}                                   # (origin index, item) -> minutes or None
    for mode in modes:
        t1 = time.time()
        net = Network(nodes, ways, mode, a.min_component_nodes, a.split_at_vanished)
        st = net.stats()
        say(f"{mode}: {st['nodes']} nodes, {st['edges']} edges, {st['arcs']} arcs, "
            f"{st['components']} components (largest {st['largest']}), {st['km']:.3f} km, "
            f"{st['oneway_edges']} one-way edges; built in {time.time() - t1:.2f} s")

        def snap_ok(p):
            s = net.snap(p["lon"], p["lat"])
            return s if s is not None and s["access"] <= a.max_snap else None
        fac_by_item = {it: [] for it in items}
        dropped = []
        for f in facilities:
            s = snap_ok(f)
            if s is None:
                dropped.append(f"{f['id']}({f['type']})")
            else:
                fac_by_item[f["type"]].append(s)
        if dropped:
            say(f"{mode}: unsnapped facility points left out: {', '.join(dropped)}")
        dist = {it: distances_to_item(net, fac_by_item[it], mode) for it in items}
        unsnapped = 0
        for oi, o in enumerate(origins):
            if o["mode"] != mode:
                continue
            so = snap_ok(o)
            if so is None:
                unsnapped += 1
                for it in items:
                    result[(oi, it)] = None
                continue
            ex = exits(net, so, mode)
            for it in items:
                best = math.inf
                for node, along in ex:
                    best = min(best, along + dist[it][node])
                best += so["access"]
                for sf in fac_by_item[it]:
                    direct = same_edge(net, so, sf, mode)
                    if direct is not None:
                        best = min(best, so["access"] + direct + sf["access"])
                minutes = best / speed[mode]
                # empty beyond the horizon, by the listed value (the horizon itself is reachable)
                listed = None if math.isinf(minutes) else listed_minutes(minutes)
                result[(oi, it)] = listed if listed is not None and float(listed) <= a.horizon else None
        say(f"{mode}: {sum(1 for o in origins if o['mode'] == mode)} origins "
            f"({unsnapped} unsnapped) done in {time.time() - t1:.2f} s")
    tmp = a.out + ".tmp"
    with open(tmp, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["origin_id", "item", "mode", "minutes"])
        for oi, o in enumerate(origins):
            for it in items:
                m = result[(oi, it)]
                w.writerow([o["id"], it, o["mode"], "" if m is None else m])
    os.replace(tmp, a.out)
    say(f"wrote {a.out} ({len(origins) * len(items)} rows) in {time.time() - t0:.2f} s total")


if __name__ == "__main__":
    main()
