#!/usr/bin/env python3
"""Checks `pipelines fmt --write` output against the originals, with PyYAML as the oracle.

Usage: fmt_corpus_check.py ORIGINAL_DIR FORMATTED_DIR SCHEMA_JSON

For every *.yaml / *.yml file under ORIGINAL_DIR, the file of the same relative path under FORMATTED_DIR must load
(PyYAML, safe_load_all) to exactly the same documents. Every Argo-kind document must also be valid against
SCHEMA_JSON made strict: additionalProperties: false on every object definition that has properties, and
IntOrString accepting an integer or a string (CORPUS-QUIRKS.md 3).

Diagnostics go to stderr; on success the last line of stdout is the number of Argo documents checked.
Set EXPECTED_DOCUMENTS to check that count (default 223, the size of Argo's v4.1.2 corpus; empty to skip).
"""

import copy
import json
import os
import sys

import jsonschema
import yaml

ARGO_KINDS = {"Workflow", "WorkflowTemplate", "ClusterWorkflowTemplate", "CronWorkflow"}
DEFINITION_PREFIX = "io.argoproj.workflow.v1alpha1."
INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString"


def yaml_files(root):
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if name.startswith("."):
                continue
            if name.endswith(".yaml") or name.endswith(".yml"):
                found.append(os.path.relpath(os.path.join(folder, name), root))
    return sorted(found)


def load(path):
    with open(path, "rb") as f:
        return [d for d in yaml.safe_load_all(f) if d is not None]


def strict_schema(schema_path):
    with open(schema_path, "r", encoding="utf-8") as f:
        schema = json.load(f)
    definitions = copy.deepcopy(schema["definitions"])
    for name, definition in definitions.items():
        if definition.get("properties") and "additionalProperties" not in definition:
            definition["additionalProperties"] = False
    definitions[INT_OR_STRING] = {"type": ["integer", "string"]}
    validators = {}
    for kind in ARGO_KINDS:
        root = {
            "$schema": schema.get("$schema", "https://json-schema.org/draft/2020-12/schema"),
            "definitions": definitions,
            "$ref": "#/definitions/" + DEFINITION_PREFIX + kind,
        }
        cls = jsonschema.validators.validator_for(root)
        cls.check_schema(root)
        validators[kind] = cls(root)
    return validators


def is_argo(doc):
    return (
        isinstance(doc, dict)
        and doc.get("kind") in ARGO_KINDS
        and str(doc.get("apiVersion", "")).startswith("argoproj.io/")
    )


def first_difference(a, b, path="$"):
    """A readable pointer to where two loaded documents differ."""
    if type(a) is not type(b):
        return f"{path}: {type(a).__name__} {a!r:.80} != {type(b).__name__} {b!r:.80}"
    if isinstance(a, dict):
        for key in list(a.keys()) + [k for k in b.keys() if k not in a]:
            if key not in a or key not in b:
                return f"{path}.{key}: present only in the {'original' if key in a else 'formatted file'}"
            found = first_difference(a[key], b[key], f"{path}.{key}")
            if found:
                return found
        return None
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{path}: {len(a)} items != {len(b)} items"
        for i, (x, y) in enumerate(zip(a, b)):
            found = first_difference(x, y, f"{path}[{i}]")
            if found:
                return found
        return None
    return None if a == b else f"{path}: {a!r:.80} != {b!r:.80}"


def main(argv):
    if len(argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    original_dir, formatted_dir, schema_path = argv[1:]
    validators = strict_schema(schema_path)
    failures = []
    argo_documents = 0
    files = yaml_files(original_dir)
    if yaml_files(formatted_dir) != files:
        failures.append("the formatted folder does not hold the same files as the original")
    for relative in files:
        original = load(os.path.join(original_dir, relative))
        formatted = load(os.path.join(formatted_dir, relative))
        if len(original) != len(formatted):
            failures.append(f"{relative}: {len(original)} documents before, {len(formatted)} after")
            continue
        for index, (before, after) in enumerate(zip(original, formatted)):
            if before != after:
                failures.append(f"{relative} document {index}: data changed: {first_difference(before, after)}")
            if not is_argo(after):
                continue
            argo_documents += 1
            errors = sorted(validators[after["kind"]].iter_errors(after), key=lambda e: list(e.absolute_path))
            for error in errors[:3]:
                location = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path)
                failures.append(f"{relative} document {index}: schema: {location or '.'}: {error.message:.200}")

    expected = os.environ.get("EXPECTED_DOCUMENTS", "223")
    if expected and argo_documents != int(expected):
        failures.append(f"expected {expected} Argo documents, found {argo_documents}")

    for failure in failures:
        print("fmt_corpus_check: " + failure, file=sys.stderr)
    if failures:
        print(f"fmt_corpus_check: {len(failures)} failures in {len(files)} files", file=sys.stderr)
        return 1
    print(f"fmt_corpus_check: {len(files)} files load to the same data; {argo_documents} Argo documents are schema-valid", file=sys.stderr)
    print(argo_documents)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
