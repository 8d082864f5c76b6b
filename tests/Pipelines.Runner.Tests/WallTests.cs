using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Pipelines.Cli;
using Pipelines.Runner.Executors;

namespace Pipelines.Runner.Tests;

/// <summary>
/// Issue 19, items 1-7, 13-15: the run folder is a wall, bounded work, exact resume, secrets. Each test builds its
/// hostile input itself; "outside" is a folder beside the run folder that must stay empty.
/// </summary>
public class WallTests
{
    /// <summary>Enough '..' to climb from any node folder to '/', so that the rest of the path is the host's.</summary>
    private const string Climb = "/../../../../../../../../../../../../../../../../../../../..";

    private sealed class Sandbox
    {
        public Sandbox()
        {
            Root = Path.Combine(Path.GetTempPath(), "pipelines-wall-tests", Guid.NewGuid().ToString("N"));
            Outside = Path.Combine(Root, "outside");
            Run = Path.Combine(Root, "run");
            Directory.CreateDirectory(Outside);
        }

        public string Root { get; }

        public string Outside { get; }

        public string Run { get; }

        public string[] OutsideFiles() => Directory.GetFileSystemEntries(Outside, "*", SearchOption.AllDirectories);

        public RunOptions Options(string? name = "wf", bool host = true)
        {
            var o = new RunOptions { RunDirectory = Run, WorkflowName = name };
            if (host)
            {
                o.Executors.Add(new HostExecutor());
            }

            return o;
        }
    }

    private static string Workflow(string templates, string name = "name: wf") => $$"""
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: { {{name}} }
        spec:
          entrypoint: main
          templates:
        {{templates}}
        """;

    private static async Task<string> LoadError(string yaml, RunOptions options)
    {
        var e = await Assert.ThrowsAsync<RunLoadException>(() => WorkflowRunner.RunTextAsync(yaml, options));
        return e.Message;
    }

    // Item 1: a raw input artifact whose path escapes; the runner used to create the file outside.
    [Fact]
    public async Task Raw_input_artifact_path_that_climbs_out_is_refused_with_its_line_before_anything_runs()
    {
        var box = new Sandbox();
        var target = Climb + box.Outside + "/escaped";
        var yaml = Workflow($$"""
              - name: main
                inputs:
                  artifacts:
                  - name: a
                    path: "{{target}}"
                    raw: {data: owned}
                container: {image: alpine, command: [sh, -c, "true"]}
            """);
        var message = await LoadError(yaml, box.Options());
        Assert.Contains("<text>:11:", message, StringComparison.Ordinal);
        Assert.Contains("spec.templates[0].inputs.artifacts[0].path", message, StringComparison.Ordinal);
        Assert.Contains("climbs above '/'", message, StringComparison.Ordinal);
        Assert.Empty(box.OutsideFiles());
        Assert.False(Directory.Exists(Path.Combine(box.Run, "nodes")), "nothing may run");
    }

    // Item 1 (dynamic): the same path built from a parameter is refused when the node starts.
    [Fact]
    public async Task Raw_input_artifact_path_from_a_parameter_is_refused_at_run_time()
    {
        var box = new Sandbox();
        var yaml = Workflow($$"""
              - name: main
                inputs:
                  parameters: [{name: p, value: "{{Climb + box.Outside}}/escaped"}]
                  artifacts:
                  - name: a
                    path: "{{"{{inputs.parameters.p}}"}}"
                    raw: {data: owned}
                container: {image: alpine, command: [sh, -c, "true"]}
            """);
        var report = await WorkflowRunner.RunTextAsync(yaml, box.Options());
        Assert.Equal("Error", report.Phase);
        Assert.Contains("refused", report.Message, StringComparison.Ordinal);
        Assert.Contains("inputs.artifacts[0].path", report.Message, StringComparison.Ordinal);
        Assert.Empty(box.OutsideFiles());
    }

