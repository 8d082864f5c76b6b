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
            if (string.IsNullOrEmpty(path) || !path.StartsWith('/') || map.ContainsKey(path))
            {
                return;
            }

            map[path] = target ?? Path.Combine(fs, path.TrimStart('/'));
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

        // Input artifacts land at their (mapped) paths.
        foreach (var a in t.Inputs?.Artifacts ?? [])
        {
            if (a.Name is not null && a.Path is not null && request.InputArtifacts.TryGetValue(a.Name, out var local))
            {
                Place(local, map[a.Path]);
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

        if (argv.Count == 0)
        {
            return CannotRun(request, $"the container has no command; image '{t.Container?.Image}' would supply its default entrypoint, which is not known on the host");
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
            WorkingDirectory = !string.IsNullOrEmpty(t.Container?.WorkingDir ?? t.Script?.WorkingDir) && map.TryGetValue((t.Container?.WorkingDir ?? t.Script?.WorkingDir)!, out var wd) ? wd : request.WorkDirectory,
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
            if (p.Name is not null && p.ValueFrom?.Path is { } path && map.TryGetValue(path, out var local) && File.Exists(local))
            {
                var value = await File.ReadAllTextAsync(local, CancellationToken.None).ConfigureAwait(false);
                result.Parameters[p.Name] = value.EndsWith('\n') ? value[..^1] : value;
            }
        }

        foreach (var a in t.Outputs?.Artifacts ?? [])
        {
            if (a.Name is not null && a.Path is not null && map.TryGetValue(a.Path, out var local) && (File.Exists(local) || Directory.Exists(local)))
            {
                result.Artifacts[a.Name] = local;
            }
        }

        return result;
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
