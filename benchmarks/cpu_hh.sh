#!/usr/bin/env bash
# The CPU benchmark: a population of all-hh cells in cajal and the same model in
# NEURON (exact rates, and NEURON's default rate tables), one thread each; prints
# each throughput and cajal's ratio to each NEURON figure.
# Usage: benchmarks/cpu_hh.sh [CELLS DENDRITES SEGMENTS TSTOP]   (default 100 4 125 20: 50k CVs)
set -euo pipefail
cd "$(dirname "$0")/.."
args=("${@:-}")
[ $# -eq 4 ] || args=(100 4 125 20)
cmake --build build --target cajal_bench_hh >/dev/null
export NEURON_MODULE_OPTIONS=-nogui
cajal=$(build/benchmarks/cajal_bench_hh "${args[@]}")
exact=$(/usr/bin/python3 benchmarks/neuron_hh.py "${args[@]}")
tables=$(/usr/bin/python3 benchmarks/neuron_hh.py "${args[@]}" --tables)
printf '%s\n%s\n%s\n' "$cajal" "$exact" "$tables"
/usr/bin/python3 - "$cajal" "$exact" "$tables" <<'PY'
import json, sys
cajal, exact, tables = (json.loads(a) for a in sys.argv[1:])
for ref in (exact, tables):
    print(f"cajal / {ref['simulator']}: {cajal['cv_steps_per_second'] / ref['cv_steps_per_second']:.2f}x")
print(f"cajal memory: {cajal['bytes_per_cv']:.0f} bytes per CV")
PY
