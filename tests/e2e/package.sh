#!/usr/bin/env bash
# End to end: the Pipelines.Sdk package as a user meets it (issue 6 acceptance).
#   1. pack Pipelines.Sdk and the pipelines tool into a local feed, with a unique version;
#   2. `dotnet new console`, drop Program.cs, copy samples/QuickStart/*.cs, `dotnet add package Pipelines.Sdk`;
#   3. build into deploy/; the manifests pass `pipelines lint` and Argo's schema.json (unknown fields disallowed);
#   4. a second build skips the emission target and leaves every file's modification time alone;
#   5. a hand edit fails `-p:PipelinesVerify=true` with PIPE2011, the file name and a diff; undoing it passes;
#   6. `kubectl kustomize deploy` renders every manifest;
#   7. the same sources built in another folder under tr-TR give byte-identical manifests;
#   8. `dotnet new pipelines` (the template package) gives a solution whose build and test pass.
# Offline except for NuGet: a temporary NUGET_PACKAGES, so a stale cache never hides a change.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
corpus="${ARGO_CORPUS_DIR:-$repo/../shared/third_party/argo-workflows}"
work="$(mktemp -d)"
keep="${KEEP_E2E:-}"
cleanup() { if [ -z "$keep" ]; then rm -rf "$work"; else echo "kept $work"; fi; }
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "-- [${SECONDS}s] $*"; }
# shellcheck source=lib/feed.sh
source "$repo/tests/e2e/lib/feed.sh"

version="0.1.0-e2e.$(date +%s)"
feed="$work/feed"
build_flags=(-nr:false)

step "pack Pipelines.Sdk and Pipelines.Cli $version"
# PackageVersion (not Version): the assemblies keep the repository's version, so the parts the solution build already
# compiled are reused instead of compiled again.
pack_packages "$feed" "$work/pack.log" "$repo" -- -p:PackageVersion="$version" "${build_flags[@]}"
[ -f "$feed/Pipelines.Sdk.$version.nupkg" ] || fail "no Pipelines.Sdk.$version.nupkg in $feed"

# The feed, the normal source, and the machine's offline folder of test packages when there is one.
write_nuget_config "$work/NuGet.config" "$feed"

# From here on, a package cache of our own: what the user projects restore comes from the feed, never from a cache.
export NUGET_PACKAGES="$work/packages"

step "install the pipelines tool from the feed"
dotnet tool install Pipelines.Cli --version "$version" --tool-path "$work/tools" --configfile "$work/NuGet.config" >"$work/tool.log" 2>&1 || { cat "$work/tool.log"; fail "tool install"; }
pipelines="$work/tools/pipelines"

