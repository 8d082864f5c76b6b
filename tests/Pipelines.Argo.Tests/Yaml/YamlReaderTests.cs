using System;
using System.Collections.Generic;
using System.Linq;
using Pipelines.Argo.Model;
using Pipelines.Argo.Yaml;

namespace Pipelines.Argo.Tests.Yaml;

/// <summary>Strict reading: findings with codes, paths and positions; Kubernetes' YAML semantics.</summary>
public sealed class YamlReaderTests
{
    private const string Header = "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  name: w\n";

    private static ManifestDocument ReadOne(string text)
    {
        var file = ArgoYaml.ReadText(text);
        Assert.True(file.Findings.Count == 0, string.Join("\n", file.Findings));
        return Assert.Single(file.Documents);
    }

    private static Workflow ReadWorkflow(string spec)
    {
        var doc = ReadOne(Header + "spec:\n" + spec);
        Assert.True(doc.Findings.Count == 0, string.Join("\n", doc.Findings));
        return Assert.IsType<Workflow>(doc.Object);
    }

    private static Finding Only(ManifestDocument doc) => Assert.Single(doc.Findings);

    [Fact]
    public void Unknown_field_is_an_error_with_a_suggestion_and_its_path()
    {
        var doc = ReadOne(Header + "spec:\n  entrypoint: main\n  templatess:\n  - name: main\n");

        var f = Only(doc);
        Assert.Equal("PIPE3002", f.Code);
        Assert.Equal(Severity.Error, f.Severity);
        Assert.Equal("spec.templatess", f.Path);
        Assert.Contains("did you mean 'templates'?", f.Message, StringComparison.Ordinal);
        Assert.Equal((7, 3), (f.Line, f.Column));
    }

    [Fact]
    public void Unknown_field_deep_in_a_list_has_the_item_index_in_its_path()
    {
        var doc = ReadOne(Header + "spec:\n  templates:\n  - name: a\n  - name: b\n    container:\n      image: busybox\n      imagePullPolicyy: Always\n");

        var f = Only(doc);
        Assert.Equal("PIPE3002", f.Code);
        Assert.Equal("spec.templates[1].container.imagePullPolicyy", f.Path);
        Assert.Contains("did you mean 'imagePullPolicy'?", f.Message, StringComparison.Ordinal);
        Assert.Equal((11, 7), (f.Line, f.Column));
    }

