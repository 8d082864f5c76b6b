#!/usr/bin/env bash
# Runs the corpus pass of this project (load + validate + write, the Quick "all" median) and of the TypeScript
# peer (js-yaml + @kubernetes-models/argo-workflows, pinned in peer/package.json) over the same corpus, in the
# same run, and prints both medians and their ratio. Needs node and npm (the npm registry); without them it says
# so and exits 0. Usage: tests/Pipelines.Benchmarks/compare-peer.sh [ITERATIONS]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
iterations="${1:-100}"
corpus="${ARGO_CORPUS_DIR:-$root/../shared/third_party/argo-workflows}"
if [[ ! -d "$corpus/examples" ]]; then
  echo "compare-peer: Argo corpus not found at $corpus (set ARGO_CORPUS_DIR)" >&2
  exit 2
fi
if ! command -v node > /dev/null || ! command -v npm > /dev/null; then
  echo "compare-peer: skipped: node and npm are needed for the peer (Debian: nodejs, npm)"
  exit 0
fi

(cd "$here/peer" && npm ci --silent --no-audit --no-fund > /dev/null)
dotnet build -c Release "$here" -nologo -v q > /dev/null

ours_once() {
  ARGO_CORPUS_DIR="$corpus" dotnet "$here/bin/Release/net10.0/Pipelines.Benchmarks.dll" --quick "$iterations" \
    | awk '$1 == "all" { print $3 }'
}
field() { sed -n "s/.*\"$1\":\([0-9.]*\).*/\1/p" <<<"$2"; }

# Alternate the two so that both see the same machine (ours, peer, ours, peer); keep each one's better median.
ours1=$(ours_once); peer1=$(node "$here/peer/peer.mjs" "$corpus/examples" "$iterations")
ours2=$(ours_once); peer2=$(node "$here/peer/peer.mjs" "$corpus/examples" "$iterations")
ours=$(printf '%s\n%s\n' "$ours1" "$ours2" | sort -g | head -n 1)
peer=$(printf '%s\n%s\n' "$(field medianMs "$peer1")" "$(field medianMs "$peer2")" | sort -g | head -n 1)

echo "corpus: $corpus/examples ($(field documents "$peer1") Argo documents; the peer's schema validation rejects $(field rejected "$peer1") of them)"
printf 'pipelines  median %8.2f ms/pass (load + validate + write)\n' "$ours"
printf 'peer       median %8.2f ms/pass (js-yaml + @kubernetes-models/argo-workflows)\n' "$peer"
awk -v a="$ours" -v b="$peer" 'BEGIN { printf "ratio      %.2f (pipelines / peer; the target is 0.50 or less)\n", a / b }'
