using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Xml;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Pipelines.Generator;

/// <summary>
/// Reads XML doc comments (<c>///</c>) from syntax trivia, so descriptions work whether or not the project generates a
/// documentation file. Malformed XML gives no description, never an exception.
/// </summary>
internal static class Documentation
{
    /// <summary>The doc comment before a declaration as one XML element (<c>&lt;doc&gt;</c>), or null when there is none or it is not well formed.</summary>
    public static XElement? Of(SyntaxNode declaration)
    {
        StringBuilder? text = null;
        foreach (var trivia in declaration.GetLeadingTrivia())
        {
            var isDoc = trivia.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia)
                || (trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) && trivia.ToString().StartsWith("///", StringComparison.Ordinal));
            if (!isDoc)
            {
                continue;
            }

            text ??= new StringBuilder();
            foreach (var line in trivia.ToFullString().Split('\n'))
            {
                var trimmed = line.Trim();
                if (trimmed.StartsWith("///", StringComparison.Ordinal))
                {
                    text.Append(trimmed.Substring(3)).Append('\n');
                }
            }
        }

        if (text is null)
        {
            return null;
        }

        try
        {
            return XElement.Parse("<doc>" + text + "</doc>", LoadOptions.PreserveWhitespace);
        }
        catch (XmlException)
        {
            return null;
        }
    }

    /// <summary>The text of the <c>&lt;summary&gt;</c>, lines trimmed and blank edges dropped; null when absent or empty.</summary>
    public static string? Summary(XElement? doc) => Text(doc?.Element("summary"));

    /// <summary>The text of <c>&lt;param name="…"&gt;</c>; null when absent or empty.</summary>
    public static string? Param(XElement? doc, string name) =>
        Text(doc?.Elements("param").FirstOrDefault(e => string.Equals((string?)e.Attribute("name"), name, StringComparison.Ordinal)));

    /// <summary>
    /// The description of a property of an outputs record: its own <c>&lt;summary&gt;</c>, or for a positional record
    /// parameter the record's <c>&lt;param&gt;</c>.
    /// </summary>
    public static string? OfProperty(IPropertySymbol property, CancellationToken ct)
    {
        foreach (var reference in property.DeclaringSyntaxReferences)
        {
            switch (reference.GetSyntax(ct))
            {
                case PropertyDeclarationSyntax declaration:
                    return Summary(Of(declaration));
                case ParameterSyntax { Parent: ParameterListSyntax { Parent: TypeDeclarationSyntax record } } parameter:
                    return Param(Of(record), parameter.Identifier.ValueText);
            }
        }

        return null;
    }

    private static string? Text(XElement? element)
    {
        if (element is null)
        {
            return null;
        }

        var raw = new StringBuilder();
        Append(raw, element);
        var lines = raw.ToString().Replace("\r", string.Empty).Split('\n').Select(l => l.Trim()).ToList();
        while (lines.Count > 0 && lines[0].Length == 0)
        {
            lines.RemoveAt(0);
        }

        while (lines.Count > 0 && lines[lines.Count - 1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines.Count == 0 ? null : string.Join("\n", lines);
    }

    private static void Append(StringBuilder text, XElement element)
    {
        foreach (var node in element.Nodes())
        {
            switch (node)
            {
                case XText piece:
                    text.Append(piece.Value);
                    break;
                case XElement { Name.LocalName: "see" or "seealso" } see:
                    text.Append(ShortName((string?)see.Attribute("cref") ?? (string?)see.Attribute("langword") ?? (string?)see.Attribute("href") ?? string.Empty));
                    break;
                case XElement { Name.LocalName: "paramref" or "typeparamref" } reference:
                    text.Append((string?)reference.Attribute("name") ?? string.Empty);
                    break;
                case XElement inner:
                    Append(text, inner);
                    break;
            }
        }
    }

    /// <summary>A cref such as <c>T:App.Thing</c> or <c>App.Thing.Run</c> as its last name.</summary>
    private static string ShortName(string cref)
    {
        var colon = cref.IndexOf(':');
        var name = colon >= 0 && colon < 3 ? cref.Substring(colon + 1) : cref;
        var paren = name.IndexOf('(');
        if (paren >= 0)
        {
            name = name.Substring(0, paren);
        }

        return cref.StartsWith("http", StringComparison.Ordinal) ? cref : name.Substring(name.LastIndexOf('.') + 1);
    }
}
