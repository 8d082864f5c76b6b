using static Pipelines.Argo.Tests.Validation.Structure.StructureAssert;

namespace Pipelines.Argo.Tests.Validation.Structure;

public sealed class ReferenceRuleTests
{
    private const string Library = """
        apiVersion: argoproj.io/v1alpha1
        kind: WorkflowTemplate
        metadata: {name: lib}
        spec:
          templates:
            - name: echo
              inputs:
                parameters: [{name: message}]
              container: {image: alpine}
        """;

    private const string ClusterLibrary = """
        apiVersion: argoproj.io/v1alpha1
        kind: ClusterWorkflowTemplate
        metadata: {name: cluster-lib}
        spec:
          entrypoint: hello
          arguments:
            parameters: [{name: who, value: world}]
          templates:
            - name: hello
              container: {image: alpine}
        """;

    [Fact]
    public void Valid_references_report_nothing()
    {
        var findings = Validate("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: refs-}
            spec:
              entrypoint: main
              onExit: bye
              templates:
                - name: main
                  steps:
                    - - name: a
                        templateRef: {name: lib, template: echo}
                        arguments:
                          parameters: [{name: message, value: hi}]
                      - name: b
                        templateRef: {name: cluster-lib, template: hello, clusterScope: true}
                      - name: c
                        templateRef: {name: "{{workflow.parameters.lib}}", template: any}
                        onExit: bye
                        hooks:
                          running:
                            expression: steps.c.status == "Running"
                            template: bye
                - name: bye
                  container: {image: alpine}
            """,
            Library,
            ClusterLibrary);
        None(findings);
    }

    [Fact]
    public void Missing_entrypoint_is_an_error_for_workflows_only()
    {
        var findings = Validate("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: w}
            spec:
              templates:
                - name: main
                  container: {image: alpine}
            """);
        Single(findings, FindingCodes.EntrypointMissing, "spec");

        None(Validate(Library));
    }

    [Fact]
    public void Entrypoint_and_onExit_must_name_templates()
    {
        var findings = Validate("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: w}
            spec:
              entrypoint: doesnotexist
              onExit: cleanup
              templates:
                - name: main
                  container: {image: alpine}
            """);
        var entry = Has(findings, FindingCodes.EntrypointUndefined, "spec.entrypoint");
        Has(findings, FindingCodes.OnExitUndefined, "spec.onExit");
        Assert.Equal(2, findings.Count);
        Assert.Contains("template name 'doesnotexist' undefined", entry.Message, System.StringComparison.Ordinal);
        Assert.Equal(5, entry.Line);
    }

    [Fact]
    public void Step_and_task_templates_must_resolve()
    {
        var findings = Validate("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: w}
            spec:
              entrypoint: main
              templates:
                - name: main
                  steps:
                    - - name: a
                        template: whalesya
                      - name: b
                - name: d
                  dag:
                    tasks:
                      - name: t
                        template: nope
                      - name: u
                        template: main
                        templateRef: {name: lib, template: echo}
                      - name: v
                        templateRef: {name: lib}
                      - name: w
                        templateRef: {name: lib, template: nope}
                      - name: x
                        templateRef: {name: other, template: x}
                      - name: yy
                        templateRef: {name: lib, template: echo, clusterScope: true}
            """,
            Library);
        Has(findings, FindingCodes.TemplateUndefined, "spec.templates[0].steps[0][0].template");
        Has(findings, FindingCodes.TemplateUndefined, "spec.templates[0].steps[0][1]");
        Has(findings, FindingCodes.TemplateUndefined, "spec.templates[1].dag.tasks[0].template");
        Has(findings, FindingCodes.TemplateRefInvalid, "spec.templates[1].dag.tasks[1].template");
        Has(findings, FindingCodes.TemplateRefInvalid, "spec.templates[1].dag.tasks[2].templateRef");
        Has(findings, FindingCodes.TemplateRefNotFound, "spec.templates[1].dag.tasks[3].templateRef.template");
        // WorkflowTemplates were given (lib) and none is 'other': missing, an error; no ClusterWorkflowTemplate was
        // given, so the cluster-scoped lib may exist in the cluster: a warning.
        Has(findings, FindingCodes.WorkflowTemplateNotLinted, "spec.templates[1].dag.tasks[4].templateRef.name", Severity.Error);
        Has(findings, FindingCodes.WorkflowTemplateNotLinted, "spec.templates[1].dag.tasks[5].templateRef.name", Severity.Warning);

        // Task u resolves through templateRef lib.echo and does not pass the required 'message'.
        Has(findings, FindingCodes.InputParameterNotSupplied, "spec.templates[1].dag.tasks[1]");
        Assert.Equal(9, findings.Count);
    }

    [Fact]
    public void WorkflowTemplateRef_is_checked()
    {
        var findings = Validate("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: w}
            spec:
              workflowTemplateRef: {name: cluster-lib, clusterScope: true}
              templates:
                - name: main
                  container: {image: alpine}
            """,
            ClusterLibrary);
        Single(findings, FindingCodes.WorkflowTemplateRefInvalid, "spec.templates");

        var missing = Validate("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: w}
            spec:
              workflowTemplateRef: {name: elsewhere}
            """);
        Single(missing, FindingCodes.WorkflowTemplateNotLinted, "spec.workflowTemplateRef.name", Severity.Warning);

        // The referenced template supplies entrypoint and templates.
        None(Validate("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: w}
            spec:
              workflowTemplateRef: {name: cluster-lib, clusterScope: true}
            """,
            ClusterLibrary));
    }

    [Fact]
    public void Unresolved_exit_handlers_and_hooks_are_warnings()
    {
        var findings = Validate("""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: w}
            spec:
              entrypoint: main
              hooks:
                exit: {template: no-such}
              templates:
                - name: main
                  dag:
                    tasks:
                      - name: a
                        template: leaf
                        onExit: cleanup
                        hooks:
                          exit: {templateRef: {name: lib, template: gone}}
                - name: leaf
                  container: {image: alpine}
            """,
            Library);
        Has(findings, FindingCodes.HookTemplateUnresolved, "spec.hooks.exit.template", Severity.Warning);
        Has(findings, FindingCodes.HookTemplateUnresolved, "spec.templates[0].dag.tasks[0].onExit", Severity.Warning);
        Has(findings, FindingCodes.HookTemplateUnresolved, "spec.templates[0].dag.tasks[0].hooks.exit.templateRef.template", Severity.Warning);
        Assert.Equal(3, findings.Count);
    }
}