# A new console project with the QuickStart sources; $1 is the folder that will hold it.
new_app() {
  local root="$1"
  mkdir -p "$root"
  cp "$work/NuGet.config" "$root/NuGet.config"
  (cd "$root" && dotnet new console -n DataApp -o DataApp --no-restore >/dev/null)
  rm "$root/DataApp/Program.cs"
  cp "${QUICKSTART_DIR:-$repo/samples/QuickStart}"/*.cs "$root/DataApp/"
  (cd "$root/DataApp" && dotnet add package Pipelines.Sdk --version "$version" >"$root/add.log" 2>&1) || { cat "$root/add.log"; fail "dotnet add package in $root"; }
}

app="$work/a"
new_app "$app"
deploy="$app/deploy"

step "build into $deploy"
(cd "$app/DataApp" && dotnet build "${build_flags[@]}" -p:PipelinesManifestsDir="$deploy" >"$work/build1.log" 2>&1) || { cat "$work/build1.log"; fail "first build"; }
grep -q "warning PIPE" "$work/build1.log" && { grep "warning PIPE" "$work/build1.log"; fail "PIPE warnings"; }
expected="cronworkflow-data-pipeline-nightly.yaml kustomization.yaml workflowtemplate-data-pipeline.yaml"
actual="$(cd "$deploy" && ls | sort | tr '\n' ' ' | sed 's/ $//')"
[ "$actual" = "$expected" ] || fail "deploy/ holds '$actual', expected '$expected'"
grep -q "command:" "$deploy/workflowtemplate-data-pipeline.yaml" || fail "no container in the WorkflowTemplate"
grep -q -- "- step" "$deploy/workflowtemplate-data-pipeline.yaml" || fail "the C# step template is missing"

step "pipelines lint"
"$pipelines" lint --strict "$deploy"/cronworkflow-*.yaml "$deploy"/workflowtemplate-*.yaml || fail "pipelines lint"

step "Argo schema.json (unknown fields disallowed)"
if [ -f "$corpus/schema.json" ]; then
  python3 - "$corpus/schema.json" "$deploy" <<'PY' || fail "schema validation"
import glob, json, os, sys
import jsonschema, yaml
schema = json.load(open(sys.argv[1]))
def strict(node):
    if isinstance(node, dict):
        if isinstance(node.get("properties"), dict) and "additionalProperties" not in node:
            node["additionalProperties"] = False
        for v in node.values():
            strict(v)
    elif isinstance(node, list):
        for v in node:
            strict(v)
strict(schema)
schema["definitions"]["io.k8s.apimachinery.pkg.util.intstr.IntOrString"] = {"oneOf": [{"type": "integer"}, {"type": "string"}]}
count = 0
for path in sorted(glob.glob(os.path.join(sys.argv[2], "*.yaml"))):
    if os.path.basename(path) == "kustomization.yaml":
        continue
    for doc in yaml.safe_load_all(open(path)):
        ref = {"$ref": "#/definitions/io.argoproj.workflow.v1alpha1." + doc["kind"], "definitions": schema["definitions"]}
        errors = list(jsonschema.Draft4Validator(ref).iter_errors(doc))
        for e in errors:
            print(f"{path}: {'/'.join(map(str, e.absolute_path))}: {e.message}")
        if errors:
            sys.exit(1)
        count += 1
print(f"{count} manifest(s) valid")
PY
else
  fail "Argo corpus not found at $corpus (set ARGO_CORPUS_DIR)"
fi

step "second build: target skipped, modification times unchanged"
before="$(cd "$deploy" && stat -c '%n %.9Y' * | sort)"
(cd "$app/DataApp" && dotnet build "${build_flags[@]}" -v:d -p:PipelinesManifestsDir="$deploy" >"$work/build2.log" 2>&1) || { tail -50 "$work/build2.log"; fail "second build"; }
grep -q 'Skipping target "PipelinesEmitManifests" because all output files are up-to-date' "$work/build2.log" || fail "PipelinesEmitManifests was not skipped"
after="$(cd "$deploy" && stat -c '%n %.9Y' * | sort)"
[ "$before" = "$after" ] || fail "modification times changed:\n$before\n--\n$after"

step "drift: a hand edit fails PipelinesVerify with PIPE2011 and a diff"
target="$deploy/workflowtemplate-data-pipeline.yaml"
cp "$target" "$work/original.yaml"
sed -i 's/busybox:1.37/busybox:1.36/' "$target"
cmp -s "$target" "$work/original.yaml" && fail "the edit changed nothing"
if (cd "$app/DataApp" && dotnet build "${build_flags[@]}" -p:PipelinesManifestsDir="$deploy" -p:PipelinesVerify=true >"$work/verify1.log" 2>&1); then
  fail "verify passed on an edited manifest"
fi
grep -q "error PIPE2011" "$work/verify1.log" || { cat "$work/verify1.log"; fail "no PIPE2011"; }
grep -q "workflowtemplate-data-pipeline.yaml" "$work/verify1.log" || fail "the error does not name the file"
grep -q -- "- .*busybox:1.36" "$work/verify1.log" && grep -q -- "+ .*busybox:1.37" "$work/verify1.log" || { cat "$work/verify1.log"; fail "no diff in the error"; }
cmp -s "$target" "$work/original.yaml" && fail "verify wrote the file"
cp "$work/original.yaml" "$target"
(cd "$app/DataApp" && dotnet build "${build_flags[@]}" -p:PipelinesManifestsDir="$deploy" -p:PipelinesVerify=true >"$work/verify2.log" 2>&1) || { cat "$work/verify2.log"; fail "verify failed on restored manifests"; }

step "kubectl kustomize"
kubectl kustomize "$deploy" >"$work/rendered.yaml" || fail "kubectl kustomize"
rendered="$(grep -c '^kind: ' "$work/rendered.yaml")"
[ "$rendered" = "2" ] || fail "kustomize rendered $rendered manifests, expected 2"
grep -q '^kind: CronWorkflow' "$work/rendered.yaml" && grep -q '^kind: WorkflowTemplate' "$work/rendered.yaml" || fail "kustomize output lacks a kind"

step "another folder, tr-TR culture: byte-identical manifests"
other="$work/elsewhere/b"
new_app "$other"
(cd "$other/DataApp" && LANG=tr_TR.UTF-8 LC_ALL=tr_TR.UTF-8 DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=false \
  dotnet build "${build_flags[@]}" -p:PipelinesManifestsDir="$other/deploy" >"$work/build3.log" 2>&1) || { cat "$work/build3.log"; fail "tr-TR build"; }
diff -r "$deploy" "$other/deploy" || fail "manifests differ between folders/cultures"

step "dotnet new pipelines: build and test"
hive="$work/template-hive"
dotnet new install "$feed/Pipelines.Templates.$version.nupkg" --debug:custom-hive "$hive" >"$work/template.log" 2>&1 || { cat "$work/template.log"; fail "template install"; }
(cd "$work" && dotnet new pipelines -n Flows -o "$work/flows" --SdkVersion "$version" --debug:custom-hive "$hive" >>"$work/template.log" 2>&1) || { cat "$work/template.log"; fail "dotnet new pipelines"; }
cp "$work/NuGet.config" "$work/flows/NuGet.config"
(cd "$work/flows" && dotnet test Flows.Tests "${build_flags[@]}" >"$work/template-test.log" 2>&1) || { cat "$work/template-test.log"; fail "template: dotnet test"; }
[ -f "$work/flows/deploy/workflow-hello.yaml" ] && [ -f "$work/flows/deploy/kustomization.yaml" ] || fail "template: no deploy/workflow-hello.yaml"
(cd "$work/flows" && dotnet build Flows "${build_flags[@]}" -p:PipelinesVerify=true >>"$work/template-test.log" 2>&1) || { cat "$work/template-test.log"; fail "template: verify"; }

echo "package e2e: OK ($version, ${SECONDS}s)"
