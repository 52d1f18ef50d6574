#!/usr/bin/env bash
# Compile time of .mod files: cajal-nmodl (parse, analyse, write C++ and CUDA)
# against NEURON's nocmodl (parse, write C), per file, over every file of a
# folder that both accept; then the C++ compiler's time for a whole folder as
# cajal builds it at run time (add_mod_folder), which users wait for once.
# Usage: benchmarks/nmodl_compile_time.sh [FOLDER]   (default ../shared/data/mod/hay2011)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${CAJAL_BUILD_DIR:-build}
folder=$(realpath "${1:-../shared/data/mod/hay2011}")
cmake --build "$build" --target cajal-nmodl >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$folder"/*.mod "$work"/
files=("$work"/*.mod)
time_of() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N); echo "$e - $s" | bc; }
cajal=$(time_of bash -c 'for f in "${@:2}"; do "$1" "$f" --cpu "$f.cpp" --cuda "$f.cu"; done' _ "$build/mechanisms/compiler/cajal-nmodl" "${files[@]}")
neuron=$(time_of bash -c 'cd "$0" && for f in "$@"; do nocmodl "$f"; done' "$work" "${files[@]}")
n=${#files[@]}
printf 'files: %d\ncajal-nmodl: %.3f s per file\nnocmodl: %.3f s per file\n' "$n" "$(echo "$cajal / $n" | bc -l)" "$(echo "$neuron / $n" | bc -l)"
"$build"/mechanisms/compiler/cajal-nmodl "${files[@]}" --catalogue f --cpu "$work/all.cpp"
includes="-Imechanisms/include -Ikernels/include"
cxx=$(time_of c++ -std=c++20 -O2 -fPIC -shared -fopenmp-simd -fno-math-errno -fno-trapping-math $includes "$work/all.cpp" -o "$work/all.so")
printf 'C++ compile of the folder (%d mechanisms, -O2): %.1f s\n' "$n" "$cxx"
