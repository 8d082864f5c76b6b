using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;

namespace Pipelines.Runner.Executors;

/// <summary>
/// One process group per node (docs/runner.md, "The wall"): a template's process starts through <c>setsid</c>, so it
/// and everything it starts share a group that is killed as a whole when the node is stopped or its main process
/// ends. The group is recorded in the node's folder; a watchdog kills recorded groups when the runner itself is
/// killed, and <c>resume</c> kills any that survived before running anything.
/// </summary>
internal static class ProcessGroups
{
    /// <summary>The file in a node's folder that records its live process group: <c>PGID STARTTIME</c>.</summary>
    public const string FileName = "process-group";

    /// <summary>The file in the run folder that keeps the watchdog watching; removed when the run ends.</summary>
    public const string WatchdogMarker = ".watchdog";

    private const string SetsidPath = "/usr/bin/setsid";
    private const int SigKill = 9;

    private static readonly object Gate = new();
    private static readonly System.Collections.Generic.HashSet<string> Watched = new(StringComparer.Ordinal);

    /// <summary>True where process groups are available (Linux with util-linux's <c>setsid</c>).</summary>
    public static bool Available => OperatingSystem.IsLinux() && File.Exists(SetsidPath);

    /// <summary>Makes <paramref name="psi"/> start its program as the leader of a new session and process group.</summary>
    public static bool Wrap(ProcessStartInfo psi)
    {
        if (!Available)
        {
            return false;
        }

        psi.ArgumentList.Insert(0, psi.FileName);
        psi.FileName = SetsidPath;
        return true;
    }

    /// <summary>Records a started group, and makes sure a watchdog watches the run folder that holds it.</summary>
    public static void Record(string file, int pgid)
    {
        File.WriteAllText(file, pgid.ToString(CultureInfo.InvariantCulture) + " " + StartTime(pgid));
        var nodes = Path.GetDirectoryName(Path.GetDirectoryName(file));
        var run = nodes is null ? null : Path.GetDirectoryName(nodes);
        if (run is not null && Path.GetFileName(nodes) == "nodes")
        {
            EnsureWatchdog(run);
        }
    }

    /// <summary>Removes a group's record once the group is gone.</summary>
    public static void Forget(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Sends SIGKILL to every process of the group.</summary>
    public static void Kill(int pgid)
    {
        if (pgid > 1 && OperatingSystem.IsLinux())
        {
            _ = NativeMethods.kill(-pgid, SigKill);
        }
    }

    /// <summary>True for start failures that are a limit of this machine (open files, processes, memory), not the template's fault.</summary>
    public static bool IsResourceLimit(Win32Exception e) => e?.NativeErrorCode is 23 or 24 or 11 or 12;

    /// <summary>
    /// True for any exception that is a limit of this machine: a <see cref="Win32Exception"/> from starting a process
    /// (ENFILE, EMFILE, EAGAIN, ENOMEM), or an <see cref="IOException"/> from opening a file or a pipe with ENFILE or
    /// EMFILE ("Too many open files"; .NET gives the errno as its HResult on Unix).
    /// </summary>
    public static bool IsResourceLimit(Exception e) => e switch
    {
        Win32Exception w => IsResourceLimit(w),
        IOException io => io.HResult is 23 or 24 || io.Message.Contains("Too many open files", StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>
    /// Kills the process groups that a killed runner left behind in <paramref name="runDirectory"/> (their records are
    /// still in the node folders) and waits until they are gone. Returns how many groups were found alive.
    /// </summary>
    public static int KillLeftovers(string runDirectory)
    {
        var nodes = Path.Combine(runDirectory, "nodes");
        if (!Directory.Exists(nodes) || !OperatingSystem.IsLinux())
        {
            return 0;
        }

        var alive = 0;
        foreach (var file in Directory.GetFiles(nodes, FileName, SearchOption.AllDirectories))
        {
            var parts = File.ReadAllText(file).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length > 0 && int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var pgid) && pgid > 1)
            {
                // A leader that is alive with another start time is a new process that reused the number: not ours.
                var leaderStart = StartTime(pgid);
                var ours = leaderStart.Length == 0 || parts.Length < 2 || parts[1] == leaderStart;
                if (ours && NativeMethods.kill(-pgid, 0) == 0)
                {
                    alive++;
                    Kill(pgid);
                    for (var i = 0; i < 100 && NativeMethods.kill(-pgid, 0) == 0; i++)
                    {
                        Thread.Sleep(20);
                    }
                }
            }

            Forget(file);
        }

        return alive;
    }

    /// <summary>Removes the watchdog marker: the run ended normally and its watchdog may go.</summary>
    public static void EndWatch(string runDirectory)
    {
        lock (Gate)
        {
            Watched.Remove(Path.GetFullPath(runDirectory));
        }

        Forget(Path.Combine(runDirectory, WatchdogMarker));
    }

    private static void EnsureWatchdog(string runDirectory)
    {
        var full = Path.GetFullPath(runDirectory);
        lock (Gate)
        {
            if (!Watched.Add(full))
            {
                return;
            }
        }

        File.WriteAllText(Path.Combine(full, WatchdogMarker), string.Empty);
        const string script =
            "while kill -0 \"$1\" 2>/dev/null && [ -e \"$2/" + WatchdogMarker + "\" ]; do sleep 1; done\n" +
            "if ! kill -0 \"$1\" 2>/dev/null; then\n" +
            "  for f in \"$2\"/nodes/*/" + FileName + "; do\n" +
            "    [ -f \"$f\" ] || continue\n" +
            "    read g s < \"$f\"\n" +
            "    [ -n \"$g\" ] && [ \"$g\" -gt 1 ] && kill -9 \"-$g\" 2>/dev/null\n" +
            "  done\n" +
            "fi\n";
        var psi = new ProcessStartInfo(SetsidPath)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in new[] { "sh", "-c", script, "pipelines-watchdog", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), full })
        {
            psi.ArgumentList.Add(a);
        }

        try
        {
            using var watchdog = Process.Start(psi);
        }
        catch (Win32Exception)
        {
            // Without a watchdog, `resume` still kills what a killed runner left behind.
        }
    }

    /// <summary>The process's start time in clock ticks since boot (field 22 of /proc/PID/stat), or empty.</summary>
    private static string StartTime(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            var close = stat.LastIndexOf(')');
            var fields = stat[(close + 2)..].Split(' ');
            return fields.Length > 19 ? fields[19] : string.Empty;
        }
        catch (IOException)
        {
            return string.Empty;
        }
        catch (UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern int kill(int pid, int sig);
    }
}
