using System.Linq;
using System.Threading.Tasks;

namespace Pipelines.Analyzers.Tests;

/// <summary>Typed workflow arguments (<c>[Argument]</c> properties) as the analyzers see them.</summary>
public sealed class WorkflowArgumentTests
{
    [Fact]
    public async Task Arguments_used_in_a_body_and_a_condition_raise_nothing()
    {
        var found = await AnalyzerHarness.Analyze(RuleCases.Workflow("""
                [Argument] public static int Partitions { get; } = 5;
                [Argument("table-name")] public static string Table { get; } = null!;

                [Dag, Entrypoint]
                public static void Run()
                {
                    var a = Echo($"{Table}-{Partitions}");
                    if (Partitions > 3)
                    {
                        Echo(Table).Named("many").After(a);
                    }
                }
            """));
        Assert.True(found.Count == 0, string.Join(" | ", found.Select(f => f.Id + " " + f.Message)));
    }

    [Fact]
    public async Task A_non_constant_initializer_is_PIPE4602_on_the_initializer()
    {
        var found = await AnalyzerHarness.Analyze(RuleCases.Workflow("""
                [Argument] public static string Stamp { get; } = System.DateTime.Now.ToString("o");

                [Dag, Entrypoint]
                public static void Run() => Echo(Stamp);
            """));
        var problem = Assert.Single(found, f => f.Id == "PIPE4602");
        Assert.Equal("System.DateTime.Now.ToString(\"o\")", problem.Text);
        Assert.Contains("workflow argument", problem.Message, System.StringComparison.Ordinal);
    }
}
