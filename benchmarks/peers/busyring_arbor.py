#!/usr/bin/env python3
"""Runs a cajal network model file (such as busyring.json) in Arbor 0.12, for comparison.

    python busyring_arbor.py examples/busyring/busyring.json --spikes spikes.txt

It reads the same JSON file that `cajal run` and examples/busyring/busyring_neuron.py
read and builds the same network through Arbor's Python API, on one thread and one
rank. Only what the busyring models use is understood; anything else is an error that
names it. Writes the spikes of every gid, cells and sources, as lines "gid time" sorted
by time then gid, and prints one timing line:

    arbor: ranks=1 threads=1 cells=256 cvs=24320 arbor_cvs=... connections=... steps=8000 setup_s=... run_s=... spikes=...

How the model maps onto Arbor:

- Morphology. The SWC file is read here and built as Arbor segments the way NEURON's
  Import3d builds sections: a three-point soma becomes one cylinder as long as it is
  wide (2r); each unbranched run of samples becomes one branch, starting at its
  parent's last sample (a dendrite on the soma starts at its own first sample). The
  branches are NEURON's sections, with the same lengths and diameters.
- The soma joint. NEURON (and cajal) join the dendrites to the soma's middle, to the
  soma's one node, with no soma resistance in between. Arbor joins children at a
  branch's end. The dendrites hang from the soma's distal end here, and the soma's
  axial resistivity is made SOMA_RA_FACTOR times the model's, so that the half soma
  between the soma's CV and the fork is all but a short circuit (busyring: 5 Ohm,
  against 7.5 MOhm from the fork to a dendrite's first CV; a factor of 1e-6 instead
  moves no spike by more than 1e-7 ms). With one CV on the soma, nothing else
  depends on the soma's Ra.
- Discretization. The CV boundaries are given explicitly: each branch is cut into as
  many equal CVs as busyring_neuron.py gives the section as nseg (cajal's max_length
  rule: the smallest odd count whose CVs fit). Arbor adds a CV of zero area at each
  fork, which is NEURON's zero-area node at a section's end; `arbor_cvs` counts them.
- Mechanisms: Arbor's default catalogue. Its hh computes exact rates every step (no
  tables), as cajal and busyring_neuron.py (usetable_hh = 0) do; pas's reversal
  potential is a global in Arbor ("pas/e=..."); ExpSyn is expsyn.
- Synapses. Arbor 0.12 coalesces identical linear synapses (expsyn with equal
  parameters) that fall in one CV into one instance by default
  (cable_global_properties.coalesce_synapses = True). The sum of ExpSyn conductances is
  itself an ExpSyn, so the result is the same; --no-coalesce keeps one instance per
  synapse, as NEURON and cajal do.
- Spikes. Arbor's detector stamps a crossing at the time interpolated within the step,
  and events are delivered at the start of the step they fall in, so a hop from cell
  to cell differs from NEURON's and cajal's (stamped at the step's end, delivered on
  the step boundary) by up to about a step: on busyring, a step shorter on average.
"""

import argparse
import json
import math
import os
import re
import sys
import time

T_START = time.perf_counter()

import arbor  # noqa: E402
from arbor import units as U  # noqa: E402

SOMA_RA_FACTOR = 1e-4
REGIONS = {"soma": 1, "axon": 2, "dend": 3, "apic": 4}
DENSITY = {"hh": ("gnabar", "gkbar", "gl", "el"), "pas": ("g", "e")}


class ModelError(Exception):
    pass


def only_keys(obj, where, allowed):
    if not isinstance(obj, dict):
        raise ModelError("%s must be an object" % where)
    unknown = sorted(set(obj) - set(allowed))
    if unknown:
        raise ModelError("%s: %s not supported by this script (it knows %s)"
                         % (where, ", ".join(unknown), ", ".join(sorted(allowed))))


