using System.Linq;
using System.Threading.Tasks;
using Pipelines.Runner.Executors;
using static Pipelines.Runner.Tests.Harness;

namespace Pipelines.Runner.Tests;

/// <summary>
/// Dynamic step names and references to them through a nested tag, as Argo v4.1.2 resolves them:
/// util/template simpleReplaceStrict puts the inner tag's value in (<c>{{steps.run-{{inputs.parameters.d}}.status}}</c>
/// becomes <c>{{steps.run-x.status}}</c>), and the outer reference then resolves like any other.
/// </summary>
public class NestedTagTests
{
    [Fact]
    public async Task A_reference_to_a_step_named_from_a_parameter_resolves()
    {
        const string yaml = """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: wf}
            spec:
              entrypoint: main
              arguments: {parameters: [{name: d, value: "2026-01-01"}]}
              templates:
              - name: main
                inputs: {parameters: [{name: d, value: "{{workflow.parameters.d}}"}]}
                steps:
                - - {name: "run-{{inputs.parameters.d}}", template: leaf, arguments: {parameters: [{name: x, value: a}]}}
                - - name: after
                    template: leaf
                    arguments:
                      parameters:
                      - {name: x, value: "{{steps.run-{{inputs.parameters.d}}.status}}/{{steps.run-{{inputs.parameters.d}}.outputs.parameters.p}}"}
              - name: leaf
                inputs: {parameters: [{name: x}]}
                outputs: {parameters: [{name: p, value: "out-{{inputs.parameters.x}}"}]}
                container: {image: alpine, command: [sh, -c, "true"]}
            """;
        var r = await Text(yaml, o => o.Executors.Add(new DelegateExecutor(_ => LeafResult.FromExitCode(0))), host: false);
        Assert.Equal("Succeeded", r.Phase);
        Assert.NotNull(r.Find("run-2026-01-01"));
        Assert.Equal("out-Succeeded/out-a", Node(r, "after").Outputs!.Parameter("p"));
    }
}
