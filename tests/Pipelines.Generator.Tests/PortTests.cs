using System;
using System.IO;
using System.Linq;
using Pipelines.Argo;

namespace Pipelines.Generator.Tests;

/// <summary>
/// Each C# port under Ports/ must generate the same manifest as the Argo example it names in its first line
/// (<c>// Port of: x.yaml</c>), compared with <see cref="ManifestComparer"/>, and the user code must compile.
/// </summary>
public sealed class PortTests
{
    public static TheoryData<string> Ports()
    {
        var data = new TheoryData<string>();
        foreach (var name in GeneratorHarness.PortNames())
        {
            data.Add(name);
        }

        return data;
    }

    [CorpusTheory]
    [MemberData(nameof(Ports))]
    public void Port_generates_the_upstream_manifest(string port)
    {
        Corpus.Require();
        var source = GeneratorHarness.ReadPort(port);
        var example = ExampleOf(source);
        var run = GeneratorHarness.Run(source, port).AssertClean();

        var manifest = Assert.Single(run.Manifests);
        var generated = ArgoYaml.ReadText(manifest.Json, port);
        Assert.Empty(generated.AllFindings.Select(f => f.ToString()));
        var expected = ArgoYaml.ReadFile(Path.Combine(Corpus.ExamplesDirectory, example));
        Assert.Empty(expected.AllFindings.Select(f => f.ToString()));

        ManifestComparer.AssertEquivalent(Assert.Single(expected.Documents).Root, Assert.Single(generated.Documents).Root, example);
    }

    [Fact]
    public void Every_port_names_an_existing_example()
    {
        var ports = GeneratorHarness.PortNames().ToList();
        Assert.True(ports.Count >= 5, "expected the five first ports at least");
        foreach (var port in ports)
        {
            Assert.EndsWith(".yaml", ExampleOf(GeneratorHarness.ReadPort(port)), StringComparison.Ordinal);
        }
    }

    internal static string ExampleOf(string source)
    {
        const string Marker = "// Port of: ";
        var first = source.Split('\n')[0].TrimEnd('\r');
        Assert.StartsWith(Marker, first, StringComparison.Ordinal);
        return first.Substring(Marker.Length).Trim();
    }
}
