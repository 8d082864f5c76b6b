using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using Pipelines.Generator.Model;

namespace Pipelines.Analyzers;

/// <summary>
/// PIPE41xx: <c>{{...}}</c> references inside strings. Leaf templates: the strings of their attributes; DAG and steps
/// templates: the strings of their bodies. Scope rules: inputs of the template itself, workflow parameters of a
/// Workflow or CronWorkflow, tasks in DAGs and steps in steps templates, item only inside a loop.
/// </summary>
internal static class ReferenceChecks
{
    /// <summary>The key of the diagnostic property holding the corrected reference (for the did-you-mean fix).</summary>
    public const string ReplacementKey = "Replacement";

    private static readonly string[] Roots = ["inputs", "outputs", "workflow", "tasks", "steps", "item", "pod", "retries", "node", "lastRetry", "cronworkflow"];

    public static void Run(Pipeline pipeline)
    {
        foreach (var method in pipeline.Methods)
        {
            if (method.Spec is not { } template)
            {
                continue;
            }

            var leaf = template.Kind is TemplateKind.Container or TemplateKind.Script;

            // The strings holding "{{" were collected by the class's one walk (Pipeline.Walk).
            foreach (var token in method.ReferenceStrings(attributes: leaf))
            {
                if (TextOf(token) is not { } text)
                {
                    continue;
                }

                var inLoop = !leaf && InLoop(token.Parent);
                foreach (var (reference, offset, error) in Extract(text))
                {
                    var location = LocationIn(token, reference, offset);
                    if (error is not null)
                    {
                        pipeline.Report(DiagnosticDescriptors.MalformedReference, location, reference, error);
                    }
                    else
                    {
                        Check(pipeline, template, leaf, inLoop, reference.Trim(), location);
                    }
                }
            }
        }
    }

    private static string? TextOf(SyntaxToken token) => token.Kind() switch
    {
        SyntaxKind.StringLiteralToken or SyntaxKind.SingleLineRawStringLiteralToken or SyntaxKind.MultiLineRawStringLiteralToken => token.ValueText,
        SyntaxKind.InterpolatedStringTextToken when token.Parent?.Parent is InterpolatedStringExpressionSyntax s
            && !s.StringStartToken.IsKind(SyntaxKind.InterpolatedSingleLineRawStringStartToken)
            && !s.StringStartToken.IsKind(SyntaxKind.InterpolatedMultiLineRawStringStartToken) => token.ValueText.Replace("{{", "{").Replace("}}", "}"),
        SyntaxKind.InterpolatedStringTextToken => token.ValueText,
        _ => null,
    };

