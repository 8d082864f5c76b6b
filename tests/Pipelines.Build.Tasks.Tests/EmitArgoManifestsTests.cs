using System;
using System.Globalization;
using System.IO;
using System.Linq;
using Pipelines.Argo;

namespace Pipelines.Build.Tasks.Tests;

public sealed class EmitArgoManifestsTests : IDisposable
{
    private readonly TaskWorkspace _ws = new();

    public void Dispose() => _ws.Dispose();

    private static string Canonical(string json) => ArgoYaml.Write(ArgoYaml.ReadText(json).Documents.Single().Object!);

    [Fact]
    public void Writes_one_file_per_manifest_named_by_kind_and_name()
    {
        var dll = _ws.Compile(
            TaskWorkspace.Attribute("Demo.Hello", Manifests.Hello, TaskWorkspace.Map("Hello.cs")),
            TaskWorkspace.Attribute("Demo.Library", Manifests.Library, TaskWorkspace.Map("Library.cs")),
            TaskWorkspace.Attribute("Demo.Nightly", Manifests.Nightly, TaskWorkspace.Map("Nightly.cs")),
            TaskWorkspace.Attribute("Demo.Shared", Manifests.Cluster, TaskWorkspace.Map("Shared.cs")));

        var run = _ws.Run(dll).Clean();

        Assert.Equal(
            ["clusterworkflowtemplate-shared.yaml", "cronworkflow-nightly.yaml", "workflow-hello.yaml", "workflowtemplate-library.yaml"],
            _ws.ManifestNames());
        Assert.Equal(Canonical(Manifests.Hello), File.ReadAllText(Path.Combine(_ws.ManifestsDirectory, "workflow-hello.yaml")));
        Assert.Equal(Canonical(Manifests.Library), File.ReadAllText(Path.Combine(_ws.ManifestsDirectory, "workflowtemplate-library.yaml")));
        Assert.Equal(Canonical(Manifests.Nightly), File.ReadAllText(Path.Combine(_ws.ManifestsDirectory, "cronworkflow-nightly.yaml")));
        Assert.Equal(Canonical(Manifests.Cluster), File.ReadAllText(Path.Combine(_ws.ManifestsDirectory, "clusterworkflowtemplate-shared.yaml")));

        var items = run.Task.ManifestFiles;
        Assert.Equal(4, items.Length);
        var hello = items.Single(i => i.GetMetadata("ManifestId") == "Demo.Hello");
        Assert.Equal(Path.Combine(_ws.ManifestsDirectory, "workflow-hello.yaml"), hello.ItemSpec);
        Assert.Equal("Workflow", hello.GetMetadata("Kind"));
        Assert.Equal("hello", hello.GetMetadata("ManifestName"));
        Assert.Equal(items.Select(i => i.ItemSpec).OrderBy(p => p, StringComparer.Ordinal), File.ReadAllLines(_ws.StateFile));
    }

    [Fact]
    public void Files_are_utf8_without_bom_and_lf_only()
    {
        var dll = _ws.Compile(TaskWorkspace.Attribute("Demo.Hello", Manifests.Hello, TaskWorkspace.Map("Hello.cs")));
        _ws.Run(dll).Clean();

        var bytes = File.ReadAllBytes(Path.Combine(_ws.ManifestsDirectory, "workflow-hello.yaml"));
        Assert.NotEqual(0xEF, bytes[0]);
        Assert.DoesNotContain((byte)'\r', bytes);
    }

    [Fact]
    public void Validation_error_is_reported_at_the_mapped_csharp_location_and_nothing_is_written()
    {
        var map = TaskWorkspace.Map(
            "Workflows/Dag.cs",
            ("spec.templates[0]", 8, 5),
            ("spec.templates[0].dag.tasks[1]", 12, 9),
            ("spec.templates[0].dag.tasks[10]", 40, 9));
        var dll = _ws.Compile(
            TaskWorkspace.Attribute("Demo.Hello", Manifests.Hello, TaskWorkspace.Map("Hello.cs")),
            TaskWorkspace.Attribute("Demo.Dag", Manifests.BadDependency, map));

        var run = _ws.Run(dll);

        Assert.False(run.Result);
        var error = Assert.Single(run.Engine.Errors);
        Assert.Equal("PIPE1602", error.Code);
        Assert.Equal(_ws.InProject("Workflows/Dag.cs"), error.File);
        Assert.Equal(12, error.LineNumber);
        Assert.Equal(9, error.ColumnNumber);
        Assert.Contains("[Demo.Dag: spec.templates[0].dag.tasks[1].dependencies", error.Message, StringComparison.Ordinal);
        Assert.Empty(_ws.ManifestNames());
        Assert.False(File.Exists(_ws.StateFile));
        Assert.Empty(run.Task.ManifestFiles);
    }

