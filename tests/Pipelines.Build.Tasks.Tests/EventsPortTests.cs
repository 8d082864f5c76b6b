using System;
using System.IO;
using System.Linq;
using Pipelines.Argo;
using Pipelines.Argo.Yaml;

namespace Pipelines.Build.Tasks.Tests;

/// <summary>
/// Each C# port under EventsPorts/ (first line <c>// Port of: x.yaml</c>, a path under Argo Events' examples/) builds,
/// through the source generator and the task, a document equal to the upstream one (same kind and name), compared
/// with the workflow ports' <see cref="ManifestComparer"/>. One normalization of upstream: a key the corpus quirks of
/// docs/events.md name as misplaced (<c>atLeastOnce</c> under a trigger's <c>template</c>) is moved to where Argo
/// Events reads it, since the port writes what the example means.
/// </summary>
public sealed class EventsPortTests : IDisposable
{
    private readonly TaskWorkspace _ws = new();

    public void Dispose() => _ws.Dispose();

    private static string PortsDirectory => Path.Combine(AppContext.BaseDirectory, "EventsPorts");

    public static TheoryData<string> Ports()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(PortsDirectory, "*.cs").OrderBy(f => f, StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [EventsCorpusTheory]
    [MemberData(nameof(Ports))]
    public void Port_builds_the_upstream_document(string port)
    {
        EventsCorpus.Require();
        var source = File.ReadAllText(Path.Combine(PortsDirectory, port));
        var example = ExampleOf(source);
        var expected = Assert.Single(ArgoYaml.ReadFile(Path.Combine(EventsCorpus.Directory, "examples", example)).Documents);
        var root = (YamlMapping)expected.Root;
        MoveMisplacedAtLeastOnce(root);

        var run = _ws.Run(EventsEmissionTests.Generate(_ws, source));
        Assert.True(run.Result && run.Engine.Errors.Count == 0, run.Log);
        var file = Path.Combine(_ws.ManifestsDirectory, expected.Kind!.ToLowerInvariant() + "-" + expected.Name + ".yaml");
        Assert.True(File.Exists(file), $"{port}: no {Path.GetFileName(file)} among {string.Join(", ", _ws.ManifestNames())}");
        ManifestComparer.AssertEquivalent(root, EventsEmissionTests.Root(File.ReadAllText(file)), example);
    }

    [Fact]
    public void The_four_acceptance_examples_are_ported()
    {
        var examples = Directory.EnumerateFiles(PortsDirectory, "*.cs").Select(f => ExampleOf(File.ReadAllText(f))).OrderBy(e => e, StringComparer.Ordinal);
        Assert.Equal(
            ["event-sources/kafka.yaml", "sensors/kafka.yaml", "sensors/special-workflow-trigger-shortened.yaml", "sensors/trigger-with-atleast-once-semantics.yaml"],
            examples);
    }

    private static string ExampleOf(string source)
    {
        const string Marker = "// Port of: ";
        var first = source.Split('\n')[0].TrimEnd('\r');
        Assert.StartsWith(Marker, first, StringComparison.Ordinal);
        return first.Substring(Marker.Length).Trim();
    }

    /// <summary>Moves <c>spec.triggers[].template.atLeastOnce</c> (dropped there by Argo Events) to the trigger.</summary>
    private static void MoveMisplacedAtLeastOnce(YamlMapping root)
    {
        if ((root.Get("spec") as YamlMapping)?.Get("triggers") is not YamlSequence triggers)
        {
            return;
        }

        foreach (var trigger in triggers.Items.OfType<YamlMapping>())
        {
            if (trigger.Get("template") is YamlMapping template && template.Get("atLeastOnce") is { } value)
            {
                template.Entries.RemoveAll(e => e.Key.Value == "atLeastOnce");
                trigger.Add("atLeastOnce", value);
            }
        }
    }
}
