using System;
using System.Collections.Generic;
using System.Linq;
using Pipelines.Argo.Model;
using Pipelines.Argo.Validation.Syntax;

namespace Pipelines.Argo.Validation;

internal static partial class StructureRules
{
    private static readonly string[] RetryPolicies = ["Always", "OnFailure", "OnError", "OnTransientError"];
    private static readonly string[] PodGCStrategies = ["OnPodCompletion", "OnPodSuccess", "OnWorkflowCompletion", "OnWorkflowSuccess"];
    private static readonly string[] ConcurrencyPolicies = ["Allow", "Forbid", "Replace"];
    private static readonly string[] ArtifactGCStrategies = ["OnWorkflowCompletion", "OnWorkflowDeletion", "Never"];
    private static readonly string[] GaugeOperations = ["Set", "Add", "Sub"];

    private static void CheckCron(ValidationContext ctx, CronWorkflow cron)
    {
        if (cron.Spec is not { } spec)
        {
            return;
        }

        var path = FieldPath.Root.Field("spec");
        if (spec.Schedules is null || spec.Schedules.Count == 0)
        {
            ctx.Report(FindingCodes.CronScheduleMissing, "cron workflow must have at least one schedule; add one to spec.schedules, such as \"0 * * * *\"", path.Field("schedules"));
        }

        foreach (var (schedule, sPath) in Indexed(spec.Schedules, path.Field("schedules")))
        {
            if (!CronSchedule.TryParse(schedule, out var error))
            {
                ctx.Report(FindingCodes.CronScheduleInvalid, "cron schedule " + schedule + " is malformed: " + error, sPath);
            }
            else if (!CronSchedule.MatchesCrd(schedule))
            {
                ctx.Report(
                    FindingCodes.CronScheduleInvalid,
                    Severity.Warning,
                    "cron schedule " + schedule + " does not match the CronWorkflow CRD's pattern (Argo's validator accepts it; kubectl apply with the full CRDs does not): use five fields, a descriptor such as @daily, or @every with whole-number durations; set the time zone in spec.timezone",
                    sPath);
            }
        }

        if (!IsBlank(spec.Timezone) && !TimeZones.IsValid(spec.Timezone))
        {
            ctx.Report(FindingCodes.CronTimezoneInvalid, "invalid timezone \"" + spec.Timezone + "\"; use an IANA time zone such as \"America/New_York\" or \"UTC\"", path.Field("timezone"));
        }

        if (!IsBlank(spec.ConcurrencyPolicy) && Array.IndexOf(ConcurrencyPolicies, spec.ConcurrencyPolicy) < 0)
        {
            ctx.Report(FindingCodes.CronConcurrencyPolicyInvalid, Quote(spec.ConcurrencyPolicy) + " is not a valid concurrencyPolicy; use Allow, Forbid or Replace", path.Field("concurrencyPolicy"));
        }

        if (spec.StartingDeadlineSeconds is < 0)
        {
            ctx.Report(FindingCodes.CronStartingDeadlineInvalid, "startingDeadlineSeconds must be positive (currently " + Num(spec.StartingDeadlineSeconds.Value) + ")", path.Field("startingDeadlineSeconds"));
        }
    }

    private static void CheckExecutorPlugins(ValidationContext ctx, WorkflowSpec spec, FieldPath specPath)
    {
        foreach (var (plugin, path) in Indexed(spec.ExecutorPlugins, specPath.Field("executorPlugins")))
        {
            if (plugin is null)
            {
                continue;
            }

            if (IsBlank(plugin.Metadata?.Name))
            {
                ctx.Report(FindingCodes.ExecutorPluginInvalid, "spec.executorPlugins: executor plugin metadata name is mandatory", path.Field("metadata"));
            }

            if (plugin.Spec?.Sidecar?.Container is not { } container)
            {
                ctx.Report(FindingCodes.ExecutorPluginInvalid, "spec.executorPlugins: executor plugin sidecar container is mandatory", path.Field("spec"));
            }
            else if (container.Ports is null || container.Ports.Count == 0)
            {
                ctx.Report(FindingCodes.ExecutorPluginInvalid, "spec.executorPlugins: at least one port is mandatory for the sidecar container", path.Field("spec").Field("sidecar").Field("container"));
            }
        }
    }

