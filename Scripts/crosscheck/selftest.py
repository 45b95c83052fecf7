#!/usr/bin/env python3
"""Self-checks for reference_times.py.

    selftest.py [--helsinki DIR]

1. Fixtures: the networks and snaps of Tests/Fixtures/osm/*.osm match expected.json.
2. Minutes rounded up to 3 decimals (SPEC 8), and hand-computed cases on a tiny synthetic
   street (closed-form numbers, see below).
3. With --helsinki DIR (holding origins.csv, facilities.csv, times_ref.csv from a run of
   reference_times.py with default options and the six items of make_helsinki_inputs.py):
   recompute every time the other way round - one forward Dijkstra per origin from a super-source
   at its exits, then the min over every facility point - and check it equals times_ref.csv.
Exits non-zero on the first failure.
"""
import argparse
import csv
import json
import math
import os
import sys
import tempfile
from decimal import ROUND_CEILING, Decimal

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import reference_times as rt  # noqa: E402

FIXTURES = os.path.normpath(os.path.join(HERE, "..", "..", "Tests", "Fixtures", "osm"))
R = 6371008.8


def check(cond, msg):
    if not cond:
        sys.exit("FAIL: " + msg)
    print("ok   " + msg)


def up3(minutes):
    """Minutes rounded up to 3 decimals (SPEC 8), from the exact decimal value of the float: a
    second way of writing what reference_times.listed_minutes writes, for values that are not
    within float error of a boundary."""
    return str(Decimal(minutes).quantize(Decimal("0.001"), rounding=ROUND_CEILING))


def rounding():
    check(rt.listed_minutes(15.0) == "15.000", "minutes: exactly 15 lists as 15.000")
    check(rt.listed_minutes(1000 / (4000 / 60)) == "15.000",
          "minutes: 1000 m at 4 km/h lists as 15.000 (not 15.001 from float error)")
    check(rt.listed_minutes(15.0 + 2e-15) == "15.000", "minutes: float error above 15 is 15.000")
    check(rt.listed_minutes(15.0004) == "15.001", "minutes: 15.0004 rounds up to 15.001")
    check(rt.listed_minutes(14.9996) == "15.000", "minutes: 14.9996 rounds up to 15.000")
    check(rt.listed_minutes(0.0) == "0.000", "minutes: 0 lists as 0.000")
    rng = np.random.default_rng(3)
    ok = True
    for m in rng.uniform(0, 40, 20000):
        listed = rt.listed_minutes(float(m))
        ok &= Decimal(listed) >= Decimal(float(m)) and listed == up3(float(m))
        ok &= float(listed) - float(m) < 0.001
    check(ok, "minutes: 20000 random times list at or above their value, less than 0.001 above")


# ---------------------------------------------------------------- 1. fixtures

def fixtures():
    exp = json.load(open(os.path.join(FIXTURES, "expected.json")))
    for name, want in sorted(exp.items()):
        nodes, ways = rt.read_osm(os.path.join(FIXTURES, name + ".osm"))
        for mode in ("walk", "cycle"):
            net = rt.Network(nodes, ways, mode, 500)
            got = [{"way": e["way"], "from": e["from"], "to": e["to"],
                    "length_m": round(e["length"], 6), "forward": e["forward"],
                    "backward": e["backward"]} for e in net.edges]
            check(got == want[mode]["edges"], f"fixture {name} {mode}: edges")
            check(len(net.components) == want[mode]["components"],
                  f"fixture {name} {mode}: components")
        for q in want.get("snap", []):
            net = rt.Network(nodes, ways, q["mode"], q["min_component_nodes"])
            s = net.snap(q["lon"], q["lat"])
            e = net.edges[s["edge"]]
            status = "snapped" if s["access"] <= q["max_distance_m"] else "unsnapped"
            ok = (status == q["status"] and e["way"] == q["way"] and e["from"] == q["from"]
                  and e["to"] == q["to"] and abs(s["offset"] - q["offset_m"]) < 1e-5
                  and abs(s["access"] - q["access_m"]) < 1e-5)
            check(ok, f"fixture snap {q['query']} {q['mode']}")


# ---------------------------------------------------------------- 2. hand-computed cases

TINY = """<?xml version='1.0' encoding='UTF-8'?>
<osm version="0.6">
  <node id="1" lat="60.1700000" lon="24.9400000"/>
  <node id="2" lat="60.1700000" lon="24.9410000"/>
  <node id="3" lat="60.1700000" lon="24.9420000"/>
  <node id="4" lat="60.1710000" lon="24.9400000"/>
  <node id="5" lat="60.1710000" lon="24.9420000"/>
  <way id="10">
    <nd ref="1"/><nd ref="2"/><nd ref="3"/>
    <tag k="highway" v="residential"/>{oneway}
  </way>{detour}
</osm>
"""
DETOUR = """
  <way id="11">
    <nd ref="1"/><nd ref="4"/><nd ref="5"/><nd ref="3"/>
    <tag k="highway" v="residential"/>
  </way>"""


