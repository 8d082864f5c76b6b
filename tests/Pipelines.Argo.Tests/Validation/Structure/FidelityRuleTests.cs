using System;
using System.Linq;
using Pipelines.Argo.Validation;
using static Pipelines.Argo.Tests.Validation.Structure.StructureAssert;

namespace Pipelines.Argo.Tests.Validation.Structure;

/// <summary>
/// Verdicts that follow Argo v4.1.2 exactly (issue [Fidelity]): each fixture states what Argo's validator does with it,
/// citing the Go function (workflow/validate/validate.go unless another file is named).
/// </summary>
public sealed class FidelityRuleTests
{
    private static string Workflow(string templates, string spec = "", string metadata = "{name: wf}") =>
        "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: " + metadata + "\nspec:\n  entrypoint: main\n" + spec + "  templates:\n" + templates;

    private static string WorkflowTemplate(string templates, string spec = "") =>
        "apiVersion: argoproj.io/v1alpha1\nkind: WorkflowTemplate\nmetadata: {name: wt}\nspec:\n  entrypoint: main\n" + spec + "  templates:\n" + templates;

    private const string Main = """
            - name: main
              container: {image: alpine}

        """;

    private static void Contains(string expected, Finding f) =>
        Assert.True(f.Message.Contains(expected, StringComparison.Ordinal), "expected \"" + expected + "\" in: " + f.Message);

    // --- Argo rejects, we passed -----------------------------------------------------------------------------------

    // Go: validateArgumentsValues is called with allowEmptyValues true in lint and WorkflowTemplate mode, but its
    // artifact loop does not look at it: "spec.arguments.a.from, artifact location, or key is required".
    [Fact]
    public void Spec_argument_artifact_without_from_location_or_key_is_an_error_even_when_linting_a_WorkflowTemplate()
    {
        const string Spec = "  arguments:\n    artifacts:\n      - name: a\n";
        Contains("spec.arguments.a.from, artifact location, or key is required", Single(Validate(Workflow(Main, Spec)), FindingCodes.ArgumentArtifactInvalid, "spec.arguments.artifacts[0]"));
        Single(Validate(WorkflowTemplate(Main, Spec)), FindingCodes.ArgumentArtifactInvalid, "spec.arguments.artifacts[0]");
        None(Validate(Workflow(Main, "  arguments:\n    artifacts:\n      - name: a\n        raw: {data: x}\n")));
    }

    // Go: validateArgumentsValues: "valueFrom only allows: default, configMapKeyRef and supplied" when none of
    // configMapKeyRef, event or supplied is set (default alone is not enough).
    [Fact]
    public void Argument_valueFrom_needs_configMapKeyRef_event_or_supplied()
    {
        var f = Single(
            Validate(Workflow(Main, "  arguments:\n    parameters:\n      - name: p\n        valueFrom: {default: x}\n")),
            FindingCodes.ArgumentValueFromInvalid,
            "spec.arguments.parameters[0].valueFrom");
        Contains("spec.arguments.p.valueFrom only allows: default, configMapKeyRef and supplied", f);
        None(Validate(Workflow(Main, "  arguments:\n    parameters:\n      - name: p\n        valueFrom: {supplied: {}}\n")));
    }

    // Go: validateArgumentsValues forbids only path, jsonPath, parameter and expression beside configMapKeyRef, so
    // jqFilter may come along (we used to reject it).
    [Fact]
    public void Argument_valueFrom_configMapKeyRef_with_jqFilter_is_accepted_like_Argo()
    {
        None(Validate(Workflow(Main, "  arguments:\n    parameters:\n      - name: p\n        valueFrom:\n          configMapKeyRef: {name: cm, key: k}\n          jqFilter: .a\n")));
        Single(
            Validate(Workflow(Main, "  arguments:\n    parameters:\n      - name: p\n        valueFrom:\n          configMapKeyRef: {name: cm, key: k}\n          jsonPath: '{.a}'\n")),
            FindingCodes.ArgumentValueFromInvalid,
            "spec.arguments.parameters[0].valueFrom.jsonPath");
    }