    [Fact]
    public void Unknown_field_without_a_close_match_lists_the_allowed_fields()
    {
        var doc = ReadOne(Header + "spec:\n  arguments:\n    zzzzzzzz: 1\n");

        var f = Only(doc);
        Assert.Equal("PIPE3002", f.Code);
        Assert.Equal("spec.arguments.zzzzzzzz", f.Path);
        Assert.Contains("(allowed: parameters, artifacts)", f.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("  entrypoint: [a, b]\n", "spec.entrypoint", "must be a string, but it is a list")]
    [InlineData("  entrypoint: 10\n", "spec.entrypoint", "write it in quotes (\"10\")")]
    [InlineData("  entrypoint: true\n", "spec.entrypoint", "must be a string, but it is a boolean")]
    [InlineData("  parallelism: \"10\"\n", "spec.parallelism", "must be an integer, but it is a string")]
    [InlineData("  parallelism: ten\n", "spec.parallelism", "must be an integer")]
    [InlineData("  parallelism: 99999999999999999999\n", "spec.parallelism", "out of range")]
    [InlineData("  suspend: \"true\"\n", "spec.suspend", "must be true or false")]
    [InlineData("  templates: main\n", "spec.templates", "must be a list")]
    [InlineData("  templates:\n  - main\n", "spec.templates[0]", "must be a mapping (Template)")]
    [InlineData("  arguments: [a]\n", "spec.arguments", "must be a mapping (Arguments)")]
    [InlineData("  nodeSelector: [a]\n", "spec.nodeSelector", "must be a mapping")]
    [InlineData("  nodeSelector:\n    disk: 1\n", "spec.nodeSelector.disk", "must be a string")]
    [InlineData("  templates:\n  - name: a\n    retryStrategy:\n      limit: [1]\n", "spec.templates[0].retryStrategy.limit", "integer or a string")]
    [InlineData("  templates:\n  - name: a\n    inputs:\n      parameters:\n      - name: p\n        value: {a: 1}\n", "spec.templates[0].inputs.parameters[0].value", "a string, a number or a boolean")]
    [InlineData("  templates:\n  -\n", "spec.templates[0]", "remove the empty list item")]
    public void Wrong_type_is_an_error_with_its_path(string spec, string path, string message)
    {
        var doc = ReadOne(Header + "spec:\n" + spec);

        var f = Only(doc);
        Assert.Equal("PIPE3003", f.Code);
        Assert.Equal(path, f.Path);
        Assert.Contains(message, f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_type_reports_the_line_and_column_of_the_value()
    {
        var doc = ReadOne(Header + "spec:\n  entrypoint: main\n  parallelism: \"10\"\n");

        var f = Only(doc);
        Assert.Equal(("PIPE3003", "spec.parallelism", 7, 16), (f.Code, f.Path, f.Line, f.Column));
    }

    [Fact]
    public void Missing_required_field_is_a_warning_at_the_mapping()
    {
        var doc = ReadOne(Header + "spec:\n  arguments:\n    parameters:\n    - value: x\n  templates:\n  - name: a\n    container:\n      command: [echo]\n");

        // container.image is not required when reading: spec.templateDefaults may supply it (the validator's TPL-02 checks it).
        Assert.Single(doc.Findings);
        var name = doc.Findings.Single(f => f.Path == "spec.arguments.parameters[0].name");
        Assert.Equal(("PIPE3012", 8, 7, Severity.Warning), (name.Code, name.Line, name.Column, name.Severity));
        Assert.Contains("Parameter requires field 'name'", name.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_spec_of_a_WorkflowTemplate_is_a_required_field_and_missing_metadata_is_left_to_the_validator()
    {
        // The validator reports the missing name (PIPE1014) with the API server's message; see ObjectNameRuleTests.
        var doc = ReadOne("apiVersion: argoproj.io/v1alpha1\nkind: WorkflowTemplate\n");

        Assert.Equal(
            new[] { ("PIPE3012", "spec") },
            doc.Findings.Select(f => (f.Code, f.Path)).OrderBy(x => x.Path, StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void IntOrString_keeps_integer_and_string_apart()
    {
        var w = ReadWorkflow("  templates:\n  - name: a\n    retryStrategy:\n      limit: 10\n  - name: b\n    retryStrategy:\n      limit: \"10\"\n  - name: c\n    retryStrategy:\n      limit: 0x0A\n");

        var a = w.Spec!.Templates![0].RetryStrategy!.Limit!;
        var b = w.Spec.Templates[1].RetryStrategy!.Limit!;
        Assert.True(a.IsInteger);
        Assert.Equal("10", a.Text);
        Assert.False(b.IsInteger);
        Assert.Equal("10", b.Text);
        Assert.NotEqual(a, b);
        Assert.True(w.Spec.Templates[2].RetryStrategy!.Limit!.IsInteger);
        var text = ArgoYaml.Write(w);
        Assert.Contains("limit: 10\n", text, StringComparison.Ordinal);
        Assert.Contains("limit: \"10\"\n", text, StringComparison.Ordinal);
        Assert.Contains("limit: 0x0A\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Quantity_keeps_number_and_string_apart()
    {
        var w = ReadWorkflow("  templates:\n  - name: a\n    container:\n      image: x\n      resources:\n        limits:\n          cpu: 1\n          memory: \"1\"\n          gpu: 500m\n          eph: 0.5\n");

        var limits = w.Spec!.Templates![0].Container!.Resources!.Limits!;
        Assert.True(limits["cpu"].IsNumber);
        Assert.False(limits["memory"].IsNumber);
        Assert.False(limits["gpu"].IsNumber);
        Assert.True(limits["eph"].IsNumber);
        Assert.Equal("0.5", limits["eph"].Text);
        var text = ArgoYaml.Write(w);
        Assert.Contains("cpu: 1\n", text, StringComparison.Ordinal);
        Assert.Contains("memory: \"1\"\n", text, StringComparison.Ordinal);
        Assert.Contains("eph: 0.5\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void AnyString_keeps_how_a_parameter_value_was_written()
    {
        var w = ReadWorkflow("  arguments:\n    parameters:\n    - name: a\n      value: 10\n    - name: b\n      value: \"10\"\n    - name: c\n      value: yes\n    - name: d\n      value: 1.5\n");

        var p = w.Spec!.Arguments!.Parameters!;
        Assert.Equal(("10", YamlScalarType.Int), (p[0].Value!.Text, p[0].Value!.WrittenAs));
        Assert.Equal(("10", YamlScalarType.String), (p[1].Value!.Text, p[1].Value!.WrittenAs));
        Assert.Equal(("yes", YamlScalarType.Bool), (p[2].Value!.Text, p[2].Value!.WrittenAs));
        Assert.Equal(("1.5", YamlScalarType.Float), (p[3].Value!.Text, p[3].Value!.WrittenAs));
        var text = ArgoYaml.Write(w);
        Assert.Contains("value: 10\n", text, StringComparison.Ordinal);
        Assert.Contains("value: \"10\"\n", text, StringComparison.Ordinal);
        Assert.Contains("value: yes\n", text, StringComparison.Ordinal);
        Assert.Contains("value: 1.5\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("yes", true)]
    [InlineData("Yes", true)]
    [InlineData("on", true)]
    [InlineData("ON", true)]
    [InlineData("y", true)]
    [InlineData("true", true)]
    [InlineData("no", false)]
    [InlineData("off", false)]
    [InlineData("n", false)]
    [InlineData("False", false)]
    public void YAML_1_1_booleans_are_accepted_for_bool_fields(string text, bool expected)
    {
        var w = ReadWorkflow("  suspend: " + text + "\n");

        Assert.Equal(expected, w.Spec!.Suspend);
    }

    [Fact]
    public void Duplicate_keys_keep_the_last_value_and_warn_naming_both_lines()
    {
        var file = ArgoYaml.ReadText(Header + "  labels:\n    a: first\n    b: x\n    a: second\nspec:\n  entrypoint: one\n  entrypoint: two\n");
        var doc = Assert.Single(file.Documents);

        Assert.Equal("second", doc.Object!.Metadata!.Labels!["a"]);
        Assert.Equal(new[] { "b", "a" }, doc.Object.Metadata.Labels.Keys.ToArray());
        Assert.Equal("two", ((Workflow)doc.Object).Spec!.Entrypoint);
        Assert.Equal(
            new[] { ("PIPE3004", Severity.Warning, "metadata.labels.a", 8), ("PIPE3004", Severity.Warning, "spec.entrypoint", 11) },
            file.AllFindings.Select(f => (f.Code, f.Severity, f.Path, f.Line)).ToArray());
        Assert.Contains("lines 6 and 8", file.Findings[0].Message, StringComparison.Ordinal);
        Assert.Contains("lines 10 and 11", file.Findings[1].Message, StringComparison.Ordinal);
        Assert.NotNull(ArgoYaml.Format(file));
    }

    [Fact]
    public void Duplicate_keys_inside_list_items_name_the_item()
    {
        var findings = new List<Finding>();
        YamlDocumentReader.Parse("a:\n- x: 1\n- y: 1\n  y: 2\n", findings);

        var f = Assert.Single(findings);
        Assert.Equal(("PIPE3004", "a[1].y", 4, 3), (f.Code, f.Path, f.Line, f.Column));
    }

    [Fact]
    public void Merge_keys_add_the_missing_entries_of_the_merged_mappings()
    {
        var text =
            Header +
            "spec:\n" +
            "  templates:\n" +
            "  - &base\n" +
            "    name: base\n" +
            "    container: &c\n" +
            "      image: busybox\n" +
            "      command: [echo]\n" +
            "  - <<: *base\n" +
            "    name: derived\n" +
            "  - name: list-merge\n" +
            "    container:\n" +
            "      <<: [*c, {image: ignored, args: [x]}]\n" +
            "      image: alpine\n";
        var w = Assert.IsType<Workflow>(ReadOne(text).Object);

        var t = w.Spec!.Templates!;
        Assert.Equal(("base", "busybox"), (t[0].Name, t[0].Container!.Image));
        Assert.Equal(("derived", "busybox"), (t[1].Name, t[1].Container!.Image));
        Assert.Equal(new[] { "echo" }, t[1].Container!.Command);
        Assert.Equal("alpine", t[2].Container!.Image);
        Assert.Equal(new[] { "echo" }, t[2].Container!.Command);
        Assert.Equal(new[] { "x" }, t[2].Container!.Args);
    }

    [Fact]
    public void Merge_of_a_scalar_is_a_wrong_type_error()
    {
        var findings = new List<Finding>();
        YamlDocumentReader.Parse("a:\n  b:\n    <<: 5\n", findings);

        var f = Assert.Single(findings);
        Assert.Equal(("PIPE3003", "a.b.<<", 3, 9), (f.Code, f.Path, f.Line, f.Column));
    }

    [Fact]
    public void Anchors_and_aliases_are_followed()
    {
        var w = ReadWorkflow("  entrypoint: &e main\n  templates:\n  - name: *e\n    container:\n      image: busybox\n      args: &args [a, b]\n      command: *args\n");

        Assert.Equal("main", w.Spec!.Templates![0].Name);
        Assert.Equal(new[] { "a", "b" }, w.Spec.Templates[0].Container!.Command);
    }

    [Fact]
    public void Undefined_alias_is_a_syntax_error()
    {
        var file = ArgoYaml.ReadText("a: *nowhere\n");

        var f = Assert.Single(file.Findings);
        Assert.Equal(("PIPE3001", string.Empty, 1, 4), (f.Code, f.Path, f.Line, f.Column));
        Assert.Contains("nowhere", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    // A document starts at its --- marker when it has one.
    public void Empty_documents_are_skipped_and_the_rest_are_indexed_in_order()
    {
        var text = "---\n---\n# only a comment\n---\n" + Header + "spec: {}\n---\n\n---\n" + Header.Replace("name: w", "name: v", StringComparison.Ordinal) + "spec: {}\n...\n";
        var file = ArgoYaml.ReadText(text);

        Assert.Empty(file.AllFindings);
        Assert.Equal(new[] { (0, "w", 4), (1, "v", 12) }, file.Documents.Select(d => (d.Index, d.Name!, d.Line)).ToArray());
    }

    [Fact]
    public void A_file_with_only_empty_documents_has_a_finding()
    {
        var file = ArgoYaml.ReadText("---\n# nothing\n---\n");

        var f = Assert.Single(file.AllFindings);
        Assert.Equal(("PIPE3010", string.Empty), (f.Code, f.Path));
    }

    [Fact]
    public void Non_Argo_documents_are_kept_without_a_model_and_without_findings()
    {
        var file = ArgoYaml.ReadText(
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  anything: [goes, here]\n---\n" +
            "apiVersion: argoproj.io/v1alpha1\nkind: WorkflowEventBinding\nmetadata:\n  name: b\nspec:\n  whatever: 1\n---\n" + Header + "spec: {}\n");

        Assert.Empty(file.AllFindings);
        Assert.Equal(3, file.Documents.Count);
        Assert.Equal(("ConfigMap", (ArgoKind?)null, (IArgoObject?)null), (file.Documents[0].Kind, file.Documents[0].ArgoKind, file.Documents[0].Object));
        Assert.Equal(("WorkflowEventBinding", (ArgoKind?)null, (IArgoObject?)null), (file.Documents[1].Kind, file.Documents[1].ArgoKind, file.Documents[1].Object));
        Assert.Equal(ArgoKind.Workflow, file.Documents[2].ArgoKind);
        Assert.IsType<Workflow>(file.Documents[2].Object);
    }

    [Theory]
    [InlineData("kind: Workflow\nmetadata:\n  name: x\n", "apiVersion")]
    [InlineData("apiVersion: argoproj.io/v1alpha1\nmetadata:\n  name: x\n", "kind")]
    [InlineData("metadata:\n  name: x\n", "kind")]
    public void Missing_apiVersion_or_kind_is_not_an_object(string text, string path)
    {
        var doc = ReadOne(text);

        var f = Only(doc);
        Assert.Equal(("PIPE3011", path, 1, 1), (f.Code, f.Path, f.Line, f.Column));
        Assert.Null(doc.Object);
    }

    [Theory]
    [InlineData("- a\n- b\n", "a list")]
    [InlineData("just text\n", "a string")]
    public void A_document_that_is_not_a_mapping_is_not_an_object(string text, string what)
    {
        var doc = ReadOne(text);

        var f = Only(doc);
        Assert.Equal(("PIPE3011", string.Empty), (f.Code, f.Path));
        Assert.Contains(what, f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Argo_kind_with_another_argoproj_apiVersion_is_an_error()
    {
        var doc = ReadOne("apiVersion: argoproj.io/v1beta1\nkind: Workflow\nmetadata:\n  name: x\nspec:\n  entrypoint: main\n");

        var f = Only(doc);
        Assert.Equal(("PIPE3013", "apiVersion", 1, 13), (f.Code, f.Path, f.Line, f.Column));
        Assert.Equal(ArgoKind.Workflow, doc.ArgoKind);
        Assert.Equal("main", ((Workflow)doc.Object!).Spec!.Entrypoint);
    }

    [Fact]
    public void Argo_kind_name_under_a_foreign_apiVersion_is_not_Argo()
    {
        var doc = ReadOne("apiVersion: example.com/v1\nkind: Workflow\nmetadata:\n  name: x\nspec:\n  anything: 1\n");

        Assert.Empty(doc.Findings);
        Assert.Null(doc.ArgoKind);
    }

    [Fact]
    public void All_four_kinds_bind_to_their_classes()
    {
        var kinds = new[] { "Workflow", "WorkflowTemplate", "ClusterWorkflowTemplate", "CronWorkflow" };
        var text = string.Join("---\n", kinds.Select(k => $"apiVersion: argoproj.io/v1alpha1\nkind: {k}\nmetadata:\n  name: x\nspec:\n" + (k == "CronWorkflow" ? "  schedules: [\"* * * * *\"]\n  workflowSpec:\n    entrypoint: e\n" : "  entrypoint: e\n")));
        var file = ArgoYaml.ReadText(text);

        Assert.Empty(file.AllFindings);
        Assert.Equal(
            new[] { typeof(Workflow), typeof(WorkflowTemplate), typeof(ClusterWorkflowTemplate), typeof(CronWorkflow) },
            file.Documents.Select(d => d.Object!.GetType()).ToArray());
        Assert.Equal("e", ((CronWorkflow)file.Documents[3].Object!).Spec!.WorkflowSpec!.Entrypoint);
    }

    [Fact]
    public void Syntax_error_is_reported_with_its_position_and_earlier_documents_are_kept()
    {
        var file = ArgoYaml.ReadText(Header + "---\n" + Header + "spec:\n  entrypoint: [unclosed\n");

        var f = Assert.Single(file.Findings);
        Assert.Equal("PIPE3001", f.Code);
        Assert.Equal(string.Empty, f.Path);
        Assert.True(f.Line >= 11, f.ToString());
        Assert.True(file.HasFileErrors);
        Assert.Null(ArgoYaml.Format(file));
    }

    [Fact]
    public void Tabs_used_for_indentation_are_explained()
    {
        var file = ArgoYaml.ReadText("a:\n  b: 1\nc:\n  d: 2\n\t e: 3\n");

        var f = Assert.Single(file.Findings);
        Assert.Equal(("PIPE3001", string.Empty, 5, 1), (f.Code, f.Path, f.Line, f.Column));
        Assert.Contains("use spaces", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Explicit_tags_decide_the_scalar_type()
    {
        var w = ReadWorkflow("  entrypoint: !!str 10\n  parallelism: !!int \"3\"\n");

        Assert.Equal("10", w.Spec!.Entrypoint);
        Assert.Equal(3, w.Spec.Parallelism);
    }

    [Theory]
    [InlineData("10", YamlScalarType.Int)]
    [InlineData("0x1F", YamlScalarType.Int)]
    [InlineData("0o17", YamlScalarType.Int)]
    [InlineData("017", YamlScalarType.Int)]
    [InlineData("1_000", YamlScalarType.Int)]
    [InlineData("-0b101", YamlScalarType.Int)]
    [InlineData("1.5", YamlScalarType.Float)]
    [InlineData("1e3", YamlScalarType.Float)]
    [InlineData(".inf", YamlScalarType.Float)]
    [InlineData(".NaN", YamlScalarType.Float)]
    [InlineData("~", YamlScalarType.Null)]
    [InlineData("Null", YamlScalarType.Null)]
    [InlineData("On", YamlScalarType.Bool)]
    [InlineData("2001-12-14", YamlScalarType.String)]
    [InlineData("1:20", YamlScalarType.String)]
    [InlineData("0x", YamlScalarType.String)]
    [InlineData("1.2.3", YamlScalarType.String)]
    [InlineData("+", YamlScalarType.String)]
    public void Plain_scalars_resolve_as_Argo_decoder_does(string text, YamlScalarType expected)
    {
        Assert.Equal(expected, YamlScalarResolver.ResolvePlain(text));
    }

    [Theory]
    [InlineData("10", 10L)]
    [InlineData("0x1F", 31L)]
    [InlineData("0o17", 15L)]
    [InlineData("017", 15L)]
    [InlineData("1_000", 1000L)]
    [InlineData("-0b101", -5L)]
    [InlineData("-9223372036854775808", long.MinValue)]
    public void Integers_parse_with_Go_prefixes(string text, long expected)
    {
        Assert.True(ModelReader.TryParseInt(text, out var value));
        Assert.Equal(expected, value);
    }

    [Fact]
    public void Findings_from_reading_carry_one_based_line_and_column()
    {
        var doc = ReadOne(Header + "spec:\n  templates:\n    - name: a\n      unknownThing: 1\n");

        var f = Only(doc);
        Assert.Equal(("PIPE3002", "spec.templates[0].unknownThing", 8, 7), (f.Code, f.Path, f.Line, f.Column));
        Assert.Equal("8:7: error PIPE3002: " + f.Message + " [spec.templates[0].unknownThing]", f.ToString());
    }
}
