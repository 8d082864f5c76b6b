using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;
using Pipelines.Argo.Model;

namespace Pipelines.Argo.Validation;

/// <summary>The ten template types.</summary>
internal enum TemplateType
{
    None,
    Container,
    ContainerSet,
    Script,
    Resource,
    Steps,
    Dag,
    Suspend,
    Data,
    Http,
    Plugin,
}

internal static partial class StructureRules
{
    private static readonly Regex ParameterNamePattern = new("^[-a-zA-Z0-9_]+$", RegexOptions.CultureInvariant);
    private static readonly Regex MetricNamePattern = new("^[a-zA-Z_][a-zA-Z0-9_]*$", RegexOptions.CultureInvariant);
    private static readonly Regex DnsSubdomainPattern = new(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.CultureInvariant);
    private static readonly Regex PlaceholderPattern = new(@"\{\{.*?\}\}", RegexOptions.CultureInvariant | RegexOptions.Singleline);
    private static readonly Regex QuantityPattern = new(
        @"^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$",
        RegexOptions.CultureInvariant);

    /// <summary>The types a template sets, in Argo's order.</summary>
    private static List<TemplateType> TypesOf(Template t)
    {
        var types = new List<TemplateType>(1);
        if (t.Container is not null)
        {
            types.Add(TemplateType.Container);
        }

        if (t.ContainerSet is not null)
        {
            types.Add(TemplateType.ContainerSet);
        }

        if (t.Steps is not null)
        {
            types.Add(TemplateType.Steps);
        }

        if (t.Dag is not null)
        {
            types.Add(TemplateType.Dag);
        }

        if (t.Script is not null)
        {
            types.Add(TemplateType.Script);
        }

        if (t.Resource is not null)
        {
            types.Add(TemplateType.Resource);
        }

        if (t.Suspend is not null)
        {
            types.Add(TemplateType.Suspend);
        }

        if (t.Data is not null)
        {
            types.Add(TemplateType.Data);
        }

        if (t.Http is not null)
        {
            types.Add(TemplateType.Http);
        }

        if (t.Plugin is not null)
        {
            types.Add(TemplateType.Plugin);
        }

        return types;
    }

    private static TemplateType TypeOf(Template t)
    {
        var types = TypesOf(t);
        return types.Count == 1 ? types[0] : TemplateType.None;
    }

    private static bool IsLeaf(TemplateType type) =>
        type is TemplateType.Container or TemplateType.ContainerSet or TemplateType.Script or TemplateType.Resource
            or TemplateType.Data or TemplateType.Http or TemplateType.Plugin;

    private static bool CreatesPod(TemplateType type) =>
        type is TemplateType.Container or TemplateType.ContainerSet or TemplateType.Script or TemplateType.Resource or TemplateType.Data;

    private static string TypeName(TemplateType type) => type switch
    {
        TemplateType.Container => "container",
        TemplateType.ContainerSet => "containerSet",
        TemplateType.Script => "script",
        TemplateType.Resource => "resource",
        TemplateType.Steps => "steps",
        TemplateType.Dag => "dag",
        TemplateType.Suspend => "suspend",
        TemplateType.Data => "data",
        TemplateType.Http => "http",
        TemplateType.Plugin => "plugin",
        _ => "unknown",
    };

    private static bool HasPlaceholder(string? s) => s is not null && s.IndexOf("{{", StringComparison.Ordinal) >= 0;

    private static bool IsBlank(string? s) => s is null || s.Length == 0;

    private static string Quote(string? s) => "'" + (s ?? string.Empty) + "'";

