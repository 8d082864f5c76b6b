#!/usr/bin/env bash
# The HTML report of a local run (issue 17), end to end: `pipelines run --report` runs run-report/workflow.yaml (a DAG
# with a retried task, a failure the DAG continues on, and a loop) on this machine; headless Chromium opens the report
# from a file:// URL, takes a screenshot and dumps the DOM; run_report_check.py checks that every node of the run shows
# with its phase, that the file references nothing on the network (Content-Security-Policy default-src 'none', no
# http(s) URL) and that Chromium's network log recorded no request. `pipelines report RUN` must write the same bytes.
# Needs chromium (Debian package `chromium`): skipped when absent, except under CI=true. RUN_REPORT_OUT=DIR keeps the
# report and the screenshot there.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
chromium="$(command -v chromium || command -v chromium-browser || true)"
if [[ -z "$chromium" ]]; then
    if [[ "${CI:-}" == "true" ]]; then
        echo "run-report: FAILED: chromium is not installed (Debian package chromium)" >&2
        exit 1
    fi
    echo "run-report: skipped: chromium is not installed (apt-get install chromium)"
    exit 0
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/run-report.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
if ! dotnet build "$root/src/Pipelines.Cli" -nologo -v quiet -nr:false -o "$tmp/cli" >"$tmp/build.log" 2>&1; then
    cat "$tmp/build.log" >&2
    echo "run-report: FAILED: the CLI did not build" >&2
    exit 1
fi

cd "$tmp"
status=0
dotnet cli/Pipelines.Cli.dll run "$here/run-report/workflow.yaml" --host --run-dir run --report report.html --output json >run.json 2>run.err || status=$?
if [[ $status -ne 0 ]]; then
    cat run.err >&2
    echo "run-report: FAILED: the workflow did not succeed (exit $status)" >&2
    exit 1
fi
dotnet cli/Pipelines.Cli.dll report run -o again.html 2>report.err || { cat report.err >&2; echo "run-report: FAILED: pipelines report" >&2; exit 1; }
if ! cmp -s report.html again.html; then
    echo "run-report: FAILED: 'pipelines report RUN' wrote other bytes than 'pipelines run --report'" >&2
    exit 1
fi

flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --hide-scrollbars)
url="file://$tmp/report.html"
"$chromium" "${flags[@]}" --user-data-dir="$tmp/profile-dom" --log-net-log="$tmp/net-dom.json" --dump-dom "$url" >dom.html 2>chromium-dom.log
"$chromium" "${flags[@]}" --user-data-dir="$tmp/profile-shot" --log-net-log="$tmp/net-shot.json" --window-size=1500,1700 --screenshot="$tmp/report.png" "$url" >/dev/null 2>chromium-shot.log

# The control: a page that does load from the network must be caught by the same NetLog check.
printf '<!DOCTYPE html><html><body><img src="http://127.0.0.1:9/control.png"></body></html>\n' >control.html
"$chromium" "${flags[@]}" --user-data-dir="$tmp/profile-control" --log-net-log="$tmp/net-control.json" --dump-dom "file://$tmp/control.html" >/dev/null 2>chromium-control.log
if [[ "$(python3 "$here/run_report_check.py" --page-requests net-control.json)" != "http://127.0.0.1:9/control.png" ]]; then
    echo "run-report: FAILED: the network check did not see the control page's request" >&2
    exit 1
fi

python3 "$here/run_report_check.py" run.json report.html dom.html report.png net-dom.json net-shot.json
if [[ -n "${RUN_REPORT_OUT:-}" ]]; then
    mkdir -p "$RUN_REPORT_OUT"
    cp report.html report.png "$RUN_REPORT_OUT/"
fi
echo "run-report: OK"
