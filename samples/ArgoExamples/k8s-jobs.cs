// Port of: k8s-jobs.yaml
using Pipelines;
using Pipelines.Argo.Model;

namespace ArgoExamples;

// Upstream has no name ("name: k8s-jobs" sits inside the annotation text) and leaves it to argo submit --name. The build's
// YAML is created as written, and a Workflow with neither name nor generateName is then rejected (PIPE1014), so this port
// sets a generateName.
[Workflow(GenerateName = "k8s-jobs-")]
[Annotation("workflows.argoproj.io/no-test-reasons", "Needs permission to create Jobs in the namespace.\n")]
[Label("workflows.argoproj.io/no-test", "environment")]
public partial class K8sJobs
{
    // A resource template: creates a Job and waits until three pods succeeded (or two failed).
    [Resource(
        "create",
        SuccessCondition = "status.succeeded > 2",
        FailureCondition = "status.failed > 1",
        SetOwnerReference = true,
        Manifest = """
            apiVersion: batch/v1
            kind: Job
            metadata:
              generateName: rand-num-
            spec:
              completions: 3
              parallelism: 3
              template:
                metadata:
                  name: rand
                spec:
                  containers:
                  - name: rand
                    image: python:alpine3.23
                    command: ["python", "-c", "import random; import time; print(random.randint(1, 1000)); time.sleep(10)"]
                  restartPolicy: Never

            """)]
    [Entrypoint]
    public static partial Node RandNum();

    // Outputs read from the created object with a JSONPath and a jq filter.
    [Spec(nameof(RandNum))]
    private static Template RandNumOutputs => new()
    {
        Outputs = new()
        {
            Parameters =
            [
                new() { Name = "job-name", ValueFrom = new() { JsonPath = "{.metadata.name}" } },
                new() { Name = "job-obj", ValueFrom = new() { JqFilter = "." } },
            ],
        },
    };
}