    private static string Num(long n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>True when the artifact names a storage location (or a key within the default repository).</summary>
    private static int LocationCount(Artifact a) =>
        (a.S3 is null ? 0 : 1) + (a.Git is null ? 0 : 1) + (a.Http is null ? 0 : 1) + (a.Artifactory is null ? 0 : 1)
        + (a.Hdfs is null ? 0 : 1) + (a.Raw is null ? 0 : 1) + (a.Oss is null ? 0 : 1) + (a.Gcs is null ? 0 : 1)
        + (a.Azure is null ? 0 : 1) + (a.Plugin is null ? 0 : 1);

    private static int LocationCount(ArtifactLocation a) =>
        (a.S3 is null ? 0 : 1) + (a.Git is null ? 0 : 1) + (a.Http is null ? 0 : 1) + (a.Artifactory is null ? 0 : 1)
        + (a.Hdfs is null ? 0 : 1) + (a.Raw is null ? 0 : 1) + (a.Oss is null ? 0 : 1) + (a.Gcs is null ? 0 : 1)
        + (a.Azure is null ? 0 : 1) + (a.Plugin is null ? 0 : 1);

    private static bool HasLocation(Artifact a) => LocationCount(a) > 0;

    /// <summary>Why a template/step/task name is invalid, or null. Placeholders ({{...}}) are allowed; the literal parts are checked.</summary>
    private static string? NodeNameError(string? name, bool allowPlaceholders)
    {
        if (IsBlank(name))
        {
            return "name is required";
        }

        // (Only a name with '{{' can hold a placeholder; the plain names of large DAGs skip the regular expressions.)
        var literal = allowPlaceholders && HasPlaceholder(name) ? PlaceholderPattern.Replace(name!, "x") : name!;
        if (!IsNodeName(literal))
        {
            return "name " + Quote(name) + " is invalid: name must consist of alpha-numeric characters or '-', and must start with an alpha-numeric character";
        }

        if (literal == name && name!.Length > 128)
        {
            return "name " + Quote(name) + " must be no more than 128 characters (currently " + Num(name.Length) + ")";
        }

        return null;
    }

    // ^[a-zA-Z0-9][-a-zA-Z0-9]*$ as .NET matches it ('$' also matches before a final line feed).
    internal static bool IsNodeName(string text)
    {
        var length = text.Length > 0 && text[text.Length - 1] == '\n' ? text.Length - 1 : text.Length;
        if (length == 0 || text[0] == '-')
        {
            return false;
        }

        for (var i = 0; i < length; i++)
        {
            var c = text[i];
            if (!(c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    private static string ParameterNameMessage(string? name) =>
        IsBlank(name)
            ? "name is required"
            : "name " + Quote(name) + " is invalid: Parameter/Artifact name must consist of alpha-numeric characters, '_' or '-' e.g. my_param_1, MY-PARAM-1";

    private static IEnumerable<(T Item, FieldPath Path)> Indexed<T>(List<T>? list, FieldPath path)
    {
        if (list is null)
        {
            yield break;
        }

        for (var i = 0; i < list.Count; i++)
        {
            yield return (list[i], path.Item(i));
        }
    }

    /// <summary>Every step of a steps template with its path.</summary>
    private static IEnumerable<(WorkflowStep Step, FieldPath Path)> StepsOf(Template t, FieldPath templatePath)
    {
        if (t.Steps is null)
        {
            yield break;
        }

        var stepsPath = templatePath.Field("steps");
        for (var g = 0; g < t.Steps.Count; g++)
        {
            var group = t.Steps[g];
            if (group is null)
            {
                continue;
            }

            for (var s = 0; s < group.Count; s++)
            {
                if (group[s] is { } step)
                {
                    yield return (step, stepsPath.Item(g).Item(s));
                }
            }
        }
    }

    /// <summary>Every task of a dag template with its path.</summary>
    private static IEnumerable<(DAGTask Task, FieldPath Path)> TasksOf(Template t, FieldPath templatePath)
    {
        if (t.Dag?.Tasks is not { } tasks)
        {
            yield break;
        }

        var tasksPath = templatePath.Field("dag").Field("tasks");
        for (var i = 0; i < tasks.Count; i++)
        {
            if (tasks[i] is { } task)
            {
                yield return (task, tasksPath.Item(i));
            }
        }
    }
}
