using System;
using System.Collections.Generic;

namespace Pipelines.Argo.Validation;

/// <summary>
/// Path checks shared by the validator and the local runner: Argo's own directory-traversal rule for artifact paths,
/// and whether a path or a name can leave the folder it is placed in. Paths use '/' as Argo's containers do.
/// </summary>
public static class PathSafety
{
    /// <summary>
    /// Cleans a path the way Go's <c>path.Clean</c> does: collapses repeated '/', removes '.' segments, resolves
    /// '..' against the segment before it, drops '..' at the root of an absolute path, and returns "." for nothing.
    /// </summary>
    public static string Clean(string path)
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path));
        }

        var rooted = path.StartsWith("/", StringComparison.Ordinal);
        var parts = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (parts.Count > 0 && parts[parts.Count - 1] != "..")
                {
                    parts.RemoveAt(parts.Count - 1);
                }
                else if (!rooted)
                {
                    parts.Add(segment);
                }

                continue;
            }

            parts.Add(segment);
        }

        var joined = string.Join("/", parts);
        return rooted ? "/" + joined : joined.Length == 0 ? "." : joined;
    }

    /// <summary>
    /// True when Argo rejects the artifact path as directory traversal (Go: <c>Artifact.CleanPath</c> in
    /// pkg/apis/workflow/v1alpha1/workflow_types.go): the part before the first <c>/../</c> (or a trailing
    /// <c>/..</c>) is a safe folder, and the cleaned path must stay strictly inside it.
    /// </summary>
    public static bool IsArgoTraversal(string path)
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path));
        }

        string safeDir;
        var cut = path.IndexOf("/../", StringComparison.Ordinal);
        if (cut >= 0)
        {
            safeDir = path.Substring(0, cut);
        }
        else if (path.EndsWith("/..", StringComparison.Ordinal))
        {
            safeDir = path.Substring(0, path.Length - 3);
        }
        else
        {
            return false;
        }

        if (safeDir.Length == 0)
        {
            return false;
        }

        var cleaned = Clean(path);
        var prefix = safeDir + "/";
        return !cleaned.StartsWith(prefix, StringComparison.Ordinal) || cleaned.Length <= prefix.Length;
    }

    /// <summary>
    /// True when a '..' segment climbs above where the path starts: above '/' for an absolute path (<c>/../etc</c>),
    /// above the current folder for a relative one (<c>../x</c>, <c>a/../../x</c>). Go's cleaning hides the first
    /// case (it drops '..' at the root), so Argo accepts it; a runner that maps the path into a folder must not.
    /// </summary>
    public static bool ClimbsAboveStart(string path)
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path));
        }

        var depth = 0;
        foreach (var segment in path.Replace('\\', '/').Split('/'))
        {
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            depth += segment == ".." ? -1 : 1;
            if (depth < 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the path leaves its folder with '..': Argo's traversal rule, or climbing above its start.</summary>
    public static bool Escapes(string path) => IsArgoTraversal(path) || ClimbsAboveStart(path);

    /// <summary>
    /// True when <paramref name="name"/> is usable as one file or folder name under another folder: not empty, not
    /// '.' or '..', and without '/', '\' or control characters.
    /// </summary>
    public static bool IsSafeSegment(string? name)
    {
        if (string.IsNullOrEmpty(name) || name == "." || name == "..")
        {
            return false;
        }

        foreach (var c in name!)
        {
            if (c == '/' || c == '\\' || char.IsControl(c))
            {
                return false;
            }
        }

        return true;
    }
}