def run_case(osm_text, origins, facilities, items, extra=()):
    with tempfile.TemporaryDirectory() as d:
        net = os.path.join(d, "n.osm")
        open(net, "w").write(osm_text)
        with open(os.path.join(d, "o.csv"), "w") as f:
            f.write("id,kind,area_class,lon,lat\n")
            for row in origins:
                f.write(",".join(map(str, row)) + "\n")
        with open(os.path.join(d, "f.csv"), "w") as f:
            f.write("\ufeffid,type,lon,lat\n")
            for row in facilities:
                f.write(",".join(map(str, row)) + "\n")
        out = os.path.join(d, "t.csv")
        rt.main(["--network", net, "--origins", os.path.join(d, "o.csv"), "--facilities",
                 os.path.join(d, "f.csv"), "--items", ",".join(items), "--out", out, "--quiet",
                 *extra])
        rows = list(csv.reader(open(out)))
    assert rows[0] == ["origin_id", "item", "mode", "minutes"]
    return {(r[0], r[1]): (r[2], r[3]) for r in rows[1:]}


def hand_cases():
    lat = 60.17
    k = math.pi / 180
    # One step of 0.001 deg of longitude along the parallel 60.17: haversine in closed form.
    L1 = 2 * R * math.asin(math.cos(lat * k) * math.sin(0.001 * k / 2))       # ~55.31 m
    # 0.001 deg north (a meridian arc), and 0.002 deg of longitude along the parallel 60.171
    N1 = R * 0.001 * k                                                       # ~111.20 m
    L2 = 2 * R * math.asin(math.cos(60.171 * k) * math.sin(0.002 * k / 2))   # ~110.61 m
    DET = N1 + L2 + N1          # the detour 1-4-5-3
    print(f"     L1 = {L1:.6f} m, N1 = {N1:.6f} m, L2 = {L2:.6f} m")
    check(abs(L1 - 55.31) < 0.01 and abs(N1 - 111.20) < 0.01 and abs(L2 - 110.61) < 0.01,
          "closed-form lengths are the expected magnitudes")
    m20 = 20 / R / k          # 20 m of latitude in degrees
    m10 = 10 / R / k
    walk_v = 4000 / 60        # m/min
    cyc_v = 12000 / 60

    # Street 1-2-3 (one edge, 2 is shape). Origin 20 m north of the middle of 1-2 (s = L1/2,
    # access 20), facility 10 m south of the middle of 2-3 (f = 1.5 L1, access 10).
    o = ("A", "residential", "urban", "24.9405", f"{lat + m20:.12f}")
    fa = ("fac", "shop", "24.9415", f"{lat - m10:.12f}")
    res = run_case(TINY.format(oneway="", detour=""), [o], [fa], ["shop"])
    want = (20 + L1 + 10) / walk_v
    check(res[("A", "shop")] == ("walk", up3(want)),
          f"walk, same edge: (20 + L1 + 10) m = {want:.4f} min -> {res[('A', 'shop')]}")

    # Cycling (remote residential), way 10 oneway=-1 (2-3-... reverse only): the direct way
    # forward is forbidden, and there is no other route: unreachable.
    oc = ("B", "residential", "remote", "24.9405", f"{lat + m20:.12f}")
    tiny_rev = TINY.format(oneway='\n    <tag k="oneway" v="-1"/>', detour="")
    res = run_case(tiny_rev, [oc], [fa], ["shop"])
    check(res[("B", "shop")] == ("cycle", ""), "cycle, against a one-way, no detour: empty")

    # Same with the detour 1-4-5-3 (two-way, a rectangle north of the street,
    # 27.65 m from the origins): leave backward to 1 (L1/2), 1-4-5-3 (DET),
    # then from 3 backward to the facility (L1/2): 20 + L1 + DET + 10.
    tiny_det = TINY.format(oneway='\n    <tag k="oneway" v="-1"/>', detour=DETOUR)
    res = run_case(tiny_det, [oc], [fa], ["shop"])
    want = (20 + L1 + DET + 10) / cyc_v
    check(res[("B", "shop")] == ("cycle", up3(want)),
          f"cycle, detour around a one-way: {want:.4f} min -> {res[('B', 'shop')]}")
    # Reversed roles (facility west of the origin): the direct way backward is allowed.
    o2 = ("C", "village", "expansion", "24.9415", f"{lat + m20:.12f}")
    f2 = ("fac", "shop", "24.9405", f"{lat - m10:.12f}")
    res = run_case(tiny_det, [o2], [f2], ["shop"])
    want = (20 + L1 + 10) / cyc_v
    check(res[("C", "shop")] == ("cycle", up3(want)),
          f"cycle, same edge, allowed direction: {want:.4f} min -> {res[('C', 'shop')]}")

    # Facility exactly on node 3 (the end of the one-way edge): it stands at the node; the
    # origin goes 1 -> 4 -> 5 -> 3 and needs no direction on edge 10 at the facility end.
    f3 = ("fac", "shop", "24.9420000", "60.1700000")
    res = run_case(tiny_det, [oc], [f3], ["shop"])
    want = (20 + 0.5 * L1 + DET) / cyc_v
    check(res[("B", "shop")] == ("cycle", up3(want)),
          f"cycle, facility on the graph node 3: {want:.4f} min -> {res[('B', 'shop')]}")

    # Two entrances of one facility (same id): the nearer counts. Entrance 1 at node 3 (walk
    # 20 + 1.5 L1), entrance 2 at 5 m north of node 1 (20 + 0.5 L1 + 5).
    fe = [("fac", "shop", "24.9420000", "60.1700000"),
          ("fac", "shop", "24.9400000", f"{lat + 5 / R / k:.12f}")]
    res = run_case(TINY.format(oneway="", detour=""), [o], fe, ["shop"])
    want = (20 + 0.5 * L1 + 5) / walk_v
    check(res[("A", "shop")] == ("walk", up3(want)),
          f"walk, nearer of two entrances: {want:.4f} min -> {res[('A', 'shop')]}")

    # Horizon: walk (20 + L1 + 10) m is 1.28 min; with --horizon 1 it is unreachable, and a
    # point 600 m away is unsnapped (empty); an item with no facility is empty.
    far = ("F", "residential", "urban", "24.9405", f"{lat + 600 / R / k:.12f}")
    res = run_case(TINY.format(oneway="", detour=""), [o, far], [fa], ["shop", "none"],
                   ["--horizon", "1"])
    check(res[("A", "shop")] == ("walk", "") and res[("F", "shop")] == ("walk", "")
          and res[("A", "none")] == ("walk", ""), "horizon, unsnapped origin, item without facility")
    res = run_case(TINY.format(oneway="", detour=""), [o, far], [fa], ["shop"],
                   ["--walk-kmh", "5"])
    want = (20 + L1 + 10) / (5000 / 60)
    check(res[("A", "shop")] == ("walk", up3(want)), f"--walk-kmh 5: {want:.4f} min")


