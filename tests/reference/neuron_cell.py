"""One cell simulated by NEURON, as the reference for cajal's single-cell runs.

Usage: neuron_cell.py MODEL.json

MODEL.json describes the cell the test builds in cajal:
  "cm", "Ra", "v_init", "celsius", "dt", "tstop", "secondorder" (0 or 1),
  "sections": [{"parent": index or -1, "parent_x": x, "points": [[x, y, z, diam], ...]}]
      built with pt3dadd, connected child(0) to parent(parent_x); or instead
  "swc": a file read by Import3d, sections in h.allsec() order,
  "nseg": [per section], "section_cm", "section_Ra": [per section] (optional,
      overriding "cm" and "Ra"),
  "distance_origin": {"section", "x"} (optional; default the first section's
      middle): where distance() measures from,
  "mod_dirs": [folders] (optional): each folder's .mod files are compiled once
      (see mod_library) and loaded before the cell is built,
  "ions": {"ca": {"internal": mM, "external": mM, "reversal": mV}, ...}
      (optional, every key optional): initial concentrations (cai0_ca_ion,
      cao0_ca_ion) and a reversal potential set on every segment with the ion,
  "globals": {"ceiling_cad": value, ...} (optional): hoc globals,
  "mechanisms": [{"name", "sections": [indices], "parameters": {name: value}}],
      a value (and a section_cm) is a number, or {"formula", "for_x"}: a formula
      of distance, relative_distance (÷ the largest distance(0 or 1) over the
      sections painted) and diameter, evaluated as hoc does it: at each
      segment's x with NEURON's distance() and seg.diam, assigned for x in
      `for (x, 0)`, or in `for (x)` when for_x (the last segment then keeps the
      value at x = 1),
  "point_processes": [{"label", "name", "section", "x", "parameters", "play"}],
      "play" (optional) as a model file's: {parameter: waveform}, played by
      neuron_play.py,
  "events": [{"target": label, "times": [ms], "weight": µS}],
  "probes": [...], "sample_every": steps between samples. A probe is
      {"section", "x"}: v;  {"section", "x", "variable": "cai"}: a segment
      variable (ina, i_cap, ...; "i_membrane_" turns on cvode.use_fast_imem);  {"section", "x", "mechanism": "NaTa_t", "variable": "m"}: a
      density mechanism's field;  {"point": label, "variable": "i"}: a point
      process's field.

Runs with exact rates (usetable_<name> = 0 for every mechanism with a TABLE)
and cache_efficient, for round(tstop/dt) fixed steps after finitialize(v_init),
and prints JSON: {"t": [...], "v": [[...] per probe, whatever it records],
"nodes": number of nodes}. Only the JSON goes to stdout.
"""
import fcntl
import hashlib
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile

os.environ.setdefault("NEURON_MODULE_OPTIONS", "-nogui")
from neuron import h  # noqa: E402
from import3d_swc import load_swc  # noqa: E402
from neuron_play import play  # noqa: E402
from quiet_stdout import quietly  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def nrnivmodl():
    # ../shared/tools beside the project works around the Debian package's nrnivmodl.
    shared = os.path.join(HERE, "..", "..", "..", "shared", "tools", "nrnivmodl-debian")
    return os.environ.get("CAJAL_NRNIVMODL") or (shared if os.path.exists(shared) else "nrnivmodl")


