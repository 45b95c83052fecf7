#!/usr/bin/env python3
"""The SciPy pipeline: the work of `circle analyze` up to times.csv, as a planner's analyst would
write it in vectorised Python, so that `make bench` can time the two side by side (issue 14).

Same inputs and the same rules as the engine (SPEC sections 3-5 and 8, docs/rules.md), the way
Scripts/crosscheck/reference_times.py states them, but built for speed rather than for
independent checking:

  read     origins and facilities CSV (pandas), the PBF directly with pyosmium (node locations
           kept in pyosmium's C++ index, one Python call per way, no XML)
  build    both networks with numpy: the mode's tag rules per way, splitting at shared nodes,
           segment lengths (haversine), edges, components (scipy.sparse.csgraph), arcs with the
           cheapest of parallel arcs
  snap     origins and facilities to the nearest eligible segment: a scipy cKDTree over segment
           pieces of at most 25 m, then the exact distance in the point's tangent plane for the
           candidates (ties to the lowest edge, then segment)
  search   one scipy.sparse.csgraph.dijkstra per (item, mode) from a super-source joined to every
           facility's entry nodes (their costs on the arcs), bounded by the horizon, on the
           reverse graph; then every origin's time from its exit nodes and same-edge trips
  write    times.csv (origin_id,item,mode,minutes) for every origin and every item with
           facilities, minutes rounded up to 3 decimals (SPEC 8)

Lengths are in whole centimetres like the engine's (arcs, offsets, access legs), so the times
agree to the listed thousandth except where a float rounding of a length lands on the other side
of half a centimetre.

Prints one JSON line of stage seconds on stdout (`{"read": ..., "total": ...}`), and progress on
stderr unless --quiet.

Usage: scipy_pipeline.py --network F.osm.pbf --origins O.csv --facilities P.csv --out times.csv
           [--walk-kmh 4] [--cycle-kmh 12] [--horizon 30] [--max-snap 500]
           [--min-component-nodes 500] [--quiet]
"""
import argparse
import json
import math
import sys
import time

import numpy as np
import osmium
import pandas as pd
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components, dijkstra
from scipy.spatial import cKDTree

R = 6371008.8
DEG = math.pi / 180.0
TIE = 1e-6
PIECE = 25.0                      # metres: longest indexed piece of a segment

PERMITTED = {"yes", "designated", "permissive"}
WALK = {"primary", "primary_link", "secondary", "secondary_link", "tertiary", "tertiary_link",
        "trunk", "trunk_link", "unclassified", "residential", "living_street", "service", "road",
        "track", "pedestrian", "footway", "path", "steps", "cycleway", "bridleway", "corridor",
        "elevator"}
WALK_IF = {"motorway", "motorway_link"}
CYCLE = {"primary", "primary_link", "secondary", "secondary_link", "tertiary", "tertiary_link",
         "trunk", "trunk_link", "unclassified", "residential", "living_street", "service", "road",
         "track", "cycleway", "path"}
CYCLE_IF = {"footway", "pedestrian", "steps", "bridleway", "corridor", "motorway", "motorway_link"}
SQUARES = {"pedestrian", "footway"}
ONEWAY_YES = {"yes", "true", "1"}
MODE_TABLE = {("urban", "residential"): "walk", ("urban", "village"): "walk",
              ("expansion", "residential"): "walk", ("expansion", "village"): "cycle",
              ("remote", "residential"): "cycle", ("remote", "village"): "cycle"}
AREA = {"urban": "urban", "城市化地区": "urban", "expansion": "expansion",
        "城镇化拓展区": "expansion", "remote": "remote", "远郊地区": "remote"}
KIND = {"residential": "residential", "居委": "residential", "village": "village", "村委": "village"}


def kept(tags, mode):
    hw = tags.get("highway")
    if hw is None:
        return False
    m = tags.get("foot" if mode == "walk" else "bicycle")
    permitted = m in PERMITTED
    if m in ("no", "use_sidepath") or (mode == "cycle" and m == "dismount"):
        return False
    if tags.get("area") == "yes" and hw not in SQUARES:
        return False
    if mode == "walk":
        ok = hw in WALK or (hw in WALK_IF and permitted)
    else:
        ok = hw in CYCLE or (hw in CYCLE_IF and permitted)
    if not ok:
        return False
    if tags.get("access") in ("no", "private") and not permitted:
        return False
    return not (tags.get("motorroad") == "yes" and not permitted)


