#!/usr/bin/env bash
# End-to-end test of the C# step image (docs/runtime.md): publishes samples/StepRuntime with the SDK's container
# support into a registry on loopback, unpacks the image, and runs C# steps from it the way a pod would, with the
# command and args of the generated manifest. Needs root (debootstrap, chroot, mount) and Debian's packages
# docker-registry, skopeo, umoci and debootstrap (installed when missing). See ../shared/guide/RUNTIME-IMAGE.md.
#
#   bash tests/e2e/runtime-image.sh                      # the test; last line "runtime-image: N passed"
#   RUNTIME_IMAGE_COLD_RUNS=100 bash tests/e2e/runtime-image.sh  # more runs for the cold-start figures it prints
#
# The debootstrap base image is cached under $PIPELINES_E2E_CACHE (default /var/cache/pipelines-e2e), keyed by its
# inputs, so reruns skip the ~30 s bootstrap.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo="$(pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

started=$(date +%s)
passed=0
fail() { echo "runtime-image: FAILED: $*" >&2; exit 1; }
ok() { passed=$((passed + 1)); echo "ok $passed - $*"; }

[ "$(id -u)" -eq 0 ] || fail "needs root (debootstrap, chroot, mount)"

# --- tools -------------------------------------------------------------------------------------------------------
missing=()
for tool in docker-registry skopeo umoci debootstrap; do
  command -v "$tool" > /dev/null || missing+=("$tool")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "installing ${missing[*]}"
  apt-get update -qq > /dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" > /dev/null
fi

# --- scratch space and cleanup (only what this script started, by pid) -------------------------------------------
work="$(mktemp -d /tmp/runtime-image.XXXXXX)"
registry_pid=""
mounted=()
cleanup() {
  local m
  for m in "${mounted[@]+"${mounted[@]}"}"; do
    umount "$m" 2> /dev/null || umount -l "$m" 2> /dev/null || true
  done
  if [ -n "$registry_pid" ] && kill -0 "$registry_pid" 2> /dev/null; then
    kill "$registry_pid" 2> /dev/null || true
    wait "$registry_pid" 2> /dev/null || true
  fi
  if [ "${KEEP_RUNTIME_IMAGE_WORK:-}" = "1" ]; then
    echo "kept $work"
  else
    # Never delete through a mount that is still there.
    if ! grep -q " $work/" /proc/mounts; then rm -rf "$work"; fi
  fi
}
trap cleanup EXIT

# --- base image (cached) -----------------------------------------------------------------------------------------
suite=bookworm
packages=libicu72,ca-certificates,libssl3
key=$(printf '%s|minbase|%s|v2-app-user' "$suite" "$packages" | sha256sum | cut -c1-12)
cache="${PIPELINES_E2E_CACHE:-/var/cache/pipelines-e2e}/base-$key"
mkdir -p "$cache"
if [ ! -d "$cache/rootfs" ]; then
  echo "debootstrap $suite (cached in $cache)"
  rm -rf "$cache/rootfs.tmp"
  debootstrap --variant=minbase --include="$packages" "$suite" "$cache/rootfs.tmp" > "$cache/debootstrap.log" 2>&1 \
    || fail "debootstrap failed; see $cache/debootstrap.log"
  # The non-root user of the .NET base images (mcr.microsoft.com/dotnet/runtime-deps): "app", uid and gid 1654, which
  # ContainerUser and the templates' runAsUser name. Tools and libraries that look the user up (id, whoami,
  # getpwuid: a home folder, a user name) then find it here as they do there.
  echo 'app:x:1654:1654::/home/app:/bin/sh' >> "$cache/rootfs.tmp/etc/passwd"
  echo 'app:x:1654:' >> "$cache/rootfs.tmp/etc/group"
  mkdir -p "$cache/rootfs.tmp/home/app"
  chown 1654:1654 "$cache/rootfs.tmp/home/app"
  mv "$cache/rootfs.tmp" "$cache/rootfs"
