using System;
using System.Collections.Generic;
using System.Linq;
using Pipelines.Graphs;

namespace Pipelines.Build.Tasks;

public sealed partial class EmitArgoManifests
{
    /// <summary>The header of a Mermaid diagram file; the build owns files that carry it.</summary>
    internal const string DiagramHeader = "<!-- Written by the Pipelines build (PipelinesDiagrams=mermaid); do not edit: rebuild instead. -->";

    /// <summary>One diagram per manifest when <see cref="Diagrams"/> asks for them, in manifest file-name order.</summary>
    private List<PlannedFile> PlanDiagrams(List<Output> outputs)
    {
        var kind = (Diagrams ?? string.Empty).Trim();
        if (kind.Length == 0)
        {
            return [];
        }

        var mermaid = string.Equals(kind, "mermaid", StringComparison.OrdinalIgnoreCase);
        if (!mermaid && !string.Equals(kind, "svg", StringComparison.OrdinalIgnoreCase))
        {
            Report(BuildCodes.DiagramsSettingInvalid, $"PipelinesDiagrams is '{kind}'; set it to mermaid (a Markdown file with a Mermaid block beside each manifest), svg, or leave it empty for no diagrams", ProjectDirectory);
            return [];
        }

        var files = new List<PlannedFile>();
        foreach (var output in outputs.OrderBy(o => o.FileName, StringComparer.Ordinal))
        {
            var document = output.Entry.File.Documents[0].Object!;
            var diagram = WorkflowDiagrams.Build(document);
            var stem = output.FileName.Substring(0, output.FileName.Length - ".yaml".Length);
            var text = mermaid
                ? DiagramHeader + "\n\n# " + output.Kind + " " + output.Name + "\n\nFrom [" + output.FileName + "](" + output.FileName + ").\n\n```mermaid\n" + TextDiagrams.ToMermaid(diagram) + "```\n"
                : SvgDiagram.ToSvg(diagram);
            files.Add(new PlannedFile(stem + (mermaid ? ".mermaid.md" : ".svg"), Utf8.GetBytes(text), null, output.Entry.Source.Id));
        }

        return files;
    }
}
