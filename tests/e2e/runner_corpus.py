#!/usr/bin/env python3
"""Runs every upstream example Workflow that Argo's own e2e suite requires to end Succeeded (no
`workflows.argoproj.io/no-test` label; ARGO-SEMANTICS.md section 21) with `pipelines run --host`, and checks the
outcome against the guide. Prints how many ran and ended as expected, lists each one that cannot run here with its
reason, and exits 1 if any that ran ended differently.

usage: runner_corpus.py CLI_DLL EXAMPLES_DIR WORK_DIR [--timeout S] [--jobs N] [--min-ran N]
"""
import concurrent.futures
import json
import os
import subprocess
import sys

import yaml

# Outcomes the guide allows besides Succeeded, for examples that are random by design (section 21).
ALLOWED = {
    # S-36: each attempt succeeds with p = 1/3, limit 10.
    "retry-container.yaml": {("Succeeded", ""), ("Failed", "No more retries left")},
    "retry-script.yaml": {("Succeeded", ""), ("Failed", "No more retries left")},
}


# Examples that observe the container environment itself, which a host process cannot reproduce.
ENVIRONMENT = {
    "volumes-emptydir.yaml": "checks /proc/mounts for a real emptyDir mount; on the host the folder is mapped, not mounted",
}


def load_docs(path):
    try:
        with open(path, encoding="utf-8") as f:
            return [d for d in yaml.safe_load_all(f) if isinstance(d, dict)]
    except Exception:  # noqa: BLE001 - an unreadable file is simply not a candidate
        return []


def candidates(examples):
    for folder, dirs, files in os.walk(examples):
        dirs.sort()
        for name in sorted(files):
            if not name.endswith((".yaml", ".yml")):
                continue
            path = os.path.join(folder, name)
            docs = load_docs(path)
            wf = [d for d in docs if d.get("kind") == "Workflow"]
            if not wf:
                continue
            labels = ((wf[0].get("metadata") or {}).get("labels") or {})
            if "workflows.argoproj.io/no-test" in labels:
                continue
            yield path, docs


TEMPLATE_FILES = {}


def template_files(examples):
    """name -> file for every WorkflowTemplate/ClusterWorkflowTemplate in the corpus (what a cluster would hold)."""
    if not TEMPLATE_FILES:
        for folder, _, files in os.walk(examples):
            for name in sorted(files):
                if name.endswith((".yaml", ".yml")):
                    path = os.path.join(folder, name)
                    for d in load_docs(path):
                        if d.get("kind") in ("WorkflowTemplate", "ClusterWorkflowTemplate"):
                            TEMPLATE_FILES.setdefault((d.get("metadata") or {}).get("name"), path)
    return TEMPLATE_FILES


def companions(examples, path, docs):
    """Files defining the WorkflowTemplates a Workflow refers to (templateRef, workflowTemplateRef), transitively."""
    known = template_files(examples)
    result, seen, todo = [], set(), [docs]
    while todo:
        text = json.dumps(todo.pop())
        for name, file in known.items():
            if file != path and file not in seen and ('"name": "%s"' % name) in text and "emplateRef" in text:
                seen.add(file)
                result.append(file)
                todo.append(load_docs(file))
    return sorted(result)


def run_one(cli, examples, work, timeout, path, docs):
    rel = os.path.relpath(path, examples)
    if os.path.basename(path) in ENVIRONMENT:
        return rel, "cannot", ENVIRONMENT[os.path.basename(path)]
    run_dir = os.path.join(work, rel.replace("/", "__"))
    cmd = ["dotnet", cli, "run", path, "--host", "--output", "json", "--run-dir", run_dir,
           "--memo-dir", os.path.join(run_dir, "memo")]
    for extra in companions(examples, path, docs):
        cmd += ["--with", extra]
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=work)
    except subprocess.TimeoutExpired:
        return rel, "cannot", f"did not finish within {timeout} s here (long sleeps or a step that waits for a service)"
    if p.returncode == 2:
        return rel, "cannot", "the runner refused it: " + (p.stderr.strip().splitlines() or ["?"])[-1]
    try:
        report = json.loads(p.stdout)
    except json.JSONDecodeError:
        return rel, "mismatch", "no JSON report; stderr: " + p.stderr.strip()[-400:]
    if report.get("cannotRun"):
        return rel, "cannot", "; ".join(sorted(set(report["cannotRun"])))[:300]
    if report.get("suspended"):
        return rel, "cannot", "stays suspended (needs a manual resume)"
    outcome = (report["phase"], report.get("message", ""))
    allowed = ALLOWED.get(os.path.basename(path), {("Succeeded", "")})
    if outcome in allowed:
        return rel, "ok", f"{outcome[0]}"
    return rel, "mismatch", f"ended {outcome[0]} ({outcome[1]}); expected one of {sorted(allowed)}"


def main():
    args = sys.argv[1:]
    cli, examples, work = args[0], args[1], args[2]
    timeout = int(args[args.index("--timeout") + 1]) if "--timeout" in args else 90
    jobs = int(args[args.index("--jobs") + 1]) if "--jobs" in args else 8
    min_ran = int(args[args.index("--min-ran") + 1]) if "--min-ran" in args else 0
    items = list(candidates(examples))
    if "--only" in args:
        only = args[args.index("--only") + 1].split(",")
        items = [(p, d) for p, d in items if os.path.relpath(p, examples) in only]
    results = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(run_one, cli, examples, work, timeout, p, d) for p, d in items]
        for f in concurrent.futures.as_completed(futures):
            results.append(f.result())
    results.sort()
    ok = [r for r in results if r[1] == "ok"]
    cannot = [r for r in results if r[1] == "cannot"]
    bad = [r for r in results if r[1] == "mismatch"]
    print(f"runner-corpus: {len(items)} upstream Workflows must end Succeeded; {len(ok) + len(bad)} ran locally, "
          f"{len(ok)} ended as the guide says, {len(bad)} differently, {len(cannot)} cannot run here")
    for rel, _, why in cannot:
        print(f"  cannot run: {rel}: {why}")
    for rel, _, why in bad:
        print(f"  MISMATCH:   {rel}: {why}")
    if bad:
        return 1
    if len(ok) < min_ran:
        print(f"runner-corpus: only {len(ok)} ran; at least {min_ran} expected")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
