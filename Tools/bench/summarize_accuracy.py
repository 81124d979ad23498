#!/usr/bin/env python3
"""Tabulates Tools/bench/accuracy.sh results as Markdown: Myotrace beside the peers."""
import json
import sys
from pathlib import Path

out = Path(sys.argv[1])
rows = []
for ev in sorted(out.glob("*.eval.json")):
    if ev.name.endswith(".acc.eval.json"):
        continue
    name = ev.name[: -len(".eval.json")]
    rows.append({"file": name, "emg": json.loads(ev.read_text()),
                 "acc": json.loads((out / f"{name}.acc.eval.json").read_text())})


def score(ev, kind):
    for s in ev["scores"]:
        if s["kind"] == kind:
            return s
    return None


def fmt(s):
    if s is None:
        return "-"
    err = s.get("medianAbsoluteOnsetErrorMs")
    e = f"{err:.1f}" if err is not None else "-"
    return f"**{s['f1']:.3f}** ({s['precision']:.2f} / {s['recall']:.2f}), {e} ms"


print("### Myotrace, all channels (EMG scored at 50 ms)\n")
print("| recording | positive F1 (P / R), median abs onset error | negative F1 (P / R), median abs onset error | voluntary counted as jerk |")
print("|---|---|---|---:|")
for r in rows:
    e = r["emg"]
    print(f"| {r['file']} | {fmt(score(e, 'positive'))} | {fmt(score(e, 'negative'))} | {e['voluntaryCountedAsJerk']}/{e['voluntaryCount']} |")
print("\n### Myotrace, accelerometer alone (scored against the accelerometer onsets at 100 ms)\n")
print("| recording | positive F1 (P / R), median abs onset error | negative F1 (P / R), median abs onset error | voluntary counted as jerk |")
print("|---|---|---|---:|")
for r in rows:
    e = r["acc"]
    print(f"| {r['file']} | {fmt(score(e, 'positive'))} | {fmt(score(e, 'negative'))} | {e['voluntaryCountedAsJerk']}/{e['voluntaryCount']} |")

peers = {}
for p in sorted((out / "peers").glob("*.json")):
    d = json.loads(p.read_text())
    peers[d["recording"]["stem"]] = d
if peers:
    print("\n### Peers on the same files (EMG channel, positive bursts, 'short' view: activations of 10-300 ms, 50 ms)\n")
    stems = sorted(s for s in peers if "3600" not in s)
    print("| peer | " + " | ".join(stems) + " | seconds per hour of EMG |")
    print("|---|" + "---|" * len(stems) + "---:|")
    names = []
    for s in stems:
        for n in peers[s]["peers"]:
            if n not in names:
                names.append(n)
    for n in names:
        cells, sph = [], None
        for s in stems:
            v = peers[s]["peers"].get(n)
            if not v or v.get("status") != "ok":
                cells.append(v.get("status", "-") if v else "-")
                continue
            sh = v["score"]["views"]["short"]
            cells.append(f"{sh['f1']:.3f} ({sh['precision']:.2f} / {sh['recall']:.2f})")
            if sph is None:
                sph = v["s_per_hour"]
        print(f"| {n} | " + " | ".join(cells) + f" | {sph:.2f} |" if sph is not None else f"| {n} | " + " | ".join(cells) + " | - |")

speed = json.loads((out / "speed.json").read_text())
hour_peers = peers.get("synth_3600s_seed4", {}).get("peers", {})
bonato = hour_peers.get("biosppy.bonato", {})
mem = json.loads((out / "memory.json").read_text())
day = mem["day"].split()
print("\n### Speed and memory (release build, one core)\n")
print(f"- `myotrace analyze synth_3600s_seed4.edf` end to end (read, the EMG detector, the motion detector, fusion, "
      f"summary and the characterisation): **{speed['bestSeconds']:.4f} s** for 1 hour (best of 5, median "
      f"{speed['medianSeconds']:.4f} s; wall clock, process start included), peak RSS {speed['peakKiB'] / 1024:.0f} MiB.")
if bonato.get("status") == "ok":
    ratio = bonato["s_per_hour"] / speed["bestSeconds"]
    print(f"- Same run, same file: BioSPPy's Bonato detector {bonato['s_per_hour']:.2f} s per hour (detection alone, "
          f"after reading): Myotrace's whole analysis is **{ratio:.1f} times faster**.")
print(f"- Peak RSS analysing 1 hour: {speed['peakKiB'] / 1024:.0f} MiB; a simulated 24-hour recording: "
      f"{int(day[1]) / 1024:.0f} MiB in {float(day[0]):.2f} s: memory does not grow with length.")
