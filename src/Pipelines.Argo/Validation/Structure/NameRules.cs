using System;
using System.Collections.Generic;
using Pipelines.Argo.Model;

namespace Pipelines.Argo.Validation;

internal static partial class StructureRules
{
    private static void CheckObjectNames(ValidationContext ctx)
    {
        var meta = ctx.Object.Metadata;
        var metaPath = FieldPath.Root.Field("metadata");
        if (IsBlank(meta?.Name) && IsBlank(meta?.GenerateName))
        {
            // The API server's ValidateObjectMeta: "metadata.name: Required value: name or generateName is required".
            // Argo submits and creates through it, so neither `argo submit` nor `kubectl create` accepts the object.
            var atSubmit = ctx.Kind == ArgoKind.Workflow && ctx.Options.NameAtSubmit;
            ctx.Report(
                FindingCodes.ObjectNameMissing,
                atSubmit ? Severity.Warning : Severity.Error,
                "metadata.name: Required value: name or generateName is required" + (atSubmit
                    ? " when the workflow is created; this run gives it a name, but set metadata.generateName (such as \"my-workflow-\") or metadata.name so that it can be created as written"
                    : "; set metadata.name" + (ctx.Kind == ArgoKind.Workflow ? " or metadata.generateName (such as \"my-workflow-\")" : string.Empty)),
                meta is null ? FieldPath.Root : metaPath);
        }

        if (meta is null)
        {
            return;
        }

        if (meta.Name is { } name)
        {
            var (limit, what) = ctx.Kind switch
            {
                ArgoKind.CronWorkflow => (52, "cron workflow name"),
                ArgoKind.WorkflowTemplate => (63, "workflow template name"),
                ArgoKind.ClusterWorkflowTemplate => (63, "cluster workflow template name"),
                _ => (63, "workflow name"),
            };
            if (name.Length > limit)
            {
                ctx.Report(
                    ctx.Kind == ArgoKind.CronWorkflow ? FindingCodes.CronNameTooLong : FindingCodes.NameTooLong,
                    what + " \"" + name + "\" must not be more than " + Num(limit) + " characters long (currently " + Num(name.Length) + "); shorten metadata.name",
                    metaPath.Field("name"));
            }

            if (!PathSafety.IsSafeSegment(name))
            {
                ReportNotAFolder(ctx, "metadata.name", name, metaPath.Field("name"));
            }
            else if (!IsDnsSubdomain(name))
            {
                ctx.Report(
                    FindingCodes.ObjectNameInvalid,
                    "metadata.name \"" + name + "\" is invalid: a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
                    metaPath.Field("name"));
            }
        }

        if (meta.GenerateName is { Length: > 0 } generateName)
        {
            // The API server checks the prefix with any trailing '-' removed, since a random suffix follows.
            var prefix = generateName.TrimEnd('-');
            if (!PathSafety.IsSafeSegment(generateName))
            {
                ReportNotAFolder(ctx, "metadata.generateName", generateName, metaPath.Field("generateName"));
            }
            else if (!IsDnsSubdomain(prefix))
            {
                ctx.Report(
                    FindingCodes.ObjectNameInvalid,
                    "metadata.generateName \"" + generateName + "\" is invalid: a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start with an alphanumeric character",
                    metaPath.Field("generateName"));
            }
        }
    }

    private static void ReportNotAFolder(ValidationContext ctx, string field, string value, FieldPath path) =>
        ctx.Report(
            FindingCodes.ObjectNameNotAFolder,
            field + " \"" + value + "\" cannot name a folder (it has '/', '\\' or is '.' or '..'): Argo's validator accepts it, but the API server rejects it as not a lowercase RFC 1123 subdomain, and pipelines run refuses it because the run's node folders would land outside the run folder; use lowercase letters, digits, '-' and '.'",
            path);

    internal static bool IsDnsSubdomain(string name) => name.Length > 0 && name.Length <= 253 && DnsSubdomainPattern.IsMatch(name);

