using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Pipelines.Argo;
using Pipelines.Argo.Validation;
using Pipelines.Argo.Yaml;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Pipelines.Benchmarks;

/// <summary>
/// <c>--breakdown [iterations]</c>: where one corpus pass spends its time, stage by stage: process CPU time and bytes
/// allocated per pass (both far less sensitive to a loaded machine than wall time), and the wall median.
/// </summary>
internal static class Breakdown
{
    public static int Run(int iterations, string? only = null)
    {
        var corpus = CorpusData.Load();
        var texts = new List<string>();
        foreach (var (_, bytes) in corpus.Files)
        {
            texts.Add(YamlDocumentReader.Decode(bytes, new List<Finding>()) ?? string.Empty);
        }

        // The runner benchmark's workflow (tests/Pipelines.Runner.Benchmarks): a 10,000-task DAG, validated as the runner does.
        var bigDag = ArgoYaml.ReadText(Shared.BenchmarkWorkflows.Dag(100, 100), "big-dag.yaml").Documents[0].Object!;
        var submit = new ValidationOptions { NameAtSubmit = true };
        var formatted = corpus.Read.Select(f => ArgoYaml.Format(f)).Where(t => t is not null).Select(t => t!).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"corpus: {corpus.Files.Count} files, {corpus.ArgoDocuments} Argo documents; {iterations} iterations per stage; load average {LoadAverage()}"));
        var stages = new (string Name, Func<int> Pass)[]
        {
            ("load: decode bytes", () => corpus.Files.Sum(f => YamlDocumentReader.Decode(f.Bytes, new List<Finding>())?.Length ?? 0)),
            ("load: YamlDotNet events only", () => texts.Sum(ParseEvents)),
            ("load: YamlDotNet scan with comments", () => texts.Sum(ScanWithComments)),
            ("load: YamlDocumentReader.Parse", () => texts.Sum(t => YamlDocumentReader.Parse(t, new List<Finding>()).Count)),
            ("load: ArgoYaml.ReadBytes (all of load)", () => Passes.Load(corpus)),
            ("validate", () => Passes.Validate(corpus)),
            ("validate: 10,000-task DAG (runner benchmark)", () => ArgoValidator.Validate(bigDag, null, submit).Count + 1),
            ("write: model to nodes (ToYaml)", () => corpus.Read.Sum(f => f.Documents.Count(d => d.Object is { } o && ArgoYaml.ToYaml(o) is not null))),
            ("write: YamlTextWriter.Write (nodes as read)", () => corpus.Read.Sum(f => YamlTextWriter.Write(f.Documents.Select(d => d.Root).ToList()).Length)),
            ("write: read back (Parse of output)", () => formatted.Sum(t => YamlDocumentReader.Parse(t, new List<Finding>(), null).Count)),
            ("write: ArgoYaml.Format (all of write)", () => Passes.Write(corpus)),
            ("all", () => Passes.All(corpus)),
        };

        var process = Process.GetCurrentProcess();
        foreach (var (name, pass) in stages)
        {
            if (only is not null && name.IndexOf(only, StringComparison.Ordinal) < 0)
            {
                continue;
            }

            for (var i = 0; i < Math.Max(3, iterations / 2); i++)
            {
                pass();
            }

            var wall = new double[iterations];
            process.Refresh();
            var cpu0 = process.TotalProcessorTime;
            var bytes0 = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < iterations; i++)
            {
                var sw = Stopwatch.StartNew();
                pass();
                wall[i] = sw.Elapsed.TotalMilliseconds;
            }

            var allocated = (GC.GetAllocatedBytesForCurrentThread() - bytes0) / (double)iterations;
            process.Refresh();
            var cpu = (process.TotalProcessorTime - cpu0).TotalMilliseconds / iterations;
            Array.Sort(wall);
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{name,-45} cpu {cpu,8:0.00} ms/pass  alloc {allocated / (1024 * 1024),7:0.00} MiB/pass  wall median {wall[wall.Length / 2],8:0.00}  min {wall[0],8:0.00}"));
        }

        return 0;
    }

    /// <summary>
    /// <c>--dump OUT DIR...</c>: every YAML file under the folders read, validated and formatted, written to OUT as text
    /// (findings with code, place and message, and the formatted text or the refusal), to compare two builds' behaviour.
    /// </summary>
    public static int Dump(string output, string[] directories)
    {
        using var writer = new StreamWriter(output);
        foreach (var directory in directories)
        {
            var paths = Directory.EnumerateFiles(directory, "*.*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
                .OrderBy(f => f, StringComparer.Ordinal)
                .ToList();
            var files = paths.Select(p => ArgoYaml.ReadBytes(p, File.ReadAllBytes(p))).ToList();
            ArgoValidator.Validate(files);
            foreach (var file in files)
            {
                writer.WriteLine("=== " + file.Path);
                foreach (var f in file.AllFindings)
                {
                    writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{f.Code} {f.Severity} {f.Line}:{f.Column} {f.Path} {f.Message}"));
                }

                var text = ArgoYaml.Format(file, out var refusal);
                writer.WriteLine(text ?? "(not formatted) " + (refusal is null ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"{refusal.Code} {refusal.Line}:{refusal.Column} {refusal.Path} {refusal.Message}")));
            }
        }

        return 0;
    }

    private static int ParseEvents(string text)
    {
        var parser = new Parser(new Scanner(new StringReader(text), skipComments: true));
        var n = 0;
        try
        {
            while (parser.MoveNext())
            {
                n++;
            }
        }
        catch (YamlException)
        {
            // A few corpus files need the reader's repairs (shallow continuation lines); counted up to the error.
        }

        return n;
    }

    private static int ScanWithComments(string text)
    {
        var scanner = new Scanner(new StringReader(text), skipComments: false);
        var n = 0;
        try
        {
            while (scanner.MoveNext())
            {
                n++;
            }
        }
        catch (YamlException)
        {
        }

        return n;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";
}
