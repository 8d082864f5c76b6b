using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Pipelines.Generator;
using Pipelines.Generator.Model;

namespace Pipelines.Analyzers;

/// <summary>PIPE43xx: names (uniqueness, shape, length) and size limits.</summary>
internal static class NameChecks
{
    /// <summary>The key of the diagnostic property holding a valid replacement name (rename fixes).</summary>
    public const string FixedNameKey = "FixedName";

    /// <summary>Argo's limit on a parameter value (262144 bytes).</summary>
    public const int MaxParameterBytes = 256 * 1024;

    private static readonly Regex Dns1123Subdomain = new("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.CultureInvariant);
    private static readonly Regex Reference = new("\\{\\{[^}]*\\}\\}", RegexOptions.CultureInvariant);

    public static void Run(Pipeline pipeline)
    {
        CheckMetadataName(pipeline);
        CheckTemplates(pipeline);
        CheckWorkflowArguments(pipeline);
        CheckLiteralSizes(pipeline);
    }

    private static void CheckMetadataName(Pipeline pipeline)
    {
        var spec = pipeline.Spec;
        var isWorkflow = spec.Kind == WorkflowKind.Workflow;
        var expression = isWorkflow ? Pipeline.ArgumentOf(pipeline.Kind, "Name") : Pipeline.ArgumentOf(pipeline.Kind, null, 0);
        var at = expression?.GetLocation() ?? Pipeline.Where(pipeline.Kind, pipeline.Declaration.Identifier.GetLocation());
        if (spec.Name is { } name)
        {
            if (name.Length > 253 || !Dns1123Subdomain.IsMatch(name))
            {
                pipeline.Report(DiagnosticDescriptors.InvalidMetadataName, at, Fixed(FixDns(name)), name);
            }
            else
            {
                var (limit, what) = spec.Kind switch
                {
                    WorkflowKind.CronWorkflow => (52, "CronWorkflow"),
                    WorkflowKind.WorkflowTemplate => (63, "WorkflowTemplate"),
                    WorkflowKind.ClusterWorkflowTemplate => (63, "ClusterWorkflowTemplate"),
                    _ => (63, "Workflow"),
                };
                if (name.Length > limit)
                {
                    pipeline.Report(DiagnosticDescriptors.MetadataNameTooLong, at, name, name.Length, what, limit);
                }
            }
        }

        if (spec.GenerateName is { Length: > 0 } generate && !Dns1123Subdomain.IsMatch(generate.TrimEnd('-', '.') is { Length: > 0 } trimmed ? trimmed : "x"))
        {
            var generateAt = Pipeline.ArgumentOf(pipeline.Kind, "GenerateName")?.GetLocation() ?? at;
            pipeline.Report(DiagnosticDescriptors.InvalidMetadataName, generateAt, Fixed(FixDns(generate) + (generate.EndsWith("-", StringComparison.Ordinal) ? "-" : string.Empty)), generate);
        }
    }

    private static void CheckTemplates(Pipeline pipeline)
    {
        var seenTemplates = new Dictionary<string, TemplateSource>(StringComparer.Ordinal);
        foreach (var method in pipeline.Methods)
        {
            if (method.Spec is not { } template)
            {
                continue;
            }

            var nameAttribute = method.Symbol.GetAttributes().FirstOrDefault(a => Symbols.Is(a, "NameAttribute"));
            var nameAt = (nameAttribute is null ? null : Pipeline.ArgumentOf(nameAttribute, null, 0)?.GetLocation()) ?? method.Syntax.Identifier.GetLocation();
            if (seenTemplates.TryGetValue(template.Name, out var first))
            {
                pipeline.Report(DiagnosticDescriptors.DuplicateTemplateName, nameAt, template.Name, first.Symbol.Name + ", " + method.Symbol.Name);
            }
            else
            {
                seenTemplates.Add(template.Name, method);
            }

            if (!IsTemplateName(template.Name))
            {
                pipeline.Report(DiagnosticDescriptors.InvalidTemplateName, nameAt, nameAttribute is null ? ImmutableDictionary<string, string?>.Empty : Fixed(FixTemplateName(template.Name)), template.Name, "template");
            }

            CheckParameters(pipeline, method, template);
            CheckNodes(pipeline, template);
        }
    }

    private static void CheckNodes(Pipeline pipeline, TemplateSpec template)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in GraphChecks.Nodes(template))
        {
            ExpressionSyntax? Named() => pipeline.NodeSyntax(node)?.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>()
                .FirstOrDefault(i => i.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Named" } && i.ArgumentList.Arguments.Count == 1)?.ArgumentList.Arguments[0].Expression;
            if (!seen.Add(node.Name))
            {
                var unique = node.Name;
                for (var i = 2; !seen.Add(unique = node.Name + "-" + i); i++)
                {
                }

                pipeline.Report(DiagnosticDescriptors.DuplicateNodeName, Named()?.GetLocation() ?? pipeline.LocationOf(node), Fixed(unique), template.Name, node.Name);
            }

            if (!IsTemplateName(node.Name.Contains("{{") ? Reference.Replace(node.Name, "x") : node.Name))
            {
                var named = Named();
                pipeline.Report(DiagnosticDescriptors.InvalidTemplateName, named?.GetLocation() ?? pipeline.LocationOf(node), named is null ? ImmutableDictionary<string, string?>.Empty : Fixed(FixTemplateName(node.Name)), node.Name, template.Kind == TemplateKind.Dag ? "task" : "step");
            }
        }
    }

