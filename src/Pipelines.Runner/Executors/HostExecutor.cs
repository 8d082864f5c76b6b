using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Pipelines.Argo.Model;

namespace Pipelines.Runner.Executors;

/// <summary>
/// Runs container and script templates as processes on this machine (<c>--host</c>). The image is ignored: the
/// command must exist on the host. Every node gets its own folder; the absolute paths the template uses for output
/// parameters, artifacts, volume mounts and the script file are mapped into it by rewriting those paths in the
/// command, arguments, script source and environment.
/// </summary>
public sealed class HostExecutor : ILeafExecutor
{
    /// <summary>The environment variable a C# step's runtime reads to find its <c>/tmp/pipelines</c> folder.</summary>
    public const string StepsRootVariable = "PIPELINES_STEP_ROOT";

    /// <summary>Path of the project's own step app (<c>--steps-app</c>): replaces a <c>/app/NAME</c> command.</summary>
    public string? StepsApp { get; set; }

    /// <summary>The default of <see cref="MaxProcesses"/>: the number of cores, at least 4.</summary>
    public static int DefaultMaxProcesses => Math.Max(4, Environment.ProcessorCount);

    private SemaphoreSlim _slots = new(DefaultMaxProcesses);
    private int _maxProcesses = DefaultMaxProcesses;

