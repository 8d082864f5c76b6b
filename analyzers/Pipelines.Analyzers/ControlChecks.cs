using System;
using System.Collections.Generic;
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
                CheckFanOut(pipeline, method);
            }

            if (method.Symbol.GetAttributes().FirstOrDefault(a => Symbols.Is(a, "RetryAttribute")) is { } retry)
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
        foreach (var call in method.LoopOver)
        {
            if (call.ArgumentList.Arguments.Count == 1
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

    /// <summary>Literal item lists longer than this are a large fan-out (PIPE4509).</summary>
    public const int LargeItemList = 32;

    private static void CheckFanOut(Pipeline pipeline, TemplateSource method)
    {
        if (method.Spec is not { } template)
        {
            return;
        }

        // Only looped nodes can fan out: look for [Parallelism] and [Spec] settings only when there is one.
        var nodes = GraphChecks.Nodes(template).ToList();
        if (!nodes.Any(n => n.Loop is { } l && (l.ItemsJson is not null || l.Param is not null)) || HasParallelism(pipeline, method))
        {
            return;
        }

        foreach (var node in nodes)
        {
            if (node.Loop is not { } loop || (loop.ItemsJson is null && loop.Param is null))
            {
                continue;
            }

            if (Size(pipeline, template, nodes, loop, 0) is { } size)
            {
                if (size > LargeItemList)
                {
                    pipeline.Report(DiagnosticDescriptors.LargeFanOut, LoopSource(pipeline, node), size, template.Name);
                }
            }
            else
            {
                pipeline.Report(DiagnosticDescriptors.RunTimeFanOut, LoopSource(pipeline, node), loop.Param, template.Name);
            }
        }
    }

    // The list a node loops over: the foreach expression, or the first argument of Loop.ForEach.
    private static Location LoopSource(Pipeline pipeline, NodeSpec node)
    {
        var syntax = pipeline.NodeSyntax(node);
        foreach (var ancestor in syntax?.AncestorsAndSelf() ?? Enumerable.Empty<SyntaxNode>())
        {
            switch (ancestor)
            {
                case ForEachStatementSyntax loop:
                    return loop.Expression.GetLocation();
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "Loop" }, Name.Identifier.ValueText: "ForEach" } } call
                    when call.ArgumentList.Arguments.Count > 0:
                    return call.ArgumentList.Arguments[0].GetLocation();
                case MethodDeclarationSyntax:
                    return pipeline.LocationOf(node);
            }
        }

        return pipeline.LocationOf(node);
    }

    // The number of iterations when the build can tell: literal items, a literal JSON list, a parameter whose default
    // is one, or the outputs of a looped node (one entry per iteration). Null when only the run can tell.
    private static int? Size(Pipeline pipeline, TemplateSpec template, IReadOnlyList<NodeSpec> nodes, LoopSpec loop, int depth)
    {
        if (loop.ItemsJson is { } items)
        {
            return items.Count;
        }

        var text = loop.Param?.Trim();
        if (text is null || depth > 8)
        {
            return null;
        }

        if (!text.Contains("{{"))
        {
            return JsonListLength(text);
        }

        var reference = System.Text.RegularExpressions.Regex.Match(text, "^\\{\\{\\s*(inputs\\.parameters|workflow\\.parameters|tasks|steps)\\.([A-Za-z0-9_-]+)(\\.[^}]*)?\\s*\\}\\}$");
        if (!reference.Success)
        {
            return null;
        }

        var name = reference.Groups[2].Value;
        switch (reference.Groups[1].Value)
        {
            case "inputs.parameters":
                var input = template.Inputs.FirstOrDefault(i => i.Name == name);

                // The entrypoint's parameters get the workflow arguments of the same name.
                var value = input?.Value ?? input?.Default
                    ?? (template.Name == pipeline.Spec.Entrypoint ? pipeline.Spec.Arguments.FirstOrDefault(a => a.Name == name)?.Value : null);
                return value is not null && !value.Contains("{{") ? JsonListLength(value.Trim()) : null;
            case "workflow.parameters":
                var argument = pipeline.Spec.Arguments.FirstOrDefault(a => a.Name == name);
                return argument?.Value is { } given && !given.Contains("{{") ? JsonListLength(given.Trim()) : null;
            default:
                // A looped node's outputs are a list with one entry per iteration; a single node's are not known.
                return nodes.FirstOrDefault(n => n.Name == name)?.Loop is { } producer ? Size(pipeline, template, nodes, producer, depth + 1) : null;
        }
    }

    // Counts the top-level items of a JSON list; null when the text is not one.
    private static int? JsonListLength(string json)
    {
        if (!json.StartsWith("[", StringComparison.Ordinal) || !json.EndsWith("]", StringComparison.Ordinal))
        {
            return null;
        }

        int depth = 0, count = 0;
        var inString = false;
        var any = false;
        for (var i = 1; i < json.Length - 1; i++)
        {
            var c = json[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    inString = true;
                    any = true;
                    break;
                case '[' or '{':
                    depth++;
                    any = true;
                    break;
                case ']' or '}':
                    depth--;
                    break;
                case ',' when depth == 0:
                    count++;
                    break;
                default:
                    any |= !char.IsWhiteSpace(c);
                    break;
            }
        }

        return any ? count + 1 : 0;
    }

    // [Parallelism] on the method or the class, or Parallelism = ... in a [Spec] for the workflow or this template.
    private static bool HasParallelism(Pipeline pipeline, TemplateSource method)
    {
        if (method.Symbol.GetAttributes().Any(a => Symbols.Is(a, "ParallelismAttribute")) || pipeline.Type.GetAttributes().Any(a => Symbols.Is(a, "ParallelismAttribute")))
        {
            return true;
        }

        foreach (var (member, _, spec) in pipeline.SpecMembers)
        {
            var target = spec.ConstructorArguments.Length > 0 ? spec.ConstructorArguments[0].Value as string : null;
            if ((target is null || target == method.Symbol.Name)
                && member.DescendantNodes().OfType<AssignmentExpressionSyntax>().Any(a => a.Left is IdentifierNameSyntax { Identifier.ValueText: "Parallelism" }))
            {
                return true;
            }
        }

        return false;
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
        var attribute = pipeline.Type.GetAttributes().FirstOrDefault(a => Symbols.Is(a, "OnExitAttribute"));
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