fi
if [ ! -f "$cache/oci/index.json" ]; then
  echo "packing the base image"
  rm -rf "$cache/oci" "$cache/bundle"
  umoci init --layout "$cache/oci"
  umoci new --image "$cache/oci:base"
  umoci unpack --rootless --image "$cache/oci:base" "$cache/bundle" > /dev/null
  cp -a "$cache/rootfs/." "$cache/bundle/rootfs/"
  umoci repack --image "$cache/oci:base" "$cache/bundle"
  rm -rf "$cache/bundle"
fi
ok "base image ($suite minbase, cache key $key)"

# --- registry on a free loopback port ----------------------------------------------------------------------------
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
registry="127.0.0.1:$port"
cat > "$work/registry.yml" << EOF
version: 0.1
log:
  level: error
storage:
  filesystem:
    rootdirectory: $work/registry-data
http:
  addr: $registry
EOF
docker-registry serve "$work/registry.yml" > "$work/registry.log" 2>&1 &
registry_pid=$!
for _ in $(seq 1 100); do
  if python3 -c "import urllib.request; urllib.request.urlopen('http://$registry/v2/', timeout=1)" 2> /dev/null; then break; fi
  kill -0 "$registry_pid" 2> /dev/null || fail "the registry did not start: $(cat "$work/registry.log")"
  sleep 0.1
done
skopeo copy --quiet --dest-tls-verify=false "oci:$cache/oci:base" "docker://$registry/base:$suite"
ok "registry on $registry (pid $registry_pid) holds the base image"

# --- publish the sample's image ----------------------------------------------------------------------------------
manifests="$work/manifests/"
publish() {
  # $1: extra label for logs; the rest: extra MSBuild arguments. Fails the test when the publish fails.
  try_publish "$@" || { tail -n 30 "$work/publish-$1.log" >&2; fail "dotnet publish -t:PublishContainer failed (log: $work/publish-$1.log)"; }
}
try_publish() {
  local log="$work/publish-$1.log"
  shift
  # Own bin/obj (--artifacts-path): outputs of earlier builds with other settings cannot leak into the image.
  DOTNET_CONTAINER_INSECURE_REGISTRIES="$registry" dotnet publish samples/StepRuntime/StepRuntime.csproj -c Release \
    --artifacts-path "$work/artifacts" -p:PipelinesTasksAssembly="$work/artifacts/bin/Pipelines.Build.Tasks/release/Pipelines.Build.Tasks.dll" \
    -t:PublishContainer -p:ContainerBaseImage="$registry/base:$suite" -p:ContainerRegistry="$registry" \
    -p:RuntimeIdentifier=linux-x64 -p:SelfContained=true -p:PipelinesManifestsDir="$manifests" "$@" > "$log" 2>&1 \
    || return 1
  if grep -E "warning (IL|NETSDK|CONTAINER)" "$log" > /dev/null; then
    grep -E "warning (IL|NETSDK|CONTAINER)" "$log" | sort -u >&2
    fail "publish reported trim/SDK warnings"
  fi
}
publish_started=$(date +%s%N)
publish r2r -p:PipelinesPinImageDigest=true
publish_ms=$(( ($(date +%s%N) - publish_started) / 1000000 ))
tag=$(skopeo list-tags --tls-verify=false "docker://$registry/step-runtime" | python3 -c 'import json,sys; t=json.load(sys.stdin)["Tags"]; assert len(t)==1, t; print(t[0])') \
  || fail "expected exactly one tag of step-runtime in the registry"
image="$registry/step-runtime:$tag"
ok "dotnet publish -t:PublishContainer pushed $image (${publish_ms} ms, no trim warnings)"

