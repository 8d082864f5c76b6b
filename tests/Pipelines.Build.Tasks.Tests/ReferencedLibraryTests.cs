using System;
using System.IO;
using System.Linq;

namespace Pipelines.Build.Tasks.Tests;

/// <summary>Template libraries: manifests of referenced assemblies are validated with the project's, never written.</summary>
public sealed class ReferencedLibraryTests : IDisposable
{
    private readonly TaskWorkspace _ws = new();

    public void Dispose() => _ws.Dispose();

    private string Library() =>
        TaskWorkspace.CompileTo(Path.Combine(_ws.ProjectDirectory, "lib", "Library.dll"), TaskWorkspace.Attribute("Lib.Library", Manifests.Library, TaskWorkspace.Map("Library.cs")));

    [Fact]
    public void Without_the_library_a_templateRef_into_it_cannot_be_checked()
    {
        var app = _ws.Compile(TaskWorkspace.Attribute("Demo.Nightly", Manifests.Nightly, TaskWorkspace.Map("Nightly.cs")));
        var run = _ws.Run(app);
        Assert.True(run.Result, run.Log);
        Assert.Equal("PIPE1206", Assert.Single(run.Engine.Warnings).Code);
    }

    [Fact]
    public void A_referenced_library_resolves_the_templateRef_and_is_not_written()
    {
        var app = _ws.Compile(TaskWorkspace.Attribute("Demo.Nightly", Manifests.Nightly, TaskWorkspace.Map("Nightly.cs")));
        var library = Library();
        var notAnAssembly = Path.Combine(_ws.ProjectDirectory, "lib", "notes.dll");
        File.WriteAllText(notAnAssembly, "not a PE file");

        _ws.Run(app, null, TaskWorkspace.WithReferences(library, notAnAssembly, TaskWorkspace.AbstractionsPath, Path.Combine(_ws.ProjectDirectory, "missing.dll"))).Clean();

        Assert.Equal(["cronworkflow-nightly.yaml"], _ws.ManifestNames());
    }

    [Fact]
    public void A_templateRef_to_a_template_the_library_lacks_is_an_error()
    {
        var app = _ws.Compile(TaskWorkspace.Attribute("Demo.Nightly", Manifests.Nightly.Replace("\"template\":\"say\"", "\"template\":\"shout\"", StringComparison.Ordinal), TaskWorkspace.Map("Nightly.cs")));

        var run = _ws.Run(app, null, TaskWorkspace.WithReferences(Library()));

        Assert.False(run.Result);
        Assert.Contains(run.Engine.Errors, e => e.Message is { } m && e.Code == "PIPE1205" && m.Contains("template shout not found in workflow template library", StringComparison.Ordinal));
        Assert.Empty(_ws.ManifestNames());
    }
}
