#!/bin/sh
# Usage: run_conformance.sh PYTHON SHARED_DIR NEWSD_BINARY
# Runs the feedparser-derived conformance suite; exits 77 (ctest SKIP) when the
# shared data is absent, as in a user's clone.
python=$1 shared=$2 newsd=$3
cases="$shared/conformance/feeds/cases"
if [ ! -d "$cases" ]; then
  echo "SKIP: $cases is absent"
  exit 77
fi
exec "$python" "$shared/conformance/feeds/check.py" "$cases" "$newsd" --jobs 2 --min-pass-rate 0.98
