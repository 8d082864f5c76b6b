using Pipelines.Argo.Validation;
using static Pipelines.Argo.Tests.Validation.Structure.StructureAssert;

namespace Pipelines.Argo.Tests.Validation.Structure;

public sealed class ArgumentRuleTests
{
    private const string Template = """
        apiVersion: argoproj.io/v1alpha1
        kind: WorkflowTemplate
        metadata: {name: wt}
        spec:
          entrypoint: main
          arguments:
            parameters:
              - name: p
          templates:
            - name: main
              inputs:
                parameters: [{name: p}]
              container: {image: alpine}
        """;

    [Fact]
    public void Workflow_arguments_may_lack_values_when_linting_but_not_on_submit()
    {
        None(Validate(Template));
        var submit = Validate(Template, new ValidationOptions { Lint = false, Submit = true });
        var f = Single(submit, FindingCodes.ArgumentValueMissing, "spec.arguments.parameters[0]");
        Assert.Contains("spec.arguments.p.value or spec.arguments.p.valueFrom is required", f.Message, System.StringComparison.Ordinal);
        Assert.Equal(8, f.Line);

        // A WorkflowTemplate that is not being submitted may leave arguments empty even outside lint mode.
        None(Validate(Template, new ValidationOptions { Lint = false }));
    }

    [Fact]
    public void CronWorkflow_arguments_need_values()
    {
        var findings = Validate("""
            apiVersion: argoproj.io/v1alpha1
            kind: CronWorkflow
            metadata: {name: c}
            spec:
              schedules: ["@daily"]
              workflowSpec:
                entrypoint: main
                arguments:
                  parameters: [{name: p}]
                templates:
                  - name: main
                    container: {image: alpine}
            """);
        Single(findings, FindingCodes.ArgumentValueMissing, "spec.workflowSpec.arguments.parameters[0]");
    }

    [Fact]
    public void Argument_value_from_enum_and_artifacts_are_checked()
    {
        var findings = Validate("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: w}
            spec:
              entrypoint: main
              arguments:
                parameters:
                  - name: e
                    value: c
                    enum: [a, b]
                  - name: z
                    value: a
                    enum: []
                artifacts:
                  - name: both
                    from: "{{x}}"
                    fromExpression: "y"
              templates:
                - name: main
                  dag:
                    tasks:
                      - name: t
                        template: leaf
                        arguments:
                          parameters:
                            - name: in
                            - name: path
                              valueFrom: {path: /tmp/x}
                          artifacts:
                            - name: art
                - name: leaf
                  inputs:
                    parameters: [{name: in}, {name: path}]
                    artifacts: [{name: art, path: /a}]
                  container: {image: alpine}
            """);
        Has(findings, FindingCodes.EnumInvalid, "spec.arguments.parameters[0].value");
        Has(findings, FindingCodes.EnumInvalid, "spec.arguments.parameters[1].enum");
        Has(findings, FindingCodes.ArgumentArtifactInvalid, "spec.arguments.artifacts[0]");
        Has(findings, FindingCodes.ArgumentValueMissing, "spec.templates[0].dag.tasks[0].arguments.parameters[0]");
        Has(findings, FindingCodes.ArgumentValueFromInvalid, "spec.templates[0].dag.tasks[0].arguments.parameters[1].valueFrom.path");
        Has(findings, FindingCodes.ArgumentArtifactInvalid, "spec.templates[0].dag.tasks[0].arguments.artifacts[0]");
        Assert.Equal(6, findings.Count);
    }

    [Fact]
    public void Called_templates_must_get_their_inputs()
    {
        var findings = Validate("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: w}
            spec:
              entrypoint: main
              arguments:
                parameters: [{name: unrelated, value: x}]
              templates:
                - name: main
                  inputs:
                    parameters: [{name: needed}]
                  steps:
                    - - name: call
                        template: leaf
                        arguments:
                          parameters: [{name: mesage, value: typo}]
                      - name: ok
                        template: leaf
                        arguments:
                          parameters: [{name: message, value: hi}]
                          artifacts: [{name: src, from: "{{workflow.outputs.artifacts.x}}"}]
                      - name: inline
                        inline:
                          inputs:
                            parameters: [{name: x}]
                          container: {image: alpine}
                - name: leaf
                  inputs:
                    parameters:
                      - name: message
                      - name: defaulted
                        default: d
                    artifacts:
                      - name: src
                        path: /src
                      - name: opt
                        path: /opt
                        optional: true
                      - name: fixed
                        path: /fixed
                        http: {url: "https://example.com/f"}
                  container: {image: alpine}
            """);
        Has(findings, FindingCodes.InputParameterNotSupplied, "spec.entrypoint");
        Has(findings, FindingCodes.InputParameterNotSupplied, "spec.templates[0].steps[0][0]");
        Has(findings, FindingCodes.InputArtifactNotSupplied, "spec.templates[0].steps[0][0]");
        Has(findings, FindingCodes.UndeclaredArgument, "spec.templates[0].steps[0][0].arguments.parameters[0].name", Severity.Warning);
        Has(findings, FindingCodes.InputParameterNotSupplied, "spec.templates[0].steps[0][2]");
        Assert.Equal(5, findings.Count);
    }

    [Fact]
    public void WorkflowTemplate_entrypoint_gets_fake_arguments()
    {
        None(Validate("""
            apiVersion: argoproj.io/v1alpha1
            kind: WorkflowTemplate
            metadata: {name: wt}
            spec:
              entrypoint: main
              templates:
                - name: main
                  inputs:
                    parameters: [{name: needed}]
                    artifacts: [{name: a, path: /a}]
                  container: {image: alpine}
            """));
    }
}
