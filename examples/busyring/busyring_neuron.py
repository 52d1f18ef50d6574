#!/usr/bin/env python3
"""Runs a cajal network model file (such as busyring.json) in NEURON, for comparison.

    python3 busyring_neuron.py busyring.json --spikes spikes.txt
    mpirun -np 2 python3 busyring_neuron.py busyring.json --spikes spikes.txt

It reads the same JSON file that `cajal run` reads, so both simulators run the same
network: the cell template's SWC through NEURON's Import3d, its discretization, cable
properties, mechanisms, point processes and detector; populations, spike sources and
connections through ParallelContext (gids round robin over the ranks). Only what the
busyring models use is understood (see README.md); anything else is an error that
names it. hh runs with exact rates (usetable_hh = 0), as cajal computes them, unless
--tables is given. --coreneuron runs the same model in CoreNEURON on the CPU (NEURON 9's
wheels have it, with hh, pas, ExpSyn and NetStim built in; Debian's 8.2.2 does not).

Writes the spikes of every gid, cells and sources, as lines "gid time" sorted by time
then gid (rank 0 writes them once), and prints one timing line:

    neuron: ranks=1 cells=256 cvs=12032 steps=8000 setup_s=... run_s=... cv_steps_per_s=... spikes=...

Use /usr/bin/python3 where another python3 comes first on PATH (NEURON's Debian
package installs the module for the system Python).
"""

import argparse
import json
import math
import os
import re
import sys
import time

os.environ.setdefault("NEURON_MODULE_OPTIONS", "-nogui")

T_START = time.perf_counter()

from neuron import h  # noqa: E402

h.nrnmpi_init()
PC = h.ParallelContext()
RANK = int(PC.id())
NHOST = int(PC.nhost())


class ModelError(Exception):
    pass


def fail(message):
    """Every rank reads the same file and fails alike; rank 0 says why."""
    if RANK == 0:
        sys.stderr.write("busyring_neuron: %s\n" % message)
        sys.stderr.flush()
    PC.barrier()
    os._exit(1)  # h.quit() would exit with status 0


def only_keys(obj, where, allowed):
    if not isinstance(obj, dict):
        raise ModelError("%s must be an object" % where)
    unknown = sorted(set(obj) - set(allowed))
    if unknown:
        raise ModelError("%s: %s not supported by this script (it knows %s)"
                         % (where, ", ".join(unknown), ", ".join(sorted(allowed))))


# ---------------------------------------------------------------------------------
# Cell templates

SWC_TYPE_NAMES = {1: "soma", 2: "axon", 3: "dend", 4: "apic"}
REGIONS = {"soma": 1, "axon": 2, "dend": 3, "apic": 4}
DENSITY = {"hh": ("gnabar", "gkbar", "gl", "el"), "pas": ("g", "e")}
POINT = {"ExpSyn": ("tau", "e"), "Exp2Syn": ("tau1", "tau2", "e"), "IClamp": ("del", "dur", "amp")}


def region_types(region, where):
    types = set()
    for part in region.split("|"):
        part = part.strip()
        if part == "all":
            types |= set(SWC_TYPE_NAMES)
        elif part in REGIONS:
            types.add(REGIONS[part])
        elif part.startswith("type:") and part[5:].isdigit() and int(part[5:]) in SWC_TYPE_NAMES:
            types.add(int(part[5:]))
        else:
            raise ModelError("%s: region '%s' not supported (all, soma, axon, dend, apic, type:1-4)" % (where, part))
    return types


