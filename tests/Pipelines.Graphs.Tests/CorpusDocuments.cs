using System.Collections.Generic;
using System.IO;
using System.Linq;
using Pipelines.Argo;
using Pipelines.Argo.Model;

namespace Pipelines.Graphs.Tests;

/// <summary>The Argo documents of the corpus examples.</summary>
internal static class CorpusDocuments
{
    public static IEnumerable<(string Name, IArgoObject Object)> Of(string relative)
    {
        var file = ArgoYaml.ReadFile(Path.Combine(Corpus.ExamplesDirectory, relative));
        return file.Documents.Where(d => WorkflowDiagrams.CanDraw(d.Object)).Select(d => (relative + "#" + d.Index, d.Object!));
    }

    public static List<(string Name, IArgoObject Object)> All() =>
        Corpus.ExampleFiles().SelectMany(Of).ToList();
}
