#!/usr/bin/env python3
"""Independent reference for the OSM fixtures in this folder (SPEC sections 3 and 4).

Standard library only. Parses every *.osm file next to this script, builds the walk and cycle
networks exactly as SPEC section 3 states them (with the decisions written in EXPECTED.md; every
edge is kept, parallel edges and loops included), runs the snapping queries of section 4 on the
fixtures that have some (SNAPPING_QUERIES), and prints JSON:

    {fixture: {walk:  {nodes: [osm ids], edges: [{way, from, to, length_m, forward, backward}],
                       components: n},
               cycle: {...},
               snap:  [...]            # fixtures with snapping queries only
              }}

Usage: python3 expected.py            # prints JSON
       python3 expected.py --write    # also writes expected.json next to this script
"""
import glob
import json
import math
import os
import sys
import xml.etree.ElementTree as ET

R = 6371008.8            # sphere radius, metres (SPEC 3)
TIE = 1e-6               # metres (SPEC 4 tie tolerance)

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


# ---------------------------------------------------------------- parsing

def parse(path):
    root = ET.parse(path).getroot()
    nodes, ways = {}, []
    for el in root:
        if el.tag == "node":
            nodes[int(el.get("id"))] = (float(el.get("lon")), float(el.get("lat")))
        elif el.tag == "way":
            refs = [int(nd.get("ref")) for nd in el.findall("nd")]
            tags = {t.get("k"): t.get("v") for t in el.findall("tag")}
            ways.append((int(el.get("id")), refs, tags))
    ways.sort(key=lambda w: w[0])
    return nodes, ways


# ---------------------------------------------------------------- tag rules

def kept(tags, mode):
    hw = tags.get("highway")
    if hw is None:
        return False
    m = tags.get("foot" if mode == "walk" else "bicycle")
    permitted = m in PERMITTED
    if m in {"no", "use_sidepath"} or (mode == "cycle" and m == "dismount"):
        return False
    if tags.get("access") in {"no", "private"} and not permitted:
        return False
    if tags.get("motorroad") == "yes" and not permitted:
        return False
    if tags.get("area") == "yes" and hw not in SQUARES:
        return False
    if mode == "walk":
        return hw in WALK_CLASSES or (hw in WALK_IF_PERMITTED and permitted)
    return hw in CYCLE_CLASSES or (hw in CYCLE_IF_PERMITTED and permitted)


def cycle_directions(tags):
    """(forward, backward) allowed for bicycles; forward = OSM node order."""
    ow = tags.get("oneway:bicycle", tags.get("oneway"))
    if ow in {"yes", "true", "1"}:
        fwd, bwd = True, False
    elif ow == "-1":
        fwd, bwd = False, True
    elif "oneway:bicycle" not in tags and tags.get("junction") == "roundabout":
        fwd, bwd = True, False
    else:
        fwd, bwd = True, True
    for k in ("cycleway", "cycleway:left", "cycleway:right", "cycleway:both"):
        if tags.get(k, "").startswith("opposite"):
            fwd, bwd = True, True
    return fwd, bwd


# ---------------------------------------------------------------- geometry

def haversine(a, b):
    lon1, lat1, lon2, lat2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * R * math.asin(math.sqrt(h))


def project(p, origin):
    """Local equirectangular projection centred on origin (lon, lat), metres."""
    k = math.pi / 180
    return (R * math.cos(origin[1] * k) * (p[0] - origin[0]) * k, R * (p[1] - origin[1]) * k)


# ---------------------------------------------------------------- network

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


def build(nodes, ways, mode):
    kept_ways = [(wid, pieces_of(refs, nodes), tags)
                 for wid, refs, tags in ways if kept(tags, mode)]
    kept_ways = [w for w in kept_ways if w[1]]
    owners = {}                                   # node -> set of kept way ids using it
    for wid, pieces, _ in kept_ways:
        for p in pieces:
            for n in p:
                owners.setdefault(n, set()).add(wid)
    edges = []                                    # in edge-id order
    for wid, pieces, tags in kept_ways:
        fwd, bwd = cycle_directions(tags) if mode == "cycle" else (True, True)
        visits = {}
        for p in pieces:
            for n in p:
                visits[n] = visits.get(n, 0) + 1
        for p in pieces:
            start = 0
            for i in range(1, len(p)):
                n = p[i]
                if i == len(p) - 1 or len(owners[n]) > 1 or visits[n] > 1:
                    shape = p[start:i + 1]
                    length = sum(haversine(nodes[a], nodes[b]) for a, b in zip(shape, shape[1:]))
                    edges.append({"way": wid, "from": shape[0], "to": shape[-1],
                                  "shape": shape, "length": length,
                                  "forward": fwd, "backward": bwd})
                    start = i
    # SPEC 3 (revised 2026-12-04): every edge is kept, parallel edges and loops included.
    return edges


