using System;
using System.Collections.Generic;
using Pipelines.Argo.Model;

namespace Pipelines.Runner.Engine;

/// <summary>
/// The run-folder wall (docs/runner.md): names and paths of a workflow that the runner would turn into host paths
/// outside the run folder. Checked over the manifest before anything runs (values with <c>{{...}}</c> are left to
/// the run-time check) and over every template again after substitution.
/// </summary>
internal static class WallCheck
{
    /// <summary>One refused value: its field path and what is wrong.</summary>
    public readonly record struct Problem(string Path, string Message);

    private static bool Dynamic(string? value, bool resolved) => !resolved && value is not null && value.Contains("{{", StringComparison.Ordinal);

    /// <summary>The workflow name becomes folder and file names (node IDs): it must be one path segment.</summary>
    public static IEnumerable<Problem> WorkflowName(ObjectMeta? meta, string metaPath)
    {
        if (meta?.Name is { Length: > 0 } name && !RunWall.IsSafeSegment(name))
        {
            yield return new Problem(metaPath + ".name", $"the workflow name '{Escape(name)}' names the run's node folders, so it must not contain '/', '\\', control characters, or be '.' or '..'");
        }

        if (meta?.GenerateName is { Length: > 0 } prefix && !RunWall.IsSafeSegment(prefix.TrimEnd('.') + "x"))
        {
            yield return new Problem(metaPath + ".generateName", $"generateName '{Escape(prefix)}' names the run's node folders, so it must not contain '/', '\\' or control characters");
        }
    }

    /// <summary>The workflow spec: its templates and its argument artifacts.</summary>
    public static IEnumerable<Problem> Spec(WorkflowSpec? spec, string specPath)
    {
        if (spec is null)
        {
            yield break;
        }

        foreach (var p in Arguments(spec.Arguments, specPath + ".arguments", resolved: false))
        {
            yield return p;
        }

        var i = 0;
        foreach (var t in spec.Templates ?? [])
        {
            foreach (var p in Template(t, $"{specPath}.templates[{i}]", resolved: false))
            {
                yield return p;
            }

            i++;
        }
    }

    /// <summary>One template (and the arguments of its steps and tasks); <paramref name="resolved"/> after substitution.</summary>
    public static IEnumerable<Problem> Template(Template t, string path, bool resolved)
    {
        ArgumentNullException.ThrowIfNull(t);
        var workingDir = t.Container?.WorkingDir ?? t.Script?.WorkingDir;
        if (workingDir is not null && !Dynamic(workingDir, resolved) && RunWall.CleanContainerPath(workingDir) is null)
        {
            yield return new Problem(path + (t.Container is not null ? ".container" : ".script") + ".workingDir", $"workingDir '{Escape(workingDir)}' climbs above '/' with '..'; on the host it would leave the node's folder");
        }

        foreach (var p in Artifacts(t.Inputs?.Artifacts, path + ".inputs.artifacts", resolved, workingDir))
        {
            yield return p;
        }

        foreach (var p in Artifacts(t.Outputs?.Artifacts, path + ".outputs.artifacts", resolved, workingDir))
        {
            yield return p;
        }

        var k = 0;
        foreach (var o in t.Outputs?.Parameters ?? [])
        {
            if (o.ValueFrom?.Path is { } op && !Dynamic(op, resolved) && RunWall.CleanContainerPath(op, workingDir) is null)
            {
                yield return new Problem($"{path}.outputs.parameters[{k}].valueFrom.path", $"output parameter path '{Escape(op)}' climbs above '/' with '..'; the runner reads output files only inside the node's folder");
            }

            k++;
        }

        var mountsPath = path + (t.Container is not null ? ".container" : ".script") + ".volumeMounts";
        var m = 0;
        foreach (var mount in t.Container?.VolumeMounts ?? t.Script?.VolumeMounts ?? [])
        {
            if (mount.SubPath is { Length: > 0 } sub && !Dynamic(sub, resolved) && !RunWall.IsDescendingPath(sub))
            {
                yield return new Problem($"{mountsPath}[{m}].subPath", $"subPath '{Escape(sub)}' must be a relative path without '..' (Kubernetes rejects it too); it would leave the volume's folder");
            }

            if (mount.MountPath is { } mp && !Dynamic(mp, resolved) && RunWall.CleanContainerPath(mp, workingDir) is null)
            {
                yield return new Problem($"{mountsPath}[{m}].mountPath", $"mountPath '{Escape(mp)}' climbs above '/' with '..'");
            }

            if (mount.Name is { } vn && !Dynamic(vn, resolved) && !RunWall.IsSafeSegment(vn))
            {
                yield return new Problem($"{mountsPath}[{m}].name", $"volume name '{Escape(vn)}' names a folder of the run, so it must not contain '/' or be '.' or '..'");
            }

            m++;
        }

        var v = 0;
        foreach (var vol in t.Volumes ?? [])
        {
            if (vol.Name is { } vn && !Dynamic(vn, resolved) && !RunWall.IsSafeSegment(vn))
            {
                yield return new Problem($"{path}.volumes[{v}].name", $"volume name '{Escape(vn)}' names a folder of the run, so it must not contain '/' or be '.' or '..'");
            }

            v++;
        }

        var g = 0;
        foreach (var group in t.Steps ?? [])
        {
            var s = 0;
            foreach (var step in group ?? [])
            {
                foreach (var p in Arguments(step.Arguments, $"{path}.steps[{g}][{s}].arguments", resolved))
                {
                    yield return p;
                }

                if (step.Inline is { } inline)
                {
                    foreach (var p in Template(inline, $"{path}.steps[{g}][{s}].inline", resolved))
                    {
                        yield return p;
                    }
                }

                s++;
            }

            g++;
        }

        var ti = 0;
        foreach (var task in t.Dag?.Tasks ?? [])
        {
            foreach (var p in Arguments(task.Arguments, $"{path}.dag.tasks[{ti}].arguments", resolved))
            {
                yield return p;
            }

            if (task.Inline is { } inline)
            {
                foreach (var p in Template(inline, $"{path}.dag.tasks[{ti}].inline", resolved))
                {
                    yield return p;
                }
            }

            ti++;
        }
    }

