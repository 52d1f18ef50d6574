"""Loads a reconstruction with NEURON's Import3d (Import3d_SWC_read for .swc,
Import3d_Neurolucida3 for .asc) and applies the d_lambda rule (100 Hz, 0.1): the
NEURON side of benchmarks/morphology_load.sh. --startup-only stops after
importing NEURON, to separate interpreter start-up from loading."""
import os
import sys

from neuron import h

args = [a for a in sys.argv[1:] if not a.startswith("--")]
if "--startup-only" in sys.argv:
    sys.exit(0)
h.load_file("stdlib.hoc")
h.load_file("import3d.hoc")
reader = h.Import3d_Neurolucida3() if os.path.splitext(args[0])[1].lower() == ".asc" else h.Import3d_SWC_read()
reader.quiet = 1
reader.input(args[0])
h.Import3d_GUI(reader, False).instantiate(None)
total = 0
for sec in h.allsec():
    sec.nseg = int((sec.L / (0.1 * h.lambda_f(100, sec=sec)) + 0.9) / 2) * 2 + 1
    total += sec.nseg
print(total)
