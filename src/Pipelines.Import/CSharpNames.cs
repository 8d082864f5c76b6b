using System;
using System.Collections.Generic;
using System.Linq;

namespace Pipelines.Import;

/// <summary>C# naming rules the importer needs: reserved words and namespaces.</summary>
public static class CSharpNames
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const", "continue", "decimal", "default",
        "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false", "finally", "fixed", "float", "for", "foreach", "goto",
        "if", "implicit", "in", "int", "interface", "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out",
        "override", "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc",
        "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort",
        "using", "virtual", "void", "volatile", "while",
    };

    /// <summary>Whether <paramref name="word"/> is a reserved C# keyword (it needs <c>@</c> to be an identifier).</summary>
    /// <param name="word">The identifier to check.</param>
    /// <returns><see langword="true"/> for a reserved keyword such as <c>out</c> or <c>class</c>.</returns>
    public static bool IsKeyword(string word) => Keywords.Contains(word);

    /// <summary>Whether <paramref name="ns"/> can be written after <c>namespace</c> as is: dotted identifiers, none a keyword.</summary>
    /// <param name="ns">The namespace to check, such as <c>Company.Pipelines</c>.</param>
    /// <returns><see langword="true"/> when the namespace is valid C#.</returns>
    public static bool IsNamespace(string ns) =>
        ns.Split('.').All(p => p.Length > 0 && (char.IsLetter(p[0]) || p[0] == '_') && p.All(c => char.IsLetterOrDigit(c) || c == '_') && !IsKeyword(p));

    /// <summary>
    /// A namespace made from a folder or project name: letters and digits kept, the rest dropped; a part that starts with a
    /// digit gets a leading <c>_</c>, and a part that is a keyword (a folder named <c>out</c>) starts with a capital letter.
    /// </summary>
    /// <param name="name">The folder or project name, such as <c>my-pipelines</c> or <c>Company.Pipelines</c>.</param>
    /// <returns>A valid namespace; <c>Pipelines</c> when nothing usable is left.</returns>
    public static string NamespaceFrom(string name)
    {
        var parts = name.Split('.')
            .Select(p => new string(p.Where(char.IsAsciiLetterOrDigit).ToArray()))
            .Where(p => p.Length > 0)
            .Select(p => char.IsDigit(p[0]) ? "_" + p : IsKeyword(p) ? char.ToUpperInvariant(p[0]) + p.Substring(1) : p)
            .ToList();
        return parts.Count == 0 ? "Pipelines" : string.Join('.', parts);
    }
}