# --- pull and unpack it as a pod's runtime would -----------------------------------------------------------------
skopeo copy --quiet --src-tls-verify=false "docker://$image" "oci:$work/image:$tag"
digest=$(skopeo inspect --tls-verify=false --format '{{.Digest}}' "docker://$image")
umoci unpack --image "$work/image:$tag" "$work/bundle" > /dev/null
rootfs="$work/bundle/rootfs"
read -r entrypoint user cwd < <(python3 - "$work/bundle/config.json" << 'EOF'
import json, sys
c = json.load(open(sys.argv[1]))
p = c["process"]
print(p["args"][0], "%d:%d" % (p["user"]["uid"], p["user"]["gid"]), p.get("cwd", "/"))
EOF
)
python3 - "$work/bundle/config.json" > "$work/env" << 'EOF'
import json, sys
for e in json.load(open(sys.argv[1]))["process"].get("env", []):
    print(e)
EOF
[ "$entrypoint" = "/app/step-runtime" ] || fail "image entrypoint is '$entrypoint', expected /app/step-runtime"
[ "${user%%:*}" = "1654" ] || fail "image user is '$user', expected uid 1654 (the templates' runAsUser)"
ok "image config: entrypoint $entrypoint, user $user, working directory $cwd"
grep -q '^app:x:1654:1654:' "$rootfs/etc/passwd" || fail "the image's /etc/passwd has no entry for uid 1654"
[ "$(chroot --userspec=1654:1654 "$rootfs" /usr/bin/id -un)" = "app" ] || fail "uid 1654 has no user name in the image"
ok "uid 1654 is the user 'app' in the image's /etc/passwd"

mkdir -p "$rootfs/proc"
mount -t proc proc "$rootfs/proc"
mounted+=("$rootfs/proc")

# --- the C# step templates of the generated manifest -------------------------------------------------------------
manifest=$(ls "$manifests"*.yaml | head -n 1)
python3 - "$manifest" "$work/templates.json" << 'EOF'
import json, sys, yaml
templates = {}
for doc in yaml.safe_load_all(open(sys.argv[1])):
    for t in (doc or {}).get("spec", {}).get("templates", []):
        c = t.get("container") or {}
        args = c.get("args") or []
        if args[:1] == ["step"]:
            templates[t["name"]] = {"image": c.get("image"), "command": c.get("command"), "args": args,
                                    "securityContext": c.get("securityContext"),
                                    "outputs": t.get("outputs", {})}
json.dump(templates, open(sys.argv[2], "w"))
EOF
step_templates=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))))" "$work/templates.json")
if [ "$step_templates" -gt 0 ]; then
  python3 - "$work/templates.json" "${image%:*}@$digest" << 'EOF' || fail "step templates disagree with the image"
import json, sys
templates, pinned = json.load(open(sys.argv[1])), sys.argv[2]
for name, t in templates.items():
    assert t["image"] == pinned, f"{name}: image {t['image']} is not the pinned {pinned}"
    assert t["command"] == ["/app/step-runtime"], f"{name}: command {t['command']}"
    sc = t["securityContext"] or {}
    assert sc.get("runAsUser") == 1654 and sc.get("runAsNonRoot") is True, f"{name}: securityContext {sc}"
EOF
  ok "$step_templates C# step templates reference the image by digest ($digest) and run as user 1654"
else
  echo "note: $manifest has no C# step templates yet (the generator's template half is not in this build);" \
       "using the command and args the contract gives (docs/design/csharp-steps.md)"
fi

