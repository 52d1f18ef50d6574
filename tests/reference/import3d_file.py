"""A reconstruction read by NEURON's Import3d, quietly (the reference scripts'
stdout must hold only their JSON): SWC files with Import3d_SWC_read, Neurolucida
ASC files with Import3d_Neurolucida3, chosen by extension as BluePyOpt does."""
import ctypes
import os
import tempfile

from neuron import h

_libc = ctypes.CDLL(None)


class Import3dRejected(Exception):
    """Import3d stopped at an error: its parser prints 'parse error' and stops
    without raising (so its printed words are the only sign); other faults are
    hoc errors."""


def _reader(path):
    extension = os.path.splitext(path)[1].lower()
    if extension == ".swc":
        return h.Import3d_SWC_read()
    if extension == ".asc":
        return h.Import3d_Neurolucida3()
    raise ValueError("no Import3d reader for " + path)


def _printed_by(f):
    """Runs f with file descriptor 1 sent to a temporary file; returns what was
    printed, and a hoc error's message after it."""
    with tempfile.TemporaryFile(mode="w+") as captured:
        _libc.fflush(None)
        saved = os.dup(1)
        os.dup2(captured.fileno(), 1)
        error = ""
        try:
            f()
        except RuntimeError as e:
            error = "hoc error: " + str(e)
        finally:
            _libc.fflush(None)
            os.dup2(saved, 1)
            os.close(saved)
        captured.seek(0)
        return captured.read() + error


def load_morphology(path, cell=None):
    """Instantiates the file's sections (into the hoc template object `cell`
    when given); returns h.allsec() in order. Raises Import3dRejected with
    Import3d's own message when its parser stops."""
    h.load_file("stdlib.hoc")
    h.load_file("import3d.hoc")
    reader = _reader(path)
    reader.quiet = 1
    said = _printed_by(lambda: reader.input(path))
    if "parse error" in said or "hoc error" in said:
        raise Import3dRejected(" ".join(said.split()))
    said = _printed_by(lambda: h.Import3d_GUI(reader, False).instantiate(cell))
    if "hoc error" in said:
        raise Import3dRejected(" ".join(said.split()))
    return list(h.allsec())
