#!/usr/bin/env python3
"""Opens an EDF+/BDF+ file written by Myotrace with independent readers and checks it.

Usage: check_written_edf.py FILE [--expect EXPECT.json]

The file is read with pyedflib, with MNE (read_raw_edf / read_raw_bdf) and with edfio when it
is installed. Each reader's labels, sample rates, sample counts, physical values and
annotations are printed. With --expect, they are compared with what the writer was given:

    {
      "labels": ["EMG L-Tib", ...],
      "rates": [256.0, ...],
      "file_samples": [2560, ...],        # samples per channel in the file (whole records)
      "signals": [[0.5, -1.25, ...], ...], # the physical values written (a prefix is enough)
      "tolerance": [0.0153, ...],          # allowed error per channel (half a quantisation step)
      "annotations": [{"onset": 1.5, "duration": null, "text": "jerk"}, ...]
    }

Exits 0 when every reader agrees with the expectation, 1 on any disagreement, 2 when the file
cannot be opened at all.
"""
import argparse
import json
import sys

import numpy as np

UNIT_SCALE_MNE = {"uv": 1e-6, "\u00b5v": 1e-6, "mv": 1e-3, "nv": 1e-9, "v": 1.0}


class Checker:
    def __init__(self, expect):
        self.expect = expect
        self.problems = []

    def fail(self, reader, what):
        self.problems.append(f"{reader}: {what}")

    def labels(self, reader, labels):
        if self.expect is not None and list(labels) != self.expect["labels"]:
            self.fail(reader, f"labels {list(labels)} != {self.expect['labels']}")

    def rates(self, reader, rates, indices=None):
        if self.expect is None:
            return
        expected = self.expect["rates"]
        for i, rate in zip(indices if indices is not None else range(len(rates)), rates):
            if abs(float(rate) - expected[i]) > 1e-9 * max(1.0, expected[i]):
                self.fail(reader, f"channel {i} rate {rate} != {expected[i]}")

    def counts(self, reader, counts):
        if self.expect is not None and list(map(int, counts)) != self.expect["file_samples"]:
            self.fail(reader, f"sample counts {list(map(int, counts))} != {self.expect['file_samples']}")

    def samples(self, reader, index, data):
        if self.expect is None:
            return
        want = np.asarray(self.expect["signals"][index], dtype=float)
        got = np.asarray(data, dtype=float)[: len(want)]
        if len(got) < len(want):
            self.fail(reader, f"channel {index}: {len(got)} samples, expected at least {len(want)}")
            return
        err = np.max(np.abs(got - want)) if len(want) else 0.0
        if err > self.expect["tolerance"][index]:
            worst = int(np.argmax(np.abs(got - want)))
            self.fail(reader, f"channel {index}: sample {worst} is {got[worst]}, expected {want[worst]} "
                              f"(error {err:.3g} > {self.expect['tolerance'][index]:.3g})")

    def annotations(self, reader, found):
        """found: list of (onset, duration or None, text)."""
        if self.expect is None:
            return
        want = [(a["onset"], a["duration"], a["text"]) for a in self.expect["annotations"]]
        if len(found) != len(want):
            self.fail(reader, f"{len(found)} annotations, expected {len(want)}")
            return
        for k, ((o, d, t), (wo, wd, wt)) in enumerate(zip(found, want)):
            if abs(o - wo) > 1e-6 or t != wt or (d is None) != (wd is None) or \
                    (d is not None and abs(d - wd) > 1e-6):
                self.fail(reader, f"annotation {k}: {(o, d, t)!r} != {(wo, wd, wt)!r}")
                return


def check_pyedflib(path, checker):
    import pyedflib
    with pyedflib.EdfReader(path) as f:
        n = f.signals_in_file
        labels = [s.strip() for s in f.getSignalLabels()]
        rates = [f.getSampleFrequency(i) for i in range(n)]
        counts = list(f.getNSamples()[:n])
        print(f"pyedflib: {n} signals {labels} rates {rates} samples {counts}")
        checker.labels("pyedflib", labels)
        checker.rates("pyedflib", rates)
        checker.counts("pyedflib", counts)
        for i in range(n):
            checker.samples("pyedflib", i, f.readSignal(i))
        onsets, durations, texts = f.readAnnotations()
        found = [(float(o), None if float(d) < 0 else float(d), str(t)) for o, d, t in zip(onsets, durations, texts)]
        print(f"pyedflib: {len(found)} annotations, first {found[:3]}")
        checker.annotations("pyedflib", found)


def check_mne(path, checker):
    import mne
    reader = mne.io.read_raw_bdf if path.lower().endswith(".bdf") else mne.io.read_raw_edf
    raw = reader(path, preload=True, verbose="error")
    labels = list(raw.ch_names)
    print(f"mne: {len(labels)} channels {labels} sfreq {raw.info['sfreq']}")
    checker.labels("mne", labels)
    if checker.expect is not None:
        # MNE resamples every channel to the highest rate; compare values only where none was needed.
        top = max(checker.expect["rates"])
        units = getattr(raw, "_orig_units", {}) or {}
        data = raw.get_data()
        for i, rate in enumerate(checker.expect["rates"]):
            if rate != top:
                continue
            scale = UNIT_SCALE_MNE.get(str(units.get(labels[i], "")).strip().lower(), 1.0)
            checker.samples("mne", i, data[i] / scale)
        if abs(raw.info["sfreq"] - top) > 1e-9 * top:
            checker.fail("mne", f"sfreq {raw.info['sfreq']} != highest rate {top}")
    # MNE writes 0 for "no duration": read it as none where none was written.
    want = checker.expect["annotations"] if checker.expect is not None else []
    found = []
    for k, a in enumerate(raw.annotations):
        duration = float(a["duration"])
        if duration == 0 and (checker.expect is None or (k < len(want) and want[k]["duration"] is None)):
            duration = None
        found.append((float(a["onset"]), duration, a["description"]))
    print(f"mne: {len(found)} annotations, first {found[:3]}")
    checker.annotations("mne", found)


def check_edfio(path, checker):
    try:
        import edfio
    except ImportError:
        print("edfio: not installed, skipped")
        return
    read = edfio.read_bdf if path.lower().endswith(".bdf") else edfio.read_edf
    f = read(path)
    labels = [s.label for s in f.signals]
    rates = [s.sampling_frequency for s in f.signals]
    print(f"edfio: {len(labels)} signals {labels} rates {rates}")
    checker.labels("edfio", labels)
    checker.rates("edfio", rates)
    checker.counts("edfio", [len(s.data) for s in f.signals])
    for i, s in enumerate(f.signals):
        checker.samples("edfio", i, s.data)
    found = [(float(a.onset), None if a.duration is None else float(a.duration), a.text) for a in f.annotations]
    print(f"edfio: {len(found)} annotations, first {found[:3]}")
    checker.annotations("edfio", found)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file")
    parser.add_argument("--expect", help="JSON file with the expected contents")
    args = parser.parse_args()
    expect = None
    if args.expect:
        with open(args.expect, encoding="utf-8") as fh:
            expect = json.load(fh)
    checker = Checker(expect)
    for name, check in (("pyedflib", check_pyedflib), ("mne", check_mne), ("edfio", check_edfio)):
        try:
            check(args.file, checker)
        except Exception as exc:  # a reader refusing the file is a disagreement, not a crash
            checker.fail(name, f"cannot read the file: {type(exc).__name__}: {exc}")
    if checker.problems:
        print("DISAGREEMENTS:")
        for p in checker.problems:
            print("  " + p)
        return 1
    print("OK" if expect is not None else "read by every reader (nothing to compare)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
