extern alias analyzers;

using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Pipelines.Argo;
using Pipelines.Argo.Validation;
using PipelinesAnalyzer = analyzers::Pipelines.Analyzers.PipelinesAnalyzer;

namespace Pipelines.Generator.Tests;

/// <summary>Issue 19 items 16 and 17 on the C# side: what the generator writes for hostile attribute values.</summary>
public sealed class HardeningTests
{
    // Item 16: a [Workflow] with neither Name nor GenerateName is not given a name behind the user's back; the manifest
    // has none, the build's validation (NameAtSubmit = false, as EmitArgoManifests runs it) makes it PIPE1014, and the
    // source map's root entry places that error on the class.
    [Fact]
    public void A_workflow_without_a_name_keeps_none_and_the_build_validation_places_PIPE1014_on_the_class()
    {
        const string source = """
            using Pipelines;
            namespace App;

            [Workflow]
            public partial class Unnamed
            {
                [Container("alpine:3.20", Command = ["echo", "hi"])]
                [Entrypoint]
                public static partial Node Say();
            }
            """;

        var run = GeneratorHarness.Run(source, "Unnamed.cs");

        var manifest = Assert.Single(run.Manifests);
        using var json = JsonDocument.Parse(manifest.Json);
        var metadata = json.RootElement.TryGetProperty("metadata", out var m) ? m : default;
        Assert.False(metadata.ValueKind == JsonValueKind.Object && (metadata.TryGetProperty("name", out _) || metadata.TryGetProperty("generateName", out _)), manifest.Json);

        var file = ArgoYaml.ReadText(manifest.Json, manifest.Id);
        ArgoValidator.Validate([file], new ValidationOptions { NameAtSubmit = false });
        var error = Assert.Single(file.AllFindings, f => f.Severity == Severity.Error);
        Assert.Equal(FindingCodes.ObjectNameMissing.Code, error.Code);

        using var map = JsonDocument.Parse(manifest.SourceMap);
        var root = map.RootElement.EnumerateArray().First(e => e[0].GetString() == string.Empty);
        Assert.Equal("Unnamed.cs", root[1].GetString());
        Assert.Equal(5, root[2].GetInt32()); // the class declaration, line 5 (1-based), under its [Workflow]
    }

    // Item 17: Command = [null, null] built to command: ["", ""] silently. Each null item is a PIPE4650 error on the item
    // itself, for Command and Args of [Container] and Command of [Script], written as a collection expression or an array.
    [Fact]
    public async Task Null_items_in_command_and_args_are_PIPE4650_errors_on_each_item()
    {
        const string source = """
            using Pipelines;
            namespace App;

            [Workflow(Name = "nulls")]
            public partial class Nulls
            {
                [Container("alpine:3.20", Command = [null, null])]
                public static partial Node Both();

                [Container("alpine:3.20", Command = new[] { "echo" }, Args = new string[] { "a", null! })]
                public static partial Node Arg();

                [Script("python:3.12", Command = new[] { (string)null! }, Source = "print(1)")]
                public static partial Node Py();

                [Dag, Entrypoint]
                public static void Main()
                {
                    var a = Both();
                    var b = Arg();
                    var c = Py();
                }
            }
            """;

        var run = GeneratorHarness.Run(source, "Nulls.cs");
        Assert.Empty(run.Result.Results.Where(r => r.Exception is not null));

        var diagnostics = await run.Output.WithAnalyzers([new PipelinesAnalyzer()]).GetAnalyzerDiagnosticsAsync();
        var nulls = diagnostics.Where(d => d.Id == "PIPE4650").OrderBy(d => d.Location.SourceSpan.Start).ToList();
        Assert.Equal(4, nulls.Count);
        Assert.All(nulls, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
        Assert.Equal(
            ["null", "null", "null!", "(string)null!"],
            nulls.Select(d => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan)));
        Assert.Equal(
            [
                "In template 'both', item 0 of [Container] Command is null",
                "In template 'both', item 1 of [Container] Command is null",
                "In template 'arg', item 1 of [Container] Args is null",
                "In template 'py', item 0 of [Script] Command is null",
            ],
            nulls.Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)[..d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).IndexOf(':', StringComparison.Ordinal)]));
    }
}
