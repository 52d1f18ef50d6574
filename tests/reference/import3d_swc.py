"""An SWC file read by NEURON's Import3d, quietly (the reference scripts'
stdout must hold only their JSON)."""
from neuron import h
from quiet_stdout import quietly


def load_swc(path):
    """Instantiates the file's sections; returns them in h.allsec() order."""
    def instantiate():
        h.load_file("stdlib.hoc")
        h.load_file("import3d.hoc")
        reader = h.Import3d_SWC_read()
        reader.quiet = 1
        reader.input(path)
        h.Import3d_GUI(reader, False).instantiate(None)
    quietly(instantiate)
    return list(h.allsec())
