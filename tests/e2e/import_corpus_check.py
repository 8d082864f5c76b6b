"""Compares the manifests built from an imported corpus with the corpus (`pipelines import`, tests/e2e/import-corpus.sh).

Every Argo document of every corpus file must have a built manifest of the same kind and metadata.name (or, for a
generateName, the same generateName) that equals it under the ports normalization of argo_examples_check.py (templates
as a set keyed by name; scalars by text; trailing white space of multi-line strings; no-test/verify labels ignored).
Each built manifest is matched once. Prints "import_corpus_check: E of T equal" and exits 1 unless all are equal.
"""
import glob
import os
import sys

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from argo_examples_check import ARGO_KINDS, first_difference, identity, normalize, without_generate_name  # noqa: E402

# The generateName `pipelines import` gives a Workflow that has no name at all (a C# workflow must name itself).
UNNAMED_GENERATE_NAME = "workflow-"


def load(paths):
    docs = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for doc in yaml.safe_load_all(f):
                if isinstance(doc, dict) and doc.get("kind") in ARGO_KINDS:
                    docs.append((path, doc))
    return docs


def main(corpus_dir, manifests_dir):
    sources = load(sorted(glob.glob(os.path.join(corpus_dir, "**", "*.y*ml"), recursive=True)))
    built = load(p for p in sorted(glob.glob(os.path.join(manifests_dir, "*.yaml"))) if not p.endswith("kustomization.yaml"))
    unused = list(built)
    failures, equal = [], 0
    for path, doc in sources:
        expected = normalize(doc)
        if identity(doc)[1] is None:
            # Imported with the generateName the importer reports; the comparison leaves it out.
            candidates = [(p, without_generate_name(b)) for p, b in unused if identity(b) == (doc.get("kind"), UNNAMED_GENERATE_NAME)]
            match = next((b for b in candidates if normalize(b[1]) == expected), None)
            if match is not None:
                unused.remove(next(u for u in unused if u[0] == match[0]))
                equal += 1
                continue
        else:
            candidates = [b for b in unused if identity(b[1]) == identity(doc)]
            match = next((b for b in candidates if normalize(b[1]) == expected), None)
        if match is not None:
            unused.remove(match)
            equal += 1
            continue
        rel = os.path.relpath(path, corpus_dir)
        if not candidates:
            failures.append(f"{rel}: no built {identity(doc)[0]} named {identity(doc)[1]!r}")
        else:
            failures.append(f"{rel}: " + "; ".join(f"{os.path.basename(b[0])}: {first_difference(normalize(b[1]), expected)}" for b in candidates[:3]))
    print(f"import_corpus_check: {equal} of {len(sources)} documents equal; {len(built)} manifests built")
    if failures or len(built) != len(sources):
        print("import_corpus_check: FAILED\n  " + "\n  ".join(failures), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
