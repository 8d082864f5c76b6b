using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Pipelines.Build.Tasks.Tests;

/// <summary>The Pipelines.Sdk package: its file list, its metadata, and the schema of its MSBuild properties.</summary>
public sealed class PackageTests
{
    private static readonly string BuildFolder = Path.Combine(Corpus.RepoRoot, "msbuild", "Pipelines.Build.Tasks", "build");

    private static readonly string SdkFolder = Path.Combine(Corpus.RepoRoot, "src", "Pipelines.Sdk");

    private static IEnumerable<string> BuildFiles() =>
        Directory.GetFiles(BuildFolder, "*.props").Concat(Directory.GetFiles(BuildFolder, "*.targets"))
            .Concat(Directory.GetFiles(Path.Combine(SdkFolder, "build")))
            .Concat(Directory.GetFiles(Path.Combine(SdkFolder, "buildTransitive")))
            .OrderBy(f => f, StringComparer.Ordinal);

    private static JsonElement SchemaProperties()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Corpus.RepoRoot, "schemas", "Pipelines.Compiler.buildschema.json")));
        return doc.RootElement.GetProperty("properties").Clone();
    }

    /// <summary>Public properties the build files read ($(PipelinesX)) or set (&lt;PipelinesX&gt; in a PropertyGroup).</summary>
    internal static SortedSet<string> PublicProperties(string text)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (Match m in Regex.Matches(text, @"\$\((Pipelines[A-Za-z0-9_]*)\)"))
        {
            names.Add(m.Groups[1].Value);
        }

        foreach (var element in XDocument.Parse(text).Descendants().Where(e => e.Parent?.Name.LocalName == "PropertyGroup"))
        {
            if (element.Name.LocalName.StartsWith("Pipelines", StringComparison.Ordinal))
            {
                names.Add(element.Name.LocalName);
            }
        }

        // Properties handed to the source generator are public too.
        foreach (var element in XDocument.Parse(text).Descendants().Where(e => e.Name.LocalName == "CompilerVisibleProperty"))
        {
            if (element.Attribute("Include")?.Value is { } name && name.StartsWith("Pipelines", StringComparison.Ordinal))
            {
                names.Add(name);
            }
        }

        return names;
    }

    [Fact]
    public void Property_scan_finds_reads_and_definitions_but_not_private_names_or_items()
    {
        var found = PublicProperties("""
            <Project>
              <PropertyGroup><PipelinesA>x</PipelinesA><_PipelinesB>$(PipelinesC)</_PipelinesB></PropertyGroup>
              <ItemGroup><PipelinesItem Include="@(PipelinesOther)" /><CompilerVisibleProperty Include="PipelinesE" /></ItemGroup>
              <Target Name="PipelinesTarget" Condition="'$(_PipelinesD)' == ''" />
            </Project>
            """);

        Assert.Equal(["PipelinesA", "PipelinesC", "PipelinesE"], found);
    }

    [Fact]
    public void Every_public_property_of_the_build_files_is_in_the_schema()
    {
        var schema = SchemaProperties();
        foreach (var file in BuildFiles())
        {
            foreach (var name in PublicProperties(File.ReadAllText(file)))
            {
                Assert.True(schema.TryGetProperty(name, out _), $"{Path.GetFileName(file)} uses the property {name}, which schemas/Pipelines.Compiler.buildschema.json does not describe");
            }
        }
    }

    [Fact]
    public void Every_schema_property_has_a_type_default_and_description_and_is_in_docs()
    {
        var docs = File.ReadAllText(Path.Combine(Corpus.RepoRoot, "docs", "build.md"));
        var used = new SortedSet<string>(BuildFiles().SelectMany(f => PublicProperties(File.ReadAllText(f))), StringComparer.Ordinal);
        foreach (var property in SchemaProperties().EnumerateObject())
        {
            Assert.StartsWith("Pipelines", property.Name, StringComparison.Ordinal);
            Assert.Contains(property.Value.GetProperty("type").GetString(), new[] { "string", "boolean" });
            Assert.True(property.Value.TryGetProperty("default", out _), property.Name + ": no default");
            Assert.False(string.IsNullOrWhiteSpace(property.Value.GetProperty("description").GetString()), property.Name + ": no description");
            Assert.Contains($"| `{property.Name}` |", docs, StringComparison.Ordinal);
        }

        // The schema describes nothing the build files do not know.
        var unused = SchemaProperties().EnumerateObject().Select(p => p.Name).Where(n => !used.Contains(n)).ToList();
        Assert.True(unused.Count == 0, "the schema describes properties no build file uses: " + string.Join(", ", unused));
    }

    /// <summary>Packs Pipelines.Sdk into a temporary folder and compares its files with Package/approved-files.txt.</summary>
    [Fact]
    public void Package_holds_exactly_the_approved_files_and_metadata()
    {
        var output = Path.Combine(Path.GetTempPath(), "pipelines-pack-test", Guid.NewGuid().ToString("N"));
        try
        {
            var (code, log) = Dotnet.Run(
                Corpus.RepoRoot,
                TimeSpan.FromMinutes(15),
                "pack", Path.Combine(SdkFolder, "Pipelines.Sdk.csproj"), "-o", output, "-nr:false", "--disable-build-servers", "-v:q", "-p:PackageVersion=0.0.1-packtest");
            Assert.True(code == 0, log);
            var package = Assert.Single(Directory.GetFiles(output, "Pipelines.Sdk.*.nupkg"));

            using var zip = ZipFile.OpenRead(package);
            var actual = zip.Entries
                .Select(e => e.FullName)
                .Where(n => !n.StartsWith("_rels/", StringComparison.Ordinal) && !n.StartsWith("package/", StringComparison.Ordinal) && n != "[Content_Types].xml" && !n.EndsWith(".nuspec", StringComparison.Ordinal))
                .OrderBy(n => n, StringComparer.Ordinal)
                .ToList();
            Assert.Equal(ApprovedFiles(), actual);

            var nuspec = XDocument.Load(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
            string Meta(string name) => nuspec.Descendants().Single(e => e.Name.LocalName == name).Value;
            Assert.Equal("Pipelines.Sdk", Meta("id"));
            Assert.Equal("MIT", Meta("license"));
            Assert.Equal("icon.png", Meta("icon"));
            Assert.Equal("README.md", Meta("readme"));
            Assert.Equal("0.0.1-packtest", Meta("version"));
            Assert.Equal(RepositoryUrl(), nuspec.Descendants().Single(e => e.Name.LocalName == "repository").Attribute("url")?.Value);
            Assert.Equal(RepositoryUrl(), Meta("projectUrl"));

            // One dependency, YamlDotNet (Pipelines.Argo.dll in lib/ references it), in every framework group, at the
            // version the repository pins; everything the build step needs is inside the package (tasks/).
            var pinned = XDocument.Load(Path.Combine(Corpus.RepoRoot, "Directory.Packages.props")).Descendants("PackageVersion")
                .Single(e => (string?)e.Attribute("Include") == "YamlDotNet").Attribute("Version")!.Value;
            var groups = nuspec.Descendants().Where(e => e.Name.LocalName == "group").ToList();
            Assert.NotEmpty(groups);
            foreach (var group in groups)
            {
                var dependency = Assert.Single(group.Elements(), e => e.Name.LocalName == "dependency");
                Assert.Equal("YamlDotNet", dependency.Attribute("id")?.Value);
                Assert.Equal(pinned, dependency.Attribute("version")?.Value);
            }
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

    private static string RepositoryUrl() =>
        XDocument.Load(Path.Combine(Corpus.RepoRoot, "Directory.Build.props")).Descendants("RepositoryUrl").Single().Value;

    private static List<string> ApprovedFiles()
    {
        var list = new List<string>();
        foreach (var raw in File.ReadAllLines(Path.Combine(Corpus.RepoRoot, "tests", "Pipelines.Build.Tasks.Tests", "Package", "approved-files.txt")))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var when = Regex.Match(line, @"^(\S+)\s+\[when (\S+)\]$");
            if (when.Success)
            {
                if (File.Exists(Path.Combine(Corpus.RepoRoot, when.Groups[2].Value)))
                {
                    list.Add(when.Groups[1].Value);
                }
            }
            else
            {
                list.Add(line);
            }
        }

        return list.OrderBy(n => n, StringComparer.Ordinal).ToList();
    }
}
