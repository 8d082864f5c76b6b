using System;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Pipelines.Analyzers;

namespace Pipelines.Analyzers.Benchmarks;

/// <summary>Where the analyzer's time goes, over a compilation that is already bound: parse, then each family.</summary>
internal static class Breakdown
{
    public static void Run(Compilation compilation)
    {
        compilation.GetDiagnostics();
        var times = new double[10];
        var names = new[] { "parse", "graph", "references", "arguments", "names", "templates", "control", "security", "symbols", "walk" };
        for (var round = 0; round < 2; round++)
        {
            Array.Clear(times);
            foreach (var tree in compilation.SyntaxTrees)
            {
                var model = compilation.GetSemanticModel(tree);
                foreach (var declaration in tree.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>())
                {
                    var watch = Stopwatch.StartNew();
                    if (model.GetDeclaredSymbol(declaration) is not { } type || PipelinesAnalyzer.FirstKindAttribute(type) is not { } kind)
                    {
                        continue;
                    }

                    times[8] += watch.Elapsed.TotalMilliseconds;
                    watch.Restart();
                    var spec = Pipelines.Generator.PipelinesGenerator.Parser.Parse(declaration, type, kind, model, default);
                    times[0] += watch.Elapsed.TotalMilliseconds;
                    if (spec is null)
                    {
                        continue;
                    }

#pragma warning disable CS0618 // the public constructor is enough for a measurement
                    var context = new SyntaxNodeAnalysisContext(declaration, type, model, new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), _ => { }, _ => true, default);
#pragma warning restore CS0618
                    watch.Restart();
                    var pipeline = new Pipeline(spec, declaration, type, kind, context);
                    _ = pipeline.Methods; // the class's one shared syntax walk
                    times[9] += watch.Elapsed.TotalMilliseconds;
                    Action<Pipeline>[] families = [GraphChecks.Run, ReferenceChecks.Run, ArgumentChecks.Run, NameChecks.Run, TemplateChecks.Run, ControlChecks.Run, SecurityChecks.Run];
                    for (var i = 0; i < families.Length; i++)
                    {
                        watch.Restart();
                        families[i](pipeline);
                        times[i + 1] += watch.Elapsed.TotalMilliseconds;
                    }
                }
            }
        }

        Console.WriteLine("breakdown over a bound compilation (second round): " + string.Join(", ", names.Select((n, i) => string.Create(CultureInfo.InvariantCulture, $"{n} {times[i]:0.0} ms"))));
    }
}