class Morphology:
    """An SWC file read once by Import3d; instantiated for each cell, with the map from
    sample id to (section type, index within type, index of the 3-d point)."""

    def __init__(self, path):
        if not os.path.isfile(path):
            raise ModelError("morphology file %s not found" % path)
        h.load_file("stdlib.hoc")
        h.load_file("import3d.hoc")
        self.reader = h.Import3d_SWC_read()
        self.reader.quiet = 1
        self.reader.input(path)
        self.gui = h.Import3d_GUI(self.reader, 0)
        self.path = path
        self._samples = None

    def instantiate(self, owner):
        self.gui.instantiate(owner)
        if self._samples is None:
            self._samples = self._sample_map(owner)

    def _sample_map(self, owner):
        """sample id -> (section, x) on the first instantiated cell, as indices."""
        r = self.reader
        out = {}
        ids = [int(v) for v in r.id]
        for pt, sid in enumerate(ids):
            isec = int(r.point2sec.x[pt])
            sec3d = r.sections.object(isec)
            if sec3d.is_subsidiary:
                continue
            tname = SWC_TYPE_NAMES.get(int(sec3d.type))
            if tname is None:
                continue
            secs = getattr(owner, tname)
            sec = secs[int(sec3d.nameindex)]
            out[sid] = (tname, int(sec3d.nameindex), self._x_of(sec, r, pt, int(sec3d.type)))
        return out

    @staticmethod
    def _x_of(sec, r, pt, kind):
        """Relative arc position of SWC point pt among the section's 3-d points (matched
        from the end: a branch's first 3-d point is its parent's sample)."""
        px, py, pz = r.x.x[pt], r.y.x[pt], r.z.x[pt]
        n = int(sec.n3d())
        for i in range(n - 1, -1, -1):
            if (abs(sec.x3d(i) - px) < 1e-4 and abs(sec.y3d(i) - py) < 1e-4 and abs(sec.z3d(i) - pz) < 1e-4):
                return sec.arc3d(i) / sec.L
        if kind == 1:
            return None  # Import3d re-lays a soma; only its centre is supported ("soma")
        raise ModelError("%s: SWC sample at point %d not found on section %s" % (r.file, pt, sec.name()))

    def sample_location(self, sid):
        if sid not in self._samples:
            raise ModelError("no SWC sample with id %d in %s" % (sid, self.path))
        tname, index, x = self._samples[sid]
        if x is None:
            raise ModelError("sample:%d is a soma sample; use the location 'soma'" % sid)
        return tname, index, x


def nseg_for(sec, policy):
    kind = policy.get("policy")
    if kind == "fixed":
        return int(policy["per_branch"])
    if kind == "max_length":
        ml = float(policy["max_length"])
        n = max(1, math.ceil(sec.L / ml))
        if n % 2 == 0:
            n += 1
        while sec.L / n > ml:
            n += 2
        return n
    if kind == "d_lambda":
        lam = h.lambda_f(float(policy.get("frequency", 100)), sec=sec)
        return int((sec.L / (float(policy.get("d_lambda", 0.1)) * lam) + 0.9) / 2) * 2 + 1
    raise ModelError("discretization policy %r not supported" % kind)