# Runs one step as Argo would: command and args from the template, {{inputs.parameters.X}} substituted, in the image's
# root file system, as the image's user, with the image's environment only. Sets rc, out, err.
run_step() {
  local name="$1"
  shift
  local -a argv
  mapfile -t argv < <(python3 - "$work/templates.json" "$name" "$@" << 'EOF'
import json, re, sys
templates, name, pairs = json.load(open(sys.argv[1])), sys.argv[2], sys.argv[3:]
values = dict(zip(pairs[0::2], pairs[1::2]))
t = templates.get(name)
if t is None:
    # The contract's shape: step <name> then --<input> "{{inputs.parameters.<input>}}" per input.
    args = ["step", name]
    for k in values:
        args += ["--" + k, "{{inputs.parameters.%s}}" % k]
    t = {"command": ["/app/step-runtime"], "args": args}
def sub(text):
    def one(m):
        if m.group(1) not in values:
            sys.exit("no value for input " + m.group(1) + " of " + name)
        return values[m.group(1)]
    return re.sub(r"\{\{\s*inputs\.parameters\.([A-Za-z0-9_-]+)\s*\}\}", one, text)
for part in t["command"] + [sub(a) for a in t["args"]]:
    if "\n" in part:
        sys.exit("multi-line values are not supported by this script")
    print(part)
EOF
  )
  rm -rf "$rootfs/tmp/pipelines"
  set +e
  env -i $(cat "$work/env") chroot --userspec="$user" "$rootfs" "${argv[@]}" > "$work/out" 2> "$work/err"
  rc=$?
  set -e
  out=$(cat "$work/out")
  err=$(cat "$work/err")
}
output() { cat "$rootfs/tmp/pipelines/outputs/$1" 2> /dev/null || echo "<missing $1>"; }

run_step count-words text "the quick brown fox"
[ "$rc" -eq 0 ] || fail "count-words exited $rc: $err"
[ "$(output parameters/result)" = "4" ] || fail "count-words result: $(output parameters/result)"
ok "count-words: exit 0, outputs/parameters/result = 4"

run_step greet name argo volume Loud
[ "$rc" -eq 0 ] && [ "$(output parameters/result)" = "HELLO ARGO" ] && [ "$out" = "greeting argo" ] \
  || fail "greet: rc $rc, result '$(output parameters/result)', stdout '$out', stderr '$err'"
ok "greet: enum input by member name, log line on stdout"

run_step analyse doc '{"Title":"Notes","Text":"a wonderful little pipeline","Tags":["argo","dotnet"]}'
[ "$rc" -eq 0 ] || fail "analyse exited $rc: $err"
python3 - "$(output parameters/result)" << 'EOF' || fail "analyse result: $(output parameters/result)"
import json, sys
assert json.loads(sys.argv[1]) == {"Title": "Notes", "Words": 4, "Longest": "wonderful", "Tagged": True}, sys.argv[1]
assert " " not in sys.argv[1], "not compact JSON"
EOF
ok "analyse: typed JSON record in and out"

run_step write-report title Results words 42
[ "$rc" -eq 0 ] || fail "write-report exited $rc: $err"
[ "$(output artifacts/markdown)" = "$(printf '# Results\n\n42 words')" ] || fail "markdown artifact: $(output artifacts/markdown)"
[ "$(output parameters/lines)" = "2" ] || fail "lines output: $(output parameters/lines)"
ok "write-report (async): output artifact outputs/artifacts/markdown and output parameter lines"

run_step fail reason "disk full"
[ "$rc" -eq 1 ] || fail "fail exited $rc, expected 1"
[ "$(head -n 1 <<< "$err")" = "error: fail: refusing to continue: disk full" ] || fail "fail: first stderr line: $(head -n 1 <<< "$err")"
grep -q "InvalidOperationException" <<< "$err" || fail "fail: no detail after the first line"
ok "fail: exit 1, one-line error then the detail on stderr"

run_step write-report title Results words many
[ "$rc" -eq 2 ] && grep -q "invalid value for --words: expected int" <<< "$err" || fail "bad input: rc $rc, stderr '$err'"
ok "invalid input: exit 2 and a message naming the input and its type"

# SIGTERM, as the kubelet sends it: the step's CancellationToken fires.
rm -rf "$rootfs/tmp/pipelines"
env -i $(cat "$work/env") chroot --userspec="$user" "$rootfs" /app/step-runtime step wait --seconds 60 > "$work/out" 2> "$work/err" &
step_pid=$!
for _ in $(seq 1 100); do grep -q waiting "$work/out" && break; sleep 0.05; done
kill -TERM "$step_pid"
set +e; wait "$step_pid"; rc=$?; set -e
[ "$rc" -eq 1 ] && grep -q "^error: wait: the step was cancelled" "$work/err" || fail "SIGTERM: rc $rc, stderr $(cat "$work/err")"
ok "SIGTERM cancels the step's token: exit 1 with a message"

