using System;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Pipelines.Generator.Tests;

/// <summary>Incomplete code never makes the generator throw; output does not depend on the current culture.</summary>
public sealed class RobustnessTests
{
    public static TheoryData<string> Ports() => PortTests.Ports();

    [Theory]
    [MemberData(nameof(Ports))]
    public void Truncated_port_sources_never_throw(string port)
    {
        var source = GeneratorHarness.ReadPort(port);
        const int Points = 40;
        for (var i = 0; i < Points; i++)
        {
            var length = source.Length * i / Points;
            var run = GeneratorHarness.Run(source[..length], port);
            var where = $"{port} cut at {length}";
            Assert.Equal([where + ": no exception"], run.Result.Results.Select(r => where + ": " + (r.Exception?.ToString() ?? "no exception")));
            Assert.Equal(where + ": ", where + ": " + string.Join("; ", run.Diagnostics));
            Assert.DoesNotContain(run.Output.GetDiagnostics(), d => d.Id is "CS8785" or "AD0001");
        }
    }

    private const string Numbers = """
        using Pipelines;
        namespace App;
        [Workflow(Name = "numbers")]
        public partial class Numbers
        {
            [Container("busybox")]
            public static partial Node Show(int count, double ratio = -1.5, long big = -1_000_000L, float small = 0.25f);

            [Dag, Entrypoint]
            public static void Main(int retries = -3, double scale = -0.5)
            {
                var a = Show(-2, 1.5);
                var b = Show(count: 0x10, ratio: -2.75d, big: -7);
            }
        }
        """;

    [Fact]
    public void Output_is_the_same_under_a_culture_with_a_unicode_minus_sign()
    {
        var invariant = Generate();
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NegativeSign = "\u2212";
        culture.NumberFormat.NumberDecimalSeparator = ",";
        var saved = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        string minus;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
            Assert.Equal("\u22121,5", (-1.5).ToString(CultureInfo.CurrentCulture)); // the culture really is in effect
            minus = Generate();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = saved;
        }

        Assert.Equal(invariant, minus);
        Assert.DoesNotContain("\\u2212", minus, StringComparison.Ordinal);
        var json = GeneratorHarness.ManifestsOf(CSharpSyntaxTreeOf(minus)).Single().Json;
        Assert.Contains("{\"name\":\"retries\",\"value\":\"-3\"},{\"name\":\"scale\",\"value\":\"-0.5\"}", json, StringComparison.Ordinal);
        Assert.Contains("{\"name\":\"ratio\",\"default\":\"-1.5\"},{\"name\":\"big\",\"default\":\"-1000000\"},{\"name\":\"small\",\"default\":\"0.25\"}", json, StringComparison.Ordinal);
        Assert.Contains("[{\"name\":\"count\",\"value\":\"-2\"},{\"name\":\"ratio\",\"value\":\"1.5\"}]", json, StringComparison.Ordinal);
        Assert.Contains("[{\"name\":\"count\",\"value\":\"16\"},{\"name\":\"ratio\",\"value\":\"-2.75\"},{\"name\":\"big\",\"value\":\"-7\"}]", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Generating_twice_gives_byte_equal_text() => Assert.Equal(Generate(), Generate());

    private static string Generate()
    {
        var run = GeneratorHarness.Run(Numbers).AssertClean();
        return run.Result.GeneratedTrees.Single().ToString();
    }

    private static SyntaxTree CSharpSyntaxTreeOf(string text) => GeneratorHarness.Tree(text, "Generated.cs");
}
