using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Pipelines.CodeFixes;

namespace Pipelines.Analyzers.Tests;

/// <summary>Each code fix: applied to a triggering source, the result compiles and the diagnostic is gone.</summary>
public sealed class CodeFixTests
{
    private static async Task<string> FixAndVerify(string source, string id, CodeFixProvider fixer)
    {
        Assert.Contains(id, fixer.FixableDiagnosticIds);
        var before = await AnalyzerHarness.Analyze(source);
        Assert.Contains(before, f => f.Id == id);

        var fixedSource = await AnalyzerHarness.Fix(source, id, fixer);
        Assert.NotEqual(source, fixedSource);

        // Analyze compiles the source first and fails on any compiler error.
        var after = await AnalyzerHarness.Analyze(fixedSource);
        Assert.True(after.All(f => f.Id != id), id + " is still reported after the fix:\n" + fixedSource);
        return fixedSource;
    }

    [Fact]
    public async Task AddAtLeastOnce_MakesTheRetriesCount()
    {
        var source = RuleCases.All().Single(c => c.Id == "PIPE4903").Bad;
        var result = await FixAndVerify(source, "PIPE4903", new AddAtLeastOnceCodeFix());
        Assert.Contains("[AtLeastOnce]", result, System.StringComparison.Ordinal);
        Assert.Contains("[TriggerRetry(Steps = 3)]", result, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task DidYouMean_ReplacesTheMistypedName()
    {
        var source = RuleCases.All().Single(c => c.Id == "PIPE4101").Bad;
        var result = await FixAndVerify(source, "PIPE4101", new DidYouMeanCodeFix());
        Assert.Contains("{{inputs.parameters.message}}", result, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rename_MakesATaskNameValid()
    {
        var result = await FixAndVerify(RuleCases.Dag("Echo(\"a\").Named(\"print_message\");"), "PIPE4304", new RenameCodeFix());
        Assert.Contains(".Named(\"print-message\")", result, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rename_MakesATemplateNameValid()
    {
        var source = RuleCases.Dag("Echo(\"a\");", "    [Container(\"busybox\"), Name(\"PrintMessage\")]\n    public static Node Other() => Node.NoOutputs;").Replace("Name(\"PrintMessage\")", "Name(\"Print.Message\")");
        var result = await FixAndVerify(source, "PIPE4304", new RenameCodeFix());
        Assert.Contains("Name(\"print-message\")", result, System.StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Rename_MakesTheMetadataNameDns1123()
    {
        var source = RuleCases.All().Single(c => c.Id == "PIPE4306").Bad;
        var result = await FixAndVerify(source, "PIPE4306", new RenameCodeFix());
        Assert.Contains("Name = \"my-workflow\"", result, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task NameNode_GivesTheDuplicateAUniqueName()
    {
        var result = await FixAndVerify(RuleCases.Dag("Echo(\"a\");\n        Echo(\"b\");"), "PIPE4302", new RenameCodeFix());
        Assert.Contains("Echo(\"b\").Named(\"echo-2\");", result, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task MakePartial_AddsTheModifier()
    {
        var source = RuleCases.All().Single(c => c.Id == "PIPE4605").Bad;
        var result = await FixAndVerify(source, "PIPE4605", new MakePartialCodeFix());
        Assert.Contains("public partial class P", result, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddArgument_SuppliesTheMissingInput()
    {
        var source = RuleCases.All().Single(c => c.Id == "PIPE4201").Bad;
        var result = await FixAndVerify(source, "PIPE4201", new AddArgumentCodeFix());
        Assert.Contains("Greet(name: \"\")", result, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task CronSchedules_MovesScheduleIntoTheList()
    {
        var source = RuleCases.All().Single(c => c.Id == "PIPE4801").Bad;
        var result = await FixAndVerify(source, "PIPE4801", new CronSchedulesCodeFix());
        Assert.Contains("[CronWorkflow(\"nightly\", \"0 2 * * *\")]", result, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PIPE4509")]
    [InlineData("PIPE4510")]
    public async Task AddParallelism_LimitsTheFanOutTemplate(string id)
    {
        var source = RuleCases.All().Single(c => c.Id == id).Bad;
        var result = await FixAndVerify(source, id, new AddParallelismCodeFix());
        Assert.Contains("Entrypoint, Parallelism(10)]", result, System.StringComparison.Ordinal);
    }

    [Fact]
    public void EveryFixerIsExportedForItsIds()
    {
        var fixers = typeof(DidYouMeanCodeFix).Assembly.GetTypes().Where(t => typeof(CodeFixProvider).IsAssignableFrom(t) && !t.IsAbstract).ToList();
        Assert.True(fixers.Count >= 5, "At least five code-fix providers");
        foreach (var fixer in fixers)
        {
            Assert.NotNull(fixer.GetCustomAttributes(typeof(ExportCodeFixProviderAttribute), false).SingleOrDefault());
            var ids = ((CodeFixProvider)System.Activator.CreateInstance(fixer)!).FixableDiagnosticIds;
            Assert.All(ids, id => Assert.Contains(DiagnosticDescriptors.All, d => d.Id == id));
        }
    }

    [Fact]
    public async Task TemplateNamedMain_IsRenamedWithItsReferencesAndKeepsTheTemplateName()
    {
        var source = RuleCases.Workflow("""
                [Dag, Entrypoint]
                public static void Main()
                {
                    Echo("a");
                }

                [Steps]
                public static Node Again()
                {
                    Main();
                    return Node.NoOutputs;
                }
            """) + RuleCases.GeneratedEntryPoint;
        const Microsoft.CodeAnalysis.OutputKind exe = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
        var before = await AnalyzerHarness.Analyze(source, kind: exe);
        Assert.Contains(before, f => f.Id == "PIPE4610" && f.Text == "Main");

        var fixedSource = await AnalyzerHarness.Fix(source, "PIPE4610", new TemplateNamedMainCodeFix(), exe);
        Assert.Contains("    [Name(\"main\")]\n    [Dag, Entrypoint]\n    public static void MainDag()", fixedSource.Replace("\r\n", "\n", System.StringComparison.Ordinal), System.StringComparison.Ordinal);
        Assert.Contains("MainDag();", fixedSource, System.StringComparison.Ordinal);

        var after = await AnalyzerHarness.Analyze(fixedSource, kind: exe);
        Assert.True(after.All(f => f.Id != "PIPE4610"), "PIPE4610 is still reported after the fix:\n" + fixedSource);
    }
}
