using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Pipelines.Generator.Model;

namespace Pipelines.Analyzers;

/// <summary>PIPE45xx: loops, retries, durations, schedules, time zones, exit handlers.</summary>
internal static class ControlChecks
{
    private static readonly string[] RetryPolicies = ["Always", "OnFailure", "OnError", "OnTransientError"];
    private static readonly string[] ConcurrencyPolicies = ["Allow", "Forbid", "Replace"];

    public static void Run(Pipeline pipeline)
    {
        foreach (var method in pipeline.Methods)
        {
            if (method.Spec is { Kind: TemplateKind.Dag or TemplateKind.Steps })
            {
                CheckLoops(pipeline, method);
            }

            if (method.Symbol.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == "Pipelines.RetryAttribute") is { } retry)
            {
                CheckRetry(pipeline, retry, method);
            }
        }

        CheckExitHandler(pipeline);
        if (pipeline.Spec.Kind == WorkflowKind.CronWorkflow)
        {
            CheckCron(pipeline);
        }
    }

    private static void CheckLoops(Pipeline pipeline, TemplateSource method)
    {
        foreach (var call in method.Syntax.DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            if (call.Expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "Loop" }, Name.Identifier.ValueText: "Over" }
                && call.ArgumentList.Arguments.Count == 1
                && call.ArgumentList.Arguments[0].Expression is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } literal)
            {
                var text = literal.Token.ValueText.Trim();
                if (!text.Contains("{{") && !(text.StartsWith("[", StringComparison.Ordinal) && text.EndsWith("]", StringComparison.Ordinal)))
                {
                    pipeline.Report(DiagnosticDescriptors.LoopSourceNotList, literal.GetLocation(), literal.Token.ValueText);
                }
            }
        }
    }

    private static void CheckRetry(Pipeline pipeline, AttributeData retry, TemplateSource method)
    {
        var fallback = Pipeline.Where(retry, method.Syntax.Identifier.GetLocation());
        if (retry.ConstructorArguments.Length > 0 && retry.ConstructorArguments[0].Value is int limit && limit < 0)
        {
            pipeline.Report(DiagnosticDescriptors.InvalidRetry, Pipeline.ArgumentOf(retry, null, 0)?.GetLocation() ?? fallback, "the limit " + limit + " is negative");
        }

        foreach (var named in retry.NamedArguments)
        {
            if (named.Value.Value is not string value || value.Contains("{{"))
            {
                continue;
            }

            var at = Pipeline.ArgumentOf(retry, named.Key)?.GetLocation() ?? fallback;
            switch (named.Key)
            {
                case "RetryPolicy" when Array.IndexOf(RetryPolicies, value) < 0:
                    var suggestion = ReferenceChecks.Suggest(value, RetryPolicies);
                    pipeline.Report(DiagnosticDescriptors.InvalidRetry, at, "'" + value + "' is not a retry policy; use " + string.Join(", ", RetryPolicies) + (suggestion is null ? string.Empty : " (did you mean '" + suggestion + "'?)"));
                    break;
                case "BackoffFactor" when !double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var factor) || factor < 1:
                    pipeline.Report(DiagnosticDescriptors.InvalidRetry, at, "the backoff factor '" + value + "' is not a number of at least 1");
                    break;
                case "BackoffDuration" or "BackoffMaxDuration" or "BackoffCap" when !Durations.IsValid(value):
                    pipeline.Report(DiagnosticDescriptors.InvalidDuration, at, value, named.Key);
                    break;
            }
        }
    }

    private static void CheckExitHandler(Pipeline pipeline)
    {
        var attribute = pipeline.Type.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == "Pipelines.OnExitAttribute");
        if (attribute is null || attribute.ConstructorArguments.Length == 0 || attribute.ConstructorArguments[0].Value is not string method)
        {
            return;
        }

        var templates = pipeline.Methods.Where(m => m.Spec is not null).Select(m => m.Symbol.Name).ToList();
        if (!templates.Contains(method))
        {
            var suggestion = ReferenceChecks.Suggest(method, templates);
            pipeline.Report(DiagnosticDescriptors.ExitHandlerNotFound, Pipeline.ArgumentOf(attribute, null, 0)?.GetLocation() ?? Pipeline.Where(attribute, pipeline.Declaration.Identifier.GetLocation()), method, suggestion is null ? string.Empty : " (did you mean '" + suggestion + "'?)");
        }
    }

    private static void CheckCron(Pipeline pipeline)
    {
        var kind = pipeline.Kind;
        var fallback = Pipeline.Where(kind, pipeline.Declaration.Identifier.GetLocation());
        var position = 0;
        foreach (var schedule in pipeline.Spec.Cron?.Schedules ?? ImmutableEquatableArray<string>.Empty)
        {
            position++;
            if (Cron.Validate(schedule) is { } error)
            {
                pipeline.Report(DiagnosticDescriptors.InvalidCronSchedule, Pipeline.ArgumentOf(kind, null, position)?.GetLocation() ?? fallback, schedule, error);
            }
        }

        if (pipeline.Spec.Cron?.Timezone is { Length: > 0 } zone && TimeZones.Check(zone) is { } hint)
        {
            pipeline.Report(DiagnosticDescriptors.UnknownTimeZone, Pipeline.ArgumentOf(kind, "Timezone")?.GetLocation() ?? fallback, zone, hint);
        }

        if (pipeline.Spec.Cron?.ConcurrencyPolicy is { } policy && Array.IndexOf(ConcurrencyPolicies, policy) < 0)
        {
            pipeline.Report(DiagnosticDescriptors.InvalidConcurrencyPolicy, Pipeline.ArgumentOf(kind, "ConcurrencyPolicy")?.GetLocation() ?? fallback, policy);
        }
    }
}