    // Go: validateSteps and validateDAG call validateArguments(..., false) on each step or task; its artifact check
    // (art.From == "" && !art.HasLocationOrKey()) does not count fromExpression.
    [Fact]
    public void Step_argument_artifact_with_only_fromExpression_is_an_error()
    {
        var yaml = Workflow("""
                - name: main
                  steps:
                    - - name: a
                        template: gen
                    - - name: b
                        template: use
                        arguments:
                          artifacts:
                            - name: in
                              fromExpression: "steps.a.outputs.artifacts.out"
                - name: gen
                  container: {image: alpine}
                  outputs:
                    artifacts: [{name: out, path: /tmp/out}]
                - name: use
                  inputs:
                    artifacts: [{name: in, path: /tmp/in}]
                  container: {image: alpine}

            """);
        var f = Has(Validate(yaml), FindingCodes.ArgumentArtifactInvalid, "spec.templates[0].steps[1][0].arguments.artifacts[0]");
        Contains("in.from, artifact location, or key is required", f);
        Contains("fromExpression alone", f);
    }

    // Go: Template.IsLeaf is false for suspend templates, so validateTemplate rejects timeout ("suspend template
    // doesn't support timeout field") and pendingTimeout, and validateInputs / validateOutputs reject artifact paths.
    [Fact]
    public void Suspend_templates_are_not_leaves_timeout_pendingTimeout_and_artifact_paths_are_errors()
    {
        var yaml = Workflow("""
                - name: main
                  timeout: 10s
                  pendingTimeout: 5m
                  activeDeadlineSeconds: 30
                  inputs:
                    artifacts: [{name: a, path: /tmp/a, raw: {data: x}}]
                  outputs:
                    artifacts: [{name: b, path: /tmp/b}]
                  suspend: {duration: "10"}

            """);
        var findings = Validate(yaml);
        Contains("Suspend template doesn't support timeout field", Has(findings, FindingCodes.LeafOnlyField, "spec.templates[0].timeout"));
        Contains("Suspend template doesn't support pendingTimeout field", Has(findings, FindingCodes.LeafOnlyField, "spec.templates[0].pendingTimeout"));
        Contains("inputs.artifacts.a.path only valid in container/script templates", Has(findings, FindingCodes.InputArtifactInvalid, "spec.templates[0].inputs.artifacts[0].path"));
        Contains("outputs.artifacts.b.path only valid in container/script templates", Has(findings, FindingCodes.OutputArtifactInvalid, "spec.templates[0].outputs.artifacts[0].path"));

        // validateNonLeaf (activeDeadlineSeconds) runs for steps and dag templates only.
        Assert.True(findings.Count == 4, string.Join("\n", findings));
    }

    // Go: validateInputs and validateOutputs call Artifact.CleanPath (pkg/apis/workflow/v1alpha1/workflow_types.go) on
    // leaf templates: "Artifact 'a' attempted to use a path containing '..'. Directory traversal is not permitted".
    [Fact]
    public void Artifact_paths_that_leave_their_folder_with_dot_dot_are_errors()
    {
        var yaml = Workflow("""
                - name: main
                  inputs:
                    artifacts:
                      - {name: a, path: /tmp/safe/../../etc/passwd, raw: {data: x}}
                      - {name: ok, path: /tmp/safe/../safe/x, raw: {data: x}}
                  outputs:
                    artifacts: [{name: b, path: work/../../b}]
                  container: {image: alpine}

            """);
        var findings = Validate(yaml);
        var f = Has(findings, FindingCodes.ArtifactPathTraversal, "spec.templates[0].inputs.artifacts[0].path");
        Contains("Artifact 'a' attempted to use a path containing '..'. Directory traversal is not permitted", f);
        Has(findings, FindingCodes.ArtifactPathTraversal, "spec.templates[0].outputs.artifacts[0].path");
        Assert.Equal(2, findings.Count);
    }

    // Go: validateLeaf puts volume mount paths and then each input artifact path of a container template in one map:
    // "templates.main.inputs.artifacts[1].path '/tmp/x' already mounted in inputs.artifacts.a".
    [Fact]
    public void Two_input_artifacts_of_a_container_template_with_one_path_are_an_error()
    {
        var yaml = Workflow("""
                - name: main
                  inputs:
                    artifacts:
                      - {name: a, path: /tmp/x, raw: {data: one}}
                      - {name: b, path: /tmp/x, raw: {data: two}}
                  container: {image: alpine}

            """);
        var f = Single(Validate(yaml), FindingCodes.VolumeMountDuplicate, "spec.templates[0].inputs.artifacts[1].path");
        Contains("inputs.artifacts[1].path '/tmp/x' already mounted in inputs.artifacts.a", f);
    }

