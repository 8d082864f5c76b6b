"""Compares the manifests built from samples/ArgoExamples with Argo's upstream examples.

For every Argo document of each upstream file that a port names in its first line ("// Port of: X.yaml"), some
generated manifest of the same kind and the same metadata.name (or generateName) must be equal to it after this
normalization only: templates compared as a set keyed by name; scalars compared by their text (10 equals "10",
true equals "true"); trailing white space of multi-line strings ignored; labels and annotations whose keys start with
workflows.argoproj.io/no-test or workflows.argoproj.io/verify ignored. PyYAML reads both sides.
"""
import glob
import os
import re
import sys

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fmt_corpus_check import strict_schema  # noqa: E402  (same strict schema as the fmt check)

# The upstream files the authoring issues require a port of (34 for C# authoring, 14 for C# breadth): each must be named
# by some port's first line.
REQUIRED_PORTS = [
    "hello-world.yaml", "steps.yaml", "dag-diamond.yaml", "dag-diamond-steps.yaml", "dag-multiroot.yaml",
    "dag-nested.yaml", "dag-enhanced-depends.yaml", "dag-continue-on-fail.yaml", "coinflip.yaml",
    "coinflip-recursive.yaml", "dag-coinflip.yaml", "conditionals.yaml", "conditional-parameters.yaml", "loops.yaml",
    "loops-maps.yaml", "loops-param-argument.yaml", "loops-param-result.yaml", "loops-sequence.yaml", "loops-dag.yaml",
    "output-parameter.yaml", "arguments-parameters.yaml", "global-parameters.yaml", "global-outputs.yaml",
    "parameter-aggregation-dag.yaml", "scripts-python.yaml", "scripts-bash.yaml", "retry-backoff.yaml",
    "retry-with-steps.yaml", "exit-handlers.yaml", "exit-handler-dag-level.yaml", "cron-workflow.yaml",
    "workflow-template/templates.yaml", "workflow-template/dag.yaml", "cluster-workflow-template/clustertemplates.yaml",
    "artifact-passing.yaml", "input-artifact-s3.yaml", "life-cycle-hooks-wf-level.yaml", "parallelism-limit.yaml",
    "timeouts-step.yaml", "suspend-template.yaml", "k8s-jobs.yaml", "volumes-pvc.yaml", "secrets.yaml",
    "synchronization-mutex-wf-level.yaml", "memoize-simple.yaml", "custom-metrics.yaml", "pod-gc-strategy.yaml",
    "container-set-template/sequence-workflow.yaml",
]

ARGO_KINDS = {"Workflow", "WorkflowTemplate", "ClusterWorkflowTemplate", "CronWorkflow"}
IGNORED_PREFIXES = ("workflows.argoproj.io/no-test", "workflows.argoproj.io/verify")


def normalize(value, key=None):
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if key in ("labels", "annotations") and str(k).startswith(IGNORED_PREFIXES):
                continue
            if k == "templates" and isinstance(v, list):
                out[k] = {str(t.get("name")): normalize(t) for t in v if isinstance(t, dict)}
            else:
                out[str(k)] = normalize(v, k)
        return out
    if isinstance(value, list):
        return [normalize(v) for v in value]
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    text = str(value)
    if "\n" in text:
        text = "\n".join(line.rstrip() for line in text.rstrip().split("\n"))
    return text


def identity(doc):
    meta = doc.get("metadata") or {}
    return doc.get("kind"), meta.get("name") or meta.get("generateName")


def without_generate_name(doc):
    copy = dict(doc)
    copy["metadata"] = {k: v for k, v in (doc.get("metadata") or {}).items() if k != "generateName"}
    return copy


def first_difference(a, b, path=""):
    if type(a) is not type(b):
        return f"{path or '(root)'}: {a!r} != {b!r}"
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                return f"{path}.{k}: only in {'generated' if k in a else 'upstream'}"
            d = first_difference(a[k], b[k], f"{path}.{k}" if path else k)
            if d:
                return d
        return None
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{path}: {len(a)} items != {len(b)} items"
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_difference(x, y, f"{path}[{i}]")
            if d:
                return d
        return None
    return None if a == b else f"{path}: {a!r} != {b!r}"


def main(ports_dir, manifests_dir, examples_dir):
    generated = []
    for path in sorted(glob.glob(os.path.join(manifests_dir, "*.yaml"))):
        # The build also writes a kustomization.yaml listing the manifests (GitOps); it is not an Argo document.
        if os.path.basename(path) == "kustomization.yaml":
            continue
        with open(path, encoding="utf-8") as f:
            for doc in yaml.safe_load_all(f):
                # The build also writes a kustomization.yaml beside the manifests; only Argo documents are compared.
                if isinstance(doc, dict) and doc.get("kind") in ARGO_KINDS:
                    generated.append((os.path.basename(path), doc))

    failures, checked = [], 0
    # Every generated manifest is valid against schema.json with unknown fields disallowed.
    validators = strict_schema(os.path.join(os.path.dirname(os.path.abspath(examples_dir)), "schema.json"))
    for name, doc in generated:
        errors = list(validators[doc["kind"]].iter_errors(doc))
        if errors:
            failures.append(f"{name}: not valid against schema.json: {errors[0].message} at {list(errors[0].absolute_path)}")
    ported = set()
    for port in sorted(glob.glob(os.path.join(ports_dir, "**", "*.cs"), recursive=True)):
        if os.sep + "obj" + os.sep in port or os.sep + "bin" + os.sep in port:
            continue
        with open(port, encoding="utf-8") as f:
            match = re.match(r"// Port of: (\S+)", f.readline())
        if not match:
            failures.append(f"{os.path.basename(port)}: first line does not say '// Port of: <file>.yaml'")
            continue
        ported.add(match.group(1))
        with open(os.path.join(examples_dir, match.group(1)), encoding="utf-8") as f:
            upstream = [d for d in yaml.safe_load_all(f) if isinstance(d, dict) and d.get("kind") in ARGO_KINDS]
        for doc in upstream:
            checked += 1
            candidates = [(name, g) for name, g in generated if identity(g) == identity(doc)]
            if identity(doc)[1] is None:
                # Upstream leaves the name to `argo submit --name`; lint and the build reject a Workflow without any name
                # (PIPE1014, an error), so a port names itself: generateName "<file stem>-", which the comparison ignores.
                stem = os.path.splitext(match.group(1))[0] + "-"
                candidates = [(name, without_generate_name(g)) for name, g in generated if identity(g) == (doc.get("kind"), stem)]
            if not candidates:
                failures.append(f"{match.group(1)}: no generated {identity(doc)[0]} named {identity(doc)[1]!r}")
                continue
            expected = normalize(doc)
            if not any(normalize(g) == expected for _, g in candidates):
                diffs = "; ".join(f"{name}: {first_difference(normalize(g), expected)}" for name, g in candidates)
                failures.append(f"{match.group(1)}: {diffs}")

    for required in REQUIRED_PORTS:
        if required not in ported:
            failures.append(f"{required}: required, but no port says '// Port of: {required}'")

    if failures:
        print("argo_examples_check: FAILED\n  " + "\n  ".join(failures), file=sys.stderr)
        return 1
    print(f"argo_examples_check: {len(generated)} generated manifests schema-valid; {checked} upstream documents matched; "
          f"all {len(REQUIRED_PORTS)} required ports present")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
