using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace Pipelines.Argo;

/// <summary>A kind of finding: its stable code, default severity, and a one-line title for documentation.</summary>
/// <param name="Code">The stable code, <c>PIPE</c> and four digits.</param>
/// <param name="Severity">The default severity.</param>
/// <param name="Title">A one-line description of the rule.</param>
/// <param name="Rule">The rule of ARGO-RULES.md it implements (for example <c>DAG-03</c>), or empty.</param>
/// <param name="Source">
/// Where Argo v4.1.2 (or Kubernetes) enforces the rule: the Go function (for example <c>validate.go validateDAG</c>),
/// or a note that Argo accepts it and why we report it. Listed in docs/lint-codes.md.
/// </param>
public sealed record FindingDescriptor(string Code, Severity Severity, string Title, string Rule = "", string Source = "")
{
    /// <summary>Creates a finding of this kind.</summary>
    public Finding Create(string message, FieldPath path, int line = 0, int column = 0) =>
        new(Code, Severity, message, path.ToString(), line, column);
}

/// <summary>
/// Every finding the reader and the validator can report. Bands: <c>PIPE1xxx</c> Argo's rules (validator),
/// <c>PIPE3xxx</c> reading manifests (YAML syntax, strict decoding, limits).
/// </summary>
public static partial class FindingCodes
{
    /// <summary>All descriptors, sorted by code.</summary>
    public static IReadOnlyList<FindingDescriptor> All { get; } = typeof(FindingCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(FindingDescriptor))
        .Select(f => (FindingDescriptor)f.GetValue(null)!)
        .OrderBy(d => d.Code, StringComparer.Ordinal)
        .ToArray();
}
