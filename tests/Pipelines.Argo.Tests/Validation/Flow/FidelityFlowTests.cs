using System;
using Pipelines.Argo.Validation;

namespace Pipelines.Argo.Tests.Validation.Flow;

/// <summary>Flow verdicts that follow Argo v4.1.2 exactly (issue [Fidelity]); Go functions are in validate.go.</summary>
public sealed class FidelityFlowTests
{
    // Go: addOutputsToScope registers a globalName in tctx.globalParams only when the step that calls the producing
    // template comes into scope (validateSteps: after that step's own fields are resolved), and the entrypoint's own
    // outputs are never registered. resolveAllVariables then fails with "failed to resolve {{workflow.outputs...}}".
    [Fact]
    public void Global_outputs_are_known_only_after_the_producing_step_in_validation_order()
    {
        const string Templates = """
                - name: main
                  steps:
                    - - name: early
                        template: use
                    - - name: produce
                        template: produce
                    - - name: late
                        template: use
                - name: produce
                  container: {image: alpine}
                  outputs:
                    parameters:
                      - name: out
                        globalName: shared
                        valueFrom: {path: /tmp/out}
                - name: use
                  container:
                    image: alpine
                    args: ["{{workflow.outputs.parameters.shared}}"]

            """;

        // 'use' is first validated as the child of 'early', before 'produce' registered 'shared'; Argo validates each
        // template once, so the reference fails there (and is not retried for 'late').
        var f = FlowFixture.Single(FlowFixture.Workflow(Templates), FindingCodes.UnresolvedGlobalOutput, "spec.templates[2].container.args[0]");
        Assert.Contains("failed to resolve {{workflow.outputs.parameters.shared}}", f.Message, StringComparison.Ordinal);
        Assert.Contains("validates the entrypoint first", f.Message, StringComparison.Ordinal);

        // Without the early step, 'use' is validated after 'produce' came into scope: accepted.
        FlowFixture.None(FlowFixture.Workflow(Templates.Replace("        - - name: early\n            template: use\n", string.Empty, StringComparison.Ordinal)));
    }

    // Go: Workflow validates spec.onExit after the entrypoint, so an exit handler sees every global registered while the
    // entrypoint was walked; but the entrypoint's own outputs never come into scope as a child.
    [Fact]
    public void The_exit_handler_sees_globals_of_children_but_not_of_the_entrypoint_itself()
    {
        static string Wf(string entry) => FlowFixture.Workflow(
            entry + """
                - name: produce
                  container: {image: alpine}
                  outputs:
                    parameters: [{name: out, globalName: shared, valueFrom: {path: /tmp/out}}]
                - name: exit
                  container:
                    image: alpine
                    args: ["{{workflow.outputs.parameters.shared}}"]

            """,
            "  onExit: exit\n");

        FlowFixture.None(Wf("    - name: main\n      steps:\n        - - {name: p, template: produce}\n"));
        var entryIsProducer = Wf(string.Empty).Replace("entrypoint: main", "entrypoint: produce", StringComparison.Ordinal);
        FlowFixture.Single(entryIsProducer, FindingCodes.UnresolvedGlobalOutput, "spec.templates[1].container.args[0]");
    }

    // Go: validateTemplate substitutes the template's inputs (common.ProcessArgs) before validateSteps, so a step named
    // run-{{inputs.parameters.day}} and {{steps.run-{{inputs.parameters.day}}.status}} read as the same placeholder
    // name (isValidStepName checks the literal skeleton); Argo v4.1 accepts both.
    [Fact]
    public void Step_names_built_from_parameters_and_references_to_them_are_accepted()
    {
        FlowFixture.None(FlowFixture.Workflow("""
                - name: main
                  inputs:
                    parameters: [{name: day, value: mon}]
                  steps:
                    - - name: run-{{inputs.parameters.day}}
                        template: work
                    - - name: check-{{inputs.parameters.day}}
                        template: work
                        when: "{{steps.run-{{inputs.parameters.day}}.status}} != Succeeded"
                        arguments:
                          parameters: [{name: v, value: "{{steps.run-{{inputs.parameters.day}}.outputs.result}}"}]
                - name: work
                  inputs:
                    parameters: [{name: v, value: x}]
                  container: {image: alpine}

            """));

        // A reference to a step name the template does not have is still an error.
        var f = FlowFixture.Single(
            FlowFixture.Workflow("""
                - name: main
                  inputs:
                    parameters: [{name: day, value: mon}]
                  steps:
                    - - name: run-{{inputs.parameters.day}}
                        template: work
                    - - name: check
                        template: work
                        when: "{{steps.walk-{{inputs.parameters.day}}.status}} != Succeeded"
                - name: work
                  container: {image: alpine}

            """),
            FindingCodes.UnresolvedStepReference,
            "spec.templates[0].steps[1][0].when");
        Assert.Contains("walk-", f.Message, StringComparison.Ordinal);
    }

