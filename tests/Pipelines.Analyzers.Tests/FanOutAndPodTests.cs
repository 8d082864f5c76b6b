using System.Linq;
using System.Threading.Tasks;

namespace Pipelines.Analyzers.Tests;

/// <summary>How PIPE4509/4510 size a loop and see limits; what PIPE4702/4703 leave alone.</summary>
public sealed class FanOutAndPodTests
{
    private static string Items(int count) => "[" + string.Join(",", Enumerable.Range(1, count).Select(i => "\\\"" + i + "\\\"")) + "]";

    [Theory]
    [InlineData(32, false)]
    [InlineData(33, true)]
    public async Task LiteralJsonList_IsCountedAgainstTheThreshold(int count, bool reported)
    {
        var source = RuleCases.Dag("foreach (var item in Loop.Over<string>(\"" + Items(count) + "\"))\n        {\n            Echo(item);\n        }");
        var found = await AnalyzerHarness.Analyze(source);
        Assert.Equal(reported, found.Any(f => f.Id == "PIPE4509" && f.Message.Contains(count + " pods", System.StringComparison.Ordinal)));
        Assert.DoesNotContain(found, f => f.Id == "PIPE4510");
    }

    [Fact]
    public async Task ParameterDefault_IsCounted()
    {
        var source = RuleCases.Workflow("""
                [Dag, Entrypoint]
                public static void Main(string shards = "
            """ + Items(50) + """
            ")
                {
                    foreach (var item in Loop.Over<string>(shards))
                    {
                        Echo(item);
                    }
                }
            """);
        var found = await AnalyzerHarness.Analyze(source);
        Assert.Contains(found, f => f.Id == "PIPE4509" && f.Message.Contains("50 pods", System.StringComparison.Ordinal));
    }

    [Fact]
    public async Task OutputsOfALoopedTask_HaveTheLoopsSize()
    {
        var source = RuleCases.Dag("var first = Loop.ForEach(" + RuleCases.LargeItems + ", item => Echo(item)).Named(\"first\");\n        Loop.ForEach(Loop.Over<string>(first.Result), item => Echo(item)).Named(\"second\");");
        var found = await AnalyzerHarness.Analyze(source);
        Assert.Equal(2, found.Count(f => f.Id == "PIPE4509" && f.Message.Contains("40 pods", System.StringComparison.Ordinal)));
        Assert.DoesNotContain(found, f => f.Id == "PIPE4510");
    }

    [Theory]
    [InlineData("[Workflow(GenerateName = \"t-\"), Parallelism(4)]", "")]
    [InlineData("[Workflow(GenerateName = \"t-\")]", "    [Spec]\n    private static Pipelines.Argo.Model.WorkflowSpec Limits => new() { Parallelism = 4 };")]
    [InlineData("[Workflow(GenerateName = \"t-\")]", "    [Spec(nameof(Main))]\n    private static Pipelines.Argo.Model.Template Limits => new() { Parallelism = 4 };")]
    public async Task AWorkflowOrTemplateLimit_SilencesBoth(string attributes, string member)
    {
        var source = RuleCases.Workflow("    [Dag, Entrypoint]\n    public static void Main()\n    {\n        " + RuleCases.LargeList + "\n    }\n\n" + member, attributes);
        var found = await AnalyzerHarness.Analyze(source);
        Assert.True(found.Count == 0, string.Join(" | ", found.Select(f => f.Id + " " + f.Message)));

        // The same workflow without the limit is reported (the case is not vacuous).
        var unlimited = RuleCases.Workflow("    [Dag, Entrypoint]\n    public static void Main()\n    {\n        " + RuleCases.LargeList + "\n    }\n");
        Assert.Contains(await AnalyzerHarness.Analyze(unlimited), f => f.Id == "PIPE4509");
    }

    [Fact]
    public async Task ALimitOnAnotherTemplate_DoesNotCount()
    {
        var source = RuleCases.Workflow("    [Dag, Entrypoint]\n    public static void Main()\n    {\n        " + RuleCases.LargeList + "\n    }\n\n    [Spec(nameof(Echo))]\n    private static Pipelines.Argo.Model.Template Limits => new() { Parallelism = 4 };");
        Assert.Contains(await AnalyzerHarness.Analyze(source), f => f.Id == "PIPE4509");
    }

    [Fact]
    public async Task RunTimeFanOut_IsOffByDefault()
    {
        var bad = RuleCases.All().Single(c => c.Id == "PIPE4510").Bad;
        var diagnostics = await AnalyzerHarness.Run(AnalyzerHarness.Compile(bad));
        Assert.DoesNotContain(diagnostics, d => d.Id == "PIPE4510");
        Assert.Contains(await AnalyzerHarness.Analyze(bad), f => f.Id == "PIPE4510");
    }

    [Fact]
    public async Task UnprivilegedContainersAndOtherVolumes_AreNotReported()
    {
        var source = RuleCases.Dag("Echo(\"a\");", """
                [Spec(nameof(Echo))]
                private static Template EchoPod => new() { Container = new() { SecurityContext = new() { Privileged = false, RunAsUser = 1000 } } };

                [Spec]
                private static WorkflowSpec Pod => new() { Volumes = [new() { Name = "scratch", EmptyDir = new() }, new() { Name = "cfg", ConfigMap = new() { Name = "settings" } }] };
            """);
        Assert.Empty(await AnalyzerHarness.Analyze(source));
    }

    [Fact]
    public async Task PrivilegedSidecarInTheWorkflowSpec_IsReported()
    {
        var source = RuleCases.Dag("Echo(\"a\");", """
                [Spec]
                private static WorkflowSpec Pod => new() { TemplateDefaults = new() { Container = new() { SecurityContext = new() { Privileged = true } } } };
            """);
        var found = await AnalyzerHarness.Analyze(source);
        Assert.Contains(found, f => f.Id == "PIPE4702" && f.Text == "Privileged = true");
    }
}