# ---------------------------------------------------------------- 3. forward recomputation

def forward_check(d):
    items = ["kindergarten", "primary_school", "community_health_center", "bus_stop",
             "supermarket", "community_park"]
    origins = rt.read_origins(os.path.join(d, "origins.csv"))
    facs = [f for f in rt.read_facilities(os.path.join(d, "facilities.csv")) if f["type"] in items]
    ref = {}
    with open(os.path.join(d, "times_ref.csv")) as f:
        for r in csv.DictReader(f):
            ref[(r["origin_id"], r["item"])] = r["minutes"]
    nodes, ways = rt.read_osm(os.path.join(HERE, "..", "..", "geodata", "helsinki",
                                           "Helsinki.osm.pbf"))
    speed = {"walk": 4000 / 60, "cycle": 12000 / 60}
    bad = 0
    n = 0
    for mode in ("walk", "cycle"):
        net = rt.Network(nodes, ways, mode, 500)
        fs = []
        for f in facs:
            s = net.snap(f["lon"], f["lat"])
            if s is not None and s["access"] <= 500:
                fs.append((f["type"], s))
        rows = [u for u, _ in net.arcs]
        cols = [v for _, v in net.arcs]
        vals = list(net.arcs.values())
        for o in origins:
            if o["mode"] != mode:
                continue
            so = net.snap(o["lon"], o["lat"])
            if so is None or so["access"] > 500:
                best = {it: math.inf for it in items}
            else:
                # forward Dijkstra from a super-source at the origin's exits
                ex = {}
                for v, w in rt.exits(net, so, mode):   # a loop edge gives two exits to a node
                    ex[v] = min(w, ex.get(v, math.inf))
                g = csr_matrix((np.array(vals + list(ex.values())),
                                (np.array(rows + [net.n] * len(ex)),
                                 np.array(cols + list(ex)))),
                               shape=(net.n + 1, net.n + 1))
                dist = dijkstra(g, directed=True, indices=net.n)
                best = {it: math.inf for it in items}
                for it, sf in fs:
                    for node, along in rt.entries(net, sf, mode):
                        best[it] = min(best[it], so["access"] + dist[node] + along + sf["access"])
                    direct = rt.same_edge(net, so, sf, mode)
                    if direct is not None:
                        best[it] = min(best[it], so["access"] + direct + sf["access"])
            for it in items:
                m = best[it] / speed[mode]
                want = up3(m) if m != math.inf and float(up3(m)) <= 30 else ""
                n += 1
                if ref[(o["id"], it)] != want:
                    bad += 1
                    print(f"     mismatch {o['id']} {it}: ref {ref[(o['id'], it)]!r} "
                          f"forward {want!r}")
    check(bad == 0, f"Helsinki: forward per-origin recomputation equals times_ref.csv "
                    f"({n} rows)")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--helsinki", help="folder with origins.csv, facilities.csv, times_ref.csv")
    a = ap.parse_args()
    fixtures()
    rounding()
    hand_cases()
    if a.helsinki:
        forward_check(a.helsinki)
    print("all self-checks passed")


if __name__ == "__main__":
    main()
