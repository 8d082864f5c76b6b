using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace Pipelines.Graphs.Tests;

/// <summary>Every Argo document of Argo's examples draws in each format, and each output is well-formed.</summary>
public sealed class CorpusDiagramTests
{
    public static TheoryData<string> Files() => Corpus.ExampleFileData();

    [CorpusTheory]
    [MemberData(nameof(Files))]
    public void Every_document_draws_in_every_text_format(string relative)
    {
        Corpus.Require();
        foreach (var (name, document) in CorpusDocuments.Of(relative))
        {
            var diagram = WorkflowDiagrams.Build(document);
            var nodes = diagram.AllNodes.Count();
            Assert.True(nodes > 0, name + ": no nodes");

            var mermaid = TextDiagrams.ToMermaid(diagram);
            var errors = MermaidGrammar.Check(mermaid);
            Assert.True(errors.Count == 0, name + ": Mermaid grammar: " + string.Join("; ", errors) + "\n" + mermaid);

            var dot = TextDiagrams.ToDot(diagram);
            Assert.StartsWith("digraph workflow {\n", dot, StringComparison.Ordinal);
            Assert.EndsWith("}\n", dot, StringComparison.Ordinal);

            var svg = XDocument.Parse(SvgDiagram.ToSvg(diagram));
            Assert.Equal(nodes, SvgChecks.Nodes(svg).Count);
            Assert.Empty(SvgChecks.Overlaps(svg));
        }
    }

    [CorpusFact]
    public void The_corpus_has_documents_to_draw()
    {
        Corpus.Require();
        Assert.True(CorpusDocuments.All().Count >= 150, "fewer Argo documents than expected in " + Corpus.ExamplesDirectory);
    }

    /// <summary>Graphviz accepts every DOT file (one dot process per document).</summary>
    [ToolFact("dot", "graphviz")]
    public void Graphviz_accepts_the_dot_of_every_corpus_document()
    {
        Corpus.Require();
        var dot = Tools.Require("dot", "graphviz");
        var failures = new List<string>();
        var documents = CorpusDocuments.All();
        foreach (var (name, document) in documents)
        {
            var (code, error) = Run(dot, "-Tsvg", TextDiagrams.ToDot(WorkflowDiagrams.Build(document)));
            if (code != 0 || error.Contains("syntax error", StringComparison.Ordinal))
            {
                failures.Add($"{name}: dot exited {code}: {error}");
            }
        }

        Assert.True(documents.Count > 0);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [ToolFact("dot", "graphviz")]
    public void Graphviz_rejects_broken_dot_so_the_check_above_can_fail()
    {
        var (code, _) = Run(Tools.Require("dot", "graphviz"), "-Tsvg", "digraph { a -> ; }");
        Assert.NotEqual(0, code);
    }

    internal static (int Code, string Error) Run(string program, string args, string stdin)
    {
        var info = new ProcessStartInfo(program, args)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var p = Process.Start(info)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        p.StandardInput.Write(stdin);
        p.StandardInput.Close();
        p.WaitForExit();
        _ = output.Result;
        return (p.ExitCode, error.Result);
    }
}