env -i $(cat "$work/env") chroot --userspec="$user" "$rootfs" /app/step-runtime --help > "$work/out"
for s in analyse count-words fail greet wait write-report; do grep -q "^  $s" "$work/out" || fail "--help does not list $s"; done
ok "--help lists the steps"

# --- NativeAOT image and cold start -----------------------------------------------------------------------------
cold_start() {
  # $1: label. Exec-to-exit of a trivial step inside the unpacked image ($rootfs): 3 warm-ups, then N runs
  # ($RUNTIME_IMAGE_COLD_RUNS, default 30). A figure to read, not a pass/fail check (the machine may be busy).
  local label="$1" runs="${RUNTIME_IMAGE_COLD_RUNS:-30}"
  if command -v hyperfine > /dev/null; then
    hyperfine -N --warmup 3 --runs "$runs" --export-json "$work/cold-$label.json" \
      "chroot --userspec=$user $rootfs /app/step-runtime step count-words --text a" > /dev/null
    python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results'][0]; print('cold start %s: mean %.1f ms, median %.1f ms, min %.1f ms (hyperfine, %d runs)' % (sys.argv[2], r['mean']*1000, r['median']*1000, r['min']*1000, len(r['times'])))" "$work/cold-$label.json" "$label"
  else
    local t0 t1 t2 i
    for i in 1 2 3; do chroot --userspec="$user" "$rootfs" /app/step-runtime step count-words --text a > /dev/null; done
    t0=$(date +%s%N)
    for i in $(seq 1 "$runs"); do chroot --userspec="$user" "$rootfs" /app/step-runtime step count-words --text a > /dev/null; done
    t1=$(date +%s%N)
    # The same loop around the image's /bin/true: what chroot, the user switch and the shell add to each run.
    for i in $(seq 1 "$runs"); do chroot --userspec="$user" "$rootfs" /bin/true; done
    t2=$(date +%s%N)
    echo "cold start $label: mean $(( (t1 - t0) / (runs * 1000000) )) ms per run, of which chroot and the loop (same loop around /bin/true) $(( (t2 - t1) / (runs * 1000000) )) ms; the step itself about $(( (2 * t1 - t0 - t2) / (runs * 1000000) )) ms ($runs runs, load $(cut -d' ' -f1 /proc/loadavg))"
  fi
}
cold_start readytorun
umount "$rootfs/proc"; mounted=()

# PipelinesNativeAot=true: the same project published ahead of time (the runtime and the generated step table are
# trim- and AOT-safe: try_publish fails on any IL warning).
try_publish aot -p:PipelinesNativeAot=true -p:ContainerImageTag="$tag-aot" \
  || fail "NativeAOT publish failed: $(grep -m1 -E 'error [A-Z]+[0-9]+' "$work/publish-aot.log" || tail -n 5 "$work/publish-aot.log")"
skopeo copy --quiet --src-tls-verify=false "docker://$registry/step-runtime:$tag-aot" "oci:$work/image:$tag-aot"
umoci unpack --image "$work/image:$tag-aot" "$work/bundle-aot" > /dev/null
rootfs="$work/bundle-aot/rootfs"
mkdir -p "$rootfs/proc"; mount -t proc proc "$rootfs/proc"; mounted+=("$rootfs/proc")
[ -f "$rootfs/app/step-runtime.dll" ] && fail "NativeAOT image still carries step-runtime.dll (not an AOT publish)"
run_step count-words text "native aot works"
[ "$rc" -eq 0 ] && [ "$(output parameters/result)" = "3" ] || fail "NativeAOT count-words: rc $rc, $err"
ok "NativeAOT image runs count-words"
cold_start nativeaot

echo "runtime-image: took $(( $(date +%s) - started )) s"
echo "runtime-image: $passed passed"
