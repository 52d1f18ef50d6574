#!/usr/bin/env python3
"""Grows cajal's example cell, a small pyramidal-like neuron, and prints it as SWC.

    python3 examples/cells/make_example_cell.py > examples/cells/pyramidal.swc

The cell is synthetic: a three-point soma (NeuroMorpho.org convention), a thick
apical dendrite with oblique branches and a tuft, five basal dendrites and an
axon with two collaterals. Branches are random walks with tapering radii; the
seed is fixed, so the output is the same on every run.
"""

import math
import random

SEED = 20240611
SOMA_RADIUS = 8.0
STEP = 10.0  # µm between samples along a branch

SOMA, AXON, BASAL, APICAL = 1, 2, 3, 4


class Cell:
    def __init__(self):
        self.samples = []  # (id, type, x, y, z, radius, parent)

    def add(self, kind, point, radius, parent):
        sample_id = len(self.samples) + 1
        x, y, z = point
        self.samples.append((sample_id, kind, x, y, z, radius, parent))
        return sample_id


def normalize(v):
    n = math.sqrt(sum(c * c for c in v))
    return tuple(c / n for c in v)


def turn(direction, spread, rng):
    """The direction nudged by a random amount of about `spread` radians."""
    return normalize(tuple(c + rng.gauss(0.0, spread) for c in direction))


def rotate_about_z(direction, angle):
    x, y, z = direction
    c, s = math.cos(angle), math.sin(angle)
    return (c * x - s * y, s * x + c * y, z)


def grow(cell, rng, kind, start, parent, direction, length, r0, r1, spread=0.12, pull=None):
    """A random-walk branch of `length` µm from `start`; returns its last sample and direction.

    `pull` is a direction the walk drifts back towards (the apical trunk stays upright).
    """
    steps = max(2, round(length / STEP))
    point, sample = start, parent
    for i in range(1, steps + 1):
        direction = turn(direction, spread, rng)
        if pull is not None:
            direction = normalize(tuple(d + 0.5 * p for d, p in zip(direction, pull)))
        step = length / steps
        point = tuple(p + step * d for p, d in zip(point, direction))
        radius = r0 + (r1 - r0) * i / steps
        sample = cell.add(kind, point, radius, sample)
    return sample, point, direction


def grow_tree(cell, rng, kind, start, parent, direction, length, r0, depth, spread=0.12):
    """A branch that forks `depth` more times, children thinner and shorter."""
    r1 = max(0.3, r0 * 0.75)
    sample, point, end_dir = grow(cell, rng, kind, start, parent, direction, length, r0, r1, spread)
    if depth == 0:
        return
    fork = rng.uniform(0.35, 0.6)
    for side in (-1, 1):
        child = rotate_about_z(end_dir, side * fork)
        grow_tree(cell, rng, kind, point, sample, child, length * rng.uniform(0.6, 0.9), r1 * 0.85,
                  depth - 1, spread)


def surface(direction, radius=SOMA_RADIUS):
    return tuple(radius * d for d in direction)


def build(rng):
    cell = Cell()
    root = cell.add(SOMA, (0.0, 0.0, 0.0), SOMA_RADIUS, -1)
    cell.add(SOMA, (0.0, -SOMA_RADIUS, 0.0), SOMA_RADIUS, root)
    cell.add(SOMA, (0.0, SOMA_RADIUS, 0.0), SOMA_RADIUS, root)

    # Apical trunk: straight up, tapering, with obliques on alternating sides.
    up = (0.0, 1.0, 0.0)
    sample, point, direction = root, surface(up), up
    trunk_radius = 2.6
    for level in range(6):
        r1 = trunk_radius - 0.22
        sample, point, direction = grow(cell, rng, APICAL, point, sample, direction, 55.0, trunk_radius, r1,
                                        spread=0.06, pull=up)
        trunk_radius = r1
        side = -1 if level % 2 else 1
        oblique = normalize((side * 1.0, rng.uniform(0.3, 0.7), rng.uniform(-0.3, 0.3)))
        grow_tree(cell, rng, APICAL, point, sample, oblique, rng.uniform(60, 110), 0.9,
                  depth=1 if level in (1, 3, 4) else 0)
    # The tuft: three branches fanning out from the trunk's end.
    for angle in (-0.6, 0.0, 0.6):
        grow_tree(cell, rng, APICAL, point, sample, turn(rotate_about_z(up, angle), 0.05, rng),
                  rng.uniform(70, 95), 1.1, depth=2)

    # Basal dendrites: five around the lower half of the soma.
    for k in range(5):
        angle = math.pi + (k + 0.5) * math.pi / 5 + rng.uniform(-0.15, 0.15)
        direction = normalize((math.cos(angle), math.sin(angle), rng.uniform(-0.3, 0.3)))
        grow_tree(cell, rng, BASAL, surface(direction), root, direction, rng.uniform(35, 55), 1.3,
                  depth=rng.choice((2, 3)), spread=0.15)

    # Axon: down from the soma, thin, with two collaterals.
    down = (0.0, -1.0, 0.0)
    sample, point, direction = root, surface(down), down
    for length, side in ((60.0, 1), (120.0, -1), (180.0, 0)):
        sample, point, direction = grow(cell, rng, AXON, point, sample, direction, length, 0.6, 0.5,
                                        spread=0.05, pull=down)
        if side:
            collateral = normalize((side * 1.0, -0.4, 0.0))
            grow(cell, rng, AXON, point, sample, collateral, rng.uniform(90, 130), 0.4, 0.3, spread=0.1)
    return cell


def main():
    cell = build(random.Random(SEED))
    print("# cajal example cell: a synthetic pyramidal-like neuron (not a reconstruction)")
    print("# grown by examples/cells/make_example_cell.py with seed %d" % SEED)
    print("# three-point soma (NeuroMorpho.org convention), radius %.0f um;" % SOMA_RADIUS)
    print("# types: 1 soma, 2 axon, 3 basal dendrite, 4 apical dendrite")
    print("# id type x y z radius parent")
    for sample_id, kind, x, y, z, radius, parent in cell.samples:
        print("%d %d %.2f %.2f %.2f %.2f %d" % (sample_id, kind, x, y, z, radius, parent))


if __name__ == "__main__":
    main()
