using Pipelines.Argo.Validation;

namespace Pipelines.Argo.Tests.Validation.Flow;

public sealed class VariableRuleTests
{
    private static string Leaf(string args, string inputs = "") => $$"""
            - name: main
        {{inputs}}
              container:
                image: alpine
                args: ["{{args}}"]

        """;

    private const string MessageInput = "      inputs:\n        parameters:\n        - name: message\n        artifacts:\n        - name: src\n          path: /src";

    [Fact]
    public void Undeclared_input_parameter_is_an_error_with_suggestion_and_position()
    {
        var f = FlowFixture.Single(FlowFixture.Workflow(Leaf("echo {{ inputs.parameters.mesage }}", MessageInput)), FindingCodes.UnresolvedInput, "spec.templates[0].container.args[0]");
        Assert.Contains("failed to resolve {{inputs.parameters.mesage}}", f.Message);
        Assert.Contains("did you mean 'message'", f.Message);
        Assert.Equal(17, f.Line);
        Assert.True(f.Column > 0);
    }

    [Fact]
    public void Declared_inputs_unchecked_prefixes_and_expressions_pass()
    {
        FlowFixture.None(FlowFixture.Workflow(Leaf(
            "{{inputs.parameters.message}} {{inputs.parameters}} {{inputs.artifacts.src.path}} {{inputs.artifacts.src}} {{retries}} {{node.name}} {{=sprig.trim(inputs.parameters.message)}} {{outputs.parameters.typo.path}} {{pod.name}}",
            MessageInput)));
    }

    [Fact]
    public void Undeclared_input_artifact_is_an_error()
    {
        FlowFixture.Single(FlowFixture.Workflow(Leaf("{{inputs.artifacts.sr.path}}", MessageInput)), FindingCodes.UnresolvedInput, "spec.templates[0].container.args[0]");
    }

    [Fact]
    public void Unclosed_tag_is_an_error()
    {
        FlowFixture.Single(FlowFixture.Workflow(Leaf("echo {{inputs.parameters.message", MessageInput)), FindingCodes.UnclosedTag, "spec.templates[0].container.args[0]");
    }

    [Fact]
    public void Workflow_parameters_resolve_against_spec_arguments()
    {
        const string args = "  arguments:\n    parameters:\n    - name: target\n";
        FlowFixture.None(FlowFixture.Workflow(Leaf("{{workflow.parameters.target}} {{workflow.parameters}} {{workflow.name}} {{workflow.creationTimestamp.RFC3339}}"), args));
        var f = FlowFixture.Single(FlowFixture.Workflow(Leaf("{{workflow.parameters.targte}}"), args), FindingCodes.UnresolvedWorkflowParameter, "spec.templates[0].container.args[0]");
        Assert.Contains("did you mean 'target'", f.Message);
    }

    [Fact]
    public void Workflow_parameters_are_open_in_a_WorkflowTemplate()
    {
        FlowFixture.None("""
            apiVersion: argoproj.io/v1alpha1
            kind: WorkflowTemplate
            metadata:
              name: wt
            spec:
              templates:
              - name: main
                container:
                  image: alpine
                  args: ["{{workflow.parameters.anything}}"]
            """);
    }

    [Fact]
    public void Workflow_failures_needs_onExit()
    {
        FlowFixture.Single(FlowFixture.Workflow(Leaf("{{workflow.failures}}")), FindingCodes.WorkflowFailuresWithoutOnExit, "spec.templates[0].container.args[0]");
        FlowFixture.None(FlowFixture.Workflow(Leaf("{{workflow.failures}}"), "  onExit: main\n"));
    }

    [Fact]
    public void Workflow_priority_labels_and_unknown_variables()
    {
        FlowFixture.Single(FlowFixture.Workflow(Leaf("{{workflow.priority}}")), FindingCodes.UnresolvedWorkflowVariable, "spec.templates[0].container.args[0]");
        FlowFixture.None(FlowFixture.Workflow(Leaf("{{workflow.priority}}"), "  priority: 3\n"));
        FlowFixture.Single(FlowFixture.Workflow(Leaf("{{workflow.labels.team}}")), FindingCodes.UnresolvedWorkflowVariable, "spec.templates[0].container.args[0]");
        FlowFixture.None(FlowFixture.Workflow(Leaf("{{workflow.labels.team}}"), "  workflowMetadata:\n    labels:\n      team: a\n"));
        FlowFixture.Single(FlowFixture.Workflow(Leaf("{{workflow.nmae}}")), FindingCodes.UnresolvedWorkflowVariable, "spec.templates[0].container.args[0]");
    }