def region_tags(region, where):
    tags = set()
    for part in region.split("|"):
        part = part.strip()
        if part == "all":
            tags |= set(REGIONS.values())
        elif part in REGIONS:
            tags.add(REGIONS[part])
        elif part.startswith("type:") and part[5:].isdigit() and int(part[5:]) in REGIONS.values():
            tags.add(int(part[5:]))
        else:
            raise ModelError("%s: region '%s' not supported (all, soma, axon, dend, apic, type:1-4)" % (where, part))
    return tags


# ---------------------------------------------------------------------------------
# Morphology

class Section:
    def __init__(self, tag, parent):
        self.tag = tag
        self.parent = parent   # index of the parent section, None for the soma
        self.points = []       # (x, y, z, r); a child's first point is its parent's last sample
        self.samples = {}      # SWC id -> index in points
        self.children = []

    def length(self):
        return sum(math.dist(a[:3], b[:3]) for a, b in zip(self.points, self.points[1:]))

    def position(self, sid):
        """Relative arc position of a sample on the section, as NEURON's arc3d/L."""
        i = self.samples[sid]
        part = sum(math.dist(a[:3], b[:3]) for a, b in zip(self.points[:i], self.points[1:i + 1]))
        return part / self.length()


def read_swc(path):
    """Sections of an SWC file with a three-point soma, as Import3d makes them."""
    if not os.path.isfile(path):
        raise ModelError("morphology file %s not found" % path)
    samples = {}
    order = []
    with open(path) as f:
        for n, line in enumerate(f, 1):
            line = line.split("#", 1)[0].split()
            if not line:
                continue
            if len(line) != 7:
                raise ModelError("%s:%d: an SWC line has 7 fields" % (path, n))
            sid, tag, parent = int(line[0]), int(line[1]), int(line[6])
            x, y, z, r = (float(v) for v in line[2:6])
            samples[sid] = (tag, x, y, z, r, parent)
            order.append(sid)
    children = {sid: [] for sid in order}
    for sid in order:
        parent = samples[sid][5]
        if parent != -1:
            if parent not in samples:
                raise ModelError("%s: sample %d has unknown parent %d" % (path, sid, parent))
            children[parent].append(sid)
    soma = [sid for sid in order if samples[sid][0] == 1]
    root = order[0]
    if (len(soma) != 3 or soma[0] != root or not set(soma[1:]) <= set(children[root])
            or any(children[s] for s in soma[1:])):
        raise ModelError("%s: only a three-point soma (a root sample and two children of it) is "
                         "supported here" % path)
    _, cx, cy, cz, r, _ = samples[root]
    soma_sec = Section(1, None)
    # Import3d's three-point soma: a cylinder 2r long and 2r wide through the centre.
    soma_sec.points = [(cx, cy - r, cz, r), (cx, cy + r, cz, r)]
    soma_sec.samples = {sid: None for sid in soma}
    sections = [soma_sec]

    def grow(first, parent_sec):
        sec = Section(samples[first][0], parent_sec)
        if parent_sec != 0:
            last = sections[parent_sec].points[-1]
            if abs(last[3] - samples[first][4]) > 1e-9:
                raise ModelError("%s: sample %d starts a branch with another radius than its parent's "
                                 "end; tapering joints are not supported here" % (path, first))
            sec.points.append(last)
        sid = first
        while True:
            tag, x, y, z, rad, _ = samples[sid]
            sec.samples[sid] = len(sec.points)
            sec.points.append((x, y, z, rad))
            kids = children[sid]
            if len(kids) == 1 and samples[kids[0]][0] == tag:
                sid = kids[0]
            else:
                break
        if len(sec.points) < 2:
            raise ModelError("%s: the branch at sample %d has a single point" % (path, first))
        index = len(sections)
        sections.append(sec)
        sections[parent_sec].children.append(index)
        for k in children[sid]:
            grow(k, index)

    for sid in children[root]:
        if samples[sid][0] == 1:
            continue
        grow(sid, 0)
    return sections


# ---------------------------------------------------------------------------------
# Cell template