    private static void CheckParameters(Pipeline pipeline, TemplateSource method, TemplateSpec template)
    {
        var inputs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var parameter in method.Symbol.Parameters)
        {
            var name = ArgumentChecks.ArgoName(parameter);
            var nameAttribute = parameter.GetAttributes().FirstOrDefault(a => Symbols.Is(a, "NameAttribute"));
            var at = (nameAttribute is null ? null : Pipeline.ArgumentOf(nameAttribute, null, 0)?.GetLocation()) ?? parameter.Locations.FirstOrDefault() ?? method.Syntax.Identifier.GetLocation();
            if (!inputs.Add(name))
            {
                pipeline.Report(DiagnosticDescriptors.DuplicateParameterName, at, name, "inputs", template.Name);
            }

            if (!IsParameterName(name))
            {
                pipeline.Report(DiagnosticDescriptors.InvalidParameterName, at, name);
            }
        }

        foreach (var artifact in method.Symbol.GetAttributes().Where(a => Symbols.Is(a, "InputArtifactAttribute")))
        {
            if (artifact.ConstructorArguments.Length > 0 && artifact.ConstructorArguments[0].Value is string name && !IsParameterName(name))
            {
                pipeline.Report(DiagnosticDescriptors.InvalidParameterName, Pipeline.ArgumentOf(artifact, null, 0)?.GetLocation() ?? Pipeline.Where(artifact, method.Syntax.Identifier.GetLocation()), name);
            }
        }

