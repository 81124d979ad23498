#!/usr/bin/env bash
# Detection accuracy and speed of `myotrace analyze` on the shared benchmark recordings, beside
# the Python peers (run_peers.py) measured in the same run.
#
#   Tools/bench/accuracy.sh [OUT_DIR]     (default .build/accuracy)
#
# For each benchmark: analyze (all channels), evaluate against the truth (EMG, 50 ms); analyze
# the accelerometer alone and evaluate against the accelerometer onsets (100 ms). Then the peers'
# detectors on the same files, the end-to-end speed on the 1-hour file, and peak memory on a
# simulated 24-hour recording. Prints Markdown for BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
shared=$(cd "${MYOTRACE_SHARED_DIR:-$root/../shared}" && pwd)
py=${MYOTRACE_PEERS_PYTHON:-$root/.venv-peers/bin/python}
out=${1:-$root/.build/accuracy}
mkdir -p "$out"
one_core="taskset -c 0"
command -v taskset >/dev/null || one_core=""
# The binary README.md says to install: fully static, in a build folder of its own (its compiler
# flags differ from the default build's, which would otherwise be rebuilt every time).
swift build -c release --product myotrace -Xswiftc -static-executable --scratch-path "$root/.build/static" >&2
bin=$root/.build/static/release/myotrace

for rec in "$shared"/benchmarks/*.edf "$shared"/benchmarks/*.bdf; do
  name=$(basename "$rec")
  stem=${name%.*}
  truth=$shared/benchmarks/${stem}_events.csv
  "$bin" analyze "$rec" --events "$out/$name.events.csv" > "$out/$name.summary.txt"
  "$bin" evaluate --truth "$truth" --events "$out/$name.events.csv" --json > "$out/$name.eval.json"
  # Motion alone: the accelerometer's own onsets are the truth, tolerance 100 ms (docs/sources.md, evaluation).
  "$py" - "$truth" "$out/$name.acc_truth.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
with open(sys.argv[2], "w", newline="") as f:
    w = csv.writer(f); w.writerow(["onset_s", "duration_s", "kind"])
    for r in rows:
        onset = r["acc_onset_s"] if r["kind"] != "voluntary" else r["onset_s"]
        w.writerow([onset, r["duration_s"], r["kind"]])
PY
  "$bin" analyze "$rec" --channel ACC_X --channel ACC_Y --channel ACC_Z --events "$out/$name.acc.events.csv" > /dev/null
  "$bin" evaluate --truth "$out/$name.acc_truth.csv" --events "$out/$name.acc.events.csv" --tolerance-ms 100 --json > "$out/$name.acc.eval.json"
done

# End-to-end speed on the 1-hour recording, best of 5, one core: timed in Python to the
# microsecond (GNU time prints hundredths of a second), peak RSS from the children's rusage.
hour=$shared/benchmarks/synth_3600s_seed4.edf
"$py" - "$bin" "$hour" "$out/speed.json" <<'PY'
import json, os, resource, subprocess, sys, time
binary, recording, out = sys.argv[1:4]
if hasattr(os, "sched_setaffinity"):
    os.sched_setaffinity(0, {0})
times = []
for _ in range(5):
    start = time.perf_counter()
    subprocess.run([binary, "analyze", recording], stdout=subprocess.DEVNULL, check=True)
    times.append(time.perf_counter() - start)
json.dump({"bestSeconds": min(times), "medianSeconds": sorted(times)[2],
           "peakKiB": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}, open(out, "w"))
PY

# Peak memory does not grow with length: a simulated 24 hours against the hour above (whose
# peak the timed runs already give).
day=$out/sim_24h.edf
[ -f "$day" ] || "$bin" simulate "$day" --duration 86400 --seed 24 --truth "$out/sim_24h_truth.csv" > /dev/null
mem_day=$( { /usr/bin/time -f "%e %M" "$bin" analyze "$day" > /dev/null; } 2>&1 | tail -1)
echo "{\"day\": \"$mem_day\"}" > "$out/memory.json"

# The peers on the same files (every detector on the 10-minute files; the fast ones on 1 hour).
# SKIP_PEERS=1 skips the (slow) full peer runs on the 10-minute files but keeps the fast peers on
# the 1-hour file, so the speed ratio is always measured in the same run.
if [ "${SKIP_PEERS:-0}" != 1 ]; then
  for rec in "$shared"/benchmarks/synth_600s_seed*.edf; do
    stem=$(basename "$rec" .edf)
    $one_core "$py" "$shared/peers/run_peers.py" run --edf "$rec" --truth "$shared/benchmarks/${stem}_events.csv" \
      --out-dir "$out/peers" --skip "pelt,abbink,londral" --skip-reason "over 20 min per hour of signal" --read-repeats 1 >&2
  done
fi
$one_core "$py" "$shared/peers/run_peers.py" run --edf "$hour" --truth "$shared/benchmarks/synth_3600s_seed4_events.csv" \
  --out-dir "$out/peers" --only "bonato,lidierth,scipy" --read-repeats 1 >&2
"$py" "$root/Tools/bench/summarize_accuracy.py" "$out"