def components(edges):
    parent = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x
    for e in edges:
        parent[find(e["from"])] = find(e["to"])
    groups = {}
    for n in list(parent):
        groups.setdefault(find(n), set()).add(n)
    return sorted(groups.values(), key=lambda g: (-len(g), min(g)))


def graph_json(edges):
    nodes = sorted({e["from"] for e in edges} | {e["to"] for e in edges})
    return {
        "nodes": nodes,
        "edges": [{"way": e["way"], "from": e["from"], "to": e["to"],
                   "length_m": round(e["length"], 6),
                   "forward": e["forward"], "backward": e["backward"]} for e in edges],
        "components": len(components(edges)),
    }


# ---------------------------------------------------------------- snapping (SPEC 4)

def snap(point, nodes, edges, max_m=500.0, min_nodes=500):
    comps = components(edges)
    eligible = set()
    for i, comp in enumerate(comps):              # comps[0] is the largest
        if i == 0 or len(comp) >= min_nodes:
            eligible |= comp
    best = None                                   # (dist, edge index, segment, t)
    for ei, e in enumerate(edges):
        if e["from"] not in eligible:
            continue
        shape = e["shape"]
        px, py = 0.0, 0.0                         # the query point is the projection origin
        for si, (a, b) in enumerate(zip(shape, shape[1:])):
            ax, ay = project(nodes[a], point)
            bx, by = project(nodes[b], point)
            dx, dy = bx - ax, by - ay
            den = dx * dx + dy * dy
            t = 0.0 if den == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / den))
            d = math.hypot(ax + t * dx - px, ay + t * dy - py)
            if best is None or d < best[0] - TIE:
                best = (d, ei, si, t)
    d, ei, si, t = best
    e = edges[ei]
    shape = e["shape"]
    offset = sum(haversine(nodes[a], nodes[b]) for a, b in zip(shape[:si], shape[1:si + 1]))
    offset += t * haversine(nodes[shape[si]], nodes[shape[si + 1]])
    at_node = None
    if t == 0.0 and si == 0:
        at_node = e["from"]
    elif t == 1.0 and si == len(shape) - 2:
        at_node = e["to"]
    return {"status": "snapped" if d <= max_m else "unsnapped",
            "way": e["way"], "from": e["from"], "to": e["to"],
            "offset_m": round(offset, 6), "access_m": round(d, 6), "at_node": at_node}


# (name, lon, lat, max distance m, min component nodes) per fixture - see EXPECTED.md.
SNAPPING_QUERIES = {
    "snapping": [
        ("A_oneway_middle_20m_north", 121.504, 31.201179864, 500.0, 500),
        ("B_30m_north_of_hub_10", 121.502, 31.202269796, 500.0, 500),
        ("C_near_island_max500", 121.5076285, 31.201, 500.0, 500),
        ("C_near_island_max100", 121.5076285, 31.201, 100.0, 500),
        ("C_near_island_min_nodes_3", 121.5076285, 31.201, 500.0, 3),
        ("D_600m_north_of_hub_10", 121.502, 31.207395922, 500.0, 500),
    ],
    "square_on_trunk": [
        # 0.2 h above the middle of the square's top side (h = 0.001 deg of latitude)
        ("E_0.2h_above_square_top", 121.5015, 31.2012, 500.0, 1),
    ],
    "roundabout": [
        # west of the middle of the roundabout's south-west side 43-40 (the far side from 41)
        ("F_west_of_far_half", 121.5003, 31.2005, 500.0, 1),
    ],
    "self_loops": [
        # 10 m north of the middle of the loop's top side 3-4 (its far side from node 2)
        ("G_beside_loop_far_side", 121.5015, 31.201089932, 500.0, 1),
        # 11.12 m south of the middle of the figure of eight's bottom side 13-14
        ("H_beside_second_loop", 121.506, 31.1999, 500.0, 1),
    ],
}


# ---------------------------------------------------------------- main

def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = {}
    for path in sorted(glob.glob(os.path.join(here, "*.osm"))):
        name = os.path.splitext(os.path.basename(path))[0]
        nodes, ways = parse(path)
        result = {}
        graphs = {}
        for mode in ("walk", "cycle"):
            graphs[mode] = build(nodes, ways, mode)
            result[mode] = graph_json(graphs[mode])
        if name in SNAPPING_QUERIES:
            result["snap"] = []
            for qname, lon, lat, max_m, min_nodes in SNAPPING_QUERIES[name]:
                for mode in ("walk", "cycle"):
                    r = snap((lon, lat), nodes, graphs[mode], max_m, min_nodes)
                    result["snap"].append(dict({"query": qname, "mode": mode, "lon": lon,
                                                "lat": lat, "max_distance_m": max_m,
                                                "min_component_nodes": min_nodes}, **r))
        out[name] = result
    text = json.dumps(out, indent=2, sort_keys=False) + "\n"
    sys.stdout.write(text)
    if "--write" in sys.argv:
        with open(os.path.join(here, "expected.json"), "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
