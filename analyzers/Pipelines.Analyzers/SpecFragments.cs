using System.Collections.Generic;
using System.Linq;
using Pipelines.Generator;
using Pipelines.Generator.Model;

namespace Pipelines.Analyzers;

/// <summary>
/// What the workflow-level <c>[Spec]</c>/<c>[Patch]</c> fragments of a class set (code written by hand or by
/// <c>pipelines import</c> may give the entrypoint or the arguments there instead of in attributes), so the checks that
/// look for those do not report what a fragment already supplies.
/// </summary>
internal static class SpecFragments
{
    /// <summary>The workflow-level fragments (path <c>spec</c>, or <c>spec.workflowSpec</c> of a CronWorkflow) as JSON.</summary>
    private static IEnumerable<JsonNode> WorkflowLevel(WorkflowSpec spec) =>
        (spec.Fragments ?? ImmutableEquatableArray<FragmentSpec>.Empty)
            .Where(f => f.Path == (spec.Kind == WorkflowKind.CronWorkflow ? "spec.workflowSpec" : "spec"))
            .Select(f => JsonNode.Parse(f.Json, out _))
            .Where(j => j is { Kind: JsonKind.Object })
            .Select(j => j!);

    /// <summary>True when a fragment sets <c>entrypoint</c>.</summary>
    public static bool SetEntrypoint(WorkflowSpec spec) => WorkflowLevel(spec).Any(j => j.Get("entrypoint") is not null);

    /// <summary>The names of the argument parameters that fragments declare.</summary>
    public static IEnumerable<string> ArgumentNames(WorkflowSpec spec) =>
        WorkflowLevel(spec)
            .Select(j => j.Get("arguments")?.Get("parameters"))
            .Where(p => p is { Kind: JsonKind.Array })
            .SelectMany(p => p!.Items)
            .Select(p => p.Kind == JsonKind.Object ? p.NameField : null)
            .Where(n => n is not null)
            .Select(n => n!);
}
