using System.Linq;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Pipelines.Argo;
using Pipelines.Argo.Validation;

namespace Pipelines.Benchmarks;

/// <summary>One operation = one pass over the whole corpus (217 files, 223 Argo documents) held in memory.</summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class CorpusBenchmarks
{
    private CorpusData _corpus = null!;

    [GlobalSetup]
    public void Setup() => _corpus = CorpusData.Load();

    /// <summary>Bytes to model: ArgoYaml.ReadBytes for every file.</summary>
    [Benchmark]
    public int Load() => Passes.Load(_corpus);

    /// <summary>ArgoValidator.Validate over every file read once (the findings it adds are removed again after each pass).</summary>
    [Benchmark]
    public int Validate() => Passes.Validate(_corpus);

    /// <summary>Model to text: ArgoYaml.Format for every file read once.</summary>
    [Benchmark]
    public int Write() => Passes.Write(_corpus);

    /// <summary>Read, validate and write the whole corpus.</summary>
    [Benchmark]
    public int All() => Passes.All(_corpus);

    /// <summary>`pipelines import` without the disk: read, validate and convert every document to C#.</summary>
    [Benchmark]
    public int Import() => Passes.Import(_corpus);

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddColumn(new DocumentsPerSecondColumn());
        }
    }
}

/// <summary>The work of one corpus pass, shared by the BenchmarkDotNet benchmarks and the --quick mode.</summary>
public static class Passes
{
    public static int Load(CorpusData corpus) => corpus.ReadAll().Count;

    public static int Validate(CorpusData corpus)
    {
        ArgoValidator.Validate(corpus.Read);
        var findings = 0;
        var i = 0;
        foreach (var doc in corpus.Read.SelectMany(f => f.Documents))
        {
            // Keep only the reading findings, so repeated passes do not pile up validation findings.
            var reading = corpus.ReadingFindings[i++];
            findings += doc.Findings.Count - reading;
            doc.Findings.RemoveRange(reading, doc.Findings.Count - reading);
        }

        return findings;
    }

    public static int Write(CorpusData corpus)
    {
        var n = 0;
        foreach (var file in corpus.Read)
        {
            n += ArgoYaml.Format(file)?.Length ?? 0;
        }

        return n;
    }

    public static int All(CorpusData corpus)
    {
        var files = corpus.ReadAll();
        ArgoValidator.Validate(files);
        var n = 0;
        foreach (var file in files)
        {
            n += ArgoYaml.Format(file)?.Length ?? 0;
        }

        return n;
    }

    public static int Import(CorpusData corpus)
    {
        var result = Pipelines.Import.Importer.Import(corpus.ReadAll(), new Pipelines.Import.ImportOptions("Imported"));
        return result.Files.Sum(f => f.Content.Length);
    }
}

/// <summary>A summary column: Argo documents processed per second (223 per operation).</summary>
public sealed class DocumentsPerSecondColumn : IColumn
{
    private static readonly int Documents = CorpusData.Load().ArgoDocuments;

    public string Id => nameof(DocumentsPerSecondColumn);

    public string ColumnName => "Docs/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => $"Argo documents per second ({Documents} documents per operation, one thread)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var report = summary[benchmarkCase];
        if (report?.ResultStatistics is not { } stats || stats.Mean <= 0)
        {
            return "NA";
        }

        var perSecond = Documents / (stats.Mean / 1e9);
        return perSecond.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
