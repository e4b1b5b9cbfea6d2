#!/usr/bin/env bash
# `make models`: rebuilds models/ (gazetteer.bin, ner-ar.bin, ner-en.bin) from ../shared data.
# Usage: bash scripts/build-models.sh BUILD_DIR
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-build}"
case "$build" in /*) ;; *) build="$root/$build" ;; esac
shared="${NEWSD_SHARED_DIR:-$root/../shared}"
if [ ! -d "$shared/data/ner" ] || [ ! -d "$shared/data/gazetteer" ]; then
  echo "build-models: $shared/data/{ner,gazetteer} not found." >&2
  echo "build-models: the training data is not part of the repository; the committed models/ are" >&2
  echo "build-models: used as they are. Set NEWSD_SHARED_DIR to a checkout of the shared data." >&2
  exit 1
fi
for f in /usr/share/iso-codes/json/iso_3166-1.json /usr/share/locale/ar/LC_MESSAGES/iso_3166-1.mo; do
  [ -f "$f" ] || { echo "build-models: $f missing (apt-get install iso-codes)" >&2; exit 1; }
done
cmake --build "$build" --target build_gazetteer train_ner
ner="$shared/data/ner"
gaz="$shared/data/gazetteer"
out="$root/models"
mkdir -p "$out"
"$build/tools/build_gazetteer/build_gazetteer" --geonames "$gaz/geonames" \
  --legislators "$gaz/everypolitician/ep2015-wikidata-labels.tsv" \
  --curated "$root/daemon/entities/curated" --out "$out/gazetteer.bin"
# Dev scores first (Arabic: last tenth of the ANERcorp train file; English: CoNLL dev from a
# train-only model), then the shipped models from all the training data.
"$build/tools/train_ner/train_ner" --lang ar --train "$ner/anercorp-train.conll" --dev-tail 0.1 \
  --gazetteer "$out/gazetteer.bin"
"$build/tools/train_ner/train_ner" --lang en --train "$ner/conll2003-train.conll" \
  --dev "$ner/conll2003-dev.conll" --gazetteer "$out/gazetteer.bin"
"$build/tools/train_ner/train_ner" --lang ar --train "$ner/anercorp-train.conll" \
  --gazetteer "$out/gazetteer.bin" --out "$out/ner-ar.bin"
"$build/tools/train_ner/train_ner" --lang en --train "$ner/conll2003-train.conll" \
  "$ner/conll2003-dev.conll" --gazetteer "$out/gazetteer.bin" --out "$out/ner-en.bin"
ls -l "$out"