def count_for(length, policy, where):
    kind = policy.get("policy")
    if kind == "fixed":
        return int(policy["per_branch"])
    if kind == "max_length":
        # busyring_neuron.py's rule (cajal's max_length): the smallest odd count that fits.
        ml = float(policy["max_length"])
        n = max(1, math.ceil(length / ml))
        if n % 2 == 0:
            n += 1
        while length / n > ml:
            n += 2
        return n
    raise ModelError("%s: discretization policy %r not supported here (fixed, max_length)" % (where, kind))


class Template:
    def __init__(self, name, spec, base_dir, celsius):
        where = "cells.%s" % name
        only_keys(spec, where, ("morphology", "discretization", "properties", "ions", "paint", "place", "detectors"))
        only_keys(spec.get("morphology"), where + ".morphology", ("file",))
        path = spec["morphology"]["file"]
        if not os.path.isabs(path):
            path = os.path.join(base_dir, path)
        if not path.lower().endswith(".swc"):
            raise ModelError("%s.morphology: only SWC files are supported here" % where)
        self.name = name
        secs = read_swc(path)
        disc = spec.get("discretization", {"policy": "fixed", "per_branch": 1})
        only_keys(disc, where + ".discretization", ("policy", "per_branch", "max_length"))
        counts = [count_for(s.length(), disc, where + ".discretization") for s in secs]
        if counts[0] != 1:
            raise ModelError("%s: the soma gets %d CVs; only a soma of one CV is supported here "
                             "(dendrites join it at its middle in NEURON)" % (where, counts[0]))
        self.segments = sum(counts)

        # Segments: the soma is the root; dendrites on the soma hang from its distal end.
        tree = arbor.segment_tree()
        last = {}
        for i, s in enumerate(secs):
            parent = arbor.mnpos if s.parent is None else last[s.parent]
            for a, b in zip(s.points, s.points[1:]):
                parent = tree.append(parent, arbor.mpoint(*a), arbor.mpoint(*b), tag=s.tag)
            last[i] = parent
        morph = arbor.morphology(tree)
        # Arbor numbers the branches itself; find each section's by its first segment.
        first = {}
        for b in range(morph.num_branches):
            seg = morph.branch_segments(b)[0]
            first[(seg.prox.x, seg.prox.y, seg.prox.z, seg.dist.x, seg.dist.y, seg.dist.z)] = b
        self.branch = []
        for s in secs:
            key = s.points[0][:3] + s.points[1][:3]
            if key not in first or len(morph.branch_segments(first[key])) != len(s.points) - 1:
                raise ModelError("%s: Arbor made other branches than NEURON's sections" % path)
            self.branch.append(first[key])
        self.sections = secs
        self.sample_section = {sid: i for i, s in enumerate(secs) for sid in s.samples}

        props = spec.get("properties", {})
        only_keys(props, where + ".properties", ("cm", "Ra", "v_init"))
        cm = float(props.get("cm", 1.0))
        ra = float(props.get("Ra", 35.4))
        self.v_init = float(props.get("v_init", -65.0))
        decor = arbor.decor()
        decor.set_property(Vm=self.v_init * U.mV, cm=cm * U.uF / U.cm2, rL=ra * U.Ohm * U.cm,
                           tempK=(celsius + 273.15) * U.Kelvin)
        decor.paint("(tag 1)", rL=ra * SOMA_RA_FACTOR * U.Ohm * U.cm)
        ions = spec.get("ions", {})
        only_keys(ions, where + ".ions", ("na", "k"))
        for ion, d in ions.items():
            only_keys(d, "%s.ions.%s" % (where, ion), ("reversal",))
            if not isinstance(d.get("reversal"), (int, float)):
                raise ModelError("%s.ions.%s.reversal: only a fixed number is supported" % (where, ion))
            decor.set_ion(ion, rev_pot=float(d["reversal"]) * U.mV, method=None)
        for i, p in enumerate(spec.get("paint", [])):
            w = "%s.paint[%d]" % (where, i)
            only_keys(p, w, ("region", "mechanism", "parameters"))
            mech = p.get("mechanism")
            if mech not in DENSITY:
                raise ModelError("%s: mechanism %r not supported (%s)" % (w, mech, ", ".join(DENSITY)))
            params = {k: float(v) for k, v in p.get("parameters", {}).items()}
            for k in params:
                if k not in DENSITY[mech]:
                    raise ModelError("%s: '%s' is not a parameter of %s" % (w, k, mech))
            name = mech
            if mech == "pas" and "e" in params:
                name = "pas/e=%r" % params.pop("e")   # a global in Arbor's pas
            tags = ["(tag %d)" % t for t in sorted(region_tags(p["region"], w))]
            region = tags[0] if len(tags) == 1 else "(join %s)" % " ".join(tags)
            decor.paint(region, arbor.density(name, params))

        self.labels = set()
        for i, p in enumerate(spec.get("place", [])):
            w = "%s.place[%d]" % (where, i)
            only_keys(p, w, ("label", "location", "mechanism", "parameters"))
            if p["mechanism"] != "ExpSyn":
                raise ModelError("%s: point process %r not supported (ExpSyn)" % (w, p["mechanism"]))
            params = {k: float(v) for k, v in p.get("parameters", {}).items()}
            for k in params:
                if k not in ("tau", "e"):
                    raise ModelError("%s: '%s' is not a parameter of ExpSyn" % (w, k))
            decor.place(self.locset(p["location"], w), arbor.synapse("expsyn", params), p["label"])
            self.labels.add(p["label"])
        self.detectors = {}
        for i, d in enumerate(spec.get("detectors", [])):
            w = "%s.detectors[%d]" % (where, i)
            only_keys(d, w, ("name", "location", "threshold"))
            threshold = float(d.get("threshold", -10.0))
            decor.place(self.locset(d["location"], w), arbor.threshold_detector(threshold * U.mV), d["name"])
            self.detectors[d["name"]] = threshold

        # CV boundaries at k/n on each branch: NEURON's segments.
        bounds = []
        for b, n in zip(self.branch, counts):
            bounds += ["(location %d %r)" % (b, k / n) for k in range(n + 1)]
        self.cv_policy = arbor.cv_policy_explicit("(sum %s)" % " ".join(bounds))
        self.cell = arbor.cable_cell(morph, decor, arbor.label_dict(), self.cv_policy)
        cvs = arbor.cv_data(self.cell)
        self.arbor_cvs = cvs.num_cv if cvs is not None else None

    def locset(self, loc, where):
        if loc == "soma":
            return "(location %d 0.5)" % self.branch[0]
        m = re.fullmatch(r"sample:(\d+)", loc) if isinstance(loc, str) else None
        if not m:
            raise ModelError("%s: location %r not supported (soma, sample:ID)" % (where, loc))
        sid = int(m.group(1))
        if sid not in self.sample_section:
            raise ModelError("%s: no SWC sample with id %d" % (where, sid))
        i = self.sample_section[sid]
        if i == 0:
            raise ModelError("%s: sample:%d is a soma sample; use the location 'soma'" % (where, sid))
        return "(location %d %r)" % (self.branch[i], self.sections[i].position(sid))