class Template:
    def __init__(self, name, spec, base_dir):
        where = "cells.%s" % name
        only_keys(spec, where, ("morphology", "discretization", "properties", "ions", "paint", "place", "detectors"))
        morph = spec.get("morphology")
        only_keys(morph, where + ".morphology", ("file",))
        path = morph["file"]
        if not os.path.isabs(path):
            path = os.path.join(base_dir, path)
        self.name = name
        self.morph = Morphology(path)
        self.disc = spec.get("discretization", {"policy": "fixed", "per_branch": 1})
        only_keys(self.disc, where + ".discretization", ("policy", "per_branch", "max_length", "frequency", "d_lambda"))
        props = spec.get("properties", {})
        only_keys(props, where + ".properties", ("cm", "Ra", "v_init"))
        self.cm = float(props.get("cm", 1.0))
        self.Ra = float(props.get("Ra", 35.4))
        self.v_init = float(props.get("v_init", -65.0))
        self.ions = spec.get("ions", {})
        only_keys(self.ions, where + ".ions", ("na", "k"))
        for ion, d in self.ions.items():
            only_keys(d, "%s.ions.%s" % (where, ion), ("reversal",))
            if not isinstance(d.get("reversal"), (int, float)):
                raise ModelError("%s.ions.%s.reversal: only a fixed number is supported" % (where, ion))
        self.paint = []
        for i, p in enumerate(spec.get("paint", [])):
            w = "%s.paint[%d]" % (where, i)
            only_keys(p, w, ("region", "mechanism", "parameters", "cm", "Ra"))
            mech = p.get("mechanism")
            if mech is not None and mech not in DENSITY:
                raise ModelError("%s: mechanism '%s' not supported (%s)" % (w, mech, ", ".join(DENSITY)))
            params = p.get("parameters", {})
            for k in params:
                if k not in DENSITY.get(mech, ()):
                    raise ModelError("%s: '%s' is not a parameter of %s" % (w, k, mech))
            self.paint.append((region_types(p["region"], w), mech, params, p.get("cm"), p.get("Ra")))
        self.place = []
        for i, p in enumerate(spec.get("place", [])):
            w = "%s.place[%d]" % (where, i)
            only_keys(p, w, ("label", "location", "mechanism", "parameters"))
            if p["mechanism"] not in POINT:
                raise ModelError("%s: point process '%s' not supported (%s)" % (w, p["mechanism"], ", ".join(POINT)))
            for k in p.get("parameters", {}):
                if k not in POINT[p["mechanism"]]:
                    raise ModelError("%s: '%s' is not a parameter of %s" % (w, k, p["mechanism"]))
            self.place.append((p["label"], p["location"], p["mechanism"], p.get("parameters", {})))
        self.labels = {p[0] for p in self.place}
        self.detectors = {}
        for i, d in enumerate(spec.get("detectors", [])):
            only_keys(d, "%s.detectors[%d]" % (where, i), ("name", "location", "threshold"))
            self.detectors[d["name"]] = (d["location"], float(d.get("threshold", -10.0)))
        self.first_detector = spec.get("detectors", [{}])[0].get("name") if spec.get("detectors") else None


class Cell:
    """One instance of a template: sections from Import3d, then nseg, cable properties,
    mechanisms, point processes."""

    def __init__(self, template):
        t = template
        t.morph.instantiate(self)
        self.sections = list(self.all)
        for sec in self.sections:
            sec.nseg = nseg_for(sec, t.disc)
            sec.cm = t.cm
            sec.Ra = t.Ra
        for types, mech, params, cm, Ra in t.paint:
            for sec in self._of_types(types):
                if mech is not None:
                    sec.insert(mech)
                    for k, v in params.items():
                        setattr(sec, "%s_%s" % (k, mech), float(v))
                if cm is not None:
                    sec.cm = float(cm)
                if Ra is not None:
                    sec.Ra = float(Ra)
        for sec in self.sections:
            for ion, d in t.ions.items():
                if h.ismembrane("%s_ion" % ion, sec=sec):
                    setattr(sec, "e%s" % ion, float(d["reversal"]))
        self.synapses = {}
        for label, loc, mech, params in t.place:
            sec, x = self.location(t, loc)
            pp = getattr(h, mech)(sec(x))
            for k, v in params.items():
                setattr(pp, k, float(v))
            self.synapses[label] = pp

    def _of_types(self, types):
        for kind in sorted(types):
            for sec in getattr(self, SWC_TYPE_NAMES[kind], []):
                yield sec

    def location(self, t, loc):
        if loc == "soma":
            somas = getattr(self, "soma", None)
            if not somas:
                raise ModelError("template %s: location 'soma' but the morphology has no soma" % t.name)
            return somas[0], 0.5
        m = re.fullmatch(r"sample:(\d+)", loc) if isinstance(loc, str) else None
        if not m:
            raise ModelError("template %s: location %r not supported (soma, sample:ID)" % (t.name, loc))
        tname, index, x = t.morph.sample_location(int(m.group(1)))
        return getattr(self, tname)[index], x

    def ncvs(self):
        return sum(sec.nseg for sec in self.sections)


# ---------------------------------------------------------------------------------
# Network

