"""eFEL's features of one voltage trace, the reference for cajal's
(analysis/, docs/features.md). Run with the Python of the virtual environment
that scripts/efel-venv makes.

Usage: efel_features.py TRACE.json

TRACE.json: {"T": [ms...], "V": [mV...], "stim_start": ms, "stim_end": ms,
"stimulus_current": nA (optional), "settings": {eFEL setting: value},
"features": [names]}. Prints {"efel_version": ..., "features": {name: [values]
or null}}, null where eFEL returns None.

Each feature is computed in a call of its own: eFEL resamples the trace at
the start of every call, and a second feature in the same call would be
computed from the first one's resampled trace, resampled again.
"""
import json
import math
import sys
import warnings

import efel


def main():
    with open(sys.argv[1]) as f:
        trace = json.load(f)
    efel.reset()
    for name, value in trace.get("settings", {}).items():
        efel.set_setting(name, value)
    efel_trace = {"T": trace["T"], "V": trace["V"], "stim_start": [trace["stim_start"]], "stim_end": [trace["stim_end"]]}
    if "stimulus_current" in trace:
        efel_trace["stimulus_current"] = [trace["stimulus_current"]]
    features = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)   # Spikecount: eFEL names spike_count its successor
        for name in trace["features"]:
            values = efel.get_feature_values([efel_trace], [name], raise_warnings=False)[0][name]
            if values is None:
                features[name] = None
            else:
                values = [float(x) for x in values]
                if not all(math.isfinite(x) for x in values):
                    raise SystemExit(f"eFEL's {name} is not finite: {values}")
                features[name] = values
    json.dump({"efel_version": efel.__version__, "features": features}, sys.stdout)


main()
