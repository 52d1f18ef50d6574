#!/usr/bin/env python3
"""Summarises a benchmarks/peers/run output folder: timings and spike agreement.

    python3 benchmarks/peers/report.py OUT MODEL [MODEL...]

For each model file and simulator: medians over the rounds of wall time, process CPU
time (user + sys) and peak RSS from /usr/bin/time; of the simulator's own run time and
set-up time (cajal's summary.json; the peers' timing lines); and each simulator's CPU
and run time over cajal's. Then the cell spikes of each simulator's first round
against cajal's first round:

- NEURON 8, NEURON 9 and CoreNEURON stamp a spike at the end of the step in which v
  crosses the threshold and deliver an event at the step boundary at its time, as cajal
  does with "spike_timing": "step_end". Their spikes must be cajal's: the same count on
  every cell and every time within TOL ms.
- Arbor stamps a spike at the crossing time interpolated within the step and delivers
  events at the start of the step they fall in. Each hop round a ring therefore differs
  from cajal's by up to about a step (on busyring it is a step shorter on average),
  and the differences add up along the ring. The spikes are compared per cell (the same count on every cell; the largest
  difference of paired spike times, which is the drift after the most hops) and hop by
  hop: in each ring of a `ring` connection rule the spikes of its cells, in time order,
  must come from the same cells in both; a hop's difference is the change of the time
  difference from the ring's previous spike to this one (the first hop is measured from
  the kick, whose time both simulators share). The largest |hop difference| should be
  about dt. A ring that runs faster may fit one more hop before tstop: the hops are
  compared over the spikes both have, and the rest are counted.

Also checks that every round of a simulator gave the spikes of its first round.
Exit status 0 when every run succeeded, each simulator's rounds gave the same spikes,
and NEURON's and CoreNEURON's spikes are cajal's; Arbor's comparison is reported, not
judged.
"""

import csv
import json
import os
import re
import statistics
import sys

SIMS = [("cajal", "cajal"), ("neuron8", "NEURON"), ("neuron9", "NEURON"),
        ("coreneuron9", "CoreNEURON"), ("arbor", "Arbor"), ("arbor_nomerge", "Arbor")]
EXACT = ("neuron8", "neuron9", "coreneuron9")


def read_time(path):
    """wall, CPU (user + sys), peak RSS in MB from /usr/bin/time -f '%e %U %S %M'."""
    try:
        lines = open(path).read().split("\n")
    except OSError:
        return None
    for line in reversed(lines):
        parts = line.split()
        if len(parts) == 4:
            try:
                e, u, s, m = (float(p) for p in parts)
            except ValueError:
                continue
            return e, u + s, m / 1024.0
    return None


def timing_line(log, prefix):
    try:
        for line in open(log):
            if line.startswith(prefix + ":"):
                return dict(kv.split("=", 1) for kv in line.split()[1:] if "=" in kv)
    except OSError:
        pass
    return None


def cajal_times(folder):
    """(run s, set-up s) from cajal's summary.json: stepping with its spike exchange, as
    NEURON's psolve; reading the model, building the cells and initializing them."""
    try:
        with open(os.path.join(folder, "summary.json")) as f:
            wt = json.load(f).get("wall_time_s", {})
    except (OSError, ValueError):
        return None, None
    run = (wt.get("integrate") or 0) + (wt.get("exchange") or 0)
    setup = sum(wt.get(k) or 0 for k in ("read", "build", "initialize"))
    return run, setup


def cell_spikes(out, tag, sim, ncells):
    if sim == "cajal":
        path = os.path.join(out, tag, "spikes.csv")
        if not os.path.exists(path):
            return None
        with open(path) as f:
            rows = list(csv.reader(f))[1:]   # gid, population, detector, time
        pairs = [(int(r[0]), float(r[3])) for r in rows if r]
    else:
        path = os.path.join(out, tag + ".txt")
        if not os.path.exists(path):
            return None
        pairs = [(int(g), float(t)) for g, t in (line.split() for line in open(path) if line.strip())]
    return sorted((g, t) for g, t in pairs if g < ncells)


def by_gid(spikes):
    d = {}
    for g, t in spikes:
        d.setdefault(g, []).append(t)
    return {g: sorted(ts) for g, ts in d.items()}


