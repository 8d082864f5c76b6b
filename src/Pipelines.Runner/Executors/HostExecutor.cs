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
    public const string StepsRootVariable = "PIPELINES_IO_ROOT";

    /// <summary>Path of the project's own step app (<c>--steps-app</c>): replaces a <c>/app/NAME</c> command.</summary>
    public string? StepsApp { get; set; }

    /// <summary>Extra output, such as the live log of each process, goes here (may be null).</summary>
    public Action<RunNode, string>? OnOutputLine { get; set; }

    /// <inheritdoc/>
    public bool CanRun(Template template, RunNode node) => template?.Container is not null || template?.Script is not null;

    /// <inheritdoc/>
    public async Task<LeafResult> RunAsync(LeafRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var t = request.Template;
        var fs = Path.Combine(request.WorkDirectory, "fs");
        Directory.CreateDirectory(fs);

        // Paths to map: longest first so that /tmp/a/b wins over /tmp/a.
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        void Map(string? path, string? target = null)
        {
            if (string.IsNullOrEmpty(path) || !path.StartsWith('/'))
            {
                return;
            }

            var key = path.Length > 1 ? path.TrimEnd('/') : path;
            if (key.Length == 0 || map.ContainsKey(key))
            {
                return;
            }

            map[key] = target ?? Path.Combine(fs, key.TrimStart('/'));
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
                    folder = Path.Combine(folder, m.SubPath);
                }

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

        string Local(string path) => map.TryGetValue(path.Length > 1 ? path.TrimEnd('/') : path, out var l) ? l : Path.Combine(fs, path.TrimStart('/'));

        // Input artifacts land at their (mapped) paths.
        foreach (var a in t.Inputs?.Artifacts ?? [])
        {
            if (a.Name is not null && a.Path is not null && request.InputArtifacts.TryGetValue(a.Name, out var local))
            {
                Place(local, map[a.Path.Length > 1 ? a.Path.TrimEnd('/') : a.Path]);
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
            return await ArgoSay(request, argv, Local, cancellationToken).ConfigureAwait(false);
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

        foreach (var e in t.Container?.Env ?? t.Script?.Env ?? [])
        {
            if (e.Name is not null)
            {
                psi.Environment[e.Name] = Rewrite(e.Value ?? string.Empty);
            }
        }

        psi.Environment["ARGO_POD_NAME"] = request.PodName;
        psi.Environment["ARGO_NODE_ID"] = request.Node.Id;
        psi.Environment[StepsRootVariable] = map["/tmp/pipelines"];

        var stdout = new StringBuilder();
        var log = Path.Combine(request.WorkDirectory, "main.log");
        using var logWriter = new StreamWriter(log, append: false, new UTF8Encoding(false)) { AutoFlush = true };
        using var process = new Process { StartInfo = psi };
        var gate = new object();
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
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            return CannotRun(request, $"cannot start '{argv[0]}': {e.Message}");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
            }

            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        process.WaitForExit();
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

        foreach (var p in t.Outputs?.Parameters ?? [])
        {
            if (p.Name is not null && p.ValueFrom?.Path is { } path && Local(path) is var local && File.Exists(local))
            {
                var value = await File.ReadAllTextAsync(local, CancellationToken.None).ConfigureAwait(false);
                result.Parameters[p.Name] = value.EndsWith('\n') ? value[..^1] : value;
            }
        }

        foreach (var a in t.Outputs?.Artifacts ?? [])
        {
            if (a.Name is not null && a.Path is not null && Local(a.Path) is var local && (File.Exists(local) || Directory.Exists(local)))
            {
                result.Artifacts[a.Name] = local;
            }
        }

        return result;
    }

    /// <summary>
    /// A built-in stand-in for Argo's test image <c>argoproj/argosay</c> (used by many upstream examples):
    /// <c>echo [TEXT [FILE]]</c>, <c>cat FILE...</c>, <c>sleep DURATION</c>, <c>exit [CODE]</c>,
    /// <c>assert_contains FILE TEXT</c> and <c>assert_equals FILE TEXT</c>.
    /// </summary>
    private static async Task<LeafResult> ArgoSay(LeafRequest request, List<string> args, Func<string, string> local, CancellationToken cancellationToken)
    {
        string Path2(string p) => p.StartsWith('/') && !p.StartsWith(request.WorkDirectory, StringComparison.Ordinal) ? local(p) : p;
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
        foreach (var p in request.Template.Outputs?.Parameters ?? [])
        {
            if (p.Name is not null && p.ValueFrom?.Path is { } path && File.Exists(local(path)))
            {
                var value = await File.ReadAllTextAsync(local(path), CancellationToken.None).ConfigureAwait(false);
                result.Parameters[p.Name] = value.EndsWith('\n') ? value[..^1] : value;
            }
        }

        foreach (var a in request.Template.Outputs?.Artifacts ?? [])
        {
            if (a.Name is not null && a.Path is not null && (File.Exists(local(a.Path)) || Directory.Exists(local(a.Path))))
            {
                result.Artifacts[a.Name] = local(a.Path);
            }
        }

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

    private static void Place(string source, string target)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (Directory.Exists(source))
        {
            Directory.CreateDirectory(target);
            foreach (var f in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
            {
                var rel = Path.GetRelativePath(source, f);
                var dest = Path.Combine(target, rel);
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