# ---------------------------------------------------------------------------------
# Network

class Network:
    def __init__(self, path):
        with open(path) as f:
            spec = json.load(f)
        base = os.path.dirname(os.path.abspath(path))
        only_keys(spec, "model", ("cells", "populations", "sources", "connections", "simulation"))
        self.sim = spec.get("simulation", {})
        only_keys(self.sim, "simulation", ("tstop", "dt", "method", "celsius", "backend", "spike_timing"))
        if self.sim.get("method", "backward_euler") != "backward_euler":
            raise ModelError("simulation.method: only backward_euler is supported")
        celsius = float(self.sim.get("celsius", 6.3))
        self.templates = {name: Template(name, c, base, celsius) for name, c in spec["cells"].items()}
        self.ranges = {}
        self.cells = []    # (template, detector label) by gid
        self.sources = []  # spike times by gid - ncells
        gid = 0
        for i, p in enumerate(spec.get("populations", [])):
            only_keys(p, "populations[%d]" % i, ("name", "cell", "count", "spike_detector"))
            if p["cell"] not in self.templates:
                raise ModelError("populations[%d]: no cell template %r" % (i, p["cell"]))
            t = self.templates[p["cell"]]
            det = p.get("spike_detector", next(iter(t.detectors), None))
            if det not in t.detectors:
                raise ModelError("population %s: cell %s has no detector %r" % (p["name"], t.name, det))
            self.ranges[p["name"]] = (gid, gid + int(p["count"]))
            self.cells += [(t, det)] * int(p["count"])
            gid += int(p["count"])
        self.ncells = gid
        for i, s in enumerate(spec.get("sources", [])):
            only_keys(s, "sources[%d]" % i, ("name", "count", "times"))
            times = sorted(float(v) for v in s["times"])
            self.ranges[s["name"]] = (gid, gid + int(s["count"]))
            self.sources += [times] * int(s["count"])
            gid += int(s["count"])
        self.ngids = gid
        # Incoming connections by target gid.
        self.incoming = [[] for _ in range(self.ncells)]
        self.nconnections = 0
        for src, tgt, syn, w, d in self.connections(spec.get("connections", [])):
            if tgt >= self.ncells:
                raise ModelError("connection into gid %d, which is a source, not a cell" % tgt)
            if syn not in self.cells[tgt][0].labels:
                raise ModelError("connection into gid %d: its cell has no synapse %r" % (tgt, syn))
            self.incoming[tgt].append((src, syn, w, d))
            self.nconnections += 1

    def source_label(self, gid):
        return self.cells[gid][1] if gid < self.ncells else "src"

    def gid_range(self, sel, where):
        """'pop', 'pop[i]', 'pop[a:b]' or an integer gid -> (begin, end)."""
        if isinstance(sel, int):
            if not 0 <= sel < self.ngids:
                raise ModelError("%s: gid %d out of range" % (where, sel))
            return sel, sel + 1
        m = re.fullmatch(r"([^\[\]]+)(?:\[(\d+)(?::(\d+))?\])?", str(sel))
        if not m or m.group(1) not in self.ranges:
            raise ModelError("%s: unknown selection %r" % (where, sel))
        b, e = self.ranges[m.group(1)]
        if m.group(2) is None:
            return b, e
        i = int(m.group(2))
        j = int(m.group(3)) if m.group(3) is not None else i + 1
        if not (0 <= i < j <= e - b):
            raise ModelError("%s: %r out of range (%s has %d members)" % (where, sel, m.group(1), e - b))
        return b + i, b + j

    def connections(self, rules):
        """(source gid, target gid, synapse, weight, delay) for every connection."""
        for i, rule in enumerate(rules):
            where = "connections[%d]" % i
            kind = rule.get("rule")
            if kind == "list":
                only_keys(rule, where, ("rule", "connections"))
                for j, c in enumerate(rule["connections"]):
                    w = "%s.connections[%d]" % (where, j)
                    only_keys(c, w, ("source", "target", "synapse", "weight", "delay"))
                    sb, se = self.gid_range(c["source"], w)
                    tb, te = self.gid_range(c["target"], w)
                    if se - sb != 1 or te - tb != 1:
                        raise ModelError("%s: source and target must be single gids" % w)
                    yield sb, tb, c["synapse"], float(c["weight"]), float(c["delay"])
            elif kind == "ring":
                only_keys(rule, where, ("rule", "sources", "targets", "ring_size", "synapse", "weight", "delay"))
                sb, se = self.gid_range(rule["sources"], where)
                tb, te = self.gid_range(rule["targets"], where)
                if se - sb != te - tb:
                    raise ModelError("%s: sources and targets differ in size" % where)
                n = se - sb
                k = int(rule.get("ring_size", n))
                if k < 1 or n % k:
                    raise ModelError("%s: ring_size %d does not divide the %d members" % (where, k, n))
                for i0 in range(0, n, k):
                    for m in range(k):
                        yield sb + i0 + (m - 1) % k, tb + i0 + m, rule["synapse"], float(rule["weight"]), float(rule["delay"])
            else:
                raise ModelError("%s: rule %r is not supported here (ring, list)" % (where, kind))


