#!/usr/bin/env python3
"""`mpirun -np N cajal run MODEL` for each N given (a network, or a single
cell, which one rank simulates while the others idle): every run must write
the same spikes.csv and traces.csv as the first. Gids, populations, order and
sampling times must be identical; spike times may differ by 1e-9 ms and trace
values by 1e-7 (relative to their size, at least 1): a mechanism instance's SIMD
lane depends on which cells share its rank, and glibc's vector and scalar exp
differ in the last bit."""
import argparse
import csv
import os
import subprocess
import sys

SPIKE_TIME_TOLERANCE = 1e-9   # ms
TRACE_TOLERANCE = 1e-7        # relative, floor 1


def read_csv(path):
    with open(path, newline="") as f:
        return list(csv.reader(f))


def compare(first, other, n):
    problems = []
    spikes_a, spikes_b = first["spikes"], other["spikes"]
    if spikes_a[0] != spikes_b[0] or len(spikes_a) != len(spikes_b):
        return [f"{n} ranks: {len(spikes_b) - 1} spikes, the first run {len(spikes_a) - 1}"]
    for a, b in zip(spikes_a[1:], spikes_b[1:]):
        # gid, population, detector, time
        if a[:3] != b[:3] or abs(float(a[3]) - float(b[3])) > SPIKE_TIME_TOLERANCE:
            problems.append(f"{n} ranks: spike {b} where the first run has {a}")
    traces_a, traces_b = first["traces"], other["traces"]
    if traces_a[0] != traces_b[0] or len(traces_a) != len(traces_b):
        return problems + [f"{n} ranks: traces.csv has another header or length"]
    for a, b in zip(traces_a[1:], traces_b[1:]):
        if a[0] != b[0]:
            problems.append(f"{n} ranks: sample time {b[0]} where the first run has {a[0]}")
            continue
        for x, y in zip(a[1:], b[1:]):
            if (x == "") != (y == "") or (x and abs(float(x) - float(y)) > TRACE_TOLERANCE * max(1.0, abs(float(x)))):
                problems.append(f"{n} ranks at t = {a[0]}: {y} where the first run has {x}")
    return problems[:20]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--mpiexec", required=True)
    p.add_argument("--numproc-flag", default="-np")
    p.add_argument("--flags", default="", help="';'-separated mpiexec flags")
    p.add_argument("--cajal", required=True)
    p.add_argument("--model", required=True)
    p.add_argument("--work", required=True, help="folder for the outputs")
    p.add_argument("--ranks", default="1,2,3,4")
    p.add_argument("--min-spikes", type=int, default=20)
    args = p.parse_args()
    flags = [f for f in args.flags.split(";") if f]
    first = None
    for n in [int(r) for r in args.ranks.split(",")]:
        out = os.path.join(args.work, f"np{n}")
        command = [args.mpiexec, args.numproc_flag, str(n), *flags, args.cajal, "run", args.model, "-o", out, "-q"]
        run = subprocess.run(command, capture_output=True, text=True, timeout=240)
        if run.returncode != 0:
            sys.exit(f"{n} ranks: exit status {run.returncode}\n{run.stdout}{run.stderr}")
        result = {"spikes": read_csv(os.path.join(out, "spikes.csv")), "traces": read_csv(os.path.join(out, "traces.csv"))}
        if first is None:
            first = result
            if len(result["spikes"]) - 1 < args.min_spikes:
                sys.exit(f"{n} ranks: {len(result['spikes']) - 1} spikes, expected at least {args.min_spikes}")
            print(f"{n} ranks: {len(result['spikes']) - 1} spikes, {len(result['traces']) - 1} trace rows")
            continue
        problems = compare(first, result, n)
        if problems:
            sys.exit("\n".join(problems))
        print(f"{n} ranks: the same spikes and traces")


if __name__ == "__main__":
    main()
