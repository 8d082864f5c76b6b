#!/usr/bin/env bash
# End-to-end check of `pipelines import` on Argo's example corpus (217 files, 223 Argo documents):
#   1. import every corpus file into one project that uses the repository's generator, analyzers and build task (as
#      samples/ArgoExamples does); print the [Spec]/[Patch] counts and the time the import took;
#   2. build it: 0 warnings (lint codes the source YAML also earns carry a [SuppressLint] the importer wrote);
#   3. import_corpus_check.py: every corpus document has a built manifest equal to it (ports normalization): 223 of 223;
#   4. idempotence: importing the built manifests again gives byte-identical C#;
#   5. bad input: a file with one broken document is reported with file, line and path, exit code 1, and the file's
#      other document and the other files are still imported; a missing path is exit code 2.
# Corpus: $ARGO_CORPUS_DIR, else ../shared/third_party/argo-workflows beside the repository. When it is absent the
# check is skipped (exit 0), except under CI=true (exit 1). Runs from any working directory.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
. "$here/lib/corpus.sh"
require_corpus import-corpus

tmp="$(mktemp -d "${TMPDIR:-/tmp}/import-corpus.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
fail() {
    echo "import-corpus: FAILED: $*" >&2
    exit 1
}

echo "import-corpus: building the CLI" >&2
dotnet build "$root/src/Pipelines.Cli" -nologo -v quiet -nr:false -o "$tmp/cli" >"$tmp/cli.log" 2>&1 || { cat "$tmp/cli.log" >&2; fail "the CLI did not build"; }
pipelines() { dotnet "$tmp/cli/Pipelines.Cli.dll" "$@"; }

# One project of the whole corpus, built against the repository's projects (no package needed).
project="$tmp/Imported"
mkdir -p "$project"
cat >"$project/Imported.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <Import Project="$root/msbuild/Pipelines.Build.Tasks/build/Pipelines.Build.props" />
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <IsPackable>false</IsPackable>
    <GenerateDocumentationFile>false</GenerateDocumentationFile>
    <RootNamespace>Imported</RootNamespace>
    <PipelinesManifestsDir>\$(MSBuildProjectDirectory)/manifests/</PipelinesManifestsDir>
  </PropertyGroup>
  <ItemGroup>
    <ProjectReference Include="$root/src/Pipelines.Abstractions/Pipelines.Abstractions.csproj" />
    <ProjectReference Include="$root/src/Pipelines.Generator/Pipelines.Generator.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
    <ProjectReference Include="$root/analyzers/Pipelines.Analyzers/Pipelines.Analyzers.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
    <ProjectReference Include="$root/msbuild/Pipelines.Build.Tasks/Pipelines.Build.Tasks.csproj" ReferenceOutputAssembly="false" Private="false" SkipGetTargetFrameworkProperties="true" />
  </ItemGroup>
  <Import Project="$root/msbuild/Pipelines.Build.Tasks/build/Pipelines.Build.targets" />
</Project>
XML

start=$(date +%s%N)
pipelines import "$corpus/examples" -o "$project" >"$tmp/import.out" 2>"$tmp/import.err" || { cat "$tmp/import.out" "$tmp/import.err" >&2; fail "pipelines import exited $? on the corpus"; }
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
summary=$(tail -1 "$tmp/import.err")
echo "import-corpus: $summary" >&2
echo "import-corpus: the import took ${elapsed_ms} ms (one process, start-up included; see tests/Pipelines.Benchmarks for the warm time)" >&2
if grep -q " error " "$tmp/import.out"; then cat "$tmp/import.out" >&2; fail "the import reported errors"; fi
documents=$(find "$project" -maxdepth 1 -name '*.cs' | wc -l)
patched=$(grep -l '^\s*\[Patch(' "$project"/*.cs | wc -l || true)
echo "import-corpus: $documents C# files; [Spec] members: $(grep -h '^\s*\[Spec' "$project"/*.cs | wc -l), [Patch] uses: $(grep -h '^\s*\[Patch(' "$project"/*.cs | wc -l || true) in $patched files" >&2

echo "import-corpus: building the imported project" >&2
if ! dotnet build "$project" -nologo -v quiet -nr:false -clp:NoSummary >"$tmp/build.log" 2>&1; then
    cat "$tmp/build.log" >&2
    fail "the imported project did not build"
fi
# 0 warnings outright: a PIPE lint code that the source YAML also earns is suppressed on its class by the
# [SuppressLint] the importer writes there (where `pipelines lint` reports it on the source document).
if grep -E "warning [A-Z]+[0-9]+" "$tmp/build.log" >&2; then fail "the imported project builds with warnings"; fi
echo "import-corpus: build warnings: 0; [SuppressLint] uses: $(grep -h '^\[SuppressLint(' "$project"/*.cs | wc -l || true) in $(grep -l '^\[SuppressLint(' "$project"/*.cs | wc -l || true) files" >&2

python3 "$here/import_corpus_check.py" "$corpus/examples" "$project/manifests"

# Idempotence: the built manifests import to the same C#.
again="$tmp/again"
mkdir -p "$again"
cp "$project/Imported.csproj" "$again/"
pipelines import "$project/manifests" -o "$again" >"$tmp/again.out" 2>"$tmp/again.err" || { cat "$tmp/again.out" "$tmp/again.err" >&2; fail "re-importing the built manifests failed"; }
for f in "$project"/*.cs; do
    cmp -s "$f" "$again/$(basename "$f")" || { diff -u "$f" "$again/$(basename "$f")" | head -40 >&2; fail "re-importing the built manifests changed $(basename "$f")"; }
done
[[ $(find "$again" -maxdepth 1 -name '*.cs' | wc -l) -eq $documents ]] || fail "re-importing the built manifests gave another number of C# files"
echo "import-corpus: idempotent: the built manifests import to the same $documents C# files, byte for byte" >&2

# Bad input: one broken document among good ones.
bad="$tmp/bad-input"
mkdir -p "$bad/in"
cp "$corpus/examples/hello-world.yaml" "$bad/in/"
cat >"$bad/in/mixed.yaml" <<'YAML'
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  name: good-one
spec:
  entrypoint: main
  templates:
  - name: main
    container:
      image: busybox
---
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  name: broken-one
spec:
  entrypoint: main
  templates:
  - name: main
    container:
      image: busybox
      imagePullPolicyy: Always
YAML
set +e
pipelines import "$bad/in" -o "$bad/out" --namespace Bad >"$bad/out.log" 2>&1
code=$?
set -e
[[ $code -eq 1 ]] || { cat "$bad/out.log" >&2; fail "a broken document should give exit code 1, got $code"; }
grep -qE "mixed\.yaml:22:7: error PIPE3002: .*\[spec\.templates\[0\]\.container\.imagePullPolicyy\]" "$bad/out.log" || { cat "$bad/out.log" >&2; fail "the broken document was not reported with file, line and path"; }
[[ -f "$bad/out/GoodOne.cs" && -f "$bad/out/HelloWorld.cs" && ! -f "$bad/out/BrokenOne.cs" ]] || { ls "$bad/out" >&2; fail "the good documents were not imported (or the broken one was)"; }
set +e
pipelines import "$bad/no-such-folder" -o "$bad/out2" >"$bad/out2.log" 2>&1
code=$?
set -e
[[ $code -eq 2 ]] || { cat "$bad/out2.log" >&2; fail "a missing path should give exit code 2, got $code"; }
echo "import-corpus: bad input reported with file, line and path (exit 1), the rest imported; a missing path exits 2" >&2
echo "import-corpus: passed"
