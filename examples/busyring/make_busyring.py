#!/usr/bin/env python3
"""Writes the busyring benchmark: its cell as SWC and its network as cajal model files.

    python3 examples/busyring/make_busyring.py            # the committed files
    python3 examples/busyring/make_busyring.py --rings 8 --extra-synapses 200 --out big.json

Without --out, it rewrites the files committed beside it: cell.swc, busyring.json
(hh soma, passive dendrites), busyring-hh.json (hh everywhere) and busyring-small.json
(2 rings of 4 cells, 50 ms, for tests). With --out, it writes one model with the
options given. The model follows Arbor's busyring benchmark (see README.md for the
mapping and for what was made deterministic): rings of cells, each a soma and a binary
dendritic tree; one event starts a spike circulating in each ring; every cell also has
many synapses that receive zero-weight connections from random cells, which cost
simulation time but change nothing. busyring_neuron.py runs the same files in NEURON.

Python 3 standard library only. The output depends only on the options: the random
connections come from Python's `random.Random(seed)`.
"""

import argparse
import json
import math
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

SOMA_DIAMETER = 12.6157       # µm: a sphere of this diameter has an area of 500 µm²
DEND_RADIUS = 0.5             # µm: every dendrite is 1 µm thick
SOMA, DEND = 1, 3             # SWC types

# Defaults of the committed model. Arbor's names are in README.md.
DEFAULTS = dict(
    rings=64, ring_size=4, depth=3, lengths=(200.0, 20.0), compartments=(20, 2),
    max_length=13.0, extra_synapses=100, tstop=200.0, dt=0.025, delay=5.0,
    event_weight=0.2, kick_time=1.0, threshold=10.0, seed=1, all_hh=False,
)
SMALL = dict(rings=2, ring_size=4, extra_synapses=10, tstop=50.0)


def interp(pair, i, n):
    """Arbor's per-level interpolation: pair[0] at level 0, pair[1] at level n-1."""
    if n == 1:
        return float(pair[0])
    p = i / (n - 1)
    return pair[0] + p * (pair[1] - pair[0])


def level_shape(depth, lengths, compartments):
    """(length µm, samples after the branch start) of each level of the tree."""
    out = []
    for i in range(depth):
        length = interp(lengths, i, depth)
        # C++ std::round rounds halves away from zero; Python's round() would not.
        samples = int(math.floor(interp(compartments, i, depth) + 0.5))
        if length <= 0 or samples < 1:
            sys.exit("make_busyring: level %d would have length %g µm and %d samples" % (i, length, samples))
        out.append((length, samples))
    return out


class Tree:
    """The SWC samples of the cell and, for each branch, its samples and length."""

    def __init__(self):
        self.samples = []    # (id, type, x, y, z, radius, parent)
        self.branches = []   # dict(level, length, ids): ids are the branch's own samples in order

    def add(self, kind, x, y, z, radius, parent):
        sid = len(self.samples) + 1
        # Coordinates as printed, so that lengths computed here are the file's.
        self.samples.append((sid, kind, round(x, 4), round(y, 4), round(z, 4), radius, parent))
        return sid

    def point(self, sid):
        s = self.samples[sid - 1]
        return s[2], s[3], s[4]


