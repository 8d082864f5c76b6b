using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Pipelines.Argo;
using Pipelines.Import;

namespace Pipelines.Cli;

/// <summary><c>pipelines import</c>: Argo YAML becomes C# classes for the Pipelines authoring surface.</summary>
internal static class ImportCommand
{
    private const string Description =
        "Convert Argo Workflows YAML into C#: one class per Workflow, WorkflowTemplate, ClusterWorkflowTemplate or\n" +
        "CronWorkflow, written to DIR as <ClassName>.cs. Building the project gives the same manifests back.\n" +
        "\n" +
        "When DIR holds no project, a project that references Pipelines.Sdk is created there; when it holds one, only\n" +
        "the C# files are added. A document with errors (reader or validator) is reported with file, line and path and\n" +
        "not imported; the other documents still are. An existing C# file with other content is never overwritten\n" +
        "(use --force).\n" +
        "\n" +
        "Exit codes: 0 imported, 1 documents with errors (the others were imported), 2 bad usage or I/O problems.\n" +
        "\n" +
        "Examples:\n" +
        "  pipelines import workflows/ -o MyPipelines\n" +
        "  pipelines import hello-world.yaml -o src/Pipelines --namespace Company.Pipelines";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static Command Create(CliContext context)
    {
        var output = new Option<string>("--output", "-o")
        {
            Description = "The folder to write the C# files to (created when missing, with a project when it has none).",
            Required = true,
        };
        var ns = new Option<string?>("--namespace")
        {
            Description = "The C# namespace of the classes (default: the project's RootNamespace, else its name).",
        };
        var force = new Option<bool>("--force")
        {
            Description = "Overwrite C# files that exist with other content.",
        };
        var noComments = new Option<bool>("--no-comments")
        {
            Description = "Do not carry the YAML comments on documents, templates and tasks over as // comments.",
        };
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Manifest files, or folders to search recursively for *.yaml and *.yml.",
            Arity = ArgumentArity.OneOrMore,
        };
        paths.Validators.Add(result => FileCollector.RejectUnknownOptions(context, result));
        var command = new Command("import", Description) { output, ns, force, noComments, paths };
        command.SetAction(result => Run(context, result.GetValue(paths) ?? [], result.GetValue(output)!, result.GetValue(ns), result.GetValue(force), !result.GetValue(noComments)));
        return command;
    }

    public static int Run(CliContext context, IReadOnlyList<string> paths, string output, string? ns, bool force, bool comments = true)
    {
        if (ns is not null && !CSharpNames.IsNamespace(ns))
        {
            context.Err($"import: '{ns}' is not a C# namespace; use dotted identifiers that are not C# keywords, such as Company.Pipelines.");
            return Program.ExitUsage;
        }

        var problems = new List<string>();
        var files = FileCollector.Collect(context, paths, problems);
        foreach (var p in problems)
        {
            context.Err(p);
        }

        if (problems.Count > 0)
        {
            context.Err("import: nothing imported; fix the paths above and run again.");
            return Program.ExitUsage;
        }

        if (files.Count == 0)
        {
            context.Err("import: no *.yaml or *.yml files found in " + string.Join(", ", paths) + "; name the files to import, or a folder that holds them.");
            return Program.ExitUsage;
        }

        var dir = context.Resolve(output);
        string? project;
        try
        {
            Directory.CreateDirectory(dir);
            project = Directory.EnumerateFiles(dir, "*.csproj").OrderBy(p => p, StringComparer.Ordinal).FirstOrDefault();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Err($"{context.Display(dir)}: error {ImportCodes.WriteFailed.Code}: cannot create or list the folder: {e.Message}");
            return Program.ExitUsage;
        }

        var projectName = project is null ? ProjectName(dir) : Path.GetFileNameWithoutExtension(project);
        ns ??= (project is null ? null : RootNamespace(project)) ?? CSharpNames.NamespaceFrom(projectName);
        var result = Importer.ImportFiles(files, new ImportOptions(ns, comments));
        foreach (var finding in result.Findings)
        {
            context.Out(Reporter.Text(new Located(context.Display(finding.File), finding.Finding, null)));
        }

        var written = 0;
        var unchanged = 0;
        var ioFailed = false;
        var conflicts = 0;
        if (project is null && result.Files.Count > 0)
        {
            var csproj = Path.Combine(dir, projectName + ".csproj");
            if (Write(context, csproj, NewProject(), force: false) is { } error)
            {
                context.Err(error);
                return Program.ExitUsage;
            }

            context.Err("import: created " + context.Display(csproj) + " (references Pipelines.Sdk)");
        }

        foreach (var file in result.Files)
        {
            var path = Path.Combine(dir, file.FileName);
            try
            {
                if (File.Exists(path) && File.ReadAllText(path, Utf8) == file.Content)
                {
                    unchanged++;
                    continue;
                }

                if (File.Exists(path) && !force)
                {
                    conflicts++;
                    context.Out($"{context.Display(path)}: error {ImportCodes.FileExists.Code}: the file exists with other content, so the {file.ClassName} imported from {context.Display(file.Source)}:{file.Line.ToString(CultureInfo.InvariantCulture)} was not written; remove the file or use --force");
                    continue;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                context.Err($"{context.Display(path)}: error {ImportCodes.WriteFailed.Code}: {e.Message}");
                ioFailed = true;
                continue;
            }

            if (Write(context, path, file.Content, force) is { } failure)
            {
                context.Err(failure);
                ioFailed = true;
                continue;
            }

            written++;
        }

        var specs = result.Files.Sum(f => f.SpecCount);
        var patches = result.Files.Sum(f => f.PatchCount);
        var notImported = result.Findings.Count(f => f.Finding.Code == ImportCodes.NotImported.Code);
        context.Err(string.Create(CultureInfo.InvariantCulture,
            $"import: {Reporter.Count(result.Documents, "Argo document")}: {result.Files.Count} imported to {context.Display(dir)} ({written} written, {unchanged} unchanged), {notImported} not imported; {specs} [Spec] and {patches} [Patch] uses ({result.Files.Count(f => f.PatchCount > 0)} documents with [Patch]); {result.Files.Sum(f => f.TypedBodies)} of {result.Files.Sum(f => f.DagAndStepsTemplates)} DAG and steps templates as typed bodies"));
        if (ioFailed)
        {
            return Program.ExitUsage;
        }

        return result.HasErrors || conflicts > 0 ? Program.ExitFindings : Program.ExitOk;
    }

    private static string? Write(CliContext context, string path, string content, bool force)
    {
        try
        {
            if (!force && File.Exists(path))
            {
                return $"{context.Display(path)}: error {ImportCodes.FileExists.Code}: the file exists; it was left as it is";
            }

            // Write beside the target, then move: a failure never leaves a half-written file.
            var temp = path + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp";
            File.WriteAllText(temp, content, Utf8);
            File.Move(temp, path, overwrite: true);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"{context.Display(path)}: error {ImportCodes.WriteFailed.Code}: cannot write the file: {e.Message}";
        }
    }

    private static string NewProject()
    {
        var version = typeof(ImportCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.1.0-alpha";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        if (plus >= 0)
        {
            version = version.Substring(0, plus);
        }

        return "<Project Sdk=\"Microsoft.NET.Sdk\">\n" +
               "  <!-- Created by `pipelines import`: the C# classes of this folder build into Argo manifests (manifests/). -->\n" +
               "  <PropertyGroup>\n" +
               "    <TargetFramework>net10.0</TargetFramework>\n" +
               "    <Nullable>enable</Nullable>\n" +
               "    <PipelinesManifestsDir>$(MSBuildProjectDirectory)/manifests/</PipelinesManifestsDir>\n" +
               "  </PropertyGroup>\n" +
               "  <ItemGroup>\n" +
               "    <PackageReference Include=\"Pipelines.Sdk\" Version=\"" + version + "\" />\n" +
               "  </ItemGroup>\n" +
               "</Project>\n";
    }

    private static string ProjectName(string dir)
    {
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(dir));
        return string.IsNullOrEmpty(name) ? "Pipelines" : name;
    }

    private static string? RootNamespace(string project)
    {
        try
        {
            var match = Regex.Match(File.ReadAllText(project), "<RootNamespace>([^<]+)</RootNamespace>", RegexOptions.None, TimeSpan.FromSeconds(1));
            return match.Success && CSharpNames.IsNamespace(match.Groups[1].Value.Trim()) ? match.Groups[1].Value.Trim() : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
