#!/usr/bin/env bash
# The local runner against the upstream examples (ARGO-SEMANTICS.md section 21): every Workflow Argo's e2e suite
# requires to end Succeeded is run with `pipelines run --host`; runner_corpus.py reports how many ran and ended as the
# guide says, lists those that cannot run here with the reason, and fails if any that ran ended differently.
# Corpus: $ARGO_CORPUS_DIR, else ../shared/third_party/argo-workflows beside the repository (skipped when absent,
# except under CI=true). Runs the user's example commands (sh, echo, python3, ...) as processes on this machine.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
. "$here/lib/corpus.sh"
require_corpus runner-corpus

tmp="$(mktemp -d "${TMPDIR:-/tmp}/runner-corpus.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
if ! dotnet build "$root/src/Pipelines.Cli" -nologo -v quiet -nr:false -o "$tmp/cli" >"$tmp/build.log" 2>&1; then
    cat "$tmp/build.log" >&2
    echo "runner-corpus: FAILED: the CLI did not build" >&2
    exit 1
fi
mkdir -p "$tmp/work"
python3 "$here/runner_corpus.py" "$tmp/cli/Pipelines.Cli.dll" "$(cd "$corpus/examples" && pwd)" "$tmp/work" --timeout "${RUNNER_CORPUS_TIMEOUT:-90}" --jobs "${RUNNER_CORPUS_JOBS:-8}" --min-ran "${RUNNER_CORPUS_MIN:-60}"
