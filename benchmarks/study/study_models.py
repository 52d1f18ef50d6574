"""The benchmark's model files, made from the examples' cells: a 16 x 16 grid
of NaTa_t's conductance (x0.25 to x1) and gating shift (-15 to +15 mV) and one
step protocol at the soma; no eFEL features, only spike counts (fi.csv).

Usage: study_models.py ROOT DATA OUT
Writes OUT/example.json (examples/channelopathy/nav_study.json's cell, 10
amplitudes) and OUT/l5pc.json (examples/l5pc/step_current.json's cell, 10
amplitudes), with absolute paths, and a small "-warm" copy of each (one
variant, one amplitude) that compiles and caches the mechanisms.
"""
import json
import os
import sys

SCALES = [round(0.25 + 0.05 * k, 2) for k in range(16)]
SHIFTS = list(range(-15, 16, 2))
CELLS = {
    # name: model file, amplitudes (nA), delay and duration (ms)
    "example": ("examples/channelopathy/nav_study.json", [0.1 * k for k in range(1, 11)], 20, 100),
    "l5pc": ("examples/l5pc/step_current.json", [0.2 * k for k in range(1, 11)], 20, 100),
}


def study(scales, shifts, amplitudes, delay, duration):
    return {
        "grid": [{"mechanism": "NaTa_t", "parameter": "gNaTa_tbar", "scale": scales}, {"mechanism": "NaTa_t", "shift": shifts}],
        "protocols": [{"name": "fi", "steps": {"amplitudes": [round(a, 2) for a in amplitudes], "delay": delay, "duration": duration}}],
        "recording": {"location": "soma", "interval": 0.1, "threshold": -20},
        "features": [],
    }


def main(root, data, out):
    for name, (path, amplitudes, delay, duration) in CELLS.items():
        model = json.load(open(os.path.join(root, path)))
        folder = os.path.dirname(os.path.join(root, path))
        cell = model["cell"]
        cell["morphology"]["file"] = os.path.normpath(os.path.join(folder, cell["morphology"]["file"]))
        model["nmodl"] = [os.path.join(data, "mod", "hay2011")]
        for key in ("place", "detectors"):
            cell.pop(key, None)
        model.pop("probes", None)
        model["simulation"]["tstop"] = delay + duration
        model["study"] = study(SCALES, SHIFTS, amplitudes, delay, duration)
        json.dump(model, open(os.path.join(out, name + ".json"), "w"), indent=1)
        model["study"] = study(SCALES[-1:], SHIFTS[:1], amplitudes[:1], delay, duration)
        json.dump(model, open(os.path.join(out, name + "-warm.json"), "w"), indent=1)


if __name__ == "__main__":
    main(*sys.argv[1:])