def cycle_dirs(tags):
    """1 forward, 2 backward, 3 both (rules.md order)."""
    if "oneway:bicycle" in tags:
        v = tags["oneway:bicycle"]
        return 1 if v in ONEWAY_YES else 2 if v == "-1" else 3
    for k in ("cycleway", "cycleway:left", "cycleway:right", "cycleway:both"):
        if tags.get(k, "").startswith("opposite"):
            return 3
    ow = tags.get("oneway")
    if ow in ONEWAY_YES:
        return 1
    if ow == "-1":
        return 2
    return 1 if tags.get("junction") == "roundabout" else 3


TAG_KEYS = ("highway", "foot", "bicycle", "area", "access", "motorroad", "oneway", "oneway:bicycle",
            "junction", "cycleway", "cycleway:left", "cycleway:right", "cycleway:both")


class Ways(osmium.SimpleHandler):
    """Highway ways with their node ids and locations (fixed-point degrees x 1e7)."""

    def __init__(self):
        super().__init__()
        self.ids, self.tags, self.refs, self.x, self.y, self.count = [], [], [], [], [], []

    def way(self, w):
        t = w.tags
        if "highway" not in t:
            return
        self.ids.append(w.id)
        self.tags.append({k: t[k] for k in TAG_KEYS if k in t})
        n = 0
        for nd in w.nodes:
            loc = nd.location
            self.refs.append(nd.ref)
            if loc.valid():
                self.x.append(loc.x)
                self.y.append(loc.y)
            else:
                self.x.append(2**31 - 1)
                self.y.append(2**31 - 1)
            n += 1
        self.count.append(n)


def read_network(path):
    h = Ways()
    h.apply_file(path, locations=True, idx="flex_mem")
    order = np.argsort(np.array(h.ids, dtype=np.int64), kind="stable")
    count = np.array(h.count, dtype=np.int64)
    start = np.concatenate(([0], np.cumsum(count)))
    return {"ids": np.array(h.ids, dtype=np.int64), "tags": h.tags, "order": order, "count": count,
            "start": start, "refs": np.array(h.refs, dtype=np.int64),
            "x": np.array(h.x, dtype=np.int64), "y": np.array(h.y, dtype=np.int64)}


def haversine(lon1, lat1, lon2, lat2):
    """Degrees in, metres out (arrays)."""
    p1, p2 = lat1 * DEG, lat2 * DEG
    h = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin((lon2 - lon1) * DEG / 2) ** 2
    return 2 * R * np.arcsin(np.sqrt(h))