def build_tree(depth, lengths, compartments):
    """A soma and a full binary tree of `depth` levels, drawn in the x-y plane.

    Every branch forks into two children down to the last level (Arbor draws each
    child with a probability that falls from branch_probs[0] to branch_probs[1]; see
    README.md). Branches are straight; their samples are evenly spaced, as Arbor's
    segments are.
    """
    tree = Tree()
    r = SOMA_DIAMETER / 2
    # Three-point soma (NeuroMorpho.org convention): a cylinder of length and diameter
    # 2r along y, whose membrane area is that of the sphere, 500 µm².
    root = tree.add(SOMA, 0.0, 0.0, 0.0, r, -1)
    tree.add(SOMA, 0.0, -r, 0.0, r, root)
    tree.add(SOMA, 0.0, r, 0.0, r, root)

    shape = level_shape(depth, lengths, compartments)
    # frontier: (parent sample, start point, direction angle from +y in radians)
    frontier = [(root, None, 0.0)]
    for level, (length, nsamples) in enumerate(shape):
        spread = math.radians(30.0 if level == 0 else 20.0)
        nxt = []
        for parent, start, angle in frontier:
            for side in (-1, 1):
                a = angle + side * spread
                dx, dy = math.sin(a), math.cos(a)
                ids = []
                if start is None:
                    # A dendrite on the soma starts at the soma's surface with a sample
                    # of its own: NEURON's Import3d does not join it to the soma centre.
                    x0, y0 = r * dx, r * dy
                    prev = tree.add(DEND, x0, y0, 0.0, DEND_RADIUS, parent)
                    ids.append(prev)
                else:
                    x0, y0 = start
                    prev = parent
                step = length / nsamples
                for k in range(1, nsamples + 1):
                    prev = tree.add(DEND, x0 + k * step * dx, y0 + k * step * dy, 0.0, DEND_RADIUS, prev)
                    ids.append(prev)
                tree.branches.append(dict(level=level, ids=ids, parent=parent))
                nxt.append((prev, tree.point(prev)[:2], a))
        frontier = nxt
    # Each branch's length as NEURON and cajal compute it from the printed points: the
    # first point is the branch's own start sample (on the soma) or the parent's end.
    for b in tree.branches:
        first = b["ids"][0] if b["level"] == 0 else b["parent"]
        pts = [tree.point(first)] + [tree.point(i) for i in (b["ids"][1:] if b["level"] == 0 else b["ids"])]
        arc = [0.0]
        for p, q in zip(pts, pts[1:]):
            arc.append(arc[-1] + math.dist(p, q))
        b["length"] = arc[-1]
        # relative position of each own sample
        own = b["ids"][1:] if b["level"] == 0 else b["ids"]
        b["x"] = dict(zip(own, [a / arc[-1] for a in arc[1:]]))
    return tree


def max_length_nseg(length, max_length):
    """cajal's max_length policy: the smallest odd count whose segments fit."""
    n = max(1, math.ceil(length / max_length))
    if n % 2 == 0:
        n += 1
    while length / n > max_length:
        n += 2
    return n


def check_discretization(tree, max_length):
    """Refuses a max_length that puts a branch length at a whole multiple of it, where
    single- and double-precision lengths could round to different segment counts."""
    for name, length in [("soma", SOMA_DIAMETER)] + [("level %d" % b["level"], b["length"]) for b in tree.branches]:
        q = length / max_length
        if abs(q - round(q)) < 1e-4 and round(q) > 0:
            sys.exit("make_busyring: the %s branch (%.4f µm) is %g times --max-length %g; "
                     "choose another --max-length" % (name, length, round(q), max_length))


