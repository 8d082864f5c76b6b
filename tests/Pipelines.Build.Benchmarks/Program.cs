using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Build.Framework;
using Pipelines.Build.Tasks;

// Usage: dotnet run -c Release --project tests/Pipelines.Build.Benchmarks [-- workflows tasks iterations]
// 1. Writes a project whose assembly carries <workflows> manifests of <tasks> DAG tasks each, importing the build files
//    from this repository, and builds it twice with `dotnet build`; from the second (no change) build's performance
//    summary it reports the time of every Pipelines target: what the step adds to a build with no change.
// 2. Runs the EmitArgoManifests task in process on that assembly: first write into an empty folder, a run with nothing
//    changed (every file read and compared), and verify mode. Median of <iterations> runs each.
var inv = CultureInfo.InvariantCulture;
var workflows = args.Length > 0 ? int.Parse(args[0], inv) : 200;
var tasks = args.Length > 1 ? int.Parse(args[1], inv) : 20;
var iterations = args.Length > 2 ? int.Parse(args[2], inv) : 10;
var repo = FindRepo();
var dir = Path.Combine(Path.GetTempPath(), "pipelines-build-bench", Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(dir);
try
{
    Bench.WriteProject(dir, repo, workflows, tasks);
    Console.WriteLine(string.Create(inv, $"{workflows} workflows x {tasks} tasks; project in {dir}"));

    var first = Bench.Dotnet(dir, "build", "-nr:false", "-v:q");
    if (first.Code != 0)
    {
        Console.Error.WriteLine(first.Output);
        return 1;
    }

    var second = Bench.Dotnet(dir, "build", "-nr:false", "-v:n", "-clp:PerformanceSummary");
    var targets = Regex.Matches(second.Output, @"^\s+(\d+) ms\s+(_?Pipelines\w+)\s+(\d+) calls", RegexOptions.Multiline)
        .Select(m => (Name: m.Groups[2].Value, Ms: int.Parse(m.Groups[1].Value, inv)))
        .ToList();
    Console.WriteLine("no-change build, Pipelines targets (MSBuild performance summary):");
    foreach (var (name, ms) in targets)
    {
        Console.WriteLine(string.Create(inv, $"  {name,-32} {ms,5} ms"));
    }

    Console.WriteLine(string.Create(inv, $"  {"total added",-32} {targets.Sum(t => t.Ms),5} ms; emission skipped: {second.Output.Contains("Skipping target \"PipelinesEmitManifests\"", StringComparison.Ordinal)}"));

    var assembly = Path.Combine(dir, "obj", "Debug", "net10.0", "Bench.dll");
    var output = Path.Combine(dir, "emit");
    Console.WriteLine(string.Create(inv, $"EmitArgoManifests in process, median of {iterations}:"));
    Bench.Report("first write (empty folder)", iterations, () => { if (Directory.Exists(output)) { Directory.Delete(output, true); } }, () => Bench.Emit(assembly, dir, output, verify: false));
    Bench.Report("nothing changed", iterations, () => { }, () => Bench.Emit(assembly, dir, output, verify: false));
    Bench.Report("verify", iterations, () => { }, () => Bench.Emit(assembly, dir, output, verify: true));
    return 0;
}
finally
{
    try
    {
        Directory.Delete(dir, recursive: true);
    }
    catch (IOException)
    {
    }
}

static string FindRepo()
{
    var d = AppContext.BaseDirectory;
    while (d is not null && !File.Exists(Path.Combine(d, "Pipelines.Compiler.sln")))
    {
        d = Path.GetDirectoryName(d);
    }

    return d ?? throw new InvalidOperationException("run from inside the repository");
}

internal static class Bench
{
    public static void WriteProject(string dir, string repo, int workflows, int tasks)
    {
        var build = Path.Combine(repo, "msbuild", "Pipelines.Build.Tasks", "build");
        File.WriteAllText(Path.Combine(dir, "Bench.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <Import Project="{Path.Combine(build, "Pipelines.Build.props")}" />
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <PipelinesTasksAssembly>{typeof(EmitArgoManifests).Assembly.Location}</PipelinesTasksAssembly>
                <PipelinesManifestsDir>deploy/</PipelinesManifestsDir>
              </PropertyGroup>
              <ItemGroup>
                <Reference Include="Pipelines.Abstractions" HintPath="{typeof(Pipelines.PipelineManifestAttribute).Assembly.Location}" />
              </ItemGroup>
              <Import Project="{Path.Combine(build, "Pipelines.Build.targets")}" />
            </Project>
            """);
        File.WriteAllText(Path.Combine(dir, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(dir, "Directory.Build.targets"), "<Project />");
        File.WriteAllText(Path.Combine(dir, "Directory.Packages.props"), "<Project />");
        var sb = new StringBuilder();
        for (var w = 0; w < workflows; w++)
        {
            sb.Append("[assembly: global::Pipelines.PipelineManifest(\"Bench.Flow").Append(w).Append("\", ")
              .Append(Literal(Manifest(w, tasks))).Append(", ")
              .Append(Literal("[[\"\", \"Flow" + w + ".cs\", 1, 1]]")).Append(")]\n");
        }

        File.WriteAllText(Path.Combine(dir, "Manifests.cs"), sb.ToString());
    }

    /// <summary>A DAG workflow: tasks in a chain of diamonds, each calling one echo template with a parameter.</summary>
    private static string Manifest(int w, int tasks)
    {
        var t = new StringBuilder();
        for (var i = 0; i < tasks; i++)
        {
            t.Append(i == 0 ? string.Empty : ",")
             .Append("{\"name\":\"t").Append(i).Append("\",\"template\":\"echo\",\"arguments\":{\"parameters\":[{\"name\":\"message\",\"value\":\"task ").Append(i).Append("\"}]}");
            if (i > 0)
            {
                t.Append(",\"depends\":\"t").Append((i - 1) / 2).Append('"');
            }

            t.Append('}');
        }

        return "{\"apiVersion\":\"argoproj.io/v1alpha1\",\"kind\":\"Workflow\",\"metadata\":{\"name\":\"flow-" + w + "\"},\"spec\":{\"entrypoint\":\"main\",\"templates\":[{\"name\":\"main\",\"dag\":{\"tasks\":[" + t +
               "]}},{\"name\":\"echo\",\"inputs\":{\"parameters\":[{\"name\":\"message\"}]},\"container\":{\"image\":\"busybox:1.37\",\"command\":[\"echo\",\"{{inputs.parameters.message}}\"]}}]}}";
    }

    private static string Literal(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    public static bool Emit(string assembly, string project, string output, bool verify)
    {
        var task = new EmitArgoManifests
        {
            BuildEngine = new QuietEngine(),
            AssemblyPath = assembly,
            ProjectDirectory = project,
            ManifestsDirectory = output,
            StateFile = Path.Combine(project, "obj", "bench.files.txt"),
            Kustomization = true,
            Verify = verify,
        };
        if (!task.Execute())
        {
            throw new InvalidOperationException("the task failed");
        }

        return true;
    }

    public static void Report(string name, int iterations, Action before, Func<bool> run)
    {
        before();
        run();
        var times = new List<double>();
        for (var i = 0; i < iterations; i++)
        {
            before();
            var sw = Stopwatch.StartNew();
            run();
            times.Add(sw.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-32} median {times[times.Count / 2],8:0.0} ms   min {times[0],8:0.0} ms   max {times[^1],8:0.0} ms"));
    }

    public static (int Code, string Output) Dotnet(string dir, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result + stderr.Result);
    }

    private sealed class QuietEngine : IBuildEngine
    {
        public bool ContinueOnError => false;

        public int LineNumberOfTaskNode => 0;

        public int ColumnNumberOfTaskNode => 0;

        public string ProjectFileOfTaskNode => "bench.csproj";

        public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) => false;

        public void LogCustomEvent(CustomBuildEventArgs e)
        {
        }

        public void LogErrorEvent(BuildErrorEventArgs e) => Console.Error.WriteLine("error " + e.Code + ": " + e.Message);

        public void LogMessageEvent(BuildMessageEventArgs e)
        {
        }

        public void LogWarningEvent(BuildWarningEventArgs e) => Console.Error.WriteLine("warning " + e.Code + ": " + e.Message);
    }
}
