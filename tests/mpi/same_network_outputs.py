#!/usr/bin/env python3
"""`mpirun -np N cajal run MODEL --threads T` for each rank count N and thread
count T given (a network, or a single cell, which one rank simulates while the
others idle): every run must write spikes.csv and traces.csv identical, byte
for byte, to the first run's. Values are written in the shortest form that
reads back to the same double, so equal files mean bit-identical spike times
and samples: events are merged in one order whatever the split, and an
instance's arithmetic does not depend on the cells beside it (the cable solver
steps each cell alike in any lane, and exp, log and pow give the same bits in
every SIMD lane)."""
import argparse
import os
import subprocess
import sys


def read(path):
    with open(path) as f:
        return f.read().splitlines()


def compare(first, other, label):
    problems = []
    for name in ("spikes.csv", "traces.csv"):
        a, b = first[name], other[name]
        if len(a) != len(b):
            problems.append(f"{label}: {name} has {len(b)} lines, the first run's {len(a)}")
            continue
        for k, (x, y) in enumerate(zip(a, b)):
            if x != y:
                problems.append(f"{label}: {name} line {k + 1} is\n  {y}\nwhere the first run has\n  {x}")
                break
    return problems


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--mpiexec", required=True)
    p.add_argument("--numproc-flag", default="-np")
    p.add_argument("--flags", default="", help="';'-separated mpiexec flags")
    p.add_argument("--cajal", required=True)
    p.add_argument("--model", required=True)
    p.add_argument("--work", required=True, help="folder for the outputs")
    p.add_argument("--ranks", default="1,2,3,4")
    p.add_argument("--threads", default="1,2", help="thread counts to run each rank count with")
    p.add_argument("--min-spikes", type=int, default=20)
    args = p.parse_args()
    flags = [f for f in args.flags.split(";") if f]
    first = None
    for n in [int(r) for r in args.ranks.split(",")]:
        for t in [int(x) for x in args.threads.split(",")]:
            label = f"{n} ranks x {t} threads"
            out = os.path.join(args.work, f"np{n}-t{t}")
            command = [args.mpiexec, args.numproc_flag, str(n), *flags, args.cajal, "run", args.model, "-o", out, "-q", "--threads", str(t)]
            run = subprocess.run(command, capture_output=True, text=True, timeout=240)
            if run.returncode != 0:
                sys.exit(f"{label}: exit status {run.returncode}\n{run.stdout}{run.stderr}")
            result = {name: read(os.path.join(out, name)) for name in ("spikes.csv", "traces.csv")}
            if first is None:
                first = result
                if len(result["spikes.csv"]) - 1 < args.min_spikes:
                    sys.exit(f"{label}: {len(result['spikes.csv']) - 1} spikes, expected at least {args.min_spikes}")
                print(f"{label}: {len(result['spikes.csv']) - 1} spikes, {len(result['traces.csv']) - 1} trace rows")
                continue
            problems = compare(first, result, label)
            if problems:
                sys.exit("\n".join(problems))
            print(f"{label}: the same spikes and traces, bit for bit")


if __name__ == "__main__":
    main()