    /// <summary>Argument artifacts: names, literal <c>artifact://</c> keys and subPaths.</summary>
    public static IEnumerable<Problem> Arguments(Arguments? arguments, string path, bool resolved)
    {
        var i = 0;
        foreach (var a in arguments?.Artifacts ?? [])
        {
            var at = $"{path}.artifacts[{i}]";
            if (a.Name is { } n && !Dynamic(n, resolved) && !RunWall.IsSafeSegment(n))
            {
                yield return new Problem(at + ".name", NameMessage(n));
            }

            if (a.From is { } from && !Dynamic(from, resolved) && !ArtifactKeyIsSafe(from))
            {
                yield return new Problem(at + ".from", $"artifact key '{Escape(from)}' leaves the run's artifact repository; keys are 'artifact://<node-id>/<name>' as the runner writes them");
            }

            if (a.SubPath is { Length: > 0 } sub && !Dynamic(sub, resolved) && !RunWall.IsDescendingPath(sub))
            {
                yield return new Problem(at + ".subPath", $"subPath '{Escape(sub)}' must be a relative path without '..'; it would leave the artifact");
            }

            i++;
        }
    }

    /// <summary>True when an <c>artifact://</c> key stays inside the repository (other keys are not local and fail later).</summary>
    public static bool ArtifactKeyIsSafe(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!key.StartsWith("artifact://", StringComparison.Ordinal))
        {
            return true;
        }

        var rest = key["artifact://".Length..];
        return !rest.StartsWith('/') && RunWall.IsDescendingPath(rest);
    }

    private static IEnumerable<Problem> Artifacts(List<Artifact>? artifacts, string path, bool resolved, string? workingDir)
    {
        var i = 0;
        foreach (var a in artifacts ?? [])
        {
            var at = $"{path}[{i}]";
            if (a.Name is { } n && !Dynamic(n, resolved) && !RunWall.IsSafeSegment(n))
            {
                yield return new Problem(at + ".name", NameMessage(n));
            }

            if (a.Path is { } p && !Dynamic(p, resolved) && RunWall.CleanContainerPath(p, workingDir) is null)
            {
                yield return new Problem(at + ".path", $"artifact path '{Escape(p)}' climbs above '/' with '..'; on the host it would leave the node's folder");
            }

            if (a.From is { } from && !Dynamic(from, resolved) && !ArtifactKeyIsSafe(from))
            {
                yield return new Problem(at + ".from", $"artifact key '{Escape(from)}' leaves the run's artifact repository; keys are 'artifact://<node-id>/<name>' as the runner writes them");
            }

            if (a.SubPath is { Length: > 0 } sub && !Dynamic(sub, resolved) && !RunWall.IsDescendingPath(sub))
            {
                yield return new Problem(at + ".subPath", $"subPath '{Escape(sub)}' must be a relative path without '..'; it would leave the artifact");
            }

            i++;
        }
    }

    private static string NameMessage(string name) =>
        $"artifact name '{Escape(name)}' is used as a file name in the run's artifact repository, so it must not contain '/', '\\', control characters, or be '.' or '..' (Argo allows only letters, digits, '-' and '_')";

    /// <summary>Control characters shown as escapes so that a message stays on one line.</summary>
    internal static string Escape(string text)
    {
        var sb = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}
