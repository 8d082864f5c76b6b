using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using Pipelines.Cli;

namespace Pipelines.Runner.Tests;

public class ResumeTests
{
    private static string Cli => Path.Combine(AppContext.BaseDirectory, "Pipelines.Cli.dll");

    private static string NewDir()
    {
        var d = Harness.NewRunDirectory();
        Directory.CreateDirectory(d);
        return d;
    }

    private static (int Code, JsonDocument Report) InProcess(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = Program.Run(args, stdout, stderr);
        Assert.True(stdout.ToString().TrimStart().StartsWith('{'), "no JSON report; stderr: " + stderr);
        return (code, JsonDocument.Parse(stdout.ToString()));
    }

    private static string Shape(JsonDocument report) => string.Join("\n", report.RootElement.GetProperty("nodes").EnumerateArray()
        .Select(n => n.GetProperty("displayName").GetString()!.Replace(report.RootElement.GetProperty("name").GetString()!, "WF", StringComparison.Ordinal) + ": " + n.GetProperty("phase").GetString() + " " + n.GetProperty("message").GetString())
        .OrderBy(x => x, StringComparer.Ordinal));

    [Fact]
    public void Killed_run_resumes_without_rerunning_succeeded_nodes_and_ends_like_an_uninterrupted_run()
    {
        var fixture = Harness.FixturePath("resume.yaml");

        // Uninterrupted reference run.
        var refCounts = NewDir();
        File.WriteAllText(Path.Combine(refCounts, "release"), string.Empty);
        var (refCode, reference) = InProcess("run", fixture, "--host", "--output", "json", "--run-dir", Path.Combine(NewDir(), "run"), "-p", "dir=" + refCounts);
        Assert.Equal(0, refCode);

        // A run killed with SIGKILL while s2 sleeps.
        var counts = NewDir();
        var runDir = Path.Combine(NewDir(), "run");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { Cli, "run", fixture, "--host", "--run-dir", runDir, "-p", "dir=" + counts })
        {
            psi.ArgumentList.Add(a);
        }

        using (var child = Process.Start(psi)!)
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!File.Exists(Path.Combine(counts, "s2-started")) && DateTime.UtcNow < deadline && !child.HasExited)
            {
                Thread.Sleep(20);
            }

            var waited = DateTime.UtcNow - deadline.AddSeconds(-60);
            var exited = child.HasExited;
            if (!File.Exists(Path.Combine(counts, "s2-started")))
            {
                child.Kill(entireProcessTree: true);
                Assert.Fail("s2 never started: " + child.StandardError.ReadToEnd());
            }

            Assert.False(exited, $"the run finished before it could be killed (after {waited.TotalSeconds:F1} s)");
            child.Kill(entireProcessTree: true); // SIGKILL to the runner (and its step): no chance to clean up or flush
            Assert.True(child.WaitForExit(30_000));
            Assert.Equal(137, child.ExitCode);
        }

        Assert.False(File.Exists(Path.Combine(counts, "s3")), "the killed run went on: " + string.Join(",", Directory.GetFiles(counts).Select(Path.GetFileName)) + "; journal: " + File.ReadAllText(Path.Combine(runDir, "journal.jsonl")));
        File.WriteAllText(Path.Combine(counts, "release"), string.Empty);
        var (code, resumed) = InProcess("resume", runDir, "--host", "--output", "json");
        Assert.Equal(0, code);
        Assert.Single(File.ReadAllLines(Path.Combine(counts, "s1")));
        Assert.Equal(2, File.ReadAllLines(Path.Combine(counts, "s2")).Length);
        Assert.Single(File.ReadAllLines(Path.Combine(counts, "s3")));
        Assert.Equal("Succeeded", resumed.RootElement.GetProperty("phase").GetString());
        Assert.Equal(Shape(reference), Shape(resumed));
        var s1 = resumed.RootElement.GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("displayName").GetString() == "s1");
        Assert.True(s1.GetProperty("replayed").GetBoolean());
        Assert.Equal(runDir.Split('/')[^1], Path.GetFileName(resumed.RootElement.GetProperty("runDirectory").GetString()));
    }

    [Fact]
    public void Usage_errors_exit_2_and_a_failed_workflow_exits_1()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Assert.Equal(2, Program.Run(["run", "/nonexistent.yaml"], stdout, stderr));
        Assert.Equal(2, Program.Run(["run", Harness.FixturePath("steps-fail.yaml"), "--mock", "nonsense"], stdout, stderr));
        Assert.Equal(1, Program.Run(["run", Harness.FixturePath("steps-fail.yaml"), "--host", "--run-dir", Path.Combine(NewDir(), "r")], stdout, stderr));
        Assert.Contains("workflow steps-fail-", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains(": Failed (child '", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_host_container_templates_end_with_a_message_naming_the_template()
    {
        var (code, report) = InProcess("run", Harness.FixturePath("steps-fail.yaml"), "--output", "json", "--run-dir", Path.Combine(NewDir(), "r"));
        Assert.Equal(1, code);
        var a = report.RootElement.GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("displayName").GetString() == "A");
        Assert.Equal("Error", a.GetProperty("phase").GetString());
        Assert.Contains("cannot run template 'ok' (container) locally: run with --host", a.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
