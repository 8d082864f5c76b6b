// The TypeScript peer of the corpus benchmark: one pass reads every Argo document of the corpus with js-yaml,
// binds it to @kubernetes-models/argo-workflows, runs the model's schema validation and writes it back with
// js-yaml: the same three stages as Pipelines.Benchmarks' "all" pass. Prints one JSON line.
// Usage: node peer.mjs CORPUS_EXAMPLES_DIR [ITERATIONS]
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { Workflow } from '@kubernetes-models/argo-workflows/argoproj.io/v1alpha1/Workflow';
import { WorkflowTemplate } from '@kubernetes-models/argo-workflows/argoproj.io/v1alpha1/WorkflowTemplate';
import { ClusterWorkflowTemplate } from '@kubernetes-models/argo-workflows/argoproj.io/v1alpha1/ClusterWorkflowTemplate';
import { CronWorkflow } from '@kubernetes-models/argo-workflows/argoproj.io/v1alpha1/CronWorkflow';

const kinds = { Workflow, WorkflowTemplate, ClusterWorkflowTemplate, CronWorkflow };
const dir = process.argv[2];
const iterations = Number.parseInt(process.argv[3] ?? '100', 10);

const files = [];
(function walk(folder) {
  const entries = fs.readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) walk(full);
    else if (/\.ya?ml$/.test(entry.name)) files.push(fs.readFileSync(full, 'utf8'));
  }
})(dir);

function pass() {
  let documents = 0;
  let rejected = 0;
  for (const text of files) {
    // json: true lets a duplicate key win the way Go's YAML reader does (the corpus has one).
    for (const value of yaml.loadAll(text, null, { json: true })) {
      if (!value || !kinds[value.kind]) continue;
      documents++;
      const model = new kinds[value.kind](value);
      try { model.validate(); } catch { rejected++; }
      yaml.dump(model.toJSON());
    }
  }
  return { documents, rejected };
}

for (let i = 0; i < Math.max(10, iterations / 2); i++) pass();
const times = [];
let result;
for (let i = 0; i < iterations; i++) {
  const start = process.hrtime.bigint();
  result = pass();
  times.push(Number(process.hrtime.bigint() - start) / 1e6);
}
times.sort((a, b) => a - b);
console.log(JSON.stringify({ ...result, iterations, medianMs: times[Math.floor(times.length / 2)] }));
