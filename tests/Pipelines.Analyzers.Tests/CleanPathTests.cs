using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Pipelines.Analyzers.Tests;

/// <summary>
/// The shortcuts the analyzer takes on clean code (text searches before syntax walks, reachability worked out once per
/// class) still find what the full work found, and the analyzer is set up as the compiler runs it best.
/// </summary>
public sealed class CleanPathTests
{
    [Fact]
    public async Task IndirectRecursion_IsReportedInEachTemplateOfTheLoop()
    {
        var found = await AnalyzerHarness.Analyze(RuleCases.Workflow(
            "    [Dag, Entrypoint]\n    public static void Main()\n    {\n        Echo(\"a\");\n        Inner();\n    }\n\n"
            + "    [Dag]\n    public static void Inner()\n    {\n        Echo(\"b\");\n        Main();\n    }"));

        var recursion = found.Where(f => f.Id == DiagnosticDescriptors.UnconditionalRecursion.Id).ToList();
        Assert.Equal(["Inner();", "Main();"], recursion.Select(f => f.Text).OrderBy(t => t, StringComparer.Ordinal));
    }

    [Fact]
    public async Task LoopOver_SpelledWithAUnicodeEscape_IsStillRead()
    {
        // "Loop" is not in the text; the backslash sends the method to the syntax walk.
        var found = await AnalyzerHarness.Analyze(RuleCases.Dag("foreach (var item in L\\u006Fop.Over<string>(\"a,b\"))\n        {\n            Echo(item);\n        }"));

        Assert.Contains(found, f => f.Id == "PIPE4502" && f.Text == "\"a,b\"");
    }

    [Fact]
    public void Initialize_EnablesConcurrentExecutionAndSkipsGeneratedCode()
    {
        var context = new RecordingContext();
        new PipelinesAnalyzer().Initialize(context);

        Assert.True(context.Concurrent);
        Assert.Equal(GeneratedCodeAnalysisFlags.None, context.GeneratedCode);
    }

    private sealed class RecordingContext : AnalysisContext
    {
        public bool Concurrent { get; private set; }

        public GeneratedCodeAnalysisFlags? GeneratedCode { get; private set; }

        public override void EnableConcurrentExecution() => Concurrent = true;

        public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode) => GeneratedCode = analysisMode;

        public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action)
        {
        }

        public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action)
        {
        }

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action)
        {
        }

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, System.Collections.Immutable.ImmutableArray<SymbolKind> symbolKinds)
        {
        }

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action)
        {
        }

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action)
        {
        }

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action)
        {
        }

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, System.Collections.Immutable.ImmutableArray<TLanguageKindEnum> syntaxKinds)
        {
        }
    }
}

/// <summary>The hand-written name tests agree with the regular expressions they replaced.</summary>
public sealed class NameShapeTests
{
    private static readonly string[] Names =
    [
        "", "a", "A9", "9a", "-a", "a-", "a-b", "a_b", "_a", "a.b", "a b", "a\n", "\n", "a\n\n", "a\nb", "a\r\n", "é", "a\u0660",
        "main", "flow-001-", "inputs.parameters.x", "x--y", "Tab\t", new string('a', 128), new string('a', 129), new string('a', 128) + "\n",
    ];

    [Fact]
    public void IsTemplateName_AgreesWithTheRegularExpression()
    {
        var regex = new System.Text.RegularExpressions.Regex("^[a-zA-Z0-9][-a-zA-Z0-9]*$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);
        foreach (var name in Names)
        {
            Assert.True(NameChecks.IsTemplateName(name) == (name.Length is > 0 and <= 128 && regex.IsMatch(name)), name);
        }
    }

    [Fact]
    public void IsParameterName_AgreesWithTheRegularExpression()
    {
        var regex = new System.Text.RegularExpressions.Regex("^[-a-zA-Z0-9_]+$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);
        foreach (var name in Names)
        {
            Assert.True(NameChecks.IsParameterName(name) == regex.IsMatch(name), name);
        }
    }
}