    // Item 2: artifact names are file names in the repository; keys cannot leave it either.
    [Theory]
    [InlineData("../../../outside/x")]
    [InlineData("/tmp/x")]
    public async Task Artifact_names_that_are_paths_are_refused(string name)
    {
        var box = new Sandbox();
        var yaml = Workflow($$"""
              - name: main
                outputs:
                  artifacts: [{name: "{{name}}", path: /tmp/out}]
                container: {image: alpine, command: [sh, -c, "echo hi > /tmp/out"]}
            """);
        var message = await LoadError(yaml, box.Options());
        // Argo's validator (run first) or the runner's wall check refuses it, at the name's line.
        Assert.Contains("<text>:9:", message, StringComparison.Ordinal);
        Assert.Contains("error", message, StringComparison.Ordinal);
        Assert.Contains("[spec.templates[0].outputs.artifacts[0].name]", message, StringComparison.Ordinal);
        Assert.Empty(box.OutsideFiles());
    }

    [Fact]
    public async Task Artifact_keys_that_leave_the_repository_are_refused()
    {
        var box = new Sandbox();
        File.WriteAllText(Path.Combine(box.Outside, "secret"), "host file");
        var yaml = Workflow("""
              - name: main
                steps:
                - - name: read
                    template: read
                    arguments:
                      artifacts: [{name: in, from: "artifact://../../outside/secret"}]
              - name: read
                inputs: {artifacts: [{name: in, path: /tmp/in}]}
                container: {image: alpine, command: [sh, -c, "cat /tmp/in"]}
            """);
        var message = await LoadError(yaml, box.Options());
        Assert.Contains("leaves the run's artifact repository", message, StringComparison.Ordinal);
        Assert.Contains("spec.templates[0].steps[0][0].arguments.artifacts[0].from", message, StringComparison.Ordinal);
    }

    // Item 3: the workflow name becomes node folder names.
    [Theory]
    [InlineData("name: ../../outside/x")]
    [InlineData("generateName: ../../outside/x-")]
    public async Task A_workflow_name_that_is_a_path_is_refused(string name)
    {
        var box = new Sandbox();
        var yaml = Workflow("""
              - name: main
                container: {image: alpine, command: [sh, -c, "true"]}
            """, name);
        var message = await LoadError(yaml, box.Options(name: null));
        Assert.Contains("<text>:3:", message, StringComparison.Ordinal);
        Assert.Contains("[metadata.", message, StringComparison.Ordinal);
        Assert.Empty(box.OutsideFiles());
        Assert.False(Directory.Exists(Path.Combine(box.Run, "nodes")));
    }

    // Item 4: argosay writes a bare or relative file name inside the node's fs/, never in the current folder.
    [Fact]
    public async Task Argosay_writes_relative_file_names_inside_the_node_folder()
    {
        var box = new Sandbox();
        var file = "argosay-" + Guid.NewGuid().ToString("N") + ".txt";
        var yaml = Workflow($$"""
              - name: main
                container: {image: argoproj/argosay:v2, args: [echo, hello, "{{file}}"]}
            """);
        var report = await WorkflowRunner.RunTextAsync(yaml, box.Options());
        Assert.Equal("Succeeded", report.Phase);
        Assert.False(File.Exists(Path.Combine(Environment.CurrentDirectory, file)), "argosay wrote into the runner's current folder");
        var node = report.Nodes.Single(n => n.Type == NodeType.Pod);
        Assert.Equal("hello", File.ReadAllText(Path.Combine(box.Run, "nodes", node.Id, "fs", file)));
    }

