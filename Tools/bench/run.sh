#!/usr/bin/env bash
# Myotrace's reading benchmark, beside the Python peers in the same run, on one core.
#
#   Tools/bench/run.sh [OUT_DIR]      (default .build/bench)
#
# Needs the shared benchmark recordings (shared/ beside the repository or $MYOTRACE_SHARED_DIR)
# and a Python with pyedflib, edfio and MNE ($MYOTRACE_PEERS_PYTHON, default .venv-peers/bin/python;
# see shared/peers/README.md to create it). Prints a Markdown table for BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
shared=$(cd "${MYOTRACE_SHARED_DIR:-$root/../shared}" && pwd)
py=${MYOTRACE_PEERS_PYTHON:-$root/.venv-peers/bin/python}
out=${1:-$root/.build/bench}
mkdir -p "$out/files" "$out/peers"
one_core="taskset -c 0"
command -v taskset >/dev/null || one_core=""

swift build -c release --product MyoBench >&2
swift build -c release --product myotrace >&2   # only to convert a file; not timed here
bin=$root/.build/release

hour=$out/files/synth_3600s_seed4.edf
cp -f "$shared/benchmarks/synth_3600s_seed4.edf" "$hour"   # a copy: the peers look for the .bdf beside the resolved path
ln -sf "$shared/benchmarks/synth_3600s_seed4_tonic.csv" "$out/files/synth_3600s_seed4_tonic.csv"
# The same signals as 24-bit BDF+, written by Myotrace (the peers read it too).
[ -f "$out/files/synth_3600s_seed4.bdf" ] || "$bin/myotrace" convert "$hour" "$out/files/synth_3600s_seed4.bdf" >&2
# A 10-hour recording to show that streaming memory does not grow with length.
long=$out/files/synth_36000s_seed9.edf
[ -f "$long" ] || "$py" "$shared/peers/make_synthetic.py" --duration-s 36000 --seed 9 --out-dir "$out/files" --no-csv --no-annotations >&2

: > "$out/myotrace.jsonl"
for f in "$hour" "$out/files/synth_3600s_seed4.bdf"; do
  $one_core "$bin/MyoBench" read "$f" --repeats 5 >> "$out/myotrace.jsonl"
done
for f in "$shared/benchmarks/synth_600s_seed1.edf" "$hour" "$long"; do
  $one_core "$bin/MyoBench" stream "$f" >> "$out/myotrace.jsonl"
done

# The peers' readers on the same files (the detection peers are skipped here: "--only none").
$one_core "$py" "$shared/peers/run_peers.py" run --edf "$hour" --truth "$shared/benchmarks/synth_3600s_seed4_events.csv" \
  --out-dir "$out/peers" --only "none-selected$" --read-repeats 5 --skip-reason "reading benchmark only" >&2

"$py" "$root/Tools/bench/summarize.py" "$out"
