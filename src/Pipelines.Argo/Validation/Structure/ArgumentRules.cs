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

    /// <summary>
    /// ARG-01..05 and NAME-06 for one arguments block (of the spec, a step, a task or a hook), as Argo's
    /// validateArgumentsValues does. <paramref name="argoChecks"/> is false for hook arguments, which Argo's validator
    /// never reads: their findings are warnings.
    /// </summary>
    private static void CheckArgumentList(ValidationContext ctx, Arguments? args, FieldPath path, bool allowEmpty, string label, bool argoChecks = true)
    {
        var severity = argoChecks ? Severity.Error : Severity.Warning;
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
                    severity,
                    label + "." + p.Name + ".value or " + label + "." + p.Name + ".valueFrom is required; give the parameter a value",
                    pPath);
            }

            if (p.ValueFrom is { } vf)
            {
                // Go: validateArgumentsValues. It needs one of configMapKeyRef, event or supplied, and forbids path,
                // jsonPath, parameter and expression; jqFilter and default may come along.
                var bad = new[] { ("path", vf.Path), ("jsonPath", vf.JsonPath), ("parameter", vf.Parameter), ("expression", vf.Expression) }
                    .Where(x => !IsBlank(x.Item2))
                    .Select(x => x.Item1)
                    .ToList();
                var hasSource = vf.ConfigMapKeyRef is not null || !IsBlank(vf.Event) || vf.Supplied is not null;
                if (!hasSource || bad.Count > 0)
                {
                    var why = bad.Count > 0
                        ? " (found " + string.Join(", ", bad) + ")"
                        : "; give it a configMapKeyRef, an event or supplied: {}, or use value instead";
                    ctx.Report(
                        FindingCodes.ArgumentValueFromInvalid,
                        severity,
                        label + "." + p.Name + ".valueFrom only allows: default, configMapKeyRef and supplied" + why,
                        bad.Count > 0 ? pPath.Field("valueFrom").Field(bad[0]) : pPath.Field("valueFrom"));
                }
            }

            if (p.Enum is { Count: > 0 } values && p.Value is { } value && !HasPlaceholder(value.Text) && !values.Any(v => v?.Text == value.Text))
            {
                ctx.Report(
                    FindingCodes.EnumInvalid,
                    severity,
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

            // Go: validateArgumentsValues checks artifacts whatever allowEmptyValues says, and fromExpression does not
            // count as a source there: it needs from, a location or a key.
            var hasFrom = !IsBlank(a.From);
            var hasFromExpression = !IsBlank(a.FromExpression);
            if (!hasFrom && !HasLocation(a))
            {
                ctx.Report(
                    FindingCodes.ArgumentArtifactInvalid,
                    severity,
                    label + "." + a.Name + ".from, artifact location, or key is required" + (hasFromExpression
                        ? "; Argo's validator does not accept fromExpression alone in arguments: use from (or a location) instead"
                        : "; set from to an output such as {{steps.NAME.outputs.artifacts.X}}, or give a location"),
                    aPath);
            }
            else if (hasFrom && hasFromExpression)
            {
                ctx.Report(FindingCodes.ArgumentArtifactInvalid, severity, label + "." + a.Name + " shouldn't have both `from` and `fromExpression` in Artifact; keep one", aPath);
            }
        }
    }
}
