using System;
using System.Collections.Generic;
using System.Linq;
using Pipelines.Argo.Validation;

namespace Pipelines.Argo.Tests.Validation.Structure;

/// <summary>Reads YAML documents, validates them together, and asserts on the structural findings (PIPE1000 to PIPE1499).</summary>
internal static class StructureAssert
{
    /// <summary>Validates <paramref name="yaml"/> (and <paramref name="others"/>, validated together) and returns the first file's findings.</summary>
    public static List<Finding> Validate(string yaml, params string[] others) => Validate(yaml, null, others);

    public static List<Finding> Validate(string yaml, ValidationOptions? options, params string[] others)
    {
        var files = new List<ManifestFile> { ArgoYaml.ReadText(yaml, "test.yaml") };
        files.AddRange(others.Select((o, i) => ArgoYaml.ReadText(o, "other" + i + ".yaml")));
        var readErrors = files.SelectMany(f => f.AllFindings).Where(f => f.Severity == Severity.Error).ToList();
        Assert.True(readErrors.Count == 0, "the test manifest must read cleanly:\n" + string.Join("\n", readErrors));
        ArgoValidator.Validate(files, options);
        return files[0].AllFindings.Where(IsStructural).ToList();
    }

    public static bool IsStructural(Finding f) =>
        f.Code.StartsWith("PIPE1", StringComparison.Ordinal) && string.CompareOrdinal(f.Code, "PIPE1500") < 0;

    /// <summary>Asserts a finding with this code, path and severity exists, and returns it.</summary>
    public static Finding Has(IReadOnlyList<Finding> findings, FindingDescriptor descriptor, string path, Severity? severity = null)
    {
        var match = findings.FirstOrDefault(f => f.Code == descriptor.Code && f.Path == path);
        Assert.True(match is not null, $"expected {descriptor.Code} at '{path}', got:\n" + Describe(findings));
        Assert.Equal(severity ?? descriptor.Severity, match!.Severity);
        return match;
    }

    /// <summary>Asserts the only structural finding has this code and path.</summary>
    public static Finding Single(IReadOnlyList<Finding> findings, FindingDescriptor descriptor, string path, Severity? severity = null)
    {
        Assert.True(findings.Count == 1, $"expected exactly {descriptor.Code} at '{path}', got:\n" + Describe(findings));
        return Has(findings, descriptor, path, severity);
    }

    public static void None(IReadOnlyList<Finding> findings) =>
        Assert.True(findings.Count == 0, "expected no structural findings, got:\n" + Describe(findings));

    public static void NoneWithCode(IReadOnlyList<Finding> findings, FindingDescriptor descriptor) =>
        Assert.True(findings.All(f => f.Code != descriptor.Code), $"expected no {descriptor.Code}, got:\n" + Describe(findings));

    private static string Describe(IEnumerable<Finding> findings)
    {
        var list = findings.Select(f => "  " + f).ToList();
        return list.Count == 0 ? "  (none)" : string.Join("\n", list);
    }
}
