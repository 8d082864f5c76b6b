using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Pipelines.Runner.Executors;
using static Pipelines.Runner.Tests.Harness;

namespace Pipelines.Runner.Tests;

/// <summary>
/// spec.workflowMetadata at the start of a run, as Argo v4.1.2's workflow/controller/operator.go
/// updateWorkflowMetadata applies it (after setGlobalParameters and substituteGlobalVariables): labels and
/// annotations, and labelsFrom expressions evaluated with expr over the global parameters; a failure is
/// markWorkflowError with the function's message.
/// </summary>
public class WorkflowMetadataTests
{
    private static string Yaml(string labelsFrom) => $$$"""
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {name: wf, labels: {owner: me}}
        spec:
          entrypoint: main
          arguments: {parameters: [{name: env, value: Prod}]}
          workflowMetadata:
            labels: {team: "t-{{workflow.parameters.env}}"}
            annotations: {note: "for {{workflow.name}}"}
            labelsFrom:
        {{{labelsFrom}}}
          templates:
          - name: main
            inputs:
              parameters:
              - {name: labels, value: "{{workflow.labels.team}} {{workflow.labels.stage}} {{workflow.annotations.note}} {{=workflow.labels.stage}}"}
            container: {image: alpine, command: [sh, -c, "true"]}
        """;

    private static async Task<(RunReport Report, List<string> Seen)> Run(string labelsFrom)
    {
        var seen = new List<string>();
        var r = await Text(Yaml(labelsFrom), o => o.Executors.Add(new DelegateExecutor(req =>
        {
            lock (seen)
            {
                seen.Add(req.Template.Inputs!.Parameters!.Single().Value!.Text);
            }

            return LeafResult.FromExitCode(0);
        })), host: false);
        return (r, seen);
    }

    [Fact]
    public async Task Labels_annotations_and_labelsFrom_are_applied_and_visible_to_templates()
    {
        var (r, seen) = await Run("      stage: {expression: \"sprig.lower(workflow.parameters.env) + '-' + workflow.name\"}");
        Assert.Equal("Succeeded", r.Phase);
        Assert.Equal("me", r.Labels["owner"]);
        Assert.Equal("t-Prod", r.Labels["team"]);
        Assert.Equal("prod-wf", r.Labels["stage"]);
        Assert.Equal(["t-Prod prod-wf for wf prod-wf"], seen);
    }

    [Fact]
    public async Task A_labelsFrom_that_is_not_a_string_errors_the_workflow()
    {
        var (r, seen) = await Run("      stage: {expression: \"1 + 1\"}");
        Assert.Equal("Error", r.Phase);
        Assert.Equal("failed to evaluate label \"stage\" expression \"1 + 1\" evaluted to int but must be a string", r.Message);
        Assert.Empty(seen);
    }

    [Fact]
    public async Task A_labelsFrom_value_that_is_no_label_value_errors_the_workflow()
    {
        var (r, _) = await Run("      stage: {expression: \"'a b'\"}");
        Assert.Equal("Error", r.Phase);
        Assert.StartsWith("invalid label value \"a b\" for label \"stage\" and expression \"'a b'\": a valid label must be an empty string", r.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_labelsFrom_naming_an_unknown_variable_fails_to_compile()
    {
        var (r, _) = await Run("      stage: {expression: \"nope\"}");
        Assert.Equal("Error", r.Phase);
        Assert.StartsWith("failed to compile function for expression \"nope\": ", r.Message, StringComparison.Ordinal);
    }
}