    // --- We rejected, Argo accepts ---------------------------------------------------------------------------------

    // Go: validateTemplate rejects a timeout only when strconv.Atoi parses it; "1d" and "abc" pass and fail at run time.
    [Fact]
    public void Timeouts_that_are_not_durations_are_warnings_and_whole_numbers_errors()
    {
        static string Leaf(string timeout) => Workflow("    - name: main\n      timeout: \"" + timeout + "\"\n      container: {image: alpine}\n");
        Contains("Argo accepts it", Single(Validate(Leaf("1d")), FindingCodes.TimeoutNotDuration, "spec.templates[0].timeout"));
        Single(Validate(Leaf("abc")), FindingCodes.TimeoutNotDuration, "spec.templates[0].timeout", Severity.Warning);
        Contains("main has invalid duration format in timeout", Single(Validate(Leaf("30")), FindingCodes.TimeoutInvalid, "spec.templates[0].timeout", Severity.Error));
        None(Validate(Leaf("1h30m")));
    }

    // Only the full CRD schema has these rules; Argo's Go types and validate.go accept them: warnings (errors with
    // --strict). Go: Workflow and validateTemplateHolder check retryPolicy only on templates, validateTemplate checks
    // metrics only on templates, and nothing checks metadata.name's RFC 1123 shape (the API server does).
    [Fact]
    public void Schema_only_rules_are_warnings()
    {
        var yaml = Workflow(
            Main,
            "  retryStrategy: {retryPolicy: Sometimes}\n  templateDefaults:\n    retryStrategy: {retryPolicy: Never}\n  metrics:\n    prometheus:\n      - {name: bad.name, help: h, counter: {value: '1'}}\n  parallelism: 0\n",
            "{name: My_Workflow}");
        var findings = Validate(yaml);
        Has(findings, FindingCodes.RetryPolicyInvalid, "spec.retryStrategy.retryPolicy", Severity.Warning);
        Has(findings, FindingCodes.RetryPolicyInvalid, "spec.templateDefaults.retryStrategy.retryPolicy", Severity.Warning);
        Has(findings, FindingCodes.MetricNameInvalid, "spec.metrics.prometheus[0].name", Severity.Warning);
        Has(findings, FindingCodes.ObjectNameInvalid, "metadata.name", Severity.Warning);
        Has(findings, FindingCodes.NumberOutOfRange, "spec.parallelism", Severity.Warning);
        Assert.All(findings, f => Assert.Equal(Severity.Warning, f.Severity));

        // A template's own retryPolicy is Argo's check (validateTemplateHolder): an error.
        Single(
            Validate(Workflow("    - name: main\n      retryStrategy: {retryPolicy: Sometimes}\n      container: {image: alpine}\n")),
            FindingCodes.RetryPolicyInvalid,
            "spec.templates[0].retryStrategy.retryPolicy",
            Severity.Error);
    }

    // Schema-required fields that Argo's Go types do not need (gauge.realtime, templateDefaults.script.source): the
    // reader warns (PIPE3012) and the document is still validated.
    [Fact]
    public void Schema_required_fields_are_reader_warnings_and_the_document_is_validated()
    {
        var file = ArgoYaml.ReadText(Workflow(
            "    - name: main\n      metrics:\n        prometheus:\n          - {name: m, help: h, gauge: {value: '1'}}\n      container: {image: alpine}\n",
            "  templateDefaults:\n    script: {image: python}\n"));
        var required = file.AllFindings.Where(f => f.Code == FindingCodes.RequiredField.Code).ToList();
        Assert.Equal(new[] { "spec.templateDefaults.script.source", "spec.templates[0].metrics.prometheus[0].gauge.realtime" }, required.Select(f => f.Path).OrderBy(p => p, StringComparer.Ordinal).ToArray());
        Assert.All(required, f => Assert.Equal(Severity.Warning, f.Severity));
        Assert.False(file.Documents[0].HasErrors);
    }