    [Fact]
    public void Finding_without_a_matching_entry_falls_back_to_the_root_entry()
    {
        // Only the root and an unrelated template are mapped: the finding in templates[0] goes to the root entry.
        var map = "[[\"\", \"Dag.cs\", 3, 14], [\"spec.templates[1]\", \"Dag.cs\", 30, 5]]";
        var dll = _ws.Compile(TaskWorkspace.Attribute("Demo.Dag", Manifests.BadDependency, map));

        var run = _ws.Run(dll);

        var error = Assert.Single(run.Engine.Errors);
        Assert.Equal("PIPE1602", error.Code);
        Assert.Contains("spec.templates[0].dag.tasks[1].dependencies", error.Message, StringComparison.Ordinal);
        Assert.Equal((_ws.InProject("Dag.cs"), 3, 14), (error.File, error.LineNumber, error.ColumnNumber));
    }

    [Fact]
    public void Unknown_field_in_the_json_is_reported_by_the_strict_reader()
    {
        var map = TaskWorkspace.Map("Typo.cs", ("spec.templates[0].container", 20, 13));
        var dll = _ws.Compile(TaskWorkspace.Attribute("Demo.Typo", Manifests.UnknownField, map));

        var run = _ws.Run(dll);

        Assert.False(run.Result);
        var error = Assert.Single(run.Engine.Errors);
        Assert.Equal(FindingCodes.UnknownField.Code, error.Code);
        Assert.Contains("[Demo.Typo: spec.templates[0].container.imagePullPolicyy]", error.Message, StringComparison.Ordinal);
        Assert.Equal((_ws.InProject("Typo.cs"), 20, 13), (error.File, error.LineNumber, error.ColumnNumber));
        Assert.Empty(_ws.ManifestNames());
    }

    // Issue 19 item 16: a C# [Workflow] with neither Name nor GenerateName gives a manifest with neither; the API server
    // rejects it as written, so the build fails with PIPE1014 at the class (the source map's root entry).
    [Fact]
    public void A_workflow_without_any_name_fails_the_build_at_the_class_and_nothing_is_written()
    {
        const string unnamed = """{"apiVersion":"argoproj.io/v1alpha1","kind":"Workflow","metadata":{},"spec":{"entrypoint":"main","templates":[{"name":"main","container":{"image":"alpine:3.20","command":["echo","hi"]}}]}}""";
        var dll = _ws.Compile(
            TaskWorkspace.Attribute("Demo.Hello", Manifests.Hello, TaskWorkspace.Map("Hello.cs")),
            TaskWorkspace.Attribute("Demo.Unnamed", unnamed, "[[\"\", \"Flows/Unnamed.cs\", 6, 2]]"));

        var run = _ws.Run(dll);

        Assert.False(run.Result);
        var error = Assert.Single(run.Engine.Errors);
        Assert.Equal(FindingCodes.ObjectNameMissing.Code, error.Code);
        Assert.Equal((_ws.InProject("Flows/Unnamed.cs"), 6, 2), (error.File, error.LineNumber, error.ColumnNumber));
        Assert.Contains("name or generateName is required", error.Message, StringComparison.Ordinal);
        Assert.Contains("[Demo.Unnamed: metadata]", error.Message, StringComparison.Ordinal);
        Assert.Empty(_ws.ManifestNames());
    }

