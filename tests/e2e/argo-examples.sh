#!/usr/bin/env bash
# End-to-end check of C# authoring on samples/ArgoExamples:
#   1. `dotnet build` the sample into a temporary manifests folder (generator -> assembly -> build task -> YAML);
#   2. one manifest per C# port, and `pipelines lint` over them exits 0;
#   3. argo_examples_check.py: every manifest is valid against the strict schema.json, and for every Argo document of each upstream file a port names ("// Port of: X.yaml"),
#      a generated manifest of the same kind and metadata.name/generateName equals it under the agreed normalization.
# Corpus: $ARGO_CORPUS_DIR, else ../shared/third_party/argo-workflows beside the repository. When it is absent the
# check is skipped (exit 0), except under CI=true (exit 1). Runs from any working directory.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
. "$here/lib/corpus.sh"
require_corpus argo-examples

tmp="$(mktemp -d "${TMPDIR:-/tmp}/argo-examples.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
fail() {
    echo "argo-examples: FAILED: $*" >&2
    exit 1
}

out="$tmp/manifests/"
echo "argo-examples: building samples/ArgoExamples" >&2
if ! dotnet build "$root/samples/ArgoExamples" -nologo -v quiet -nr:false "-p:PipelinesManifestsDir=$out" >"$tmp/build.log" 2>&1; then
    cat "$tmp/build.log" >&2
    fail "samples/ArgoExamples did not build"
fi

ports=$(find "$root/samples/ArgoExamples" -name '*.cs' -not -path '*/obj/*' -not -path '*/bin/*' | wc -l)
manifests=$(ls "$out" | grep '\.yaml$' | grep -vc '^kustomization\.yaml$' || true)
# One manifest per port at least: a port of a multi-document file (MultiDocument/) writes one per document.
[[ "$manifests" -ge "$ports" ]] || fail "$ports C# ports but only $manifests manifests in $out"

if ! dotnet run --project "$root/src/Pipelines.Cli" -- lint "$out" >"$tmp/lint.log" 2>&1; then
    cat "$tmp/lint.log" >&2
    fail "pipelines lint found errors in the generated manifests"
fi

python3 "$here/argo_examples_check.py" "$root/samples/ArgoExamples" "$out" "$corpus/examples"
echo "argo-examples: $manifests manifests passed"