    // Go: Workflow never reads metadata beyond the name length, and argo lint accepts a Workflow with neither name nor
    // generateName (Argo's own k8s-jobs example is one; argo submit --name or --generate-name supplies it). The API
    // server's ValidateObjectMeta rejects the object as written: "metadata.name: Required value: name or generateName
    // is required". Issue 19 item 16: an error in lint and in the build, for every kind; a warning only where the
    // caller names the workflow itself (pipelines run; import gives it a generateName).
    [Fact]
    public void A_document_without_metadata_or_names_is_an_error_with_the_API_server_message()
    {
        var noMetadata = ArgoYaml.ReadText("apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nspec:\n  entrypoint: main\n  templates:\n" + Main);
        Assert.DoesNotContain(noMetadata.AllFindings, f => f.Severity == Severity.Error);
        ArgoValidator.Validate(new[] { noMetadata });
        var f = Assert.Single(noMetadata.AllFindings, x => x.Code == FindingCodes.ObjectNameMissing.Code);
        Assert.Equal((Severity.Error, string.Empty, 1), (f.Severity, f.Path, f.Line));
        Contains("metadata.name: Required value: name or generateName is required", f);
        Contains("set metadata.name or metadata.generateName", f);

        var named = new ValidationOptions { NameAtSubmit = true };
        Single(Validate(Workflow(Main, metadata: "{labels: {a: b}}")), FindingCodes.ObjectNameMissing, "metadata", Severity.Error);
        var warning = Single(Validate(Workflow(Main, metadata: "{labels: {a: b}}"), named), FindingCodes.ObjectNameMissing, "metadata", Severity.Warning);
        Contains("this run gives it a name", warning);
        foreach (var options in new[] { ValidationOptions.Default, named })
        {
            Single(
                Validate("apiVersion: argoproj.io/v1alpha1\nkind: WorkflowTemplate\nmetadata: {}\nspec:\n  templates:\n" + Main, options),
                FindingCodes.ObjectNameMissing,
                "metadata",
                Severity.Error);
        }

        None(Validate(Workflow(Main, metadata: "{generateName: wf-}")));
    }

    // --- The run folder is a wall (issue [Hardening]) --------------------------------------------------------------

    // Go: validateWorkflowFieldNames (isValidParamOrArtifactName) rejects artifact names that are not
    // [-a-zA-Z0-9_]+, so '../../x' and '/tmp/x' can never become storage path segments.
    [Fact]
    public void Artifact_names_that_are_paths_are_errors()
    {
        var yaml = Workflow("""
                - name: main
                  inputs:
                    artifacts: [{name: ../../x, path: /tmp/a, raw: {data: x}}]
                  outputs:
                    artifacts: [{name: /tmp/x, path: /tmp/b}]
                  container: {image: alpine}

            """);
        var findings = Validate(yaml);
        Contains("Parameter/Artifact name must consist of alpha-numeric characters, '_' or '-'", Has(findings, FindingCodes.ParameterNameInvalid, "spec.templates[0].inputs.artifacts[0].name"));
        Has(findings, FindingCodes.ParameterNameInvalid, "spec.templates[0].outputs.artifacts[0].name");
    }

    // Go: validate.go accepts any metadata.name up to 63 characters; the API server rejects '/' (RFC 1123). A name that
    // cannot be a folder is a warning that says so (pipelines run refuses it).
    [Fact]
    public void A_workflow_name_that_cannot_be_a_folder_is_reported()
    {
        var f = Single(Validate(Workflow(Main, metadata: "{name: ../../x}")), FindingCodes.ObjectNameNotAFolder, "metadata.name");
        Contains("Argo's validator accepts it, but the API server rejects it", f);
        Contains("pipelines run refuses it", f);
        Single(Validate(Workflow(Main, metadata: "{generateName: ../x-}")), FindingCodes.ObjectNameNotAFolder, "metadata.generateName", Severity.Warning);
    }