    // Issue 19 item 17: a name with control characters (an ANSI escape, a line feed) is escaped in the build's message.
    [Fact]
    public void Control_characters_in_a_name_are_escaped_in_the_build_message()
    {
        var json = Manifests.Named("Workflow", "bad\\u001b[31m\\nname"); // JSON escapes: the name holds ESC and a line feed
        var dll = _ws.Compile(TaskWorkspace.Attribute("Demo.Bad", json, TaskWorkspace.Map("Bad.cs")));

        var run = _ws.Run(dll);

        Assert.False(run.Result);
        Assert.NotEmpty(run.Engine.Errors);
        Assert.All(run.Engine.Errors, e => Assert.DoesNotContain(e.Message!, c => c < ' '));
        Assert.Contains(run.Engine.Errors, e => e.Message!.Contains("bad\\u001B[31m\\nname", StringComparison.Ordinal));
    }

    [Fact]
    public void Warnings_are_logged_with_their_code_and_do_not_stop_the_files()
    {
        // The CronWorkflow refers to a WorkflowTemplate that is not among the manifests: a warning (PIPE1206).
        var map = TaskWorkspace.Map("Nightly.cs", ("spec.workflowSpec.templates[0].steps[0][0]", 9, 13));
        var dll = _ws.Compile(TaskWorkspace.Attribute("Demo.Nightly", Manifests.Nightly, map));

        var run = _ws.Run(dll);

        Assert.True(run.Result, run.Log);
        Assert.Empty(run.Engine.Errors);
        var warning = Assert.Single(run.Engine.Warnings);
        Assert.Equal(FindingCodes.WorkflowTemplateNotLinted.Code, warning.Code);
        Assert.Contains("[Demo.Nightly: spec.workflowSpec.templates[0].steps[0][0].templateRef", warning.Message, StringComparison.Ordinal);
        Assert.Equal((_ws.InProject("Nightly.cs"), 9, 13), (warning.File, warning.LineNumber, warning.ColumnNumber));
        Assert.Equal(["cronworkflow-nightly.yaml"], _ws.ManifestNames());
    }

    [Fact]
    public void SuppressLint_on_the_class_turns_off_that_code_for_its_manifest_only()
    {
        // Two classes with the same PIPE1206 warning; only Demo.Nightly suppresses it (and also a code it does not earn).
        var other = Manifests.Nightly.Replace("\"nightly\"", "\"other\"", StringComparison.Ordinal);
        var dll = _ws.Compile(
            TaskWorkspace.Attribute("Demo.Nightly", Manifests.Nightly, TaskWorkspace.Map("Nightly.cs")),
            TaskWorkspace.Attribute("Demo.Other", other, TaskWorkspace.Map("Other.cs")),
            $"namespace Demo {{ [global::Pipelines.SuppressLint(\"{FindingCodes.WorkflowTemplateNotLinted.Code}\", Justification = \"the library is deployed separately\")] [global::Pipelines.SuppressLint(\"PIPE1307\")] public partial class Nightly {{ }} public partial class Other {{ }} }}\n");

        var run = _ws.Run(dll);

        Assert.True(run.Result, run.Log);
        var warning = Assert.Single(run.Engine.Warnings);
        Assert.Equal(FindingCodes.WorkflowTemplateNotLinted.Code, warning.Code);
        Assert.Contains("[Demo.Other:", warning.Message, StringComparison.Ordinal);
        Assert.Equal(["cronworkflow-nightly.yaml", "cronworkflow-other.yaml"], _ws.ManifestNames());
    }

    [Fact]
    public void SuppressLint_never_turns_off_an_error_nor_a_code_on_another_namespace_s_class()
    {
        var dll = _ws.Compile(
            TaskWorkspace.Attribute("Demo.Dag", Manifests.BadDependency, TaskWorkspace.Map("Dag.cs")),
            TaskWorkspace.Attribute("Demo.Nightly", Manifests.Nightly, TaskWorkspace.Map("Nightly.cs")),
            $"namespace Demo {{ [global::Pipelines.SuppressLint(\"PIPE1602\")] public partial class Dag {{ }} }}\n",
            $"namespace Elsewhere {{ [global::Pipelines.SuppressLint(\"{FindingCodes.WorkflowTemplateNotLinted.Code}\")] public partial class Nightly {{ }} }}\n");

        var run = _ws.Run(dll);

        Assert.False(run.Result);
        Assert.Equal("PIPE1602", Assert.Single(run.Engine.Errors).Code);
        Assert.Equal(FindingCodes.WorkflowTemplateNotLinted.Code, Assert.Single(run.Engine.Warnings).Code);
    }

