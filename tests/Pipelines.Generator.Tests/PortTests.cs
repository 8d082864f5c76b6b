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
        AssertPort(GeneratorHarness.ReadPort(port), port);
    }

    public static TheoryData<string> MultiDocumentPorts()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "MultiDocumentPorts"), "*.cs").OrderBy(f => f, StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [CorpusTheory]
    [MemberData(nameof(MultiDocumentPorts))]
    public void Multi_document_port_generates_every_upstream_document(string port)
    {
        Corpus.Require();
        var source = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "MultiDocumentPorts", port));
        AssertPort(source, port, CompanionsOf(source).Select(c => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "MultiDocumentPorts", c))).ToArray());
    }

    /// <summary>The other port files a port calls into, from its second line: <c>// With: a.cs, b.cs</c>.</summary>
    private static string[] CompanionsOf(string source)
    {
        const string Marker = "// With: ";
        var lines = source.Split('\n');
        return lines.Length > 1 && lines[1].TrimEnd('\r') is var second && second.StartsWith(Marker, StringComparison.Ordinal)
            ? second.Substring(Marker.Length).Split(',').Select(c => c.Trim()).Where(c => c.Length > 0).ToArray()
            : [];
    }

    private static void AssertPort(string source, string port, params string[] companions)
    {
        var example = ExampleOf(source);
        var trees = new[] { GeneratorHarness.Tree(source, port) }.Concat(companions.Select((c, i) => GeneratorHarness.Tree(c, "Companion" + i + ".cs"))).ToArray();
        var all = GeneratorHarness.Run(GeneratorHarness.Compilation(trees)).AssertClean();
        // The companions' own manifests belong to their own ports: compare only this port's classes.
        var companionIds = companions.SelectMany(c => GeneratorHarness.Run(c).Manifests.Select(m => m.Id)).ToHashSet(StringComparer.Ordinal);
        var run = new { Manifests = all.Manifests.Where(m => !companionIds.Contains(m.Id)).ToList() };

        var expected = ArgoYaml.ReadFile(Path.Combine(Corpus.ExamplesDirectory, example));
        Assert.Empty(expected.AllFindings.Select(f => f.ToString()));

        // One class per upstream document: each document is compared with the manifest of the same kind and name.
        Assert.Equal(expected.Documents.Count, run.Manifests.Count());
        var generated = run.Manifests.Select(m => ArgoYaml.ReadText(m.Json, port)).ToList();
        Assert.Empty(generated.SelectMany(g => g.AllFindings).Select(f => f.ToString()));
        foreach (var document in expected.Documents)
        {
            var key = KeyOf(document.Root);
            // An upstream Workflow without any name (argo submit --name supplies one) is ported with generateName
            // "<file stem>-", since a C# workflow must name itself (PIPE1014); the comparison leaves that name out.
            var nameless = key.EndsWith("/", StringComparison.Ordinal);
            if (nameless)
            {
                key += Path.GetFileNameWithoutExtension(example) + "-";
            }

            var match = Assert.Single(generated.Select(g => Assert.Single(g.Documents).Root), r => KeyOf(r) == key);
            if (nameless && match is Pipelines.Argo.Yaml.YamlMapping { } root && root.Get("metadata") is Pipelines.Argo.Yaml.YamlMapping metadata)
            {
                metadata.Entries.RemoveAll(e => e.Key.Value == "generateName");
            }

            ManifestComparer.AssertEquivalent(document.Root, match, example + " " + key);
        }
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

    private static string KeyOf(Pipelines.Argo.Yaml.YamlValue root)
    {
        var mapping = root as Pipelines.Argo.Yaml.YamlMapping;
        var metadata = mapping?.Get("metadata") as Pipelines.Argo.Yaml.YamlMapping;
        string? Text(Pipelines.Argo.Yaml.YamlMapping? m, string key) => (m?.Get(key) as Pipelines.Argo.Yaml.YamlScalar)?.Value;
        return Text(mapping, "kind") + "/" + (Text(metadata, "name") ?? Text(metadata, "generateName"));
    }

    internal static string ExampleOf(string source)
    {
        const string Marker = "// Port of: ";
        var first = source.Split('\n')[0].TrimEnd('\r');
        Assert.StartsWith(Marker, first, StringComparison.Ordinal);
        return first.Substring(Marker.Length).Trim();
    }
}
