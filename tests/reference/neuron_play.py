"""NEURON's Vector.play of a cajal waveform into a point process's parameter,
the reference for cajal's played parameters (docs/model-format.md, `play`).

A series is played as given: Vector.play(&parameter, tvec, continuous), with
continuous = 1 where it interpolates. A ramp, sine or pulse train is sampled
at every time NEURON's fixed step evaluates a continuous play -- t = 0 and,
for each step, t + dt/2 and t + dt, with t advanced by two half steps as
fadvance advances it -- and played with continuous = 1, so that NEURON's
interpolation returns the waveform's own value wherever it looks. The
waveforms' formulas are written here again, apart from cajal's kernels.
"""
import math


def evaluation_times(dt, steps):
    t, times = 0.0, [0.0]
    for _ in range(steps):
        t += 0.5 * dt
        times.append(t)
        t += 0.5 * dt
        times.append(t)
    return times


def ramp(w, t):
    if t <= w["start"]:
        return w["from"]
    if t >= w["stop"]:
        return w["to"]
    return w["from"] + (w["to"] - w["from"]) * ((t - w["start"]) / (w["stop"] - w["start"]))


def sine(w, t):
    start, offset = w.get("start", 0.0), w.get("offset", 0.0)
    if t < start or t >= w.get("stop", math.inf):
        return offset
    angle = 2 * math.pi * w["frequency"] * (t - start) / 1000 + w.get("phase", 0.0) * math.pi / 180
    return offset + w["amplitude"] * math.sin(angle)


def pulses(w, t):
    start, base = w.get("start", 0.0), w.get("base", 0.0)
    for k in range(int(w["number"])):
        edge = start + k * w["interval"]
        if edge <= t < edge + w["width"]:
            return base + w["amplitude"]
    return base


ANALYTIC = {"ramp": ramp, "sine": sine, "pulses": pulses}


def play_vectors(waveform, dt, steps):
    """(times, values, continuous) for Vector.play."""
    (kind, w), = waveform.items()
    if kind == "series":
        return w["times"], w["values"], 1 if w["interpolate"] else 0
    times = evaluation_times(dt, steps)
    return times, [ANALYTIC[kind](w, t) for t in times], 1


def play(h, process, parameter, waveform, dt, steps):
    """Plays `waveform` into the parameter; returns the vectors, which must
    live as long as the run."""
    times, values, continuous = play_vectors(waveform, dt, steps)
    tvec, yvec = h.Vector(times), h.Vector(values)
    yvec.play(getattr(process, "_ref_" + parameter), tvec, continuous)
    return tvec, yvec