    /// <summary>
    /// At most this many template processes run at once (daemons do not count); the others wait, still Running for the
    /// engine. Keeps a large fan-out from exhausting the machine's open files or processes (<c>--max-processes</c>).
    /// </summary>
    public int MaxProcesses
    {
        get => _maxProcesses;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _maxProcesses = value;
            _slots = new SemaphoreSlim(value);
        }
    }

    /// <summary>
    /// Starts a prepared process (default <see cref="Process.Start()"/>). Tests replace it to fail as a machine at its
    /// limits does (EMFILE "Too many open files", EAGAIN): such a failure is retried, never the node's Error.
    /// </summary>
    public Action<Process> ProcessStarter { get; set; } = static p => p.Start();

    /// <summary>
    /// How long a start that keeps failing on a limit of this machine is retried while no other process of this
    /// executor is running (default 2 minutes); while others run, it waits for them without a bound.
    /// </summary>
    public TimeSpan ResourceWait { get; set; } = TimeSpan.FromMinutes(2);

    private int _running;

    /// <summary>Extra output, such as the live log of each process, goes here (may be null).</summary>
    public Action<RunNode, string>? OnOutputLine { get; set; }

    /// <inheritdoc/>
    public bool CanRun(Template template, RunNode node) => template?.Container is not null || template?.Script is not null;

    /// <inheritdoc/>
    public async Task<LeafResult> RunAsync(LeafRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return await RunConfinedAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (RunWallException e)
        {
            return new LeafResult { Phase = NodePhase.Error, Message = "refused: " + e.Message };
        }
    }

    private async Task<LeafResult> RunConfinedAsync(LeafRequest request, CancellationToken cancellationToken)
    {
        var t = request.Template;
        var wall = request.RunDirectory.Length > 0 ? request.RunDirectory : request.WorkDirectory;
        var fs = Path.Combine(request.WorkDirectory, "fs");
        Directory.CreateDirectory(fs);
        RunWall.Confine(wall, fs, "the node's folder");

        // Paths to map: longest first so that /tmp/a/b wins over /tmp/a.
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        void Map(string? path, string? target = null)
        {
            if (string.IsNullOrEmpty(path) || !path.StartsWith('/'))
            {
                return;
            }

            var key = RunWall.CleanContainerPath(path) ?? throw new RunWallException($"container path '{path}' climbs above '/' with '..'");
            if (map.ContainsKey(key))
            {
                return;
            }

            map[key] = RunWall.Confine(wall, target ?? InFs(fs, key), $"container path '{key}'");
        }

        foreach (var p in t.Outputs?.Parameters ?? [])
        {
            Map(p.ValueFrom?.Path);
        }

        foreach (var a in t.Outputs?.Artifacts ?? [])
        {
            Map(a.Path);
        }

        foreach (var a in t.Inputs?.Artifacts ?? [])
        {
            Map(a.Path);
        }

        var mounts = t.Container?.VolumeMounts ?? t.Script?.VolumeMounts ?? [];
        foreach (var m in mounts)
        {
            if (m.Name is not null && m.MountPath is not null)
            {
                var folder = request.Volumes.TryGetValue(m.Name, out var v) ? v : Path.Combine(request.WorkDirectory, "volumes", m.Name);
                if (!string.IsNullOrEmpty(m.SubPath))
                {
                    if (!RunWall.IsDescendingPath(m.SubPath))
                    {
                        throw new RunWallException($"volumeMounts '{m.Name}': subPath '{m.SubPath}' must be a relative path without '..'");
                    }

                    folder = Path.Combine(folder, m.SubPath);
                }

                RunWall.Confine(wall, folder, $"volume mount '{m.Name}'");
                Directory.CreateDirectory(folder);
                Map(m.MountPath, folder);
            }
        }

        Map("/tmp/pipelines");
        Map("/argo/staging/script");
        foreach (var target in map.Values)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        }

        var workingDir = t.Container?.WorkingDir ?? t.Script?.WorkingDir;
        string Local(string path)
        {
            var clean = RunWall.CleanContainerPath(path, workingDir) ?? throw new RunWallException($"container path '{path}' climbs above '/' with '..'");
            foreach (var (from, to) in map.OrderByDescending(p => p.Key.Length))
            {
                if (clean == from || (from == "/" ? clean.StartsWith('/') : clean.StartsWith(from + "/", StringComparison.Ordinal)))
                {
                    var rest = clean[from.Length..].TrimStart('/');
                    return RunWall.Confine(wall, rest.Length == 0 ? to : Path.Combine(to, rest), $"container path '{path}'");
                }
            }

            return RunWall.Confine(wall, InFs(fs, clean), $"container path '{path}'");
        }

        // Input artifacts land at their (mapped) paths.
        foreach (var a in t.Inputs?.Artifacts ?? [])
        {
            if (a.Name is not null && a.Path is not null && request.InputArtifacts.TryGetValue(a.Name, out var local))
            {
                RunWall.Confine(wall, local, $"input artifact '{a.Name}'");
                Place(local, Local(a.Path), wall);
            }
        }

        var ordered = map.OrderByDescending(p => p.Key.Length).ToList();
        string Rewrite(string s)
        {
            foreach (var (from, to) in ordered)
            {
                s = ReplacePath(s, from, to);
            }

            return s;
        }

        var argv = new List<string>();
        argv.AddRange((t.Container?.Command ?? t.Script?.Command ?? []).Select(Rewrite));
        argv.AddRange((t.Container?.Args ?? t.Script?.Args ?? []).Select(Rewrite));
        if (t.Script is { } script)
        {
            var file = map["/argo/staging/script"];
            await File.WriteAllTextAsync(file, Rewrite(script.Source ?? string.Empty), cancellationToken).ConfigureAwait(false);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            }

            if (argv.Count == 0)
            {
                return CannotRun(request, "the script template has no command (the image's default entrypoint is not known on the host)");
            }

            argv.Add(file);
        }

        if ((t.Container?.Command ?? t.Script?.Command) is null or { Count: 0 } && (t.Container?.Image ?? string.Empty).StartsWith("argoproj/argosay", StringComparison.Ordinal))
        {
            // The stand-in sees the container's own paths and maps each one itself (relative ones from workingDir).
            var rawArgs = (t.Container?.Args ?? []).ToList();
            return await ArgoSay(request, rawArgs, Local, cancellationToken).ConfigureAwait(false);
        }

        if (argv.Count == 0 || ((t.Container?.Command ?? t.Script?.Command) is null or { Count: 0 } && !ImageWithoutEntrypoint(t.Container?.Image ?? t.Script?.Image)))
        {
            return CannotRun(request, $"the container has no command; image '{t.Container?.Image ?? t.Script?.Image}' supplies its own entrypoint, which is not known on the host");
        }

        if (StepsApp is not null && argv[0].StartsWith("/app/", StringComparison.Ordinal))
        {
            argv[0] = StepsApp;
        }

        var exe = Resolve(argv[0]);
        if (exe is null)
        {
            return CannotRun(request, $"executable '{argv[0]}' (from image '{t.Container?.Image ?? t.Script?.Image}') is not on this machine's PATH");
        }

        var psi = new ProcessStartInfo(exe)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = WorkingDirectory(t.Container?.WorkingDir ?? t.Script?.WorkingDir, Local),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var a in argv.Skip(1))
        {
            psi.ArgumentList.Add(a);
        }

        var env = request.Environment ?? (t.Container?.Env ?? t.Script?.Env ?? []).Where(e => e.Name is not null).Select(e => new KeyValuePair<string, string>(e.Name!, e.Value ?? string.Empty)).ToList();
        foreach (var (name, value) in env)
        {
            psi.Environment[name] = Rewrite(value);
        }

        psi.Environment["ARGO_POD_NAME"] = request.PodName;
        psi.Environment["ARGO_NODE_ID"] = request.Node.Id;
        psi.Environment[StepsRootVariable] = map["/tmp/pipelines"];

        // Each node's processes form their own process group (setsid), so that a stop, a timeout or the end of the
        // main process kills all of them, and `resume` can find and kill what a killed runner left behind.
        var grouped = ProcessGroups.Wrap(psi);
        var daemon = t.Daemon == true;
        if (!daemon)
        {
            await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return await RunProcessAsync(request, psi, grouped, argv, Local, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (!daemon)
            {
                _slots.Release();
            }
        }
    }

    private async Task<LeafResult> RunProcessAsync(LeafRequest request, ProcessStartInfo psi, bool grouped, List<string> argv, Func<string, string> local, CancellationToken cancellationToken)
    {
        var stdout = new StringBuilder();
        var log = Path.Combine(request.WorkDirectory, "main.log");
        var gate = new object();
        var exited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var pidFile = Path.Combine(request.WorkDirectory, ProcessGroups.FileName);
        StreamWriter? logWriter = null;
        Process? started = null;
        var alone = TimeSpan.Zero;
        for (var attempt = 0; ; attempt++)
        {
            Process? process = null;
            try
            {
                logWriter = new StreamWriter(log, append: false, new UTF8Encoding(false)) { AutoFlush = true };
                process = NewProcess(request, psi, stdout, logWriter, gate, exited);
                ProcessStarter(process);
                started = process;
                break;
            }
            catch (Exception e) when (ProcessGroups.IsResourceLimit(e))
            {
                // A local resource limit (open files, processes, memory) is waited out, never the node's Error: while
                // other processes of this run are running, their end frees what this one needs, so the wait is not
                // bounded; with none running, the machine itself is at its limit, and the wait is ResourceWait.
                process?.Dispose();
                logWriter?.Dispose();
                logWriter = null;
                var delay = TimeSpan.FromMilliseconds(Math.Min(25 << Math.Min(attempt, 6), 1000));
                if (Volatile.Read(ref _running) == 0)
                {
                    alone += delay;
                    if (alone > ResourceWait)
                    {
                        return new LeafResult
                        {
                            Phase = NodePhase.Error,
                            Message = $"cannot start '{argv[0]}': {e.Message.TrimEnd('.')}, for {ResourceWait.TotalSeconds:0} s with no other process of this run running: a limit of this machine (raise `ulimit -n` or `ulimit -u`, or lower --max-processes)",
                        };
                    }
                }

                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
            catch (Win32Exception e)
            {
                process?.Dispose();
                logWriter?.Dispose();
                return CannotRun(request, $"cannot start '{argv[0]}': {e.Message}");
            }
        }

        Interlocked.Increment(ref _running);
        using var logOwner = logWriter;
        using var process1 = started;
        try
        {
            return await WatchAsync(request, started, grouped, pidFile, exited, stdout, gate, argv, local, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    private Process NewProcess(LeafRequest request, ProcessStartInfo psi, StringBuilder stdout, StreamWriter logWriter, object gate, TaskCompletionSource exited)
    {
        var process = new Process { StartInfo = psi };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (gate)
            {
                stdout.Append(e.Data).Append('\n');
                logWriter.WriteLine(e.Data);
            }

            OnOutputLine?.Invoke(request.Node, e.Data);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (gate)
            {
                logWriter.WriteLine(e.Data);
            }

            OnOutputLine?.Invoke(request.Node, e.Data);
        };
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => exited.TrySetResult();
        return process;
    }

    private async Task<LeafResult> WatchAsync(LeafRequest request, Process process, bool grouped, string pidFile, TaskCompletionSource exited, StringBuilder stdout, object gate, List<string> argv, Func<string, string> local, CancellationToken cancellationToken)
    {
        var t = request.Template;
        if (grouped)
        {
            ProcessGroups.Record(pidFile, process.Id);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await exited.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            if (grouped)
            {
                ProcessGroups.Kill(process.Id);
            }

            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
            }
        }

        // The main process has ended: like a container's end, that ends everything it started.
        if (grouped)
        {
            ProcessGroups.Kill(process.Id);
            ProcessGroups.Forget(pidFile);
        }

        await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        var code = process.ExitCode;
        var result = LeafResult.FromExitCode(code);
        lock (gate)
        {
            // Lines are collected without their line ends; the final newline is what OUT-01 trims.
            result.Stdout = stdout.ToString();
        }

        if (code == 127)
        {
            result.CannotRunReason = $"a command run by '{argv[0]}' was not found on this machine (exit code 127; image '{t.Container?.Image ?? t.Script?.Image}')";
        }

        await CollectOutputsAsync(t, result, local).ConfigureAwait(false);
        return result;
    }

    /// <summary>Output parameters and artifacts from their mapped paths; the mapping refuses paths that leave the run folder.</summary>
    private static async Task CollectOutputsAsync(Template t, LeafResult result, Func<string, string> local)
    {
        foreach (var p in t.Outputs?.Parameters ?? [])
        {
            if (p.Name is not null && p.ValueFrom?.Path is { } path)
            {
                string file;
                try
                {
                    file = local(path);
                }
                catch (RunWallException e)
                {
                    result.Phase = NodePhase.Error;
                    result.Message = $"output parameter '{p.Name}': refused: {e.Message}";
                    continue;
                }

                if (File.Exists(file))
                {
                    var value = await File.ReadAllTextAsync(file, CancellationToken.None).ConfigureAwait(false);
                    result.Parameters[p.Name] = value.EndsWith('\n') ? value[..^1] : value;
                }
            }
        }

        foreach (var a in t.Outputs?.Artifacts ?? [])
        {
            if (a.Name is not null && a.Path is not null)
            {
                string file;
                try
                {
                    file = local(a.Path);
                }
                catch (RunWallException e)
                {
                    result.Phase = NodePhase.Error;
                    result.Message = $"output artifact '{a.Name}': refused: {e.Message}";
                    continue;
                }

                if (File.Exists(file) || Directory.Exists(file))
                {
                    result.Artifacts[a.Name] = file;
                }
            }
        }
    }

    private static string InFs(string fs, string containerPath)
    {
        var rest = containerPath.TrimStart('/');
        return rest.Length == 0 ? fs : Path.Combine(fs, rest);
    }

    /// <summary>
    /// A built-in stand-in for Argo's test image <c>argoproj/argosay</c> (used by many upstream examples):
    /// <c>echo [TEXT [FILE]]</c>, <c>cat FILE...</c>, <c>sleep DURATION</c>, <c>exit [CODE]</c>,
    /// <c>assert_contains FILE TEXT</c> and <c>assert_equals FILE TEXT</c>.
    /// </summary>
    private static async Task<LeafResult> ArgoSay(LeafRequest request, List<string> args, Func<string, string> local, CancellationToken cancellationToken)
    {
        // Paths are the container's: absolute ones map into the node's fs/, relative ones start at its working folder.
        string Path2(string p) => local(p);
        var verb = args.Count > 0 ? args[0] : "echo";
        var stdout = new StringBuilder();
        var code = 0;
        switch (verb)
        {
            case "echo":
                {
                    var text = args.Count > 1 ? args[1] : "hello argo";
                    if (args.Count > 2)
                    {
                        var file = Path2(args[2]);
                        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                        await File.WriteAllTextAsync(file, text, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        stdout.Append(text).Append('\n');
                    }

                    break;
                }

            case "cat":
                foreach (var f in args.Skip(1))
                {
                    var file = Path2(f);
                    if (!File.Exists(file))
                    {
                        code = 1;
                        break;
                    }

                    stdout.Append(await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false));
                }

                break;
            case "sleep":
                if (args.Count > 1 && Engine.Durations.TryParse(args[1], out var d))
                {
                    await Task.Delay(d, cancellationToken).ConfigureAwait(false);
                }

                break;
            case "exit":
                code = args.Count > 1 && int.TryParse(args[1], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var c) ? c : 0;
                break;
            case "assert_contains" or "assert_equals":
                {
                    var file = args.Count > 1 ? Path2(args[1]) : string.Empty;
                    var content = File.Exists(file) ? await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false) : null;
                    var expected = args.Count > 2 ? args[2] : string.Empty;
                    code = content is not null && (verb == "assert_contains" ? content.Contains(expected, StringComparison.Ordinal) : content.TrimEnd('\n') == expected) ? 0 : 1;
                    break;
                }

            default:
                return CannotRun(request, $"argosay '{verb}' is not one of the argosay commands the runner stands in for (echo, cat, sleep, exit, assert_contains, assert_equals)");
        }

        await File.WriteAllTextAsync(Path.Combine(request.WorkDirectory, "main.log"), stdout.ToString(), CancellationToken.None).ConfigureAwait(false);
        var result = LeafResult.FromExitCode(code);
        result.Stdout = stdout.ToString();
        await CollectOutputsAsync(request.Template, result, local).ConfigureAwait(false);
        return result;
    }

    /// <summary>Images whose default command is a shell or nothing, so that <c>args</c> alone name the program.</summary>
    private static bool ImageWithoutEntrypoint(string? image)
    {
        if (string.IsNullOrEmpty(image))
        {
            return false;
        }

        var name = image.Split('@')[0];
        var slash = name.LastIndexOf('/');
        var colon = name.LastIndexOf(':');
        var repo = colon > slash ? name[..colon] : name;
        repo = repo.StartsWith("docker.io/", StringComparison.Ordinal) ? repo["docker.io/".Length..] : repo;
        repo = repo.StartsWith("library/", StringComparison.Ordinal) ? repo["library/".Length..] : repo;
        string[] known = ["alpine", "busybox", "ubuntu", "debian", "python", "bash", "centos", "fedora", "golang", "node", "ruby", "perl"];
        return known.Contains(repo, StringComparer.Ordinal);
    }

    /// <summary>The process's folder: the mapped <c>workingDir</c>, else the node's mapped <c>/</c> (a container starts in <c>/</c>).</summary>
    private static string WorkingDirectory(string? workingDir, Func<string, string> local)
    {
        var dir = local(string.IsNullOrEmpty(workingDir) ? "/" : workingDir);
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static LeafResult CannotRun(LeafRequest request, string reason) => new()
    {
        Phase = NodePhase.Error,
        Message = $"cannot run '{request.Template.Name ?? "(inline)"}' on the host: {reason}",
        CannotRunReason = reason,
    };

    /// <summary>Replaces <paramref name="from"/> when it appears as a whole path (followed by end, '/', or a non-path character).</summary>
    private static string ReplacePath(string s, string from, string to)
    {
        var sb = new StringBuilder();
        var at = 0;
        while (true)
        {
            var i = s.IndexOf(from, at, StringComparison.Ordinal);
            if (i < 0)
            {
                sb.Append(s, at, s.Length - at);
                return sb.ToString();
            }

            var end = i + from.Length;
            var before = i == 0 ? ' ' : s[i - 1];
            var after = end < s.Length ? s[end] : ' ';
            var boundaryBefore = !(char.IsLetterOrDigit(before) || before is '_' or '-' or '.' or '/');
            var boundaryAfter = !(char.IsLetterOrDigit(after) || after is '_' or '-') || after == '/';
            if (after == '.' && end + 1 < s.Length && (char.IsLetterOrDigit(s[end + 1])))
            {
                boundaryAfter = false;
            }

            sb.Append(s, at, i - at);
            sb.Append(boundaryBefore && boundaryAfter ? to : from);
            at = end;
        }
    }

    private static void Place(string source, string target, string wall)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (Directory.Exists(source))
        {
            Directory.CreateDirectory(target);
            foreach (var f in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
            {
                var rel = Path.GetRelativePath(source, f);
                var dest = RunWall.Confine(wall, Path.Combine(target, rel), $"input artifact file '{rel}'");
                RunWall.Confine(wall, f, $"input artifact file '{rel}'");
                Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
                File.Copy(f, dest, overwrite: true);
            }
        }
        else
        {
            File.Copy(source, target, overwrite: true);
        }
    }

    private static string? Resolve(string command)
    {
        if (command.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(command) ? command : null;
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            if (dir.Length == 0)
            {
                continue;
            }

            var full = Path.Combine(dir, command);
            if (File.Exists(full))
            {
                return full;
            }
        }

        return null;
    }
}
