#pragma warning disable RS1041, RS1036, RS1012 // a measurement probe, never loaded by a compiler
using System;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Pipelines.Analyzers.Benchmarks;

/// <summary>
/// The analyzer driver's own cost: analyzers that register actions but do nothing. Any symbol or syntax action makes
/// CompilationWithAnalyzers bind the whole compilation again (it works on a copy with an event queue), so Roslyn's
/// telemetry for a real analyzer also holds binding that csc shares with the compiler; the no-op runs measure it.
/// </summary>
internal static class Probe
{
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class NoOp : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(DiagnosticDescriptors.All[0]);
        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterSyntaxNodeAction(_ => { }, SyntaxKind.ClassDeclaration);
        }
    }

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    internal sealed class NoOpSymbolStart : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(DiagnosticDescriptors.All[0]);
        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterSymbolStartAction(_ => { }, SymbolKind.NamedType);
        }
    }

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class NoOpSymbolStartNode : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(DiagnosticDescriptors.All[0]);
        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterSymbolStartAction(s => { if (s.Symbol.Name.EndsWith("7")) s.RegisterSyntaxNodeAction(_ => { }, SyntaxKind.ClassDeclaration); }, SymbolKind.NamedType);
        }
    }

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class Nothing : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(DiagnosticDescriptors.All[0]);
        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(_ => { });
        }
    }

    public static void Run(Func<Compilation> fresh)
    {
        for (var round = 0; round < 4; round++)
        {
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            using var ms = new System.IO.MemoryStream();
            fresh().Emit(ms);
            Console.WriteLine($"round {round} emit cpu {(Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMilliseconds:0} ms");
        }

        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, false, true);
        for (var round = 0; round < 5; round++)
        {
            foreach (var bound in new[] { false })
            {
                foreach (var a in new DiagnosticAnalyzer[] { new Nothing(), new NoOp(), new NoOpSymbolStart(), new NoOpSymbolStartNode(), new PipelinesAnalyzer() })
                {
                    var c = fresh();
                    if (bound) c.GetDiagnostics();
                    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                    var w = Stopwatch.StartNew();
                    var alloc = GC.GetAllocatedBytesForCurrentThread();
                    var with = c.WithAnalyzers([a], options);
                    var d = with.GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
                    var t = with.GetAnalyzerTelemetryInfoAsync(a, CancellationToken.None).GetAwaiter().GetResult();
                    Console.WriteLine($"round {round} bound={bound} {a.GetType().Name}: telemetry {t.ExecutionTime.TotalMilliseconds:0.0} ms, wall {w.Elapsed.TotalMilliseconds:0.0} ms, cpu {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds:0} ms, alloc {(GC.GetAllocatedBytesForCurrentThread() - alloc) / 1048576.0:0.0} MiB, diags {d.Length}");
                }
            }
        }
    }
}
