using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Pipelines.Generator.Model;

namespace Pipelines.Analyzers;

/// <summary>PIPE47xx: secrets written into the pipeline as literals, privileged containers, hostPath volumes.</summary>
internal static class SecurityChecks
{
    private static readonly Regex SecretName = new("(password|passwd|secret|token|api[-_]?key|access[-_]?key|private[-_]?key|credential)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static readonly Regex SecretText = new(
        "(AKIA[0-9A-Z]{16}|-----BEGIN [A-Z ]*PRIVATE KEY-----|gh[pousr]_[A-Za-z0-9]{36}|xox[baprs]-[A-Za-z0-9-]{10,}|(password|passwd|token|secret)[ ]*[=:][ ]*[^{\\s'\"]{4,})",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    public static void Run(Pipeline pipeline)
    {
        CheckPodSettings(pipeline);

        // Named values: workflow arguments, parameter defaults and fixed values whose name says secret.
        foreach (var attribute in pipeline.Type.GetAttributes().Where(a => Symbols.Is(a, "ArgumentAttribute")))
        {
            if (attribute.ConstructorArguments.Length > 1 && attribute.ConstructorArguments[0].Value is string name && IsLiteralSecret(name, attribute.ConstructorArguments[1].Value as string))
            {
                pipeline.Report(DiagnosticDescriptors.LiteralSecret, Pipeline.ArgumentOf(attribute, null, 1)?.GetLocation() ?? Pipeline.Where(attribute, pipeline.Declaration.Identifier.GetLocation()), "The value of workflow argument '" + name + "'");
            }
        }

        // The nodes of a DAG mostly pass arguments of one name ("message" twenty times): the name's test is remembered.
        string? lastName = null;
        var lastNameIsSecret = false;
        foreach (var method in pipeline.Methods)
        {
            if (method.Spec is not { } template)
            {
                continue;
            }

            foreach (var parameter in method.Syntax.ParameterList.Parameters)
            {
                var name = parameter.Identifier.ValueText;
                if (parameter.Default?.Value is LiteralExpressionSyntax literal && IsLiteralSecret(name, literal.Token.ValueText))
                {
                    pipeline.Report(DiagnosticDescriptors.LiteralSecret, literal.GetLocation(), "The default of parameter '" + name + "'");
                }
            }

            foreach (var node in GraphChecks.Nodes(template))
            {
                for (var i = 0; i < node.Arguments.Count; i++)
                {
                    var argument = node.Arguments[i];
                    if (IsLiteralSecret(argument.Name, argument.Value, ref lastName, ref lastNameIsSecret) && pipeline.NodeSyntax(node) is { } syntax)
                    {
                        var literal = syntax.DescendantNodes().OfType<LiteralExpressionSyntax>().FirstOrDefault(l => l.Token.ValueText == argument.Value);
                        pipeline.Report(DiagnosticDescriptors.LiteralSecret, literal?.GetLocation() ?? syntax.GetLocation(), "The argument '" + argument.Name + "'");
                    }
                }
            }

            // Text that looks like a credential anywhere in the template's attributes (command, args, source).
            foreach (var token in method.AttributeLiterals)
            {
                if (SecretText.Match(token.ValueText) is { Success: true } match)
                {
                    var index = token.Text.IndexOf(match.Value, System.StringComparison.Ordinal);
                    var location = index >= 0 ? Location.Create(token.SyntaxTree!, new Microsoft.CodeAnalysis.Text.TextSpan(token.SpanStart + index, match.Length)) : token.GetLocation();
                    pipeline.Report(DiagnosticDescriptors.LiteralSecret, location, "This text");
                }
            }
        }
    }

    private static void CheckPodSettings(Pipeline pipeline)
    {
        foreach (var (member, _, _) in pipeline.SpecMembers)
        {
            foreach (var assignment in member.DescendantNodes().OfType<AssignmentExpressionSyntax>())
            {
                if (assignment.Left is not IdentifierNameSyntax { Identifier.ValueText: var field })
                {
                    continue;
                }

                if (field == "Privileged" && assignment.Right.IsKind(SyntaxKind.TrueLiteralExpression))
                {
                    pipeline.Report(DiagnosticDescriptors.PrivilegedContainer, assignment.GetLocation());
                }
                else if (field == "HostPath" && !assignment.Right.IsKind(SyntaxKind.NullLiteralExpression))
                {
                    pipeline.Report(DiagnosticDescriptors.HostPathVolume, assignment.GetLocation(), VolumeName(assignment));
                }
            }
        }
    }

    // The Name = "..." beside HostPath in the same volume initializer.
    private static string VolumeName(AssignmentExpressionSyntax hostPath) =>
        hostPath.Parent is InitializerExpressionSyntax initializer
            && initializer.Expressions.OfType<AssignmentExpressionSyntax>().FirstOrDefault(a => a.Left is IdentifierNameSyntax { Identifier.ValueText: "Name" })?.Right is LiteralExpressionSyntax name
            ? name.Token.ValueText
            : "(unnamed)";

    private static bool IsLiteralSecret(string name, string? value) =>
        SecretName.IsMatch(name) && value is { Length: > 0 } && !value.Contains("{{");

    private static bool IsLiteralSecret(string name, string? value, ref string? lastName, ref bool lastNameIsSecret)
    {
        if (value is not { Length: > 0 } || value.Contains("{{"))
        {
            return false;
        }

        if (!ReferenceEquals(name, lastName) && name != lastName)
        {
            lastName = name;
            lastNameIsSecret = SecretName.IsMatch(name);
        }

        return lastNameIsSecret;
    }
}