class Recipe(arbor.recipe):
    def __init__(self, net, coalesce):
        arbor.recipe.__init__(self)
        self.net = net
        # NEURON's defaults underneath; each cell's decor sets what the model gives.
        self.props = arbor.neuron_cable_properties()
        self.props.catalogue = arbor.default_catalogue()
        self.props.coalesce_synapses = coalesce

    def num_cells(self):
        return self.net.ngids

    def cell_kind(self, gid):
        return arbor.cell_kind.cable if gid < self.net.ncells else arbor.cell_kind.spike_source

    def cell_description(self, gid):
        if gid < self.net.ncells:
            return self.net.cells[gid][0].cell   # every cell of a template is the same object
        times = self.net.sources[gid - self.net.ncells]
        return arbor.spike_source_cell("src", arbor.explicit_schedule([t * U.ms for t in times]))

    def connections_on(self, gid):
        if gid >= self.net.ncells:
            return []
        return [arbor.connection((src, self.net.source_label(src)), syn, w, d * U.ms)
                for src, syn, w, d in self.net.incoming[gid]]

    def global_properties(self, kind):
        return self.props if kind == arbor.cell_kind.cable else None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("model", help="cajal network model file (JSON)")
    ap.add_argument("--spikes", default="spikes-arbor.txt", help="spike output: lines 'gid time'")
    ap.add_argument("--no-coalesce", action="store_true",
                    help="one instance per synapse: turn off Arbor's merging of identical synapses in a CV")
    ap.add_argument("--tstop", type=float, help="override simulation.tstop")
    args = ap.parse_args()

    try:
        net = Network(args.model)
        tstop = float(args.tstop if args.tstop is not None else net.sim.get("tstop", 100.0))
        dt = float(net.sim.get("dt", 0.025))
    except (ModelError, KeyError, ValueError, TypeError, OSError) as e:
        msg = str(e) if isinstance(e, ModelError) else "%s: %s" % (type(e).__name__, e)
        sys.exit("busyring_arbor: %s: %s" % (args.model, msg))

    recipe = Recipe(net, coalesce=not args.no_coalesce)
    context = arbor.context(threads=1)
    decomposition = arbor.partition_load_balance(recipe, context)
    sim = arbor.simulation(recipe, context, decomposition)
    sim.record(arbor.spike_recording.all)
    t_setup = time.perf_counter() - T_START

    t0 = time.perf_counter()
    sim.run(tstop * U.ms, dt * U.ms)
    t_run = time.perf_counter() - t0

    spikes = sorted((float(t), int(g)) for (g, _), t in sim.spikes())
    with open(args.spikes, "w") as f:
        for t, g in spikes:
            f.write("%d %.9f\n" % (g, t))
    cvs = sum(net.cells[g][0].segments for g in range(net.ncells))
    arbor_cvs = sum(net.cells[g][0].arbor_cvs or 0 for g in range(net.ncells))
    steps = int(round(tstop / dt))
    print("arbor: ranks=1 threads=1 cells=%d cvs=%d arbor_cvs=%d connections=%d steps=%d setup_s=%.3f "
          "run_s=%.3f cv_steps_per_s=%.4g spikes=%d cell_spikes=%d coalesce=%d version=%s"
          % (net.ncells, cvs, arbor_cvs, net.nconnections, steps, t_setup, t_run,
             cvs * steps / t_run if t_run > 0 else 0, len(spikes),
             sum(1 for _, g in spikes if g < net.ncells), 0 if args.no_coalesce else 1, arbor.__version__))


if __name__ == "__main__":
    main()
