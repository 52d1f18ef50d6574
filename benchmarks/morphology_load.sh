#!/usr/bin/env bash
# Time to load a reconstruction and discretize it under d_lambda: cajal morph
# against NEURON's Import3d (+ lambda rule) on the same file, whole commands
# timed by hyperfine. Usage: benchmarks/morphology_load.sh [FILE.swc ...]
set -euo pipefail
cd "$(dirname "$0")/.."
files=("$@")
[ ${#files[@]} -gt 0 ] || files=(../shared/data/swc/*.swc)
command -v hyperfine >/dev/null || { echo "hyperfine is needed: apt-get install hyperfine" >&2; exit 1; }
for f in "${files[@]}"; do
  hyperfine --warmup 2 --runs 10 --style basic \
    -n cajal "build/cajal morph --json $f" \
    -n neuron "NEURON_MODULE_OPTIONS=-nogui /usr/bin/python3 benchmarks/neuron_load_swc.py $f" \
    -n neuron-startup "NEURON_MODULE_OPTIONS=-nogui /usr/bin/python3 benchmarks/neuron_load_swc.py --startup-only $f"
done