    [Fact]
    public void Manifests_are_validated_together_so_template_refs_resolve_across_them()
    {
        var dll = _ws.Compile(
            TaskWorkspace.Attribute("Demo.Nightly", Manifests.Nightly, TaskWorkspace.Map("Nightly.cs")),
            TaskWorkspace.Attribute("Demo.Library", Manifests.Library, TaskWorkspace.Map("Library.cs")));

        _ws.Run(dll).Clean();
    }

    [Fact]
    public void Messages_with_argo_expressions_are_not_formatted()
    {
        const string json = """{"apiVersion":"argoproj.io/v1alpha1","kind":"Workflow","metadata":{"name":"vars"},"spec":{"entrypoint":"main","templates":[{"name":"main","container":{"image":"alpine:3.20","args":["{{inputs.parameters.nope}}"]}}]}}""";
        var dll = _ws.Compile(TaskWorkspace.Attribute("Demo.Vars", json, TaskWorkspace.Map("Vars.cs")));

        var run = _ws.Run(dll);

        var error = Assert.Single(run.Engine.Errors);
        Assert.Equal(FindingCodes.UnresolvedInput.Code, error.Code);
        Assert.Contains("{{inputs.parameters.nope}}", error.Message, StringComparison.Ordinal);
        Assert.Contains("[Demo.Vars: spec.templates[0].container.args[0]]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unchanged_content_keeps_the_file_and_its_time_changed_content_is_rewritten()
    {
        var first = _ws.Compile(
            TaskWorkspace.Attribute("Demo.A", Manifests.Echo("a", "one"), TaskWorkspace.Map("A.cs")),
            TaskWorkspace.Attribute("Demo.B", Manifests.Echo("b", "one"), TaskWorkspace.Map("B.cs")));
        _ws.Run(first).Clean();
        var a = Path.Combine(_ws.ManifestsDirectory, "workflow-a.yaml");
        var b = Path.Combine(_ws.ManifestsDirectory, "workflow-b.yaml");
        var old = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(a, old);
        File.SetLastWriteTimeUtc(b, old);

        var second = _ws.Compile(
            TaskWorkspace.Attribute("Demo.A", Manifests.Echo("a", "one"), TaskWorkspace.Map("A.cs")),
            TaskWorkspace.Attribute("Demo.B", Manifests.Echo("b", "two"), TaskWorkspace.Map("B.cs")));
        var run = _ws.Run(second).Clean();

        Assert.Equal(old, File.GetLastWriteTimeUtc(a));
        Assert.NotEqual(old, File.GetLastWriteTimeUtc(b));
        Assert.Equal(Canonical(Manifests.Echo("b", "two")), File.ReadAllText(b));
        Assert.Equal(2, run.Task.ManifestFiles.Length);
        Assert.Equal(["workflow-a.yaml", "workflow-b.yaml"], _ws.ManifestNames());
    }

    [Fact]
    public void Stale_files_of_an_earlier_run_are_deleted_and_other_files_are_untouched()
    {
        var first = _ws.Compile(
            TaskWorkspace.Attribute("Demo.A", Manifests.Echo("a", "one"), TaskWorkspace.Map("A.cs")),
            TaskWorkspace.Attribute("Demo.B", Manifests.Echo("b", "one"), TaskWorkspace.Map("B.cs")));
        _ws.Run(first).Clean();
        File.WriteAllText(Path.Combine(_ws.ManifestsDirectory, "notes.txt"), "mine");
        File.WriteAllText(Path.Combine(_ws.ManifestsDirectory, "workflow-handwritten.yaml"), "kind: Workflow\n");

        var second = _ws.Compile(TaskWorkspace.Attribute("Demo.A", Manifests.Echo("a", "one"), TaskWorkspace.Map("A.cs")));
        _ws.Run(second).Clean();

        Assert.Equal(["notes.txt", "workflow-a.yaml", "workflow-handwritten.yaml"], _ws.ManifestNames());
        Assert.Equal("mine", File.ReadAllText(Path.Combine(_ws.ManifestsDirectory, "notes.txt")));
        Assert.Equal([Path.Combine(_ws.ManifestsDirectory, "workflow-a.yaml")], File.ReadAllLines(_ws.StateFile));
    }

    [Fact]
    public void State_file_entries_that_are_not_our_files_are_never_deleted()
    {
        var precious = Path.Combine(_ws.ProjectDirectory, "Program.cs");
        File.WriteAllText(precious, "class P {}");
        Directory.CreateDirectory(Path.GetDirectoryName(_ws.StateFile)!);
        File.WriteAllLines(_ws.StateFile, [precious, "relative/workflow-x.yaml"]);

        var dll = _ws.Compile(TaskWorkspace.Attribute("Demo.A", Manifests.Echo("a", "one"), TaskWorkspace.Map("A.cs")));
        _ws.Run(dll).Clean();

        Assert.True(File.Exists(precious));
    }

    [Fact]
    public void Errors_keep_the_files_of_the_last_good_run()
    {
        var good = _ws.Compile(TaskWorkspace.Attribute("Demo.A", Manifests.Echo("a", "one"), TaskWorkspace.Map("A.cs")));
        _ws.Run(good).Clean();

        var bad = _ws.Compile(TaskWorkspace.Attribute("Demo.Dag", Manifests.BadDependency, TaskWorkspace.Map("Dag.cs")));
        var run = _ws.Run(bad);

        Assert.False(run.Result);
        Assert.Equal("PIPE1602", Assert.Single(run.Engine.Errors).Code);
        Assert.Equal(["workflow-a.yaml"], _ws.ManifestNames());
        Assert.Equal([Path.Combine(_ws.ManifestsDirectory, "workflow-a.yaml")], File.ReadAllLines(_ws.StateFile));
    }

    [Fact]
    public void Two_manifests_with_one_file_name_are_an_error_naming_both_types()
    {
        var dll = _ws.Compile(
            TaskWorkspace.Attribute("Demo.First", Manifests.Named("Workflow", "same"), TaskWorkspace.Map("First.cs")),
            TaskWorkspace.Attribute("Demo.Second", Manifests.Named("Workflow", "same"), TaskWorkspace.Map("Second.cs", ("metadata", 4, 2))),
            TaskWorkspace.Attribute("Demo.Other", Manifests.Named("WorkflowTemplate", "same"), TaskWorkspace.Map("Other.cs")));

        var run = _ws.Run(dll);

        Assert.False(run.Result);
        var error = Assert.Single(run.Engine.Errors);
        Assert.Equal(BuildCodes.FileNameCollision.Code, error.Code);
        Assert.Contains("Demo.First", error.Message, StringComparison.Ordinal);
        Assert.Contains("Demo.Second", error.Message, StringComparison.Ordinal);
        Assert.Contains("workflow-same.yaml", error.Message, StringComparison.Ordinal);
        Assert.Equal((_ws.InProject("Second.cs"), 4, 2), (error.File, error.LineNumber, error.ColumnNumber));
        Assert.Empty(_ws.ManifestNames());
    }

    [Fact]
    public void Duplicate_ids_are_an_error()
    {
        var dll = _ws.Compile(
            TaskWorkspace.Attribute("Demo.A", Manifests.Echo("a", "one"), TaskWorkspace.Map("A.cs")),
            TaskWorkspace.Attribute("Demo.A", Manifests.Echo("a2", "two"), TaskWorkspace.Map("A.cs")));

        var run = _ws.Run(dll);

        Assert.False(run.Result);
        var error = Assert.Single(run.Engine.Errors);
        Assert.Equal(BuildCodes.DuplicateId.Code, error.Code);
        Assert.Equal((_ws.InProject("A.cs"), 1, 1), (error.File, error.LineNumber, error.ColumnNumber));
        Assert.Empty(_ws.ManifestNames());
    }

    [Fact]
    public void Missing_assembly_is_PIPE2001_not_an_exception()
    {
        var missing = Path.Combine(_ws.ProjectDirectory, "obj", "Nope.dll");

        var run = _ws.Run(missing);

        Assert.False(run.Result);
        var error = Assert.Single(run.Engine.Errors);
        Assert.Equal(BuildCodes.AssemblyUnreadable.Code, error.Code);
        Assert.Equal(missing, error.File);
        Assert.Empty(run.Task.ManifestFiles);
    }

    [Theory]
    [InlineData("text")]
    [InlineData("truncated")]
    [InlineData("empty")]
    public void Corrupt_assembly_is_PIPE2001_not_an_exception(string damage)
    {
        var dll = _ws.Compile(TaskWorkspace.Attribute("Demo.A", Manifests.Echo("a", "one"), TaskWorkspace.Map("A.cs")));
        var bytes = File.ReadAllBytes(dll);
        File.WriteAllBytes(dll, damage switch
        {
            "text" => "this is not an assembly"u8.ToArray(),
            "truncated" => bytes.Take(bytes.Length / 3).ToArray(),
            _ => [],
        });

        var run = _ws.Run(dll);

        Assert.False(run.Result);
        var error = Assert.Single(run.Engine.Errors);
        Assert.Equal(BuildCodes.AssemblyUnreadable.Code, error.Code);
        Assert.Equal(dll, error.File);
    }

    [Fact]
    public void Attribute_with_a_null_argument_is_PIPE2002()
    {
        var dll = _ws.Compile(
            TaskWorkspace.Attribute("Demo.A", Manifests.Echo("a", "one"), TaskWorkspace.Map("A.cs")),
            TaskWorkspace.Attribute("Demo.B", null, "[]"));

        var run = _ws.Run(dll);

        Assert.False(run.Result);
        var error = Assert.Single(run.Engine.Errors);
        Assert.Equal(BuildCodes.AttributeUnreadable.Code, error.Code);
        Assert.Contains("Demo.B", error.Message, StringComparison.Ordinal);
        Assert.Empty(_ws.ManifestNames());
    }

    [Fact]
    public void Unusable_source_map_is_a_warning_and_the_file_is_still_written()
    {
        var dll = _ws.Compile(TaskWorkspace.Attribute("Demo.A", Manifests.Echo("a", "one"), "{ not json"));

        var run = _ws.Run(dll);

        Assert.True(run.Result, run.Log);
        var warning = Assert.Single(run.Engine.Warnings);
        Assert.Equal(BuildCodes.SourceMapInvalid.Code, warning.Code);
        Assert.Contains("Demo.A", warning.Message, StringComparison.Ordinal);
        Assert.Equal(["workflow-a.yaml"], _ws.ManifestNames());
    }

    [Fact]
    public void Findings_of_a_manifest_without_source_map_are_reported_against_the_assembly()
    {
        var dll = _ws.Compile(TaskWorkspace.Attribute("Demo.Dag", Manifests.BadDependency, "[]"));

        var run = _ws.Run(dll);

        var error = Assert.Single(run.Engine.Errors);
        Assert.Equal("PIPE1602", error.Code);
        Assert.Equal((dll, 0, 0), (error.File, error.LineNumber, error.ColumnNumber));
        Assert.Contains("[Demo.Dag: spec.templates[0].dag.tasks[1].dependencies", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_document_that_is_not_an_argo_kind_is_PIPE2009()
    {
        const string json = """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm"},"data":{"a":"b"}}""";
        var dll = _ws.Compile(TaskWorkspace.Attribute("Demo.Cm", json, TaskWorkspace.Map("Cm.cs")));

        var run = _ws.Run(dll);

        Assert.False(run.Result);
        var error = Assert.Single(run.Engine.Errors);
        Assert.Equal(BuildCodes.NotArgoManifest.Code, error.Code);
        Assert.Contains("ConfigMap", error.Message, StringComparison.Ordinal);
        Assert.Equal((_ws.InProject("Cm.cs"), 1, 1), (error.File, error.LineNumber, error.ColumnNumber));
    }

    [Fact]
    public void Empty_json_is_reported_by_the_reader()
    {
        var dll = _ws.Compile(TaskWorkspace.Attribute("Demo.Empty", "", TaskWorkspace.Map("Empty.cs")));

        var run = _ws.Run(dll);

        Assert.False(run.Result);
        var error = Assert.Single(run.Engine.Errors);
        Assert.Equal(FindingCodes.NoDocuments.Code, error.Code);
        Assert.Equal((_ws.InProject("Empty.cs"), 1, 1), (error.File, error.LineNumber, error.ColumnNumber));
    }

    [Fact]
    public void An_assembly_without_manifests_writes_nothing_and_removes_earlier_files()
    {
        var first = _ws.Compile(TaskWorkspace.Attribute("Demo.A", Manifests.Echo("a", "one"), TaskWorkspace.Map("A.cs")));
        _ws.Run(first).Clean();

        var none = _ws.Compile("[assembly: System.Reflection.AssemblyTitle(\"x\")]\n");
        var run = _ws.Run(none).Clean();

        Assert.Empty(run.Task.ManifestFiles);
        Assert.Empty(_ws.ManifestNames());
        Assert.Empty(File.ReadAllText(_ws.StateFile));
    }

    [Fact]
    public void An_attribute_type_defined_in_the_assembly_itself_is_found_too()
    {
        const string own = "namespace Pipelines { [System.AttributeUsage(System.AttributeTargets.Assembly, AllowMultiple = true)] public sealed class PipelineManifestAttribute : System.Attribute { public PipelineManifestAttribute(string id, string json, string map) { } } }\n";
        var path = Path.Combine(_ws.ProjectDirectory, "obj", "Own.dll");
        var source = "[assembly: Pipelines.PipelineManifest(\"Demo.A\", " + TaskWorkspace.Literal(Manifests.Echo("a", "one")) + ", \"[]\")]\n" + own;
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
            "Own",
            [Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(source)],
            [Microsoft.CodeAnalysis.MetadataReference.CreateFromFile(typeof(object).Assembly.Location)],
            new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var stream = File.Create(path))
        {
            Assert.True(compilation.Emit(stream).Success);
        }

        _ws.Run(path).Clean();

        Assert.Equal(["workflow-a.yaml"], _ws.ManifestNames());
    }

    [Fact]
    public void Output_is_the_same_bytes_in_any_culture_and_folder()
    {
        string[] sources =
        [
            TaskWorkspace.Attribute("Demo.Hello", Manifests.Hello, TaskWorkspace.Map("Hello.cs")),
            TaskWorkspace.Attribute("Demo.Nightly", Manifests.Nightly, TaskWorkspace.Map("Nightly.cs")),
            TaskWorkspace.Attribute("Demo.Library", Manifests.Library, TaskWorkspace.Map("Library.cs")),
        ];
        var dll = _ws.Compile(sources);
        _ws.Run(dll).Clean();

        using var other = new TaskWorkspace();
        var copy = Path.Combine(other.ProjectDirectory, "elsewhere", "Demo.dll");
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        File.Copy(dll, copy);
        var culture = CultureInfo.CurrentCulture;
        var uiCulture = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("tr-TR");
            other.Run(copy).Clean();
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
        }

        Assert.Equal(_ws.ManifestNames(), other.ManifestNames());
        foreach (var name in _ws.ManifestNames())
        {
            Assert.Equal(
                File.ReadAllBytes(Path.Combine(_ws.ManifestsDirectory, name)),
                File.ReadAllBytes(Path.Combine(other.ManifestsDirectory, name)));
        }
    }

    [Fact]
    public void Relative_manifests_directory_is_relative_to_the_project()
    {
        var dll = _ws.Compile(TaskWorkspace.Attribute("Demo.A", Manifests.Echo("a", "one"), TaskWorkspace.Map("A.cs")));

        var run = _ws.Run(dll, manifestsDirectory: "out/yaml/").Clean();

        Assert.Equal(Path.Combine(_ws.ProjectDirectory, "out", "yaml", "workflow-a.yaml"), Assert.Single(run.Task.ManifestFiles).ItemSpec);
    }

    [Theory]
    [InlineData("Workflow")]
    [InlineData("WorkflowTemplate")]
    [InlineData("ClusterWorkflowTemplate")]
    public void A_manifest_without_any_name_is_the_validator_error_PIPE1014_at_its_metadata(string kind)
    {
        // The build's YAML is applied as written, so nothing can supply a name later: the API server would reject it
        // ("name or generateName is required"). `pipelines lint` gives the same error; only `pipelines run` warns.
        var json = "{\"apiVersion\":\"argoproj.io/v1alpha1\",\"kind\":\"" + kind + "\",\"metadata\":{},\"spec\":{\"entrypoint\":\"main\",\"templates\":[{\"name\":\"main\",\"container\":{\"image\":\"alpine:3.20\"}}]}}";
        var dll = _ws.Compile(TaskWorkspace.Attribute("Demo.Nameless", json, TaskWorkspace.Map("Nameless.cs", ("metadata", 6, 3))));

        var run = _ws.Run(dll);

        Assert.False(run.Result);
        var error = Assert.Single(run.Engine.Errors);
        Assert.Equal(FindingCodes.ObjectNameMissing.Code, error.Code);
        Assert.Contains("name or generateName is required", error.Message, StringComparison.Ordinal);
        Assert.Contains("Demo.Nameless", error.Message, StringComparison.Ordinal);
        Assert.Equal((_ws.InProject("Nameless.cs"), 6, 3), (error.File, error.LineNumber, error.ColumnNumber));
        Assert.Empty(_ws.ManifestNames());
    }

    [Fact]
    public void A_manifests_folder_that_cannot_be_created_is_PIPE2007()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_ws.ManifestsDirectory)!);
        File.WriteAllText(_ws.ManifestsDirectory, "a file where the folder should be");
        var dll = _ws.Compile(TaskWorkspace.Attribute("Demo.A", Manifests.Echo("a", "one"), TaskWorkspace.Map("A.cs")));