    [Fact]
    public void Global_outputs_need_a_globalName()
    {
        const string templates = """
                - name: main
                  steps:
                  - - name: gen
                      template: gen
                  - - name: use
                      template: gen
                      arguments:
                        parameters:
                        - name: x
                          value: "{{workflow.outputs.parameters.REF}}"
                - name: gen
                  inputs:
                    parameters:
                    - name: x
                      value: ""
                  outputs:
                    parameters:
                    - name: out
                      globalName: result-g
                      valueFrom:
                        path: /tmp/out
                  container:
                    image: alpine

            """;
        FlowFixture.None(FlowFixture.Workflow(templates.Replace("REF", "result-g")));
        var f = FlowFixture.Single(FlowFixture.Workflow(templates.Replace("REF", "result-x")), FindingCodes.UnresolvedGlobalOutput, "spec.templates[0].steps[1][0].arguments.parameters[0].value");
        Assert.Contains("did you mean 'result-g'", f.Message);
    }

    [Fact]
    public void Pod_name_only_in_pod_templates()
    {
        const string templates = """
                - name: main
                  steps:
                  - - name: a
                      template: leaf
                      arguments:
                        parameters:
                        - name: p
                          value: "{{pod.name}}"
                - name: leaf
                  inputs:
                    parameters:
                    - name: p
                  script:
                    image: alpine
                    source: echo {{pod.name}}

            """;
        FlowFixture.Single(FlowFixture.Workflow(templates), FindingCodes.PodNameOutsidePod, "spec.templates[0].steps[0][0].arguments.parameters[0].value");
    }

    [Fact]
    public void Item_outside_loop_is_a_warning_and_item_key_outside_loop_an_error()
    {
        FlowFixture.Single(FlowFixture.Workflow(Leaf("{{item}}")), FindingCodes.ItemOutsideLoop, "spec.templates[0].container.args[0]", Severity.Warning);
        FlowFixture.Single(FlowFixture.Workflow(Leaf("{{item.name}}")), FindingCodes.UnresolvedItem, "spec.templates[0].container.args[0]");
    }

    [Fact]
    public void Outputs_section_of_a_steps_template_sees_every_step()
    {
        const string templates = """
                - name: main
                  steps:
                  - - name: a
                      template: leaf
                  outputs:
                    parameters:
                    - name: r
                      valueFrom:
                        parameter: "{{steps.OUT.outputs.result}}"
                - name: leaf
                  container:
                    image: alpine

            """;
        FlowFixture.None(FlowFixture.Workflow(templates.Replace("OUT", "a")));
        FlowFixture.Single(FlowFixture.Workflow(templates.Replace("OUT", "b")), FindingCodes.UnresolvedStepReference, "spec.templates[0].outputs.parameters[0].valueFrom.parameter");
    }

    [Fact]
    public void CronWorkflow_paths_are_under_workflowSpec()
    {
        const string yaml = """
            apiVersion: argoproj.io/v1alpha1
            kind: CronWorkflow
            metadata:
              name: cron
            spec:
              schedules: ["* * * * *"]
              workflowSpec:
                entrypoint: main
                templates:
                - name: main
                  container:
                    image: alpine
                    args: ["{{inputs.parameters.x}}"]
            """;
        FlowFixture.Single(yaml, FindingCodes.UnresolvedInput, "spec.workflowSpec.templates[0].container.args[0]");
    }

    [Fact]
    public void Inline_templates_see_their_own_inputs()
    {
        const string templates = """
                - name: main
                  dag:
                    tasks:
                    - name: a
                      arguments:
                        parameters:
                        - name: msg
                          value: hi
                      inline:
                        inputs:
                          parameters:
                          - name: msg
                        container:
                          image: alpine
                          args: ["{{inputs.parameters.msg}} {{inputs.parameters.REF}}"]

            """;
        FlowFixture.None(FlowFixture.Workflow(templates.Replace("REF", "msg")));
        FlowFixture.Single(FlowFixture.Workflow(templates.Replace("REF", "mgs")), FindingCodes.UnresolvedInput, "spec.templates[0].dag.tasks[0].inline.container.args[0]");
    }
}