    private static readonly System.Text.RegularExpressions.Regex MetadataTag = new(@"\{\{(?<body>[^{}]*)\}\}", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private static readonly System.Text.RegularExpressions.Regex LabelValuePattern = new("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>
    /// operator.go updateWorkflowMetadata: at the workflow's start the controller substitutes the spec with the global
    /// parameters (substituteGlobalVariables, unresolved tags stay as written), then every spec.workflowMetadata label
    /// must pass validation.IsValidLabelValue or the workflow errors: "invalid label value %q for label %q: ...".
    /// Judged here only when every tag's value is known offline (a workflow parameter with a value, a metadata label
    /// or annotation), or when a tag can never resolve there (not a workflow variable, an undeclared parameter).
    /// </summary>
    private static void CheckWorkflowMetadataLabels(ValidationContext ctx, WorkflowSpec spec, FieldPath specPath)
    {
        if (spec.WorkflowMetadata?.Labels is not { } labels)
        {
            return;
        }

        var parameters = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var p in spec.Arguments?.Parameters ?? [])
        {
            if (p?.Name is { } n)
            {
                parameters[n] = p.Value?.Text;
            }
        }

        var anyParameter = ctx.IsTemplateKind || spec.WorkflowTemplateRef is not null;
        var meta = ctx.Object.Metadata;
        foreach (var label in labels)
        {
            var value = label.Value ?? string.Empty;
            var known = true;
            string? never = null;
            var substituted = MetadataTag.Replace(value, m =>
            {
                var body = m.Groups["body"].Value.Trim();
                const string Params = "workflow.parameters.", Labels = "workflow.labels.", Annotations = "workflow.annotations.";
                if (body.StartsWith(Params, StringComparison.Ordinal) && body.Length > Params.Length)
                {
                    if (parameters.TryGetValue(body.Substring(Params.Length), out var v))
                    {
                        known &= v is not null;
                        return v ?? m.Value;
                    }

                    known &= !anyParameter;
                    never ??= anyParameter ? null : m.Value;
                    return m.Value;
                }

                if (body.StartsWith(Labels, StringComparison.Ordinal) && meta?.Labels is { } ml && ml.TryGetValue(body.Substring(Labels.Length), out var lv))
                {
                    return lv ?? string.Empty;
                }

                if (body.StartsWith(Annotations, StringComparison.Ordinal) && meta?.Annotations is { } ma && ma.TryGetValue(body.Substring(Annotations.Length), out var av))
                {
                    return av ?? string.Empty;
                }

                if (body.StartsWith("workflow.", StringComparison.Ordinal) || body.StartsWith("=", StringComparison.Ordinal))
                {
                    // A workflow variable with a run-time value (name, uid, creationTimestamp, ...) or an expression.
                    known = false;
                    return m.Value;
                }

                // inputs.*, steps.*, tasks.*, item, pod.name, ...: not a global parameter, so it stays as written.
                never ??= m.Value;
                return m.Value;
            });

            var path = specPath.Field("workflowMetadata").Field("labels").Field(label.Key);
            if (never is not null)
            {
                ctx.Report(
                    FindingCodes.WorkflowMetadataLabelInvalid,
                    "invalid label value \"" + value + "\" for label \"" + label.Key + "\": " + never + " cannot resolve when the controller sets the workflow's labels (only workflow parameters, labels, annotations and other workflow.* variables can), so the braces stay and the workflow errors at start",
                    path);
            }
            else if (known && (substituted.Length > 63 || !LabelValuePattern.IsMatch(substituted)))
            {
                var why = substituted.Length > 63
                    ? "must be no more than 63 characters"
                    : "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
                ctx.Report(
                    FindingCodes.WorkflowMetadataLabelInvalid,
                    "invalid label value \"" + substituted + "\" for label \"" + label.Key + "\": " + why + " (the controller errors the workflow when it starts)",
                    path);
            }
        }
    }

    private static void CheckPodGC(ValidationContext ctx, WorkflowSpec spec, FieldPath specPath)
    {
        if (spec.PodGC is not { } podGC)
        {
            return;
        }

        var path = specPath.Field("podGC");
        if (!IsBlank(podGC.Strategy) && Array.IndexOf(PodGCStrategies, podGC.Strategy) < 0)
        {
            ctx.Report(
                FindingCodes.PodGCInvalid,
                "podGC.strategy unknown strategy " + Quote(podGC.Strategy) + "; use OnPodCompletion, OnPodSuccess, OnWorkflowCompletion or OnWorkflowSuccess",
                path.Field("strategy"));
        }

        if (podGC.LabelSelector is { } selector)
        {
            foreach (var (field, message) in LabelSelectorSyntax.Validate(selector))
            {
                ctx.Report(FindingCodes.PodGCInvalid, "podGC.labelSelector invalid: " + message, FieldPath.Parse(path.Field("labelSelector") + "." + field));
            }
        }
    }

    /// <summary>
    /// RETRY-01. <paramref name="argoChecks"/> is true for a template's own retryStrategy (Go: validateTemplateHolder);
    /// spec.retryStrategy and templateDefaults are only checked by the CRD enum, so there it is a warning.
    /// </summary>
    private static void CheckRetryStrategy(ValidationContext ctx, RetryStrategy? retry, FieldPath path, bool argoChecks = true)
    {
        if (retry?.RetryPolicy is { Length: > 0 } policy && Array.IndexOf(RetryPolicies, policy) < 0)
        {
            ctx.Report(
                FindingCodes.RetryPolicyInvalid,
                argoChecks ? Severity.Error : Severity.Warning,
                policy + " is not a valid RetryPolicy; use Always, OnFailure, OnError or OnTransientError" + (argoChecks ? string.Empty : " (Argo's validator does not check this field; the CRD enum does)"),
                path.Field("retryPolicy"));
        }
    }

    /// <summary>
    /// TPL-13 and NAME-11. Argo (validateTemplate) checks the metrics of templates only; spec.metrics and
    /// templateDefaults metrics (<paramref name="templateLevel"/> false, or <paramref name="argoChecks"/> false) only meet
    /// the CRD schema, so findings there are warnings.
    /// </summary>
    private static void CheckMetrics(ValidationContext ctx, Metrics? metrics, FieldPath path, bool templateLevel, bool argoChecks = true)
    {
        var severity = templateLevel && argoChecks ? Severity.Error : Severity.Warning;
        if (metrics?.Prometheus is not { } list)
        {
            return;
        }

        var listPath = path.Field("prometheus");
        if (list.Count > 100)
        {
            ctx.Report(FindingCodes.ListSizeInvalid, "metrics.prometheus has " + Num(list.Count) + " metrics; the CRD allows at most 100", listPath);
        }

        foreach (var (m, mPath) in Indexed(list, listPath))
        {
            if (m is null)
            {
                continue;
            }

            if (m.Name is { } name && !MetricNamePattern.IsMatch(name))
            {
                ctx.Report(FindingCodes.MetricNameInvalid, severity, "metric name " + Quote(name) + " is invalid. Metric names must contain alphanumeric characters or '_' and must not start with a digit", mPath.Field("name"));
            }

            foreach (var (label, lPath) in Indexed(m.Labels, mPath.Field("labels")))
            {
                if (label?.Key is { } key && !MetricNamePattern.IsMatch(key))
                {
                    ctx.Report(FindingCodes.MetricNameInvalid, severity, "metric label " + Quote(key) + " is invalid: keys may only contain alphanumeric characters or '_' and must not start with a digit", lPath.Field("key"));
                }
            }

            if (templateLevel && m.Help is not null && m.Help.Length == 0)
            {
                ctx.Report(FindingCodes.MetricInvalid, severity, "metric " + Quote(m.Name) + " must contain a help string under 'help: ' field", mPath.Field("help"));
            }

            if (m.Gauge is { } gauge)
            {
                if (templateLevel && IsBlank(gauge.Value))
                {
                    ctx.Report(FindingCodes.MetricInvalid, severity, "metric " + Quote(m.Name) + ": missing gauge.value", mPath.Field("gauge"));
                }

                if (gauge.Value is { Length: > 256 })
                {
                    ctx.Report(FindingCodes.FieldTooLong, "gauge.value is " + Num(gauge.Value.Length) + " characters long; the CRD allows at most 256", mPath.Field("gauge").Field("value"));
                }

                if (gauge.Realtime == true && gauge.Value is not null && gauge.Value.IndexOf("resourcesDuration.", StringComparison.Ordinal) >= 0)
                {
                    ctx.Report(FindingCodes.MetricInvalid, severity, "'resourcesDuration.*' metrics cannot be used in real-time gauges; set realtime: false", mPath.Field("gauge").Field("value"));
                }

                if (gauge.Operation is { } op && Array.IndexOf(GaugeOperations, op) < 0)
                {
                    ctx.Report(FindingCodes.EnumValueInvalid, "gauge.operation " + Quote(op) + " must be one of: Set, Add, Sub", mPath.Field("gauge").Field("operation"));
                }
            }

            if (templateLevel && m.Counter is { } counter && IsBlank(counter.Value))
            {
                ctx.Report(FindingCodes.MetricInvalid, severity, "metric " + Quote(m.Name) + ": missing counter.value", mPath.Field("counter"));
            }

            if (templateLevel && m.Histogram is { } histogram && IsBlank(histogram.Value))
            {
                ctx.Report(FindingCodes.MetricInvalid, severity, "metric " + Quote(m.Name) + ": missing histogram.value", mPath.Field("histogram"));
            }
        }
    }

    private static void CheckArtifactCrd(ValidationContext ctx, Artifact a, FieldPath path)
    {
        if (a.Mode is { } mode && (mode < 0 || mode > 511))
        {
            ctx.Report(FindingCodes.NumberOutOfRange, "artifact mode " + Num(mode) + " is out of range; use a file mode between 0 and 0777 (511)", path.Field("mode"));
        }

        if (LocationCount(a) > 1)
        {
            ctx.Report(FindingCodes.ArtifactLocationConflict, "at most one artifact location can be specified for artifact " + Quote(a.Name), path);
        }

        if (a.S3?.AddressingStyle is { } style)
        {
            CheckAddressingStyle(ctx, style, path.Field("s3").Field("addressingStyle"));
        }

        if (a.ArtifactGC?.Strategy is { Length: > 0 } strategy && Array.IndexOf(ArtifactGCStrategies, strategy) < 0)
        {
            ctx.Report(FindingCodes.EnumValueInvalid, "artifactGC.strategy " + Quote(strategy) + " must be one of: OnWorkflowCompletion, OnWorkflowDeletion, Never", path.Field("artifactGC").Field("strategy"));
        }
    }

    private static void CheckAddressingStyle(ValidationContext ctx, string style, FieldPath path)
    {
        if (style.Length > 0 && style != "path" && style != "virtual-hosted")
        {
            ctx.Report(FindingCodes.EnumValueInvalid, "s3.addressingStyle " + Quote(style) + " must be one of: path, virtual-hosted", path);
        }
    }

    private static void CheckSpecVolumes(ValidationContext ctx, WorkflowSpec spec, FieldPath specPath)
    {
        if (spec.ArtifactGC?.Strategy is { Length: > 0 } strategy && Array.IndexOf(ArtifactGCStrategies, strategy) < 0)
        {
            ctx.Report(FindingCodes.EnumValueInvalid, "artifactGC.strategy " + Quote(strategy) + " must be one of: OnWorkflowCompletion, OnWorkflowDeletion, Never", specPath.Field("artifactGC").Field("strategy"));
        }
    }

    /// <summary>The names of volumes a template's mounts may use: the workflow's, the template's, and volumeClaimTemplates.</summary>
    private static HashSet<string> VolumeNames(ValidationContext ctx, Template t)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var spec in new[] { ctx.Spec, ReferencedSpec(ctx) })
        {
            foreach (var v in spec?.Volumes ?? [])
            {
                if (v?.Name is { } n)
                {
                    names.Add(n);
                }
            }

            foreach (var c in spec?.VolumeClaimTemplates ?? [])
            {
                if (c?.Metadata?.Name is { } n)
                {
                    names.Add(n);
                }
            }
        }

