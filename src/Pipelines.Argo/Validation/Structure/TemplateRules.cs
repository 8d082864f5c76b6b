using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Pipelines.Argo.Model;
using Pipelines.Argo.Validation.Syntax;

namespace Pipelines.Argo.Validation;

internal static partial class StructureRules
{
    private static readonly string[] ResourceActions = ["get", "create", "apply", "delete", "replace", "patch"];
    private static readonly string[] MergeStrategies = ["strategic", "merge", "json"];
    private static readonly Regex ExpressionTag = new(@"\{\{=.*?\}\}", RegexOptions.CultureInvariant | RegexOptions.Singleline);

    /// <summary>Checks one template (of spec.templates, or inline in a step or task) and, recursively, its steps and tasks.</summary>
    private static void CheckTemplate(ValidationContext ctx, Template? t, FieldPath path)
    {
        if (t is null)
        {
            return;
        }

        var types = TypesOf(t);
        if (types.Count == 0)
        {
            ctx.Report(FindingCodes.TemplateTypeInvalid, "template type unspecified. choose one of: container, containerSet, steps, script, resource, dag, suspend, data, http, plugin", path);
        }
        else if (types.Count > 1)
        {
            ctx.Report(
                FindingCodes.TemplateTypeInvalid,
                "multiple template types specified (" + string.Join(", ", types.Select(TypeName)) + "); a template must have exactly one",
                path.Field(TypeName(types[1])));
        }

        var type = types.Count == 1 ? types[0] : TemplateType.None;
        CheckImage(ctx, t, path);
        CheckLeafFields(ctx, t, type, path);
        CheckContainerNames(ctx, t, path);
        CheckResourceTemplate(ctx, t, path);
        CheckContainerSet(ctx, t, path);
        CheckInputs(ctx, t, type, path);
        CheckOutputs(ctx, t, type, path);
        CheckPodResources(ctx, t.PodResources, path.Field("podResources"), type);
        if (t.ResourceClaims is { Count: > 0 } && types.Count == 1 && !CreatesPod(type))
        {
            ctx.Report(
                FindingCodes.ResourceClaimsNotAllowed,
                "resourceClaims is not supported for " + TypeName(type) + " templates, which do not create a pod; move them to the container templates that need them",
                path.Field("resourceClaims"));
        }

        CheckMetrics(ctx, t.Metrics, path.Field("metrics"), templateLevel: true);
        CheckRetryStrategy(ctx, t.RetryStrategy, path.Field("retryStrategy"));
        CheckArchiveLocation(ctx, t.ArchiveLocation, path.Field("archiveLocation"));
        CheckTemplateVolumes(ctx, t, path);
        CheckQuantities(ctx, t, path);
        CheckChildNames(ctx, t, path);
        if (t.Steps is not null)
        {
            if (t.Steps.Count == 0)
            {
                ctx.Report(FindingCodes.ListSizeInvalid, "steps must have at least one step group", path.Field("steps"));
            }

            foreach (var (step, stepPath) in StepsOf(t, path))
            {
                CheckCall(ctx, step.Template, step.TemplateRef, step.Inline, step.Arguments, stepPath, "step", step.Name);
                CheckHandlers(ctx, step.OnExit, step.Hooks, stepPath, requireExpression: true);
            }
        }

        if (t.Dag is { } dag)
        {
            if (dag.Tasks is { Count: > 200 } tasks)
            {
                ctx.Report(FindingCodes.ListSizeInvalid, "dag.tasks has " + Num(tasks.Count) + " tasks; the CRD allows at most 200", path.Field("dag").Field("tasks"));
            }

            foreach (var (task, taskPath) in TasksOf(t, path))
            {
                CheckCall(ctx, task.Template, task.TemplateRef, task.Inline, task.Arguments, taskPath, "task", task.Name);
                CheckHandlers(ctx, task.OnExit, task.Hooks, taskPath, requireExpression: false);
            }
        }
    }

