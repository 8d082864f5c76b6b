using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Pipelines.Build.Tasks.Tests;

/// <summary>A temporary project folder: compiles sources carrying PipelineManifest attributes and runs the task on them.</summary>
internal sealed class TaskWorkspace : IDisposable
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp12);
    private int _assemblies;

    public TaskWorkspace()
    {
        ProjectDirectory = Path.Combine(Path.GetTempPath(), "pipelines-build-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(ProjectDirectory);
    }

    public string ProjectDirectory { get; }

    public string ManifestsDirectory => Path.Combine(ProjectDirectory, "bin", "manifests");

    public string StateFile => Path.Combine(ProjectDirectory, "obj", "pipelines.files.txt");

    /// <summary>The C# of one <c>[assembly: PipelineManifest(...)]</c> with the arguments as literals (null for a null literal).</summary>
    public static string Attribute(string? id, string? json, string? map) =>
        $"[assembly: global::Pipelines.PipelineManifest({Literal(id)}, {Literal(json)}, {Literal(map)})]\n";

    /// <summary>A source map with a root entry in <paramref name="file"/> and the given extra entries.</summary>
    public static string Map(string file, params (string Path, int Line, int Column)[] entries) =>
        "[[\"\", \"" + file + "\", 1, 1]" + string.Concat(entries.Select(e => $", [\"{e.Path}\", \"{file}\", {e.Line}, {e.Column}]")) + "]";

    public static string Literal(string? value) => value is null ? "null" : SymbolDisplay.FormatLiteral(value, quote: true);

    /// <summary>Compiles the attributes into a dll in the workspace and returns its path.</summary>
    public string Compile(params string[] sources) => CompileTo(Path.Combine(ProjectDirectory, "obj", "Demo" + (++_assemblies) + ".dll"), sources);

    public static string CompileTo(string path, params string[] sources)
    {
        var compilation = CSharpCompilation.Create(
            Path.GetFileNameWithoutExtension(path),
            [CSharpSyntaxTree.ParseText(string.Concat(sources), ParseOptions)],
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, deterministic: true));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var stream = File.Create(path))
        {
            var result = compilation.Emit(stream);
            Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        }

        return path;
    }

    public static string AbstractionsPath => typeof(PipelineManifestAttribute).Assembly.Location;

    private static IEnumerable<MetadataReference> References()
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        foreach (var name in new[] { "System.Private.CoreLib.dll", "System.Runtime.dll", "netstandard.dll" })
        {
            yield return MetadataReference.CreateFromFile(platform.First(p => Path.GetFileName(p) == name && p.Contains("Microsoft.NETCore.App", StringComparison.Ordinal)));
        }

        yield return MetadataReference.CreateFromFile(AbstractionsPath);
    }

    /// <summary>Sets the task's ReferenceAssemblies to these paths (for <see cref="Run"/>'s configure).</summary>
    public static Action<EmitArgoManifests> WithReferences(params string[] paths) =>
        task => task.ReferenceAssemblies = paths.Select(p => (Microsoft.Build.Framework.ITaskItem)new Microsoft.Build.Utilities.TaskItem(p)).ToArray();

    public TaskRun Run(string assemblyPath, string? manifestsDirectory = null, Action<EmitArgoManifests>? configure = null)
    {
        var engine = new FakeBuildEngine();
        var task = new EmitArgoManifests
        {
            BuildEngine = engine,
            AssemblyPath = assemblyPath,
            ProjectDirectory = ProjectDirectory,
            ManifestsDirectory = manifestsDirectory ?? ManifestsDirectory,
            StateFile = StateFile,
        };
        configure?.Invoke(task);
        var result = task.Execute();
        return new TaskRun(result, engine, task);
    }

    /// <summary>The file names in the manifests folder, sorted.</summary>
    public string[] ManifestNames() =>
        Directory.Exists(ManifestsDirectory)
            ? Directory.GetFiles(ManifestsDirectory).Select(f => Path.GetFileName(f)).OrderBy(n => n, StringComparer.Ordinal).ToArray()
            : [];

    public string InProject(string relative) => Path.GetFullPath(Path.Combine(ProjectDirectory, relative));

    public void Dispose()
    {
        try
        {
            Directory.Delete(ProjectDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

internal sealed record TaskRun(bool Result, FakeBuildEngine Engine, EmitArgoManifests Task)
{
    public string Log => string.Join(
        "\n",
        Engine.Errors.Select(e => $"error {e.Code} {e.File}({e.LineNumber},{e.ColumnNumber}): {e.Message}")
            .Concat(Engine.Warnings.Select(w => $"warning {w.Code} {w.File}({w.LineNumber},{w.ColumnNumber}): {w.Message}")));

    /// <summary>Asserts success with no errors and no warnings.</summary>
    public TaskRun Clean()
    {
        Assert.True(Result && Engine.Errors.Count == 0 && Engine.Warnings.Count == 0, Log);
        return this;
    }
}
