#!/usr/bin/env python3
"""Checks Myotrace's analysis of the emgGO tibialis recording against its 56 ballistic activations.

The source (emgGO, docs/detectionTutorial.md) states 56 activations but gives no times. This script
finds them independently: band-pass 20-110 Hz (zero-phase), 200 ms RMS, threshold at 8 times the
20th-percentile level, segments closer than 0.5 s merged. That gives exactly 56 segments of
0.9-2.2 s, matching the source's count. It then reports how many of them Myotrace found (an event
or long activity overlapping the segment) and what Myotrace reported outside them.

    python3 Tools/realdata/tibialis_check.py TIBIALIS.csv ANALYSIS.json
"""
import json
import sys

import numpy as np
import scipy.signal as sps

csv_path, json_path = sys.argv[1], sys.argv[2]
d = np.loadtxt(csv_path, delimiter=",", skiprows=1)
x, fs = d[:, 1], 250.0
y = sps.sosfiltfilt(sps.butter(4, [20, 110], "bandpass", fs=fs, output="sos"), x)
env = np.sqrt(np.convolve(y ** 2, np.ones(50) / 50, "same"))
on = env > 8 * np.percentile(env, 20)
st = np.flatnonzero(np.diff(on.astype(int)) == 1)
en = np.flatnonzero(np.diff(on.astype(int)) == -1)
en = en[en > st[0]]
segs = []
for a, b in zip(st, en):
    if segs and a - segs[-1][1] < 0.5 * fs:
        segs[-1][1] = b
    else:
        segs.append([a, b])
acts = [(a / fs, b / fs) for a, b in segs]

r = json.load(open(json_path))
found = [(e["onset"], e["offset"], e["polarity"]) for e in r["events"]]
found += [(a["onset"], a["offset"], "long") for a in r["longActivity"]]
hit = [any(o < b + 0.1 and f > a - 0.1 for o, f, _ in found) for a, b in acts]
outside = [(o, f, k) for o, f, k in found if not any(o < b + 0.1 and f > a - 0.1 for a, b in acts)]
print(f"reference activations: {len(acts)} (durations {min(b - a for a, b in acts):.2f}-{max(b - a for a, b in acts):.2f} s)")
print(f"found by Myotrace (event or long activity overlapping): {sum(hit)} of {len(acts)}")
missed = [f"{a:.2f}" for (a, b), h in zip(acts, hit) if not h]
print(f"missed: {missed}")
for kind in ("positive", "negative", "long"):
    print(f"outside the activations: {sum(1 for _, _, k in outside if k == kind)} {kind}")
