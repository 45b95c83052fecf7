#!/usr/bin/env python3
"""Compare two times tables (origin_id,item,mode,minutes), e.g. the engine's times.csv with
reference_times.py's output.

    compare_times.py A.csv B.csv [--abs 0.01] [--rel 0.002] [--top 10]

Rows are joined on (origin_id, item, mode). A row agrees when both minutes are empty, or both are
numbers with |a - b| <= --abs minutes or <= --rel x max(|a|, |b|). Prints the row counts, the
agreement share and the worst disagreements (one side empty first, then by |a - b|).
Exit status: 0 when the row sets are equal and at least 99.5 % of the rows agree, 1 otherwise,
2 on unreadable input.
"""
import argparse
import csv
import math
import sys

KEY = ("origin_id", "item", "mode")


def load(path):
    rows, dups = {}, []
    try:
        with open(path, newline="", encoding="utf-8-sig") as f:
            reader = csv.DictReader(f)
            missing = [c for c in KEY + ("minutes",) if c not in (reader.fieldnames or [])]
            if missing:
                sys.exit(f"{path}: missing column(s) {', '.join(missing)}")
            for r in reader:
                k = tuple(r[c].strip() for c in KEY)
                v = r["minutes"].strip()
                if k in rows:
                    dups.append(k)
                try:
                    rows[k] = float(v) if v else None
                except ValueError:
                    print(f"{path}: bad minutes {v!r} for {k}", file=sys.stderr)
                    sys.exit(2)
    except OSError as e:
        print(f"{path}: {e}", file=sys.stderr)
        sys.exit(2)
    return rows, dups


def main():
    ap = argparse.ArgumentParser(description="Compare two times.csv tables.")
    ap.add_argument("a")
    ap.add_argument("b")
    ap.add_argument("--abs", type=float, default=0.01, help="absolute tolerance, minutes")
    ap.add_argument("--rel", type=float, default=0.002, help="relative tolerance (of the larger)")
    ap.add_argument("--top", type=int, default=10, help="disagreements to list")
    ap.add_argument("--min-share", type=float, default=0.995)
    a = ap.parse_args()
    A, dup_a = load(a.a)
    B, dup_b = load(a.b)
    only_a = [k for k in A if k not in B]
    only_b = [k for k in B if k not in A]
    common = [k for k in A if k in B]
    agree, bad = 0, []
    for k in common:
        x, y = A[k], B[k]
        if x is None and y is None:
            agree += 1
        elif x is None or y is None:
            bad.append((math.inf, k, x, y))
        else:
            diff = abs(x - y)
            if diff <= a.abs or diff <= a.rel * max(abs(x), abs(y)):
                agree += 1
            else:
                bad.append((diff, k, x, y))
    share = agree / len(common) if common else 0.0
    fmt = lambda v: "empty" if v is None else f"{v:.3f}"   # noqa: E731
    print(f"A: {a.a}: {len(A)} rows ({sum(v is None for v in A.values())} empty)")
    print(f"B: {a.b}: {len(B)} rows ({sum(v is None for v in B.values())} empty)")
    print(f"joined on (origin_id, item, mode): {len(common)} common, {len(only_a)} only in A, "
          f"{len(only_b)} only in B")
    for name, dups in (("A", dup_a), ("B", dup_b)):
        if dups:
            print(f"{name} has {len(dups)} duplicate key(s), e.g. {dups[0]}")
    for name, only in (("A", only_a), ("B", only_b)):
        for k in only[:5]:
            print(f"  only in {name}: {','.join(k)}")
    print(f"agree: {agree}/{len(common)} = {100 * share:.3f} % "
          f"(tolerance {a.abs} min or {100 * a.rel:g} %)")
    if bad:
        n_empty = sum(1 for d in bad if d[0] == math.inf)
        print(f"disagreements: {len(bad)} ({n_empty} with one side empty); worst {a.top}:")
        bad.sort(key=lambda d: (-d[0], d[1]))
        print(f"  {'origin_id':<14} {'item':<26} {'mode':<6} {'A':>9} {'B':>9} {'|A-B|':>9}")
        for diff, k, x, y in bad[:a.top]:
            d = "-" if diff == math.inf else f"{diff:.3f}"
            print(f"  {k[0]:<14} {k[1]:<26} {k[2]:<6} {fmt(x):>9} {fmt(y):>9} {d:>9}")
    ok = not only_a and not only_b and not dup_a and not dup_b and share >= a.min_share
    print("RESULT:", "PASS" if ok else "FAIL")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
