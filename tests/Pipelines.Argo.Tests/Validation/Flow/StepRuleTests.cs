using Pipelines.Argo.Validation;

namespace Pipelines.Argo.Tests.Validation.Flow;

public sealed class StepRuleTests
{
    private const string Templates = """
            - name: main
              steps:
              - - name: one
                  CALL
                  arguments:
                    parameters:
                    - name: msg
                      value: "ONE"
                - name: sibling
                  template: echo
                  arguments:
                    parameters:
                    - name: msg
                      value: "SIBLING"
              - - name: two
                  template: echo
                  arguments:
                    parameters:
                    - name: msg
                      value: "TWO"
            - name: echo
              inputs:
                parameters:
                - name: msg
              outputs:
                parameters:
                - name: out
                  valueFrom:
                    path: /tmp/out
              container:
                image: alpine
            - name: res
              resource:
                action: create
                manifest: "x"

        """;

    private static string Wf(string one = "x", string sibling = "x", string two = "x", string call = "template: echo") =>
        FlowFixture.Workflow(Templates.Replace("CALL", call).Replace("\"ONE\"", $"\"{one}\"").Replace("\"SIBLING\"", $"\"{sibling}\"").Replace("\"TWO\"", $"\"{two}\""));

    [Fact]
    public void Earlier_steps_are_in_scope()
    {
        FlowFixture.None(Wf(two: "{{steps.one.outputs.parameters.out}} {{steps.one.status}} {{steps.one.outputs.result}} {{steps.one.exitCode}} {{steps.one.id}} {{steps.name}}"));
    }

    [Fact]
    public void Later_step_is_a_future_reference()
    {
        var f = FlowFixture.Single(Wf(one: "{{steps.two.status}}"), FindingCodes.FutureStepReference, "spec.templates[0].steps[0][0].arguments.parameters[0].value");
        Assert.Contains("failed to resolve {{steps.two.status}}", f.Message);
    }

    [Fact]
    public void Same_group_reference_is_a_warning()
    {
        FlowFixture.Single(Wf(sibling: "{{steps.one.outputs.result}}"), FindingCodes.SameGroupStepReference, "spec.templates[0].steps[0][1].arguments.parameters[0].value", Severity.Warning);
    }

    [Fact]
    public void Unknown_step_and_unknown_output_are_errors()
    {
        var f = FlowFixture.Single(Wf(two: "{{steps.onee.outputs.result}}"), FindingCodes.UnresolvedStepReference, "spec.templates[0].steps[1][0].arguments.parameters[0].value");
        Assert.Contains("did you mean 'one'", f.Message);
        f = FlowFixture.Single(Wf(two: "{{steps.one.outputs.parameters.outt}}"), FindingCodes.UnresolvedStepReference, "spec.templates[0].steps[1][0].arguments.parameters[0].value");
        Assert.Contains("did you mean 'out'", f.Message);
        FlowFixture.Single(Wf(two: "{{steps.one.ip}}"), FindingCodes.UnresolvedStepReference, "spec.templates[0].steps[1][0].arguments.parameters[0].value");
        FlowFixture.Single(Wf(two: "{{steps.one.outputs.parameters}}"), FindingCodes.UnresolvedStepReference, "spec.templates[0].steps[1][0].arguments.parameters[0].value");
    }

    [Fact]
    public void Resource_templates_have_no_result()
    {
        var yaml = Wf(two: "{{steps.one.outputs.result}}", call: "template: res");
        FlowFixture.Single(yaml, FindingCodes.UnresolvedStepReference, "spec.templates[0].steps[1][0].arguments.parameters[0].value");
    }

    [Fact]
    public void Unresolvable_template_outputs_are_not_reported()
    {
        var yaml = Wf(two: "{{steps.one.outputs.parameters.anything}}", call: "templateRef: {name: not-here, template: t}");
        FlowFixture.None(yaml);
    }

    [Fact]
    public void Aggregated_outputs_of_a_loop()
    {
        const string templates = """
                - name: main
                  steps:
                  - - name: gen
                      template: gen
                      withItems: [1, 2]
                  - - name: use
                      template: gen
                      arguments:
                        parameters:
                        - name: all
                          value: "{{steps.gen.outputs.parameters}} {{steps.gen.outputs.result}}"
                - name: gen
                  inputs:
                    parameters:
                    - name: all
                      value: ""
                  script:
                    image: alpine
                    source: echo

            """;
        FlowFixture.None(FlowFixture.Workflow(templates));
        FlowFixture.Single(FlowFixture.Workflow(templates.Replace("withItems: [1, 2]", "withSequence: {count: \"2\"}")), FindingCodes.UnresolvedStepReference, "spec.templates[0].steps[1][0].arguments.parameters[0].value");
    }
}