class Network:
    """One mode's network, built with numpy."""

    def __init__(self, osm, mode, min_component_nodes):
        self.mode = mode
        keep = [k for k in osm["order"] if kept(osm["tags"][k], mode)]
        dirs = np.array([cycle_dirs(osm["tags"][k]) if mode == "cycle" else 3 for k in keep], dtype=np.int8)
        start, count = osm["start"], osm["count"]
        keep = np.array(keep, dtype=np.int64)
        counts = count[keep]
        way = np.repeat(np.arange(len(keep)), counts)
        idx = np.repeat(start[keep] - (np.cumsum(counts) - counts), counts) + np.arange(len(way))
        refs, x, y = osm["refs"][idx], osm["x"][idx], osm["y"][idx]
        # drop repeated consecutive references
        same = np.zeros(len(refs), bool)
        same[1:] = (refs[1:] == refs[:-1]) & (way[1:] == way[:-1])
        refs, x, y, way = refs[~same], x[~same], y[~same], way[~same]
        # pieces: runs of present nodes within a way; pieces of fewer than two nodes vanish
        present = x != 2**31 - 1
        newpiece = np.ones(len(refs), bool)
        newpiece[1:] = (way[1:] != way[:-1]) | ~present[:-1]
        piece = np.cumsum(newpiece) - 1
        piece_len = np.bincount(piece[present], minlength=piece[-1] + 1 if len(piece) else 0)
        ok = present & (piece_len[piece] >= 2)
        refs, x, y, way, piece = refs[ok], x[ok], y[ok], way[ok], piece[ok]
        # a node splits when used by another way or twice by its own way
        uniq_nodes, node_of = np.unique(refs, return_inverse=True)
        vis_key = node_of * (len(keep) + 1) + way
        pairs, pair_of, visits = np.unique(vis_key, return_inverse=True, return_counts=True)
        ways_per_node = np.bincount(pairs // (len(keep) + 1), minlength=len(uniq_nodes))
        visit_count = visits[pair_of]
        first = np.ones(len(refs), bool)
        first[1:] = piece[1:] != piece[:-1]
        last = np.ones(len(refs), bool)
        last[:-1] = piece[1:] != piece[:-1]
        split = first | last | (ways_per_node[node_of] > 1) | (visit_count > 1)
        lon, lat = x / 1e7, y / 1e7
        # segments and edges: an edge runs from one split position to the next within a piece
        seg_ok = ~last                                   # a segment starts at each non-last position
        seg_from = np.nonzero(seg_ok)[0]
        seg_len = haversine(lon[seg_from], lat[seg_from], lon[seg_from + 1], lat[seg_from + 1])
        edge_start_pos = np.nonzero(split & ~last)[0]    # positions where an edge begins
        edge_end_pos = np.nonzero(split & ~first)[0]     # positions where an edge ends
        seg_edge = np.cumsum(split[seg_from]) - 1        # edge of each segment (edges begin at split positions)
        self.m = len(edge_start_pos)
        self.length = np.bincount(seg_edge, weights=seg_len, minlength=self.m)
        seg_rank = np.arange(len(seg_from)) - np.searchsorted(seg_edge, seg_edge)  # segment index within edge
        self.edge_dirs = dirs[way[edge_start_pos]]
        from_osm, to_osm = refs[edge_start_pos], refs[edge_end_pos]
        self.node_osm, inv = np.unique(np.concatenate([from_osm, to_osm]), return_inverse=True)
        self.n = len(self.node_osm)
        self.efrom, self.eto = inv[:self.m], inv[self.m:]
        self.ax_node_from, self.ay_node_from = lon[edge_start_pos], lat[edge_start_pos]
        self.ax_node_to, self.ay_node_to = lon[edge_end_pos], lat[edge_end_pos]
        # components (ignoring direction) and eligibility
        g = csr_matrix((np.ones(self.m), (self.efrom, self.eto)), shape=(self.n, self.n))
        ncomp, comp = connected_components(g, directed=False)
        size = np.bincount(comp, minlength=ncomp)
        largest = np.argmax(size) if ncomp else 0
        eligible = size >= min_component_nodes
        if ncomp:
            eligible[largest] = True
        edge_eligible = eligible[comp[self.efrom]]
        # arcs in centimetres, the cheapest of parallel arcs, loops carry none
        cm = np.round(self.length * 100)
        self.length_cm = cm
        fw = (self.edge_dirs & 1) != 0
        bw = (self.edge_dirs & 2) != 0
        nl = self.efrom != self.eto
        tails = np.concatenate([self.efrom[fw & nl], self.eto[bw & nl]])
        heads = np.concatenate([self.eto[fw & nl], self.efrom[bw & nl]])
        w = np.concatenate([cm[fw & nl], cm[bw & nl]])
        # reverse graph (head -> tail) for searches from the facilities; keep the minimum per pair
        key = heads.astype(np.int64) * self.n + tails
        o = np.lexsort((w, key))
        key, w = key[o], w[o]
        firsts = np.ones(len(key), bool)
        firsts[1:] = key[1:] != key[:-1]
        key, w = key[firsts], w[firsts]
        self.rev_rows, self.rev_cols, self.rev_w = key // self.n, key % self.n, w
        # indexed segment pieces for snapping (eligible edges only)
        s_ok = edge_eligible[seg_edge]
        self.seg_edge = seg_edge[s_ok]
        self.seg_rank = seg_rank[s_ok]
        sf = seg_from[s_ok]
        self.ax, self.ay, self.bx, self.by = lon[sf], lat[sf], lon[sf + 1], lat[sf + 1]
        # haversine length of the segments before each segment on its edge
        before = np.cumsum(seg_len) - seg_len
        edge_first_seg = np.searchsorted(seg_edge, np.arange(self.m))
        self.seg_before = (before - before[edge_first_seg[seg_edge]])[s_ok]
        self.seg_hav = seg_len[s_ok]
        self.edge_nseg = np.bincount(seg_edge, minlength=self.m)
        self.lat0 = float(np.mean(lat)) if len(lat) else 0.0
        self.lon0 = float(np.mean(lon)) if len(lon) else 0.0
        kx = R * math.cos(self.lat0 * DEG) * DEG
        ky = R * DEG
        self.kx, self.ky = kx, ky
        pax, pay = (self.ax - self.lon0) * kx, (self.ay - self.lat0) * ky
        pbx, pby = (self.bx - self.lon0) * kx, (self.by - self.lat0) * ky
        plen = np.hypot(pbx - pax, pby - pay)
        pieces = np.maximum(1, np.ceil(plen / PIECE)).astype(np.int64)
        owner = np.repeat(np.arange(len(pax)), pieces)
        within = np.arange(len(owner)) - np.repeat(np.cumsum(pieces) - pieces, pieces)
        f = (within + 0.5) / pieces[owner]
        self.piece_owner = owner
        self.tree = cKDTree(np.stack([pax[owner] + f * (pbx - pax)[owner],
                                      pay[owner] + f * (pby - pay)[owner]], axis=1))
        self.piece_half = float((plen / pieces).max() / 2) if len(plen) else 0.0

    def snap(self, lon, lat, max_snap):
        """Arrays of (edge, offset cm, access cm, ok) for points in degrees."""
        n = len(lon)
        edge = np.zeros(n, np.int64)
        off = np.zeros(n)
        acc = np.full(n, np.inf)
        if n == 0 or len(self.seg_edge) == 0:
            return edge, off, acc, np.zeros(n, bool)
        q = np.stack([(lon - self.lon0) * self.kx, (lat - self.lat0) * self.ky], axis=1)
        d0, _ = self.tree.query(q)
        # every segment within d0 has a piece centre within d0 + half a piece (plus plane slack)
        radius = (d0 + self.piece_half) * 1.01 + 1.0
        e, offset, dmin = np.zeros(n, np.int64), np.zeros(n), np.zeros(n)
        todo, k = np.arange(n), 16
        while len(todo):
            k = min(k, len(self.piece_owner))
            dk, ik = self.tree.query(q[todo], k=k)
            dk, ik = dk.reshape(len(todo), k), ik.reshape(len(todo), k)
            done = (dk[:, -1] > radius[todo]) | (k == len(self.piece_owner))
            rows = todo[done]
            e[rows], offset[rows], dmin[rows] = self._nearest(lon[rows], lat[rows], dk[done], ik[done], radius[rows])
            todo, k = todo[~done], k * 4
        ok = dmin <= max_snap
        return e, np.round(offset * 100), np.round(dmin * 100), ok

    def _nearest(self, lon, lat, dk, ik, radius):
        """The exact nearest segment among the candidate pieces, in each point's tangent plane."""
        n = len(lon)
        cand = self.piece_owner[ik]
        valid = dk <= radius[:, None]
        lon0, lat0 = lon[:, None] * DEG, lat[:, None] * DEG
        kx = R * np.cos(lat0)
        axp = kx * (self.ax[cand] * DEG - lon0)
        ayp = R * (self.ay[cand] * DEG - lat0)
        bxp = kx * (self.bx[cand] * DEG - lon0)
        byp = R * (self.by[cand] * DEG - lat0)
        dx, dy = bxp - axp, byp - ayp
        den = dx * dx + dy * dy
        with np.errstate(divide="ignore", invalid="ignore"):
            t = np.where(den > 0, -(axp * dx + ayp * dy) / den, 0.0)
        t = np.clip(t, 0.0, 1.0)
        d = np.hypot(axp + t * dx, ayp + t * dy)
        d[~valid] = np.inf
        dmin = d.min(axis=1)
        tie = d <= dmin[:, None] + TIE
        # lowest edge id, then lowest segment
        okey = np.where(tie, self.seg_edge[cand] * 1_000_000 + self.seg_rank[cand], np.iinfo(np.int64).max)
        j = np.argmin(okey, axis=1)
        rows = np.arange(n)
        s = cand[rows, j]
        tk = t[rows, j]
        e = self.seg_edge[s]
        offset = self.seg_before[s] + tk * self.seg_hav[s]
        offset = np.where((self.seg_rank[s] == 0) & (tk == 0.0), 0.0, offset)
        offset = np.where((self.seg_rank[s] == self.edge_nseg[e] - 1) & (tk == 1.0), self.length[e], offset)
        return e, offset, dmin

    def ends(self, edge, offset, origin):
        """(node a, cost a, node b, cost b) with inf costs where a direction is not allowed:
        origins leave (exits), facilities are entered (seeds)."""
        length = self.length_cm[edge]
        s = np.minimum(offset, length)
        d = self.edge_dirs[edge]
        fw, bw = (d & 1) != 0, (d & 2) != 0
        to_first = (bw if origin else fw) | (s == 0)
        to_last = (fw if origin else bw) | (s == length)
        ca = np.where(to_first, s, np.inf)
        cb = np.where(to_last, length - s, np.inf)
        return self.efrom[edge], ca, self.eto[edge], cb

    def direct(self, o_off, f_off, edge):
        length = self.length_cm[edge]
        s, t = np.minimum(o_off, length), np.minimum(f_off, length)
        d = self.edge_dirs[edge]
        ok = (t == s) | ((t > s) & ((d & 1) != 0)) | ((t < s) & ((d & 2) != 0))
        return np.where(ok, np.abs(t - s), np.inf)


def run_pandana(net, og, modes, fa, items, limit_m):
    """pandana on the same walk graph (edges in centimetres as metres / 100, both ways): its
    contraction hierarchy, then per item set_pois + nearest_pois within the horizon, and every
    walking origin's distance at its nearest node (pandana's own rule: points go to the nearest
    node, not edge, so its times are not the engine's). Returns its stage seconds."""
    import pandana
    t = time.perf_counter()
    lon = np.zeros(net.n)
    lat = np.zeros(net.n)
    lon[net.efrom], lat[net.efrom] = net.ax_node_from, net.ay_node_from
    lon[net.eto], lat[net.eto] = net.ax_node_to, net.ay_node_to
    nl = net.efrom != net.eto
    edges = pd.DataFrame({"w": net.length_cm[nl] / 100})
    pn = pandana.Network(pd.Series(lon), pd.Series(lat), pd.Series(net.efrom[nl]), pd.Series(net.eto[nl]),
                         edges[["w"]], twoway=True)
    build = time.perf_counter() - t
    t = time.perf_counter()
    walk = modes == "walk"
    onode = pn.get_node_ids(og["lon"][walk], og["lat"][walk])
    for item in items:
        f = fa[fa["type"].str.strip() == item]
        pn.set_pois(item, limit_m, 1, f["lon"], f["lat"])
        near = pn.nearest_pois(limit_m, item, num_pois=1)
        _ = near[1].reindex(onode.to_numpy()).to_numpy()
    return {"pandana_build": round(build, 3), "pandana_search": round(time.perf_counter() - t, 3)}


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--network", required=True)
    ap.add_argument("--origins", required=True)
    ap.add_argument("--facilities", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--walk-kmh", type=float, default=4.0)
    ap.add_argument("--cycle-kmh", type=float, default=12.0)
    ap.add_argument("--horizon", type=float, default=30.0)
    ap.add_argument("--max-snap", type=float, default=500.0)
    ap.add_argument("--min-component-nodes", type=int, default=500)
    ap.add_argument("--pandana", action="store_true",
                    help="also time pandana on the walk graph (timings pandana_build, pandana_search; "
                         "not part of the SciPy total)")
    ap.add_argument("--quiet", action="store_true")
    a = ap.parse_args(argv)
    say = (lambda m: None) if a.quiet else (lambda m: print(m, file=sys.stderr, flush=True))
    T = {}
    t0 = t = time.perf_counter()

    def lap(name):
        nonlocal t
        now = time.perf_counter()
        T[name] = T.get(name, 0.0) + now - t
        t = now

    og = pd.read_csv(a.origins, dtype={"id": str}, encoding="utf-8-sig")
    fa = pd.read_csv(a.facilities, dtype={"id": str, "type": str}, encoding="utf-8-sig")
    lap("read_points")
    osm = read_network(a.network)
    lap("read_network")
    say(f"read {len(osm['ids'])} highway ways, {len(og)} origins, {len(fa)} facility points")
    modes = np.array([MODE_TABLE[(AREA[str(c).strip()], KIND[str(k).strip()])]
                      for c, k in zip(og["area_class"], og["kind"])])
    items = sorted(fa["type"].str.strip().unique())
    speed = {"walk": a.walk_kmh * 1000 / 60, "cycle": a.cycle_kmh * 1000 / 60}
    minutes = np.full((len(og), len(items)), np.inf)
    nets = {}
    for mode in ("walk", "cycle"):
        nets[mode] = Network(osm, mode, a.min_component_nodes)
        say(f"{mode}: {nets[mode].n} nodes, {nets[mode].m} edges, {len(nets[mode].rev_w)} arcs")
    lap("build")
    fac_item = np.searchsorted(items, fa["type"].str.strip().to_numpy())
    snaps = {}
    for mode in ("walk", "cycle"):
        net = nets[mode]
        sel = np.nonzero(modes == mode)[0]
        oe, oo, oa, ok = net.snap(og["lon"].to_numpy(float)[sel], og["lat"].to_numpy(float)[sel], a.max_snap)
        fe, fo, fa_, fok = net.snap(fa["lon"].to_numpy(float), fa["lat"].to_numpy(float), a.max_snap)
        snaps[mode] = (sel[ok], oe[ok], oo[ok], oa[ok], fe[fok], fo[fok], fa_[fok], fac_item[fok])
    lap("snap")
    for mode in ("walk", "cycle"):
        net = nets[mode]
        oi, oe, oo, oa, fe, fo, fac, fitem = snaps[mode]
        limit = float(np.round(a.horizon * speed[mode] * 100))          # centimetres
        n = net.n
        xa, ca, xb, cb = net.ends(oe, oo, origin=True)
        sa, sca, sb, scb = net.ends(fe, fo, origin=False)
        base_rows = net.rev_rows
        for it in range(len(items)):
            f = fitem == it
            if not f.any():
                continue
            seed_nodes = np.concatenate([sa[f], sb[f]])
            seed_cost = np.concatenate([sca[f], scb[f]]) + np.concatenate([fac[f], fac[f]])
            keep = np.isfinite(seed_cost)
            # super-source n: an arc to every seed (csr_matrix sums duplicates, so take minima)
            sn, sc = seed_nodes[keep], seed_cost[keep]
            o = np.lexsort((sc, sn))
            sn, sc = sn[o], sc[o]
            firsts = np.ones(len(sn), bool)
            firsts[1:] = sn[1:] != sn[:-1]
            sn, sc = sn[firsts], sc[firsts]
            # explicit zeros stay arcs in a sparse csgraph input (zero-length seeds, arcs)
            g = csr_matrix((np.concatenate([net.rev_w, sc]),
                            (np.concatenate([base_rows, np.full(len(sn), n)]),
                             np.concatenate([net.rev_cols, sn]))), shape=(n + 1, n + 1))
            dist = dijkstra(g, directed=True, indices=n, limit=limit)
            best = np.minimum(ca + dist[xa], cb + dist[xb]) + oa
            # same-edge trips: origins and facilities of this item on one edge
            fe_i, fo_i, fa_i = fe[f], fo[f], fac[f]
            order = np.argsort(fe_i, kind="stable")
            fe_s = fe_i[order]
            lo, hi = np.searchsorted(fe_s, oe, "left"), np.searchsorted(fe_s, oe, "right")
            has = np.nonzero(hi > lo)[0]
            for j in has:
                for k in order[lo[j]:hi[j]]:
                    d = net.direct(oo[j:j + 1], fo_i[k:k + 1], oe[j:j + 1])[0] + oa[j] + fa_i[k]
                    if d < best[j]:
                        best[j] = d
            best[best > limit] = np.inf
            minutes[oi, it] = best / 100 / speed[mode]
    lap("search")
    # listed minutes (SPEC 8): thousandths rounded up, empty beyond the horizon; strings by lookup
    top = int(round(a.horizon * 1000))
    k = np.ceil(minutes * 1000 - 1e-6)
    k = np.where(np.isfinite(k) & (k <= top), k, -1).astype(np.int64)
    table = np.array([f"{v // 1000}.{v % 1000:03d}" for v in range(top + 1)] + [""], dtype=object)
    ids = og["id"].astype(str).to_numpy()
    # (pandas' to_csv takes several times longer than joining the rows)
    cols = (np.repeat(ids, len(items)).tolist(), np.tile(np.array(items, dtype=object), len(og)).tolist(),
            np.repeat(modes, len(items)).tolist(), table[k.ravel()].tolist())
    with open(a.out, "w", encoding="utf-8", newline="") as f:
        f.write("origin_id,item,mode,minutes\n")
        f.write("\n".join(map(",".join, zip(*cols))))
        f.write("\n")
    lap("write")
    T["total"] = time.perf_counter() - t0
    if a.pandana:
        T.update(run_pandana(nets["walk"], og, modes, fa, items, a.horizon * speed["walk"]))
    print(json.dumps({k: round(v, 3) for k, v in T.items()}))


if __name__ == "__main__":
    main()
