#!/usr/bin/env bash
# Time to load a reconstruction and discretize it under d_lambda: cajal morph
# against NEURON's Import3d (+ lambda rule) on the same file, whole commands
# timed by hyperfine.
#
#   benchmarks/morphology_load.sh [FILE.swc|FILE.asc ...]  # default: ../shared/data/swc/*.swc
#   benchmarks/morphology_load.sh --large [SAMPLES]        # the scale tests' synthetic shapes
#   benchmarks/morphology_load.sh --asc [SAMPLES]          # chain, binary and comb as Neurolucida ASC
#
# --large writes each shape of benchmarks/large_swc.py (SAMPLES samples, default
# 1000000) to a temporary folder and times `cajal morph --json` and
# `cajal morph --svg` on it, cajal alone (NEURON takes minutes on these).
# --asc writes the chain, binary and comb shapes as ASC files (SAMPLES points,
# default 100000) and times `cajal morph --json` on each, cajal alone.
# CAJAL=path/to/cajal times another build, for a before/after comparison;
# LARGE_RUNS sets hyperfine's runs (default 3), LARGE_TIMEOUT stops a command
# after that many seconds (default 600) and reports it as stopped.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "hyperfine is needed: apt-get install hyperfine" >&2; exit 1; }
cajal=${CAJAL:-build/cajal}

if [ "${1:-}" = "--large" ]; then
  samples=${2:-1000000}
  runs=${LARGE_RUNS:-3}
  limit=${LARGE_TIMEOUT:-600}
  dir=$(mktemp -d)
  trap 'rm -rf "$dir"' EXIT
  for shape in chain binary comb star forest shuffled soma; do
    file="$dir/$shape.swc"
    /usr/bin/python3 benchmarks/large_swc.py "$shape" "$samples" "$file"
    opts=""
    [ "$shape" = forest ] && opts="--soma-tree-only"
    for output in "--json" "--svg $dir/$shape.svg"; do
      command="$cajal morph $file $opts $output"
      # One untimed run under the limit first: a command that does not finish
      # in time is reported instead of timed.
      if timeout "$limit" $command >/dev/null 2>&1; then
        hyperfine --runs "$runs" --style basic -n "$shape ${output%% *}" "$command"
      else
        echo "$shape ${output%% *}: stopped after ${limit} s"
      fi
    done
    rm -f "$file" "$dir/$shape.svg"
  done
  exit 0
fi

if [ "${1:-}" = "--asc" ]; then
  samples=${2:-100000}
  dir=$(mktemp -d)
  trap 'rm -rf "$dir"' EXIT
  for shape in chain binary comb; do
    file="$dir/$shape.asc"
    /usr/bin/python3 benchmarks/large_swc.py "$shape" "$samples" "$file"
    hyperfine --warmup 1 --runs "${LARGE_RUNS:-5}" --style basic -n "$shape asc $samples" "$cajal morph --json $file"
  done
  exit 0
fi

files=("$@")
[ ${#files[@]} -gt 0 ] || files=(../shared/data/swc/*.swc)
for f in "${files[@]}"; do
  hyperfine --warmup 2 --runs 10 --style basic \
    -n cajal "$cajal morph --json $f" \
    -n neuron "NEURON_MODULE_OPTIONS=-nogui /usr/bin/python3 benchmarks/neuron_load_morphology.py $f" \
    -n neuron-startup "NEURON_MODULE_OPTIONS=-nogui /usr/bin/python3 benchmarks/neuron_load_morphology.py --startup-only $f"
done
