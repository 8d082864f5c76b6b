using System;
using System.Linq;

namespace Pipelines.Argo.Tests.Validation.Structure;

public sealed class StructureCodesTests
{
    [Fact]
    public void Structural_codes_are_unique_in_their_band_and_name_their_rule()
    {
        var structural = FindingCodes.All.Where(d => string.CompareOrdinal(d.Code, "PIPE1000") >= 0 && string.CompareOrdinal(d.Code, "PIPE1500") < 0).ToList();
        Assert.True(structural.Count >= 50, "expected the structural descriptors");
        Assert.Equal(structural.Count, structural.Select(d => d.Code).Distinct(StringComparer.Ordinal).Count());
        Assert.All(structural, d => Assert.Matches("^PIPE1[0-4][0-9]{2}$", d.Code));
        Assert.All(structural, d => Assert.Matches("^([A-Z]+-[0-9]{2}|CRD)$", d.Rule));
        // The verdict rule: every code names where Argo enforces it, and a warning says why it is not an error.
        Assert.All(structural, d => Assert.False(string.IsNullOrWhiteSpace(d.Source), d.Code + " names no Argo source"));
        Assert.All(structural.Where(d => d.Severity == Severity.Warning), d => Assert.Contains("so a warning", d.Source, StringComparison.Ordinal));
    }
}
