using System;
using Microsoft.CodeAnalysis;

namespace Pipelines.Analyzers;

/// <summary>Attribute tests by name and namespace, without formatting the symbol (ToDisplayString allocates and is slow).</summary>
internal static class Symbols
{
    /// <summary>True when <paramref name="a"/> is <c>Pipelines.&lt;name&gt;</c>.</summary>
    public static bool Is(AttributeData a, string name) =>
        a.AttributeClass is { } type
        && type.Name == name
        && type.ContainingNamespace is { Name: "Pipelines", ContainingNamespace.IsGlobalNamespace: true };

    /// <summary>True when <paramref name="a"/> is one of the <c>Pipelines.*</c> attributes named.</summary>
    public static bool IsAny(AttributeData a, string[] names) =>
        a.AttributeClass is { } type
        && Array.IndexOf(names, type.Name) >= 0
        && type.ContainingNamespace is { Name: "Pipelines", ContainingNamespace.IsGlobalNamespace: true };
}
