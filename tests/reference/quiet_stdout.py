"""Runs a function with the process's stdout (file descriptor 1) sent to
/dev/null: NEURON's Import3d prints notices there, and the reference scripts'
stdout must hold only their JSON."""
import os
import sys


def quietly(f):
    sys.stdout.flush()
    saved = os.dup(1)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.close(devnull)
    try:
        return f()
    finally:
        os.dup2(saved, 1)
        os.close(saved)
