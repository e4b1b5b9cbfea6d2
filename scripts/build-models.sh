#!/usr/bin/env bash
# `make models`: rebuilds models/ (gazetteer.bin, ner-ar.bin, ner-ar-doc.bin, ner-en.bin) from
# ../shared data.
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
EN_OPTS="--epochs 20 --dropout 0.3 --lexicon-from-train"
unlabeled="$shared/data/dedup/ant-dev.jsonl"  # ANT corpus, Arabic news: word classes only
[ -f "$unlabeled" ] || { echo "build-models: $unlabeled missing" >&2; exit 1; }
# One run per language prints the dev scores (Arabic: 5-fold cross-validation over the ANERcorp
# train file and its last tenth; English: CoNLL dev from a train-only model), then writes the
# shipped model trained on all the training data.
# Arabic has two passes: ner-ar-doc.bin re-tags each sentence with document features (the
# first-pass labels of the same word in the 8 sentences either side; the window must match
# kDocWindow in daemon/entities/tagger_util.h). --vocab-unlabeled: the 40,000 most frequent
# ANT words are precomputed at load like the training words (speed only; no effect on labels).
# --corpus-votes 3000: a model without them tags the first 3,000 ANT texts; the labels each word
# got there become a feature (jackknifed inside the training data; docs/entities.md).
# --doc-from-votes: the second pass trains on the labels of that jackknife (5 fewer trainings).
"$build/tools/train_ner/train_ner" --lang ar --train "$ner/anercorp-train.conll" \
  --gazetteer "$out/gazetteer.bin" --unlabeled "$unlabeled" --epochs 30 --dropout 0.3 \
  --doc-window 8 --vocab-unlabeled 40000 --corpus-votes 3000 --doc-from-votes \
  --folds "${NEWSD_NER_FOLDS:-5}" --dev-tail 0.1 --out "$out/ner-ar.bin" --out-doc "$out/ner-ar-doc.bin"
"$build/tools/train_ner/train_ner" --lang en --train "$ner/conll2003-train.conll" \
  --dev "$ner/conll2003-dev.conll" --gazetteer "$out/gazetteer.bin" $EN_OPTS
"$build/tools/train_ner/train_ner" --lang en --train "$ner/conll2003-train.conll" \
  "$ner/conll2003-dev.conll" --gazetteer "$out/gazetteer.bin" $EN_OPTS --out "$out/ner-en.bin"
ls -l "$out"