        foreach (var v in t.Volumes ?? [])
        {
            if (v?.Name is { } n)
            {
                names.Add(n);
            }
        }

        return names;
    }

    private static void CheckTemplateVolumes(ValidationContext ctx, Template t, FieldPath path)
    {
        if (t.Container is { } container)
        {
            var containerPath = path.Field("container");
            var mounted = CheckDuplicateMounts(ctx, container.VolumeMounts, containerPath.Field("volumeMounts"), "container.volumeMounts");
            // Go: validateLeaf keeps one map of mount paths for a container template: volume mounts first, then each
            // input artifact's path, so an artifact may collide with a mount or with an earlier artifact.
            var artifactPaths = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (a, aPath) in Indexed(t.Inputs?.Artifacts, path.Field("inputs").Field("artifacts")))
            {
                if (a?.Path is not { Length: > 0 } p)
                {
                    continue;
                }

                if (mounted.TryGetValue(p, out var mountName))
                {
                    ctx.Report(
                        FindingCodes.VolumeMountDuplicate,
                        "inputs.artifacts[" + Num(aPath.Index) + "].path " + Quote(p) + " already mounted in container.volumeMounts." + mountName + "; place the artifact elsewhere or mount the volume at another path",
                        aPath.Field("path"));
                }
                else if (artifactPaths.TryGetValue(p, out var first))
                {
                    ctx.Report(
                        FindingCodes.VolumeMountDuplicate,
                        "inputs.artifacts[" + Num(aPath.Index) + "].path " + Quote(p) + " already mounted in inputs.artifacts." + first + "; give each input artifact its own path",
                        aPath.Field("path"));
                }
                else
                {
                    artifactPaths[p] = a.Name ?? string.Empty;
                }
            }
        }

        if (t.ContainerSet is { } set)
        {
            CheckDuplicateMounts(ctx, set.VolumeMounts, path.Field("containerSet").Field("volumeMounts"), "containerSet.volumeMounts");
        }

        var mounts = new List<(VolumeMount Mount, FieldPath Path)>();
        void Add(List<VolumeMount>? list, FieldPath listPath)
        {
            foreach (var (m, mPath) in Indexed(list, listPath))
            {
                if (m is not null)
                {
                    mounts.Add((m, mPath));
                }
            }
        }

        Add(t.Container?.VolumeMounts, path.Field("container").Field("volumeMounts"));
        Add(t.Script?.VolumeMounts, path.Field("script").Field("volumeMounts"));
        Add(t.ContainerSet?.VolumeMounts, path.Field("containerSet").Field("volumeMounts"));
        foreach (var (c, cPath) in Indexed(t.ContainerSet?.Containers, path.Field("containerSet").Field("containers")))
        {
            Add(c?.VolumeMounts, cPath.Field("volumeMounts"));
        }

        foreach (var (c, cPath) in Indexed(t.InitContainers, path.Field("initContainers")))
        {
            Add(c?.VolumeMounts, cPath.Field("volumeMounts"));
        }

        foreach (var (c, cPath) in Indexed(t.Sidecars, path.Field("sidecars")))
        {
            Add(c?.VolumeMounts, cPath.Field("volumeMounts"));
        }

        foreach (var (m, mPath) in mounts)
        {
            // Kubernetes' pod validation (validateLocalDescendingPath) rejects an absolute subPath or one with a '..'
            // segment when the pod is created; Argo's validator does not look.
            if (m.SubPath is { Length: > 0 } subPath && !HasPlaceholder(subPath) && !PathSafety.IsLocalDescendingPath(subPath))
            {
                ctx.Report(
                    FindingCodes.VolumeSubPathInvalid,
                    "volumeMount " + Quote(m.Name) + " subPath " + Quote(subPath) + (subPath.StartsWith("/", StringComparison.Ordinal) || subPath.StartsWith("\\", StringComparison.Ordinal) ? " must be a relative path" : " must not contain '..'")
                        + ": Argo accepts it, but Kubernetes rejects the pod when it starts, and pipelines run refuses it; name a folder inside the volume, such as \"data\"",
                    mPath.Field("subPath"));
            }
        }

        if (mounts.Count == 0 || !CanResolveOwnTemplates(ctx))
        {
            return;
        }

        var volumes = VolumeNames(ctx, t);
        foreach (var (m, mPath) in mounts)
        {
            if (m.Name is { } name && !HasPlaceholder(name) && !volumes.Contains(name))
            {
                var where = ctx.IsTemplateKind
                    ? "; unless every workflow that uses this template defines it, the pod is rejected at run time"
                    : "; Kubernetes rejects the pod at run time";
                ctx.Report(
                    FindingCodes.VolumeMountUnknown,
                    "volumeMount " + Quote(name) + " names no volume in spec.volumes, the template's volumes or spec.volumeClaimTemplates" + where,
                    mPath.Field("name"));
            }
        }
    }

    /// <summary>Reports mounts that reuse a mountPath; returns mountPath to mount name.</summary>
    private static Dictionary<string, string> CheckDuplicateMounts(ValidationContext ctx, List<VolumeMount>? mounts, FieldPath path, string label)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (m, mPath) in Indexed(mounts, path))
        {
            if (m?.MountPath is not { } mountPath)
            {
                continue;
            }

            if (seen.TryGetValue(mountPath, out var first))
            {
                ctx.Report(
                    FindingCodes.VolumeMountDuplicate,
                    label + "[" + Num(mPath.Index) + "].mountPath " + Quote(mountPath) + " already mounted in " + label + "." + first + "; use a different mountPath",
                    mPath.Field("mountPath"));
            }
            else
            {
                seen[mountPath] = m.Name ?? string.Empty;
            }
        }

        return seen;
    }
}
