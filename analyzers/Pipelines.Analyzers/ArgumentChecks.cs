using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Pipelines.Generator.Model;

namespace Pipelines.Analyzers;

/// <summary>PIPE42xx: the arguments of each task or step against the inputs of the template it calls.</summary>
internal static class ArgumentChecks
{
    /// <summary>The key of the diagnostic property naming the C# parameter to add (for the add-argument fix).</summary>
    public const string ParameterKey = "Parameter";

    public static void Run(Pipeline pipeline)
    {
        foreach (var template in pipeline.Spec.Templates)
        {
            foreach (var node in GraphChecks.Nodes(template))
            {
                if (node.TemplateRef is null && pipeline.Template(node.Template) is { } callee)
                {
                    CheckNode(pipeline, node, callee);
                }
            }
        }

        foreach (var method in pipeline.Methods)
        {
            foreach (var parameter in method.Symbol.Parameters)
            {
                CheckValue(pipeline, parameter);
            }
        }
    }

    private static void CheckNode(Pipeline pipeline, NodeSpec node, TemplateSpec callee)
    {
        if (node.ArtifactArguments.Count == 0 && callee.InputArtifacts.Count == 0 && AllInputsGiven(node, callee))
        {
            return;
        }

        var source = pipeline.Methods.FirstOrDefault(m => ReferenceEquals(m.Spec, callee));

        var call = pipeline.NodeCall(node, callee);
        var at = call?.GetLocation() ?? pipeline.LocationOf(node);
        foreach (var input in callee.Inputs)
        {
            if (input.Default is not null || input.Value is not null || node.Arguments.Any(a => a.Name == input.Name))
            {
                continue;
            }

            // An argument that is written but cannot be translated is PIPE4602; only a missing one is reported here.
            var index = source?.Symbol.Parameters.ToList().FindIndex(p => ArgoName(p) == input.Name) ?? -1;
            var parameter = index >= 0 ? source!.Symbol.Parameters[index] : null;
            if (call is not null && parameter is not null
                && call.ArgumentList.Arguments.Select((a, i) => a.NameColon is { } n ? n.Name.Identifier.ValueText == parameter.Name : i == index).Any(b => b))
            {
                continue;
            }

            var properties = parameter is null ? ImmutableDictionary<string, string?>.Empty : ImmutableDictionary<string, string?>.Empty.Add(ParameterKey, parameter.Name);
            pipeline.Report(DiagnosticDescriptors.MissingArgument, at, properties, callee.Name, input.Name);
        }

        foreach (var artifact in node.ArtifactArguments)
        {
            if (!callee.InputArtifacts.Any(a => a.Name == artifact.Name))
            {
                var suggestion = ReferenceChecks.Suggest(artifact.Name, callee.InputArtifacts.Select(a => a.Name));
                var literal = pipeline.NodeSyntax(node)?.DescendantNodes().OfType<LiteralExpressionSyntax>()
                    .FirstOrDefault(l => l.Token.ValueText == artifact.Name && l.Parent?.Parent?.Parent is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "WithArtifact" } });
                pipeline.Report(DiagnosticDescriptors.UndeclaredArtifactArgument, literal?.GetLocation() ?? at, callee.Name, artifact.Name, suggestion is null ? string.Empty : " (did you mean '" + suggestion + "'?)");
            }
        }

        foreach (var artifact in callee.InputArtifacts)
        {
            if (!node.ArtifactArguments.Any(a => a.Name == artifact.Name))
            {
                pipeline.Report(DiagnosticDescriptors.MissingArtifactArgument, at, callee.Name, artifact.Name);
            }
        }
    }

    // Every input has a default, a fixed value or an argument of the node (loops: the common, clean case allocates nothing).
    private static bool AllInputsGiven(NodeSpec node, TemplateSpec callee)
    {
        var inputs = callee.Inputs;
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            if (input.Default is not null || input.Value is not null)
            {
                continue;
            }

            var given = false;
            for (var j = 0; j < node.Arguments.Count && !given; j++)
            {
                given = node.Arguments[j].Name == input.Name;
            }

            if (!given)
            {
                return false;
            }
        }

        return true;
    }

    internal static string ArgoName(IParameterSymbol p) =>
        p.GetAttributes().Where(a => Symbols.Is(a, "NameAttribute"))
            .Select(a => a.ConstructorArguments.Length > 0 ? a.ConstructorArguments[0].Value as string : null)
            .FirstOrDefault(s => s is not null) ?? p.Name;

    /// <summary>A <c>[Value("...")]</c> must fit the parameter's type unless it is an Argo reference.</summary>
    private static void CheckValue(Pipeline pipeline, IParameterSymbol parameter)
    {
        AttributeData? value = null;
        foreach (var a in parameter.GetAttributes())
        {
            if (Symbols.Is(a, "ValueAttribute"))
            {
                value = a;
                break;
            }
        }

        if (value is null || value.ConstructorArguments.Length == 0 || value.ConstructorArguments[0].Value is not string text || text.Contains("{{"))
        {
            return;
        }

        var type = parameter.Type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } n ? n.TypeArguments[0] : parameter.Type;
        var fits = type.SpecialType switch
        {
            SpecialType.System_Boolean => text is "true" or "false",
            SpecialType.System_Int16 or SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_Byte or SpecialType.System_SByte
                or SpecialType.System_UInt16 or SpecialType.System_UInt32 or SpecialType.System_UInt64 => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
            SpecialType.System_Single or SpecialType.System_Double or SpecialType.System_Decimal => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
            SpecialType.System_Char => text.Length == 1,
            _ => type.TypeKind != TypeKind.Enum || type.GetMembers().OfType<IFieldSymbol>().Any(f => f.Name == text),
        };
        if (!fits)
        {
            var at = Pipeline.ArgumentOf(value, null, 0)?.GetLocation() ?? Pipeline.Where(value, parameter.Locations.FirstOrDefault() ?? Location.None);
            pipeline.Report(DiagnosticDescriptors.ValueDoesNotFit, at, text, type.ToDisplayString(), parameter.Name);
        }
    }
}
