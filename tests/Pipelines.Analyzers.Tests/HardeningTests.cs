using System.Linq;
using System.Threading.Tasks;

namespace Pipelines.Analyzers.Tests;

/// <summary>Issue 19 item 17: names from the user's code cannot break a diagnostic line.</summary>
public sealed class HardeningTests
{
    [Fact]
    public async Task Control_characters_in_a_name_are_escaped_in_the_message()
    {
        var source = RuleCases.Dag("Echo(\"a\");").Replace(
            "[Workflow(GenerateName = \"t-\")]",
            "[Workflow(Name = \"bad\\u001b[31m\\nname\")]",
            System.StringComparison.Ordinal);

        var found = await AnalyzerHarness.Analyze(source);

        var invalid = Assert.Single(found, f => f.Id == "PIPE4306");
        Assert.Contains("bad\\u001B[31m\\nname", invalid.Message, System.StringComparison.Ordinal);
        Assert.All(found, f => Assert.DoesNotContain(f.Message, c => c < ' '));
    }
}
