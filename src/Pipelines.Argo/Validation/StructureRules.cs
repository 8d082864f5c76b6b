using System;
using System.Collections.Generic;
using Pipelines.Argo.Model;

namespace Pipelines.Argo.Validation;

/// <summary>Names, template definitions, references, arguments, retry, exit handlers and hooks, CronWorkflow, volumes, CRD rules.</summary>
internal static partial class StructureRules
{
    public static void Run(ValidationContext context)
    {
        CheckObjectNames(context);
        if (context.Object is CronWorkflow cron)
        {
            CheckCron(context, cron);
        }

        var spec = context.Spec;
        if (spec is null)
        {
            // The schema requires spec; Argo's Go types decode without it, and validate.go Workflow then stops at the entrypoint.
            if (!context.IsTemplateKind)
            {
                context.Report(FindingCodes.EntrypointMissing, "spec.entrypoint is required; add a spec with an entrypoint and templates", context.SpecPath);
            }

            return;
        }

        var path = context.SpecPath;
        CheckWorkflowTemplateRef(context, spec, path);
        CheckTemplateNames(context, spec, path);
        CheckExecutorPlugins(context, spec, path);
        CheckSpecArguments(context, spec, path);
        CheckEntrypoint(context, spec, path);
        CheckOnExit(context, spec, path);
        CheckHooks(context, spec.Hooks, path.Field("hooks"), requireExpression: true);
        CheckPodGC(context, spec, path);
        CheckWorkflowMetadataLabels(context, spec, path);
        CheckPodResources(context, spec.PodResources, path.Field("podResources"), templateType: null);
        CheckRetryStrategy(context, spec.RetryStrategy, path.Field("retryStrategy"), argoChecks: false);
        CheckParallelismValue(context, spec.Parallelism, path.Field("parallelism"));
        CheckMetrics(context, spec.Metrics, path.Field("metrics"), templateLevel: false);
        CheckSpecVolumes(context, spec, path);
        if (spec.TemplateDefaults is { } defaults)
        {
            CheckTemplateDefaults(context, defaults, path.Field("templateDefaults"));
        }

        if (spec.Templates is { } templates)
        {
            for (var i = 0; i < templates.Count; i++)
            {
                CheckTemplate(context, templates[i], context.TemplatePath(i));
            }
        }
    }
}
