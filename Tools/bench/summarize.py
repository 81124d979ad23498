#!/usr/bin/env python3
"""Tabulates Tools/bench/run.sh results (Myotrace JSON lines + the peers' JSON) as Markdown."""
import json
import platform
import sys
from pathlib import Path

out = Path(sys.argv[1])
mine = [json.loads(line) for line in (out / "myotrace.jsonl").read_text().splitlines() if line.strip()]
peer_files = sorted((out / "peers").glob("*.json"))
peers = json.loads(peer_files[-1].read_text()) if peer_files else {}
readers = peers.get("readers", {})

print(f"Machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}, one core (taskset -c 0), warm cache, best of 5.\n")
print("| reader | file | seconds | seconds per hour of recording | samples per second | ratio to Myotrace |")
print("|---|---|---:|---:|---:|---:|")
reads = [m for m in mine if m["benchmark"] == "read"]
by_kind = {("BDF" if m["file"].endswith(".bdf") else "EDF"): m for m in reads}
for kind, m in by_kind.items():
    print(f"| **Myotrace** (streaming, all channels) | {m['file']} | {m['seconds']:.4f} | {m['secondsPerHour']:.4f} | {m['samplesPerSecond']/1e6:.0f} M | 1.0 |")
    for name, r in readers.items():
        if name.startswith("_") or r.get("t_s") is None:
            continue
        if name.startswith("BDF") != (kind == "BDF") or "csv" in name:
            continue
        hours = m["recordingHours"]
        print(f"| {name} | {m['file']} | {r['t_s']:.4f} | {r['t_s']/hours:.4f} | {m['samples']/r['t_s']/1e6:.0f} M | {r['t_s']/m['seconds']:.1f} |")
print()
print("| streaming pass | recording hours | samples | seconds | peak resident memory (MiB) |")
print("|---|---:|---:|---:|---:|")
for m in mine:
    if m["benchmark"] == "stream":
        print(f"| {m['file']} | {m['recordingHours']:.2f} | {m['samples']} | {m['seconds']:.3f} | {m['peakResidentKiB']/1024:.1f} |")
