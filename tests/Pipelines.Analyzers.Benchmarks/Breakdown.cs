using System;
using System.Collections.Generic;
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
    public static void Run(Compilation compilation, int rounds)
    {
        compilation.GetDiagnostics();
        var times = new double[13];
        var names = new[] { "parse", "graph", "references", "arguments", "names", "templates", "control", "security", "symbols", "walk", "pipeline", "entrypoint", "observability" };
        var all = names.Select(_ => new List<double>()).ToArray();

        // 3 warm-up rounds first: the checks run once per class, so a round or two measures unoptimised (tier-0) code.
        for (var round = 0; round < rounds + 3; round++)
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
                    times[10] += watch.Elapsed.TotalMilliseconds;
                    watch.Restart();
                    _ = pipeline.Methods; // the class's one shared syntax walk
                    times[9] += watch.Elapsed.TotalMilliseconds;
                    Action<Pipeline>[] families = [GraphChecks.Run, ReferenceChecks.Run, ArgumentChecks.Run, NameChecks.Run, TemplateChecks.Run, ControlChecks.Run, SecurityChecks.Run, EntryPointChecks.Run, ObservabilityChecks.Run];
                    for (var i = 0; i < families.Length; i++)
                    {
                        watch.Restart();
                        families[i](pipeline);
                        times[i < 7 ? i + 1 : i + 4] += watch.Elapsed.TotalMilliseconds;
                    }
                }
            }

            if (round >= 3)
            {
                for (var i = 0; i < times.Length; i++)
                {
                    all[i].Add(times[i]);
                }
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"breakdown over a bound compilation (median of {rounds} rounds after 3 warm-ups): ")
            + string.Join(", ", names.Select((n, i) => string.Create(CultureInfo.InvariantCulture, $"{n} {all[i].OrderBy(v => v).ElementAt(all[i].Count / 2):0.0} ms"))));
    }
}