        // Outputs: the parser keeps the first of two properties mapping to one name; say so here.
        if (method.Symbol.ReturnType is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } returned && returned.TypeArguments[0] is INamedTypeSymbol record)
        {
            var outputs = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in record.GetMembers().OfType<IPropertySymbol>())
            {
                var attribute = property.GetAttributes().FirstOrDefault(a => Symbols.Is(a, "OutputParameterAttribute") || Symbols.Is(a, "OutputArtifactAttribute"));
                if (attribute is null)
                {
                    continue;
                }

                var explicitName = attribute.NamedArguments.FirstOrDefault(n => n.Key == "Name").Value.Value as string;
                var name = string.IsNullOrEmpty(explicitName) ? Naming.ToKebabCase(property.Name) : explicitName!;
                var at = Pipeline.ArgumentOf(attribute, "Name")?.GetLocation() ?? property.Locations.FirstOrDefault() ?? method.Syntax.Identifier.GetLocation();
                if (!outputs.Add(name))
                {
                    pipeline.Report(DiagnosticDescriptors.DuplicateParameterName, at, name, "outputs", template.Name);
                }

                if (!IsParameterName(name))
                {
                    pipeline.Report(DiagnosticDescriptors.InvalidParameterName, at, name);
                }
            }
        }
    }

    private static void CheckWorkflowArguments(Pipeline pipeline)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var argument in pipeline.Spec.Arguments)
        {
            seen.Add(argument.Name);
        }

        var classArguments = new HashSet<string>(StringComparer.Ordinal);
        foreach (var attribute in pipeline.Type.GetAttributes().Where(a => Symbols.Is(a, "ArgumentAttribute")))
        {
            if (attribute.ConstructorArguments.Length == 0 || attribute.ConstructorArguments[0].Value is not string name)
            {
                continue;
            }

            var at = Pipeline.ArgumentOf(attribute, null, 0)?.GetLocation() ?? Pipeline.Where(attribute, pipeline.Declaration.Identifier.GetLocation());
            if (!classArguments.Add(name))
            {
                pipeline.Report(DiagnosticDescriptors.DuplicateParameterName, at, name, "arguments", pipeline.Spec.Name ?? pipeline.Type.Name);
            }

            if (!IsParameterName(name))
            {
                pipeline.Report(DiagnosticDescriptors.InvalidParameterName, at, name);
            }
        }
    }

    /// <summary>Literal values that become parameter values: argument literals in bodies, defaults, [Value] and [Argument].</summary>
    private static void CheckLiteralSizes(Pipeline pipeline)
    {
        // The string literals longer than MaxParameterBytes / 3 characters, from the class's one walk (Pipeline.Walk):
        // at most 3 UTF-8 bytes per UTF-16 unit, and the value is never longer than the token, so shorter ones fit.
        foreach (var token in pipeline.LongLiterals)
        {
            var attribute = token.Parent?.FirstAncestorOrSelf<AttributeSyntax>();
            var isParameter = attribute is null
                ? token.Parent?.FirstAncestorOrSelf<BlockSyntax>() is not null || token.Parent?.FirstAncestorOrSelf<ParameterSyntax>() is not null
                : attribute.Name.ToString() is "Value" or "Argument" or "ValueAttribute" or "ArgumentAttribute" or "Pipelines.Value" or "Pipelines.Argument";
            var bytes = Encoding.UTF8.GetByteCount(token.ValueText);
            if (isParameter && bytes > MaxParameterBytes)
            {
                pipeline.Report(DiagnosticDescriptors.ParameterValueTooLarge, token.GetLocation(), bytes);
            }
        }
    }

    /// <summary>
    /// A valid Argo template (or task, step) name: up to 128 characters matching <c>^[a-zA-Z0-9][-a-zA-Z0-9]*$</c>. Tested
    /// character by character (it runs once per node); as in .NET regular expressions, <c>$</c> also matches before a
    /// final line feed.
    /// </summary>
    public static bool IsTemplateName(string name)
    {
        if (name.Length is 0 or > 128)
        {
            return false;
        }

        var length = WithoutFinalLineFeed(name);
        if (length == 0 || !IsAsciiLetterOrDigit(name[0]))
        {
            return false;
        }

        for (var i = 1; i < length; i++)
        {
            if (!IsAsciiLetterOrDigit(name[i]) && name[i] != '-')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A valid Argo parameter name: <c>^[-a-zA-Z0-9_]+$</c> (as <see cref="IsTemplateName"/>, tested by hand).</summary>
    public static bool IsParameterName(string name)
    {
        var length = WithoutFinalLineFeed(name);
        if (length == 0)
        {
            return false;
        }

        for (var i = 0; i < length; i++)
        {
            if (!IsAsciiLetterOrDigit(name[i]) && name[i] is not ('-' or '_'))
            {
                return false;
            }
        }

        return true;
    }

    private static int WithoutFinalLineFeed(string text) => text.Length > 0 && text[text.Length - 1] == '\n' ? text.Length - 1 : text.Length;

    private static bool IsAsciiLetterOrDigit(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9';

    private static ImmutableDictionary<string, string?> Fixed(string name) => ImmutableDictionary<string, string?>.Empty.Add(FixedNameKey, name);

    /// <summary>A valid template name close to <paramref name="name"/>: kebab-case, other characters become '-'.</summary>
    public static string FixTemplateName(string name)
    {
        var text = new StringBuilder();
        foreach (var c in Naming.ToKebabCase(name))
        {
            text.Append(c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' ? c : '-');
        }

        var result = Collapse(text.ToString()).Trim('-');
        return result.Length == 0 ? "template" : result.Length > 128 ? result.Substring(0, 128).TrimEnd('-') : result;
    }

    /// <summary>A DNS-1123 subdomain close to <paramref name="name"/>: kebab-case, lower case, other characters become '-'.</summary>
    public static string FixDns(string name)
    {
        var text = new StringBuilder();
        foreach (var c in Naming.ToKebabCase(name).ToLowerInvariant())
        {
            text.Append(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '.' ? c : '-');
        }

        var result = Collapse(text.ToString()).Trim('-', '.');
        return result.Length == 0 ? "pipeline" : result;
    }

    private static string Collapse(string text)
    {
        while (text.Contains("--"))
        {
            text = text.Replace("--", "-");
        }

        return text;
    }
}
