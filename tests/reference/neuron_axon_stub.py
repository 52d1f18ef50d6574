"""A reconstruction with its axon replaced by a stub, as two published models
do it in NEURON, section by section.

Usage: neuron_axon_stub.py hay TEMPLATE.hoc FILE.asc
       neuron_axon_stub.py bluepyopt FILE
       neuron_axon_stub.py without_axon FILE

hay: Hay et al. 2011's own cell template (L5PCtemplate.hoc) instantiated on the
file, with its channels left out (L5PCbiophys replaced by an empty template, so
no .mod file is needed): Import3d, geom_nseg (nseg = 1 + 2*int(L/40)), then
delete_axon (two sections of 30 um x 1 um, axon[0](0) at soma(0.5)).

bluepyopt: the steps of BluePyOpt's NrnFileMorphology (bluepyopt/ephys/
morphologies.py) on a cell object with the usual section lists: Import3d,
set_nseg (nseg = 1 + 2*int(L/40)), then replace_axon (two 30 um sections at
soma[0](1); diameters: axon[0].diam, and the diam of the first axonal section
whose middle lies more than 60 um from soma[0](0.5)).

without_axon: Import3d, every axonal section deleted, nseg = 1 + 2*int(L/40).

Prints JSON {"sections": [...]}, sorted by type then index (cajal's branch
order): "name", "type", "parent" (an index into the list, -1 for the root),
"parent_x", "n3d", "L", "nseg", "diam" (sec.diam), "area" (seg.area() of each
segment), "ri" (seg.ri() of each segment and of the x = 1 node), "node_ri".
"""
import json
import os
import re
import sys

os.environ.setdefault("NEURON_MODULE_OPTIONS", "-nogui")
from neuron import h  # noqa: E402
from import3d_file import load_morphology  # noqa: E402
from quiet_stdout import quietly  # noqa: E402

TYPES = {"soma": 1, "axon": 2, "dend": 3, "apic": 4}

# The cell object BluePyOpt instantiates morphologies into (its default
# template has the same names).
CELL_TEMPLATE = """
begintemplate StubCell
  public all, somatic, axonal, basal, apical, soma, dend, apic, axon
  objref all, somatic, axonal, basal, apical
  create soma[1], dend[1], apic[1], axon[1]
  proc init() {
    all = new SectionList()
    somatic = new SectionList()
    axonal = new SectionList()
    basal = new SectionList()
    apical = new SectionList()
    forall delete_section()
  }
endtemplate StubCell
"""

NO_CHANNELS = """
begintemplate L5PCbiophys
  public biophys
  proc biophys() {}
endtemplate L5PCbiophys
"""


def hay(template, path):
    h.load_file("stdrun.hoc")
    h.load_file("import3d.hoc")
    h(NO_CHANNELS)
    h.load_file(template)
    return quietly(lambda: h.L5PCtemplate(path))


def bluepyopt(path):
    h.load_file("stdrun.hoc")
    h(CELL_TEMPLATE)
    cell = h.StubCell()
    load_morphology(path, cell)
    for sec in cell.all:
        sec.nseg = 1 + 2 * int(sec.L / 40)
    axonal = list(cell.axonal)
    diams = [1, 1]
    if axonal:
        diams = [cell.axon[0].diam, cell.axon[0].diam]
    if len(axonal) > 1:
        h.distance(0, 0.5, sec=cell.soma[0])
        for sec in axonal:
            if h.distance(1, 0.5, sec=sec) > 60:
                diams[1] = sec.diam
                break
    for sec in axonal:
        h.delete_section(sec=sec)
    h.execute("create axon[2]", cell)
    for i, sec in enumerate(cell.axon):
        sec.nseg = 1
        sec.L = 30
        sec.diam = diams[i]
        cell.axonal.append(sec=sec)
        cell.all.append(sec=sec)
    cell.axon[0].connect(cell.soma[0], 1.0, 0.0)
    cell.axon[1].connect(cell.axon[0], 1.0, 0.0)
    return cell


def without_axon(path):
    h.load_file("stdrun.hoc")
    h(CELL_TEMPLATE)
    cell = h.StubCell()
    load_morphology(path, cell)
    for sec in list(cell.axonal):
        h.delete_section(sec=sec)
    for sec in cell.all:
        sec.nseg = 1 + 2 * int(sec.L / 40)
    return cell


def type_and_index(sec):
    m = re.search(r"(\w+)\[(\d+)\]$", sec.name())
    return TYPES[m.group(1)], int(m.group(2))


def describe(cell):
    sections = sorted((s for s in cell.all if s.name()), key=type_and_index)
    index = {s.name(): i for i, s in enumerate(sections)}
    h.finitialize(-65)
    out = []
    for s in sections:
        parent = s.parentseg()
        out.append({
            "name": s.name(),
            "type": type_and_index(s)[0],
            "parent": index[parent.sec.name()] if parent is not None else -1,
            "parent_x": parent.x if parent is not None else 1.0,
            "n3d": int(s.n3d()),
            "L": s.L,
            "nseg": s.nseg,
            "diam": s.diam,
            "area": [seg.area() for seg in s],
            "ri": [seg.ri() for seg in s],
            "node_ri": s(1).ri(),
        })
    return {"sections": out}


if __name__ == "__main__":
    if sys.argv[1] == "hay":
        cell = hay(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "bluepyopt":
        cell = bluepyopt(sys.argv[2])
    else:
        cell = without_axon(sys.argv[2])
    json.dump(describe(cell), sys.stdout)
