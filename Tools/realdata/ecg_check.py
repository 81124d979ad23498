#!/usr/bin/env python3
"""Checks that Myotrace counted no heartbeat as a jerk in the emgGO ECG-contaminated EMG.

QRS complexes are found independently per channel: band-pass 5-30 Hz (where QRS energy lies and
EMG little), peaks at least 0.4 s apart above half the 99th percentile; the channel's beat train
is kept when its median interval is a plausible heart period (0.4-1.5 s). A jerk whose onset lies
within 100 ms of a QRS peak is counted as possibly a heartbeat.

    python3 Tools/realdata/ecg_check.py ECG_CONTAMINATED.edf ANALYSIS.json
"""
import json
import sys

import numpy as np
import pyedflib
import scipy.signal as sps

edf, js = sys.argv[1], sys.argv[2]
r = pyedflib.EdfReader(edf)
result = json.load(open(js))
beats_all = {}
for i in range(r.signals_in_file):
    label, fs = r.getLabel(i), r.getSampleFrequency(i)
    x = r.readSignal(i)
    y = sps.sosfiltfilt(sps.butter(2, [5, 30], "bandpass", fs=fs, output="sos"), x)
    a = np.abs(y)
    pk, _ = sps.find_peaks(a, distance=int(0.4 * fs), height=0.5 * np.percentile(a, 99))
    ibi = np.diff(pk) / fs
    beats = pk / fs if len(pk) > 3 and 0.4 <= np.median(ibi) <= 1.5 else np.zeros(0)
    beats_all[label] = beats
    jerks = [c["onset"] for e in result["events"] if e["polarity"] == "positive" for c in e["channels"] if c["channel"] == label]
    near = sum(1 for t in jerks if beats.size and np.min(np.abs(beats - t)) < 0.1)
    print(f"{label:10s} QRS found: {beats.size:3d} (median interval {np.median(ibi) if len(ibi) else float('nan'):.2f} s)  "
          f"jerks: {len(jerks):2d}  within 100 ms of a QRS: {near}")
