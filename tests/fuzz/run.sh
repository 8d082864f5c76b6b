#!/usr/bin/env bash
# Coverage-guided fuzzing with SharpFuzz and afl++ (see README.md). Not part of tests/e2e or CI.
#   tests/fuzz/run.sh [SECONDS] [TARGET...]     default: 600 seconds each for yaml fmt expr journal, one after another
# Publishes tests/fuzz/Pipelines.Fuzz, instruments the assemblies under test, runs afl-fuzz per target starting from
# tests/fuzz/corpus/TARGET (the committed, minimized corpus) or tests/fuzz/seeds/TARGET, prints the figures, and
# minimizes the queue back into tests/fuzz/corpus/TARGET. Work files go to tests/fuzz/.work (ignored by git).
# Crashes and hangs are kept in .work/findings/TARGET/default/{crashes,hangs}; reproduce one with
#   dotnet tests/fuzz/.work/bin/Pipelines.Fuzz.dll TARGET FILE
# Environment: FUZZ_TIMEOUT_MS (default 3000: a run slower than that counts as a hang), FUZZ_NICE (default 10),
# FUZZ_MAX_LEN (default 4096: longest generated input, which keeps the committed corpus small).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
seconds="${1:-600}"
shift || true
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(yaml fmt expr journal)
timeout_ms="${FUZZ_TIMEOUT_MS:-3000}"
nice_level="${FUZZ_NICE:-10}"

if ! command -v afl-fuzz >/dev/null; then
    echo "fuzz: afl-fuzz not found; install Debian's afl++ (apt-get install afl++)" >&2
    exit 1
fi

work="$here/.work"
mkdir -p "$work"
tools="$work/tools"
if [[ ! -x "$tools/sharpfuzz" ]]; then
    echo "fuzz: installing the SharpFuzz.CommandLine tool 2.3.0 into $tools" >&2
    dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$tools" >/dev/null
fi

bin="$work/bin"
echo "fuzz: publishing Pipelines.Fuzz (Release) to $bin" >&2
rm -rf "$bin"
dotnet publish "$here/Pipelines.Fuzz" -c Release -o "$bin" -nologo -v quiet >"$work/publish.log" 2>&1 || { cat "$work/publish.log" >&2; exit 1; }
for dll in Pipelines.Argo.dll YamlDotNet.dll Pipelines.Runner.dll; do
    "$tools/sharpfuzz" "$bin/$dll" >/dev/null
done

dotnet="$(command -v dotnet)"
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1
status=0
for target in "${targets[@]}"; do
    seeds="$target"
    [[ "$target" != fmt ]] || seeds=yaml # fmt starts from the YAML seeds
    input="$here/corpus/$target"
    [[ -d "$input" && -n "$(ls -A "$input" 2>/dev/null)" ]] || input="$here/seeds/$seeds"
    [[ -d "$input" ]] || { echo "fuzz: no seeds for target '$target' in $here/seeds" >&2; exit 2; }
    out="$work/findings/$target"
    rm -rf "$out"
    mkdir -p "$work/findings"
    echo "fuzz: $target for ${seconds}s from $input (timeout ${timeout_ms} ms)" >&2
    nice -n "$nice_level" afl-fuzz -i "$input" -o "$out" -V "$seconds" -t "$timeout_ms" -m none -G "${FUZZ_MAX_LEN:-4096}" \
        -- "$dotnet" "$bin/Pipelines.Fuzz.dll" "$target" >"$work/$target.log" 2>&1 || {
        tail -n 30 "$work/$target.log" >&2
        status=1
        continue
    }
    stats="$out/default/fuzzer_stats"
    crashes="$(find "$out/default/crashes" -type f -name 'id:*' | wc -l)"
    hangs="$(find "$out/default/hangs" -type f -name 'id:*' | wc -l)"
    field() { awk -F' *: *' -v k="$1" '$1 == k { print $2 }' "$stats"; }
    echo "fuzz: $target: run_time $(field run_time)s, execs $(field execs_done), execs/s $(field execs_per_sec), corpus $(field corpus_count), edges $(field edges_found), crashes $crashes, hangs $hangs" >&2
    [[ $crashes -eq 0 && $hangs -eq 0 ]] || status=1

    # Keep a small corpus: afl-cmin keeps the inputs that cover the edges the queue covers.
    minimized="$work/cmin/$target"
    rm -rf "$minimized"
    if nice -n "$nice_level" afl-cmin -i "$out/default/queue" -o "$minimized" -t "$timeout_ms" -m none \
        -- "$dotnet" "$bin/Pipelines.Fuzz.dll" "$target" >"$work/$target.cmin.log" 2>&1; then
        rm -rf "$here/corpus/$target"
        mkdir -p "$here/corpus/$target"
        i=0
        for f in "$minimized"/*; do
            cp "$f" "$here/corpus/$target/$(printf '%04d' $i)"
            i=$((i + 1))
        done
        echo "fuzz: $target: minimized corpus of $i inputs in tests/fuzz/corpus/$target" >&2
    else
        echo "fuzz: $target: afl-cmin failed (see $work/$target.cmin.log); corpus left as it was" >&2
    fi
done
exit $status