def compare_cells(a, b):
    """(gids whose counts differ, paired spikes, largest |dt|, at (gid, time in a))."""
    ga, gb = by_gid(a), by_gid(b)
    bad, paired, worst, where = [], 0, 0.0, None
    for g in sorted(set(ga) | set(gb)):
        ta, tb = ga.get(g, []), gb.get(g, [])
        if len(ta) != len(tb):
            bad.append(g)
        for x, y in zip(ta, tb):
            paired += 1
            if abs(x - y) > worst:
                worst, where = abs(x - y), (g, x)
    return bad, paired, worst, where


class Model:
    def __init__(self, path):
        with open(path) as f:
            spec = json.load(f)
        self.name = os.path.splitext(os.path.basename(path))[0]
        sim = spec.get("simulation", {})
        self.steps = round(float(sim.get("tstop", 100)) / float(sim.get("dt", 0.025)))
        self.dt = float(sim.get("dt", 0.025))
        self.ranges, gid = {}, 0
        for p in spec.get("populations", []):
            self.ranges[p["name"]] = (gid, gid + int(p["count"]))
            gid += int(p["count"])
        self.ncells = gid
        self.rings = []   # lists of the gids of each ring
        for rule in spec.get("connections", []):
            if rule.get("rule") == "ring":
                b, e = self.select(rule["targets"])
                k = int(rule.get("ring_size", e - b))
                self.rings += [list(range(i, i + k)) for i in range(b, e, k)]

    def select(self, sel):
        if isinstance(sel, int):
            return sel, sel + 1
        m = re.fullmatch(r"([^\[\]]+)(?:\[(\d+)(?::(\d+))?\])?", str(sel))
        b, e = self.ranges[m.group(1)]
        if m.group(2) is None:
            return b, e
        i = int(m.group(2))
        return b + i, b + (int(m.group(3)) if m.group(3) is not None else i + 1)


def compare_hops(model, ref, other):
    """Hop by hop along each ring, over the spikes that both have (one may fit a hop more
    before tstop): (hops, largest |hop difference|, mean hop difference, rings whose
    spikes came from other cells, spikes beyond the common ones in ref and in other,
    the earliest of those)."""
    rr, ro = by_gid(ref), by_gid(other)
    hops, worst, total, bad, extra_ref, extra_other, first_extra = 0, 0.0, 0.0, 0, 0, 0, None
    for ring in model.rings:
        a = sorted((t, g) for g in ring for t in rr.get(g, []))
        b = sorted((t, g) for g in ring for t in ro.get(g, []))
        n = min(len(a), len(b))
        if [g for _, g in a[:n]] != [g for _, g in b[:n]]:
            bad += 1
            continue
        extra_ref += len(a) - n
        extra_other += len(b) - n
        for t, _ in a[n:] + b[n:]:
            first_extra = t if first_extra is None else min(first_extra, t)
        previous = 0.0   # the kick: the same time in both
        for (ta, _), (tb, _) in zip(a[:n], b[:n]):
            d = (tb - ta) - previous
            previous = tb - ta
            hops += 1
            total += d
            worst = max(worst, abs(d))
    return hops, worst, (total / hops if hops else 0.0), bad, extra_ref, extra_other, first_extra