    private static void CheckTemplateNames(ValidationContext ctx, WorkflowSpec spec, FieldPath specPath)
    {
        if (spec.Templates is not { } templates)
        {
            return;
        }

        if (templates.Count > 200)
        {
            ctx.Report(FindingCodes.ListSizeInvalid, "spec.templates has " + Num(templates.Count) + " templates; the CRD allows at most 200", specPath.Field("templates"));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < templates.Count; i++)
        {
            var t = templates[i];
            if (t is null)
            {
                continue;
            }

            var namePath = ctx.TemplatePath(i).Field("name");
            if (NodeNameError(t.Name, allowPlaceholders: false) is { } error)
            {
                ctx.Report(FindingCodes.NodeNameInvalid, "template " + error, namePath);
            }
            else if (!seen.Add(t.Name!))
            {
                ctx.Report(FindingCodes.NodeNameDuplicate, "template name " + Quote(t.Name) + " is not unique; rename one of the templates", namePath);
            }
        }
    }

    /// <summary>NAME-04/05: step names (unique across all groups of the template) and NAME-04/10: task names.</summary>
    private static void CheckChildNames(ValidationContext ctx, Template t, FieldPath templatePath)
    {
        if (t.Steps is not null)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (step, path) in StepsOf(t, templatePath))
            {
                if (NodeNameError(step.Name, allowPlaceholders: true) is { } error)
                {
                    ctx.Report(FindingCodes.NodeNameInvalid, "step " + error, path.Field("name"));
                }
                else if (!seen.Add(step.Name!))
                {
                    ctx.Report(FindingCodes.NodeNameDuplicate, "step name " + Quote(step.Name) + " is not unique: step names must be unique across all step groups of the template", path.Field("name"));
                }
            }
        }

        if (t.Dag?.Tasks is { } tasks)
        {
            var usesDepends = false;
            foreach (var task in tasks)
            {
                usesDepends |= task is not null && !IsBlank(task.Depends);
            }

            // Paths are made only for a finding: a DAG may have thousands of tasks.
            var tasksPath = templatePath.Field("dag").Field("tasks");
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < tasks.Count; i++)
            {
                if (tasks[i] is not { } task)
                {
                    continue;
                }

                if (NodeNameError(task.Name, allowPlaceholders: true) is { } error)
                {
                    ctx.Report(FindingCodes.NodeNameInvalid, "task " + error, tasksPath.Item(i).Field("name"));
                    continue;
                }

                if (!seen.Add(task.Name!))
                {
                    ctx.Report(FindingCodes.NodeNameDuplicate, "task name " + Quote(task.Name) + " is not unique within the DAG; rename one of the tasks", tasksPath.Item(i).Field("name"));
                }

                if ((usesDepends || task.Dependencies is not null) && task.Name![0] >= '0' && task.Name[0] <= '9')
                {
                    ctx.Report(
                        FindingCodes.TaskNameLeadingDigit,
                        "task name " + Quote(task.Name) + " cannot begin with a digit when using either 'depends' or 'dependencies'; start it with a letter",
                        tasksPath.Item(i).Field("name"));
                }
            }
        }
    }

    /// <summary>NAME-06/07 and the CRD rules for a list of parameters (names, duplicates, globalName, enum size).</summary>
    private static void CheckParameterNames(ValidationContext ctx, List<Parameter>? parameters, FieldPath path)
    {
        if (parameters is null)
        {
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (p, itemPath) in Indexed(parameters, path))
        {
            if (p is null)
            {
                continue;
            }

            if (IsBlank(p.Name) || !ParameterNamePattern.IsMatch(p.Name!))
            {
                ctx.Report(FindingCodes.ParameterNameInvalid, "parameter " + ParameterNameMessage(p.Name), itemPath.Field("name"));
            }
            else if (!seen.Add(p.Name!))
            {
                ctx.Report(FindingCodes.ParameterNameDuplicate, "parameter name " + Quote(p.Name) + " is not unique; each parameter of a list needs its own name", itemPath.Field("name"));
            }

            CheckGlobalName(ctx, p.GlobalName, itemPath.Field("globalName"));
            if (p.Enum is { Count: 0 })
            {
                ctx.Report(FindingCodes.EnumInvalid, "parameter " + Quote(p.Name) + ": enum should contain at least one value; list the allowed values or remove enum", itemPath.Field("enum"));
            }
        }
    }

    /// <summary>NAME-06/07 and the CRD rules for a list of artifacts (names, duplicates, globalName, mode, locations).</summary>
    private static void CheckArtifactNames(ValidationContext ctx, List<Artifact>? artifacts, FieldPath path)
    {
        if (artifacts is null)
        {
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (a, itemPath) in Indexed(artifacts, path))
        {
            if (a is null)
            {
                continue;
            }

            if (IsBlank(a.Name) || !ParameterNamePattern.IsMatch(a.Name!))
            {
                ctx.Report(FindingCodes.ParameterNameInvalid, "artifact " + ParameterNameMessage(a.Name), itemPath.Field("name"));
            }
            else if (!seen.Add(a.Name!))
            {
                ctx.Report(FindingCodes.ParameterNameDuplicate, "artifact name " + Quote(a.Name) + " is not unique; each artifact of a list needs its own name", itemPath.Field("name"));
            }

            CheckGlobalName(ctx, a.GlobalName, itemPath.Field("globalName"));
            CheckArtifactCrd(ctx, a, itemPath);
        }
    }

    private static void CheckGlobalName(ValidationContext ctx, string? globalName, FieldPath path)
    {
        if (globalName is null || HasPlaceholder(globalName))
        {
            return;
        }

        if (!ParameterNamePattern.IsMatch(globalName))
        {
            ctx.Report(
                FindingCodes.GlobalNameInvalid,
                "globalName " + Quote(globalName) + " is invalid: Parameter/Artifact name must consist of alpha-numeric characters, '_' or '-' e.g. my_param_1, MY-PARAM-1",
                path);
        }
    }

    /// <summary>NAME-08/09: containerSet container names, init container names, reserved names.</summary>
    private static void CheckContainerNames(ValidationContext ctx, Template t, FieldPath templatePath)
    {
        if (t.ContainerSet?.Containers is { } containers)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (c, path) in Indexed(containers, templatePath.Field("containerSet").Field("containers")))
            {
                if (c is null)
                {
                    continue;
                }

                if (NodeNameError(c.Name, allowPlaceholders: false) is { } error)
                {
                    ctx.Report(FindingCodes.ContainerNameInvalid, "containerSet container " + error, path.Field("name"));
                }
                else if (!seen.Add(c.Name!))
                {
                    ctx.Report(FindingCodes.ContainerNameInvalid, "containerSet container name " + Quote(c.Name) + " is not unique", path.Field("name"));
                }

                CheckReservedName(ctx, c.Name, path.Field("name"));
            }
        }

        foreach (var (c, path) in Indexed(t.InitContainers, templatePath.Field("initContainers")))
        {
            if (c is not null && IsBlank(c.Name))
            {
                ctx.Report(FindingCodes.ContainerNameInvalid, "initContainers must all have container name; add a name", path);
            }
        }

        foreach (var (c, path) in Indexed(t.Sidecars, templatePath.Field("sidecars")))
        {
            CheckReservedName(ctx, c?.Name, path.Field("name"));
        }
    }

    private static void CheckReservedName(ValidationContext ctx, string? name, FieldPath path)
    {
        if (name is "wait" or "supervisor" || (name is not null && name.StartsWith("artifact-plugin-", StringComparison.Ordinal)))
        {
            ctx.Report(FindingCodes.ReservedContainerName, "\"" + name + "\" is a reserved Argo container name; choose another name", path);
        }
    }
}