    private static void CheckTemplateDefaults(ValidationContext ctx, Template defaults, FieldPath path)
    {
        CheckRetryStrategy(ctx, defaults.RetryStrategy, path.Field("retryStrategy"), argoChecks: false);
        CheckParallelismValue(ctx, defaults.Parallelism, path.Field("parallelism"));
        CheckMetrics(ctx, defaults.Metrics, path.Field("metrics"), templateLevel: true, argoChecks: false);
        CheckQuantities(ctx, defaults, path);
        if (defaults.Resource is { } resource)
        {
            CheckResourceEnums(ctx, resource, path.Field("resource"));
        }
    }

    private static void CheckImage(ValidationContext ctx, Template t, FieldPath path)
    {
        var defaults = ctx.Spec?.TemplateDefaults;
        if (t.Container is { } c && IsBlank(c.Image) && IsBlank(defaults?.Container?.Image))
        {
            ctx.Report(FindingCodes.ImageMissing, "container.image may not be empty; set an image (or spec.templateDefaults.container.image)", path.Field("container"));
        }

        if (t.Script is { } s && IsBlank(s.Image) && IsBlank(defaults?.Script?.Image))
        {
            ctx.Report(FindingCodes.ImageMissing, "script.image may not be empty; set an image (or spec.templateDefaults.script.image)", path.Field("script"));
        }
    }