        var run = _ws.Run(dll);

        Assert.False(run.Result);
        var error = Assert.Single(run.Engine.Errors);
        Assert.Equal(BuildCodes.WriteFailed.Code, error.Code);
        Assert.Equal(_ws.ManifestsDirectory, error.File);
        Assert.False(File.Exists(_ws.StateFile));
    }

    [Fact]
    public void A_manifest_file_that_cannot_be_replaced_is_PIPE2007_leaves_no_temporary_file_and_records_what_was_written()
    {
        var blocked = Path.Combine(_ws.ManifestsDirectory, "workflow-a.yaml");
        Directory.CreateDirectory(blocked);
        var dll = _ws.Compile(
            TaskWorkspace.Attribute("Demo.A", Manifests.Echo("a", "one"), TaskWorkspace.Map("A.cs")),
            TaskWorkspace.Attribute("Demo.B", Manifests.Echo("b", "one"), TaskWorkspace.Map("B.cs")));

        var run = _ws.Run(dll);

        Assert.False(run.Result);
        var error = Assert.Single(run.Engine.Errors);
        Assert.Equal(BuildCodes.WriteFailed.Code, error.Code);
        Assert.Equal(blocked, error.File);
        Assert.Equal(["workflow-a.yaml", "workflow-b.yaml"], _ws.ManifestNames().Concat(Directory.GetDirectories(_ws.ManifestsDirectory).Select(d => Path.GetFileName(d))).OrderBy(n => n, StringComparer.Ordinal));
        Assert.Empty(run.Task.ManifestFiles);
        Assert.Equal([Path.Combine(_ws.ManifestsDirectory, "workflow-b.yaml")], File.ReadAllLines(_ws.StateFile));
    }

    [Fact]
    public void Manifests_sharing_a_generateName_are_named_after_their_CSharp_types()
    {
        // Argo's dag-diamond.yaml and dag-enhanced-depends.yaml both use generateName "dag-diamond-".
        var json = Manifests.Hello.Replace("\"generateName\":\"hello-\"", "\"generateName\":\"dag-diamond-\"", StringComparison.Ordinal);
        var dll = _ws.Compile(
            TaskWorkspace.Attribute("Examples.DagDiamond", json, TaskWorkspace.Map("DagDiamond.cs")),
            TaskWorkspace.Attribute("Examples.DagEnhancedDepends", json, TaskWorkspace.Map("DagEnhancedDepends.cs")));

        _ws.Run(dll).Clean();

        Assert.Equal(["workflow-dag-diamond.yaml", "workflow-dag-enhanced-depends.yaml"], _ws.ManifestNames());
    }

    [Theory]
    [InlineData("DagDiamond", "dag-diamond")]
    [InlineData("HelloWorldWorkflow", "hello-world-workflow")]
    [InlineData("HTTPServer", "http-server")]
    [InlineData("Step2Go", "step2-go")]
    [InlineData("Nested_Type", "nested-type")]
    public void Type_names_map_to_kebab_case_file_names(string typeName, string expected) =>
        Assert.Equal(expected, EmitArgoManifests.Kebab(typeName));
}