def mod_library(folder):
    """Compiles the folder's .mod files in a cache directory keyed by their
    contents (reused when present, built under a lock so that concurrent test
    processes do not race) and returns the path of libnrnmech.so."""
    names = sorted(f for f in os.listdir(folder) if f.endswith(".mod"))
    if not names:
        raise SystemExit("mod_dirs: no .mod files in %s" % folder)
    digest = hashlib.sha256()
    for name in names:
        with open(os.path.join(folder, name), "rb") as f:
            digest.update(name.encode() + b"\0" + f.read() + b"\0")
    base = os.environ.get("CAJAL_NEURON_MOD_CACHE") or os.path.join(tempfile.gettempdir(), "cajal-neuron-mods")
    os.makedirs(base, exist_ok=True)
    key = digest.hexdigest()[:24]
    target = os.path.join(base, key)
    library = os.path.join(target, "x86_64", ".libs", "libnrnmech.so")
    with open(os.path.join(base, key + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if os.path.exists(library):
            return library
        # Built beside the target and renamed, so a crash leaves no half-built cache entry.
        work = target + ".build"
        shutil.rmtree(work, ignore_errors=True)
        os.makedirs(work)
        for name in names:
            shutil.copyfile(os.path.join(folder, name), os.path.join(work, name))
        log_path = os.path.join(work, "nrnivmodl.log")
        with open(log_path, "w") as log:
            status = subprocess.call([nrnivmodl()] + names, cwd=work, stdout=log, stderr=subprocess.STDOUT)
        if status != 0 or not os.path.exists(os.path.join(work, "x86_64", ".libs", "libnrnmech.so")):
            with open(log_path) as log:
                sys.stderr.write(log.read()[-4000:])
            raise SystemExit("nrnivmodl failed for %s (log: %s)" % (folder, log_path))
        shutil.rmtree(target, ignore_errors=True)
        os.rename(work, target)
    return library


def load_mod_dirs(folders):
    for folder in folders:
        library = mod_library(folder)
        if not quietly(lambda: h.nrn_load_dll(library)):
            raise SystemExit("nrn_load_dll failed: %s" % library)


def exact_rates():
    """usetable_<name> = 0 for every mechanism that has a TABLE."""
    name = h.ref("")
    for kind in (0, 1):
        types = h.MechanismType(kind)
        for i in range(int(types.count())):
            types.select(i)
            types.selected(name)
            flag = "usetable_" + name[0]
            if hasattr(h, flag):
                setattr(h, flag, 0)


def build_sections(spec):
    sections = [h.Section(name="b%d" % i) for i in range(len(spec))]
    for sec, s in zip(sections, spec):
        h.pt3dclear(sec=sec)
        for x, y, z, d in s["points"]:
            h.pt3dadd(x, y, z, d, sec=sec)
    for sec, s in zip(sections, spec):
        if s["parent"] >= 0:
            sec.connect(sections[s["parent"]](s["parent_x"]), 0)
    return sections


CONCENTRATIONS = (("internal", "i"), ("external", "o"))


def set_ion_defaults(ions):
    """Initial concentrations as NEURON's globals (cai0_ca_ion, ...), which
    finitialize uses where a mechanism writes the concentration."""
    for ion, values in ions.items():
        for key, suffix in CONCENTRATIONS:
            name = "%s%s0_%s_ion" % (ion, suffix, ion)
            if key in values and hasattr(h, name):
                setattr(h, name, values[key])


def set_ions(ions, sections):
    """Where nothing writes a concentration, finitialize leaves the value each
    segment got when the ion was inserted: set it there too, and the reversal."""
    for ion, values in ions.items():
        for sec in sections:
            for seg in sec:
                for key, suffix in CONCENTRATIONS:
                    if key in values and hasattr(seg, ion + suffix):
                        setattr(seg, ion + suffix, values[key])
                if "reversal" in values and hasattr(seg, "e" + ion):
                    setattr(seg, "e" + ion, values["reversal"])


def set_point_parameter(pp, name, value):
    # IClamp's "del" is a Python keyword: NEURON's Python name for it is "delay".
    setattr(pp, "delay" if name == "del" and hasattr(pp, "delay") else name, value)


def python_formula(text):
    """A formula of cajal's syntax as Python: ^ is **, if(c, a, b) a function."""
    return re.sub(r"\bif\s*\(", "if_(", text).replace("^", "**")


FORMULA_FUNCTIONS = {"exp": math.exp, "log": math.log, "sqrt": math.sqrt, "abs": abs, "sigmoid": lambda x: 1 / (1 + math.exp(-x)), "pow": math.pow, "min": min, "max": max,
                     "if_": lambda c, a, b: a if c else b}


def assign_values(sections, name_of, value, target_of):
    """Sets `value` (a number or a formula) on every segment of `sections`;
    target_of(seg) is the object whose attribute name_of names."""
    if not isinstance(value, dict):
        for sec in sections:
            for seg in sec:
                setattr(target_of(seg), name_of, value)
        return
    code = compile(python_formula(value["formula"]), "formula", "eval")
    largest = max(max(h.distance(sec(0)), h.distance(sec(1))) for sec in sections)
    for sec in sections:
        segments = list(sec)
        xs = [seg.x for seg in segments]
        if value["for_x"]:
            xs = [0.0] + xs + [1.0]
        for x in xs:
            d = h.distance(sec(x))
            env = dict(FORMULA_FUNCTIONS, distance=d, relative_distance=d / largest if largest > 0 else 0.0, diameter=sec(x).diam)
            # As hoc's name(x) = value: x = 0 and 1 set the first and last segment.
            seg = segments[0] if x == 0 else segments[-1] if x == 1 else sec(x)
            setattr(target_of(seg), name_of, float(eval(code, {"__builtins__": {}}, env)))


def probe_ref(p, sections, processes):
    if "point" in p:
        return getattr(processes[p["point"]], "_ref_" + p["variable"])
    seg = sections[p["section"]](p["x"])
    variable = p.get("variable", "v")
    if "mechanism" in p:
        return getattr(getattr(seg, p["mechanism"]), "_ref_" + variable)
    return getattr(seg, "_ref_" + variable)


def main(path):
    with open(path) as f:
        model = json.load(f)
    h.load_file("stdrun.hoc")
    load_mod_dirs(model.get("mod_dirs", []))
    set_ion_defaults(model.get("ions", {}))
    sections = load_swc(model["swc"]) if "swc" in model else build_sections(model["sections"])
    if len(sections) != len(model["nseg"]):
        raise SystemExit("model has %d sections, nseg lists %d" % (len(sections), len(model["nseg"])))
    cms = model.get("section_cm", [model["cm"]] * len(sections))
    Ras = model.get("section_Ra", [model["Ra"]] * len(sections))
    for sec, n, Ra in zip(sections, model["nseg"], Ras):
        sec.Ra = Ra
        sec.nseg = n
    origin = model.get("distance_origin", {"section": 0, "x": 0.5})
    h.distance(0, sections[origin["section"]](origin["x"]))
    for sec, cm in zip(sections, cms):
        assign_values([sec], "cm", cm, lambda seg: seg)
    for mech in model["mechanisms"]:
        painted = [sections[i] for i in mech["sections"]]
        for sec in painted:
            sec.insert(mech["name"])
        for name, value in mech["parameters"].items():
            assign_values(painted, name, value, lambda seg: getattr(seg, mech["name"]))
    steps = int(round(model["tstop"] / model["dt"]))
    processes, played = {}, []
    for p in model["point_processes"]:
        pp = getattr(h, p["name"])(sections[p["section"]](p["x"]))
        for name, value in p["parameters"].items():
            set_point_parameter(pp, name, value)
        for name, waveform in p.get("play", {}).items():
            played.append(play(h, pp, name, waveform, model["dt"], steps))
        processes[p["label"]] = pp
    set_ions(model.get("ions", {}), sections)
    for name, value in model.get("globals", {}).items():
        setattr(h, name, value)
    netcons = []
    for e in model["events"]:
        nc = h.NetCon(None, processes[e["target"]])
        nc.weight[0] = e["weight"]
        netcons.append((nc, e["times"]))

    def send():
        for nc, times in netcons:
            for t in times:
                nc.event(t)
    fih = h.FInitializeHandler(send)  # noqa: F841 (kept alive until the run ends)

    if any(p.get("variable") == "i_membrane_" for p in model["probes"]):
        h.CVode().use_fast_imem(1)  # before its pointers are taken
    records = []
    for p in model["probes"]:
        vec = h.Vector()
        vec.record(probe_ref(p, sections, processes))
        records.append(vec)

    exact_rates()
    h.CVode().active(0)
    h.CVode().cache_efficient(1)
    h.secondorder = model.get("secondorder", 0)
    h.celsius = model["celsius"]
    h.dt = model["dt"]
    h.finitialize(model["v_init"])
    for _ in range(steps):
        h.fadvance()
    every = model.get("sample_every", 1)
    json.dump({
        "t": [i * model["dt"] for i in range(0, steps + 1, every)],
        "v": [list(vec)[::every] for vec in records],
        "nodes": sum(sec.nseg + 1 for sec in sections) + 1,
    }, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
