"""Writes a large synthetic SWC reconstruction of a chosen shape, for
benchmarks/morphology_load.sh. The shapes are those of the scale tests
(tests/unit/large_swc.cpp), each with about N samples:

  chain     a soma sample and one unbranched dendrite
  binary    a balanced binary tree of 4-sample branches on a soma sample
  comb      a spine whose every sample carries a one-sample tooth: branches nested N/2 deep
  star      a soma sample with N/2 two-sample dendrites
  forest    the chain on half the samples, and 1000 soma-less trees (needs --soma-tree-only)
  shuffled  the binary tree with its ids permuted and its lines in random order
  soma      a branched soma of N/2 samples (a comb), with ten-sample dendrites on every fifth spine sample

Usage: large_swc.py SHAPE N OUT.swc
"""
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


SHAPES = {"chain": chain, "binary": binary, "comb": comb, "star": star, "forest": forest, "shuffled": shuffled,
          "soma": soma}

if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] not in SHAPES:
        sys.exit(__doc__)
    shape, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    with open(out, "w") as f:
        f.write("# %s, %d samples (benchmarks/large_swc.py)\n" % (shape, n))
        for (i, t, x, y, z, r, p) in SHAPES[shape](n):
            f.write("%d %d %g %g %g %g %d\n" % (i, t, x, y, z, r, p))
