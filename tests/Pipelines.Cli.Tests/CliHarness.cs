using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;

namespace Pipelines.Cli.Tests;

/// <summary>The outcome of one in-process run of the tool.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr, long AllocatedBytes)
{
    public string[] StdoutLines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Parses stdout as lint's JSON array.</summary>
    public List<JsonFinding> Json()
    {
        using var doc = JsonDocument.Parse(Stdout);
        Assert.Equal(JsonValueKind.Array, doc.RootElement.ValueKind);
        return doc.RootElement.EnumerateArray().Select(JsonFinding.From).ToList();
    }

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>One finding of lint's JSON output, every field read from its property.</summary>
public sealed record JsonFinding(string File, int? Line, int? Column, string Severity, string Code, string Message, string Path, int? Document, string? Kind, string? Name)
{
    public static JsonFinding From(JsonElement e)
    {
        // Every object has exactly these properties, in this order.
        Assert.Equal(
            new[] { "file", "line", "column", "severity", "code", "message", "path", "document", "kind", "name" },
            e.EnumerateObject().Select(p => p.Name).ToArray());
        return new JsonFinding(
            e.GetProperty("file").GetString()!,
            Int(e.GetProperty("line")),
            Int(e.GetProperty("column")),
            e.GetProperty("severity").GetString()!,
            e.GetProperty("code").GetString()!,
            e.GetProperty("message").GetString()!,
            e.GetProperty("path").GetString()!,
            Int(e.GetProperty("document")),
            e.GetProperty("kind").GetString(),
            e.GetProperty("name").GetString());
    }

    private static int? Int(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetInt32();
}

/// <summary>Runs the tool in-process, under a hang guard.</summary>
public static class Cli
{
    /// <summary>A generous guard against hangs, not a speed assertion.</summary>
    public static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    public static CliResult Run(string workingDirectory, params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        long allocated = 0;
        var task = Task.Factory.StartNew(
            () =>
            {
                // Program.Run is synchronous, so everything it allocates is allocated on this thread.
                var before = GC.GetAllocatedBytesForCurrentThread();
                var code = Program.Run(args, stdout, stderr, workingDirectory);
                allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                return code;
            },
            TaskCreationOptions.LongRunning);
        Assert.True(task.Wait(HangGuard), $"pipelines {string.Join(" ", args)} did not finish within {HangGuard.TotalSeconds} s");
        return new CliResult(task.Result, stdout.ToString(), stderr.ToString(), allocated);
    }
}

/// <summary>A temporary folder, deleted on dispose.</summary>
public sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "pipelines-cli-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Write(string relative, string text) => WriteBytes(relative, new UTF8Encoding(false).GetBytes(text));

    public string WriteBytes(string relative, byte[] bytes)
    {
        var full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
        return full;
    }

    public string Read(string relative) => File.ReadAllText(System.IO.Path.Combine(Path, relative));

    public byte[] ReadBytes(string relative) => File.ReadAllBytes(System.IO.Path.Combine(Path, relative));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Small manifests used across the tests.</summary>
public static class Manifests
{
    /// <summary>A valid Workflow, not in canonical form (flow list, entrypoint before templates, a comment).</summary>
    public const string Hello =
        "# says hello\n" +
        "apiVersion: argoproj.io/v1alpha1\n" +
        "kind: Workflow\n" +
        "metadata:\n" +
        "  generateName: hello-\n" +
        "spec:\n" +
        "  entrypoint: main\n" +
        "  templates:\n" +
        "  - name: main\n" +
        "    container:\n" +
        "      image: busybox\n" +
        "      command: [echo, hello]\n";

    /// <summary><see cref="Hello"/> in canonical form (its comment kept).</summary>
    public const string HelloCanonical =
        "# says hello\n" +
        "apiVersion: argoproj.io/v1alpha1\n" +
        "kind: Workflow\n" +
        "metadata:\n" +
        "  generateName: hello-\n" +
        "spec:\n" +
        "  templates:\n" +
        "  - name: main\n" +
        "    container:\n" +
        "      image: busybox\n" +
        "      command:\n" +
        "      - echo\n" +
        "      - hello\n" +
        "  entrypoint: main\n";

    /// <summary>A Workflow with an unknown field at line 10, column 7 (<c>imagee</c>).</summary>
    public const string UnknownField =
        "apiVersion: argoproj.io/v1alpha1\n" +
        "kind: Workflow\n" +
        "metadata:\n" +
        "  name: typo\n" +
        "spec:\n" +
        "  entrypoint: main\n" +
        "  templates:\n" +
        "  - name: main\n" +
        "    container:\n" +
        "      imagee: busybox\n" +
        "      image: busybox\n";

    /// <summary>A Workflow with a duplicate key (a warning, PIPE3004) at line 6, column 3, otherwise valid and canonical.</summary>
    public const string DuplicateKey =
        "apiVersion: argoproj.io/v1alpha1\n" +
        "kind: Workflow\n" +
        "metadata:\n" +
        "  name: dup\n" +
        "  labels:\n" +
        "  labels:\n" +
        "    a: b\n" +
        "spec:\n" +
        "  templates:\n" +
        "  - name: main\n" +
        "    container:\n" +
        "      image: busybox\n" +
        "  entrypoint: main\n";

    /// <summary>A ConfigMap with keys out of alphabetical order, then <see cref="HelloCanonical"/>.</summary>
    public const string Mixed =
        "apiVersion: v1\n" +
        "kind: ConfigMap\n" +
        "metadata: {name: settings}\n" +
        "data:\n" +
        "  zeta: \"1\"\n" +
        "  alpha: yes\n" +
        "---\n" + Hello;

    public const string MixedCanonical =
        "apiVersion: v1\n" +
        "kind: ConfigMap\n" +
        "metadata:\n" +
        "  name: settings\n" +
        "data:\n" +
        "  zeta: \"1\"\n" +
        "  alpha: yes\n" +
        "---\n" + HelloCanonical;

    /// <summary>A WorkflowTemplate <c>shared</c> with a template <c>say</c>.</summary>
    public const string SharedTemplate =
        "apiVersion: argoproj.io/v1alpha1\n" +
        "kind: WorkflowTemplate\n" +
        "metadata:\n" +
        "  name: shared\n" +
        "spec:\n" +
        "  templates:\n" +
        "  - name: say\n" +
        "    container:\n" +
        "      image: busybox\n";

    /// <summary>A Workflow whose only step calls <c>shared</c>/<c>say</c> through a templateRef (line 12).</summary>
    public const string UsesShared =
        "apiVersion: argoproj.io/v1alpha1\n" +
        "kind: Workflow\n" +
        "metadata:\n" +
        "  name: uses-shared\n" +
        "spec:\n" +
        "  entrypoint: main\n" +
        "  templates:\n" +
        "  - name: main\n" +
        "    steps:\n" +
        "    - - name: hello\n" +
        "        templateRef:\n" +
        "          name: shared\n" +
        "          template: say\n";
}
