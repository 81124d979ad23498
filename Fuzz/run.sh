#!/bin/sh
# Fuzzes the EDF/BDF header parser and the TAL parser with libFuzzer and AddressSanitizer.
#
# Usage: Fuzz/run.sh [SECONDS]   (default 60), from anywhere inside the repository.
# Seeds: the corpus Tests/Fixtures/malformed and, when present, the EDF/BDF files under
# ../shared/data (or $MYOTRACE_SHARED_DIR/data). Crashing inputs are written to Fuzz/crashes/.
set -eu
seconds="${1:-60}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
build=".build/fuzz"
corpus="$build/corpus"
mkdir -p "$build" "$corpus" Fuzz/crashes

flags="-O -parse-as-library -sanitize=fuzzer,address"
swiftc $flags -wmo -module-name MyoSignal -emit-module -emit-module-path "$build/MyoSignal.swiftmodule" \
    -c Sources/MyoSignal/*.swift -o "$build/MyoSignal.o"
swiftc $flags -I "$build" -module-name MyoFormatsFuzz \
    Fuzz/EDFFuzz.swift Sources/MyoFormats/EDF/*.swift \
    Sources/MyoFormats/Common/FormatError.swift Sources/MyoFormats/Common/FileFormat.swift \
    Sources/MyoFormats/Common/BinaryFile.swift Sources/MyoFormats/Common/RecordingReader.swift \
    "$build/MyoSignal.o" -o "$build/edf-fuzz"

cp Tests/Fixtures/malformed/* "$corpus/"
shared="${MYOTRACE_SHARED_DIR:-$root/../shared}/data"
if [ -d "$shared" ]; then
    # Seeds are capped at 64 KB so the fuzzer spends its time on headers and the first records.
    find "$shared" -type f \( -iname '*.edf' -o -iname '*.bdf' \) | while read -r f; do
        head -c 65536 "$f" > "$corpus/shared_$(echo "$f" | cksum | cut -d' ' -f1)"
    done
fi
"$build/edf-fuzz" "$corpus" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
    -artifact_prefix=Fuzz/crashes/ -print_final_stats=1