def synapse_samples(tree, count, max_length):
    """Samples for `count` extra synapses: dendrite samples strictly inside their branch
    (not a branch's first or last point), spread evenly over them in SWC order. A sample
    that falls on a boundary between two segments is skipped: which segment a point
    process joins there is a matter of rounding."""
    eligible = []
    for b in tree.branches:
        nseg = max_length_nseg(b["length"], max_length)
        for sid, x in b["x"].items():
            if x >= 1 - 1e-9:
                continue
            if abs(x * nseg - round(x * nseg)) < 1e-3:
                continue
            eligible.append(sid)
    eligible.sort()
    if count and not eligible:
        sys.exit("make_busyring: the cell has no dendrite sample for extra synapses (depth 0?)")
    m = len(eligible)
    # Spread evenly: fewer synapses than samples take every (m / count)-th sample; more
    # go round the samples again.
    return [eligible[(k * m) // count if count <= m else k % m] for k in range(count)]


def write_swc(tree, path, args):
    with open(path, "w") as f:
        f.write("# busyring cell: a soma and a full binary dendritic tree (written by make_busyring.py)\n")
        f.write("# depth %d, branch lengths %g..%g um, samples per branch %d..%d; soma: three-point,\n"
                % (args.depth, args.lengths[0], args.lengths[1], args.compartments[0], args.compartments[1]))
        f.write("# diameter %g um (area 500 um^2); dendrites 1 um thick. Types: 1 soma, 3 dendrite\n"
                % SOMA_DIAMETER)
        f.write("# id type x y z radius parent\n")
        for sid, kind, x, y, z, radius, parent in tree.samples:
            f.write("%d %d %.4f %.4f %.4f %g %d\n" % (sid, kind, x, y, z, radius, parent))


def model(args, swc_name, tree):
    ncells = args.rings * args.ring_size
    if ncells < 1:
        sys.exit("make_busyring: --rings and --ring-size must be at least 1")
    if args.extra_synapses and ncells < 2:
        sys.exit("make_busyring: extra synapses need at least 2 cells for their random sources")
    syn_samples = synapse_samples(tree, args.extra_synapses, args.max_length)

    if args.all_hh:
        paint = [{"region": "all", "mechanism": "hh",
                  "parameters": {"gnabar": 0.12, "gkbar": 0.036, "gl": 0.0003, "el": -54.3}}]
    else:
        paint = [{"region": "soma", "mechanism": "hh",
                  "parameters": {"gnabar": 0.12, "gkbar": 0.036, "gl": 0.0003, "el": -54.3}},
                 {"region": "dend", "mechanism": "pas", "parameters": {"g": 0.001, "e": -70}}]
    place = [{"label": "p", "location": "soma", "mechanism": "ExpSyn", "parameters": {"tau": 2, "e": 0}}]
    for k, sid in enumerate(syn_samples):
        place.append({"label": "s%d" % k, "location": "sample:%d" % sid, "mechanism": "ExpSyn",
                      "parameters": {"tau": 2, "e": 0}})

    cell = {
        "morphology": {"file": swc_name},
        "discretization": {"policy": "max_length", "max_length": args.max_length},
        "properties": {"cm": 1, "Ra": 100, "v_init": -65},
        "ions": {"na": {"reversal": 50}, "k": {"reversal": -77}},
        "paint": paint,
        "place": place,
        "detectors": [{"name": "spike", "location": "soma", "threshold": args.threshold}],
    }

    # The kick: one source per ring, firing once; its connection has the ring's delay,
    # so that it does not lower the network's minimum delay (cajal's epoch bound).
    kicks = [{"source": "kick[%d]" % r, "target": "ring[%d]" % (r * args.ring_size), "synapse": "p",
              "weight": args.event_weight, "delay": args.delay} for r in range(args.rings)]

    # The zero-weight connections: extra synapse k of every cell gets one, from a cell
    # drawn uniformly among the others, with a delay drawn uniformly in
    # [delay, 3 delay) (Arbor: min_delay + U(0, 2 min_delay)), rounded to 1 µs.
    rng = random.Random(args.seed)
    extra = []
    for target in range(ncells):
        for k in range(args.extra_synapses):
            source = rng.randrange(ncells - 1)
            if source >= target:
                source += 1
            delay = round(args.delay + rng.uniform(0.0, 2.0 * args.delay), 3)
            extra.append({"source": source, "target": target, "synapse": "s%d" % k,
                          "weight": 0, "delay": delay})

    connections = [
        {"rule": "ring", "sources": "ring", "targets": "ring", "ring_size": args.ring_size,
         "synapse": "p", "weight": args.event_weight, "delay": args.delay},
        {"rule": "list", "connections": kicks},
    ]
    if extra:
        connections.append({"rule": "list", "connections": extra})

    return {
        "cells": {"ring_cell": cell},
        "populations": [{"name": "ring", "cell": "ring_cell", "count": ncells, "spike_detector": "spike"}],
        "sources": [{"name": "kick", "count": args.rings, "times": [args.kick_time]}],
        "connections": connections,
        "simulation": {"tstop": args.tstop, "dt": args.dt, "method": "backward_euler", "celsius": 6.3, "backend": "auto",
                       "spike_timing": "step_end"},
    }


def dumps(obj, indent=0):
    """JSON with short objects and lists on one line each, long ones one element a line."""
    flat = json.dumps(obj, ensure_ascii=False)
    if len(flat) + 2 * indent <= 116 or not isinstance(obj, (dict, list)):
        return flat
    pad = "  " * indent
    if isinstance(obj, dict):
        items = ["%s  %s: %s" % (pad, json.dumps(k), dumps(v, indent + 1)) for k, v in obj.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if all(not isinstance(e, (dict, list)) for e in obj):
        return flat
    items = [pad + "  " + dumps(e, indent + 1) for e in obj]
    return "[\n" + ",\n".join(items) + "\n" + pad + "]"


def write_model(args, json_path, swc_path):
    tree = build_tree(args.depth, args.lengths, args.compartments)
    check_discretization(tree, args.max_length)
    write_swc(tree, swc_path, args)
    swc_name = os.path.relpath(swc_path, os.path.dirname(os.path.abspath(json_path)))
    m = model(args, swc_name, tree)
    with open(json_path, "w") as f:
        f.write(dumps(m) + "\n")
    ncells = args.rings * args.ring_size
    nseg = 1 + sum(max_length_nseg(b["length"], args.max_length) for b in tree.branches)
    print("%s: %d rings of %d cells, %d CVs and %d synapses per cell, %d zero-weight connections, tstop %g ms"
          % (os.path.relpath(json_path), args.rings, args.ring_size, nseg, 1 + args.extra_synapses,
             ncells * args.extra_synapses, args.tstop))


def parser():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    d = DEFAULTS
    p.add_argument("--out", help="write one model to this JSON file (default: rewrite the committed files)")
    p.add_argument("--swc", help="its SWC file (default: cell.swc beside it for the default tree, "
                                 "else the JSON's name with .swc)")
    p.add_argument("--small", action="store_true", help="start from the small test configuration: "
                   "2 rings of 4 cells, 10 extra synapses, 50 ms")
    p.add_argument("--rings", type=int, default=d["rings"], help="number of rings")
    p.add_argument("--ring-size", type=int, default=d["ring_size"], help="cells per ring")
    p.add_argument("--depth", type=int, default=d["depth"], help="levels of the dendritic tree")
    p.add_argument("--lengths", type=float, nargs=2, default=d["lengths"], metavar=("FIRST", "LAST"),
                   help="branch length (µm) at the first and last level, interpolated between")
    p.add_argument("--compartments", type=int, nargs=2, default=d["compartments"], metavar=("FIRST", "LAST"),
                   help="SWC samples per branch at the first and last level (Arbor's CVs per branch)")
    p.add_argument("--max-length", type=float, default=d["max_length"],
                   help="cajal's max_length discretization (µm): odd segment counts")
    p.add_argument("--extra-synapses", type=int, default=d["extra_synapses"],
                   help="zero-weight synapses per cell, each with one connection from a random cell")
    p.add_argument("--tstop", type=float, default=d["tstop"], help="simulated time (ms)")
    p.add_argument("--dt", type=float, default=d["dt"], help="time step (ms)")
    p.add_argument("--delay", type=float, default=d["delay"], help="ring and kick delay, minimum delay (ms)")
    p.add_argument("--event-weight", type=float, default=d["event_weight"], help="ring and kick weight (µS)")
    p.add_argument("--kick-time", type=float, default=d["kick_time"], help="when each ring's kick source fires (ms)")
    p.add_argument("--threshold", type=float, default=d["threshold"], help="spike detector threshold (mV)")
    p.add_argument("--seed", type=int, default=d["seed"], help="seed of the zero-weight connections")
    p.add_argument("--all-hh", action="store_true", help="hh on the dendrites too, instead of pas")
    return p


def main():
    p = parser()
    args = p.parse_args()
    if args.small:
        for k, v in SMALL.items():
            if getattr(args, k) == DEFAULTS[k]:
                setattr(args, k, v)
    if args.depth < 0:
        p.error("--depth must be at least 0")
    args.lengths = tuple(args.lengths)
    args.compartments = tuple(args.compartments)

    if args.out is None:
        base = argparse.Namespace(**vars(p.parse_args([])))
        swc = os.path.join(HERE, "cell.swc")
        write_model(base, os.path.join(HERE, "busyring.json"), swc)
        hh = argparse.Namespace(**vars(base))
        hh.all_hh = True
        write_model(hh, os.path.join(HERE, "busyring-hh.json"), swc)
        small = argparse.Namespace(**vars(base))
        for k, v in SMALL.items():
            setattr(small, k, v)
        write_model(small, os.path.join(HERE, "busyring-small.json"), swc)
        return

    out = os.path.abspath(args.out)
    if args.swc:
        swc = os.path.abspath(args.swc)
    else:
        default_tree = (args.depth, args.lengths, args.compartments) == \
            (DEFAULTS["depth"], DEFAULTS["lengths"], DEFAULTS["compartments"])
        swc = os.path.join(os.path.dirname(out), "cell.swc") if default_tree else os.path.splitext(out)[0] + ".swc"
    write_model(args, out, swc)


if __name__ == "__main__":
    main()
