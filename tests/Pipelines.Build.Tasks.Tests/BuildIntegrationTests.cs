using System;
using System.IO;
using System.Linq;
using Pipelines.Argo;

namespace Pipelines.Build.Tasks.Tests;

/// <summary>
/// Runs `dotnet build` on a tiny project that imports Pipelines.Build.props/.targets from source, with the task taken
/// from this test's output folder (PipelinesTasksAssembly). Slow: two builds in total.
/// </summary>
public sealed class BuildIntegrationTests : IDisposable
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(5);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "pipelines-build-it", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public void Dotnet_build_writes_the_yaml_and_a_second_build_leaves_it_alone()
    {
        var buildFolder = Path.Combine(Corpus.RepoRoot, "msbuild", "Pipelines.Build.Tasks", "build");
        Directory.CreateDirectory(_dir);
        File.WriteAllText(Path.Combine(_dir, "Demo.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <Import Project="{Path.Combine(buildFolder, "Pipelines.Build.props")}" />
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <PipelinesTasksAssembly>{typeof(EmitArgoManifests).Assembly.Location}</PipelinesTasksAssembly>
              </PropertyGroup>
              <ItemGroup>
                <Reference Include="Pipelines.Abstractions" HintPath="{TaskWorkspace.AbstractionsPath}" />
              </ItemGroup>
              <Import Project="{Path.Combine(buildFolder, "Pipelines.Build.targets")}" />
            </Project>
            """);
        File.WriteAllText(
            Path.Combine(_dir, "Hello.cs"),
            TaskWorkspace.Attribute("Demo.Hello", Manifests.Hello, TaskWorkspace.Map("Hello.cs")));

        var first = Build("-v:n");
        Assert.True(first.ExitCode == 0, first.Output);
        var yaml = Path.Combine(_dir, "bin", "Debug", "net10.0", "manifests", "workflow-hello.yaml");
        Assert.True(File.Exists(yaml), first.Output);
        Assert.Equal(ArgoYaml.Write(ArgoYaml.ReadText(Manifests.Hello).Documents.Single().Object!), File.ReadAllText(yaml));
        // kustomization.yaml is on by default, and the state file lists it with the manifest.
        var kustomization = Path.Combine(Path.GetDirectoryName(yaml)!, "kustomization.yaml");
        Assert.Contains("- " + Path.GetFileName(yaml) + "\n", File.ReadAllText(kustomization), StringComparison.Ordinal);
        Assert.Equal([kustomization, yaml], File.ReadAllLines(Path.Combine(_dir, "obj", "Debug", "net10.0", "Demo.pipelines.files.txt")));

        var old = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(yaml, old);
        var second = Build("-v:d");
        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Contains("Skipping target \"PipelinesEmitManifests\" because all output files are up-to-date", second.Output, StringComparison.Ordinal);
        Assert.Equal(old, File.GetLastWriteTimeUtc(yaml));

        // Drift check: a hand edit fails PipelinesVerify with the file and a diff; undoing it passes.
        var good = File.ReadAllText(yaml);
        var edited = good.Replace("- hi", "- bye", StringComparison.Ordinal);
        Assert.NotEqual(good, edited);
        File.WriteAllText(yaml, edited);
        var drift = Build("-v:n", "-p:PipelinesVerify=true");
        Assert.True(drift.ExitCode != 0, drift.Output);
        Assert.Contains("error PIPE2011", drift.Output, StringComparison.Ordinal);
        Assert.Contains(yaml, drift.Output, StringComparison.Ordinal);
        Assert.Contains("- bye", drift.Output, StringComparison.Ordinal);
        Assert.Equal(edited, File.ReadAllText(yaml));
        File.WriteAllText(yaml, good);
        var verified = Build("-v:n", "-p:PipelinesVerify=true");
        Assert.True(verified.ExitCode == 0, verified.Output);

        // A hand edit is an input of the target: a normal build puts the generated text back.
        File.WriteAllText(yaml, edited);
        var repaired = Build("-v:n");
        Assert.True(repaired.ExitCode == 0, repaired.Output);
        Assert.Equal(good, File.ReadAllText(yaml));
    }

    [Fact]
    public void A_project_reference_carrying_manifests_resolves_templateRefs_and_is_not_written_again()
    {
        var buildFolder = Path.Combine(Corpus.RepoRoot, "msbuild", "Pipelines.Build.Tasks", "build");
        string Project(string extra) => $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <Import Project="{Path.Combine(buildFolder, "Pipelines.Build.props")}" />
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <PipelinesTasksAssembly>{typeof(EmitArgoManifests).Assembly.Location}</PipelinesTasksAssembly>
              </PropertyGroup>
              <ItemGroup>
                <Reference Include="Pipelines.Abstractions" HintPath="{TaskWorkspace.AbstractionsPath}" />
                {extra}
              </ItemGroup>
              <Import Project="{Path.Combine(buildFolder, "Pipelines.Build.targets")}" />
            </Project>
            """;
        Directory.CreateDirectory(Path.Combine(_dir, "Lib"));
        File.WriteAllText(Path.Combine(_dir, "Lib", "Lib.csproj"), Project(string.Empty));
        File.WriteAllText(Path.Combine(_dir, "Lib", "Library.cs"), TaskWorkspace.Attribute("Lib.Library", Manifests.Library, TaskWorkspace.Map("Library.cs")));
        Directory.CreateDirectory(Path.Combine(_dir, "App"));
        File.WriteAllText(Path.Combine(_dir, "App", "App.csproj"), Project("<ProjectReference Include=\"../Lib/Lib.csproj\" />"));
        File.WriteAllText(Path.Combine(_dir, "App", "Nightly.cs"), TaskWorkspace.Attribute("App.Nightly", Manifests.Nightly, TaskWorkspace.Map("Nightly.cs")));

        var build = BuildProject(Path.Combine("App", "App.csproj"), "-v:n");

        Assert.True(build.ExitCode == 0, build.Output);
        Assert.DoesNotContain("PIPE1206", build.Output, StringComparison.Ordinal);
        Assert.Equal(["cronworkflow-nightly.yaml", "kustomization.yaml"], Directory.GetFiles(Path.Combine(_dir, "App", "bin", "Debug", "net10.0", "manifests")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    private (int ExitCode, string Output) Build(string verbosity, params string[] extra) => BuildProject("Demo.csproj", verbosity, extra);

    private (int ExitCode, string Output) BuildProject(string project, string verbosity, params string[] extra) =>
        Dotnet.Run(_dir, BuildTimeout, new[] { "build", project, "-nr:false", "--disable-build-servers", verbosity, "-p:ImportDirectoryBuildProps=false", "-p:ImportDirectoryBuildTargets=false", "-p:ImportDirectoryPackagesProps=false" }.Concat(extra).ToArray());
}
