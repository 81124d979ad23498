#!/bin/sh
# Renders the demonstration report pages and takes pictures of them, so a person can look at
# what a clinician would see and print.
#
# Usage: Tools/report/render-demo.sh OUTPUT_FOLDER
# Writes report-demo.html, report-empty.html and report-10k.html (from the MyoReport test
# fixtures), a screenshot of each (.png), and report-demo.pdf printed as A4 with a 60 dpi PNG per
# page (page-N.png) when pdftoppm (poppler-utils) is installed. Needs a built package
# (swift build --build-tests) and chromium on the PATH.
set -eu
if [ $# -ne 1 ]; then
    echo "usage: $0 OUTPUT_FOLDER" >&2
    exit 2
fi
mkdir -p "$1"
out=$(cd "$1" && pwd)
cd "$(dirname "$0")/../.."
MYOTRACE_REPORT_DEMO_DIR="$out" swift test --skip-build --filter "ReportDemoTests"
for page in report-demo report-empty report-10k; do
    chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,3000 \
        --screenshot="$out/$page.png" "file://$out/$page.html" 2>/dev/null
done
chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
    --print-to-pdf="$out/report-demo.pdf" "file://$out/report-demo.html" 2>/dev/null
if command -v pdftoppm >/dev/null 2>&1; then
    pdftoppm -png -r 60 "$out/report-demo.pdf" "$out/page"
fi
echo "pictures in $out"