def label_of(sim, versions):
    """cajal; NEURON 8.2.2; CoreNEURON 9.0.2; Arbor 0.12.2 unmerged (--no-coalesce)."""
    if sim == "cajal":
        return sim
    name = dict(SIMS)[sim]
    version = versions.get(sim.split("_")[0], "")
    return "%s %s%s" % (name, version, " unmerged" if sim.endswith("_nomerge") else "")


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def fmt(v, spec):
    return format(v, spec) if isinstance(v, (int, float)) else "-"


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: report.py OUT MODEL [MODEL...]")
    out, paths = sys.argv[1], sys.argv[2:]
    tol = float(os.environ.get("TOL", "0.001"))
    ok = True
    versions = {}
    try:
        versions = json.load(open(os.path.join(out, "versions.json")))
    except (OSError, ValueError):
        pass
    for path in paths:
        model = Model(path)
        rounds = sorted({int(m.group(1)) for f in os.listdir(out)
                         for m in [re.fullmatch(re.escape(model.name) + r"-\w+-r(\d+)\.time", f)] if m})
        print()
        print("%s: %d cells, %d steps, %d round(s); medians" % (model.name, model.ncells, model.steps, len(rounds)))
        print("%-22s %8s %8s %8s %9s %8s %10s %10s %11s" % ("simulator", "wall s", "CPU s", "run s", "set-up s",
                                                          "RSS MB", "CPU/cajal", "run/cajal", "cell spikes"))
        rows, first = {}, {}
        for sim, _ in SIMS:
            label = label_of(sim, versions)
            runs = []
            for r in rounds:
                tag = "%s-%s-r%d" % (model.name, sim, r)
                rc_path = os.path.join(out, tag + ".rc")
                if not os.path.exists(rc_path):
                    continue
                rc = int(open(rc_path).read().strip() or 1)
                t = read_time(os.path.join(out, tag + ".time"))
                if sim == "cajal":
                    run, setup = cajal_times(os.path.join(out, tag))
                else:
                    line = timing_line(os.path.join(out, tag + ".log"), "arbor" if sim.startswith("arbor") else "neuron")
                    run, setup = (float(line["run_s"]), float(line["setup_s"])) if line else (None, None)
                if rc != 0 or t is None or run is None:
                    ok = False
                    print("%-22s round %d failed (status %d), see %s" % (label, r, rc, os.path.join(out, tag + ".log")))
                    continue
                runs.append((t[0], t[1], run, setup, t[2], tag))
            if not runs:
                continue
            rows[sim] = [median(col) for col in list(zip(*runs))[:5]]
            spikes = [cell_spikes(out, tag, sim, model.ncells) for *_, tag in runs]
            first[sim] = spikes[0]
            if any(s != spikes[0] for s in spikes[1:]):
                ok = False
                print("%-22s rounds gave different spikes" % label)
        base = rows.get("cajal")
        for sim, _ in SIMS:
            if sim not in rows:
                continue
            wall, cpu, run, setup, rss = rows[sim]
            name = label_of(sim, versions)
            print("%-22s %8s %8s %8s %9s %8s %10s %10s %11s" % (
                name, fmt(wall, ".2f"), fmt(cpu, ".2f"), fmt(run, ".3f"), fmt(setup, ".3f"), fmt(rss, ".0f"),
                fmt(cpu / base[1], ".2f") if base else "-", fmt(run / base[2], ".2f") if base else "-",
                len(first[sim]) if first[sim] is not None else "-"))
        ref = first.get("cajal")
        if ref is None:
            continue
        for sim, _ in SIMS[1:]:
            s = first.get(sim)
            if s is None:
                continue
            label = label_of(sim, versions)
            bad, paired, worst, where = compare_cells(ref, s)
            counts = "same count on every cell" if not bad else "counts differ on %d cells (first gid %d)" % (len(bad), bad[0])
            if sim in EXACT:
                agree = not bad and worst <= tol
                ok = ok and agree
                print("spikes, %s vs cajal: %d vs %d, %s, max |dt| %.3g ms over %d pairs -> %s"
                      % (label, len(s), len(ref), counts, worst, paired, "agree" if agree else "DIFFER"))
            else:
                hops, hop_worst, hop_mean, bad_rings, extra_ref, extra, first_extra = compare_hops(model, ref, s)
                print("spikes, %s vs cajal: %d vs %d, %s; largest drift %.3f ms (gid %s at %s ms) over %d pairs; "
                      "per hop (%d hops in %d rings): max |difference| %.4f ms = %.2f dt, mean %+.4f ms%s%s"
                      % (label, len(s), len(ref), counts, worst, where[0] if where else "-",
                         fmt(where[1], ".3f") if where else "-", paired, hops, len(model.rings) - bad_rings,
                         hop_worst, hop_worst / model.dt, hop_mean,
                         "" if not bad_rings else "; %d rings fired in another order" % bad_rings,
                         "" if not (extra or extra_ref) else
                         "; after the common hops %s has %d more spikes and cajal %d more (from %.3f ms on)"
                         % (label.split()[0], extra, extra_ref, first_extra)))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
