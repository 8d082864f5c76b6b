using System;
using System.IO;
using System.Reflection;
using Pipelines.Argo.SchemaGen;

// Usage: dotnet run --project src/Pipelines.Argo.SchemaGen [-- <schema.json> <output folder>]
// Defaults: ../shared/third_party/argo-workflows/schema.json (or $ARGO_CORPUS_DIR/schema.json) and
// src/Pipelines.Argo/Model/Generated, both relative to the repository root.
var repoRoot = FindRepoRoot(AppContext.BaseDirectory) ?? FindRepoRoot(Directory.GetCurrentDirectory());
if (repoRoot is null && args.Length < 2)
{
    Console.Error.WriteLine("error: cannot find the repository root (Pipelines.Compiler.sln); pass <schema.json> <output folder>.");
    return 2;
}

var corpus = Environment.GetEnvironmentVariable("ARGO_CORPUS_DIR");
var schemaPath = args.Length > 0 ? args[0] : Path.Combine(corpus ?? Path.Combine(repoRoot!, "..", "shared", "third_party", "argo-workflows"), "schema.json");
var outDir = args.Length > 1 ? args[1] : Path.Combine(repoRoot!, "src", "Pipelines.Argo", "Model", "Generated");
if (!File.Exists(schemaPath))
{
    Console.Error.WriteLine($"error: schema not found at {Path.GetFullPath(schemaPath)}");
    return 2;
}

var files = ModelGenerator.Generate(File.ReadAllText(schemaPath), FieldOrder.Read());
Directory.CreateDirectory(outDir);
foreach (var (name, content) in files)
{
    var path = Path.Combine(outDir, name);
    if (File.Exists(path) && File.ReadAllText(path) == content)
    {
        Console.WriteLine($"unchanged {path}");
        continue;
    }

    File.WriteAllText(path, content);
    Console.WriteLine($"wrote     {path}");
}

return 0;

static string? FindRepoRoot(string start)
{
    for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Pipelines.Compiler.sln")))
        {
            return dir.FullName;
        }
    }

    return null;
}

namespace Pipelines.Argo.SchemaGen
{
    /// <summary>The Go field order table embedded in this tool.</summary>
    public static class FieldOrder
    {
        /// <summary>The text of FieldOrder.txt, or null when the tool was built without it.</summary>
        public static string? Read()
        {
            using var stream = typeof(FieldOrder).Assembly.GetManifestResourceStream("FieldOrder.txt");
            if (stream is null)
            {
                return null;
            }

            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }
}