class Network:
    def __init__(self, path):
        with open(path) as f:
            spec = json.load(f)
        base = os.path.dirname(os.path.abspath(path))
        only_keys(spec, "model", ("cells", "populations", "sources", "connections", "probes", "simulation", "nmodl"))
        if spec.get("nmodl"):
            raise ModelError("nmodl folders are not supported by this script")
        if spec.get("probes"):
            raise ModelError("probes are not supported by this script")
        self.templates = {name: Template(name, c, base) for name, c in spec["cells"].items()}
        self.sim = spec.get("simulation", {})
        only_keys(self.sim, "simulation", ("tstop", "dt", "method", "celsius", "backend", "epoch", "spike_timing"))
        if self.sim.get("method", "backward_euler") != "backward_euler":
            raise ModelError("simulation.method: only backward_euler is supported")
        if self.sim.get("spike_timing", "step_end") != "step_end" and RANK == 0:
            sys.stderr.write("busyring_neuron: note: NEURON stamps spikes at the end of their step; the model "
                             "asks cajal for %r timing, so spike times will differ by up to dt\n"
                             % self.sim["spike_timing"])
        # Gids: cell populations in order, then sources.
        self.ranges = {}
        self.cell_gids = []    # (gid, template, detector)
        self.source_gids = []  # (gid, spec)
        gid = 0
        for i, p in enumerate(spec.get("populations", [])):
            only_keys(p, "populations[%d]" % i, ("name", "cell", "count", "spike_detector"))
            t = self.templates[p["cell"]]
            det = p.get("spike_detector", t.first_detector)
            if det not in t.detectors:
                raise ModelError("population %s: cell %s has no detector %r" % (p["name"], t.name, det))
            self.ranges[p["name"]] = (gid, gid + int(p["count"]))
            for _ in range(int(p["count"])):
                self.cell_gids.append((gid, t, det))
                gid += 1
        self.ncells = gid
        for i, s in enumerate(spec.get("sources", [])):
            only_keys(s, "sources[%d]" % i, ("name", "count", "times", "regular", "poisson"))
            if "poisson" in s:
                raise ModelError("sources[%d]: poisson sources are not reproducible in NEURON; "
                                 "use explicit times" % i)
            if ("times" in s) == ("regular" in s):
                raise ModelError("sources[%d]: give exactly one of times, regular" % i)
            self.ranges[s["name"]] = (gid, gid + int(s["count"]))
            for _ in range(int(s["count"])):
                self.source_gids.append((gid, s))
                gid += 1
        self.ngids = gid
        self.connections = spec.get("connections", [])

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

    def incoming(self):
        """(source gid, target gid, synapse, weight, delay) for every connection."""
        for i, rule in enumerate(self.connections):
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
                        src = i0 + (m - 1) % k
                        yield sb + src, tb + i0 + m, rule["synapse"], float(rule["weight"]), float(rule["delay"])
            else:
                raise ModelError("%s: rule %r is not supported here (cajal draws fixed_indegree and "
                                 "probability from its own generator; give them as list rules)" % (where, kind))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("model", help="cajal network model file (JSON)")
    ap.add_argument("--spikes", default="spikes-neuron.txt", help="spike output: lines 'gid time'")
    ap.add_argument("--tables", action="store_true", help="keep NEURON's hh rate tables (usetable_hh = 1)")
    ap.add_argument("--tstop", type=float, help="override simulation.tstop")
    ap.add_argument("--coreneuron", action="store_true",
                    help="solve in CoreNEURON on the CPU (pc.psolve hands the model over in memory)")
    args = ap.parse_args()
    if args.coreneuron:
        try:
            from neuron import coreneuron
        except ImportError:
            fail("--coreneuron: this NEURON (%s) has no CoreNEURON module" % h.nrnversion())

    try:
        net = Network(args.model)
        tstop = float(args.tstop if args.tstop is not None else net.sim.get("tstop", 100.0))
        dt = float(net.sim.get("dt", 0.025))
        vinits = {t.v_init for t in net.templates.values()}
        if len(vinits) > 1:
            raise ModelError("templates with different v_init need per-cell initialization")
        h.celsius = float(net.sim.get("celsius", 6.3))
        v_init = vinits.pop() if vinits else -65.0
        h.usetable_hh = 1 if args.tables else 0
        h.dt = dt
        h.secondorder = 0
        h.CVode().cache_efficient(1)

        # Cells and sources, round robin.
        cells = {}
        keep = []
        drivers = []
        for gid, t, det in net.cell_gids:
            if gid % NHOST != RANK:
                continue
            c = Cell(t)
            cells[gid] = c
            sec, x = c.location(t, t.detectors[det][0])
            PC.set_gid2node(gid, RANK)
            nc = h.NetCon(sec(x)._ref_v, None, sec=sec)
            nc.threshold = t.detectors[det][1]
            PC.cell(gid, nc)
        for gid, s in net.source_gids:
            if gid % NHOST != RANK:
                continue
            stim = h.NetStim()
            if "times" in s:
                # NEURON's Debian build has no VecStim: a NetStim that is off (start < 0)
                # fires once, at exactly the event's time, for each event sent to it
                # after finitialize (below).
                times = sorted(float(v) for v in s["times"])
                if any(a == b for a, b in zip(times, times[1:])):
                    raise ModelError("sources %s: equal times are not supported here" % s["name"])
                stim.start, stim.interval, stim.number, stim.noise = -1, 1e9, 1, 0
                drive = h.NetCon(None, stim)
                drive.weight[0] = 1
                drivers.append((drive, times))
            else:
                r = s["regular"]
                only_keys(r, "sources.regular", ("start", "interval", "number"))
                stim.start, stim.interval, stim.number, stim.noise = r["start"], r["interval"], r["number"], 0
            keep.append(stim)
            PC.set_gid2node(gid, RANK)
            PC.cell(gid, h.NetCon(stim, None))

        netcons = []
        for src, tgt, syn, w, d in net.incoming():
            if tgt not in cells:
                if tgt >= net.ncells:
                    raise ModelError("connection into gid %d, which is a source, not a cell" % tgt)
                continue
            c = cells[tgt]
            if syn not in c.synapses:
                raise ModelError("connection into gid %d: its cell has no synapse %r" % (tgt, syn))
            nc = PC.gid_connect(src, c.synapses[syn])
            nc.weight[0] = w
            nc.delay = d
            netcons.append(nc)
    except (ModelError, KeyError, ValueError, TypeError) as e:
        msg = str(e) if isinstance(e, ModelError) else "%s: %s" % (type(e).__name__, e)
        fail("%s: %s" % (args.model, msg))

    tvec, idvec = h.Vector(), h.Vector()
    PC.spike_record(-1, tvec, idvec)
    local_cvs = sum(c.ncvs() for c in cells.values())
    cvs = int(PC.allreduce(local_cvs, 1))
    nconn = int(PC.allreduce(len(netcons), 1))

    if args.coreneuron:
        # The wheel's built-in CoreNEURON mechanisms (hh, pas, ExpSyn, NetStim...) serve
        # without nrnivmodl; the model, the events queued below and usetable_hh go over
        # in memory at psolve, and the spikes come back to spike_record.
        coreneuron.enable = True
        coreneuron.verbose = 0
    PC.set_maxstep(10)
    h.finitialize(v_init)
    for drive, times in drivers:
        for t in times:
            drive.event(t)
    PC.barrier()
    t_setup = time.perf_counter() - T_START

    t0 = time.perf_counter()
    PC.psolve(tstop)
    PC.barrier()
    t_run = time.perf_counter() - t0

    local = list(zip((int(g) for g in idvec), tvec))
    gathered = PC.py_gather(local, 0)
    steps = int(round(tstop / dt))
    if RANK == 0:
        spikes = sorted((t, g) for part in gathered for g, t in part)
        with open(args.spikes, "w") as f:
            for t, g in spikes:
                f.write("%d %.9f\n" % (g, t))
        ncell_spikes = sum(1 for t, g in spikes if g < net.ncells)
        print("neuron: ranks=%d cells=%d cvs=%d connections=%d steps=%d setup_s=%.3f run_s=%.3f "
              "cv_steps_per_s=%.4g spikes=%d cell_spikes=%d tables=%d coreneuron=%d"
              % (NHOST, net.ncells, cvs, nconn, steps, t_setup, t_run, cvs * steps / t_run if t_run > 0 else 0,
                 len(spikes), ncell_spikes, 1 if args.tables else 0, 1 if args.coreneuron else 0))
        sys.stdout.flush()
    PC.barrier()
    PC.done()
    h.quit()


if __name__ == "__main__":
    main()
