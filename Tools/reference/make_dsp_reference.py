#!/usr/bin/env python3
"""Generates the reference vectors that MyoSignal's DSP tests compare against.

Usage (from the repository root):
    python3 Tools/reference/make_dsp_reference.py [output.json]

Default output: Tests/Fixtures/dsp/reference.json. Needs numpy and scipy (made with
scipy 1.17.1, numpy 2.4.6). Inputs are generated from fixed seeds and stored as float32 values,
so the Swift tests feed exactly the same samples; reference outputs are computed in float64
and stored with 10 significant digits.
"""
import json
import os
import sys

import numpy as np
import scipy
from scipy import signal, stats


def rounded(values):
    return [float("%.10g" % v) for v in np.asarray(values, dtype=np.float64).ravel()]


def make_input(n, seed):
    """Noise, two tones and a DC step: exercises pass band, stop band and initial conditions."""
    rng = np.random.default_rng(seed)
    t = np.arange(n)
    x = rng.normal(0.0, 1.0, n) + 2.0 * np.sin(2 * np.pi * t * 0.013) + 0.7 * np.sin(2 * np.pi * t * 0.21)
    x += 3.0  # DC offset, so that steady-state initial conditions matter
    x[n // 2:] += 1.5
    return x.astype(np.float32)


def sos_response(sos, freqs, fs):
    freqz = getattr(signal, "freqz_sos", None) or signal.sosfreqz
    _, h = freqz(sos, worN=np.asarray(freqs), fs=fs)
    return h


def band_spec(btype, cutoff):
    return {"type": btype, "edges": list(cutoff) if isinstance(cutoff, (list, tuple)) else [cutoff]}


def main():
    root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
    out_path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "Tests", "Fixtures", "dsp", "reference.json")
    x = make_input(600, 1)
    xd = x.astype(np.float64)
    ref = {"scipy": scipy.__version__, "numpy": np.__version__, "input": rounded(x)}

    butter_cases = [
        (1, "lowpass", 40.0, 250.0), (2, "highpass", 20.0, 1000.0), (3, "bandpass", (20.0, 450.0), 1000.0),
        (4, "bandpass", (20.0, 450.0), 2048.0), (5, "bandstop", (45.0, 55.0), 1000.0), (6, "lowpass", 100.0, 4000.0),
        (8, "highpass", 0.5, 250.0), (7, "bandpass", (1.0, 30.0), 250.0), (8, "bandstop", (300.0, 600.0), 4000.0),
        (2, "lowpass", 10.0, 4000.0), (4, "highpass", 30.0, 2048.0), (1, "highpass", 0.3, 1000.0),
        (8, "bandpass", (10.0, 1500.0), 4000.0), (3, "lowpass", 5.0, 2048.0),
    ]
    ref["butter"] = []
    for order, btype, cutoff, fs in butter_cases:
        sos = signal.butter(order, cutoff, btype, fs=fs, output="sos")
        freqs = np.linspace(0.0, fs / 2 * 0.999, 48)
        h = sos_response(sos, freqs, fs)
        ref["butter"].append({
            "order": order, "band": band_spec(btype, cutoff), "fs": fs,
            "output": rounded(signal.sosfilt(sos, xd)),
            "outputSteadyState": rounded(signal.sosfilt(sos, xd, zi=signal.sosfilt_zi(sos) * xd[0])[0]),
            "freqs": rounded(freqs), "real": rounded(h.real), "imag": rounded(h.imag),
        })

    filtfilt_cases = [
        (4, "bandpass", (20.0, 450.0), 2048.0), (1, "lowpass", 10.0, 250.0), (3, "highpass", 20.0, 1000.0),
        (2, "bandstop", (48.0, 52.0), 1000.0), (5, "lowpass", 40.0, 250.0), (8, "highpass", 2.0, 4000.0),
    ]
    ref["filtfilt"] = []
    for order, btype, cutoff, fs in filtfilt_cases:
        sos = signal.butter(order, cutoff, btype, fs=fs, output="sos")
        ref["filtfilt"].append({
            "order": order, "band": band_spec(btype, cutoff), "fs": fs,
            "output": rounded(signal.sosfiltfilt(sos, xd)),
        })

    ref["notch"] = []
    for w0, q, fs in [(50.0, 30.0, 1000.0), (60.0, 35.0, 250.0), (50.0, 10.0, 2048.0)]:
        b, a = signal.iirnotch(w0, q, fs=fs)
        ref["notch"].append({"w0": w0, "q": q, "fs": fs, "b": rounded(b), "a": rounded(a),
                             "output": rounded(signal.lfilter(b, a, xd))})

    ref["resample"] = []
    for up, down, n, seed in [(125, 256, 700, 2), (4, 1, 150, 3), (1, 4, 400, 4), (125, 64, 160, 5), (3, 2, 101, 6)]:
        xi = make_input(n, seed)
        ref["resample"].append({"up": up, "down": down, "input": rounded(xi),
                                "output": rounded(signal.resample_poly(xi.astype(np.float64), up, down))})

    ref["moving"] = []
    n = len(xd)
    for window in [1, 2, 5, 32, 101]:
        full = np.convolve(xd, np.ones(window))
        full_sq = np.convolve(xd * xd, np.ones(window))
        idx = np.arange(n)
        trailing_count = np.minimum(idx + 1, window)
        before = window // 2
        after = window - 1 - before
        centred_count = np.minimum(idx + after, n - 1) - np.maximum(idx - before, 0) + 1
        ref["moving"].append({
            "window": window,
            "trailingMean": rounded(full[:n] / trailing_count),
            "trailingRMS": rounded(np.sqrt(full_sq[:n] / trailing_count)),
            "centredMean": rounded(full[after:after + n] / centred_count),
            "centredRMS": rounded(np.sqrt(full_sq[after:after + n] / centred_count)),
        })

    padded = np.pad(xd, 1, mode="edge")
    ref["teager"] = rounded(padded[1:-1] ** 2 - padded[:-2] * padded[2:])

    rng = np.random.default_rng(7)
    stats_input = np.concatenate([rng.standard_t(3, 997), [40.0, -25.0, 0.0]]).astype(np.float32)
    sd = stats_input.astype(np.float64)
    qs = [0.0, 1.0, 5.0, 12.5, 25.0, 50.0, 75.0, 90.0, 99.0, 99.9, 100.0]
    ref["statistics"] = {
        "input": rounded(stats_input), "percentiles": qs,
        "values": rounded(np.percentile(sd, qs)), "median": float(np.median(sd)),
        "mad": float(stats.median_abs_deviation(sd)),
        "madNormal": float(stats.median_abs_deviation(sd, scale="normal")),
        "evenMedian": float(np.median(sd[:10])), "evenInput": rounded(sd[:10]),
    }

    with open(out_path, "w") as f:
        json.dump(ref, f, separators=(",", ":"))
    print(f"wrote {out_path} ({os.path.getsize(out_path)} bytes)")


if __name__ == "__main__":
    main()
