using System;
using System.Collections.Generic;
using Pipelines.Argo.Model;

namespace Pipelines.Argo.Validation.Flow;

/// <summary>A step or DAG task as seen from references to it: where it is and what its template produces.</summary>
internal sealed class FlowNode
{
    public FlowNode(string name, int index, int group, Template? template, bool aggregate, bool loops, bool hasHooks)
    {
        Name = name;
        Index = index;
        Group = group;
        Template = template;
        Aggregate = aggregate;
        Loops = loops;
        HasHooks = hasHooks;
    }

    public string Name { get; }

    /// <summary>Task index in the DAG, or step index inside its group.</summary>
    public int Index { get; }

    /// <summary>Step group index (steps only; 0 for tasks).</summary>
    public int Group { get; }

    /// <summary>The template it calls, or null when that cannot be resolved (then any output is accepted).</summary>
    public Template? Template { get; }

    /// <summary>Loops with withItems or withParam: aggregated outputs exist.</summary>
    public bool Aggregate { get; }

    /// <summary>Loops with withItems, withParam or withSequence.</summary>
    public bool Loops { get; }

    /// <summary>Has lifecycle hooks (may reference its own status and outputs).</summary>
    public bool HasHooks { get; }

    /// <summary>
    /// Checks an attribute such as <c>outputs.parameters.x</c> or <c>exitCode</c> (not <c>status</c>) against what the
    /// template produces; null when valid, else the reason.
    /// </summary>
    public string? CheckAttribute(string attribute)
    {
        switch (attribute)
        {
            case "id":
            case "startedAt":
            case "finishedAt":
            case "hostNodeName":
                return null;
        }

        if (Template is not { } t)
        {
            return null;
        }

        const string parameters = "outputs.parameters.";
        const string artifacts = "outputs.artifacts.";
        switch (attribute)
        {
            case "ip":
                return t.Daemon == true ? null : $"'{Name}' is not a daemon template (daemon: true), so it has no ip";
            case "outputs.result":
            case "exitCode":
                return FlowTemplates.HasResult(t) || (Aggregate && (t.Script is not null || t.ContainerSet is not null))
                    ? null
                    : $"the template of '{Name}' produces no stdout result (only container, containerSet with a 'main' container, script, data, http and plugin templates do)";
            case "outputs.parameters":
                return Aggregate ? null : $"the aggregated {{{{...outputs.parameters}}}} only exists for a loop (withItems or withParam); '{Name}' has none";
        }

        if (attribute.StartsWith(parameters, StringComparison.Ordinal))
        {
            return CheckDeclared(attribute.Substring(parameters.Length), t.Outputs?.Parameters?.ConvertAll(p => p?.Name), "output parameter");
        }

        if (attribute.StartsWith(artifacts, StringComparison.Ordinal))
        {
            return CheckDeclared(attribute.Substring(artifacts.Length), t.Outputs?.Artifacts?.ConvertAll(a => a?.Name), "output artifact");
        }

        return $"'{attribute}' is not something a step or task provides (id, status, startedAt, finishedAt, hostNodeName, ip, exitCode, outputs.result, outputs.parameters.NAME, outputs.artifacts.NAME)";
    }

    private string? CheckDeclared(string name, List<string?>? declared, string what)
    {
        var names = new List<string>();
        foreach (var d in declared ?? [])
        {
            if (d is not null)
            {
                names.Add(d);
            }
        }

        if (names.Contains(name))
        {
            return null;
        }

        var suggestion = ModelReader.Suggest(name, names);
        return $"the template of '{Name}' declares no {what} '{name}'" + (suggestion is null ? string.Empty : $"; did you mean '{suggestion}'?");
    }
}
