# Sourced by the e2e scripts that need Argo's corpus (not run on its own: .ci/run runs only tests/e2e/*.sh).
# require_corpus NAME [FILE]: sets $corpus to the absolute corpus folder ($ARGO_CORPUS_DIR, else
# ../shared/third_party/argo-workflows beside the repository). When it (or its examples/, or FILE inside it) is
# absent, the calling script is skipped (exit 0), except under CI=true, where it fails (exit 1).
require_corpus() {
    local name="$1" need="${2:-}"
    corpus="${ARGO_CORPUS_DIR:-$root/../shared/third_party/argo-workflows}"
    if [[ ! -d "$corpus/examples" || ( -n "$need" && ! -f "$corpus/$need" ) ]]; then
        if [[ "${CI:-}" == "true" ]]; then
            echo "$name: FAILED: Argo corpus not found at $corpus (set ARGO_CORPUS_DIR to its folder)" >&2
            exit 1
        fi
        echo "$name: skipped: Argo corpus not found at $corpus (set ARGO_CORPUS_DIR to its folder)"
        exit 0
    fi
    corpus="$(cd "$corpus" && pwd)"
}
