"""NEURON's Import3d reading of an SWC or Neurolucida ASC file, section by section.

Usage: neuron_morphology.py FILE.swc|FILE.asc

Prints JSON: {"Ra": Ω·cm, "sections": [{"name", "type", "L", "area",
"segment_areas", "segment_ri", "parent", "parent_x", "n3d",
"points": [[x, y, z, diam], ...]}]} in h.allsec() order.
"type" comes from the section name (soma 1, axon 2, dend 3, apic 4, dend_N N,
minus_N -N); "parent" is an index into the list (-1 for the root); "area" is
seg.area() with nseg = 1. With nseg = 5, "segment_areas" lists seg.area() of
the five segments and "segment_ri" lists ri() (MΩ) of segments 1 to 4: from the
centre of the segment before to the centre of this one. "distances" lists
h.distance() at x = 0, the five segment centres and x = 1, from the first
section's middle (distance(0, sec(0.5)), NEURON's soma origin).
When Import3d's parser rejects the file, prints {"rejected": its message}.
"""
import json
import os
import re
import sys

os.environ.setdefault("NEURON_MODULE_OPTIONS", "-nogui")
from neuron import h  # noqa: E402
from import3d_file import Import3dRejected, load_morphology  # noqa: E402


def type_of(name):
    base = re.sub(r"\[\d+\]$", "", name)
    fixed = {"soma": 1, "axon": 2, "dend": 3, "apic": 4}
    if base in fixed:
        return fixed[base]
    m = re.fullmatch(r"dend_(\d+)", base)
    if m:
        return int(m.group(1))
    m = re.fullmatch(r"minus_(\d+)", base)
    if m:
        return -int(m.group(1))
    raise ValueError("unexpected section name " + name)


def main(path):
    try:
        sections = load_morphology(path)
    except Import3dRejected as e:
        json.dump({"rejected": str(e)}, sys.stdout)
        return
    index = {s.name(): i for i, s in enumerate(sections)}
    out = []
    for s in sections:
        s.nseg = 5
    h.distance(0, sections[0](0.5))
    for s in sections:
        s.nseg = 1
        area = sum(seg.area() for seg in s)
        s.nseg = 5
        segments = list(s)
        parent = s.parentseg()
        out.append({
            "name": s.name(),
            "type": type_of(s.name()),
            "L": s.L,
            "area": area,
            "segment_areas": [seg.area() for seg in segments],
            "segment_ri": [h.ri(seg.x, sec=s) for seg in segments[1:]],
            "parent": index[parent.sec.name()] if parent is not None else -1,
            "parent_x": parent.x if parent is not None else 1.0,
            "n3d": int(s.n3d()),
            "distances": [h.distance(s(x)) for x in [0.0] + [seg.x for seg in segments] + [1.0]],
            "points": [[s.x3d(i), s.y3d(i), s.z3d(i), s.diam3d(i)] for i in range(int(s.n3d()))],
        })
    json.dump({"Ra": sections[0].Ra, "sections": out}, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
