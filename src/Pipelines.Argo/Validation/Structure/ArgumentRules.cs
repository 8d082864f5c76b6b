using System.Linq;
using Pipelines.Argo.Model;

namespace Pipelines.Argo.Validation;

internal static partial class StructureRules
{
    private static void CheckSpecArguments(ValidationContext ctx, WorkflowSpec spec, FieldPath specPath)
    {
        // A CronWorkflow's spec is validated as a Workflow with default options, so its arguments need values.
        var allowEmpty = ctx.Kind != ArgoKind.CronWorkflow && (ctx.Options.Lint || (ctx.IsTemplateKind && !ctx.Options.Submit));
        CheckArgumentList(ctx, spec.Arguments, specPath.Field("arguments"), allowEmpty, "spec.arguments");
    }

    /// <summary>ARG-01..05 and NAME-06 for one arguments block (of the spec, a step, a task or a hook).</summary>
    private static void CheckArgumentList(ValidationContext ctx, Arguments? args, FieldPath path, bool allowEmpty, string label)
    {
        if (args is null)
        {
            return;
        }

        CheckParameterNames(ctx, args.Parameters, path.Field("parameters"));
        CheckArtifactNames(ctx, args.Artifacts, path.Field("artifacts"));
        foreach (var (p, pPath) in Indexed(args.Parameters, path.Field("parameters")))
        {
            if (p is null)
            {
                continue;
            }

            if (p.Value is null && p.ValueFrom is null && !allowEmpty)
            {
                ctx.Report(
                    FindingCodes.ArgumentValueMissing,
                    label + "." + p.Name + ".value or " + label + "." + p.Name + ".valueFrom is required; give the parameter a value",
                    pPath);
            }

            if (p.ValueFrom is { } vf)
            {
                var bad = new[] { ("path", vf.Path), ("jsonPath", vf.JsonPath), ("jqFilter", vf.JqFilter), ("parameter", vf.Parameter), ("expression", vf.Expression) }
                    .Where(x => !IsBlank(x.Item2))
                    .Select(x => x.Item1)
                    .ToList();
                if (bad.Count > 0)
                {
                    ctx.Report(
                        FindingCodes.ArgumentValueFromInvalid,
                        label + "." + p.Name + ".valueFrom only allows: default, configMapKeyRef, event and supplied (found " + string.Join(", ", bad) + ")",
                        pPath.Field("valueFrom").Field(bad[0]));
                }
            }

            if (p.Enum is { Count: > 0 } values && p.Value is { } value && !HasPlaceholder(value.Text) && !values.Any(v => v?.Text == value.Text))
            {
                ctx.Report(
                    FindingCodes.EnumInvalid,
                    label + "." + p.Name + ".value " + Quote(value.Text) + " should be present in " + label + "." + p.Name + ".enum list (" + string.Join(", ", values.Select(v => v?.Text)) + ")",
                    pPath.Field("value"));
            }
        }

        foreach (var (a, aPath) in Indexed(args.Artifacts, path.Field("artifacts")))
        {
            if (a is null)
            {
                continue;
            }

            var hasFrom = !IsBlank(a.From);
            var hasFromExpression = !IsBlank(a.FromExpression);
            if (hasFrom && hasFromExpression)
            {
                ctx.Report(FindingCodes.ArgumentArtifactInvalid, label + "." + a.Name + " shouldn't have both from and fromExpression; keep one", aPath);
            }
            else if (!hasFrom && !hasFromExpression && !HasLocation(a) && !allowEmpty)
            {
                ctx.Report(FindingCodes.ArgumentArtifactInvalid, label + "." + a.Name + ": from, artifact location, or key is required", aPath);
            }
        }
    }
}