    // Item 5: volumeMounts.subPath that is absolute or climbs.
    [Theory]
    [InlineData("/etc")]
    [InlineData("../../../outside")]
    public async Task A_subPath_that_is_absolute_or_climbs_is_refused(string subPath)
    {
        var box = new Sandbox();
        var yaml = $$$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: wf}
            spec:
              entrypoint: main
              volumes: [{name: v, emptyDir: {}}]
              templates:
              - name: main
                container:
                  image: alpine
                  command: [sh, -c, "echo owned > /mnt/v/x"]
                  volumeMounts: [{name: v, mountPath: /mnt/v, subPath: "{{{subPath}}}"}]
            """;
        var message = await LoadError(yaml, box.Options());
        Assert.Contains("spec.templates[0].container.volumeMounts[0].subPath", message, StringComparison.Ordinal);
        Assert.Contains("must be a relative path without '..'", message, StringComparison.Ordinal);
        Assert.Empty(box.OutsideFiles());
    }

    [Fact]
    public async Task A_subPath_built_from_a_parameter_is_refused_at_run_time()
    {
        var box = new Sandbox();
        var yaml = $$$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: wf}
            spec:
              entrypoint: main
              volumes: [{name: v, emptyDir: {}}]
              templates:
              - name: main
                inputs: {parameters: [{name: sub, value: "../../../outside"}]}
                container:
                  image: alpine
                  command: [sh, -c, "echo owned > /mnt/v/x"]
                  volumeMounts: [{name: v, mountPath: /mnt/v, subPath: "{{inputs.parameters.sub}}"}]
            """;
        var report = await WorkflowRunner.RunTextAsync(yaml, box.Options());
        Assert.Equal("Error", report.Phase);
        Assert.Contains("subPath", report.Message, StringComparison.Ordinal);
        Assert.Empty(box.OutsideFiles());
    }

    // Item 6: an output parameter or artifact that is a symbolic link to a host file is not read.
    [Fact]
    public async Task Outputs_that_link_to_host_files_are_refused_and_not_read()
    {
        var box = new Sandbox();
        var hostFile = Path.Combine(box.Outside, "host-secret");
        File.WriteAllText(hostFile, "do-not-read");
        var yaml = Workflow($$$"""
              - name: main
                steps:
                - - {name: param, template: param}
                  - {name: art, template: art}
              - name: param
                outputs: {parameters: [{name: p, valueFrom: {path: /tmp/p}}]}
                container: {image: alpine, command: [sh, -c, "ln -s {{{hostFile}}} /tmp/p"]}
              - name: art
                outputs: {artifacts: [{name: a, path: /tmp/dir}]}
                container: {image: alpine, command: [sh, -c, "mkdir -p /tmp/dir && ln -s {{{hostFile}}} /tmp/dir/link"]}
            """);
        var report = await WorkflowRunner.RunTextAsync(yaml, box.Options());
        var param = report.Nodes.Single(n => n.DisplayName == "param");
        var art = report.Nodes.Single(n => n.DisplayName == "art");
        Assert.Equal(NodePhase.Error, param.Phase);
        Assert.Contains("output parameter 'p': refused", param.Message, StringComparison.Ordinal);
        Assert.Contains("outside the run folder", param.Message, StringComparison.Ordinal);
        Assert.Equal(NodePhase.Error, art.Phase);
        Assert.Contains("output artifact 'a': refused", art.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("do-not-read", report.ToJson(), StringComparison.Ordinal);
        var copied = Directory.GetFiles(Path.Combine(box.Run, "artifacts"), "*", SearchOption.AllDirectories);
        Assert.DoesNotContain(copied, f => File.ReadAllText(f).Contains("do-not-read", StringComparison.Ordinal));
    }

    // Item 6: an output parameter whose valueFrom.path climbs to a host file (as '/tmp/../../etc/hostname' did) is
    // refused with its line before anything runs, and the host file is never read.
    [Fact]
    public async Task An_output_path_that_climbs_to_a_host_file_is_refused_before_anything_runs()
    {
        var box = new Sandbox();
        var hostFile = Path.Combine(box.Outside, "hostname");
        File.WriteAllText(hostFile, "host-name-do-not-read");
        var yaml = Workflow($$$"""
              - name: main
                outputs: {parameters: [{name: p, valueFrom: {path: "/tmp{{{Climb + hostFile}}}"}}]}
                container: {image: alpine, command: [sh, -c, "true"]}
            """);

        var message = await LoadError(yaml, box.Options());

        Assert.Contains("spec.templates[0].outputs.parameters[0].valueFrom.path", message, StringComparison.Ordinal);
        Assert.Contains("climbs above '/'", message, StringComparison.Ordinal);
        Assert.DoesNotContain("host-name-do-not-read", message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(box.Run, "nodes")), "nothing may run");
    }

    [Fact]
    public void RealPath_resolves_links_component_by_component()
    {
        var box = new Sandbox();
        var inside = Path.Combine(box.Run, "a");
        Directory.CreateDirectory(inside);
        File.CreateSymbolicLink(Path.Combine(inside, "up"), box.Outside);
        Assert.False(RunWall.IsInside(box.Run, Path.Combine(inside, "up", "x")));
        Assert.True(RunWall.IsInside(box.Run, Path.Combine(inside, "plain", "x")));
        Assert.False(RunWall.IsInside(box.Run, Path.Combine(inside, "..", "..", "outside")));
        File.CreateSymbolicLink(Path.Combine(inside, "loop"), Path.Combine(inside, "loop"));
        Assert.False(RunWall.IsInside(box.Run, Path.Combine(inside, "loop", "x")));
        Assert.Equal("/a/c", RunWall.CleanContainerPath("/a/./b/../c"));
        Assert.Null(RunWall.CleanContainerPath("/a/../../etc"));
        Assert.Equal("/app/x", RunWall.CleanContainerPath("x", "/app"));
    }

    // Item 7: a stop kills the node's whole process group, including a background loop that left the process tree.
    [Fact]
    public async Task Stop_kills_the_nodes_process_group_including_detached_children()
    {
        Assert.True(ProcessGroups.Available, "process groups need Linux with /usr/bin/setsid (Debian package util-linux)");
        var box = new Sandbox();
        var beat = Path.Combine(box.Outside, "beat");
        var yaml = Workflow($$"""
              - name: main
                container: {image: alpine, command: [sh, -c, "(while true; do echo x >> {{beat}}; sleep 0.05; done) & sleep 60"]}
            """);
        using var stop = new CancellationTokenSource();
        var options = box.Options();
        options.Stop = stop.Token;
        var run = WorkflowRunner.RunTextAsync(yaml, options);
        await WaitFor(() => File.Exists(beat));
        await stop.CancelAsync();
        var report = await run;
        Assert.Equal("Failed", report.Phase);
        await AssertStopsGrowing(beat);
    }

    // Item 7: processes of a SIGKILLed runner do not go on (the watchdog kills them), and resume checks again.
    [Fact]
    public async Task A_killed_runner_leaves_no_process_writing_into_the_run_and_resume_kills_leftovers()
    {
        Assert.True(ProcessGroups.Available, "process groups need Linux with /usr/bin/setsid (Debian package util-linux)");
        var box = new Sandbox();
        var beat = Path.Combine(box.Outside, "beat");
        var file = Path.Combine(box.Root, "wf.yaml");
        File.WriteAllText(file, Workflow($$"""
              - name: main
                container: {image: alpine, command: [sh, -c, "[ -e {{box.Outside}}/release ] && exit 0; while true; do echo x >> {{beat}}; sleep 0.05; done"]}
            """));
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "Pipelines.Cli.dll"), "run", file, "--host", "--run-dir", box.Run })
        {
            psi.ArgumentList.Add(a);
        }

        using (var child = Process.Start(psi)!)
        {
            await WaitFor(() => File.Exists(beat), 60);
            await WaitFor(() => WatchdogRunning(box.Run), 60);
            child.Kill(entireProcessTree: false); // SIGKILL to the runner alone: its step stays behind
            await child.WaitForExitAsync();
        }

        await AssertStopsGrowing(beat, settle: TimeSpan.FromSeconds(5));

        // A leftover group recorded in a node folder (as a runner killed before its watchdog acted leaves it).
        using var leftover = Process.Start(new ProcessStartInfo("/usr/bin/setsid") { ArgumentList = { "sh", "-c", $"while true; do echo y >> {beat}-2; sleep 0.05; done" }, UseShellExecute = false })!;
        await WaitFor(() => File.Exists(beat + "-2"));
        var nodeDir = Directory.GetDirectories(Path.Combine(box.Run, "nodes")).First();
        File.WriteAllText(Path.Combine(nodeDir, ProcessGroups.FileName), leftover.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        File.WriteAllText(Path.Combine(box.Outside, "release"), string.Empty);
        var options = new RunOptions();
        options.Executors.Add(new HostExecutor());
        try
        {
            var report = await WorkflowRunner.ResumeAsync(box.Run, options);
            Assert.Equal("Succeeded", report.Phase);
            await AssertStopsGrowing(beat + "-2");
            Assert.True(leftover.WaitForExit(5000), "resume did not kill the leftover process group");
        }
        finally
        {
            leftover.Kill(entireProcessTree: true);
        }
    }

    // Item 13: processes are capped; a large fan-out waits instead of failing nodes.
    [Fact]
    public async Task Host_processes_are_capped_and_a_fan_out_waits_instead_of_failing()
    {
        var box = new Sandbox();
        var log = Path.Combine(box.Outside, "log");
        var items = string.Join(", ", Enumerable.Range(0, 24));
        var yaml = Workflow($$"""
              - name: main
                steps:
                - - {name: each, template: work, withItems: [{{items}}]}
              - name: work
                container: {image: alpine, command: [sh, -c, "echo s >> {{log}}; sleep 0.2; echo e >> {{log}}"]}
            """);
        var options = new RunOptions { RunDirectory = box.Run, WorkflowName = "wf" };
        options.Executors.Add(new HostExecutor { MaxProcesses = 3 });
        var report = await WorkflowRunner.RunTextAsync(yaml, options);
        Assert.Equal("Succeeded", report.Phase);
        var running = 0;
        var most = 0;
        foreach (var line in File.ReadAllLines(log))
        {
            running += line == "s" ? 1 : -1;
            most = Math.Max(most, running);
        }

        Assert.InRange(most, 1, 3);
        Assert.Equal(Math.Max(4, Environment.ProcessorCount), new HostExecutor().MaxProcesses);
    }

    // Item 13: a machine at its open-file limit (EMFILE), simulated by a process starter that refuses to start while two
    // of its processes run and for the first few attempts: the fan-out waits and every node succeeds; nothing is listed
    // as "cannot run here".
    [Fact]
    public async Task Too_many_open_files_is_waited_out_and_never_a_node_error()
    {
        var box = new Sandbox();
        var items = string.Join(", ", Enumerable.Range(0, 30));
        var yaml = Workflow($$"""
              - name: main
                steps:
                - - {name: each, template: work, withItems: [{{items}}]}
              - name: work
                container: {image: alpine, command: [sh, -c, "sleep 0.05"]}
            """);
        var live = 0;
        var refused = 0;
        var calls = 0;
        var gate = new object();
        var host = new HostExecutor
        {
            MaxProcesses = 6,
            ProcessStarter = p =>
            {
                lock (gate)
                {
                    if (++calls <= 5 || live >= 2)
                    {
                        refused++;
                        throw calls % 2 == 0
                            ? new System.ComponentModel.Win32Exception(24, "Too many open files")
                            : new IOException("Too many open files", 24);
                    }

                    live++;
                }

                p.Exited += (_, _) => Interlocked.Decrement(ref live);
                p.Start();
            },
        };
        var options = new RunOptions { RunDirectory = box.Run, WorkflowName = "wf" };
        options.Executors.Add(host);

        var report = await WorkflowRunner.RunTextAsync(yaml, options);

        Assert.Equal("Succeeded", report.Phase);
        Assert.Empty(report.CannotRun);
        var leaves = report.Nodes.Where(n => n.TemplateName == "work").ToList();
        Assert.Equal(30, leaves.Count);
        Assert.All(leaves, n => Assert.Equal(NodePhase.Succeeded, n.Phase));
        Assert.True(refused >= 5, $"the starter refused {refused} times");
    }

    // Item 13: a limit that does not clear while nothing else of the run is running ends the node Error with a message
    // naming the limit, after the (here shortened) wait; it is not a "cannot run here" reason.
    [Fact]
    public async Task A_limit_that_never_clears_is_an_error_naming_the_machine_limit_not_cannot_run_here()
    {
        var box = new Sandbox();
        var yaml = Workflow("""
              - name: main
                container: {image: alpine, command: [sh, -c, "true"]}
            """);
        var host = new HostExecutor
        {
            ResourceWait = TimeSpan.FromMilliseconds(300),
            ProcessStarter = _ => throw new System.ComponentModel.Win32Exception(24, "Too many open files"),
        };
        var options = new RunOptions { RunDirectory = box.Run, WorkflowName = "wf" };
        options.Executors.Add(host);

        var report = await WorkflowRunner.RunTextAsync(yaml, options);

        Assert.Equal("Error", report.Phase);
        Assert.Empty(report.CannotRun);
        var node = Assert.Single(report.Nodes, n => n.TemplateName == "main");
        Assert.Contains("Too many open files", node.Message, StringComparison.Ordinal);
        Assert.Contains("a limit of this machine", node.Message, StringComparison.Ordinal);
        Assert.Contains("--max-processes", node.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unbounded_recursion_ends_with_error_naming_the_node_bound()
    {
        var box = new Sandbox();
        var yaml = Workflow("""
              - name: main
                steps:
                - - {name: left, template: main}
                  - {name: right, template: main}
            """);
        var options = box.Options(host: false);
        options.MaxNodes = 500;
        var report = await WorkflowRunner.RunTextAsync(yaml, options);
        Assert.Equal("Error", report.Phase);
        Assert.Contains("more than 500 nodes", report.Message, StringComparison.Ordinal);
        Assert.Contains("--max-nodes", report.Message, StringComparison.Ordinal);
        Assert.True(report.Nodes.Count <= 500);
    }

    // Item 13: with the default bound, binary recursion (which Argo's depth limit of 100 does not stop) ends Error
    // naming the bound. The time bound is generous (a tenth of what the unbounded run used before it was stopped).
    [Fact]
    public async Task Binary_recursion_stops_at_the_default_node_bound()
    {
        var box = new Sandbox();
        var yaml = Workflow("""
              - name: main
                steps:
                - - {name: left, template: main}
                  - {name: right, template: main}
            """);
        var options = box.Options(host: false);
        var clock = Stopwatch.StartNew();

        var report = await WorkflowRunner.RunTextAsync(yaml, options);

        Assert.Equal("Error", report.Phase);
        Assert.Contains($"more than {RunOptions.DefaultMaxNodes} nodes", report.Message, StringComparison.Ordinal);
        Assert.InRange(report.Nodes.Count, RunOptions.DefaultMaxNodes / 2, RunOptions.DefaultMaxNodes);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");
    }

    // Item 14: a torn journal line is cut on open; a Succeeded run resumes to itself without running anything.
    [Fact]
    public async Task A_torn_journal_tail_is_truncated_and_a_succeeded_run_resumes_without_running_anything()
    {
        var box = new Sandbox();
        var count = Path.Combine(box.Outside, "count");
        var yaml = Workflow($$"""
              - name: main
                steps:
                - - {name: a, template: count}
                - - {name: b, template: count}
              - name: count
                container: {image: alpine, command: [sh, -c, "echo x >> {{count}}"]}
            """);
        var first = await WorkflowRunner.RunTextAsync(yaml, box.Options());
        Assert.Equal("Succeeded", first.Phase);
        var journal = Path.Combine(box.Run, "journal.jsonl");
        File.AppendAllText(journal, "{\"kind\":\"node\",\"name\":\"wf[1].b\",\"pha");
        var options = new RunOptions();
        options.Executors.Add(new HostExecutor());
        var second = await WorkflowRunner.ResumeAsync(box.Run, options);
        Assert.Equal("Succeeded", second.Phase);
        Assert.All(File.ReadAllLines(journal), l => JsonDocument.Parse(l).Dispose());
        Assert.EndsWith("\n", File.ReadAllText(journal), StringComparison.Ordinal);
        Assert.Equal(2, File.ReadAllLines(count).Length);
        Assert.All(second.Nodes.Where(n => n.Type == NodeType.Pod), n => Assert.True(n.Replayed));
        Assert.Equal(first.Nodes.Select(n => n.Id), second.Nodes.Select(n => n.Id));

        var options2 = new RunOptions();
        options2.Executors.Add(new HostExecutor());
        var third = await WorkflowRunner.ResumeAsync(box.Run, options2);
        Assert.Equal("Succeeded", third.Phase);
        Assert.Equal(2, File.ReadAllLines(count).Length);
        Assert.Equal(first.Nodes.Select(n => n.Id), third.Nodes.Select(n => n.Id));
    }

    // Item 15: a missing secret is a warning naming it and how to supply it; a given one reaches the process only.
    [Fact]
    public async Task Secrets_missing_warn_with_the_way_to_supply_them_and_given_ones_are_never_printed()
    {
        var box = new Sandbox();
        var yaml = Workflow("""
              - name: main
                container:
                  image: alpine
                  command: [sh, -c, "[ \"$TOKEN\" = s3cr3t-value ] && echo matched || echo empty"]
                  env: [{name: TOKEN, valueFrom: {secretKeyRef: {name: api, key: token}}}]
            """);
        var missing = await WorkflowRunner.RunTextAsync(yaml, box.Options());
        var warning = Assert.Single(missing.Warnings);
        Assert.Contains("secret 'api'", warning, StringComparison.Ordinal);
        Assert.Contains("--secret api.token=VALUE", warning, StringComparison.Ordinal);
        Assert.Contains("empty", Harness.Log(missing, "wf"), StringComparison.Ordinal);

        var file = Path.Combine(box.Root, "wf.yaml");
        File.WriteAllText(file, yaml);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = Program.Run(["run", file, "--host", "--output", "json", "--run-dir", Path.Combine(box.Root, "run2"), "--secret", "api.token=s3cr3t-value"], stdout, stderr);
        Assert.Equal(0, code);
        Assert.DoesNotContain("s3cr3t-value", stdout.ToString() + stderr, StringComparison.Ordinal);
        using var report = JsonDocument.Parse(stdout.ToString());
        Assert.Empty(report.RootElement.GetProperty("warnings").EnumerateArray());
        var node = report.RootElement.GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("type").GetString() == "Pod");
        Assert.Equal("matched", File.ReadAllText(Path.Combine(box.Root, "run2", "nodes", node.GetProperty("id").GetString()!, "main.log")).Trim());

        var secrets = Path.Combine(box.Root, "secrets.env");
        File.WriteAllText(secrets, "# tokens\napi.token=s3cr3t-value\n");
        stdout = new StringWriter();
        stderr = new StringWriter();
        Assert.Equal(0, Program.Run(["run", file, "--host", "--run-dir", Path.Combine(box.Root, "run3"), "--secret-file", secrets], stdout, stderr));
        Assert.DoesNotContain("s3cr3t-value", stdout.ToString() + stderr, StringComparison.Ordinal);
        Assert.Equal(2, Program.Run(["run", file, "--secret", "s3cr3t-value"], stdout, stderr));
        Assert.DoesNotContain("s3cr3t-value", stderr.ToString(), StringComparison.Ordinal);
    }

    // `pipelines run` runs Argo's validator first: a workflow Argo rejects does not start.
    [Fact]
    public async Task The_validator_runs_before_anything_and_its_errors_are_located()
    {
        var box = new Sandbox();
        var yaml = Workflow("""
              - name: main
                dag:
                  tasks:
                  - {name: a, template: work, depends: "nope"}
              - name: work
                container: {image: alpine, command: [sh, -c, "true"]}
            """);
        var message = await LoadError(yaml, box.Options());
        Assert.Contains("<text>:", message, StringComparison.Ordinal);
        Assert.Contains("PIPE", message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(box.Run, "nodes")));
    }

    /// <summary>True when a watchdog process for <paramref name="run"/> is alive (its command line names the folder).</summary>
    private static bool WatchdogRunning(string run)
    {
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline"));
                if (cmdline.Contains("pipelines-watchdog", StringComparison.Ordinal) && cmdline.Contains(run, StringComparison.Ordinal))
                {
                    return true;
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return false;
    }

    private static async Task WaitFor(Func<bool> condition, int seconds = 30)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, "timed out waiting");
            await Task.Delay(20);
        }
    }

    private static async Task AssertStopsGrowing(string file, TimeSpan? settle = null)
    {
        await Task.Delay(settle ?? TimeSpan.FromMilliseconds(300));
        var before = new FileInfo(file).Length;
        await Task.Delay(500);
        Assert.Equal(before, new FileInfo(file).Length);
    }
}