    // Go: Artifact.CleanPath only guards the folder before the first '/../'; '/../../etc/x' has none (Go's Clean drops
    // '..' at the root), so Argo accepts it. It still climbs above the root: a warning, refused by pipelines run.
    [Fact]
    public void Raw_input_artifact_path_climbing_above_the_root_is_a_warning()
    {
        var yaml = Workflow("""
                - name: main
                  inputs:
                    artifacts: [{name: a, path: /../../../etc/x, raw: {data: x}}]
                  container: {image: alpine}

            """);
        var f = Single(Validate(yaml), FindingCodes.PathEscapes, "spec.templates[0].inputs.artifacts[0].path");
        Contains("cleans to '/etc/x'", f);
        Contains("Argo accepts it, but pipelines run refuses it", f);
    }

    // Kubernetes (validateLocalDescendingPath, at pod creation) rejects an absolute subPath or one with '..'; Argo's
    // validator never looks: warnings.
    [Fact]
    public void VolumeMount_subPath_absolute_or_with_dot_dot_is_a_warning()
    {
        var yaml = Workflow(
            """
                - name: main
                  container:
                    image: alpine
                    volumeMounts:
                      - {name: v, mountPath: /a, subPath: /etc}
                      - {name: v, mountPath: /b, subPath: data/../../x}
                      - {name: v, mountPath: /c, subPath: data/x}

            """,
            "  volumes:\n    - {name: v, emptyDir: {}}\n");
        var findings = Validate(yaml);
        Contains("must be a relative path", Has(findings, FindingCodes.VolumeSubPathInvalid, "spec.templates[0].container.volumeMounts[0].subPath"));
        Contains("must not contain '..'", Has(findings, FindingCodes.VolumeSubPathInvalid, "spec.templates[0].container.volumeMounts[1].subPath"));
        Assert.Equal(2, findings.Count);
    }

    // Go: validateOutputs never cleans valueFrom.path, so Argo accepts '/tmp/../etc/hostname'; only paths that escape
    // with '..' are reported (a warning), not absolute paths such as /etc/hostname.
    [Fact]
    public void Output_parameter_path_escaping_with_dot_dot_is_a_warning()
    {
        var yaml = Workflow("""
                - name: main
                  outputs:
                    parameters:
                      - {name: a, valueFrom: {path: /tmp/../etc/hostname}}
                      - {name: b, valueFrom: {path: /etc/hostname}}
                  container: {image: alpine}

            """);
        Single(Validate(yaml), FindingCodes.PathEscapes, "spec.templates[0].outputs.parameters[0].valueFrom.path", Severity.Warning);
    }

    [Theory]
    [InlineData("/tmp/a/../b", true, false)]
    [InlineData("/tmp/a/..", true, false)]
    [InlineData("/tmp/a/../a/b", false, false)]
    [InlineData("/../../etc", false, true)]
    [InlineData("../x", false, true)]
    [InlineData("a/../../x", true, true)]
    [InlineData("/tmp/x", false, false)]
    [InlineData("a/./b//c", false, false)]
    public void PathSafety_follows_Argo_CleanPath_and_detects_climbing(string path, bool argoTraversal, bool climbs)
    {
        Assert.Equal(argoTraversal, PathSafety.IsArgoTraversal(path));
        Assert.Equal(climbs, PathSafety.ClimbsAboveStart(path));
        Assert.Equal(argoTraversal || climbs, PathSafety.Escapes(path));
    }

    [Theory]
    [InlineData("/a/b/../c", "/a/c")]
    [InlineData("/../x", "/x")]
    [InlineData("a//b/./c/..", "a/b")]
    [InlineData("", ".")]
    [InlineData("../../x", "../../x")]
    public void PathSafety_Clean_matches_Go_path_Clean(string path, string cleaned) => Assert.Equal(cleaned, PathSafety.Clean(path));

    [Theory]
    [InlineData("data/x", true)]
    [InlineData("/etc", false)]
    [InlineData("a/../b", false)]
    [InlineData("..", false)]
    public void PathSafety_IsLocalDescendingPath_follows_Kubernetes_subPath_rule(string path, bool ok) =>
        Assert.Equal(ok, PathSafety.IsLocalDescendingPath(path));

    [Theory]
    [InlineData("wf", true)]
    [InlineData("../../x", false)]
    [InlineData("..", false)]
    [InlineData("a\\b", false)]
    [InlineData("", false)]
    public void PathSafety_IsSafeSegment(string name, bool safe) => Assert.Equal(safe, PathSafety.IsSafeSegment(name));
}
