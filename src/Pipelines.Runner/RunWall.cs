using System;
using System.Collections.Generic;
using System.IO;

namespace Pipelines.Runner;

/// <summary>A read or write the runner refused because it would leave the run folder (docs/runner.md, "The wall").</summary>
public sealed class RunWallException(string message) : Exception(message);

/// <summary>
/// The run folder is a wall: every file the runner itself reads or writes for a workflow (node folders, artifacts,
/// output parameters, mapped container paths) must lie inside it, after resolving <c>..</c> and symbolic links.
/// Only the template's own command, which the user chose to run, may touch anything else.
/// </summary>
public static class RunWall
{
    private const int MaxLinks = 40;

    /// <summary>
    /// The absolute path of <paramref name="path"/> with every symbolic link on the way resolved, component by
    /// component as the kernel does (<c>link/..</c> is the parent of the link's target). Components that do not exist
    /// are kept as written.
    /// </summary>
    /// <exception cref="RunWallException">A loop of symbolic links.</exception>
    public static string RealPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.IsPathRooted(path) ? path : Path.Combine(Environment.CurrentDirectory, path);
        var pending = new Stack<string>();
        foreach (var part in Reverse(full.Split('/', StringSplitOptions.RemoveEmptyEntries)))
        {
            pending.Push(part);
        }

        var current = "/";
        var links = 0;
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? "/";
                continue;
            }

            var next = current == "/" ? "/" + part : current + "/" + part;
            string? target = null;
            try
            {
                target = new FileInfo(next).LinkTarget;
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }

            if (target is null)
            {
                current = next;
                continue;
            }

            if (++links > MaxLinks)
            {
                throw new RunWallException($"{path}: too many levels of symbolic links");
            }

            foreach (var t in Reverse(target.Split('/', StringSplitOptions.RemoveEmptyEntries)))
            {
                pending.Push(t);
            }

            if (target.StartsWith('/'))
            {
                current = "/";
            }
        }

        return current;
    }

    /// <summary>True when <paramref name="path"/> (symbolic links resolved) is <paramref name="root"/> or lies inside it.</summary>
    public static bool IsInside(string root, string path)
    {
        try
        {
            var r = RealPath(root).TrimEnd('/');
            var p = RealPath(path);
            return p == r || p.StartsWith(r + "/", StringComparison.Ordinal) || r.Length == 0;
        }
        catch (RunWallException)
        {
            return false;
        }
    }

    /// <summary>Returns <paramref name="path"/> when it lies inside <paramref name="root"/>; otherwise throws a message naming <paramref name="what"/>.</summary>
    /// <exception cref="RunWallException">The path leaves the run folder.</exception>
    public static string Confine(string root, string path, string what)
    {
        if (!IsInside(root, path))
        {
            throw new RunWallException($"{what} resolves to '{SafeReal(path)}', outside the run folder '{root}'; the runner reads and writes only inside the run folder");
        }

        return path;
    }

    /// <summary>
    /// A container path cleaned like Go's <c>path.Clean</c> on an absolute path (<c>/a/./b/../c</c> is <c>/a/c</c>), or
    /// null when a <c>..</c> would climb above <c>/</c> (which on the host would leave the node's folder).
    /// Relative paths are taken relative to <paramref name="workingDir"/> (default <c>/</c>).
    /// </summary>
    public static string? CleanContainerPath(string path, string? workingDir = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = path.StartsWith('/') ? path : (string.IsNullOrEmpty(workingDir) ? "/" : workingDir.TrimEnd('/')) + "/" + path;
        var parts = new List<string>();
        foreach (var part in full.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count == 0)
                {
                    return null;
                }

                parts.RemoveAt(parts.Count - 1);
                continue;
            }

            parts.Add(part);
        }

        return "/" + string.Join('/', parts);
    }

    /// <summary>True when <paramref name="name"/> can be one path segment: not empty, not <c>.</c>/<c>..</c>, no <c>/</c>, <c>\</c> or control character.</summary>
    public static bool IsSafeSegment(string? name)
    {
        if (string.IsNullOrEmpty(name) || name is "." or "..")
        {
            return false;
        }

        foreach (var c in name)
        {
            if (c is '/' or '\\' || char.IsControl(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when <paramref name="subPath"/> is a relative path without a <c>..</c> element (Kubernetes' rule for <c>volumeMounts.subPath</c>).</summary>
    public static bool IsDescendingPath(string subPath)
    {
        ArgumentNullException.ThrowIfNull(subPath);
        if (subPath.StartsWith('/') || subPath.StartsWith('\\'))
        {
            return false;
        }

        foreach (var part in subPath.Split('/', '\\'))
        {
            if (part == "..")
            {
                return false;
            }
        }

        return true;
    }

    private static string SafeReal(string path)
    {
        try
        {
            return RealPath(path);
        }
        catch (RunWallException)
        {
            return path;
        }
    }

    private static IEnumerable<string> Reverse(string[] parts)
    {
        for (var i = parts.Length - 1; i >= 0; i--)
        {
            yield return parts[i];
        }
    }
}