    private static bool InLoop(SyntaxNode? node)
    {
        for (var n = node; n is not null && n is not MethodDeclarationSyntax; n = n.Parent)
        {
            if (n is ForEachStatementSyntax)
            {
                return true;
            }

            if (n is LambdaExpressionSyntax && n.Parent?.Parent?.Parent is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ForEach" } })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The references of a text: each <c>{{...}}</c>'s inner text and offset, or an error for a malformed one.</summary>
    public static IEnumerable<(string Reference, int Offset, string? Error)> Extract(string text)
    {
        var i = 0;
        while ((i = text.IndexOf("{{", i, StringComparison.Ordinal)) >= 0)
        {
            var end = text.IndexOf("}}", i + 2, StringComparison.Ordinal);
            if (end < 0)
            {
                var rest = text.Substring(i);
                yield return (rest.Length > 40 ? rest.Substring(0, 40) + "..." : rest, i, "'{{' is not closed by '}}'");
                yield break;
            }

            var inner = text.Substring(i + 2, end - i - 2);
            if (inner.Trim().Length == 0)
            {
                yield return ("{{" + inner + "}}", i, "the reference is empty");
            }
            else if (!inner.TrimStart().StartsWith("=", StringComparison.Ordinal))
            {
                yield return (inner, i + 2, null);
            }

            i = end + 2;
        }
    }

    private static Location LocationIn(SyntaxToken token, string reference, int offset)
    {
        var index = token.Text.IndexOf(reference, StringComparison.Ordinal);
        return index >= 0
            ? Location.Create(token.SyntaxTree!, new TextSpan(token.SpanStart + index, reference.Length))
            : token.GetLocation();
    }

    private static void Check(Pipeline pipeline, TemplateSpec template, bool leaf, bool inLoop, string reference, Location location)
    {
        var parts = reference.Split('.');
        var root = parts[0];
        switch (root)
        {
            case "inputs" when parts.Length >= 3 && parts[1] == "parameters":
                Expect(pipeline, reference, parts, 2, template.Inputs.Select(p => p.Name), "template '" + template.Name + "' has no input parameter '" + parts[2] + "'", location);
                return;
            case "inputs" when parts.Length >= 3 && parts[1] == "artifacts":
                Expect(pipeline, reference, parts, 2, template.InputArtifacts.Select(p => p.Name), "template '" + template.Name + "' has no input artifact '" + parts[2] + "'", location);
                return;
            case "workflow" when parts.Length >= 3 && parts[1] == "parameters" && pipeline.Spec.Kind is WorkflowKind.Workflow or WorkflowKind.CronWorkflow:
                Expect(pipeline, reference, parts, 2, pipeline.Spec.Arguments.Select(p => p.Name).Concat(SpecFragments.ArgumentNames(pipeline.Spec)), "the workflow has no parameter '" + parts[2] + "'", location);
                return;
            case "tasks" or "steps" when leaf:
                pipeline.Report(DiagnosticDescriptors.WrongScope, location, reference, "a container or script template; only DAG and steps templates see their tasks or steps");
                return;
            case "tasks" when template.Kind == TemplateKind.Steps:
                pipeline.Report(DiagnosticDescriptors.WrongScope, location, reference, "a steps template; write steps." + string.Join(".", parts.Skip(1)));
                return;
            case "steps" when template.Kind == TemplateKind.Dag:
                pipeline.Report(DiagnosticDescriptors.WrongScope, location, reference, "a DAG template; write tasks." + string.Join(".", parts.Skip(1)));
                return;
            case "tasks" or "steps" when parts.Length >= 2:
                var nodes = GraphChecks.Nodes(template).ToList();
                if (!Expect(pipeline, reference, parts, 1, nodes.Select(n => n.Name), "template '" + template.Name + "' has no " + (root == "tasks" ? "task" : "step") + " '" + parts[1] + "'", location))
                {
                    return;
                }

                if (parts.Length >= 5 && parts[2] == "outputs" && parts[3] == "parameters"
                    && nodes.First(n => n.Name == parts[1]) is { TemplateRef: null } node
                    && pipeline.Template(node.Template) is { } producer)
                {
                    Expect(pipeline, reference, parts, 4, producer.Outputs.Select(o => o.Name), "template '" + producer.Name + "' has no output parameter '" + parts[4] + "'", location);
                }

                return;
            case "item" when leaf || !inLoop:
                pipeline.Report(DiagnosticDescriptors.ItemOutsideLoop, location, reference);
                return;
            default:
                if (Array.IndexOf(Roots, root) < 0)
                {
                    var suggestion = Suggest(root, Roots);
                    Unknown(pipeline, reference, parts, 0, suggestion, "'" + root + "' is not a variable Argo knows", location);
                }

                return;
        }
    }

    private static bool Expect(Pipeline pipeline, string reference, string[] parts, int index, IEnumerable<string> candidates, string why, Location location)
    {
        var list = candidates.ToList();
        if (list.Contains(parts[index]))
        {
            return true;
        }

        Unknown(pipeline, reference, parts, index, Suggest(parts[index], list), why, location);
        return false;
    }

    private static void Unknown(Pipeline pipeline, string reference, string[] parts, int index, string? suggestion, string why, Location location)
    {
        var properties = ImmutableDictionary<string, string?>.Empty;
        var hint = string.Empty;
        if (suggestion is not null)
        {
            var fixedParts = (string[])parts.Clone();
            fixedParts[index] = suggestion;
            properties = properties.Add(ReplacementKey, string.Join(".", fixedParts));
            hint = " (did you mean '" + suggestion + "'?)";
        }

        pipeline.Report(DiagnosticDescriptors.UnknownReference, location, properties, reference, why, hint);
    }

    /// <summary>The candidate closest to <paramref name="name"/> by edit distance, if it is close enough to be a typo.</summary>
    public static string? Suggest(string name, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates.OrderBy(c => c, StringComparer.Ordinal))
        {
            var distance = Distance(name, candidate);
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        return best is not null && bestDistance <= Math.Max(2, name.Length / 3) ? best : null;
    }

    /// <summary>Levenshtein distance, ignoring case differences at cost 0 (a case slip is the likeliest typo).</summary>
    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
