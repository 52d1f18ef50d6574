"""Writes a large synthetic reconstruction of a chosen shape, for
benchmarks/morphology_load.sh: SWC, or Neurolucida ASC when OUT ends in .asc
(the chain, binary and comb shapes: the soma sample as a circular CellBody
contour of 16 points, the rest as Dendrite trees, the comb's branches nested as
deep as in SWC). The shapes are those of the scale tests
(tests/unit/large_swc.cpp), each with about N samples:

  chain     a soma sample and one unbranched dendrite
  binary    a balanced binary tree of 4-sample branches on a soma sample
  comb      a spine whose every sample carries a one-sample tooth: branches nested N/2 deep
  star      a soma sample with N/2 two-sample dendrites
  forest    the chain on half the samples, and 1000 soma-less trees (needs --soma-tree-only)
  shuffled  the binary tree with its ids permuted and its lines in random order
  soma      a branched soma of N/2 samples (a comb), with ten-sample dendrites on every fifth spine sample

Usage: large_swc.py SHAPE N OUT.swc|OUT.asc
"""
import math
import random
import sys


def chain(n, first_id=1, soma=True):
    rows = []
    for k in range(n):
        i = first_id + k
        if k == 0 and soma:
            rows.append((i, 1, 0.0, 0.0, 0.0, 5.0, -1))
        else:
            rows.append((i, 3, float(k), 0.0, 0.0, 0.5, i - 1 if k else -1))
    return rows


def binary(n):
    rows = [(1, 1, 0.0, 0.0, 0.0, 5.0, -1)]
    per_branch = 4
    end = {}  # branch -> id of its last sample
    b = 0
    while len(rows) + per_branch <= n:
        parent_sample = 1 if b == 0 else end[(b - 1) // 2]
        level = (b + 1).bit_length()
        side = 1.0 if b % 2 else -1.0
        px, py = (0.0, 0.0) if b == 0 else (rows[parent_sample - 1][2], rows[parent_sample - 1][3])
        for k in range(per_branch):
            i = len(rows) + 1
            rows.append((i, 3, px + k + 1, py + side * (k + 1) / level, 0.0, 0.5, parent_sample if k == 0 else i - 1))
        end[b] = len(rows)
        b += 1
    return rows


def comb(n):
    rows = [(1, 1, 0.0, 0.0, 0.0, 5.0, -1)]
    spine = 1
    while len(rows) + 2 <= n:
        x = float(len(rows))
        rows.append((len(rows) + 1, 3, x, 0.0, 0.0, 0.5, spine))
        spine = len(rows)
        rows.append((len(rows) + 1, 3, x, 1.0, 0.0, 0.3, spine))
    return rows


def star(n):
    rows = [(1, 1, 0.0, 0.0, 0.0, 5.0, -1)]
    d = 0
    while len(rows) + 2 <= n:
        dy = float(d % 1000)
        rows.append((len(rows) + 1, 3, 6.0, dy, 0.0, 0.5, 1))
        rows.append((len(rows) + 1, 3, 16.0, dy, 0.0, 0.5, len(rows)))
        d += 1
    return rows


def forest(n):
    rows = chain(n // 2)
    trees = 1000
    per_tree = (n - len(rows)) // trees
    for t in range(trees):
        for row in chain(per_tree, first_id=len(rows) + 1, soma=False):
            rows.append(row[:3] + (float(t + 1),) + row[4:])
    return rows


def shuffled(n, seed=1):
    rows = binary(n)
    rng = random.Random(seed)
    ids = list(range(1, len(rows) + 1))
    rng.shuffle(ids)
    renamed = [(ids[i - 1], t, x, y, z, r, ids[p - 1] if p > 0 else -1) for (i, t, x, y, z, r, p) in rows]
    rng.shuffle(renamed)
    return renamed


def soma(n):
    rows = [(1, 1, 0.0, 0.0, 0.0, 5.0, -1)]
    spines = []
    spine = 1
    while len(rows) + 2 <= n // 2:
        x = float(len(rows))
        rows.append((len(rows) + 1, 1, x, 0.0, 0.0, 5.0, spine))
        spine = len(rows)
        spines.append(spine)
        rows.append((len(rows) + 1, 1, x, 3.0, 0.0, 4.0, spine))
    for s in spines[::5]:
        if len(rows) + 10 > n:
            break
        x = rows[s - 1][2]
        for k in range(10):
            rows.append((len(rows) + 1, 3, x, -6.0 - k, 0.0, 0.5, s if k == 0 else len(rows)))
    return rows


SOMA_OUTLINE_POINTS = 16


def write_asc(rows, f, shape):
    """The rows (ids 1..n in order, one soma sample first) as ASC; iterative, so
    that the comb's deep nesting needs no recursion."""
    children = [[] for _ in range(len(rows) + 1)]
    for (i, t, x, y, z, r, p) in rows:
        if p > 0:
            children[p].append(i)
    _, _, sx, sy, _, sr, _ = rows[0]
    f.write("; %s, %d points (benchmarks/large_swc.py)\n(\"CellBody\"\n" % (shape, len(rows) - 1 + SOMA_OUTLINE_POINTS))
    for k in range(SOMA_OUTLINE_POINTS):
        a = 2 * math.pi * k / SOMA_OUTLINE_POINTS
        f.write("  (%.4f %.4f 0 0)\n" % (sx + sr * math.cos(a), sy + sr * math.sin(a)))
    f.write(")\n")
    for root in children[1]:
        f.write("( (Dendrite)\n")
        stack = [root]
        while stack:
            item = stack.pop()
            if isinstance(item, str):
                f.write(item)
                continue
            s = item
            while True:
                _, _, x, y, z, r, _ = rows[s - 1]
                f.write("  (%g %g %g %g)\n" % (x, y, z, 2 * r))
                if len(children[s]) != 1:
                    break
                s = children[s][0]
            kids = children[s]
            if not kids:
                f.write("  Normal\n")
                continue
            stack.append(")\n")
            for k in reversed(range(len(kids))):
                stack.append(kids[k])
                stack.append("(\n" if k == 0 else "|\n")
        f.write(")\n")


SHAPES = {"chain": chain, "binary": binary, "comb": comb, "star": star, "forest": forest, "shuffled": shuffled,
          "soma": soma}

if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] not in SHAPES:
        sys.exit(__doc__)
    shape, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    asc = out.lower().endswith(".asc")
    if asc and shape not in ("chain", "binary", "comb"):
        sys.exit("ASC files: only the chain, binary and comb shapes (one soma sample)")
    with open(out, "w") as f:
        if asc:
            write_asc(SHAPES[shape](n), f, shape)
        else:
            f.write("# %s, %d samples (benchmarks/large_swc.py)\n" % (shape, n))
            for (i, t, x, y, z, r, p) in SHAPES[shape](n):
                f.write("%d %d %g %g %g %g %d\n" % (i, t, x, y, z, r, p))