    // Go: WorkflowTemplate builds a Workflow with the template's own labels and annotations and validates it;
    // resolveAllVariables has no exception for workflow.labels in WorkflowTemplate mode: "failed to resolve".
    [Fact]
    public void Unknown_label_in_a_WorkflowTemplate_is_an_error_like_in_a_Workflow()
    {
        const string Wt = """
            apiVersion: argoproj.io/v1alpha1
            kind: WorkflowTemplate
            metadata:
              name: wt
              labels: {team: a}
            spec:
              templates:
                - name: main
                  container:
                    image: alpine
                    args: ["{{workflow.labels.team}} {{workflow.labels.owner}}"]
            """;
        var f = FlowFixture.Single(Wt, FindingCodes.UnresolvedWorkflowVariable, "spec.templates[0].container.args[0]", Severity.Error);
        Assert.Contains("failed to resolve {{workflow.labels.owner}}", f.Message, StringComparison.Ordinal);
    }
    // Go: validateTemplate substitutes the template (common.ProcessArgs, SubstituteParams) before validateDAG, and
    // validateDAG checks the substituted task names with validateWorkflowFieldNames, which, unlike isValidStepName, has
    // no placeholder exception. The entrypoint of a Workflow is validated first with spec.arguments, so its inputs
    // have real values: 'run-mon' is accepted and a depends naming it matches; 'run-a b' is "templates.main.tasks[0].name:
    // 'run-a b' is invalid: name must consist of alpha-numeric characters or '-', ...". Any other template gets
    // FakeArguments ('__argo__internal__placeholder-N', with '_'): rejected.
    [Fact]
    public void Dag_task_names_built_from_tags_are_judged_after_substitution_as_Argo_does()
    {
        static string Wf(string day, string entry) => $$$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: wf}
            spec:
              entrypoint: {{{entry}}}
              arguments: {parameters: [{name: day, value: "{{{day}}}"}]}
              templates:
              - name: outer
                steps: [[{name: s, template: main, arguments: {parameters: [{name: day, value: x}]}}]]
              - name: main
                inputs: {parameters: [{name: day}]}
                dag:
                  tasks:
                  - {name: "run-{{inputs.parameters.day}}", template: ok}
                  - {name: after, template: ok, depends: "run-{{inputs.parameters.day}}"}
                  - {name: w, template: ok, depends: "run-{{workflow.parameters.day}}.Succeeded"}
              - name: ok
                container: {image: alpine}
            """;

        Assert.Empty(Errors(Wf("mon", "main")));
        var bad = Assert.Single(Errors(Wf("a b", "main")), f => f.Code == FindingCodes.NodeNameInvalid.Code);
        Assert.Equal("spec.templates[1].dag.tasks[0].name", bad.Path);
        Assert.Contains("it becomes 'run-a b'", bad.Message, StringComparison.Ordinal);
        var nested = Assert.Single(Errors(Wf("mon", "outer")), f => f.Code == FindingCodes.NodeNameInvalid.Code);
        Assert.Equal("spec.templates[1].dag.tasks[0].name", nested.Path);
        Assert.Contains("{{inputs.parameters.day}} has no value when this template is validated", nested.Message, StringComparison.Ordinal);
    }

    private static System.Collections.Generic.List<Finding> Errors(string yaml)
    {
        var file = ArgoYaml.ReadText(yaml, "fixture.yaml");
        ArgoValidator.Validate(new[] { file });
        return System.Linq.Enumerable.ToList(System.Linq.Enumerable.Where(file.AllFindings, f => f.Severity == Severity.Error));
    }
}
