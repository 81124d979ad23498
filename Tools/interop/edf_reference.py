#!/usr/bin/env python3
"""Writes pyedflib's reading of every EDF/BDF file under a folder, for Myotrace's agreement tests.

Usage: python Tools/interop/edf_reference.py --data-dir ../shared/data --out DIR

For each .edf/.bdf below --data-dir (relative path with "/" replaced by "__") it writes
  DIR/<name>.json          labels, sample rates, sample counts, annotations, record duration,
                           or {"refused": message} when pyedflib cannot open the file;
  DIR/<name>.<i>.dig.bin   digital values of signal i, int32 little-endian;
  DIR/<name>.<i>.phys.bin  physical values of signal i, float64 little-endian.
The test suite EDFAgreementTests reads DIR from the environment variable MYOTRACE_EDF_REFERENCE.
"""
import argparse
import json
import os
import sys

import numpy as np
import pyedflib


def reference(path):
    reader = pyedflib.EdfReader(path)
    try:
        n = reader.signals_in_file
        onsets, durations, texts = reader.readAnnotations()
        info = {
            "labels": [reader.getLabel(i) for i in range(n)],
            "sample_rates": [float(reader.getSampleFrequency(i)) for i in range(n)],
            "sample_counts": [int(c) for c in reader.getNSamples()],
            "record_duration": float(reader.datarecord_duration),
            "annotations": [
                {"onset": float(o), "duration": float(d), "text": str(t)}
                for o, d, t in zip(onsets, durations, texts)
            ],
        }
        signals = []
        for i in range(n):
            digital = reader.readSignal(i, digital=True).astype("<i4")
            physical = reader.readSignal(i, digital=False).astype("<f8")
            signals.append((digital, physical))
        return info, signals
    finally:
        reader.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    count = 0
    for folder, _, files in os.walk(args.data_dir):
        for name in sorted(files):
            if os.path.splitext(name)[1].lower() not in (".edf", ".bdf"):
                continue
            path = os.path.join(folder, name)
            relative = os.path.relpath(path, args.data_dir)
            stem = relative.replace(os.sep, "__")
            try:
                info, signals = reference(path)
            except Exception as error:  # pyedflib raises OSError or others for files it refuses
                info, signals = {"refused": str(error).replace(path, relative)}, []
            info["file"] = relative
            for i, (digital, physical) in enumerate(signals):
                digital.tofile(os.path.join(args.out, f"{stem}.{i}.dig.bin"))
                physical.tofile(os.path.join(args.out, f"{stem}.{i}.phys.bin"))
            with open(os.path.join(args.out, stem + ".json"), "w", encoding="utf-8") as f:
                json.dump(info, f, ensure_ascii=False, indent=1)
            count += 1
            print(("refused " if "refused" in info else "read    ") + relative, file=sys.stderr)
    print(f"{count} files written to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    np.seterr(all="ignore")
    main()
