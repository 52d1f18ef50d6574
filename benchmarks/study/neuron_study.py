"""A study's step runs in NEURON, as a NEURON user runs them: one cell, a loop
over the variants and the amplitudes, h.finitialize and h.continuerun for each.

Usage: neuron_study.py MODEL.json MOD_FOLDER [HAY_MODEL_FOLDER]

MODEL.json is a cajal model file with a study: a grid (scale or set of a
mechanism's parameter, or shift of its gating, everywhere it is painted) and
one step protocol at the soma; its simulation settings and recording are used
as written. The cell is MODEL.json's (an SWC file, regions by section name,
"per_length" segments, uniform painted values), or, given HAY_MODEL_FOLDER,
Hay et al.'s L5PCtemplate.hoc with L5PCbiophys3.hoc. MOD_FOLDER's .mod files
are compiled with NaTa_t.mod edited by hand for the shifts: a `vshift`
PARAMETER and `rates(v - vshift)` in INITIAL and DERIVATIVE.

Prints JSON: {"spikes": [[spikes during the step, per amplitude] per variant,
the control first, then the grid with its first axis slowest], "loop_s",
"loop_cpu_s": the loop's wall and CPU time}.
"""
import itertools
import json
import os
import shutil
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tests", "reference"))
os.environ.setdefault("NEURON_MODULE_OPTIONS", "-nogui")
from neuron import h  # noqa: E402
from import3d_swc import load_swc  # noqa: E402
from neuron_cell import load_mod_dirs  # noqa: E402
from quiet_stdout import quietly  # noqa: E402


def replaced(text, old, new, count):
    if text.count(old) != count:
        raise SystemExit("hand edit: %r occurs %d times, not %d" % (old, text.count(old), count))
    return text.replace(old, new)


def shifted_mods(mod_folder, work):
    """The folder's .mod files, NaTa_t.mod with a vshift as a NEURON user edits it."""
    for name in os.listdir(mod_folder):
        if name.endswith(".mod"):
            shutil.copyfile(os.path.join(mod_folder, name), os.path.join(work, name))
    path = os.path.join(work, "NaTa_t.mod")
    text = open(path).read()
    text = replaced(text, "RANGE gNaTa_tbar, gNaTa_t, ina\n", "RANGE gNaTa_tbar, gNaTa_t, ina, vshift\n", 1)
    text = replaced(text, "gNaTa_tbar = 0.00001 (S/cm2)\n", "gNaTa_tbar = 0.00001 (S/cm2)\n\tvshift = 0 (mV)\n", 1)
    text = replaced(text, "PROCEDURE rates(){", "PROCEDURE rates(v (mV)){", 1)
    open(path, "w").write(replaced(text, "rates()", "rates(v - vshift)", 2))


def model_cell(model, folder):
    """MODEL.json's cell: sections by Import3d, regions by section name."""
    cell = model["cell"]
    sections = load_swc(os.path.join(folder, cell["morphology"]["file"]))
    if cell["discretization"]["policy"] != "per_length":
        raise SystemExit("only \"per_length\" segments are built here")
    length = cell["discretization"]["length"]
    props = cell["properties"]
    for sec in sections:
        sec.nseg = 1 + 2 * int(sec.L / length)
        sec.cm, sec.Ra = props["cm"], props["Ra"]

    def region(name):
        return sections if name == "all" else [s for s in sections if s.name().split("[")[0] == name]

    for paint in cell["paint"]:
        for sec in region(paint["region"]):
            if "cm" in paint:
                sec.cm = paint["cm"]
            if "mechanism" in paint:
                sec.insert(paint["mechanism"])
                for name, value in paint.get("parameters", {}).items():
                    for seg in sec:
                        setattr(seg, "%s_%s" % (name, paint["mechanism"]), value)
    for ion, values in cell.get("ions", {}).items():
        for sec in sections:
            for seg in sec:
                if hasattr(seg, "e" + ion):
                    setattr(seg, "e" + ion, values["reversal"])
    soma = next(s for s in sections if s.name().startswith("soma"))
    return soma, sections, props["v_init"]


def hay_cell(folder):
    h.load_file(os.path.join(folder, "L5PCbiophys3.hoc"))
    h.load_file(os.path.join(folder, "L5PCtemplate.hoc"))
    cell = quietly(lambda: h.L5PCtemplate(os.path.join(folder, "cell1.asc")))
    return cell.soma[0], list(cell.all), -80, cell


def variants(grid):
    """Per variant, per axis: (mechanism, parameter, how, value); the control first."""
    axes = []
    for axis in grid:
        how = next(k for k in ("scale", "set", "shift") if k in axis)
        parameter = "vshift" if how == "shift" else axis["parameter"]
        if how == "shift" and axis["mechanism"] != "NaTa_t":
            raise SystemExit("only NaTa_t.mod is edited for shifts")
        axes.append([(axis["mechanism"], parameter, how, x) for x in axis[how]])
    return [[]] + [list(v) for v in itertools.product(*axes)]


def main(model_path, mod_folder, hay_folder=None):
    model = json.load(open(model_path))
    study, settings = model["study"], model["simulation"]
    [protocol] = study["protocols"]
    steps = protocol["steps"]
    recording = study.get("recording", {})
    h.load_file("stdrun.hoc")
    h.load_file("import3d.hoc")
    with tempfile.TemporaryDirectory() as work:
        shifted_mods(mod_folder, work)
        load_mod_dirs([work])
    if hay_folder:
        soma, sections, v_init, _keep = hay_cell(hay_folder)
    else:
        soma, sections, v_init = model_cell(model, os.path.dirname(os.path.abspath(model_path)))
    h.cvode_active(0)
    h.CVode().cache_efficient(1)
    h.celsius = settings.get("celsius", 6.3)
    h.dt = settings["dt"]
    h.steps_per_ms = 1 / h.dt
    clamp = h.IClamp(soma(0.5))
    clamp.delay, clamp.dur = steps["delay"], steps["duration"]
    v_soma = h.Vector().record(soma(0.5)._ref_v, recording.get("interval", 0.1))  # as cajal records every run
    times = h.Vector()
    detector = h.NetCon(soma(0.5)._ref_v, None, sec=soma)
    detector.threshold = recording.get("threshold", -20)
    detector.record(times)
    # Each changed parameter's control value, per segment that has it.
    control = {}
    for mechanism, parameter, _, _ in variants(study["grid"])[1]:
        name = "%s_%s" % (parameter, mechanism)
        control[name] = [(seg, getattr(seg, name)) for sec in sections for seg in sec if hasattr(seg, name)]
    step_end = steps["delay"] + steps["duration"]

    wall, cpu = time.perf_counter(), time.process_time()
    spikes = []
    for changes in variants(study["grid"]):
        for name, segments in control.items():
            for seg, value in segments:
                setattr(seg, name, value)
        for mechanism, parameter, how, x in changes:
            for seg, value in control["%s_%s" % (parameter, mechanism)]:
                setattr(seg, "%s_%s" % (parameter, mechanism), value * x if how == "scale" else x)
        counts = []
        for amplitude in steps["amplitudes"]:
            clamp.amp = amplitude
            h.finitialize(v_init)
            h.continuerun(settings["tstop"])
            counts.append(sum(1 for t in times if steps["delay"] <= t <= step_end))
        spikes.append(counts)
    json.dump({"spikes": spikes, "loop_s": time.perf_counter() - wall, "loop_cpu_s": time.process_time() - cpu}, sys.stdout)


if __name__ == "__main__":
    main(*sys.argv[1:])
