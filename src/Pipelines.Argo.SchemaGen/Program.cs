using System;
using System.IO;
using System.Reflection;
using Pipelines.Argo.SchemaGen;

// Usage: dotnet run --project src/Pipelines.Argo.SchemaGen [-- <schema.json> <output folder> [events]]
// Without arguments it writes both models: the Argo Workflows model from ../shared/third_party/argo-workflows/schema.json
// (or $ARGO_CORPUS_DIR/schema.json) into src/Pipelines.Argo/Model/Generated, and the Argo Events model from
// ../shared/third_party/argo-events/schema.json (or $ARGO_EVENTS_CORPUS_DIR/schema.json) into
// src/Pipelines.Argo/Events/Generated, paths relative to the repository root.
var repoRoot = FindRepoRoot(AppContext.BaseDirectory) ?? FindRepoRoot(Directory.GetCurrentDirectory());
if (repoRoot is null && args.Length < 2)
{
    Console.Error.WriteLine("error: cannot find the repository root (Pipelines.Compiler.sln); pass <schema.json> <output folder>.");
    return 2;
}

if (args.Length >= 2)
{
    var events = args.Length > 2 && args[2] == "events";
    return Write(events ? ModelProfile.Events : ModelProfile.Argo, args[0], args[1], events ? "FieldOrder.Events.txt" : "FieldOrder.txt");
}

var corpus = Environment.GetEnvironmentVariable("ARGO_CORPUS_DIR");
var eventsCorpus = Environment.GetEnvironmentVariable("ARGO_EVENTS_CORPUS_DIR");
var argoResult = Write(
    ModelProfile.Argo,
    Path.Combine(corpus ?? Path.Combine(repoRoot!, "..", "shared", "third_party", "argo-workflows"), "schema.json"),
    Path.Combine(repoRoot!, "src", "Pipelines.Argo", "Model", "Generated"),
    "FieldOrder.txt");
var eventsResult = Write(
    ModelProfile.Events,
    Path.Combine(eventsCorpus ?? Path.Combine(repoRoot!, "..", "shared", "third_party", "argo-events"), "schema.json"),
    Path.Combine(repoRoot!, "src", "Pipelines.Argo", "Events", "Generated"),
    "FieldOrder.Events.txt");
return Math.Max(argoResult, eventsResult);

static int Write(ModelProfile profile, string schemaPath, string outDir, string orderName)
{
    if (!File.Exists(schemaPath))
    {
        Console.Error.WriteLine($"error: schema not found at {Path.GetFullPath(schemaPath)}");
        return 2;
    }

    var files = ModelGenerator.Generate(profile, File.ReadAllText(schemaPath), FieldOrder.Read(orderName));
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
}

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
        public static string? Read() => Read("FieldOrder.txt");

        /// <summary>The text of the embedded field order table <paramref name="name"/>, or null when the tool was built without it.</summary>
        public static string? Read(string name)
        {
            using var stream = typeof(FieldOrder).Assembly.GetManifestResourceStream(name);
            if (stream is null)
            {
                return null;
            }

            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }
}