    private static void CheckLeafFields(ValidationContext ctx, Template t, TemplateType type, FieldPath path)
    {
        var isSteps = t.Steps is not null;
        var isDag = t.Dag is not null;
        if ((isSteps || isDag) && t.ActiveDeadlineSeconds is not null)
        {
            // Go: validateNonLeaf, called by validateSteps and validateDAG only (suspend templates may set it).
            var kind = isSteps ? "steps" : "dag";
            ctx.Report(FindingCodes.LeafOnlyField, "activeDeadlineSeconds is only valid for leaf templates; set it on the templates the " + kind + " call, or use spec.activeDeadlineSeconds", path.Field("activeDeadlineSeconds"));
        }

        if (type is TemplateType.Steps or TemplateType.Dag or TemplateType.Suspend)
        {
            // Go: validateTemplate asks IsLeaf(), which is false for steps, dag and suspend templates.
            var kind = type switch { TemplateType.Steps => "Steps", TemplateType.Dag => "DAG", _ => "Suspend" };
            var advice = type == TemplateType.Suspend
                ? "use suspend.duration to resume after a time"
                : "set it on the leaf templates instead";
            if (!IsBlank(t.Timeout))
            {
                ctx.Report(FindingCodes.LeafOnlyField, kind + " template doesn't support timeout field; " + advice, path.Field("timeout"));
            }

            if (!IsBlank(t.PendingTimeout))
            {
                ctx.Report(FindingCodes.LeafOnlyField, kind + " template doesn't support pendingTimeout field; " + advice, path.Field("pendingTimeout"));
            }
        }
        else if (IsLeaf(type))
        {
            CheckDurationField(ctx, t.Timeout, t.Name, "timeout", path.Field("timeout"));
            if (t.ActiveDeadlineSeconds is { } ads && !HasPlaceholder(ads.Text))
            {
                var ok = long.TryParse(ads.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0;
                if (!ok)
                {
                    ctx.Report(FindingCodes.ActiveDeadlineInvalid, "activeDeadlineSeconds must be a positive integer > 0 or an argo variable (currently " + Quote(ads.Text) + ")", path.Field("activeDeadlineSeconds"));
                }
            }
        }

        if (t.Parallelism is { } parallelism)
        {
            if (!isSteps && !isDag && type != TemplateType.None)
            {
                ctx.Report(FindingCodes.ParallelismNotAllowed, "parallelism is only valid for steps and dag templates; limit concurrency on the calling steps or dag template", path.Field("parallelism"));
            }
            else
            {
                CheckParallelismValue(ctx, parallelism, path.Field("parallelism"));
            }
        }
    }

    private static void CheckDurationField(ValidationContext ctx, string? value, string? templateName, string field, FieldPath path)
    {
        if (IsBlank(value) || HasPlaceholder(value))
        {
            return;
        }

        // Go: validateTemplate rejects only a whole number (strconv.Atoi succeeds); anything else passes validation and
        // fails when the controller parses it (time.ParseDuration), so that is a warning.
        if (int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            ctx.Report(
                FindingCodes.TimeoutInvalid,
                (templateName ?? "template") + " has invalid duration format in " + field + ": a bare number has no unit; use a duration such as \"" + value!.TrimStart('+') + "s\"",
                path);
        }
        else if (!GoDuration.TryParse(value, out _, out var error))
        {
            ctx.Report(
                FindingCodes.TimeoutNotDuration,
                (templateName ?? "template") + " has invalid duration format in " + field + ": " + error + "; Argo accepts it, but the node fails when it runs; use a duration such as \"30s\", \"10m\" or \"1h\"",
                path);
        }
    }

    private static void CheckParallelismValue(ValidationContext ctx, long? value, FieldPath path)
    {
        if (value is < 1)
        {
            ctx.Report(FindingCodes.NumberOutOfRange, "parallelism must be at least 1 (currently " + Num(value.Value) + ")", path);
        }
    }

    private static void CheckResourceEnums(ValidationContext ctx, ResourceTemplate r, FieldPath path)
    {
        if (r.MergeStrategy is { } merge && Array.IndexOf(MergeStrategies, merge) < 0)
        {
            ctx.Report(FindingCodes.EnumValueInvalid, "resource.mergeStrategy " + Quote(merge) + " must be one of: strategic, merge, json", path.Field("mergeStrategy"));
        }
    }

    private static void CheckResourceTemplate(ValidationContext ctx, Template t, FieldPath templatePath)
    {
        if (t.Resource is not { } r)
        {
            return;
        }

        var path = templatePath.Field("resource");
        CheckResourceEnums(ctx, r, path);
        var action = r.Action ?? string.Empty;
        if (!HasPlaceholder(action) && Array.IndexOf(ResourceActions, action) < 0)
        {
            ctx.Report(FindingCodes.ResourceTemplateInvalid, "resource.action must be one of: get, create, apply, delete, replace, patch (currently " + Quote(action) + ")", path.Field("action"));
        }

        var hasManifest = !IsBlank(r.Manifest);
        if (hasManifest && r.ManifestFrom is not null)
        {
            ctx.Report(FindingCodes.ResourceTemplateInvalid, "resource shouldn't have both manifest and manifestFrom; keep one", path.Field("manifestFrom"));
        }
        else if (!hasManifest && r.ManifestFrom is null && action != "get" && action != "delete" && !HasPlaceholder(action))
        {
            ctx.Report(FindingCodes.ResourceTemplateInvalid, "either resource.manifest or resource.manifestFrom must be specified for action " + Quote(action), path);
        }

        if (r.ManifestFrom?.Artifact is { } artifact)
        {
            var name = artifact.Name;
            var declared = t.Inputs?.Artifacts?.Any(a => a?.Name == name) ?? false;
            if (!declared)
            {
                ctx.Report(
                    FindingCodes.ResourceTemplateInvalid,
                    "artifact " + Quote(name) + " in manifestFrom refer to a non-exist artifact; declare it in the template's inputs.artifacts",
                    path.Field("manifestFrom").Field("artifact").Field("name"));
            }
        }

        if (hasManifest)
        {
            var text = ExpressionTag.Replace(r.Manifest!, "placeholder");
            var parsed = ArgoYaml.ReadText(text, "manifest");
            var syntax = parsed.Findings.FirstOrDefault(f => f.Severity == Severity.Error && f.Code == FindingCodes.YamlSyntax.Code);
            if (syntax is not null)
            {
                ctx.Report(FindingCodes.ResourceManifestNotYaml, "resource.manifest must be a valid yaml: " + syntax.Message, path.Field("manifest"));
            }
        }
    }

    private static void CheckContainerSet(ValidationContext ctx, Template t, FieldPath templatePath)
    {
        if (t.ContainerSet is not { } set)
        {
            return;
        }

        var path = templatePath.Field("containerSet");
        var containers = set.Containers ?? [];
        if (containers.Count == 0)
        {
            ctx.Report(FindingCodes.ContainerSetInvalid, "containers must have at least one container", path.Field("containers"));
            return;
        }

        var names = new HashSet<string>(containers.Where(c => c?.Name is not null).Select(c => c.Name!), StringComparer.Ordinal);
        foreach (var (c, cPath) in Indexed(containers, path.Field("containers")))
        {
            if (c is null)
            {
                continue;
            }

            foreach (var (dep, depPath) in Indexed(c.Dependencies, cPath.Field("dependencies")))
            {
                if (dep is null || !names.Contains(dep))
                {
                    ctx.Report(FindingCodes.ContainerSetInvalid, "containers." + c.Name + " dependency " + Quote(dep) + " not defined; name a container of this set", depPath);
                }
            }
        }

        if (FindContainerCycle(containers) is { } cycle)
        {
            ctx.Report(FindingCodes.ContainerSetInvalid, "containers dependency cycle detected: " + string.Join("->", cycle), path.Field("containers"));
        }

        var needsMain = (t.Inputs?.Artifacts?.Count ?? 0) > 0 || (t.Outputs?.Parameters?.Count ?? 0) > 0 || (t.Outputs?.Artifacts?.Count ?? 0) > 0;
        if (needsMain && !names.Contains("main"))
        {
            ctx.Report(FindingCodes.ContainerSetInvalid, "containerSet must have a container named \"main\" for input or output; rename the container that reads inputs or writes outputs to main", path.Field("containers"));
        }
    }


    private static List<string>? FindContainerCycle(List<ContainerNode> containers)
    {
        var byName = new Dictionary<string, ContainerNode>(StringComparer.Ordinal);
        foreach (var c in containers)
        {
            if (c?.Name is { } n && !byName.ContainsKey(n))
            {
                byName[n] = c;
            }
        }

        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new List<string>();

        List<string>? Visit(string name)
        {
            state[name] = 1;
            stack.Add(name);
            foreach (var dep in byName[name].Dependencies ?? [])
            {
                if (dep is null || !byName.ContainsKey(dep))
                {
                    continue;
                }

                state.TryGetValue(dep, out var s);
                if (s == 1)
                {
                    var start = stack.IndexOf(dep);
                    var cycle = stack.GetRange(start, stack.Count - start);
                    cycle.Add(dep);
                    return cycle;
                }

                if (s == 0 && Visit(dep) is { } found)
                {
                    return found;
                }
            }

            stack.RemoveAt(stack.Count - 1);
            state[name] = 2;
            return null;
        }

        foreach (var name in byName.Keys.ToList())
        {
            if (!state.ContainsKey(name) && Visit(name) is { } cycle)
            {
                return cycle;
            }
        }

        return null;
    }

    private static void CheckInputs(ValidationContext ctx, Template t, TemplateType type, FieldPath templatePath)
    {
        var path = templatePath.Field("inputs");
        CheckParameterNames(ctx, t.Inputs?.Parameters, path.Field("parameters"));
        if (t.Inputs?.Parameters is { Count: > 500 } many)
        {
            ctx.Report(FindingCodes.ListSizeInvalid, "inputs.parameters has " + Num(many.Count) + " parameters; the CRD allows at most 500", path.Field("parameters"));
        }

        CheckArtifactNames(ctx, t.Inputs?.Artifacts, path.Field("artifacts"));
        foreach (var (a, aPath) in Indexed(t.Inputs?.Artifacts, path.Field("artifacts")))
        {
            if (a is null)
            {
                continue;
            }

            if (!IsBlank(a.From))
            {
                ctx.Report(FindingCodes.InputArtifactInvalid, "inputs.artifacts." + a.Name + ".from not valid in inputs; pass the artifact with arguments.artifacts[].from in the calling step or task", aPath.Field("from"));
            }

            CheckArtifactPath(ctx, a, type, aPath, "inputs");
            CheckArtifactLocation(ctx, a.Git, a.Hdfs, aPath);
        }
    }

    /// <summary>
    /// Go: validateInputs and validateOutputs. A leaf template's artifact needs a path that Artifact.CleanPath accepts
    /// (no directory traversal); steps, dag and suspend templates (not leaves) must not set one.
    /// </summary>
    private static void CheckArtifactPath(ValidationContext ctx, Artifact a, TemplateType type, FieldPath aPath, string side)
    {
        var input = side == "inputs";
        var invalid = input ? FindingCodes.InputArtifactInvalid : FindingCodes.OutputArtifactInvalid;
        if (IsLeaf(type))
        {
            if (IsBlank(a.Path))
            {
                ctx.Report(
                    invalid,
                    "Artifact " + Quote(a.Name) + " did not specify a path; " + (input ? "set where it is placed in the container" : "set the file or folder to collect") + " (" + side + ".artifacts." + a.Name + ".path)",
                    aPath);
            }
            else if (PathSafety.IsArgoTraversal(a.Path!))
            {
                ctx.Report(
                    FindingCodes.ArtifactPathTraversal,
                    "error in " + side + ".artifacts." + a.Name + ": Artifact " + Quote(a.Name) + " attempted to use a path containing '..'. Directory traversal is not permitted; " + Quote(a.Path) + " cleans to " + Quote(PathSafety.Clean(a.Path!)) + ", outside " + Quote(a.Path!.Substring(0, Math.Max(0, a.Path.IndexOf("/..", StringComparison.Ordinal)))) + "; write the path without '..'",
                    aPath.Field("path"));
            }
            else if (PathSafety.ClimbsAboveStart(a.Path!))
            {
                ReportPathEscapes(ctx, side + ".artifacts." + a.Name + ".path", a.Path!, aPath.Field("path"));
            }
        }
        else if (type is TemplateType.Steps or TemplateType.Dag or TemplateType.Suspend && !IsBlank(a.Path))
        {
            ctx.Report(
                invalid,
                side + ".artifacts." + a.Name + ".path only valid in container/script templates; remove it" + (input ? string.Empty : " and use from to name the step or task output"),
                aPath.Field("path"));
        }
    }

    /// <summary>A path that escapes with '..' where Argo accepts it (PIPE1119).</summary>
    private static void ReportPathEscapes(ValidationContext ctx, string field, string path, FieldPath at) =>
        ctx.Report(
            FindingCodes.PathEscapes,
            field + " " + Quote(path) + " climbs out of its folder with '..' (it cleans to " + Quote(PathSafety.Clean(path)) + "): Argo accepts it, but pipelines run refuses it because it would leave the run folder; write the path without '..'",
            at);

    private static void CheckArchiveLocation(ValidationContext ctx, ArtifactLocation? location, FieldPath path)
    {
        if (location is null)
        {
            return;
        }

        if (LocationCount(location) > 1)
        {
            ctx.Report(FindingCodes.ArtifactLocationConflict, "at most one artifact location can be specified", path);
        }

        CheckArtifactLocation(ctx, location.Git, location.Hdfs, path);
        if (location.S3?.AddressingStyle is { } style)
        {
            CheckAddressingStyle(ctx, style, path.Field("s3").Field("addressingStyle"));
        }
    }

    private static void CheckArtifactLocation(ValidationContext ctx, GitArtifact? git, HDFSArtifact? hdfs, FieldPath path)
    {
        if (git is not null && IsBlank(git.Repo))
        {
            ctx.Report(FindingCodes.ArtifactLocationInvalid, "git.repo is required; set the repository URL", path.Field("git"));
        }

        if (hdfs is null)
        {
            return;
        }

        var hdfsPath = path.Field("hdfs");
        if (hdfs.Addresses is null || hdfs.Addresses.Count == 0)
        {
            ctx.Report(FindingCodes.ArtifactLocationInvalid, "hdfs.addresses is required; list the name node addresses", hdfsPath);
        }

        if (IsBlank(hdfs.Path) || (!hdfs.Path!.StartsWith("/", StringComparison.Ordinal) && !HasPlaceholder(hdfs.Path)))
        {
            ctx.Report(FindingCodes.ArtifactLocationInvalid, "hdfs.path must be a absolute file path", hdfsPath.Field("path"));
        }

        var kerberos = hdfs.KrbCCacheSecret is not null || hdfs.KrbKeytabSecret is not null;
        if (IsBlank(hdfs.HdfsUser) && !kerberos)
        {
            ctx.Report(FindingCodes.ArtifactLocationInvalid, "either hdfs.hdfsUser, hdfs.krbCCacheSecret or hdfs.krbKeytabSecret is required", hdfsPath);
        }
    }

    private static void CheckOutputs(ValidationContext ctx, Template t, TemplateType type, FieldPath templatePath)
    {
        var path = templatePath.Field("outputs");
        CheckParameterNames(ctx, t.Outputs?.Parameters, path.Field("parameters"));
        CheckArtifactNames(ctx, t.Outputs?.Artifacts, path.Field("artifacts"));
        foreach (var (p, pPath) in Indexed(t.Outputs?.Parameters, path.Field("parameters")))
        {
            if (p is null)
            {
                continue;
            }

            var prefix = "outputs.parameters." + p.Name;
            if (p.ValueFrom is null && p.Value is null)
            {
                ctx.Report(FindingCodes.OutputParameterInvalid, prefix + " does not have valueFrom or value specified", pPath);
                continue;
            }

            if (p.ValueFrom is not { } vf)
            {
                continue;
            }

            if (p.Value is not null)
            {
                ctx.Report(FindingCodes.OutputParameterInvalid, prefix + " has both valueFrom and value specified; keep one", pPath);
                continue;
            }

            if (vf.Path is { Length: > 0 } outputPath && !HasPlaceholder(outputPath) && PathSafety.Escapes(outputPath))
            {
                ReportPathEscapes(ctx, prefix + ".valueFrom.path", outputPath, pPath.Field("valueFrom").Field("path"));
            }

            var sources = (IsBlank(vf.Path) ? 0 : 1) + (IsBlank(vf.JqFilter) ? 0 : 1) + (IsBlank(vf.JsonPath) ? 0 : 1)
                + (IsBlank(vf.Parameter) ? 0 : 1) + (IsBlank(vf.Expression) ? 0 : 1) + (vf.Supplied is null ? 0 : 1);
            if (sources > 1 && !(type is TemplateType.Steps or TemplateType.Dag && sources == 2 && !IsBlank(vf.Parameter) && !IsBlank(vf.Expression)))
            {
                ctx.Report(FindingCodes.OutputParameterInvalid, prefix + " multiple valueFrom types specified; keep exactly one", pPath.Field("valueFrom"));
                continue;
            }

            switch (type)
            {
                case TemplateType.Container:
                case TemplateType.ContainerSet:
                case TemplateType.Script:
                    if (IsBlank(vf.Path))
                    {
                        ctx.Report(FindingCodes.OutputParameterInvalid, prefix + ".valueFrom.path must be specified for " + TypeName(type) + " templates", pPath.Field("valueFrom"));
                    }

                    break;
                case TemplateType.Resource:
                    if (IsBlank(vf.JqFilter) && IsBlank(vf.JsonPath))
                    {
                        ctx.Report(FindingCodes.OutputParameterInvalid, prefix + ".valueFrom.jqFilter or jsonPath must be specified for resource templates", pPath.Field("valueFrom"));
                    }

                    break;
                case TemplateType.Steps:
                case TemplateType.Dag:
                    if (IsBlank(vf.Parameter) && IsBlank(vf.Expression))
                    {
                        ctx.Report(FindingCodes.OutputParameterInvalid, prefix + ".valueFrom.parameter or expression must be specified for " + (type == TemplateType.Steps ? "Steps" : "DAG") + " templates", pPath.Field("valueFrom"));
                    }
                    else if (!IsBlank(vf.Parameter) && !IsBlank(vf.Expression))
                    {
                        ctx.Report(FindingCodes.OutputParameterInvalid, prefix + ".valueFrom.parameter and expression cannot both be specified; keep one", pPath.Field("valueFrom"));
                    }

                    break;
            }
        }

        foreach (var (a, aPath) in Indexed(t.Outputs?.Artifacts, path.Field("artifacts")))
        {
            if (a is null)
            {
                continue;
            }

            CheckArtifactPath(ctx, a, type, aPath, "outputs");
            CheckArtifactLocation(ctx, a.Git, null, aPath);
        }
    }

    private static void CheckPodResources(ValidationContext ctx, ResourceRequirements? resources, FieldPath path, TemplateType? templateType)
    {
        if (resources is null)
        {
            return;
        }

        if (templateType is TemplateType.Http or TemplateType.Plugin)
        {
            ctx.Report(FindingCodes.PodResourcesInvalid, "podResources is not supported for " + (templateType == TemplateType.Http ? "HTTP" : "plugin") + " templates; remove it", path);
            return;
        }

        if (resources.Claims is { Count: > 0 })
        {
            ctx.Report(FindingCodes.PodResourcesInvalid, "podResources.claims is not supported; use resourceClaims", path.Field("claims"));
        }

        foreach (var (field, map) in new[] { ("limits", resources.Limits), ("requests", resources.Requests) })
        {
            if (map is null)
            {
                continue;
            }

            foreach (var pair in map)
            {
                var key = pair.Key;
                if (key != "cpu" && key != "memory" && !key.StartsWith("hugepages-", StringComparison.Ordinal))
                {
                    ctx.Report(FindingCodes.PodResourcesInvalid, "\"" + key + "\" is not a valid pod-level resource; only cpu, memory and hugepages-* are allowed", path.Field(field).Field(key));
                }

                CheckQuantity(ctx, pair.Value, path.Field(field).Field(key));
            }
        }
    }

    private static void CheckQuantities(ValidationContext ctx, Template t, FieldPath path)
    {
        CheckResources(ctx, t.Container?.Resources, path.Field("container").Field("resources"));
        CheckResources(ctx, t.Script?.Resources, path.Field("script").Field("resources"));
        foreach (var (c, cPath) in Indexed(t.ContainerSet?.Containers, path.Field("containerSet").Field("containers")))
        {
            CheckResources(ctx, c?.Resources, cPath.Field("resources"));
        }

        foreach (var (c, cPath) in Indexed(t.InitContainers, path.Field("initContainers")))
        {
            CheckResources(ctx, c?.Resources, cPath.Field("resources"));
        }

        foreach (var (c, cPath) in Indexed(t.Sidecars, path.Field("sidecars")))
        {
            CheckResources(ctx, c?.Resources, cPath.Field("resources"));
        }
    }

    private static void CheckResources(ValidationContext ctx, ResourceRequirements? resources, FieldPath path)
    {
        if (resources is null)
        {
            return;
        }

        foreach (var (field, map) in new[] { ("limits", resources.Limits), ("requests", resources.Requests) })
        {
            if (map is null)
            {
                continue;
            }

            foreach (var pair in map)
            {
                CheckQuantity(ctx, pair.Value, path.Field(field).Field(pair.Key));
            }
        }
    }

    private static void CheckQuantity(ValidationContext ctx, Quantity? quantity, FieldPath path)
    {
        if (quantity is null || quantity.IsNumber || HasPlaceholder(quantity.Text))
        {
            return;
        }

        if (!QuantityPattern.IsMatch(quantity.Text))
        {
            ctx.Report(FindingCodes.QuantityInvalid, "quantity " + Quote(quantity.Text) + " is invalid; use a Kubernetes quantity such as 500m, 2, 1Gi or 512Mi", path);
        }
    }
}
